//! Amounts of money as counternet keeps them (integer minor units with an ISO 4217 currency) and
//! as people read them.

/// ISO 4217 currencies without minor units: their minor unit is the whole unit.
const NO_MINOR_UNITS: [&str; 16] =
    ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"];

/// How many decimals a currency's minor unit has (0 or 2).
pub fn decimals(currency: &str) -> u32 {
    if NO_MINOR_UNITS.contains(&currency) {
        0
    } else {
        2
    }
}

/// An amount in minor units as people read it: thousands separated by commas and the minor units
/// after the point ("1,250,000.50" for 125000050 satang).
pub fn format_minor(minor: i64, currency: &str) -> String {
    let places = decimals(currency);
    let scale = 10u64.pow(places);
    let abs = minor.unsigned_abs();
    let digits = (abs / scale).to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    if minor < 0 {
        out.push('-');
    }
    let len = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if places > 0 {
        out.push_str(&format!(".{:0width$}", abs % scale, width = places as usize));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_with_thousands_and_the_currency_s_decimals() {
        assert_eq!(format_minor(125_000_050, "THB"), "1,250,000.50");
        assert_eq!(format_minor(-150_000, "THB"), "-1,500.00");
        assert_eq!(format_minor(5, "THB"), "0.05");
        assert_eq!(format_minor(1_500, "JPY"), "1,500");
        assert_eq!(format_minor(i64::MIN, "THB"), "-92,233,720,368,547,758.08");
    }
}
