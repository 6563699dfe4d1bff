//! `counternet demo`: seeds a fresh store with a fictional, clearly labelled organisation, its
//! partners, users of every role and a few hundred cases with victims, perpetrator networks that
//! span cases, phones, accounts, trafficking events, notes and tasks.
//!
//! Nothing here is real: the organisation is named "DEMO — ...", every case title starts with
//! "[DEMO] ", every party carries a "fictional" note, phone numbers use a `555` block, e-mail
//! addresses use the reserved `example.com` domain and banks are "Demo Bank A" to "Demo Bank E".
//!
//! Every write goes through the store's repositories inside `Store::write`, so the seed is audited
//! like any other work. The content is planned first from a seeded RNG (deterministic for a seed,
//! apart from ids, times and the random passwords), then written case by case: one transaction by
//! the case's creator (the case, its team, its own parties, roles, links, notes and tasks), and one
//! by the manager for what involves the shared perpetrator networks (the manager is the one who sees
//! every party of the organisation).

use std::collections::HashSet;

use anyhow::{bail, Context};
use chrono::{Days, NaiveDate};
use rand::distributions::Alphanumeric;
use rand::rngs::{OsRng, StdRng};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use counternet_domain::case::{CaseFilter, CaseInput, EventInput, TaskInput, TaskPatch};
use counternet_domain::link::LinkInput;
use counternet_domain::org::{validate_username, OrganisationInput};
use counternet_domain::party::{CasePartyInput, PartyInput};
use counternet_domain::vocab::{
    CaseRole, CaseStatus, Confidence, ControlMethod, EventStage, ExploitationType, Gender, LinkKind, LinkSource,
    OrganisationType, PartyKind, PerpetratorRole, RecruitmentMethod, Tactic,
};
use counternet_domain::{Actor, Role};
use counternet_store::users::{hash_password, NewUser};
use counternet_store::{cases, orgs, parties, users, Store, StoreError, StoreResult, Tx};

/// The demo organisation's name: fictional, and saying so.
pub const ORGANISATION_NAME: &str = "DEMO — Fictional Counter-Trafficking Foundation (not real data)";

/// Every case title starts with this.
pub const TITLE_PREFIX: &str = "[DEMO] ";

/// Every party carries this note.
const PARTY_NOTE: &str = "Fictional demo record (not real data)";

const CASES: usize = 300;
const RINGS: usize = 16;
const RING_SIZE: usize = 5;
const PASSWORD_LEN: usize = 20;

/// A demo user and the password generated for them (shown once by `counternet demo`).
#[derive(Clone)]
pub struct DemoUser {
    pub username: String,
    pub role: Role,
    pub password: String,
}

impl std::fmt::Debug for DemoUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoUser")
            .field("username", &self.username)
            .field("role", &self.role)
            .field("password", &"[redacted]")
            .finish()
    }
}

/// What the seed created.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    pub organisation: String,
    pub users: Vec<DemoUser>,
    pub cases: usize,
    pub parties: usize,
    pub links: usize,
    pub partners: usize,
    /// Statements, alerts and assets of a few cases.
    pub money: crate::demo_money::MoneySummary,
    /// Proceedings, hearings and compensation claims of a few cases.
    pub justice: crate::demo_justice::JusticeSummary,
    /// Follow-ups with survivors, trainings and community events.
    pub care: crate::demo_care::CareSummary,
}

/// Seeds a fresh store with the fictional demo organisation. Deterministic for a given seed except for
/// ids, times and the random passwords. Refuses (error) if the store already has cases.
///
/// It also refuses when an own organisation is already set up: fictional perpetrators must never
/// be mixed into a real installation's intelligence.
pub fn seed(store: &Store, seed: u64) -> anyhow::Result<DemoSummary> {
    check_fresh(store)?;
    let today = store.now().date_naive();

    // Hash the passwords before any transaction (Argon2id is slow on purpose).
    let mut prepared = Vec::with_capacity(USERS.len());
    for spec in USERS {
        let password = random_password();
        let hash = hash_password(&password).context("hashing a demo password")?;
        prepared.push((spec, password, hash));
    }

    let setup_actor = Actor::system(Uuid::nil());
    let (own, partner_count, created) = store
        .write(Some(&setup_actor), |tx| {
            let own = orgs::ensure_own(tx, ORGANISATION_NAME)?;
            let system = Actor::system(own.id);
            let mut partners = Vec::with_capacity(PARTNERS.len());
            for (name, org_type, country) in PARTNERS {
                let new = OrganisationInput {
                    name: (*name).to_string(),
                    org_type: *org_type,
                    country: Some((*country).to_string()),
                }
                .validate()?;
                partners.push(orgs::create_partner(tx, &system, new)?);
            }
            let mut created = Vec::with_capacity(prepared.len());
            for (spec, _, hash) in &prepared {
                let org_id = match spec.partner {
                    None => Some(own.id),
                    Some(i) => Some(
                        partners
                            .get(i)
                            .map(|o| o.id)
                            .ok_or_else(|| StoreError::Config("demo user of an unknown partner".into()))?,
                    ),
                };
                let user = users::create(
                    tx,
                    &system,
                    NewUser {
                        username: validate_username(spec.username)?,
                        role: spec.role,
                        password_hash: hash.clone(),
                        display_name: Some(spec.display_name.to_string()),
                        org_id,
                    },
                )?;
                created.push((spec.worker, user));
            }
            Ok((own, partners.len(), created))
        })
        .context("creating the demo organisation, its partners and users")?;

    let staff = Staff::from_users(&created)?;
    let demo_users = prepared
        .iter()
        .map(|(spec, password, _)| DemoUser {
            username: spec.username.to_string(),
            role: spec.role,
            password: password.clone(),
        })
        .collect();

    let mut planner = Planner::new(seed, today);
    let pool_inputs = planner.pool.clone();
    let pool_ids = store
        .write(Some(&staff.manager), |tx| {
            let mut ids = Vec::with_capacity(pool_inputs.len());
            for p in pool_inputs {
                ids.push(parties::create(tx, &staff.manager, p.validate(today)?)?.id);
            }
            Ok(ids)
        })
        .context("recording the demo perpetrator networks")?;

    let plans = planner.plan_cases();
    let mut party_count = pool_ids.len();
    let mut link_count = 0;
    let mut case_count = 0;
    for plan in plans {
        let (p, l) = run_case(store, &staff, &pool_ids, plan, today)
            .with_context(|| format!("seeding demo case {}", case_count + 1))?;
        party_count += p;
        link_count += l;
        case_count += 1;
    }

    let police_liaison = created
        .iter()
        .find(|(_, u)| u.role == Role::PartnerLiaison && u.username == "demo.police_liaison")
        .map(|(_, u)| Actor { user_id: u.id, org_id: u.org_id, role: u.role })
        .context("no demo police liaison")?;
    share_some_cases(store, &staff.manager, &police_liaison, today).context("sharing demo cases with the police")?;
    identify_some_cases(store, &staff.manager, today)
        .context("recording demo intakes, screenings, decisions and perpetrators")?;
    let money_cases = cases_with_tactic(store, &staff.manager, Tactic::AssetSeizure)?;
    let money = crate::demo_money::seed(store, &staff.manager, &money_cases, today)
        .context("importing demo bank statements and assets")?;
    let justice = crate::demo_justice::seed(store, &staff.manager, &staff.lawyer, today)
        .context("recording demo proceedings and compensation claims")?;
    let care = crate::demo_care::seed(store, &staff.social_worker, &staff.lawyer, today)
        .context("recording demo follow-ups, trainings and events")?;

    Ok(DemoSummary {
        organisation: own.name,
        users: demo_users,
        cases: case_count,
        parties: party_count,
        links: link_count,
        partners: partner_count,
        money,
        justice,
        care,
    })
}

/// The cases whose tactics include `tactic`, by reference.
fn cases_with_tactic(store: &Store, manager: &Actor, tactic: Tactic) -> anyhow::Result<Vec<Uuid>> {
    let mut all = Vec::new();
    for page in 1.. {
        let filter = CaseFilter { per_page: Some(200), page: Some(page), ..CaseFilter::default() };
        let listed = store.read(Some(manager), |tx| cases::list(tx, manager, &filter))?;
        let done = listed.items.len() < 200;
        all.extend(listed.items.into_iter().filter(|c| c.tactics.contains(&tactic)));
        if done {
            break;
        }
    }
    all.sort_by(|a, b| a.reference.cmp(&b.reference));
    Ok(all.into_iter().map(|c| c.id).collect())
}

/// Refers some cases to the police partner, so that its liaison has something to see: survivors'
/// consent to sharing recorded for some; referrals with identities revealed (with that consent)
/// and masked; accepted, unanswered, rejected and done.
fn share_some_cases(store: &Store, manager: &Actor, liaison: &Actor, today: NaiveDate) -> anyhow::Result<()> {
    use counternet_domain::referral::{AnswerInput, ConsentInput, ReferralInput};
    use counternet_domain::vocab::{ConsentGiver, ConsentPurpose, IdentityShare, ReferralPart, ReferralStatus};
    use counternet_store::referrals;

    let police = liaison.org_id;
    let filter = CaseFilter { per_page: Some(200), ..CaseFilter::default() };
    let listed = store.read(Some(manager), |tx| cases::list(tx, manager, &filter))?;
    for (n, case) in listed.items.iter().enumerate().filter(|(n, _)| n % 12 == 0).take(12) {
        let survivors: Vec<Uuid> = store.read(Some(manager), |tx| {
            Ok(parties::list_for_case(tx, manager, case.id)?
                .into_iter()
                .filter(|p| p.party.survivor)
                .map(|p| p.party.id)
                .collect())
        })?;
        let reveal = n % 24 == 0 && !survivors.is_empty();
        let referral = store.write(Some(manager), |tx| {
            if reveal {
                for s in &survivors {
                    let consent = ConsentInput {
                        party_id: *s,
                        given_by: ConsentGiver::Survivor,
                        guardian_name: None,
                        purpose: ConsentPurpose::Sharing,
                        organisation_id: Some(police),
                        given_on: Some(today),
                    };
                    referrals::record_consent(tx, manager, case.id, consent.validate(today)?)?;
                }
            }
            let input = ReferralInput {
                organisation_id: police,
                direction: None,
                parts: vec![ReferralPart::Events, ReferralPart::People],
                identity: Some(if reveal { IdentityShare::Revealed } else { IdentityShare::Masked }),
                message: Some("DEMO: please take the victims' statements and open an investigation".into()),
                their_reference: None,
                override_reason: None,
            };
            referrals::create(tx, manager, case.id, input.validate()?)
        })?;
        // The police answer most of them; one is rejected, one finished, the last left waiting.
        let answer = match n / 12 {
            0..=7 => Some(true),
            8 => Some(false),
            _ => None,
        };
        if let Some(accept) = answer {
            store.write(Some(liaison), |tx| {
                let input = AnswerInput {
                    accept,
                    answer: (!accept).then(|| "DEMO: outside our province; refer to the unit in Tak".to_string()),
                    their_reference: accept.then(|| format!("DEMO-POL-{:03}", n / 12 + 1)),
                };
                referrals::answer(tx, liaison, referral.id, input)?;
                if accept && n / 12 == 1 {
                    referrals::close(tx, liaison, referral.id, ReferralStatus::Done)?;
                }
                Ok(())
            })?;
        }
    }
    Ok(())
}

