//! The transaction CSV contract: a UTF-8 file whose header names `id`, `from_account`,
//! `to_account`, `amount`, `currency` and `timestamp`, in any order (case and surrounding spaces
//! ignored); other columns are ignored and named in [`LoadReport::ignored_columns`].
//!
//! - `amount`: decimal text with a point, `1234.50` or `1234` (no thousands separators, no sign:
//!   a payment goes from `from_account` to `to_account`), at most as many decimals as the currency
//!   has (ISO 4217: 2 for THB, 0 for JPY, 3 for KWD); held as integer minor units.
//! - `currency`: an ISO 4217 alphabetic code (`THB`, `usd`).
//! - `timestamp`: ISO 8601, `2026-03-14T21:05:00+07:00`, `2026-03-14 21:05`, `2026-03-14T14:05:00Z`,
//!   `2026-03-14T21:05:00.250+0700` or a date alone (midnight); without an offset it is read in the
//!   default offset the caller gives (the CLI's `--utc-offset`, +07:00 by default).
//!
//! A field may be quoted (RFC 4180) but may not hold a line break. A malformed row (wrong number of
//! fields, a field that does not parse, invalid UTF-8, an id seen on an earlier row) is reported
//! with its line and column and skipped; the value itself is never repeated in the message (a
//! statement's account numbers are personal data). An empty file, a file without data rows, a file
//! that is not UTF-8 and a header missing a column are errors.

use std::borrow::Cow;

use rayon::prelude::*;

use super::ledger::{Ledger, LedgerBuilder};
use super::{days_from_civil, Currency, Money, Timestamp};

/// The columns of the contract, in the order of [`Field`].
pub const COLUMNS: [&str; 6] = ["id", "from_account", "to_account", "amount", "currency", "timestamp"];

/// Why a file cannot be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    #[error("the file is empty (0 bytes): expected a header naming {}", COLUMNS.join(", "))]
    Empty,
    #[error("the file is not UTF-8 (it looks like {0}): save it as UTF-8, e.g. iconv -f {1} -t UTF-8")]
    Encoding(&'static str, &'static str),
    #[error("the header has no column {missing} (found: {found}); required: {}", COLUMNS.join(", "))]
    MissingColumn { missing: String, found: String },
    #[error("the file has a header but no payments")]
    NoRows,
}

/// What loading found besides the payments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Data rows read (malformed ones included).
    pub rows: u64,
    /// Header columns not in the contract, ignored.
    pub ignored_columns: Vec<String>,
    /// Each malformed row, skipped: its line, the column at fault (if one is) and the problem.
    pub malformed: Vec<Malformed>,
}

/// A skipped row: where and what, never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub line: u64,
    pub column: Option<&'static str>,
    pub problem: String,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(c) => write!(f, "line {}, column {c}: {}", self.line, self.problem),
            None => write!(f, "line {}: {}", self.line, self.problem),
        }
    }
}

fn parse_quoted(line: &[u8]) -> Vec<Vec<u8>> {
    let mut fields = vec![Vec::new()];
    let mut quoted = false;
    let mut it = line.iter().peekable();
    while let Some(&c) = it.next() {
        let Some(cur) = fields.last_mut() else { break };
        match (c, quoted) {
            (b'"', true) if it.peek() == Some(&&b'"') => {
                cur.push(b'"');
                it.next();
            }
            (b'"', _) => quoted = !quoted,
            (b',', false) => fields.push(Vec::new()),
            _ => cur.push(c),
        }
    }
    fields
}

/// A row's fields, borrowed from the buffer (or unquoted into owned bytes).
fn split(line: &[u8]) -> Vec<Cow<'_, [u8]>> {
    if memchr::memchr(b'"', line).is_some() {
        return parse_quoted(line).into_iter().map(Cow::Owned).collect();
    }
    let mut out = Vec::with_capacity(8);
    let mut start = 0usize;
    for i in memchr::memchr_iter(b',', line).chain(std::iter::once(line.len())) {
        out.push(Cow::Borrowed(line.get(start..i).unwrap_or(&[])));
        start = i + 1;
    }
    out
}

