//! FollowTheMoney (FtM) JSON lines: the network exported for other tools, and imported from them
//! (decision 0013).
//!
//! Export reads every party and link in one transaction, which also writes its one audit entry
//! (`export.ftm`, counts only, and the reason when survivors are revealed). Survivors are masked
//! exactly as the application masks them ([`parties::to_party`], records merged with a survivor's
//! included) unless the export reveals them on purpose.
//!
//! Import parses and checks the whole file before its one write transaction opens; then each
//! party and link is created with its own audit entry, plus one `import.ftm` entry with counts.
//! A bad line stops the import with its line number and nothing is kept. The FtM id of each
//! imported entity is remembered per organisation (`ftm_ids`), so importing a file again adds
//! nothing twice; an id `cn-<uuid>` naming a record the importer can already see is that record.
//!
//! Messages never carry values from the file or the database (names, numbers): only line
//! numbers, schemas and property names.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use counternet_domain::link::LinkInput;
use counternet_domain::party::{Party, PartyInput};
use counternet_domain::validation::optional_text;
use counternet_domain::vocab::{Confidence, Gender, LinkKind, LinkSource, PartyKind};
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::clock::fmt_time;
use crate::error::{StoreError, StoreResult};
use crate::parties::{self, to_party, Disclosure};
use crate::rows::{FtmIdRow, LinkRow, PartyRow};
use crate::schema::{ftm_ids, links, parties as party_table};
use crate::{Store, Tx};

/// The prefix of the FtM ids counternet gives its records: `cn-<uuid>`.
pub const ID_PREFIX: &str = "cn-";
/// The prefix of counternet's own values in `keywords` (entities) and `summary` (relationships).
const OURS: &str = "counternet:";

// ---------------------------------------------------------------------------------------------
// Values as FtM keeps them

/// Characters FtM's cleaning removes from text (zero-width and direction marks, the soft hyphen,
/// the byte-order mark), and control characters.
fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}')
        || matches!(c, '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A name, address, identifier or short string as FtM cleans it: invisible and control characters
/// removed, runs of white space made one space, trimmed.
pub fn clean_line(s: &str) -> String {
    let kept: String = s.chars().filter(|c| !invisible(*c)).map(|c| if c.is_control() { ' ' } else { c }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Free text (notes, descriptions): invisible and control characters other than line breaks and
/// tabs removed, trimmed.
pub fn clean_text(s: &str) -> String {
    let kept: String = s
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !invisible(*c) && (!c.is_control() || *c == '\n' || *c == '\t'))
        .collect();
    kept.trim().to_string()
}

/// The alpha-2 form FtM keeps for an ISO 3166-1 alpha-3 code.
pub fn alpha2(alpha3: &str) -> Option<&'static str> {
    let upper = alpha3.trim().to_ascii_uppercase();
    COUNTRIES
        .binary_search_by(|(a3, _)| (*a3).cmp(upper.as_str()))
        .ok()
        .and_then(|i| COUNTRIES.get(i))
        .map(|(_, a2)| *a2)
}

/// The ISO 3166-1 alpha-3 code of an FtM country (alpha-2, any case).
pub fn alpha3(alpha2: &str) -> Option<&'static str> {
    let lower = alpha2.trim().to_ascii_lowercase();
    COUNTRIES.iter().find(|(_, a2)| *a2 == lower).map(|(a3, _)| *a3)
}

/// Whether the `followthemoney` package surely keeps a phone number as a phone. It drops numbers
/// that libphonenumber does not hold valid, and counternet does not carry that library's tables, so
/// only the Thai numbering plan's ranges that are valid throughout count (mobile 06x except 067 and
/// 069, 08x and 09x; the landline areas 02, 032-039, 042-045, 052-056 and 073-077); every other
/// number is written as counternet's own keyword (`counternet:phone=+95...`), which FtM keeps as
/// text and an import reads back, so that no number is ever dropped.
pub fn ftm_keeps_phone(e164: &str) -> bool {
    let Some(national) = e164.strip_prefix("+66") else { return false };
    if !national.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let b = national.as_bytes();
    let at = |i: usize| b.get(i).map_or(0, |d| d - b'0');
    matches!(
        (national.len(), at(0), at(1)),
        (9, 6, 0..=6 | 8) | (9, 8 | 9, _) | (8, 2, _) | (8, 3, 2..=9) | (8, 4, 2..=5) | (8, 5, 2..=6) | (8, 7, 3..=7)
    )
}

/// Writes a phone number to `prop`, or (when FtM might drop it) as our own value of `prop` in
/// `keep_in` (`keywords` for persons and organisations, `summary` for calls).
fn phone_out(props: &mut Props, prop: &str, keep_in: &str, number: Option<&str>) {
    let Some(n) = number else { return };
    if ftm_keeps_phone(n) {
        props.line(prop, Some(n));
    } else {
        props.ours(keep_in, prop, Some(n));
    }
}

/// The FtM id of a counternet record.
pub fn ftm_id(id: &str) -> String {
    format!("{ID_PREFIX}{id}")
}

/// Whether an FtM id is one FtM keeps (`^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$`).
pub fn valid_id(id: &str) -> bool {
    let ok = |c: char| c.is_ascii_alphanumeric();
    let (Some(first), Some(last)) = (id.chars().next(), id.chars().last()) else { return false };
    ok(first) && ok(last) && id.chars().all(|c| ok(c) || c == '.' || c == '-')
}

fn gender_out(g: Gender) -> (Option<&'static str>, bool) {
    match g {
        Gender::Feminine => (Some("female"), false),
        Gender::Masculine => (Some("male"), false),
        Gender::TransgenderFeminine | Gender::TransgenderMasculine | Gender::NonConforming => (Some("other"), true),
        Gender::Unknown => (None, true),
    }
}

/// An entity's properties, each a list of distinct, non-empty values.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Props(BTreeMap<String, Vec<String>>);

impl Props {
    fn add(&mut self, prop: &str, value: String) {
        if value.is_empty() {
            return;
        }
        let values = self.0.entry(prop.to_string()).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }

    fn line(&mut self, prop: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.add(prop, clean_line(v));
        }
    }

    fn text(&mut self, prop: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.add(prop, clean_text(v));
        }
    }

    fn ours(&mut self, prop: &str, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.add(prop, format!("{OURS}{key}={}", clean_line(v))),
            None => self.add(prop, format!("{OURS}{key}")),
        }
    }

    fn country(&mut self, prop: &str, keywords: &str, alpha3: Option<&str>) {
        let Some(code) = alpha3 else { return };
        match alpha2(code) {
            Some(a2) => self.add(prop, a2.to_string()),
            None => self.ours(keywords, prop, Some(code)),
        }
    }

    fn first(&self, prop: &str) -> Option<&str> {
        self.0.get(prop).and_then(|v| v.first()).map(String::as_str)
    }

    fn all(&self, prop: &str) -> &[String] {
        self.0.get(prop).map(Vec::as_slice).unwrap_or(&[])
    }

    /// counternet's own value `key` from `keywords` or `summary` (`counternet:key=value`).
    fn our(&self, prop: &str, key: &str) -> Option<&str> {
        self.all(prop).iter().find_map(|v| v.strip_prefix(OURS)?.strip_prefix(key)?.strip_prefix('='))
    }

    /// Every value of counternet's own `key` in `prop`.
    fn ours_all(&self, prop: &str, key: &str) -> Vec<&str> {
        self.all(prop).iter().filter_map(|v| v.strip_prefix(OURS)?.strip_prefix(key)?.strip_prefix('=')).collect()
    }

    fn our_flag(&self, prop: &str, key: &str) -> bool {
        self.all(prop).iter().any(|v| v.strip_prefix(OURS) == Some(key))
    }
}

