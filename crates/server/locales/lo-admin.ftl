# admin pages (lo)
nav-account = ບັນຊີຂອງຂ້ອຍ

## Administration: users and organisations

admin-you = (ທ່ານ)
admin-password = ລະຫັດຜ່ານ
admin-new-password = ລະຫັດຜ່ານໃໝ່
admin-password-repeat = ຢືນຢັນລະຫັດຜ່ານ
admin-password-hint = ຢ່າງໜ້ອຍ { $min } ຕົວອັກສອນ.
admin-create-user = ສ້າງຜູ້ໃຊ້
admin-register-organisation = ລົງທະບຽນອົງການ
admin-partner-role-hint = ຜູ້ໃຊ້ຂອງອົງການຄູ່ຮ່ວມງານເປັນໄດ້ສະເພາະຜູ້ປະສານງານອົງການຄູ່ຮ່ວມງານເທົ່ານັ້ນ.
admin-partner = ອົງການຄູ່ຮ່ວມງານ
admin-own-organisation = ອົງການຂອງພວກເຮົາ
admin-country = ປະເທດ (ລະຫັດສາມຕົວອັກສອນ ເຊັ່ນ THA, LAO ຫຼື MMR)
admin-country-short = ປະເທດ
admin-user-disabled = ລະງັບການໃຊ້ງານຂອງ { $username } ແລ້ວ; ການເຂົ້າໃຊ້ລະບົບທັງໝົດຂອງຜູ້ໃຊ້ນີ້ສິ້ນສຸດແລ້ວ.
admin-user-enabled = { $username } ສາມາດເຂົ້າສູ່ລະບົບໄດ້ອີກຄັ້ງແລ້ວ.
admin-password-was-reset = ຕັ້ງລະຫັດຜ່ານໃໝ່ໃຫ້ { $username } ແລ້ວ; ການເຂົ້າໃຊ້ລະບົບທັງໝົດຂອງຜູ້ໃຊ້ນີ້ສິ້ນສຸດແລ້ວ.
admin-org-created = ລົງທະບຽນ { $name } ແລ້ວ.
admin-error-too-short = { $field }: ຕ້ອງມີຢ່າງໜ້ອຍ { $min } ຕົວອັກສອນ.
admin-error-too-long = { $field }: ຂໍ້ຄວາມຍາວເກີນໄປ.
admin-error-invalid = { $field }: ຄ່ານີ້ບໍ່ຖືກຕ້ອງ.
admin-error-username = { $field }: ໃຊ້ຕົວອັກສອນອັງກິດ, ຕົວເລກ, ຈຸດ, ຂີດກາງ ຫຼື ຂີດລຸ່ມ ຍາວ 3 ຫາ 64 ຕົວ.
admin-error-username-taken = { $field }: ຊື່ຜູ້ໃຊ້ນີ້ຖືກໃຊ້ແລ້ວ.
admin-error-partner-role = { $field }: ຜູ້ໃຊ້ຂອງອົງການຄູ່ຮ່ວມງານເປັນໄດ້ສະເພາະຜູ້ປະສານງານອົງການຄູ່ຮ່ວມງານເທົ່ານັ້ນ.
admin-error-country = { $field }: ປ້ອນລະຫັດປະເທດສາມຕົວອັກສອນ ເຊັ່ນ THA, LAO ຫຼື MMR.
admin-error-choice = { $field }: ກະລຸນາເລືອກຈາກຕົວເລືອກທີ່ມີໃຫ້.
admin-error-password-mismatch = { $field }: ລະຫັດຜ່ານທັງສອງບໍ່ກົງກັນ.
admin-error-wrong-password = { $field }: ລະຫັດຜ່ານປັດຈຸບັນບໍ່ຖືກຕ້ອງ.
admin-error-disable-self = ທ່ານບໍ່ສາມາດລະງັບການໃຊ້ງານບັນຊີຂອງຕົນເອງໄດ້.
admin-error-last-member = ກໍລະນີຕ້ອງມີສະມາຊິກທີມງານຢ່າງໜ້ອຍໜຶ່ງຄົນ. ກະລຸນາເພີ່ມເພື່ອນຮ່ວມງານກ່ອນເອົາສະມາຊິກຄົນສຸດທ້າຍອອກ.

## A case's team

team-title = ທີມງານຂອງກໍລະນີ { $reference }
team-members = ສະມາຊິກ
team-member = ສະມາຊິກ
team-added-on = ວັນທີເພີ່ມ
team-add = ເພີ່ມເຂົ້າທີມງານ
team-colleague = ເພື່ອນຮ່ວມງານ
team-no-candidates = ເພື່ອນຮ່ວມງານທຸກຄົນທີ່ເຮັດວຽກກ່ຽວກັບກໍລະນີຢູ່ໃນທີມງານນີ້ແລ້ວ.
team-remove = ເອົາອອກ
team-remove-member = ເອົາ { $username } ອອກຈາກທີມງານ
team-added = ເພີ່ມເພື່ອນຮ່ວມງານເຂົ້າທີມງານແລ້ວ.
team-removed = ເອົາເພື່ອນຮ່ວມງານອອກຈາກທີມງານແລ້ວ.
team-back-to-case = ກັບໄປທີ່ກໍລະນີ

## My account

account-title = ບັນຊີຂອງຂ້ອຍ
account-display = ການສະແດງຜົນ
account-change-password = ປ່ຽນລະຫັດຜ່ານ
account-current-password = ລະຫັດຜ່ານປັດຈຸບັນ
account-new-password = ລະຫັດຜ່ານໃໝ່
account-new-password-repeat = ຢືນຢັນລະຫັດຜ່ານໃໝ່
account-password-hint = ຢ່າງໜ້ອຍ { $min } ຕົວອັກສອນ. ການປ່ຽນລະຫັດຜ່ານຈະເຮັດໃຫ້ທ່ານອອກຈາກລະບົບໃນທຸກອຸປະກອນ.
account-password-changed = ປ່ຽນລະຫັດຜ່ານແລ້ວ ແລະ ທ່ານໄດ້ອອກຈາກລະບົບໃນທຸກອຸປະກອນ. ກະລຸນາເຂົ້າສູ່ລະບົບດ້ວຍລະຫັດຜ່ານໃໝ່.
admin-change-role = ບົດບາດ
admin-role-changed = { $username } ມີບົດບາດໃໝ່ແລ້ວ; ການເຂົ້າໃຊ້ລະບົບທັງໝົດຂອງຜູ້ໃຊ້ນີ້ສິ້ນສຸດແລ້ວ.
admin-error-role-self = ທ່ານບໍ່ສາມາດປ່ຽນບົດບາດຂອງຕົນເອງໄດ້.
