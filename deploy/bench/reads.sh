#!/usr/bin/env bash
# Authenticated reads under load on the whole index, in all three services, each beside its service's health probe
# in the same run (issue 15's table). One command:
#
#   deploy/bench/reads.sh [seconds per read, default 10]
#
# 1. starts the local stack unless it runs (deploy/local/run.sh up; SKIP_BUILD=1 reuses the last build, and any
#    other variable in the environment reaches the services, e.g. OPENNRTD_SECURITY_TOKEN_CACHE_ENABLED=false);
# 2. fills its databases with the whole index, synthetic, unless already there (org.opennrtd.local.WholeIndex:
#    268,000 recommendations over 195 States with follow-up, SDG links and comments, 4,875 national indicators with
#    1.1 million observations; set-based SQL, about a minute). The rows stay until `deploy/local/run.sh reset`;
# 3. takes real Keycloak tokens (a fresh one per read: the demo coordinator of Slovenia, and OHCHR's client for the
#    country status it pulls);
# 4. drives each read with wrk (installed from the system's packages if missing): 16 connections on 2 threads, after
#    a discarded warm-up pass (WARMUP_SECONDS per read, default 5), PASSES passes (default 3) in which each service's
#    probe comes first and last. Prints one Markdown table of medians over the passes: requests/s, the ratio to the
#    service's first probe, p50/p90/p99, and errors summed over every pass (an answer whose status is not the one
#    expected, counted by status-check.lua, plus wrk's socket errors). Each measured read follows a warm-up of its
#    own (READ_WARMUP_SECONDS, default 2), not counted.
# CONNECTIONS, PASSES, WARMUP_SECONDS and READ_WARMUP_SECONDS change those.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SECONDS_PER_READ="${1:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
PASSES="${PASSES:-3}"
REC=http://localhost:8081
IND=http://localhost:8082
REP=http://localhost:8083
# The probes: health is served on each service's management port (the launcher runs the prod profile).
REC_MANAGEMENT=http://localhost:9081
IND_MANAGEMENT=http://localhost:9082
REP_MANAGEMENT=http://localhost:9083
KC=http://localhost:8180/realms/opennrtd/protocol/openid-connect/token

if ! command -v wrk >/dev/null; then
  echo "Installing wrk ..." >&2
  apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null
fi

"$ROOT/deploy/local/run.sh" up >/dev/null
echo "Filling the whole index (once) ..." >&2
java -cp "$ROOT/deploy/local/target/classes:$(cat "$ROOT/deploy/local/target/launcher-classpath.txt")" \
  org.opennrtd.local.WholeIndex >&2

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
user_token() {
  curl -sf -d grant_type=password -d client_id=opennrtd-cli -d "username=$1" -d "password=$1" "$KC" | json 'd["access_token"]'
}
ohchr_token() {
  curl -sf -d grant_type=client_credentials -d client_id=ohchr -d client_secret="${OHCHR_CLIENT_SECRET:-ohchr-demo-secret}" "$KC" \
    | json 'd["access_token"]'
}
TOKEN="$(user_token coordinator-svn)"
ID="$(curl -sf -H "Authorization: Bearer $TOKEN" "$REC/api/v1/recommendations?limit=1&documentSymbol=BENCH/HRC/SVN/3" \
  | json 'd["items"][0]["id"]')"
OTHER="$(curl -sf -H "Authorization: Bearer $(user_token coordinator-hrv)" "$REC/api/v1/recommendations?limit=1&documentSymbol=BENCH/HRC/HRV/3" \
  | json 'd["items"][0]["id"]')"
INDICATOR="$(curl -sf -H "Authorization: Bearer $TOKEN" "$IND/api/v1/national-indicators?country=SVN&limit=100" \
  | json '[i["id"] for i in d["items"] if i["code"] == "BENCH-1"][0]')"

