//! `.dockerignore` matching with Docker's semantics: BuildKit's reader (comments, trimming,
//! path cleaning, `!` exceptions) and moby's pattern matcher (`*`, `?`, `[...]`, `**`, `\`
//! escapes, a pattern matching a parent directory excludes everything below it, and the last
//! pattern that matches a path or one of its parents decides).
//!
//! Where moby's implementation has accidents, this module follows its documented behaviour:
//! a `\` escapes the next character literally (moby hands letter escapes such as `\d` to its
//! regexp engine), wildcards inside `[...]` are literal characters (moby's regexp translation
//! mangles them), and a path's verdict does not depend on the order of a directory walk (the
//! walker's cached parent results can skip a later pattern).

use std::fmt;

/// A parsed `.dockerignore`.
#[derive(Debug, Clone, Default)]
pub struct Dockerignore {
    patterns: Vec<Pattern>,
    errors: Vec<PatternError>,
}

/// One valid pattern line.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The cleaned pattern without its `!`.
    pub text: String,
    /// A `!` line: re-includes what it matches.
    pub exception: bool,
    /// 1-based line in the `.dockerignore`.
    pub line: usize,
    matcher: Matcher,
}

/// A line Docker refuses: the build fails with it, so it matches nothing here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// 1-based line in the `.dockerignore`.
    pub line: usize,
    pub pattern: String,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: `{}`: {}",
            self.line, self.pattern, self.message
        )
    }
}

/// Which patterns match a path or one of its parents, computed top-down while walking a
/// context so that each entry costs one match per pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchState {
    hits: Vec<bool>,
    excluded: bool,
}

impl MatchState {
    /// Whether the path is left out of the build context.
    pub fn is_excluded(&self) -> bool {
        self.excluded
    }
}

impl Dockerignore {
    /// Reads `.dockerignore` text as BuildKit does. Never fails: invalid lines are kept in
    /// [`Dockerignore::errors`] and match nothing.
    pub fn parse(text: &str) -> Dockerignore {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut ignore = Dockerignore::default();
        for (i, raw) in text.split('\n').enumerate() {
            let line = i + 1;
            let Some(normalized) = normalize_line(raw.strip_suffix('\r').unwrap_or(raw)) else {
                continue;
            };
            match Pattern::new(&normalized, line) {
                Ok(p) => ignore.patterns.push(p),
                Err(message) => ignore.errors.push(PatternError {
                    line,
                    pattern: normalized,
                    message: message.to_owned(),
                }),
            }
        }
        ignore
    }

    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Lines that would make `docker build` fail.
    pub fn errors(&self) -> &[PatternError] {
        &self.errors
    }

    /// Whether `path` (relative to the context, `/`-separated) is left out of the context.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.state_of(path).is_some_and(|s| s.excluded)
    }

    /// The pattern that decides `path`'s fate: the last one matching it or a parent.
    pub fn deciding_pattern(&self, path: &str) -> Option<&Pattern> {
        let state = self.state_of(path)?;
        let last = state.hits.iter().rposition(|&h| h)?;
        Some(&self.patterns[last])
    }

    /// Whether `dir` and everything below it are left out: it is excluded and no exception
    /// pattern could re-include anything below it, so a walk can skip it entirely.
    pub fn excludes_subtree(&self, dir: &str) -> bool {
        let Some(dir) = context_path(dir) else {
            return false;
        };
        self.is_excluded(&dir)
            && !self
                .patterns
                .iter()
                .any(|p| p.exception && p.matcher.may_match_below(&dir))
    }

    /// The state of the context root, where nothing matches yet.
    pub fn root_state(&self) -> MatchState {
        MatchState {
            hits: vec![false; self.patterns.len()],
            excluded: false,
        }
    }

    /// The state of `path`, an entry of the directory whose state is `parent` (the root's
    /// state for a top-level entry). `path` is the entry's full context-relative path.
    pub fn child_state(&self, parent: &MatchState, path: &str) -> MatchState {
        let hits: Vec<bool> = self
            .patterns
            .iter()
            .zip(&parent.hits)
            .map(|(p, &inherited)| inherited || p.matcher.matches(path))
            .collect();
        let excluded = hits
            .iter()
            .rposition(|&h| h)
            .is_some_and(|i| !self.patterns[i].exception);
        MatchState { hits, excluded }
    }

    /// The state of `path` computed from the root down; `None` for the context root itself
    /// or a path outside the context, which Docker never excludes.
    fn state_of(&self, path: &str) -> Option<MatchState> {
        let path = context_path(path)?;
        let mut state = self.root_state();
        for (i, _) in path.match_indices('/') {
            state = self.child_state(&state, &path[..i]);
        }
        Some(self.child_state(&state, &path))
    }
}

