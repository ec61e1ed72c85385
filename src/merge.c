/* merge.c -- stage 8: deduplication of a document's events (merge.h). */
#include "merge.h"

#include <stdio.h>
#include <string.h>

void merge_key(const sr_event *e, char *out, size_t n)
{
    char day[11] = "";
    if (e->day >= 0 && e->prec == PREC_DAY) sitrep_format_day(e->day, day);
    snprintf(out, n, "%s|%s|%s|%s|%s", e->type, e->source ? e->source->key : "",
             e->target ? e->target->key : "", code_modality_name(e->modality), day);
}

int merge_doc(sr_event *ev, int n)
{
    int kept = 0;
    char ki[128], kj[128];
    for (int i = 0; i < n; i++) {
        merge_key(&ev[i], ki, sizeof ki);
        int dup = -1;
        for (int j = 0; j < kept && dup < 0; j++) {
            merge_key(&ev[j], kj, sizeof kj);
            if (!strcmp(ki, kj)) dup = j;
        }
        if (dup >= 0) {
            if (ev[i].confidence > ev[dup].confidence) ev[dup].confidence = ev[i].confidence;
            if (!ev[dup].place && ev[i].place) {
                ev[dup].place = ev[i].place;
                ev[dup].place_text = ev[i].place_text;
            }
            continue;
        }
        if (kept != i) ev[kept] = ev[i];
        kept++;
    }
    return kept;
}
