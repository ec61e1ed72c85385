/* micro.c -- stage-by-stage benchmark of the sitrep library (bench/run).
 *
 * In:  the data directory and a JSON Lines corpus (bench/gen-corpus.py).
 * Out: on stdout, knowledge load times (median of several loads) and the
 *      size of the vocabulary the load builds (vocab.h), then the
 *      throughput of each stage over a sample of the corpus: read, clean,
 *      segment, actors_find, time_find, gazetteer_match/lookup and the whole
 *      pipeline_run (no JSON output), and with a database path the store:
 *      store_has_doc + store_add_doc of each coded document and the batch
 *      commits, into a fresh SQLite file (or a PostgreSQL URL), next to
 *      pipeline_run in the same loop (their ratio is the ingest/code ratio
 *      one core would give).  MB are 10^6 bytes of the input file.
 * `micro --count FILE DATADIR` only counts documents, sentences and tokens
 * (read + clean + segment) and prints one "count ..." line.
 * A benchmark program, not part of sitrep: it prints, and it times with
 * CLOCK_MONOTONIC.  Tests never run it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "actors.h"
#include "clean.h"
#include "pipeline.h"
#include "place.h"
#include "read.h"
#include "segment.h"
#include "sitrep.h"
#include "store.h"
#include "time.h"

#define NLOADS 5

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void quiet_report(void *ctx, read_level lvl, const char *file, long line,
                         const char *id, const char *msg)
{
    (void)lvl, (void)file, (void)line, (void)id, (void)msg;
    (*(long *)ctx)++;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- knowledge loading -------------------------------------------------- */

static int bench_loads(const char *datadir)
{
    char path[4096], err[1024];
    double tp[NLOADS], ta[NLOADS], tg[NLOADS];
    size_t phrases = 0, places = 0;
    int words = 0;
    for (int k = 0; k < NLOADS; k++) {
        sitrep_kb kb;
        double t0 = now();
        if (pipeline_load(&kb, datadir, NULL, 0, err, sizeof err)) {
            fprintf(stderr, "micro: %s\n", err);
            return -1;
        }
        tp[k] = now() - t0;
        words = vocab_count(kb.vocab);
        pipeline_free(&kb);

        snprintf(path, sizeof path, "%s/actors", datadir);
        t0 = now();
        vocab *voc = vocab_new();
        actors_kb *akb = voc ? actors_load(path, voc, err, sizeof err) : NULL;
        ta[k] = now() - t0;
        if (!akb) {
            fprintf(stderr, "micro: %s\n", voc ? err : "out of memory");
            vocab_free(voc);
            return -1;
        }
        phrases = actors_phrase_count(akb);
        actors_free(akb);
        vocab_free(voc);

        snprintf(path, sizeof path, "%s/gazetteer/places.tsv", datadir);
        t0 = now();
        gazetteer *g = gazetteer_load(path, err, sizeof err);
        tg[k] = now() - t0;
        if (!g) {
            fprintf(stderr, "micro: %s\n", err);
            return -1;
        }
        places = gazetteer_count(g);
        gazetteer_free(g);
    }
    printf("knowledge load (median of %d loads, in-process):\n", NLOADS);
    printf("  %-36s %8.1f ms   %d words in the vocabulary\n", "pipeline_load (every knowledge base)",
           median(tp, NLOADS) * 1e3, words);
    printf("  %-36s %8.1f ms   %zu phrases compiled\n", "actors_load (data/actors)",
           median(ta, NLOADS) * 1e3, phrases);
    printf("  %-36s %8.1f ms   %zu places\n", "gazetteer_load (places.tsv)",
           median(tg, NLOADS) * 1e3, places);
    return 0;
}

/* ---- stage throughput --------------------------------------------------- */

typedef struct {
    double read, clean, seg, actors, timex, gmatch, glookup, pipe, store;
    long docs, sents, toks, words, mentions, timexes, gcalls, ghits, events;
    size_t bytes;
} stage_totals;

/* Up to 8 distinct ISO3 keys of the mentions, as pipeline.c builds them. */
static int context_of(const sr_mention *m, int n, char (*ctx)[4])
{
    int nctx = 0;
    for (int i = 0; i < n && nctx < 8; i++) {
        if (strlen(m[i].key) != 3) continue;
        int j = 0;
        while (j < nctx && strcmp(ctx[j], m[i].key)) j++;
        if (j == nctx) memcpy(ctx[nctx++], m[i].key, 4);
    }
    return nctx;
}

