/* vocab.c -- the vocabulary (vocab.h): folded forms to ids, with a class
 * bitmask per id.  An open-addressing table of 32-byte slots maps each
 * form to its id; ids index a vec of entries (form, length, hash, class).
 * A slot holds, besides the hash and the id, the id's class and the
 * form's first 15 bytes with its length (vocab_slot, vocab_key): a lookup
 * of a form of up to 15 bytes -- nearly every token -- reads one slot and
 * nothing else (segment_text looks up every token, probing the table
 * itself: vocab_probe; the entries and the forms were two more cache
 * misses each).  The well-known words of vocab.h are interned first, in
 * their order, so VW_* are their ids.  Read-only after load.
 */
#include "vocab.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "dict.h"
#include "sitrep.h"

typedef struct {
    const char *s;   /* the form, in the vocabulary's arena */
    uint32_t len, hash;
    vocab_cls cls;
} S_entry;

struct vocab {
    vocab_slot *slots;
    size_t cap;      /* a power of two */
    vec entries;     /* S_entry, indexed by id */
    arena mem;       /* the forms */
};

/* The key of s[0..n), where s[0..16) may be read whatever n (padded):
 * the bytes from n on are masked off. */
static inline vocab_key S_key_padded(const char *s, size_t n)
{
    vocab_key k;
    memcpy(k.w, s, 16);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n < 8) {
        k.w[0] &= n ? ~0ull >> (64 - 8 * n) : 0;
        k.w[1] = 0;
    } else if (n < 16) {
        k.w[1] &= n > 8 ? ~0ull >> (64 - 8 * (n - 8)) : 0;
    }
    k.w[1] = (k.w[1] & (~0ull >> 8)) | (uint64_t)(n < 255 ? n : 255) << 56;
#else
    unsigned char *b = (unsigned char *)k.w;
    for (size_t i = n; i < 15; i++) b[i] = 0;
    b[15] = (unsigned char)(n < 255 ? n : 255);
#endif
    return k;
}

/* The key of s[0..n), reading no byte past s[n-1]. */
static inline vocab_key S_key(const char *s, size_t n)
{
    if (n >= 16) return S_key_padded(s, n);
    char b[16] = {0};
    memcpy(b, s, n);
    return S_key_padded(b, n);
}

/* The hash of a form (never 0), from its key and, past 15 bytes, dict.c's
 * string hash of the rest.  Only lookups use it: no order reaches the
 * output. */
static inline uint32_t S_hash(vocab_key k, const char *s, size_t n)
{
    return vocab_hash(k, n > 15 ? dict_hash(s + 15, n - 15) : 0);
}

/* The slot holding s[0..n) (key k, hash h), or the empty slot where it
 * goes. */
static inline vocab_slot *S_slot(const vocab *v, const char *s, size_t n, vocab_key k, uint32_t h)
{
    size_t mask = v->cap - 1, i = h & mask;
    for (;; i = (i + 1) & mask) {
        vocab_slot *sl = &v->slots[i];
        if (!sl->id) return sl;
        if (sl->hash == h && sl->key.w[0] == k.w[0] && sl->key.w[1] == k.w[1]) {
            if (n < 16) return sl;
            const S_entry *e = &((const S_entry *)v->entries.data)[sl->id];
            if (e->len == n && !memcmp(e->s, s, n)) return sl;
        }
    }
}

/* A zeroed table of n slots.  From 2 MB on it is aligned to 2 MB and
 * marked for transparent huge pages where the system has them: one TLB
 * entry then covers it, where 4 KB pages took 512 (every token's lookup
 * is a random access into it).  A hint only. */
static vocab_slot *S_table(size_t n)
{
    size_t bytes = n * sizeof(vocab_slot), huge = (size_t)2 << 20;
#ifdef MADV_HUGEPAGE
    if (bytes >= huge && bytes % huge == 0) {
        void *p = aligned_alloc(huge, bytes);
        if (p) {
            madvise(p, bytes, MADV_HUGEPAGE);
            memset(p, 0, bytes);
            return p;
        }
    }
#endif
    (void)huge;
    return calloc(n, sizeof(vocab_slot));
}

static int S_grow(vocab *v)
{
    size_t cap = v->cap ? v->cap * 2 : 1024;
    vocab_slot *slots = S_table(cap);
    if (!slots) return SITREP_ENOMEM;
    for (size_t i = 0; i < v->cap; i++) {
        if (!v->slots[i].id) continue;
        size_t j = v->slots[i].hash & (cap - 1);
        while (slots[j].id) j = (j + 1) & (cap - 1);
        slots[j] = v->slots[i];
    }
    free(v->slots);
    v->slots = slots;
    v->cap = cap;
    return 0;
}

static const struct {
    const char *s;
    vocab_cls cls;
    int val;
} S_well_known[VW__COUNT] = {
    {"", 0, 0},
#define VW_ROW(name, form, cls, val) {form, cls, val},
    VOCAB_WELL_KNOWN(VW_ROW)
#undef VW_ROW
};

