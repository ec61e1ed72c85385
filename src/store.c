/* store.c -- the corpus store (store.h): SQLite schema, idempotent batched
 * ingest, cross-document merging into world events, and the analyst
 * queries, which are built here for both backends and run on SQLite or
 * through store_pg_query (PostgreSQL writes are store_pg.c's).  Invariants: every stored event has exactly one row in
 * event_world; a world event's summary columns are a function of its
 * votes (world_votes: per attribute value, how many reports say it), which
 * are a function of its reports; a world event with no reports is deleted.
 * Merge rules are in merge.c (merge.h, "cross-document merging").
 */
#include "store.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "json.h"
#include "merge.h"
#include "sitrep.h"
#include "store_pg.h"

static const char S_schema[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);\n"
    "INSERT OR IGNORE INTO meta VALUES('schema','1');\n"
    "CREATE TABLE IF NOT EXISTS documents(\n"
    "  id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, hash TEXT NOT NULL,\n"
    "  source TEXT, url TEXT, date TEXT, day INTEGER, title TEXT, text TEXT NOT NULL,\n"
    "  file TEXT, line INTEGER, bytes INTEGER NOT NULL, nsentences INTEGER, nevents INTEGER);\n"
    "CREATE TABLE IF NOT EXISTS sentences(doc INTEGER NOT NULL, idx INTEGER NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL, para INTEGER, PRIMARY KEY(doc, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS mentions(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL,\n"
    "  sentence INTEGER, start INTEGER, end INTEGER, text TEXT, name TEXT, key TEXT, code TEXT,\n"
    "  kind INTEGER, how INTEGER);\n"
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);\n"
    "CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, ord INTEGER NOT NULL,\n"
    "  sentence INTEGER, start INTEGER, end INTEGER, type TEXT NOT NULL, mode TEXT, cameo TEXT,\n"
    "  quad INTEGER, goldstein REAL, modality TEXT NOT NULL,\n"
    "  src_text TEXT, src_name TEXT, src_key TEXT, src_code TEXT, src_start INTEGER,\n"
    "  tgt_text TEXT, tgt_name TEXT, tgt_key TEXT, tgt_code TEXT, tgt_start INTEGER,\n"
    "  loc_text TEXT, loc_name TEXT, loc_country TEXT, loc_kind TEXT, lat REAL, lon REAL,\n"
    "  day INTEGER, prec TEXT, date_text TEXT, trigger TEXT, confidence REAL, evidence TEXT,\n"
    "  pattern TEXT, UNIQUE(doc, ord));\n"
    "CREATE TABLE IF NOT EXISTS world_events(id INTEGER PRIMARY KEY, type TEXT NOT NULL,\n"
    "  pair TEXT NOT NULL, hypo INTEGER NOT NULL, src_key TEXT, tgt_key TEXT,\n"
    "  src_name TEXT, src_code TEXT, tgt_name TEXT, tgt_code TEXT, mode TEXT, cameo TEXT,\n"
    "  quad INTEGER, goldstein REAL, modality TEXT, modalities TEXT, day INTEGER, prec INTEGER,\n"
    "  loc_name TEXT, loc_country TEXT, loc_kind TEXT, lat REAL, lon REAL,\n"
    "  num_mentions INTEGER NOT NULL DEFAULT 0, num_articles INTEGER NOT NULL DEFAULT 0,\n"
    "  num_sources INTEGER NOT NULL DEFAULT 0, first_seen INTEGER, last_seen INTEGER,\n"
    "  lo INTEGER NOT NULL, hi INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS world_match ON world_events(type, pair, hi);\n"
    "CREATE INDEX IF NOT EXISTS world_src ON world_events(src_key, day);\n"
    "CREATE INDEX IF NOT EXISTS world_tgt ON world_events(tgt_key, day);\n"
    "CREATE TABLE IF NOT EXISTS event_world(event INTEGER PRIMARY KEY, world INTEGER NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS event_world_w ON event_world(world);\n"
    "CREATE TABLE IF NOT EXISTS world_votes(world INTEGER NOT NULL, kind INTEGER NOT NULL,\n"
    "  value TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(world, kind, value)) WITHOUT ROWID;\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(title, text, content='documents',\n"
    "  content_rowid='id');\n";

/* Vote kinds (world_votes.kind). */
enum { V_DOC = MERGE_V_DOC, V_SOURCE = MERGE_V_SOURCE, V_MODALITY = MERGE_V_MODALITY, V_DATE = MERGE_V_DATE,
       V_PLACE = MERGE_V_PLACE, V_MODE = MERGE_V_MODE, V_ACTORS = MERGE_V_ACTORS };

enum {
    Q_FIND_DOC, Q_INS_DOC, Q_INS_FTS, Q_DEL_FTS, Q_INS_SENT, Q_INS_MENTION, Q_INS_EVENT,
    Q_CANDIDATES, Q_INS_WORLD, Q_GROW_WORLD, Q_LINK, Q_VOTE, Q_VOTE_UP, Q_VOTES,
    Q_SUMMARY, Q_DOC_WORLDS, Q_MEMBERS, Q_WORLD_KEYS, Q_SET_RANGE,
    Q_COUNT
};

static const char *const S_sql[Q_COUNT] = {
    [Q_FIND_DOC] = "SELECT id, hash, title, text FROM documents WHERE doc_id = ?1",
    [Q_INS_DOC] = "INSERT INTO documents(doc_id, hash, source, url, date, day, title, text, file,"
                  " line, bytes, nsentences, nevents) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
    [Q_INS_FTS] = "INSERT INTO docs_fts(rowid, title, text) VALUES(?1, ?2, ?3)",
    [Q_DEL_FTS] = "INSERT INTO docs_fts(docs_fts, rowid, title, text) VALUES('delete', ?1, ?2, ?3)",
    [Q_INS_SENT] = "INSERT INTO sentences(doc, idx, start, end, para) VALUES(?1,?2,?3,?4,?5)",
    [Q_INS_MENTION] = "INSERT INTO mentions(doc, sentence, start, end, text, name, key, code, kind, how)"
                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
    [Q_INS_EVENT] = "INSERT INTO events(doc, ord, sentence, start, end, type, mode, cameo, quad,"
                    " goldstein, modality, src_text, src_name, src_key, src_code, src_start, tgt_text,"
                    " tgt_name, tgt_key, tgt_code, tgt_start, loc_text, loc_name, loc_country, loc_kind,"
                    " lat, lon, day, prec, date_text, trigger, confidence, evidence, pattern) VALUES("
                    "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
                    "?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34)",
    [Q_CANDIDATES] = "SELECT id, src_key, tgt_key, day, prec, loc_country, first_seen, last_seen"
                     " FROM world_events w WHERE type = ?1 AND pair = ?2 AND hypo = 0 AND hi >= ?3"
                     " AND lo <= ?4 AND NOT EXISTS (SELECT 1 FROM event_world x JOIN events v"
                     " ON v.id = x.event WHERE x.world = w.id AND v.doc = ?5) ORDER BY id",
    [Q_INS_WORLD] = "INSERT INTO world_events(type, pair, hypo, src_key, tgt_key, first_seen,"
                    " last_seen, lo, hi) VALUES(?1,?2,?3,?4,?5,?6,?6,?7,?8)",
    [Q_GROW_WORLD] = "UPDATE world_events SET lo = min(lo, ?2), hi = max(hi, ?3),"
                     " first_seen = CASE WHEN ?4 IS NULL THEN first_seen WHEN first_seen IS NULL"
                     " OR ?4 < first_seen THEN ?4 ELSE first_seen END,"
                     " last_seen = CASE WHEN ?4 IS NULL THEN last_seen WHEN last_seen IS NULL"
                     " OR ?4 > last_seen THEN ?4 ELSE last_seen END WHERE id = ?1",
    [Q_LINK] = "INSERT INTO event_world(event, world) VALUES(?1, ?2)",
    [Q_VOTE] = "INSERT INTO world_votes(world, kind, value, n) VALUES(?1, ?2, ?3, 1)",
    [Q_VOTE_UP] = "UPDATE world_votes SET n = n + 1 WHERE world = ?1 AND kind = ?2 AND value = ?3",
    [Q_VOTES] = "SELECT kind, value, n FROM world_votes WHERE world = ?1 AND kind >= 3",
    [Q_SUMMARY] = "UPDATE world_events SET src_name=?2, src_code=?3, tgt_name=?4, tgt_code=?5,"
                  " mode=?6, cameo=?7, quad=?8, goldstein=?9, modality=?10, modalities=?11, day=?12,"
                  " prec=?13, loc_name=?14, loc_country=?15, loc_kind=?16, lat=?17, lon=?18,"
                  " num_mentions=num_mentions+?19, num_articles=num_articles+?20,"
                  " num_sources=num_sources+?21 WHERE id = ?1",
    [Q_DOC_WORLDS] = "SELECT DISTINCT ew.world FROM events e JOIN event_world ew ON ew.event = e.id"
                     " WHERE e.doc = ?1 ORDER BY ew.world",
    [Q_MEMBERS] = "SELECT e.doc, d.doc_id, d.source, d.day, e.type, e.mode, e.cameo, e.quad,"
                  " e.goldstein, e.modality, e.src_key, e.src_name, e.src_code, e.tgt_key, e.tgt_name,"
                  " e.tgt_code, e.loc_name, e.loc_country, e.loc_kind, e.lat, e.lon, e.day, e.prec"
                  " FROM event_world ew JOIN events e ON e.id = ew.event JOIN documents d ON d.id = e.doc"
                  " WHERE ew.world = ?1 ORDER BY e.id",
    [Q_WORLD_KEYS] = "SELECT src_key FROM world_events WHERE id = ?1",
    [Q_SET_RANGE] = "UPDATE world_events SET lo=?2, hi=?3, first_seen=?4, last_seen=?5,"
                     " num_mentions=?6, num_articles=?7, num_sources=?8 WHERE id=?1",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *st[Q_COUNT];
    int in_tx, batch, nbatch;
    int new_world;        /* S_vote1: the world event was just created */
    store_pg *pg;         /* a PostgreSQL store: every write goes there, reads through store_pg_query */
    struct {              /* read statements (S_rprep), by SQL text */
        char *sql;
        sqlite3_stmt *st;
        int busy;
    } rcache[32];
    int nrcache;
    struct timespec deadline;   /* store_set_deadline */
    int has_deadline, timed_out, progress, watch_table;
    char err[512];
};

