DROP TABLE statement_mappings;
DROP TABLE payments;
