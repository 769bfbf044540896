//! Romanian number formatting: `.` groups thousands, `,` separates decimals.

/// Largest number of decimals [`format_ro`] will print; larger requests are clamped.
pub const MAX_DECIMALS: usize = 30;

/// Text shown for a value that is not a number (missing data).
pub const MISSING: &str = "–";

/// Formats `value` the Romanian way with exactly `decimals` decimals
/// (clamped to [`MAX_DECIMALS`]): `1234.5` with 1 decimal is `"1.234,5"`.
///
/// Rounding is half away from zero on the shortest decimal form of the
/// number, so `0.15` with 1 decimal gives `"0,2"` as a person would expect.
/// A result that rounds to zero carries no minus sign. `NaN` gives `"–"`,
/// the infinities give `"∞"` and `"-∞"`. Never panics.
pub fn format_ro(value: f64, decimals: usize) -> String {
    if value.is_nan() {
        return MISSING.to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞" } else { "-∞" }.to_owned();
    }
    let decimals = decimals.min(MAX_DECIMALS);
    // `Display` for f64 prints the shortest round-trip form, never exponents.
    let repr = format!("{}", value.abs());
    let (int_part, frac_part) = repr.split_once('.').unwrap_or((repr.as_str(), ""));
    let frac = frac_part.as_bytes();

    // All kept digits, integer part first, as ASCII bytes.
    let mut digits: Vec<u8> = int_part.bytes().collect();
    digits.extend((0..decimals).map(|i| frac.get(i).copied().unwrap_or(b'0')));
    let mut int_len = int_part.len();

    if frac.get(decimals).is_some_and(|d| *d >= b'5') && round_up(&mut digits) {
        digits.insert(0, b'1');
        int_len += 1;
    }

    let is_zero = digits.iter().all(|d| *d == b'0');
    let (int_digits, frac_digits) = digits.split_at(int_len.min(digits.len()));

    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    if value.is_sign_negative() && !is_zero {
        out.push('-');
    }
    for (i, d) in int_digits.iter().enumerate() {
        if i > 0 && (int_digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(char::from(*d));
    }
    if int_digits.is_empty() {
        out.push('0');
    }
    if !frac_digits.is_empty() {
        out.push(',');
        out.extend(frac_digits.iter().map(|d| char::from(*d)));
    }
    out
}

/// Adds one unit in the last place; returns true when a carry falls off the front.
fn round_up(digits: &mut [u8]) -> bool {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return false;
        }
    }
    true
}

/// Formats a value for tooltips and summaries: up to 2 decimals (about three
/// significant digits for small magnitudes), trailing zeros dropped.
pub(crate) fn format_ro_auto(value: f64) -> String {
    let abs = value.abs();
    let decimals = if !abs.is_finite() || abs >= 1.0 || abs == 0.0 {
        2
    } else {
        // abs in (0, 1): log10 is negative and finite.
        let lead = (-abs.log10()).floor();
        (lead as usize).saturating_add(3).clamp(2, 12)
    };
    let s = format_ro(value, decimals);
    if s.contains(',') {
        let trimmed = s.trim_end_matches('0').trim_end_matches(',');
        if trimmed == "-0" {
            return "0".to_owned();
        }
        return trimmed.to_owned();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_the_brief() {
        assert_eq!(format_ro(1234.5, 1), "1.234,5");
        assert_eq!(format_ro(12345.6, 1), "12.345,6");
        assert_eq!(format_ro(-0.5, 1), "-0,5");
        assert_eq!(format_ro(1e9, 0), "1.000.000.000");
        assert_eq!(format_ro(1e9, 2), "1.000.000.000,00");
    }

    #[test]
    fn rounding_and_signs() {
        assert_eq!(format_ro(-0.5, 0), "-1");
        assert_eq!(format_ro(0.5, 0), "1");
        assert_eq!(format_ro(2.5, 0), "3");
        assert_eq!(format_ro(0.15, 1), "0,2");
        assert_eq!(format_ro(2.675, 2), "2,68");
        assert_eq!(format_ro(999.96, 1), "1.000,0");
        assert_eq!(format_ro(999_999.5, 0), "1.000.000");
        assert_eq!(format_ro(-0.04, 1), "0,0");
        assert_eq!(format_ro(-0.0, 0), "0");
        assert_eq!(format_ro(0.0, 3), "0,000");
        assert_eq!(format_ro(-1234567.891, 2), "-1.234.567,89");
        assert_eq!(format_ro(100.0, 0), "100");
        assert_eq!(format_ro(1000.0, 0), "1.000");
        assert_eq!(format_ro(0.000_000_1, 7), "0,0000001");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert_eq!(format_ro(f64::NAN, 2), MISSING);
        assert_eq!(format_ro(f64::INFINITY, 2), "∞");
        assert_eq!(format_ro(f64::NEG_INFINITY, 2), "-∞");
        let max = format_ro(f64::MAX, 0);
        assert!(max.starts_with("179.769.313"));
        let tiny = format_ro(f64::MIN_POSITIVE, usize::MAX);
        assert_eq!(tiny.len(), 2 + MAX_DECIMALS);
        assert_eq!(format_ro(5e-324, 3), "0,000");
    }

    #[test]
    fn auto_format() {
        assert_eq!(format_ro_auto(12.0), "12");
        assert_eq!(format_ro_auto(12.5), "12,5");
        assert_eq!(format_ro_auto(1234.567), "1.234,57");
        assert_eq!(format_ro_auto(0.001234), "0,00123");
        assert_eq!(format_ro_auto(-0.0), "0");
        assert_eq!(format_ro_auto(f64::NAN), MISSING);
    }
}
