//! The demo's follow-up with survivors and its engagement (issue 8): survivors of the demo social
//! worker's cases followed for up to three years (support plans and goals, services, visits across
//! borders into Laos and Myanmar, outcome assessments at intake, six months and yearly, improving),
//! one follow-up overdue; trainings of judges, prosecutors, attorneys and police with their
//! knowledge tests, and community education events. All fictional; dates relative to the day the
//! demo is seeded.

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use counternet_domain::case::CaseFilter;
use counternet_domain::engagement::{
    Audience, CommunityEventInput, EngagementTopic, EventAudience, Material, ScorePair, TrainingInput,
};
use counternet_domain::followup::{
    AssessmentInput, AssessmentKind, GoalInput, PlanInput, Scores, ServiceInput, ServiceKind, SupportPlanType,
    VisitInput,
};
use counternet_domain::vocab::CaseRole;
use counternet_domain::Actor;
use counternet_store::{cases, engagement, followup, parties, Store, StoreResult, Tx};

/// What the care part of the demo made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CareSummary {
    pub survivors_followed: usize,
    pub visits: usize,
    pub assessments: usize,
    pub trainings: usize,
    pub events: usize,
}

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// Scores rising from the intake (1s and 2s) towards 3s and 4s, step by step.
fn scores(step: i64, n: usize) -> Scores {
    let s = |base: i64| (base + step).clamp(1, 4);
    let tilt = (n % 2) as i64;
    Scores {
        safety: s(1 + tilt),
        legal_protection: s(1),
        mental_wellbeing: s(1),
        economic_empowerment: s(1 - tilt),
        social_support: s(2),
        physical_wellbeing: s(2 - tilt),
    }
}

fn follow(
    tx: &mut Tx<'_>,
    sw: &Actor,
    case_id: Uuid,
    victim: Uuid,
    n: usize,
    today: NaiveDate,
    out: &mut CareSummary,
) -> StoreResult<()> {
    // Followed for one to three years.
    let years = 1 + (n % 3) as u64;
    let start = ago(today, years * 365 + 20);
    let plan = followup::create_plan(
        tx,
        sw,
        case_id,
        victim,
        PlanInput { title: "DEMO: reintegration plan (fictional)".into(), started_on: start }.validate(today)?,
    )?;
    let goals = [
        (SupportPlanType::Livelihood, "DEMO: vocational training and a first job"),
        (SupportPlanType::Health, "DEMO: counselling and health checks"),
        (SupportPlanType::Legal, "DEMO: testify safely; claim compensation"),
    ];
    let mut goal_ids = Vec::new();
    for (plan_type, description) in goals {
        let g = followup::add_goal(
            tx,
            sw,
            case_id,
            victim,
            GoalInput { plan_id: plan.id, plan_type, description: description.into(), target_on: None }.validate()?,
        )?;
        goal_ids.push(g.id);
    }
    let assess = |tx: &mut Tx<'_>, kind, on: NaiveDate, step| {
        followup::add_assessment(
            tx,
            sw,
            case_id,
            victim,
            AssessmentInput { kind, assessed_on: on, scores: scores(step, n), notes: None }.validate(today)?,
        )
    };
    assess(tx, AssessmentKind::Intake, start, 0)?;
    assess(tx, AssessmentKind::SixMonths, start + Days::new(183), 1)?;
    out.assessments += 2;
    for y in 1..years {
        assess(tx, AssessmentKind::Yearly, start + Days::new(183 + 365 * y), 1 + y as i64)?;
        out.assessments += 1;
    }
    // Services and visits every six months; home is across the border for some.
    let (country, place) = match n % 3 {
        0 => ("LAO", "DEMO: home village, Savannakhet (fictional)"),
        1 => ("MMR", "DEMO: family home, Myawaddy (fictional)"),
        _ => ("THA", "DEMO: shelter, Chiang Rai (fictional)"),
    };
    let halves = years * 2;
    for h in 0..halves {
        let day = start + Days::new(30 + 182 * h);
        if day > today {
            break;
        }
        let kind = [ServiceKind::Care, ServiceKind::JobTraining, ServiceKind::Education, ServiceKind::Health]
            .get((h as usize + n) % 4)
            .copied()
            .unwrap_or(ServiceKind::Care);
        followup::add_service(
            tx,
            sw,
            case_id,
            victim,
            ServiceInput {
                delivered_on: day,
                kind,
                provider_org_id: None,
                goal_id: goal_ids.get(h as usize % goal_ids.len().max(1)).copied(),
                notes: None,
            }
            .validate(today)?,
        )?;
        let last = h + 1 == halves;
        // The last visit of the first survivor falls due a week ago: an overdue follow-up.
        let next = if last && n == 0 { ago(today, 7) } else { day + Days::new(182) };
        let next = if next <= day { day + Days::new(1) } else { next };
        followup::add_visit(
            tx,
            sw,
            case_id,
            victim,
            VisitInput {
                visited_on: day,
                country: country.into(),
                place: Some(place.into()),
                visitor_ids: vec![sw.user_id],
                travel_from: (country != "THA").then(|| day - Days::new(1)),
                travel_to: (country != "THA").then(|| day + Days::new(1)),
                notes: Some("DEMO: fictional visit notes".into()),
                next_due_on: Some(next),
            }
            .validate(today)?,
        )?;
        out.visits += 1;
    }
    out.survivors_followed += 1;
    Ok(())
}

