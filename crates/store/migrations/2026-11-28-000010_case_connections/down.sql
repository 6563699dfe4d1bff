DROP INDEX party_merges_undone;
DROP INDEX party_merges_decided;
DROP INDEX call_records_created;
DROP INDEX links_created;
DROP INDEX case_parties_created;
DROP INDEX cases_created;
DROP INDEX parties_created;
DROP TABLE case_connections;
