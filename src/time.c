/* time.c -- stage 5: temporal expressions (spec/EVENTS.md; gold/README.md
 * "Dates are per mention").
 *
 * In:  the folded tokens of one sentence, the anchor day and a tense hint.
 * Out: sr_timex records in the caller's arena: token span (with a leading
 *      on/in/at/from/since/by), first day, precision and end day.
 * A left-to-right scan tries every matcher at each token; the longest match
 * wins.  Weeks resolve to their Monday, weekends to their Saturday (both
 * PREC_WEEK), months to the 1st, years to 1 January.  Month names must be
 * capitalised; "May" also needs a day, a year or a preposition before it.
 * Words are tested by their vocabulary id (VW_*) and class (VC_*, the word
 * lists below, added by time_vocab) and never compared as strings; the
 * digits of numeric tokens ("18th", "2022-03-24") are parsed from the form.
 */
#include "time.h"

#include <string.h>

/* ---- word lists: each is a class bit of the vocabulary ------------------ */

static const char *const S_PREP[] = {"on", "in", "at", "from", "since", "by", NULL};
/* what makes a bare month ("May") or a bare year a date */
static const char *const S_MCTX[] = {"in", "since", "until", "till", "by", "of", "during",
                                     "from", "through", "before", "after", "early", "late",
                                     "mid", "throughout", "between", NULL};
static const char *const S_YCTX[] = {"in", "since", "of", "by", "until", "till", "before",
                                     "after", "from", "during", "throughout", "through",
                                     "between", "early", "late", "mid", NULL};
/* Nouns that make a preceding number a count, not a year or a day. */
static const char *const S_CNOUN[] = {
    "troops", "soldiers", "people", "men", "women", "children", "civilians", "tanks",
    "vehicles", "refugees", "dollars", "euros", "km", "kilometres", "kilometers",
    "miles", "personnel", "servicemen", "missiles", "drones", "casualties", "deaths",
    "residents", "members", "rounds", "jobs", "cases", "tonnes", "tons", "barrels",
    "metres", "meters", "prisoners", "fighters", "units", "shells", "times", NULL};
/* a capitalised word before a weekday that names a day ("Good Friday"),
 * and after it a newspaper ("Sunday Times") */
static const char *const S_HOLIDAY[] = {"good", "black", "super", "bloody", "holy", "ash",
                                        "cyber", "maundy", "easter", "palm", NULL};
static const char *const S_PAPER[] = {"times", "telegraph", "express", "mirror", "post",
                                      "herald", "mail", NULL};
static const char *const S_POD[] = {"morning", "afternoon", "evening", "night", NULL};
static const char *const S_TODAY[] = {"today", "today's", "tonight", "tonight's", NULL};
static const char *const S_YEST[] = {"yesterday", "yesterday's", NULL};
static const char *const S_TOM[] = {"tomorrow", "tomorrow's", NULL};
static const char *const S_RANGE[] = {"to", "through", "until", "till", "-", NULL};
static const char *const S_MOD[] = {"early", "mid", "late", NULL};
static const char *const S_PART[] = {"end", "start", "beginning", "middle", NULL};

int time_vocab(vocab *v)
{
    static const struct {
        const char *const *list;
        vocab_cls cls;
    } L[] = {{S_PREP, VC_T_PREP},       {S_MCTX, VC_T_MCTX},   {S_YCTX, VC_T_YCTX},
             {S_CNOUN, VC_T_CNOUN},     {S_HOLIDAY, VC_T_HOLIDAY}, {S_PAPER, VC_T_PAPER},
             {S_POD, VC_T_POD},         {S_TODAY, VC_T_TODAY}, {S_YEST, VC_T_YEST},
             {S_TOM, VC_T_TOM},         {S_RANGE, VC_T_RANGE}, {S_MOD, VC_T_MOD},
             {S_PART, VC_T_PART}};
    for (size_t k = 0; k < sizeof L / sizeof L[0]; k++)
        for (const char *const *w = L[k].list; *w; w++)
            if (vocab_add(v, *w, strlen(*w), L[k].cls) < 0) return SITREP_ENOMEM;
    return 0;
}

typedef struct {
    const sr_token *tk;
    int t0, t1;
    long anchor;           /* -1 when unknown */
    sr_tense tense;
    int ay, am, ad;        /* the anchor as a date (when anchor >= 0) */
} tctx;

typedef struct {
    long day, end;
    sitrep_prec prec;
} tval;

