-- Bank statements imported into a case (issue 7): one row per transaction as the statement's
-- account saw it (amount signed: positive into the account), with the other side's account when
-- the bank gave it and the `paid` link between the two that the payment belongs to. `row_hash`
-- makes re-importing the same statement add nothing. Column mappings are saved per source (a
-- bank's export format), per organisation.
CREATE TABLE payments (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    case_id TEXT NOT NULL REFERENCES cases (id),
    account_party_id TEXT NOT NULL REFERENCES parties (id),
    counterparty_party_id TEXT REFERENCES parties (id),
    amount_minor BIGINT NOT NULL,
    currency TEXT NOT NULL,
    paid_at TEXT NOT NULL,
    description TEXT,
    reference TEXT,
    balance_minor BIGINT,
    row_hash TEXT NOT NULL,
    link_id TEXT REFERENCES links (id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (case_id, account_party_id, row_hash)
);
CREATE INDEX payments_case ON payments (case_id, paid_at);
CREATE INDEX payments_account ON payments (account_party_id, paid_at);
CREATE INDEX payments_link ON payments (link_id);
CREATE TABLE statement_mappings (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, name)
);
