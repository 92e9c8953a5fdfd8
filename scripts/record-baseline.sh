#!/usr/bin/env bash
# Records the regression gate's baseline: runs the `ci` benchmark profile RUNS times (default 3,
# about 1.5 minutes each on 2 cores; run it on a quiet machine) and stores the most typical run
# (the one closest to the per-benchmark medians) in reports/baseline/. Commit that folder after,
# saying why performance changed. Builds the jars first.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
source scripts/java25.sh || exit 2

runs="${1:-3}"
./mvnw -B -ntp -q -pl jmh-benchmarks,reports -am -DskipTests package
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dirs=()
for i in $(seq 1 "$runs"); do
  out="results/baseline-${stamp}-${i}"
  java -jar jmh-benchmarks/target/benchmarks.jar --profile ci --out "$out"
  dirs+=("$out")
done
java -jar reports/target/shm-reports.jar baseline "${dirs[@]}"
