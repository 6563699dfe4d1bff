//! Transliteration of Thai, Lao, Burmese and Khmer script to plain Latin letters.
//!
//! These are our own simplified rule tables, close to RTGS for Thai and to the usual ad hoc
//! romanisations for Lao and Burmese. They aim at one thing: that the script form of a name and its
//! common romanisations meet after [`crate::phonetic::fold`]. They are not a pronunciation guide:
//! tones, vowel length and most clusters are dropped, and Thai syllables without a written vowel
//! get a guessed implicit vowel (`o` in a closed syllable, `a` in an open one).

/// What a character of an Indic-derived script (Thai, Lao) is to the transliterator.
#[derive(Clone, Copy)]
enum Glyph {
    /// A consonant: its initial and its final sound.
    Consonant(&'static str, &'static str),
    /// A vowel sign written after (or above, below) its consonant.
    Vowel(&'static str),
    /// A vowel written before its consonant (เ แ โ ใ ไ and Lao ເ ແ ໂ ໃ ໄ).
    Leading(Lead),
    /// Tone marks and other signs without a sound of their own.
    Mute,
}

#[derive(Clone, Copy, PartialEq)]
enum Lead {
    E,
    Ae,
    O,
    Ai,
}

fn thai(c: char) -> Option<Glyph> {
    use Glyph::*;
    Some(match c {
        'ก' => Consonant("k", "k"),
        'ข' | 'ฃ' | 'ค' | 'ฅ' | 'ฆ' => Consonant("kh", "k"),
        'ง' => Consonant("ng", "ng"),
        'จ' | 'ฉ' | 'ช' | 'ฌ' => Consonant("ch", "t"),
        'ซ' | 'ศ' | 'ษ' | 'ส' => Consonant("s", "t"),
        'ญ' => Consonant("y", "n"),
        'ฎ' | 'ด' => Consonant("d", "t"),
        'ฏ' | 'ต' => Consonant("t", "t"),
        'ฐ' | 'ฑ' | 'ฒ' | 'ถ' | 'ท' | 'ธ' => Consonant("th", "t"),
        'ณ' | 'น' => Consonant("n", "n"),
        'บ' => Consonant("b", "p"),
        'ป' => Consonant("p", "p"),
        'ผ' | 'พ' | 'ภ' => Consonant("ph", "p"),
        'ฝ' | 'ฟ' => Consonant("f", "p"),
        'ม' => Consonant("m", "m"),
        'ย' => Consonant("y", "i"),
        'ร' => Consonant("r", "n"),
        'ล' | 'ฬ' => Consonant("l", "n"),
        'ว' => Consonant("w", "o"),
        'ห' | 'ฮ' => Consonant("h", ""),
        'อ' => Consonant("", "o"),
        'ะ' | 'ั' | 'า' | 'ๅ' => Vowel("a"),
        'ำ' => Vowel("am"),
        'ิ' | 'ี' => Vowel("i"),
        'ึ' | 'ื' => Vowel("ue"),
        'ุ' | 'ู' => Vowel("u"),
        'ฤ' => Vowel("rue"),
        'ฦ' => Vowel("lue"),
        'เ' => Leading(Lead::E),
        'แ' => Leading(Lead::Ae),
        'โ' => Leading(Lead::O),
        'ใ' | 'ไ' => Leading(Lead::Ai),
        '็' | '่' | '้' | '๊' | '๋' | 'ํ' | 'ฺ' | 'ๆ' | 'ฯ' => Mute,
        _ => return None,
    })
}

fn lao(c: char) -> Option<Glyph> {
    use Glyph::*;
    Some(match c {
        'ກ' => Consonant("k", "k"),
        'ຂ' | 'ຄ' => Consonant("kh", "k"),
        'ງ' => Consonant("ng", "ng"),
        'ຈ' => Consonant("ch", "t"),
        'ສ' | 'ຊ' => Consonant("s", "t"),
        'ຍ' | 'ຢ' => Consonant("y", "i"),
        'ດ' => Consonant("d", "t"),
        'ຕ' => Consonant("t", "t"),
        'ຖ' | 'ທ' => Consonant("th", "t"),
        'ນ' | 'ໜ' => Consonant("n", "n"),
        'ບ' => Consonant("b", "p"),
        'ປ' => Consonant("p", "p"),
        'ຜ' | 'ພ' => Consonant("ph", "p"),
        'ຝ' | 'ຟ' => Consonant("f", "p"),
        'ມ' | 'ໝ' => Consonant("m", "m"),
        'ຣ' => Consonant("r", "n"),
        'ລ' => Consonant("l", "n"),
        'ວ' => Consonant("v", "o"),
        'ຫ' | 'ຮ' => Consonant("h", ""),
        'ອ' => Consonant("", "o"),
        'ະ' | 'ັ' | 'າ' => Vowel("a"),
        'ຳ' => Vowel("am"),
        'ິ' | 'ີ' => Vowel("i"),
        'ຶ' | 'ື' => Vowel("ue"),
        'ຸ' | 'ູ' => Vowel("u"),
        'ົ' | 'ໍ' => Vowel("o"),
        'ຽ' => Vowel("ia"),
        'ເ' => Leading(Lead::E),
        'ແ' => Leading(Lead::Ae),
        'ໂ' => Leading(Lead::O),
        'ໃ' | 'ໄ' => Leading(Lead::Ai),
        '່' | '້' | '໊' | '໋' | '໌' | 'ໆ' | 'ຯ' => Mute,
        _ => return None,
    })
}

/// Whether `c` belongs to the Thai block, the Lao block or the Myanmar block.
pub fn script_of(c: char) -> Script {
    match c as u32 {
        0x0E00..=0x0E7F => Script::Thai,
        0x0E80..=0x0EFF => Script::Lao,
        0x1000..=0x109F | 0xAA60..=0xAA7F | 0xA9E0..=0xA9FF => Script::Burmese,
        0x1780..=0x17FF | 0x19E0..=0x19FF => Script::Khmer,
        _ => Script::Other,
    }
}

/// The scripts the transliterator knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Thai,
    Lao,
    Burmese,
    Khmer,
    Other,
}

