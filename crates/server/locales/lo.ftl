# counternet interface: Lao (ພາສາລາວ).
#
# Same message ids and variables as en.ftl. Legal terms follow the Lao Law on Anti-Human
# Trafficking (2015): ການຄ້າມະນຸດ, ຜູ້ຖືກເຄາະຮ້າຍ, ການຂູດຮີດ. Use Lao script only: Thai letters
# look alike but are other characters (a test checks this).

## Common

app-name = counternet
quick-exit = ອອກດ່ວນ
quick-exit-hint = ອອກຈາກ counternet ທັນທີ ແລະ ເປີດເວັບໄຊທົ່ວໄປແທນ. ໃຊ້ເມື່ອອາດມີຄົນເບິ່ງໜ້າຈໍຂອງທ່ານຢູ່.
skip-to-content = ຂ້າມໄປຫາເນື້ອຫາຫຼັກ
main-navigation = ເມນູຫຼັກ
nav-home = ໜ້າຫຼັກ
nav-cases = ກໍລະນີ
nav-new-case = ເປີດກໍລະນີໃໝ່
nav-admin = ການຄຸ້ມຄອງລະບົບ
nav-language = ພາສາ
signed-in-as = ເຂົ້າສູ່ລະບົບໃນນາມ { $name }
sign-out = ອອກຈາກລະບົບ
save = ບັນທຶກ
saved = ບັນທຶກການປ່ຽນແປງແລ້ວ.
cancel = ຍົກເລີກ
confirm = ຢືນຢັນ
edit = ແກ້ໄຂ
close = ປິດ
back = ກັບຄືນ
details = ລາຍລະອຽດ
actions = ການດຳເນີນການ
search = ຄົ້ນຫາ
filter = ກັ່ນຕອງ
clear-filters = ລຶບຕົວກັ່ນຕອງ
pagination = ໜ້າ
previous-page = ໜ້າກ່ອນ
next-page = ໜ້າຕໍ່ໄປ
page-of = ໜ້າ { $page } ຈາກ { $pages }
required = ຈຳເປັນ
optional = ບໍ່ບັງຄັບ
yes = ແມ່ນ
no = ບໍ່ແມ່ນ
none = ບໍ່ມີ
unknown = ບໍ່ຮູ້
not-set = ຍັງບໍ່ໄດ້ລະບຸ
masked-value = ປິດບັງໄວ້
loading = ກຳລັງໂຫຼດ…
error-title = ຂໍ້ຜິດພາດ
error-generic-title = ມີບາງຢ່າງຜິດພາດ
error-generic = ມີບາງຢ່າງຜິດພາດ; ກະລຸນາແຈ້ງລະຫັດຂໍ້ຜິດພາດ { $id } ໃຫ້ຜູ້ຄຸ້ມຄອງລະບົບຂອງທ່ານ.
not-found = ບໍ່ພົບໜ້າ ຫຼື ຂໍ້ມູນທີ່ທ່ານຕ້ອງການ.
forbidden = ທ່ານບໍ່ມີສິດເຮັດສິ່ງນີ້.
session-expired = ການເຂົ້າໃຊ້ລະບົບຂອງທ່ານໝົດເວລາແລ້ວ. ກະລຸນາເຂົ້າສູ່ລະບົບອີກຄັ້ງ.

## Login

login-title = ເຂົ້າສູ່ລະບົບ
login-username = ຊື່ຜູ້ໃຊ້
login-password = ລະຫັດຜ່ານ
login-submit = ເຂົ້າສູ່ລະບົບ
login-failed = ຊື່ຜູ້ໃຊ້ ຫຼື ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ.
login-throttled = ພະຍາຍາມເຂົ້າສູ່ລະບົບບໍ່ສຳເລັດຫຼາຍເທື່ອເກີນໄປ. ກະລຸນາລໍຖ້າ 15 ນາທີ ແລ້ວລອງໃໝ່.
login-shared-device-hint = ຖ້າໃຊ້ຄອມພິວເຕີຮ່ວມກັບຄົນອື່ນ, ກະລຸນາອອກຈາກລະບົບທຸກຄັ້ງເມື່ອໃຊ້ງານແລ້ວ.
signed-out = ທ່ານໄດ້ອອກຈາກລະບົບແລ້ວ.

