/* vocab.c -- the vocabulary (vocab.h): folded forms to ids, with a class
 * bitmask per id.  A dict maps each form to its id; ids index a vec of
 * entries (form, class).  The well-known words of vocab.h are interned
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
    vocab_cls cls;
} S_entry;

struct vocab {
    dict ids;        /* form -> id */
    vec entries;     /* S_entry, indexed by id */
    arena mem;       /* the forms */
};

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
    /* time.c's test for a token that may belong to a time expression:
     * a digit first, or one of these stems ("jan" also takes "january") */
    static const char *const STEMS[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "today", "tonight", "yesterday", "tomorrow",
        "week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "day", "days",
        "ago", "morning", "afternoon", "evening", "night", "mid", "decade", NULL};
    vocab_cls c = 0;
    if (n == 0) return 0;
    if (s[0] >= '0' && s[0] <= '9') c |= VC_TIMEISH;
    else
        for (int i = 0; STEMS[i]; i++) {
            size_t l = strlen(STEMS[i]);
            if (s[0] == STEMS[i][0] && n >= l && !memcmp(s, STEMS[i], l)) {
                c |= VC_TIMEISH;
                break;
            }
        }
    if (n >= 4 && !memcmp(s, "mid-", 4)) c |= VC_MIDDASH;
    return c;
}

vocab *vocab_new(void)
{
    vocab *v = calloc(1, sizeof *v);
    if (!v) return NULL;
    dict_init(&v->ids);
    vec_init(&v->entries, sizeof(S_entry));
    arena_init(&v->mem);
    S_entry *unknown = vec_push(&v->entries);   /* id 0: VOCAB_UNKNOWN */
    if (!unknown) goto fail;
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
    dict_free(&v->ids);
    vec_free(&v->entries);
    arena_free(&v->mem);
    free(v);
}

int vocab_add(vocab *v, const char *s, size_t n, vocab_cls cls)
{
    int id;
    if (dict_get(&v->ids, s, n, &id)) {
        VEC_AT(&v->entries, S_entry, id).cls |= cls;
        return id;
    }
    id = (int)v->entries.len;
    char *copy = arena_strndup(&v->mem, s, n);
    S_entry *e = copy ? vec_push(&v->entries) : NULL;
    if (!e || dict_set(&v->ids, s, n, id)) return SITREP_ENOMEM;
    e->s = copy;
    e->cls = cls | vocab_form_class(s, n);
    return id;
}

int vocab_id(const vocab *v, const char *s, size_t n)
{
    int id;
    if (v && dict_get(&v->ids, s, n, &id)) return id;
    return VOCAB_UNKNOWN;
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
