//! A short smoke run of the fuzz targets (`src/fuzzing.rs`, run by AFL++ from `fuzz/`): every
//! target over a sample of its seed corpus and deterministic mutations of it, so the targets
//! keep building and running. Any panic or exit code outside 0..=2 fails the test.

use crate::fuzzing;

/// A small deterministic generator (xorshift64*), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Fragments that reach the parsers' and evaluator's corners.
const DICT: [&[u8]; 16] = [
    b"${",
    b"%{ for x in y }",
    b"\"",
    b"{",
    b"]",
    b"\0",
    b"\xff\xfe",
    b"count = -1\n",
    b"count = \"3\"\n",
    b"[for x in range(1000) : x]",
    b"9223372036854775807",
    b"1e400",
    b"\x1b[31m",
    b"<<EOT\n",
    b"null",
    b"\"exp\": 1e308",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(64)).min(v.len());
                let chunk = v[at..end].to_vec();
                v.splice(at..at, chunk);
            }
            3 => {
                let w = DICT[rng.below(DICT.len())];
                v.splice(at..at, w.iter().copied());
            }
            _ => v.truncate(at),
        }
    }
    v
}

#[test]
fn fuzz_targets_survive_seeds_and_mutations() {
    let seeds = fuzzing::seeds(&super::root());
    let mut rng = Rng(0x5eed_a17e_0f0f_1234);
    for target in fuzzing::TARGETS {
        let mine: Vec<&Vec<u8>> = seeds
            .iter()
            .filter(|(t, _, _)| *t == target)
            .map(|(_, _, b)| b)
            .collect();
        assert!(!mine.is_empty(), "no seeds for fuzz target {target}");
        // an even sample of the seeds, then mutations of random seeds
        let step = mine.len().div_ceil(6);
        for s in mine.iter().step_by(step) {
            assert!(fuzzing::run_target(target, s));
        }
        for _ in 0..12 {
            let s = mine[rng.below(mine.len())];
            let m = mutate(&mut rng, s);
            assert!(fuzzing::run_target(target, &m));
        }
    }
    assert!(!fuzzing::run_target("nope", b""));
}

/// Every input the fuzzers found a defect with (`testdata/fuzz/<target>/`) stays fixed.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = super::root().join("testdata/fuzz");
    let mut n = 0;
    for target in fuzzing::TARGETS {
        let Ok(rd) = std::fs::read_dir(dir.join(target)) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            assert!(fuzzing::run_target(target, &data), "{}", f.display());
            n += 1;
        }
    }
    assert!(n > 0, "no fuzz regressions found under {}", dir.display());
}
