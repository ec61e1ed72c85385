/* merge.c -- stage 8: deduplication of a document's events (merge.h). */
#include "merge.h"

#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Appends s at out + *o as snprintf(out, n, ...) writes it: at most n - 1
 * bytes in all (merge_doc makes a key per event; snprintf was most of it). */
static void S_cat(char *out, size_t n, size_t *o, const char *s)
{
    for (; *s && *o + 1 < n; s++) out[(*o)++] = *s;
}

void merge_key(const sr_event *e, char *out, size_t n)
{
    char day[11] = "";
    if (e->day >= 0 && e->prec == PREC_DAY) sitrep_format_day(e->day, day);
    /* the symmetric types name one pair in either order (spec §3) */
    char pair[40];
    merge_pair_key(e->type, e->source ? e->source->key : "", e->target ? e->target->key : "", pair,
                   sizeof pair);
    /* "%s|%s|%s|%s": type, pair, modality, day */
    size_t o = 0;
    S_cat(out, n, &o, e->type);
    S_cat(out, n, &o, "|");
    S_cat(out, n, &o, pair);
    S_cat(out, n, &o, "|");
    S_cat(out, n, &o, record_modality_name(e->modality));
    S_cat(out, n, &o, "|");
    S_cat(out, n, &o, day);
    if (n) out[o] = 0;
}

int merge_doc(sr_event *ev, int n)
{
    int kept = 0;
    char ki[128], kj[128];
    /* each event's key made once (two snprintf each), kept beside the
     * events kept; without the memory, made again for each pair as before
     * (a merge changes no field of the key) */
    char (*keys)[128] = n > 1 ? malloc((size_t)n * sizeof *keys) : NULL;
    for (int i = 0; i < n; i++) {
        merge_key(&ev[i], ki, sizeof ki);
        int dup = -1;
        for (int j = 0; j < kept && dup < 0; j++) {
            if (keys) {
                if (!strcmp(ki, keys[j])) dup = j;
                continue;
            }
            merge_key(&ev[j], kj, sizeof kj);
            if (!strcmp(ki, kj)) dup = j;
        }
        if (dup >= 0) {
            if (ev[i].confidence > ev[dup].confidence) ev[dup].confidence = ev[i].confidence;
            /* the most precise place told: a city of the country given
             * before ("protests in Georgia" ... "in the Georgian capital") */
            const sr_place *have = ev[dup].place, *more = ev[i].place;
            if (more && (!have || (have->kind == 'C' && more->kind != 'C' && !strcmp(have->country, more->country)))) {
                ev[dup].place = more;
                ev[dup].place_text = ev[i].place_text;
            }
            continue;
        }
        if (kept != i) ev[kept] = ev[i];
        if (keys) memcpy(keys[kept], ki, sizeof ki);
        kept++;
    }
    free(keys);
    return kept;
}

/* ---- cross-document merging (merge.h) ------------------------------------
 * Pure rules over keys, dates and places; store.c applies them to the
 * world events in the database. */

int merge_symmetric(const char *type)
{
    return type && (!strcmp(type, "CONSULT") || !strcmp(type, "AGREE") || !strcmp(type, "COOPERATE"));
}

void merge_pair_key(const char *type, const char *src, const char *tgt, char *out, size_t n)
{
    if (!src) src = "";
    if (!tgt) tgt = "";
    if (merge_symmetric(type) && strcmp(src, tgt) > 0) {
        const char *t = src;
        src = tgt;
        tgt = t;
    }
    size_t o = 0;   /* "%s|%s" */
    S_cat(out, n, &o, src);
    S_cat(out, n, &o, "|");
    S_cat(out, n, &o, tgt);
    if (n) out[o] = 0;
}

static long S_tol(sitrep_prec p)
{
    switch (p) {
    case PREC_WEEK: return 7;
    case PREC_MONTH: return 31;
    case PREC_YEAR: return 366;
    default: return 1;
    }
}

static int S_year(long day)
{
    int y, m, d;
    sitrep_ymd_from_day(day, &y, &m, &d);
    return y;
}

/* a dated, b undated (with publication range). */
static int S_dated_undated(const merge_when *a, const merge_when *b)
{
    if (b->first < 0) return 1;
    long lo = b->first - MERGE_NEAR_DAYS, hi = b->last + MERGE_NEAR_DAYS;
    if (a->prec == PREC_YEAR) {
        /* a year says little: the reports must also be near in time ("an
         * invasion as early as next year", reported in December, is not
         * the invasion reported undated in March) */
        int y = S_year(a->day);
        if (y < S_year(lo) || y > S_year(hi)) return 0;
        return a->first < 0 || (a->first <= hi && a->last >= lo);
    }
    long t = S_tol(a->prec);
    return a->day >= lo - t && a->day <= hi + t;
}

