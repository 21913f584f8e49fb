#!/usr/bin/env bash
# Builds the JMH benchmarks if needed and runs the kernel benchmarks; arguments go to JMH.
#   ./bench/kernels.sh                              all kernel benchmarks, default settings
#   ./bench/kernels.sh -f 1 -wi 2 -i 3 -rf json -rff out.json
#   ./bench/kernels.sh 'DotBenchmark.dot.*' -p dims=64
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/vector-kernels/src" "$root/benchmarks/src" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  echo "bench: building benchmarks.jar" >&2
  (cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests)
fi
# The kernel benchmarks, unless the first argument is a benchmark pattern of the caller's.
pattern='io.recgate.bench.(Dot|Scan|Fm|Select)Benchmark'
case "${1:-}" in -*|"") ;; *) pattern="" ;; esac
# JMH forks inherit these JVM flags, so every fork sees the Vector API module.
exec java --add-modules=jdk.incubator.vector -jar "$jar" $pattern "$@"
