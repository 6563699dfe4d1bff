# cases pages (my)
