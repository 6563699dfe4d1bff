//! Parties, their roles in cases, and the links between them, with survivor identity masked
//! unless a record is revealed on purpose (and the reveal audited).

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use uuid::Uuid;

use counternet_domain::link::{Link, NewLink};
use counternet_domain::mask::{age_band, initials};
use counternet_domain::party::{CaseParty, CasePartyInput, NewParty, Party};
use counternet_domain::validation::optional_text;
use counternet_domain::vocab::{CaseRole, Confidence, Gender, LinkKind, LinkSource, PartyKind};
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::cases::escape_like;
use crate::cases::{json_list, parse_list};
use crate::clock::{fmt_date, fmt_time, parse_opt_date, parse_time};
use crate::error::{StoreError, StoreResult};
use crate::rows::{CasePartyRow, LinkRow, PartyRow};
use crate::schema::{case_parties, links, parties};
use crate::scope::Scope;
use crate::{cases, new_id, parse_uuid, refused_as, Tx};

/// Whether to show a survivor's identity in a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    Masked,
    Revealed,
}

fn code<T>(text: &str, parse: fn(&str) -> Option<T>, what: &str) -> StoreResult<T> {
    parse(text).ok_or_else(|| StoreError::corrupt(format!("unknown {what}")))
}

/// Turns a stored party into its API form, masking survivor identity unless revealed.
pub fn to_party(r: PartyRow, disclosure: Disclosure, today: NaiveDate) -> StoreResult<Party> {
    let kind = code(&r.kind, PartyKind::from_code, "party kind")?;
    let dob = parse_opt_date(r.date_of_birth.as_deref())?;
    let attributes = match serde_json::from_str::<serde_json::Value>(&r.attributes) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => return Err(StoreError::corrupt("party attributes are not an object")),
    };
    let mask = r.survivor && disclosure == Disclosure::Masked;
    let mut p = Party {
        id: parse_uuid(&r.id)?,
        kind,
        name: r.name,
        given_name: r.given_name,
        family_name: r.family_name,
        date_of_birth: dob,
        age_band: dob.map(|d| age_band(d, today)),
        gender: r.gender.as_deref().map(|g| code(g, Gender::from_code, "gender")).transpose()?,
        nationality: r.nationality,
        id_number: r.id_number,
        identifier: r.identifier,
        attributes,
        survivor: r.survivor,
        masked: mask,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    };
    if mask {
        p.name = if kind == PartyKind::Person {
            initials(&p.name)
        } else {
            format!("[protected {}]", kind.code().replace('_', " "))
        };
        p.given_name = None;
        p.family_name = None;
        p.date_of_birth = None;
        p.id_number = None;
        p.identifier = None;
        p.attributes.clear();
    }
    Ok(p)
}

/// A party the actor may see, or `Denied` / `NotFound`.
pub fn visible(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<PartyRow> {
    let scope = Scope::of(actor);
    let found = parties::table
        .filter(parties::id.eq(id.to_string()))
        .filter(scope.parties())
        .select(PartyRow::as_select())
        .first(tx.conn)
        .optional()?;
    if let Some(row) = found {
        return Ok(row);
    }
    let exists: i64 = parties::table.filter(parties::id.eq(id.to_string())).count().get_result(tx.conn)?;
    Err(if exists > 0 {
        StoreError::Denied { entity_kind: "party", entity_id: id.to_string(), case_id: None }
    } else {
        StoreError::NotFound
    })
}

/// The attribute that tells two accounts with the same number apart (the bank, the platform).
fn qualifier(kind: PartyKind) -> Option<&'static str> {
    match kind {
        PartyKind::BankAccount => Some("bank"),
        PartyKind::OnlineAccount => Some("platform"),
        _ => None,
    }
}

