//! Parties: anything that can sit in a network (person, organisation, phone, email, address,
//! vehicle, bank account, online account), and their roles in cases.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::case::country_code;
use crate::mask::AgeBand;
use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::{CaseRole, Gender, PartyKind, PerpetratorRole};

const NAME_MAX: usize = 200;

/// A new party as submitted (POST /api/v1/parties). Which fields apply depends on `kind`:
/// - person: `given_name`, `family_name` and/or `full_name` (one is required; Burmese names have no
///   family name), `date_of_birth`, `gender`, `nationality`, `id_number`;
/// - organisation: `name`; phone: `number`; email: `email`; address: `address` (free text),
///   `locality`, `postcode`, `country`; vehicle: `plate`, `make`, `model`, `colour`;
///   bank_account: `account_number`, `bank`; online_account: `handle`, `platform`.
///
/// `survivor: true` marks a person whose identity is protected from the start (a victim role does
/// so too).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    pub kind: Option<PartyKind>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub full_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<Gender>,
    /// ISO 3166-1 alpha-3.
    pub nationality: Option<String>,
    /// National ID (Thai 13-digit), passport or other document number.
    pub id_number: Option<String>,
    pub name: Option<String>,
    pub number: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub locality: Option<String>,
    pub postcode: Option<String>,
    pub country: Option<String>,
    pub plate: Option<String>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub colour: Option<String>,
    pub account_number: Option<String>,
    pub bank: Option<String>,
    pub handle: Option<String>,
    pub platform: Option<String>,
    pub notes: Option<String>,
    pub survivor: Option<bool>,
}

/// A validated new party, ready to store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewParty {
    pub kind: Option<PartyKind>,
    /// Display name: a person's full name, an organisation's name, or the identifier.
    pub name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    pub id_number: Option<String>,
    /// The normalised identifier (E.164 phone, lower-case e-mail, account number, plate, handle,
    /// address text) for the kinds that have one.
    pub identifier: Option<String>,
    /// Kind-specific details (bank, platform, vehicle make, locality, ...), as a JSON object.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub survivor: bool,
}

impl NewParty {
    pub fn kind(&self) -> PartyKind {
        self.kind.unwrap_or(PartyKind::Person)
    }
}

