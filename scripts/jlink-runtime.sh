#!/usr/bin/env bash
# Builds the trimmed Java runtime the container image ships: the modules jdeps reports for the
# gateway and index-builder jars and their lib/, plus jdk.incubator.vector (loaded with
# --add-modules, so jdeps cannot see it) and jdk.crypto.ec (TLS to managed Redis/PostgreSQL
# negotiates EC keys; nothing references it statically).
#   scripts/jlink-runtime.sh [OUT_DIR]     default target/runtime; needs `mvn package` first
# Used by the Dockerfile's jlink stage and by .ci/run, so both run the same module list.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
out="${1:-$root/target/runtime}"
version=0.1.0-SNAPSHOT
jars=()
for module in gateway index-builder; do
  jar="$root/$module/target/$module-$version.jar"
  [ -f "$jar" ] && [ -d "$root/$module/target/lib" ] || { echo "jlink-runtime: $jar or its lib/ is missing; run mvn package first" >&2; exit 1; }
  jars+=("$jar")
done
feature="$(recgate_java_feature "$JAVA_HOME")"
deps="$(jdeps --ignore-missing-deps --multi-release "$feature" --print-module-deps \
  --class-path "$root/gateway/target/lib/*:$root/index-builder/target/lib/*" "${jars[@]}")"
modules="$deps"
for extra in jdk.incubator.vector jdk.crypto.ec; do
  case ",$modules," in *",$extra,"*) ;; *) modules="$modules,$extra" ;; esac
done
echo "jlink-runtime: $modules" >&2
rm -rf "$out"
mkdir -p "$(dirname "$out")"
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$out" 2>&1 \
  | grep -v 'Using incubator modules' >&2 || true
[ -x "$out/bin/java" ] || { echo "jlink-runtime: jlink produced no $out/bin/java" >&2; exit 1; }
echo "jlink-runtime: $out ($(du -sh "$out" | cut -f1))" >&2
