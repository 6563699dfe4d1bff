DROP TABLE case_closures;
DROP TABLE outcome_assessments;
DROP TABLE follow_up_visits;
DROP TABLE services_delivered;
DROP TABLE support_goals;
DROP TABLE support_plans;
