//! Interface languages and their translations: English, Thai, Lao and Burmese.
//!
//! Messages live in Fluent files, one per language (`crates/server/locales/<code>.ftl`), embedded in
//! the binary and parsed once. A message missing in a language falls back to English, then to its
//! id, so a page never fails to render for want of a translation; the tests below make sure none is
//! missing. The first visit follows the browser's `Accept-Language` ([`Lang::negotiate`]); after
//! that the user's own choice is kept with the user.
//!
//! Vocabulary labels (tactics, statuses, roles...) are messages named `<prefix>-<code>`, with the
//! code exactly as stored (see [`Labelled`]).

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use counternet_domain::screening;
use counternet_domain::vocab;
use counternet_domain::Role;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Th,
    Lo,
    My,
}

impl Lang {
    /// Every interface language, English first.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Th, Lang::Lo, Lang::My];

    /// The BCP 47 code, also used for `<html lang>` and stored with the user.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Th => "th",
            Lang::Lo => "lo",
            Lang::My => "my",
        }
    }

    /// Parses a language tag by its primary subtag, ignoring case, region and script:
    /// "th", "TH", "th-TH", "th_TH", "my-MM", "lo-LA", "en-GB". The ISO 639-2 codes
    /// ("eng", "tha", "lao", "mya"/"bur") are accepted too.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" | "eng" => Some(Lang::En),
            "th" | "tha" => Some(Lang::Th),
            "lo" | "lao" => Some(Lang::Lo),
            "my" | "mya" | "bur" => Some(Lang::My),
            _ => None,
        }
    }

    /// The language's name in itself, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Th => "ไทย",
            Lang::Lo => "ລາວ",
            Lang::My => "မြန်မာ",
        }
    }

    /// The best language for an `Accept-Language` header value: q-values honoured (q=0 excludes),
    /// region subtags ignored, malformed parts skipped, ties won by the earlier entry; English when
    /// nothing matches or the header is absent.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::En;
        };
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default().trim();
            let Some(quality) = quality(pieces) else {
                continue;
            };
            if quality <= 0.0 {
                continue;
            }
            let Some(lang) = Lang::from_code(tag) else {
                continue;
            };
            if best.is_none_or(|(_, best_quality)| quality > best_quality) {
                best = Some((lang, quality));
            }
        }
        best.map_or(Lang::En, |(lang, _)| lang)
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().unwrap_or_default()
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => concat!(
                include_str!("../../locales/en.ftl"),
                "\n",
                include_str!("../../locales/en-cases.ftl"),
                "\n",
                include_str!("../../locales/en-admin.ftl"),
                "\n",
                include_str!("../../locales/en-reveal.ftl"),
                "\n",
                include_str!("../../locales/en-referrals.ftl"),
                "\n",
                include_str!("../../locales/en-identification.ftl"),
                "\n",
                include_str!("../../locales/en-matching.ftl"),
                "\n",
                include_str!("../../locales/en-calls.ftl"),
                "\n",
                include_str!("../../locales/en-merges.ftl"),
                "\n",
                include_str!("../../locales/en-network.ftl"),
                "\n",
                include_str!("../../locales/en-connections.ftl"),
                "\n",
                include_str!("../../locales/en-engagement.ftl"),
                "\n",
                include_str!("../../locales/en-assets.ftl"),
                "\n",
                include_str!("../../locales/en-followup.ftl"),
                "\n",
                include_str!("../../locales/en-statements.ftl"),
                "\n",
                include_str!("../../locales/en-money.ftl"),
                "\n",
                include_str!("../../locales/en-alerts.ftl"),
                "\n",
                include_str!("../../locales/en-court.ftl"),
                "\n",
                include_str!("../../locales/en-claims.ftl")
            ),
            Lang::Th => concat!(
                include_str!("../../locales/th.ftl"),
                "\n",
                include_str!("../../locales/th-cases.ftl"),
                "\n",
                include_str!("../../locales/th-admin.ftl"),
                "\n",
                include_str!("../../locales/th-reveal.ftl"),
                "\n",
                include_str!("../../locales/th-referrals.ftl"),
                "\n",
                include_str!("../../locales/th-identification.ftl"),
                "\n",
                include_str!("../../locales/th-matching.ftl"),
                "\n",
                include_str!("../../locales/th-calls.ftl"),
                "\n",
                include_str!("../../locales/th-merges.ftl"),
                "\n",
                include_str!("../../locales/th-network.ftl"),
                "\n",
                include_str!("../../locales/th-connections.ftl"),
                "\n",
                include_str!("../../locales/th-engagement.ftl"),
                "\n",
                include_str!("../../locales/th-assets.ftl"),
                "\n",
                include_str!("../../locales/th-followup.ftl"),
                "\n",
                include_str!("../../locales/th-statements.ftl"),
                "\n",
                include_str!("../../locales/th-money.ftl"),
                "\n",
                include_str!("../../locales/th-alerts.ftl"),
                "\n",
                include_str!("../../locales/th-court.ftl"),
                "\n",
                include_str!("../../locales/th-claims.ftl")
            ),
            Lang::Lo => concat!(
                include_str!("../../locales/lo.ftl"),
                "\n",
                include_str!("../../locales/lo-cases.ftl"),
                "\n",
                include_str!("../../locales/lo-admin.ftl"),
                "\n",
                include_str!("../../locales/lo-reveal.ftl"),
                "\n",
                include_str!("../../locales/lo-referrals.ftl"),
                "\n",
                include_str!("../../locales/lo-identification.ftl"),
                "\n",
                include_str!("../../locales/lo-matching.ftl"),
                "\n",
                include_str!("../../locales/lo-calls.ftl"),
                "\n",
                include_str!("../../locales/lo-merges.ftl"),
                "\n",
                include_str!("../../locales/lo-network.ftl"),
                "\n",
                include_str!("../../locales/lo-connections.ftl"),
                "\n",
                include_str!("../../locales/lo-engagement.ftl"),
                "\n",
                include_str!("../../locales/lo-assets.ftl"),
                "\n",
                include_str!("../../locales/lo-followup.ftl"),
                "\n",
                include_str!("../../locales/lo-statements.ftl"),
                "\n",
                include_str!("../../locales/lo-money.ftl"),
                "\n",
                include_str!("../../locales/lo-alerts.ftl"),
                "\n",
                include_str!("../../locales/lo-court.ftl"),
                "\n",
                include_str!("../../locales/lo-claims.ftl")
            ),
            Lang::My => concat!(
                include_str!("../../locales/my.ftl"),
                "\n",
                include_str!("../../locales/my-cases.ftl"),
                "\n",
                include_str!("../../locales/my-admin.ftl"),
                "\n",
                include_str!("../../locales/my-reveal.ftl"),
                "\n",
                include_str!("../../locales/my-referrals.ftl"),
                "\n",
                include_str!("../../locales/my-identification.ftl"),
                "\n",
                include_str!("../../locales/my-matching.ftl"),
                "\n",
                include_str!("../../locales/my-calls.ftl"),
                "\n",
                include_str!("../../locales/my-merges.ftl"),
                "\n",
                include_str!("../../locales/my-network.ftl"),
                "\n",
                include_str!("../../locales/my-connections.ftl"),
                "\n",
                include_str!("../../locales/my-engagement.ftl"),
                "\n",
                include_str!("../../locales/my-assets.ftl"),
                "\n",
                include_str!("../../locales/my-followup.ftl"),
                "\n",
                include_str!("../../locales/my-statements.ftl"),
                "\n",
                include_str!("../../locales/my-money.ftl"),
                "\n",
                include_str!("../../locales/my-alerts.ftl"),
                "\n",
                include_str!("../../locales/my-court.ftl"),
                "\n",
                include_str!("../../locales/my-claims.ftl")
            ),
        }
    }
}

