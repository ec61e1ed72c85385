/* serve.c -- the analyst web UI and its read-only JSON API (serve.h).
 *
 * Reads the store through store.h's query functions, so that the same
 * handlers serve an SQLite file and a PostgreSQL database: one read-only
 * store handle per worker thread, each with a time limit per request
 * (store_set_deadline: SQLite's progress handler, PostgreSQL's
 * statement_timeout).  Every value from a request reaches SQL as a
 * parameter; every string from the store is written with json_put_str.
 * Static files come from a fixed allow-list read into memory at start, so
 * no request path ever reaches the file system.  Filters follow `sitrep
 * events` (store_filter): dates are a world event's best date, else its
 * first publication date; timeline, network and places leave out
 * hypothetical and negated world events unless modality asks for them
 * (modality=all: every one; modality=real: all but those, in every view).
 * Each handle keeps the answers of its recent requests until
 * store_version says the data has changed.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dynlib.h"
#include "json.h"
#include "sitrep.h"
#include "store.h"

/* libmicrohttpd, loaded by serve_start (dynlib.h): sitrep is not linked
 * against it.  Each name below is an entry of S_mhd_addrs. */
#define S_MHD_SYMS(X) \
    X(MHD_add_response_header) X(MHD_create_response_from_buffer) \
    X(MHD_destroy_response) X(MHD_get_connection_values) \
    X(MHD_get_daemon_info) X(MHD_lookup_connection_value) \
    X(MHD_queue_response) X(MHD_start_daemon) X(MHD_stop_daemon)
DYNLIB_TABLE(S_mhd, S_MHD_SYMS, SITREP_SO_MHD);
#define MHD_add_response_header DYNLIB_CALL(S_mhd, MHD_add_response_header)
#define MHD_create_response_from_buffer DYNLIB_CALL(S_mhd, MHD_create_response_from_buffer)
#define MHD_destroy_response DYNLIB_CALL(S_mhd, MHD_destroy_response)
#define MHD_get_connection_values DYNLIB_CALL(S_mhd, MHD_get_connection_values)
#define MHD_get_daemon_info DYNLIB_CALL(S_mhd, MHD_get_daemon_info)
#define MHD_lookup_connection_value DYNLIB_CALL(S_mhd, MHD_lookup_connection_value)
#define MHD_queue_response DYNLIB_CALL(S_mhd, MHD_queue_response)
#define MHD_start_daemon DYNLIB_CALL(S_mhd, MHD_start_daemon)
#define MHD_stop_daemon DYNLIB_CALL(S_mhd, MHD_stop_daemon)

#define S_MAX_FILE (8 << 20)  /* bytes of one UI file */
#define S_MAX_REPORTS 50      /* reports in /api/event/ID */
#define S_LIST_REPORTS 20     /* reports per world event in /api/events */
#define S_RCACHE 64           /* cached API answers per connection */
#define S_RCACHE_MAX (1 << 20) /* bytes of one cached answer at most */

static const char S_CSP[] = "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
                            "form-action 'none'; frame-ancestors 'none'";

/* The only files served: URL path, file in the web directory, media type. */
static const struct {
    const char *url, *file, *ctype;
} S_files[] = {
    {"/", "index.html", "text/html; charset=utf-8"},
    {"/index.html", "index.html", "text/html; charset=utf-8"},
    {"/app.js", "app.js", "text/javascript; charset=utf-8"},
    {"/style.css", "style.css", "text/css; charset=utf-8"},
    {"/world.json", "world.json", "application/json"},
    {"/favicon.svg", "favicon.svg", "image/svg+xml"},
};
#define S_NFILES (sizeof S_files / sizeof *S_files)

typedef struct {
    store *st;               /* read-only, used by one request at a time */
    /* answers of recent API requests while the data is unchanged
       (store_version): key, body */
    struct {
        char *key, *body;
        size_t len;
    } answer[S_RCACHE];
    int nanswer, nextanswer;
    unsigned long long version;
    int have_version;
} S_conn;

struct serve {
    struct MHD_Daemon *d;
    S_conn *conns;
    int nconns, nfree, *freelist;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *file[S_NFILES];
    size_t flen[S_NFILES];
    int query_ms, port;
    serve_log_fn log;
    void *log_ctx;
};

typedef struct {
    serve *s;
    S_conn *c;
    buf *out;
    const serve_param *p;
    int np;
} S_req;

/* ---- helpers ------------------------------------------------------------- */

/* ,"key":"value" (null when NULL). */
static void S_kstr(buf *b, const char *key, const char *v)
{
    buf_printf(b, ",\"%s\":", key);
    json_put_str(b, v);
}

/* A JSON list being written: its buffer and its items so far. */
typedef struct {
    buf *b;
    int n;
} S_list;

/* The buffer for the list's next item (after a comma unless it is the first). */
static buf *S_item(S_list *l)
{
    if (l->n++) buf_putc(l->b, ',');
    return l->b;
}

static void S_day(buf *b, long day)
{
    char d[11];
    if (day < 0) {
        buf_puts(b, "null");
        return;
    }
    sitrep_format_day(day, d);
    json_put_str(b, d);
}

static int S_error(buf *b, int status, const char *msg, const char *param)
{
    buf_reset(b);
    buf_puts(b, "{\"error\":");
    json_put_str(b, msg);
    buf_printf(b, ",\"status\":%d", status);
    if (param) S_kstr(b, "parameter", param);
    buf_puts(b, "}\n");
    return status;
}

