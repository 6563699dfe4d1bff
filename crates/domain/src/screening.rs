//! Trafficking screening: the legal test for trafficking applied to a worker's answers, as advice
//! with its reasons, never a verdict (DOMAIN.md "Legal test for trafficking"; decision 0005).
//!
//! The test (Palermo Protocol art. 3; Thailand's Anti-Trafficking in Persons Act B.E. 2551, ss. 4
//! and 6): trafficking is indicated when an **act** (recruitment, transportation, transfer,
//! harbouring, receipt) and an exploitative **purpose** are present and either the person was a
//! **child** (under 18 at the time of the exploitation) or at least one **means** (threat, force,
//! coercion, abduction, fraud, deception, abuse of power or of a position of vulnerability, payment
//! to a person having control) was used.
//!
//! - **Consent is irrelevant** and is not an input: once a means is used, or for a child, consent
//!   cannot undo the test (Palermo art. 3(b) and (c), ATIPA s.4 "regardless of consent"). For an
//!   adult without any means the test is not met whatever the consent. A `consent` field sent with
//!   the answers is accepted, never used, and noted in the result.
//! - **Unknown age** is treated as adult for the test (a means is then required), and the result
//!   asks for the age to be established, because a child needs no means.
//! - **ILO forced-labour indicators** never count as means and never change
//!   `trafficking_indicated`. They are reported (which of the eleven, how many); two or more, or a
//!   forced-labour or servitude purpose, suggest forced labour or service (ATIPA s.6/1, an offence
//!   of its own that needs no act); and those that correspond to a means are offered as
//!   "suggested means to ask about" when a means is required and none was given.
//!
//! Every code in and out is a stable snake_case string; [`LegalBasisCode`] lists the references.
//! The engine is pure: no store, no clock, no I/O.

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::vocab::{vocabulary, ExploitationType};

vocabulary! {
    /// The act element (Palermo art. 3(a)).
    Act {
        Recruitment = "recruitment",
        Transportation = "transportation",
        Transfer = "transfer",
        Harbouring = "harbouring",
        Receipt = "receipt",
    }
}

vocabulary! {
    /// The means element (Palermo art. 3(a)).
    Means {
        Threat = "threat",
        Force = "force",
        Coercion = "coercion",
        Abduction = "abduction",
        Fraud = "fraud",
        Deception = "deception",
        AbuseOfPower = "abuse_of_power",
        /// Abuse of a position of vulnerability.
        AbuseOfVulnerability = "abuse_of_vulnerability",
        /// Giving or receiving payments or benefits to achieve the consent of a person having control over another.
        PaymentToController = "payment_to_controller",
    }
}

vocabulary! {
    /// The eleven ILO indicators of forced labour.
    ForcedLabourIndicator {
        AbuseOfVulnerability = "abuse_of_vulnerability",
        Deception = "deception",
        RestrictionOfMovement = "restriction_of_movement",
        Isolation = "isolation",
        PhysicalAndSexualViolence = "physical_and_sexual_violence",
        IntimidationAndThreats = "intimidation_and_threats",
        RetentionOfIdentityDocuments = "retention_of_identity_documents",
        WithholdingOfWages = "withholding_of_wages",
        DebtBondage = "debt_bondage",
        AbusiveWorkingAndLivingConditions = "abusive_working_and_living_conditions",
        ExcessiveOvertime = "excessive_overtime",
    }
}

vocabulary! {
    /// The victim's age band at the time of the exploitation: ATIPA penalties depend on it.
    PenaltyAgeBand {
        /// Under 15.
        Under15 = "under_15",
        /// 15 or over and under 18.
        From15To18 = "15_to_18",
        /// 18 or over.
        Adult = "adult",
    }
}

vocabulary! {
    /// An element of the test, or a fact, that the answers leave open.
    Missing {
        Act = "act",
        Means = "means",
        Purpose = "purpose",
        AgeAtExploitation = "age_at_exploitation",
    }
}

vocabulary! {
    /// The references a screening rests on.
    LegalBasisCode {
        /// Palermo Protocol art. 3: the definition (act, means, purpose). Always listed: it is the test applied.
        PalermoArt3 = "palermo_art3",
        /// Palermo art. 3(b): consent is irrelevant where a means was used. Listed when a means is given.
        PalermoArt3B = "palermo_art3_b",
        /// Palermo art. 3(c) and (d): for a child (under 18), act and purpose suffice. Listed for a child.
        PalermoArt3C = "palermo_art3_c",
        /// ATIPA s.4: the meaning of exploitation. Listed once per purpose, with its s.4 category.
        AtipaS4 = "atipa_s4",
        /// ATIPA s.6 paragraph (1): trafficking of an adult, a means used. Listed when indicated for an adult
        /// (or a person of unknown age).
        AtipaS6_1 = "atipa_s6_1",
        /// ATIPA s.6 paragraph (2): trafficking of a child, no means needed. Listed when indicated for a child.
        AtipaS6_2 = "atipa_s6_2",
        /// ATIPA s.6/1 (added in 2019): forced labour or service, an offence of its own. Listed when a
        /// forced-labour or servitude purpose, or two or more ILO indicators, suggest forced labour.
        AtipaS6_1ForcedLabour = "atipa_s6_1_forced_labour",
    }
}

vocabulary! {
    /// The kinds of exploitation listed in ATIPA s.4.
    AtipaS4Category {
        Prostitution = "prostitution",
        ProductionOrDistributionOfPornographicMaterial = "production_or_distribution_of_pornographic_material",
        OtherSexualExploitation = "other_sexual_exploitation",
        /// Slavery, and practices similar to slavery such as servitude.
        Slavery = "slavery",
        CausingAPersonToBeg = "causing_a_person_to_beg",
        ForcedLabourOrService = "forced_labour_or_service",
        CoercedOrganRemoval = "coerced_organ_removal",
        /// "Any other similar practice resulting in forced extortion".
        SimilarPractice = "similar_practice",
    }
}

vocabulary! {
    /// What a next question is about.
    QuestionTopic {
        AgeAtExploitation = "age_at_exploitation",
        Act = "act",
        Means = "means",
        Purpose = "purpose",
        ForcedLabourIndicators = "forced_labour_indicators",
    }
}

/// The oldest age accepted, in years; anything above is a typing error.
pub const MAX_AGE: f64 = 130.0;

/// The age under which a person is a child (Palermo art. 3(d), ATIPA s.4).
pub const CHILD_UNDER: f64 = 18.0;

/// How many ILO indicators this engine takes to suggest forced labour. A choice, not an ILO rule:
/// the ILO says one indicator may in some cases imply forced labour and several together point to it.
pub const FORCED_LABOUR_INDICATOR_THRESHOLD: usize = 2;

/// The purposes that on their own suggest forced labour or service (ATIPA s.6/1).
pub const FORCED_LABOUR_PURPOSES: &[ExploitationType] = &[ExploitationType::ForcedLabour, ExploitationType::Servitude];

