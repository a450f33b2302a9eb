//! Fuzz target `hcl`: see authwire::fuzzing::hcl.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        authwire::fuzzing::hcl(data);
    });
}
