//! The Dockerfile model: plain data that every consumer (linter, editor, build-step mapping)
//! reads. Produced by [`crate::parse`], which never fails.

use crate::shell::Script;
use crate::span::{Span, TextMap};

/// A parsed Dockerfile. Every span is a byte range into the text given to [`crate::parse`].
#[derive(Debug, Clone, Default)]
pub struct Dockerfile {
    /// Parser directives from the top of the file (`# syntax=`, `# escape=`, `# check=`).
    pub directives: Vec<Directive>,
    /// The escape character (`\` unless `# escape=` says otherwise).
    pub escape: char,
    /// Every instruction read, in file order, including unknown ones.
    pub instructions: Vec<Instruction>,
    /// Every comment line (not directives), in file order, also those inside continuations.
    pub comments: Vec<Comment>,
    /// Syntax errors; each one also left an instruction (possibly `Kind::Unknown`) or nothing.
    pub errors: Vec<SyntaxError>,
    /// Build stages in order; instructions before the first FROM belong to no stage.
    pub stages: Vec<Stage>,
    /// `ARG`s before the first `FROM` (the global scope usable in `FROM` lines).
    pub global_args: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name: `syntax`, `escape` or `check`.
    pub name: String,
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Text after the `#`, trimmed.
    pub text: String,
    /// From the `#` to the end of the line, without the line break.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Lower-case, no trailing period, says what is wrong and where possible how to fix it.
    pub message: String,
    pub span: Span,
}

/// A string argument: `value` is the text with quotes and escapes removed (not variable
/// expanded), `span` covers the raw text in the source including any quotes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// A `--name[=value]` flag before an instruction's arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Name without the leading dashes, as written (BuildKit flags are case-sensitive).
    pub name: String,
    /// `None` for a bare `--link`; `Some("")` for `--from=`.
    pub value: Option<Word>,
    pub span: Span,
}

/// Text after the keyword with line continuations and embedded comment or blank lines removed,
/// plus the map back to source offsets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogicalText {
    pub text: String,
    pub map: TextMap,
}

impl LogicalText {
    /// Source span of a byte range of `text`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.map.span(start, end)
    }
}

/// A heredoc attached to an instruction (`<<EOF`, `<<-EOF`, `<<"EOF"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter word without quotes.
    pub delimiter: String,
    /// `<<-`: leading tabs are stripped from body lines.
    pub strip_tabs: bool,
    /// The delimiter was quoted: the body is not variable expanded.
    pub quoted: bool,
    /// The body text (tabs already stripped for `<<-`), lines joined with `\n`, ending with
    /// `\n` unless empty.
    pub body: String,
    /// Span of the `<<EOF` marker in the instruction line.
    pub marker_span: Span,
    /// Span of the body lines in the source, excluding the closing delimiter line.
    pub body_span: Span,
    /// Whether the closing delimiter was found (an unterminated heredoc is a syntax error).
    pub terminated: bool,
}

/// Shell-form text with its parsed script, ready for rules to query commands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShellText {
    pub text: String,
    pub map: TextMap,
    pub script: Script,
}

impl ShellText {
    /// Source span of a byte range of `text` (e.g. a command's or a word's span in `script`).
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.map.span(start, end)
    }
}

/// How CMD, ENTRYPOINT, RUN and HEALTHCHECK CMD give their command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandForm {
    /// A valid JSON array of strings.
    Exec(Vec<Word>),
    Shell(ShellText),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    From,
    Run,
    Cmd,
    Label,
    Maintainer,
    Expose,
    Env,
    Add,
    Copy,
    Entrypoint,
    Volume,
    User,
    Workdir,
    Arg,
    Onbuild,
    Stopsignal,
    Healthcheck,
    Shell,
    /// Anything else; the instruction also carries a DD000 error.
    Unknown,
}

