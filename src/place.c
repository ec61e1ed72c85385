/* place.c -- stage 6: the gazetteer and place resolution (place.h).
 *
 * Reads data/gazetteer/places.tsv (scripts/build-gazetteer, GeoNames CC-BY
 * 4.0): the file text in one block, the sr_place array in an arena, the
 * folded keys in one buffer.  An open-addressing hash table of 16-byte slots
 * (malloc'd, sized from the file, grown at load) maps each
 * folded name or alternate -- its tokens joined by single spaces, split the
 * way segment.c splits text -- to a chain of candidate places (or, for the
 * 95 in 100 keys that name one place, to that place), and records
 * for every first token the longest name (in tokens) that starts with it.
 * Two small bit filters of the keys' hashes (S_maybe) spare most lookups
 * the table; the country entry and the capital of every code are found
 * once at load.
 * Invariant: read-only after gazetteer_load; chains hold each place once.
 */
#include "place.h"

#include "sitrep.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utf8proc.h>

#define PLACE_MAX_TOKENS 6     /* longest name gazetteer_match tries */
#define PLACE_MAX_KEY 256      /* longest folded key indexed, in bytes */
#define PLACE_MIN_POP 50000    /* single-token place outside the context */
#define PLACE_CONTEXT_RATIO 50  /* population ratio that overrides context */

/* A slot of the name table: 16 bytes, so a probe touches one cache line
 * (the table is the loader's hot spot: every name is a random access). */
typedef struct {
    uint32_t hash;
    uint32_t key;     /* offset of the folded key in g->keys; 0 = empty slot */
    int32_t head;     /* first candidate in g->cands, -1 if none; with
                       * one, the only candidate's index in g->places */
    uint16_t klen;    /* the key's length in bytes (< 2 * PLACE_MAX_KEY) */
    uint8_t maxlen;   /* longest name (tokens, at most 255) whose first token is key */
    uint8_t one;      /* the key names one place (95 in 100 do): head is it,
                       * and a lookup reads no chain (set at the end of the load) */
} place_slot;

typedef struct {
    int place;        /* index into g->places */
    int next;         /* next candidate, -1 ends the chain */
} place_cand;

struct gazetteer {
    arena a;              /* places */
    char *text;           /* malloc'd: the file, NUL-terminated; names point into it */
    sr_place *places;
    size_t nplaces;
    place_slot *slots;    /* malloc'd, power-of-two size */
    size_t nslots, nused;
    char *keys;           /* malloc'd: the folded keys, NUL-terminated, after a NUL at 0 */
    size_t keys_len, keys_cap;
    vec cands;            /* place_cand, malloc'd */
    uint64_t *filter[2]; /* malloc'd: bit filters of the keys' hashes (S_maybe) */
    size_t filter_mask[2]; /* their words - 1 */
    int32_t *country;     /* malloc'd, S_NCODES: by S_code, the first country
                           * entry (kind 'C') of a code, or -1 */
    int32_t *capital;     /* malloc'd, S_NCODES: gazetteer_capital of the code, or -1 */
};

/* Country codes are three letters A-Z (checked at load): S_code numbers
 * them 0 .. S_NCODES-1, or -1 for anything else. */
#define S_NCODES (26 * 26 * 26)
static int S_code(const char *iso3)
{
    for (int k = 0; k < 3; k++)
        if (iso3[k] < 'A' || iso3[k] > 'Z') return -1;
    if (iso3[3]) return -1;
    return ((iso3[0] - 'A') * 26 + (iso3[1] - 'A')) * 26 + (iso3[2] - 'A');
}

/* ---- hashing ---------------------------------------------------------- */

/* dict.c's string hash (never 0), written out here to be inlined: every
 * lookup hashes its name (dict_hash has the comments). */
static inline uint32_t S_hash(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9e3779b97f4a7c15ull * ((uint64_t)n + 1), w;
    for (; n > 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        w = (uint64_t)a << 32 | b;
    } else if (n) {
        w = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
    } else {
        w = 0;
    }
    h ^= w;
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return (uint32_t)h ? (uint32_t)h : 1;
}

/* Finds the slot of key s[0..n) (or the empty slot where it belongs). */
static place_slot *S_find(const place_slot *slots, size_t nslots, const char *keys,
                          const char *s, size_t n, uint32_t h)
{
    size_t mask = nslots - 1, i = h & mask;
    for (;;) {
        const place_slot *sl = &slots[i];
        if (!sl->key) return (place_slot *)sl;
        if (sl->hash == h && sl->klen == n && memcmp(keys + sl->key, s, n) == 0)
            return (place_slot *)sl;
        i = (i + 1) & mask;
    }
}

/* A zeroed table of n slots.  From 2 MB on it is aligned to 2 MB and
 * marked for transparent huge pages where the system has them (one TLB
 * entry instead of 512: lookups are random accesses into it).  A hint
 * only. */
