/* pipeline.c -- one document through every stage (pipeline.h). */
#include "pipeline.h"

#include <stdio.h>
#include <string.h>

#include "merge.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"

void pipeline_free(sitrep_kb *kb)
{
    clean_free(kb->clean);
    actors_free(kb->actors);
    coder_free(kb->coder);
    lexicon_free(kb->lex);
    gazetteer_free(kb->gaz);
    memset(kb, 0, sizeof *kb);
}

int pipeline_load(sitrep_kb *kb, const char *datadir, const char *const *actor_files,
                  int nactor_files, char *err, size_t errlen)
{
    char path[4096];
    memset(kb, 0, sizeof *kb);
    snprintf(path, sizeof path, "%s/clean/rules.txt", datadir);
    if (!(kb->clean = clean_load(path, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/actors", datadir);
    if (!(kb->actors = actors_load(path, err, errlen))) goto fail;
    for (int i = 0; i < nactor_files; i++)
        if (actors_add_file(kb->actors, actor_files[i], err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/lexicon", datadir);
    if (!(kb->lex = lexicon_load(path, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/patterns", datadir);
    if (!(kb->coder = coder_load(path, kb->lex, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/gazetteer/places.tsv", datadir);
    if (!(kb->gaz = gazetteer_load(path, err, errlen))) goto fail;
    return 0;
fail:
    pipeline_free(kb);
    return SITREP_EDATA;
}

/* The latest day-precise date with an explicit year in the text, or -1. */
static long S_latest_full_date(arena *a, const sr_doc *doc)
{
    sr_region reg = {0, (int)doc->text_len};
    sr_segmentation seg;
    if (segment_text(a, doc->text, &reg, 1, &seg)) return -1;
    sr_timex *tx = NULL;
    int n = 0;
    for (int s = 0; s < seg.nsents; s++)
        if (time_find(a, seg.toks, seg.sents[s].tok0, seg.sents[s].tok0 + seg.sents[s].ntok, -1, TENSE_UNKNOWN, &tx,
                      &n) < 0)
            return -1;
    long latest = -1;
    for (int i = 0; i < n; i++)
        if (tx[i].day >= 0 && tx[i].prec == PREC_DAY && tx[i].day > latest) latest = tx[i].day;
    return latest;
}

/* The publication date: given, else --date, else a dateline with a year,
 * else a dateline whose year the text's own dates settle. */
static void S_date(sr_doc *doc, const pipeline_options *opt, arena *a, pipeline_result *res)
{
    if (doc->day >= 0) return;
    int y, m, d;
    int dl = time_dateline(doc->text, doc->text_len, &y, &m, &d);
    if (opt->default_day >= 0) {
        doc->day = opt->default_day;
        doc->date_origin = DATE_OPTION;
        res->date_note = "no date in the document; using --date";
        return;
    }
    if (dl && y > 0) {
        doc->day = sitrep_day_from_ymd(y, m, d);
        doc->date_origin = DATE_DATELINE;
        res->date_note = "no date in the document; taken from its dateline";
        return;
    }
    if (dl) {
        /* a dateline without a year ("Jan. 18 (UPI) --"): the year that puts
         * it on or after the latest full date the text gives ("on December
         * 18, 2021"), when that date is less than a year before it */
        long latest = S_latest_full_date(a, doc);
        if (latest >= 0) {
            int ly, lm, ld;
            sitrep_ymd_from_day(latest, &ly, &lm, &ld);
            long cand = sitrep_day_from_ymd(ly, m, d);
            if (cand < latest) cand = sitrep_day_from_ymd(ly + 1, m, d);
            if (cand - latest <= 366) {
                doc->day = cand;
                doc->date_origin = DATE_DATELINE;
                res->date_note = arena_printf(a, "no date in the document; inferred from its dateline (%02d-%02d) and the latest full date in the text", m, d);
                return;
            }
        }
    }
    res->date_note = dl ? arena_printf(a, "no date in the document; its dateline (%02d-%02d) has no year; relative dates left unresolved (use --date)", m, d)
                        : "no date in the document and no dateline; relative dates left unresolved (use --date)";
}

int pipeline_run(const sitrep_kb *kb, arena *a, sr_doc *doc, const pipeline_options *opt,
                 pipeline_result *res)
{
    memset(res, 0, sizeof *res);
    S_date(doc, opt, a, res);
    int n = clean_text(kb->clean, a, doc->text, doc->text_len, doc->title, &res->regions, &res->dropped);
    if (n < 0) return n;
    res->nregions = n;
    int rc = segment_text(a, doc->text, res->regions, res->nregions, &res->seg);
    if (rc) return rc;
    sr_segmentation tseg;
    int have_title = 0;
    if (doc->title && *doc->title) {
        sr_region treg = {0, (int)strlen(doc->title)};
        rc = segment_text(a, doc->title, &treg, 1, &tseg);
        if (rc) return rc;
        have_title = 1;
    }
    rc = actors_find(kb->actors, a, doc->text, &res->seg, have_title ? doc->title : NULL,
                     have_title ? &tseg : NULL, doc->day, &res->mentions, &res->nmentions);
    if (rc) return rc;
    /* time expressions, sentence by sentence */
    for (int s = 0; s < res->seg.nsents; s++) {
        const sr_sentence *se = &res->seg.sents[s];
        if (time_find(a, res->seg.toks, se->tok0, se->tok0 + se->ntok, doc->day, TENSE_UNKNOWN,
                      &res->timexes, &res->ntimexes) < 0)
            return SITREP_ENOMEM;
    }
    /* places, with the document's countries as context (most mentioned first) */
    char ctx[16][4];
    int cnt[16], nctx = 0;
    for (int i = 0; i < res->nmentions; i++) {
        const char *k = res->mentions[i].key;
        if (strlen(k) != 3) continue;
        int j = 0;
        while (j < nctx && strcmp(ctx[j], k)) j++;
        if (j == nctx) {
            if (nctx == 16) continue;
            memcpy(ctx[nctx], k, 4);
            cnt[nctx++] = 0;
        }
        cnt[j]++;
    }
    for (int i = 1; i < nctx; i++)
        for (int j = i; j > 0 && cnt[j] > cnt[j - 1]; j--) {
            char t[4];
            memcpy(t, ctx[j], 4); memcpy(ctx[j], ctx[j - 1], 4); memcpy(ctx[j - 1], t, 4);
            int c = cnt[j]; cnt[j] = cnt[j - 1]; cnt[j - 1] = c;
        }
    vec places;
    vec_init(&places, sizeof(sr_place_ref));
    int *inside = arena_alloc(a, (size_t)(res->seg.ntoks + 1) * sizeof(int));
    if (!inside) return SITREP_ENOMEM;
    for (int i = 0; i < res->nmentions; i++) {
        const sr_mention *m = &res->mentions[i];
        if (m->kind == AK_PERSON || m->kind == AK_ORG || m->kind == AK_GROUP)
            for (int k = m->t0; k < m->t1; k++) inside[k] = 1;
    }
    for (int s = 0; s < res->seg.nsents; s++) {
        const sr_sentence *se = &res->seg.sents[s];
        int end = se->tok0 + se->ntok;
        for (int t = se->tok0; t < end; t++) {
            if (inside[t]) continue;
            const sr_place *best = NULL;
            int len = gazetteer_match(kb->gaz, res->seg.toks, t, end, (const char(*)[4])ctx, nctx, &best);
            if (len <= 0 || !best) continue;
            sr_place_ref *pr = vec_push(&places);
            if (!pr) { vec_free(&places); return SITREP_ENOMEM; }
            pr->t0 = t;
            pr->t1 = t + len;
            pr->place = best;
            t += len - 1;
        }
    }
    res->nplaces = (int)places.len;
    res->places = arena_alloc(a, (places.len + 1) * sizeof(sr_place_ref));
    if (!res->places) { vec_free(&places); return SITREP_ENOMEM; }
    if (places.len) memcpy(res->places, places.data, places.len * sizeof(sr_place_ref));
    vec_free(&places);

    code_input in = {doc->text, &res->seg, res->mentions, res->nmentions, res->timexes, res->ntimexes,
                     res->places, res->nplaces, doc->day, 0};
    rc = coder_code(kb->coder, a, &in, &res->events, &res->nevents);
    if (rc) return rc;
    res->nevents = merge_doc(res->events, res->nevents);
    return 0;
}
