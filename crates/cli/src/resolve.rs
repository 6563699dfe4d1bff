//! `counternet resolve`: a CSV of person records in, `id,cluster_id` out.
//!
//! The contract (docs/decisions/0009-entity-resolution.md): a UTF-8 CSV whose header names `id`
//! and any of the known columns; other columns are ignored and named in a warning. A malformed row
//! (wrong number of fields, empty id, an id seen before, invalid UTF-8) is reported with its line
//! number; without --strict it is skipped (and absent from the output), with --strict the run stops.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use counternet_intel::record::{NormalisedPiece, PersonFields};
use counternet_intel::{Model, ModelSource, PersonRecord, ResolveConfig, Stage};

/// The columns `resolve` reads.
pub const KNOWN_COLUMNS: &[&str] = &[
    "id",
    "given_name",
    "family_name",
    "full_name",
    "date_of_birth",
    "sex",
    "nationality",
    "phone",
    "id_number",
    "address",
    "locality",
    "postcode",
];

#[derive(Args)]
pub struct ResolveArgs {
    /// The person records: a UTF-8 CSV file with a header row.
    #[arg(long)]
    input: PathBuf,
    /// Where to write `id,cluster_id` (one row per record read, in input order).
    #[arg(long)]
    output: PathBuf,
    /// Stop at the first malformed row (exit 1 naming its line) instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Join two records when the model's probability that they are one person is at least this.
    #[arg(long, default_value_t = 0.95, value_parser = parse_probability)]
    threshold: f64,
    /// Save the model's parameters (m, u per field level, prior) as JSON.
    #[arg(long, value_name = "FILE")]
    model_out: Option<PathBuf>,
    /// Use saved parameters instead of estimating them from this file.
    #[arg(long, value_name = "FILE")]
    model_in: Option<PathBuf>,
    /// The year against which an age written instead of a date of birth ("34", "age 34") is taken
    /// [default: this year].
    #[arg(long, value_name = "YEAR")]
    age_reference_year: Option<u16>,
}

pub const RESOLVE_HELP: &str = "\
Input: a UTF-8 CSV with a header row naming any of
  id (required, unique), given_name, family_name, full_name, date_of_birth, sex, nationality,
  phone, id_number, address, locality, postcode
Other columns are ignored and named in a warning. Names may be in Thai, Lao, Burmese or Latin script,
with titles (Mr, Nai, Nang, U, Daw...), swapped or run together. Dates: 1997-03-14, 14/03/1997,
14/03/2540 (B.E.), 1997, 1997-03, or an age (34). Phones: 081 234 5678 or +66812345678.

Output: id,cluster_id, one row per record read, in input order; records of one person share a
cluster_id (the id of the cluster's first record).

The model is estimated from the file itself (EM); a file of fewer than 2,000 records is scored with
the built-in model (trained on synthetic Thai, Lao, Burmese and Khmer records) unless --model-in
gives one.

Malformed rows (wrong number of fields, empty or repeated id, invalid UTF-8) are named with their
line number on standard error and skipped: they are absent from the output. With --strict the first
one stops the run (exit 1). An empty file, a header without rows, a header without id and a file
that is not UTF-8 (UTF-16, TIS-620...) are errors.

Examples:
  counternet resolve --input persons.csv --output clusters.csv
  counternet resolve --input persons.csv --output clusters.csv --threshold 0.95 --model-out model.json
  counternet resolve --input more.csv --output more-clusters.csv --model-in model.json --strict

See docs/decisions/0009-entity-resolution.md for the normalisers, the model, blocking and clustering.";

fn parse_probability(s: &str) -> Result<f64, String> {
    let p: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!("{p} is not a probability between 0 and 1"))
    }
}

/// The records of a file (as read, or already normalised), and its malformed rows.
#[derive(Debug)]
pub struct PersonFile<R = Vec<PersonRecord>> {
    pub ids: Vec<String>,
    /// The records in order, in the pieces the file was read in (`ids[k]` is the k-th record
    /// over all pieces): a million records are not moved once more to be joined.
    pub pieces: Vec<R>,
    pub ignored_columns: Vec<String>,
    /// (line, problem) of each skipped row.
    pub skipped: Vec<(u64, String)>,
}

impl<R> Default for PersonFile<R> {
    fn default() -> Self {
        PersonFile { ids: Vec::new(), pieces: Vec::new(), ignored_columns: Vec::new(), skipped: Vec::new() }
    }
}

impl<T> PersonFile<Vec<T>> {
    /// The records in order.
    pub fn records(&self) -> impl Iterator<Item = &T> {
        self.pieces.iter().flatten()
    }
}

/// A row read: its line, id and record (in the tests, which compare rows).
#[cfg(test)]
type ReadRow<T> = (u64, String, T);
/// A malformed row: its line and what is wrong.
type Malformed = (u64, String);

/// Checks the start of a file: an empty file and UTF-16 are errors.
fn check_head(bytes: &[u8], name: &str) -> Result<()> {
    if bytes.is_empty() {
        bail!("{name} is empty (0 bytes): expected a CSV header naming at least an id column");
    }
    let head = bytes.get(..4096.min(bytes.len())).unwrap_or_default();
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0) {
        bail!("{name} is not UTF-8 (it looks like UTF-16): save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
    }
    Ok(())
}

