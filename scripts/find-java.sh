# Sourced by ./nzip and the bench scripts: the one place that says which JDK nzip runs on.
# Defines min_version and find_java, which prints the newest java binary >= min_version found in
# JAVA_HOME, PATH, /usr/lib/jvm/*, /opt/java/* or /opt/jdk* (nothing, and status 1, if none).
min_version=25

java_major() { # prints the feature version of the java binary $1, or nothing
  # A JDK's or JRE's `release` file names its version: reading it costs nothing, where starting
  # a JVM to ask costs a tenth of a second per installed JDK.
  local real home
  real=$(readlink -f "$1" 2>/dev/null || printf '%s' "$1")
  home=$(dirname "$(dirname "$real")")
  if [ -r "$home/release" ] && grep -q '^JAVA_VERSION=' "$home/release"; then
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$home/release" | head -n 1
    return
  fi
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
    [ -x "$c" ] || continue
    v=$(java_major "$c" || true)
    if [ -n "$v" ] && [ "$v" -ge "$min_version" ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
}

# The cache of find_java's answer: one file holding the chosen java binary on its first line and the
# JAVA_HOME it was chosen under on its second. It is used while that binary is still executable,
# JAVA_HOME is unchanged and no JDK was installed or removed in /usr/lib/jvm since (its mtime).
cached_java() { # $1: cache file; prints the java binary, searching (and caching) only when needed
  local cache=$1 bin home_then
  if [ -f "$cache" ] && { [ ! -d /usr/lib/jvm ] || [ ! /usr/lib/jvm -nt "$cache" ]; }; then
    { IFS= read -r bin && IFS= read -r home_then; } <"$cache" || true
    if [ -n "${bin:-}" ] && [ -x "$bin" ] && [ "${home_then:-}" = "${JAVA_HOME:-}" ]; then
      printf '%s\n' "$bin"
      return 0
    fi
  fi
  bin=$(find_java) || return 1
  if mkdir -p "$(dirname "$cache")" 2>/dev/null; then
    local tmp="$cache.$$"
    printf '%s\n%s\n' "$bin" "${JAVA_HOME:-}" >"$tmp" 2>/dev/null && mv -f "$tmp" "$cache" 2>/dev/null || rm -f "$tmp"
  fi
  printf '%s\n' "$bin"
}
