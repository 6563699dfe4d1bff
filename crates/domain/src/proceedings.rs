//! Criminal and civil proceedings of a case (issue 8; docs/decisions/0019): the court, the case
//! numbers, the prosecutor, the charges, the defendants, and what happens in court (hearings,
//! depositions taken before trial under ATIPA s.31, verdicts, sentences, appeals); and the
//! iCalendar text of a user's calendar feed.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validation::{optional_text, required_text, Validated, ValidationError};
use crate::vocab::vocabulary;

vocabulary! {
    /// What a proceeding is.
    ProceedingKind {
        Criminal = "criminal",
        Civil = "civil",
    }
}

vocabulary! {
    /// Where a proceeding stands.
    ProceedingStatus {
        /// With the police or the prosecutor, not yet filed in court.
        PreTrial = "pre_trial",
        Filed = "filed",
        Trial = "trial",
        Judgment = "judgment",
        Appeal = "appeal",
        /// The judgment is final.
        Final = "final",
        Withdrawn = "withdrawn",
    }
}

vocabulary! {
    /// The law a charge is under.
    ChargeLaw {
        /// Anti-Trafficking in Persons Act B.E. 2551.
        Atipa = "atipa",
        PenalCode = "penal_code",
        /// Anti-Money Laundering Act B.E. 2542.
        AntiMoneyLaundering = "anti_money_laundering",
        Immigration = "immigration",
        Labour = "labour",
        ChildProtection = "child_protection",
        ComputerCrime = "computer_crime",
        Other = "other",
    }
}

vocabulary! {
    /// Something that happens in a proceeding.
    CourtEventKind {
        Hearing = "hearing",
        /// A deposition taken before trial (ATIPA s.31), so that a victim need not wait for the trial.
        PretrialDeposition = "pretrial_deposition",
        Verdict = "verdict",
        Sentence = "sentence",
        Appeal = "appeal",
        Other = "other",
    }
}

/// One charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    pub law: ChargeLaw,
    /// The section, e.g. "6" or "52".
    pub section: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// Request body for recording a proceeding.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProceedingInput {
    pub kind: ProceedingKind,
    /// The court, e.g. "Central Criminal Court for Corruption and Misconduct Cases" or "Mae Sot
    /// Provincial Court".
    pub court: String,
    /// The black case number (given when filed).
    #[serde(default)]
    pub black_case_number: Option<String>,
    /// The red case number (given at judgment).
    #[serde(default)]
    pub red_case_number: Option<String>,
    #[serde(default)]
    pub prosecutor: Option<String>,
    #[serde(default)]
    pub charges: Vec<Charge>,
    /// Perpetrators of the case who are defendants.
    #[serde(default)]
    pub defendants: Vec<Uuid>,
    #[serde(default)]
    pub status: Option<ProceedingStatus>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A proceeding ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProceeding {
    pub kind: ProceedingKind,
    pub court: String,
    pub black_case_number: Option<String>,
    pub red_case_number: Option<String>,
    pub prosecutor: Option<String>,
    pub charges: Vec<Charge>,
    pub defendants: Vec<Uuid>,
    pub status: ProceedingStatus,
    pub notes: Option<String>,
}

