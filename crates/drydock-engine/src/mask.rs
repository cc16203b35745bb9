//! Hides secrets in text before it leaves the engine: the values of build arguments, and
//! anything that looks like a credential (`password=...`, `token: ...`, `user:pass@` in URLs,
//! well-known token formats). Build events pass through it; so can history and logs.

use std::borrow::Cow;
use std::ops::Range;

/// What a hidden value is replaced with.
pub const MASK: &str = "****";

/// Build-argument values shorter than this are only hidden when the argument's name looks
/// secret: hiding every `1` or `dev` would garble the log (`Step 1/5` → `Step ****/5`)
/// without protecting anything.
const MIN_PLAIN_VALUE_LEN: usize = 4;

/// Parts of a key (case-insensitive) that mark its value as a secret.
const SECRET_KEY_PARTS: [&str; 9] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "access_key",
    "private_key",
];

/// Prefixes of self-identifying tokens (GitHub, GitLab, Slack, npm, Stripe, AWS key ids).
const TOKEN_PREFIXES: [&str; 14] = [
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "npm_",
    "sk_live_",
    "rk_live_",
    "AKIA",
];
/// A token prefix counts only when at least this many token characters follow it.
const MIN_TOKEN_BODY: usize = 16;

/// Masks build-argument values and credential-looking text.
#[derive(Debug, Clone, Default)]
pub struct Masker {
    /// Literal values to hide, longest first so that a value containing another is hidden
    /// whole.
    values: Vec<String>,
}

impl Masker {
    /// A masker for these build arguments (name, value).
    pub fn new<'a>(build_args: impl IntoIterator<Item = (&'a str, &'a str)>) -> Masker {
        let mut values: Vec<String> = build_args
            .into_iter()
            .filter(|(name, value)| {
                !value.is_empty() && (value.len() >= MIN_PLAIN_VALUE_LEN || is_secret_key(name))
            })
            .map(|(_, value)| value.to_owned())
            .collect();
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        Masker { values }
    }

    /// The text with every secret replaced by [`MASK`]; borrowed when nothing was hidden.
    pub fn mask<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut ranges = Vec::new();
        for value in &self.values {
            ranges.extend(
                text.match_indices(value.as_str())
                    .map(|(i, v)| i..i + v.len()),
            );
        }
        key_value_secrets(text, &mut ranges);
        url_passwords(text, &mut ranges);
        prefixed_tokens(text, &mut ranges);
        if ranges.is_empty() {
            return Cow::Borrowed(text);
        }
        ranges.sort_by_key(|r| r.start);
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for range in ranges {
            if range.end <= copied {
                continue;
            }
            if range.start >= copied {
                out.push_str(&text[copied..range.start]);
                out.push_str(MASK);
            }
            copied = range.end;
        }
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }

    /// [`Masker::mask`] into an owned string.
    pub fn mask_owned(&self, text: String) -> String {
        match self.mask(&text) {
            Cow::Borrowed(_) => text,
            Cow::Owned(masked) => masked,
        }
    }
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEY_PARTS.iter().any(|part| key.contains(part))
        || key == "auth"
        || key == "authorization"
        || key.ends_with("_auth")
        || key.ends_with("-auth")
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')
}

/// `key=value`, `key: value`, `"key": "value"` where the key looks secret. A value that is a
/// variable reference (`$TOKEN`) is not a secret.
fn key_value_secrets(text: &str, ranges: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    for (sep, &b) in bytes.iter().enumerate() {
        if b != b'=' && b != b':' {
            continue;
        }
        let mut key_end = sep;
        if key_end > 0 && matches!(bytes[key_end - 1], b'"' | b'\'') {
            key_end -= 1;
        }
        let key_start = bytes[..key_end]
            .iter()
            .rposition(|&c| !is_key_byte(c))
            .map_or(0, |i| i + 1);
        if key_start == key_end || !is_secret_key(&text[key_start..key_end]) {
            continue;
        }
        let mut start = sep + 1;
        if b == b':' {
            while start < bytes.len() && bytes[start] == b' ' {
                start += 1;
            }
        }
        let Some(mut value) = value_at(bytes, start) else {
            continue;
        };
        // `Authorization: Bearer <token>`: the secret is the word after the scheme.
        let word = &text[value.clone()];
        if ["bearer", "basic", "token"]
            .iter()
            .any(|scheme| word.eq_ignore_ascii_case(scheme))
        {
            let next = value.end + 1;
            match value_at(bytes, next) {
                Some(token) if bytes.get(value.end) == Some(&b' ') => value = token,
                _ => continue,
            }
        }
        ranges.push(value);
    }
}

