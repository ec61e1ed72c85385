/* serve.c -- the analyst web UI and its read-only JSON API (serve.h).
 *
 * Reads the store's tables (store.c schema) with its own read-only SQLite
 * connections, one per worker thread, each with a statement cache and a
 * progress handler that interrupts a request's queries after query_ms.
 * Every value from a request is bound as an SQL parameter; every string
 * from the store is written with json_put_str.  Static files come from a
 * fixed allow-list read into memory at start, so no request path ever
 * reaches the file system.  Filters follow `sitrep events`: dates are a
 * world event's best date, else its first publication date; timeline,
 * network and places leave out hypothetical and negated world events unless
 * modality asks for them (modality=all: every one; modality=real: all but
 * those, in every view).  Each connection keeps the answers of its recent
 * requests until PRAGMA data_version says the database has changed.
 */
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "sitrep.h"

#define S_CACHE 48            /* cached statements per connection */
#define S_MAX_FILE (8 << 20)  /* bytes of one UI file */
#define S_MAX_REPORTS 50      /* reports in /api/event/ID */
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
    sqlite3 *db;
    struct timespec deadline;
    struct {
        char *sql;
        sqlite3_stmt *st;
    } cache[S_CACHE];
    int ncache, next;
    /* answers of recent API requests while the database is unchanged
       (PRAGMA data_version): key, body */
    struct {
        char *key, *body;
        size_t len;
    } answer[S_RCACHE];
    int nanswer, nextanswer;
    long long version;
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

/* One request's filters (all optional). */
typedef struct {
    const char *actor, *key, *type, *modality, *q;
    char *like, *fts;       /* derived, malloc'd */
    long since, until;
    int min_sources, limit, offset, all_modalities, real;
} S_filter;

typedef struct {
    serve *s;
    S_conn *c;
    buf *out;
    const serve_param *p;
    int np;
} S_req;

/* ---- helpers ------------------------------------------------------------- */

static const char *S_col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static int S_isnull(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL;
}

/* ,"key":"value" (null when NULL). */
static void S_kstr(buf *b, const char *key, const char *v)
{
    buf_printf(b, ",\"%s\":", key);
    json_put_str(b, v);
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

static void S_col_day(buf *b, sqlite3_stmt *st, int i)
{
    S_day(b, S_isnull(st, i) ? -1 : (long)sqlite3_column_int64(st, i));
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

/* Maps an SQLite failure to 503 (time limit) or 500. */
static int S_dberror(S_req *r, int rc)
{
    if (rc == SQLITE_INTERRUPT) return S_error(r->out, 503, "query took too long", NULL);
    return S_error(r->out, 500, sqlite3_errmsg(r->c->db), NULL);
}

static int S_progress(void *ctx)
{
    S_conn *c = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > c->deadline.tv_sec ||
           (now.tv_sec == c->deadline.tv_sec && now.tv_nsec > c->deadline.tv_nsec);
}

/* A prepared statement for sql from the connection's cache (reset and
 * unbound), or NULL. */
static sqlite3_stmt *S_prep(S_conn *c, const char *sql)
{
    for (int i = 0; i < c->ncache; i++)
        if (!strcmp(c->cache[i].sql, sql)) {
            sqlite3_reset(c->cache[i].st);
            sqlite3_clear_bindings(c->cache[i].st);
            return c->cache[i].st;
        }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) return NULL;
    char *copy = strdup(sql);
    if (!copy) {
        sqlite3_finalize(st);
        return NULL;
    }
    int slot = c->ncache < S_CACHE ? c->ncache++ : c->next++ % S_CACHE;
    if (c->cache[slot].st) {
        sqlite3_finalize(c->cache[slot].st);
        free(c->cache[slot].sql);
    }
    c->cache[slot].sql = copy;
    c->cache[slot].st = st;
    return st;
}

static void S_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0 && v) sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);   /* the filter may be freed first */
}

static void S_bind_int(sqlite3_stmt *st, const char *name, long long v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0) sqlite3_bind_int64(st, i, v);
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

/* "%v%" with LIKE wildcards escaped by '\'; malloc'd. */
static char *S_like(const char *v)
{
    size_t n = strlen(v);
    char *o = malloc(2 * n + 3), *p = o;
    if (!o) return NULL;
    *p++ = '%';
    for (; *v; v++) {
        if (*v == '%' || *v == '_' || *v == '\\') *p++ = '\\';
        *p++ = *v;
    }
    *p++ = '%';
    *p = 0;
    return o;
}

/* q itself when FTS5 accepts it, else every word as an FTS5 string;
 * malloc'd or NULL. */
static char *S_fts(S_conn *c, const char *q)
{
    sqlite3_stmt *st = S_prep(c, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 LIMIT 1");
    if (st) {
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE) return strdup(q);
    }
    size_t n = strlen(q);
    char *o = malloc(3 * n + 3), *p = o;
    if (!o) return NULL;
    int inword = 0;
    for (; *q; q++) {
        if (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') {
            if (inword) *p++ = '"';
            inword = 0;
            continue;
        }
        if (!inword) {
            if (p != o) *p++ = ' ';
            *p++ = '"';
            inword = 1;
        }
        if (*q == '"') *p++ = '"';
        *p++ = *q;
    }
    if (inword) *p++ = '"';
    *p = 0;
    if (p == o) {   /* only blanks: a phrase nothing matches */
        free(o);
        return strdup("\"\"");
    }
    return o;
}