/// One line of an FtM file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entity {
    id: String,
    schema: String,
    properties: Props,
}

// ---------------------------------------------------------------------------------------------
// Export

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// Lines written (entities).
    pub entities: usize,
    /// Parties written as entities (persons, organisations, addresses, vehicles, accounts).
    pub parties: usize,
    /// Links written as relationship entities (Family, Ownership, Payment, UnknownLink, ...).
    pub links: usize,
    /// Links written as a property of a person or organisation (phone, email, addressEntity).
    pub links_as_properties: usize,
    /// Masked survivor contacts (and the links to them) left out.
    pub withheld: usize,
    /// Records FtM has no way to hold (a phone or e-mail address used by no person or
    /// organisation, a link between two of them).
    pub not_representable: usize,
    /// Survivors written in full.
    pub revealed: bool,
    /// Assets written (RealEstate, Vehicle or Asset, each with an Ownership when its owner is
    /// written as a person or organisation).
    #[serde(default)]
    pub assets: usize,
}

/// An export: the JSON lines and what they hold.
#[derive(Debug, Clone)]
pub struct Export {
    pub jsonl: String,
    pub summary: ExportSummary,
}

fn schema_of(kind: PartyKind) -> Option<&'static str> {
    match kind {
        PartyKind::Person => Some("Person"),
        PartyKind::Organisation => Some("Organization"),
        PartyKind::Address => Some("Address"),
        PartyKind::Vehicle => Some("Vehicle"),
        PartyKind::BankAccount => Some("BankAccount"),
        PartyKind::OnlineAccount => Some("UserAccount"),
        PartyKind::Phone | PartyKind::Email => None,
    }
}

fn is_legal(kind: PartyKind) -> bool {
    matches!(kind, PartyKind::Person | PartyKind::Organisation)
}

fn is_asset(kind: PartyKind) -> bool {
    matches!(kind, PartyKind::Vehicle | PartyKind::BankAccount)
}

fn attr<'a>(p: &'a Party, key: &str) -> Option<&'a str> {
    p.attributes.get(key).and_then(|v| v.as_str())
}

/// A party as an entity (without the properties its links add).
fn party_entity(p: &Party, schema: &'static str) -> Entity {
    let mut props = Props::default();
    props.line("name", Some(&p.name));
    match p.kind {
        PartyKind::Person => {
            props.line("firstName", p.given_name.as_deref());
            props.line("lastName", p.family_name.as_deref());
            if let Some(d) = p.date_of_birth {
                props.add("birthDate", d.format("%Y-%m-%d").to_string());
            }
            if let Some(g) = p.gender {
                let (value, exact) = gender_out(g);
                if let Some(v) = value {
                    props.add("gender", v.to_string());
                }
                if exact {
                    props.ours("keywords", "gender", Some(g.code()));
                }
            }
            props.country("nationality", "keywords", p.nationality.as_deref());
            props.line("idNumber", p.id_number.as_deref());
        }
        PartyKind::Organisation => props.country("country", "keywords", attr(p, "country")),
        PartyKind::Address => {
            props.line("full", p.identifier.as_deref());
            props.line("city", attr(p, "locality"));
            props.line("postalCode", attr(p, "postcode"));
            props.country("country", "keywords", attr(p, "country"));
        }
        PartyKind::Vehicle => {
            props.line("registrationNumber", p.identifier.as_deref());
            props.line("model", attr(p, "model"));
            if let Some(make) = attr(p, "make") {
                props.ours("keywords", "make", Some(make));
            }
            if let Some(colour) = attr(p, "colour") {
                props.ours("keywords", "colour", Some(colour));
            }
            props.country("country", "keywords", attr(p, "country"));
        }
        PartyKind::BankAccount => {
            props.line("accountNumber", p.identifier.as_deref());
            props.line("bankName", attr(p, "bank"));
        }
        PartyKind::OnlineAccount => {
            props.line("username", p.identifier.as_deref());
            props.line("service", attr(p, "platform"));
        }
        PartyKind::Phone | PartyKind::Email => {}
    }
    props.text("notes", attr(p, "notes"));
    if p.survivor {
        props.ours("keywords", "survivor", None);
    }
    if p.masked {
        props.ours("keywords", "masked", None);
    }
    Entity { id: ftm_id(&p.id.to_string()), schema: schema.to_string(), properties: props }
}

/// A link as a relationship entity: the schema, and the two properties its ends go in.
fn relationship(kind: LinkKind, from: PartyKind, to: PartyKind) -> (&'static str, &'static str, &'static str) {
    let person = PartyKind::Person;
    match kind {
        LinkKind::Family if from == person && to == person => ("Family", "person", "relative"),
        LinkKind::Associate if from == person && to == person => ("Associate", "person", "associate"),
        LinkKind::Owns if is_legal(from) && is_asset(to) => ("Ownership", "owner", "asset"),
        LinkKind::Employs if from == PartyKind::Organisation && to == person => ("Employment", "employer", "employee"),
        LinkKind::Directs if is_legal(from) && to == PartyKind::Organisation => {
            ("Directorship", "director", "organization")
        }
        _ => ("UnknownLink", "subject", "object"),
    }
}

/// The properties every relationship entity carries: dates, notes, our source and confidence.
fn interval(props: &mut Props, schema: &str, l: &LinkRow) {
    if let Some(s) = &l.starts_on {
        props.add(if schema == "Payment" { "date" } else { "startDate" }, s.clone());
    }
    if let Some(e) = &l.ends_on {
        props.add("endDate", e.clone());
    }
    props.text("description", l.notes.as_deref());
    props.ours("summary", "source", Some(&l.source));
    props.ours("summary", "confidence", Some(&l.confidence));
}

/// Exports every party and link as FtM JSON lines, survivors masked unless `reveal_reason` is
/// given (then in full: the reason is required and audited). One transaction reads everything and
/// writes the `export.ftm` audit entry.
pub fn export(store: &Store, actor: &Actor, reveal_reason: Option<&str>) -> StoreResult<Export> {
    let reason = optional_text("reason", reveal_reason, 500)?;
    if reveal_reason.is_some() && reason.is_none() {
        return Err(ValidationError::new("reason", "required", "revealing survivors needs a reason").into());
    }
    let disclosure = if reason.is_some() { Disclosure::Revealed } else { Disclosure::Masked };
    store.write(Some(actor), |tx| {
        let export = export_in(tx, disclosure)?;
        let s = &export.summary;
        tx.audit(AuditEvent::new("export.ftm", "export", crate::new_id()).detail(serde_json::json!({
            "entities": s.entities,
            "parties": s.parties,
            "links": s.links,
            "links_as_properties": s.links_as_properties,
            "withheld": s.withheld,
            "not_representable": s.not_representable,
            "revealed": s.revealed,
            "reason": reason,
        })));
        Ok(export)
    })
}

