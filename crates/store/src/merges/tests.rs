//! Merge and unmerge round trips: any sequence of decisions leaves persons, components and the
//! decided pairs as the active decisions imply, and a merge undone leaves every record, case role
//! and link exactly as before.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use counternet_domain::case::NewCase;
use counternet_domain::link::NewLink;
use counternet_domain::party::{CasePartyInput, NewParty};
use counternet_domain::vocab::{CaseStatus, Confidence, LinkKind, LinkSource, Tactic};

use super::*;
use crate::rows::{LinkRow, UserRow};
use crate::schema::{audit_log, links, users};
use crate::{cases as case_repo, orgs, Store, StoreConfig, SystemClock};

/// A folder under the system temp folder, removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct World {
    store: Store,
    _dir: TempDir,
    org: Uuid,
}

impl World {
    fn new() -> World {
        let dir = TempDir(std::env::temp_dir().join(format!("counternet-merges-test-{}", Uuid::new_v4())));
        let store = Store::open(&StoreConfig::new(dir.0.join("data")), Arc::new(SystemClock)).unwrap();
        let org = store.write(None, |tx| orgs::ensure_own(tx, "Test organisation")).unwrap().id;
        World { store, _dir: dir, org }
    }

    fn user(&self, role: Role) -> Actor {
        let actor = Actor { user_id: new_id(), org_id: self.org, role };
        self.store
            .write(None, |tx| {
                let now = fmt_time(tx.now);
                diesel::insert_into(users::table)
                    .values(&UserRow {
                        id: actor.user_id.to_string(),
                        org_id: self.org.to_string(),
                        username: format!("{}-{}", role.code(), actor.user_id.simple()),
                        display_name: None,
                        role: role.code().into(),
                        password_hash: "x".into(),
                        disabled: false,
                        created_at: now.clone(),
                        updated_at: now,
                        locale: None,
                        buddhist_era: false,
                    })
                    .execute(tx.conn)?;
                Ok(())
            })
            .unwrap();
        actor
    }
}

fn person(name: &str, survivor: bool) -> NewParty {
    NewParty {
        kind: Some(PartyKind::Person),
        name: name.into(),
        given_name: None,
        family_name: None,
        date_of_birth: None,
        gender: None,
        nationality: None,
        id_number: Some("1-2345-67890-12-3".into()),
        identifier: None,
        attributes: serde_json::Map::new(),
        survivor,
    }
}

/// Five person records and a phone, a case in which three of them have roles, and two links.
struct Fixture {
    people: Vec<Uuid>,
    phone: Uuid,
}

fn fixture(w: &World, actor: &Actor) -> Fixture {
    w.store
        .write(Some(actor), |tx| {
            let case = case_repo::create(
                tx,
                actor,
                NewCase {
                    title: "Fishing boat".into(),
                    summary: None,
                    status: CaseStatus::Active,
                    tactics: vec![Tactic::VictimIdentification],
                    exploitation_types: vec![],
                    control_methods: vec![],
                    opened_on: tx.now.date_naive(),
                    events: vec![],
                },
            )?;
            let mut people = Vec::new();
            for (i, name) in ["Mya Thandar", "Boss Chai", "Somchai Jaidee", "Aung Ko", "Nang Noon"].iter().enumerate() {
                people.push(parties::create(tx, actor, person(name, i == 4))?.id);
            }
            let mut phone = person("+66812345678", false);
            phone.kind = Some(PartyKind::Phone);
            phone.identifier = Some("+66812345678".into());
            let phone = parties::create(tx, actor, phone)?.id;
            for (i, role) in
                [(0, CaseRole::Victim), (1, CaseRole::Perpetrator), (2, CaseRole::Witness), (1, CaseRole::Witness)]
            {
                parties::add_to_case(
                    tx,
                    actor,
                    case.id,
                    CasePartyInput { party_id: people[i], role, role_in_process: vec![], notes: None },
                )?;
            }
            for (from, to, kind, case_id) in [
                (people[1], people[0], LinkKind::Recruited, Some(case.id)),
                (people[3], phone, LinkKind::UsesPhone, None),
            ] {
                parties::create_link(
                    tx,
                    actor,
                    NewLink {
                        from,
                        to,
                        kind,
                        starts_on: None,
                        ends_on: None,
                        source: LinkSource::Interview,
                        confidence: Confidence::High,
                        case_id,
                        notes: None,
                    },
                )?;
            }
            Ok(Fixture { people, phone })
        })
        .unwrap()
}

