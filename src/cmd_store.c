/* cmd_store.c -- the commands that write the store: `ingest` (read, code
 * on worker threads, store in input order: batch_pipeline), `watch` (an
 * inbox directory, watch.h), `enqueue` and `worker` (the PostgreSQL queue).
 * A document the store has already (same id and hash) is skipped before
 * coding.  Progress and summaries go to stderr; nothing to stdout.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cmd.h"
#include "sitrep.h"
#include "watch.h"

static double S_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Total size of the inputs when they are all regular files, else 0. */
static size_t S_input_size(const cli_options *o)
{
    size_t total = 0;
    if (!o->nfiles) return 0;
    for (int i = 0; i < o->nfiles; i++) {
        struct stat st;
        if (!strcmp(o->files[i], "-") || stat(o->files[i], &st) || !S_ISREG(st.st_mode)) return 0;
        total += (size_t)st.st_size;
    }
    return total;
}

static void S_progress(long docs, size_t bytes, size_t total, double t0, int last)
{
    double dt = S_now_seconds() - t0;
    if (dt <= 0) dt = 1e-9;
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\r%ld documents, %.1f MB, %.0f docs/s, %.2f MB/s", docs, mb, docs / dt, mb / dt);
    if (total && bytes <= total && bytes > 0 && !last)
        fprintf(stderr, ", ETA %.0fs", (double)(total - bytes) / ((double)bytes / dt));
    fputs(last ? "\033[K\n" : "\033[K", stderr);
}

/* Stores one document unless the store has it already.  Returns 1 on a
 * database failure (reported), else 0. */
static int S_ingest_doc(const cli_options *o, const sitrep_kb *kb, const pipeline_options *popt,
                      store *s, cli_report_ctx *rctx, arena *a, sr_doc *doc, long *added,
                      long *unchanged)
{
    char hash[17];
    store_doc_hash(doc, hash);
    int have = store_has_doc(s, doc->id, hash);
    if (have < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
        return 1;
    }
    if (have) {
        (*unchanged)++;
        return 0;
    }
    pipeline_result res;
    int prc = pipeline_run(kb, a, doc, popt, &res);
    if (prc) {
        cli_report(rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(prc));
        return 0;
    }
    if (res.date_note && doc->date_origin != DATE_OPTION)
        cli_report(rctx, READ_WARN, doc->file, doc->line, doc->id, res.date_note);
    int src = store_add_doc(s, doc, hash, &res);
    if (src == SITREP_EDB) {
        fprintf(stderr, "sitrep: %s: doc %s: %s\n", cli_db_path(o), doc->id, store_errmsg(s));
        return 1;
    }
    if (src) cli_report(rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(src));
    else (*added)++;
    return 0;
}

/* Opens the store for writing; prints the error, or the store's notice
 * (PostgreSQL without PostGIS) unless -q.  0 or CLI_EXIT_USAGE. */