fn export_in(tx: &mut Tx<'_>, disclosure: Disclosure) -> StoreResult<Export> {
    let today = tx.now.date_naive();
    let mut rows: Vec<PartyRow> = party_table::table
        .order((party_table::created_at.asc(), party_table::id.asc()))
        .select(PartyRow::as_select())
        .load(tx.conn)?;
    crate::merges::protect_by_person(tx, &mut rows)?;
    let party_list: Vec<Party> =
        rows.into_iter().map(|r| to_party(r, disclosure, today)).collect::<StoreResult<_>>()?;
    let link_rows: Vec<LinkRow> =
        links::table.order((links::created_at.asc(), links::id.asc())).select(LinkRow::as_select()).load(tx.conn)?;

    let mut summary = ExportSummary { revealed: disclosure == Disclosure::Revealed, ..ExportSummary::default() };
    let by_id: HashMap<String, &Party> = party_list.iter().map(|p| (p.id.to_string(), p)).collect();
    // Parties written as entities, by id, and the order they came in.
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut withheld: HashSet<String> = HashSet::new();
    for p in &party_list {
        let id = p.id.to_string();
        match schema_of(p.kind) {
            Some(_) if p.masked && p.kind != PartyKind::Person => {
                withheld.insert(id);
            }
            Some(schema) => {
                entities.insert(id.clone(), party_entity(p, schema));
                order.push(id);
            }
            None if p.masked => {
                withheld.insert(id);
            }
            None => {}
        }
    }
    summary.withheld = withheld.len();

    // Owners of accounts, for payments between accounts: the first owner or user recorded.
    let mut owner_of: HashMap<&str, &str> = HashMap::new();
    for l in &link_rows {
        let kind = LinkKind::from_code(&l.kind);
        if !matches!(kind, Some(LinkKind::Owns | LinkKind::UsesAccount)) {
            continue;
        }
        let (Some(from), Some(to)) = (by_id.get(&l.from_party), by_id.get(&l.to_party)) else { continue };
        if is_legal(from.kind) && to.kind == PartyKind::BankAccount && entities.contains_key(&l.from_party) {
            owner_of.entry(l.to_party.as_str()).or_insert(l.from_party.as_str());
        }
    }

    // Users of phones, for calls: the first person or organisation recorded using each phone.
    let mut user_of_phone: HashMap<&str, &str> = HashMap::new();
    for l in &link_rows {
        if LinkKind::from_code(&l.kind) != Some(LinkKind::UsesPhone) {
            continue;
        }
        let (Some(from), Some(to)) = (by_id.get(&l.from_party), by_id.get(&l.to_party)) else { continue };
        if is_legal(from.kind) && !from.masked && to.kind == PartyKind::Phone && entities.contains_key(&l.from_party) {
            user_of_phone.entry(l.to_party.as_str()).or_insert(l.from_party.as_str());
        }
    }

    let mut used_contacts: HashSet<String> = HashSet::new();
    let mut relationships: Vec<Entity> = Vec::new();
    for l in &link_rows {
        let kind = LinkKind::from_code(&l.kind).ok_or_else(|| StoreError::corrupt("unknown link kind"))?;
        let (Some(from), Some(to)) = (by_id.get(&l.from_party), by_id.get(&l.to_party)) else {
            return Err(StoreError::corrupt("a link names a party that does not exist"));
        };
        if withheld.contains(&l.from_party) || withheld.contains(&l.to_party) {
            summary.withheld += 1;
            continue;
        }
        // Contacts: a property of the person or organisation that uses them.
        let contact = match kind {
            LinkKind::UsesPhone => Some((PartyKind::Phone, "phone")),
            LinkKind::UsesEmail => Some((PartyKind::Email, "email")),
            LinkKind::LivesAt => Some((PartyKind::Address, "addressEntity")),
            _ => None,
        };
        if let Some((contact_kind, prop)) = contact {
            let pair = if is_legal(from.kind) && to.kind == contact_kind {
                Some((from, to))
            } else if is_legal(to.kind) && from.kind == contact_kind {
                Some((to, from))
            } else {
                None
            };
            if let Some((user, c)) = pair {
                // A masked survivor shows no contacts at all.
                if !user.masked {
                    if let Some(entity) = entities.get_mut(&user.id.to_string()) {
                        match contact_kind {
                            PartyKind::Address => {
                                entity.properties.add(prop, ftm_id(&c.id.to_string()));
                                entity.properties.line("address", c.identifier.as_deref());
                            }
                            PartyKind::Phone => {
                                phone_out(&mut entity.properties, prop, "keywords", c.identifier.as_deref())
                            }
                            _ => entity.properties.line(prop, c.identifier.as_deref()),
                        }
                        used_contacts.insert(c.id.to_string());
                        summary.links_as_properties += 1;
                    }
                } else {
                    summary.withheld += 1;
                }
                continue;
            }
        }
        let mut props = Props::default();
        // A call with a phone at one end or both: FtM's Call holds the numbers.
        let phone_or_legal = |p: &Party| p.kind == PartyKind::Phone || is_legal(p.kind);
        if kind == LinkKind::Called
            && (from.kind == PartyKind::Phone || to.kind == PartyKind::Phone)
            && phone_or_legal(from)
            && phone_or_legal(to)
        {
            for (end, id, number_prop, entity_prop) in
                [(from, &l.from_party, "callerNumber", "caller"), (to, &l.to_party, "receiverNumber", "receiver")]
            {
                if end.kind == PartyKind::Phone {
                    phone_out(&mut props, number_prop, "summary", end.identifier.as_deref());
                    used_contacts.insert(id.clone());
                    if let Some(user) = user_of_phone.get(id.as_str()) {
                        props.add(entity_prop, ftm_id(user));
                    }
                } else {
                    props.add(entity_prop, ftm_id(id));
                }
            }
            interval(&mut props, "Call", l);
            relationships.push(Entity { id: ftm_id(&l.id), schema: "Call".to_string(), properties: props });
            continue;
        }
        if !entities.contains_key(&l.from_party) || !entities.contains_key(&l.to_party) {
            // A phone or e-mail address at one end: FtM has no entity for it.
            summary.not_representable += 1;
            continue;
        }
        let (schema, from_prop, to_prop) = if kind == LinkKind::Paid {
            let payer = if is_legal(from.kind) {
                Some(l.from_party.as_str())
            } else {
                owner_of.get(l.from_party.as_str()).copied()
            };
            let beneficiary =
                if is_legal(to.kind) { Some(l.to_party.as_str()) } else { owner_of.get(l.to_party.as_str()).copied() };
            match (payer, beneficiary) {
                (Some(payer), Some(beneficiary)) => {
                    props.add("payer", ftm_id(payer));
                    props.add("beneficiary", ftm_id(beneficiary));
                    if from.kind == PartyKind::BankAccount {
                        props.add("payerAccount", ftm_id(&l.from_party));
                    }
                    if to.kind == PartyKind::BankAccount {
                        props.add("beneficiaryAccount", ftm_id(&l.to_party));
                    }
                    ("Payment", "", "")
                }
                _ => ("UnknownLink", "subject", "object"),
            }
        } else {
            relationship(kind, from.kind, to.kind)
        };
        if !from_prop.is_empty() {
            props.add(from_prop, ftm_id(&l.from_party));
            props.add(to_prop, ftm_id(&l.to_party));
        }
        if schema == "UnknownLink" {
            props.add("role", kind.code().to_string());
        }
        interval(&mut props, schema, l);
        relationships.push(Entity { id: ftm_id(&l.id), schema: schema.to_string(), properties: props });
    }
    for p in &party_list {
        if matches!(p.kind, PartyKind::Phone | PartyKind::Email)
            && !p.masked
            && !used_contacts.contains(&p.id.to_string())
        {
            summary.not_representable += 1;
        }
    }

    // Assets (issue 7): what they are, their estimated value, the evidence and their AMLO stage;
    // an Ownership from their owner when the owner is written as a person or organisation.
    let asset_rows: Vec<crate::rows::AssetRow> = crate::schema::assets::table
        .order((crate::schema::assets::created_at.asc(), crate::schema::assets::id.asc()))
        .select(crate::rows::AssetRow::as_select())
        .load(tx.conn)?;
    for a in &asset_rows {
        let schema = match a.kind.as_str() {
            "real_estate" => "RealEstate",
            // A vehicle asset stays an Asset: a Vehicle entity is a vehicle party in FtM files.
            _ => "Asset",
        };
        let mut props = Props::default();
        props.line("name", Some(&a.description));
        props.add("amount", format!("{}.{:02}", a.estimated_value_minor / 100, (a.estimated_value_minor % 100).abs()));
        props.add("currency", a.currency.clone());
        props.text("notes", a.evidence.as_deref());
        props.ours("summary", "asset_kind", Some(&a.kind));
        props.ours("summary", "amlo_stage", Some(&a.stage));
        props.ours("summary", "stage_on", Some(&a.stage_on));
        let asset_id = ftm_id(&format!("asset-{}", a.id));
        relationships.push(Entity { id: asset_id.clone(), schema: schema.to_string(), properties: props });
        summary.assets += 1;
        let owner = a.owner_party_id.as_deref().and_then(|o| by_id.get(o).map(|p| (o, p)));
        if let Some((owner_id, p)) = owner {
            if is_legal(p.kind) && entities.contains_key(owner_id) {
                let mut props = Props::default();
                props.add("owner", ftm_id(owner_id));
                props.add("asset", asset_id.clone());
                props.add("role", "owner".to_string());
                relationships.push(Entity {
                    id: ftm_id(&format!("ownership-{}", a.id)),
                    schema: "Ownership".to_string(),
                    properties: props,
                });
            }
        }
    }

    let mut jsonl = String::new();
    let lines = order.iter().filter_map(|id| entities.get(id)).chain(relationships.iter());
    for entity in lines {
        let line = serde_json::to_string(entity).map_err(|_| StoreError::corrupt("an entity cannot be written"))?;
        jsonl.push_str(&line);
        jsonl.push('\n');
        summary.entities += 1;
    }
    summary.parties = order.len();
    summary.links = relationships.len() - summary.assets;
    Ok(Export { jsonl, summary })
}

