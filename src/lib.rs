//! authwire: proves that an AWS auth setup written in Terraform (API Gateway + Cognito + ACM +
//! Route 53) is wired consistently, before `terraform apply`.

pub mod ast;
pub mod cli;
pub mod computed;
pub mod dates;
pub mod diag;
pub mod eval;
pub mod evalcmd;
pub mod finding;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod lint;
pub mod load;
pub mod model;
pub mod openapi;
pub mod plan;
pub mod report;
pub mod settings;
pub mod source;
pub mod token;
pub mod value;

#[path = "../rules/mod.rs"]
pub mod rules;

#[cfg(test)]
mod tests;
