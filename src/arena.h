/* arena.h -- bump allocator.  Every document gets an arena, freed all at
 * once when the document is done; knowledge bases own one that lives until
 * they are freed.  Memory from arena_alloc is zeroed and 16-byte aligned.
 * Nothing returned by an arena may be passed to free().
 */
#ifndef SITREP_ARENA_H
#define SITREP_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
    arena_block *head;
    size_t used_total;
} arena;

void arena_init(arena *a);
void arena_free(arena *a);        /* releases every block; a is reusable */
void *arena_alloc(arena *a, size_t n); /* NULL only when out of memory */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A growable array of fixed-size items kept in malloc'd memory (not the
 * arena: it may move).  vec_push returns a pointer to the new zeroed slot
 * or NULL when out of memory.  vec_free releases the storage. */
typedef struct {
    void *data;
    size_t len, cap, size;
} vec;

void vec_init(vec *v, size_t item_size);
void *vec_push(vec *v);
void vec_free(vec *v);
#define VEC_AT(v, T, i) (((T *)(v)->data)[i])

/* A growable byte buffer, always NUL-terminated (malloc'd). */
typedef struct {
    char *s;
    size_t len, cap;
} buf;

void buf_init(buf *b);
int buf_put(buf *b, const char *s, size_t n);
int buf_puts(buf *b, const char *s);
int buf_putc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(buf *b);
void buf_free(buf *b);

#endif
