-- HTCDS methods of control, multi-valued on a case like its types of exploitation.
ALTER TABLE cases ADD COLUMN control_methods TEXT NOT NULL DEFAULT '[]';