/// The party already recorded for the same identifier (a phone, an e-mail address, a bank or
/// online account, a vehicle's plate) among those the actor may see: the same identifier is one
/// party. Accounts whose bank or platform both say and differ are different parties. Parties the
/// actor may not see are never reused (nor their existence told): those duplicates are for a
/// manager to join.
fn same_identifier(tx: &mut Tx<'_>, actor: &Actor, new: &NewParty) -> StoreResult<Option<PartyRow>> {
    let kind = new.kind();
    let is_identifier = matches!(
        kind,
        PartyKind::Phone | PartyKind::Email | PartyKind::Vehicle | PartyKind::BankAccount | PartyKind::OnlineAccount
    );
    let Some(identifier) = new.identifier.as_deref().filter(|_| is_identifier) else { return Ok(None) };
    let scope = Scope::of(actor);
    let rows: Vec<PartyRow> = parties::table
        .filter(parties::kind.eq(kind.code()))
        .filter(parties::identifier.eq(identifier))
        .filter(parties::org_id.eq(actor.org_id.to_string()))
        .filter(scope.parties())
        .order((parties::created_at.asc(), parties::id.asc()))
        .select(PartyRow::as_select())
        .load(tx.conn)?;
    let wanted = qualifier(kind).and_then(|q| new.attributes.get(q)).and_then(|v| v.as_str()).map(str::to_lowercase);
    Ok(rows.into_iter().find(|row| {
        let (Some(q), Some(wanted)) = (qualifier(kind), wanted.as_deref()) else { return true };
        let theirs = serde_json::from_str::<serde_json::Value>(&row.attributes)
            .ok()
            .and_then(|a| a.get(q).and_then(|v| v.as_str()).map(str::to_lowercase));
        theirs.is_none_or(|t| t == wanted)
    }))
}

/// Records a new party; or, for an identifier the actor can already see recorded (see
/// [`same_identifier`]), gives back that party and records nothing.
pub fn create(tx: &mut Tx<'_>, actor: &Actor, new: NewParty) -> StoreResult<Party> {
    create_or_reuse(tx, actor, new).map(|(party, _)| party)
}

/// [`create`], saying whether the party is new (`true`) or the one already recorded.
pub fn create_or_reuse(tx: &mut Tx<'_>, actor: &Actor, new: NewParty) -> StoreResult<(Party, bool)> {
    if !actor.role.may_create_cases() {
        return Err(StoreError::Forbidden("your role may not record parties"));
    }
    if let Some(row) = same_identifier(tx, actor, &new)? {
        return Ok((to_party(row, Disclosure::Masked, tx.now.date_naive())?, false));
    }
    let now = fmt_time(tx.now);
    let row = PartyRow {
        id: new_id().to_string(),
        org_id: actor.org_id.to_string(),
        kind: new.kind().code().into(),
        name: new.name,
        given_name: new.given_name,
        family_name: new.family_name,
        date_of_birth: new.date_of_birth.map(fmt_date),
        gender: new.gender.map(|g| g.code().to_string()),
        nationality: new.nationality,
        id_number: new.id_number,
        identifier: new.identifier,
        attributes: serde_json::Value::Object(new.attributes).to_string(),
        survivor: new.survivor,
        created_by: actor.user_id.to_string(),
        created_at: now.clone(),
        updated_at: now,
    };
    diesel::insert_into(parties::table).values(&row).execute(tx.conn)?;
    tx.audit(
        AuditEvent::new("party.create", "party", &row.id)
            .detail(serde_json::json!({"kind": row.kind, "survivor": row.survivor})),
    );
    Ok((to_party(row, Disclosure::Masked, tx.now.date_naive())?, true))
}

/// Why a survivor's identity is being revealed.
#[derive(Debug, Clone, Default)]
pub struct Reveal {
    pub reason: Option<String>,
}

