/* sitrep.c -- error names and calendar arithmetic shared by all stages:
 * day numbers, month names, and the date of a dateline. */
#include "sitrep.h"

#include <string.h>

const char *sitrep_strerror(int err)
{
    switch (err) {
    case SITREP_OK: return "success";
    case SITREP_ENOMEM: return "out of memory";
    case SITREP_EIO: return "read or write failure";
    case SITREP_EPARSE: return "malformed input";
    case SITREP_EUTF8: return "invalid UTF-8";
    case SITREP_EEMPTY: return "empty input";
    case SITREP_EBINARY: return "binary input";
    case SITREP_ETOOBIG: return "input too large";
    case SITREP_EFIELD: return "required field missing";
    case SITREP_ETYPE: return "unknown file type";
    case SITREP_EDATA: return "bad data file";
    case SITREP_EDB: return "database error";
    }
    return "unknown error";
}

const char *sitrep_prec_name(sitrep_prec p)
{
    switch (p) {
    case PREC_DAY: return "day";
    case PREC_WEEK: return "week";
    case PREC_MONTH: return "month";
    case PREC_YEAR: return "year";
    default: return NULL;
    }
}

/* Howard Hinnant's days_from_civil. */
long sitrep_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sitrep_ymd_from_day(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp + (mp < 10 ? 3 : -9);
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

int sitrep_weekday(long day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    long w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

int sitrep_parse_ymd(const char *s, long *day)
{
    int v[3] = {0, 0, 0};
    const int w[3] = {4, 2, 2};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < w[k]; i++, s++) {
            if (*s < '0' || *s > '9') return SITREP_EPARSE;
            v[k] = v[k] * 10 + (*s - '0');
        }
        if (k < 2 && *s++ != '-') return SITREP_EPARSE;
    }
    /* after the date: end, or the time part of an ISO 8601 timestamp */
    if (*s && *s != 'T' && *s != 't' && *s != ' ') return SITREP_EPARSE;
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1]))
        return SITREP_EPARSE;
    *day = sitrep_day_from_ymd(v[0], v[1], v[2]);
    return 0;
}

void sitrep_format_day(long day, char *out)
{
    int y, m, d;
    sitrep_ymd_from_day(day, &y, &m, &d);
    unsigned uy = (unsigned)(y < 0 ? 0 : y) % 10000u, um = (unsigned)m % 100u, ud = (unsigned)d % 100u;
    out[0] = (char)('0' + uy / 1000); out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10); out[3] = (char)('0' + uy % 10);
    out[4] = '-'; out[5] = (char)('0' + um / 10); out[6] = (char)('0' + um % 10);
    out[7] = '-'; out[8] = (char)('0' + ud / 10); out[9] = (char)('0' + ud % 10);
    out[10] = 0;
}

/* ---- month names -------------------------------------------------------- */

static const struct {
    const char *name;
    int month, full;
} MONTHS[] = {
    {"january", 1, 1},   {"jan", 1, 0},  {"february", 2, 1}, {"feb", 2, 0},
    {"march", 3, 1},     {"mar", 3, 0},  {"april", 4, 1},    {"apr", 4, 0},
    {"may", 5, 1},       {"june", 6, 1}, {"jun", 6, 0},      {"july", 7, 1},
    {"jul", 7, 0},       {"august", 8, 1}, {"aug", 8, 0},    {"september", 9, 1},
    {"sept", 9, 0},      {"sep", 9, 0},  {"october", 10, 1}, {"oct", 10, 0},
    {"november", 11, 1}, {"nov", 11, 0}, {"december", 12, 1}, {"dec", 12, 0},
};

/* Month number of s[0..n) (lower case, optional final '.'), or 0. */
int sitrep_month_name(const char *s, size_t n, int *full)
{
    if (n > 0 && s[n - 1] == '.') n--;
    for (size_t k = 0; k < sizeof MONTHS / sizeof MONTHS[0]; k++) {
        if (strlen(MONTHS[k].name) == n && memcmp(MONTHS[k].name, s, n) == 0) {
            *full = MONTHS[k].full;
            return MONTHS[k].month;
        }
    }
    return 0;
}

/* ---- datelines ---------------------------------------------------------- */

static int up(char ch) { return ch >= 'A' && ch <= 'Z'; }
static int low(char ch) { return ch >= 'a' && ch <= 'z'; }
static int dig(char ch) { return ch >= '0' && ch <= '9'; }

static size_t skip_sp(const char *s, size_t n, size_t p)
{
    while (p < n && (s[p] == ' ' || s[p] == '\t')) p++;
    return p;
}

/* A month name at *p (first letter upper case), with an optional '.'. */
static int dl_month(const char *s, size_t n, size_t *p)
{
    char w[12];
    size_t q = *p, k = 0;
    int full;
    if (q >= n || !up(s[q])) return 0;
    while (q < n && (up(s[q]) || low(s[q])) && k < sizeof w - 1)
        w[k++] = (char)(s[q++] | 0x20);
    if (q < n && (up(s[q]) || low(s[q]))) return 0;
    int m = sitrep_month_name(w, k, &full);
    if (!m) return 0;
    if (q < n && s[q] == '.') q++;
    *p = q;
    return m;
}