/// Checks a file in which something was not UTF-8 (the header, or a row): a single-byte encoding
/// is an error for the whole file. Run only then, as the rows are checked one by one anyway.
fn check_single_byte(bytes: &[u8], name: &str) -> Result<()> {
    // A file whose every non-ASCII byte is invalid UTF-8 and a Thai letter, digit or sign of TIS-620 /
    // Windows-874 (0x80 to 0xFB) is in that encoding; otherwise invalid bytes make malformed rows.
    // Pieces cut at line ends (a line feed is never inside a UTF-8 sequence), checked in parallel.
    let (valid_multibyte, invalid, all_thai_8bit) = line_pieces(bytes, 0, PIECE_BYTES)
        .par_iter()
        .map(|&(s, e)| {
            let mut seen = (false, false, true);
            for chunk in bytes.get(s..e).unwrap_or_default().utf8_chunks() {
                if !chunk.valid().is_ascii() {
                    seen.0 = true;
                }
                if !chunk.invalid().is_empty() {
                    seen.1 = true;
                    seen.2 &= chunk.invalid().iter().all(|b| (0x80..=0xFB).contains(b));
                }
            }
            seen
        })
        .reduce(|| (false, false, true), |a, b| (a.0 || b.0, a.1 || b.1, a.2 && b.2));
    if invalid && !valid_multibyte && all_thai_8bit {
        bail!(
            "{name} is not UTF-8 (it looks like a single-byte encoding such as TIS-620 / Windows-874): \
             save it as UTF-8, e.g. iconv -f TIS-620 -t UTF-8"
        );
    }
    Ok(())
}

/// What a data row must look like: the header's number of fields and where each known column is.
struct Shape {
    fields: usize,
    /// For each of [`KNOWN_COLUMNS`], its field, if the header has it.
    index: Vec<Option<usize>>,
}

/// A row as read, before ids are checked for repeats: its line and record, or what is wrong.
#[cfg(test)]
type Row<T> = Result<ReadRow<T>, Malformed>;

/// Where the records of one piece of a file go as its rows are read: owned records, or records
/// normalised and interned within the piece.
pub trait Records: Send + Sync {
    /// Adds one row's record.
    fn add(&mut self, fields: PersonFields<'_>);
    /// How many records there are.
    fn count(&self) -> usize;
    /// Keeps only the records for which `keep(index)` holds.
    fn keep(&mut self, keep: &mut dyn FnMut(usize) -> bool);
}

impl Records for Vec<PersonRecord> {
    fn add(&mut self, fields: PersonFields<'_>) {
        self.push(owned(fields));
    }

    fn count(&self) -> usize {
        self.len()
    }

    fn keep(&mut self, keep: &mut dyn FnMut(usize) -> bool) {
        let mut k = 0;
        self.retain(|_| {
            k += 1;
            keep(k - 1)
        });
    }
}

impl Records for NormalisedPiece {
    fn add(&mut self, fields: PersonFields<'_>) {
        self.push(fields);
    }

    fn count(&self) -> usize {
        self.len()
    }

    fn keep(&mut self, keep: &mut dyn FnMut(usize) -> bool) {
        self.retain(keep);
    }
}

/// The rows of one piece of a file, in order: the ids, records and lines of the rows read apart
/// from the malformed rows, so that the records are taken into the [`PersonFile`] as they are,
/// not moved once more out of rows.
struct Part<R> {
    ids: Vec<String>,
    records: R,
    lines: Vec<u64>,
    malformed: Vec<Malformed>,
    /// For each malformed row, the number of records read before it in the part (two rows can
    /// share a line, when a carriage return alone ends one).
    malformed_after: Vec<usize>,
}

impl<R: Records> Part<R> {
    fn with_capacity(rows: usize, make: Make<'_, R>) -> Part<R> {
        Part {
            ids: Vec::with_capacity(rows),
            records: make(rows),
            lines: Vec::with_capacity(rows),
            malformed: Vec::new(),
            malformed_after: Vec::new(),
        }
    }

    fn push_malformed(&mut self, problem: Malformed) {
        self.malformed.push(problem);
        self.malformed_after.push(self.records.count());
    }

    /// Counts the part's lines from `by` lines further on.
    fn shift_lines(&mut self, by: u64) {
        self.lines.iter_mut().for_each(|l| *l += by);
        for (line, problem) in &mut self.malformed {
            // The message names the line too.
            let shifted = *line + by;
            *problem = problem.replacen(&format!("line {line}:"), &format!("line {shifted}:"), 1);
            *line = shifted;
        }
    }
}

/// The rows of a file in order, in the pieces it was read in (so that they are moved once, into
/// the [`PersonFile`], not joined first).
type Parts<R> = Vec<Part<R>>;

/// A new piece's records, with room for so many.
type Make<'m, R> = &'m (dyn Fn(usize) -> R + Sync);

/// An owned [`PersonRecord`] of a row's fields.
fn owned(f: PersonFields<'_>) -> PersonRecord {
    let own = |v: Option<&str>| v.map(str::to_string);
    PersonRecord {
        given_name: own(f.given_name),
        family_name: own(f.family_name),
        full_name: own(f.full_name),
        date_of_birth: own(f.date_of_birth),
        sex: own(f.sex),
        nationality: own(f.nationality),
        phone: own(f.phone),
        id_number: own(f.id_number),
        address: own(f.address),
        locality: own(f.locality),
        postcode: own(f.postcode),
    }
}

/// Checks one CSV record found at `line` and adds it to `part` (or the problem with it).
fn convert<R: Records>(row: &csv::ByteRecord, line: u64, shape: &Shape, part: &mut Part<R>) {
    match fields_of(row, line, shape) {
        Ok((id, fields)) => {
            part.ids.push(id.to_string());
            part.records.add(fields);
            part.lines.push(line);
        }
        Err(problem) => part.push_malformed(problem),
    }
}

/// The id and fields of one CSV record found at `line`, or what is wrong with it.
fn fields_of<'r>(row: &'r csv::ByteRecord, line: u64, shape: &Shape) -> Result<(&'r str, PersonFields<'r>), Malformed> {
    let fields = shape.fields;
    if row.len() != fields {
        return Err((line, format!("line {line}: {} fields where the header has {fields}", row.len())));
    }
    // The row's fields one after the other, checked once; each field is a piece of it.
    // A fast check first; std's again only to say where a bad row goes wrong.
    let text = match simdutf8::basic::from_utf8(row.as_slice()) {
        Ok(text) => text,
        Err(_) => match std::str::from_utf8(row.as_slice()) {
            Ok(text) => text,
            Err(e) => return Err((line, format!("line {line}: not valid UTF-8 ({e})"))),
        },
    };
    let get = |k: usize| -> Option<&str> {
        let i = (*shape.index.get(k)?)?;
        let v = text.get(row.range(i)?)?.trim();
        (!v.is_empty()).then_some(v)
    };
    let Some(id) = get(0) else {
        return Err((line, format!("line {line}: the id is empty")));
    };
    let fields = PersonFields {
        given_name: get(1),
        family_name: get(2),
        full_name: get(3),
        date_of_birth: get(4),
        sex: get(5),
        nationality: get(6),
        phone: get(7),
        id_number: get(8),
        address: get(9),
        locality: get(10),
        postcode: get(11),
    };
    Ok((id, fields))
}

