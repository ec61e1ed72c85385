/* read_util.c -- UTF-8 validation and repair (invalid sequences become
 * U+FFFD, NUL bytes are dropped) and NFC normalisation with utf8proc, for
 * every reader (read_util.h).  The result is a copy in the caller's arena.
 */
#include "read_util.h"

#include <stdlib.h>
#include <utf8proc.h>

char *read_utf8_clean(arena *a, const char *s, size_t n, int nfc, size_t *outlen, size_t *bad)
{
    *bad = 0;
    buf b;
    buf_init(&b);
    size_t i = 0;
    int dirty = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0 || cp == 0) {
            if (!dirty) {
                if (buf_put(&b, s, i)) goto oom;
                dirty = 1;
            }
            if (cp == 0 && k > 0) { /* NUL byte: drop it */
                (*bad)++;
                i += (size_t)k;
                continue;
            }
            if (buf_put(&b, "\xEF\xBF\xBD", 3)) goto oom;
            (*bad)++;
            i++;
            /* skip continuation bytes of the broken sequence */
            while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
            continue;
        }
        if (dirty && buf_put(&b, s + i, (size_t)k)) goto oom;
        i += (size_t)k;
    }
    const char *src = dirty ? b.s : s;
    size_t srclen = dirty ? b.len : n;
    char *out = NULL;
    if (nfc && srclen) {
        utf8proc_uint8_t *norm = NULL;
        utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)srclen,
                                          &norm, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        if (m < 0) {
            free(norm);
            out = arena_strndup(a, src, srclen);
            if (outlen) *outlen = srclen;
        } else {
            out = arena_strndup(a, (const char *)norm, (size_t)m);
            if (outlen) *outlen = (size_t)m;
            free(norm);
        }
    } else {
        out = arena_strndup(a, src, srclen);
        if (outlen) *outlen = srclen;
    }
    buf_free(&b);
    return out;
oom:
    buf_free(&b);
    return NULL;
}
