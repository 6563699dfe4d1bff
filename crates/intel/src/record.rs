//! Person records as read (text fields) and as resolved (compact, normalised, interned).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::address::{address_hashes_into, token_hash};
use crate::dates::{parse_birth_date, BirthDate};
use crate::ids::{document_number_into, phone_number};
use crate::names::{clean, is_word_char, name_keys, word_keys};

/// One person record as given: every field optional free text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonRecord {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub full_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub sex: Option<String>,
    pub nationality: Option<String>,
    pub phone: Option<String>,
    pub id_number: Option<String>,
    pub address: Option<String>,
    pub locality: Option<String>,
    pub postcode: Option<String>,
}

impl PersonRecord {
    /// The record's fields as borrowed text.
    pub fn fields(&self) -> PersonFields<'_> {
        PersonFields {
            given_name: self.given_name.as_deref(),
            family_name: self.family_name.as_deref(),
            full_name: self.full_name.as_deref(),
            date_of_birth: self.date_of_birth.as_deref(),
            sex: self.sex.as_deref(),
            nationality: self.nationality.as_deref(),
            phone: self.phone.as_deref(),
            id_number: self.id_number.as_deref(),
            address: self.address.as_deref(),
            locality: self.locality.as_deref(),
            postcode: self.postcode.as_deref(),
        }
    }
}

/// One person record's fields borrowed from where they were read (a row of a file read in place):
/// normalising needs no owned copy of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonFields<'a> {
    pub given_name: Option<&'a str>,
    pub family_name: Option<&'a str>,
    pub full_name: Option<&'a str>,
    pub date_of_birth: Option<&'a str>,
    pub sex: Option<&'a str>,
    pub nationality: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub id_number: Option<&'a str>,
    pub address: Option<&'a str>,
    pub locality: Option<&'a str>,
    pub postcode: Option<&'a str>,
}

/// At most this many name tokens and address tokens are kept per record.
pub const MAX_NAME_TOKENS: usize = 6;
pub const MAX_ADDRESS_TOKENS: usize = 16;

/// Document numbers up to this many bytes are kept in the record itself.
pub const INLINE_DOCUMENT: usize = 16;
/// [`Compact::document_len`] of a longer document number.
pub const LONG_DOCUMENT: u8 = u8::MAX;

/// A document number's inline bytes and length (see [`Compact::document_bytes`]).
fn inline_document(doc: Option<&str>) -> ([u8; INLINE_DOCUMENT], u8) {
    let mut bytes = [0u8; INLINE_DOCUMENT];
    match doc {
        None => (bytes, 0),
        Some(d) if d.len() <= INLINE_DOCUMENT => {
            for (slot, b) in bytes.iter_mut().zip(d.bytes()) {
                *slot = b;
            }
            (bytes, d.len() as u8)
        }
        Some(_) => (bytes, LONG_DOCUMENT),
    }
}

/// A record ready to compare: 64 bytes (one cache line) plus its share of the token pools.
#[derive(Debug, Clone, Copy, Default)]
pub struct Compact {
    /// Range in [`Prepared::name_pool`].
    pub name_start: u32,
    pub name_len: u8,
    pub sex: u8,
    pub nationality: u16,
    pub address_start: u32,
    pub address_len: u8,
    /// Packed [`BirthDate`].
    pub birth: u32,
    /// E.164 digits, 0 when none.
    pub phone: u64,
    /// Interned document number, 0 when none.
    pub document: u32,
    /// The document number's bytes when it has at most [`INLINE_DOCUMENT`] (zeros after them), so
    /// that comparing two records reads no string table.
    pub document_bytes: [u8; INLINE_DOCUMENT],
    /// Its length, 0 when none, [`LONG_DOCUMENT`] when longer (then read from [`Prepared::documents`]).
    pub document_len: u8,
    /// Postcode digits or a hash of the locality's key, 0 when none.
    pub place: u32,
    /// The first bytes of the sorted name keys, to order oversized blocks.
    pub name_prefix: u64,
    /// A hash of the address's first number (the house number), 0 when none.
    pub house: u32,
}

/// All records of a run, normalised and interned.
#[derive(Debug, Default)]
pub struct Prepared {
    pub records: Vec<Compact>,
    /// Interned name token ids of every record, in written order.
    pub name_pool: Vec<u32>,
    /// Sorted address token hashes of every record.
    pub address_pool: Vec<u32>,
    /// Name token keys by id (id 0 is unused).
    pub tokens: Vec<Box<str>>,
    /// Document numbers by id (id 0 is unused).
    pub documents: Vec<Box<str>>,
}

