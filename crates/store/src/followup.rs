//! Follow-up with survivors (issue 8; docs/decisions/0020): support plans and goals, services
//! delivered, follow-up visits, outcome assessments, what is due and overdue, and closure proposals
//! with a manager's decision. Everything is of one victim of one case and is seen and changed with
//! the case; a victim's name is shown masked, as everywhere. The rules are the domain's
//! ([`counternet_domain::followup`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::case::CaseChange;
use counternet_domain::followup::{
    check_closure, check_closure_decider, days_overdue, is_overdue, next_assessment_due, next_visit_due,
    AssessmentKind, DueKind, GoalStatus, NewAssessment, NewGoal, NewPlan, NewService, NewVisit, Scores, ServiceKind,
    SupportPlanType, CLOSURE_MIN_SCORE,
};
use counternet_domain::vocab::{CaseRole, CaseStatus};
use counternet_domain::{Actor, Role, ValidationError};

use crate::audit::AuditEvent;
use crate::cases;
use crate::clock::{fmt_date, fmt_time, parse_date, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{AssessmentRow, CaseRow, ClosureRow, GoalRow, PlanRow, ServiceRow, VisitRow};
use crate::schema::{
    case_closures, case_parties, cases as cases_t, follow_up_visits, organisations, outcome_assessments,
    services_delivered, support_goals, support_plans, users,
};
use crate::scope::Scope;
use crate::{new_id, orgs, parse_uuid, parties, Tx};

// ---------------------------------------------------------------------------------------------
// What the API and pages show

/// A goal of a support plan.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Goal {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub plan_type: SupportPlanType,
    pub description: String,
    pub target_on: Option<NaiveDate>,
    pub status: GoalStatus,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A support plan with its goals.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Plan {
    pub id: Uuid,
    pub title: String,
    pub started_on: NaiveDate,
    pub goals: Vec<Goal>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// A service delivered to the victim.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Service {
    pub id: Uuid,
    pub delivered_on: NaiveDate,
    pub kind: ServiceKind,
    pub provider_org_id: Uuid,
    /// The provider's name (ours or a partner's).
    pub provider: String,
    pub goal_id: Option<Uuid>,
    pub notes: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// Someone who went on a visit.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Visitor {
    pub user_id: Uuid,
    pub name: String,
}

/// A follow-up visit.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Visit {
    pub id: Uuid,
    pub visited_on: NaiveDate,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    pub place: Option<String>,
    pub visitors: Vec<Visitor>,
    pub travel_from: Option<NaiveDate>,
    pub travel_to: Option<NaiveDate>,
    pub notes: Option<String>,
    pub next_due_on: Option<NaiveDate>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// An outcome assessment.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Assessment {
    pub id: Uuid,
    pub kind: AssessmentKind,
    pub assessed_on: NaiveDate,
    pub scores: Scores,
    pub notes: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// Something due, and whether it is overdue today.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Due {
    pub kind: DueKind,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// Days past due (0 when not overdue).
    pub days_overdue: i64,
}

/// Everything of a victim's follow-up: plans, services, visits, assessments (each oldest first)
/// and what is due next.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FollowUp {
    pub case_id: Uuid,
    pub case_reference: String,
    pub victim_party_id: Uuid,
    /// The victim's name as the reader may see it (masked unless revealed).
    pub victim: String,
    pub plans: Vec<Plan>,
    pub services: Vec<Service>,
    pub visits: Vec<Visit>,
    pub assessments: Vec<Assessment>,
    pub next_visit: Option<Due>,
    pub next_assessment: Option<Due>,
}

/// An overdue follow-up for the home page.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct OverdueFollowUp {
    pub case_id: Uuid,
    pub case_reference: String,
    pub victim_party_id: Uuid,
    /// The victim's name as the reader may see it (masked).
    pub victim: String,
    pub kind: DueKind,
    pub due_on: NaiveDate,
    pub days_overdue: i64,
}

/// A closure proposal and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Closure {
    pub id: Uuid,
    pub case_id: Uuid,
    pub reason: String,
    /// pending, approved or rejected.
    pub status: String,
    pub proposed_by: Uuid,
    pub proposed_at: DateTime<Utc>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
}

