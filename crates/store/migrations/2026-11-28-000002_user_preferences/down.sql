ALTER TABLE users DROP COLUMN buddhist_era;
ALTER TABLE users DROP COLUMN locale;