static const char S_FILTER_PARAMS[] = "actor key type modality since until min_sources q";

/* Parses the filter parameters; 0 or an HTTP status (body written). */
static int S_parse_filter(S_req *r, S_filter *f, int deflimit)
{
    memset(f, 0, sizeof *f);
    f->since = f->until = -1;
    f->limit = deflimit;
    const char *v;
    long x;
    if ((v = S_get(r, "actor")) && *v) f->actor = v;
    if ((v = S_get(r, "key")) && *v) f->key = v;
    if ((v = S_get(r, "q")) && *v) f->q = v;
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
    if ((v = S_get(r, "limit")) && *v) {
        if (S_parse_int(v, 1, LONG_MAX / 16, &x)) return S_error(r->out, 400, "limit wants a positive number", "limit");
        f->limit = x > SERVE_MAX_LIMIT ? SERVE_MAX_LIMIT : (int)x;
    }
    if ((v = S_get(r, "offset")) && *v) {
        if (S_parse_int(v, 0, 10000000, &x)) return S_error(r->out, 400, "offset wants a number", "offset");
        f->offset = (int)x;
    }
    if (f->actor && !(f->like = S_like(f->actor))) return S_error(r->out, 500, "out of memory", NULL);
    if (f->q && !(f->fts = S_fts(r->c, f->q))) return S_error(r->out, 500, "out of memory", NULL);
    return 0;
}

static void S_filter_free(S_filter *f)
{
    free(f->like);
    free(f->fts);
}

#define S_DATE "coalesce(w.day, w.first_seen)"

/* Appends the WHERE clauses of f (world events aliased w); default_mod
 * leaves out hypothetical and negated world events unless asked for. */
static void S_where(buf *b, const S_filter *f, int default_mod)
{
    if (f->type) buf_puts(b, " AND w.type = :type");
    if (f->key) buf_puts(b, " AND (w.src_key = :key OR w.tgt_key = :key)");
    if (f->actor)
        buf_puts(b, " AND (w.src_name LIKE :actor ESCAPE '\\' OR w.tgt_name LIKE :actor ESCAPE '\\'"
                    " OR w.src_key LIKE :actor ESCAPE '\\' OR w.tgt_key LIKE :actor ESCAPE '\\'"
                    " OR EXISTS (SELECT 1 FROM event_world ew2 JOIN events e2 ON e2.id = ew2.event"
                    " WHERE ew2.world = w.id AND (e2.src_name LIKE :actor ESCAPE '\\'"
                    " OR e2.tgt_name LIKE :actor ESCAPE '\\' OR e2.src_text LIKE :actor ESCAPE '\\'"
                    " OR e2.tgt_text LIKE :actor ESCAPE '\\')))");
    if (f->since >= 0) buf_puts(b, " AND " S_DATE " >= :since");
    if (f->until >= 0) buf_puts(b, " AND " S_DATE " <= :until");
    if (f->modality) buf_puts(b, " AND instr(',' || w.modalities || ',', ',' || :modality || ',') > 0");
    else if (f->real || (default_mod && !f->all_modalities))
        buf_puts(b, " AND w.modality NOT IN ('hypothetical', 'negated')");
    if (f->min_sources > 0) buf_puts(b, " AND w.num_sources >= :minsrc");
    if (f->q)
        buf_puts(b, " AND w.id IN (SELECT ew3.world FROM event_world ew3 JOIN events e3 ON"
                    " e3.id = ew3.event WHERE e3.doc IN (SELECT rowid FROM docs_fts WHERE docs_fts"
                    " MATCH :q))");
}

static void S_bind_filter(sqlite3_stmt *st, const S_filter *f)
{
    S_bind_text(st, ":type", f->type);
    S_bind_text(st, ":key", f->key);
    S_bind_text(st, ":actor", f->like);
    S_bind_text(st, ":modality", f->modality);
    S_bind_text(st, ":q", f->fts);
    S_bind_int(st, ":since", f->since);
    S_bind_int(st, ":until", f->until);
    S_bind_int(st, ":minsrc", f->min_sources);
    S_bind_int(st, ":limit", f->limit);
    S_bind_int(st, ":offset", f->offset);
}

/* Builds base + filters + tail, prepares and binds it. */
static sqlite3_stmt *S_filtered(S_req *r, const char *base, const S_filter *f, int default_mod, const char *tail)
{
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, base);
    S_where(&sql, f, default_mod);
    buf_puts(&sql, tail);
    sqlite3_stmt *st = sql.s ? S_prep(r->c, sql.s) : NULL;
    buf_free(&sql);
    if (st) S_bind_filter(st, f);
    return st;
}

/* ---- world events -------------------------------------------------------- */

