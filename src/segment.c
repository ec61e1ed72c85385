/* segment.c -- stage 3: sentences and tokens (segment.h).
 *
 * Tokens: words keep internal hyphens, apostrophes and the periods of
 * abbreviations and initials ("U.S.", "Jan.", "V."), so "Russia's" and
 * "Biden-Putin" are one token each; numbers keep their separators
 * ("1,000", "2.5"); every other symbol is a token of its own.  Curly quotes
 * and apostrophes fold to ASCII, dashes to '-'.
 * Sentences end at . ! ? (and a closing quote or bracket after them) when
 * the next token starts a sentence and the period does not belong to an
 * abbreviation or an initial; a region (kept line) always ends a sentence.
 */
#include "segment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sitrep.h"

/* Abbreviations whose period never ends a sentence.  Each fits in 8 bytes
 * (zero-padded rows), so a word is tested by comparing 8-byte integers
 * (S_in8) instead of strcmp against each (the test runs for every word
 * followed by a period). */
typedef char S_abbr8[8];
static const S_abbr8 S_abbrev[] = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "cmdr.",
    "adm.", "sgt.", "cpl.", "pvt.", "sen.", "rep.", "gov.", "pres.", "amb.", "sec.", "st.",
    "mt.", "ft.", "no.", "nos.", "vs.", "v.", "etc.", "e.g.", "i.e.", "approx.", "dept.",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
    "nov.", "dec.", "mon.", "tue.", "tues.", "wed.", "thu.", "thur.", "thurs.", "fri.",
    "sat.", "sun.", "rev.", "hon.", "messrs.", "gens.", "fig.", "al.", "ca.", "cf.",
    "est.", "inc.", "corp.", "ltd.", "co.", "jr.", "sr.", "u.s.", "u.n.", "u.k.", "e.u.",
    "u.s.a.", "d.c.", "p.m.", "a.m."};

/* Abbreviations that may also end a sentence ("... in the U.S. The ...").
 * Each ends with its period (segment_text tests that before the list). */
static const S_abbr8 S_final_abbrev[] = {"etc.", "inc.", "corp.", "ltd.", "co.", "jr.", "sr.",
                                         "u.s.", "u.n.", "u.k.", "e.u.", "u.s.a.", "d.c.",
                                         "p.m.", "a.m."};

/* Words that start sentences: after a final abbreviation they mark a break. */
static const char *const S_starters[] = {"the", "a", "an", "he", "she", "it", "they", "we", "i",
                                         "but", "and", "in", "on", "this", "that", "these",
                                         "those", "his", "her", "their", "its", "there", "as",
                                         "after", "when", "while", "officials", "meanwhile", NULL};

/* Is the string of 8 bytes w (zero-padded) one of the n8 rows of list? */
static int S_in8w(const S_abbr8 *list, size_t n8, const char *w)
{
    uint64_t x, r;
    memcpy(&x, w, 8);
    for (size_t i = 0; i < n8; i++) {
        memcpy(&r, list[i], 8);
        if (r == x) return 1;
    }
    return 0;
}

/* Is the string s[0..n) (up to a NUL, as strcmp reads it) one of the n8
 * rows of list?  A string of 8 bytes or more is none. */
static int S_in8(const S_abbr8 *list, size_t n8, const char *s, size_t n)
{
    const char *z = memchr(s, 0, n);
    if (z) n = (size_t)(z - s);
    if (n >= 8) return 0;
    char w[8] = {0};
    memcpy(w, s, n);
    return S_in8w(list, n8, w);
}

static int S_in(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], s)) return 1;
    return 0;
}

/* Character tests.  Below 128 (most of the text) they are plain ranges:
 * what isalpha, isdigit and isupper give in the C locale, which sitrep
 * never changes; above, utf8proc's categories (S_uni_*, out of line). */
static int S_uni_letter(utf8proc_int32_t c)
{
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MN + 2; /* L*, M* */
}

