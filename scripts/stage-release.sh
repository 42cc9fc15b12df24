#!/usr/bin/env bash
# Stages a release for Maven Central in target/staging-deploy and checks it
# (docs/releasing.md). Arguments go to Maven; with -Dgpg.keyname=KEY every file is signed and
# the check requires and verifies the signatures.
#
#   scripts/stage-release.sh                        unsigned, to see that the release would pass
#   scripts/stage-release.sh -Dgpg.keyname=KEY      signed, ready to upload
#   scripts/stage-release.sh -DskipTests ...        without running the tests again
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. scripts/find-jdk.sh
taskpool_find_jdk

check=()
staging=$root/target/staging-deploy
for arg in "$@"; do
  case $arg in
    -Dgpg.keyname=*) check+=(--signed) ;;
    -Dtaskpool.staging.directory=*) staging=${arg#*=} ;;
  esac
done

# clean empties the staging directory too, so only this build's files are staged.
./mvnw -B -Prelease clean deploy "$@"
scripts/check-staging.sh "${check[@]}" "$staging"
