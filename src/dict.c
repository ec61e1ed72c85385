/* dict.c -- string-keyed hash table (dict.h).  FNV-1a hashes; the table is
 * kept at most half full, so probes stay short. */
#include "dict.h"

#include <stdlib.h>
#include <string.h>

#include "sitrep.h"

unsigned dict_hash(const char *s, size_t n)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

void dict_init(dict *d)
{
    memset(d, 0, sizeof *d);
    arena_init(&d->mem);
}

void dict_free(dict *d)
{
    free(d->keys);
    free(d->vals);
    free(d->hashes);
    arena_free(&d->mem);
    memset(d, 0, sizeof *d);
}

static int S_grow(dict *d)
{
    size_t cap = d->cap ? d->cap * 2 : 64;
    const char **keys = calloc(cap, sizeof *keys);
    int *vals = calloc(cap, sizeof *vals);
    unsigned *hashes = calloc(cap, sizeof *hashes);
    if (!keys || !vals || !hashes) {
        free(keys); free(vals); free(hashes);
        return SITREP_ENOMEM;
    }
    for (size_t i = 0; i < d->cap; i++) {
        if (!d->hashes[i]) continue;
        size_t j = d->hashes[i] & (cap - 1);
        while (hashes[j]) j = (j + 1) & (cap - 1);
        hashes[j] = d->hashes[i];
        keys[j] = d->keys[i];
        vals[j] = d->vals[i];
    }
    free(d->keys); free(d->vals); free(d->hashes);
    d->keys = keys;
    d->vals = vals;
    d->hashes = hashes;
    d->cap = cap;
    return 0;
}

int dict_set(dict *d, const char *key, size_t klen, int val)
{
    if ((d->len + 1) * 2 > d->cap && S_grow(d)) return SITREP_ENOMEM;
    unsigned h = dict_hash(key, klen);
    size_t j = h & (d->cap - 1);
    while (d->hashes[j]) {
        if (d->hashes[j] == h && strlen(d->keys[j]) == klen && !memcmp(d->keys[j], key, klen)) {
            d->vals[j] = val;
            return 0;
        }
        j = (j + 1) & (d->cap - 1);
    }
    char *k = arena_strndup(&d->mem, key, klen);
    if (!k) return SITREP_ENOMEM;
    d->hashes[j] = h;
    d->keys[j] = k;
    d->vals[j] = val;
    d->len++;
    return 0;
}

int dict_get(const dict *d, const char *key, size_t klen, int *val)
{
    if (!d->cap) return 0;
    unsigned h = dict_hash(key, klen);
    size_t j = h & (d->cap - 1);
    while (d->hashes[j]) {
        if (d->hashes[j] == h && !strncmp(d->keys[j], key, klen) && d->keys[j][klen] == 0) {
            *val = d->vals[j];
            return 1;
        }
        j = (j + 1) & (d->cap - 1);
    }
    return 0;
}
