use crate::rules::context::Cx;

rule!(Error, "An inline suppression must give a reason after `--`");

/// Suppression comments are read after every rule has run: `settings::suppress` reports this
/// rule's findings there. Here there is nothing to look at in the model.
fn check(_cx: &mut Cx) {}