/// The q-value of one `Accept-Language` entry from its parameters: 1 when absent, `None` when a
/// parameter is malformed or the value is not a number from 0 to 1.
fn quality<'a>(params: impl Iterator<Item = &'a str>) -> Option<f32> {
    let mut quality = 1.0;
    for param in params {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            let value: f32 = value.trim().parse().ok()?;
            if !(0.0..=1.0).contains(&value) {
                return None;
            }
            quality = value;
        }
    }
    Some(quality)
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not one of the interface languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an interface language")]
pub struct UnknownLang;

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_code(s).ok_or(UnknownLang)
    }
}

/// A value for a message's `{ $variable }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FluentArg {
    Str(String),
    Num(i64),
}

impl From<&str> for FluentArg {
    fn from(value: &str) -> Self {
        FluentArg::Str(value.to_owned())
    }
}

impl From<String> for FluentArg {
    fn from(value: String) -> Self {
        FluentArg::Str(value)
    }
}

impl From<i64> for FluentArg {
    fn from(value: i64) -> Self {
        FluentArg::Num(value)
    }
}

impl From<i32> for FluentArg {
    fn from(value: i32) -> Self {
        FluentArg::Num(value.into())
    }
}

impl From<u32> for FluentArg {
    fn from(value: u32) -> Self {
        FluentArg::Num(value.into())
    }
}

