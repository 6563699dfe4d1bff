//! One struct per table, exactly as stored. Repositories turn them into domain types; backup and
//! restore move them as they are.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::schema::*;

macro_rules! row {
    ($name:ident, $table:ident { $($field:ident : $ty:ty),+ $(,)? }) => {
        #[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, Serialize, Deserialize)]
        #[diesel(table_name = $table)]
        pub struct $name {
            $(pub $field: $ty),+
        }
    };
}

row!(
    OrganisationRow,
    organisations { id: String, name: String, org_type: String, country: String, is_own: bool, created_at: String }
);

row!(UserRow, users {
    id: String, org_id: String, username: String, display_name: Option<String>, role: String,
    password_hash: String, disabled: bool, created_at: String, updated_at: String,
    locale: Option<String>, buddhist_era: bool,
});

row!(
    SessionRow,
    sessions { id: String, token_hash: String, user_id: String, created_at: String, last_seen_at: String }
);

row!(LoginFailureRow, login_failures { id: String, username: String, address: String, at: String });

row!(SetupTokenRow, setup_tokens {
    token_hash: String, created_at: String, expires_at: String, used_at: Option<String>,
});

row!(CounterRow, counters { name: String, value: i64 });

row!(CaseRow, cases {
    id: String, org_id: String, reference: String, title: String, summary: Option<String>,
    status: String, tactics: String, exploitation_types: String, opened_on: String,
    created_by: String, created_at: String, updated_at: String, control_methods: String,
});

row!(TeamRow, case_team { case_id: String, user_id: String, added_by: String, added_at: String });

row!(EventRow, trafficking_events {
    id: String, case_id: String, stage: String, occurred_on: Option<String>, place: Option<String>,
    country: Option<String>, latitude: Option<f64>, longitude: Option<f64>,
    recruitment_method: Option<String>, apps: String, notes: Option<String>, created_by: String,
    created_at: String,
});

row!(PartyRow, parties {
    id: String, org_id: String, kind: String, name: String, given_name: Option<String>,
    family_name: Option<String>, date_of_birth: Option<String>, gender: Option<String>,
    nationality: Option<String>, id_number: Option<String>, identifier: Option<String>,
    attributes: String, survivor: bool, created_by: String, created_at: String, updated_at: String,
});

row!(CasePartyRow, case_parties {
    id: String, case_id: String, party_id: String, role: String, role_in_process: String,
    notes: Option<String>, created_by: String, created_at: String,
});

row!(LinkRow, links {
    id: String, from_party: String, to_party: String, kind: String, starts_on: Option<String>,
    ends_on: Option<String>, source: String, confidence: String, case_id: Option<String>,
    notes: Option<String>, created_by: String, created_at: String,
});

row!(NoteRow, notes { id: String, case_id: String, body: String, created_by: String, created_at: String });

row!(TaskRow, tasks {
    id: String, case_id: String, title: String, due_on: Option<String>, assignee_id: Option<String>,
    done_at: Option<String>, created_by: String, created_at: String,
});

row!(AuditHeadRow, audit_head { id: i32, seq: i64, hash: String });

row!(ConsentRow, consents {
    id: String, case_id: String, party_id: String, given_by: String, guardian_name: Option<String>,
    purpose: String, organisation_id: Option<String>, given_on: String, withdrawn_on: Option<String>,
    withdrawn_by: Option<String>, recorded_by: String, recorded_at: String,
});

row!(ReferralRow, referrals {
    id: String, case_id: String, direction: String, organisation_id: String, parts: String,
    identity: String, status: String, message: Option<String>, their_reference: Option<String>,
    answer: Option<String>, override_reason: Option<String>, sent_by: String, sent_at: String,
    answered_by: Option<String>, answered_at: Option<String>, closed_at: Option<String>,
});

row!(IntakeRow, intakes {
    id: String, case_id: String, route: String, received_on: String, organisation_id: Option<String>,
    officer_name: Option<String>, their_reference: Option<String>, passed_to_org_id: Option<String>,
    passed_on: Option<String>, notes: Option<String>, created_by: String, created_at: String,
});

