#!/usr/bin/env bash
# Checks a staged release for Maven Central: every published artifact has a pom with name,
# description, url, license, developer and scm (through its parents), a sources and a javadoc
# jar, an Automatic-Module-Name, matching .md5 and .sha1 files, and with --signed a signature
# that gpg verifies; taskpool-bom manages exactly the published jars. scripts/CheckStaging.java
# lists every rule.
#
#   scripts/check-staging.sh [--signed] [directory]   target/staging-deploy by default
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/find-jdk.sh"
taskpool_find_jdk
args=("$@")
has_directory=false
for arg in "$@"; do
  [[ $arg == -* ]] || has_directory=true
done
$has_directory || args+=("$root/target/staging-deploy")
exec "$JAVA_HOME/bin/java" "$root/scripts/CheckStaging.java" "${args[@]}"
