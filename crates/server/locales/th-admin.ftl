# admin pages (th)
