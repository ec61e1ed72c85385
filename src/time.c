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
 */
#include "time.h"

#include <string.h>

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

static const char *N(const tctx *c, int i)
{
    if (i < c->t0 || i >= c->t1 || !c->tk[i].norm) return "";
    return c->tk[i].norm;
}

static unsigned F(const tctx *c, int i)
{
    return (i >= c->t0 && i < c->t1) ? c->tk[i].flags : 0u;
}

static int is(const tctx *c, int i, const char *w)
{
    return strcmp(N(c, i), w) == 0;
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
    const char *s = N(c, i);
    size_t n = strlen(s);
    if (!(F(c, i) & TOK_CAP)) return 0;
    int m = sitrep_month_name(s, n, full);
    if (!m) return 0;
    *next = i + 1;
    if (!*full && s[n - 1] != '.' && is(c, i + 1, ".") && (F(c, i + 2) & TOK_NUM))
        *next = i + 2;
    return m;
}

static int weekday_at(const tctx *c, int i, int *poss)
{
    static const char *const WD[] = {"monday", "tuesday", "wednesday", "thursday",
                                     "friday", "saturday", "sunday"};
    const char *s = N(c, i);
    size_t n = strlen(s);
    *poss = 0;
    if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's') n -= 2, *poss = 1;
    for (int k = 0; k < 7; k++)
        if (strlen(WD[k]) == n && memcmp(WD[k], s, n) == 0) return k;
    return -1;
}

static int part_of_day(const char *s)
{
    static const char *const POD[] = {"morning", "afternoon", "evening", "night", NULL};
    return in_list(s, POD);
}

/* A count: digits 1..999, "one".."twenty", "a"/"an" (sets *article). */
static int count_at(const tctx *c, int i, int *n, int *article)
{
    static const char *const W[] = {"one", "two", "three", "four", "five", "six", "seven",
                                    "eight", "nine", "ten", "eleven", "twelve", "thirteen",
                                    "fourteen", "fifteen", "sixteen", "seventeen",
                                    "eighteen", "nineteen", "twenty", NULL};
    const char *s = N(c, i);
    size_t d = digit_run(s);
    *article = 0;
    if (d >= 1 && d <= 3 && !s[d]) {
        *n = digits_val(s, d);
        return *n > 0;
    }
    for (int k = 0; W[k]; k++)
        if (strcmp(s, W[k]) == 0) return *n = k + 1, 1;
    if (strcmp(s, "a") == 0 || strcmp(s, "an") == 0) return *n = 1, *article = 1, 1;
    return 0;
}

/* day/days, week(s), month(s), year(s), weekend: U_*, or 0.  Possessive
 * "week's" counts as singular. */
static int unit_of(const char *s, int *plural)
{
    static const char *const U[] = {"day", "week", "month", "year", "weekend"};
    size_t n = strlen(s);
    *plural = 0;
    if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's') n -= 2;
    else if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's') n -= 2, *plural = 1; /* "two weeks' time" */
    else if (n > 1 && s[n - 1] == 's') n--, *plural = 1;
    for (int k = 0; k < 5; k++)
        if (strlen(U[k]) == n && memcmp(U[k], s, n) == 0) return k + 1;
    return 0;
}

/* Modifier before a period: early, mid, late, [the] end|start|beginning|
 * middle of.  Returns its length in tokens. */
