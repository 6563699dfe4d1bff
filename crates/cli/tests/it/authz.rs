//! The authorization matrix: every route of the API, for every role, against a case of the caller's
//! own team, of another team of the same organisation, and of another organisation.
//!
//! The rules (DESIGN.md "Who uses it"): a case and everything under it (parties, links, notes,
//! tasks) is visible to its team and to its organisation's managers; administrators, auditors and
//! partner liaisons see no case content; analysts read the cases they are on but may not change
//! them. A record the caller may not see answers exactly as if it did not exist; a role that lacks a
//! permission outright gets 403. Administrators manage users and organisations; only auditors
//! read and verify the audit trail. Partner liaisons see shared cases only through
//! /api/v1/shared (referrals.rs tests that door).

use std::collections::HashMap;
use std::fmt;

use reqwest::{Client, Method};
use serde_json::{json, Value};
use uuid::Uuid;

use counternet_domain::org::NewOrganisation;
use counternet_domain::vocab::OrganisationType;
use counternet_domain::{Actor, Role};

use crate::support::{backends, call, spawn_app, TestApp, TestUser, PASSWORD};

/// Every role, each signed in once.
const ROLES: [Role; 8] = [
    Role::Investigator,
    Role::Lawyer,
    Role::SocialWorker,
    Role::Analyst,
    Role::Manager,
    Role::Auditor,
    Role::Administrator,
    Role::PartnerLiaison,
];

/// How the caller stands to the case a request is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Relation {
    /// The caller is on the case's team.
    OwnTeam,
    /// The case belongs to the caller's organisation; the caller is not on its team.
    OtherTeam,
    /// The case belongs to another organisation.
    OtherOrg,
}

impl Relation {
    const ALL: [Relation; 3] = [Relation::OwnTeam, Relation::OtherTeam, Relation::OtherOrg];

    /// Administrators, auditors and partner liaisons cannot be on a team, so "own team" cannot be
    /// built for them: their own-team row runs against the same case as everyone else's (a case of
    /// the own organisation they are not on), which makes it an "other team" row in fact. For the
    /// partner liaison, whose organisation is the partner one, both own-organisation rows are
    /// really "another organisation"; the expectations are the same either way (nothing visible).
    fn effective(self, role: Role) -> Relation {
        if self == Relation::OwnTeam && !on_teams(role) {
            Relation::OtherTeam
        } else {
            self
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::OwnTeam => "own-team",
            Relation::OtherTeam => "other-team",
            Relation::OtherOrg => "other-org",
        })
    }
}

/// Every route under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    GetCase,
    UpdateCase,
    AddTeamMember,
    AddEvent,
    ListNotes,
    AddNote,
    ListTasks,
    AddTask,
    UpdateTask,
    ListCaseParties,
    AddCaseParty,
    GetVictim,
    GetPerpetrator,
    RevealVictim,
    PartyLinks,
    GetLink,
    ListCases,
    CreateCase,
    CreateParty,
    SearchParties,
    ImportCalls,
    ListCalls,
    CreateLink,
    ListUsers,
    CreateUser,
    DisableUser,
    EnableUser,
    SetRole,
    ResetPassword,
    CreateOrganisation,
    ListOrganisations,
    ListAudit,
    VerifyAudit,
    Vocabularies,
    WhoAmI,
    ListConsents,
    RecordConsent,
    ListReferrals,
    CreateReferral,
    SharedWithMe,
    ListIntakes,
    RecordIntake,
    ListScreenings,
    RecordScreening,
    ListDecisions,
    RecordDecision,
    ListPerpetratorStatuses,
    RecordPerpetratorStatus,
    MergeParties,
    MarkDistinct,
    UndoMerge,
    PersonRecords,
    Duplicates,
    GetMatchingSettings,
    SetMatchingSettings,
    NetworkNeighbourhood,
    NetworkPaths,
    CaseConnections,
    NetworkComponents,
    KeyPlayers,
    Communities,
    RecordedConnections,
    CreateAsset,
    ListAssets,
    AssetDeadlines,
    AssetTotals,
    CreateTraining,
    ListTrainings,
    CreateCommunityEvent,
    ListCommunityEvents,
    EngagementSummary,
    MoneyTrace,
    SaveCaseTrace,
    ListCaseTraces,
    MoneyAlerts,
    MoneyScan,
    GetMoneySettings,
    SetMoneySettings,
    CreateClaim,
    ListClaims,
    CompensationReport,
    PendingApprovals,
    GetCompensationSettings,
    SetCompensationSettings,
    CreateProceeding,
    ListProceedings,
    UpcomingHearings,
    CalendarToken,
    GetFollowUp,
    CreatePlan,
    AddAssessment,
    OverdueFollowUps,
    ProposeClosure,
    DecideClosure,
}

impl Route {
    const ALL: &[Route] = &[
        Route::GetCase,
        Route::UpdateCase,
        Route::AddTeamMember,
        Route::AddEvent,
        Route::ListNotes,
        Route::AddNote,
        Route::ListTasks,
        Route::AddTask,
        Route::UpdateTask,
        Route::ListCaseParties,
        Route::AddCaseParty,
        Route::GetVictim,
        Route::GetPerpetrator,
        Route::RevealVictim,
        Route::PartyLinks,
        Route::GetLink,
        Route::ListCases,
        Route::CreateCase,
        Route::CreateParty,
        Route::SearchParties,
        Route::ImportCalls,
        Route::ListCalls,
        Route::CreateLink,
        Route::ListUsers,
        Route::CreateUser,
        Route::DisableUser,
        Route::EnableUser,
        Route::SetRole,
        Route::ResetPassword,
        Route::CreateOrganisation,
        Route::ListOrganisations,
        Route::ListAudit,
        Route::VerifyAudit,
        Route::Vocabularies,
        Route::WhoAmI,
        Route::ListConsents,
        Route::RecordConsent,
        Route::ListReferrals,
        Route::CreateReferral,
        Route::SharedWithMe,
        Route::ListIntakes,
        Route::RecordIntake,
        Route::ListScreenings,
        Route::RecordScreening,
        Route::ListDecisions,
        Route::RecordDecision,
        Route::ListPerpetratorStatuses,
        Route::RecordPerpetratorStatus,
        Route::MergeParties,
        Route::MarkDistinct,
        Route::UndoMerge,
        Route::PersonRecords,
        Route::Duplicates,
        Route::GetMatchingSettings,
        Route::SetMatchingSettings,
        Route::NetworkNeighbourhood,
        Route::NetworkPaths,
        Route::CaseConnections,
        Route::NetworkComponents,
        Route::KeyPlayers,
        Route::Communities,
        Route::RecordedConnections,
        Route::CreateAsset,
        Route::ListAssets,
        Route::AssetDeadlines,
        Route::AssetTotals,
        Route::CreateTraining,
        Route::ListTrainings,
        Route::CreateCommunityEvent,
        Route::ListCommunityEvents,
        Route::EngagementSummary,
        Route::MoneyTrace,
        Route::SaveCaseTrace,
        Route::ListCaseTraces,
        Route::MoneyAlerts,
        Route::MoneyScan,
        Route::GetMoneySettings,
        Route::SetMoneySettings,
        Route::CreateClaim,
        Route::ListClaims,
        Route::CompensationReport,
        Route::PendingApprovals,
        Route::GetCompensationSettings,
        Route::SetCompensationSettings,
        Route::CreateProceeding,
        Route::ListProceedings,
        Route::UpcomingHearings,
        Route::CalendarToken,
        Route::GetFollowUp,
        Route::CreatePlan,
        Route::AddAssessment,
        Route::OverdueFollowUps,
        Route::ProposeClosure,
        Route::DecideClosure,
    ];

