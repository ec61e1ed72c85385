/* dict.h -- string-keyed hash table (open addressing, linear probing).
 *
 * Keys are copied into the table's own arena; values are ints chosen by the
 * caller (typically an index into a vec).  A dict only grows; dict_free
 * releases everything.  Lookups never allocate.
 */
#ifndef SITREP_DICT_H
#define SITREP_DICT_H

#include <stddef.h>

#include "arena.h"

typedef struct {
    const char **keys;
    int *vals;
    unsigned *hashes;
    size_t cap, len;
    arena mem;
} dict;

void dict_init(dict *d);
void dict_free(dict *d);
/* Sets key -> val (replacing).  Returns 0 or SITREP_ENOMEM. */
int dict_set(dict *d, const char *key, size_t klen, int val);
/* Returns 1 and *val when found, else 0. */
int dict_get(const dict *d, const char *key, size_t klen, int *val);
unsigned dict_hash(const char *s, size_t n);

#endif
