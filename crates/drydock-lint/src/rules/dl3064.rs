use drydock_syntax::{Kind, Word};

use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3064",
    name: "secret-in-arg-or-env",
    aliases: &["SecretsUsedInArgOrEnv"],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an `ARG` or `ENV` whose name says it holds a secret: one of the `_`-separated words of
the name is `apikey`, `auth`, `credential(s)`, `key`, `password`, `passwd`, `pword`, `secret` or
`token` (any case), and none is `public`, `file` or `version`. This is BuildKit's
`SecretsUsedInArgOrEnv` check.

## Why is this bad?
ENV values are stored in the image config and build arguments in the image history: anyone who
can pull the image can read them. Pass secrets with `RUN --mount=type=secret` instead; they are
never stored.

## Example
```dockerfile
FROM alpine:3.20
ARG GITHUB_TOKEN
RUN wget -q --header "Authorization: token $GITHUB_TOKEN" https://example.com/x
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \
    wget -q --header "Authorization: token $GITHUB_TOKEN" https://example.com/x
```

## Differences from hadolint
Drydock follows BuildKit's word matching; hadolint 2.15 matches substrings and a list of known
names instead. So:
- hadolint flags names that merely contain a word (`TOKENIZERS_PARALLELISM`, `USERNAME`,
  `PRIVATE`); Drydock does not.
- Drydock flags names with `key` or `auth` as a word (`GPG_KEY`, `LICENSE_KEY`, `NPM_AUTH`)
  that hadolint lets through, as `docker build` does. Silence them with
  `# check=skip=SecretsUsedInArgOrEnv` or a pragma when the value is public (a GPG key
  fingerprint, for example).
- Like BuildKit, Drydock does not flag names with `file` as a word: they hold a path to a
  secret, not the secret (`MINIO_ROOT_PASSWORD_FILE`); hadolint flags them.

## References
hadolint DL3064; BuildKit check `SecretsUsedInArgOrEnv`.
"#,
    check,
};

const SECRET_WORDS: &[&str] = &[
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// Words that make a name not a secret: `PUBLIC_KEY`, `PASSWORD_FILE`, `TOKEN_VERSION`.
const HARMLESS_WORDS: &[&str] = &["public", "file", "version"];

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        for name in names(&instruction.kind) {
            if looks_secret(&name.value) {
                out.add(
                    name.span,
                    "Potentially sensitive data should not be used in the `ARG` or `ENV` commands",
                );
            }
        }
    }
}

/// The names an ARG or ENV (or ONBUILD ARG/ENV) defines.
fn names(kind: &Kind) -> Vec<&Word> {
    match kind {
        Kind::Arg(args) => args.iter().map(|a| &a.name).collect(),
        Kind::Env(pairs) => pairs.iter().map(|p| &p.key).collect(),
        Kind::Onbuild(inner) => names(&inner.kind),
        _ => Vec::new(),
    }
}

fn looks_secret(name: &str) -> bool {
    let has = |words: &[&str]| {
        name.split('_')
            .any(|part| words.iter().any(|w| part.eq_ignore_ascii_case(w)))
    };
    has(SECRET_WORDS) && !has(HARMLESS_WORDS)
}

#[cfg(test)]
mod tests {
    use super::looks_secret;
    use crate::test_support::*;

    #[test]
    fn matches_whole_words_like_buildkit() {
        for name in [
            "GITHUB_TOKEN",
            "password",
            "DB_PASSWD",
            "API_KEY",
            "AUTH",
            "aws_secret_access_key",
            "actions_runtime_token",
            "GPG_KEY",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "TOKENIZERS_PARALLELISM",
            "PUBLIC_KEY",
            "MINIO_ROOT_PASSWORD_FILE",
            "KEYCLOAK_VERSION",
            "GPG_KEYS",
            "USERNAME",
            "MONKEY",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }

    #[test]
    fn flags_arg_and_env_names() {
        assert_lines("DL3064", "FROM a\nARG GITHUB_TOKEN\n", &[2]);
        assert_lines("DL3064", "FROM a\nENV A=1 \\\n    DB_PASSWORD=x\n", &[3]);
        assert_lines("DL3064", "FROM a\nENV API_KEY abc\n", &[2]);
        assert_lines("DL3064", "ARG NPM_TOKEN\nFROM a\n", &[1]);
        assert_lines("DL3064", "FROM a\nONBUILD ARG SECRET\n", &[2]);
        assert_eq!(
            findings("DL3064", "FROM a\nARG A_TOKEN B_SECRET\n").len(),
            2
        );
    }

    #[test]
    fn accepts_harmless_names() {
        assert_clean(
            "DL3064",
            "FROM a\nARG VERSION\nENV PATH=/x PUBLIC_KEY=abc\n",
        );
    }

    #[test]
    fn the_buildkit_name_silences_it() {
        assert_clean(
            "DL3064",
            "# check=skip=SecretsUsedInArgOrEnv\nFROM a\nARG GITHUB_TOKEN\n",
        );
    }
}
