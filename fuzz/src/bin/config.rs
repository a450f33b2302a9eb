//! Fuzz target `config`: see authwire::fuzzing::config.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        authwire::fuzzing::config(data);
    });
}