/// The value starting at `start`: up to the closing quote when quoted, else up to a
/// separator. `None` when empty or a variable reference.
fn value_at(bytes: &[u8], start: usize) -> Option<Range<usize>> {
    let quote = bytes.get(start).filter(|&&q| q == b'"' || q == b'\'');
    let (from, end) = match quote {
        Some(&q) => {
            let from = start + 1;
            let len = bytes[from..].iter().position(|&c| c == q)?;
            (from, from + len)
        }
        None => {
            let len = bytes[start..]
                .iter()
                .position(|&c| c.is_ascii_whitespace() || b"\"'&;,)}]".contains(&c))
                .unwrap_or(bytes.len() - start);
            (start, start + len)
        }
    };
    (end > from && bytes[from] != b'$').then_some(from..end)
}

/// The password in `scheme://user:password@host`.
fn url_passwords(text: &str, ranges: &mut Vec<Range<usize>>) {
    for (i, _) in text.match_indices("://") {
        let authority_start = i + 3;
        let rest = &text[authority_start..];
        let authority_len = rest
            .find(|c: char| c == '/' || c.is_whitespace())
            .unwrap_or(rest.len());
        let authority = &rest[..authority_len];
        let Some(at) = authority.rfind('@') else {
            continue;
        };
        if let Some(colon) = authority[..at].find(':') {
            if colon + 1 < at {
                ranges.push(authority_start + colon + 1..authority_start + at);
            }
        }
    }
}

/// Self-identifying tokens such as `ghp_...` or `AKIA...`.
fn prefixed_tokens(text: &str, ranges: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    for prefix in TOKEN_PREFIXES {
        for (i, _) in text.match_indices(prefix) {
            if i > 0 && is_token_byte(bytes[i - 1]) {
                continue;
            }
            let body_start = i + prefix.len();
            let body_len = bytes[body_start..]
                .iter()
                .position(|&c| !is_token_byte(c))
                .unwrap_or(bytes.len() - body_start);
            if body_len >= MIN_TOKEN_BODY {
                ranges.push(i..body_start + body_len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(masker: &Masker, text: &str) -> String {
        masker.mask(text).into_owned()
    }

    #[test]
    fn build_arg_values_are_hidden_everywhere() {
        let masker = Masker::new([("NPM_REGISTRY_KEY", "abc123xyz"), ("VERSION", "1")]);
        assert_eq!(
            masked(&masker, "Step 3/5 : RUN echo abc123xyz > /tmp/k && echo 1"),
            "Step 3/5 : RUN echo **** > /tmp/k && echo 1"
        );
    }

    #[test]
    fn short_values_are_hidden_only_under_secret_names() {
        let masker = Masker::new([("DB_PASSWORD", "pw"), ("MODE", "dev")]);
        assert_eq!(masked(&masker, "login pw dev"), "login **** dev");
    }

    #[test]
    fn a_value_containing_another_is_hidden_whole() {
        let masker = Masker::new([("A", "secret"), ("B", "secret-longer")]);
        assert_eq!(masked(&masker, "x secret-longer y"), "x **** y");
    }

    #[test]
    fn secret_looking_assignments() {
        let masker = Masker::default();
        let cases = [
            (
                "ENV API_TOKEN=abc123 MODE=prod",
                "ENV API_TOKEN=**** MODE=prod",
            ),
            ("password: hunter2", "password: ****"),
            (
                r#"{"db_password":"hunter2","user":"me"}"#,
                r#"{"db_password":"****","user":"me"}"#,
            ),
            ("export GITHUB_TOKEN='t0k3n'", "export GITHUB_TOKEN='****'"),
            (
                "Authorization: Bearer eyJhbGciOi",
                "Authorization: Bearer ****",
            ),
            ("RUN curl -H TOKEN=$TOKEN x", "RUN curl -H TOKEN=$TOKEN x"),
            ("author=jane PWD=/app", "author=jane PWD=/app"),
        ];
        for (text, expected) in cases {
            assert_eq!(masked(&masker, text), expected, "{text}");
        }
    }

    #[test]
    fn passwords_in_urls() {
        let masker = Masker::default();
        assert_eq!(
            masked(
                &masker,
                "git clone https://bot:s3cr3t@git.example.com/repo.git"
            ),
            "git clone https://bot:****@git.example.com/repo.git"
        );
        assert_eq!(
            masked(&masker, "see https://example.com/a:b@c"),
            "see https://example.com/a:b@c"
        );
    }

    #[test]
    fn well_known_tokens() {
        let masker = Masker::default();
        assert_eq!(
            masked(
                &masker,
                "using ghp_abcdefghijklmnopqrstuvwxyz0123456789 now"
            ),
            "using **** now"
        );
        assert_eq!(masked(&masker, "key AKIAIOSFODNN7EXAMPLE."), "key ****.");
        assert_eq!(masked(&masker, "ghp_short"), "ghp_short");
    }

    #[test]
    fn clean_text_is_borrowed() {
        let masker = Masker::new([("VERSION", "1.2.3")]);
        assert!(matches!(masker.mask("nothing here"), Cow::Borrowed(_)));
    }
}