impl Prepared {
    pub fn names(&self, r: &Compact) -> &[u32] {
        let s = r.name_start as usize;
        self.name_pool.get(s..s + usize::from(r.name_len)).unwrap_or_default()
    }

    pub fn address(&self, r: &Compact) -> &[u32] {
        let s = r.address_start as usize;
        self.address_pool.get(s..s + usize::from(r.address_len)).unwrap_or_default()
    }

    pub fn token(&self, id: u32) -> &str {
        self.tokens.get(id as usize).map(|s| &**s).unwrap_or("")
    }

    pub fn document(&self, id: u32) -> &str {
        self.documents.get(id as usize).map(|s| &**s).unwrap_or("")
    }

    /// A record's document number (empty when none), from the record itself when it is short.
    pub fn document_of<'a>(&'a self, r: &'a Compact) -> &'a [u8] {
        match r.document_len {
            LONG_DOCUMENT => self.document(r.document).as_bytes(),
            n => r.document_bytes.get(..usize::from(n)).unwrap_or_default(),
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A record's normalised values before interning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Draft {
    /// Shared with the per-thread memory of names seen (a record holds its keys without copying them).
    names: Vec<Arc<str>>,
    birth: BirthDate,
    sex: u8,
    /// The common nationalities are static: most records allocate nothing for theirs.
    nationality: Cow<'static, str>,
    phone: u64,
    /// Empty when none.
    document: String,
    address: Vec<u32>,
    house: u32,
    place: u32,
}

/// `f` of `clean(raw)`, without allocating for a short ASCII value (a sex, a nationality code:
/// most records have one).
fn with_clean<R>(raw: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    if raw.is_ascii() {
        if let Some(slot) = buf.get_mut(..raw.len()) {
            slot.copy_from_slice(raw.as_bytes());
            slot.make_ascii_lowercase();
            if let Ok(lower) = std::str::from_utf8(slot) {
                return f(lower);
            }
        }
    }
    f(&clean(raw))
}

fn sex_code(raw: &str) -> u8 {
    with_clean(raw, sex_of_clean)
}

fn sex_of_clean(c: &str) -> u8 {
    match c.trim() {
        "m" | "male" | "man" | "boy" | "ชาย" | "ผู้ชาย" | "ຊາຍ" | "ကျား" | "1" => 1,
        "f" | "female" | "woman" | "girl" | "หญิง" | "ผู้หญิง" | "ຍິງ" | "မ" | "2" => 2,
        "" | "u" | "unknown" | "-" => 0,
        _ => 3,
    }
}

fn nationality_key(raw: &str) -> Cow<'static, str> {
    with_clean(raw, nationality_of_clean)
}

fn nationality_of_clean(c: &str) -> Cow<'static, str> {
    match c.trim() {
        "th" | "tha" | "thai" | "thailand" | "ไทย" | "สัญชาติไทย" => "th".into(),
        "la" | "lao" | "laos" | "laotian" | "ลาว" | "ລາວ" => "la".into(),
        "mm" | "mmr" | "myanmar" | "burmese" | "burma" | "พม่า" | "เมียนมา" | "မြန်မာ" => {
            "mm".into()
        }
        "kh" | "khm" | "cambodia" | "cambodian" | "khmer" | "กัมพูชา" | "เขมร" => "kh".into(),
        "vn" | "vnm" | "vietnam" | "vietnamese" | "เวียดนาม" => "vn".into(),
        "cn" | "chn" | "china" | "chinese" | "จีน" => "cn".into(),
        other => Cow::Owned(other.to_string()),
    }
}

/// Each written name's keys, as [`remembered_name_keys`] keeps them.
type NameMemory = HashMap<Box<str>, Box<[Arc<str>]>, FastHash>;

/// [`name_keys`], remembered per thread for each written name: a file repeats its names (at 100,000
/// records about 30,000 different given names), and cleaning and transliterating are the costly part.
/// The keys are appended to `names`, shared with the memory rather than copied.
fn remembered_name_keys(raw: &str, names: &mut Vec<Arc<str>>) {
    thread_local! {
        static SEEN: std::cell::RefCell<NameMemory> =
            std::cell::RefCell::new(HashMap::default());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(keys) = seen.get(raw) {
            names.extend(keys.iter().cloned());
            return;
        }
        let keys: Box<[Arc<str>]> = name_keys(raw).into_iter().map(Arc::from).collect();
        names.extend(keys.iter().cloned());
        if seen.len() > 400_000 {
            seen.clear();
        }
        seen.insert(raw.into(), keys);
    })
}

