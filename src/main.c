/* main.c -- the sitrep command line.  Parses arguments, loads the knowledge
 * bases, runs the pipeline and writes results; the only file that prints
 * to stdout or exits. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "eval.h"
#include "json.h"
#include "segment.h"
#include "serve.h"
#include "export.h"
#include "export_gdelt.h"
#include "pipeline.h"
#include "read.h"
#include "sitrep.h"
#include "store.h"
#include "watch.h"

/* Exit codes (listed in --help). */
enum {
    EXIT_OK_ = 0,       /* success */
    EXIT_INPUT = 1,     /* some input was bad: reported, skipped, the rest done */
    EXIT_USAGE = 2,     /* usage error or system failure */
    EXIT_DATA = 3       /* a knowledge file under data/ is broken */
};

static void usage(FILE *fp)
{
    fputs("usage: sitrep <command> [options] [file...]\n"
          "\n"
          "Commands:\n"
          "  code [FILE...]        code articles (JSON Lines, .txt, .html/.htm pages, .warc and\n"
          "                        .warc.gz archives, directories; stdin when none or '-')\n"
          "                        and write event records as JSON Lines\n"
          "  eval GOLD EVENTS      score events against gold annotations (either may be '-')\n"
          "  actors TEXT           show how the actors in TEXT resolve, and why\n"
          "  mentions [FILE...]    every actor mention of every document, as JSON Lines\n"
          "  ingest [FILE...]      code articles into the store (--db, default ./sitrep.db);\n"
          "                        idempotent, merges reports into world events\n"
          "  watch DIR             ingest DIR's files, then each new one as it arrives (--db);\n"
          "                        each file's content once, across restarts; Ctrl-C stops\n"
          "  enqueue [FILE...]     queue documents for workers (--db postgresql://...)\n"
          "  worker                code queued documents into the store until the queue is\n"
          "                        empty (--db postgresql://..., --batch N: per claim)\n"
          "  read [FILE...]        the documents read from the inputs (pages, WARC records)\n"
          "                        as JSON Lines (id, date, source, url, title, text)\n"
          "  events                world events with their reports (filters below)\n"
          "  timeline ACTOR        per-day counts for an actor key or name\n"
          "  network               actor-key pairs: events, mentions, mean Goldstein\n"
          "  docs QUERY            full-text search over stored documents (FTS5; on\n"
          "                        PostgreSQL its web-search syntax)\n"
          "  export                --format gdelt|plover|jsonl [--out DIR]\n"
          "  serve                 the web UI and read-only JSON API over the store\n"
          "                        (--db, --host 127.0.0.1, --port 8080, --web DIR, -v)\n"
          "  version               print the version\n"
          "\n"
          "Options:\n"
          "  --date YYYY-MM-DD     publication date for documents that have none\n"
          "  --data DIR            knowledge directory (default: $SITREP_DATA, else the\n"
          "                        data/ folder beside the program)\n"
          "  --actors FILE         add or override actors (any data/actors format)\n"
          "  --explain             code: add the pattern, actor resolution and modality cues\n"
          "  --no-model            code: the rules alone, without the learned layer (data/model)\n"
          "  --candidates          code: every candidate of the learned layer with its features\n"
          "                        and score, undeduplicated (training data: scripts/train-model)\n"
          "  -j, --jobs N          code: N threads (output order stays the input order)\n"
          "  --max-doc-bytes N     reject larger documents (default 16777216)\n"
          "  --by-doc, --by-type, --confusion, --json   eval: extra tables / JSON output\n"
          "  --errors              eval: the unmatched events by why they missed (README)\n"
          "  --db PATH             the store (default ./sitrep.db), or a PostgreSQL URL\n"
          "                        postgresql://USER@HOST:PORT/DB (every command works on both)\n"
          "  --actor NAME, --key KEY, --type TYPE, --since/--until YYYY-MM-DD,\n"
          "  --modality M, --min-sources N, --text QUERY, --limit N   query filters\n"
          "  --json, --csv         query output: JSON Lines (default when piped) or CSV;\n"
          "                        an aligned table on a terminal otherwise\n"
          "  --format F, --out DIR export format and directory\n"
          "  --batch N             ingest: documents per transaction (default 200)\n"
          "  -q, --quiet           no warnings or progress on stderr (errors are still printed)\n"
          "  -h, --help            this help\n"
          "\n"
          "Exit status: 0 success; 1 some input was bad (reported on stderr, skipped);\n"
          "2 usage or system error; 3 a data file is broken.\n",
          fp);
}

static int misuse(const char *fmt, const char *arg)
{
    fputs("sitrep: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nsee 'sitrep --help'\n", stderr);
    return EXIT_USAGE;
}

typedef struct {
    int errors, warnings, quiet;
} report_ctx;

static void report(void *ctx, read_level lvl, const char *file, long line, const char *id, const char *msg)
{
    report_ctx *rc = ctx;
    if (lvl == READ_ERROR) rc->errors++;
    else if (lvl == READ_WARN) rc->warnings++;
    if (lvl != READ_ERROR && rc->quiet) return;
    fprintf(stderr, "sitrep: %s: %s",
            lvl == READ_ERROR ? "error" : lvl == READ_WARN ? "warning" : "note", file);
    if (line > 0) fprintf(stderr, ":%ld", line);
    if (id) fprintf(stderr, ": doc %s", id);
    fprintf(stderr, ": %s\n", msg);
}

/* data/ beside the executable (or its parent, for a build tree). */
static const char *find_datadir(const char *opt, char *buf, size_t n)
{
    if (opt) return opt;
    const char *env = getenv("SITREP_DATA");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (l > 0) {
        exe[l] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            struct stat st;
            snprintf(buf, n, "%s/data", exe);
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
            snprintf(buf, n, "%s/../share/sitrep/data", exe);
            if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) return buf;
        }
    }
    return SITREP_DATADIR;
}