/* Runs each stage on one document, timing the stage as a whole. */
static int bench_doc(const sitrep_kb *kb, sr_doc *doc, arena *b, stage_totals *st)
{
    sr_region *regs;
    sr_segmentation seg;
    double t0 = now();
    int nreg = clean_text(kb->clean, b, doc->text, doc->text_len, doc->title, &regs, NULL);
    double t1 = now();
    if (nreg < 0) return nreg;
    st->clean += t1 - t0;
    if (segment_text(b, kb->vocab, doc->text, regs, nreg, &seg)) return SITREP_ENOMEM;
    double t2 = now();
    st->seg += t2 - t1;
    st->sents += seg.nsents;
    st->toks += seg.ntoks;

    sr_mention *m = NULL;
    int nm = 0;
    t0 = now();
    if (actors_find(kb->actors, b, doc->text, &seg, NULL, NULL, doc->day, &m, &nm))
        return SITREP_ENOMEM;
    t1 = now();
    st->actors += t1 - t0;
    st->mentions += nm;

    sr_timex *tx = NULL;
    int ntx = 0;
    t0 = now();
    for (int s = 0; s < seg.nsents; s++) {
        const sr_sentence *se = &seg.sents[s];
        if (time_find(b, seg.toks, se->tok0, se->tok0 + se->ntok, doc->day, TENSE_UNKNOWN, &tx,
                      &ntx) < 0)
            return SITREP_ENOMEM;
    }
    t1 = now();
    st->timex += t1 - t0;
    st->timexes += ntx;

    char ctx[8][4];
    int nctx = context_of(m, nm, ctx);
    long hits = 0;
    t0 = now();
    for (int s = 0; s < seg.nsents; s++) {
        const sr_sentence *se = &seg.sents[s];
        int end = se->tok0 + se->ntok;
        for (int t = se->tok0; t < end; t++) {
            const sr_place *best = NULL;
            hits += gazetteer_match(kb->gaz, seg.toks, t, end, (const char(*)[4])ctx, nctx,
                                    &best) > 0;
        }
    }
    t1 = now();
    st->gmatch += t1 - t0;
    st->gcalls += seg.ntoks;
    st->ghits += hits;

    long words = 0;
    const void *sink = NULL;
    t0 = now();
    for (int t = 0; t < seg.ntoks; t++) {
        if (!(seg.toks[t].flags & TOK_WORD)) continue;
        const sr_place *p = gazetteer_lookup(kb->gaz, seg.toks[t].norm, (const char(*)[4])ctx, nctx);
        if (p) sink = p;
        words++;
    }
    t1 = now();
    st->glookup += t1 - t0;
    st->words += words;
    (void)sink;
    return 0;
}

static void rate_line(const char *what, double secs, size_t bytes, const char *extra)
{
    printf("  %-36s %8.1f MB/s  %s\n", what, secs > 0 ? (double)bytes / 1e6 / secs : 0.0,
           extra ? extra : "");
}

/* Stores one coded document as `sitrep ingest` does (ingest_prep,
 * ingest_emit); adds the time to st->store. */
static int bench_store(store *db, const sr_doc *doc, const pipeline_result *res, stage_totals *st)
{
    char hash[17];
    double t0 = now();
    store_doc_hash(doc, hash);
    int rc = store_has_doc(db, doc->id, hash);
    if (rc == 0) rc = store_add_doc(db, doc, hash, res);
    st->store += now() - t0;
    return rc < 0 ? rc : 0;
}

