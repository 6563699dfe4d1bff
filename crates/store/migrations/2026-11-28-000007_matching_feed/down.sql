DROP INDEX links_kind_created;
DROP INDEX parties_kind_updated;
