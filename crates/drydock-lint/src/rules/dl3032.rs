use drydock_syntax::shell::Command;

use crate::cache_cleanup::{removes_dir, uncleaned_installs};
use crate::rpm::downloads_packages;
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

/// yum keeps its cache here, dnf-based yum (RHEL 8 and later) in the second.
pub(crate) const RPM_CACHE_DIRS: &[&str] = &["/var/cache/yum", "/var/cache/dnf"];

pub(crate) static RULE: Rule = Rule {
    code: "DL3032",
    name: "yum-cache-not-cleaned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a RUN that installs or upgrades packages with yum (`install`, `update`, `upgrade`,
`groupinstall`, ...) without a `yum clean all` (or an `rm` of `/var/cache/yum`) after it, unless
the RUN mounts a cache on yum's cache directory.

## Why is this bad?
yum keeps the downloaded packages and repository metadata in `/var/cache/yum`. Unless they are
removed in the same RUN, they stay in the layer and make the image larger for nothing.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

Or keep the cache out of the image with a cache mount, which also speeds up rebuilds:

```dockerfile
FROM centos:7
RUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4.6
```

## Differences from hadolint
- hadolint only looks at `yum install`; upgrades download packages into the same cache.
- hadolint accepts a cleanup anywhere in the RUN, even before the install; Drydock wants it
  after the last install.
- hadolint accepts any `rm -rf`, even of an unrelated directory; Drydock wants the `rm` to
  remove the cache directory (`/var/cache/yum`, its contents or a parent).
- A cache mount on `/var/cache/yum` (or `/var/cache/dnf`, where yum is dnf) silences the rule:
  nothing is left in the layer. hadolint does not know cache mounts.

## References
hadolint DL3032.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let installs = |c: &Command| downloads_packages(c, &["yum"]);
    let cleans =
        |c: &Command| c.runs("yum", &["clean"]) || RPM_CACHE_DIRS.iter().any(|d| removes_dir(c, d));
    for c in uncleaned_installs(cx, installs, cleans) {
        if !RPM_CACHE_DIRS.iter().any(|d| c.mount_covers(d)) {
            out.add(c.span(), "`yum clean all` missing after yum command.");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_install_without_clean() {
        assert_lines("DL3032", "FROM c\nRUN yum install -y x\n", &[2]);
        assert_lines(
            "DL3032",
            "FROM c\nRUN yum clean all && yum install -y x\n",
            &[2],
        );
        assert_lines(
            "DL3032",
            "FROM c\nRUN yum install -y x && rm -rf /tmp/x\n",
            &[2],
        );
        assert_lines("DL3032", "FROM c\nONBUILD RUN yum install -y x\n", &[2]);
        assert_lines("DL3032", "FROM c\nRUN yum -y update\n", &[2]);
        assert_lines(
            "DL3032",
            "FROM c\nRUN yum -y module install nodejs:18\n",
            &[2],
        );
        assert_lines("DL3032", "FROM c\nRUN <<EOF\nyum install -y x\nEOF\n", &[3]);
    }

    #[test]
    fn accepts_a_clean_after_the_install() {
        assert_clean("DL3032", "FROM c\nRUN yum install -y x && yum clean all\n");
        assert_clean(
            "DL3032",
            "FROM c\nRUN yum -y install x && yum -y clean all\n",
        );
        assert_clean(
            "DL3032",
            "FROM c\nRUN yum install -y x && rm -rf /var/cache/yum\n",
        );
        assert_clean(
            "DL3032",
            "FROM c\nRUN yum install -y x && rm -rf /var/cache/yum/*\n",
        );
        assert_clean(
            "DL3032",
            "FROM c\nRUN <<EOF\nyum install -y x\nyum clean all\nEOF\n",
        );
        assert_clean("DL3032", "FROM c\nRUN yum makecache && yum repolist\n");
    }

    #[test]
    fn a_cache_mount_keeps_the_cache_out_of_the_layer() {
        assert_clean(
            "DL3032",
            "FROM c\nRUN --mount=type=cache,target=/var/cache/yum yum install -y x\n",
        );
        assert_clean(
            "DL3032",
            "FROM c\nRUN --mount=type=cache,target=/var/cache,sharing=locked yum install -y x\n",
        );
        assert_lines(
            "DL3032",
            "FROM c\nRUN --mount=type=cache,target=/root/.cache yum install -y x\n",
            &[2],
        );
    }
}
