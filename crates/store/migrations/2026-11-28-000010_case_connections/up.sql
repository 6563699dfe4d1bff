-- When a new record, link or merge ties two cases together (issue 6), the server's network
-- projection records it here once per pair of cases, with the path that joins them, so that the
-- case page and the home page can tell the teams. `path` is a JSON array of node ids (parties, and
-- the two cases at its ends); it is read back through the reader's scope, never shown as stored.
CREATE TABLE case_connections (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_a TEXT NOT NULL REFERENCES cases (id),
    case_b TEXT NOT NULL REFERENCES cases (id),
    path TEXT NOT NULL,
    cause TEXT NOT NULL,
    found_at TEXT NOT NULL,
    UNIQUE (case_a, case_b)
);
CREATE INDEX case_connections_a ON case_connections (case_a, found_at);
CREATE INDEX case_connections_b ON case_connections (case_b, found_at);
CREATE INDEX case_connections_found ON case_connections (org_id, found_at);
-- Feeds the network projection reads (rows created since its last read).
CREATE INDEX parties_created ON parties (created_at);
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX case_parties_created ON case_parties (created_at);
CREATE INDEX links_created ON links (created_at);
CREATE INDEX call_records_created ON call_records (created_at);
CREATE INDEX party_merges_decided ON party_merges (decided_at);
CREATE INDEX party_merges_undone ON party_merges (undone_at);
