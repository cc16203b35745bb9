use drydock_syntax::shell::Command;
use drydock_syntax::Kind;

use crate::shell_ext::CommandExt;
use crate::stages::lineage;
use crate::{Context, FixAvailability, Report, Rule, RunCommand, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD006",
    name: "build-after-production-install",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::None,
    docs: r#"
## What it does
Flags a build script (`npm run build`, `yarn build`, `pnpm build`, ...) that runs after a
production-only install in the same stage: `npm ci --omit=dev`, `--only=production`,
`--production`, `yarn install --production`, `pnpm install --prod`, or any npm install while
`NODE_ENV=production` is set (npm then leaves dev dependencies out).

## Why is this bad?
Build tools (TypeScript, bundlers, CSS processors) are dev dependencies. After a
production-only install they are missing, so the build fails, or picks up a globally installed
tool of another version. Install everything in a build stage, build, then ship a stage with
production dependencies only.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
RUN npm run build
```

## Use instead
```dockerfile
FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-alpine
WORKDIR /app
COPY --from=build /app ./
CMD ["node", "dist/server.js"]
```
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    let df = cx.dockerfile;
    for stage in &df.stages {
        let stages: Vec<usize> = lineage(df, stage).iter().map(|s| s.index).collect();
        // Instructions in build order with the NODE_ENV in force; the stage's ancestors first.
        let mut production_env = false;
        let mut prod_install: Option<RunCommand> = None;
        for &s in stages.iter().rev() {
            for i in df.stages[s].instructions.clone() {
                let ins = &df.instructions[i];
                match &ins.kind {
                    Kind::Env(pairs) => {
                        for p in pairs.iter().filter(|p| p.key.value == "NODE_ENV") {
                            production_env = p.value.value == "production";
                        }
                    }
                    Kind::Run(_) => {
                        for c in cx.commands_of(i) {
                            if let Some(includes_dev) = node_install(c.command) {
                                let production = !includes_dev
                                    || env_assigns_production(c.command)
                                    || (production_env && !c.command.has_any_flag(&["include"]));
                                prod_install = production.then_some(c);
                            } else if let (Some(install), true) = (prod_install, s == stage.index) {
                                if runs_build_script(c.command) {
                                    report(cx, out, &c, &install);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn report(cx: &Context, out: &mut Report, build: &RunCommand, install: &RunCommand) {
    let line = cx.line(install.span().start);
    out.add(
        build.span(),
        format!(
            "`{}` runs after a production-only install (line {line}): the dev dependencies the build needs are missing; install everything, build, then prune with `npm prune --omit=dev`",
            cx.text(build.span())
        ),
    );
}

/// For a node package install, whether its flags keep the dev dependencies (`Some(false)`
/// for `--omit=dev` and the like); `None` for any other command.
fn node_install(c: &Command) -> Option<bool> {
    let production_flags = |c: &Command| {
        c.args().iter().any(|w| {
            matches!(
                w.value.as_str(),
                "--omit=dev" | "--only=prod" | "--only=production" | "--production" | "--production=true" | "--prod" | "-P"
            )
        }) || c.args().windows(2).any(|w| w[0].value == "--omit" && w[1].value == "dev")
    };
    let installs = c.runs("npm", &["ci", "install", "i"])
        || c.runs("pnpm", &["install", "i"])
        || (c.is("yarn") && c.subcommand().is_none_or(|s| s == "install"));
    installs.then(|| !production_flags(c))
}

fn env_assigns_production(c: &Command) -> bool {
    c.assignments.iter().any(|a| a.value == "NODE_ENV=production")
}

/// `npm run build`, `yarn build`, `pnpm run build:prod`, `yarn run build`.
fn runs_build_script(c: &Command) -> bool {
    if !c.is_any(&["npm", "yarn", "pnpm", "bun"]) {
        return false;
    }
    let positional = c.args_no_flags();
    let script = match positional.as_slice() {
        [run, script, ..] if matches!(run.value.as_str(), "run" | "run-script") => script,
        [script, ..] if !c.is("npm") => script,
        _ => return false,
    };
    script.value.starts_with("build")
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_a_build_after_a_production_install() {
        assert_lines("DD006", "FROM node\nRUN npm ci --omit=dev\nRUN npm run build\n", &[3]);
        assert_lines("DD006", "FROM node\nRUN npm install --production && npm run build:prod\n", &[2]);
        assert_lines("DD006", "FROM node\nRUN yarn install --production\nRUN yarn build\n", &[3]);
        assert_lines("DD006", "FROM node\nRUN NODE_ENV=production npm ci\nRUN pnpm run build\n", &[3]);
        assert_lines("DD006", "FROM node\nENV NODE_ENV=production\nRUN npm ci\nRUN npm run build\n", &[4]);
        assert_lines("DD006", "FROM node\nRUN npm ci --omit dev\nRUN <<EOF\nnpm run build\nEOF\n", &[4]);
    }

    #[test]
    fn a_full_install_or_another_stage_is_fine() {
        assert_clean("DD006", "FROM node\nRUN npm ci\nRUN npm run build\nRUN npm prune --omit=dev\n");
        assert_clean("DD006", "FROM node\nRUN npm ci --omit=dev\nRUN npm ci\nRUN npm run build\n");
        assert_clean("DD006", "FROM node AS deps\nRUN npm ci --omit=dev\nFROM node\nRUN npm ci\nRUN npm run build\n");
        assert_clean("DD006", "FROM node\nRUN npm run build\nRUN npm ci --omit=dev\n");
        assert_clean("DD006", "FROM node\nRUN npm ci --omit=dev\nRUN npm run start\n");
        assert_clean("DD006", "FROM node\nENV NODE_ENV=production\nRUN npm ci --include=dev\nRUN npm run build\n");
    }

    #[test]
    fn inherits_the_install_from_a_parent_stage() {
        let src = "FROM node AS deps\nRUN npm ci --omit=dev\nFROM deps\nRUN npm run build\n";
        assert_lines("DD006", src, &[4]);
    }
}
