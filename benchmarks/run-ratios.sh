#!/bin/sh
# Issue 23's ratio table: H2, PostgreSQL and MariaDB x persist, load, page, lookup, audit, memory,
# one JVM, interleaved rounds. PostgreSQL and MariaDB from SUOJA_TEST_POSTGRESQL_URL /
# SUOJA_TEST_MARIADB_URL (skipped with a message when unset or not answering).
# Usage: benchmarks/run-ratios.sh [rounds] [h2,postgresql,mariadb]   (build first:
#   mvn -B -q -pl benchmarks -am package -DskipTests)
set -e
cd "$(dirname "$0")/.."
echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  commit: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet 2>/dev/null || echo '+dirty')"
echo "load before: $(uptime)"
java -Xmx3g ${BENCH_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar fi.suoja.benchmarks.jpa.RatioTable "${1:-8}" "${2:-h2,postgresql,mariadb}"
echo "load after: $(uptime)"
