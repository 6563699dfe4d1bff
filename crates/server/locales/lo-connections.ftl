# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = ການເຊື່ອມໂຍງກັບຄະດີອື່ນ
connections-home-title = ການເຊື່ອມໂຍງໃໝ່ລະຫວ່າງຄະດີຂອງທ່ານ
connections-intro = ພົບເມື່ອມີບັນທຶກ, ການເຊື່ອມໂຍງ, ການໂທ ຫຼື ການລວມບັນທຶກໃໝ່ທີ່ເຊື່ອມສອງຄະດີເຂົ້າກັນ. ເສັ້ນທາງສະແດງສິ່ງທີ່ເຊື່ອມພວກມັນ ຕາມທີ່ທ່ານມີສິດເຫັນ.
connections-cause-record = ບັນທຶກໃໝ່
connections-cause-merge = ການລວມບັນທຶກ
connections-path = ຜ່ານ
connections-open-network = ສະແດງໃນເຄືອຂ່າຍ
party-kind-case = ຄະດີ

# Network analysis (issue 6): /network/analysis.
analysis-title = ການວິເຄາະເຄືອຂ່າຍ
analysis-intro = ເຄືອຂ່າຍຂ້າມຄະດີທີ່ທ່ານມີສິດເຫັນ: ແບ່ງເປັນເຄືອຂ່າຍທີ່ເຊື່ອມຕໍ່ກັນແນວໃດ, ໃຜເປັນຜູ້ເຊື່ອມໂຍງຫຼັກ ແລະ ກຸ່ມຍ່ອຍ. ເປີດເຄືອຂ່າຍຂອງບັນທຶກໃດກໍ່ໄດ້ຈາກບ່ອນນີ້.
analysis-networks = ເຄືອຂ່າຍທີ່ເຊື່ອມຕໍ່ກັນ
analysis-records = ບັນທຶກ
analysis-links = ການເຊື່ອມໂຍງ
analysis-network-count = ເຄືອຂ່າຍທີ່ເຊື່ອມຕໍ່ກັນ
analysis-size = ບັນທຶກ
analysis-best-linked = ເຊື່ອມໂຍງຫຼາຍທີ່ສຸດ
analysis-players = ບຸກຄົນສຳຄັນ
analysis-by = ຕົວຊີ້ວັດ
analysis-by-degree = ຈຳນວນການເຊື່ອມໂຍງ
analysis-by-pagerank = ຄວາມສຳຄັນຕາມລິ້ງ (PageRank)
analysis-by-betweenness = ຄວາມເປັນຕົວກາງ
analysis-show = ສະແດງ
analysis-none = ຍັງບໍ່ມີ
analysis-record = ບັນທຶກ
analysis-kind = ປະເພດ
analysis-hub = ສູນກາງ
analysis-communities = ກຸ່ມຍ່ອຍ
analysis-communities-intro = ກຸ່ມທີ່ເຊື່ອມໂຍງກັນເອງຫຼາຍກວ່າກັບສ່ວນອື່ນ (Louvain)
analysis-modularity = ຄ່າຄວາມເປັນກຸ່ມ (modularity)
analysis-community-count = ກຸ່ມຍ່ອຍ
nav-network = ເຄືອຂ່າຍ
