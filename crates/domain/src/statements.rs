//! Bank statements and transaction lists (issue 7), CSV or XLSX, read through a column mapping
//! saved per source: Thai banks' exports differ in their headers, in signed or debit/credit
//! amounts, in Buddhist-era years and Thai month names, and in the lines of account details above
//! the table. A row that cannot be read is named by its line and column (never its value) and the
//! whole file is refused.
//!
//! - **The table** starts at the first row (within the first 50) that holds the mapping's date
//!   header; rows above it are the bank's account details and are skipped. Headers match without
//!   regard to case or surrounding spaces. Empty rows, and rows whose date and amounts are all
//!   empty (a bank's subtotal lines), are skipped.
//! - **Amounts**: `1,234.50`, `฿1,234.50`, `1234.5 บาท`, `THB 1,234.50`, `-1,234.50`, `(1,234.50)`,
//!   `1,234.50-`, `1,234.50 DR` / `CR`; at most two decimals; in XLSX, numbers as they are. Either
//!   one signed column (positive: money in, unless the mapping says money out is positive) or a
//!   debit column (out) and a credit column (in).
//! - **Dates**: ISO (`2026-05-01`), day first with `/`, `-` or `.` (`01/05/2569`, `1-5-26`), month
//!   names in Thai (`1 พ.ค. 2569`, `01 พฤษภาคม 69`) or English (`01 May 2026`, `01-May-26`); years
//!   from 2400 are Buddhist-era (minus 543); two-digit years from 33 are Buddhist-era (`69` is
//!   2569 B.E., 2026), below 33 Christian-era (`26` is 2026). A time in the same cell or in a
//!   column of its own (`10:22`, `10:22:33`, `10.22`); in XLSX, dates as they are.
//! - **The statement's own account number**, when the bank prints it in the details above the
//!   table: a cell holding one of [`ACCOUNT_NUMBER_LABELS`] followed, in the same cell or in the
//!   next non-empty cell of its row, by the number (`123-4-56789-0`, `1234567890`, or masked as
//!   Thai banks do, `xxx-x-x5678-x`, `***-*-*5678-*`). It is [`Statement::printed_account`];
//!   [`same_account`] says whether it can be the account the user chose.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How one source's exports lay out their columns (headers as written in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    /// The date column (it may hold the time too).
    pub date: String,
    #[serde(default)]
    pub time: Option<String>,
    /// One signed amount column...
    #[serde(default)]
    pub amount: Option<String>,
    /// ... or a column of money out ...
    #[serde(default)]
    pub debit: Option<String>,
    /// ... and one of money in.
    #[serde(default)]
    pub credit: Option<String>,
    /// In the signed column, money out is positive (and money in negative).
    #[serde(default)]
    pub outflow_positive: bool,
    #[serde(default)]
    pub description: Option<String>,
    /// The other side's account number, when the bank gives it.
    #[serde(default)]
    pub counterparty_account: Option<String>,
    #[serde(default)]
    pub counterparty_name: Option<String>,
    /// The other side's bank, when given.
    #[serde(default)]
    pub counterparty_bank: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub balance: Option<String>,
    /// A column holding each row's currency; else `default_currency` (THB).
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub default_currency: Option<String>,
}

/// One transaction read from a statement, as the statement's account sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// The file's line (CSV) or row (XLSX), from 1.
    pub line: u64,
    pub at: NaiveDateTime,
    /// Minor units; positive: money into the account, negative: out of it.
    pub amount_minor: i64,
    pub currency: String,
    pub description: Option<String>,
    pub counterparty_account: Option<String>,
    pub counterparty_name: Option<String>,
    pub counterparty_bank: Option<String>,
    pub reference: Option<String>,
    pub balance_minor: Option<i64>,
}

/// A statement read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statement {
    pub lines: Vec<StatementLine>,
    /// Header names the mapping does not use.
    pub ignored_columns: Vec<String>,
    /// The account number the bank printed above the table, as printed (separators and masks
    /// kept), when there is one (see the module's description).
    pub printed_account: Option<String>,
}

/// Why a statement cannot be read: where and what, never the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {message}", column.map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct StatementError {
    pub line: u64,
    pub column: Option<usize>,
    pub message: String,
}

fn err(line: u64, column: Option<usize>, message: impl Into<String>) -> StatementError {
    StatementError { line, column, message: message.into() }
}

/// A cell as read: text, or from XLSX a number or a date and time.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    DateTime(NaiveDateTime),
    Empty,
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            Cell::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::DateTime(t) => Some(t.to_string()),
            _ => None,
        }
    }
}