/* ---- helpers ------------------------------------------------------------- */

static int S_fail(store *s)
{
    snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
    return SITREP_EDB;
}

static int S_exec(store *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return SITREP_EDB;
    }
    return 0;
}

/* The cached statement id, reset and unbound; NULL on error. */
static sqlite3_stmt *S_q(store *s, int id)
{
    if (!s->st[id] && sqlite3_prepare_v3(s->db, S_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL) != SQLITE_OK) {
        S_fail(s);
        return NULL;
    }
    sqlite3_reset(s->st[id]);
    sqlite3_clear_bindings(s->st[id]);
    return s->st[id];
}

static void S_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);   /* callers step before v dies */
    else sqlite3_bind_null(st, i);
}

static void S_day(sqlite3_stmt *st, int i, long day)
{
    if (day >= 0) sqlite3_bind_int64(st, i, day);
    else sqlite3_bind_null(st, i);
}

/* Steps a write statement to completion. */
static int S_done(store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return S_fail(s);
    sqlite3_reset(st);
    return 0;
}

static long S_col_day(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}

static const char *S_col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void S_copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* ---- open / close ------------------------------------------------------- */

int store_is_url(const char *path)
{
    return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11);
}

int store_open(const char *path, int readonly, store **out, char *err, size_t errlen)
{
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return SITREP_ENOMEM;
    }
    if (store_is_url(path)) {
        int rc = store_pg_open(path, readonly, &s->pg, err, errlen);
        if (rc) free(s);
        else *out = s;
        return rc;
    }
    s->batch = 200;
    int flags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        sqlite3_close(s->db);
        free(s);
        return SITREP_EDB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    int rc = 0;
    if (!readonly) {
        rc = S_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;");
        if (!rc) rc = S_exec(s, S_schema);
    } else {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM world_events LIMIT 1", -1, &st, NULL) != SQLITE_OK)
            rc = S_fail(s);
        else
            sqlite3_finalize(st);
    }
    if (rc) {
        snprintf(err, errlen, "%s: %s", path, s->err);
        sqlite3_close(s->db);
        free(s);
        return rc;
    }
    *out = s;
    return 0;
}

int store_commit(store *s)
{
    if (s->pg) return store_pg_commit(s->pg);
    if (!s->in_tx) return 0;
    int rc = S_exec(s, "COMMIT");
    if (!rc) {
        s->in_tx = 0;
        s->nbatch = 0;
    }
    return rc;
}

int store_close(store *s)
{
    if (!s) return 0;
    if (s->pg) {
        int rc = store_pg_close(s->pg);
        free(s);
        return rc;
    }
    int rc = store_commit(s);
    if (rc) S_exec(s, "ROLLBACK");
    for (int i = 0; i < Q_COUNT; i++) sqlite3_finalize(s->st[i]);
    for (int i = 0; i < s->nrcache; i++) {
        sqlite3_finalize(s->rcache[i].st);
        free(s->rcache[i].sql);
    }
    sqlite3_close(s->db);
    free(s);
    return rc;
}

const char *store_errmsg(const store *s)
{
    if (s->pg) return store_pg_errmsg(s->pg);
    return s->err;
}

void store_set_batch(store *s, int ndocs)
{
    if (s->pg) store_pg_set_batch(s->pg, ndocs);
    s->batch = ndocs > 0 ? ndocs : 1;
}

static uint64_t S_fnv(uint64_t h, const char *p)
{
    if (p)
        for (; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return (h ^ 0xff) * 1099511628211ULL;   /* field separator */
}

void store_doc_hash(const sr_doc *doc, char out[17])
{
    uint64_t h = 14695981039346656037ULL;
    h = S_fnv(h, doc->id);
    h = S_fnv(h, doc->date);
    h = S_fnv(h, doc->source);
    h = S_fnv(h, doc->url);
    h = S_fnv(h, doc->title);
    h = S_fnv(h, doc->text);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int store_has_doc(store *s, const char *id, const char *hash)
{
    if (s->pg) return store_pg_has_doc(s->pg, id, hash);
    sqlite3_stmt *st = S_q(s, Q_FIND_DOC);
    if (!st) return SITREP_EDB;
    S_text(st, 1, id);
    int rc = sqlite3_step(st);
    int found = 0;
    if (rc == SQLITE_ROW) found = S_col(st, 1) && !strcmp(S_col(st, 1), hash);
    else if (rc != SQLITE_DONE) return S_fail(s);
    sqlite3_reset(st);
    return found;
}

int store_counts(store *s, long long *docs, long long *events, long long *worlds)
{
    if (s->pg) return store_pg_counts(s->pg, docs, events, worlds);
    const char *sql = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
                      " (SELECT count(*) FROM world_events)";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return S_fail(s);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *docs = sqlite3_column_int64(st, 0);
        *events = sqlite3_column_int64(st, 1);
        *worlds = sqlite3_column_int64(st, 2);
    } else {
        rc = S_fail(s);
    }
    sqlite3_finalize(st);
    return rc;
}

/* ---- world events ----------------------------------------------------- */

typedef merge_report S_ev; /* what merging needs of one report (merge.h) */

/* Counts one vote; *fresh (when not NULL) tells whether the value is new
 * for this world event.  s->new_world: the world event has no votes yet. */
static int S_vote1(store *s, long long world, int kind, const char *value, int *fresh)
{
    sqlite3_stmt *st;
    int rc, isnew = 1;
    if (!s->new_world) {
        st = S_q(s, Q_VOTE_UP);
        if (!st) return SITREP_EDB;
        sqlite3_bind_int64(st, 1, world);
        sqlite3_bind_int(st, 2, kind);
        S_text(st, 3, value);
        if ((rc = S_done(s, st))) return rc;
        isnew = sqlite3_changes(s->db) == 0;
    }
    if (fresh) *fresh = isnew;
    if (!isnew) return 0;
    st = S_q(s, Q_VOTE);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, world);
    sqlite3_bind_int(st, 2, kind);
    S_text(st, 3, value);
    return S_done(s, st);
}

typedef struct {
    store *s;
    long long world;
} S_vote_ctx;

static int S_vote_cb(void *ctx, int kind, const char *value, int *fresh)
{
    S_vote_ctx *c = ctx;
    return S_vote1(c->s, c->world, kind, value, fresh);
}

/* Votes every attribute of e (merge_votes); *new_doc and *new_src say
 * whether e brings a new article and a new source to the world event. */
static int S_vote(store *s, long long world, const S_ev *e, int swapped, int *new_doc, int *new_src)
{
    S_vote_ctx c = {s, world};
    return merge_votes(e, swapped, S_vote_cb, &c, new_doc, new_src);
}


/* Recomputes the summary columns of a world event from its votes, and
 * adds nm, na, ns to its mention, article and source counts. */
static int S_summarise(store *s, long long world, const char *skey, const char *tkey, int nm, int na,
                       int ns)
{
    int rc;
    merge_summary m;
    merge_summary_init(&m);
    sqlite3_stmt *st = S_q(s, Q_VOTES);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, world);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int kind = sqlite3_column_int(st, 0), n = sqlite3_column_int(st, 2);
        const char *v = S_col(st, 1);
        if (!v) continue;
        merge_summary_add(&m, kind, v, n);
    }
    if (rc != SQLITE_DONE) return S_fail(s);
    sqlite3_reset(st);
    merge_summary_finish(&m, skey, tkey);
    st = S_q(s, Q_SUMMARY);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, world);
    S_text(st, 2, m.sname);
    S_text(st, 3, m.scode);
    S_text(st, 4, m.tname);
    S_text(st, 5, m.tcode);
    if (m.has_mode) {
        S_text(st, 6, m.wmode);
        S_text(st, 7, m.cameo);
        sqlite3_bind_int(st, 8, m.quad);
        sqlite3_bind_double(st, 9, m.goldstein);
    }
    S_text(st, 10, *m.mod ? m.mod : NULL);
    S_text(st, 11, *m.mods ? m.mods : NULL);
    if (m.day >= 0) {
        sqlite3_bind_int64(st, 12, m.day);
        sqlite3_bind_int(st, 13, m.prec);
    }
    if (m.has_place) {
        S_text(st, 14, m.pname);
        S_text(st, 15, m.pcountry);
        S_text(st, 16, m.pkind);
        sqlite3_bind_double(st, 17, m.lat);
        sqlite3_bind_double(st, 18, m.lon);
    }
    sqlite3_bind_int(st, 19, nm);
    sqlite3_bind_int(st, 20, na);
    sqlite3_bind_int(st, 21, ns);
    return S_done(s, st);
}

/* Finds (or creates) the world event of e and links event id to it. */
static int S_assign(store *s, long long evid, const S_ev *e)
{
    char pair[64];
    merge_pair_key(e->type, e->skey, e->tkey, pair, sizeof pair);
    int hypo = !strcmp(e->modality, "hypothetical");
    merge_when we = {e->day, (sitrep_prec)e->prec, e->pub, e->pub};
    long lo, hi;
    merge_window(&we, &lo, &hi);
    long long world = -1;
    int swapped = 0, created = 0;
    char wskey[16] = "", wtkey[16] = "";
    int rc;
    if (!hypo) {
        sqlite3_stmt *st = S_q(s, Q_CANDIDATES);
        if (!st) return SITREP_EDB;
        S_text(st, 1, e->type);
        S_text(st, 2, pair);
        sqlite3_bind_int64(st, 3, lo);
        sqlite3_bind_int64(st, 4, hi);
        sqlite3_bind_int64(st, 5, e->doc);
        long bestd = LONG_MAX;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *sk = S_col(st, 1), *tk = S_col(st, 2);
            merge_when ww = {S_col_day(st, 3), (sitrep_prec)sqlite3_column_int(st, 4), S_col_day(st, 6),
                             S_col_day(st, 7)};
            if (!merge_dates_compatible(&we, &ww)) continue;
            if (!merge_places_compatible(e->lcountry, S_col(st, 5), sk, tk)) continue;
            long d = merge_distance(&we, &ww);
            if (d < bestd) {
                bestd = d;
                world = sqlite3_column_int64(st, 0);
                S_copy(wskey, sizeof wskey, sk);
                S_copy(wtkey, sizeof wtkey, tk);
            }
        }
        if (rc != SQLITE_DONE) return S_fail(s);
        sqlite3_reset(st);
    }
    if (world < 0) {
        sqlite3_stmt *st = S_q(s, Q_INS_WORLD);
        if (!st) return SITREP_EDB;
        S_text(st, 1, e->type);
        S_text(st, 2, pair);
        sqlite3_bind_int(st, 3, hypo);
        S_text(st, 4, e->skey);
        S_text(st, 5, e->tkey);
        S_day(st, 6, e->pub);
        sqlite3_bind_int64(st, 7, lo);
        sqlite3_bind_int64(st, 8, hi);
        if ((rc = S_done(s, st))) return rc;
        world = sqlite3_last_insert_rowid(s->db);
        created = 1;
        S_copy(wskey, sizeof wskey, e->skey);
        S_copy(wtkey, sizeof wtkey, e->tkey);
    } else {
        const char *sk = e->skey ? e->skey : "";
        swapped = strcmp(sk, wskey) != 0;
        sqlite3_stmt *st = S_q(s, Q_GROW_WORLD);
        if (!st) return SITREP_EDB;
        sqlite3_bind_int64(st, 1, world);
        sqlite3_bind_int64(st, 2, lo);
        sqlite3_bind_int64(st, 3, hi);
        S_day(st, 4, e->pub);
        if ((rc = S_done(s, st))) return rc;
    }
    sqlite3_stmt *st = S_q(s, Q_LINK);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, evid);
    sqlite3_bind_int64(st, 2, world);
    if ((rc = S_done(s, st))) return rc;
    int nd, nsrc;
    s->new_world = created;
    rc = S_vote(s, world, e, swapped, &nd, &nsrc);
    s->new_world = 0;
    if (rc) return rc;
    return S_summarise(s, world, *wskey ? wskey : NULL, *wtkey ? wtkey : NULL, 1, nd, nsrc);
}