    /// The method and path template, for messages.
    fn name(self) -> &'static str {
        match self {
            Route::GetCase => "GET /api/v1/cases/{id}",
            Route::UpdateCase => "PATCH /api/v1/cases/{id}",
            Route::AddTeamMember => "POST /api/v1/cases/{id}/team",
            Route::AddEvent => "POST /api/v1/cases/{id}/events",
            Route::ListNotes => "GET /api/v1/cases/{id}/notes",
            Route::AddNote => "POST /api/v1/cases/{id}/notes",
            Route::ListTasks => "GET /api/v1/cases/{id}/tasks",
            Route::AddTask => "POST /api/v1/cases/{id}/tasks",
            Route::UpdateTask => "PATCH /api/v1/cases/{id}/tasks/{task_id}",
            Route::ListCaseParties => "GET /api/v1/cases/{id}/parties",
            Route::AddCaseParty => "POST /api/v1/cases/{id}/parties",
            Route::GetVictim => "GET /api/v1/parties/{victim}",
            Route::GetPerpetrator => "GET /api/v1/parties/{perpetrator}",
            Route::RevealVictim => "GET /api/v1/parties/{victim}?reveal=true&reason=test",
            Route::PartyLinks => "GET /api/v1/parties/{victim}/links",
            Route::GetLink => "GET /api/v1/links/{id}",
            Route::ListCases => "GET /api/v1/cases",
            Route::CreateCase => "POST /api/v1/cases",
            Route::CreateParty => "POST /api/v1/parties",
            Route::SearchParties => "POST /api/v1/parties/search",
            Route::ImportCalls => "POST /api/v1/cases/{id}/call-records",
            Route::ListCalls => "GET /api/v1/cases/{id}/call-records",
            Route::CreateLink => "POST /api/v1/links (perpetrator -> victim of the case)",
            Route::ListUsers => "GET /api/v1/users",
            Route::CreateUser => "POST /api/v1/users",
            Route::DisableUser => "POST /api/v1/users/{id}/disable",
            Route::EnableUser => "POST /api/v1/users/{id}/enable",
            Route::SetRole => "POST /api/v1/users/{id}/role",
            Route::ResetPassword => "POST /api/v1/users/{id}/password (another user's)",
            Route::CreateOrganisation => "POST /api/v1/organisations",
            Route::ListOrganisations => "GET /api/v1/organisations",
            Route::ListAudit => "GET /api/v1/audit",
            Route::VerifyAudit => "GET /api/v1/audit/verify",
            Route::Vocabularies => "GET /api/v1/vocabularies",
            Route::WhoAmI => "GET /api/v1/session",
            Route::ListConsents => "GET /api/v1/cases/{id}/consents",
            Route::RecordConsent => "POST /api/v1/cases/{id}/consents",
            Route::ListReferrals => "GET /api/v1/cases/{id}/referrals",
            Route::CreateReferral => "POST /api/v1/cases/{id}/referrals (masked, events)",
            Route::SharedWithMe => "GET /api/v1/shared",
            Route::ListIntakes => "GET /api/v1/cases/{id}/intakes",
            Route::RecordIntake => "POST /api/v1/cases/{id}/intakes (hotline)",
            Route::ListScreenings => "GET /api/v1/cases/{id}/screenings",
            Route::RecordScreening => "POST /api/v1/cases/{id}/screenings (the victim)",
            Route::ListDecisions => "GET /api/v1/cases/{id}/decisions",
            Route::RecordDecision => "POST /api/v1/cases/{id}/decisions (the victim)",
            Route::ListPerpetratorStatuses => "GET /api/v1/cases/{id}/perpetrator-statuses",
            Route::RecordPerpetratorStatus => "POST /api/v1/cases/{id}/perpetrator-statuses (the perpetrator)",
            Route::MergeParties => "POST /api/v1/parties/merges (the perpetrator and the caller's witness)",
            Route::MarkDistinct => "POST /api/v1/parties/distinct (the victim and the caller's witness)",
            Route::UndoMerge => "POST /api/v1/parties/merges/{id}/undo (the perpetrator and a second record of him)",
            Route::PersonRecords => "GET /api/v1/parties/{victim}/records",
            Route::Duplicates => "GET /api/v1/parties/duplicates",
            Route::GetMatchingSettings => "GET /api/v1/admin/settings/matching",
            Route::SetMatchingSettings => "PUT /api/v1/admin/settings/matching",
            Route::NetworkNeighbourhood => "GET /api/v1/network/neighbourhood?node={victim}",
            Route::NetworkPaths => "GET /api/v1/network/paths?a={victim}&b={perpetrator}",
            Route::CaseConnections => "GET /api/v1/cases/{id}/connections",
            Route::NetworkComponents => "GET /api/v1/network/components",
            Route::KeyPlayers => "GET /api/v1/network/key-players?by=pagerank",
            Route::Communities => "GET /api/v1/network/communities",
            Route::RecordedConnections => "GET /api/v1/network/connections",
            Route::CreateAsset => "POST /api/v1/cases/{id}/assets (owned by the perpetrator)",
            Route::ListAssets => "GET /api/v1/cases/{id}/assets",
            Route::AssetDeadlines => "GET /api/v1/assets/deadlines",
            Route::AssetTotals => "GET /api/v1/assets/totals",
            Route::CreateTraining => "POST /api/v1/trainings",
            Route::ListTrainings => "GET /api/v1/trainings",
            Route::CreateCommunityEvent => "POST /api/v1/community-events",
            Route::ListCommunityEvents => "GET /api/v1/community-events",
            Route::EngagementSummary => "GET /api/v1/engagement/summary?from=2026-01-01&to=2026-12-31",
            Route::MoneyTrace => "GET /api/v1/money/trace?account={perpetrator}",
            Route::SaveCaseTrace => "POST /api/v1/cases/{id}/traces (from the perpetrator)",
            Route::ListCaseTraces => "GET /api/v1/cases/{id}/traces",
            Route::MoneyAlerts => "GET /api/v1/money/alerts",
            Route::MoneyScan => "POST /api/v1/money/scan",
            Route::GetMoneySettings => "GET /api/v1/admin/settings/money",
            Route::SetMoneySettings => "PUT /api/v1/admin/settings/money",
            Route::CreateClaim => "POST /api/v1/cases/{id}/claims (for the victim)",
            Route::ListClaims => "GET /api/v1/cases/{id}/claims",
            Route::CompensationReport => "GET /api/v1/reports/compensation",
            Route::PendingApprovals => "GET /api/v1/payment-approvals",
            Route::GetCompensationSettings => "GET /api/v1/admin/settings/compensation",
            Route::SetCompensationSettings => "PUT /api/v1/admin/settings/compensation",
            Route::CreateProceeding => "POST /api/v1/cases/{id}/proceedings",
            Route::ListProceedings => "GET /api/v1/cases/{id}/proceedings",
            Route::UpcomingHearings => "GET /api/v1/hearings/upcoming",
            Route::CalendarToken => "POST /api/v1/calendar/token",
            Route::GetFollowUp => "GET /api/v1/cases/{id}/victims/{party}/follow-up",
            Route::CreatePlan => "POST /api/v1/cases/{id}/victims/{party}/plans",
            Route::AddAssessment => "POST /api/v1/cases/{id}/victims/{party}/assessments",
            Route::OverdueFollowUps => "GET /api/v1/follow-ups/overdue",
            Route::ProposeClosure => "POST /api/v1/cases/{id}/closure (the victim not yet assessed)",
            Route::DecideClosure => "POST /api/v1/cases/{id}/closure/decision (nothing proposed)",
        }
    }
}

