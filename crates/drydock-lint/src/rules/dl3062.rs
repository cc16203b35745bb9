use drydock_syntax::shell::{Command, ShellWord};

use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3062",
    name: "go-unpinned-package",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a package of `go install`, `go get` or `go run` given without a version, or pinned to
`@latest` or `@none`. Local packages (`.`, `./cmd/...`, `/src/x`) and `.go` files are fine.

## Why is this bad?
Without a version, go fetches whatever the module's latest release is that day, so two builds of
the same Dockerfile can differ and a rebuild can break without any change of yours.

## Example
```dockerfile
FROM golang:1.22
RUN go install golang.org/x/tools/gopls@latest
```

## Use instead
```dockerfile
FROM golang:1.22
RUN go install golang.org/x/tools/gopls@v0.16.1
```

## Differences from hadolint
- hadolint stops checking `go install` and `go get` in a RUN once it contains a `go run`;
  Drydock checks every go command.
- hadolint flags `go run main.go`; Drydock treats `.go` files as local.
- hadolint reads the value of a flag such as `-C dir` or `-tags netgo` as a package; Drydock
  skips flag values.
- hadolint reports the RUN once; Drydock reports each unpinned package.

## References
hadolint DL3062.
"#,
    check,
};

/// go build flags that take a value as the next word.
const VALUE_FLAGS: &[&str] = &[
    "C",
    "p",
    "o",
    "tags",
    "ldflags",
    "gcflags",
    "asmflags",
    "gccgoflags",
    "mod",
    "modfile",
    "overlay",
    "pkgdir",
    "toolexec",
    "exec",
    "buildmode",
    "compiler",
    "installsuffix",
    "covermode",
    "coverpkg",
    "pgo",
];

fn check(cx: &Context, out: &mut Report) {
    for c in cx.run_commands() {
        for package in packages(c.command)
            .into_iter()
            .filter(|p| !pinned(&p.value))
        {
            out.add(
                c.span_of(package),
                "Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`",
            );
        }
    }
}

/// The packages `go install`, `go get` or `go run` fetches.
fn packages(cmd: &Command) -> Vec<&ShellWord> {
    if !cmd.is("go") {
        return Vec::new();
    }
    let positional = positional_args(cmd);
    match positional.split_first() {
        Some((sub, rest)) if sub.value == "install" || sub.value == "get" => rest.to_vec(),
        // The words after the package are the program's arguments.
        Some((sub, [package, ..])) if sub.value == "run" && !package.value.ends_with(".go") => {
            vec![*package]
        }
        _ => Vec::new(),
    }
}

/// The arguments that are neither flags nor flag values.
fn positional_args(cmd: &Command) -> Vec<&ShellWord> {
    let mut out = Vec::new();
    let mut args = cmd.args().iter();
    while let Some(word) = args.next() {
        match word.value.strip_prefix('-') {
            Some(flag) => {
                let flag = flag.strip_prefix('-').unwrap_or(flag);
                if VALUE_FLAGS.contains(&flag) {
                    args.next();
                }
            }
            None => out.push(word),
        }
    }
    out
}

/// A local path, or a module path with a version other than `@latest` and `@none`.
fn pinned(package: &str) -> bool {
    let local = package.starts_with(['.', '/']);
    let versioned =
        package.contains('@') && !package.ends_with("@latest") && !package.ends_with("@none");
    local || versioned
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_unpinned_packages() {
        assert_lines("DL3062", "FROM g\nRUN go install example.com/x\n", &[2]);
        assert_lines(
            "DL3062",
            "FROM g\nRUN go install -v example.com/x@latest\n",
            &[2],
        );
        assert_lines("DL3062", "FROM g\nRUN go get example.com/x\n", &[2]);
        assert_lines(
            "DL3062",
            "FROM g\nRUN go run example.com/x@none arg\n",
            &[2],
        );
        assert_lines(
            "DL3062",
            "FROM g\nRUN go run ./cmd && \\\n  go install x\n",
            &[3],
        );
        assert_lines(
            "DL3062",
            "FROM g\nRUN <<EOF\ngo install example.com/x\nEOF\n",
            &[3],
        );
        assert_eq!(
            findings("DL3062", "FROM g\nRUN go install a@v1 b c@latest\n").len(),
            2
        );
    }

    #[test]
    fn accepts_versions_and_local_packages() {
        assert_clean("DL3062", "FROM g\nRUN go install example.com/x@v1.2.3\n");
        assert_clean("DL3062", "FROM g\nRUN go install ./... && go install .\n");
        assert_clean(
            "DL3062",
            "FROM g\nRUN go install -ldflags '-s -w' /src/cmd/x\n",
        );
        assert_clean(
            "DL3062",
            "FROM g\nRUN go -C /src install -tags netgo ./cmd\n",
        );
        assert_clean(
            "DL3062",
            "FROM g\nRUN go run main.go --flag && go run x@v1 latest\n",
        );
        assert_clean("DL3062", "FROM g\nRUN go build ./... && go mod download\n");
        assert_clean("DL3062", "FROM g\nRUN go install\n");
    }
}