vocab_cls vocab_form_class(const char *s, size_t n)
{
    /* time.c's test for a token that may belong to a time expression: a
     * digit first, or one of the stems jan feb mar apr may jun jul aug sep
     * oct nov dec mon tue wed thu fri sat sun today tonight yesterday
     * tomorrow week(s) weekend(s) month(s) year(s) day(s) ago morning
     * afternoon evening night mid decade ("jan" also takes "january"),
     * tried by first letter (every unknown token asks) */
#define P(stem) (n >= sizeof stem - 1 && !memcmp(s, stem, sizeof stem - 1))
    vocab_cls c = 0;
    int t = 0;
    if (n == 0) return 0;
    switch (s[0]) {
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': t = 1; break;
    case 'a': t = P("apr") || P("aug") || P("ago") || P("afternoon"); break;
    case 'd': t = P("dec") || P("day"); break;   /* "decade" starts with "dec" */
    case 'e': t = P("evening"); break;
    case 'f': t = P("feb") || P("fri"); break;
    case 'j': t = P("jan") || P("jun") || P("jul"); break;
    case 'm': t = P("mar") || P("may") || P("mon") || P("morning") || P("mid"); break;
    case 'n': t = P("nov") || P("night"); break;
    case 'o': t = P("oct"); break;
    case 's': t = P("sep") || P("sat") || P("sun"); break;
    case 't': t = P("tue") || P("thu") || P("today") || P("tonight") || P("tomorrow"); break;
    case 'w': t = P("wed") || P("week"); break;
    case 'y': t = P("yesterday") || P("year"); break;
    default: break;
    }
#undef P
    if (t) c |= VC_TIMEISH;
    if (n >= 4 && !memcmp(s, "mid-", 4)) c |= VC_MIDDASH;
    return c;
}

vocab *vocab_new(void)
{
    vocab *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    vec_init(&v->entries, sizeof(S_entry));
    arena_init(&v->mem);
    S_entry *unknown = vec_push(&v->entries);   /* id 0: VOCAB_UNKNOWN */
    if (!unknown || S_grow(v)) goto fail;
    unknown->s = "";
    for (int i = 1; i < VW__COUNT; i++)
        if (vocab_add(v, S_well_known[i].s, strlen(S_well_known[i].s), S_well_known[i].cls) != i)
            goto fail;   /* out of memory: the table has no duplicates */
    return v;
fail:
    vocab_free(v);
    return NULL;
}

void vocab_free(vocab *v)
{
    if (!v) return;
    free(v->slots);
    vec_free(&v->entries);
    arena_free(&v->mem);
    free(v);
}

int vocab_add(vocab *v, const char *s, size_t n, vocab_cls cls)
{
    if (n > UINT32_MAX) return SITREP_ENOMEM;
    vocab_key k = S_key(s, n);
    uint32_t h = S_hash(k, s, n);
    vocab_slot *slot = S_slot(v, s, n, k, h);
    if (slot->id) {
        slot->cls = VEC_AT(&v->entries, S_entry, slot->id).cls |= cls;
        return (int)slot->id;
    }
    if ((v->entries.len + 1) * 2 > v->cap) {
        if (S_grow(v)) return SITREP_ENOMEM;
        slot = S_slot(v, s, n, k, h);
    }
    char *copy = arena_strndup(&v->mem, s, n);
    S_entry *e = copy ? vec_push(&v->entries) : NULL;
    if (!e) return SITREP_ENOMEM;
    int id = (int)v->entries.len - 1;
    e->s = copy;
    e->len = (uint32_t)n;
    e->hash = h;
    e->cls = cls | vocab_form_class(s, n);
    slot->hash = h;
    slot->id = (uint32_t)id;
    slot->cls = e->cls;
    slot->key = k;
    return id;
}

int vocab_id(const vocab *v, const char *s, size_t n)
{
    return vocab_find(v, s, n, NULL);
}

int vocab_find(const vocab *v, const char *s, size_t n, vocab_cls *cls)
{
    if (!v) {
        if (cls) *cls = 0;
        return VOCAB_UNKNOWN;
    }
    vocab_key k = S_key(s, n);
    const vocab_slot *sl = S_slot(v, s, n, k, S_hash(k, s, n));
    if (cls) *cls = sl->cls;
    return (int)sl->id;
}

int vocab_find_padded(const vocab *v, const char *s, size_t n, vocab_cls *cls)
{
    if (!v) {
        if (cls) *cls = 0;
        return VOCAB_UNKNOWN;
    }
    vocab_key k = S_key_padded(s, n);
    const vocab_slot *sl = S_slot(v, s, n, k, S_hash(k, s, n));
    if (cls) *cls = sl->cls;
    return (int)sl->id;
}

vocab_table vocab_get_table(const vocab *v)
{
    vocab_table t = {v ? v->slots : NULL, v ? v->cap - 1 : 0};
    return t;
}

vocab_cls vocab_class(const vocab *v, int id)
{
    if (!v || id <= 0 || (size_t)id >= v->entries.len) return 0;
    return ((const S_entry *)v->entries.data)[id].cls;
}

const char *vocab_str(const vocab *v, int id)
{
    if (!v || id <= 0 || (size_t)id >= v->entries.len) return "";
    return ((const S_entry *)v->entries.data)[id].s;
}

int vocab_count(const vocab *v)
{
    return v ? (int)v->entries.len : 0;
}

int vocab_value(int id)
{
    return id > 0 && id < VW__COUNT ? S_well_known[id].val : 0;
}
