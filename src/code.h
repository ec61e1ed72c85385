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
#include "record.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"

typedef struct coder coder;

/* Loads every *.txt pattern file of dir (data/patterns) plus cameo.tsv and
 * modality.tsv, and adds the coder's word classes to voc (vocab.h: the
 * tokens coded must come from segment_text with voc).  NULL on error with
 * "file:line: message" in err.  The lexicon must outlive the coder. */
coder *coder_load(const char *dir, const lexicon *lx, vocab *voc, char *err, size_t errlen);
void coder_free(coder *c);
size_t coder_pattern_count(const coder *c);

/* Looks up once the weights of the model's features that take few values
 * or name a lemma or a word, for coder_code with that model (with another,
 * or before this call, it looks every feature up by name: the same scores,
 * more slowly); voc is the coder's (read only).  Returns 0 or
 * SITREP_ENOMEM.  Call it at load, before the coder is shared; m must
 * outlive the coder or the next call; NULL forgets the model. */
int coder_bind_model(coder *c, const learn_model *m, const vocab *voc);

/* A self-check for the tests: the tables built at load answer for the
 * words of voc, the coder's own words and many words near the lemmas the
 * coder asks about as the lexicon does.  Returns 0, or -1 with the first
 * word that differs in err (SITREP_ENOMEM when out of memory). */
int coder_check(const coder *c, const vocab *voc, char *err, size_t errlen);

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

/* Codes one document.  Returns 0 or SITREP_ENOMEM; *out in a. */
int coder_code(const coder *c, arena *a, const code_input *in, sr_event **out, int *nout);

#endif