/// Reads a statement file (XLSX when it is a zip, else CSV in UTF-8) through `mapping`.
pub fn read_statement(bytes: &[u8], mapping: &ColumnMapping) -> Result<Statement, StatementError> {
    let rows = if bytes.starts_with(b"PK\x03\x04") { xlsx_rows(bytes)? } else { csv_rows(bytes)? };
    read_rows(&rows, mapping)
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<(u64, Vec<Cell>)>, StatementError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes.get(..e.valid_up_to()).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        err(line as u64, None, "not UTF-8 text (save the file as CSV UTF-8)")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(err(1, None, "the file is empty"));
    }
    // The delimiter most used on the first lines: comma, semicolon or tab.
    let head: String = text.lines().take(60).collect::<Vec<_>>().join("\n");
    let delimiter =
        [b',', b';', b'\t'].into_iter().max_by_key(|d| head.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, None, "not CSV")
        })?;
        let line = record.position().map_or(0, |p| p.line());
        out.push((line, record.iter().map(|f| Cell::Text(f.to_string())).collect()));
    }
    Ok(out)
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<(u64, Vec<Cell>)>, StatementError> {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|_| err(1, None, "not an XLSX workbook that can be read"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| err(1, None, "the workbook has no sheet"))?
        .map_err(|_| err(1, None, "the first sheet cannot be read"))?;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let mut out = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells = vec![Cell::Empty; first_col];
        for data in row {
            cells.push(match data {
                Data::String(s) => Cell::Text(s.clone()),
                Data::Float(f) => Cell::Number(*f),
                Data::Int(n) => Cell::Number(*n as f64),
                Data::DateTime(t) => t.as_datetime().map_or(Cell::Empty, Cell::DateTime),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::Empty | Data::Error(_) => Cell::Empty,
            });
        }
        out.push((u64::from(first_row) + i as u64 + 1, cells));
    }
    Ok(out)
}

fn norm(h: &str) -> String {
    h.trim().trim_start_matches('\u{feff}').to_lowercase()
}

/// Reads rows (each with its line) through `mapping`.
pub fn read_rows(rows: &[(u64, Vec<Cell>)], mapping: &ColumnMapping) -> Result<Statement, StatementError> {
    let want_date = norm(&mapping.date);
    let header_at = rows
        .iter()
        .take(50)
        .position(|(_, cells)| cells.iter().any(|c| c.text().is_some_and(|t| norm(&t) == want_date)))
        .ok_or_else(|| err(1, None, format!("no header row holds the date column \"{}\"", mapping.date)))?;
    let (header_line, header) = rows.get(header_at).ok_or_else(|| err(1, None, "no header row"))?;
    let names: Vec<String> = header.iter().map(|c| c.text().map(|t| norm(&t)).unwrap_or_default()).collect();
    let find = |name: &Option<String>, what: &str| -> Result<Option<usize>, StatementError> {
        let Some(name) = name else { return Ok(None) };
        let n = norm(name);
        names
            .iter()
            .position(|h| *h == n)
            .map(Some)
            .ok_or_else(|| err(*header_line, None, format!("the header has no {what} column \"{name}\"")))
    };
    let date = find(&Some(mapping.date.clone()), "date")?.unwrap_or(0);
    let time = find(&mapping.time, "time")?;
    let amount = find(&mapping.amount, "amount")?;
    let debit = find(&mapping.debit, "debit")?;
    let credit = find(&mapping.credit, "credit")?;
    if amount.is_none() && (debit.is_none() || credit.is_none()) {
        return Err(err(*header_line, None, "the mapping names neither an amount column nor debit and credit columns"));
    }
    let description = find(&mapping.description, "description")?;
    let cp_account = find(&mapping.counterparty_account, "counterparty account")?;
    let cp_name = find(&mapping.counterparty_name, "counterparty name")?;
    let cp_bank = find(&mapping.counterparty_bank, "counterparty bank")?;
    let reference = find(&mapping.reference, "reference")?;
    let balance = find(&mapping.balance, "balance")?;
    let currency = find(&mapping.currency, "currency")?;
    let default_currency = crate::assets::currency("default_currency", mapping.default_currency.as_deref())
        .map_err(|e| err(*header_line, None, e.message))?;
    let used: HashSet<usize> = [
        Some(date),
        time,
        amount,
        debit,
        credit,
        description,
        cp_account,
        cp_name,
        cp_bank,
        reference,
        balance,
        currency,
    ]
    .into_iter()
    .flatten()
    .collect();
    let ignored_columns =
        names.iter().enumerate().filter(|(i, h)| !h.is_empty() && !used.contains(i)).map(|(_, h)| h.clone()).collect();

    let mut lines = Vec::new();
    for (line, cells) in rows.iter().skip(header_at + 1) {
        let line = *line;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).cloned().unwrap_or(Cell::Empty);
        let text = |i: Option<usize>| cell(i).text();
        let money_cells = [amount, debit, credit];
        if cell(Some(date)).is_empty() && money_cells.iter().all(|&i| cell(i).is_empty()) {
            continue;
        }
        let col = |i: usize| Some(i + 1);
        let mut at = match cell(Some(date)) {
            Cell::DateTime(t) => t,
            Cell::Number(_) | Cell::Empty => return Err(err(line, col(date), "the date is missing or not a date")),
            Cell::Text(s) => parse_when(&s).ok_or_else(|| err(line, col(date), "the date is not a date"))?,
        };
        if let Some(t) = time {
            match cell(Some(t)) {
                Cell::Empty => {}
                Cell::DateTime(x) => at = at.date().and_time(x.time()),
                Cell::Number(f) if (0.0..1.0).contains(&f) => {
                    let secs = (f * 86_400.0).round() as u32;
                    at = at.date().and_time(
                        NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0).unwrap_or_default(),
                    );
                }
                c => {
                    let s = c.text().unwrap_or_default();
                    let clock = parse_clock(&s).ok_or_else(|| err(line, col(t), "the time is not a time"))?;
                    at = at.date().and_time(clock);
                }
            }
        }
        let money = |i: usize| -> Result<Option<i64>, StatementError> {
            match cell(Some(i)) {
                Cell::Empty => Ok(None),
                Cell::Number(f) => minor_of_number(f).map(Some).ok_or_else(|| err(line, col(i), "not an amount")),
                c => {
                    let s = c.text().unwrap_or_default();
                    parse_amount(&s).map_err(|m| err(line, col(i), m))
                }
            }
        };
        let amount_minor = match amount {
            Some(i) => {
                let v = money(i)?.ok_or_else(|| err(line, col(i), "the amount is missing"))?;
                if mapping.outflow_positive {
                    v.checked_neg().ok_or_else(|| err(line, col(i), "the amount is too large"))?
                } else {
                    v
                }
            }
            None => {
                let (d, c) = (debit.unwrap_or(0), credit.unwrap_or(0));
                let (out, inn) = (money(d)?, money(c)?);
                match (out.filter(|v| *v != 0), inn.filter(|v| *v != 0)) {
                    (Some(_), Some(_)) => return Err(err(line, col(d), "both a debit and a credit on one row")),
                    (Some(v), None) => -v.abs(),
                    (None, Some(v)) => v.abs(),
                    (None, None) => return Err(err(line, col(d), "neither a debit nor a credit")),
                }
            }
        };
        let currency = match currency.and_then(|i| text(Some(i))) {
            Some(c) => crate::assets::currency("currency", Some(&c))
                .map_err(|_| err(line, currency.map(|i| i + 1), "not a currency code (such as THB)"))?,
            None => default_currency.clone(),
        };
        let balance_minor = match balance {
            Some(i) => money(i)?,
            None => None,
        };
        let clip = |s: Option<String>| s.map(|s| s.chars().take(500).collect::<String>());
        lines.push(StatementLine {
            line,
            at,
            amount_minor,
            currency,
            description: clip(text(description)),
            counterparty_account: clip(text(cp_account)),
            counterparty_name: clip(text(cp_name)),
            counterparty_bank: clip(text(cp_bank)),
            reference: clip(text(reference)),
            balance_minor,
        });
    }
    if lines.is_empty() {
        return Err(err(*header_line, None, "the statement has a header but no transactions"));
    }
    let printed_account = rows.iter().take(header_at).find_map(|(_, cells)| printed_account(cells));
    Ok(Statement { lines, ignored_columns, printed_account })
}

