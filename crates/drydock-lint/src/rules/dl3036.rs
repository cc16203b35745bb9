use drydock_syntax::shell::Command;

use crate::cache_cleanup::{removes_dir, uncleaned_installs};
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

const CACHE_DIR: &str = "/var/cache/zypp";

pub(crate) static RULE: Rule = Rule {
    code: "DL3036",
    name: "zypper-cache-not-cleaned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a RUN that runs `zypper install` without a `zypper clean` (or an `rm` of
`/var/cache/zypp`) after it, unless the RUN mounts a cache on zypper's cache directory.

## Why is this bad?
zypper keeps downloaded packages and repository metadata in `/var/cache/zypp`. Unless they are
removed in the same RUN, they stay in the layer and make the image larger for nothing.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
```

## Differences from hadolint
- hadolint compares the first install with the first cleanup of the RUN; Drydock wants a
  cleanup after the last install.
- An `rm` of `/var/cache/zypp` counts as a cleanup.
- A cache mount on `/var/cache/zypp` silences the rule: nothing is left in the layer. hadolint
  does not know cache mounts.

## References
hadolint DL3036.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let installs = |c: &Command| c.runs("zypper", &["install", "in"]);
    let cleans = |c: &Command| c.runs("zypper", &["clean", "cc"]) || removes_dir(c, CACHE_DIR);
    for c in uncleaned_installs(cx, installs, cleans) {
        if !c.mount_covers(CACHE_DIR) {
            out.add(c.span(), "`zypper clean` missing after zypper use.");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_install_without_clean() {
        assert_lines("DL3036", "FROM s\nRUN zypper -n install x=1\n", &[2]);
        assert_lines(
            "DL3036",
            "FROM s\nRUN zypper clean && zypper -n in x=1\n",
            &[2],
        );
        assert_lines("DL3036", "FROM s\nONBUILD RUN zypper -n in x=1\n", &[2]);
        assert_lines("DL3036", "FROM s\nRUN <<EOF\nzypper -n in x=1\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_a_clean_after_the_install() {
        assert_clean(
            "DL3036",
            "FROM s\nRUN zypper -n install x=1 && zypper clean -a\n",
        );
        assert_clean("DL3036", "FROM s\nRUN zypper -n in x=1 && zypper cc\n");
        assert_clean(
            "DL3036",
            "FROM s\nRUN zypper -n in x=1 && rm -rf /var/cache/zypp/*\n",
        );
        assert_clean("DL3036", "FROM s\nRUN zypper -n refresh\n");
    }

    #[test]
    fn a_cache_mount_keeps_the_cache_out_of_the_layer() {
        assert_clean(
            "DL3036",
            "FROM s\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in x=1\n",
        );
    }
}