/* Maps a store failure to 503 (time limit) or 500. */
static int S_dberror(S_req *r, int rc)
{
    if (rc == SITREP_ENOMEM) return S_error(r->out, 500, "out of memory", NULL);
    if (store_timed_out(r->c->st)) return S_error(r->out, 503, "query took too long", NULL);
    return S_error(r->out, 500, store_errmsg(r->c->st), NULL);
}

/* UTF-16 code units (JavaScript string indices) in t[0..off). */
static long S_u16(const char *t, long n, long off)
{
    long u = 0;
    for (long i = 0; i < off && i < n; i++) {
        unsigned char ch = (unsigned char)t[i];
        if ((ch & 0xC0) != 0x80) u += ch >= 0xF0 ? 2 : 1;
    }
    return u;
}

/* ---- parameters ---------------------------------------------------------- */

static const char *S_get(const S_req *r, const char *name)
{
    for (int i = 0; i < r->np; i++)
        if (!strcmp(r->p[i].name, name)) return r->p[i].value ? r->p[i].value : "";
    return NULL;
}

/* 400 unless every parameter is named in allowed (space-separated), given
 * once, and short enough; 0 when all is well. */
static int S_check_params(S_req *r, const char *allowed)
{
    for (int i = 0; i < r->np; i++) {
        const char *n = r->p[i].name;
        size_t l = strlen(n);
        const char *hit = NULL;
        for (const char *p = allowed; l && (p = strstr(p, n)); p += l)
            if ((p == allowed || p[-1] == ' ') && (p[l] == ' ' || !p[l])) {
                hit = p;
                break;
            }
        if (!hit) return S_error(r->out, 400, "unknown parameter", n);
        for (int j = 0; j < i; j++)
            if (!strcmp(r->p[j].name, n)) return S_error(r->out, 400, "parameter given twice", n);
        if (r->p[i].value && strlen(r->p[i].value) > SERVE_MAX_VALUE)
            return S_error(r->out, 400, "parameter value too long", n);
    }
    return 0;
}

/* A decimal integer in [lo, hi]; 0 or -1. */
static int S_parse_int(const char *v, long lo, long hi, long *out)
{
    if (!v || !*v || strlen(v) > 12) return -1;
    long x = 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9') return -1;
        x = x * 10 + (*p - '0');
    }
    if (x < lo || x > hi) return -1;
    *out = x;
    return 0;
}

static int S_parse_day(const char *v, long *out)
{
    return v && strlen(v) == 10 && !sitrep_parse_ymd(v, out) ? 0 : -1;
}

static const char S_FILTER_PARAMS[] = "actor key type modality since until min_sources q";

/* The limit parameter, when given, into *limit (at most SERVE_MAX_LIMIT);
 * 0 or an HTTP status (body written). */
static int S_parse_limit(S_req *r, int *limit)
{
    long x;
    const char *v = S_get(r, "limit");
    if (!v || !*v) return 0;
    if (S_parse_int(v, 1, LONG_MAX / 16, &x)) return S_error(r->out, 400, "limit wants a positive number", "limit");
    *limit = x > SERVE_MAX_LIMIT ? SERVE_MAX_LIMIT : (int)x;
    return 0;
}

/* Parses the filter parameters into f; 0 or an HTTP status (body written). */
static int S_parse_filter(S_req *r, store_filter *f, int deflimit)
{
    memset(f, 0, sizeof *f);
    f->since = f->until = -1;
    f->limit = deflimit;
    f->actor_keys = 1;
    const char *v;
    long x;
    if ((v = S_get(r, "actor")) && *v) f->actor = v;
    if ((v = S_get(r, "key")) && *v) f->key = v;
    if ((v = S_get(r, "q")) && *v) f->text = v;
    if ((v = S_get(r, "type")) && *v) {
        for (const char *p = v; *p; p++)
            if (!((*p >= 'A' && *p <= 'Z') || *p == '_'))
                return S_error(r->out, 400, "type wants a PLOVER event type such as CONSULT", "type");
        f->type = v;
    }
    if ((v = S_get(r, "modality")) && *v) {
        if (!strcmp(v, "all")) f->all_modalities = 1;
        else if (!strcmp(v, "real")) f->real = 1;
        else if (!strcmp(v, "asserted") || !strcmp(v, "planned") || !strcmp(v, "hypothetical") ||
                 !strcmp(v, "negated"))
            f->modality = v;
        else
            return S_error(r->out, 400, "modality wants asserted, planned, hypothetical, negated, real or all",
                           "modality");
    }
    if ((v = S_get(r, "since")) && *v && S_parse_day(v, &f->since))
        return S_error(r->out, 400, "since wants YYYY-MM-DD", "since");
    if ((v = S_get(r, "until")) && *v && S_parse_day(v, &f->until))
        return S_error(r->out, 400, "until wants YYYY-MM-DD", "until");
    if ((v = S_get(r, "min_sources")) && *v) {
        if (S_parse_int(v, 0, 100000, &x)) return S_error(r->out, 400, "min_sources wants a number", "min_sources");
        f->min_sources = (int)x;
    }
    int rc = S_parse_limit(r, &f->limit);
    if (rc) return rc;
    if ((v = S_get(r, "offset")) && *v) {
        if (S_parse_int(v, 0, 10000000, &x)) return S_error(r->out, 400, "offset wants a number", "offset");
        f->offset = (int)x;
    }
    return 0;
}