/// Roles that may be on a case team.
fn on_teams(role: Role) -> bool {
    matches!(role, Role::Investigator | Role::Lawyer | Role::SocialWorker | Role::Analyst | Role::Manager)
}

/// Roles that may open cases, record parties and links, and change the cases they see.
fn edits(role: Role) -> bool {
    matches!(role, Role::Investigator | Role::Lawyer | Role::SocialWorker | Role::Manager)
}

/// Whether `role` sees the case of `relation`, and with it its parties, links, notes and tasks.
fn sees(role: Role, relation: Relation) -> bool {
    match relation.effective(role) {
        Relation::OwnTeam => true,
        Relation::OtherTeam => role == Role::Manager,
        Relation::OtherOrg => false,
    }
}

/// The expectation table: the status `role` gets on `route` for the case of `relation`.
fn expected(route: Route, role: Role, relation: Relation) -> u16 {
    let sees = sees(role, relation);
    // A change to a case: invisible is 404; visible but a read-only role (analyst) is 403.
    let change = |ok: u16| match (sees, edits(role)) {
        (false, _) => 404,
        (true, false) => 403,
        (true, true) => ok,
    };
    let only = |who: Role, ok: u16| if role == who { ok } else { 403 };
    match route {
        Route::GetCase
        | Route::ListCalls
        | Route::ListNotes
        | Route::ListTasks
        | Route::ListCaseParties
        | Route::GetVictim
        | Route::GetPerpetrator
        | Route::RevealVictim
        | Route::PartyLinks
        | Route::GetLink
        | Route::ListConsents
        | Route::ListReferrals
        | Route::ListIntakes
        | Route::ListScreenings
        | Route::ListDecisions
        | Route::ListPerpetratorStatuses
        | Route::PersonRecords => {
            if sees {
                200
            } else {
                404
            }
        }
        // Notes are the one write an analyst makes on a case they are on (cases::add_note: "Any
        // team member may write notes, analysts too").
        Route::AddNote => {
            if sees {
                201
            } else {
                404
            }
        }
        Route::UpdateCase | Route::AddTeamMember | Route::UpdateTask | Route::ImportCalls => change(200),
        Route::AddEvent
        | Route::AddTask
        | Route::AddCaseParty
        | Route::RecordConsent
        | Route::CreateReferral
        | Route::RecordIntake
        | Route::RecordScreening
        | Route::RecordDecision
        | Route::RecordPerpetratorStatus => change(201),
        // Partner liaisons reach shared cases only through their referrals (none in this matrix).
        Route::SharedWithMe => only(Role::PartnerLiaison, 200),
        // The parties are named in the body: one the caller cannot see is "no such party" (422,
        // the same answer as for an id that names nothing), after the role check (403).
        Route::CreateLink => {
            if !edits(role) {
                403
            } else if sees {
                201
            } else {
                422
            }
        }
        Route::CreateCase | Route::CreateParty => {
            if edits(role) {
                201
            } else {
                403
            }
        }
        // Everyone may search; what a search finds is scoped (tests/it/search.rs).
        Route::SearchParties => 200,
        // Merging and separating records: the role first (403), then both records must be
        // visible (404, like a record that does not exist). The review queue and the matching
        // settings are readable by all; what the queue holds is scoped.
        Route::MergeParties | Route::MarkDistinct => {
            if !edits(role) {
                403
            } else if sees {
                201
            } else {
                404
            }
        }
        Route::UndoMerge => {
            if !edits(role) {
                403
            } else if sees {
                200
            } else {
                404
            }
        }
        Route::Duplicates | Route::GetMatchingSettings => 200,
        Route::SetMatchingSettings => only(Role::Administrator, 200),
        // The network: roles that work cases only (403 for the others); a node the caller may not
        // reach is 404. An analyst works across cases: they reach their organisation's network
        // (pseudonymous off their own cases), so another team's victim answers 200, not 404.
        Route::NetworkNeighbourhood | Route::NetworkPaths => {
            if !on_teams(role) {
                403
            } else if sees || (role == Role::Analyst && relation.effective(role) == Relation::OtherTeam) {
                200
            } else {
                404
            }
        }
        Route::CaseConnections => {
            if !on_teams(role) {
                403
            } else if sees {
                200
            } else {
                404
            }
        }
        Route::CreateAsset => change(201),
        // Engagement: the organisation's records, not a case's (docs/decisions/0021): lawyers,
        // investigators and managers record them, every role that works cases reads them, the
        // others are refused outright, whatever the case.
        Route::CreateTraining | Route::CreateCommunityEvent => {
            if matches!(role, Role::Investigator | Role::Lawyer | Role::Manager) {
                201
            } else {
                403
            }
        }
        Route::ListTrainings | Route::ListCommunityEvents | Route::EngagementSummary => {
            if on_teams(role) {
                200
            } else {
                403
            }
        }
        // Money: roles that work cases trace the payments of the cases they see (an account they
        // may not see is 404) and save traces to those cases (analysts too, like notes); alerts are
        // scoped lists; investigators, analysts and managers scan; only administrators set the
        // thresholds, which everyone may read.
        Route::MoneyTrace => {
            if !on_teams(role) {
                403
            } else if sees {
                200
            } else {
                404
            }
        }
        Route::SaveCaseTrace => {
            if sees {
                201
            } else {
                404
            }
        }
        Route::ListCaseTraces => {
            if sees {
                200
            } else {
                404
            }
        }
        Route::MoneyAlerts => {
            if on_teams(role) {
                200
            } else {
                403
            }
        }
        Route::MoneyScan => {
            if matches!(role, Role::Investigator | Role::Analyst | Role::Manager) {
                200
            } else {
                403
            }
        }
        Route::GetMoneySettings => 200,
        Route::SetMoneySettings => only(Role::Administrator, 200),
        // Compensation: claims are changed with their case and read with it; the report and the
        // approvals waiting are scoped (the report is for roles that work cases).
        Route::CreateClaim => change(201),
        Route::ListClaims => {
            if sees {
                200
            } else {
                404
            }
        }
        Route::CompensationReport => {
            if on_teams(role) {
                200
            } else {
                403
            }
        }
        Route::PendingApprovals | Route::GetCompensationSettings => 200,
        Route::SetCompensationSettings => only(Role::Administrator, 200),
        // Proceedings are changed and read with their case; the hearings to come are a scoped
        // list; anyone signed in may make their own calendar feed (it holds what they see).
        Route::CreateProceeding => change(201),
        Route::ListProceedings => {
            if sees {
                200
            } else {
                404
            }
        }
        Route::UpcomingHearings => 200,
        Route::CalendarToken => 201,
        // Follow-up: seen and changed with the case (a victim of a case one may not see is 404);
        // the overdue list is scoped (empty for roles without cases). Proposing a closure is a
        // change of the case, refused (409) while the victim has no assessment; only a manager
        // decides one (and here nothing was proposed: 409).
        Route::GetFollowUp => {
            if sees {
                200
            } else {
                404
            }
        }
        Route::CreatePlan | Route::AddAssessment => change(201),
        Route::OverdueFollowUps => 200,
        Route::ProposeClosure => change(409),
        Route::DecideClosure => match change(409) {
            409 if role != Role::Manager => 403,
            other => other,
        },
        Route::ListAssets => {
            if sees {
                200
            } else {
                404
            }
        }
        // Deadlines are scoped lists: everyone gets theirs (empty for roles without cases).
        Route::AssetDeadlines => 200,
        Route::NetworkComponents
        | Route::KeyPlayers
        | Route::Communities
        | Route::RecordedConnections
        | Route::AssetTotals => {
            if on_teams(role) {
                200
            } else {
                403
            }
        }
        Route::ListCases | Route::ListUsers | Route::ListOrganisations | Route::Vocabularies | Route::WhoAmI => 200,
        Route::CreateUser | Route::CreateOrganisation => only(Role::Administrator, 201),
        Route::DisableUser | Route::EnableUser | Route::SetRole => only(Role::Administrator, 200),
        Route::ResetPassword => only(Role::Administrator, 204),
        Route::ListAudit | Route::VerifyAudit => only(Role::Auditor, 200),
    }
}

