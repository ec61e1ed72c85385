/* main.c -- the sitrep command line: parses the options into a
 * cli_options (cli.h) and calls the command's function (cmd.h).  The help
 * text and the exit codes it lists live here; the commands, their output
 * and the helpers they share are in cmd_*.c, out.c and cli.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sitrep.h"

static void S_usage(FILE *fp)
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
          "  --differences         eval: the matched pairs whose modality, date or place differ\n"
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

int main(int argc, char **argv)
{
    cli_options o;
    memset(&o, 0, sizeof o);
    o.filter.since = o.filter.until = -1;
    o.files = calloc((size_t)argc + 1, sizeof(char *));
    if (!o.files) return CLI_EXIT_USAGE;
    int rc = CLI_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
#define NEEDARG()                                                        \
    do {                                                                 \
        if (i + 1 >= argc) { rc = cli_misuse("option %s needs a value", a); goto done; } \
    } while (0)
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            S_usage(stdout);
            goto done;
        } else if (!strcmp(a, "--date")) { NEEDARG(); o.date = argv[++i]; }
        else if (!strcmp(a, "--data")) { NEEDARG(); o.data = argv[++i]; }
        else if (!strcmp(a, "--actors")) {
            NEEDARG();
            if (o.nactor_files == 32) { rc = cli_misuse("%s", "too many --actors files"); goto done; }
            o.actor_files[o.nactor_files++] = argv[++i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
            NEEDARG();
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 64) { rc = cli_misuse("-j wants a number of threads from 1 to 64, not '%s'", argv[i]); goto done; }
            o.jobs = (int)v;
        } else if (!strcmp(a, "--max-doc-bytes")) {
            NEEDARG();
            char *end;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (*end || !v) { rc = cli_misuse("--max-doc-bytes wants a positive number, not '%s'", argv[i]); goto done; }
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
            if (sitrep_parse_ymd(argv[++i], d)) { rc = cli_misuse("%s wants YYYY-MM-DD", a); goto done; }
        } else if (!strcmp(a, "--min-sources") || !strcmp(a, "--limit") || !strcmp(a, "--batch")) {
            NEEDARG();
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > INT_MAX) { rc = cli_misuse("%s wants a number", a); goto done; }
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
        else if (!strcmp(a, "--differences")) o.differences = 1;
        else if (!strcmp(a, "--json")) o.json = 1;
        else if (!strcmp(a, "--host")) { NEEDARG(); o.host = argv[++i]; }
        else if (!strcmp(a, "--web")) { NEEDARG(); o.web = argv[++i]; }
        else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) o.verbose = 1;
        else if (!strcmp(a, "--port")) {
            NEEDARG();
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 65535) { rc = cli_misuse("--port wants a number from 0 to 65535, not '%s'", argv[i]); goto done; }
            o.port = (int)v + 1;   /* 0: unset */
        }
        else if (a[0] == '-' && a[1]) { rc = cli_misuse("unknown option '%s'", a); goto done; }
        else if (!o.cmd) o.cmd = a;
        else o.files[o.nfiles++] = a;
    }
    if (!o.cmd) {
        S_usage(stderr);
        rc = CLI_EXIT_USAGE;
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
        rc = cli_close_stdout();
    } else rc = cli_misuse("unknown command '%s'", o.cmd);
done:
    free(o.files);
    return rc;
}