/// Records how every case came in (the four routes in turn), screenings of a victim in every third
/// case with the deciding body's decision in every sixth (possible or actual victim; one later
/// screening that advises otherwise leaves its decision as it is), perpetrators' standing with the
/// police in every fourth, and gives four cases the rarer exploitation types no scenario produces
/// (forced military service and organ removal in scam compounds, forced adoption and surrogacy
/// with forced marriage), so that every code shows somewhere.
fn identify_some_cases(store: &Store, manager: &Actor, today: NaiveDate) -> anyhow::Result<()> {
    use counternet_domain::case::CasePatch;
    use counternet_domain::identification::{DecisionInput, IntakeInput, PerpetratorStatusInput};
    use counternet_domain::screening::{Act, ForcedLabourIndicator, Means, ScreeningInput};
    use counternet_domain::vocab::{DecidingBody, IntakeRoute, PerpetratorStatus, TraffickingStatus};
    use counternet_store::identification;

    let partners = store.read(Some(manager), identification::partner_organisations)?;
    let partner = |t: OrganisationType| partners.iter().find(|o| o.org_type == t).map(|o| o.id);
    let police = partner(OrganisationType::LawEnforcement).context("no demo police partner")?;
    let ngo = partner(OrganisationType::Ngo).context("no demo partner NGO")?;
    let mut all = Vec::new();
    for page in 1.. {
        let filter = CaseFilter { per_page: Some(200), page: Some(page), ..CaseFilter::default() };
        let listed = store.read(Some(manager), |tx| cases::list(tx, manager, &filter))?;
        let done = listed.items.len() < 200;
        all.extend(listed.items);
        if done {
            break;
        }
    }
    all.sort_by_key(|c| c.reference.clone());
    let mut rare = vec![
        ("scam compound", ExploitationType::ForcedMilitary),
        ("scam compound", ExploitationType::OrganRemoval),
        ("Forced marriage", ExploitationType::ForcedAdoption),
        ("Forced marriage", ExploitationType::Surrogacy),
    ];
    for (n, case) in all.iter().enumerate() {
        let people = store.read(Some(manager), |tx| parties::list_for_case(tx, manager, case.id))?;
        let with_role = |r: CaseRole| people.iter().filter(|p| p.role == r).map(|p| p.party.id).collect::<Vec<_>>();
        let (victims, perpetrators) = (with_role(CaseRole::Victim), with_role(CaseRole::Perpetrator));
        let received_on = case.opened_on;
        let later = |days: u64| days_after(received_on, days).min(today);
        let route = IntakeRoute::ALL.get(n % IntakeRoute::ALL.len()).copied().unwrap_or(IntakeRoute::Hotline);
        let intake = IntakeInput {
            route,
            received_on,
            organisation_id: match route {
                IntakeRoute::PoliceReferral => Some(police),
                IntakeRoute::PartnerNgo => Some(ngo),
                _ => None,
            },
            officer_name: (route == IntakeRoute::PoliceReferral).then(|| "DEMO Pol. Lt. (fictional)".to_string()),
            their_reference: matches!(route, IntakeRoute::PoliceReferral | IntakeRoute::PartnerNgo)
                .then(|| format!("DEMO-REF-{:04}", n + 1)),
            passed_to_org_id: (route == IntakeRoute::OwnInvestigation && n % 8 == 1).then_some(police),
            passed_on: (route == IntakeRoute::OwnInvestigation && n % 8 == 1).then(|| later(14)),
            notes: None,
        };
        let extra = rare
            .iter()
            .position(|(label, _)| case.title.contains(label))
            .map(|i| rare.remove(i).1)
            .filter(|x| !case.exploitation_types.contains(x));
        store.write(Some(manager), |tx| {
            identification::record_intake(tx, manager, case.id, intake.validate(today)?)?;
            if let Some(x) = extra {
                let mut types = case.exploitation_types.clone();
                types.push(x);
                let patch = CasePatch { exploitation_types: Some(types), ..CasePatch::default() };
                cases::update(tx, manager, case.id, patch.validate()?)?;
            }
            if let (Some(victim), true) = (victims.first(), n % 3 == 0) {
                let answers = ScreeningInput {
                    age_at_exploitation: None,
                    acts: vec![Act::Recruitment, if n % 2 == 0 { Act::Transportation } else { Act::Harbouring }],
                    means: if n % 9 == 0 { Vec::new() } else { vec![Means::Deception, Means::Coercion] },
                    purposes: case.exploitation_types.clone(),
                    indicators: vec![ForcedLabourIndicator::Deception, ForcedLabourIndicator::DebtBondage],
                    consent_stated: false,
                };
                identification::record_screening(tx, manager, case.id, Some(*victim), answers)?;
                if n % 6 == 0 {
                    let decision = DecisionInput {
                        party_id: *victim,
                        status: if n % 12 == 0 { TraffickingStatus::Actual } else { TraffickingStatus::Possible },
                        deciding_body: DecidingBody::Government,
                        decided_by: "DEMO provincial multidisciplinary team (fictional)".into(),
                        mdt_date: Some(later(12)),
                        decided_on: later(12),
                        notes: None,
                    };
                    identification::record_decision(tx, manager, case.id, decision.validate(today)?)?;
                    if n % 36 == 0 {
                        // A later screening on fewer answers advises otherwise; the decision stands.
                        let fewer = ScreeningInput { acts: vec![Act::Recruitment], ..ScreeningInput::default() };
                        identification::record_screening(tx, manager, case.id, Some(*victim), fewer)?;
                    }
                }
            }
            if let (Some(perpetrator), true) = (perpetrators.first(), n % 4 == 0) {
                let steps: &[(PerpetratorStatus, u64)] = match n % 32 {
                    0 => &[
                        (PerpetratorStatus::Suspected, 0),
                        (PerpetratorStatus::Arrested, 20),
                        (PerpetratorStatus::Charged, 60),
                        (PerpetratorStatus::Convicted, 300),
                    ],
                    8 | 24 => &[
                        (PerpetratorStatus::Suspected, 0),
                        (PerpetratorStatus::ReportedToPolice, 10),
                        (PerpetratorStatus::Arrested, 30),
                    ],
                    16 => &[
                        (PerpetratorStatus::Suspected, 0),
                        (PerpetratorStatus::Charged, 45),
                        (PerpetratorStatus::Acquitted, 400),
                    ],
                    _ => &[(PerpetratorStatus::Suspected, 0)],
                };
                for (status, days) in steps {
                    let input = PerpetratorStatusInput {
                        party_id: *perpetrator,
                        roles: vec![PerpetratorRole::RecruiterOrIntermediary],
                        status: *status,
                        unit_org_id: (*status != PerpetratorStatus::Suspected).then_some(police),
                        on_date: later(*days),
                    };
                    identification::record_perpetrator_status(tx, manager, case.id, input.validate(today)?)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// Refuses a store that already has cases or an own organisation.
fn check_fresh(store: &Store) -> anyhow::Result<()> {
    let (own, case_total) = store.read(None, |tx| {
        let Some(own) = orgs::own(tx)? else {
            return Ok((None, 0));
        };
        // Cases belong to the own organisation; a manager's scope covers all of them. The probe is
        // only used for this count, in a read transaction.
        let probe = Actor { user_id: Uuid::nil(), org_id: own.id, role: Role::Manager };
        let page = cases::list(tx, &probe, &CaseFilter { per_page: Some(1), ..CaseFilter::default() })?;
        Ok((Some(own), page.total))
    })?;
    if case_total > 0 {
        bail!("this store already has {case_total} case(s); the demo seeds only a fresh data folder");
    }
    if own.is_some() {
        bail!("this store already has an organisation set up; the demo seeds only a fresh data folder");
    }
    Ok(())
}

fn random_password() -> String {
    OsRng.sample_iter(&Alphanumeric).take(PASSWORD_LEN).map(char::from).collect()
}

// ---------------------------------------------------------------------------------------------
// Organisations and users
// ---------------------------------------------------------------------------------------------

const PARTNERS: &[(&str, OrganisationType, &str)] = &[
    ("DEMO Police Anti-Trafficking Unit (fictional)", OrganisationType::LawEnforcement, "THA"),
    ("DEMO Anti-Money Laundering Office (AMLO) liaison desk (fictional)", OrganisationType::CentralGovernment, "THA"),
    ("DEMO Provincial Shelter for Children and Families (fictional)", OrganisationType::LocalGovernment, "THA"),
    ("DEMO Partner NGO Laos (fictional)", OrganisationType::Ngo, "LAO"),
    ("DEMO Legal Aid Clinic (fictional)", OrganisationType::LegalService, "THA"),
    ("DEMO Immigration Checkpoint Office (fictional)", OrganisationType::Immigration, "THA"),
];

/// The own organisation's case workers, by job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Colleague {
    Investigator1,
    Investigator2,
    Lawyer,
    SocialWorker,
    Analyst,
    Manager,
}

const CASE_WORKERS: &[Colleague] = &[
    Colleague::Investigator1,
    Colleague::Investigator2,
    Colleague::Lawyer,
    Colleague::SocialWorker,
    Colleague::Analyst,
    Colleague::Manager,
];

struct UserSpec {
    username: &'static str,
    role: Role,
    display_name: &'static str,
    worker: Option<Colleague>,
    /// Index into PARTNERS; `None` for the own organisation.
    partner: Option<usize>,
}

const USERS: &[UserSpec] = &[
    UserSpec {
        username: "demo.investigator1",
        role: Role::Investigator,
        display_name: "Demo Investigator One (fictional)",
        worker: Some(Colleague::Investigator1),
        partner: None,
    },
    UserSpec {
        username: "demo.investigator2",
        role: Role::Investigator,
        display_name: "Demo Investigator Two (fictional)",
        worker: Some(Colleague::Investigator2),
        partner: None,
    },
    UserSpec {
        username: "demo.lawyer",
        role: Role::Lawyer,
        display_name: "Demo Lawyer (fictional)",
        worker: Some(Colleague::Lawyer),
        partner: None,
    },
    UserSpec {
        username: "demo.social_worker",
        role: Role::SocialWorker,
        display_name: "Demo Social Colleague (fictional)",
        worker: Some(Colleague::SocialWorker),
        partner: None,
    },
    UserSpec {
        username: "demo.analyst",
        role: Role::Analyst,
        display_name: "Demo Analyst (fictional)",
        worker: Some(Colleague::Analyst),
        partner: None,
    },
    UserSpec {
        username: "demo.manager",
        role: Role::Manager,
        display_name: "Demo Manager (fictional)",
        worker: Some(Colleague::Manager),
        partner: None,
    },
    UserSpec {
        username: "demo.auditor",
        role: Role::Auditor,
        display_name: "Demo Auditor (fictional)",
        worker: None,
        partner: None,
    },
    UserSpec {
        username: "demo.administrator",
        role: Role::Administrator,
        display_name: "Demo Administrator (fictional)",
        worker: None,
        partner: None,
    },
    UserSpec {
        username: "demo.police_liaison",
        role: Role::PartnerLiaison,
        display_name: "Demo Police Liaison (fictional)",
        worker: None,
        partner: Some(0),
    },
    UserSpec {
        username: "demo.amlo_liaison",
        role: Role::PartnerLiaison,
        display_name: "Demo AMLO Liaison (fictional)",
        worker: None,
        partner: Some(1),
    },
];

/// The actors of the own organisation's case workers.
struct Staff {
    investigator1: Actor,
    investigator2: Actor,
    lawyer: Actor,
    social_worker: Actor,
    analyst: Actor,
    manager: Actor,
}

impl Staff {
    fn from_users(created: &[(Option<Colleague>, counternet_domain::org::User)]) -> anyhow::Result<Staff> {
        let find = |w: Colleague| -> anyhow::Result<Actor> {
            created
                .iter()
                .find(|(worker, _)| *worker == Some(w))
                .map(|(_, u)| Actor { user_id: u.id, org_id: u.org_id, role: u.role })
                .with_context(|| format!("no demo user for {w:?}"))
        };
        Ok(Staff {
            investigator1: find(Colleague::Investigator1)?,
            investigator2: find(Colleague::Investigator2)?,
            lawyer: find(Colleague::Lawyer)?,
            social_worker: find(Colleague::SocialWorker)?,
            analyst: find(Colleague::Analyst)?,
            manager: find(Colleague::Manager)?,
        })
    }

    fn actor(&self, w: Colleague) -> &Actor {
        match w {
            Colleague::Investigator1 => &self.investigator1,
            Colleague::Investigator2 => &self.investigator2,
            Colleague::Lawyer => &self.lawyer,
            Colleague::SocialWorker => &self.social_worker,
            Colleague::Analyst => &self.analyst,
            Colleague::Manager => &self.manager,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Writing a planned case
// ---------------------------------------------------------------------------------------------

/// A party in a case plan: one of the shared network (created up front) or one of the case's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Ref {
    Pool(usize),
    Local(usize),
}

impl Ref {
    fn is_pool(self) -> bool {
        matches!(self, Ref::Pool(_))
    }
}

#[derive(Debug, Clone)]
struct RolePlan {
    party: Ref,
    role: CaseRole,
    in_process: Vec<PerpetratorRole>,
    notes: Option<String>,
}

#[derive(Debug, Clone)]
struct LinkPlan {
    from: Ref,
    to: Ref,
    kind: LinkKind,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    source: LinkSource,
    confidence: Confidence,
    notes: Option<String>,
}

#[derive(Debug, Clone)]
struct TaskPlan {
    title: String,
    due_on: Option<NaiveDate>,
    assignee: Colleague,
    done: bool,
}

#[derive(Debug, Clone)]
struct CasePlan {
    creator: Colleague,
    team: Vec<Colleague>,
    case: CaseInput,
    locals: Vec<PartyInput>,
    roles: Vec<RolePlan>,
    role_keys: HashSet<(Ref, CaseRole)>,
    links: Vec<LinkPlan>,
    notes: Vec<String>,
    tasks: Vec<TaskPlan>,
}

impl CasePlan {
    fn local(&mut self, p: PartyInput) -> Ref {
        self.locals.push(p);
        Ref::Local(self.locals.len().saturating_sub(1))
    }

    fn role(&mut self, party: Ref, role: CaseRole, in_process: Vec<PerpetratorRole>, notes: Option<String>) {
        if self.role_keys.insert((party, role)) {
            self.roles.push(RolePlan { party, role, in_process, notes });
        }
    }

    fn add(&mut self, link: LinkPlan) {
        self.links.push(link);
    }
}

impl LinkPlan {
    fn new(from: Ref, to: Ref, kind: LinkKind, source: LinkSource, confidence: Confidence) -> LinkPlan {
        LinkPlan { from, to, kind, starts_on: None, ends_on: None, source, confidence, notes: None }
    }

    fn starts_on(mut self, d: Option<NaiveDate>) -> LinkPlan {
        self.starts_on = d;
        self
    }

    fn ends_on(mut self, d: Option<NaiveDate>) -> LinkPlan {
        self.ends_on = d;
        self
    }

    fn notes(mut self, notes: Option<String>) -> LinkPlan {
        self.notes = notes;
        self
    }
}

fn resolve(r: Ref, pool: &[Uuid], locals: &[Uuid]) -> StoreResult<Uuid> {
    let found = match r {
        Ref::Pool(i) => pool.get(i),
        Ref::Local(i) => locals.get(i),
    };
    found.copied().ok_or_else(|| StoreError::Config("the demo plan refers to an unknown party".into()))
}

fn add_role(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, r: RolePlan, party_id: Uuid) -> StoreResult<()> {
    parties::add_to_case(
        tx,
        actor,
        case_id,
        CasePartyInput { party_id, role: r.role, role_in_process: r.in_process, notes: r.notes },
    )?;
    Ok(())
}

fn add_link(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    l: LinkPlan,
    (from, to): (Uuid, Uuid),
    today: NaiveDate,
) -> StoreResult<()> {
    let new = LinkInput {
        from,
        to,
        kind: l.kind,
        starts_on: l.starts_on,
        ends_on: l.ends_on,
        source: Some(l.source),
        confidence: Some(l.confidence),
        case_id: Some(case_id),
        notes: l.notes,
    }
    .validate(today)?;
    parties::create_link(tx, actor, new)?;
    Ok(())
}

/// Writes one planned case; returns (parties created, links created).
fn run_case(
    store: &Store,
    staff: &Staff,
    pool: &[Uuid],
    plan: CasePlan,
    today: NaiveDate,
) -> anyhow::Result<(usize, usize)> {
    let creator = staff.actor(plan.creator).clone();
    let (local_roles, pool_roles): (Vec<RolePlan>, Vec<RolePlan>) =
        plan.roles.into_iter().partition(|r| !r.party.is_pool());
    let (local_links, pool_links): (Vec<LinkPlan>, Vec<LinkPlan>) =
        plan.links.into_iter().partition(|l| !l.from.is_pool() && !l.to.is_pool());
    let local_link_count = local_links.len();
    let pool_link_count = pool_links.len();
    let (case_id, local_ids) = store.write(Some(&creator), |tx| {
        let case = cases::create(tx, &creator, plan.case.validate(today)?)?;
        for w in &plan.team {
            cases::add_team_member(tx, &creator, case.id, staff.actor(*w).user_id)?;
        }
        let mut ids = Vec::with_capacity(plan.locals.len());
        for p in plan.locals {
            ids.push(parties::create(tx, &creator, p.validate(today)?)?.id);
        }
        for r in local_roles {
            let party_id = resolve(r.party, pool, &ids)?;
            add_role(tx, &creator, case.id, r, party_id)?;
        }
        for l in local_links {
            let ends = (resolve(l.from, pool, &ids)?, resolve(l.to, pool, &ids)?);
            add_link(tx, &creator, case.id, l, ends, today)?;
        }
        for body in &plan.notes {
            cases::add_note(tx, &creator, case.id, body)?;
        }
        for t in plan.tasks {
            let task = cases::add_task(
                tx,
                &creator,
                case.id,
                TaskInput { title: t.title, due_on: t.due_on, assignee_id: Some(staff.actor(t.assignee).user_id) },
            )?;
            if t.done {
                cases::update_task(
                    tx,
                    &creator,
                    case.id,
                    task.id,
                    TaskPatch { done: Some(true), ..TaskPatch::default() },
                )?;
            }
        }
        Ok((case.id, ids))
    })?;
    if !pool_roles.is_empty() || !pool_links.is_empty() {
        // The shared networks are the manager's to connect: only a manager sees every party of
        // the organisation, whichever case it was first recorded in.
        let manager = &staff.manager;
        store.write(Some(manager), |tx| {
            for r in pool_roles {
                let party_id = resolve(r.party, pool, &local_ids)?;
                add_role(tx, manager, case_id, r, party_id)?;
            }
            for l in pool_links {
                let ends = (resolve(l.from, pool, &local_ids)?, resolve(l.to, pool, &local_ids)?);
                add_link(tx, manager, case_id, l, ends, today)?;
            }
            Ok(())
        })?;
    }
    Ok((local_ids.len(), local_link_count + pool_link_count))
}

// ---------------------------------------------------------------------------------------------
// Places, names and scenarios
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Place {
    name: &'static str,
    country: &'static str,
    lat: f64,
    lon: f64,
}

const fn place(name: &'static str, country: &'static str, lat: f64, lon: f64) -> Place {
    Place { name, country, lat, lon }
}

const BANGKOK: Place = place("Bangkok", "THA", 13.7563, 100.5018);
const MAHACHAI: Place = place("Mahachai, Samut Sakhon", "THA", 13.5475, 100.2744);
const SONGKHLA: Place = place("Songkhla fishing port", "THA", 7.1898, 100.5954);
const PATTANI: Place = place("Pattani fishing port", "THA", 6.8695, 101.2505);
const RANONG: Place = place("Ranong", "THA", 9.9529, 98.6085);
const MAE_SOT: Place = place("Mae Sot, Tak", "THA", 16.7130, 98.5747);
const CHIANG_RAI: Place = place("Chiang Rai", "THA", 19.9105, 99.8406);
const MAE_SAI: Place = place("Mae Sai, Chiang Rai", "THA", 20.4335, 99.8761);
const PATTAYA: Place = place("Pattaya, Chonburi", "THA", 12.9236, 100.8825);
const ARANYAPRATHET: Place = place("Aranyaprathet, Sa Kaeo", "THA", 13.6930, 102.5070);
const UDON_THANI: Place = place("Udon Thani", "THA", 17.4138, 102.7872);
const NONG_KHAI: Place = place("Nong Khai", "THA", 17.8783, 102.7420);
const CHIANG_MAI: Place = place("Chiang Mai", "THA", 18.7883, 98.9853);
const PHUKET: Place = place("Phuket", "THA", 7.8804, 98.3923);
const KHON_KAEN: Place = place("Khon Kaen", "THA", 16.4322, 102.8236);
const KANCHANABURI: Place = place("Kanchanaburi", "THA", 14.0228, 99.5328);
const SURAT_THANI: Place = place("Surat Thani", "THA", 9.1382, 99.3215);
const MUKDAHAN: Place = place("Mukdahan", "THA", 16.5453, 104.7235);
const VIENTIANE: Place = place("Vientiane", "LAO", 17.9757, 102.6331);
const SAVANNAKHET: Place = place("Savannakhet", "LAO", 16.5703, 104.7622);
const PAKSE: Place = place("Pakse, Champasak", "LAO", 15.1202, 105.7990);
const LUANG_PRABANG: Place = place("Luang Prabang", "LAO", 19.8856, 102.1347);
const GOLDEN_TRIANGLE: Place = place("Golden Triangle SEZ, Bokeo", "LAO", 20.3536, 100.0936);
const YANGON: Place = place("Yangon", "MMR", 16.8409, 96.1735);
const MYAWADDY: Place = place("Myawaddy, Kayin State", "MMR", 16.6880, 98.5088);
const SHWE_KOKKO: Place = place("Shwe Kokko, Kayin State", "MMR", 16.8380, 98.5280);
const KAWTHAUNG: Place = place("Kawthaung", "MMR", 9.9830, 98.5500);
const DAWEI: Place = place("Dawei", "MMR", 14.0823, 98.1915);
const MAWLAMYINE: Place = place("Mawlamyine", "MMR", 16.4905, 97.6283);
const TACHILEIK: Place = place("Tachileik", "MMR", 20.4475, 99.8836);
const PHNOM_PENH: Place = place("Phnom Penh", "KHM", 11.5564, 104.9282);
const POIPET: Place = place("Poipet", "KHM", 13.6590, 102.5630);
const BATTAMBANG: Place = place("Battambang", "KHM", 13.0957, 103.2022);
const SIEM_REAP: Place = place("Siem Reap", "KHM", 13.3671, 103.8448);
const SIHANOUKVILLE: Place = place("Sihanoukville", "KHM", 10.6253, 103.5234);
const KOH_KONG: Place = place("Koh Kong", "KHM", 11.6153, 102.9838);

/// Thai provinces for addresses: (locality, postcode).
const LOCALITIES: &[(&str, &str)] = &[
    ("Bangkok", "10110"),
    ("Samut Sakhon", "74000"),
    ("Songkhla", "90000"),
    ("Tak", "63110"),
    ("Chiang Rai", "57000"),
    ("Chonburi", "20150"),
    ("Sa Kaeo", "27120"),
    ("Udon Thani", "41000"),
    ("Chiang Mai", "50200"),
    ("Ranong", "85000"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nat {
    Tha,
    Lao,
    Mmr,
    Khm,
}

impl Nat {
    fn code(self) -> &'static str {
        match self {
            Nat::Tha => "THA",
            Nat::Lao => "LAO",
            Nat::Mmr => "MMR",
            Nat::Khm => "KHM",
        }
    }
}

const THAI_GIVEN_FIRST_M: &[&str] =
    &["Som", "Sak", "Anan", "Kit", "Thana", "Wira", "Pra", "Nat", "Sura", "Ek", "Krit", "Nop", "Phon", "Wi"];
const THAI_GIVEN_SECOND_M: &[&str] = &["chai", "sak", "wat", "phong", "wut", "non", "kit", "pol", "det", "rin"];
const THAI_GIVEN_FIRST_F: &[&str] =
    &["Som", "Pim", "Nan", "Su", "Rat", "Wan", "Kan", "Mali", "Ja", "Ploy", "Nu", "Dao", "Orn", "Siri", "Ari"];
const THAI_GIVEN_SECOND_F: &[&str] = &["porn", "da", "ya", "nee", "thip", "sri", "wan", "ying", "rat", "chanok"];
const THAI_FAMILY_FIRST: &[&str] = &[
    "Wong", "Sri", "Suk", "Kaew", "Thong", "Bun", "Rak", "Siri", "Jai", "Charoen", "Phan", "Sombat", "Ngam", "Saeng",
    "Chan",
];
const THAI_FAMILY_SECOND: &[&str] = &[
    "sawat", "suk", "thong", "dee", "charoen", "kul", "phan", "rat", "wong", "siri", "ngam", "chai", "porn", "sakul",
    "yod",
];
const THAI_SCRIPT_GIVEN_FIRST_M: &[&str] = &["สม", "ศักดิ์", "อนันต์", "กิต", "ธนา", "วีระ", "ประ", "ชัย", "ณัฐ", "สุร"];
const THAI_SCRIPT_GIVEN_SECOND_M: &[&str] = &["ชาย", "ศักดิ์", "วัฒน์", "พงษ์", "วุฒิ", "กิจ", "พล", "เดช"];
const THAI_SCRIPT_GIVEN_FIRST_F: &[&str] = &["สม", "พิม", "นันท์", "สุ", "รัตน์", "วรรณ", "กัญ", "มะลิ", "พลอย", "ศิริ"];
const THAI_SCRIPT_GIVEN_SECOND_F: &[&str] = &["พร", "ดา", "ญา", "นี", "ทิพย์", "ศรี", "วรรณ", "รัตน์"];
const THAI_SCRIPT_FAMILY_FIRST: &[&str] =
    &["วงศ์", "ศรี", "สุข", "แก้ว", "ทอง", "บุญ", "รัก", "ศิริ", "ใจ", "เจริญ", "แสง", "จันทร์"];
const THAI_SCRIPT_FAMILY_SECOND: &[&str] =
    &["สวัสดิ์", "สุข", "ทอง", "ดี", "เจริญ", "กุล", "พันธ์", "รัตน์", "วงศ์", "สมบัติ", "งาม", "ชัย"];
const LAO_GIVEN_FIRST_M: &[&str] =
    &["Kham", "Boun", "Souk", "Phou", "Vong", "Sy", "Thong", "Sone", "Vieng", "Chan", "Keo", "Noy"];
const LAO_GIVEN_SECOND_M: &[&str] = &["sy", "phone", "savanh", "khai", "vone", "kham", "thavy", "mixay", "la"];
const LAO_GIVEN_FIRST_F: &[&str] =
    &["Kham", "Noy", "Dao", "Manee", "Souk", "Vieng", "Phet", "Boua", "Chan", "Keo", "Mali", "Noum"];
const LAO_GIVEN_SECOND_F: &[&str] = &["ly", "my", "thip", "phone", "sada", "vanh", "la", "chanh", "kham"];
const LAO_FAMILY_FIRST: &[&str] =
    &["Phomma", "Vongsa", "Siso", "Keo", "Intha", "Chantha", "Souvanna", "Phim", "Luang", "Saya", "Sengda", "Kham"];
const LAO_FAMILY_SECOND: &[&str] =
    &["chanh", "vong", "uphanh", "many", "sack", "phone", "la", "sith", "vilay", "kham", "vongsa"];
const BURMESE_M: &[&str] = &[
    "Aung", "Kyaw", "Min", "Htet", "Thu", "Zaw", "Naing", "Myo", "Soe", "Tun", "Ko", "Win", "Hein", "Zin", "Linn",
    "Oo", "Thant", "Ye", "Paing", "Lwin",
];
const BURMESE_F: &[&str] = &[
    "Mya", "Su", "Nandar", "Ei", "Phyu", "Khin", "Thida", "Hnin", "Yin", "May", "Thandar", "Zar", "Cho", "Wai", "Moe",
    "Aye", "San", "Nwe", "Htwe", "Myat",
];
const KHMER_FAMILY: &[&str] = &[
    "Sok", "Chan", "Keo", "Meas", "Heng", "Prak", "Chea", "Sam", "Ly", "Touch", "Nhem", "Sorn", "Ouk", "Pich", "Chhim",
    "Nget", "Som", "Yem",
];
const KHMER_GIVEN_M: &[&str] = &[
    "Vannak", "Rithy", "Vuthy", "Kosal", "Rotha", "Piseth", "Sovann", "Dara", "Sokha", "Veasna", "Chanthou", "Borey",
    "Samnang", "Visal",
];
const KHMER_GIVEN_F: &[&str] = &[
    "Sreymom",
    "Sophea",
    "Bopha",
    "Channary",
    "Pisey",
    "Sreyleak",
    "Mealea",
    "Sokunthea",
    "Raksmey",
    "Kanha",
    "Theary",
    "Malis",
    "Sreypov",
    "Chenda",
];

/// A fictional person's name parts.
struct Name {
    given: Option<String>,
    family: Option<String>,
    full: Option<String>,
}

fn pick(rng: &mut StdRng, items: &[&'static str]) -> &'static str {
    items.choose(rng).copied().unwrap_or("")
}

fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)], default: T) -> T {
    items.choose_weighted(rng, |x| x.1).map(|x| x.0).unwrap_or(default)
}

fn pick_place(rng: &mut StdRng, items: &[Place]) -> Place {
    items.choose(rng).copied().unwrap_or(BANGKOK)
}

fn two(rng: &mut StdRng, first: &[&'static str], second: &[&'static str]) -> String {
    format!("{}{}", pick(rng, first), pick(rng, second))
}

fn name_for(rng: &mut StdRng, nat: Nat, female: bool, thai_script: bool, family: Option<&str>) -> Name {
    match nat {
        Nat::Tha if thai_script => {
            let given = if female {
                two(rng, THAI_SCRIPT_GIVEN_FIRST_F, THAI_SCRIPT_GIVEN_SECOND_F)
            } else {
                two(rng, THAI_SCRIPT_GIVEN_FIRST_M, THAI_SCRIPT_GIVEN_SECOND_M)
            };
            let fam = family
                .map(str::to_string)
                .unwrap_or_else(|| two(rng, THAI_SCRIPT_FAMILY_FIRST, THAI_SCRIPT_FAMILY_SECOND));
            Name { given: Some(given), family: Some(fam), full: None }
        }
        Nat::Tha => {
            let given = if female {
                two(rng, THAI_GIVEN_FIRST_F, THAI_GIVEN_SECOND_F)
            } else {
                two(rng, THAI_GIVEN_FIRST_M, THAI_GIVEN_SECOND_M)
            };
            let fam = family.map(str::to_string).unwrap_or_else(|| two(rng, THAI_FAMILY_FIRST, THAI_FAMILY_SECOND));
            Name { given: Some(given), family: Some(fam), full: None }
        }
        Nat::Lao => {
            let given = if female {
                two(rng, LAO_GIVEN_FIRST_F, LAO_GIVEN_SECOND_F)
            } else {
                two(rng, LAO_GIVEN_FIRST_M, LAO_GIVEN_SECOND_M)
            };
            let fam = family.map(str::to_string).unwrap_or_else(|| two(rng, LAO_FAMILY_FIRST, LAO_FAMILY_SECOND));
            Name { given: Some(given), family: Some(fam), full: None }
        }
        Nat::Mmr => {
            // Burmese names have no family name: two or three syllables.
            let list = if female { BURMESE_F } else { BURMESE_M };
            let n = rng.gen_range(2..=3);
            let parts: Vec<&str> = (0..n).map(|_| pick(rng, list)).collect();
            Name { given: None, family: None, full: Some(parts.join(" ")) }
        }
        Nat::Khm => {
            let given = pick(rng, if female { KHMER_GIVEN_F } else { KHMER_GIVEN_M }).to_string();
            let fam = family.map(str::to_string).unwrap_or_else(|| pick(rng, KHMER_FAMILY).to_string());
            // Khmer order: family name first.
            let full = format!("{fam} {given}");
            Name { given: Some(given), family: Some(fam), full: Some(full) }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Fishing,
    Factory,
    SexVenue,
    OnlineCsam,
    Begging,
    ChildLabour,
    Servitude,
    ForcedMarriage,
    ScamCompound,
}

const SCENARIO_WEIGHTS: &[(Scenario, u32)] = &[
    (Scenario::Fishing, 14),
    (Scenario::Factory, 12),
    (Scenario::SexVenue, 16),
    (Scenario::OnlineCsam, 14),
    (Scenario::Begging, 12),
    (Scenario::ChildLabour, 9),
    (Scenario::Servitude, 7),
    (Scenario::ForcedMarriage, 6),
    (Scenario::ScamCompound, 10),
];

const RING_SCENARIOS: [Scenario; RINGS] = [
    Scenario::Fishing,
    Scenario::Fishing,
    Scenario::Factory,
    Scenario::Factory,
    Scenario::SexVenue,
    Scenario::SexVenue,
    Scenario::SexVenue,
    Scenario::OnlineCsam,
    Scenario::OnlineCsam,
    Scenario::Begging,
    Scenario::Begging,
    Scenario::ChildLabour,
    Scenario::Servitude,
    Scenario::ForcedMarriage,
    Scenario::ScamCompound,
    Scenario::ScamCompound,
];

/// Who the victims of a scenario tend to be.
struct VictimProfile {
    female: f64,
    child: f64,
    child_ages: (u32, u32),
    adult_ages: (u32, u32),
    nationalities: &'static [(Nat, u32)],
    thai_script: f64,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::Fishing => "Forced labour on fishing vessels",
            Scenario::Factory => "Forced labour and debt bondage in a processing factory",
            Scenario::SexVenue => "Sexual exploitation in karaoke bars and massage venues",
            Scenario::OnlineCsam => "Online child sexual exploitation (livestreamed abuse material)",
            Scenario::Begging => "Forced begging of children",
            Scenario::ChildLabour => "Child labour",
            Scenario::Servitude => "Domestic servitude",
            Scenario::ForcedMarriage => "Forced marriage",
            Scenario::ScamCompound => "Forced criminality in an online scam compound",
        }
    }

    fn blurb(self) -> &'static str {
        match self {
            Scenario::Fishing => {
                "Workers recruited by brokers with promises of factory jobs were put on long-haul fishing boats, \
                 their documents held by the skipper and their wages withheld against recruitment debts."
            }
            Scenario::Factory => {
                "Migrant workers were charged recruitment fees, housed at the factory and not allowed to leave \
                 until the debt was paid; wages were paid into accounts controlled by the supervisor."
            }
            Scenario::SexVenue => {
                "Young women and girls were offered restaurant work through social media and then made to \
                 entertain customers and sell sex to repay travel costs."
            }
            Scenario::OnlineCsam => {
                "Children were groomed through social media and gaming chats and coerced into producing \
                 sexual images and livestreams for paying viewers abroad."
            }
            Scenario::Begging => {
                "Children were brought across the border and made to beg or sell flowers at tourist sites, \
                 handing all takings to a controller each night."
            }
            Scenario::ChildLabour => {
                "Children under the legal working age worked long hours in hazardous conditions, \
                 unpaid or paid to a relative."
            }
            Scenario::Servitude => {
                "Domestic workers were kept inside the employer's house, without days off, their passports held \
                 and wages promised for later."
            }
            Scenario::ForcedMarriage => {
                "Young women were promised jobs and instead married to men who had paid a broker, \
                 then prevented from leaving."
            }
            Scenario::ScamCompound => {
                "Job seekers answered online adverts for well-paid office work, were taken across the border \
                 and forced to run online fraud under threat of violence and resale."
            }
        }
    }

    fn recruitment_places(self) -> &'static [Place] {
        match self {
            Scenario::Fishing => &[YANGON, MAWLAMYINE, DAWEI, BATTAMBANG, POIPET, KHON_KAEN],
            Scenario::Factory => &[MAWLAMYINE, YANGON, SAVANNAKHET, PAKSE, BATTAMBANG, SIEM_REAP],
            Scenario::SexVenue => &[VIENTIANE, SAVANNAKHET, PAKSE, LUANG_PRABANG, UDON_THANI, CHIANG_RAI],
            Scenario::OnlineCsam => &[UDON_THANI, KHON_KAEN, BANGKOK, CHIANG_MAI, CHIANG_RAI],
            Scenario::Begging => &[POIPET, BATTAMBANG, SIEM_REAP],
            Scenario::ChildLabour => &[MAWLAMYINE, VIENTIANE, SAVANNAKHET, CHIANG_RAI, BATTAMBANG],
            Scenario::Servitude => &[YANGON, MAWLAMYINE, VIENTIANE, SAVANNAKHET],
            Scenario::ForcedMarriage => &[VIENTIANE, PAKSE, YANGON, SIEM_REAP, BATTAMBANG],
            Scenario::ScamCompound => &[BANGKOK, KHON_KAEN, UDON_THANI, VIENTIANE, PHNOM_PENH],
        }
    }

    fn transit_places(self) -> &'static [Place] {
        match self {
            Scenario::Fishing => &[MAE_SOT, RANONG, KAWTHAUNG, ARANYAPRATHET],
            Scenario::Factory => &[MAE_SOT, NONG_KHAI, MUKDAHAN, ARANYAPRATHET],
            Scenario::SexVenue => &[NONG_KHAI, MUKDAHAN, MAE_SAI],
            Scenario::OnlineCsam => &[BANGKOK],
            Scenario::Begging => &[ARANYAPRATHET, POIPET],
            Scenario::ChildLabour => &[MAE_SOT, NONG_KHAI, MAE_SAI],
            Scenario::Servitude => &[MAE_SOT, NONG_KHAI],
            Scenario::ForcedMarriage => &[NONG_KHAI, MAE_SOT, ARANYAPRATHET],
            Scenario::ScamCompound => &[MAE_SOT, MAE_SAI, POIPET, KOH_KONG],
        }
    }

    fn exploitation_places(self) -> &'static [Place] {
        match self {
            Scenario::Fishing => &[SONGKHLA, PATTANI, RANONG, MAHACHAI],
            Scenario::Factory => &[MAHACHAI, MAE_SOT, BANGKOK, SURAT_THANI],
            Scenario::SexVenue => &[BANGKOK, PATTAYA, CHIANG_RAI, PHUKET, GOLDEN_TRIANGLE, TACHILEIK],
            Scenario::OnlineCsam => &[UDON_THANI, KHON_KAEN, BANGKOK, CHIANG_MAI, PATTAYA],
            Scenario::Begging => &[BANGKOK, PATTAYA, PHUKET],
            Scenario::ChildLabour => &[CHIANG_MAI, KANCHANABURI, BANGKOK, SURAT_THANI, MAHACHAI],
            Scenario::Servitude => &[BANGKOK, CHIANG_MAI, PHUKET],
            Scenario::ForcedMarriage => &[BANGKOK, UDON_THANI, KHON_KAEN, CHIANG_RAI],
            Scenario::ScamCompound => &[MYAWADDY, SHWE_KOKKO, SIHANOUKVILLE, POIPET, GOLDEN_TRIANGLE, TACHILEIK],
        }
    }

    fn victims(self) -> VictimProfile {
        match self {
            Scenario::Fishing => VictimProfile {
                female: 0.0,
                child: 0.1,
                child_ages: (15, 17),
                adult_ages: (18, 45),
                nationalities: &[(Nat::Mmr, 60), (Nat::Khm, 30), (Nat::Tha, 10)],
                thai_script: 0.2,
            },
            Scenario::Factory => VictimProfile {
                female: 0.55,
                child: 0.2,
                child_ages: (13, 17),
                adult_ages: (18, 40),
                nationalities: &[(Nat::Mmr, 50), (Nat::Lao, 25), (Nat::Khm, 25)],
                thai_script: 0.2,
            },
            Scenario::SexVenue => VictimProfile {
                female: 0.95,
                child: 0.35,
                child_ages: (15, 17),
                adult_ages: (18, 26),
                nationalities: &[(Nat::Lao, 45), (Nat::Tha, 25), (Nat::Mmr, 15), (Nat::Khm, 15)],
                thai_script: 0.25,
            },
            Scenario::OnlineCsam => VictimProfile {
                female: 0.7,
                child: 1.0,
                child_ages: (7, 16),
                adult_ages: (18, 18),
                nationalities: &[(Nat::Tha, 85), (Nat::Lao, 10), (Nat::Khm, 5)],
                thai_script: 0.4,
            },
            Scenario::Begging => VictimProfile {
                female: 0.5,
                child: 1.0,
                child_ages: (4, 13),
                adult_ages: (18, 18),
                nationalities: &[(Nat::Khm, 80), (Nat::Mmr, 10), (Nat::Tha, 10)],
                thai_script: 0.3,
            },
            Scenario::ChildLabour => VictimProfile {
                female: 0.4,
                child: 1.0,
                child_ages: (10, 17),
                adult_ages: (18, 18),
                nationalities: &[(Nat::Mmr, 40), (Nat::Lao, 25), (Nat::Khm, 20), (Nat::Tha, 15)],
                thai_script: 0.3,
            },
            Scenario::Servitude => VictimProfile {
                female: 0.9,
                child: 0.15,
                child_ages: (14, 17),
                adult_ages: (18, 45),
                nationalities: &[(Nat::Mmr, 55), (Nat::Lao, 35), (Nat::Khm, 10)],
                thai_script: 0.2,
            },
            Scenario::ForcedMarriage => VictimProfile {
                female: 1.0,
                child: 0.4,
                child_ages: (15, 17),
                adult_ages: (18, 25),
                nationalities: &[(Nat::Lao, 45), (Nat::Mmr, 35), (Nat::Khm, 20)],
                thai_script: 0.2,
            },
            Scenario::ScamCompound => VictimProfile {
                female: 0.35,
                child: 0.05,
                child_ages: (16, 17),
                adult_ages: (19, 38),
                nationalities: &[(Nat::Tha, 55), (Nat::Lao, 15), (Nat::Mmr, 10), (Nat::Khm, 20)],
                thai_script: 0.3,
            },
        }
    }

    fn perpetrator_nationalities(self) -> &'static [(Nat, u32)] {
        match self {
            Scenario::Fishing => &[(Nat::Tha, 60), (Nat::Mmr, 30), (Nat::Khm, 10)],
            Scenario::Factory => &[(Nat::Tha, 60), (Nat::Mmr, 30), (Nat::Lao, 10)],
            Scenario::SexVenue => &[(Nat::Tha, 60), (Nat::Lao, 30), (Nat::Mmr, 10)],
            Scenario::OnlineCsam => &[(Nat::Tha, 90), (Nat::Lao, 5), (Nat::Khm, 5)],
            Scenario::Begging => &[(Nat::Khm, 60), (Nat::Tha, 40)],
            Scenario::ChildLabour => &[(Nat::Tha, 60), (Nat::Mmr, 20), (Nat::Lao, 20)],
            Scenario::Servitude => &[(Nat::Tha, 80), (Nat::Mmr, 20)],
            Scenario::ForcedMarriage => &[(Nat::Tha, 40), (Nat::Lao, 30), (Nat::Mmr, 20), (Nat::Khm, 10)],
            Scenario::ScamCompound => &[(Nat::Tha, 30), (Nat::Mmr, 25), (Nat::Khm, 25), (Nat::Lao, 20)],
        }
    }

    /// The HTCDS methods of control typical of the scenario: two to four of them.
    fn control_methods(self, rng: &mut StdRng) -> Vec<ControlMethod> {
        use ControlMethod as C;
        let pool: &[ControlMethod] = match self {
            Scenario::Fishing => {
                &[C::DebtBondage, C::PhysicalAbuse, C::WithholdsDocuments, C::ExcessiveWorkingHours, C::TakesEarnings]
            }
            Scenario::Factory => &[C::DebtBondage, C::WithholdsDocuments, C::ThreatsOfLawEnforcement, C::TakesEarnings],
            Scenario::SexVenue => &[C::DebtBondage, C::FalsePromises, C::PsychoactiveSubstances, C::PhysicalThreats],
            Scenario::OnlineCsam => &[C::SexualAbuse, C::PsychologicalAbuse, C::ThreatsToChildrenOrFamily],
            Scenario::Begging => &[C::PhysicalAbuse, C::TakesEarnings, C::WithholdsNecessities],
            Scenario::ChildLabour => &[C::ExcessiveWorkingHours, C::TakesEarnings, C::RestrictsMedicalCare],
            Scenario::Servitude => &[C::WithholdsDocuments, C::RestrictsFinancialAccess, C::PsychologicalAbuse],
            Scenario::ForcedMarriage => &[C::ThreatsToChildrenOrFamily, C::SexualAbuse, C::FalsePromises],
            Scenario::ScamCompound => {
                &[C::DebtBondage, C::PhysicalAbuse, C::WithholdsDocuments, C::FalsePromises, C::ExcessiveWorkingHours]
            }
        };
        let n = rng.gen_range(2..=pool.len().min(4));
        let mut v: Vec<ControlMethod> = pool.choose_multiple(rng, n).copied().collect();
        if rng.gen_bool(0.03) {
            v.push(C::Other);
        }
        v.sort();
        v
    }

    fn exploitation_types(self, rng: &mut StdRng, has_child: bool) -> Vec<ExploitationType> {
        use ExploitationType as X;
        let mut v = match self {
            Scenario::Fishing => vec![X::ForcedLabour],
            Scenario::Factory => vec![X::ForcedLabour],
            Scenario::SexVenue => vec![X::SexualExploitation, X::Prostitution],
            Scenario::OnlineCsam => vec![X::SexualExploitation, X::RemoteInteractiveServices],
            Scenario::Begging => vec![X::ForcedBegging],
            Scenario::ChildLabour => vec![X::ChildLabour],
            Scenario::Servitude => vec![X::Servitude],
            Scenario::ForcedMarriage => vec![X::ForcedMarriage],
            Scenario::ScamCompound => vec![X::ForcedLabour, X::Other],
        };
        let extra = match self {
            Scenario::Fishing => (X::Servitude, 0.2),
            Scenario::Factory | Scenario::Servitude => (X::ForcedLabour, 0.0),
            Scenario::SexVenue => (X::PrivateSexualServices, 0.2),
            Scenario::OnlineCsam => (X::Pornography, 0.5),
            Scenario::Begging => (X::ChildLabour, 0.2),
            Scenario::ChildLabour => (X::ForcedLabour, 0.3),
            Scenario::ForcedMarriage => (X::SexualExploitation, 0.3),
            Scenario::ScamCompound => (X::Servitude, 0.1),
        };
        if rng.gen_bool(extra.1) {
            v.push(extra.0);
        }
        if self == Scenario::Servitude && rng.gen_bool(0.5) {
            v.push(X::ForcedLabour);
        }
        if has_child && matches!(self, Scenario::Fishing | Scenario::Factory) {
            v.push(X::ChildLabour);
        }
        if rng.gen_bool(0.04) {
            v.push(X::Other);
        }
        v
    }

    fn recruitment_methods(self) -> &'static [(RecruitmentMethod, u32)] {
        use RecruitmentMethod as M;
        match self {
            Scenario::Fishing => &[
                (M::Friends, 30),
                (M::Family, 15),
                (M::PlaceOfBusiness, 30),
                (M::OnlineSocialNetworks, 15),
                (M::Other, 10),
            ],
            Scenario::Factory => &[
                (M::Friends, 30),
                (M::OnlineSocialNetworks, 25),
                (M::OnlineAdvert, 15),
                (M::Family, 15),
                (M::PlaceOfBusiness, 15),
            ],
            Scenario::SexVenue => &[
                (M::OnlineSocialNetworks, 40),
                (M::Friends, 30),
                (M::OnlineAdvert, 15),
                (M::Family, 5),
                (M::AtWork, 10),
            ],
            Scenario::OnlineCsam => &[(M::OnlineSocialNetworks, 80), (M::EducationalInstitution, 10), (M::Friends, 10)],
            Scenario::Begging => &[(M::Family, 70), (M::Friends, 20), (M::Other, 10)],
            Scenario::ChildLabour => {
                &[(M::Family, 50), (M::Friends, 25), (M::PlaceOfBusiness, 15), (M::EducationalInstitution, 10)]
            }
            Scenario::Servitude => {
                &[(M::Friends, 35), (M::Family, 25), (M::OnlineSocialNetworks, 20), (M::PlaceOfBusiness, 20)]
            }
            Scenario::ForcedMarriage => &[(M::Family, 50), (M::Friends, 25), (M::OnlineSocialNetworks, 25)],
            Scenario::ScamCompound => &[(M::OnlineAdvert, 50), (M::OnlineSocialNetworks, 35), (M::Friends, 15)],
        }
    }

    fn apps(self) -> &'static [&'static str] {
        match self {
            Scenario::OnlineCsam => &["TikTok", "Facebook", "Telegram", "LINE", "Messenger"],
            Scenario::ScamCompound => &["Facebook", "Telegram", "LINE", "TikTok", "WhatsApp"],
            Scenario::SexVenue => &["Facebook", "LINE", "WhatsApp", "Messenger", "TikTok"],
            _ => &["Facebook", "LINE", "Messenger", "WeChat", "TikTok"],
        }
    }

    /// The perpetrator roles of the five positions in a network of this scenario.
    fn role_template(self, pos: usize) -> Vec<PerpetratorRole> {
        use PerpetratorRole as P;
        match (self, pos % RING_SIZE) {
            (Scenario::OnlineCsam, 0) => vec![P::RecruiterOrIntermediary],
            (Scenario::OnlineCsam, 1) => vec![P::Abuser, P::Exploiter],
            (Scenario::OnlineCsam, 2) => vec![P::Other],
            (Scenario::OnlineCsam, 3) => vec![P::Abuser],
            (Scenario::ForcedMarriage, 3) => vec![P::TravellingPartner],
            (Scenario::ForcedMarriage, 4) => vec![P::TransferredHarbouredSoldBoughtReceivedControlled],
            (Scenario::Begging, 3) => vec![P::TransferredHarbouredSoldBoughtReceivedControlled, P::Abuser],
            (Scenario::ScamCompound, 4) => vec![P::Exploiter, P::Abuser],
            (_, 0) => vec![P::RecruiterOrIntermediary],
            (_, 1) => vec![P::BrokerOrTravelAgent],
            (Scenario::ScamCompound | Scenario::Begging | Scenario::Fishing, 2) => vec![P::Transporter, P::Smuggler],
            (_, 2) => vec![P::Transporter],
            (_, 3) => vec![P::TransferredHarbouredSoldBoughtReceivedControlled],
            _ => vec![P::Exploiter],
        }
    }

    fn business_kinds(self) -> &'static [&'static str] {
        match self {
            Scenario::Fishing => &["Fishery", "Marine Products", "Ocean Fishing"],
            Scenario::Factory => &["Seafood Processing", "Garment", "Frozen Foods"],
            Scenario::SexVenue => &["Karaoke", "Massage & Spa", "Entertainment"],
            Scenario::OnlineCsam => &["Online Media", "Model Agency"],
            Scenario::Begging => &["Tour", "Handicrafts"],
            Scenario::ChildLabour => &["Construction", "Agricultural Supplies", "Noodle Shop"],
            Scenario::Servitude => &["Home Services", "Maid Agency"],
            Scenario::ForcedMarriage => &["Matchmaking", "Travel"],
            Scenario::ScamCompound => &["Digital Marketing", "Investment Consulting", "Recruitment"],
        }
    }

    fn is_online(self) -> bool {
        matches!(self, Scenario::OnlineCsam | Scenario::ScamCompound | Scenario::SexVenue)
    }
}

