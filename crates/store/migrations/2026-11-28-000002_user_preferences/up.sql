-- Interface preferences that follow the user from device to device.
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE users ADD COLUMN buddhist_era BOOLEAN NOT NULL DEFAULT FALSE;
