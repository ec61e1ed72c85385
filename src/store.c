/* store.c -- the corpus store (store.h) on SQLite or PostgreSQL: the SQLite
 * schema, idempotent batched ingest, cross-document merging into world
 * events, the work queue, and the analyst queries.
 *
 * In:  coded documents (store_add_doc), queue operations, query filters.
 * Out: the database, and rows through the callbacks of store.h.
 *
 * Every statement, write or read, is written once here and runs through one
 * small layer (S_par, S_cur): on SQLite directly, on PostgreSQL through
 * store_pg_query (store_pg.c: the connection, its schema and libpq).  Only
 * the dialect differs: the statements of fixed text (S_sql: ingest, merging,
 * the queue, watch) are SQLite's text, with $N for ?N on PostgreSQL, and a
 * few exist on one backend only; the queries built from filters write each
 * difference where they build it (S_pref, S_plike, ...).
 * Concurrency: SQLite has one writer (BEGIN IMMEDIATE, one transaction per
 * batch, one savepoint per document, WAL).  PostgreSQL has concurrent
 * workers: a merge's candidate search is serialised per (type, pair) by
 * the row lock an upsert takes on that key's row of merge_keys (a unique
 * constraint; taken for a whole batch in one global order by
 * store_lock_pairs or the batch's first statement, and held until
 * commit), votes are upserts, documents are unique by doc_id, and workers
 * claim queued documents with SKIP LOCKED.  No advisory lock is involved
 * in merging.
 * Round trips (PostgreSQL): a document alone (store_add_doc) waits for
 * the server about four times; a batch (store_add_docs, S_bat_plan) three
 * times in all, its merges computed here as the documents one at a time
 * would find them in the database; a pipelined worker's batch
 * (store_add_docs_send) also claims the next batch and sends its commit
 * without waiting, so that the next batch is coded meanwhile.
 * Invariants: every stored event has exactly one row in event_world; a
 * world event's summary columns are a function of its votes (world_votes:
 * per attribute value, how many reports say it), which are a function of
 * its reports; a world event with no reports is deleted.  Merge rules are
 * in merge.c (merge.h, "cross-document merging").
 */
#include "store.h"

#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dict.h"
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

/* ---- the statements of fixed text --------------------------------------------- */

enum {
    Q_FIND_DOC, Q_INS_DOC, Q_INS_FTS, Q_DEL_FTS, Q_INS_SENT, Q_INS_MENTION, Q_INS_EVENT,
    Q_LOCK_PAIR, Q_CANDIDATES, Q_INS_WORLD, Q_GROW_WORLD, Q_LINK, Q_VOTE, Q_VOTE_UP, Q_UPSERT_VOTE,
    Q_VOTES, Q_SUMMARY, Q_DOC_WORLDS, Q_MEMBERS, Q_WORLD_KEYS, Q_SET_RANGE, Q_DEL_VOTES, Q_DEL_WORLD,
    Q_DEL_LINKS, Q_DEL_EVENTS, Q_DEL_MENTIONS, Q_DEL_SENTS, Q_DEL_DOC,
    Q_ENQUEUE, Q_CLAIM, Q_DONE, Q_CLAIM_NEXT, Q_RELOCK, Q_LOCK_PAIRS, Q_DOCUMENT, Q_WATCH_TABLE, Q_FILE_SEEN, Q_FILE_DONE,
    Q_SAVEPOINT, Q_RELEASE, Q_PG_CANDIDATES, Q_PG_IDS, Q_INS_DOC_ID, Q_INS_EVENT_ID, Q_INS_WORLD_ID,
    Q_PG_HAVE_DOCS, Q_PG_SENTS, Q_PG_MENTIONS, Q_PG_VOTES, Q_INS_WORLD_FULL,
    Q_BEGIN, Q_COMMIT, Q_PGB_SAVE, Q_PGB_RELEASE, Q_PGB_CANDS, Q_PGB_VOTESOF, Q_PGB_IDS, Q_PGB_WIDS, Q_PGB_DOCS,
    Q_PGB_SENTS, Q_PGB_MENTIONS, Q_PGB_EVENTS, Q_PGB_WORLDS, Q_PGB_GROW, Q_PGB_LINKS, Q_PGB_NEWVOTES,
    Q_PGB_VOTES, Q_PAIR_WIDTH, Q_JOIN_WORLD, Q_JOIN_WORLD_HI = Q_JOIN_WORLD + 1,
    Q_JOIN_WORLD_DAY = Q_JOIN_WORLD + 2, Q_JOIN_WORLD_HI_DAY = Q_JOIN_WORLD + 3, Q_COUNT
};

enum { S_BOTH, S_LITE, S_PG };   /* the backends a statement runs on */

/* SQLite (S_join_old): Q_GROW_WORLD and Q_SUMMARY in one update of the
 * row, in four variants: hi and day are assigned only when they change
 * (S_JOIN_HI, S_JOIN_DAY), since assigning an indexed column, even to its
 * value, rewrites the row's entries in that column's indexes (world_match;
 * world_src and world_tgt).  ?1 world, ?2 ?3 the report's window, ?4 its
 * publication day, ?5..?24 the summary as Q_SUMMARY's ?2..?21. */
#define S_JOIN_HEAD "UPDATE world_events SET lo = CASE WHEN ?2 < lo THEN ?2 ELSE lo END,"
#define S_JOIN_HI " hi = CASE WHEN ?3 > hi THEN ?3 ELSE hi END,"
#define S_JOIN_DAY " day=?15,"
#define S_JOIN_TAIL                                                                                   \
    " first_seen = coalesce(CASE WHEN ?4 < first_seen THEN ?4 END, first_seen, ?4),"                 \
    " last_seen = coalesce(CASE WHEN ?4 > last_seen THEN ?4 END, last_seen, ?4),"                    \
    " src_name=?5, src_code=?6, tgt_name=?7, tgt_code=?8, mode=?9, cameo=?10, quad=?11, goldstein=?12," \
    " modality=?13, modalities=?14, prec=?16, loc_name=?17, loc_country=?18, loc_kind=?19, lat=?20,"    \
    " lon=?21, num_mentions=num_mentions+?22, num_articles=num_articles+?23,"                         \
    " num_sources=num_sources+?24 WHERE id = ?1"

/* The hash under which the document of queue row q is stored (NULL: not
 * stored): a scalar subquery, one index lookup whatever the statistics
 * (a join may be planned as a scan of documents). */
#define S_STORED_HASH "(SELECT d.hash FROM documents d WHERE d.doc_id = q.doc_id)"

/* In SQLite's dialect; PostgreSQL runs them with $N for ?N (no statement
 * here has another '?') and, for the inserts marked ret, " RETURNING id"
 * (SQLite: sqlite3_last_insert_rowid); see S_pgsql.  On the other backend
 * a statement of one backend only (S_LITE, S_PG) does nothing. */