/// Transliterates every Thai, Lao, Burmese or Khmer run in `text` to Latin; other characters are kept.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // NFKC splits SARA AM (ำ, ຳ) into nikhahit and sara aa: put it back.
    let text = text.replace("\u{0E4D}\u{0E32}", "\u{0E33}").replace("\u{0ECD}\u{0EB2}", "\u{0EB3}");
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let script = script_of(c);
        if script == Script::Other {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).is_some_and(|&c| script_of(c) == script) {
            i += 1;
        }
        let run = chars.get(start..i).unwrap_or_default();
        match script {
            Script::Thai => indic(run, thai, &mut out),
            Script::Lao => indic(run, lao, &mut out),
            Script::Burmese => burmese(run, &mut out),
            Script::Khmer => khmer(run, &mut out),
            Script::Other => {}
        }
    }
    out
}

/// Thai and Lao: consonants with written or implicit vowels, leading vowels moved after their
/// consonant, a consonant under the cancel mark (์ ໌) silent.
fn indic(run: &[char], table: fn(char) -> Option<Glyph>, out: &mut String) {
    // Drop silenced letters: the consonant under the cancel mark, and a vowel sign between them.
    let mut glyphs: Vec<Glyph> = Vec::with_capacity(run.len());
    for &c in run {
        if c == '์' || c == '໌' {
            glyphs.pop();
            if matches!(glyphs.last(), Some(Glyph::Vowel(_))) {
                glyphs.pop();
                glyphs.pop();
            }
            continue;
        }
        match table(c) {
            Some(Glyph::Mute) | None => {}
            Some(g) => glyphs.push(g),
        }
    }
    // ห (ຫ) before a sonorant only carries the tone: ใหม่ is mai, หล้า is la.
    let mut k = 0;
    while k + 1 < glyphs.len() {
        if matches!(glyphs.get(k), Some(Glyph::Consonant("h", _)))
            && matches!(glyphs.get(k + 1), Some(Glyph::Consonant("ng" | "y" | "n" | "m" | "r" | "l" | "w" | "v", _)))
        {
            glyphs.remove(k);
        }
        k += 1;
    }
    let vowel_at = |k: usize| matches!(glyphs.get(k), Some(Glyph::Vowel(_)) | Some(Glyph::Leading(_)));
    let consonant_at = |k: usize| matches!(glyphs.get(k), Some(Glyph::Consonant(..)));
    // A written vowel at k, or อ / ว standing for a vowel there (before a consonant or the end).
    let voiced_at = |k: usize| {
        (vowel_at(k) && !matches!(glyphs.get(k), Some(Glyph::Leading(_))))
            || (matches!(glyphs.get(k), Some(Glyph::Consonant("" | "w" | "v", _))) && !vowel_at(k + 1))
    };
    let mut after_vowel = false;
    let mut k = 0;
    while let Some(g) = glyphs.get(k).copied() {
        match g {
            Glyph::Vowel(v) => {
                out.push_str(v);
                after_vowel = true;
                k += 1;
            }
            Glyph::Leading(lead) => {
                // The consonant it belongs to (and a cluster's second consonant ร ล ว) comes first.
                k += 1;
                if let Some(Glyph::Consonant(initial, _)) = glyphs.get(k) {
                    out.push_str(initial);
                    k += 1;
                }
                let next = glyphs.get(k).copied();
                let vowel = match (lead, next) {
                    (Lead::E, Some(Glyph::Vowel("a"))) => {
                        k += 1;
                        "ao"
                    }
                    (Lead::E, Some(Glyph::Vowel("i"))) => {
                        k += 1;
                        if matches!(glyphs.get(k), Some(Glyph::Consonant("y", _))) {
                            k += 1;
                            "ia"
                        } else {
                            "oe"
                        }
                    }
                    (Lead::E, Some(Glyph::Vowel("ue"))) => {
                        k += 1;
                        if matches!(glyphs.get(k), Some(Glyph::Consonant("", _))) {
                            k += 1;
                        }
                        "uea"
                    }
                    (Lead::E, Some(Glyph::Consonant("", _))) if !vowel_at(k + 1) => {
                        k += 1;
                        "oe"
                    }
                    (Lead::E, _) => "e",
                    (Lead::Ae, _) => "ae",
                    (Lead::O, _) => "o",
                    (Lead::Ai, _) => "ai",
                };
                out.push_str(vowel);
                after_vowel = true;
            }
            Glyph::Consonant(initial, fin) => {
                k += 1;
                if vowel_at(k) && !matches!(glyphs.get(k), Some(Glyph::Leading(_))) {
                    out.push_str(initial);
                    after_vowel = false;
                    continue;
                }
                let next_has_vowel = voiced_at(k + 1);
                if after_vowel && (!consonant_at(k) || next_has_vowel) {
                    // Closes the syllable before it.
                    out.push_str(fin);
                    after_vowel = false;
                    continue;
                }
                out.push_str(initial);
                match glyphs.get(k).copied() {
                    // ว and อ between two consonants are vowels (นวล nuan, กอง kong).
                    Some(Glyph::Consonant("w" | "v", _)) if consonant_at(k + 1) && !next_has_vowel => {
                        out.push_str("ua");
                        k += 1;
                        after_vowel = true;
                    }
                    Some(Glyph::Consonant("", _)) if !next_has_vowel => {
                        out.push('o');
                        k += 1;
                        after_vowel = true;
                    }
                    Some(Glyph::Consonant(_, _)) if next_has_vowel => {
                        out.push('a');
                        after_vowel = true;
                    }
                    Some(Glyph::Consonant(_, fin2)) => {
                        out.push('o');
                        out.push_str(fin2);
                        k += 1;
                        after_vowel = false;
                    }
                    _ => {
                        if !after_vowel && k == 1 {
                            out.push('o');
                        }
                        after_vowel = false;
                    }
                }
            }
            Glyph::Mute => k += 1,
        }
    }
}

