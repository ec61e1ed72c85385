/* test_read_util.c -- UTF-8 repair and NFC (src/read_util.c): the fast path
 * (ASCII runs skipped 8 bytes at a time, utf8proc_map only on the stretches
 * NFC could change) gives byte for byte what the slow path gives, which is
 * kept here as the reference: every character through utf8proc_iterate,
 * then utf8proc_map over the whole text.  Tricky strings (combining marks,
 * non-NFC sequences, Hangul, composition exclusions, invalid UTF-8, NUL
 * bytes), every code point in three contexts, and random strings over an
 * alphabet of troublemakers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "arena.h"
#include "read_util.h"
#include "tests.h"

/* The reader's UTF-8 repair and NFC before issue 18, unchanged. */
static char *S_ref(arena *a, const char *s, size_t n, int nfc, size_t *outlen, size_t *bad)
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
            if (cp == 0 && k > 0) {
                (*bad)++;
                i += (size_t)k;
                continue;
            }
            if (buf_put(&b, "\xEF\xBF\xBD", 3)) goto oom;
            (*bad)++;
            i++;
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

static long S_compared, S_differed;

/* Compares the fast and the reference path on s[0..n), with NFC and (when
 * both) without. */
static void S_same2(arena *a, const char *s, size_t n, int both)
{
    for (int nfc = !both; nfc <= 1; nfc++) {
        size_t l1 = 0, l2 = 0, b1 = 0, b2 = 0;
        char *o1 = read_utf8_clean(a, s, n, nfc, &l1, &b1);
        char *o2 = S_ref(a, s, n, nfc, &l2, &b2);
        S_compared++;
        int same = o1 && o2 && l1 == l2 && b1 == b2 && memcmp(o1, o2, l1) == 0 && o1[l1] == 0 &&
                   (read_utf8_valid(s, n) == n) == (b2 == 0);
        if (!same) {
            if (S_differed++ < 10) {
                fprintf(stderr, "differs (nfc %d):", nfc);
                for (size_t i = 0; i < n; i++) fprintf(stderr, " %02x", (unsigned char)s[i]);
                fprintf(stderr, "\n");
            }
        }
    }
}

static void S_same(arena *a, const char *s, size_t n) { S_same2(a, s, n, 1); }

static size_t S_enc(char *o, utf8proc_int32_t cp)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)o);
}

