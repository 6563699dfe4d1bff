# reveal pages (lo)
# ການເປີດເຜີຍຕົວຕົນຂອງຜູ້ຖືກເຄາະຮ້າຍໂດຍເຈດຕະນາ ແລະ ປະຫວັດການກວດສອບຂອງກໍລະນີ.
# ຫ້າມໃສ່ຊື່ຜູ້ຖືກເຄາະຮ້າຍ ຫຼື ເນື້ອໃນກໍລະນີໃດໆ ໃນຂໍ້ຄວາມເຫຼົ່ານີ້.

## Reveal

reveal-title = ເປີດເຜີຍຕົວຕົນທີ່ຖືກປົກປ້ອງ
reveal-back-to-case = ກັບໄປທີ່ກໍລະນີ
reveal-person = ບຸກຄົນ
reveal-age-band = ຊ່ວງອາຍຸ
reveal-roles = ບົດບາດໃນກໍລະນີນີ້
reveal-reason-optional-hint = ທ່ານຈະລະບຸເຫດຜົນ ຫຼື ບໍ່ກໍໄດ້. ທຸກການເປີດເຜີຍຈະຖືກບັນທຶກໄວ້ໃນບັນທຶກການກວດສອບພ້ອມກັບຊື່ຂອງທ່ານ.
reveal-shown-title = ຕົວຕົນທີ່ຖືກເປີດເຜີຍ
reveal-reason-given = ເຫດຜົນທີ່ລະບຸ
reveal-not-protected = ຂໍ້ມູນນີ້ບໍ່ໄດ້ຖືກປົກປ້ອງ, ສະນັ້ນ ບໍ່ມີຫຍັງຖືກປິດບັງ ແລະ ບໍ່ມີການບັນທຶກ.
reveal-not-sticky = ຕົວຕົນນີ້ສະແດງສະເພາະໃນໜ້ານີ້ເທົ່ານັ້ນ. ບ່ອນອື່ນຍັງຖືກປິດບັງຢູ່, ແລະ ທ່ານຕ້ອງເປີດເຜີຍອີກຄັ້ງຈຶ່ງຈະເຫັນໄດ້.
reveal-attributes = ລາຍລະອຽດອື່ນໆ
reveal-name = ຊື່
reveal-given-name = ຊື່ແທ້
reveal-family-name = ນາມສະກຸນ
reveal-date-of-birth = ວັນເດືອນປີເກີດ
reveal-gender = ເພດ
reveal-nationality = ສັນຊາດ
reveal-id-number = ເລກບັດປະຈຳຕົວ
reveal-identifier = ຕົວລະບຸ
reveal-attr-notes = ໝາຍເຫດ
reveal-attr-locality = ທ້ອງຖິ່ນ
reveal-attr-postcode = ລະຫັດໄປສະນີ
reveal-attr-country = ປະເທດ
reveal-attr-make = ຍີ່ຫໍ້
reveal-attr-model = ລຸ້ນ
reveal-attr-colour = ສີ
reveal-attr-bank = ທະນາຄານ
reveal-attr-platform = ແພລັດຟອມ

## Case history

history-intro = ໃຜເຮັດຫຍັງໃນກໍລະນີນີ້, ລຽງຈາກລ່າສຸດ. ລວມທັງການເປີດເຜີຍຕົວຕົນຂອງບຸກຄົນໃນກໍລະນີນີ້ນຳ.
history-limited = ສະແດງສະເພາະ { $count } ລາຍການລ່າສຸດເທົ່ານັ້ນ.
history-when = ເວລາ
history-who = ຜູ້ດຳເນີນການ
history-what = ການດຳເນີນການ
history-outcome = ຜົນ
history-time = { $date }, ເວລາ { $time } (UTC)
history-system = ລະບົບ
history-a-person = ບຸກຄົນໜຶ່ງ
history-outcome-ok = ສຳເລັດ
history-outcome-denied = ຖືກປະຕິເສດ
history-outcome-failed = ບໍ່ສຳເລັດ

## What an audit entry records

audit-action-case-create = ເປີດກໍລະນີ
audit-action-case-update = ແກ້ໄຂກໍລະນີ
audit-action-case-team_add = ເພີ່ມສະມາຊິກທີມງານ
audit-action-case-team_remove = ເອົາສະມາຊິກທີມງານອອກ
audit-action-case-event_add = ບັນທຶກເຫດການຄ້າມະນຸດ
audit-action-case-note_add = ເພີ່ມບັນທຶກ
audit-action-case-task_add = ເພີ່ມວຽກ
audit-action-case-task_update = ປັບປຸງວຽກ
audit-action-case-party_add = ເພີ່ມບຸກຄົນເຂົ້າໃນກໍລະນີ
audit-action-party-create = ບັນທຶກຂໍ້ມູນບຸກຄົນ
audit-action-party-reveal = ເປີດເຜີຍຕົວຕົນທີ່ຖືກປົກປ້ອງ
audit-action-link-create = ບັນທຶກການເຊື່ອມໂຍງ
audit-action-access-refused = ພະຍາຍາມເປີດຂໍ້ມູນທີ່ຢູ່ນອກສິດການເຂົ້າເຖິງ
audit-action-access-forbidden = ພະຍາຍາມດຳເນີນການທີ່ບົດບາດຂອງຕົນບໍ່ອະນຸຍາດ
audit-action-other = ການດຳເນີນການອື່ນ ({ $code })
