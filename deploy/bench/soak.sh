#!/usr/bin/env bash
# Soak and fault injection on the real stack (issue 17), not part of `./mvnw -B verify`. One command:
#
#   deploy/bench/soak.sh [minutes, default 10]
#
# Stops the local stack if it runs (the soak starts its own, on the same ports and the same data in
# deploy/local/.run, so that it can kill and restart each part), builds unless SKIP_BUILD=1, then runs
# org.opennrtd.local.Soak: ten users of five roles (coordinator writes with If-Match, actions, civil-society comments,
# observations, focal-point reads and searches, OHCHR's country-status pulls, an administrator's imports, report and
# cluster jobs, SDG suggestions) at a bounded pace for the whole run, while it
#   - restarts PostgreSQL,
#   - stops Keycloak for 60 s,
#   - kills each service with SIGKILL while an import and a report job are in flight, and starts it again,
#   - takes a pg_dump backup of the recommendations database,
#   - freezes the indicators service (SIGSTOP) for 60 s while report jobs and SDG suggestions run.
# At the end it checks that every acknowledged write is readable and applied once, that no job is stuck, that every
# answer during a fault was correct or a 503 with Retry-After, and that the backup restores into a fresh database
# with every write acknowledged before it. The report goes to deploy/local/.run/soak-report.md (and stdout); the exit
# status is 1 when anything failed. The faults' times scale with the length (at 10 minutes: 60, 150, 240, 330, 360,
# 440 and 500 s).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export SOAK_MINUTES="${1:-${SOAK_MINUTES:-10}}"

"$ROOT/deploy/local/run.sh" down >/dev/null 2>&1 || true
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "Building (./mvnw -B -DskipTests install) ..." >&2
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install)
fi
mkdir -p "$ROOT/deploy/local/.run/logs"
exec java -cp "$ROOT/deploy/local/target/classes:$(cat "$ROOT/deploy/local/target/launcher-classpath.txt")" \
  org.opennrtd.local.Soak "$ROOT"
