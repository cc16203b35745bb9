use crate::shell_ext::CommandExt;
use crate::{Context, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DL3016",
    name: "npm-unpinned",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags each package of an `npm install <package>` without a version, tag or commit
(`package@version`, `git+https://...#commit`). A bare `npm install` (from `package.json`) is
fine.

## Why is this bad?
Without a version npm installs the newest release: rebuilding the same Dockerfile gives a
different image, and a new release can break the build or the application without any change
of yours.

## Example
```dockerfile
FROM node:20.12-slim
RUN npm install -g pnpm
```

## Use instead
```dockerfile
FROM node:20.12-slim
RUN npm install -g pnpm@9.1.0
```

## Differences from hadolint
`npm i` and `npm add`, the aliases of `npm install`, are checked too, and the values of options
such as `--prefix` or `--registry` are not taken for packages. Drydock reports each unpinned
package rather than the whole instruction.

## References
hadolint DL3016.
"#,
    check,
};

/// npm options that take a value in the next word.
const VALUED: &[&str] = &[
    "prefix",
    "C",
    "registry",
    "loglevel",
    "cache",
    "userconfig",
    "workspace",
    "w",
];

fn check(cx: &Context, out: &mut Report) {
    for cmd in cx.run_commands() {
        if !cmd.command.is("npm") {
            continue;
        }
        let operands = cmd.command.operands(VALUED);
        let Some((first, packages)) = operands.split_first() else {
            continue;
        };
        if !matches!(first.value.as_str(), "install" | "i" | "add") {
            continue;
        }
        for package in packages {
            if !is_pinned(&package.value) {
                out.add(
                    cmd.span_of(package),
                    "Pin versions in npm. Instead of `npm install <package>` use `npm install <package>@<version>`",
                );
            }
        }
    }
}

fn is_pinned(package: &str) -> bool {
    const GIT: &[&str] = &["git://", "git+ssh://", "git+http://", "git+https://"];
    const TARBALLS: &[&str] = &[".tar", ".tar.gz", ".tgz"];
    const FOLDERS: &[&str] = &["/", "./", "../", "~/"];
    if GIT.iter().any(|p| package.starts_with(p)) {
        return package.contains('#');
    }
    // `@scope/name` starts with `@`: the version marker is an `@` after the scope.
    let unscoped = match package.strip_prefix('@') {
        Some(scoped) => scoped.split_once('/').map_or("", |(_, name)| name),
        None => package,
    };
    TARBALLS.iter().any(|s| package.ends_with(s))
        || FOLDERS.iter().any(|p| package.starts_with(p))
        || unscoped.contains('@')
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_each_unpinned_package() {
        assert_lines("DL3016", "FROM node:20\nRUN npm install -g corepack\n", &[2]);
        assert_lines("DL3016", "FROM node:20\nRUN npm i @scope/tool\n", &[2]);
        assert_lines("DL3016", "FROM node:20\nRUN npm install --save-dev a@1 \\\n  b\n", &[3]);
        assert_lines("DL3016", "FROM node:20\nRUN npm install git+https://x/y.git\n", &[2]);
        assert_lines("DL3016", "FROM node:20\nRUN <<EOF\nnpm install left-pad\nEOF\n", &[3]);
        assert_lines("DL3016", "FROM node:20\nONBUILD RUN npm install left-pad\n", &[2]);
    }

    #[test]
    fn accepts_pinned_and_local_installs() {
        for args in [
            "",
            "--production",
            "left-pad@1.3.0 @scope/tool@2 npm@latest",
            "git+https://x/y.git#v1.0",
            "./local ../other /abs ~/home",
            "pkg.tgz https://example.com/p.tar.gz",
            "--loglevel warn --registry https://r.example left-pad@1",
        ] {
            assert_clean("DL3016", &format!("FROM node:20\nRUN npm install {args}\n"));
        }
        assert_clean("DL3016", "FROM node:20\nRUN npm ci && npm run install foo && npm --prefix /x install\n");
    }
}
