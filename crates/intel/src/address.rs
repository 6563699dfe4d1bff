//! Free-text addresses: tokenised, lower-cased, the common Thai and Latin words of an address
//! (Moo/หมู่, Soi/ซอย, Tambon/ตำบล/แขวง, Amphoe/อำเภอ/เขต, Changwat/จังหวัด, Road/Rd/ถนน) made one
//! word each, Thai-script words transliterated and folded like names, so that a Thai-script address
//! and its romanisation share tokens. Compared as token sets.

use unicode_normalization::UnicodeNormalization;

use crate::names::{is_word_char, nfkc_lower, word_keys};
use crate::record::FastHash;

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

/// A place's token hashes (sorted, deduplicated) and first number, by its text.
type PlaceMemory = std::collections::HashMap<Box<str>, (Box<[u32]>, u32), FastHash>;

/// What [`address_tokens`] gives, as [`record`](crate::record) keeps it: the sorted, deduplicated
/// hashes of the tokens (at most `cap`) and the hash of the first number (the house number, 0 when
/// none); without building the tokens' strings. The same values as `token_set(&address_tokens(raw),
/// cap)` and the hash of the first all-digit token.
///
/// An address ends with its place (tambon, amphoe, province: "ต.แม่สอด อ.แม่สอด", "Dagon Township,
/// Yangon Region"), which many records share, after the numbers that make it one household's. The
/// text after the last number (from the first space after it) is worked out once per thread and
/// remembered: at 1M benchmark rows 90,000 different places end 836,000 addresses.
pub fn address_hashes(raw: &str, cap: usize) -> (Vec<u32>, u32) {
    thread_local! {
        /// The hashes and first number of each place seen (see above).
        static PLACES: std::cell::RefCell<PlaceMemory> = std::cell::RefCell::new(PlaceMemory::default());
    }
    let (numbered, place) = split_place(raw);
    let mut out: Vec<u32> = Vec::with_capacity(16);
    let mut house = 0u32;
    if !numbered.is_empty() {
        hashes_into(numbered, &mut out, &mut house);
    }
    if !place.is_empty() {
        PLACES.with(|places| {
            let mut places = places.borrow_mut();
            let (hashes, first) = match places.get(place) {
                Some(known) => known,
                None => {
                    let (mut hashes, mut first) = (Vec::new(), 0);
                    hashes_into(place, &mut hashes, &mut first);
                    hashes.sort_unstable();
                    hashes.dedup();
                    if places.len() > 200_000 {
                        places.clear();
                    }
                    places.entry(place.into()).or_insert((hashes.into(), first))
                }
            };
            out.extend_from_slice(hashes);
            if house == 0 {
                house = *first;
            }
        });
    }
    out.sort_unstable();
    out.dedup();
    out.truncate(cap);
    (out, house)
}

/// An address cut into its numbered part and its place: the place starts at the first space after
/// the last ASCII digit (the whole address when it has no digit; none when no space follows the
/// last digit). The cut is at a space, which no Thai address word contains and which ends a word,
/// so the two parts give the tokens of the whole, in order.
fn split_place(raw: &str) -> (&str, &str) {
    let Some(last_digit) = raw.bytes().rposition(|b| b.is_ascii_digit()) else {
        return ("", raw);
    };
    match raw.get(last_digit + 1..).and_then(|rest| rest.find(' ')) {
        Some(k) => raw.split_at(last_digit + 1 + k),
        None => (raw, ""),
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

    #[test]
    fn an_address_is_cut_before_its_place_and_a_place_seen_again_gives_the_same_hashes() {
        assert_eq!(
            split_place("385/116 หมู่ 4 ซอย 31 แขวงหนองหอย เขตเมือง"),
            ("385/116 หมู่ 4 ซอย 31", " แขวงหนองหอย เขตเมือง")
        );
        assert_eq!(split_place("Dagon Township, Yangon"), ("", "Dagon Township, Yangon"));
        assert_eq!(split_place("12 Soi 3"), ("12 Soi 3", ""));
        assert_eq!(split_place("12/3ต.บางรัก"), ("12/3ต.บางรัก", ""));
        // Many households of one place (the place remembered after the first), and a place whose
        // only number is a zero, so that the house number comes from the place's own digits.
        for a in [
            "12 ม.4 ต.บางรัก อ.เมือง จ.เชียงใหม่",
            "99/1 ซอย 7 ต.บางรัก อ.เมือง จ.เชียงใหม่",
            "5 Moo 2 Tambon Bangrak Amphoe Mueang",
            "7 Moo 9 Tambon Bangrak Amphoe Mueang",
            "0 ตำบล ๑ ２ บางรัก",
            "00 ตำบล ๑ ２ บางรัก",
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
            a in "([0-9]{1,4}|0+|[A-Za-z]{1,8}|Moo|Soi|Rd|No|ม\\.|ตำบล|หมู่|บางรัก|[ก-ฮ]{1,4}|เมือง|[/ ,.]|  | ต\\.| อ\\.|０|１２|\u{0e48}\u{0e38}| Σ|ΑΣ ){0,14}",
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
