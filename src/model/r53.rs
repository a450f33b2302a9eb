//! Views of Route 53 records and zones: accessors, provider defaults, joins.

#[allow(unused_imports)]
use super::Model;
#[allow(unused_imports)]
use super::view::*;
