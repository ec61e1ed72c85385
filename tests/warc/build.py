#!/usr/bin/env python3
"""tests/warc/build.py -- writes the WARC files the tests and the benchmark
read (nothing here is downloaded; the pages are tests/html/ and the small
ones below, all written for sitrep).

  build.py test OUT.warc.gz        the archive of tests/cli/warc.sh: one
        gzip member per record, WARC/1.0 and 1.1, warcinfo, request,
        metadata, revisit, a non-HTML and a non-2xx response, chunked and
        gzip-coded payloads, a page without a date, a truncated last record
  build.py lie OUT.warc.gz         a Content-Length longer than its record
  build.py short OUT.warc          a Content-Length shorter than its record
  build.py big OUT.warc.gz         a 20 MB page between two good ones
  build.py truncgz OUT.warc.gz     the file cut inside a gzip member
  build.py bench OUT.warc.gz MB    about MB megabytes of compressed records
        shaped like a news crawl's (see bench() and realistic.py)
"""
import gzip, os, sys, uuid, zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "html")

def page(name):
    with open(os.path.join(PAGES, name + ".html"), "rb") as fp:
        return fp.read()

NODATE = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ferry service to the islands suspended | Coastal Wire</title>
<meta property="og:site_name" content="Coastal Wire"></head><body><nav><a href="/">Home</a> <a href="/ferries">Ferries</a></nav>
<article><h1>Ferry service to the islands suspended</h1><div class="body">
<p>The state ferry company suspended all sailings to the outer islands after two of its vessels failed safety inspections, leaving hundreds of residents without a link to the mainland.</p>
<p>The transport ministry said a replacement vessel would be chartered from a neighbouring country within ten days.</p>
</div></article><footer>Coastal Wire</footer></body></html>"""
NODATE_TEXT = ("The state ferry company suspended all sailings to the outer islands after two of its vessels failed safety inspections, leaving hundreds of residents without a link to the mainland.\n"
               "The transport ministry said a replacement vessel would be chartered from a neighbouring country within ten days.")

def rid(n):
    return "<urn:uuid:%s>" % uuid.UUID(int=0x5157_0000_0000_4000_8000_000000000000 + n)

def record(wtype, n, block, uri=None, date="2025-06-01T10:00:00Z", ctype=None, version="1.1", extra=""):
    h = "WARC/%s\r\nWARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n" % (version, wtype, rid(n), date)
    if uri:
        h += "WARC-Target-URI: %s\r\n" % uri
    if ctype:
        h += "Content-Type: %s\r\n" % ctype
    h += extra
    h += "Content-Length: %d\r\n\r\n" % len(block)
    return h.encode() + block + b"\r\n\r\n"

def http(body, ctype="text/html; charset=utf-8", status="200 OK", headers=""):
    return ("HTTP/1.1 %s\r\nContent-Type: %s\r\n%s\r\n" % (status, ctype, headers)).encode() + body

def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        c = body[i:i + size]
        out += b"%x\r\n" % len(c) + c + b"\r\n"
    return out + b"0\r\n\r\n"

def gz(rec):
    return gzip.compress(rec, 6)

def test_records():
    wire = page("wire-service")
    coded = gzip.compress(wire)
    recs = [
        record("warcinfo", 1, b"software: tests/warc/build.py\r\nformat: WARC File Format 1.1\r\n", ctype="application/warc-fields"),
        record("request", 2, b"GET /world/turkey-greece-talks HTTP/1.1\r\nHost: wirenet.example\r\n\r\n",
               uri="https://wirenet.example/world/turkey-greece-talks", ctype="application/http; msgtype=request"),
        record("response", 3, http(chunked(coded), headers="Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n"),
               uri="https://wirenet.example/world/turkey-greece-talks", date="2025-05-14T12:00:00Z",
               ctype="application/http; msgtype=response"),
        record("metadata", 4, b"fetchTimeMs: 120\r\n", uri="https://wirenet.example/world/turkey-greece-talks",
               ctype="application/warc-fields"),
        record("response", 5, http(NODATE), uri="https://coastalwire.example/ferries-suspended",
               date="2025-06-01T08:30:00Z", ctype="application/http; msgtype=response", version="1.0"),
        record("response", 6, http(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ctype="image/png"),
               uri="https://coastalwire.example/logo.png", ctype="application/http; msgtype=response"),
        record("revisit", 7, http(b"", status="304 Not Modified"), uri="https://wirenet.example/world/turkey-greece-talks",
               ctype="application/http; msgtype=response",
               extra="WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\n"),
        record("response", 8, http(b"<html><body>Moved</body></html>", status="301 Moved Permanently"),
               uri="http://wirenet.example/old", ctype="application/http; msgtype=response"),
        record("response", 9, http(page("latin1"), ctype="text/html; charset=ISO-8859-1"),
               uri="https://suedkurier.example/politik/abschiebefluege", ctype="application/http; msgtype=response"),
    ]
    last = gz(record("response", 10, http(page("national-daily")), uri="https://nationalcourier.example/x",
                     ctype="application/http; msgtype=response"))
    return b"".join(gz(r) for r in recs) + last[: len(last) // 2]

def _b32(rng):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(32))

def bench(out, target):
    """About target bytes of records shaped like a news crawl's: per page a
    request, a response (realistic.py: 30-250 KB of HTML) and a metadata
    record, each its own gzip member at level 6; among them revisits,
    redirects, 404s and non-HTML responses (robots.txt, feeds, images)."""
    import random
    import realistic
    rng = random.Random(20261123)
    names = sorted(n[:-5] for n in os.listdir(PAGES) if n.endswith(".html"))
    blobs = [page(n) for n in names]
    sites = [realistic.Site(rng, k) for k in range(12)]
    ua = "CCBot/2.0 (https://commoncrawl.example/faq/)"
    size, n = 0, 0
    with open(out, "wb") as fp:
        info = record("warcinfo", 99999, b"software: tests/warc/build.py bench\r\nformat: WARC File Format 1.1\r\n"
                      b"isPartOf: CC-NEWS-BENCH\r\noperator: nobody\r\n", ctype="application/warc-fields")
        fp.write(gz(info))
        while size < target:
            site = sites[rng.randrange(len(sites))]
            path = "/%s/2025/%02d/%02d/%s-%d" % (rng.choice(realistic.SECTIONS).lower(), rng.randint(1, 12),
                                                 rng.randint(1, 28), "-".join(rng.sample(realistic.WORDS, 6)), n)
            uri = "https://www.%s%s" % (site.host, path)
            date = "2025-%02d-%02dT%02d:%02d:%02dZ" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                                      rng.randint(0, 59), rng.randint(0, 59))
            base = 10 ** 7 + 4 * n
            req = ("GET %s HTTP/1.1\r\nHost: www.%s\r\nUser-Agent: %s\r\nAccept: text/html,application/xhtml+xml,"
                   "application/xml;q=0.9,*/*;q=0.8\r\nAccept-Language: en-US,en;q=0.5\r\nAccept-Encoding: br,gzip\r\n"
                   "Connection: Keep-Alive\r\n\r\n" % (path, site.host, ua)).encode()
            recs = [record("request", base, req, uri=uri, date=date, ctype="application/http; msgtype=request",
                           extra="WARC-IP-Address: 192.0.2.%d\r\nWARC-Block-Digest: sha1:%s\r\n" % (rng.randint(1, 254), _b32(rng)))]
            kind = rng.random()
            status, ctype, extra = "200 OK", "text/html; charset=UTF-8", ""
            if kind < 0.03:
                body = b""
                wtype = "revisit"
                status = "200 OK"
                extra = ("WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\n"
                         "WARC-Refers-To-Target-URI: %s\r\n" % uri)
            elif kind < 0.07:
                body, wtype, status = b"", "response", "301 Moved Permanently"
            elif kind < 0.08:
                body, wtype, status = b"<html><body><h1>Not found</h1></body></html>", "response", "404 Not Found"
            elif kind < 0.11:
                wtype = "response"
                ctype, body = rng.choice([("text/plain", b"User-agent: *\nDisallow: /search\nSitemap: https://x.example/sitemap.xml\n"),
                                          ("application/rss+xml", b"<?xml version=\"1.0\"?><rss><channel>" +
                                           b"".join(b"<item><title>%s</title></item>" % realistic._headline(rng).encode() for _ in range(40)) +
                                           b"</channel></rss>"),
                                          ("image/jpeg", bytes(rng.getrandbits(8) for _ in range(rng.randint(2000, 30000))))])
            else:
                wtype = "response"
                art = blobs[rng.randrange(len(blobs))]
                if b"ISO-8859-1" in art or b"iso-8859-1" in art:
                    ctype = "text/html; charset=ISO-8859-1"
                body = realistic.dress(site, rng, art)
            hdr = ("HTTP/1.1 %s\r\nDate: Mon, 02 Jun 2025 10:00:00 GMT\r\nContent-Type: %s\r\n"
                   "Connection: keep-alive\r\nVary: Accept-Encoding\r\nCache-Control: public, max-age=%d\r\n"
                   "Server: %s\r\nX-Cache: %s\r\nAge: %d\r\nETag: W/\"%s\"\r\n"
                   "Set-Cookie: sid=%s; Path=/; Secure; HttpOnly; SameSite=Lax\r\nStrict-Transport-Security: max-age=31536000\r\n"
                   "X-Crawler-Content-Encoding: gzip\r\nContent-Length: %d\r\n%s\r\n"
                   % (status, ctype, rng.choice([60, 300, 600]), rng.choice(["nginx", "Apache", "cloudflare", "AmazonS3"]),
                      rng.choice(["HIT", "MISS"]), rng.randint(0, 900), realistic._hex(rng, 16), realistic._hex(rng, 32), len(body),
                      "Location: %s/\r\n" % uri if status.startswith("301") else "")).encode()
            recs.append(record(wtype, base + 1, hdr + body, uri=uri, date=date, ctype="application/http; msgtype=response",
                               extra=extra + "WARC-Concurrent-To: %s\r\nWARC-IP-Address: 192.0.2.%d\r\n"
                               "WARC-Payload-Digest: sha1:%s\r\nWARC-Block-Digest: sha1:%s\r\n"
                               "WARC-Identified-Payload-Type: %s\r\n" % (rid(base), rng.randint(1, 254), _b32(rng), _b32(rng),
                                                                         ctype.split(";")[0])))
            recs.append(record("metadata", base + 2, ("fetchTimeMs: %d\r\ncharset-detected: UTF-8\r\n"
                                                      "languages-cld2: {\"reliable\":true,\"languages\":[{\"code\":\"en\",\"text-bytes\":%d}]}\r\n"
                                                      % (rng.randint(50, 3000), len(body))).encode(),
                               uri=uri, date=date, ctype="application/warc-fields",
                               extra="WARC-Concurrent-To: %s\r\n" % rid(base + 1)))
            rec = b"".join(gz(r) for r in recs)
            fp.write(rec)
            size += len(rec)
            n += 1

def main():
    mode, out = sys.argv[1], sys.argv[2]
    if mode == "test":
        data = test_records()
    elif mode == "lie":
        good = record("response", 21, http(NODATE), uri="https://coastalwire.example/a", ctype="application/http; msgtype=response")
        r = record("response", 22, http(page("amp")), uri="https://eastafricaledger.example/lie", ctype="application/http; msgtype=response")
        r = r.replace(b"Content-Length: ", b"Content-Length: 9", 1)   # ten times too long
        data = gz(r) + gz(good)
    elif mode == "short":
        r = record("response", 31, http(page("amp")), uri="https://eastafricaledger.example/short", ctype="application/http; msgtype=response")
        head, body = r.split(b"\r\n\r\n", 1)
        n = int(head.rsplit(b"Content-Length: ", 1)[1])
        r = head.rsplit(b"Content-Length: ", 1)[0] + b"Content-Length: %d\r\n\r\n" % (n // 2) + body
        good = record("response", 32, http(NODATE), uri="https://coastalwire.example/b", ctype="application/http; msgtype=response")
        data = r + good
    elif mode == "big":
        filler = b"<p>" + b"The committee met again and adjourned without a decision on the matter. " * 40 + b"</p>\n"
        huge = b"<html><body><article>" + filler * (20 * 1024 * 1024 // len(filler) + 1) + b"</article></body></html>"
        data = (gz(record("response", 41, http(NODATE), uri="https://coastalwire.example/c", ctype="application/http; msgtype=response"))
                + gz(record("response", 42, http(huge), uri="https://bigpage.example/huge", ctype="application/http; msgtype=response"))
                + gz(record("response", 43, http(page("wire-service")), uri="https://wirenet.example/d", ctype="application/http; msgtype=response")))
    elif mode == "truncgz":
        one = gz(record("response", 51, http(NODATE), uri="https://coastalwire.example/e", ctype="application/http; msgtype=response"))
        whole = gzip.compress(b"".join(record("response", 52 + i, http(page(p)), uri="https://x.example/%d" % i,
                                              ctype="application/http; msgtype=response")
                                       for i, p in enumerate(["amp", "wire-service", "cookie-banner"])))
        data = one + whole[: len(whole) * 2 // 3]
    elif mode == "bench":
        bench(out, float(sys.argv[3]) * 1e6)
        return
    else:
        sys.exit(__doc__)
    with open(out, "wb") as fp:
        fp.write(data)

if __name__ == "__main__":
    main()