static int S_open_store_rw(const cli_options *o, store **s)
{
    char err[1024];
    if (store_open(cli_db_path(o), 0, s, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    const char *note = store_notice(*s);
    if (note && !o->quiet) fprintf(stderr, "sitrep: note: %s\n", note);
    return 0;
}

/* `sitrep ingest` as a pipeline: the calling thread reads a document and
 * skips it when the store has it (prep), a worker codes it (work), and
 * the calling thread stores it in input order (emit). */
typedef struct {
    const cli_options *o;
    const sitrep_kb *kb;
    const pipeline_options *popt;
    store *s;
    cli_report_ctx *rctx;
    reader *r;
    int show;
    size_t total;
    double t0, shown;
    long docs, added, unchanged;
    int fatal;
} ingest_ctx;

typedef struct {
    char hash[17];
    int skip;             /* stored already, unchanged */
    pipeline_result res;
} ingest_item;

static int S_ingest_prep(void *ctx, batch_slot *slot)
{
    ingest_ctx *c = ctx;
    ingest_item *it = arena_alloc(&slot->a, sizeof *it);
    if (!it) return SITREP_ENOMEM;
    memset(it, 0, sizeof *it);
    slot->user = it;
    c->docs++;
    store_doc_hash(&slot->doc, it->hash);
    int have = store_has_doc(c->s, slot->doc.id, it->hash);
    if (have < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(c->o), store_errmsg(c->s));
        c->fatal = 1;
        return 1;
    }
    it->skip = have;
    return 0;
}

static void S_ingest_work(void *ctx, batch_slot *slot)
{
    ingest_ctx *c = ctx;
    ingest_item *it = slot->user;
    if (!it->skip) slot->rc = pipeline_run(c->kb, &slot->a, &slot->doc, c->popt, &it->res);
}

static int S_ingest_emit(void *ctx, batch_slot *slot)
{
    ingest_ctx *c = ctx;
    ingest_item *it = slot->user;
    const sr_doc *doc = &slot->doc;
    /* the same document twice in one batch: the first copy is stored now */
    if (!it->skip && (it->skip = store_has_doc(c->s, doc->id, it->hash)) < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(c->o), store_errmsg(c->s));
        c->fatal = 1;
        return 1;
    }
    if (it->skip) {
        c->unchanged++;
    } else if (slot->rc) {
        cli_report(c->rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(slot->rc));
    } else {
        if (it->res.date_note && doc->date_origin != DATE_OPTION)
            cli_report(c->rctx, READ_WARN, doc->file, doc->line, doc->id, it->res.date_note);
        int src = store_add_doc(c->s, doc, it->hash, &it->res);
        if (src == SITREP_EDB) {
            fprintf(stderr, "sitrep: %s: doc %s: %s\n", cli_db_path(c->o), doc->id, store_errmsg(c->s));
            c->fatal = 1;
            return 1;
        }
        if (src) cli_report(c->rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(src));
        else c->added++;
    }
    if (c->show && S_now_seconds() - c->shown >= 0.25) {
        c->shown = S_now_seconds();
        S_progress(c->docs, reader_bytes(c->r), c->total, c->t0, 0);
    }
    return 0;
}

static int S_ingest_pg(ingest_ctx *c);

