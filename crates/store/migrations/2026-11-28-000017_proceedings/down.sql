DROP TABLE calendar_tokens;
DROP TABLE court_events;
DROP TABLE proceeding_defendants;
DROP TABLE proceedings;
