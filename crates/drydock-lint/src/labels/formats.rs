//! Value formats of `label-schema` types: URL (RFC 3986), date-time (RFC 3339), git hash,
//! semantic version (semver 2.0.0) and email address (RFC 5322 addr-spec).

/// An absolute URI: `scheme:` followed by a hierarchical part, query and fragment made of the
/// characters RFC 3986 allows, with well-formed `%XX` escapes and a numeric port.
pub(crate) fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return false;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (rest, None),
    };
    let path = match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            if !is_authority(&after[..end]) {
                return false;
            }
            &after[end..]
        }
        None => hier,
    };
    let query_ok = |part: Option<&str>| {
        part.is_none_or(|p| escapes_ok(p, |c| is_pchar(c) || c == '/' || c == '?'))
    };
    escapes_ok(path, |c| is_pchar(c) || c == '/') && query_ok(query) && query_ok(fragment)
}

/// `[userinfo@]host[:port]`, host being a bracketed IP literal, or a registered name.
fn is_authority(authority: &str) -> bool {
    let (userinfo, host_port) = match authority.split_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    if userinfo.is_some_and(|u| !escapes_ok(u, |c| is_unreserved(c) || is_sub_delim(c) || c == ':'))
    {
        return false;
    }
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else {
            return false;
        };
        if inside.is_empty()
            || !inside
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.' | 'v' | 'V'))
        {
            return false;
        }
        (
            "",
            after.strip_prefix(':').or(after.is_empty().then_some("")),
        )
    } else {
        match host_port.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (host_port, Some("")),
        }
    };
    port.is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
        && escapes_ok(host, |c| is_unreserved(c) || is_sub_delim(c))
}

/// Every character is allowed by `allowed` or starts a `%XX` escape.
fn escapes_ok(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let ok = if c == '%' {
            chars.next().is_some_and(|h| h.is_ascii_hexdigit())
                && chars.next().is_some_and(|h| h.is_ascii_hexdigit())
        } else {
            allowed(c)
        };
        if !ok {
            return false;
        }
    }
    true
}

fn is_unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~')
}

fn is_sub_delim(c: char) -> bool {
    matches!(
        c,
        '!' | '$' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | ';' | '='
    )
}

fn is_pchar(c: char) -> bool {
    is_unreserved(c) || is_sub_delim(c) || c == ':' || c == '@'
}

/// An RFC 3339 `date-time`: `2024-05-01T12:30:00Z`, with optional fraction of a second and a
/// `Z` or `±HH:MM` offset; `T` and `Z` may be lower-case; dates must exist.
pub(crate) fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') {
        return false;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let seps = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if seps.iter().any(|&(i, c)| b[i] != c) {
        return false;
    }
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit()).then(|| (a - b'0') * 10 + (b - b'0'))
            };
            matches!((two(*h1, *h2), two(*m1, *m2)), (Some(h), Some(m)) if h <= 23 && m <= 59)
        }
        _ => false,
    }
}

/// A full or abbreviated git object name: lower-case hex, 7 to 40 digits (SHA-1), or 64
/// (SHA-256 repositories).
pub(crate) fn is_git_hash(text: &str) -> bool {
    ((7..=40).contains(&text.len()) || text.len() == 64)
        && text.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
}

/// A semantic version 2.0.0: `MAJOR.MINOR.PATCH[-prerelease][+build]`, numbers without
/// leading zeros, identifiers of `[0-9A-Za-z-]`, never empty.
pub(crate) fn is_semver(text: &str) -> bool {
    let (rest, build) = match text.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let is_ident =
        |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
    let is_number = |s: &str| {
        !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let numbers: Vec<&str> = core.split('.').collect();
    numbers.len() == 3
        && numbers.iter().all(|n| is_number(n))
        && pre.is_none_or(|p| {
            p.split('.').all(|id| {
                is_ident(id) && (!id.bytes().all(|c| c.is_ascii_digit()) || is_number(id))
            })
        })
        && build.is_none_or(|b| b.split('.').all(is_ident))
}

/// An RFC 5322 address without display name: `local@domain`, the local part a dot-atom or a
/// quoted string, the domain a host name or a bracketed literal.
pub(crate) fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.rsplit_once('@') else {
        return false;
    };
    let local_ok = if let Some(quoted) = local.strip_prefix('"').and_then(|q| q.strip_suffix('"')) {
        is_quoted_content(quoted)
    } else {
        is_dot_atom(local)
    };
    let domain_ok =
        if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
            !literal.is_empty()
                && literal
                    .bytes()
                    .all(|c| c.is_ascii_graphic() && !matches!(c, b'[' | b']' | b'\\'))
        } else {
            domain.len() <= 253 && domain.split('.').all(is_host_label)
        };
    local.len() <= 64 && local_ok && domain_ok
}