/// A party, masked; or revealed when `reveal` is given and the actor's role allows it (the
/// reveal is audited, so call this inside a write transaction when revealing).
pub fn get(tx: &mut Tx<'_>, actor: &Actor, id: Uuid, reveal: Option<Reveal>) -> StoreResult<Party> {
    let mut row = visible(tx, actor, id)?;
    crate::merges::protect_by_person(tx, std::slice::from_mut(&mut row))?;
    let today = tx.now.date_naive();
    let Some(reveal) = reveal else {
        return to_party(row, Disclosure::Masked, today);
    };
    if !row.survivor {
        return to_party(row, Disclosure::Revealed, today);
    }
    if !actor.role.may_reveal() {
        return Err(StoreError::Refused {
            event: Box::new(AuditEvent::new("party.reveal", "party", id).outcome(crate::Outcome::Denied)),
            then: Box::new(StoreError::Forbidden("your role may not reveal a survivor's identity")),
        });
    }
    let reason = optional_text("reason", reveal.reason.as_deref(), 500)?;
    if actor.role.reveal_needs_reason() && reason.is_none() {
        return Err(ValidationError::new(
            "reason",
            "required",
            "your role must give a reason to reveal a survivor's identity",
        )
        .into());
    }
    tx.audit(AuditEvent::new("party.reveal", "party", id).detail(serde_json::json!({"reason": reason})));
    to_party(row, Disclosure::Revealed, today)
}

/// Marks a party as a survivor, and the contacts it uses (phone, e-mail, account, address).
fn protect(tx: &mut Tx<'_>, party_id: &str) -> StoreResult<()> {
    let identity_kinds: Vec<&str> = LinkKind::ALL.iter().filter(|k| k.carries_identity()).map(|k| k.code()).collect();
    let contacts: Vec<String> = links::table
        .filter(links::from_party.eq(party_id))
        .filter(links::kind.eq_any(&identity_kinds))
        .select(links::to_party)
        .load(tx.conn)?;
    let mut ids = contacts;
    ids.push(party_id.to_string());
    diesel::update(parties::table.filter(parties::id.eq_any(&ids)).filter(parties::survivor.eq(false)))
        .set(parties::survivor.eq(true))
        .execute(tx.conn)?;
    Ok(())
}

