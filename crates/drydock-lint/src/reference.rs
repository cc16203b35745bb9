//! Whether a text is a valid image reference, by the grammar of Docker's `reference` package:
//! `[host[:port]/]path[:tag][@algorithm:hex]`, with a lower-case path.

/// Whether `text` parses as an image reference.
pub(crate) fn is_valid_reference(text: &str) -> bool {
    let (rest, digest) = match text.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (text, None),
    };
    if digest.is_some_and(|d| !is_digest(d)) {
        return false;
    }
    // A `:` after the last `/` starts the tag; one before it belongs to a registry port.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if tag.is_some_and(|t| !is_tag(t)) || name.len() > 255 {
        return false;
    }
    let mut components: Vec<&str> = name.split('/').collect();
    let first = components[0];
    if components.len() > 1
        && (first.contains(['.', ':']) || first == "localhost" || first != first.to_lowercase())
    {
        if !is_domain(first) {
            return false;
        }
        components.remove(0);
    }
    components.iter().all(|c| is_path_component(c))
}

/// `[a-z0-9]+` joined by `.`, `_`, `__` or runs of `-`.
fn is_path_component(c: &str) -> bool {
    let bytes = c.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if bytes.is_empty() || !alnum(&bytes[0]) || !alnum(&bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(&bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(&bytes[i]) {
            i += 1;
        }
        let separator = &c[start..i];
        let ok = separator == "."
            || separator == "_"
            || separator == "__"
            || separator.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// `host[:port]`: dot-separated labels of letters, digits and inner dashes.
fn is_domain(d: &str) -> bool {
    let (host, port) = match d.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (d, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        })
}

/// `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
fn is_tag(t: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = t.as_bytes();
    !b.is_empty()
        && b.len() <= 128
        && word(b[0])
        && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// `algorithm:hex` with at least 32 hex digits.
fn is_digest(d: &str) -> bool {
    let Some((algorithm, hex)) = d.split_once(':') else {
        return false;
    };
    let b = algorithm.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphabetic()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'_' | b'-'))
        && hex.len() >= 32
        && hex.bytes().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::is_valid_reference;

    #[test]
    fn valid_references() {
        for r in [
            "alpine",
            "alpine:3.20",
            "library/alpine:latest",
            "docker.io/library/alpine",
            "ghcr.io/acme/my_app__x/y-z:v1.0_rc-2",
            "localhost:5000/app",
            "localhost/app:1",
            "registry.example.com:443/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "node:22-alpine3.20",
            "a---b",
        ] {
            assert!(is_valid_reference(r), "`{r}` should be valid");
        }
    }

    #[test]
    fn invalid_references() {
        for r in [
            "",
            "busybox:",
            ":latest",
            "/alpine",
            "alpine/",
            "Alpine",
            "acme/App",
            "node:-22",
            "a..b",
            "a_-b",
            "app@sha256:abc",
            "app@:0123456789abcdef0123456789abcdef",
            "host:port/app",
            "-app",
        ] {
            assert!(!is_valid_reference(r), "`{r}` should be invalid");
        }
    }
}