/* Checks that the parameters are the filter's and those named in extra,
 * then parses the filter into f; 0 or an HTTP status (body written). */
static int S_filter_params(S_req *r, const char *extra, store_filter *f, int deflimit)
{
    char allowed[256];
    snprintf(allowed, sizeof allowed, "%s %s", S_FILTER_PARAMS, extra);
    int rc = S_check_params(r, allowed);
    return rc ? rc : S_parse_filter(r, f, deflimit);
}

/* ---- world events -------------------------------------------------------- */

static void S_actor(buf *b, const char *key, const char *name, const char *code)
{
    if (!key && !name) {
        buf_puts(b, "null");
        return;
    }
    buf_puts(b, "{\"key\":");
    json_put_str(b, key);
    S_kstr(b, "name", name);
    S_kstr(b, "code", code);
    buf_putc(b, '}');
}

/* ,"type":...,"mode":...,"cameo":...,"quad":...,"goldstein":...,"modality":... */
static void S_what(buf *b, const char *type, const char *mode, const char *cameo, int quad, double goldstein,
                   const char *modality)
{
    S_kstr(b, "type", type);
    S_kstr(b, "mode", mode);
    S_kstr(b, "cameo", cameo);
    buf_printf(b, ",\"quad\":%d,\"goldstein\":", quad);
    json_put_num(b, goldstein, 1);
    S_kstr(b, "modality", modality);
}

/* "name":...,"country":...,"lat":...,"lon":... of a place. */
static void S_place_fields(buf *b, const char *name, const char *country, double lat, double lon)
{
    buf_puts(b, "\"name\":");
    json_put_str(b, name);
    S_kstr(b, "country", country);
    buf_puts(b, ",\"lat\":");
    json_put_num(b, lat, 4);
    buf_puts(b, ",\"lon\":");
    json_put_num(b, lon, 4);
}

/* ,"location":{...} ("text" first with with_text), or null when absent. */
static void S_place(buf *b, const store_place *p, int present, int with_text)
{
    buf_puts(b, ",\"location\":");
    if (!present) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '{');
    if (with_text) {
        buf_puts(b, "\"text\":");
        json_put_str(b, p->text);
        buf_putc(b, ',');
    }
    S_place_fields(b, p->name, p->country, p->lat, p->lon);
    buf_putc(b, '}');
}

/* A world event, without the closing brace. */
static void S_world(buf *b, const store_world *w)
{
    buf_printf(b, "{\"id\":%lld", w->id);
    S_what(b, w->type, w->mode, w->cameo, w->quad, w->goldstein, w->modality);
    buf_puts(b, ",\"modalities\":[");
    const char *m = w->modalities;
    for (int first = 1; m && *m; first = 0) {
        const char *c = strchr(m, ',');
        size_t l = c ? (size_t)(c - m) : strlen(m);
        if (!first) buf_putc(b, ',');
        json_put_strn(b, m, l);
        m += l + (c ? 1 : 0);
    }
    buf_printf(b, "],\"hypothetical\":%s,\"source\":", w->hypothetical ? "true" : "false");
    S_actor(b, w->src.key, w->src.name, w->src.code);
    buf_puts(b, ",\"target\":");
    S_actor(b, w->tgt.key, w->tgt.name, w->tgt.code);
    S_place(b, &w->loc, w->loc.name || w->loc.country, 0);
    buf_puts(b, ",\"date\":");
    S_day(b, w->day);
    S_kstr(b, "date_precision", w->prec);
    buf_printf(b, ",\"num_mentions\":%d,\"num_articles\":%d,\"num_sources\":%d,\"first_seen\":",
               w->num_mentions, w->num_articles, w->num_sources);
    S_day(b, w->first_seen);
    buf_puts(b, ",\"last_seen\":");
    S_day(b, w->last_seen);
    buf_puts(b, ",\"day\":");
    S_day(b, w->day >= 0 ? w->day : w->first_seen);
}

/* One world event of /api/events with the short form of its reports. */
static int S_events_row(void *ctx, const store_world *w, const store_event *reps, int nreps)
{
    buf *b = S_item(ctx);
    S_world(b, w);
    buf_puts(b, ",\"reports\":[");
    for (int i = 0; i < nreps; i++) {
        const store_event *e = &reps[i];
        buf_printf(b, "%s{\"event\":%lld", i ? "," : "", e->id);
        S_kstr(b, "doc", e->doc);
        S_kstr(b, "title", e->doc_title);
        S_kstr(b, "source", e->doc_source);
        S_kstr(b, "url", e->doc_url);
        S_kstr(b, "published", e->doc_date);
        S_kstr(b, "modality", e->modality);
        S_kstr(b, "trigger", e->trigger);
        S_kstr(b, "evidence", e->evidence);
        buf_putc(b, '}');
    }
    return buf_puts(b, "]}");
}

static int S_api_events(S_req *r)
{
    store_filter f;
    int rc = S_filter_params(r, "limit offset", &f, 50);
    if (rc) return rc;
    long long total;
    if ((rc = store_count(r->c->st, &f, &total))) return S_dberror(r, rc);
    buf *b = r->out;
    buf_printf(b, "{\"total\":%lld,\"limit\":%d,\"offset\":%d,\"events\":[", total, f.limit, f.offset);
    f.undated_last = 1;
    f.max_reports = S_LIST_REPORTS;
    S_list l = {b, 0};
    if ((rc = store_events(r->c->st, &f, S_events_row, &l))) return S_dberror(r, rc);
    buf_puts(b, "]}\n");
    return 200;
}

