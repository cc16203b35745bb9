use drydock_syntax::Span;

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD008",
    name: "hard-coded-credential",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a literal that looks like a real credential anywhere in the file, comments included:
GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), AWS access key ids
(`AKIA...`), Slack tokens (`xoxb-`, `xoxp-`, ...), private keys (`-----BEGIN ... PRIVATE
KEY-----`), JSON Web Tokens, Google API keys (`AIza...`) and Stripe live keys (`sk_live_`,
`rk_live_`). Obvious placeholders (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`) are skipped. The
message shows only the start of the secret.

## Why is this bad?
Everything in a Dockerfile ends up in the image: ENV and ARG values in its configuration, RUN
command lines in its history (`docker history --no-trunc`), copied files in its layers. Anyone
who can pull the image, and anyone who can read the repository, can read the credential. Treat
a committed credential as leaked: revoke it, then pass secrets at build time with
`RUN --mount=type=secret` and at run time through the environment.

## Example
```dockerfile
FROM alpine:3.20
ENV GITHUB_TOKEN=ghp_R8aQ3vX0mN5tK2pL7wZ9cD4fH6jB1sY0eU3i
```

## Use instead
```dockerfile
# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN ./fetch-private-deps.sh
```
"#,
    check,
};

/// A credential format: a fixed prefix and the length of the secret that follows it.
struct Pattern {
    prefix: &'static str,
    kind: &'static str,
    /// Length of the whole secret starting at the prefix, if `text` (which starts with the
    /// prefix) holds one.
    length: fn(&str) -> Option<usize>,
}

const PATTERNS: &[Pattern] = &[
    Pattern { prefix: "ghp_", kind: "GitHub token", length: github_classic },
    Pattern { prefix: "gho_", kind: "GitHub token", length: github_classic },
    Pattern { prefix: "ghu_", kind: "GitHub token", length: github_classic },
    Pattern { prefix: "ghs_", kind: "GitHub token", length: github_classic },
    Pattern { prefix: "ghr_", kind: "GitHub token", length: github_classic },
    Pattern { prefix: "github_pat_", kind: "GitHub token", length: |t| tail(t, 11, is_word, 40..) },
    Pattern { prefix: "AKIA", kind: "AWS access key id", length: aws_key_id },
    Pattern { prefix: "xoxb-", kind: "Slack token", length: slack },
    Pattern { prefix: "xoxa-", kind: "Slack token", length: slack },
    Pattern { prefix: "xoxp-", kind: "Slack token", length: slack },
    Pattern { prefix: "xoxr-", kind: "Slack token", length: slack },
    Pattern { prefix: "xoxs-", kind: "Slack token", length: slack },
    Pattern { prefix: "AIza", kind: "Google API key", length: |t| tail(t, 4, is_base64url, 35..) },
    Pattern { prefix: "sk_live_", kind: "Stripe secret key", length: stripe },
    Pattern { prefix: "rk_live_", kind: "Stripe secret key", length: stripe },
    Pattern { prefix: "eyJ", kind: "JSON Web Token", length: jwt },
    Pattern { prefix: "-----BEGIN ", kind: "private key", length: private_key },
];

fn check(cx: &Context, out: &mut Report) {
    let source = cx.source;
    let mut found: Vec<(Span, &Pattern)> = Vec::new();
    for pattern in PATTERNS {
        for (start, _) in source.match_indices(pattern.prefix) {
            let at_boundary = source[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_base64url(c));
            let Some(len) = at_boundary.then(|| (pattern.length)(&source[start..])).flatten() else {
                continue;
            };
            let span = Span::new(start, start + len);
            if !is_placeholder(&source[start + pattern.prefix.len()..span.end]) {
                found.push((span, pattern));
            }
        }
    }
    found.sort_by_key(|(span, _)| span.start);
    let mut covered = 0;
    for (span, pattern) in found {
        if span.start < covered {
            continue;
        }
        covered = span.end;
        out.add(
            span,
            format!(
                "a {} ({}) is written in the Dockerfile and ends up in the image: revoke it and pass it at build time with `RUN --mount=type=secret`",
                pattern.kind,
                masked(&source[span.start..span.end], pattern)
            ),
        );
    }
}

/// The prefix and a few characters, never the whole secret.
fn masked(secret: &str, pattern: &Pattern) -> String {
    if pattern.kind == "private key" {
        return "`-----BEGIN ... PRIVATE KEY-----`".to_owned();
    }
    let shown: String = secret.chars().take(pattern.prefix.len() + 4).collect();
    format!("`{shown}…`")
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The length of `text` up to the end of the run of `class` characters after `skip` bytes,
/// if that run's length is in `range` and the run ends there.
fn tail(
    text: &str,
    skip: usize,
    class: fn(char) -> bool,
    range: impl std::ops::RangeBounds<usize>,
) -> Option<usize> {
    let run = text[skip..].chars().take_while(|&c| class(c)).count();
    range.contains(&run).then_some(skip + run)
}

fn github_classic(text: &str) -> Option<usize> {
    tail(text, 4, |c| c.is_ascii_alphanumeric(), 36..=40)
}

fn aws_key_id(text: &str) -> Option<usize> {
    tail(text, 4, |c| c.is_ascii_uppercase() || c.is_ascii_digit(), 16..=16)
        .filter(|&n| !text[n..].starts_with(|c: char| c.is_ascii_alphanumeric()))
}

fn slack(text: &str) -> Option<usize> {
    tail(text, 5, |c| c.is_ascii_alphanumeric() || c == '-', 10..)
}

fn stripe(text: &str) -> Option<usize> {
    tail(text, 8, |c| c.is_ascii_alphanumeric(), 16..)
}

/// `eyJ<header>.eyJ<payload>.<signature>`, each part base64url.
fn jwt(text: &str) -> Option<usize> {
    let part = |from: usize| text[from..].chars().take_while(|&c| is_base64url(c)).count();
    let header = part(0);
    let payload_start = header + 1;
    if header < 10 || !text[header..].starts_with('.') || !text[payload_start..].starts_with("eyJ") {
        return None;
    }
    let payload = part(payload_start);
    let signature_start = payload_start + payload + 1;
    if !text[payload_start + payload..].starts_with('.') {
        return None;
    }
    let signature = part(signature_start);
    (signature > 0).then_some(signature_start + signature)
}

/// `-----BEGIN <label> PRIVATE KEY-----` through its END line, or the BEGIN line alone.
fn private_key(text: &str) -> Option<usize> {
    let line = &text[..text.find('\n').unwrap_or(text.len())];
    let label_end = line[11..].find("-----")? + 11;
    let label = &line[11..label_end];
    if !label.ends_with("PRIVATE KEY") && !label.ends_with("PRIVATE KEY BLOCK") {
        return None;
    }
    let end_marker = format!("-----END {label}-----");
    Some(
        text.find(&end_marker)
            .map_or(label_end + 5, |i| i + end_marker.len()),
    )
}

/// Documentation placeholders: one repeated character, `xxxx`, `EXAMPLE`.
fn is_placeholder(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    let mut chars = body.chars().filter(|c| c.is_ascii_alphanumeric());
    let first = chars.next();
    first.is_none_or(|f| chars.all(|c| c == f)) || lower.contains("xxxx") || lower.contains("example")
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    const GHP: &str = "ghp_R8aQ3vX0mN5tK2pL7wZ9cD4fH6jB1sY0eU3i";
    const JWT: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    #[test]
    fn finds_each_kind() {
        for (line, secret) in [
            ("ENV T=", GHP),
            ("ARG A=", "AKIAZ7Q2M4N6P8R0T1V3"),
            ("RUN curl -H 'Authorization: Bearer ", JWT),
            ("ENV SLACK=", "xoxb-2938475610-AbCdEfGhIjKlMn"),
            ("ENV G=", "AIzaSyD3xQ7mK9pL2vN8cR4tW6yB0hF5jZ1aE3g"),
            ("ENV S=", "sk_live_51HxQ2kL9mN3pR7tV"),
            ("ENV P=", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"),
        ] {
            let src = format!("FROM alpine\n{line}{secret}\n");
            let f = findings("DD008", &src);
            assert_eq!(f.len(), 1, "{src}");
            assert_eq!(&src[f[0].span.start..f[0].span.end], secret);
            assert!(!f[0].message.contains(secret), "{}", f[0].message);
        }
    }

    #[test]
    fn private_keys_span_the_whole_block() {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        let src = format!("FROM alpine\nRUN <<EOF\ncat > /k <<'K'\n{key}\nK\nEOF\n");
        let f = findings("DD008", &src);
        assert_eq!(f.len(), 1);
        assert_eq!(&src[f[0].span.start..f[0].span.end], key);
        assert_clean("DD008", "FROM alpine\n# -----BEGIN PUBLIC KEY-----\n");
    }

    #[test]
    fn secrets_in_comments_count() {
        assert_lines("DD008", &format!("FROM alpine\n# token: {GHP}\n"), &[2]);
    }

    #[test]
    fn placeholders_and_lookalikes_are_skipped() {
        assert_clean("DD008", "FROM alpine\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n");
        assert_clean("DD008", "FROM alpine\nENV T=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
        assert_clean("DD008", "FROM alpine\nENV T=ghp_short\nENV K=AKIA123\nENV A=MYAKIAZ7Q2M4N6P8R0T1V3\n");
        assert_clean("DD008", "FROM alpine\nRUN --mount=type=secret,id=gh,env=GITHUB_TOKEN make\n");
    }
}
