//! The demo's proceedings and compensation claims (issue 8): criminal proceedings with hearings
//! held and to come, and claims at every stage (filed; ordered and unpaid; partly received and
//! paid; paid in full; a payment waiting for a manager's approval). Fictional courts' case numbers
//! and references; dates placed relative to the day the demo is seeded.

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use counternet_domain::compensation::{
    ClaimInput, ClaimStepKind, CompensationRoute, PaymentInput, ReceiptInput, StepInput,
};
use counternet_domain::proceedings::{
    Charge, ChargeLaw, CourtEventInput, CourtEventKind, ProceedingInput, ProceedingKind, ProceedingStatus,
};
use counternet_domain::vocab::CaseRole;
use counternet_domain::Actor;
use counternet_store::{compensation, parties, proceedings, Store, StoreResult, Tx};

/// What the justice part of the demo made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JusticeSummary {
    pub proceedings: usize,
    pub hearings: usize,
    pub claims: usize,
}

const COURTS: [&str; 4] = [
    "DEMO Mae Sot Provincial Court (fictional)",
    "DEMO Songkhla Provincial Court (fictional)",
    "DEMO Criminal Court, Bangkok (fictional)",
    "DEMO Chiang Rai Provincial Court (fictional)",
];

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn ahead(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_add_days(Days::new(days)).unwrap_or(today)
}

/// The claim stages the demo shows, one per case in turn.
#[derive(Clone, Copy)]
enum Stage {
    Filed,
    OrderedUnpaid,
    PartlyPaid,
    PaidInFull,
    AwaitingApproval,
}

const STAGES: [Stage; 5] =
    [Stage::Filed, Stage::OrderedUnpaid, Stage::PartlyPaid, Stage::PaidInFull, Stage::AwaitingApproval];

