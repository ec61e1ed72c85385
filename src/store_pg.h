/* store_pg.h -- the corpus store on PostgreSQL (libpq): the writing
 * functions of store.h for a `postgresql://` URL, which store.c dispatches
 * to, the work queue of `sitrep enqueue` and `sitrep worker`, and a small
 * query interface through which store.c runs its read queries (the same
 * SQL builder serves both backends).
 * Same schema as store.c (PostgreSQL types; full-text search through
 * documents.fts, a tsvector generated from STORE_PG_FTS_DOC, with a GIN
 * index; with PostGIS, a geography(Point,4326) column `geog` on events and
 * world_events, generated from lat/lon).
 * The handle owns its connection; strings passed to callbacks are valid
 * only during the call.
 */
#ifndef SITREP_STORE_PG_H
#define SITREP_STORE_PG_H

#include "store.h"

/* The tsvector of a document (documents columns), stored in documents.fts. */
#define STORE_PG_FTS_DOC "to_tsvector('simple', coalesce(title, '') || ' ' || text)"

typedef struct store_pg store_pg;

int store_pg_open(const char *url, int readonly, store_pg **out, char *err, size_t errlen);
int store_pg_close(store_pg *s);
const char *store_pg_errmsg(const store_pg *s);
/* A note from the open (no PostGIS), or NULL. */
const char *store_pg_notice(const store_pg *s);
void store_pg_set_batch(store_pg *s, int ndocs);
int store_pg_has_doc(store_pg *s, const char *id, const char *hash);
int store_pg_add_doc(store_pg *s, const sr_doc *doc, const char *hash, const pipeline_result *res);
int store_pg_commit(store_pg *s);
int store_pg_rollback(store_pg *s);
int store_pg_counts(store_pg *s, long long *docs, long long *events, long long *worlds);

/* The queue: see store_enqueue and store_claim in store.h. */
int store_pg_enqueue(store_pg *s, const sr_doc *doc);
int store_pg_lock_pairs(store_pg *s, const pipeline_result *res, int n);
int store_pg_claim(store_pg *s, int n, arena *a, sr_doc *docs, int *ndocs);

/* ---- queries for store.c ----------------------------------------------------- */

/* The whole result of one statement. */
typedef struct store_pg_result store_pg_result;

/* Runs sql with n text parameters ($1..$n; NULL is SQL NULL), prepared
 * once per connection and SQL text.  Returns 0 and *out (free with
 * store_pg_clear), or SITREP_EDB with the message in store_pg_errmsg. */
int store_pg_query(store_pg *s, const char *sql, int n, const char *const *vals, store_pg_result **out);
int store_pg_nrows(const store_pg_result *r);
/* The value of a cell as text; NULL for SQL NULL. */
const char *store_pg_value(const store_pg_result *r, int row, int col);
size_t store_pg_length(const store_pg_result *r, int row, int col);
void store_pg_clear(store_pg_result *r);
/* Statements running over ms milliseconds are cancelled (0: no limit). */
int store_pg_set_timeout(store_pg *s, int ms);
/* 1 when the last failure was a cancelled statement (statement_timeout). */
int store_pg_timed_out(const store_pg *s);
/* Sets the message store_pg_errmsg returns (a failure found by store.c). */
void store_pg_set_error(store_pg *s, const char *msg);
/* A hash of the current snapshot: equal values, equal committed data. */
int store_pg_version(store_pg *s, unsigned long long *v);

#endif
