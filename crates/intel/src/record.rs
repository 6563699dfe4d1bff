//! Person records as read (text fields) and as resolved (compact, normalised, interned).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::address::{address_hashes, token_hash};
use crate::dates::{parse_birth_date, BirthDate};
use crate::ids::{document_number, phone_number};
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

/// At most this many name tokens and address tokens are kept per record.
pub const MAX_NAME_TOKENS: usize = 6;
pub const MAX_ADDRESS_TOKENS: usize = 16;

/// A record ready to compare: 48 bytes plus its share of the token pools.
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

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A record's normalised values before interning.
struct Draft {
    names: Vec<String>,
    birth: BirthDate,
    sex: u8,
    nationality: String,
    phone: u64,
    document: Option<String>,
    address: Vec<u32>,
    house: u32,
    place: u32,
}

fn sex_code(raw: &str) -> u8 {
    match clean(raw).trim() {
        "m" | "male" | "man" | "boy" | "ชาย" | "ผู้ชาย" | "ຊາຍ" | "ကျား" | "1" => 1,
        "f" | "female" | "woman" | "girl" | "หญิง" | "ผู้หญิง" | "ຍິງ" | "မ" | "2" => 2,
        "" | "u" | "unknown" | "-" => 0,
        _ => 3,
    }
}

fn nationality_key(raw: &str) -> String {
    let c = clean(raw);
    let t = c.trim();
    match t {
        "th" | "tha" | "thai" | "thailand" | "ไทย" | "สัญชาติไทย" => "th".into(),
        "la" | "lao" | "laos" | "laotian" | "ลาว" | "ລາວ" => "la".into(),
        "mm" | "mmr" | "myanmar" | "burmese" | "burma" | "พม่า" | "เมียนมา" | "မြန်မာ" => {
            "mm".into()
        }
        "kh" | "khm" | "cambodia" | "cambodian" | "khmer" | "กัมพูชา" | "เขมร" => "kh".into(),
        "vn" | "vnm" | "vietnam" | "vietnamese" | "เวียดนาม" => "vn".into(),
        "cn" | "chn" | "china" | "chinese" | "จีน" => "cn".into(),
        other => other.into(),
    }
}

/// [`name_keys`], remembered per thread for each written name: a file repeats its names (at 100,000
/// records about 30,000 different given names), and cleaning and transliterating are the costly part.
fn remembered_name_keys(raw: &str) -> Vec<String> {
    thread_local! {
        static SEEN: std::cell::RefCell<HashMap<String, Vec<String>, FastHash>> =
            std::cell::RefCell::new(HashMap::default());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(keys) = seen.get(raw) {
            return keys.clone();
        }
        let keys = name_keys(raw);
        if seen.len() > 200_000 {
            seen.clear();
        }
        seen.insert(raw.to_string(), keys.clone());
        keys
    })
}

fn draft(r: &PersonRecord, reference_year: u16) -> Draft {
    let mut names = Vec::new();
    match (&r.given_name, &r.family_name) {
        (None, None) => {}
        (g, f) => {
            for part in [g, f].into_iter().flatten() {
                names.extend(remembered_name_keys(part));
            }
        }
    }
    if names.is_empty() {
        if let Some(full) = &r.full_name {
            names = remembered_name_keys(full);
        }
    }
    names.truncate(MAX_NAME_TOKENS);
    let place = match (&r.postcode, &r.locality) {
        (Some(p), _) if p.trim().chars().all(|c| c.is_ascii_digit()) && !p.trim().is_empty() => {
            p.trim().parse::<u32>().unwrap_or(0)
        }
        (_, Some(l)) => {
            let mut keys = Vec::new();
            for w in clean(l).split(|c: char| !is_word_char(c)) {
                word_keys(w, &mut keys);
            }
            if keys.is_empty() {
                0
            } else {
                token_hash(&keys.concat()) | 0x8000_0000
            }
        }
        _ => 0,
    };
    let (address, house) = r.address.as_deref().map(|a| address_hashes(a, MAX_ADDRESS_TOKENS)).unwrap_or_default();
    Draft {
        names,
        birth: r.date_of_birth.as_deref().and_then(|d| parse_birth_date(d, reference_year)).unwrap_or_default(),
        sex: r.sex.as_deref().map(sex_code).unwrap_or(0),
        nationality: r.nationality.as_deref().map(nationality_key).unwrap_or_default(),
        phone: r.phone.as_deref().and_then(phone_number).unwrap_or(0),
        document: r.id_number.as_deref().and_then(document_number),
        address,
        house,
        place,
    }
}

/// The prefix of a name's sorted keys as a big-endian number, so that numeric order is text order.
fn name_prefix(keys: &[&str]) -> u64 {
    let mut sorted: Vec<&str> = keys.to_vec();
    sorted.sort_unstable();
    let mut bytes = [0u8; 8];
    for (slot, b) in bytes.iter_mut().zip(sorted.iter().flat_map(|k| k.bytes())) {
        *slot = b;
    }
    u64::from_be_bytes(bytes)
}

/// Normalises every record (in parallel) and interns its keys.
pub fn prepare(records: &[PersonRecord], reference_year: u16) -> Prepared {
    let drafts: Vec<Draft> = records.par_iter().map(|r| draft(r, reference_year)).collect();
    let mut out = Prepared {
        records: Vec::with_capacity(drafts.len()),
        name_pool: Vec::with_capacity(drafts.len() * 3),
        address_pool: Vec::with_capacity(drafts.len() * 8),
        ..Prepared::default()
    };
    let mut interner = Interner::default();
    for d in drafts {
        interner.push(&mut out, d);
    }
    out
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
struct Fnv8(u64);

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

type FastHash = std::hash::BuildHasherDefault<Fnv8>;

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
        self.push(out, draft(record, reference_year))
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
            let id = match self.token_ids.get(k.as_str()) {
                Some(&id) => id,
                None => {
                    let id = out.tokens.len() as u32;
                    out.tokens.push(k.as_str().into());
                    self.token_ids.insert(k.clone(), id);
                    id
                }
            };
            out.name_pool.push(id);
        }
        let keys: Vec<&str> = d.names.iter().map(String::as_str).collect();
        let document = match d.document {
            Some(doc) => {
                let next = out.documents.len() as u32;
                *self.document_ids.entry(doc).or_insert_with_key(|doc| {
                    out.documents.push(doc.as_str().into());
                    next
                })
            }
            None => 0,
        };
        let nationality = if d.nationality.is_empty() {
            0
        } else {
            let next = self.nationality_ids.len() as u16 + 1;
            *self.nationality_ids.entry(d.nationality).or_insert(next)
        };
        let address_start = out.address_pool.len() as u32;
        out.address_pool.extend_from_slice(&d.address);
        out.records.push(Compact {
            name_start,
            name_len: d.names.len() as u8,
            sex: d.sex,
            nationality,
            address_start,
            address_len: d.address.len() as u8,
            birth: d.birth.pack(),
            phone: d.phone,
            document,
            place: d.place,
            name_prefix: name_prefix(&keys),
            house: d.house,
        });
        out.records.len() - 1
    }
}
