/* export.h -- stage 10: writing event records.
 *
 * export_event_json renders one event as the contract's JSON record
 * (spec/EVENTS.md §2), one line, no trailing newline, appended to b.
 * With explain, an "explain" object says which pattern fired, how each
 * actor was resolved and which modality cues were seen.
 */
#ifndef SITREP_EXPORT_H
#define SITREP_EXPORT_H

#include "arena.h"
#include "record.h"
#include "segment.h"

int export_event_json(buf *b, const sr_doc *doc, const sr_segmentation *seg, const sr_event *e,
                      int explain);

/* The opening fields every event record shares, from "{\"doc\":" to the
 * modality, without a trailing comma; used for pipeline events and for
 * stored ones (store.c) so the two records cannot drift apart. */
void export_event_head(buf *b, const char *doc, int sent, int start, int end, const char *type,
                       const char *mode, const char *cameo, int quad, double goldstein,
                       const char *modality);

#endif