static int S_prec_of(const char *name)
{
    if (!name) return PREC_NONE;
    if (!strcmp(name, "day")) return PREC_DAY;
    if (!strcmp(name, "week")) return PREC_WEEK;
    if (!strcmp(name, "month")) return PREC_MONTH;
    if (!strcmp(name, "year")) return PREC_YEAR;
    return PREC_NONE;
}

/* Votes a world event again from its remaining reports (after a document
 * left it); deletes it when none remain. */
static int S_rebuild(store *s, long long world)
{
    int rc;
    char sql[128];
    snprintf(sql, sizeof sql, "DELETE FROM world_votes WHERE world = %lld", world);
    if ((rc = S_exec(s, sql))) return rc;
    char wskey[16] = "", wtkey[16] = "";
    sqlite3_stmt *st = S_q(s, Q_WORLD_KEYS);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, world);
    if (sqlite3_step(st) == SQLITE_ROW) S_copy(wskey, sizeof wskey, S_col(st, 0));
    sqlite3_reset(st);
    st = S_q(s, Q_MEMBERS);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, world);
    long lo = LONG_MAX, hi = LONG_MIN, first = -1, last = -1;
    int n = 0, na = 0, ns = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        S_ev e = {0};
        e.doc = sqlite3_column_int64(st, 0);
        e.doc_id = S_col(st, 1);
        e.source = S_col(st, 2);
        e.pub = S_col_day(st, 3);
        e.type = S_col(st, 4);
        e.mode = S_col(st, 5);
        e.cameo = S_col(st, 6);
        e.quad = sqlite3_column_int(st, 7);
        e.goldstein = sqlite3_column_double(st, 8);
        e.modality = S_col(st, 9);
        e.skey = S_col(st, 10);
        e.sname = S_col(st, 11);
        e.scode = S_col(st, 12);
        e.tkey = S_col(st, 13);
        e.tname = S_col(st, 14);
        e.tcode = S_col(st, 15);
        e.lname = S_col(st, 16);
        e.lcountry = S_col(st, 17);
        e.lkind = S_col(st, 18) ? S_col(st, 18)[0] : 0;
        e.lat = sqlite3_column_double(st, 19);
        e.lon = sqlite3_column_double(st, 20);
        e.day = S_col_day(st, 21);
        e.prec = S_prec_of(S_col(st, 22));
        if (!n) {
            const char *sk = e.skey ? e.skey : "";
            S_copy(wtkey, sizeof wtkey, !strcmp(sk, wskey) ? e.tkey : e.skey);
        }
        n++;
        merge_when we = {e.day, (sitrep_prec)e.prec, e.pub, e.pub};
        long l, h;
        merge_window(&we, &l, &h);
        if (l < lo) lo = l;
        if (h > hi) hi = h;
        if (e.pub >= 0 && (first < 0 || e.pub < first)) first = e.pub;
        if (e.pub > last) last = e.pub;
        const char *sk = e.skey ? e.skey : "";
        int nd, nsrc;
        if ((rc = S_vote(s, world, &e, strcmp(sk, wskey) != 0, &nd, &nsrc))) {
            sqlite3_reset(st);
            return rc;
        }
        na += nd;
        ns += nsrc;
    }
    if (rc != SQLITE_DONE) return S_fail(s);
    sqlite3_reset(st);
    if (!n) {
        snprintf(sql, sizeof sql, "DELETE FROM world_events WHERE id = %lld", world);
        return S_exec(s, sql);
    }
    st = S_q(s, Q_SET_RANGE);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, world);
    sqlite3_bind_int64(st, 2, lo);
    sqlite3_bind_int64(st, 3, hi);
    S_day(st, 4, first);
    S_day(st, 5, last);
    sqlite3_bind_int(st, 6, n);
    sqlite3_bind_int(st, 7, na);
    sqlite3_bind_int(st, 8, ns);
    if ((rc = S_done(s, st))) return rc;
    return S_summarise(s, world, *wskey ? wskey : NULL, *wtkey ? wtkey : NULL, 0, 0, 0);
}

/* Removes a stored document and its contribution to world events. */
static int S_remove_doc(store *s, long long doc, const char *title, const char *text)
{
    int rc;
    vec worlds;
    vec_init(&worlds, sizeof(long long));
    sqlite3_stmt *st = S_q(s, Q_DOC_WORLDS);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, doc);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long *w = vec_push(&worlds);
        if (!w) {
            vec_free(&worlds);
            sqlite3_reset(st);
            return SITREP_ENOMEM;
        }
        *w = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        vec_free(&worlds);
        return S_fail(s);
    }
    st = S_q(s, Q_DEL_FTS);
    rc = st ? 0 : SITREP_EDB;
    if (!rc) {
        sqlite3_bind_int64(st, 1, doc);
        S_text(st, 2, title);
        S_text(st, 3, text);
        rc = S_done(s, st);
    }
    char sql[512];
    snprintf(sql, sizeof sql,
             "DELETE FROM event_world WHERE event IN (SELECT id FROM events WHERE doc = %lld);"
             "DELETE FROM events WHERE doc = %lld; DELETE FROM mentions WHERE doc = %lld;"
             "DELETE FROM sentences WHERE doc = %lld; DELETE FROM documents WHERE id = %lld;",
             doc, doc, doc, doc, doc);
    if (!rc) rc = S_exec(s, sql);
    for (size_t i = 0; !rc && i < worlds.len; i++) rc = S_rebuild(s, VEC_AT(&worlds, long long, i));
    vec_free(&worlds);
    return rc;
}

/* ---- ingest ------------------------------------------------------------ */