static place_slot *S_table(size_t n)
{
    size_t bytes = n * sizeof(place_slot), huge = (size_t)2 << 20;
#ifdef MADV_HUGEPAGE
    if (bytes >= huge && bytes % huge == 0) {
        void *p = aligned_alloc(huge, bytes);
        if (p) {
            madvise(p, bytes, MADV_HUGEPAGE);
            memset(p, 0, bytes);
            return p;
        }
    }
#endif
    (void)huge;
    return calloc(n, sizeof(place_slot));
}

/* Rehashes into n slots (a power of two). */
static int S_resize(gazetteer *g, size_t n)
{
    place_slot *ns = S_table(n);
    if (!ns) return SITREP_ENOMEM;
    for (size_t i = 0; i < g->nslots; i++) {
        place_slot *o = &g->slots[i];
        if (!o->key) continue;
        size_t j = o->hash & (n - 1);
        while (ns[j].key) j = (j + 1) & (n - 1);
        ns[j] = *o;
    }
    free(g->slots);
    g->slots = ns;
    g->nslots = n;
    return 0;
}

/* Copies key s[0..n) to g->keys; returns its offset, or 0 when out of
 * memory (or past 4 GB). */
static uint32_t S_store_key(gazetteer *g, const char *s, size_t n)
{
    size_t used = g->keys_len ? g->keys_len : 1;  /* offset 0 means empty */
    if (used + n + 1 > g->keys_cap) {
        size_t cap = g->keys_cap ? g->keys_cap : 65536;
        while (used + n + 1 > cap) cap *= 2;
        if (cap > UINT32_MAX) return 0;
        char *k = realloc(g->keys, cap);
        if (!k) return 0;
        k[0] = 0;
        g->keys = k;
        g->keys_cap = cap;
    }
    g->keys_len = used;
    uint32_t off = (uint32_t)g->keys_len;
    memcpy(g->keys + off, s, n);
    g->keys[off + n] = 0;
    g->keys_len += n + 1;
    return off;
}

/* Returns the slot for key s[0..n), creating it (key copied to g->keys). */
static place_slot *S_intern(gazetteer *g, const char *s, size_t n)
{
    if ((g->nused + 1) * 10 > g->nslots * 7 && S_resize(g, g->nslots * 2) < 0) return NULL;
    uint32_t h = S_hash(s, n);
    place_slot *sl = S_find(g->slots, g->nslots, g->keys, s, n, h);
    if (!sl->key) {
        uint32_t k = S_store_key(g, s, n);
        if (!k) return NULL;
        sl->key = k;
        sl->hash = h;
        sl->head = -1;
        sl->klen = (uint16_t)n;
        sl->maxlen = 0;
        g->nused++;
    }
    return sl;
}

/* The bit filters: two bits of one 64-bit word per key, both from its
 * hash, in filter[S_NAMED] for the keys that name places (head >= 0) and
 * in filter[S_PREFIX] for the others, which only start longer names
 * ("new", "san").  A key whose bits are not set is not there: most words
 * of a text are no key, and most keys they hit name nothing; the filters
 * (64 and 4 KB for the GeoNames file, 6.5 and 7.5 bits a key) stay in
 * the caches where the 2 MB table does not. */
enum { S_NAMED, S_PREFIX, S_ALL };

static inline uint64_t S_bits(uint32_t h, size_t *word, size_t mask)
{
    uint64_t x = (uint64_t)h * 0x9e3779b97f4a7c15ull;
    *word = (size_t)(x >> 40) & mask;
    return 1ull << ((x >> 20) & 63) | 1ull << ((x >> 26) & 63);
}

static inline int S_maybe(const gazetteer *g, int f, uint32_t h)
{
    size_t w;
    uint64_t b = S_bits(h, &w, g->filter_mask[f]);
    return (g->filter[f][w] & b) == b;
}

/* Builds the filters from the table (at the end of the load), of at
 * least 4 bits a key.  0 or SITREP_ENOMEM. */
static int S_build_filters(gazetteer *g)
{
    size_t n[2] = {0, 0};
    for (size_t i = 0; i < g->nslots; i++)
        if (g->slots[i].key) n[g->slots[i].head >= 0 ? S_NAMED : S_PREFIX]++;
    for (int f = 0; f < 2; f++) {
        size_t words = 64;
        while (words * 64 < n[f] * 4) words *= 2;
        if (!(g->filter[f] = calloc(words, sizeof *g->filter[f]))) return SITREP_ENOMEM;
        g->filter_mask[f] = words - 1;
    }
    for (size_t i = 0; i < g->nslots; i++) {
        const place_slot *sl = &g->slots[i];
        if (!sl->key) continue;
        int f = sl->head >= 0 ? S_NAMED : S_PREFIX;
        size_t w;
        uint64_t b = S_bits(sl->hash, &w, g->filter_mask[f]);
        g->filter[f][w] |= b;
    }
    return 0;
}