#define S_WCOLS                                                                                  \
    "w.id, w.type, w.mode, w.cameo, w.quad, w.goldstein, w.modality, w.modalities, w.hypo,"      \
    " w.src_key, w.src_name, w.src_code, w.tgt_key, w.tgt_name, w.tgt_code,"                     \
    " w.loc_name, w.loc_country, w.lat, w.lon, w.day, w.prec,"                                   \
    " w.num_mentions, w.num_articles, w.num_sources, w.first_seen, w.last_seen, " S_DATE " AS d"
#define S_NWCOLS 27

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

/* The world event of the row's first S_NWCOLS columns, without the closing
 * brace. */
static void S_world(buf *b, sqlite3_stmt *st)
{
    buf_printf(b, "{\"id\":%lld", (long long)sqlite3_column_int64(st, 0));
    S_kstr(b, "type", S_col(st, 1));
    S_kstr(b, "mode", S_col(st, 2));
    S_kstr(b, "cameo", S_col(st, 3));
    buf_printf(b, ",\"quad\":%d,\"goldstein\":", sqlite3_column_int(st, 4));
    json_put_num(b, sqlite3_column_double(st, 5), 1);
    S_kstr(b, "modality", S_col(st, 6));
    buf_puts(b, ",\"modalities\":[");
    const char *m = S_col(st, 7);
    for (int first = 1; m && *m; first = 0) {
        const char *c = strchr(m, ',');
        size_t l = c ? (size_t)(c - m) : strlen(m);
        if (!first) buf_putc(b, ',');
        json_put_strn(b, m, l);
        m += l + (c ? 1 : 0);
    }
    buf_printf(b, "],\"hypothetical\":%s,\"source\":", sqlite3_column_int(st, 8) ? "true" : "false");
    S_actor(b, S_col(st, 9), S_col(st, 10), S_col(st, 11));
    buf_puts(b, ",\"target\":");
    S_actor(b, S_col(st, 12), S_col(st, 13), S_col(st, 14));
    buf_puts(b, ",\"location\":");
    if (S_isnull(st, 15) && S_isnull(st, 16)) {
        buf_puts(b, "null");
    } else {
        buf_puts(b, "{\"name\":");
        json_put_str(b, S_col(st, 15));
        S_kstr(b, "country", S_col(st, 16));
        buf_puts(b, ",\"lat\":");
        if (S_isnull(st, 17)) buf_puts(b, "null");
        else json_put_num(b, sqlite3_column_double(st, 17), 4);
        buf_puts(b, ",\"lon\":");
        if (S_isnull(st, 18)) buf_puts(b, "null");
        else json_put_num(b, sqlite3_column_double(st, 18), 4);
        buf_putc(b, '}');
    }
    buf_puts(b, ",\"date\":");
    S_col_day(b, st, 19);
    S_kstr(b, "date_precision",
           S_isnull(st, 19) ? NULL : sitrep_prec_name((sitrep_prec)sqlite3_column_int(st, 20)));
    buf_printf(b, ",\"num_mentions\":%d,\"num_articles\":%d,\"num_sources\":%d,\"first_seen\":",
               sqlite3_column_int(st, 21), sqlite3_column_int(st, 22), sqlite3_column_int(st, 23));
    S_col_day(b, st, 24);
    buf_puts(b, ",\"last_seen\":");
    S_col_day(b, st, 25);
    buf_puts(b, ",\"day\":");
    S_col_day(b, st, 26);
}

#define S_LIST_REPORTS_SQL \
    ", (SELECT json_group_array(json(r)) FROM (SELECT json_object('event', e.id, 'doc', d.doc_id," \
    " 'title', d.title, 'source', d.source, 'url', d.url, 'published', d.date, 'modality', e.modality," \
    " 'trigger', e.trigger, 'evidence', e.evidence) AS r FROM event_world ew JOIN events e ON" \
    " e.id = ew.event JOIN documents d ON d.id = e.doc WHERE ew.world = w.id" \
    " ORDER BY d.day, d.id, e.ord LIMIT 20))"

static int S_api_events(S_req *r)
{
    char pl[256];
    snprintf(pl, sizeof pl, "%s limit offset", S_FILTER_PARAMS);
    int rc = S_check_params(r, pl);
    if (rc) return rc;
    S_filter f;
    if ((rc = S_parse_filter(r, &f, 50))) {
        S_filter_free(&f);
        return rc;
    }
    buf *b = r->out;
    sqlite3_stmt *st = S_filtered(r, "SELECT count(*) FROM world_events w WHERE 1", &f, 0, "");
    if (!st) goto dberr;
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) goto stepfail;
    buf_printf(b, "{\"total\":%lld,\"limit\":%d,\"offset\":%d,\"events\":[",
               (long long)sqlite3_column_int64(st, 0), f.limit, f.offset);
    sqlite3_reset(st);
    /* the page first, then the report lists of its rows only */
    st = S_filtered(r, "SELECT " S_WCOLS S_LIST_REPORTS_SQL " FROM (SELECT w.id AS pid, " S_DATE " AS d0"
                    " FROM world_events w WHERE 1", &f, 0,
                    " ORDER BY (d0 IS NULL), d0, w.id LIMIT :limit OFFSET :offset) p"
                    " JOIN world_events w ON w.id = p.pid ORDER BY (p.d0 IS NULL), p.d0, w.id");
    if (!st) goto dberr;
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++) buf_putc(b, ',');
        S_world(b, st);
        buf_puts(b, ",\"reports\":");
        const char *rep = S_col(st, S_NWCOLS);
        buf_puts(b, rep ? rep : "[]");
        buf_putc(b, '}');
    }
    if (rc != SQLITE_DONE) goto stepfail;
    sqlite3_reset(st);
    buf_puts(b, "]}\n");
    S_filter_free(&f);
    return 200;
