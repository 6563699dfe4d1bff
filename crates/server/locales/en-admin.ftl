# admin pages (en)
