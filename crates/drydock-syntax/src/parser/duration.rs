//! Go's `time.ParseDuration`, for HEALTHCHECK's `--interval=1m30s` and friends.

/// Nanoseconds of a Go duration string (`300ms`, `-1.5h`, `2h45m`, `0`), `None` if invalid.
pub(crate) fn parse_nanos(s: &str) -> Option<i128> {
    let (negative, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Some(0);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let int_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (int, after) = rest.split_at(int_len);
        let (frac, after) = match after.strip_prefix('.') {
            Some(f) => {
                let n = f.bytes().take_while(u8::is_ascii_digit).count();
                f.split_at(n)
            }
            None => ("", after),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let unit_len = after
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return None,
        };
        let whole: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let mut part = whole.checked_mul(scale)?;
        // Fractions beyond nanoseconds are truncated, as Go does.
        let mut unit_fraction = scale;
        for d in frac.bytes().take(30) {
            unit_fraction /= 10;
            part += i128::from(d - b'0') * unit_fraction;
        }
        total = total.checked_add(part)?;
        if total > i128::from(i64::MAX) {
            return None;
        }
        rest = after;
    }
    Some(if negative { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::parse_nanos;

    #[test]
    fn go_durations() {
        let ms = |s| parse_nanos(s).map(|n| n / 1_000_000);
        assert_eq!(ms("30s"), Some(30_000));
        assert_eq!(ms("1m30s"), Some(90_000));
        assert_eq!(ms("1.5h"), Some(5_400_000));
        assert_eq!(ms("500ms"), Some(500));
        assert_eq!(parse_nanos("0"), Some(0));
        assert_eq!(parse_nanos("0s"), Some(0));
        assert_eq!(parse_nanos("-1s"), Some(-1_000_000_000));
        assert_eq!(parse_nanos("10us"), Some(10_000));
        assert_eq!(parse_nanos(".5s"), Some(500_000_000));
        for bad in ["", "30", "s", "1x", "1.s.", "-", "99999999999h"] {
            assert_eq!(parse_nanos(bad), None, "{bad}");
        }
    }
}