fn khmer_consonant(c: char) -> Option<&'static str> {
    Some(match c {
        'ក' | 'គ' => "k",
        'ខ' | 'ឃ' => "kh",
        'ង' => "ng",
        'ច' | 'ជ' => "ch",
        'ឆ' | 'ឈ' => "chh",
        'ញ' => "nh",
        'ដ' | 'ឌ' => "d",
        'ឋ' | 'ឍ' | 'ថ' | 'ធ' => "th",
        'ណ' | 'ន' => "n",
        'ត' | 'ទ' => "t",
        'ប' => "b",
        'ផ' | 'ភ' => "ph",
        'ព' => "p",
        'ម' => "m",
        'យ' => "y",
        'រ' => "r",
        'ល' | 'ឡ' => "l",
        'វ' => "v",
        'ឝ' | 'ឞ' | 'ស' => "s",
        'ហ' => "h",
        'អ' => "",
        _ => return None,
    })
}

fn khmer_vowel(c: char) -> Option<&'static str> {
    Some(match c {
        'ា' => "a",
        'ិ' | 'ី' => "i",
        'ឹ' | 'ឺ' => "oe",
        'ុ' | 'ូ' => "o",
        'ួ' => "uo",
        'ើ' => "aeu",
        'ឿ' => "oea",
        'ៀ' => "ie",
        'េ' => "e",
        'ែ' => "ae",
        'ៃ' => "ai",
        'ោ' => "ao",
        'ៅ' => "au",
        'ះ' => "h",
        'ឥ' => "e",
        'ឦ' => "ei",
        'ឧ' | 'ឩ' => "u",
        'ឪ' => "ov",
        'ឯ' => "ae",
        'ឰ' => "ai",
        'ឱ' | 'ឲ' => "ao",
        'ឳ' => "au",
        _ => return None,
    })
}

