use crate::sources::copy_sources;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD012",
    name: "sensitive-file-copied",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY` or `ADD` of a file that normally holds a secret: `.env` files, SSH private keys
(`id_rsa`, `id_ed25519`, ...), private keys and keystores (`*.key`, `*.pem`, `*.p12`,
`*.pfx`), package-registry and network credentials (`.npmrc`, `.pypirc`, `.netrc`,
`.git-credentials`), cloud and cluster credentials (`.aws/credentials`, `.docker/config.json`,
`credentials.json`, `kubeconfig`, `.kube/config`) and whole `.ssh`, `.aws`, `.gnupg`
directories.

## Why is this bad?
A copied file stays in its image layer for good: deleting it in a later step hides it from the
final filesystem but not from anyone who pulls the image and unpacks the layers. Secrets that
a build step needs belong in a secret mount, which is never written to a layer.

## Example
```dockerfile
FROM node:20-slim
COPY .npmrc package.json ./
RUN npm ci
```

## Use instead
```dockerfile
FROM node:20-slim
COPY package.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
```

## Differences from hadolint
hadolint has no such rule.

Drydock does not flag a `.pem` file whose name says it is a certificate (`cert`, `chain`,
`bundle`, `ca`), nor a key file whose name or destination says it is a public or package
signing key (`pub`, `gpg`, `pgp`, `.asc`, `keyring`, `signing`): those are public. Template env files (`.env.example`, `.env.sample`,
`.env.template`, `.env.dist`, `.env.defaults`) are not flagged either.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for source in copy_sources(cx) {
        if source.is_heredoc() || source.remote().is_some() {
            continue;
        }
        let dest = source.copy.dest.as_ref().map(|d| d.value.as_str());
        if let Some(what) = sensitive(&source.word.value, dest) {
            out.add(
                source.word.span,
                format!(
                    "`{}` looks like {what}: a copied file stays in the image layers for good; \
                     mount it with `RUN --mount=type=secret` instead",
                    source.word.value
                ),
            );
        }
    }
}

/// What kind of secret a source path names, if any. The destination tells public keys apart
/// (`/usr/share/keyrings/x.asc`, `key.pub`).
fn sensitive(path: &str, dest: Option<&str>) -> Option<&'static str> {
    let trimmed = path.trim_end_matches('/');
    let mut parts = trimmed.rsplit('/');
    let name = parts.next().unwrap_or("");
    let parent = parts.next().unwrap_or("");
    let lower = name.to_ascii_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, e)| e);
    match (parent, lower.as_str()) {
        (".aws", "credentials") | (".kube", "config") | (".docker", "config.json") => {
            return Some("a credentials file")
        }
        _ => {}
    }
    Some(match lower.as_str() {
        ".env" => "an environment file with secrets",
        n if n.starts_with(".env.") && !is_env_template(n) => "an environment file with secrets",
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" | "id_ecdsa_sk" | "id_ed25519_sk" => {
            "an SSH private key"
        }
        ".ssh" | ".aws" | ".gnupg" => "a directory of private keys or credentials",
        ".npmrc" | ".pypirc" | ".netrc" | ".git-credentials" | "credentials.json"
        | "kubeconfig" => "a credentials file",
        _ => match extension {
            _ if is_public(&lower) || dest.is_some_and(is_public) => return None,
            Some("key" | "p12" | "pfx" | "jks" | "keystore") => "a private key or keystore",
            Some("pem") if !is_certificate(&lower) => "a private key",
            _ => return None,
        },
    })
}

fn is_env_template(name: &str) -> bool {
    [".example", ".sample", ".template", ".dist", ".defaults"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// A name or destination of a public key: package signing keys and keyrings.
fn is_public(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ["pub", "gpg", "pgp", ".asc", "keyring", "signing"]
        .iter()
        .any(|m| lower.contains(m))
}

/// A `.pem` whose name says it holds certificates, which are public.
fn is_certificate(name: &str) -> bool {
    let stem = name.trim_end_matches(".pem");
    ["cert", "chain", "bundle"].iter().any(|w| stem.contains(w))
        || stem
            .split(['-', '_', '.'])
            .any(|part| part == "ca" || part == "cacert")
}

#[cfg(test)]
mod tests {
    use super::sensitive;
    use crate::test_support::*;

    #[test]
    fn names_that_hold_secrets() {
        for path in [
            ".env",
            "./.env",
            "config/.env.production",
            "id_rsa",
            "/root/.ssh/id_ed25519",
            ".ssh/",
            ".aws",
            "tls/server.key",
            "privkey.pem",
            "keystore.p12",
            ".npmrc",
            ".pypirc",
            ".netrc",
            ".git-credentials",
            ".aws/credentials",
            "home/.docker/config.json",
            ".kube/config",
            "credentials.json",
            "kubeconfig",
            "*.pem",
        ] {
            assert!(
                sensitive(path, Some("/app/")).is_some(),
                "`{path}` should be sensitive"
            );
        }
    }

    #[test]
    fn names_that_do_not() {
        for path in [
            ".env.example",
            ".env.sample",
            "env.js",
            ".envrc.d/x",
            "id_rsa.pub",
            "fullchain.pem",
            "cert.pem",
            "ca.pem",
            "my-ca.pem",
            "ca-bundle.pem",
            "config.json",
            "config",
            "src/keys.ts",
            "monkey",
            "package.json",
            "nginx_public_keys.key",
            "nodesource-repo.gpg.key",
        ] {
            assert!(
                sensitive(path, Some("/app/")).is_none(),
                "`{path}` should not be sensitive"
            );
        }
    }

    #[test]
    fn a_public_destination_makes_a_key_public() {
        assert!(sensitive("jenkins.io-2026.key", Some("/war/jenkins-key.pub")).is_none());
        assert!(sensitive("vendor.key", Some("/usr/share/keyrings/vendor.asc")).is_none());
        assert!(sensitive("vendor.key", Some("/etc/ssl/private/")).is_some());
        assert!(sensitive(".env", Some("/pub/")).is_some());
    }

    #[test]
    fn flags_each_sensitive_source() {
        assert_lines(
            "DD012",
            "FROM alpine\nCOPY .npmrc package.json ./\nADD id_rsa /root/.ssh/\nCOPY src /app\n",
            &[2, 3],
        );
        assert_lines(
            "DD012",
            "FROM alpine\nCOPY --from=build /root/.aws/credentials /tmp/\n",
            &[2],
        );
        assert_lines("DD012", "FROM alpine\nONBUILD COPY .env /app/\n", &[2]);
        assert_lines(
            "DD012",
            "FROM alpine\nCOPY [\"secrets/.env\", \"/app/\"]\n",
            &[2],
        );
    }

    #[test]
    fn the_span_is_the_source_word() {
        let src = "FROM alpine\nCOPY a.txt .env /app/\n";
        let found = findings("DD012", src);
        assert_eq!(found.len(), 1);
        assert_eq!(&src[found[0].span.start..found[0].span.end], ".env");
        assert!(found[0]
            .message
            .starts_with("`.env` looks like an environment file"));
    }

    #[test]
    fn heredocs_urls_and_public_files_are_fine() {
        assert_clean("DD012", "FROM alpine\nCOPY <<EOF /app/.env\nA=1\nEOF\n");
        assert_clean(
            "DD012",
            "FROM alpine\nADD https://example.com/id_rsa /tmp/\n",
        );
        assert_clean(
            "DD012",
            "FROM alpine\nCOPY ca.pem /usr/local/share/ca-certificates/ca.crt\nCOPY .env.example /app/\n",
        );
    }
}