/// A case with a victim, a perpetrator, a link between them, a note and a task.
#[derive(Debug, Clone)]
struct Fixture {
    case: Uuid,
    creator: Uuid,
    victim: Uuid,
    perpetrator: Uuid,
    link: Uuid,
    task: Uuid,
}

/// What one request is about.
#[derive(Debug, Clone)]
struct Target {
    case: Uuid,
    /// Someone already on the case's team (adding them again changes nothing).
    team_member: Uuid,
    victim: Uuid,
    perpetrator: Uuid,
    link: Uuid,
    task: Uuid,
    /// A party the caller can see and that has no role in the case yet.
    witness: Uuid,
    /// A user to disable.
    throwaway: Uuid,
    /// The partner organisation to refer cases to.
    partner: Uuid,
    /// A merge of the perpetrator with a second record of him (a witness in the case), to undo.
    merge: Uuid,
    /// Makes usernames and organisation names unique.
    seq: usize,
}

impl Target {
    /// The same request about records that do not exist.
    fn unknown(&self) -> Target {
        Target {
            case: Uuid::now_v7(),
            victim: Uuid::now_v7(),
            perpetrator: Uuid::now_v7(),
            link: Uuid::now_v7(),
            task: Uuid::now_v7(),
            merge: Uuid::now_v7(),
            ..self.clone()
        }
    }
}

/// A request: method, path and JSON body.
type Request = (Method, String, Option<Value>);

