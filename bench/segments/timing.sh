#!/bin/bash
# -T1 against -T2 wall clock, enwik8 prefix in 1 MiB segments (4), cm preset.
J=${JAVA:-java}  # a JDK 25
f=${INPUT:-../shared/corpus/enwik8/enwik8-prefix-4154399}
run() { $J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx1800m -jar ${JAR:-target/nzip.jar} "$@" 2>/dev/null; }
for t in 1 2; do
  echo "compress -T$t load: $(uptime | sed 's/.*load average: //')"
  s=$(date +%s.%N); run -c -p cm --segment 1MiB -T$t $f > ${OUT:-/tmp}/t$t.nz; e=$(date +%s.%N)
  echo "compress -T$t $(echo "$e - $s" | bc) s, $(stat -c %s ${OUT:-/tmp}/t$t.nz) bytes, load after: $(uptime | sed 's/.*load average: //')"
done
cmp ${OUT:-/tmp}/t1.nz ${OUT:-/tmp}/t2.nz && echo "T1 and T2 outputs identical"
for t in 1 2; do
  echo "decompress -T$t load: $(uptime | sed 's/.*load average: //')"
  s=$(date +%s.%N); run -d -c -T$t ${OUT:-/tmp}/t1.nz | cmp - $f && ok=ok; e=$(date +%s.%N)
  echo "decompress -T$t $(echo "$e - $s" | bc) s $ok, load after: $(uptime | sed 's/.*load average: //')"
done