static const struct {
    const char *sql;
    char on, ret;
    char plan;   /* PostgreSQL: planned for its values at each run (store_pg_send_keep) */
} S_sql[Q_COUNT] = {
    [Q_FIND_DOC] = {"SELECT id, hash, title, text FROM documents WHERE doc_id = ?1"},
    [Q_INS_DOC] = {"INSERT INTO documents(doc_id, hash, source, url, date, day, title, text, file,"
                   " line, bytes, nsentences, nevents) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
                   S_BOTH, 1},
    /* PostgreSQL: documents.fts is a generated column.  SQLite: run for a
     * whole batch by store_commit (S_fts_flush), after the documents'
     * savepoints, as one statement for the rows ?1 (a JSON array): FTS5
     * writes its pending terms out at every savepoint of a transaction
     * that has touched it, statement savepoints included, so a statement
     * per document would write one small segment per document and keep
     * merging them (three times the work of one statement per batch) */
    [Q_INS_FTS] = {"INSERT INTO docs_fts(rowid, title, text) SELECT id, title, text FROM documents"
                   " WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id", S_LITE},
    [Q_DEL_FTS] = {"INSERT INTO docs_fts(docs_fts, rowid, title, text) VALUES('delete', ?1, ?2, ?3)", S_LITE},
    [Q_INS_SENT] = {"INSERT INTO sentences(doc, idx, start, \"end\", para) VALUES(?1,?2,?3,?4,?5)"},
    [Q_INS_MENTION] = {"INSERT INTO mentions(doc, sentence, start, \"end\", text, name, key, code, kind, how)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"},
    [Q_INS_EVENT] = {"INSERT INTO events(doc, ord, sentence, start, \"end\", type, mode, cameo, quad,"
                     " goldstein, modality, src_text, src_name, src_key, src_code, src_start, tgt_text,"
                     " tgt_name, tgt_key, tgt_code, tgt_start, loc_text, loc_name, loc_country, loc_kind,"
                     " lat, lon, day, prec, date_text, trigger, confidence, evidence, pattern) VALUES("
                     "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
                     "?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34)",
                     S_BOTH, 1},
    /* concurrent workers: a (type, pair)'s merges one at a time, until commit */
    /* the row of the (type, pair) in merge_keys, locked by an upsert until
     * commit: a unique constraint serialises merges, no application lock */
    [Q_LOCK_PAIR] = {"INSERT INTO merge_keys(k) VALUES(?1) ON CONFLICT (k) DO UPDATE SET k = EXCLUDED.k", S_PG},
    /* SQLite (S_assign): the world events a report may join, in no
     * particular order (no sort per report: S_assign breaks ties by id);
     * those the document's earlier reports joined are left out there,
     * from memory (a world event has at most one report per document) */
    /* Both halves walk world_match from hi = ?3 up: the first only to
     * ?5, the report's hi plus the widest bounded window of the pair
     * (S_width), beyond which no world event can reach down to the
     * report; the second takes the unbounded ones (S_UNBOUNDED: an
     * undated report without a publication date may join any date),
     * instead of every later world event of the pair */
    [Q_CANDIDATES] = {"SELECT id, src_key, tgt_key, day, prec, loc_country, first_seen, last_seen, lo, hi"
                      " FROM world_events WHERE type = ?1 AND pair = ?2 AND hypo = 0 AND hi >= ?3"
                      " AND hi <= ?5 AND lo <= ?4 UNION ALL"
                      " SELECT id, src_key, tgt_key, day, prec, loc_country, first_seen, last_seen, lo, hi"
                      " FROM world_events WHERE type = ?1 AND pair = ?2 AND hypo = 0 AND hi >= ?6"
                      " AND hi > ?5 AND lo <= ?4", S_LITE},
    [Q_JOIN_WORLD] = {S_JOIN_HEAD S_JOIN_TAIL, S_LITE},
    [Q_JOIN_WORLD_HI] = {S_JOIN_HEAD S_JOIN_HI S_JOIN_TAIL, S_LITE},
    [Q_JOIN_WORLD_DAY] = {S_JOIN_HEAD S_JOIN_DAY S_JOIN_TAIL, S_LITE},
    [Q_JOIN_WORLD_HI_DAY] = {S_JOIN_HEAD S_JOIN_HI S_JOIN_DAY S_JOIN_TAIL, S_LITE},
    /* the widest bounded window of a pair's world events (S_width) */
    [Q_PAIR_WIDTH] = {"SELECT max(hi - lo) FROM world_events WHERE type = ?1 AND pair = ?2 AND hypo = 0"
                      " AND hi < ?3", S_LITE},
    [Q_INS_WORLD] = {"INSERT INTO world_events(type, pair, hypo, src_key, tgt_key, first_seen,"
                     " last_seen, lo, hi) VALUES(?1,?2,?3,?4,?5,?6,?6,?7,?8)",
                     S_BOTH, 1},
    /* lo = min(lo, ?2), hi = max(hi, ?3), first_seen and last_seen widened
     * by the publication day ?4 when known (in words both dialects share) */
    [Q_GROW_WORLD] = {"UPDATE world_events SET lo = CASE WHEN ?2 < lo THEN ?2 ELSE lo END,"
                      " hi = CASE WHEN ?3 > hi THEN ?3 ELSE hi END,"
                      " first_seen = coalesce(CASE WHEN ?4 < first_seen THEN ?4 END, first_seen, ?4),"
                      " last_seen = coalesce(CASE WHEN ?4 > last_seen THEN ?4 END, last_seen, ?4)"
                      " WHERE id = ?1"},
    [Q_LINK] = {"INSERT INTO event_world(event, world) VALUES(?1, ?2)"},
    /* a vote: SQLite (one writer) updates, then inserts when nothing was
     * there; PostgreSQL upserts, which is safe under concurrent workers */
    [Q_VOTE] = {"INSERT INTO world_votes(world, kind, value, n) VALUES(?1, ?2, ?3, 1)", S_LITE},
    [Q_VOTE_UP] = {"UPDATE world_votes SET n = n + 1 WHERE world = ?1 AND kind = ?2 AND value = ?3", S_LITE},
    [Q_UPSERT_VOTE] = {"INSERT INTO world_votes AS v(world, kind, value, n) VALUES(?1, ?2, ?3, 1)"
                       " ON CONFLICT (world, kind, value) DO UPDATE SET n = v.n + 1"
                       " RETURNING CASE WHEN v.n = 1 THEN 1 ELSE 0 END",
                       S_PG},
    [Q_VOTES] = {"SELECT kind, value, n FROM world_votes WHERE world = ?1 AND kind >= 3"},
    [Q_SUMMARY] = {"UPDATE world_events SET src_name=?2, src_code=?3, tgt_name=?4, tgt_code=?5,"
                   " mode=?6, cameo=?7, quad=?8, goldstein=?9, modality=?10, modalities=?11, day=?12,"
                   " prec=?13, loc_name=?14, loc_country=?15, loc_kind=?16, lat=?17, lon=?18,"
                   " num_mentions=num_mentions+?19, num_articles=num_articles+?20,"
                   " num_sources=num_sources+?21 WHERE id = ?1"},
    [Q_DOC_WORLDS] = {"SELECT DISTINCT ew.world FROM events e JOIN event_world ew ON ew.event = e.id"
                      " WHERE e.doc = ?1 ORDER BY ew.world"},
    [Q_MEMBERS] = {"SELECT e.doc, d.doc_id, d.source, d.day, e.type, e.mode, e.cameo, e.quad,"
                   " e.goldstein, e.modality, e.src_key, e.src_name, e.src_code, e.tgt_key, e.tgt_name,"
                   " e.tgt_code, e.loc_name, e.loc_country, e.loc_kind, e.lat, e.lon, e.day, e.prec"
                   " FROM event_world ew JOIN events e ON e.id = ew.event JOIN documents d ON d.id = e.doc"
                   " WHERE ew.world = ?1 ORDER BY e.id"},
    [Q_WORLD_KEYS] = {"SELECT src_key FROM world_events WHERE id = ?1"},
    [Q_SET_RANGE] = {"UPDATE world_events SET lo=?2, hi=?3, first_seen=?4, last_seen=?5,"
                     " num_mentions=?6, num_articles=?7, num_sources=?8 WHERE id=?1"},
    [Q_DEL_VOTES] = {"DELETE FROM world_votes WHERE world = ?1"},
    [Q_DEL_WORLD] = {"DELETE FROM world_events WHERE id = ?1"},
    [Q_DEL_LINKS] = {"DELETE FROM event_world WHERE event IN (SELECT id FROM events WHERE doc = ?1)"},
    [Q_DEL_EVENTS] = {"DELETE FROM events WHERE doc = ?1"},
    [Q_DEL_MENTIONS] = {"DELETE FROM mentions WHERE doc = ?1"},
    [Q_DEL_SENTS] = {"DELETE FROM sentences WHERE doc = ?1"},
    [Q_DEL_DOC] = {"DELETE FROM documents WHERE id = ?1"},
    [Q_ENQUEUE] = {"INSERT INTO queue(doc_id, date, day, date_origin, source, url, title, text, file, line)"
                   " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                   S_PG},
    /* with the hash under which each document is stored already (NULL: not stored) */
    [Q_CLAIM] = {"SELECT q.id, q.doc_id, q.date, q.day, q.date_origin, q.source, q.url, q.title, q.text,"
                 " q.file, q.line, " S_STORED_HASH " FROM (SELECT * FROM queue WHERE NOT done ORDER BY id"
                 " LIMIT ?1 FOR UPDATE SKIP LOCKED) q ORDER BY q.id",
                 S_PG},
    [Q_DONE] = {"UPDATE queue SET done = true WHERE id = ANY(?1::bigint[])", S_PG},
    /* a pipelined worker (store_add_docs_send): the next batch, claimed in
     * the transaction that stores this one (whose rows ?2 it skips), and
     * locked again, with the hashes stored by then, in the next one */
    [Q_CLAIM_NEXT] = {"SELECT q.id, q.doc_id, q.date, q.day, q.date_origin, q.source, q.url, q.title, q.text,"
                      " q.file, q.line, " S_STORED_HASH " FROM (SELECT * FROM queue WHERE NOT done"
                      " AND id <> ALL(?2::bigint[]) ORDER BY id LIMIT ?1 FOR UPDATE SKIP LOCKED) q ORDER BY q.id",
                      S_PG},
    [Q_RELOCK] = {"SELECT q.id, " S_STORED_HASH " FROM queue q WHERE q.id = ANY(?1::bigint[]) AND NOT q.done"
                  " ORDER BY q.id FOR UPDATE SKIP LOCKED",
                  S_PG},
    /* the locks of Q_LOCK_PAIR for a whole batch, in one order: workers
     * taking them so cannot deadlock */
    [Q_LOCK_PAIRS] = {"INSERT INTO merge_keys(k) SELECT DISTINCT k FROM unnest(?1::text[]) k ORDER BY k"
                      " ON CONFLICT (k) DO UPDATE SET k = EXCLUDED.k",
                      S_PG},
    [Q_DOCUMENT] = {"SELECT doc_id, title, date, source, url, text FROM documents WHERE doc_id = ?1"},
    /* `sitrep watch`'s files, by content hash */
    [Q_WATCH_TABLE] = {"CREATE TABLE IF NOT EXISTS watch_files(hash TEXT PRIMARY KEY, path TEXT NOT NULL,"
                       " ingested TEXT NOT NULL)"},
    [Q_FILE_SEEN] = {"SELECT 1 FROM watch_files WHERE hash = ?1"},
    [Q_FILE_DONE] = {"INSERT INTO watch_files(hash, path, ingested) VALUES(?1, ?2, ?3) ON CONFLICT DO NOTHING"},
    /* each document in a savepoint of the batch's transaction, prepared
     * once instead of parsed per document (PostgreSQL cannot prepare them:
     * S_savepoint) */
    [Q_SAVEPOINT] = {"SAVEPOINT doc"},
    [Q_RELEASE] = {"RELEASE doc"},
    /* PostgreSQL stores a document with two questions to the server in
     * all (S_add_pg): the candidates of every report at once (those of
     * Q_CANDIDATES for each: the document has no stored report yet, so
     * its NOT EXISTS holds; with whether the world event has a report from
     * the document's source outlet), then the ids of the document, its
     * events and its new world events, taken from their sequences in the
     * order the inserts would take them */
    [Q_PG_CANDIDATES] = {"SELECT w.id, w.src_key, w.tgt_key, w.day, w.prec, w.loc_country, w.first_seen,"
                         " w.last_seen, w.type, w.pair, w.lo, w.hi, EXISTS (SELECT 1 FROM world_votes x"
                         " WHERE x.world = w.id AND x.kind = ?5 AND x.value = ?6) FROM world_events w"
                         " WHERE (w.type, w.pair) IN (SELECT * FROM unnest(?1::text[], ?2::text[]))"
                         " AND w.hypo = 0 AND w.hi >= ?3 AND w.lo <= ?4 ORDER BY w.id",
                         S_PG},
    [Q_PG_IDS] = {"SELECT nextval(pg_get_serial_sequence('documents', 'id')),"
                  " ARRAY(SELECT nextval(pg_get_serial_sequence('events', 'id'))"
                  " FROM generate_series(1, ?1::int) ORDER BY 1)::text,"
                  " ARRAY(SELECT nextval(pg_get_serial_sequence('world_events', 'id'))"
                  " FROM generate_series(1, ?2::int) ORDER BY 1)::text",
                  S_PG},
    [Q_INS_DOC_ID] = {"INSERT INTO documents(doc_id, hash, source, url, date, day, title, text, file,"
                      " line, bytes, nsentences, nevents, id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
                      S_PG},
    /* a document's sentences and mentions in one statement each, rows in
     * the order of their arrays (S_add_rows) */
    [Q_PG_SENTS] = {"INSERT INTO sentences(doc, idx, start, \"end\", para) SELECT ?1, * FROM"
                    " unnest(?2::int[], ?3::int[], ?4::int[], ?5::int[])",
                    S_PG},
    [Q_PG_MENTIONS] = {"INSERT INTO mentions(doc, sentence, start, \"end\", text, name, key, code, kind, how)"
                       " SELECT ?1, * FROM unnest(?2::int[], ?3::int[], ?4::int[], ?5::text[], ?6::text[],"
                       " ?7::text[], ?8::text[], ?9::int[], ?10::int[])",
                       S_PG},
    /* the votes of one report, of distinct kinds, in one upsert (S_vote) */
    [Q_PG_VOTES] = {"INSERT INTO world_votes AS v(world, kind, value, n) SELECT ?1, k, x, 1"
                    " FROM unnest(?2::int[], ?3::text[]) AS u(k, x)"
                    " ON CONFLICT (world, kind, value) DO UPDATE SET n = v.n + 1",
                    S_PG},
    /* SQLite: a world event created with its summary (S_join_new), as
     * Q_INS_WORLD then Q_SUMMARY would leave it */
    [Q_INS_WORLD_FULL] = {"INSERT INTO world_events(type, pair, hypo, src_key, tgt_key, first_seen, last_seen,"
                          " lo, hi, src_name, src_code, tgt_name, tgt_code, mode, cameo, quad, goldstein,"
                          " modality, modalities, day, prec, loc_name, loc_country, loc_kind, lat, lon,"
                          " num_mentions, num_articles, num_sources) VALUES(?1,?2,?3,?4,?5,?6,?6,?7,?8,?9,"
                          "?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28)",
                          S_LITE},
    /* store_has_docs: the stored hashes of several ids at once */
    [Q_PG_HAVE_DOCS] = {"SELECT doc_id, hash FROM documents WHERE doc_id = ANY(?1::text[])", S_PG},
    [Q_INS_EVENT_ID] = {"INSERT INTO events(doc, ord, sentence, start, \"end\", type, mode, cameo, quad,"
                        " goldstein, modality, src_text, src_name, src_key, src_code, src_start, tgt_text,"
                        " tgt_name, tgt_key, tgt_code, tgt_start, loc_text, loc_name, loc_country, loc_kind,"
                        " lat, lon, day, prec, date_text, trigger, confidence, evidence, pattern, id) VALUES("
                        "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
                        "?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33,?34,?35)",
                        S_PG},
    [Q_INS_WORLD_ID] = {"INSERT INTO world_events(type, pair, hypo, src_key, tgt_key, first_seen,"
                        " last_seen, lo, hi, id) VALUES(?1,?2,?3,?4,?5,?6,?6,?7,?8,?9)",
                        S_PG},
    /* PostgreSQL: transactions begin and commit in the pipeline, without
     * a wait of their own (SQLite: S_begin, store_commit) */
    [Q_BEGIN] = {"BEGIN", S_PG},
    [Q_COMMIT] = {"COMMIT", S_PG},
    /* ---- PostgreSQL: a batch of documents at once (S_add_docs_pg) ----
     * What the statements above do for one document, for all of them, each
     * table's rows in one statement (columns as arrays, rows in the order
     * S_add_pg would insert them).  The batch runs in a savepoint: when a
     * statement fails, it is rolled back and stored again one document at a
     * time, which names the document that fails. */
    [Q_PGB_SAVE] = {"SAVEPOINT batch", S_PG},
    [Q_PGB_RELEASE] = {"RELEASE batch", S_PG},
    /* the world events any report of the batch may join (those Q_PG_CANDIDATES
     * gives for one report: ?1..?4 its type, pair and day window), with
     * their votes for the batch's source outlets ?5 and, when ?6 says
     * that another document of the batch has a report of the same type
     * and pair (so that a world event one joins may be a candidate of
     * another), their votes of kinds >= 3; a lateral subquery, not
     * flattened: an index scan of world_match per report, where a join of
     * the reports with world_events may be planned as a scan of the whole
     * table on stale statistics */
    [Q_PGB_CANDS] = {"SELECT w.id, w.src_key, w.tgt_key, w.day, w.prec, w.loc_country, w.first_seen,"
                     " w.last_seen, w.type, w.pair, w.lo, w.hi, c.sh, v.kind, v.value, v.n FROM (SELECT"
                     " DISTINCT c.id, c.sh FROM unnest(?1::text[], ?2::text[], ?3::bigint[], ?4::bigint[],"
                     " ?6::bool[]) r(t, p, lo, hi, sh), LATERAL (SELECT w.id, r.sh FROM world_events w"
                     " WHERE w.type = r.t AND w.pair = r.p AND w.hi >= r.lo AND w.lo <= r.hi AND w.hypo = 0"
                     " OFFSET 0) c) c JOIN world_events w ON w.id = c.id LEFT JOIN world_votes v"
                     " ON v.world = w.id AND ((v.kind = 2 AND v.value = ANY(?5::text[])) OR (c.sh AND v.kind >= 3))"
                     " ORDER BY w.id",
                     S_PG, 0, 1},
    /* the votes of kinds >= 3 of the world events ?1 (an index scan each) */
    [Q_PGB_VOTESOF] = {"SELECT v.world, v.kind, v.value, v.n FROM unnest(?1::bigint[]) i, LATERAL (SELECT"
                       " world, kind, value, n FROM world_votes x WHERE x.world = i AND x.kind >= 3 OFFSET 0) v",
                       S_PG},
    /* whether one of the documents ?3 is stored already; if not, the ids
     * of the batch's ?1 documents and ?2 events (as Q_PG_IDS takes them) */
    [Q_PGB_IDS] = {"WITH h AS (SELECT EXISTS (SELECT 1 FROM unnest(?3::text[]) i WHERE (SELECT 1 FROM documents d"
                   " WHERE d.doc_id = i) IS NOT NULL) AS have)"
                   " SELECT h.have, ARRAY(SELECT nextval(pg_get_serial_sequence('documents', 'id'))"
                   " FROM generate_series(1, CASE WHEN h.have THEN 0 ELSE ?1::int END) ORDER BY 1)::text,"
                   " ARRAY(SELECT nextval(pg_get_serial_sequence('events', 'id'))"
                   " FROM generate_series(1, CASE WHEN h.have THEN 0 ELSE ?2::int END) ORDER BY 1)::text"
                   " FROM h",
                   S_PG},
    [Q_PGB_WIDS] = {"SELECT ARRAY(SELECT nextval(pg_get_serial_sequence('world_events', 'id'))"
                    " FROM generate_series(1, ?1::int) ORDER BY 1)::text",
                    S_PG},
    [Q_PGB_DOCS] = {"INSERT INTO documents(doc_id, hash, source, url, date, day, title, text, file, line, bytes,"
                    " nsentences, nevents, id) SELECT * FROM unnest(?1::text[], ?2::text[], ?3::text[],"
                    " ?4::text[], ?5::text[], ?6::bigint[], ?7::text[], ?8::text[], ?9::text[], ?10::bigint[],"
                    " ?11::bigint[], ?12::int[], ?13::int[], ?14::bigint[])",
                    S_PG},
    [Q_PGB_SENTS] = {"INSERT INTO sentences(doc, idx, start, \"end\", para) SELECT * FROM"
                     " unnest(?1::bigint[], ?2::int[], ?3::int[], ?4::int[], ?5::int[])",
                     S_PG},
    [Q_PGB_MENTIONS] = {"INSERT INTO mentions(doc, sentence, start, \"end\", text, name, key, code, kind, how)"
                        " SELECT * FROM unnest(?1::bigint[], ?2::int[], ?3::int[], ?4::int[], ?5::text[],"
                        " ?6::text[], ?7::text[], ?8::text[], ?9::int[], ?10::int[])",
                        S_PG},
    [Q_PGB_EVENTS] = {"INSERT INTO events(doc, ord, sentence, start, \"end\", type, mode, cameo, quad,"
                      " goldstein, modality, src_text, src_name, src_key, src_code, src_start, tgt_text,"
                      " tgt_name, tgt_key, tgt_code, tgt_start, loc_text, loc_name, loc_country, loc_kind,"
                      " lat, lon, day, prec, date_text, trigger, confidence, evidence, pattern, id)"
                      " SELECT * FROM unnest(?1::bigint[], ?2::int[], ?3::int[], ?4::int[], ?5::int[],"
                      " ?6::text[], ?7::text[], ?8::text[], ?9::int[], ?10::float8[], ?11::text[],"
                      " ?12::text[], ?13::text[], ?14::text[], ?15::text[], ?16::int[], ?17::text[],"
                      " ?18::text[], ?19::text[], ?20::text[], ?21::int[], ?22::text[], ?23::text[],"
                      " ?24::text[], ?25::text[], ?26::float8[], ?27::float8[], ?28::bigint[], ?29::text[],"
                      " ?30::text[], ?31::text[], ?32::float8[], ?33::text[], ?34::text[], ?35::bigint[])",
                      S_PG},
    /* new world events with their summaries (Q_INS_WORLD_ID, then Q_SUMMARY) */
    [Q_PGB_WORLDS] = {"INSERT INTO world_events(type, pair, hypo, src_key, tgt_key, first_seen, last_seen, lo,"
                      " hi, src_name, src_code, tgt_name, tgt_code, mode, cameo, quad, goldstein, modality,"
                      " modalities, day, prec, loc_name, loc_country, loc_kind, lat, lon, num_mentions,"
                      " num_articles, num_sources, id) SELECT * FROM unnest(?1::text[], ?2::text[], ?3::int[],"
                      " ?4::text[], ?5::text[], ?6::bigint[], ?7::bigint[], ?8::bigint[], ?9::bigint[],"
                      " ?10::text[], ?11::text[], ?12::text[], ?13::text[], ?14::text[], ?15::text[],"
                      " ?16::int[], ?17::float8[], ?18::text[], ?19::text[], ?20::bigint[], ?21::int[],"
                      " ?22::text[], ?23::text[], ?24::text[], ?25::float8[], ?26::float8[], ?27::int[],"
                      " ?28::int[], ?29::int[], ?30::bigint[])",
                      S_PG},
    /* world events the batch's reports join: their ranges (Q_GROW_WORLD)
     * and summaries (Q_SUMMARY) as they are after the last of them */
    [Q_PGB_GROW] = {"UPDATE world_events w SET lo = u.lo, hi = u.hi, first_seen = u.fs, last_seen = u.ls,"
                    " src_name = u.sn, src_code = u.sc, tgt_name = u.tn, tgt_code = u.tc, mode = u.md,"
                    " cameo = u.cm, quad = u.qd, goldstein = u.gs, modality = u.mo, modalities = u.ms,"
                    " day = u.dy, prec = u.pr, loc_name = u.pn, loc_country = u.pc, loc_kind = u.pk,"
                    " lat = u.la, lon = u.ln, num_mentions = w.num_mentions + u.nm,"
                    " num_articles = w.num_articles + u.na, num_sources = w.num_sources + u.ns"
                    " FROM unnest(?1::bigint[], ?2::bigint[], ?3::bigint[], ?4::bigint[], ?5::bigint[],"
                    " ?6::text[], ?7::text[], ?8::text[], ?9::text[], ?10::text[], ?11::text[], ?12::int[],"
                    " ?13::float8[], ?14::text[], ?15::text[], ?16::bigint[], ?17::int[], ?18::text[],"
                    " ?19::text[], ?20::text[], ?21::float8[], ?22::float8[], ?23::int[], ?24::int[],"
                    " ?25::int[]) u(id, lo, hi, fs, ls, sn, sc, tn, tc, md, cm, qd, gs, mo, ms, dy, pr, pn,"
                    " pc, pk, la, ln, nm, na, ns) WHERE w.id = u.id",
                    S_PG, 0, 1},
    [Q_PGB_LINKS] = {"INSERT INTO event_world(event, world) SELECT * FROM unnest(?1::bigint[], ?2::bigint[])",
                     S_PG},
    /* the votes of the batch, each (world, kind, value) once with its
     * count: those of new world events inserted, the others counted in */
    [Q_PGB_NEWVOTES] = {"INSERT INTO world_votes(world, kind, value, n) SELECT * FROM unnest(?1::bigint[],"
                        " ?2::int[], ?3::text[], ?4::int[])",
                        S_PG},
    [Q_PGB_VOTES] = {"INSERT INTO world_votes AS v(world, kind, value, n) SELECT * FROM unnest(?1::bigint[],"
                     " ?2::int[], ?3::text[], ?4::int[]) ON CONFLICT (world, kind, value)"
                     " DO UPDATE SET n = v.n + EXCLUDED.n",
                     S_PG},
};

#define S_RCACHE 32   /* read statements kept prepared (SQLite) */

struct store {
    sqlite3 *db;          /* SQLite, or NULL */
    store_pg *pg;         /* PostgreSQL, or NULL */
    sqlite3_stmt *st[Q_COUNT];   /* SQLite: S_sql, prepared on first use */
    sqlite3_stmt *new_votes[8];  /* SQLite: the votes of a new world event, by their
                                    number - 1 (S_join_new) */
    char *pgsql[Q_COUNT];        /* PostgreSQL: S_sql in its dialect (S_pgsql) */
    int in_tx, batch, nbatch;
    int new_world;        /* S_vote1: the world event was just created */
    merge_summary wsum;   /* S_vote1: the votes of a world event just created, which
                             are all its votes (S_summarise needs not read them) */
    int src_fresh;        /* S_vote1 on an existing world event in S_add_pg: whether the
                             document's source outlet is new to it; -1 unknown */
    buf *votes;           /* S_vote on PostgreSQL, every answer known: the kinds and
                             values of the votes as array literals, sent at once */
    vec claimed;          /* queue ids claimed in the open transaction */
    vec next_claimed;     /* store_add_docs_send: those of the next batch */
    struct store_pipe *pipe;   /* store_add_docs_send: the batch on its way */
    vec doc_worlds;       /* SQLite: the world events the reports of the document being
                             added have joined so far (S_assign) */
    long long last_world; /* the world event S_join last linked a report to */
    dict widths;          /* SQLite: "TYPE|pair" -> the widest bounded window (hi - lo)
                             of its world events, as far as asked (S_width) */
    long long data_version;   /* SQLite: PRAGMA data_version when widths was last valid */
    vec fts_pending;      /* SQLite: rows of documents added in the open transaction,
                             indexed for full-text search by store_commit */
    struct {              /* read statements (S_rprep), by SQL text */
        char *sql;
        sqlite3_stmt *st;
        int busy;
    } rcache[S_RCACHE];
    int nrcache;
    struct timespec deadline;   /* store_set_deadline */
    int has_deadline, timed_out, progress, watch_table;
    char err[512];
};

static void S_pipe_free(struct store_pipe *pp);

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

/* Runs sql (no parameters, no rows) on either backend. */
static int S_xexec(store *s, const char *sql)
{
    return s->pg ? store_pg_exec(s->pg, sql) : S_exec(s, sql);
}

static void S_copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* Records a failure with message msg. */
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

/* ---- statements: one layer over both backends ------------------------------ */

/* The parameters of a statement, ?1.. in the order they are added (S_int,
 * S_txt, ...), and a cursor over its rows (S_open for a read built by the
 * caller, S_open_id for a statement of S_sql; S_next, the S_c* accessors,
 * S_close).  SQLite binds the values as they are (texts are not copied:
 * the S_par outlives the cursor); PostgreSQL gets them as text. */

#define S_MAXPAR 40   /* parameters of one statement */
#define S_MAXOWN 8    /* derived strings one query owns */

typedef struct {
    char kind;            /* 'i' integer, 'd' double, 't' text (t NULL: SQL NULL) */
    int len;              /* bytes of t; -1: up to its NUL */
    long long i;
    double d;
    const char *t;
} S_arg;

typedef struct {
    int n, bad;
    S_arg a[S_MAXPAR];
    char *own[S_MAXOWN];   /* LIKE patterns, full-text queries */
    int nown;
} S_par;

/* An empty parameter list (cheaper than zeroing the whole S_par). */
static void S_pinit(S_par *p)
{
    p->n = p->bad = p->nown = 0;
}

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
static int S_padd(S_par *p, char kind, long long i, double d, const char *t, int len)
{
    if (p->n == S_MAXPAR) {
        p->bad = 1;
        return 0;
    }
    p->a[p->n] = (S_arg){kind, len, i, d, t};
    return ++p->n;
}

static int S_int(S_par *p, long long v)
{
    return S_padd(p, 'i', v, 0, NULL, -1);
}

static int S_dbl(S_par *p, double v)
{
    return S_padd(p, 'd', 0, v, NULL, -1);
}

/* A text (NULL: SQL NULL). */
static int S_txt(S_par *p, const char *v)
{
    return S_padd(p, 't', 0, 0, v, -1);
}

/* n bytes of v (not NUL-terminated). */
static int S_txtn(S_par *p, const char *v, size_t n)
{
    return S_padd(p, 't', 0, 0, v, (int)n);
}

/* A day number; NULL when below 0 (unknown). */
static int S_day(S_par *p, long day)
{
    return day >= 0 ? S_int(p, day) : S_txt(p, NULL);
}

/* A cursor over the rows of one statement. */
typedef struct {
    store *s;
    sqlite3_stmt *st;        /* SQLite */
    int slot;                /* st's slot in s->rcache; -1: finalize at close; -2: s->st[] */
    store_pg_result *res;    /* PostgreSQL: the whole result */
    int row, nrows;
} S_cur;

static void S_cinit(store *s, S_cur *c)
{
    memset(c, 0, sizeof *c);
    c->s = s;
    c->slot = -1;
    c->row = -1;
}

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

static void S_bind(sqlite3_stmt *st, const S_par *p)
{
    for (int k = 0; k < p->n; k++) {
        const S_arg *a = &p->a[k];
        if (a->kind == 'i') sqlite3_bind_int64(st, k + 1, a->i);
        else if (a->kind == 'd') sqlite3_bind_double(st, k + 1, a->d);
        else if (a->t) sqlite3_bind_text(st, k + 1, a->t, a->len, SQLITE_STATIC);
        else sqlite3_bind_null(st, k + 1);
    }
}

/* PostgreSQL: the parameters p as libpq's text values in vals (numbers
 * printed into nums, texts of a given length copied into copies, which
 * the caller frees: *ncopies of them).  0 or a code. */
static int S_pgvals(store *s, const S_par *p, const char **vals, char (*nums)[32], char **copies, int *ncopies)
{
    int rc = 0;
    for (int k = 0; k < p->n && !rc; k++) {
        const S_arg *a = &p->a[k];
        if (a->kind == 'i') snprintf(nums[k], sizeof nums[k], "%lld", a->i);
        else if (a->kind == 'd') snprintf(nums[k], sizeof nums[k], "%.17g", a->d);
        vals[k] = a->kind == 't' ? a->t : nums[k];
        if (a->kind == 't' && a->t && a->len >= 0) {   /* libpq wants NUL-terminated text */
            char *t = malloc((size_t)a->len + 1);
            if (!t) {
                rc = S_rfail(s, "out of memory", 0);
                break;
            }
            memcpy(t, a->t, (size_t)a->len);
            t[a->len] = 0;
            vals[k] = copies[(*ncopies)++] = t;
        }
    }
    return rc;
}

/* PostgreSQL: runs sql with p as text parameters, into c. */
static int S_pgrun(store *s, const char *sql, const S_par *p, S_cur *c)
{
    const char *vals[S_MAXPAR] = {0};
    char nums[S_MAXPAR][32], *copies[S_MAXPAR];
    int ncopies = 0;
    int rc = S_pgvals(s, p, vals, nums, copies, &ncopies);
    if (!rc && store_pg_query(s->pg, sql, p->n, vals, &c->res)) {
        s->timed_out = store_pg_timed_out(s->pg);
        rc = SITREP_EDB;
    }
    while (ncopies) free(copies[--ncopies]);
    if (!rc) c->nrows = store_pg_nrows(c->res);
    return rc;
}

/* Runs the read sql (NULL: out of memory) with the parameters p.  0 or a code. */
static int S_open(store *s, const char *sql, const S_par *p, S_cur *c)
{
    S_cinit(s, c);
    if (!sql || p->bad) return S_rfail(s, "out of memory (or too many query parameters)", 0);
    if (S_past_deadline(s)) return S_rfail(s, "query took too long", 1);
    if (s->pg) return S_pgrun(s, sql, p, c);
    c->st = S_rprep(s, sql, &c->slot);
    if (!c->st) return S_rfail(s, sqlite3_errmsg(s->db), 0);
    S_bind(c->st, p);
    return 0;
}

/* Statement id's text for PostgreSQL (see S_sql), made once per handle;
 * NULL when out of memory. */
static const char *S_pgsql(store *s, int id)
{
    if (s->pgsql[id]) return s->pgsql[id];
    buf b;
    buf_init(&b);
    for (const char *q = S_sql[id].sql; *q; q++) buf_putc(&b, *q == '?' ? '$' : *q);
    if (S_sql[id].ret) buf_puts(&b, " RETURNING id");
    return s->pgsql[id] = b.s;
}

/* Runs statement id of S_sql with the parameters p (on the other backend
 * than its own, a statement of one backend gives no rows).  0 or a code. */
static int S_open_id(store *s, int id, const S_par *p, S_cur *c)
{
    S_cinit(s, c);
    if (p->bad) return S_rfail(s, "too many statement parameters", 0);
    if (S_past_deadline(s)) return S_rfail(s, "query took too long", 1);
    if (S_sql[id].on != S_BOTH && S_sql[id].on != (s->pg ? S_PG : S_LITE)) return 0;
    if (s->pg) {
        const char *sql = S_pgsql(s, id);
        return sql ? S_pgrun(s, sql, p, c) : S_rfail(s, "out of memory", 0);
    }
    if (!s->st[id] && sqlite3_prepare_v3(s->db, S_sql[id].sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL))
        return S_fail(s);
    if (sqlite3_bind_parameter_count(s->st[id]) != p->n) return S_rfail(s, "wrong number of statement parameters", 0);
    c->st = s->st[id];
    c->slot = -2;
    S_bind(c->st, p);
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
    } else if (c->st && c->slot == -2) {
        sqlite3_reset(c->st);   /* S_open_id binds every parameter at each use */
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

/* PostgreSQL: sends statement id for its effect without waiting for the
 * server (store_pg_send: a failure shows at the next statement that
 * waits, at the latest when the document's savepoint is released). */
static int S_pgsend(store *s, int id, const S_par *p)
{
    if (p->bad) return S_rfail(s, "too many statement parameters", 0);
    if (S_past_deadline(s)) return S_rfail(s, "query took too long", 1);
    if (S_sql[id].on == S_LITE) return 0;
    const char *sql = S_pgsql(s, id);
    if (!sql) return S_rfail(s, "out of memory", 0);
    const char *vals[S_MAXPAR] = {0};
    char nums[S_MAXPAR][32], *copies[S_MAXPAR];
    int ncopies = 0;
    int rc = S_pgvals(s, p, vals, nums, copies, &ncopies);
    if (!rc && store_pg_send(s->pg, sql, p->n, vals, S_sql[id].plan)) {
        s->timed_out = store_pg_timed_out(s->pg);
        rc = SITREP_EDB;
    }
    while (ncopies) free(copies[--ncopies]);
    return rc;
}

/* Runs statement id for its effect (a row it gives is not read; on
 * PostgreSQL it is sent without waiting, S_pgsend). */
static int S_do(store *s, int id, const S_par *p)
{
    if (s->pg) return S_pgsend(s, id, p);
    S_cur c;
    int rc = S_open_id(s, id, p, &c);
    if (!rc) rc = S_next(&c);
    S_close(&c);
    return rc < 0 ? rc : 0;
}

/* Runs the insert id (S_sql ret) and sets *rowid to the new row's id. */
static int S_insert(store *s, int id, const S_par *p, long long *rowid)
{
    S_cur c;
    int rc = S_open_id(s, id, p, &c);
    if (!rc) rc = S_next(&c);
    if (rc == 1 && s->pg) *rowid = S_cll(&c, 0);   /* RETURNING id */
    else if (rc == 0 && !s->pg) *rowid = sqlite3_last_insert_rowid(s->db);
    else if (rc >= 0) rc = S_rfail(s, "an insert gave no id", 0);
    S_close(&c);
    return rc < 0 ? rc : 0;
}

/* Runs statement id with one parameter, the PostgreSQL array literal a
 * ("{..." here closed with '}'); frees a. */
static int S_do_array(store *s, int id, buf *a)
{
    buf_putc(a, '}');
    S_par p;
    S_pinit(&p);
    S_txt(&p, a->s);
    int rc = a->s ? S_do(s, id, &p) : S_rfail(s, "out of memory", 0);
    buf_free(a);
    return rc;
}

/* ---- open / close ------------------------------------------------------- */

int store_is_url(const char *path)
{
    return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11);
}

/* Once per process, before SQLite is first used: no statistics on its
 * memory use, which cost a global mutex on every allocation. */
static pthread_once_t S_config_once = PTHREAD_ONCE_INIT;
static void S_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_open(const char *path, int readonly, store **out, char *err, size_t errlen)
{
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return SITREP_ENOMEM;
    }
    s->batch = 200;
    s->src_fresh = -1;
    vec_init(&s->claimed, sizeof(long long));
    vec_init(&s->next_claimed, sizeof(long long));
    vec_init(&s->fts_pending, sizeof(long long));
    vec_init(&s->doc_worlds, sizeof(long long));
    dict_init(&s->widths);
    s->data_version = -1;
    if (store_is_url(path)) {
        int rc = store_pg_open(path, readonly, &s->pg, err, errlen);
        if (rc) free(s);
        else *out = s;
        return rc;
    }
    /* A handle is used by one thread at a time (store.h): SQLite's
     * per-connection mutex, taken and released by every bind, step and
     * column call, is pure cost (5% of an ingest) */
    pthread_once(&S_config_once, S_config);
    int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        sqlite3_close(s->db);
        free(s);
        return SITREP_EDB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    int rc = 0;
    if (!readonly) {
        /* temp_store=MEMORY: the rollback journal of each document's
         * savepoint (and of a statement's) is kept in memory: in a file
         * it wrote 440 MB to /var/tmp for 3,000 documents, seven times
         * the database, and took a sixth of the store's time.
         * wal_autocheckpoint=10000 (40 MB of WAL, not 4): a batch of 200
         * documents writes thousands of pages, so at the default every
         * commit was followed by a checkpoint, which copied again the
         * index pages every batch rewrites (10% of a large ingest) */
        rc = S_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
                       " PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000;");
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

/* Opens the write transaction unless one is open (SQLite takes the write
 * lock at once). */
static int S_begin(store *s)
{
    if (s->in_tx) return 0;
    S_par none;
    S_pinit(&none);
    int rc = s->pg ? S_do(s, Q_BEGIN, &none) : S_exec(s, "BEGIN IMMEDIATE");
    if (!rc && !s->pg) {
        /* another connection may have committed world events since the
         * widths were learnt: then they are asked again */
        long long v = -1;
        S_cur c;
        rc = S_open(s, "PRAGMA data_version", &none, &c);
        if (!rc && (rc = S_next(&c)) == 1) {
            v = S_cll(&c, 0);
            rc = 0;
        }
        S_close(&c);
        if (!rc && v != s->data_version) {
            dict_free(&s->widths);
            dict_init(&s->widths);
            s->data_version = v;
        }
        if (rc) S_xexec(s, "ROLLBACK");
    }
    if (!rc) {
        s->in_tx = 1;
        s->nbatch = 0;
    }
    return rc;
}

static int S_cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* SQLite: indexes the documents added in the open transaction for
 * full-text search, in row order, each once (a row whose document was
 * replaced again in the batch is indexed with its last content; a row
 * deleted since gives nothing). */
static int S_fts_flush(store *s)
{
    vec *v = &s->fts_pending;
    if (!v->len) return 0;
    qsort(v->data, v->len, sizeof(long long), S_cmp_ll);
    buf ids;
    buf_init(&ids);
    buf_putc(&ids, '[');
    for (size_t i = 0; i < v->len; i++) {
        long long id = VEC_AT(v, long long, i);
        if (i && id == VEC_AT(v, long long, i - 1)) continue;
        buf_printf(&ids, "%s%lld", i ? "," : "", id);
    }
    buf_putc(&ids, ']');
    S_par p;
    S_pinit(&p);
    S_txt(&p, ids.s);
    int rc = ids.s ? S_do(s, Q_INS_FTS, &p) : S_rfail(s, "out of memory", 0);
    buf_free(&ids);
    if (!rc) v->len = 0;
    return rc;
}

/* 1 when the row doc waits in fts_pending (not yet indexed). */
static int S_fts_is_pending(const store *s, long long doc)
{
    for (size_t i = 0; i < s->fts_pending.len; i++)
        if (VEC_AT(&s->fts_pending, long long, i) == doc) return 1;
    return 0;
}

int store_commit(store *s)
{
    if (!s->in_tx) return 0;
    int rc = S_fts_flush(s);
    if (!rc && s->claimed.len) {
        /* the done-mark commits with the documents' events */
        buf ids;
        buf_init(&ids);
        buf_putc(&ids, '{');
        for (size_t i = 0; i < s->claimed.len; i++)
            buf_printf(&ids, "%s%lld", i ? "," : "", VEC_AT(&s->claimed, long long, i));
        rc = S_do_array(s, Q_DONE, &ids);
    }
    if (!rc && s->pg) {   /* sent after the done-marks, one wait for both */
        S_par none;
        S_pinit(&none);
        rc = S_do(s, Q_COMMIT, &none);
        if (!rc) rc = store_pg_flush(s->pg);
    } else if (!rc) {
        rc = S_exec(s, "COMMIT");
    }
    if (!rc) {
        s->in_tx = 0;
        s->nbatch = 0;
        s->claimed.len = 0;
    }
    return rc;
}

int store_rollback(store *s)
{
    s->claimed.len = 0;
    s->next_claimed.len = 0;
    s->fts_pending.len = 0;
    if (!s->in_tx) return 0;
    s->in_tx = 0;
    s->nbatch = 0;
    return S_xexec(s, "ROLLBACK");
}

int store_close(store *s)
{
    if (!s) return 0;
    int rc = store_commit(s);
    if (rc) S_xexec(s, "ROLLBACK");
    for (int i = 0; i < Q_COUNT; i++) {
        sqlite3_finalize(s->st[i]);
        free(s->pgsql[i]);
    }
    for (int i = 0; i < 8; i++) sqlite3_finalize(s->new_votes[i]);
    for (int i = 0; i < s->nrcache; i++) {
        sqlite3_finalize(s->rcache[i].st);
        free(s->rcache[i].sql);
    }
    if (s->pg) store_pg_close(s->pg);
    else sqlite3_close(s->db);
    vec_free(&s->claimed);
    vec_free(&s->next_claimed);
    if (s->pipe) S_pipe_free(s->pipe);
    vec_free(&s->fts_pending);
    vec_free(&s->doc_worlds);
    dict_free(&s->widths);
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
    S_par p;
    S_pinit(&p);
    S_txt(&p, id);
    S_cur c;
    int rc = S_open_id(s, Q_FIND_DOC, &p, &c);
    if (!rc && (rc = S_next(&c)) == 1) rc = S_cstr(&c, 1) && !strcmp(S_cstr(&c, 1), hash);
    S_close(&c);
    return rc;
}

int store_counts(store *s, long long *docs, long long *events, long long *worlds)
{
    S_par p;
    S_pinit(&p);
    S_cur c;
    int rc = S_open(s, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
                       " (SELECT count(*) FROM world_events)", &p, &c);
    if (!rc && (rc = S_next(&c)) == 1) {
        *docs = S_cll(&c, 0);
        *events = S_cll(&c, 1);
        *worlds = S_cll(&c, 2);
        rc = 0;
    } else if (!rc) {
        rc = S_rfail(s, "no counts", 0);
    }
    S_close(&c);
    return rc;
}

/* ---- world events ----------------------------------------------------- */

/* Adds v to the PostgreSQL array literal b ("{" and elements so far). */
static int S_arr_addn(buf *b, const char *v, size_t n);

static int S_arr_add(buf *b, const char *v)
{
    return S_arr_addn(b, v, strlen(v));
}

/* Adds n bytes of v (NULL: SQL NULL) to the array literal b, quoted, with
 * '"' and '\\' escaped.  0, or -1 when out of memory (b may then lack
 * it: the caller gives up on b). */
static int S_arr_addn(buf *b, const char *v, size_t n)
{
    int bad = 0;
    if (!v) return buf_puts(b, b->len > 1 ? ",NULL" : "NULL");
    bad |= buf_puts(b, b->len > 1 ? ",\"" : "\"");
    for (size_t i = 0; i < n;) {   /* runs without a character to escape */
        size_t j = i;
        while (j < n && v[j] != '"' && v[j] != '\\') j++;
        bad |= buf_put(b, v + i, j - i);
        if (j < n) {
            char esc[2] = {'\\', v[j]};
            bad |= buf_put(b, esc, 2);
            j++;
        }
        i = j;
    }
    bad |= buf_putc(b, '"');
    return bad ? -1 : 0;
}

/* Adds the integer v to the array literal b (as "%lld" prints it). */
static int S_arr_int(buf *b, long long v)
{
    char out[24];
    size_t k = sizeof out;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do {
        out[--k] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) out[--k] = '-';
    if (b->len > 1) out[--k] = ',';
    return buf_put(b, out + k, sizeof out - k);
}

/* Adds the double v to the array literal b (as S_pgvals prints it). */
static int S_arr_dbl(buf *b, double v)
{
    char out[40];
    int k = snprintf(out, sizeof out, b->len > 1 ? ",%.17g" : "%.17g", v);
    return k > 0 && k < (int)sizeof out ? buf_put(b, out, (size_t)k) : -1;
}

typedef merge_report S_ev; /* what merging needs of one report (merge.h) */

/* Counts one vote; *fresh (when not NULL) tells whether the value is new
 * for this world event.  s->new_world: the world event has no votes yet. */
static int S_vote1(store *s, long long world, int kind, const char *value, int *fresh)
{
    S_par p;
    S_pinit(&p);
    S_int(&p, world);
    S_int(&p, kind);
    S_txt(&p, value);
    int rc = 0, isnew = 1;
    if (s->new_world && kind >= MERGE_V_MODALITY) merge_summary_add(&s->wsum, kind, value, 1);
    /* the answer when it is known without asking: a new world event has
     * no votes; S_add_pg's world events have no report of this document
     * and it knows whether they have one of its source outlet */
    int known = -1;
    if (s->new_world) known = 1;
    else if (s->src_fresh >= 0 && kind == MERGE_V_DOC) known = 1;
    else if (s->src_fresh >= 0 && kind == MERGE_V_SOURCE) known = s->src_fresh;
    if (s->votes && (known >= 0 || !fresh)) {   /* S_vote sends them together */
        S_arr_int(&s->votes[0], kind);
        S_arr_addn(&s->votes[1], value, strlen(value));
        isnew = known;
    } else if (s->pg && (known >= 0 || !fresh)) {   /* no answer needed: sent without waiting */
        rc = S_do(s, Q_UPSERT_VOTE, &p);
        isnew = known;
    } else if (s->pg) {   /* the upsert says whether the value is new */
        S_cur c;
        rc = S_open_id(s, Q_UPSERT_VOTE, &p, &c);
        if (!rc) rc = S_next(&c);
        if (rc == 1) isnew = S_cint(&c, 0);
        S_close(&c);
        if (rc >= 0) rc = rc == 1 ? 0 : S_rfail(s, "a vote gave no row", 0);
    } else {
        if (!s->new_world) {
            rc = S_do(s, Q_VOTE_UP, &p);
            isnew = sqlite3_changes(s->db) == 0;
        }
        if (!rc && isnew) rc = S_do(s, Q_VOTE, &p);
    }
    if (fresh) *fresh = isnew;
    return rc;
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
    if (!s->pg || (!s->new_world && s->src_fresh < 0))   /* one statement per vote */
        return merge_votes(e, swapped, S_vote_cb, &c, new_doc, new_src);
    /* PostgreSQL, no answer needed: one upsert for all (Q_PG_VOTES) */
    buf cols[2];
    for (int k = 0; k < 2; k++) {
        buf_init(&cols[k]);
        buf_putc(&cols[k], '{');
    }
    s->votes = cols;
    int rc = merge_votes(e, swapped, S_vote_cb, &c, new_doc, new_src);
    s->votes = NULL;
    buf_putc(&cols[0], '}');
    buf_putc(&cols[1], '}');
    if (!rc) {
        S_par p;
        S_pinit(&p);
        S_int(&p, world);
        S_txt(&p, cols[0].s);
        S_txt(&p, cols[1].s);
        rc = cols[0].s && cols[1].s ? S_do(s, Q_PG_VOTES, &p) : S_rfail(s, "out of memory", 0);
    }
    buf_free(&cols[0]);
    buf_free(&cols[1]);
    return rc;
}

/* The summary columns of Q_SUMMARY (?2..?21 there) from m. */
static void S_summary_params(S_par *p, const merge_summary *m, int nm, int na, int ns)
{
    S_txt(p, m->sname);
    S_txt(p, m->scode);
    S_txt(p, m->tname);
    S_txt(p, m->tcode);
    S_txt(p, m->has_mode ? m->wmode : NULL);
    S_txt(p, m->has_mode ? m->cameo : NULL);
    if (m->has_mode) {
        S_int(p, m->quad);
        S_dbl(p, m->goldstein);
    } else {
        S_txt(p, NULL);
        S_txt(p, NULL);
    }
    S_txt(p, *m->mod ? m->mod : NULL);
    S_txt(p, *m->mods ? m->mods : NULL);
    S_day(p, m->day);
    if (m->day >= 0) S_int(p, m->prec);
    else S_txt(p, NULL);
    S_txt(p, m->has_place ? m->pname : NULL);
    S_txt(p, m->has_place ? m->pcountry : NULL);
    S_txt(p, m->has_place ? m->pkind : NULL);
    if (m->has_place) {
        S_dbl(p, m->lat);
        S_dbl(p, m->lon);
    } else {
        S_txt(p, NULL);
        S_txt(p, NULL);
    }
    S_int(p, nm);
    S_int(p, na);
    S_int(p, ns);
}

/* Recomputes the summary columns of a world event from its votes (known:
 * them summed already, else read from world_votes), and adds nm, na, ns
 * to its mention, article and source counts. */
/* The votes of world event world that its summary is made of, into m. */
static int S_read_votes(store *s, long long world, merge_summary *m)
{
    S_par p;
    S_pinit(&p);
    S_int(&p, world);
    merge_summary_init(m);
    S_cur c;
    int rc = S_open_id(s, Q_VOTES, &p, &c);
    while (!rc && (rc = S_next(&c)) == 1) {
        merge_summary_add(m, S_cint(&c, 0), S_cstr(&c, 1), S_cint(&c, 2));
        rc = 0;
    }
    S_close(&c);
    return rc;
}

static int S_summarise(store *s, long long world, const char *skey, const char *tkey, int nm, int na,
                       int ns, merge_summary *known)
{
    merge_summary read, *mp = known ? known : &read;
    S_par p;
    S_pinit(&p);
    S_int(&p, world);
    int rc;
    if (!known && (rc = S_read_votes(s, world, &read))) return rc;
    merge_summary_finish(mp, skey, tkey);
    S_summary_params(&p, mp, nm, na, ns);
    return S_do(s, Q_SUMMARY, &p);
}

/* The pair of a report as merges match it (merge_pair_key) and the key of
 * the lock that serialises its merges on PostgreSQL: "TYPE|SRC|TGT". */
static void S_pair(const char *type, const char *skey, const char *tkey, char pair[64], char key[96])
{
    merge_pair_key(type, skey, tkey, pair, 64);
    snprintf(key, 96, "%s|%s", type, pair);
}

/* The votes of a report for a world event not created yet (S_join_new). */
typedef struct {
    int n, kind[8];
    char *value[8];
    merge_summary *sum;
} S_kept;

static int S_keep_vote(void *ctx, int kind, const char *value, int *fresh)
{
    S_kept *k = ctx;
    if (k->n == 8 || !(k->value[k->n] = strdup(value))) return SITREP_ENOMEM;
    k->kind[k->n++] = kind;
    if (kind >= MERGE_V_MODALITY) merge_summary_add(k->sum, kind, value, 1);
    if (fresh) *fresh = 1;   /* a new world event has no votes */
    return 0;
}

/* SQLite: links event evid to a new world event, which is inserted with
 * its summary (votes summed in memory) and then gets its votes in one
 * statement: the rows Q_INS_WORLD, Q_LINK, Q_VOTE and Q_SUMMARY leave,
 * with three statements instead of nine or so. */
static int S_join_new(store *s, long long evid, const S_ev *e, const char *pair, long lo, long hi)
{
    char wskey[16], wtkey[16];
    S_copy(wskey, sizeof wskey, e->skey);
    S_copy(wtkey, sizeof wtkey, e->tkey);
    S_kept k = {.n = 0, .sum = &s->wsum};
    merge_summary_init(&s->wsum);
    int nd = 0, nsrc = 0;
    int rc = merge_votes(e, 0, S_keep_vote, &k, &nd, &nsrc);
    long long world = -1;
    S_par p;
    S_pinit(&p);
    if (!rc) {
        merge_summary_finish(&s->wsum, *wskey ? wskey : NULL, *wtkey ? wtkey : NULL);
        S_txt(&p, e->type);
        S_txt(&p, pair);
        S_int(&p, !strcmp(e->modality, "hypothetical"));
        S_txt(&p, e->skey);
        S_txt(&p, e->tkey);
        S_day(&p, e->pub);
        S_int(&p, lo);
        S_int(&p, hi);
        S_summary_params(&p, &s->wsum, 1, nd, nsrc);
        rc = S_insert(s, Q_INS_WORLD_FULL, &p, &world);
        s->last_world = world;
    }
    if (!rc) {
        S_pinit(&p);
        S_int(&p, evid);
        S_int(&p, world);
        rc = S_do(s, Q_LINK, &p);
    }
    sqlite3_stmt **st = &s->new_votes[k.n - 1];   /* prepared once per number of votes */
    if (!rc && k.n && !*st) {
        buf sql;
        buf_init(&sql);
        buf_puts(&sql, "INSERT INTO world_votes(world, kind, value, n) VALUES");
        for (int i = 0; i < k.n; i++) buf_printf(&sql, "%s(?1, ?%d, ?%d, 1)", i ? ", " : "", 2 + 2 * i, 3 + 2 * i);
        if (!sql.s || sqlite3_prepare_v3(s->db, sql.s, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
            rc = sql.s ? S_fail(s) : SITREP_ENOMEM;
        buf_free(&sql);
    }
    if (!rc && k.n) {
        S_pinit(&p);
        S_int(&p, world);
        for (int i = 0; i < k.n; i++) {
            S_int(&p, k.kind[i]);
            S_txt(&p, k.value[i]);
        }
        S_bind(*st, &p);
        rc = sqlite3_step(*st) == SQLITE_DONE ? 0 : S_fail(s);
        sqlite3_reset(*st);
    }
    for (int i = 0; i < k.n; i++) free(k.value[i]);
    return rc < 0 ? rc : 0;
}

/* Links event evid to the world event world, or to a new one (world < 0:
 * with the id newid when it is >= 0, else the next), votes e's attributes
 * and updates the summary.  wskey, wtkey: the actor keys of world. */
static int S_join(store *s, long long evid, const S_ev *e, const char *pair, long lo, long hi,
                  long long world, long long newid, const char *wskey0, const char *wtkey0)
{
    if (world < 0 && !s->pg) return S_join_new(s, evid, e, pair, lo, hi);
    int hypo = !strcmp(e->modality, "hypothetical");
    int swapped = 0, created = 0, rc = 0;
    char wskey[16] = "", wtkey[16] = "";
    S_par p;
    S_pinit(&p);
    if (world < 0) {
        S_txt(&p, e->type);
        S_txt(&p, pair);
        S_int(&p, hypo);
        S_txt(&p, e->skey);
        S_txt(&p, e->tkey);
        S_day(&p, e->pub);
        S_int(&p, lo);
        S_int(&p, hi);
        if (newid >= 0) {
            S_int(&p, newid);
            rc = S_do(s, Q_INS_WORLD_ID, &p);
            world = newid;
        } else {
            rc = S_insert(s, Q_INS_WORLD, &p, &world);
        }
        if (rc) return rc;
        created = 1;
        S_copy(wskey, sizeof wskey, e->skey);
        S_copy(wtkey, sizeof wtkey, e->tkey);
    } else {
        S_copy(wskey, sizeof wskey, wskey0);
        S_copy(wtkey, sizeof wtkey, wtkey0);
        swapped = strcmp(e->skey ? e->skey : "", wskey) != 0;
        S_int(&p, world);
        S_int(&p, lo);
        S_int(&p, hi);
        S_day(&p, e->pub);
        if ((rc = S_do(s, Q_GROW_WORLD, &p))) return rc;
    }
    s->last_world = world;
    p.n = 0;
    S_int(&p, evid);
    S_int(&p, world);
    if ((rc = S_do(s, Q_LINK, &p))) return rc;
    int nd = 0, nsrc = 0;
    s->new_world = created;
    if (created) merge_summary_init(&s->wsum);
    rc = S_vote(s, world, e, swapped, &nd, &nsrc);
    s->new_world = 0;
    if (rc) return rc;
    return S_summarise(s, world, *wskey ? wskey : NULL, *wtkey ? wtkey : NULL, 1, nd, nsrc,
                       created ? &s->wsum : NULL);
}

/* A world event a report joins, as the candidate search read it. */
typedef struct {
    long long id;
    char skey[16], tkey[16];   /* its actor keys (as S_join keeps them) */
    long hi, day;              /* day -1: undated */
} S_wnow;

/* SQLite: links event evid to the existing world event w, votes e's
 * attributes and updates its window and summary, as S_join does, with
 * one update of the world event's row instead of two, and without
 * rewriting index entries whose columns keep their values. */
static int S_join_old(store *s, long long evid, const S_ev *e, long lo, long hi, const S_wnow *w)
{
    s->last_world = w->id;
    S_par p;
    S_pinit(&p);
    S_int(&p, evid);
    S_int(&p, w->id);
    int rc = S_do(s, Q_LINK, &p);
    int nd = 0, nsrc = 0;
    if (!rc) rc = S_vote(s, w->id, e, strcmp(e->skey ? e->skey : "", w->skey) != 0, &nd, &nsrc);
    merge_summary m;
    if (!rc) rc = S_read_votes(s, w->id, &m);
    if (rc) return rc;
    merge_summary_finish(&m, *w->skey ? w->skey : NULL, *w->tkey ? w->tkey : NULL);
    S_pinit(&p);
    S_int(&p, w->id);
    S_int(&p, lo);
    S_int(&p, hi);
    S_day(&p, e->pub);
    S_summary_params(&p, &m, 1, nd, nsrc);
    return S_do(s, Q_JOIN_WORLD + (hi > w->hi) + 2 * (m.day != w->day), &p);
}

/* The hi of a world event whose window is unbounded (merge_window of an
 * undated report without a publication date, and every world event such
 * a report joins or creates); others end far below. */
#define S_UNBOUNDED 100000000L

/* SQLite: the widest window (hi - lo) of the bounded world events of the
 * pair key ("TYPE|pair"; type and pair its parts), learnt from the
 * database at its first use in a transaction after another connection
 * wrote, then kept up to date by S_widen.  0 or a code. */
static int S_width(store *s, const char *key, const char *type, const char *pair, long *width)
{
    int w;
    if (dict_get(&s->widths, key, strlen(key), &w)) {
        *width = w;
        return 0;
    }
    S_par p;
    S_pinit(&p);
    S_txt(&p, type);
    S_txt(&p, pair);
    S_int(&p, S_UNBOUNDED);
    S_cur c;
    int rc = S_open_id(s, Q_PAIR_WIDTH, &p, &c);
    long long v = 0;
    if (!rc && (rc = S_next(&c)) == 1) {
        v = S_cnull(&c, 0) ? 0 : S_cll(&c, 0);
        rc = 0;
    }
    S_close(&c);
    if (rc) return rc;
    if (v < 0 || v > INT_MAX) v = INT_MAX;   /* never narrower than the truth */
    *width = (long)v;
    return dict_set(&s->widths, key, strlen(key), (int)v);
}

/* SQLite: the pair key's world event now spans [lo, hi]. */
static int S_widen(store *s, const char *key, long lo, long hi)
{
    int w;
    if (hi >= S_UNBOUNDED || !dict_get(&s->widths, key, strlen(key), &w)) return 0;
    long d = hi - lo;
    if (d <= w) return 0;
    return dict_set(&s->widths, key, strlen(key), d > INT_MAX ? INT_MAX : (int)d);
}

/* 1 when an earlier report of the document being added joined (or
 * created) the world event id. */
static int S_doc_joined(const store *s, long long id)
{
    for (size_t i = 0; i < s->doc_worlds.len; i++)
        if (VEC_AT(&s->doc_worlds, long long, i) == id) return 1;
    return 0;
}

/* Finds (or creates) the world event of e and links event id to it. */
static int S_assign(store *s, long long evid, const S_ev *e)
{
    char pair[64], key[96];
    S_pair(e->type, e->skey, e->tkey, pair, key);
    int hypo = !strcmp(e->modality, "hypothetical");
    merge_when we = {e->day, (sitrep_prec)e->prec, e->pub, e->pub};
    long lo, hi;
    merge_window(&we, &lo, &hi);
    long long world = -1;
    long wlo = lo, whi = hi;   /* the world event's window after the report joins */
    int rc = 0;
    S_wnow now = {-1, "", "", 0, -1};
    S_par p;
    S_pinit(&p);
    if (!hypo) {
        long width;
        if ((rc = S_width(s, key, e->type, pair, &width))) return rc;
        S_txt(&p, e->type);
        S_txt(&p, pair);
        S_int(&p, lo);
        S_int(&p, hi);
        S_int(&p, (long long)hi + width);
        S_int(&p, S_UNBOUNDED);
        S_cur c;
        rc = S_open_id(s, Q_CANDIDATES, &p, &c);
        long bestd = LONG_MAX;
        while (!rc && (rc = S_next(&c)) == 1) {
            rc = 0;
            long long id = S_cll(&c, 0);
            if (S_doc_joined(s, id)) continue;
            const char *sk = S_cstr(&c, 1), *tk = S_cstr(&c, 2);
            merge_when ww = {S_cday(&c, 3), (sitrep_prec)S_cint(&c, 4), S_cday(&c, 6), S_cday(&c, 7)};
            if (!merge_dates_compatible(&we, &ww)) continue;
            if (!merge_places_compatible(e->lcountry, S_cstr(&c, 5), sk, tk)) continue;
            long d = merge_distance(&we, &ww);
            if (d < bestd || (d == bestd && id < world)) {   /* the closest, then the oldest */
                bestd = d;
                world = id;
                long clo = (long)S_cll(&c, 8), chi = (long)S_cll(&c, 9);
                wlo = clo < lo ? clo : lo;
                whi = chi > hi ? chi : hi;
                now.id = id;
                S_copy(now.skey, sizeof now.skey, sk);
                S_copy(now.tkey, sizeof now.tkey, tk);
                now.hi = chi;
                now.day = ww.day;
            }
        }
        S_close(&c);
        if (rc) return rc;
    }
    rc = world >= 0 ? S_join_old(s, evid, e, lo, hi, &now) : S_join(s, evid, e, pair, lo, hi, -1, -1, NULL, NULL);
    if (rc) return rc;
    if (!hypo && (rc = S_widen(s, key, wlo, whi))) return rc;
    long long *j = vec_push(&s->doc_worlds);
    if (!j) return SITREP_ENOMEM;
    *j = s->last_world;
    return 0;
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

/* A report of Q_MEMBERS (strings valid until the next row). */
static void S_read_report(const S_cur *c, S_ev *e)
{
    memset(e, 0, sizeof *e);
    e->doc = S_cll(c, 0);
    e->doc_id = S_cstr(c, 1);
    e->source = S_cstr(c, 2);
    e->pub = S_cday(c, 3);
    e->type = S_cstr(c, 4);
    e->mode = S_cstr(c, 5);
    e->cameo = S_cstr(c, 6);
    e->quad = S_cint(c, 7);
    e->goldstein = S_cdbl(c, 8);
    e->modality = S_cstr(c, 9);
    e->skey = S_cstr(c, 10);
    e->sname = S_cstr(c, 11);
    e->scode = S_cstr(c, 12);
    e->tkey = S_cstr(c, 13);
    e->tname = S_cstr(c, 14);
    e->tcode = S_cstr(c, 15);
    e->lname = S_cstr(c, 16);
    e->lcountry = S_cstr(c, 17);
    e->lkind = S_cstr(c, 18) ? S_cstr(c, 18)[0] : 0;
    e->lat = S_cdbl(c, 19);
    e->lon = S_cdbl(c, 20);
    e->day = S_cday(c, 21);
    e->prec = S_prec_of(S_cstr(c, 22));
}

/* Votes a world event again from its remaining reports (after a document
 * left it); deletes it when none remain. */
static int S_rebuild(store *s, long long world)
{
    S_par p;
    S_pinit(&p);
    S_int(&p, world);   /* ?1 of every statement here */
    int rc = S_do(s, Q_DEL_VOTES, &p);
    char wskey[16] = "", wtkey[16] = "";
    S_cur c;
    if (!rc) rc = S_open_id(s, Q_WORLD_KEYS, &p, &c);
    if (!rc && S_next(&c) == 1) S_copy(wskey, sizeof wskey, S_cstr(&c, 0));
    S_close(&c);
    if (!rc) rc = S_open_id(s, Q_MEMBERS, &p, &c);
    long lo = LONG_MAX, hi = LONG_MIN, first = -1, last = -1;
    int n = 0, na = 0, ns = 0;
    while (!rc && (rc = S_next(&c)) == 1) {
        S_ev e;
        S_read_report(&c, &e);
        const char *sk = e.skey ? e.skey : "";
        if (!n) S_copy(wtkey, sizeof wtkey, !strcmp(sk, wskey) ? e.tkey : e.skey);
        n++;
        merge_when we = {e.day, (sitrep_prec)e.prec, e.pub, e.pub};
        long l, h;
        merge_window(&we, &l, &h);
        if (l < lo) lo = l;
        if (h > hi) hi = h;
        if (e.pub >= 0 && (first < 0 || e.pub < first)) first = e.pub;
        if (e.pub > last) last = e.pub;
        int nd = 0, nsrc = 0;
        rc = S_vote(s, world, &e, strcmp(sk, wskey) != 0, &nd, &nsrc);
        na += nd;
        ns += nsrc;
    }
    S_close(&c);
    if (rc) return rc;
    if (!n) return S_do(s, Q_DEL_WORLD, &p);
    S_int(&p, lo);
    S_int(&p, hi);
    S_day(&p, first);
    S_day(&p, last);
    S_int(&p, n);
    S_int(&p, na);
    S_int(&p, ns);
    if ((rc = S_do(s, Q_SET_RANGE, &p))) return rc;
    return S_summarise(s, world, *wskey ? wskey : NULL, *wtkey ? wtkey : NULL, 0, 0, 0, NULL);
}

/* Removes a stored document and its contribution to world events. */
static int S_remove_doc(store *s, long long doc, const char *title, const char *text)
{
    vec worlds;
    vec_init(&worlds, sizeof(long long));
    S_par p;
    S_pinit(&p);
    S_int(&p, doc);   /* ?1 of every statement here */
    S_cur c;
    int rc = S_open_id(s, Q_DOC_WORLDS, &p, &c);
    while (!rc && (rc = S_next(&c)) == 1) {
        long long *w = vec_push(&worlds);
        rc = w ? 0 : SITREP_ENOMEM;
        if (w) *w = S_cll(&c, 0);
    }
    S_close(&c);
    S_txt(&p, title);
    S_txt(&p, text);
    /* a row added in this transaction is not in the index yet */
    if (!rc && !S_fts_is_pending(s, doc)) rc = S_do(s, Q_DEL_FTS, &p);
    p.n = 1;
    static const int dels[] = {Q_DEL_LINKS, Q_DEL_EVENTS, Q_DEL_MENTIONS, Q_DEL_SENTS, Q_DEL_DOC};
    for (size_t i = 0; !rc && i < sizeof dels / sizeof *dels; i++) rc = S_do(s, dels[i], &p);
    for (size_t i = 0; !rc && i < worlds.len; i++) rc = S_rebuild(s, VEC_AT(&worlds, long long, i));
    vec_free(&worlds);
    return rc;
}

/* ---- ingest ------------------------------------------------------------ */

/* Adds text's bytes [start, end) as a parameter. */
static void S_span(S_par *p, const char *text, int start, int end)
{
    S_txtn(p, text + start, (size_t)(end - start));
}

/* The event parameters of a mention (text, name, key, code, start). */
static void S_actor(S_par *p, const char *text, const sr_mention *m)
{
    if (m) S_span(p, text, m->start, m->end);
    else S_txt(p, NULL);
    S_txt(p, m ? m->name : NULL);
    S_txt(p, m ? m->key : NULL);
    S_txt(p, m ? m->code : NULL);
    if (m) S_int(p, m->start);
    else S_txt(p, NULL);
}

/* The parameters of Q_INS_EVENT for event i of the document drow (?1..?34;
 * kind: room for the place's kind, which they point to). */
static void S_event_params(S_par *p, long long drow, const sr_doc *doc, const pipeline_result *res, int i,
                           char kind[2])
{
    const sr_event *e = &res->events[i];
    const char *base = e->base ? e->base : doc->text;
    const sr_place *pl = e->place;
    kind[0] = pl ? pl->kind : 0;
    kind[1] = 0;
    S_pinit(p);
    S_int(p, drow);
    S_int(p, i);
    S_int(p, e->in_title ? -1 : e->sent);  /* -1: the title */
    S_int(p, e->start);
    S_int(p, e->end);
    S_txt(p, e->type);
    S_txt(p, e->mode);
    S_txt(p, e->cameo);
    S_int(p, e->quad);
    S_dbl(p, e->goldstein);
    S_txt(p, record_modality_name(e->modality));
    S_actor(p, base, e->source);
    S_actor(p, base, e->target);
    S_txt(p, pl ? e->place_text : NULL);
    S_txt(p, pl ? pl->name : NULL);
    S_txt(p, pl ? pl->country : NULL);
    S_txt(p, pl ? kind : NULL);
    if (pl) {
        S_dbl(p, pl->lat);
        S_dbl(p, pl->lon);
    } else {
        S_txt(p, NULL);
        S_txt(p, NULL);
    }
    S_day(p, e->day);
    S_txt(p, e->day >= 0 ? sitrep_prec_name(e->prec) : NULL);
    S_txt(p, e->date_text);
    S_txt(p, e->trigger);
    S_dbl(p, e->confidence);
    S_span(p, base, e->ev_start, e->ev_end);
    S_txt(p, e->pattern);
}

/* Stores event i of the document drow, with the id id when it is >= 0
 * (else the next); sets *evid. */
static int S_add_event(store *s, long long drow, const sr_doc *doc, const pipeline_result *res, int i,
                       long long id, long long *evid)
{
    S_par p;
    char kind[2];
    S_event_params(&p, drow, doc, res, i, kind);
    if (id < 0) return S_insert(s, Q_INS_EVENT, &p, evid);
    S_int(&p, id);
    *evid = id;
    return S_do(s, Q_INS_EVENT_ID, &p);
}

/* The parameters of Q_INS_DOC (date: room for the date text). */
static void S_doc_params(S_par *p, const sr_doc *doc, const char *hash, const pipeline_result *res,
                         const char *source, char date[11])
{
    if (doc->day >= 0) sitrep_format_day(doc->day, date);
    S_pinit(p);
    S_txt(p, doc->id);
    S_txt(p, hash);
    S_txt(p, source);
    S_txt(p, doc->url);
    S_txt(p, doc->day >= 0 ? date : NULL);
    S_day(p, doc->day);
    S_txt(p, doc->title);
    S_txtn(p, doc->text, doc->text_len);
    S_txt(p, doc->file);
    if (doc->line > 0) S_int(p, doc->line);
    else S_txt(p, NULL);
    S_int(p, (long long)doc->text_len);
    S_int(p, res->seg.nsents);
    S_int(p, res->nevents);
}

/* PostgreSQL: the sentences and mentions of the document drow, one
 * statement each (Q_PG_SENTS, Q_PG_MENTIONS: their columns as arrays). */
static int S_add_rows_pg(store *s, long long drow, const sr_doc *doc, const pipeline_result *res)
{
    enum { NCOL = 9 };
    buf col[NCOL];
    int rc = 0;
    for (int k = 0; k < NCOL; k++) {
        buf_init(&col[k]);
        buf_putc(&col[k], '{');
    }
    for (int i = 0; i < res->seg.nsents; i++) {
        const sr_sentence *se = &res->seg.sents[i];
        S_arr_int(&col[0], i);
        S_arr_int(&col[1], se->start);
        S_arr_int(&col[2], se->end);
        S_arr_int(&col[3], se->para);
    }
    for (int pass = 0; pass < 2 && !rc; pass++) {
        S_par p;
        S_pinit(&p);
        S_int(&p, drow);
        int ncol = pass ? NCOL : 4, bad = 0;
        for (int k = 0; k < ncol; k++) {
            buf_putc(&col[k], '}');
            bad |= !col[k].s;
            S_txt(&p, col[k].s);
        }
        if (bad) rc = S_rfail(s, "out of memory", 0);
        else if (pass ? res->nmentions > 0 : res->seg.nsents > 0) rc = S_do(s, pass ? Q_PG_MENTIONS : Q_PG_SENTS, &p);
        for (int k = 0; k < NCOL; k++) {
            buf_reset(&col[k]);
            buf_putc(&col[k], '{');
        }
        for (int i = 0; !pass && i < res->nmentions; i++) {
            const sr_mention *m = &res->mentions[i];
            S_arr_int(&col[0], m->sent);
            S_arr_int(&col[1], m->start);
            S_arr_int(&col[2], m->end);
            S_arr_addn(&col[3], doc->text + m->start, (size_t)(m->end - m->start));
            S_arr_addn(&col[4], m->name, m->name ? strlen(m->name) : 0);
            S_arr_addn(&col[5], m->key, strlen(m->key));
            S_arr_addn(&col[6], m->code, strlen(m->code));
            S_arr_int(&col[7], (int)m->kind);
            S_arr_int(&col[8], (int)m->how);
        }
    }
    for (int k = 0; k < NCOL; k++) buf_free(&col[k]);
    return rc;
}

/* The parameters of one sentence row and one mention row of document
 * drow (Q_INS_SENT, Q_INS_MENTION; the batch's Q_PGB_* take the same). */
static void S_sent_params(S_par *p, long long drow, int i, const sr_sentence *se)
{
    S_pinit(p);
    S_int(p, drow);
    S_int(p, i);
    S_int(p, se->start);
    S_int(p, se->end);
    S_int(p, se->para);
}

static void S_mention_params(S_par *p, long long drow, const sr_doc *doc, const sr_mention *m)
{
    S_pinit(p);
    S_int(p, drow);
    S_int(p, m->sent);
    S_int(p, m->start);
    S_int(p, m->end);
    S_span(p, doc->text, m->start, m->end);
    S_txt(p, m->name);
    S_txt(p, m->key);
    S_txt(p, m->code);
    S_int(p, (int)m->kind);
    S_int(p, (int)m->how);
}

/* The sentences and actor mentions of the document drow. */
static int S_add_rows(store *s, long long drow, const sr_doc *doc, const pipeline_result *res)
{
    if (s->pg) return S_add_rows_pg(s, drow, doc, res);
    int rc = 0;
    S_par p;
    for (int i = 0; !rc && i < res->seg.nsents; i++) {
        const sr_sentence *se = &res->seg.sents[i];
        S_sent_params(&p, drow, i, se);
        rc = S_do(s, Q_INS_SENT, &p);
    }
    for (int i = 0; !rc && i < res->nmentions; i++) {
        const sr_mention *m = &res->mentions[i];
        S_mention_params(&p, drow, doc, m);
        rc = S_do(s, Q_INS_MENTION, &p);
    }
    return rc;
}

/* What merging needs of event i of the document drow. */
static S_ev S_report(long long drow, const sr_doc *doc, const char *source, const sr_event *e)
{
    S_ev v = {drow, doc->id, source, doc->day,
              e->type, e->mode, e->cameo, record_modality_name(e->modality), e->quad, e->goldstein,
              e->source ? e->source->key : NULL, e->source ? e->source->name : NULL,
              e->source ? e->source->code : NULL, e->target ? e->target->key : NULL,
              e->target ? e->target->name : NULL, e->target ? e->target->code : NULL,
              e->place ? e->place->name : NULL, e->place ? e->place->country : NULL,
              e->place ? e->place->kind : 0, e->place ? e->place->lat : 0,
              e->place ? e->place->lon : 0, e->day, e->day >= 0 ? (int)e->prec : PREC_NONE};
    if (v.skey && !*v.skey) v.skey = NULL;
    if (v.tkey && !*v.tkey) v.tkey = NULL;
    return v;
}

/* Parses a PostgreSQL array of integers ("{1,2,3}") into out[0..n);
 * returns how many there were. */
static int S_arr_ids(const char *t, long long *out, int n)
{
    int k = 0;
    for (const char *p = t ? t : ""; *p && k < n;) {
        if (*p >= '0' && *p <= '9') {
            char *end;
            out[k++] = strtoll(p, &end, 10);
            p = end;
        } else {
            p++;
        }
    }
    return k;
}

/* A world event a report may join (S_add_pg): Q_CANDIDATES' columns. */
typedef struct {
    long long id;
    char skey[64], tkey[64], country[64], type[32], pair[64];
    int has_skey, has_tkey, has_country;
    merge_when when;
    long lo, hi;
    int has_src;   /* it has a report from the document's source outlet */
    int used;      /* an earlier report of the document joined it */
} S_cand;

/* PostgreSQL: stores the events of the document drow and merges them as
 * S_assign does each, with two waits for the server for the whole
 * document instead of four per event: the candidates of every report at
 * once (the candidates of one report are those of S_assign; the world
 * events its earlier reports join or create drop out, as there), then the
 * ids.  Every other statement goes out without waiting. */
static int S_add_pg(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res,
                    const char *source)
{
    int n = res->nevents, rc = 0, nnew = 0, ncand = 0;
    long long drow = -1;
    struct pgev {
        int i, hypo, cand;
        char pair[64], key[96];
        long lo, hi;
        merge_when we;
        S_ev v;
    } *x = calloc((size_t)n, sizeof *x);
    long long *ids = calloc((size_t)n * 2 + 1, sizeof *ids);
    vec cands;
    vec_init(&cands, sizeof(S_cand));
    buf keys, types, pairs;
    buf_init(&keys);
    buf_init(&types);
    buf_init(&pairs);
    buf_putc(&keys, '{');
    buf_putc(&types, '{');
    buf_putc(&pairs, '{');
    if ((!x && n) || !ids) rc = SITREP_ENOMEM;
    /* the reports in the order of assignment (merge.h) */
    int k = 0;
    long minlo = LONG_MAX, maxhi = LONG_MIN;
    for (int pass = 0; !rc && pass < MERGE_PASSES; pass++)
        for (int i = 0; i < n; i++) {
            const sr_event *e = &res->events[i];
            if (merge_assign_pass(e) != pass) continue;
            struct pgev *q = &x[k++];
            q->i = i;
            q->v = S_report(-1, doc, source, e);   /* the row id comes with the ids */
            q->hypo = !strcmp(q->v.modality, "hypothetical");
            q->cand = -1;
            S_pair(q->v.type, q->v.skey, q->v.tkey, q->pair, q->key);
            q->we = (merge_when){q->v.day, (sitrep_prec)q->v.prec, q->v.pub, q->v.pub};
            merge_window(&q->we, &q->lo, &q->hi);
            if (q->hypo) continue;
            S_arr_add(&keys, q->key);
            S_arr_add(&types, q->v.type);
            S_arr_add(&pairs, q->pair);
            if (q->lo < minlo) minlo = q->lo;
            if (q->hi > maxhi) maxhi = q->hi;
        }
    char srcv[1024];   /* the source vote of the document's reports (merge_votes) */
    if (source && *source) snprintf(srcv, sizeof srcv, "%s", source);
    else snprintf(srcv, sizeof srcv, "doc:%s", doc->id);
    if (!rc && minlo <= maxhi) {
        /* the (type, pair) locks of S_assign, in one order, then the candidates */
        rc = S_do_array(s, Q_LOCK_PAIRS, &keys);
        buf_putc(&types, '}');
        buf_putc(&pairs, '}');
        S_par p;
        S_pinit(&p);
        S_txt(&p, types.s);
        S_txt(&p, pairs.s);
        S_int(&p, minlo);
        S_int(&p, maxhi);
        S_int(&p, MERGE_V_SOURCE);
        S_txt(&p, srcv);
        S_cur c;
        S_cinit(s, &c);
        if (!rc && (!types.s || !pairs.s)) rc = SITREP_ENOMEM;
        if (!rc) rc = S_open_id(s, Q_PG_CANDIDATES, &p, &c);
        while (!rc && (rc = S_next(&c)) == 1) {
            S_cand *w = vec_push(&cands);
            if (!w) {
                rc = SITREP_ENOMEM;
                break;
            }
            w->id = S_cll(&c, 0);
            w->has_skey = !S_cnull(&c, 1);
            w->has_tkey = !S_cnull(&c, 2);
            w->has_country = !S_cnull(&c, 5);
            S_copy(w->skey, sizeof w->skey, S_cstr(&c, 1));
            S_copy(w->tkey, sizeof w->tkey, S_cstr(&c, 2));
            S_copy(w->country, sizeof w->country, S_cstr(&c, 5));
            w->when = (merge_when){S_cday(&c, 3), (sitrep_prec)S_cint(&c, 4), S_cday(&c, 6), S_cday(&c, 7)};
            S_copy(w->type, sizeof w->type, S_cstr(&c, 8));
            S_copy(w->pair, sizeof w->pair, S_cstr(&c, 9));
            w->lo = (long)S_cll(&c, 10);
            w->hi = (long)S_cll(&c, 11);
            w->has_src = S_cstr(&c, 12) && S_cstr(&c, 12)[0] == 't';
            rc = 0;
        }
        S_close(&c);
        ncand = (int)cands.len;
    } else {
        buf_free(&keys);
    }
    /* each report's world event, as S_assign would choose it */
    for (int j = 0; !rc && j < n; j++) {
        struct pgev *q = &x[j];
        if (q->hypo) {
            nnew++;
            continue;
        }
        long bestd = LONG_MAX;
        for (int w = 0; w < ncand; w++) {
            S_cand *cw = &VEC_AT(&cands, S_cand, w);
            if (cw->used || strcmp(cw->type, q->v.type) || strcmp(cw->pair, q->pair)) continue;
            if (cw->hi < q->lo || cw->lo > q->hi) continue;
            if (!merge_dates_compatible(&q->we, &cw->when)) continue;
            if (!merge_places_compatible(q->v.lcountry, cw->has_country ? cw->country : NULL,
                                         cw->has_skey ? cw->skey : NULL, cw->has_tkey ? cw->tkey : NULL))
                continue;
            long d = merge_distance(&q->we, &cw->when);
            if (d < bestd) {
                bestd = d;
                q->cand = w;
            }
        }
        if (q->cand >= 0) VEC_AT(&cands, S_cand, q->cand).used = 1;
        else nnew++;
    }
    /* the ids the inserts would take, in their order */
    if (!rc) {
        S_par p;
        S_pinit(&p);
        S_int(&p, n);
        S_int(&p, nnew);
        S_cur c;
        rc = S_open_id(s, Q_PG_IDS, &p, &c);
        if (!rc && (rc = S_next(&c)) == 1) {
            drow = S_cll(&c, 0);
            rc = S_arr_ids(S_cstr(&c, 1), ids, n) == n && S_arr_ids(S_cstr(&c, 2), ids + n, nnew) == nnew
                     ? 0
                     : S_rfail(s, "the sequences gave too few ids", 0);
        } else if (!rc) {
            rc = S_rfail(s, "the sequences gave no ids", 0);
        }
        S_close(&c);
    }
    if (!rc) {   /* the document and its rows, sent without waiting */
        S_par p;
        char date[11];
        S_doc_params(&p, doc, hash, res, source, date);
        S_int(&p, drow);
        rc = S_do(s, Q_INS_DOC_ID, &p);
    }
    if (!rc) rc = S_add_rows(s, drow, doc, res);
    for (int j = 0, w = 0; !rc && j < n; j++) {
        struct pgev *q = &x[j];
        q->v.doc = drow;
        long long evid;
        if ((rc = S_add_event(s, drow, doc, res, q->i, ids[j], &evid))) break;
        if (q->cand >= 0) {
            S_cand *cw = &VEC_AT(&cands, S_cand, q->cand);
            s->src_fresh = !cw->has_src;
            rc = S_join(s, evid, &q->v, q->pair, q->lo, q->hi, cw->id, -1, cw->skey, cw->tkey);
            s->src_fresh = -1;
        } else {
            rc = S_join(s, evid, &q->v, q->pair, q->lo, q->hi, -1, ids[n + w++], NULL, NULL);
        }
    }
    buf_free(&types);
    buf_free(&pairs);
    vec_free(&cands);
    free(ids);
    free(x);
    return rc;
}

static int S_add(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res)
{
    S_par p;
    S_pinit(&p);
    S_txt(&p, doc->id);
    S_cur c;
    int rc = S_open_id(s, Q_FIND_DOC, &p, &c);
    if (!rc && (rc = S_next(&c)) == 1) {
        long long old = S_cll(&c, 0);
        const char *oh = S_cstr(&c, 1);
        if (oh && !strcmp(oh, hash)) {
            S_close(&c);
            return 0;
        }
        char *title = S_cstr(&c, 2) ? strdup(S_cstr(&c, 2)) : NULL;
        char *text = strdup(S_cstr(&c, 3) ? S_cstr(&c, 3) : "");
        S_close(&c);
        rc = text ? S_remove_doc(s, old, title, text) : SITREP_ENOMEM;
        free(title);
        free(text);
    }
    S_close(&c);
    if (rc) return rc;

    const char *source = doc->source && *doc->source ? doc->source : NULL;
    if (s->pg) return S_add_pg(s, doc, hash, res, source);
    char date[11];
    S_doc_params(&p, doc, hash, res, source, date);
    long long drow;
    if ((rc = S_insert(s, Q_INS_DOC, &p, &drow))) return rc;

    long long *pend = vec_push(&s->fts_pending);   /* indexed at commit (S_fts_flush) */
    if (!pend) return SITREP_ENOMEM;
    *pend = drow;

    if ((rc = S_add_rows(s, drow, doc, res))) return rc;
    s->doc_worlds.len = 0;
    for (int pass = 0; pass < MERGE_PASSES; pass++)   /* merge.h: the order of assignment */
    for (int i = 0; !rc && i < res->nevents; i++) {
        const sr_event *e = &res->events[i];
        if (merge_assign_pass(e) != pass) continue;
        long long evid;
        if ((rc = S_add_event(s, drow, doc, res, i, -1, &evid))) break;
        S_ev v = S_report(drow, doc, source, e);
        rc = S_assign(s, evid, &v);
    }
    return rc;
}

int store_has_docs(store *s, const char *const *ids, const char *const *hashes, int n, int *have)
{
    for (int i = 0; i < n; i++) have[i] = 0;
    if (!s->pg) {   /* in-process: one lookup each */
        for (int i = 0; i < n; i++)
            if ((have[i] = store_has_doc(s, ids[i], hashes[i])) < 0) return have[i];
        return 0;
    }
    buf arr;
    buf_init(&arr);
    buf_putc(&arr, '{');
    for (int i = 0; i < n; i++) S_arr_add(&arr, ids[i]);
    buf_putc(&arr, '}');
    S_par p;
    S_pinit(&p);
    S_txt(&p, arr.s);
    S_cur c;
    int rc = arr.s ? S_open_id(s, Q_PG_HAVE_DOCS, &p, &c) : S_rfail(s, "out of memory", 0);
    while (!rc && (rc = S_next(&c)) == 1) {
        rc = 0;
        const char *id = S_cstr(&c, 0), *h = S_cstr(&c, 1);
        for (int i = 0; i < n; i++)
            if (id && h && !strcmp(ids[i], id) && !strcmp(hashes[i], h)) have[i] = 1;
    }
    if (arr.s) S_close(&c);
    buf_free(&arr);
    return rc;
}

/* Opens (Q_SAVEPOINT) or releases (Q_RELEASE) the savepoint of a document
 * (on PostgreSQL sent without waiting, as the statements between them). */
static int S_savepoint(store *s, int id)
{
    S_par none;
    S_pinit(&none);
    return S_do(s, id, &none);
}

int store_add_doc(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res)
{
    int rc;
    if ((rc = S_begin(s)) || (rc = S_savepoint(s, Q_SAVEPOINT))) return rc;
    size_t npending = s->fts_pending.len;
    rc = S_add(s, doc, hash, res);
    if (!rc) rc = S_savepoint(s, Q_RELEASE);
    /* PostgreSQL: the statements sent (S_pgsend) have run; after a failure
     * the rest, RELEASE too, were skipped and the savepoint is there */
    if (!rc && s->pg) rc = store_pg_flush(s->pg);
    if (rc) {
        char keep[sizeof s->err];
        snprintf(keep, sizeof keep, "%s", store_errmsg(s));
        S_xexec(s, "ROLLBACK TO doc; RELEASE doc");
        s->fts_pending.len = npending;   /* its rows are gone */
        S_rfail(s, keep, 0);
        return rc;
    }
    /* a claimed batch commits in store_commit, with its done-mark */
    if (++s->nbatch >= s->batch && !s->claimed.len) return store_commit(s);
    return 0;
}

static int S_lock_pairs(store *s, const pipeline_result *res, const pipeline_result *const *resp, int n);

static const char *S_dup(arena *a, const char *v)
{
    return v ? arena_strdup(a, v) : NULL;
}

static int S_needs_pg(store *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s needs a PostgreSQL store (--db postgresql://...)", what);
    return SITREP_EDB;
}

/* ---- PostgreSQL: a batch of documents in a few round trips ----------------
 *
 * S_add_docs_pg stores n new documents as n calls of S_add_pg would, in
 * their order, with the same rows and ids, and waits for the server three
 * times in all instead of four times a document: the candidates of every
 * report of the batch with their votes, and the ids of the documents and
 * events (1); the ids of the new world events (2); every row written, one
 * statement per table (3).  Between 1 and 2 the batch's merges run here,
 * against the world events as the batch leaves them: a report of a later
 * document sees what the earlier ones added (ranges, votes, summaries),
 * exactly as S_add_pg would find it in the database. */

/* The first n - 1 bytes of src at most (S_copy into a smaller buffer). */
static void S_trunc(char *dst, size_t n, const char *src)
{
    size_t l = strnlen(src, n - 1);
    memcpy(dst, src, l);
    dst[l] = 0;
}

/* A vote of a world event the batch sees: n0 counted before the batch
 * (kinds >= MERGE_V_MODALITY, and the source outlets of the batch), n added
 * by it. */
typedef struct {
    int kind, n0, n;
    const char *value;
} S_bvote;

/* A world event the batch sees: a candidate of one of its reports (read
 * with its votes) or one it creates.  Fields as S_cand has them. */
typedef struct {
    long long id;          /* -1: created by the batch, id not taken yet */
    int created, hypo, joined;
    int loaded;            /* its votes of kinds >= 3 are read (created: it has none) */
    int last;              /* the document of the batch that joined it last, or -1 */
    char type[32], pair[64], skey[64], tkey[64], country[64];
    int has_skey, has_tkey, has_country;
    merge_when when;       /* day and prec of its summary, first and last seen */
    long lo, hi;
    int nm, na, ns;        /* reports, articles and sources the batch adds */
    const char *ntype, *nskey, *ntkey;   /* created: the creating report's (full) values */
    vec votes;             /* S_bvote, kept in (kind, value) order */
} S_bw;

/* A report of the batch (S_add_pg's struct pgev). */
typedef struct {
    int d, i, hypo, world;
    char pair[64], key[96];
    long lo, hi;
    merge_when we;
    S_ev v;
    long long evid;
} S_brep;

static int S_bvote_cmp(const void *a, const void *b)
{
    const S_bvote *x = a, *y = b;
    return x->kind != y->kind ? (x->kind < y->kind ? -1 : 1) : strcmp(x->value, y->value);
}

/* The vote (kind, value) of w, added with counts 0 when absent (value
 * copied into a); NULL when out of memory. */
static S_bvote *S_bw_vote(S_bw *w, arena *a, int kind, const char *value)
{
    size_t lo = 0, hi = w->votes.len;
    S_bvote key = {kind, 0, 0, value};
    while (lo < hi) {   /* binary search: the votes are kept sorted */
        size_t mid = (lo + hi) / 2;
        int c = S_bvote_cmp(&VEC_AT(&w->votes, S_bvote, mid), &key);
        if (!c) return &VEC_AT(&w->votes, S_bvote, mid);
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    char *copy = arena_strdup(a, value);
    if (!copy || !vec_push(&w->votes)) return NULL;
    S_bvote *v = &VEC_AT(&w->votes, S_bvote, lo);
    memmove(v + 1, v, (w->votes.len - 1 - lo) * sizeof *v);
    *v = (S_bvote){kind, 0, 0, copy};
    return v;
}

/* w's summary from its votes into m, as S_summarise computes it from
 * world_votes (merge_summary_add is order-free; the votes come in the
 * order of world_votes' key, as an index scan reads them), and the date
 * and country merging reads back from its row. */
static void S_bw_summary(S_bw *w, merge_summary *m)
{
    char sk[16], tk[16];   /* S_join's wskey, wtkey */
    S_trunc(sk, sizeof sk, w->skey);
    S_trunc(tk, sizeof tk, w->tkey);
    merge_summary_init(m);
    for (size_t k = 0; k < w->votes.len; k++) {
        const S_bvote *v = &VEC_AT(&w->votes, S_bvote, k);
        if (v->kind >= MERGE_V_MODALITY && v->n0 + v->n > 0) merge_summary_add(m, v->kind, v->value, v->n0 + v->n);
    }
    merge_summary_finish(m, *sk ? sk : NULL, *tk ? tk : NULL);
    w->when.day = m->day >= 0 ? m->day : -1;
    w->when.prec = m->day >= 0 ? (sitrep_prec)m->prec : (sitrep_prec)0;   /* NULL reads as 0 */
    w->has_country = m->has_place && m->pcountry;
    S_copy(w->country, sizeof w->country, w->has_country ? m->pcountry : NULL);
}

typedef struct {
    S_bw *w;
    arena *a;
    int created;   /* the report creates w: all its votes are new */
} S_bvote_ctx;

/* merge_votes' callback: counts the vote in the world event; its
 * freshness as S_vote1 knows it in S_add_pg (a document is always new to
 * the world events it joins; its source outlet when the world event has no
 * vote for it yet). */
static int S_bvote_cb(void *ctx, int kind, const char *value, int *fresh)
{
    S_bvote_ctx *c = ctx;
    S_bvote *v = S_bw_vote(c->w, c->a, kind, value);
    if (!v) return SITREP_ENOMEM;
    int isnew = c->created || kind == MERGE_V_DOC || v->n0 + v->n == 0;
    v->n++;
    if (fresh) *fresh = isnew;
    return 0;
}

/* The columns of a statement of many rows: one PostgreSQL array literal
 * per parameter, a row added at a time from an S_par (S_cols_row), so the
 * values are those the one-row statement would get. */
typedef struct {
    int n, rows, bad;
    buf col[S_MAXPAR];
} S_cols;

static void S_cols_init(S_cols *c, int n)
{
    c->n = n;
    c->rows = c->bad = 0;
    for (int k = 0; k < n; k++) {
        buf_init(&c->col[k]);
        buf_putc(&c->col[k], '{');
    }
}

static void S_cols_free(S_cols *c)
{
    for (int k = 0; k < c->n; k++) buf_free(&c->col[k]);
}

/* Adds the parameters p (c->n of them) as a row. */
static void S_cols_row(S_cols *c, const S_par *p)
{
    for (int k = 0; k < c->n; k++) {
        const S_arg *a = k < p->n ? &p->a[k] : NULL;
        buf *b = &c->col[k];
        int bad;
        if (!a || (a->kind == 't' && !a->t)) bad = S_arr_addn(b, NULL, 0);
        else if (a->kind == 'i') bad = S_arr_int(b, a->i);
        else if (a->kind == 'd') bad = S_arr_dbl(b, a->d);
        else bad = S_arr_addn(b, a->t, a->len >= 0 ? (size_t)a->len : strlen(a->t));
        c->bad |= bad;
    }
    c->rows++;
}

/* Sends statement id with the columns as its parameters (nothing when
 * there are no rows); frees them. */
static int S_cols_send(store *s, int id, S_cols *c)
{
    int rc = 0;
    if (c->rows) {
        S_par p;
        S_pinit(&p);
        for (int k = 0; k < c->n; k++) {
            if (buf_putc(&c->col[k], '}') || c->bad) rc = SITREP_ENOMEM;
            S_txt(&p, c->col[k].s);
        }
        if (!rc) rc = S_do(s, id, &p);
    }
    S_cols_free(c);
    return rc;
}

/* A cursor over the kept result of ticket t (store_pg_send_keep). */
static int S_open_kept(store *s, int t, S_cur *c)
{
    S_cinit(s, c);
    c->res = t >= 0 ? store_pg_take(s->pg, t) : NULL;
    if (!c->res) return S_rfail(s, "a statement of the batch gave no result", 0);
    c->nrows = store_pg_nrows(c->res);
    return 0;
}

/* Sends statement id, its result kept: the ticket, or a negative code. */
static int S_pgkeep(store *s, int id, const S_par *p)
{
    const char *sql = S_pgsql(s, id);
    if (!sql || p->bad) return S_rfail(s, "out of memory", 0);
    const char *vals[S_MAXPAR] = {0};
    char nums[S_MAXPAR][32], *copies[S_MAXPAR];
    int ncopies = 0;
    int rc = S_pgvals(s, p, vals, nums, copies, &ncopies);
    if (!rc) rc = store_pg_send_keep(s->pg, sql, p->n, vals, S_sql[id].plan);
    while (ncopies) free(copies[--ncopies]);
    return rc;
}

/* The sentences and mentions of the batch's document drow as rows of
 * Q_PGB_SENTS and Q_PGB_MENTIONS (those of Q_INS_SENT, Q_INS_MENTION). */
static void S_rows_cols(S_cols *sents, S_cols *ments, long long drow, const sr_doc *doc,
                        const pipeline_result *res)
{
    S_par p;
    for (int i = 0; i < res->seg.nsents; i++) {
        const sr_sentence *se = &res->seg.sents[i];
        S_sent_params(&p, drow, i, se);
        S_cols_row(sents, &p);
    }
    for (int i = 0; i < res->nmentions; i++) {
        const sr_mention *m = &res->mentions[i];
        S_mention_params(&p, drow, doc, m);
        S_cols_row(ments, &p);
    }
}

/* The batch's world events and links as rows: new world events, the
 * summaries of those the batch joins, links, votes. */
static int S_world_cols(vec *ws, const S_brep *reps, int nrep, S_cols *neww, S_cols *grow, S_cols *links,
                        S_cols *newvotes, S_cols *votes)
{
    merge_summary *m = malloc(sizeof *m);
    if (!m) return SITREP_ENOMEM;
    S_par p;
    for (size_t k = 0; k < ws->len; k++) {
        S_bw *w = &VEC_AT(ws, S_bw, k);
        if (!w->created && !w->joined) continue;
        S_bw_summary(w, m);
        S_pinit(&p);
        if (w->created) {
            S_txt(&p, w->ntype);
            S_txt(&p, w->pair);
            S_int(&p, w->hypo);
            S_txt(&p, w->nskey);
            S_txt(&p, w->ntkey);
            S_day(&p, w->when.first);
            S_day(&p, w->when.last);
            S_int(&p, w->lo);
            S_int(&p, w->hi);
        } else {
            S_int(&p, w->id);
            S_int(&p, w->lo);
            S_int(&p, w->hi);
            S_day(&p, w->when.first);
            S_day(&p, w->when.last);
        }
        S_summary_params(&p, m, w->nm, w->na, w->ns);
        if (w->created) S_int(&p, w->id);
        S_cols_row(w->created ? neww : grow, &p);
        for (size_t j = 0; j < w->votes.len; j++) {
            const S_bvote *v = &VEC_AT(&w->votes, S_bvote, j);
            if (!v->n) continue;
            S_pinit(&p);
            S_int(&p, w->id);
            S_int(&p, v->kind);
            S_txt(&p, v->value);
            S_int(&p, v->n);
            S_cols_row(w->created ? newvotes : votes, &p);
        }
    }
    for (int j = 0; j < nrep; j++) {
        S_pinit(&p);
        S_int(&p, reps[j].evid);
        S_int(&p, VEC_AT(ws, S_bw, reps[j].world).id);
        S_cols_row(links, &p);
    }
    free(m);
    return 0;
}

/* Reads Q_PGB_CANDS' rows (grouped by world event) into ws. */
static int S_read_cands(S_cur *c, vec *ws, arena *a)
{
    int rc;
    S_bw *w = NULL;
    while ((rc = S_next(c)) == 1) {
        long long id = S_cll(c, 0);
        if (!w || w->id != id) {
            if (!(w = vec_push(ws))) return SITREP_ENOMEM;
            w->id = id;
            w->last = -1;
            w->has_skey = !S_cnull(c, 1);
            w->has_tkey = !S_cnull(c, 2);
            w->has_country = !S_cnull(c, 5);
            S_copy(w->skey, sizeof w->skey, S_cstr(c, 1));
            S_copy(w->tkey, sizeof w->tkey, S_cstr(c, 2));
            S_copy(w->country, sizeof w->country, S_cstr(c, 5));
            w->when = (merge_when){S_cday(c, 3), (sitrep_prec)S_cint(c, 4), S_cday(c, 6), S_cday(c, 7)};
            S_copy(w->type, sizeof w->type, S_cstr(c, 8));
            S_copy(w->pair, sizeof w->pair, S_cstr(c, 9));
            w->lo = (long)S_cll(c, 10);
            w->hi = (long)S_cll(c, 11);
            w->loaded = S_cstr(c, 12) && *S_cstr(c, 12) == 't';
            vec_init(&w->votes, sizeof(S_bvote));
        }
        if (S_cnull(c, 13)) continue;
        S_bvote *v = S_bw_vote(w, a, S_cint(c, 13), S_cstr(c, 14));
        if (!v) return SITREP_ENOMEM;
        v->n0 = S_cint(c, 15);
    }
    return rc;
}

/* The reports of the batch in the order of assignment (document by
 * document, each in merge.h's passes), into reps; the lock keys, and the
 * types, pairs and windows of the non-hypothetical ones as array literals
 * (cols[0..4]), with whether another document has a report of the same
 * type and pair (cols[7]); the source votes of the documents in srcs.
 * Returns the number of reports, or SITREP_ENOMEM. */
static int S_batch_reports(const sr_doc *const *docs, const pipeline_result *const *res, int n,
                           S_brep *reps, buf *cols, buf *srcs)
{
    int k = 0, bad = 0;
    for (int d = 0; d < n; d++) {
        const char *source = docs[d]->source && *docs[d]->source ? docs[d]->source : NULL;
        char sv[1024];   /* the value of its source vote, as merge_votes writes it */
        if (source) snprintf(sv, sizeof sv, "%s", source);
        else snprintf(sv, sizeof sv, "doc:%s", docs[d]->id);
        bad |= S_arr_add(srcs, sv);
        for (int pass = 0; pass < MERGE_PASSES; pass++)
            for (int i = 0; i < res[d]->nevents; i++) {
                const sr_event *ev = &res[d]->events[i];
                if (merge_assign_pass(ev) != pass) continue;
                S_brep *q = &reps[k++];
                q->d = d;
                q->i = i;
                q->world = -1;
                q->v = S_report(-1, docs[d], source, ev);   /* the row id comes with the ids */
                q->hypo = !strcmp(q->v.modality, "hypothetical");
                S_pair(q->v.type, q->v.skey, q->v.tkey, q->pair, q->key);
                q->we = (merge_when){q->v.day, (sitrep_prec)q->v.prec, q->v.pub, q->v.pub};
                merge_window(&q->we, &q->lo, &q->hi);
                if (q->hypo) continue;
                bad |= S_arr_add(&cols[0], q->key);
                bad |= S_arr_add(&cols[1], q->v.type);
                bad |= S_arr_add(&cols[2], q->pair);
                bad |= S_arr_int(&cols[3], q->lo);
                bad |= S_arr_int(&cols[4], q->hi);
            }
    }
    /* whether another document has a report of the same type and pair */
    for (int j = 0; j < k; j++) {
        if (reps[j].hypo) continue;
        int shared = 0;
        for (int i = 0; i < k && !shared; i++)
            shared = !reps[i].hypo && reps[i].d != reps[j].d && !strcmp(reps[i].key, reps[j].key);
        bad |= buf_puts(&cols[7], cols[7].len > 1 ? (shared ? ",t" : ",f") : (shared ? "t" : "f"));
    }
    return bad ? SITREP_ENOMEM : k;
}

/* Assigns each report of the batch its world event, as S_add_pg would
 * one document after the other (the closest compatible candidate, first
 * by id on ties; none joined or created by the same document), or a new
 * one; counts its votes there. */
static int S_batch_merge(vec *ws, S_brep *reps, int nrep, arena *a, merge_summary *m)
{
    for (int j = 0; j < nrep; j++) {
        S_brep *q = &reps[j];
        int best = -1;
        long bestd = LONG_MAX;
        for (size_t k = 0; !q->hypo && k < ws->len; k++) {
            const S_bw *w = &VEC_AT(ws, S_bw, k);
            if (w->hypo || w->last == q->d || strcmp(w->type, q->v.type) || strcmp(w->pair, q->pair)) continue;
            if (w->hi < q->lo || w->lo > q->hi) continue;
            if (w->joined && !w->loaded) return 1;   /* its summary is not known (cannot happen) */
            if (!merge_dates_compatible(&q->we, &w->when)) continue;
            if (!merge_places_compatible(q->v.lcountry, w->has_country ? w->country : NULL,
                                         w->has_skey ? w->skey : NULL, w->has_tkey ? w->tkey : NULL))
                continue;
            long dd = merge_distance(&q->we, &w->when);
            if (dd < bestd) {
                bestd = dd;
                best = (int)k;
            }
        }
        S_bw *w;
        int swapped = 0;
        if (best < 0) {   /* a new world event (Q_INS_WORLD_ID) */
            if (!(w = vec_push(ws))) return SITREP_ENOMEM;
            best = (int)ws->len - 1;
            w->id = -1;
            w->created = w->loaded = 1;
            w->hypo = q->hypo;
            S_copy(w->type, sizeof w->type, q->v.type);
            S_copy(w->pair, sizeof w->pair, q->pair);
            w->ntype = q->v.type;
            w->nskey = q->v.skey;
            w->ntkey = q->v.tkey;
            w->has_skey = q->v.skey != NULL;
            w->has_tkey = q->v.tkey != NULL;
            S_copy(w->skey, sizeof w->skey, q->v.skey);
            S_copy(w->tkey, sizeof w->tkey, q->v.tkey);
            w->lo = q->lo;
            w->hi = q->hi;
            w->when.first = w->when.last = q->v.pub;
            vec_init(&w->votes, sizeof(S_bvote));
        } else {          /* Q_GROW_WORLD */
            w = &VEC_AT(ws, S_bw, best);
            char wsk[16];   /* S_join's wskey */
            S_trunc(wsk, sizeof wsk, w->skey);
            swapped = strcmp(q->v.skey ? q->v.skey : "", wsk) != 0;
            if (q->lo < w->lo) w->lo = q->lo;
            if (q->hi > w->hi) w->hi = q->hi;
            long pub = q->v.pub;
            if (pub >= 0 && (w->when.first < 0 || pub < w->when.first)) w->when.first = pub;
            if (pub >= 0 && (w->when.last < 0 || pub > w->when.last)) w->when.last = pub;
            w->joined = 1;
        }
        w->last = q->d;
        q->world = best;
        S_bvote_ctx c = {w, a, w->created && w->nm == 0};
        int nd = 0, nsrc = 0, rc = merge_votes(&q->v, swapped, S_bvote_cb, &c, &nd, &nsrc);
        if (rc) return rc;
        w->nm++;
        w->na += nd;
        w->ns += nsrc;
        S_bw_summary(w, m);
    }
    return 0;
}

/* A batch on its way to the server (S_bat_plan, S_bat_rows): what the
 * three steps need of one another. */
typedef struct {
    const sr_doc *const *docs;
    const char *const *hashes;
    const pipeline_result *const *res;
    int n, nrep;
    S_brep *reps;
    long long *drows, *evids;
    merge_summary *m;
    arena a;
    vec ws;                /* S_bw */
    int saved;             /* the savepoint "batch" is set */
} S_bat;

static void S_bat_free(S_bat *b)
{
    for (size_t k = 0; k < b->ws.len; k++) vec_free(&VEC_AT(&b->ws, S_bw, k).votes);
    vec_free(&b->ws);
    arena_free(&b->a);
    free(b->m);
    free(b->evids);
    free(b->drows);
    free(b->reps);
    memset(b, 0, sizeof *b);
}

/* Reads claimed queue rows (Q_CLAIM's columns) into docs[*ndocs..n), their
 * queue ids into ids, the stored hashes into stored (when not NULL). */
static int S_read_claim(S_cur *c, int n, arena *a, sr_doc *docs, char (*stored)[17], int *ndocs, vec *ids)
{
    int rc = 0;
    while (*ndocs < n && (rc = S_next(c)) == 1) {
        long long *id = vec_push(ids);
        sr_doc *d = &docs[*ndocs];
        memset(d, 0, sizeof *d);
        d->id = S_dup(a, S_cstr(c, 1));
        d->date = S_dup(a, S_cstr(c, 2));
        d->day = S_cday(c, 3);
        d->date_origin = (sr_date_origin)S_cint(c, 4);
        d->source = S_dup(a, S_cstr(c, 5));
        d->url = S_dup(a, S_cstr(c, 6));
        d->title = S_dup(a, S_cstr(c, 7));
        d->text = S_dup(a, S_cstr(c, 8));
        d->text_len = d->text ? strlen(d->text) : 0;
        d->file = S_dup(a, S_cstr(c, 9));
        d->line = (long)S_cll(c, 10);
        if (!id || !d->id || !d->text) return SITREP_ENOMEM;
        *id = S_cll(c, 0);
        if (stored) S_copy(stored[*ndocs], sizeof stored[*ndocs], S_cstr(c, 11));
        (*ndocs)++;
        rc = 0;
    }
    return rc;
}

/* The queue ids of v as an array literal in b (b->s NULL: out of memory). */
static void S_ids_lit(buf *b, const vec *v)
{
    buf_init(b);
    buf_putc(b, '{');
    for (size_t i = 0; i < v->len; i++) buf_printf(b, "%s%lld", i ? "," : "", VEC_AT(v, long long, i));
    buf_putc(b, '}');
}

/* Sends statement id with the queue ids of v as its one parameter (keep:
 * its result kept; returns the ticket). */
static int S_ids_param(store *s, int id, const vec *v, int keep)
{
    buf ids;
    S_ids_lit(&ids, v);
    S_par p;
    S_pinit(&p);
    S_txt(&p, ids.s);
    int rc = !ids.s ? S_rfail(s, "out of memory", 0) : keep ? S_pgkeep(s, id, &p) : S_do(s, id, &p);
    buf_free(&ids);
    return rc;
}

/* Steps 1 and 2 of a batch b (docs new, ids distinct): the merge locks of
 * the whole batch in one order (as S_add_pg takes each document's), the
 * next claim when next is not NULL (in this transaction, before the
 * savepoint), the savepoint, the candidates and the ids; the merges; the
 * ids of the new world events.  0; 1 when a document turns out to be
 * stored already (nothing is written; the savepoint is released); or a
 * negative code (b->saved: the savepoint holds). */
static int S_bat_plan(store *s, S_bat *b, store_next *next)
{
    int n = b->n, rc = 0;
    b->nrep = 0;
    for (int d = 0; d < n; d++) b->nrep += b->res[d]->nevents;
    int nrep = b->nrep;
    b->reps = calloc((size_t)nrep + 1, sizeof *b->reps);
    b->drows = calloc((size_t)n + 1, sizeof *b->drows);
    b->evids = calloc((size_t)nrep + 1, sizeof *b->evids);
    b->m = malloc(sizeof *b->m);
    arena_init(&b->a);
    vec_init(&b->ws, sizeof(S_bw));
    enum { NC = 8 };   /* lock keys, types, pairs, windows' lo and hi, source votes, doc ids, shared */
    buf cols[NC];
    for (int k = 0; k < NC; k++) {
        buf_init(&cols[k]);
        buf_putc(&cols[k], '{');
    }
    if (!b->reps || !b->drows || !b->evids || !b->m) rc = SITREP_ENOMEM;
    if (!rc && S_batch_reports(b->docs, b->res, n, b->reps, cols, &cols[5]) < 0) rc = SITREP_ENOMEM;
    for (int d = 0; d < n; d++)
        if (S_arr_add(&cols[6], b->docs[d]->id)) rc = SITREP_ENOMEM;
    for (int k = 1; k < NC; k++)
        if (buf_putc(&cols[k], '}')) rc = SITREP_ENOMEM;
    for (int k = 0; k < NC; k++)
        if (!cols[k].s) rc = SITREP_ENOMEM;
    int have_cands = !rc && cols[1].len > 2;
    int tsave = -1, tcand = -1, tids = -1, tnext = -1;
    S_par p;
    if (!rc && next) {
        /* before the locks: a worker that waits for them until another
         * commits would otherwise claim, the moment it commits, the rows
         * that other one claimed for its next batch, before it locks them
         * again.  The batch's own rows are not claimed again. */
        buf ex;
        S_ids_lit(&ex, &s->claimed);
        S_pinit(&p);
        S_int(&p, next->n);
        S_txt(&p, ex.s);
        rc = tnext = ex.s ? S_pgkeep(s, Q_CLAIM_NEXT, &p) : SITREP_ENOMEM;
        buf_free(&ex);
    }
    if (rc >= 0 && have_cands) rc = S_do_array(s, Q_LOCK_PAIRS, &cols[0]);
    if (rc >= 0) {
        S_pinit(&p);
        rc = tsave = S_pgkeep(s, Q_PGB_SAVE, &p);
    }
    if (rc >= 0 && have_cands) {
        S_pinit(&p);
        for (int k = 1; k < 6; k++) S_txt(&p, cols[k].s);
        S_txt(&p, cols[7].s);
        rc = tcand = S_pgkeep(s, Q_PGB_CANDS, &p);
    }
    if (rc >= 0) {
        S_pinit(&p);
        S_int(&p, n);
        S_int(&p, nrep);
        S_txt(&p, cols[6].s);
        rc = tids = S_pgkeep(s, Q_PGB_IDS, &p);
    }
    if (rc >= 0) rc = store_pg_flush(s->pg);
    store_pg_result *sp = tsave >= 0 ? store_pg_take(s->pg, tsave) : NULL;
    b->saved = sp != NULL;
    if (sp) store_pg_clear(sp);
    S_cur c;
    if (!rc && next) {   /* the next batch, claimed in this transaction */
        next->got = 0;
        s->next_claimed.len = 0;
        if (!(rc = S_open_kept(s, tnext, &c))) {
            rc = S_read_claim(&c, next->n, next->a, next->docs, next->stored, &next->got, &s->next_claimed);
            S_close(&c);
        }
    }
    if (!rc && !(rc = S_open_kept(s, tids, &c))) {
        if ((rc = S_next(&c)) == 1) {
            const char *have = S_cstr(&c, 0);
            if (have && *have == 't') rc = 1;   /* stored already: one at a time */
            else if (S_arr_ids(S_cstr(&c, 1), b->drows, n) != n || S_arr_ids(S_cstr(&c, 2), b->evids, nrep) != nrep)
                rc = S_rfail(s, "the sequences gave too few ids", 0);
            else
                rc = 0;
        } else if (!rc) {
            rc = S_rfail(s, "the sequences gave no ids", 0);
        }
        S_close(&c);
    }
    if (!rc && have_cands && !(rc = S_open_kept(s, tcand, &c))) {
        rc = S_read_cands(&c, &b->ws, &b->a);
        S_close(&c);
    }
    /* the merges, one document after the other */
    for (int j = 0; !rc && j < nrep; j++) {
        b->reps[j].v.doc = b->drows[b->reps[j].d];
        b->reps[j].evid = b->evids[j];
    }
    if (!rc) rc = S_batch_merge(&b->ws, b->reps, nrep, &b->a, b->m);
    /* 2: the ids of the new world events, in the order of their creation,
     * and the votes of those joined whose votes were not read, for their
     * summaries */
    int nnew = 0, nfetched = 0;
    vec unread;
    vec_init(&unread, sizeof(long long));
    for (size_t k = 0; !rc && k < b->ws.len; k++) {
        const S_bw *w = &VEC_AT(&b->ws, S_bw, k);
        nnew += w->created;
        nfetched += !w->created;
        long long *id = w->joined && !w->loaded ? vec_push(&unread) : NULL;
        if (id) *id = w->id;
        else if (w->joined && !w->loaded) rc = SITREP_ENOMEM;
    }
    if (!rc && (nnew || unread.len)) {
        long long *wids = calloc((size_t)nnew + 1, sizeof *wids);
        int t = -1, tv = -1;
        if (!wids) rc = SITREP_ENOMEM;
        if (!rc && nnew) {
            S_pinit(&p);
            S_int(&p, nnew);
            rc = t = S_pgkeep(s, Q_PGB_WIDS, &p);
        }
        if (rc >= 0 && unread.len) rc = tv = S_ids_param(s, Q_PGB_VOTESOF, &unread, 1);
        if (rc >= 0) rc = store_pg_flush(s->pg);
        if (!rc && nnew && !(rc = S_open_kept(s, t, &c))) {
            rc = S_next(&c) == 1 && S_arr_ids(S_cstr(&c, 0), wids, nnew) == nnew
                     ? 0
                     : S_rfail(s, "the sequences gave too few ids", 0);
            S_close(&c);
        }
        if (!rc && unread.len && !(rc = S_open_kept(s, tv, &c))) {
            while ((rc = S_next(&c)) == 1) {   /* the fetched world events are in id order */
                long long id = S_cll(&c, 0);
                size_t lo = 0, hi = (size_t)nfetched;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (VEC_AT(&b->ws, S_bw, mid).id < id) lo = mid + 1;
                    else hi = mid;
                }
                S_bvote *v = lo < (size_t)nfetched && VEC_AT(&b->ws, S_bw, lo).id == id
                                 ? S_bw_vote(&VEC_AT(&b->ws, S_bw, lo), &b->a, S_cint(&c, 1), S_cstr(&c, 2))
                                 : NULL;
                if (!v) {
                    rc = S_rfail(s, "a vote of an unknown world event", 0);
                    break;
                }
                v->n0 = S_cint(&c, 3);
            }
            S_close(&c);
        }
        for (size_t k = 0, w = 0; !rc && k < b->ws.len; k++)
            if (VEC_AT(&b->ws, S_bw, k).created) VEC_AT(&b->ws, S_bw, k).id = wids[w++];
        free(wids);
    }
    vec_free(&unread);
    if (rc == 1) {   /* nothing written: the savepoint goes */
        S_pinit(&p);
        if (S_do(s, Q_PGB_RELEASE, &p)) rc = SITREP_EDB;
        else b->saved = 0;
    }
    store_pg_drop_kept(s->pg);
    for (int k = 0; k < NC; k++) buf_free(&cols[k]);
    return rc;
}

/* Step 3 of a batch b: every row, one statement per table, and the
 * savepoint's release, sent without waiting.  0 or a negative code. */
static int S_bat_rows(store *s, S_bat *b)
{
    S_par p;
    S_cols dc, sc, mc, ec, wc, gc, lc, nvc, vc;
    S_cols_init(&dc, 14);
    S_cols_init(&sc, 5);
    S_cols_init(&mc, 10);
    S_cols_init(&ec, 35);
    for (int d = 0; d < b->n; d++) {
        char date[11];
        const sr_doc *doc = b->docs[d];
        const char *source = doc->source && *doc->source ? doc->source : NULL;
        S_doc_params(&p, doc, b->hashes[d], b->res[d], source, date);
        S_int(&p, b->drows[d]);
        S_cols_row(&dc, &p);
        S_rows_cols(&sc, &mc, b->drows[d], doc, b->res[d]);
    }
    for (int j = 0; j < b->nrep; j++) {
        char kind[2];
        const S_brep *q = &b->reps[j];
        S_event_params(&p, b->drows[q->d], b->docs[q->d], b->res[q->d], q->i, kind);
        S_int(&p, q->evid);
        S_cols_row(&ec, &p);
    }
    S_cols_init(&wc, 30);
    S_cols_init(&gc, 25);
    S_cols_init(&lc, 2);
    S_cols_init(&nvc, 4);
    S_cols_init(&vc, 4);
    int rc = S_world_cols(&b->ws, b->reps, b->nrep, &wc, &gc, &lc, &nvc, &vc);
    static const int ids[9] = {Q_PGB_DOCS, Q_PGB_SENTS, Q_PGB_MENTIONS, Q_PGB_EVENTS, Q_PGB_WORLDS,
                               Q_PGB_GROW, Q_PGB_LINKS, Q_PGB_NEWVOTES, Q_PGB_VOTES};
    S_cols *cs[9] = {&dc, &sc, &mc, &ec, &wc, &gc, &lc, &nvc, &vc};
    for (int k = 0; k < 9; k++) {
        if (rc) S_cols_free(cs[k]);
        else rc = S_cols_send(s, ids[k], cs[k]);
    }
    if (!rc) {
        S_pinit(&p);
        rc = S_do(s, Q_PGB_RELEASE, &p);
    }
    return rc;
}

/* After a failure in a batch whose savepoint holds: back to before the
 * batch, the message kept.  0 when the transaction goes on. */
static int S_bat_undo(store *s, S_bat *b)
{
    if (!b->saved) return SITREP_EDB;
    char keep[sizeof s->err];
    snprintf(keep, sizeof keep, "%s", store_errmsg(s));
    int rc = S_xexec(s, "ROLLBACK TO SAVEPOINT batch; RELEASE batch");
    b->saved = 0;
    S_rfail(s, keep, 0);
    return rc;
}

/* The documents one at a time (store_add_doc, which names the one that
 * fails): rcs[i] for i < *done; stops at the first SITREP_EDB. */
static int S_one_by_one(store *s, const sr_doc *const *docs, const char *const *hashes,
                        const pipeline_result *const *res, int n, int *rcs, int *done)
{
    for (int i = 0; i < n; i++) {
        rcs[i] = store_add_doc(s, docs[i], hashes[i], res[i]);
        *done = i + 1;
        if (rcs[i] == SITREP_EDB) return rcs[i];
    }
    return 0;
}

/* 1 when two of the n documents have one id. */
static int S_dup_ids(const sr_doc *const *docs, int n)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (!strcmp(docs[i]->id, docs[j]->id)) return 1;
    return 0;
}

int store_add_docs(store *s, const sr_doc *const *docs, const char *const *hashes,
                   const pipeline_result *const *res, int n, int *rcs, int *done)
{
    *done = 0;
    S_bat b = {.docs = docs, .hashes = hashes, .res = res, .n = n};
    int rc = 0;
    if (s->pg && n > 0 && S_dup_ids(docs, n)) {
        if ((rc = S_lock_pairs(s, NULL, res, n))) return rc;
    } else if (s->pg && n > 0) {
        if ((rc = S_begin(s))) return rc;
        rc = S_bat_plan(s, &b, NULL);
        if (!rc) rc = S_bat_rows(s, &b);
        if (!rc) rc = store_pg_flush(s->pg);
        if (rc < 0 && S_bat_undo(s, &b)) {   /* the transaction has failed */
            S_bat_free(&b);
            return rc;
        }
        S_bat_free(&b);
        if (!rc) {
            for (int i = 0; i < n; i++) rcs[i] = 0;
            *done = n;
            s->nbatch += n;
            if (s->nbatch >= s->batch && !s->claimed.len) return store_commit(s);
            return 0;
        }
        /* stored already, or a statement failed: one at a time, which
         * names the document that fails */
    }
    return S_one_by_one(s, docs, hashes, res, n, rcs, done);
}

/* The end of a pipelined batch: the done-marks, the commit, a new
 * transaction and in it the next batch's queue rows locked again (they
 * were claimed in the one committed). */
static int S_bat_tail(store *s, int *tcommit, int *trelock)
{
    S_par p;
    S_pinit(&p);
    int rc = s->claimed.len ? S_ids_param(s, Q_DONE, &s->claimed, 0) : 0;
    if (!rc) rc = *tcommit = S_pgkeep(s, Q_COMMIT, &p);
    if (rc >= 0) rc = S_do(s, Q_BEGIN, &p);
    if (!rc) rc = *trelock = S_ids_param(s, Q_RELOCK, &s->next_claimed, 1);
    return rc < 0 ? rc : 0;
}

/* The state of a pipelined batch between store_add_docs_send and
 * store_add_docs_wait. */
struct store_pipe {
    S_bat b;
    int fast;              /* stored at once (S_bat_rows), else one at a time */
    int tcommit, trelock;
};

static void S_pipe_free(struct store_pipe *pp)
{
    S_bat_free(&pp->b);
    free(pp);
}

int store_add_docs_send(store *s, const sr_doc *const *docs, const char *const *hashes,
                        const pipeline_result *const *res, int n, int *rcs, int *done, store_next *next)
{
    *done = 0;
    if (!s->pg) return S_needs_pg(s, "the work queue");
    if (!s->pipe && !(s->pipe = calloc(1, sizeof *s->pipe))) return S_rfail(s, "out of memory", 0);
    struct store_pipe *pp = s->pipe;
    S_bat_free(&pp->b);
    pp->b = (S_bat){.docs = docs, .hashes = hashes, .res = res, .n = n};
    pp->fast = 0;
    pp->tcommit = pp->trelock = -1;
    if (next) next->got = 0;
    int rc = S_begin(s);
    if (rc) return rc;
    if (n > 0 && !S_dup_ids(docs, n)) {
        rc = S_bat_plan(s, &pp->b, next);
        if (!rc) rc = S_bat_rows(s, &pp->b);
        if (!rc) pp->fast = 1;
        else if (rc < 0 && S_bat_undo(s, &pp->b)) return rc;   /* the transaction has failed */
    } else {
        rc = 1;
    }
    if (!pp->fast) {   /* one at a time, each waited for */
        if (n > 0 && (rc = S_lock_pairs(s, NULL, res, n))) return rc;
        if (!next) s->next_claimed.len = 0;
        else if (next->got == 0 || rc < 0) {   /* the claim did not run */
            S_par p;
            S_pinit(&p);
            S_cur c;
            next->got = 0;
            s->next_claimed.len = 0;
            buf ex;
            S_ids_lit(&ex, &s->claimed);
            S_int(&p, next->n);
            S_txt(&p, ex.s);
            rc = ex.s ? S_open_id(s, Q_CLAIM_NEXT, &p, &c) : S_rfail(s, "out of memory", 0);
            if (!rc) rc = S_read_claim(&c, next->n, next->a, next->docs, next->stored, &next->got, &s->next_claimed);
            if (ex.s) S_close(&c);
            buf_free(&ex);
            if (rc) return rc;
        }
        if ((rc = S_one_by_one(s, docs, hashes, res, n, rcs, done))) return rc;
    }
    rc = S_bat_tail(s, &pp->tcommit, &pp->trelock);
    if (!rc) rc = store_pg_sync(s->pg);
    return rc;
}

int store_add_docs_wait(store *s, int *rcs, int *done, store_next *next)
{
    struct store_pipe *pp = s->pipe;
    int rc = store_pg_flush(s->pg), n = pp->b.n;
    store_pg_result *com = store_pg_take(s->pg, pp->tcommit);
    S_cur c;
    S_cinit(s, &c);
    c.res = store_pg_take(s->pg, pp->trelock);
    store_pg_drop_kept(s->pg);
    if (com) store_pg_clear(com);
    if (rc && !com && pp->fast && pp->b.saved) {
        /* a statement of the batch failed: back to before it, then one at
         * a time, which names the document that fails */
        S_close(&c);
        if ((rc = S_bat_undo(s, &pp->b))) return rc;
        const S_bat *pb = &pp->b;
        if ((rc = S_one_by_one(s, pb->docs, pb->hashes, pb->res, n, rcs, done))) return rc;
        int tcommit = -1, trelock = -1;
        rc = S_bat_tail(s, &tcommit, &trelock);
        if (!rc) rc = store_pg_flush(s->pg);
        com = store_pg_take(s->pg, tcommit);
        c.res = store_pg_take(s->pg, trelock);
        store_pg_drop_kept(s->pg);
        if (com) store_pg_clear(com);
    } else if (!rc || com) {
        if (pp->fast)
            for (int i = 0; i < n; i++) rcs[i] = 0;
        *done = n;
    }
    if (!com) {   /* the transaction has failed */
        S_close(&c);
        return rc ? rc : S_rfail(s, "the commit gave no result", 0);
    }
    /* committed: the batch is done; which of the next are still ours */
    s->in_tx = 1;
    s->nbatch = 0;
    s->claimed.len = 0;
    for (int i = 0; next && i < next->got; i++) next->held[i] = 0;
    if (rc || !c.res) {   /* the new transaction failed: the next batch is lost */
        S_close(&c);
        s->next_claimed.len = 0;
        S_xexec(s, "ROLLBACK");
        s->in_tx = 0;
        return 0;
    }
    c.nrows = store_pg_nrows(c.res);
    while (S_next(&c) == 1) {
        long long id = S_cll(&c, 0);
        for (size_t i = 0; next && i < s->next_claimed.len && (int)i < next->got; i++)
            if (VEC_AT(&s->next_claimed, long long, i) == id) {
                next->held[i] = 1;
                S_copy(next->stored[i], sizeof next->stored[i], S_cstr(&c, 1));
                long long *keep = vec_push(&s->claimed);
                if (!keep) {
                    S_close(&c);
                    return S_rfail(s, "out of memory", 0);
                }
                *keep = id;
            }
    }
    S_close(&c);
    s->next_claimed.len = 0;
    return 0;
}

/* ---- the work queue (PostgreSQL only) --------------------------------------- */

int store_enqueue(store *s, const sr_doc *doc)
{
    if (!s->pg) return S_needs_pg(s, "the work queue");
    int rc = S_begin(s);
    if (rc) return rc;
    S_par p;
    S_pinit(&p);
    S_txt(&p, doc->id);
    S_txt(&p, doc->date);
    S_day(&p, doc->day);
    S_int(&p, (int)doc->date_origin);
    S_txt(&p, doc->source);
    S_txt(&p, doc->url);
    S_txt(&p, doc->title);
    S_txtn(&p, doc->text, doc->text_len);
    S_txt(&p, doc->file);
    S_int(&p, doc->line);
    if ((rc = S_do(s, Q_ENQUEUE, &p))) return rc;
    if (++s->nbatch >= s->batch) return store_commit(s);
    return 0;
}

int store_claim(store *s, int n, arena *a, sr_doc *docs, char (*stored)[17], int *ndocs)
{
    *ndocs = 0;
    if (!s->pg) return S_needs_pg(s, "the work queue");
    int rc;
    if ((rc = store_commit(s)) || (rc = S_begin(s))) return rc;
    s->claimed.len = 0;
    S_par p;
    S_pinit(&p);
    S_int(&p, n);
    S_cur c;
    rc = S_open_id(s, Q_CLAIM, &p, &c);
    if (!rc) rc = S_read_claim(&c, n, a, docs, stored, ndocs, &s->claimed);
    S_close(&c);
    return rc;
}

/* store_lock_pairs of res[0..n), or of *resp[0..n) when resp is not NULL. */
static int S_lock_pairs(store *s, const pipeline_result *res, const pipeline_result *const *resp, int n)
{
    if (!s->pg) return 0;   /* SQLite: one writer at a time */
    int rc = S_begin(s);
    if (rc) return rc;
    /* the lock keys of S_assign as a text[] literal; the server takes them
     * in one order, so that workers cannot deadlock on them */
    buf arr;
    buf_init(&arr);
    buf_putc(&arr, '{');
    for (int d = 0; d < n; d++)
        for (int i = 0; i < (resp ? resp[d] : &res[d])->nevents; i++) {
            const sr_event *e = &(resp ? resp[d] : &res[d])->events[i];
            if (e->modality == MOD_HYPOTHETICAL) continue;
            const char *sk = e->source ? e->source->key : NULL, *tk = e->target ? e->target->key : NULL;
            char pair[64], key[96];
            S_pair(e->type, sk && *sk ? sk : NULL, tk && *tk ? tk : NULL, pair, key);
            buf_puts(&arr, arr.len > 1 ? ",\"" : "\"");
            for (const char *c = key; *c; c++) {
                if (*c == '"' || *c == '\\') buf_putc(&arr, '\\');
                buf_putc(&arr, *c);
            }
            buf_putc(&arr, '"');
        }
    return S_do_array(s, Q_LOCK_PAIRS, &arr);
}

int store_lock_pairs(store *s, const pipeline_result *res, int n)
{
    return S_lock_pairs(s, res, NULL, n);
}

/* ---- reading ----------------------------------------------------------------- */

/* The read queries below are built once, with the dialect's few
 * differences (placeholders, ILIKE, strpos, COLLATE "C", full-text
 * search), and run through S_open on either backend; rows are read
 * through the S_c* accessors.  Text is ordered bytewise on both (COLLATE
 * "C" on PostgreSQL), NULLs explicitly, so both give the same rows in the
 * same order. */

/* A read query: its SQL and parameters as they are built, then its rows
 * (S_qopen, then S_next(&q->c) and the S_c* accessors; S_qfree). */
typedef struct {
    store *s;
    buf sql;
    S_par p;
    S_cur c;
} S_query;

static void S_qinit(S_query *q, store *s)
{
    q->s = s;
    buf_init(&q->sql);
    S_pinit(&q->p);
    S_cinit(s, &q->c);
}

static int S_qopen(S_query *q)
{
    return S_open(q->s, q->sql.s, &q->p, &q->c);
}

static void S_qfree(S_query *q)
{
    S_close(&q->c);
    S_par_free(&q->p);
    buf_free(&q->sql);
}

/* Appends the placeholder of parameter k. */
static void S_pref(S_query *q, int k)
{
    if (!q->s->pg) buf_printf(&q->sql, "?%d", k);
    else buf_printf(&q->sql, k > 0 && q->p.a[k - 1].kind == 'i' ? "$%d::bigint" : "$%d", k);
}

static void S_ptext(S_query *q, const char *v)
{
    S_pref(q, S_txt(&q->p, v));
}

static void S_pint(S_query *q, long long v)
{
    S_pref(q, S_int(&q->p, v));
}

/* Bytewise text order on both backends. */
static const char *S_coll(const store *s)
{
    return s->pg ? " COLLATE \"C\"" : "";
}

/* " LIKE <k>": SQLite's LIKE folds ASCII case only, as ILIKE does under
 * the "C" collation. */
static void S_plike(S_query *q, int k)
{
    if (q->s->pg) buf_printf(&q->sql, " ILIKE $%d COLLATE \"C\"", k);
    else buf_printf(&q->sql, " LIKE ?%d ESCAPE '\\'", k);
}

/* " LIMIT n" when n > 0, then " OFFSET m" when m > 0. */
static void S_limit(S_query *q, int n, int m)
{
    if (n > 0) {
        buf_puts(&q->sql, " LIMIT ");
        S_pint(q, n);
    } else if (m > 0) {
        buf_puts(&q->sql, q->s->pg ? " LIMIT ALL" : " LIMIT -1");
    }
    if (m > 0) {
        buf_puts(&q->sql, " OFFSET ");
        S_pint(q, m);
    }
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

/* ,"key":v (null when NULL). */
static void S_kstr(buf *b, const char *key, const char *v)
{
    buf_printf(b, ",\"%s\":", key);
    json_put_str(b, v);
}

/* The start of an actor or place object, up to its name: null (then 0)
 * when there is none, else {"text":...,"name":... ("text" only with
 * with_text). */
static int S_put_named(buf *b, int present, int with_text, const char *text, const char *name)
{
    if (!present) {
        buf_puts(b, "null");
        return 0;
    }
    buf_putc(b, '{');
    if (with_text) {
        buf_puts(b, "\"text\":");
        json_put_str(b, text);
        buf_putc(b, ',');
    }
    buf_puts(b, "\"name\":");
    json_put_str(b, name);
    return 1;
}

static void S_put_actor(buf *b, const store_actor *a, int with_text)
{
    if (!S_put_named(b, a->key || a->name, with_text, a->text, a->name)) return;
    S_kstr(b, "key", a->key);
    S_kstr(b, "code", a->code);
    buf_putc(b, '}');
}

static void S_put_place(buf *b, const store_place *p, int with_text)
{
    if (!S_put_named(b, p->name != NULL, with_text, p->text, p->name)) return;
    S_kstr(b, "country", p->country);
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
    S_kstr(b, "date_precision", e->day >= 0 ? e->prec : NULL);
    S_kstr(b, "date_text", e->date_text);
    S_kstr(b, "trigger", e->trigger);
    buf_puts(b, ",\"confidence\":");
    json_put_num(b, e->confidence, 2);
    S_kstr(b, "evidence", e->evidence);
    buf_printf(b, ",\"world_event\":%lld}", e->world);
    return 0;
}

int store_world_json(buf *b, const store_world *w, const store_event *reports, int nreports)
{
    buf_printf(b, "{\"world_event\":%lld", w->id);
    S_kstr(b, "type", w->type);
    S_kstr(b, "mode", w->mode);
    S_kstr(b, "cameo", w->cameo);
    buf_printf(b, ",\"quad\":%d,\"goldstein\":", w->quad);
    json_put_num(b, w->goldstein, 1);
    buf_puts(b, ",\"source\":");
    S_put_actor(b, &w->src, 0);
    buf_puts(b, ",\"target\":");
    S_put_actor(b, &w->tgt, 0);
    S_kstr(b, "modality", w->modality);
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
    S_kstr(b, "date_precision", w->prec);
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
    S_par p;
    S_pinit(&p);
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
        sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
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
static void S_where(S_query *q, const store_filter *f, int default_mod)
{
    store *s = q->s;
    buf *b = &q->sql;
    if (f->type) {
        buf_puts(b, " AND w.type = ");
        S_ptext(q, f->type);
    }
    if (f->key) {
        int k = S_txt(&q->p, f->key);
        buf_puts(b, " AND (w.src_key = ");
        S_pref(q, k);
        buf_puts(b, " OR w.tgt_key = ");
        S_pref(q, k);
        buf_putc(b, ')');
    }
    if (f->actor) {
        int k = S_txt(&q->p, S_own(&q->p, S_like(f->actor)));
        static const char *const wcols[] = {"w.src_name", "w.tgt_name", "w.src_key", "w.tgt_key"};
        static const char *const ecols[] = {"e2.src_name", "e2.tgt_name", "e2.src_text", "e2.tgt_text"};
        buf_puts(b, " AND (");
        for (int i = 0; i < (f->actor_keys ? 4 : 2); i++) {
            buf_puts(b, i ? " OR " : "");
            buf_puts(b, wcols[i]);
            S_plike(q, k);
        }
        buf_puts(b, " OR EXISTS (SELECT 1 FROM event_world ew2 JOIN events e2 ON e2.id = ew2.event"
                    " WHERE ew2.world = w.id AND (");
        for (int i = 0; i < 4; i++) {
            buf_puts(b, i ? " OR " : "");
            buf_puts(b, ecols[i]);
            S_plike(q, k);
        }
        buf_puts(b, ")))");
    }
    if (f->since >= 0) {
        buf_puts(b, " AND " S_DATE " >= ");
        S_pint(q, f->since);
    }
    if (f->until >= 0) {
        buf_puts(b, " AND " S_DATE " <= ");
        S_pint(q, f->until);
    }
    if (f->modality) {
        buf_puts(b, s->pg ? " AND strpos(',' || w.modalities || ',', ',' || " : " AND instr(',' || w.modalities || ',', ',' || ");
        S_ptext(q, f->modality);
        buf_puts(b, " || ',') > 0");
    } else if (f->real || (default_mod && !f->all_modalities)) {
        buf_puts(b, " AND w.modality NOT IN ('hypothetical', 'negated')");
    }
    if (f->min_sources > 0) {
        buf_puts(b, " AND w.num_sources >= ");
        S_pint(q, f->min_sources);
    }
    if (f->text) {
        const char *fts = S_own(&q->p, s->pg ? S_websearch(f->text) : S_fts_query(s, f->text));
        buf_puts(b, " AND w.id IN (SELECT ew3.world FROM event_world ew3 JOIN events e3 ON"
                    " e3.id = ew3.event WHERE e3.doc IN (");
        buf_puts(b, s->pg ? "SELECT id FROM documents WHERE fts @@ websearch_to_tsquery('simple', "
                          : "SELECT rowid FROM docs_fts WHERE docs_fts MATCH (");
        S_ptext(q, fts);
        buf_puts(b, ")))");
    }
}

/* World events matching f, or the one with id world (>= 0), with their
 * reports. */
static int S_events(store *s, const store_filter *f, long long world, store_world_fn fn, void *ctx)
{
    S_query q, rq;
    S_qinit(&q, s);
    S_qinit(&rq, s);
    buf_puts(&q.sql, "SELECT " S_WCOLS " FROM world_events w WHERE 1 = 1");
    if (world >= 0) {
        buf_puts(&q.sql, " AND w.id = ");
        S_pint(&q, world);
    } else {
        S_where(&q, f, 0);
    }
    buf_printf(&q.sql, " ORDER BY " S_DATE " NULLS %s, w.id", f->undated_last ? "LAST" : "FIRST");
    if (world < 0) S_limit(&q, f->limit, f->offset);
    buf_puts(&rq.sql, "SELECT " S_EVCOLS " WHERE ew.world = ");
    S_pint(&rq, 0);   /* each world event's id in turn */
    buf_puts(&rq.sql, " ORDER BY d.day NULLS FIRST, e.doc, e.ord");
    S_limit(&rq, f->max_reports, 0);
    int ret = S_qopen(&q);
    vec reps;
    vec_init(&reps, sizeof(store_event));
    while (!ret && (ret = S_next(&q.c)) == 1) {
        store_world w;
        S_read_world(&q.c, &w);
        rq.p.a[0].i = w.id;
        reps.len = 0;
        /* each report's strings stay valid only until the next step, so
         * the reports are copied into an arena per world event */
        arena a;
        arena_init(&a);
        ret = S_qopen(&rq);
        while (!ret && (ret = S_next(&rq.c)) == 1) {
            ret = 0;
            store_event *e = vec_push(&reps);
            if (!e) {
                ret = SITREP_ENOMEM;
                break;
            }
            S_read_event(&rq.c, e);
            const char **strs[] = {&e->doc, &e->doc_source, &e->doc_url, &e->type, &e->mode, &e->cameo,
                                   &e->modality, &e->src.text, &e->src.name, &e->src.key, &e->src.code,
                                   &e->tgt.text, &e->tgt.name, &e->tgt.key, &e->tgt.code, &e->loc.name,
                                   &e->loc.country, &e->loc.text, &e->prec, &e->date_text, &e->trigger,
                                   &e->evidence, &e->doc_title, &e->doc_date};
            for (size_t k = 0; k < sizeof strs / sizeof *strs; k++)
                if (*strs[k] && !(*strs[k] = arena_strdup(&a, *strs[k]))) ret = SITREP_ENOMEM;
        }
        S_close(&rq.c);
        if (!ret) ret = fn(ctx, &w, (store_event *)reps.data, (int)reps.len);
        arena_free(&a);
    }
    vec_free(&reps);
    S_qfree(&q);
    S_qfree(&rq);
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
    S_query q;
    S_qinit(&q, s);
    buf_puts(&q.sql, "SELECT count(*) FROM world_events w WHERE 1 = 1");
    S_where(&q, f, 0);
    int ret = S_qopen(&q);
    *n = 0;
    if (!ret && (ret = S_next(&q.c)) == 1) {
        *n = S_cll(&q.c, 0);
        ret = 0;
    }
    S_qfree(&q);
    return ret;
}

int store_dates(store *s, long *first, long *last)
{
    S_par p;
    S_pinit(&p);
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
    S_par p;
    S_pinit(&p);
    S_txt(&p, id);
    S_cur c;
    int ret = S_open_id(s, Q_DOCUMENT, &p, &c);
    if (!ret && (ret = S_next(&c)) == 1) {
        store_doc d = {S_cstr(&c, 0), S_cstr(&c, 1), S_cstr(&c, 2), S_cstr(&c, 3), S_cstr(&c, 4),
                       S_cstr(&c, 5), 0};
        d.len = d.text ? S_clen(&c, 5) : 0;
        ret = fn(ctx, &d);
    }
    S_close(&c);
    return ret;
}

int store_tally(store *s, int by, int limit, store_tally_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    const char *co = S_coll(s);
    if (by == STORE_BY_TYPE)
        buf_printf(&q.sql, "SELECT type, count(*) FROM world_events GROUP BY type ORDER BY type%s", co);
    else if (by == STORE_BY_MODALITY)
        buf_printf(&q.sql, "SELECT modality, count(*) FROM world_events GROUP BY modality"
                         " ORDER BY count(*) DESC, modality%s NULLS FIRST", co);
    else
        buf_printf(&q.sql, "SELECT source, count(*) FROM documents WHERE source IS NOT NULL GROUP BY source"
                         " ORDER BY count(*) DESC, source%s", co);
    S_limit(&q, limit, 0);
    int ret = S_qopen(&q);
    while (!ret && (ret = S_next(&q.c)) == 1) ret = fn(ctx, S_cstr(&q.c, 0), NULL, S_cll(&q.c, 1));
    S_qfree(&q);
    return ret;
}

int store_actors(store *s, const store_filter *f, int limit, store_tally_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    const char *co = S_coll(s);
    buf_puts(&q.sql, "SELECT k, n, c, t FROM (SELECT k, n, count(*) AS c, sum(count(*)) OVER (PARTITION BY k)"
                   " AS t FROM (SELECT w.src_key AS k, w.src_name AS n FROM world_events w WHERE 1 = 1");
    S_where(&q, f, 1);
    buf_puts(&q.sql, " UNION ALL SELECT w.tgt_key, w.tgt_name FROM world_events w WHERE 1 = 1");
    S_where(&q, f, 1);
    buf_printf(&q.sql, ") x WHERE k IS NOT NULL GROUP BY k, n) y ORDER BY t DESC, k%s, (n IS NULL), c DESC, n%s",
               co, co);
    int ret = S_qopen(&q), nkeys = 0;
    char last[128] = "";
    while (!ret && (limit <= 0 || nkeys < limit) && (ret = S_next(&q.c)) == 1) {
        const char *k = S_cstr(&q.c, 0);
        ret = 0;
        if (nkeys && !strcmp(k, last)) continue;   /* the key's most frequent name came first */
        snprintf(last, sizeof last, "%s", k);
        nkeys++;
        ret = fn(ctx, k, S_cstr(&q.c, 1), S_cll(&q.c, 3));
    }
    S_qfree(&q);
    return ret;
}

int store_days(store *s, const store_filter *f, store_day_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    buf_puts(&q.sql, "SELECT " S_DATE ", w.quad, count(*) FROM world_events w WHERE 1 = 1");
    S_where(&q, f, 1);
    buf_puts(&q.sql, " GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2");
    int ret = S_qopen(&q), have = 0;
    long cur = -1;
    long long n[5] = {0};   /* all, then by QuadClass */
    for (;;) {
        int r = ret ? ret : S_next(&q.c);
        if (r < 0) {
            ret = r;
            break;
        }
        long d = r == 1 ? S_cday(&q.c, 0) : -2;
        if (have && d != cur) {
            if ((ret = fn(ctx, cur, n))) break;
            memset(n, 0, sizeof n);
            have = 0;
        }
        if (r != 1) break;
        cur = d;
        have = 1;
        int quad = S_cint(&q.c, 1);
        long long k = S_cll(&q.c, 2);
        n[0] += k;
        if (quad >= 1 && quad <= 4) n[quad] += k;
    }
    S_qfree(&q);
    return ret;
}

int store_edges(store *s, const store_filter *f, int pairs_only, store_edge_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    const char *co = S_coll(s);
    buf_puts(&q.sql, "SELECT coalesce(w.src_key, ''), coalesce(w.tgt_key, ''), count(*), sum(w.num_mentions),"
                   " avg(w.goldstein) FROM world_events w WHERE 1 = 1");
    if (pairs_only)
        buf_puts(&q.sql, " AND w.src_key IS NOT NULL AND w.tgt_key IS NOT NULL AND w.src_key <> w.tgt_key");
    S_where(&q, f, 1);
    buf_printf(&q.sql, " GROUP BY 1, 2 ORDER BY count(*) DESC, coalesce(w.src_key, '')%s,"
                     " coalesce(w.tgt_key, '')%s", co, co);
    S_limit(&q, f->limit, 0);
    int ret = S_qopen(&q);
    while (!ret && (ret = S_next(&q.c)) == 1) {
        store_edge e = {S_cstr(&q.c, 0), S_cstr(&q.c, 1), S_cll(&q.c, 2), S_cll(&q.c, 3), S_cdbl(&q.c, 4)};
        ret = fn(ctx, &e);
    }
    S_qfree(&q);
    return ret;
}

int store_places(store *s, const store_filter *f, store_spot_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    const char *co = S_coll(s);
    buf_puts(&q.sql, "SELECT w.loc_name, w.loc_country, w.lat, w.lon, count(*), avg(w.goldstein),"
                   " count(*) FILTER (WHERE w.quad = 1), count(*) FILTER (WHERE w.quad = 2),"
                   " count(*) FILTER (WHERE w.quad = 3), count(*) FILTER (WHERE w.quad = 4)"
                   " FROM world_events w WHERE w.lat IS NOT NULL AND w.lon IS NOT NULL");
    S_where(&q, f, 1);
    buf_printf(&q.sql, " GROUP BY w.loc_name, w.loc_country, w.lat, w.lon ORDER BY count(*) DESC,"
                     " w.loc_name%s NULLS FIRST, w.loc_country%s NULLS FIRST, w.lat, w.lon", co, co);
    S_limit(&q, f->limit, 0);
    int ret = S_qopen(&q);
    while (!ret && (ret = S_next(&q.c)) == 1) {
        store_spot sp = {S_cstr(&q.c, 0), S_cstr(&q.c, 1), S_cdbl(&q.c, 2), S_cdbl(&q.c, 3), S_cdbl(&q.c, 5),
                         S_cll(&q.c, 4), {S_cll(&q.c, 6), S_cll(&q.c, 7), S_cll(&q.c, 8), S_cll(&q.c, 9)}};
        ret = fn(ctx, &sp);
    }
    S_qfree(&q);
    return ret;
}

int store_search(store *s, const char *query, int limit, const char *open, const char *close, int words,
                 store_hit_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    if (s->pg) {
        /* ranking: ts_rank_cd (cover density), negated so that, as with
           FTS5's bm25, lower is better */
        char opts[160];
        snprintf(opts, sizeof opts, "StartSel=\"%s\", StopSel=\"%s\", MaxWords=%d, MinWords=%d,"
                                    " MaxFragments=1, FragmentDelimiter=\"...\"",
                 open, close, words > 2 ? words : 2, words > 2 ? words / 2 : 1);
        buf_puts(&q.sql, "SELECT d.doc_id, d.date, d.source, d.url, d.title, ts_headline('simple', d.text, q.q, ");
        S_ptext(&q, S_own(&q.p, strdup(opts)));
        buf_puts(&q.sql, "), -ts_rank_cd(d.fts, q.q) AS score FROM documents d,"
                       " websearch_to_tsquery('simple', ");
        S_ptext(&q, S_own(&q.p, S_websearch(query)));
        buf_puts(&q.sql, ") AS q(q) WHERE d.fts @@ q.q ORDER BY score, d.doc_id COLLATE \"C\"");
    } else {
        buf_puts(&q.sql, "SELECT d.doc_id, d.date, d.source, d.url, d.title, snippet(docs_fts, 1, ");
        S_ptext(&q, open);
        buf_puts(&q.sql, ", ");
        S_ptext(&q, close);
        buf_puts(&q.sql, ", '...', ");
        S_pint(&q, words);
        buf_puts(&q.sql, "), bm25(docs_fts) FROM docs_fts JOIN documents d ON d.id = docs_fts.rowid"
                       " WHERE docs_fts MATCH ");
        S_ptext(&q, S_own(&q.p, S_fts_query(s, query)));
        buf_puts(&q.sql, " ORDER BY bm25(docs_fts), d.doc_id");
    }
    S_limit(&q, limit, 0);
    int ret = S_qopen(&q);
    while (!ret && (ret = S_next(&q.c)) == 1) {
        store_hit h = {S_cstr(&q.c, 0), S_cstr(&q.c, 1), S_cstr(&q.c, 2), S_cstr(&q.c, 3), S_cstr(&q.c, 4),
                       S_cstr(&q.c, 5), S_cdbl(&q.c, 6)};
        ret = fn(ctx, &h);
    }
    S_qfree(&q);
    return ret;
}

/* ---- the command line's tables ------------------------------------------------ */

int store_timeline(store *s, const char *actor, const store_filter *f, store_row_fn fn, void *ctx)
{
    S_query q;
    S_qinit(&q, s);
    const char *co = S_coll(s);
    int who = S_txt(&q.p, actor), whol = S_txt(&q.p, S_own(&q.p, S_like(actor)));
    buf_puts(&q.sql, "SELECT " S_DATE ", w.quad, w.type, count(*) FROM world_events w WHERE " S_DATE
                   " IS NOT NULL AND (w.src_key = ");
    S_pref(&q, who);
    buf_puts(&q.sql, " OR w.tgt_key = ");
    S_pref(&q, who);
    buf_puts(&q.sql, " OR w.src_name");
    S_plike(&q, whol);
    buf_puts(&q.sql, " OR w.tgt_name");
    S_plike(&q, whol);
    buf_putc(&q.sql, ')');
    S_where(&q, f, 1);
    buf_printf(&q.sql, " GROUP BY 1, 2, 3 ORDER BY 1, w.type%s, w.quad NULLS FIRST", co);
    static const char *const names[] = {"date", "events", "verbal_coop", "material_coop",
                                        "verbal_conflict", "material_conflict", "types"};
    static const int numeric[] = {0, 1, 1, 1, 1, 1, 0};
    int ret = S_qopen(&q);
    long cur = -1;
    int tot = 0, byquad[5] = {0}, nrows = 0;
    buf types;
    buf_init(&types);
    for (;;) {
        int r = ret ? ret : S_next(&q.c);
        if (r < 0) {
            ret = r;
            break;
        }
        long d = r == 1 ? S_cday(&q.c, 0) : -2;
        if (cur >= 0 && d != cur) {
            char date[11], v[6][16];
            sitrep_format_day(cur, date);
            snprintf(v[0], sizeof v[0], "%d", tot);
            for (int i = 1; i <= 4; i++) snprintf(v[i], sizeof v[i], "%d", byquad[i]);
            const char *vals[7] = {date, v[0], v[1], v[2], v[3], v[4], types.s ? types.s : ""};
            if (f->limit <= 0 || nrows < f->limit) ret = fn(ctx, 7, names, vals, numeric);
            nrows++;
            tot = 0;
            memset(byquad, 0, sizeof byquad);
            buf_reset(&types);
            if (ret) break;
        }
        if (r != 1) break;
        cur = d;
        int quad = S_cint(&q.c, 1), n = S_cint(&q.c, 3);
        tot += n;
        if (quad >= 1 && quad <= 4) byquad[quad] += n;
        if (types.len) buf_putc(&types, ' ');
        buf_printf(&types, "%s:%d", S_cstr(&q.c, 2) ? S_cstr(&q.c, 2) : "?", n);
    }
    buf_free(&types);
    S_qfree(&q);
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
    S_par p;
    S_pinit(&p);
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

static int S_watch_table(store *s)
{
    if (s->watch_table) return 0;
    S_par p;
    S_pinit(&p);
    int ret = S_do(s, Q_WATCH_TABLE, &p);
    if (!ret && s->pg) ret = store_pg_flush(s->pg);   /* done before it is relied on */
    if (!ret) s->watch_table = 1;
    return ret;
}

int store_file_seen(store *s, const char *hash)
{
    int ret = S_watch_table(s);
    if (ret) return ret;
    S_par p;
    S_pinit(&p);
    S_txt(&p, hash);
    S_cur c;
    ret = S_open_id(s, Q_FILE_SEEN, &p, &c);
    if (!ret) ret = S_next(&c);
    S_close(&c);
    return ret;
}

int store_file_done(store *s, const char *hash, const char *path)
{
    int ret = S_watch_table(s);
    if (ret) return ret;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    S_par p;
    S_pinit(&p);
    S_txt(&p, hash);
    S_txt(&p, path);
    S_txt(&p, now);
    ret = S_do(s, Q_FILE_DONE, &p);
    if (!ret && s->pg) ret = store_pg_flush(s->pg);   /* recorded (committed outside a batch) now */
    return ret;
}