pub(crate) fn to_case_party(r: CasePartyRow, party: Party) -> StoreResult<CaseParty> {
    Ok(CaseParty {
        id: parse_uuid(&r.id)?,
        case_id: parse_uuid(&r.case_id)?,
        role: code(&r.role, CaseRole::from_code, "case role")?,
        role_in_process: parse_list(&r.role_in_process)?,
        notes: r.notes,
        party,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Gives a party a role in a case. A victim's identity becomes protected from then on.
pub fn add_to_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, input: CasePartyInput) -> StoreResult<CaseParty> {
    input.validate()?;
    cases::editable(tx, actor, case_id)?;
    visible(tx, actor, input.party_id)
        .map_err(|e| refused_as(e, ValidationError::new("party_id", "unknown_party", "no such party").into()))?;
    let dup: i64 = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::party_id.eq(input.party_id.to_string()))
        .filter(case_parties::role.eq(input.role.code()))
        .count()
        .get_result(tx.conn)?;
    if dup > 0 {
        return Err(StoreError::Conflict {
            code: "already_in_case",
            message: "that party already has this role in the case".into(),
        });
    }
    let row = CasePartyRow {
        id: new_id().to_string(),
        case_id: case_id.to_string(),
        party_id: input.party_id.to_string(),
        role: input.role.code().into(),
        role_in_process: json_list(&input.role_in_process),
        notes: optional_text("notes", input.notes.as_deref(), 20_000)?,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(case_parties::table).values(&row).execute(tx.conn)?;
    if input.role == CaseRole::Victim {
        protect(tx, &row.party_id)?;
    }
    tx.audit(
        AuditEvent::new("case.party_add", "party", &row.party_id)
            .in_case(case_id)
            .detail(serde_json::json!({"role": row.role})),
    );
    let mut party = visible(tx, actor, input.party_id)?;
    crate::merges::protect_by_person(tx, std::slice::from_mut(&mut party))?;
    to_case_party(row, to_party(party, Disclosure::Masked, tx.now.date_naive())?)
}

/// The parties of a case with their roles, masked.
pub fn list_for_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<CaseParty>> {
    cases::visible(tx, actor, case_id)?;
    let today = tx.now.date_naive();
    let (roles, mut people): (Vec<CasePartyRow>, Vec<PartyRow>) = case_parties::table
        .inner_join(parties::table)
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .order(case_parties::created_at.asc())
        .select((CasePartyRow::as_select(), PartyRow::as_select()))
        .load::<(CasePartyRow, PartyRow)>(tx.conn)?
        .into_iter()
        .unzip();
    crate::merges::protect_by_person(tx, &mut people)?;
    roles.into_iter().zip(people).map(|(cp, p)| to_case_party(cp, to_party(p, Disclosure::Masked, today)?)).collect()
}

fn to_link(r: LinkRow) -> StoreResult<Link> {
    Ok(Link {
        id: parse_uuid(&r.id)?,
        from: parse_uuid(&r.from_party)?,
        to: parse_uuid(&r.to_party)?,
        kind: code(&r.kind, LinkKind::from_code, "link kind")?,
        starts_on: parse_opt_date(r.starts_on.as_deref())?,
        ends_on: parse_opt_date(r.ends_on.as_deref())?,
        source: code(&r.source, LinkSource::from_code, "link source")?,
        confidence: code(&r.confidence, Confidence::from_code, "confidence")?,
        case_id: r.case_id.as_deref().map(parse_uuid).transpose()?,
        notes: r.notes,
        created_by: parse_uuid(&r.created_by)?,
        created_at: parse_time(&r.created_at)?,
    })
}

/// Records a link between two parties the actor can see. A survivor's contacts become protected.
pub fn create_link(tx: &mut Tx<'_>, actor: &Actor, new: NewLink) -> StoreResult<Link> {
    if !actor.role.may_edit_cases() {
        return Err(StoreError::Forbidden("your role may not record links"));
    }
    let unknown = |field: &'static str| {
        move |e: StoreError| match e {
            StoreError::NotFound | StoreError::Denied { .. } => {
                ValidationError::new(field, "unknown_party", "no such party").into()
            }
            other => other,
        }
    };
    let from = visible(tx, actor, new.from).map_err(unknown("from"))?;
    visible(tx, actor, new.to).map_err(unknown("to"))?;
    if let Some(c) = new.case_id {
        cases::editable(tx, actor, c).map_err(|e| match e {
            StoreError::NotFound | StoreError::Denied { .. } => {
                ValidationError::new("case_id", "unknown_case", "no such case").into()
            }
            other => other,
        })?;
    }
    let row = LinkRow {
        id: new_id().to_string(),
        from_party: new.from.to_string(),
        to_party: new.to.to_string(),
        kind: new.kind.code().into(),
        starts_on: new.starts_on.map(fmt_date),
        ends_on: new.ends_on.map(fmt_date),
        source: new.source.code().into(),
        confidence: new.confidence.code().into(),
        case_id: new.case_id.map(|c| c.to_string()),
        notes: new.notes,
        created_by: actor.user_id.to_string(),
        created_at: fmt_time(tx.now),
    };
    diesel::insert_into(links::table).values(&row).execute(tx.conn)?;
    if new.kind.carries_identity() && from.survivor {
        protect(tx, &from.id)?;
    }
    let mut event = AuditEvent::new("link.create", "link", &row.id).detail(serde_json::json!({"kind": row.kind}));
    event.case_id = row.case_id.clone();
    tx.audit(event);
    to_link(row)
}

/// A link the actor may see (both its parties are visible).
pub fn get_link(tx: &mut Tx<'_>, actor: &Actor, id: Uuid) -> StoreResult<Link> {
    let scope = Scope::of(actor);
    let found = links::table
        .filter(links::id.eq(id.to_string()))
        .filter(links::from_party.eq_any(scope.party_ids()))
        .filter(links::to_party.eq_any(scope.party_ids()))
        .filter(links::case_id.is_null().or(links::case_id.assume_not_null().eq_any(scope.case_ids())))
        .select(LinkRow::as_select())
        .first(tx.conn)
        .optional()?;
    match found {
        Some(r) => to_link(r),
        None => {
            let exists: i64 = links::table.filter(links::id.eq(id.to_string())).count().get_result(tx.conn)?;
            Err(if exists > 0 {
                StoreError::Denied { entity_kind: "link", entity_id: id.to_string(), case_id: None }
            } else {
                StoreError::NotFound
            })
        }
    }
}

/// The links of a party that the actor may see.
pub fn links_of(tx: &mut Tx<'_>, actor: &Actor, party_id: Uuid) -> StoreResult<Vec<Link>> {
    visible(tx, actor, party_id)?;
    let scope = Scope::of(actor);
    let id = party_id.to_string();
    links::table
        .filter(links::from_party.eq(&id).or(links::to_party.eq(&id)))
        .filter(links::from_party.eq_any(scope.party_ids()))
        .filter(links::to_party.eq_any(scope.party_ids()))
        .filter(links::case_id.is_null().or(links::case_id.assume_not_null().eq_any(scope.case_ids())))
        .order(links::created_at.asc())
        .select(LinkRow::as_select())
        .load(tx.conn)?
        .into_iter()
        .map(to_link)
        .collect()
}

diesel::define_sql_function!(fn lower(x: Text) -> Text);
diesel::define_sql_function!(fn replace(x: Text, from: Text, to: Text) -> Text);

type Db = <crate::db::DbConnection as diesel::Connection>::Backend;

/// An ID number as typed or stored, without the spaces and dashes people write in it, lower-case.
fn compact_id(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '-')).flat_map(char::to_lowercase).collect()
}

