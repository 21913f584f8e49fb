#!/usr/bin/env bash
# Prints the statistics table of a Gatling HTML report (index.html) as plain text: one line per
# request name with count, failures, throughput and response-time percentiles in ms.
#   bench/gatling-summary.sh loadtest/target/gatling/recommendsteady-20261129205112240
set -euo pipefail
report="${1:?usage: bench/gatling-summary.sh REPORT_DIR (loadtest/target/gatling/<simulation>-<timestamp>)}"
[ -f "$report/index.html" ] || { echo "gatling-summary: no index.html in $report" >&2; exit 2; }
awk '
  BEGIN { printf "%-34s %8s %6s %8s %6s %6s %6s %6s %7s\n", "request", "count", "KO", "req/s", "p50", "p95", "p99", "max", "mean" }
  /class="ellipsed-name">/ {
    name = $0; sub(/.*class="ellipsed-name">/, "", name); sub(/<\/span>.*/, "", name)
    if (name == "All Requests") name = "all requests"
  }
  /<td class="value [a-z]+ col-[0-9]+">/ {
    col = $0; sub(/.* col-/, "", col); sub(/">.*/, "", col)
    v = $0; sub(/.*">/, "", v); sub(/<\/td>.*/, "", v)
    cell[col] = v
  }
  /<\/tr>/ {
    if (name != "" && ("2" in cell)) {
      printf "%-34s %8s %6s %8s %6s %6s %6s %6s %7s\n", name, cell[2], cell[4], cell[6], cell[8], cell[10], cell[11], cell[12], cell[13]
    }
    name = ""; delete cell
  }
' "$report/index.html"
