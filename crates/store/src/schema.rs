//! Diesel table definitions, written by hand to match `migrations/` (checked by the migration test).

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        org_type -> Text,
        country -> Text,
        is_own -> Bool,
        created_at -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        org_id -> Text,
        username -> Text,
        display_name -> Nullable<Text>,
        role -> Text,
        password_hash -> Text,
        disabled -> Bool,
        created_at -> Text,
        updated_at -> Text,
        locale -> Nullable<Text>,
        buddhist_era -> Bool,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        token_hash -> Text,
        user_id -> Text,
        created_at -> Text,
        last_seen_at -> Text,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        username -> Text,
        address -> Text,
        at -> Text,
    }
}

diesel::table! {
    setup_tokens (token_hash) {
        token_hash -> Text,
        created_at -> Text,
        expires_at -> Text,
        used_at -> Nullable<Text>,
    }
}

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        org_id -> Text,
        reference -> Text,
        title -> Text,
        summary -> Nullable<Text>,
        status -> Text,
        tactics -> Text,
        exploitation_types -> Text,
        opened_on -> Text,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
        control_methods -> Text,
    }
}

diesel::table! {
    case_team (case_id, user_id) {
        case_id -> Text,
        user_id -> Text,
        added_by -> Text,
        added_at -> Text,
    }
}