/// The parties the actor may see that may be the one being looked for (search before create):
/// `query` found, case-insensitively, in a name (full, given or family); or, when it reads as a
/// phone number, its E.164 form equal to a phone's identifier; or equal to an identifier (an
/// e-mail address, a handle); or the start of an ID number (spaces and dashes aside).
///
/// Results are masked: a survivor found by name, phone or ID number shows as initials, which tells
/// the user a match exists without revealing who. At most `limit` (1 to 100), newest first.
pub fn search(tx: &mut Tx<'_>, actor: &Actor, query: &str, limit: i64) -> StoreResult<Vec<Party>> {
    let q: String = query.trim().chars().take(200).collect();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let lowered = q.to_lowercase();
    let pattern = format!("%{}%", escape_like(&lowered));
    let mut matches: Box<dyn BoxableExpression<parties::table, Db, SqlType = Bool>> = Box::new(
        lower(parties::name)
            .like(pattern.clone())
            .escape('\\')
            .or(lower(parties::given_name.assume_not_null()).like(pattern.clone()).escape('\\'))
            .or(lower(parties::family_name.assume_not_null()).like(pattern).escape('\\'))
            .or(lower(parties::identifier.assume_not_null()).eq(lowered)),
    );
    if let Some(phone) = counternet_domain::party::normalise_phone(&q) {
        matches = Box::new(matches.or(parties::identifier.assume_not_null().eq(phone)));
    }
    let compact = compact_id(&q);
    // An ID number is found by its start; one or two characters would match most of them.
    if compact.chars().count() >= 3 {
        let id = replace(replace(lower(parties::id_number.assume_not_null()), "-", ""), " ", "");
        matches = Box::new(matches.or(id.like(format!("{}%", escape_like(&compact))).escape('\\')));
    }
    let scope = Scope::of(actor);
    let select = parties::table
        .filter(scope.parties())
        .filter(matches)
        .order((parties::created_at.desc(), parties::id.desc()))
        .limit(limit.clamp(1, 100));
    let today = tx.now.date_naive();
    let mut rows: Vec<PartyRow> = select.select(PartyRow::as_select()).load(tx.conn)?;
    crate::merges::protect_by_person(tx, &mut rows)?;
    rows.into_iter().map(|row| to_party(row, Disclosure::Masked, today)).collect()
}

/// A link recorded in a case, with the (masked) names of both ends.
#[derive(Debug, Clone)]
pub struct CaseLink {
    pub link: Link,
    pub from: Party,
    pub to: Party,
}