typedef int (*tmatcher)(const tctx *, int, tval *);

enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR, U_WEEKEND };
enum { WD_BARE = 0, WD_LAST, WD_NEXT };

/* ---- token helpers ------------------------------------------------------ */

/* The folded form (for the digits of numbers), flags, id and class of
 * token i; outside the sentence "", 0, VOCAB_UNKNOWN and 0. */
static const char *N(const tctx *c, int i)
{
    if (i < c->t0 || i >= c->t1 || !c->tk[i].norm) return "";
    return c->tk[i].norm;
}

static unsigned F(const tctx *c, int i)
{
    return (i >= c->t0 && i < c->t1) ? c->tk[i].flags : 0u;
}

static int ID(const tctx *c, int i)
{
    return (i >= c->t0 && i < c->t1) ? c->tk[i].id : VOCAB_UNKNOWN;
}

static vocab_cls CL(const tctx *c, int i)
{
    return (i >= c->t0 && i < c->t1) ? c->tk[i].cls : 0;
}

static int is(const tctx *c, int i, int id)
{
    return ID(c, i) == id;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return 1;
    return 0;
}

/* Length of the leading run of ASCII digits. */
static size_t digit_run(const char *s)
{
    size_t n = 0;
    while (s[n] >= '0' && s[n] <= '9') n++;
    return n;
}

static int digits_val(const char *s, size_t n)
{
    int v = 0;
    for (size_t k = 0; k < n; k++) v = v * 10 + (s[k] - '0');
    return v;
}

/* A 4-digit year 1900..2100 filling the whole string, else -1. */
static int year_str(const char *s)
{
    if (digit_run(s) != 4 || s[4]) return -1;
    int y = digits_val(s, 4);
    return (y >= 1900 && y <= 2100) ? y : -1;
}

static int year_at(const tctx *c, int i)
{
    return (F(c, i) & TOK_NUM) ? year_str(N(c, i)) : -1;
}

/* A day of the month: "18" or "18th" (1..31), else -1. */
static int mday_str(const char *s)
{
    size_t n = digit_run(s);
    if (n < 1 || n > 2) return -1;
    int v = digits_val(s, n);
    if (s[n]) {
        static const char *const SUF[] = {"st", "nd", "rd", "th", NULL};
        if (!in_list(s + n, SUF)) return -1;
    }
    return (v >= 1 && v <= 31) ? v : -1;
}

static int mday_at(const tctx *c, int i)
{
    return (F(c, i) & TOK_NUM) ? mday_str(N(c, i)) : -1;
}

static int is_ordinal(const char *s)
{
    size_t n = digit_run(s);
    return n > 0 && s[n] != 0 && mday_str(s) > 0;
}

/* "18-20" in one token. */
static int dd_range(const char *s, int *d1, int *d2)
{
    size_t n = digit_run(s);
    if (n < 1 || n > 2 || s[n] != '-') return 0;
    *d1 = digits_val(s, n);
    s += n + 1;
    n = digit_run(s);
    if (n < 1 || n > 2 || s[n]) return 0;
    *d2 = digits_val(s, n);
    return *d1 >= 1 && *d2 <= 31 && *d1 < *d2;
}

/* "2022-03-24" in one token. */
static int iso_str(const char *s, int *y, int *m, int *d)
{
    if (digit_run(s) != 4 || s[4] != '-' || digit_run(s + 5) != 2 || s[7] != '-' ||
        digit_run(s + 8) != 2 || s[10])
        return 0;
    *y = digits_val(s, 4);
    *m = digits_val(s + 5, 2);
    *d = digits_val(s + 8, 2);
    return *y >= 1900 && *y <= 2100 && *m >= 1 && *m <= 12 && *d >= 1;
}

/* ---- names -------------------------------------------------------------- */

/* A capitalised month name at i; *next is the token after it (after a
 * separate "." of an abbreviation when a number follows). */
static int month_at(const tctx *c, int i, int *next, int *full)
{
    if (!(F(c, i) & TOK_CAP) || !(CL(c, i) & VC_MONTH)) return 0;
    int val = vocab_value(ID(c, i)), m = VV_NUM(val);
    *full = (val & VV_FULL) != 0;
    *next = i + 1;
    if (!*full && !(val & VV_DOT) && is(c, i + 1, VW_P_PERIOD) && (F(c, i + 2) & TOK_NUM))
        *next = i + 2;
    return m;
}

