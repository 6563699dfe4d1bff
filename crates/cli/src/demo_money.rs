//! The demo's money (issue 7): fictional bank statements in a few cases, from which the import's
//! scan raises alerts (wages swept out of a broker's account and layered on, payments just below
//! the reporting threshold, late-night takings); a trace saved as evidence; one alert confirmed;
//! assets at several AMLO stages, one provisional seizure close to its 90-day limit.
//!
//! Every account number and amount is invented. Amounts and times are placed relative to the day the
//! demo is seeded, so the seizure deadline shows on the home page whenever the demo is made.

use anyhow::Context;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use uuid::Uuid;

use counternet_domain::assets::{AssetInput, AssetKind, AssetStage, StageInput};
use counternet_domain::party::PartyInput;
use counternet_domain::statements::{Statement, StatementLine};
use counternet_domain::vocab::PartyKind;
use counternet_domain::Actor;
use counternet_server::api::money::{save_trace, SaveTrace};
use counternet_server::money::{import_statement, TraceParams};
use counternet_store::money::{self as store_money, AlertStatus, Decision};
use counternet_store::{assets, parties, Store, StoreResult, Tx};

/// What the money part of the demo made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneySummary {
    pub payments: usize,
    pub alerts: usize,
    pub assets: usize,
}

/// One fictional statement line: days before today, time, signed baht, the other side's account.
type Line = (u64, (u32, u32), i64, Option<&'static str>, &'static str);

fn statement(today: NaiveDate, lines: &[Line]) -> Statement {
    let lines = lines
        .iter()
        .enumerate()
        .map(|(n, &(days_ago, (h, m), baht, other, what))| {
            let day = today.checked_sub_days(Days::new(days_ago)).unwrap_or(today);
            StatementLine {
                line: n as u64 + 2,
                at: NaiveDateTime::new(day, NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()),
                amount_minor: baht * 100,
                currency: "THB".into(),
                description: Some(format!("DEMO: {what}")),
                counterparty_account: other.map(String::from),
                counterparty_name: None,
                counterparty_bank: other.map(|_| "Demo Bank (fictional)".to_string()),
                reference: None,
                balance_minor: None,
            }
        })
        .collect();
    Statement { lines, ignored_columns: Vec::new(), printed_account: None }
}

fn account(tx: &mut Tx<'_>, actor: &Actor, number: &str) -> StoreResult<Uuid> {
    let input = PartyInput {
        kind: Some(PartyKind::BankAccount),
        account_number: Some(number.into()),
        bank: Some("Demo Bank (fictional)".into()),
        ..PartyInput::default()
    };
    let new = input.validate(tx.now.date_naive())?;
    Ok(parties::create_or_reuse(tx, actor, new)?.0.id)
}

/// A broker's collecting account: six workers' wages in on pay day, swept out the next morning to
/// a second account, which passes it on within hours, and on again (wage sweep, layering).
const BROKER: &str = "900-1-00001-1";
const SWEEP: &str = "900-1-00002-2";
const LAYER: &str = "900-1-00003-3";
const LAYER_END: &str = "900-1-00004-4";
/// A recruiter's account paying just below 2,000,000 THB three times in a week (structuring).
const RECRUITER: &str = "900-2-00005-5";
/// A venue's account taking most of its money between 22:00 and 06:00 (late night).
const VENUE: &str = "900-3-00006-6";

fn broker_lines() -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let workers =
        ["900-7-10001-0", "900-7-10002-0", "900-7-10003-0", "900-7-10004-0", "900-7-10005-0", "900-7-10006-0"];
    for (i, w) in workers.into_iter().enumerate() {
        lines.push((40, (9 + i as u32, 5), 12_000 + 500 * i as i64, Some(w), "wage transfer"));
    }
    lines.push((39, (8, 30), -76_000, Some(SWEEP), "transfer"));
    lines
}

fn sweep_lines() -> Vec<Line> {
    vec![(39, (8, 30), 76_000, Some(BROKER), "transfer in"), (39, (13, 10), -74_500, Some(LAYER), "transfer")]
}

fn layer_lines() -> Vec<Line> {
    vec![(39, (13, 10), 74_500, Some(SWEEP), "transfer in"), (38, (10, 45), -73_000, Some(LAYER_END), "transfer")]
}

fn recruiter_lines() -> Vec<Line> {
    vec![
        (30, (10, 0), -1_950_000, Some("900-8-20001-0"), "transfer"),
        (28, (11, 30), -1_970_000, Some("900-8-20002-0"), "transfer"),
        (26, (9, 15), -1_940_000, Some("900-8-20003-0"), "transfer"),
        (45, (14, 0), 6_000_000, Some("900-8-20009-0"), "transfer in"),
    ]
}

fn venue_lines() -> Vec<Line> {
    let payers = ["900-9-30001-0", "900-9-30002-0", "900-9-30003-0", "900-9-30004-0"];
    // Eleven of fourteen payments between 22:00 and 06:00 (the rule wants at least ten, and 60 %).
    let times = [
        (23, 40),
        (1, 15),
        (2, 50),
        (15, 20),
        (22, 30),
        (0, 45),
        (3, 10),
        (14, 5),
        (23, 55),
        (1, 40),
        (16, 30),
        (2, 20),
        (4, 5),
        (22, 10),
    ];
    times
        .iter()
        .enumerate()
        .map(|(d, &t)| (20 + d as u64, t, 3_000 + 250 * d as i64, payers.get(d % payers.len()).copied(), "transfer in"))
        .collect()
}

