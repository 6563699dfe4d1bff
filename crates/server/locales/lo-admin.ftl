# admin pages (lo)
nav-account = ບັນຊີຂອງຂ້ອຍ
