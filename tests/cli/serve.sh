#!/usr/bin/env bash
# tests/cli/serve.sh -- the HTTP API of `sitrep serve` on a store built from
# examples/ and tests/web/xss.jsonl: JSON shapes, every filter, paging and
# the limit cap, 400/404/405/413 with JSON bodies, path traversal attempts,
# security headers, concurrent requests, and a clean stop on SIGTERM (exit
# 0, so no sanitizer report).  The server listens on a free port of
# 127.0.0.1 and is always killed at the end.  Prints "serve: N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
SITREP=${SITREP:-./sitrep}
tmp=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
db=$tmp/serve.db
"$SITREP" ingest -q --db "$db" examples/articles.jsonl examples/ex-007.txt examples/ex-008.txt tests/web/xss.jsonl \
  || { echo "serve: ingest failed"; echo "serve: 0 passed, 1 failed"; exit 1; }

"$SITREP" serve --db "$db" --port 0 --web web -v 2> "$tmp/log" &
pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/log" | head -n 1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "serve: the server did not start:"; cat "$tmp/log"
  echo "serve: 0 passed, 1 failed"; exit 1
fi

# a request with a body, sent by curl as a client would
post=$(curl -s -o "$tmp/post.json" -w '%{http_code}' -X POST --data 'x=1' "http://127.0.0.1:$port/api/events")
getbody=$(curl -s -o /dev/null -w '%{http_code}' -X GET -H 'Content-Type: text/plain' --data-binary 'hello' "http://127.0.0.1:$port/api/meta")
traversal=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/../../../../etc/passwd")

python3 - "$port" "$post" "$getbody" "$traversal" "$tmp/post.json" "$tmp/counts" <<'PY'
import http.client, json, sys, threading
port, post, getbody, traversal, postfile = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
passed = failed = 0

def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL %s %s" % (name, str(detail)[:300]))

