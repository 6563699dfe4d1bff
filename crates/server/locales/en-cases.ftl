# Case forms (en): a new case, adding people (search before create), notes and tasks.

back-to-case = Back to the case
error-invalid-value = This value is not valid.
error-invalid-country = Enter a three-letter country code, such as THA, LAO or MMR.
person-search-label = Name, phone number or ID number
person-search-too-short = Type at least two characters to search.
person-search-first = Search first. The form to record a new person appears after the search.
person-name = Name
person-in-this-case = Already in this case
person-role = Role in this case
person-choose-role = Choose a role
person-add-to-case = Add to this case
person-already-in-case = This person already has this role in the case.
person-names-hint = Give a given name, a family name or both; or a full name, for names without a family name (Burmese names, for example).
person-name-required = Enter a given name, a family name or a full name.
person-given-name = Given name
person-family-name = Family name
person-full-name = Full name
person-date-of-birth = Date of birth
person-gender = Gender
person-nationality = Nationality
person-nationality-hint = A three-letter country code, for example THA (Thailand), LAO (Laos) or MMR (Myanmar).
person-id-number = ID card or passport number
person-victim-hint = A victim's identity is hidden from the start: the case page shows only initials and an age band.
person-create-submit = Create and add to the case

## Editing a case, the timeline, tasks
edit-case = Edit case
edit-case-title = Edit case
edit-case-history-hint = Every change is kept in the case's history, with what the status and classification were before.
task-reopen = Reopen
event-undated = Date not known
event-apps = Apps used
cases-filter-member-me = My cases

## HTCDS methods of control
field-control-methods = Methods of control
control-physical_threats = Physical threats
control-threats_of_law_enforcement = Threats of arrest or deportation
control-threats_to_children_or_family = Threats to children or family
control-debt_bondage = Debt bondage
control-false_promises = False promises
control-physical_abuse = Physical abuse
control-sexual_abuse = Sexual abuse
control-takes_earnings = Takes earnings
control-restricts_financial_access = Restricts access to money
control-restricts_medical_care = Restricts medical care
control-withholds_necessities = Withholds food, water or sleep
control-psychological_abuse = Psychological abuse
control-psychoactive_substances = Drugs or alcohol
control-excessive_working_hours = Excessive working hours
control-withholds_documents = Withholds identity documents
control-other = Other
event-apps-hint = separated by commas, e.g. LINE, Facebook
event-notes = What happened
