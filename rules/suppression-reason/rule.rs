use crate::finding::Finding;
use crate::model::Model;

rule!(Error, "An inline suppression must give a reason after `--`");

/// Suppression comments are read after every rule has run: `settings::suppress` reports this
/// rule's findings there. Here there is nothing to look at in the model.
fn check(_m: &Model, _out: &mut Vec<Finding>) {}