// ---------------------------------------------------------------------------------------------
// Import

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Entities read (non-empty lines).
    pub entities: usize,
    pub parties_created: usize,
    /// Parties already here: imported before, the same identifier already recorded, or a `cn-`
    /// id of a record the importer can see.
    pub parties_existing: usize,
    pub links_created: usize,
    /// Links already here (imported before, or the same link already recorded).
    pub links_existing: usize,
    /// Assets (RealEstate, Asset) and their Ownership, which belong to a case and are not imported.
    #[serde(default)]
    pub assets_not_imported: usize,
}

/// Schemas of assets: they belong to a case, so an import (which has none) leaves them out.
const ASSET_SCHEMAS: [&str; 3] = ["RealEstate", "Asset", "Security"];

/// An error about one line of the file: "line 12: Payment without a payer".
fn line_error(line: usize, message: impl Into<String>) -> StoreError {
    ValidationError::new(format!("line {line}"), "invalid_ftm", message).into()
}

/// A validation error of the store or the domain, placed on a line.
fn on_line(line: usize) -> impl Fn(StoreError) -> StoreError {
    move |e| match e {
        StoreError::Validation(v) => line_error(line, format!("{}: {}", v.field, v.message)),
        other => other,
    }
}

/// The party a Thing entity becomes.
fn party_kind(schema: &str) -> Option<PartyKind> {
    match schema {
        "Person" => Some(PartyKind::Person),
        "Organization" | "Company" | "PublicBody" | "LegalEntity" => Some(PartyKind::Organisation),
        "Address" => Some(PartyKind::Address),
        "Vehicle" => Some(PartyKind::Vehicle),
        "BankAccount" => Some(PartyKind::BankAccount),
        "UserAccount" => Some(PartyKind::OnlineAccount),
        _ => None,
    }
}

/// The link a relationship entity becomes, and the properties holding its two ends.
fn link_kind(schema: &str) -> Option<(LinkKind, &'static str, &'static str)> {
    match schema {
        "Family" => Some((LinkKind::Family, "person", "relative")),
        "Associate" => Some((LinkKind::Associate, "person", "associate")),
        "Ownership" => Some((LinkKind::Owns, "owner", "asset")),
        "Employment" => Some((LinkKind::Employs, "employer", "employee")),
        "Directorship" => Some((LinkKind::Directs, "director", "organization")),
        "Payment" => Some((LinkKind::Paid, "payer", "beneficiary")),
        "UnknownLink" => Some((LinkKind::Unknown, "subject", "object")),
        "Call" => Some((LinkKind::Called, "caller", "receiver")),
        _ => None,
    }
}

fn parse_date(line: usize, prop: &str, value: Option<&str>) -> StoreResult<Option<NaiveDate>> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| line_error(line, format!("{prop}: not a full date (YYYY-MM-DD)")))
        })
        .transpose()
}

fn country_in(line: usize, props: &Props, prop: &str) -> StoreResult<Option<String>> {
    match props.first(prop) {
        Some(v) => alpha3(v)
            .map(|c| Some(c.to_string()))
            .ok_or_else(|| line_error(line, format!("{prop}: not a country FtM knows"))),
        None => Ok(props.our("keywords", prop).map(str::to_string)),
    }
}

fn joined(props: &Props, prop: &str) -> Option<String> {
    let all = props.all(prop);
    (!all.is_empty()).then(|| all.join("\n\n"))
}

