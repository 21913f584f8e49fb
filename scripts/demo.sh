# Sourced by ./recgate for `./recgate demo`: build, data, rebuild (train + gates + index + publish),
# then the gateway in the foreground until Ctrl-C. Uses ensure_built, run_index_builder,
# gateway_java_args and module_jar from the launcher.
source "$root/scripts/ready.sh"

demo_usage() {
  cat <<'EOF'
Usage: ./recgate demo [--port N] [--dir DIR] [--movielens DIR] [--users N --items N --interactions N]
                      [--retrain]

Builds what it needs, makes a data set, trains implicit ALS + FM, builds the HNSW indexes,
publishes a bundle into DIR/bundles and starts the gateway on it with the embedded stores (events
in DIR/events), waits until it is live and the bundle loaded, then prints the URLs to try.
Ctrl-C stops the server. A second run with the same data, parameters and index-builder jars
serves the bundle it published before (once `verify` passes) instead of training again.

  --port N            HTTP port (default 8080); a busy port stops the demo before any work
  --dir DIR           working directory (default ./demo-data): data/, models/, bundles/, events/
  --movielens DIR     use MovieLens 100K in DIR (u.data, u1.base, u1.test, u.item, u.user) instead
                      of synthetic data
  --users N           synthetic users (default 10000)
  --items N           synthetic items (default 5000)
  --interactions N    synthetic interaction rows (default 300000)
  --retrain           generate and train again even when the last bundle was built from the
                      same inputs
  -h, --help          this text
EOF
}

demo_step() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
demo_fail() { echo "recgate demo: $*" >&2; exit 2; }

# True if something accepts connections on localhost:$1.
demo_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# HTTP status of a GET, or 000 when nothing answers.
demo_http_status() { curl -s -o /dev/null -m 2 -w '%{http_code}' "$1" 2>/dev/null || true; }

demo_main() {
  local port=8080 dir="$root/demo-data" movielens="" users=10000 items=5000 interactions=300000 retrain=false
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port="${2:?--port needs a value}"; shift 2 ;;
      --dir) dir="${2:?--dir needs a value}"; shift 2 ;;
      --movielens) movielens="${2:?--movielens needs a directory}"; shift 2 ;;
      --users) users="${2:?--users needs a value}"; shift 2 ;;
      --items) items="${2:?--items needs a value}"; shift 2 ;;
      --interactions) interactions="${2:?--interactions needs a value}"; shift 2 ;;
      --retrain) retrain=true; shift ;;
      -h|--help) demo_usage; return 0 ;;
      *) demo_usage >&2; demo_fail "unknown option '$1'" ;;
    esac
  done
  local n
  for n in "$port" "$users" "$items" "$interactions"; do
    [[ "$n" =~ ^[0-9]+$ ]] || demo_fail "'$n' is not a whole number"
  done
  [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || demo_fail "port $port is outside 1..65535"
  command -v curl >/dev/null || demo_fail "curl is needed to wait for the gateway; install it"
  # Checked first so a busy port costs seconds, not a whole training run.
  if demo_port_busy "$port"; then
    demo_fail "port $port is already in use (another gateway or demo?); stop it or pass --port N"
  fi
  if [ -n "$movielens" ]; then
    for n in u.data u1.base u1.test u.item u.user; do
      [ -f "$movielens/$n" ] || demo_fail "--movielens $movielens: $n not found (expected MovieLens 100K)"
    done
  fi
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"

  demo_step "1/4 build (skipped when the jars are up to date)"
  ensure_built index-builder gateway

  local data=() generate=()
  if [ -n "$movielens" ]; then
    data=(--format movielens-100k --data "$movielens" --test-split u1)
  else
    generate=(--users "$users" --items "$items" --interactions "$interactions")
    data=(--format csv --data "$dir/data/interactions.csv" --user-column user_id --item-column item_id
      --rating-column rating --timestamp-column timestamp --user-features "$dir/data/users.csv"
      --item-features "$dir/data/items.csv" --item-title-column title --item-categories-column categories
      --split last:1)
  fi
  local rebuild=(rebuild "${data[@]}" --model implicit-als,ranking-fm --bundles "$dir/bundles" --models "$dir/models")
  local inputs record="$dir/demo-inputs.txt" rc=0
  inputs="$(demo_inputs "$movielens" "${generate[*]}" "${rebuild[*]}")"

  if ! $retrain && demo_reusable "$record" "$inputs" "$dir/bundles"; then
    rc="$(sed -n 's/^rebuild-exit //p' "$record")"
  else
    # Removed first: a run stopped half-way must not leave a record that matches a partial bundle.
    rm -f "$record"
    if [ -n "$movielens" ]; then
      demo_step "2/4 data: MovieLens 100K from $movielens (u1 split)"
    else
      demo_step "2/4 data: synthetic, $users users x $items items, $interactions interactions -> $dir/data"
      # Only a data set this demo generated (it has generator.json) is replaced, never other files.
      if [ -e "$dir/data" ] && [ ! -f "$dir/data/generator.json" ]; then
        demo_fail "$dir/data exists and is not a generated data set; pass another --dir"
      fi
      rm -rf "$dir/data"
      run_index_builder generate --out "$dir/data" "${generate[@]}"
    fi

    demo_step "3/4 rebuild: train implicit-als + ranking-fm, evaluate the served pipeline, gates, HNSW indexes, publish -> $dir/bundles"
    run_index_builder "${rebuild[@]}" || rc=$?
    case $rc in
      0|4) printf 'bundle %s\nrebuild-exit %s\n%s\n' "$(tr -d '[:space:]' <"$dir/bundles/current")" "$rc" "$inputs" >"$record" ;;
      *) demo_fail "rebuild failed (exit $rc); see its message above" ;;
    esac
  fi
  # Exit 4: published, but in retrieval order, because the reranker did not beat retrieval alone.
  if [ "$rc" = 4 ]; then
    echo "recgate demo: the ranking FM did not improve on retrieval alone here; serving retrieval order" >&2
  fi
  local live
  live="$(tr -d '[:space:]' <"$dir/bundles/current")"

  demo_step "4/4 serve: gateway on port $port, bundle $live, embedded stores (events in $dir/events)"
  gateway_java_args
  "${gateway_java[@]}" serve --port "$port" --bundles "$dir/bundles" --data-dir "$dir/events" &
  local pid=$!
  # A background job of a script ignores SIGINT, so Ctrl-C reaches the gateway only through this
  # trap, as the SIGTERM its shutdown hook handles (drain, close stores).
  trap 'demo_stop '"$pid" INT TERM
  trap 'kill '"$pid"' 2>/dev/null || true' EXIT

  local deadline=$((SECONDS + 60))
  until [ "$(demo_http_status "http://localhost:$port/health/live")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || {
      wait "$pid" || true
      demo_fail "the gateway exited before answering /health/live (port $port taken meanwhile? see its output above)"
    }
    [ $SECONDS -lt $deadline ] || demo_fail "the gateway did not answer /health/live within 60 s"
    sleep 0.2
  done
  # Ready = the bundle is loaded, verified and warmed in the background; the URLs are printed
  # either way, with the readiness detail when it is not there yet.
  demo_step "gateway live; waiting for bundle $live to load (/health/ready)"
  if ! recgate_wait_ready "http://localhost:$port/health/ready" "$pid" 60; then
    echo "recgate demo: not ready after 60 s: $(curl -s -m 2 "http://localhost:$port/health/ready")" >&2
  fi
  demo_urls "$port" "$dir/bundles/$live"
  local code=0
  wait "$pid" || code=$?
  trap - EXIT
  return "$code"
}