/// The fields of the input, in order.
pub const INPUT_FIELDS: &[&str] = &["age_at_exploitation", "acts", "means", "purposes", "indicators"];

/// The answers to screen. Every list may be omitted (empty); a code may be repeated (it counts once).
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct ScreeningInput {
    /// Age in years at the time of the exploitation (fractions allowed, 0 to 130); null when not known.
    #[schema(minimum = 0, maximum = 130)]
    pub age_at_exploitation: Option<f64>,
    #[serde(default)]
    pub acts: Vec<Act>,
    #[serde(default)]
    pub means: Vec<Means>,
    /// Exploitative purposes: the HTCDS types of exploitation.
    #[serde(default)]
    pub purposes: Vec<ExploitationType>,
    /// ILO indicators of forced labour observed.
    #[serde(default)]
    pub indicators: Vec<ForcedLabourIndicator>,
    /// Whether the answers said something about consent. Consent is not an input: a `consent` field is
    /// accepted, never used, and noted in the result.
    #[serde(skip)]
    pub consent_stated: bool,
}

/// Why the answers could not be screened. The messages name the field at fault; an unknown code is
/// named too (at most 64 characters of it), so that the person who typed it can find it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScreeningError {
    /// Not JSON at all.
    #[error("the input is not valid JSON (line {line}, column {column}): {reason}")]
    InvalidJson { line: usize, column: usize, reason: String },
    /// A code that is not in its vocabulary.
    #[error("unknown {vocabulary} code {code:?} at {field}; known {vocabulary} codes: {known}")]
    UnknownCode { vocabulary: &'static str, field: String, code: String, known: String },
    /// A field that is not one of [`INPUT_FIELDS`] (nor `consent`).
    #[error("unknown field {name:?}; the fields are age_at_exploitation, acts, means, purposes and indicators")]
    UnknownField { name: String },
    /// A value of the wrong type or out of range.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

impl ScreeningError {
    /// A stable snake_case code for clients.
    pub fn code(&self) -> &'static str {
        match self {
            ScreeningError::InvalidJson { .. } => "invalid_json",
            ScreeningError::UnknownCode { .. } => "unknown_code",
            ScreeningError::UnknownField { .. } => "unknown_field",
            ScreeningError::Invalid { .. } => "invalid_value",
        }
    }

    /// The JSON path at fault, such as `means[2]`, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ScreeningError::UnknownCode { field, .. } | ScreeningError::Invalid { field, .. } => Some(field),
            ScreeningError::InvalidJson { .. } | ScreeningError::UnknownField { .. } => None,
        }
    }

    fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ScreeningError::Invalid { field: field.into(), message: message.into() }
    }
}

/// At most 64 characters of a submitted string, for an error message.
fn clip(s: &str) -> String {
    s.chars().take(64).collect()
}

impl ScreeningInput {
    /// Parses the answers from JSON text; a syntax error names its line and column.
    pub fn from_json(text: &str) -> Result<Self, ScreeningError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            let full = e.to_string();
            let reason = match full.rfind(" at line ") {
                Some(i) => full.get(..i).unwrap_or(&full).to_string(),
                None => full,
            };
            ScreeningError::InvalidJson { line: e.line(), column: e.column(), reason }
        })?;
        Self::from_value(&value)
    }

    /// Reads the answers from a JSON value: an object with the fields of [`INPUT_FIELDS`], each
    /// optional; a list may also be null (empty). Unknown fields are refused, so that a misspelt
    /// list (`"mean": [...]`) is not silently read as "no means".
    pub fn from_value(value: &Value) -> Result<Self, ScreeningError> {
        let Value::Object(map) = value else {
            return Err(ScreeningError::invalid(".", "the answers must be a JSON object"));
        };
        if let Some(name) = map.keys().find(|k| !INPUT_FIELDS.contains(&k.as_str()) && k.as_str() != "consent") {
            return Err(ScreeningError::UnknownField { name: clip(name) });
        }
        let age_at_exploitation = match map.get("age_at_exploitation") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => {
                Some(n.as_f64().ok_or_else(|| {
                    ScreeningError::invalid("age_at_exploitation", "must be a number of years or null")
                })?)
            }
            Some(_) => return Err(ScreeningError::invalid("age_at_exploitation", "must be a number of years or null")),
        };
        let input = ScreeningInput {
            age_at_exploitation,
            acts: codes(map.get("acts"), "acts", "act", Act::from_code, Act::ALL, |a| a.code())?,
            means: codes(map.get("means"), "means", "means", Means::from_code, Means::ALL, |m| m.code())?,
            purposes: codes(
                map.get("purposes"),
                "purposes",
                "purpose",
                ExploitationType::from_code,
                ExploitationType::ALL,
                |p| p.code(),
            )?,
            indicators: codes(
                map.get("indicators"),
                "indicators",
                "indicator",
                ForcedLabourIndicator::from_code,
                ForcedLabourIndicator::ALL,
                |i| i.code(),
            )?,
            consent_stated: map.contains_key("consent"),
        };
        validate_age(input.age_at_exploitation)?;
        Ok(input)
    }
}

/// Reads one list of codes.
fn codes<T: Copy>(
    value: Option<&Value>,
    field: &str,
    vocabulary: &'static str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    code: fn(T) -> &'static str,
) -> Result<Vec<T>, ScreeningError> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(ScreeningError::invalid(field, "must be a list of codes")),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{field}[{i}]");
            let Value::String(s) = item else {
                return Err(ScreeningError::invalid(at, "must be a code (a string)"));
            };
            parse(s).ok_or_else(|| ScreeningError::UnknownCode {
                vocabulary,
                field: at,
                code: clip(s),
                known: all.iter().map(|c| code(*c)).collect::<Vec<_>>().join(", "),
            })
        })
        .collect()
}

/// Checks an age: a finite number of years from 0 to [`MAX_AGE`].
fn validate_age(age: Option<f64>) -> Result<Option<f64>, ScreeningError> {
    match age {
        None => Ok(None),
        Some(a) if !a.is_finite() => Err(ScreeningError::invalid("age_at_exploitation", "must be a number of years")),
        Some(a) if a < 0.0 => Err(ScreeningError::invalid("age_at_exploitation", "must not be negative")),
        Some(a) if a > MAX_AGE => {
            Err(ScreeningError::invalid("age_at_exploitation", format!("must be at most {MAX_AGE} years")))
        }
        Some(a) => Ok(Some(a)),
    }
}

impl PenaltyAgeBand {
    /// The band of an age in years.
    pub fn of(age: f64) -> PenaltyAgeBand {
        if age < 15.0 {
            PenaltyAgeBand::Under15
        } else if age < CHILD_UNDER {
            PenaltyAgeBand::From15To18
        } else {
            PenaltyAgeBand::Adult
        }
    }
}

