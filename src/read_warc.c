/* read_warc.c -- stage 1 for web archives (WARC 1.0/1.1, ISO 28500).
 *
 * In:  an open file, plain or gzip (one member per record, or one for all).
 * Out: one sr_doc per HTML response record (read_warc.h).
 *
 * Three layers over one window of bytes: a byte stream, WARC records
 * (version line, named fields, a Content-Length block, CRLF CRLF), and
 * HTTP responses (status, headers, chunked, gzip/deflate) whose HTML
 * payload read_html turns into a document.  The byte stream is the plain
 * file read in 1 MiB pieces, or gzip: a member that fits the limits below
 * is inflated whole by libdeflate (the window is then the member, and a
 * block inside it is used where it lies, not copied); any other member
 * (larger than those limits, cut short, corrupt, not gzip) is inflated
 * by zlib (windowBits 15+32) in 64 KiB pieces, which also tells how it
 * went wrong.  A member end is a soft boundary that block reads do not
 * cross.  Memory: the compressed input buffer and the inflated member each
 * stay under max_doc_bytes (at most 64 MiB) + 1 MiB, and at most one
 * copied block (<= max_doc_bytes) is held; larger records are streamed
 * past.
 */
#include "read_warc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libdeflate.h>
#include <zlib.h>

#include "read_html.h"
#include "sitrep.h"

#define WARC_CHUNK 65536        /* zlib's output pieces */
#define WARC_INPUT (1u << 20)   /* file reads */
#define WARC_MEMBER (1u << 20)  /* first size of the whole-member buffer */
#define WARC_MEMBER_MAX (64u << 20)  /* larger members are streamed */
#define WARC_MAX_HEADER 65536   /* bytes of WARC or HTTP header per record */

enum { SK_WARCINFO, SK_REQUEST, SK_METADATA, SK_REVISIT, SK_RESOURCE, SK_CONVERSION,
       SK_CONTINUATION, SK_OTHER_TYPE, SK_NOT_HTML, SK_NOT_OK, SK_ERROR, SK_N };
static const char *const S_skip_names[SK_N] = {
    "warcinfo", "request", "metadata", "revisit", "resource", "conversion", "continuation",
    "other type", "non-HTML response", "non-2xx response", "with errors"};

struct warc_reader {
    FILE *fp;
    char *path;
    size_t max;
    read_report_fn report;
    void *ctx;
    int quiet_end;          /* the stream's end was already reported */
    int gz, zinit, in_member, boundary, eof, trunc, zerr, done;
    long members, record, docs, skipped[SK_N];
    size_t bytes_in;
    z_stream zs;
    struct libdeflate_decompressor *ld;
    unsigned char *ib;      /* file bytes [ipos, ilen) not used yet; icap + 1 */
    size_t ipos, ilen, icap;
    int ieof;               /* the file has no more bytes */
    unsigned char *mem;     /* a whole inflated member; mcap + 1 */
    size_t mcap;
    unsigned char out[WARC_CHUNK + 1];  /* zlib's pieces */
    unsigned char *win;     /* the window: ib (plain), mem or out */
    size_t opos, olen;
    buf line;               /* current header line */
    int pending;            /* line holds the next record's version line */
    char *block;            /* current record block (malloc'd) */
    size_t block_cap;
};

