//! A phonetic folding of Latin romanisations, so that ad hoc spellings of one name meet:
//! Somchai, Somchay and Somchaai all fold to `somcai`.
//!
//! The rules, in order: keep the letters a-z only (diacritics are removed before); aspirated
//! consonants lose their `h` (ph→p, th→t, kh→k, gh→g, bh→b, dh→d); ch, sh, tch and j become one
//! sound `c`; ck and q become k, v becomes w, z and x become s; a silent `h` (not first, or first
//! before a consonant as in Burmese Htun, Hla) goes; vowel groups fold (aa→a, ee/ii→i, oo/ou/uu→u,
//! oa→o, ae/ea→e, ue/eu→u, ay/ey/ei→ai, oy→oi, uy→ui); an `r` after a vowel and before a consonant
//! or the end goes (Porn→Pon, Wanchart→Wanchat), every other `r` becomes `l` (Thai speakers use
//! both), a `w` after a vowel and not before one becomes `o` (Kaew→Kaeo); at the end, l→n, d→t,
//! b→p and g (not in ng)→k as Thai finals are spoken; doubled letters become one.

const fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The phonetic key of a Latin word (already lower case, diacritics removed).
pub fn fold(word: &str) -> String {
    let b: Vec<u8> = word.bytes().filter(u8::is_ascii_lowercase).collect();
    let at = |i: usize| b.get(i).copied();
    // Pass 1: consonants.
    let mut p1: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(c) = at(i) {
        let next = at(i + 1);
        match (c, next) {
            (b't', Some(b'c')) if at(i + 2) == Some(b'h') => {
                p1.push(b'c');
                i += 3;
            }
            (b'c' | b's', Some(b'h')) => {
                p1.push(b'c');
                i += 2;
            }
            (b'p' | b't' | b'k' | b'g' | b'b' | b'd', Some(b'h')) => {
                p1.push(c);
                i += 2;
            }
            (b'c', Some(b'k')) => {
                p1.push(b'k');
                i += 2;
            }
            (b'h', Some(n)) if i == 0 && !is_vowel(n) && n != b'y' => i += 1,
            (b'h', _) if i > 0 => i += 1,
            (b'j', _) => {
                p1.push(b'c');
                i += 1;
            }
            (b'q', _) => {
                p1.push(b'k');
                i += 1;
            }
            (b'v', _) => {
                p1.push(b'w');
                i += 1;
            }
            (b'z' | b'x', _) => {
                p1.push(b's');
                i += 1;
            }
            _ => {
                p1.push(c);
                i += 1;
            }
        }
    }
    // Pass 2: vowels, r, w, y.
    let at = |i: usize| p1.get(i).copied();
    let mut p2: Vec<u8> = Vec::with_capacity(p1.len());
    let mut i = 0;
    while let Some(c) = at(i) {
        let next = at(i + 1);
        let prev_vowel = p2.last().is_some_and(|&p| is_vowel(p));
        let two = |o: &mut Vec<u8>, s: &[u8]| o.extend_from_slice(s);
        match (c, next) {
            (b'a', Some(b'a')) | (b'e', Some(b'e')) | (b'i', Some(b'i')) | (b'o', Some(b'o')) | (b'u', Some(b'u')) => {
                two(
                    &mut p2,
                    match c {
                        b'e' | b'i' => b"i",
                        b'o' | b'u' => b"u",
                        _ => b"a",
                    },
                );
                i += 2;
            }
            (b'o', Some(b'u')) | (b'u', Some(b'e')) | (b'e', Some(b'u')) => {
                p2.push(b'u');
                i += 2;
            }
            (b'o', Some(b'a')) => {
                p2.push(b'o');
                i += 2;
            }
            (b'a', Some(b'e')) | (b'e', Some(b'a')) => {
                p2.push(b'e');
                i += 2;
            }
            (b'a' | b'e', Some(b'y' | b'i')) if !at(i + 2).is_some_and(is_vowel) => {
                two(&mut p2, b"ai");
                i += 2;
            }
            (b'o' | b'u', Some(b'y')) if !at(i + 2).is_some_and(is_vowel) => {
                p2.push(c);
                p2.push(b'i');
                i += 2;
            }
            (b'r', _) if prev_vowel && !next.is_some_and(is_vowel) => i += 1,
            (b'r', _) => {
                p2.push(b'l');
                i += 1;
            }
            (b'w', _) if prev_vowel && !next.is_some_and(is_vowel) => {
                p2.push(b'o');
                i += 1;
            }
            (b'y', _) if prev_vowel && !next.is_some_and(is_vowel) => {
                p2.push(b'i');
                i += 1;
            }
            _ => {
                p2.push(c);
                i += 1;
            }
        }
    }
    // Pass 3: finals and doubled letters.
    let len = p2.len();
    let before = len.checked_sub(2).and_then(|k| p2.get(k).copied());
    if let Some(last) = p2.last_mut() {
        *last = match *last {
            b'l' if len > 1 => b'n',
            b'd' if len > 1 => b't',
            b'b' if len > 1 => b'p',
            b'g' if before != Some(b'n') && len > 1 => b'k',
            other => other,
        };
    }
    p2.dedup();
    p2.into_iter().map(char::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn romanisations_of_one_name_meet() {
        for v in ["somchai", "somchay", "somchaai", "somchaay", "somjai", "somshai"] {
            assert_eq!(fold(v), "somcai", "{v}");
        }
        assert_eq!(fold("porntip"), fold("phonthip"));
        assert_eq!(fold("kaew"), fold("kaeo"));
        assert_eq!(fold("wanchart"), fold("wanchat"));
        assert_eq!(fold("boonma"), fold("bunma"));
        assert_eq!(fold("htun"), fold("tun"));
        assert_eq!(fold("pornsawad"), fold("pornsawat"));
        assert_eq!(fold("srisuk"), fold("srisook"));
        assert_eq!(fold("somphone"), fold("somphon").to_string() + "e");
    }

    #[test]
    fn different_names_stay_apart() {
        assert_ne!(fold("somchai"), fold("somsak"));
        assert_ne!(fold("aung"), fold("kyaw"));
    }

    proptest! {
        #[test]
        fn fold_is_idempotent_enough_and_ascii(word in "[a-z]{0,20}") {
            let key = fold(&word);
            prop_assert!(key.bytes().all(|c| c.is_ascii_lowercase()));
            prop_assert!(key.len() <= word.len());
            // No doubled letters remain.
            prop_assert!(key.as_bytes().windows(2).all(|w| w.first() != w.get(1)));
        }

        #[test]
        fn doubling_a_vowel_changes_nothing(stem in "[bcdklmnpst]{1,3}", v in "[aiu]", tail in "[kmnpt]{0,2}") {
            let single = format!("{stem}{v}{tail}");
            let double = format!("{stem}{v}{v}{tail}");
            prop_assert_eq!(fold(&single), fold(&double));
        }
    }
}
