#!/usr/bin/env bash
# Runs one Gatling simulation of the loadtest module against a running gateway and prints where its
# HTML report landed. Every -Dname=value after the simulation is passed on (see LoadParams: gateway.url,
# rate, duration, p99.ms, max.error.pct, admin.token, bundle.dir, k, candidates, ...). Exits non-zero
# when the simulation's assertions fail (p99 or failed-request budget missed).
#   bench/gatling.sh SIMULATION [-Dname=value ...]
#   bench/gatling.sh RecommendSteady -Dgateway.url=http://localhost:8080 -Dadmin.token=... -Drate=500 -Dduration=60s
# SIMULATION: RecommendSteady, RecommendRamp, MixedTraffic, SwapUnderLoad (or a full class name).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
simulation="${1:?usage: bench/gatling.sh SIMULATION [-Dname=value ...] (RecommendSteady, RecommendRamp, MixedTraffic, SwapUnderLoad)}"
shift
case "$simulation" in
  *.*) ;;
  *) simulation="io.recgate.loadtest.$simulation" ;;
esac
for arg in "$@"; do
  case "$arg" in
    -D*=*) ;;
    *) echo "bench/gatling.sh: '$arg' is not -Dname=value" >&2; exit 2 ;;
  esac
done
results="$root/loadtest/target/gatling"
mkdir -p "$results"
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT
code=0
(cd "$root" && mvn -B -pl loadtest gatling:test -Dgatling.simulationClass="$simulation" "$@") || code=$?
report="$(find "$results" -mindepth 1 -maxdepth 1 -type d -newer "$marker" | sort | tail -n 1)"
if [ -n "$report" ] && [ -f "$report/index.html" ]; then
  bash "$root/bench/gatling-summary.sh" "$report"
  echo "gatling: report $report/index.html"
fi
exit "$code"
