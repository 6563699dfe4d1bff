-- Consent given by a survivor (or their guardian) for services, for sharing with one named
-- organisation, or for non-identifying statistics; withdrawn, never deleted.
CREATE TABLE consents (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    party_id TEXT NOT NULL REFERENCES parties (id),
    given_by TEXT NOT NULL,
    guardian_name TEXT,
    purpose TEXT NOT NULL,
    organisation_id TEXT REFERENCES organisations (id),
    given_on TEXT NOT NULL,
    withdrawn_on TEXT,
    withdrawn_by TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX consents_case ON consents (case_id, party_id);

-- A case referred out to a partner (police unit, AMLO, shelter, NGO) or received from one: what
-- is shared, whether identities are shown, and where it stands (sent, accepted, rejected, done,
-- revoked).
CREATE TABLE referrals (
    id TEXT PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases (id),
    direction TEXT NOT NULL,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    parts TEXT NOT NULL,
    identity TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT,
    their_reference TEXT,
    answer TEXT,
    override_reason TEXT,
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    answered_by TEXT,
    answered_at TEXT,
    closed_at TEXT
);
CREATE INDEX referrals_case ON referrals (case_id);
CREATE INDEX referrals_partner ON referrals (organisation_id, status);
