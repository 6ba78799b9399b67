# Sourced by ./nzip and the bench scripts: the one place that says which JDK nzip runs on.
# Defines min_version and find_java, which prints the newest java binary >= min_version found in
# JAVA_HOME, PATH, /usr/lib/jvm/*, /opt/java/* or /opt/jdk* (nothing, and status 1, if none).
min_version=25

java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("${JAVA_HOME%/}/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$d/bin/java" ] && candidates+=("$d/bin/java")
  done
  local best="" best_v=0 c v
  for c in "${candidates[@]}"; do
    v=$(java_major "$c" || true)
    if [ -n "$v" ] && [ "$v" -ge "$min_version" ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
}
