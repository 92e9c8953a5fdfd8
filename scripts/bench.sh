#!/usr/bin/env bash
# The main job: build the benchmark and report tools, run a benchmark profile (default: quick,
# about 5 minutes on 2 cores, 8 at most), and write the self-contained HTML report of the run.
#
#   scripts/bench.sh                 # quick profile -> results/quick-<UTC time>/index.html
#   scripts/bench.sh ci|full|smoke   # another profile (full: ~80 minutes, for a quiet machine)
#
# With a committed baseline in reports/baseline/, the report also compares the run against it.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
source scripts/java25.sh || exit 2

profile="${1:-quick}"
out="results/${profile}-$(date -u +%Y%m%dT%H%M%SZ)"

./mvnw -B -ntp -q -pl jmh-benchmarks,reports -am -DskipTests package
java -jar jmh-benchmarks/target/benchmarks.jar --profile "$profile" --out "$out"

baseline=()
if [[ -f reports/baseline/results.json ]]; then
  baseline=(--baseline reports/baseline)
fi
java -jar reports/target/shm-reports.jar report "$out" "${baseline[@]}"