/* A span of kind over bytes [a, b) of the text t (n bytes). */
static void S_span(buf *b, int *first, const char *kind, const char *t, long n, long a, long e)
{
    if (a < 0 || e < a || e > n) return;
    buf_printf(b, "%s{\"kind\":\"%s\",\"start\":%ld,\"end\":%ld,\"bytes\":[%ld,%ld]}", *first ? "" : ",",
               kind, S_u16(t, n, a), S_u16(t, n, e), a, e);
    *first = 0;
}

/* Offset of needle in t[a, e), or -1. */
static long S_find(const char *t, long a, long e, const char *needle)
{
    if (!needle || !*needle || a < 0 || e <= a) return -1;
    size_t l = strlen(needle);
    for (long i = a; i + (long)l <= e; i++)
        if (!memcmp(t + i, needle, l)) return i;
    return -1;
}

/* One report of /api/event/ID with its spans in the document text t. */
static void S_report(buf *b, const store_event *e, const char *t, long n)
{
    buf_printf(b, "{\"event\":%lld", e->id);
    S_kstr(b, "doc", e->doc);
    buf_printf(b, ",\"sentence\":%d", e->sent);
    S_what(b, e->type, e->mode, e->cameo, e->quad, e->goldstein, e->modality);
    buf_puts(b, ",\"source\":");
    S_actor(b, e->src.key, e->src.name, e->src.code);
    S_kstr(b, "source_text", e->src.text);
    buf_puts(b, ",\"target\":");
    S_actor(b, e->tgt.key, e->tgt.name, e->tgt.code);
    S_kstr(b, "target_text", e->tgt.text);
    S_place(b, &e->loc, e->loc.name != NULL, 1);
    buf_puts(b, ",\"date\":");
    S_day(b, e->day);
    S_kstr(b, "date_precision", e->prec);
    S_kstr(b, "date_text", e->date_text);
    S_kstr(b, "trigger", e->trigger);
    buf_puts(b, ",\"confidence\":");
    json_put_num(b, e->confidence, 2);
    S_kstr(b, "evidence", e->evidence);
    /* spans: the evidence sentence, the event, its actors, trigger, place */
    buf_puts(b, ",\"spans\":[");
    int first = 1;
    long ss = e->sent_start, se = e->sent_end, es = e->start, ee = e->end;
    if (t) {
        S_span(b, &first, "sentence", t, n, ss, se);
        S_span(b, &first, "event", t, n, es, ee);
        for (int side = 0; side < 2; side++) {
            const store_actor *a = side ? &e->tgt : &e->src;
            const char *at = a->text;
            long as = a->start;
            if (at && as >= 0 && as + (long)strlen(at) <= n && !memcmp(t + as, at, strlen(at)))
                S_span(b, &first, side ? "target" : "source", t, n, as, as + (long)strlen(at));
        }
        const char *trig = e->trigger;
        long ts = S_find(t, es, ee < n ? ee : n, trig);
        if (ts < 0 && ss >= 0) ts = S_find(t, ss, se < n ? se : n, trig);
        if (ts >= 0) S_span(b, &first, "trigger", t, n, ts, ts + (long)strlen(trig));
        const char *lt = e->loc.text;
        long ls = ss >= 0 ? S_find(t, ss, se < n ? se : n, lt) : -1;
        if (ls >= 0) S_span(b, &first, "location", t, n, ls, ls + (long)strlen(lt));
    }
    buf_puts(b, "]}");
}

/* The documents of /api/event/ID, copied in the order of first report. */
typedef struct {
    arena a;
    store_doc docs[S_MAX_REPORTS];
    int ndocs, found;
    S_req *r;
} S_detail;

static int S_keep_doc(void *ctx, const store_doc *d)
{
    S_detail *x = ctx;
    store_doc *k = &x->docs[x->ndocs];
    const char *src[] = {d->id, d->title, d->date, d->source, d->url, d->text};
    const char **dst[] = {&k->id, &k->title, &k->date, &k->source, &k->url, &k->text};
    for (int i = 0; i < 6; i++)
        if (src[i] && !(*dst[i] = arena_strndup(&x->a, src[i], i == 5 ? d->len : strlen(src[i]))))
            return SITREP_ENOMEM;
    k->len = d->len;
    x->ndocs++;
    return 0;
}

static int S_event_detail(void *ctx, const store_world *w, const store_event *reps, int nreps)
{
    S_detail *x = ctx;
    buf *b = x->r->out;
    x->found = 1;
    buf_puts(b, "{\"event\":");
    S_world(b, w);
    buf_puts(b, "},\"reports\":[");
    for (int i = 0; i < nreps; i++) {
        const store_doc *d = NULL;
        for (int k = 0; k < x->ndocs && !d; k++)
            if (!strcmp(x->docs[k].id, reps[i].doc)) d = &x->docs[k];
        if (!d && x->ndocs < S_MAX_REPORTS) {
            int n0 = x->ndocs, rc = store_document(x->r->c->st, reps[i].doc, S_keep_doc, x);
            if (rc) return rc;
            if (x->ndocs > n0) d = &x->docs[n0];
        }
        if (i) buf_putc(b, ',');
        S_report(b, &reps[i], d ? d->text : NULL, d ? (long)d->len : 0);
    }
    buf_puts(b, "],\"documents\":[");
    for (int k = 0; k < x->ndocs; k++) {
        const store_doc *d = &x->docs[k];
        if (k) buf_putc(b, ',');
        buf_puts(b, "{\"id\":");
        json_put_str(b, d->id);
        S_kstr(b, "title", d->title);
        S_kstr(b, "date", d->date);
        S_kstr(b, "source", d->source);
        S_kstr(b, "url", d->url);
        S_kstr(b, "text", d->text);
        buf_putc(b, '}');
    }
    return buf_puts(b, "]}\n");
}

