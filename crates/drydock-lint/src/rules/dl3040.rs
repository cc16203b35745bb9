use drydock_syntax::shell::Command;

use crate::cache_cleanup::{removes_dir, uncleaned_installs};
use crate::rpm::downloads_packages;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

/// dnf 4 keeps its cache in the first, microdnf and older dnf in the second, dnf 5 in the third.
const CACHE_DIRS: &[&str] = &["/var/cache/dnf", "/var/cache/yum", "/var/cache/libdnf5"];

pub(crate) static RULE: Rule = Rule {
    code: "DL3040",
    name: "dnf-cache-not-cleaned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a RUN that installs or upgrades packages with dnf or microdnf (`install`, `upgrade`,
`update`, `module install`, ...) without a `dnf clean all` (the same program's `clean`) or an
`rm` of the cache directory after it, unless the RUN mounts a cache on the cache directory.

## Why is this bad?
dnf keeps downloaded packages and repository metadata in `/var/cache/dnf` (microdnf in
`/var/cache/yum`). Unless they are removed in the same RUN, they stay in the layer and make the
image larger for nothing.

## Example
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62
```

## Use instead
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## Differences from hadolint
- hadolint looks at `install`, `reinstall` and `upgrade` but not at `update` (the same as
  `upgrade`), `downgrade` or `distro-sync`.
- hadolint compares the first install with the first cleanup of the RUN, so any `rm -rf` before
  the install hides a `dnf clean all` at the end; Drydock wants a cleanup after the last
  install.
- hadolint accepts any `rm -rf`, even of an unrelated directory; Drydock wants the `rm` to
  remove a dnf cache directory (`/var/cache/dnf`, `/var/cache/yum`, `/var/cache/libdnf5`, their
  contents or a parent).
- A cache mount on one of those directories silences the rule: nothing is left in the layer.
  hadolint does not know cache mounts.

## References
hadolint DL3040.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for program in ["dnf", "microdnf"] {
        let installs = |c: &Command| downloads_packages(c, &[program]);
        let cleans = |c: &Command| {
            c.runs(program, &["clean"]) || CACHE_DIRS.iter().any(|d| removes_dir(c, d))
        };
        for c in uncleaned_installs(cx, installs, cleans) {
            if !CACHE_DIRS.iter().any(|d| c.mount_covers(d)) {
                out.add(c.span(), "`dnf clean all` missing after dnf command.");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_install_without_clean() {
        assert_lines("DL3040", "FROM f\nRUN dnf install -y x-1\n", &[2]);
        assert_lines(
            "DL3040",
            "FROM f\nRUN dnf clean all && dnf install -y x-1\n",
            &[2],
        );
        assert_lines(
            "DL3040",
            "FROM f\nRUN microdnf install -y x-1 && dnf clean all\n",
            &[2],
        );
        assert_lines(
            "DL3040",
            "FROM f\nRUN dnf install -y x-1 && rm -rf /tmp/x\n",
            &[2],
        );
        assert_lines("DL3040", "FROM f\nONBUILD RUN dnf install -y x-1\n", &[2]);
        assert_lines("DL3040", "FROM f\nRUN dnf -y upgrade\n", &[2]);
        assert_lines("DL3040", "FROM f\nRUN microdnf update -y\n", &[2]);
        assert_lines(
            "DL3040",
            "FROM f\nRUN <<EOF\ndnf install -y x-1\nEOF\n",
            &[3],
        );
    }

    #[test]
    fn accepts_a_clean_after_the_install() {
        assert_clean(
            "DL3040",
            "FROM f\nRUN dnf install -y x-1 && dnf clean all\n",
        );
        assert_clean(
            "DL3040",
            "FROM f\nRUN microdnf install -y x-1 && microdnf clean all\n",
        );
        assert_clean(
            "DL3040",
            "FROM f\nRUN dnf install -y x-1 && rm -rf /var/cache/dnf\n",
        );
        assert_clean(
            "DL3040",
            "FROM f\nRUN dnf -y install x-1 && rm -rf /var/cache/yum/*\n",
        );
        assert_clean("DL3040", "FROM f\nRUN dnf makecache && dnf repolist\n");
        assert_clean(
            "DL3040",
            "FROM f\nRUN rm -rf /tmp/a && microdnf install -y x-1 && microdnf clean all\n",
        );
    }

    #[test]
    fn a_cache_mount_keeps_the_cache_out_of_the_layer() {
        assert_clean(
            "DL3040",
            "FROM f\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y x-1\n",
        );
        assert_clean(
            "DL3040",
            "FROM f\nRUN --mount=type=cache,target=/var/cache/yum microdnf install -y x-1\n",
        );
    }
}
