//! What a rule sees ([`Context`]) and where it reports ([`Report`]).

use drydock_syntax::shell::{Command, ShellWord};
use drydock_syntax::{
    Dockerfile, Instruction, Kind, LineIndex, MountType, Run, ShellText, Span, Stage,
};

use crate::cache_cleanup::covers;
use crate::config::Config;
use crate::finding::{Finding, Fix};
use crate::rule::Rule;

/// Facts about the build context next to the Dockerfile, read by the caller (the linter does
/// no IO). `None` in [`Context::build_context`] means "unknown": context rules stay quiet.
#[derive(Debug, Clone, Default)]
pub struct BuildContext {
    /// Contents of `.dockerignore` (or `<Dockerfile>.dockerignore`), if the file exists.
    pub dockerignore: Option<String>,
    /// Names of the entries at the top of the context directory (`.git`, `.env`, `src`, ...).
    pub entries: Vec<String>,
}

/// Everything a rule may read.
pub struct Context<'a> {
    pub source: &'a str,
    pub dockerfile: &'a Dockerfile,
    pub config: &'a Config,
    pub build_context: Option<&'a BuildContext>,
    /// Built on first use: most files have no finding that needs a line number in its message.
    line_index: std::cell::OnceCell<LineIndex>,
    /// Every RUN command, in file order, collected once: about half the rules walk them.
    run_commands: std::cell::OnceCell<Vec<RunCommand<'a>>>,
}

/// A shell command of a RUN (or ONBUILD RUN) script, with where it came from.
#[derive(Clone, Copy)]
pub struct RunCommand<'a> {
    /// Index into [`Dockerfile::instructions`].
    pub index: usize,
    pub instruction: &'a Instruction,
    pub shell: &'a ShellText,
    pub command: &'a Command,
}

impl RunCommand<'_> {
    /// Source span of the whole command.
    pub fn span(&self) -> Span {
        self.shell
            .span(self.command.span.start, self.command.span.end)
    }

    /// Source span of the command's `i`-th word.
    pub fn word_span(&self, i: usize) -> Option<Span> {
        let w = self.command.words.get(i)?;
        Some(self.shell.span(w.span.start, w.span.end))
    }

    /// Source span of one of the command's words (or any span inside the script).
    pub fn span_of(&self, word: &ShellWord) -> Span {
        self.shell.span(word.span.start, word.span.end)
    }

    /// The RUN this command belongs to (the inner one for ONBUILD RUN).
    pub fn run(&self) -> Option<&Run> {
        match &self.instruction.kind {
            Kind::Run(run) => Some(run),
            Kind::Onbuild(inner) => match &inner.kind {
                Kind::Run(run) => Some(run),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a cache or tmpfs mount of the RUN covers `dir` (mounts `dir` or a parent of
    /// it): what the command leaves there never reaches the image layer. A `dir` written
    /// `~/rest` stands for `rest` under any home directory.
    pub fn mount_covers(&self, dir: &str) -> bool {
        self.run().is_some_and(|run| {
            run.mounts.iter().any(|m| {
                matches!(m.kind, MountType::Cache | MountType::Tmpfs)
                    && m.target.as_deref().is_some_and(|t| covers(t, dir))
            })
        })
    }
}

impl<'a> Context<'a> {
    pub fn new(
        source: &'a str,
        dockerfile: &'a Dockerfile,
        config: &'a Config,
        build_context: Option<&'a BuildContext>,
    ) -> Self {
        Context {
            source,
            dockerfile,
            config,
            build_context,
            line_index: std::cell::OnceCell::new(),
            run_commands: std::cell::OnceCell::new(),
        }
    }

    /// 1-based line of a source offset (for messages that point at another line).
    pub fn line(&self, offset: usize) -> u32 {
        self.line_index
            .get_or_init(|| LineIndex::new(self.source))
            .line(offset)
    }

    /// The commands of the RUN scripts of one stage's own instructions (ONBUILD RUN included).
    pub fn stage_commands(&self, stage: &Stage) -> impl Iterator<Item = RunCommand<'a>> + '_ {
        self.commands_in(stage.instructions.clone())
    }

    pub fn instructions(&self) -> impl Iterator<Item = (usize, &'a Instruction)> {
        self.dockerfile.instructions.iter().enumerate()
    }

    /// Every command of every RUN script (shell form and heredoc scripts), ONBUILD RUN
    /// included, in file order.
    pub fn run_commands(&self) -> impl Iterator<Item = RunCommand<'a>> + '_ {
        self.all_run_commands().iter().copied()
    }

    /// The commands of one instruction's RUN scripts (none if it is not a RUN).
    pub fn commands_of(&self, index: usize) -> impl Iterator<Item = RunCommand<'a>> + '_ {
        self.commands_in(index..index + 1)
    }

    /// The commands of the instructions in `range`, found by binary search.
    fn commands_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = RunCommand<'a>> + '_ {
        let all = self.all_run_commands();
        let start = all.partition_point(|c| c.index < range.start);
        let end = all.partition_point(|c| c.index < range.end);
        all[start..end.max(start)].iter().copied()
    }

    fn all_run_commands(&self) -> &[RunCommand<'a>] {
        self.run_commands.get_or_init(|| {
            let dockerfile = self.dockerfile;
            (0..dockerfile.instructions.len())
                .flat_map(|index| commands_in(dockerfile, index))
                .collect()
        })
    }

    /// The source text of a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.source.get(span.start..span.end).unwrap_or("")
    }
}

fn commands_in(dockerfile: &Dockerfile, index: usize) -> impl Iterator<Item = RunCommand<'_>> {
    let instruction = &dockerfile.instructions[index];
    let scripts = if is_run(instruction) {
        instruction.scripts()
    } else {
        Vec::new()
    };
    scripts.into_iter().flat_map(move |shell| {
        shell.script.commands.iter().map(move |command| RunCommand {
            index,
            instruction,
            shell,
            command,
        })
    })
}

/// RUN, or ONBUILD RUN.
fn is_run(instruction: &Instruction) -> bool {
    match &instruction.kind {
        Kind::Run(_) => true,
        Kind::Onbuild(inner) => is_run(inner),
        _ => false,
    }
}

/// Collects one rule's findings.
pub struct Report {
    rule: &'static Rule,
    pub(crate) findings: Vec<Finding>,
}

impl Report {
    pub(crate) fn new(rule: &'static Rule) -> Report {
        Report {
            rule,
            findings: Vec::new(),
        }
    }

    pub fn add(&mut self, span: Span, message: impl Into<String>) {
        self.push(span, message.into(), None);
    }

    pub fn add_with_fix(&mut self, span: Span, message: impl Into<String>, fix: Fix) {
        self.push(span, message.into(), Some(fix));
    }

    fn push(&mut self, span: Span, message: String, fix: Option<Fix>) {
        self.findings.push(Finding {
            code: self.rule.code,
            severity: self.rule.severity,
            message,
            span,
            fix,
        });
    }
}
