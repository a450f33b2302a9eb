//! Views of ACM certificates and their validation: accessors, provider defaults, joins.

#[allow(unused_imports)]
use super::Model;
#[allow(unused_imports)]
use super::view::*;