/// The hash of a locality's keys (high bit set, to differ from a postcode), 0 when it has none.
fn locality_hash(raw: &str) -> u32 {
    let mut keys = Vec::new();
    for w in clean(raw).split(|c: char| !is_word_char(c)) {
        word_keys(w, &mut keys);
    }
    if keys.is_empty() {
        0
    } else {
        token_hash(&keys.concat()) | 0x8000_0000
    }
}

/// [`locality_hash`], remembered per thread: a file names few localities (districts, provinces)
/// over and over.
fn remembered_locality(raw: &str) -> u32 {
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<Box<str>, u32, FastHash>> = std::cell::RefCell::new(HashMap::default());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(&h) = seen.get(raw) {
            return h;
        }
        let h = locality_hash(raw);
        if seen.len() > 100_000 {
            seen.clear();
        }
        seen.insert(raw.into(), h);
        h
    })
}

impl Draft {
    /// The record's compact form, given where its names and address start in their pools and the
    /// ids of its document and nationality.
    fn compact(&self, name_start: u32, address_start: u32, document: u32, nationality: u16) -> Compact {
        let (document_bytes, document_len) = inline_document((!self.document.is_empty()).then_some(&*self.document));
        Compact {
            document_bytes,
            document_len,
            name_start,
            name_len: self.names.len() as u8,
            sex: self.sex,
            nationality,
            address_start,
            address_len: self.address.len() as u8,
            birth: self.birth.pack(),
            phone: self.phone,
            document,
            place: self.place,
            name_prefix: name_prefix(&self.names),
            house: self.house,
        }
    }
}

fn draft(r: PersonFields<'_>, reference_year: u16) -> Draft {
    let mut d = Draft::default();
    fill_draft(r, reference_year, &mut d);
    d
}

/// Normalises a record into `d`, whose vectors and string are cleared and reused (a piece
/// normalises its records one after the other into one draft, allocating nothing for most).
fn fill_draft(r: PersonFields<'_>, reference_year: u16, d: &mut Draft) {
    d.names.clear();
    for part in [r.given_name, r.family_name].into_iter().flatten() {
        remembered_name_keys(part, &mut d.names);
    }
    if d.names.is_empty() {
        if let Some(full) = r.full_name {
            remembered_name_keys(full, &mut d.names);
        }
    }
    d.names.truncate(MAX_NAME_TOKENS);
    d.place = match (r.postcode, r.locality) {
        (Some(p), _) if p.trim().chars().all(|c| c.is_ascii_digit()) && !p.trim().is_empty() => {
            p.trim().parse::<u32>().unwrap_or(0)
        }
        (_, Some(l)) => remembered_locality(l),
        _ => 0,
    };
    d.address.clear();
    d.house = r.address.map_or(0, |a| address_hashes_into(a, MAX_ADDRESS_TOKENS, &mut d.address));
    d.birth = r.date_of_birth.and_then(|b| parse_birth_date(b, reference_year)).unwrap_or_default();
    d.sex = r.sex.map(sex_code).unwrap_or(0);
    d.nationality = r.nationality.map(nationality_key).unwrap_or_default();
    d.phone = r.phone.and_then(phone_number).unwrap_or(0);
    d.document.clear();
    if let Some(raw) = r.id_number {
        document_number_into(raw, &mut d.document);
    }
}

/// The prefix of a name's sorted keys as a big-endian number, so that numeric order is text order.
fn name_prefix(keys: &[Arc<str>]) -> u64 {
    let mut sorted: [&str; MAX_NAME_TOKENS] = [""; MAX_NAME_TOKENS];
    for (slot, k) in sorted.iter_mut().zip(keys) {
        *slot = k;
    }
    let sorted = sorted.get_mut(..keys.len().min(MAX_NAME_TOKENS)).unwrap_or_default();
    sorted.sort_unstable();
    let mut bytes = [0u8; 8];
    for (slot, b) in bytes.iter_mut().zip(sorted.iter().flat_map(|k| k.bytes())) {
        *slot = b;
    }
    u64::from_be_bytes(bytes)
}

/// Distinct keys in order of first appearance, each found again from its text (stored once, in
/// the list).
#[derive(Debug)]
struct Distinct<K> {
    keys: Vec<K>,
    ids: hashbrown::HashTable<u32>,
}

impl<K> Default for Distinct<K> {
    fn default() -> Self {
        Distinct { keys: Vec::new(), ids: hashbrown::HashTable::new() }
    }
}

fn text_hash(key: &str) -> u64 {
    use std::hash::BuildHasher;
    FastHash::default().hash_one(key)
}

