# Case forms (th): a new case, adding people (search before create), notes and tasks.

back-to-case = กลับไปที่เคส
error-invalid-value = ข้อมูลนี้ไม่ถูกต้อง
error-invalid-country = โปรดระบุรหัสประเทศสามตัวอักษร เช่น THA, LAO หรือ MMR
person-search-label = ชื่อ หมายเลขโทรศัพท์ หรือเลขบัตรประจำตัว
person-search-too-short = โปรดพิมพ์อย่างน้อยสองตัวอักษรเพื่อค้นหา
person-search-first = โปรดค้นหาก่อน แบบฟอร์มสำหรับบันทึกบุคคลใหม่จะปรากฏหลังการค้นหา
person-name = ชื่อ
person-in-this-case = อยู่ในเคสนี้แล้ว
person-role = บทบาทในเคสนี้
person-choose-role = เลือกบทบาท
person-add-to-case = เพิ่มเข้าในเคสนี้
person-already-in-case = บุคคลนี้มีบทบาทนี้ในเคสอยู่แล้ว
person-names-hint = ระบุชื่อตัว นามสกุล หรือทั้งสองอย่าง หรือระบุชื่อเต็มสำหรับชื่อที่ไม่มีนามสกุล (เช่น ชื่อชาวเมียนมา)
person-name-required = โปรดระบุชื่อตัว นามสกุล หรือชื่อเต็ม
person-given-name = ชื่อตัว
person-family-name = นามสกุล
person-full-name = ชื่อเต็ม
person-date-of-birth = วันเกิด
person-gender = เพศ
person-nationality = สัญชาติ
person-nationality-hint = รหัสประเทศสามตัวอักษร เช่น THA (ไทย) LAO (ลาว) หรือ MMR (เมียนมา)
person-id-number = เลขบัตรประจำตัวหรือเลขหนังสือเดินทาง
person-victim-hint = ตัวตนของผู้เสียหายจะถูกปกปิดตั้งแต่แรก หน้าเคสจะแสดงเพียงอักษรย่อและช่วงอายุเท่านั้น
person-create-submit = สร้างและเพิ่มเข้าในเคส

## Editing a case, the timeline, tasks
edit-case = แก้ไขเคส
edit-case-title = แก้ไขเคส
edit-case-history-hint = ทุกการเปลี่ยนแปลงจะถูกเก็บไว้ในประวัติของเคส พร้อมสถานะและการจำแนกประเภทก่อนหน้า
task-reopen = เปิดงานอีกครั้ง
event-undated = ไม่ทราบวันที่
event-apps = แอปที่ใช้
cases-filter-member-me = เคสของฉัน

## HTCDS methods of control
field-control-methods = วิธีการควบคุม
control-physical_threats = การข่มขู่ทำร้ายร่างกาย
control-threats_of_law_enforcement = การข่มขู่ว่าจะให้จับกุมหรือส่งกลับ
control-threats_to_children_or_family = การข่มขู่บุตรหรือครอบครัว
control-debt_bondage = การบังคับใช้แรงงานขัดหนี้
control-false_promises = การให้สัญญาอันเป็นเท็จ
control-physical_abuse = การทำร้ายร่างกาย
control-sexual_abuse = การล่วงละเมิดทางเพศ
control-takes_earnings = การยึดรายได้
control-restricts_financial_access = การจำกัดการเข้าถึงเงิน
control-restricts_medical_care = การจำกัดการรักษาพยาบาล
control-withholds_necessities = การไม่ให้อาหาร น้ำ หรือการนอน
control-psychological_abuse = การทำร้ายจิตใจ
control-psychoactive_substances = การใช้ยาเสพติดหรือสุรา
control-excessive_working_hours = การทำงานเกินเวลาอย่างหนัก
control-withholds_documents = การยึดเอกสารประจำตัว
control-other = อื่น ๆ
event-apps-hint = คั่นด้วยจุลภาค เช่น LINE, Facebook
event-notes = เกิดอะไรขึ้น
