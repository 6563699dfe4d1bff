//! Synthetic person files with ground truth, for the entity-resolution benchmark (issue 5).
//!
//! A run makes entities (people) and, for each, a cluster of 1 to 10 records as different organisations would
//! write them down: names in Thai, Lao, Burmese, Khmer, Vietnamese, Chinese or Latin script and in several
//! romanisations, nicknames, titles, swapped and merged name parts, typos, Buddhist-era and partial dates, phones
//! in local and international form, Thai ID numbers with their check digit, passports, free-text addresses, and
//! missing fields. Records are shuffled and numbered; the truth file maps each record id to its entity.
//! Everything follows from the seed.

pub mod graph;
pub mod money;
pub mod names;
pub mod places;
pub mod rng;

use std::io::{self, Write};

use names::Name;
use places::{District, Place};
use rng::Rng;

/// The resolver's input contract: the header of the person file.
pub const PERSONS_HEADER: &str =
    "id,given_name,family_name,full_name,date_of_birth,sex,nationality,phone,id_number,address,locality,postcode";
/// The header of the ground-truth file.
pub const TRUTH_HEADER: &str = "id,entity_id";

/// Weights of cluster sizes 1 to 10: most people appear once or twice, a few many times.
const CLUSTER_SIZE_WEIGHTS: [u32; 10] = [40, 20, 12, 8, 6, 5, 3, 3, 2, 1];

/// The year ages are counted from.
const REFERENCE_YEAR: u32 = 2026;

/// What the generator makes and how many.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub rows: u64,
    pub seed: u64,
}

/// What a run made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub rows: u64,
    pub entities: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nationality {
    Tha,
    Lao,
    Mmr,
    Khm,
    Vnm,
    Chn,
    Phl,
}

impl Nationality {
    const ALL: [Nationality; 7] = [Self::Tha, Self::Mmr, Self::Lao, Self::Khm, Self::Vnm, Self::Chn, Self::Phl];
    const WEIGHTS: [u32; 7] = [35, 30, 15, 12, 3, 3, 2];

    fn code(self) -> &'static str {
        match self {
            Self::Tha => "THA",
            Self::Lao => "LAO",
            Self::Mmr => "MMR",
            Self::Khm => "KHM",
            Self::Vnm => "VNM",
            Self::Chn => "CHN",
            Self::Phl => "PHL",
        }
    }

    /// Other ways forms name the nationality: English words and the Thai word.
    fn words(self) -> &'static [&'static str] {
        match self {
            Self::Tha => &["Thai", "Thailand", "ไทย"],
            Self::Lao => &["Lao", "Laos", "Laotian", "ลาว"],
            Self::Mmr => &["Myanmar", "Burmese", "Burma", "พม่า", "เมียนมา"],
            Self::Khm => &["Cambodian", "Khmer", "Cambodia", "กัมพูชา"],
            Self::Vnm => &["Vietnamese", "Viet Nam", "เวียดนาม"],
            Self::Chn => &["Chinese", "China", "จีน"],
            Self::Phl => &["Filipino", "Philippines", "ฟิลิปปินส์"],
        }
    }

    /// How often this nationality's names are written in their own script rather than romanised.
    fn native_script_share(self) -> f64 {
        match self {
            Self::Tha => 0.35,
            Self::Lao | Self::Mmr | Self::Vnm => 0.25,
            Self::Khm | Self::Chn => 0.2,
            Self::Phl => 0.0,
        }
    }

    /// Whether the family name comes first in a full name (Khmer, Vietnamese, Chinese).
    fn family_first(self) -> bool {
        matches!(self, Self::Khm | Self::Vnm | Self::Chn)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    Female,
    Male,
}

/// A person's identity document.
#[derive(Debug, Clone)]
enum Document {
    /// A Thai 13-digit ID number (citizens, and migrants' "pink cards" starting with 00).
    ThaiId(String),
    Passport(String),
}

#[derive(Debug, Clone)]
struct ThaiAddress {
    district: District,
    tambon: Place,
    house: String,
    moo: Option<u32>,
    soi: Option<u32>,
    road: Option<Place>,
}