/// The links recorded in a case whose two ends the actor may see, oldest first, with both parties
/// masked as everywhere else.
pub fn links_in_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid) -> StoreResult<Vec<CaseLink>> {
    cases::visible(tx, actor, case_id)?;
    let scope = Scope::of(actor);
    let today = tx.now.date_naive();
    let rows: Vec<LinkRow> = links::table
        .filter(links::case_id.eq(case_id.to_string()))
        .filter(links::from_party.eq_any(scope.party_ids()))
        .filter(links::to_party.eq_any(scope.party_ids()))
        .order(links::created_at.asc())
        .select(LinkRow::as_select())
        .load(tx.conn)?;
    let mut ids: Vec<String> = rows.iter().flat_map(|r| [r.from_party.clone(), r.to_party.clone()]).collect();
    ids.sort();
    ids.dedup();
    let mut by_id = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let mut found: Vec<PartyRow> =
            parties::table.filter(parties::id.eq_any(chunk)).select(PartyRow::as_select()).load(tx.conn)?;
        crate::merges::protect_by_person(tx, &mut found)?;
        for p in found {
            by_id.insert(p.id.clone(), to_party(p, Disclosure::Masked, today)?);
        }
    }
    rows.into_iter()
        .filter_map(|r| {
            let from = by_id.get(&r.from_party).cloned()?;
            let to = by_id.get(&r.to_party).cloned()?;
            Some(to_link(r).map(|link| CaseLink { link, from, to }))
        })
        .collect()
}

/// Person parties recorded or changed at or after `since` (an RFC 3339 time as stored), oldest
/// first, at most `limit`, after the row (`updated_at`, `id`) given as `after` when paging.
///
/// Unscoped on purpose: this feeds the server's matching index, which never answers a user
/// without putting its results through [`visible_among`]. Never return these rows to a caller.
pub fn person_feed(
    tx: &mut Tx<'_>,
    since: &str,
    after: Option<(&str, &str)>,
    limit: i64,
) -> StoreResult<Vec<PartyRow>> {
    let mut query = parties::table
        .filter(parties::kind.eq(PartyKind::Person.code()))
        .filter(parties::updated_at.ge(since.to_string()))
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            parties::updated_at
                .gt(at.to_string())
                .or(parties::updated_at.eq(at.to_string()).and(parties::id.gt(id.to_string()))),
        );
    }
    Ok(query
        .order((parties::updated_at.asc(), parties::id.asc()))
        .limit(limit)
        .select(PartyRow::as_select())
        .load(tx.conn)?)
}

