# admin pages (th)
nav-account = บัญชีของฉัน

## Administration: users and organisations

admin-you = (คุณ)
admin-password = รหัสผ่าน
admin-new-password = รหัสผ่านใหม่
admin-password-repeat = ยืนยันรหัสผ่าน
admin-password-hint = อย่างน้อย { $min } ตัวอักษร
admin-create-user = สร้างผู้ใช้
admin-register-organisation = ลงทะเบียนองค์กร
admin-partner-role-hint = ผู้ใช้ขององค์กรภาคีเป็นได้เฉพาะผู้ประสานงานองค์กรภาคีเท่านั้น
admin-partner = องค์กรภาคี
admin-own-organisation = องค์กรของเรา
admin-country = ประเทศ (รหัสสามตัวอักษร เช่น THA, LAO หรือ MMR)
admin-country-short = ประเทศ
admin-user-disabled = ระงับการใช้งานของ { $username } แล้ว เซสชันทั้งหมดของผู้ใช้นี้สิ้นสุดลงแล้ว
admin-user-enabled = { $username } เข้าสู่ระบบได้อีกครั้งแล้ว
admin-password-was-reset = ตั้งรหัสผ่านใหม่ให้ { $username } แล้ว เซสชันทั้งหมดของผู้ใช้นี้สิ้นสุดลงแล้ว
admin-org-created = ลงทะเบียน { $name } แล้ว
admin-error-too-short = { $field }: ต้องมีอย่างน้อย { $min } ตัวอักษร
admin-error-too-long = { $field }: ข้อความยาวเกินไป
admin-error-invalid = { $field }: ค่านี้ไม่ถูกต้อง
admin-error-username = { $field }: ใช้ตัวอักษรภาษาอังกฤษ ตัวเลข จุด ขีดกลาง หรือขีดล่าง ความยาว 3 ถึง 64 ตัว
admin-error-username-taken = { $field }: ชื่อผู้ใช้นี้ถูกใช้แล้ว
admin-error-partner-role = { $field }: ผู้ใช้ขององค์กรภาคีเป็นได้เฉพาะผู้ประสานงานองค์กรภาคีเท่านั้น
admin-error-country = { $field }: กรอกรหัสประเทศสามตัวอักษร เช่น THA, LAO หรือ MMR
admin-error-choice = { $field }: โปรดเลือกจากตัวเลือกที่มีให้
admin-error-password-mismatch = { $field }: รหัสผ่านทั้งสองช่องไม่ตรงกัน
admin-error-wrong-password = { $field }: รหัสผ่านปัจจุบันไม่ถูกต้อง
admin-error-disable-self = คุณไม่สามารถระงับการใช้งานบัญชีของตนเองได้
admin-error-last-member = เคสต้องมีสมาชิกในทีมอย่างน้อยหนึ่งคน โปรดเพิ่มเพื่อนร่วมงานก่อนนำสมาชิกคนสุดท้ายออก

## A case's team

team-title = ทีมของเคส { $reference }
team-members = สมาชิก
team-member = สมาชิก
team-added-on = วันที่เพิ่ม
team-add = เพิ่มเข้าทีม
team-colleague = เพื่อนร่วมงาน
team-no-candidates = เพื่อนร่วมงานทุกคนที่ทำงานด้านเคสอยู่ในทีมนี้แล้ว
team-remove = นำออก
team-remove-member = นำ { $username } ออกจากทีม
team-added = เพิ่มเพื่อนร่วมงานเข้าทีมแล้ว
team-removed = นำเพื่อนร่วมงานออกจากทีมแล้ว
team-back-to-case = กลับไปที่เคส

## My account

account-title = บัญชีของฉัน
account-display = การแสดงผล
account-change-password = เปลี่ยนรหัสผ่าน
account-current-password = รหัสผ่านปัจจุบัน
account-new-password = รหัสผ่านใหม่
account-new-password-repeat = ยืนยันรหัสผ่านใหม่
account-password-hint = อย่างน้อย { $min } ตัวอักษร การเปลี่ยนรหัสผ่านจะทำให้คุณออกจากระบบในทุกอุปกรณ์
account-password-changed = เปลี่ยนรหัสผ่านแล้ว และคุณได้ออกจากระบบในทุกอุปกรณ์ โปรดเข้าสู่ระบบด้วยรหัสผ่านใหม่
admin-change-role = บทบาท
admin-role-changed = { $username } มีบทบาทใหม่แล้ว เซสชันทั้งหมดของผู้ใช้นี้สิ้นสุดลงแล้ว
admin-error-role-self = คุณไม่สามารถเปลี่ยนบทบาทของตนเองได้
