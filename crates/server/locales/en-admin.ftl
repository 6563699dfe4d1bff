# admin pages (en)
nav-account = My account
