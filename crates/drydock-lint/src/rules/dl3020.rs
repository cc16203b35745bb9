use drydock_syntax::Kind;

use crate::sources::{is_archive, is_remote};
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3020",
    name: "add-for-local-files",
    aliases: &[],
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    docs: r#"
## What it does
Flags an `ADD` whose sources include local files or folders that are not archives.

## Why is this bad?
`ADD` has hidden behaviours: it fetches URLs and git repositories and unpacks local tar
archives. For plain files it does what `COPY` does, but a reader cannot tell which behaviour
was meant. `COPY` says it copies, and keeps `ADD` for when its extras are wanted.

## Example
```dockerfile
FROM nginx:1.27
ADD site/ /usr/share/nginx/html/
```

## Use instead
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
ADD vendor.tar.gz /opt/vendor/
```

## Fix safety
The fix replaces `ADD` with `COPY`. It is safe for the files this rule flags, which are neither
URLs nor archives by name; a tar archive with an unusual file name would be copied instead of
unpacked. No fix is offered when the `ADD` uses flags `COPY` lacks (`--checksum`,
`--keep-git-dir`, `--unpack`).

## Differences from hadolint
git sources (`git@host:repo.git`, `git://...`) and any `scheme://` URL count as remote, as
BuildKit fetches them; hadolint only knows `http://` and `https://` and flags the rest. A
source starting with a variable is not flagged, as it may hold a URL.

## References
hadolint DL3020.
"#,
    check,
};

const ADD_ONLY_FLAGS: &[&str] = &["checksum", "keep-git-dir", "unpack"];

fn check(cx: &Context, out: &mut Report) {
    for (_, instruction) in cx.instructions() {
        let Kind::Add(add) = &instruction.kind else {
            continue;
        };
        let local_file = add
            .sources
            .iter()
            .any(|s| !is_archive(&s.value) && !is_remote(&s.value) && !s.value.starts_with('$'));
        if !local_file {
            continue;
        }
        let keyword = &instruction.keyword_word;
        let message = "Use COPY instead of ADD for files and folders";
        if instruction.flags.iter().any(|f| ADD_ONLY_FLAGS.contains(&f.name.as_str())) {
            out.add(keyword.span, message);
            continue;
        }
        let copy = if keyword.value.chars().any(|c| c.is_ascii_uppercase()) {
            "COPY"
        } else {
            "copy"
        };
        out.add_with_fix(
            keyword.span,
            message,
            Fix::safe("replace `ADD` with `COPY`", vec![Edit::replace(keyword.span, copy)]),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_local_non_archive_sources() {
        assert_lines("DL3020", "FROM a:1\nADD . /app\n", &[2]);
        assert_lines("DL3020", "FROM a:1\nADD app.tgz config.yml /app/\n", &[2]);
        assert_lines("DL3020", "FROM a:1\nADD [\"a b\", \"/c\"]\n", &[2]);
        assert_lines("DL3020", "FROM a:1\nADD --chown=1:1 app.zip /x\n", &[2]);
    }

    #[test]
    fn accepts_archives_and_remote_sources() {
        for src in [
            "app.tar.gz",
            "\"app.tar.xz\"",
            "https://example.com/app.bin",
            "git@github.com:org/repo.git",
            "git://example.com/repo",
            "$URL",
        ] {
            assert_clean("DL3020", &format!("FROM a:1\nADD {src} /x/\n"));
        }
        assert_clean("DL3020", "FROM a:1\nONBUILD ADD . /app\n");
    }

    #[test]
    fn fix_turns_add_into_copy() {
        assert_fix("DL3020", "FROM a:1\nADD --chown=1:1 src/ /app/\n", "FROM a:1\nCOPY --chown=1:1 src/ /app/\n");
        assert_fix("DL3020", "from a:1\nadd src/ /app/\n", "from a:1\ncopy src/ /app/\n");
    }

    #[test]
    fn no_fix_with_add_only_flags() {
        let found = findings("DL3020", "FROM a:1\nADD --checksum=sha256:abc x /y\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }
}