int cmd_ingest(const cli_options *o)
{
    sitrep_kb kb;
    pipeline_options popt;
    int rc = cli_load_coding(o, &kb, &popt);
    if (rc) return rc;
    store *s;
    if (S_open_store_rw(o, &s)) {
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
    }
    if (o->batch) store_set_batch(s, o->batch);
    cli_report_ctx rctx = {0, 0, o->quiet};
    reader *r = cli_open_reader(o, &rctx);
    if (!r) {
        store_close(s);
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
    }
    ingest_ctx ic = {o, &kb, &popt, s, &rctx, r, !o->quiet && isatty(2), S_input_size(o), S_now_seconds(), 0,
                     0, 0, 0, 0};
    ic.shown = ic.t0;
    /* coding runs on worker threads while this thread stores the batch
     * before and reads the next (batch.h, batch_pipeline) */
    int jobs = o->jobs > 0 ? o->jobs : 1;
    int st = store_is_url(cli_db_path(o))
                 ? S_ingest_pg(&ic)
                 : batch_pipeline(r, jobs, 32 * jobs, S_ingest_prep, &ic, S_ingest_work, &ic, S_ingest_emit, &ic);
    int fatal = ic.fatal || st > 0;
    long docs = ic.docs, added = ic.added, unchanged = ic.unchanged;
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    if (ic.show) S_progress(docs, reader_bytes(r), ic.total, ic.t0, 1);
    reader_free(r);
    pipeline_free(&kb);
    long long nd = 0, ne = 0, nw = 0;
    int crc = store_commit(s);
    if (crc) {
        fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
        fatal = 1;
    } else if (!o->quiet && !store_counts(s, &nd, &ne, &nw)) {
        fprintf(stderr, "sitrep: %ld documents read, %ld stored, %ld unchanged; %s holds %lld documents, "
                        "%lld events, %lld world events\n",
                docs, added, unchanged, cli_db_path(o), nd, ne, nw);
    }
    if (store_close(s)) fatal = 1;
    if (fatal || st < 0) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

/* `sitrep enqueue`: the documents of the inputs into the queue table of a
 * PostgreSQL store, for `sitrep worker`. */
int cmd_enqueue(const cli_options *o)
{
    if (!store_is_url(cli_db_path(o))) return cli_misuse("%s", "enqueue needs --db postgresql://...");
    store *s;
    if (S_open_store_rw(o, &s)) {
        return CLI_EXIT_USAGE;
    }
    if (o->batch) store_set_batch(s, o->batch);
    cli_report_ctx rctx = {0, 0, o->quiet};
    reader *r = cli_open_reader(o, &rctx);
    if (!r) {
        store_close(s);
        return CLI_EXIT_USAGE;
    }
    long docs = 0;
    int fatal = 0, st;
    arena a;
    arena_init(&a);
    sr_doc doc;
    while ((st = reader_next(r, &a, &doc)) == 1) {
        if (store_enqueue(s, &doc)) {
            fprintf(stderr, "sitrep: %s: doc %s: %s\n", cli_db_path(o), doc.id, store_errmsg(s));
            fatal = 1;
        }
        arena_free(&a);
        if (fatal) break;
        docs++;
    }
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    arena_free(&a);
    reader_free(r);
    if (!fatal && store_commit(s)) {
        fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
        fatal = 1;
    }
    if (!fatal && !o->quiet) fprintf(stderr, "sitrep: %ld documents queued\n", docs);
    if (store_close(s)) fatal = 1;
    if (fatal || st < 0) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

/* A claimed batch of `sitrep worker` and what coding made of it. */
typedef struct {
    sr_doc *docs;
    arena a;              /* the documents' strings */
    arena *das;           /* each document's coding */
    pipeline_result *res;
    char (*hashes)[17], (*stored)[17];
    int *held;            /* still claimed (store_next) */
    int *coded;           /* res[k] is the coding of docs[coded[k]] */
    const sr_doc **cdocs; /* what store_add_docs_send takes: those coded */
    const char **chashes;
    const pipeline_result **cres;
    int got, ncoded;
    long unchanged;       /* stored already with this content */
} S_wbatch;

static int S_wb_init(S_wbatch *b, int n)
{
    memset(b, 0, sizeof *b);
    arena_init(&b->a);
    b->docs = calloc((size_t)n, sizeof *b->docs);
    b->das = calloc((size_t)n, sizeof *b->das);
    b->res = calloc((size_t)n, sizeof *b->res);
    b->hashes = calloc((size_t)n, sizeof *b->hashes);
    b->stored = calloc((size_t)n, sizeof *b->stored);
    b->held = calloc((size_t)n, sizeof *b->held);
    b->coded = calloc((size_t)n, sizeof *b->coded);
    b->cdocs = calloc((size_t)n, sizeof *b->cdocs);
    b->chashes = calloc((size_t)n, sizeof *b->chashes);
    b->cres = calloc((size_t)n, sizeof *b->cres);
    if (b->das)
        for (int i = 0; i < n; i++) arena_init(&b->das[i]);
    return b->docs && b->das && b->res && b->hashes && b->stored && b->held && b->coded && b->cdocs &&
           b->chashes && b->cres;
}

/* Forgets the batch's documents (b is reused for the next claim). */
static void S_wb_clear(S_wbatch *b, int n)
{
    for (int i = 0; b->das && i < n; i++) arena_free(&b->das[i]);
    arena_free(&b->a);
    b->got = b->ncoded = 0;
    b->unchanged = 0;
}

static void S_wb_free(S_wbatch *b, int n)
{
    S_wb_clear(b, n);
    free(b->docs);
    free(b->das);
    free(b->res);
    free(b->hashes);
    free(b->stored);
    free(b->held);
    free(b->coded);
    free(b->cdocs);
    free(b->chashes);
    free(b->cres);
}

/* Codes the batch's documents not stored already (b->held all 1). */
static void S_wb_code(S_wbatch *b, const sitrep_kb *kb, const pipeline_options *popt, cli_report_ctx *rctx)
{
    b->ncoded = 0;
    for (int i = 0; i < b->got; i++) {
        b->held[i] = 1;
        store_doc_hash(&b->docs[i], b->hashes[i]);
        if (*b->stored[i] && !strcmp(b->stored[i], b->hashes[i])) continue;
        int rc = pipeline_run(kb, &b->das[i], &b->docs[i], popt, &b->res[b->ncoded]);
        if (rc) {
            cli_report(rctx, READ_ERROR, b->docs[i].file, b->docs[i].line, b->docs[i].id, sitrep_strerror(rc));
            continue;
        }
        b->coded[b->ncoded++] = i;
    }
}

/* After store_add_docs_wait: the documents to store of a batch coded in
 * advance, those still claimed and not stored meanwhile (the others were
 * coded for nothing); 0 when none of the batch is claimed any more. */
static int S_wb_keep(S_wbatch *b)
{
    int k = 0, held = 0;
    b->unchanged = 0;
    for (int i = 0; i < b->got; i++) {
        held += b->held[i];
        if (b->held[i] && *b->stored[i] && !strcmp(b->stored[i], b->hashes[i])) b->unchanged++;
    }
    for (int j = 0; j < b->ncoded; j++) {
        int i = b->coded[j];
        if (!b->held[i] || (*b->stored[i] && !strcmp(b->stored[i], b->hashes[i]))) continue;
        b->coded[k] = i;
        b->cdocs[k] = &b->docs[i];
        b->chashes[k] = b->hashes[i];
        b->cres[k] = &b->res[j];
        k++;
    }
    b->ncoded = k;
    return held > 0;
}

/* `sitrep ingest` into PostgreSQL: batches of documents, each asked
 * about in one question (store_has_docs), coded, and stored with
 * store_add_docs in about three round trips, instead of two round trips
 * per document (store_add_doc): the server's latency, not its work, was
 * what limited a document at a time.  The same rows as store_add_doc each
 * (store.h); a batch ends no later than the transaction (--batch).
 * Returns batch_pipeline's codes: 0, 1 after a database failure
 * (reported, c->fatal), or a negative reader code. */
static int S_ingest_pg(ingest_ctx *c)
{
    enum { MAXB = 50 };
    int n = c->o->batch > 0 && c->o->batch < MAXB ? c->o->batch : MAXB;
    S_wbatch b;
    int *rcs = calloc((size_t)n, sizeof *rcs), *have = calloc((size_t)n, sizeof *have);
    const char **ids = calloc((size_t)n, sizeof *ids), **hs = calloc((size_t)n, sizeof *hs);
    int ok = S_wb_init(&b, n), rc = 0;
    if (!ok || !rcs || !have || !ids || !hs) rc = SITREP_ENOMEM;
    for (int done = 0; !rc && !done;) {
        S_wb_clear(&b, n);
        while (b.got < n && !done) {
            int st = reader_next(c->r, &b.a, &b.docs[b.got]);
            if (st < 0) rc = st;
            if (st <= 0) done = 1;
            else b.got++;
        }
        if (rc || !b.got) break;
        c->docs += b.got;
        for (int i = 0; i < b.got; i++) {
            store_doc_hash(&b.docs[i], b.hashes[i]);
            ids[i] = b.docs[i].id;
            hs[i] = b.hashes[i];
        }
        if (store_has_docs(c->s, ids, hs, b.got, have)) {
            fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(c->o), store_errmsg(c->s));
            c->fatal = 1;
            rc = 1;
            break;
        }
        /* stored already, or earlier in the batch with the same content */
        for (int i = 0; i < b.got; i++) {
            for (int j = 0; j < i && !have[i]; j++)
                have[i] = !strcmp(ids[j], ids[i]) && !strcmp(hs[j], hs[i]);
            snprintf(b.stored[i], sizeof b.stored[i], "%s", have[i] ? b.hashes[i] : "");
        }
        /* S_wb_code, with the warnings S_ingest_emit gives */
        b.ncoded = 0;
        for (int i = 0; i < b.got; i++) {
            const sr_doc *d = &b.docs[i];
            b.held[i] = 1;
            if (have[i]) continue;
            pipeline_result *res = &b.res[b.ncoded];
            int prc = pipeline_run(c->kb, &b.das[i], &b.docs[i], c->popt, res);
            if (prc) {
                cli_report(c->rctx, READ_ERROR, d->file, d->line, d->id, sitrep_strerror(prc));
                continue;
            }
            if (res->date_note && d->date_origin != DATE_OPTION)
                cli_report(c->rctx, READ_WARN, d->file, d->line, d->id, res->date_note);
            b.coded[b.ncoded++] = i;
        }
        S_wb_keep(&b);
        c->unchanged += b.unchanged;
        int stored = 0;
        int src = store_add_docs(c->s, b.cdocs, b.chashes, b.cres, b.ncoded, rcs, &stored);
        for (int k = 0; k < stored; k++) {
            const sr_doc *d = b.cdocs[k];
            if (rcs[k] == SITREP_EDB) {
                fprintf(stderr, "sitrep: %s: doc %s: %s\n", cli_db_path(c->o), d->id, store_errmsg(c->s));
                c->fatal = 1;
            } else if (rcs[k]) {
                cli_report(c->rctx, READ_ERROR, d->file, d->line, d->id, sitrep_strerror(rcs[k]));
            } else {
                c->added++;
            }
        }
        if (src && !c->fatal) {
            fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(c->o), store_errmsg(c->s));
            c->fatal = 1;
        }
        if (c->fatal) rc = 1;
        if (c->show && S_now_seconds() - c->shown >= 0.25) {
            c->shown = S_now_seconds();
            S_progress(c->docs, reader_bytes(c->r), c->total, c->t0, 0);
        }
    }
    S_wb_free(&b, n);   /* safe after a failed S_wb_init too */
    free(rcs);
    free(have);
    free(ids);
    free(hs);
    return rc;
}

