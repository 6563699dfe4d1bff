# Case forms (lo): a new case, adding people (search before create), notes and tasks.

back-to-case = ກັບໄປທີ່ກໍລະນີ
error-invalid-value = ຂໍ້ມູນນີ້ບໍ່ຖືກຕ້ອງ.
error-invalid-country = ກະລຸນາລະບຸລະຫັດປະເທດສາມຕົວອັກສອນ ເຊັ່ນ THA, LAO ຫຼື MMR.
person-search-label = ຊື່, ເບີໂທລະສັບ ຫຼື ເລກບັດປະຈຳຕົວ
person-search-too-short = ກະລຸນາພິມຢ່າງໜ້ອຍສອງຕົວອັກສອນເພື່ອຊອກຫາ.
person-search-first = ກະລຸນາຊອກຫາກ່ອນ. ແບບຟອມບັນທຶກບຸກຄົນໃໝ່ຈະປາກົດຫຼັງຈາກການຊອກຫາ.
person-name = ຊື່
person-in-this-case = ຢູ່ໃນກໍລະນີນີ້ແລ້ວ
person-role = ບົດບາດໃນກໍລະນີນີ້
person-choose-role = ເລືອກບົດບາດ
person-add-to-case = ເພີ່ມເຂົ້າໃນກໍລະນີນີ້
person-already-in-case = ບຸກຄົນນີ້ມີບົດບາດນີ້ໃນກໍລະນີແລ້ວ.
person-names-hint = ລະບຸຊື່ຕົວ, ນາມສະກຸນ ຫຼື ທັງສອງ; ຫຼື ລະບຸຊື່ເຕັມ ສຳລັບຊື່ທີ່ບໍ່ມີນາມສະກຸນ (ເຊັ່ນ ຊື່ຊາວມຽນມາ).
person-name-required = ກະລຸນາລະບຸຊື່ຕົວ, ນາມສະກຸນ ຫຼື ຊື່ເຕັມ.
person-given-name = ຊື່ຕົວ
person-family-name = ນາມສະກຸນ
person-full-name = ຊື່ເຕັມ
person-date-of-birth = ວັນເດືອນປີເກີດ
person-gender = ເພດ
person-nationality = ສັນຊາດ
person-nationality-hint = ລະຫັດປະເທດສາມຕົວອັກສອນ ເຊັ່ນ THA (ໄທ), LAO (ລາວ) ຫຼື MMR (ມຽນມາ).
person-id-number = ເລກບັດປະຈຳຕົວ ຫຼື ເລກໜັງສືຜ່ານແດນ
person-victim-hint = ຕົວຕົນຂອງຜູ້ຖືກເຄາະຮ້າຍຈະຖືກປິດບັງຕັ້ງແຕ່ຕົ້ນ: ໜ້າກໍລະນີຈະສະແດງພຽງຕົວອັກສອນຫຍໍ້ ແລະ ຊ່ວງອາຍຸເທົ່ານັ້ນ.
person-create-submit = ສ້າງ ແລະ ເພີ່ມເຂົ້າໃນກໍລະນີ

## Editing a case, the timeline, tasks
edit-case = ແກ້ໄຂກໍລະນີ
edit-case-title = ແກ້ໄຂກໍລະນີ
edit-case-history-hint = ທຸກການປ່ຽນແປງຈະຖືກເກັບໄວ້ໃນປະຫວັດຂອງກໍລະນີ ພ້ອມທັງສະຖານະ ແລະ ການຈັດປະເພດກ່ອນໜ້າ.
task-reopen = ເປີດວຽກຄືນ
event-undated = ບໍ່ຮູ້ວັນທີ
event-apps = ແອັບທີ່ໃຊ້
cases-filter-member-me = ກໍລະນີຂອງຂ້ອຍ

## HTCDS methods of control
field-control-methods = ວິທີການຄວບຄຸມ
control-physical_threats = ການຂົ່ມຂູ່ທຳຮ້າຍຮ່າງກາຍ
control-threats_of_law_enforcement = ການຂົ່ມຂູ່ວ່າຈະໃຫ້ຈັບ ຫຼື ສົ່ງກັບ
control-threats_to_children_or_family = ການຂົ່ມຂູ່ລູກ ຫຼື ຄອບຄົວ
control-debt_bondage = ການໃຊ້ແຮງງານໃຊ້ໜີ້
control-false_promises = ການໃຫ້ຄຳສັນຍາທີ່ບໍ່ຈິງ
control-physical_abuse = ການທຳຮ້າຍຮ່າງກາຍ
control-sexual_abuse = ການລ່ວງລະເມີດທາງເພດ
control-takes_earnings = ການຍຶດລາຍໄດ້
control-restricts_financial_access = ການຈຳກັດການເຂົ້າເຖິງເງິນ
control-restricts_medical_care = ການຈຳກັດການປິ່ນປົວ
control-withholds_necessities = ການບໍ່ໃຫ້ອາຫານ, ນ້ຳ ຫຼື ການນອນ
control-psychological_abuse = ການທຳຮ້າຍຈິດໃຈ
control-psychoactive_substances = ຢາເສບຕິດ ຫຼື ເຫຼົ້າ
control-excessive_working_hours = ການເຮັດວຽກເກີນເວລາ
control-withholds_documents = ການຍຶດເອກະສານປະຈຳຕົວ
control-other = ອື່ນໆ
event-apps-hint = ຂັ້ນດ້ວຍຈຸດ, ເຊັ່ນ LINE, Facebook
event-notes = ເກີດຫຍັງຂຶ້ນ
