#!/usr/bin/env bash
# bin/nzip of the runtime image (scripts/build-image.sh): runs lib/nzip/nzip.jar on the image's own
# Java with the flags of ./nzip, from the start-up cache recorded when the image was built. It may
# be symlinked into a bin/ directory.
set -euo pipefail
self=${BASH_SOURCE[0]}
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in
    /*) self=$link ;;
    *) self=$(dirname "$self")/$link ;;
  esac
done
home=$(cd "$(dirname "$self")/.." && pwd -P)
java_bin="$home/bin/java"
jar="$home/lib/nzip/nzip.jar"
aot="$home/lib/nzip/nzip.aot"

# Transparent huge pages for the heap: the context models' tables are read at random, and with 4 KiB
# pages most of those reads also miss the TLB (cm on enwik6: 13.7 s against 15.5-16.3 s, loaded).
jvm_args=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages)
# As ./nzip: JVM warnings on standard error, none about a cache the JVM cannot use (e.g. after the
# image was moved: it then starts without it).
log_args=(-Xlog:disable -Xlog:all=warning,aot*=off,cds*=off:stderr)
start_args=()
if [ -f "$aot" ]; then start_args+=(-XX:AOTCache="$aot"); fi

# As ./nzip: the JVM's incubator warning is filtered from descriptor 2; nzip writes to 3.
if [ -e /dev/fd/2 ] && command -v grep >/dev/null 2>&1; then
  exec 3>&2
  exec "$java_bin" "${jvm_args[@]}" "${log_args[@]}" ${start_args[@]+"${start_args[@]}"} -Dnzip.stderr.fd=3 \
    ${NZIP_JAVA_OPTS:-} -jar "$jar" "$@" 2> >(trap '' INT TERM HUP; exec grep -v --line-buffered '^WARNING: Using incubator modules: ' >&3)
fi
exec "$java_bin" "${jvm_args[@]}" "${log_args[@]}" ${start_args[@]+"${start_args[@]}"} ${NZIP_JAVA_OPTS:-} -jar "$jar" "$@"