/* A weekday at i (0 = Monday), or -1; *poss for "Monday's". */
static int weekday_at(const tctx *c, int i, int *poss)
{
    int val = vocab_value(ID(c, i));
    *poss = (val & VV_POSS) != 0;
    if (!(CL(c, i) & VC_WEEKDAY)) return *poss = 0, -1;
    return VV_NUM(val);
}

static int part_of_day(const tctx *c, int i)
{
    return (CL(c, i) & VC_T_POD) != 0;
}

/* A count: digits 1..999, "one".."twenty", "a"/"an" (sets *article). */
static int count_at(const tctx *c, int i, int *n, int *article)
{
    const char *s = N(c, i);
    size_t d = digit_run(s);
    *article = 0;
    if (d >= 1 && d <= 3 && !s[d]) {
        *n = digits_val(s, d);
        return *n > 0;
    }
    if (!(CL(c, i) & VC_COUNT)) return 0;
    int val = vocab_value(ID(c, i));
    *n = VV_NUM(val);
    *article = (val & VV_ARTICLE) != 0;
    return 1;
}

/* day/days, week(s), month(s), year(s), weekend at i: U_*, or 0.
 * Possessive "week's" counts as singular, "weeks'" as plural. */
static int unit_of(const tctx *c, int i, int *plural)
{
    int val = vocab_value(ID(c, i));
    *plural = (val & VV_PLURAL) != 0;
    if (!(CL(c, i) & VC_UNIT)) return *plural = 0, 0;
    return VV_NUM(val);
}

/* Modifier before a period: early, mid, late, [the] end|start|beginning|
 * middle of.  Returns its length in tokens. */
static int mod_len(const tctx *c, int i)
{
    if (CL(c, i) & VC_T_MOD) return 1;
    int j = is(c, i, VW_THE) ? i + 1 : i;
    if ((CL(c, j) & VC_T_PART) && is(c, j + 1, VW_OF)) return j + 2 - i;
    return 0;
}

/* ---- calendar ----------------------------------------------------------- */

static int dim(int y, int m)
{
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return D[m - 1];
}

/* First day of month m + k of year y (k may be negative). */
static long month_first(int y, int m, int k)
{
    long idx = (long)y * 12 + (m - 1) + k;
    long yy = idx >= 0 ? idx / 12 : -((-idx + 11) / 12);
    return sitrep_day_from_ymd((int)yy, (int)(idx - yy * 12) + 1, 1);
}

static long monday_of(long d)
{
    return d - sitrep_weekday(d);
}

/* Month m, day d without a year: the year putting it nearest the anchor,
 * pushed back (past) or forward (future) when it lands over a week on the
 * wrong side of the anchor. */
static long resolve_md(const tctx *c, int m, int d)
{
    if (c->anchor < 0) return -1;
    int besty = 0;
    long best = 0, bestdist = 0;
    for (int y = c->ay - 1; y <= c->ay + 1; y++) {
        if (d > dim(y, m)) continue;
        long x = sitrep_day_from_ymd(y, m, d);
        long dist = x > c->anchor ? x - c->anchor : c->anchor - x;
        if (!besty || dist < bestdist) besty = y, best = x, bestdist = dist;
    }
    if (!besty) return -1;
    if (c->tense == TENSE_PAST && best > c->anchor + 7 && d <= dim(besty - 1, m))
        best = sitrep_day_from_ymd(besty - 1, m, d);
    else if (c->tense == TENSE_FUTURE && best < c->anchor - 7 && d <= dim(besty + 1, m))
        best = sitrep_day_from_ymd(besty + 1, m, d);
    return best;
}

/* A month named without a year. */
static long resolve_month(const tctx *c, int m)
{
    if (c->anchor < 0) return -1;
    int diff = m - c->am, y = c->ay;
    if (c->tense == TENSE_PAST) y -= diff > 0;
    else if (c->tense == TENSE_FUTURE) y += diff < 0;
    else if (diff >= 6) y--;
    else if (diff < -6) y++;
    return sitrep_day_from_ymd(y, m, 1);
}

static long resolve_weekday(const tctx *c, int wd, int mode)
{
    if (c->anchor < 0) return -1;
    int aw = sitrep_weekday(c->anchor);
    int back = (aw - wd + 7) % 7, fwd = (wd - aw + 7) % 7;
    if (mode == WD_LAST) return c->anchor - (back ? back : 7);
    if (mode == WD_NEXT) return c->anchor + (fwd ? fwd : 7);
    if (c->tense == TENSE_PAST) return c->anchor - back;
    if (c->tense == TENSE_FUTURE) return c->anchor + fwd;
    return back <= 3 ? c->anchor - back : c->anchor + fwd;
}