fn engage(tx: &mut Tx<'_>, lawyer: &Actor, today: NaiveDate, out: &mut CareSummary) -> StoreResult<()> {
    let trainings = [
        ("DEMO: ATIPA and victim identification for judges (fictional)", "Chiang Rai", 400u64, 14i64, 0i64, 3i64),
        ("DEMO: trauma-informed questioning for prosecutors (fictional)", "Bangkok", 300, 0, 22, 6),
        ("DEMO: victim compensation under s.35 and s.44/1 (fictional)", "Songkhla", 200, 4, 10, 2),
        ("DEMO: online exploitation and CSAM as trafficking (fictional)", "Khon Kaen", 120, 0, 5, 30),
        ("DEMO: asset seizure with AMLO (fictional)", "Mae Sot", 60, 2, 8, 12),
    ];
    let topics = [
        vec![EngagementTopic::TraffickingLaw, EngagementTopic::VictimIdentification],
        vec![EngagementTopic::TraumaInformedPractice],
        vec![EngagementTopic::VictimCompensation],
        vec![EngagementTopic::OnlineExploitation, EngagementTopic::ChildProtection],
        vec![EngagementTopic::AssetSeizure],
    ];
    for (i, (title, place, days, judges, prosecutors, police)) in trainings.into_iter().enumerate() {
        let people = judges + prosecutors + police + 4;
        let scores: Vec<ScorePair> = (0..people.min(20))
            .map(|p| {
                let pre = 35.0 + ((p * 7 + i as i64 * 3) % 30) as f64;
                ScorePair { pre, post: (pre + 15.0 + (p % 5) as f64 * 3.0).min(100.0) }
            })
            .collect();
        engagement::create_training(
            tx,
            lawyer,
            TrainingInput {
                title: title.into(),
                starts_on: ago(today, days),
                ends_on: Some(ago(today, days.saturating_sub(1))),
                place: place.into(),
                audience: Audience { judges, prosecutors, attorneys: 4, police, social_workers: 0, other: 0 },
                topics: topics.get(i).cloned().unwrap_or_default(),
                trainers: vec!["DEMO trainer (fictional)".into()],
                materials: vec![Material { title: "DEMO handbook (fictional)".into(), link: None }],
                scores,
                partner_org_ids: Vec::new(),
                notes: None,
            }
            .validate(today)?,
        )?;
        out.trainings += 1;
    }
    let events = [
        ("DEMO: safe migration talk at a village school (fictional)", 90u64, EventAudience::Students, 120i64, None),
        ("DEMO: community radio on job offers abroad (fictional)", 45, EventAudience::Community, 60, Some(15_000i64)),
        ("DEMO: meeting with fishing-boat owners (fictional)", 20, EventAudience::Employers, 35, None),
    ];
    for (title, days, audience, reached, online) in events {
        engagement::create_event(
            tx,
            lawyer,
            CommunityEventInput {
                title: title.into(),
                held_on: ago(today, days),
                place: "DEMO place (fictional)".into(),
                audience: vec![audience],
                topics: vec![EngagementTopic::SafeMigration],
                people_reached: reached,
                online_reach: online,
                partner_org_ids: Vec::new(),
                notes: None,
            }
            .validate(today)?,
        )?;
        out.events += 1;
    }
    Ok(())
}

/// Seeds follow-ups in the first eight cases of the demo social worker that have a victim, and
/// the organisation's trainings and events (recorded by the demo lawyer).
pub fn seed(store: &Store, social_worker: &Actor, lawyer: &Actor, today: NaiveDate) -> anyhow::Result<CareSummary> {
    let filter = CaseFilter { member: Some(social_worker.user_id), per_page: Some(30), ..CaseFilter::default() };
    let mut mine = store.read(Some(social_worker), |tx| cases::list(tx, social_worker, &filter))?.items;
    mine.sort_by(|a, b| a.reference.cmp(&b.reference));
    let mut out = CareSummary::default();
    for case in mine {
        if out.survivors_followed == 8 {
            break;
        }
        let n = out.survivors_followed;
        store.write(Some(social_worker), |tx| {
            let victim = parties::list_for_case(tx, social_worker, case.id)?
                .into_iter()
                .find(|p| p.role == CaseRole::Victim)
                .map(|p| p.party.id);
            match victim {
                Some(v) => follow(tx, social_worker, case.id, v, n, today, &mut out),
                None => Ok(()),
            }
        })?;
    }
    store.write(Some(lawyer), |tx| engage(tx, lawyer, today, &mut out))?;
    Ok(out)
}
