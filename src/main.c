/* main.c -- the sitrep command line.  Parses arguments, loads the knowledge
 * bases, runs the pipeline and writes results; the only file that prints
 * to stdout or exits. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eval.h"
#include "json.h"
#include "segment.h"
#include "export.h"
#include "pipeline.h"
#include "read.h"
#include "sitrep.h"

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
          "  code [FILE...]        code articles (JSON Lines, .txt, directories; stdin\n"
          "                        when none or '-') and write event records as JSON Lines\n"
          "  eval GOLD EVENTS      score events against gold annotations (either may be '-')\n"
          "  actors TEXT           show how the actors in TEXT resolve, and why\n"
          "  version               print the version\n"
          "\n"
          "Options:\n"
          "  --date YYYY-MM-DD     publication date for documents that have none\n"
          "  --data DIR            knowledge directory (default: $SITREP_DATA, else the\n"
          "                        data/ folder beside the program)\n"
          "  --actors FILE         add or override actors (any data/actors format)\n"
          "  --explain             code: add the pattern, actor resolution and modality cues\n"
          "  --max-doc-bytes N     reject larger documents (default 16777216)\n"
          "  --by-doc, --by-type, --confusion, --json   eval: extra tables / JSON output\n"
          "  -q, --quiet           no warnings on stderr (errors are still printed)\n"
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
    else rc->warnings++;
    if (lvl == READ_WARN && rc->quiet) return;
    fprintf(stderr, "sitrep: %s: %s", lvl == READ_ERROR ? "error" : "warning", file);
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
    int explain, quiet, by_doc, by_type, confusion, json;
    size_t max_doc_bytes;
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

static int cmd_code(const options *o)
{
    sitrep_kb kb;
    int rc = load_kb(o, &kb);
    if (rc) return rc;
    pipeline_options popt = {-1};
    if (o->date && sitrep_parse_ymd(o->date, &popt.default_day)) {
        pipeline_free(&kb);
        return misuse("--date wants YYYY-MM-DD, not '%s'", o->date);
    }
    report_ctx rctx = {0, 0, o->quiet};
    read_options ropt = {o->max_doc_bytes, report, &rctx};
    reader *r = reader_open(o->files, o->nfiles, &ropt);
    if (!r) {
        pipeline_free(&kb);
        fprintf(stderr, "sitrep: out of memory\n");
        return EXIT_USAGE;
    }
    arena a;
    arena_init(&a);
    buf out;
    buf_init(&out);
    sr_doc doc;
    int st = 0;
    while ((st = reader_next(r, &a, &doc)) == 1) {
        pipeline_result res;
        int prc = pipeline_run(&kb, &a, &doc, &popt, &res);
        if (prc) {
            report(&rctx, READ_ERROR, doc.file, doc.line, doc.id, sitrep_strerror(prc));
        } else {
            if (res.date_note && doc.date_origin != DATE_OPTION)
                report(&rctx, READ_WARN, doc.file, doc.line, doc.id, res.date_note);
            for (int i = 0; i < res.nevents; i++) {
                buf_reset(&out);
                export_event_json(&out, &doc, &res.seg, &res.events[i], o->explain);
                buf_putc(&out, '\n');
                fwrite(out.s, 1, out.len, stdout);
            }
        }
        arena_free(&a);
    }
    if (st < 0) fprintf(stderr, "sitrep: %s\n", sitrep_strerror(st));
    arena_free(&a);
    buf_free(&out);
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
    eval_options eo = {o->by_doc, o->by_type, o->confusion, o->json};
    eval_result res;
    int rc = eval_files(o->files[0], o->files[1], &eo, stdout, stderr, &res);
    int crc = close_stdout();
    if (rc) return EXIT_USAGE;
    return crc;
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
        for (int i = 0; i < n; i++) {
            buf_reset(&out);
            buf_puts(&out, "{\"text\":");
            json_put_strn(&out, t + m[i].start, (size_t)(m[i].end - m[i].start));
            buf_printf(&out, ",\"span\":[%d,%d],\"name\":", m[i].start, m[i].end);
            json_put_str(&out, m[i].name);
            buf_puts(&out, ",\"key\":");
            json_put_str(&out, m[i].key);
            buf_puts(&out, ",\"code\":");
            json_put_str(&out, m[i].code);
            buf_puts(&out, ",\"why\":");
            json_put_str(&out, m[i].why);
            buf_puts(&out, "}\n");
            fwrite(out.s, 1, out.len, stdout);
        }
        buf_free(&out);
    }
    buf_free(&text);
    arena_free(&a);
    pipeline_free(&kb);
    int crc = close_stdout();
    return rc ? rc : crc;
}

int main(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
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
        } else if (!strcmp(a, "--max-doc-bytes")) {
            NEEDARG();
            char *end;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end || !v) { rc = misuse("--max-doc-bytes wants a positive number, not '%s'", argv[i]); goto done; }
            o.max_doc_bytes = (size_t)v;
        } else if (!strcmp(a, "--explain")) o.explain = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) o.quiet = 1;
        else if (!strcmp(a, "--by-doc")) o.by_doc = 1;
        else if (!strcmp(a, "--by-type")) o.by_type = 1;
        else if (!strcmp(a, "--confusion")) o.confusion = 1;
        else if (!strcmp(a, "--json")) o.json = 1;
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
    else if (!strcmp(o.cmd, "version")) {
        printf("sitrep %s\n", SITREP_VERSION);
        rc = close_stdout();
    } else rc = misuse("unknown command '%s'", o.cmd);
done:
    free(o.files);
    return rc;
}
