/* code.h -- stage 7: the event coder.
 *
 * In:  data/patterns/NAME.txt (verb and noun patterns with PLOVER type, mode
 *      and CAMEO code), patterns/cameo.tsv (QuadClass, Goldstein),
 *      patterns/modality.tsv (cues), the lexicon, and for each document its
 *      tokens, sentences, actor mentions, time expressions and places.
 * Out: events (spec/EVENTS.md §2) with source, target, modality, date,
 *      location, trigger, confidence and an explanation.
 * The coder is read-only after loading; events live in the caller's arena.
 */
#ifndef SITREP_CODE_H
#define SITREP_CODE_H

#include <stddef.h>

#include "actors.h"
#include "arena.h"
#include "learn.h"
#include "lexicon.h"
#include "place.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"

typedef struct coder coder;

/* Loads every *.txt pattern file of dir (data/patterns) plus cameo.tsv and
 * modality.tsv.  NULL on error with "file:line: message" in err.  The
 * lexicon must outlive the coder. */
coder *coder_load(const char *dir, const lexicon *lx, char *err, size_t errlen);
void coder_free(coder *c);
size_t coder_pattern_count(const coder *c);

typedef enum { MOD_ASSERTED = 0, MOD_PLANNED, MOD_HYPOTHETICAL, MOD_NEGATED } sr_modality;
const char *code_modality_name(sr_modality m);

/* A place found in a sentence. */
typedef struct {
    int t0, t1;
    const sr_place *place;
} sr_place_ref;

/* Everything the coder needs about one document. */
typedef struct {
    const char *text;
    const sr_segmentation *seg;
    const sr_mention *mentions;
    int nmentions;
    const sr_timex *timexes;   /* all sentences, sorted by position */
    int ntimexes;
    const sr_place_ref *places;
    int nplaces;
    long day;                  /* publication day or -1 */
    int first_text_sent;       /* sentences before this come from the title */
    int title;                 /* the text is the document's title */
    const learn_model *model;  /* the learned layer (learn.h), or NULL */
    int candidates;            /* return every scored candidate (training data) */
    const gazetteer *gaz;      /* for a domestic act's country, or NULL */
} code_input;

typedef struct {
    int sent;
    int start, end;            /* evidence span (bytes) */
    const char *type, *mode, *cameo;
    int quad;
    double goldstein;
    sr_modality modality;
    const sr_mention *source, *target;  /* target may be NULL */
    const sr_place *place;     /* may be NULL */
    const char *place_text;
    long day;                  /* -1 when undated */
    sitrep_prec prec;
    const char *date_text;
    const char *trigger;       /* the words that fired the pattern */
    double confidence;
    const char *pattern;       /* "consult.txt:12: meet with $T" */
    const char *cues;          /* modality cues, for --explain */
    int implicit_target;       /* internal: target to be found in the document */
    int trig0, trig1;          /* internal: the trigger's tokens */
    /* set by the pipeline: the text the spans point into (the document's
     * text, or its title when in_title) and the evidence sentence in it */
    const char *base;
    int in_title;
    int ev_start, ev_end;
    /* with code_input.candidates: the candidate's features and score, and
     * whether the rules coded the same keys */
    const char *features;
    double score;
    int rule;
} sr_event;

/* Codes one document.  Returns 0 or SITREP_ENOMEM; *out in a. */
int coder_code(const coder *c, arena *a, const code_input *in, sr_event **out, int *nout);

#endif