/// The labels a bank prints before the statement's own account number, in the lines above the
/// table (compared without regard to case; the label may be followed by `:`, `.`, `#` or `-`).
/// English: "Account Number", "Account No.", "Acct No", "A/C No", "A/C"; Thai: เลขที่บัญชี
/// ("account number"), บัญชีเลขที่ ("account, number"), หมายเลขบัญชี, เลขบัญชี. A bare "Account" or
/// บัญชี is not a label: too many other details start with it.
pub const ACCOUNT_NUMBER_LABELS: [&str; 11] = [
    "account number",
    "account no",
    "acct no",
    "acc no",
    "a/c number",
    "a/c no",
    "a/c",
    "เลขที่บัญชี",
    "บัญชีเลขที่",
    "หมายเลขบัญชี",
    "เลขบัญชี",
];

/// A masked digit in a printed account number.
fn is_mask(c: char) -> bool {
    matches!(c, 'x' | 'X' | '*')
}

/// An account number at the start of `raw` (after the label's punctuation): digits and masked
/// digits with `-` or `.` between them (or spaces, when the cell holds nothing else); at least 6
/// of them, at most 34, one at least a visible digit. What follows a space, a comma or a
/// parenthesis (a branch, an account type, the period) is left.
fn account_number_at(raw: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_digit() || is_mask(c) || matches!(c, '-' | '.');
    let rest = raw.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '.' | '#' | '-'));
    let whole = rest.trim();
    let candidate = if whole.chars().all(|c| allowed(c) || c.is_whitespace()) {
        whole
    } else {
        let end = rest.find(|c: char| !allowed(c)).unwrap_or(rest.len());
        let next = rest[end..].chars().next();
        if !next.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '|')) {
            return None;
        }
        &rest[..end]
    };
    let number = candidate.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '.'));
    let significant = number.chars().filter(|c| c.is_ascii_digit() || is_mask(*c)).count();
    let visible = number.chars().filter(|c| c.is_ascii_digit()).count();
    ((6..=34).contains(&significant) && visible > 0).then(|| number.to_string())
}

