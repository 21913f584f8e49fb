#!/usr/bin/env bash
# Gateway throughput and latency with wrk, beside a trivial route measured the same way in the
# same run. Starts a gateway on BUNDLES (embedded stores, port 18080), waits until ready, runs wrk,
# stops the gateway. Needs wrk (apt-get install wrk).
#   ./bench/gateway.sh BUNDLES [DURATION] [QUERY]
#   ./bench/gateway.sh /tmp/big/bundles 30s "k=10&candidates=100"
# Gateway configuration from the environment applies, e.g. RECGATE_STORE_RESPONSE_CACHE_MAX_ENTRIES=0
# to make every request compute its answer.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/ready.sh"
bundles="${1:?usage: bench/gateway.sh BUNDLES [DURATION] [QUERY]}"
duration="${2:-30s}"
query="${3:-k=10&candidates=100}"
port="${RECGATE_BENCH_PORT:-18080}"
command -v wrk >/dev/null || { echo "bench: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
users="$bundles/$(cat "$bundles/current")/user_ids.txt"
data="$(mktemp -d)"
log="$data/gateway.log"
"$root/recgate" serve --bundles "$bundles" --port "$port" --data-dir "$data" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
if ! recgate_wait_ready "http://127.0.0.1:$port/health/ready" "$pid" 120; then
  echo "bench: gateway not ready (/health/ready answered $READY_STATUS); its log:" >&2
  cat "$log" >&2
  exit 1
fi
echo "== warm-up (10 s)"
wrk -t2 -c64 -d10s -s "$root/bench/recommend.lua" "http://127.0.0.1:$port" -- "$users" "$query" >/dev/null
echo "== trivial route: GET /health/live (wrk -t2 -c64 -d$duration)"
wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port/health/live"
echo "== GET /v1/users/{random}/recommendations?$query (wrk -t2 -c64 -d$duration)"
wrk -t2 -c64 -d"$duration" --latency -s "$root/bench/recommend.lua" "http://127.0.0.1:$port" -- "$users" "$query"
echo "== server-side stage timings"
curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^recgate_recommend_((retrieval|rerank)_seconds_(sum|count)|cache_total)' || true
