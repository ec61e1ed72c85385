/* test_time.c -- unit tests for time.c (stage 5, temporal expressions).
 *
 * Replays tests/time/expressions.tsv (argv[1]; see its header for the
 * format) through time_find, using a small tokenizer of its own that
 * follows segment.c's rules, then checks sitrep_dateline (sitrep.c) on
 * written datelines and weekday direction around every anchor weekday.
 */
#include "time.h"
#include "tests.h"

#include <ctype.h>
#include <stdlib.h>

#define MAXTOK 256

/* ---- a tiny tokenizer (segment.c's rules, ASCII plus UTF-8 dashes) ------ */

static int is_abbrev(const char *s, size_t n)
{
    static const char *const AB[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                     "sep", "sept", "oct", "nov", "dec", "mr", "mrs",
                                     "dr", "gen", "st", NULL};
    for (int k = 0; AB[k]; k++) {
        if (strlen(AB[k]) != n) continue;
        size_t i = 0;
        while (i < n && tolower((unsigned char)s[i]) == AB[k][i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

/* The vocabulary the tokens are tagged with (vocab.h), built once. */
static vocab *S_vocab;

static int tokenize(arena *a, const char *s, sr_token *t, int max)
{
    size_t p = 0, len = strlen(s);
    int n = 0;
    while (p < len && n < max) {
        unsigned char ch = (unsigned char)s[p];
        size_t q = p + 1;
        unsigned flags;
        char *norm;
        if (ch == ' ' || ch == '\t') {
            p++;
            continue;
        }
        if (isalnum(ch)) {
            int numeric = isdigit(ch) != 0;
            for (;;) {
                if (q < len && isalnum((unsigned char)s[q])) q++;
                else if (q + 1 < len && s[q] == '-' && isalnum((unsigned char)s[q + 1])) q += 2;
                else if (q + 1 < len && s[q] == '\'' && isalpha((unsigned char)s[q + 1])) q += 2;
                else if (numeric && q + 1 < len && (s[q] == '.' || s[q] == ',') &&
                         isdigit((unsigned char)s[q + 1]))
                    q += 2;
                else break;
            }
            if (!numeric && q < len && s[q] == '.' && is_abbrev(s + p, q - p)) q++;
            flags = numeric ? TOK_NUM : TOK_WORD;
            if (isupper(ch)) flags |= TOK_CAP;
            int letters = 0, lower = 0;
            for (size_t k = p; k < q; k++) {
                letters += isalpha((unsigned char)s[k]) != 0;
                lower += islower((unsigned char)s[k]) != 0;
            }
            if (letters >= 2 && !lower) flags |= TOK_UPPER;
            norm = arena_strndup(a, s + p, q - p);
            if (!norm) return -1;
            for (char *c = norm; *c; c++) *c = (char)tolower((unsigned char)*c);
        } else if (ch == 0xE2 && p + 2 < len && (unsigned char)s[p + 1] == 0x80 &&
                   ((unsigned char)s[p + 2] == 0x93 || (unsigned char)s[p + 2] == 0x94)) {
            q = p + 3;
            flags = TOK_PUNCT;
            norm = arena_strdup(a, "-");
        } else {
            while (ch >= 0x80 && q < len && ((unsigned char)s[q] & 0xC0) == 0x80) q++;
            flags = TOK_PUNCT | (ch == '"' ? TOK_QUOTE : 0u);
            norm = arena_strndup(a, s + p, q - p);
        }
        if (!norm) return -1;
        if (n == 0) flags |= TOK_SENTSTART;
        t[n].start = (int)p;
        t[n].end = (int)q;
        t[n].norm = norm;
        t[n].flags = flags;
        n++;
        p = q;
    }
    segment_tag(S_vocab, t, n);
    return n;
}

/* ---- the expression table ----------------------------------------------- */

/* Drops one leading "on |in |at |from |since |by " (any case). */
static const char *strip_prep(const char *s)
{
    static const char *const P[] = {"on ", "in ", "at ", "from ", "since ", "by ", NULL};
    for (int k = 0; P[k]; k++) {
        size_t n = strlen(P[k]), i = 0;
        while (i < n && s[i] && tolower((unsigned char)s[i]) == P[k][i]) i++;
        if (i == n) return s + n;
    }
    return s;
}

/* Rewrites a " ; "-separated list of expected texts with preps stripped. */
static void norm_expected(const char *in, char *out, size_t cap)
{
    char tmp[512];
    size_t o = 0;
    snprintf(tmp, sizeof tmp, "%s", in);
    out[0] = 0;
    for (char *item = tmp, *next; item; item = next) {
        next = strstr(item, " ; ");
        if (next) *next = 0, next += 3;
        o += (size_t)snprintf(out + o, o < cap ? cap - o : 0, "%s%s", o ? " ; " : "",
                              strip_prep(item));
        if (o >= cap) return;
    }
}

static int append(char *out, size_t cap, const char *sep, const char *s)
{
    size_t o = strlen(out);
    int w = snprintf(out + o, cap - o, "%s%s", o ? sep : "", s);
    return w >= 0 && (size_t)w < cap - o;
}

static int run_table(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    int lineno = 0, pass = 0, fail = 0;
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *col[6];
        int nc = 0;
        for (char *p = line; nc < 6; nc++) {
            col[nc] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                nc++;
                break;
            }
            *tab = 0;
            p = tab + 1;
        }
        if (nc != 6) {
            fprintf(stderr, "%s:%d: want 6 columns, got %d\n", path, lineno, nc);
            fail++;
            continue;
        }
        long anchor = -1;
        if (strcmp(col[0], "-") != 0 && sitrep_parse_ymd(col[0], &anchor) != 0) {
            fprintf(stderr, "%s:%d: bad anchor '%s'\n", path, lineno, col[0]);
            fail++;
            continue;
        }
        sr_tense tense = strcmp(col[1], "past") == 0     ? TENSE_PAST
                         : strcmp(col[1], "future") == 0 ? TENSE_FUTURE
                                                         : TENSE_UNKNOWN;
        arena a;
        sr_token toks[MAXTOK];
        sr_timex *out = NULL;
        int nout = 0;
        arena_init(&a);
        int nt = tokenize(&a, col[2], toks, MAXTOK);
        int r = nt < 0 ? SITREP_ENOMEM : time_find(&a, toks, 0, nt, anchor, tense, &out, &nout);
        char gtext[512] = "", gdate[512] = "", gprec[256] = "", etext[512];
        for (int k = 0; r >= 0 && k < nout; k++) {
            char span[256], d1[16], d2[16], dd[40];
            int s0 = toks[out[k].t0].start, s1 = toks[out[k].t1 - 1].end;
            snprintf(span, sizeof span, "%.*s", s1 - s0, col[2] + s0);
            append(gtext, sizeof gtext, " ; ", strip_prep(span));
            if (out[k].day == -1) {
                snprintf(dd, sizeof dd, "-");
            } else {
                sitrep_format_day(out[k].day, d1);
                sitrep_format_day(out[k].end_day, d2);
                if (out[k].end_day != out[k].day) snprintf(dd, sizeof dd, "%s..%s", d1, d2);
                else snprintf(dd, sizeof dd, "%s", d1);
            }
            append(gdate, sizeof gdate, " ; ", dd);
            const char *pn = sitrep_prec_name(out[k].prec);
            append(gprec, sizeof gprec, " ; ", pn ? pn : "?");
        }
        if (r >= 0 && nout == 0) {
            strcpy(gtext, "-");
            strcpy(gdate, "-");
            strcpy(gprec, "-");
        }
        norm_expected(col[3], etext, sizeof etext);
        if (r >= 0 && r == nout && strcmp(gtext, etext) == 0 && strcmp(gdate, col[4]) == 0 &&
            strcmp(gprec, col[5]) == 0) {
            pass++;
        } else {
            fail++;
            fprintf(stderr,
                    "%s:%d: \"%s\" (anchor %s, %s)\n    want: %s | %s | %s\n    got:  %s | %s | %s\n",
                    path, lineno, col[2], col[0], col[1], etext, col[4], col[5], gtext, gdate,
                    gprec);
        }
        arena_free(&a);
    }
    fclose(f);
    printf("time expressions: %d passed, %d failed\n", pass, fail);
    tests_passed += pass;
    tests_failed += fail;
    return 0;
}

/* ---- direct checks ------------------------------------------------------ */

static void check_dateline(const char *text, int want, int wy, int wm, int wd)
{
    int y = 0, m = 0, d = 0;
    int r = sitrep_dateline(text, strlen(text), &y, &m, &d);
    CHECK_INT(r, want);
    if (r != want) fprintf(stderr, "    dateline: %.60s\n", text);
    if (want && r) {
        CHECK_INT(y, wy);
        CHECK_INT(m, wm);
        CHECK_INT(d, wd);
    }
}

static void test_datelines(void)
{
    char big[400];
    check_dateline("Jan. 18 (UPI) -- The Pentagon put troops on alert.", 1, -1, 1, 18);
    check_dateline("GENEVA, Jan 21 (Reuters) \xe2\x80\x93 Talks ended early.", 1, -1, 1, 21);
    check_dateline("WASHINGTON, March 3, 2022 (AP) \xe2\x80\x94 Lawmakers voted.", 1, 2022, 3, 3);
    check_dateline("KYIV, Ukraine, Feb. 24 (Reuters) - Blasts were heard.", 1, -1, 2, 24);
    check_dateline("March 3, 2022 -- Officials gathered in the capital.", 1, 2022, 3, 3);
    check_dateline("LONDON, 5 March (Reuters) - Ministers met.", 1, -1, 3, 5);
    check_dateline("Soldiers stand near a checkpoint.\nMOSCOW, Dec. 6 (AP) -- A court ruled.",
                   1, -1, 12, 6);
    check_dateline("NEW YORK, Sept. 5th, 2021 -- Diplomats met.", 1, 2021, 9, 5);
    check_dateline("BERLIN, May 9 - The chancellor spoke.", 1, -1, 5, 9);
    check_dateline("ROME, Italy, 12 April 2023 (AFP) - Talks began.", 1, 2023, 4, 12);
    /* negatives */
    check_dateline("MOSCOW (AP) -- Russian officials denied the report.", 0, 0, 0, 0);
    check_dateline("March 3 was the coldest day of the year.", 0, 0, 0, 0);
    check_dateline("The talks on March 3 (Reuters) ended without a deal.", 0, 0, 0, 0);
    check_dateline("", 0, 0, 0, 0);
    check_dateline("Jan. 45 (UPI) -- Nothing happened.", 0, 0, 0, 0);
    check_dateline("Maybe the talks (Reuters) - resume soon.", 0, 0, 0, 0);
    check_dateline("Feb. 30 (UPI) -- No such day.", 0, 0, 0, 0);
    memset(big, 'x', 250);
    strcpy(big + 250, "\nGENEVA, Jan 21 (Reuters) - Late dateline.");
    check_dateline(big, 0, 0, 0, 0);
    /* a length shorter than the string stops the scan */
    int y, m, d;
    CHECK_INT(sitrep_dateline("Jan. 18 (UPI) -- x", 5, &y, &m, &d), 0);
}

/* Runs one sentence; returns the number found (first one in *x). */
static int find1(const char *s, long anchor, sr_tense tense, sr_timex *x)
{
    arena a;
    sr_token toks[MAXTOK];
    sr_timex *out = NULL;
    int nout = 0;
    arena_init(&a);
    int nt = tokenize(&a, s, toks, MAXTOK);
    int r = time_find(&a, toks, 0, nt, anchor, tense, &out, &nout);
    if (r > 0) *x = out[0];
    arena_free(&a);
    return r;
}

static void test_weekday_direction(void)
{
    static const char *const WD[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};
    long base = sitrep_day_from_ymd(2022, 2, 21); /* a Monday */
    for (long anchor = base; anchor < base + 7; anchor++) {
        for (int w = 0; w < 7; w++) {
            char s[64];
            sr_timex x;
            long past = anchor, fut = anchor;
            while (sitrep_weekday(past) != w) past--;
            while (sitrep_weekday(fut) != w) fut++;
            snprintf(s, sizeof s, "They met on %s.", WD[w]);
            CHECK_INT(find1(s, anchor, TENSE_PAST, &x), 1);
            CHECK_INT(x.day, past);
            CHECK(x.day <= anchor && anchor - x.day < 7);
            CHECK_INT(find1(s, anchor, TENSE_FUTURE, &x), 1);
            CHECK_INT(x.day, fut);
            CHECK(x.day >= anchor && x.day - anchor < 7);
            CHECK_INT(find1(s, anchor, TENSE_UNKNOWN, &x), 1);
            CHECK(x.day - anchor >= -3 && x.day - anchor <= 3);
            CHECK_INT(sitrep_weekday(x.day), w);
            snprintf(s, sizeof s, "They met last %s.", WD[w]);
            CHECK_INT(find1(s, anchor, TENSE_UNKNOWN, &x), 1);
            CHECK_INT(x.day, past == anchor ? anchor - 7 : past);
            snprintf(s, sizeof s, "They meet next %s.", WD[w]);
            CHECK_INT(find1(s, anchor, TENSE_UNKNOWN, &x), 1);
            CHECK_INT(x.day, fut == anchor ? anchor + 7 : fut);
            CHECK_INT(x.t0, 2);
            CHECK_INT(x.t1, 4);
        }
    }
}

static void test_api(void)
{
    arena a;
    sr_token toks[MAXTOK];
    sr_timex *out = NULL, x;
    int nout = 0;
    long anchor = sitrep_day_from_ymd(2022, 2, 24);
    arena_init(&a);
    /* appending: two calls accumulate in *out */
    int nt = tokenize(&a, "Yesterday and tomorrow.", toks, MAXTOK);
    CHECK_INT(time_find(&a, toks, 0, nt, anchor, TENSE_UNKNOWN, &out, &nout), 2);
    CHECK_INT(time_find(&a, toks, 0, 1, anchor, TENSE_UNKNOWN, &out, &nout), 1);
    CHECK_INT(nout, 3);
    CHECK_INT(out[0].day, anchor - 1);
    CHECK_INT(out[1].day, anchor + 1);
    CHECK_INT(out[2].day, anchor - 1);
    CHECK_INT(out[1].t0, 2);
    CHECK_INT(out[1].end_day, anchor + 1);
    /* a sub-range of the tokens: only "tomorrow" is seen */
    nout = 0;
    CHECK_INT(time_find(&a, toks, 1, nt, anchor, TENSE_UNKNOWN, &out, &nout), 1);
    CHECK_INT(out[0].t0, 2);
    /* more expressions than the internal buffer holds */
    char s[1024] = "";
    for (int k = 0; k < 40; k++) strcat(s, k % 2 ? "today , " : "yesterday , ");
    nt = tokenize(&a, s, toks, MAXTOK);
    nout = 0;
    CHECK_INT(time_find(&a, toks, 0, nt, anchor, TENSE_PAST, &out, &nout), 40);
    CHECK_INT(nout, 40);
    CHECK_INT(out[39].day, anchor);
    CHECK_INT(out[38].day, anchor - 1);
    CHECK_INT(out[39].t0, 78);
    /* an ISO date split into five adjacent tokens is still one date */
    {
        static const char *const W[] = {"2022", "-", "03", "-", "24"};
        sr_token iso[5];
        for (int k = 0; k < 5; k++) {
            iso[k].start = k == 0 ? 0 : iso[k - 1].end;
            iso[k].end = iso[k].start + (int)strlen(W[k]);
            iso[k].norm = W[k];
            iso[k].flags = k % 2 ? TOK_PUNCT : TOK_NUM;
        }
        segment_tag(S_vocab, iso, 5);
        nout = 0;
        CHECK_INT(time_find(&a, iso, 0, 5, -1, TENSE_PAST, &out, &nout), 1);
        CHECK_INT(out[0].t1, 5);
        CHECK_INT(out[0].day, sitrep_day_from_ymd(2022, 3, 24));
        CHECK_INT(out[0].prec, PREC_DAY);
    }
    /* empty input */
    nout = 0;
    CHECK_INT(time_find(&a, toks, 0, 0, anchor, TENSE_PAST, &out, &nout), 0);
    CHECK_INT(nout, 0);
    arena_free(&a);
    /* the anchor's own precision conventions */
    CHECK_INT(find1("This weekend.", anchor, TENSE_UNKNOWN, &x), 1);
    CHECK_INT(sitrep_weekday(x.day), 5);
    CHECK_INT(x.prec, PREC_WEEK);
    CHECK_INT(find1("Next week.", anchor, TENSE_UNKNOWN, &x), 1);
    CHECK_INT(sitrep_weekday(x.day), 0);
    CHECK_INT(find1("Since May.", -1, TENSE_PAST, &x), 1);
    CHECK_INT(x.day, -1);
    CHECK_INT(x.prec, PREC_MONTH);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "tests/time/expressions.tsv";
    S_vocab = vocab_new();
    CHECK(S_vocab && time_vocab(S_vocab) == 0);
    if (run_table(path) < 0) tests_failed++;
    test_datelines();
    test_weekday_direction();
    test_api();
    vocab_free(S_vocab);
    return TESTS_DONE("time");
}
