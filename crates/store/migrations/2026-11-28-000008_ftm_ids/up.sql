-- Which record each imported FollowTheMoney entity became, per organisation: re-importing a file
-- finds its entities here and adds nothing twice (decision 0013). `local_kind` is 'party' or
-- 'link'; `local_id` is that party's or link's id. The FtM id is as given in the file (or, for a
-- phone, e-mail or address property of an entity, a key made from the entity's id and the value).
CREATE TABLE ftm_ids (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    ftm_id TEXT NOT NULL,
    local_kind TEXT NOT NULL,
    local_id TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (org_id, ftm_id)
);