/* 1-2 digits with an optional ordinal suffix. */
static int dl_mday(const char *s, size_t n, size_t *p)
{
    size_t q = *p;
    int v = 0, k = 0;
    while (q < n && dig(s[q]) && k < 3) v = v * 10 + (s[q++] - '0'), k++;
    if (k < 1 || k > 2 || v < 1 || v > 31) return -1;
    if (q + 1 < n && ((s[q] == 's' && s[q + 1] == 't') || (s[q] == 'n' && s[q + 1] == 'd') ||
                      (s[q] == 'r' && s[q + 1] == 'd') || (s[q] == 't' && s[q + 1] == 'h')))
        q += 2;
    if (q < n && (low(s[q]) || up(s[q]) || dig(s[q]))) return -1;
    *p = q;
    return v;
}

/* [, ] YYYY -- optional. */
static int dl_year(const char *s, size_t n, size_t *p)
{
    size_t q = *p;
    if (q < n && s[q] == ',') q++;
    q = skip_sp(s, n, q);
    if (q + 4 > n) return -1;
    int y = 0;
    for (int k = 0; k < 4; k++) {
        if (!dig(s[q + k])) return -1;
        y = y * 10 + (s[q + k] - '0');
    }
    if (q + 4 < n && (dig(s[q + 4]) || low(s[q + 4]) || up(s[q + 4]))) return -1;
    if (y < 1900 || y > 2100) return -1;
    *p = q + 4;
    return y;
}

/* "Month D[, YYYY]" or "D Month [YYYY]" at *p. */
static int dl_date(const char *s, size_t n, size_t *p, int *y, int *m, int *d)
{
    size_t q = *p;
    if (q < n && up(s[q])) {
        if (!(*m = dl_month(s, n, &q))) return 0;
        size_t r = skip_sp(s, n, q);
        if (r == q && s[q - 1] != '.') return 0;
        if ((*d = dl_mday(s, n, &r)) < 0) return 0;
        q = r;
    } else if (q < n && dig(s[q])) {
        if ((*d = dl_mday(s, n, &q)) < 0) return 0;
        size_t r = skip_sp(s, n, q);
        if (r == q || !(*m = dl_month(s, n, &r))) return 0;
        q = r;
    } else {
        return 0;
    }
    *y = dl_year(s, n, &q);
    if (*d > days_in_month(*y > 0 ? *y : 2000, *m)) return 0;
    *p = q;
    return 1;
}

/* An agency parenthetical or a dash separator at p. */
static int dl_sep(const char *s, size_t n, size_t p)
{
    p = skip_sp(s, n, p);
    if (p >= n) return 0;
    if (s[p] == '(') {
        for (size_t q = p + 1; q < n && q < p + 48 && s[q] != '\n'; q++)
            if (s[q] == ')') return 1;
        return 0;
    }
    if (s[p] == '-') return 1;
    return p + 2 < n && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
           ((unsigned char)s[p + 2] == 0x93 || (unsigned char)s[p + 2] == 0x94);
}

static int dl_line(const char *s, size_t n, size_t p, int *y, int *m, int *d)
{
    size_t q = skip_sp(s, n, p);
    size_t r = q;
    if (dl_date(s, n, &r, y, m, d) && dl_sep(s, n, r)) return 1;
    /* an all-caps place and a comma */
    int caps = 0;
    r = q;
    while (r < n && (up(s[r]) || s[r] == ' ' || s[r] == '.' || s[r] == '\'' || s[r] == '-' ||
                     (unsigned char)s[r] >= 0x80)) {
        caps += up(s[r]);
        r++;
    }
    if (caps < 2 || r >= n || s[r] != ',') return 0;
    for (int extra = 0; extra < 3; extra++) {
        r = skip_sp(s, n, r + 1);
        size_t t = r;
        if (dl_date(s, n, &t, y, m, d)) return 1;
        /* skip a region name: "KYIV, Ukraine, Feb. 24" */
        if (r >= n || !up(s[r])) return 0;
        t = r;
        while (t < n && t < r + 40 && (up(s[t]) || low(s[t]) || s[t] == ' ' || s[t] == '.'))
            t++;
        if (t >= n || s[t] != ',') return 0;
        r = t;
    }
    return 0;
}

int sitrep_dateline(const char *text, size_t len, int *year, int *month, int *mday)
{
    size_t lim = len < 200 ? len : 200;
    int y, m, d;
    for (size_t p = 0; p < lim;) {
        if (dl_line(text, len, p, &y, &m, &d)) {
            *year = y;
            *month = m;
            *mday = d;
            return 1;
        }
        while (p < lim && text[p] != '\n') p++;
        p++;
    }
    return 0;
}
