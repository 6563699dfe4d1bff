//! Person names: Unicode NFKC, case folding, titles and honorifics removed (Latin and native
//! script), tokens split, each token transliterated to Latin and folded to a phonetic key.
//!
//! Names are compared as token sets (see [`crate::compare`]), never as given/family pairs, so that
//! swapped given and family names, Burmese names (no family name) and a lone nickname all work.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::phonetic::fold;
use crate::translit::{script_of, to_latin, Script};

/// Titles written before a name in Thai, Lao and Burmese script, often without a space.
const NATIVE_TITLES: &[&str] = &[
    "เด็กหญิง",
    "เด็กชาย",
    "นางสาว",
    "น.ส.",
    "ด.ช.",
    "ด.ญ.",
    "นาง",
    "นาย",
    "ท้าว",
    "คุณ",
    "ທ້າວ",
    "ນາງ",
    "ນາຍ",
    "ເອື້ອຍ",
    "ဦး",
    "ဒေါ်",
    "ကို",
    "မောင်",
    "နော်",
    "စော",
    "စိုင်း",
    "နန်း",
    "မ ",
];

/// Latin titles and romanised honorifics, removed from the front of a name while another token
/// remains (so the Burmese name "Maung Maung" keeps one "maung").
const LATIN_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mister", "madam", "mx", "dr", "khun", "nai", "nang", "nangsao", "nangsaw", "ns",
    "thao", "tao", "u", "daw", "ko", "ma", "maung", "mg", "naw", "saw", "sai", "nan", "dekchai", "dekying", "dch",
    "dy",
];

/// The canonical combining class of a Thai character (the block's only non-zero ones).
fn thai_combining_class(c: char) -> u8 {
    match c {
        '\u{0E38}' | '\u{0E39}' => 103,
        '\u{0E3A}' => 9,
        '\u{0E48}'..='\u{0E4B}' => 107,
        _ => 0,
    }
}

/// NFKC and lower case: `raw.nfkc().collect::<String>().to_lowercase()`. Text of ASCII and Thai
/// only (most addresses and names here) takes a short way: ASCII and Thai are unchanged by NFKC but
/// for SARA AM (ำ, which becomes nikhahit and sara aa) and the order of combining marks, and Thai has
/// no case. Text whose marks are out of canonical order takes the long way.
pub fn nfkc_lower(raw: &str) -> String {
    if raw.is_ascii() {
        return raw.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(raw.len() + 8);
    let mut previous = 0u8;
    for c in raw.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            previous = 0;
        } else if ('\u{0E00}'..='\u{0E7F}').contains(&c) {
            let class = thai_combining_class(c);
            if class != 0 && previous > class {
                return raw.nfkc().collect::<String>().to_lowercase();
            }
            previous = class;
            if c == '\u{0E33}' {
                out.push_str("\u{0E4D}\u{0E32}");
            } else {
                out.push(c);
            }
        } else {
            return raw.nfkc().collect::<String>().to_lowercase();
        }
    }
    out
}

/// Lower-cased, NFKC-normalised text with native-script titles removed from its front.
pub fn clean(raw: &str) -> String {
    if raw.is_ascii() {
        return raw.to_ascii_lowercase();
    }
    let mut s: String = nfkc_lower(raw);
    loop {
        let trimmed = s.trim_start();
        let Some(rest) = NATIVE_TITLES.iter().find_map(|t| trimmed.strip_prefix(t)) else { break };
        // Keep a title that would leave nothing (or a lone combining mark) behind.
        if rest.trim().chars().count() < 2 {
            break;
        }
        s = rest.to_string();
    }
    s
}

