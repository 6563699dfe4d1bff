DROP TABLE referrals;
DROP TABLE consents;