# name|base URL|path|token (none, svn, ohchr)|expected status
READS=(
  "recommendations: probe (/q/health/live)|$REC_MANAGEMENT|/q/health/live|none|200"
  "GET /recommendations/{id}|$REC|/api/v1/recommendations/$ID|svn|200"
  "GET /recommendations/{id} of another State (404)|$REC|/api/v1/recommendations/$OTHER|svn|404"
  "list of 20, two filters|$REC|/api/v1/recommendations?limit=20&mechanism=UPR&position=SUPPORTED|svn|200"
  "list of 20, q and a filter|$REC|/api/v1/recommendations?limit=20&q=rights%20children&mechanism=UPR|svn|200"
  "statistics of one country|$REC|/api/v1/recommendation-statistics?country=SVN|svn|200"
  "recommendations: probe again|$REC_MANAGEMENT|/q/health/live|none|200"
  "indicators: probe (/q/health/live)|$IND_MANAGEMENT|/q/health/live|none|200"
  "an indicator's series, SEX F x AGE 15-24|$IND|/api/v1/national-indicators/$INDICATOR/observations?dimension=SEX:F&dimension=AGE:Y15T24&from=2008-01-01&to=2022-12-31&limit=100|svn|200"
  "indicators: probe again|$IND_MANAGEMENT|/q/health/live|none|200"
  "reporting: probe (/q/health/live)|$REP_MANAGEMENT|/q/health/live|none|200"
  "country status (snapshot), OHCHR's client|$REP|/api/v1/countries/SVN/status|ohchr|200"
  "reporting: probe again|$REP_MANAGEMENT|/q/health/live|none|200"
)

# One wrk run; prints "rps p50 p90 p99 errors" (milliseconds).
run() {
  local seconds="$1" url="$2" auth="$3" expected="$4" header=() out
  case "$auth" in
    svn) header=(-H "Authorization: Bearer $(user_token coordinator-svn)") ;;
    ohchr) header=(-H "Authorization: Bearer $(ohchr_token)") ;;
  esac
  out="$(wrk -t2 -c"$CONNECTIONS" -d"${seconds}s" --latency -s "$HERE/status-check.lua" "${header[@]}" "$url" -- "$expected")"
  awk '
    function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms$/, "", v); return v }
                     if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 } return v }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) } $1 == "90%" { p90 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /^Unexpected status:/ { errors += $3 }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %.1f %.1f %.1f %d\n", rps, p50, p90, p99, errors + 0 }' <<<"$out"
}

echo "Warm-up ..." >&2
for read in "${READS[@]}"; do
  IFS='|' read -r name base path auth expected <<<"$read"
  run "${WARMUP_SECONDS:-5}" "$base$path" "$auth" "$expected" >/dev/null
done

RESULTS="$(mktemp)"
trap 'rm -f "$RESULTS"' EXIT
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for pass in $(seq 1 "$PASSES"); do
  echo "Pass $pass of $PASSES ..." >&2
  for i in "${!READS[@]}"; do
    IFS='|' read -r name base path auth expected <<<"${READS[$i]}"
    # Each read's own short warm-up just before it: the reads in between (minutes) let the country status's
    # snapshot pass its freshness window, and the first pull then waits for one computation (about a second on the
    # whole index), which wrk's latency histogram, corrected for the requests not sent meanwhile, spreads over
    # every percentile above p90. That wait is the computed status, measured apart (docs/benchmarks.md).
    run "${READ_WARMUP_SECONDS:-2}" "$base$path" "$auth" "$expected" >/dev/null
    echo "$i $(run "$SECONDS_PER_READ" "$base$path" "$auth" "$expected")" >>"$RESULTS"
  done
done

echo "Machine: $(nproc) cores; load average $LOAD_BEFORE before the passes, $(cut -d' ' -f1-3 /proc/loadavg) after;" \
  "$CONNECTIONS connections, $PASSES passes of ${SECONDS_PER_READ} s per read; commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo
printf '%s\n' "${READS[@]}" | cut -d'|' -f1 | python3 -c '
import statistics, sys
names = [l.rstrip("\n") for l in sys.stdin]
rows = {}
for line in open(sys.argv[1]):
    i, rps, p50, p90, p99, errors = line.split()
    rows.setdefault(int(i), []).append((float(rps), float(p50), float(p90), float(p99), int(errors)))
print("| Read | Requests/s | vs probe | p50 (ms) | p90 (ms) | p99 (ms) | Errors |")
print("|---|---:|---:|---:|---:|---:|---:|")
probe = None
for i, name in enumerate(names):
    runs = rows[i]
    med = [statistics.median(r[k] for r in runs) for k in range(4)]
    if name.endswith("probe (/q/health/live)"):
        probe = med[0]
    errors = sum(r[4] for r in runs)
    print(f"| {name} | {med[0]:,.0f} | {med[0] / probe:.3f}x | {med[1]:.1f} | {med[2]:.1f} | {med[3]:.1f} | {errors} |")
' "$RESULTS"