## Home

home-title = ໜ້າຫຼັກ
home-welcome = ຍິນດີຕ້ອນຮັບ, { $name }
home-my-cases = ກໍລະນີຂອງຂ້ອຍ
home-no-cases = ທ່ານຍັງບໍ່ທັນຢູ່ໃນທີມງານຂອງກໍລະນີໃດເທື່ອ.
home-tasks-due = ວຽກທີ່ໃກ້ຮອດກຳນົດ
home-tasks-overdue = ວຽກທີ່ກາຍກຳນົດ
home-no-tasks = ທ່ານບໍ່ມີວຽກທີ່ຄ້າງຢູ່.
home-deadlines = ກຳນົດເວລາທີ່ໃກ້ຈະມາເຖິງ
due-today = ຮອດກຳນົດມື້ນີ້
due-in-days = ຮອດກຳນົດໃນອີກ { $days } ມື້
overdue-by-days = ກາຍກຳນົດມາແລ້ວ { $days } ມື້

## Case list

cases-title = ກໍລະນີ
cases-filter-status = ສະຖານະ
cases-filter-tactic = ຍຸດທະວິທີ
cases-filter-exploitation = ຮູບແບບການຂູດຮີດ
cases-filter-member = ສະມາຊິກທີມ
cases-filter-opened-from = ເປີດຕັ້ງແຕ່ວັນທີ
cases-filter-opened-to = ເປີດຮອດວັນທີ
cases-search = ຄົ້ນຫາດ້ວຍເລກອ້າງອີງ ຫຼື ຊື່ກໍລະນີ
cases-none = ບໍ່ພົບກໍລະນີທີ່ກົງກັບຕົວກັ່ນຕອງນີ້.
cases-count = { $count } ກໍລະນີ
case-reference = ເລກອ້າງອີງ
case-title = ຊື່ກໍລະນີ
case-status = ສະຖານະ
case-opened = ວັນທີເປີດ
case-tactics = ຍຸດທະວິທີ

## Case page

case-overview = ພາບລວມ
case-people = ບຸກຄົນ
case-events = ເຫດການຄ້າມະນຸດ
case-links = ການເຊື່ອມໂຍງ
case-notes = ບັນທຶກ
case-tasks = ວຽກ
case-history = ປະຫວັດການແກ້ໄຂ
case-team = ທີມງານ
case-summary = ສະຫຼຸບກໍລະນີ
case-add-note = ເພີ່ມບັນທຶກ
case-add-task = ເພີ່ມວຽກ
case-no-people = ຍັງບໍ່ມີບຸກຄົນໃນກໍລະນີນີ້.
case-no-events = ຍັງບໍ່ມີການບັນທຶກເຫດການຄ້າມະນຸດ.
case-no-links = ຍັງບໍ່ມີການບັນທຶກການເຊື່ອມໂຍງ.
case-no-notes = ຍັງບໍ່ມີບັນທຶກ.
case-no-tasks = ຍັງບໍ່ມີວຽກ.
note-text = ບັນທຶກ
task-title = ວຽກ
task-due = ກຳນົດສຳເລັດ
task-done = ສຳເລັດແລ້ວ
task-mark-done = ໝາຍວ່າສຳເລັດແລ້ວ
task-overdue = ກາຍກຳນົດ
task-assignee = ຜູ້ຮັບຜິດຊອບ
event-stage = ຂັ້ນຕອນ
event-date = ວັນທີ
event-place = ສະຖານທີ່
event-country = ປະເທດ
link-from = ຈາກ
link-to = ເຖິງ
link-kind = ຄວາມສຳພັນ
link-source = ແຫຼ່ງຂໍ້ມູນ
link-confidence = ລະດັບຄວາມໜ້າເຊື່ອຖື
person-masked-hint = ປິດບັງຕົວຕົນໄວ້ເພື່ອປົກປ້ອງຜູ້ຖືກເຄາະຮ້າຍ.
reveal = ເປີດເຜີຍ
reveal-reason = ເຫດຜົນຂອງການເປີດເຜີຍ
reveal-reason-required = ກະລຸນາລະບຸເຫດຜົນໃນການເປີດເຜີຍຕົວຕົນນີ້. ທຸກການເປີດເຜີຍຈະຖືກບັນທຶກໄວ້.
revealed-by-you = ທ່ານເປັນຜູ້ເປີດເຜີຍ. ການເປີດເຜີຍນີ້ຖືກບັນທຶກໄວ້ໃນບັນທຶກການກວດສອບແລ້ວ.
add-person = ເພີ່ມບຸກຄົນ
search-before-create-hint = ກະລຸນາຄົ້ນຫາກ່ອນ: ບຸກຄົນນີ້ອາດມີຂໍ້ມູນຢູ່ແລ້ວ ໃນກໍລະນີນີ້ ຫຼື ກໍລະນີອື່ນ.
possible-matches = ຂໍ້ມູນທີ່ອາດກົງກັນ
no-matches = ບໍ່ພົບຂໍ້ມູນທີ່ກົງກັນ.
create-new-person = ສ້າງຂໍ້ມູນບຸກຄົນໃໝ່

