DROP TABLE perpetrator_statuses;
DROP TABLE identification_decisions;
DROP TABLE screenings;
DROP TABLE intakes;
