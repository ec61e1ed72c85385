/* vocab.c -- the vocabulary (vocab.h): folded forms to ids, with a class
 * bitmask per id.  An open-addressing table of (hash, id) maps each form
 * to its id; ids index a vec of entries (form, length, hash, class).  The well-known words of vocab.h are interned
 * first, in their order, so VW_* are their ids.  Read-only after load.
 */
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dict.h"
#include "sitrep.h"

typedef struct {
    const char *s;   /* the form, in the vocabulary's arena */
    uint32_t len, hash;
    vocab_cls cls;
} S_entry;

/* An open-addressing table of (hash, id) slots (id 0: empty), at most
 * half full: a probe reads the entry only when the hash matches. */
typedef struct {
    uint32_t hash, id;
} S_slot_t;

struct vocab {
    S_slot_t *slots;
    size_t cap;      /* a power of two */
    vec entries;     /* S_entry, indexed by id */
    arena mem;       /* the forms */
};

/* dict.c's string hash (never 0) */
static uint32_t S_hash(const char *s, size_t n) { return dict_hash(s, n); }

/* The slot holding s[0..n) (hash h), or the empty slot where it goes. */
static S_slot_t *S_slot(const vocab *v, const char *s, size_t n, uint32_t h)
{
    size_t mask = v->cap - 1, i = h & mask;
    const S_entry *e = v->entries.data;
    for (;; i = (i + 1) & mask) {
        S_slot_t *sl = &v->slots[i];
        if (!sl->id || (sl->hash == h && e[sl->id].len == n && !memcmp(e[sl->id].s, s, n))) return sl;
    }
}

static int S_grow(vocab *v)
{
    size_t cap = v->cap ? v->cap * 2 : 1024;
    S_slot_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return SITREP_ENOMEM;
    const S_entry *e = v->entries.data;
    for (size_t id = 1; id < v->entries.len; id++) {
        size_t i = e[id].hash & (cap - 1);
        while (slots[i].id) i = (i + 1) & (cap - 1);
        slots[i].hash = e[id].hash;
        slots[i].id = (uint32_t)id;
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

/* Does s[0..n) start with the NUL-terminated stem p? */
static int S_stem(const char *s, size_t n, const char *p)
{
    size_t k = 0;
    while (p[k] && k < n && s[k] == p[k]) k++;
    return !p[k];
}

vocab_cls vocab_form_class(const char *s, size_t n)
{
    /* time.c's test for a token that may belong to a time expression: a
     * digit first, or one of the stems jan feb mar apr may jun jul aug sep
     * oct nov dec mon tue wed thu fri sat sun today tonight yesterday
     * tomorrow week(s) weekend(s) month(s) year(s) day(s) ago morning
     * afternoon evening night mid decade ("jan" also takes "january"),
     * tried by first letter */
    static const char *const STEMS[26][7] = {
        ['a' - 'a'] = {"apr", "aug", "ago", "afternoon"},
        ['d' - 'a'] = {"dec", "day", "decade"},
        ['e' - 'a'] = {"evening"},
        ['f' - 'a'] = {"feb", "fri"},
        ['j' - 'a'] = {"jan", "jun", "jul"},
        ['m' - 'a'] = {"mar", "may", "mon", "morning", "mid"},
        ['n' - 'a'] = {"nov", "night"},
        ['o' - 'a'] = {"oct"},
        ['s' - 'a'] = {"sep", "sat", "sun"},
        ['t' - 'a'] = {"tue", "thu", "today", "tonight", "tomorrow"},
        ['w' - 'a'] = {"wed", "week"},
        ['y' - 'a'] = {"yesterday", "year"},
    };
    vocab_cls c = 0;
    if (n == 0) return 0;
    if (s[0] >= '0' && s[0] <= '9') c |= VC_TIMEISH;
    else if (s[0] >= 'a' && s[0] <= 'z')
        for (const char *const *p = STEMS[s[0] - 'a']; *p; p++)
            if (S_stem(s, n, *p)) {
                c |= VC_TIMEISH;
                break;
            }
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
    uint32_t h = S_hash(s, n);
    S_slot_t *slot = S_slot(v, s, n, h);
    if (slot->id) {
        VEC_AT(&v->entries, S_entry, slot->id).cls |= cls;
        return (int)slot->id;
    }
    if ((v->entries.len + 1) * 2 > v->cap) {
        if (S_grow(v)) return SITREP_ENOMEM;
        slot = S_slot(v, s, n, h);
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
    return id;
}

int vocab_id(const vocab *v, const char *s, size_t n)
{
    if (!v) return VOCAB_UNKNOWN;
    return (int)S_slot(v, s, n, S_hash(s, n))->id;
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
