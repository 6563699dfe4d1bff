DROP TABLE asset_stages;
DROP TABLE assets;