/// Whether `c` belongs to a word: letters, digits and the combining signs of Thai, Lao, Burmese and Khmer
/// (vowel signs, tone marks). The three scripts' blocks are checked first: the general Unicode
/// lookup is slow and these are most of the non-ASCII text.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if script_of(c) != Script::Other {
        return !matches!(
            c,
            '\u{0E2F}' | '\u{0E46}' | '\u{0E4F}' | '\u{0E5A}' | '\u{0E5B}' | '\u{104A}' | '\u{104B}' | '\u{17D4}'
                ..='\u{17DA}'
        );
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The phonetic keys of a name's tokens, titles dropped, in written order.
pub fn name_keys(raw: &str) -> Vec<String> {
    let cleaned = clean(raw);
    let words: Vec<&str> = cleaned.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).collect();
    let mut start = 0;
    while words.len() > start + 1 {
        let Some(w) = words.get(start) else { break };
        if LATIN_TITLES.contains(w) {
            start += 1;
        } else {
            break;
        }
    }
    let mut keys = Vec::with_capacity(words.len());
    for w in words.get(start..).unwrap_or_default() {
        word_keys(w, &mut keys);
    }
    keys
}

/// The phonetic keys of one written word of any script: one, or one per syllable of Burmese.
pub fn word_keys(word: &str, keys: &mut Vec<String>) {
    // Names and address words repeat a lot: each thread remembers the keys of words it has seen.
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Vec<String>, crate::record::FastHash>> =
            std::cell::RefCell::new(std::collections::HashMap::default());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(k) = seen.get(word) {
            keys.extend(k.iter().cloned());
            return;
        }
        let mut fresh = Vec::new();
        word_keys_uncached(word, &mut fresh);
        keys.extend(fresh.iter().cloned());
        if seen.len() > 500_000 {
            seen.clear();
        }
        seen.insert(word.to_string(), fresh);
    });
}

fn word_keys_uncached(word: &str, keys: &mut Vec<String>) {
    let latin = if word.chars().any(|c| script_of(c) != Script::Other) { to_latin(word) } else { word.to_string() };
    let plain: String = latin.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    keys.extend(plain.split_whitespace().map(fold).filter(|k| !k.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_go_in_every_script() {
        assert_eq!(name_keys("Mr. Somchai Jaidee"), vec!["somcai", "caidi"]);
        assert_eq!(name_keys("นายสมชาย ใจดี"), vec!["somcai", "caidi"]);
        assert_eq!(name_keys("นาย สมชาย ใจดี"), vec!["somcai", "caidi"]);
        assert_eq!(name_keys("Nai Somchay Chaidee"), vec!["somcai", "caidi"]);
        assert_eq!(name_keys("U Aung Kyaw"), vec!["aung", "kyao"]);
        assert_eq!(name_keys("ဦးအောင်ကျော်"), vec!["aung", "kyao"]);
        assert_eq!(name_keys("မြင့်"), vec!["myin"]);
        assert_eq!(name_keys("Daw Hla Hla"), vec!["la", "la"]);
        assert_eq!(name_keys("Maung Maung"), vec!["maung"]);
    }

    #[test]
    fn thai_script_and_romanisation_meet() {
        assert_eq!(name_keys("สมชาย"), name_keys("SOMCHAAI"));
        assert_eq!(name_keys("ธนากร"), name_keys("Thanakorn"));
        assert_eq!(name_keys("Ｓｏｍｃｈａｉ"), name_keys("somchai"));
        assert_eq!(name_keys("Sómchai"), name_keys("somchai"));
    }

    proptest! {
        #[test]
        fn keys_are_plain_ascii_and_never_empty(raw in "\\PC{0,40}") {
            for k in name_keys(&raw) {
                prop_assert!(!k.is_empty());
                prop_assert!(k.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            }
        }

        #[test]
        fn case_and_a_leading_title_do_not_matter(name in "[A-Za-z]{2,10} [A-Za-z]{2,10}", title in "(Mr|Mrs|Ms|Nai|Nang|MR\\.)") {
            prop_assert_eq!(name_keys(&name.to_uppercase()), name_keys(&name.to_lowercase()));
            prop_assert_eq!(name_keys(&format!("{title} {name}")), name_keys(&name));
        }

        #[test]
        fn the_short_way_gives_nfkc_and_lower_case(raw in "[\u{0E00}-\u{0E7F}A-Za-z0-9 ,./\u{00C0}\u{FF21}]{0,30}") {
            prop_assert_eq!(nfkc_lower(&raw), raw.nfkc().collect::<String>().to_lowercase());
        }

        #[test]
        fn thai_script_never_fails(raw in "[\u{0E01}-\u{0E4E}]{1,12}") {
            let _ = name_keys(&raw);
        }
    }
}
