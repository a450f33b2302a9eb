//! Override files (`override.tf`, `*_override.tf`, and their `.tf.json`/`.tofu` forms), merged
//! into the module's other files exactly as Terraform merges them: each override block replaces
//! the arguments it sets in the block of the same type and labels; nested blocks of a type it
//! sets replace all of the original's blocks of that type (a resource's `lifecycle` merges
//! argument by argument); `locals` merge value by value. An override with no base block is an
//! error, as in Terraform.

use crate::ast::{Block, Body};
use crate::diag::Diag;

/// True for the file names Terraform treats as override files.
pub fn is_override(name: &str) -> bool {
    let stem = ["tf.json", "tofu.json", "tf", "tofu"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")));
    matches!(stem, Some(s) if s == "override" || s.ends_with("_override"))
}

fn provider_key(b: &Block) -> Option<String> {
    b.body.attr("alias").map(|a| match &a.expr {
        crate::ast::Expr::Str(s, _) => s.clone(),
        _ => String::new(),
    })
}

fn same_block(a: &Block, b: &Block) -> bool {
    a.kind == b.kind
        && a.labels == b.labels
        && (a.kind != "provider" || provider_key(a) == provider_key(b))
}

/// Merges override bodies (in file-name order) into the primary bodies of one module.
pub fn apply(primary: &mut [Body], overrides: Vec<Body>, errors: &mut Vec<Diag>) {
    for ov in overrides {
        for ob in ov.blocks {
            match ob.kind.as_str() {
                "locals" => {
                    for a in ob.body.attrs {
                        let target = primary.iter_mut().find_map(|b| {
                            b.blocks
                                .iter_mut()
                                .filter(|x| x.kind == "locals")
                                .find_map(|x| x.body.attrs.iter_mut().find(|y| y.name == a.name))
                        });
                        match target {
                            Some(t) => *t = a,
                            None => errors.push(Diag::at(
                                format!(
                                    "Missing base local value definition to override: there is no local value \"{}\" in the module's other files",
                                    a.name
                                ),
                                a.span,
                            )),
                        }
                    }
                }
                // the terraform block (backends, required versions) does not matter here
                "terraform" => {}
                _ => {
                    let target = primary
                        .iter_mut()
                        .find_map(|b| b.blocks.iter_mut().find(|x| same_block(x, &ob)));
                    match target {
                        Some(t) => merge_block(t, ob),
                        None => errors.push(Diag::at(
                            format!(
                                "Missing base {} block for override: there is no {} {} block in the module's other files",
                                ob.kind,
                                ob.kind,
                                ob.labels
                                    .iter()
                                    .map(|l| format!("\"{l}\""))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            ),
                            ob.span,
                        )),
                    }
                }
            }
        }
    }
}

fn merge_block(orig: &mut Block, ov: Block) {
    let is_resource = matches!(orig.kind.as_str(), "resource" | "data");
    for a in ov.body.attrs {
        match orig.body.attrs.iter_mut().find(|x| x.name == a.name) {
            Some(x) => *x = a,
            None => orig.body.attrs.push(a),
        }
    }
    let mut replaced: Vec<String> = Vec::new();
    for nb in ov.body.blocks {
        if is_resource && nb.kind == "lifecycle" {
            match orig.body.blocks.iter_mut().find(|x| x.kind == "lifecycle") {
                Some(l) => {
                    for a in nb.body.attrs {
                        match l.body.attrs.iter_mut().find(|x| x.name == a.name) {
                            Some(x) => *x = a,
                            None => l.body.attrs.push(a),
                        }
                    }
                    l.body.blocks.extend(nb.body.blocks);
                }
                None => orig.body.blocks.push(nb),
            }
            continue;
        }
        // a nested block type the override sets replaces every original block of that type
        let key = block_type(&nb);
        if !replaced.contains(&key) {
            orig.body.blocks.retain(|x| block_type(x) != key);
            replaced.push(key);
        }
        orig.body.blocks.push(nb);
    }
}

/// The nested block type a block makes (`dynamic "x"` makes blocks of type x).
fn block_type(b: &Block) -> String {
    if b.kind == "dynamic" {
        b.labels.first().cloned().unwrap_or_default()
    } else {
        b.kind.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::is_override;

    #[test]
    fn override_file_names() {
        assert!(is_override("override.tf"));
        assert!(is_override("dev_override.tf.json"));
        assert!(is_override("x_override.tofu"));
        assert!(!is_override("overrides.tf"));
        assert!(!is_override("main.tf"));
    }
}
