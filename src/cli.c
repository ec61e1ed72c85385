/* cli.c -- the command-line layer's shared helpers (cli.h): problem
 * reports on stderr, the knowledge directory (--data, $SITREP_DATA, data/
 * beside the program), the closing check of stdout, the reader over a
 * command's files.  Prints only to stderr.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sitrep.h"

int cli_misuse(const char *fmt, const char *arg)
{
    fputs("sitrep: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nsee 'sitrep --help'\n", stderr);
    return CLI_EXIT_USAGE;
}

void cli_report(void *ctx, read_level lvl, const char *file, long line, const char *id, const char *msg)
{
    cli_report_ctx *rc = ctx;
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
static const char *S_find_datadir(const char *opt, char *buf, size_t n)
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

int cli_close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "sitrep: error writing output: %s\n", strerror(errno));
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

int cli_load_kb(const cli_options *o, sitrep_kb *kb)
{
    char dbuf[PATH_MAX + 32], err[1024];
    const char *dir = S_find_datadir(o->data, dbuf, sizeof dbuf);
    if (pipeline_load(kb, dir, o->actor_files, o->nactor_files, err, sizeof err)) {
        fprintf(stderr, "sitrep: %s\n", err);
        return CLI_EXIT_DATA;
    }
    return 0;
}

/* Knowledge bases and the pipeline options of --date, for the commands
 * that code documents.  Returns 0 or the exit status to give. */
int cli_load_coding(const cli_options *o, sitrep_kb *kb, pipeline_options *popt)
{
    int rc = cli_load_kb(o, kb);
    if (rc) return rc;
    popt->default_day = -1;
    popt->candidates = o->candidates;
    popt->no_model = o->no_model;
    if (o->date && sitrep_parse_ymd(o->date, &popt->default_day)) {
        pipeline_free(kb);
        return cli_misuse("--date wants YYYY-MM-DD, not '%s'", o->date);
    }
    return 0;
}

/* A reader over the command's files, reporting through rctx.  NULL (with
 * the message printed) when out of memory. */
reader *cli_open_reader(const cli_options *o, cli_report_ctx *rctx)
{
    read_options ropt = {o->max_doc_bytes, cli_report, rctx};
    reader *r = reader_open(o->files, o->nfiles, &ropt);
    if (!r) fprintf(stderr, "sitrep: out of memory\n");
    return r;
}

const char *cli_db_path(const cli_options *o)
{
    return o->db ? o->db : "sitrep.db";
}