const BUSINESS_PREFIXES: &[&str] = &[
    "Golden", "Siam", "Royal", "Lucky", "Happy", "Silver", "Green", "Star", "Ocean", "Lotus", "Diamond", "Mekong",
    "Sunrise", "Jasmine", "Rainbow", "Emerald",
];
const CODENAMES: &[&str] = &[
    "Hornbill",
    "Lotus",
    "Monsoon",
    "Mangrove",
    "Kingfisher",
    "Tamarind",
    "Frangipani",
    "Teak",
    "Pangolin",
    "Orchid",
    "Banyan",
    "Gibbon",
    "Mekong",
    "Salween",
    "Lantern",
    "Rattan",
    "Heron",
    "Cobra",
    "Durian",
    "Bamboo",
];
const BANKS: &[&str] = &["Demo Bank A", "Demo Bank B", "Demo Bank C", "Demo Bank D", "Demo Bank E"];
const HANDLE_WORDS: &[&str] = &[
    "job", "work", "easy", "money", "thai", "model", "star", "fast", "good", "hiring", "agency", "visa", "travel",
    "shop", "cute", "friend",
];
const VEHICLES: &[(&str, &str)] = &[
    ("Toyota", "Hilux Revo"),
    ("Isuzu", "D-Max"),
    ("Toyota", "Commuter van"),
    ("Honda", "City"),
    ("Mitsubishi", "Triton"),
    ("Nissan", "Navara"),
];
const COLOURS: &[&str] = &["white", "silver", "black", "grey", "red", "blue"];
const THAI_PLATE_LETTERS: &[&str] = &["กข", "กม", "ขค", "ฆง", "ฉช", "ญฐ", "ฒณ", "บต", "ผพ", "รล"];
const SOI_NAMES: &[&str] = &["Soi Demo", "Trok Demo", "Demo Road"];

