//! Call-detail records as a police partner provides them: a CSV of caller, callee, start time and
//! duration. Read here into checked calls; a row that cannot be read is named by its line and
//! column, and the whole file is refused (nothing of it is kept).
//!
//! Columns are found by their header, whatever their order and case: the caller (`caller`, `from`,
//! `a_number`, `calling_number`, `msisdn`), the callee (`callee`, `to`, `b_number`,
//! `called_number`), the start (`start`, `start_time`, `started_at`, `datetime`, `date`, or
//! separate `date` and `time` columns) and the duration (`duration`, `duration_s`, `seconds`).
//! Other columns are ignored and listed. Times: `2026-05-01T10:22:33`, `2026-05-01 10:22`,
//! `01/05/2026 10:22:33` (day first, as Thai records are) and Buddhist-era years (`01/05/2569`).
//! Durations: seconds (`125`), `2:05` or `0:02:05`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::party::normalise_phone;

/// One call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The CSV line the call was read from.
    pub line: u64,
    /// Both numbers in E.164.
    pub caller: String,
    pub callee: String,
    /// The start as written (the record's local time; no time zone is assumed).
    pub started_at: NaiveDateTime,
    pub duration_seconds: u32,
}

/// A file read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallFile {
    pub calls: Vec<Call>,
    /// Header names that were not used.
    pub ignored_columns: Vec<String>,
}

/// Why a file cannot be read: where, and what. Never the value itself (a phone number).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {message}", column.map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct CallFileError {
    pub line: u64,
    pub column: Option<usize>,
    pub message: String,
}

fn err(line: u64, column: Option<usize>, message: impl Into<String>) -> CallFileError {
    CallFileError { line, column, message: message.into() }
}

const CALLER: &[&str] = &["caller", "from", "a_number", "a-number", "anumber", "calling_number", "msisdn", "source"];
const CALLEE: &[&str] = &["callee", "to", "b_number", "b-number", "bnumber", "called_number", "destination"];
const START: &[&str] = &["start", "start_time", "started_at", "start time", "datetime", "date_time", "timestamp"];
const DATE: &[&str] = &["date", "call_date"];
const TIME: &[&str] = &["time", "call_time"];
const DURATION: &[&str] = &["duration", "duration_s", "duration_seconds", "seconds", "length"];

/// Reads a call-detail file.
pub fn parse_calls(text: &str) -> Result<CallFile, CallFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(err(1, None, "the file is empty"));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(&e, 1))?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
    let caller = find(CALLER).ok_or_else(|| err(1, None, "no caller column (caller, from, a_number...)"))?;
    let callee = find(CALLEE).ok_or_else(|| err(1, None, "no callee column (callee, to, b_number...)"))?;
    let start = find(START);
    let (date, time) = (find(DATE), find(TIME));
    if start.is_none() && date.is_none() {
        return Err(err(1, None, "no start column (start, start_time, datetime, or date and time)"));
    }
    let duration = find(DURATION).ok_or_else(|| err(1, None, "no duration column (duration, seconds...)"))?;
    let used = [
        Some(caller),
        Some(callee),
        start,
        if start.is_none() { date } else { None },
        if start.is_none() { time } else { None },
        Some(duration),
    ];
    let ignored_columns =
        names.iter().enumerate().filter(|(i, _)| !used.contains(&Some(*i))).map(|(_, n)| n.clone()).collect();
    let mut calls = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&e, 0))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("");
        let phone = |i: usize, what: &str| {
            normalise_phone(field(i)).ok_or_else(|| err(line, Some(i + 1), format!("the {what} is not a phone number")))
        };
        let caller_number = phone(caller, "caller")?;
        let callee_number = phone(callee, "callee")?;
        let started_at = match start {
            Some(s) => {
                parse_time(field(s)).ok_or_else(|| err(line, Some(s + 1), "the start is not a date and time"))?
            }
            None => {
                let d = date.unwrap_or(0);
                let day = parse_date(field(d)).ok_or_else(|| err(line, Some(d + 1), "the date is not a date"))?;
                let at = match time {
                    Some(t) => parse_clock(field(t)).ok_or_else(|| err(line, Some(t + 1), "the time is not a time"))?,
                    None => NaiveTime::MIN,
                };
                day.and_time(at)
            }
        };
        let duration_seconds = parse_duration(field(duration))
            .ok_or_else(|| err(line, Some(duration + 1), "the duration is not seconds or h:mm:ss"))?;
        calls.push(Call { line, caller: caller_number, callee: callee_number, started_at, duration_seconds });
    }
    if calls.is_empty() {
        return Err(err(2, None, "the file has a header but no calls"));
    }
    Ok(CallFile { calls, ignored_columns })
}

fn csv_error(e: &csv::Error, fallback_line: u64) -> CallFileError {
    let line = e.position().map_or(fallback_line, |p| p.line());
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            err(line, None, format!("{len} fields where the header has {expected_len}"))
        }
        csv::ErrorKind::Utf8 { .. } => err(line, None, "not UTF-8 text (save the file as CSV UTF-8)"),
        _ => err(line, None, "not CSV"),
    }
}

