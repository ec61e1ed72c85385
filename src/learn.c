/* learn.c -- a linear model over named features (learn.h). */
#include "learn.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "sitrep.h"

struct learn_model {
    dict index;          /* feature name -> index into w */
    double *w;
    size_t n, cap;
    double bias, threshold;
};

void learn_free(learn_model *m)
{
    if (!m) return;
    dict_free(&m->index);
    free(m->w);
    free(m);
}

size_t learn_feature_count(const learn_model *m) { return m ? m->n : 0; }
double learn_threshold(const learn_model *m) { return m ? m->threshold : 1.0; }

/* A weight as the model writes it, "-0.093967": at most 15 digits, so
 * the digits as an integer and the power of ten it is divided by are both
 * exact doubles, and the one division rounds exactly as strtod does
 * (Clinger's fast path).  glibc's strtod took half of learn_load's time.
 * Returns 0 and *out, or -1 for anything else (then strtod decides). */
static int S_decimal(const char *s, double *out)
{
    static const double P10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *p = s;
    int neg = *p == '-', digits = 0, frac = 0;
    if (neg) p++;
    uint64_t m = 0;
    for (; *p >= '0' && *p <= '9'; p++, digits++) m = m * 10 + (uint64_t)(*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++, frac++) m = m * 10 + (uint64_t)(*p - '0');
    if (!digits || digits > 15 || (*p && *p != '\n' && *p != '\r')) return -1;
    double v = (double)m / P10[frac];
    *out = neg ? -v : v;
    return 0;
}

/* strtod in the C locale's format whatever the process locale: the model
 * files always write '.' */
static int S_number(const char *s, double *out)
{
    if (!S_decimal(s, out)) return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || (*end && *end != '\n' && *end != '\r')) return -1;
    *out = v;
    return 0;
}

learn_model *learn_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    learn_model *m = calloc(1, sizeof *m);
    if (!m) { fclose(f); snprintf(err, errlen, "%s: out of memory", path); return NULL; }
    dict_init(&m->index);
    m->threshold = 0.5;
    char line[4096];
    int ln = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        size_t len = strlen(line);
        if (len && line[len - 1] != '\n' && !feof(f)) {
            snprintf(err, errlen, "%s:%d: line too long", path, ln);
            goto fail;
        }
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\r') continue;
        char *tab = strchr(line, '\t');
        double v;
        if (!tab || S_number(tab + 1, &v)) {
            snprintf(err, errlen, "%s:%d: expected 'name<TAB>number'", path, ln);
            goto fail;
        }
        *tab = 0;
        if (!strcmp(line, "threshold")) { m->threshold = v; continue; }
        if (!strcmp(line, "bias")) { m->bias = v; continue; }
        if (m->n == m->cap) {
            size_t cap = m->cap ? m->cap * 2 : 1024;
            double *w = realloc(m->w, cap * sizeof *w);
            if (!w) { snprintf(err, errlen, "%s: out of memory", path); goto fail; }
            m->w = w;
            m->cap = cap;
        }
        int dup;
        if (dict_get(&m->index, line, strlen(line), &dup)) {
            snprintf(err, errlen, "%s:%d: feature '%s' given twice", path, ln, line);
            goto fail;
        }
        if (dict_set(&m->index, line, strlen(line), (int)m->n)) {
            snprintf(err, errlen, "%s: out of memory", path);
            goto fail;
        }
        m->w[m->n++] = v;
    }
    fclose(f);
    return m;
fail:
    fclose(f);
    learn_free(m);
    return NULL;
}

double learn_sum(const learn_model *m, const char *const *feats, int n)
{
    double z = 0;
    for (int i = 0; i < n; i++) {
        int k;
        if (dict_get(&m->index, feats[i], strlen(feats[i]), &k)) z += m->w[k];
    }
    return z;
}

double learn_prob(const learn_model *m, double sum) { return 1.0 / (1.0 + exp(-(m->bias + sum))); }

double learn_score(const learn_model *m, const char *const *feats, int n, char *why, size_t whylen)
{
    double z = m->bias;
    enum { TOP = 6 };
    int top[TOP], ntop = 0;
    double topw[TOP];
    for (int i = 0; i < n; i++) {
        int k;
        if (!dict_get(&m->index, feats[i], strlen(feats[i]), &k)) continue;
        double w = m->w[k];
        z += w;
        if (!why) continue;
        /* keep the TOP heaviest, by absolute weight: a full list gives
         * up its lightest for a heavier one */
        int j;
        if (ntop < TOP) j = ntop++;
        else if (fabs(w) > fabs(topw[TOP - 1])) j = TOP - 1;
        else continue;
        while (j > 0 && fabs(topw[j - 1]) < fabs(w)) {
            top[j] = top[j - 1];
            topw[j] = topw[j - 1];
            j--;
        }
        top[j] = i;
        topw[j] = w;
    }
    if (why && whylen) {
        size_t o = 0;
        why[0] = 0;
        for (int j = 0; j < ntop && o + 1 < whylen; j++) {
            int r = snprintf(why + o, whylen - o, "%s%s%+.2f", j ? " " : "", feats[top[j]], topw[j]);
            if (r < 0) break;
            o += (size_t)r;
        }
    }
    return 1.0 / (1.0 + exp(-z));
}