impl From<usize> for FluentArg {
    fn from(value: usize) -> Self {
        FluentArg::Num(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl FluentArg {
    fn to_fluent(&self) -> FluentValue<'_> {
        match self {
            FluentArg::Str(s) => FluentValue::from(s.as_str()),
            FluentArg::Num(n) => FluentValue::from(*n),
        }
    }
}

/// A value of a controlled vocabulary with a translated label: the message `<PREFIX>-<code>`.
pub trait Labelled: Copy + 'static {
    /// The message id prefix, e.g. "tactic" for `tactic-victim_identification`.
    const PREFIX: &'static str;
    /// Every value, for checks and for building select boxes.
    fn all_values() -> &'static [Self];
    /// The stored code.
    fn label_code(self) -> &'static str;
    /// The id of the label message.
    fn message_id(self) -> String {
        format!("{}-{}", Self::PREFIX, self.label_code())
    }
}

macro_rules! labelled {
    ($($ty:ty => $prefix:literal),+ $(,)?) => {
        $(
            impl Labelled for $ty {
                const PREFIX: &'static str = $prefix;
                fn all_values() -> &'static [Self] {
                    <$ty>::ALL
                }
                fn label_code(self) -> &'static str {
                    self.code()
                }
            }
        )+
    };
}

labelled! {
    vocab::Tactic => "tactic",
    vocab::CaseStatus => "status",
    vocab::ExploitationType => "exploitation",
    vocab::EventStage => "stage",
    vocab::RecruitmentMethod => "recruitment",
    vocab::OrganisationType => "org-type",
    vocab::Gender => "gender",
    vocab::PartyKind => "party-kind",
    vocab::CaseRole => "role",
    vocab::PerpetratorRole => "perpetrator-role",
    vocab::LinkKind => "link-kind",
    vocab::LinkSource => "link-source",
    vocab::Confidence => "confidence",
    Role => "user-role",
    vocab::IntakeRoute => "intake-route",
    vocab::TraffickingStatus => "trafficking-status",
    vocab::DecidingBody => "deciding-body",
    vocab::PerpetratorStatus => "perpetrator-status",
    screening::Act => "screening-act",
    screening::Means => "screening-means",
    screening::LegalBasisCode => "legal-basis",
    screening::AtipaS4Category => "atipa-s4",
    screening::QuestionTopic => "screening-question",
    vocab::ControlMethod => "control",
    vocab::ConsentGiver => "consent-giver",
    vocab::ConsentPurpose => "consent-purpose",
    vocab::ReferralDirection => "referral-direction",
    vocab::ReferralPart => "referral-part",
    vocab::IdentityShare => "referral-identity",
    vocab::ReferralStatus => "referral-status",
    screening::ForcedLabourIndicator => "ilo",
    screening::Missing => "screening-missing",
    screening::PenaltyAgeBand => "screening-band",
    counternet_domain::proceedings::ProceedingKind => "proceeding-kind",
    counternet_domain::proceedings::ProceedingStatus => "proceeding-status",
    counternet_domain::proceedings::ChargeLaw => "charge-law",
    counternet_domain::proceedings::CourtEventKind => "court-event",
    counternet_domain::compensation::CompensationRoute => "claim-route",
    counternet_domain::compensation::ClaimStepKind => "claim-step",
}

/// Something wrong in a translation file, found while loading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    pub lang: Lang,
    pub message: String,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "locales/{}.ftl: {}", self.lang.code(), self.message)
    }
}

/// The messages of one language.
struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    /// Message ids in file order.
    keys: Vec<String>,
}

impl Catalogue {
    fn load(lang: Lang, source: &str, problems: &mut Vec<LoadProblem>) -> Catalogue {
        let resource = match FluentResource::try_new(source.to_owned()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    let line = source.get(..error.pos.start).map_or(0, |before| before.matches('\n').count() + 1);
                    problems.push(LoadProblem { lang, message: format!("line {line}: {error}") });
                }
                resource
            }
        };
        let mut bundle = FluentBundle::new_concurrent(vec![lang.langid()]);
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            for error in errors {
                problems.push(LoadProblem { lang, message: error.to_string() });
            }
        }
        let mut keys: Vec<String> = Vec::new();
        for id in message_ids(source) {
            if bundle.has_message(id) && !keys.iter().any(|k| k == id) {
                keys.push(id.to_owned());
            }
        }
        Catalogue { bundle, keys }
    }
}