fn is_dot_atom(s: &str) -> bool {
    s.split('.').all(|atom| {
        !atom.is_empty()
            && atom
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c))
    })
}

/// Printable ASCII and spaces, `\` escaping the next character, no bare `"`.
fn is_quoted_content(s: &str) -> bool {
    let mut bytes = s.bytes();
    while let Some(c) = bytes.next() {
        let ok = match c {
            b'\\' => bytes
                .next()
                .is_some_and(|e| e == b' ' || e.is_ascii_graphic()),
            b'"' => false,
            _ => c == b' ' || c.is_ascii_graphic(),
        };
        if !ok {
            return false;
        }
    }
    true
}

fn is_host_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.org",
            "http://example.org:8080/a/b?q=1&r=2#frag",
            "mailto:dev@example.org",
            "urn:isbn:0451450523",
            "http://[::1]:80/",
            "http://user:pw@host/%20x",
            "http:",
            "git+ssh://git@github.com/o/r.git",
        ] {
            assert!(is_url(ok), "{ok}");
        }
        for bad in [
            "example.org",
            "1http://x",
            "http://a b",
            "http://x.org:8a",
            "http://%zz",
            "http://x.org/a|b",
            "http://ü.org",
            "http://a@b@c",
            "http://x/{a}",
            "http://[::1",
            "",
        ] {
            assert!(!is_url(bad), "{bad}");
        }
    }

    #[test]
    fn rfc3339_date_times() {
        for ok in [
            "2020-01-01T00:00:00Z",
            "2020-01-01t00:00:00z",
            "2020-01-01T00:00:00.123Z",
            "2020-01-01T00:00:00+01:00",
            "2020-01-01T00:00:00-00:00",
            "2020-12-31T23:59:60Z",
            "2024-02-29T12:00:00Z",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "2020-01-01",
            "2020-01-01 00:00:00Z",
            "2020-01-01T00:00:00",
            "2020-01-01T00:00Z",
            "20-01-01T00:00:00Z",
            "2020-1-01T00:00:00Z",
            "2020-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00+0100",
            "2020-01-01T00:00:00+25:00",
            "2020-01-01T00:00:00UTC",
            "2020-01-01T00:00:00Z ",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }

    #[test]
    fn git_hashes() {
        for ok in [
            "abcdef1",
            "abcdef12",
            "0123456789abcdef0123456789abcdef01234567",
            &"a".repeat(64),
        ] {
            assert!(is_git_hash(ok), "{ok}");
        }
        for bad in ["abcdef", "ABCDEF1", "abcdefg", &"a".repeat(41), "main"] {
            assert!(!is_git_hash(bad), "{bad}");
        }
    }

    #[test]
    fn semantic_versions() {
        for ok in [
            "1.2.3",
            "0.0.0",
            "1.2.3-alpha.1",
            "1.2.3-rc-1",
            "1.2.3-0a",
            "1.2.3+build.01",
            "10.20.30-beta+exp.sha.5114f85",
        ] {
            assert!(is_semver(ok), "{ok}");
        }
        for bad in [
            "v1.2.3",
            "1.2",
            "1.2.3.4",
            "01.2.3",
            "1.2.3-01",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-alpha..1",
            "1.2.3-al_pha",
            "1.2.3 ",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for ok in [
            "a@b",
            "dev.team+docker@example.org",
            "\"john doe\"@example.org",
            "a@[192.0.2.1]",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "Jane <jane@example.org>",
            ".a@b",
            "a..b@c",
            "a@b..c",
            "a@-b.com",
            "a@b-",
            "@b",
            "a@",
            "ü@b.c",
            "a@b_c.d",
            "plain",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
