//! The live matching index: every person party in the database, normalised by the intel crate
//! (docs/decisions/0009), searched by search-before-create and the search box, and scanned for
//! the review queue of suggested duplicates.
//!
//! The index holds every person, whoever may see it: it is built and kept current from the store
//! without a user's scope, and nothing it finds reaches a user except through
//! [`parties::visible_among`], which applies that user's scope and masks survivors. It is brought up
//! to date before each use from the rows changed since the last sync (with a margin, so that a
//! transaction that committed late is not missed), so every server process sees what any other
//! wrote.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::party::Party;
use counternet_domain::vocab::PartyKind;
use counternet_domain::Actor;
use counternet_intel::model::Explanation;
use counternet_intel::search::{parse_query, Hit, PersonIndex};
use counternet_intel::PersonRecord;
use counternet_store::error::StoreResult;
use counternet_store::parties;
use counternet_store::rows::PartyRow;
use counternet_store::Tx;

/// Rows read per page while syncing.
const FEED_PAGE: i64 = 20_000;
/// How far back each sync looks again, for transactions that committed after a later one.
const SYNC_MARGIN_SECONDS: i64 = 120;
/// How many index hits a search puts through the user's scope (a user who may see few parties
/// still gets theirs among many others').
const SCOPE_WINDOW: usize = 500;

/// One field's part in a match: its level ("exact", "close", "different"...) and weight (log2 of
/// how much likelier this is for one person than for two; negative against).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Why {
    pub field: String,
    pub level: String,
    pub weight: f64,
}

/// A party found by a search, with why.
#[derive(Debug, Clone)]
pub struct Found {
    pub party: Party,
    /// The sum of the fields' weights ([`counternet_intel::search::Hit::evidence`]).
    pub evidence: f64,
    /// The fields that were compared (missing ones left out), strongest first.
    pub why: Vec<Why>,
}

/// A suggested duplicate pair.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Suggestion {
    pub a: Uuid,
    pub b: Uuid,
    pub probability: f64,
    pub why: Vec<Why>,
}

/// How a match's evidence (log2 of the likelihood ratio) reads to a user: "strong", "likely" or
/// "possible".
pub fn strength(evidence: f64) -> &'static str {
    if evidence >= 20.0 {
        "strong"
    } else if evidence >= 12.0 {
        "likely"
    } else {
        "possible"
    }
}

/// The fields of an explanation that were compared, strongest evidence first.
pub fn why(e: &Explanation) -> Vec<Why> {
    let mut out: Vec<Why> = e
        .fields
        .iter()
        .filter(|f| f.level != "missing")
        .map(|f| Why { field: f.field.clone(), level: f.level.clone(), weight: (f.weight * 100.0).round() / 100.0 })
        .collect();
    out.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    out
}

struct Loaded {
    index: PersonIndex<Uuid>,
    /// A fingerprint of each indexed record, to skip rows read again unchanged.
    stamps: HashMap<Uuid, u64>,
    /// The newest `updated_at` read.
    newest: String,
    /// Bumped whenever the index changes.
    generation: u64,
    /// The suggested pairs of one generation (the whole index; scope is applied per request).
    pairs: Option<(u64, f64, Vec<Suggestion>)>,
}

/// The index and its sync state, shared by the handlers.
pub struct Matcher {
    inner: Mutex<Loaded>,
    reference_year: u16,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher").finish_non_exhaustive()
    }
}

/// A person party as the resolver reads it, with the first phone and address linked to it.
pub fn person_record(row: &PartyRow, contacts: &[PartyRow]) -> PersonRecord {
    let phone = contacts.iter().find(|c| c.kind == PartyKind::Phone.code()).and_then(|c| c.identifier.clone());
    let address = contacts.iter().find(|c| c.kind == PartyKind::Address.code());
    let attribute = |name: &str| {
        let a = serde_json::from_str::<serde_json::Value>(&address?.attributes).ok()?;
        a.get(name)?.as_str().map(String::from)
    };
    PersonRecord {
        given_name: row.given_name.clone(),
        family_name: row.family_name.clone(),
        full_name: Some(row.name.clone()),
        date_of_birth: row.date_of_birth.clone(),
        sex: row.gender.clone(),
        nationality: row.nationality.clone(),
        id_number: row.id_number.clone(),
        phone,
        address: address.and_then(|a| a.identifier.clone()),
        locality: attribute("locality"),
        postcode: attribute("postcode"),
    }
}