#[derive(Debug, Clone)]
enum Address {
    Thai(ThaiAddress),
    /// An address in the home country, written in its script or in Latin.
    Home(Place),
}

/// One person, as they really are.
#[derive(Debug, Clone)]
struct Entity {
    nationality: Nationality,
    sex: Sex,
    /// The given name, or the syllables of a Burmese name.
    given: Vec<Name>,
    family: Option<Name>,
    nickname: Option<Name>,
    /// The romanisation this person usually gives (index into each name's list).
    spelling: usize,
    /// Year, month, day in the common era.
    dob: (u32, u32, u32),
    /// Thai national significant numbers (9 digits) or international numbers of home.
    phones: Vec<String>,
    documents: Vec<Document>,
    addresses: Vec<Address>,
    records: u8,
}

/// Writes the person file and the truth file for `config`.
pub fn generate(config: Config, persons: &mut impl Write, truth: &mut impl Write) -> io::Result<Summary> {
    let mut rng = Rng::new(config.seed);
    let mut entities: Vec<Entity> = Vec::new();
    let mut total: u64 = 0;
    while total < config.rows {
        let size = (rng.weighted(&CLUSTER_SIZE_WEIGHTS) as u64 + 1).min(config.rows - total);
        let mut entity_rng = Rng::for_item(config.seed, 1, entities.len() as u64);
        let mut entity = make_entity(&mut entity_rng, entities.last());
        entity.records = size as u8;
        entities.push(entity);
        total += size;
    }

    let mut slots: Vec<(u32, u8)> = Vec::with_capacity(config.rows as usize);
    for (e, entity) in entities.iter().enumerate() {
        for k in 0..entity.records {
            slots.push((e as u32, k));
        }
    }
    rng.shuffle(&mut slots);

    writeln!(persons, "{PERSONS_HEADER}")?;
    writeln!(truth, "{TRUTH_HEADER}")?;
    let mut line = String::with_capacity(512);
    for (i, (e, k)) in slots.iter().enumerate() {
        let Some(entity) = entities.get(*e as usize) else { continue };
        let id = i + 1;
        let mut record_rng = Rng::for_item(config.seed, 2, (u64::from(*e) << 8) | u64::from(*k));
        let record = make_record(&mut record_rng, entity, *k == 0);
        line.clear();
        line.push_str(&id.to_string());
        for field in record.iter() {
            line.push(',');
            push_csv_field(&mut line, field);
        }
        line.push('\n');
        persons.write_all(line.as_bytes())?;
        writeln!(truth, "{id},E{e}")?;
    }
    persons.flush()?;
    truth.flush()?;
    Ok(Summary { rows: slots.len() as u64, entities: entities.len() as u64 })
}

fn push_csv_field(line: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

/// The check digit of a Thai ID number from its first 12 digits: sum of d_i * (13 - i), then (11 - sum % 11) % 10.
pub fn thai_id_check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12.iter().enumerate().map(|(i, d)| u32::from(*d) * (13 - i as u32)).sum();
    ((11 - sum % 11) % 10) as u8
}

/// Whether a string of 13 digits (separators allowed) is a Thai ID number with a correct check digit.
pub fn thai_id_is_valid(text: &str) -> bool {
    let digits: Vec<u8> = text.chars().filter_map(|c| c.to_digit(10)).map(|d| d as u8).collect();
    let Ok(all) = <[u8; 13]>::try_from(digits.as_slice()) else { return false };
    let mut first12 = [0u8; 12];
    first12.copy_from_slice(all.get(..12).unwrap_or(&[0; 12]));
    all.get(12).copied() == Some(thai_id_check_digit(&first12))
}

fn thai_id(rng: &mut Rng, first: u8, second: Option<u8>) -> String {
    let mut first12 = [0u8; 12];
    for (i, d) in first12.iter_mut().enumerate() {
        *d = match (i, second) {
            (0, _) => first,
            (1, Some(s)) => s,
            _ => rng.below(10) as u8,
        };
    }
    let check = thai_id_check_digit(&first12);
    first12.iter().chain(std::iter::once(&check)).map(|d| char::from(b'0' + d)).collect()
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| rng.digit()).collect()
}