/// Files from this size up are parsed in parallel.
const PARALLEL_BYTES: usize = 1 << 20;
/// The bytes of one piece of a file parsed in parallel.
const PIECE_BYTES: usize = 1 << 20;

/// The line of the byte at `at`.
fn line_of(body: &[u8], at: usize) -> u64 {
    1 + body.get(..at).unwrap_or(body).iter().filter(|&&b| b == b'\n').count() as u64
}

/// The rows of `body` from byte `start` (just after the header), one after the other.
fn read_rows_serial<R: Records>(body: &[u8], start: usize, shape: &Shape, make: Make<'_, R>) -> Parts<R> {
    let mut piece = parse_piece(body.get(start..).unwrap_or_default(), usize::MAX, shape, make);
    piece.part.shift_lines(line_of(body, start) - 1);
    vec![piece.part]
}

/// One piece's parse: its rows (lines counted from 1 at the piece's start) and where the first
/// record at or after the piece's end starts (byte offset and line in the piece), if any.
struct Piece<R> {
    part: Part<R>,
    first_record: Option<usize>,
    next: Option<(usize, u64)>,
}

/// How [`simple_record`] read a line.
enum Line {
    /// A blank line, which is no record (as the csv crate skips it).
    Blank,
    /// One whole record, its fields in the given record.
    Record,
    /// Something only the csv crate reads right: a quoted field running onto the next line, a quote
    /// inside an unquoted field or after a closing quote, a carriage return inside the line.
    Other,
}

/// Reads one line (without its line feed) as a CSV record, as the csv crate would, if the line is
/// simple: fields separated by commas, each either without quotes or wholly quoted (a doubled quote
/// within standing for one). Most rows of a file are, and reading them takes a fraction of the
/// csv crate's time, which looks at every byte in turn; any other line is [`Line::Other`].
fn simple_record(line: &[u8], record: &mut csv::ByteRecord, quoted: &mut Vec<u8>) -> Line {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.is_empty() {
        return Line::Blank;
    }
    if memchr::memchr(b'\r', line).is_some() {
        return Line::Other;
    }
    record.clear();
    if memchr::memchr(b'"', line).is_none() {
        for field in line.split(|&b| b == b',') {
            record.push_field(field);
        }
        return Line::Record;
    }
    let mut at = 0;
    loop {
        let rest = line.get(at..).unwrap_or_default();
        if let Some(inner) = rest.strip_prefix(b"\"") {
            // A quoted field: up to the quote not doubled; the field must end right after it.
            quoted.clear();
            let mut k = 0;
            loop {
                let Some(q) = inner.get(k..).and_then(|r| memchr::memchr(b'"', r)) else {
                    return Line::Other;
                };
                quoted.extend_from_slice(inner.get(k..k + q).unwrap_or_default());
                k += q + 1;
                if inner.get(k) == Some(&b'"') {
                    quoted.push(b'"');
                    k += 1;
                } else {
                    break;
                }
            }
            record.push_field(quoted);
            at += 1 + k;
            match line.get(at) {
                None => return Line::Record,
                Some(b',') => at += 1,
                Some(_) => return Line::Other,
            }
        } else {
            let end = memchr::memchr(b',', rest).unwrap_or(rest.len());
            let field = rest.get(..end).unwrap_or_default();
            if memchr::memchr(b'"', field).is_some() {
                return Line::Other;
            }
            record.push_field(field);
            if end == rest.len() {
                return Line::Record;
            }
            at += end + 1;
        }
    }
}

/// Parses `bytes` from its start (which must be the start of a record) until a record starts at
/// or after `len`. Simple lines are read by [`simple_record`]; from the first other line on, the
/// rest is read by the csv crate.
fn parse_piece<R: Records>(bytes: &[u8], len: usize, shape: &Shape, make: Make<'_, R>) -> Piece<R> {
    let mut record = csv::ByteRecord::new();
    let mut quoted = Vec::new();
    // About one row a line: sized once, not grown (and copied) row by row.
    let lines = bytes.get(..len.min(bytes.len())).map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
    let mut piece = Piece { part: Part::with_capacity(lines + 1, make), first_record: None, next: None };
    let (mut at, mut line) = (0usize, 1u64);
    while at < bytes.len() {
        let rest = bytes.get(at..).unwrap_or_default();
        let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
        match simple_record(rest.get(..end).unwrap_or_default(), &mut record, &mut quoted) {
            Line::Blank => {}
            Line::Record => {
                piece.first_record.get_or_insert(at);
                if at >= len {
                    piece.next = Some((at, line));
                    return piece;
                }
                convert(&record, line, shape, &mut piece.part);
            }
            Line::Other => {
                parse_with_csv(rest, (at, line - 1), len, shape, &mut piece);
                return piece;
            }
        }
        at += end + 1;
        line += 1;
    }
    piece
}

