//! Credential patterns, each with what it keeps: a key, a header or a user name stay readable,
//! the secret becomes `***`.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::MASK;

/// A key that may name a secret, as a regex fragment matched case-insensitively; the
/// [`is_secret_key`] and [`is_secret_flag`] word checks then decide.
const KEY: &str = r"[A-Za-z0-9_.\-]*(?:passw(?:or)?d|passphrase|secret|token|key|credentials?|auth)[A-Za-z0-9_.\-]*";

/// A value, capturing its opening quote (`"`, `'` or an escaped `\"`) so the mask keeps it.
/// Values starting with `$` are variable references, not secrets, and stay readable.
const VALUE: &str = concat!(
    r#"(?:(?P<dq>")[^"$\s][^"]*""#,
    r#"|(?P<sq>')[^'$\s][^']*'"#,
    r#"|(?P<eq>\\")[^"$\s\\][^"\\]*\\""#,
    r#"|[^\s"'$&;|,\\=][^\s"'&;|,\\]*)"#,
);

/// How a match is masked.
enum Replace {
    /// A template: `${n}` keeps group n, unmatched groups expand to nothing.
    Template(&'static str),
    /// Masks the value after group `keep` when the predicate accepts group `key`.
    KeyedValue(fn(&str) -> bool),
}

fn pattern_sources() -> Vec<(String, Replace)> {
    use Replace::{KeyedValue, Template};
    vec![
        // PEM and PGP private key blocks, up to their end line or, if cut off, the end of text.
        (
            r"(-----BEGIN[A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----)(?s:.*?)(-----END[A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----|\z)".into(),
            Template("${1}***${2}"),
        ),
        // scheme://user:password@host
        (r"(?i)\b([a-z][a-z0-9+.\-]*://[^\s:/@'\x22]*:)[^\s/@'\x22]+@".into(), Template("${1}***@")),
        // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens.
        (r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})".into(), Template("***")),
        // GitLab tokens, by their documented prefixes.
        (
            r"\bgl(?:pat|dt|rt|ptt|cbt|imt|agent|oas|soat|ffct|ft)-[A-Za-z0-9_\-]{20,}".into(),
            Template("***"),
        ),
        // AWS access key ids.
        (r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b".into(), Template("***")),
        // Slack tokens.
        (r"\bxox[abposr]-[A-Za-z0-9\-]{10,}".into(), Template("***")),
        // JSON Web Tokens: a base64url JSON header (`{"` is `eyJ`), payload and signature.
        (r"\beyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}".into(), Template("***")),
        // HTTP authorization values.
        (r"(?i)\b(bearer[ \t]+)[A-Za-z0-9._~+/\-]{8,}=*".into(), Template("${1}***")),
        (
            r"(?i)\b(authorization[ \t]*:[ \t]*(?:basic|token)[ \t]+)[A-Za-z0-9._~+/\-]+=*".into(),
            Template("${1}***"),
        ),
        // curl -u user:password
        (r"(\s(?:-u|--user)[ \t]+[A-Za-z0-9_.@\-]+:)[^\s'\x22@]+".into(), Template("${1}***")),
        // KEY=value, KEY: value, key := value, "key": "value".
        (
            format!(r#"(?i)(?P<keep>\b(?P<key>{KEY})["']?[ \t]*(?::=|[:=])[ \t]*){VALUE}"#),
            KeyedValue(is_secret_key),
        ),
        // The legacy `ENV KEY value` form.
        (
            format!(r"(?im)(?P<keep>^[ \t]*ENV[ \t]+(?P<key>{KEY})[ \t]+)[^\s$=\\].*$"),
            KeyedValue(is_secret_key),
        ),
        // --password value, --api-token "value"
        (
            format!(r"(?i)(?P<keep>(?P<key>--[a-z0-9\-]+)[ \t]+){VALUE}"),
            KeyedValue(is_secret_flag),
        ),
    ]
}

static PATTERNS: LazyLock<Vec<(Regex, Replace)>> = LazyLock::new(|| {
    pattern_sources()
        .into_iter()
        .map(|(source, replace)| {
            (
                Regex::new(&source).expect("credential patterns are valid"),
                replace,
            )
        })
        .collect()
});

/// Masks credential-looking strings in free text: GitHub and GitLab tokens, AWS access key
/// ids, Slack tokens, private key blocks, JWTs, bearer and basic authorization values,
/// `password=...`/`token: ...`-style assignments, `--password value` flags, `curl -u
/// user:password` and URLs with `user:password@`. Returns the text unchanged (borrowed) when
/// nothing matched.
pub fn mask_secrets(text: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(text);
    for (pattern, replace) in PATTERNS.iter() {
        let masked = match replace {
            Replace::Template(template) => pattern.replace_all(&text, *template),
            Replace::KeyedValue(is_secret) => pattern.replace_all(&text, |c: &Captures| {
                if !is_secret(&c["key"]) {
                    return c[0].to_owned();
                }
                let quote = c
                    .name("dq")
                    .or(c.name("sq"))
                    .or(c.name("eq"))
                    .map_or("", |q| q.as_str());
                format!("{}{quote}{MASK}{quote}", &c["keep"])
            }),
        };
        if let Cow::Owned(masked) = masked {
            text = Cow::Owned(masked);
        }
    }
    text
}

/// Words whose presence in a key makes its value a secret.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "secrets",
    "token",
    "apikey",
    "credential",
    "credentials",
];
/// Words before `key` that make it a secret (`api_key`, `accessKey`, `PRIVATE-KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "access",
    "private",
    "secret",
    "signing",
    "encryption",
];
/// A key ending in one of these holds where a secret is, not the secret (`PASSWORD_FILE`).
const LOCATION_WORDS: &[&str] = &["file", "path", "dir"];
/// Flags that switch a secret off rather than pass one (`--disabled-password`).
const NEGATIONS: &[&str] = &["no", "disable", "disabled", "without", "empty", "skip"];

