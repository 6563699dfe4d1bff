DROP TABLE community_events;
DROP TABLE trainings;