/// The account number a row of details prints, if it does: a label, then the number in the same
/// cell or in the next non-empty cell.
fn printed_account(cells: &[Cell]) -> Option<String> {
    let texts: Vec<Option<String>> = cells.iter().map(Cell::text).collect();
    for (i, text) in texts.iter().enumerate() {
        let Some(text) = text else { continue };
        let lower = text.to_lowercase();
        for label in ACCOUNT_NUMBER_LABELS {
            let Some(at) = lower.find(label) else { continue };
            // As printed (case kept) when lowering the case kept the cell's length.
            let source =
                if lower.len() == text.len() && text.is_char_boundary(at + label.len()) { text } else { &lower };
            let after = &source[at + label.len()..];
            if let Some(n) = account_number_at(after) {
                return Some(n);
            }
            // Only punctuation after the label: the number is in the next non-empty cell.
            let punctuation_only =
                after.chars().all(|c| c.is_whitespace() || matches!(c, ':' | '：' | '.' | '#' | '-'));
            if punctuation_only {
                if let Some(next) = texts.iter().skip(i + 1).flatten().next() {
                    if let Some(n) = account_number_at(next) {
                        return Some(n);
                    }
                }
            }
        }
    }
    None
}

/// Whether the account number printed on a statement can be `chosen`, the number of the account
/// the user imports it for. Separators go, and `x`, `X` and `*` are masked digits that match any
/// digit (on either side). The two are compared digit by digit from the right, and must be as
/// long as each other, except that:
/// - a number with masked digits (usually the printed one) may be shorter than the other (some
///   banks shorten the masked part: `xxxx5678`); its visible digits must still match, aligned from
///   the right;
/// - missing leading zeros (or masked digits) count as zeros (a spreadsheet cell holding the
///   number as a number has lost them).
///
/// When either side has no visible digit, or the chosen number is not one (it holds other letters),
/// nothing can be told and the answer is yes.
pub fn same_account(printed: &str, chosen: &str) -> bool {
    if chosen.chars().any(|c| c.is_alphabetic() && !is_mask(c)) {
        return true;
    }
    let keep = |s: &str| -> Vec<Option<char>> {
        s.chars().filter(|c| c.is_ascii_digit() || is_mask(*c)).map(|c| (!is_mask(c)).then_some(c)).collect()
    };
    let (p, c) = (keep(printed), keep(chosen));
    if p.iter().all(Option::is_none) || c.iter().all(Option::is_none) {
        return true;
    }
    let agree = p.iter().rev().zip(c.iter().rev()).all(|(a, b)| a.is_none() || b.is_none() || a == b);
    // The part of the longer one beyond the shorter.
    let (short, long) = if p.len() <= c.len() { (&p, &c) } else { (&c, &p) };
    let rest_fine = short.len() == long.len()
        || short.iter().any(Option::is_none)
        || long.get(..long.len() - short.len()).unwrap_or_default().iter().all(|d| d.is_none() || *d == Some('0'));
    agree && rest_fine
}

fn minor_of_number(f: f64) -> Option<i64> {
    let v = (f * 100.0).round();
    (v.is_finite() && v.abs() < 9.0e15).then_some(v as i64)
}

/// An amount in minor units (see the module's "Amounts"); `Ok(None)` for an empty cell.
pub fn parse_amount(raw: &str) -> Result<Option<i64>, String> {
    let mut s: String = raw.trim().to_string();
    if s.is_empty() || s == "-" {
        return Ok(None);
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s.trim_start_matches('(').trim_end_matches(')').to_string();
    }
    let upper = s.to_uppercase();
    for (suffix, neg) in [("DR", true), ("CR", false)] {
        if upper.trim_end().ends_with(suffix) {
            negative ^= neg;
            s = s.trim_end().get(..s.trim_end().len() - 2).unwrap_or("").to_string();
            break;
        }
    }
    let mut cleaned = String::new();
    for word in ["THB", "บาท", "฿", "Baht", "baht"] {
        s = s.replace(word, "");
    }
    let s = s.trim();
    let s = if let Some(rest) = s.strip_suffix('-') {
        negative = !negative;
        rest.trim()
    } else {
        s
    };
    let s = if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        rest.trim()
    } else {
        s.strip_prefix('+').unwrap_or(s).trim()
    };
    for ch in s.chars() {
        match ch {
            '0'..='9' | '.' => cleaned.push(ch),
            ',' | ' ' | '\u{a0}' | '\'' => {}
            _ => return Err("not an amount (digits, a decimal point and thousands separators)".into()),
        }
    }
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && frac.is_empty() || frac.contains('.') {
        return Err("not an amount".into());
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > 2 {
        return Err("more than two decimals".into());
    }
    let whole: i64 =
        if whole.is_empty() { 0 } else { whole.parse().map_err(|_| "the amount is too large".to_string())? };
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| "not an amount".to_string())?;
    let v = whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(cents))
        .ok_or_else(|| "the amount is too large".to_string())?;
    Ok(Some(if negative { -v } else { v }))
}

