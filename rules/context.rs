//! The rule context: what a rule receives besides the model. It owns emission: a rule reports a
//! finding at an attribute (`report`), or turns a value it cannot decide into a "cannot verify"
//! note (`cannot_verify`) in one call, so an unknown value is never silence.

use super::Meta;
use super::support::{FindingBuilder, finding, origins_text, place};
use crate::finding::Finding;
use crate::model::Model;
use crate::model::view::Got;
use crate::value::Val;

pub struct Cx<'m> {
    pub m: &'m Model,
    meta: &'static Meta,
    out: &'m mut Vec<Finding>,
}

impl<'m> Cx<'m> {
    pub fn new(m: &'m Model, meta: &'static Meta, out: &'m mut Vec<Finding>) -> Cx<'m> {
        Cx { m, meta, out }
    }
    pub fn meta(&self) -> &'static Meta {
        self.meta
    }
    /// A finding of this rule at an attribute of a resource (the attribute when written, with
    /// `elem` the list element when it is the element that is wrong). Finish it with `emit`.
    pub fn report<T>(
        &self,
        at: &Got<'_, T>,
        elem: Option<&Val>,
        message: impl Into<String>,
    ) -> Report {
        Report {
            b: finding(self.meta, at.res, message).place(place(at.res, at.attr, elem)),
        }
    }
    /// A finding of this rule on a resource as a whole (its block).
    pub fn report_on(&self, res: &crate::model::Resource, message: impl Into<String>) -> Report {
        Report {
            b: finding(self.meta, res, message),
        }
    }
    /// A finding of this rule about something that is not a resource instance (a module call):
    /// its address and where it is written.
    pub fn report_at(
        &self,
        address: &str,
        at: crate::source::Span,
        message: impl Into<String>,
    ) -> Report {
        Report {
            b: FindingBuilder::new(self.meta, address, Some(at), message.into()),
        }
    }
    /// "Cannot verify": a note at the attribute, naming why its value is not known here.
    pub fn cannot_verify<T>(&mut self, at: &Got<'_, T>, what: impl std::fmt::Display, help: &str) {
        let why = origins_text(&at.origins());
        let b = finding(self.meta, at.res, format!("cannot verify {what}: {why}"))
            .place(place(at.res, at.attr, at.val()))
            .help(help)
            .note();
        b.push(self.out);
    }
    fn push(&mut self, b: FindingBuilder) {
        b.push(self.out);
    }
    /// A finding a shared checker of this rule already made (`support::check_defined`).
    pub fn emit_made(&mut self, f: Finding) {
        debug_assert_eq!(f.rule, self.meta.id);
        self.out.push(f);
    }
}

/// A finding being built (`help`, `related`, `note`, `severity`), emitted with `emit`.
pub struct Report {
    b: FindingBuilder,
}

impl Report {
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.b = self.b.help(h);
        self
    }
    pub fn related(mut self, r: crate::finding::Related) -> Self {
        self.b = self.b.related(r);
        self
    }
    pub fn note(mut self) -> Self {
        self.b = self.b.note();
        self
    }
    pub fn severity(mut self, s: crate::finding::Severity) -> Self {
        self.b = self.b.severity(s);
        self
    }
    pub fn at(mut self, loc: Option<crate::source::Span>) -> Self {
        self.b = self.b.at(loc);
        self
    }
    pub fn emit(self, cx: &mut Cx) {
        cx.push(self.b);
    }
}
