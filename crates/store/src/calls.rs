//! Call-detail records in a case: importing a partner's CSV (read by
//! [`counternet_domain::calls::parse_calls`]) and listing the calls.
//!
//! An import is one transaction: each number becomes a phone party (the one the user can already
//! see when it is recorded, see [`parties::create_or_reuse`]) with the role "subject" in the case;
//! each caller and callee pair gets one `called` link in the case, from the first call's date to the
//! last's, with the number of calls and their total length in its notes; each call is stored once
//! (importing the same file again adds nothing). One audit entry says how many, never which numbers.

use std::collections::HashMap;

use diesel::prelude::*;
use uuid::Uuid;

use counternet_domain::calls::CallFile;
use counternet_domain::party::{CasePartyInput, Party, PartyInput};
use counternet_domain::vocab::{CaseRole, Confidence, LinkKind, LinkSource, PartyKind};
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::clock::fmt_time;
use crate::error::{StoreError, StoreResult};
use crate::parties::{self, Disclosure};
use crate::rows::{CallRecordRow, LinkRow, PartyRow};
use crate::schema::{call_records, case_parties, links, parties as party_table};
use crate::{cases, new_id, parse_uuid, Tx};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CallImport {
    /// Calls read from the file.
    pub calls_read: usize,
    /// Calls stored now (the others were stored by an earlier import).
    pub calls_added: usize,
    /// Phone parties recorded now (the others were already recorded).
    pub phones_added: usize,
    /// `called` links recorded now, and links whose dates or counts changed.
    pub links_added: usize,
    pub links_updated: usize,
    /// Header names the import did not use.
    pub ignored_columns: Vec<String>,
}

/// One stored call, its phones masked as everywhere (a survivor's phone shows as protected).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct CallView {
    pub id: Uuid,
    pub caller: Party,
    pub callee: Party,
    /// The start as the record wrote it (its local time), `YYYY-MM-DDTHH:MM:SS`.
    pub started_at: String,
    pub duration_seconds: i32,
    pub link_id: Uuid,
}

fn phone_party(tx: &mut Tx<'_>, actor: &Actor, number: &str, added: &mut usize) -> StoreResult<Uuid> {
    let input = PartyInput { kind: Some(PartyKind::Phone), number: Some(number.to_string()), ..PartyInput::default() };
    let new = input.validate(tx.now.date_naive())?;
    let (party, created) = parties::create_or_reuse(tx, actor, new)?;
    if created {
        *added += 1;
    }
    Ok(party.id)
}

/// Imports the calls of `file` into the case (see the module's description).
/// `file` is what reading the file gave: refused (if it must be) after the case is checked, so that
/// who may not change the case learns nothing from how the file was wrong.
pub fn import(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    file: Result<CallFile, ValidationError>,
) -> StoreResult<CallImport> {
    cases::editable(tx, actor, case_id)?;
    if !actor.role.may_create_cases() {
        return Err(StoreError::Forbidden("your role may not record parties"));
    }
    let file = file?;
    let file = &file;
    let case = case_id.to_string();
    let mut out = CallImport {
        calls_read: file.calls.len(),
        ignored_columns: file.ignored_columns.clone(),
        ..CallImport::default()
    };
    // The phones, once each, and their role in the case.
    let mut phone_ids: HashMap<&str, Uuid> = HashMap::new();
    for call in &file.calls {
        for number in [call.caller.as_str(), call.callee.as_str()] {
            if !phone_ids.contains_key(number) {
                let id = phone_party(tx, actor, number, &mut out.phones_added)?;
                phone_ids.insert(number, id);
            }
        }
    }
    for &id in phone_ids.values() {
        let has_role: i64 = case_parties::table
            .filter(case_parties::case_id.eq(&case))
            .filter(case_parties::party_id.eq(id.to_string()))
            .count()
            .get_result(tx.conn)?;
        if has_role == 0 {
            let input =
                CasePartyInput { party_id: id, role: CaseRole::Subject, role_in_process: Vec::new(), notes: None };
            parties::add_to_case(tx, actor, case_id, input)?;
        }
    }
    // The calls not stored yet, by caller and callee.
    let mut by_pair: HashMap<(Uuid, Uuid), Vec<&counternet_domain::calls::Call>> = HashMap::new();
    for call in &file.calls {
        let (Some(&a), Some(&b)) = (phone_ids.get(call.caller.as_str()), phone_ids.get(call.callee.as_str())) else {
            continue;
        };
        by_pair.entry((a, b)).or_default().push(call);
    }
    let mut pairs: Vec<_> = by_pair.into_iter().collect();
    pairs.sort_by_key(|(k, _)| *k);
    for ((a, b), calls) in pairs {
        let existing: Option<LinkRow> = links::table
            .filter(links::case_id.eq(&case))
            .filter(links::kind.eq(LinkKind::Called.code()))
            .filter(links::from_party.eq(a.to_string()))
            .filter(links::to_party.eq(b.to_string()))
            .select(LinkRow::as_select())
            .first(tx.conn)
            .optional()?;
        let link_id = match &existing {
            Some(l) => l.id.clone(),
            None => {
                let first = calls.iter().map(|c| c.started_at.date()).min();
                let new = counternet_domain::link::NewLink {
                    from: a,
                    to: b,
                    kind: LinkKind::Called,
                    starts_on: first,
                    ends_on: first,
                    source: LinkSource::CallRecord,
                    confidence: Confidence::Confirmed,
                    case_id: Some(case_id),
                    notes: None,
                };
                out.links_added += 1;
                parties::create_link(tx, actor, new)?.id.to_string()
            }
        };
        let mut added_here = 0;
        for call in calls {
            let started_at = call.started_at.format("%Y-%m-%dT%H:%M:%S").to_string();
            let duration = i32::try_from(call.duration_seconds).unwrap_or(i32::MAX);
            let stored: i64 = call_records::table
                .filter(call_records::case_id.eq(&case))
                .filter(call_records::caller.eq(a.to_string()))
                .filter(call_records::callee.eq(b.to_string()))
                .filter(call_records::started_at.eq(&started_at))
                .filter(call_records::duration_seconds.eq(duration))
                .count()
                .get_result(tx.conn)?;
            if stored > 0 {
                continue;
            }
            diesel::insert_into(call_records::table)
                .values(CallRecordRow {
                    id: new_id().to_string(),
                    case_id: case.clone(),
                    caller: a.to_string(),
                    callee: b.to_string(),
                    started_at,
                    duration_seconds: duration,
                    link_id: link_id.clone(),
                    created_by: actor.user_id.to_string(),
                    created_at: fmt_time(tx.now),
                })
                .execute(tx.conn)?;
            added_here += 1;
        }
        out.calls_added += added_here;
        if refresh_link(tx, &link_id)? && existing.is_some() {
            out.links_updated += 1;
        }
    }
    tx.audit(AuditEvent::new("case.call_records_import", "case", case_id).in_case(case_id).detail(serde_json::json!({
        "calls_read": out.calls_read, "calls_added": out.calls_added,
        "phones_added": out.phones_added, "links_added": out.links_added,
    })));
    Ok(out)
}

