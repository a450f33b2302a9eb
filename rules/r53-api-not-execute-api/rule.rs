use crate::finding::{Finding, Severity};
use crate::model::Model;
use crate::rules::{Meta, Rule};

pub struct R;
pub static RULE: R = R;
static META: Meta = Meta {
    id: "r53-api-not-execute-api",
    severity: Severity::Error,
    title: "TODO",
    docs: include_str!("README.md"),
};

impl Rule for R {
    fn meta(&self) -> &'static Meta {
        &META
    }
    fn check(&self, _m: &Model, _out: &mut Vec<Finding>) {}
}
