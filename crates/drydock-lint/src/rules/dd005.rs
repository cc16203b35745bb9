use drydock_syntax::Kind;

use crate::packages::{install, package_name, removes_packages};
use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, RunCommand, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD005",
    name: "build-tools-in-final-image",
    aliases: &[],
    severity: Severity::Info,
    fix: FixAvailability::None,
    docs: r#"
## What it does
In a single-stage build, flags a package install that brings compilers or development
packages into the image: `gcc`, `g++`, `clang`, `make`, `cmake`, `build-essential`,
`build-base`, `*-dev`, `*-devel`. Packages removed again in the same RUN (`apk add --virtual
.build-deps ... && apk del .build-deps`, `apt-get purge`) are not flagged.

## Why is this bad?
Build tools are needed to build, not to run. Shipped in the final image they add hundreds of
megabytes, slow every pull and deploy, and widen the attack surface (a compiler is exactly what
an attacker wants to find). A multi-stage build compiles in one stage and copies only the
results into a clean runtime stage.

## Example
```dockerfile
FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
```

## Use instead
```dockerfile
FROM python:3.12-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
```
"#,
    check,
};

const BUILD_TOOLS: &[&str] = &[
    "autoconf", "automake", "build-base", "build-essential", "clang", "cmake", "g++", "gcc",
    "gcc-c++", "libtool", "make",
];

/// Compilers and `-dev`/`-devel` packages (`gcc-12` and `clang-18` too).
fn is_build_package(name: &str) -> bool {
    let unversioned = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let unversioned = unversioned.strip_suffix('-').unwrap_or(name);
    BUILD_TOOLS.contains(&name)
        || BUILD_TOOLS.contains(&unversioned)
        || name.ends_with("-dev")
        || name.ends_with("-devel")
}

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    if df.stages.len() != 1 {
        return;
    }
    let runs: Vec<RunCommand> = cx
        .run_commands()
        .filter(|c| matches!(c.instruction.kind, Kind::Run(_)) && c.instruction.stage == Some(0))
        .collect();
    for run in &runs {
        let Some(install) = install(run.command) else {
            continue;
        };
        let same_run: Vec<&RunCommand> = runs.iter().filter(|c| c.index == run.index).collect();
        let removes_all = removes_everything_marked_auto(&same_run);
        let removed = |name: &str| {
            removes_all
                || same_run.iter().any(|c| {
                    removes_packages(c.command)
                        && c.command.args_no_flags().iter().any(|w| {
                            package_name(&w.value) == name
                                || Some(w.value.as_str()) == install.virtual_name
                        })
                })
        };
        let bad: Vec<_> = install
            .packages
            .iter()
            .filter(|w| {
                let name = package_name(&w.value);
                is_build_package(name) && !removed(name)
            })
            .collect();
        let Some(first) = bad.first() else {
            continue;
        };
        let names: Vec<&str> = bad.iter().map(|w| package_name(&w.value)).collect();
        let listed = if names.len() <= 3 {
            format!("`{}`", names.join("`, `"))
        } else {
            format!("`{}` and {} more", names[..3].join("`, `"), names.len() - 3)
        };
        out.add(
            run.shell.span(first.span.start, first.span.end),
            format!(
                "build tools ({listed}) end up in the final image: build in a separate stage and copy only the results"
            ),
        );
    }
}

/// The official images' pattern: `apt-mark auto '.*'` then `apt-get purge --auto-remove` (or
/// `autoremove`) removes everything installed in between.
fn removes_everything_marked_auto(run: &[&RunCommand]) -> bool {
    // `apt-mark auto '.*'`, or `apt-mark showmanual | xargs apt-mark auto`.
    let marks_auto = |c: &&RunCommand| {
        c.command.words.windows(2).any(|w| {
            w[0].value.rsplit('/').next() == Some("apt-mark") && w[1].value == "auto"
        })
    };
    run.iter().any(marks_auto)
        && run.iter().any(|c| {
            c.command.runs("apt-get", &["autoremove"])
                || (removes_packages(c.command) && c.command.has_any_flag(&["auto-remove"]))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::*;

    #[test]
    fn build_packages() {
        for p in ["gcc", "gcc-12", "g++", "clang-18", "make", "libpq-dev", "python3-devel", "build-base"] {
            assert!(is_build_package(p), "{p}");
        }
        for p in ["curl", "udev", "libpq5", "makedepend", "gccgo-go"] {
            assert!(!is_build_package(p), "{p}");
        }
    }

    #[test]
    fn flags_build_packages_in_a_single_stage() {
        assert_lines("DD005", "FROM debian\nRUN apt-get install -y curl gcc=4:12\n", &[2]);
        assert_lines("DD005", "FROM alpine\nRUN apk add --no-cache musl-dev\n", &[2]);
        assert_lines("DD005", "FROM fedora\nRUN <<EOF\ndnf install -y \\\n  python3-devel\nEOF\n", &[4]);
        let f = findings("DD005", "FROM debian\nRUN apt-get install -y gcc g++ make libc6-dev libssl-dev\n");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("and 2 more"), "{}", f[0].message);
    }

    #[test]
    fn multi_stage_builds_are_left_alone() {
        assert_clean("DD005", "FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian\nCOPY --from=build /a /a\n");
    }

    #[test]
    fn packages_removed_in_the_same_run_are_fine() {
        assert_clean(
            "DD005",
            "FROM alpine\nRUN apk add --virtual .build-deps gcc musl-dev && pip install x && apk del .build-deps\n",
        );
        assert_clean("DD005", "FROM debian\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n");
        assert_clean(
            "DD005",
            "FROM debian\nRUN apt-mark auto '.*' && apt-get install -y gcc && apt-get purge -y --auto-remove\n",
        );
        assert_lines("DD005", "FROM debian\nRUN apt-get install -y gcc\nRUN apt-get purge -y gcc\n", &[2]);
    }
}