/* The slot of key s[0..n) (hash h), or NULL; with f == S_NAMED only one
 * that names places (else NULL: the callers want only those). */
static const place_slot *S_get_h(const gazetteer *g, int f, const char *s, size_t n, uint32_t h)
{
    if (!g->nslots || !g->keys) return NULL;
    if (g->filter[S_NAMED] && !S_maybe(g, S_NAMED, h) && (f == S_NAMED || !S_maybe(g, S_PREFIX, h)))
        return NULL;
    const place_slot *sl = S_find(g->slots, g->nslots, g->keys, s, n, h);
    return sl->key ? sl : NULL;
}

/* The slot of key s[0..n) if it names places (head >= 0), or NULL. */
static const place_slot *S_get_named(const gazetteer *g, const char *s, size_t n)
{
    const place_slot *sl = S_get_h(g, S_NAMED, s, n, S_hash(s, n));
    return sl && sl->head >= 0 ? sl : NULL;
}

/* ---- folding and tokenising ------------------------------------------ */

/* Appends the ASCII replacement of a code point that NFKD does not reduce
 * (l with stroke, o with stroke, ...), or the UTF-8 bytes themselves. */
static size_t S_put_cp(char *out, size_t o, size_t cap, utf8proc_int32_t c,
                       int ascii_letters)
{
    const char *rep = NULL;
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x2032) rep = "'";
    else if (c == 0x201C || c == 0x201D) rep = "\"";
    else if (c >= 0x2010 && c <= 0x2015) rep = "-";
    else if (c == 0x00A0) rep = " ";
    else if (ascii_letters) {
        switch (c) {
        case 0x0142: rep = "l"; break;   /* l stroke */
        case 0x00F8: rep = "o"; break;   /* o stroke */
        case 0x0111: rep = "d"; break;   /* d stroke */
        case 0x0131: rep = "i"; break;   /* dotless i */
        case 0x00E6: rep = "ae"; break;
        case 0x0153: rep = "oe"; break;
        case 0x00FE: rep = "th"; break;
        case 0x00F0: rep = "d"; break;
        case 0x0127: rep = "h"; break;
        default: break;
        }
    }
    if (rep) {
        size_t n = strlen(rep);
        if (o + n < cap) memcpy(out + o, rep, n);
        return o + n;
    }
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(c, tmp);
    if (o + (size_t)n < cap) memcpy(out + o, tmp, (size_t)n);
    return o + (size_t)n;
}

/* Folds s[0..n) into out (cap bytes, NUL-terminated): lower case, marks
 * stripped, curly quotes and dashes ASCII; with ascii_letters also the
 * letters NFKD leaves alone.  Returns the length, or (size_t)-1 when the
 * result does not fit. */