/// Seeds the money of three cases (`cases`: at least three, the first holding the wage sweep).
pub fn seed(store: &Store, manager: &Actor, cases: &[Uuid], today: NaiveDate) -> anyhow::Result<MoneySummary> {
    let (Some(&first), Some(&second), Some(&third)) = (cases.first(), cases.get(1), cases.get(2)) else {
        return Ok(MoneySummary::default());
    };
    let mut summary = MoneySummary::default();
    let plan: [(Uuid, &str, Vec<Line>); 5] = [
        (first, BROKER, broker_lines()),
        (first, SWEEP, sweep_lines()),
        (first, LAYER, layer_lines()),
        (second, RECRUITER, recruiter_lines()),
        (third, VENUE, venue_lines()),
    ];
    for (case, number, lines) in plan {
        let (import, _) = store
            .write(Some(manager), |tx| {
                let id = account(tx, manager, number)?;
                import_statement(tx, manager, case, id, Ok(statement(today, &lines)))
            })
            .context("importing a demo bank statement")?;
        summary.payments += import.payments_added;
    }

    // The flow from the broker's account, saved to its case; the wage sweep confirmed.
    store
        .write(Some(manager), |tx| {
            let broker = account(tx, manager, BROKER)?;
            let body = SaveTrace {
                title: "DEMO: wages out of the broker's account".into(),
                trace: TraceParams { account: Some(broker), ..TraceParams::default() },
            };
            save_trace(tx, manager, first, &body)?;
            let open = store_money::alerts(tx, manager, Some(AlertStatus::Open), Some(first), 100)?;
            if let Some(a) = open.iter().find(|a| a.rule == "wage_sweep") {
                store_money::decide(
                    tx,
                    manager,
                    a.id,
                    Decision::Confirm,
                    Some("DEMO: workers confirm the broker keeps their bank books".into()),
                )?;
            }
            summary.alerts = store_money::alerts(tx, manager, None, None, 1000)?.len();
            Ok(())
        })
        .context("saving the demo trace")?;

    summary.assets = seed_assets(store, manager, first, second, today).context("registering demo assets")?;
    Ok(summary)
}

/// An asset to register: its case, kind, description, owner, value in baht, and the stages it went
/// through.
type AssetPlan<'a> = (Uuid, AssetKind, &'a str, Option<Uuid>, i64, Vec<StageInput>);

/// A stage move `days_ago`, with a fictional reference.
fn stage(stage: AssetStage, today: NaiveDate, days_ago: u64, reference: &str) -> StageInput {
    StageInput {
        stage,
        on_date: today.checked_sub_days(Days::new(days_ago)).unwrap_or(today),
        reference: Some(format!("DEMO-{reference}")),
        official: Some("DEMO AMLO officer (fictional)".into()),
        notes: None,
    }
}

fn seed_assets(store: &Store, manager: &Actor, first: Uuid, second: Uuid, today: NaiveDate) -> anyhow::Result<usize> {
    use AssetStage as S;
    let ago = |d: u64| today.checked_sub_days(Days::new(d)).unwrap_or(today);
    store
        .write(Some(manager), |tx| {
            let broker = account(tx, manager, BROKER)?;
            let recruiter = account(tx, manager, RECRUITER)?;
            let plans: [AssetPlan; 3] = [
                (
                    first,
                    AssetKind::BankBalance,
                    "DEMO: balance of the broker's account 900-1-00001-1",
                    Some(broker),
                    1_240_000,
                    vec![
                        stage(S::ReportedToAmlo, today, 80, "AMLO-R-001"),
                        // Seized 70 days ago: the 90-day limit is 20 days away.
                        stage(S::ProvisionallySeized, today, 70, "AMLO-S48-001"),
                    ],
                ),
                (
                    first,
                    AssetKind::RealEstate,
                    "DEMO: land title deed, Mae Sot (fictional)",
                    None,
                    8_500_000,
                    vec![stage(S::ReportedToAmlo, today, 12, "AMLO-R-002")],
                ),
                (
                    second,
                    AssetKind::Vehicle,
                    "DEMO: pickup truck registered to the recruiter (fictional plate)",
                    Some(recruiter),
                    1_650_000,
                    vec![
                        stage(S::ReportedToAmlo, today, 400, "AMLO-R-003"),
                        stage(S::ProvisionallySeized, today, 390, "AMLO-S48-003"),
                        stage(S::ReferredToProsecutor, today, 360, "OAG-003"),
                        stage(S::PetitionFiled, today, 330, "CIV-003"),
                        stage(S::ClaimsPeriod, today, 300, "CIV-003"),
                        stage(S::Forfeited, today, 200, "CIV-003-J"),
                    ],
                ),
            ];
            let mut n = 0;
            for (case, kind, description, owner, baht, stages) in plans {
                let input = AssetInput {
                    kind,
                    description: description.into(),
                    owner_party_id: owner,
                    estimated_value_minor: baht * 100,
                    currency: None,
                    evidence: Some("DEMO: bank statements and workers' testimony (fictional)".into()),
                    identified_on: ago(stages.first().map_or(0, |s| (today - s.on_date).num_days().max(0) as u64) + 10),
                };
                let new = input.validate(today)?;
                let mut asset = assets::create(tx, manager, case, new)?;
                for s in stages {
                    asset = assets::move_stage(tx, manager, asset.asset.id, s, today)?;
                }
                n += 1;
            }
            Ok(n)
        })
        .map_err(Into::into)
}