# What the demo's bundle is built from, one item a line: the data (the generator's parameters, or a
# checksum of each MovieLens file), the rebuild command line and a checksum of each index-builder
# jar (so new trainer code trains again).
demo_inputs() {
  local movielens=$1 generate=$2 rebuild=$3 f
  echo "recgate demo inputs v1"
  if [ -n "$movielens" ]; then
    for f in u.data u1.base u1.test u.item u.user; do
      echo "movielens $f $(sha256sum <"$movielens/$f" | cut -d' ' -f1)"
    done
  else
    echo "generate $generate"
  fi
  echo "$rebuild"
  for f in "$(module_jar index-builder)" "$root"/index-builder/target/lib/*.jar; do
    echo "jar ${f##*/} $(sha256sum <"$f" | cut -d' ' -f1)"
  done
}

# True when RECORD (written after the last successful rebuild) lists INPUTS, the bundle it names is
# still BUNDLES/current and `verify` passes on it: then the demo serves it without training.
demo_reusable() {
  local record=$1 inputs=$2 bundles=$3 version out
  [ -f "$record" ] && [ -f "$bundles/current" ] || return 1
  version="$(sed -n 's/^bundle //p' "$record")"
  if [ "$(tail -n +3 "$record")" != "$inputs" ]; then
    echo "recgate demo: data, parameters or index-builder jars changed since bundle $version; training again" >&2
    return 1
  fi
  if [ "$version" != "$(tr -d '[:space:]' <"$bundles/current")" ]; then
    echo "recgate demo: $bundles/current no longer names bundle $version; training again" >&2
    return 1
  fi
  demo_step "2-3/4 data + rebuild: skipped, bundle $version was built from the same inputs (--retrain to train again); verifying it"
  if ! out="$(run_index_builder verify "$bundles" 2>&1)"; then
    printf '%s\n' "$out" >&2
    echo "recgate demo: bundle $version does not verify; training again" >&2
    return 1
  fi
  printf '%s\n' "$out" | grep -v '^WARNING: Using incubator modules' >&2 || true
}

demo_stop() {
  echo "recgate demo: stopping the gateway..." >&2
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" || true
  trap - EXIT
  exit 0
}

# The URLs, with a user and an item taken from the bundle itself (the most popular item).
demo_urls() {
  local base="http://localhost:$1" bundle=$2 user item top
  user="$(head -n 1 "$bundle/user_ids.txt")"
  top="$(od -An --endian=little -t d4 -N 4 "$bundle/popularity.i32" 2>/dev/null | tr -d ' ')"
  item="$(sed -n "$(( ${top:-0} + 1 ))p" "$bundle/item_ids.txt")"
  [ -n "$item" ] || item="$(head -n 1 "$bundle/item_ids.txt")"
  cat >&2 <<EOF

recgate demo: serving on $base  (Ctrl-C to stop)
  recommendations      $base/v1/users/$user/recommendations?k=10
  with explanations    $base/v1/users/$user/recommendations?k=5&explain=true
  similar items        $base/v1/items/$item/similar?k=10
  web page             $base/
  API description      $base/openapi.yaml
  metrics              $base/metrics
  readiness            $base/health/ready
  send an event        curl -X POST -H 'Content-Type: application/json' $base/v1/events \\
                         -d '{"userId":"$user","itemId":"$item","type":"click"}'
EOF
}
