#!/bin/bash
# The cost of segments: sizes of cm-preset streams with segments of 1, 4, 16 and 64 MiB and without, per
# file, one result file per run in $out (exact byte counts; the thread count never changes them).
# Usage: bench/segments/sizes.sh JAR OUTDIR FILE...
set -u
jar=$1 out=$2; shift 2
J=${JAVA:-java}
mkdir -p "$out"
for f in "$@"; do
  for seg in 0 1MiB 4MiB 16MiB 64MiB; do
    r=$out/$(basename "$f").$seg
    [ -s "$r" ] && continue
    if [ "$seg" = 0 ]; then args="-T1"; else args="--segment $seg -T2"; fi
    n=$($J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx1800m -jar "$jar" -c -p cm $args "$f" 2>/dev/null | wc -c)
    echo "$(basename "$f") $(stat -c %s "$f") $seg $n" > "$r"
  done
done