impl AtipaS4Category {
    /// The category of ATIPA s.4 a type of exploitation falls under.
    pub fn of(purpose: ExploitationType) -> AtipaS4Category {
        use ExploitationType as E;
        match purpose {
            E::Prostitution => AtipaS4Category::Prostitution,
            E::Pornography | E::RemoteInteractiveServices => {
                AtipaS4Category::ProductionOrDistributionOfPornographicMaterial
            }
            E::SexualExploitation | E::PrivateSexualServices => AtipaS4Category::OtherSexualExploitation,
            E::Servitude => AtipaS4Category::Slavery,
            E::ForcedBegging => AtipaS4Category::CausingAPersonToBeg,
            E::ForcedLabour | E::ChildLabour | E::ForcedMilitary => AtipaS4Category::ForcedLabourOrService,
            E::OrganRemoval => AtipaS4Category::CoercedOrganRemoval,
            E::ForcedMarriage | E::ForcedAdoption | E::Surrogacy | E::Other => AtipaS4Category::SimilarPractice,
        }
    }

    /// The words of s.4 for this category.
    pub fn label(self) -> &'static str {
        match self {
            AtipaS4Category::Prostitution => "prostitution",
            AtipaS4Category::ProductionOrDistributionOfPornographicMaterial => {
                "production or distribution of pornographic material"
            }
            AtipaS4Category::OtherSexualExploitation => "other forms of sexual exploitation",
            AtipaS4Category::Slavery => "slavery or a practice similar to slavery",
            AtipaS4Category::CausingAPersonToBeg => "causing a person to beg",
            AtipaS4Category::ForcedLabourOrService => "forced labour or service",
            AtipaS4Category::CoercedOrganRemoval => "coerced removal of organs for trade",
            AtipaS4Category::SimilarPractice => "any other similar practice resulting in forced extortion",
        }
    }
}

impl ForcedLabourIndicator {
    /// The means an indicator points to, to ask about. The indicator is never counted as the means
    /// itself: it describes what the worker saw, and the means must be established on its own.
    /// Isolation, withheld wages, abusive conditions and excessive overtime describe the
    /// exploitation rather than how the person was brought into it, and point to no means.
    pub fn suggested_means(self) -> &'static [Means] {
        use ForcedLabourIndicator as I;
        match self {
            I::AbuseOfVulnerability => &[Means::AbuseOfVulnerability],
            I::Deception => &[Means::Deception, Means::Fraud],
            I::IntimidationAndThreats => &[Means::Threat, Means::Coercion],
            I::PhysicalAndSexualViolence => &[Means::Force],
            I::DebtBondage => &[Means::Coercion, Means::AbuseOfVulnerability],
            I::RetentionOfIdentityDocuments | I::RestrictionOfMovement => &[Means::Coercion],
            I::Isolation | I::WithholdingOfWages | I::AbusiveWorkingAndLivingConditions | I::ExcessiveOvertime => &[],
        }
    }
}

/// Whether one element of the test is met, whether it is required, and by which answers.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ElementFinding<T> {
    pub met: bool,
    /// Means are not required for a child.
    pub required: bool,
    /// The codes given for this element, each once, in the order given.
    pub by: Vec<T>,
    pub reason: String,
}

/// The three elements of the test.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Elements {
    pub act: ElementFinding<Act>,
    pub means: ElementFinding<Means>,
    pub purpose: ElementFinding<ExploitationType>,
}

/// One reference the advice rests on.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct LegalBasis {
    pub code: LegalBasisCode,
    /// The reference in words, e.g. "Anti-Trafficking in Persons Act B.E. 2551, s.4".
    pub reference: String,
    /// Why it applies to these answers.
    pub why: String,
    /// For `atipa_s4`: the purpose this entry is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purpose: Option<ExploitationType>,
    /// For `atipa_s4`: the s.4 category of that purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<AtipaS4Category>,
}

/// The ILO indicators of forced labour present in the answers.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ForcedLabourIndicators {
    /// Each indicator given, once, in the ILO's order.
    pub present: Vec<ForcedLabourIndicator>,
    pub count: usize,
    /// How many indicators there are (11).
    pub total: usize,
    /// How many this engine takes to suggest forced labour (2).
    pub threshold: usize,
    /// `count >= threshold`.
    pub suggests_forced_labour: bool,
    pub reason: String,
}

/// A means worth asking about because an ILO indicator points to it. Never counted as a means.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SuggestedMeans {
    pub means: Means,
    /// The indicators given that point to it.
    pub because: Vec<ForcedLabourIndicator>,
}

/// Something to establish next.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct NextQuestion {
    pub about: QuestionTopic,
    pub question: String,
    /// Codes to ask about, if the question has any.
    pub codes: Vec<String>,
}

/// The advice: whether the answers meet the legal test for trafficking, and why.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Screening {
    /// Act and purpose present, and the person a child or a means used. Advice, not a verdict.
    pub trafficking_indicated: bool,
    /// Under 18 at the time of the exploitation. False when the age is not known.
    pub child: bool,
    pub age_known: bool,
    /// Null when the age is not known.
    pub age_band: Option<PenaltyAgeBand>,
    pub elements: Elements,
    /// The required elements not met, then `age_at_exploitation` when the age is not known.
    pub missing: Vec<Missing>,
    pub legal_basis: Vec<LegalBasis>,
    /// A forced-labour or servitude purpose, or at least two ILO indicators (ATIPA s.6/1).
    pub forced_labour_suggested: bool,
    pub forced_labour_indicators: ForcedLabourIndicators,
    /// Means to ask about, pointed to by the indicators; only when a means is required and none was given.
    pub suggested_means: Vec<SuggestedMeans>,
    pub next_questions: Vec<NextQuestion>,
    /// Notes on the answers themselves (e.g. consent was given and not used).
    pub notes: Vec<String>,
    /// The advice in one sentence.
    pub summary: String,
    /// What this result is and is not.
    pub disclaimer: String,
}

/// The disclaimer every result carries.
pub const DISCLAIMER: &str =
    "Screening advice, not a verdict: whether a person is a victim of trafficking is decided by \
     the deciding body (in Thailand the multidisciplinary team), whose decision is recorded separately.";

/// Each value once, in the order first given.
fn unique<T: Copy + PartialEq>(items: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for i in items {
        if !out.contains(i) {
            out.push(*i);
        }
    }
    out
}

fn join_codes<T: Copy>(items: &[T], code: fn(T) -> &'static str) -> String {
    items.iter().map(|i| code(*i)).collect::<Vec<_>>().join(", ")
}

fn all_codes<T: Copy>(items: &[T], code: fn(T) -> &'static str) -> Vec<String> {
    items.iter().map(|i| code(*i).to_string()).collect()
}

