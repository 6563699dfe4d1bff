-- Engagement (issue 8; docs/decisions/0021-engagement.md): the organisation's trainings of judges,
-- prosecutors, attorneys and police, and its community education events. They belong to the
-- organisation (org_id), not to a case, and hold no survivor data. A training's audience (counts by
-- role) is a JSON object; lists (topics, trainers, materials, partner organisations, the
-- knowledge-test pairs) are JSON arrays, like a case's tactics.
CREATE TABLE trainings (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    place TEXT NOT NULL,
    audience TEXT NOT NULL,
    topics TEXT NOT NULL,
    trainers TEXT NOT NULL,
    materials TEXT NOT NULL,
    scores TEXT NOT NULL,
    partner_org_ids TEXT NOT NULL,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX trainings_org ON trainings (org_id, starts_on);
CREATE TABLE community_events (
    id TEXT PRIMARY KEY NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    audience TEXT NOT NULL,
    topics TEXT NOT NULL,
    people_reached BIGINT NOT NULL,
    online_reach BIGINT,
    partner_org_ids TEXT NOT NULL,
    notes TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX community_events_org ON community_events (org_id, held_on);
