//! Engagement (issue 8; DOMAIN.md tactic 6, judicial advocacy; docs/decisions/0021-engagement.md):
//! trainings of judges, prosecutors, attorneys and police, and community education events.
//!
//! These records are the organisation's, not a case's: they hold no survivor data. A training
//! keeps its audience by role, its topics, its trainers and materials, and the knowledge test its
//! participants took before and after, as pairs of scores per participant (no names). The change
//! between the two tests is computed from the pairs, never entered.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::validation::{not_in_future, optional_text, required_text, Validated, ValidationError};
use crate::vocab::vocabulary;

vocabulary! {
    /// What a training or an event was about.
    EngagementTopic {
        /// Trafficking law: the Anti-Trafficking in Persons Act B.E. 2551 (ATIPA).
        TraffickingLaw = "trafficking_law",
        VictimIdentification = "victim_identification",
        TraumaInformedPractice = "trauma_informed_practice",
        VictimCompensation = "victim_compensation",
        /// Asset seizure and forfeiture under the Anti-Money Laundering Act (AMLO).
        AssetSeizure = "asset_seizure",
        ChildProtection = "child_protection",
        ForcedLabour = "forced_labour",
        /// Online exploitation, including child sexual abuse material (CSAM).
        OnlineExploitation = "online_exploitation",
        /// Safe migration and recruitment (community education).
        SafeMigration = "safe_migration",
        Other = "other",
    }
}

vocabulary! {
    /// Who a community education event reached.
    EventAudience {
        Community = "community",
        Students = "students",
        Parents = "parents",
        Workers = "workers",
        Employers = "employers",
        ReligiousLeaders = "religious_leaders",
        LocalOfficials = "local_officials",
        Other = "other",
    }
}

/// The most people one count may hold (a typo guard, not a rule of the work).
pub const MAX_COUNT: i64 = 1_000_000;
/// The longest a training lasts, in days.
pub const MAX_TRAINING_DAYS: i64 = 31;
/// The earliest date a record may carry (older records are typing errors).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// A training's participants by role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    #[serde(default)]
    pub judges: i64,
    #[serde(default)]
    pub prosecutors: i64,
    #[serde(default)]
    pub attorneys: i64,
    #[serde(default)]
    pub police: i64,
    #[serde(default)]
    pub social_workers: i64,
    #[serde(default)]
    pub other: i64,
}

impl Audience {
    /// The counts with their field names, in order.
    pub fn counts(&self) -> [(&'static str, i64); 6] {
        [
            ("judges", self.judges),
            ("prosecutors", self.prosecutors),
            ("attorneys", self.attorneys),
            ("police", self.police),
            ("social_workers", self.social_workers),
            ("other", self.other),
        ]
    }

    pub fn total(&self) -> i64 {
        self.counts().iter().map(|(_, n)| *n).fold(0i64, i64::saturating_add)
    }

    /// Adds another audience to this one (for totals).
    pub fn add(&mut self, o: &Audience) {
        self.judges = self.judges.saturating_add(o.judges);
        self.prosecutors = self.prosecutors.saturating_add(o.prosecutors);
        self.attorneys = self.attorneys.saturating_add(o.attorneys);
        self.police = self.police.saturating_add(o.police);
        self.social_workers = self.social_workers.saturating_add(o.social_workers);
        self.other = self.other.saturating_add(o.other);
    }

    fn validate(&self) -> Validated<()> {
        for (field, n) in self.counts() {
            count(&format!("audience.{field}"), n)?;
        }
        if self.total() == 0 {
            return Err(ValidationError::new("audience", "no_participants", "a training has at least one participant"));
        }
        Ok(())
    }
}

/// The most people an online reach may hold (a broadcast reaches millions).
pub const MAX_ONLINE_REACH: i64 = 1_000_000_000;

/// A count of people: zero or more, and not absurdly many.
pub fn count(field: &str, n: i64) -> Validated<i64> {
    count_up_to(field, n, MAX_COUNT)
}

fn count_up_to(field: &str, n: i64, max: i64) -> Validated<i64> {
    if n < 0 {
        return Err(ValidationError::new(field, "negative", "a count is zero or more"));
    }
    if n > max {
        return Err(ValidationError::new(field, "too_large", format!("a count is at most {max}")));
    }
    Ok(n)
}

/// A training's material: its title and, when it is online, its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    pub title: String,
    /// An http(s) address.
    #[serde(default)]
    pub link: Option<String>,
}