/// Everything about the records that a merge must leave alone: the stored rows of the parties,
/// their case roles and links, and each record as the actor reads it with its links.
fn snapshot(w: &World, actor: &Actor, ids: &[Uuid]) -> Vec<String> {
    w.store
        .read(Some(actor), |tx| {
            let keys: Vec<String> = ids.iter().map(Uuid::to_string).collect();
            let mut out = Vec::new();
            let rows: Vec<PartyRow> = party_table::table
                .filter(party_table::id.eq_any(&keys))
                .order(party_table::id)
                .select(PartyRow::as_select())
                .load(tx.conn)?;
            out.push(format!("{rows:?}"));
            let roles: Vec<CasePartyRow> = case_parties::table
                .filter(case_parties::party_id.eq_any(&keys))
                .order(case_parties::id)
                .select(CasePartyRow::as_select())
                .load(tx.conn)?;
            out.push(format!("{roles:?}"));
            let link_rows: Vec<LinkRow> = links::table
                .filter(links::from_party.eq_any(&keys).or(links::to_party.eq_any(&keys)))
                .order(links::id)
                .select(LinkRow::as_select())
                .load(tx.conn)?;
            out.push(format!("{link_rows:?}"));
            for id in ids {
                out.push(format!("{:?}", parties::get(tx, actor, *id, None)?));
                out.push(format!("{:?}", parties::links_of(tx, actor, *id)?));
                out.push(format!("{:?}", person_records(tx, actor, *id)?.records));
            }
            Ok(out)
        })
        .unwrap()
}

#[derive(Debug, Clone)]
enum Op {
    Merge(usize, usize),
    Distinct(usize, usize),
    Undo(usize),
    MergeThenUndo(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let pair = || (0..5usize, 0..5usize);
    prop_oneof![
        4 => pair().prop_map(|(a, b)| Op::Merge(a, b)),
        1 => pair().prop_map(|(a, b)| Op::Distinct(a, b)),
        2 => (0..16usize).prop_map(Op::Undo),
        1 => pair().prop_map(|(a, b)| Op::MergeThenUndo(a, b)),
    ]
}

/// The decisions as the test expects them: (id, a, b, decision, active).
#[derive(Default)]
struct Model {
    decisions: Vec<(Uuid, usize, usize, Decision, bool)>,
}

impl Model {
    fn person(&self, i: usize) -> BTreeSet<usize> {
        let mut seen = BTreeSet::from([i]);
        loop {
            let before = seen.len();
            for (_, a, b, d, active) in &self.decisions {
                if *active && *d == Decision::Merged && (seen.contains(a) || seen.contains(b)) {
                    seen.insert(*a);
                    seen.insert(*b);
                }
            }
            if seen.len() == before {
                return seen;
            }
        }
    }

    fn distinct(&self, a: usize, b: usize) -> bool {
        self.decisions.iter().any(|(_, x, y, d, active)| {
            *active && *d == Decision::Distinct && ((*x, *y) == (a, b) || (*x, *y) == (b, a))
        })
    }

    /// A merge needs two persons no record of which was marked distinct from one of the other.
    fn may_merge(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (self.person(a), self.person(b));
        a != b && !pa.contains(&b) && !pa.iter().any(|x| pb.iter().any(|y| self.distinct(*x, *y)))
    }

