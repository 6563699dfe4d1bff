# ບັນທຶກການໂທ (lo): ໄຟລ໌ CSV ການໂທຈາກຕຳຫຼວດ ນຳເຂົ້າໃນກໍລະນີ
calls-title = ບັນທຶກການໂທ
calls-hint = ໄຟລ໌ CSV ຈາກຕຳຫຼວດ ມີຫົວຕາຕະລາງບອກຜູ້ໂທ, ຜູ້ຮັບສາຍ, ເວລາເລີ່ມ (ຫຼື ວັນທີ ແລະ ເວລາ) ແລະ ໄລຍະເວລາ ລຳດັບໃດກໍໄດ້. ວັນທີຂຽນວັນກ່ອນ ແລະ ໃຊ້ປີພຸດທະສັກກະລາດໄດ້. ນຳເຂົ້າການໂທເດີມຄືນຈະບໍ່ເພີ່ມຫຍັງ.
calls-file = ໄຟລ໌ບັນທຶກການໂທ (CSV)
calls-import = ນຳເຂົ້າ
calls-imported = ການໂທທີ່ເພີ່ມ
calls-phones-added = ໂທລະສັບໃໝ່
calls-links-added = ການເຊື່ອມໂຍງໃໝ່
calls-ignored-columns = ຖັນທີ່ບໍ່ໄດ້ໃຊ້
calls-refused = ບໍ່ໄດ້ນຳເຂົ້າໄຟລ໌ ແລະ ບໍ່ໄດ້ເກັບຫຍັງຈາກໄຟລ໌:
calls-no-file = ເລືອກໄຟລ໌ທີ່ຈະນຳເຂົ້າ.
calls-too-large = ໄຟລ໌ໃຫຍ່ກວ່າ 16 MiB: ກະລຸນາແບ່ງໄຟລ໌.
calls-list = ການໂທ
calls-none = ຍັງບໍ່ມີບັນທຶກການໂທໃນກໍລະນີນີ້.
calls-started = ເວລາເລີ່ມ
calls-caller = ຜູ້ໂທ
calls-callee = ຜູ້ຮັບສາຍ
calls-duration = ໄລຍະເວລາ
