#!/usr/bin/env bash
# Fuzz one target with AFL++ for a while: fuzz/run.sh TARGET SECONDS [WORKDIR]
# Needs cargo-afl (`cargo install cargo-afl`). Findings land in WORKDIR/out/TARGET/default/
# {crashes,hangs}; replay one with `target/release/TARGET < FILE`.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target: hcl, plan, config or token}
secs=${2:-1800}
work=${3:-$PWD/work}
cargo afl build --release
if [ ! -d "$work/corpus/$target" ]; then
    ./target/release/seeds "$work/corpus"
fi
mkdir -p "$work/out"
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
# -t: an input that runs every report format for over 5 s is a hang (issue 13: seconds);
# -m: over 4 GiB is a crash (bounded memory)
cargo afl fuzz -i "$work/corpus/$target" -o "$work/out/$target" -V "$secs" -t 5000 -m 4096 \
    "./target/release/$target"
