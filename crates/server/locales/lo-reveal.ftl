# reveal pages (lo)
