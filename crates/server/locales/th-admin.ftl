# admin pages (th)
nav-account = บัญชีของฉัน
