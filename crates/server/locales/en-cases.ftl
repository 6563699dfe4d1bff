# cases pages (en)