## New case

new-case-title = ເປີດກໍລະນີໃໝ່
new-case-submit = ເປີດກໍລະນີ
field-title = ຊື່ກໍລະນີ
field-title-hint = ຊື່ເອີ້ນກໍລະນີແບບສັ້ນໆ. ຫ້າມໃສ່ຊື່ຂອງຜູ້ຖືກເຄາະຮ້າຍ.
field-summary = ສະຫຼຸບກໍລະນີ
field-opened-on = ວັນທີເປີດກໍລະນີ
field-status = ສະຖານະ
field-tactics = ຍຸດທະວິທີ
field-exploitation = ຮູບແບບການຂູດຮີດ

## Vocabulary: tactics (the organisation's eight tactics)

tactic-victim_identification = ການກຳນົດຕົວຜູ້ຖືກເຄາະຮ້າຍ
tactic-perpetrator_identification = ການກຳນົດຕົວຜູ້ກະທຳຜິດ
tactic-asset_seizure = ການຢຶດ ແລະ ອາຍັດຊັບສິນ
tactic-exploitation_spectrum = ການຂູດຮີດທຸກຮູບແບບ
tactic-law_enforcement_partnership = ການຮ່ວມມືກັບອົງການບັງຄັບໃຊ້ກົດໝາຍ
tactic-judicial_advocacy = ການສະໜັບສະໜູນຂະບວນການຍຸຕິທຳ
tactic-victim_compensation = ການຮຽກຮ້ອງຄ່າທົດແທນຄວາມເສຍຫາຍໃຫ້ຜູ້ຖືກເຄາະຮ້າຍ
tactic-survivor_follow_up = ການຕິດຕາມຊ່ວຍເຫຼືອຜູ້ຖືກເຄາະຮ້າຍ

## Vocabulary: case status (HTCDS)

status-active = ກຳລັງດຳເນີນການ
status-follow_up = ຕິດຕາມຜົນ
status-closed = ປິດແລ້ວ
status-closed_referred = ປິດແລ້ວ (ສົ່ງຕໍ່)

## Vocabulary: type of exploitation (HTCDS)

exploitation-forced_labour = ການບັງຄັບໃຊ້ແຮງງານ
exploitation-sexual_exploitation = ການຂູດຮີດທາງເພດ
exploitation-child_labour = ການໃຊ້ແຮງງານເດັກ
exploitation-forced_marriage = ການບັງຄັບແຕ່ງງານ
exploitation-servitude = ການເອົາຄົນລົງເປັນຂ້າທາດ ຫຼື ໃຫ້ຢູ່ໃນສະພາບຄ້າຍຄືຂ້າທາດ
exploitation-forced_military = ການບັງຄັບເປັນທະຫານ (ໂດຍກຸ່ມປະກອບອາວຸດທີ່ບໍ່ແມ່ນລັດ)
exploitation-organ_removal = ການບັງຄັບເອົາອະໄວຍະວະ
exploitation-forced_begging = ການບັງຄັບໃຫ້ຂໍທານ
exploitation-forced_adoption = ການບັງຄັບຍົກເດັກໃຫ້ເປັນລູກບຸນທຳ
exploitation-surrogacy = ການບັງຄັບໃຫ້ຖືພາແທນ
exploitation-prostitution = ການຄ້າປະເວນີ
exploitation-pornography = ການຜະລິດ ຫຼື ເຜີຍແຜ່ສື່ລາມົກ
exploitation-remote_interactive_services = ການຂູດຮີດທາງເພດຜ່ານອອນລາຍ (ການບໍລິການທາງເພດທາງໄກ)
exploitation-private_sexual_services = ການບໍລິການທາງເພດແບບສ່ວນຕົວ
exploitation-other = ອື່ນໆ

