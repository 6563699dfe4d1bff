-- Traffickers' assets and their way through the AMLO stages (issue 7; docs/decisions/0017). An
-- asset belongs to a case; `stage` and `stage_on` are its current stage, `seized_on` the day of its
-- provisional seizure (the 90-day clock); asset_stages keeps every stage reached, in order.
CREATE TABLE assets (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    owner_party_id TEXT REFERENCES parties (id),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    estimated_value_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    evidence TEXT,
    stage TEXT NOT NULL,
    stage_on TEXT NOT NULL,
    seized_on TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX assets_case ON assets (case_id, created_at);
CREATE INDEX assets_stage ON assets (stage, seized_on);
CREATE TABLE asset_stages (
    id TEXT PRIMARY KEY NOT NULL,
    asset_id TEXT NOT NULL REFERENCES assets (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    stage TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reference TEXT,
    official TEXT,
    notes TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX asset_stages_asset ON asset_stages (asset_id, on_date);
