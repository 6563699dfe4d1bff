-- Call-detail records imported into a case (a police partner's CSV of caller, callee, start and
-- duration). Each call joins two phone parties; the case holds one `called` link per caller and
-- callee, dated from the first call to the last, which the calls point to.
CREATE TABLE call_records (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    caller TEXT NOT NULL REFERENCES parties (id),
    callee TEXT NOT NULL REFERENCES parties (id),
    started_at TEXT NOT NULL,
    duration_seconds INTEGER NOT NULL,
    link_id TEXT NOT NULL REFERENCES links (id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, caller, callee, started_at, duration_seconds)
);
CREATE INDEX call_records_case ON call_records (case_id, started_at);
CREATE INDEX call_records_link ON call_records (link_id);