/// A path cleaned as Docker cleans it, relative to the context; `None` for the root or a path
/// that leaves the context.
fn context_path(path: &str) -> Option<String> {
    let cleaned = clean(path);
    let relative = cleaned.strip_prefix('/').unwrap_or(&cleaned);
    if relative.is_empty() || relative == "." || relative == ".." || relative.starts_with("../") {
        return None;
    }
    Some(relative.to_owned())
}

/// BuildKit's per-line normalisation: comment and blank lines dropped, whitespace trimmed,
/// the path cleaned and a leading `/` removed, `!` kept in front.
fn normalize_line(line: &str) -> Option<String> {
    if line.starts_with('#') {
        return None;
    }
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let (exception, body) = match line.strip_prefix('!') {
        Some(rest) => (true, rest.trim()),
        None => (false, line),
    };
    let mut body = if body.is_empty() {
        String::new()
    } else {
        clean(body)
    };
    if body.len() > 1 && body.starts_with('/') {
        body.remove(0);
    }
    Some(if exception { format!("!{body}") } else { body })
}

/// Go's `filepath.Clean` for `/`-separated paths: repeated separators, `.` elements and
/// `..` after a name are removed, and a trailing `/` is dropped.
pub fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                _ if rooted => {}
                _ => parts.push(".."),
            },
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

impl Pattern {
    /// moby's second pass over a normalised line: cleaned again, `!` split off, then compiled.
    fn new(normalized: &str, line: usize) -> Result<Pattern, &'static str> {
        let cleaned = clean(normalized.trim());
        let (exception, text) = match cleaned.strip_prefix('!') {
            Some("") => return Err("illegal exclusion pattern `!`"),
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        Ok(Pattern {
            text: text.to_owned(),
            exception,
            line,
            matcher: Matcher::compile(text)?,
        })
    }
}

/// How a pattern matches a path. moby takes string shortcuts for patterns without wildcards;
/// they are kept because they differ from the glob (`**foo` matches `barfoo`).
#[derive(Debug, Clone)]
enum Matcher {
    /// The path equals the pattern.
    Exact(String),
    /// A literal followed by a trailing `**`: the path starts with the literal.
    Prefix(String),
    /// `**` followed by a literal: the path ends with the literal (or is it, minus the `/`).
    Suffix(String),
    Glob(Vec<Token>),
}

#[derive(Debug, Clone)]
enum Token {
    Char(char),
    /// `*`: any run of characters except `/`.
    Star,
    /// `?`: one character except `/`.
    Question,
    Class(Class),
    /// `**` with more pattern after it: nothing, or anything ending with `/`.
    AnyDirs,
    /// A final `**` after a wildcard: anything.
    AnyRest,
}

#[derive(Debug, Clone)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != self.negated
    }
}

const BAD_PATTERN: &str = "syntax error in pattern";