## Vocabulary: stage of a trafficking event

stage-recruitment = ການຈັດຫາ
stage-transit = ການເຄື່ອນຍ້າຍ
stage-exploitation = ການຂູດຮີດ

## Vocabulary: method of recruitment (HTCDS)

recruitment-place_of_business = ສະຖານປະກອບການ
recruitment-educational_institution = ສະຖາບັນການສຶກສາ
recruitment-at_work = ບ່ອນເຮັດວຽກ
recruitment-online_social_networks = ສື່ສັງຄົມອອນລາຍ
recruitment-online_advert = ໂຄສະນາອອນລາຍ
recruitment-tv_advert = ໂຄສະນາທາງໂທລະທັດ
recruitment-newspaper_advert = ໂຄສະນາທາງໜັງສືພິມ
recruitment-family = ຄອບຄົວ
recruitment-friends = ໝູ່ເພື່ອນ
recruitment-other = ອື່ນໆ

## Vocabulary: organisation types (HTCDS)

org-type-ngo = ອົງການຈັດຕັ້ງທີ່ບໍ່ແມ່ນລັດຖະບານ
org-type-law_enforcement = ອົງການບັງຄັບໃຊ້ກົດໝາຍ
org-type-health_service = ໜ່ວຍບໍລິການສາທາລະນະສຸກ
org-type-central_government = ອົງການລັດຖະບານສູນກາງ
org-type-local_government = ອົງການປົກຄອງທ້ອງຖິ່ນ
org-type-immigration = ກວດຄົນເຂົ້າເມືອງ
org-type-legal_service = ໜ່ວຍບໍລິການດ້ານກົດໝາຍ
org-type-corporate = ບໍລິສັດເອກະຊົນ
org-type-school_or_college = ໂຮງຮຽນ ຫຼື ວິທະຍາໄລ

## Vocabulary: gender (HTCDS)

gender-feminine = ຍິງ
gender-masculine = ຊາຍ
gender-transgender_feminine = ຍິງຂ້າມເພດ
gender-transgender_masculine = ຊາຍຂ້າມເພດ
gender-non_conforming = ບໍ່ຢູ່ໃນກອບເພດຊາຍຍິງ
gender-unknown = ບໍ່ຮູ້

## Vocabulary: kinds of party

party-kind-person = ບຸກຄົນ
party-kind-organisation = ອົງການ
party-kind-phone = ເບີໂທລະສັບ
party-kind-email = ອີເມວ
party-kind-address = ທີ່ຢູ່
party-kind-vehicle = ຍານພາຫະນະ
party-kind-bank_account = ບັນຊີທະນາຄານ
party-kind-online_account = ບັນຊີອອນລາຍ

## Vocabulary: a party's role in a case

role-victim = ຜູ້ຖືກເຄາະຮ້າຍ
role-perpetrator = ຜູ້ກະທຳຜິດ
role-witness = ພະຍານ
role-guardian = ຜູ້ປົກຄອງ
role-informant = ຜູ້ໃຫ້ຂ່າວ
role-subject = ບຸກຄົນ ຫຼື ສິ່ງອື່ນທີ່ກ່ຽວຂ້ອງ

## Vocabulary: perpetrator's role in the process (HTCDS)

