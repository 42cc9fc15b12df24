#!/usr/bin/env bash
# Runs Taskpool's benchmarks (see docs/benchmarks.md), building them first if needed.
#
#   scripts/bench.sh [JMH options] [regex...]   JMH benchmarks, all by default; e.g.
#                                              scripts/bench.sh MapBenchmark -f 1 -p work=CPU
#   scripts/bench.sh memory [-XmxSIZE] [opts]   the memory check (MemoryCapacity), -Xmx1g by default;
#                                              e.g. scripts/bench.sh memory -Xmx8g --count 1000000
#   scripts/bench.sh soak [-XmxSIZE] [opts]     an endless map for 10 minutes (Soak), -Xmx512m by default;
#                                              e.g. scripts/bench.sh soak --minutes 3
#   scripts/bench.sh flood [opts]               wrong-token handshakes against a control server
#                                              (HandshakeFlood); e.g. scripts/bench.sh flood --clients 16
#   scripts/bench.sh all                        JMH, then the memory check in 1 GiB and 8 GiB
#
# JMH lists its own options with `scripts/bench.sh -h`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
taskpool_find_jdk
echo "Using JDK $TASKPOOL_JAVA_MAJOR at $JAVA_HOME" >&2

jar=taskpool-benchmarks/target/benchmarks.jar
sources=(pom.xml taskpool-core/pom.xml taskpool-core/src/main taskpool-control/pom.xml taskpool-control/src/main
         taskpool-micrometer/pom.xml taskpool-micrometer/src/main taskpool-benchmarks/pom.xml taskpool-benchmarks/src)
if [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]; then
  echo "Building $jar..." >&2
  ./mvnw -q -B -pl taskpool-benchmarks -am package -DskipTests
fi

# JMH 1.37 reads fields through sun.misc.Unsafe, which JDK 24+ warns about on every run.
java_opts=()
if [ "$TASKPOOL_JAVA_MAJOR" -ge 24 ]; then
  java_opts+=(--sun-misc-unsafe-memory-access=allow)
fi

memory() {
  local heap=-Xmx1g
  case "${1:-}" in -Xmx*) heap=$1; shift ;; esac
  "$JAVA_HOME/bin/java" "$heap" -cp "$jar" dev.taskpool.benchmarks.MemoryCapacity "$@"
}

soak() {
  local heap=-Xmx512m
  case "${1:-}" in -Xmx*) heap=$1; shift ;; esac
  "$JAVA_HOME/bin/java" "$heap" -cp "$jar" dev.taskpool.benchmarks.Soak "$@"
}

case "${1:-}" in
  memory)
    shift
    memory "$@"
    ;;
  soak)
    shift
    soak "$@"
    ;;
  flood)
    shift
    exec "$JAVA_HOME/bin/java" -cp "$jar" dev.taskpool.benchmarks.HandshakeFlood "$@"
    ;;
  all)
    shift
    "$JAVA_HOME/bin/java" "${java_opts[@]}" -jar "$jar" "$@"
    # How many fit in 1 GiB: keep starting until the heap is 95% full.
    memory -Xmx1g --count 100000000
    # One pool holding a million.
    memory -Xmx8g --count 1000000
    ;;
  *)
    exec "$JAVA_HOME/bin/java" "${java_opts[@]}" -jar "$jar" "$@"
    ;;
esac