/// A valid request for `route` about `t`.
fn request(route: Route, t: &Target) -> Request {
    let case = format!("/api/v1/cases/{}", t.case);
    match route {
        Route::GetCase => (Method::GET, case, None),
        Route::UpdateCase => (Method::PATCH, case, Some(json!({"summary": "Reviewed."}))),
        Route::AddTeamMember => (Method::POST, format!("{case}/team"), Some(json!({"user_id": t.team_member}))),
        Route::AddEvent => {
            (Method::POST, format!("{case}/events"), Some(json!({"stage": "transit", "occurred_on": "2026-01-15"})))
        }
        Route::ListNotes => (Method::GET, format!("{case}/notes"), None),
        Route::AddNote => (Method::POST, format!("{case}/notes"), Some(json!({"body": "Called the shelter."}))),
        Route::ListTasks => (Method::GET, format!("{case}/tasks"), None),
        Route::AddTask => {
            (Method::POST, format!("{case}/tasks"), Some(json!({"title": "Visit the family", "due_on": "2026-07-01"})))
        }
        Route::UpdateTask => (Method::PATCH, format!("{case}/tasks/{}", t.task), Some(json!({"done": true}))),
        Route::ListCaseParties => (Method::GET, format!("{case}/parties"), None),
        Route::AddCaseParty => {
            (Method::POST, format!("{case}/parties"), Some(json!({"party_id": t.witness, "role": "witness"})))
        }
        Route::GetVictim => (Method::GET, format!("/api/v1/parties/{}", t.victim), None),
        Route::GetPerpetrator => (Method::GET, format!("/api/v1/parties/{}", t.perpetrator), None),
        Route::RevealVictim => (Method::GET, format!("/api/v1/parties/{}?reveal=true&reason=test", t.victim), None),
        Route::PartyLinks => (Method::GET, format!("/api/v1/parties/{}/links", t.victim), None),
        Route::GetLink => (Method::GET, format!("/api/v1/links/{}", t.link), None),
        Route::ListCases => (Method::GET, "/api/v1/cases?per_page=200".into(), None),
        Route::CreateCase => (
            Method::POST,
            "/api/v1/cases".into(),
            Some(json!({"title": "Karaoke bar, Mae Sai", "tactics": ["victim_identification"]})),
        ),
        Route::CreateParty => {
            (Method::POST, "/api/v1/parties".into(), Some(json!({"kind": "person", "full_name": "Ko Aung"})))
        }
        Route::SearchParties => (Method::POST, "/api/v1/parties/search".into(), Some(json!({"q": "Ko Aung"}))),
        Route::ImportCalls => (
            Method::POST,
            format!("{case}/call-records"),
            Some(json!({"csv": "caller,callee,start,duration\n0812345678,0899999999,2026-05-01 10:22,125\n"})),
        ),
        Route::ListCalls => (Method::GET, format!("{case}/call-records"), None),
        Route::CreateLink => (
            Method::POST,
            "/api/v1/links".into(),
            Some(json!({"from": t.perpetrator, "to": t.victim, "kind": "associate", "source": "interview",
                        "confidence": "medium", "case_id": t.case})),
        ),
        Route::ListUsers => (Method::GET, "/api/v1/users".into(), None),
        Route::CreateUser => (
            Method::POST,
            "/api/v1/users".into(),
            Some(json!({"username": format!("new-user-{}", t.seq), "role": "social_worker", "password": PASSWORD})),
        ),
        Route::DisableUser => (Method::POST, format!("/api/v1/users/{}/disable", t.throwaway), None),
        Route::EnableUser => (Method::POST, format!("/api/v1/users/{}/enable", t.throwaway), None),
        Route::SetRole => {
            (Method::POST, format!("/api/v1/users/{}/role", t.throwaway), Some(json!({"role": "investigator"})))
        }
        Route::ResetPassword => {
            (Method::POST, format!("/api/v1/users/{}/password", t.throwaway), Some(json!({"password": PASSWORD})))
        }
        Route::CreateOrganisation => (
            Method::POST,
            "/api/v1/organisations".into(),
            Some(json!({"name": format!("Partner shelter {}", t.seq), "org_type": "ngo"})),
        ),
        Route::ListOrganisations => (Method::GET, "/api/v1/organisations".into(), None),
        Route::ListAudit => (Method::GET, "/api/v1/audit".into(), None),
        Route::VerifyAudit => (Method::GET, "/api/v1/audit/verify".into(), None),
        Route::Vocabularies => (Method::GET, "/api/v1/vocabularies".into(), None),
        Route::WhoAmI => (Method::GET, "/api/v1/session".into(), None),
        Route::ListConsents => (Method::GET, format!("{case}/consents"), None),
        Route::RecordConsent => (
            Method::POST,
            format!("{case}/consents"),
            Some(json!({"party_id": t.victim, "given_by": "survivor", "purpose": "services"})),
        ),
        Route::ListReferrals => (Method::GET, format!("{case}/referrals"), None),
        Route::CreateReferral => (
            Method::POST,
            format!("{case}/referrals"),
            Some(json!({"organisation_id": t.partner, "parts": ["events"], "message": "Please interview"})),
        ),
        Route::SharedWithMe => (Method::GET, "/api/v1/shared".into(), None),
        Route::ListIntakes => (Method::GET, format!("{case}/intakes"), None),
        Route::RecordIntake => {
            (Method::POST, format!("{case}/intakes"), Some(json!({"route": "hotline", "received_on": "2026-05-01"})))
        }
        Route::ListScreenings => (Method::GET, format!("{case}/screenings"), None),
        Route::RecordScreening => (
            Method::POST,
            format!("{case}/screenings"),
            Some(json!({"party_id": t.victim, "acts": ["recruitment"], "purposes": ["forced_labour"]})),
        ),
        Route::ListDecisions => (Method::GET, format!("{case}/decisions"), None),
        Route::RecordDecision => (
            Method::POST,
            format!("{case}/decisions"),
            Some(json!({"party_id": t.victim, "status": "possible", "deciding_body": "police",
                        "decided_by": "Provincial police", "decided_on": "2026-05-01"})),
        ),
        Route::ListPerpetratorStatuses => (Method::GET, format!("{case}/perpetrator-statuses"), None),
        Route::MergeParties => (
            Method::POST,
            "/api/v1/parties/merges".into(),
            Some(json!({"party_a": t.perpetrator, "party_b": t.witness, "probability": 0.91})),
        ),
        Route::MarkDistinct => {
            (Method::POST, "/api/v1/parties/distinct".into(), Some(json!({"party_a": t.victim, "party_b": t.witness})))
        }
        Route::UndoMerge => (Method::POST, format!("/api/v1/parties/merges/{}/undo", t.merge), None),
        Route::PersonRecords => (Method::GET, format!("/api/v1/parties/{}/records", t.victim), None),
        Route::Duplicates => (Method::GET, "/api/v1/parties/duplicates?min=0.5".into(), None),
        Route::GetMatchingSettings => (Method::GET, "/api/v1/admin/settings/matching".into(), None),
        Route::SetMatchingSettings => {
            (Method::PUT, "/api/v1/admin/settings/matching".into(), Some(json!({"auto_merge_threshold": null})))
        }
        Route::NetworkNeighbourhood => (Method::GET, format!("/api/v1/network/neighbourhood?node={}", t.victim), None),
        Route::NetworkPaths => (Method::GET, format!("/api/v1/network/paths?a={}&b={}", t.victim, t.perpetrator), None),
        Route::CaseConnections => (Method::GET, format!("{case}/connections"), None),
        Route::NetworkComponents => (Method::GET, "/api/v1/network/components".into(), None),
        Route::KeyPlayers => (Method::GET, "/api/v1/network/key-players?by=pagerank".into(), None),
        Route::Communities => (Method::GET, "/api/v1/network/communities".into(), None),
        Route::RecordedConnections => (Method::GET, "/api/v1/network/connections".into(), None),
        Route::CreateAsset => (
            Method::POST,
            format!("{case}/assets"),
            Some(json!({"kind": "cash", "description": "Cash found at the bar", "owner_party_id": t.perpetrator,
                        "estimated_value_minor": 25_000_000, "identified_on": "2026-05-01"})),
        ),
        Route::ListAssets => (Method::GET, format!("{case}/assets"), None),
        Route::AssetDeadlines => (Method::GET, "/api/v1/assets/deadlines".into(), None),
        Route::AssetTotals => (Method::GET, "/api/v1/assets/totals".into(), None),
        Route::CreateTraining => (
            Method::POST,
            "/api/v1/trainings".into(),
            Some(json!({"title": "Victim identification", "starts_on": "2026-05-01", "place": "Songkhla",
                        "audience": {"police": 20}, "topics": ["victim_identification"],
                        "scores": [{"pre": 40, "post": 70}], "partner_org_ids": [t.partner]})),
        ),
        Route::ListTrainings => (Method::GET, "/api/v1/trainings".into(), None),
        Route::CreateCommunityEvent => (
            Method::POST,
            "/api/v1/community-events".into(),
            Some(json!({"title": "Village meeting", "held_on": "2026-05-02", "place": "Mae Sai",
                        "audience": ["community"], "topics": ["safe_migration"], "people_reached": 60})),
        ),
        Route::ListCommunityEvents => (Method::GET, "/api/v1/community-events".into(), None),
        Route::EngagementSummary => {
            (Method::GET, "/api/v1/engagement/summary?from=2026-01-01&to=2026-12-31".into(), None)
        }
        Route::MoneyTrace => (Method::GET, format!("/api/v1/money/trace?account={}", t.perpetrator), None),
        Route::SaveCaseTrace => (
            Method::POST,
            format!("{case}/traces"),
            Some(json!({"title": "From the perpetrator", "trace": {"account": t.perpetrator}})),
        ),
        Route::ListCaseTraces => (Method::GET, format!("{case}/traces"), None),
        Route::MoneyAlerts => (Method::GET, "/api/v1/money/alerts".into(), None),
        Route::MoneyScan => (Method::POST, "/api/v1/money/scan".into(), None),
        Route::GetMoneySettings => (Method::GET, "/api/v1/admin/settings/money".into(), None),
        Route::SetMoneySettings => (Method::PUT, "/api/v1/admin/settings/money".into(), Some(json!({}))),
        Route::CreateClaim => (
            Method::POST,
            format!("{case}/claims"),
            Some(json!({"victim_party_id": t.victim, "route": "atipa_s35", "claimed_minor": 100_000})),
        ),
        Route::ListClaims => (Method::GET, format!("{case}/claims"), None),
        Route::CompensationReport => (Method::GET, "/api/v1/reports/compensation".into(), None),
        Route::PendingApprovals => (Method::GET, "/api/v1/payment-approvals".into(), None),
        Route::GetCompensationSettings => (Method::GET, "/api/v1/admin/settings/compensation".into(), None),
        Route::CreateProceeding => (
            Method::POST,
            format!("{case}/proceedings"),
            Some(json!({"kind": "criminal", "court": "Criminal Court", "defendants": [t.perpetrator],
                        "charges": [{"law": "atipa", "section": "6"}]})),
        ),
        Route::ListProceedings => (Method::GET, format!("{case}/proceedings"), None),
        Route::UpcomingHearings => (Method::GET, "/api/v1/hearings/upcoming".into(), None),
        Route::CalendarToken => (Method::POST, "/api/v1/calendar/token".into(), None),
        Route::SetCompensationSettings => (
            Method::PUT,
            "/api/v1/admin/settings/compensation".into(),
            Some(json!({"second_approval_above_minor": 5_000_000})),
        ),
        Route::GetFollowUp => (Method::GET, format!("{case}/victims/{}/follow-up", t.victim), None),
        Route::CreatePlan => (
            Method::POST,
            format!("{case}/victims/{}/plans", t.victim),
            Some(json!({"title": "Return home", "started_on": "2026-05-01"})),
        ),
        Route::AddAssessment => (
            Method::POST,
            format!("{case}/victims/{}/assessments", t.victim),
            Some(json!({"kind": "intake", "assessed_on": "2026-05-01", "scores": {"safety": 2, "legal_protection": 2,
                        "mental_wellbeing": 2, "economic_empowerment": 2, "social_support": 2,
                        "physical_wellbeing": 2}})),
        ),
        Route::OverdueFollowUps => (Method::GET, "/api/v1/follow-ups/overdue".into(), None),
        Route::ProposeClosure => (Method::POST, format!("{case}/closure"), Some(json!({"reason": "Thriving"}))),
        Route::DecideClosure => (Method::POST, format!("{case}/closure/decision"), Some(json!({"approve": true}))),
        Route::RecordPerpetratorStatus => (
            Method::POST,
            format!("{case}/perpetrator-statuses"),
            Some(json!({"party_id": t.perpetrator, "status": "suspected", "on_date": "2026-05-01"})),
        ),
    }
}