impl Keyword {
    /// The keyword in canonical upper case (`"UNKNOWN"` for unknown ones).
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::From => "FROM",
            Keyword::Run => "RUN",
            Keyword::Cmd => "CMD",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Expose => "EXPOSE",
            Keyword::Env => "ENV",
            Keyword::Add => "ADD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Volume => "VOLUME",
            Keyword::User => "USER",
            Keyword::Workdir => "WORKDIR",
            Keyword::Arg => "ARG",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Shell => "SHELL",
            Keyword::Unknown => "UNKNOWN",
        }
    }

    /// Case-insensitive lookup of a keyword as written.
    pub fn parse(word: &str) -> Keyword {
        const ALL: [Keyword; 18] = [
            Keyword::From,
            Keyword::Run,
            Keyword::Cmd,
            Keyword::Label,
            Keyword::Maintainer,
            Keyword::Expose,
            Keyword::Env,
            Keyword::Add,
            Keyword::Copy,
            Keyword::Entrypoint,
            Keyword::Volume,
            Keyword::User,
            Keyword::Workdir,
            Keyword::Arg,
            Keyword::Onbuild,
            Keyword::Stopsignal,
            Keyword::Healthcheck,
            Keyword::Shell,
        ];
        ALL.into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(word))
            .unwrap_or(Keyword::Unknown)
    }
}

/// One instruction, its continuation lines and heredoc bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written (for casing checks), with its span.
    pub keyword_word: Word,
    /// From the keyword (or a lone line continuation before it, as BuildKit counts lines) to
    /// the end of the last continuation line or heredoc terminator, without the final line
    /// break.
    pub span: Span,
    /// Flags before the arguments, in order, as written.
    pub flags: Vec<Flag>,
    /// Everything after the keyword (flags included), continuations removed.
    pub args: LogicalText,
    /// Heredocs in the order their markers appear.
    pub heredocs: Vec<Heredoc>,
    pub kind: Kind,
    /// Index into [`Dockerfile::stages`] of the stage this instruction belongs to.
    pub stage: Option<usize>,
}

impl Instruction {
    /// The first flag with this name.
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// Every shell script this instruction runs: RUN's shell form, RUN heredocs run as scripts,
    /// the shell form of CMD, ENTRYPOINT and HEALTHCHECK CMD, and the same inside ONBUILD.
    pub fn scripts(&self) -> Vec<&ShellText> {
        match &self.kind {
            Kind::Run(run) => {
                let mut out = Vec::new();
                if let CommandForm::Shell(s) = &run.command {
                    out.push(s);
                }
                out.extend(run.heredoc_scripts.iter());
                out
            }
            Kind::Cmd(CommandForm::Shell(s)) | Kind::Entrypoint(CommandForm::Shell(s)) => {
                vec![s]
            }
            Kind::Healthcheck(Healthcheck::Cmd {
                command: CommandForm::Shell(s),
                ..
            }) => vec![s],
            Kind::Onbuild(inner) => inner.scripts(),
            _ => Vec::new(),
        }
    }
}

/// Typed arguments per instruction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    From(From),
    Run(Run),
    Cmd(CommandForm),
    Entrypoint(CommandForm),
    Shell(Vec<Word>),
    Copy(Copy),
    Add(Copy),
    Env(Vec<KeyValue>),
    Label(Vec<KeyValue>),
    Arg(Vec<ArgDecl>),
    Expose(Vec<Word>),
    User(User),
    Workdir(Word),
    Volume(Vec<Word>),
    Stopsignal(Word),
    Healthcheck(Healthcheck),
    Onbuild(Box<Instruction>),
    Maintainer(Word),
    /// Unknown keyword, or arguments too broken to type (an error was recorded).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct From {
    /// The image reference as written (may contain `$VAR`).
    pub image: Word,
    /// `AS name`, as written (stage names are matched case-insensitively).
    pub name: Option<Word>,
    /// The `AS` keyword as written, for casing checks.
    pub as_keyword: Option<Word>,
    pub platform: Option<Word>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub mounts: Vec<Mount>,
    pub network: Option<Word>,
    pub security: Option<Word>,
    pub command: CommandForm,
    /// Heredoc bodies that are run as scripts (`RUN <<EOF`, `RUN bash <<EOF`).
    pub heredoc_scripts: Vec<ShellText>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountType {
    Bind,
    Cache,
    Tmpfs,
    Secret,
    Ssh,
    /// A type BuildKit does not know; an error was recorded.
    Other,
}

