DROP TABLE money_traces;
DROP TABLE money_alert_cases;
DROP TABLE money_alerts;
