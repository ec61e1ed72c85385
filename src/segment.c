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

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "sitrep.h"

/* Abbreviations whose period never ends a sentence. */
static const char *const S_abbrev[] = {
    "mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "lt.", "col.", "maj.", "capt.", "cmdr.",
    "adm.", "sgt.", "cpl.", "pvt.", "sen.", "rep.", "gov.", "pres.", "amb.", "sec.", "st.",
    "mt.", "ft.", "no.", "nos.", "vs.", "v.", "etc.", "e.g.", "i.e.", "approx.", "dept.",
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.",
    "nov.", "dec.", "mon.", "tue.", "tues.", "wed.", "thu.", "thur.", "thurs.", "fri.",
    "sat.", "sun.", "rev.", "hon.", "messrs.", "gens.", "fig.", "al.", "ca.", "cf.",
    "est.", "inc.", "corp.", "ltd.", "co.", "jr.", "sr.", "u.s.", "u.n.", "u.k.", "e.u.",
    "u.s.a.", "d.c.", "p.m.", "a.m.", NULL};

/* Abbreviations that may also end a sentence ("... in the U.S. The ...").
 * Each ends with its period (segment_text tests that before the list). */
static const char *const S_final_abbrev[] = {"etc.", "inc.", "corp.", "ltd.", "co.", "jr.", "sr.",
                                             "u.s.", "u.n.", "u.k.", "e.u.", "u.s.a.", "d.c.",
                                             "p.m.", "a.m.", NULL};

/* Words that start sentences: after a final abbreviation they mark a break. */
static const char *const S_starters[] = {"the", "a", "an", "he", "she", "it", "they", "we", "i",
                                         "but", "and", "in", "on", "this", "that", "these",
                                         "those", "his", "her", "their", "its", "there", "as",
                                         "after", "when", "while", "officials", "meanwhile", NULL};

static int S_in(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (!strcmp(list[i], s)) return 1;
    return 0;
}

