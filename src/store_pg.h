/* store_pg.h -- the corpus store's PostgreSQL driver (libpq): the
 * connection and its schema for a `postgresql://` URL, and the small
 * statement interface through which store.c runs all its statements on
 * PostgreSQL (store.c builds every statement, write and read, once for
 * both backends, and holds all the logic: ingest, merging, the work queue,
 * the queries).
 * Same schema as store.c (PostgreSQL types; the work queue table `queue`;
 * full-text search through documents.fts, a tsvector generated from
 * STORE_PG_FTS_DOC, with a GIN index; with PostGIS, a
 * geography(Point,4326) column `geog` on events and world_events,
 * generated from lat/lon).
 * The handle owns its connection and is used by one thread at a time.
 */
#ifndef SITREP_STORE_PG_H
#define SITREP_STORE_PG_H

#include <stddef.h>

/* The tsvector of a document (documents columns), stored in documents.fts. */
#define STORE_PG_FTS_DOC "to_tsvector('simple', coalesce(title, '') || ' ' || text)"

typedef struct store_pg store_pg;

/* Connects (and, unless readonly, creates or upgrades the schema).
 * Returns 0 and *out, or SITREP_EDB / SITREP_ENOMEM with a message in err. */
int store_pg_open(const char *url, int readonly, store_pg **out, char *err, size_t errlen);
/* Disconnects (an open transaction is rolled back by the server). */
void store_pg_close(store_pg *s);
const char *store_pg_errmsg(const store_pg *s);
/* A note from the open (no PostGIS), or NULL. */
const char *store_pg_notice(const store_pg *s);

/* Runs sql without parameters or wanted rows (BEGIN, SAVEPOINT, ...; may
 * hold several statements).  0 or SITREP_EDB. */
int store_pg_exec(store_pg *s, const char *sql);

/* The whole result of one statement. */
typedef struct store_pg_result store_pg_result;

/* Runs sql with n text parameters ($1..$n; NULL is SQL NULL), prepared
 * once per connection and SQL text.  Returns 0 and *out (free with
 * store_pg_clear), or SITREP_EDB with the message in store_pg_errmsg. */
int store_pg_query(store_pg *s, const char *sql, int n, const char *const *vals, store_pg_result **out);
/* Sends sql with n text parameters like store_pg_query, without waiting
 * for its answer (libpq pipeline mode): its rows are dropped and a failure
 * is reported by the next store_pg_flush, store_pg_query or store_pg_exec
 * (statements sent after a failed one up to there are not run).  plan:
 * the statement is not prepared but planned by the server for its values
 * at each run (for one whose best plan depends on them and on the tables'
 * sizes, which the generic plan of a prepared statement, made while the
 * tables were small, would not follow).  0 or SITREP_EDB. */
int store_pg_send(store_pg *s, const char *sql, int n, const char *const *vals, int plan);
/* store_pg_send, but the statement's result is kept: returns a ticket
 * (>= 0) for store_pg_take after the next store_pg_flush, or SITREP_EDB.
 * Several statements whose answers are wanted thus share one round trip. */
int store_pg_send_keep(store_pg *s, const char *sql, int n, const char *const *vals, int plan);
/* Waits for every statement sent and reports the first failure among
 * them.  0 or SITREP_EDB.  (store_pg_query with statements waiting in the
 * pipeline sends its own after them and waits once for all.) */
int store_pg_flush(store_pg *s);
/* Sends the statements waiting in the pipeline on their way (their sync
 * point) without waiting for their answers: the caller works meanwhile,
 * then store_pg_flush reads them.  0 or SITREP_EDB. */
int store_pg_sync(store_pg *s);
/* The kept result of ticket (the caller frees it with store_pg_clear), or
 * NULL when the statement failed, was skipped or was taken already. */
store_pg_result *store_pg_take(store_pg *s, int ticket);
/* Frees the kept results not taken and starts the tickets again at 0. */
void store_pg_drop_kept(store_pg *s);
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
