/* sitrep_timex.c -- sitrep's answers on tests/time/expressions.tsv, for the
 * chrono-node comparison (peer/chrono/compare.mjs).
 *
 * In:  the expression table (argv[1]; format in its header).
 * Out: one JSON line per data row on stdout:
 *      {"line":N,"found":[{"text":"on Tuesday","date":"2022-02-22","prec":"day"}]}
 *      with date "-" when unresolved and "START..END" for ranges.
 * Each sentence goes through sitrep's own segmenter (segment_text, one
 * region) and time_find sentence by sentence with the row's anchor and
 * tense, as pipeline.c does (except that pipeline.c has no tense hint).
 * A comparison program, not part of sitrep; it prints.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"
#include "vocab.h"

static vocab *S_vocab;   /* the time tagger's words (time_vocab) */

static void put_json_string(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') printf("\\%c", c);
        else if (c < 0x20) printf("\\u%04x", c);
        else putchar(c);
    }
    putchar('"');
}

/* Splits line into 6 TAB-separated columns in place; returns the count. */
static int split6(char *line, char **col)
{
    int nc = 0;
    for (char *p = line; nc < 6;) {
        col[nc++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
    }
    return nc;
}

static int row(int lineno, char **col)
{
    long anchor = -1;
    if (strcmp(col[0], "-") != 0 && sitrep_parse_ymd(col[0], &anchor) != 0) return -1;
    sr_tense tense = strcmp(col[1], "past") == 0     ? TENSE_PAST
                     : strcmp(col[1], "future") == 0 ? TENSE_FUTURE
                                                     : TENSE_UNKNOWN;
    const char *text = col[2];
    arena a;
    arena_init(&a);
    sr_region reg = {0, (int)strlen(text)};
    sr_segmentation seg;
    sr_timex *tx = NULL;
    int ntx = 0;
    int rc = segment_text(&a, S_vocab, text, &reg, 1, &seg);
    for (int s = 0; rc == 0 && s < seg.nsents; s++) {
        const sr_sentence *se = &seg.sents[s];
        if (time_find(&a, seg.toks, se->tok0, se->tok0 + se->ntok, anchor, tense, &tx, &ntx) < 0)
            rc = SITREP_ENOMEM;
    }
    if (rc) {
        arena_free(&a);
        return rc;
    }
    printf("{\"line\":%d,\"found\":[", lineno);
    for (int k = 0; k < ntx; k++) {
        int s0 = seg.toks[tx[k].t0].start, s1 = seg.toks[tx[k].t1 - 1].end;
        char d1[16], d2[16], date[40];
        if (tx[k].day < 0) {
            snprintf(date, sizeof date, "-");
        } else {
            sitrep_format_day(tx[k].day, d1);
            sitrep_format_day(tx[k].end_day, d2);
            if (tx[k].end_day != tx[k].day) snprintf(date, sizeof date, "%s..%s", d1, d2);
            else snprintf(date, sizeof date, "%s", d1);
        }
        const char *prec = sitrep_prec_name(tx[k].prec);
        printf("%s{\"text\":", k ? "," : "");
        put_json_string(text + s0, (size_t)(s1 - s0));
        printf(",\"date\":\"%s\",\"prec\":\"%s\"}", date, prec ? prec : "-");
    }
    printf("]}\n");
    arena_free(&a);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sitrep_timex tests/time/expressions.tsv\n");
        return 2;
    }
    S_vocab = vocab_new();
    if (!S_vocab || time_vocab(S_vocab)) {
        fprintf(stderr, "sitrep_timex: out of memory\n");
        vocab_free(S_vocab);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        vocab_free(S_vocab);
        return 2;
    }
    char line[2048];
    int lineno = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *col[6];
        if (split6(line, col) != 6 || row(lineno, col) != 0) {
            fprintf(stderr, "%s:%d: bad row\n", argv[1], lineno);
            bad++;
        }
    }
    fclose(f);
    vocab_free(S_vocab);
    return bad ? 1 : 0;
}