fn thai_mobile(rng: &mut Rng) -> String {
    let lead = rng.pick(&['6', '8', '8', '8', '9', '9']);
    let second = char::from(b'1' + rng.below(9) as u8);
    format!("{lead}{second}{}", digits(rng, 7))
}

fn make_entity(rng: &mut Rng, previous: Option<&Entity>) -> Entity {
    let sex = if rng.chance(0.55) { Sex::Female } else { Sex::Male };
    // Some people share a household with the previous person: nationality, family name, address and a phone.
    let household = previous.filter(|_| rng.chance(0.08));
    let nationality = match household {
        Some(p) => p.nationality,
        None => Nationality::ALL.get(rng.weighted(&Nationality::WEIGHTS)).copied().unwrap_or(Nationality::Tha),
    };
    let (given_pool, family_pool): (&[Name], &[Name]) = match (nationality, sex) {
        (Nationality::Tha, Sex::Female) => (names::THAI_FEMALE, names::THAI_FAMILY),
        (Nationality::Tha, Sex::Male) => (names::THAI_MALE, names::THAI_FAMILY),
        (Nationality::Lao, Sex::Female) => (names::LAO_FEMALE, names::LAO_FAMILY),
        (Nationality::Lao, Sex::Male) => (names::LAO_MALE, names::LAO_FAMILY),
        (Nationality::Mmr, _) => (names::BURMESE_SYLLABLES, &[]),
        (Nationality::Khm, _) => (names::KHMER_GIVEN, names::KHMER_FAMILY),
        (Nationality::Vnm, _) => (names::VIET_GIVEN, names::VIET_FAMILY),
        (Nationality::Chn, _) => (names::CHINESE_GIVEN, names::CHINESE_FAMILY),
        (Nationality::Phl, _) => (names::FILIPINO_GIVEN, names::FILIPINO_FAMILY),
    };
    let given = if nationality == Nationality::Mmr {
        let parts = if rng.chance(0.6) { 2 } else { 3 };
        (0..parts).map(|_| rng.pick(given_pool)).collect()
    } else if nationality == Nationality::Chn && rng.chance(0.5) {
        vec![rng.pick(given_pool), rng.pick(given_pool)]
    } else {
        vec![rng.pick(given_pool)]
    };
    let family = if family_pool.is_empty() {
        None
    } else {
        Some(household.and_then(|p| p.family).unwrap_or_else(|| rng.pick(family_pool)))
    };
    let nickname = match nationality {
        Nationality::Tha | Nationality::Lao if rng.chance(0.7) => Some(rng.pick(names::THAI_NICKNAMES)),
        _ => None,
    };
    let spelling = rng.weighted(&[6, 2, 1, 1]);

    let age = 14 + rng.below(20) as u32 + rng.below(27) as u32;
    let year = REFERENCE_YEAR - age;
    let month = rng.range(1, 12);
    let day = rng.range(1, days_in_month(year, month));

    let mut phones = Vec::new();
    if let Some(p) = household.and_then(|p| p.phones.first()).filter(|_| rng.chance(0.5)) {
        phones.push(p.clone());
    } else if rng.chance(0.85) {
        phones.push(thai_mobile(rng));
    }
    if rng.chance(0.2) {
        let home = match nationality {
            Nationality::Lao => format!("+85620{}", digits(rng, 8)),
            Nationality::Mmr => format!("+959{}", digits(rng, 9)),
            Nationality::Khm => format!("+855{}{}", rng.range(10, 99), digits(rng, 6)),
            _ => thai_mobile(rng),
        };
        phones.push(home);
    }

    let mut documents = Vec::new();
    if nationality == Nationality::Tha {
        let first = if age > 42 { 3 } else { rng.pick(&[1, 1, 1, 1, 2, 3, 5, 8]) };
        documents.push(Document::ThaiId(thai_id(rng, first, None)));
    } else {
        if rng.chance(0.45) {
            documents.push(Document::ThaiId(thai_id(rng, 0, Some(0))));
        }
        if documents.is_empty() || rng.chance(0.4) {
            let passport = match nationality {
                Nationality::Mmr => format!("M{}{}", rng.pick(&['A', 'B', 'C', 'E']), digits(rng, 6)),
                Nationality::Lao => format!("P{}", digits(rng, 7)),
                Nationality::Khm => format!("N{}", digits(rng, 8)),
                Nationality::Vnm => format!("C{}", digits(rng, 7)),
                Nationality::Chn => format!("E{}", digits(rng, 8)),
                _ => format!("P{}A", digits(rng, 7)),
            };
            documents.push(Document::Passport(passport));
        }
    }

    let mut addresses = Vec::new();
    match household {
        Some(p) if !p.addresses.is_empty() => addresses.extend(p.addresses.first().cloned()),
        _ => addresses.push(Address::Thai(thai_address(rng))),
    }
    if rng.chance(0.12) {
        addresses.push(Address::Thai(thai_address(rng)));
    }
    let home: &[Place] = match nationality {
        Nationality::Lao => places::HOME_LAO,
        Nationality::Mmr => places::HOME_MMR,
        Nationality::Khm => places::HOME_KHM,
        _ => &[],
    };
    if !home.is_empty() && rng.chance(0.25) {
        addresses.push(Address::Home(rng.pick(home)));
    }

    Entity {
        nationality,
        sex,
        given,
        family,
        nickname,
        spelling,
        dob: (year, month, day),
        phones,
        documents,
        addresses,
        records: 1,
    }
}