static int bench_stages(const char *datadir, const char *corpus, double sample_mb, const char *dbpath)
{
    sitrep_kb kb;
    char err[1024], extra[160];
    if (pipeline_load(&kb, datadir, NULL, 0, err, sizeof err)) {
        fprintf(stderr, "micro: %s\n", err);
        return -1;
    }
    long problems = 0;
    read_options ropt = {16u << 20, quiet_report, &problems};
    const char *paths[1] = {corpus};
    reader *r = reader_open(paths, 1, &ropt);
    if (!r) {
        pipeline_free(&kb);
        return -1;
    }
    stage_totals st;
    memset(&st, 0, sizeof st);
    arena a, b, c;
    arena_init(&a);
    arena_init(&b);
    arena_init(&c);
    size_t limit = (size_t)(sample_mb * 1e6);
    pipeline_options popt = {-1, 0, 0};
    int rc = 0;
    store *db = NULL;
    if (dbpath && !store_is_url(dbpath)) {   /* a fresh file */
        char side[4096];
        remove(dbpath);
        snprintf(side, sizeof side, "%s-wal", dbpath);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", dbpath);
        remove(side);
    }
    if (dbpath && store_open(dbpath, 0, &db, err, sizeof err)) {
        fprintf(stderr, "micro: %s\n", err);
        db = NULL;
    }
    for (;;) {
        sr_doc doc;
        size_t before = reader_bytes(r);
        double t0 = now();
        int got = reader_next(r, &a, &doc);
        st.read += now() - t0;
        if (got <= 0) {
            rc = got;
            break;
        }
        st.docs++;
        st.bytes += reader_bytes(r) - before;
        if ((rc = bench_doc(&kb, &doc, &b, &st)) != 0) break;
        arena_free(&b);
        pipeline_result res;
        t0 = now();
        rc = pipeline_run(&kb, &c, &doc, &popt, &res);
        st.pipe += now() - t0;
        if (rc) break;
        st.events += res.nevents;
        if (db && (rc = bench_store(db, &doc, &res, &st))) {
            fprintf(stderr, "micro: store: %s\n", store_errmsg(db));
            break;
        }
        arena_free(&c);
        arena_free(&a);
        if (st.bytes >= limit) break;
    }
    if (db) {
        double t0 = now();
        if (store_commit(db)) fprintf(stderr, "micro: store: %s\n", store_errmsg(db));
        st.store += now() - t0;
        store_close(db);
    }
    arena_free(&a);
    arena_free(&b);
    arena_free(&c);
    reader_free(r);
    pipeline_free(&kb);
    if (rc < 0) {
        fprintf(stderr, "micro: %s\n", sitrep_strerror(rc));
        return -1;
    }
    double mb = (double)st.bytes / 1e6;
    printf("stages over a %.1f MB sample (%ld documents, %ld sentences, %ld tokens; MB/s of input file):\n",
           mb, st.docs, st.sents, st.toks);
    rate_line("read (JSON, UTF-8 check, NFC)", st.read, st.bytes, NULL);
    rate_line("clean", st.clean, st.bytes, NULL);
    snprintf(extra, sizeof extra, "%.0f sentences/s, %.0f ns/token", st.sents / st.seg,
             st.seg * 1e9 / (double)st.toks);
    rate_line("segment", st.seg, st.bytes, extra);
    snprintf(extra, sizeof extra, "%.0f mentions/s (%ld mentions)", st.mentions / st.actors,
             st.mentions);
    rate_line("actors_find (matching)", st.actors, st.bytes, extra);
    snprintf(extra, sizeof extra, "%.0f ns/sentence (%ld expressions)",
             st.timex * 1e9 / (double)st.sents, st.timexes);
    rate_line("time_find", st.timex, st.bytes, extra);
    snprintf(extra, sizeof extra, "%.0f ns/call at every token (%ld matches)",
             st.gmatch * 1e9 / (double)st.gcalls, st.ghits);
    rate_line("gazetteer_match", st.gmatch, st.bytes, extra);
    snprintf(extra, sizeof extra, "%.0f ns/call on every word token (%ld calls)",
             st.glookup * 1e9 / (double)st.words, st.words);
    rate_line("gazetteer_lookup", st.glookup, st.bytes, extra);
    snprintf(extra, sizeof extra, "%.0f docs/s, %.0f sentences/s (%ld events)", st.docs / st.pipe,
             st.sents / st.pipe, st.events);
    rate_line("pipeline_run (all stages, no output)", st.pipe, st.bytes, extra);
    printf("  (clean..gazetteer above are timed separately from pipeline_run, whose coder\n"
           "   and merge stages make up the rest: %.1f s of %.1f s)\n",
           st.pipe - (st.clean + st.seg + st.actors + st.timex + st.gmatch),
           st.pipe);
    if (db) {
        snprintf(extra, sizeof extra, "%.0f docs/s; pipeline_run/store time %.2f (ingest/code on one core %.2f)",
                 st.docs / st.store, st.pipe / st.store, st.pipe / (st.pipe + st.store));
        rate_line(store_is_url(dbpath) ? "store (PostgreSQL, one connection)" : "store (SQLite, fresh file)",
                  st.store, st.bytes, extra);
    }
    return 0;
}

/* ---- counting ------------------------------------------------------------ */

static int count(const char *corpus, const char *datadir)
{
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/clean/rules.txt", datadir);
    clean_rules *cr = clean_load(path, err, sizeof err);
    if (!cr) {
        fprintf(stderr, "micro: %s\n", err);
        return -1;
    }
    long problems = 0, docs = 0, sents = 0, toks = 0;
    read_options ropt = {16u << 20, quiet_report, &problems};
    const char *paths[1] = {corpus};
    reader *r = reader_open(paths, 1, &ropt);
    if (!r) {
        clean_free(cr);
        return -1;
    }
    arena a;
    arena_init(&a);
    sr_doc doc;
    int got;
    double t0 = now();
    while ((got = reader_next(r, &a, &doc)) == 1) {
        sr_region *regs;
        sr_segmentation seg;
        int n = clean_text(cr, &a, doc.text, doc.text_len, doc.title, &regs, NULL);
        if (n < 0 || segment_text(&a, NULL, doc.text, regs, n, &seg)) {
            got = SITREP_ENOMEM;
            break;
        }
        docs++;
        sents += seg.nsents;
        toks += seg.ntoks;
        arena_free(&a);
    }
    double secs = now() - t0;
    printf("count docs=%ld sentences=%ld tokens=%ld bytes=%zu seconds=%.3f problems=%ld\n", docs,
           sents, toks, reader_bytes(r), secs, problems);
    arena_free(&a);
    reader_free(r);
    clean_free(cr);
    return got < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--count") == 0) return count(argv[2], argv[3]) ? 1 : 0;
    if (argc == 6 && strcmp(argv[1], "--store") == 0)   /* only the stages, the store too */
        return bench_stages(argv[2], argv[3], atof(argv[4]), argv[5]) ? 1 : 0;
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: micro DATADIR CORPUS SAMPLE_MB [DB]\n"
                        "       micro --store DATADIR CORPUS SAMPLE_MB DB\n"
                        "       micro --count CORPUS DATADIR\n");
        return 2;
    }
    if (bench_loads(argv[1])) return 1;
    if (bench_stages(argv[1], argv[2], atof(argv[3]), argc == 5 ? argv[4] : NULL)) return 1;
    return 0;
}
