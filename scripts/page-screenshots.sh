#!/usr/bin/env bash
# Screenshots of the web page on MovieLens 100K: runs `./recgate demo --movielens` on a free port in a
# temporary directory, captures the recommendations of user 196 and the model page with headless
# Chromium, writes docs/screenshots/movielens-{main,model}.png and stops the demo.
# Usage: scripts/page-screenshots.sh [ML_100K_DIR]   (default ../shared/data/movielens/ml-100k)
# PORT (default 18437) and CHROMIUM (default /usr/bin/chromium) can be set in the environment.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/ready.sh
ml=${1:-../shared/data/movielens/ml-100k}
port=${PORT:-18437}
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "page-screenshots: no Chromium at $chromium (apt-get install chromium)" >&2; exit 1; }
[ -f "$ml/u.data" ] || { echo "page-screenshots: no MovieLens 100K in $ml" >&2; exit 1; }
work=$(mktemp -d)
# Own process group, so stopping it also stops the gateway JVM the launcher starts.
setsid ./recgate demo --port "$port" --dir "$work/demo" --movielens "$ml" >"$work/demo.log" 2>&1 &
demo=$!
trap 'kill -- -"$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -rf "$work"' EXIT
recgate_wait_ready "http://localhost:$port/health/ready" "$demo" 300 \
  || { cat "$work/demo.log" >&2; echo "page-screenshots: demo not ready ($READY_STATUS)" >&2; exit 1; }
mkdir -p docs/screenshots
shot() { # fragment, window size, output file
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile-$3" \
    --window-size="$2" --virtual-time-budget=8000 --screenshot="docs/screenshots/$3" "http://localhost:$port/$1" 2>/dev/null
}
shot '#/user/196' 1280,1000 movielens-main.png
shot '#/model' 1280,1700 movielens-model.png
echo "page-screenshots: wrote docs/screenshots/movielens-main.png and movielens-model.png"