diesel::table! {
    trafficking_events (id) {
        id -> Text,
        case_id -> Text,
        stage -> Text,
        occurred_on -> Nullable<Text>,
        place -> Nullable<Text>,
        country -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        recruitment_method -> Nullable<Text>,
        apps -> Text,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    parties (id) {
        id -> Text,
        org_id -> Text,
        kind -> Text,
        name -> Text,
        given_name -> Nullable<Text>,
        family_name -> Nullable<Text>,
        date_of_birth -> Nullable<Text>,
        gender -> Nullable<Text>,
        nationality -> Nullable<Text>,
        id_number -> Nullable<Text>,
        identifier -> Nullable<Text>,
        attributes -> Text,
        survivor -> Bool,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    case_parties (id) {
        id -> Text,
        case_id -> Text,
        party_id -> Text,
        role -> Text,
        role_in_process -> Text,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    links (id) {
        id -> Text,
        from_party -> Text,
        to_party -> Text,
        kind -> Text,
        starts_on -> Nullable<Text>,
        ends_on -> Nullable<Text>,
        source -> Text,
        confidence -> Text,
        case_id -> Nullable<Text>,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    notes (id) {
        id -> Text,
        case_id -> Text,
        body -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    tasks (id) {
        id -> Text,
        case_id -> Text,
        title -> Text,
        due_on -> Nullable<Text>,
        assignee_id -> Nullable<Text>,
        done_at -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    consents (id) {
        id -> Text,
        case_id -> Text,
        party_id -> Text,
        given_by -> Text,
        guardian_name -> Nullable<Text>,
        purpose -> Text,
        organisation_id -> Nullable<Text>,
        given_on -> Text,
        withdrawn_on -> Nullable<Text>,
        withdrawn_by -> Nullable<Text>,
        recorded_by -> Text,
        recorded_at -> Text,
    }
}

diesel::table! {
    referrals (id) {
        id -> Text,
        case_id -> Text,
        direction -> Text,
        organisation_id -> Text,
        parts -> Text,
        identity -> Text,
        status -> Text,
        message -> Nullable<Text>,
        their_reference -> Nullable<Text>,
        answer -> Nullable<Text>,
        override_reason -> Nullable<Text>,
        sent_by -> Text,
        sent_at -> Text,
        answered_by -> Nullable<Text>,
        answered_at -> Nullable<Text>,
        closed_at -> Nullable<Text>,
    }
}

diesel::table! {
    intakes (id) {
        id -> Text,
        case_id -> Text,
        route -> Text,
        received_on -> Text,
        organisation_id -> Nullable<Text>,
        officer_name -> Nullable<Text>,
        their_reference -> Nullable<Text>,
        passed_to_org_id -> Nullable<Text>,
        passed_on -> Nullable<Text>,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    screenings (id) {
        id -> Text,
        case_id -> Text,
        party_id -> Nullable<Text>,
        age_at_exploitation -> Nullable<Double>,
        answers -> Text,
        result -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    identification_decisions (id) {
        id -> Text,
        case_id -> Text,
        party_id -> Text,
        status -> Text,
        deciding_body -> Text,
        decided_by -> Text,
        mdt_date -> Nullable<Text>,
        decided_on -> Text,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    perpetrator_statuses (id) {
        id -> Text,
        case_id -> Text,
        party_id -> Text,
        roles -> Text,
        status -> Text,
        unit_org_id -> Nullable<Text>,
        on_date -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    party_merges (id) {
        id -> Text,
        org_id -> Text,
        party_a -> Text,
        party_b -> Text,
        decision -> Text,
        probability -> Nullable<Double>,
        explanation -> Text,
        auto -> Bool,
        decided_by -> Text,
        decided_at -> Text,
        undone_by -> Nullable<Text>,
        undone_at -> Nullable<Text>,
    }
}

diesel::table! {
    settings (key) {
        key -> Text,
        value -> Text,
        updated_by -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    call_records (id) {
        id -> Text,
        case_id -> Text,
        caller -> Text,
        callee -> Text,
        started_at -> Text,
        duration_seconds -> Integer,
        link_id -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    case_connections (id) {
        id -> Text,
        org_id -> Text,
        case_a -> Text,
        case_b -> Text,
        path -> Text,
        cause -> Text,
        found_at -> Text,
    }
}

diesel::table! {
    trainings (id) {
        id -> Text,
        org_id -> Text,
        title -> Text,
        starts_on -> Text,
        ends_on -> Text,
        place -> Text,
        audience -> Text,
        topics -> Text,
        trainers -> Text,
        materials -> Text,
        scores -> Text,
        partner_org_ids -> Text,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    community_events (id) {
        id -> Text,
        org_id -> Text,
        title -> Text,
        held_on -> Text,
        place -> Text,
        audience -> Text,
        topics -> Text,
        people_reached -> BigInt,
        online_reach -> Nullable<BigInt>,
        partner_org_ids -> Text,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    assets (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        owner_party_id -> Nullable<Text>,
        kind -> Text,
        description -> Text,
        estimated_value_minor -> BigInt,
        currency -> Text,
        evidence -> Nullable<Text>,
        stage -> Text,
        stage_on -> Text,
        seized_on -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    asset_stages (id) {
        id -> Text,
        asset_id -> Text,
        case_id -> Text,
        stage -> Text,
        on_date -> Text,
        reference -> Nullable<Text>,
        official -> Nullable<Text>,
        notes -> Nullable<Text>,
        recorded_by -> Text,
        recorded_at -> Text,
    }
}

diesel::table! {
    payments (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        account_party_id -> Text,
        counterparty_party_id -> Nullable<Text>,
        amount_minor -> BigInt,
        currency -> Text,
        paid_at -> Text,
        description -> Nullable<Text>,
        reference -> Nullable<Text>,
        balance_minor -> Nullable<BigInt>,
        row_hash -> Text,
        link_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    statement_mappings (id) {
        id -> Text,
        org_id -> Text,
        name -> Text,
        mapping -> Text,
        updated_by -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    money_alerts (id) {
        id -> Text,
        org_id -> Text,
        rule -> Text,
        fingerprint -> Text,
        accounts -> Text,
        payments -> Text,
        score -> Double,
        status -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Text>,
        decision_note -> Nullable<Text>,
        raised_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    money_alert_cases (alert_id, case_id) {
        alert_id -> Text,
        case_id -> Text,
    }
}

diesel::table! {
    money_traces (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        title -> Text,
        query -> Text,
        flow -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    compensation_claims (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        victim_party_id -> Text,
        route -> Text,
        claimed_minor -> BigInt,
        ordered_minor -> Nullable<BigInt>,
        ordered_on -> Nullable<Text>,
        judgment_reference -> Nullable<Text>,
        debtor -> Nullable<Text>,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    claim_steps (id) {
        id -> Text,
        claim_id -> Text,
        case_id -> Text,
        kind -> Text,
        on_date -> Text,
        reference -> Nullable<Text>,
        amount_minor -> Nullable<BigInt>,
        notes -> Nullable<Text>,
        recorded_by -> Text,
        recorded_at -> Text,
    }
}

diesel::table! {
    ledger_movements (id) {
        id -> Text,
        org_id -> Text,
        claim_id -> Text,
        case_id -> Text,
        kind -> Text,
        amount_minor -> BigInt,
        reverses_id -> Nullable<Text>,
        idempotency_key -> Text,
        fingerprint -> Text,
        on_date -> Text,
        reference -> Nullable<Text>,
        notes -> Nullable<Text>,
        recorded_by -> Text,
        approved_by -> Nullable<Text>,
        recorded_at -> Text,
    }
}

diesel::table! {
    ledger_entries (id) {
        id -> Text,
        movement_id -> Text,
        claim_id -> Text,
        account -> Text,
        amount_minor -> BigInt,
    }
}

diesel::table! {
    payment_approvals (id) {
        id -> Text,
        claim_id -> Text,
        case_id -> Text,
        amount_minor -> BigInt,
        idempotency_key -> Text,
        on_date -> Text,
        reference -> Nullable<Text>,
        notes -> Nullable<Text>,
        status -> Text,
        requested_by -> Text,
        requested_at -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Text>,
        decision_note -> Nullable<Text>,
        movement_id -> Nullable<Text>,
    }
}

diesel::table! {
    proceedings (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        kind -> Text,
        court -> Text,
        black_case_number -> Nullable<Text>,
        red_case_number -> Nullable<Text>,
        prosecutor -> Nullable<Text>,
        charges -> Text,
        status -> Text,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    proceeding_defendants (proceeding_id, party_id) {
        proceeding_id -> Text,
        party_id -> Text,
    }
}

diesel::table! {
    court_events (id) {
        id -> Text,
        proceeding_id -> Text,
        case_id -> Text,
        kind -> Text,
        starts_at -> Text,
        place -> Nullable<Text>,
        outcome -> Nullable<Text>,
        notes -> Nullable<Text>,
        recorded_by -> Text,
        recorded_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    calendar_tokens (user_id) {
        user_id -> Text,
        token_hash -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    ftm_ids (org_id, ftm_id) {
        org_id -> Text,
        ftm_id -> Text,
        local_kind -> Text,
        local_id -> Text,
        imported_by -> Text,
        imported_at -> Text,
    }
}

diesel::table! {
    support_plans (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        victim_party_id -> Text,
        title -> Text,
        started_on -> Text,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    support_goals (id) {
        id -> Text,
        plan_id -> Text,
        case_id -> Text,
        victim_party_id -> Text,
        plan_type -> Text,
        description -> Text,
        target_on -> Nullable<Text>,
        status -> Text,
        created_by -> Text,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    services_delivered (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        victim_party_id -> Text,
        delivered_on -> Text,
        kind -> Text,
        provider_org_id -> Text,
        goal_id -> Nullable<Text>,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    follow_up_visits (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        victim_party_id -> Text,
        visited_on -> Text,
        country -> Text,
        place -> Nullable<Text>,
        visitors -> Text,
        travel_from -> Nullable<Text>,
        travel_to -> Nullable<Text>,
        notes -> Nullable<Text>,
        next_due_on -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    outcome_assessments (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        victim_party_id -> Text,
        kind -> Text,
        assessed_on -> Text,
        safety -> BigInt,
        legal_protection -> BigInt,
        mental_wellbeing -> BigInt,
        economic_empowerment -> BigInt,
        social_support -> BigInt,
        physical_wellbeing -> BigInt,
        notes -> Nullable<Text>,
        created_by -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    case_closures (id) {
        id -> Text,
        org_id -> Text,
        case_id -> Text,
        reason -> Text,
        status -> Text,
        proposed_by -> Text,
        proposed_at -> Text,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Text>,
        decision_note -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Text,
        actor_id -> Nullable<Text>,
        actor_role -> Nullable<Text>,
        action -> Text,
        entity_kind -> Text,
        entity_id -> Nullable<Text>,
        case_id -> Nullable<Text>,
        outcome -> Text,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    audit_checkpoints (seq) {
        seq -> BigInt,
        head_hash -> Text,
        signed_at -> Text,
        key_id -> Text,
        signature -> Text,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(case_team -> users (user_id));
diesel::joinable!(case_parties -> parties (party_id));
diesel::joinable!(referrals -> organisations (organisation_id));
diesel::joinable!(referrals -> cases (case_id));
diesel::joinable!(users -> organisations (org_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    users,
    sessions,
    login_failures,
    setup_tokens,
    counters,
    cases,
    case_team,
    trafficking_events,
    parties,
    case_parties,
    links,
    notes,
    tasks,
    consents,
    referrals,
    intakes,
    screenings,
    identification_decisions,
    perpetrator_statuses,
    party_merges,
    settings,
    ftm_ids,
    call_records,
    case_connections,
    trainings,
    community_events,
    assets,
    asset_stages,
    payments,
    statement_mappings,
    money_alerts,
    money_alert_cases,
    money_traces,
    compensation_claims,
    claim_steps,
    ledger_movements,
    ledger_entries,
    payment_approvals,
    proceedings,
    proceeding_defendants,
    court_events,
    calendar_tokens,
    support_plans,
    support_goals,
    services_delivered,
    follow_up_visits,
    outcome_assessments,
    case_closures,
    audit_log,
    audit_head,
    audit_checkpoints,
);

/// Every table, in an order where each table comes after those it refers to (backup and restore
/// rely on it; a test checks it against the database's own list).
pub const TABLES: &[&str] = &[
    "organisations",
    "users",
    "sessions",
    "login_failures",
    "setup_tokens",
    "counters",
    "cases",
    "case_team",
    "trafficking_events",
    "parties",
    "case_parties",
    "links",
    "notes",
    "tasks",
    "consents",
    "referrals",
    "intakes",
    "screenings",
    "identification_decisions",
    "perpetrator_statuses",
    "party_merges",
    "settings",
    "ftm_ids",
    "call_records",
    "case_connections",
    "trainings",
    "community_events",
    "assets",
    "asset_stages",
    "payments",
    "statement_mappings",
    "money_alerts",
    "money_alert_cases",
    "money_traces",
    "compensation_claims",
    "claim_steps",
    "ledger_movements",
    "ledger_entries",
    "payment_approvals",
    "proceedings",
    "proceeding_defendants",
    "court_events",
    "calendar_tokens",
    "support_plans",
    "support_goals",
    "services_delivered",
    "follow_up_visits",
    "outcome_assessments",
    "case_closures",
    "audit_log",
    "audit_head",
    "audit_checkpoints",
];