stepfail:
    sqlite3_reset(st);
    S_filter_free(&f);
    return S_dberror(r, rc);
dberr:
    S_filter_free(&f);
    return S_dberror(r, sqlite3_errcode(r->c->db));
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

static const char S_REPORT_SQL[] =
    "SELECT e.id, e.doc, e.sentence, e.start, e.end, e.type, e.mode, e.cameo, e.quad, e.goldstein,"
    " e.modality, e.src_text, e.src_name, e.src_key, e.src_code, e.src_start, e.tgt_text, e.tgt_name,"
    " e.tgt_key, e.tgt_code, e.tgt_start, e.loc_text, e.loc_name, e.loc_country, e.lat, e.lon, e.day,"
    " e.prec, e.date_text, e.trigger, e.confidence, e.evidence, s.start, s.end, d.doc_id"
    " FROM event_world ew JOIN events e ON e.id = ew.event JOIN documents d ON d.id = e.doc"
    " LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence WHERE ew.world = ?1"
    " ORDER BY d.day, d.id, e.ord LIMIT 50";

/* One report of /api/event/ID with its spans in the document text t. */
static void S_report(buf *b, sqlite3_stmt *st, const char *t, long n)
{
    buf_printf(b, "{\"event\":%lld", (long long)sqlite3_column_int64(st, 0));
    S_kstr(b, "doc", S_col(st, 34));
    buf_printf(b, ",\"sentence\":%d", sqlite3_column_int(st, 2));
    S_kstr(b, "type", S_col(st, 5));
    S_kstr(b, "mode", S_col(st, 6));
    S_kstr(b, "cameo", S_col(st, 7));
    buf_printf(b, ",\"quad\":%d,\"goldstein\":", sqlite3_column_int(st, 8));
    json_put_num(b, sqlite3_column_double(st, 9), 1);
    S_kstr(b, "modality", S_col(st, 10));
    buf_puts(b, ",\"source\":");
    S_actor(b, S_col(st, 13), S_col(st, 12), S_col(st, 14));
    S_kstr(b, "source_text", S_col(st, 11));
    buf_puts(b, ",\"target\":");
    S_actor(b, S_col(st, 18), S_col(st, 17), S_col(st, 19));
    S_kstr(b, "target_text", S_col(st, 16));
    buf_puts(b, ",\"location\":");
    if (S_isnull(st, 22)) {
        buf_puts(b, "null");
    } else {
        buf_puts(b, "{\"text\":");
        json_put_str(b, S_col(st, 21));
        S_kstr(b, "name", S_col(st, 22));
        S_kstr(b, "country", S_col(st, 23));
        buf_puts(b, ",\"lat\":");
        json_put_num(b, sqlite3_column_double(st, 24), 4);
        buf_puts(b, ",\"lon\":");
        json_put_num(b, sqlite3_column_double(st, 25), 4);
        buf_putc(b, '}');
    }
    buf_puts(b, ",\"date\":");
    S_col_day(b, st, 26);
    S_kstr(b, "date_precision", S_col(st, 27));
    S_kstr(b, "date_text", S_col(st, 28));
    S_kstr(b, "trigger", S_col(st, 29));
    buf_puts(b, ",\"confidence\":");
    json_put_num(b, sqlite3_column_double(st, 30), 2);
    S_kstr(b, "evidence", S_col(st, 31));
    /* spans: the evidence sentence, the event, its actors, trigger, place */
    buf_puts(b, ",\"spans\":[");
    int first = 1;
    long ss = S_isnull(st, 32) ? -1 : sqlite3_column_int64(st, 32);
    long se = S_isnull(st, 33) ? -1 : sqlite3_column_int64(st, 33);
    long es = sqlite3_column_int64(st, 3), ee = sqlite3_column_int64(st, 4);
    if (t) {
        S_span(b, &first, "sentence", t, n, ss, se);
        S_span(b, &first, "event", t, n, es, ee);
        for (int side = 0; side < 2; side++) {
            const char *at = S_col(st, side ? 16 : 11);
            long as = S_isnull(st, side ? 20 : 15) ? -1 : sqlite3_column_int64(st, side ? 20 : 15);
            if (at && as >= 0 && as + (long)strlen(at) <= n && !memcmp(t + as, at, strlen(at)))
                S_span(b, &first, side ? "target" : "source", t, n, as, as + (long)strlen(at));
        }
        const char *trig = S_col(st, 29);
        long ts = S_find(t, es, ee < n ? ee : n, trig);
        if (ts < 0 && ss >= 0) ts = S_find(t, ss, se < n ? se : n, trig);
        if (ts >= 0) S_span(b, &first, "trigger", t, n, ts, ts + (long)strlen(trig));
        const char *lt = S_col(st, 21);
        long ls = ss >= 0 ? S_find(t, ss, se < n ? se : n, lt) : -1;
        if (ls >= 0) S_span(b, &first, "location", t, n, ls, ls + (long)strlen(lt));
    }
    buf_puts(b, "]}");
}