/// [`parse_piece`]'s reading of `bytes` (the rest of a piece, `before` bytes and lines into it)
/// with the csv crate. A row's line is the line of the file it starts on, counted here from its
/// byte (the csv crate's own count leaves out blank lines).
fn parse_with_csv<R: Records>(bytes: &[u8], before: (usize, u64), len: usize, shape: &Shape, piece: &mut Piece<R>) {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    // Where a row starts in `bytes` and its line (counted on from the last row), from the csv
    // crate's position, which is before the blank lines the row follows.
    let mut counted = (0usize, before.1 + 1);
    let mut start_of = |at: u64| {
        let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at > counted.0 {
            let newlines = bytes.get(counted.0..at).map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
            counted = (at, counted.1 + newlines as u64);
        }
        (at, counted.1)
    };
    loop {
        let previous = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let (at, line) = start_of(record.position().map_or(previous, |p| p.byte()));
                let byte = before.0 + at;
                piece.first_record.get_or_insert(byte);
                if byte >= len {
                    piece.next = Some((byte, line));
                    break;
                }
                convert(&record, line, shape, &mut piece.part);
            }
            Err(e) => {
                let (_, line) = start_of(e.position().map_or(previous, |p| p.byte()));
                piece.part.push_malformed((line, format!("line {line}: cannot be read as CSV ({e})")));
                if reader.position().byte() == previous {
                    break;
                }
            }
        }
    }
}

/// `body` from `start` cut into pieces (start, end) of about `piece_bytes`, each cut just after the
/// first line end at or after the piece's size.
fn line_pieces(body: &[u8], start: usize, piece_bytes: usize) -> Vec<(usize, usize)> {
    let mut cuts = vec![start];
    let mut at = start + piece_bytes;
    while at < body.len() {
        match body.get(at..).and_then(|rest| memchr::memchr(b'\n', rest)) {
            Some(k) if at + k + 1 < body.len() => {
                cuts.push(at + k + 1);
                at += k + 1 + piece_bytes;
            }
            _ => break,
        }
    }
    cuts.push(body.len());
    cuts.windows(2).filter_map(|w| Some((*w.first()?, *w.get(1)?))).collect()
}

/// The rows of `body` from position `from`, parsed in parallel: the body is cut into pieces at line
/// ends and each is parsed as if a record started there. A piece's parse is kept only when the parse
/// of the piece before it (itself right) finds its next record exactly where this one found its
/// first: then both parsers are at the same record boundary and agree from there on. Otherwise (a
/// quoted field with a line break across the cut) the piece is parsed again from where the previous
/// one really ended. The rows and line numbers are those of [`read_rows_serial`].
fn read_rows_parallel<R: Records>(
    body: &[u8],
    start: usize,
    shape: &Shape,
    piece_bytes: usize,
    make: Make<'_, R>,
) -> Parts<R> {
    let spans = line_pieces(body, start, piece_bytes);
    // Lines before each cut, to number each piece's rows.
    let newlines: Vec<u64> = spans
        .par_iter()
        .map(|&(s, e)| body.get(s..e).unwrap_or_default().iter().filter(|&&b| b == b'\n').count() as u64)
        .collect();
    let mut line_at = Vec::with_capacity(spans.len());
    let start_line = line_of(body, start);
    let mut line = start_line;
    for n in &newlines {
        line_at.push(line);
        line += n;
    }
    let mut pieces: Vec<Piece<R>> =
        spans.par_iter().map(|&(s, e)| parse_piece(body.get(s..).unwrap_or_default(), e - s, shape, make)).collect();
    // Check each piece against the one before it, in order; parse again where they disagree.
    // The pieces' rows in order, each with the lines before its piece; joined in parallel below.
    let mut parts: Vec<(Part<R>, u64)> = Vec::with_capacity(spans.len());
    let mut expected: Option<(usize, u64)> = Some((start, start_line));
    for (k, &(s, e)) in spans.iter().enumerate() {
        let Some(piece) = pieces.get_mut(k) else { break };
        let base = line_at.get(k).copied().unwrap_or(1);
        let first = piece.first_record.map(|b| s + b);
        let fits = match expected {
            None => first.is_none(),
            Some((byte, _)) => first == Some(byte) || (k == 0 && byte == start),
        };
        let (rows, next, base) = if fits {
            let taken = std::mem::replace(&mut piece.part, Part::with_capacity(0, make));
            (taken, piece.next.map(|(b, l)| (s + b, base + l - 1)), base)
        } else {
            // Parse again from where the previous piece's parse found its next record.
            let Some((from_byte, from_line)) = expected else { continue };
            if from_byte >= e {
                // That record runs past this piece too.
                expected = Some((from_byte, from_line));
                continue;
            }
            let again = parse_piece(body.get(from_byte..).unwrap_or_default(), e - from_byte, shape, make);
            (again.part, again.next.map(|(b, l)| (from_byte + b, from_line + l - 1)), from_line)
        };
        parts.push((rows, base - 1));
        expected = next;
    }
    parts
        .into_par_iter()
        .map(|(mut part, by)| {
            part.shift_lines(by);
            part
        })
        .collect()
}