static int S_uni_upper(utf8proc_int32_t c)
{
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU || utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

static inline int S_is_digit(utf8proc_int32_t c) { return (uint32_t)c - '0' < 10u; }
static inline int S_is_alpha(utf8proc_int32_t c) { return (uint32_t)(c | 32) - 'a' < 26u && c < 128; }

static inline int S_is_letter(utf8proc_int32_t c)
{
    return c < 128 ? S_is_alpha(c) : S_uni_letter(c);
}

static inline int S_is_upper(utf8proc_int32_t c)
{
    return c < 128 ? (uint32_t)c - 'A' < 26u : S_uni_upper(c);
}

static inline int S_is_apos(utf8proc_int32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }
static inline int S_is_dash(utf8proc_int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
static inline int S_is_quote(utf8proc_int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB ||
           c == 0x00BB || c == '\'' || c == 0x2018 || c == 0x2019;
}
static inline int S_is_space(utf8proc_int32_t c)
{
    if (c < 128) return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    return c == 0xA0 || c == 0x2009 || c == 0x202F || c == 0x200B || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0xFEFF;
}

static inline utf8proc_int32_t S_cp(const char *s, size_t n, size_t i, int *len)
{
    /* ASCII, most of the text, decodes to itself (as utf8proc_iterate
     * decodes it) without a call */
    if (i < n && !((unsigned char)s[i] & 0x80)) {
        *len = 1;
        return (unsigned char)s[i];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) { *len = 1; return 0xFFFD; }
    *len = (int)k;
    return cp;
}

/* segment_fold of a string that is not all ASCII, with the length of the
 * folded form in *len: typographic punctuation mapped first, then
 * casefolded and marks stripped. */
static char *S_fold_uni(arena *a, const char *s, size_t n, size_t *len)
{
    char *o;
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n;) {
        int len;
        utf8proc_int32_t c = S_cp(s, n, i, &len);
        if (S_is_apos(c)) buf_putc(&b, '\'');
        else if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB) buf_putc(&b, '"');
        else if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212) buf_putc(&b, '-');
        else buf_put(&b, s + i, (size_t)len);
        i += (size_t)len;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)(b.s ? b.s : ""), (utf8proc_ssize_t)b.len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                                          UTF8PROC_STRIPMARK | UTF8PROC_COMPAT);
    if (m < 0) {
        *len = b.len;
        o = arena_strndup(a, b.s ? b.s : "", b.len);
    } else {
        *len = (size_t)m;
        o = arena_strndup(a, (const char *)out, (size_t)m);
    }
    free(out);
    buf_free(&b);
    return o;
}

/* Lower-cases the ASCII string s[0..n) into o (A-Z as tolower does in the
 * C locale), and NUL-terminates it.  Returns 0, or -1 at the first byte
 * that is not ASCII (o is then partly written). */
static inline int S_lower_ascii(char *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c & 0x80) return -1;
        o[i] = (char)((unsigned)c - 'A' < 26u ? c + ('a' - 'A') : c);
    }
    o[n] = 0;
    return 0;
}

/* S_lower_ascii for a token of at most 15 bytes whose text may be read 16
 * bytes from s: two 8-byte words, masked to n bytes, lower-cased at once
 * and stored whole (with the zeros past n, the NUL among them), so that
 * the vocabulary's 8-byte loads of the form that follow at once are
 * served from those stores (byte stores would stall them).  0, or -1 when
 * a byte is not ASCII (then nothing is written). */
static inline int S_lower_ascii16(char *o, const char *s, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t w[2];
    memcpy(w, s, 16);
    w[0] &= n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
    w[1] &= n <= 8 ? 0 : (1ull << (8 * (n - 8))) - 1;
    if ((w[0] | w[1]) & high) return -1;
    for (int k = 0; k < 2; k++) {
        /* a byte's high bit: >= 'A' in ge, > 'Z' in gt (no carries: every
         * byte is below 0x80); A-Z get 0x20 */
        uint64_t ge = w[k] + (0x80 - 'A') * ones, gt = w[k] + (0x80 - 'Z' - 1) * ones;
        w[k] |= (ge & ~gt & high) >> 2;
    }
    memcpy(o, w, 16);
    return 0;
#else
    return S_lower_ascii(o, s, n);
#endif
}

/* S_fold_uni of a token whose characters beyond ASCII are all typographic
 * quotes, apostrophes, dashes or the ellipsis (nine in ten of those in
 * news text), written into o, NUL-terminated, without utf8proc: the map of
 * S_fold_uni makes the first three ASCII, and NFKC with case folding
 * leaves ASCII lower-cased and makes the ellipsis "...".  The form is
 * never longer than s[0..n).  Returns its length, or (size_t)-1 at any
 * other character (o is then partly written). */
static size_t S_fold_typo(char *o, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[k++] = (char)((unsigned)c - 'A' < 26u ? c + ('a' - 'A') : c);
            i++;
            continue;
        }
        unsigned c1 = i + 1 < n ? (unsigned char)s[i + 1] : 0, c2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;
        char rep = 0;
        if (c == 0xE2 && c1 == 0x80) {
            if (c2 == 0x98 || c2 == 0x99) rep = '\'';                      /* U+2018 U+2019 */
            else if (c2 == 0x9C || c2 == 0x9D || c2 == 0x9E) rep = '"';     /* U+201C-201E */
            else if (c2 >= 0x90 && c2 <= 0x94) rep = '-';                  /* U+2010-2014 */
            else if (c2 == 0xA6) {                                         /* U+2026 */
                memcpy(o + k, "...", 3);
                k += 3;
                i += 3;
                continue;
            }
        } else if (c == 0xE2 && c1 == 0x88 && c2 == 0x92) {
            rep = '-';                                                     /* U+2212 */
        } else if (c == 0xCA && c1 == 0xBC) {
            o[k++] = '\'';                                                 /* U+02BC */
            i += 2;
            continue;
        } else if (c == 0xC2 && (c1 == 0xAB || c1 == 0xBB)) {
            o[k++] = '"';                                                  /* U+00AB U+00BB */
            i += 2;
            continue;
        }
        if (!rep) return (size_t)-1;
        o[k++] = rep;
        i += 3;
    }
    o[k] = 0;
    return k;
}

