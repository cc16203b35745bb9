use crate::shell_ext::CommandExt;
use crate::{Context, Edit, Fix, FixAvailability, Report, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    code: "DD007",
    name: "npm-deprecated-production-flag",
    aliases: &[],
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    docs: r#"
## What it does
Flags npm's deprecated ways of leaving out dev dependencies: `--only=production`,
`--only=prod` and `--production`.

## Why is this bad?
npm 7 and later deprecate these flags in favour of `--omit=dev`: they print a warning on every
build and may be dropped in a future npm, at which point the install would silently include
dev dependencies (or fail). `--omit=dev` says the same thing in the supported way.

## Example
```dockerfile
FROM node:22-alpine
COPY package.json package-lock.json ./
RUN npm ci --only=production
```

## Use instead
```dockerfile
FROM node:22-alpine
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
```

## Fix safety
The fix replaces the flag with `--omit=dev`, which npm 7+ treats the same way.
"#,
    check,
};

fn check(cx: &Context, out: &mut Report) {
    for run in cx.run_commands() {
        let cmd = run.command;
        if !cmd.is("npm") {
            continue;
        }
        let words = &cmd.words;
        for (i, word) in words.iter().enumerate().skip(1) {
            let next = words.get(i + 1).map(|w| w.value.as_str());
            let last = match (word.value.as_str(), next) {
                ("--only=production" | "--only=prod" | "--production" | "--production=true", _) => i,
                ("--only", Some("production" | "prod")) => i + 1,
                _ => continue,
            };
            let (Some(start), Some(end)) = (run.word_span(i), run.word_span(last)) else {
                continue;
            };
            let span = start.cover(end);
            out.add_with_fix(
                span,
                format!(
                    "`{}` is deprecated: use `--omit=dev`",
                    cx.text(span)
                ),
                Fix::safe("replace with `--omit=dev`", vec![Edit::replace(span, "--omit=dev")]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::*;

    #[test]
    fn flags_deprecated_flags() {
        assert_lines("DD007", "FROM node\nRUN npm ci --only=production\n", &[2]);
        assert_lines("DD007", "FROM node\nRUN npm install --production && npm prune --only prod\n", &[2, 2]);
        assert_lines("DD007", "FROM node\nRUN <<EOF\nnpm ci --only=prod\nEOF\n", &[3]);
        assert_lines("DD007", "FROM node\nONBUILD RUN npm ci --production\n", &[2]);
    }

    #[test]
    fn leaves_other_tools_and_flags_alone() {
        assert_clean("DD007", "FROM node\nRUN npm ci --omit=dev\nRUN yarn install --production\n");
        assert_clean("DD007", "FROM node\nRUN npm ci --production=false\n");
    }

    #[test]
    fn fix_uses_omit_dev() {
        assert_fix(
            "DD007",
            "FROM node\nRUN npm ci --only=production && npm prune --only prod\n",
            "FROM node\nRUN npm ci --omit=dev && npm prune --omit=dev\n",
        );
        assert_fix(
            "DD007",
            "FROM node\nRUN npm ci \\\n    --production\n",
            "FROM node\nRUN npm ci \\\n    --omit=dev\n",
        );
    }
}