int main(void)
{
    arena a;
    arena_init(&a);

    /* the fast path does what it says on plain text */
    size_t len, bad;
    char *t = read_utf8_clean(&a, "Cafe\xCC\x81 and caf\xC3\xA9", 16, 1, &len, &bad);
    CHECK_STR(t, "Caf\xC3\xA9 and caf\xC3\xA9");
    CHECK_INT(len, 15);
    CHECK_INT(bad, 0);
    t = read_utf8_clean(&a, "a\xFF" "b\0c", 5, 1, &len, &bad);
    CHECK_STR(t, "a\xEF\xBF\xBD" "bc");
    CHECK_INT(bad, 2);
    t = read_utf8_clean(&a, "", 0, 1, &len, &bad);
    CHECK_STR(t, "");
    CHECK_INT(len, 0);
    CHECK_INT(read_utf8_valid("abcdefghijklmnop\xC3", 17), 16);
    CHECK_INT(read_utf8_valid("abcdefgh\0ijklmnop", 17), 8);
    CHECK_INT(read_utf8_valid("abcdefghijklmnopqrstu\0vwxyz", 27), 21);
    CHECK_INT(read_utf8_valid("abcdefghijklmnopqrstuvwxyz0123456789\xE2\x80\x99", 39), 39);
    CHECK_INT(read_utf8_valid("abcdefghijklmnopqrstuvwxyz012345\xFF", 33), 32);
    CHECK_INT(read_utf8_valid("abc\xE2\x80\x99" "defghijklmnop", 19), 19);

    static const char *const tricky[] = {
        "plain ASCII text, long enough to cross several eight-byte words.",
        "e\xCC\x81", "\xCC\x81" "e", "\xCC\x81\xCC\x81", "a\xCC\xA3\xCC\x87", "a\xCC\x87\xCC\xA3",
        "s\xCC\x87\xCC\xA3 and \xE1\xB9\xA9",       /* s + dot above + dot below; U+1E69 */
        "\xC3\xA9\xCC\x96",                         /* é + a lower combining mark: reordered */
        "\xC3\x85 \xE2\x84\xAB \xE2\x84\xA6",       /* Å, Angstrom sign, Ohm sign */
        "\xE0\xA5\x98",                             /* U+0958: excluded from composition */
        "\xE0\xBD\xB3",                             /* U+0F73: decomposes to non-starters */
        "\xCD\x84 \xCD\x80",                        /* U+0344, U+0340 */
        "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8",     /* Hangul L V T */
        "\xEA\xB0\x80\xE1\x86\xA8",                 /* Hangul LV + T */
        "\xEA\xB0\x81 \xED\x9E\xA3",                /* Hangul syllables */
        "\xE0\xAD\x87\xE0\xAC\xBE",                 /* Oriya 0B47 0B3E: a second half of class 0 */
        "\xE0\xB3\x86\xE0\xB3\x82\xE0\xB3\x95",     /* Kannada 0CC6 0CC2 0CD5 */
        "\xE3\x81\x8B\xE3\x82\x99",                 /* か + voiced mark */
        "x\xE2\x89\xAE\xCC\xB8",                    /* U+226E + U+0338 */
        "=\xCC\xB8 <\xCC\xB8",                      /* compose to U+2260, U+226E */
        "\xEF\xAC\x81 \xC2\xA0 \xE2\x80\xA6",       /* compatibility characters stay */
        "\xF0\x9D\x85\x9E \xF0\x9D\x85\x97\xF0\x9D\x85\xA5", /* musical symbols: excluded */
        "\xE2\x80\x99quoted\xE2\x80\x9D\xE2\x80\x94" "dash\xE2\x80\x93",
        "\xEF\xBF\xBD\xEF\xBB\xBF\xF4\x8F\xBF\xBF\xEF\xBF\xBE",
        "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xE2\x82", "\xC3",
        "\xF0\x9F\x98", "\xE0\x80\x80", "abc\xC3" "defghijklmn\xCC\x81",
        "e\xCC", "\xCC\x81\xFF\xCC\x81", "\xE1\xBE\x80\xCD\x85", "\xCE\x99\xCD\x85",
        "\xD7\x90\xD6\xB4\xD6\xBC\xD6\xB7", "\xEF\xAC\xAC", "\xE1\xBA\x9B\xCC\xA3",
    };
    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
        S_same(&a, tricky[i], strlen(tricky[i]));
    S_same(&a, "a\0b\xCC\x81", 5);
    S_same(&a, "\0", 1);
    S_same(&a, "\xCC\x81\0\xCC\x81", 5);
    arena_free(&a);

    /* every code point alone and in three contexts: after 'e' and before a
     * combining acute, after a Hangul L jamo, between ASCII runs of 8 to 24
     * bytes (planes 4 to 13, unassigned, only every 97th) */
    char s[256];
    for (utf8proc_int32_t cp = 1; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        if (cp >= 0x40000 && cp < 0xE0000 && cp % 97) continue;
        size_t n = S_enc(s, cp);
        S_same2(&a, s, n, 0);
        n = 0;
        s[n++] = 'e';
        n += S_enc(s + n, cp);
        n += S_enc(s + n, 0x301);
        S_same2(&a, s, n, 0);
        n = S_enc(s, 0x1100);
        n += S_enc(s + n, cp);
        S_same2(&a, s, n, 0);
        int pre = 8 + (int)(cp % 17); /* across 8- and 16-byte words */
        memcpy(s, "abcdefghijklmnopqrstuvwxyz", (size_t)pre);
        n = (size_t)pre + S_enc(s + pre, cp);
        memcpy(s + n, "ijklmnopqrstuvwxyz", 18);
        S_same2(&a, s, n + 18, 0);
        if ((cp & 0xFFF) == 0) arena_free(&a);
    }
    arena_free(&a);

    /* random strings over an alphabet of troublemakers, with bad bytes */
    static const utf8proc_int32_t alpha[] = {
        'a', 'e', 'A', ' ', '.', 0xE9, 0x301, 0x316, 0x323, 0x307, 0x308, 0x344, 0x345, 0x1100,
        0x1161, 0x11A8, 0xAC00, 0xAC01, 0x0F73, 0x0F71, 0x0F72, 0x958, 0x2126, 0x212B, 0xB47,
        0xB3E, 0xB4B, 0xA0, 0xFB01, 0x1E69, 0x1E0B, 0xC5, 0x2019, 0xFFFD, 0x1F600, 0x3099,
        0x304B, 0xCC6, 0xCC2, 0xCD5, 0x338, 0x3D, 0x399, 0x1FBE, 0x1F80, 0x1D15E, 0x1D165,
        0x5D0, 0x5B4, 0x5BC, 0x17F, 0x1E9B};
    static const char *const badb[] = {"\x80", "\xFF", "\xC3", "\xE2\x82", "\xED\xA0\x80", ""};
    unsigned seed = 20261207;
    for (int it = 0; it < 100000; it++) {
        size_t n = 0;
        int len = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        for (int j = 0; j < len; j++) {
            unsigned r = (seed = seed * 1103515245u + 12345u) >> 16;
            if (r % 23 == 0) {
                const char *bb = badb[(r / 23) % 6];
                memcpy(s + n, bb, strlen(bb));
                n += strlen(bb);
                if (!*bb) s[n++] = 0;
            } else if (r % 7 == 0) {
                memcpy(s + n, "plain ascii ", 12);
                n += 12;
            } else {
                n += S_enc(s + n, alpha[(r / 7) % (sizeof alpha / sizeof *alpha)]);
            }
        }
        S_same(&a, s, n);
        if ((it & 1023) == 0) arena_free(&a);
    }
    arena_free(&a);
    CHECK_INT(S_differed, 0);
    printf("read_util: %ld strings compared with the reference\n", S_compared);
    return TESTS_DONE("read_util");
}