/// A calendar date: ISO, or day first with / - or . (B.E. years from 2400 are converted).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, mut y): (u32, u32, i32) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    if y < 100 {
        return None;
    }
    if y >= 2400 {
        y -= 543;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A clock time: `10:22` or `10:22:33`.
pub fn parse_clock(raw: &str) -> Option<NaiveTime> {
    let s = raw.trim();
    NaiveTime::parse_from_str(s, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(s, "%H:%M")).ok()
}

/// A date and time: the date (see [`parse_date`]) and a clock time separated by `T` or spaces; an
/// offset or `Z` at the end is dropped (the time is kept as written).
pub fn parse_time(raw: &str) -> Option<NaiveDateTime> {
    let s = raw.trim();
    let s = s.strip_suffix('Z').unwrap_or(s);
    let (date, time) = s.split_once(['T', ' '])?;
    let time = time.trim();
    let time = match time.rfind(['+', '-']) {
        Some(i) if i >= 5 => time.get(..i).unwrap_or(time),
        _ => time,
    };
    let time = time.split('.').next().unwrap_or(time);
    Some(parse_date(date)?.and_time(parse_clock(time)?))
}

/// A duration: whole seconds, `m:ss` or `h:mm:ss`.
pub fn parse_duration(raw: &str) -> Option<u32> {
    let s = raw.trim();
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let parts: Vec<u32> = s.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    match parts.as_slice() {
        [m, sec] if *sec < 60 => m.checked_mul(60)?.checked_add(*sec),
        [h, m, sec] if *m < 60 && *sec < 60 => h.checked_mul(3600)?.checked_add(m * 60 + sec),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_any_column_order_with_thai_dates_reads_into_calls() {
        let text = "Duration,B_Number,Start Time,A_Number,cell_id\n\
                    125,+66 81 234 5678,2026-05-01 10:22:33,0899999999,T123\n\
                    0:02:05,0812345678,01/05/2569 23:59,089-999-9999,T124\n";
        let file = parse_calls(text).unwrap();
        assert_eq!(file.ignored_columns, vec!["cell_id".to_string()]);
        assert_eq!(file.calls.len(), 2);
        let first = &file.calls[0];
        assert_eq!((first.caller.as_str(), first.callee.as_str()), ("+66899999999", "+66812345678"));
        assert_eq!(first.started_at.to_string(), "2026-05-01 10:22:33");
        assert_eq!(first.duration_seconds, 125);
        assert_eq!(first.line, 2);
        assert_eq!(file.calls[1].started_at.to_string(), "2026-05-01 23:59:00");
        assert_eq!(file.calls[1].duration_seconds, 125);
    }

    #[test]
    fn separate_date_and_time_columns_are_joined() {
        let file = parse_calls("from,to,date,time,seconds\n0811111111,0822222222,2026-03-02,08:15,30\n").unwrap();
        assert_eq!(file.calls[0].started_at.to_string(), "2026-03-02 08:15:00");
    }

    #[test]
    fn a_bad_row_is_named_by_line_and_column_without_its_value() {
        let text = "caller,callee,start,duration\n0811111111,0822222222,2026-03-02 08:15,30\n0811111111,not-a-phone,2026-03-02 08:16,30\n";
        let e = parse_calls(text).unwrap_err();
        assert_eq!((e.line, e.column), (3, Some(2)));
        assert_eq!(e.to_string(), "line 3, column 2: the callee is not a phone number");
        let e = parse_calls("caller,callee,start,duration\n0811111111,0822222222,yesterday,30\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(3)));
        let e = parse_calls("caller,callee,start,duration\n0811111111,0822222222,2026-03-02 08:15,-4\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, Some(4)));
        let e = parse_calls("caller,callee,start,duration\n0811111111,0822222222\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("fields"), "{e}");
        assert_eq!(parse_calls("").unwrap_err().message, "the file is empty");
        assert!(parse_calls("caller,callee,start,duration\n").unwrap_err().message.contains("no calls"));
        assert!(parse_calls("who,whom\n1,2\n").unwrap_err().message.contains("caller"));
    }

    #[test]
    fn durations_and_times_in_their_forms() {
        assert_eq!(parse_duration("0"), Some(0));
        assert_eq!(parse_duration("1:00:01"), Some(3601));
        assert_eq!(parse_duration("2:61"), None);
        assert_eq!(
            parse_time("2026-05-01T10:22:33+07:00").map(|t| t.to_string()).as_deref(),
            Some("2026-05-01 10:22:33")
        );
        assert_eq!(
            parse_time("2026-05-01T10:22:33.250Z").map(|t| t.to_string()).as_deref(),
            Some("2026-05-01 10:22:33")
        );
        assert_eq!(parse_date("31/12/2568"), NaiveDate::from_ymd_opt(2025, 12, 31));
        assert_eq!(parse_date("31/02/2026"), None);
    }
}
