# admin pages (lo)
