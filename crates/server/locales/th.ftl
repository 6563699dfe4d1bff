# counternet interface: Thai (ภาษาไทย).
#
# Same message ids and variables as en.ftl. Legal terms follow the Anti-Trafficking in Persons Act
# B.E. 2551 (พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551): ผู้เสียหาย, การคัดแยกผู้เสียหาย,
# ค่าสินไหมทดแทน, การแสวงหาประโยชน์ (มาตรา 4). "เคส" is the unit of casework; "คดี" is kept for court cases.

## Common

app-name = counternet
quick-exit = ออกทันที
quick-exit-hint = ออกจาก counternet ทันทีและเปิดเว็บไซต์ทั่วไปแทน ใช้เมื่อมีคนอาจมองเห็นหน้าจอของคุณ
skip-to-content = ข้ามไปยังเนื้อหาหลัก
main-navigation = เมนูหลัก
nav-home = หน้าแรก
nav-cases = เคส
nav-new-case = เปิดเคสใหม่
nav-admin = การดูแลระบบ
nav-language = ภาษา
signed-in-as = เข้าสู่ระบบในชื่อ { $name }
sign-out = ออกจากระบบ
save = บันทึก
saved = บันทึกการเปลี่ยนแปลงแล้ว
cancel = ยกเลิก
confirm = ยืนยัน
edit = แก้ไข
close = ปิด
back = ย้อนกลับ
details = รายละเอียด
actions = การดำเนินการ
search = ค้นหา
filter = กรอง
clear-filters = ล้างตัวกรอง
pagination = หน้า
previous-page = หน้าก่อนหน้า
next-page = หน้าถัดไป
page-of = หน้า { $page } จาก { $pages }
required = จำเป็น
optional = ไม่บังคับ
yes = ใช่
no = ไม่ใช่
none = ไม่มี
unknown = ไม่ทราบ
not-set = ยังไม่ได้ระบุ
masked-value = ปกปิดไว้
loading = กำลังโหลด…
error-title = ข้อผิดพลาด
error-generic-title = เกิดข้อผิดพลาดบางอย่าง
error-generic = เกิดข้อผิดพลาดบางอย่าง โปรดแจ้งรหัสข้อผิดพลาด { $id } แก่ผู้ดูแลระบบของคุณ
not-found = ไม่พบหน้าหรือข้อมูลที่คุณต้องการ
forbidden = คุณไม่มีสิทธิ์ดำเนินการนี้
session-expired = เซสชันของคุณหมดอายุแล้ว โปรดเข้าสู่ระบบอีกครั้ง

## Login

login-title = เข้าสู่ระบบ
login-username = ชื่อผู้ใช้
login-password = รหัสผ่าน
login-submit = เข้าสู่ระบบ
login-failed = ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง
login-throttled = ลองเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป โปรดรอ 15 นาทีแล้วลองใหม่
login-shared-device-hint = หากใช้คอมพิวเตอร์ร่วมกับผู้อื่น โปรดออกจากระบบทุกครั้งเมื่อใช้งานเสร็จ
signed-out = คุณออกจากระบบแล้ว

## Home

home-title = หน้าแรก
home-welcome = ยินดีต้อนรับ คุณ{ $name }
home-my-cases = เคสของฉัน
home-no-cases = คุณยังไม่ได้อยู่ในทีมของเคสใด
home-tasks-due = งานที่ใกล้ครบกำหนด
home-tasks-overdue = งานที่เลยกำหนด
home-no-tasks = คุณไม่มีงานค้างอยู่
home-deadlines = กำหนดเวลาที่ใกล้จะถึง
due-today = ครบกำหนดวันนี้
due-in-days = ครบกำหนดในอีก { $days } วัน
overdue-by-days = เลยกำหนดมา { $days } วัน

## Case list

cases-title = เคส
cases-filter-status = สถานะ
cases-filter-tactic = ยุทธวิธี
cases-filter-exploitation = รูปแบบการแสวงหาประโยชน์
cases-filter-member = สมาชิกทีม
cases-filter-opened-from = เปิดเคสตั้งแต่วันที่
cases-filter-opened-to = เปิดเคสถึงวันที่
cases-search = ค้นหาด้วยเลขอ้างอิงหรือชื่อเคส
cases-none = ไม่พบเคสที่ตรงกับตัวกรองนี้
cases-count = { $count } เคส
case-reference = เลขอ้างอิง
case-title = ชื่อเคส
case-status = สถานะ
case-opened = วันที่เปิดเคส
case-tactics = ยุทธวิธี

