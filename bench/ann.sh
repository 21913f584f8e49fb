#!/usr/bin/env bash
# Native HNSW vs hnswlib-core: build seconds (1 and 2 threads) and single-thread QPS / recall@10
# over an ef sweep on seeded taste-shaped data (core's test class io.recgate.core.ann.AnnBenchmark).
#   ./bench/ann.sh                                  200,000 x 64 items, 1,000 queries
#   ./bench/ann.sh --items 1000000                  the 1M figures (needs ~10 GB heap: -Xmx via ANN_HEAP)
#   ./bench/ann.sh --kinds native --threads 2 --ef 20,30,40
# Options: --items --dims --queries --threads --ef --kinds --m --efc --repeats --builds --mapped (see the class).
# Environment: ANN_HEAP (default 6g), ANN_JAVA_OPTS (extra JVM options, e.g. -XX:+UseTransparentHugePages).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
classes="$root/core/target/test-classes/io/recgate/core/ann/AnnBenchmark.class"
cpfile="$root/core/target/ann-bench-classpath.txt"
if [ ! -f "$classes" ] || [ ! -f "$cpfile" ] \
    || [ -n "$(find "$root/vector-kernels/src" "$root/core/src" "$root/pom.xml" -newer "$classes" -print -quit)" ]; then
  echo "bench: compiling core and its test classes" >&2
  (cd "$root" && mvn -B -q -o -pl core -am test-compile -DskipTests \
     && mvn -B -q -o -pl core dependency:build-classpath -Dmdep.outputFile="$cpfile") >&2
fi
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --*=*) args+=("${1#--}"); shift ;;
    --*) args+=("${1#--}=$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
cp="$root/core/target/test-classes:$root/core/target/classes:$root/vector-kernels/target/classes:$(cat "$cpfile")"
# shellcheck disable=SC2086 # ANN_JAVA_OPTS is a list of words by design
exec java --add-modules=jdk.incubator.vector -Xmx"${ANN_HEAP:-6g}" -XX:+UseParallelGC ${ANN_JAVA_OPTS:-} -cp "$cp" \
  io.recgate.core.ann.AnnBenchmark "${args[@]}"
