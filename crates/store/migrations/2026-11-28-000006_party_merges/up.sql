-- Decisions that two person records are one person ('merged') or not ('distinct'). Merging never
-- rewrites the records themselves: a person is the connected component of the active 'merged'
-- decisions, and undoing a decision (undone_at set) splits it back. Decisions are kept when undone.
CREATE TABLE party_merges (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    party_a TEXT NOT NULL REFERENCES parties (id),
    party_b TEXT NOT NULL REFERENCES parties (id),
    decision TEXT NOT NULL,
    probability DOUBLE PRECISION,
    explanation TEXT NOT NULL,
    auto BOOLEAN NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    undone_by TEXT,
    undone_at TEXT
);
CREATE INDEX party_merges_a ON party_merges (party_a);
CREATE INDEX party_merges_b ON party_merges (party_b);

-- Installation-wide settings an administrator changes (auto_merge_threshold; absent = never).
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