static size_t S_fold(const char *s, size_t n, char *out, size_t cap,
                     int ascii_letters)
{
    size_t o = 0, i;
    for (i = 0; i < n && !((unsigned char)s[i] & 0x80); i++) {
        if (o + 1 >= cap) return (size_t)-1;
        char c = s[i];
        out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    if (i < n) {
        utf8proc_uint8_t *dst = NULL;
        utf8proc_ssize_t m = utf8proc_map(
            (const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &dst,
            UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                UTF8PROC_CASEFOLD);
        if (m < 0) { /* invalid UTF-8: keep the bytes, ASCII lower-cased */
            for (; i < n; i++) {
                if (o + 1 >= cap) return (size_t)-1;
                char c = s[i];
                out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
            }
        } else {
            utf8proc_ssize_t j = 0;
            while (j < m) {
                utf8proc_int32_t c;
                utf8proc_ssize_t k = utf8proc_iterate(dst + j, m - j, &c);
                if (k <= 0) break;
                j += k;
                o = S_put_cp(out, o, cap, c, ascii_letters);
            }
            free(dst);
            if (o >= cap) return (size_t)-1;
        }
    }
    out[o] = 0;
    return o;
}

/* Re-spaces folded text in place as segment.c tokens: words split on
 * blanks, ',' '(' ')' are tokens of their own.  Returns the new length and
 * sets *ntok and *first (length of the first token). */
static size_t S_tokenise(char *s, size_t n, int *ntok, size_t *first)
{
    char tmp[PLACE_MAX_KEY * 2];
    size_t o = 0;
    int nt = 0, inword = 0;
    *first = 0;
    for (size_t i = 0; i < n && o + 3 < sizeof tmp; i++) {
        char c = s[i];
        int sep = c == ' ' || c == '\t';
        int punct = c == ',' || c == '(' || c == ')';
        if (sep) { inword = 0; continue; }
        if (punct || !inword) {
            if (nt == 1 && !*first) *first = o;
            if (o) tmp[o++] = ' ';
            nt++;
        }
        tmp[o++] = c;
        inword = !punct;
    }
    if (nt == 1) *first = o;
    memcpy(s, tmp, o);
    s[o] = 0;
    *ntok = nt;
    return o;
}

/* The key of most names in one pass: an ASCII name of single-spaced words
 * without ',' '(' ')' or TABs folds to its lower-case self, which is
 * already tokenised (S_fold and S_tokenise would give the same).  Returns
 * the length, or (size_t)-1 when the name needs the general path. */
static size_t S_simple_key(const char *s, size_t n, char *out, int *ntok, size_t *first)
{
    if (!n || n >= PLACE_MAX_KEY || s[0] == ' ' || s[n - 1] == ' ') return (size_t)-1;
    int nt = 1;
    size_t f = n;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((unsigned char)c & 0x80 || c == '\t' || c == ',' || c == '(' || c == ')') return (size_t)-1;
        if (c == ' ') {
            if (s[i - 1] == ' ') return (size_t)-1;
            if (nt == 1) f = i;
            nt++;
        }
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = 0;
    *ntok = nt;
    *first = f;
    return n;
}

/* ---- loading ---------------------------------------------------------- */

static void S_err(char *err, size_t errlen, const char *path, int line,
                  const char *msg)
{
    if (!err || !errlen) return;
    if (line > 0) snprintf(err, errlen, "%s:%d: %s", path, line, msg);
    else snprintf(err, errlen, "%s: %s", path, msg);
}

/* Parses a decimal number ("-12.5") without the locale.  0 on success. */
static int S_number(const char *s, double *out)
{
    const char *p = s;
    int neg = 0, digits = 0;
    double v = 0, scale = 1;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    for (; *p >= '0' && *p <= '9'; p++, digits++) v = v * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            scale /= 10;
            v += (*p - '0') * scale;
        }
    if (!digits || *p) return -1;
    *out = neg ? -v : v;
    return 0;
}

/* Adds folded, tokenised key buf[0..len) -> place idx.  0 or ENOMEM. */
static int S_index_key(gazetteer *g, const char *buf, size_t len, int ntok,
                       size_t first, int idx)
{
    place_slot *sl = S_intern(g, buf, len);
    if (!sl) return SITREP_ENOMEM;
    if (sl->head < 0 || VEC_AT(&g->cands, place_cand, sl->head).place != idx) {
        place_cand *c = vec_push(&g->cands);
        if (!c) return SITREP_ENOMEM;
        c->place = idx;
        c->next = sl->head;
        sl->head = (int)(g->cands.len - 1);
    }
    if (ntok > 1) sl = S_intern(g, buf, first);
    if (!sl) return SITREP_ENOMEM;
    if (ntok > 255) ntok = 255;   /* gazetteer_match tries PLACE_MAX_TOKENS at most */
    if (sl->maxlen < ntok) sl->maxlen = (uint8_t)ntok;
    return 0;
}

/* Indexes one name of place idx, folded with the extra letter mapping and,
 * when that differs, with NFKD alone (so either folding of the text finds
 * it).  Names longer than PLACE_MAX_KEY are not indexed.  0 or ENOMEM. */
static int S_index(gazetteer *g, const char *name, size_t n, int idx)
{
    char k1[PLACE_MAX_KEY * 2], k2[PLACE_MAX_KEY * 2];
    int nt1, nt2;
    size_t f1, f2;
    size_t l1 = S_simple_key(name, n, k1, &nt1, &f1);
    if (l1 != (size_t)-1) return S_index_key(g, k1, l1, nt1, f1, idx);
    l1 = S_fold(name, n, k1, PLACE_MAX_KEY, 1);
    if (l1 == (size_t)-1 || !(l1 = S_tokenise(k1, l1, &nt1, &f1))) return 0;
    int rc = S_index_key(g, k1, l1, nt1, f1, idx);
    int ascii = 1;
    for (size_t i = 0; i < n; i++) ascii &= !((unsigned char)name[i] & 0x80);
    if (rc < 0 || ascii) return rc;
    size_t l2 = S_fold(name, n, k2, PLACE_MAX_KEY, 0);
    if (l2 == (size_t)-1 || !(l2 = S_tokenise(k2, l2, &nt2, &f2))) return 0;
    if (l2 == l1 && memcmp(k1, k2, l1) == 0) return 0;
    return S_index_key(g, k2, l2, nt2, f2, idx);
}

/* Splits line (modified in place) on tabs into at most max fields. */
static int S_fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; (p = strchr(p, '\t'));) {
        *p++ = 0;
        if (n == max) return max + 1;
        f[n++] = p;
    }
    return n;
}

