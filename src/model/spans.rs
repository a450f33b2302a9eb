//! The span table of a resource: attribute path (`authorization_scopes`, `alias.0.name`,
//! `scope.1`) → where it is written. Both front ends fill it through these functions — the HCL
//! evaluator as it evaluates a body (dynamic blocks included), the plan reader from the
//! configuration a plan was made from — so a path means the same place whichever made the model.

use crate::source::Span;
use std::collections::BTreeMap;

pub type SpanTable = BTreeMap<String, Span>;

/// The path of an attribute or nested block type under `prefix` (`""`, `alias.0.`).
pub fn path(prefix: &str, name: &str) -> String {
    format!("{prefix}{name}")
}

/// The prefix of the attributes inside the `index`-th block of a type.
pub fn block_prefix(prefix: &str, kind: &str, index: usize) -> String {
    format!("{prefix}{kind}.{index}.")
}

/// An attribute `name = value`.
pub fn attribute(t: &mut SpanTable, prefix: &str, name: &str, at: Span) {
    t.insert(path(prefix, name), at);
}

/// The `index`-th block of a type (also the type's first place, for findings about the type).
pub fn block(t: &mut SpanTable, prefix: &str, kind: &str, index: usize, at: Span) {
    t.insert(format!("{prefix}{kind}.{index}"), at);
    t.entry(path(prefix, kind)).or_insert(at);
}

/// A block type whose blocks are not known one by one (a dynamic block with an unknown
/// for_each, or any dynamic block in a plan's configuration).
pub fn block_type(t: &mut SpanTable, prefix: &str, kind: &str, at: Span) {
    t.entry(path(prefix, kind)).or_insert(at);
}

/// The static span table of a body, as the configuration writes it (plans: the evaluator fills
/// dynamic blocks one by one instead).
pub fn of_body(t: &mut SpanTable, body: &crate::ast::Body, prefix: &str) {
    for a in &body.attrs {
        attribute(t, prefix, &a.name, a.span);
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &body.blocks {
        if b.kind == "dynamic" {
            if let Some(l) = b.labels.first() {
                block_type(t, prefix, l, b.span);
            }
            continue;
        }
        let i = counts.entry(b.kind.as_str()).or_default();
        block(t, prefix, &b.kind, *i, b.span);
        of_body(t, &b.body, &block_prefix(prefix, &b.kind, *i));
        *i += 1;
    }
}