static void S_report(warc_reader *w, read_level lvl, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void S_report(warc_reader *w, read_level lvl, const char *id, const char *fmt, ...)
{
    if (!w->report) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    w->report(w->ctx, lvl, w->path, w->record, id, msg);
}

int read_warc_sniff(const unsigned char *s, size_t n)
{
    return (n >= 2 && s[0] == 0x1f && s[1] == 0x8b) || (n >= 5 && !memcmp(s, "WARC/", 5));
}

warc_reader *read_warc_open(FILE *fp, const char *path, size_t max_doc_bytes,
                            read_report_fn report, void *report_ctx)
{
    warc_reader *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->fp = fp;
    w->path = strdup(path ? path : "-");
    w->max = max_doc_bytes ? max_doc_bytes : (16u << 20);
    w->report = report;
    w->ctx = report_ctx;
    buf_init(&w->line);
    w->icap = WARC_INPUT;
    w->ib = malloc(w->icap + 1);
    if (!w->path || !w->ib) {
        read_warc_free(w);
        return NULL;
    }
    size_t k = fread(w->ib, 1, w->icap, fp);
    w->bytes_in = k;
    w->ilen = k;
    if (k < w->icap) w->ieof = 1;
    if (k >= 2 && w->ib[0] == 0x1f && w->ib[1] == 0x8b) {
        w->gz = 1;
        w->mcap = WARC_MEMBER;
        w->mem = malloc(w->mcap + 1);
        w->ld = libdeflate_alloc_decompressor();
        if (!w->mem || !w->ld || inflateInit2(&w->zs, 15 + 32) != Z_OK) {
            read_warc_free(w);
            return NULL;
        }
        w->zinit = 1;
    } else {
        w->win = w->ib;
        w->olen = k;
        w->ipos = k;
        if (!k) w->eof = 1;
    }
    return w;
}

void read_warc_free(warc_reader *w)
{
    if (!w) return;
    if (w->zinit) inflateEnd(&w->zs);
    if (w->ld) libdeflate_free_decompressor(w->ld);
    free(w->ib);
    free(w->mem);
    free(w->path);
    free(w->block);
    buf_free(&w->line);
    free(w);
}

size_t read_warc_bytes(const warc_reader *w) { return w->bytes_in; }

/* ---- the byte stream ----------------------------------------------------- */

/* Keeps at least `want` file bytes after ipos when the file has them,
 * growing the input buffer up to `want`.  Returns the bytes after ipos. */
static size_t S_input(warc_reader *w, size_t want)
{
    size_t have = w->ilen - w->ipos;
    if (have >= want || w->ieof) return have;
    if (w->ipos) {
        memmove(w->ib, w->ib + w->ipos, have);
        w->ilen = have;
        w->ipos = 0;
    }
    if (want > w->icap) {
        unsigned char *nb = realloc(w->ib, want + 1);
        if (nb) {
            w->ib = nb;
            w->icap = want;
        }
    }
    while (w->ilen < w->icap && w->ilen < want) {
        size_t k = fread(w->ib + w->ilen, 1, w->icap - w->ilen, w->fp);
        w->bytes_in += k;
        w->ilen += k;
        if (!k) {
            w->ieof = 1;
            break;
        }
    }
    return w->ilen - w->ipos;
}

/* Inflates the gzip member at ipos whole with libdeflate, the window
 * becoming the member.  Returns 1, or 0 to leave the member to zlib: not
 * a gzip header, larger than max_doc_bytes (at most 64 MiB) + 1 MiB, cut
 * short or corrupt (zlib then says which). */
static int S_member(warc_reader *w)
{
    size_t limit = (w->max < WARC_MEMBER_MAX ? w->max : WARC_MEMBER_MAX) + (1u << 20);
    size_t have = S_input(w, limit < (256u << 10) ? limit : (256u << 10));
    const unsigned char *p = w->ib + w->ipos;
    if (have < 18 || p[0] != 0x1f || p[1] != 0x8b || p[2] != 8) return 0;
    for (;;) {
        size_t used, got;
        enum libdeflate_result r = libdeflate_gzip_decompress_ex(w->ld, w->ib + w->ipos, have, w->mem,
                                                                 w->mcap, &used, &got);
        if (r == LIBDEFLATE_SUCCESS) {
            w->ipos += used;
            w->win = w->mem;
            w->opos = 0;
            w->olen = got;
            w->members++;
            w->boundary = 1;
            return 1;
        }
        if (r == LIBDEFLATE_INSUFFICIENT_SPACE) {
            if (w->mcap >= limit) return 0;
            size_t cap = w->mcap * 2 < limit ? w->mcap * 2 : limit;
            unsigned char *nb = realloc(w->mem, cap + 1);
            if (!nb) return 0;
            w->mem = nb;
            w->mcap = cap;
            continue;
        }
        /* bad data, or a member longer than the bytes read so far */
        if (w->ieof || have >= limit) return 0;
        size_t more = S_input(w, have * 2 < limit ? have * 2 : limit);
        if (more <= have) return 0;
        have = more;
    }
}

/* Refills the window.  Returns 1 when bytes are there, 0 at the end of the
 * file or of a gzip member (w->boundary). */
static int S_fill(warc_reader *w)
{
    if (w->opos < w->olen) return 1;
    if (w->eof || w->boundary) return 0;
    w->opos = w->olen = 0;
    if (!w->gz) {
        size_t k = fread(w->ib, 1, w->icap, w->fp);
        w->bytes_in += k;
        w->win = w->ib;
        w->olen = k;
        if (!k) w->eof = 1;
        return k > 0;
    }
    if (!w->in_member && S_member(w)) return w->olen > 0;
    w->win = w->out;
    for (;;) {
        if (w->ipos == w->ilen) {
            w->ipos = w->ilen = 0;
            if (!S_input(w, WARC_CHUNK)) {
                if (w->in_member) w->trunc = 1;
                w->eof = 1;
                return 0;
            }
        }
        w->zs.next_in = w->ib + w->ipos;
        w->zs.avail_in = (uInt)(w->ilen - w->ipos);
        w->zs.next_out = w->out;
        w->zs.avail_out = WARC_CHUNK;
        int r = inflate(&w->zs, Z_NO_FLUSH);
        w->ipos = w->ilen - w->zs.avail_in;
        size_t got = WARC_CHUNK - w->zs.avail_out;
        if (r == Z_STREAM_END) {
            w->members++;
            w->in_member = 0;
            inflateReset(&w->zs);
            w->boundary = 1;
        } else if (r == Z_OK || r == Z_BUF_ERROR) {
            w->in_member = 1;
        } else {
            w->zerr = 1;
            w->eof = 1;
        }
        w->olen = got;
        if (got) return 1;
        if (w->boundary || w->eof) return 0;
    }
}

/* Goes on past the end of a gzip member. */
static void S_cross(warc_reader *w) { w->boundary = 0; }

/* Copies (dst != NULL) or skips up to n bytes, stopping at a boundary.
 * Returns the count. */
static size_t S_read(warc_reader *w, char *dst, size_t n)
{
    size_t done = 0;
    while (done < n && S_fill(w)) {
        size_t k = w->olen - w->opos;
        if (k > n - done) k = n - done;
        if (dst) memcpy(dst + done, w->win + w->opos, k);
        w->opos += k;
        done += k;
    }
    return done;
}

static int S_peek(warc_reader *w)
{
    return S_fill(w) ? w->win[w->opos] : -1;
}

/* Reads a line (newline dropped, CR kept off) into w->line.  Crosses
 * member boundaries when `cross`.  Returns 1, 0 at the end, or -1 when
 * the line is over WARC_MAX_HEADER (the rest of it is skipped), or
 * SITREP_ENOMEM. */
static int S_getline(warc_reader *w, int cross)
{
    buf_reset(&w->line);
    int any = 0, over = 0;
    for (;;) {
        if (!S_fill(w)) {
            if (cross && w->boundary && !any) {
                S_cross(w);
                continue;
            }
            break;
        }
        any = 1;
        const unsigned char *p = w->win + w->opos;
        size_t avail = w->olen - w->opos;
        const unsigned char *nl = memchr(p, '\n', avail);
        size_t k = nl ? (size_t)(nl - p) : avail;
        if (!over && w->line.len + k > WARC_MAX_HEADER) over = 1;
        if (!over && buf_put(&w->line, (const char *)p, k)) return SITREP_ENOMEM;
        w->opos += k + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any) return 0;
    if (w->line.len && w->line.s[w->line.len - 1] == '\r') w->line.s[--w->line.len] = 0;
    if (!w->line.s && buf_put(&w->line, "", 0)) return SITREP_ENOMEM;
    return over ? -1 : 1;
}

/* After a bad record: skips to the end of the gzip member, or to the next
 * line that starts a WARC record (kept pending). */
static int S_resync(warc_reader *w)
{
    for (;;) {
        int rc = S_getline(w, 0);
        if (rc == SITREP_ENOMEM) return rc;
        if (rc == 0) return 0;
        if (rc == 1 && !strncmp(w->line.s, "WARC/1.", 7)) {
            w->pending = 1;
            return 0;
        }
    }
}

/* ---- records ------------------------------------------------------------- */

typedef struct {
    char type[32], id[256], uri[2048], date[40], ctype[128];
    long long length;
} S_fields;

static void S_field(char *dst, size_t n, const char *v)
{
    while (*v == ' ' || *v == '\t') v++;
    snprintf(dst, n, "%s", v);
    size_t l = strlen(dst);
    while (l && (dst[l - 1] == ' ' || dst[l - 1] == '\t')) dst[--l] = 0;
}

/* Reads the named fields up to the empty line.  Returns 1, 0 when the
 * header is cut short, or SITREP_ENOMEM. */
static int S_fields_read(warc_reader *w, S_fields *f)
{
    memset(f, 0, sizeof *f);
    f->length = -1;
    size_t total = 0;
    for (;;) {
        int rc = S_getline(w, 0);
        if (rc == SITREP_ENOMEM) return rc;
        if (rc <= 0) return 0;
        if (!w->line.len) return 1;
        total += w->line.len;
        if (total > WARC_MAX_HEADER) return 0;
        char *colon = strchr(w->line.s, ':');
        if (!colon) continue;
        *colon = 0;
        const char *k = w->line.s, *v = colon + 1;
        if (!strcasecmp(k, "WARC-Type")) S_field(f->type, sizeof f->type, v);
        else if (!strcasecmp(k, "WARC-Record-ID")) S_field(f->id, sizeof f->id, v);
        else if (!strcasecmp(k, "WARC-Target-URI")) S_field(f->uri, sizeof f->uri, v);
        else if (!strcasecmp(k, "WARC-Date")) S_field(f->date, sizeof f->date, v);
        else if (!strcasecmp(k, "Content-Type")) S_field(f->ctype, sizeof f->ctype, v);
        else if (!strcasecmp(k, "Content-Length")) {
            char *end;
            while (*v == ' ') v++;
            long long n = strtoll(v, &end, 10);
            while (*end == ' ' || *end == '\t') end++;
            f->length = (*end || n < 0 || end == v) ? -2 : n;
        }
    }
}

static int S_skip_kind(const char *type)
{
    static const char *const t[] = {"warcinfo", "request", "metadata", "revisit",
                                    "resource", "conversion", "continuation"};
    for (int i = 0; i < 7; i++)
        if (!strcasecmp(type, t[i])) return i;
    return SK_OTHER_TYPE;
}

/* ---- HTTP ---------------------------------------------------------------- */

/* Decodes a chunked body in place.  Returns the decoded length, or -1. */
static long S_unchunk(char *s, size_t n)
{
    size_t r = 0, o = 0;
    for (;;) {
        size_t e = r;
        while (e < n && s[e] != '\n') e++;
        if (e >= n) return -1;
        char *end;
        unsigned long long k = strtoull(s + r, &end, 16);
        if (end == s + r) return -1;
        r = e + 1;
        if (k == 0) return (long)o;
        if (k > n - r) return -1;
        memmove(s + o, s + r, (size_t)k);
        o += (size_t)k;
        r += (size_t)k;
        if (r < n && s[r] == '\r') r++;
        if (r < n && s[r] == '\n') r++;
    }
}

/* Inflates a gzip or deflate body into a malloc'd buffer of at most max
 * bytes.  Returns it with *outlen, or NULL (*err: 1 corrupt, 2 too big,
 * 3 out of memory). */
static char *S_decode(const char *s, size_t n, size_t max, size_t *outlen, int *err)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* 15+32 detects gzip and zlib; raw deflate needs -15 */
    int raw = n >= 1 && ((unsigned char)s[0] != 0x1f && ((unsigned char)s[0] & 0x0f) != 8);
    if (inflateInit2(&zs, raw ? -15 : 15 + 32) != Z_OK) { *err = 3; return NULL; }
    size_t cap = n * 4 + 4096;
    if (cap > max + 1) cap = max + 1;
    char *out = malloc(cap);
    if (!out) { inflateEnd(&zs); *err = 3; return NULL; }
    zs.next_in = (Bytef *)s;
    zs.avail_in = (uInt)n;
    size_t len = 0;
    for (;;) {
        if (len == cap) {
            if (cap > max) { free(out); inflateEnd(&zs); *err = 2; return NULL; }
            cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *nb = realloc(out, cap);
            if (!nb) { free(out); inflateEnd(&zs); *err = 3; return NULL; }
            out = nb;
        }
        zs.next_out = (Bytef *)out + len;
        zs.avail_out = (uInt)(cap - len);
        int r = inflate(&zs, Z_NO_FLUSH);
        len = cap - zs.avail_out;
        if (r == Z_STREAM_END) break;
        if (r != Z_OK && !(r == Z_BUF_ERROR && zs.avail_out == 0)) {
            free(out);
            inflateEnd(&zs);
            *err = 1;
            return NULL;
        }
    }
    inflateEnd(&zs);
    if (len > max) { free(out); *err = 2; return NULL; }
    *outlen = len;
    return out;
}