## Case page

case-overview = ภาพรวม
case-people = บุคคล
case-events = เหตุการณ์การค้ามนุษย์
case-links = ความเชื่อมโยง
case-notes = บันทึก
case-tasks = งาน
case-history = ประวัติการแก้ไข
case-team = ทีม
case-summary = สรุปเคส
case-add-note = เพิ่มบันทึก
case-add-task = เพิ่มงาน
case-no-people = ยังไม่มีบุคคลในเคสนี้
case-no-events = ยังไม่มีการบันทึกเหตุการณ์การค้ามนุษย์
case-no-links = ยังไม่มีการบันทึกความเชื่อมโยง
case-no-notes = ยังไม่มีบันทึก
case-no-tasks = ยังไม่มีงาน
note-text = บันทึก
task-title = งาน
task-due = กำหนดเสร็จ
task-done = เสร็จแล้ว
task-mark-done = ทำเครื่องหมายว่าเสร็จแล้ว
task-overdue = เลยกำหนด
task-assignee = ผู้รับผิดชอบ
event-stage = ขั้นตอน
event-date = วันที่
event-place = สถานที่
event-country = ประเทศ
link-from = จาก
link-to = ถึง
link-kind = ความสัมพันธ์
link-source = แหล่งที่มาของข้อมูล
link-confidence = ความน่าเชื่อถือ
person-masked-hint = ปกปิดตัวตนไว้เพื่อคุ้มครองผู้เสียหาย
reveal = เปิดเผย
reveal-reason = เหตุผลในการเปิดเผย
reveal-reason-required = โปรดระบุเหตุผลในการเปิดเผยตัวตนนี้ ทุกการเปิดเผยจะถูกบันทึกไว้
revealed-by-you = คุณเป็นผู้เปิดเผย และได้บันทึกไว้ในบันทึกการตรวจสอบแล้ว
add-person = เพิ่มบุคคล
search-before-create-hint = โปรดค้นหาก่อน บุคคลนี้อาจมีข้อมูลอยู่แล้วในเคสนี้หรือเคสอื่น
possible-matches = ข้อมูลที่อาจตรงกัน
no-matches = ไม่พบข้อมูลที่ตรงกัน
create-new-person = สร้างข้อมูลบุคคลใหม่

## New case

new-case-title = เปิดเคสใหม่
new-case-submit = เปิดเคส
field-title = ชื่อเคส
field-title-hint = ชื่อเรียกเคสแบบสั้น ๆ ห้ามใส่ชื่อของผู้เสียหาย
field-summary = สรุปเคส
field-opened-on = วันที่เปิดเคส
field-status = สถานะ
field-tactics = ยุทธวิธี
field-exploitation = รูปแบบการแสวงหาประโยชน์

## Vocabulary: tactics (the organisation's eight tactics)

tactic-victim_identification = การคัดแยกผู้เสียหาย
tactic-perpetrator_identification = การระบุตัวผู้กระทำความผิด
tactic-asset_seizure = การยึดและอายัดทรัพย์สิน
tactic-exploitation_spectrum = การแสวงหาประโยชน์ทุกรูปแบบ
tactic-law_enforcement_partnership = ความร่วมมือกับหน่วยงานบังคับใช้กฎหมาย
tactic-judicial_advocacy = การสนับสนุนกระบวนการยุติธรรม
tactic-victim_compensation = การเรียกค่าสินไหมทดแทนให้ผู้เสียหาย
tactic-survivor_follow_up = การติดตามดูแลผู้เสียหาย

## Vocabulary: case status (HTCDS)

status-active = กำลังดำเนินการ
status-follow_up = ติดตามผล
status-closed = ปิดเคสแล้ว
status-closed_referred = ปิดเคสแล้ว (ส่งต่อ)

## Vocabulary: type of exploitation (HTCDS)

