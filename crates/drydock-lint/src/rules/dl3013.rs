use drydock_syntax::shell::Command;

use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3013",
    name: "pip-unpinned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags each package of a `pip install` that has no version specifier (`package==version`),
unless the command installs from a requirements file, a constraints file or a local project.

## Why is this bad?
Without a version, every build installs the newest release on PyPI: rebuilding the same
Dockerfile gives a different image, and a new release can break the application without any
change of yours.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3
```

## Differences from hadolint
A pip or python given by path (`/opt/venv/bin/pip install`, `.venv/bin/python -m pip install`)
is checked too; hadolint only recognises bare names. Drydock reports each unpinned package
rather than the whole instruction.

## References
hadolint DL3013.
"#,
    check,
};

/// pip install options that take a value in the next word.
const VALUED: &[&str] = &[
    "abi",
    "b",
    "build",
    "e",
    "editable",
    "extra-index-url",
    "f",
    "find-links",
    "i",
    "index-url",
    "implementation",
    "no-binary",
    "only-binary",
    "platform",
    "prefix",
    "progress-bar",
    "proxy",
    "python-version",
    "root",
    "src",
    "t",
    "target",
    "trusted-host",
    "upgrade-strategy",
];

const VERSION_OPERATORS: &[&str] = &["==", ">=", "<=", ">", "<", "!=", "~=", "==="];

const VCS_SCHEMES: &[&str] = &["git+", "git:", "hg+", "svn+", "svn:", "bzr+"];

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        let c = cmd.command;
        if !is_pip_install(c) || installs_from_files(c) {
            continue;
        }
        let operands = c.operands(VALUED);
        let packages = operands
            .iter()
            .skip_while(|w| w.value != "install")
            .skip_while(|w| w.value == "install");
        for package in packages {
            if !is_pinned(&package.value) {
                out.add(
                    cmd.span_of(package),
                    "Pin versions in pip. Instead of `pip install <package>` use `pip install <package>==<version>` or `pip install --requirement <requirements file>`",
                );
            }
        }
    }
}

/// `pip install`, `pip3.12 install`, `python3 -m pip install`.
fn is_pip_install(c: &Command) -> bool {
    let Some(program) = c.program() else {
        return false;
    };
    let args: Vec<&str> = c.args().iter().map(|w| w.value.as_str()).collect();
    (program.starts_with("pip") && args.contains(&"install"))
        || (program.starts_with("python") && args.windows(3).any(|w| w == ["-m", "pip", "install"]))
}

/// Requirements, constraints or the local project decide the versions.
fn installs_from_files(c: &Command) -> bool {
    c.has_any_flag(&["r", "requirement", "c", "constraint"]) || c.has_arg(".")
}

fn is_pinned(package: &str) -> bool {
    let vcs = VCS_SCHEMES.iter().any(|s| package.starts_with(s));
    VERSION_OPERATORS.iter().any(|op| package.contains(op))
        || (vcs && package.contains('@'))
        || package.ends_with(".whl")
        || package.ends_with(".tar.gz")
        || (!vcs && package.contains('/'))
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_each_unpinned_package() {
        assert_lines("DL3013", "FROM python:3\nRUN pip install flask\n", &[2]);
        assert_lines("DL3013", "FROM python:3\nRUN pip3 install --upgrade pip setuptools==70\n", &[2]);
        assert_lines("DL3013", "FROM python:3\nRUN python3 -m pip install \\\n  requests \\\n  rich\n", &[3, 4]);
        assert_lines("DL3013", "FROM python:3\nRUN pip install git+https://github.com/a/b\n", &[2]);
        assert_lines("DL3013", "FROM python:3\nRUN pip install 'flask[async]'\n", &[2]);
        assert_lines("DL3013", "FROM python:3\nRUN /opt/venv/bin/python3 -m pip install -U pip\n", &[2]);
        assert_lines("DL3013", "FROM python:3\nRUN <<EOF\npip install flask\nEOF\n", &[3]);
        assert_lines("DL3013", "FROM python:3\nONBUILD RUN pip install flask\n", &[2]);
    }

    #[test]
    fn accepts_versions_files_and_projects() {
        for args in [
            "flask==3.0 'rich>=13' requests~=2.31",
            "-r requirements.txt",
            "--requirement=requirements.txt",
            "flask -c constraints.txt",
            ".",
            "-e .",
            "./dist/app-1.0-py3-none-any.whl /src/pkg",
            "git+https://github.com/a/b@v1.2",
            "--index-url https://pypi.example/simple flask==3",
            "--no-cache-dir --target /opt/lib flask==3",
        ] {
            assert_clean("DL3013", &format!("FROM python:3\nRUN pip install {args}\n"));
        }
        assert_clean("DL3013", "FROM python:3\nRUN pip download flask && uv pip install flask\n");
    }
}