/// Khmer: consonants (a subscript one after the coeng ្ as a plain consonant), vowel signs, the
/// nikahit ំ as `m` after a vowel and `am` alone, an inherent `a` between two consonants; the
/// register shifters and other signs without a sound of their own are dropped.
fn khmer(run: &[char], out: &mut String) {
    let mut k = 0;
    let mut vowel_before = false;
    while let Some(&c) = run.get(k) {
        k += 1;
        if let Some(cons) = khmer_consonant(c) {
            out.push_str(cons);
            // The signs after it that carry no sound.
            while run.get(k).is_some_and(|&m| matches!(m, '៉' | '៊' | '់' | '៍' | '៎' | '៏' | '័' | '៌'))
            {
                k += 1;
            }
            let next = run.get(k).copied();
            vowel_before = false;
            if next.is_some_and(|n| khmer_consonant(n).is_some()) {
                out.push('a');
                vowel_before = true;
            }
        } else if let Some(v) = khmer_vowel(c) {
            out.push_str(v);
            vowel_before = true;
        } else if c == 'ំ' {
            out.push_str(if vowel_before { "m" } else { "am" });
            vowel_before = false;
        } else if c == '្' {
            // The next consonant is written below: it is read as a plain consonant.
            vowel_before = false;
        }
    }
}

fn burmese_initial(c: char) -> Option<&'static str> {
    Some(match c {
        'က' => "k",
        'ခ' => "kh",
        'ဂ' | 'ဃ' => "g",
        'င' => "ng",
        'စ' => "s",
        'ဆ' => "hs",
        'ဇ' | 'ဈ' => "z",
        'ည' | 'ဉ' => "ny",
        'ဋ' | 'တ' => "t",
        'ဌ' | 'ထ' => "ht",
        'ဍ' | 'ဎ' | 'ဒ' | 'ဓ' => "d",
        'ဏ' | 'န' => "n",
        'ပ' => "p",
        'ဖ' => "ph",
        'ဗ' | 'ဘ' => "b",
        'မ' => "m",
        'ယ' | 'ရ' => "y",
        'လ' | 'ဠ' => "l",
        'ဝ' => "w",
        'သ' => "th",
        'ဟ' => "h",
        'အ' => "",
        'ဣ' | 'ဤ' => "i",
        'ဥ' | 'ဦ' => "u",
        'ဧ' => "e",
        'ဩ' | 'ဪ' => "aw",
        _ => return None,
    })
}