exploitation-forced_labour = การบังคับใช้แรงงานหรือบริการ
exploitation-sexual_exploitation = การแสวงหาประโยชน์ทางเพศ
exploitation-child_labour = การใช้แรงงานเด็ก
exploitation-forced_marriage = การบังคับแต่งงาน
exploitation-servitude = การเอาคนลงเป็นทาสหรือให้มีฐานะคล้ายทาส
exploitation-forced_military = การบังคับเป็นทหาร (โดยกลุ่มติดอาวุธที่ไม่ใช่รัฐ)
exploitation-organ_removal = การบังคับตัดอวัยวะเพื่อการค้า
exploitation-forced_begging = การนำคนมาขอทาน
exploitation-forced_adoption = การบังคับยกเด็กให้เป็นบุตรบุญธรรม
exploitation-surrogacy = การบังคับตั้งครรภ์แทน
exploitation-prostitution = การค้าประเวณี
exploitation-pornography = การผลิตหรือเผยแพร่วัตถุหรือสื่อลามก
exploitation-remote_interactive_services = การแสวงหาประโยชน์ทางเพศทางออนไลน์ (บริการทางเพศผ่านระบบออนไลน์)
exploitation-private_sexual_services = การบริการทางเพศส่วนตัว
exploitation-other = อื่น ๆ

## Vocabulary: stage of a trafficking event

stage-recruitment = การจัดหา
stage-transit = การเคลื่อนย้าย
stage-exploitation = การแสวงหาประโยชน์

## Vocabulary: method of recruitment (HTCDS)

recruitment-place_of_business = สถานประกอบการ
recruitment-educational_institution = สถานศึกษา
recruitment-at_work = ที่ทำงาน
recruitment-online_social_networks = สื่อสังคมออนไลน์
recruitment-online_advert = โฆษณาออนไลน์
recruitment-tv_advert = โฆษณาทางโทรทัศน์
recruitment-newspaper_advert = โฆษณาทางหนังสือพิมพ์
recruitment-family = ครอบครัว
recruitment-friends = เพื่อน
recruitment-other = อื่น ๆ

## Vocabulary: organisation types (HTCDS)

org-type-ngo = องค์กรพัฒนาเอกชน
org-type-law_enforcement = หน่วยงานบังคับใช้กฎหมาย
org-type-health_service = หน่วยบริการสุขภาพ
org-type-central_government = หน่วยงานราชการส่วนกลาง
org-type-local_government = องค์กรปกครองส่วนท้องถิ่น
org-type-immigration = ตรวจคนเข้าเมือง
org-type-legal_service = หน่วยงานให้ความช่วยเหลือทางกฎหมาย
org-type-corporate = บริษัทเอกชน
org-type-school_or_college = โรงเรียนหรือสถาบันการศึกษา

## Vocabulary: gender (HTCDS)

gender-feminine = หญิง
gender-masculine = ชาย
gender-transgender_feminine = หญิงข้ามเพศ
gender-transgender_masculine = ชายข้ามเพศ
gender-non_conforming = ไม่อยู่ในกรอบเพศชายหญิง
gender-unknown = ไม่ทราบ

## Vocabulary: kinds of party

party-kind-person = บุคคล
party-kind-organisation = องค์กร
party-kind-phone = หมายเลขโทรศัพท์
party-kind-email = อีเมล
party-kind-address = ที่อยู่
party-kind-vehicle = ยานพาหนะ
party-kind-bank_account = บัญชีธนาคาร
party-kind-online_account = บัญชีออนไลน์

## Vocabulary: a party's role in a case

role-victim = ผู้เสียหาย
role-perpetrator = ผู้กระทำความผิด
role-witness = พยาน
role-guardian = ผู้ปกครอง
role-informant = ผู้ให้เบาะแส
role-subject = บุคคลหรือสิ่งอื่นที่เกี่ยวข้อง

## Vocabulary: perpetrator's role in the process (HTCDS)

perpetrator-role-travelling_partner = ผู้ร่วมเดินทาง
perpetrator-role-transporter = ผู้ขนส่ง
perpetrator-role-recruiter_or_intermediary = ผู้จัดหาหรือคนกลาง
perpetrator-role-broker_or_travel_agent = นายหน้าหรือตัวแทนการเดินทาง
perpetrator-role-transferred_harboured_sold_bought_received_controlled = ผู้ส่งต่อ ให้ที่พักพิง ขาย ซื้อ รับไว้ หรือควบคุมผู้เสียหาย
perpetrator-role-smuggler = ผู้ลักลอบพาคนเข้าเมือง
perpetrator-role-abuser = ผู้ทำร้ายหรือล่วงละเมิด
perpetrator-role-kidnapper = ผู้ลักพาตัว
perpetrator-role-exploiter = ผู้แสวงหาประโยชน์
perpetrator-role-other = อื่น ๆ

