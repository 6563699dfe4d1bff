-- Criminal and civil proceedings of a case (issue 8; docs/decisions/0019): court, case numbers,
-- prosecutor, charges (JSON list of law and section), defendants (perpetrators of the case), and
-- what happens in court (hearings, depositions before trial, verdicts, sentences, appeals) with
-- their local time and outcome. calendar_tokens holds the hash of each user's calendar-feed token.
CREATE TABLE proceedings (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    court TEXT NOT NULL,
    black_case_number TEXT,
    red_case_number TEXT,
    prosecutor TEXT,
    charges TEXT NOT NULL,
    status TEXT NOT NULL,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX proceedings_case ON proceedings (case_id, created_at);
CREATE TABLE proceeding_defendants (
    proceeding_id TEXT NOT NULL REFERENCES proceedings (id),
    party_id TEXT NOT NULL REFERENCES parties (id),
    PRIMARY KEY (proceeding_id, party_id)
);
CREATE TABLE court_events (
    id TEXT PRIMARY KEY NOT NULL,
    proceeding_id TEXT NOT NULL REFERENCES proceedings (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    place TEXT,
    outcome TEXT,
    notes TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX court_events_case ON court_events (case_id, starts_at);
CREATE INDEX court_events_time ON court_events (starts_at);
CREATE TABLE calendar_tokens (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
