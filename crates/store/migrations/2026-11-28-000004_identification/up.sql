-- How a potential victim or a case came to the organisation: a police referral (unit, officer,
-- date, their reference), the organisation's own investigation (perhaps passed to a
-- law-enforcement unit), a hotline call, or a partner NGO.
CREATE TABLE intakes (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    route TEXT NOT NULL,
    received_on TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    officer_name TEXT,
    their_reference TEXT,
    passed_to_org_id TEXT REFERENCES organisations (id),
    passed_on TEXT,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX intakes_case ON intakes (case_id);

-- Screenings against the legal test, append-only: the answers and the advice as given that day.
CREATE TABLE screenings (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    party_id TEXT REFERENCES parties (id),
    age_at_exploitation DOUBLE PRECISION,
    answers TEXT NOT NULL,
    result TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX screenings_case ON screenings (case_id);

-- The deciding body's formal identification of a person (HTCDS trafficking status), append-only:
-- the latest decision on a person stands. Screening advice never changes it.
CREATE TABLE identification_decisions (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    party_id TEXT NOT NULL REFERENCES parties (id),
    status TEXT NOT NULL,
    deciding_body TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    mdt_date TEXT,
    decided_on TEXT NOT NULL,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX identification_decisions_case ON identification_decisions (case_id, party_id);

-- Where a perpetrator stands with the law (suspected ... convicted, acquitted), their HTCDS roles
-- in the process and the unit handling them, append-only.
CREATE TABLE perpetrator_statuses (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    party_id TEXT NOT NULL REFERENCES parties (id),
    roles TEXT NOT NULL,
    status TEXT NOT NULL,
    unit_org_id TEXT REFERENCES organisations (id),
    on_date TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX perpetrator_statuses_case ON perpetrator_statuses (case_id, party_id);