/* segment_fold, with the length of the folded form in *len. */
static char *S_fold(arena *a, const char *s, size_t n, size_t *len)
{
    /* ASCII (most tokens): lower-cased in one pass into the arena; the copy
     * is dropped at the first other byte */
    char *o = arena_alloc(a, n + 1);
    if (!o) return NULL;
    if (!S_lower_ascii(o, s, n)) {
        *len = n;
        return o;
    }
    return S_fold_uni(a, s, n, len);
}

char *segment_fold(arena *a, const char *s, size_t n)
{
    size_t len;
    return S_fold(a, s, n, &len);
}

/* What the sentence splitter needs to know of a token, found when it is
 * made (segment_text then reads no strings). */
enum {
    R_FINAL = 1,      /* punctuation ".", "!" or "?" */
    R_ELLIPSIS = 2,   /* punctuation "..." or "\xE2\x80\xA6" */
    R_PERIOD = 4,     /* a word whose folded form ends with a period */
    R_CLOSER = 8,     /* a quote, or ")" or "]" */
    R_UNPADDED = 16,  /* the norm is not in the padded block (S_room) */
    R_SLOW = 32,      /* tagged by S_tag: unpadded, or 16 bytes or more */
    R_POSS = 64,      /* the form ends with a possessive (S_strip_poss; no
                       * form of the fast paths has an apostrophe) */
    R_NUL = 128       /* the form has a NUL before its end (a NUL in the
                       * text): sr_token.len is strlen's, not len */
};

/* A token as it is made: an sr_token's text and form, and what tagging
 * it and splitting sentences need (segment_text makes the sr_tokens). */
typedef struct {
    int start, end;
    const char *norm;
    unsigned flags;
    uint32_t len;      /* of norm */
    uint32_t hash;     /* norm's vocabulary hash (not R_SLOW) */
    unsigned char role; /* R_* */
} S_tok;

typedef struct {
    const char *text;
    arena *a;
    const vocab *v;
    vocab_table tab;    /* v's table (no slots without v) */
    S_tok *toks;        /* malloc'd, ntoks of cap */
    const char *end;    /* text .. end may be read: the end of the last region */
    size_t ntoks, cap;
    char *norms;        /* the folded forms of ASCII tokens, one after the
                         * other, in one arena block (S_room): a form is
                         * never longer than its token */
    size_t nused, nroom;
    int nul;            /* the text has a NUL byte (S_push then measures
                         * each form it makes with strlen) */
} S_state;

/* segment_strip_poss, inlined where every token is tagged. */
static inline size_t S_strip_poss(const char *s, size_t n, int *poss)
{
    *poss = 0;
    if (n > 3 && s[n - 2] == '\'' && s[n - 1] == 's') { *poss = 1; return n - 2; }
    if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's') { *poss = 1; return n - 1; }
    return n;
}

/* The vocabulary key (vocab.h) of the folded form o[0..n), n < 16, where
 * o[0..16) may be read (padded): the bytes from n on masked off. */
static inline vocab_key S_key16(const char *o, size_t n)
{
    vocab_key k;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    memcpy(k.w, o, 16);
    k.w[0] &= n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
    k.w[1] &= n <= 8 ? 0 : (1ull << (8 * (n - 8))) - 1;
    k.w[1] |= (uint64_t)n << 56;
#else
    unsigned char b[16] = {0};
    memcpy(b, o, n);
    b[15] = (unsigned char)n;
    memcpy(k.w, b, 16);
#endif
    return k;
}

/* Sets the id, base id and class of t, whose norm is l bytes long and is
 * readable for VOCAB_PAD bytes at least when padded. */
static void S_tag(const vocab *v, sr_token *t, size_t l, int padded)
{
    if (!v) {   /* no vocabulary (phrases read at load, tests): no ids, no classes */
        t->id = t->base = VOCAB_UNKNOWN;
        t->cls = 0;
        return;
    }
    vocab_cls cls;
    int id = padded ? vocab_find_padded(v, t->norm, l, &cls) : vocab_find(v, t->norm, l, &cls), poss;
    size_t bl = S_strip_poss(t->norm, l, &poss);
    t->id = id;
    t->base = !poss ? id : padded ? vocab_find_padded(v, t->norm, bl, NULL) : vocab_id(v, t->norm, bl);
    t->cls = id ? cls : vocab_form_class(t->norm, l);
}