row!(ScreeningRow, screenings {
    id: String, case_id: String, party_id: Option<String>, age_at_exploitation: Option<f64>,
    answers: String, result: String, created_by: String, created_at: String,
});

row!(DecisionRow, identification_decisions {
    id: String, case_id: String, party_id: String, status: String, deciding_body: String,
    decided_by: String, mdt_date: Option<String>, decided_on: String, notes: Option<String>,
    created_by: String, created_at: String,
});

row!(PerpetratorStatusRow, perpetrator_statuses {
    id: String, case_id: String, party_id: String, roles: String, status: String,
    unit_org_id: Option<String>, on_date: String, created_by: String, created_at: String,
});

row!(MergeRow, party_merges {
    id: String, org_id: String, party_a: String, party_b: String, decision: String,
    probability: Option<f64>, explanation: String, auto: bool, decided_by: String, decided_at: String,
    undone_by: Option<String>, undone_at: Option<String>,
});

row!(SettingRow, settings { key: String, value: String, updated_by: String, updated_at: String });

row!(
    CallRecordRow,
    call_records {
        id: String,
        case_id: String,
        caller: String,
        callee: String,
        started_at: String,
        duration_seconds: i32,
        link_id: String,
        created_by: String,
        created_at: String,
    }
);

row!(
    CaseConnectionRow,
    case_connections {
        id: String,
        org_id: String,
        case_a: String,
        case_b: String,
        path: String,
        cause: String,
        found_at: String,
    }
);

row!(TrainingRow, trainings {
    id: String, org_id: String, title: String, starts_on: String, ends_on: String, place: String, audience: String,
    topics: String, trainers: String, materials: String, scores: String, partner_org_ids: String, notes: Option<String>,
    created_by: String, created_at: String, updated_at: String,
});

row!(CommunityEventRow, community_events {
    id: String, org_id: String, title: String, held_on: String, place: String, audience: String, topics: String,
    people_reached: i64, online_reach: Option<i64>, partner_org_ids: String, notes: Option<String>,
    created_by: String, created_at: String,
});

row!(
    AssetRow,
    assets {
        id: String,
        org_id: String,
        case_id: String,
        owner_party_id: Option<String>,
        kind: String,
        description: String,
        estimated_value_minor: i64,
        currency: String,
        evidence: Option<String>,
        stage: String,
        stage_on: String,
        seized_on: Option<String>,
        created_by: String,
        created_at: String,
        updated_at: String,
    }
);

row!(
    AssetStageRow,
    asset_stages {
        id: String,
        asset_id: String,
        case_id: String,
        stage: String,
        on_date: String,
        reference: Option<String>,
        official: Option<String>,
        notes: Option<String>,
        recorded_by: String,
        recorded_at: String,
    }
);

row!(
    PaymentRow,
    payments {
        id: String,
        org_id: String,
        case_id: String,
        account_party_id: String,
        counterparty_party_id: Option<String>,
        amount_minor: i64,
        currency: String,
        paid_at: String,
        description: Option<String>,
        reference: Option<String>,
        balance_minor: Option<i64>,
        row_hash: String,
        link_id: Option<String>,
        created_by: String,
        created_at: String,
    }
);

row!(
    MappingRow,
    statement_mappings {
        id: String,
        org_id: String,
        name: String,
        mapping: String,
        updated_by: String,
        updated_at: String
    }
);

row!(
    AlertRow,
    money_alerts {
        id: String,
        org_id: String,
        rule: String,
        fingerprint: String,
        accounts: String,
        payments: String,
        score: f64,
        status: String,
        decided_by: Option<String>,
        decided_at: Option<String>,
        decision_note: Option<String>,
        raised_at: String,
        updated_at: String,
    }
);

row!(AlertCaseRow, money_alert_cases { alert_id: String, case_id: String });

row!(
    TraceRow,
    money_traces {
        id: String,
        org_id: String,
        case_id: String,
        title: String,
        query: String,
        flow: String,
        created_by: String,
        created_at: String,
    }
);

