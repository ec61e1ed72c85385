/* sitrep.c -- error names and calendar arithmetic shared by all stages. */
#include "sitrep.h"


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
