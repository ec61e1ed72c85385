/* store.h -- the corpus store: an SQLite database (or a PostgreSQL one,
 * store_pg.h) of documents, sentences, actor mentions, events with
 * provenance, and world events.
 *
 * In:  documents and their pipeline results (pipeline.h), one at a time.
 * Out: a WAL-mode database (schema in store.c) that `sitrep events`,
 *      `timeline`, `network`, `docs`, `export`, `watch` and `serve` read
 *      through the functions below, whichever the backend.  Ingest is
 *      idempotent (a document is identified by its id and a content hash),
 *      transactional per batch, and merges events across documents into
 *      world events (merge.h, "cross-document merging").
 * The store owns its connection; a handle is used by one thread at a time;
 * strings passed to callbacks are valid only during the call.  Errors:
 * SITREP_EDB with a message in store_errmsg.
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

/* store_has_doc for n documents at once (on PostgreSQL one question to
 * the server instead of n): have[i] is 1 when ids[i] is stored with
 * hashes[i], else 0.  Returns 0 or a negative code. */
int store_has_docs(store *s, const char *const *ids, const char *const *hashes, int n, int *have);

/* Stores one coded document (replacing an older version with the same id:
 * its events leave their world events first) and merges its events into
 * world events.  A failure rolls back this document only.  Returns 0 or a
 * negative code. */
int store_add_doc(store *s, const sr_doc *doc, const char *hash, const pipeline_result *res);

/* Stores the coded documents docs[i] (with hashes[i], res[i]) of
 * i = 0..n-1 as that many calls of store_add_doc would, in that order:
 * the same rows with the same ids.  On PostgreSQL, when none of them is
 * stored yet and no id comes twice, in about three round trips to the
 * server for all of them, taking the merge locks of the whole batch in one
 * order first (as store_lock_pairs); otherwise, or when a statement of the
 * batch fails (it is rolled back), one at a time.  rcs[i] is what
 * store_add_doc answered for document i, for i < *done; the return value
 * is 0, or SITREP_EDB when the database failed: for document *done - 1
 * when *done > 0, else for the batch as a whole (its transaction has
 * failed: roll it back). */
int store_add_docs(store *s, const sr_doc *const *docs, const char *const *hashes,
                   const pipeline_result *const *res, int n, int *rcs, int *done);

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
    const char *doc_title, *doc_date;   /* the document's title and publication date */
    int sent_start, sent_end;           /* bytes of the evidence sentence, -1 unknown */
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
    const char *text;      /* FTS5 query over the reports' documents (PostgreSQL:
                              web-search syntax, see store_docs) */
    long since, until;     /* day numbers, -1 when unset */
    int min_sources;
    int limit;             /* 0: no limit */
    /* the web API's extras (0: as `sitrep events`) */
    int offset;            /* store_events: world events to skip */
    int real;              /* leave out hypothetical and negated world events everywhere */
    int all_modalities;    /* keep them in timeline, network and places too */
    int actor_keys;        /* actor also matches actor keys (substring) */
    int undated_last;      /* store_events: world events without a date last, not first */
    int max_reports;       /* store_events: reports per world event at most; 0: all */
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
 * retried with every word quoted), best first, with snippets.  On
 * PostgreSQL: websearch_to_tsquery syntax (FTS5's AND, OR and NOT are
 * translated), ts_headline snippets, ranked by ts_rank_cd. */
int store_docs(store *s, const char *query, int limit, store_row_fn fn, void *ctx);

/* ---- the web API's reads (serve.c); same answers on both backends ------- */

/* Queries of this handle that run past ms milliseconds from now fail (and
 * store_timed_out says so); ms <= 0: no limit. */
void store_set_deadline(store *s, int ms);
/* 1 when the last failure was the deadline. */
int store_timed_out(const store *s);
/* A number that changes whenever committed data may have changed (SQLite:
 * PRAGMA data_version; PostgreSQL: a hash of the current snapshot). */
int store_version(store *s, unsigned long long *v);
/* World events matching f (as store_events; offset and limit ignored). */
int store_count(store *s, const store_filter *f, long long *n);
/* The first and last date of world events (best date, else first seen),
 * -1 when none. */
int store_dates(store *s, long *first, long *last);
/* One world event with up to max_reports reports (0: all); fn is not
 * called when there is no such world event. */
int store_world_get(store *s, long long id, int max_reports, store_world_fn fn, void *ctx);

typedef struct {
    const char *id, *title, *date, *source, *url, *text;
    size_t len;                   /* bytes of text */
} store_doc;
typedef int (*store_doc_fn)(void *ctx, const store_doc *d);
/* The document with this id; fn is not called when there is none. */
int store_document(store *s, const char *id, store_doc_fn fn, void *ctx);

/* (label, count) rows: world events by type (by label) or modality (most
 * first), documents by source outlet (most first, known outlets only). */
enum { STORE_BY_TYPE, STORE_BY_MODALITY, STORE_BY_SOURCE };
typedef int (*store_tally_fn)(void *ctx, const char *label, const char *name, long long n);
int store_tally(store *s, int by, int limit, store_tally_fn fn, void *ctx);
/* Actor keys of the world events matching f (timeline rules), most
 * frequent first: label = key, name = its most frequent name (NULL when
 * it has none), n = world-event sides with that key.  limit 0: all. */
int store_actors(store *s, const store_filter *f, int limit, store_tally_fn fn, void *ctx);

/* Per day (best date, else first seen; -1: undated, first) the world
 * events matching f (timeline rules): quad[0] all, quad[1..4] by QuadClass. */