/// Of `ids`, the parties the actor may see, masked, in the order given.
pub fn visible_among(tx: &mut Tx<'_>, actor: &Actor, ids: &[Uuid]) -> StoreResult<Vec<Party>> {
    let scope = Scope::of(actor);
    let today = tx.now.date_naive();
    let mut by_id = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let wanted: Vec<String> = chunk.iter().map(Uuid::to_string).collect();
        let mut rows: Vec<PartyRow> = parties::table
            .filter(parties::id.eq_any(&wanted))
            .filter(scope.parties())
            .select(PartyRow::as_select())
            .load(tx.conn)?;
        crate::merges::protect_by_person(tx, &mut rows)?;
        for row in rows {
            let party = to_party(row, Disclosure::Masked, today)?;
            by_id.insert(party.id, party);
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// A party's role in a case the actor may see.
#[derive(Debug, Clone)]
pub struct RoleInCase {
    pub party_id: Uuid,
    pub case_id: Uuid,
    pub reference: String,
    pub title: String,
    pub role: CaseRole,
}

/// The roles the given parties have in cases the actor may see, by case reference.
pub fn roles_in_visible_cases(tx: &mut Tx<'_>, actor: &Actor, party_ids: &[Uuid]) -> StoreResult<Vec<RoleInCase>> {
    let scope = Scope::of(actor);
    let mut out = Vec::new();
    for chunk in party_ids.chunks(500) {
        let wanted: Vec<String> = chunk.iter().map(Uuid::to_string).collect();
        let rows: Vec<(String, String, String, String, String)> = case_parties::table
            .inner_join(crate::schema::cases::table.on(crate::schema::cases::id.eq(case_parties::case_id)))
            .filter(case_parties::party_id.eq_any(&wanted))
            .filter(scope.cases())
            .order((crate::schema::cases::reference.asc(), case_parties::created_at.asc()))
            .select((
                case_parties::party_id,
                case_parties::case_id,
                crate::schema::cases::reference,
                crate::schema::cases::title,
                case_parties::role,
            ))
            .load(tx.conn)?;
        for (party_id, case_id, reference, title, role) in rows {
            out.push(RoleInCase {
                party_id: parse_uuid(&party_id)?,
                case_id: parse_uuid(&case_id)?,
                reference,
                title,
                role: code(&role, CaseRole::from_code, "case role")?,
            });
        }
    }
    Ok(out)
}

/// The contacts that identify a person, for the matching index: the phones and addresses linked to
/// each of `person_ids` (by a `uses_phone` or `lives_at` link, in either direction), oldest link
/// first, as (person id, contact party row). Unscoped, like [`person_feed`]: never shown to a user.
pub fn contacts_of(tx: &mut Tx<'_>, person_ids: &[String]) -> StoreResult<Vec<(String, PartyRow)>> {
    let kinds = [LinkKind::UsesPhone.code(), LinkKind::LivesAt.code()];
    let mut out = Vec::new();
    for chunk in person_ids.chunks(500) {
        let rows: Vec<(String, String)> = links::table
            .filter(links::kind.eq_any(kinds))
            .filter(links::from_party.eq_any(chunk).or(links::to_party.eq_any(chunk)))
            .order((links::created_at.asc(), links::id.asc()))
            .select((links::from_party, links::to_party))
            .load(tx.conn)?;
        let pairs: Vec<(String, String)> =
            rows.into_iter().map(|(from, to)| if chunk.contains(&from) { (from, to) } else { (to, from) }).collect();
        let mut others: Vec<&String> = pairs.iter().map(|(_, o)| o).collect();
        others.sort();
        others.dedup();
        let mut by_id = std::collections::HashMap::new();
        for part in others.chunks(500) {
            let found: Vec<PartyRow> = parties::table
                .filter(parties::id.eq_any(part))
                .filter(parties::kind.eq_any([PartyKind::Phone.code(), PartyKind::Address.code()]))
                .select(PartyRow::as_select())
                .load(tx.conn)?;
            for p in found {
                by_id.insert(p.id.clone(), p);
            }
        }
        for (person, other) in &pairs {
            if let Some(p) = by_id.get(other) {
                out.push((person.clone(), p.clone()));
            }
        }
    }
    Ok(out)
}

/// Persons given a phone or an address (a `uses_phone` or `lives_at` link) at or after `since`,
/// with the time of their newest such link. Unscoped, for the matching index.
pub fn contact_link_feed(tx: &mut Tx<'_>, since: &str) -> StoreResult<Vec<(String, String)>> {
    let kinds = [LinkKind::UsesPhone.code(), LinkKind::LivesAt.code()];
    let rows: Vec<(String, String, String)> = links::table
        .filter(links::kind.eq_any(kinds))
        .filter(links::created_at.ge(since.to_string()))
        .select((links::from_party, links::to_party, links::created_at))
        .load(tx.conn)?;
    let mut newest: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (from, to, at) in rows {
        for end in [from, to] {
            let slot = newest.entry(end).or_default();
            if at > *slot {
                slot.clone_from(&at);
            }
        }
    }
    // Only the ends that are persons.
    let ids: Vec<String> = newest.keys().cloned().collect();
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let persons: Vec<String> = parties::table
            .filter(parties::id.eq_any(chunk))
            .filter(parties::kind.eq(PartyKind::Person.code()))
            .select(parties::id)
            .load(tx.conn)?;
        for id in persons {
            if let Some(at) = newest.remove(&id) {
                out.push((id, at));
            }
        }
    }
    Ok(out)
}

/// Person rows by id, unscoped, for the matching index.
pub fn persons_by_ids(tx: &mut Tx<'_>, ids: &[String]) -> StoreResult<Vec<PartyRow>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        out.extend(
            parties::table
                .filter(parties::id.eq_any(chunk))
                .filter(parties::kind.eq(PartyKind::Person.code()))
                .select(PartyRow::as_select())
                .load(tx.conn)?,
        );
    }
    Ok(out)
}
