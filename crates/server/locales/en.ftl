# counternet interface: English (the reference language).
#
# Every message here must exist in th.ftl, lo.ftl and my.ftl with the same variables
# (a test in crates/server/src/ui/i18n.rs fails otherwise).
# Vocabulary ids end with the stored code, exactly as in crates/domain/src/vocab.rs and access.rs.
# Never put a survivor's name or any other case content in these texts.

## Common

app-name = counternet
quick-exit = Quick exit
quick-exit-hint = Leaves counternet at once and opens an ordinary website. Use it if someone may be watching your screen.
skip-to-content = Skip to main content
main-navigation = Main navigation
nav-home = Home
nav-cases = Cases
nav-new-case = New case
nav-admin = Administration
nav-language = Language
signed-in-as = Signed in as { $name }
sign-out = Sign out
save = Save
saved = Your changes were saved.
cancel = Cancel
confirm = Confirm
edit = Edit
close = Close
back = Back
details = Details
actions = Actions
search = Search
filter = Filter
clear-filters = Clear filters
pagination = Pages
previous-page = Previous page
next-page = Next page
page-of = Page { $page } of { $pages }
required = required
optional = optional
yes = Yes
no = No
none = None
unknown = Unknown
not-set = Not set
masked-value = Hidden
loading = Loading…
error-title = Error
error-generic-title = Something went wrong
error-generic = Something went wrong; quote error id { $id } to your administrator.
not-found = The page or record you asked for was not found.
forbidden = You are not allowed to do this.
session-expired = Your session has expired. Please sign in again.

## Login

login-title = Sign in
login-username = Username
login-password = Password
login-submit = Sign in
login-failed = Wrong username or password.
login-throttled = Too many failed attempts. Wait 15 minutes, then try again.
login-shared-device-hint = On a shared computer, always sign out when you have finished.
signed-out = You have signed out.

## Home

home-title = Home
home-welcome = Welcome, { $name }
home-my-cases = My cases
home-no-cases = You are not on any case team yet.
home-tasks-due = Tasks due soon
home-tasks-overdue = Overdue tasks
home-no-tasks = You have no open tasks.
home-deadlines = Upcoming deadlines
due-today = Due today
due-in-days =
    { $days ->
        [one] Due in { $days } day
       *[other] Due in { $days } days
    }
overdue-by-days =
    { $days ->
        [one] Overdue by { $days } day
       *[other] Overdue by { $days } days
    }

## Case list

cases-title = Cases
cases-filter-status = Status
cases-filter-tactic = Tactic
cases-filter-exploitation = Type of exploitation
cases-filter-member = Team member
cases-filter-opened-from = Opened from
cases-filter-opened-to = Opened until
cases-search = Search by reference or title
cases-none = No cases match these filters.
cases-count =
    { $count ->
        [one] { $count } case
       *[other] { $count } cases
    }
case-reference = Reference
case-title = Title
case-status = Status
case-opened = Opened
case-tactics = Tactics

## Case page

case-overview = Overview
case-people = People
case-events = Trafficking events
case-links = Links
case-notes = Notes
case-tasks = Tasks
case-history = History
case-team = Team
case-summary = Summary
case-add-note = Add note
case-add-task = Add task
case-no-people = No people have been added to this case.
case-no-events = No trafficking events have been recorded.
case-no-links = No links have been recorded.
case-no-notes = No notes yet.
case-no-tasks = No tasks yet.
note-text = Note
task-title = Task
task-due = Due
task-done = Done
task-mark-done = Mark as done
task-overdue = Overdue
task-assignee = Assigned to
event-stage = Stage
event-date = Date
event-place = Place
event-country = Country
link-from = From
link-to = To
link-kind = Relationship
link-source = Source
link-confidence = Confidence
person-masked-hint = Identity hidden to protect the survivor.
reveal = Reveal
reveal-reason = Reason for revealing
reveal-reason-required = Give a reason to reveal this identity. Every reveal is recorded.
revealed-by-you = Revealed by you. This was recorded in the audit log.
add-person = Add person
search-before-create-hint = Search first: this person may already be recorded, in this case or another one.
possible-matches = Possible matches
no-matches = No matches found.
create-new-person = Create a new person

## New case