static int S_parse_line(gazetteer *g, char *line, const char *path, int lineno,
                        char *err, size_t errlen)
{
    char *f[7];
    char msg[128];
    int nf = S_fields(line, f, 7);
    if (nf != 7) {
        snprintf(msg, sizeof msg, "expected 7 TAB-separated columns, got %d",
                 nf > 7 ? 8 : nf);
        S_err(err, errlen, path, lineno, msg);
        return SITREP_EDATA;
    }
    sr_place *p = &g->places[g->nplaces];
    double lat, lon, pop;
    if (!*f[0]) {
        S_err(err, errlen, path, lineno, "empty name");
        return SITREP_EDATA;
    }
    if (strlen(f[1]) != 3 || f[1][0] < 'A' || f[1][0] > 'Z' ||
        f[1][1] < 'A' || f[1][1] > 'Z' || f[1][2] < 'A' || f[1][2] > 'Z') {
        snprintf(msg, sizeof msg, "bad country code '%.20s'", f[1]);
        S_err(err, errlen, path, lineno, msg);
        return SITREP_EDATA;
    }
    if (strlen(f[2]) != 1 || !strchr("CAP", f[2][0])) {
        snprintf(msg, sizeof msg, "bad kind '%.20s' (want C, A or P)", f[2]);
        S_err(err, errlen, path, lineno, msg);
        return SITREP_EDATA;
    }
    if (S_number(f[3], &lat) < 0 || lat < -90 || lat > 90 ||
        S_number(f[4], &lon) < 0 || lon < -180 || lon > 180) {
        S_err(err, errlen, path, lineno, "bad latitude or longitude");
        return SITREP_EDATA;
    }
    if (S_number(f[5], &pop) < 0 || pop < 0 || strchr(f[5], '.')) {
        snprintf(msg, sizeof msg, "bad population '%.20s'", f[5]);
        S_err(err, errlen, path, lineno, msg);
        return SITREP_EDATA;
    }
    p->name = f[0];
    memcpy(p->country, f[1], 4);
    p->kind = f[2][0];
    p->lat = lat;
    p->lon = lon;
    p->population = (long)pop;
    int idx = (int)g->nplaces++;
    if (S_index(g, f[0], strlen(f[0]), idx) < 0) goto nomem;
    for (char *a = f[6]; *a;) {
        char *bar = strchr(a, '|');
        size_t n = bar ? (size_t)(bar - a) : strlen(a);
        if (n && S_index(g, a, n, idx) < 0) goto nomem;
        if (!bar) break;
        a = bar + 1;
    }
    return 0;
nomem:
    S_err(err, errlen, path, lineno, "out of memory");
    return SITREP_ENOMEM;
}

/* gazetteer_country and gazetteer_capital of every code, found once at
 * load (each was a scan of every place, and the coder asks them for most
 * events): the first country entry of each code in file order, then the
 * most populous place (the first on a tie) of its country at its
 * coordinates.  0 or SITREP_ENOMEM. */
static int S_index_countries(gazetteer *g)
{
    g->country = malloc(S_NCODES * sizeof *g->country);
    g->capital = malloc(S_NCODES * sizeof *g->capital);
    if (!g->country || !g->capital) return SITREP_ENOMEM;
    for (int k = 0; k < S_NCODES; k++) g->country[k] = g->capital[k] = -1;
    for (size_t i = 0; i < g->nplaces; i++) {
        const sr_place *p = &g->places[i];
        int k = S_code(p->country);
        if (p->kind == 'C' && k >= 0 && g->country[k] < 0) g->country[k] = (int32_t)i;
    }
    for (size_t i = 0; i < g->nplaces; i++) {
        const sr_place *p = &g->places[i];
        int k = p->kind == 'P' ? S_code(p->country) : -1;
        if (k < 0 || g->country[k] < 0) continue;
        const sr_place *c = &g->places[g->country[k]];
        double dlat = p->lat - c->lat, dlon = p->lon - c->lon;
        if (dlat * dlat + dlon * dlon > 1e-4) continue;
        if (g->capital[k] < 0 || p->population > g->places[g->capital[k]].population) g->capital[k] = (int32_t)i;
    }
    return 0;
}

