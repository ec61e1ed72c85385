/* time.h -- stage 5: temporal expressions.
 *
 * In:  the tokens of one sentence, the document's anchor day (publication
 *      date, or -1 when unknown) and a tense hint per expression.
 * Out: time expressions found in the sentence with their resolved day,
 *      precision and token span.
 * Reads no data files (month and weekday names are English and built in).
 * Words are tested by id and class only (vocab.h): the tokens must come
 * from a vocabulary that time_vocab has seen.
 */
#ifndef SITREP_TIME_H
#define SITREP_TIME_H

#include "segment.h"
#include "sitrep.h"

typedef enum {
    TENSE_UNKNOWN = 0, /* resolve weekdays to the nearest occurrence */
    TENSE_PAST,        /* weekdays look back ("met on Tuesday") */
    TENSE_FUTURE       /* weekdays look forward ("will meet on Tuesday") */
} sr_tense;

typedef struct sr_timex {
    int t0, t1;          /* token span [t0, t1) (absolute token indices) */
    long day;            /* first day of the period, or -1 if unresolved */
    sitrep_prec prec;    /* PREC_DAY, PREC_WEEK, PREC_MONTH, PREC_YEAR */
    long end_day;        /* last day for ranges ("from 18 to 20 February"), else == day */
} sr_timex;

/* Adds the time tagger's word lists to v as class bits (VC_T_*); the
 * months, weekdays, units and count words are well-known words of every
 * vocabulary.  Load time.  Returns 0 or SITREP_ENOMEM. */
int time_vocab(vocab *v);

/* Finds every temporal expression in toks[t0 .. t1).  anchor is the
 * document date as a day number (sitrep_day_from_ymd) or -1; tense gives
 * the direction for bare weekdays.  Appends to *out (allocated in a).
 * Returns the number found (>= 0) or SITREP_ENOMEM. */
int time_find(arena *a, const sr_token *toks, int t0, int t1, long anchor,
              sr_tense tense, sr_timex **out, int *nout);

#endif