fn id_of(v: &Value) -> Uuid {
    let id = v["id"].as_str().and_then(|s| s.parse().ok());
    assert!(id.is_some(), "no id in {v}");
    id.unwrap_or_default()
}

async fn post(app: &TestApp, c: &Client, path: &str, body: Value, want: u16) -> Value {
    let (s, v) = call(c, Method::POST, app.url(path), Some(body)).await;
    assert_eq!(s, want, "set-up POST {path}: {v}");
    v
}

/// Opens a case as `creator` (signed in as `c`), puts `members` on its team and records a victim,
/// a perpetrator, a link between them, a note and a task.
async fn open_case(app: &TestApp, c: &Client, creator: &TestUser, members: &[&TestUser], title: &str) -> Fixture {
    let case = id_of(&post(app, c, "/api/v1/cases", json!({"title": title, "tactics": ["asset_seizure"]}), 201).await);
    for m in members {
        post(app, c, &format!("/api/v1/cases/{case}/team"), json!({"user_id": m.id}), 200).await;
    }
    let victim = id_of(
        &post(
            app,
            c,
            "/api/v1/parties",
            json!({"kind": "person", "given_name": "Mya", "family_name": "Thandar", "date_of_birth": "2008-02-03"}),
            201,
        )
        .await,
    );
    let perpetrator =
        id_of(&post(app, c, "/api/v1/parties", json!({"kind": "person", "full_name": "Boss Chai"}), 201).await);
    post(app, c, &format!("/api/v1/cases/{case}/parties"), json!({"party_id": victim, "role": "victim"}), 201).await;
    post(
        app,
        c,
        &format!("/api/v1/cases/{case}/parties"),
        json!({"party_id": perpetrator, "role": "perpetrator", "role_in_process": ["recruiter_or_intermediary"]}),
        201,
    )
    .await;
    let link = id_of(
        &post(
            app,
            c,
            "/api/v1/links",
            json!({"from": perpetrator, "to": victim, "kind": "recruited", "source": "interview",
                   "confidence": "high", "starts_on": "2025-03-01", "case_id": case}),
            201,
        )
        .await,
    );
    post(app, c, &format!("/api/v1/cases/{case}/notes"), json!({"body": "Met at the shelter."}), 201).await;
    let task = id_of(
        &post(
            app,
            c,
            &format!("/api/v1/cases/{case}/tasks"),
            json!({"title": "Request bank records", "due_on": "2026-06-15"}),
            201,
        )
        .await,
    );
    Fixture { case, creator: creator.id, victim, perpetrator, link, task }
}