static int S_hdr_has(const char *v, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = v; *p; p++)
        if (!strncasecmp(p, word, n)) return 1;
    return 0;
}

/* Turns a response block into a document.  Returns 1, 0 (skipped and
 * counted), or SITREP_ENOMEM. */
static int S_response(warc_reader *w, arena *a, sr_doc *doc, char *blk, size_t n,
                      const S_fields *f, const char *id)
{
    /* status line and header fields */
    size_t i = 0;
    int status = 0;
    char ctype[128] = "", tenc[64] = "", cenc[64] = "";
    if (n < 12 || strncmp(blk, "HTTP/", 5)) {
        S_report(w, READ_ERROR, id, "response record without an HTTP status line; skipped");
        w->skipped[SK_ERROR]++;
        return 0;
    }
    for (int line = 0;; line++) {
        size_t e = i;
        while (e < n && blk[e] != '\n') e++;
        if (e >= n) {
            S_report(w, READ_ERROR, id, "HTTP header not terminated; skipped");
            w->skipped[SK_ERROR]++;
            return 0;
        }
        size_t le = e > i && blk[e - 1] == '\r' ? e - 1 : e;
        if (le == i) { i = e + 1; break; }
        char tmp[512];
        size_t l = le - i < sizeof tmp - 1 ? le - i : sizeof tmp - 1;
        memcpy(tmp, blk + i, l);
        tmp[l] = 0;
        if (line == 0) {
            const char *sp = strchr(tmp, ' ');
            status = sp ? atoi(sp + 1) : 0;
        } else {
            char *colon = strchr(tmp, ':');
            if (colon) {
                *colon = 0;
                if (!strcasecmp(tmp, "Content-Type")) S_field(ctype, sizeof ctype, colon + 1);
                else if (!strcasecmp(tmp, "Transfer-Encoding")) S_field(tenc, sizeof tenc, colon + 1);
                else if (!strcasecmp(tmp, "Content-Encoding")) S_field(cenc, sizeof cenc, colon + 1);
            }
        }
        i = e + 1;
    }
    if (status < 200 || status > 299) {
        w->skipped[SK_NOT_OK]++;
        return 0;
    }
    char *body = blk + i;
    size_t blen = n - i;
    if (ctype[0] ? !(S_hdr_has(ctype, "text/html") || S_hdr_has(ctype, "xhtml"))
                 : !(blen && memchr(body, '<', blen < 64 ? blen : 64))) {
        w->skipped[SK_NOT_HTML]++;
        return 0;
    }
    if (S_hdr_has(tenc, "chunked")) {
        long k = S_unchunk(body, blen);
        if (k < 0) {
            S_report(w, READ_ERROR, id, "malformed chunked transfer coding; skipped");
            w->skipped[SK_ERROR]++;
            return 0;
        }
        blen = (size_t)k;
    }
    char *dec = NULL;
    if (S_hdr_has(cenc, "gzip") || S_hdr_has(cenc, "deflate")) {
        int err = 0;
        size_t dlen;
        dec = S_decode(body, blen, w->max, &dlen, &err);
        if (!dec) {
            if (err == 3) return SITREP_ENOMEM;
            if (err == 2)
                S_report(w, READ_ERROR, id, "decoded page over the document size limit (%zu bytes); skipped", w->max);
            else
                S_report(w, READ_ERROR, id, "corrupt %s content coding; skipped", cenc);
            w->skipped[SK_ERROR]++;
            return 0;
        }
        body = dec;
        blen = dlen;
    } else if (cenc[0] && strcasecmp(cenc, "identity")) {
        S_report(w, READ_ERROR, id, "unsupported Content-Encoding '%s'; skipped", cenc);
        w->skipped[SK_ERROR]++;
        return 0;
    }
    char charset[64] = "";
    const char *cs = strstr(ctype, "harset=");
    if (cs) S_field(charset, sizeof charset, cs + 7);
    doc->id = arena_strdup(a, id);
    doc->file = arena_strdup(a, w->path);
    doc->line = w->record;
    int rc = read_html_doc(a, body, blen, charset[0] ? charset : NULL, doc, w->report, w->ctx);
    free(dec);
    if (rc <= 0) {
        if (rc == 0) w->skipped[SK_ERROR]++;
        return rc;
    }
    if (f->uri[0]) doc->url = arena_strdup(a, f->uri);
    if (doc->day < 0) {
        int y = -1, m, d;
        if (!(sitrep_dateline(doc->text, doc->text_len, &y, &m, &d) && y > 0)) {
            long day;
            char ymd[11];
            if (f->date[0] && sitrep_parse_ymd(f->date, &day) == 0) {
                sitrep_format_day(day, ymd);
                doc->day = day;
                doc->date = arena_strdup(a, ymd);
                doc->date_origin = DATE_GIVEN;
                S_report(w, READ_WARN, doc->id,
                         "no date in the page; using the crawl date (WARC-Date %s) as a fallback", ymd);
            }
        }
    }
    return 1;
}

