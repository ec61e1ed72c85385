/* merge.h -- stage 8: one line per event.
 *
 * Within a document, events that agree on type, source key, target key,
 * modality and day are the same event (spec/EVENTS.md §3): the first one in
 * text order is kept, with the highest confidence of the group.  Coarser
 * dates (week, month, year) count as no day here, as in the gold files.
 */
#ifndef SITREP_MERGE_H
#define SITREP_MERGE_H

#include "code.h"

/* Removes duplicates in place; returns the new count. */
int merge_doc(sr_event *ev, int n);

/* The identity of an event within its document, written into out:
 * "TYPE|SRC|TGT|modality|YYYY-MM-DD". */
void merge_key(const sr_event *e, char *out, size_t n);

#endif