int merge_dates_compatible(const merge_when *a, const merge_when *b)
{
    int da = a->day >= 0, db = b->day >= 0;
    if (da && db) {
        sitrep_prec p = a->prec > b->prec ? a->prec : b->prec;
        if (p == PREC_YEAR) return S_year(a->day) == S_year(b->day);
        long d = a->day - b->day;
        if (d < 0) d = -d;
        return d <= S_tol(p);
    }
    if (da) return S_dated_undated(a, b);
    if (db) return S_dated_undated(b, a);
    if (a->first < 0 || b->first < 0) return 1;
    return a->first <= b->last + MERGE_NEAR_DAYS && b->first <= a->last + MERGE_NEAR_DAYS;
}

int merge_places_compatible(const char *c1, const char *c2, const char *skey, const char *tkey)
{
    if (!c1 || !c2 || !*c1 || !*c2 || !strcmp(c1, c2)) return 1;
    int in1 = (skey && !strcmp(c1, skey)) || (tkey && !strcmp(c1, tkey));
    int in2 = (skey && !strcmp(c2, skey)) || (tkey && !strcmp(c2, tkey));
    return in1 != in2;
}

void merge_window(const merge_when *w, long *lo, long *hi)
{
    if (w->day >= 0) {
        if (w->prec == PREC_YEAR) {
            int y = S_year(w->day);
            *lo = sitrep_day_from_ymd(y, 1, 1) - MERGE_NEAR_DAYS;
            *hi = sitrep_day_from_ymd(y, 12, 31) + MERGE_NEAR_DAYS;
        } else {
            *lo = w->day - S_tol(w->prec) - MERGE_NEAR_DAYS;
            *hi = w->day + S_tol(w->prec) + MERGE_NEAR_DAYS;
        }
    } else if (w->first >= 0) {
        *lo = w->first - MERGE_NEAR_DAYS;
        *hi = w->last + MERGE_NEAR_DAYS;
    } else {
        *lo = -100000000L;
        *hi = 100000000L;
    }
}

long merge_distance(const merge_when *a, const merge_when *b)
{
    if (a->day >= 0 && b->day >= 0) return labs(a->day - b->day);
    long pa = a->day >= 0 ? a->day : a->first, pb = b->day >= 0 ? b->day : b->first;
    if (pa < 0 || pb < 0) return LONG_MAX / 2;
    return labs(pa - pb);
}

int merge_votes(const merge_report *e, int swapped, merge_vote_fn vote, void *ctx, int *new_doc,
                int *new_src)
{
    char v[1024];
    int rc;
    snprintf(v, sizeof v, "%lld", e->doc);
    if ((rc = vote(ctx, MERGE_V_DOC, v, new_doc))) return rc;
    if (e->source && *e->source) snprintf(v, sizeof v, "%s", e->source);
    else snprintf(v, sizeof v, "doc:%s", e->doc_id);
    if ((rc = vote(ctx, MERGE_V_SOURCE, v, new_src))) return rc;
    if ((rc = vote(ctx, MERGE_V_MODALITY, e->modality, NULL))) return rc;
    if (e->day >= 0) {
        snprintf(v, sizeof v, "%d|%ld", e->prec, e->day);
        if ((rc = vote(ctx, MERGE_V_DATE, v, NULL))) return rc;
    }
    if (e->lname) {
        snprintf(v, sizeof v, "%s\t%c\t%s\t%.4f\t%.4f", e->lcountry ? e->lcountry : "",
                 e->lkind ? e->lkind : '-', e->lname, e->lat, e->lon);
        if ((rc = vote(ctx, MERGE_V_PLACE, v, NULL))) return rc;
    }
    snprintf(v, sizeof v, "%s\t%s\t%d\t%.1f", e->mode ? e->mode : "", e->cameo ? e->cameo : "",
             e->quad, e->goldstein);
    if ((rc = vote(ctx, MERGE_V_MODE, v, NULL))) return rc;
    if (swapped)
        snprintf(v, sizeof v, "%s\t%s\t%s\t%s", e->tname ? e->tname : "", e->tcode ? e->tcode : "",
                 e->sname ? e->sname : "", e->scode ? e->scode : "");
    else
        snprintf(v, sizeof v, "%s\t%s\t%s\t%s", e->sname ? e->sname : "", e->scode ? e->scode : "",
                 e->tname ? e->tname : "", e->tcode ? e->tcode : "");
    return vote(ctx, MERGE_V_ACTORS, v, NULL);
}

int merge_modality_rank(const char *m)
{
    static const char *const order[] = {"asserted", "planned", "negated", "hypothetical"};
    for (int i = 0; i < 4; i++)
        if (!strcmp(m, order[i])) return i;
    return 4;
}

int merge_assign_pass(const sr_event *e)
{
    int undated = !(e->day >= 0 && e->prec == PREC_DAY);
    switch (e->modality) {
    case MOD_ASSERTED: return undated;
    case MOD_PLANNED: return 2 + undated;
    case MOD_NEGATED: return 4 + undated;
    default: return 6 + undated;
    }
}

int merge_split(char *v, char **f, int n)
{
    int k = 0;
    f[k++] = v;
    for (char *p = v; *p && k < n; p++)
        if (*p == '\t') {
            *p = 0;
            f[k++] = p + 1;
        }
    return k;
}

static void S_copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src);
}