static int S_api_event(S_req *r, const char *idstr)
{
    int rc = S_check_params(r, "");
    if (rc) return rc;
    long id;
    if (S_parse_int(idstr, 0, 999999999999L, &id)) return S_error(r->out, 400, "event id wants a number", NULL);
    buf *b = r->out;
    sqlite3_stmt *st = S_prep(r->c, "SELECT " S_WCOLS " FROM world_events w WHERE w.id = ?1");
    if (!st) return S_dberror(r, sqlite3_errcode(r->c->db));
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(st);
        return S_error(b, 404, "no such event", NULL);
    }
    if (rc != SQLITE_ROW) {
        sqlite3_reset(st);
        return S_dberror(r, rc);
    }
    buf_puts(b, "{\"event\":");
    S_world(b, st);
    buf_puts(b, "},\"reports\":[");
    sqlite3_reset(st);
    sqlite3_stmt *rs = S_prep(r->c, S_REPORT_SQL);
    sqlite3_stmt *ds = S_prep(r->c, "SELECT text, length(CAST(text AS BLOB)) FROM documents WHERE id = ?1");
    if (!rs || !ds) return S_dberror(r, sqlite3_errcode(r->c->db));
    sqlite3_bind_int64(rs, 1, id);
    long long docs[S_MAX_REPORTS], cur = -1;
    int ndocs = 0, n = 0;
    const char *text = NULL;
    long tlen = 0;
    while ((rc = sqlite3_step(rs)) == SQLITE_ROW) {
        long long doc = sqlite3_column_int64(rs, 1);
        if (doc != cur) {
            sqlite3_reset(ds);
            sqlite3_bind_int64(ds, 1, doc);
            text = NULL;
            tlen = 0;
            if (sqlite3_step(ds) == SQLITE_ROW) {
                text = (const char *)sqlite3_column_text(ds, 0);
                tlen = sqlite3_column_int64(ds, 1);
            }
            cur = doc;
            int seen = 0;
            for (int i = 0; i < ndocs; i++) seen |= docs[i] == doc;
            if (!seen && ndocs < S_MAX_REPORTS) docs[ndocs++] = doc;
        }
        if (n++) buf_putc(b, ',');
        S_report(b, rs, text, tlen);
    }
    sqlite3_reset(ds);
    sqlite3_reset(rs);
    if (rc != SQLITE_DONE) return S_dberror(r, rc);
    buf_puts(b, "],\"documents\":[");
    sqlite3_stmt *dd = S_prep(r->c, "SELECT doc_id, title, date, source, url, text FROM documents WHERE id = ?1");
    if (!dd) return S_dberror(r, sqlite3_errcode(r->c->db));
    for (int i = 0; i < ndocs; i++) {
        sqlite3_reset(dd);
        sqlite3_bind_int64(dd, 1, docs[i]);
        if ((rc = sqlite3_step(dd)) != SQLITE_ROW) {
            sqlite3_reset(dd);
            return S_dberror(r, rc);
        }
        if (i) buf_putc(b, ',');
        buf_puts(b, "{\"id\":");
        json_put_str(b, S_col(dd, 0));
        S_kstr(b, "title", S_col(dd, 1));
        S_kstr(b, "date", S_col(dd, 2));
        S_kstr(b, "source", S_col(dd, 3));
        S_kstr(b, "url", S_col(dd, 4));
        S_kstr(b, "text", S_col(dd, 5));
        buf_putc(b, '}');
    }
    sqlite3_reset(dd);
    buf_puts(b, "]}\n");
    return 200;
}