static int S_api_event(S_req *r, const char *idstr)
{
    int rc = S_check_params(r, "");
    if (rc) return rc;
    long id;
    if (S_parse_int(idstr, 0, 999999999999L, &id)) return S_error(r->out, 400, "event id wants a number", NULL);
    S_detail x;
    memset(&x, 0, sizeof x);
    arena_init(&x.a);
    x.r = r;
    rc = store_world_get(r->c->st, id, S_MAX_REPORTS, S_event_detail, &x);
    arena_free(&x.a);
    if (rc) return S_dberror(r, rc);
    if (!x.found) return S_error(r->out, 404, "no such event", NULL);
    return 200;
}

typedef struct {
    S_list l;
    long long undated;
} S_days;

static int S_day_row(void *ctx, long day, const long long q[5])
{
    S_days *d = ctx;
    if (day < 0) {
        d->undated += q[0];
        return 0;
    }
    buf *b = S_item(&d->l);
    buf_puts(b, "{\"date\":");
    S_day(b, day);
    return buf_printf(b, ",\"total\":%lld,\"quad\":[%lld,%lld,%lld,%lld]}", q[0], q[1], q[2], q[3], q[4]);
}

static int S_api_timeline(S_req *r)
{
    store_filter f;
    int rc = S_filter_params(r, "", &f, 0);
    if (rc) return rc;
    buf *b = r->out;
    buf_puts(b, "{\"days\":[");
    S_days d = {{b, 0}, 0};
    if ((rc = store_days(r->c->st, &f, S_day_row, &d))) return S_dberror(r, rc);
    buf_printf(b, "],\"undated\":%lld}\n", d.undated);
    return 200;
}

typedef struct {
    char key[64], name[128];
    long long events;
    double gsum;
} S_node;

typedef struct {
    S_list l;
    vec nodes;
} S_net;

static int S_edge_row(void *ctx, const store_edge *e)
{
    S_net *x = ctx;
    buf *b = S_item(&x->l);
    buf_puts(b, "{\"source\":");
    json_put_str(b, e->src);
    S_kstr(b, "target", e->tgt);
    buf_printf(b, ",\"events\":%lld,\"mentions\":%lld,\"mean_goldstein\":", e->events, e->mentions);
    json_put_num(b, e->goldstein, 2);
    buf_putc(b, '}');
    for (int side = 0; side < 2; side++) {
        const char *k = side ? e->tgt : e->src;
        S_node *nd = NULL;
        for (size_t i = 0; i < x->nodes.len && !nd; i++)
            if (!strcmp(VEC_AT(&x->nodes, S_node, i).key, k)) nd = &VEC_AT(&x->nodes, S_node, i);
        if (!nd && (nd = vec_push(&x->nodes))) {
            memset(nd, 0, sizeof *nd);
            snprintf(nd->key, sizeof nd->key, "%s", k);
        }
        if (nd) {
            nd->events += e->events;
            nd->gsum += e->goldstein * (double)e->events;
        }
    }
    return 0;
}

/* Each node's most frequent name. */
static int S_node_name(void *ctx, const char *key, const char *name, long long n)
{
    S_net *x = ctx;
    (void)n;
    for (size_t i = 0; name && i < x->nodes.len; i++) {
        S_node *nd = &VEC_AT(&x->nodes, S_node, i);
        if (!nd->name[0] && !strcmp(nd->key, key)) snprintf(nd->name, sizeof nd->name, "%s", name);
    }
    return 0;
}

static int S_api_network(S_req *r)
{
    store_filter f;
    int rc = S_filter_params(r, "limit", &f, 150);
    if (rc) return rc;
    buf *b = r->out;
    S_net x = {{b, 0}, {0}};
    vec_init(&x.nodes, sizeof(S_node));
    buf_puts(b, "{\"edges\":[");
    rc = store_edges(r->c->st, &f, 1, S_edge_row, &x);
    if (!rc && x.nodes.len) rc = store_actors(r->c->st, &f, 0, S_node_name, &x);
    if (rc) {
        vec_free(&x.nodes);
        return S_dberror(r, rc);
    }
    buf_puts(b, "],\"nodes\":[");
    for (size_t i = 0; i < x.nodes.len; i++) {
        S_node *nd = &VEC_AT(&x.nodes, S_node, i);
        if (i) buf_putc(b, ',');
        buf_puts(b, "{\"key\":");
        json_put_str(b, nd->key);
        S_kstr(b, "name", nd->name[0] ? nd->name : NULL);
        buf_printf(b, ",\"events\":%lld,\"mean_goldstein\":", nd->events);
        json_put_num(b, nd->events ? nd->gsum / (double)nd->events : 0, 2);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}\n");
    vec_free(&x.nodes);
    return 200;
}