impl Matcher {
    /// Mirrors moby's compile loop, including how the match type changes along the way.
    fn compile(pattern: &str) -> Result<Matcher, &'static str> {
        #[derive(PartialEq)]
        enum Type {
            Exact,
            Prefix,
            Suffix,
            Glob,
        }
        let mut ty = Type::Exact;
        let mut tokens = Vec::new();
        let mut chars = pattern.chars().peekable();
        let mut first = true;
        while let Some(c) = chars.next() {
            match c {
                '*' if chars.peek() == Some(&'*') => {
                    chars.next();
                    if chars.peek() == Some(&'/') {
                        chars.next();
                    }
                    if chars.peek().is_none() {
                        if ty == Type::Exact {
                            ty = Type::Prefix;
                        } else {
                            tokens.push(Token::AnyRest);
                            ty = Type::Glob;
                        }
                    } else {
                        tokens.push(Token::AnyDirs);
                        ty = Type::Glob;
                    }
                    if first {
                        ty = Type::Suffix;
                    }
                }
                '*' => {
                    tokens.push(Token::Star);
                    ty = Type::Glob;
                }
                '?' => {
                    tokens.push(Token::Question);
                    ty = Type::Glob;
                }
                '\\' => {
                    tokens.push(Token::Char(chars.next().ok_or(BAD_PATTERN)?));
                    ty = Type::Glob;
                }
                '[' => {
                    tokens.push(Token::Class(parse_class(&mut chars)?));
                    ty = Type::Glob;
                }
                ']' => {
                    tokens.push(Token::Char(c));
                    ty = Type::Glob;
                }
                _ => tokens.push(Token::Char(c)),
            }
            first = false;
        }
        Ok(match ty {
            Type::Exact => Matcher::Exact(pattern.to_owned()),
            Type::Prefix => Matcher::Prefix(pattern[..pattern.len() - 2].to_owned()),
            Type::Suffix => Matcher::Suffix(pattern[2..].to_owned()),
            Type::Glob => Matcher::Glob(tokens),
        })
    }

    fn matches(&self, path: &str) -> bool {
        match self {
            Matcher::Exact(p) => path == p,
            Matcher::Prefix(p) => path.starts_with(p.as_str()),
            Matcher::Suffix(s) => {
                path.ends_with(s.as_str()) || s.strip_prefix('/').is_some_and(|rest| path == rest)
            }
            Matcher::Glob(tokens) => Nfa::new(tokens).run(path).accepts(),
        }
    }

    /// Whether some path strictly below directory `dir` (or one of its parents below `dir`)
    /// could match. Errs on the side of "yes".
    fn may_match_below(&self, dir: &str) -> bool {
        let below = format!("{dir}/");
        match self {
            Matcher::Exact(p) => p.starts_with(&below),
            Matcher::Prefix(p) => below.starts_with(p.as_str()) || p.starts_with(&below),
            Matcher::Suffix(_) => true,
            Matcher::Glob(tokens) => Nfa::new(tokens).run(&below).alive(),
        }
    }
}

/// `[` already read: a filepath.Match character class up to its `]`.
fn parse_class(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<Class, &'static str> {
    let negated = chars.next_if_eq(&'^').is_some();
    let mut ranges = Vec::new();
    loop {
        match chars.peek() {
            None => return Err(BAD_PATTERN),
            Some(']') if !ranges.is_empty() => {
                chars.next();
                return Ok(Class { negated, ranges });
            }
            Some(_) => {}
        }
        let lo = class_char(chars)?;
        let hi = if chars.next_if_eq(&'-').is_some() {
            class_char(chars)?
        } else {
            lo
        };
        if lo > hi {
            return Err(BAD_PATTERN);
        }
        ranges.push((lo, hi));
    }
}

/// One possibly escaped character inside a class; a bare `-` or `]` is an error there.
fn class_char(chars: &mut std::iter::Peekable<std::str::Chars>) -> Result<char, &'static str> {
    match chars.next() {
        None | Some('-' | ']') => Err(BAD_PATTERN),
        Some('\\') => chars.next().ok_or(BAD_PATTERN),
        Some(c) => Ok(c),
    }
}

/// A set-of-states simulation of a glob, linear in the text. State `k` waits to match token
/// `k` (`k == len` accepts); state `len + 1 + k` is inside token `k`'s `**` directory run.
struct Nfa<'a> {
    tokens: &'a [Token],
    states: Vec<bool>,
}