def req(path, method="GET", body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

def api(path):
    st, h, data = req(path)
    try:
        return st, h, json.loads(data)
    except ValueError:
        return st, h, None

def err(path, want, param=None, method="GET"):
    st, h, data = req(path, method)
    try:
        j = json.loads(data)
    except ValueError:
        j = None
    ok = st == want and isinstance(j, dict) and j.get("status") == want and isinstance(j.get("error"), str)
    if param:
        ok = ok and j.get("parameter") == param
    check("%s %s -> %d" % (method, path, want), ok and h.get("content-type") == "application/json", (st, data[:200]))
    return h

# static files and headers
st, h, body = req("/")
check("GET / is the UI", st == 200 and h.get("content-type", "").startswith("text/html") and b"app.js" in body, st)
check("CSP default-src 'self'", "default-src 'self'" in h.get("content-security-policy", ""), h)
check("nosniff", h.get("x-content-type-options") == "nosniff")
for path, ctype in (("/app.js", "text/javascript"), ("/style.css", "text/css"), ("/world.json", "application/json"),
                    ("/index.html", "text/html"), ("/favicon.svg", "image/svg+xml")):
    st, h, body = req(path)
    check("GET %s" % path, st == 200 and h.get("content-type", "").startswith(ctype) and len(body) > 100, (st, h.get("content-type")))
st, h, body = req("/", "HEAD")
check("HEAD / has no body", st == 200 and body == b"", (st, len(body)))
world = json.loads(req("/world.json")[2])
check("world outline", len(world["countries"]) > 150 and all(c["d"].startswith("M") for c in world["countries"]))

# meta
st, h, meta = api("/api/meta")
check("meta", st == 200 and meta["documents"] == 9 and meta["world_events"] > 40 and meta["events"] >= meta["world_events"]
      and meta["first_date"] <= meta["last_date"] and meta["max_limit"] == 500, meta)
check("meta types", {"CONSULT", "ACCUSE"} <= {t["type"] for t in meta["types"]}, meta.get("types"))
check("meta actors", any(a["key"] == "LTU" and a["name"] for a in meta["actors"]), meta.get("actors", [])[:5])
check("no-store on API answers", h.get("cache-control") == "no-store")
N = meta["world_events"]

# events: shape, default page, paging, limit cap
st, h, ev = api("/api/events")
check("events default page", st == 200 and ev["total"] == N and ev["limit"] == 50 and len(ev["events"]) == min(50, N), (st, ev and ev.get("total")))
e0 = ev["events"][0]
for k in ("id", "type", "cameo", "quad", "goldstein", "modality", "modalities", "source", "target", "location", "date",
          "num_mentions", "num_articles", "num_sources", "reports"):
    check("event field %s" % k, k in e0, list(e0))
check("reports carry evidence and outlet", all(r["evidence"] and "source" in r and r["doc"] for e in ev["events"] for r in e["reports"]))
days = [e["day"] for e in ev["events"]]
dated = [d for d in days if d]
check("events by date, undated last", dated == sorted(dated) and days[:len(dated)] == dated, days)
st, h, allv = api("/api/events?limit=500")
check("limit 500", len(allv["events"]) == N)
st, h, big = api("/api/events?limit=100000")
check("limit capped at 500", st == 200 and big["limit"] == 500, big and big.get("limit"))
st, h, page = api("/api/events?limit=5&offset=10")
check("offset paging", [e["id"] for e in page["events"]] == [e["id"] for e in allv["events"][10:15]])
st, h, past = api("/api/events?offset=100000")
check("offset past the end", st == 200 and past["events"] == [] and past["total"] == N)

# filters
def ids(q):
    st, h, j = api("/api/events?limit=500&" + q)
    check("filter %s answers" % q, st == 200, (st, j))
    return j["events"] if j else []
c = ids("type=CONSULT")
check("type filter", c and all(e["type"] == "CONSULT" for e in c), [e["type"] for e in c])
l = ids("key=LTU")
check("key filter", l and all("LTU" in ((e["source"] or {}).get("key"), (e["target"] or {}).get("key")) for e in l))
a = ids("actor=lithuan")
check("actor filter (name substring)", a and len(a) >= len(l) // 2, len(a))
d = ids("since=2023-08-01&until=2023-08-31")
check("date range", d and all("2023-08-01" <= e["day"] <= "2023-08-31" for e in d), [e["day"] for e in d])
m = ids("min_sources=2")
check("min_sources", m and all(e["num_sources"] >= 2 for e in m), [e["num_sources"] for e in m])
p = ids("modality=planned")
check("modality", p and all("planned" in e["modalities"] for e in p))
r = ids("modality=real")
check("modality=real", r and all(e["modality"] not in ("hypothetical", "negated") for e in r) and len(r) < N)
q = ids("q=tariffs")
# every world event with a report of the one article that says "tariffs", and no other
xss = [e for e in allv["events"] if any(r["doc"] == "xss-001" for r in e["reports"])]
check("full-text filter", len(q) == len(xss) >= 3 and all(e["reports"][0]["doc"] == "xss-001" for e in q),
      (len(q), len(xss)))
q2 = ids("q=%22unbalanced")
check("an FTS5 syntax error is retried quoted", isinstance(q2, list))
comb = ids("type=CONSULT&key=LTU&since=2023-08-01&modality=asserted")
check("combined filters", all(e["type"] == "CONSULT" and e["day"] >= "2023-08-01" for e in comb))
inj = ids("actor=%27%20OR%201%3D1%20--")
check("SQL in a value is only a value", inj == [], len(inj))

# bad requests: clear JSON errors
err("/api/events?since=2023-13-01", 400, "since")
err("/api/events?until=yesterday", 400, "until")
err("/api/events?limit=0", 400, "limit")
err("/api/events?limit=ten", 400, "limit")
err("/api/events?offset=-1", 400, "offset")
err("/api/events?min_sources=x", 400, "min_sources")
err("/api/events?type=consult", 400, "type")
err("/api/events?modality=maybe", 400, "modality")
err("/api/events?colour=red", 400, "colour")
err("/api/events?type=CONSULT&type=ACCUSE", 400, "type")
err("/api/events?actor=" + "x" * 300, 400, "actor")
err("/api/events?" + "&".join("p%d=1" % i for i in range(40)), 400)
err("/api/docs", 400, "q")
err("/api/event/abc", 400)
err("/api/event/99999999", 404)
err("/api/nothing", 404)
err("/nothing.html", 404)
h = err("/api/events", 405, method="POST")
check("405 names the allowed methods", h.get("allow") == "GET, HEAD", h)
err("/api/meta", 405, method="DELETE")
err("/", 405, method="PUT")
check("curl POST with a body -> 405", post == "405" and json.load(open(postfile)).get("status") == 405, post)
check("GET with a body -> 413", getbody == "413", getbody)

# path traversal: only the allow-listed files exist
check("curl --path-as-is /../../../../etc/passwd", traversal in ("400", "404"), traversal)
for path in ("/../README.md", "/%2e%2e/README.md", "/web/../src/serve.c", "//etc/passwd", "/index.html/../../etc/passwd",
             "/api/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/data/README.md", "/serve.db",
             "/.git/config", "/APP.JS", "/app.js/"):
    st, h, body = req(path)
    check("traversal %s" % path, st in (400, 404) and b"root:" not in body and b"#include" not in body, (st, body[:80]))

# libmicrohttpd decodes %00, so this names /app.js: still only an allow-listed file
st, h, body = req("/app.js%00.txt")
check("NUL in a path", st == 404 or (st == 200 and body == req("/app.js")[2]), st)

# one event with its evidence spans
wid = q[0]["id"]
st, h, one = api("/api/event/%d" % wid)
check("event detail", st == 200 and one["event"]["id"] == wid and one["reports"] and one["documents"], st)
docs = {d["id"]: d for d in one["documents"]}
for rep in one["reports"]:
    text = docs[rep["doc"]]["text"]
    raw = text.encode("utf-8")
    kinds = {s["kind"]: s for s in rep["spans"]}
    check("spans: sentence and event", "sentence" in kinds and "event" in kinds, kinds.keys())
    s = kinds.get("sentence")
    if s:
        check("sentence span bytes = evidence", raw[s["bytes"][0]:s["bytes"][1]].decode() == rep["evidence"],
              (raw[s["bytes"][0]:s["bytes"][1]][:80], rep["evidence"][:80]))
        u16 = text.encode("utf-16-le")
        check("sentence span UTF-16 indices", u16[2 * s["start"]:2 * s["end"]].decode("utf-16-le") == rep["evidence"])
    for k in ("source", "target"):
        if k in kinds:
            b0, b1 = kinds[k]["bytes"]
            check("%s span is the actor text" % k, raw[b0:b1].decode() == rep[k + "_text"])
check("hostile article comes back as data", "<script>" in docs["xss-001"]["text"] and "<script>" in docs["xss-001"]["title"])

# multi-byte text: UTF-16 offsets differ from bytes
found = False
for e in allv["events"]:
    st, h, det = api("/api/event/%d" % e["id"])
    dd = {d["id"]: d for d in det["documents"]}
    for rep in det["reports"]:
        t = dd[rep["doc"]]["text"]
        s = [x for x in rep["spans"] if x["kind"] == "sentence"]
        if s and len(t.encode()) != len(t):
            u16 = t.encode("utf-16-le")
            check("UTF-16 span in a non-ASCII document", u16[2 * s[0]["start"]:2 * s[0]["end"]].decode("utf-16-le") == rep["evidence"])
            found = True
            break
    if found:
        break

# timeline, network, places, docs
st, h, tl = api("/api/timeline?modality=all")
check("timeline shape", st == 200 and all(set(d) == {"date", "total", "quad"} and len(d["quad"]) == 4 and sum(d["quad"]) == d["total"] for d in tl["days"]))
check("timeline days ascending", [d["date"] for d in tl["days"]] == sorted(d["date"] for d in tl["days"]))
check("timeline counts every world event", sum(d["total"] for d in tl["days"]) + tl["undated"] == N, (sum(d["total"] for d in tl["days"]), tl["undated"], N))
st, h, tl2 = api("/api/timeline")
check("timeline leaves out hypothetical and negated by default", sum(d["total"] for d in tl2["days"]) + tl2["undated"] < N)
st, h, tl3 = api("/api/timeline?type=CONSULT&modality=all")
check("timeline filter", sum(d["total"] for d in tl3["days"]) + tl3["undated"] == len(c))
st, h, nw = api("/api/network")
keys = {n["key"] for n in nw["nodes"]}
check("network shape", st == 200 and nw["edges"] and all(e["source"] in keys and e["target"] in keys and e["events"] > 0 for e in nw["edges"]))
check("network nodes named", any(n["key"] == "RUS" and n["name"] == "Russia" for n in nw["nodes"]), nw["nodes"][:3])
st, h, nw2 = api("/api/network?limit=2")
check("network limit", len(nw2["edges"]) == 2)
st, h, pl = api("/api/places?modality=all")
check("places", st == 200 and pl["places"] and all(-90 <= x["lat"] <= 90 and -180 <= x["lon"] <= 180 and x["events"] > 0 for x in pl["places"]))
st, h, pl2 = api("/api/places?key=GEO&modality=all")
check("places filter", pl2["places"] and all(x["events"] <= y["events"] for x in pl2["places"] for y in pl["places"] if x["name"] == y["name"]))
st, h, ds = api("/api/docs?q=border%20patrols")
check("docs search", st == 200 and ds["docs"] and all(k in ds["docs"][0] for k in ("doc", "title", "snippet", "score")) and "\x02" in ds["docs"][0]["snippet"])
st, h, ds2 = api("/api/docs?q=%22unbalanced")
check("docs: an FTS5 syntax error is retried", st == 200)

# concurrent requests
results = []
def worker():
    for _ in range(10):
        results.append(api("/api/events?type=ACCUSE&limit=20")[0])
ts = [threading.Thread(target=worker) for _ in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
check("80 concurrent requests", results.count(200) == 80, results)

open(sys.argv[6], "w").write("%d %d\n" % (passed, failed))
PY
pass=0 fail=1
[ -s "$tmp/counts" ] && read -r pass fail < "$tmp/counts"
grep -q "GET /api/events 200" "$tmp/log" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL -v logs requests"; }
# an ingest while serving: cached answers must give way to the new data
before=$(curl -s "http://127.0.0.1:$port/api/meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
printf '%s\n' '{"id": "live-001", "date": "2023-09-12", "source": "example-wire.test", "title": "Estonia and Latvia sign a rail accord", "text": "TALLINN, Sept 12 (Example Wire) -- Estonia signed an agreement with Latvia on Tuesday to finish a joint rail link by 2030."}' > "$tmp/live.jsonl"
"$SITREP" ingest -q --db "$db" "$tmp/live.jsonl"
after=$(curl -s "http://127.0.0.1:$port/api/meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
if [ "$before" = 9 ] && [ "$after" = 10 ]; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL an ingest while serving is seen ($before -> $after documents)"; fi
kill -TERM "$pid"
wait "$pid"; src=$?
pid=
if [ $src -eq 0 ] && grep -q "stopped (SIGTERM)" "$tmp/log"; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL the server did not stop cleanly on SIGTERM (exit $src)"; tail -n 30 "$tmp/log"; fi
# a missing database and a bad port are usage errors
"$SITREP" serve --db "$tmp/missing.db" --port 0 2>/dev/null; [ $? -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL missing db: want exit 2"; }
"$SITREP" serve --db "$db" --port 70000 2>/dev/null; [ $? -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL bad port: want exit 2"; }
"$SITREP" serve --db "$db" --port 0 --web "$tmp/none" 2>/dev/null; [ $? -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL missing web dir: want exit 2"; }
echo "serve: $pass passed, $fail failed"
[ $fail -eq 0 ]
