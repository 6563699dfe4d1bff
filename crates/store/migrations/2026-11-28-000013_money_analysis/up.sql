-- Following the money over stored payments (issue 7; docs/decisions/0018). Alerts are raised by
-- scanning an organisation's payments with the money rules; one alert per rule and set of accounts
-- (`fingerprint`), kept open until an analyst confirms or dismisses it, its evidence refreshed by
-- later scans while open. `money_alert_cases` names the cases its payments belong to: an alert is
-- seen by those who see one of them. A saved trace is evidence in a case: the question asked and
-- the flow found (party and payment ids only; names are filled in as each reader may see them).
CREATE TABLE money_alerts (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    rule TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    accounts TEXT NOT NULL,
    payments TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    decision_note TEXT,
    raised_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, fingerprint)
);
CREATE INDEX money_alerts_status ON money_alerts (org_id, status, score);
CREATE TABLE money_alert_cases (
    alert_id TEXT NOT NULL REFERENCES money_alerts (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    PRIMARY KEY (alert_id, case_id)
);
CREATE INDEX money_alert_cases_case ON money_alert_cases (case_id);
CREATE TABLE money_traces (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    title TEXT NOT NULL,
    query TEXT NOT NULL,
    flow TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX money_traces_case ON money_traces (case_id, created_at);
