#!/usr/bin/env bash
# scripts/library-check.sh -- what a library user sees: installs nzip into the local Maven
# repository, makes a fresh Maven project in a temporary directory that depends on it (and on
# Commons Compress, for the provider), compiles and runs the README's library examples
# (scripts/library-check/Example.java) with and without nzip's JVM flags, and prints the project's
# `mvn dependency:tree`, which must hold no picocli, progressbar or jline.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/scripts/find-java.sh"
java_bin=$(find_java)
java_home=$(dirname "$(dirname "$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")")")
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$repo/pom.xml" | head -n 1)

(cd "$repo" && mvn -q -B -Dstyle.color=never -DskipTests install)

project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
mkdir -p "$project/src/main/java/example"
cp "$repo/scripts/library-check/Example.java" "$project/src/main/java/example/"
cat >"$project/pom.xml" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId>
  <artifactId>nzip-consumer</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>25</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.nzip</groupId>
      <artifactId>nzip</artifactId>
      <version>$version</version>
    </dependency>
    <dependency>
      <groupId>org.apache.commons</groupId>
      <artifactId>commons-compress</artifactId>
      <version>1.28.0</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>3.14.0</version>
      </plugin>
    </plugins>
  </build>
</project>
POM
cd "$project"
export JAVA_HOME="$java_home" # the consumer's Maven runs on JDK >= 25, as a Java 25 project's does
mvn -q -B -Dstyle.color=never compile
mvn -q -B -Dstyle.color=never dependency:build-classpath -Dmdep.outputFile=cp.txt
tree=$(mvn -B -Dstyle.color=never dependency:tree | sed -n 's/^\[INFO\] \(example:.*\|[|+\\ ]*[+\\]- .*\)$/\1/p')
echo "$tree"
if echo "$tree" | grep -E -q 'picocli|progressbar|jline'; then
  echo "library-check: a command-line dependency reached the library user" >&2
  exit 1
fi
cp="target/classes:$(cat cp.txt)"
"$java_bin" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$cp" example.Example 2>&1 \
  | grep -v '^WARNING: Using incubator modules'
"$java_bin" -cp "$cp" example.Example # without the flags: still correct