/// Splits `buf` into about `parts` pieces that end at a line end.
fn pieces(buf: &[u8], parts: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(parts + 1);
    let step = buf.len() / parts.max(1) + 1;
    let mut start = 0usize;
    while start < buf.len() {
        let guess = (start + step).min(buf.len());
        let end = match buf.get(guess..).and_then(|rest| memchr::memchr(b'\n', rest)) {
            Some(i) => guess + i + 1,
            None => buf.len(),
        };
        if let Some(p) = buf.get(start..end) {
            out.push(p);
        }
        start = end;
    }
    out
}

/// Parses a decimal amount into minor units with `exponent` decimals. `Err` says what is wrong
/// without the value.
pub fn parse_amount(text: &str, exponent: u32) -> Result<i64, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Err("empty");
    }
    if t.starts_with('-') {
        return Err("a negative amount (a payment goes from from_account to to_account)");
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) {
        return Err("not a decimal amount (digits with an optional point, e.g. 1234.50)");
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > exponent as usize {
        return Err("more decimals than the currency has");
    }
    let mut v: i64 = 0;
    for b in whole.bytes().chain(frac.bytes()).chain(std::iter::repeat_n(b'0', exponent as usize - frac.len())) {
        v = v.checked_mul(10).and_then(|v| v.checked_add(i64::from(b - b'0'))).ok_or("too large")?;
    }
    Ok(v)
}

fn number(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    b.iter().try_fold(0u32, |v, &d| v.checked_mul(10)?.checked_add(u32::from(d - b'0')))
}

/// Parses an ISO 8601 date-time (see the module's documentation); `default_offset` (minutes east of
/// UTC) applies when it names no offset.
pub fn parse_timestamp(text: &str, default_offset: i32) -> Result<Timestamp, &'static str> {
    const BAD: &str = "not an ISO 8601 date and time (e.g. 2026-03-14T21:05:00+07:00)";
    let b = text.trim().as_bytes();
    if b.is_empty() {
        return Err("empty");
    }
    let (Some(date), rest) = (b.get(..10), b.get(10..).unwrap_or(&[])) else { return Err(BAD) };
    if date.get(4) != Some(&b'-') || date.get(7) != Some(&b'-') {
        return Err(BAD);
    }
    let (y, m, d) = match (
        number(date.get(..4).unwrap_or(&[])),
        number(date.get(5..7).unwrap_or(&[])),
        number(date.get(8..10).unwrap_or(&[])),
    ) {
        (Some(y), Some(m), Some(d)) => (y, m, d),
        _ => return Err(BAD),
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d == 0 || d > days_in.get(m as usize - 1).copied().unwrap_or(0) {
        return Err("not a real date");
    }
    let mut secs_of_day = 0u32;
    let mut rest = rest;
    if let Some((&sep, time)) = rest.split_first() {
        if sep != b'T' && sep != b't' && sep != b' ' {
            return Err(BAD);
        }
        let hh = time.get(..2).and_then(number);
        let mm = (time.get(2) == Some(&b':')).then(|| time.get(3..5).and_then(number)).flatten();
        let (Some(hh), Some(mm)) = (hh, mm) else { return Err(BAD) };
        let mut used = 5;
        let mut ss = 0;
        if time.get(5) == Some(&b':') {
            ss = time.get(6..8).and_then(number).ok_or(BAD)?;
            used = 8;
            if matches!(time.get(8), Some(b'.') | Some(b',')) {
                let frac = time.get(9..).unwrap_or(&[]);
                let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
                if n == 0 {
                    return Err(BAD);
                }
                used = 9 + n;
            }
        }
        if hh > 23 || mm > 59 || ss > 60 {
            return Err("not a real time of day");
        }
        secs_of_day = hh * 3600 + mm * 60 + ss.min(59);
        rest = time.get(used..).unwrap_or(&[]);
    }
    let offset = match rest {
        [] => default_offset,
        [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), tail @ ..] => {
            let plain = !tail.contains(&b':') && matches!(tail.len(), 2 | 4);
            let colon = tail.len() == 5 && tail.get(2) == Some(&b':');
            if !plain && !colon {
                return Err(BAD);
            }
            let h = tail.get(..2).and_then(number);
            let mi = if tail.len() == 2 { Some(0) } else { tail.get(tail.len() - 2..).and_then(number) };
            let (Some(h), Some(mi)) = (h, mi) else { return Err(BAD) };
            if h > 14 || mi > 59 {
                return Err("not a real UTC offset");
            }
            let o = (h * 60 + mi) as i32;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return Err(BAD),
    };
    let local = days_from_civil(i64::from(y), m, d) * 86_400 + i64::from(secs_of_day);
    Ok(Timestamp { utc: local - i64::from(offset) * 60, local_minute: (secs_of_day / 60) as u16 })
}

