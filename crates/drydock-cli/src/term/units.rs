//! Sizes, durations and counts as people read them: decimal units as `docker images` shows
//! sizes, seconds with one decimal under a minute.

/// `0 B`, `512 B`, `12.3 kB`, `1.99 MB`, `1.2 GB`.
pub(crate) fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["kB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for next in UNITS {
        if value < 1000.0 {
            break;
        }
        value /= 1000.0;
        unit = next;
    }
    // Three significant digits: 1.99 MB, 12.3 MB, 123 MB.
    let decimals = if value < 10.0 {
        2
    } else if value < 100.0 {
        1
    } else {
        0
    };
    format!("{value:.decimals$} {unit}")
}

/// `+1.20 MB`, `-512 B`, `±0 B`.
pub(crate) fn size_delta(delta: i64) -> String {
    match delta.signum() {
        0 => "±0 B".to_owned(),
        1 => format!("+{}", size(delta.unsigned_abs())),
        _ => format!("-{}", size(delta.unsigned_abs())),
    }
}

/// `48ms`, `12.3s`, `2m03s`, `1h02m`.
pub(crate) fn duration(ms: u64) -> String {
    let seconds = ms / 1000;
    if ms < 1000 {
        format!("{ms}ms")
    } else if seconds < 60 {
        // Truncated, so 59.97 s does not read as 60.0s.
        format!("{seconds}.{}s", ms % 1000 / 100)
    } else if seconds < 3600 {
        format!("{}m{:02}s", seconds / 60, seconds % 60)
    } else {
        format!("{}h{:02}m", seconds / 3600, seconds % 3600 / 60)
    }
}

/// `1 warning`, `2 warnings`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_keep_three_significant_digits() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(999), "999 B");
        assert_eq!(size(1_000), "1.00 kB");
        assert_eq!(size(12_345), "12.3 kB");
        assert_eq!(size(1_990_000), "1.99 MB");
        assert_eq!(size(123_456_789), "123 MB");
        assert_eq!(size(1_200_000_000), "1.20 GB");
    }

    #[test]
    fn deltas_carry_a_sign() {
        assert_eq!(size_delta(0), "±0 B");
        assert_eq!(size_delta(1_200_000), "+1.20 MB");
        assert_eq!(size_delta(-512), "-512 B");
    }

    #[test]
    fn durations_grow_units() {
        assert_eq!(duration(0), "0ms");
        assert_eq!(duration(48), "48ms");
        assert_eq!(duration(1_234), "1.2s");
        assert_eq!(duration(59_990), "59.9s");
        assert_eq!(duration(123_000), "2m03s");
        assert_eq!(duration(3_720_000), "1h02m");
    }

    #[test]
    fn counts_are_plural_but_for_one() {
        assert_eq!(count(1, "warning"), "1 warning");
        assert_eq!(count(0, "warning"), "0 warnings");
    }
}