impl<'a> Nfa<'a> {
    fn new(tokens: &'a [Token]) -> Nfa<'a> {
        let mut nfa = Nfa {
            tokens,
            states: vec![false; 2 * tokens.len() + 1],
        };
        nfa.states[0] = true;
        nfa.close();
        nfa
    }

    fn run(mut self, text: &str) -> Self {
        for c in text.chars() {
            if !self.alive() {
                break;
            }
            self.step(c);
        }
        self
    }

    fn accepts(&self) -> bool {
        self.states[self.tokens.len()]
    }

    fn alive(&self) -> bool {
        self.states.iter().any(|&s| s)
    }

    /// Adds the states reachable without reading: past a `*`, a final `**`, or into and past
    /// a `**/`. Epsilon moves only go forward, so one pass suffices.
    fn close(&mut self) {
        let n = self.tokens.len();
        for k in 0..n {
            if !self.states[k] {
                continue;
            }
            match self.tokens[k] {
                Token::Star | Token::AnyRest => self.states[k + 1] = true,
                Token::AnyDirs => {
                    self.states[k + 1] = true;
                    self.states[n + 1 + k] = true;
                }
                _ => {}
            }
        }
    }

    fn step(&mut self, c: char) {
        let n = self.tokens.len();
        let mut next = vec![false; self.states.len()];
        for k in 0..n {
            if self.states[k] {
                match &self.tokens[k] {
                    Token::Char(x) if *x == c => next[k + 1] = true,
                    Token::Question if c != '/' => next[k + 1] = true,
                    Token::Class(class) if class.matches(c) => next[k + 1] = true,
                    Token::Star if c != '/' => next[k] = true,
                    Token::AnyRest => next[k] = true,
                    _ => {}
                }
            }
            if self.states[n + 1 + k] {
                next[n + 1 + k] = true;
                if c == '/' {
                    next[k + 1] = true;
                }
            }
        }
        self.states = next;
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pattern against one path.
    #[track_caller]
    fn check_one(cases: &[(&str, &str, bool)]) {
        for &(pattern, path, want) in cases {
            let ignore = Dockerignore::parse(pattern);
            assert!(ignore.errors().is_empty(), "`{pattern}` should be valid");
            assert_eq!(
                ignore.is_excluded(path),
                want,
                "pattern `{pattern}` on `{path}`"
            );
        }
    }

    #[test]
    fn double_star_spans_directories() {
        check_one(&[
            ("**", "f", true),
            ("**", "a/b/f", true),
            ("**/", "a/f", true),
            ("**/**", "a/f", true),
            ("src/**", "src/a", true),
            ("src/**", "src/a/b", true),
            ("src/**", "src", false),
            ("src/**", "srcx/a", false),
            ("**/lib", "lib", true),
            ("**/lib", "x/y/lib", true),
            ("**/lib", "x/lib/deep/file", true),
            ("**/lib", "xlib", false),
            ("**/sub/*", "a/sub/f", true),
            ("**/sub/**", "a/b/sub/c/d", true),
            ("**/*.log", "x.log", true),
            ("**/*.log", "a/b/x.log", true),
            ("**/**/*.log", "a/b/x.log", true),
            ("**/**/*.log", "a/b/x.logs", false),
            ("a/**/z", "a/z", true),
            ("a/**/z", "a/b/c/z", true),
            ("a/**/z", "ab/z", false),
            ("a**/*.md", "a/x.md", true),
            ("a**/*.md", "a/b/c/x.md", true),
            ("docs/*.md**", "docs/x.md", true),
        ]);
    }

    #[test]
    fn moby_string_shortcuts_are_kept() {
        check_one(&[
            // A leading `**` before a plain suffix is a string suffix test.
            ("**name", "name", true),
            ("**name", "dir/name", true),
            ("**name", "surname", true),
            ("**.tmp", "a/b.tmp", true),
            // With a wildcard after it, the glob rules apply: `**` then stops at `/`.
            ("**.tm?", "a/b.tmp", false),
            ("**.tm?", ".tmp", true),
            ("**/.cache", ".cache", true),
            ("**/.cache", "x.cache", false),
            // A literal then a final `**` is a string prefix test.
            ("build**", "build", true),
            ("build**", "builder/x", true),
        ]);
    }

    #[test]
    fn single_star_question_mark_and_classes_stay_in_one_component() {
        check_one(&[
            ("*", "anything", true),
            ("*.go", "main.go", true),
            ("*.go", "cmd/main.go", false),
            ("*/*.go", "cmd/main.go", true),
            ("x*", "xy/z", true),
            ("x*/z", "x/y/z", false),
            ("p*q*r*s/t", "p1q2r3s/t", true),
            ("p*q*r*s/t", "p1q2r3s/u/t", false),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("a?c", "a/c", false),
            ("a*c", "a/c", false),
            ("a?c", "a☺c", true),
            ("a???c", "a☺c", false),
            ("v[1-3]", "v2", true),
            ("v[1-3]", "v4", false),
            ("v[^1-3]", "v4", true),
            ("v[^1-3]", "v2", false),
            ("[a-ζ]x", "αx", true),
            ("[\\]]", "]", true),
            ("[\\-z]", "-", true),
            ("[z\\-]", "z", true),
            ("[z\\-]", "q", false),
            ("[*]", "*", true),
            ("[*]", "a", false),
        ]);
    }

    #[test]
    fn literals_and_escapes() {
        check_one(&[
            (".*", ".env", true),
            (".*", "env", false),
            ("a.b", "a.b", true),
            ("a.b", "axb", false),
            ("x(1)+{2}|$", "x(1)+{2}|$", true),
            ("pkg/tool-1.0+git.whl", "pkg/tool-1.0+git.whl", true),
            ("pkg/*.whl", "pkg/tool-1.0+git.whl", true),
            ("a\\*b", "a*b", true),
            ("a\\*b", "axb", false),
            ("back\\\\\\\\", "back\\\\", true),
            ("\\d", "d", true),
        ]);
    }

    #[test]
    fn a_matching_parent_excludes_what_is_below_it() {
        check_one(&[
            ("node_modules", "node_modules/pkg/index.js", true),
            ("src/gen", "src/gen/a/b.rs", true),
            ("src/gen", "src/generated", false),
            ("*.d", "conf.d/site.conf", true),
            ("tmp", "a/tmp", false),
        ]);
    }

    #[test]
    fn reader_cleans_lines_like_buildkit() {
        check_one(&[
            ("/.git", ".git/HEAD", true),
            ("./dist/", "dist/app.js", true),
            ("a//b/./c", "a/b/c", true),
            ("a/x/../b", "a/b", true),
            ("  spaced  ", "spaced", true),
            ("# comment", "# comment", false),
            ("\u{feff}bom", "bom", true),
            ("crlf\r", "crlf", true),
            ("../outside", "outside", false),
            ("/", "anything", false),
        ]);
        // Only a `#` in the first column starts a comment.
        assert!(Dockerignore::parse("  #x").is_excluded("#x"));
        let ignore = Dockerignore::parse("# c\n\n  \n/a\n!  /b/../c\n");
        let texts: Vec<_> = ignore
            .patterns()
            .iter()
            .map(|p| (p.text.as_str(), p.exception, p.line))
            .collect();
        assert_eq!(texts, [("a", false, 4), ("c", true, 5)]);
    }

    /// Several patterns against one path: the last pattern matching the path or a parent wins.
    #[test]
    fn last_matching_pattern_wins() {
        let cases: &[(&str, &str, bool)] = &[
            ("*.go\n!main.go", "main.go", false),
            ("!main.go\n*.go", "main.go", true),
            ("docs\n!docs/README.md", "docs/README.md", false),
            ("docs\n!docs/README.md", "docs/other.md", true),
            ("docs/\n!docs/README.md", "docs/README.md", false),
            ("docs/*\n!docs/README.md", "docs/README.md", false),
            ("**\n!app", "app/deep/file", false),
            ("**\n!app\napp/deep/file", "app/deep/file", true),
            ("**\n!app\napp/deep", "app/deep/file", true),
            ("**\n!pkg/*.whl", "pkg/x-1.0+y.whl", false),
            ("*\n!src\nsrc/**/*.test.js", "src/a/b.test.js", true),
            ("*\n!src\nsrc/**/*.test.js", "src/a/b.js", false),
            ("a\n!a/b\na", "a/b/c", true),
            ("", "anything", false),
        ];
        for &(text, path, want) in cases {
            let ignore = Dockerignore::parse(text);
            assert_eq!(ignore.is_excluded(path), want, "{text:?} on `{path}`");
        }
    }

    #[test]
    fn the_context_root_is_never_excluded() {
        let ignore = Dockerignore::parse("*\n**\n.");
        for path in [".", "", "/", "./", "..", "../x"] {
            assert!(!ignore.is_excluded(path), "`{path}`");
        }
        assert!(ignore.is_excluded("./x"));
        assert!(ignore.is_excluded("/x/"));
    }

    #[test]
    fn deciding_pattern_is_the_last_match() {
        let ignore = Dockerignore::parse("*.log\nlogs\n!logs/keep.log\n");
        let line = |path| ignore.deciding_pattern(path).map(|p| p.line);
        assert_eq!(line("a.log"), Some(1));
        assert_eq!(line("logs/x"), Some(2));
        assert_eq!(line("logs/keep.log"), Some(3));
        assert_eq!(line("src/a.rs"), None);
    }

    #[test]
    fn invalid_patterns_are_reported_and_match_nothing() {
        for bad in [
            "[", "a[", "[^", "[^bc", "[]a]", "[-]", "[x-]", "[-x]", "[a-b-c]", "[z-a]", "\\", "!",
            "! ", "!/",
        ] {
            let ignore = Dockerignore::parse(bad);
            assert_eq!(ignore.errors().len(), 1, "`{bad}` should be invalid");
            assert!(ignore.patterns().is_empty(), "`{bad}`");
            assert!(!ignore.is_excluded("a"), "`{bad}`");
        }
        let ignore = Dockerignore::parse("ok\n[bad\n");
        assert_eq!(ignore.errors()[0].line, 2);
        assert_eq!(
            ignore.errors()[0].to_string(),
            "line 2: `[bad`: syntax error in pattern"
        );
        assert!(ignore.is_excluded("ok"));
    }

    #[test]
    fn directories_are_skipped_only_when_nothing_below_can_come_back() {
        let cases: &[(&str, &str, bool)] = &[
            ("node_modules", "node_modules", true),
            ("node_modules", "src", false),
            ("node_modules\n!node_modules/keep", "node_modules", false),
            (
                "node_modules\n!node_modules/keep",
                "node_modules/other",
                true,
            ),
            ("node_modules\n!other", "node_modules", true),
            ("*\n!*.go", "vendor", true),
            ("*\n!src/**", "src", false),
            ("*\n!src/**", "docs", true),
            ("*\n!**/keep", "docs", false),
            ("*\n!*/keep", "docs", false),
            ("*\n!*/keep", "docs/sub", true),
            ("*\n!d[ao]cs/x", "docs", false),
            ("*\n!d[ao]cs/x", "dics", true),
            ("*\n!docs", "docs", false),
            ("build**\n!builder/x", "build", true),
            ("build**\n!build**/x", "builder", false),
        ];
        for &(text, dir, want) in cases {
            let ignore = Dockerignore::parse(text);
            assert_eq!(ignore.excludes_subtree(dir), want, "{text:?} on `{dir}`");
        }
    }

    #[test]
    fn walking_top_down_agrees_with_single_lookups() {
        let ignore = Dockerignore::parse("*\n!src\nsrc/**/*.snap\n!src/keep/**\n**/.DS_Store\n");
        let paths = [
            "README.md",
            "src",
            "src/a.rs",
            "src/t",
            "src/t/x.snap",
            "src/keep",
            "src/keep/y.snap",
            "src/keep/.DS_Store",
        ];
        for path in paths {
            let mut state = ignore.root_state();
            let mut end = 0;
            for part in path.split('/') {
                end += part.len();
                state = ignore.child_state(&state, &path[..end]);
                end += 1;
            }
            assert_eq!(state.is_excluded(), ignore.is_excluded(path), "`{path}`");
        }
        assert!(ignore.is_excluded("src/t/x.snap"));
        assert!(!ignore.is_excluded("src/keep/y.snap"));
        assert!(ignore.is_excluded("src/keep/.DS_Store"));
    }

    #[test]
    fn matching_stays_linear_on_backtracking_patterns() {
        let pattern = format!("{}b", "*a".repeat(40));
        let path = "a".repeat(20_000);
        let ignore = Dockerignore::parse(&pattern);
        assert!(!ignore.is_excluded(&path));
        assert!(ignore.is_excluded(&format!("{path}b")));
    }

    #[test]
    fn clean_matches_go() {
        for (input, want) in [
            ("", "."),
            (".", "."),
            ("a/", "a"),
            ("//a//b/", "/a/b"),
            ("a/./b", "a/b"),
            ("a/../..", ".."),
            ("../../a", "../../a"),
            ("/../a", "/a"),
            ("a/b/../../c", "c"),
            ("/", "/"),
        ] {
            assert_eq!(clean(input), want, "`{input}`");
        }
    }
}
