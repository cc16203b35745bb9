// Generated from the Rust types in crates/drydock-api by its `bindings` test; do not edit.

export type ApiError = { 
/**
 * One of the `code` constants below.
 */
code: string, message: string, };