/// A merge, by the case's creator, of its perpetrator with a second record of him that is a
/// witness in the case (so that whoever sees the case sees both), for one caller to undo.
async fn fresh_merge(app: &TestApp, fx: &Fixture) -> Uuid {
    let (creator, case, perpetrator) = (fx.creator, fx.case, fx.perpetrator);
    app.with_store(move |s| {
        use counternet_domain::party::{CasePartyInput, NewParty};
        use counternet_domain::vocab::{CaseRole, PartyKind};
        use counternet_store::schema::cases;
        use diesel::prelude::*;
        let mut conn = s.connection().unwrap();
        let org: String = cases::table.find(case.to_string()).select(cases::org_id).first(&mut *conn).unwrap();
        drop(conn);
        let actor = Actor { user_id: creator, org_id: org.parse().unwrap(), role: Role::Investigator };
        s.write(Some(&actor), |tx| {
            let new = NewParty { kind: Some(PartyKind::Person), name: "Chai B.".into(), ..NewParty::default() };
            let alias = counternet_store::parties::create(tx, &actor, new)?;
            let role =
                CasePartyInput { party_id: alias.id, role: CaseRole::Witness, role_in_process: vec![], notes: None };
            counternet_store::parties::add_to_case(tx, &actor, case, role)?;
            counternet_store::merges::merge(tx, &actor, perpetrator, alias.id, None, json!([]), false)
        })
        .unwrap()
        .id
    })
    .await
}