const NOTES: &[&str] = &[
    "[DEMO] Fictional note: first interview held at the shelter with an interpreter; the survivor agreed to speak with police.",
    "[DEMO] Fictional note: the partner police unit confirmed receipt of the referral pack.",
    "[DEMO] Fictional note: a phone number from the victim's statement matches one seen in an earlier case; flagged for the analyst.",
    "[DEMO] Fictional note: the multidisciplinary team formally identified the victims as trafficked persons.",
    "[DEMO] Fictional note: bank statements requested through the AMLO liaison desk.",
    "[DEMO] Fictional note: survivor enrolled in vocational training; next follow-up visit planned.",
    "[DEMO] Fictional note: the prosecutor agreed to claim compensation for the victims under ATIPA s.35.",
    "[DEMO] Fictional note: cross-border follow-up visit coordinated with the partner NGO in Laos.",
    "[DEMO] Fictional note: the victims were told of their right to compensation (s.34) in their own language.",
    "[DEMO] Fictional note: advance testimony (s.31) requested so that the victims can return home.",
    "[DEMO] Fictional note: suspect's vehicle seen at the border checkpoint on the dates given by the victims.",
    "[DEMO] Fictional note: ILO forced-labour indicators screened: deception, retention of documents and debt bondage met.",
];

fn task_titles(t: Tactic) -> &'static [&'static str] {
    match t {
        Tactic::VictimIdentification => &[
            "Arrange the MDT identification meeting within the 15-day shelter period",
            "Book an interpreter for the victim interview",
        ],
        Tactic::PerpetratorIdentification => &[
            "Compile the suspect profile for the police anti-trafficking unit",
            "Request call records for the suspect's phone",
        ],
        Tactic::AssetSeizure => {
            &["Send the asset report to AMLO", "Check the s.48 provisional seizure deadline (90 days)"]
        }
        Tactic::ExploitationSpectrum => &[
            "Screen the case against the ILO forced-labour indicators",
            "Review online evidence for the CSAM referral",
        ],
        Tactic::LawEnforcementPartnership => {
            &["Send the referral pack to the partner police unit", "Joint planning meeting with the police"]
        }
        Tactic::JudicialAdvocacy => &[
            "Prepare the s.31 advance testimony request",
            "Brief the public prosecutor on trauma-informed questioning",
        ],
        Tactic::VictimCompensation => &[
            "File the s.35 compensation claim through the prosecutor",
            "Inform the victims of their right to compensation (s.34)",
        ],
        Tactic::SurvivorFollowUp => &["Follow-up visit to the survivor (cross-border)", "Six-month outcome assessment"],
    }
}