/* The Saturday of an unqualified "the weekend", by tense. */
static long resolve_weekend(const tctx *c)
{
    if (c->anchor < 0) return -1;
    int aw = sitrep_weekday(c->anchor);
    int back = (aw - 5 + 7) % 7, fwd = (5 - aw + 7) % 7;
    if (c->tense == TENSE_PAST) return c->anchor - (back ? back : 7);
    if (c->tense == TENSE_FUTURE) return c->anchor + fwd;
    return back <= 3 ? c->anchor - back : c->anchor + fwd;
}

/* The period of unit u shifted k units from the anchor's. */
static long resolve_unit(const tctx *c, int u, int k)
{
    if (c->anchor < 0) return -1;
    switch (u) {
    case U_DAY: return c->anchor + k;
    case U_WEEK: return monday_of(c->anchor) + 7L * k;
    case U_WEEKEND: return monday_of(c->anchor) + 5 + 7L * k;
    case U_MONTH: return month_first(c->ay, c->am, k);
    default: return sitrep_day_from_ymd(c->ay + k, 1, 1);
    }
}

static sitrep_prec unit_prec(int u)
{
    switch (u) {
    case U_DAY: return PREC_DAY;
    case U_WEEK: case U_WEEKEND: return PREC_WEEK;
    case U_MONTH: return PREC_MONTH;
    default: return PREC_YEAR;
    }
}

static void set(tval *v, long day, sitrep_prec p)
{
    v->day = v->end = day;
    v->prec = p;
}

/* ---- matchers: each returns the end of its match at i, or 0 ------------- */

/* A noun that makes a preceding number a count, not a year or a day. */
static int count_noun(const tctx *c, int i)
{
    return (CL(c, i) & VC_T_CNOUN) != 0;
}

/* One calendar date: ISO, Month D[, YYYY], [the] D[th] [of] Month [YYYY].
 * *y is 0 when no year is given; *mfirst says the month came first. */
static int parse_date(const tctx *c, int i, int *y, int *m, int *d, int *mfirst)
{
    int k, full, j = i, yy;
    *y = 0;
    *mfirst = 0;
    if ((F(c, i) & TOK_NUM) && iso_str(N(c, i), y, m, d))
        return *d <= dim(*y, *m) ? i + 1 : 0;
    if ((yy = year_at(c, i)) > 0 && is(c, i + 1, VW_P_HYPHEN) && is(c, i + 3, VW_P_HYPHEN) &&
        digit_run(N(c, i + 2)) == 2 && digit_run(N(c, i + 4)) == 2 &&
        c->tk[i].end == c->tk[i + 1].start && c->tk[i + 3].end == c->tk[i + 4].start) {
        *m = digits_val(N(c, i + 2), 2);
        *d = digits_val(N(c, i + 4), 2);
        if (*m >= 1 && *m <= 12 && *d >= 1 && *d <= dim(yy, *m) && !N(c, i + 4)[2])
            return *y = yy, i + 5;
        return 0;
    }
    if ((*m = month_at(c, i, &k, &full)) && (*d = mday_at(c, k)) > 0 &&
        !count_noun(c, k + 1)) {
        int e = k + 1;
        *mfirst = 1;
        if (is(c, e, VW_P_COMMA) && (yy = year_at(c, e + 1)) > 0) *y = yy, e += 2;
        else if ((yy = year_at(c, e)) > 0) *y = yy, e++;
        return *d <= dim(*y ? *y : 2000, *m) ? e : 0;
    }
    if (is(c, i, VW_THE) && is_ordinal(N(c, i + 1))) j++;
    if ((*d = mday_at(c, j)) > 0) {
        k = j + 1;
        if (is(c, k, VW_OF) && is_ordinal(N(c, j))) k++;
        else if (j > i) return 0; /* "the 6th" must say "of" */
        if ((*m = month_at(c, k, &k, &full))) {
            if ((yy = year_at(c, k)) > 0) *y = yy, k++;
            return *d <= dim(*y ? *y : 2000, *m) ? k : 0;
        }
    }
    return 0;
}

