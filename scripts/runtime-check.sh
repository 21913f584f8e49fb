#!/usr/bin/env bash
# The container's launch path without a container engine: builds the jlink runtime
# (scripts/jlink-runtime.sh), lays out the image's /opt/recgate under target/image, generates a
# small data set, runs `index-builder rebuild` and then `gateway serve` through
# docker/entrypoint.sh on the trimmed runtime, and waits for /health/ready to answer 200.
# Needs `mvn package` (or verify) first; run by .ci/run. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
source "$root/scripts/ready.sh"
version=0.1.0-SNAPSHOT
image="$root/target/image"
work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf 'runtime-check: [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

step "jlink runtime"
rm -rf "$image"
mkdir -p "$image/bin"
bash "$root/scripts/jlink-runtime.sh" "$image/runtime"
for module in gateway index-builder; do
  mkdir -p "$image/$module"
  cp "$root/$module/target/$module-$version.jar" "$image/$module/app.jar"
  cp -r "$root/$module/target/lib" "$image/$module/lib"
done
cp "$root/docker/entrypoint.sh" "$image/bin/entrypoint.sh"
"$image/runtime/bin/java" --list-modules | grep -q '^jdk.incubator.vector@' \
  || { echo "runtime-check: the runtime lacks jdk.incubator.vector" >&2; exit 1; }

step "generate a small data set (./recgate generate)"
RECGATE_NO_BUILD=1 "$root/recgate" generate --out "$work/data" --users 800 --items 300 --interactions 30000 --seed 11 >"$work/generate.log" 2>&1 \
  || { echo "runtime-check: generate failed:" >&2; tail -n 30 "$work/generate.log" >&2; exit 1; }

step "rebuild on the trimmed runtime (entrypoint.sh index-builder rebuild)"
# Exit 4 is a published bundle in retrieval order (the served gate refused the reranker): fine here.
rc=0
RECGATE_HOME="$image" RECGATE_JAVA_OPTS="-Xmx1g" "$image/bin/entrypoint.sh" index-builder rebuild \
  --format csv --data "$work/data/interactions.csv" --user-column user_id --item-column item_id \
  --rating-column rating --timestamp-column timestamp --item-features "$work/data/items.csv" \
  --item-title-column title --item-categories-column categories --split last:1 \
  --model implicit-als,ranking-fm --bundles "$work/bundles" --models "$work/models" >"$work/rebuild.log" 2>&1 \
  || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] \
  || { echo "runtime-check: rebuild failed (exit $rc):" >&2; tail -n 30 "$work/rebuild.log" >&2; exit 1; }

# The JDK's java (the source launcher needs jdk.compiler, which the trimmed runtime leaves out).
port="$(java "$root/scripts/FreePort.java")"
step "gateway on the trimmed runtime, port $port (entrypoint.sh gateway serve)"
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" RECGATE_HOME="$image" RECGATE_JAVA_OPTS="-Xmx512m" \
  RECGATE_HTTP_PORT="$port" RECGATE_HTTP_HOST=127.0.0.1 RECGATE_BUNDLES_DIR="$work/bundles" \
  RECGATE_STORE_DATA_DIR="$work/events" \
  "$image/bin/entrypoint.sh" gateway serve >"$work/gateway.log" 2>&1 &
pid=$!

ready=0
recgate_wait_ready "http://127.0.0.1:$port/health/ready" "$pid" 60 "$work/ready.json" && ready=1
exe="$(readlink -f "/proc/$pid/exe" 2>/dev/null || true)"
if [ "$ready" != 1 ]; then
  echo "runtime-check: /health/ready answered $READY_STATUS, not 200; gateway log:" >&2
  tail -n 40 "$work/gateway.log" >&2
  exit 1
fi
[ "$exe" = "$(readlink -f "$image/runtime/bin/java")" ] \
  || { echo "runtime-check: the gateway ran on $exe, not the trimmed runtime" >&2; exit 1; }
step "ready: $(tr -d '\n' <"$work/ready.json" | cut -c1-200)"
curl -sf -m 5 "http://127.0.0.1:$port/v1/users/1/recommendations?k=3" >/dev/null \
  || { echo "runtime-check: recommendations failed on the trimmed runtime" >&2; tail -n 20 "$work/gateway.log" >&2; exit 1; }
# SIGTERM as Kubernetes sends it: the shutdown hook drains (GatewayServer.drain) and the process
# exits (143 = 128 + SIGTERM: the JVM's status after running its shutdown hooks) within the drain
# bound (http.requestTimeout + 5 s).
kill -TERM "$pid"
code=0
wait "$pid" || code=$?
pid=""
if [ "$code" -ne 143 ] || ! grep -q 'draining:' "$work/gateway.log"; then
  echo "runtime-check: the gateway did not drain and exit on SIGTERM (exit $code); log:" >&2
  tail -n 20 "$work/gateway.log" >&2
  exit 1
fi
step "runtime check passed ($(du -sh "$image/runtime" | cut -f1) runtime)"