/// Takes the rows in order into `file`: the first row of each id is kept, a later one is
/// malformed; with `strict` the first malformed row is an error.
fn take_rows<R: Records>(parts: Parts<R>, file: &mut PersonFile<R>, strict: bool, name: &str) -> Result<()> {
    // Where each part's rows start among all rows read.
    let mut starts = Vec::with_capacity(parts.len());
    let mut total = 0usize;
    for p in &parts {
        starts.push(total);
        total += p.ids.len();
    }
    // The part and place of the row numbered `g` over all parts.
    let locate = |g: u32| {
        let p = starts.partition_point(|&s| s <= g as usize).saturating_sub(1);
        (p, g as usize - starts.get(p).copied().unwrap_or(0))
    };
    let id_of = |g: u32| {
        let (p, k) = locate(g);
        parts.get(p).and_then(|part| part.ids.get(k)).map(String::as_str)
    };
    let line_at = |g: u32| {
        let (p, k) = locate(g);
        parts.get(p).and_then(|part| part.lines.get(k)).copied().unwrap_or(0)
    };
    // Repeated ids: sort (hash, row) pairs in parallel and look only at equal hashes.
    let hashes: Vec<(u64, u32)> = {
        let mut h: Vec<(u64, u32)> = parts
            .par_iter()
            .zip(starts.par_iter())
            .flat_map_iter(|(part, &s)| part.ids.iter().enumerate().map(move |(k, id)| (id_hash(id), (s + k) as u32)))
            .collect();
        h.par_sort_unstable();
        h
    };
    // For each row whose id an earlier row has, that earlier row.
    let mut repeat_of: HashMap<u32, u32> = HashMap::new();
    let mut g = 0;
    while g < hashes.len() {
        let mut e = g + 1;
        while hashes.get(e).map(|x| x.0) == hashes.get(g).map(|x| x.0) {
            e += 1;
        }
        if e - g > 1 {
            let group = hashes.get(g..e).unwrap_or_default();
            for (n, &(_, k)) in group.iter().enumerate() {
                let earlier = group.get(..n).unwrap_or_default().iter().find(|&&(_, f)| id_of(f) == id_of(k));
                if let Some(&(_, f)) = earlier {
                    repeat_of.insert(k, f);
                }
            }
        }
        g = e;
    }
    if repeat_of.is_empty() && parts.iter().all(|p| p.malformed.is_empty()) {
        // Nothing to report (the usual case): the records stay in their pieces, the ids are joined.
        file.ids.reserve(total);
        for part in parts {
            file.ids.extend(part.ids);
            file.pieces.push(part.records);
        }
        return Ok(());
    }
    // Each problem with where it is among the rows: its line, the records before it, and whether
    // it is a record (a repeated id) rather than a row that was not read.
    let mut problems: Vec<((u64, usize, bool), Malformed)> = Vec::new();
    for (part, &start) in parts.iter().zip(&starts) {
        for (m, &after) in part.malformed.iter().zip(&part.malformed_after) {
            problems.push(((m.0, start + after, false), m.clone()));
        }
    }
    let mut repeats: Vec<(u32, u32)> = repeat_of.into_iter().collect();
    repeats.sort_unstable();
    for &(k, f) in &repeats {
        let (line, first) = (line_at(k), line_at(f));
        let id = id_of(k).unwrap_or_default();
        let problem = format!("line {line}: the id {id:?} was already used on line {first}");
        problems.push(((line, k as usize, true), (line, problem)));
    }
    // In the file's order (a malformed row and a repeated id: whichever comes first).
    problems.sort_by_key(|p| p.0);
    if strict {
        if let Some((_, (_, problem))) = problems.first() {
            bail!("{name}: {problem} (--strict stops at the first malformed row)");
        }
    }
    file.skipped = problems.into_iter().map(|(_, p)| p).collect();
    // The records of repeated ids are left out of their pieces.
    let repeated: std::collections::HashSet<usize> = repeats.iter().map(|&(k, _)| k as usize).collect();
    file.ids.reserve(total);
    for (mut part, start) in parts.into_iter().zip(starts) {
        let mut k = 0;
        part.ids.retain(|_| {
            k += 1;
            !repeated.contains(&(start + k - 1))
        });
        part.records.keep(&mut |k| !repeated.contains(&(start + k)));
        file.ids.extend(part.ids);
        file.pieces.push(part.records);
    }
    Ok(())
}

fn id_hash(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 29)
}

/// Reads a person file. Malformed rows are skipped, or with `strict` end the read with an error
/// naming the line.
pub fn read_person_file(path: &Path, strict: bool) -> Result<PersonFile> {
    read_file_as(path, strict, &Vec::with_capacity)
}

/// Reads a person file and normalises each record where its row is parsed (in parallel, without
/// an owned copy of its fields).
pub fn read_normalised_file(path: &Path, strict: bool, reference_year: u16) -> Result<PersonFile<NormalisedPiece>> {
    read_file_as(path, strict, &|n| NormalisedPiece::new(reference_year, n))
}

/// Bytes read at once by each thread of [`read_whole`].
const READ_BLOCK: usize = 8 << 20;

/// The whole file at `path`. A large file is read in blocks by all threads at once: the kernel's
/// copying into fresh pages (and zeroing them first) is most of the time to read a file already
/// cached, and it is shared out instead of waiting on one thread.
#[cfg(unix)]
fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if len < 2 * READ_BLOCK || !meta.is_file() {
        return std::fs::read(path);
    }
    // The file as long as it was when opened (a file that shrinks meanwhile is an error).
    let mut bytes = vec![0u8; len];
    bytes
        .par_chunks_mut(READ_BLOCK)
        .enumerate()
        .try_for_each(|(k, block)| file.read_exact_at(block, (k * READ_BLOCK) as u64))?;
    Ok(bytes)
}

#[cfg(not(unix))]
fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

