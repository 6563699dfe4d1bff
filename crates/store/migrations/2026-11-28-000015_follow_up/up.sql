-- Follow-up with survivors (issue 8; docs/decisions/0020). Everything belongs to a case and one of
-- its victims (a party with the role victim): support plans and their goals (HTCDS support-plan
-- types), services delivered (by our organisation or a partner), follow-up visits (the country as
-- ISO 3166 alpha-3, who went as a JSON list of user ids, the next visit due), the six-domain outcome
-- assessments (each score 1 to 4), and closure proposals with a manager's decision.
CREATE TABLE support_plans (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    victim_party_id TEXT NOT NULL REFERENCES parties (id),
    title TEXT NOT NULL,
    started_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX support_plans_victim ON support_plans (case_id, victim_party_id);
CREATE TABLE support_goals (
    id TEXT PRIMARY KEY NOT NULL,
    plan_id TEXT NOT NULL REFERENCES support_plans (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    victim_party_id TEXT NOT NULL REFERENCES parties (id),
    plan_type TEXT NOT NULL,
    description TEXT NOT NULL,
    target_on TEXT,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX support_goals_plan ON support_goals (plan_id);
CREATE TABLE services_delivered (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    victim_party_id TEXT NOT NULL REFERENCES parties (id),
    delivered_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider_org_id TEXT NOT NULL REFERENCES organisations (id),
    goal_id TEXT REFERENCES support_goals (id),
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX services_delivered_victim ON services_delivered (case_id, victim_party_id, delivered_on);
CREATE TABLE follow_up_visits (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    victim_party_id TEXT NOT NULL REFERENCES parties (id),
    visited_on TEXT NOT NULL,
    country TEXT NOT NULL,
    place TEXT,
    visitors TEXT NOT NULL,
    travel_from TEXT,
    travel_to TEXT,
    notes TEXT,
    next_due_on TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX follow_up_visits_victim ON follow_up_visits (case_id, victim_party_id, visited_on);
CREATE TABLE outcome_assessments (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    victim_party_id TEXT NOT NULL REFERENCES parties (id),
    kind TEXT NOT NULL,
    assessed_on TEXT NOT NULL,
    safety BIGINT NOT NULL,
    legal_protection BIGINT NOT NULL,
    mental_wellbeing BIGINT NOT NULL,
    economic_empowerment BIGINT NOT NULL,
    social_support BIGINT NOT NULL,
    physical_wellbeing BIGINT NOT NULL,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX outcome_assessments_victim ON outcome_assessments (case_id, victim_party_id, assessed_on);
CREATE TABLE case_closures (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    decision_note TEXT
);
CREATE INDEX case_closures_case ON case_closures (case_id, proposed_at);