/// One parsed row: line, id, from, to, amount, time.
type Parsed<'a> = (u64, Cow<'a, str>, Cow<'a, str>, Cow<'a, str>, Money, Timestamp);

fn utf8(b: Cow<'_, [u8]>) -> Option<Cow<'_, str>> {
    match b {
        Cow::Borrowed(x) => std::str::from_utf8(x).ok().map(Cow::Borrowed),
        Cow::Owned(x) => String::from_utf8(x).ok().map(Cow::Owned),
    }
}

fn trimmed(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(x) => Cow::Borrowed(x.trim()),
        Cow::Owned(x) => Cow::Owned(x.trim().to_string()),
    }
}

/// Parses one data line (without its line end).
fn row<'a>(line: &'a [u8], no: u64, cols: &[usize; 6], width: usize, offset: i32) -> Result<Parsed<'a>, Malformed> {
    let bad =
        |column: Option<&'static str>, problem: &str| Malformed { line: no, column, problem: problem.to_string() };
    let mut fields = split(line);
    if fields.len() != width {
        return Err(bad(None, &format!("{} fields where the header has {width}", fields.len())));
    }
    let mut take = |k: usize| -> Result<Cow<'a, str>, Malformed> {
        let name = COLUMNS.get(k).copied().unwrap_or("");
        let i = cols.get(k).copied().unwrap_or(0);
        let raw = fields.get_mut(i).map(|f| std::mem::replace(f, Cow::Borrowed(&[]))).unwrap_or_default();
        let s = utf8(raw).ok_or_else(|| bad(Some(name), "not valid UTF-8"))?;
        let s = trimmed(s);
        if s.is_empty() {
            return Err(bad(Some(name), "empty"));
        }
        Ok(s)
    };
    let id = take(0)?;
    let from = take(1)?;
    let to = take(2)?;
    let amount = take(3)?;
    let currency = take(4)?;
    let timestamp = take(5)?;
    let currency = Currency::parse(&currency)
        .ok_or_else(|| bad(Some("currency"), "not an ISO 4217 code (three letters, e.g. THB)"))?;
    let minor = parse_amount(&amount, currency.exponent()).map_err(|e| bad(Some("amount"), e))?;
    let time = parse_timestamp(&timestamp, offset).map_err(|e| bad(Some("timestamp"), e))?;
    Ok((no, id, from, to, Money::new(minor, currency), time))
}

/// Whole-file encoding checks: UTF-16 and single-byte Thai encodings are errors.
fn check_encoding(bytes: &[u8]) -> Result<(), CsvError> {
    if bytes.is_empty() {
        return Err(CsvError::Empty);
    }
    let head = bytes.get(..4096.min(bytes.len())).unwrap_or_default();
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0) {
        return Err(CsvError::Encoding("UTF-16", "UTF-16"));
    }
    let mut valid_multibyte = false;
    let mut invalid = false;
    let mut all_thai_8bit = true;
    for chunk in head.utf8_chunks() {
        valid_multibyte |= !chunk.valid().is_ascii();
        if !chunk.invalid().is_empty() {
            invalid = true;
            all_thai_8bit &= chunk.invalid().iter().all(|b| (0x80..=0xFB).contains(b));
        }
    }
    if invalid && !valid_multibyte && all_thai_8bit {
        return Err(CsvError::Encoding("a single-byte encoding such as TIS-620 / Windows-874", "TIS-620"));
    }
    Ok(())
}