/// The ids of the messages defined in a Fluent source: a message starts at the beginning of a line
/// with an identifier (terms start with `-`, comments with `#`, continuations are indented).
fn message_ids(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter_map(|line| {
        let end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(line.len());
        let id = line.get(..end)?;
        let starts_with_letter = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        let rest = line.get(end..)?.trim_start();
        (starts_with_letter && rest.starts_with('=')).then_some(id)
    })
}

/// Translations for every language, parsed once.
pub struct Translations {
    en: Catalogue,
    th: Catalogue,
    lo: Catalogue,
    my: Catalogue,
}

impl Translations {
    /// The translations embedded in the binary. A file that does not parse cleanly is reported
    /// through the log, and the messages that did parse are used.
    pub fn global() -> &'static Translations {
        static GLOBAL: OnceLock<Translations> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            let (translations, problems) = Translations::load();
            for problem in &problems {
                tracing::error!(lang = problem.lang.code(), "translation file problem: {problem}");
            }
            translations
        })
    }

    /// Parses the embedded translation files afresh, with every problem found (for tests and tooling).
    pub fn load() -> (Translations, Vec<LoadProblem>) {
        let mut problems = Vec::new();
        let mut catalogue = |lang: Lang| Catalogue::load(lang, lang.source(), &mut problems);
        let translations = Translations {
            en: catalogue(Lang::En),
            th: catalogue(Lang::Th),
            lo: catalogue(Lang::Lo),
            my: catalogue(Lang::My),
        };
        (translations, problems)
    }

    fn catalogue(&self, lang: Lang) -> &Catalogue {
        match lang {
            Lang::En => &self.en,
            Lang::Th => &self.th,
            Lang::Lo => &self.lo,
            Lang::My => &self.my,
        }
    }

    /// The message `key` in `lang`; English when the language lacks it, the key itself when English
    /// lacks it too.
    pub fn get(&self, lang: Lang, key: &str) -> String {
        self.get_args(lang, key, &[])
    }

    /// The message `key` in `lang` with its variables filled in; falls back like [`Self::get`].
    pub fn get_args(&self, lang: Lang, key: &str, args: &[(&str, FluentArg)]) -> String {
        let fluent_args = (!args.is_empty()).then(|| {
            let mut fluent_args = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                fluent_args.set(*name, value.to_fluent());
            }
            fluent_args
        });
        self.format(lang, key, fluent_args.as_ref())
            .or_else(|| if lang == Lang::En { None } else { self.format(Lang::En, key, fluent_args.as_ref()) })
            .unwrap_or_else(|| key.to_owned())
    }

    /// The translated label of a vocabulary value.
    pub fn label<L: Labelled>(&self, lang: Lang, value: L) -> String {
        self.get(lang, &value.message_id())
    }

    /// Every message id of a language, in file order.
    pub fn keys(&self, lang: Lang) -> Vec<String> {
        self.catalogue(lang).keys.clone()
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = &self.catalogue(lang).bundle;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            // Names only: argument values may be personal data and never reach the log.
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            tracing::warn!(lang = lang.code(), key, ?errors, "message formatted with errors");
        }
        Some(text.into_owned())
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_TH: [&str; 12] =
    ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
const MONTHS_LO: [&str; 12] =
    ["ມັງກອນ", "ກຸມພາ", "ມີນາ", "ເມສາ", "ພຶດສະພາ", "ມິຖຸນາ", "ກໍລະກົດ", "ສິງຫາ", "ກັນຍາ", "ຕຸລາ", "ພະຈິກ", "ທັນວາ"];
const MONTHS_MY: [&str; 12] =
    ["ဇန်နဝါရီ", "ဖေဖော်ဝါရီ", "မတ်", "ဧပြီ", "မေ", "ဇွန်", "ဇူလိုင်", "ဩဂုတ်", "စက်တင်ဘာ", "အောက်တိုဘာ", "နိုဝင်ဘာ", "ဒီဇင်ဘာ"];

/// The Buddhist era is the common era plus 543 years (2026 C.E. = 2569 B.E.).
const BUDDHIST_ERA_OFFSET: i32 = 543;

fn display_year(date: NaiveDate, buddhist_era: bool) -> i32 {
    if buddhist_era {
        date.year() + BUDDHIST_ERA_OFFSET
    } else {
        date.year()
    }
}