static int S_api_timeline(S_req *r)
{
    int rc = S_check_params(r, S_FILTER_PARAMS);
    if (rc) return rc;
    S_filter f;
    if ((rc = S_parse_filter(r, &f, 0))) {
        S_filter_free(&f);
        return rc;
    }
    sqlite3_stmt *st = S_filtered(r, "SELECT " S_DATE " AS d, w.quad, count(*) FROM world_events w WHERE 1",
                                  &f, 1, " GROUP BY d, w.quad ORDER BY d");
    S_filter_free(&f);
    if (!st) return S_dberror(r, sqlite3_errcode(r->c->db));
    buf *b = r->out;
    buf_puts(b, "{\"days\":[");
    long cur = -2;
    long long q[5] = {0}, undated = 0;
    int n = 0;
    for (;;) {
        rc = sqlite3_step(st);
        long d = rc != SQLITE_ROW ? -3 : S_isnull(st, 0) ? -1 : (long)sqlite3_column_int64(st, 0);
        if (cur >= 0 && d != cur) {
            if (n++) buf_putc(b, ',');
            buf_puts(b, "{\"date\":");
            S_day(b, cur);
            buf_printf(b, ",\"total\":%lld,\"quad\":[%lld,%lld,%lld,%lld]}", q[0], q[1], q[2], q[3], q[4]);
            memset(q, 0, sizeof q);
        }
        if (rc != SQLITE_ROW) break;
        cur = d;
        int quad = sqlite3_column_int(st, 1);
        long long c = sqlite3_column_int64(st, 2);
        if (d < 0) {
            undated += c;
            continue;
        }
        q[0] += c;
        if (quad >= 1 && quad <= 4) q[quad] += c;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return S_dberror(r, rc);
    buf_printf(b, "],\"undated\":%lld}\n", undated);
    return 200;
}

typedef struct {
    char key[64], name[128];
    long long events;
    double gsum;
} S_node;

static int S_api_network(S_req *r)
{
    char pl[256];
    snprintf(pl, sizeof pl, "%s limit", S_FILTER_PARAMS);
    int rc = S_check_params(r, pl);
    if (rc) return rc;
    S_filter f;
    if ((rc = S_parse_filter(r, &f, 150))) {
        S_filter_free(&f);
        return rc;
    }
    buf *b = r->out;
    sqlite3_stmt *st = S_filtered(r,
                                  "SELECT w.src_key, w.tgt_key, count(*), sum(w.num_mentions), avg(w.goldstein)"
                                  " FROM world_events w WHERE w.src_key IS NOT NULL AND w.tgt_key IS NOT NULL"
                                  " AND w.src_key <> w.tgt_key",
                                  &f, 1, " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT :limit");
    if (!st) {
        S_filter_free(&f);
        return S_dberror(r, sqlite3_errcode(r->c->db));
    }
    vec nodes;
    vec_init(&nodes, sizeof(S_node));
    buf_puts(b, "{\"edges\":[");
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long cnt = sqlite3_column_int64(st, 2);
        double g = sqlite3_column_double(st, 4);
        if (n++) buf_putc(b, ',');
        buf_puts(b, "{\"source\":");
        json_put_str(b, S_col(st, 0));
        S_kstr(b, "target", S_col(st, 1));
        buf_printf(b, ",\"events\":%lld,\"mentions\":%lld,\"mean_goldstein\":", cnt,
                   (long long)sqlite3_column_int64(st, 3));
        json_put_num(b, g, 2);
        buf_putc(b, '}');
        for (int side = 0; side < 2; side++) {
            const char *k = S_col(st, side);
            S_node *nd = NULL;
            for (size_t i = 0; i < nodes.len && !nd; i++)
                if (!strcmp(VEC_AT(&nodes, S_node, i).key, k)) nd = &VEC_AT(&nodes, S_node, i);
            if (!nd && (nd = vec_push(&nodes))) snprintf(nd->key, sizeof nd->key, "%s", k);
            if (nd) {
                nd->events += cnt;
                nd->gsum += g * (double)cnt;
            }
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        vec_free(&nodes);
        S_filter_free(&f);
        return S_dberror(r, rc);
    }
    /* each node's most frequent name */
    buf sql;
    buf_init(&sql);
    buf_puts(&sql, "SELECT k, n, count(*) FROM (SELECT w.src_key AS k, w.src_name AS n FROM world_events w WHERE 1");
    S_where(&sql, &f, 1);
    buf_puts(&sql, " UNION ALL SELECT w.tgt_key, w.tgt_name FROM world_events w WHERE 1");
    S_where(&sql, &f, 1);
    buf_puts(&sql, ") WHERE k IS NOT NULL AND n IS NOT NULL GROUP BY k, n ORDER BY k, 3 DESC, n");
    st = sql.s ? S_prep(r->c, sql.s) : NULL;
    buf_free(&sql);
    if (st) {
        S_bind_filter(st, &f);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            for (size_t i = 0; i < nodes.len; i++) {
                S_node *nd = &VEC_AT(&nodes, S_node, i);
                if (!nd->name[0] && !strcmp(nd->key, S_col(st, 0)))
                    snprintf(nd->name, sizeof nd->name, "%s", S_col(st, 1));
            }
        sqlite3_reset(st);
    }
    S_filter_free(&f);
    if (!st || rc != SQLITE_DONE) {
        vec_free(&nodes);
        return S_dberror(r, st ? rc : sqlite3_errcode(r->c->db));
    }
    buf_puts(b, "],\"nodes\":[");
    for (size_t i = 0; i < nodes.len; i++) {
        S_node *nd = &VEC_AT(&nodes, S_node, i);
        if (i) buf_putc(b, ',');
        buf_puts(b, "{\"key\":");
        json_put_str(b, nd->key);
        S_kstr(b, "name", nd->name[0] ? nd->name : NULL);
        buf_printf(b, ",\"events\":%lld,\"mean_goldstein\":", nd->events);
        json_put_num(b, nd->events ? nd->gsum / (double)nd->events : 0, 2);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}\n");
    vec_free(&nodes);
    return 200;
}

static int S_api_places(S_req *r)
{
    char pl[256];
    snprintf(pl, sizeof pl, "%s limit", S_FILTER_PARAMS);
    int rc = S_check_params(r, pl);
    if (rc) return rc;
    S_filter f;
    if ((rc = S_parse_filter(r, &f, SERVE_MAX_LIMIT))) {
        S_filter_free(&f);
        return rc;
    }
    sqlite3_stmt *st = S_filtered(
        r,
        "SELECT w.loc_name, w.loc_country, w.lat, w.lon, count(*), avg(w.goldstein), sum(w.quad = 1),"
        " sum(w.quad = 2), sum(w.quad = 3), sum(w.quad = 4) FROM world_events w"
        " WHERE w.lat IS NOT NULL AND w.lon IS NOT NULL",
        &f, 1, " GROUP BY w.loc_name, w.loc_country, w.lat, w.lon ORDER BY 5 DESC, 1 LIMIT :limit");
    S_filter_free(&f);
    if (!st) return S_dberror(r, sqlite3_errcode(r->c->db));
    buf *b = r->out;
    buf_puts(b, "{\"places\":[");
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++) buf_putc(b, ',');
        buf_puts(b, "{\"name\":");
        json_put_str(b, S_col(st, 0));
        S_kstr(b, "country", S_col(st, 1));
        buf_puts(b, ",\"lat\":");
        json_put_num(b, sqlite3_column_double(st, 2), 4);
        buf_puts(b, ",\"lon\":");
        json_put_num(b, sqlite3_column_double(st, 3), 4);
        buf_printf(b, ",\"events\":%lld,\"mean_goldstein\":", (long long)sqlite3_column_int64(st, 4));
        json_put_num(b, sqlite3_column_double(st, 5), 2);
        buf_printf(b, ",\"quad\":[%lld,%lld,%lld,%lld]}", (long long)sqlite3_column_int64(st, 6),
                   (long long)sqlite3_column_int64(st, 7), (long long)sqlite3_column_int64(st, 8),
                   (long long)sqlite3_column_int64(st, 9));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return S_dberror(r, rc);
    buf_puts(b, "]}\n");
    return 200;
}

