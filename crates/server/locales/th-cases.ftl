# cases pages (th)
