/* store_pg.h -- the corpus store on PostgreSQL (libpq): the functions of
 * store.h for a `postgresql://` URL, which store.c dispatches to, plus the
 * work queue of `sitrep enqueue` and `sitrep worker`.
 * Same schema as store.c (PostgreSQL types; full-text search through a
 * GIN index on to_tsvector).  timeline, network and docs are not
 * implemented yet: they return SITREP_EDB with a message saying so.
 * The handle owns its connection; strings passed to callbacks are valid
 * only during the call.
 */
#ifndef SITREP_STORE_PG_H
#define SITREP_STORE_PG_H

#include "store.h"

typedef struct store_pg store_pg;

int store_pg_open(const char *url, int readonly, store_pg **out, char *err, size_t errlen);
int store_pg_close(store_pg *s);
const char *store_pg_errmsg(const store_pg *s);
void store_pg_set_batch(store_pg *s, int ndocs);
int store_pg_has_doc(store_pg *s, const char *id, const char *hash);
int store_pg_add_doc(store_pg *s, const sr_doc *doc, const char *hash, const pipeline_result *res);
int store_pg_commit(store_pg *s);
int store_pg_rollback(store_pg *s);
int store_pg_counts(store_pg *s, long long *docs, long long *events, long long *worlds);
int store_pg_events(store_pg *s, const store_filter *f, store_world_fn fn, void *ctx);
int store_pg_each_event(store_pg *s, store_event_fn fn, void *ctx);
int store_pg_timeline(store_pg *s, const char *actor, const store_filter *f, store_row_fn fn, void *ctx);
int store_pg_network(store_pg *s, const store_filter *f, store_row_fn fn, void *ctx);
int store_pg_docs(store_pg *s, const char *query, int limit, store_row_fn fn, void *ctx);

/* The queue: see store_enqueue and store_claim in store.h. */
int store_pg_enqueue(store_pg *s, const sr_doc *doc);
int store_pg_lock_pairs(store_pg *s, const pipeline_result *res, int n);
int store_pg_claim(store_pg *s, int n, arena *a, sr_doc *docs, int *ndocs);

#endif