/// One `--mount=type=cache,target=/root/.cache,...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    pub kind: MountType,
    /// `target` / `dst` / `destination`.
    pub target: Option<String>,
    /// `source` / `src`.
    pub source: Option<String>,
    pub from: Option<String>,
    pub id: Option<String>,
    /// Every `key[=value]` option as written, in order.
    pub options: Vec<(String, Option<String>)>,
    pub span: Span,
}

/// COPY and ADD (ADD-only flags are also here).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Copy {
    /// Sources; heredoc sources (`COPY <<EOF /dest`) appear as the marker word.
    pub sources: Vec<Word>,
    pub dest: Option<Word>,
    /// Whether the sources and destination were a JSON array.
    pub json: bool,
    pub from: Option<Word>,
    pub chown: Option<Word>,
    pub chmod: Option<Word>,
    pub link: bool,
    pub parents: bool,
    pub exclude: Vec<Word>,
    /// ADD only.
    pub checksum: Option<Word>,
    /// ADD only.
    pub keep_git_dir: bool,
    /// ADD only.
    pub unpack: Option<bool>,
}

/// A `key=value` pair of ENV or LABEL (legacy `ENV key value` has `legacy = true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Word,
    pub value: Word,
    pub legacy: bool,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgDecl {
    pub name: Word,
    pub default: Option<Word>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub user: Word,
    pub group: Option<Word>,
}

// One value per HEALTHCHECK instruction: boxing the command would add an allocation for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Healthcheck {
    /// `HEALTHCHECK NONE`
    None,
    Cmd {
        interval: Option<Duration>,
        timeout: Option<Duration>,
        start_period: Option<Duration>,
        start_interval: Option<Duration>,
        retries: Option<u32>,
        command: CommandForm,
    },
}

/// A Go-style duration flag value (`30s`, `1m30s`, `500ms`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    pub millis: u64,
    pub word: Word,
}

/// What a stage's FROM refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    Scratch,
    /// An earlier stage, by index.
    Stage(usize),
    Image(ImageRef),
}

/// An image reference split into its parts, after expanding global ARG defaults.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImageRef {
    /// The reference after ARG expansion.
    pub text: String,
    /// Registry host if the first path component looks like one (`ghcr.io`, `localhost:5000`).
    pub registry: Option<String>,
    /// Repository path without registry (`library/debian` is kept as written: `debian`).
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// The reference still contains variables that could not be expanded.
    pub unresolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub index: usize,
    /// Index of the FROM instruction.
    pub from: usize,
    /// Lower-cased stage name.
    pub name: Option<String>,
    pub base: Base,
    /// Indices of this stage's instructions, FROM included.
    pub instructions: std::ops::Range<usize>,
    /// Stages this one copies from (`COPY --from=` and `RUN --mount=from=`), by index.
    pub copies_from: Vec<usize>,
    /// Later stages built `FROM` this one, by index.
    pub children: Vec<usize>,
    /// Later stages that copy or mount from this one, by index.
    pub copied_by: Vec<usize>,
}

impl Dockerfile {
    /// The stage an instruction belongs to.
    pub fn stage_of(&self, instruction: usize) -> Option<&Stage> {
        self.instructions
            .get(instruction)
            .and_then(|i| i.stage)
            .and_then(|s| self.stages.get(s))
    }

    /// The last stage (the image that `docker build` produces without `--target`).
    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// A stage by name (case-insensitive) or by index as a decimal number, as `--from` does.
    pub fn stage_named(&self, name: &str) -> Option<&Stage> {
        let lower = name.to_ascii_lowercase();
        self.stages
            .iter()
            .find(|s| s.name.as_deref() == Some(lower.as_str()))
            .or_else(|| name.parse::<usize>().ok().and_then(|i| self.stages.get(i)))
    }

    /// The directive with this (lower-case) name.
    pub fn directive(&self, name: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.name == name)
    }
}