const THAI_MONTHS: [(&str, &str); 12] = [
    ("ม.ค.", "มกราคม"),
    ("ก.พ.", "กุมภาพันธ์"),
    ("มี.ค.", "มีนาคม"),
    ("เม.ย.", "เมษายน"),
    ("พ.ค.", "พฤษภาคม"),
    ("มิ.ย.", "มิถุนายน"),
    ("ก.ค.", "กรกฎาคม"),
    ("ส.ค.", "สิงหาคม"),
    ("ก.ย.", "กันยายน"),
    ("ต.ค.", "ตุลาคม"),
    ("พ.ย.", "พฤศจิกายน"),
    ("ธ.ค.", "ธันวาคม"),
];
const ENGLISH_MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_of(word: &str) -> Option<u32> {
    let w = word.trim().trim_end_matches(',');
    if let Some(i) = THAI_MONTHS.iter().position(|(abbr, full)| {
        w == *abbr || w == *full || w == abbr.replace('.', "") || (w.ends_with('.') && w == abbr.trim_end_matches('.'))
    }) {
        return Some(i as u32 + 1);
    }
    let lower = w.to_lowercase();
    let lower = lower.trim_end_matches('.');
    if lower.len() >= 3 {
        let head = lower.get(..3)?;
        if let Some(i) = ENGLISH_MONTHS.iter().position(|m| *m == head) {
            return Some(i as u32 + 1);
        }
    }
    None
}

/// A year as written: four digits (from 2400 Buddhist-era) or two (see the module's "Dates").
fn year_of(raw: &str) -> Option<i32> {
    let y: i32 = raw.trim().parse().ok()?;
    let y = match raw.trim().len() {
        1 | 2 if y >= 33 => 2500 + y,
        1 | 2 => 2000 + y,
        4 => y,
        _ => return None,
    };
    Some(if y >= 2400 { y - 543 } else { y })
}

/// A calendar date (see the module's "Dates").
pub fn parse_statement_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    // Month names: "1 พ.ค. 2569", "01-May-26", "01 May 2026".
    let words: Vec<&str> = s.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if let [d, m, y] = words.as_slice() {
        if let Some(month) = month_of(m) {
            return NaiveDate::from_ymd_opt(year_of(y)?, month, d.parse().ok()?);
        }
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    NaiveDate::from_ymd_opt(year_of(y)?, m.trim().parse().ok()?, d.trim().parse().ok()?)
}

fn parse_clock(raw: &str) -> Option<NaiveTime> {
    let s = raw.trim().replace('.', ":");
    let s = s.trim_end_matches(" น").trim_end_matches(" น.");
    NaiveTime::parse_from_str(s, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(s, "%H:%M")).ok()
}

