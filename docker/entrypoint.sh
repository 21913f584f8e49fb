#!/bin/sh
# Container entry point (also run by .ci/run on the jlink runtime, outside a container):
#   entrypoint.sh gateway ARGS...          the gateway (GatewayCli: `serve --port ...`)
#   entrypoint.sh index-builder ARGS...    the index-builder CLI (`rebuild --config FILE`, ...)
# Layout under RECGATE_HOME (default /opt/recgate): runtime/ (jlink), gateway/ and index-builder/
# (each the module jar as app.jar beside its lib/). RECGATE_JAVA_OPTS is appended last, so it wins.
set -eu
home="${RECGATE_HOME:-/opt/recgate}"
java="$home/runtime/bin/java"
# Heap from the container's memory limit, not a fixed -Xmx; a JVM that ran out of memory exits
# (the pod restarts) instead of limping on. Vert.x caches files under the working directory by
# default, which is read-only in the pod.
common="--add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=${TMPDIR:-/tmp}"
case "${1:-}" in
  gateway)
    shift
    # shellcheck disable=SC2086 # option lists are word lists by design
    exec "$java" $common -XX:+UseZGC -Dvertx.cacheDirBase="${TMPDIR:-/tmp}/vertx-cache" \
      ${RECGATE_JAVA_OPTS:-} -jar "$home/gateway/app.jar" "$@"
    ;;
  index-builder)
    shift
    # shellcheck disable=SC2086
    exec "$java" $common -XX:+UseParallelGC ${RECGATE_JAVA_OPTS:-} -jar "$home/index-builder/app.jar" "$@"
    ;;
  *)
    echo "usage: entrypoint.sh gateway|index-builder ARGS..." >&2
    exit 2
    ;;
esac