impl<K: std::ops::Deref<Target = str>> Distinct<K> {
    /// The index of `key` among the keys, added (as `owned` makes it) if it is new.
    fn id(&mut self, key: &str, owned: impl FnOnce() -> K) -> u32 {
        let keys = &self.keys;
        let text = |id: u32| keys.get(id as usize).map_or("", |k| &**k);
        let next = keys.len() as u32;
        match self.ids.entry(text_hash(key), |&id| text(id) == key, |&id| text_hash(text(id))) {
            hashbrown::hash_table::Entry::Occupied(e) => *e.get(),
            hashbrown::hash_table::Entry::Vacant(e) => {
                e.insert(next);
                self.keys.push(owned());
                next
            }
        }
    }

    fn texts(&self) -> Vec<&str> {
        self.keys.iter().map(|k| &**k).collect()
    }
}

/// Records normalised and interned within one piece of a file, where the piece is read (in
/// parallel): their [`Compact`] records with the piece's own ids (name tokens as indexes into the
/// piece's tokens; documents and nationalities as index + 1, 0 for none) and the piece's distinct
/// keys in order of first appearance. [`prepare_pieces`] numbers the keys over all pieces and
/// writes the records out. A record costs its compact form here, not a draft with parts on the
/// heap, and the piece's keys are looked up while they are still in cache.
#[derive(Debug, Default)]
pub struct NormalisedPiece {
    reference_year: u16,
    records: Vec<Compact>,
    name_pool: Vec<u32>,
    address_pool: Vec<u32>,
    tokens: Distinct<Arc<str>>,
    documents: Distinct<Box<str>>,
    nationalities: Distinct<Cow<'static, str>>,
    /// The draft each record is normalised into, reused.
    scratch: Draft,
}

impl NormalisedPiece {
    /// An empty piece with room for `records` records, ages read against `reference_year`.
    pub fn new(reference_year: u16, records: usize) -> NormalisedPiece {
        NormalisedPiece {
            reference_year,
            records: Vec::with_capacity(records),
            name_pool: Vec::with_capacity(records * 3),
            address_pool: Vec::with_capacity(records * 10),
            ..NormalisedPiece::default()
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Normalises one record and adds it.
    pub fn push(&mut self, fields: PersonFields<'_>) {
        let mut d = std::mem::take(&mut self.scratch);
        fill_draft(fields, self.reference_year, &mut d);
        self.add_draft(&d);
        self.scratch = d;
    }

    fn add_draft(&mut self, d: &Draft) {
        let name_start = self.name_pool.len() as u32;
        for k in &d.names {
            let id = self.tokens.id(k, || Arc::clone(k));
            self.name_pool.push(id);
        }
        let document =
            if d.document.is_empty() { 0 } else { self.documents.id(&d.document, || d.document.as_str().into()) + 1 };
        let nationality = if d.nationality.is_empty() {
            0
        } else {
            self.nationalities.id(&d.nationality, || d.nationality.clone()) + 1
        };
        let address_start = self.address_pool.len() as u32;
        self.address_pool.extend_from_slice(&d.address);
        self.records.push(d.compact(name_start, address_start, document, nationality as u16));
    }

    /// Keeps only the records for which `keep(index)` holds, and the keys they use (in order of
    /// first use), as if only those had been added.
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let old = std::mem::replace(self, NormalisedPiece::new(self.reference_year, 0));
        for (k, r) in old.records.iter().enumerate() {
            if !keep(k) {
                continue;
            }
            let name_start = self.name_pool.len() as u32;
            let names = old.name_pool.get(r.name_start as usize..).unwrap_or_default();
            for &t in names.iter().take(usize::from(r.name_len)) {
                let Some(key) = old.tokens.keys.get(t as usize) else { continue };
                let id = self.tokens.id(key, || Arc::clone(key));
                self.name_pool.push(id);
            }
            let document = match old.documents.keys.get((r.document as usize).wrapping_sub(1)) {
                Some(doc) => self.documents.id(doc, || doc.clone()) + 1,
                None => 0,
            };
            let nationality = match old.nationalities.keys.get(usize::from(r.nationality).wrapping_sub(1)) {
                Some(n) => self.nationalities.id(n, || n.clone()) + 1,
                None => 0,
            };
            let address_start = self.address_pool.len() as u32;
            let address = old.address_pool.get(r.address_start as usize..).unwrap_or_default();
            self.address_pool.extend(address.iter().take(usize::from(r.address_len)));
            self.records.push(Compact { name_start, address_start, document, nationality: nationality as u16, ..*r });
        }
    }
}

/// Normalises every record (in parallel, a chunk of them per piece) and interns its keys.
pub fn prepare(records: &[PersonRecord], reference_year: u16) -> Prepared {
    prepare_pieces(&normalise_in_pieces(records, reference_year, INTERN_CHUNK))
}

/// Records per piece of [`prepare`].
pub const INTERN_CHUNK: usize = 16_384;

/// Normalises records in parallel, `chunk` of them per piece.
pub fn normalise_in_pieces(records: &[PersonRecord], reference_year: u16, chunk: usize) -> Vec<NormalisedPiece> {
    records
        .par_chunks(chunk.max(1))
        .map(|c| {
            let mut piece = NormalisedPiece::new(reference_year, c.len());
            c.iter().for_each(|r| piece.push(r.fields()));
            piece
        })
        .collect()
}

/// Global ids (from 1) for the keys of each piece, in order of first appearance over the pieces.
fn global_ids<'a>(pieces: &[Vec<&'a str>], all: &mut Vec<&'a str>) -> Vec<Vec<u32>> {
    let mut seen: HashMap<&str, u32, FastHash> = HashMap::default();
    pieces
        .iter()
        .map(|keys| {
            keys.iter()
                .map(|&k| {
                    *seen.entry(k).or_insert_with(|| {
                        all.push(k);
                        all.len() as u32
                    })
                })
                .collect()
        })
        .collect()
}

