/* pipeline.h -- runs the stages for one document: read (done by the
 * caller) -> clean -> segment -> actors -> time -> place -> code -> merge.
 *
 * sitrep_kb holds every knowledge base, loaded once from data/ and
 * read-only afterwards (safe to share between threads).  Results live in
 * the per-document arena passed to pipeline_run.
 */
#ifndef SITREP_PIPELINE_H
#define SITREP_PIPELINE_H

#include "read.h"
#include "record.h"
#include "segment.h"

/* The knowledge bases and the time expressions are opaque here (clean.h,
 * actors.h, lexicon.h, code.h, place.h, learn.h, time.h), so that what
 * includes the pipeline, as the store and the server do, includes no stage. */
typedef struct clean_rules clean_rules;
typedef struct actors_kb actors_kb;
typedef struct lexicon lexicon;
typedef struct coder coder;
typedef struct gazetteer gazetteer;
typedef struct learn_model learn_model;
typedef struct sr_timex sr_timex;

typedef struct {
    clean_rules *clean;
    actors_kb *actors;
    lexicon *lex;
    coder *coder;
    gazetteer *gaz;
    learn_model *model;  /* data/model/events.tsv, or NULL when absent */
    vocab *vocab;        /* every word the knowledge names (vocab.h): the
                          * token ids of segment_text */
} sitrep_kb;

/* Loads data/clean, data/actors, data/lexicon, data/patterns and
 * data/gazetteer from datadir, then each extra actors file.  Returns 0, or
 * a negative code with "file:line: message" in err. */
int pipeline_load(sitrep_kb *kb, const char *datadir, const char *const *actor_files,
                  int nactor_files, char *err, size_t errlen);
void pipeline_free(sitrep_kb *kb);

typedef struct {
    long default_day;    /* --date, or -1 */
    int candidates;      /* every scored candidate of the learned layer,
                          * undeduplicated (code --candidates) */
    int no_model;        /* the rules alone */
} pipeline_options;

typedef struct {
    sr_region *regions;
    int nregions, dropped;
    sr_segmentation seg;
    sr_mention *mentions;
    int nmentions;
    sr_timex *timexes;
    int ntimexes;
    sr_place_ref *places;
    int nplaces;
    sr_event *events;
    int nevents;
    const char *date_note;   /* how the publication date was found, or NULL */
} pipeline_result;

/* Runs every stage on doc.  May set doc->day and doc->date_origin (from
 * --date or a dateline).  Returns 0 or SITREP_ENOMEM. */
int pipeline_run(const sitrep_kb *kb, arena *a, sr_doc *doc, const pipeline_options *opt,
                 pipeline_result *res);

#endif
