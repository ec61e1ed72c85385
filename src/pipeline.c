/* pipeline.c -- one document through every stage (pipeline.h). */
#include "pipeline.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "actors.h"
#include "clean.h"
#include "code.h"
#include "learn.h"
#include "lexicon.h"
#include "merge.h"
#include "place.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"
#include "vocab.h"

void pipeline_free(sitrep_kb *kb)
{
    clean_free(kb->clean);
    actors_free(kb->actors);
    coder_free(kb->coder);
    lexicon_free(kb->lex);
    gazetteer_free(kb->gaz);
    learn_free(kb->model);
    vocab_free(kb->vocab);
    memset(kb, 0, sizeof *kb);
}

int pipeline_load(sitrep_kb *kb, const char *datadir, const char *const *actor_files,
                  int nactor_files, char *err, size_t errlen)
{
    char path[4096];
    memset(kb, 0, sizeof *kb);
    /* the vocabulary first: each stage adds the words its knowledge names */
    if (!(kb->vocab = vocab_new()) || time_vocab(kb->vocab)) {
        snprintf(err, errlen, "out of memory");
        pipeline_free(kb);
        return SITREP_ENOMEM;
    }
    snprintf(path, sizeof path, "%s/clean/rules.txt", datadir);
    if (!(kb->clean = clean_load(path, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/actors", datadir);
    if (!(kb->actors = actors_load(path, kb->vocab, err, errlen))) goto fail;
    for (int i = 0; i < nactor_files; i++)
        if (actors_add_file(kb->actors, actor_files[i], err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/lexicon", datadir);
    if (!(kb->lex = lexicon_load(path, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/patterns", datadir);
    if (!(kb->coder = coder_load(path, kb->lex, kb->vocab, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/gazetteer/places.tsv", datadir);
    if (!(kb->gaz = gazetteer_load(path, err, errlen))) goto fail;
    /* the learned layer is optional: a data directory without it codes
     * with the rules alone */
    snprintf(path, sizeof path, "%s/model/events.tsv", datadir);
    if (access(path, F_OK) == 0 && !(kb->model = learn_load(path, err, errlen))) goto fail;
    if (coder_bind_model(kb->coder, kb->model, kb->vocab)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    return 0;
fail:
    pipeline_free(kb);
    return SITREP_EDATA;
}

/* The latest day-precise date with an explicit year in the text, or -1. */
static long S_latest_full_date(const sitrep_kb *kb, arena *a, const sr_doc *doc)
{
    sr_region reg = {0, (int)doc->text_len};
    sr_segmentation seg;
    if (segment_text(a, kb->vocab, doc->text, &reg, 1, &seg)) return -1;
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
static void S_date(const sitrep_kb *kb, sr_doc *doc, const pipeline_options *opt, arena *a,
                   pipeline_result *res)
{
    if (doc->day >= 0) return;
    int y, m, d;
    int dl = sitrep_dateline(doc->text, doc->text_len, &y, &m, &d);
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
        long latest = S_latest_full_date(kb, a, doc);
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

/* Time expressions and places of one segmented text, with the document's
 * most mentioned countries as the gazetteer's context. */
static int S_analyse(const sitrep_kb *kb, arena *a, const sr_segmentation *seg, const sr_mention *mentions,
                     int nmentions, long day, sr_timex **timexes, int *ntimexes, sr_place_ref **out, int *nout)
{
    *timexes = NULL;
    *ntimexes = 0;
    for (int s = 0; s < seg->nsents; s++) {
        const sr_sentence *se = &seg->sents[s];
        if (time_find(a, seg->toks, se->tok0, se->tok0 + se->ntok, day, TENSE_UNKNOWN, timexes, ntimexes) < 0)
            return SITREP_ENOMEM;
    }
    char ctx[16][4];
    int cnt[16], nctx = 0;
    for (int i = 0; i < nmentions; i++) {
        const char *k = mentions[i].key;
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
    int *inside = arena_alloc(a, (size_t)(seg->ntoks + 1) * sizeof(int));
    if (!inside) return SITREP_ENOMEM;
    memset(inside, 0, (size_t)(seg->ntoks + 1) * sizeof(int));
    for (int i = 0; i < nmentions; i++) {
        const sr_mention *m = &mentions[i];
        if (m->kind == AK_PERSON || m->kind == AK_ORG || m->kind == AK_GROUP)
            for (int k = m->t0; k < m->t1; k++) inside[k] = 1;
    }
    for (int s = 0; s < seg->nsents; s++) {
        const sr_sentence *se = &seg->sents[s];
        int end = se->tok0 + se->ntok;
        for (int t = se->tok0; t < end; t++) {
            if (inside[t]) continue;
            const sr_place *best = NULL;
            int len = gazetteer_match(kb->gaz, seg->toks, t, end, (const char(*)[4])ctx, nctx, &best);
            if (len <= 0 || !best) continue;
            sr_place_ref *pr = vec_push(&places);
            if (!pr) { vec_free(&places); return SITREP_ENOMEM; }
            pr->t0 = t;
            pr->t1 = t + len;
            pr->place = best;
            t += len - 1;
        }
    }
    *nout = (int)places.len;
    *out = arena_alloc(a, (places.len + 1) * sizeof(sr_place_ref));
    if (!*out) { vec_free(&places); return SITREP_ENOMEM; }
    if (places.len) memcpy(*out, places.data, places.len * sizeof(sr_place_ref));
    vec_free(&places);
    return 0;
}

/* Ties events to the text their spans point into and to the byte span of
 * their evidence sentence. */
static void S_bind(sr_event *ev, int n, const char *base, const sr_segmentation *seg, int in_title)
{
    for (int i = 0; i < n; i++) {
        ev[i].base = base;
        ev[i].in_title = in_title;
        ev[i].ev_start = seg->sents[ev[i].sent].start;
        ev[i].ev_end = seg->sents[ev[i].sent].end;
    }
}

/* An event of a coalition (data/actors/coalitions.tsv: the E3, the Arab
 * quartet) is one event per member, a member never its own counterpart
 * (the gold conventions expand named groups to their members). */
static const sr_mention *S_member(const sitrep_kb *kb, arena *a, const sr_mention *of, const char *key)
{
    sr_mention *m = arena_alloc(a, sizeof *m);
    if (!m) return NULL;
    *m = *of;
    snprintf(m->key, sizeof m->key, "%s", key);
    snprintf(m->code, sizeof m->code, "%s", key);
    m->name = actors_country_name(kb->actors, key);
    m->kind = AK_COUNTRY;
    m->why = arena_printf(a, "member %s of %s", key, of->name ? of->name : of->key);
    return m;
}

static int S_split_members(const char *list, char keys[][4], int max)
{
    int n = 0;
    for (const char *q = list; *q && n < max;) {
        while (*q == ' ') q++;
        size_t l = strcspn(q, " ");
        if (l == 3) { memcpy(keys[n], q, 3); keys[n++][3] = 0; }
        q += l;
    }
    return n;
}

static int S_expand_coalitions(const sitrep_kb *kb, arena *a, sr_event **evp, int *np)
{
    sr_event *ev = *evp;
    int n = *np, any = 0;
    for (int i = 0; i < n && !any; i++)
        any = (ev[i].source && actors_members(kb->actors, ev[i].source->key)) ||
              (ev[i].target && actors_members(kb->actors, ev[i].target->key));
    if (!any) return 0;
    vec out;
    vec_init(&out, sizeof(sr_event));
    int rc = 0;
    for (int i = 0; i < n && !rc; i++) {
        const sr_event *e = &ev[i];
        const char *sl = e->source ? actors_members(kb->actors, e->source->key) : NULL;
        const char *tl = e->target ? actors_members(kb->actors, e->target->key) : NULL;
        char sk[16][4], tk[16][4];
        int ns = sl ? S_split_members(sl, sk, 16) : 1, nt = tl ? S_split_members(tl, tk, 16) : 1;
        for (int si = 0; si < ns && !rc; si++)
            for (int ti = 0; ti < nt && !rc; ti++) {
                const sr_mention *src = sl ? S_member(kb, a, e->source, sk[si]) : e->source;
                const sr_mention *tgt = tl ? S_member(kb, a, e->target, tk[ti]) : e->target;
                if ((sl && !src) || (tl && !tgt)) { rc = SITREP_ENOMEM; break; }
                if (src && tgt && !strcmp(src->key, tgt->key) && (sl || tl)) continue;
                sr_event *o = vec_push(&out);
                if (!o) { rc = SITREP_ENOMEM; break; }
                *o = *e;
                o->source = src;
                o->target = tgt;
            }
    }
    if (!rc) {
        sr_event *all = arena_alloc(a, (out.len + 1) * sizeof(sr_event));
        if (!all) rc = SITREP_ENOMEM;
        else {
            if (out.len) memcpy(all, out.data, out.len * sizeof(sr_event));
            *evp = all;
            *np = (int)out.len;
        }
    }
    vec_free(&out);
    return rc;
}

/* The mentions the coder sees: all but those of datelines (actors.c). */
static int S_coder_mentions(arena *a, const sr_mention *m, int n, const sr_mention **out, int *nout)
{
    int k = 0;
    for (int i = 0; i < n; i++) k += !(m[i].how & AH_DATELINE);
    if (k == n) { *out = m; *nout = n; return 0; }
    sr_mention *c = arena_alloc(a, (size_t)(k + 1) * sizeof *c);
    if (!c) return SITREP_ENOMEM;
    k = 0;
    for (int i = 0; i < n; i++)
        if (!(m[i].how & AH_DATELINE)) c[k++] = m[i];
    *out = c;
    *nout = k;
    return 0;
}

/* Codes the title as a text of its own and appends its events. */
static int S_code_title(const sitrep_kb *kb, arena *a, const sr_doc *doc, const sr_segmentation *tseg,
                        const sr_mention *tm, int ntm, const pipeline_options *opt, pipeline_result *res)
{
    int rc;
    if (!ntm) return 0;
    sr_timex *tx = NULL;
    sr_place_ref *pl = NULL;
    int ntx = 0, npl = 0;
    rc = S_analyse(kb, a, tseg, tm, ntm, doc->day, &tx, &ntx, &pl, &npl);
    if (rc) return rc;
    const sr_mention *cm;
    int ncm;
    if ((rc = S_coder_mentions(a, tm, ntm, &cm, &ncm))) return rc;
    code_input in = {doc->title, tseg, cm, ncm, tx, ntx, pl, npl, doc->day, 0, 1,
                     opt->no_model ? NULL : kb->model, opt->candidates, kb->gaz};
    sr_event *tev = NULL;
    int ntev = 0;
    rc = coder_code(kb->coder, a, &in, &tev, &ntev);
    if (rc || !ntev) return rc;
    S_bind(tev, ntev, doc->title, tseg, 1);
    sr_event *all = arena_alloc(a, (size_t)(res->nevents + ntev + 1) * sizeof(sr_event));
    if (!all) return SITREP_ENOMEM;
    if (res->nevents) memcpy(all, res->events, (size_t)res->nevents * sizeof(sr_event));
    memcpy(all + res->nevents, tev, (size_t)ntev * sizeof(sr_event));
    res->events = all;
    res->nevents += ntev;
    return 0;
}

int pipeline_run(const sitrep_kb *kb, arena *a, sr_doc *doc, const pipeline_options *opt,
                 pipeline_result *res)
{
    memset(res, 0, sizeof *res);
    S_date(kb, doc, opt, a, res);
    int n = clean_text(kb->clean, a, doc->text, doc->text_len, doc->title, &res->regions, &res->dropped);
    if (n < 0) return n;
    res->nregions = n;
    int rc = segment_text(a, kb->vocab, doc->text, res->regions, res->nregions, &res->seg);
    if (rc) return rc;
    sr_segmentation tseg;
    int have_title = 0;
    if (doc->title && *doc->title) {
        sr_region treg = {0, (int)strlen(doc->title)};
        rc = segment_text(a, kb->vocab, doc->title, &treg, 1, &tseg);
        if (rc) return rc;
        have_title = 1;
    }
    /* the text's mentions (its names learned from the title too) and the
     * title's (its names learned from the text too), in one call */
    sr_mention *tm = NULL;
    int ntm = 0;
    rc = actors_find_doc(kb->actors, a, doc->text, &res->seg, have_title ? doc->title : NULL,
                         have_title ? &tseg : NULL, doc->day, &res->mentions, &res->nmentions, &tm, &ntm);
    if (rc) return rc;
    rc = S_analyse(kb, a, &res->seg, res->mentions, res->nmentions, doc->day, &res->timexes, &res->ntimexes,
                   &res->places, &res->nplaces);
    if (rc) return rc;
    const sr_mention *cm;
    int ncm;
    if ((rc = S_coder_mentions(a, res->mentions, res->nmentions, &cm, &ncm))) return rc;
    code_input in = {doc->text, &res->seg, cm, ncm, res->timexes, res->ntimexes,
                     res->places, res->nplaces, doc->day, 0, 0, opt->no_model ? NULL : kb->model,
                     opt->candidates, kb->gaz};
    rc = coder_code(kb->coder, a, &in, &res->events, &res->nevents);
    if (rc) return rc;
    S_bind(res->events, res->nevents, doc->text, &res->seg, 0);
    if (have_title) {
        /* the title is coded like the text (spec §2); its names are learned
         * from the text, and its events come after the text's so that one
         * agreeing on the five keys is dropped by merge_doc */
        rc = S_code_title(kb, a, doc, &tseg, tm, ntm, opt, res);
        if (rc) return rc;
    }
    rc = S_expand_coalitions(kb, a, &res->events, &res->nevents);
    if (rc) return rc;
    if (!opt->candidates) res->nevents = merge_doc(res->events, res->nevents);
    return 0;
}