/// A date with an optional time in the same cell (`01/05/2569 10:22`, `2026-05-01T10:22:33`,
/// `1 พ.ค. 2569 10:22`); midnight when there is none.
pub fn parse_when(raw: &str) -> Option<NaiveDateTime> {
    let s = raw.trim();
    if let Some(d) = parse_statement_date(s) {
        return Some(d.and_time(NaiveTime::MIN));
    }
    let (date, time) = match s.split_once('T') {
        Some((d, t)) if d.len() == 10 => (d.to_string(), t.to_string()),
        _ => {
            let (d, t) = s.rsplit_once(' ')?;
            (d.to_string(), t.to_string())
        }
    };
    let time = time.trim_end_matches('Z');
    let time = time.split('+').next().unwrap_or(time);
    // A fraction of a second after "hh:mm:ss" goes; "06.05" is a time written with a dot.
    let time = if time.contains(':') { time.split('.').next().unwrap_or(time) } else { time };
    Some(parse_statement_date(&date)?.and_time(parse_clock(time)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn mapping_debit_credit() -> ColumnMapping {
        ColumnMapping {
            date: "วันที่".into(),
            time: Some("เวลา".into()),
            amount: None,
            debit: Some("ถอน".into()),
            credit: Some("ฝาก".into()),
            outflow_positive: false,
            description: Some("รายการ".into()),
            counterparty_account: Some("บัญชีปลายทาง".into()),
            counterparty_name: None,
            counterparty_bank: None,
            reference: None,
            balance: Some("คงเหลือ".into()),
            currency: None,
            default_currency: None,
        }
    }

    #[test]
    fn amounts_in_the_ways_banks_write_them() {
        assert_eq!(parse_amount("1,234.50"), Ok(Some(123_450)));
        assert_eq!(parse_amount("฿1,234.5"), Ok(Some(123_450)));
        assert_eq!(parse_amount("1234 บาท"), Ok(Some(123_400)));
        assert_eq!(parse_amount("THB 12,000"), Ok(Some(1_200_000)));
        assert_eq!(parse_amount("-500.00"), Ok(Some(-50_000)));
        assert_eq!(parse_amount("(500.00)"), Ok(Some(-50_000)));
        assert_eq!(parse_amount("500.00-"), Ok(Some(-50_000)));
        assert_eq!(parse_amount("500.00 DR"), Ok(Some(-50_000)));
        assert_eq!(parse_amount("500.00 CR"), Ok(Some(50_000)));
        assert_eq!(parse_amount(".5"), Ok(Some(50)));
        assert_eq!(parse_amount("1.230"), Ok(Some(123)));
        assert_eq!(parse_amount(""), Ok(None));
        assert!(parse_amount("1.234").is_err());
        assert!(parse_amount("12a").is_err());
        assert!(parse_amount("1.2.3").is_err());
        assert!(parse_amount("99999999999999999999").is_err());
    }

    #[test]
    fn dates_with_buddhist_years_and_month_names() {
        assert_eq!(parse_statement_date("01/05/2569"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("1-5-69"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("01.05.26"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("2026-05-01"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("1 พ.ค. 2569"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("01 พฤษภาคม 69"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("31 ธ.ค. 2568"), Some(day("2025-12-31")));
        assert_eq!(parse_statement_date("01-May-26"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("1 May 2026"), Some(day("2026-05-01")));
        assert_eq!(parse_statement_date("31/02/2569"), None);
        assert_eq!(parse_statement_date("yesterday"), None);
        assert_eq!(parse_when("01/05/2569 22:15"), Some(day("2026-05-01").and_hms_opt(22, 15, 0).unwrap()));
        assert_eq!(parse_when("1 พ.ค. 2569 06.05"), Some(day("2026-05-01").and_hms_opt(6, 5, 0).unwrap()));
        assert_eq!(parse_when("2026-05-01T10:22:33+07:00"), Some(day("2026-05-01").and_hms_opt(10, 22, 33).unwrap()));
    }

    #[test]
    fn a_thai_statement_with_account_details_above_the_table_and_debit_and_credit_columns() {
        let csv = "ธนาคารตัวอย่าง,,,,,,\nเลขที่บัญชี,123-4-56789-0,,,,,\n,,,,,,\n\
                   วันที่,เวลา,รายการ,ถอน,ฝาก,คงเหลือ,บัญชีปลายทาง,สาขา\n\
                   01/05/2569,22:15,โอนเงิน,\"1,500.00\",,\"8,500.00\",987-6-54321-0,สาขา 1\n\
                   02/05/2569,09:00,รับโอน,,\"12,000.00\",\"20,500.00\",,สาขา 1\n\
                   ,,ยอดรวม,,,,\n";
        let s = read_statement(csv.as_bytes(), &mapping_debit_credit()).unwrap();
        assert_eq!(s.lines.len(), 2, "the subtotal line is skipped");
        assert_eq!(s.lines[0].line, 5);
        assert_eq!(s.lines[0].amount_minor, -150_000);
        assert_eq!(s.lines[0].at, day("2026-05-01").and_hms_opt(22, 15, 0).unwrap());
        assert_eq!(s.lines[0].counterparty_account.as_deref(), Some("987-6-54321-0"));
        assert_eq!(s.lines[0].balance_minor, Some(850_000));
        assert_eq!(s.lines[1].amount_minor, 1_200_000);
        assert_eq!(s.lines[1].currency, "THB");
        assert_eq!(s.ignored_columns, vec!["สาขา".to_string()]);
        assert_eq!(s.printed_account.as_deref(), Some("123-4-56789-0"));
    }

    /// The details above a small table, read with a signed amount column.
    fn printed(details: &str) -> Option<String> {
        let mut m = mapping_debit_credit();
        m.date = "Date".into();
        m.time = None;
        m.debit = None;
        m.credit = None;
        m.amount = Some("Amount".into());
        m.description = None;
        m.counterparty_account = None;
        m.balance = None;
        let csv = format!("{details}Date,Amount\n2026-05-01,100\n");
        read_statement(csv.as_bytes(), &m).unwrap().printed_account
    }

    #[test]
    fn the_account_number_printed_above_the_table_in_thai_or_english() {
        // Next cell, Thai labels.
        assert_eq!(printed("เลขที่บัญชี,123-4-56789-0\n").as_deref(), Some("123-4-56789-0"));
        assert_eq!(printed("ชื่อบัญชี,นาย ก\nบัญชีเลขที่ :,1234567890\n").as_deref(), Some("1234567890"));
        // The next non-empty cell (merged cells leave blanks).
        assert_eq!(printed("Account Number,,,123-4-56789-0,\n").as_deref(), Some("123-4-56789-0"));
        // Same cell, English and Thai, with the label's punctuation and what follows the number.
        assert_eq!(printed("Account No. 123-4-56789-0 (Savings)\n").as_deref(), Some("123-4-56789-0"));
        assert_eq!(printed("\"A/C No: 123 4 56789 0\"\n").as_deref(), Some("123 4 56789 0"));
        assert_eq!(printed("เลขที่บัญชี 123-4-56789-0 ประเภท ออมทรัพย์\n").as_deref(), Some("123-4-56789-0"));
        assert_eq!(
            printed("\"Statement, account no 123-4-56789-0 01/05/2569 - 31/05/2569\"\n").as_deref(),
            Some("123-4-56789-0"),
            "the period after the number is left"
        );
        // Masked as Thai banks print them.
        assert_eq!(printed("เลขที่บัญชี: xxx-x-x6789-x\n").as_deref(), Some("xxx-x-x6789-x"));
        assert_eq!(printed("Account No,***-*-*6789-*\n").as_deref(), Some("***-*-*6789-*"));
        assert_eq!(printed("Account No,XXXXXX6789\n").as_deref(), Some("XXXXXX6789"));
        // None printed, or nothing that is an account number after the label.
        assert_eq!(printed(""), None);
        assert_eq!(printed("ธนาคารตัวอย่าง\nชื่อบัญชี,นาย ก\n"), None);
        assert_eq!(printed("Account Name,Somchai\nAccount No,Savings\n"), None);
        assert_eq!(printed("Account No,xxx-x-xxxxx-x\n"), None, "nothing visible");
        assert_eq!(printed("เลขที่บัญชีปลายทาง,987-6-54321-0\n"), None, "another label");
        assert_eq!(printed("Account No,12345\n"), None, "too short to be an account");
        assert_eq!(printed("A/C,Xavier\n"), None);
        // Only above the table: a row below it is a transaction.
        let mut m = mapping_debit_credit();
        m.time = None;
        let csv = "วันที่,ถอน,ฝาก,รายการ,คงเหลือ,บัญชีปลายทาง\n01/05/2569,100,,เลขที่บัญชี 1234567890,,\n";
        assert_eq!(read_statement(csv.as_bytes(), &m).unwrap().printed_account, None);
    }

    #[test]
    fn an_xlsx_statement_prints_its_account_as_text_or_as_a_number() {
        let m = {
            let mut m = mapping_debit_credit();
            m.time = None;
            m.description = None;
            m.balance = None;
            m.counterparty_account = None;
            m
        };
        let book =
            workbook(&[&["s:เลขที่บัญชี", "1234567890"], &["s:วันที่", "s:ถอน", "s:ฝาก"], &["s:01/05/2569", "100", ""]]);
        assert_eq!(read_statement(&book, &m).unwrap().printed_account.as_deref(), Some("1234567890"));
        let book =
            workbook(&[&["s:Account No.: xxx-x-x6789-x"], &["s:วันที่", "s:ถอน", "s:ฝาก"], &["s:01/05/2569", "100", ""]]);
        assert_eq!(read_statement(&book, &m).unwrap().printed_account.as_deref(), Some("xxx-x-x6789-x"));
    }

    #[test]
    fn a_printed_account_number_is_compared_by_its_digits_and_masks_match_any_digit() {
        let chosen = "123-4-56789-0";
        assert!(same_account("1234567890", chosen));
        assert!(same_account("123 4 56789 0", "1234567890"));
        assert!(same_account("xxx-x-x6789-x", chosen));
        assert!(same_account("***-*-*6789-*", chosen));
        assert!(same_account("XXX-X-X6789-X", chosen));
        assert!(same_account("xxxx6789x", chosen), "a masked number may be shorter: compared from the right");
        assert!(same_account("234567890", "0234567890"), "a leading zero lost in a spreadsheet");
        assert!(same_account("123-4-56789-0", "xxx-x-x6789-0"), "a masked number recorded for the account");
        assert!(same_account("123-4-56789-0", "x6789x"));
        assert!(!same_account("123-4-56789-0", "x5678x"));
        assert!(!same_account("123-4-56789-1", chosen));
        assert!(!same_account("987-6-54321-0", chosen));
        assert!(!same_account("xxx-x-x5678-x", chosen), "the visible digits differ");
        assert!(!same_account("123456789", chosen), "an unmasked number one digit short");
        assert!(!same_account("12345678901", chosen), "one digit too many");
        assert!(!same_account("x1234567890", "234567890"), "visible digits beyond the chosen number");
        // Nothing to tell apart.
        assert!(same_account("xxx-x-xxxxx-x", chosen));
        assert!(same_account("1234567890", "GB29NWBK60161331926819"));
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_column_without_its_value() {
        let csv = "วันที่,เวลา,รายการ,ถอน,ฝาก,คงเหลือ,บัญชีปลายทาง\n\
                   01/05/2569,22:15,a,100,,,\n\
                   02/05/2569,09:00,b,12x4,,,\n";
        let e = read_statement(csv.as_bytes(), &mapping_debit_credit()).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(4)));
        assert!(!e.to_string().contains("12x4"), "{e}");
        let csv = "วันที่,เวลา,รายการ,ถอน,ฝาก,คงเหลือ,บัญชีปลายทาง\n32/13/2569,22:15,a,100,,,\n";
        let e = read_statement(csv.as_bytes(), &mapping_debit_credit()).unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(1)));
        let csv = "วันที่,เวลา,รายการ,ถอน,ฝาก,คงเหลือ,บัญชีปลายทาง\n01/05/2569,22:15,a,100,200,,\n";
        assert!(read_statement(csv.as_bytes(), &mapping_debit_credit()).unwrap_err().message.contains("both"));
        let e = read_statement(b"date,amount\n", &mapping_debit_credit()).unwrap_err();
        assert!(e.message.contains("date column"), "{e}");
        assert!(read_statement(b"", &mapping_debit_credit()).unwrap_err().message.contains("empty"));
        let latin1 = b"\xe0\xb8,x\n\xff\xfe,1\n";
        assert!(read_statement(latin1, &mapping_debit_credit()).unwrap_err().message.contains("UTF-8"));
    }

    #[test]
    fn one_signed_column_either_way_round_and_a_currency_column() {
        let mut m = mapping_debit_credit();
        m.date = "Date".into();
        m.time = None;
        m.debit = None;
        m.credit = None;
        m.amount = Some("Amount".into());
        m.currency = Some("Ccy".into());
        m.counterparty_account = None;
        m.balance = None;
        m.description = None;
        let csv = "Date;Amount;Ccy\n2026-05-01 10:00;-1.234,00;THB\n";
        assert!(read_statement(csv.as_bytes(), &m).is_err(), "a European decimal comma is refused, not misread");
        let csv = "Date;Amount;Ccy\n2026-05-01 10:00;-1234.00;THB\n2026-05-02 11:00;50;usd\n";
        let s = read_statement(csv.as_bytes(), &m).unwrap();
        assert_eq!(s.lines[0].amount_minor, -123_400);
        assert_eq!(s.lines[1].currency, "USD");
        m.outflow_positive = true;
        let s = read_statement(csv.as_bytes(), &m).unwrap();
        assert_eq!(s.lines[0].amount_minor, 123_400);
    }

    #[test]
    fn xlsx_numbers_and_dates_are_read_as_they_are() {
        let rows = vec![
            (1, vec![Cell::Text("Statement".into())]),
            (2, vec![Cell::Text("Date".into()), Cell::Text("Amount".into())]),
            (3, vec![Cell::DateTime(day("2026-05-01").and_hms_opt(23, 0, 0).unwrap()), Cell::Number(-1500.5)]),
            (4, vec![Cell::Text("02/05/2569".into()), Cell::Number(20.0)]),
        ];
        let mut m = mapping_debit_credit();
        m.date = "date".into();
        m.amount = Some("amount".into());
        m.time = None;
        m.debit = None;
        m.credit = None;
        m.description = None;
        m.counterparty_account = None;
        m.balance = None;
        let s = read_rows(&rows, &m).unwrap();
        assert_eq!(s.lines[0].amount_minor, -150_050);
        assert_eq!(s.lines[0].at, day("2026-05-01").and_hms_opt(23, 0, 0).unwrap());
        assert_eq!(s.lines[1].amount_minor, 2000);
        assert!(read_statement(b"PK\x03\x04 not a zip", &m).unwrap_err().message.contains("XLSX"));
    }

    /// A minimal workbook of one sheet: `rows` of cells, each `s:text` (a string) or a number.
    fn workbook(rows: &[&[&str]]) -> Vec<u8> {
        use std::io::Write;
        let mut sheet = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        );
        for (r, row) in rows.iter().enumerate() {
            sheet.push_str(&format!(r#"<row r="{}">"#, r + 1));
            for (c, cell) in row.iter().enumerate() {
                let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
                match cell.strip_prefix("s:") {
                    Some(text) => sheet.push_str(&format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)),
                    None => sheet.push_str(&format!(r#"<c r="{at}"><v>{cell}</v></c>"#)),
                }
            }
            sheet.push_str("</row>");
        }
        sheet.push_str("</sheetData></worksheet>");
        let files = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Statement" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, body) in files {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn an_xlsx_statement_reads_like_its_csv() {
        let book = workbook(&[
            &["s:KBank statement"],
            &["s:วันที่", "s:เวลา", "s:รายการ", "s:ถอน", "s:ฝาก", "s:คงเหลือ", "s:บัญชีปลายทาง"],
            &["s:01/05/2569", "s:22:15", "s:โอนเงิน", "1500", "", "8500", "s:987-6-54321-0"],
            &["s:2 พ.ค. 2569", "s:09:00", "s:รับโอน", "", "12000.25", "20500.25", ""],
        ]);
        let s = read_statement(&book, &mapping_debit_credit()).unwrap();
        assert_eq!(s.lines.len(), 2);
        assert_eq!((s.lines[0].line, s.lines[0].amount_minor), (3, -150_000));
        assert_eq!(s.lines[1].amount_minor, 1_200_025);
        assert_eq!(s.lines[1].at, day("2026-05-02").and_hms_opt(9, 0, 0).unwrap());
        let bad = workbook(&[&["s:วันที่", "s:ถอน", "s:ฝาก"], &["s:01/05/2569", "s:abc", ""]]);
        let mut m = mapping_debit_credit();
        m.time = None;
        m.description = None;
        m.balance = None;
        m.counterparty_account = None;
        let e = read_statement(&bad, &m).unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(2)));
    }
}
