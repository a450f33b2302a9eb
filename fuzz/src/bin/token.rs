//! Fuzz target `token`: see authwire::fuzzing::token.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        authwire::fuzzing::token(data);
    });
}
