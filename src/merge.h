/* merge.h -- stage 8: one line per event.
 *
 * Within a document, events that agree on type, source key, target key,
 * modality and day are the same event (spec/EVENTS.md §3): the first one in
 * text order is kept, with the highest confidence of the group.  Coarser
 * dates (week, month, year) count as no day here, as in the gold files.
 */
#ifndef SITREP_MERGE_H
#define SITREP_MERGE_H

#include "record.h"

/* Removes duplicates in place; returns the new count. */
int merge_doc(sr_event *ev, int n);

/* The identity of an event within its document, written into out:
 * "TYPE|SRC|TGT|modality|YYYY-MM-DD". */
void merge_key(const sr_event *e, char *out, size_t n);

/* ---- cross-document merging (used by store.c) ----------------------------
 *
 * Events of different documents are one world event when they agree on
 * type, source key and target key (either order for CONSULT, AGREE and
 * COOPERATE), their dates are compatible, their places are compatible, and
 * neither is hypothetical.
 *
 * Dates.  Two dates are compatible within the tolerance of the coarser
 * precision: day +-1, week +-7, month +-31 days, year: the same year.  An
 * undated event is taken to lie in the neighbourhood of its publication
 * date (MERGE_NEAR_DAYS either side): it is compatible with a dated event
 * within that neighbourhood (plus the dated side's tolerance), and with
 * another undated event when their publication dates are that close.  An
 * undated event without a publication date is compatible with any date.
 * A date known only to the year is compatible with an undated event when
 * the year fits and their reports are also that close in publication.
 *
 * Places.  Compatible when either is unknown or both are in one country.
 * When they differ and exactly one of the two lies in the country of the
 * source or the target, they are still compatible: a place in a third
 * country is the weaker reading (often attached from a neighbouring
 * clause), and the actor-country place wins as the best-attested one.
 */
#define MERGE_NEAR_DAYS 45

/* When an event happened, as far as the merge needs it: day (-1 when
 * undated) with its precision, and the range of publication days of the
 * reports [first, last] (-1 when unknown). */
typedef struct {
    long day;
    sitrep_prec prec;
    long first, last;
} merge_when;

/* 1 for the types whose source and target may be swapped. */
int merge_symmetric(const char *type);
/* The actor pair as matched across documents: "SRC|TGT", sorted for
 * symmetric types; NULL keys count as "". */
void merge_pair_key(const char *type, const char *src, const char *tgt, char *out, size_t n);
int merge_dates_compatible(const merge_when *a, const merge_when *b);
/* Countries as ISO3 (NULL or "" when unknown); skey/tkey the actor keys. */
int merge_places_compatible(const char *c1, const char *c2, const char *skey, const char *tkey);
/* A day range [*lo, *hi] such that two compatible whens have overlapping
 * ranges (a prefilter for the database). */
void merge_window(const merge_when *w, long *lo, long *hi);
/* How far apart two compatible whens are (to pick the closest world). */
long merge_distance(const merge_when *a, const merge_when *b);

/* What merging needs of one report, whatever the store behind it. */
typedef struct {
    long long doc;
    const char *doc_id, *source;
    long pub;
    const char *type, *mode, *cameo, *modality;
    int quad;
    double goldstein;
    const char *skey, *sname, *scode, *tkey, *tname, *tcode;
    const char *lname, *lcountry;
    char lkind;
    double lat, lon;
    long day;
    int prec;
} merge_report;

/* The attributes a report votes for in its world event. */
enum { MERGE_V_DOC = 1, MERGE_V_SOURCE, MERGE_V_MODALITY, MERGE_V_DATE, MERGE_V_PLACE, MERGE_V_MODE,
       MERGE_V_ACTORS };

/* Casts one vote: kind and its value; *fresh (when not NULL) says whether
 * the value is new to the world event.  Returns 0 or a negative code. */
typedef int (*merge_vote_fn)(void *ctx, int kind, const char *value, int *fresh);

/* Calls vote for every attribute of r (actors in the world event's order
 * when swapped); *new_doc and *new_src say whether r brings a new article
 * and a new source.  Returns 0 or the first nonzero vote() result. */
int merge_votes(const merge_report *r, int swapped, merge_vote_fn vote, void *ctx, int *new_doc,
                int *new_src);
/* Rank of a modality when votes tie: asserted, planned, negated, hypothetical. */
int merge_modality_rank(const char *m);
/* The pass (0..7) in which a document's event joins world events:
 * asserted first, then planned, negated, hypothetical; within each, the
 * events dated to a day before the others; text order within a pass.  A
 * document gives a world event at most one report (two lines of one
 * document that differ in modality or date are two events to that
 * document), so its best-attested reports choose first: an article's
 * dated account of an event joins the event before its passing undated
 * mention of it ("the strike on Tuesday" before the headline's "strike"). */
int merge_assign_pass(const sr_event *e);
#define MERGE_PASSES 8
/* Splits a TAB-separated vote value in place into at most n fields. */
int merge_split(char *v, char **f, int n);

#define MERGE_MAXPLACES 64

/* A world event's best-attested attributes, computed from its votes:
 * merge_summary_init, merge_summary_add for every (kind, value, count) the
 * store holds, then merge_summary_finish; the store writes the fields. */
typedef struct {
    char mod[32], mods[80], mode[256], actors[1024];
    int modn, moden, actn, present[5];
    long day;              /* best date, or -1 */
    int prec, daten;
    char pvals[MERGE_MAXPLACES][256];
    int pn[MERGE_MAXPLACES], np;
    char place[256], kind[2];
    /* after finish; NULL when the world event has none */
    const char *sname, *scode, *tname, *tcode;   /* actors */
    const char *wmode, *cameo;
    int quad, has_mode;
    double goldstein;
    const char *pname, *pcountry, *pkind;
    double lat, lon;
    int has_place;
} merge_summary;

void merge_summary_init(merge_summary *m);
void merge_summary_add(merge_summary *m, int kind, const char *value, int n);
void merge_summary_finish(merge_summary *m, const char *skey, const char *tkey);

#endif
