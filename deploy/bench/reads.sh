#!/usr/bin/env bash
# Authenticated reads under load, each beside the service's health probe in the same run (issue 15's table).
#
#   deploy/local/run.sh up && deploy/bench/reads.sh [seconds per read, default 15]
#
# Drives the running local stack (deploy/local/run.sh) with wrk (installed from the system's packages if missing):
# 16 connections on 2 threads per read, a real Keycloak token of the demo coordinator of Slovenia, the probe first and
# last, after a discarded warm-up pass (WARMUP_SECONDS per read, default 5). Prints a Markdown table: requests/s, the ratio to the first probe, p50/p90/p99 and errors (answers outside
# 2xx and 3xx, and socket errors, as wrk counts them). Set CONNECTIONS, RECOMMENDATIONS_URL or KEYCLOAK_URL to
# change them. The data is whatever the stack holds:
# the demo data unless the whole index was imported first.
set -euo pipefail

SECONDS_PER_READ="${1:-15}"
CONNECTIONS="${CONNECTIONS:-16}"
REC="${RECOMMENDATIONS_URL:-http://localhost:8081}"
KC="${KEYCLOAK_URL:-http://localhost:8180}/realms/opennrtd/protocol/openid-connect/token"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk ..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null
fi

token() {
  curl -sf -d grant_type=password -d client_id=opennrtd-cli -d "username=$1" -d "password=$1" "$KC" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
TOKEN="$(token coordinator-svn)"
ID="$(curl -sf -H "Authorization: Bearer $TOKEN" "$REC/api/v1/recommendations?limit=1" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"

# name|path|authenticated
READS=(
  "probe (/q/health/live)|/q/health/live|no"
  "GET /recommendations/{id}|/api/v1/recommendations/$ID|yes"
  "list of 20, two filters|/api/v1/recommendations?limit=20&mechanism=UPR&position=SUPPORTED|yes"
  "list of 20, q and a filter|/api/v1/recommendations?limit=20&q=rights%20children&mechanism=UPR|yes"
  "statistics of one country|/api/v1/recommendation-statistics?country=SVN|yes"
  "probe again|/q/health/live|no"
)

# Warm-up, discarded: every read once for a few seconds, so that the measured pass meets a JIT-compiled service.
for read in "${READS[@]}"; do
  IFS='|' read -r name path auth <<<"$read"
  header=()
  [[ "$auth" == yes ]] && header=(-H "Authorization: Bearer $TOKEN")
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP_SECONDS:-5}s" "${header[@]}" "$REC$path" >/dev/null
done

echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run; $CONNECTIONS connections, ${SECONDS_PER_READ} s per read"
echo
echo "| Read | Requests/s | vs probe | p50 (ms) | p90 (ms) | p99 (ms) | Errors |"
echo "|---|---:|---:|---:|---:|---:|---:|"
PROBE=""
for read in "${READS[@]}"; do
  IFS='|' read -r name path auth <<<"$read"
  header=()
  [[ "$auth" == yes ]] && header=(-H "Authorization: Bearer $TOKEN")
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_READ}s" --latency "${header[@]}" "$REC$path")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  [[ -z "$PROBE" ]] && PROBE="$rps"
  ms() { awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }' <<<"$out"; }
  # wrk prints these lines only when there were any: answers outside 2xx/3xx, and socket errors.
  errors="$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")"
  ratio="$(awk -v a="$rps" -v b="$PROBE" 'BEGIN { printf "%.3fx", a / b }')"
  echo "| $name | $rps | $ratio | $(ms 50%) | $(ms 90%) | $(ms 99%) | $errors |"
done
