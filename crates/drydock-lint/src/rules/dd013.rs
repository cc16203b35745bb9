use crate::sources::{copy_sources, Remote};
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD013",
    name: "unverified-remote-add",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags an `ADD` of an http(s) URL without `--checksum`, and an `ADD` of a Git repository that
is not pinned to a commit: neither `--checksum=<commit>` nor a full commit hash in the URL
(`#<sha>`, `?ref=<sha>`, `?checksum=<sha>` or `?commit=<sha>`).

Git sources are checked too: BuildKit accepts `--checksum` for a Git URL (the commit its ref
must resolve to) and, since Dockerfile 1.18, a `checksum` or `commit` query parameter. Either,
or a ref that is itself a full commit hash, pins the source.

## Why is this bad?
Whatever the server returns today goes into the image. A compromised or simply updated
download changes the image without any change to the Dockerfile, and the build cannot tell.
With `--checksum` BuildKit verifies the content and fails on a mismatch. A Git branch or tag
can be moved; a commit hash cannot.

## Example
```dockerfile
FROM alpine:3.20
ADD https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu
```

## Use instead
```dockerfile
FROM alpine:3.20
ADD --checksum=sha256:bbc4136d03ab138b1ad66fa4fc051bafc6cc7ffae632b069a53657279a450de3 https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu
```

## References
Dockerfile reference: `ADD --checksum`, "Adding a Git repository".
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for source in copy_sources(cx) {
        let Some(remote) = source.remote() else {
            continue;
        };
        if source.copy.checksum.is_some() {
            continue;
        }
        let url = &source.word.value;
        match remote {
            Remote::Http => out.add(
                source.word.span,
                format!(
                    "`ADD {url}` is not verified: add `--checksum=sha256:...` or download it \
                     in a RUN that checks it"
                ),
            ),
            Remote::Git if !pins_commit(url) => out.add(
                source.word.span,
                format!(
                    "`ADD {url}` follows a movable ref: add `--checksum=<commit>` or name a \
                     full commit hash"
                ),
            ),
            Remote::Git => {}
        }
    }
}

/// Whether a Git URL names a full commit hash as its ref or checksum.
fn pins_commit(url: &str) -> bool {
    let fragment = url.split_once('#').map(|(_, f)| f);
    let fragment_ref = fragment.map(|f| f.split(':').next().unwrap_or(f));
    let query = url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or(q));
    let query_refs = query.into_iter().flat_map(|q| {
        q.split('&').filter_map(|pair| match pair.split_once('=') {
            Some(("ref" | "checksum" | "commit", value)) => Some(value),
            _ => None,
        })
    });
    fragment_ref.into_iter().chain(query_refs).any(is_commit)
}

/// A full SHA-1 or SHA-256 commit hash.
fn is_commit(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn http_downloads_need_a_checksum() {
        assert_lines(
            "DD013",
            "FROM alpine\nADD https://example.com/a.tgz /tmp/\nADD http://example.com/b /b\n",
            &[2, 3],
        );
        assert_clean(
            "DD013",
            "FROM alpine\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /tmp/\n",
        );
        assert_lines(
            "DD013",
            "FROM alpine\nONBUILD ADD https://example.com/a /a\n",
            &[2],
        );
    }

    #[test]
    fn git_sources_need_a_commit() {
        assert_lines(
            "DD013",
            "FROM alpine\nADD https://github.com/moby/buildkit.git#v0.13.0 /src\nADD git@github.com:o/r.git /r\n",
            &[2, 3],
        );
        for url in [
            format!("https://github.com/o/r.git#{SHA}"),
            format!("https://github.com/o/r.git#{SHA}:docs"),
            format!("https://github.com/o/r.git?ref={SHA}"),
            format!("https://github.com/o/r.git?tag=v1&checksum={SHA}"),
            format!("git@github.com:o/r.git#{SHA}"),
        ] {
            assert_clean("DD013", &format!("FROM alpine\nADD {url} /src\n"));
        }
        assert_clean(
            "DD013",
            &format!("FROM alpine\nADD --checksum={SHA} https://github.com/o/r.git#main /src\n"),
        );
    }

    #[test]
    fn local_sources_and_copy_are_ignored() {
        assert_clean("DD013", "FROM alpine\nADD app.tgz /app/\nCOPY a b\n");
    }

    #[test]
    fn the_span_is_the_url() {
        let src = "FROM alpine\nADD --chown=1 https://x.org/a /a\n";
        let f = &findings("DD013", src)[0];
        assert_eq!(&src[f.span.start..f.span.end], "https://x.org/a");
    }
}
