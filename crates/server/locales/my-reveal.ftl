# reveal pages (my)
