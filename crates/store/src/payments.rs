//! Bank statements imported into a case (issue 7; docs/decisions/0017). The statement's account is
//! a bank-account party of the case; each transaction becomes a payment as that account saw it;
//! when the bank gave the other side's account, that account becomes a party of the case too, and
//! the payments between the two hang on one `paid` link (from payer to payee) dated from the first
//! payment to the last, with their count and total in its notes: payments are dated, valued links
//! in the network. Re-importing a statement adds nothing twice; a statement that cannot be read
//! refuses the whole import, and nothing of it is kept. So does a statement whose printed account
//! number is not the chosen account's ([`counternet_domain::statements::same_account`]): the user
//! picked the wrong account, and every payment would be filed under the wrong party.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use counternet_domain::party::{CasePartyInput, PartyInput};
use counternet_domain::statements::{same_account, ColumnMapping, Statement, StatementLine};
use counternet_domain::vocab::{CaseRole, Confidence, LinkKind, LinkSource, PartyKind};
use counternet_domain::{Actor, ValidationError};

use crate::audit::AuditEvent;
use crate::cases;
use crate::clock::fmt_time;
use crate::error::{StoreError, StoreResult};
use crate::rows::{LinkRow, MappingRow, PaymentRow};
use crate::schema::{case_parties, links, payments, statement_mappings};
use crate::{new_id, parse_uuid, parties, Tx};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct StatementImport {
    /// Transactions read from the statement.
    pub lines_read: usize,
    /// Payments stored now.
    pub payments_added: usize,
    /// Transactions an earlier import had stored already.
    pub already_imported: usize,
    /// Bank accounts of other sides recorded now.
    pub accounts_added: usize,
    /// `paid` links recorded now, and links whose dates or totals changed.
    pub links_added: usize,
    pub links_updated: usize,
    /// Header names the mapping did not use.
    pub ignored_columns: Vec<String>,
}

/// A stored payment, as its account saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct PaymentView {
    pub id: Uuid,
    pub account_party_id: Uuid,
    pub counterparty_party_id: Option<Uuid>,
    /// Minor units; positive: into the account.
    pub amount_minor: i64,
    pub currency: String,
    /// As the statement wrote it (its local time), `YYYY-MM-DDTHH:MM:SS`.
    pub paid_at: String,
    pub description: Option<String>,
    pub reference: Option<String>,
    pub balance_minor: Option<i64>,
    pub link_id: Option<Uuid>,
}

fn bank_account(
    tx: &mut Tx<'_>,
    actor: &Actor,
    number: &str,
    bank: Option<&str>,
    added: &mut usize,
) -> StoreResult<Uuid> {
    let input = PartyInput {
        kind: Some(PartyKind::BankAccount),
        account_number: Some(number.to_string()),
        bank: bank.map(String::from),
        ..PartyInput::default()
    };
    let new = input.validate(tx.now.date_naive())?;
    let (party, created) = parties::create_or_reuse(tx, actor, new)?;
    if created {
        *added += 1;
    }
    Ok(party.id)
}

fn ensure_in_case(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, party: Uuid) -> StoreResult<()> {
    let has_role: i64 = case_parties::table
        .filter(case_parties::case_id.eq(case_id.to_string()))
        .filter(case_parties::party_id.eq(party.to_string()))
        .count()
        .get_result(tx.conn)?;
    if has_role == 0 {
        let input =
            CasePartyInput { party_id: party, role: CaseRole::Subject, role_in_process: Vec::new(), notes: None };
        parties::add_to_case(tx, actor, case_id, input)?;
    }
    Ok(())
}