typedef int (*store_day_fn)(void *ctx, long day, const long long quad[5]);
int store_days(store *s, const store_filter *f, store_day_fn fn, void *ctx);

typedef struct {
    const char *src, *tgt;        /* actor keys ("" for none unless pairs_only) */
    long long events, mentions;
    double goldstein;             /* mean */
} store_edge;
typedef int (*store_edge_fn)(void *ctx, const store_edge *e);
/* Actor-key pairs of the world events matching f (timeline rules), most
 * events first, at most f->limit; pairs_only: both keys known and
 * different. */
int store_edges(store *s, const store_filter *f, int pairs_only, store_edge_fn fn, void *ctx);

typedef struct {
    const char *name, *country;
    double lat, lon, goldstein;   /* goldstein: mean */
    long long events, quad[4];    /* quad[0..3]: QuadClass 1..4 */
} store_spot;
typedef int (*store_spot_fn)(void *ctx, const store_spot *p);
/* Located world events matching f (timeline rules) grouped by place, most
 * first, at most f->limit. */
int store_places(store *s, const store_filter *f, store_spot_fn fn, void *ctx);

typedef struct {
    const char *doc, *date, *source, *url, *title, *snippet;
    double score;                 /* lower is better (FTS5 bm25; -ts_rank_cd) */
} store_hit;
typedef int (*store_hit_fn)(void *ctx, const store_hit *h);
/* store_docs with typed rows; matches in snippets are put between open
 * and close; about words words per snippet. */
int store_search(store *s, const char *query, int limit, const char *open, const char *close, int words,
                 store_hit_fn fn, void *ctx);

/* ---- `sitrep watch`: files ingested, by content hash (table watch_files) -- */

/* 1 when a file with this hash was recorded, 0 if not, or a negative code. */
int store_file_seen(store *s, const char *hash);
/* Records the file (committed at once unless a batch is open). */
int store_file_done(store *s, const char *hash, const char *path);

/* A note for the user from store_open (PostgreSQL without PostGIS), or
 * NULL. */
const char *store_notice(const store *s);

/* ---- the work queue (PostgreSQL stores only; SITREP_EDB otherwise) -------- */

/* Adds a document to the queue table (committed in batches, like ingest). */
int store_enqueue(store *s, const sr_doc *doc);
/* Commits any open batch, then opens a transaction and claims up to n
 * queued documents (SELECT ... FOR UPDATE SKIP LOCKED): docs[0..*ndocs)
 * with strings in a; *ndocs 0 when nothing is left.  stored (when not
 * NULL): for each, the hash (store_doc_hash) under which a document of its
 * id is stored already, "" when none is.  store_add_docs (or
 * store_add_doc) then stores them in that transaction and store_commit
 * marks them done in it; store_rollback (or a dead worker) releases them
 * for another worker.  One round trip to the server. */
int store_claim(store *s, int n, arena *a, sr_doc *docs, char (*stored)[17], int *ndocs);
/* Before storing the coded documents res[0..n) of a claim one at a time
 * (store_add_doc): takes, in one global order, the transaction-scoped
 * locks their world-event merges need, so that concurrent workers do not
 * deadlock (store_add_docs takes them itself).  0 on SQLite. */
int store_lock_pairs(store *s, const pipeline_result *res, int n);
/* Rolls back the open transaction (a claim is released). */
int store_rollback(store *s);

/* A pipelined worker: while the server stores one claimed batch, the
 * caller codes the next, claimed in the same round trip as the batch's
 * first question.
 *
 *   store_add_docs_send(batch k, next = batch k+1)   -- returns once the
 *       batch's rows, its done-marks and the commit are on their way
 *   ... code batch k+1 ...
 *   store_add_docs_wait(next)   -- batch k committed; batch k+1 is the
 *       claim of the new transaction: store it the same way
 *
 * The next batch is claimed in the transaction that stores batch k and
 * locked again (with SKIP LOCKED) right after its commit, in the same
 * pipeline: a document another worker took in between is no longer ours
 * (held[i] 0; it was coded for nothing).  A killed worker loses no
 * committed batch and leaves its claims to others, as with store_claim;
 * a batch whose commit it had sent may still commit after it died, whole
 * (the server runs what it received). */
typedef struct {
    int n;                /* in: documents wanted */
    arena *a;             /* in: for their strings */
    sr_doc *docs;         /* in: room for n; out: docs[0..got) */
    char (*stored)[17];   /* in: room for n; out: as store_claim's, read
                             again after the commit by store_add_docs_wait */
    int *held;            /* in: room for n; out (store_add_docs_wait): 1 when
                             docs[i] is still claimed, else 0 */
    int got;              /* out: documents claimed */
} store_next;

/* Stores the documents of the open claim (store_claim, or the next of the
 * last store_add_docs_wait) as store_add_docs does, claims up to next->n
 * more (next may be NULL), and sends the rows, the done-marks and the
 * commit without waiting for them.  The arrays must live until
 * store_add_docs_wait.  0, or SITREP_EDB as store_add_docs (documents
 * stored one at a time are answered here: rcs, *done); after a failure
 * roll back.  PostgreSQL only. */
int store_add_docs_send(store *s, const sr_doc *const *docs, const char *const *hashes,
                        const pipeline_result *const *res, int n, int *rcs, int *done, store_next *next);
/* Waits for the batch of store_add_docs_send: 0 when it is committed
 * (rcs[0..*done) as store_add_docs; next->held says which of the next
 * batch are claimed in the new transaction, none when it could not begin),
 * or SITREP_EDB as store_add_docs (roll back: the next batch is released
 * too). */
int store_add_docs_wait(store *s, int *rcs, int *done, store_next *next);

#endif