/// Joins normalised pieces, in order: the same [`Prepared`] as adding their records one by one with
/// an [`Interner`] (tokens, documents and nationalities numbered in order of first appearance), but
/// in parallel: one serial pass numbers only each piece's distinct keys (a piece repeats most of its
/// name tokens), and the pieces are written out in parallel.
pub fn prepare_pieces(pieces: &[NormalisedPiece]) -> Prepared {
    if pieces.iter().all(NormalisedPiece::is_empty) {
        return Prepared::default();
    }
    let (mut token_list, mut document_list, mut nationality_list) = (Vec::new(), Vec::new(), Vec::new());
    let token_ids = global_ids(&pieces.iter().map(|p| p.tokens.texts()).collect::<Vec<_>>(), &mut token_list);
    let document_ids = global_ids(&pieces.iter().map(|p| p.documents.texts()).collect::<Vec<_>>(), &mut document_list);
    let nationality_ids =
        global_ids(&pieces.iter().map(|p| p.nationalities.texts()).collect::<Vec<_>>(), &mut nationality_list);
    let total: usize = pieces.iter().map(NormalisedPiece::len).sum();
    let names: usize = pieces.iter().map(|p| p.name_pool.len()).sum();
    let addresses: usize = pieces.iter().map(|p| p.address_pool.len()).sum();
    // Each piece writes its own part of the records and pools, in parallel.
    let mut records = vec![Compact::default(); total];
    let mut name_pool = vec![0u32; names];
    let mut address_pool = vec![0u32; addresses];
    let mut bases = Vec::with_capacity(pieces.len());
    let (mut name_base, mut address_base) = (0u32, 0u32);
    for piece in pieces {
        bases.push((name_base, address_base));
        name_base += piece.name_pool.len() as u32;
        address_base += piece.address_pool.len() as u32;
    }
    let parts = cut_mut(&mut records, pieces.iter().map(NormalisedPiece::len))
        .into_iter()
        .zip(cut_mut(&mut name_pool, pieces.iter().map(|p| p.name_pool.len())))
        .zip(cut_mut(&mut address_pool, pieces.iter().map(|p| p.address_pool.len())))
        .zip(bases)
        .map(|(((r, n), a), (nb, ab))| (r, n, a, nb, ab))
        .collect::<Vec<_>>();
    parts.into_par_iter().zip(pieces.par_iter()).enumerate().for_each(
        |(c, ((records, names, addresses, nb, ab), piece))| {
            let tokens = token_ids.get(c).map(Vec::as_slice).unwrap_or_default();
            let documents = document_ids.get(c).map(Vec::as_slice).unwrap_or_default();
            let nationalities = nationality_ids.get(c).map(Vec::as_slice).unwrap_or_default();
            let global =
                |ids: &[u32], local: u32| local.checked_sub(1).and_then(|l| ids.get(l as usize)).copied().unwrap_or(0);
            for (slot, r) in records.iter_mut().zip(&piece.records) {
                *slot = Compact {
                    name_start: r.name_start + nb,
                    address_start: r.address_start + ab,
                    document: global(documents, r.document),
                    nationality: global(nationalities, u32::from(r.nationality)) as u16,
                    ..*r
                };
            }
            for (slot, &local) in names.iter_mut().zip(&piece.name_pool) {
                *slot = tokens.get(local as usize).copied().unwrap_or(0);
            }
            addresses.copy_from_slice(piece.address_pool.get(..addresses.len()).unwrap_or_default());
        },
    );
    let documents =
        std::iter::once("").chain(document_list).collect::<Vec<&str>>().par_iter().map(|&d| Box::from(d)).collect();
    Prepared {
        records,
        name_pool,
        address_pool,
        tokens: std::iter::once("").chain(token_list).map(Box::from).collect(),
        documents,
    }
}