/// A Thing entity as a party to record, checked as the API checks a new party.
fn party_input(line: usize, e: &Entity, kind: PartyKind) -> StoreResult<PartyInput> {
    let p = &e.properties;
    let first = |prop: &str| p.first(prop).map(str::to_string);
    let need = |ok: bool, prop: &str| {
        if ok {
            Ok(())
        } else {
            Err(line_error(line, format!("{} without a {prop}", e.schema)))
        }
    };
    let mut input = PartyInput { kind: Some(kind), notes: joined(p, "notes"), ..PartyInput::default() };
    if p.our_flag("keywords", "survivor") {
        input.survivor = Some(true);
    }
    match kind {
        PartyKind::Person => {
            need(p.first("name").or(p.first("firstName")).or(p.first("lastName")).is_some(), "name")?;
            input.full_name = first("name");
            input.given_name = first("firstName");
            input.family_name = first("lastName");
            input.date_of_birth = parse_date(line, "birthDate", p.first("birthDate"))?;
            input.gender = match p.our("keywords", "gender") {
                Some(code) => Some(
                    Gender::from_code(code).ok_or_else(|| line_error(line, "keywords: unknown counternet gender"))?,
                ),
                None => match p.first("gender") {
                    Some("female") => Some(Gender::Feminine),
                    Some("male") => Some(Gender::Masculine),
                    Some("other") => Some(Gender::NonConforming),
                    Some(_) => return Err(line_error(line, "gender: not male, female or other")),
                    None => None,
                },
            };
            input.nationality = country_in(line, p, "nationality")?;
            input.id_number = first("idNumber");
        }
        PartyKind::Organisation => {
            need(p.first("name").is_some(), "name")?;
            input.name = first("name");
            input.country = country_in(line, p, "country")?;
        }
        PartyKind::Address => {
            input.address = first("full").or_else(|| first("name"));
            need(input.address.is_some(), "full")?;
            input.locality = first("city");
            input.postcode = first("postalCode");
            input.country = country_in(line, p, "country")?;
        }
        PartyKind::Vehicle => {
            input.plate = first("registrationNumber").or_else(|| first("name"));
            need(input.plate.is_some(), "registrationNumber")?;
            input.model = first("model");
            input.make = p.our("keywords", "make").map(str::to_string);
            input.colour = p.our("keywords", "colour").map(str::to_string);
            input.country = country_in(line, p, "country")?;
        }
        PartyKind::BankAccount => {
            input.account_number = first("accountNumber").or_else(|| first("iban"));
            need(input.account_number.is_some(), "accountNumber")?;
            input.bank = first("bankName");
        }
        PartyKind::OnlineAccount => {
            need(p.first("username").is_some(), "username")?;
            input.handle = first("username");
            input.platform = first("service");
        }
        PartyKind::Phone | PartyKind::Email => {}
    }
    Ok(input)
}

/// A party to record from one line.
struct PlannedParty {
    line: usize,
    ftm_id: String,
    kind: PartyKind,
    new: counternet_domain::party::NewParty,
}

/// A contact given as a property (phone, email) or a reference (addressEntity) of an entity.
struct PlannedContact {
    line: usize,
    /// The key remembered for the link: the entity's id, the property and the value.
    key: String,
    owner: String,
    kind: LinkKind,
    /// A phone or e-mail party to record, or the FtM id of an address entity.
    target: Result<counternet_domain::party::NewParty, String>,
}

/// A link to record from one relationship entity.
struct PlannedLink {
    line: usize,
    ftm_id: String,
    schema: String,
    from: End,
    to: End,
    input: LinkInput,
}

/// One end of a link to record: an entity (the property naming it, its FtM id), or a phone
/// number of a Call.
enum End {
    Entity(&'static str, String),
    Phone(counternet_domain::party::NewParty),
}

struct Plan {
    entities: usize,
    assets: usize,
    parties: Vec<PlannedParty>,
    contacts: Vec<PlannedContact>,
    links: Vec<PlannedLink>,
}

/// Reads and checks every line before anything is written.
fn plan(text: &str, today: NaiveDate) -> StoreResult<Plan> {
    let mut plan = Plan { entities: 0, assets: 0, parties: Vec::new(), contacts: Vec::new(), links: Vec::new() };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let placeholder = Uuid::nil();
    // A byte-order mark (some Windows tools write one) is not part of the first entity.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The ids of assets (whatever their line), so that their Ownership is left out with them.
    let asset_ids: HashSet<String> = text
        .lines()
        .filter_map(|raw| serde_json::from_str::<serde_json::Value>(raw).ok())
        .filter(|v| v.get("schema").and_then(|s| s.as_str()).is_some_and(|s| ASSET_SCHEMAS.contains(&s)))
        .filter_map(|v| v.get("id").and_then(|i| i.as_str()).map(String::from))
        .collect();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(raw).map_err(|e| line_error(line, format!("column {}: invalid JSON", e.column())))?;
        let e: Entity = serde_json::from_value(value).map_err(|_| {
            line_error(line, "not an FtM entity (an id, a schema, and properties whose values are lists of strings)")
        })?;
        if !valid_id(&e.id) {
            return Err(line_error(line, "the id is not a valid FtM id (letters, digits, dots and dashes)"));
        }
        if let Some(earlier) = seen.insert(e.id.clone(), line) {
            return Err(line_error(line, format!("the id is the id of line {earlier}")));
        }
        plan.entities += 1;
        let owns_an_asset = e.schema == "Ownership" && e.properties.all("asset").iter().any(|a| asset_ids.contains(a));
        if ASSET_SCHEMAS.contains(&e.schema.as_str()) || owns_an_asset {
            plan.assets += 1;
            continue;
        }
        if let Some(kind) = party_kind(&e.schema) {
            let new = party_input(line, &e, kind)?.validate(today).map_err(|v| on_line(line)(v.into()))?;
            plan.parties.push(PlannedParty { line, ftm_id: e.id.clone(), kind, new });
            if is_legal(kind) {
                for (prop, contact_kind, link) in
                    [("phone", PartyKind::Phone, LinkKind::UsesPhone), ("email", PartyKind::Email, LinkKind::UsesEmail)]
                {
                    let kept: Vec<String> =
                        e.properties.ours_all("keywords", prop).into_iter().map(String::from).collect();
                    for v in e.properties.all(prop).iter().chain(kept.iter()) {
                        let input = PartyInput {
                            kind: Some(contact_kind),
                            number: (contact_kind == PartyKind::Phone).then(|| v.clone()),
                            email: (contact_kind == PartyKind::Email).then(|| v.clone()),
                            ..PartyInput::default()
                        };
                        let new = input.validate(today).map_err(|_| line_error(line, format!("{prop}: not valid")))?;
                        plan.contacts.push(PlannedContact {
                            line,
                            key: format!("{} {prop} {v}", e.id),
                            owner: e.id.clone(),
                            kind: link,
                            target: Ok(new),
                        });
                    }
                }
                for v in e.properties.all("addressEntity") {
                    plan.contacts.push(PlannedContact {
                        line,
                        key: format!("{} addressEntity {v}", e.id),
                        owner: e.id.clone(),
                        kind: LinkKind::LivesAt,
                        target: Err(v.clone()),
                    });
                }
            }
            continue;
        }
        let Some((mut kind, from_prop, to_prop)) = link_kind(&e.schema) else {
            // The schema is named only when it looks like one (it comes from the file).
            let looks_like_schema =
                e.schema.len() <= 40 && e.schema.chars().all(|c| c.is_ascii_alphanumeric()) && !e.schema.is_empty();
            let named = if looks_like_schema { format!("schema {}", e.schema) } else { "its schema".to_string() };
            return Err(line_error(line, format!("{named} cannot be imported")));
        };
        let p = &e.properties;
        let phone = |prop: &str| -> StoreResult<Option<End>> {
            let Some(v) = p.first(prop).or_else(|| p.our("summary", prop)) else { return Ok(None) };
            let input =
                PartyInput { kind: Some(PartyKind::Phone), number: Some(v.to_string()), ..PartyInput::default() };
            let new = input.validate(today).map_err(|_| line_error(line, format!("{prop}: not valid")))?;
            Ok(Some(End::Phone(new)))
        };
        let (from_number, to_number) =
            if kind == LinkKind::Called { (phone("callerNumber")?, phone("receiverNumber")?) } else { (None, None) };
        let end = |prop: &'static str, number: Option<End>| {
            if let Some(n) = number {
                return Ok(n);
            }
            p.first(prop)
                .map(|v| End::Entity(prop, v.to_string()))
                .ok_or_else(|| line_error(line, format!("{} without a {prop}", e.schema)))
        };
        let mut from = end(from_prop, from_number)?;
        let mut to = end(to_prop, to_number)?;
        if kind == LinkKind::Paid {
            if let Some(account) = p.first("payerAccount") {
                from = End::Entity("payerAccount", account.to_string());
            }
            if let Some(account) = p.first("beneficiaryAccount") {
                to = End::Entity("beneficiaryAccount", account.to_string());
            }
        }
        let mut notes = joined(p, "description");
        if kind == LinkKind::Unknown {
            if let Some(role) = p.first("role") {
                match LinkKind::from_code(role) {
                    Some(k) => kind = k,
                    // Another tool's role: kept in the notes.
                    None => {
                        notes = Some(format!("{}role: {role}", notes.map(|n| format!("{n}\n\n")).unwrap_or_default()))
                    }
                }
            }
        }
        let starts = p.first("startDate").or(p.first("date"));
        let input = LinkInput {
            from: placeholder,
            to: Uuid::max(),
            kind,
            starts_on: parse_date(line, if p.first("startDate").is_some() { "startDate" } else { "date" }, starts)?,
            ends_on: parse_date(line, "endDate", p.first("endDate"))?,
            source: p.our("summary", "source").and_then(LinkSource::from_code),
            confidence: p.our("summary", "confidence").and_then(Confidence::from_code),
            case_id: None,
            notes,
        };
        // The dates and notes are checked now; the ends once they are known.
        input.clone().validate(today).map_err(|v| on_line(line)(v.into()))?;
        plan.links.push(PlannedLink { line, ftm_id: e.id.clone(), schema: e.schema.clone(), from, to, input });
    }
    Ok(plan)
}