/// The words of a key, lower-cased: split at non-alphanumerics and lower-to-upper changes.
fn words(key: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous_lower = false;
    for c in key.chars() {
        if !c.is_ascii_alphanumeric() {
            previous_lower = false;
            words.push(String::new());
            continue;
        }
        if c.is_ascii_uppercase() && previous_lower {
            words.push(String::new());
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        match words.last_mut() {
            Some(word) => word.push(c.to_ascii_lowercase()),
            None => words.push(c.to_ascii_lowercase().to_string()),
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

fn is_secret_word(words: &[String], i: usize) -> bool {
    SECRET_WORDS.contains(&words[i].as_str())
        || (words[i] == "key" && i > 0 && KEY_QUALIFIERS.contains(&words[i - 1].as_str()))
}

/// `DB_PASSWORD`, `_authToken`, `aws_secret_access_key`, `auth`; not `NOPASSWD`,
/// `TOKENIZERS_PARALLELISM` or `PASSWORD_FILE`.
fn is_secret_key(key: &str) -> bool {
    let words = words(key);
    match words.last() {
        None => false,
        Some(last) if LOCATION_WORDS.contains(&last.as_str()) => false,
        Some(_) => words == ["auth"] || (0..words.len()).any(|i| is_secret_word(&words, i)),
    }
}

/// `--password`, `--api-key`, `--registry-token`; not `--password-stdin` or
/// `--disabled-password`, which take no secret.
fn is_secret_flag(flag: &str) -> bool {
    let words = words(flag);
    match words.first() {
        None => false,
        Some(first) if NEGATIONS.contains(&first.as_str()) => false,
        Some(_) => is_secret_word(&words, words.len() - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::mask_secrets;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let masked = mask_secrets(text);
        assert_eq!(masked, expected, "masking {text:?}");
        assert_eq!(
            mask_secrets(&masked),
            masked,
            "masking is idempotent for {text:?}"
        );
    }

    #[test]
    fn token_formats() {
        check(
            "RUN git clone https://ghp_0123456789abcdefghijABCDEFGHIJ012345@github.com/o/r",
            "RUN git clone https://***@github.com/o/r",
        );
        check(
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            "***",
        );
        check("export GL=glpat-abcdefghij0123456789", "export GL=***");
        check("aws id AKIAIOSFODNN7EXAMPLE done", "aws id *** done");
        check("hook xoxb-1234567890-abcdefghij", "hook ***");
        check(
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
            "jwt *** end",
        );
    }

    #[test]
    fn private_key_blocks_keep_their_frame() {
        check(
            "RUN echo '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----' > k",
            "RUN echo '-----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY-----' > k",
        );
        check(
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk cut off",
            "-----BEGIN OPENSSH PRIVATE KEY-----***",
        );
        check(
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nxcLYBF\n-----END PGP PRIVATE KEY BLOCK-----",
            "-----BEGIN PGP PRIVATE KEY BLOCK-----***-----END PGP PRIVATE KEY BLOCK-----",
        );
    }

    #[test]
    fn assignments_keep_their_key_and_quotes() {
        check(
            "ENV DB_PASSWORD=hunter2 MODE=prod",
            "ENV DB_PASSWORD=*** MODE=prod",
        );
        check("password = \"hunter2\"", "password = \"***\"");
        check("{\"auth\": \"dXNlcjpwYXNz\"}", "{\"auth\": \"***\"}");
        check(
            "//registry.npmjs.org/:_authToken=npm_abc123",
            "//registry.npmjs.org/:_authToken=***",
        );
        check(
            "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG",
            "aws_secret_access_key: ***",
        );
        check(
            "curl 'https://x/api?token=abc&page=2'",
            "curl 'https://x/api?token=***&page=2'",
        );
        check("ENV API_TOKEN abc def", "ENV API_TOKEN ***");
    }

    #[test]
    fn flags_urls_and_headers() {
        check(
            "mysql --password s3cret -h db",
            "mysql --password *** -h db",
        );
        check(
            "docker login --password-stdin registry",
            "docker login --password-stdin registry",
        );
        check(
            "curl -u admin:s3cret https://x",
            "curl -u admin:*** https://x",
        );
        check(
            "pip install --index-url https://user:p%40ss@pypi.example/simple",
            "pip install --index-url https://user:***@pypi.example/simple",
        );
        check(
            "curl -H 'Authorization: Bearer abcdefgh12345678'",
            "curl -H 'Authorization: Bearer ***'",
        );
        check(
            "Authorization: Basic dXNlcjpwYXNz",
            "Authorization: Basic ***",
        );
    }

    #[test]
    fn lookalikes_in_real_dockerfiles_are_untouched() {
        for text in [
            "echo \"app ALL=(ALL) NOPASSWD:ALL\" >> /etc/sudoers",
            "ENV TOKENIZERS_PARALLELISM=false",
            "ENV MINIO_ROOT_PASSWORD_FILE=secret_key",
            "adduser --disabled-password appuser",
            "echo -n \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" > /tmp/date",
            "LABEL author=\"Jane\" keywords=\"a,b\"",
        ] {
            check(text, text);
        }
        check(
            "bob Cleartext-Password := \"testpw\"",
            "bob Cleartext-Password := \"***\"",
        );
        check(
            "npm config set apiKey abc; APIKey=abc; X-Api-Key: abc",
            "npm config set apiKey abc; APIKey=***; X-Api-Key: ***",
        );
    }

    #[test]
    fn ordinary_dockerfile_text_is_untouched() {
        let text = "FROM node:20-alpine AS build\n\
            ARG NPM_TOKEN\n\
            RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n\
            ENV TOKEN_FILE=$TOKEN_PATH PASSWORD=${DB_PASSWORD}\n\
            EXPOSE 3000\n\
            HEALTHCHECK CMD wget -q http://localhost:3000/health || exit 1\n";
        check(text, text);
    }
}