/// One participant's scores in the knowledge test, before and after the training, in percent.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScorePair {
    pub pre: f64,
    pub post: f64,
}

impl ScorePair {
    /// The change: post − pre, in percentage points.
    pub fn change(&self) -> f64 {
        self.post - self.pre
    }
}

/// What the knowledge tests of one training (or of many) show: the means before and after and
/// the change between them, computed from the pairs. Rounded to one decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, ToSchema)]
pub struct KnowledgeChange {
    /// Participants who took both tests.
    pub tested: i64,
    pub mean_pre: f64,
    pub mean_post: f64,
    /// Mean of post − pre (equal to mean_post − mean_pre), in percentage points.
    pub mean_change: f64,
    /// Participants whose score rose, stayed, fell.
    pub improved: i64,
    pub unchanged: i64,
    pub declined: i64,
}

/// Rounds to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The change the pairs show, or `None` when nobody was tested.
pub fn knowledge_change(pairs: &[ScorePair]) -> Option<KnowledgeChange> {
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mean_pre = pairs.iter().map(|p| p.pre).sum::<f64>() / n;
    let mean_post = pairs.iter().map(|p| p.post).sum::<f64>() / n;
    let mean_change = pairs.iter().map(ScorePair::change).sum::<f64>() / n;
    let tested = i64::try_from(pairs.len()).unwrap_or(i64::MAX);
    let improved = pairs.iter().filter(|p| p.change() > 0.0).count() as i64;
    let declined = pairs.iter().filter(|p| p.change() < 0.0).count() as i64;
    Some(KnowledgeChange {
        tested,
        mean_pre: round1(mean_pre),
        mean_post: round1(mean_post),
        mean_change: round1(mean_change),
        improved,
        unchanged: tested - improved - declined,
        declined,
    })
}

/// Request body for POST /api/v1/trainings.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingInput {
    /// "ATIPA and victim identification for Chiang Rai provincial court".
    pub title: String,
    /// The first day; not in the future (trainings are recorded once held).
    pub starts_on: NaiveDate,
    /// The last day (default: the first); at most 31 days after it.
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    pub place: String,
    pub audience: Audience,
    /// At least one topic.
    pub topics: Vec<EngagementTopic>,
    /// The trainers' names (the organisation's staff or partners').
    #[serde(default)]
    pub trainers: Vec<String>,
    #[serde(default)]
    pub materials: Vec<Material>,
    /// The knowledge test: one pair of scores (percent, 0-100) per participant who took both the
    /// test before and the test after. No names. At most as many as the participants.
    #[serde(default)]
    pub scores: Vec<ScorePair>,
    /// Partner organisations involved (registered organisations other than one's own).
    #[serde(default)]
    pub partner_org_ids: Vec<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Request body for PATCH /api/v1/trainings/{id}: the fields to change (a list given replaces
/// the stored list; `scores` is how the test after the training is added).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingPatch {
    pub title: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub place: Option<String>,
    pub audience: Option<Audience>,
    pub topics: Option<Vec<EngagementTopic>>,
    pub trainers: Option<Vec<String>>,
    pub materials: Option<Vec<Material>>,
    pub scores: Option<Vec<ScorePair>>,
    pub partner_org_ids: Option<Vec<Uuid>>,
    /// "" clears the notes.
    pub notes: Option<String>,
}

/// A training ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTraining {
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub place: String,
    pub audience: Audience,
    pub topics: Vec<EngagementTopic>,
    pub trainers: Vec<String>,
    pub materials: Vec<Material>,
    pub scores: Vec<ScorePair>,
    pub partner_org_ids: Vec<Uuid>,
    pub notes: Option<String>,
}