static int S_add(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res)
{
    int rc;
    sqlite3_stmt *st = S_q(s, Q_FIND_DOC);
    if (!st) return SITREP_EDB;
    S_text(st, 1, doc->id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        long long old = sqlite3_column_int64(st, 0);
        const char *oh = S_col(st, 1);
        if (oh && !strcmp(oh, hash)) {
            sqlite3_reset(st);
            return 0;
        }
        char *title = S_col(st, 2) ? strdup(S_col(st, 2)) : NULL;
        char *text = strdup(S_col(st, 3) ? S_col(st, 3) : "");
        sqlite3_reset(st);
        rc = text ? S_remove_doc(s, old, title, text) : SITREP_ENOMEM;
        free(title);
        free(text);
        if (rc) return rc;
    } else if (rc != SQLITE_DONE) {
        return S_fail(s);
    } else {
        sqlite3_reset(st);
    }
    st = S_q(s, Q_INS_DOC);
    if (!st) return SITREP_EDB;
    char date[11];
    S_text(st, 1, doc->id);
    S_text(st, 2, hash);
    S_text(st, 3, doc->source && *doc->source ? doc->source : NULL);
    S_text(st, 4, doc->url);
    if (doc->day >= 0) {
        sitrep_format_day(doc->day, date);
        S_text(st, 5, date);
    }
    S_day(st, 6, doc->day);
    S_text(st, 7, doc->title);
    sqlite3_bind_text(st, 8, doc->text, (int)doc->text_len, SQLITE_STATIC);
    S_text(st, 9, doc->file);
    if (doc->line > 0) sqlite3_bind_int64(st, 10, doc->line);
    sqlite3_bind_int64(st, 11, (sqlite3_int64)doc->text_len);
    sqlite3_bind_int(st, 12, res->seg.nsents);
    sqlite3_bind_int(st, 13, res->nevents);
    if ((rc = S_done(s, st))) return rc;
    long long drow = sqlite3_last_insert_rowid(s->db);

    st = S_q(s, Q_INS_FTS);
    if (!st) return SITREP_EDB;
    sqlite3_bind_int64(st, 1, drow);
    S_text(st, 2, doc->title);
    sqlite3_bind_text(st, 3, doc->text, (int)doc->text_len, SQLITE_STATIC);
    if ((rc = S_done(s, st))) return rc;

    for (int i = 0; i < res->seg.nsents; i++) {
        const sr_sentence *se = &res->seg.sents[i];
        st = S_q(s, Q_INS_SENT);
        if (!st) return SITREP_EDB;
        sqlite3_bind_int64(st, 1, drow);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_int(st, 3, se->start);
        sqlite3_bind_int(st, 4, se->end);
        sqlite3_bind_int(st, 5, se->para);
        if ((rc = S_done(s, st))) return rc;
    }
    for (int i = 0; i < res->nmentions; i++) {
        const sr_mention *m = &res->mentions[i];
        st = S_q(s, Q_INS_MENTION);
        if (!st) return SITREP_EDB;
        sqlite3_bind_int64(st, 1, drow);
        sqlite3_bind_int(st, 2, m->sent);
        sqlite3_bind_int(st, 3, m->start);
        sqlite3_bind_int(st, 4, m->end);
        sqlite3_bind_text(st, 5, doc->text + m->start, m->end - m->start, SQLITE_STATIC);
        S_text(st, 6, m->name);
        S_text(st, 7, m->key);
        S_text(st, 8, m->code);
        sqlite3_bind_int(st, 9, (int)m->kind);
        sqlite3_bind_int(st, 10, (int)m->how);
        if ((rc = S_done(s, st))) return rc;
    }
    for (int pass = 0; pass < MERGE_PASSES; pass++)   /* merge.h: the order of assignment */
    for (int i = 0; i < res->nevents; i++) {
        const sr_event *e = &res->events[i];
        if (merge_assign_pass(e->modality) != pass) continue;
        const sr_sentence *se = &res->seg.sents[e->sent];
        st = S_q(s, Q_INS_EVENT);
        if (!st) return SITREP_EDB;
        sqlite3_bind_int64(st, 1, drow);
        sqlite3_bind_int(st, 2, i);
        sqlite3_bind_int(st, 3, e->sent);
        sqlite3_bind_int(st, 4, e->start);
        sqlite3_bind_int(st, 5, e->end);
        S_text(st, 6, e->type);
        S_text(st, 7, e->mode);
        S_text(st, 8, e->cameo);
        sqlite3_bind_int(st, 9, e->quad);
        sqlite3_bind_double(st, 10, e->goldstein);
        S_text(st, 11, code_modality_name(e->modality));
        const sr_mention *m = e->source;
        if (m) {
            sqlite3_bind_text(st, 12, doc->text + m->start, m->end - m->start, SQLITE_STATIC);
            S_text(st, 13, m->name);
            S_text(st, 14, m->key);
            S_text(st, 15, m->code);
            sqlite3_bind_int(st, 16, m->start);
        }
        m = e->target;
        if (m) {
            sqlite3_bind_text(st, 17, doc->text + m->start, m->end - m->start, SQLITE_STATIC);
            S_text(st, 18, m->name);
            S_text(st, 19, m->key);
            S_text(st, 20, m->code);
            sqlite3_bind_int(st, 21, m->start);
        }
        char kind[2] = {0, 0};
        if (e->place) {
            S_text(st, 22, e->place_text);
            S_text(st, 23, e->place->name);
            S_text(st, 24, e->place->country);
            kind[0] = e->place->kind;
            S_text(st, 25, kind);
            sqlite3_bind_double(st, 26, e->place->lat);
            sqlite3_bind_double(st, 27, e->place->lon);
        }
        S_day(st, 28, e->day);
        if (e->day >= 0) S_text(st, 29, sitrep_prec_name(e->prec));
        S_text(st, 30, e->date_text);
        S_text(st, 31, e->trigger);
        sqlite3_bind_double(st, 32, e->confidence);
        sqlite3_bind_text(st, 33, doc->text + se->start, se->end - se->start, SQLITE_STATIC);
        S_text(st, 34, e->pattern);
        if ((rc = S_done(s, st))) return rc;
        long long evid = sqlite3_last_insert_rowid(s->db);
        S_ev v = {drow, doc->id, doc->source && *doc->source ? doc->source : NULL, doc->day,
                  e->type, e->mode, e->cameo, code_modality_name(e->modality), e->quad, e->goldstein,
                  e->source ? e->source->key : NULL, e->source ? e->source->name : NULL,
                  e->source ? e->source->code : NULL, e->target ? e->target->key : NULL,
                  e->target ? e->target->name : NULL, e->target ? e->target->code : NULL,
                  e->place ? e->place->name : NULL, e->place ? e->place->country : NULL,
                  e->place ? e->place->kind : 0, e->place ? e->place->lat : 0,
                  e->place ? e->place->lon : 0, e->day, e->day >= 0 ? (int)e->prec : PREC_NONE};
        if (v.skey && !*v.skey) v.skey = NULL;
        if (v.tkey && !*v.tkey) v.tkey = NULL;
        if ((rc = S_assign(s, evid, &v))) return rc;
    }
    return 0;
}

int store_add_doc(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res)
{
    if (s->pg) return store_pg_add_doc(s->pg, doc, hash, res);
    int rc;
    if (!s->in_tx) {
        if ((rc = S_exec(s, "BEGIN IMMEDIATE"))) return rc;
        s->in_tx = 1;
        s->nbatch = 0;
    }
    if ((rc = S_exec(s, "SAVEPOINT doc"))) return rc;
    rc = S_add(s, doc, hash, res);
    if (rc) {
        char keep[sizeof s->err];
        memcpy(keep, s->err, sizeof keep);
        S_exec(s, "ROLLBACK TO doc; RELEASE doc");
        memcpy(s->err, keep, sizeof keep);
        return rc;
    }
    if ((rc = S_exec(s, "RELEASE doc"))) return rc;
    if (++s->nbatch >= s->batch) return store_commit(s);
    return 0;
}

/* ---- reading: one query layer over both backends ------------------------ */

/* The read queries below are built once, with the dialect's few
 * differences (placeholders, ILIKE, strpos, COLLATE "C", full-text
 * search), and run on SQLite or through store_pg_query; rows are read
 * through the S_c* accessors.  Text is ordered bytewise on both (COLLATE
 * "C" on PostgreSQL), NULLs explicitly, so both give the same rows in the
 * same order. */

#define S_MAXPAR 40   /* parameters of one read query */
#define S_MAXOWN 8    /* derived strings one query owns */
#define S_RCACHE ((int)(sizeof ((store *)0)->rcache / sizeof ((store *)0)->rcache[0]))

typedef struct {
    int n, bad;
    int isint[S_MAXPAR];
    long long i[S_MAXPAR];
    const char *t[S_MAXPAR];
    char *own[S_MAXOWN];   /* LIKE patterns, full-text queries */
    int nown;
} S_par;

static void S_par_free(S_par *p)
{
    for (int i = 0; i < p->nown; i++) free(p->own[i]);
    p->nown = 0;
}

/* Keeps v (malloc'd; NULL: out of memory) until S_par_free. */
static const char *S_own(S_par *p, char *v)
{
    if (!v || p->nown == S_MAXOWN) {
        free(v);
        p->bad = 1;
        return NULL;
    }
    return p->own[p->nown++] = v;
}

/* Adds a parameter; returns its number (1-based), 0 when there are too many. */
static int S_padd(S_par *p, int isint, long long i, const char *t)
{
    if (p->n == S_MAXPAR) {
        p->bad = 1;
        return 0;
    }
    p->isint[p->n] = isint;
    p->i[p->n] = i;
    p->t[p->n] = t;
    return ++p->n;
}

/* Appends the placeholder of parameter k. */
static void S_pref(const store *s, buf *b, const S_par *p, int k)
{
    if (!s->pg) buf_printf(b, "?%d", k);
    else buf_printf(b, k > 0 && p->isint[k - 1] ? "$%d::bigint" : "$%d", k);
}

static void S_ptext(const store *s, buf *b, S_par *p, const char *v)
{
    S_pref(s, b, p, S_padd(p, 0, 0, v));
}

static void S_pint(const store *s, buf *b, S_par *p, long long v)
{
    S_pref(s, b, p, S_padd(p, 1, v, NULL));
}

/* Bytewise text order on both backends. */
static const char *S_coll(const store *s)
{
    return s->pg ? " COLLATE \"C\"" : "";
}

/* " LIKE <k>": SQLite's LIKE folds ASCII case only, as ILIKE does under
 * the "C" collation. */
static void S_plike(const store *s, buf *b, int k)
{
    if (s->pg) buf_printf(b, " ILIKE $%d COLLATE \"C\"", k);
    else buf_printf(b, " LIKE ?%d ESCAPE '\\'", k);
}

/* " LIMIT n" when n > 0, then " OFFSET m" when m > 0. */
static void S_limit(const store *s, buf *b, S_par *p, int n, int m)
{
    if (n > 0) {
        buf_puts(b, " LIMIT ");
        S_pint(s, b, p, n);
    } else if (m > 0) {
        buf_puts(b, s->pg ? " LIMIT ALL" : " LIMIT -1");
    }
    if (m > 0) {
        buf_puts(b, " OFFSET ");
        S_pint(s, b, p, m);
    }
}

/* Records a read failure with message msg. */
static int S_rfail(store *s, const char *msg, int timed_out)
{
    s->timed_out = timed_out;
    if (s->pg) store_pg_set_error(s->pg, msg);
    else snprintf(s->err, sizeof s->err, "%s", msg);
    return SITREP_EDB;
}

static int S_past_deadline(const store *s)
{
    if (!s->has_deadline) return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > s->deadline.tv_sec ||
           (now.tv_sec == s->deadline.tv_sec && now.tv_nsec > s->deadline.tv_nsec);
}

static int S_progress(void *ctx)
{
    return S_past_deadline(ctx);
}

/* A cursor over the rows of one read query. */
typedef struct {
    store *s;
    sqlite3_stmt *st;        /* SQLite */
    int slot;                /* st's slot in s->rcache, -1: finalize at close */
    store_pg_result *res;    /* PostgreSQL: the whole result */
    int row, nrows;
} S_cur;

/* A statement for sql from the handle's cache (one no other cursor is
 * using), else a new one; NULL on error. */
static sqlite3_stmt *S_rprep(store *s, const char *sql, int *slot)
{
    *slot = -1;
    int free_slot = -1;
    for (int i = 0; i < s->nrcache; i++) {
        if (s->rcache[i].busy) continue;
        if (!strcmp(s->rcache[i].sql, sql)) {
            s->rcache[i].busy = 1;
            *slot = i;
            return s->rcache[i].st;
        }
        if (free_slot < 0) free_slot = i;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) return NULL;
    int i = s->nrcache < S_RCACHE ? s->nrcache : free_slot;
    char *copy = i >= 0 ? strdup(sql) : NULL;
    if (!copy) return st;   /* used once, finalized at close */
    if (i == s->nrcache) {
        s->nrcache++;
    } else {
        sqlite3_finalize(s->rcache[i].st);
        free(s->rcache[i].sql);
    }
    s->rcache[i].sql = copy;
    s->rcache[i].st = st;
    s->rcache[i].busy = 1;
    *slot = i;
    return st;
}