static void S_summary(warc_reader *w)
{
    char msg[512];
    long skipped = 0;
    for (int i = 0; i < SK_N; i++) skipped += w->skipped[i];
    int k = snprintf(msg, sizeof msg, "WARC: %ld record%s, %ld document%s", w->record,
                     w->record == 1 ? "" : "s", w->docs, w->docs == 1 ? "" : "s");
    if (skipped) {
        k += snprintf(msg + k, sizeof msg - (size_t)k, "; skipped %ld:", skipped);
        const char *sep = " ";
        for (int i = 0; i < SK_N && k < (int)sizeof msg; i++)
            if (w->skipped[i]) {
                k += snprintf(msg + k, sizeof msg - (size_t)k, "%s%ld %s", sep, w->skipped[i],
                              S_skip_names[i]);
                sep = ", ";
            }
    }
    if (w->report) w->report(w->ctx, READ_INFO, w->path, 0, NULL, msg);
}

/* Strips the angle brackets of "<urn:uuid:...>". */
static void S_bare_id(const char *id, char *out, size_t n)
{
    size_t l = strlen(id);
    if (l >= 2 && id[0] == '<' && id[l - 1] == '>') snprintf(out, n, "%.*s", (int)(l - 2), id + 1);
    else snprintf(out, n, "%s", id);
}

