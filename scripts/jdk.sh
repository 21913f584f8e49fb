# Sourced by the scripts: picks a JDK >= 21 and exports JAVA_HOME and PATH.
# JAVA_HOME wins when it is new enough; otherwise the newest JDK under /usr/lib/jvm.
recgate_java_feature() { # prints the feature version of $1/bin/java, or 0
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
  echo "${v:-0}" | cut -d. -f1
}
recgate_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(recgate_java_feature "$JAVA_HOME")" -ge 21 ]; then
    return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/* /opt/java/* /usr/local/java/*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(recgate_java_feature "$d")
    if [ "$v" -gt "$best_v" ]; then best="$d"; best_v="$v"; fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    [ "$(recgate_java_feature "$d")" -ge 21 ] && best="$d" && best_v=21
  fi
  if [ "$best_v" -lt 21 ]; then
    echo "recgate: no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}); install one (e.g. Temurin 21 or 25) and set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
recgate_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