gazetteer *gazetteer_load(const char *path, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        S_err(err, errlen, path, 0, "cannot open file");
        return NULL;
    }
    gazetteer *g = calloc(1, sizeof *g);
    if (!g) {
        fclose(fp);
        S_err(err, errlen, path, 0, "out of memory");
        return NULL;
    }
    arena_init(&g->a);
    vec_init(&g->cands, sizeof(place_cand));

    /* the whole file is read into one malloc'd block (sized from the
     * file, not zeroed); names point into it */
    struct stat st;
    size_t cap = fstat(fileno(fp), &st) == 0 && st.st_size > 0 ? (size_t)st.st_size + 1 : 65536;
    size_t tlen = 0, n;
    int rc = 0;
    char *text = malloc(cap);
    while (text) {
        if (tlen + 1 >= cap) {
            char *t = realloc(text, cap * 2);
            if (!t) { free(text); text = NULL; break; }
            text = t;
            cap *= 2;
        }
        if (!(n = fread(text + tlen, 1, cap - 1 - tlen, fp))) break;
        tlen += n;
    }
    if (!text) rc = SITREP_ENOMEM;
    else if (ferror(fp)) rc = SITREP_EIO;
    fclose(fp);
    if (rc) {
        S_err(err, errlen, path, 0, rc == SITREP_EIO ? "read error"
                                                     : "out of memory");
        free(text);
        gazetteer_free(g);
        return NULL;
    }
    text[tlen] = 0;
    g->text = text;
    if (!(g->keys = malloc(tlen + 1))) rc = SITREP_ENOMEM;  /* the keys take about half the file */
    else g->keys[0] = 0;
    g->keys_cap = tlen + 1;

    size_t nlines = 1, nbars = 0;
    for (const char *q = text; (q = memchr(q, '\n', tlen - (size_t)(q - text))); q++) nlines++;
    for (const char *q = text; (q = memchr(q, '|', tlen - (size_t)(q - text))); q++) nbars++;
    g->places = arena_alloc(&g->a, nlines * sizeof *g->places);
    /* ~1.25 keys a name, at most 70% full: sized once (doubling up to it
     * read every slot of every smaller empty table) */
    size_t nslots = 1024;
    while (nslots * 7 * 4 < (nlines + nbars) * 5 * 10) nslots *= 2;
    S_resize(g, nslots);
    if (rc || !g->places || !g->nslots) {
        S_err(err, errlen, path, 0, "out of memory");
        gazetteer_free(g);
        return NULL;
    }

    int lineno = 0;
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r') line[--len] = 0;
        if (len && line[0] != '#' &&
            S_parse_line(g, line, path, lineno, err, errlen) < 0) {
            gazetteer_free(g);
            return NULL;
        }
        line = nl ? nl + 1 : NULL;
    }
    for (size_t i = 0; i < g->nslots; i++) {
        place_slot *sl = &g->slots[i];
        if (!sl->key || sl->head < 0) continue;
        const place_cand *c = &VEC_AT(&g->cands, place_cand, sl->head);
        if (c->next < 0) {
            sl->one = 1;
            sl->head = c->place;
        }
    }
    if (S_build_filters(g) || S_index_countries(g)) {
        S_err(err, errlen, path, 0, "out of memory");
        gazetteer_free(g);
        return NULL;
    }
    return g;
}

void gazetteer_free(gazetteer *g)
{
    if (!g) return;
    arena_free(&g->a);
    free(g->slots);
    free(g->keys);
    free(g->text);
    vec_free(&g->cands);
    free(g->filter[S_NAMED]);
    free(g->filter[S_PREFIX]);
    free(g->country);
    free(g->capital);
    free(g);
}

size_t gazetteer_count(const gazetteer *g) { return g ? g->nplaces : 0; }

const sr_place *gazetteer_country(const gazetteer *g, const char *iso3)
{
    if (!g || strlen(iso3) != 3) return NULL;
    int k = S_code(iso3);
    return k >= 0 && g->country[k] >= 0 ? &g->places[g->country[k]] : NULL;
}

/* ---- ranking ---------------------------------------------------------- */

static int S_ctx_rank(const sr_place *p, const char (*context)[4], int nctx)
{
    for (int k = 0; k < nctx; k++)
        if (memcmp(context[k], p->country, 3) == 0) return k;
    return nctx;
}

/* Is a (context rank ra, index ia) a better reading than b?
 *  1. a country beats anything else (the name is the country's);
 *  2. the place in the earlier context country wins -- unless the other
 *     is PLACE_CONTEXT_RATIO times more populous (Moscow, Russia beats
 *     Moscow, Idaho, and Vienna, Austria beats Vienna, Virginia, even in
 *     an article that mentions the USA first);
 *  3. higher population; 4. earlier in the file.
 * (S_pick has already dropped regions that share their name with a city
 * of the same country: "Donetsk" is the city, not the oblast.) */
static int S_better(const sr_place *a, int ra, int ia, const sr_place *b,
                    int rb, int ib)
{
    if ((a->kind == 'C') != (b->kind == 'C')) return a->kind == 'C';
    double pa = a->population > 0 ? (double)a->population : 1;
    double pb = b->population > 0 ? (double)b->population : 1;
    if (ra != rb) {
        if (ra < rb) return !(pb >= pa * PLACE_CONTEXT_RATIO);
        return pa >= pb * PLACE_CONTEXT_RATIO;
    }
    if (a->population != b->population) return a->population > b->population;
    return ia < ib;
}