/// The record an FtM id was imported as before, in the actor's organisation.
fn remembered(tx: &mut Tx<'_>, actor: &Actor, ftm: &str) -> StoreResult<Option<(String, String)>> {
    Ok(ftm_ids::table
        .filter(ftm_ids::org_id.eq(actor.org_id.to_string()))
        .filter(ftm_ids::ftm_id.eq(ftm))
        .select((ftm_ids::local_kind, ftm_ids::local_id))
        .first(tx.conn)
        .optional()?)
}

fn remember(tx: &mut Tx<'_>, actor: &Actor, ftm: &str, kind: &str, local: Uuid) -> StoreResult<()> {
    let row = FtmIdRow {
        org_id: actor.org_id.to_string(),
        ftm_id: ftm.to_string(),
        local_kind: kind.to_string(),
        local_id: local.to_string(),
        imported_by: actor.user_id.to_string(),
        imported_at: fmt_time(tx.now),
    };
    diesel::insert_into(ftm_ids::table).values(&row).execute(tx.conn)?;
    Ok(())
}

/// The counternet id inside a `cn-<uuid>` FtM id.
fn own_uuid(ftm: &str) -> Option<Uuid> {
    ftm.strip_prefix(ID_PREFIX).and_then(|s| Uuid::parse_str(s).ok())
}

