/* cli.h -- what the command files share: the parsed command line, the exit
 * codes, and the helpers that report problems, load the knowledge bases and
 * open the inputs and the store path.  main.c fills a cli_options and calls
 * one cmd_* function (cmd.h); only main.c and the cmd_*.c files, the
 * command-line layer, print to stdout or stderr.
 */
#ifndef SITREP_CLI_H
#define SITREP_CLI_H

#include <stddef.h>

#include "pipeline.h"
#include "read.h"
#include "store.h"

/* Exit codes (listed in --help). */
enum {
    CLI_EXIT_OK = 0,        /* success */
    CLI_EXIT_INPUT = 1,     /* some input was bad: reported, skipped, the rest done */
    CLI_EXIT_USAGE = 2,     /* usage error or system failure */
    CLI_EXIT_DATA = 3       /* a knowledge file under data/ is broken */
};

/* The command line, as main.c parsed it. */
typedef struct {
    const char *date, *data, *cmd;
    const char *actor_files[32];
    int nactor_files;
    int explain, quiet, by_doc, by_type, confusion, json, errors, differences;
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
} cli_options;

/* Counts of the problems reported through cli_report; quiet drops all but
 * errors. */
typedef struct {
    int errors, warnings, quiet;
} cli_report_ctx;

/* "sitrep: " + fmt (with arg) + the pointer to --help, on stderr.  Returns
 * CLI_EXIT_USAGE. */
int cli_misuse(const char *fmt, const char *arg);
/* A read_report_fn (read.h) over a cli_report_ctx: one line on stderr. */
void cli_report(void *ctx, read_level lvl, const char *file, long line, const char *id, const char *msg);
/* Flushes and closes stdout: CLI_EXIT_OK, or CLI_EXIT_USAGE (reported). */
int cli_close_stdout(void);
/* The knowledge bases of --data and --actors.  0 or the exit status (the
 * message printed); on 0 the caller frees kb with pipeline_free. */
int cli_load_kb(const cli_options *o, sitrep_kb *kb);
/* The same and the pipeline options (--date, --candidates, --no-model). */
int cli_load_coding(const cli_options *o, sitrep_kb *kb, pipeline_options *popt);
/* A reader over the command's files, reporting through rctx; NULL (with the
 * message printed) when out of memory.  The caller frees it (reader_free). */
reader *cli_open_reader(const cli_options *o, cli_report_ctx *rctx);
/* --db, else "sitrep.db". */
const char *cli_db_path(const cli_options *o);

#endif