new-case-title = New case
new-case-submit = Open case
field-title = Title
field-title-hint = A short working title. Do not put a survivor's name in it.
field-summary = Summary
field-opened-on = Opened on
field-status = Status
field-tactics = Tactics
field-exploitation = Types of exploitation

## Vocabulary: tactics (the organisation's eight tactics)

tactic-victim_identification = Victim identification
tactic-perpetrator_identification = Perpetrator identification
tactic-asset_seizure = Asset seizure
tactic-exploitation_spectrum = Spectrum of exploitation
tactic-law_enforcement_partnership = Law enforcement partnership
tactic-judicial_advocacy = Judicial advocacy
tactic-victim_compensation = Victim compensation
tactic-survivor_follow_up = Survivor follow-up

## Vocabulary: case status (HTCDS)

status-active = Active
status-follow_up = Follow-up
status-closed = Closed
status-closed_referred = Closed (referred)

## Vocabulary: type of exploitation (HTCDS)

exploitation-forced_labour = Forced labour
exploitation-sexual_exploitation = Sexual exploitation
exploitation-child_labour = Child labour
exploitation-forced_marriage = Forced marriage
exploitation-servitude = Servitude
exploitation-forced_military = Forced military service (non-state)
exploitation-organ_removal = Organ removal
exploitation-forced_begging = Forced begging
exploitation-forced_adoption = Forced adoption
exploitation-surrogacy = Forced surrogacy
exploitation-prostitution = Prostitution
exploitation-pornography = Pornography
exploitation-remote_interactive_services = Online sexual exploitation (remote interactive services)
exploitation-private_sexual_services = Private sexual services
exploitation-other = Other

## Vocabulary: stage of a trafficking event

stage-recruitment = Recruitment
stage-transit = Transit
stage-exploitation = Exploitation

## Vocabulary: method of recruitment (HTCDS)

recruitment-place_of_business = Place of business
recruitment-educational_institution = School or college
recruitment-at_work = At work
recruitment-online_social_networks = Online social networks
recruitment-online_advert = Online advertisement
recruitment-tv_advert = TV advertisement
recruitment-newspaper_advert = Newspaper advertisement
recruitment-family = Family
recruitment-friends = Friends
recruitment-other = Other

## Vocabulary: organisation types (HTCDS)

org-type-ngo = NGO
org-type-law_enforcement = Law enforcement
org-type-health_service = Health service
org-type-central_government = Central government
org-type-local_government = Local government
org-type-immigration = Immigration
org-type-legal_service = Legal service
org-type-corporate = Company
org-type-school_or_college = School or college

## Vocabulary: gender (HTCDS)

gender-feminine = Female
gender-masculine = Male
gender-transgender_feminine = Transgender woman
gender-transgender_masculine = Transgender man
gender-non_conforming = Gender non-conforming
gender-unknown = Unknown

## Vocabulary: kinds of party

party-kind-person = Person
party-kind-organisation = Organisation
party-kind-phone = Phone number
party-kind-email = E-mail address
party-kind-address = Address
party-kind-vehicle = Vehicle
party-kind-bank_account = Bank account
party-kind-online_account = Online account

## Vocabulary: a party's role in a case

role-victim = Victim
role-perpetrator = Perpetrator
role-witness = Witness
role-guardian = Guardian
role-informant = Informant
role-subject = Other party of interest

## Vocabulary: perpetrator's role in the process (HTCDS)

perpetrator-role-travelling_partner = Travelling companion
perpetrator-role-transporter = Transporter
perpetrator-role-recruiter_or_intermediary = Recruiter or intermediary
perpetrator-role-broker_or_travel_agent = Broker or travel agent
perpetrator-role-transferred_harboured_sold_bought_received_controlled = Transferred, harboured, sold, bought, received or controlled the victim
perpetrator-role-smuggler = Smuggler
perpetrator-role-abuser = Abuser
perpetrator-role-kidnapper = Kidnapper
perpetrator-role-exploiter = Exploiter
perpetrator-role-other = Other

## Vocabulary: kinds of link between two parties

link-kind-family = Family
link-kind-associate = Associate
link-kind-employs = Employs
link-kind-owns = Owns
link-kind-directs = Directs
link-kind-uses_phone = Uses phone
link-kind-uses_email = Uses e-mail
link-kind-uses_account = Uses account
link-kind-lives_at = Lives at
link-kind-recruited = Recruited
link-kind-transported = Transported
link-kind-exploited = Exploited
link-kind-paid = Paid
link-kind-called = Called
link-kind-unknown = Unknown