/// Where a case stands on closure.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ClosureState {
    /// The latest proposal, if any.
    pub latest: Option<Closure>,
    /// The scores allow a proposal now.
    pub allowed: bool,
    /// Why not, when not.
    pub refusal_code: Option<String>,
    pub refusal: Option<String>,
    /// The lowest score every domain of every victim's latest assessment must reach (to be confirmed).
    pub min_score: i64,
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The victim's case, when `party_id` is a victim of a case the actor may see (otherwise not found).
fn victim_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party_id: Uuid) -> StoreResult<CaseRow> {
    let case = cases::visible(tx, actor, case_id)?;
    let is_victim: i64 = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::party_id.eq(party_id.to_string()))
        .filter(case_parties::role.eq(CaseRole::Victim.code()))
        .count()
        .get_result(tx.conn)?;
    if is_victim == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(case)
}

/// Like [`victim_case`], for a change.
fn victim_case_editable(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party_id: Uuid) -> StoreResult<CaseRow> {
    let case = victim_case(tx, actor, case_id, party_id)?;
    cases::editable(tx, actor, case_id)?;
    Ok(case)
}

/// The victims of a case, in the order they were added.
fn victims_of(tx: &mut Tx<'_>, case_id: Uuid) -> StoreResult<Vec<Uuid>> {
    let ids: Vec<String> = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::role.eq(CaseRole::Victim.code()))
        .select(case_parties::party_id)
        .load(tx.conn)?;
    let mut out: Vec<Uuid> = Vec::new();
    for id in ids {
        let id = parse_uuid(&id)?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

fn masked_names(tx: &mut Tx<'_>, actor: &Actor, ids: &[Uuid]) -> StoreResult<HashMap<Uuid, String>> {
    Ok(parties::visible_among(tx, actor, ids)?.into_iter().map(|p| (p.id, p.name)).collect())
}

fn to_assessment(r: AssessmentRow) -> StoreResult<Assessment> {
    Ok(Assessment {
        id: parse_uuid(&r.id)?,
        kind: AssessmentKind::from_code(&r.kind).ok_or_else(|| StoreError::corrupt("unknown assessment kind"))?,
        assessed_on: parse_date(&r.assessed_on)?,
        scores: Scores {
            safety: r.safety,
            legal_protection: r.legal_protection,
            mental_wellbeing: r.mental_wellbeing,
            economic_empowerment: r.economic_empowerment,
            social_support: r.social_support,
            physical_wellbeing: r.physical_wellbeing,
        },
        notes: r.notes,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

fn assessments_of(tx: &mut Tx<'_>, case_id: Uuid, party_id: Uuid) -> StoreResult<Vec<Assessment>> {
    let rows: Vec<AssessmentRow> = outcome_assessments::table
        .filter(outcome_assessments::case_id.eq(case_id.to_string()))
        .filter(outcome_assessments::victim_party_id.eq(party_id.to_string()))
        .order((outcome_assessments::assessed_on.asc(), outcome_assessments::created_at.asc()))
        .select(AssessmentRow::as_select())
        .load(tx.conn)?;
    rows.into_iter().map(to_assessment).collect()
}

fn due(kind: DueKind, on: Option<NaiveDate>, today: NaiveDate) -> Option<Due> {
    on.map(|due_on| Due { kind, due_on, overdue: is_overdue(due_on, today), days_overdue: days_overdue(due_on, today) })
}

/// A victim's follow-up, with what is due on `today`.
pub fn follow_up(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    party_id: Uuid,
    today: NaiveDate,
) -> StoreResult<FollowUp> {
    let case = victim_case(tx, actor, case_id, party_id)?;
    let (cid, pid) = (case_id.to_string(), party_id.to_string());
    let plan_rows: Vec<PlanRow> = support_plans::table
        .filter(support_plans::case_id.eq(&cid))
        .filter(support_plans::victim_party_id.eq(&pid))
        .order((support_plans::started_on.asc(), support_plans::created_at.asc()))
        .select(PlanRow::as_select())
        .load(tx.conn)?;
    let goal_rows: Vec<GoalRow> = support_goals::table
        .filter(support_goals::case_id.eq(&cid))
        .filter(support_goals::victim_party_id.eq(&pid))
        .order((support_goals::created_at.asc(), support_goals::id.asc()))
        .select(GoalRow::as_select())
        .load(tx.conn)?;
    let mut plans = Vec::with_capacity(plan_rows.len());
    for p in plan_rows {
        let goals = goal_rows
            .iter()
            .filter(|g| g.plan_id == p.id)
            .map(|g| {
                Ok(Goal {
                    id: parse_uuid(&g.id)?,
                    plan_id: parse_uuid(&g.plan_id)?,
                    plan_type: SupportPlanType::from_code(&g.plan_type)
                        .ok_or_else(|| StoreError::corrupt("unknown support-plan type"))?,
                    description: g.description.clone(),
                    target_on: parse_opt_date(g.target_on.as_deref())?,
                    status: GoalStatus::from_code(&g.status)
                        .ok_or_else(|| StoreError::corrupt("unknown goal status"))?,
                    created_by: parse_uuid(&g.created_by)?,
                    created_at: parse_time(&g.created_at)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        plans.push(Plan {
            id: parse_uuid(&p.id)?,
            title: p.title,
            started_on: parse_date(&p.started_on)?,
            goals,
            created_by: parse_uuid(&p.created_by)?,
            created_at: parse_time(&p.created_at)?,
        });
    }
    let service_rows: Vec<ServiceRow> = services_delivered::table
        .filter(services_delivered::case_id.eq(&cid))
        .filter(services_delivered::victim_party_id.eq(&pid))
        .order((services_delivered::delivered_on.asc(), services_delivered::created_at.asc()))
        .select(ServiceRow::as_select())
        .load(tx.conn)?;
    let org_names: HashMap<String, String> =
        organisations::table.select((organisations::id, organisations::name)).load(tx.conn)?.into_iter().collect();
    let services = service_rows
        .into_iter()
        .map(|s| {
            Ok(Service {
                id: parse_uuid(&s.id)?,
                delivered_on: parse_date(&s.delivered_on)?,
                kind: ServiceKind::from_code(&s.kind).ok_or_else(|| StoreError::corrupt("unknown service kind"))?,
                provider_org_id: parse_uuid(&s.provider_org_id)?,
                provider: org_names.get(&s.provider_org_id).cloned().unwrap_or_default(),
                goal_id: s.goal_id.as_deref().map(parse_uuid).transpose()?,
                notes: s.notes,
                created_by: parse_uuid(&s.created_by)?,
                created_at: parse_time(&s.created_at)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let visit_rows: Vec<VisitRow> = follow_up_visits::table
        .filter(follow_up_visits::case_id.eq(&cid))
        .filter(follow_up_visits::victim_party_id.eq(&pid))
        .order((follow_up_visits::visited_on.asc(), follow_up_visits::created_at.asc()))
        .select(VisitRow::as_select())
        .load(tx.conn)?;
    let mut wanted: Vec<String> = Vec::new();
    for v in &visit_rows {
        wanted.extend(cases::parse_list::<String>(&v.visitors)?);
    }
    let user_names: HashMap<String, String> = users::table
        .filter(users::id.eq_any(&wanted))
        .select((users::id, users::username, users::display_name))
        .load::<(String, String, Option<String>)>(tx.conn)?
        .into_iter()
        .map(|(id, u, d)| (id, d.unwrap_or(u)))
        .collect();
    let visits = visit_rows
        .into_iter()
        .map(|v| {
            let visitors = cases::parse_list::<String>(&v.visitors)?
                .into_iter()
                .map(|u| {
                    Ok(Visitor { user_id: parse_uuid(&u)?, name: user_names.get(&u).cloned().unwrap_or_default() })
                })
                .collect::<StoreResult<Vec<_>>>()?;
            Ok(Visit {
                id: parse_uuid(&v.id)?,
                visited_on: parse_date(&v.visited_on)?,
                country: v.country,
                place: v.place,
                visitors,
                travel_from: parse_opt_date(v.travel_from.as_deref())?,
                travel_to: parse_opt_date(v.travel_to.as_deref())?,
                notes: v.notes,
                next_due_on: parse_opt_date(v.next_due_on.as_deref())?,
                created_by: parse_uuid(&v.created_by)?,
                created_at: parse_time(&v.created_at)?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    let assessments = assessments_of(tx, case_id, party_id)?;
    let visit_due = next_visit_due(&visits.iter().map(|v| (v.visited_on, v.next_due_on)).collect::<Vec<_>>());
    let assessment_due = next_assessment_due(&assessments.iter().map(|a| (a.kind, a.assessed_on)).collect::<Vec<_>>());
    let victim = masked_names(tx, actor, &[party_id])?.remove(&party_id).unwrap_or_default();
    Ok(FollowUp {
        case_id,
        case_reference: case.reference,
        victim_party_id: party_id,
        victim,
        plans,
        services,
        visits,
        assessments,
        next_visit: due(DueKind::Visit, visit_due, today),
        next_assessment: due(DueKind::Assessment, assessment_due, today),
    })
}

/// The overdue visits and assessments of the victims of the open cases `actor` may see (their
/// team's, or a manager's organisation's), the longest overdue first.
pub fn overdue(tx: &mut Tx<'_>, actor: &Actor, today: NaiveDate) -> StoreResult<Vec<OverdueFollowUp>> {
    due_items(tx, actor, today, &|d| is_overdue(d, today))
}

/// The visits and assessments due on or before `until` (overdue ones too) of the victims of the
/// open cases `actor` may see, soonest first (the calendar feed's follow-ups).
pub fn due_by(tx: &mut Tx<'_>, actor: &Actor, today: NaiveDate, until: NaiveDate) -> StoreResult<Vec<OverdueFollowUp>> {
    due_items(tx, actor, today, &|d| d <= until)
}

fn due_items(
    tx: &mut Tx<'_>,
    actor: &Actor,
    today: NaiveDate,
    keep: &dyn Fn(NaiveDate) -> bool,
) -> StoreResult<Vec<OverdueFollowUp>> {
    let scope = Scope::of(actor);
    let open: Vec<(String, String)> = cases_t::table
        .filter(scope.cases())
        .filter(cases_t::status.ne_all([CaseStatus::Closed.code(), CaseStatus::ClosedReferred.code()]))
        .select((cases_t::id, cases_t::reference))
        .load(tx.conn)?;
    if open.is_empty() {
        return Ok(Vec::new());
    }
    let references: HashMap<String, String> = open.iter().cloned().collect();
    let ids: Vec<String> = open.into_iter().map(|(id, _)| id).collect();
    // Per (case, victim): the visits' dates and due dates, and the assessments' kinds and dates.
    type Key = (String, String);
    let mut visits: BTreeMap<Key, Vec<(NaiveDate, Option<NaiveDate>)>> = BTreeMap::new();
    let mut assessed: BTreeMap<Key, Vec<(AssessmentKind, NaiveDate)>> = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(String, String, String, Option<String>)> = follow_up_visits::table
            .filter(follow_up_visits::case_id.eq_any(chunk))
            .select((
                follow_up_visits::case_id,
                follow_up_visits::victim_party_id,
                follow_up_visits::visited_on,
                follow_up_visits::next_due_on,
            ))
            .load(tx.conn)?;
        for (c, v, on, next) in rows {
            visits.entry((c, v)).or_default().push((parse_date(&on)?, parse_opt_date(next.as_deref())?));
        }
        let rows: Vec<(String, String, String, String)> = outcome_assessments::table
            .filter(outcome_assessments::case_id.eq_any(chunk))
            .select((
                outcome_assessments::case_id,
                outcome_assessments::victim_party_id,
                outcome_assessments::kind,
                outcome_assessments::assessed_on,
            ))
            .load(tx.conn)?;
        for (c, v, kind, on) in rows {
            let kind =
                AssessmentKind::from_code(&kind).ok_or_else(|| StoreError::corrupt("unknown assessment kind"))?;
            assessed.entry((c, v)).or_default().push((kind, parse_date(&on)?));
        }
    }
    let mut found: Vec<(Key, DueKind, NaiveDate)> = Vec::new();
    for (key, list) in &visits {
        if let Some(d) = next_visit_due(list).filter(|d| keep(*d)) {
            found.push((key.clone(), DueKind::Visit, d));
        }
    }
    for (key, list) in &assessed {
        if let Some(d) = next_assessment_due(list).filter(|d| keep(*d)) {
            found.push((key.clone(), DueKind::Assessment, d));
        }
    }
    // Only victims still in the case's victims, named as the reader may see them.
    let party_ids: Vec<Uuid> = found.iter().filter_map(|((_, v), _, _)| v.parse().ok()).collect();
    let names = masked_names(tx, actor, &party_ids)?;
    let mut out = Vec::with_capacity(found.len());
    for ((c, v), kind, due_on) in found {
        let case_id = parse_uuid(&c)?;
        let party = parse_uuid(&v)?;
        if !victims_of(tx, case_id)?.contains(&party) {
            continue;
        }
        out.push(OverdueFollowUp {
            case_reference: references.get(&c).cloned().unwrap_or_default(),
            case_id,
            victim_party_id: party,
            victim: names.get(&party).cloned().unwrap_or_default(),
            kind,
            due_on,
            days_overdue: days_overdue(due_on, today),
        });
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.case_reference.cmp(&b.case_reference)).then(a.kind.cmp(&b.kind)));
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Writing

/// Starts a support plan for a victim of a case.
pub fn create_plan(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party_id: Uuid, new: NewPlan) -> StoreResult<Plan> {
    let case = victim_case_editable(tx, actor, case_id, party_id)?;
    let now = fmt_time(tx.now);
    let row = PlanRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        victim_party_id: party_id.to_string(),
        title: new.title,
        started_on: fmt_date(new.started_on),
        created_by: actor.user_id.to_string(),
        created_at: now,
    };
    diesel::insert_into(support_plans::table).values(&row).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("followup.plan", "support_plan", &row.id)
            .in_case(case_id)
            .detail(serde_json::json!({"victim_party_id": row.victim_party_id, "started_on": row.started_on})),
    );
    Ok(Plan {
        id: parse_uuid(&row.id)?,
        title: row.title,
        started_on: new.started_on,
        goals: Vec::new(),
        created_by: actor.user_id,
        created_at: tx.now,
    })
}

fn to_goal(g: GoalRow) -> StoreResult<Goal> {
    Ok(Goal {
        id: parse_uuid(&g.id)?,
        plan_id: parse_uuid(&g.plan_id)?,
        plan_type: SupportPlanType::from_code(&g.plan_type)
            .ok_or_else(|| StoreError::corrupt("unknown support-plan type"))?,
        description: g.description,
        target_on: parse_opt_date(g.target_on.as_deref())?,
        status: GoalStatus::from_code(&g.status).ok_or_else(|| StoreError::corrupt("unknown goal status"))?,
        created_by: parse_uuid(&g.created_by)?,
        created_at: parse_time(&g.created_at)?,
    })
}

/// Adds a goal (open) to one of the victim's plans.
pub fn add_goal(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party_id: Uuid, new: NewGoal) -> StoreResult<Goal> {
    victim_case_editable(tx, actor, case_id, party_id)?;
    let plan: i64 = support_plans::table
        .filter(support_plans::id.eq(new.plan_id.to_string()))
        .filter(support_plans::case_id.eq(case_id.to_string()))
        .filter(support_plans::victim_party_id.eq(party_id.to_string()))
        .count()
        .get_result(tx.conn)?;
    if plan == 0 {
        return Err(ValidationError::new("plan_id", "unknown_plan", "no such plan for this victim").into());
    }
    let now = fmt_time(tx.now);
    let row = GoalRow {
        id: new_id().to_string(),
        plan_id: new.plan_id.to_string(),
        case_id: case_id.to_string(),
        victim_party_id: party_id.to_string(),
        plan_type: new.plan_type.code().into(),
        description: new.description,
        target_on: new.target_on.map(fmt_date),
        status: GoalStatus::Open.code().into(),
        created_by: actor.user_id.to_string(),
        created_at: now.clone(),
        updated_at: now,
    };
    diesel::insert_into(support_goals::table).values(&row).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("followup.goal", "support_goal", &row.id)
            .in_case(case_id)
            .detail(serde_json::json!({"plan_id": row.plan_id, "plan_type": row.plan_type})),
    );
    to_goal(row)
}

/// Marks a goal open, achieved or dropped.
pub fn set_goal_status(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    party_id: Uuid,
    goal_id: Uuid,
    status: GoalStatus,
) -> StoreResult<Goal> {
    victim_case_editable(tx, actor, case_id, party_id)?;
    let row: GoalRow = support_goals::table
        .filter(support_goals::id.eq(goal_id.to_string()))
        .filter(support_goals::case_id.eq(case_id.to_string()))
        .filter(support_goals::victim_party_id.eq(party_id.to_string()))
        .select(GoalRow::as_select())
        .first(tx.conn)
        .optional()?
        .ok_or(StoreError::NotFound)?;
    if row.status == status.code() {
        return to_goal(row);
    }
    let now = fmt_time(tx.now);
    diesel::update(support_goals::table.find(&row.id))
        .set((support_goals::status.eq(status.code()), support_goals::updated_at.eq(&now)))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("followup.goal_status", "support_goal", &row.id)
            .in_case(case_id)
            .detail(serde_json::json!({"from": row.status, "to": status.code()})),
    );
    to_goal(GoalRow { status: status.code().into(), updated_at: now, ..row })
}

/// Records a service delivered to the victim, by our organisation (when no provider is given) or a
/// partner.
pub fn add_service(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    party_id: Uuid,
    new: NewService,
) -> StoreResult<Service> {
    let case = victim_case_editable(tx, actor, case_id, party_id)?;
    let provider = match new.provider_org_id {
        Some(id) => orgs::get(tx, id).map_err(|e| match e {
            StoreError::NotFound => {
                ValidationError::new("provider_org_id", "unknown_organisation", "no such organisation").into()
            }
            other => other,
        })?,
        None => match orgs::own(tx)? {
            Some(o) => o,
            None => orgs::get(tx, parse_uuid(&case.org_id)?)?,
        },
    };
    if let Some(goal) = new.goal_id {
        let n: i64 = support_goals::table
            .filter(support_goals::id.eq(goal.to_string()))
            .filter(support_goals::case_id.eq(case_id.to_string()))
            .filter(support_goals::victim_party_id.eq(party_id.to_string()))
            .count()
            .get_result(tx.conn)?;
        if n == 0 {
            return Err(ValidationError::new("goal_id", "unknown_goal", "no such goal in this victim's plans").into());
        }
    }
    let row = ServiceRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        victim_party_id: party_id.to_string(),
        delivered_on: fmt_date(new.delivered_on),
        kind: new.kind.code().into(),
        provider_org_id: provider.id.to_string(),
        goal_id: new.goal_id.map(|g| g.to_string()),
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(services_delivered::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("followup.service", "service", &row.id).in_case(case_id).detail(serde_json::json!({
        "kind": row.kind, "provider_org_id": row.provider_org_id, "delivered_on": row.delivered_on,
    })));
    Ok(Service {
        id: parse_uuid(&row.id)?,
        delivered_on: new.delivered_on,
        kind: new.kind,
        provider_org_id: provider.id,
        provider: provider.name,
        goal_id: new.goal_id,
        notes: row.notes,
        created_by: actor.user_id,
        created_at: tx.now,
    })
}

/// Records a follow-up visit; who went are users of the case's organisation (none given: the actor).
pub fn add_visit(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party_id: Uuid, new: NewVisit) -> StoreResult<Visit> {
    let case = victim_case_editable(tx, actor, case_id, party_id)?;
    let mut visitor_ids = new.visitor_ids.clone();
    if visitor_ids.is_empty() {
        visitor_ids.push(actor.user_id);
    }
    let wanted: Vec<String> = visitor_ids.iter().map(Uuid::to_string).collect();
    let found: Vec<(String, String, Option<String>)> = users::table
        .filter(users::id.eq_any(&wanted))
        .filter(users::org_id.eq(&case.org_id))
        .select((users::id, users::username, users::display_name))
        .load(tx.conn)?;
    if found.len() != wanted.len() {
        return Err(ValidationError::new(
            "visitor_ids",
            "unknown_user",
            "who went are users of the case's organisation",
        )
        .into());
    }
    let names: HashMap<String, String> = found.into_iter().map(|(id, u, d)| (id, d.unwrap_or(u))).collect();
    let row = VisitRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        victim_party_id: party_id.to_string(),
        visited_on: fmt_date(new.visited_on),
        country: new.country,
        place: new.place,
        visitors: cases::json_list(&wanted),
        travel_from: new.travel_from.map(fmt_date),
        travel_to: new.travel_to.map(fmt_date),
        notes: new.notes,
        next_due_on: new.next_due_on.map(fmt_date),
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(follow_up_visits::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("followup.visit", "visit", &row.id).in_case(case_id).detail(serde_json::json!({
        "visited_on": row.visited_on, "country": row.country, "visitors": wanted, "next_due_on": row.next_due_on,
    })));
    Ok(Visit {
        id: parse_uuid(&row.id)?,
        visited_on: new.visited_on,
        country: row.country,
        place: row.place,
        visitors: visitor_ids
            .iter()
            .map(|u| Visitor { user_id: *u, name: names.get(&u.to_string()).cloned().unwrap_or_default() })
            .collect(),
        travel_from: new.travel_from,
        travel_to: new.travel_to,
        notes: row.notes,
        next_due_on: new.next_due_on,
        created_by: actor.user_id,
        created_at: tx.now,
    })
}

/// Records an outcome assessment (six scores, 1 to 4).
pub fn add_assessment(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    party_id: Uuid,
    new: NewAssessment,
) -> StoreResult<Assessment> {
    let case = victim_case_editable(tx, actor, case_id, party_id)?;
    new.scores.validate()?;
    let s = new.scores;
    let row = AssessmentRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        victim_party_id: party_id.to_string(),
        kind: new.kind.code().into(),
        assessed_on: fmt_date(new.assessed_on),
        safety: s.safety,
        legal_protection: s.legal_protection,
        mental_wellbeing: s.mental_wellbeing,
        economic_empowerment: s.economic_empowerment,
        social_support: s.social_support,
        physical_wellbeing: s.physical_wellbeing,
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(outcome_assessments::table).values(&row).execute(tx.conn)?;
    // Scores are kept out of the audit detail: they describe a survivor's situation.
    tx.audit(
        AuditEvent::new("followup.assessment", "assessment", &row.id)
            .in_case(case_id)
            .detail(serde_json::json!({"kind": row.kind, "assessed_on": row.assessed_on})),
    );
    to_assessment(row)
}

// ---------------------------------------------------------------------------------------------
// Closure

fn to_closure(r: ClosureRow) -> StoreResult<Closure> {
    Ok(Closure {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        reason: r.reason,
        status: r.status,
        proposed_by: parse_uuid(&r.proposed_by)?,
        proposed_at: parse_time(&r.proposed_at)?,
        decided_by: r.decided_by.as_deref().map(parse_uuid).transpose()?,
        decided_at: r.decided_at.as_deref().map(parse_time).transpose()?,
        decision_note: r.decision_note,
    })
}

fn latest_closure(tx: &mut Tx<'_>, case_id: Uuid) -> StoreResult<Option<ClosureRow>> {
    Ok(case_closures::table
        .filter(case_closures::case_id.eq(case_id.to_string()))
        .order((case_closures::proposed_at.desc(), case_closures::id.desc()))
        .select(ClosureRow::as_select())
        .first(tx.conn)
        .optional()?)
}

/// Whether the scores allow a proposal: every victim's latest assessment.
fn closure_check(
    tx: &mut Tx<'_>,
    case_id: Uuid,
) -> StoreResult<Result<(), counternet_domain::followup::ClosureRefusal>> {
    let mut latest = Vec::new();
    for v in victims_of(tx, case_id)? {
        let scores = assessments_of(tx, case_id, v)?.pop().map(|a| a.scores);
        latest.push((v, scores));
    }
    Ok(check_closure(&latest))
}

/// Where a case stands on closure.
pub fn closure_state(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<ClosureState> {
    cases::visible(tx, actor, case_id)?;
    let latest = latest_closure(tx, case_id)?.map(to_closure).transpose()?;
    let check = closure_check(tx, case_id)?;
    Ok(ClosureState {
        latest,
        allowed: check.is_ok(),
        refusal_code: check.as_ref().err().map(|r| r.code().to_string()),
        refusal: check.err().map(|r| r.message()),
        min_score: CLOSURE_MIN_SCORE,
    })
}

/// Proposes a case for closure: refused unless every victim's latest assessment allows it, or
/// while a proposal waits for its decision.
pub fn propose_closure(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, reason: &str) -> StoreResult<Closure> {
    let case = cases::editable(tx, actor, case_id)?;
    let reason = counternet_domain::validation::required_text("reason", reason, 2000)?;
    if matches!(CaseStatus::from_code(&case.status), Some(CaseStatus::Closed | CaseStatus::ClosedReferred)) {
        return Err(StoreError::Conflict { code: "already_closed", message: "the case is closed already".into() });
    }
    if latest_closure(tx, case_id)?.is_some_and(|c| c.status == "pending") {
        return Err(StoreError::Conflict {
            code: "already_proposed",
            message: "a closure proposal is waiting for a manager's decision".into(),
        });
    }
    if let Err(refusal) = closure_check(tx, case_id)? {
        return Err(StoreError::Conflict {
            code: "closure_not_allowed",
            message: format!("the case may not be proposed for closure: {}", refusal.message()),
        });
    }
    let row = ClosureRow {
        id: new_id().to_string(),
        org_id: case.org_id,
        case_id: case_id.to_string(),
        reason,
        status: "pending".into(),
        proposed_by: actor.user_id.to_string(),
        proposed_at: fmt_time(tx.now),
        decided_by: None,
        decided_at: None,
        decision_note: None,
    };
    diesel::insert_into(case_closures::table).values(&row).execute(tx.conn)?;
    tx.audit(AuditEvent::new("closure.propose", "case_closure", &row.id).in_case(case_id));
    to_closure(row)
}

/// A manager other than the proposer approves (the case becomes closed) or rejects (with a note)
/// the pending closure proposal.
pub fn decide_closure(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    approve: bool,
    note: Option<String>,
) -> StoreResult<Closure> {
    cases::editable(tx, actor, case_id)?;
    if actor.role != Role::Manager {
        return Err(StoreError::Forbidden("managers approve closures"));
    }
    let row = latest_closure(tx, case_id)?
        .filter(|c| c.status == "pending")
        .ok_or(StoreError::Conflict { code: "no_proposal", message: "no closure proposal is waiting".into() })?;
    check_closure_decider(parse_uuid(&row.proposed_by)?, actor.user_id)
        .map_err(|m| StoreError::Conflict { code: "same_person", message: m.into() })?;
    let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    if !approve && note.is_none() {
        return Err(ValidationError::new("note", "required", "say why the closure is rejected").into());
    }
    if approve {
        if let Err(refusal) = closure_check(tx, case_id)? {
            return Err(StoreError::Conflict {
                code: "closure_not_allowed",
                message: format!("the case may no longer close: {}", refusal.message()),
            });
        }
    }
    let status = if approve { "approved" } else { "rejected" };
    let now = fmt_time(tx.now);
    diesel::update(case_closures::table.find(&row.id))
        .set((
            case_closures::status.eq(status),
            case_closures::decided_by.eq(Some(actor.user_id.to_string())),
            case_closures::decided_at.eq(Some(&now)),
            case_closures::decision_note.eq(&note),
        ))
        .execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("closure.decide", "case_closure", &row.id)
            .in_case(case_id)
            .detail(serde_json::json!({"status": status})),
    );
    if approve {
        cases::update(tx, actor, case_id, CaseChange { status: Some(CaseStatus::Closed), ..CaseChange::default() })?;
    }
    to_closure(ClosureRow {
        status: status.into(),
        decided_by: Some(actor.user_id.to_string()),
        decided_at: Some(now),
        decision_note: note,
        ..row
    })
}
