# reveal pages (en)