/* Makes room for one more token (st->cap).  0 or SITREP_ENOMEM. */
static int S_grow(S_state *st)
{
    size_t cap = st->cap ? st->cap * 2 : 256;
    S_tok *t = realloc(st->toks, cap * sizeof *t);
    if (!t) return SITREP_ENOMEM;
    st->toks = t;
    st->cap = cap;
    return 0;
}

/* Ends adding token text[s..e) with flags and sentence roles r, whose
 * folded form o (len bytes) is written; k is its key unless r has R_SLOW.
 * The form's hash is kept and its vocabulary slot prefetched: the token
 * is tagged once the whole text is tokenised (segment_text), and
 * meanwhile the slot comes into the cache. */
static inline void S_push_key(S_state *st, size_t s, size_t e, unsigned flags, const char *o, size_t len,
                              unsigned r, vocab_key k)
{
    S_tok *t = &st->toks[st->ntoks++];
    t->start = (int)s;
    t->end = (int)e;
    t->flags = flags;
    t->norm = o;
    t->len = (uint32_t)len;
    t->role = (unsigned char)r;
    if (st->tab.slots && !(r & R_SLOW)) {
        t->hash = vocab_hash(k, 0);
#if defined(__GNUC__)
        __builtin_prefetch(&st->tab.slots[t->hash & st->tab.mask]);
#endif
    }
}

/* S_push_key for a token of any form (in the padded block unless r has
 * R_UNPADDED), its sentence roles found here. */
static inline void S_push(S_state *st, size_t s, size_t e, unsigned flags, const char *o, size_t len,
                          unsigned r)
{
    if (flags & TOK_PUNCT) {
        if ((o[0] == '.' || o[0] == '!' || o[0] == '?') && !o[1]) r |= R_FINAL;
        else if ((o[0] == '.' && o[1] == '.' && o[2] == '.' && !o[3]) ||
                 ((unsigned char)o[0] == 0xE2 && (unsigned char)o[1] == 0x80 &&
                  (unsigned char)o[2] == 0xA6 && !o[3]))
            r |= R_ELLIPSIS;
    }
    if ((flags & TOK_QUOTE) || ((o[0] == ')' || o[0] == ']') && !o[1])) r |= R_CLOSER;
    if (len && o[len - 1] == '.' && strlen(o) == len) r |= R_PERIOD;
    int poss;
    S_strip_poss(o, len, &poss);
    if (poss) r |= R_POSS;
    /* what the actor matcher reads of the form as a string (strlen's
     * length, TOK_HYPHEN, TOK_POSS), found here once: the fast paths make
     * no token with a hyphen, an apostrophe or a NUL */
    size_t sl = len;
    if (st->nul && memchr(o, 0, len)) {
        r |= R_NUL;
        sl = strlen(o);
        S_strip_poss(o, sl, &poss);
    }
    if (poss) flags |= TOK_POSS;
    if ((flags & TOK_WORD) && memchr(o, '-', sl)) flags |= TOK_HYPHEN;
    if ((r & R_UNPADDED) || len >= 16) {
        vocab_key none = {{0, 0}};
        S_push_key(st, s, e, flags, o, len, r | R_SLOW, none);
    } else {
        S_push_key(st, s, e, flags, o, len, r, S_key16(o, len));
    }
}

/* Adds the token text[s..e), folded at once (and tagged later, S_push). */
static int S_add(S_state *st, size_t s, size_t e, unsigned flags)
{
    if (st->ntoks == st->cap && S_grow(st)) return SITREP_ENOMEM;
    size_t len = e - s;
    const char *src = st->text + s;
    char *o = st->norms + st->nused;
    unsigned r = 0;
    size_t k;
    if (len < 16 && src + 16 <= st->end ? !S_lower_ascii16(o, src, len) : !S_lower_ascii(o, src, len)) {
        st->nused += len + 1;
    } else if ((k = S_fold_typo(o, src, len)) != (size_t)-1) {
        len = k;
        st->nused += len + 1;
    } else {
        o = S_fold_uni(st->a, src, len, &len);
        if (!o) return SITREP_ENOMEM;
        r = R_UNPADDED;
    }
    S_push(st, s, e, flags, o, len, r);
    return 0;
}

/* Makes room in st->norms for the folded ASCII forms of n bytes of text
 * (each token's form and NUL take at most twice its bytes), plus VOCAB_PAD
 * bytes for vocab_find_padded to read past the last. */
static int S_room(S_state *st, size_t n)
{
    if (st->nroom - st->nused >= 2 * n + VOCAB_PAD) return 0;
    size_t room = 2 * n + VOCAB_PAD;
    if (room < 4096) room = 4096;
    char *p = arena_alloc(st->a, room);
    if (!p) return SITREP_ENOMEM;
    st->norms = p;
    st->nused = 0;
    st->nroom = room;
    return 0;
}

/* The number of bits set in a 16-bit mask (without a library call where
 * the target has no popcount instruction). */