fn thai_address(rng: &mut Rng) -> ThaiAddress {
    let district = rng.pick(places::DISTRICTS);
    let tambon = rng.pick(district.tambons);
    let house = if rng.chance(0.4) {
        format!("{}/{}", rng.range(1, 399), rng.range(1, 150))
    } else {
        rng.range(1, 999).to_string()
    };
    let moo = rng.chance(0.7).then(|| rng.range(1, 15));
    let soi = rng.chance(0.3).then(|| rng.range(1, 40));
    let road = rng.chance(0.3).then(|| rng.pick(places::ROADS));
    ThaiAddress { district, tambon, house, moo, soi, road }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How one record writes a person: given, family, full name, date of birth, sex, nationality, phone,
/// ID number, address, locality, postcode.
type Fields = [String; 11];

fn make_record(rng: &mut Rng, entity: &Entity, first: bool) -> Fields {
    // The first record of a person is a little cleaner: someone registered them properly once.
    let noise = if first { 0.5 } else { 1.0 };
    let (given, family, full) = record_names(rng, entity, noise);
    let dob = record_dob(rng, entity, noise);
    let sex = record_sex(rng, entity);
    let nationality = record_nationality(rng, entity);
    let phone = record_phone(rng, entity, noise);
    let document = record_document(rng, entity, noise);
    let (address, locality, postcode) = record_address(rng, entity, noise);
    [given, family, full, dob, sex, nationality, phone, document, address, locality, postcode]
}

fn spell(rng: &mut Rng, name: Name, native: bool, preferred: usize) -> String {
    if native {
        return name.native.to_string();
    }
    let roman = if rng.chance(0.7) {
        name.roman.get(preferred).or(name.roman.first()).copied().unwrap_or(name.native)
    } else {
        rng.pick(name.roman)
    };
    if roman.is_empty() {
        name.native.to_string()
    } else {
        roman.to_string()
    }
}

fn title(rng: &mut Rng, entity: &Entity, native: bool) -> &'static str {
    let female = entity.sex == Sex::Female;
    let options: &[&str] = match (entity.nationality, native, female) {
        (Nationality::Tha, true, true) => &["นาง", "นางสาว", "น.ส."],
        (Nationality::Tha, true, false) => &["นาย"],
        (Nationality::Tha, false, true) => &["Ms", "Mrs", "Miss", "Nang", "Nangsao", "Ms."],
        (Nationality::Tha, false, false) => &["Mr", "Mr.", "Nai"],
        (Nationality::Lao, true, true) => &["ນາງ"],
        (Nationality::Lao, true, false) => &["ທ້າວ"],
        (Nationality::Lao, false, true) => &["Ms", "Nang", "Mrs"],
        (Nationality::Lao, false, false) => &["Mr", "Thao"],
        (Nationality::Mmr, true, true) => &["ဒေါ်", "မ"],
        (Nationality::Mmr, true, false) => &["ဦး", "ကို", "မောင်"],
        (Nationality::Mmr, false, true) => &["Daw", "Ma", "Ms"],
        (Nationality::Mmr, false, false) => &["U", "Ko", "Maung", "Mg", "Mr"],
        (_, _, true) => &["Ms", "Mrs", "Miss"],
        (_, _, false) => &["Mr", "Mr."],
    };
    rng.pick(options)
}