int read_warc_next(warc_reader *w, arena *a, sr_doc *doc)
{
    while (!w->done) {
        /* the version line, past blank lines and member ends */
        int rc;
        if (w->pending) {
            w->pending = 0;
            rc = 1;
        } else {
            do {
                rc = S_getline(w, 1);
            } while (rc == 1 && !w->line.len);
        }
        if (rc == SITREP_ENOMEM) return rc;
        if (rc == 0) {
            if (w->quiet_end) ;
            else if (w->zerr) S_report(w, READ_ERROR, NULL, "corrupt gzip data after record %ld; rest of the file skipped", w->record);
            else if (w->trunc) S_report(w, READ_ERROR, NULL, "truncated gzip stream after record %ld", w->record);
            w->done = 1;
            break;
        }
        w->record++;
        if (rc < 0 || strncmp(w->line.s, "WARC/1.", 7)) {
            S_report(w, READ_ERROR, NULL, "not a WARC record (no WARC/1.0 or WARC/1.1 line); skipping to the next record");
            w->skipped[SK_ERROR]++;
            if ((rc = S_resync(w)) < 0) return rc;
            continue;
        }
        S_fields f;
        rc = S_fields_read(w, &f);
        if (rc < 0) return rc;
        char id[256];
        S_bare_id(f.id, id, sizeof id);
        const char *rid = id[0] ? id : NULL;
        if (rc == 0) {
            S_report(w, READ_ERROR, rid, w->trunc ? "truncated: the gzip stream ends inside the record header"
                                                  : "record header cut short; skipped");
            w->skipped[SK_ERROR]++;
            if (w->trunc || w->zerr) { w->done = 1; break; }
            continue;
        }
        if (f.length < 0) {
            S_report(w, READ_ERROR, rid, "%s Content-Length; skipping to the next record",
                     f.length == -1 ? "no" : "unreadable");
            w->skipped[SK_ERROR]++;
            if ((rc = S_resync(w)) < 0) return rc;
            continue;
        }
        int want = !strcasecmp(f.type, "response") && S_hdr_has(f.ctype, "application/http");
        int too_big = want && (unsigned long long)f.length > w->max;
        size_t got;
        char *blk = NULL;
        if (want && !too_big && (unsigned long long)f.length < w->olen - w->opos) {
            /* the block and the byte after it are in the window: used in place */
            blk = (char *)w->win + w->opos;
            got = (size_t)f.length;
            w->opos += got;
        } else if (!want || too_big) {
            got = 0;
            long long left = f.length;
            while (left > 0) {
                size_t k = S_read(w, NULL, left > (1 << 20) ? (1u << 20) : (size_t)left);
                if (!k) break;
                got += k;
                left -= (long long)k;
            }
        } else {
            if ((size_t)f.length + 1 > w->block_cap) {
                char *nb = realloc(w->block, (size_t)f.length + 1);
                if (!nb) return SITREP_ENOMEM;
                w->block = nb;
                w->block_cap = (size_t)f.length + 1;
            }
            got = S_read(w, w->block, (size_t)f.length);
            w->block[got] = 0;
            blk = w->block;
        }
        if ((long long)got < f.length) {
            if (w->trunc)
                S_report(w, READ_ERROR, rid, "truncated: the gzip stream ends inside the record (%zu of %lld bytes)", got, f.length);
            else if (w->zerr)
                S_report(w, READ_ERROR, rid, "corrupt gzip data inside the record");
            else if (w->boundary)
                S_report(w, READ_ERROR, rid, "Content-Length lies: it says %lld bytes, the record holds %zu; skipped", f.length, got);
            else
                S_report(w, READ_ERROR, rid, "truncated: Content-Length says %lld bytes, the file ends after %zu", f.length, got);
            w->skipped[SK_ERROR]++;
            w->quiet_end = w->trunc || w->zerr;
            continue;
        }
        /* the block must be followed by CRLF CRLF (or the member's end) */
        int c = S_peek(w);
        if (c != -1 && c != '\r' && c != '\n') {
            S_report(w, READ_ERROR, rid, "Content-Length lies: the record goes on after its %lld bytes; skipped", f.length);
            w->skipped[SK_ERROR]++;
            if ((rc = S_resync(w)) < 0) return rc;
            continue;
        }
        if (too_big) {
            S_report(w, READ_ERROR, rid, "record too large (%lld bytes; limit %zu); skipped", f.length, w->max);
            w->skipped[SK_ERROR]++;
            continue;
        }
        if (!want) {
            if (!strcasecmp(f.type, "response")) w->skipped[SK_NOT_HTML]++;
            else w->skipped[S_skip_kind(f.type)]++;
            continue;
        }
        memset(doc, 0, sizeof *doc);
        doc->day = -1;
        /* the block ends in a NUL while it is read (in the window, over the
         * byte after it, which is put back) */
        char after = blk[got];
        blk[got] = 0;
        rc = S_response(w, a, doc, blk, got, &f, id[0] ? id : "(no WARC-Record-ID)");
        blk[got] = after;
        if (rc < 0) return rc;
        if (rc == 1) {
            w->docs++;
            return 1;
        }
    }
    if (w->done == 1) {
        S_summary(w);
        w->done = 2;
    }
    return 0;
}