perpetrator-role-travelling_partner = ຜູ້ຮ່ວມເດີນທາງ
perpetrator-role-transporter = ຜູ້ຂົນສົ່ງ
perpetrator-role-recruiter_or_intermediary = ຜູ້ຈັດຫາ ຫຼື ຄົນກາງ
perpetrator-role-broker_or_travel_agent = ນາຍໜ້າ ຫຼື ຕົວແທນການເດີນທາງ
perpetrator-role-transferred_harboured_sold_bought_received_controlled = ຜູ້ສົ່ງຕໍ່, ໃຫ້ທີ່ພັກເຊົາ, ຂາຍ, ຊື້, ຮັບເອົາ ຫຼື ຄວບຄຸມຜູ້ຖືກເຄາະຮ້າຍ
perpetrator-role-smuggler = ຜູ້ລັກລອບນຳຄົນເຂົ້າເມືອງ
perpetrator-role-abuser = ຜູ້ທຳຮ້າຍ ຫຼື ລ່ວງລະເມີດ
perpetrator-role-kidnapper = ຜູ້ລັກພາຕົວ
perpetrator-role-exploiter = ຜູ້ຂູດຮີດ
perpetrator-role-other = ອື່ນໆ

## Vocabulary: kinds of link between two parties

link-kind-family = ເປັນຍາດພີ່ນ້ອງ
link-kind-associate = ຮູ້ຈັກ ຫຼື ຮ່ວມງານກັນ
link-kind-employs = ຈ້າງງານ
link-kind-owns = ເປັນເຈົ້າຂອງ
link-kind-directs = ເປັນກຳມະການ ຫຼື ຜູ້ບໍລິຫານ
link-kind-uses_phone = ໃຊ້ເບີໂທລະສັບ
link-kind-uses_email = ໃຊ້ອີເມວ
link-kind-uses_account = ໃຊ້ບັນຊີ
link-kind-lives_at = ອາໄສຢູ່ທີ່
link-kind-recruited = ຈັດຫາ
link-kind-transported = ຂົນສົ່ງ
link-kind-exploited = ຂູດຮີດ
link-kind-paid = ຈ່າຍເງິນໃຫ້
link-kind-called = ໂທຫາ
link-kind-unknown = ບໍ່ຮູ້

## Vocabulary: where a link's information came from

link-source-interview = ການສຳພາດ
link-source-police_referral = ການສົ່ງຕໍ່ຈາກຕຳຫຼວດ
link-source-document = ເອກະສານ
link-source-bank_record = ຂໍ້ມູນທະນາຄານ
link-source-call_record = ບັນທຶກການໂທ
link-source-open_source = ຂໍ້ມູນຈາກແຫຼ່ງເປີດ
link-source-partner = ອົງການຄູ່ຮ່ວມງານ
link-source-investigation = ການສືບສວນ
link-source-other = ອື່ນໆ

## Vocabulary: confidence in a link

confidence-low = ຕ່ຳ
confidence-medium = ປານກາງ
confidence-high = ສູງ
confidence-confirmed = ຢືນຢັນແລ້ວ

## Vocabulary: user roles

user-role-investigator = ເຈົ້າໜ້າທີ່ສືບສວນ
user-role-lawyer = ທະນາຍຄວາມ
user-role-social_worker = ນັກສັງຄົມສົງເຄາະ
user-role-analyst = ນັກວິເຄາະ
user-role-manager = ຜູ້ຈັດການ
user-role-partner_liaison = ຜູ້ປະສານງານອົງການຄູ່ຮ່ວມງານ
user-role-auditor = ຜູ້ກວດສອບ
user-role-administrator = ຜູ້ຄຸ້ມຄອງລະບົບ

## Administration

admin-title = ການຄຸ້ມຄອງລະບົບ
admin-users = ຜູ້ໃຊ້
admin-organisations = ອົງການ
admin-new-user = ເພີ່ມຜູ້ໃຊ້
admin-new-organisation = ເພີ່ມອົງການ
admin-disable = ລະງັບການໃຊ້ງານ
admin-enable = ເປີດໃຊ້ງານ
admin-reset-password = ຕັ້ງລະຫັດຜ່ານໃໝ່
admin-username = ຊື່ຜູ້ໃຊ້
admin-display-name = ຊື່ທີ່ສະແດງ
admin-role = ບົດບາດ
admin-organisation = ອົງການ
admin-organisation-name = ຊື່ອົງການ
admin-org-type = ປະເພດອົງການ
admin-status = ສະຖານະ
admin-active = ໃຊ້ງານຢູ່
admin-disabled = ຖືກລະງັບ
admin-user-created = ສ້າງຜູ້ໃຊ້ { $username } ແລ້ວ.
admin-confirm-disable = ລະງັບການໃຊ້ງານຂອງ { $username } ບໍ? ຜູ້ໃຊ້ນີ້ຈະບໍ່ສາມາດເຂົ້າສູ່ລະບົບໄດ້ອີກ.

