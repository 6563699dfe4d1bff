# reveal pages (th)
# การเปิดเผยตัวตนของผู้เสียหายโดยเจตนา และประวัติการตรวจสอบของเคส
# ห้ามใส่ชื่อผู้เสียหายหรือเนื้อหาเคสใด ๆ ในข้อความเหล่านี้

## Reveal

reveal-title = เปิดเผยตัวตนที่ได้รับการคุ้มครอง
reveal-back-to-case = กลับไปที่เคส
reveal-person = บุคคล
reveal-age-band = ช่วงอายุ
reveal-roles = บทบาทในเคสนี้
reveal-reason-optional-hint = คุณจะระบุเหตุผลหรือไม่ก็ได้ ทุกการเปิดเผยจะถูกบันทึกไว้ในบันทึกการตรวจสอบพร้อมชื่อของคุณ
reveal-shown-title = ตัวตนที่เปิดเผย
reveal-reason-given = เหตุผลที่ระบุ
reveal-not-protected = ข้อมูลนี้ไม่ได้อยู่ภายใต้การคุ้มครอง จึงไม่มีสิ่งใดถูกปกปิดและไม่มีการบันทึก
reveal-not-sticky = ตัวตนนี้แสดงเฉพาะในหน้านี้เท่านั้น ที่อื่นจะยังคงถูกปกปิด และคุณต้องเปิดเผยอีกครั้งหากต้องการดูอีก
reveal-attributes = รายละเอียดอื่น ๆ
reveal-name = ชื่อ
reveal-given-name = ชื่อตัว
reveal-family-name = นามสกุล
reveal-date-of-birth = วันเกิด
reveal-gender = เพศ
reveal-nationality = สัญชาติ
reveal-id-number = เลขประจำตัว
reveal-identifier = ตัวระบุ
reveal-attr-notes = หมายเหตุ
reveal-attr-locality = ท้องที่
reveal-attr-postcode = รหัสไปรษณีย์
reveal-attr-country = ประเทศ
reveal-attr-make = ยี่ห้อ
reveal-attr-model = รุ่น
reveal-attr-colour = สี
reveal-attr-bank = ธนาคาร
reveal-attr-platform = แพลตฟอร์ม

## Case history

history-intro = ใครทำอะไรในเคสนี้ เรียงจากล่าสุด รวมถึงการเปิดเผยตัวตนของบุคคลในเคสนี้ด้วย
history-limited = แสดงเฉพาะ { $count } รายการล่าสุดเท่านั้น
history-when = เมื่อ
history-who = ผู้ดำเนินการ
history-what = การดำเนินการ
history-outcome = ผลลัพธ์
history-time = { $date } เวลา { $time } น. (UTC)
history-system = ระบบ
history-a-person = บุคคลหนึ่ง
history-outcome-ok = สำเร็จ
history-outcome-denied = ถูกปฏิเสธ
history-outcome-failed = ไม่สำเร็จ

## What an audit entry records

audit-action-case-create = เปิดเคส
audit-action-case-update = แก้ไขเคส
audit-action-case-team_add = เพิ่มสมาชิกทีม
audit-action-case-team_remove = นำสมาชิกทีมออก
audit-action-case-event_add = บันทึกเหตุการณ์การค้ามนุษย์
audit-action-case-note_add = เพิ่มบันทึก
audit-action-case-task_add = เพิ่มงาน
audit-action-case-task_update = ปรับปรุงงาน
audit-action-case-party_add = เพิ่มบุคคลในเคส
audit-action-party-create = บันทึกข้อมูลบุคคล
audit-action-party-reveal = เปิดเผยตัวตนที่ได้รับการคุ้มครอง
audit-action-link-create = บันทึกความเชื่อมโยง
audit-action-access-refused = พยายามเปิดข้อมูลที่อยู่นอกสิทธิ์การเข้าถึง
audit-action-access-forbidden = พยายามดำเนินการที่บทบาทของตนไม่อนุญาต
audit-action-other = การดำเนินการอื่น ({ $code })
