-- The matching index reads the persons and the contact links changed since its last look
-- (server/src/matching.rs, decision 0011) before every search: without these, each search would
-- scan every party and every link.
CREATE INDEX parties_kind_updated ON parties (kind, updated_at, id);
CREATE INDEX links_kind_created ON links (kind, created_at);