## Form errors

error-required-field = ກະລຸນາລະບຸ{ $field }.
error-invalid-date = ກະລຸນາລະບຸວັນທີທີ່ຖືກຕ້ອງ.
error-date-in-future = ວັນທີຕ້ອງບໍ່ແມ່ນມື້ໃນອະນາຄົດ.
error-date-order = ວັນທີເລີ່ມຕົ້ນຕ້ອງບໍ່ຢູ່ຫຼັງວັນທີສິ້ນສຸດ.
error-too-long = ຂໍ້ຄວາມນີ້ຍາວເກີນໄປ.
error-invalid-choice = ກະລຸນາເລືອກຈາກຕົວເລືອກທີ່ມີໃຫ້.
error-csrf = ແບບຟອມນີ້ໝົດອາຍຸແລ້ວ. ກະລຸນາໂຫຼດໜ້າໃໝ່ ແລ້ວລອງອີກຄັ້ງ.

## Language

language-title = ພາສາ
language-buddhist-era = ສະແດງປີເປັນພຸດທະສັກກະລາດ (ພ.ສ.)
language-buddhist-era-hint = ຕົວຢ່າງ: ຄ.ສ. 2026 ຈະສະແດງເປັນ ພ.ສ. 2569.
language-saved = ບັນທຶກການຕັ້ງຄ່າພາສາແລ້ວ.

## E-mail and notification texts.
## They never carry names or case content: only a case reference, a date and a link.

notify-greeting = ສະບາຍດີ { $name },
notify-footer = ຂໍ້ຄວາມນີ້ສົ່ງອັດຕະໂນມັດຈາກ counternet ແລະ ບໍ່ມີລາຍລະອຽດຂອງກໍລະນີ. ກະລຸນາເຂົ້າສູ່ລະບົບເພື່ອເບິ່ງລາຍລະອຽດ. ຖ້າທ່ານບໍ່ໄດ້ຄາດວ່າຈະໄດ້ຮັບຂໍ້ຄວາມນີ້, ກະລຸນາແຈ້ງຜູ້ຄຸ້ມຄອງລະບົບຂອງທ່ານ.
notify-task-assigned-subject = ມີວຽກໃໝ່ໃນກໍລະນີ { $reference }
notify-task-assigned-body = ທ່ານໄດ້ຮັບມອບໝາຍວຽກໃນກໍລະນີ { $reference }. ກະລຸນາເຂົ້າສູ່ລະບົບ counternet ເພື່ອເບິ່ງລາຍລະອຽດ.
notify-task-due-subject = ວຽກໃນກໍລະນີ { $reference } ໃກ້ຮອດກຳນົດ
notify-task-due-body = ວຽກຂອງທ່ານໃນກໍລະນີ { $reference } ຈະຮອດກຳນົດໃນວັນທີ { $date }.
notify-team-added-subject = ທ່ານຖືກເພີ່ມເຂົ້າໃນກໍລະນີ { $reference }
notify-team-added-body = ທ່ານຖືກເພີ່ມເຂົ້າໃນທີມງານຂອງກໍລະນີ { $reference }. ກະລຸນາເຂົ້າສູ່ລະບົບ counternet ເພື່ອເບິ່ງລາຍລະອຽດ.
notify-referral-received-subject = ມີການສົ່ງຕໍ່ໃໝ່ຈາກ { $organisation }
notify-referral-received-body = { $organisation } ໄດ້ສົ່ງຕໍ່ກໍລະນີມາຫາອົງການຂອງທ່ານ. ກະລຸນາເຂົ້າສູ່ລະບົບ counternet ເພື່ອຮັບ ຫຼື ປະຕິເສດການສົ່ງຕໍ່ນີ້.
notify-account-created-subject = ບັນຊີ counternet ຂອງທ່ານ
notify-account-created-body =
    ໄດ້ສ້າງບັນຊີໃຫ້ທ່ານແລ້ວ, ຊື່ຜູ້ໃຊ້ແມ່ນ { $username }. ກະລຸນາຕັ້ງລະຫັດຜ່ານຜ່ານລິ້ງນີ້: { $link }
    ລິ້ງນີ້ໃຊ້ໄດ້ພຽງຄັ້ງດຽວ ແລະ ຈະໝົດອາຍຸພາຍໃນ { $hours } ຊົ່ວໂມງ.
