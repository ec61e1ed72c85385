#!/usr/bin/env bash
# bench/serve-load.sh -- load test of `sitrep serve`: a typical filtered
# query (world events of one actor key in a date range, 20 per page) for a
# fixed 10 s with wrk (2 threads, 32 connections) on 127.0.0.1, against a
# store of a generated corpus (bench/gen-corpus.py, default 2 MB).  Prints
# requests/s, latency and the error count (target: >= 2000 req/s, 0 errors);
# asserts nothing.  wrk is installed (Debian package wrk) only when running
# as root; otherwise the benchmark is skipped.  Usage: bench/serve-load.sh [MB]
set -u
cd "$(dirname "$0")/.."
SITREP=${SITREP:-./sitrep}
mb=${1:-2}
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null 2>&1
  fi
  command -v wrk >/dev/null 2>&1 || { echo "serve-load: SKIPPED: no wrk (as root: apt-get install wrk)"; exit 0; }
fi
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
python3 bench/gen-corpus.py "$tmp/corpus.jsonl" "$mb" 7 examples >/dev/null
"$SITREP" ingest -q --db "$tmp/load.db" "$tmp/corpus.jsonl" || { echo "serve-load: ingest failed"; exit 1; }
"$SITREP" serve --db "$tmp/load.db" --port 0 2> "$tmp/log" &
pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "serve-load: the server did not start"; cat "$tmp/log"; exit 1; }
url="http://127.0.0.1:$port/api/events?key=RUS&since=2016-01-01&until=2023-12-31&modality=all&limit=20"
docs=$(curl -s "http://127.0.0.1:$port/api/meta" | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["documents"], "documents,", m["world_events"], "world events")')
total=$(curl -s "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
bytes=$(curl -s "$url" | wc -c)
echo "store: $docs; query: $url"
echo "       $total matching world events, $bytes bytes per answer"
wrk -t2 -c32 -d10s --latency "$url" > "$tmp/wrk.txt" 2>&1
cat "$tmp/wrk.txt"
rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.txt")
non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$tmp/wrk.txt")
sock=$(awk '/Socket errors:/ {s = 0; for (i = 3; i <= NF; i += 2) s += $(i + 1); print s}' "$tmp/wrk.txt" | tr -d ',')
echo "serve-load: ${rps:-?} requests/s, $(( ${non2xx:-0} + ${sock:-0} )) errors (target >= 2000 req/s, 0 errors)"
# the same query over 2000 different pages and keys: answers are no longer
# in the per-connection answer cache, so every request runs its SQL
cat > "$tmp/vary.lua" <<'LUA'
local keys = {"RUS", "UKR", "USA", "POL", "MDA", "GEO", "JPN", "KOR", "FRA", "NER"}
local n = 0
request = function()
  n = n + 1
  local k = keys[(n % #keys) + 1]
  local off = (n * 7919) % 200
  return wrk.format("GET", "/api/events?key=" .. k .. "&since=2016-01-01&until=2023-12-31&modality=all&limit=20&offset=" .. off)
end
LUA
wrk -t2 -c32 -d10s -s "$tmp/vary.lua" "http://127.0.0.1:$port/" > "$tmp/wrk2.txt" 2>&1
rps2=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk2.txt")
lat2=$(awk '/^    Latency/ {print $2; exit}' "$tmp/wrk2.txt")
non2=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$tmp/wrk2.txt")
echo "serve-load: uncached (2000 distinct queries): ${rps2:-?} requests/s, mean latency ${lat2:-?}, ${non2:-0} non-2xx"