/* Runs sql (NULL: out of memory) with the parameters p.  0 or a code. */
static int S_open(store *s, const char *sql, const S_par *p, S_cur *c)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->slot = -1;
    c->row = -1;
    if (!sql || p->bad) return S_rfail(s, "out of memory (or too many query parameters)", 0);
    if (S_past_deadline(s)) return S_rfail(s, "query took too long", 1);
    if (s->pg) {
        const char *vals[S_MAXPAR];
        char nums[S_MAXPAR][24];
        for (int i = 0; i < p->n; i++) {
            if (p->isint[i]) snprintf(nums[i], sizeof nums[i], "%lld", p->i[i]);
            vals[i] = p->isint[i] ? nums[i] : p->t[i];
        }
        if (store_pg_query(s->pg, sql, p->n, vals, &c->res)) {
            s->timed_out = store_pg_timed_out(s->pg);
            return SITREP_EDB;
        }
        c->nrows = store_pg_nrows(c->res);
        return 0;
    }
    c->st = S_rprep(s, sql, &c->slot);
    if (!c->st) return S_rfail(s, sqlite3_errmsg(s->db), 0);
    for (int i = 0; i < p->n; i++) {
        if (p->isint[i]) sqlite3_bind_int64(c->st, i + 1, p->i[i]);
        else if (p->t[i]) sqlite3_bind_text(c->st, i + 1, p->t[i], -1, SQLITE_TRANSIENT);
        else sqlite3_bind_null(c->st, i + 1);
    }
    return 0;
}

/* 1: a row; 0: no more; or a negative code. */
static int S_next(S_cur *c)
{
    if (c->res) return ++c->row < c->nrows;
    if (!c->st) return 0;
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    return S_rfail(c->s, rc == SQLITE_INTERRUPT ? "query took too long" : sqlite3_errmsg(c->s->db),
                   rc == SQLITE_INTERRUPT);
}

static void S_close(S_cur *c)
{
    if (c->res) store_pg_clear(c->res);
    if (c->st && c->slot >= 0) {
        sqlite3_reset(c->st);
        sqlite3_clear_bindings(c->st);
        c->s->rcache[c->slot].busy = 0;
    } else if (c->st) {
        sqlite3_finalize(c->st);
    }
    c->res = NULL;
    c->st = NULL;
}

static int S_cnull(const S_cur *c, int i)
{
    return c->st ? sqlite3_column_type(c->st, i) == SQLITE_NULL : !store_pg_value(c->res, c->row, i);
}

static const char *S_cstr(const S_cur *c, int i)
{
    return c->st ? (const char *)sqlite3_column_text(c->st, i) : store_pg_value(c->res, c->row, i);
}

static size_t S_clen(const S_cur *c, int i)
{
    return c->st ? (size_t)sqlite3_column_bytes(c->st, i) : store_pg_length(c->res, c->row, i);
}

static long long S_cll(const S_cur *c, int i)
{
    if (c->st) return sqlite3_column_int64(c->st, i);
    const char *v = store_pg_value(c->res, c->row, i);
    return v ? strtoll(v, NULL, 10) : 0;
}

static int S_cint(const S_cur *c, int i)
{
    return (int)S_cll(c, i);
}

static double S_cdbl(const S_cur *c, int i)
{
    if (c->st) return sqlite3_column_double(c->st, i);
    const char *v = store_pg_value(c->res, c->row, i);
    return v ? strtod(v, NULL) : 0;
}

static long S_cday(const S_cur *c, int i)
{
    return S_cnull(c, i) ? -1 : (long)S_cll(c, i);
}

#define S_EVCOLS                                                                                 \
    "e.id, ew.world, d.doc_id, d.source, d.url, d.day, d.bytes, e.sentence, e.start, e.\"end\"," \
    " CASE WHEN s.para = (SELECT min(s2.para) FROM sentences s2 WHERE s2.doc = e.doc)"            \
    " THEN 1 ELSE 0 END,"                                                                        \
    " e.type, e.mode, e.cameo, e.modality, e.quad, e.goldstein,"                                 \
    " e.src_text, e.src_name, e.src_key, e.src_code, e.src_start,"                               \
    " e.tgt_text, e.tgt_name, e.tgt_key, e.tgt_code, e.tgt_start,"                               \
    " e.loc_name, e.loc_country, e.loc_kind, e.lat, e.lon, e.loc_text,"                          \
    " e.day, e.prec, e.date_text, e.trigger, e.evidence, e.confidence,"                          \
    " d.title, d.date, s.start, s.\"end\""                                                       \
    " FROM events e JOIN documents d ON d.id = e.doc JOIN event_world ew ON ew.event = e.id"     \
    " LEFT JOIN sentences s ON s.doc = e.doc AND s.idx = e.sentence"

static void S_read_actor(const S_cur *c, int i, store_actor *a)
{
    a->text = S_cstr(c, i);
    a->name = S_cstr(c, i + 1);
    a->key = S_cstr(c, i + 2);
    a->code = S_cstr(c, i + 3);
    a->start = S_cnull(c, i + 4) ? -1 : S_cint(c, i + 4);
}

static void S_read_event(const S_cur *c, store_event *e)
{
    memset(e, 0, sizeof *e);
    e->id = S_cll(c, 0);
    e->world = S_cll(c, 1);
    e->doc = S_cstr(c, 2);
    e->doc_source = S_cstr(c, 3);
    e->doc_url = S_cstr(c, 4);
    e->doc_day = S_cday(c, 5);
    e->doc_len = S_cll(c, 6);
    e->sent = S_cint(c, 7);
    e->start = S_cint(c, 8);
    e->end = S_cint(c, 9);
    e->lead = S_cint(c, 10);
    e->type = S_cstr(c, 11);
    e->mode = S_cstr(c, 12);
    e->cameo = S_cstr(c, 13);
    e->modality = S_cstr(c, 14);
    e->quad = S_cint(c, 15);
    e->goldstein = S_cdbl(c, 16);
    S_read_actor(c, 17, &e->src);
    S_read_actor(c, 22, &e->tgt);
    e->loc.name = S_cstr(c, 27);
    e->loc.country = S_cstr(c, 28);
    e->loc.kind = S_cstr(c, 29) ? S_cstr(c, 29)[0] : 0;
    e->loc.lat = S_cdbl(c, 30);
    e->loc.lon = S_cdbl(c, 31);
    e->loc.text = S_cstr(c, 32);
    e->day = S_cday(c, 33);
    e->prec = S_cstr(c, 34);
    e->date_text = S_cstr(c, 35);
    e->trigger = S_cstr(c, 36);
    e->evidence = S_cstr(c, 37);
    e->confidence = S_cdbl(c, 38);
    e->doc_title = S_cstr(c, 39);
    e->doc_date = S_cstr(c, 40);
    e->sent_start = S_cnull(c, 41) ? -1 : S_cint(c, 41);
    e->sent_end = S_cnull(c, 42) ? -1 : S_cint(c, 42);
}

#define S_WCOLS                                                                                  \
    "w.id, w.type, w.mode, w.cameo, w.modality, w.modalities, w.quad, w.hypo, w.goldstein,"      \
    " w.src_name, w.src_key, w.src_code, w.tgt_name, w.tgt_key, w.tgt_code,"                     \
    " w.loc_name, w.loc_country, w.loc_kind, w.lat, w.lon, w.day, w.prec,"                       \
    " w.num_mentions, w.num_articles, w.num_sources, w.first_seen, w.last_seen"

static void S_read_world(const S_cur *c, store_world *w)
{
    memset(w, 0, sizeof *w);
    w->id = S_cll(c, 0);
    w->type = S_cstr(c, 1);
    w->mode = S_cstr(c, 2);
    w->cameo = S_cstr(c, 3);
    w->modality = S_cstr(c, 4);
    w->modalities = S_cstr(c, 5);
    w->quad = S_cint(c, 6);
    w->hypothetical = S_cint(c, 7);
    w->goldstein = S_cdbl(c, 8);
    w->src.name = S_cstr(c, 9);
    w->src.key = S_cstr(c, 10);
    w->src.code = S_cstr(c, 11);
    w->src.start = -1;
    w->tgt.name = S_cstr(c, 12);
    w->tgt.key = S_cstr(c, 13);
    w->tgt.code = S_cstr(c, 14);
    w->tgt.start = -1;
    w->loc.name = S_cstr(c, 15);
    w->loc.country = S_cstr(c, 16);
    w->loc.kind = S_cstr(c, 17) ? S_cstr(c, 17)[0] : 0;
    w->loc.lat = S_cdbl(c, 18);
    w->loc.lon = S_cdbl(c, 19);
    w->day = S_cday(c, 20);
    w->prec = w->day >= 0 ? sitrep_prec_name((sitrep_prec)S_cint(c, 21)) : NULL;
    w->num_mentions = S_cint(c, 22);
    w->num_articles = S_cint(c, 23);
    w->num_sources = S_cint(c, 24);
    w->first_seen = S_cday(c, 25);
    w->last_seen = S_cday(c, 26);
}

static void S_put_day(buf *b, long day)
{
    char d[11];
    if (day < 0) {
        buf_puts(b, "null");
        return;
    }
    sitrep_format_day(day, d);
    json_put_str(b, d);
}

static void S_put_actor(buf *b, const store_actor *a, int with_text)
{
    if (!a->key && !a->name) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '{');
    if (with_text) {
        buf_puts(b, "\"text\":");
        json_put_str(b, a->text);
        buf_putc(b, ',');
    }
    buf_puts(b, "\"name\":");
    json_put_str(b, a->name);
    buf_puts(b, ",\"key\":");
    json_put_str(b, a->key);
    buf_puts(b, ",\"code\":");
    json_put_str(b, a->code);
    buf_putc(b, '}');
}

static void S_put_place(buf *b, const store_place *p, int with_text)
{
    if (!p->name) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '{');
    if (with_text) {
        buf_puts(b, "\"text\":");
        json_put_str(b, p->text);
        buf_putc(b, ',');
    }
    buf_puts(b, "\"name\":");
    json_put_str(b, p->name);
    buf_puts(b, ",\"country\":");
    json_put_str(b, p->country);
    buf_puts(b, ",\"lat\":");
    json_put_num(b, p->lat, 4);
    buf_puts(b, ",\"lon\":");
    json_put_num(b, p->lon, 4);
    buf_putc(b, '}');
}