impl ProceedingInput {
    pub fn validate(self) -> Validated<NewProceeding> {
        if self.charges.len() > 50 {
            return Err(ValidationError::new("charges", "too_many", "at most 50 charges"));
        }
        let mut charges = Vec::with_capacity(self.charges.len());
        for (i, c) in self.charges.into_iter().enumerate() {
            charges.push(Charge {
                law: c.law,
                section: required_text(&format!("charges[{i}].section"), &c.section, 40)?,
                description: optional_text(&format!("charges[{i}].description"), c.description.as_deref(), 500)?,
            });
        }
        let mut defendants = self.defendants;
        defendants.sort();
        defendants.dedup();
        Ok(NewProceeding {
            kind: self.kind,
            court: required_text("court", &self.court, 300)?,
            black_case_number: optional_text("black_case_number", self.black_case_number.as_deref(), 100)?,
            red_case_number: optional_text("red_case_number", self.red_case_number.as_deref(), 100)?,
            prosecutor: optional_text("prosecutor", self.prosecutor.as_deref(), 300)?,
            charges,
            defendants,
            status: self.status.unwrap_or(ProceedingStatus::Filed),
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// Request body for something that happens (or will happen) in court.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CourtEventInput {
    pub kind: CourtEventKind,
    /// Local time (Thailand) of the hearing, `YYYY-MM-DDTHH:MM`; a future hearing is scheduled.
    #[schema(value_type = String, example = "2026-07-14T09:30:00")]
    pub starts_at: NaiveDateTime,
    /// The courtroom or place.
    #[serde(default)]
    pub place: Option<String>,
    /// What came of it (recorded afterwards): adjourned, witnesses heard, guilty, 10 years...
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A court event ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCourtEvent {
    pub kind: CourtEventKind,
    pub starts_at: NaiveDateTime,
    pub place: Option<String>,
    pub outcome: Option<String>,
    pub notes: Option<String>,
}

impl CourtEventInput {
    /// `today` bounds how far back a date may be (no year before 1990) and how far ahead (five
    /// years): a typo in the year is caught.
    pub fn validate(self, today: NaiveDate) -> Validated<NewCourtEvent> {
        let d = self.starts_at.date();
        let earliest = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(d);
        if d < earliest || d > today + Duration::days(5 * 366) {
            return Err(ValidationError::new("starts_at", "out_of_range", "a date from 1990 to five years from now"));
        }
        Ok(NewCourtEvent {
            kind: self.kind,
            starts_at: self.starts_at,
            place: optional_text("place", self.place.as_deref(), 300)?,
            outcome: optional_text("outcome", self.outcome.as_deref(), 4000)?,
            notes: optional_text("notes", self.notes.as_deref(), 4000)?,
        })
    }
}

/// Days before a hearing on which its reminder shows (it shows every day from the first).
pub const HEARING_REMINDER_DAYS: i64 = 14;

/// Whether a hearing on `day` is marked as coming up on `today`.
pub fn hearing_reminder_due(day: NaiveDate, today: NaiveDate) -> bool {
    let left = (day - today).num_days();
    (0..=HEARING_REMINDER_DAYS).contains(&left)
}

// ---------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)

/// One event of a calendar feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarItem {
    /// Stable across feeds (the record's id and what it is).
    pub uid: String,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub when: CalendarTime,
}

/// When a calendar item happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarTime {
    /// Local time in Asia/Bangkok, one hour long.
    At(NaiveDateTime),
    /// A whole day.
    Day(NaiveDate),
}

/// Escapes a text value (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a character (RFC 5545 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

/// The calendar feed's text: `items` as VEVENTs stamped `now` (UTC, `YYYYMMDDTHHMMSSZ`).
pub fn icalendar(name: &str, now_utc: &str, items: &[CalendarItem]) -> String {
    let mut out = String::new();
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//counternet//calendar//EN", "CALSCALE:GREGORIAN"] {
        out.push_str(&fold(line));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", escape(name))));
    out.push_str(&fold("X-WR-TIMEZONE:Asia/Bangkok"));
    for item in items {
        out.push_str(&fold("BEGIN:VEVENT"));
        out.push_str(&fold(&format!("UID:{}", escape(&item.uid))));
        out.push_str(&fold(&format!("DTSTAMP:{now_utc}")));
        match item.when {
            CalendarTime::At(t) => {
                let end = t + Duration::hours(1);
                out.push_str(&fold(&format!("DTSTART;TZID=Asia/Bangkok:{}", t.format("%Y%m%dT%H%M%S"))));
                out.push_str(&fold(&format!("DTEND;TZID=Asia/Bangkok:{}", end.format("%Y%m%dT%H%M%S"))));
            }
            CalendarTime::Day(d) => {
                out.push_str(&fold(&format!("DTSTART;VALUE=DATE:{}", d.format("%Y%m%d"))));
                out.push_str(&fold(&format!("DTEND;VALUE=DATE:{}", (d + Duration::days(1)).format("%Y%m%d"))));
            }
        }
        out.push_str(&fold(&format!("SUMMARY:{}", escape(&item.summary))));
        if let Some(d) = &item.description {
            out.push_str(&fold(&format!("DESCRIPTION:{}", escape(d))));
        }
        if let Some(l) = &item.location {
            out.push_str(&fold(&format!("LOCATION:{}", escape(l))));
        }
        out.push_str(&fold("END:VEVENT"));
    }
    out.push_str(&fold("END:VCALENDAR"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_proceeding_needs_a_court_and_readable_charges() {
        let input = |court: &str, section: &str| ProceedingInput {
            kind: ProceedingKind::Criminal,
            court: court.into(),
            black_case_number: Some("อ.123/2569".into()),
            red_case_number: None,
            prosecutor: None,
            charges: vec![Charge { law: ChargeLaw::Atipa, section: section.into(), description: None }],
            defendants: vec![Uuid::from_u128(2), Uuid::from_u128(1), Uuid::from_u128(2)],
            status: None,
            notes: None,
        };
        assert_eq!(input(" ", "6").validate().unwrap_err().field, "court");
        assert_eq!(input("Mae Sot Provincial Court", "").validate().unwrap_err().field, "charges[0].section");
        let p = input("Mae Sot Provincial Court", "6").validate().unwrap();
        assert_eq!(p.defendants, vec![Uuid::from_u128(1), Uuid::from_u128(2)]);
        assert_eq!(p.status, ProceedingStatus::Filed);
    }

    #[test]
    fn court_dates_with_a_wrong_year_are_refused() {
        let today = day(2026, 6, 1);
        let at = |y: i32| CourtEventInput {
            kind: CourtEventKind::Hearing,
            starts_at: day(y, 7, 1).and_hms_opt(9, 30, 0).unwrap(),
            place: None,
            outcome: None,
            notes: None,
        };
        assert!(at(2026).validate(today).is_ok());
        assert_eq!(at(2569).validate(today).unwrap_err().field, "starts_at", "a Buddhist-era year typed as C.E.");
        assert!(at(1980).validate(today).is_err());
    }

    #[test]
    fn hearing_reminders_run_for_fourteen_days_before() {
        let today = day(2026, 6, 1);
        assert!(hearing_reminder_due(day(2026, 6, 1), today));
        assert!(hearing_reminder_due(day(2026, 6, 15), today));
        assert!(!hearing_reminder_due(day(2026, 6, 16), today));
        assert!(!hearing_reminder_due(day(2026, 5, 31), today));
    }

    #[test]
    fn the_feed_is_valid_icalendar_escaped_and_folded() {
        let items = vec![
            CalendarItem {
                uid: "a@counternet".into(),
                summary: "Hearing; CN-2026-00001, Mae Sot".into(),
                description: Some(format!("line one\nline two {}", "ยาว".repeat(40))),
                location: Some("Courtroom 3".into()),
                when: CalendarTime::At(day(2026, 7, 1).and_hms_opt(9, 30, 0).unwrap()),
            },
            CalendarItem {
                uid: "b@counternet".into(),
                summary: "Seizure lapses".into(),
                description: None,
                location: None,
                when: CalendarTime::Day(day(2026, 7, 2)),
            },
        ];
        let text = icalendar("counternet: inv", "20260601T020000Z", &items);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("SUMMARY:Hearing\\; CN-2026-00001\\, Mae Sot\r\n"));
        assert!(text.contains("DTSTART;TZID=Asia/Bangkok:20260701T093000\r\n"));
        assert!(text.contains("DTEND;TZID=Asia/Bangkok:20260701T103000\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20260702\r\nDTEND;VALUE=DATE:20260703\r\n"));
        assert!(text.contains("line one\\nline two"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "a line longer than 75 octets: {line}");
        }
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        // Unfolding gives back the description whole.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&"ยาว".repeat(40)));
    }
}
