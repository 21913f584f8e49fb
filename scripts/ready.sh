# Sourced by the scripts that start a gateway and wait for it (demo, runtime check, load-test
# smoke, screenshots, the wrk benchmark), so that the readiness poll is written once.

# recgate_wait_ready URL PID SECONDS [BODY_FILE]: polls URL (normally .../health/ready) every
# 0.5 s until it answers 200, the process PID exits, or SECONDS pass. Returns 0 when ready, 1
# otherwise; READY_STATUS holds the last HTTP status (000 when nothing answered) and BODY_FILE,
# when given, the last body.
recgate_wait_ready() {
  local url=$1 pid=$2 deadline=$((SECONDS + $3)) body=${4:-/dev/null}
  READY_STATUS=000
  while :; do
    READY_STATUS="$(curl -s -o "$body" -m 2 -w '%{http_code}' "$url" 2>/dev/null || true)"
    [ "$READY_STATUS" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}
