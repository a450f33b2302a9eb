//! Views of HTTP APIs (API Gateway v2): accessors, provider defaults, joins.

#[allow(unused_imports)]
use super::Model;
#[allow(unused_imports)]
use super::view::*;