/// Applies the legal test to the answers. Errors only on an age out of range.
pub fn screen(input: &ScreeningInput) -> Result<Screening, ScreeningError> {
    let age = validate_age(input.age_at_exploitation)?;
    let acts = unique(&input.acts);
    let means = unique(&input.means);
    let purposes = unique(&input.purposes);
    let present: Vec<ForcedLabourIndicator> =
        ForcedLabourIndicator::ALL.iter().copied().filter(|i| input.indicators.contains(i)).collect();

    let child = age.is_some_and(|a| a < CHILD_UNDER);
    let age_band = age.map(PenaltyAgeBand::of);
    let act_met = !acts.is_empty();
    let means_met = !means.is_empty();
    let purpose_met = !purposes.is_empty();
    let means_required = !child;
    let indicated = act_met && purpose_met && (child || means_met);

    let elements = Elements {
        act: ElementFinding {
            met: act_met,
            required: true,
            reason: if act_met {
                format!("given: {}", join_codes(&acts, Act::code))
            } else {
                "no act given (recruitment, transportation, transfer, harbouring or receipt)".to_string()
            },
            by: acts.clone(),
        },
        means: ElementFinding {
            met: means_met,
            required: means_required,
            reason: match (child, means_met) {
                (true, true) => format!("given, though not required for a child: {}", join_codes(&means, Means::code)),
                (true, false) => "not required: the person was under 18 at the time".to_string(),
                (false, true) => format!("given: {}", join_codes(&means, Means::code)),
                (false, false) if age.is_none() => {
                    "none given; required, because a person of unknown age is treated as an adult".to_string()
                }
                (false, false) => "none given; required for an adult".to_string(),
            },
            by: means.clone(),
        },
        purpose: ElementFinding {
            met: purpose_met,
            required: true,
            reason: if purpose_met {
                let each: Vec<String> = purposes
                    .iter()
                    .map(|p| format!("{} (ATIPA s.4: {})", p.code(), AtipaS4Category::of(*p).label()))
                    .collect();
                format!("given: {}", each.join(", "))
            } else {
                "no exploitative purpose given".to_string()
            },
            by: purposes.clone(),
        },
    };

    let mut missing = Vec::new();
    if !act_met {
        missing.push(Missing::Act);
    }
    if means_required && !means_met {
        missing.push(Missing::Means);
    }
    if !purpose_met {
        missing.push(Missing::Purpose);
    }
    if age.is_none() {
        missing.push(Missing::AgeAtExploitation);
    }

    let fl_purposes: Vec<ExploitationType> =
        purposes.iter().copied().filter(|p| FORCED_LABOUR_PURPOSES.contains(p)).collect();
    let indicators_suggest = present.len() >= FORCED_LABOUR_INDICATOR_THRESHOLD;
    let forced_labour_suggested = !fl_purposes.is_empty() || indicators_suggest;
    let forced_labour_indicators = ForcedLabourIndicators {
        count: present.len(),
        total: ForcedLabourIndicator::ALL.len(),
        threshold: FORCED_LABOUR_INDICATOR_THRESHOLD,
        suggests_forced_labour: indicators_suggest,
        reason: match present.len() {
            0 => "no ILO indicator of forced labour given".to_string(),
            1 => format!(
                "one ILO indicator ({}): it may point to forced labour; look for others",
                join_codes(&present, ForcedLabourIndicator::code)
            ),
            n => format!(
                "{n} of {} ILO indicators ({}): together they suggest forced labour",
                ForcedLabourIndicator::ALL.len(),
                join_codes(&present, ForcedLabourIndicator::code)
            ),
        },
        present: present.clone(),
    };

    let suggested_means: Vec<SuggestedMeans> = if means_required && !means_met {
        Means::ALL
            .iter()
            .filter_map(|m| {
                let because: Vec<ForcedLabourIndicator> =
                    present.iter().copied().filter(|i| i.suggested_means().contains(m)).collect();
                (!because.is_empty()).then_some(SuggestedMeans { means: *m, because })
            })
            .collect()
    } else {
        Vec::new()
    };

    let legal_basis = legal_basis(LegalBasisFacts {
        indicated,
        child,
        age_known: age.is_some(),
        means: &means,
        purposes: &purposes,
        missing: &missing,
        fl_purposes: &fl_purposes,
        present: &present,
        indicators_suggest,
    });

    let next_questions = next_questions(QuestionFacts {
        age,
        act_met,
        means_required,
        means_met,
        purpose_met,
        purposes: &purposes,
        present: &present,
        suggested_means: &suggested_means,
    });

    let mut notes = Vec::new();
    if input.consent_stated {
        notes.push(
            "consent was stated and not used: consent is irrelevant once a means is used, and for a child \
             (Palermo art. 3(b) and (c); ATIPA s.4)"
                .to_string(),
        );
    }
    if input.acts.len() != acts.len()
        || input.means.len() != means.len()
        || input.purposes.len() != purposes.len()
        || input.indicators.len() != present.len()
    {
        notes.push("repeated codes were counted once".to_string());
    }

    let summary = summary(indicated, child, age.is_none(), &missing, forced_labour_suggested);

    Ok(Screening {
        trafficking_indicated: indicated,
        child,
        age_known: age.is_some(),
        age_band,
        elements,
        missing,
        legal_basis,
        forced_labour_suggested,
        forced_labour_indicators,
        suggested_means,
        next_questions,
        notes,
        summary,
        disclaimer: DISCLAIMER.to_string(),
    })
}

struct LegalBasisFacts<'a> {
    indicated: bool,
    child: bool,
    age_known: bool,
    means: &'a [Means],
    purposes: &'a [ExploitationType],
    missing: &'a [Missing],
    fl_purposes: &'a [ExploitationType],
    present: &'a [ForcedLabourIndicator],
    indicators_suggest: bool,
}

fn basis(code: LegalBasisCode, reference: &str, why: String) -> LegalBasis {
    LegalBasis { code, reference: reference.to_string(), why, purpose: None, category: None }
}