notify-password-reset-subject = ຕັ້ງລະຫັດຜ່ານ counternet ໃໝ່
notify-password-reset-body =
    ຜູ້ຄຸ້ມຄອງລະບົບໄດ້ສ້າງລິ້ງໃຫ້ທ່ານຕັ້ງລະຫັດຜ່ານໃໝ່: { $link }
    ລິ້ງນີ້ໃຊ້ໄດ້ພຽງຄັ້ງດຽວ ແລະ ຈະໝົດອາຍຸພາຍໃນ { $hours } ຊົ່ວໂມງ. ຖ້າທ່ານບໍ່ໄດ້ຂໍຕັ້ງລະຫັດຜ່ານໃໝ່, ກະລຸນາແຈ້ງຜູ້ຄຸ້ມຄອງລະບົບຂອງທ່ານ.

# The role a party has in a case (column heading).
case-role = ບົດບາດໃນຄະດີ
case-add-event = ບັນທຶກເຫດການການຄ້າມະນຸດ
event-recruitment-method = ວິທີການຊັກຊວນ

## The one-time set-up page
setup-title = ຕັ້ງຄ່າ counternet
setup-intro = ລະບຸຊື່ອົງການຂອງທ່ານ ແລະ ສ້າງຜູ້ເບິ່ງແຍງລະບົບຄົນທຳອິດ. ລິ້ງນີ້ໃຊ້ໄດ້ພຽງຄັ້ງດຽວ.
setup-organisation = ຊື່ອົງການຂອງທ່ານ
setup-username = ຊື່ຜູ້ໃຊ້ຂອງຜູ້ເບິ່ງແຍງລະບົບ
setup-password = ລະຫັດຜ່ານ (ຢ່າງໜ້ອຍ 12 ຕົວອັກສອນ)
setup-password-again = ລະຫັດຜ່ານອີກຄັ້ງ
setup-submit = ສ້າງຜູ້ເບິ່ງແຍງລະບົບ
setup-invalid-link = ລິ້ງຕັ້ງຄ່ານີ້ໃຊ້ບໍ່ໄດ້: ອາດຖືກໃຊ້ແລ້ວ, ໝົດອາຍຸ ຫຼື ພິມຜິດ. ເລີ່ມ counternet ໃໝ່ເພື່ອຮັບລິ້ງໃໝ່ ໃນຂະນະທີ່ຍັງບໍ່ມີຜູ້ເບິ່ງແຍງລະບົບ.
setup-passwords-differ = ລະຫັດຜ່ານທັງສອງບໍ່ຄືກັນ.
setup-error-password = ລະຫັດຜ່ານຕ້ອງມີຄວາມຍາວ 12 ຫາ 1024 ຕົວອັກສອນ.
setup-error-username = ກະລຸນາເລືອກຊື່ຜູ້ໃຊ້ອື່ນ: 3 ຫາ 64 ຕົວອັກສອນ, ຕົວເລກ, ຈຸດ, ຂີດ ຫຼື ຂີດກ້ອງ, ທີ່ຍັງບໍ່ມີຄົນໃຊ້.
setup-error-organisation = ກະລຸນາລະບຸຊື່ອົງການຂອງທ່ານ (ບໍ່ເກີນ 200 ຕົວອັກສອນ).
setup-ready-title = counternet ພ້ອມໃຊ້ງານແລ້ວ
setup-ready = ຜູ້ເບິ່ງແຍງລະບົບ { $username } ຖືກສ້າງແລ້ວ. ເຂົ້າສູ່ລະບົບ ແລະ ສ້າງບັນຊີໃຫ້ເພື່ອນຮ່ວມງານຂອງທ່ານ.