fn record_names(rng: &mut Rng, entity: &Entity, noise: f64) -> (String, String, String) {
    let nat = entity.nationality;
    let native = rng.chance(nat.native_script_share());
    let thai_like = matches!(nat, Nationality::Tha | Nationality::Lao);
    let pref = entity.spelling;
    let use_nickname = entity.nickname.is_some() && rng.chance(0.1 * noise + 0.02);

    let mut given = match (use_nickname, entity.nickname) {
        (true, Some(nick)) => spell(rng, nick, native, 0),
        _ => {
            let joined = !native && nat == Nationality::Mmr && rng.chance(0.2);
            let sep = if native && matches!(nat, Nationality::Mmr | Nationality::Chn) || joined { "" } else { " " };
            let parts: Vec<String> = entity.given.iter().map(|n| spell(rng, *n, native, pref)).collect();
            parts.join(sep)
        }
    };
    let mut family = entity.family.map(|n| spell(rng, n, native, pref)).unwrap_or_default();
    let name_sep = if native && nat == Nationality::Chn { "" } else { " " };

    let mut full = String::new();
    if nat == Nationality::Mmr {
        // Burmese names have no family name; clerks put the whole name somewhere, or split it themselves.
        match rng.weighted(&[60, 30, 10]) {
            0 => {}
            1 => full = std::mem::take(&mut given),
            _ => {
                if let Some((head, tail)) = given.split_once(' ') {
                    let (head, tail) = (head.to_string(), tail.to_string());
                    if rng.chance(0.5) {
                        given = head;
                        family = tail;
                    } else {
                        given = tail;
                        family = head;
                    }
                }
            }
        }
    } else {
        let order_family_first = nat.family_first() != rng.chance(0.1);
        let joined = |g: &str, f: &str, family_first: bool| -> String {
            match (g.is_empty(), f.is_empty()) {
                (_, true) => g.to_string(),
                (true, false) => f.to_string(),
                _ if family_first => format!("{f}{name_sep}{g}"),
                _ => format!("{g}{name_sep}{f}"),
            }
        };
        match rng.weighted(&[45, 15, 15, 7, 5, 5, 8]) {
            0 => {}
            1 => {
                full = joined(&given, &family, order_family_first);
                given.clear();
                family.clear();
            }
            2 => full = joined(&given, &family, order_family_first),
            3 => std::mem::swap(&mut given, &mut family),
            4 => family.clear(),
            5 => {
                given = joined(&given, &family, false);
                family.clear();
            }
            _ => {
                // The nickname written beside the name, as Thai and Lao forms often do.
                if let (true, Some(nick)) = (thai_like, entity.nickname) {
                    full = format!("{} {} ({})", given, family, spell(rng, nick, native, 0));
                }
            }
        }
    }

    if rng.chance(0.2) {
        let t = title(rng, entity, native);
        let target = if !given.is_empty() { &mut given } else { &mut full };
        if !target.is_empty() {
            // Thai titles are written joined to the name; other scripts with a space.
            let sep =
                if native && matches!(nat, Nationality::Tha | Nationality::Lao | Nationality::Mmr) { "" } else { " " };
            *target = format!("{t}{sep}{target}");
        }
    }
    for field in [&mut given, &mut family, &mut full] {
        if field.is_empty() {
            continue;
        }
        if rng.chance(0.12 * noise) {
            *field = typo(rng, field);
            if rng.chance(0.2) {
                *field = typo(rng, field);
            }
        }
        if !native {
            match rng.weighted(&[80, 15, 5]) {
                1 => *field = field.to_uppercase(),
                2 => *field = field.to_lowercase(),
                _ => {}
            }
        }
        if rng.chance(0.02) {
            field.push(' ');
        }
    }
    (given, family, full)
}