static int mod_len(const tctx *c, int i)
{
    static const char *const ONE[] = {"early", "mid", "late", NULL};
    static const char *const PART[] = {"end", "start", "beginning", "middle", NULL};
    if (in_list(N(c, i), ONE)) return 1;
    int j = is(c, i, "the") ? i + 1 : i;
    if (in_list(N(c, j), PART) && is(c, j + 1, "of")) return j + 2 - i;
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

/* Nouns that make a preceding number a count, not a year or a day. */
static int count_noun(const char *s)
{
    static const char *const NOUNS[] = {
        "troops", "soldiers", "people", "men", "women", "children", "civilians", "tanks",
        "vehicles", "refugees", "dollars", "euros", "km", "kilometres", "kilometers",
        "miles", "personnel", "servicemen", "missiles", "drones", "casualties", "deaths",
        "residents", "members", "rounds", "jobs", "cases", "tonnes", "tons", "barrels",
        "metres", "meters", "prisoners", "fighters", "units", "shells", "times", NULL};
    return in_list(s, NOUNS);
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
    if ((yy = year_at(c, i)) > 0 && is(c, i + 1, "-") && is(c, i + 3, "-") &&
        digit_run(N(c, i + 2)) == 2 && digit_run(N(c, i + 4)) == 2 &&
        c->tk[i].end == c->tk[i + 1].start && c->tk[i + 3].end == c->tk[i + 4].start) {
        *m = digits_val(N(c, i + 2), 2);
        *d = digits_val(N(c, i + 4), 2);
        if (*m >= 1 && *m <= 12 && *d >= 1 && *d <= dim(yy, *m) && !N(c, i + 4)[2])
            return *y = yy, i + 5;
        return 0;
    }
    if ((*m = month_at(c, i, &k, &full)) && (*d = mday_at(c, k)) > 0 &&
        !count_noun(N(c, k + 1))) {
        int e = k + 1;
        *mfirst = 1;
        if (is(c, e, ",") && (yy = year_at(c, e + 1)) > 0) *y = yy, e += 2;
        else if ((yy = year_at(c, e)) > 0) *y = yy, e++;
        return *d <= dim(*y ? *y : 2000, *m) ? e : 0;
    }
    if (is(c, i, "the") && is_ordinal(N(c, i + 1))) j++;
    if ((*d = mday_at(c, j)) > 0) {
        k = j + 1;
        if (is(c, k, "of") && is_ordinal(N(c, j))) k++;
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
    static const char *const TO[] = {"to", "through", "until", "till", "-", NULL};
    if (between) return is(c, i, "and") ? i + 1 : 0;
    return in_list(N(c, i), TO) ? i + 1 : 0;
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
        k = is(c, i + 1, ",") ? i + 2 : i + 1;
        if (!parse_date(c, k, &y1, &m1, &d1, &mf)) return 0;
        j = k;
    } else if (is(c, i, "between")) {
        between = 1;
        j++;
    } else if (is(c, i, "from")) {
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
                if (is(c, e2, ",") && year_at(c, e2 + 1) > 0) y2 = year_at(c, e2 + 1), e2 += 2;
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
        if (is(c, e, ",") && year_at(c, e + 1) > 0) y1 = year_at(c, e + 1), e += 2;
        else if (year_at(c, e) > 0) y1 = year_at(c, e), e++;
        if (finish_range(c, y1, m1, d1, y1, m1, d2, v)) return e;
    }
    return 0;
}

/* [last|next|this|early|late] WEEKDAY [morning|afternoon|evening|night] */
static int m_weekday(const tctx *c, int i, tval *v)
{
    static const char *const NAMES[] = {"good", "black", "super", "bloody", "holy", "ash",
                                        "cyber", "maundy", "easter", "palm", NULL};
    static const char *const PAPERS[] = {"times", "telegraph", "express", "mirror", "post",
                                         "herald", "mail", NULL};
    int j = i, mode = WD_BARE, poss;
    if (is(c, i, "last")) mode = WD_LAST, j++;
    else if (is(c, i, "next")) mode = WD_NEXT, j++;
    else if (is(c, i, "this") || is(c, i, "early") || is(c, i, "late")) j++;
    int wd = weekday_at(c, j, &poss);
    if (wd < 0) return 0;
    if (j == i && (F(c, i - 1) & TOK_CAP) && in_list(N(c, i - 1), NAMES)) return 0;
    if (!poss && (F(c, j + 1) & TOK_CAP) && in_list(N(c, j + 1), PAPERS)) return 0;
    j++;
    if (!poss && part_of_day(N(c, j))) j++;
    set(v, resolve_weekday(c, wd, mode), PREC_DAY);
    return j;
}

/* today, tonight, yesterday, tomorrow, the day before/after, this morning,
 * last night, earlier/later today. */
static int m_relday(const tctx *c, int i, tval *v)
{
    static const char *const TODAY[] = {"today", "today's", "tonight", "tonight's", NULL};
    static const char *const YEST[] = {"yesterday", "yesterday's", NULL};
    static const char *const TOM[] = {"tomorrow", "tomorrow's", NULL};
    int j = i, off;
    if ((is(c, i, "earlier") || is(c, i, "later")) && in_list(N(c, i + 1), TODAY)) j++;
    if (in_list(N(c, j), TODAY)) off = 0;
    else if (in_list(N(c, j), YEST)) off = -1;
    else if (in_list(N(c, j), TOM)) off = 1;
    else {
        int k = is(c, i, "the") ? i + 1 : i;
        if (is(c, k, "day") && is(c, k + 1, "before") && is(c, k + 2, "yesterday"))
            return set(v, c->anchor < 0 ? -1 : c->anchor - 2, PREC_DAY), k + 3;
        if (is(c, k, "day") && is(c, k + 1, "after") && is(c, k + 2, "tomorrow"))
            return set(v, c->anchor < 0 ? -1 : c->anchor + 2, PREC_DAY), k + 3;
        if (is(c, i, "this") && part_of_day(N(c, i + 1)) && !is(c, i + 1, "night"))
            return set(v, c->anchor, PREC_DAY), i + 2;
        if (is(c, i, "last") && is(c, i + 1, "night"))
            return set(v, c->anchor < 0 ? -1 : c->anchor - 1, PREC_DAY), i + 2;
        return 0;
    }
    const char *s = N(c, j);
    j++;
    if (s[strlen(s) - 1] != 's' && part_of_day(N(c, j))) j++;
    set(v, c->anchor < 0 ? -1 : c->anchor + off, PREC_DAY);
    return j;
}

/* N units ago, in N units, N units from now. */
static int m_ago(const tctx *c, int i, tval *v)
{
    int j = i, n, art, pl, fut = 0;
    if (is(c, i, "in")) fut = 1, j++;
    if (!count_at(c, j, &n, &art)) return 0;
    int u = unit_of(N(c, j + 1), &pl);
    if (!u || u == U_WEEKEND || pl != (n > 1)) return 0;
    int e = j + 2;
    if (fut) {
        if (c->tense == TENSE_PAST || is(c, e, "of")) return 0;
        if (is(c, e, "'") && is(c, e + 1, "time")) e += 2;
        else if (is(c, e, "time")) e++;
    } else if (is(c, e, "ago")) {
        e++;
    } else if (is(c, e, "from") && is(c, e + 1, "now")) {
        fut = 1;
        e += 2;
    } else {
        return 0;
    }
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
    if (!mod && (is(c, i, "earlier") || is(c, i, "later"))) j++;
    else if (!mod && is(c, i, "over") && is(c, i + 1, "the")) j++, over = 1;
    if (is(c, j, "this")) k = 0;
    else if (is(c, j, "last")) k = -1;
    else if (is(c, j, "next")) k = 1;
    else if (is(c, j, "the")) k = 0, the = 1;
    else return 0;
    /* "the last week", "the next year": spans of time, not periods */
    if (k != 0 && j == i && is(c, i - 1, "the")) return 0;
    j++;
    if (!the && k == 0 && is(c, j, "past")) past = 1, k = -1, j++;
    int u = unit_of(N(c, j), &pl);
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
    static const char *const CTX[] = {"in", "since", "until", "till", "by", "of", "during",
                                      "from", "through", "before", "after", "early", "late",
                                      "mid", "throughout", "between", NULL};
    int mod = mod_len(c, i), j = i + mod, m, full, k, y;
    const char *s = N(c, j);
    if (!mod && strncmp(s, "mid-", 4) == 0) {
        if (!(m = sitrep_month_name(s + 4, strlen(s + 4), &full))) return 0;
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
    if (m == 5 && !mod && !in_list(N(c, i - 1), CTX)) return 0;
    set(v, resolve_month(c, m), PREC_MONTH);
    return k;
}

/* [mod] YYYY after a preposition, mid-2023. */
static int m_year(const tctx *c, int i, tval *v)
{
    static const char *const CTX[] = {"in", "since", "of", "by", "until", "till", "before",
                                      "after", "from", "during", "throughout", "through",
                                      "between", "early", "late", "mid", NULL};
    int mod = mod_len(c, i), j = i + mod, y;
    const char *s = N(c, j);
    if (!mod && strncmp(s, "mid-", 4) == 0 && (y = year_str(s + 4)) > 0) {
        set(v, sitrep_day_from_ymd(y, 1, 1), PREC_YEAR);
        return j + 1;
    }
    if ((y = year_at(c, j)) < 0) return 0;
    if (!mod) {
        const char *p = N(c, i - 1);
        int ok = in_list(p, CTX) ||
                 (strcmp(p, "the") == 0 && in_list(N(c, i - 2), CTX)) ||
                 ((strcmp(p, "to") == 0 || strcmp(p, "and") == 0) && year_at(c, i - 2) > 0);
        if (!ok) return 0;
    }
    if (count_noun(N(c, j + 1))) return 0;
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

/* Can the token be part of a time expression?  Every expression holds one
 * of these within its first six tokens, so positions with none are skipped
 * without trying the matchers. */
static int timeish(const char *w)
{
    static const char *const W[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "today", "tonight", "yesterday", "tomorrow",
        "week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "day", "days",
        "ago", "morning", "afternoon", "evening", "night", "mid", "decade", NULL};
    if (w[0] >= '0' && w[0] <= '9') return 1;
    for (int i = 0; W[i]; i++)
        if (w[0] == W[i][0] && !strncmp(w, W[i], strlen(W[i]))) return 1;
    return 0;
}

int time_find(arena *a, const sr_token *toks, int t0, int t1, long anchor,
              sr_tense tense, sr_timex **out, int *nout)
{
    /* the next time-ish token at or after each position */
    int next_timeish = t1;
    static const char *const PREP[] = {"on", "in", "at", "from", "since", "by", NULL};
    tctx c = {toks, t0, t1, anchor < 0 ? -1 : anchor, tense, 0, 0, 0};
    sr_timex buf[16];
    int nb = 0, total = 0;
    long last_day = -1;   /* the last day-precise expression of this sentence */
    if (c.anchor >= 0) sitrep_ymd_from_day(c.anchor, &c.ay, &c.am, &c.ad);
    for (int i = t0; i < t1;) {
        tval v, v2;
        if (next_timeish < i || next_timeish == t1) {
            next_timeish = i;
            while (next_timeish < t1 && !timeish(toks[next_timeish].norm)) next_timeish++;
        }
        if (next_timeish - i > 6) {
            i = next_timeish - 6;
            continue;
        }
        int start = i, e = match_core(&c, i, &v);
        if (in_list(N(&c, i), PREP)) {
            int e2 = match_core(&c, i + 1, &v2);
            if (e2 > e) e = e2, v = v2;
        }
        if (e <= i && last_day >= 0) {
            /* "the same day", "that same day", "on the same day": the day
             * named last in this sentence ("attacked Kyiv on Monday, and
             * Ukraine asked for help the same day") */
            int k = i + (in_list(N(&c, i), PREP) ? 1 : 0);
            if (k + 2 < t1 && (!strcmp(N(&c, k), "the") || !strcmp(N(&c, k), "that")) &&
                !strcmp(N(&c, k + 1), "same") && !strcmp(N(&c, k + 2), "day")) {
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
