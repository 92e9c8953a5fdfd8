#!/usr/bin/env bash
# The regression gate's experiment (issue 8): does `compare` stay quiet on unchanged code and
# flag a slower malloc every time? Runs the `ci` profile N times on the code as it is and N times
# with reports/gate-experiment/slow-malloc.patch applied (malloc first allocates and frees one
# more block in TENTHS of 10 calls), alternating the two so that machine drift hits both alike,
# and compares every run with the committed baseline. Needs a quiet machine: about 1 min 30 s a run.
#
#   scripts/gate-experiment.sh [N] [TENTHS]     # default: 10 runs each, TENTHS=3 (30 % slower)
#
# Writes results/gate-experiment-<UTC time>/{same,slow}-<i>/ (runs), verdict-{same,slow}-<i>.json
# and summary.txt: gate failures per series and each benchmark's median normalised ratio.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
source scripts/java25.sh || exit 2

runs="${1:-10}"
tenths="${2:-3}"
if [[ ! -f reports/baseline/results.json ]]; then
  echo "No baseline in reports/baseline: store one first (shm-reports.jar baseline RESULTS_DIR)." >&2
  exit 2
fi
out="results/gate-experiment-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

./mvnw -B -ntp -q -pl jmh-benchmarks,reports -am -DskipTests package
cp jmh-benchmarks/target/benchmarks.jar "$out/benchmarks-same.jar"

# The slowed build: the same commit with the patch, built in a throw-away worktree.
slow_tree="$(mktemp -d)/slow"
git worktree add --detach -q "$slow_tree" HEAD
trap 'git worktree remove --force "$slow_tree"' EXIT
git -C "$slow_tree" apply "$PWD/reports/gate-experiment/slow-malloc.patch"
(cd "$slow_tree" && ./mvnw -B -ntp -q -pl jmh-benchmarks -am -DskipTests package)
cp "$slow_tree/jmh-benchmarks/target/benchmarks.jar" "$out/benchmarks-slow.jar"

reports=reports/target/shm-reports.jar
for ((i = 1; i <= runs; i++)); do
  for series in same slow; do
    echo "=== run $i of $runs: $series ($(date -u +%H:%M:%S))"
    SHMALLOC_GATE_SLOW_TENTHS=$([[ $series == slow ]] && echo "$tenths" || echo 0) \
      java -jar "$out/benchmarks-$series.jar" --profile ci --out "$out/$series-$i" > "$out/$series-$i.log" 2>&1
    java -jar "$reports" compare reports/baseline "$out/$series-$i" --json "$out/verdict-$series-$i.json" \
      | tail -1 || true
  done
done

python3 - "$out" "$runs" "$tenths" > "$out/summary.txt" <<'EOF'
import json, statistics, sys
out, runs, tenths = sys.argv[1], int(sys.argv[2]), sys.argv[3]
print(f"gate experiment: {runs} unchanged runs and {runs} with {tenths}/10 extra malloc+free in malloc")
rows = {}
for series in ("same", "slow"):
    failed = 0
    for i in range(1, runs + 1):
        v = json.load(open(f"{out}/verdict-{series}-{i}.json"))
        failed += bool(v["failed"])
        for r in v["rows"]:
            key = r["benchmark"] + " " + " ".join(f"{k}={p}" for k, p in sorted(r["params"].items()))
            rows.setdefault(key, {"same": [], "slow": [], "flags": {"same": 0, "slow": 0}})
            if r["ratio"] is not None:
                rows[key][series].append(r["ratio"])
            rows[key]["flags"][series] += r["verdict"] == "REGRESSION"
    print(f"{series}: gate failed in {failed} of {runs} runs")
print()
print(f"{'benchmark':70} {'same: median ratio (min-max), flagged':40} slow: median ratio (min-max), flagged")
def cell(values, flags):
    if not values:
        return "-"
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f}), {flags}"
for key, row in sorted(rows.items()):
    print(f"{key[:70]:70} {cell(row['same'], row['flags']['same']):40} {cell(row['slow'], row['flags']['slow'])}")
EOF
cat "$out/summary.txt"