fn read_file_as<R: Records>(path: &Path, strict: bool, make: Make<'_, R>) -> Result<PersonFile<R>> {
    let name = path.display().to_string();
    let bytes = read_whole(path).with_context(|| format!("cannot read {name}"))?;
    check_head(&bytes, &name)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body);
    let mut rows = reader.byte_records();
    let header = match rows.next() {
        None => bail!("{name} has no header row: expected a CSV header naming at least an id column"),
        Some(h) => h.with_context(|| format!("{name}: cannot read the header"))?,
    };
    let header = header
        .iter()
        .map(|f| std::str::from_utf8(f).map(|s| s.trim().to_lowercase()))
        .collect::<Result<Vec<String>, _>>();
    let header = match header {
        Ok(header) => header,
        Err(e) => {
            check_single_byte(&bytes, &name)?;
            return Err(e).with_context(|| format!("{name}: the header is not UTF-8"));
        }
    };
    let mut column: HashMap<&str, usize> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, h) in header.iter().enumerate() {
        match KNOWN_COLUMNS.iter().find(|k| **k == h.as_str()) {
            Some(k) if !column.contains_key(k) => {
                column.insert(k, i);
            }
            Some(_) => ignored.push(format!("{h} (a second {h} column)")),
            None if h.is_empty() => ignored.push(format!("(column {} without a name)", i + 1)),
            None => ignored.push(h.clone()),
        }
    }
    if !column.contains_key("id") {
        bail!("{name}: the header has no id column (found: {})", header.join(", "));
    }
    let mut file = PersonFile { ignored_columns: ignored, ..PersonFile::default() };
    let index: Vec<Option<usize>> = KNOWN_COLUMNS.iter().map(|k| column.get(k).copied()).collect();
    let shape = Shape { fields: header.len(), index };
    drop(rows);
    let start = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX).min(body.len());
    let rows = if body.len() >= PARALLEL_BYTES {
        read_rows_parallel(body, start, &shape, PIECE_BYTES, make)
    } else {
        read_rows_serial(body, start, &shape, make)
    };
    if rows.iter().any(|part| !part.malformed.is_empty()) {
        check_single_byte(&bytes, &name)?;
    }
    take_rows(rows, &mut file, strict, &name)?;
    if file.ids.is_empty() && file.skipped.is_empty() {
        bail!("{name} has a header but no records");
    }
    Ok(file)
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        // The rows are normalised as they are read; what is left is numbering their keys over the
        // whole file and laying the records out for blocking.
        Stage::Normalising => "interning and laying out",
        Stage::Blocking => "blocking",
        Stage::Comparing => "comparing",
        Stage::Training => "training",
        Stage::Clustering => "clustering",
    }
}

fn stage_label(stage: Stage) -> &'static str {
    match stage {
        Stage::Normalising => "interning name tokens and laying out the records",
        Stage::Blocking => "blocking: finding candidate pairs",
        Stage::Comparing => "comparing candidate pairs",
        Stage::Training => "estimating the model (u from random pairs, m by EM)",
        Stage::Clustering => "scoring and clustering",
    }
}

/// Rows per piece of the output, formatted in parallel.
const OUTPUT_ROWS: usize = 65_536;

/// Writes `id,cluster_id` (the cluster named by the id of its first record) for each record, in
/// order, and returns the number of clusters. Pieces of rows are formatted in parallel, then
/// written in order.
fn write_clusters(out: impl Write, ids: &[String], labels: &[u32]) -> Result<usize> {
    let pieces: Vec<(Vec<u8>, usize)> = ids
        .par_chunks(OUTPUT_ROWS)
        .enumerate()
        .map(|(c, chunk)| -> Result<(Vec<u8>, usize)> {
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
            let mut clusters = 0;
            for (o, id) in chunk.iter().enumerate() {
                let i = c * OUTPUT_ROWS + o;
                let label = labels.get(i).map_or(i, |&l| l as usize);
                if label == i {
                    clusters += 1;
                }
                let cluster = ids.get(label).unwrap_or(id);
                writer.write_record([id.as_str(), cluster.as_str()])?;
            }
            Ok((writer.into_inner().map_err(|e| anyhow::anyhow!("{}", e.error()))?, clusters))
        })
        .collect::<Result<_>>()?;
    let mut out = std::io::BufWriter::new(out);
    out.write_all(b"id,cluster_id\n")?;
    let mut clusters = 0;
    for (bytes, n) in &pieces {
        out.write_all(bytes)?;
        clusters += n;
    }
    out.flush()?;
    Ok(clusters)
}

