#!/bin/sh
# native/build.sh CLASSES_DIR [OBJ_DIR] -- what the Maven build runs (generate-resources, see pom.xml).
#
# Builds the C kernels (native/kernels, libnzipkernels.so) into CLASSES_DIR/native/<os>-<arch>/, the
# resource folder NativeLibrary loads from the jar, when a C compiler is on the PATH ($CC, else gcc,
# else cc). Without one -- or with NZIP_NO_NATIVE=1 -- it removes any stale library from that folder,
# prints one line and exits 0: the build goes on and nzip uses its Java kernels.
# A compiler that is present but fails is an error (exit 1): it would otherwise hide a broken kernel.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
classes=${1:?usage: native/build.sh CLASSES_DIR [OBJ_DIR]}
obj=${2:-$classes/../native-obj}

os=$(uname -s | tr 'A-Z' 'a-z')
case "$os" in
  linux*) os=linux ;;
  darwin*) os=macos ;;
esac
arch=$(uname -m)
case "$arch" in
  amd64|x86_64) arch=x86_64 ;;
  arm64|aarch64) arch=aarch64 ;;
esac
dest="$classes/native/$os-$arch"
lib="$dest/libnzipkernels.so"

skip() {
  rm -f "$lib"
  echo "native/build.sh: $1: native kernels not built; nzip will use its Java kernels"
  exit 0
}

[ "${NZIP_NO_NATIVE:-0}" = 1 ] && skip "NZIP_NO_NATIVE=1"
cc=${CC:-}
if [ -z "$cc" ]; then
  if command -v gcc >/dev/null 2>&1; then cc=gcc
  elif command -v cc >/dev/null 2>&1; then cc=cc
  fi
fi
[ -n "$cc" ] && command -v "$cc" >/dev/null 2>&1 || skip "no C compiler (gcc or cc) on the PATH"
command -v make >/dev/null 2>&1 || skip "no make on the PATH"

mkdir -p "$dest" "$obj"
make -s -C "$here/kernels" CC="$cc" OUT="$(cd "$obj" && pwd)"
cp "$obj/libnzipkernels.so" "$lib"
echo "native/build.sh: built $lib with $cc ($("$cc" --version 2>/dev/null | head -n 1))"
