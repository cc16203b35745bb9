//! The command splitter: a loop over operators and words with an explicit stack of open
//! constructs (subshells, groups, `if`/loops/`case`, substitutions), so that nesting depth
//! never touches the call stack.

use super::lexer::{assignment_prefix_len, Lexer, Substitution, WordBuilder, WordEnd};
use super::{Command, Script, Separator, ShellWord};
use crate::span::Span;

/// Deeper constructs are not tracked: substitutions are copied verbatim, other openers ignored.
const MAX_DEPTH: usize = 256;
/// How many open constructs a closer (`fi`, `)`, ...) may skip to find its opener, so that a
/// missing `fi` or `done` does not derail the rest of the script.
const CLOSE_SEARCH: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Top,
    Subshell,
    Group,
    If,
    Loop,
    Case,
    Substitution(Substitution),
}

impl FrameKind {
    fn is_compound_keyword(self) -> bool {
        matches!(self, FrameKind::If | FrameKind::Loop | FrameKind::Case)
    }

    fn closes_with_paren(self) -> bool {
        match self {
            FrameKind::Subshell => true,
            FrameKind::Substitution(s) => s.closer == b')',
            _ => false,
        }
    }
}

/// What the next word means in a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A command may start: reserved words are recognised.
    CommandStart,
    /// After `fi`, `done`, `}`, `)`: only redirections and operators are expected.
    AfterCompound,
    InCommand,
    /// Inside `[[ ... ]]`, where `&&`, `<`, `(` are words.
    DoubleBracket,
    /// After `function`.
    FunctionName,
    ForName,
    ForAfterName,
    ForItems,
    CaseSubject,
    CaseIn,
    CasePattern,
}

enum Redirect {
    File,
    Heredoc { strip_tabs: bool },
}

struct Frame {
    kind: FrameKind,
    mode: Mode,
    cmd: Option<Pending>,
    /// A redirection operator was read; the next word is its target.
    redirect: Option<Redirect>,
    /// The word that was interrupted by the substitution in the frame above.
    suspended: Option<WordBuilder>,
}

impl Frame {
    fn new(kind: FrameKind, mode: Mode) -> Self {
        Frame {
            kind,
            mode,
            cmd: None,
            redirect: None,
            suspended: None,
        }
    }
}

/// A command being built; `slot` keeps its place in source order while commands nested in
/// its words finish first.
struct Pending {
    slot: usize,
    cmd: Command,
}

struct Heredoc {
    delimiter: String,
    strip_tabs: bool,
}

