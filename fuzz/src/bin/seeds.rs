//! Writes the seed corpora of every target, from the repository's test data, into
//! `fuzz/corpus/<target>/` (or the directory given as the first argument).
use std::path::PathBuf;

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("fuzz/corpus"));
    let mut n = std::collections::BTreeMap::new();
    for (target, name, bytes) in authwire::fuzzing::seeds(&repo) {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).expect("create the corpus directory");
        std::fs::write(dir.join(name), bytes).expect("write a seed");
        *n.entry(target).or_insert(0) += 1;
    }
    for (target, count) in n {
        println!("{target}: {count} seeds in {}", out.join(target).display());
    }
}