// ---------------------------------------------------------------------------------------------
// Planning (pure: the seeded RNG and today's date in, plans out)
// ---------------------------------------------------------------------------------------------

struct Ring {
    scenario: Scenario,
    members: Vec<(usize, Vec<PerpetratorRole>)>,
}

/// A structural link of the shared networks, recorded in the first case where its `trigger`
/// perpetrator appears; `subject` (a phone, account or business) joins every such case.
struct PoolLink {
    trigger: usize,
    from: usize,
    to: usize,
    kind: LinkKind,
    source: LinkSource,
    confidence: Confidence,
    subject: Option<usize>,
    notes: Option<&'static str>,
}

struct Planner {
    rng: StdRng,
    today: NaiveDate,
    identifiers: HashSet<String>,
    pool: Vec<PartyInput>,
    rings: Vec<Ring>,
    pool_links: Vec<PoolLink>,
    pool_links_done: HashSet<(usize, usize, LinkKind)>,
}

fn days_before(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

fn days_after(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// A date of birth making someone `age` years old on `on`.
fn birth_date(rng: &mut StdRng, on: NaiveDate, age: u32) -> NaiveDate {
    let age = u64::from(age);
    days_before(on, age * 365 + age / 4 + rng.gen_range(1..360))
}

fn note() -> Option<String> {
    Some(PARTY_NOTE.to_string())
}

/// The perpetrator in `perps` with one of `roles`, else `fallback`.
fn with_role(perps: &[(Ref, Vec<PerpetratorRole>)], roles: &[PerpetratorRole], fallback: Option<Ref>) -> Option<Ref> {
    perps.iter().find(|(_, r)| r.iter().any(|x| roles.contains(x))).map(|(p, _)| *p).or(fallback)
}

impl Planner {
    fn new(seed: u64, today: NaiveDate) -> Planner {
        let mut p = Planner {
            rng: StdRng::seed_from_u64(seed),
            today,
            identifiers: HashSet::new(),
            pool: Vec::new(),
            rings: Vec::new(),
            pool_links: Vec::new(),
            pool_links_done: HashSet::new(),
        };
        p.build_pool();
        p
    }

    fn push_pool(&mut self, input: PartyInput) -> usize {
        self.pool.push(input);
        self.pool.len().saturating_sub(1)
    }

    /// An identifier not used before (phones, accounts, plates and handles stay distinct).
    fn unique(&mut self, make: impl Fn(&mut StdRng) -> String) -> String {
        let mut candidate = make(&mut self.rng);
        for _ in 0..50 {
            if self.identifiers.insert(candidate.clone()) {
                break;
            }
            candidate = make(&mut self.rng);
        }
        candidate
    }

    fn person(
        &mut self,
        nat: Nat,
        gender: Gender,
        dob: NaiveDate,
        thai_script: f64,
        family: Option<&str>,
    ) -> PartyInput {
        let female = matches!(gender, Gender::Feminine | Gender::TransgenderFeminine);
        let script = nat == Nat::Tha && self.rng.gen_bool(thai_script);
        let name = name_for(&mut self.rng, nat, female, script, family);
        PartyInput {
            kind: Some(PartyKind::Person),
            given_name: name.given,
            family_name: name.family,
            full_name: name.full,
            date_of_birth: Some(dob),
            gender: Some(gender),
            nationality: Some(nat.code().to_string()),
            notes: note(),
            ..PartyInput::default()
        }
    }

    fn perpetrator(&mut self, scenario: Scenario, pos: usize) -> PartyInput {
        let nat = weighted(&mut self.rng, scenario.perpetrator_nationalities(), Nat::Tha);
        let female_p = if pos == 0 { 0.5 } else { 0.25 };
        let gender = if self.rng.gen_bool(female_p) { Gender::Feminine } else { Gender::Masculine };
        let age = self.rng.gen_range(22..=60);
        let dob = birth_date(&mut self.rng, self.today, age);
        let mut p = self.person(nat, gender, dob, 0.2, None);
        if self.rng.gen_bool(0.25) {
            let n: u32 = self.rng.gen_range(1_000_000..10_000_000);
            p.id_number = Some(format!("DEMO-{n}"));
        }
        p
    }

    fn phone(&mut self, nat: Nat) -> PartyInput {
        let number = self.unique(|rng| match nat {
            Nat::Lao => format!("+856 20 555 {:04}", rng.gen_range(0..10_000)),
            Nat::Mmr => format!("+95 9 555 {:05}", rng.gen_range(0..100_000)),
            Nat::Khm => format!("+855 12 555 {:03}", rng.gen_range(0..1_000)),
            Nat::Tha => format!("08{} 555 {:04}", rng.gen_range(0..10), rng.gen_range(0..10_000)),
        });
        PartyInput { kind: Some(PartyKind::Phone), number: Some(number), notes: note(), ..PartyInput::default() }
    }

    fn bank_account(&mut self) -> PartyInput {
        let number = self.unique(|rng| {
            format!(
                "{:03}-{}-{:05}-{}",
                rng.gen_range(100..1000),
                rng.gen_range(0..10),
                rng.gen_range(0..100_000),
                rng.gen_range(0..10)
            )
        });
        let bank = pick(&mut self.rng, BANKS).to_string();
        PartyInput {
            kind: Some(PartyKind::BankAccount),
            account_number: Some(number),
            bank: Some(bank),
            notes: note(),
            ..PartyInput::default()
        }
    }

    fn online_account(&mut self, platforms: &[&'static str]) -> PartyInput {
        let handle = self.unique(|rng| {
            format!("@{}_{}{}", pick(rng, HANDLE_WORDS), pick(rng, HANDLE_WORDS), rng.gen_range(10..100))
        });
        let platform = pick(&mut self.rng, platforms).to_string();
        PartyInput {
            kind: Some(PartyKind::OnlineAccount),
            handle: Some(handle),
            platform: Some(platform),
            notes: note(),
            ..PartyInput::default()
        }
    }

    fn email(&mut self) -> PartyInput {
        let email = self.unique(|rng| {
            format!("{}.{}{}@example.com", pick(rng, HANDLE_WORDS), pick(rng, HANDLE_WORDS), rng.gen_range(10..1000))
        });
        PartyInput { kind: Some(PartyKind::Email), email: Some(email), notes: note(), ..PartyInput::default() }
    }

    fn vehicle(&mut self) -> PartyInput {
        let plate = self.unique(|rng| {
            format!("{}{} {:04}", rng.gen_range(1..10), pick(rng, THAI_PLATE_LETTERS), rng.gen_range(1..10_000))
        });
        let (make, model) = VEHICLES.choose(&mut self.rng).copied().unwrap_or(("Toyota", "Hilux Revo"));
        let colour = pick(&mut self.rng, COLOURS).to_string();
        PartyInput {
            kind: Some(PartyKind::Vehicle),
            plate: Some(plate),
            make: Some(make.to_string()),
            model: Some(model.to_string()),
            colour: Some(colour),
            country: Some("THA".into()),
            notes: note(),
            ..PartyInput::default()
        }
    }

    fn address(&mut self) -> PartyInput {
        let (locality, postcode) = LOCALITIES.choose(&mut self.rng).copied().unwrap_or(("Bangkok", "10110"));
        let text = self.unique(|rng| {
            format!(
                "{}/{} {} {}",
                rng.gen_range(1..300),
                rng.gen_range(1..60),
                pick(rng, SOI_NAMES),
                rng.gen_range(1..40)
            )
        });
        PartyInput {
            kind: Some(PartyKind::Address),
            address: Some(text),
            locality: Some(locality.to_string()),
            postcode: Some(postcode.to_string()),
            country: Some("THA".into()),
            notes: note(),
            ..PartyInput::default()
        }
    }

    fn business(&mut self, scenario: Scenario) -> PartyInput {
        let name = self.unique(|rng| {
            format!("{} {} Co., Ltd. (fictional)", pick(rng, BUSINESS_PREFIXES), pick(rng, scenario.business_kinds()))
        });
        PartyInput {
            kind: Some(PartyKind::Organisation),
            name: Some(name),
            country: Some("THA".into()),
            notes: note(),
            ..PartyInput::default()
        }
    }

    fn pool_link(&mut self, trigger: usize, from: usize, to: usize, kind: LinkKind, subject: Option<usize>) {
        let (source, confidence, notes) = match kind {
            LinkKind::UsesPhone => (LinkSource::CallRecord, Confidence::High, None),
            LinkKind::UsesAccount => (LinkSource::OpenSource, Confidence::Medium, None),
            LinkKind::Owns => (LinkSource::BankRecord, Confidence::Confirmed, None),
            LinkKind::Employs => (LinkSource::Document, Confidence::High, None),
            LinkKind::Associate => {
                (LinkSource::Investigation, Confidence::Medium, Some("Seen together in call records (fictional)"))
            }
            _ => (LinkSource::Other, Confidence::Medium, None),
        };
        self.pool_links.push(PoolLink { trigger, from, to, kind, source, confidence, subject, notes });
    }

    /// The shared networks: 16 rings of 5 perpetrators, their front businesses and 40 shared
    /// phones and accounts, with a few bridges between rings.
    fn build_pool(&mut self) {
        let mut phones = Vec::new();
        for (r, scenario) in RING_SCENARIOS.iter().copied().enumerate() {
            let mut members = Vec::with_capacity(RING_SIZE);
            for pos in 0..RING_SIZE {
                let p = self.perpetrator(scenario, pos);
                members.push((self.push_pool(p), scenario.role_template(pos)));
            }
            let business_input = self.business(scenario);
            let business = self.push_pool(business_input);
            let nat = match scenario {
                Scenario::Begging => Nat::Khm,
                _ => Nat::Tha,
            };
            let phone_input = self.phone(nat);
            let phone = self.push_pool(phone_input);
            phones.push(phone);
            let bank_input = self.bank_account();
            let bank = self.push_pool(bank_input);
            let ids: Vec<usize> = members.iter().map(|(i, _)| *i).collect();
            let (recruiter, broker, controller, boss) =
                (ids.first().copied(), ids.get(1).copied(), ids.get(3).copied(), ids.get(4).copied());
            if let Some(m) = recruiter {
                self.pool_link(m, m, phone, LinkKind::UsesPhone, Some(phone));
                self.pool_link(m, business, m, LinkKind::Employs, Some(business));
            }
            if let Some(m) = controller {
                self.pool_link(m, business, m, LinkKind::Employs, Some(business));
            }
            if let Some(m) = boss {
                self.pool_link(m, m, bank, LinkKind::Owns, Some(bank));
                self.pool_link(m, m, business, LinkKind::Owns, Some(business));
            }
            if r < 8 {
                let account_input = self.online_account(scenario.apps());
                let account = self.push_pool(account_input);
                if let Some(m) = if r % 2 == 0 { recruiter } else { broker } {
                    self.pool_link(m, m, account, LinkKind::UsesAccount, Some(account));
                }
            }
            self.rings.push(Ring { scenario, members });
        }
        // Bridges: a phone shared by two rings, and bosses who know each other.
        for r in [1usize, 4, 7, 10, 13] {
            let other = (r + 3) % RINGS;
            let phone = phones.get(r).copied();
            let user = self.rings.get(other).and_then(|g| g.members.get(1)).map(|(i, _)| *i);
            if let (Some(phone), Some(user)) = (phone, user) {
                self.pool_link(user, user, phone, LinkKind::UsesPhone, Some(phone));
            }
        }
        for r in 0..RINGS / 2 {
            let boss = |g: Option<&Ring>| g.and_then(|g| g.members.get(4)).map(|(i, _)| *i);
            let a = boss(self.rings.get(r));
            let b = boss(self.rings.get(r + RINGS / 2));
            if let (Some(a), Some(b)) = (a, b) {
                self.pool_link(a, a, b, LinkKind::Associate, None);
                self.pool_link(b, a, b, LinkKind::Associate, None);
            }
        }
    }

    /// Plans every case, oldest first (so case references follow the opening dates).
    fn plan_cases(&mut self) -> Vec<CasePlan> {
        let mut opened: Vec<NaiveDate> =
            (0..CASES).map(|_| days_before(self.today, self.rng.gen_range(0..=1460))).collect();
        opened.sort();
        opened.into_iter().enumerate().map(|(i, d)| self.plan_case(i, d)).collect()
    }

    fn status(&mut self, opened_on: NaiveDate) -> CaseStatus {
        use CaseStatus as S;
        let age = (self.today - opened_on).num_days();
        let weights: &[(CaseStatus, u32)] = if age > 900 {
            &[(S::Active, 30), (S::FollowUp, 25), (S::Closed, 30), (S::ClosedReferred, 15)]
        } else if age > 365 {
            &[(S::Active, 65), (S::FollowUp, 20), (S::Closed, 10), (S::ClosedReferred, 5)]
        } else {
            &[(S::Active, 90), (S::FollowUp, 5), (S::ClosedReferred, 5)]
        };
        weighted(&mut self.rng, weights, S::Active)
    }

    fn tactics(&mut self, i: usize, scenario: Scenario, status: CaseStatus) -> Vec<Tactic> {
        use Tactic as T;
        // Every tactic leads in one case out of eight, so each is used many times.
        let primary = T::ALL.get(i % T::ALL.len()).copied().unwrap_or(T::VictimIdentification);
        let spectrum = if matches!(scenario, Scenario::OnlineCsam | Scenario::Begging) { 30 } else { 8 };
        let assets = if matches!(scenario, Scenario::ScamCompound | Scenario::SexVenue) { 18 } else { 10 };
        let follow = if status == CaseStatus::FollowUp { 40 } else { 10 };
        let compensation = if matches!(status, CaseStatus::Closed | CaseStatus::ClosedReferred) { 20 } else { 10 };
        let options = [
            (T::VictimIdentification, 30),
            (T::PerpetratorIdentification, 25),
            (T::LawEnforcementPartnership, 20),
            (T::ExploitationSpectrum, spectrum),
            (T::AssetSeizure, assets),
            (T::VictimCompensation, compensation),
            (T::JudicialAdvocacy, 8),
            (T::SurvivorFollowUp, follow),
        ];
        let extras = weighted(&mut self.rng, &[(0usize, 30), (1, 45), (2, 25)], 1);
        let mut out = vec![primary];
        for _ in 0..extras {
            let t = weighted(&mut self.rng, &options, T::VictimIdentification);
            if !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn jitter(&mut self, p: Place) -> (f64, f64) {
        let lat = p.lat + self.rng.gen_range(-0.02..0.02);
        let lon = p.lon + self.rng.gen_range(-0.02..0.02);
        ((lat * 10_000.0).round() / 10_000.0, (lon * 10_000.0).round() / 10_000.0)
    }

    fn event(&mut self, stage: EventStage, p: Place, on: NaiveDate, scenario: Scenario) -> EventInput {
        let (lat, lon) = self.jitter(p);
        let (method, apps) = if stage == EventStage::Recruitment {
            let m = weighted(&mut self.rng, scenario.recruitment_methods(), RecruitmentMethod::Other);
            let online = matches!(m, RecruitmentMethod::OnlineSocialNetworks | RecruitmentMethod::OnlineAdvert);
            let apps: Vec<String> = if online || (m == RecruitmentMethod::Friends && self.rng.gen_bool(0.3)) {
                let n = if online { self.rng.gen_range(1..=2) } else { 1 };
                scenario.apps().choose_multiple(&mut self.rng, n).map(|a| a.to_string()).collect()
            } else {
                Vec::new()
            };
            (Some(m), apps)
        } else if stage == EventStage::Exploitation && scenario == Scenario::OnlineCsam {
            (None, scenario.apps().choose_multiple(&mut self.rng, 1).map(|a| a.to_string()).collect())
        } else {
            (None, Vec::new())
        };
        let notes = if self.rng.gen_bool(0.3) {
            Some(
                match stage {
                    EventStage::Recruitment => "Fictional: promised a well-paid job and an advance on wages.",
                    EventStage::Transit => "Fictional: crossed the border at night without documents.",
                    EventStage::Exploitation => "Fictional: documents held and wages withheld against a debt.",
                }
                .to_string(),
            )
        } else {
            None
        };
        EventInput {
            stage,
            occurred_on: Some(on),
            place: Some(p.name.to_string()),
            country: Some(p.country.to_string()),
            latitude: Some(lat),
            longitude: Some(lon),
            recruitment_method: method,
            apps,
            notes,
        }
    }

    fn plan_case(&mut self, i: usize, opened_on: NaiveDate) -> CasePlan {
        let ring = if self.rng.gen_bool(0.8) { Some(self.rng.gen_range(0..RINGS)) } else { None };
        let scenario = match ring.and_then(|r| self.rings.get(r)) {
            Some(g) => g.scenario,
            None => weighted(&mut self.rng, SCENARIO_WEIGHTS, Scenario::Fishing),
        };
        let status = self.status(opened_on);
        let tactics = self.tactics(i, scenario, status);

        // When things happened (whether or not recorded as events).
        let exploit_on = days_before(opened_on, self.rng.gen_range(14..400));
        let transit_on = days_before(exploit_on, self.rng.gen_range(1..10));
        let recruit_on = days_before(transit_on, self.rng.gen_range(3..90));
        let exploit_place = pick_place(&mut self.rng, scenario.exploitation_places());
        let recruit_place = if scenario == Scenario::OnlineCsam && self.rng.gen_bool(0.6) {
            exploit_place
        } else {
            pick_place(&mut self.rng, scenario.recruitment_places())
        };
        let transit_place = pick_place(&mut self.rng, scenario.transit_places());
        let n_events = weighted(&mut self.rng, &[(0usize, 8), (1, 22), (2, 30), (3, 40)], 2);
        let stages: Vec<EventStage> = match (n_events, scenario) {
            (0, _) => vec![],
            (1, _) if self.rng.gen_bool(0.7) => vec![EventStage::Exploitation],
            (1, _) => vec![EventStage::Recruitment],
            (2, _) | (_, Scenario::OnlineCsam) => vec![EventStage::Recruitment, EventStage::Exploitation],
            _ => vec![EventStage::Recruitment, EventStage::Transit, EventStage::Exploitation],
        };
        let has_transit = stages.contains(&EventStage::Transit);
        let events: Vec<EventInput> = stages
            .into_iter()
            .map(|s| match s {
                EventStage::Recruitment => self.event(s, recruit_place, recruit_on, scenario),
                EventStage::Transit => self.event(s, transit_place, transit_on, scenario),
                EventStage::Exploitation => self.event(s, exploit_place, exploit_on, scenario),
            })
            .collect();

        // Team.
        let creator = weighted(
            &mut self.rng,
            &[
                (Colleague::Investigator1, 30),
                (Colleague::Investigator2, 30),
                (Colleague::Lawyer, 12),
                (Colleague::SocialWorker, 18),
                (Colleague::Manager, 10),
            ],
            Colleague::Investigator1,
        );
        let mut team: Vec<Colleague> = Vec::new();
        if self.rng.gen_bool(0.3) {
            team.push(Colleague::Analyst);
        }
        let wanted = |w: Colleague, tactics: &[Tactic]| match w {
            Colleague::Lawyer => {
                tactics.iter().any(|t| matches!(t, Tactic::JudicialAdvocacy | Tactic::VictimCompensation))
            }
            Colleague::SocialWorker => {
                tactics.iter().any(|t| matches!(t, Tactic::SurvivorFollowUp | Tactic::VictimIdentification))
            }
            _ => false,
        };
        for w in CASE_WORKERS.iter().copied() {
            if w == creator || w == Colleague::Analyst || team.len() >= 3 {
                continue;
            }
            let p = if wanted(w, &tactics) { 0.7 } else { 0.15 };
            if self.rng.gen_bool(p) {
                team.push(w);
            }
        }
        let mut members = vec![creator];
        members.extend(team.iter().copied());

        let label = scenario.label();
        let codename = pick(&mut self.rng, CODENAMES);
        let title = format!("{TITLE_PREFIX}{label} — {} (operation {codename})", exploit_place.name);

        let mut plan = CasePlan {
            creator,
            team,
            case: CaseInput {
                title,
                summary: None,
                status: Some(status),
                tactics: tactics.clone(),
                exploitation_types: Vec::new(),
                control_methods: Vec::new(),
                opened_on: Some(opened_on),
                events,
            },
            locals: Vec::new(),
            roles: Vec::new(),
            role_keys: HashSet::new(),
            links: Vec::new(),
            notes: Vec::new(),
            tasks: Vec::new(),
        };

        // Perpetrators: members of a shared network, and people seen only in this case.
        let mut perps: Vec<(Ref, Vec<PerpetratorRole>)> = Vec::new();
        let mut phone_of: Vec<(Ref, Ref)> = Vec::new();
        if let Some(members) = ring.and_then(|r| self.rings.get(r)).map(|g| g.members.clone()) {
            let k = weighted(&mut self.rng, &[(1usize, 40), (2, 40), (3, 20)], 1);
            let mut chosen: Vec<(usize, Vec<PerpetratorRole>)> =
                members.choose_multiple(&mut self.rng, k).cloned().collect();
            chosen.sort_by_key(|(i, _)| *i);
            for (m, roles) in chosen {
                perps.push((Ref::Pool(m), roles));
            }
            if perps.len() < 3 && self.rng.gen_bool(0.25) {
                self.local_perpetrator(&mut plan, &mut perps, &mut phone_of, scenario, recruit_on);
            }
        } else {
            let k = weighted(&mut self.rng, &[(1usize, 50), (2, 35), (3, 15)], 1);
            for _ in 0..k {
                self.local_perpetrator(&mut plan, &mut perps, &mut phone_of, scenario, recruit_on);
            }
        }
        for (p, roles) in &perps {
            let notes = if self.rng.gen_bool(0.2) {
                Some("Fictional: arrested by the partner police unit.".to_string())
            } else {
                None
            };
            plan.role(*p, CaseRole::Perpetrator, roles.clone(), notes);
        }
        self.network_links(&mut plan, &perps, &mut phone_of, opened_on);

        // Victims.
        let profile = scenario.victims();
        let n_victims = match scenario {
            Scenario::Fishing | Scenario::ScamCompound => {
                weighted(&mut self.rng, &[(1usize, 20), (2, 30), (3, 25), (4, 25)], 2)
            }
            _ => weighted(&mut self.rng, &[(1usize, 35), (2, 30), (3, 20), (4, 15)], 1),
        };
        let recruiter = with_role(
            &perps,
            &[PerpetratorRole::RecruiterOrIntermediary, PerpetratorRole::BrokerOrTravelAgent],
            perps.first().map(|(p, _)| *p),
        );
        let transporter = with_role(&perps, &[PerpetratorRole::Transporter, PerpetratorRole::Smuggler], None);
        let exploiter = with_role(
            &perps,
            &[
                PerpetratorRole::Exploiter,
                PerpetratorRole::Abuser,
                PerpetratorRole::TransferredHarbouredSoldBoughtReceivedControlled,
            ],
            perps.last().map(|(p, _)| *p),
        );
        let recruiter_phone = recruiter.and_then(|r| phone_of.iter().find(|(p, _)| *p == r).map(|(_, ph)| *ph));
        let mut has_child = false;
        for _ in 0..n_victims {
            let child = self.rng.gen_bool(profile.child);
            has_child |= child;
            let (lo, hi) = if child { profile.child_ages } else { profile.adult_ages };
            let age = self.rng.gen_range(lo..=hi.max(lo));
            let female = self.rng.gen_bool(profile.female);
            let gender = if self.rng.gen_bool(0.02) {
                Gender::Unknown
            } else if female && scenario == Scenario::SexVenue && self.rng.gen_bool(0.05) {
                Gender::TransgenderFeminine
            } else if female {
                Gender::Feminine
            } else {
                Gender::Masculine
            };
            let nat = weighted(&mut self.rng, profile.nationalities, Nat::Tha);
            let dob = birth_date(&mut self.rng, exploit_on, age);
            let mut input = self.person(nat, gender, dob, profile.thai_script, None);
            input.survivor = Some(true);
            let family = input.family_name.clone();
            let victim = plan.local(input);
            plan.role(victim, CaseRole::Victim, Vec::new(), None);

            let interview = weighted(
                &mut self.rng,
                &[(LinkSource::Interview, 60), (LinkSource::PoliceReferral, 30), (LinkSource::Partner, 10)],
                LinkSource::Interview,
            );
            let sure = weighted(
                &mut self.rng,
                &[(Confidence::High, 50), (Confidence::Medium, 30), (Confidence::Confirmed, 20)],
                Confidence::High,
            );
            if let Some(r) = recruiter {
                plan.add(LinkPlan::new(r, victim, LinkKind::Recruited, interview, sure).starts_on(Some(recruit_on)));
            }
            if let Some(t) = transporter.filter(|_| has_transit || self.rng.gen_bool(0.5)) {
                plan.add(
                    LinkPlan::new(t, victim, LinkKind::Transported, interview, Confidence::Medium)
                        .starts_on(Some(transit_on)),
                );
            }
            if let Some(e) = exploiter {
                plan.add(
                    LinkPlan::new(e, victim, LinkKind::Exploited, interview, sure)
                        .starts_on(Some(exploit_on))
                        .ends_on(Some(opened_on)),
                );
            }
            // A victim's own phone, called from the recruiter's.
            if self.rng.gen_bool(0.15) {
                let phone_input = self.phone(nat);
                let phone = plan.local(phone_input);
                plan.role(phone, CaseRole::Subject, Vec::new(), None);
                plan.add(
                    LinkPlan::new(victim, phone, LinkKind::UsesPhone, LinkSource::Interview, Confidence::Confirmed)
                        .starts_on(Some(recruit_on)),
                );
                if let Some(rp) = recruiter_phone {
                    plan.add(
                        LinkPlan::new(rp, phone, LinkKind::Called, LinkSource::CallRecord, Confidence::High)
                            .starts_on(Some(days_before(recruit_on, self.rng.gen_range(0..20)))),
                    );
                }
            }
            // A guardian for some children.
            if child && self.rng.gen_bool(0.5) {
                let g_gender = if self.rng.gen_bool(0.7) { Gender::Feminine } else { Gender::Masculine };
                let g_age = self.rng.gen_range(age + 18..=age + 45);
                let g_dob = birth_date(&mut self.rng, self.today, g_age.min(90));
                let g_input = self.person(nat, g_gender, g_dob, profile.thai_script, family.as_deref());
                let guardian = plan.local(g_input);
                plan.role(guardian, CaseRole::Guardian, Vec::new(), None);
                let relation = match g_gender {
                    Gender::Feminine => *["mother", "aunt", "grandmother"].choose(&mut self.rng).unwrap_or(&"mother"),
                    _ => *["father", "uncle", "grandfather"].choose(&mut self.rng).unwrap_or(&"father"),
                };
                plan.add(
                    LinkPlan::new(guardian, victim, LinkKind::Family, LinkSource::Interview, Confidence::Confirmed)
                        .notes(Some(format!("Fictional: {relation}"))),
                );
                if scenario == Scenario::Begging && self.rng.gen_bool(0.4) {
                    if let Some(r) = recruiter {
                        plan.add(
                            LinkPlan::new(r, guardian, LinkKind::Paid, LinkSource::Interview, Confidence::Medium)
                                .starts_on(Some(recruit_on))
                                .notes(Some("Fictional: cash advance of 3,000 THB to the family".into())),
                        );
                    }
                }
            }
        }
        plan.case.exploitation_types = scenario.exploitation_types(&mut self.rng, has_child);
        plan.case.control_methods = scenario.control_methods(&mut self.rng);

        // Witnesses and informants.
        if self.rng.gen_bool(0.3) {
            let nat = weighted(&mut self.rng, profile.nationalities, Nat::Tha);
            let age = self.rng.gen_range(20..=55);
            let dob = birth_date(&mut self.rng, self.today, age);
            let gender = if self.rng.gen_bool(0.5) { Gender::Feminine } else { Gender::Masculine };
            let input = self.person(nat, gender, dob, 0.2, None);
            let w = plan.local(input);
            plan.role(w, CaseRole::Witness, Vec::new(), Some("Fictional: fellow worker who left earlier.".into()));
        }
        if self.rng.gen_bool(0.12) {
            let age = self.rng.gen_range(25..=60);
            let dob = birth_date(&mut self.rng, self.today, age);
            let gender = if self.rng.gen_bool(0.5) { Gender::Feminine } else { Gender::Masculine };
            let input = self.person(Nat::Tha, gender, dob, 0.3, None);
            let inf = plan.local(input);
            plan.role(inf, CaseRole::Informant, Vec::new(), Some("Fictional: community informant.".into()));
        }

        // Summary, notes and tasks.
        plan.case.summary = Some(format!(
            "Fictional demonstration case (not real data), generated by `counternet demo`. {} \
             {n_victims} victim(s) and {} suspect(s) recorded.",
            scenario.blurb(),
            perps.len()
        ));
        let n_notes = self.rng.gen_range(1..=3);
        plan.notes = NOTES.choose_multiple(&mut self.rng, n_notes).map(|n| n.to_string()).collect();
        self.tasks(&mut plan, &tactics, &members, status, opened_on);
        plan
    }

    /// A perpetrator seen only in this case, with some of their phones, accounts and vehicles.
    fn local_perpetrator(
        &mut self,
        plan: &mut CasePlan,
        perps: &mut Vec<(Ref, Vec<PerpetratorRole>)>,
        phone_of: &mut Vec<(Ref, Ref)>,
        scenario: Scenario,
        since: NaiveDate,
    ) {
        let pos = self.rng.gen_range(0..RING_SIZE);
        let mut roles = scenario.role_template(pos);
        if matches!(scenario, Scenario::Begging | Scenario::ForcedMarriage) && self.rng.gen_bool(0.1) {
            roles.push(PerpetratorRole::Kidnapper);
        }
        let input = self.perpetrator(scenario, pos);
        let p = plan.local(input);
        let nat = match scenario {
            Scenario::Begging => Nat::Khm,
            _ => Nat::Tha,
        };
        let start = |rng: &mut StdRng| Some(days_before(since, rng.gen_range(0..200)));
        if self.rng.gen_bool(0.6) {
            let phone_input = self.phone(nat);
            let phone = plan.local(phone_input);
            plan.role(phone, CaseRole::Subject, Vec::new(), None);
            plan.add(
                LinkPlan::new(p, phone, LinkKind::UsesPhone, LinkSource::CallRecord, Confidence::High)
                    .starts_on(start(&mut self.rng)),
            );
            phone_of.push((p, phone));
        }
        if self.rng.gen_bool(0.25) {
            let bank_input = self.bank_account();
            let bank = plan.local(bank_input);
            plan.role(bank, CaseRole::Subject, Vec::new(), None);
            plan.add(
                LinkPlan::new(p, bank, LinkKind::Owns, LinkSource::BankRecord, Confidence::Confirmed)
                    .starts_on(start(&mut self.rng)),
            );
        }
        let transports = roles.contains(&PerpetratorRole::Transporter);
        if self.rng.gen_bool(if transports { 0.6 } else { 0.1 }) {
            let vehicle_input = self.vehicle();
            let vehicle = plan.local(vehicle_input);
            plan.role(vehicle, CaseRole::Subject, Vec::new(), None);
            plan.add(
                LinkPlan::new(p, vehicle, LinkKind::Owns, LinkSource::Document, Confidence::High)
                    .starts_on(start(&mut self.rng)),
            );
        }
        if scenario.is_online() && self.rng.gen_bool(0.4) {
            let account_input = self.online_account(scenario.apps());
            let account = plan.local(account_input);
            plan.role(account, CaseRole::Subject, Vec::new(), None);
            plan.add(
                LinkPlan::new(p, account, LinkKind::UsesAccount, LinkSource::OpenSource, Confidence::Medium)
                    .starts_on(start(&mut self.rng)),
            );
        }
        if self.rng.gen_bool(0.1) {
            let email_input = self.email();
            let email = plan.local(email_input);
            plan.role(email, CaseRole::Subject, Vec::new(), None);
            plan.add(LinkPlan::new(p, email, LinkKind::UsesEmail, LinkSource::OpenSource, Confidence::Medium));
        }
        if self.rng.gen_bool(0.3) {
            let address_input = self.address();
            let address = plan.local(address_input);
            plan.role(address, CaseRole::Subject, Vec::new(), None);
            plan.add(LinkPlan::new(p, address, LinkKind::LivesAt, LinkSource::Investigation, Confidence::Medium));
        }
        if self.rng.gen_bool(0.15) {
            let business_input = self.business(scenario);
            let business = plan.local(business_input);
            plan.role(business, CaseRole::Subject, Vec::new(), None);
            plan.add(
                LinkPlan::new(business, p, LinkKind::Employs, LinkSource::Document, Confidence::High)
                    .starts_on(start(&mut self.rng)),
            );
        }
        perps.push((p, roles));
    }

    /// The links among a case's perpetrators and the shared phones, accounts and businesses.
    fn network_links(
        &mut self,
        plan: &mut CasePlan,
        perps: &[(Ref, Vec<PerpetratorRole>)],
        phone_of: &mut Vec<(Ref, Ref)>,
        opened_on: NaiveDate,
    ) {
        for (p, _) in perps {
            let Ref::Pool(m) = *p else { continue };
            let mut planned = Vec::new();
            for pl in self.pool_links.iter().filter(|pl| pl.trigger == m) {
                if let Some(s) = pl.subject {
                    planned.push((Some(s), None));
                }
                let key = (pl.from, pl.to, pl.kind);
                if !self.pool_links_done.contains(&key) {
                    planned.push((None, Some((key, pl.source, pl.confidence, pl.notes))));
                }
                if pl.kind == LinkKind::UsesPhone && pl.from == m {
                    phone_of.push((Ref::Pool(m), Ref::Pool(pl.to)));
                }
            }
            for (subject, link) in planned {
                if let Some(s) = subject {
                    plan.role(Ref::Pool(s), CaseRole::Subject, Vec::new(), None);
                }
                if let Some(((from, to, kind), source, confidence, notes)) = link {
                    if self.pool_links_done.insert((from, to, kind)) {
                        plan.add(
                            LinkPlan::new(Ref::Pool(from), Ref::Pool(to), kind, source, confidence)
                                .starts_on(Some(days_before(opened_on, self.rng.gen_range(30..720))))
                                .notes(notes.map(str::to_string)),
                        );
                    }
                }
            }
        }
        // Perpetrators of one case know each other (recorded once per pair of network members).
        for (a_idx, (a, _)) in perps.iter().enumerate() {
            for (b, _) in perps.iter().skip(a_idx + 1) {
                let first_time = match (*a, *b) {
                    (Ref::Pool(x), Ref::Pool(y)) => self.pool_links_done.insert((x, y, LinkKind::Associate)),
                    _ => true,
                };
                if first_time {
                    let source = weighted(
                        &mut self.rng,
                        &[(LinkSource::CallRecord, 40), (LinkSource::Investigation, 40), (LinkSource::Partner, 20)],
                        LinkSource::Investigation,
                    );
                    plan.add(
                        LinkPlan::new(*a, *b, LinkKind::Associate, source, Confidence::Medium)
                            .starts_on(Some(days_before(opened_on, self.rng.gen_range(30..500)))),
                    );
                }
            }
        }
        // Money from the one who profits to the one who recruits.
        let boss = with_role(perps, &[PerpetratorRole::Exploiter], None);
        let recruiter = with_role(perps, &[PerpetratorRole::RecruiterOrIntermediary], None);
        if let (Some(b), Some(r)) = (boss, recruiter) {
            if b != r && self.rng.gen_bool(0.4) {
                let amount = self.rng.gen_range(5..80) * 1_000;
                plan.add(
                    LinkPlan::new(b, r, LinkKind::Paid, LinkSource::BankRecord, Confidence::High)
                        .starts_on(Some(days_before(opened_on, self.rng.gen_range(20..300))))
                        .notes(Some(format!("Fictional: transfer of {amount} THB"))),
                );
            }
        }
    }

    fn tasks(
        &mut self,
        plan: &mut CasePlan,
        tactics: &[Tactic],
        members: &[Colleague],
        status: CaseStatus,
        opened_on: NaiveDate,
    ) {
        let closed = matches!(status, CaseStatus::Closed | CaseStatus::ClosedReferred);
        let n = self.rng.gen_range(1..=4);
        let mut titles: Vec<&'static str> = Vec::new();
        for _ in 0..n {
            let Some(t) = tactics.choose(&mut self.rng).copied() else { break };
            let title = pick(&mut self.rng, task_titles(t));
            if title.is_empty() || titles.contains(&title) {
                continue;
            }
            titles.push(title);
            let assignee = members.choose(&mut self.rng).copied().unwrap_or(plan.creator);
            let since = (self.today - opened_on).num_days().max(8);
            let since = u64::try_from(since).unwrap_or(8);
            let (due_on, done) = match weighted(&mut self.rng, &[(0u8, 30), (1, 20), (2, 30), (3, 20)], 0) {
                _ if closed => (Some(days_after(opened_on, self.rng.gen_range(7..since))), true),
                0 => (Some(days_after(opened_on, self.rng.gen_range(7..since))), true),
                1 => (Some(days_before(self.today, self.rng.gen_range(1..45))), false),
                2 => (Some(days_after(self.today, self.rng.gen_range(0..14))), false),
                _ => (Some(days_after(self.today, self.rng.gen_range(15..120))), false),
            };
            plan.tasks.push(TaskPlan { title: title.to_string(), due_on, assignee, done });
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Instant;

    use counternet_domain::vocab::{CaseRole, IntakeRoute};
    use counternet_store::{identification, StoreConfig, SystemClock};

    use super::*;

    #[test]
    fn plans_are_deterministic_for_a_seed() {
        let today: NaiveDate = "2026-06-01".parse().unwrap();
        let titles = |seed| {
            let mut p = Planner::new(seed, today);
            p.plan_cases().into_iter().map(|c| (c.case.title, c.locals.len(), c.links.len())).collect::<Vec<_>>()
        };
        let a = titles(7);
        assert_eq!(a.len(), CASES);
        assert_eq!(a, titles(7));
        assert_ne!(a, titles(8));
        let plans = Planner::new(7, today).plan_cases();
        for p in &plans {
            assert!(p.case.title.starts_with(TITLE_PREFIX));
            let c = p.case.clone().validate(today).unwrap();
            assert!(c.opened_on <= today);
            assert!((1..=3).contains(&c.tactics.len()));
            let perps = p.roles.iter().filter(|r| r.role == CaseRole::Perpetrator).count();
            let victims = p.roles.iter().filter(|r| r.role == CaseRole::Victim).count();
            assert!((1..=3).contains(&perps), "{perps} perpetrators");
            assert!((1..=4).contains(&victims), "{victims} victims");
            assert!(p.case.events.len() <= 3);
        }
    }

    #[test]
    fn seeds_a_fresh_store_once() {
        let dir = std::env::temp_dir().join(format!("counternet-demo-{}", Uuid::now_v7()));
        let store = Store::open(&StoreConfig::new(&dir), Arc::new(SystemClock)).unwrap();
        let started = Instant::now();
        let summary = seed(&store, 42).unwrap();
        eprintln!(
            "demo seed: {} cases, {} parties, {} links, {} partners, {} users in {:?}",
            summary.cases,
            summary.parties,
            summary.links,
            summary.partners,
            summary.users.len(),
            started.elapsed()
        );
        assert_eq!(summary.organisation, ORGANISATION_NAME);
        assert!(summary.cases >= 250);
        assert!(summary.partners >= 4);
        assert!(summary.parties > summary.cases);
        assert!(summary.links > summary.cases);
        assert!(summary.money.payments >= 20, "{:?}", summary.money);
        assert!(summary.money.alerts >= 3, "wage sweep, structuring, late night at least: {:?}", summary.money);
        assert_eq!(summary.money.assets, 3);
        assert_eq!(summary.justice.proceedings, 10, "{:?}", summary.justice);
        assert_eq!(summary.care.survivors_followed, 8, "{:?}", summary.care);
        assert!(summary.care.assessments >= 8 * 2 && summary.care.visits >= 8 * 2, "{:?}", summary.care);
        assert_eq!((summary.care.trainings, summary.care.events), (5, 3));
        assert_eq!(summary.justice.claims, 10, "every demo lawyer case has a victim: {:?}", summary.justice);
        for role in Role::ALL {
            assert!(summary.users.iter().any(|u| u.role == *role), "no demo user with role {role}");
        }
        assert!(summary.users.iter().all(|u| u.password.len() == PASSWORD_LEN));
        assert!(!format!("{summary:?}").contains(&summary.users[0].password));

        // Read back as the manager, who sees every case of the organisation.
        let manager = store
            .read(None, |tx| {
                let u = users::find_by_username(tx, "demo.manager")?.unwrap();
                Ok(Actor { user_id: u.id, org_id: u.org_id, role: u.role })
            })
            .unwrap();
        // The money: the import's scans raised the planted patterns; the wage sweep is confirmed;
        // a seizure's 90-day clock runs out within 30 days.
        let alerts =
            store.read(Some(&manager), |tx| counternet_store::money::alerts(tx, &manager, None, None, 1000)).unwrap();
        let rules: HashSet<&str> = alerts.iter().map(|a| a.rule.as_str()).collect();
        for rule in ["wage_sweep", "structuring", "late_night", "layered_chain"] {
            assert!(rules.contains(rule), "no demo {rule} alert: {rules:?}");
        }
        assert!(alerts
            .iter()
            .any(|a| a.rule == "wage_sweep" && a.status == counternet_store::money::AlertStatus::Confirmed));
        let deadlines = store
            .read(Some(&manager), |tx| {
                counternet_store::assets::seizure_deadlines(tx, &manager, store.now().date_naive())
            })
            .unwrap();
        assert_eq!(deadlines.len(), 1, "{deadlines:?}");
        // Claims at every stage: one paid in full (approved by the manager), one waiting for approval.
        let claims =
            store.read(Some(&manager), |tx| counternet_store::compensation::visible_claims(tx, &manager)).unwrap();
        assert!(claims.iter().any(|c| c.figures.ordered_minor > 0 && c.figures.paid_minor == c.figures.ordered_minor));
        assert!(claims.iter().any(|c| c.figures.ordered_minor == 0));
        let pending =
            store.read(Some(&manager), |tx| counternet_store::compensation::pending_approvals(tx, &manager)).unwrap();
        assert!(!pending.is_empty());
        // A survivor's follow-up is overdue (the first survivor's visit fell due a week ago).
        let today = store.now().date_naive();
        let overdue =
            store.read(Some(&manager), |tx| counternet_store::followup::overdue(tx, &manager, today)).unwrap();
        assert!(!overdue.is_empty());
        for t in Tactic::ALL {
            let page = store
                .read(Some(&manager), |tx| {
                    cases::list(tx, &manager, &CaseFilter { tactic: Some(*t), per_page: Some(1), ..Default::default() })
                })
                .unwrap();
            assert!(page.total >= 10, "tactic {t} used in {} cases", page.total);
        }
        let mut all = Vec::new();
        for page in 1..=2 {
            let p = store
                .read(Some(&manager), |tx| {
                    cases::list(
                        tx,
                        &manager,
                        &CaseFilter { page: Some(page), per_page: Some(200), ..Default::default() },
                    )
                })
                .unwrap();
            all.extend(p.items);
        }
        assert_eq!(all.len(), summary.cases);
        assert!(all.iter().all(|c| c.title.starts_with(TITLE_PREFIX) && c.opened_on <= store.now().date_naive()));
        let mut perpetrator_cases: std::collections::HashMap<Uuid, usize> = std::collections::HashMap::new();
        for c in &all {
            let roles = store.read(Some(&manager), |tx| parties::list_for_case(tx, &manager, c.id)).unwrap();
            for r in roles.iter().filter(|r| r.role == CaseRole::Perpetrator) {
                *perpetrator_cases.entry(r.party.id).or_default() += 1;
            }
            assert!(roles.iter().any(|r| r.role == CaseRole::Victim && r.party.survivor && r.party.masked));
        }
        assert!(perpetrator_cases.values().any(|n| *n >= 2), "no perpetrator appears in two cases");

        // Every intake route and every exploitation type shows somewhere; screenings, decisions and
        // perpetrator statuses too.
        for x in ExploitationType::ALL {
            let filter = CaseFilter { exploitation_type: Some(*x), per_page: Some(1), ..Default::default() };
            let page = store.read(Some(&manager), |tx| cases::list(tx, &manager, &filter)).unwrap();
            assert!(page.total >= 1, "no demo case of exploitation type {x}");
        }
        let (mut routes, mut screenings, mut decisions, mut statuses) = (HashSet::new(), 0, 0, 0);
        for c in &all {
            store
                .read(Some(&manager), |tx| {
                    routes.extend(identification::list_intakes(tx, &manager, c.id)?.into_iter().map(|i| i.route));
                    screenings += identification::list_screenings(tx, &manager, c.id)?.len();
                    decisions += identification::list_decisions(tx, &manager, c.id)?.len();
                    statuses += identification::list_perpetrator_statuses(tx, &manager, c.id)?.len();
                    Ok(())
                })
                .unwrap();
        }
        assert_eq!(routes.len(), IntakeRoute::ALL.len());
        assert!(screenings >= 50 && decisions >= 25 && statuses >= 50, "{screenings} {decisions} {statuses}");

        let verified = store.verify_audit().unwrap();
        assert!(verified.is_ok(), "audit chain: {verified:?}");

        let again = seed(&store, 42);
        assert!(again.is_err(), "seeding twice must fail");

        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