/// Sets a `called` link's dates and notes from its calls; whether they changed.
fn refresh_link(tx: &mut Tx<'_>, link_id: &str) -> StoreResult<bool> {
    let calls: Vec<(String, i32)> = call_records::table
        .filter(call_records::link_id.eq(link_id))
        .select((call_records::started_at, call_records::duration_seconds))
        .load(tx.conn)?;
    let first = calls.iter().map(|c| c.0.as_str()).min().and_then(|s| s.get(..10)).map(String::from);
    let last = calls.iter().map(|c| c.0.as_str()).max().and_then(|s| s.get(..10)).map(String::from);
    let total: i64 = calls.iter().map(|c| i64::from(c.1)).sum();
    let notes = Some(format!("{} calls, {} min {} s in all", calls.len(), total / 60, total % 60));
    let current: LinkRow = links::table.find(link_id).select(LinkRow::as_select()).first(tx.conn)?;
    if current.starts_on == first && current.ends_on == last && current.notes == notes {
        return Ok(false);
    }
    diesel::update(links::table.find(link_id))
        .set((links::starts_on.eq(&first), links::ends_on.eq(&last), links::notes.eq(&notes)))
        .execute(tx.conn)?;
    Ok(true)
}

/// The calls of a case the actor may see, oldest first, at most `limit` from `offset`.
pub fn list(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, limit: i64, offset: i64) -> StoreResult<Vec<CallView>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<CallRecordRow> = call_records::table
        .filter(call_records::case_id.eq(case_id.to_string()))
        .order((call_records::started_at.asc(), call_records::id.asc()))
        .limit(limit.clamp(1, 1000))
        .offset(offset.max(0))
        .select(CallRecordRow::as_select())
        .load(tx.conn)?;
    let mut ids: Vec<String> = rows.iter().flat_map(|r| [r.caller.clone(), r.callee.clone()]).collect();
    ids.sort();
    ids.dedup();
    let mut phones: Vec<PartyRow> = Vec::new();
    for chunk in ids.chunks(500) {
        phones.extend(
            party_table::table.filter(party_table::id.eq_any(chunk)).select(PartyRow::as_select()).load(tx.conn)?,
        );
    }
    let today = tx.now.date_naive();
    let mut by_id = HashMap::new();
    for p in phones {
        by_id.insert(p.id.clone(), parties::to_party(p, Disclosure::Masked, today)?);
    }
    rows.into_iter()
        .map(|r| {
            let party =
                |id: &str| by_id.get(id).cloned().ok_or_else(|| StoreError::corrupt("a call's phone is missing"));
            Ok(CallView {
                id: parse_uuid(&r.id)?,
                caller: party(&r.caller)?,
                callee: party(&r.callee)?,
                started_at: r.started_at,
                duration_seconds: r.duration_seconds,
                link_id: parse_uuid(&r.link_id)?,
            })
        })
        .collect()
}