static int S_place_row(void *ctx, const store_spot *p)
{
    buf *b = S_item(ctx);
    buf_putc(b, '{');
    S_place_fields(b, p->name, p->country, p->lat, p->lon);
    buf_printf(b, ",\"events\":%lld,\"mean_goldstein\":", p->events);
    json_put_num(b, p->goldstein, 2);
    return buf_printf(b, ",\"quad\":[%lld,%lld,%lld,%lld]}", p->quad[0], p->quad[1], p->quad[2], p->quad[3]);
}

static int S_api_places(S_req *r)
{
    store_filter f;
    int rc = S_filter_params(r, "limit", &f, SERVE_MAX_LIMIT);
    if (rc) return rc;
    buf *b = r->out;
    buf_puts(b, "{\"places\":[");
    S_list l = {b, 0};
    if ((rc = store_places(r->c->st, &f, S_place_row, &l))) return S_dberror(r, rc);
    buf_puts(b, "]}\n");
    return 200;
}

static int S_hit_row(void *ctx, const store_hit *h)
{
    buf *b = S_item(ctx);
    buf_puts(b, "{\"doc\":");
    json_put_str(b, h->doc);
    S_kstr(b, "date", h->date);
    S_kstr(b, "source", h->source);
    S_kstr(b, "url", h->url);
    S_kstr(b, "title", h->title);
    S_kstr(b, "snippet", h->snippet);
    buf_puts(b, ",\"score\":");
    json_put_num(b, h->score, 3);
    return buf_putc(b, '}');
}

static int S_api_docs(S_req *r)
{
    int rc = S_check_params(r, "q limit");
    if (rc) return rc;
    const char *q = S_get(r, "q");
    if (!q || !*q) return S_error(r->out, 400, "docs needs a query q", "q");
    int limit = 20;
    if ((rc = S_parse_limit(r, &limit))) return rc;
    buf *b = r->out;
    buf_printf(b, "{\"limit\":%d,\"docs\":[", limit);
    S_list l = {b, 0};
    if ((rc = store_search(r->c->st, q, limit, "\x02", "\x03", 16, S_hit_row, &l))) return S_dberror(r, rc);
    buf_puts(b, "]}\n");
    return 200;
}

/* (label, count) rows as [{"<name>":label,"count":n},...]. */
typedef struct {
    S_list l;
    const char *name;
} S_pairs;

static int S_pair_row(void *ctx, const char *label, const char *name, long long n)
{
    S_pairs *p = ctx;
    buf *b = S_item(&p->l);
    buf_printf(b, "{\"%s\":", p->name ? p->name : "key");
    json_put_str(b, label);
    if (!p->name) S_kstr(b, "name", name);   /* actors: key, name and count */
    return buf_printf(b, ",\"count\":%lld}", n);
}

static int S_api_meta(S_req *r)
{
    int rc = S_check_params(r, "");
    if (rc) return rc;
    buf *b = r->out;
    store *st = r->c->st;
    long long nd, ne, nw;
    long first, last;
    if ((rc = store_counts(st, &nd, &ne, &nw)) || (rc = store_dates(st, &first, &last))) return S_dberror(r, rc);
    buf_printf(b, "{\"version\":\"%s\",\"documents\":%lld,\"events\":%lld,\"world_events\":%lld,\"first_date\":",
               SITREP_VERSION, nd, ne, nw);
    S_day(b, first);
    buf_puts(b, ",\"last_date\":");
    S_day(b, last);
    buf_printf(b, ",\"max_limit\":%d", SERVE_MAX_LIMIT);
    static const struct {
        const char *field, *name;
        int by, limit;
    } tallies[] = {{"types", "type", STORE_BY_TYPE, 0},
                   {"modalities", "modality", STORE_BY_MODALITY, 0},
                   {"sources", "source", STORE_BY_SOURCE, 200}};
    for (size_t i = 0; i < sizeof tallies / sizeof *tallies; i++) {
        buf_printf(b, ",\"%s\":[", tallies[i].field);
        S_pairs p = {{b, 0}, tallies[i].name};
        if ((rc = store_tally(st, tallies[i].by, tallies[i].limit, S_pair_row, &p))) return S_dberror(r, rc);
        buf_putc(b, ']');
    }
    /* actor keys, most frequent first, each with its most frequent name */
    buf_puts(b, ",\"actors\":[");
    store_filter all = {.since = -1, .until = -1, .all_modalities = 1};
    S_pairs p = {{b, 0}, NULL};
    if ((rc = store_actors(st, &all, 1000, S_pair_row, &p))) return S_dberror(r, rc);
    buf_puts(b, "]}\n");
    return 200;
}

/* ---- requests ------------------------------------------------------------ */

static S_conn *S_acquire(serve *s)
{
    pthread_mutex_lock(&s->mu);
    while (!s->nfree) pthread_cond_wait(&s->cv, &s->mu);
    S_conn *c = &s->conns[s->freelist[--s->nfree]];
    pthread_mutex_unlock(&s->mu);
    store_set_deadline(c->st, s->query_ms);
    return c;
}