/// Runs `counternet resolve`.
pub fn run(args: &ResolveArgs, this_year: u16) -> Result<()> {
    let started = Instant::now();
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        // Seven steps: reading, the five stages of resolution, writing.
        let bar = ProgressBar::with_draw_target(Some(7), indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:20}] {pos}/{len} {elapsed} {msg}")
                .map(|s| s.progress_chars("=> "))
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar.set_message(format!("reading and normalising {}", args.input.display()));
        Some(bar)
    } else {
        None
    };
    let model_in = match &args.model_in {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            let model: Model =
                serde_json::from_str(&text).with_context(|| format!("{} is not a counternet model", path.display()))?;
            Some(model)
        }
        None => None,
    };
    let reference_year = args.age_reference_year.unwrap_or(this_year);
    // Each row is normalised where it is parsed (in parallel); resolving starts from interning.
    let mut file = read_normalised_file(&args.input, args.strict, reference_year)?;
    let warn = |msg: String| match &bar {
        Some(b) => b.suspend(|| eprintln!("warning: {msg}")),
        None => eprintln!("warning: {msg}"),
    };
    if !file.ignored_columns.is_empty() {
        warn(format!("ignoring columns not in the contract: {}", file.ignored_columns.join(", ")));
    }
    for (_, problem) in &file.skipped {
        warn(format!("{}: skipped {problem}", args.input.display()));
    }
    let config =
        ResolveConfig { threshold: args.threshold, model: model_in, reference_year, ..ResolveConfig::default() };
    let read_done = started.elapsed();
    let stages: std::cell::RefCell<Vec<(Stage, Instant)>> = std::cell::RefCell::new(Vec::new());
    let progress = |stage: Stage| {
        stages.borrow_mut().push((stage, Instant::now()));
        if let Some(b) = &bar {
            b.inc(1);
            b.set_message(stage_label(stage));
        }
    };
    progress(Stage::Normalising);
    // The pieces' records joined straight into the layout blocking and comparing work on.
    let (laid_out, order) = counternet_intel::lay_out_pieces(&file.pieces);
    // Freed now (in parallel): their memory serves the stages after.
    std::mem::take(&mut file.pieces).into_par_iter().for_each(drop);
    progress(Stage::Blocking);
    let resolution = counternet_intel::resolve_laid_out(laid_out, order, &config, &progress);
    let resolved_at = Instant::now();
    let timings = {
        let stages = stages.borrow();
        let mut parts = vec![format!("reading and normalising {:.1} s", read_done.as_secs_f64())];
        for (k, (stage, at)) in stages.iter().enumerate() {
            let end = stages.get(k + 1).map_or(resolved_at, |next| next.1);
            parts.push(format!("{} {:.1} s", stage_name(*stage), end.duration_since(*at).as_secs_f64()));
        }
        parts.join(", ")
    };
    if let Some(b) = &bar {
        b.inc(1);
        b.set_message(format!("writing {}", args.output.display()));
    }
    let out =
        std::fs::File::create(&args.output).with_context(|| format!("cannot create {}", args.output.display()))?;
    let clusters = write_clusters(out, &file.ids, &resolution.clusters)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    if let Some(path) = &args.model_out {
        let json = serde_json::to_string_pretty(&resolution.model)?;
        let mut f = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        f.write_all(json.as_bytes())?;
        f.write_all(b"\n")?;
    }
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    eprintln!(
        "resolved {} records into {clusters} clusters in {:.1} s ({} candidate pairs, {} at or above {}, {} held back by the \
         cluster-size guard; model {}){}",
        file.ids.len(),
        started.elapsed().as_secs_f64(),
        resolution.candidate_pairs,
        resolution.matched_pairs,
        args.threshold,
        resolution.guarded_pairs,
        if resolution.model_source == ModelSource::Given {
            "read from file".to_string()
        } else if resolution.model_source == ModelSource::BuiltIn {
            format!("built in: fewer than {} records to estimate one from", config.min_rows_to_train)
        } else if resolution.model.converged {
            format!("estimated, EM converged in {} iterations", resolution.model.em_iterations)
        } else {
            format!("estimated, EM stopped after {} iterations without converging", resolution.model.em_iterations)
        },
        if file.skipped.is_empty() {
            String::new()
        } else {
            format!("; {} malformed rows skipped and absent from the output", file.skipped.len())
        }
    );
    eprintln!("time: {timings}");
    // The process ends here: the records and clusters (a million small allocations at 1M rows) are
    // left to the operating system instead of being freed one by one.
    std::mem::forget(file);
    std::mem::forget(resolution);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows as the csv crate reads them in one pass over the whole body, each with the line of
    /// the file it starts on: the reference.
    fn reference(body: &[u8], shape: &Shape) -> Vec<Row<PersonRecord>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body);
        let mut out = Part::with_capacity(0, &owned_records);
        for (k, row) in reader.byte_records().enumerate() {
            let row = row.unwrap();
            if k > 0 {
                // The line of the file the row starts on (after the blank lines before it).
                let mut byte = row.position().unwrap().byte() as usize;
                while matches!(body.get(byte), Some(b'\r' | b'\n')) {
                    byte += 1;
                }
                let line = 1 + body[..byte].iter().filter(|&&b| b == b'\n').count() as u64;
                convert(&row, line, shape, &mut out);
            }
        }
        rows_of(&vec![out])
    }

    fn owned_records(n: usize) -> Vec<PersonRecord> {
        Vec::with_capacity(n)
    }

    fn start_of_rows(body: &[u8]) -> usize {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body);
        let mut header = csv::ByteRecord::new();
        reader.read_byte_record(&mut header).unwrap();
        reader.position().byte() as usize
    }

    fn shape() -> Shape {
        Shape { fields: 3, index: vec![Some(0), Some(1), None, None, None, None, None, None, None, Some(2)] }
    }

    /// A file of `rows` rows, some with quoted commas, quotes and line breaks, some malformed.
    fn file(rows: usize, quoted_breaks: bool, crlf: bool) -> Vec<u8> {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut s = format!("id,given_name,address{end}");
        for k in 0..rows {
            let row = match k % 11 {
                0 => format!("r{k},\"Somchai, Jr\",\"12 \"\"Moo\"\" 4\""),
                1 if quoted_breaks => format!("r{k},Suda,\"line one{end}line two{end}line three\""),
                2 => format!("r{k},only two"),
                3 => ",no id,x".to_string(),
                4 => format!("r{},again,x", k - 4),
                5 => String::new(),
                6 => format!("r{k},ສົມບັດ,\"ตำบล, บางรัก\""),
                _ => format!("r{k},Aung,{k} Soi {k}"),
            };
            s.push_str(&row);
            s.push_str(end);
        }
        s.into_bytes()
    }

    /// The parts' rows in the file's order.
    fn rows_of<T: Clone>(parts: &Parts<Vec<T>>) -> Vec<Row<T>> {
        let mut rows: Vec<Row<T>> = Vec::new();
        for p in parts {
            let mut malformed = p.malformed.iter().zip(&p.malformed_after).peekable();
            for (k, ((id, record), line)) in p.ids.iter().zip(&p.records).zip(&p.lines).enumerate() {
                while let Some((m, _)) = malformed.next_if(|(_, &after)| after <= k) {
                    rows.push(Err(m.clone()));
                }
                rows.push(Ok((*line, id.clone(), record.clone())));
            }
            rows.extend(malformed.map(|(m, _)| Err(m.clone())));
        }
        rows
    }

    fn same<T: PartialEq + Clone + std::fmt::Debug>(a: &Parts<Vec<T>>, b: &[Row<T>]) {
        let a = rows_of(a);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(b) {
            match (x, y) {
                (Ok((la, ia, ra)), Ok((lb, ib, rb))) => assert_eq!((la, ia, ra), (lb, ib, rb)),
                (Err(ea), Err(eb)) => assert_eq!(ea, eb),
                _ => panic!("{x:?} vs {y:?}"),
            }
        }
    }

    #[test]
    fn the_parallel_reader_gives_the_serial_rows_and_lines() {
        for (quoted_breaks, crlf) in [(false, false), (true, false), (false, true), (true, true)] {
            let body = file(5_000, quoted_breaks, crlf);
            let start = start_of_rows(&body);
            let expected = reference(&body, &shape());
            same(&read_rows_serial(&body, start, &shape(), &owned_records), &expected);
            for piece in [1, 7, 100, 4096, 1 << 20] {
                same(&read_rows_parallel(&body, start, &shape(), piece, &owned_records), &expected);
            }
        }
    }

    proptest::proptest! {
        /// Lines read by `simple_record` and lines left to the csv crate give the csv crate's rows
        /// and lines, whatever the quotes, commas, line ends and blank lines.
        #[test]
        fn simple_lines_are_read_as_the_csv_crate_reads_them(
            parts in proptest::collection::vec(
                proptest::string::string_regex("(a|bc|ก|,|\"|\"\"|\r|\n|\r\n| |,\"x,y\",|\"q\"\"r\")").unwrap(),
                0..40,
            ),
        ) {
            let body = format!("id,given_name,address\n{}", parts.concat()).into_bytes();
            let start = start_of_rows(&body);
            let expected = reference(&body, &shape());
            same(&read_rows_serial(&body, start, &shape(), &owned_records), &expected);
            same(&read_rows_parallel(&body, start, &shape(), 3, &owned_records), &expected);
        }
    }

    #[test]
    fn a_quoted_field_across_every_cut_falls_back_to_reading_again() {
        // One record whose quoted field holds most of the file, line breaks and all.
        let mut body = b"id,given_name,address\na,Somchai,\"".to_vec();
        for k in 0..200_000 {
            body.extend_from_slice(format!("line {k}\n").as_bytes());
        }
        body.extend_from_slice(b"\"\nb,Suda,x\nc,too,many,fields\n");
        let start = start_of_rows(&body);
        let expected = reference(&body, &shape());
        assert_eq!(expected.len(), 3);
        same(&read_rows_parallel(&body, start, &shape(), 4096, &owned_records), &expected);
        let last =
            read_rows_parallel(&body, start, &shape(), 4096, &owned_records).pop().unwrap().malformed.pop().unwrap();
        assert_eq!(last.0, 200_004);
        assert!(last.1.starts_with("line 200004: 4 fields"), "{}", last.1);
    }

    #[test]
    fn a_large_file_read_in_blocks_is_the_file() {
        let dir = std::env::temp_dir().join(format!("counternet-read-whole-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("big.csv");
        // Not a multiple of the block, so that the last block is short.
        let bytes: Vec<u8> = (0..2 * READ_BLOCK + 12_345).map(|k| (k % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let read = read_whole(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(read == bytes, "the bytes read differ from the file's");
    }

    #[test]
    fn a_file_without_problems_is_taken_whole_and_in_order() {
        let mut body = b"id,given_name,address\n".to_vec();
        for k in 0..3_000 {
            body.extend_from_slice(format!("r{k},Aung {k},{k} Soi {k}\n").as_bytes());
        }
        let parts = read_rows_parallel(&body, start_of_rows(&body), &shape(), 1000, &owned_records);
        assert!(parts.len() > 10);
        let mut f = PersonFile::default();
        take_rows(parts, &mut f, true, "f.csv").unwrap();
        assert!(f.skipped.is_empty());
        assert_eq!(f.ids.len(), 3_000);
        for (k, (id, r)) in f.ids.iter().zip(f.records()).enumerate() {
            assert_eq!(id, &format!("r{k}"));
            assert_eq!(r.given_name.as_deref(), Some(format!("Aung {k}").as_str()));
        }
    }

    #[test]
    fn repeated_ids_name_the_first_line_and_strict_stops_at_the_first_problem() {
        let body = file(100, false, false);
        let rows = read_rows_serial(&body, start_of_rows(&body), &shape(), &owned_records);
        let mut f = PersonFile::default();
        take_rows(rows, &mut f, false, "f.csv").unwrap();
        assert!(
            f.skipped.iter().any(|(l, p)| *l == 6 && p == "line 6: the id \"r0\" was already used on line 2"),
            "{:?}",
            f.skipped
        );
        assert!(f.skipped.iter().any(|(l, p)| *l == 4 && p.starts_with("line 4: 2 fields")));
        // The repeated rows' records are left out with their ids; the rest stay paired.
        assert_eq!(f.ids.len(), f.records().count());
        assert_eq!(f.ids.iter().collect::<std::collections::HashSet<_>>().len(), f.ids.len());
        assert!(f.records().all(|r| r.given_name.as_deref() != Some("again")));
        for (id, r) in f.ids.iter().zip(f.records()) {
            let k: usize = id[1..].parse().unwrap();
            let expected = match k % 11 {
                0 => "Somchai, Jr",
                6 => "ສົມບັດ",
                _ => "Aung",
            };
            assert_eq!(r.given_name.as_deref(), Some(expected), "{id}");
        }
        let rows = read_rows_serial(&body, start_of_rows(&body), &shape(), &owned_records);
        let err = take_rows(rows, &mut PersonFile::default(), true, "f.csv").unwrap_err().to_string();
        assert!(err.starts_with("f.csv: line 4: 2 fields"), "{err}");
    }
}