## Vocabulary: kinds of link between two parties

link-kind-family = เป็นญาติ
link-kind-associate = รู้จักหรือร่วมงานกัน
link-kind-employs = จ้างงาน
link-kind-owns = เป็นเจ้าของ
link-kind-directs = เป็นกรรมการหรือผู้บริหาร
link-kind-uses_phone = ใช้หมายเลขโทรศัพท์
link-kind-uses_email = ใช้อีเมล
link-kind-uses_account = ใช้บัญชี
link-kind-lives_at = อาศัยอยู่ที่
link-kind-recruited = จัดหา
link-kind-transported = ขนส่ง
link-kind-exploited = แสวงหาประโยชน์
link-kind-paid = จ่ายเงินให้
link-kind-called = โทรหา
link-kind-unknown = ไม่ทราบ

## Vocabulary: where a link's information came from

link-source-interview = การสัมภาษณ์
link-source-police_referral = การส่งต่อจากตำรวจ
link-source-document = เอกสาร
link-source-bank_record = ข้อมูลธนาคาร
link-source-call_record = บันทึกการใช้โทรศัพท์
link-source-open_source = ข้อมูลจากแหล่งเปิด
link-source-partner = องค์กรภาคี
link-source-investigation = การสืบสวน
link-source-other = อื่น ๆ

## Vocabulary: confidence in a link

confidence-low = ต่ำ
confidence-medium = ปานกลาง
confidence-high = สูง
confidence-confirmed = ยืนยันแล้ว

## Vocabulary: user roles

user-role-investigator = เจ้าหน้าที่สืบสวน
user-role-lawyer = ทนายความ
user-role-social_worker = นักสังคมสงเคราะห์
user-role-analyst = นักวิเคราะห์
user-role-manager = ผู้จัดการ
user-role-partner_liaison = ผู้ประสานงานองค์กรภาคี
user-role-auditor = ผู้ตรวจสอบ
user-role-administrator = ผู้ดูแลระบบ

## Administration

admin-title = การดูแลระบบ
admin-users = ผู้ใช้
admin-organisations = องค์กร
admin-new-user = เพิ่มผู้ใช้
admin-new-organisation = เพิ่มองค์กร
admin-disable = ระงับการใช้งาน
admin-enable = เปิดใช้งาน
admin-reset-password = ตั้งรหัสผ่านใหม่
admin-username = ชื่อผู้ใช้
admin-display-name = ชื่อที่แสดง
admin-role = บทบาท
admin-organisation = องค์กร
admin-organisation-name = ชื่อองค์กร
admin-org-type = ประเภทองค์กร
admin-status = สถานะ
admin-active = ใช้งานอยู่
admin-disabled = ระงับการใช้งาน
admin-user-created = สร้างผู้ใช้ { $username } แล้ว
admin-confirm-disable = ระงับการใช้งานของ { $username } ใช่หรือไม่ ผู้ใช้นี้จะเข้าสู่ระบบไม่ได้อีก

## Form errors

error-required-field = โปรดระบุ{ $field }
error-invalid-date = โปรดระบุวันที่ที่ถูกต้อง
error-date-in-future = วันที่ต้องไม่เป็นวันในอนาคต
error-date-order = วันที่เริ่มต้นต้องไม่อยู่หลังวันที่สิ้นสุด
error-too-long = ข้อความนี้ยาวเกินไป
error-invalid-choice = โปรดเลือกจากตัวเลือกที่มีให้
error-csrf = แบบฟอร์มนี้หมดอายุแล้ว โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง

## Language

language-title = ภาษา
language-buddhist-era = แสดงปีเป็นพุทธศักราช (พ.ศ.)
language-buddhist-era-hint = ตัวอย่างเช่น ค.ศ. 2026 จะแสดงเป็น พ.ศ. 2569
language-saved = บันทึกการตั้งค่าภาษาแล้ว

## E-mail and notification texts.
## They never carry names or case content: only a case reference, a date and a link.

