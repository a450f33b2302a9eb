#!/usr/bin/env bash
# Benchmark at scale (issue 13 §3): wall time and peak memory of `authwire lint` on
#  - ONE root module of about 100,000 resources (3,000 copies of the example stack) and of the
#    1,000-copy stack (34,000 resources),
#  - ONE plan of about 100,000 resources (10,000 copies, distinct ids; about 55 MB),
#  - runaway inputs the evaluation budget stops (a billion-element nested `for`, modules fanning
#    out ten times per level).
# Usage: bash benches/large.sh [COPIES] [PLAN_COPIES]. Not a test: numbers depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-3000}
PLAN=${2:-10000}
cargo build --release --quiet
BIN=$PWD/target/release/authwire
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
measure() { # label, then the lint arguments: "label: N resources, S s, RSS MiB, exit C"
  local label=$1
  shift
  local t0 t1 code rss res
  t0=$(date +%s%N)
  code=0
  /usr/bin/time -f "%M" -o "$W/rss" "$BIN" lint "$@" --format json >"$W/out.json" 2>/dev/null || code=$?
  t1=$(date +%s%N)
  rss=$(($(tail -1 "$W/rss") / 1024))
  res=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["resources"])' "$W/out.json")
  printf '%s: %s resources, %d.%02d s, %s MiB, exit %s\n' "$label" "$res" \
    $(((t1 - t0) / 1000000000)) $((((t1 - t0) / 10000000) % 100)) "$rss" "$code"
}
python3 benches/one_root.py 1000 "$W/one1000"
measure "one root, 1000 copies" "$W/one1000"
python3 benches/one_root.py "$COPIES" "$W/one"
measure "one root, $COPIES copies" "$W/one"
python3 benches/big_plan.py "$PLAN" "$W/plan.json"
measure "one plan, $PLAN copies ($(($(stat -c %s "$W/plan.json") / 1048576)) MiB)" "$W/plan.json"
mkdir -p "$W/nested"
printf 'locals {\n  x = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : c]]]\n}\n' >"$W/nested/main.tf"
measure "nested for (10^9 elements)" "$W/nested"
mkdir -p "$W/fan"
printf 'module "a" {\n  source = "./m1"\n  count  = 10\n}\n' >"$W/fan/main.tf"
for i in $(seq 1 9); do
  mkdir -p "$W/fan/m$i"
  printf 'module "a" {\n  source = "../m%d"\n  count  = 10\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "p"\n  type  = "String"\n  value = "v"\n}\n' $((i + 1)) >"$W/fan/m$i/main.tf"
done
mkdir -p "$W/fan/m10"
printf 'resource "aws_ssm_parameter" "p" {\n  name  = "p"\n  type  = "String"\n  value = "v"\n}\n' >"$W/fan/m10/main.tf"
measure "module fan-out (10^9 instances)" "$W/fan"