/// What identifies a transaction within its account's statements: its content, and which
/// repetition of that content it is in the file (two equal rows are two payments).
fn row_hash(account: Uuid, l: &StatementLine, repetition: usize) -> String {
    let mut h = Sha256::new();
    let parts = [
        account.to_string(),
        l.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        l.amount_minor.to_string(),
        l.currency.clone(),
        l.description.clone().unwrap_or_default(),
        l.reference.clone().unwrap_or_default(),
        l.balance_minor.map(|b| b.to_string()).unwrap_or_default(),
        l.counterparty_account.clone().unwrap_or_default(),
        l.counterparty_name.clone().unwrap_or_default(),
        repetition.to_string(),
    ];
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

fn money(minor: i64, currency: &str) -> String {
    format!("{} {currency}", counternet_domain::money::format_minor(minor, currency))
}

/// Imports a statement of the bank account `account_id` into the case (see the module's
/// description). `statement` is what reading the file gave: refused (if it must be) only after the
/// case and the account are checked, so that who may not change the case learns nothing from it.
pub fn import(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    account_id: Uuid,
    statement: Result<Statement, ValidationError>,
) -> StoreResult<StatementImport> {
    let case = cases::editable(tx, actor, case_id)?;
    if !actor.role.may_create_cases() {
        return Err(StoreError::Forbidden("your role may not record parties"));
    }
    let account = parties::visible(tx, actor, account_id).map_err(|e| match e {
        StoreError::NotFound | StoreError::Denied { .. } => {
            ValidationError::new("account", "unknown_party", "no such bank account").into()
        }
        other => other,
    })?;
    if account.kind != PartyKind::BankAccount.code() {
        return Err(ValidationError::new("account", "not_a_bank_account", "is not a bank account").into());
    }
    let statement = statement?;
    if let (Some(printed), Some(chosen)) = (&statement.printed_account, &account.identifier) {
        if !same_account(printed, chosen) {
            // Neither number goes into the error: it is logged and shown, and numbers are personal.
            return Err(ValidationError::new(
                "account",
                "account_mismatch",
                "the statement is for a different bank account than the one chosen (the account number printed on \
                 it is not this account's): choose the statement's own account and import it again",
            )
            .into());
        }
    }
    ensure_in_case(tx, actor, case_id, account_id)?;
    let mut out = StatementImport {
        lines_read: statement.lines.len(),
        ignored_columns: statement.ignored_columns.clone(),
        ..StatementImport::default()
    };
    let case_s = case_id.to_string();
    let account_s = account_id.to_string();
    let known: HashSet<String> = payments::table
        .filter(payments::case_id.eq(&case_s))
        .filter(payments::account_party_id.eq(&account_s))
        .select(payments::row_hash)
        .load::<String>(tx.conn)?
        .into_iter()
        .collect();
    // The other sides' accounts, once each.
    let mut others: HashMap<(String, Option<String>), Uuid> = HashMap::new();
    for l in &statement.lines {
        if let Some(number) = &l.counterparty_account {
            let key = (number.clone(), l.counterparty_bank.clone());
            if let std::collections::hash_map::Entry::Vacant(slot) = others.entry(key) {
                let id = bank_account(tx, actor, number, l.counterparty_bank.as_deref(), &mut out.accounts_added)
                    .map_err(|e| match e {
                        StoreError::Validation(v) => StoreError::Validation(ValidationError::new(
                            "file",
                            "invalid_statement",
                            format!("line {}: the other side's account: {}", l.line, v.message),
                        )),
                        other => other,
                    })?;
                ensure_in_case(tx, actor, case_id, id)?;
                slot.insert(id);
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut touched_links: BTreeMap<String, ()> = BTreeMap::new();
    let now = fmt_time(tx.now);
    for l in &statement.lines {
        let base = row_hash(account_id, l, 0);
        let repetition = {
            let n = seen.entry(base).or_default();
            *n += 1;
            *n - 1
        };
        let hash = row_hash(account_id, l, repetition);
        if known.contains(&hash) {
            out.already_imported += 1;
            continue;
        }
        let counterparty = l
            .counterparty_account
            .as_ref()
            .and_then(|n| others.get(&(n.clone(), l.counterparty_bank.clone())))
            .copied();
        let link_id = match counterparty {
            Some(other) if other != account_id => {
                let (payer, payee) = if l.amount_minor < 0 { (account_id, other) } else { (other, account_id) };
                let id = paid_link(tx, actor, case_id, payer, payee, l, &mut out)?;
                touched_links.insert(id.clone(), ());
                Some(id)
            }
            _ => None,
        };
        let row = PaymentRow {
            id: new_id().to_string(),
            org_id: case.org_id.clone(),
            case_id: case_s.clone(),
            account_party_id: account_s.clone(),
            counterparty_party_id: counterparty.map(|u| u.to_string()),
            amount_minor: l.amount_minor,
            currency: l.currency.clone(),
            paid_at: l.at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            description: l.description.clone(),
            reference: l.reference.clone(),
            balance_minor: l.balance_minor,
            row_hash: hash,
            link_id,
            created_by: actor.user_id.to_string(),
            created_at: now.clone(),
        };
        diesel::insert_into(payments::table).values(&row).execute(tx.conn)?;
        out.payments_added += 1;
    }
    for link in touched_links.keys() {
        if refresh_link(tx, link)? {
            out.links_updated += 1;
        }
    }
    out.links_updated = out.links_updated.saturating_sub(out.links_added);
    tx
        .audit(AuditEvent::new("case.statement_import", "party", &account_s).in_case(case_id).detail(serde_json::json!({
        "lines_read": out.lines_read, "payments_added": out.payments_added, "already_imported": out.already_imported,
        "accounts_added": out.accounts_added, "links_added": out.links_added,
    })));
    Ok(out)
}

/// The case's `paid` link from `payer` to `payee`, made when missing.
fn paid_link(
    tx: &mut Tx<'_>,
    actor: &Actor,
    case_id: Uuid,
    payer: Uuid,
    payee: Uuid,
    l: &StatementLine,
    out: &mut StatementImport,
) -> StoreResult<String> {
    let existing: Option<LinkRow> = links::table
        .filter(links::case_id.eq(case_id.to_string()))
        .filter(links::kind.eq(LinkKind::Paid.code()))
        .filter(links::from_party.eq(payer.to_string()))
        .filter(links::to_party.eq(payee.to_string()))
        .select(LinkRow::as_select())
        .first(tx.conn)
        .optional()?;
    if let Some(link) = existing {
        return Ok(link.id);
    }
    let day = l.at.date();
    let new = counternet_domain::link::NewLink {
        from: payer,
        to: payee,
        kind: LinkKind::Paid,
        starts_on: Some(day),
        ends_on: Some(day),
        source: LinkSource::BankRecord,
        confidence: Confidence::Confirmed,
        case_id: Some(case_id),
        notes: None,
    };
    out.links_added += 1;
    Ok(parties::create_link(tx, actor, new)?.id.to_string())
}

/// Sets a `paid` link's dates and notes (count and totals) from its payments; whether they changed.
fn refresh_link(tx: &mut Tx<'_>, link_id: &str) -> StoreResult<bool> {
    let rows: Vec<(String, i64, String)> = payments::table
        .filter(payments::link_id.eq(link_id))
        .select((payments::paid_at, payments::amount_minor, payments::currency))
        .load(tx.conn)?;
    let current: LinkRow = links::table.find(link_id).select(LinkRow::as_select()).first(tx.conn)?;
    // Each payment may be stored twice (from the payer's and the payee's statements): count the
    // distinct (time, amount) pairs.
    let distinct: HashSet<(String, i64, String)> =
        rows.into_iter().map(|(at, amount, currency)| (at, amount.abs(), currency)).collect();
    let first = distinct.iter().map(|(at, _, _)| at.get(..10).unwrap_or("").to_string()).min();
    let last = distinct.iter().map(|(at, _, _)| at.get(..10).unwrap_or("").to_string()).max();
    let mut totals: BTreeMap<&str, i64> = BTreeMap::new();
    for (_, amount, currency) in &distinct {
        *totals.entry(currency.as_str()).or_default() += amount;
    }
    let totals: Vec<String> = totals.iter().map(|(c, v)| money(*v, c)).collect();
    let count = match distinct.len() {
        1 => "1 payment".to_string(),
        n => format!("{n} payments"),
    };
    let notes = Some(format!("{count}, {}", totals.join(" + ")));
    if current.starts_on == first && current.ends_on == last && current.notes == notes {
        return Ok(false);
    }
    diesel::update(links::table.find(link_id))
        .set((links::starts_on.eq(&first), links::ends_on.eq(&last), links::notes.eq(&notes)))
        .execute(tx.conn)?;
    Ok(true)
}

/// The payments of a case, oldest first.
pub fn list(tx: &mut Tx<'_>, actor: &Actor, case_id: Uuid, limit: i64, offset: i64) -> StoreResult<Vec<PaymentView>> {
    cases::visible(tx, actor, case_id)?;
    let rows: Vec<PaymentRow> = payments::table
        .filter(payments::case_id.eq(case_id.to_string()))
        .order((payments::paid_at.asc(), payments::id.asc()))
        .limit(limit.clamp(1, 1000))
        .offset(offset.max(0))
        .select(PaymentRow::as_select())
        .load(tx.conn)?;
    rows.into_iter()
        .map(|r| {
            Ok(PaymentView {
                id: parse_uuid(&r.id)?,
                account_party_id: parse_uuid(&r.account_party_id)?,
                counterparty_party_id: r.counterparty_party_id.as_deref().map(parse_uuid).transpose()?,
                amount_minor: r.amount_minor,
                currency: r.currency,
                paid_at: r.paid_at,
                description: r.description,
                reference: r.reference,
                balance_minor: r.balance_minor,
                link_id: r.link_id.as_deref().map(parse_uuid).transpose()?,
            })
        })
        .collect()
}

/// A saved column mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SavedMapping {
    pub name: String,
    pub mapping: ColumnMapping,
    pub updated_at: String,
}

fn require_case_worker(actor: &Actor) -> StoreResult<()> {
    if actor.role.may_create_cases() {
        Ok(())
    } else {
        Err(StoreError::Forbidden("your role does not import statements"))
    }
}

/// Saves (or replaces) the organisation's mapping for a source.
pub fn save_mapping(tx: &mut Tx<'_>, actor: &Actor, name: &str, mapping: &ColumnMapping) -> StoreResult<SavedMapping> {
    require_case_worker(actor)?;
    let name = counternet_domain::validation::required_text("name", name, 100)?;
    let json = serde_json::to_string(mapping).map_err(|_| StoreError::corrupt("a mapping cannot be written"))?;
    let org = actor.org_id.to_string();
    let now = fmt_time(tx.now);
    let existing: Option<MappingRow> = statement_mappings::table
        .filter(statement_mappings::org_id.eq(&org))
        .filter(statement_mappings::name.eq(&name))
        .select(MappingRow::as_select())
        .first(tx.conn)
        .optional()?;
    let id = match existing {
        Some(row) => {
            diesel::update(statement_mappings::table.find(&row.id))
                .set((
                    statement_mappings::mapping.eq(&json),
                    statement_mappings::updated_by.eq(actor.user_id.to_string()),
                    statement_mappings::updated_at.eq(&now),
                ))
                .execute(tx.conn)?;
            row.id
        }
        None => {
            let row = MappingRow {
                id: new_id().to_string(),
                org_id: org,
                name: name.clone(),
                mapping: json,
                updated_by: actor.user_id.to_string(),
                updated_at: now.clone(),
            };
            diesel::insert_into(statement_mappings::table).values(&row).execute(tx.conn)?;
            row.id
        }
    };
    tx.audit(
        AuditEvent::new("statement_mapping.save", "statement_mapping", &id).detail(serde_json::json!({"name": name})),
    );
    Ok(SavedMapping { name, mapping: mapping.clone(), updated_at: now })
}

/// The organisation's saved mappings, by name.
pub fn mappings(tx: &mut Tx<'_>, actor: &Actor) -> StoreResult<Vec<SavedMapping>> {
    require_case_worker(actor)?;
    let rows: Vec<MappingRow> = statement_mappings::table
        .filter(statement_mappings::org_id.eq(actor.org_id.to_string()))
        .order(statement_mappings::name.asc())
        .select(MappingRow::as_select())
        .load(tx.conn)?;
    rows.into_iter()
        .map(|r| {
            let mapping =
                serde_json::from_str(&r.mapping).map_err(|_| StoreError::corrupt("a saved mapping cannot be read"))?;
            Ok(SavedMapping { name: r.name, mapping, updated_at: r.updated_at })
        })
        .collect()
}

/// The organisation's mapping called `name`.
pub fn mapping(tx: &mut Tx<'_>, actor: &Actor, name: &str) -> StoreResult<ColumnMapping> {
    mappings(tx, actor)?.into_iter().find(|m| m.name == name).map(|m| m.mapping).ok_or_else(|| {
        ValidationError::new("mapping", "unknown_mapping", "no saved column mapping has this name").into()
    })
}