/* May p be read here at all?  Single-token matches drop populated places
 * under PLACE_MIN_POP outside the context (likely surnames or words). */
static int S_eligible(const sr_place *p, int rank, int nctx, int single)
{
    return !single || p->kind != 'P' || rank < nctx ||
           p->population >= PLACE_MIN_POP;
}

/* Does the chain from c hold an eligible populated place of country cc? */
static int S_has_city(const gazetteer *g, int c, const char *cc,
                      const char (*context)[4], int nctx, int single)
{
    for (; c >= 0; c = VEC_AT(&g->cands, place_cand, c).next) {
        const sr_place *p = &g->places[VEC_AT(&g->cands, place_cand, c).place];
        if (p->kind == 'P' && memcmp(p->country, cc, 3) == 0 &&
            S_eligible(p, S_ctx_rank(p, context, nctx), nctx, single))
            return 1;
    }
    return 0;
}

/* Best candidate of a chain (NULL when none is eligible). */
static const sr_place *S_pick(const gazetteer *g, const place_slot *sl,
                              const char (*context)[4], int nctx, int single)
{
    if (sl->one) {
        /* the chain of one place: it is the best when eligible (an 'A'
         * is never dropped for a city of its chain: there is none) */
        const sr_place *p = &g->places[sl->head];
        return !single || S_eligible(p, S_ctx_rank(p, context, nctx), nctx, single) ? p : NULL;
    }
    const sr_place *best = NULL;
    int brank = 0, bidx = 0;
    for (int c = sl->head; c >= 0;) {
        const place_cand *pc = &VEC_AT(&g->cands, place_cand, c);
        const sr_place *p = &g->places[pc->place];
        int r = S_ctx_rank(p, context, nctx);
        int ok = S_eligible(p, r, nctx, single);
        if (ok && p->kind == 'A' &&
            S_has_city(g, sl->head, p->country, context, nctx, single))
            ok = 0;
        if (ok && (!best || S_better(p, r, pc->place, best, brank, bidx))) {
            best = p;
            brank = r;
            bidx = pc->place;
        }
        c = pc->next;
    }
    return best;
}

/* ---- matching --------------------------------------------------------- */

/* Length of norm without a possessive "'s" or "'" ending. */
static size_t S_strip_possessive(const char *s, size_t n)
{
    if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's') return n - 2;
    if (n > 1 && s[n - 1] == '\'') return n - 1;
    return n;
}

static int S_match(const gazetteer *g, const sr_token *toks, int i, int n,
                   const char (*context)[4], int ncontext, const sr_place **best)
{
    *best = NULL;
    if (!g || i < 0 || i >= n || !(toks[i].flags & TOK_CAP) || !toks[i].norm)
        return 0;
    const char *t0 = toks[i].norm;
    size_t n0 = strlen(t0);
    uint32_t h0 = S_hash(t0, n0);
    const place_slot *first = S_get_h(g, S_ALL, t0, n0, h0);
    int maxl = first ? first->maxlen : 0;
    if (maxl > PLACE_MAX_TOKENS) maxl = PLACE_MAX_TOKENS;
    if (maxl > n - i) maxl = n - i;

    char key[PLACE_MAX_KEY];
    for (int len = maxl; len >= 2; len--) {
        size_t o = 0, last = 0;
        int fits = 1;
        for (int k = i; k < i + len && fits; k++) {
            const char *w = toks[k].norm ? toks[k].norm : "";
            size_t wl = strlen(w);
            if (o + wl + 2 > sizeof key) fits = 0;
            else {
                if (o) key[o++] = ' ';
                last = o;
                memcpy(key + o, w, wl);
                o += wl;
            }
        }
        if (!fits) continue;
        for (int strip = 0; strip < 2; strip++) {
            size_t kl = strip ? last + S_strip_possessive(key + last, o - last)
                              : o;
            if (strip && kl == o) break;
            const place_slot *sl = S_get_named(g, key, kl);
            const sr_place *p = sl && sl->head >= 0
                ? S_pick(g, sl, context, ncontext, 0) : NULL;
            if (p) {
                *best = p;
                return len;
            }
        }
    }
    /* one token: as written, then without a possessive */
    size_t ls = S_strip_possessive(t0, n0);
    for (int strip = 0; strip < 2; strip++) {
        size_t kl = strip ? ls : n0;
        if (strip && kl == n0) break;
        /* as written, the key is t0's, found above */
        const place_slot *sl = strip ? S_get_named(g, t0, kl) : first;
        const sr_place *p = sl && sl->head >= 0
            ? S_pick(g, sl, context, ncontext, 1) : NULL;
        if (p) {
            *best = p;
            return 1;
        }
    }
    return 0;
}

