/* json.h -- a small JSON reader (DOM in an arena) and writer helpers.
 *
 * Used by read.c (input documents, contract §1), eval.c (gold and system
 * event files, §2-§3) and the command line (output).  Strict RFC 8259: no
 * comments, no trailing commas; \uXXXX escapes (with surrogate pairs)
 * decode to UTF-8; strings may hold NUL bytes only as \u0000 (kept, with
 * the length).
 * Nesting is limited to JSON_MAX_DEPTH.  All nodes live in the caller's arena.
 */
#ifndef SITREP_JSON_H
#define SITREP_JSON_H

#include <stddef.h>

#include "arena.h"

#define JSON_MAX_DEPTH 256

typedef enum { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json json;
struct json {
    json_type type;
    double num;          /* JSON_NUMBER */
    const char *str;     /* JSON_STRING: NUL-terminated UTF-8 */
    size_t len;          /* JSON_STRING: length in bytes; ARRAY/OBJECT: item count */
    json **items;        /* ARRAY: values; OBJECT: values */
    const char **keys;   /* OBJECT: keys, parallel to items */
};

/* Parses exactly one JSON value from s[0..n) (surrounding white space is
 * allowed).  Returns the root, or NULL with *errpos set to the byte offset
 * of the error and *errmsg to a static message ("unexpected character",
 * "unterminated string", ...).  Memory from a. */
json *json_parse(arena *a, const char *s, size_t n, size_t *errpos, const char **errmsg);

/* Object member by key (first match) or NULL. */
const json *json_get(const json *obj, const char *key);
/* Member as string: the string, or NULL if absent, null or not a string. */
const char *json_get_str(const json *obj, const char *key);

/* Writers: append to a buf (arena.h); return 0 or -1 (out of memory).
 * json_put_str writes a quoted, escaped string (control characters as
 * \n \t \r \b \f or \u00XX, '/' unescaped, valid UTF-8 as is, a byte
 * of invalid UTF-8 as U+FFFD; NULL writes null).  json_put_num writes a
 * number in the C locale: integers without decimals, others with up to
 * `digits` decimals, trailing zeros removed; -0 as 0; |v| >= 1e15 in %.17g
 * form; NaN and infinities as null. */
int json_put_str(buf *b, const char *s);
int json_put_strn(buf *b, const char *s, size_t n);
int json_put_num(buf *b, double v, int digits);

#endif