/// One keyboard slip: a character inserted, deleted, replaced or two swapped.
fn typo(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 {
        return text.to_string();
    }
    let i = rng.below(chars.len());
    let near = chars.get(i).copied().unwrap_or('a');
    match rng.below(4) {
        0 => chars.insert(i, similar_char(rng, near)),
        1 => {
            chars.remove(i);
        }
        2 => {
            if let Some(c) = chars.get_mut(i) {
                *c = similar_char(rng, near);
            }
        }
        _ => {
            if i + 1 < chars.len() {
                chars.swap(i, i + 1);
            } else {
                chars.swap(i - 1, i);
            }
        }
    }
    chars.into_iter().collect()
}

/// A character of the same script as `c`, as a slip of the finger would give.
fn similar_char(rng: &mut Rng, c: char) -> char {
    let code = c as u32;
    let pick = |rng: &mut Rng, base: u32, len: usize| char::from_u32(base + rng.below(len) as u32).unwrap_or(c);
    match code {
        0x0E01..=0x0E2E => pick(rng, 0x0E01, 0x2E),
        0x0E81..=0x0EAE => {
            rng.pick(&['ກ', 'ຂ', 'ຄ', 'ງ', 'ຈ', 'ສ', 'ຊ', 'ດ', 'ຕ', 'ທ', 'ນ', 'ບ', 'ປ', 'ພ', 'ມ', 'ລ', 'ວ', 'ຫ', 'ອ'])
        }
        0x1000..=0x1020 => pick(rng, 0x1000, 0x21),
        0x1780..=0x17A2 => pick(rng, 0x1780, 0x23),
        0x30..=0x39 => rng.digit(),
        0x41..=0x5A => pick(rng, 0x41, 26),
        _ if c.is_ascii_lowercase() => rng.pick(&['a', 'e', 'i', 'o', 'u', 'h', 'n', 'r', 's', 't', 'y', 'k', 'p']),
        _ => c,
    }
}

fn record_dob(rng: &mut Rng, entity: &Entity, noise: f64) -> String {
    if rng.chance(0.15 * noise + 0.03) {
        return String::new();
    }
    let (mut year, month, day) = entity.dob;
    // An estimated age: only a year, often a little off.
    if rng.chance(0.05 * noise) {
        year = year + 1 - rng.below(3) as u32;
        let be = entity.nationality == Nationality::Tha && rng.chance(0.5);
        return (if be { year + 543 } else { year }).to_string();
    }
    let (mut d, mut m) = (day, month);
    if d <= 12 && rng.chance(0.05 * noise) {
        std::mem::swap(&mut d, &mut m);
    }
    let be_share = if entity.nationality == Nationality::Tha { 0.3 } else { 0.08 };
    let y = if rng.chance(be_share) { year + 543 } else { year };
    let mut text = if rng.chance(0.05 * noise) {
        // Partial: month and year only.
        if rng.chance(0.5) {
            format!("{m:02}/{y}")
        } else {
            format!("{y}-{m:02}")
        }
    } else {
        match rng.weighted(&[45, 40, 10, 5]) {
            0 => format!("{y}-{m:02}-{d:02}"),
            1 => format!("{d:02}/{m:02}/{y}"),
            2 => format!("{d}/{m}/{y}"),
            _ => format!("{d:02}-{m:02}-{y}"),
        }
    };
    if rng.chance(0.02 * noise) {
        text = typo_digit(rng, &text);
    }
    text
}

fn typo_digit(rng: &mut Rng, text: &str) -> String {
    let positions: Vec<usize> = text.char_indices().filter(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i).collect();
    let at = rng.pick(&positions);
    text.char_indices().map(|(i, c)| if i == at && c.is_ascii_digit() { rng.digit() } else { c }).collect()
}

fn record_sex(rng: &mut Rng, entity: &Entity) -> String {
    let female = (entity.sex == Sex::Female) != rng.chance(0.01);
    let forms: &[&str] = match rng.weighted(&[80, 6, 5, 9]) {
        0 if female => &["F"],
        0 => &["M"],
        1 if female => &["female", "Female"],
        1 => &["male", "Male"],
        2 if female => &["หญิง", "ญ"],
        2 => &["ชาย", "ช"],
        _ => &[""],
    };
    rng.pick(forms).to_string()
}