static void S_release(serve *s, S_conn *c)
{
    pthread_mutex_lock(&s->mu);
    s->freelist[s->nfree++] = (int)(c - s->conns);
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void S_forget(S_conn *c)
{
    for (int i = 0; i < c->nanswer; i++) {
        free(c->answer[i].key);
        free(c->answer[i].body);
        c->answer[i].key = c->answer[i].body = NULL;
    }
    c->nanswer = c->nextanswer = 0;
}

/* The cached answer for key (copied to out), after dropping every answer
 * when the data has changed since they were made; 1 when found. */
static int S_recall(S_conn *c, const char *key, buf *out)
{
    unsigned long long v;
    if (store_version(c->st, &v)) {
        S_forget(c);
        c->have_version = 0;
        return 0;
    }
    if (!c->have_version || v != c->version) {
        S_forget(c);
        c->version = v;
        c->have_version = 1;
        return 0;
    }
    for (int i = 0; i < c->nanswer; i++)
        if (!strcmp(c->answer[i].key, key)) return buf_put(out, c->answer[i].body, c->answer[i].len) == 0;
    return 0;
}

static void S_remember(S_conn *c, const char *key, const buf *out)
{
    if (!c->have_version || !out->s || out->len > S_RCACHE_MAX) return;
    char *k = strdup(key), *b = malloc(out->len);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(b, out->s, out->len);
    int slot = c->nanswer < S_RCACHE ? c->nanswer++ : c->nextanswer++ % S_RCACHE;
    free(c->answer[slot].key);
    free(c->answer[slot].body);
    c->answer[slot].key = k;
    c->answer[slot].body = b;
    c->answer[slot].len = out->len;
}

int serve_handle(serve *s, const char *method, const char *path, const serve_param *params, int np,
                 buf *out, const char **ctype)
{
    *ctype = "application/json";
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return S_error(out, 405, "method not allowed: this API is read-only (GET, HEAD)", NULL);
    if (strncmp(path, "/api/", 5)) {
        for (size_t i = 0; i < S_NFILES; i++)
            if (!strcmp(path, S_files[i].url)) {
                *ctype = S_files[i].ctype;
                buf_put(out, s->file[i], s->flen[i]);
                return 200;
            }
        return S_error(out, 404, "not found", NULL);
    }
    if (np > SERVE_MAX_PARAMS) return S_error(out, 400, "too many parameters", NULL);
    S_req r = {s, S_acquire(s), out, params, np};
    const char *api = path + 5;
    int status;
    buf key;
    buf_init(&key);
    buf_puts(&key, path);
    for (int i = 0; i < np; i++)   /* \x1f cannot be confused with a name or value */
        buf_printf(&key, "\x1f%s\x1f%s", params[i].name, params[i].value ? params[i].value : "");
    size_t before = out->len;
    if (key.s && S_recall(r.c, key.s, out)) {
        S_release(s, r.c);
        buf_free(&key);
        return 200;
    }
    if (!strcmp(api, "meta")) status = S_api_meta(&r);
    else if (!strcmp(api, "events")) status = S_api_events(&r);
    else if (!strncmp(api, "event/", 6)) status = S_api_event(&r, api + 6);
    else if (!strcmp(api, "timeline")) status = S_api_timeline(&r);
    else if (!strcmp(api, "network")) status = S_api_network(&r);
    else if (!strcmp(api, "places")) status = S_api_places(&r);
    else if (!strcmp(api, "docs")) status = S_api_docs(&r);
    else status = S_error(out, 404, "no such API endpoint", NULL);
    if (status == 200 && key.s && out->len >= before) {
        buf part = {out->s + before, out->len - before, 0};
        S_remember(r.c, key.s, &part);
    }
    buf_free(&key);
    S_release(s, r.c);
    return status;
}

typedef struct {
    serve_param p[SERVE_MAX_PARAMS + 1];
    int n;
} S_args;

static enum MHD_Result S_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    S_args *a = cls;
    if (a->n > SERVE_MAX_PARAMS) return MHD_NO;
    a->p[a->n].name = key;
    a->p[a->n].value = value;
    a->n++;
    return MHD_YES;
}

static enum MHD_Result S_access(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                const char *version, const char *upload_data, size_t *upload_data_size,
                                void **req_cls)
{
    (void)version;
    (void)upload_data;
    (void)req_cls;
    serve *s = cls;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    buf out;
    buf_init(&out);
    const char *ctype = "application/json";
    int status;
    const char *clen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
    if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
        status = S_error(&out, 405, "method not allowed: this API is read-only (GET, HEAD)", NULL);
    } else if (*upload_data_size || te || (clen && strcmp(clen, "0"))) {
        status = S_error(&out, 413, "request bodies are not accepted", NULL);
    } else {
        S_args a = {.n = 0};
        MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, S_arg, &a);
        if (a.n > SERVE_MAX_PARAMS) status = S_error(&out, 400, "too many parameters", NULL);
        else status = serve_handle(s, method, url, a.p, a.n, &out, &ctype);
    }
    size_t len = out.len;
    struct MHD_Response *resp =
        out.s ? MHD_create_response_from_buffer(len, out.s, MHD_RESPMEM_MUST_FREE)
              : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        buf_free(&out);
        return MHD_NO;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(resp, "Content-Security-Policy", S_CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
                            strncmp(url, "/api/", 5) ? "no-cache" : "no-store");
    if (status == 405) MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    if (s->log) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
        char line[512];
        snprintf(line, sizeof line, "%s %.300s %d %zu %.2fms", method, url, status, len, ms);
        s->log(s->log_ctx, line);
    }
    return ret;
}