/* A range connector after a first date. */
static int range_conn(const tctx *c, int i, int between)
{
    if (between) return is(c, i, VW_AND) ? i + 1 : 0;
    return (CL(c, i) & VC_T_RANGE) ? i + 1 : 0;
}

/* Fills v with the range (y1-m1-d1 .. y2-m2-d2), years 0 when absent. */
static int finish_range(const tctx *c, int y1, int m1, int d1, int y2, int m2, int d2,
                        tval *v)
{
    long a, b;
    if (!y1 && y2) y1 = (m1 > m2 || (m1 == m2 && d1 > d2)) ? y2 - 1 : y2;
    if (y1 && !y2) y2 = (m2 < m1 || (m1 == m2 && d2 < d1)) ? y1 + 1 : y1;
    if (d1 > dim(y1 ? y1 : 2000, m1) || d2 > dim(y2 ? y2 : 2000, m2)) return 0;
    if (y1) {
        a = sitrep_day_from_ymd(y1, m1, d1);
        b = sitrep_day_from_ymd(y2, m2, d2);
    } else {
        a = resolve_md(c, m1, d1);
        if (a == -1) {
            v->day = v->end = -1;
            v->prec = PREC_DAY;
            return 1;
        }
        int ya, ma, da;
        sitrep_ymd_from_day(a, &ya, &ma, &da);
        if (d2 > dim(ya, m2) && d2 > dim(ya + 1, m2)) return 0;
        b = d2 <= dim(ya, m2) ? sitrep_day_from_ymd(ya, m2, d2) : -1;
        if (b <= a) b = sitrep_day_from_ymd(ya + 1, m2, d2);
    }
    if (b <= a || b - a > 366) return 0;
    v->day = a;
    v->end = b;
    v->prec = PREC_DAY;
    return 1;
}

/* Dates and date ranges, with an optional weekday before them. */
static int m_date(const tctx *c, int i, tval *v)
{
    int j = i, between = 0, poss, y1, m1, d1, y2, m2, d2, mf, mf2, e, e2, k, full;
    if (weekday_at(c, i, &poss) >= 0) {
        if (poss) return 0;
        k = is(c, i + 1, VW_P_COMMA) ? i + 2 : i + 1;
        if (!parse_date(c, k, &y1, &m1, &d1, &mf)) return 0;
        j = k;
    } else if (is(c, i, VW_BETWEEN)) {
        between = 1;
        j++;
    } else if (is(c, i, VW_FROM)) {
        j++;
    }
    if ((e = parse_date(c, j, &y1, &m1, &d1, &mf))) {
        if ((k = range_conn(c, e, between))) {
            e2 = parse_date(c, k, &y2, &m2, &d2, &mf2);
            if (!e2 && mf && !y1 && (d2 = mday_at(c, k)) > d1 &&
                !((F(c, k + 1) & TOK_WORD) && !(F(c, k + 1) & TOK_CAP))) {
                m2 = m1;
                e2 = k + 1;
                y2 = 0;
                if (is(c, e2, VW_P_COMMA) && year_at(c, e2 + 1) > 0) y2 = year_at(c, e2 + 1), e2 += 2;
                else if (year_at(c, e2) > 0) y2 = year_at(c, e2), e2++;
            }
            if (e2 && finish_range(c, y1, m1, d1, y2, m2, d2, v)) return e2;
        }
        if (between) return 0;
        if (y1) set(v, sitrep_day_from_ymd(y1, m1, d1), PREC_DAY);
        else set(v, resolve_md(c, m1, d1), PREC_DAY);
        return e;
    }
    /* "18 to 20 February", "between 3 and 5 March" */
    if ((d1 = mday_at(c, j)) > 0 && (k = range_conn(c, j + 1, between)) &&
        (F(c, k) & TOK_NUM) && (e = parse_date(c, k, &y2, &m2, &d2, &mf)) && !mf &&
        d1 < d2 && finish_range(c, y2, m2, d1, y2, m2, d2, v))
        return e;
    /* "18-20 February", "February 18-20" */
    if ((F(c, j) & TOK_NUM) && dd_range(N(c, j), &d1, &d2) && (m1 = month_at(c, j + 1, &k, &full))) {
        y1 = year_at(c, k) > 0 ? year_at(c, k) : 0;
        if (finish_range(c, y1, m1, d1, y1, m1, d2, v)) return y1 ? k + 1 : k;
    }
    if ((m1 = month_at(c, j, &k, &full)) && (F(c, k) & TOK_NUM) && dd_range(N(c, k), &d1, &d2)) {
        e = k + 1;
        y1 = 0;
        if (is(c, e, VW_P_COMMA) && year_at(c, e + 1) > 0) y1 = year_at(c, e + 1), e += 2;
        else if (year_at(c, e) > 0) y1 = year_at(c, e), e++;
        if (finish_range(c, y1, m1, d1, y1, m1, d2, v)) return e;
    }
    return 0;
}

