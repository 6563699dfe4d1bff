# admin pages (my)