static inline int S_pop16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0f0fu;
    return (int)((x + (x >> 8)) & 0x1fu);
}

/* How far the word loop of S_tokenize may jump at once from j (< s1):
 * over the ASCII letters and digits that follow, up to s1, but not to or
 * past an upper-case letter right after a lower-case one (where it may
 * split "UkraineBiden": it decides those one at a time).  Adds the letters
 * and upper-case letters passed to *letters and *uppers; returns the new
 * j (j itself when it cannot jump).  16 bytes at a time with SSE2 where
 * they may be read (end: the end of the readable text). */
static inline size_t S_alnum_run(const char *t, size_t j, size_t s1, const char *end, int *letters,
                                 int *uppers)
{
#if defined(__SSE2__) && defined(__GNUC__)
    if (t + j + 16 > end) return j;
    __m128i x = _mm_loadu_si128((const __m128i *)(t + j));
    /* signed compares: bytes >= 0x80 are negative, in no range */
#define S_RANGE(lo, hi) \
    (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)((lo) - 1))), \
                                              _mm_cmplt_epi8(x, _mm_set1_epi8((char)((hi) + 1)))))
    unsigned lo = S_RANGE('a', 'z'), up = S_RANGE('A', 'Z'), dg = S_RANGE('0', '9');
#undef S_RANGE
    unsigned run = (unsigned)__builtin_ctz(~(lo | up | dg) | 0x10000u);
    unsigned risk = up & (lo << 1);   /* upper-case after lower-case */
    if (risk) {
        unsigned r = (unsigned)__builtin_ctz(risk);
        if (r < run) run = r;
    }
    if (run > s1 - j) run = (unsigned)(s1 - j);
    unsigned m = (1u << run) - 1;
    *letters += S_pop16((lo | up) & m);
    *uppers += S_pop16(up & m);
    return j + run;
#else
    (void)t, (void)s1, (void)end, (void)letters, (void)uppers;
    return j;
#endif
}

/* The common word in one step: at text[i], a word or number of 1-15 ASCII
 * letters and digits that ends before s1 or at it, followed by an ASCII
 * character that does not join it to more ('-' '\'' always may, ',' '.'
 * may: the word loop of S_tokenize decides those) and with no upper-case
 * letter right after a lower-case one ("UkraineBiden": likewise).  The 16
 * bytes at text[i] are classified at once (SSE2), the token's flags are
 * what the word loop would give, and its folded form is the same bytes
 * with A-Z lowered, stored in one 16-byte write; the period after an
 * abbreviation or an initial is taken as the word loop takes it.  Returns
 * the token's length, 0 when text[i] starts no such word (S_tokenize goes
 * on as for any token), or SITREP_ENOMEM. */
static inline int S_fast_word(S_state *st, size_t i, size_t s1)
{
#if defined(__SSE2__) && defined(__GNUC__)
    const char *p = st->text + i;
    if (p + 16 > st->end) return 0;
    __m128i x = _mm_loadu_si128((const __m128i *)p);
#define S_RANGE(lo, hi) \
    _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)((lo) - 1))), \
                  _mm_cmplt_epi8(x, _mm_set1_epi8((char)((hi) + 1))))
    __m128i vup = S_RANGE('A', 'Z');
    unsigned lo = (unsigned)_mm_movemask_epi8(S_RANGE('a', 'z')), up = (unsigned)_mm_movemask_epi8(vup),
             dg = (unsigned)_mm_movemask_epi8(S_RANGE('0', '9'));
