ALTER TABLE cases DROP COLUMN control_methods;
