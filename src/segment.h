/* segment.h -- stage 3: sentences and tokens.
 *
 * In:  a document's text and the list of kept regions from clean.c.
 * Out: sentences (byte spans into the text) and tokens with byte offsets
 *      and a folded form (lower case, diacritics removed, curly quotes and
 *      dashes made ASCII), and that form's id and class in the vocabulary
 *      (vocab.h), looked up once here: later stages compare ids and test
 *      class bits, and use the folded form only for output and to compare
 *      two arbitrary tokens.
 * All memory comes from the caller's arena.
 */
#ifndef SITREP_SEGMENT_H
#define SITREP_SEGMENT_H

#include "arena.h"
#include "vocab.h"

enum {
    TOK_WORD = 1 << 0,    /* letters (may contain digits, '-', '.', '\'') */
    TOK_NUM = 1 << 1,     /* starts with a digit */
    TOK_PUNCT = 1 << 2,   /* punctuation or symbol */
    TOK_CAP = 1 << 3,     /* first letter upper case */
    TOK_UPPER = 1 << 4,   /* every letter upper case (and >= 2 letters) */
    TOK_QUOTE = 1 << 5,   /* a quotation mark (any style) */
    TOK_SENTSTART = 1 << 6, /* first token of its sentence */
    TOK_HYPHEN = 1 << 7,  /* a word whose folded form has a '-' ("biden-putin") */
    TOK_POSS = 1 << 8     /* its folded form ends with a possessive 's or '
                           * (segment_strip_poss: "russia's", "states'") */
};

typedef struct {
    int start, end;    /* byte offsets [start, end) in the document text */
    const char *norm;  /* folded form: lower case ASCII where possible */
    unsigned flags;    /* TOK_* */
    int id;            /* norm's id in the vocabulary, or VOCAB_UNKNOWN */
    int base;          /* the id of norm without a possessive 's or '
                        * (segment_strip_poss), == id when it has none */
    int len;           /* strlen(norm) */
    vocab_cls cls;     /* its class: vocab_class(id) | vocab_form_class(norm) */
} sr_token;

typedef struct {
    int start, end;    /* byte span of the sentence in the text */
    int tok0, ntok;    /* its tokens: toks[tok0 .. tok0+ntok) */
    int para;          /* paragraph (kept line) index */
} sr_sentence;

typedef struct {
    sr_token *toks;
    int ntoks;
    sr_sentence *sents;
    int nsents;
} sr_segmentation;

/* A kept region of the text (from clean.c): [start, end). */
typedef struct {
    int start, end;
} sr_region;

/* Splits each region into sentences and tokens.  Regions are paragraphs:
 * a sentence never crosses a region boundary.  Each token gets its id and
 * class in v (segment_tag; v may be NULL: every word VOCAB_UNKNOWN, with
 * no class at all), its form's length and its TOK_HYPHEN and TOK_POSS
 * flags.  Returns 0 or SITREP_ENOMEM. */
int segment_text(arena *a, const vocab *v, const char *text, const sr_region *regions,
                 int nregions, sr_segmentation *out);

/* Sets the id, base, class, length and TOK_HYPHEN and TOK_POSS flags of
 * toks[0 .. n) from their folded forms: one lookup per token, two for a
 * possessive (for tokens made outside segment_text). */
void segment_tag(const vocab *v, sr_token *toks, int n);

/* The length of the folded word s[0..n) without a possessive "'s" (when
 * n > 3) or the "'" after a final s ("states'", when n > 2); *poss says
 * whether one was there. */
size_t segment_strip_poss(const char *s, size_t n, int *poss);

/* Folds one UTF-8 string into out (arena): lower case, diacritics
 * stripped (NFKD minus marks), curly quotes -> ' or ", dashes -> '-'. */
char *segment_fold(arena *a, const char *s, size_t n);

#endif
