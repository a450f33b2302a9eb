//! Fuzz target `plan`: see authwire::fuzzing::plan.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        authwire::fuzzing::plan(data);
    });
}