/* `sitrep worker`: claims batches of queued documents, codes them and
 * commits their events with their done-marks in one transaction, until the
 * queue is empty.  While the server stores one batch (store_add_docs_send),
 * the next one, claimed with it, is coded.  A failed batch (a deadlock, a
 * concurrent insert of the same document) is rolled back and claimed
 * again. */
int cmd_worker(const cli_options *o)
{
    if (!store_is_url(cli_db_path(o))) return cli_misuse("%s", "worker needs --db postgresql://...");
    if (o->nfiles) return cli_misuse("worker takes no arguments, not '%s'", o->files[0]);
    sitrep_kb kb;
    pipeline_options popt;
    int rc = cli_load_coding(o, &kb, &popt);
    if (rc) return rc;
    store *s;
    if (S_open_store_rw(o, &s)) {
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
    }
    int n = o->batch ? o->batch : 20;
    store_set_batch(s, INT_MAX);   /* store_commit ends each claimed batch */
    S_wbatch wb[2];
    int *rcs = calloc((size_t)n, sizeof *rcs);
    int ok0 = S_wb_init(&wb[0], n), ok1 = S_wb_init(&wb[1], n);
    cli_report_ctx rctx = {0, 0, o->quiet};
    long added = 0, unchanged = 0, batches = 0;
    int fatal = ok0 && ok1 && rcs ? 0 : 1, failures = 0, cur = 0, claim = 1;
    while (!fatal) {
        S_wbatch *b = &wb[cur], *nx = &wb[1 - cur];
        if (claim) {   /* a batch claimed on its own: the first, or after a failure */
            S_wb_clear(b, n);
            if (store_claim(s, n, &b->a, b->docs, b->stored, &b->got)) {
                fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
                fatal = 1;
                break;
            }
            S_wb_code(b, &kb, &popt, &rctx);
            S_wb_keep(b);
            claim = 0;
        }
        if (!b->got) break;
        /* store the batch (its merge locks in one order, so concurrent
         * workers cannot deadlock, held only while it is stored) and
         * claim the next, coded while the server works */
        S_wb_clear(nx, n);
        store_next next = {n, &nx->a, nx->docs, nx->stored, nx->held, 0};
        int bad = 0, done = 0;
        int src = store_add_docs_send(s, b->cdocs, b->chashes, b->cres, b->ncoded, rcs, &done, &next);
        if (!src) {
            nx->got = next.got;
            S_wb_code(nx, &kb, &popt, &rctx);
            src = store_add_docs_wait(s, rcs, &done, &next);
        }
        long ad = 0;
        for (int k = 0; k < done; k++) {
            const sr_doc *d = b->cdocs[k];
            if (rcs[k] == SITREP_EDB) {
                fprintf(stderr, "sitrep: %s: doc %s: %s\n", cli_db_path(o), d->id, store_errmsg(s));
                bad = 1;
            } else if (rcs[k]) {
                cli_report(&rctx, READ_ERROR, d->file, d->line, d->id, sitrep_strerror(rcs[k]));
            } else {
                ad++;
            }
        }
        if (src && !bad) {   /* the batch as a whole */
            fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
            bad = 1;
        }
        if (bad) {   /* both batches go back to the queue */
            store_rollback(s);
            claim = 1;
            if (++failures > 5) fatal = 1;
            else if (!o->quiet) fprintf(stderr, "sitrep: batch rolled back; claiming again\n");
            continue;
        }
        failures = 0;
        batches++;
        added += ad;
        unchanged += b->unchanged;
        if (!S_wb_keep(nx) && nx->got) claim = 1;   /* the next batch is no longer ours */
        cur = 1 - cur;
    }
    S_wb_free(&wb[0], n);
    S_wb_free(&wb[1], n);
    free(rcs);
    pipeline_free(&kb);
    store_rollback(s);
    if (!fatal && !o->quiet)
        fprintf(stderr, "sitrep: worker: %ld batches, %ld documents stored, %ld unchanged\n", batches,
                added, unchanged);
    if (store_close(s)) fatal = 1;
    if (fatal) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

/* `sitrep watch DIR`: ingests the supported files in DIR, then each new
 * one, each content once (watch.h); SIGINT/SIGTERM stop it after the
 * current file's documents are committed. */
int cmd_watch(const cli_options *o)
{
    if (o->nfiles != 1) return cli_misuse("%s", "watch needs one DIR");
    sitrep_kb kb;
    pipeline_options popt;
    int rc = cli_load_coding(o, &kb, &popt);
    if (rc) return rc;
    store *s;
    watch *w = NULL;
    char err[1024];
    if (S_open_store_rw(o, &s)) {
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
    }
    if (o->batch) store_set_batch(s, o->batch);
    if (watch_open(o->files[0], s, &w, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        store_close(s);
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
    }
    cli_report_ctx rctx = {0, 0, o->quiet};
    read_options ropt = {o->max_doc_bytes, cli_report, &rctx};
    int show = !o->quiet && isatty(2), fatal = 0, stop = 0, seen = 0;
    long files = 0, docs = 0, added = 0, unchanged = 0;
    if (!o->quiet) fprintf(stderr, "sitrep: watching %s (Ctrl-C stops)\n", o->files[0]);
    while (!stop && !fatal) {
        const char *path;
        char fhash[33];
        int wr = watch_next(w, -1, &path, fhash, &seen);
        if (wr == WATCH_STOP) break;
        if (wr < 0) {
            fprintf(stderr, "sitrep: %s\n", watch_errmsg(w));
            fatal = 1;
            break;
        }
        if (wr == 0) continue;
        const char *one[1] = {path};
        reader *r = reader_open(one, 1, &ropt);
        if (!r) {
            fprintf(stderr, "sitrep: out of memory\n");
            fatal = 1;
            break;
        }
        long fdocs = 0, fadded = added;
        arena a;
        arena_init(&a);
        sr_doc doc;
        int st;
        while (!fatal && (st = reader_next(r, &a, &doc)) == 1) {
            fdocs++;
            fatal = S_ingest_doc(o, &kb, &popt, s, &rctx, &a, &doc, &added, &unchanged);
            arena_free(&a);
            if (watch_stop_requested(w)) {
                stop = 1;
                break;
            }
        }
        if (st < 0) {
            fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
            fatal = 1;
        }
        arena_free(&a);
        reader_free(r);
        docs += fdocs;
        if (store_commit(s)) {
            fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
            fatal = 1;
        } else if (!stop && !fatal) {
            if (watch_done(w, path, fhash)) {
                fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), watch_errmsg(w));
                fatal = 1;
            }
            files++;
        }
        if (show)
            fprintf(stderr, "\rwatching %s: %ld files, %ld documents, %ld stored, %d already ingested\033[K",
                    o->files[0], files, docs, added, seen);
        else if (!o->quiet)
            fprintf(stderr, "sitrep: %s %s: %ld documents, %ld stored%s\n",
                    stop ? "interrupted in" : "ingested", path, fdocs, added - fadded,
                    stop ? " (committed; the rest on the next start)" : "");
    }
    if (show) fputc('\n', stderr);
    watch_close(w);
    pipeline_free(&kb);
    long long nd = 0, ne = 0, nw = 0;
    if (store_commit(s)) fatal = 1;
    else if (!o->quiet && !store_counts(s, &nd, &ne, &nw))
        fprintf(stderr, "sitrep: stopped; %ld files ingested (%d skipped as already ingested); %s holds "
                        "%lld documents, %lld events, %lld world events\n",
                files, seen, cli_db_path(o), nd, ne, nw);
    if (store_close(s)) fatal = 1;
    if (fatal) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}
