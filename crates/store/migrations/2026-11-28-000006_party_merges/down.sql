DROP TABLE settings;
DROP TABLE party_merges;