/// `slice` cut into consecutive parts of the given lengths (each cut short where the slice ends),
/// to be written in parallel.
pub(crate) fn cut_mut<T>(mut slice: &mut [T], lengths: impl Iterator<Item = usize>) -> Vec<&mut [T]> {
    let mut parts = Vec::new();
    for n in lengths {
        let n = n.min(slice.len());
        let (part, rest) = std::mem::take(&mut slice).split_at_mut(n);
        parts.push(part);
        slice = rest;
    }
    parts
}

/// For each `chunk` records, the sum of `f` of each (their tokens in a pool).
pub(crate) fn chunk_lengths(
    records: &[Compact],
    chunk: usize,
    f: fn(&Compact) -> u8,
) -> impl Iterator<Item = usize> + '_ {
    records.chunks(chunk.max(1)).map(move |c| c.iter().map(|r| usize::from(f(r))).sum::<usize>())
}

/// Where each piece's records start among all (and, last, their number).
fn piece_starts(pieces: &[NormalisedPiece]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(pieces.len() + 1);
    let mut total = 0;
    for p in pieces {
        starts.push(total);
        total += p.len();
    }
    starts.push(total);
    starts
}

/// Each record of `pieces` with its index over all of them, in parallel.
pub fn piece_records(pieces: &[NormalisedPiece]) -> impl ParallelIterator<Item = (u32, &Compact)> {
    let starts = piece_starts(pieces);
    pieces
        .par_iter()
        .zip(starts.into_par_iter())
        .flat_map_iter(|(piece, start)| piece.records.iter().enumerate().map(move |(k, r)| ((start + k) as u32, r)))
}

/// Joins normalised pieces straight into the order a run lays its records out in (`order[k]` is
/// the input index of the k-th record): what [`prepare_pieces`] and then moving the records into
/// that order would give, written once. A document number short enough to sit in its record is
/// not numbered (its id is 0: comparing and blocking read it from the record); the longer ones are
/// numbered in the new order.
pub fn prepare_pieces_in_order(pieces: &[NormalisedPiece], order: &[u32]) -> Prepared {
    const CHUNK: usize = 16_384;
    if order.is_empty() {
        return Prepared::default();
    }
    let (mut token_list, mut nationality_list) = (Vec::new(), Vec::new());
    let token_ids = global_ids(&pieces.iter().map(|p| p.tokens.texts()).collect::<Vec<_>>(), &mut token_list);
    let nationality_ids =
        global_ids(&pieces.iter().map(|p| p.nationalities.texts()).collect::<Vec<_>>(), &mut nationality_list);
    let starts = piece_starts(pieces);
    // The piece of the record at input index i, and its index there.
    let locate = |i: u32| {
        let c = starts.partition_point(|&s| s <= i as usize).saturating_sub(1);
        (c, i as usize - starts.get(c).copied().unwrap_or(0))
    };
    let mut records: Vec<Compact> = order
        .par_iter()
        .map(|&i| {
            let (c, k) = locate(i);
            let Some(r) = pieces.get(c).and_then(|p| p.records.get(k)) else { return Compact::default() };
            let nationalities = nationality_ids.get(c).map(Vec::as_slice).unwrap_or_default();
            let nationality = usize::from(r.nationality).checked_sub(1).and_then(|l| nationalities.get(l));
            // The local document id stays until the long ones are numbered below.
            Compact { nationality: nationality.copied().unwrap_or(0) as u16, ..*r }
        })
        .collect();
    let (mut names, mut addresses) = (0u32, 0u32);
    for c in &mut records {
        (c.name_start, c.address_start) = (names, addresses);
        names += u32::from(c.name_len);
        addresses += u32::from(c.address_len);
    }
    let mut name_pool = vec![0u32; names as usize];
    let mut address_pool = vec![0u32; addresses as usize];
    let name_parts = cut_mut(&mut name_pool, chunk_lengths(&records, CHUNK, |r| r.name_len));
    let address_parts = cut_mut(&mut address_pool, chunk_lengths(&records, CHUNK, |r| r.address_len));
    name_parts.into_par_iter().zip(address_parts).zip(order.par_chunks(CHUNK)).for_each(
        |((names, addresses), chunk)| {
            let (mut n, mut a) = (0, 0);
            for &i in chunk {
                let (c, k) = locate(i);
                let (Some(piece), Some(tokens)) = (pieces.get(c), token_ids.get(c)) else { continue };
                let Some(r) = piece.records.get(k) else { continue };
                let (nl, al) = (usize::from(r.name_len), usize::from(r.address_len));
                let local = piece.name_pool.get(r.name_start as usize..).unwrap_or_default();
                for (slot, &t) in names.get_mut(n..n + nl).unwrap_or_default().iter_mut().zip(local) {
                    *slot = tokens.get(t as usize).copied().unwrap_or(0);
                }
                let local = piece.address_pool.get(r.address_start as usize..).unwrap_or_default();
                for (slot, &h) in addresses.get_mut(a..a + al).unwrap_or_default().iter_mut().zip(local) {
                    *slot = h;
                }
                n += nl;
                a += al;
            }
        },
    );
    // The long document numbers, numbered in the new order; a short one's id is 0.
    let mut documents: Vec<Box<str>> = vec!["".into()];
    let mut document_ids: HashMap<&str, u32, FastHash> = HashMap::default();
    for (r, &i) in records.iter_mut().zip(order) {
        if r.document_len != LONG_DOCUMENT {
            r.document = 0;
            continue;
        }
        let (c, _) = locate(i);
        let text = pieces.get(c).and_then(|p| p.documents.keys.get((r.document as usize).wrapping_sub(1)));
        let text = text.map_or("", |t| &**t);
        let next = documents.len() as u32;
        r.document = *document_ids.entry(text).or_insert_with(|| {
            documents.push(text.into());
            next
        });
    }
    Prepared {
        records,
        name_pool,
        address_pool,
        tokens: std::iter::once("").chain(token_list).map(Box::from).collect(),
        documents,
    }
}