#undef S_RANGE
    unsigned an = lo | up | dg;
    if (!(an & 1)) return 0;
    unsigned n = (unsigned)__builtin_ctz(~an | 0x10000u);
    if (n >= 16) return 0;
    int digit_start = dg & 1, period = 0;
    if (n >= s1 - i) n = (unsigned)(s1 - i);   /* the region ends the word */
    unsigned m = (1u << n) - 1, letters = (lo | up) & m;
    if (n < s1 - i) {
        unsigned char d = (unsigned char)p[n];
        if (d >= 0x80 || d == '-' || d == '\'') return 0;
        if (d == ',' || d == '.') {
            /* a number goes on over either before a digit ("1,000", "2.5");
             * a word of at most three letters over a period before a
             * letter or a digit ("U.S."; a byte past ASCII may start a
             * letter) */
            unsigned char nx = i + n + 1 < s1 ? (unsigned char)p[n + 1] : ' ';
            int nx_digit = (unsigned)nx - '0' < 10u;
            if (digit_start && nx_digit) return 0;
            if (!digit_start && d == '.' &&
                (nx >= 0x80 || ((nx_digit || (unsigned)(nx | 32) - 'a' < 26u) && S_pop16(letters) <= 3)))
                return 0;
            period = !digit_start && d == '.';
        }
    }
    if (!digit_start && (up & (lo << 1) & m)) return 0;
    if (st->ntoks == st->cap && S_grow(st)) return SITREP_ENOMEM;
    unsigned flags = digit_start ? TOK_NUM : TOK_WORD;
    if (up & 1) flags |= TOK_CAP;
    if ((letters & (letters - 1)) && !(lo & m)) flags |= TOK_UPPER;   /* >= 2 letters, none lower-case */
    /* the folded form: A-Z + 0x20, bytes from n on zero (the NUL) */
    static const unsigned char keep[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    __m128i low = _mm_or_si128(x, _mm_and_si128(vup, _mm_set1_epi8(0x20)));
    low = _mm_and_si128(low, _mm_loadu_si128((const __m128i *)(keep + 16 - n)));
    char *o = st->norms + st->nused;
    _mm_storeu_si128((__m128i *)o, low);
    unsigned r = 0;
    if (period && n + 1 < 16) {
        /* the period of an initial ("V.") or an abbreviation ("Gen.") is
         * the word's; the form "gen." is at most 7 bytes (S_abbrev) */
        o[n] = '.';
        if ((letters == 1 && (up & 1)) ||
            (n + 1 < 8 && S_in8w(S_abbrev, sizeof S_abbrev / sizeof *S_abbrev, o)))
            n++, r = R_PERIOD;
        else
            o[n] = 0;
    }
    st->nused += n + 1;
    /* its key: the 16 bytes just stored (zero from n on), n in byte 15;
     * no sentence role but that period (no quote or bracket) */
    vocab_key k;
    memcpy(k.w, o, 16);
    k.w[1] |= (uint64_t)n << 56;
    S_push_key(st, i, i + n, flags, o, n, r, k);
    return (int)n;
#else
    (void)st, (void)i, (void)s1;
    return 0;
#endif
}

/* The common symbol in one step: at text[i], printable ASCII punctuation
 * (what S_tokenize makes a token of its own: one character, or a run of
 * '.' or '-' of at most 15), made a token with the flags and sentence
 * roles S_push would find, its form its own bytes.  Returns the token's
 * length, 0 when text[i] is none (S_tokenize goes on as for any token),
 * or SITREP_ENOMEM. */
static inline int S_fast_punct(S_state *st, size_t i, size_t s1)
{
    const char *p = st->text + i;
    unsigned char c = (unsigned char)p[0];
    if (c <= ' ' || c >= 0x7f || (unsigned)c - '0' < 10u || (unsigned)(c | 32) - 'a' < 26u) return 0;
    size_t n = 1;
    if (c == '.' || c == '-')
        while (i + n < s1 && p[n] == (char)c) n++;
    if (n >= 16) return 0;
    if (st->ntoks == st->cap && S_grow(st)) return SITREP_ENOMEM;
    unsigned flags = TOK_PUNCT, r = 0;
    if (c == '"' || c == '\'') flags |= TOK_QUOTE, r = R_CLOSER;
    else if (c == ')' || c == ']') r = R_CLOSER;
    else if (c == '.') r = R_PERIOD | (n == 1 ? R_FINAL : n == 3 ? R_ELLIPSIS : 0);
    else if (c == '!' || c == '?') r = R_FINAL;
    char *o = st->norms + st->nused;
    memset(o, c, n);
    o[n] = 0;
    st->nused += n + 1;
    S_push_key(st, i, i + n, flags, o, n, r, S_key16(o, n));
    return (int)n;
}