    /// Marking distinct needs two persons, not this very pair marked already.
    fn may_mark_distinct(&self, a: usize, b: usize) -> bool {
        a != b && !self.person(a).contains(&b) && !self.distinct(a, b)
    }
}

fn check(w: &World, actor: &Actor, f: &Fixture, model: &Model) -> Result<(), TestCaseError> {
    let people = &f.people;
    let (records, comps, pairs) = w
        .store
        .read(Some(actor), |tx| {
            let mut records = Vec::new();
            for id in people {
                let found: BTreeSet<Uuid> =
                    person_records(tx, actor, *id)?.records.iter().map(|r| r.party.id).collect();
                records.push(found);
            }
            Ok((records, components(tx)?, decided_pairs(tx)?))
        })
        .unwrap();
    for (i, found) in records.iter().enumerate() {
        let want: BTreeSet<Uuid> = model.person(i).iter().map(|j| people[*j]).collect();
        prop_assert_eq!(found, &want, "records of person {}", i);
        let canonical = comps.iter().find(|(p, _)| *p == people[i]).map(|(_, c)| *c);
        let want_canonical = (want.len() > 1).then(|| want.iter().min().copied()).flatten();
        prop_assert_eq!(canonical, want_canonical, "canonical id of {}", i);
    }
    let ours: BTreeSet<(Uuid, Uuid)> =
        pairs.into_iter().filter(|(a, b)| people.contains(a) || people.contains(b)).collect();
    let want: BTreeSet<(Uuid, Uuid)> =
        model.decisions.iter().filter(|d| d.4).map(|(_, a, b, _, _)| normalised(people[*a], people[*b])).collect();
    prop_assert_eq!(ours, want);
    Ok(())
}

#[test]
fn any_sequence_of_merges_and_unmerges_gives_the_persons_its_active_decisions_imply() {
    let w = World::new();
    let actor = w.user(Role::Investigator);
    let mut runner = TestRunner::new(Config { cases: 64, failure_persistence: None, ..Config::default() });
    runner
        .run(&proptest::collection::vec(op(), 1..14), |ops| {
            let f = fixture(&w, &actor);
            let mut everything = f.people.clone();
            everything.push(f.phone);
            let mut model = Model::default();
            for op in ops {
                match op {
                    Op::Merge(a, b) | Op::Distinct(a, b) => {
                        let merged = matches!(op, Op::Merge(..));
                        let (pa, pb) = (f.people[a], f.people[b]);
                        let got = w.store.write(Some(&actor), |tx| {
                            if merged {
                                merge(tx, &actor, pa, pb, Some(0.9), serde_json::json!([]), false)
                            } else {
                                mark_distinct(tx, &actor, pa, pb, None, serde_json::json!([]))
                            }
                        });
                        let allowed = if merged { model.may_merge(a, b) } else { model.may_mark_distinct(a, b) };
                        prop_assert_eq!(got.is_ok(), allowed, "{:?}: {:?}", op, got);
                        if let Ok(m) = got {
                            let d = if merged { Decision::Merged } else { Decision::Distinct };
                            prop_assert_eq!(m.decision, d);
                            model.decisions.push((m.id, a, b, d, true));
                        }
                    }
                    Op::Undo(k) => {
                        if model.decisions.is_empty() {
                            continue;
                        }
                        let k = k % model.decisions.len();
                        let id = model.decisions[k].0;
                        let got = w.store.write(Some(&actor), |tx| unmerge(tx, &actor, id));
                        prop_assert_eq!(got.is_ok(), model.decisions[k].4, "{:?}", got);
                        model.decisions[k].4 = false;
                    }
                    Op::MergeThenUndo(a, b) => {
                        if !model.may_merge(a, b) {
                            continue;
                        }
                        let before = snapshot(&w, &actor, &everything);
                        let m = w
                            .store
                            .write(Some(&actor), |tx| {
                                merge(tx, &actor, f.people[a], f.people[b], None, serde_json::json!([]), false)
                            })
                            .unwrap();
                        let merged = snapshot(&w, &actor, &everything);
                        prop_assert_ne!(&before, &merged, "the merge shows in the persons' records");
                        w.store.write(Some(&actor), |tx| unmerge(tx, &actor, m.id)).unwrap();
                        prop_assert_eq!(&before, &snapshot(&w, &actor, &everything));
                        model.decisions.push((m.id, a, b, Decision::Merged, false));
                    }
                }
                check(&w, &actor, &f, &model)?;
            }
            Ok(())
        })
        .unwrap();
    // No decision ever named anyone: the audit details hold ids, probabilities and flags.
    let details: Vec<String> = w
        .store
        .read(None, |tx| {
            Ok(audit_log::table
                .filter(audit_log::action.like("party.%"))
                .select(audit_log::detail)
                .load::<String>(tx.conn)?)
        })
        .unwrap();
    assert!(details.iter().any(|d| d.contains("merge_id")));
    for d in &details {
        for name in ["Mya", "Boss", "Somchai", "Aung", "Nang", "Thandar"] {
            assert!(!d.contains(name), "a name in an audit entry: {d}");
        }
    }
}

#[test]
fn merged_records_keep_their_provenance_roles_and_masking() {
    let w = World::new();
    let actor = w.user(Role::Investigator);
    let f = fixture(&w, &actor);
    let (victim, perpetrator, survivor) = (f.people[0], f.people[1], f.people[4]);
    // Two records of someone who is no survivor: shown as recorded.
    let (c, d) = (f.people[2], f.people[3]);
    w.store.write(Some(&actor), |tx| merge(tx, &actor, c, d, None, serde_json::json!([]), false)).unwrap();
    let plain = w.store.read(Some(&actor), |tx| person_records(tx, &actor, d)).unwrap();
    assert_eq!(plain.records.iter().map(|r| r.party.name.as_str()).collect::<Vec<_>>(), ["Somchai Jaidee", "Aung Ko"]);
    assert!(plain.records.iter().all(|r| !r.party.masked && r.party.id_number.is_some()));
    w.store
        .write(Some(&actor), |tx| {
            merge(
                tx,
                &actor,
                victim,
                perpetrator,
                Some(0.97),
                serde_json::json!([{"field": "name", "level": "close", "weight": 4.2}]),
                false,
            )
        })
        .unwrap();
    w.store
        .write(Some(&actor), |tx| merge(tx, &actor, survivor, perpetrator, None, serde_json::json!([]), false))
        .unwrap();
    let person = w.store.read(Some(&actor), |tx| person_records(tx, &actor, perpetrator)).unwrap();
    assert_eq!(person.records.len(), 3);
    assert_eq!(person.decisions.len(), 2);
    for r in &person.records {
        assert_eq!(r.organisation_id, w.org);
        assert_eq!(r.organisation_name, "Test organisation");
        assert_eq!(r.party.created_by, actor.user_id);
        assert!(r.recorded_by_name.as_deref().is_some_and(|n| n.starts_with("investigator-")));
    }
    let by_id = |id: Uuid| person.records.iter().find(|r| r.party.id == id).unwrap();
    // A survivor's person is masked in every record, the perpetrator's record included (its
    // name beside the survivor's initials would tell who she is).
    for r in &person.records {
        assert!(r.party.masked && r.party.id_number.is_none(), "{r:?}");
    }
    assert_eq!(by_id(survivor).party.name, "N. N.");
    assert_eq!(by_id(perpetrator).party.name, "B. C.");
    // Read on its own the record is masked too, as long as it is one person with a survivor's record
    // (the person page tells which records are one person); the stored row is not changed.
    let alone = w.store.read(Some(&actor), |tx| parties::get(tx, &actor, perpetrator, None)).unwrap();
    assert!(alone.masked && alone.name == "B. C.", "{alone:?}");
    let roles = |id: Uuid| by_id(id).roles.iter().map(|r| r.role).collect::<Vec<_>>();
    assert_eq!(roles(victim), vec![CaseRole::Victim]);
    assert_eq!(roles(perpetrator), vec![CaseRole::Perpetrator, CaseRole::Witness]);
    assert!(roles(survivor).is_empty());
    assert!(by_id(victim).roles[0].case_reference.len() > 3);

    // Not a person, the same record, one person already.
    let phone = f.phone;
    let err = w.store.write(Some(&actor), |tx| merge(tx, &actor, victim, phone, None, serde_json::json!([]), false));
    assert!(
        matches!(err, Err(StoreError::Validation(ref v)) if v.field == "party_b" && v.code == "not_a_person"),
        "{err:?}"
    );
    let err = w.store.write(Some(&actor), |tx| merge(tx, &actor, victim, victim, None, serde_json::json!([]), false));
    assert!(matches!(err, Err(StoreError::Validation(ref v)) if v.code == "same_party"), "{err:?}");
    let err = w.store.write(Some(&actor), |tx| merge(tx, &actor, victim, survivor, None, serde_json::json!([]), false));
    assert!(matches!(err, Err(StoreError::Conflict { code: "already_same_person", .. })), "{err:?}");
    let err = w
        .store
        .write(Some(&actor), |tx| merge(tx, &actor, victim, f.people[2], Some(1.5), serde_json::json!([]), false));
    assert!(matches!(err, Err(StoreError::Validation(ref v)) if v.field == "probability"), "{err:?}");
}

#[test]
fn a_user_who_cannot_see_a_record_cannot_merge_it_or_see_it_in_a_person() {
    let w = World::new();
    let actor = w.user(Role::Investigator);
    let stranger = w.user(Role::Investigator);
    let analyst = w.user(Role::Analyst);
    let manager = w.user(Role::Manager);
    let f = fixture(&w, &actor);
    let mine =
        w.store.write(Some(&stranger), |tx| Ok(parties::create(tx, &stranger, person("Aung Ko", false))?.id)).unwrap();
    let (a, b) = (f.people[3], f.people[2]);

    let err = w.store.write(Some(&stranger), |tx| merge(tx, &stranger, mine, a, None, serde_json::json!([]), false));
    assert!(matches!(err, Err(StoreError::NotFound)), "{err:?}");
    let err = w.store.write(Some(&analyst), |tx| merge(tx, &analyst, a, b, None, serde_json::json!([]), false));
    assert!(matches!(err, Err(StoreError::Forbidden(_))), "{err:?}");
    let refused: i64 = w
        .store
        .read(None, |tx| {
            Ok(audit_log::table
                .filter(audit_log::action.eq_any(["access.refused", "access.forbidden"]))
                .count()
                .get_result(tx.conn)?)
        })
        .unwrap();
    assert_eq!(refused, 2, "both refusals are audited");

    // The manager sees both organisations' records; merges them; each investigator sees only
    // their own record of that person, and not the decision (one end is hidden from them).
    let m =
        w.store.write(Some(&manager), |tx| merge(tx, &manager, mine, a, None, serde_json::json!([]), false)).unwrap();
    let theirs = w.store.read(Some(&stranger), |tx| person_records(tx, &stranger, mine)).unwrap();
    assert_eq!(theirs.records.iter().map(|r| r.party.id).collect::<Vec<_>>(), vec![mine]);
    assert!(theirs.decisions.is_empty());
    let err = w.store.write(Some(&stranger), |tx| unmerge(tx, &stranger, m.id));
    assert!(matches!(err, Err(StoreError::NotFound)), "{err:?}");
    let all = w.store.read(Some(&manager), |tx| person_records(tx, &manager, a)).unwrap();
    assert_eq!(all.records.len(), 2);
    assert_eq!(all.decisions.len(), 1);
    let err = w.store.write(Some(&stranger), |tx| person_records(tx, &stranger, a));
    assert!(matches!(err, Err(StoreError::NotFound)), "{err:?}");
}

#[test]
fn the_auto_merge_threshold_is_an_administrators_and_never_by_default() {
    let w = World::new();
    let admin = w.user(Role::Administrator);
    let actor = w.user(Role::Investigator);
    let f = fixture(&w, &actor);
    let (a, b) = (f.people[2], f.people[3]);
    let candidates = |p: f64| {
        move |_: &mut Tx<'_>| Ok(vec![Candidate { party: b, probability: p, explanation: serde_json::json!([]) }])
    };

    assert_eq!(w.store.read(None, auto_merge_threshold).unwrap(), None);
    // Never by default, whatever the probability.
    let got = w.store.write(Some(&actor), |tx| auto_merge(tx, &actor, a, candidates(1.0))).unwrap();
    assert!(got.is_none());

    let err = w.store.write(Some(&actor), |tx| set_auto_merge_threshold(tx, &actor, Some(0.9)));
    assert!(matches!(err, Err(StoreError::Forbidden(_))), "{err:?}");
    for bad in [0.49, 1.01, f64::NAN, -1.0] {
        let err = w.store.write(Some(&admin), |tx| set_auto_merge_threshold(tx, &admin, Some(bad)));
        assert!(matches!(err, Err(StoreError::Validation(ref v)) if v.field == "auto_merge_threshold"), "{err:?}");
    }
    w.store.write(Some(&admin), |tx| set_auto_merge_threshold(tx, &admin, Some(0.95))).unwrap();
    assert_eq!(w.store.read(None, auto_merge_threshold).unwrap(), Some(0.95));

    let got = w.store.write(Some(&actor), |tx| auto_merge(tx, &actor, a, candidates(0.94))).unwrap();
    assert!(got.is_none(), "below the threshold");
    let got = w.store.write(Some(&actor), |tx| auto_merge(tx, &actor, a, candidates(0.95))).unwrap().unwrap();
    assert!(got.auto);
    assert_eq!((got.party_a, got.party_b, got.probability), (a, b, Some(0.95)));
    assert_eq!(got.decided_by, actor.user_id);
    // Already one person: nothing more happens.
    assert!(w.store.write(Some(&actor), |tx| auto_merge(tx, &actor, a, candidates(0.99))).unwrap().is_none());

    w.store.write(Some(&admin), |tx| set_auto_merge_threshold(tx, &admin, None)).unwrap();
    assert_eq!(w.store.read(None, auto_merge_threshold).unwrap(), None);
    let details: Vec<String> = w
        .store
        .read(None, |tx| {
            Ok(audit_log::table
                .filter(audit_log::action.eq("settings.auto_merge_threshold"))
                .order(audit_log::seq)
                .select(audit_log::detail)
                .load::<String>(tx.conn)?)
        })
        .unwrap();
    let details: Vec<serde_json::Value> = details.iter().map(|d| serde_json::from_str(d).unwrap()).collect();
    assert_eq!(
        details,
        vec![serde_json::json!({"from": null, "to": 0.95}), serde_json::json!({"from": 0.95, "to": null})]
    );
}