impl PartyInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewParty> {
        let kind = self.kind.ok_or_else(|| ValidationError::new("kind", "required", "must name the kind of party"))?;
        let allowed: &[&str] = match kind {
            PartyKind::Person => {
                &["given_name", "family_name", "full_name", "date_of_birth", "gender", "nationality", "id_number"]
            }
            PartyKind::Organisation => &["name", "country"],
            PartyKind::Phone => &["number"],
            PartyKind::Email => &["email"],
            PartyKind::Address => &["address", "locality", "postcode", "country"],
            PartyKind::Vehicle => &["plate", "make", "model", "colour", "country"],
            PartyKind::BankAccount => &["account_number", "bank"],
            PartyKind::OnlineAccount => &["handle", "platform"],
        };
        for field in self.present_fields() {
            if !allowed.contains(&field) && field != "notes" && field != "survivor" && field != "kind" {
                return Err(ValidationError::new(
                    field,
                    "not_applicable",
                    format!("does not apply to a party of kind {kind}"),
                ));
            }
        }
        let mut p = NewParty { kind: Some(kind), survivor: self.survivor.unwrap_or(false), ..NewParty::default() };
        if let Some(notes) = optional_text("notes", self.notes.as_deref(), 20_000)? {
            p.attributes.insert("notes".into(), notes.into());
        }
        let attr = |p: &mut NewParty, key: &str, v: &Option<String>, max: usize| -> Validated<()> {
            if let Some(v) = optional_text(key, v.as_deref(), max)? {
                p.attributes.insert(key.to_string(), v.into());
            }
            Ok(())
        };
        match kind {
            PartyKind::Person => {
                p.given_name = optional_text("given_name", self.given_name.as_deref(), NAME_MAX)?;
                p.family_name = optional_text("family_name", self.family_name.as_deref(), NAME_MAX)?;
                let full = optional_text("full_name", self.full_name.as_deref(), NAME_MAX * 2)?;
                p.name = match (&full, &p.given_name, &p.family_name) {
                    (Some(f), _, _) => f.clone(),
                    (None, Some(g), Some(f)) => format!("{g} {f}"),
                    (None, Some(g), None) => g.clone(),
                    (None, None, Some(f)) => f.clone(),
                    (None, None, None) => {
                        return Err(ValidationError::new(
                            "given_name",
                            "required",
                            "a person needs a given name, a family name or a full name",
                        ))
                    }
                };
                if let Some(dob) = self.date_of_birth {
                    not_in_future("date_of_birth", dob, today)?;
                    if today.signed_duration_since(dob).num_days() > 130 * 366 {
                        return Err(ValidationError::new(
                            "date_of_birth",
                            "out_of_range",
                            "is more than 130 years ago",
                        ));
                    }
                }
                p.date_of_birth = self.date_of_birth;
                p.gender = self.gender;
                p.nationality = self.nationality.map(|n| country_code("nationality", &n)).transpose()?;
                p.id_number = optional_text("id_number", self.id_number.as_deref(), 64)?;
            }
            PartyKind::Organisation => {
                p.name = required_text("name", self.name.as_deref().unwrap_or(""), NAME_MAX)?;
                if let Some(c) = self.country.as_deref() {
                    p.attributes.insert("country".into(), country_code("country", c)?.into());
                }
            }
            PartyKind::Phone => {
                let raw = required_text("number", self.number.as_deref().unwrap_or(""), 40)?;
                p.identifier = Some(normalise_phone(&raw).ok_or_else(|| {
                    ValidationError::new(
                        "number",
                        "invalid_phone",
                        "must be a phone number: digits, with an optional leading +",
                    )
                })?);
            }
            PartyKind::Email => {
                let raw = required_text("email", self.email.as_deref().unwrap_or(""), 254)?;
                let e = raw.to_lowercase();
                let ok = e
                    .split_once('@')
                    .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !e.contains(char::is_whitespace));
                if !ok {
                    return Err(ValidationError::new("email", "invalid_email", "must be an e-mail address"));
                }
                p.identifier = Some(e);
            }
            PartyKind::Address => {
                p.identifier = Some(required_text("address", self.address.as_deref().unwrap_or(""), 500)?);
                attr(&mut p, "locality", &self.locality, 200)?;
                attr(&mut p, "postcode", &self.postcode, 20)?;
                if let Some(c) = self.country.as_deref() {
                    p.attributes.insert("country".into(), country_code("country", c)?.into());
                }
            }
            PartyKind::Vehicle => {
                let plate = required_text("plate", self.plate.as_deref().unwrap_or(""), 30)?;
                p.identifier = Some(plate.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase());
                attr(&mut p, "make", &self.make, 60)?;
                attr(&mut p, "model", &self.model, 60)?;
                attr(&mut p, "colour", &self.colour, 40)?;
                if let Some(c) = self.country.as_deref() {
                    p.attributes.insert("country".into(), country_code("country", c)?.into());
                }
            }
            PartyKind::BankAccount => {
                let n = required_text("account_number", self.account_number.as_deref().unwrap_or(""), 64)?;
                p.identifier = Some(n.chars().filter(|c| !matches!(c, ' ' | '-')).collect::<String>().to_uppercase());
                attr(&mut p, "bank", &self.bank, 120)?;
            }
            PartyKind::OnlineAccount => {
                p.identifier = Some(required_text("handle", self.handle.as_deref().unwrap_or(""), 200)?);
                attr(&mut p, "platform", &self.platform, 60)?;
            }
        }
        if p.name.is_empty() {
            p.name = p.identifier.clone().unwrap_or_default();
        }
        Ok(p)
    }

    fn present_fields(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let opts: [(&'static str, bool); 24] = [
            ("given_name", self.given_name.is_some()),
            ("family_name", self.family_name.is_some()),
            ("full_name", self.full_name.is_some()),
            ("date_of_birth", self.date_of_birth.is_some()),
            ("gender", self.gender.is_some()),
            ("nationality", self.nationality.is_some()),
            ("id_number", self.id_number.is_some()),
            ("name", self.name.is_some()),
            ("number", self.number.is_some()),
            ("email", self.email.is_some()),
            ("address", self.address.is_some()),
            ("locality", self.locality.is_some()),
            ("postcode", self.postcode.is_some()),
            ("country", self.country.is_some()),
            ("plate", self.plate.is_some()),
            ("make", self.make.is_some()),
            ("model", self.model.is_some()),
            ("colour", self.colour.is_some()),
            ("account_number", self.account_number.is_some()),
            ("bank", self.bank.is_some()),
            ("handle", self.handle.is_some()),
            ("platform", self.platform.is_some()),
            ("notes", self.notes.is_some()),
            ("survivor", self.survivor.is_some()),
        ];
        for (name, present) in opts {
            if present {
                v.push(name);
            }
        }
        v
    }
}

/// A phone number's E.164 digits (without the `+`), read without allocating: see [`e164`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct E164Digits {
    digits: [u8; 15],
    len: usize,
}

impl E164Digits {
    /// The digits as text, e.g. "66812345678".
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.digits.get(..self.len).unwrap_or_default()).unwrap_or_default()
    }
}

/// A phone number's E.164 digits. Thai local numbers (leading 0) become 66; a leading `00` is
/// dropped; `+` keeps the digits as they are. Only digits, `+`, spaces, dashes, brackets and dots
/// may be written. `None` when the result is not 7 to 15 digits.
pub fn e164(raw: &str) -> Option<E164Digits> {
    let trimmed = raw.trim();
    if trimmed.bytes().any(|b| !(b.is_ascii_digit() || matches!(b, b'+' | b' ' | b'-' | b'(' | b')' | b'.'))) {
        return None;
    }
    let digits = trimmed.bytes().filter(u8::is_ascii_digit);
    let mut first_two = digits.clone();
    let (skip, prefix): (usize, &[u8]) = if trimmed.starts_with('+') {
        (0, b"")
    } else {
        match (first_two.next(), first_two.next()) {
            (Some(b'0'), Some(b'0')) => (2, b""),
            (Some(b'0'), _) => (1, b"66"),
            _ => (0, b""),
        }
    };
    let len = (prefix.len() + digits.clone().count()).checked_sub(skip)?;
    if !(7..=15).contains(&len) {
        return None;
    }
    let mut out = E164Digits { digits: [0; 15], len };
    for (slot, b) in out.digits.iter_mut().zip(prefix.iter().copied().chain(digits.skip(skip))) {
        *slot = b;
    }
    Some(out)
}

