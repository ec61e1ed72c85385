/* out.c -- query output for the command line (out.h): JSON Lines, CSV or
 * an aligned table of the rows the store's queries give.  The table's
 * widths count code points, so names in any script line up.
 */
#include "out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "sitrep.h"

void out_init(out_ctx *c, int csv, int json)
{
    memset(c, 0, sizeof *c);
    c->mode = csv ? OUT_CSV : json ? OUT_JSON : isatty(1) ? OUT_TABLE : OUT_JSON;
    vec_init(&c->rows, sizeof(char *));
    buf_init(&c->b);
}

void out_csv_cell(buf *b, const char *v)
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
int out_row(void *ctx, int ncols, const char *const *names, const char *const *vals, const int *numeric)
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
                out_csv_cell(&c->b, names[i]);
            }
            buf_puts(&c->b, "\r\n");
            c->header = 1;
        }
        for (int i = 0; i < ncols; i++) {
            if (i) buf_putc(&c->b, ',');
            out_csv_cell(&c->b, vals[i]);
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
static size_t S_u8_width(const char *s, size_t maxw, size_t *bytes)
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

void out_finish(out_ctx *c)
{
    if (c->mode == OUT_TABLE && c->ncols && c->rows.len) {
        enum { MAXW = 48 };
        size_t width[16] = {0}, nrows = c->rows.len / (size_t)c->ncols;
        char **cell = c->rows.data;
        for (int j = 0; j < c->ncols; j++) width[j] = strlen(c->names[j]);
        for (size_t i = 0; i < nrows; i++)
            for (int j = 0; j < c->ncols; j++) {
                size_t w = S_u8_width(cell[i * (size_t)c->ncols + (size_t)j], (size_t)-1, NULL);
                if (w > MAXW) w = MAXW;
                if (w > width[j]) width[j] = w;
            }
        for (int j = 0; j < c->ncols; j++) printf("%-*s%s", (int)width[j], c->names[j], j + 1 < c->ncols ? "  " : "\n");
        for (size_t i = 0; i < nrows; i++)
            for (int j = 0; j < c->ncols; j++) {
                const char *v = cell[i * (size_t)c->ncols + (size_t)j];
                size_t bytes, w = S_u8_width(v, MAXW - 1, &bytes);
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