/* A venue (data/gazetteer/venues.tsv: a populated place of population 0,
 * "White House", "Kremlin") whose sentence also names, after "in" or "at",
 * a populated place of its country within half a degree ("The minister
 * arrived in Washington and met him at the White House"): that
 * place, which the text gives as the event's place and the venue only
 * refines; else NULL.  toks[i, i+len) is the venue, n the sentence end. */
static const sr_place *S_venue_city(const gazetteer *g, const sr_token *toks, int i, int len, int n,
                                    const char (*context)[4], int ncontext, const sr_place *v)
{
    int s = i;
    while (s > 0 && !(toks[s].flags & TOK_SENTSTART)) s--;
    for (int k = s + 1; k < n; k++) {
        if (k >= i && k < i + len) continue;
        const char *w = toks[k - 1].norm;
        if (!w || (strcmp(w, "in") && strcmp(w, "at"))) continue;
        const sr_place *p = NULL;
        int l = S_match(g, toks, k, n, context, ncontext, &p);
        if (l <= 0 || !p) continue;
        if (p->kind == 'P' && p->population > 0 && !memcmp(p->country, v->country, 4) &&
            p->lat - v->lat < 0.5 && v->lat - p->lat < 0.5 && p->lon - v->lon < 0.5 && v->lon - p->lon < 0.5)
            return p;
        k += l - 1;
    }
    return NULL;
}

int gazetteer_match(const gazetteer *g, const sr_token *toks, int i, int n,
                    const char (*context)[4], int ncontext,
                    const sr_place **best)
{
    int len = S_match(g, toks, i, n, context, ncontext, best);
    if (len > 0 && *best && (*best)->kind == 'P' && (*best)->population == 0) {
        const sr_place *city = S_venue_city(g, toks, i, len, n, context, ncontext, *best);
        if (city) *best = city;
    }
    return len;
}

/* For gazetteer_lookup: 1 for the bytes S_fold or S_tokenise may change
 * other than by lower-casing (>= 0x80, blank, ',' '(' ')'), 2 for A-Z. */
#define S_K(c) ((c) >= 0x80 || (c) == ' ' || (c) == '\t' || (c) == ',' || (c) == '(' || (c) == ')' \
                    ? 1 : (c) >= 'A' && (c) <= 'Z' ? 2 : 0)
#define S_K4(c) S_K(c), S_K(c + 1), S_K(c + 2), S_K(c + 3)
#define S_K16(c) S_K4(c), S_K4(c + 4), S_K4(c + 8), S_K4(c + 12)
#define S_K64(c) S_K16(c), S_K16(c + 16), S_K16(c + 32), S_K16(c + 48)
static const unsigned char S_kind[256] = {S_K64(0), S_K64(64), S_K64(128), S_K64(192)};
#undef S_K
#undef S_K4
#undef S_K16
#undef S_K64

const sr_place *gazetteer_lookup(const gazetteer *g, const char *folded_name,
                                 const char (*context)[4], int ncontext)
{
    if (!g || !folded_name) return NULL;
    char key[PLACE_MAX_KEY * 2];
    /* a name of ASCII letters and the like (a token's folded form, mostly)
     * is its own key, lower-cased: S_fold and S_tokenise change nothing
     * else in it (it has no byte >= 0x80, blank, ',', '(' or ')') */
    size_t n = 0;
    unsigned kind = 0, c;
    for (; (c = (unsigned char)folded_name[n]); n++) kind |= S_kind[c];
    if (!(kind & 1) && n < PLACE_MAX_KEY) {
        int upper = kind & 2;
        if (!n) return NULL;
        const char *k = folded_name;
        if (upper) {
            for (size_t i = 0; i < n; i++) {
                unsigned char c = (unsigned char)folded_name[i];
                key[i] = (char)((unsigned)c - 'A' < 26u ? c + ('a' - 'A') : c);
            }
            k = key;
        }
        const place_slot *sl = S_get_named(g, k, n);
        return sl && sl->head >= 0 ? S_pick(g, sl, context, ncontext, 0) : NULL;
    }
    size_t len = S_fold(folded_name, n, key, PLACE_MAX_KEY, 1);
    if (len == (size_t)-1 || !len) return NULL;
    int ntok;
    size_t first;
    len = S_tokenise(key, len, &ntok, &first);
    const place_slot *sl = S_get_named(g, key, len);
    return sl && sl->head >= 0 ? S_pick(g, sl, context, ncontext, 0) : NULL;
}

const sr_place *gazetteer_capital(const gazetteer *g, const char *iso3)
{
    if (!g || strlen(iso3) != 3) return NULL;
    int k = S_code(iso3);
    return k >= 0 && g->capital[k] >= 0 ? &g->places[g->capital[k]] : NULL;
}
