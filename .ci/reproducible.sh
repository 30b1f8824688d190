#!/usr/bin/env bash
# Reproducible builds: packages the published modules twice from clean (tests skipped) and
# compares every jar (classes, sources, javadoc, test-jar, verifier, cli) and SBOM byte for byte by
# SHA-256. Exit 1 names the files that differ. The timestamp inside them is
# project.build.outputTimestamp (pom.xml).
set -euo pipefail
cd "$(dirname "$0")/.."

modules=privacy-audit,privacy-audit-kafka,privacy-core,privacy-jpa,privacy-jpa-hibernate66,privacy-spring-boot,privacy-cli,privacy-bom
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

build() {
  # the enforcer already ran in `mvn -B verify`
  mvn -B -q clean package -DskipTests -Denforcer.skip=true -pl "$modules" >"$out/build-$1.log" 2>&1 || {
    cat "$out/build-$1.log"
    echo "reproducible: build $1 failed" >&2
    exit 1
  }
  sha256sum privacy-*/target/*.jar privacy-*/target/*-cyclonedx.json | sort -k2 \
    >"$out/sha-$1"
}

build 1
build 2
count=$(wc -l <"$out/sha-1")
if [ "$count" -lt 10 ]; then
  echo "reproducible: only $count artifacts built, expected the jars of every published module" >&2
  exit 1
fi
if ! diff "$out/sha-1" "$out/sha-2"; then
  echo "reproducible: the artifacts above differ between two clean builds" >&2
  exit 1
fi
echo "reproducible: $count artifacts byte-identical across two clean builds"