## Vocabulary: where a link's information came from

link-source-interview = Interview
link-source-police_referral = Police referral
link-source-document = Document
link-source-bank_record = Bank record
link-source-call_record = Call record
link-source-open_source = Open source
link-source-partner = Partner organisation
link-source-investigation = Investigation
link-source-other = Other

## Vocabulary: confidence in a link

confidence-low = Low
confidence-medium = Medium
confidence-high = High
confidence-confirmed = Confirmed

## Vocabulary: user roles

user-role-investigator = Investigator
user-role-lawyer = Lawyer
user-role-social_worker = Social worker
user-role-analyst = Analyst
user-role-manager = Manager
user-role-partner_liaison = Partner liaison
user-role-auditor = Auditor
user-role-administrator = Administrator

## Administration

admin-title = Administration
admin-users = Users
admin-organisations = Organisations
admin-new-user = New user
admin-new-organisation = New organisation
admin-disable = Disable
admin-enable = Enable
admin-reset-password = Reset password
admin-username = Username
admin-display-name = Display name
admin-role = Role
admin-organisation = Organisation
admin-organisation-name = Organisation name
admin-org-type = Organisation type
admin-status = Status
admin-active = Active
admin-disabled = Disabled
admin-user-created = User { $username } was created.
admin-confirm-disable = Disable { $username }? They will no longer be able to sign in.

## Form errors

error-required-field = { $field } is required.
error-invalid-date = Enter a valid date.
error-date-in-future = The date cannot be in the future.
error-date-order = The start date must be on or before the end date.
error-too-long = This text is too long.
error-invalid-choice = Choose one of the options offered.
error-csrf = This form has expired. Reload the page and try again.

## Language

language-title = Language
language-buddhist-era = Show years in the Buddhist era (B.E.)
language-buddhist-era-hint = For example, 2026 is shown as 2569.
language-saved = Your language setting was saved.

## E-mail and notification texts.
## They never carry names or case content: only a case reference, a date and a link.

notify-greeting = Hello { $name },
notify-footer = This message was sent automatically by counternet. It contains no case details; sign in to see them. If you did not expect it, tell your administrator.
notify-task-assigned-subject = New task on case { $reference }
notify-task-assigned-body = A task on case { $reference } was assigned to you. Sign in to counternet to see it.
notify-task-due-subject = Task due on case { $reference }
notify-task-due-body = A task of yours on case { $reference } is due on { $date }.
notify-team-added-subject = You were added to case { $reference }
notify-team-added-body = You were added to the team of case { $reference }. Sign in to counternet to see it.
notify-referral-received-subject = New referral from { $organisation }
notify-referral-received-body = { $organisation } sent a referral to your organisation. Sign in to counternet to accept or decline it.
notify-account-created-subject = Your counternet account
notify-account-created-body =
    An account was created for you with the username { $username }. Set your password with this link: { $link }
    The link works once and expires in { $hours ->
        [one] { $hours } hour.
       *[other] { $hours } hours.
    }
notify-password-reset-subject = Set a new counternet password
notify-password-reset-body =
    An administrator created a link for you to set a new password: { $link }
    The link works once and expires in { $hours ->
        [one] { $hours } hour.
       *[other] { $hours } hours.
    } If you did not ask for this, tell your administrator.

# The role a party has in a case (column heading).
case-role = Role in the case
case-add-event = Record a trafficking event
event-recruitment-method = How they were recruited

## The one-time set-up page
setup-title = Set up counternet
setup-intro = Name your organisation and create the first administrator. This link works once.
setup-organisation = Your organisation's name
setup-username = Administrator username
setup-password = Password (at least 12 characters)
setup-password-again = Password again
setup-submit = Create the administrator
setup-invalid-link = This set-up link is not valid: it was used already, it expired, or it is mistyped. Restart counternet to print a new one while no administrator exists.
setup-passwords-differ = The two passwords differ.
setup-error-password = The password must be 12 to 1024 characters long.
setup-error-username = Choose another username: 3 to 64 letters, digits, dots, dashes or underscores, not in use yet.
setup-error-organisation = Give your organisation's name (up to 200 characters).
setup-ready-title = counternet is ready
setup-ready = The administrator { $username } exists. Sign in and create your colleagues' accounts.