fn legal_basis(f: LegalBasisFacts<'_>) -> Vec<LegalBasis> {
    const PALERMO: &str = "Palermo Protocol (UN Trafficking in Persons Protocol, 2000)";
    const ATIPA: &str = "Anti-Trafficking in Persons Act B.E. 2551 (2008)";
    let mut out = vec![basis(
        LegalBasisCode::PalermoArt3,
        &format!("{PALERMO}, art. 3(a)"),
        if f.indicated {
            "the test is met: an act and an exploitative purpose, and a means or a child".to_string()
        } else {
            let missing: Vec<&str> =
                f.missing.iter().filter(|m| **m != Missing::AgeAtExploitation).map(|m| m.code()).collect();
            format!("the test applied; not met on these answers: missing {}", missing.join(", "))
        },
    )];
    if !f.means.is_empty() {
        out.push(basis(
            LegalBasisCode::PalermoArt3B,
            &format!("{PALERMO}, art. 3(b)"),
            format!("a means was used ({}): the person's consent is irrelevant", join_codes(f.means, Means::code)),
        ));
    }
    if f.child {
        out.push(basis(
            LegalBasisCode::PalermoArt3C,
            &format!("{PALERMO}, art. 3(c) and (d)"),
            "the person was under 18 at the time: an act and a purpose suffice, no means is needed".to_string(),
        ));
    }
    for p in f.purposes {
        let category = AtipaS4Category::of(*p);
        out.push(LegalBasis {
            code: LegalBasisCode::AtipaS4,
            reference: format!("{ATIPA}, s.4 (exploitation)"),
            why: format!("{} is exploitation under s.4: {}", p.code(), category.label()),
            purpose: Some(*p),
            category: Some(category),
        });
    }
    if f.indicated && f.child {
        out.push(basis(
            LegalBasisCode::AtipaS6_2,
            &format!("{ATIPA}, s.6 paragraph (2)"),
            "trafficking in a child: an act for the purpose of exploitation, whatever the means".to_string(),
        ));
    } else if f.indicated {
        out.push(basis(
            LegalBasisCode::AtipaS6_1,
            &format!("{ATIPA}, s.6 paragraph (1)"),
            if f.age_known {
                "trafficking in an adult: an act, by a means, for the purpose of exploitation".to_string()
            } else {
                "trafficking in an adult (age not known, treated as an adult): an act, by a means, for the purpose \
                 of exploitation; if the person was under 18, s.6 paragraph (2) applies instead"
                    .to_string()
            },
        ));
    }
    if !f.fl_purposes.is_empty() || f.indicators_suggest {
        let mut because = Vec::new();
        if !f.fl_purposes.is_empty() {
            because.push(format!("purpose {}", join_codes(f.fl_purposes, ExploitationType::code)));
        }
        if f.indicators_suggest {
            because.push(format!(
                "{} ILO indicators ({})",
                f.present.len(),
                join_codes(f.present, ForcedLabourIndicator::code)
            ));
        }
        out.push(basis(
            LegalBasisCode::AtipaS6_1ForcedLabour,
            &format!("{ATIPA}, s.6/1 (added in 2019: forced labour or service)"),
            format!(
                "forced labour or service is suggested by {}; it is an offence of its own, whether or not \
                 trafficking is indicated",
                because.join(" and ")
            ),
        ));
    }
    out
}

struct QuestionFacts<'a> {
    age: Option<f64>,
    act_met: bool,
    means_required: bool,
    means_met: bool,
    purpose_met: bool,
    purposes: &'a [ExploitationType],
    present: &'a [ForcedLabourIndicator],
    suggested_means: &'a [SuggestedMeans],
}

fn next_questions(f: QuestionFacts<'_>) -> Vec<NextQuestion> {
    let mut out = Vec::new();
    if f.age.is_none() {
        let mut question = "Establish the person's age at the time of the exploitation: for a child (under 18) an act \
                            and a purpose suffice and no means is needed."
            .to_string();
        if f.act_met && f.purpose_met && !f.means_met {
            question.push_str(" On these answers the test would be met if the person was under 18.");
        }
        out.push(NextQuestion { about: QuestionTopic::AgeAtExploitation, question, codes: Vec::new() });
    }
    if !f.act_met {
        out.push(NextQuestion {
            about: QuestionTopic::Act,
            question: "How did the person come to the exploitation: were they recruited, transported, transferred, \
                       harboured or received?"
                .to_string(),
            codes: all_codes(Act::ALL, Act::code),
        });
    }
    if f.means_required && !f.means_met {
        let (question, codes) = if f.suggested_means.is_empty() {
            (
                "Was any means used: threat, force, coercion, abduction, fraud, deception, abuse of power or of a \
                 position of vulnerability, or payment to a person having control over them?"
                    .to_string(),
                all_codes(Means::ALL, Means::code),
            )
        } else {
            let codes: Vec<String> = f.suggested_means.iter().map(|s| s.means.code().to_string()).collect();
            (
                format!(
                    "The indicators given point to means to ask about ({}); a means must be established on its own, \
                     an indicator does not count as one.",
                    codes.join(", ")
                ),
                codes,
            )
        };
        out.push(NextQuestion { about: QuestionTopic::Means, question, codes });
    }
    if !f.purpose_met {
        out.push(NextQuestion {
            about: QuestionTopic::Purpose,
            question: "What was the person made to do, or meant to be made to do: which kind of exploitation?"
                .to_string(),
            codes: all_codes(ExploitationType::ALL, ExploitationType::code),
        });
    }
    if f.purposes.contains(&ExploitationType::Other) {
        out.push(NextQuestion {
            about: QuestionTopic::Purpose,
            question: "Describe the exploitation given as `other`: under ATIPA s.4 it must be a practice similar to \
                       those listed (prostitution, pornography, sexual exploitation, slavery, begging, forced labour \
                       or service, organ removal)."
                .to_string(),
            codes: vec![ExploitationType::Other.code().to_string()],
        });
    }
    if f.purposes.contains(&ExploitationType::ChildLabour) && f.age.is_some_and(|a| a >= CHILD_UNDER) {
        out.push(NextQuestion {
            about: QuestionTopic::Purpose,
            question: "child_labour was given for a person aged 18 or over: check the age at the time, or whether \
                       forced_labour is meant."
                .to_string(),
            codes: vec![ExploitationType::ChildLabour.code().to_string()],
        });
    }
    let labour_purpose = f.purposes.iter().any(|p| {
        matches!(
            p,
            ExploitationType::ForcedLabour
                | ExploitationType::Servitude
                | ExploitationType::ChildLabour
                | ExploitationType::ForcedBegging
                | ExploitationType::ForcedMilitary
        )
    });
    if f.present.len() == 1 || (labour_purpose && f.present.len() < FORCED_LABOUR_INDICATOR_THRESHOLD) {
        let absent: Vec<String> = ForcedLabourIndicator::ALL
            .iter()
            .filter(|i| !f.present.contains(i))
            .map(|i| i.code().to_string())
            .collect();
        out.push(NextQuestion {
            about: QuestionTopic::ForcedLabourIndicators,
            question: "Look for the other ILO indicators of forced labour: several together point to forced labour \
                       or service (ATIPA s.6/1)."
                .to_string(),
            codes: absent,
        });
    }
    out
}

fn summary(indicated: bool, child: bool, age_unknown: bool, missing: &[Missing], forced_labour: bool) -> String {
    let mut s = if indicated && child {
        "Trafficking indicated: an act and an exploitative purpose, and the person was a child (no means needed)."
            .to_string()
    } else if indicated {
        "Trafficking indicated: an act, a means and an exploitative purpose.".to_string()
    } else {
        let elements: Vec<&str> =
            missing.iter().filter(|m| **m != Missing::AgeAtExploitation).map(|m| m.code()).collect();
        format!("Trafficking not indicated on these answers: missing {}.", elements.join(", "))
    };
    if age_unknown {
        s.push_str(" The age at the time is not known: establish it.");
    }
    if forced_labour {
        s.push_str(" Forced labour or service is suggested (ATIPA s.6/1).");
    }
    s.push_str(" This is advice, not a verdict.");
    s
}

