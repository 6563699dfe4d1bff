//! Free-text addresses: tokenised, lower-cased, the common Thai and Latin words of an address
//! (Moo/หมู่, Soi/ซอย, Tambon/ตำบล/แขวง, Amphoe/อำเภอ/เขต, Changwat/จังหวัด, Road/Rd/ถนน) made one
//! word each, Thai-script words transliterated and folded like names, so that a Thai-script address
//! and its romanisation share tokens. Compared as token sets.

use unicode_normalization::UnicodeNormalization;

use crate::names::{is_word_char, nfkc_lower, word_keys};
use crate::record::FastHash;
use crate::translit::{script_of, Script};

/// Address words in Thai script, spaced out before splitting (Thai writes them without spaces).
const THAI_WORDS: &[(&str, &str)] = &[
    ("หมู่ที่", "moo"),
    ("หมู่", "moo"),
    ("ซอย", "soi"),
    ("ตำบล", "tambon"),
    ("แขวง", "tambon"),
    ("อำเภอ", "amphoe"),
    ("เขต", "amphoe"),
    ("จังหวัด", "changwat"),
    ("ถนน", "road"),
    ("บ้านเลขที่", ""),
    ("เลขที่", ""),
    ("บ้าน", "ban"),
    ("ม.", "moo"),
    ("ต.", "tambon"),
    ("อ.", "amphoe"),
    ("จ.", "changwat"),
    ("ถ.", "road"),
    ("ซ.", "soi"),
];

/// The canonical form of a Latin address word, or `None` for a word that says nothing.
fn latin_word(w: &str) -> Option<&str> {
    Some(match w {
        "moo" | "mu" | "m" | "muu" | "village" => "moo",
        "soi" | "lane" => "soi",
        "tambon" | "tambol" | "t" | "khwaeng" | "kwaeng" | "subdistrict" => "tambon",
        "amphoe" | "amphur" | "amphure" | "ampur" | "a" | "khet" | "district" => "amphoe",
        "changwat" | "province" | "prov" | "ch" => "changwat",
        "road" | "rd" | "thanon" | "thnon" | "street" | "st" => "road",
        "no" | "house" | "number" | "the" | "of" => return None,
        other => other,
    })
}

/// Whether a canonical word of [`latin_word`] is one of the address words (kept as it is, not
/// transliterated and folded like a name).
fn is_address_word(w: &str) -> bool {
    matches!(w, "moo" | "soi" | "tambon" | "amphoe" | "changwat" | "road")
}

/// A 32-bit FNV-1a hash of a token.
pub fn token_hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The Thai address words after NFKC, with their replacements, computed once.
static THAI_WORDS_NFKC: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
    THAI_WORDS.iter().map(|(thai, latin)| (thai.nfkc().collect(), format!(" {latin} "))).collect()
});

/// One automaton for all of [`THAI_WORDS_NFKC`], the longest word winning where two start at the
/// same place ("หมู่ที่" over "หมู่", "บ้านเลขที่" over "บ้าน").
static THAI_FINDER: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(THAI_WORDS_NFKC.iter().map(|(thai, _)| thai.as_str()))
        .ok()
});

