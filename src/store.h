/* store.h -- the corpus store: an SQLite database of documents, sentences,
 * actor mentions, events with provenance, and world events.
 *
 * In:  documents and their pipeline results (pipeline.h), one at a time.
 * Out: a WAL-mode database (schema in store.c) that `sitrep events`,
 *      `timeline`, `network`, `docs` and `export` read.  Ingest is
 *      idempotent (a document is identified by its id and a content hash),
 *      transactional per batch, and merges events across documents into
 *      world events (merge.h, "cross-document merging").
 * The store owns its sqlite3 handle; strings passed to callbacks are valid
 * only during the call.  Errors: SITREP_EDB with a message in store_errmsg.
 */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H

#include <stddef.h>

#include "arena.h"
#include "pipeline.h"
#include "read.h"

typedef struct store store;

/* 1 when path is a PostgreSQL URL (postgresql://... or postgres://...):
 * store_open then connects there (store_pg.h) instead of opening a file. */
int store_is_url(const char *path);

/* Opens the database at path (created with its schema when absent unless
 * readonly).  Returns 0 and *out (free with store_close), or SITREP_EDB /
 * SITREP_ENOMEM with a message in err. */
int store_open(const char *path, int readonly, store **out, char *err, size_t errlen);
/* Commits any open batch and closes.  Returns 0 or SITREP_EDB. */
int store_close(store *s);
/* The last error message (static buffer in the handle). */
const char *store_errmsg(const store *s);

/* Documents per transaction (default 200). */
void store_set_batch(store *s, int ndocs);

/* The content hash of a document: 64-bit FNV-1a over id, date, source,
 * url, title and text, as 16 hex digits in out. */
void store_doc_hash(const sr_doc *doc, char out[17]);

/* 1 when the document with this id and hash is already stored, 0 when it
 * is not (new, or stored with other content), or a negative code. */
int store_has_doc(store *s, const char *id, const char *hash);

/* Stores one coded document (replacing an older version with the same id:
 * its events leave their world events first) and merges its events into
 * world events.  A failure rolls back this document only.  Returns 0 or a
 * negative code. */
int store_add_doc(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res);

/* Commits the open batch (if any). */
int store_commit(store *s);

/* Counts for summaries. */
int store_counts(store *s, long long *docs, long long *events, long long *worlds);

/* ---- reading ------------------------------------------------------------ */

typedef struct {
    const char *text, *name, *key, *code;   /* key NULL: no actor */
    int start;                               /* byte offset of the mention, -1 */
} store_actor;

typedef struct {
    const char *name, *country;   /* name NULL: no place */
    char kind;                    /* 'C', 'A', 'P' or 0 */
    double lat, lon;
    const char *text;             /* as written (events only) */
} store_place;

/* One stored event (a report of a world event). */
typedef struct {
    long long id, world;
    const char *doc, *doc_source, *doc_url;
    long doc_day;                 /* publication day or -1 */
    long long doc_len;            /* bytes of text */
    int sent, start, end, lead;   /* lead: sentence in the first paragraph */
    const char *type, *mode, *cameo, *modality;
    int quad;
    double goldstein;
    store_actor src, tgt;
    store_place loc;
    long day;                     /* -1 when undated */
    const char *prec, *date_text, *trigger, *evidence;
    double confidence;
} store_event;

/* One world event: the merged view of its reports. */
typedef struct {
    long long id;
    const char *type, *mode, *cameo, *modality, *modalities;
    int quad, hypothetical;
    double goldstein;
    store_actor src, tgt;         /* text unused */
    store_place loc;
    long day;                     /* best-attested date or -1 */
    const char *prec;
    int num_mentions, num_articles, num_sources;
    long first_seen, last_seen;   /* publication days or -1 */
} store_world;

/* Filters of `sitrep events` (and the other queries where they apply).
 * Unused fields are NULL / -1 / 0. */
typedef struct {
    const char *actor;     /* substring of a source or target name */
    const char *key;       /* actor key on either side */
    const char *type, *modality;
    const char *text;      /* FTS5 query over the reports' documents */
    long since, until;     /* day numbers, -1 when unset */
    int min_sources;
    int limit;             /* 0: no limit */
} store_filter;

/* Renders e as the contract's event record (spec/EVENTS.md §2) plus
 * "world_event", one line without newline. */
int store_event_json(buf *b, const store_event *e);
/* Renders w as one JSON object; with reports, their records in "reports". */
int store_world_json(buf *b, const store_world *w, const store_event *reports, int nreports);

typedef int (*store_world_fn)(void *ctx, const store_world *w, const store_event *reports,
                              int nreports);
typedef int (*store_event_fn)(void *ctx, const store_event *e);

/* World events matching f, by date (best date, else first seen), with
 * their reports.  A non-zero return of fn stops and is returned. */
int store_events(store *s, const store_filter *f, store_world_fn fn, void *ctx);
/* Every stored event, by document then position. */
int store_each_event(store *s, store_event_fn fn, void *ctx);

/* Generic result rows for timeline, network and docs. */
typedef int (*store_row_fn)(void *ctx, int ncols, const char *const *names,
                            const char *const *vals, const int *numeric);

/* Per day (best date, else first seen) counts of the world events of an
 * actor (key or name substring), by QuadClass and type.  Hypothetical and
 * negated world events are left out unless f->modality asks for them. */
int store_timeline(store *s, const char *actor, const store_filter *f, store_row_fn fn, void *ctx);
/* Actor-key pairs: world events, mentions, mean Goldstein (same filters). */
int store_network(store *s, const store_filter *f, store_row_fn fn, void *ctx);
/* Full-text search over documents (FTS5 syntax; a query FTS5 rejects is
 * retried with every word quoted), best first, with snippets. */
int store_docs(store *s, const char *query, int limit, store_row_fn fn, void *ctx);

/* ---- the work queue (PostgreSQL stores only; SITREP_EDB otherwise) -------- */

/* Adds a document to the queue table (committed in batches, like ingest). */
int store_enqueue(store *s, const sr_doc *doc);
/* Commits any open batch, then opens a transaction and claims up to n
 * queued documents (SELECT ... FOR UPDATE SKIP LOCKED): docs[0..*ndocs)
 * with strings in a; *ndocs 0 when nothing is left.  store_add_doc then
 * stores them in that transaction and store_commit marks them done in it;
 * store_rollback (or a dead worker) releases them for another worker. */
int store_claim(store *s, int n, arena *a, sr_doc *docs, int *ndocs);
/* Before storing the coded documents res[0..n) of a claim: takes, in one
 * global order, the transaction-scoped locks their world-event merges
 * need, so that concurrent workers do not deadlock.  0 on SQLite. */
int store_lock_pairs(store *s, const pipeline_result *res, int n);
/* Rolls back the open transaction (a claim is released). */
int store_rollback(store *s);

#endif