/// A date as shown to the user: day, month name in the language, year. Thai: "1 มิ.ย. 2569" (B.E.)
/// or "1 มิ.ย. 2026"; English: "1 Jun 2026"; Lao: "1 ມິຖຸນາ 2026"; Burmese: "1 ဇွန် 2026".
/// With `buddhist_era` the year is C.E. + 543, in any language.
pub fn format_date(date: NaiveDate, lang: Lang, buddhist_era: bool) -> String {
    let months = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Th => &MONTHS_TH,
        Lang::Lo => &MONTHS_LO,
        Lang::My => &MONTHS_MY,
    };
    let month = usize::try_from(date.month0()).ok().and_then(|m| months.get(m)).copied().unwrap_or_default();
    format!("{} {} {}", date.day(), month, display_year(date, buddhist_era))
}

/// A date in numbers, year first, for tables and exports: "2026-06-01", or "2569-06-01" in the
/// Buddhist era.
pub fn format_date_numeric(date: NaiveDate, buddhist_era: bool) -> String {
    format!("{:04}-{:02}-{:02}", display_year(date, buddhist_era), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn translations() -> Translations {
        let (translations, problems) = Translations::load();
        assert!(
            problems.is_empty(),
            "translation files have problems:\n{}",
            problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
        );
        translations
    }

    #[test]
    fn every_translation_file_parses_without_errors() {
        let t = translations();
        for lang in Lang::ALL {
            assert!(t.keys(lang).len() > 100, "{lang}: only {} messages", t.keys(lang).len());
        }
    }

    #[test]
    fn a_broken_file_keeps_the_messages_that_parse() {
        let mut problems = Vec::new();
        let catalogue = Catalogue::load(
            Lang::En,
            "good = Fine\nnot fluent at all\nbad = }\nalso-good = Also fine\n",
            &mut problems,
        );
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| p.message.starts_with("line ")), "{problems:?}");
        assert!(catalogue.bundle.has_message("good"));
        assert!(catalogue.bundle.has_message("also-good"));
        assert_eq!(catalogue.keys, ["good", "also-good"]);

        let mut problems = Vec::new();
        Catalogue::load(Lang::En, "twice = One\ntwice = Two\n", &mut problems);
        assert_eq!(problems.len(), 1, "a duplicate id is a problem");
    }

    #[test]
    fn every_language_has_exactly_the_english_messages() {
        let t = translations();
        let english: BTreeSet<String> = t.keys(Lang::En).into_iter().collect();
        let mut report = Vec::new();
        for lang in [Lang::Th, Lang::Lo, Lang::My] {
            let other: BTreeSet<String> = t.keys(lang).into_iter().collect();
            let missing: Vec<&String> = english.difference(&other).collect();
            let extra: Vec<&String> = other.difference(&english).collect();
            if !missing.is_empty() {
                report.push(format!("{lang}.ftl lacks {}: {missing:?}", missing.len()));
            }
            if !extra.is_empty() {
                report.push(format!("{lang}.ftl has {} not in en.ftl: {extra:?}", extra.len()));
            }
        }
        assert!(report.is_empty(), "{}", report.join("\n"));
    }

    fn missing_labels<L: Labelled>(t: &Translations, report: &mut Vec<String>) {
        for lang in Lang::ALL {
            let bundle = &t.catalogue(lang).bundle;
            for value in L::all_values() {
                let id = value.message_id();
                if !bundle.has_message(&id) {
                    report.push(format!("{lang}: {id}"));
                }
            }
        }
    }

    #[test]
    fn every_vocabulary_code_and_user_role_has_a_label_in_every_language() {
        let t = translations();
        let mut report = Vec::new();
        missing_labels::<vocab::Tactic>(&t, &mut report);
        missing_labels::<vocab::CaseStatus>(&t, &mut report);
        missing_labels::<vocab::ExploitationType>(&t, &mut report);
        missing_labels::<vocab::EventStage>(&t, &mut report);
        missing_labels::<vocab::RecruitmentMethod>(&t, &mut report);
        missing_labels::<vocab::OrganisationType>(&t, &mut report);
        missing_labels::<vocab::Gender>(&t, &mut report);
        missing_labels::<vocab::PartyKind>(&t, &mut report);
        missing_labels::<vocab::CaseRole>(&t, &mut report);
        missing_labels::<vocab::PerpetratorRole>(&t, &mut report);
        missing_labels::<vocab::LinkKind>(&t, &mut report);
        missing_labels::<vocab::LinkSource>(&t, &mut report);
        missing_labels::<vocab::Confidence>(&t, &mut report);
        missing_labels::<Role>(&t, &mut report);
        missing_labels::<vocab::IntakeRoute>(&t, &mut report);
        missing_labels::<vocab::TraffickingStatus>(&t, &mut report);
        missing_labels::<vocab::DecidingBody>(&t, &mut report);
        missing_labels::<vocab::PerpetratorStatus>(&t, &mut report);
        missing_labels::<screening::Act>(&t, &mut report);
        missing_labels::<screening::Means>(&t, &mut report);
        missing_labels::<screening::ForcedLabourIndicator>(&t, &mut report);
        missing_labels::<screening::Missing>(&t, &mut report);
        missing_labels::<screening::PenaltyAgeBand>(&t, &mut report);
        missing_labels::<screening::LegalBasisCode>(&t, &mut report);
        missing_labels::<screening::AtipaS4Category>(&t, &mut report);
        missing_labels::<screening::QuestionTopic>(&t, &mut report);
        missing_labels::<vocab::ControlMethod>(&t, &mut report);
        missing_labels::<vocab::ConsentGiver>(&t, &mut report);
        missing_labels::<vocab::ConsentPurpose>(&t, &mut report);
        missing_labels::<vocab::ReferralDirection>(&t, &mut report);
        missing_labels::<vocab::ReferralPart>(&t, &mut report);
        missing_labels::<vocab::IdentityShare>(&t, &mut report);
        missing_labels::<vocab::ReferralStatus>(&t, &mut report);
        missing_labels::<counternet_domain::proceedings::ProceedingKind>(&t, &mut report);
        missing_labels::<counternet_domain::proceedings::ProceedingStatus>(&t, &mut report);
        missing_labels::<counternet_domain::proceedings::ChargeLaw>(&t, &mut report);
        missing_labels::<counternet_domain::proceedings::CourtEventKind>(&t, &mut report);
        missing_labels::<counternet_domain::compensation::CompensationRoute>(&t, &mut report);
        missing_labels::<counternet_domain::compensation::ClaimStepKind>(&t, &mut report);
        // Every field and level the matcher explains a match with.
        for lang in Lang::ALL {
            let bundle = &t.catalogue(lang).bundle;
            for (field, levels) in counternet_intel::compare::FIELDS {
                let ids = std::iter::once(format!("match-field-{}", field.replace('_', "-")))
                    .chain(levels.iter().map(|l| format!("match-level-{}", l.replace(' ', "-"))));
                for id in ids {
                    if !bundle.has_message(&id) {
                        report.push(format!("{}: {id}", lang.code()));
                    }
                }
            }
        }
        // Why each legal reference applies, said in every language (the advice page's words).
        for lang in Lang::ALL {
            let bundle = &t.catalogue(lang).bundle;
            for code in screening::LegalBasisCode::ALL {
                let id = format!("legal-basis-why-{}", code.code());
                if !bundle.has_message(&id) {
                    report.push(format!("{lang}: {id}"));
                }
            }
        }
        assert!(report.is_empty(), "labels missing:\n{}", report.join("\n"));
        assert_eq!(t.label(Lang::Th, vocab::Tactic::VictimIdentification), "การคัดแยกผู้เสียหาย");
        assert_eq!(t.label(Lang::En, Role::SocialWorker), "Social worker");
    }

    /// The variables a message uses, in its value and its attributes, read from fluent's own
    /// syntax tree (through its Debug form: the tree's types are not re-exported by fluent-bundle).
    fn variables(t: &Translations, lang: Lang, key: &str) -> BTreeSet<String> {
        const MARK: &str = "VariableReference { id: Identifier { name: \"";
        let Some(message) = t.catalogue(lang).bundle.get_message(key) else {
            return BTreeSet::new();
        };
        let mut tree = format!("{:?}", message.value());
        for attribute in message.attributes() {
            tree.push_str(&format!("{:?}", attribute.value()));
        }
        tree.split(MARK).skip(1).filter_map(|rest| rest.split('"').next()).map(str::to_owned).collect()
    }

    #[test]
    fn translations_use_the_same_variables_as_english() {
        let t = translations();
        assert_eq!(variables(&t, Lang::En, "page-of"), BTreeSet::from(["page".to_owned(), "pages".to_owned()]));
        assert_eq!(variables(&t, Lang::En, "cases-count"), BTreeSet::from(["count".to_owned()]));
        let mut report = Vec::new();
        for key in t.keys(Lang::En) {
            let english = variables(&t, Lang::En, &key);
            for lang in [Lang::Th, Lang::Lo, Lang::My] {
                let other = variables(&t, lang, &key);
                if t.catalogue(lang).bundle.has_message(&key) && other != english {
                    report.push(format!("{lang} {key}: uses {other:?}, English uses {english:?}"));
                }
            }
        }
        assert!(report.is_empty(), "{}", report.join("\n"));
    }

    /// Thai and Lao look alike to a tired eye; a message pasted into the wrong file, or left in
    /// English, shows up here.
    #[test]
    fn each_translation_is_written_in_its_own_script() {
        let t = translations();
        let thai = |c: char| ('\u{0E00}'..='\u{0E7F}').contains(&c);
        let lao = |c: char| ('\u{0E80}'..='\u{0EFF}').contains(&c);
        let myanmar = |c: char| ('\u{1000}'..='\u{109F}').contains(&c);
        // Proper names and symbols that stay as they are.
        let untranslated = ["app-name"];
        let mut report = Vec::new();
        for (lang, own, others) in [
            (Lang::Th, &thai as &dyn Fn(char) -> bool, [&lao as &dyn Fn(char) -> bool, &myanmar]),
            (Lang::Lo, &lao, [&thai, &myanmar]),
            (Lang::My, &myanmar, [&thai, &lao]),
        ] {
            for key in t.keys(lang) {
                let text = t.get_args(
                    lang,
                    &key,
                    &[
                        ("count", 2.into()),
                        ("days", 2.into()),
                        ("hours", 2.into()),
                        ("page", 1.into()),
                        ("pages", 2.into()),
                    ],
                );
                if !untranslated.contains(&key.as_str()) && !text.chars().any(own) {
                    report.push(format!("{lang} {key}: no text in the language's script: {text}"));
                }
                if others.iter().any(|other| text.chars().any(other)) {
                    report.push(format!("{lang} {key}: contains another language's script: {text}"));
                }
            }
        }
        assert!(report.is_empty(), "{}", report.join("\n"));
    }

    /// Burmese must be Unicode: Zawgyi, the old font encoding, reuses U+1060..U+109F for stacked
    /// letters and types the vowel sign E (U+1031) before its consonant.
    #[test]
    fn burmese_is_unicode_not_zawgyi() {
        let t = translations();
        let mut report = Vec::new();
        for key in t.keys(Lang::My) {
            let text = t.get(Lang::My, &key);
            let zawgyi_block = text.chars().any(|c| ('\u{1060}'..='\u{109F}').contains(&c));
            let mut previous = ' ';
            let mut vowel_first = false;
            for c in text.chars() {
                if c == '\u{1031}' && !('\u{1000}'..='\u{104F}').contains(&previous) {
                    vowel_first = true;
                }
                previous = c;
            }
            if zawgyi_block || vowel_first {
                report.push(format!("{key}: {text}"));
            }
        }
        assert!(report.is_empty(), "Zawgyi-encoded text in my.ftl:\n{}", report.join("\n"));
    }

    #[test]
    fn negotiation_follows_accept_language() {
        assert_eq!(Lang::negotiate(Some("th-TH,th;q=0.9,en;q=0.8")), Lang::Th);
        assert_eq!(Lang::negotiate(Some("en-US,en;q=0.5")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr-FR, my;q=0.3")), Lang::My);
        assert_eq!(Lang::negotiate(Some("lo")), Lang::Lo);
        assert_eq!(Lang::negotiate(None), Lang::En);
        assert_eq!(Lang::negotiate(Some("*")), Lang::En);
        assert_eq!(Lang::negotiate(Some("")), Lang::En);
        assert_eq!(Lang::negotiate(Some(";;;,,=q=,\u{0}garbage;q=abc")), Lang::En);
        assert_eq!(Lang::negotiate(Some("th;q=0, lo;q=0.1")), Lang::Lo);
        assert_eq!(Lang::negotiate(Some("th;q=0")), Lang::En);
        assert_eq!(Lang::negotiate(Some("en;q=0.4, th;q=0.8")), Lang::Th, "q beats order");
        assert_eq!(Lang::negotiate(Some("lo;q=0.5, th;q=0.5")), Lang::Lo, "order breaks ties");
        assert_eq!(Lang::negotiate(Some("th;q=2, my")), Lang::My, "an out-of-range q is malformed");
        assert_eq!(Lang::negotiate(Some("th;q=NaN, lo;q=0.2")), Lang::Lo);
        assert_eq!(Lang::negotiate(Some("de-DE, MY-mm ; Q=0.7")), Lang::My);
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.code().parse::<Lang>(), Ok(lang));
            assert_eq!(serde_json::to_string(&lang).unwrap(), format!("\"{}\"", lang.code()));
            assert!(!lang.native_name().is_empty());
        }
        assert_eq!(Lang::from_code("th-TH"), Some(Lang::Th));
        assert_eq!(Lang::from_code("TH"), Some(Lang::Th));
        assert_eq!(Lang::from_code("my-MM"), Some(Lang::My));
        assert_eq!(Lang::from_code("lo-LA"), Some(Lang::Lo));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_code("thai"), None);
        assert_eq!(Lang::from_code(""), None);
        assert_eq!(serde_json::from_str::<Lang>("\"my\"").unwrap(), Lang::My);
    }

    #[test]
    fn get_falls_back_to_the_key_and_formats_arguments() {
        let t = translations();
        assert_eq!(t.get(Lang::Th, "no-such-message"), "no-such-message");
        assert_eq!(t.get(Lang::En, "app-name"), "counternet");
        assert_eq!(t.get(Lang::En, "quick-exit"), "Quick exit");
        assert_eq!(t.get_args(Lang::En, "cases-count", &[("count", 1.into())]), "1 case");
        assert_eq!(t.get_args(Lang::En, "cases-count", &[("count", 12.into())]), "12 cases");
        assert_eq!(t.get_args(Lang::En, "page-of", &[("page", 2.into()), ("pages", 7.into())]), "Page 2 of 7");
        assert_eq!(t.get_args(Lang::En, "home-welcome", &[("name", "Malee".into())]), "Welcome, Malee");
        assert_eq!(
            t.get_args(Lang::En, "error-generic", &[("id", FluentArg::Str("01J9Z".into()))]),
            "Something went wrong; quote error id 01J9Z to your administrator."
        );
        let thai = t.get_args(Lang::Th, "cases-count", &[("count", 3.into())]);
        assert!(thai.contains('3') && thai != "3", "{thai}");
        // No Unicode isolation marks around placeables: they would end up in the HTML.
        let welcome = t.get_args(Lang::My, "home-welcome", &[("name", "Aung".into())]);
        assert!(welcome.contains("Aung") && !welcome.contains(['\u{2068}', '\u{2069}']), "{welcome:?}");
    }

    #[test]
    fn a_message_missing_in_a_language_falls_back_to_english() {
        let mut problems = Vec::new();
        let t = Translations {
            en: Catalogue::load(Lang::En, "only-english = Only in English\n", &mut problems),
            th: Catalogue::load(Lang::Th, "", &mut problems),
            lo: Catalogue::load(Lang::Lo, "", &mut problems),
            my: Catalogue::load(Lang::My, "", &mut problems),
        };
        assert!(problems.is_empty());
        assert_eq!(t.get(Lang::Th, "only-english"), "Only in English");
        assert_eq!(t.get(Lang::My, "nowhere"), "nowhere");
    }

    #[test]
    fn the_global_translations_load() {
        assert_eq!(Translations::global().get(Lang::Lo, "app-name"), "counternet");
    }

    #[test]
    fn dates_in_each_language_and_era() {
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(format_date(date, Lang::Th, true), "1 มิ.ย. 2569");
        assert_eq!(format_date(date, Lang::Th, false), "1 มิ.ย. 2026");
        assert_eq!(format_date(date, Lang::En, false), "1 Jun 2026");
        assert_eq!(format_date(date, Lang::En, true), "1 Jun 2569");
        assert_eq!(format_date(date, Lang::Lo, false), "1 ມິຖຸນາ 2026");
        assert_eq!(format_date(date, Lang::My, false), "1 ဇွန် 2026");
        assert_eq!(format_date_numeric(date, false), "2026-06-01");
        assert_eq!(format_date_numeric(date, true), "2569-06-01");
        let new_year = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        assert_eq!(format_date(new_year, Lang::Th, true), "31 ธ.ค. 2568");
        for month in 1..=12 {
            let date = NaiveDate::from_ymd_opt(2026, month, 15).unwrap();
            for lang in Lang::ALL {
                let shown = format_date(date, lang, false);
                assert!(shown.split(' ').nth(1).is_some_and(|m| !m.is_empty()), "{lang} {shown}");
            }
        }
        for months in [MONTHS_EN, MONTHS_TH, MONTHS_LO, MONTHS_MY] {
            assert_eq!(months.iter().collect::<BTreeSet<_>>().len(), 12);
        }
    }
}
