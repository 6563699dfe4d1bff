# reveal pages (th)