fn short(v: &Value) -> String {
    v.to_string().chars().take(160).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_for_every_role_and_relationship() {
    let mut mismatches: Vec<String> = Vec::new();
    for backend in backends() {
        let app = spawn_app(backend).await;

        // Everyone, each signed in once.
        let mut users: HashMap<Role, TestUser> = HashMap::new();
        let mut clients: HashMap<Role, Client> = HashMap::new();
        for role in ROLES {
            let org = (role == Role::PartnerLiaison).then_some(app.partner_org.id);
            let u = app.user(role.code(), role, org).await;
            clients.insert(role, app.login(&u).await);
            users.insert(role, u);
        }
        let second = app.user("second_team_investigator", Role::Investigator, None).await;
        let elsewhere = app.user("elsewhere_investigator", Role::Investigator, None).await;

        // Own team: opened by the investigator, with every other role that can be on a team.
        let inv = &users[&Role::Investigator];
        let members: Vec<&TestUser> =
            [Role::Lawyer, Role::SocialWorker, Role::Analyst, Role::Manager].iter().map(|r| &users[r]).collect();
        let own =
            open_case(&app, &clients[&Role::Investigator], inv, &members, "Fishing boat, Songkhla (own team)").await;
        // Other team: same organisation, opened by a second team that none of the roles is on.
        let c = app.login(&second).await;
        let other_team = open_case(&app, &c, &second, &[], "Rubber plantation, Yala (other team)").await;
        // Other organisation: users::create puts only partner liaisons in a non-own organisation,
        // and a case's team must hold real users (case_team.user_id is a foreign key), so the case
        // is opened through the API by an investigator of the own organisation, and then the
        // investigator, the case and its parties are moved to a second organisation with direct
        // SQL: the same rows as if that organisation had recorded them on a shared installation.
        let c = app.login(&elsewhere).await;
        let other_org = open_case(&app, &c, &elsewhere, &[], "Seafood plant, Mahachai (other organisation)").await;
        let own_org_id = app.own_org.id;
        let moved = (elsewhere.id, other_org.case, [other_org.victim, other_org.perpetrator]);
        app.with_store(move |s| {
            use counternet_store::schema::{cases, parties, users};
            use diesel::prelude::*;
            let system = Actor::system(own_org_id);
            let second_org = s
                .write(Some(&system), |tx| {
                    counternet_store::orgs::create_partner(
                        tx,
                        &system,
                        NewOrganisation {
                            name: "Mekong Survivors Network".into(),
                            org_type: OrganisationType::Ngo,
                            country: "LAO".into(),
                        },
                    )
                })
                .unwrap()
                .id
                .to_string();
            let (user, case, party_ids) = moved;
            let party_ids: Vec<String> = party_ids.iter().map(Uuid::to_string).collect();
            let mut conn = s.connection().unwrap();
            let n = diesel::update(users::table.find(user.to_string()))
                .set(users::org_id.eq(&second_org))
                .execute(&mut *conn)
                .unwrap();
            assert_eq!(n, 1);
            let n = diesel::update(cases::table.find(case.to_string()))
                .set(cases::org_id.eq(&second_org))
                .execute(&mut *conn)
                .unwrap();
            assert_eq!(n, 1);
            let n = diesel::update(parties::table.filter(parties::id.eq_any(&party_ids)))
                .set(parties::org_id.eq(&second_org))
                .execute(&mut *conn)
                .unwrap();
            assert_eq!(n, 2);
        })
        .await;
        let fixtures: HashMap<Relation, Fixture> =
            [(Relation::OwnTeam, own), (Relation::OtherTeam, other_team), (Relation::OtherOrg, other_org)].into();

        // For each role that records parties, one party of its own per relationship, to give a
        // role in that relationship's case (a fresh one per call, so that success is 201, not 409).
        let mut witnesses: HashMap<(Role, Relation), Uuid> = HashMap::new();
        for role in ROLES.into_iter().filter(|r| edits(*r)) {
            for relation in Relation::ALL {
                let body = json!({"kind": "person", "full_name": format!("Witness {role} {relation}")});
                let p = post(&app, &clients[&role], "/api/v1/parties", body, 201).await;
                witnesses.insert((role, relation), id_of(&p));
            }
        }

        let mut seq = 0;
        for role in ROLES {
            let client = &clients[&role];
            for relation in Relation::ALL {
                let fx = &fixtures[&relation];
                seq += 1;
                let throwaway = app.user(&format!("throwaway-{seq}"), Role::SocialWorker, None).await;
                let target = Target {
                    case: fx.case,
                    team_member: fx.creator,
                    victim: fx.victim,
                    perpetrator: fx.perpetrator,
                    link: fx.link,
                    task: fx.task,
                    witness: witnesses.get(&(role, relation)).copied().unwrap_or(fx.perpetrator),
                    throwaway: throwaway.id,
                    partner: app.partner_org.id,
                    merge: fresh_merge(&app, fx).await,
                    seq,
                };
                for &route in Route::ALL {
                    let want = expected(route, role, relation);
                    let (method, path, body) = request(route, &target);
                    let (got, answer) = call(client, method, app.url(&path), body).await;
                    let at = format!("{backend:?} {role} {relation} {}", route.name());
                    if got != want {
                        mismatches.push(format!("{at}: expected {want} got {got} {}", short(&answer)));
                        continue;
                    }
                    if route == Route::ListCases {
                        let listed = answer["items"]
                            .as_array()
                            .is_some_and(|items| items.iter().any(|c| c["id"] == fx.case.to_string()));
                        if listed != sees(role, relation) {
                            mismatches.push(format!(
                                "{at}: the {relation} case is {} the list",
                                if listed { "in" } else { "missing from" }
                            ));
                        }
                    }
                    // A refusal must be indistinguishable from a record that does not exist.
                    if want == 404 || (route == Route::CreateLink && want == 422) {
                        let (method, path, body) = request(route, &target.unknown());
                        let (u_status, u_answer) = call(client, method, app.url(&path), body).await;
                        if (u_status, &u_answer) != (got, &answer) {
                            mismatches.push(format!(
                                "{at}: refused as {got} {answer}, but an unknown id gets {u_status} {u_answer}"
                            ));
                        }
                    }
                }
            }
        }

        // Signed out, every route answers 401.
        let anonymous = app.client();
        let target = Target {
            case: fixtures[&Relation::OwnTeam].case,
            team_member: inv.id,
            victim: fixtures[&Relation::OwnTeam].victim,
            perpetrator: fixtures[&Relation::OwnTeam].perpetrator,
            link: fixtures[&Relation::OwnTeam].link,
            task: fixtures[&Relation::OwnTeam].task,
            witness: fixtures[&Relation::OwnTeam].perpetrator,
            throwaway: second.id,
            partner: app.partner_org.id,
            merge: Uuid::now_v7(),
            seq: 0,
        };
        // (Signing out is left out of the matrix: it would end the session each role reuses.)
        let mut signed_out: Vec<(&str, Request)> =
            Route::ALL.iter().map(|r| (r.name(), request(*r, &target))).collect();
        signed_out.push(("DELETE /api/v1/session", (Method::DELETE, "/api/v1/session".into(), None)));
        for (name, (method, path, body)) in signed_out {
            let (got, answer) = call(&anonymous, method, app.url(&path), body).await;
            if got != 401 || answer["error"] != "unauthenticated" {
                mismatches.push(format!(
                    "{backend:?} signed-out {name}: expected 401 unauthenticated got {got} {}",
                    short(&answer)
                ));
            }
        }

        // Refused reads are in the audit trail, under the caller's name: every role was refused
        // the other organisation's case.
        let callers: Vec<(Role, String)> = ROLES.iter().map(|r| (*r, users[r].id.to_string())).collect();
        let case = fixtures[&Relation::OtherOrg].case.to_string();
        let (refused_total, per_caller) = app
            .with_store(move |s| {
                use counternet_store::schema::audit_log;
                use diesel::prelude::*;
                let mut conn = s.connection().unwrap();
                let total = audit_log::table
                    .filter(audit_log::action.eq("access.refused"))
                    .count()
                    .get_result::<i64>(&mut *conn)
                    .unwrap();
                let per_caller: Vec<(Role, i64)> = callers
                    .into_iter()
                    .map(|(role, id)| {
                        let n = audit_log::table
                            .filter(audit_log::action.eq("access.refused"))
                            .filter(audit_log::actor_id.eq(id))
                            .filter(audit_log::entity_id.eq(&case))
                            .count()
                            .get_result::<i64>(&mut *conn)
                            .unwrap();
                        (role, n)
                    })
                    .collect();
                (total, per_caller)
            })
            .await;
        if refused_total == 0 {
            mismatches.push(format!("{backend:?}: no access.refused entry in the audit trail"));
        }
        for (role, n) in per_caller {
            if n == 0 {
                mismatches
                    .push(format!("{backend:?} {role}: no access.refused entry for the other organisation's case"));
            }
        }
        let verified = app.with_store(|s| s.verify_audit().unwrap()).await;
        if let Err(broken) = verified {
            mismatches.push(format!("{backend:?}: the audit chain does not verify: {broken}"));
        }
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}