/* Tokenises text[s0..s1). */
static int S_tokenize(S_state *st, size_t s0, size_t s1)
{
    const char *t = st->text;
    size_t i = s0;
    if (S_room(st, s1 - s0)) return SITREP_ENOMEM;
    while (i < s1) {
        if (t[i] == ' ') { i++; continue; }
        int fast = S_fast_word(st, i, s1);
        if (!fast) fast = S_fast_punct(st, i, s1);
        if (fast < 0) return SITREP_ENOMEM;
        if (fast) { i += (size_t)fast; continue; }
        int len;
        utf8proc_int32_t c = S_cp(t, s1, i, &len);
        if (S_is_space(c)) { i += (size_t)len; continue; }
        size_t start = i;
        if (S_is_letter(c) || S_is_digit(c)) {
            int digit_start = S_is_digit(c);
            unsigned flags = digit_start ? TOK_NUM : TOK_WORD;
            int letters = 0, uppers = 0;
            size_t j = i;
            for (;;) {
                /* a run of ASCII letters and digits, most of a word */
                j = S_alnum_run(t, j, s1, st->end, &letters, &uppers);
                while (j < s1 && (unsigned)(unsigned char)t[j] - 'a' < 26u) {
                    letters++;
                    j++;
                }
                if (j >= s1) break;
                int l;
                utf8proc_int32_t d = S_cp(t, s1, j, &l);
                if (S_is_letter(d) || S_is_digit(d)) {
                    /* "UkraineBiden": words run together where a line break
                     * was lost split at a lower-to-upper change, when both
                     * sides have three letters or more (not "McDonald") */
                    if (!digit_start && S_is_upper(d) && letters >= 3 && letters > uppers && j > start &&
                        (unsigned)(unsigned char)t[j - 1] - 'a' < 26u) {
                        size_t k2 = j + (size_t)l;
                        int lower_after = 0;
                        while (k2 < s1 && lower_after < 2 && t[k2] >= 'a' && t[k2] <= 'z') { lower_after++; k2++; }
                        if (lower_after >= 2) break;
                    }
                    if (S_is_letter(d)) {
                        letters++;
                        if (S_is_upper(d)) uppers++;
                    }
                    j += (size_t)l;
                    continue;
                }
                /* internal joiners: need a letter or digit right after; no
                 * other ASCII character is one (most words end here) */
                if (d < 128 && d != '-' && d != '\'' && d != ',' && d != '.') break;
                size_t k = j + (size_t)l;
                int l2;
                utf8proc_int32_t nx = k < s1 ? S_cp(t, s1, k, &l2) : 0;
                int alnum_next = k < s1 && (S_is_letter(nx) || S_is_digit(nx));
                if ((S_is_dash(d) || S_is_apos(d)) && alnum_next) { j = k; continue; }
                if (digit_start && (d == ',' || d == '.') && k < s1 && S_is_digit(nx)) { j = k; continue; }
                if (!digit_start && d == '.' && alnum_next && letters <= 3) {
                    /* U.S., U.N., e.g. -- short letter groups joined by periods */
                    j = k;
                    continue;
                }
                break;
            }
            /* trailing period: abbreviation or initial? */
            if (!digit_start && j < s1 && t[j] == '.') {
                size_t wl = j - start;
                char w[16];
                int take = 0;
                if (wl + 1 < sizeof w) {
                    for (size_t k = 0; k < wl; k++) {
                        unsigned char b = (unsigned char)t[start + k];
                        w[k] = (char)((unsigned)b - 'A' < 26u ? b + ('a' - 'A') : b);   /* tolower, C locale */
                    }
                    w[wl] = '.';
                    if (S_in8(S_abbrev, sizeof S_abbrev / sizeof *S_abbrev, w, wl + 1)) take = 1;
                    else if (letters == 1 && uppers == 1) take = 1;          /* initial "V." */
                    else if (memchr(t + start, '.', wl)) take = 1;            /* "U.S." */
                }
                if (take) j++;
            }
            /* possessive after a plural s: "Harris'" */
            if (!digit_start && j < s1 && j > start && (t[j - 1] == 's' || t[j - 1] == 'S')) {
                int l;
                utf8proc_int32_t d = S_cp(t, s1, j, &l);
                if (d == '\'' || d == 0x2019) {
                    size_t k = j + (size_t)l;
                    int l2;
                    utf8proc_int32_t nx = k < s1 ? S_cp(t, s1, k, &l2) : ' ';
                    if (!S_is_letter(nx)) j = k;
                }
            }
            if (S_is_upper(c)) flags |= TOK_CAP;
            if (letters >= 2 && uppers == letters) flags |= TOK_UPPER;
            if (S_add(st, start, j, flags)) return SITREP_ENOMEM;
            i = j;
            continue;
        }
        unsigned flags = TOK_PUNCT;
        if (S_is_quote(c)) flags |= TOK_QUOTE;
        /* runs of the same ASCII punctuation ("--", "...") are one token */
        size_t j = i + (size_t)len;
        if (c == '.' || c == '-')
            while (j < s1 && t[j] == (char)c) j++;
        if (S_add(st, start, j, flags)) return SITREP_ENOMEM;
        i = j;
    }
    return 0;
}

size_t segment_strip_poss(const char *s, size_t n, int *poss)
{
    return S_strip_poss(s, n, poss);
}

void segment_tag(const vocab *v, sr_token *toks, int n)
{
    for (int i = 0; i < n; i++) {
        sr_token *t = &toks[i];
        size_t l = strlen(t->norm);
        int poss;
        S_strip_poss(t->norm, l, &poss);
        t->len = (int)l;
        t->flags &= ~(unsigned)(TOK_HYPHEN | TOK_POSS);
        if (poss) t->flags |= TOK_POSS;
        if ((t->flags & TOK_WORD) && memchr(t->norm, '-', l)) t->flags |= TOK_HYPHEN;
        S_tag(v, t, l, 0);
    }
}

