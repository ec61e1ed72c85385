/* out.h -- query output for the command line: the rows of `events`,
 * `timeline`, `network` and `docs` as JSON Lines, CSV (RFC 4180, CRLF) or,
 * on a terminal, an aligned table (cells cut at 48 code points).
 * JSON and CSV rows go to stdout as they come; a table is held until
 * out_finish, which prints it and frees what the context holds.
 */
#ifndef SITREP_OUT_H
#define SITREP_OUT_H

#include "arena.h"

enum { OUT_TABLE, OUT_JSON, OUT_CSV };

typedef struct {
    int mode, ncols;
    const char *names[16];
    vec rows;             /* char *[ncols] each, for the table */
    buf b;
    int header;
} out_ctx;

/* --csv, else --json, else a table on a terminal, else JSON Lines. */
void out_init(out_ctx *c, int csv, int json);
/* Appends v as one CSV cell (quoted when it must be; NULL is empty). */
void out_csv_cell(buf *b, const char *v);
/* One row in the chosen format (a store_row_fn, store.h; at most 16
 * columns).  0, SITREP_ENOMEM, or SITREP_EIO when stdout failed. */
int out_row(void *ctx, int ncols, const char *const *names, const char *const *vals, const int *numeric);
/* Prints the table, if any, and frees the context. */
void out_finish(out_ctx *c);

#endif