fn record_nationality(rng: &mut Rng, entity: &Entity) -> String {
    match rng.weighted(&[80, 10, 10]) {
        0 => entity.nationality.code().to_string(),
        1 => rng.pick(entity.nationality.words()).to_string(),
        _ => String::new(),
    }
}

fn record_phone(rng: &mut Rng, entity: &Entity, noise: f64) -> String {
    if entity.phones.is_empty() || rng.chance(0.3 * noise) {
        return String::new();
    }
    let phone = if entity.phones.len() > 1 && rng.chance(0.25) { entity.phones.get(1) } else { entity.phones.first() };
    let Some(phone) = phone else { return String::new() };
    let mut text = if phone.starts_with('+') {
        if rng.chance(0.5) {
            phone.clone()
        } else {
            phone.trim_start_matches('+').to_string()
        }
    } else {
        let (a, rest) = phone.split_at(2.min(phone.len()));
        let (b, c) = rest.split_at(3.min(rest.len()));
        match rng.weighted(&[30, 20, 10, 20, 10, 5, 5]) {
            0 => format!("0{phone}"),
            1 => format!("0{a} {b} {c}"),
            2 => format!("0{a}-{b}-{c}"),
            3 => format!("+66{phone}"),
            4 => format!("+66 {a} {b} {c}"),
            5 => format!("66{phone}"),
            _ => format!("+66-{a}-{b}-{c}"),
        }
    };
    if rng.chance(0.02 * noise) {
        text = typo_digit(rng, &text);
    }
    text
}

fn record_document(rng: &mut Rng, entity: &Entity, noise: f64) -> String {
    if entity.documents.is_empty() || rng.chance(0.35 * noise + 0.05) {
        return String::new();
    }
    let doc = entity.documents.get(rng.below(entity.documents.len())).or(entity.documents.first());
    let mut text = match doc {
        Some(Document::ThaiId(id)) => {
            let (a, r) = id.split_at(1.min(id.len()));
            let (b, r) = r.split_at(4.min(r.len()));
            let (c, r) = r.split_at(5.min(r.len()));
            let (d, e) = r.split_at(2.min(r.len()));
            match rng.weighted(&[70, 20, 10]) {
                0 => id.clone(),
                1 => format!("{a}-{b}-{c}-{d}-{e}"),
                _ => format!("{a} {b} {c} {d} {e}"),
            }
        }
        Some(Document::Passport(p)) => match rng.weighted(&[80, 10, 10]) {
            0 => p.clone(),
            1 => p.to_lowercase(),
            _ => {
                let cut = p.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                let (letters, number) = p.split_at(cut);
                format!("{letters} {number}")
            }
        },
        None => String::new(),
    };
    if rng.chance(0.03 * noise) {
        text = if rng.chance(0.5) { typo_digit(rng, &text) } else { typo(rng, &text) };
    }
    text
}

fn record_address(rng: &mut Rng, entity: &Entity, noise: f64) -> (String, String, String) {
    let address = if entity.addresses.len() > 1 && rng.chance(0.3) {
        entity.addresses.get(1 + rng.below(entity.addresses.len() - 1))
    } else {
        entity.addresses.first()
    };
    let Some(address) = address else { return Default::default() };
    let thai_script = rng.chance(0.4);
    match address {
        Address::Home(place) => {
            let text = if thai_script { place.thai } else { place.latin };
            let text = if rng.chance(0.2 * noise) { String::new() } else { text.to_string() };
            let locality = text.split([',', '،', '၊', ' ']).next_back().unwrap_or_default().trim().to_string();
            (text, if rng.chance(0.5) { locality } else { String::new() }, String::new())
        }
        Address::Thai(a) => {
            let mut text = if rng.chance(0.2 * noise) {
                String::new()
            } else if thai_script {
                thai_address_thai(rng, a)
            } else {
                thai_address_latin(rng, a)
            };
            if !text.is_empty() && rng.chance(0.05 * noise) {
                text = typo(rng, &text);
            }
            let name = |p: Place| if thai_script { p.thai } else { p.latin };
            let locality = match rng.weighted(&[40, 20, 20, 20]) {
                0 => name(a.district.amphoe),
                1 => name(a.tambon),
                2 => name(a.district.province),
                _ => "",
            };
            let mut postcode = if rng.chance(0.75) { a.district.postcode.to_string() } else { String::new() };
            if !postcode.is_empty() && rng.chance(0.03 * noise) {
                postcode = typo_digit(rng, &postcode);
            }
            (text, locality.to_string(), postcode)
        }
    }
}