int store_event_json(buf *b, const store_event *e)
{
    export_event_head(b, e->doc, e->sent, e->start, e->end, e->type, e->mode, e->cameo, e->quad,
                      e->goldstein, e->modality);
    buf_puts(b, ",\"source\":");
    S_put_actor(b, &e->src, 1);
    buf_puts(b, ",\"target\":");
    S_put_actor(b, &e->tgt, 1);
    buf_puts(b, ",\"location\":");
    S_put_place(b, &e->loc, 1);
    buf_puts(b, ",\"date\":");
    S_put_day(b, e->day);
    buf_puts(b, ",\"date_precision\":");
    json_put_str(b, e->day >= 0 ? e->prec : NULL);
    buf_puts(b, ",\"date_text\":");
    json_put_str(b, e->date_text);
    buf_puts(b, ",\"trigger\":");
    json_put_str(b, e->trigger);
    buf_puts(b, ",\"confidence\":");
    json_put_num(b, e->confidence, 2);
    buf_puts(b, ",\"evidence\":");
    json_put_str(b, e->evidence);
    buf_printf(b, ",\"world_event\":%lld}", e->world);
    return 0;
}

int store_world_json(buf *b, const store_world *w, const store_event *reports, int nreports)
{
    buf_printf(b, "{\"world_event\":%lld,\"type\":", w->id);
    json_put_str(b, w->type);
    buf_puts(b, ",\"mode\":");
    json_put_str(b, w->mode);
    buf_puts(b, ",\"cameo\":");
    json_put_str(b, w->cameo);
    buf_printf(b, ",\"quad\":%d,\"goldstein\":", w->quad);
    json_put_num(b, w->goldstein, 1);
    buf_puts(b, ",\"source\":");
    S_put_actor(b, &w->src, 0);
    buf_puts(b, ",\"target\":");
    S_put_actor(b, &w->tgt, 0);
    buf_puts(b, ",\"modality\":");
    json_put_str(b, w->modality);
    buf_puts(b, ",\"modalities\":[");
    if (w->modalities) {
        const char *p = w->modalities;
        int first = 1;
        while (*p) {
            const char *c = strchr(p, ',');
            size_t l = c ? (size_t)(c - p) : strlen(p);
            if (!first) buf_putc(b, ',');
            json_put_strn(b, p, l);
            first = 0;
            p += l + (c ? 1 : 0);
        }
    }
    buf_puts(b, "],\"date\":");
    S_put_day(b, w->day);
    buf_puts(b, ",\"date_precision\":");
    json_put_str(b, w->prec);
    buf_puts(b, ",\"location\":");
    S_put_place(b, &w->loc, 0);
    buf_printf(b, ",\"num_mentions\":%d,\"num_articles\":%d,\"num_sources\":%d,\"first_seen\":",
               w->num_mentions, w->num_articles, w->num_sources);
    S_put_day(b, w->first_seen);
    buf_puts(b, ",\"last_seen\":");
    S_put_day(b, w->last_seen);
    if (reports) {
        buf_puts(b, ",\"reports\":[");
        for (int i = 0; i < nreports; i++) {
            if (i) buf_putc(b, ',');
            store_event_json(b, &reports[i]);
        }
        buf_putc(b, ']');
    }
    return buf_putc(b, '}');
}

int store_each_event(store *s, store_event_fn fn, void *ctx)
{
    S_par p = {0};
    S_cur c;
    int ret = S_open(s, "SELECT " S_EVCOLS " ORDER BY e.doc, e.ord", &p, &c);
    while (!ret && (ret = S_next(&c)) == 1) {
        store_event e;
        S_read_event(&c, &e);
        ret = fn(ctx, &e);
    }
    S_close(&c);
    return ret;
}

/* ---- queries --------------------------------------------------------------- */

/* "%s%" with LIKE wildcards escaped by '\'. */
static char *S_like(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(2 * n + 3), *p = o;
    if (!o) return NULL;
    *p++ = '%';
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\') *p++ = '\\';
        *p++ = *s;
    }
    *p++ = '%';
    *p = 0;
    return o;
}

/* Every word of q as an FTS5 string ("..."), for queries FTS5 rejects; a
 * query of blanks only becomes "", which matches nothing. */
