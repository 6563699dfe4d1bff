# Connections between cases that the network found (issue 6): the home page and the case page.
connections-title = ການເຊື່ອມໂຍງກັບຄະດີອື່ນ
connections-home-title = ການເຊື່ອມໂຍງໃໝ່ລະຫວ່າງຄະດີຂອງທ່ານ
connections-intro = ພົບເມື່ອມີບັນທຶກ, ການເຊື່ອມໂຍງ, ການໂທ ຫຼື ການລວມບັນທຶກໃໝ່ທີ່ເຊື່ອມສອງຄະດີເຂົ້າກັນ. ເສັ້ນທາງສະແດງສິ່ງທີ່ເຊື່ອມພວກມັນ ຕາມທີ່ທ່ານມີສິດເຫັນ.
connections-cause-record = ບັນທຶກໃໝ່
connections-cause-merge = ການລວມບັນທຶກ
connections-path = ຜ່ານ
connections-open-network = ສະແດງໃນເຄືອຂ່າຍ
party-kind-case = ຄະດີ