fn thai_address_thai(rng: &mut Rng, a: &ThaiAddress) -> String {
    let short = rng.chance(0.5);
    let mut parts = vec![a.house.clone()];
    if let Some(moo) = a.moo {
        parts.push(if short { format!("ม.{moo}") } else { format!("หมู่ {moo}") });
    }
    if let Some(soi) = a.soi {
        parts.push(if short { format!("ซ.{soi}") } else { format!("ซอย {soi}") });
    }
    if let Some(road) = a.road {
        parts.push(if short { format!("ถ.{}", road.thai) } else { format!("ถนน{}", road.thai) });
    }
    let bangkok_style = rng.chance(0.1);
    parts.push(match (short, bangkok_style) {
        (true, _) => format!("ต.{}", a.tambon.thai),
        (false, true) => format!("แขวง{}", a.tambon.thai),
        (false, false) => format!("ตำบล{}", a.tambon.thai),
    });
    parts.push(match (short, bangkok_style) {
        (true, _) => format!("อ.{}", a.district.amphoe.thai),
        (false, true) => format!("เขต{}", a.district.amphoe.thai),
        (false, false) => format!("อำเภอ{}", a.district.amphoe.thai),
    });
    if rng.chance(0.5) {
        parts.push(if short {
            format!("จ.{}", a.district.province.thai)
        } else {
            format!("จังหวัด{}", a.district.province.thai)
        });
    }
    if rng.chance(0.3) {
        parts.push(a.district.postcode.to_string());
    }
    parts.join(" ")
}

fn thai_address_latin(rng: &mut Rng, a: &ThaiAddress) -> String {
    let mut parts = vec![a.house.clone()];
    if let Some(moo) = a.moo {
        parts.push(match rng.weighted(&[40, 20, 15, 10, 10, 5]) {
            0 => format!("Moo {moo}"),
            1 => format!("M.{moo}"),
            2 => format!("Mu {moo}"),
            3 => format!("Moo.{moo}"),
            4 => format!("Village No. {moo}"),
            _ => format!("Mhu {moo}"),
        });
    }
    if let Some(soi) = a.soi {
        parts.push(match rng.weighted(&[60, 20, 20]) {
            0 => format!("Soi {soi}"),
            1 => format!("S.{soi}"),
            _ => format!("Soi{soi}"),
        });
    }
    if let Some(road) = a.road {
        parts.push(match rng.weighted(&[40, 30, 20, 10]) {
            0 => format!("{} Road", road.latin),
            1 => format!("{} Rd.", road.latin),
            2 => format!("Thanon {}", road.latin),
            _ => format!("Th. {}", road.latin),
        });
    }
    let t = a.tambon.latin;
    parts.push(match rng.weighted(&[30, 20, 20, 15, 15]) {
        0 => format!("Tambon {t}"),
        1 => format!("T.{t}"),
        2 => format!("{t} Sub-district"),
        3 => format!("Tambol {t}"),
        _ => t.to_string(),
    });
    let d = a.district.amphoe.latin;
    parts.push(match rng.weighted(&[30, 20, 20, 15, 15]) {
        0 => format!("Amphoe {d}"),
        1 => format!("A.{d}"),
        2 => format!("{d} District"),
        3 => format!("Amphur {d}"),
        _ => d.to_string(),
    });
    if rng.chance(0.6) {
        let p = a.district.province.latin;
        parts.push(if rng.chance(0.3) { format!("{p} Province") } else { p.to_string() });
    }
    if rng.chance(0.3) {
        parts.push(a.district.postcode.to_string());
    }
    let sep = if rng.chance(0.6) { ", " } else { " " };
    parts.join(sep)
}

#[cfg(test)]
mod tests;