/* [last|next|this|early|late] WEEKDAY [morning|afternoon|evening|night] */
static int m_weekday(const tctx *c, int i, tval *v)
{
    int j = i, mode = WD_BARE, poss;
    if (is(c, i, VW_LAST)) mode = WD_LAST, j++;
    else if (is(c, i, VW_NEXT)) mode = WD_NEXT, j++;
    else if (is(c, i, VW_THIS) || is(c, i, VW_EARLY) || is(c, i, VW_LATE)) j++;
    int wd = weekday_at(c, j, &poss);
    if (wd < 0) return 0;
    if (j == i && (F(c, i - 1) & TOK_CAP) && (CL(c, i - 1) & VC_T_HOLIDAY)) return 0;
    if (!poss && (F(c, j + 1) & TOK_CAP) && (CL(c, j + 1) & VC_T_PAPER)) return 0;
    j++;
    if (!poss && part_of_day(c, j)) j++;
    set(v, resolve_weekday(c, wd, mode), PREC_DAY);
    return j;
}

/* today, tonight, yesterday, tomorrow, the day before/after, this morning,
 * last night, earlier/later today, earlier/later in the day. */
static int m_relday(const tctx *c, int i, tval *v)
{
    int j = i, off;
    if ((is(c, i, VW_EARLIER) || is(c, i, VW_LATER)) && (CL(c, i + 1) & VC_T_TODAY)) j++;
    vocab_cls cl = CL(c, j);
    if (cl & VC_T_TODAY) off = 0;
    else if (cl & VC_T_YEST) off = -1;
    else if (cl & VC_T_TOM) off = 1;
    else {
        int k = is(c, i, VW_THE) ? i + 1 : i;
        if (is(c, k, VW_DAY) && is(c, k + 1, VW_BEFORE) && is(c, k + 2, VW_YESTERDAY))
            return set(v, c->anchor < 0 ? -1 : c->anchor - 2, PREC_DAY), k + 3;
        if (is(c, k, VW_DAY) && is(c, k + 1, VW_AFTER) && is(c, k + 2, VW_TOMORROW))
            return set(v, c->anchor < 0 ? -1 : c->anchor + 2, PREC_DAY), k + 3;
        if (is(c, i, VW_THIS) && part_of_day(c, i + 1) && !is(c, i + 1, VW_NIGHT))
            return set(v, c->anchor, PREC_DAY), i + 2;
        /* "earlier in the day", "later in the day": the day written of */
        if ((is(c, i, VW_EARLIER) || is(c, i, VW_LATER)) && is(c, i + 1, VW_IN) && is(c, i + 2, VW_THE) &&
            is(c, i + 3, VW_DAY))
            return set(v, c->anchor, PREC_DAY), i + 4;
        if (is(c, i, VW_LAST) && is(c, i + 1, VW_NIGHT))
            return set(v, c->anchor < 0 ? -1 : c->anchor - 1, PREC_DAY), i + 2;
        return 0;
    }
    /* "today's", "tonight's", ... take no part of the day after them */
    int id = ID(c, j), poss = id != VW_TODAY && id != VW_TONIGHT && id != VW_YESTERDAY &&
                              id != VW_TOMORROW;
    j++;
    if (!poss && part_of_day(c, j)) j++;
    set(v, c->anchor < 0 ? -1 : c->anchor + off, PREC_DAY);
    return j;
}