notify-greeting = เรียน คุณ{ $name }
notify-footer = ข้อความนี้ส่งโดยอัตโนมัติจาก counternet และไม่มีรายละเอียดของเคส โปรดเข้าสู่ระบบเพื่อดูรายละเอียด หากคุณไม่ได้คาดว่าจะได้รับข้อความนี้ โปรดแจ้งผู้ดูแลระบบของคุณ
notify-task-assigned-subject = มีงานใหม่ในเคส { $reference }
notify-task-assigned-body = คุณได้รับมอบหมายงานในเคส { $reference } โปรดเข้าสู่ระบบ counternet เพื่อดูรายละเอียด
notify-task-due-subject = งานในเคส { $reference } ใกล้ครบกำหนด
notify-task-due-body = งานของคุณในเคส { $reference } จะครบกำหนดในวันที่ { $date }
notify-team-added-subject = คุณถูกเพิ่มเข้าในเคส { $reference }
notify-team-added-body = คุณถูกเพิ่มเข้าในทีมของเคส { $reference } โปรดเข้าสู่ระบบ counternet เพื่อดูรายละเอียด
notify-referral-received-subject = มีการส่งต่อใหม่จาก { $organisation }
notify-referral-received-body = { $organisation } ได้ส่งต่อเคสมายังองค์กรของคุณ โปรดเข้าสู่ระบบ counternet เพื่อรับหรือปฏิเสธการส่งต่อนี้
notify-account-created-subject = บัญชี counternet ของคุณ
notify-account-created-body =
    มีการสร้างบัญชีให้คุณแล้ว ชื่อผู้ใช้คือ { $username } โปรดตั้งรหัสผ่านผ่านลิงก์นี้: { $link }
    ลิงก์นี้ใช้ได้ครั้งเดียวและจะหมดอายุใน { $hours } ชั่วโมง
notify-password-reset-subject = ตั้งรหัสผ่าน counternet ใหม่
notify-password-reset-body =
    ผู้ดูแลระบบได้สร้างลิงก์ให้คุณตั้งรหัสผ่านใหม่: { $link }
    ลิงก์นี้ใช้ได้ครั้งเดียวและจะหมดอายุใน { $hours } ชั่วโมง หากคุณไม่ได้ขอตั้งรหัสผ่านใหม่ โปรดแจ้งผู้ดูแลระบบของคุณ

# The role a party has in a case (column heading).
case-role = บทบาทในเคส
case-add-event = บันทึกเหตุการณ์การค้ามนุษย์
event-recruitment-method = วิธีการชักชวน

## The one-time set-up page
setup-title = ตั้งค่า counternet
setup-intro = ระบุชื่อองค์กรของคุณและสร้างผู้ดูแลระบบคนแรก ลิงก์นี้ใช้ได้เพียงครั้งเดียว
setup-organisation = ชื่อองค์กรของคุณ
setup-username = ชื่อผู้ใช้ของผู้ดูแลระบบ
setup-password = รหัสผ่าน (อย่างน้อย 12 ตัวอักษร)
setup-password-again = ยืนยันรหัสผ่านอีกครั้ง
setup-submit = สร้างผู้ดูแลระบบ
setup-invalid-link = ลิงก์ตั้งค่านี้ใช้ไม่ได้ อาจถูกใช้ไปแล้ว หมดอายุ หรือพิมพ์ผิด ให้เริ่ม counternet ใหม่เพื่อรับลิงก์ใหม่ ขณะที่ยังไม่มีผู้ดูแลระบบ
setup-passwords-differ = รหัสผ่านทั้งสองช่องไม่ตรงกัน
setup-error-password = รหัสผ่านต้องมีความยาว 12 ถึง 1024 ตัวอักษร
setup-error-username = กรุณาเลือกชื่อผู้ใช้อื่น ยาว 3 ถึง 64 ตัว ประกอบด้วยตัวอักษร ตัวเลข จุด ขีด หรือขีดล่าง และยังไม่มีผู้ใช้
setup-error-organisation = กรุณาระบุชื่อองค์กรของคุณ (ไม่เกิน 200 ตัวอักษร)
setup-ready-title = counternet พร้อมใช้งานแล้ว
setup-ready = สร้างผู้ดูแลระบบ { $username } แล้ว เข้าสู่ระบบและสร้างบัญชีให้เพื่อนร่วมงานของคุณ
