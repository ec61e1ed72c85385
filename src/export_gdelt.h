/* export_gdelt.h -- stage 10b: exports of the corpus store.
 *
 * In:  a store (store.h) after `sitrep ingest`.
 * Out: GDELT 2.0 Event and Mentions tables (tab-separated, the 61 and 16
 *      columns of the GDELT 2.0 Event codebook, in its order), PLOVER-style
 *      JSON Lines (one record per world event, field names of the PLOVER
 *      manual's "JSON Data Fields" chapter), or the contract's event
 *      records (spec/EVENTS.md §2) with "world_event".
 * Files are opened and closed by the caller; these functions only write.
 * Returns 0, SITREP_EIO on a write error, or the store's code.
 */
#ifndef SITREP_EXPORT_GDELT_H
#define SITREP_EXPORT_GDELT_H

#include <stdio.h>

#include "store.h"

#define EXPORT_GDELT_EVENT_COLS 61
#define EXPORT_GDELT_MENTION_COLS 16

/* Events to ev, mentions to mn (mn may be NULL). */
int export_gdelt_tables(store *s, FILE *ev, FILE *mn);
int export_gdelt_plover(store *s, FILE *out);
int export_gdelt_jsonl(store *s, FILE *out);

#endif