/* N units ago, in N units, N units from now. */
static int m_ago(const tctx *c, int i, tval *v)
{
    int j = i, n, art, pl, fut = 0;
    if (is(c, i, VW_IN)) fut = 1, j++;
    if (!count_at(c, j, &n, &art)) return 0;
    int u = unit_of(c, j + 1, &pl);
    if (!u || u == U_WEEKEND || pl != (n > 1)) return 0;
    int e = j + 2;
    if (fut) {
        if (c->tense == TENSE_PAST || is(c, e, VW_OF)) return 0;
        if (is(c, e, VW_P_APOS) && is(c, e + 1, VW_TIME)) e += 2;
        else if (is(c, e, VW_TIME)) e++;
    } else if (is(c, e, VW_AGO)) {
        e++;
    } else if (is(c, e, VW_FROM) && is(c, e + 1, VW_NOW)) {
        fut = 1;
        e += 2;
    } else {
        return 0;
    }
    /* "the first talks in three years", "its biggest protest in decades":
     * after a first or a superlative, "in N units" is how long since, not
     * a date to come */
    static const char *const since[] = {"first", "only", "biggest", "largest", "highest", "lowest", "longest",
                                        "worst", "deadliest", "strongest", "heaviest", "greatest", "sharpest",
                                        "steepest", "smallest", "fastest", "most", "least", "best", NULL};
    for (int b = i - 1; fut && b >= c->t0 && b >= i - 8; b--)
        if (in_list(N(c, b), since)) return 0;
    int k = fut ? n : -n;
    if (u == U_WEEK) set(v, c->anchor < 0 ? -1 : monday_of(c->anchor + 7L * k), PREC_WEEK);
    else set(v, resolve_unit(c, u, k), unit_prec(u));
    return e;
}

/* [mod|earlier|later] this|last|next|the week|month|year|weekend;
 * over the weekend; this past weekend. */
static int m_relunit(const tctx *c, int i, tval *v)
{
    int mod = mod_len(c, i), j = i + mod, k, pl, the = 0, over = 0, past = 0;
    if (!mod && (is(c, i, VW_EARLIER) || is(c, i, VW_LATER))) j++;
    else if (!mod && is(c, i, VW_OVER) && is(c, i + 1, VW_THE)) j++, over = 1;
    if (is(c, j, VW_THIS)) k = 0;
    else if (is(c, j, VW_LAST)) k = -1;
    else if (is(c, j, VW_NEXT)) k = 1;
    else if (is(c, j, VW_THE)) k = 0, the = 1;
    else return 0;
    /* "the last week", "the next year": spans of time, not periods */
    if (k != 0 && j == i && is(c, i - 1, VW_THE)) return 0;
    j++;
    if (!the && k == 0 && is(c, j, VW_PAST)) past = 1, k = -1, j++;
    int u = unit_of(c, j, &pl);
    if (!u || u == U_DAY || pl) return 0;
    if (the && !(u == U_WEEKEND || mod)) return 0;
    if (over && !(the && u == U_WEEKEND)) return 0;
    /* "this weekend, I spoke with him": with a past verb, the weekend just
     * gone (or the one under way on a Saturday or Sunday) */
    if (u == U_WEEKEND && k == 0 && !the && !past && c->tense == TENSE_PAST && c->anchor >= 0) {
        long sat = resolve_unit(c, u, 0);
        set(v, sat <= c->anchor ? sat : sat - 7, PREC_WEEK);
    } else if (u == U_WEEKEND && (the || past)) {
        tctx c2 = *c;
        if (past) c2.tense = TENSE_PAST;
        set(v, resolve_weekend(&c2), PREC_WEEK);
    } else {
        set(v, resolve_unit(c, u, k), unit_prec(u));
    }
    return j + 1;
}

/* [mod] Month [YYYY], mid-March. */
static int m_month(const tctx *c, int i, tval *v)
{
    int mod = mod_len(c, i), j = i + mod, m, full, k, y;
    if (!mod && (CL(c, j) & VC_MIDDASH)) {
        const char *s = c->tk[j].norm + 4;   /* after "mid-" */
        if (!(m = sitrep_month_name(s, strlen(s), &full))) return 0;
        k = j + 1;
        mod = 1;
    } else if (!(m = month_at(c, j, &k, &full))) {
        return 0;
    }
    if ((y = year_at(c, k)) > 0) {
        set(v, sitrep_day_from_ymd(y, m, 1), PREC_MONTH);
        return k + 1;
    }
    if (!full) return 0;
    if (m == 5 && !mod && !(CL(c, i - 1) & VC_T_MCTX)) return 0;
    set(v, resolve_month(c, m), PREC_MONTH);
    return k;
}