int segment_text(arena *a, const vocab *v, const char *text, const sr_region *regions, int nregions,
                 sr_segmentation *out)
{
    S_state st = {text, a, v, vocab_get_table(v), NULL, text, 0, 0, NULL, 0, 0, 0};
    for (int r = 0; r < nregions; r++)
        if (text + regions[r].end > st.end) st.end = text + regions[r].end;
    st.nul = memchr(text, 0, (size_t)(st.end - text)) != NULL;
    /* room for most documents' tokens at once (news text has a token in
     * about six bytes): growing from 256 by doubling copied the array two
     * or three times a document */
    size_t bytes = 0;
    for (int r = 0; r < nregions; r++)
        if (regions[r].end > regions[r].start) bytes += (size_t)(regions[r].end - regions[r].start);
    st.cap = bytes / 4 + 64;
    if (!(st.toks = malloc(st.cap * sizeof *st.toks))) return SITREP_ENOMEM;
    vec sents;
    vec_init(&sents, sizeof(sr_sentence));
    int rc = 0;
    for (int r = 0; r < nregions && !rc; r++) {
        size_t first = st.ntoks;
        rc = S_tokenize(&st, (size_t)regions[r].start, (size_t)regions[r].end);
        if (rc) break;
        size_t last = st.ntoks;
        S_tok *tk = st.toks;
        size_t s = first;
        for (size_t i = first; i < last; i++) {
            /* most tokens can end no sentence: one byte tells */
            if (!(tk[i].role & (R_FINAL | R_ELLIPSIS | R_PERIOD)) && i + 1 < last) continue;
            int end = 0;
            size_t stop = i; /* last token of the sentence */
            int is_final = tk[i].role & (R_FINAL | R_ELLIPSIS);
            int abbrev_end = 0;
            /* every final abbreviation ends with its period: a word
             * without one is none of them (most words; the list is not
             * scanned for them) */
            if (!is_final && (tk[i].flags & TOK_WORD) && (tk[i].role & R_PERIOD) &&
                S_in8(S_final_abbrev, sizeof S_final_abbrev / sizeof *S_final_abbrev, tk[i].norm,
                      strlen(tk[i].norm)))
                abbrev_end = 1;
            if (is_final || abbrev_end) {
                /* closing quotes and brackets touch what they close; a quote
                 * after a space opens the next sentence */
                while (stop + 1 < last && (tk[stop + 1].role & R_CLOSER) && tk[stop + 1].start == tk[stop].end) stop++;
                if (stop + 1 >= last) end = 1;
                else {
                    const S_tok *nx = &tk[stop + 1];
                    int starts = (nx->flags & (TOK_CAP | TOK_NUM)) || (nx->flags & TOK_QUOTE);
                    if (abbrev_end) starts = (nx->flags & TOK_CAP) && S_in(S_starters, nx->norm);
                    if (tk[i].role & R_ELLIPSIS) starts = (nx->flags & TOK_CAP) != 0;
                    end = starts;
                }
            }
            if (i + 1 == last) { end = 1; stop = i; }
            if (!end) continue;
            sr_sentence *se = vec_push(&sents);
            if (!se) { rc = SITREP_ENOMEM; break; }
            se->tok0 = (int)s;
            se->ntok = (int)(stop - s + 1);
            se->start = tk[s].start;
            se->end = tk[stop].end;
            se->para = r;
            tk[s].flags |= TOK_SENTSTART;
            s = stop + 1;
            i = stop;
        }
    }
    if (!rc) {
        out->ntoks = (int)st.ntoks;
        out->nsents = (int)sents.len;
        out->toks = arena_alloc(a, (st.ntoks + 1) * sizeof(sr_token));
        out->sents = arena_alloc(a, (sents.len + 1) * sizeof(sr_sentence));
        /* every token is tagged as it is copied, at the end: its
         * vocabulary slot, prefetched when it was made, has had the whole
         * document's time to come (S_tag's lookups, inlined) */
        for (size_t i = 0; out->toks && i < st.ntoks; i++) {
            const S_tok *k = &st.toks[i];
            sr_token *t = &out->toks[i];
            t->start = k->start;
            t->end = k->end;
            t->norm = k->norm;
            t->flags = k->flags;
            size_t l = k->len;
            t->len = k->role & R_NUL ? (int)strlen(k->norm) : (int)l;
            if (!st.tab.slots || (k->role & R_SLOW)) {
                S_tag(v, t, l, !(k->role & R_UNPADDED));
                continue;
            }
            const vocab_slot *sl = vocab_probe(st.tab, S_key16(t->norm, l), k->hash);
            t->id = (int)sl->id;
            t->cls = sl->id ? sl->cls : vocab_form_class(t->norm, l);
            if (k->role & R_POSS) {
                int poss;
                vocab_key bk = S_key16(t->norm, S_strip_poss(t->norm, l, &poss));
                t->base = (int)vocab_probe(st.tab, bk, vocab_hash(bk, 0))->id;
            } else {
                t->base = t->id;
            }
        }
        if (out->sents && sents.len) memcpy(out->sents, sents.data, sents.len * sizeof(sr_sentence));
        if (!out->toks || !out->sents) rc = SITREP_ENOMEM;
    }
    free(st.toks);
    vec_free(&sents);
    return rc;
}