static int S_ends_with_period(const char *s)
{
    size_t n = strlen(s);
    return n && s[n - 1] == '.';
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

static int S_is_letter(utf8proc_int32_t c)
{
    if (c < 128) return isalpha(c);
    utf8proc_category_t cat = utf8proc_category(c);
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_MN + 2; /* L*, M* */
}

static int S_is_upper(utf8proc_int32_t c)
{
    if (c < 128) return c >= 'A' && c <= 'Z';
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LU || utf8proc_category(c) == UTF8PROC_CATEGORY_LT;
}

static int S_is_apos(utf8proc_int32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }
static int S_is_dash(utf8proc_int32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
static int S_is_quote(utf8proc_int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB ||
           c == 0x00BB || c == '\'' || c == 0x2018 || c == 0x2019;
}
static int S_is_space(utf8proc_int32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 ||
           c == 0x202F || c == 0x200B || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0xFEFF;
}

/* segment_fold, with the length of the folded form in *len. */
static char *S_fold(arena *a, const char *s, size_t n, size_t *len)
{
    /* ASCII (most tokens): lower-cased in one pass into the arena, A-Z as
     * tolower does in the C locale (sitrep sets none), without its call;
     * the copy is dropped at the first other byte */
    char *o = arena_alloc(a, n + 1);
    if (!o) return NULL;
    size_t i = 0;
    for (; i < n && !((unsigned char)s[i] & 0x80); i++)
        o[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    if (i == n) {
        *len = n;
        return o;
    }
    /* map typographic punctuation first, then casefold and strip marks */
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

char *segment_fold(arena *a, const char *s, size_t n)
{
    size_t len;
    return S_fold(a, s, n, &len);
}

typedef struct {
    const char *text;
    arena *a;
    const vocab *v;
    vec toks;
} S_state;

/* Sets the id, base id and class of t, whose norm is l bytes long. */
static void S_tag(const vocab *v, sr_token *t, size_t l)
{
    if (!v) {   /* no vocabulary (phrases read at load, tests): no ids, no classes */
        t->id = t->base = VOCAB_UNKNOWN;
        t->cls = 0;
        return;
    }
    int id = vocab_id(v, t->norm, l), poss;
    size_t bl = segment_strip_poss(t->norm, l, &poss);
    t->id = id;
    t->base = poss ? vocab_id(v, t->norm, bl) : id;
    t->cls = id ? vocab_class(v, id) : vocab_form_class(t->norm, l);
}

/* Adds the token text[s..e), folded and tagged at once, while its length
 * is known (segment_tag would take a strlen of each). */
static int S_add(S_state *st, size_t s, size_t e, unsigned flags)
{
    sr_token *t = vec_push(&st->toks);
    if (!t) return SITREP_ENOMEM;
    size_t len;
    t->start = (int)s;
    t->end = (int)e;
    t->flags = flags;
    t->norm = S_fold(st->a, st->text + s, e - s, &len);
    if (!t->norm) return SITREP_ENOMEM;
    S_tag(st->v, t, len);
    return 0;
}

/* Tokenises text[s0..s1). */
static int S_tokenize(S_state *st, size_t s0, size_t s1)
{
    const char *t = st->text;
    size_t i = s0;
    while (i < s1) {
        int len;
        utf8proc_int32_t c = S_cp(t, s1, i, &len);
        if (S_is_space(c)) { i += (size_t)len; continue; }
        size_t start = i;
        if (S_is_letter(c) || (c < 128 && isdigit(c))) {
            int digit_start = c < 128 && isdigit(c);
            unsigned flags = digit_start ? TOK_NUM : TOK_WORD;
            int letters = 0, uppers = 0;
            size_t j = i;
            for (;;) {
                int l;
                utf8proc_int32_t d = S_cp(t, s1, j, &l);
                if (j >= s1) break;
                if (S_is_letter(d) || (d < 128 && isdigit(d))) {
                    /* "UkraineBiden": words run together where a line break
                     * was lost split at a lower-to-upper change, when both
                     * sides have three letters or more (not "McDonald") */
                    if (!digit_start && S_is_upper(d) && letters >= 3 && letters > uppers && j > start &&
                        !S_is_upper((unsigned char)t[j - 1]) && isalpha((unsigned char)t[j - 1])) {
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
                /* internal joiners: need a letter or digit right after */
                size_t k = j + (size_t)l;
                int l2;
                utf8proc_int32_t nx = k < s1 ? S_cp(t, s1, k, &l2) : 0;
                int alnum_next = k < s1 && (S_is_letter(nx) || (nx < 128 && isdigit(nx)));
                if ((S_is_dash(d) || S_is_apos(d)) && alnum_next) { j = k; continue; }
                if (digit_start && (d == ',' || d == '.') && k < s1 && nx < 128 && isdigit(nx)) { j = k; continue; }
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
                    for (size_t k = 0; k < wl; k++) w[k] = (char)tolower((unsigned char)t[start + k]);
                    w[wl] = '.';
                    w[wl + 1] = 0;
                    if (S_in(S_abbrev, w)) take = 1;
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
            int l0;
            utf8proc_int32_t c0 = S_cp(t, s1, start, &l0);
            if (S_is_upper(c0)) flags |= TOK_CAP;
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

static int S_is_closer(const sr_token *t)
{
    return (t->flags & TOK_QUOTE) || !strcmp(t->norm, ")") || !strcmp(t->norm, "]");
}

size_t segment_strip_poss(const char *s, size_t n, int *poss)
{
    *poss = 0;
    if (n > 3 && s[n - 2] == '\'' && s[n - 1] == 's') { *poss = 1; return n - 2; }
    if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's') { *poss = 1; return n - 1; }
    return n;
}

void segment_tag(const vocab *v, sr_token *toks, int n)
{
    for (int i = 0; i < n; i++) S_tag(v, &toks[i], strlen(toks[i].norm));
}

int segment_text(arena *a, const vocab *v, const char *text, const sr_region *regions, int nregions,
                 sr_segmentation *out)
{
    S_state st = {text, a, v, {0}};
    vec_init(&st.toks, sizeof(sr_token));
    vec sents;
    vec_init(&sents, sizeof(sr_sentence));
    int rc = 0;
    for (int r = 0; r < nregions && !rc; r++) {
        size_t first = st.toks.len;
        rc = S_tokenize(&st, (size_t)regions[r].start, (size_t)regions[r].end);
        if (rc) break;
        size_t last = st.toks.len;
        sr_token *tk = st.toks.data;
        size_t s = first;
        for (size_t i = first; i < last; i++) {
            int end = 0;
            size_t stop = i; /* last token of the sentence */
            const char *nm = tk[i].norm;
            int is_final = (tk[i].flags & TOK_PUNCT) &&
                           (!strcmp(nm, ".") || !strcmp(nm, "!") || !strcmp(nm, "?") || !strcmp(nm, "...") ||
                            !strcmp(nm, "\xE2\x80\xA6"));
            int abbrev_end = 0;
            /* every final abbreviation ends with its period: a word
             * without one is none of them (most words; the list is not
             * scanned for them) */
            if (!is_final && (tk[i].flags & TOK_WORD) && S_ends_with_period(nm) &&
                S_in(S_final_abbrev, nm))
                abbrev_end = 1;
            if (is_final || abbrev_end) {
                /* closing quotes and brackets touch what they close; a quote
                 * after a space opens the next sentence */
                while (stop + 1 < last && S_is_closer(&tk[stop + 1]) && tk[stop + 1].start == tk[stop].end) stop++;
                if (stop + 1 >= last) end = 1;
                else {
                    const sr_token *nx = &tk[stop + 1];
                    int starts = (nx->flags & (TOK_CAP | TOK_NUM)) || (nx->flags & TOK_QUOTE);
                    if (abbrev_end) starts = (nx->flags & TOK_CAP) && S_in(S_starters, nx->norm);
                    if (!strcmp(nm, "...") || !strcmp(nm, "\xE2\x80\xA6"))
                        starts = (nx->flags & TOK_CAP) != 0;
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
    if (rc) {
        vec_free(&st.toks);
        vec_free(&sents);
        return rc;
    }
    out->ntoks = (int)st.toks.len;
    out->nsents = (int)sents.len;
    out->toks = arena_alloc(a, (st.toks.len + 1) * sizeof(sr_token));
    out->sents = arena_alloc(a, (sents.len + 1) * sizeof(sr_sentence));
    if (out->toks && st.toks.len) memcpy(out->toks, st.toks.data, st.toks.len * sizeof(sr_token));
    if (out->sents && sents.len) memcpy(out->sents, sents.data, sents.len * sizeof(sr_sentence));
    vec_free(&st.toks);
    vec_free(&sents);
    return out->toks && out->sents ? 0 : SITREP_ENOMEM;
}
