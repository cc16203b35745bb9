// Generated from the Rust types in crates/drydock-api by its `bindings` test; do not edit.

export type ApiError = { 
/**
 * One of the `code` constants below.
 */
code: string, message: string, };

export type ProjectView = { 
/**
 * The folder's name.
 */
name: string, 
/**
 * The folder's absolute, canonical path.
 */
root: string, 
/**
 * Every Dockerfile in the folder tree, relative with `/`, sorted, the default first
 * (always listed, even before it exists).
 */
dockerfiles: Array<string>, 
/**
 * The default Dockerfile: `drydock.toml`'s, else `Dockerfile`, else the first found.
 */
dockerfile: string, 
/**
 * `drydock.toml`'s image tag.
 */
tag: string | null, 
/**
 * What is wrong with `drydock.toml`, one line each with line, key and reason; empty when
 * it is fine or absent.
 */
problems: Array<string>, };

export type RecentProject = { name: string, 
/**
 * The folder's canonical path.
 */
root: string, 
/**
 * When it was last opened, in milliseconds since the Unix epoch.
 */
openedAtMs: number, };

export type FileVersion = { 
/**
 * Last modification, in milliseconds since the Unix epoch.
 */
modifiedMs: number, 
/**
 * Size in bytes.
 */
len: number, 
/**
 * FNV-1a 64 of the contents, 16 hex digits: stable across builds and platforms.
 */
hash: string, };

export type FileText = { 
/**
 * As the UI sent it.
 */
path: string, 
/**
 * Without a UTF-8 byte order mark (a save puts it back).
 */
text: string, version: FileVersion, };

export type Severity = "error" | "warning" | "info" | "style";

export type TextEdit = { from: number, to: number, insert: string, };

export type QuickFix = { 
/**
 * Imperative, e.g. "add `-y`".
 */
title: string, 
/**
 * Keeps the build's meaning (`drydock lint --fix` applies it); otherwise the user should
 * review the change.
 */
safe: boolean, 
/**
 * Non-overlapping, applied together.
 */
edits: Array<TextEdit>, };

export type Diagnostic = { code: string, severity: Severity, message: string, 
/**
 * Start, in UTF-16 code units from the start of the source.
 */
from: number, 
/**
 * End (exclusive), in UTF-16 code units.
 */
to: number, 
/**
 * 1-based line of `from`.
 */
line: number, fix: QuickFix | null, };

export type LintResult = { diagnostics: Array<Diagnostic>, 
/**
 * What is wrong with the lint config (`.hadolint.yaml`); the defaults apply then.
 */
configProblems: Array<string>, };

export type RuleDoc = { code: string, 
/**
 * Kebab-case name of the pattern it flags.
 */
name: string, 
/**
 * What it does, one paragraph of Markdown.
 */
summary: string, 
/**
 * Why it matters, Markdown.
 */
why: string, 
/**
 * Text the rule flags.
 */
example: string | null, 
/**
 * The same, fixed.
 */
fixed: string | null, 
/**
 * hadolint's wiki page for its rules, else the rule's page in Drydock's docs.
 */
url: string, };

export type ChangeKind = "modified" | "removed" | "created";

export type FileChange = { 
/**
 * Relative to the project folder, with `/`.
 */
path: string, kind: ChangeKind, };
