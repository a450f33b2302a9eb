use crate::rules::context::Cx;

rule!(
    Warning,
    "An inline suppression that silences nothing must be removed"
);

/// Suppression comments are read after every rule has run: `settings::suppress` reports this
/// rule's findings there. Here there is nothing to look at in the model.
fn check(_cx: &mut Cx) {}
