#!/usr/bin/env bash
# Benchmark: median wall time of `authwire lint` on the bundled example and on a generated tree of
# N copies of it (each copy its own root module). Usage: bash benches/lint.sh [N] [RUNS]
# Not a test: numbers depend on the machine. Design §8 targets (2 cores): example ≤ 10 ms,
# 28k resources in 1,000 files ≤ 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
RUNS=${2:-7}
cargo build --release --quiet
BIN=target/release/authwire
TREE=$(mktemp -d)
trap 'rm -rf "$TREE"' EXIT
for i in $(seq 1 "$N"); do
  mkdir -p "$TREE/stack$i"
  cp testdata/example/*.tf "$TREE/stack$i/"
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_ms() {
  local s e
  s=$(date +%s%N)
  "$BIN" lint "$@" --format json >/dev/null 2>&1 || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
ex=$(for _ in $(seq "$RUNS"); do time_ms testdata/example; done | median)
files=$(find "$TREE" -name '*.tf' | wc -l)
res=$( { "$BIN" lint "$TREE" --format json || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["resources"])')
big=$(for _ in $(seq "$RUNS"); do time_ms "$TREE"; done | median)
rss=$( { /usr/bin/time -f "%M" "$BIN" lint "$TREE" --format json >/dev/null || true; } 2>&1 | tail -1)
size=$(du -sk "$TREE" | cut -f1)
echo "example: median ${ex} ms over ${RUNS} runs"
echo "tree: ${N} copies, ${files} files, ${res} resources, ${size} KiB: median ${big} ms over ${RUNS} runs, max RSS ${rss} KiB"

# ONE root module holding N copies of the example stack (resources renamed per copy): the shape
# that shows evaluation or rule joins growing faster than linearly.
ONE=$(mktemp -d)
trap 'rm -rf "$TREE" "$ONE"' EXIT
python3 benches/one_root.py "$N" "$ONE"
one=$(for _ in $(seq "$RUNS"); do time_ms "$ONE"; done | median)
python3 benches/one_root.py "$((2 * N))" "$ONE.2"
two=$(for _ in $(seq 3); do time_ms "$ONE.2"; done | median)
rm -rf "$ONE.2"
echo "one root: ${N} copies median ${one} ms; $((2 * N)) copies median ${two} ms"