impl NewTraining {
    /// The input this training would be given as (for a patch on top of it).
    pub fn to_input(&self) -> TrainingInput {
        TrainingInput {
            title: self.title.clone(),
            starts_on: self.starts_on,
            ends_on: Some(self.ends_on),
            place: self.place.clone(),
            audience: self.audience,
            topics: self.topics.clone(),
            trainers: self.trainers.clone(),
            materials: self.materials.clone(),
            scores: self.scores.clone(),
            partner_org_ids: self.partner_org_ids.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// A date a record may carry: not in the future (`today` is the latest date on Earth), not
/// before 2000.
pub fn record_date(field: &str, date: NaiveDate, today: NaiveDate) -> Validated<()> {
    not_in_future(field, date, today)?;
    if date < EARLIEST {
        return Err(ValidationError::new(field, "too_early", "must be a date from the year 2000 on"));
    }
    Ok(())
}

/// Codes without repeats, at least one.
fn topics_of<T: Copy + PartialEq>(field: &str, codes: &[T]) -> Validated<Vec<T>> {
    let mut out: Vec<T> = Vec::new();
    for c in codes {
        if !out.contains(c) {
            out.push(*c);
        }
    }
    if out.is_empty() {
        return Err(ValidationError::new(field, "required", "choose at least one"));
    }
    Ok(out)
}

fn partners_of(ids: &[Uuid]) -> Validated<Vec<Uuid>> {
    let mut out: Vec<Uuid> = Vec::new();
    for id in ids {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    if out.len() > 50 {
        return Err(ValidationError::new("partner_org_ids", "too_many", "at most 50 organisations"));
    }
    Ok(out)
}

fn link(field: &str, value: Option<&str>) -> Validated<Option<String>> {
    let link = optional_text(field, value, 2000)?;
    if let Some(l) = &link {
        let lower = l.to_ascii_lowercase();
        if !(lower.starts_with("https://") || lower.starts_with("http://")) || l.contains(char::is_whitespace) {
            return Err(ValidationError::new(field, "invalid_link", "an address starting with https://"));
        }
    }
    Ok(link)
}

/// A score in percent: a number from 0 to 100.
pub fn score(field: &str, x: f64) -> Validated<f64> {
    if !x.is_finite() || !(0.0..=100.0).contains(&x) {
        return Err(ValidationError::new(field, "out_of_range", "a score is a percentage from 0 to 100"));
    }
    Ok(x)
}

impl TrainingInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewTraining> {
        let title = required_text("title", &self.title, 200)?;
        record_date("starts_on", self.starts_on, today)?;
        let ends_on = self.ends_on.unwrap_or(self.starts_on);
        if ends_on < self.starts_on {
            return Err(ValidationError::new("ends_on", "before_start", "the last day is on or after the first"));
        }
        if (ends_on - self.starts_on).num_days() >= MAX_TRAINING_DAYS {
            return Err(ValidationError::new(
                "ends_on",
                "too_long",
                format!("a training lasts at most {MAX_TRAINING_DAYS} days"),
            ));
        }
        record_date("ends_on", ends_on, today)?;
        let place = required_text("place", &self.place, 200)?;
        self.audience.validate()?;
        let topics = topics_of("topics", &self.topics)?;
        if self.trainers.len() > 50 {
            return Err(ValidationError::new("trainers", "too_many", "at most 50 trainers"));
        }
        let trainers = self
            .trainers
            .iter()
            .enumerate()
            .map(|(i, t)| required_text(&format!("trainers[{i}]"), t, 200))
            .collect::<Validated<Vec<_>>>()?;
        if self.materials.len() > 100 {
            return Err(ValidationError::new("materials", "too_many", "at most 100 materials"));
        }
        let materials = self
            .materials
            .iter()
            .enumerate()
            .map(|(i, m)| {
                Ok(Material {
                    title: required_text(&format!("materials[{i}].title"), &m.title, 300)?,
                    link: link(&format!("materials[{i}].link"), m.link.as_deref())?,
                })
            })
            .collect::<Validated<Vec<_>>>()?;
        for (i, p) in self.scores.iter().enumerate() {
            score(&format!("scores[{i}].pre"), p.pre)?;
            score(&format!("scores[{i}].post"), p.post)?;
        }
        if i64::try_from(self.scores.len()).unwrap_or(i64::MAX) > self.audience.total() {
            return Err(ValidationError::new(
                "scores",
                "more_than_participants",
                "more scores than participants: one pair per participant tested",
            ));
        }
        Ok(NewTraining {
            title,
            starts_on: self.starts_on,
            ends_on,
            place,
            audience: self.audience,
            topics,
            trainers,
            materials,
            scores: self.scores,
            partner_org_ids: partners_of(&self.partner_org_ids)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

impl TrainingPatch {
    /// The training as it would be after the patch, checked as a whole.
    pub fn apply(self, current: &NewTraining, today: NaiveDate) -> Validated<NewTraining> {
        let mut input = current.to_input();
        if let Some(v) = self.title {
            input.title = v;
        }
        if let Some(v) = self.starts_on {
            // Moving the first day moves a one-day training's last day with it.
            if current.ends_on == current.starts_on && self.ends_on.is_none() {
                input.ends_on = Some(v);
            }
            input.starts_on = v;
        }
        if let Some(v) = self.ends_on {
            input.ends_on = Some(v);
        }
        if let Some(v) = self.place {
            input.place = v;
        }
        if let Some(v) = self.audience {
            input.audience = v;
        }
        if let Some(v) = self.topics {
            input.topics = v;
        }
        if let Some(v) = self.trainers {
            input.trainers = v;
        }
        if let Some(v) = self.materials {
            input.materials = v;
        }
        if let Some(v) = self.scores {
            input.scores = v;
        }
        if let Some(v) = self.partner_org_ids {
            input.partner_org_ids = v;
        }
        if let Some(v) = self.notes {
            input.notes = Some(v);
        }
        input.validate(today)
    }
}

/// Request body for POST /api/v1/community-events.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommunityEventInput {
    /// "Safe migration talk at Ban Huay Khrai school".
    pub title: String,
    /// The day it was held; not in the future.
    pub held_on: NaiveDate,
    pub place: String,
    /// Who it reached (at least one).
    pub audience: Vec<EventAudience>,
    pub topics: Vec<EngagementTopic>,
    /// People reached in person.
    pub people_reached: i64,
    /// People reached online (a broadcast, a live stream, views), when any.
    #[serde(default)]
    pub online_reach: Option<i64>,
    #[serde(default)]
    pub partner_org_ids: Vec<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A community education event ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCommunityEvent {
    pub title: String,
    pub held_on: NaiveDate,
    pub place: String,
    pub audience: Vec<EventAudience>,
    pub topics: Vec<EngagementTopic>,
    pub people_reached: i64,
    pub online_reach: Option<i64>,
    pub partner_org_ids: Vec<Uuid>,
    pub notes: Option<String>,
}

impl CommunityEventInput {
    pub fn validate(self, today: NaiveDate) -> Validated<NewCommunityEvent> {
        let title = required_text("title", &self.title, 200)?;
        record_date("held_on", self.held_on, today)?;
        let place = required_text("place", &self.place, 200)?;
        let audience = topics_of("audience", &self.audience)?;
        let topics = topics_of("topics", &self.topics)?;
        let people_reached = count("people_reached", self.people_reached)?;
        let online_reach = self.online_reach.map(|n| count_up_to("online_reach", n, MAX_ONLINE_REACH)).transpose()?;
        Ok(NewCommunityEvent {
            title,
            held_on: self.held_on,
            place,
            audience,
            topics,
            people_reached,
            online_reach,
            partner_org_ids: partners_of(&self.partner_org_ids)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// A period `from`..=`to` (either open); `from` after `to` is refused on `to`.
pub fn period(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Validated<(Option<NaiveDate>, Option<NaiveDate>)> {
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(ValidationError::new("to", "before_start", "the end of the period is on or after its start"));
        }
    }
    Ok((from, to))
}

/// Whether `date` lies in the period.
pub fn within(date: NaiveDate, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn training() -> TrainingInput {
        TrainingInput {
            title: "ATIPA for the provincial court".into(),
            starts_on: d("2026-05-10"),
            ends_on: Some(d("2026-05-11")),
            place: "Chiang Rai".into(),
            audience: Audience { judges: 12, prosecutors: 5, attorneys: 3, police: 0, social_workers: 0, other: 1 },
            topics: vec![EngagementTopic::TraffickingLaw, EngagementTopic::TraffickingLaw],
            trainers: vec!["Khun Suda".into()],
            materials: vec![Material { title: "ATIPA handbook".into(), link: Some("https://example.org/h".into()) }],
            scores: vec![ScorePair { pre: 40.0, post: 70.0 }, ScorePair { pre: 60.0, post: 55.0 }],
            partner_org_ids: vec![],
            notes: None,
        }
    }

    const TODAY: &str = "2026-06-01";

    #[test]
    fn a_training_is_checked_and_its_topics_kept_once() {
        let t = training().validate(d(TODAY)).unwrap();
        assert_eq!(t.topics, vec![EngagementTopic::TraffickingLaw]);
        assert_eq!(t.audience.total(), 21);
        let mut one_day = training();
        one_day.ends_on = None;
        assert_eq!(one_day.validate(d(TODAY)).unwrap().ends_on, d("2026-05-10"));
    }

    #[test]
    fn counts_are_zero_or_more_and_someone_attended() {
        let mut t = training();
        t.audience.police = -1;
        let e = t.validate(d(TODAY)).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("audience.police", "negative"));
        let mut t = training();
        t.audience = Audience::default();
        t.scores.clear();
        assert_eq!(t.validate(d(TODAY)).unwrap_err().code, "no_participants");
        let mut t = training();
        t.audience.other = MAX_COUNT + 1;
        assert_eq!(t.validate(d(TODAY)).unwrap_err().code, "too_large");
    }

    #[test]
    fn scores_are_percentages_and_no_more_than_the_participants() {
        for bad in [-0.5, 100.5, f64::NAN, f64::INFINITY] {
            let mut t = training();
            t.scores[1].post = bad;
            let e = t.validate(d(TODAY)).unwrap_err();
            assert_eq!((e.field.as_str(), e.code), ("scores[1].post", "out_of_range"), "{bad}");
        }
        let mut t = training();
        t.scores[0].pre = 0.0;
        t.scores[0].post = 100.0;
        assert!(t.validate(d(TODAY)).is_ok());
        let mut t = training();
        t.audience = Audience { judges: 1, ..Audience::default() };
        assert_eq!(t.validate(d(TODAY)).unwrap_err().field, "scores");
    }

    #[test]
    fn dates_are_not_in_the_future_nor_absurd() {
        let mut t = training();
        t.starts_on = d("2026-06-02");
        t.ends_on = None;
        assert_eq!(t.validate(d(TODAY)).unwrap_err().field, "starts_on");
        let mut t = training();
        t.ends_on = Some(d("2026-06-05"));
        let e = t.validate(d(TODAY)).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("ends_on", "in_future"));
        let mut t = training();
        t.ends_on = Some(d("2026-05-09"));
        assert_eq!(t.validate(d(TODAY)).unwrap_err().code, "before_start");
        let mut t = training();
        t.starts_on = d("2026-04-01");
        t.ends_on = Some(d("2026-05-20"));
        assert_eq!(t.validate(d(TODAY)).unwrap_err().code, "too_long");
        let mut t = training();
        t.starts_on = d("1999-12-31");
        t.ends_on = None;
        assert_eq!(t.validate(d(TODAY)).unwrap_err().code, "too_early");
        // Today is fine.
        let mut t = training();
        t.starts_on = d(TODAY);
        t.ends_on = None;
        assert!(t.validate(d(TODAY)).is_ok());
    }

    #[test]
    fn materials_need_a_title_and_a_web_link() {
        let mut t = training();
        t.materials[0].link = Some("javascript:alert(1)".into());
        assert_eq!(t.validate(d(TODAY)).unwrap_err().field, "materials[0].link");
        let mut t = training();
        t.materials[0].title = " ".into();
        assert_eq!(t.validate(d(TODAY)).unwrap_err().field, "materials[0].title");
        let mut t = training();
        t.trainers.push("".into());
        assert_eq!(t.validate(d(TODAY)).unwrap_err().field, "trainers[1]");
    }

    #[test]
    fn the_change_is_computed_from_the_pairs() {
        assert_eq!(knowledge_change(&[]), None);
        let pairs = [
            ScorePair { pre: 40.0, post: 70.0 },
            ScorePair { pre: 60.0, post: 55.0 },
            ScorePair { pre: 50.0, post: 50.0 },
            ScorePair { pre: 35.5, post: 80.0 },
        ];
        let k = knowledge_change(&pairs).unwrap();
        assert_eq!(k.tested, 4);
        assert_eq!(k.mean_pre, 46.4); // 185.5 / 4 = 46.375
        assert_eq!(k.mean_post, 63.8); // 255 / 4 = 63.75
        assert_eq!(k.mean_change, 17.4); // 69.5 / 4 = 17.375
        assert_eq!((k.improved, k.unchanged, k.declined), (2, 1, 1));
        assert_eq!(pairs[1].change(), -5.0);
    }

    #[test]
    fn a_patch_is_checked_as_a_whole() {
        let current = training().validate(d(TODAY)).unwrap();
        let patch = TrainingPatch { scores: Some(vec![ScorePair { pre: 10.0, post: 90.0 }]), ..Default::default() };
        let after = patch.apply(&current, d(TODAY)).unwrap();
        assert_eq!(after.scores.len(), 1);
        assert_eq!(after.title, current.title);
        let patch = TrainingPatch { ends_on: Some(d("2026-05-01")), ..Default::default() };
        assert_eq!(patch.apply(&current, d(TODAY)).unwrap_err().field, "ends_on");
        let patch = TrainingPatch { notes: Some("".into()), ..Default::default() };
        assert_eq!(patch.apply(&current, d(TODAY)).unwrap().notes, None);
    }

    #[test]
    fn an_event_has_its_audience_topics_and_reach() {
        let input = |reached: i64, online: Option<i64>| CommunityEventInput {
            title: "Safe migration talk".into(),
            held_on: d("2026-05-20"),
            place: "Ban Huay Khrai school".into(),
            audience: vec![EventAudience::Students, EventAudience::Parents],
            topics: vec![EngagementTopic::SafeMigration],
            people_reached: reached,
            online_reach: online,
            partner_org_ids: vec![],
            notes: None,
        };
        assert_eq!(input(120, Some(3000)).validate(d(TODAY)).unwrap().online_reach, Some(3000));
        assert_eq!(input(-1, None).validate(d(TODAY)).unwrap_err().field, "people_reached");
        assert_eq!(input(1, Some(-2)).validate(d(TODAY)).unwrap_err().field, "online_reach");
        assert!(input(1, Some(5_000_000)).validate(d(TODAY)).is_ok(), "a broadcast reaches millions");
        assert_eq!(input(MAX_COUNT + 1, None).validate(d(TODAY)).unwrap_err().code, "too_large");
        let mut e = input(1, None);
        e.audience.clear();
        assert_eq!(e.validate(d(TODAY)).unwrap_err().field, "audience");
        let mut e = input(1, None);
        e.held_on = d("2026-06-02");
        assert_eq!(e.validate(d(TODAY)).unwrap_err().field, "held_on");
    }

    #[test]
    fn a_period_runs_forward() {
        assert!(period(Some(d("2026-01-01")), Some(d("2026-12-31"))).is_ok());
        assert_eq!(period(Some(d("2026-02-01")), Some(d("2026-01-31"))).unwrap_err().field, "to");
        assert!(within(d("2026-01-01"), Some(d("2026-01-01")), None));
        assert!(!within(d("2025-12-31"), Some(d("2026-01-01")), None));
        assert!(within(d("2026-03-01"), None, None));
    }
}