typedef struct {
    const char *date, *data, *cmd;
    const char *actor_files[32];
    int nactor_files;
    int explain, quiet, by_doc, by_type, confusion, json, errors;
    int candidates, no_model;
    size_t max_doc_bytes;
    int jobs;                /* -j N: coding threads */
    const char *db, *out, *format, *since, *until;
    int csv, batch;
    const char *host, *web;  /* serve */
    int port, verbose;
    store_filter filter;
    const char **files;
    int nfiles;
} options;

static int close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "sitrep: error writing output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    return EXIT_OK_;
}

static int load_kb(const options *o, sitrep_kb *kb)
{
    char dbuf[PATH_MAX + 32], err[1024];
    const char *dir = find_datadir(o->data, dbuf, sizeof dbuf);
    if (pipeline_load(kb, dir, o->actor_files, o->nactor_files, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return EXIT_DATA;
    }
    return 0;
}

/* Knowledge bases and the pipeline options of --date, for the commands
 * that code documents.  Returns 0 or the exit status to give. */
static int load_coding(const options *o, sitrep_kb *kb, pipeline_options *popt)
{
    int rc = load_kb(o, kb);
    if (rc) return rc;
    popt->default_day = -1;
    popt->candidates = o->candidates;
    popt->no_model = o->no_model;
    if (o->date && sitrep_parse_ymd(o->date, &popt->default_day)) {
        pipeline_free(kb);
        return misuse("--date wants YYYY-MM-DD, not '%s'", o->date);
    }
    return 0;
}

/* A reader over the command's files, reporting through rctx.  NULL (with
 * the message printed) when out of memory. */
static reader *open_reader(const options *o, report_ctx *rctx)
{
    read_options ropt = {o->max_doc_bytes, report, rctx};
    reader *r = reader_open(o->files, o->nfiles, &ropt);
    if (!r) fprintf(stderr, "sitrep: out of memory\n");
    return r;
}

typedef struct {
    const sitrep_kb *kb;
    const pipeline_options *popt;
    const options *o;
    report_ctx *rctx;
} code_ctx;

/* Worker thread: one document through the pipeline, rendered into slot->out. */
static void code_work(void *ctx, batch_slot *slot)
{
    code_ctx *c = ctx;
    pipeline_result *res = arena_alloc(&slot->a, sizeof *res);
    if (!res) { slot->rc = SITREP_ENOMEM; return; }
    slot->user = res;
    slot->rc = pipeline_run(c->kb, &slot->a, &slot->doc, c->popt, res);
    if (slot->rc) return;
    for (int i = 0; i < res->nevents; i++) {
        export_event_json(&slot->out, &slot->doc, &res->seg, &res->events[i], c->o->explain);
        buf_putc(&slot->out, '\n');
    }
}

/* Calling thread, in input order: problems to stderr, events to stdout. */
static int code_emit(void *ctx, batch_slot *slot)
{
    code_ctx *c = ctx;
    const sr_doc *doc = &slot->doc;
    const pipeline_result *res = slot->user;
    if (slot->rc) {
        report(c->rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(slot->rc));
        return 0;
    }
    if (res && res->date_note && doc->date_origin != DATE_OPTION)
        report(c->rctx, READ_WARN, doc->file, doc->line, doc->id, res->date_note);
    if (slot->out.len) fwrite(slot->out.s, 1, slot->out.len, stdout);
    return 0;
}

static int cmd_code(const options *o)
{
    sitrep_kb kb;
    pipeline_options popt;
    int rc = load_coding(o, &kb, &popt);
    if (rc) return rc;
    report_ctx rctx = {0, 0, o->quiet};
    reader *r = open_reader(o, &rctx);
    if (!r) {
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    code_ctx ctx = {&kb, &popt, o, &rctx};
    int jobs = o->jobs > 0 ? o->jobs : 1;
    int st = batch_run(r, jobs, jobs > 1 ? 64 * jobs : 1, code_work, &ctx, code_emit, &ctx);
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    reader_free(r);
    pipeline_free(&kb);
    int crc = close_stdout();
    if (crc) return crc;
    if (st < 0) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

static int cmd_eval(const options *o)
{
    if (o->nfiles != 2) return misuse("%s", "eval needs two files: GOLD EVENTS");
    eval_options eo = {o->by_doc, o->by_type, o->confusion, o->json, o->errors};
    eval_result res;
    int rc = eval_files(o->files[0], o->files[1], &eo, stdout, stderr, &res);
    int crc = close_stdout();
    if (rc) return EXIT_USAGE;
    return crc;
}

/* One actor mention as a JSON line (doc may be NULL). */
static void put_mention(buf *out, const char *doc, const char *text, const sr_mention *m)
{
    buf_reset(out);
    buf_putc(out, '{');
    if (doc) {
        buf_puts(out, "\"doc\":");
        json_put_str(out, doc);
        buf_printf(out, ",\"sentence\":%d,", m->sent);
    }
    buf_puts(out, "\"text\":");
    json_put_strn(out, text + m->start, (size_t)(m->end - m->start));
    buf_printf(out, ",\"span\":[%d,%d],\"name\":", m->start, m->end);
    json_put_str(out, m->name);
    buf_puts(out, ",\"key\":");
    json_put_str(out, m->key);
    buf_puts(out, ",\"code\":");
    json_put_str(out, m->code);
    buf_puts(out, ",\"why\":");
    json_put_str(out, m->why);
    buf_puts(out, "}\n");
    fwrite(out->s, 1, out->len, stdout);
}

/* sitrep mentions FILES: every actor mention of every document. */
static int cmd_mentions(const options *o)
{
    sitrep_kb kb;
    pipeline_options popt;
    int rc = load_coding(o, &kb, &popt);
    if (rc) return rc;
    report_ctx rctx = {0, 0, o->quiet};
    reader *r = open_reader(o, &rctx);
    if (!r) {
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    arena a;
    arena_init(&a);
    buf out;
    buf_init(&out);
    sr_doc doc;
    int st;
    while ((st = reader_next(r, &a, &doc)) == 1) {
        pipeline_result res;
        if (pipeline_run(&kb, &a, &doc, &popt, &res) == 0)
            for (int i = 0; i < res.nmentions; i++) put_mention(&out, doc.id, doc.text, &res.mentions[i]);
        arena_free(&a);
    }
    arena_free(&a);
    buf_free(&out);
    reader_free(r);
    pipeline_free(&kb);
    int crc = close_stdout();
    if (crc) return crc;
    if (st < 0) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

static int cmd_actors(const options *o)
{
    if (o->nfiles < 1) return misuse("%s", "actors needs a TEXT argument");
    sitrep_kb kb;
    int rc = load_kb(o, &kb);
    if (rc) return rc;
    long day = -1;
    if (o->date && sitrep_parse_ymd(o->date, &day)) {
        pipeline_free(&kb);
        return misuse("--date wants YYYY-MM-DD, not '%s'", o->date);
    }
    arena a;
    arena_init(&a);
    buf text;
    buf_init(&text);
    for (int i = 0; i < o->nfiles; i++) {
        if (i) buf_putc(&text, ' ');
        buf_puts(&text, o->files[i]);
    }
    size_t bad, len;
    char *t = read_utf8_clean(&a, text.s, text.len, 1, &len, &bad);
    sr_region reg = {0, (int)len};
    sr_segmentation seg;
    sr_mention *m = NULL;
    int n = 0;
    if (!t || segment_text(&a, t, &reg, 1, &seg) || actors_find(kb.actors, &a, t, &seg, NULL, NULL, day, &m, &n)) {
        fprintf(stderr, "sitrep: out of memory\n");
        rc = EXIT_USAGE;
    } else {
        buf out;
        buf_init(&out);
        for (int i = 0; i < n; i++) put_mention(&out, NULL, t, &m[i]);
        buf_free(&out);
    }
    buf_free(&text);
    arena_free(&a);
    pipeline_free(&kb);
    int crc = close_stdout();
    return rc ? rc : crc;
}

/* ---- the store: ingest, queries, exports ------------------------------- */

static const char *db_path(const options *o)
{
    return o->db ? o->db : "sitrep.db";
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Total size of the inputs when they are all regular files, else 0. */
static size_t input_size(const options *o)
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

static void progress(long docs, size_t bytes, size_t total, double t0, int last)
{
    double dt = now_seconds() - t0;
    if (dt <= 0) dt = 1e-9;
    double mb = (double)bytes / 1e6;
    fprintf(stderr, "\r%ld documents, %.1f MB, %.0f docs/s, %.2f MB/s", docs, mb, docs / dt, mb / dt);
    if (total && bytes <= total && bytes > 0 && !last)
        fprintf(stderr, ", ETA %.0fs", (double)(total - bytes) / ((double)bytes / dt));
    fputs(last ? "\033[K\n" : "\033[K", stderr);
}

/* Stores one document unless the store has it already.  Returns 1 on a
 * database failure (reported), else 0. */
static int ingest_doc(const options *o, const sitrep_kb *kb, const pipeline_options *popt,
                      store *s, report_ctx *rctx, arena *a, sr_doc *doc, long *added,
                      long *unchanged)
{
    char hash[17];
    store_doc_hash(doc, hash);
    int have = store_has_doc(s, doc->id, hash);
    if (have < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
        return 1;
    }
    if (have) {
        (*unchanged)++;
        return 0;
    }
    pipeline_result res;
    int prc = pipeline_run(kb, a, doc, popt, &res);
    if (prc) {
        report(rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(prc));
        return 0;
    }
    if (res.date_note && doc->date_origin != DATE_OPTION)
        report(rctx, READ_WARN, doc->file, doc->line, doc->id, res.date_note);
    int src = store_add_doc(s, doc, hash, &res);
    if (src == SITREP_EDB) {
        fprintf(stderr, "sitrep: %s: doc %s: %s\n", db_path(o), doc->id, store_errmsg(s));
        return 1;
    }
    if (src) report(rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(src));
    else (*added)++;
    return 0;
}

/* Opens the store for writing; prints the error, or the store's notice
 * (PostgreSQL without PostGIS) unless -q.  0 or EXIT_USAGE. */
static int open_store_rw(const options *o, store **s)
{
    char err[1024];
    if (store_open(db_path(o), 0, s, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return EXIT_USAGE;
    }
    const char *note = store_notice(*s);
    if (note && !o->quiet) fprintf(stderr, "sitrep: note: %s\n", note);
    return 0;
}

/* `sitrep ingest` as a pipeline: the calling thread reads a document and
 * skips it when the store has it (prep), a worker codes it (work), and
 * the calling thread stores it in input order (emit). */
typedef struct {
    const options *o;
    const sitrep_kb *kb;
    const pipeline_options *popt;
    store *s;
    report_ctx *rctx;
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

static int ingest_prep(void *ctx, batch_slot *slot)
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
        fprintf(stderr, "sitrep: %s: %s\n", db_path(c->o), store_errmsg(c->s));
        c->fatal = 1;
        return 1;
    }
    it->skip = have;
    return 0;
}

static void ingest_work(void *ctx, batch_slot *slot)
{
    ingest_ctx *c = ctx;
    ingest_item *it = slot->user;
    if (!it->skip) slot->rc = pipeline_run(c->kb, &slot->a, &slot->doc, c->popt, &it->res);
}

static int ingest_emit(void *ctx, batch_slot *slot)
{
    ingest_ctx *c = ctx;
    ingest_item *it = slot->user;
    const sr_doc *doc = &slot->doc;
    /* the same document twice in one batch: the first copy is stored now */
    if (!it->skip && (it->skip = store_has_doc(c->s, doc->id, it->hash)) < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", db_path(c->o), store_errmsg(c->s));
        c->fatal = 1;
        return 1;
    }
    if (it->skip) {
        c->unchanged++;
    } else if (slot->rc) {
        report(c->rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(slot->rc));
    } else {
        if (it->res.date_note && doc->date_origin != DATE_OPTION)
            report(c->rctx, READ_WARN, doc->file, doc->line, doc->id, it->res.date_note);
        int src = store_add_doc(c->s, doc, it->hash, &it->res);
        if (src == SITREP_EDB) {
            fprintf(stderr, "sitrep: %s: doc %s: %s\n", db_path(c->o), doc->id, store_errmsg(c->s));
            c->fatal = 1;
            return 1;
        }
        if (src) report(c->rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(src));
        else c->added++;
    }
    if (c->show && now_seconds() - c->shown >= 0.25) {
        c->shown = now_seconds();
        progress(c->docs, reader_bytes(c->r), c->total, c->t0, 0);
    }
    return 0;
}

static int cmd_ingest(const options *o)
{
    sitrep_kb kb;
    pipeline_options popt;
    int rc = load_coding(o, &kb, &popt);
    if (rc) return rc;
    store *s;
    if (open_store_rw(o, &s)) {
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    if (o->batch) store_set_batch(s, o->batch);
    report_ctx rctx = {0, 0, o->quiet};
    reader *r = open_reader(o, &rctx);
    if (!r) {
        store_close(s);
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    ingest_ctx ic = {o, &kb, &popt, s, &rctx, r, !o->quiet && isatty(2), input_size(o), now_seconds(), 0,
                     0, 0, 0, 0};
    ic.shown = ic.t0;
    /* coding runs on worker threads while this thread stores the batch
     * before and reads the next (batch.h, batch_pipeline) */
    int jobs = o->jobs > 0 ? o->jobs : 1;
    int st = batch_pipeline(r, jobs, 32 * jobs, ingest_prep, &ic, ingest_work, &ic, ingest_emit, &ic);
    int fatal = ic.fatal || st > 0;
    long docs = ic.docs, added = ic.added, unchanged = ic.unchanged;
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    if (ic.show) progress(docs, reader_bytes(r), ic.total, ic.t0, 1);
    reader_free(r);
    pipeline_free(&kb);
    long long nd = 0, ne = 0, nw = 0;
    int crc = store_commit(s);
    if (crc) {
        fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
        fatal = 1;
    } else if (!o->quiet && !store_counts(s, &nd, &ne, &nw)) {
        fprintf(stderr, "sitrep: %ld documents read, %ld stored, %ld unchanged; %s holds %lld documents, "
                        "%lld events, %lld world events\n",
                docs, added, unchanged, db_path(o), nd, ne, nw);
    }
    if (store_close(s)) fatal = 1;
    if (fatal || st < 0) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

/* `sitrep enqueue`: the documents of the inputs into the queue table of a
 * PostgreSQL store, for `sitrep worker`. */
static int cmd_enqueue(const options *o)
{
    if (!store_is_url(db_path(o))) return misuse("%s", "enqueue needs --db postgresql://...");
    store *s;
    if (open_store_rw(o, &s)) {
        return EXIT_USAGE;
    }
    if (o->batch) store_set_batch(s, o->batch);
    report_ctx rctx = {0, 0, o->quiet};
    reader *r = open_reader(o, &rctx);
    if (!r) {
        store_close(s);
        return EXIT_USAGE;
    }
    long docs = 0;
    int fatal = 0, st;
    arena a;
    arena_init(&a);
    sr_doc doc;
    while ((st = reader_next(r, &a, &doc)) == 1) {
        if (store_enqueue(s, &doc)) {
            fprintf(stderr, "sitrep: %s: doc %s: %s\n", db_path(o), doc.id, store_errmsg(s));
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
        fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
        fatal = 1;
    }
    if (!fatal && !o->quiet) fprintf(stderr, "sitrep: %ld documents queued\n", docs);
    if (store_close(s)) fatal = 1;
    if (fatal || st < 0) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

/* `sitrep worker`: claims batches of queued documents, codes them and
 * commits their events with their done-marks in one transaction, until the
 * queue is empty.  A failed batch (a deadlock, a concurrent insert of the
 * same document) is rolled back and claimed again. */
static int cmd_worker(const options *o)
{
    if (!store_is_url(db_path(o))) return misuse("%s", "worker needs --db postgresql://...");
    if (o->nfiles) return misuse("worker takes no arguments, not '%s'", o->files[0]);
    sitrep_kb kb;
    pipeline_options popt;
    int rc = load_coding(o, &kb, &popt);
    if (rc) return rc;
    store *s;
    if (open_store_rw(o, &s)) {
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    int n = o->batch ? o->batch : 20;
    store_set_batch(s, INT_MAX);   /* store_commit ends each claimed batch */
    sr_doc *docs = calloc((size_t)n, sizeof *docs);
    arena *das = calloc((size_t)n, sizeof *das);
    pipeline_result *res = calloc((size_t)n, sizeof *res);
    int *coded = calloc((size_t)n, sizeof *coded);
    char (*hashes)[17] = calloc((size_t)n, sizeof *hashes);
    if (das)
        for (int i = 0; i < n; i++) arena_init(&das[i]);
    report_ctx rctx = {0, 0, o->quiet};
    long added = 0, unchanged = 0, batches = 0;
    int fatal = docs && das && res && coded && hashes ? 0 : 1, failures = 0, got = 0;
    arena a;
    arena_init(&a);
    while (!fatal) {
        arena_free(&a);
        if (store_claim(s, n, &a, docs, &got)) {
            fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
            fatal = 1;
            break;
        }
        if (!got) break;
        /* code the batch first, then lock its merges in one order, then
         * store it: concurrent workers then cannot deadlock */
        long ad = 0, un = 0;
        int bad = 0, ncoded = 0;
        for (int i = 0; !bad && i < got; i++) {
            char *hash = hashes[i];
            store_doc_hash(&docs[i], hash);
            int have = store_has_doc(s, docs[i].id, hash);
            if (have < 0) {
                fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
                bad = 1;
            } else if (have) {
                un++;
            } else if ((rc = pipeline_run(&kb, &das[i], &docs[i], &popt, &res[ncoded]))) {
                report(&rctx, READ_ERROR, docs[i].file, docs[i].line, docs[i].id, sitrep_strerror(rc));
            } else {
                coded[ncoded++] = i;
            }
        }
        if (!bad && store_lock_pairs(s, res, ncoded)) {
            fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
            bad = 1;
        }
        for (int k = 0; !bad && k < ncoded; k++) {
            int i = coded[k], src = store_add_doc(s, &docs[i], hashes[i], &res[k]);
            if (src == SITREP_EDB) {
                fprintf(stderr, "sitrep: %s: doc %s: %s\n", db_path(o), docs[i].id, store_errmsg(s));
                bad = 1;
            } else if (src) {
                report(&rctx, READ_ERROR, docs[i].file, docs[i].line, docs[i].id, sitrep_strerror(src));
            } else {
                ad++;
            }
        }
        for (int i = 0; i < got; i++) arena_free(&das[i]);
        if (!bad && store_commit(s)) {
            fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
            bad = 1;
        }
        if (bad) {
            store_rollback(s);
            if (++failures > 5) fatal = 1;
            else if (!o->quiet) fprintf(stderr, "sitrep: batch rolled back; claiming again\n");
            continue;
        }
        failures = 0;
        batches++;
        added += ad;
        unchanged += un;
    }
    arena_free(&a);
    free(docs);
    free(das);
    free(res);
    free(coded);
    free(hashes);
    pipeline_free(&kb);
    store_rollback(s);
    if (!fatal && !o->quiet)
        fprintf(stderr, "sitrep: worker: %ld batches, %ld documents stored, %ld unchanged\n", batches,
                added, unchanged);
    if (store_close(s)) fatal = 1;
    if (fatal) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

/* `sitrep read`: the documents the readers make of the inputs (HTML pages,
 * WARC records, ...) as JSON Lines in the input format of contract §1;
 * nothing is coded.  For checking extraction and timing the readers. */
static int cmd_read(const options *o)
{
    report_ctx rctx = {0, 0, o->quiet};
    reader *r = open_reader(o, &rctx);
    if (!r) return EXIT_USAGE;
    arena a;
    arena_init(&a);
    buf out;
    buf_init(&out);
    sr_doc doc;
    int st;
    while ((st = reader_next(r, &a, &doc)) == 1) {
        buf_reset(&out);
        buf_puts(&out, "{\"id\":");
        json_put_str(&out, doc.id);
        const char *keys[] = {"date", "source", "url", "title"};
        const char *vals[] = {doc.date, doc.source, doc.url, doc.title};
        for (int i = 0; i < 4; i++)
            if (vals[i]) {
                buf_printf(&out, ",\"%s\":", keys[i]);
                json_put_str(&out, vals[i]);
            }
        buf_puts(&out, ",\"text\":");
        json_put_strn(&out, doc.text, doc.text_len);
        buf_puts(&out, "}\n");
        fwrite(out.s, 1, out.len, stdout);
        arena_free(&a);
    }
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    arena_free(&a);
    buf_free(&out);
    reader_free(r);
    int crc = close_stdout();
    if (crc) return crc;
    if (st < 0) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

/* `sitrep watch DIR`: ingests the supported files in DIR, then each new
 * one, each content once (watch.h); SIGINT/SIGTERM stop it after the
 * current file's documents are committed. */
static int cmd_watch(const options *o)
{
    if (o->nfiles != 1) return misuse("%s", "watch needs one DIR");
    sitrep_kb kb;
    pipeline_options popt;
    int rc = load_coding(o, &kb, &popt);
    if (rc) return rc;
    store *s;
    watch *w = NULL;
    char err[1024];
    if (open_store_rw(o, &s)) {
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    if (o->batch) store_set_batch(s, o->batch);
    if (watch_open(o->files[0], s, &w, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        store_close(s);
        pipeline_free(&kb);
        return EXIT_USAGE;
    }
    report_ctx rctx = {0, 0, o->quiet};
    read_options ropt = {o->max_doc_bytes, report, &rctx};
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
            fatal = ingest_doc(o, &kb, &popt, s, &rctx, &a, &doc, &added, &unchanged);
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
            fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
            fatal = 1;
        } else if (!stop && !fatal) {
            if (watch_done(w, path, fhash)) {
                fprintf(stderr, "sitrep: %s: %s\n", db_path(o), watch_errmsg(w));
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
                files, seen, db_path(o), nd, ne, nw);
    if (store_close(s)) fatal = 1;
    if (fatal) return EXIT_USAGE;
    return rctx.errors ? EXIT_INPUT : EXIT_OK_;
}

enum { OUT_TABLE, OUT_JSON, OUT_CSV };

typedef struct {
    int mode, ncols;
    const char *names[16];
    vec rows;             /* char *[ncols] each, for the table */
    buf b;
    int header;
} out_ctx;

static void out_init(out_ctx *c, const options *o)
{
    memset(c, 0, sizeof *c);
    c->mode = o->csv ? OUT_CSV : o->json ? OUT_JSON : isatty(1) ? OUT_TABLE : OUT_JSON;
    vec_init(&c->rows, sizeof(char *));
    buf_init(&c->b);
}

static void csv_cell(buf *b, const char *v)
{
    if (!v) v = "";
    if (strpbrk(v, ",\"\r\n")) {
        buf_putc(b, '"');
        for (; *v; v++) {
            if (*v == '"') buf_putc(b, '"');
            buf_putc(b, *v);
        }
        buf_putc(b, '"');
    } else {
        buf_puts(b, v);
    }
}

/* One row in the chosen format (tables are printed by out_finish). */
static int out_row(void *ctx, int ncols, const char *const *names, const char *const *vals, const int *numeric)
{
    out_ctx *c = ctx;
    if (ncols > 16) ncols = 16;
    c->ncols = ncols;
    for (int i = 0; i < ncols; i++) c->names[i] = names[i];
    buf_reset(&c->b);
    if (c->mode == OUT_JSON) {
        buf_putc(&c->b, '{');
        for (int i = 0; i < ncols; i++) {
            if (i) buf_putc(&c->b, ',');
            json_put_str(&c->b, names[i]);
            buf_putc(&c->b, ':');
            if (!vals[i]) buf_puts(&c->b, "null");
            else if (numeric && numeric[i]) buf_puts(&c->b, vals[i]);
            else json_put_str(&c->b, vals[i]);
        }
        buf_puts(&c->b, "}\n");
    } else if (c->mode == OUT_CSV) {
        if (!c->header) {
            for (int i = 0; i < ncols; i++) {
                if (i) buf_putc(&c->b, ',');
                csv_cell(&c->b, names[i]);
            }
            buf_puts(&c->b, "\r\n");
            c->header = 1;
        }
        for (int i = 0; i < ncols; i++) {
            if (i) buf_putc(&c->b, ',');
            csv_cell(&c->b, vals[i]);
        }
        buf_puts(&c->b, "\r\n");
    } else {
        for (int i = 0; i < ncols; i++) {
            char **slot = vec_push(&c->rows);
            if (!slot || !(*slot = strdup(vals[i] ? vals[i] : "-"))) return SITREP_ENOMEM;
        }
        return 0;
    }
    fwrite(c->b.s, 1, c->b.len, stdout);
    return ferror(stdout) ? SITREP_EIO : 0;
}

/* Display width of UTF-8 text (code points), and the byte length of its
 * first w code points. */
static size_t u8_width(const char *s, size_t maxw, size_t *bytes)
{
    size_t w = 0, i = 0;
    while (s[i] && w < maxw) {
        i++;
        while ((s[i] & 0xC0) == 0x80) i++;
        w++;
    }
    if (bytes) *bytes = i;
    while (s[i]) {
        if ((s[i] & 0xC0) != 0x80) w++;
        i++;
    }
    return w;
}

static void out_finish(out_ctx *c)
{
    if (c->mode == OUT_TABLE && c->ncols && c->rows.len) {
        enum { MAXW = 48 };
        size_t width[16] = {0}, nrows = c->rows.len / (size_t)c->ncols;
        char **cell = c->rows.data;
        for (int j = 0; j < c->ncols; j++) width[j] = strlen(c->names[j]);
        for (size_t i = 0; i < nrows; i++)
            for (int j = 0; j < c->ncols; j++) {
                size_t w = u8_width(cell[i * (size_t)c->ncols + (size_t)j], (size_t)-1, NULL);
                if (w > MAXW) w = MAXW;
                if (w > width[j]) width[j] = w;
            }
        for (int j = 0; j < c->ncols; j++) printf("%-*s%s", (int)width[j], c->names[j], j + 1 < c->ncols ? "  " : "\n");
        for (size_t i = 0; i < nrows; i++)
            for (int j = 0; j < c->ncols; j++) {
                const char *v = cell[i * (size_t)c->ncols + (size_t)j];
                size_t bytes, w = u8_width(v, MAXW - 1, &bytes);
                int cut = w > MAXW;
                if (!cut) bytes = strlen(v);
                size_t shown = cut ? MAXW : w;
                fwrite(v, 1, bytes, stdout);
                if (cut) fputs("\xe2\x80\xa6", stdout);
                if (j + 1 < c->ncols)
                    for (size_t k = shown; k < width[j] + 2; k++) putchar(' ');
                else
                    putchar('\n');
            }
    }
    for (size_t i = 0; i < c->rows.len; i++) free(VEC_AT(&c->rows, char *, i));
    vec_free(&c->rows);
    buf_free(&c->b);
}

static int open_store_ro(const options *o, store **s)
{
    char err[1024];
    struct stat st;
    if (!store_is_url(db_path(o)) && stat(db_path(o), &st)) {
        fprintf(stderr, "sitrep: %s: no such database (run 'sitrep ingest' first)\n", db_path(o));
        return EXIT_USAGE;
    }
    if (store_open(db_path(o), 1, s, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return EXIT_USAGE;
    }
    return 0;
}

static int query_done(const options *o, store *s, int rc)
{
    if (rc == SITREP_EDB) fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
    else if (rc) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(rc));
    store_close(s);
    int crc = close_stdout();
    return rc ? EXIT_USAGE : crc;
}

static int events_row(void *ctx, const store_world *w, const store_event *r, int nr)
{
    out_ctx *c = ctx;
    if (c->mode == OUT_JSON) {
        buf_reset(&c->b);
        store_world_json(&c->b, w, r, nr);
        buf_putc(&c->b, '\n');
        fwrite(c->b.s, 1, c->b.len, stdout);
        return ferror(stdout) ? SITREP_EIO : 0;
    }
    char id[24], date[11] = "", first[11] = "", last[11] = "", nm[16], na[16], ns[16], q[8], g[16];
    snprintf(id, sizeof id, "%lld", w->id);
    if (w->day >= 0) sitrep_format_day(w->day, date);
    if (w->first_seen >= 0) sitrep_format_day(w->first_seen, first);
    if (w->last_seen >= 0) sitrep_format_day(w->last_seen, last);
    snprintf(nm, sizeof nm, "%d", w->num_mentions);
    snprintf(na, sizeof na, "%d", w->num_articles);
    snprintf(ns, sizeof ns, "%d", w->num_sources);
    snprintf(q, sizeof q, "%d", w->quad);
    snprintf(g, sizeof g, "%.1f", w->goldstein);
    if (c->mode == OUT_TABLE) {
        static const char *const names[] = {"id", "date", "type", "source", "target", "modality",
                                            "mentions", "articles", "sources", "place", "seen"};
        const char *vals[] = {id, *date ? date : "-", w->type, w->src.name ? w->src.name : w->src.key,
                              w->tgt.name ? w->tgt.name : w->tgt.key, w->modalities, nm, na, ns,
                              w->loc.name, first};
        return out_row(c, 11, names, vals, NULL);
    }
    static const char *const names[] = {"world_event", "date", "date_precision", "type", "mode", "cameo",
                                        "quad", "goldstein", "source_key", "source_name", "source_code",
                                        "target_key", "target_name", "target_code", "modality",
                                        "modalities"};
    const char *vals[] = {id, *date ? date : NULL, w->prec, w->type, w->mode, w->cameo, q, g, w->src.key,
                          w->src.name, w->src.code, w->tgt.key, w->tgt.name, w->tgt.code, w->modality,
                          w->modalities};
    /* CSV: 16 columns max per out_row, so the counts go in a second call */
    (void)r;
    (void)nr;
    buf_reset(&c->b);
    if (!c->header) {
        for (int i = 0; i < 16; i++) {
            csv_cell(&c->b, names[i]);
            buf_putc(&c->b, ',');
        }
        buf_puts(&c->b, "location,country,num_mentions,num_articles,num_sources,first_seen,last_seen\r\n");
        c->header = 1;
    }
    for (int i = 0; i < 16; i++) {
        csv_cell(&c->b, vals[i]);
        buf_putc(&c->b, ',');
    }
    csv_cell(&c->b, w->loc.name);
    buf_putc(&c->b, ',');
    csv_cell(&c->b, w->loc.country);
    buf_printf(&c->b, ",%s,%s,%s,%s,%s\r\n", nm, na, ns, first, last);
    fwrite(c->b.s, 1, c->b.len, stdout);
    return ferror(stdout) ? SITREP_EIO : 0;
}

static int cmd_events(const options *o)
{
    if (o->nfiles) return misuse("events takes no arguments, not '%s' (use --text)", o->files[0]);
    store *s;
    int rc = open_store_ro(o, &s);
    if (rc) return rc;
    out_ctx c;
    out_init(&c, o);
    rc = store_events(s, &o->filter, events_row, &c);
    out_finish(&c);
    return query_done(o, s, rc);
}

static int cmd_timeline(const options *o)
{
    if (o->nfiles != 1) return misuse("%s", "timeline needs one ACTOR (a key such as RUS, or a name)");
    store *s;
    int rc = open_store_ro(o, &s);
    if (rc) return rc;
    out_ctx c;
    out_init(&c, o);
    rc = store_timeline(s, o->files[0], &o->filter, out_row, &c);
    out_finish(&c);
    return query_done(o, s, rc);
}

static int cmd_network(const options *o)
{
    if (o->nfiles) return misuse("network takes no arguments, not '%s'", o->files[0]);
    store *s;
    int rc = open_store_ro(o, &s);
    if (rc) return rc;
    out_ctx c;
    out_init(&c, o);
    rc = store_network(s, &o->filter, out_row, &c);
    out_finish(&c);
    return query_done(o, s, rc);
}

static int cmd_docs(const options *o)
{
    if (o->nfiles < 1) return misuse("%s", "docs needs a QUERY");
    buf q;
    buf_init(&q);
    for (int i = 0; i < o->nfiles; i++) {
        if (i) buf_putc(&q, ' ');
        buf_puts(&q, o->files[i]);
    }
    store *s;
    int rc = open_store_ro(o, &s);
    if (rc) {
        buf_free(&q);
        return rc;
    }
    out_ctx c;
    out_init(&c, o);
    rc = store_docs(s, q.s ? q.s : "", o->filter.limit, out_row, &c);
    out_finish(&c);
    buf_free(&q);
    return query_done(o, s, rc);
}

static FILE *open_out(const char *dir, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno));
    return f;
}

static int close_out(FILE *f, const char *path)
{
    if (!f) return 0;
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "sitrep: %s: write error\n", path);
        return EXIT_USAGE;
    }
    return 0;
}

static int cmd_export(const options *o)
{
    const char *fmt = o->format ? o->format : "jsonl";
    if (strcmp(fmt, "gdelt") && strcmp(fmt, "plover") && strcmp(fmt, "jsonl"))
        return misuse("--format wants gdelt, plover or jsonl, not '%s'", fmt);
    if (o->nfiles) return misuse("export takes no arguments, not '%s'", o->files[0]);
    const char *dir = o->out ? o->out : !strcmp(fmt, "gdelt") ? "." : NULL;
    if (dir && mkdir(dir, 0777) && errno != EEXIST) {
        fprintf(stderr, "sitrep: %s: %s\n", dir, strerror(errno));
        return EXIT_USAGE;
    }
    store *s;
    int rc = open_store_ro(o, &s);
    if (rc) return rc;
    char p1[PATH_MAX + 64] = "-", p2[PATH_MAX + 64] = "";
    FILE *f1 = stdout, *f2 = NULL;
    int erc = 0;
    if (!strcmp(fmt, "gdelt")) {
        f1 = open_out(dir, "gdelt.export.CSV", p1, sizeof p1);
        f2 = f1 ? open_out(dir, "gdelt.mentions.CSV", p2, sizeof p2) : NULL;
        if (f1 && f2) rc = export_gdelt_tables(s, f1, f2);
        else erc = EXIT_USAGE;
    } else {
        if (dir) f1 = open_out(dir, !strcmp(fmt, "plover") ? "plover.jsonl" : "events.jsonl", p1, sizeof p1);
        if (!f1) erc = EXIT_USAGE;
        else if (!strcmp(fmt, "plover")) rc = export_gdelt_plover(s, f1);
        else rc = export_gdelt_jsonl(s, f1);
    }
    if (rc == SITREP_EDB) fprintf(stderr, "sitrep: %s: %s\n", db_path(o), store_errmsg(s));
    else if (rc) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(rc));
    store_close(s);
    if (f1 != stdout && close_out(f1, p1)) erc = EXIT_USAGE;
    if (close_out(f2, p2)) erc = EXIT_USAGE;
    if (!erc && !rc && !o->quiet && dir)
        fprintf(stderr, "sitrep: wrote %s%s%s\n", p1, *p2 ? " and " : "", p2);
    int crc = close_stdout();
    return rc || erc ? EXIT_USAGE : crc;
}

static void serve_log(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "sitrep: %s\n", line);
}

/* Serves until SIGINT, SIGTERM or SIGHUP, which every thread blocks so
 * that sigwait receives them here; then stops the daemon cleanly. */
static int cmd_serve(const options *o)
{
    if (o->nfiles) return misuse("serve takes no arguments, not '%s'", o->files[0]);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    serve_opts so = {.db = db_path(o), .webdir = o->web, .host = o->host,
                     .port = o->port ? o->port - 1 : 8080, .log = o->verbose ? serve_log : NULL};
    serve *s;
    char err[1024];
    if (serve_start(&so, &s, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return EXIT_USAGE;
    }
    if (!o->quiet)
        fprintf(stderr, "sitrep: serving %s at http://%s:%d/ (Ctrl-C stops)\n", so.db,
                o->host ? o->host : "127.0.0.1", serve_port(s));
    int sig = 0;
    sigwait(&set, &sig);
    serve_stop(s);
    if (!o->quiet) fprintf(stderr, "sitrep: stopped (%s)\n", sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
    return EXIT_OK_;
}

int main(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    o.filter.since = o.filter.until = -1;
    o.files = calloc((size_t)argc + 1, sizeof(char *));
    if (!o.files) return EXIT_USAGE;
    int rc = EXIT_OK_;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEEDARG()                                                        \
    do {                                                                 \
        if (i + 1 >= argc) { rc = misuse("option %s needs a value", a); goto done; } \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            goto done;
        } else if (!strcmp(a, "--date")) { NEEDARG(); o.date = argv[++i]; }
        else if (!strcmp(a, "--data")) { NEEDARG(); o.data = argv[++i]; }
        else if (!strcmp(a, "--actors")) {
            NEEDARG();
            if (o.nactor_files == 32) { rc = misuse("%s", "too many --actors files"); goto done; }
            o.actor_files[o.nactor_files++] = argv[++i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            NEEDARG();
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 64) { rc = misuse("-j wants a number of threads from 1 to 64, not '%s'", argv[i]); goto done; }
            o.jobs = (int)v;
        } else if (!strcmp(a, "--max-doc-bytes")) {
            NEEDARG();
            char *end;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end || !v) { rc = misuse("--max-doc-bytes wants a positive number, not '%s'", argv[i]); goto done; }
            o.max_doc_bytes = (size_t)v;
        } else if (!strcmp(a, "--db")) { NEEDARG(); o.db = argv[++i]; }
        else if (!strcmp(a, "--out")) { NEEDARG(); o.out = argv[++i]; }
        else if (!strcmp(a, "--format")) { NEEDARG(); o.format = argv[++i]; }
        else if (!strcmp(a, "--actor")) { NEEDARG(); o.filter.actor = argv[++i]; }
        else if (!strcmp(a, "--key")) { NEEDARG(); o.filter.key = argv[++i]; }
        else if (!strcmp(a, "--type")) { NEEDARG(); o.filter.type = argv[++i]; }
        else if (!strcmp(a, "--modality")) { NEEDARG(); o.filter.modality = argv[++i]; }
        else if (!strcmp(a, "--text")) { NEEDARG(); o.filter.text = argv[++i]; }
        else if (!strcmp(a, "--since") || !strcmp(a, "--until")) {
            NEEDARG();
            long *d = a[2] == 's' ? &o.filter.since : &o.filter.until;
            if (sitrep_parse_ymd(argv[++i], d)) { rc = misuse("%s wants YYYY-MM-DD", a); goto done; }
        } else if (!strcmp(a, "--min-sources") || !strcmp(a, "--limit") || !strcmp(a, "--batch")) {
            NEEDARG();
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > INT_MAX) { rc = misuse("%s wants a number", a); goto done; }
            if (a[2] == 'm') o.filter.min_sources = (int)v;
            else if (a[2] == 'l') o.filter.limit = (int)v;
            else o.batch = (int)v;
        } else if (!strcmp(a, "--csv")) o.csv = 1;
        else if (!strcmp(a, "--explain")) o.explain = 1;
        else if (!strcmp(a, "--candidates")) o.candidates = 1;
        else if (!strcmp(a, "--no-model")) o.no_model = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) o.quiet = 1;
        else if (!strcmp(a, "--by-doc")) o.by_doc = 1;
        else if (!strcmp(a, "--by-type")) o.by_type = 1;
        else if (!strcmp(a, "--confusion")) o.confusion = 1;
        else if (!strcmp(a, "--errors")) o.errors = 1;
        else if (!strcmp(a, "--json")) o.json = 1;
        else if (!strcmp(a, "--host")) { NEEDARG(); o.host = argv[++i]; }
        else if (!strcmp(a, "--web")) { NEEDARG(); o.web = argv[++i]; }
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) o.verbose = 1;
        else if (!strcmp(a, "--port")) {
            NEEDARG();
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 65535) { rc = misuse("--port wants a number from 0 to 65535, not '%s'", argv[i]); goto done; }
            o.port = (int)v + 1;   /* 0: unset */
        }
        else if (a[0] == '-' && a[1]) { rc = misuse("unknown option '%s'", a); goto done; }
        else if (!o.cmd) o.cmd = a;
        else o.files[o.nfiles++] = a;
    }
    if (!o.cmd) {
        usage(stderr);
        rc = EXIT_USAGE;
    } else if (!strcmp(o.cmd, "code")) rc = cmd_code(&o);
    else if (!strcmp(o.cmd, "eval")) rc = cmd_eval(&o);
    else if (!strcmp(o.cmd, "actors")) rc = cmd_actors(&o);
    else if (!strcmp(o.cmd, "mentions")) rc = cmd_mentions(&o);
    else if (!strcmp(o.cmd, "ingest")) rc = cmd_ingest(&o);
    else if (!strcmp(o.cmd, "watch")) rc = cmd_watch(&o);
    else if (!strcmp(o.cmd, "enqueue")) rc = cmd_enqueue(&o);
    else if (!strcmp(o.cmd, "worker")) rc = cmd_worker(&o);
    else if (!strcmp(o.cmd, "read")) rc = cmd_read(&o);
    else if (!strcmp(o.cmd, "events")) rc = cmd_events(&o);
    else if (!strcmp(o.cmd, "timeline")) rc = cmd_timeline(&o);
    else if (!strcmp(o.cmd, "network")) rc = cmd_network(&o);
    else if (!strcmp(o.cmd, "docs")) rc = cmd_docs(&o);
    else if (!strcmp(o.cmd, "export")) rc = cmd_export(&o);
    else if (!strcmp(o.cmd, "serve")) rc = cmd_serve(&o);
    else if (!strcmp(o.cmd, "version")) {
        printf("sitrep %s\n", SITREP_VERSION);
        rc = close_stdout();
    } else rc = misuse("unknown command '%s'", o.cmd);
done:
    free(o.files);
    return rc;
}