static int S_api_docs(S_req *r)
{
    int rc = S_check_params(r, "q limit");
    if (rc) return rc;
    const char *q = S_get(r, "q");
    if (!q || !*q) return S_error(r->out, 400, "docs needs a query q", "q");
    long limit = 20;
    const char *v = S_get(r, "limit");
    if (v && *v) {
        if (S_parse_int(v, 1, LONG_MAX / 16, &limit)) return S_error(r->out, 400, "limit wants a positive number", "limit");
        if (limit > SERVE_MAX_LIMIT) limit = SERVE_MAX_LIMIT;
    }
    char *fts = S_fts(r->c, q);
    if (!fts) return S_error(r->out, 500, "out of memory", NULL);
    sqlite3_stmt *st = S_prep(r->c, "SELECT d.doc_id, d.date, d.source, d.url, d.title,"
                                    " snippet(docs_fts, 1, char(2), char(3), '...', 16), round(bm25(docs_fts), 3)"
                                    " FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid"
                                    " WHERE docs_fts MATCH ?1 ORDER BY bm25(docs_fts), d.doc_id LIMIT ?2");
    if (!st) {
        free(fts);
        return S_dberror(r, sqlite3_errcode(r->c->db));
    }
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, limit);
    buf *b = r->out;
    buf_printf(b, "{\"limit\":%ld,\"docs\":[", limit);
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n++) buf_putc(b, ',');
        buf_puts(b, "{\"doc\":");
        json_put_str(b, S_col(st, 0));
        S_kstr(b, "date", S_col(st, 1));
        S_kstr(b, "source", S_col(st, 2));
        S_kstr(b, "url", S_col(st, 3));
        S_kstr(b, "title", S_col(st, 4));
        S_kstr(b, "snippet", S_col(st, 5));
        buf_puts(b, ",\"score\":");
        json_put_num(b, sqlite3_column_double(st, 6), 3);
        buf_putc(b, '}');
    }
    sqlite3_reset(st);
    free(fts);
    if (rc != SQLITE_DONE) return S_dberror(r, rc);
    buf_puts(b, "]}\n");
    return 200;
}

/* Rows of (label, count) as [{"<name>":label,"count":n},...]. */
static int S_pairs(S_req *r, const char *sql, const char *name)
{
    sqlite3_stmt *st = S_prep(r->c, sql);
    if (!st) return sqlite3_errcode(r->c->db);
    int rc, n = 0;
    buf_putc(r->out, '[');
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        buf_printf(r->out, "%s{\"%s\":", n++ ? "," : "", name);
        json_put_str(r->out, S_col(st, 0));
        buf_printf(r->out, ",\"count\":%lld}", (long long)sqlite3_column_int64(st, 1));
    }
    buf_putc(r->out, ']');
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : rc;
}

