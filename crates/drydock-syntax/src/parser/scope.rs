//! Variable scopes with BuildKit's rules: global ARGs (before the first FROM) are visible in
//! FROM lines, and inside a stage only once the stage re-declares them with `ARG NAME`; a stage
//! sees its own ARGs and ENVs declared before an instruction and the ENVs of the stage it is
//! built on; predefined ARGs (platform, proxy, BuildKit settings) always count as defined.

use super::logical::offset_of;
use crate::ast::{Base, Dockerfile, Instruction, Keyword, Kind, LogicalText};
use crate::expand::{expand, Expansion};
use crate::span::Span;

/// ARGs that BuildKit defines without a declaration.
pub const PREDEFINED_ARGS: &[&str] = &[
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
    "SOURCE_DATE_EPOCH",
    "BUILDKIT_CACHE_MOUNT_NS",
    "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
    "BUILDKIT_INLINE_CACHE",
    "BUILDKIT_MULTI_PLATFORM",
    "BUILDKIT_SANDBOX_HOSTNAME",
    "BUILDKIT_SYNTAX",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariableKind {
    Arg,
    Env,
}

/// A declared variable: its latest value, when known (an ARG without default has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    pub value: Option<String>,
    pub kind: VariableKind,
    /// Index of the declaring instruction.
    pub instruction: usize,
}

/// The variables visible at one point of a Dockerfile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    vars: Vec<Variable>,
}

impl Scope {
    /// Declared variables in order of first declaration (predefined ARGs are not listed).
    pub fn variables(&self) -> &[Variable] {
        &self.vars
    }

    pub fn get(&self, name: &str) -> Option<&Variable> {
        self.vars.iter().find(|v| v.name == name)
    }

    /// Declared here or predefined.
    pub fn is_defined(&self, name: &str) -> bool {
        self.get(name).is_some() || PREDEFINED_ARGS.contains(&name)
    }

    /// The value of a variable, if it has one.
    pub fn lookup(&self, name: &str) -> Option<String> {
        self.get(name).and_then(|v| v.value.clone())
    }

    /// Expands `text` with this scope's values.
    pub fn expand(&self, text: &str, escape: char) -> Expansion {
        expand(text, escape, &|n| self.lookup(n))
    }

    fn set(&mut self, var: Variable) {
        match self.vars.iter_mut().find(|v| v.name == var.name) {
            // An ENV value wins over a later ARG of the same name, as in BuildKit.
            Some(old) if old.kind == VariableKind::Env && var.kind == VariableKind::Arg => {}
            Some(old) => *old = var,
            None => self.vars.push(var),
        }
    }

    /// Applies an ARG or ENV instruction (at `index`) inside a stage whose global scope is
    /// `globals`, or to the global scope itself when `globals` is `None`. ARGs without a default
    /// take the value of the global ARG of the same name, if any.
    pub(crate) fn declare(
        &mut self,
        ins: &Instruction,
        index: usize,
        escape: char,
        globals: Option<&Scope>,
    ) {
        match &ins.kind {
            Kind::Arg(decls) => {
                // BuildKit expands a stage's ARG defaults with the scope before the instruction,
                // but global ones one after the other (`ARG A=1 B=$A` sets B only globally).
                let mut values = Vec::with_capacity(decls.len());
                for d in decls {
                    let value = match &d.default {
                        Some(w) => Some(self.value(&ins.args, w.span, &w.value, escape)),
                        None => globals.and_then(|g| g.lookup(&d.name.value)),
                    };
                    let var = Variable {
                        name: d.name.value.clone(),
                        value,
                        kind: VariableKind::Arg,
                        instruction: index,
                    };
                    match globals {
                        None => self.set(var),
                        Some(_) => values.push(var),
                    }
                }
                for var in values {
                    self.set(var);
                }
            }
            Kind::Env(pairs) => {
                // Every value of one ENV sees the scope before the instruction.
                let values: Vec<String> = pairs
                    .iter()
                    .map(|p| self.value(&ins.args, p.value.span, &p.value.value, escape))
                    .collect();
                for (p, value) in pairs.iter().zip(values) {
                    self.set(Variable {
                        name: p.key.value.clone(),
                        value: Some(value),
                        kind: VariableKind::Env,
                        instruction: index,
                    });
                }
            }
            _ => {}
        }
    }

    /// The expanded value of a word; `unquoted` is its value without expansion.
    fn value(&self, args: &LogicalText, span: Span, unquoted: &str, escape: char) -> String {
        let raw = raw_text(args, span);
        if raw.contains('$') {
            self.expand(raw, escape).value
        } else {
            unquoted.to_owned()
        }
    }

    fn env_only(&self) -> Scope {
        Scope {
            vars: self
                .vars
                .iter()
                .filter(|v| v.kind == VariableKind::Env)
                .cloned()
                .collect(),
        }
    }
}

/// The raw text (quotes and escapes as written) of a word of an instruction's arguments.
pub(crate) fn raw_text(args: &LogicalText, span: Span) -> &str {
    let len = args.text.len();
    let start = offset_of(&args.map, len, span.start);
    let end = offset_of(&args.map, len, span.end).max(start);
    args.text.get(start..end).unwrap_or("")
}

impl Dockerfile {
    /// Calls `f` with each instruction's index and the scope it sees (the global scope for FROM
    /// lines and instructions before the first FROM). Linear in the file: use it rather than
    /// [`Dockerfile::scope_at`] in a loop.
    pub fn visit_scopes(&self, mut f: impl FnMut(usize, &Scope)) {
        let mut globals = Scope::default();
        let mut stage_env: Vec<Scope> = Vec::with_capacity(self.stages.len());
        let mut current = Scope::default();
        for (i, ins) in self.instructions.iter().enumerate() {
            let Some(stage) = ins.stage.and_then(|s| self.stages.get(s)) else {
                f(i, &globals);
                globals.declare(ins, i, self.escape, None);
                continue;
            };
            if ins.keyword == Keyword::From && stage.from == i {
                f(i, &globals);
                current = match stage.base {
                    Base::Stage(parent) => stage_env.get(parent).cloned().unwrap_or_default(),
                    _ => Scope::default(),
                };
                stage_env.push(current.env_only());
                continue;
            }
            f(i, &current);
            current.declare(ins, i, self.escape, Some(&globals));
            if let (Kind::Env(_), Some(env)) = (&ins.kind, stage_env.last_mut()) {
                *env = current.env_only();
            }
        }
    }

    /// The scope an instruction sees.
    pub fn scope_at(&self, instruction: usize) -> Scope {
        let mut out = Scope::default();
        self.visit_scopes(|i, scope| {
            if i == instruction {
                out = scope.clone();
            }
        });
        out
    }

    /// Names and values of the variables visible at an instruction: predefined ARGs (no value)
    /// first, then declared ones in order.
    pub fn variables_at(&self, instruction: usize) -> Vec<(String, Option<String>)> {
        let scope = self.scope_at(instruction);
        let mut out: Vec<(String, Option<String>)> = PREDEFINED_ARGS
            .iter()
            .filter(|p| scope.get(p).is_none())
            .map(|p| (p.to_string(), None))
            .collect();
        out.extend(scope.vars.into_iter().map(|v| (v.name, v.value)));
        out
    }
}
