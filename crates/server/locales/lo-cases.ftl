# cases pages (lo)
