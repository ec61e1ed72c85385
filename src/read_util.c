/* read_util.c -- UTF-8 validation and repair (invalid sequences become
 * U+FFFD, NUL bytes are dropped) and NFC normalisation with utf8proc, for
 * every reader (read_util.h).  The result is a copy in the caller's arena.
 *
 * Fast path (issue 18): almost all text is already valid NFC, mostly ASCII.
 * Runs of ASCII are skipped 16 or 8 bytes at a time and only the other
 * characters go through utf8proc_iterate, once: the NFC pass checks the
 * text as it goes and hands it to the repair at the first bad byte.  NFC is
 * applied only to the stretches that could change.  A character is *stable* (S_stable) when NFC leaves it as it
 * is and nothing before it can reorder or compose with it: its canonical
 * decomposition starts with a starter (combining class 0) that is no second
 * half of a composition and it composes back to itself.  NFC never acts
 * across a stable character, so NFC(x y) = NFC(x) NFC(y) whenever y starts
 * with one; the text is cut before each stable character and only the
 * pieces holding another character are given to utf8proc_map.  The output
 * is byte for byte that of utf8proc_map over the whole text
 * (tests/unit/test_read_util.c compares them).
 */
#include "read_util.h"

#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define S_OPTS (UTF8PROC_STABLE | UTF8PROC_COMPOSE)

/* Length of the run of ASCII bytes other than NUL at the start of s[0..n). */
static size_t S_ascii_run(const unsigned char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time where SSE2 is there (every x86-64) */
    const __m128i zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(x, _mm_cmpeq_epi8(x, zero)));
#ifdef __GNUC__
        if (m) return i + (size_t)__builtin_ctz(m);   /* the first byte that ends the run */
#else
        if (m) break;
#endif
        i += 16;
    }
#endif
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* a byte with its high bit set, or a zero byte */
        if ((x | ((x - 0x0101010101010101ull) & ~x)) & 0x8080808080808080ull) break;
        i += 8;
    }
    while (i < n && s[i] && s[i] < 0x80) i++;
    return i;
}

/* May the character cp (its UTF-8 bytes s[0..k)) be left as it is by NFC,
 * whatever comes before it?  See the file comment. */
static int S_stable(utf8proc_int32_t cp, const unsigned char *s, size_t k)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0) return 0;
    if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) return 0; /* a second half */
    if (cp >= 0x1100 && cp <= 0x11FF) return 0; /* Hangul jamo compose algorithmically */
    if (cp >= 0xAC00 && cp <= 0xD7A3) return 0; /* and so do Hangul syllables */
    if (p->decomp_seqindex == UINT16_MAX || p->decomp_type) return 1; /* no canonical decomposition */
    utf8proc_int32_t d[8];
    utf8proc_ssize_t m = utf8proc_decompose(s, (utf8proc_ssize_t)k, d, 8, S_OPTS);
    if (m < 1 || m > 8) return 0;
    const utf8proc_property_t *q = utf8proc_get_property(d[0]);
    if (q->combining_class != 0) return 0;
    if (q->comb_index != UINT16_MAX && q->comb_index >= 0x8000) return 0;
    m = utf8proc_normalize_utf32(d, m, S_OPTS);
    return m == 1 && d[0] == cp;
}

/* Appends NFC(s[0..n)) to b.  Returns 0, -1 when out of memory, -2 when
 * utf8proc fails. */
static int S_put_nfc(buf *b, const char *s, size_t n)
{
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &norm, S_OPTS);
    if (m < 0) {
        free(norm);
        return -2;
    }
    int rc = buf_put(b, (const char *)norm, (size_t)m);
    free(norm);
    return rc;
}

/* NFC of the UTF-8 text s[0..n) as a copy in a; on a utf8proc failure the
 * text as it is, as utf8proc_map's caller always did.  Checks the text on
 * the way: at an invalid sequence or a NUL byte it stops and returns NULL
 * with *invalid set (NULL alone: out of memory). */
