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

/* The index built once the file is read (S_index): open addressing over
 * the names' hashes, at most half full, the names in one block. */
typedef struct {
    uint32_t hash, k1;   /* k1: the feature's index + 1, 0 for an empty slot */
} S_lslot;

typedef struct {
    uint32_t off, len;   /* its name: names[off .. off + len) */
} S_lname;

struct learn_model {
    dict index;          /* feature name -> index into w, while loading */
    double *w;
    size_t n, cap;
    double bias, threshold;
    S_lslot *slots;
    size_t mask;
    S_lname *nm;
    char *names;
};

void learn_free(learn_model *m)
{
    if (!m) return;
    dict_free(&m->index);
    free(m->w);
    free(m->slots);
    free(m->nm);
    free(m->names);
    free(m);
}

static int S_index(learn_model *m)
{
    size_t cap = 16, total = 0;
    while (cap < 2 * m->n) cap *= 2;
    const dict *d = &m->index;
    for (size_t j = 0; j < d->cap; j++)
        if (d->hashes[j]) total += strlen(d->keys[j]) + 1;
    if (total > UINT32_MAX) return SITREP_ENOMEM;
    m->slots = calloc(cap, sizeof *m->slots);
    m->nm = malloc((m->n ? m->n : 1) * sizeof *m->nm);
    m->names = malloc(total ? total : 1);
    if (!m->slots || !m->nm || !m->names) return SITREP_ENOMEM;
    m->mask = cap - 1;
    size_t o = 0;
    for (size_t j = 0; j < d->cap; j++) {
        if (!d->hashes[j]) continue;
        size_t l = strlen(d->keys[j]);
        int k = d->vals[j];
        memcpy(m->names + o, d->keys[j], l + 1);
        m->nm[k] = (S_lname){(uint32_t)o, (uint32_t)l};
        o += l + 1;
        uint32_t h = dict_hash(d->keys[j], l);
        size_t s = h & m->mask;
        while (m->slots[s].k1) s = (s + 1) & m->mask;
        m->slots[s] = (S_lslot){h, (uint32_t)k + 1};
    }
    dict_free(&m->index);   /* the names live in the block now */
    return 0;
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
    if (S_index(m)) {
        snprintf(err, errlen, "%s: out of memory", path);
        learn_free(m);
        return NULL;
    }
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
        if ((k = learn_index(m, feats[i], strlen(feats[i]))) >= 0) z += m->w[k];
    }
    return z;
}

double learn_prob(const learn_model *m, double sum) { return 1.0 / (1.0 + exp(-(m->bias + sum))); }

int learn_index(const learn_model *m, const char *name, size_t n)
{
    uint32_t h = dict_hash(name, n);
    for (size_t s = h & m->mask;; s = (s + 1) & m->mask) {
        S_lslot sl = m->slots[s];
        if (!sl.k1) return -1;
        if (sl.hash != h) continue;
        const S_lname *e = &m->nm[sl.k1 - 1];
        if (e->len == n && !memcmp(m->names + e->off, name, n)) return (int)sl.k1 - 1;
    }
}

double learn_weight(const learn_model *m, int k) { return m->w[k]; }
const char *learn_name(const learn_model *m, int k) { return m->names + m->nm[k].off; }

/* The TOP heaviest of the features found (by absolute weight), written
 * to why as "name+0.83 name-0.41 ...". */
enum { S_TOP = 6 };
typedef struct {
    int top[S_TOP], n;
    double w[S_TOP];
} S_heavy;

static void S_heavy_add(S_heavy *h, int i, double w)
{
    /* a full list gives up its lightest for a heavier one */
    int j;
    if (h->n < S_TOP) j = h->n++;
    else if (fabs(w) > fabs(h->w[S_TOP - 1])) j = S_TOP - 1;
    else return;
    while (j > 0 && fabs(h->w[j - 1]) < fabs(w)) {
        h->top[j] = h->top[j - 1];
        h->w[j] = h->w[j - 1];
        j--;
    }
    h->top[j] = i;
    h->w[j] = w;
}

/* w as printf's "%+.2f" writes it, into out (S_FMT2_MAX bytes); its length.  The
 * rounding is printf's: to the nearest hundredth of w's exact binary
 * value, ties to even (fma gives the exact sign of v * 100 - k). */
enum { S_FMT2_MAX = 400 };   /* "%+.2f" of DBL_MAX: 313 bytes */

static int S_fmt2(double w, char *out)
{
    double v = fabs(w);
    if (!(v < 1e13)) return snprintf(out, S_FMT2_MAX, "%+.2f", w);   /* inf, nan, huge: k must stay exact */
    double k = floor(v * 100.0);
    while (k > 0 && fma(v, 100.0, -k) < 0) k -= 1;
    while (fma(v, 100.0, -(k + 1)) >= 0) k += 1;
    double r = fma(v, 100.0, -(k + 0.5));
    if (r > 0 || (r == 0 && fmod(k, 2.0) == 1.0)) k += 1;
    unsigned long long h = (unsigned long long)k;
    char tmp[24];
    int n = 0;
    tmp[n++] = (char)('0' + h % 10);
    tmp[n++] = (char)('0' + h / 10 % 10);
    tmp[n++] = '.';
    h /= 100;
    do tmp[n++] = (char)('0' + h % 10); while (h /= 10);
    int o = 0;
    out[o++] = signbit(w) ? '-' : '+';
    while (n) out[o++] = tmp[--n];
    out[o] = 0;
    return o;
}

static void S_heavy_write(const S_heavy *h, const char *const *feats, char *why, size_t whylen)
{
    size_t o = 0;
    why[0] = 0;
    for (int j = 0; j < h->n && o + 1 < whylen; j++) {
        /* snprintf(why + o, whylen - o, "%s%s%+.2f", j ? " " : "", name, w),
         * written by hand: printf's %f is most of explaining a score */
        const char *name = feats[h->top[j]];
        size_t nl = strlen(name), room = whylen - o - 1, r = 0;
        char num[S_FMT2_MAX];
        int numl = S_fmt2(h->w[j], num);
        if (numl < 0) break;
        const char *parts[3] = {j ? " " : "", name, num};
        size_t lens[3] = {j ? 1u : 0u, nl, (size_t)numl};
        for (int k = 0; k < 3; k++) {
            size_t at = r < room ? r : room, c = lens[k] < room - at ? lens[k] : room - at;
            memcpy(why + o + at, parts[k], c);
            r += lens[k];
        }
        why[o + (r < room ? r : room)] = 0;
        o += r;
    }
}

void learn_explain(const learn_model *m, const int *ix, const char *const *feats, int n, char *why, size_t whylen)
{
    S_heavy h;
    h.n = 0;
    for (int i = 0; i < n; i++)
        if (ix[i] >= 0) S_heavy_add(&h, i, m->w[ix[i]]);
    if (whylen) S_heavy_write(&h, feats, why, whylen);
}

double learn_score(const learn_model *m, const char *const *feats, int n, char *why, size_t whylen)
{
    double z = m->bias;
    S_heavy h;
    h.n = 0;
    for (int i = 0; i < n; i++) {
        int k;
        if ((k = learn_index(m, feats[i], strlen(feats[i]))) < 0) continue;
        double w = m->w[k];
        z += w;
        if (why) S_heavy_add(&h, i, w);
    }
    if (why && whylen) S_heavy_write(&h, feats, why, whylen);
    return 1.0 / (1.0 + exp(-z));
}
