DROP TABLE payment_approvals;
DROP TABLE ledger_entries;
DROP TABLE ledger_movements;
DROP TABLE claim_steps;
DROP TABLE compensation_claims;
