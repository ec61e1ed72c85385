/* sitrep.h -- shared definitions for every stage of the pipeline.
 *
 * Error codes: functions return 0 on success or a negative SITREP_E* code,
 * named by sitrep_strerror().  Only the command line (main.c, cli.c,
 * cmd_*.c, out.c) prints or exits.
 * Dates are carried as "YYYY-MM-DD" strings or as day numbers (days since
 * 1970-01-01, see sitrep_day_from_ymd) -- never as struct tm.
 */
#ifndef SITREP_H
#define SITREP_H

#include <stddef.h>

#define SITREP_VERSION "0.1.0"

enum {
    SITREP_OK = 0,
    SITREP_ENOMEM = -1,   /* out of memory */
    SITREP_EIO = -2,      /* read or write failure (errno is set) */
    SITREP_EPARSE = -3,   /* malformed input (JSON, data file) */
    SITREP_EUTF8 = -4,    /* invalid UTF-8 (repaired) */
    SITREP_EEMPTY = -5,   /* empty input */
    SITREP_EBINARY = -6,  /* binary (non-text) input */
    SITREP_ETOOBIG = -7,  /* input over the size limit */
    SITREP_EFIELD = -8,   /* required field missing */
    SITREP_ETYPE = -9,    /* unknown file type */
    SITREP_EDATA = -10,   /* bad line in a data file */
    SITREP_EDB = -11      /* database error */
};

const char *sitrep_strerror(int err);

/* Precision of a resolved date. */
typedef enum {
    PREC_NONE = 0,
    PREC_DAY,
    PREC_WEEK,
    PREC_MONTH,
    PREC_YEAR
} sitrep_prec;

const char *sitrep_prec_name(sitrep_prec p); /* "day", ... or NULL for NONE */

/* Day numbers: days since 1970-01-01 (proleptic Gregorian). */
long sitrep_day_from_ymd(int y, int m, int d);
void sitrep_ymd_from_day(long day, int *y, int *m, int *d);
int sitrep_weekday(long day); /* 0 = Monday ... 6 = Sunday */
/* Parses "YYYY-MM-DD" (also the date part of an ISO 8601 timestamp).
 * Returns 0 and sets *day, or SITREP_EPARSE. */
int sitrep_parse_ymd(const char *s, long *day);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void sitrep_format_day(long day, char *out);
/* Month number of s[0..n) ("march", "mar", "mar.": lower case, an
 * optional final '.'), or 0; *full says whether the name is unabbreviated. */
int sitrep_month_name(const char *s, size_t n, int *full);
/* Finds a dateline within the first ~200 bytes of a text ("Jan. 18 (UPI) --",
 * "GENEVA, Jan 21 (Reuters) -", "WASHINGTON, March 3, 2022 (AP) --";
 * "MOSCOW (AP) --" has no date).  Returns 1 and sets *year (or -1 when the
 * dateline gives none), *month (1-12) and *mday, or returns 0. */
int sitrep_dateline(const char *text, size_t len, int *year, int *month, int *mday);

/* Directory holding data/ (set by main from --data, $SITREP_DATA, or the
 * build-time default). */
#ifndef SITREP_DATADIR
#define SITREP_DATADIR "data"
#endif

#endif