/// The lengths of a [`Prepared`]'s parts at one moment.
#[derive(Debug, Clone, Copy)]
pub struct Checkpoint {
    records: usize,
    names: usize,
    addresses: usize,
    tokens: usize,
    documents: usize,
}

/// A quick hash for the interning tables: they are filled one record after another (a serial step
/// of [`prepare`]) with short keys from the file itself, where SipHash's resistance to chosen keys
/// buys little and costs a third of the step. FNV-1a over 8 bytes at a time, then a final mix.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fnv8(u64);

impl std::hash::Hasher for Fnv8 {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }
}

pub(crate) type FastHash = std::hash::BuildHasherDefault<Fnv8>;

/// The interning tables of a [`Prepared`] that grows one record at a time (the search index of
/// [`crate::search`]): the same ids as [`prepare`] would give.
#[derive(Debug, Default)]
pub struct Interner {
    token_ids: HashMap<String, u32, FastHash>,
    document_ids: HashMap<String, u32, FastHash>,
    nationality_ids: HashMap<String, u16, FastHash>,
}

impl Interner {
    /// Normalises `record`, appends it to `out` and returns its index there.
    pub fn add(&mut self, out: &mut Prepared, record: &PersonRecord, reference_year: u16) -> usize {
        self.push(out, draft(record.fields(), reference_year))
    }

    /// The id of a name token key already seen, if any.
    pub fn token_id(&self, key: &str) -> Option<u32> {
        self.token_ids.get(key).copied()
    }

    /// Where `out` stands now, to [`Interner::rollback`] to after adding a record only to compare
    /// it (a search query).
    pub fn checkpoint(&self, out: &Prepared) -> Checkpoint {
        Checkpoint {
            records: out.records.len(),
            names: out.name_pool.len(),
            addresses: out.address_pool.len(),
            tokens: out.tokens.len().max(1),
            documents: out.documents.len().max(1),
        }
    }

    /// Forgets every record, token and document added to `out` since `at`.
    pub fn rollback(&mut self, out: &mut Prepared, at: Checkpoint) {
        for t in out.tokens.drain(at.tokens.min(out.tokens.len())..) {
            self.token_ids.remove(&*t);
        }
        for d in out.documents.drain(at.documents.min(out.documents.len())..) {
            self.document_ids.remove(&*d);
        }
        out.records.truncate(at.records);
        out.name_pool.truncate(at.names);
        out.address_pool.truncate(at.addresses);
    }

