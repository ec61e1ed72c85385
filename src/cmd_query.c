/* cmd_query.c -- the commands that read the store: the queries `events`,
 * `timeline`, `network` and `docs` (rows through out.h: table, JSON Lines
 * or CSV), `export` (GDELT tables, PLOVER or contract JSON Lines, to stdout
 * or --out DIR) and `serve` (the web UI until a signal).  The store is
 * opened read-only; none of them codes.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "export_gdelt.h"
#include "out.h"
#include "serve.h"
#include "sitrep.h"

static int S_open_store_ro(const cli_options *o, store **s)
{
    char err[1024];
    struct stat st;
    if (!store_is_url(cli_db_path(o)) && stat(cli_db_path(o), &st)) {
        fprintf(stderr, "sitrep: %s: no such database (run 'sitrep ingest' first)\n", cli_db_path(o));
        return CLI_EXIT_USAGE;
    }
    if (store_open(cli_db_path(o), 1, s, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

static int S_query_done(const cli_options *o, store *s, int rc)
{
    if (rc == SITREP_EDB) fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
    else if (rc) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(rc));
    store_close(s);
    int crc = cli_close_stdout();
    return rc ? CLI_EXIT_USAGE : crc;
}

static int S_events_row(void *ctx, const store_world *w, const store_event *r, int nr)
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
            out_csv_cell(&c->b, names[i]);
            buf_putc(&c->b, ',');
        }
        buf_puts(&c->b, "location,country,num_mentions,num_articles,num_sources,first_seen,last_seen\r\n");
        c->header = 1;
    }
    for (int i = 0; i < 16; i++) {
        out_csv_cell(&c->b, vals[i]);
        buf_putc(&c->b, ',');
    }
    out_csv_cell(&c->b, w->loc.name);
    buf_putc(&c->b, ',');
    out_csv_cell(&c->b, w->loc.country);
    buf_printf(&c->b, ",%s,%s,%s,%s,%s\r\n", nm, na, ns, first, last);
    fwrite(c->b.s, 1, c->b.len, stdout);
    return ferror(stdout) ? SITREP_EIO : 0;
}

int cmd_events(const cli_options *o)
{
    if (o->nfiles) return cli_misuse("events takes no arguments, not '%s' (use --text)", o->files[0]);
    store *s;
    int rc = S_open_store_ro(o, &s);
    if (rc) return rc;
    out_ctx c;
    out_init(&c, o->csv, o->json);
    rc = store_events(s, &o->filter, S_events_row, &c);
    out_finish(&c);
    return S_query_done(o, s, rc);
}

int cmd_timeline(const cli_options *o)
{
    if (o->nfiles != 1) return cli_misuse("%s", "timeline needs one ACTOR (a key such as RUS, or a name)");
    store *s;
    int rc = S_open_store_ro(o, &s);
    if (rc) return rc;
    out_ctx c;
    out_init(&c, o->csv, o->json);
    rc = store_timeline(s, o->files[0], &o->filter, out_row, &c);
    out_finish(&c);
    return S_query_done(o, s, rc);
}

int cmd_network(const cli_options *o)
{
    if (o->nfiles) return cli_misuse("network takes no arguments, not '%s'", o->files[0]);
    store *s;
    int rc = S_open_store_ro(o, &s);
    if (rc) return rc;
    out_ctx c;
    out_init(&c, o->csv, o->json);
    rc = store_network(s, &o->filter, out_row, &c);
    out_finish(&c);
    return S_query_done(o, s, rc);
}

int cmd_docs(const cli_options *o)
{
    if (o->nfiles < 1) return cli_misuse("%s", "docs needs a QUERY");
    buf q;
    buf_init(&q);
    for (int i = 0; i < o->nfiles; i++) {
        if (i) buf_putc(&q, ' ');
        buf_puts(&q, o->files[i]);
    }
    store *s;
    int rc = S_open_store_ro(o, &s);
    if (rc) {
        buf_free(&q);
        return rc;
    }
    out_ctx c;
    out_init(&c, o->csv, o->json);
    rc = store_docs(s, q.s ? q.s : "", o->filter.limit, out_row, &c);
    out_finish(&c);
    buf_free(&q);
    return S_query_done(o, s, rc);
}

static FILE *S_open_out(const char *dir, const char *name, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno));
    return f;
}

static int S_close_out(FILE *f, const char *path)
{
    if (!f) return 0;
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "sitrep: %s: write error\n", path);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

int cmd_export(const cli_options *o)
{
    const char *fmt = o->format ? o->format : "jsonl";
    if (strcmp(fmt, "gdelt") && strcmp(fmt, "plover") && strcmp(fmt, "jsonl"))
        return cli_misuse("--format wants gdelt, plover or jsonl, not '%s'", fmt);
    if (o->nfiles) return cli_misuse("export takes no arguments, not '%s'", o->files[0]);
    const char *dir = o->out ? o->out : !strcmp(fmt, "gdelt") ? "." : NULL;
    if (dir && mkdir(dir, 0777) && errno != EEXIST) {
        fprintf(stderr, "sitrep: %s: %s\n", dir, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    store *s;
    int rc = S_open_store_ro(o, &s);
    if (rc) return rc;
    char p1[PATH_MAX + 64] = "-", p2[PATH_MAX + 64] = "";
    FILE *f1 = stdout, *f2 = NULL;
    int erc = 0;
    if (!strcmp(fmt, "gdelt")) {
        f1 = S_open_out(dir, "gdelt.export.CSV", p1, sizeof p1);
        f2 = f1 ? S_open_out(dir, "gdelt.mentions.CSV", p2, sizeof p2) : NULL;
        if (f1 && f2) rc = export_gdelt_tables(s, f1, f2);
        else erc = CLI_EXIT_USAGE;
    } else {
        if (dir) f1 = S_open_out(dir, !strcmp(fmt, "plover") ? "plover.jsonl" : "events.jsonl", p1, sizeof p1);
        if (!f1) erc = CLI_EXIT_USAGE;
        else if (!strcmp(fmt, "plover")) rc = export_gdelt_plover(s, f1);
        else rc = export_gdelt_jsonl(s, f1);
    }
    if (rc == SITREP_EDB) fprintf(stderr, "sitrep: %s: %s\n", cli_db_path(o), store_errmsg(s));
    else if (rc) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(rc));
    store_close(s);
    if (f1 != stdout && S_close_out(f1, p1)) erc = CLI_EXIT_USAGE;
    if (S_close_out(f2, p2)) erc = CLI_EXIT_USAGE;
    if (!erc && !rc && !o->quiet && dir)
        fprintf(stderr, "sitrep: wrote %s%s%s\n", p1, *p2 ? " and " : "", p2);
    int crc = cli_close_stdout();
    return rc || erc ? CLI_EXIT_USAGE : crc;
}

static void S_serve_log(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "sitrep: %s\n", line);
}

/* Serves until SIGINT, SIGTERM or SIGHUP, which every thread blocks so
 * that sigwait receives them here; then stops the daemon cleanly. */
int cmd_serve(const cli_options *o)
{
    if (o->nfiles) return cli_misuse("serve takes no arguments, not '%s'", o->files[0]);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    serve_opts so = {.db = cli_db_path(o), .webdir = o->web, .host = o->host,
                     .port = o->port ? o->port - 1 : 8080, .log = o->verbose ? S_serve_log : NULL};
    serve *s;
    char err[1024];
    if (serve_start(&so, &s, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return CLI_EXIT_USAGE;
    }
    if (!o->quiet)
        fprintf(stderr, "sitrep: serving %s at http://%s:%d/ (Ctrl-C stops)\n", so.db,
                o->host ? o->host : "127.0.0.1", serve_port(s));
    int sig = 0;
    sigwait(&set, &sig);
    serve_stop(s);
    if (!o->quiet) fprintf(stderr, "sitrep: stopped (%s)\n", sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP");
    return CLI_EXIT_OK;
}
