//! Views of Cognito user pools, clients, resource servers and domains: accessors, provider defaults, joins.

#[allow(unused_imports)]
use super::Model;
#[allow(unused_imports)]
use super::view::*;
