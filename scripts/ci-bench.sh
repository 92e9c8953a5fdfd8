#!/usr/bin/env bash
# The regression gate: runs every benchmark once (the `smoke` profile), then the `ci` benchmark
# profile (~2-3 minutes on 2 cores), writes its HTML report against the committed baseline, and
# fails (exit 1) when a smoke run fails or `compare` flags a regression.
# Expects the jars that `./mvnw verify` builds (jmh-benchmarks/target/benchmarks.jar,
# reports/target/shm-reports.jar). Gate rules and thresholds: reports/README.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
source scripts/java25.sh || exit 2

# Every benchmark once (the `smoke` profile, ~15 s): fails on any benchmark whose setup, threads or
# teardown fail, including those the gate leaves out (cross-thread, churn, NBBS, latency, tune).
java -jar jmh-benchmarks/target/benchmarks.jar --profile smoke --out "results/smoke-$(date -u +%Y%m%dT%H%M%SZ)"

out="results/ci-$(date -u +%Y%m%dT%H%M%SZ)"
java -jar jmh-benchmarks/target/benchmarks.jar --profile ci --out "$out"
java -jar reports/target/shm-reports.jar report "$out" --baseline reports/baseline
java -jar reports/target/shm-reports.jar compare reports/baseline "$out"
