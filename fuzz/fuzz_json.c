/* fuzz_json.c -- libFuzzer target for json.c: json_parse on arbitrary bytes
 * (any length, NULs, invalid UTF-8, deep nesting), then the accessors and
 * the writers over whatever was parsed (strings re-escaped, numbers printed).
 * Everything lives in one arena and one buf, freed per input.
 */
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "json.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    return 0;
}

/* Walks the tree writing every string and number back out. */
static void S_walk(buf *b, const json *j, int depth)
{
    if (!j || depth > JSON_MAX_DEPTH + 1) return;
    switch (j->type) {
    case JSON_STRING: json_put_strn(b, j->str, j->len); json_put_str(b, j->str); break;
    case JSON_NUMBER: json_put_num(b, j->num, 6); json_put_num(b, j->num, 0); break;
    case JSON_ARRAY:
        for (size_t i = 0; i < j->len; i++) S_walk(b, j->items[i], depth + 1);
        break;
    case JSON_OBJECT:
        for (size_t i = 0; i < j->len; i++) {
            json_put_str(b, j->keys[i]);
            S_walk(b, j->items[i], depth + 1);
        }
        json_get_str(j, "text");
        json_get(j, "id");
        break;
    default: break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a);
    size_t errpos = 0;
    const char *errmsg = NULL;
    json *root = json_parse(&a, (const char *)data, size, &errpos, &errmsg);
    if (!root && (!errmsg || errpos > size)) __builtin_trap(); /* contract: position within input */
    buf b;
    buf_init(&b);
    S_walk(&b, root, 0);
    /* the writer also takes raw bytes (invalid UTF-8 becomes U+FFFD) */
    json_put_strn(&b, (const char *)data, size);
    buf_free(&b);
    arena_free(&a);
    return 0;
}