row!(ClaimRow, compensation_claims {
    id: String, org_id: String, case_id: String, victim_party_id: String, route: String, claimed_minor: i64,
    ordered_minor: Option<i64>, ordered_on: Option<String>, judgment_reference: Option<String>, debtor: Option<String>,
    notes: Option<String>, created_by: String, created_at: String, updated_at: String,
});

row!(ClaimStepRow, claim_steps {
    id: String, claim_id: String, case_id: String, kind: String, on_date: String, reference: Option<String>,
    amount_minor: Option<i64>, notes: Option<String>, recorded_by: String, recorded_at: String,
});

row!(MovementRow, ledger_movements {
    id: String, org_id: String, claim_id: String, case_id: String, kind: String, amount_minor: i64,
    reverses_id: Option<String>, idempotency_key: String, fingerprint: String, on_date: String,
    reference: Option<String>, notes: Option<String>, recorded_by: String, approved_by: Option<String>,
    recorded_at: String,
});

row!(
    EntryRow,
    ledger_entries { id: String, movement_id: String, claim_id: String, account: String, amount_minor: i64 }
);

row!(ApprovalRow, payment_approvals {
    id: String, claim_id: String, case_id: String, amount_minor: i64, idempotency_key: String, on_date: String,
    reference: Option<String>, notes: Option<String>, status: String, requested_by: String, requested_at: String,
    decided_by: Option<String>, decided_at: Option<String>, decision_note: Option<String>, movement_id: Option<String>,
});

row!(ProceedingRow, proceedings {
    id: String, org_id: String, case_id: String, kind: String, court: String, black_case_number: Option<String>,
    red_case_number: Option<String>, prosecutor: Option<String>, charges: String, status: String,
    notes: Option<String>, created_by: String, created_at: String, updated_at: String,
});

row!(DefendantRow, proceeding_defendants { proceeding_id: String, party_id: String });

row!(CourtEventRow, court_events {
    id: String, proceeding_id: String, case_id: String, kind: String, starts_at: String, place: Option<String>,
    outcome: Option<String>, notes: Option<String>, recorded_by: String, recorded_at: String, updated_at: String,
});

row!(CalendarTokenRow, calendar_tokens { user_id: String, token_hash: String, created_at: String });

row!(
    PlanRow,
    support_plans {
        id: String,
        org_id: String,
        case_id: String,
        victim_party_id: String,
        title: String,
        started_on: String,
        created_by: String,
        created_at: String,
    }
);

row!(GoalRow, support_goals {
    id: String, plan_id: String, case_id: String, victim_party_id: String, plan_type: String, description: String,
    target_on: Option<String>, status: String, created_by: String, created_at: String, updated_at: String,
});

row!(ServiceRow, services_delivered {
    id: String, org_id: String, case_id: String, victim_party_id: String, delivered_on: String, kind: String,
    provider_org_id: String, goal_id: Option<String>, notes: Option<String>, created_by: String, created_at: String,
});

row!(VisitRow, follow_up_visits {
    id: String, org_id: String, case_id: String, victim_party_id: String, visited_on: String, country: String,
    place: Option<String>, visitors: String, travel_from: Option<String>, travel_to: Option<String>,
    notes: Option<String>, next_due_on: Option<String>, created_by: String, created_at: String,
});

row!(AssessmentRow, outcome_assessments {
    id: String, org_id: String, case_id: String, victim_party_id: String, kind: String, assessed_on: String,
    safety: i64, legal_protection: i64, mental_wellbeing: i64, economic_empowerment: i64, social_support: i64,
    physical_wellbeing: i64, notes: Option<String>, created_by: String, created_at: String,
});

row!(ClosureRow, case_closures {
    id: String, org_id: String, case_id: String, reason: String, status: String, proposed_by: String,
    proposed_at: String, decided_by: Option<String>, decided_at: Option<String>, decision_note: Option<String>,
});

row!(
    FtmIdRow,
    ftm_ids {
        org_id: String,
        ftm_id: String,
        local_kind: String,
        local_id: String,
        imported_by: String,
        imported_at: String,
    }
);
