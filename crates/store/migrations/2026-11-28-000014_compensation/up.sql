-- Compensation to the last baht (issue 8; docs/decisions/0019). A claim per victim per route with
-- what was claimed and ordered; its steps (filing, orders, enforcement by the Legal Execution
-- Department); a double-entry ledger in satang of the money received for the victim and paid to
-- them: movements (receipt, payment, reversal) whose entries sum to zero over the claim's three
-- accounts (source, held, paid). Movements and entries are never updated or deleted. Payments
-- above the configured amount wait in payment_approvals for a second, different approver.
CREATE TABLE compensation_claims (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    victim_party_id TEXT NOT NULL REFERENCES parties (id),
    route TEXT NOT NULL,
    claimed_minor BIGINT NOT NULL,
    ordered_minor BIGINT,
    ordered_on TEXT,
    judgment_reference TEXT,
    debtor TEXT,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX compensation_claims_case ON compensation_claims (case_id, created_at);
CREATE INDEX compensation_claims_victim ON compensation_claims (victim_party_id);
CREATE TABLE claim_steps (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES compensation_claims (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reference TEXT,
    amount_minor BIGINT,
    notes TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX claim_steps_claim ON claim_steps (claim_id, on_date);
CREATE TABLE ledger_movements (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    claim_id TEXT NOT NULL REFERENCES compensation_claims (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    amount_minor BIGINT NOT NULL,
    reverses_id TEXT REFERENCES ledger_movements (id),
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reference TEXT,
    notes TEXT,
    recorded_by TEXT NOT NULL,
    approved_by TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (claim_id, idempotency_key)
);
CREATE INDEX ledger_movements_claim ON ledger_movements (claim_id, recorded_at);
CREATE TABLE ledger_entries (
    id TEXT PRIMARY KEY NOT NULL,
    movement_id TEXT NOT NULL REFERENCES ledger_movements (id),
    claim_id TEXT NOT NULL REFERENCES compensation_claims (id),
    account TEXT NOT NULL,
    amount_minor BIGINT NOT NULL
);
CREATE INDEX ledger_entries_claim ON ledger_entries (claim_id, account);
CREATE TABLE payment_approvals (
    id TEXT PRIMARY KEY NOT NULL,
    claim_id TEXT NOT NULL REFERENCES compensation_claims (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    amount_minor BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL,
    on_date TEXT NOT NULL,
    reference TEXT,
    notes TEXT,
    status TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    decided_by TEXT,
    decided_at TEXT,
    decision_note TEXT,
    movement_id TEXT REFERENCES ledger_movements (id),
    UNIQUE (claim_id, idempotency_key)
);
CREATE INDEX payment_approvals_status ON payment_approvals (status, requested_at);