static char *S_nfc(arena *a, const char *s, size_t n, size_t *outlen, int *invalid)
{
    const unsigned char *u = (const unsigned char *)s;
    buf b;
    buf_init(&b);
    size_t i = 0;
    size_t piece = 0;  /* start of the current piece: its stable character */
    size_t done = 0;   /* s[0..done) is in b */
    int dirty = 0;     /* the current piece holds an unstable character */
    int any = 0;       /* some piece held an unstable character */
    int rc = 0;
    char *out;
    while (i < n) {
        size_t run = S_ascii_run(u + i, n - i);
        if (run) {
            if (dirty) {
                if (buf_put(&b, s + done, piece - done) || (rc = S_put_nfc(&b, s + piece, i - piece)))
                    goto fail;
                done = i;
                dirty = 0;
            }
            i += run;
            piece = i - 1;
            if (i == n) break;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || cp == 0) {
            buf_free(&b);
            *invalid = 1;
            return NULL;
        }
        if (S_stable(cp, u + i, (size_t)k)) {
            if (dirty) {
                if (buf_put(&b, s + done, piece - done) || (rc = S_put_nfc(&b, s + piece, i - piece)))
                    goto fail;
                done = i;
                dirty = 0;
            }
            piece = i;
        } else {
            dirty = any = 1;
        }
        i += (size_t)k;
    }
    if (!any) {
        *outlen = n;
        return arena_strndup(a, s, n);
    }
    if (dirty && (buf_put(&b, s + done, piece - done) || (rc = S_put_nfc(&b, s + piece, n - piece))))
        goto fail;
    if (!dirty && buf_put(&b, s + done, n - done)) goto fail;
    out = arena_strndup(a, b.s, b.len);
    *outlen = b.len;
    buf_free(&b);
    return out;
fail:
    buf_free(&b);
    if (rc != -2) return NULL;
    if (read_utf8_valid(s, n) != n) { /* the rest is not checked yet */
        *invalid = 1;
        return NULL;
    }
    /* utf8proc failed on a piece: the whole text as utf8proc_map gives it */
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t m = utf8proc_map(u, (utf8proc_ssize_t)n, &norm, S_OPTS);
    if (m < 0) {
        out = arena_strndup(a, s, n);
        *outlen = n;
    } else {
        out = arena_strndup(a, (const char *)norm, (size_t)m);
        *outlen = (size_t)m;
    }
    free(norm);
    return out;
}

size_t read_utf8_valid(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        i += S_ascii_run(u + i, n - i);
        if (i == n || u[i] == 0) return i;
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0) return i;
        i += (size_t)k;
    }
}

char *read_utf8_clean(arena *a, const char *s, size_t n, int nfc, size_t *outlen, size_t *bad)
{
    *bad = 0;
    size_t len = 0;
    int invalid = 0;
    if (!outlen) outlen = &len;
    if (nfc && n) { /* checked on the way: the common case */
        char *out = S_nfc(a, s, n, outlen, &invalid);
        if (!invalid) return out;
    }
    size_t i = read_utf8_valid(s, n);
    if (i == n) {
        *outlen = n;
        return arena_strndup(a, s, n);
    }
    /* repair from the first bad byte on */
    buf b;
    buf_init(&b);
    if (buf_put(&b, s, i)) goto oom;
    while (i < n) {
        size_t run = S_ascii_run((const unsigned char *)s + i, n - i);
        if (run) {
            if (buf_put(&b, s + i, run)) goto oom;
            i += run;
            if (i == n) break;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0 || cp == 0) {
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
        if (buf_put(&b, s + i, (size_t)k)) goto oom;
        i += (size_t)k;
    }
    char *out;
    if (nfc && b.len) {
        out = S_nfc(a, b.s, b.len, outlen, &invalid);
    } else {
        out = arena_strndup(a, b.s ? b.s : "", b.len);
        *outlen = b.len;
    }
    buf_free(&b);
    return out;
oom:
    buf_free(&b);
    return NULL;
}