pub(super) struct Parser<'a> {
    lx: Lexer<'a>,
    frames: Vec<Frame>,
    slots: Vec<Option<Command>>,
    heredocs: Vec<Heredoc>,
    /// The previous command ended with `|`: the next one reads a pipe.
    pipe_pending: bool,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str) -> Self {
        Parser {
            lx: Lexer::new(text),
            frames: vec![Frame::new(FrameKind::Top, Mode::CommandStart)],
            slots: Vec::new(),
            heredocs: Vec::new(),
            pipe_pending: false,
        }
    }

    pub fn run(mut self) -> Script {
        loop {
            if let Some(w) = self.top().suspended.take() {
                self.run_word(w);
                continue;
            }
            self.lx.skip_blanks();
            let Some(c) = self.lx.peek() else {
                if self.frames.len() > 1 {
                    self.close_top(self.lx.text.len());
                    continue;
                }
                self.finish_command(None);
                break;
            };
            let mode = self.top().mode;
            match c {
                b'\n' => {
                    self.lx.pos += 1;
                    self.skip_heredoc_bodies();
                    if mode != Mode::DoubleBracket {
                        self.separator(Separator::Seq, true);
                    }
                }
                b'#' => self.lx.skip_comment(),
                b'&' | b'|' | b'<' | b'>' | b'(' | b')' if mode == Mode::DoubleBracket => {
                    self.operator_word()
                }
                b';' => self.semicolon(),
                b'&' => match self.lx.peek_at(1) {
                    Some(b'&') => self.operator(2, Separator::And),
                    Some(b'>') => self.redirect(),
                    _ => self.operator(1, Separator::Background),
                },
                b'|' if mode == Mode::CasePattern => self.lx.pos += 1,
                b'|' => match self.lx.peek_at(1) {
                    Some(b'|') => self.operator(2, Separator::Or),
                    Some(b'&') => self.operator(2, Separator::Pipe),
                    _ => self.operator(1, Separator::Pipe),
                },
                b'(' => self.open_paren(),
                b')' => self.close_paren(),
                b'<' | b'>' if self.lx.peek_at(1) == Some(b'(') => {
                    let start = self.lx.pos;
                    self.lx.pos += 2;
                    let sub = Substitution {
                        start,
                        closer: b')',
                    };
                    self.substitution(WordBuilder::new(start), sub);
                }
                b'<' | b'>' => self.redirect(),
                b'`' if self.in_backtick() => {
                    self.lx.pos += 1;
                    self.close_top(self.lx.pos);
                }
                _ => self.run_word(WordBuilder::new(self.lx.pos)),
            }
        }
        Script {
            commands: self.slots.into_iter().flatten().collect(),
        }
    }

    fn top(&mut self) -> &mut Frame {
        // The top-level frame is never popped.
        self.frames
            .last_mut()
            .expect("the top-level frame is never popped")
    }

    fn in_backtick(&self) -> bool {
        matches!(
            self.frames.last().map(|f| f.kind),
            Some(FrameKind::Substitution(s)) if s.closer == b'`'
        )
    }

    // ---- words ----

    /// Lexes (or resumes) a word; substitutions inside it either open a frame or, when too
    /// deep, are copied without being parsed.
    fn run_word(&mut self, mut w: WordBuilder) {
        loop {
            let in_backtick = self.in_backtick();
            match self.lx.lex_word(&mut w, in_backtick) {
                WordEnd::Complete => return self.complete_word(w),
                WordEnd::Substitution(sub) if self.frames.len() >= MAX_DEPTH => {
                    let end = self.lx.substitution_end(sub);
                    self.lx.append_substitution(&mut w, sub, end);
                    self.lx.pos = end;
                }
                WordEnd::Substitution(sub) => return self.substitution(w, sub),
            }
        }
    }

    /// Suspends `w` and parses the substitution's commands in a new frame.
    fn substitution(&mut self, w: WordBuilder, sub: Substitution) {
        let frame = self.top();
        let starts_command = frame.redirect.is_none()
            && matches!(
                frame.mode,
                Mode::CommandStart | Mode::AfterCompound | Mode::InCommand
            );
        if starts_command {
            // Reserve the outer command's place before its nested commands.
            self.start_command(w.start);
            self.top().mode = Mode::InCommand;
        }
        self.top().suspended = Some(w);
        self.frames
            .push(Frame::new(FrameKind::Substitution(sub), Mode::CommandStart));
    }

    fn complete_word(&mut self, w: WordBuilder) {
        let end = self.lx.pos;
        let raw = &self.lx.text[w.start..end];
        let is_assignment = assignment_prefix_len(raw).is_some();
        let io_number = !w.quoted
            && !raw.is_empty()
            && raw.bytes().all(|b| b.is_ascii_digit())
            && matches!(self.lx.peek(), Some(b'<' | b'>'));
        let word = ShellWord {
            value: w.value,
            span: Span::new(w.start, end),
            quoted: w.quoted,
        };
        let frame = self.top();
        if let Some(redirect) = frame.redirect.take() {
            if let Some(p) = frame.cmd.as_mut() {
                p.cmd.span.end = end;
            }
            if let Redirect::Heredoc { strip_tabs } = redirect {
                self.heredocs.push(Heredoc {
                    delimiter: word.value,
                    strip_tabs,
                });
            }
            return;
        }
        let keyword = (!word.quoted).then(|| keyword(&word.value)).flatten();
        match frame.mode {
            Mode::CommandStart | Mode::AfterCompound | Mode::InCommand if io_number => {
                // `2>&1`: the number belongs to the redirection that follows.
                if frame.mode != Mode::AfterCompound {
                    self.start_command(word.span.start);
                    self.extend_command(end);
                    self.top().mode = Mode::InCommand;
                }
            }
            Mode::CommandStart | Mode::AfterCompound => match keyword {
                Some(kw) => self.keyword(kw),
                None => {
                    let double_bracket = !word.quoted && word.value == "[[";
                    self.add_word(word, is_assignment);
                    if double_bracket {
                        self.top().mode = Mode::DoubleBracket;
                    }
                }
            },
            Mode::InCommand => self.add_word(word, is_assignment),
            Mode::DoubleBracket => {
                let closes = !word.quoted && word.value == "]]";
                self.add_word(word, false);
                if closes {
                    self.top().mode = Mode::InCommand;
                }
            }
            Mode::FunctionName => frame.mode = Mode::CommandStart,
            Mode::ForName => frame.mode = Mode::ForAfterName,
            Mode::ForAfterName => match keyword {
                Some(Keyword::Do) => frame.mode = Mode::CommandStart,
                _ if word.value == "in" && !word.quoted => frame.mode = Mode::ForItems,
                _ => {}
            },
            Mode::ForItems => {}
            Mode::CaseSubject => frame.mode = Mode::CaseIn,
            Mode::CaseIn => {
                if word.value == "in" && !word.quoted {
                    frame.mode = Mode::CasePattern;
                }
            }
            Mode::CasePattern => {
                if keyword == Some(Keyword::Esac) {
                    self.keyword(Keyword::Esac);
                }
            }
        }
    }

    /// Adds a word (or a `NAME=value` before the command name) to the current command.
    fn add_word(&mut self, word: ShellWord, is_assignment: bool) {
        self.start_command(word.span.start);
        self.extend_command(word.span.end);
        let frame = self.top();
        frame.mode = match frame.mode {
            Mode::DoubleBracket => Mode::DoubleBracket,
            _ => Mode::InCommand,
        };
        if let Some(p) = frame.cmd.as_mut() {
            if is_assignment && p.cmd.words.is_empty() {
                p.cmd.assignments.push(word);
            } else {
                p.cmd.words.push(word);
            }
        }
    }

    /// Inside `[[ ]]`, `&&`, `||`, `<`, `>`, `(`, `)` are plain words.
    fn operator_word(&mut self) {
        let start = self.lx.pos;
        let c = self.lx.peek();
        let len = if matches!(c, Some(b'&' | b'|')) && self.lx.peek_at(1) == c {
            2
        } else {
            1
        };
        self.lx.pos += len;
        let word = ShellWord {
            value: self.lx.text[start..start + len].to_string(),
            span: Span::new(start, start + len),
            quoted: false,
        };
        self.add_word(word, false);
    }

    // ---- commands ----

    fn start_command(&mut self, start: usize) {
        let depth = (self.frames.len() - 1) as u32;
        if self.top().cmd.is_some() {
            return;
        }
        let slot = self.slots.len();
        self.slots.push(None);
        let in_pipeline = std::mem::take(&mut self.pipe_pending);
        self.top().cmd = Some(Pending {
            slot,
            cmd: Command {
                span: Span::new(start, start),
                in_pipeline,
                depth,
                ..Command::default()
            },
        });
    }

    fn extend_command(&mut self, end: usize) {
        if let Some(p) = self.top().cmd.as_mut() {
            p.cmd.span.end = p.cmd.span.end.max(end);
        }
    }

    fn finish_command(&mut self, separator: Option<Separator>) -> bool {
        let frame = self.top();
        frame.redirect = None;
        let Some(mut p) = frame.cmd.take() else {
            return false;
        };
        p.cmd.separator = separator;
        p.cmd.in_pipeline |= separator == Some(Separator::Pipe);
        self.slots[p.slot] = Some(p.cmd);
        true
    }

    // ---- operators ----

    fn operator(&mut self, len: usize, sep: Separator) {
        self.lx.pos += len;
        self.separator(sep, false);
    }

    /// Ends the current command with `sep` (`newline`: it was a line break).
    fn separator(&mut self, sep: Separator, newline: bool) {
        let mode = self.top().mode;
        match mode {
            Mode::ForName | Mode::ForAfterName | Mode::ForItems => {
                if sep == Separator::Seq {
                    self.top().mode = Mode::CommandStart;
                }
            }
            Mode::FunctionName | Mode::CaseSubject | Mode::CaseIn | Mode::CasePattern => {}
            Mode::CommandStart | Mode::AfterCompound | Mode::InCommand | Mode::DoubleBracket => {
                let ended = self.finish_command(Some(sep));
                self.top().mode = Mode::CommandStart;
                // A line break after `|` or `&&` continues the list.
                if ended || !newline {
                    self.pipe_pending = sep == Separator::Pipe;
                }
            }
        }
    }

    /// `;`, or `;;`, `;&`, `;;&` ending a `case` branch.
    fn semicolon(&mut self) {
        let len = match (self.lx.peek_at(1), self.lx.peek_at(2)) {
            (Some(b';'), Some(b'&')) => 3,
            (Some(b';' | b'&'), _) => 2,
            _ => 1,
        };
        self.lx.pos += len;
        if len > 1 && self.top().kind == FrameKind::Case {
            self.finish_command(Some(Separator::Seq));
            self.top().mode = Mode::CasePattern;
        } else {
            self.separator(Separator::Seq, false);
        }
    }

    fn redirect(&mut self) {
        let start = self.lx.pos;
        let rest = &self.lx.text.as_bytes()[start..];
        let (len, redirect) = match rest {
            [b'<', b'<', b'<', ..] => (3, Redirect::File),
            [b'<', b'<', b'-', ..] => (3, Redirect::Heredoc { strip_tabs: true }),
            [b'<', b'<', ..] => (2, Redirect::Heredoc { strip_tabs: false }),
            [b'&', b'>', b'>', ..] => (3, Redirect::File),
            [b'<', b'&' | b'>', ..] | [b'>', b'>' | b'&' | b'|', ..] | [b'&', b'>', ..] => {
                (2, Redirect::File)
            }
            _ => (1, Redirect::File),
        };
        self.lx.pos += len;
        let frame = self.top();
        match frame.mode {
            Mode::CommandStart | Mode::InCommand => {
                self.start_command(start);
                self.extend_command(start + len);
                let frame = self.top();
                frame.mode = Mode::InCommand;
                frame.redirect = Some(redirect);
            }
            // `done < file`: the redirection applies to the compound command.
            Mode::AfterCompound => frame.redirect = Some(redirect),
            _ => {}
        }
    }

    fn open_paren(&mut self) {
        let mode = self.top().mode;
        if mode == Mode::CasePattern {
            self.lx.pos += 1;
            return;
        }
        if self.lx.peek_at(1) == Some(b'(') && matches!(mode, Mode::CommandStart | Mode::ForName) {
            // `(( expr ))` and `for (( ...; ...; ... ))`: arithmetic, no commands.
            self.lx.pos = self.lx.matching_paren_end(self.lx.pos);
            self.top().mode = if mode == Mode::ForName {
                Mode::ForItems
            } else {
                Mode::AfterCompound
            };
            return;
        }
        self.lx.pos += 1;
        if self.lx.next_non_blank() == Some(b')') && self.is_function_header() {
            // `name() { ...; }`: a definition, not a command.
            if let Some(p) = self.top().cmd.take() {
                self.slots[p.slot] = None;
            }
            self.lx.skip_blanks();
            self.lx.pos += 1;
            self.top().mode = Mode::CommandStart;
            return;
        }
        self.finish_command(None);
        self.push_frame(FrameKind::Subshell, Mode::CommandStart);
    }

    /// The current command is a single bare word (or none, after `function name`).
    fn is_function_header(&mut self) -> bool {
        let frame = self.top();
        match &frame.cmd {
            Some(p) => p.cmd.words.len() == 1 && p.cmd.assignments.is_empty(),
            None => frame.mode == Mode::CommandStart,
        }
    }

    fn close_paren(&mut self) {
        self.lx.pos += 1;
        if self.top().mode == Mode::CasePattern {
            self.top().mode = Mode::CommandStart;
            return;
        }
        let closed = self.close_matching(FrameKind::closes_with_paren, |k| {
            k.is_compound_keyword() || k == FrameKind::Group
        });
        if !closed {
            self.finish_command(None);
        }
    }

    fn skip_heredoc_bodies(&mut self) {
        for h in std::mem::take(&mut self.heredocs) {
            self.lx.skip_heredoc_body(&h.delimiter, h.strip_tabs);
        }
    }

    // ---- compound commands ----

    fn keyword(&mut self, kw: Keyword) {
        match kw {
            Keyword::If => self.push_frame(FrameKind::If, Mode::CommandStart),
            Keyword::While => self.push_frame(FrameKind::Loop, Mode::CommandStart),
            Keyword::For => self.push_frame(FrameKind::Loop, Mode::ForName),
            Keyword::Case => self.push_frame(FrameKind::Case, Mode::CaseSubject),
            Keyword::OpenBrace => self.push_frame(FrameKind::Group, Mode::CommandStart),
            Keyword::Fi => self.close_keyword(FrameKind::If),
            Keyword::Done => self.close_keyword(FrameKind::Loop),
            Keyword::Esac => self.close_keyword(FrameKind::Case),
            Keyword::CloseBrace => self.close_keyword(FrameKind::Group),
            Keyword::Function => self.top().mode = Mode::FunctionName,
            Keyword::Do | Keyword::Marker => self.top().mode = Mode::CommandStart,
        }
    }

    fn close_keyword(&mut self, kind: FrameKind) {
        if !self.close_matching(|k| k == kind, FrameKind::is_compound_keyword) {
            self.top().mode = Mode::CommandStart;
        }
    }

    fn push_frame(&mut self, kind: FrameKind, mode: Mode) {
        if self.frames.len() < MAX_DEPTH {
            self.frames.push(Frame::new(kind, mode));
        } else {
            self.top().mode = mode;
        }
    }

    /// Closes the nearest frame for which `is_target` holds, first closing the frames above
    /// it, provided they all satisfy `may_skip` and are at most [`CLOSE_SEARCH`] away.
    fn close_matching(
        &mut self,
        is_target: impl Fn(FrameKind) -> bool,
        may_skip: impl Fn(FrameKind) -> bool,
    ) -> bool {
        let n = self.frames.len();
        for back in 0..CLOSE_SEARCH.min(n - 1) {
            let kind = self.frames[n - 1 - back].kind;
            if is_target(kind) {
                for _ in 0..=back {
                    self.close_top(self.lx.pos);
                }
                return true;
            }
            if !may_skip(kind) {
                return false;
            }
        }
        false
    }

    /// Pops the top frame; `end` is where its closer ends.
    fn close_top(&mut self, end: usize) {
        self.finish_command(None);
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Substitution(sub) => {
                let mut w = self.top().suspended.take();
                if let Some(w) = w.as_mut() {
                    self.lx.append_substitution(w, sub, end);
                }
                self.top().suspended = w;
            }
            _ => self.top().mode = Mode::AfterCompound,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keyword {
    If,
    While,
    For,
    Case,
    OpenBrace,
    Fi,
    Done,
    Esac,
    CloseBrace,
    Function,
    Do,
    /// `then`, `else`, `elif`, `!`: a command starts next, nothing else changes.
    Marker,
}

fn keyword(word: &str) -> Option<Keyword> {
    Some(match word {
        "if" => Keyword::If,
        "while" | "until" => Keyword::While,
        "for" | "select" => Keyword::For,
        "case" => Keyword::Case,
        "{" => Keyword::OpenBrace,
        "fi" => Keyword::Fi,
        "done" => Keyword::Done,
        "esac" => Keyword::Esac,
        "}" => Keyword::CloseBrace,
        "function" => Keyword::Function,
        "do" => Keyword::Do,
        "then" | "else" | "elif" | "!" => Keyword::Marker,
        _ => return None,
    })
}
