//! RFC 3339 timestamps as ASL accepts them (CH-13): uppercase `T`, `Z` or a numeric offset.

/// A point in time as nanoseconds since the Unix epoch (UTC), plus the offset it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    pub epoch_nanos: i128,
    pub offset_minutes: i32,
}

/// Parses `2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123+02:00`, …; anything else is `None`.
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let year = num(0, 4)?;
    let month = num(5, 2)?;
    let day = num(8, 2)?;
    let hour = num(11, 2)?;
    let minute = num(14, 2)?;
    let second = num(17, 2)?;
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut pos = 19;
    let mut nanos: i64 = 0;
    if b.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        let digits = &s[start..pos];
        if digits.is_empty() || digits.len() > 9 {
            return None;
        }
        nanos = format!("{digits:0<9}").parse().ok()?;
    }
    let offset_minutes = match b.get(pos) {
        Some(b'Z') if pos + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if pos + 6 == b.len() && b[pos + 3] == b':' => {
            let oh = num(pos + 1, 2)?;
            let om = num(pos + 4, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let m = (oh * 60 + om) as i32;
            if *sign == b'-' { -m } else { m }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - i64::from(offset_minutes) * 60;
    Some(Timestamp { epoch_nanos: i128::from(secs) * 1_000_000_000 + i128::from(nanos), offset_minutes })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc3339_and_rejects_the_rest() {
        // CH-13 / ST-WAIT-04
        let ok = ["2016-03-14T01:59:00Z", "2016-03-14T01:59:00.123Z", "2016-03-14T01:59:00+02:00", "2024-02-29T00:00:00.123456789-05:30"];
        for s in ok {
            assert!(parse_timestamp(s).is_some(), "{s}");
        }
        let bad = [
            "2016-03-14 01:59:00Z", "2016-03-14t01:59:00Z", "2016-03-14T01:59:00z", "2016-03-14T01:59:00", "2016-13-14T01:59:00Z",
            "2016-03-14T25:59:00Z", "2023-02-29T00:00:00Z", "2016-03-14T01:59:00.Z", "2016-03-14T01:59:00+0200", "",
        ];
        for s in bad {
            assert!(parse_timestamp(s).is_none(), "{s}");
        }
        assert_eq!(parse_timestamp("1970-01-01T00:00:01Z").unwrap().epoch_nanos, 1_000_000_000);
        assert_eq!(
            parse_timestamp("1970-01-01T02:00:00+02:00").unwrap().epoch_nanos,
            parse_timestamp("1970-01-01T00:00:00Z").unwrap().epoch_nanos
        );
    }
}

/// ISO 8601 in UTC with 0 or 3 fractional digits (CTX-04: trailing zero groups removed).
///
/// Written digit by digit: every state that reads `$$` has its entry time formatted, and the formatting
/// machinery cost more than the rest of such a state (callgrind, nested-100).
pub fn format_timestamp(epoch_nanos: i128) -> String {
    let secs = epoch_nanos.div_euclid(1_000_000_000) as i64;
    let nanos = epoch_nanos.rem_euclid(1_000_000_000) as u64;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u64;
    let (y, m, d) = civil_from_days(days);
    let mut out = String::with_capacity(30);
    if (0..=9999).contains(&y) {
        push_digits(&mut out, y as u64, 4);
    } else {
        // Years outside four digits are far from any execution; the general formatter handles their sign.
        out.push_str(&format!("{y:04}"));
    }
    out.push('-');
    push_digits(&mut out, m as u64, 2);
    out.push('-');
    push_digits(&mut out, d as u64, 2);
    out.push('T');
    push_digits(&mut out, rem / 3600, 2);
    out.push(':');
    push_digits(&mut out, rem % 3600 / 60, 2);
    out.push(':');
    push_digits(&mut out, rem % 60, 2);
    if nanos != 0 {
        out.push('.');
        if nanos % 1_000_000 == 0 {
            push_digits(&mut out, nanos / 1_000_000, 3);
        } else if nanos % 1_000 == 0 {
            push_digits(&mut out, nanos / 1_000, 6);
        } else {
            push_digits(&mut out, nanos, 9);
        }
    }
    out.push('Z');
    out
}

/// Appends `n` as exactly `width` decimal digits, zero-padded (`n` has at most `width` digits).
fn push_digits(out: &mut String, n: u64, width: u32) {
    let mut divisor = 10u64.pow(width - 1);
    while divisor > 0 {
        out.push(char::from(b'0' + (n / divisor % 10) as u8));
        divisor /= 10;
    }
}

/// The inverse of `days_from_civil`.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn round_trips() {
        for s in ["2024-02-29T23:59:59Z", "1970-01-01T00:00:00.123Z", "2016-03-14T01:59:00.000001Z", "1969-12-31T23:59:59Z"] {
            assert_eq!(format_timestamp(parse_timestamp(s).unwrap().epoch_nanos), s);
        }
    }

    /// The digit-by-digit writer against the general formatter it replaced, over dates from year 0 to
    /// 9999 and every kind of fraction.
    #[test]
    fn matches_the_general_formatter() {
        fn reference(epoch_nanos: i128) -> String {
            let secs = epoch_nanos.div_euclid(1_000_000_000) as i64;
            let nanos = epoch_nanos.rem_euclid(1_000_000_000) as i64;
            let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
            let rem = secs.rem_euclid(86_400);
            let base = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
            match nanos {
                0 => format!("{base}Z"),
                n if n % 1_000_000 == 0 => format!("{base}.{:03}Z", n / 1_000_000),
                n if n % 1_000 == 0 => format!("{base}.{:06}Z", n / 1_000),
                n => format!("{base}.{n:09}Z"),
            }
        }
        let fractions = [0i128, 1, 999, 1_000, 5_000, 999_999_000, 1_000_000, 7_000_000, 999_000_000, 123_456_789, 999_999_999];
        let mut seconds: i128 = -62_167_219_200; // 0000-01-01T00:00:00Z
        while seconds < 253_402_300_800 {
            // 9999-12-31T23:59:59Z is the last second with a four-digit year.
            for f in fractions {
                let t = seconds * 1_000_000_000 + f;
                assert_eq!(format_timestamp(t), reference(t), "{t}");
            }
            seconds += 86_400 * 97 + 3_671;
        }
        for t in [-62_167_219_201_000_000_000i128, 253_402_300_800_000_000_000, -70_000_000_000_000_000_000] {
            assert_eq!(format_timestamp(t), reference(t), "{t}");
        }
    }
}