static void S_mhd_log(void *cls, const char *fmt, va_list ap)
{
    serve *s = cls;
    char line[512];
    vsnprintf(line, sizeof line, fmt, ap);
    size_t l = strlen(line);
    while (l && line[l - 1] == '\n') line[--l] = 0;
    if (s->log) s->log(s->log_ctx, line);
}

/* ---- start and stop ------------------------------------------------------ */

static int S_has_index(const char *dir)
{
    char p[PATH_MAX + 64];
    struct stat st;
    snprintf(p, sizeof p, "%s/index.html", dir);
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The UI directory: the option, $SITREP_WEB, web/ beside the program (or
 * ../share/sitrep/web), else ./web. */
static const char *S_find_webdir(const char *opt, char *b, size_t n)
{
    if (opt) return opt;
    const char *env = getenv("SITREP_WEB");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (l > 0) {
        exe[l] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            static const char *const rel[] = {"web", "../web", "../share/sitrep/web"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(b, n, "%s/%s", exe, rel[i]);
                if (S_has_index(b)) return b;
            }
        }
    }
    return "web";
}

static int S_load_file(const char *dir, const char *name, char **out, size_t *len, char *err, size_t errlen)
{
    char p[PATH_MAX + 96];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s (set --web DIR or $SITREP_WEB)", p, strerror(errno));
        return SITREP_EIO;
    }
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t k;
    int rc = 0;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_put(&b, chunk, k) || b.len > S_MAX_FILE) {
            rc = b.len > S_MAX_FILE ? SITREP_ETOOBIG : SITREP_ENOMEM;
            break;
        }
    if (!rc && ferror(f)) rc = SITREP_EIO;
    fclose(f);
    if (rc) {
        snprintf(err, errlen, "%s: %s", p, sitrep_strerror(rc));
        buf_free(&b);
        return rc;
    }
    *out = b.s ? b.s : strdup("");
    *len = b.len;
    return *out ? 0 : SITREP_ENOMEM;
}

static void S_free(serve *s)
{
    if (s->d) MHD_stop_daemon(s->d);
    for (int i = 0; i < s->nconns; i++) {
        S_conn *c = &s->conns[i];
        S_forget(c);
        store_close(c->st);
    }
    for (size_t i = 0; i < S_NFILES; i++) free(s->file[i]);
    free(s->conns);
    free(s->freelist);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s);
}

int serve_start(const serve_opts *o, serve **out, char *err, size_t errlen)
{
    *out = NULL;
    serve *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return SITREP_ENOMEM;
    }
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->query_ms = o->query_ms > 0 ? o->query_ms : 2000;
    s->log = o->log;
    s->log_ctx = o->log_ctx;
    s->port = -1;
    int threads = o->threads > 0 ? o->threads : 4;
    int rc = 0;
    char wb[PATH_MAX + 32];
    const char *web = S_find_webdir(o->webdir, wb, sizeof wb);
    for (size_t i = 0; i < S_NFILES && !rc; i++)
        rc = S_load_file(web, S_files[i].file, &s->file[i], &s->flen[i], err, errlen);
    struct stat stt;
    if (!rc && !store_is_url(o->db) && stat(o->db, &stt) != 0) {
        snprintf(err, errlen, "%s: %s", o->db, strerror(errno));
        rc = SITREP_EIO;
    }
    if (!rc) {
        s->conns = calloc((size_t)threads, sizeof *s->conns);
        s->freelist = calloc((size_t)threads, sizeof *s->freelist);
        if (!s->conns || !s->freelist) {
            snprintf(err, errlen, "out of memory");
            rc = SITREP_ENOMEM;
        }
    }
    for (int i = 0; !rc && i < threads; i++) {
        S_conn *c = &s->conns[i];
        s->nconns++;
        if (store_open(o->db, 1, &c->st, err, errlen)) {
            rc = SITREP_EDB;
            break;
        }
        s->freelist[s->nfree++] = i;
    }
    if (!rc && o->port >= 0) {
        struct sockaddr_in sa;
        memset(&sa, 0, sizeof sa);
        sa.sin_family = AF_INET;
        sa.sin_port = htons((uint16_t)o->port);
        const char *host = o->host ? o->host : "127.0.0.1";
        if (o->port > 65535 || inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
            snprintf(err, errlen, "cannot listen on %s:%d (an IPv4 address and a port up to 65535)", host, o->port);
            rc = SITREP_EPARSE;
        } else if (dynlib_load(&S_mhd, err, errlen)) {
            rc = SITREP_EIO;
        } else {
            unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | (o->log ? MHD_USE_ERROR_LOG : 0);
            s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, S_access, s,
                                    MHD_OPTION_EXTERNAL_LOGGER, S_mhd_log, s,
                                    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                                    MHD_OPTION_CONNECTION_LIMIT, 512u,
                                    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                                    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
                                    MHD_OPTION_END);
            if (!s->d) {
                snprintf(err, errlen, "cannot listen on %s:%d: %s", host, o->port,
                         errno ? strerror(errno) : "libmicrohttpd failed to start");
                rc = SITREP_EIO;
            } else {
                const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
                s->port = di ? di->port : o->port;
            }
        }
    }
    if (rc) {
        S_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int serve_port(const serve *s)
{
    return s->port;
}

void serve_stop(serve *s)
{
    if (s) S_free(s);
}