static int S_api_meta(S_req *r)
{
    int rc = S_check_params(r, "");
    if (rc) return rc;
    buf *b = r->out;
    sqlite3_stmt *st = S_prep(r->c, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
                                    " (SELECT count(*) FROM world_events), (SELECT min(" S_DATE ") FROM world_events w),"
                                    " (SELECT max(" S_DATE ") FROM world_events w)");
    if (!st) return S_dberror(r, sqlite3_errcode(r->c->db));
    if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
        sqlite3_reset(st);
        return S_dberror(r, rc);
    }
    buf_printf(b, "{\"version\":\"%s\",\"documents\":%lld,\"events\":%lld,\"world_events\":%lld,\"first_date\":",
               SITREP_VERSION, (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1),
               (long long)sqlite3_column_int64(st, 2));
    S_col_day(b, st, 3);
    buf_puts(b, ",\"last_date\":");
    S_col_day(b, st, 4);
    sqlite3_reset(st);
    buf_printf(b, ",\"max_limit\":%d,\"types\":", SERVE_MAX_LIMIT);
    if ((rc = S_pairs(r, "SELECT type, count(*) FROM world_events GROUP BY 1 ORDER BY 1", "type")))
        return S_dberror(r, rc);
    buf_puts(b, ",\"modalities\":");
    if ((rc = S_pairs(r, "SELECT modality, count(*) FROM world_events GROUP BY 1 ORDER BY 2 DESC, 1", "modality")))
        return S_dberror(r, rc);
    buf_puts(b, ",\"sources\":");
    if ((rc = S_pairs(r, "SELECT source, count(*) FROM documents WHERE source IS NOT NULL GROUP BY 1"
                         " ORDER BY 2 DESC, 1 LIMIT 200", "source")))
        return S_dberror(r, rc);
    /* actor keys, most frequent first, each with its most frequent name */
    st = S_prep(r->c, "SELECT k, n, count(*) AS c, sum(count(*)) OVER (PARTITION BY k) AS t FROM"
                      " (SELECT src_key AS k, src_name AS n FROM world_events UNION ALL"
                      " SELECT tgt_key, tgt_name FROM world_events) WHERE k IS NOT NULL"
                      " GROUP BY k, n ORDER BY t DESC, k, c DESC, n");
    if (!st) return S_dberror(r, sqlite3_errcode(r->c->db));
    buf_puts(b, ",\"actors\":[");
    const char *last = NULL;
    char lastkey[64] = "";
    int n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 1000) {
        const char *k = S_col(st, 0);
        if (last && !strcmp(lastkey, k)) continue;
        snprintf(lastkey, sizeof lastkey, "%s", k);
        last = lastkey;
        buf_puts(b, n++ ? ",{\"key\":" : "{\"key\":");
        json_put_str(b, k);
        S_kstr(b, "name", S_col(st, 1));
        buf_printf(b, ",\"count\":%lld}", (long long)sqlite3_column_int64(st, 3));
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return S_dberror(r, rc);
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
    clock_gettime(CLOCK_MONOTONIC, &c->deadline);
    c->deadline.tv_sec += s->query_ms / 1000;
    c->deadline.tv_nsec += (long)(s->query_ms % 1000) * 1000000L;
    if (c->deadline.tv_nsec >= 1000000000L) {
        c->deadline.tv_sec++;
        c->deadline.tv_nsec -= 1000000000L;
    }
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
 * when another connection has changed the database; 1 when found. */
static int S_recall(S_conn *c, const char *key, buf *out)
{
    sqlite3_stmt *st = S_prep(c, "PRAGMA data_version");
    long long v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    if (st) sqlite3_reset(st);
    if (v < 0 || v != c->version) {
        S_forget(c);
        c->version = v;
        return 0;
    }
    for (int i = 0; i < c->nanswer; i++)
        if (!strcmp(c->answer[i].key, key)) return buf_put(out, c->answer[i].body, c->answer[i].len) == 0;
    return 0;
}

static void S_remember(S_conn *c, const char *key, const buf *out)
{
    if (c->version < 0 || !out->s || out->len > S_RCACHE_MAX) return;
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
        for (int j = 0; j < c->ncache; j++) {
            sqlite3_finalize(c->cache[j].st);
            free(c->cache[j].sql);
        }
        sqlite3_close(c->db);
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
    if (!rc && stat(o->db, &stt) != 0) {
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
        if (sqlite3_open_v2(o->db, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
            sqlite3_exec(c->db, "SELECT value FROM meta WHERE key = 'schema'; SELECT 1 FROM docs_fts LIMIT 0",
                         NULL, NULL, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "%s: not a sitrep store (%s)", o->db, sqlite3_errmsg(c->db));
            rc = SITREP_EDB;
            break;
        }
        sqlite3_busy_timeout(c->db, s->query_ms);
        sqlite3_progress_handler(c->db, 1000, S_progress, c);
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