    fn push(&mut self, out: &mut Prepared, d: Draft) -> usize {
        if out.tokens.is_empty() {
            out.tokens.push("".into());
        }
        if out.documents.is_empty() {
            out.documents.push("".into());
        }
        let name_start = out.name_pool.len() as u32;
        for k in &d.names {
            let id = match self.token_ids.get(&**k) {
                Some(&id) => id,
                None => {
                    let id = out.tokens.len() as u32;
                    out.tokens.push((**k).into());
                    self.token_ids.insert(k.to_string(), id);
                    id
                }
            };
            out.name_pool.push(id);
        }
        let document = match self.document_ids.get(&d.document) {
            _ if d.document.is_empty() => 0,
            Some(&id) => id,
            None => {
                let id = out.documents.len() as u32;
                out.documents.push(d.document.as_str().into());
                self.document_ids.insert(d.document.clone(), id);
                id
            }
        };
        let nationality = match self.nationality_ids.get(&*d.nationality) {
            _ if d.nationality.is_empty() => 0,
            Some(&id) => id,
            None => {
                let id = self.nationality_ids.len() as u16 + 1;
                self.nationality_ids.insert(d.nationality.to_string(), id);
                id
            }
        };
        let address_start = out.address_pool.len() as u32;
        out.address_pool.extend_from_slice(&d.address);
        out.records.push(d.compact(name_start, address_start, document, nationality));
        out.records.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The parts of a [`Prepared`] that interning decides, to compare two of them.
    fn parts(p: &Prepared) -> String {
        format!("{:?} {:?} {:?} {:?} {:?}", p.records, p.name_pool, p.address_pool, p.tokens, p.documents)
    }

    #[test]
    fn a_compact_record_is_one_cache_line() {
        assert_eq!(std::mem::size_of::<Compact>(), 64);
    }

    proptest! {
        #[test]
        fn short_values_are_cleaned_without_allocating_as_clean_does(
            raw in "(M|f|Thai|THA|Lao|MMR|Burmese|Male|ไทย|ชาย|Nang |[ -~]{0,30}|[ก-ฮ]{1,4})",
        ) {
            prop_assert_eq!(with_clean(&raw, str::to_string), clean(&raw));
            prop_assert_eq!(remembered_locality(&raw), locality_hash(&raw));
            prop_assert_eq!(remembered_locality(&raw), locality_hash(&raw));
        }

        #[test]
        fn chunked_interning_gives_the_ids_of_one_record_at_a_time(
            rows in proptest::collection::vec(
                ("(Somchai|Suda|Aung|Kyaw|Malee|[a-c]{1,3})( (Jaidee|Srisuk|[a-c]{1,3})){0,3}",
                 "(|AB12|AB13|3 1101 70020 34 5|x)", "(|th|THA|Lao|mm)", "(|12 Moo 4 Soi 3|ตำบลบางรัก 5)"),
                0..40),
            chunk in 1usize..9,
            cuts in proptest::collection::vec(0usize..6, 0..8),
        ) {
            let records: Vec<PersonRecord> = rows
                .iter()
                .map(|(name, doc, nat, addr)| {
                    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
                    PersonRecord {
                        full_name: opt(name),
                        id_number: opt(doc),
                        nationality: opt(nat),
                        address: opt(addr),
                        ..PersonRecord::default()
                    }
                })
                .collect();
            let mut one_by_one = Prepared::default();
            let mut interner = Interner::default();
            for r in &records {
                interner.add(&mut one_by_one, r, 2026);
            }
            prop_assert_eq!(parts(&prepare_pieces(&normalise_in_pieces(&records, 2026, chunk))), parts(&one_by_one));
            // Pieces of uneven sizes, some empty, as a file read in parallel gives them.
            let mut pieces: Vec<NormalisedPiece> = Vec::new();
            let mut rest = records.as_slice();
            for n in cuts.iter().copied().chain([usize::MAX]) {
                let (piece, after) = rest.split_at(n.min(rest.len()));
                let mut normalised = NormalisedPiece::new(2026, 0);
                piece.iter().for_each(|r| normalised.push(r.fields()));
                pieces.push(normalised);
                rest = after;
            }
            prop_assert_eq!(parts(&prepare_pieces(&pieces)), parts(&one_by_one));
            // Records left out of their pieces (a repeated id): as if they had never been added.
            let keep = |k: usize| !(k * 7 + chunk).is_multiple_of(3);
            let mut kept = Prepared::default();
            let mut interner = Interner::default();
            let mut k = 0;
            for piece in &mut pieces {
                let first = k;
                k += piece.len();
                piece.retain(|i| keep(first + i));
            }
            for (_, r) in records.iter().enumerate().filter(|(k, _)| keep(*k)) {
                interner.add(&mut kept, r, 2026);
            }
            prop_assert_eq!(parts(&prepare_pieces(&pieces)), parts(&kept));
        }
    }
}
