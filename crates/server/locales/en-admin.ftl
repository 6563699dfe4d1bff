# admin pages (en)
nav-account = My account

## Administration: users and organisations

admin-you = (you)
admin-password = Password
admin-new-password = New password
admin-password-repeat = Repeat the password
admin-password-hint = At least { $min } characters.
admin-create-user = Create user
admin-register-organisation = Register organisation
admin-partner-role-hint = Users of a partner organisation can only be partner liaisons.
admin-partner = Partner
admin-own-organisation = Own organisation
admin-country = Country (three-letter code such as THA, LAO or MMR)
admin-country-short = Country
admin-user-disabled = { $username } was disabled; their sessions have ended.
admin-user-enabled = { $username } can sign in again.
admin-password-was-reset = A new password was set for { $username }; their sessions have ended.
admin-org-created = { $name } was registered.
admin-error-too-short = { $field }: use at least { $min } characters.
admin-error-too-long = { $field }: this text is too long.
admin-error-invalid = { $field }: this value is not valid.
admin-error-username = { $field }: use 3 to 64 letters, digits, dots, hyphens or underscores.
admin-error-username-taken = { $field }: this username is already in use.
admin-error-partner-role = { $field }: users of a partner organisation can only be partner liaisons.
admin-error-country = { $field }: enter a three-letter country code such as THA, LAO or MMR.
admin-error-choice = { $field }: choose one of the options offered.
admin-error-password-mismatch = { $field }: the two passwords are not the same.
admin-error-wrong-password = { $field }: this is not your current password.
admin-error-disable-self = You cannot disable your own account.
admin-error-last-member = A case keeps at least one team member. Add a colleague before removing the last one.

## A case's team

team-title = Team of case { $reference }
team-members = Members
team-member = Member
team-added-on = Added on
team-add = Add to the team
team-colleague = Colleague
team-no-candidates = Every colleague who works on cases is already on this team.
team-remove = Remove
team-remove-member = Remove { $username } from the team
team-added = The colleague was added to the team.
team-removed = The colleague was removed from the team.
team-back-to-case = Back to the case

## My account

account-title = My account
account-display = Display
account-change-password = Change password
account-current-password = Current password
account-new-password = New password
account-new-password-repeat = Repeat the new password
account-password-hint = At least { $min } characters. Changing your password signs you out everywhere.
account-password-changed = Your password was changed and you were signed out everywhere. Sign in with your new password.
admin-change-role = Role
admin-role-changed = { $username } has a new role; their sessions have ended.
admin-error-role-self = You cannot change your own role.