/// Normalises a phone number to E.164 ("+66812345678"): [`e164`] with its `+`.
pub fn normalise_phone(raw: &str) -> Option<String> {
    e164(raw).map(|d| format!("+{}", d.as_str()))
}

/// A party as the API returns it. For a survivor, identity fields are `null` and `name` holds
/// initials unless the record was revealed (`masked` says which).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Party {
    pub id: Uuid,
    pub kind: PartyKind,
    pub name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Age band at the time of the request, shown instead of the date of birth when masked.
    pub age_band: Option<AgeBand>,
    pub gender: Option<Gender>,
    pub nationality: Option<String>,
    pub id_number: Option<String>,
    pub identifier: Option<String>,
    #[schema(value_type = Object)]
    pub attributes: serde_json::Map<String, serde_json::Value>,
    /// Survivor identity is protected on this record.
    pub survivor: bool,
    /// Identity fields were withheld in this response.
    pub masked: bool,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

/// Request body for POST /api/v1/cases/{id}/parties.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CasePartyInput {
    pub party_id: Uuid,
    pub role: CaseRole,
    /// For a perpetrator: their roles in the process (HTCDS, several allowed).
    #[serde(default)]
    pub role_in_process: Vec<PerpetratorRole>,
    #[serde(default)]
    pub notes: Option<String>,
}

impl CasePartyInput {
    pub fn validate(&self) -> Validated<()> {
        if !self.role_in_process.is_empty() && self.role != CaseRole::Perpetrator {
            return Err(ValidationError::new(
                "role_in_process",
                "not_applicable",
                "only a perpetrator has a role in the process",
            ));
        }
        optional_text("notes", self.notes.as_deref(), 20_000)?;
        Ok(())
    }
}

/// A party's role in a case, with the (possibly masked) party.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CaseParty {
    pub id: Uuid,
    pub case_id: Uuid,
    pub role: CaseRole,
    pub role_in_process: Vec<PerpetratorRole>,
    pub notes: Option<String>,
    pub party: Party,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The phone rules as first written, on strings: the reference for [`e164`].
    fn phone_by_strings(raw: &str) -> Option<String> {
        let trimmed = raw.trim();
        let plus = trimmed.starts_with('+');
        let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
        if trimmed.chars().any(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'))) {
            return None;
        }
        let e164 = if plus {
            digits
        } else if let Some(rest) = digits.strip_prefix("00") {
            rest.to_string()
        } else if let Some(rest) = digits.strip_prefix('0') {
            format!("66{rest}")
        } else {
            digits
        };
        (7..=15).contains(&e164.len()).then(|| format!("+{e164}"))
    }

    proptest! {
        #[test]
        fn phones_read_without_allocating_follow_the_rules_on_strings(
            raw in "(\\+|00|0|66|)[0-9 ()+.-]{0,22}|[0-9]{0,3}|.{0,12}",
        ) {
            prop_assert_eq!(normalise_phone(&raw), phone_by_strings(&raw));
        }
    }

    use super::*;

    fn today() -> NaiveDate {
        "2026-06-01".parse().unwrap()
    }

    #[test]
    fn thai_phone_numbers_normalise_to_e164() {
        assert_eq!(normalise_phone("081 234 5678").as_deref(), Some("+66812345678"));
        assert_eq!(normalise_phone("+66812345678").as_deref(), Some("+66812345678"));
        assert_eq!(normalise_phone("0066-81-234-5678").as_deref(), Some("+66812345678"));
        assert_eq!(normalise_phone("call me"), None);
        assert_eq!(normalise_phone("12"), None);
    }

    #[test]
    fn a_person_needs_some_name_and_a_past_birth_date() {
        let e = PartyInput { kind: Some(PartyKind::Person), ..Default::default() }.validate(today()).unwrap_err();
        assert_eq!(e.field, "given_name");
        let e = PartyInput {
            kind: Some(PartyKind::Person),
            given_name: Some("Mya".into()),
            date_of_birth: Some("2027-01-01".parse().unwrap()),
            ..Default::default()
        }
        .validate(today())
        .unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("date_of_birth", "in_future"));
    }

    #[test]
    fn fields_of_another_kind_are_refused() {
        let e = PartyInput {
            kind: Some(PartyKind::Phone),
            number: Some("0812345678".into()),
            given_name: Some("x".into()),
            ..Default::default()
        }
        .validate(today())
        .unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("given_name", "not_applicable"));
    }
}