/* [mod] YYYY after a preposition, mid-2023. */
static int m_year(const tctx *c, int i, tval *v)
{
    int mod = mod_len(c, i), j = i + mod, y;
    if (!mod && (CL(c, j) & VC_MIDDASH) && (y = year_str(c->tk[j].norm + 4)) > 0) {
        set(v, sitrep_day_from_ymd(y, 1, 1), PREC_YEAR);
        return j + 1;
    }
    if ((y = year_at(c, j)) < 0) return 0;
    if (!mod) {
        int ok = (CL(c, i - 1) & VC_T_YCTX) ||
                 (is(c, i - 1, VW_THE) && (CL(c, i - 2) & VC_T_YCTX)) ||
                 ((is(c, i - 1, VW_TO) || is(c, i - 1, VW_AND)) && year_at(c, i - 2) > 0);
        if (!ok) return 0;
    }
    if (count_noun(c, j + 1)) return 0;
    set(v, sitrep_day_from_ymd(y, 1, 1), PREC_YEAR);
    return j + 1;
}

static int match_core(const tctx *c, int i, tval *best)
{
    static const tmatcher M[] = {m_date, m_weekday, m_relday, m_ago,
                                 m_relunit, m_month, m_year};
    int bend = 0;
    tval v;
    for (size_t k = 0; k < sizeof M / sizeof M[0]; k++) {
        int e = M[k](c, i, &v);
        if (e > bend) bend = e, *best = v;
    }
    return bend > c->t1 ? c->t1 : bend;
}

static int flush(arena *a, const sr_timex *b, int n, sr_timex **out, int *nout)
{
    if (n == 0) return 0;
    sr_timex *p = arena_alloc(a, (size_t)(*nout + n) * sizeof *p);
    if (!p) return SITREP_ENOMEM;
    if (*nout > 0) memcpy(p, *out, (size_t)*nout * sizeof *p);
    memcpy(p + *nout, b, (size_t)n * sizeof *p);
    *out = p;
    *nout += n;
    return 0;
}

/* Can the token be part of a time expression (VC_TIMEISH, a class of the
 * form: vocab_form_class)?  Every expression holds one of these within its
 * first six tokens, so positions with none are skipped without trying the
 * matchers. */

int time_find(arena *a, const sr_token *toks, int t0, int t1, long anchor,
              sr_tense tense, sr_timex **out, int *nout)
{
    /* the next time-ish token at or after each position */
    int next_timeish = t1;
    tctx c = {toks, t0, t1, anchor < 0 ? -1 : anchor, tense, 0, 0, 0};
    sr_timex buf[16];
    int nb = 0, total = 0;
    long last_day = -1;   /* the last day-precise expression of this sentence */
    if (c.anchor >= 0) sitrep_ymd_from_day(c.anchor, &c.ay, &c.am, &c.ad);
    for (int i = t0; i < t1;) {
        tval v, v2;
        if (next_timeish < i || next_timeish == t1) {
            next_timeish = i;
            while (next_timeish < t1 && !(toks[next_timeish].cls & VC_TIMEISH)) next_timeish++;
        }
        if (next_timeish - i > 6) {
            i = next_timeish - 6;
            continue;
        }
        int start = i, e = match_core(&c, i, &v);
        if (CL(&c, i) & VC_T_PREP) {
            int e2 = match_core(&c, i + 1, &v2);
            if (e2 > e) e = e2, v = v2;
        }
        if (e <= i && last_day >= 0) {
            /* "the same day", "that same day", "on the same day": the day
             * named last in this sentence ("attacked Kyiv on Monday, and
             * Ukraine asked for help the same day") */
            int k = i + ((CL(&c, i) & VC_T_PREP) ? 1 : 0);
            if (k + 2 < t1 && (is(&c, k, VW_THE) || is(&c, k, VW_THAT)) &&
                is(&c, k + 1, VW_SAME) && is(&c, k + 2, VW_DAY)) {
                e = k + 3;
                v.day = v.end = last_day;
                v.prec = PREC_DAY;
            }
        }
        if (e <= i) {
            i++;
            continue;
        }
        if (v.prec == PREC_DAY && v.day >= 0) last_day = v.day;
        buf[nb].t0 = start;
        buf[nb].t1 = e;
        buf[nb].day = v.day;
        buf[nb].end_day = v.end;
        buf[nb].prec = v.prec;
        if (++nb == (int)(sizeof buf / sizeof buf[0])) {
            if (flush(a, buf, nb, out, nout) < 0) return SITREP_ENOMEM;
            total += nb;
            nb = 0;
        }
        i = e;
    }
    if (flush(a, buf, nb, out, nout) < 0) return SITREP_ENOMEM;
    return total + nb;
}
