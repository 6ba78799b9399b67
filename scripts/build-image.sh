#!/usr/bin/env bash
# scripts/build-image.sh TARGET_DIR VERSION -- what `mvn -Pimage -DskipTests package` runs after the
# jar is built: a self-contained nzip for machines without JDK 25.
#
# Makes TARGET_DIR/nzip-VERSION-OS-ARCH/, a Java runtime cut down by jlink to the modules nzip uses,
# with bin/nzip (scripts/image-launcher.sh), lib/nzip/nzip.jar and the JVM's ahead-of-time cache
# recorded from a training run (lib/nzip/nzip.aot), and packs it as a .tar.gz beside it. The JDK is
# the launcher's (scripts/find-java.sh: JAVA_HOME, PATH, /usr/lib/jvm ...): its jlink links from
# its jmods/ or, JDK 24 and later, from the JDK itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: scripts/build-image.sh TARGET_DIR VERSION}
version=${2:?usage: scripts/build-image.sh TARGET_DIR VERSION}
. "$here/find-java.sh"

java_bin=$(find_java) || { echo "build-image: no JDK >= $min_version found" >&2; exit 1; }
jdk_bin=$(dirname "$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")")
[ -x "$jdk_bin/jlink" ] || { echo "build-image: $jdk_bin has no jlink (a JRE, not a JDK)" >&2; exit 1; }

os=$(uname -s | tr 'A-Z' 'a-z')
case "$os" in darwin*) os=macos ;; esac
arch=$(uname -m)
case "$arch" in amd64) arch=x86_64 ;; arm64) arch=aarch64 ;; esac
name="nzip-$version-$os-$arch"
image="$target/$name"
rm -rf "$image" "$image.tar.gz"

# java.base and java.logging (System.Logger's backend) for nzip, jdk.incubator.vector for its Java
# kernels; nothing the bundled libraries reach only from code nzip never calls (jdeps also lists
# java.desktop, for Commons Compress's pack200).
"$jdk_bin/jlink" --add-modules java.base,java.logging,jdk.incubator.vector \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 --output "$image"

mkdir -p "$image/lib/nzip"
cp "$target/nzip.jar" "$image/lib/nzip/nzip.jar"
cp "$here/image-launcher.sh" "$image/bin/nzip"
chmod 755 "$image/bin/nzip"

# The start-up cache, recorded with the image's own java, so it matches the runtime that uses it.
if ! "$image/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages \
    -Xlog:disable -Xlog:all=warning,aot*=off,cds*=off:stderr \
    -XX:AOTCacheOutput="$image/lib/nzip/nzip.aot" -cp "$image/lib/nzip/nzip.jar" org.nzip.cli.StartupTraining \
    >/dev/null 2>&1; then
  rm -f "$image/lib/nzip/nzip.aot"
  echo "build-image: the start-up cache could not be recorded; the image starts without it" >&2
fi

"$image/bin/nzip" -V >/dev/null # the image runs
tar -C "$target" -czf "$image.tar.gz" "$name"
echo "build-image: $image ($(du -sh "$image" | cut -f1)) and $image.tar.gz"