static char *S_fts_quote(const char *q)
{
    size_t n = strlen(q);
    char *o = malloc(3 * n + 3), *p = o;
    if (!o) return NULL;
    int inword = 0;
    for (; *q; q++) {
        int sp = *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r';
        if (sp) {
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
    if (p == o) {
        *p++ = '"';
        *p++ = '"';
    }
    *p = 0;
    return o;
}

/* The FTS5 query to use for q: q itself when FTS5 accepts it, else its
 * quoted form.  Malloc'd; NULL when out of memory. */
static char *S_fts_query(store *s, const char *q)
{
    sqlite3_stmt *st;
    int ok = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 LIMIT 1", -1, &st, NULL) == SQLITE_OK) {
        S_text(st, 1, q);
        int rc = sqlite3_step(st);
        ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
        sqlite3_finalize(st);
    }
    return ok ? strdup(q) : S_fts_quote(q);
}

/* q in PostgreSQL's web-search syntax: FTS5's operators AND (dropped:
 * words are and-ed anyway), OR and NOT (a '-' before the next word or
 * phrase) are translated, a prefix '*' is dropped, phrases stay quoted. */
static char *S_websearch(const char *q)
{
    size_t n = strlen(q);
    char *o = malloc(2 * n + 2), *p = o;
    if (!o) return NULL;
    int neg = 0;
    while (*q) {
        while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r') q++;
        if (!*q) break;
        const char *t = q;
        if (*q == '"') {
            for (q++; *q && *q != '"'; q++) {}
            if (*q) q++;
        } else {
            while (*q && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r') q++;
        }
        size_t l = (size_t)(q - t);
        if (l == 3 && !memcmp(t, "AND", 3)) continue;
        if (l == 3 && !memcmp(t, "NOT", 3)) {
            neg = 1;
            continue;
        }
        if (p != o) *p++ = ' ';
        if (l == 2 && !memcmp(t, "OR", 2)) {
            memcpy(p, "or", 2);
            p += 2;
            neg = 0;
            continue;
        }
        if (l == 2 && (t[0] | 0x20) == 'o' && (t[1] | 0x20) == 'r') {
            memcpy(p, "\"or\"", 4);   /* the word, not web search's operator */
            p += 4;
            neg = 0;
            continue;
        }
        if (neg && *t != '-') *p++ = '-';
        neg = 0;
        if (l > 1 && t[l - 1] == '*' && *t != '"') l--;
        memcpy(p, t, l);
        p += l;
    }
    *p = 0;
    return o;
}

#define S_DATE "coalesce(w.day, w.first_seen)"

/* Appends the filter clauses of f with their parameters; default_mod
 * (timeline, network, places) leaves out hypothetical and negated world
 * events unless a modality is asked for or f->all_modalities. */
static void S_where(store *s, buf *b, S_par *p, const store_filter *f, int default_mod)
{
    if (f->type) {
        buf_puts(b, " AND w.type = ");
        S_ptext(s, b, p, f->type);
    }
    if (f->key) {
        int k = S_padd(p, 0, 0, f->key);
        buf_puts(b, " AND (w.src_key = ");
        S_pref(s, b, p, k);
        buf_puts(b, " OR w.tgt_key = ");
        S_pref(s, b, p, k);
        buf_putc(b, ')');
    }
    if (f->actor) {
        int k = S_padd(p, 0, 0, S_own(p, S_like(f->actor)));
        static const char *const wcols[] = {"w.src_name", "w.tgt_name", "w.src_key", "w.tgt_key"};
        static const char *const ecols[] = {"e2.src_name", "e2.tgt_name", "e2.src_text", "e2.tgt_text"};
        buf_puts(b, " AND (");
        for (int i = 0; i < (f->actor_keys ? 4 : 2); i++) {
            buf_puts(b, i ? " OR " : "");
            buf_puts(b, wcols[i]);
            S_plike(s, b, k);
        }
        buf_puts(b, " OR EXISTS (SELECT 1 FROM event_world ew2 JOIN events e2 ON e2.id = ew2.event"
                    " WHERE ew2.world = w.id AND (");
        for (int i = 0; i < 4; i++) {
            buf_puts(b, i ? " OR " : "");
            buf_puts(b, ecols[i]);
            S_plike(s, b, k);
        }
        buf_puts(b, ")))");
    }
    if (f->since >= 0) {
        buf_puts(b, " AND " S_DATE " >= ");
        S_pint(s, b, p, f->since);
    }
    if (f->until >= 0) {
        buf_puts(b, " AND " S_DATE " <= ");
        S_pint(s, b, p, f->until);
    }
    if (f->modality) {
        buf_puts(b, s->pg ? " AND strpos(',' || w.modalities || ',', ',' || " : " AND instr(',' || w.modalities || ',', ',' || ");
        S_ptext(s, b, p, f->modality);
        buf_puts(b, " || ',') > 0");
    } else if (f->real || (default_mod && !f->all_modalities)) {
        buf_puts(b, " AND w.modality NOT IN ('hypothetical', 'negated')");
    }
    if (f->min_sources > 0) {
        buf_puts(b, " AND w.num_sources >= ");
        S_pint(s, b, p, f->min_sources);
    }
    if (f->text) {
        const char *q = S_own(p, s->pg ? S_websearch(f->text) : S_fts_query(s, f->text));
        buf_puts(b, " AND w.id IN (SELECT ew3.world FROM event_world ew3 JOIN events e3 ON"
                    " e3.id = ew3.event WHERE e3.doc IN (");
        buf_puts(b, s->pg ? "SELECT id FROM documents WHERE fts @@ websearch_to_tsquery('simple', "
                          : "SELECT rowid FROM docs_fts WHERE docs_fts MATCH (");
        S_ptext(s, b, p, q);
        buf_puts(b, ")))");
    }
}

/* World events matching f, or the one with id world (>= 0), with their
 * reports. */
static int S_events(store *s, const store_filter *f, long long world, store_world_fn fn, void *ctx)
{
    buf sql, rsql;
    buf_init(&sql);
    buf_init(&rsql);
    S_par p = {0}, rp = {0};
    buf_puts(&sql, "SELECT " S_WCOLS " FROM world_events w WHERE 1 = 1");
    if (world >= 0) {
        buf_puts(&sql, " AND w.id = ");
        S_pint(s, &sql, &p, world);
    } else {
        S_where(s, &sql, &p, f, 0);
    }
    buf_printf(&sql, " ORDER BY " S_DATE " NULLS %s, w.id", f->undated_last ? "LAST" : "FIRST");
    if (world < 0) S_limit(s, &sql, &p, f->limit, f->offset);
    buf_puts(&rsql, "SELECT " S_EVCOLS " WHERE ew.world = ");
    S_pint(s, &rsql, &rp, 0);
    buf_puts(&rsql, " ORDER BY d.day NULLS FIRST, e.doc, e.ord");
    S_limit(s, &rsql, &rp, f->max_reports, 0);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    vec reps;
    vec_init(&reps, sizeof(store_event));
    while (!ret && (ret = S_next(&c)) == 1) {
        store_world w;
        S_read_world(&c, &w);
        rp.i[0] = w.id;
        reps.len = 0;
        /* each report's strings stay valid only until the next step, so
         * the reports are copied into an arena per world event */
        arena a;
        arena_init(&a);
        S_cur rc;
        ret = S_open(s, rsql.s, &rp, &rc);
        while (!ret && (ret = S_next(&rc)) == 1) {
            ret = 0;
            store_event *e = vec_push(&reps);
            if (!e) {
                ret = SITREP_ENOMEM;
                break;
            }
            S_read_event(&rc, e);
            const char **strs[] = {&e->doc, &e->doc_source, &e->doc_url, &e->type, &e->mode, &e->cameo,
                                   &e->modality, &e->src.text, &e->src.name, &e->src.key, &e->src.code,
                                   &e->tgt.text, &e->tgt.name, &e->tgt.key, &e->tgt.code, &e->loc.name,
                                   &e->loc.country, &e->loc.text, &e->prec, &e->date_text, &e->trigger,
                                   &e->evidence, &e->doc_title, &e->doc_date};
            for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
                if (*strs[k] && !(*strs[k] = arena_strdup(&a, *strs[k]))) ret = SITREP_ENOMEM;
        }
        S_close(&rc);
        if (!ret) ret = fn(ctx, &w, (store_event *)reps.data, (int)reps.len);
        arena_free(&a);
    }
    S_close(&c);
    vec_free(&reps);
    S_par_free(&p);
    buf_free(&sql);
    buf_free(&rsql);
    return ret;
}

int store_events(store *s, const store_filter *f, store_world_fn fn, void *ctx)
{
    return S_events(s, f, -1, fn, ctx);
}

int store_world_get(store *s, long long id, int max_reports, store_world_fn fn, void *ctx)
{
    store_filter f = {.since = -1, .until = -1};
    f.max_reports = max_reports;
    return id < 0 ? 0 : S_events(s, &f, id, fn, ctx);
}

int store_count(store *s, const store_filter *f, long long *n)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    buf_puts(&sql, "SELECT count(*) FROM world_events w WHERE 1 = 1");
    S_where(s, &sql, &p, f, 0);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    *n = 0;
    if (!ret && (ret = S_next(&c)) == 1) {
        *n = S_cll(&c, 0);
        ret = 0;
    }
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

int store_dates(store *s, long *first, long *last)
{
    S_par p = {0};
    S_cur c;
    int ret = S_open(s, "SELECT min(" S_DATE "), max(" S_DATE ") FROM world_events w", &p, &c);
    *first = *last = -1;
    if (!ret && (ret = S_next(&c)) == 1) {
        *first = S_cday(&c, 0);
        *last = S_cday(&c, 1);
        ret = 0;
    }
    S_close(&c);
    return ret;
}

int store_document(store *s, const char *id, store_doc_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    buf_puts(&sql, "SELECT doc_id, title, date, source, url, text FROM documents WHERE doc_id = ");
    S_ptext(s, &sql, &p, id);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    if (!ret && (ret = S_next(&c)) == 1) {
        store_doc d = {S_cstr(&c, 0), S_cstr(&c, 1), S_cstr(&c, 2), S_cstr(&c, 3), S_cstr(&c, 4),
                       S_cstr(&c, 5), 0};
        d.len = d.text ? S_clen(&c, 5) : 0;
        ret = fn(ctx, &d);
    }
    S_close(&c);
    buf_free(&sql);
    return ret;
}

int store_tally(store *s, int by, int limit, store_tally_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    const char *co = S_coll(s);
    if (by == STORE_BY_TYPE)
        buf_printf(&sql, "SELECT type, count(*) FROM world_events GROUP BY type ORDER BY type%s", co);
    else if (by == STORE_BY_MODALITY)
        buf_printf(&sql, "SELECT modality, count(*) FROM world_events GROUP BY modality"
                         " ORDER BY count(*) DESC, modality%s NULLS FIRST", co);
    else
        buf_printf(&sql, "SELECT source, count(*) FROM documents WHERE source IS NOT NULL GROUP BY source"
                         " ORDER BY count(*) DESC, source%s", co);
    S_limit(s, &sql, &p, limit, 0);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    while (!ret && (ret = S_next(&c)) == 1) ret = fn(ctx, S_cstr(&c, 0), NULL, S_cll(&c, 1));
    S_close(&c);
    buf_free(&sql);
    return ret;
}

int store_actors(store *s, const store_filter *f, int limit, store_tally_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    const char *co = S_coll(s);
    buf_puts(&sql, "SELECT k, n, c, t FROM (SELECT k, n, count(*) AS c, sum(count(*)) OVER (PARTITION BY k)"
                   " AS t FROM (SELECT w.src_key AS k, w.src_name AS n FROM world_events w WHERE 1 = 1");
    S_where(s, &sql, &p, f, 1);
    buf_puts(&sql, " UNION ALL SELECT w.tgt_key, w.tgt_name FROM world_events w WHERE 1 = 1");
    S_where(s, &sql, &p, f, 1);
    buf_printf(&sql, ") x WHERE k IS NOT NULL GROUP BY k, n) y ORDER BY t DESC, k%s, (n IS NULL), c DESC, n%s",
               co, co);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c), nkeys = 0;
    char last[128] = "";
    while (!ret && (limit <= 0 || nkeys < limit) && (ret = S_next(&c)) == 1) {
        const char *k = S_cstr(&c, 0);
        ret = 0;
        if (nkeys && !strcmp(k, last)) continue;   /* the key's most frequent name came first */
        snprintf(last, sizeof last, "%s", k);
        nkeys++;
        ret = fn(ctx, k, S_cstr(&c, 1), S_cll(&c, 3));
    }
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

int store_days(store *s, const store_filter *f, store_day_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    buf_puts(&sql, "SELECT " S_DATE ", w.quad, count(*) FROM world_events w WHERE 1 = 1");
    S_where(s, &sql, &p, f, 1);
    buf_puts(&sql, " GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2");
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c), have = 0;
    long cur = -1;
    long long q[5] = {0};
    for (;;) {
        int r = ret ? ret : S_next(&c);
        if (r < 0) {
            ret = r;
            break;
        }
        long d = r == 1 ? S_cday(&c, 0) : -2;
        if (have && d != cur) {
            if ((ret = fn(ctx, cur, q))) break;
            memset(q, 0, sizeof q);
            have = 0;
        }
        if (r != 1) break;
        cur = d;
        have = 1;
        int quad = S_cint(&c, 1);
        long long n = S_cll(&c, 2);
        q[0] += n;
        if (quad >= 1 && quad <= 4) q[quad] += n;
    }
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

int store_edges(store *s, const store_filter *f, int pairs_only, store_edge_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    const char *co = S_coll(s);
    buf_puts(&sql, "SELECT coalesce(w.src_key, ''), coalesce(w.tgt_key, ''), count(*), sum(w.num_mentions),"
                   " avg(w.goldstein) FROM world_events w WHERE 1 = 1");
    if (pairs_only)
        buf_puts(&sql, " AND w.src_key IS NOT NULL AND w.tgt_key IS NOT NULL AND w.src_key <> w.tgt_key");
    S_where(s, &sql, &p, f, 1);
    buf_printf(&sql, " GROUP BY 1, 2 ORDER BY count(*) DESC, coalesce(w.src_key, '')%s,"
                     " coalesce(w.tgt_key, '')%s", co, co);
    S_limit(s, &sql, &p, f->limit, 0);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    while (!ret && (ret = S_next(&c)) == 1) {
        store_edge e = {S_cstr(&c, 0), S_cstr(&c, 1), S_cll(&c, 2), S_cll(&c, 3), S_cdbl(&c, 4)};
        ret = fn(ctx, &e);
    }
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

int store_places(store *s, const store_filter *f, store_spot_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    const char *co = S_coll(s);
    buf_puts(&sql, "SELECT w.loc_name, w.loc_country, w.lat, w.lon, count(*), avg(w.goldstein),"
                   " count(*) FILTER (WHERE w.quad = 1), count(*) FILTER (WHERE w.quad = 2),"
                   " count(*) FILTER (WHERE w.quad = 3), count(*) FILTER (WHERE w.quad = 4)"
                   " FROM world_events w WHERE w.lat IS NOT NULL AND w.lon IS NOT NULL");
    S_where(s, &sql, &p, f, 1);
    buf_printf(&sql, " GROUP BY w.loc_name, w.loc_country, w.lat, w.lon ORDER BY count(*) DESC,"
                     " w.loc_name%s NULLS FIRST, w.loc_country%s NULLS FIRST, w.lat, w.lon", co, co);
    S_limit(s, &sql, &p, f->limit, 0);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    while (!ret && (ret = S_next(&c)) == 1) {
        store_spot sp = {S_cstr(&c, 0), S_cstr(&c, 1), S_cdbl(&c, 2), S_cdbl(&c, 3), S_cdbl(&c, 5),
                         S_cll(&c, 4), {S_cll(&c, 6), S_cll(&c, 7), S_cll(&c, 8), S_cll(&c, 9)}};
        ret = fn(ctx, &sp);
    }
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

int store_search(store *s, const char *query, int limit, const char *open, const char *close, int words,
                 store_hit_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    if (s->pg) {
        /* ranking: ts_rank_cd (cover density), negated so that, as with
           FTS5's bm25, lower is better */
        char opts[160];
        snprintf(opts, sizeof opts, "StartSel=\"%s\", StopSel=\"%s\", MaxWords=%d, MinWords=%d,"
                                    " MaxFragments=1, FragmentDelimiter=\"...\"",
                 open, close, words > 2 ? words : 2, words > 2 ? words / 2 : 1);
        buf_puts(&sql, "SELECT d.doc_id, d.date, d.source, d.url, d.title, ts_headline('simple', d.text, q.q, ");
        S_ptext(s, &sql, &p, S_own(&p, strdup(opts)));
        buf_puts(&sql, "), -ts_rank_cd(d.fts, q.q) AS score FROM documents d,"
                       " websearch_to_tsquery('simple', ");
        S_ptext(s, &sql, &p, S_own(&p, S_websearch(query)));
        buf_puts(&sql, ") AS q(q) WHERE d.fts @@ q.q ORDER BY score, d.doc_id COLLATE \"C\"");
    } else {
        buf_puts(&sql, "SELECT d.doc_id, d.date, d.source, d.url, d.title, snippet(docs_fts, 1, ");
        S_ptext(s, &sql, &p, open);
        buf_puts(&sql, ", ");
        S_ptext(s, &sql, &p, close);
        buf_puts(&sql, ", '...', ");
        S_pint(s, &sql, &p, words);
        buf_puts(&sql, "), bm25(docs_fts) FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid"
                       " WHERE docs_fts MATCH ");
        S_ptext(s, &sql, &p, S_own(&p, S_fts_query(s, query)));
        buf_puts(&sql, " ORDER BY bm25(docs_fts), d.doc_id");
    }
    S_limit(s, &sql, &p, limit, 0);
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    while (!ret && (ret = S_next(&c)) == 1) {
        store_hit h = {S_cstr(&c, 0), S_cstr(&c, 1), S_cstr(&c, 2), S_cstr(&c, 3), S_cstr(&c, 4),
                       S_cstr(&c, 5), S_cdbl(&c, 6)};
        ret = fn(ctx, &h);
    }
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

/* ---- the command line's tables ------------------------------------------------ */

int store_timeline(store *s, const char *actor, const store_filter *f, store_row_fn fn, void *ctx)
{
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    const char *co = S_coll(s);
    int who = S_padd(&p, 0, 0, actor), whol = S_padd(&p, 0, 0, S_own(&p, S_like(actor)));
    buf_puts(&sql, "SELECT " S_DATE ", w.quad, w.type, count(*) FROM world_events w WHERE " S_DATE
                   " IS NOT NULL AND (w.src_key = ");
    S_pref(s, &sql, &p, who);
    buf_puts(&sql, " OR w.tgt_key = ");
    S_pref(s, &sql, &p, who);
    buf_puts(&sql, " OR w.src_name");
    S_plike(s, &sql, whol);
    buf_puts(&sql, " OR w.tgt_name");
    S_plike(s, &sql, whol);
    buf_putc(&sql, ')');
    S_where(s, &sql, &p, f, 1);
    buf_printf(&sql, " GROUP BY 1, 2, 3 ORDER BY 1, w.type%s, w.quad NULLS FIRST", co);
    static const char *const names[] = {"date", "events", "verbal_coop", "material_coop",
                                        "verbal_conflict", "material_conflict", "types"};
    static const int numeric[] = {0, 1, 1, 1, 1, 1, 0};
    S_cur c;
    int ret = S_open(s, sql.s, &p, &c);
    long cur = -1;
    int tot = 0, q[5] = {0}, nrows = 0;
    buf types;
    buf_init(&types);
    for (;;) {
        int r = ret ? ret : S_next(&c);
        if (r < 0) {
            ret = r;
            break;
        }
        long d = r == 1 ? S_cday(&c, 0) : -2;
        if (cur >= 0 && d != cur) {
            char date[11], v[6][16];
            sitrep_format_day(cur, date);
            snprintf(v[0], sizeof v[0], "%d", tot);
            for (int i = 1; i <= 4; i++) snprintf(v[i], sizeof v[i], "%d", q[i]);
            const char *vals[7] = {date, v[0], v[1], v[2], v[3], v[4], types.s ? types.s : ""};
            if (f->limit <= 0 || nrows < f->limit) ret = fn(ctx, 7, names, vals, numeric);
            nrows++;
            tot = 0;
            memset(q, 0, sizeof q);
            buf_reset(&types);
            if (ret) break;
        }
        if (r != 1) break;
        cur = d;
        int quad = S_cint(&c, 1), n = S_cint(&c, 3);
        tot += n;
        if (quad >= 1 && quad <= 4) q[quad] += n;
        if (types.len) buf_putc(&types, ' ');
        buf_printf(&types, "%s:%d", S_cstr(&c, 2) ? S_cstr(&c, 2) : "?", n);
    }
    buf_free(&types);
    S_close(&c);
    S_par_free(&p);
    buf_free(&sql);
    return ret;
}

typedef struct {
    store_row_fn fn;
    void *ctx;
} S_rows;

static int S_network_row(void *ctx, const store_edge *e)
{
    S_rows *r = ctx;
    static const char *const names[] = {"source", "target", "events", "mentions", "mean_goldstein"};
    static const int numeric[] = {0, 0, 1, 1, 1};
    char n1[24], n2[24], g[24];
    snprintf(n1, sizeof n1, "%lld", e->events);
    snprintf(n2, sizeof n2, "%lld", e->mentions);
    snprintf(g, sizeof g, "%.2f", e->goldstein);
    const char *vals[5] = {e->src, e->tgt, n1, n2, g};
    return r->fn(r->ctx, 5, names, vals, numeric);
}

int store_network(store *s, const store_filter *f, store_row_fn fn, void *ctx)
{
    S_rows r = {fn, ctx};
    return store_edges(s, f, 0, S_network_row, &r);
}

static int S_docs_row(void *ctx, const store_hit *h)
{
    S_rows *r = ctx;
    static const char *const names[] = {"doc", "date", "source", "title", "snippet", "score"};
    static const int numeric[] = {0, 0, 0, 0, 0, 1};
    buf score;
    buf_init(&score);
    json_put_num(&score, h->score, 3);
    const char *vals[6] = {h->doc, h->date, h->source, h->title, h->snippet, score.s ? score.s : "0"};
    int ret = r->fn(r->ctx, 6, names, vals, numeric);
    buf_free(&score);
    return ret;
}

int store_docs(store *s, const char *query, int limit, store_row_fn fn, void *ctx)
{
    S_rows r = {fn, ctx};
    return store_search(s, query, limit, "[", "]", 12, S_docs_row, &r);
}

/* ---- the web API's helpers ------------------------------------------------ */

void store_set_deadline(store *s, int ms)
{
    s->has_deadline = ms > 0;
    s->timed_out = 0;
    if (ms > 0) {
        clock_gettime(CLOCK_MONOTONIC, &s->deadline);
        s->deadline.tv_sec += ms / 1000;
        s->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (s->deadline.tv_nsec >= 1000000000L) {
            s->deadline.tv_sec++;
            s->deadline.tv_nsec -= 1000000000L;
        }
    }
    if (s->pg) {
        store_pg_set_timeout(s->pg, ms > 0 ? ms : 0);
    } else if (!s->progress) {
        sqlite3_progress_handler(s->db, 1000, S_progress, s);
        s->progress = 1;
    }
}

int store_timed_out(const store *s)
{
    return s->timed_out;
}

int store_version(store *s, unsigned long long *v)
{
    if (s->pg) return store_pg_version(s->pg, v);
    S_par p = {0};
    S_cur c;
    int ret = S_open(s, "PRAGMA data_version", &p, &c);
    if (!ret && (ret = S_next(&c)) == 1) {
        *v = (unsigned long long)S_cll(&c, 0);
        ret = 0;
    } else if (!ret) {
        ret = S_rfail(s, "PRAGMA data_version gave nothing", 0);
    }
    S_close(&c);
    return ret;
}

const char *store_notice(const store *s)
{
    return s->pg ? store_pg_notice(s->pg) : NULL;
}

/* ---- `sitrep watch`'s files ------------------------------------------------ */

static int S_run(store *s, const char *sql, S_par *p)
{
    S_cur c;
    int ret = S_open(s, sql, p, &c);
    if (!ret) ret = S_next(&c);
    S_close(&c);
    return ret < 0 ? ret : 0;
}

static int S_watch_table(store *s)
{
    if (s->watch_table) return 0;
    S_par p = {0};
    int ret = S_run(s, "CREATE TABLE IF NOT EXISTS watch_files(hash TEXT PRIMARY KEY, path TEXT NOT NULL,"
                       " ingested TEXT NOT NULL)", &p);
    if (!ret) s->watch_table = 1;
    return ret;
}

int store_file_seen(store *s, const char *hash)
{
    int ret = S_watch_table(s);
    if (ret) return ret;
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    buf_puts(&sql, "SELECT 1 FROM watch_files WHERE hash = ");
    S_ptext(s, &sql, &p, hash);
    S_cur c;
    ret = S_open(s, sql.s, &p, &c);
    if (!ret) ret = S_next(&c);
    S_close(&c);
    buf_free(&sql);
    return ret;
}

int store_file_done(store *s, const char *hash, const char *path)
{
    int ret = S_watch_table(s);
    if (ret) return ret;
    buf sql;
    buf_init(&sql);
    S_par p = {0};
    buf_puts(&sql, s->pg ? "INSERT" : "INSERT OR IGNORE");
    buf_puts(&sql, " INTO watch_files(hash, path, ingested) VALUES (");
    S_ptext(s, &sql, &p, hash);
    buf_puts(&sql, ", ");
    S_ptext(s, &sql, &p, path);
    buf_puts(&sql, s->pg ? ", to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
                           " ON CONFLICT DO NOTHING"
                         : ", strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
    ret = S_run(s, sql.s, &p);
    buf_free(&sql);
    return ret;
}

/* ---- the work queue (PostgreSQL only) --------------------------------------- */

static int S_needs_pg(store *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s needs a PostgreSQL store (--db postgresql://...)", what);
    return SITREP_EDB;
}

int store_enqueue(store *s, const sr_doc *doc)
{
    if (s->pg) return store_pg_enqueue(s->pg, doc);
    return S_needs_pg(s, "the work queue");
}

int store_claim(store *s, int n, arena *a, sr_doc *docs, int *ndocs)
{
    *ndocs = 0;
    if (s->pg) return store_pg_claim(s->pg, n, a, docs, ndocs);
    return S_needs_pg(s, "the work queue");
}

int store_lock_pairs(store *s, const pipeline_result *res, int n)
{
    return s->pg ? store_pg_lock_pairs(s->pg, res, n) : 0;
}

int store_rollback(store *s)
{
    if (s->pg) return store_pg_rollback(s->pg);
    if (!s->in_tx) return 0;
    s->in_tx = 0;
    s->nbatch = 0;
    return S_exec(s, "ROLLBACK");
}
