/* dict.c -- string-keyed hash table (dict.h).  The table is kept at most
 * half full, so probes stay short. */
#include "dict.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sitrep.h"

/* splitmix64's finaliser: every input bit moves the low bits the tables
 * mask with. */
static inline uint64_t S_fmix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

/* The string hash of every table (dict, vocab, gazetteer): 8 bytes at a
 * time, the last 1-8 bytes in two overlapping loads that never read past
 * s[n-1] (the length is mixed in first, since the overlap reads some bytes
 * twice), then splitmix64's finaliser.  FNV-1a, before, chained a
 * multiply on every byte; the loaders hash every name in data/ and the
 * segmenter every token.  Only lookups use the hash: no table's order
 * reaches the output. */
unsigned dict_hash(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9e3779b97f4a7c15ull * ((uint64_t)n + 1), w;
    for (; n > 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (n) {
        w = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
    } else {
        w = 0;
    }
    unsigned r = (unsigned)S_fmix(h ^ w);
    return r ? r : 1;
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