/// Parses JSON answers and screens them: what the command line and the API do.
pub fn screen_json(text: &str) -> Result<Screening, ScreeningError> {
    screen(&ScreeningInput::from_json(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn run(v: Value) -> Screening {
        screen(&ScreeningInput::from_value(&v).unwrap()).unwrap()
    }

    fn err(v: Value) -> ScreeningError {
        match ScreeningInput::from_value(&v) {
            Ok(input) => screen(&input).unwrap_err(),
            Err(e) => e,
        }
    }

    fn basis_codes(s: &Screening) -> Vec<&'static str> {
        s.legal_basis.iter().map(|b| b.code.code()).collect()
    }

    #[test]
    fn a_child_with_an_act_and_a_purpose_needs_no_means() {
        let s = run(json!({"age_at_exploitation": 14, "acts": ["recruitment"], "purposes": ["forced_begging"]}));
        assert!(s.trafficking_indicated);
        assert!(s.child);
        assert_eq!(s.age_band, Some(PenaltyAgeBand::Under15));
        assert!(s.missing.is_empty());
        assert!(!s.elements.means.required && !s.elements.means.met);
        assert!(s.elements.means.reason.contains("under 18"));
        assert_eq!(s.elements.act.by, vec![Act::Recruitment]);
        assert_eq!(s.elements.purpose.by, vec![ExploitationType::ForcedBegging]);
        assert_eq!(basis_codes(&s), vec!["palermo_art3", "palermo_art3_c", "atipa_s4", "atipa_s6_2"]);
        let s4 = s.legal_basis.iter().find(|b| b.code == LegalBasisCode::AtipaS4).unwrap();
        assert_eq!(s4.category, Some(AtipaS4Category::CausingAPersonToBeg));
        assert!(s4.why.contains("causing a person to beg"));
        assert!(s.summary.contains("not a verdict"));
    }

    #[test]
    fn an_adult_without_a_means_is_not_indicated_and_the_means_is_missing() {
        let s = run(json!({"age_at_exploitation": 25, "acts": ["transportation"], "purposes": ["prostitution"]}));
        assert!(!s.trafficking_indicated);
        assert!(!s.child);
        assert_eq!(s.age_band, Some(PenaltyAgeBand::Adult));
        assert_eq!(s.missing, vec![Missing::Means]);
        assert!(s.elements.means.required);
        assert_eq!(basis_codes(&s), vec!["palermo_art3", "atipa_s4"], "no s.6 when the test is not met");
        assert!(s.legal_basis.iter().any(|b| b.why.contains("missing means")));
        assert!(s.next_questions.iter().any(|q| q.about == QuestionTopic::Means && q.codes.len() == Means::ALL.len()));
    }

    #[test]
    fn an_adult_with_a_means_is_indicated_under_s6_1_and_consent_is_irrelevant() {
        let s = run(json!({"age_at_exploitation": 30, "acts": ["recruitment", "harbouring"], "means": ["deception"],
                           "purposes": ["forced_labour"]}));
        assert!(s.trafficking_indicated);
        assert_eq!(s.elements.means.by, vec![Means::Deception]);
        assert_eq!(
            basis_codes(&s),
            vec!["palermo_art3", "palermo_art3_b", "atipa_s4", "atipa_s6_1", "atipa_s6_1_forced_labour"]
        );
        assert!(s.forced_labour_suggested);
        assert!(s.missing.is_empty());
    }

    #[test]
    fn an_unknown_age_is_treated_as_adult_and_asked_for() {
        let s = run(json!({"acts": ["receipt"], "purposes": ["organ_removal"]}));
        assert!(!s.trafficking_indicated);
        assert!(!s.child && !s.age_known);
        assert_eq!(s.age_band, None);
        assert_eq!(s.missing, vec![Missing::Means, Missing::AgeAtExploitation]);
        assert!(s.elements.means.reason.contains("unknown age"));
        let q = s.next_questions.iter().find(|q| q.about == QuestionTopic::AgeAtExploitation).unwrap();
        assert!(q.question.contains("would be met if the person was under 18"));
        assert!(s.summary.contains("not known"));

        let s = run(json!({"age_at_exploitation": null, "acts": ["receipt"], "means": ["force"],
                           "purposes": ["organ_removal"]}));
        assert!(s.trafficking_indicated);
        assert_eq!(s.missing, vec![Missing::AgeAtExploitation], "the age is still to establish");
        assert!(basis_codes(&s).contains(&"atipa_s6_1"));
    }

    #[test]
    fn age_bands_follow_the_penalty_tiers() {
        for (age, band, child) in [
            (0.0, PenaltyAgeBand::Under15, true),
            (14.99, PenaltyAgeBand::Under15, true),
            (15.0, PenaltyAgeBand::From15To18, true),
            (17.999, PenaltyAgeBand::From15To18, true),
            (18.0, PenaltyAgeBand::Adult, false),
            (130.0, PenaltyAgeBand::Adult, false),
        ] {
            let s = run(json!({"age_at_exploitation": age}));
            assert_eq!(s.age_band, Some(band), "age {age}");
            assert_eq!(s.child, child, "age {age}");
        }
        assert_eq!(serde_json::to_value(PenaltyAgeBand::From15To18).unwrap(), json!("15_to_18"));
    }

    #[test]
    fn absurd_ages_are_refused() {
        for age in [json!(-1), json!(-0.5), json!(130.5), json!(1000), json!("17"), json!(true), json!([17])] {
            let e = err(json!({"age_at_exploitation": age}));
            assert_eq!(e.field(), Some("age_at_exploitation"), "{age}");
            assert_eq!(e.code(), "invalid_value");
        }
        assert!(err(json!({"age_at_exploitation": -3})).to_string().contains("must not be negative"));
        assert!(err(json!({"age_at_exploitation": 131})).to_string().contains("at most 130"));
        let nan = ScreeningInput { age_at_exploitation: Some(f64::NAN), ..Default::default() };
        assert!(screen(&nan).is_err());
    }

    #[test]
    fn an_unknown_code_is_named_with_where_it_was() {
        let e = err(json!({"means": ["threat", "force", "bribery"]}));
        assert_eq!(e.code(), "unknown_code");
        assert_eq!(e.field(), Some("means[2]"));
        assert!(e.to_string().starts_with("unknown means code \"bribery\" at means[2]"), "{e}");
        assert!(e.to_string().contains("payment_to_controller"), "the known codes are listed: {e}");
        let e = err(json!({"acts": ["Recruitment"]}));
        assert!(e.to_string().starts_with("unknown act code \"Recruitment\" at acts[0]"), "{e}");
        let e = err(json!({"purposes": ["forced_labour", "slavery"]}));
        assert!(e.to_string().starts_with("unknown purpose code \"slavery\" at purposes[1]"), "{e}");
        let e = err(json!({"indicators": ["debt"]}));
        assert!(e.to_string().starts_with("unknown indicator code \"debt\" at indicators[0]"), "{e}");
        let long = "x".repeat(500);
        assert!(err(json!({"acts": [long]})).to_string().len() < 300, "a long code is clipped");
    }

    #[test]
    fn wrong_shapes_name_the_field() {
        assert_eq!(err(json!({"acts": "recruitment"})).to_string(), "acts: must be a list of codes");
        assert_eq!(err(json!({"means": ["threat", 3]})).to_string(), "means[1]: must be a code (a string)");
        assert_eq!(err(json!([1, 2])).to_string(), ".: the answers must be a JSON object");
        let e = err(json!({"mean": ["threat"]}));
        assert_eq!(e.code(), "unknown_field");
        assert!(e.to_string().contains("\"mean\""));
        // Missing and null lists are empty.
        let s = run(json!({"acts": null}));
        assert_eq!(s.missing, vec![Missing::Act, Missing::Means, Missing::Purpose, Missing::AgeAtExploitation]);
    }

    #[test]
    fn malformed_json_gives_line_and_column() {
        let e = ScreeningInput::from_json("{\n  \"acts\": [\"recruitment\",]\n}").unwrap_err();
        match &e {
            ScreeningError::InvalidJson { line, column, .. } => assert_eq!((*line, *column), (2, 26)),
            other => panic!("{other:?}"),
        }
        assert!(e.to_string().contains("line 2, column 26"), "{e}");
        assert!(!e.to_string().contains(" at line "), "the position is said once: {e}");
        assert!(ScreeningInput::from_json("").unwrap_err().to_string().contains("line 1"));
    }

    #[test]
    fn consent_is_accepted_noted_and_never_used() {
        let base = json!({"age_at_exploitation": 20, "acts": ["recruitment"], "purposes": ["prostitution"]});
        let mut with = base.clone();
        with["consent"] = json!(true);
        let (a, b) = (run(base.clone()), run(with));
        assert_eq!(a.trafficking_indicated, b.trafficking_indicated);
        assert_eq!(a.elements, b.elements);
        assert!(a.notes.is_empty());
        assert!(b.notes.iter().any(|n| n.contains("consent")));
        let mut means = base;
        means["means"] = json!(["fraud"]);
        means["consent"] = json!("she agreed");
        let s = run(means);
        assert!(s.trafficking_indicated, "consent does not undo a means");
        assert!(basis_codes(&s).contains(&"palermo_art3_b"));
    }

    #[test]
    fn every_purpose_has_its_s4_category() {
        use AtipaS4Category as C;
        use ExploitationType as E;
        for (p, c) in [
            (E::ForcedBegging, C::CausingAPersonToBeg),
            (E::Pornography, C::ProductionOrDistributionOfPornographicMaterial),
            (E::RemoteInteractiveServices, C::ProductionOrDistributionOfPornographicMaterial),
            (E::Prostitution, C::Prostitution),
            (E::SexualExploitation, C::OtherSexualExploitation),
            (E::Servitude, C::Slavery),
            (E::ForcedLabour, C::ForcedLabourOrService),
            (E::OrganRemoval, C::CoercedOrganRemoval),
            (E::ForcedMarriage, C::SimilarPractice),
        ] {
            assert_eq!(C::of(p), c);
        }
        let all: Vec<&str> = ExploitationType::ALL.iter().map(|p| p.code()).collect();
        let s = run(json!({"acts": ["transfer"], "purposes": all}));
        let s4: Vec<_> = s.legal_basis.iter().filter(|b| b.code == LegalBasisCode::AtipaS4).collect();
        assert_eq!(s4.len(), ExploitationType::ALL.len(), "one s.4 entry per purpose");
        assert!(s4.iter().all(|b| b.purpose.is_some() && b.category.is_some()));
        assert!(s.next_questions.iter().any(|q| q.codes == vec!["other".to_string()]), "`other` is to be described");
    }

    #[test]
    fn indicators_are_reported_and_never_count_as_means() {
        let s = run(json!({"age_at_exploitation": 22, "acts": ["recruitment"], "purposes": ["forced_begging"],
                           "indicators": ["excessive_overtime", "deception", "debt_bondage", "deception"]}));
        assert!(!s.trafficking_indicated, "indicators are not means");
        assert_eq!(s.missing, vec![Missing::Means]);
        let fl = &s.forced_labour_indicators;
        assert_eq!(
            fl.present,
            vec![
                ForcedLabourIndicator::Deception,
                ForcedLabourIndicator::DebtBondage,
                ForcedLabourIndicator::ExcessiveOvertime
            ]
        );
        assert_eq!((fl.count, fl.total, fl.threshold), (3, 11, 2));
        assert!(fl.suggests_forced_labour && s.forced_labour_suggested);
        assert!(basis_codes(&s).contains(&"atipa_s6_1_forced_labour"), "s.6/1 needs no act");
        let suggested: Vec<&str> = s.suggested_means.iter().map(|m| m.means.code()).collect();
        assert_eq!(suggested, vec!["coercion", "fraud", "deception", "abuse_of_vulnerability"]);
        let q = s.next_questions.iter().find(|q| q.about == QuestionTopic::Means).unwrap();
        assert_eq!(q.codes, suggested);
        assert!(s.notes.iter().any(|n| n.contains("counted once")));
    }

    #[test]
    fn one_indicator_only_asks_for_more() {
        let s = run(json!({"indicators": ["isolation"]}));
        assert!(!s.forced_labour_suggested && !s.forced_labour_indicators.suggests_forced_labour);
        assert!(s.suggested_means.is_empty(), "isolation points to no means");
        let q = s.next_questions.iter().find(|q| q.about == QuestionTopic::ForcedLabourIndicators).unwrap();
        assert_eq!(q.codes.len(), 10);
        assert!(!basis_codes(&s).contains(&"atipa_s6_1_forced_labour"));
    }

    #[test]
    fn no_means_is_suggested_when_none_is_required_or_one_is_given() {
        let child = run(json!({"age_at_exploitation": 16, "acts": ["recruitment"], "purposes": ["servitude"],
                               "indicators": ["deception"]}));
        assert!(child.suggested_means.is_empty());
        assert!(child.trafficking_indicated && child.forced_labour_suggested);
        let adult = run(json!({"age_at_exploitation": 40, "means": ["threat"], "indicators": ["deception"]}));
        assert!(adult.suggested_means.is_empty());
        assert_eq!(adult.missing, vec![Missing::Act, Missing::Purpose]);
    }

    #[test]
    fn child_labour_for_an_adult_is_questioned() {
        let s = run(json!({"age_at_exploitation": 19, "acts": ["recruitment"], "purposes": ["child_labour"]}));
        assert!(s.next_questions.iter().any(|q| q.question.contains("child_labour was given")));
    }

    #[test]
    fn the_result_has_the_documented_shape() {
        let s = run(json!({"age_at_exploitation": 16.5, "acts": ["recruitment"], "purposes": ["pornography"]}));
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["trafficking_indicated"], json!(true));
        assert_eq!(v["child"], json!(true));
        assert_eq!(v["age_band"], json!("15_to_18"));
        assert_eq!(
            v["elements"]["means"],
            json!({"met": false, "required": false, "by": [],
            "reason": "not required: the person was under 18 at the time"})
        );
        assert_eq!(v["elements"]["act"]["by"], json!(["recruitment"]));
        assert_eq!(v["missing"], json!([]));
        assert_eq!(v["legal_basis"][2]["code"], json!("atipa_s4"));
        assert_eq!(v["legal_basis"][2]["category"], json!("production_or_distribution_of_pornographic_material"));
        assert!(v["legal_basis"][0].get("category").is_none());
        assert_eq!(v["forced_labour_indicators"]["count"], json!(0));
        assert!(v["disclaimer"].as_str().unwrap().contains("not a verdict"));
    }

    fn list<T: Copy + std::fmt::Debug + 'static>(all: &'static [T], max: usize) -> impl Strategy<Value = Vec<T>> {
        proptest::collection::vec(proptest::sample::select(all), 0..max)
    }

    fn non_empty<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = Vec<T>> {
        proptest::collection::vec(proptest::sample::select(all), 1..6)
    }

    fn adult_age() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![Just(None), (18.0f64..=MAX_AGE).prop_map(Some), (18u8..=130).prop_map(|a| Some(f64::from(a)))]
    }

    proptest! {
        #[test]
        fn any_child_with_an_act_and_a_purpose_is_indicated_whatever_the_means(
            age in 0.0f64..CHILD_UNDER,
            acts in non_empty(Act::ALL),
            purposes in non_empty(ExploitationType::ALL),
            means in list(Means::ALL, 6),
            indicators in list(ForcedLabourIndicator::ALL, 12),
        ) {
            let s = screen(&ScreeningInput {
                age_at_exploitation: Some(age), acts, means, purposes, indicators, consent_stated: false,
            }).unwrap();
            prop_assert!(s.trafficking_indicated);
            prop_assert!(s.child);
            prop_assert!(s.missing.is_empty());
            prop_assert!(s.legal_basis.iter().any(|b| b.code == LegalBasisCode::AtipaS6_2));
            prop_assert!(!s.legal_basis.iter().any(|b| b.code == LegalBasisCode::AtipaS6_1));
        }

        #[test]
        fn an_adult_with_no_means_is_never_indicated(
            age in adult_age(),
            acts in list(Act::ALL, 6),
            purposes in list(ExploitationType::ALL, 6),
            indicators in list(ForcedLabourIndicator::ALL, 12),
            consent_stated in any::<bool>(),
        ) {
            let s = screen(&ScreeningInput {
                age_at_exploitation: age, acts, means: Vec::new(), purposes, indicators, consent_stated,
            }).unwrap();
            prop_assert!(!s.trafficking_indicated);
            prop_assert!(!s.child);
            prop_assert!(s.missing.contains(&Missing::Means));
            prop_assert_eq!(s.missing.contains(&Missing::AgeAtExploitation), age.is_none());
        }

        /// Stands for "consent never changes the outcome once a means is present": with one means
        /// given, adding or removing others changes nothing about the outcome.
        #[test]
        fn once_a_means_is_present_adding_or_removing_means_changes_nothing(
            age in prop_oneof![Just(None), (0.0f64..=MAX_AGE).prop_map(Some)],
            acts in list(Act::ALL, 6),
            purposes in list(ExploitationType::ALL, 6),
            indicators in list(ForcedLabourIndicator::ALL, 12),
            means in non_empty(Means::ALL),
            other in non_empty(Means::ALL),
        ) {
            let one = ScreeningInput {
                age_at_exploitation: age, acts, means: means.clone(), purposes, indicators, consent_stated: false,
            };
            let mut more = one.clone();
            more.means.extend(other.iter().copied());
            let mut fewer = one.clone();
            fewer.means.truncate(1);
            let (a, b, c) = (screen(&one).unwrap(), screen(&more).unwrap(), screen(&fewer).unwrap());
            for other in [&b, &c] {
                prop_assert_eq!(a.trafficking_indicated, other.trafficking_indicated);
                prop_assert_eq!(&a.missing, &other.missing);
                prop_assert_eq!(a.child, other.child);
                prop_assert_eq!(a.elements.means.met, other.elements.means.met);
            }
        }

        #[test]
        fn indicators_never_change_the_outcome(
            age in prop_oneof![Just(None), (0.0f64..=MAX_AGE).prop_map(Some)],
            acts in list(Act::ALL, 6),
            means in list(Means::ALL, 6),
            purposes in list(ExploitationType::ALL, 6),
            indicators in list(ForcedLabourIndicator::ALL, 12),
        ) {
            let with = ScreeningInput {
                age_at_exploitation: age, acts, means, purposes, indicators, consent_stated: false,
            };
            let without = ScreeningInput { indicators: Vec::new(), ..with.clone() };
            let (a, b) = (screen(&with).unwrap(), screen(&without).unwrap());
            prop_assert_eq!(a.trafficking_indicated, b.trafficking_indicated);
            prop_assert_eq!(a.missing, b.missing);
            prop_assert_eq!(a.elements, b.elements);
        }

        #[test]
        fn unknown_codes_always_error_naming_the_code_and_where_it_was(
            code in "[A-Za-z_ -]{0,24}",
            which in 0usize..4,
            acts in list(Act::ALL, 4),
            means in list(Means::ALL, 4),
            purposes in list(ExploitationType::ALL, 4),
            indicators in list(ForcedLabourIndicator::ALL, 4),
            at in any::<prop::sample::Index>(),
        ) {
            let field = ["acts", "means", "purposes", "indicators"][which];
            let known = match which {
                0 => Act::from_code(&code).is_some(),
                1 => Means::from_code(&code).is_some(),
                2 => ExploitationType::from_code(&code).is_some(),
                _ => ForcedLabourIndicator::from_code(&code).is_some(),
            };
            prop_assume!(!known);
            let input = ScreeningInput {
                age_at_exploitation: None, acts, means, purposes, indicators, consent_stated: false,
            };
            let mut v = serde_json::to_value(&input).unwrap();
            let items = v[field].as_array_mut().unwrap();
            let i = at.index(items.len() + 1);
            items.insert(i, json!(code));
            let e = screen_json(&v.to_string()).unwrap_err();
            prop_assert_eq!(e.code(), "unknown_code");
            let at_field = format!("{field}[{i}]");
            prop_assert_eq!(e.field(), Some(at_field.as_str()));
            let quoted = format!("{code:?}");
            prop_assert!(e.to_string().contains(&quoted));
        }

        #[test]
        fn valid_answers_survive_a_round_trip_through_json(
            age in prop_oneof![Just(None), (0.0f64..=MAX_AGE).prop_map(Some)],
            acts in list(Act::ALL, 6),
            means in list(Means::ALL, 6),
            purposes in list(ExploitationType::ALL, 6),
            indicators in list(ForcedLabourIndicator::ALL, 12),
        ) {
            let input = ScreeningInput { age_at_exploitation: age, acts, means, purposes, indicators, consent_stated: false };
            let text = serde_json::to_string(&input).unwrap();
            let back = ScreeningInput::from_json(&text).unwrap();
            // serde_json may round the last bit of a decimal fraction; an age is never that precise.
            let close = match (back.age_at_exploitation, input.age_at_exploitation) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                (a, b) => a == b,
            };
            prop_assert!(close);
            prop_assert_eq!(
                ScreeningInput { age_at_exploitation: input.age_at_exploitation, ..back },
                input
            );
        }
    }
}