fn one_case(
    tx: &mut Tx<'_>,
    manager: &Actor,
    lawyer: &Actor,
    case_id: Uuid,
    n: usize,
    today: NaiveDate,
    out: &mut JusticeSummary,
) -> StoreResult<()> {
    let people = parties::list_for_case(tx, manager, case_id)?;
    let with = |r: CaseRole| people.iter().filter(|p| p.role == r).map(|p| p.party.id).collect::<Vec<_>>();
    let (victims, perpetrators) = (with(CaseRole::Victim), with(CaseRole::Perpetrator));
    let court = COURTS.get(n % COURTS.len()).copied().unwrap_or("DEMO Court (fictional)");
    let year = 2569 - (n % 3) as i32;
    let p = proceedings::create(
        tx,
        manager,
        case_id,
        ProceedingInput {
            kind: ProceedingKind::Criminal,
            court: court.into(),
            black_case_number: Some(format!("DEMO อ.{}/{year}", 100 + n)),
            red_case_number: (n % 3 == 2).then(|| format!("DEMO อ.{}/{year}", 900 + n)),
            prosecutor: Some("DEMO Provincial Prosecutor (fictional)".into()),
            charges: vec![
                Charge { law: ChargeLaw::Atipa, section: "6".into(), description: None },
                Charge { law: ChargeLaw::AntiMoneyLaundering, section: "5".into(), description: None },
            ],
            defendants: perpetrators.iter().take(2).copied().collect(),
            status: Some(if n % 3 == 2 { ProceedingStatus::Judgment } else { ProceedingStatus::Trial }),
            notes: None,
        }
        .validate()?,
    )?;
    out.proceedings += 1;
    let events = [
        (CourtEventKind::PretrialDeposition, ago(today, 120), Some("DEMO: victims' depositions taken; they went home")),
        (CourtEventKind::Hearing, ago(today, 40), Some("DEMO: prosecution witnesses heard; adjourned")),
        (CourtEventKind::Hearing, ahead(today, 3 + (n as u64 % 20)), None),
    ];
    for (kind, day, outcome) in events {
        proceedings::add_event(
            tx,
            manager,
            p.id,
            CourtEventInput {
                kind,
                starts_at: day.and_hms_opt(9, 30, 0).unwrap_or_default(),
                place: Some(format!("Courtroom {}", 1 + n % 6)),
                outcome: outcome.map(String::from),
                notes: None,
            }
            .validate(today)?,
        )?;
        out.hearings += 1;
    }

    let Some(&victim) = victims.first() else { return Ok(()) };
    let stage = STAGES.get(n % STAGES.len()).copied().unwrap_or(Stage::Filed);
    let claimed = 30_000_000 + 5_000_000 * (n as i64 % 7);
    let claim = compensation::create_claim(
        tx,
        lawyer,
        case_id,
        ClaimInput {
            victim_party_id: victim,
            route: if n.is_multiple_of(2) { CompensationRoute::AtipaS35 } else { CompensationRoute::CpcS44_1 },
            claimed_minor: claimed,
            debtor: Some("DEMO: the defendants (fictional)".into()),
            notes: None,
        }
        .validate()?,
    )?;
    out.claims += 1;
    let id = claim.claim.id;
    let step = |tx: &mut Tx<'_>, kind, days, reference: &str, amount| {
        compensation::add_step(
            tx,
            lawyer,
            id,
            StepInput {
                kind,
                on_date: ago(today, days),
                reference: Some(reference.to_string()),
                amount_minor: amount,
                notes: None,
            }
            .validate(today)?,
        )
    };
    step(tx, ClaimStepKind::Filed, 300, "DEMO claim filing", None)?;
    if matches!(stage, Stage::Filed) {
        return Ok(());
    }
    let ordered = claimed * 3 / 5;
    step(tx, ClaimStepKind::Ordered, 200, "DEMO judgment (fictional)", Some(ordered))?;
    step(tx, ClaimStepKind::ExecutionRequested, 180, "DEMO LED writ (fictional)", None)?;
    let receive = |tx: &mut Tx<'_>, amount, days, key: &str| {
        compensation::receive(
            tx,
            lawyer,
            id,
            ReceiptInput {
                amount_minor: amount,
                on_date: ago(today, days),
                reference: Some("DEMO LED transfer (fictional)".into()),
                notes: None,
                idempotency_key: key.into(),
            }
            .validate(today)?,
        )
    };
    let pay = |tx: &mut Tx<'_>, amount, days, key: &str| {
        compensation::pay(
            tx,
            lawyer,
            id,
            PaymentInput {
                amount_minor: amount,
                victim_party_id: victim,
                on_date: ago(today, days),
                reference: Some("DEMO transfer to the survivor (fictional)".into()),
                notes: None,
                idempotency_key: key.into(),
            }
            .validate(today)?,
        )
    };
    match stage {
        Stage::Filed | Stage::OrderedUnpaid => {}
        Stage::PartlyPaid => {
            step(tx, ClaimStepKind::AssetsSeized, 150, "DEMO LED seizure (fictional)", None)?;
            receive(tx, ordered / 4, 100, "demo-r1")?;
            pay(tx, 4_000_000, 95, "demo-p1")?;
        }
        Stage::PaidInFull => {
            receive(tx, ordered, 120, "demo-r1")?;
            // Above the approval amount: asked by the lawyer, approved by the manager.
            if let compensation::PaymentOutcome::AwaitingApproval { approval } = pay(tx, ordered, 110, "demo-p1")? {
                compensation::decide_payment(tx, manager, approval.id, true, None)?;
            }
            step(tx, ClaimStepKind::Closed, 100, "DEMO closed", None)?;
        }
        Stage::AwaitingApproval => {
            receive(tx, ordered / 2, 30, "demo-r1")?;
            pay(tx, ordered / 2, 20, "demo-p1")?;
        }
    }
    Ok(())
}

/// Seeds proceedings and claims in the first ten cases the demo lawyer is on, as the demo manager
/// and that lawyer.
pub fn seed(store: &Store, manager: &Actor, lawyer: &Actor, today: NaiveDate) -> anyhow::Result<JusticeSummary> {
    use counternet_domain::case::CaseFilter;
    let filter = CaseFilter { member: Some(lawyer.user_id), per_page: Some(10), ..CaseFilter::default() };
    let mut cases = store.read(Some(lawyer), |tx| counternet_store::cases::list(tx, lawyer, &filter))?.items;
    cases.sort_by(|a, b| a.reference.cmp(&b.reference));
    let mut out = JusticeSummary::default();
    for (n, case) in cases.iter().enumerate() {
        store.write(Some(manager), |tx| one_case(tx, manager, lawyer, case.id, n, today, &mut out))?;
    }
    Ok(out)
}