/// A party the actor can see already, named by a `cn-` id, of the given kind.
fn own_party(tx: &mut Tx<'_>, actor: &Actor, ftm: &str, kind: Option<PartyKind>) -> StoreResult<Option<Uuid>> {
    let Some(id) = own_uuid(ftm) else { return Ok(None) };
    match parties::visible(tx, actor, id) {
        Ok(row) if kind.is_none_or(|k| row.kind == k.code()) => Ok(Some(id)),
        Ok(_) | Err(StoreError::NotFound | StoreError::Denied { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether a link of this kind already joins the two parties (either way round).
fn linked(tx: &mut Tx<'_>, a: Uuid, b: Uuid, kind: LinkKind) -> StoreResult<bool> {
    let (a, b) = (a.to_string(), b.to_string());
    let n: i64 = links::table
        .filter(links::kind.eq(kind.code()))
        .filter(
            links::from_party
                .eq(&a)
                .and(links::to_party.eq(&b))
                .or(links::from_party.eq(&b).and(links::to_party.eq(&a))),
        )
        .count()
        .get_result(tx.conn)?;
    Ok(n > 0)
}

/// Imports FtM JSON lines as parties and links recorded by `actor` (a user who may record
/// parties). Nothing is kept unless every line imports.
pub fn import(store: &Store, actor: &Actor, text: &str) -> StoreResult<ImportSummary> {
    if !actor.role.may_create_cases() {
        return Err(StoreError::Forbidden("your role may not record parties"));
    }
    let plan = plan(text, store.now().date_naive())?;
    store.write(Some(actor), |tx| {
        let mut summary =
            ImportSummary { entities: plan.entities, assets_not_imported: plan.assets, ..ImportSummary::default() };
        let mut local: HashMap<String, Uuid> = HashMap::new();
        for p in &plan.parties {
            if let Some((_, id)) = remembered(tx, actor, &p.ftm_id)? {
                local.insert(p.ftm_id.clone(), crate::parse_uuid(&id)?);
                summary.parties_existing += 1;
                continue;
            }
            if let Some(id) = own_party(tx, actor, &p.ftm_id, Some(p.kind))? {
                local.insert(p.ftm_id.clone(), id);
                summary.parties_existing += 1;
                continue;
            }
            let (party, created) = parties::create_or_reuse(tx, actor, p.new.clone()).map_err(on_line(p.line))?;
            remember(tx, actor, &p.ftm_id, "party", party.id)?;
            local.insert(p.ftm_id.clone(), party.id);
            if created {
                summary.parties_created += 1;
            } else {
                summary.parties_existing += 1;
            }
        }
        let mut resolve = |tx: &mut Tx<'_>, line: usize, schema: &str, prop: &str, ftm: &str| -> StoreResult<Uuid> {
            if let Some(id) = local.get(ftm) {
                return Ok(*id);
            }
            let found = match remembered(tx, actor, ftm)? {
                Some((kind, id)) if kind == "party" => Some(crate::parse_uuid(&id)?),
                _ => own_party(tx, actor, ftm, None)?,
            };
            let id = found.ok_or_else(|| line_error(line, format!("{schema} {prop}: no such entity in the file")))?;
            local.insert(ftm.to_string(), id);
            Ok(id)
        };
        for c in &plan.contacts {
            if remembered(tx, actor, &c.key)?.is_some() {
                summary.links_existing += 1;
                continue;
            }
            let owner = resolve(tx, c.line, "entity", "owner", &c.owner)?;
            let target = match &c.target {
                Ok(new) => {
                    let (party, created) = parties::create_or_reuse(tx, actor, new.clone()).map_err(on_line(c.line))?;
                    if created {
                        summary.parties_created += 1;
                    }
                    party.id
                }
                Err(address) => resolve(tx, c.line, "entity", "addressEntity", address)?,
            };
            if linked(tx, owner, target, c.kind)? {
                summary.links_existing += 1;
                continue;
            }
            let input = LinkInput {
                from: owner,
                to: target,
                kind: c.kind,
                starts_on: None,
                ends_on: None,
                source: None,
                confidence: None,
                case_id: None,
                notes: None,
            };
            let new = input.validate(tx.now.date_naive()).map_err(|v| on_line(c.line)(v.into()))?;
            let link = parties::create_link(tx, actor, new).map_err(on_line(c.line))?;
            remember(tx, actor, &c.key, "link", link.id)?;
            summary.links_created += 1;
        }
        for l in &plan.links {
            if remembered(tx, actor, &l.ftm_id)?.is_some() {
                summary.links_existing += 1;
                continue;
            }
            if let Some(id) = own_uuid(&l.ftm_id) {
                match parties::get_link(tx, actor, id) {
                    Ok(_) => {
                        summary.links_existing += 1;
                        continue;
                    }
                    Err(StoreError::NotFound | StoreError::Denied { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            let mut input = l.input.clone();
            let mut ends = [Uuid::nil(); 2];
            for (slot, end) in ends.iter_mut().zip([&l.from, &l.to]) {
                *slot = match end {
                    End::Entity(prop, ftm) => resolve(tx, l.line, &l.schema, prop, ftm)?,
                    End::Phone(new) => {
                        let (party, created) =
                            parties::create_or_reuse(tx, actor, new.clone()).map_err(on_line(l.line))?;
                        if created {
                            summary.parties_created += 1;
                        }
                        party.id
                    }
                };
            }
            let [from, to] = ends;
            input.from = from;
            input.to = to;
            let new = input.validate(tx.now.date_naive()).map_err(|v| on_line(l.line)(v.into()))?;
            let link = parties::create_link(tx, actor, new).map_err(on_line(l.line))?;
            remember(tx, actor, &l.ftm_id, "link", link.id)?;
            summary.links_created += 1;
        }
        tx.audit(AuditEvent::new("import.ftm", "import", crate::new_id()).detail(serde_json::json!({
            "entities": summary.entities,
            "parties_created": summary.parties_created,
            "parties_existing": summary.parties_existing,
            "links_created": summary.links_created,
            "links_existing": summary.links_existing,
        })));
        Ok(summary)
    })
}

/// ISO 3166-1 alpha-3 codes and the alpha-2 form FollowTheMoney keeps (lower case), sorted by
/// alpha-3. The pairs FtM's `country` type accepts; generated once from followthemoney 4.11.
const COUNTRIES: &[(&str, &str)] = &[
    ("ABW", "aw"),
    ("AFG", "af"),
    ("AGO", "ao"),
    ("AIA", "ai"),
    ("ALA", "ax"),
    ("ALB", "al"),
    ("AND", "ad"),
    ("ARE", "ae"),
    ("ARG", "ar"),
    ("ARM", "am"),
    ("ASC", "ac"),
    ("ASM", "as"),
    ("ATA", "aq"),
    ("ATF", "tf"),
    ("ATG", "ag"),
    ("AUS", "au"),
    ("AUT", "at"),
    ("AZE", "az"),
    ("BDI", "bi"),
    ("BEL", "be"),
    ("BEN", "bj"),
    ("BES", "bq"),
    ("BFA", "bf"),
    ("BGD", "bd"),
    ("BGR", "bg"),
    ("BHR", "bh"),
    ("BHS", "bs"),
    ("BIH", "ba"),
    ("BLM", "bl"),
    ("BLR", "by"),
    ("BLZ", "bz"),
    ("BMU", "bm"),
    ("BOL", "bo"),
    ("BRA", "br"),
    ("BRB", "bb"),
    ("BRN", "bn"),
    ("BTN", "bt"),
    ("BVT", "bv"),
    ("BWA", "bw"),
    ("CAF", "cf"),
    ("CAN", "ca"),
    ("CCK", "cc"),
    ("CHE", "ch"),
    ("CHL", "cl"),
    ("CHN", "cn"),
    ("CIV", "ci"),
    ("CMR", "cm"),
    ("COD", "cd"),
    ("COG", "cg"),
    ("COK", "ck"),
    ("COL", "co"),
    ("COM", "km"),
    ("CPT", "cp"),
    ("CPV", "cv"),
    ("CRI", "cr"),
    ("CUB", "cu"),
    ("CUW", "cw"),
    ("CXR", "cx"),
    ("CYB", "ip"),
    ("CYM", "ky"),
    ("CYP", "cy"),
    ("CZE", "cz"),
    ("DEU", "de"),
    ("DGA", "dg"),
    ("DJI", "dj"),
    ("DMA", "dm"),
    ("DNK", "dk"),
    ("DOM", "do"),
    ("DZA", "dz"),
    ("ECU", "ec"),
    ("EGY", "eg"),
    ("ERI", "er"),
    ("ESH", "eh"),
    ("ESP", "es"),
    ("EST", "ee"),
    ("ETH", "et"),
    ("FIN", "fi"),
    ("FJI", "fj"),
    ("FLK", "fk"),
    ("FRA", "fr"),
    ("FRO", "fo"),
    ("FSM", "fm"),
    ("GAB", "ga"),
    ("GBR", "gb"),
    ("GEO", "ge"),
    ("GGY", "gg"),
    ("GHA", "gh"),
    ("GIB", "gi"),
    ("GIN", "gn"),
    ("GLP", "gp"),
    ("GMB", "gm"),
    ("GNB", "gw"),
    ("GNQ", "gq"),
    ("GRC", "gr"),
    ("GRD", "gd"),
    ("GRL", "gl"),
    ("GTM", "gt"),
    ("GUF", "gf"),
    ("GUM", "gu"),
    ("GUY", "gy"),
    ("HKG", "hk"),
    ("HMD", "hm"),
    ("HND", "hn"),
    ("HRV", "hr"),
    ("HTI", "ht"),
    ("HUN", "hu"),
    ("IDN", "id"),
    ("IMN", "im"),
    ("IND", "in"),
    ("IOT", "io"),
    ("IRL", "ie"),
    ("IRN", "ir"),
    ("IRQ", "iq"),
    ("ISL", "is"),
    ("ISR", "il"),
    ("ITA", "it"),
    ("JAM", "jm"),
    ("JEY", "je"),
    ("JOR", "jo"),
    ("JPN", "jp"),
    ("KAZ", "kz"),
    ("KEN", "ke"),
    ("KGZ", "kg"),
    ("KHM", "kh"),
    ("KIR", "ki"),
    ("KNA", "kn"),
    ("KOR", "kr"),
    ("KWT", "kw"),
    ("LAO", "la"),
    ("LBN", "lb"),
    ("LBR", "lr"),
    ("LBY", "ly"),
    ("LCA", "lc"),
    ("LIE", "li"),
    ("LKA", "lk"),
    ("LSO", "ls"),
    ("LTU", "lt"),
    ("LUX", "lu"),
    ("LVA", "lv"),
    ("MAC", "mo"),
    ("MAF", "mf"),
    ("MAR", "ma"),
    ("MCO", "mc"),
    ("MDA", "md"),
    ("MDG", "mg"),
    ("MDV", "mv"),
    ("MEX", "mx"),
    ("MHL", "mh"),
    ("MKD", "mk"),
    ("MLI", "ml"),
    ("MLT", "mt"),
    ("MMR", "mm"),
    ("MNE", "me"),
    ("MNG", "mn"),
    ("MNP", "mp"),
    ("MOZ", "mz"),
    ("MRT", "mr"),
    ("MSR", "ms"),
    ("MTQ", "mq"),
    ("MUS", "mu"),
    ("MWI", "mw"),
    ("MYS", "my"),
    ("MYT", "yt"),
    ("NAM", "na"),
    ("NCL", "nc"),
    ("NER", "ne"),
    ("NFK", "nf"),
    ("NGA", "ng"),
    ("NIC", "ni"),
    ("NIU", "nu"),
    ("NLD", "nl"),
    ("NOR", "no"),
    ("NPL", "np"),
    ("NRU", "nr"),
    ("NZL", "nz"),
    ("OMN", "om"),
    ("PAK", "pk"),
    ("PAN", "pa"),
    ("PCN", "pn"),
    ("PER", "pe"),
    ("PHL", "ph"),
    ("PLW", "pw"),
    ("PNG", "pg"),
    ("POL", "pl"),
    ("PRI", "pr"),
    ("PRK", "kp"),
    ("PRT", "pt"),
    ("PRY", "py"),
    ("PSE", "ps"),
    ("PYF", "pf"),
    ("QAT", "qa"),
    ("REU", "re"),
    ("ROU", "ro"),
    ("RUS", "ru"),
    ("RWA", "rw"),
    ("SAU", "sa"),
    ("SDN", "sd"),
    ("SEN", "sn"),
    ("SGP", "sg"),
    ("SGS", "gs"),
    ("SHN", "sh"),
    ("SJM", "sj"),
    ("SLB", "sb"),
    ("SLE", "sl"),
    ("SLV", "sv"),
    ("SMR", "sm"),
    ("SOM", "so"),
    ("SPM", "pm"),
    ("SRB", "rs"),
    ("SSD", "ss"),
    ("STP", "st"),
    ("SUR", "sr"),
    ("SVK", "sk"),
    ("SVN", "si"),
    ("SWE", "se"),
    ("SWZ", "sz"),
    ("SXM", "sx"),
    ("SYC", "sc"),
    ("SYR", "sy"),
    ("TCA", "tc"),
    ("TCD", "td"),
    ("TGO", "tg"),
    ("THA", "th"),
    ("TJK", "tj"),
    ("TKL", "tk"),
    ("TKM", "tm"),
    ("TLS", "tl"),
    ("TON", "to"),
    ("TTO", "tt"),
    ("TUN", "tn"),
    ("TUR", "tr"),
    ("TUV", "tv"),
    ("TWN", "tw"),
    ("TZA", "tz"),
    ("UGA", "ug"),
    ("UKR", "ua"),
    ("UMI", "um"),
    ("URY", "uy"),
    ("USA", "us"),
    ("UZB", "uz"),
    ("VAT", "va"),
    ("VCT", "vc"),
    ("VEN", "ve"),
    ("VGB", "vg"),
    ("VIR", "vi"),
    ("VNM", "vn"),
    ("VUT", "vu"),
    ("WLF", "wf"),
    ("WSM", "ws"),
    ("XKX", "xk"),
    ("YEM", "ye"),
    ("ZAF", "za"),
    ("ZAR", "zr"),
    ("ZMB", "zm"),
    ("ZWE", "zw"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_ftm_s_pattern() {
        assert!(valid_id("cn-0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
        assert!(valid_id("a") && valid_id("a.b-c9"));
        for bad in ["", "-a", "a-", "a_b", "a b", "ก"] {
            assert!(!valid_id(bad), "{bad:?}");
        }
    }

    #[test]
    fn countries_go_both_ways() {
        assert_eq!(alpha2("THA"), Some("th"));
        assert_eq!(alpha2("mmr"), Some("mm"));
        assert_eq!(alpha2("XXX"), None);
        assert_eq!(alpha3("LA"), Some("LAO"));
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0), "COUNTRIES must be sorted for binary search");
        for (a3, a2) in COUNTRIES {
            assert_eq!(alpha3(a2), Some(*a3), "{a2} is given to two codes");
        }
    }

    #[test]
    fn values_are_cleaned_as_ftm_cleans_them() {
        assert_eq!(clean_line("  Somchai \u{200B} Jaidee\n"), "Somchai Jaidee");
        assert_eq!(clean_text(" line one\r\nline two \u{0007}"), "line one\nline two");
    }

    #[test]
    fn a_bad_line_is_named_by_its_number() {
        let today: NaiveDate = "2026-01-01".parse().unwrap();
        let err = |text: &str| plan(text, today).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err("\n{\"id\": \"a\",}"), "line 2: column 12: invalid JSON");
        assert_eq!(
            err(r#"{"id": "p1", "schema": "Payment", "properties": {"beneficiary": ["x"]}}"#),
            "line 1: Payment without a payer"
        );
        assert!(
            err(r#"{"id": "a_b", "schema": "Person", "properties": {"name": ["A"]}}"#).starts_with("line 1: the id")
        );
        assert_eq!(
            err(r#"{"id": "s", "schema": "Sanction", "properties": {}}"#),
            "line 1: schema Sanction cannot be imported"
        );
        assert_eq!(
            err(r#"{"id": "s", "schema": "Somchai Jaidee", "properties": {}}"#),
            "line 1: its schema cannot be imported"
        );
        assert_eq!(
            err(r#"{"id": "p", "schema": "Person", "properties": {"name": ["A"], "birthDate": ["1990"]}}"#),
            "line 1: birthDate: not a full date (YYYY-MM-DD)"
        );
    }
}

#[cfg(test)]
mod phone_tests {
    use super::ftm_keeps_phone;

    #[test]
    fn only_numbers_surely_valid_go_out_as_phones() {
        for kept in ["+66812345678", "+66912345678", "+66612345678", "+6621234567", "+6653123456"] {
            assert!(ftm_keeps_phone(kept), "{kept}");
        }
        // 067 and 069 are only partly allocated; other countries' plans are not known here.
        for keyword in ["+66678128657", "+66698642798", "+959555012345", "+8562055512345", "+6681234567", "+66"] {
            assert!(!ftm_keeps_phone(keyword), "{keyword}");
        }
    }
}
