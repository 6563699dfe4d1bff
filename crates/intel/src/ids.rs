//! Identifiers: Thai phone numbers to E.164, Thai 13-digit ID numbers with their check digit,
//! passport numbers.

/// A phone number in E.164 as a number (`+66812345678` → 66812345678), local Thai numbers taken
/// as Thai. The rules are the domain's ([`counternet_domain::party::e164`], read without
/// allocating), so a phone party and a resolved record agree.
pub fn phone_number(raw: &str) -> Option<u64> {
    counternet_domain::party::e164(raw)?.as_str().parse().ok()
}

/// Whether 13 digits are a Thai ID number with a correct check digit: the sum of digit i × (13 − i)
/// over the first twelve, and (11 − sum mod 11) mod 10 is the thirteenth.
pub fn thai_id_valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 13 || digits.len() != 13 {
        return false;
    }
    let sum: u32 = d.iter().take(12).zip((2..=13).rev()).map(|(x, w)| x * w).sum();
    d.get(12) == Some(&((11 - sum % 11) % 10))
}

/// An identity document number as compared: upper case, spaces, dashes, dots and slashes removed,
/// Thai digits made ASCII. `None` when nothing is left.
pub fn document_number(raw: &str) -> Option<String> {
    let mut s = String::new();
    document_number_into(raw, &mut s);
    (!s.is_empty()).then_some(s)
}

/// [`document_number`] appended to `out` (nothing when there is none), without allocating for an
/// ASCII number when `out` has room.
pub fn document_number_into(raw: &str, out: &mut String) {
    if raw.is_ascii() {
        // The general reading below, byte by byte (most document numbers are ASCII).
        out.extend(raw.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_uppercase())));
        return;
    }
    if let Some(s) = any_document_number(raw) {
        out.push_str(&s);
    }
}

/// [`document_number`] of any text, character by character.
fn any_document_number(raw: &str) -> Option<String> {
    let s: String = raw
        .chars()
        .filter_map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - '๐' as u32 + '0' as u32),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_uppercase)
        .collect();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_check(first12: &str) -> String {
        let sum: u32 = first12.chars().filter_map(|c| c.to_digit(10)).zip((2..=13).rev()).map(|(x, w)| x * w).sum();
        format!("{first12}{}", (11 - sum % 11) % 10)
    }

    #[test]
    fn phones_local_and_international_meet() {
        assert_eq!(phone_number("081 234 5678"), Some(66812345678));
        assert_eq!(phone_number("+66812345678"), Some(66812345678));
        assert_eq!(phone_number("+66 81-234-5678"), Some(66812345678));
        assert_eq!(phone_number("0066812345678"), Some(66812345678));
        assert_eq!(phone_number("not a phone"), None);
    }

    #[test]
    fn thai_ids() {
        assert!(thai_id_valid("1101700203450"));
        assert!(!thai_id_valid("1101700203451"));
        assert!(!thai_id_valid("110170020345"));
        assert_eq!(document_number("1-1017-00203-45-1").as_deref(), Some("1101700203451"));
        assert_eq!(document_number(" ab 123-456 ").as_deref(), Some("AB123456"));
        assert_eq!(document_number(" - "), None);
    }

    proptest! {
        #[test]
        fn every_computed_check_digit_validates(first12 in "[1-8][0-9]{11}") {
            let id = with_check(&first12);
            prop_assert!(thai_id_valid(&id));
            prop_assert_eq!(document_number(&format!("{}-{} {}", &id[..1], &id[1..5], &id[5..])), Some(id));
        }

        #[test]
        fn a_wrong_check_digit_is_caught(first12 in "[1-8][0-9]{11}", delta in 1u32..10) {
            let id = with_check(&first12);
            let check = id.chars().last().and_then(|c| c.to_digit(10)).unwrap();
            let bad = format!("{first12}{}", (check + delta) % 10);
            prop_assert!(!thai_id_valid(&bad));
        }

        #[test]
        fn ascii_documents_are_read_as_any_text_is(
            raw in "[0-9a-zA-Z๐-๙ /.-]{0,16}|[ -~]{0,16}|.{0,12}",
        ) {
            prop_assert_eq!(document_number(&raw), any_document_number(&raw));
        }

        #[test]
        fn local_and_international_forms_agree(rest in "[689][0-9]{8}") {
            let local = format!("0{rest}");
            let intl = format!("+66{rest}");
            prop_assert_eq!(phone_number(&local), phone_number(&intl));
            prop_assert_eq!(phone_number(&format!("66{rest}")), phone_number(&intl));
        }
    }
}