/// Burmese: syllable by syllable (initial, medials, vowel signs, a final under the asat ်), the
/// syllables separated by spaces as in romanised Burmese names (အောင်ကျော် → aung kyaw).
fn burmese(run: &[char], out: &mut String) {
    let mut k = 0;
    let mut first = true;
    while let Some(&c) = run.get(k) {
        k += 1;
        let Some(initial) = burmese_initial(c) else { continue };
        let mut onset = String::from(initial);
        let mut vowels = String::new();
        let mut fin: Option<char> = None;
        let mut anusvara = false;
        while let Some(&m) = run.get(k) {
            match m {
                'ျ' | 'ြ' => match onset.as_str() {
                    "k" => onset = "ky".into(),
                    "kh" => onset = "ch".into(),
                    "g" => onset = "gy".into(),
                    _ => onset.push('y'),
                },
                'ွ' => vowels.push('w'),
                'ှ' => onset.insert(0, 'h'),
                'ါ' | 'ာ' => vowels.push('a'),
                'ိ' | 'ီ' => vowels.push('i'),
                'ု' | 'ူ' => vowels.push('u'),
                'ေ' => vowels.push('e'),
                'ဲ' => vowels.push('E'),
                'ံ' => anusvara = true,
                '့' | 'း' | '်' | '္' => {}
                _ => {
                    // A consonant under the asat (possibly after a dot below) closes this syllable.
                    if burmese_initial(m).is_some()
                        && (run.get(k + 1) == Some(&'်') || run.get(k + 2) == Some(&'်') && run.get(k + 1) == Some(&'့'))
                    {
                        fin = Some(m);
                        k += 1;
                        continue;
                    }
                    break;
                }
            }
            k += 1;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(&onset);
        out.push_str(&burmese_rime(&vowels, fin, anusvara));
    }
}

fn burmese_rime(vowels: &str, fin: Option<char>, anusvara: bool) -> String {
    let w = vowels.contains('w');
    let v: String = vowels.chars().filter(|&c| c != 'w').collect();
    let nasal = anusvara || matches!(fin, Some('န' | 'မ' | 'ဉ'));
    let rime = match (v.as_str(), fin) {
        ("ea" | "ae", Some('င')) => "aung",
        ("ea" | "ae", Some('က')) => "auk",
        ("ea" | "ae", _) => "aw",
        ("iu" | "ui", Some('င')) => "aing",
        ("iu" | "ui", Some('က')) => "aik",
        ("iu" | "ui", _) => "o",
        ("i", _) if nasal => "ein",
        ("i", Some('တ' | 'ပ')) => "eik",
        ("u", _) if nasal => "on",
        ("u", Some('တ' | 'ပ')) => "ok",
        ("", Some('င')) => "in",
        ("", Some('က')) => "et",
        ("", Some('စ')) => "it",
        ("", Some('ည')) => "i",
        ("", Some('ယ')) => "e",
        ("", Some('တ' | 'ပ')) if w => "ut",
        ("", Some('တ' | 'ပ')) => "at",
        ("", _) if nasal && w => "un",
        ("", _) if nasal => "an",
        ("", Some(_)) => "a",
        ("", None) if w => "wa",
        ("", None) => "a",
        ("a", Some('ေ')) => "aw",
        ("E", _) => "e",
        ("a", _) => "a",
        ("i", _) => "i",
        ("u", _) => "u",
        ("e", _) => "e",
        _ => "a",
    };
    rime.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_run_of_the_four_scripts_becomes_plain_latin(
            raw in "([\u{0E01}-\u{0E5B}]|[\u{0E81}-\u{0EDF}]|[\u{1000}-\u{109F}]|[\u{1780}-\u{17FF}]){0,16}"
        ) {
            let latin = to_latin(&raw);
            prop_assert!(latin.chars().all(|c| c.is_ascii_lowercase() || c == ' '), "{:?} -> {:?}", raw, latin);
        }

        #[test]
        fn text_without_those_scripts_is_kept(raw in "[ -~]{0,30}") {
            prop_assert_eq!(to_latin(&raw), raw);
        }
    }

    #[test]
    fn thai_names_come_out_close_to_rtgs() {
        assert_eq!(to_latin("สมชาย"), "somchai");
        assert_eq!(to_latin("ธนากร"), "thanakon");
        assert_eq!(to_latin("สุดา"), "suda");
        assert_eq!(to_latin("พรทิพย์"), "phonthip");
        assert_eq!(to_latin("ใจดี"), "chaidi");
        assert_eq!(to_latin("แก้ว"), "kaeo");
        assert_eq!(to_latin("บุญมา"), "bunma");
        assert_eq!(to_latin("ใหม่"), "mai");
        assert_eq!(to_latin("คำ"), "kham");
        assert_eq!(to_latin("ค\u{0E4D}\u{0E32}"), "kham");
    }

    #[test]
    fn lao_names() {
        assert_eq!(to_latin("ສົມພອນ"), "somphon");
        assert_eq!(to_latin("ແກ້ວ"), "kaeo");
    }

    #[test]
    fn burmese_names() {
        assert_eq!(to_latin("အောင်"), "aung");
        assert_eq!(to_latin("ကျော်"), "kyaw");
        assert_eq!(to_latin("ဝင်း"), "win");
        assert_eq!(to_latin("လှ"), "hla");
        assert_eq!(to_latin("မြင့်"), "myin");
        assert_eq!(to_latin("ထွန်း"), "htun");
        assert_eq!(to_latin("နိုင်"), "naing");
        assert_eq!(to_latin("ဇော်"), "zaw");
        assert_eq!(to_latin("အောင်ကျော်"), "aung kyaw");
    }

    #[test]
    fn khmer_names() {
        assert_eq!(to_latin("សំណាង"), "samnang");
        assert_eq!(to_latin("រតនា"), "ratana");
        assert_eq!(to_latin("វណ្ណា"), "vanna");
        assert_eq!(to_latin("ហេង"), "heng");
        assert_eq!(to_latin("ចាន់"), "chan");
        assert_eq!(to_latin("សុខ"), "sokh");
    }

    #[test]
    fn latin_is_kept() {
        assert_eq!(to_latin("Somchai 12"), "Somchai 12");
    }
}
