/* cmd_code.c -- the commands that read and code documents without a store:
 * `code` (event records, contract §2, through batch.c's threads in input
 * order), `mentions` and `actors` (actor mentions), `read` (the documents
 * as contract §1 JSON Lines) and `eval` (the scorer of contract §4).
 * Records go to stdout, problems to stderr (cli_report).
 */
#include <stdio.h>
#include <string.h>

#include "actors.h"
#include "batch.h"
#include "cmd.h"
#include "eval.h"
#include "export.h"
#include "json.h"
#include "segment.h"
#include "sitrep.h"

typedef struct {
    const sitrep_kb *kb;
    const pipeline_options *popt;
    const cli_options *o;
    cli_report_ctx *rctx;
} code_ctx;

/* Worker thread: one document through the pipeline, rendered into slot->out. */
static void S_code_work(void *ctx, batch_slot *slot)
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
static int S_code_emit(void *ctx, batch_slot *slot)
{
    code_ctx *c = ctx;
    const sr_doc *doc = &slot->doc;
    const pipeline_result *res = slot->user;
    if (slot->rc) {
        cli_report(c->rctx, READ_ERROR, doc->file, doc->line, doc->id, sitrep_strerror(slot->rc));
        return 0;
    }
    if (res && res->date_note && doc->date_origin != DATE_OPTION)
        cli_report(c->rctx, READ_WARN, doc->file, doc->line, doc->id, res->date_note);
    if (slot->out.len) fwrite(slot->out.s, 1, slot->out.len, stdout);
    return 0;
}

int cmd_code(const cli_options *o)
{
    sitrep_kb kb;
    pipeline_options popt;
    int rc = cli_load_coding(o, &kb, &popt);
    if (rc) return rc;
    cli_report_ctx rctx = {0, 0, o->quiet};
    reader *r = cli_open_reader(o, &rctx);
    if (!r) {
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
    }
    code_ctx ctx = {&kb, &popt, o, &rctx};
    int jobs = o->jobs > 0 ? o->jobs : 1;
    int st = batch_run(r, jobs, jobs > 1 ? 64 * jobs : 1, S_code_work, &ctx, S_code_emit, &ctx);
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    reader_free(r);
    pipeline_free(&kb);
    int crc = cli_close_stdout();
    if (crc) return crc;
    if (st < 0) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

int cmd_eval(const cli_options *o)
{
    if (o->nfiles != 2) return cli_misuse("%s", "eval needs two files: GOLD EVENTS");
    eval_options eo = {o->by_doc, o->by_type, o->confusion, o->json, o->errors, o->differences};
    eval_result res;
    int rc = eval_files(o->files[0], o->files[1], &eo, stdout, stderr, &res);
    int crc = cli_close_stdout();
    if (rc) return CLI_EXIT_USAGE;
    return crc;
}

/* One actor mention as a JSON line (doc may be NULL). */
static void S_put_mention(buf *out, const char *doc, const char *text, const sr_mention *m)
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
int cmd_mentions(const cli_options *o)
{
    sitrep_kb kb;
    pipeline_options popt;
    int rc = cli_load_coding(o, &kb, &popt);
    if (rc) return rc;
    cli_report_ctx rctx = {0, 0, o->quiet};
    reader *r = cli_open_reader(o, &rctx);
    if (!r) {
        pipeline_free(&kb);
        return CLI_EXIT_USAGE;
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
            for (int i = 0; i < res.nmentions; i++) S_put_mention(&out, doc.id, doc.text, &res.mentions[i]);
        arena_free(&a);
    }
    arena_free(&a);
    buf_free(&out);
    reader_free(r);
    pipeline_free(&kb);
    int crc = cli_close_stdout();
    if (crc) return crc;
    if (st < 0) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}

int cmd_actors(const cli_options *o)
{
    if (o->nfiles < 1) return cli_misuse("%s", "actors needs a TEXT argument");
    sitrep_kb kb;
    int rc = cli_load_kb(o, &kb);
    if (rc) return rc;
    long day = -1;
    if (o->date && sitrep_parse_ymd(o->date, &day)) {
        pipeline_free(&kb);
        return cli_misuse("--date wants YYYY-MM-DD, not '%s'", o->date);
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
    if (!t || segment_text(&a, kb.vocab, t, &reg, 1, &seg) || actors_find(kb.actors, &a, t, &seg, NULL, NULL, day, &m, &n)) {
        fprintf(stderr, "sitrep: out of memory\n");
        rc = CLI_EXIT_USAGE;
    } else {
        buf out;
        buf_init(&out);
        for (int i = 0; i < n; i++) S_put_mention(&out, NULL, t, &m[i]);
        buf_free(&out);
    }
    buf_free(&text);
    arena_free(&a);
    pipeline_free(&kb);
    int crc = cli_close_stdout();
    return rc ? rc : crc;
}

/* `sitrep read`: the documents the readers make of the inputs (HTML pages,
 * WARC records, ...) as JSON Lines in the input format of contract §1;
 * nothing is coded.  For checking extraction and timing the readers. */
int cmd_read(const cli_options *o)
{
    cli_report_ctx rctx = {0, 0, o->quiet};
    reader *r = cli_open_reader(o, &rctx);
    if (!r) return CLI_EXIT_USAGE;
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
    int crc = cli_close_stdout();
    if (crc) return crc;
    if (st < 0) return CLI_EXIT_USAGE;
    return rctx.errors ? CLI_EXIT_INPUT : CLI_EXIT_OK;
}