void merge_summary_init(merge_summary *m)
{
    memset(m, 0, sizeof *m);
    m->modn = m->moden = m->actn = -1;
    m->day = -1;
    m->prec = 99;
}

void merge_summary_add(merge_summary *m, int kind, const char *v, int n)
{
    if (!v) return;
    if (kind == MERGE_V_MODALITY) {
        int r = merge_modality_rank(v);
        m->present[r] = 1;
        if (n > m->modn || (n == m->modn && r < merge_modality_rank(m->mod))) {
            m->modn = n;
            S_copy(m->mod, sizeof m->mod, v);
        }
    } else if (kind == MERGE_V_DATE) {
        int p = atoi(v);
        const char *bar = strchr(v, '|');
        long d = bar ? atol(bar + 1) : -1;
        if (p < m->prec || (p == m->prec && (n > m->daten || (n == m->daten && d < m->day)))) {
            m->prec = p;
            m->daten = n;
            m->day = d;
        }
    } else if (kind == MERGE_V_PLACE) {
        if (m->np < MERGE_MAXPLACES) {
            S_copy(m->pvals[m->np], sizeof m->pvals[m->np], v);
            m->pn[m->np++] = n;
        }
    } else if (kind == MERGE_V_MODE) {
        if (n > m->moden || (n == m->moden && strcmp(v, m->mode) < 0)) {
            m->moden = n;
            S_copy(m->mode, sizeof m->mode, v);
        }
    } else if (kind == MERGE_V_ACTORS) {
        if (n > m->actn || (n == m->actn && strcmp(v, m->actors) < 0)) {
            m->actn = n;
            S_copy(m->actors, sizeof m->actors, v);
        }
    }
}

void merge_summary_finish(merge_summary *m, const char *skey, const char *tkey)
{
    static const char *const order[] = {"asserted", "planned", "negated", "hypothetical"};
    for (int i = 0; i < 4; i++)
        if (m->present[i]) {
            if (*m->mods) strcat(m->mods, ",");
            strcat(m->mods, order[i]);
        }
    /* place: the best-attested country (ties: an actor's country, then by
     * code), then within it the most specific place, then the most reported */
    int np = m->np, best = -1;
    if (np) {
        char ctry[MERGE_MAXPLACES][8];
        int ctot[MERGE_MAXPLACES];
        for (int i = 0; i < np; i++) {
            const char *tab = strchr(m->pvals[i], '\t');
            size_t l = tab ? (size_t)(tab - m->pvals[i]) : 0;
            if (l > 7) l = 7;
            memcpy(ctry[i], m->pvals[i], l);
            ctry[i][l] = 0;
        }
        for (int i = 0; i < np; i++) {
            ctot[i] = 0;
            for (int j = 0; j < np; j++)
                if (!strcmp(ctry[i], ctry[j])) ctot[i] += m->pn[j];
        }
        const char *bc = NULL;
        int bt = -1, bin = 0;
        for (int i = 0; i < np; i++) {
            int in = (skey && !strcmp(ctry[i], skey)) || (tkey && !strcmp(ctry[i], tkey));
            if (ctot[i] > bt || (ctot[i] == bt && (in > bin || (in == bin && strcmp(ctry[i], bc) < 0)))) {
                bt = ctot[i];
                bin = in;
                bc = ctry[i];
            }
        }
        int bk = -1, bn = -1;
        for (int i = 0; i < np; i++) {
            if (strcmp(ctry[i], bc)) continue;
            const char *tab = strchr(m->pvals[i], '\t');
            char k = tab ? tab[1] : '-';
            int kr = k == 'P' ? 3 : k == 'A' ? 2 : k == 'C' ? 1 : 0;
            if (kr > bk || (kr == bk && (m->pn[i] > bn || (m->pn[i] == bn && strcmp(m->pvals[i], m->pvals[best]) < 0)))) {
                bk = kr;
                bn = m->pn[i];
                best = i;
            }
        }
        S_copy(m->place, sizeof m->place, m->pvals[best]);
    }
    char *mf[4] = {0}, *af[4] = {0}, *pf[5] = {0};
    if (merge_split(m->actors, af, 4) == 4) {
        m->sname = *af[0] ? af[0] : NULL;
        m->scode = *af[1] ? af[1] : NULL;
        m->tname = *af[2] ? af[2] : NULL;
        m->tcode = *af[3] ? af[3] : NULL;
    }
    if (merge_split(m->mode, mf, 4) == 4) {
        m->has_mode = 1;
        m->wmode = *mf[0] ? mf[0] : NULL;
        m->cameo = *mf[1] ? mf[1] : NULL;
        m->quad = atoi(mf[2]);
        m->goldstein = strtod(mf[3], NULL);
    }
    if (np && merge_split(m->place, pf, 5) == 5) {
        m->has_place = 1;
        m->pname = pf[2];
        m->pcountry = *pf[0] ? pf[0] : NULL;
        m->kind[0] = pf[1][0];
        m->pkind = m->kind[0] != '-' ? m->kind : NULL;
        m->lat = strtod(pf[3], NULL);
        m->lon = strtod(pf[4], NULL);
    }
}
