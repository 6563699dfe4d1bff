DROP TABLE ftm_ids;