/// `text` with the Thai address words spaced out and replaced by their Latin forms, in one pass.
fn replace_thai_words(text: String) -> String {
    let Some(finder) = THAI_FINDER.as_ref() else { return text };
    let mut out = String::new();
    let mut last = 0;
    for m in finder.find_iter(&text) {
        if out.is_empty() {
            out.reserve(text.len() + 16);
        }
        out.push_str(text.get(last..m.start()).unwrap_or_default());
        out.push_str(THAI_WORDS_NFKC.get(m.pattern().as_usize()).map_or(" ", |(_, latin)| latin.as_str()));
        last = m.end();
    }
    if last == 0 {
        return text;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    out
}

/// The address's tokens (canonical words, numbers, phonetic keys), in order, repeated ones kept.
pub fn address_tokens(raw: &str) -> Vec<String> {
    let mut text: String =
        if raw.is_ascii() { raw.to_ascii_lowercase() } else { raw.nfkc().collect::<String>().to_lowercase() };
    if !text.is_ascii() {
        text = replace_thai_words(text);
    }
    let mut out = Vec::new();
    for word in text.split(|c: char| !is_word_char(c)) {
        // Split letters from digits: "moo4", "123/4".
        let mut start = 0;
        let mut pieces = Vec::new();
        let mut prev_digit: Option<bool> = None;
        for (i, c) in word.char_indices() {
            let digit = c.is_ascii_digit();
            if prev_digit.is_some_and(|p| p != digit) {
                pieces.push(word.get(start..i).unwrap_or_default());
                start = i;
            }
            prev_digit = Some(digit);
        }
        pieces.push(word.get(start..).unwrap_or_default());
        for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
            if piece.bytes().all(|b| b.is_ascii_digit()) {
                out.push(piece.trim_start_matches('0').to_string());
            } else if let Some(w) = latin_word(piece) {
                if is_address_word(w) {
                    out.push(w.to_string());
                } else {
                    word_keys(w, &mut out);
                }
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

/// The token hashes (sorted, deduplicated) and first number of each text between numbers seen.
type PartMemory = std::collections::HashMap<Box<str>, (Box<[u32]>, u32), FastHash>;

/// What [`address_tokens`] gives, as [`record`](crate::record) keeps it: the sorted, deduplicated
/// hashes of the tokens (at most `cap`) and the hash of the first number (the house number, 0 when
/// none); without building the tokens' strings. The same values as `token_set(&address_tokens(raw),
/// cap)` and the hash of the first all-digit token.
///
/// The numbers make an address one household's ("385/116", "ม.4"), but the text between and after
/// them ("หมู่", "ซอย", "ต.แม่สอด อ.แม่สอด", "Dagon Township, Yangon Region") is shared by many
/// records. The address is cut around its numbers ([`address_parts`]): each number is hashed as it
/// is, and each text between is worked out once per thread and remembered.
pub fn address_hashes(raw: &str, cap: usize) -> (Vec<u32>, u32) {
    let mut out = Vec::with_capacity(16);
    let house = address_hashes_into(raw, cap, &mut out);
    (out, house)
}

/// [`address_hashes`] into `out` (cleared first), the house number's hash returned.
pub fn address_hashes_into(raw: &str, cap: usize, out: &mut Vec<u32>) -> u32 {
    thread_local! {
        /// The hashes and first number of each text between numbers seen (see above).
        static TEXTS: std::cell::RefCell<PartMemory> = std::cell::RefCell::new(PartMemory::default());
    }
    out.clear();
    let mut house = 0u32;
    TEXTS.with(|texts| {
        let mut texts = texts.borrow_mut();
        address_parts(raw, |part| match part {
            AddressPart::Number(digits) => {
                let n = digits.trim_start_matches('0');
                if !n.is_empty() {
                    let h = token_hash(n);
                    if house == 0 {
                        house = h;
                    }
                    out.push(h);
                }
            }
            // Spaces and punctuation alone (" ", "/", ", ") have no tokens.
            AddressPart::Text(text) if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_alphanumeric()) => {}
            AddressPart::Text(text) => {
                let (hashes, first) = match texts.get(text) {
                    Some(known) => known,
                    None => {
                        let (mut hashes, mut first) = (Vec::new(), 0);
                        hashes_into(text, &mut hashes, &mut first);
                        hashes.sort_unstable();
                        hashes.dedup();
                        if texts.len() > 300_000 {
                            texts.clear();
                        }
                        texts.entry(text.into()).or_insert((hashes.into(), first))
                    }
                };
                out.extend_from_slice(hashes);
                if house == 0 {
                    house = *first;
                }
            }
        });
    });
    out.sort_unstable();
    out.dedup();
    out.truncate(cap);
    house
}

/// A piece of an address as [`address_parts`] cuts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AddressPart<'a> {
    /// A run of ASCII digits: one token of its own.
    Number(&'a str),
    /// The text between two numbers (or before the first, after the last).
    Text(&'a str),
}

/// Whether a run of ASCII digits next to `c` is a token of its own whatever `c` normalises to:
/// ASCII, Thai, Lao, Burmese and Khmer characters never normalise (NFKC) to a digit, which would
/// join the run ("１2" is the number 12), and nothing composes with a digit.
fn ends_a_number(c: char) -> bool {
    c.is_ascii() || script_of(c) != Script::Other
}

/// `raw` cut around each run of ASCII digits that [`ends_a_number`] on both sides, each piece given
/// to `each` in order. A digit run is always a token of its own in [`address_tokens`] (letters are
/// split from digits, and no address word contains one), and normalising and lower-casing do not
/// reach across it: so the pieces' tokens, in order, are the tokens of the whole.
fn address_parts<'a>(raw: &'a str, mut each: impl FnMut(AddressPart<'a>)) {
    let bytes = raw.as_bytes();
    let (mut text_start, mut at) = (0, 0);
    while let Some(k) = bytes.get(at..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)) {
        let start = at + k;
        let len = bytes.get(start..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count());
        at = start + len;
        let before = raw.get(..start).and_then(|b| b.chars().next_back());
        let after = raw.get(at..).and_then(|a| a.chars().next());
        if before.is_some_and(|c| !ends_a_number(c)) || after.is_some_and(|c| !ends_a_number(c)) {
            continue;
        }
        if let Some(text) = raw.get(text_start..start).filter(|t| !t.is_empty()) {
            each(AddressPart::Text(text));
        }
        each(AddressPart::Number(raw.get(start..at).unwrap_or_default()));
        text_start = at;
    }
    if let Some(text) = raw.get(text_start..).filter(|t| !t.is_empty()) {
        each(AddressPart::Text(text));
    }
}

/// The token hashes of `raw` appended to `out` in order (repeats kept), and the hash of its first
/// number put in `house` if it is still 0.
fn hashes_into(raw: &str, out: &mut Vec<u32>, house: &mut u32) {
    thread_local! {
        /// The hashes of the phonetic keys of each word seen (addresses repeat their words).
        static WORDS: std::cell::RefCell<std::collections::HashMap<Box<str>, Box<[u32]>, FastHash>> =
            std::cell::RefCell::new(std::collections::HashMap::default());
    }
    let lowered;
    let mut text: &str = raw;
    let mut owned: String;
    if raw.is_ascii() {
        if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            lowered = raw.to_ascii_lowercase();
            text = &lowered;
        }
    } else {
        owned = nfkc_lower(raw);
        if !owned.is_ascii() {
            owned = replace_thai_words(owned);
        }
        lowered = owned;
        text = &lowered;
    }
    // The thread's word memory is taken once per address, not once per word.
    WORDS.with(|words| {
        let mut words = words.borrow_mut();
        let mut piece_hash = |piece: &str, out: &mut Vec<u32>| {
            if piece.bytes().all(|b| b.is_ascii_digit()) {
                let n = piece.trim_start_matches('0');
                if !n.is_empty() {
                    let h = token_hash(n);
                    if *house == 0 {
                        *house = h;
                    }
                    out.push(h);
                }
                return;
            }
            // Only a Latin word can be one of the address words.
            let w = if piece.is_ascii() {
                match latin_word(piece) {
                    Some(w) if is_address_word(w) => {
                        out.push(token_hash(w));
                        return;
                    }
                    Some(w) => w,
                    None => return,
                }
            } else {
                piece
            };
            if let Some(hashes) = words.get(w) {
                out.extend_from_slice(hashes);
                return;
            }
            let mut keys = Vec::new();
            word_keys(w, &mut keys);
            let hashes: Box<[u32]> = keys.iter().filter(|k| !k.is_empty()).map(|k| token_hash(k)).collect();
            out.extend_from_slice(&hashes);
            if words.len() > 500_000 {
                words.clear();
            }
            words.insert(w.into(), hashes);
        };
        for word in text.split(|c: char| !is_word_char(c)) {
            // Split letters from digits: "moo4", "123/4".
            let mut start = 0;
            let mut prev_digit: Option<bool> = None;
            for (i, c) in word.char_indices() {
                let digit = c.is_ascii_digit();
                if prev_digit.is_some_and(|p| p != digit) {
                    let piece = word.get(start..i).unwrap_or_default();
                    if !piece.is_empty() {
                        piece_hash(piece, out);
                    }
                    start = i;
                }
                prev_digit = Some(digit);
            }
            let piece = word.get(start..).unwrap_or_default();
            if !piece.is_empty() {
                piece_hash(piece, out);
            }
        }
    });
}

/// Jaccard similarity of two sorted, deduplicated token-hash sets.
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    // A merge without branches on the data (they mispredict half the time).
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        common += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// The sorted, deduplicated token hashes of an address, at most `cap` of them.
pub fn address_set(raw: &str, cap: usize) -> Vec<u32> {
    token_set(&address_tokens(raw), cap)
}

/// The sorted, deduplicated hashes of tokens, at most `cap` of them.
pub fn token_set(tokens: &[String], cap: usize) -> Vec<u32> {
    let mut v: Vec<u32> = tokens.iter().map(|t| token_hash(t)).collect();
    v.sort_unstable();
    v.dedup();
    v.truncate(cap);
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The replacement as it was first written: each word in the list's order, over the whole text.
    fn replace_word_by_word(mut text: String) -> String {
        for (thai, latin) in THAI_WORDS_NFKC.iter() {
            text = text.replace(thai.as_str(), latin);
        }
        text
    }

    proptest! {
        #[test]
        fn one_pass_replaces_as_word_by_word_did(
            parts in proptest::collection::vec(
                "(หมู่ที่|หมู่|ที่|ซอย|ตำบล|แขวง|อำเภอ|เขต|จังหวัด|ถนน|บ้านเลขที่|เลขที่|บ้าน|ม\\.|ต\\.|อ\\.|จ\\.|ถ\\.|ซ\\.|ม|ต|\\.| |12/3|บางรัก|เชียงใหม่|Soi)",
                0..12,
            ),
        ) {
            let text = parts.concat();
            prop_assert_eq!(replace_thai_words(text.clone()), replace_word_by_word(text));
        }
    }

    fn parts_of(raw: &str) -> Vec<AddressPart<'_>> {
        let mut parts = Vec::new();
        address_parts(raw, |p| parts.push(p));
        parts
    }

    #[test]
    fn an_address_is_cut_around_its_numbers_and_a_text_seen_again_gives_the_same_hashes() {
        use AddressPart::{Number, Text};
        assert_eq!(
            parts_of("385/116 หมู่ 4 แขวงหนองหอย"),
            vec![Number("385"), Text("/"), Number("116"), Text(" หมู่ "), Number("4"), Text(" แขวงหนองหอย")]
        );
        assert_eq!(parts_of("Dagon Township, Yangon"), vec![Text("Dagon Township, Yangon")]);
        assert_eq!(parts_of("moo4b"), vec![Text("moo"), Number("4"), Text("b")]);
        // A full-width digit next to a number joins it once normalised: no cut there.
        assert_eq!(parts_of("１2 ３"), vec![Text("１2 ３")]);
        assert_eq!(parts_of("7 ２5"), vec![Number("7"), Text(" ２5")]);
        assert_eq!(parts_of(""), vec![]);
        // Many households of one place (the texts remembered after the first), and addresses whose
        // only ASCII number is a zero, so that the house number comes from a text's own digits.
        for a in [
            "12 ม.4 ต.บางรัก อ.เมือง จ.เชียงใหม่",
            "99/1 ซอย 7 ต.บางรัก อ.เมือง จ.เชียงใหม่",
            "5 Moo 2 Tambon Bangrak Amphoe Mueang",
            "7 Moo 9 Tambon Bangrak Amphoe Mueang",
            "0 ตำบล ๑ ２ บางรัก",
            "00 ตำบล ๑ ２ บางรัก",
            "0 ตำบล ๑ ２3 บางรัก",
        ] {
            let tokens = address_tokens(a);
            let house = tokens.iter().find(|t| t.bytes().all(|b| b.is_ascii_digit())).map_or(0, |t| token_hash(t));
            assert_eq!(address_hashes(a, 16), (token_set(&tokens, 16), house), "{a}");
        }
    }

    #[test]
    fn thai_and_latin_words_become_one() {
        assert_eq!(
            address_tokens("12 Moo 4, Soi Sukhumvit 3, Rd"),
            vec!["12", "moo", "4", "soi", "sukumwit", "3", "road"]
        );
        assert_eq!(address_tokens("12 ม.4"), vec!["12", "moo", "4"]);
        assert_eq!(address_tokens("12 หมู่4"), vec!["12", "moo", "4"]);
        let thai = address_set("ตำบลบางรัก อำเภอเมือง จังหวัดเชียงใหม่", 32);
        assert_eq!(address_tokens("ตำบลบางรัก อำเภอเมือง"), vec!["tambon", "banglak", "amphoe", "muang"]);
        let latin = address_set("Tambon Bangrak, Amphoe Mueang, Changwat Chiangmai", 32);
        assert!(jaccard(&thai, &latin) > 0.6, "{}", jaccard(&thai, &latin));
    }

    proptest! {
        #[test]
        fn address_hashes_are_those_of_the_tokens(
            a in "([0-9]{1,4}|0+|[A-Za-z]{1,8}|Moo|Soi|Rd|No|ม\\.|ตำบล|หมู่|บางรัก|[ก-ฮ]{1,4}|เมือง|[/ ,.]|  | ต\\.| อ\\.|０|１２|①|²|é|\u{0301}|\u{0e48}\u{0e38}| Σ|ΑΣ |Σ){0,14}",
            cap in 1usize..20,
        ) {
            let tokens = address_tokens(&a);
            let house = tokens.iter().find(|t| t.bytes().all(|b| b.is_ascii_digit())).map_or(0, |t| token_hash(t));
            prop_assert_eq!(address_hashes(&a, cap), (token_set(&tokens, cap), house));
        }

        #[test]
        fn jaccard_is_symmetric_and_bounded(a in "[a-z0-9 ]{0,40}", b in "[a-z0-9 ]{0,40}") {
            let (x, y) = (address_set(&a, 32), address_set(&b, 32));
            let j = jaccard(&x, &y);
            prop_assert!((0.0..=1.0).contains(&j));
            prop_assert_eq!(j, jaccard(&y, &x));
            if !x.is_empty() {
                prop_assert_eq!(jaccard(&x, &x), 1.0);
            }
        }

        #[test]
        fn case_and_punctuation_do_not_matter(a in "[A-Za-z0-9]{1,8}( [A-Za-z0-9]{1,8}){0,4}") {
            prop_assert_eq!(address_set(&a.to_uppercase(), 32), address_set(&a.replace(' ', ", ").to_lowercase(), 32));
        }
    }
}
