#!/usr/bin/env bash
# OpenNRTD on one machine, without Docker: PostgreSQL (embedded binaries), Keycloak (server distribution) and the
# three services as plain processes, supervised by one Java launcher (org.opennrtd.local.LocalStackMain).
#
#   deploy/local/run.sh up      build, start everything in the background, load the demo data, print the URLs;
#                               when it runs already, check every part, and restart the stack (saying which part
#                               was down) if one is not ready
#   deploy/local/run.sh status  each part (PostgreSQL, Keycloak, the three services) with its state; exit 3 if one
#                               is not ready
#   deploy/local/run.sh down    stop everything `up` started
#   deploy/local/run.sh reset   stop, then delete deploy/local/.run (databases, Keycloak data, logs)
#
# Environment: SKIP_BUILD=1 skips the Maven build; REPORTING_CLIENT_SECRET, KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD
# and KEYCLOAK_JAVA_HOME override the demo defaults. Works as root and as any other user.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN="$HERE/.run"
PIDFILE="$RUN/launcher.pid"

launcher_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -qa 'org.opennrtd.local.LocalStackMain' "/proc/$pid/cmdline" 2>/dev/null \
    && echo "$pid"
}

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"; return; fi
  command -v java || { echo "Java 17 or later is needed (for example: apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
}

launcher_classpath() {
  local cp="$HERE/target/launcher-classpath.txt"
  [[ -f "$cp" && -d "$HERE/target/classes" ]] || { echo "deploy/local is not built: run without SKIP_BUILD" >&2; exit 1; }
  echo "$HERE/target/classes:$(cat "$cp")"
}

up() {
  if pid="$(launcher_pid)"; then
    local health
    if health="$(status 2>&1)"; then
      echo "OpenNRTD is already running (launcher pid $pid); every part is ready."
      [[ -f "$RUN/ready" ]] && cat "$RUN/ready"
      return 0
    fi
    # A part died under a running launcher (PostgreSQL, Keycloak or a service killed or crashed): say which, then
    # restart the stack; the data stays in $RUN.
    echo "OpenNRTD's launcher runs (pid $pid), but not every part is ready:"
    grep -v "ready " <<<"$health" | grep -v "^Launcher" || true
    echo "Restarting the stack ..."
    down
  elif [[ -f "$RUN/postgres/postmaster.pid" || -n "$(ls "$RUN"/pids/*.pid 2>/dev/null)" ]]; then
    echo "The launcher is not running but left parts behind: stopping them first."
    down
  fi
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "Building (./mvnw -B -DskipTests install) ..."
    (cd "$ROOT" && ./mvnw -B -DskipTests install)
  fi
  mkdir -p "$RUN/logs"
  rm -f "$RUN/ready" "$RUN/failed"
  local java cp
  java="$(java_bin)"
  cp="$(launcher_classpath)"
  echo "Starting PostgreSQL, Keycloak and the services (logs in $RUN/logs) ..."
  # setsid: the launcher outlives this script and a Ctrl-C in this terminal.
  setsid nohup "$java" -cp "$cp" org.opennrtd.local.LocalStackMain up "$ROOT" \
    >>"$RUN/logs/launcher.log" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  local waited=0
  while [[ ! -f "$RUN/ready" ]]; do
    if [[ -f "$RUN/failed" ]] || ! launcher_pid >/dev/null; then
      echo "Start failed; end of $RUN/logs/launcher.log:" >&2
      tail -n 60 "$RUN/logs/launcher.log" >&2
      rm -f "$PIDFILE"
      return 1
    fi
    if (( waited >= 900 )); then
      echo "Not ready after 15 minutes; see $RUN/logs. Stopping." >&2
      down
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
  cat "$RUN/ready"
}

down() {
  local pid
  if pid="$(launcher_pid)"; then
    echo "Stopping OpenNRTD (launcher pid $pid) ..."
    kill -TERM "$pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "Launcher did not stop in 120 s; killing it." >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  else
    echo "No launcher running."
  fi
  # Whatever a launcher killed hard may have left behind: its children's PID files, and PostgreSQL's own.
  local f p
  for f in "$RUN"/pids/*.pid; do
    [[ -f "$f" ]] || continue
    p="$(cat "$f")"
    if [[ "$p" =~ ^[0-9]+$ ]] && kill -0 "$p" 2>/dev/null; then
      echo "Stopping left-over $(basename "$f" .pid) (pid $p)"
      pkill -TERM -P "$p" 2>/dev/null || true
      kill -TERM "$p" 2>/dev/null || true
    fi
    rm -f "$f"
  done
  if [[ -f "$RUN/postgres/postmaster.pid" ]]; then
    p="$(head -n 1 "$RUN/postgres/postmaster.pid")"
    if [[ "$p" =~ ^[0-9]+$ ]] && kill -0 "$p" 2>/dev/null; then
      echo "Stopping left-over PostgreSQL (pid $p)"
      kill -INT "$p" 2>/dev/null || true
    fi
  fi
  rm -f "$PIDFILE" "$RUN/ready"
  echo "Stopped."
}

status() {
  local pid
  if pid="$(launcher_pid)"; then
    echo "Launcher running (pid $pid)."
  else
    echo "Launcher not running."
  fi
  "$(java_bin)" -cp "$(launcher_classpath)" org.opennrtd.local.LocalStackMain status "$ROOT"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  reset) down; rm -rf "$RUN"; echo "Deleted $RUN." ;;
  *) echo "Usage: $0 up|down|status|reset" >&2; exit 2 ;;
esac