fn earlier(stamp: &str, seconds: i64) -> String {
    match chrono::DateTime::parse_from_rfc3339(stamp) {
        Ok(t) => (t.with_timezone(&chrono::Utc) - chrono::Duration::seconds(seconds))
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        Err(_) => String::new(),
    }
}

impl Matcher {
    /// An empty index; it fills on first use. `reference_year` turns an estimated age into a year.
    pub fn new(reference_year: u16) -> Matcher {
        // The built-in model is compiled in and read by a unit test; the fallback only keeps a broken
        // build serving (every field then weighs nothing until the next release).
        let model = counternet_intel::built_in_model(100_000)
            .unwrap_or_else(|| counternet_intel::Model::from_random_pairs(&HashMap::new()));
        Matcher {
            inner: Mutex::new(Loaded {
                index: PersonIndex::new(model, reference_year),
                stamps: HashMap::new(),
                newest: String::new(),
                generation: 0,
                pairs: None,
            }),
            reference_year,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        // A panic while holding the lock leaves at worst a stale index; keep serving.
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the persons recorded or changed since the last sync into the index.
    pub fn sync(&self, tx: &mut Tx<'_>) -> StoreResult<usize> {
        let mut loaded = self.lock();
        sync_into(&mut loaded, tx)
    }

    /// How many persons the index holds.
    pub fn len(&self) -> usize {
        self.lock().index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The parties the actor may see that may be the person `query` describes (free text: a name
    /// in any script, a phone, an ID number, a date of birth), best first, at most `limit`.
    pub fn search(&self, tx: &mut Tx<'_>, actor: &Actor, query: &str, limit: usize) -> StoreResult<Vec<Found>> {
        let record = parse_query(query);
        if record == PersonRecord::default() {
            return Ok(Vec::new());
        }
        let hits = {
            let mut loaded = self.lock();
            sync_into(&mut loaded, tx)?;
            loaded.index.search(&record, SCOPE_WINDOW)
        };
        self.visible(tx, actor, hits, limit)
    }

    fn visible(&self, tx: &mut Tx<'_>, actor: &Actor, hits: Vec<Hit<Uuid>>, limit: usize) -> StoreResult<Vec<Found>> {
        let ids: Vec<Uuid> = hits.iter().map(|h| h.key).collect();
        let mut by_id: HashMap<Uuid, Hit<Uuid>> = hits.into_iter().map(|h| (h.key, h)).collect();
        Ok(parties::visible_among(tx, actor, &ids)?
            .into_iter()
            .take(limit)
            .filter_map(|party| {
                let hit = by_id.remove(&party.id)?;
                Some(Found { party, evidence: hit.evidence, why: why(&hit.explanation) })
            })
            .collect())
    }

    /// The best matches of one stored party among the parties the actor may see, best first.
    pub fn matches_of(
        &self,
        tx: &mut Tx<'_>,
        actor: &Actor,
        party_id: Uuid,
        limit: usize,
    ) -> StoreResult<Vec<Suggestion>> {
        let hits = {
            let mut loaded = self.lock();
            sync_into(&mut loaded, tx)?;
            loaded.index.matches_of(&party_id, SCOPE_WINDOW)
        };
        Ok(self
            .visible(tx, actor, hits.clone(), limit)?
            .into_iter()
            .filter_map(|f| {
                let hit = hits.iter().find(|h| h.key == f.party.id)?;
                Some(Suggestion { a: party_id, b: f.party.id, probability: hit.explanation.probability, why: f.why })
            })
            .collect())
    }

    /// Suggested duplicate pairs among the person parties the actor may see, best first, at or
    /// above `min_probability`, pairs already decided (merged or marked distinct) left out.
    pub fn suggestions(
        &self,
        tx: &mut Tx<'_>,
        actor: &Actor,
        min_probability: f64,
        limit: usize,
    ) -> StoreResult<Vec<Suggestion>> {
        let decided = counternet_store::merges::decided_pairs(tx)?;
        // Records already one person through other merges are no suggestion either.
        let person: HashMap<Uuid, Uuid> = counternet_store::merges::components(tx)?.into_iter().collect();
        let same_person = |a: &Uuid, b: &Uuid| person.get(a).is_some_and(|p| person.get(b) == Some(p));
        let all = {
            let mut loaded = self.lock();
            sync_into(&mut loaded, tx)?;
            let fresh =
                matches!(&loaded.pairs, Some((g, min, _)) if *g == loaded.generation && *min <= min_probability);
            if !fresh {
                let pairs = loaded
                    .index
                    .pairs_above(min_probability)
                    .into_iter()
                    .map(|p| Suggestion {
                        a: p.a,
                        b: p.b,
                        probability: p.explanation.probability,
                        why: why(&p.explanation),
                    })
                    .collect();
                loaded.pairs = Some((loaded.generation, min_probability, pairs));
            }
            match &loaded.pairs {
                Some((_, _, pairs)) => pairs
                    .iter()
                    .filter(|s| s.probability >= min_probability)
                    .filter(|s| !decided.contains(&(s.a, s.b)) && !decided.contains(&(s.b, s.a)))
                    .filter(|s| !same_person(&s.a, &s.b))
                    .cloned()
                    .collect::<Vec<_>>(),
                None => Vec::new(),
            }
        };
        let mut ids: Vec<Uuid> = all.iter().flat_map(|s| [s.a, s.b]).collect();
        ids.sort_unstable();
        ids.dedup();
        let seen: HashSet<Uuid> = parties::visible_among(tx, actor, &ids)?.into_iter().map(|p| p.id).collect();
        Ok(all.into_iter().filter(|s| seen.contains(&s.a) && seen.contains(&s.b)).take(limit).collect())
    }

    pub fn reference_year(&self) -> u16 {
        self.reference_year
    }
}

fn sync_into(loaded: &mut Loaded, tx: &mut Tx<'_>) -> StoreResult<usize> {
    let first = loaded.newest.is_empty();
    let since = if first { String::new() } else { earlier(&loaded.newest, SYNC_MARGIN_SECONDS) };
    let mut changed = 0;
    // Persons recorded or changed, a page at a time.
    let mut after: Option<(String, String)> = None;
    loop {
        let rows = parties::person_feed(tx, &since, after.as_ref().map(|(a, b)| (a.as_str(), b.as_str())), FEED_PAGE)?;
        let Some(last) = rows.last() else { break };
        after = Some((last.updated_at.clone(), last.id.clone()));
        let full = rows.len() as i64 == FEED_PAGE;
        changed += index_rows(loaded, tx, rows, &HashMap::new())?;
        if !full {
            break;
        }
    }
    // Persons given a phone or an address since (their own row unchanged). On the first load every
    // person was read above with its contacts.
    if !first {
        let linked: HashMap<String, String> = parties::contact_link_feed(tx, &since)?.into_iter().collect();
        let ids: Vec<String> = linked.keys().cloned().collect();
        let rows = parties::persons_by_ids(tx, &ids)?;
        changed += index_rows(loaded, tx, rows, &linked)?;
    }
    if changed > 0 {
        loaded.generation += 1;
    }
    Ok(changed)
}

/// Indexes person rows with their phones and addresses, skipping those indexed as they are now;
/// `linked` gives the time of a person's newest contact link. Returns how many changed.
fn index_rows(
    loaded: &mut Loaded,
    tx: &mut Tx<'_>,
    rows: Vec<PartyRow>,
    linked: &HashMap<String, String>,
) -> StoreResult<usize> {
    if rows.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut contacts: HashMap<String, Vec<PartyRow>> = HashMap::new();
    for (person, contact) in parties::contacts_of(tx, &ids)? {
        contacts.entry(person).or_default().push(contact);
    }
    let mut changed = 0;
    for row in rows {
        let stamp = match linked.get(&row.id) {
            Some(at) if *at > row.updated_at => at.clone(),
            _ => row.updated_at.clone(),
        };
        if stamp > loaded.newest {
            loaded.newest.clone_from(&stamp);
        }
        let Ok(id) = Uuid::parse_str(&row.id) else { continue };
        let record = person_record(&row, contacts.get(&row.id).map_or(&[][..], Vec::as_slice));
        let digest = fingerprint(&record);
        if loaded.stamps.get(&id) == Some(&digest) {
            continue;
        }
        loaded.index.upsert(id, &record);
        loaded.stamps.insert(id, digest);
        changed += 1;
    }
    Ok(changed)
}

/// What a record was indexed as, to skip re-reading it unchanged.
fn fingerprint(record: &PersonRecord) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for field in [
        &record.given_name,
        &record.family_name,
        &record.full_name,
        &record.date_of_birth,
        &record.sex,
        &record.nationality,
        &record.phone,
        &record.id_number,
        &record.address,
        &record.locality,
        &record.postcode,
    ] {
        field.hash(&mut h);
    }
    h.finish()
}
