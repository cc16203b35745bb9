use drydock_syntax::shell::Command;
use drydock_syntax::{Copy, Kind, Stage, Word};

use crate::shell_ext::{short_name, CommandExt};
use crate::{Context, FixAvailability, Report, Rule, RunCommand, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD003",
    name: "context-copied-before-install",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a `COPY . .` (the whole build context) that comes before a dependency install in the
same stage: `npm ci`, `yarn install`, `pnpm install`, `pip install -r`, `poetry install`,
`bundle install`, `go mod download`, `cargo build`/`fetch`, `composer install`,
`mvn dependency:...`, `gradle`. An install of the same kind earlier in the stage (from the
manifests copied on their own) means the dependencies are already cached, so it is not flagged.

## Why is this bad?
Docker reuses a layer only while everything it depends on is unchanged. After copying the whole
context, any edit to any source file invalidates the install layer, so every build downloads
and installs all dependencies again. Copying only the manifests first keeps the install cached
until the dependencies themselves change.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
CMD ["node", "server.js"]
```

## Use instead
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "server.js"]
```
"#,
    check,
};

/// A kind of dependency install and the manifests to copy before it.
struct Ecosystem {
    manifests: &'static str,
    installs: fn(&Command) -> bool,
}

const ECOSYSTEMS: &[Ecosystem] = &[
    Ecosystem {
        manifests: "`package.json` and the lock file",
        installs: |c| {
            c.runs("npm", &["ci"])
                || (c.is_any(&["npm", "pnpm", "bun"]) && installs_manifest(c, &["install", "i"]))
                || (c.is("yarn") && (c.args_no_flags().is_empty() || installs_manifest(c, &["install"])))
        },
    },
    Ecosystem {
        manifests: "the requirements file",
        installs: |c| {
            (c.is_any(&["pip", "pip3"]) || c.has_arg("pip"))
                && c.has_arg("install")
                && c.has_any_flag(&["r", "requirement"])
        },
    },
    Ecosystem {
        manifests: "`pyproject.toml` and the lock file",
        installs: |c| {
            c.runs("poetry", &["install"])
                || c.runs("pipenv", &["install", "sync"])
                || c.runs("uv", &["sync"])
        },
    },
    Ecosystem {
        manifests: "`Gemfile` and `Gemfile.lock`",
        installs: |c| c.runs("bundle", &["install"]),
    },
    Ecosystem {
        manifests: "`go.mod` and `go.sum`",
        installs: |c| {
            c.is("go")
                && c.args_no_flags().iter().map(|w| w.value.as_str()).take(2).eq(["mod", "download"])
        },
    },
    Ecosystem {
        manifests: "`Cargo.toml` and `Cargo.lock`",
        installs: |c| c.runs("cargo", &["build", "fetch"]),
    },
    Ecosystem {
        manifests: "`composer.json` and `composer.lock`",
        installs: |c| c.runs("composer", &["install"]),
    },
    Ecosystem {
        manifests: "`pom.xml`",
        installs: |c| {
            c.is_any(&["mvn", "mvnw"])
                && c.args_no_flags().iter().any(|w| w.value.starts_with("dependency:"))
        },
    },
    Ecosystem {
        manifests: "the Gradle build files",
        installs: |c| c.is_any(&["gradle", "gradlew"]) && !c.args_no_flags().is_empty(),
    },
];

/// The subcommand is one of `subs` and no package is named: it installs the manifest's.
fn installs_manifest(c: &Command, subs: &[&str]) -> bool {
    let positional = c.args_no_flags();
    positional.len() == 1 && subs.contains(&positional[0].value.as_str())
}

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for stage in &df.stages {
        let Some((copy_at, source)) = whole_context_copy(cx, stage) else {
            continue;
        };
        let runs: Vec<RunCommand> = cx
            .stage_commands(stage)
            .filter(|c| matches!(c.instruction.kind, Kind::Run(_)))
            .collect();
        let hit = ECOSYSTEMS
            .iter()
            .filter(|e| !runs.iter().any(|c| c.index < copy_at && (e.installs)(c.command)))
            .filter_map(|e| {
                let install = runs
                    .iter()
                    .find(|c| c.index > copy_at && (e.installs)(c.command))?;
                Some((install, e))
            })
            .min_by_key(|(install, _)| install.index);
        if let Some((install, ecosystem)) = hit {
            let line = cx.line(install.span().start);
            let name = short_name(install.command);
            out.add(
                source.span,
                format!(
                    "the whole context is copied before `{name}` (line {line}): any change to any file re-runs the install; copy {} first, install, then copy the rest",
                    ecosystem.manifests
                ),
            );
        }
    }
}

/// The first `COPY . <dest>` (or ADD) of the stage from the build context, and its `.` word.
fn whole_context_copy<'a>(cx: &Context<'a>, stage: &Stage) -> Option<(usize, &'a Word)> {
    stage.instructions.clone().find_map(|i| {
        let copy: &Copy = match &cx.dockerfile.instructions[i].kind {
            Kind::Copy(c) | Kind::Add(c) if c.from.is_none() => c,
            _ => return None,
        };
        let source = copy
            .sources
            .iter()
            .find(|s| matches!(s.value.trim_end_matches('/'), "" | "." | "./."))?;
        Some((i, source))
    })
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_the_copy_before_an_install() {
        assert_lines("DD003", "FROM node\nCOPY . .\nRUN npm ci\n", &[2]);
        assert_lines("DD003", "FROM node\nCOPY ./ /app\nRUN yarn\n", &[2]);
        assert_lines("DD003", "FROM python\nADD . /src\nRUN pip install -r /src/requirements.txt\n", &[2]);
        assert_lines("DD003", "FROM golang\nCOPY . .\nRUN go mod download && go build\n", &[2]);
        assert_lines("DD003", "FROM rust\nCOPY . .\nRUN cargo build --release\n", &[2]);
        assert_lines("DD003", "FROM maven\nCOPY . .\nRUN mvn -B dependency:go-offline\n", &[2]);
        assert_lines("DD003", "FROM ruby\nCOPY . .\nRUN <<EOF\nbundle install\nEOF\n", &[2]);
    }

    #[test]
    fn manifests_first_is_fine() {
        let src = "FROM node\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n";
        assert_clean("DD003", src);
        let src = "FROM rust\nCOPY Cargo.* ./\nRUN cargo fetch\nCOPY . .\nRUN cargo build\n";
        assert_clean("DD003", src);
    }

    #[test]
    fn other_stages_and_package_installs_do_not_count() {
        assert_clean("DD003", "FROM node AS a\nCOPY . .\nFROM node\nRUN npm ci\n");
        assert_clean("DD003", "FROM node\nCOPY . .\nRUN npm install -g pm2\n");
        assert_clean("DD003", "FROM node\nCOPY --from=build . .\nRUN npm ci\n");
        assert_clean("DD003", "FROM node\nCOPY src/ /app/\nRUN npm ci\n");
        assert_clean("DD003", "FROM node\nCOPY . .\nONBUILD RUN npm ci\n");
    }

    #[test]
    fn one_finding_per_stage() {
        let src = "FROM python\nCOPY . .\nRUN pip install -r r.txt\nRUN npm ci\nCOPY . /b\n";
        assert_lines("DD003", src, &[2]);
    }
}
