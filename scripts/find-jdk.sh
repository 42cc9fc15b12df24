# Sourced by ./taskpool and .ci/run: exports JAVA_HOME for a JDK 21 or newer.
# Looks at $JAVA_HOME, then at `java` on PATH, then under /usr/lib/jvm; prints
# one line saying what to install and returns 1 when none qualifies.

taskpool_java_major() {
  # Prints the feature version of the JDK whose home is $1 ("17", "21", "25"...).
  local home=$1 version
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
  [ -n "$version" ] || return 1
  printf '%s\n' "${version#1.}"
}

taskpool_find_jdk() {
  local candidates=() home major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    candidates+=("$home")
  fi
  for home in /usr/lib/jvm/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    major=$(taskpool_java_major "$home") || continue
    if [ "$major" -ge 21 ] 2>/dev/null; then
      # The first qualifying candidate wins, so an explicit JAVA_HOME is respected.
      best=$home best_major=$major
      break
    fi
  done
  if [ -z "$best" ]; then
    echo "taskpool: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm/*); install one, e.g. Temurin 21, and set JAVA_HOME" >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
  TASKPOOL_JAVA_MAJOR=$best_major
  # Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about on every build;
  # the flag that allows it quietly does not exist before JDK 23.
  if [ "$best_major" -ge 24 ] && [[ "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
