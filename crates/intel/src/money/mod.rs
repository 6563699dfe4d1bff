//! Following the money (issue 7; docs/decisions/0016-money-engine.md): an in-memory index of
//! payments, traces forward and backward from an account or a payment, and the rules and
//! typologies that turn a transaction list into alerts. Pure: no store, no clock, no I/O; rayon for
//! parallelism.
//!
//! - [`Ledger`]: accounts interned to dense `u32` ids; payments sorted by time and held in columns
//!   (payer, payee, amount in integer minor units with its ISO 4217 [`Currency`], UTC time, the
//!   written local time of day); for each account its outgoing and incoming payments in two CSR
//!   arrays, in time order, so that "payments out of `a` between `t1` and `t2`" is two binary
//!   searches.
//! - [`Tracer`]: forward (times strictly rising) or backward (falling) from an account or one
//!   payment, each next amount within a tolerance of the previous one, each hop within a time
//!   window, up to k hops, with a cap on the payments taken from one account per hop (reported);
//!   the answer is a [`Flow`]: the payments, per-link and per-account totals.
//! - [`scan`]: every rule of [`Rules`] over every account, in parallel; each [`Alert`] names its
//!   rule, accounts, the payments that triggered it and a score in 0..1.
//! - [`load_csv`]: the transaction CSV contract (id, from_account, to_account, amount, currency,
//!   timestamp).

mod csv;
mod ledger;
mod scan;
mod trace;

#[cfg(test)]
mod tests;

pub use self::csv::{load_csv, parse_amount, parse_timestamp, CsvError, LoadReport, COLUMNS};
pub use ledger::{Ledger, LedgerBuilder, NewPayment, Payment};
pub use scan::{scan, Alert, Rule, Rules, StructuringThreshold, WageBand};
pub use trace::{AccountTotal, Direction, EdgeTotal, Flow, Start, TraceQuery, Tracer};

/// An account's dense id: its index in the ledger.
pub type AccountId = u32;
/// A payment's position in the ledger (time order).
pub type PaymentIx = u32;

/// An ISO 4217 alphabetic code, packed in 15 bits (three letters A to Z).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Currency(u16);

impl Currency {
    pub const THB: Currency = Currency::pack(*b"THB");
    pub const USD: Currency = Currency::pack(*b"USD");

    const fn pack(c: [u8; 3]) -> Currency {
        Currency(
            (c[0].wrapping_sub(b'A') as u16) * 676
                + (c[1].wrapping_sub(b'A') as u16) * 26
                + c[2].wrapping_sub(b'A') as u16,
        )
    }

    /// Three ASCII letters (any case); anything else is `None`.
    pub fn parse(code: &str) -> Option<Currency> {
        let b = code.trim().as_bytes();
        let [x, y, z] = <[u8; 3]>::try_from(b).ok()?;
        let up = [x.to_ascii_uppercase(), y.to_ascii_uppercase(), z.to_ascii_uppercase()];
        up.iter().all(u8::is_ascii_uppercase).then(|| Currency::pack(up))
    }

    pub fn code(self) -> String {
        let v = self.0;
        [v / 676, (v / 26) % 26, v % 26].iter().map(|&d| char::from(b'A' + d as u8)).collect()
    }

    /// Digits after the decimal point (ISO 4217): 0 for JPY, KRW, VND and a few others, 3 for the
    /// dinars of Bahrain, Iraq, Jordan, Kuwait, Libya and Tunisia and the rial of Oman, 2 otherwise.
    pub fn exponent(self) -> u32 {
        match self.code().as_str() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
            | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            _ => 2,
        }
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.code())
    }
}

/// An amount in integer minor units (satang for THB, cents for USD) of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// The amount as decimal text, `1234.50`.
    pub fn decimal(self) -> String {
        format_minor(self.minor, self.currency.exponent())
    }
}

/// Minor units as decimal text with `exponent` digits after the point.
pub fn format_minor(minor: i64, exponent: u32) -> String {
    if exponent == 0 {
        return minor.to_string();
    }
    let scale = 10i64.pow(exponent);
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    let s = scale.unsigned_abs();
    format!("{sign}{}.{:0width$}", m / s, m % s, width = exponent as usize)
}

/// When a payment was made: seconds since 1970-01-01 UTC, and the minute of the day (0 to 1439) in
/// the local time it was written in (the red flag on late-night activity is about local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Timestamp {
    pub utc: i64,
    pub local_minute: u16,
}

impl Timestamp {
    /// ISO 8601 text in UTC, `2026-03-14T02:05:00Z`.
    pub fn utc_text(self) -> String {
        let days = self.utc.div_euclid(86_400);
        let secs = self.utc.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, (secs / 60) % 60, secs % 60)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Whether `next` is within `tolerance` (a fraction) of `prev`: |next − prev| ≤ tolerance × |prev|.
#[inline]
pub(crate) fn within(prev: i64, next: i64, tolerance: f64) -> bool {
    let diff = (i128::from(next) - i128::from(prev)).unsigned_abs() as f64;
    diff <= tolerance * (prev.unsigned_abs() as f64)
}