/// Loads a transaction CSV (as bytes) into a [`Ledger`]. `default_offset`: minutes east of UTC of
/// timestamps written without an offset. Malformed rows are skipped and reported.
pub fn load_csv(bytes: &[u8], default_offset: i32) -> Result<(Ledger, LoadReport), CsvError> {
    check_encoding(bytes)?;
    let buf = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let end = memchr::memchr(b'\n', buf).map_or(buf.len(), |i| i + 1);
    let head = buf.get(..end).unwrap_or(buf);
    let head = head.strip_suffix(b"\n").unwrap_or(head);
    let head = head.strip_suffix(b"\r").unwrap_or(head);
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(CsvError::Empty);
    }
    let names: Vec<String> =
        parse_quoted(head).iter().map(|f| String::from_utf8_lossy(f).trim().to_lowercase()).collect();
    let mut cols = [0usize; 6];
    for (k, want) in COLUMNS.iter().enumerate() {
        let i = names
            .iter()
            .position(|n| n == want)
            .ok_or_else(|| CsvError::MissingColumn { missing: (*want).to_string(), found: names.join(",") })?;
        if let Some(c) = cols.get_mut(k) {
            *c = i;
        }
    }
    let mut report = LoadReport {
        ignored_columns: names.iter().filter(|n| !COLUMNS.contains(&n.as_str())).cloned().collect(),
        ..LoadReport::default()
    };
    let width = names.len();
    let body = buf.get(end..).unwrap_or(&[]);
    let threads = rayon::current_num_threads().max(1);
    let parts = pieces(body, (body.len() / (4 << 20)).max(threads * 2));
    // The first line number of each piece (the header is line 1).
    let mut first_line = Vec::with_capacity(parts.len());
    let mut line = 2u64;
    for p in &parts {
        first_line.push(line);
        line += memchr::memchr_iter(b'\n', p).count() as u64;
    }
    let mut builder = LedgerBuilder::with_capacity((body.len() / 60).max(16));
    let mut lines_added: Vec<u64> = Vec::with_capacity((body.len() / 60).max(16));
    // A few pieces at a time, so that parsed rows never all exist at once.
    let batch = threads * 2;
    for (chunk, starts) in parts.chunks(batch).zip(first_line.chunks(batch)) {
        let parsed: Vec<(Vec<Parsed>, Vec<Malformed>, u64)> = chunk
            .par_iter()
            .zip(starts.par_iter())
            .map(|(piece, &start)| {
                let mut ok = Vec::new();
                let mut bad = Vec::new();
                let mut rows = 0u64;
                let mut from = 0usize;
                for (k, end) in memchr::memchr_iter(b'\n', piece).chain(std::iter::once(piece.len())).enumerate() {
                    let l = piece.get(from..end).unwrap_or(&[]);
                    from = end + 1;
                    let l = l.strip_suffix(b"\r").unwrap_or(l);
                    if l.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    rows += 1;
                    match row(l, start + k as u64, &cols, width, default_offset) {
                        Ok(r) => ok.push(r),
                        Err(m) => bad.push(m),
                    }
                }
                (ok, bad, rows)
            })
            .collect();
        for (ok, bad, rows) in parsed {
            report.rows += rows;
            report.malformed.extend(bad);
            for (no, id, from, to, amount, time) in ok {
                let (f, t) = (builder.account(&from), builder.account(&to));
                builder.add_interned(&id, f, t, amount, time);
                lines_added.push(no);
            }
        }
    }
    if report.rows == 0 {
        return Err(CsvError::NoRows);
    }
    let (ledger, dropped) = builder.build();
    for i in dropped {
        report.malformed.push(Malformed {
            line: lines_added.get(i).copied().unwrap_or(0),
            column: Some("id"),
            problem: "an id an earlier row already has".to_string(),
        });
    }
    report.malformed.sort_by_key(|m| m.line);
    Ok((ledger, report))
}
