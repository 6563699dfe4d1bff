# reveal pages (en)
# Revealing a survivor's identity on purpose, and a case's own audit history.
# Never put a survivor's name or any other case content in these texts.

## Reveal

reveal-title = Reveal a protected identity
reveal-back-to-case = Back to the case
reveal-person = Person
reveal-age-band = Age band
reveal-roles = Role in this case
reveal-reason-optional-hint = You may give a reason. Every reveal is recorded in the audit log with your name.
reveal-shown-title = Revealed identity
reveal-reason-given = Reason given
reveal-not-protected = This record is not protected, so nothing was hidden and nothing was recorded.
reveal-not-sticky = The identity is shown on this page only. It is hidden again everywhere else, and you must reveal it again to see it.
reveal-attributes = Other details
reveal-name = Name
reveal-given-name = Given name
reveal-family-name = Family name
reveal-date-of-birth = Date of birth
reveal-gender = Gender
reveal-nationality = Nationality
reveal-id-number = ID number
reveal-identifier = Identifier
reveal-attr-notes = Notes
reveal-attr-locality = Locality
reveal-attr-postcode = Postcode
reveal-attr-country = Country
reveal-attr-make = Make
reveal-attr-model = Model
reveal-attr-colour = Colour
reveal-attr-bank = Bank
reveal-attr-platform = Platform

## Case history

history-intro = Who did what in this case, newest first. Reveals of this case's people are listed too.
history-limited = Only the latest { $count } entries are shown.
history-when = When
history-who = Who
history-what = What
history-outcome = Outcome
history-time = { $date }, { $time } UTC
history-system = System
history-a-person = a person
history-outcome-ok = Done
history-outcome-denied = Refused
history-outcome-failed = Failed

## What an audit entry records

audit-action-case-create = Opened the case
audit-action-case-update = Changed the case
audit-action-case-team_add = Added a team member
audit-action-case-team_remove = Removed a team member
audit-action-case-event_add = Recorded a trafficking event
audit-action-case-note_add = Added a note
audit-action-case-task_add = Added a task
audit-action-case-task_update = Updated a task
audit-action-case-party_add = Added a person to the case
audit-action-party-create = Recorded a person
audit-action-party-reveal = Revealed a protected identity
audit-action-link-create = Recorded a link
audit-action-access-refused = Tried to open a record outside their access
audit-action-access-forbidden = Tried an action their role does not allow
audit-action-other = Other action ({ $code })
