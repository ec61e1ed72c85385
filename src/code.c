/* code.c -- stage 7: PLOVER/CAMEO event coding (code.h, spec/EVENTS.md §2).
 *
 * Patterns (data/patterns/NAME.txt) are indexed by their head lemma.  For each
 * word of a sentence the lexicon proposes lemmas; every pattern with such a
 * head is matched against the following tokens (literals, alternatives,
 * optional words, gaps, the $T target slot that takes an actor mention or a
 * gazetteer place).  The most specific match wins.  Then the clause decides
 * the rest: the source is the subject (nearest actor to the left that is
 * not the object of a preposition; a possessor or "by" agent for noun
 * triggers and passives), the modality comes from cues to the left of the
 * trigger within its clause (modality.tsv), the date from the nearest time
 * expression of the clause, the location from an "in"/"at" place phrase.
 * Compound actors give one event per distinct (source key, target key).
 * Words are tested by vocabulary id (VW_*), class (W_*, bits 32-63 of
 * the token's class, added to the vocabulary at load) and word list
 * (S_WORD_LISTS: a bit per list by id, S_in_list); modality cues and
 * treaty names are keyed by the ids of their words; the lemmas of a word
 * that head patterns, the literals it matches and its verb lists are
 * looked up by its id in tables built at load (S_build_lex).  Types are
 * indexes (T_*, S_tix).  Still by string: prefix and suffix tests of a
 * word's spelling ("warn-", "-ing", "-ly", "n't"), a pattern's mode and
 * CAMEO code, and the learned layer's feature names.
 */
#include "code.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict.h"
#include "learn.h"
#include "merge.h"

enum { E_LIT = 1, E_OPT, E_GAP, E_TGT, E_SRC };
enum { S_LW = 4, S_LBITS = 8 };   /* the literals' blooms: S_LW words, 2^S_LBITS bits */

typedef struct {
    int t;
    const char **alts;
    int nalts;
    /* the vocabulary ids of the words that match (S_build_lex), sorted:
     * ids as written or with a possessive ('s, '), lids by a lemma other
     * than the word itself (for word tokens only) */
    const int *ids, *lids;
    int nids, nlids;
    /* a literal's ids and lids, hashed to one bit of S_LBITS each
     * (S_lbit): a sentence whose words after the trigger set none of these
     * bits has no word the literal matches (S_lits_after) */
    uint64_t bloom[S_LW];
} S_elem;

typedef struct {
    const char *cameo, *type, *mode;
    int tix;             /* type's index in S_types */
    int quad;
    double goldstein;
    int noun;
    S_elem *el;
    int nel, nlit, has_tgt;
    int ncontent;        /* literals besides the head that are not mere
                          * prepositions ("hold .. talks": 1, "sanctions on $T": 0) */
    const char *where;   /* "consult.txt:12: meet with $T" */
    int next;            /* next pattern with the same head */
} S_pat;

typedef struct {
    int quad;
    double goldstein;
} S_cameo;

enum { C_NEG = 1, C_REFUSE, C_HYP, C_COND, C_FEAR, C_PLAN, C_REPORT, C_NOTYET };

typedef struct {
    const char *words[4];
    int ids[4];          /* the words' vocabulary ids */
    int n, cls;
    int next;            /* next cue with the same last word */
} S_cue;

struct coder {
    arena mem;
    const lexicon *lx;
    vec pats, cues;
    dict heads[2];       /* lemma -> first pattern: [0] verbs, [1] nouns */
    dict cameo;          /* code -> index into cameos */
    vec cameos;
    dict classes;        /* loading only: word class name -> index into classv */
    vec classv;          /* loading only: const char *, its words as "a|b|c" */
    int *cue_last;       /* vocabulary id of a last word -> first cue, or -1 */
    uint64_t *wlist;     /* by vocabulary id, the word lists it is in (S_build_wlists) */
    int nwlist;          /* ids below it have an entry */
    int ncue_last;       /* ids below it have an entry */
    uint64_t cue_pairs[128];     /* S_cue_bit of each cue's last two words (one word: -1 before it) */
    vocab *voc;          /* loading only: where the coder adds its words */
    dict attach;         /* loading only: S_attach */
    vec conflicts;       /* S_conflict: wars, for attacks with no target */
    vec treaties;        /* S_treaty: two-sided treaties, for leaving them */
    /* what the lexicon says of each word by its number (S_build_lex): a
     * word of the vocabulary by its id (below vbase), another by a number
     * from vbase up, given in forms (S_cid) */
    int *lexi;           /* number -> 1 + index into lexes, 0 for none */
    int nlexi;           /* numbers below it have an entry in lexi */
    int vbase;           /* the vocabulary's size when the coder was loaded */
    struct S_fslot_ *forms;
    size_t fsmask, nforms;
    const char **fstr;           /* by number - vbase: the form (coder's arena) */
    uint64_t fbloom[4096];       /* two bits of 2^18 per form (S_fbits) */
    vec lexes;           /* S_lex */
    vec hents;           /* S_hent: the heads of S_lex.head */
    /* per head, what S_propose reads of its patterns (S_build_chains) */
    int *chain_of;       /* first pattern of a head -> index into chains */
    vec chains;          /* S_chain */
    vec centries;        /* S_centry */
    /* the blooms of each entry's literals (S_elem.bloom), in the order of
     * centries, the likeliest to fail first (S_pack_filters): a head's
     * filters in one block, read without its patterns (S_lits_after) */
    uint64_t (*lfilt)[S_LW];
    /* the learned layer's words that tie an actor to what precedes it
     * (S_link_word), by vocabulary id: index into linkw, 0 for none */
    unsigned char *linkof;
    int nlinkof;
    const char *linkw[64];
    int nlinkw;
    /* the weights of the model's features of few values (coder_bind_model) */
    struct S_wtab *wt;
    const learn_model *wt_model;
    /* ... and of those naming a lemma or a word, by their numbers */
    uint64_t *fkeys;             /* 0: empty */
    struct S_wx_ *fvals;
    size_t fmask;
    unsigned char *lidok;        /* by lemma number: its names are looked up by number */
    dict roles;                  /* the roles the model's names write -> their numbers, from 1 */
    int nlid, id_dollar, id_caret;
    int lid_shoot;               /* the number of the head lemma "shoot", or -1 (S_word_is_act) */
    int lid_pay, lid_face;       /* ... of "pay" and "face" (a price promised, S_find_sources) */
    /* by type (S_types): a speech act or SUPPORT (its reporter may be its
     * source), symmetric (merge_symmetric) */
    unsigned char tspeech[16], tsym[16];
    /* by type: its name's length and the prefixes of its features' names,
     * "T|", "T|s:", "T|g:" (S_cand_feats, S_side_feats) */
    unsigned char tlen[16];
    char tpre[16][3][32];
};

/* One word's lemmas, as far as the coder asks (S_build_lex): which of
 * them head patterns, in lexicon_lemmas' order, and the LX_* bits. */
typedef struct {
    int head[2], nhead[2];   /* by part of speech: hents[head .. head + nhead) */
    unsigned bits;
} S_lex;

/* A head's patterns as S_propose walks them: the types they serve (at
 * most P_MAXT_, the first pattern of each type), each one's pattern and
 * type slot (P_MAXT_: none) and 1 + its literals. */
enum { P_MAXT_ = 6 };
typedef struct {
    int ntp, tp[P_MAXT_];
    int e0, ne;          /* coder.centries[e0 .. e0 + ne) */
} S_chain;
typedef struct {
    int pi, j, nlit1;
    int lf0;             /* its literals' blooms: coder.lfilt[lf0 .. lf0 + nlit1 - 1) */
} S_centry;

/* A lemma of a word that heads patterns: the first of them (PAT), and
 * the lemma's number (the same for the same lemma). */
typedef struct {
    const char *lemma;
    int first, lid;
} S_hent;

enum {
    LX_PAST = 1,         /* lexicon_is_past */
    LX_LIGHT = 2,        /* a verb lemma in S_light */
    LX_CONTROL = 4,      /* ... in S_control */
    LX_ANSWER = 8,       /* ... in S_answer */
    LX_OFFER = 16,       /* ... is "offer" */
    LX_KNOWN = 32,       /* the word has an entry (every S_lex has) */
    LX_LIT = 64,         /* it matches some literal (S_elem.ids, .lids) */
};

/* One war of conflicts.tsv: sides a and b from day `from` to `to`. */
typedef struct {
    char a[16], b[16];
    long from, to;       /* to: LONG_MAX while it lasts */
} S_conflict;

/* One treaty of treaties.tsv: its two sides and its names, each name a
 * run of folded words by their vocabulary ids. */
enum { TREATY_MAXK = 8, TREATY_MAXN = 6, TREATY_MAXW = 8 };
typedef struct {
    char side[2][TREATY_MAXK][16];
    int nside[2];
    int name[TREATY_MAXN][TREATY_MAXW];
    int nwords[TREATY_MAXN], nnames;
    const char *title;   /* the first name as written, for --explain */
} S_treaty;

#define PAT(c, i) (&VEC_AT(&(c)->pats, S_pat, i))
#define CUE(c, i) (&VEC_AT(&(c)->cues, S_cue, i))

void coder_free(coder *c)
{
    if (!c) return;
    vec_free(&c->pats);
    vec_free(&c->cues);
    vec_free(&c->cameos);
    vec_free(&c->conflicts);
    vec_free(&c->treaties);
    dict_free(&c->heads[0]);
    dict_free(&c->heads[1]);
    dict_free(&c->cameo);
    dict_free(&c->classes);
    vec_free(&c->classv);
    dict_free(&c->attach);
    free(c->cue_last);
    free(c->wlist);
    free(c->lexi);
    free(c->forms);
    free(c->fstr);
    free(c->chain_of);
    vec_free(&c->chains);
    vec_free(&c->centries);
    free(c->linkof);
    free(c->wt);
    free(c->fkeys);
    free(c->fvals);
    free(c->lidok);
    dict_free(&c->roles);
    vec_free(&c->lexes);
    vec_free(&c->hents);
    arena_free(&c->mem);
    free(c);
}

size_t coder_pattern_count(const coder *c) { return c->pats.len; }

/* The PLOVER types.  A pattern's type is its index here (S_pat.tix); an
 * event's type (sr_event.type) points to its name in S_types, so its index
 * is where it points (S_tix).  The rules test indexes, and sets of types
 * as bits (TB). */
enum {
    T_AGREE, T_CONSULT, T_SUPPORT, T_CONCEDE, T_COOPERATE, T_AID, T_RETREAT, T_REQUEST,
    T_ACCUSE, T_REJECT, T_THREATEN, T_PROTEST, T_SANCTION, T_MOBILIZE, T_COERCE, T_ASSAULT,
    NTYPES
};
static const char S_types[NTYPES][12] = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID",
                                         "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                                         "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"};
#define TB(T) (1u << T_##T)

/* The index of an event's type: type is one of S_types' names (the
 * patterns' and S_recode's are). */
static int S_tix(const char *type) { return (int)((type - S_types[0]) / sizeof S_types[0]); }
/* Is type tix one of set's (TB bits)? */
static int S_type_in(int tix, unsigned set) { return (set >> tix) & 1; }

/* types that are speech acts: their source can be the reporter */
#define S_SPEECH_ACTS (TB(REQUEST) | TB(ACCUSE) | TB(REJECT) | TB(THREATEN))

static const char *S_type_name(const char *s)
{
    for (int i = 0; i < NTYPES; i++)
        if (!strcmp(S_types[i], s)) return S_types[i];
    return NULL;
}

static void S_lower(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

/* Parses one pattern line's pattern column into elements. */
/* Prepositions that only attach a pattern's target. */
static const char *const S_attach[] = {"to", "with", "on", "against", "for", "from", "of", "in", "at", "by",
                                       "into", "over", "toward", "towards", "between", "about", "upon",
                                       "across", "along", "around", "near", "amid", "among", "within", "via",
                                       NULL};
static int S_in(const char *w, const char *const *list);

/* The singular of a plural noun literal ("missiles" -> "missile"), in the
 * coder's arena, or NULL: no plural, a preposition ("across"), or no
 * noun lemma in the lexicon. */
static const char *S_singular(coder *c, const char *w)
{
    size_t n = strlen(w);
    int k;
    if (!c->lx || n < 4 || w[n - 1] != 's' || strchr("siu", w[n - 2]) || dict_get(&c->attach, w, n, &k)) return NULL;
    const char *lem[LEXICON_MAX];
    char scratch[LEXICON_MAX * 64];
    int nl = lexicon_lemmas(c->lx, LEX_NOUN, w, lem, scratch);
    for (int k = 1; k < nl; k++)
        if (strlen(lem[k]) >= 3 && strlen(lem[k]) < n && !strncmp(lem[k], w, strlen(lem[k]) - 1))
            return arena_strdup(&c->mem, lem[k]);
    return NULL;
}

static int S_parse_pattern(coder *c, S_pat *p, char *text, char *err, size_t errlen, const char *where)
{
    S_elem el[32];
    int n = 0;
    char *save = NULL;
    p->nlit = 0;
    p->has_tgt = 0;
    const char *head = NULL;
    for (char *w = strtok_r(text, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (n == 32) {
            snprintf(err, errlen, "%s: pattern too long", where);
            return SITREP_EDATA;
        }
        S_elem *e = &el[n];
        memset(e, 0, sizeof *e);
        if (!head) {
            if (*w == '@') { p->noun = 1; w++; }
            if (!*w || *w == '$' || *w == '(' || !strcmp(w, "..")) {
                snprintf(err, errlen, "%s: a pattern starts with its head word", where);
                return SITREP_EDATA;
            }
            S_lower(w);
            if (strpbrk(w, "|()$")) {
                snprintf(err, errlen, "%s: the head '%s' must be one word (write one line per head)", where, w);
                return SITREP_EDATA;
            }
            head = arena_strdup(&c->mem, w);
            continue;
        }
        if (!strcmp(w, "..")) e->t = E_GAP;
        else if (!strcmp(w, "$T")) { e->t = E_TGT; p->has_tgt = 1; }
        else if (!strcmp(w, "$S")) e->t = E_SRC;
        else {
            int opt = 0;
            if (w[0] == '(') {
                size_t l = strlen(w);
                if (l < 3 || w[l - 1] != ')') {
                    snprintf(err, errlen, "%s: unbalanced '(' in '%s'", where, w);
                    return SITREP_EDATA;
                }
                w[l - 1] = 0;
                w++;
                opt = 1;
            }
            S_lower(w);
            int na = 1;
            for (char *q = w; *q; q++) na += *q == '|';
            e->t = opt ? E_OPT : E_LIT;
            e->alts = arena_alloc(&c->mem, (size_t)na * 2 * sizeof(char *));
            if (!e->alts) return SITREP_ENOMEM;
            char *s2 = NULL;
            for (char *a = strtok_r(w, "|", &s2); a; a = strtok_r(NULL, "|", &s2)) {
                e->alts[e->nalts++] = arena_strdup(&c->mem, a);
                /* a plural literal matches its singular too: "fire ..
                 * missiles at" codes "fired a missile at" (a singular
                 * literal already matches the plural through its lemma) */
                const char *sg = S_singular(c, a);
                int dup = !sg;
                for (int k = 0; !dup && k < e->nalts; k++) dup = !strcmp(e->alts[k], sg);
                if (!dup) e->alts[e->nalts++] = sg;
            }
            if (!opt) p->nlit++;
            /* a word of the event's own: a noun's preposition only
             * attaches the target ("sanctions on $T"), a verb's may carry
             * the meaning ("stand with $T", "side with $T") */
            int content = !p->noun;
            /* ... but a word after its slot is the construction's own
             * ("@time for $T to": "it is time for Russia to withdraw") */
            for (int k = 0; k < n && !content; k++)
                if (el[k].t == E_TGT || el[k].t == E_SRC) content = 1;
            for (int k = 0, v; k < e->nalts; k++)
                if (!dict_get(&c->attach, e->alts[k], strlen(e->alts[k]), &v)) content = 1;
            if (!opt && content) p->ncontent++;
        }
        n++;
    }
    if (!head) {
        snprintf(err, errlen, "%s: empty pattern", where);
        return SITREP_EDATA;
    }
    p->el = arena_alloc(&c->mem, (size_t)(n ? n : 1) * sizeof(S_elem));
    if (!p->el) return SITREP_ENOMEM;
    memcpy(p->el, el, (size_t)n * sizeof(S_elem));
    p->nel = n;
    int pi = (int)c->pats.len - 1;
    dict *hd = &c->heads[p->noun];
    int first;
    p->next = -1;
    if (dict_get(hd, head, strlen(head), &first)) {
        int k = first;
        while (PAT(c, k)->next >= 0) k = PAT(c, k)->next;
        PAT(c, k)->next = pi;
        return 0;
    }
    return dict_set(hd, head, strlen(head), pi);
}

typedef int (*S_line_fn)(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen);

static int S_read_tsv(coder *c, const char *path, const char *base, S_line_fn fn, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open", path);
        return SITREP_EIO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ')) line[--n] = 0;
        if (n == 0 || line[0] == '#') continue;
        char *cols[8];
        int nc = 0;
        cols[nc++] = line;
        for (char *p = line; *p && nc < 8; p++)
            if (*p == '\t') { *p = 0; cols[nc++] = p + 1; }
        /* "BASE:LINE", as snprintf(where, sizeof where, "%s:%ld") writes it */
        char where[512], num[24];
        int nl = 0;
        for (long v = lineno; v; v /= 10) num[nl++] = (char)('0' + v % 10);
        size_t bl = strlen(base);
        if (bl > sizeof where - 1) bl = sizeof where - 1;
        memcpy(where, base, bl);
        if (bl < sizeof where - 1) where[bl++] = ':';
        while (nl && bl < sizeof where - 1) where[bl++] = num[--nl];
        where[bl] = 0;
        rc = fn(c, cols, nc, where, err, errlen);
    }
    free(line);
    fclose(fp);
    return rc;
}

static int S_cameo_line(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen)
{
    if (nc < 3) {
        snprintf(err, errlen, "%s: expected code<TAB>quad<TAB>goldstein<TAB>name", where);
        return SITREP_EDATA;
    }
    S_cameo *cm = vec_push(&c->cameos);
    if (!cm) return SITREP_ENOMEM;
    char *end;
    cm->quad = (int)strtol(cols[1], &end, 10);
    if (*end || cm->quad < 1 || cm->quad > 4) {
        snprintf(err, errlen, "%s: bad QuadClass '%s'", where, cols[1]);
        return SITREP_EDATA;
    }
    /* locale-independent decimal: [-]int[.frac] */
    const char *s = cols[2];
    int neg = *s == '-';
    if (neg || *s == '+') s++;
    double v = 0, scale = 1;
    int digits = 0, dot = 0;
    for (; *s; s++) {
        if (*s == '.' && !dot) { dot = 1; continue; }
        if (!isdigit((unsigned char)*s)) break;
        digits++;
        if (dot) { scale /= 10; v += (*s - '0') * scale; }
        else v = v * 10 + (*s - '0');
    }
    if (*s || !digits) {
        snprintf(err, errlen, "%s: bad Goldstein score '%s'", where, cols[2]);
        return SITREP_EDATA;
    }
    cm->goldstein = neg ? -v : v;
    return dict_set(&c->cameo, cols[0], strlen(cols[0]), (int)c->cameos.len - 1);
}

/* A word class (classes.tsv): NAME<TAB>word|word|...; a pattern names
 * it as &NAME wherever it may write the alternatives. */
static int S_class_line(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen)
{
    if (nc < 2 || !*cols[0] || !*cols[1]) {
        snprintf(err, errlen, "%s: expected NAME<TAB>word|word|...", where);
        return SITREP_EDATA;
    }
    for (const char *k = cols[0]; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || *k == '-')) {
            snprintf(err, errlen, "%s: class name '%s' is not a lowercase word", where, cols[0]);
            return SITREP_EDATA;
        }
    for (const char *k = cols[1]; *k; k++)
        if (*k == ' ' || (*k == '|' && (k == cols[1] || k[1] == '|' || !k[1]))) {
            snprintf(err, errlen, "%s: class '%s': words are single words separated by '|'", where, cols[0]);
            return SITREP_EDATA;
        }
    int had;
    if (dict_get(&c->classes, cols[0], strlen(cols[0]), &had)) {
        snprintf(err, errlen, "%s: class '%s' defined twice", where, cols[0]);
        return SITREP_EDATA;
    }
    const char **slot = vec_push(&c->classv);
    if (!slot || !(*slot = arena_strdup(&c->mem, cols[1]))) return SITREP_ENOMEM;
    return dict_set(&c->classes, cols[0], strlen(cols[0]), (int)c->classv.len - 1);
}

/* The pattern text with each element &NAME, or (&NAME), written out as
 * its class's alternatives (arena copy), or NULL with err set. */
static char *S_expand_classes(coder *c, const char *pat, const char *where, char *err, size_t errlen)
{
    buf b = {0};
    const char *s = pat;
    while (*s) {
        const char *e = strchr(s, ' ');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        int opt = n > 3 && s[0] == '(' && s[1] == '&' && s[n - 1] == ')';
        if (n > 1 && (s[0] == '&' || opt)) {
            const char *name = s + 1 + opt;
            size_t nl = n - 1 - 2 * opt;
            int ci;
            if (!dict_get(&c->classes, name, nl, &ci)) {
                snprintf(err, errlen, "%s: unknown word class '&%.*s' (classes.tsv)", where, (int)nl, name);
                buf_free(&b);
                return NULL;
            }
            buf_printf(&b, "%s%s%s", opt ? "(" : "", VEC_AT(&c->classv, const char *, ci), opt ? ")" : "");
        } else {
            buf_printf(&b, "%.*s", (int)n, s);
        }
        s += n;
        if (*s == ' ') {
            buf_printf(&b, " ");
            s++;
        }
    }
    char *out = b.len ? arena_strdup(&c->mem, b.s) : NULL;
    buf_free(&b);
    if (!out) snprintf(err, errlen, "out of memory");
    return out;
}

static int S_pattern_line(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen)
{
    if (nc < 4) {
        snprintf(err, errlen, "%s: expected CAMEO<TAB>TYPE<TAB>MODE<TAB>pattern", where);
        return SITREP_EDATA;
    }
    if (!strcmp(cols[1], "-")) return 0; /* statements: reporting verbs, not events */
    const char *type = S_type_name(cols[1]);
    if (!type) {
        snprintf(err, errlen, "%s: unknown PLOVER type '%s'", where, cols[1]);
        return SITREP_EDATA;
    }
    int ci;
    if (!dict_get(&c->cameo, cols[0], strlen(cols[0]), &ci)) {
        snprintf(err, errlen, "%s: CAMEO code '%s' is not in cameo.tsv", where, cols[0]);
        return SITREP_EDATA;
    }
    S_pat *p = vec_push(&c->pats);
    if (!p) return SITREP_ENOMEM;
    p->cameo = arena_strdup(&c->mem, cols[0]);
    p->type = type;
    for (p->tix = 0; S_types[p->tix] != type; p->tix++) {}
    p->mode = strcmp(cols[2], "-") && *cols[2] ? arena_strdup(&c->mem, cols[2]) : NULL;
    const S_cameo *cm = &VEC_AT(&c->cameos, S_cameo, ci);
    p->quad = cm->quad;
    p->goldstein = cm->goldstein;
    size_t wl = strlen(where), pl = strlen(cols[3]);
    char *wh = arena_alloc(&c->mem, wl + 2 + pl + 1);   /* "WHERE: PATTERN" */
    if (wh) {
        memcpy(wh, where, wl);
        memcpy(wh + wl, ": ", 2);
        memcpy(wh + wl + 2, cols[3], pl + 1);
    }
    p->where = wh;
    char *text = strchr(cols[3], '&') ? S_expand_classes(c, cols[3], where, err, errlen)
                                      : arena_strdup(&c->mem, cols[3]);
    if (!text) return strchr(cols[3], '&') && strcmp(err, "out of memory") ? SITREP_EDATA : SITREP_ENOMEM;
    if (!p->where) return SITREP_ENOMEM;
    return S_parse_pattern(c, p, text, err, errlen, where);
}

static int S_cue_line(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen)
{
    static const char *const cls[] = {"", "NEG", "REFUSE", "HYP", "COND", "FEAR", "PLAN", "REPORT", "NOTYET", NULL};
    if (nc < 2) {
        snprintf(err, errlen, "%s: expected CUE<TAB>CLASS", where);
        return SITREP_EDATA;
    }
    S_cue *q = vec_push(&c->cues);
    if (!q) return SITREP_ENOMEM;
    for (int i = 1; cls[i]; i++)
        if (!strcmp(cls[i], cols[1])) q->cls = i;
    if (!q->cls) {
        snprintf(err, errlen, "%s: unknown cue class '%s'", where, cols[1]);
        return SITREP_EDATA;
    }
    char *save = NULL;
    S_lower(cols[0]);
    for (char *w = strtok_r(cols[0], " ", &save); w && q->n < 4; w = strtok_r(NULL, " ", &save)) {
        q->ids[q->n] = vocab_add(c->voc, w, strlen(w), 0);
        if (q->ids[q->n] < 0 || !(q->words[q->n] = arena_strdup(&c->mem, w))) return SITREP_ENOMEM;
        q->n++;
    }
    if (!q->n) {
        snprintf(err, errlen, "%s: empty cue", where);
        return SITREP_EDATA;
    }
    q->next = -1;   /* chained by S_index_cues */
    return 0;
}

/* The bit of 8192 in coder.cue_pairs of a cue's last word and the one
 * before it (-1: none). */
static unsigned S_cue_bit(int last, int prev)
{
    return (unsigned)(((uint64_t)(uint32_t)last << 32 | (uint32_t)prev) * 0x9e3779b97f4a7c15ull >> 51);
}

static int S_cue_pair(const coder *c, int last, int prev)
{
    unsigned b = S_cue_bit(last, prev);
    return (c->cue_pairs[b >> 6] >> (b & 63)) & 1;
}

/* Chains the cues by their last word's id, the one loaded last first. */
static int S_index_cues(coder *c)
{
    c->ncue_last = vocab_count(c->voc);
    c->cue_last = malloc((size_t)(c->ncue_last + 1) * sizeof *c->cue_last);
    if (!c->cue_last) return SITREP_ENOMEM;
    for (int i = 0; i <= c->ncue_last; i++) c->cue_last[i] = -1;
    for (size_t qi = 0; qi < c->cues.len; qi++) {
        S_cue *q = CUE(c, qi);
        int last = q->ids[q->n - 1];
        q->next = c->cue_last[last];
        c->cue_last[last] = (int)qi;
        unsigned b = S_cue_bit(last, q->n > 1 ? q->ids[q->n - 2] : -1);
        c->cue_pairs[b >> 6] |= (uint64_t)1 << (b & 63);
    }
    return 0;
}

static int S_conflict_line(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen)
{
    S_conflict w;
    memset(&w, 0, sizeof w);
    if (nc < 4 || !*cols[0] || !*cols[1] || strlen(cols[0]) >= sizeof w.a || strlen(cols[1]) >= sizeof w.b) {
        snprintf(err, errlen, "%s: want SIDE_A, SIDE_B, FROM, TO and a name", where);
        return SITREP_EDATA;
    }
    memcpy(w.a, cols[0], strlen(cols[0]));
    memcpy(w.b, cols[1], strlen(cols[1]));
    w.to = LONG_MAX;
    if (sitrep_parse_ymd(cols[2], &w.from) || (strcmp(cols[3], "-") && sitrep_parse_ymd(cols[3], &w.to))) {
        snprintf(err, errlen, "%s: dates are YYYY-MM-DD (TO may be -)", where);
        return SITREP_EDATA;
    }
    S_conflict *slot = vec_push(&c->conflicts);
    if (!slot) {
        snprintf(err, errlen, "out of memory");
        return SITREP_ENOMEM;
    }
    *slot = w;
    return 0;
}

static int S_treaty_line(coder *c, char **cols, int nc, const char *where, char *err, size_t errlen)
{
    S_treaty w;
    memset(&w, 0, sizeof w);
    if (nc < 3) {
        snprintf(err, errlen, "%s: want SIDE_A, SIDE_B and NAMES", where);
        return SITREP_EDATA;
    }
    for (int k = 0; k < 2; k++) {
        char *save = NULL;
        for (char *key = strtok_r(cols[k], " ", &save); key; key = strtok_r(NULL, " ", &save)) {
            if (w.nside[k] == TREATY_MAXK || strlen(key) >= sizeof w.side[k][0]) {
                snprintf(err, errlen, "%s: at most %d keys a side, each shorter than 16", where, TREATY_MAXK);
                return SITREP_EDATA;
            }
            memcpy(w.side[k][w.nside[k]++], key, strlen(key) + 1);
        }
    }
    size_t tl = strcspn(cols[2], "|");
    if (!(w.title = arena_strndup(&c->mem, cols[2], tl))) goto oom;
    char *save = NULL;
    for (char *name = strtok_r(cols[2], "|", &save); name && w.nnames < TREATY_MAXN;
         name = strtok_r(NULL, "|", &save)) {
        S_lower(name);
        char *ws = NULL;
        int n = 0;
        for (char *word = strtok_r(name, " ", &ws); word && n < TREATY_MAXW; word = strtok_r(NULL, " ", &ws))
            if ((w.name[w.nnames][n++] = vocab_add(c->voc, word, strlen(word), 0)) < 0) goto oom;
        if (n) w.nwords[w.nnames++] = n;
    }
    if (!w.nside[0] || !w.nside[1] || !w.nnames) {
        snprintf(err, errlen, "%s: want SIDE_A, SIDE_B and NAMES", where);
        return SITREP_EDATA;
    }
    S_treaty *slot = vec_push(&c->treaties);
    if (!slot) goto oom;
    *slot = w;
    return 0;
oom:
    snprintf(err, errlen, "out of memory");
    return SITREP_ENOMEM;
}

static int S_cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int S_build_wclass(vocab *v);
static int S_build_wlists(coder *c, vocab *voc);
static int S_build_lex(coder *c, const vocab *voc);

static int S_build_links(coder *c, const vocab *voc);
static int S_add_words(coder *c, vocab *voc);

/* Each head's chain of patterns as S_propose reads it: the types in the
 * order they first come, the plainest pattern of each (fewest content
 * words, then fewest elements, the first of equals), each pattern's type
 * slot. */
static int S_build_chains(coder *c)
{
    if (!(c->chain_of = malloc((c->pats.len ? c->pats.len : 1) * sizeof *c->chain_of))) return SITREP_ENOMEM;
    for (size_t i = 0; i < c->pats.len; i++) c->chain_of[i] = -1;
    for (int pos = 0; pos < 2; pos++) {
        const dict *hd = &c->heads[pos];
        for (size_t k = 0; k < hd->cap; k++) {
            if (!hd->hashes[k]) continue;
            int first = hd->vals[k];
            if (c->chain_of[first] >= 0) continue;
            S_chain ch;
            memset(&ch, 0, sizeof ch);
            ch.e0 = (int)c->centries.len;
            for (int pi = first; pi >= 0; pi = PAT(c, pi)->next) {
                const S_pat *p = PAT(c, pi);
                int j = 0;
                while (j < ch.ntp && PAT(c, ch.tp[j])->type != p->type) j++;
                if (j == ch.ntp && ch.ntp < P_MAXT_) ch.tp[ch.ntp++] = pi;
                else if (j < ch.ntp) {
                    const S_pat *q = PAT(c, ch.tp[j]);
                    if (p->ncontent < q->ncontent || (p->ncontent == q->ncontent && p->nel < q->nel)) ch.tp[j] = pi;
                }
                S_centry *e = vec_push(&c->centries);
                if (!e) return SITREP_ENOMEM;
                *e = (S_centry){pi, j < ch.ntp ? j : P_MAXT_, p->nlit + 1, 0};
                ch.ne++;
            }
            S_chain *slot = vec_push(&c->chains);
            if (!slot) return SITREP_ENOMEM;
            *slot = ch;
            c->chain_of[first] = (int)c->chains.len - 1;
        }
    }
    return 0;
}

/* The bit that a literal's word sets in S_elem.bloom and S_ctx.lsfx
 * (Fibonacci hashing of its number). */
static unsigned S_lbit(int id) { return ((uint32_t)id * 0x9e3779b1u) >> (32 - S_LBITS); }

/* Each literal's bloom (S_elem.bloom), from the ids S_build_lex gave it. */
static void S_elem_blooms(coder *c)
{
    for (size_t pi = 0; pi < c->pats.len; pi++) {
        S_pat *p = PAT(c, pi);
        for (int ei = 0; ei < p->nel; ei++) {
            S_elem *e = &p->el[ei];
            memset(e->bloom, 0, sizeof e->bloom);
            for (int k = 0; k < e->nids + e->nlids; k++) {
                unsigned b = S_lbit(k < e->nids ? e->ids[k] : e->lids[k - e->nids]);
                e->bloom[b >> 6] |= (uint64_t)1 << (b & 63);
            }
        }
    }
}

/* The literals' blooms of each chain entry (S_centry.lf0), in the order of
 * centries; a pattern's fewest bits first, the likeliest to have none in
 * common with a sentence (any order rejects the same patterns). */
static int S_pack_filters(coder *c)
{
    size_t n = 0;
    for (size_t k = 0; k < c->centries.len; k++) n += (size_t)PAT(c, VEC_AT(&c->centries, S_centry, k).pi)->nlit;
    c->lfilt = arena_alloc(&c->mem, (n ? n : 1) * sizeof *c->lfilt);
    if (!c->lfilt) return SITREP_ENOMEM;
    size_t o = 0;
    for (size_t k = 0; k < c->centries.len; k++) {
        S_centry *ce = &VEC_AT(&c->centries, S_centry, k);
        const S_pat *p = PAT(c, ce->pi);
        ce->lf0 = (int)o;
        for (int ei = 0; ei < p->nel; ei++) {
            const S_elem *e = &p->el[ei];
            if (e->t != E_LIT) continue;
            int bits = 0;
            for (int w = 0; w < S_LW; w++) bits += __builtin_popcountll(e->bloom[w]);
            size_t i = o++;   /* insertion by bit count, stable */
            for (; i > (size_t)ce->lf0; i--) {
                int pb = 0;
                for (int w = 0; w < S_LW; w++) pb += __builtin_popcountll(c->lfilt[i - 1][w]);
                if (pb <= bits) break;
                memcpy(c->lfilt[i], c->lfilt[i - 1], sizeof c->lfilt[i]);
            }
            memcpy(c->lfilt[i], e->bloom, sizeof c->lfilt[i]);
        }
    }
    return 0;
}

/* The patterns' elements in one block, a head's patterns after each other
 * (S_match_el reads them for every word that heads a pattern). */
static int S_pack_elems(coder *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->pats.len; i++) n += (size_t)PAT(c, i)->nel;
    S_elem *all = arena_alloc(&c->mem, (n ? n : 1) * sizeof *all);
    if (!all) return SITREP_ENOMEM;
    size_t o = 0;
    for (size_t k = 0; k < c->centries.len; k++) {
        S_pat *p = PAT(c, VEC_AT(&c->centries, S_centry, k).pi);
        if (p->nel) memcpy(all + o, p->el, (size_t)p->nel * sizeof *all);
        p->el = all + o;
        o += (size_t)p->nel;
    }
    return 0;
}

coder *coder_load(const char *dir, const lexicon *lx, vocab *voc, char *err, size_t errlen)
{
    coder *c = calloc(1, sizeof *c);
    if (!c) { snprintf(err, errlen, "out of memory"); return NULL; }
    arena_init(&c->mem);
    c->lx = lx;
    vec_init(&c->pats, sizeof(S_pat));
    vec_init(&c->cues, sizeof(S_cue));
    vec_init(&c->cameos, sizeof(S_cameo));
    vec_init(&c->classv, sizeof(const char *));
    vec_init(&c->conflicts, sizeof(S_conflict));
    vec_init(&c->treaties, sizeof(S_treaty));
    vec_init(&c->lexes, sizeof(S_lex));
    vec_init(&c->hents, sizeof(S_hent));
    vec_init(&c->chains, sizeof(S_chain));
    vec_init(&c->centries, sizeof(S_centry));
    dict_init(&c->heads[0]);
    dict_init(&c->heads[1]);
    dict_init(&c->cameo);
    dict_init(&c->classes);
    dict_init(&c->attach);
    dict_init(&c->roles);
    c->voc = voc;
    for (int i = 0; S_attach[i]; i++)
        if (dict_set(&c->attach, S_attach[i], strlen(S_attach[i]), 1)) {
            snprintf(err, errlen, "out of memory");
            goto fail;
        }
    char path[4096];
    if (S_build_wclass(voc) || S_build_wlists(c, voc)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    snprintf(path, sizeof path, "%s/cameo.tsv", dir);
    if (S_read_tsv(c, path, "cameo.tsv", S_cameo_line, err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/classes.tsv", dir);     /* optional */
    if (!access(path, F_OK) && S_read_tsv(c, path, "classes.tsv", S_class_line, err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/modality.tsv", dir);
    if (S_read_tsv(c, path, "modality.tsv", S_cue_line, err, errlen)) goto fail;
    if (S_index_cues(c)) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    snprintf(path, sizeof path, "%s/conflicts.tsv", dir);   /* optional */
    if (!access(path, F_OK) && S_read_tsv(c, path, "conflicts.tsv", S_conflict_line, err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/treaties.tsv", dir);    /* optional */
    if (!access(path, F_OK) && S_read_tsv(c, path, "treaties.tsv", S_treaty_line, err, errlen)) goto fail;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot open pattern directory", dir);
        goto fail;
    }
    char *names[256];
    int nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt") && e->d_name[0] != '.') names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)nn, sizeof *names, S_cmpstr);
    int rc = 0;
    for (int i = 0; i < nn; i++) {
        if (!rc && names[i]) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            rc = S_read_tsv(c, path, names[i], S_pattern_line, err, errlen);
        }
        free(names[i]);
    }
    if (rc) goto fail;
    for (int i = 0; i < NTYPES; i++) {
        c->tspeech[i] = S_type_in(i, S_SPEECH_ACTS | TB(SUPPORT));
        c->tsym[i] = (unsigned char)merge_symmetric(S_types[i]);
        size_t Tl = strlen(S_types[i]);
        c->tlen[i] = (unsigned char)Tl;
        char *pre = c->tpre[i][0];
        size_t pl = Tl + 1 < sizeof c->tpre[i][0] ? Tl + 1 : sizeof c->tpre[i][0];
        memcpy(pre, S_types[i], pl - 1);
        pre[pl - 1] = '|';
        for (int sd = 0; sd < 2; sd++) {
            pre = c->tpre[i][1 + sd];
            pl = Tl + 3 < sizeof c->tpre[i][0] ? Tl + 3 : sizeof c->tpre[i][0];
            memcpy(pre, S_types[i], pl - 3);
            pre[pl - 3] = '|';
            pre[pl - 2] = sd ? 'g' : 's';
            pre[pl - 1] = ':';
        }
    }
    if ((rc = S_build_chains(c)) || (rc = S_add_words(c, voc)) || (rc = S_build_lex(c, voc)) ||
        (rc = S_build_links(c, voc)) ||
        (rc = S_pack_elems(c))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    c->lid_shoot = c->lid_pay = c->lid_face = -1;
    for (size_t i = 0; i < c->hents.len; i++)
        if (!strcmp(VEC_AT(&c->hents, S_hent, i).lemma, "shoot")) c->lid_shoot = VEC_AT(&c->hents, S_hent, i).lid;
        else if (!strcmp(VEC_AT(&c->hents, S_hent, i).lemma, "pay")) c->lid_pay = VEC_AT(&c->hents, S_hent, i).lid;
        else if (!strcmp(VEC_AT(&c->hents, S_hent, i).lemma, "face")) c->lid_face = VEC_AT(&c->hents, S_hent, i).lid;
    S_elem_blooms(c);
    if ((rc = S_pack_filters(c))) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    dict_free(&c->attach);
    dict_free(&c->classes);
    vec_free(&c->classv);
    return c;
fail:
    coder_free(c);
    return NULL;
}

/* ------------------------------------------------------------------ coding */

typedef struct {
    const coder *c;
    arena *a;
    const code_input *in;
    const sr_token *toks;   /* in->seg->toks, one load nearer (S_norm, S_id, S_flags) */
    int *mstart;      /* token -> longest mention starting there, -1 */
    int *minside;     /* token -> first mention covering it, -1 */
    int *pstart;      /* token -> place starting there, -1 */
    int *tend;        /* token -> end of the time expression starting there, -1 */
    int passive;      /* the trigger being matched is a passive participle */
    int abroad;       /* its agent is the state it happened in ("detained in
                       * China"): an unnamed patient is no domestic target */
    signed char *verb_cache, *report_cache, *adv_cache;  /* per token: -1 unknown, 0, 1 */
    unsigned *wc;                            /* per token: W_* word classes */
    const S_lex **lx;                        /* per token: its lemmas (S_build_lex) */
    int *cid;                                /* per token: its number (S_cid) */
    /* S_best_pattern's matches of each pattern from the word after the
     * trigger, for S_propose: per token 1 + where they start in mres (0:
     * none) and the passive they were matched with */
    int *mres_at;
    unsigned char *mres_pass;
    vec mres;                                /* unsigned char: 0, 1 */
    vec cands, ckeys;                        /* S_propose's, kept from sentence to sentence */
    /* per token k of the sentence [lsfx_s0, lsfx_s1), at [k - lsfx_s0]: the
     * S_lbit bits of the literals' words from it to the sentence's end
     * (S_lits_after; malloc'd, lsfx_cap tokens) */
    uint64_t (*lsfx)[S_LW];
    int lsfx_s0, lsfx_s1, lsfx_cap;
    vec events;
    /* the document's actor keys, most mentioned first (the learned layer) */
    const char *keyrank[4];
    int nkeyrank;
    /* per mention: 2 + the number of its role among the model's (0 not yet
     * known, 1 by name: a role whose names may be cut) (S_role_feat) */
    int *mrid;
    const struct S_sent_ *sn;   /* the sentence S_propose is at */
    int *txp;                   /* S_words_between: tokens in time expressions before each token */
} S_ctx;

static const char *S_norm(const S_ctx *x, int t) { return x->toks[t].norm; }
/* Token t's vocabulary id (VW_* for the words the rules name). */
static int S_id(const S_ctx *x, int t) { return x->toks[t].id; }
static unsigned S_flags(const S_ctx *x, int t) { return x->toks[t].flags; }

/* A number word ("six", "dozens"; not the article "a"), which counts what
 * follows it like a figure. */
static int S_is_count(const S_ctx *x, int t)
{
    return (x->toks[t].cls & VC_COUNT) && !(vocab_value(S_id(x, t)) & VV_ARTICLE);
}
/* Is token t in one of the word classes (W_*)? */
static int S_is(const S_ctx *x, int t, unsigned classes) { return (x->wc[t] & classes) != 0; }

/* Is w one of list's words (NULL-terminated)?  The first bytes are
 * compared before strcmp is called: most words differ there. */
static int S_in(const char *w, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (list[i][0] == w[0] && !strcmp(list[i], w)) return 1;
    return 0;
}

static const char *const S_preps[] = {"of", "with", "to", "from", "in", "at", "by", "for", "on",
                                      "against", "about", "toward", "towards", "into", "near",
                                      "over", "like", "including", "between", "among", "than",
                                      "across", "during", "under", "via", "within", "upon", "onto",
                                      "amid", "despite", "along", "behind", "beyond", "inside",
                                      "outside", "around", "through", NULL};
static const char *const S_dets[] = {"the", "a", "an", "its", "their", "his", "her", "our", "top",
                                     "senior", "fellow", "neighbouring", "neighboring", "nearby",
                                     "other", "both", "all", "several", "some", "many", "two",
                                     "three", "key", "western", "eastern", "new", NULL};
static const char *const S_bounds[] = {";", ":", "because", "while", "whereas", "although",
                                       "though", "but", "which", "who", "whom", "whose", "where",
                                       "when", "after", "before", "since", "until", "as", "if",
                                       "unless", "said", "says", "told", "according", "that", NULL};
static const char *const S_be[] = {"is", "are", "was", "were", "be", "been", "being", "am", NULL};
static const char *const S_locprep[] = {"in", "at", NULL};
static const char *const S_part_of[] = {"members", "member", "leaders", "representatives", "delegates",
                                        "officials", "envoys", "ministers", "delegations", "government",
                                        "governments", "president", "leader", "army", "military", "authorities",
                                        "people", "parliament", "minister", "forces", "troops", "police",
                                        "navy", "regime", "junta", "king", "ambassador", "ambassadors", "envoy",
                                        "delegation", "spokesman", "spokeswoman", "spokesperson", "mediators",
                                        "mediator", "negotiators", "negotiator", "diplomats", "diplomat",
                                        "emissaries", "emissary", "inspectors", "lawmakers", "legislators",
                                        "commanders", "officers", NULL};
static const char *const S_settlement[] = {"city", "town", "village", "capital", "region", "province",
                                           "port", "district", NULL};
static const char *const S_money[] = {"$", "\xE2\x82\xAC", "\xC2\xA3", "%", NULL}; /* $ EUR GBP % */
/* words of travel whose "to" names where the traveller is: "a visit to
 * Bangkok", "flew to Nairobi" (troops sent or deployed somewhere are not) */
static const char *const S_travel[] = {"visit", "visits", "visited", "visiting", "trip", "trips", "travel",
                                       "travels", "travelled", "traveled", "travelling", "traveling", "flew",
                                       "fly", "flies", "flying", "journey", "tour", "came", "come", "comes",
                                       "coming", "went", "go", "goes", "going", "headed", "heading", NULL};

/* the words of an amount, which a pattern's gap skips for free ("gifted
 * over 5 million doses of vaccine to") */
static const char *const S_count[] = {"million", "millions", "billion", "billions", "thousand", "hundred",
                                      "lakh", "crore", "over", "about", "nearly", "almost", "around",
                                      "some", "more", "than", "up", NULL};
static const char *const S_quantity[] = {"thousands", "hundreds", "dozens", "scores", "millions", "tens",
                                         "crowds", "groups", "number", "majority", "many", "some", "most",
                                         "all", "several", NULL};
static const char *const S_speech[] = {"say", "comment", "elaborate", "confirm", "specify", "answer",
                                       "respond", "reveal", "disclose", "discuss", "give", "provide",
                                       "name", "identify", "speculate", NULL};

/* Adverbs that may stand between a subject and its verb. */
static const char *const S_adverbs[] = {"again", "also", "already", "still", "just", "then", "once",
    "soon", "later", "first", "briefly", "separately", "jointly",
    "together", "personally", "repeatedly", NULL};
/* The time words that open a fronted clause. */
static const char *const S_time_words[] = {"when", "once", "after", "before", "until", NULL};
/* "the streets of", "the city of": nouns framing a place. */
static const char *const S_frames[] = {"streets", "outskirts", "centre", "center", "suburbs", "suburb",
    "coast", "coasts", "shores",
    "heart", "capital", "city", "town", "village", "region", "province",
    "port", "district", "area", "parts", "part", "north", "south", "east",
    "west", "north-east", "north-west", "south-east", "south-west", NULL};
/* Prepositions before a place. */
static const char *const S_place_preps[] = {"in", "at", "across", "outside", "inside", "throughout", "near",
    "around", "through", "into", "off", NULL};
/* The people of a state (protests against it). */
static const char *const S_home[] = {"protesters", "protester", "demonstrators", "opposition", "students",
    "citizens", "public", "population", "residents", "people", "nation",
    "rival", "rivals", "parliament", "lawmakers", "legislators", "mps",
    "senators", "election", "elections", "poll", "polls", "vote", "defeat",
    "strikers", "unions", "activists", "dissidents", NULL};
/* Words that join clauses. */
static const char *const S_glue[] = {"and", "or", "but", "not", "also", "then", "while", "after",
    "before", "by", "without", "when", "since", NULL};
/* Auxiliaries (and adverbs) between a subject and its verb. */
static const char *const S_aux_adv[] = {"will", "would", "also", "then", "later", "has", "have", "had",
    "did", "is", "are", "was", "were", "could", "can", NULL};
/* Prepositions of time. */
static const char *const S_time_preps[] = {"after", "before", "during", "since", "following", "until", "amid", NULL};
/* Words of domestic unrest: a force sent where they are is sent at home
 * ("troops were deployed to quell the riots"). */
static const char *const S_unrest[] = {"streets", "unrest", "riots", "rioting", "rioters", "protests",
    "protesters", "demonstrators", "demonstrations", "curfew", "order", "violence", "looting", NULL};

/* Word classes of the small closed lists above: bits 32-63 of the
 * vocabulary's class (VC_CODER_SHIFT), so segment_text gives each token
 * its classes with its id and no rule compares strings. */
enum {
    W_PREPS = 1u << 0,
    W_DETS = 1u << 1,
    W_BOUNDS = 1u << 2,
    W_BE = 1u << 3,
    W_LOCPREP = 1u << 4,
    W_QUANTITY = 1u << 5,
    W_PART_OF = 1u << 6,
    W_SETTLEMENT = 1u << 7,
    W_SPEECH = 1u << 8,
    W_MONEY = 1u << 9,
    W_TRAVEL = 1u << 10,
    W_ADV = 1u << 11,
    W_TIMEWORD = 1u << 12,
    W_FRAME = 1u << 13,
    W_PLACEPREP = 1u << 14,
    W_HOME = 1u << 15,
    W_GLUE = 1u << 16,
    W_AUXV = 1u << 17,
    W_TIMEPP = 1u << 18,
    W_UNREST = 1u << 19,
    W_COUNT = 1u << 20,
    W_LISTED = 1u << 21,   /* a word of the rules' word lists (S_in_list) */
};

/* Adds every word of the closed lists to the vocabulary with its W_*
 * class. */
static int S_build_wclass(vocab *v)
{
    static const char *const *const lists[] = {S_preps, S_dets, S_bounds, S_be, S_locprep, S_quantity,
                                               S_part_of, S_settlement, S_speech, S_money, S_travel,
                                               S_adverbs, S_time_words, S_frames, S_place_preps,
                                               S_home, S_glue, S_aux_adv, S_time_preps, S_unrest, S_count};
    for (unsigned k = 0; k < sizeof lists / sizeof lists[0]; k++)
        for (int i = 0; lists[k][i]; i++)
            if (vocab_add(v, lists[k][i], strlen(lists[k][i]), (vocab_cls)(1u << k) << VC_CODER_SHIFT) < 0)
                return SITREP_ENOMEM;
    return 0;
}

/* ---- the rules' word lists ----------------------------------------------
 *
 * The words a rule tests a token against, X(NAME, words...).  coder_load
 * adds each word to the vocabulary with the class W_LISTED and sets bit
 * L_NAME of its entry in coder.wlist (S_build_wlists), so a rule asks
 * S_in_list(x, t, L_NAME): a class test, then a bit of the token's id,
 * never a string. */
#define S_WORD_LISTS(X)                                                                                 \
    /* -- actors and their slots (S_slot, S_possessive, S_craft_of, ...) -- */                          \
    /* a possessive pronoun before an actor ("his Brazilian counterpart") */                            \
    X(POSS_PRONOUN, "his", "her", "its", "their")                                                       \
    /* after a figure before an actor ("1.7 million Afghans") */                                        \
    X(BIG_NUMBER, "million", "thousand", "billion")                                                     \
    /* a country's edge ("the waters near Taiwan") */                                                   \
    X(EDGE, "waters", "coast", "border", "borders", "shores", "airspace", "skies", "vicinity")          \
    /* ... and what ties it to the country */                                                           \
    X(EDGE_PREP, "near", "off", "of", "with", "around")                                                 \
    /* a state's condition before it ("an independent Kosovo") */                                       \
    X(STATE_ADJ, "independent", "sovereign", "free", "united", "democratic", "stable", "secure",        \
          "neutral", "unified")                                                                         \
    /* premises of an owner ("the headquarters of the RSF") */                                          \
    X(PREMISES, "building", "buildings", "compound", "headquarters", "premises", "office",              \
          "offices", "residence", "consulate", "embassy", "embassies", "mission")                       \
    /* compass words that name a part of a country or region ("southern Lebanon") */                    \
    X(COMPASS, "northern", "southern", "eastern", "western", "central", "north", "south", "east",       \
          "west", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",      \
          "north-western", "south-eastern", "south-western")                                            \
    /* craft and loads an actor may only modify (S_craft_word): a ship ... */                           \
    X(SHIP, "ship", "ships", "vessel", "vessels", "warship", "warships", "destroyer", "destroyers",     \
          "frigate", "frigates", "submarine", "submarines", "corvette", "corvettes", "carrier",         \
          "carriers", "flotilla", "fleet")                                                              \
    /* ... a plane or a truck ... */                                                                    \
    X(CARRIER, "plane", "planes", "aircraft", "airplane", "airplanes", "flight", "flights", "truck",    \
          "trucks", "lorry", "lorries")                                                                 \
    /* ... relief or cargo */                                                                           \
    X(RELIEF, "convoy", "convoys", "shipment", "shipments", "cargo", "consignment", "consignments",     \
          "supplies", "aid", "delivery", "deliveries")                                                  \
    /* a ship or plane seized, most often another's */                                                  \
    X(SEIZED_CRAFT, "ship", "ships", "vessel", "vessels", "tanker", "tankers", "aircraft")              \
    /* forces that arrive abroad (a deployment, no visit) */                                            \
    X(FORCES, "troops", "forces", "soldiers", "police", "policemen", "officers", "army", "military",    \
          "peacekeepers", "personnel", "contingent", "units", "marines", "paratroopers",                \
          "gendarmes", "reinforcements")                                                                \
    /* an attack by them is a cyberattack */                                                            \
    X(HACKERS, "hackers", "hacker", "cybercriminals")                                                   \
    /* the people of a place ("residents of Yerevan") */                                                \
    X(RESIDENTS, "residents", "inhabitants", "people", "citizens")                                      \
    /* an envoy "to" or "in" a country */                                                               \
    X(DIPLOMAT, "ambassador", "envoy", "diplomat", "diplomats", "charge", "chargé")                     \
    /* before an actor that is the topic of a joint act */                                              \
    X(TOPIC_PREP, "on", "about", "over", "against", "regarding")                                        \
    /* before an actor that is a place (the learned layer) */                                           \
    X(PLACE_PREP, "in", "at", "to", "into", "from")                                                     \
    /* -- places -- */                                                                                  \
    /* a guest welcomed or invited "to" a place */                                                      \
    X(WELCOME, "welcome", "welcomed", "welcomes", "welcoming", "invited", "invite", "invites",          \
          "inviting")                                                                                   \
    /* "inside Afghan territory", "on Russian soil" ... */                                              \
    X(IN_TERRITORY, "in", "inside", "into", "on", "over", "within")                                     \
    /* ... and the nouns */                                                                             \
    X(TERRITORY, "territory", "soil", "airspace", "waters", "land")                                     \
    /* a domestic act "in the capital" */                                                               \
    X(IN_CAPITAL, "in", "across", "outside", "around")                                                  \
    /* drills at a border */                                                                            \
    X(BORDER, "border", "borders", "frontier", "boundary")                                              \
    /* -- verbs, clauses and modality -- */                                                             \
    /* an aspectual verb between "to" and a gerund */                                                   \
    X(ASPECTUAL, "stop", "cease", "continue", "keep", "start", "begin", "resume", "end", "quit")        \
    /* a noun of intent before "to" ("its decision to") */                                              \
    X(INTENT, "decision", "plan", "plans", "move", "bid", "attempt", "attempts", "effort",              \
          "efforts", "intention", "readiness", "willingness", "refusal", "failure", "promise",          \
          "pledge", "vow", "threat", "offer", "commitment", "determination", "decisions", "moves",      \
          "threats", "offers")                                                                          \
    /* verbs that ask for the noun after them */                                                        \
    X(ASK, "demand", "demands", "demanded", "demanding", "seek", "seeks", "sought", "seeking",          \
          "urge", "urges", "urged", "urging", "request", "requests", "requested", "requesting")         \
    /* "the talks are scheduled for" ... */                                                             \
    X(SCHEDULED, "scheduled", "slated", "planned", "set", "due")                                        \
    /* ... and the prepositions after it */                                                             \
    X(SCHEDULED_PREP, "for", "on", "in", "at")                                                          \
    /* a reporting verb whose object is its audience */                                                 \
    X(TOLD, "told", "tells")                                                                            \
    /* a time expression that opens with them is the end of a span ... */                               \
    X(SPAN_END, "until", "till", "through", "untill")                                                   \
    /* ... and so is one after them */                                                                  \
    X(UNTIL, "until", "till")                                                                           \
    /* participles spelt like the base form */                                                          \
    X(SAME_PP, "hit", "cut", "shut", "hurt", "set", "put", "spread", "split", "cast", "shed",           \
          "upset", "quit", "bid", "rid")                                                                \
    /* participles whose "by" is no agent ("stood by Kyiv") */                                          \
    X(NOT_PASSIVE_BY, "stood", "abided", "abode", "went", "passed", "dropped", "stopped", "came",       \
          "got", "lived", "swore", "sworn")                                                             \
    /* relative pronouns */                                                                             \
    X(RELATIVE, "who", "which", "that")                                                                 \
    /* a backer named in passing ("the M23 rebels, backed by Rwanda") */                                \
    X(BACKED, "backed", "supported", "sponsored")                                                       \
    /* an agreement's infinitive ("an agreement to exchange prisoners") */                              \
    X(AGREEMENT, "agreement", "agreements", "deal", "deals", "accord", "pact", "mou", "memorandum",     \
          "treaty")                                                                                     \
    /* the words of an amount a source is sought over */                                                \
    X(AMOUNT, "million", "billion", "trillion", "thousand", "hundred")                                  \
    /* -- triggers and their events -- */                                                               \
    /* a noun trigger that names those who do it ("aid workers", "truce talks") */                      \
    X(DOERS, "worker", "workers", "agency", "agencies", "group", "groups", "organisation",              \
          "organisations", "organization", "organizations", "official", "officials", "staff",           \
          "volunteer", "volunteers", "leader", "leaders", "helicopter", "helicopters", "talks",         \
          "negotiations", "negotiators", "negotiator", "mediators", "mediator", "envoy", "envoys")      \
    /* "in protest at": a motive, no demonstration */                                                   \
    X(PROTEST, "protest", "protests")                                                                   \
    /* ... and the prepositions after it */                                                             \
    X(PROTEST_PREP, "at", "over", "against", "of")                                                      \
    /* goods endangered ("threatens national security"): no threat made */                              \
    X(GOODS, "security", "stability", "peace", "safety", "lives", "existence", "sovereignty",           \
          "integrity", "interests", "future", "livelihoods")                                            \
    /* undertakings sabotaged: no armed attack */                                                       \
    X(UNDERTAKING, "talks", "negotiations", "process", "deal", "agreement", "efforts", "plan",          \
          "plans", "election", "elections", "ceasefire", "truce", "dialogue", "peace")                  \
    /* an incoming weapon shot down: an interception */                                                 \
    X(INCOMING, "missile", "missiles", "rocket", "rockets", "projectile", "projectiles")                \
    /* what opens an object that refers to an earlier event ("condemned the attack") ... */             \
    X(ANAPHOR_DET, "the", "this", "that", "these", "those", "such", "existing")                         \
    /* ... an attack ... */                                                                             \
    X(ANAPHOR_ATTACK, "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes",              \
          "bombing", "bombings", "shelling", "assault", "raid", "raids", "killing", "killings",         \
          "massacre")                                                                                   \
    /* ... or an act blamed or rejected */                                                              \
    X(ANAPHOR_ACT, "decision", "move", "step", "announcement")                                          \
    /* acts condemned in a place */                                                                     \
    X(CONDEMNED_ACT, "attack", "attacks", "strike", "strikes", "airstrike", "airstrikes", "bombing",    \
          "bombings", "shelling", "killing", "killings", "massacre", "violence", "crackdown",           \
          "coup")                                                                                       \
    /* a coup: done at home */                                                                          \
    X(COUP, "coup", "coups", "putsch")                                                                  \
    /* a resolution voted against: the body's */                                                        \
    X(RESOLUTION, "resolution", "resolutions", "draft")                                                 \
    /* support in money or arms is aid */                                                               \
    X(SUPPORT, "support", "backing")                                                                    \
    /* a trip for talks with another side */                                                            \
    X(TALKS, "meeting", "meetings", "talks", "summit", "meet", "negotiations")                          \
    /* a summit an organisation holds ... */                                                            \
    X(HOLD, "hold", "holds", "held", "holding", "convene", "convenes", "convened", "convening")         \
    /* ... its summit ... */                                                                            \
    X(SUMMIT, "summit", "meeting", "session")                                                           \
    /* ... or its members meeting */                                                                    \
    X(MEET, "meet", "meets", "met")                                                                     \
    /* a war */                                                                                         \
    X(WAR, "war", "wars")                                                                               \
    /* a civil war */                                                                                   \
    X(WAR_CONFLICT, "war", "wars", "conflict")                                                          \
    /* a fight between two sides, each the other's attacker */                                          \
    X(CLASH, "clash", "clashes", "clashed", "clashing", "skirmish", "skirmishes", "skirmished",         \
          "firefight", "firefights", "gunfight", "gunfights", "shootout", "shootouts")                  \
    /* ... or when both are named together */                                                           \
    X(FIGHT, "fighting", "fight", "battle", "battles")                                                  \
    /* a charge its target denies ... */                                                                \
    X(CHARGE, "charge", "charges", "accusation", "accusations", "claim", "claims", "allegation",        \
          "allegations")                                                                                \
    /* ... and the denial */                                                                            \
    X(DENY, "denies", "denied", "deny", "rejects", "rejected", "reject", "disputes", "disputed")        \
    /* aid accepted is aid given */                                                                     \
    X(AID, "aid", "assistance", "help", "donations")


enum {
#define S_WL_ENUM(name, ...) L_##name,
    S_WORD_LISTS(S_WL_ENUM)
#undef S_WL_ENUM
    L__COUNT
};
enum { S_WLW = (L__COUNT + 63) / 64 };   /* words of coder.wlist per id */

static const char *const *const S_wlists[L__COUNT] = {
#define S_WL_WORDS(name, ...) (const char *const[]){__VA_ARGS__, NULL},
    S_WORD_LISTS(S_WL_WORDS)
#undef S_WL_WORDS
};

/* Adds the words of the lists to the vocabulary with the class W_LISTED
 * and makes coder.wlist: for each vocabulary id up to the largest of
 * theirs, S_WLW words of bits, bit L_NAME when the word is in list NAME. */
static int S_build_wlists(coder *c, vocab *voc)
{
    int maxid = 0;
    for (int l = 0; l < L__COUNT; l++)
        for (int i = 0; S_wlists[l][i]; i++) {
            int id = vocab_add(voc, S_wlists[l][i], strlen(S_wlists[l][i]), (vocab_cls)W_LISTED << VC_CODER_SHIFT);
            if (id < 0) return SITREP_ENOMEM;
            if (id > maxid) maxid = id;
        }
    c->nwlist = maxid + 1;
    if (!(c->wlist = calloc((size_t)c->nwlist * S_WLW, sizeof *c->wlist))) return SITREP_ENOMEM;
    for (int l = 0; l < L__COUNT; l++)
        for (int i = 0; S_wlists[l][i]; i++) {
            int id = vocab_id(voc, S_wlists[l][i], strlen(S_wlists[l][i]));
            c->wlist[(size_t)id * S_WLW + l / 64] |= 1ull << (l % 64);
        }
    return 0;
}

/* Is token t a word of list `list` (L_*)?  Only a word of some list has
 * the class W_LISTED, and its id has an entry in coder.wlist. */
static int S_in_list(const S_ctx *x, int t, int list)
{
    return S_is(x, t, W_LISTED) && (x->c->wlist[(size_t)S_id(x, t) * S_WLW + list / 64] >> (list % 64) & 1);
}

/* The learned layer's linking words, the word before an actor when it ties
 * the actor to what precedes it: "^" (none before), "-" (another word),
 * the prepositions and a few more, by vocabulary id (S_link_ix). */
static int S_build_links(coder *c, const vocab *voc)
{
    static const int more[] = {VW_AND, VW_P_COMMA, VW_BETWEEN, VW_AGAINST, VW_TOWARD, VW_TOWARDS, VW_OVER,
                               VW_THAT, VW_THE};
    c->nlinkof = vocab_count(voc);
    if (!(c->linkof = calloc((size_t)c->nlinkof, 1))) return SITREP_ENOMEM;
    c->linkw[0] = "^";
    c->linkw[1] = "-";
    c->nlinkw = 2;
    int nprep = 0;
    while (S_preps[nprep]) nprep++;
    for (int i = 0; i < nprep + (int)(sizeof more / sizeof more[0]); i++) {
        int id = i < nprep ? vocab_id(voc, S_preps[i], strlen(S_preps[i])) : more[i - nprep];
        if (id <= 0 || id >= c->nlinkof || c->linkof[id]) continue;
        if (c->nlinkw == (int)(sizeof c->linkw / sizeof c->linkw[0])) return SITREP_ENOMEM;
        if (!(c->linkw[c->nlinkw] = arena_strdup(&c->mem, vocab_str(voc, id)))) return SITREP_ENOMEM;
        c->linkof[id] = (unsigned char)c->nlinkw++;
    }
    return 0;
}

/* Verbs (by lemma) that lend their subject to their object noun
 * (S_is_light_verb), that control the subject of an infinitive after
 * their object (S_controlled), of answering (S_answers). */
static const char *const S_light[] = {"launch", "begin", "start", "plan", "carry", "conduct", "hold",
                                      "stage", "make", "pay", "attend", "host", "order", "announce",
                                      "prepare", "mount", "continue", "intensify", "escalate", "step",
                                      "resume", "open", "undertake", "stage", "have", "give", "increase",
                                      "boost", "expand", "provide", "offer", "promise", "pledge", "impose",
                                      "declare", "enforce", NULL};
static const char *const S_control[] = {"warn", "urge", "ask", "tell", "encourage", "press", "persuade",
                                        "order", "force", "allow", "invite", "call", "push", "pressure",
                                        "convince", "instruct", "request", NULL};
static const char *const S_answer[] = {"respond", "retaliate", "react", "answer", NULL};

/* The words the patterns and the verb lists name join the vocabulary, so
 * that their tokens have ids (the coder's own table, S_cid, keeps their
 * inflections, most of which no text uses). */
static int S_add_words(coder *c, vocab *voc)
{
    for (int pos = 0; pos < 2; pos++)
        for (size_t j = 0; j < c->heads[pos].cap; j++)
            if (c->heads[pos].hashes[j] && vocab_add(voc, c->heads[pos].keys[j], strlen(c->heads[pos].keys[j]), 0) < 0)
                return SITREP_ENOMEM;
    for (size_t pi = 0; pi < c->pats.len; pi++) {
        const S_pat *p = PAT(c, pi);
        for (int ei = 0; ei < p->nel; ei++)
            for (int a = 0; a < p->el[ei].nalts; a++)
                if (vocab_add(voc, p->el[ei].alts[a], strlen(p->el[ei].alts[a]), 0) < 0) return SITREP_ENOMEM;
    }
    const char *const *lists[] = {S_light, S_control, S_answer};
    for (int k = 0; k < 3; k++)
        for (int i = 0; lists[k][i]; i++)
            if (vocab_add(voc, lists[k][i], strlen(lists[k][i]), 0) < 0) return SITREP_ENOMEM;
    return 0;
}

/* ---- the words of the patterns by vocabulary id -------------------------
 *
 * The rules ask of a word which of its lemmas head patterns (S_best_pattern,
 * S_propose), whether it matches a pattern's literal as written or by a
 * lemma (S_lit), whether it is a past form and whether a lemma is in a
 * few verb lists.  S_build_lex answers these once at load for every word
 * that has an answer, by vocabulary id: the heads, the literals and the
 * listed verbs, every form the lexicon's detachment rules take back to one
 * of them (lexicon_forms), every form of its exception lists, and each
 * literal with a possessive are added to the vocabulary; each such form's
 * lemmas are computed by lexicon_lemmas as before.  A word that is none of
 * these forms has no lemma that heads a pattern or is a literal, matches
 * no literal as written, and is a past form only by its "-ed". */

/* The coder's own words: the forms S_build_lex and coder_bind_model ask
 * about that the vocabulary lacks (mostly inflections no text uses,
 * "meetted", which would only make the vocabulary's table larger for
 * every stage), numbered from vbase up.  A token's number (S_cid): its
 * vocabulary id when it has one from before the coder, else its form's
 * number here, else 0. */
typedef struct S_fslot_ {
    uint32_t hash;
    int cid;             /* 0: an empty slot; the form is fstr[cid - vbase] */
} S_fslot;

/* A form's two bits in coder.fbloom, from its hash. */
static void S_fbits(uint32_t h, uint32_t *b1, uint32_t *b2)
{
    *b1 = h >> 14;
    *b2 = (h * 0x9e3779b1u) >> 14;
}

static int S_forms_find(const coder *c, const char *w, size_t n)
{
    if (!c->forms) return 0;
    uint32_t h = dict_hash(w, n), b1, b2;
    S_fbits(h, &b1, &b2);
    if (!(c->fbloom[b1 >> 6] >> (b1 & 63) & 1) || !(c->fbloom[b2 >> 6] >> (b2 & 63) & 1))
        return 0;   /* most words: no probe of the table */
    for (size_t j = h & c->fsmask;; j = (j + 1) & c->fsmask) {
        const S_fslot *sl = &c->forms[j];
        if (!sl->cid) return 0;
        if (sl->hash != h) continue;
        const char *f = c->fstr[sl->cid - c->vbase];
        if (!strncmp(f, w, n) && !f[n]) return sl->cid;
    }
}

/* The number of form w[0..n) (S_cid), a new one when it has none;
 * negative when out of memory. */
static int S_cid_add(coder *c, const vocab *voc, const char *w, size_t n)
{
    int id = vocab_id(voc, w, n);
    if (id > 0 && id < c->vbase) return id;
    if ((id = S_forms_find(c, w, n))) return id;
    if ((c->nforms + 1) * 4 > (c->forms ? c->fsmask + 1 : 0) * 3) {   /* at most 3/4 full */
        size_t cap = c->forms ? 2 * (c->fsmask + 1) : 4096;
        S_fslot *ns = calloc(cap, sizeof *ns);
        const char **fs = realloc(c->fstr, cap * sizeof *fs);
        if (fs) c->fstr = fs;
        if (!ns || !fs) { free(ns); return SITREP_ENOMEM; }
        for (size_t j = 0; c->forms && j <= c->fsmask; j++) {
            if (!c->forms[j].cid) continue;
            size_t k = c->forms[j].hash & (cap - 1);
            while (ns[k].cid) k = (k + 1) & (cap - 1);
            ns[k] = c->forms[j];
        }
        free(c->forms);
        c->forms = ns;
        c->fsmask = cap - 1;
    }
    uint32_t h = dict_hash(w, n);
    size_t j = h & c->fsmask;
    while (c->forms[j].cid) j = (j + 1) & c->fsmask;
    char *copy = arena_strndup(&c->mem, w, n);
    if (!copy) return SITREP_ENOMEM;
    c->fstr[c->nforms] = copy;
    c->forms[j] = (S_fslot){h, c->vbase + (int)c->nforms++};
    uint32_t b1, b2;
    S_fbits(h, &b1, &b2);
    c->fbloom[b1 >> 6] |= (uint64_t)1 << (b1 & 63);
    c->fbloom[b2 >> 6] |= (uint64_t)1 << (b2 & 63);
    return c->forms[j].cid;
}

/* What the coder asks of a lemma (S_build_lex). */
typedef struct {
    int head[2];          /* the first pattern it heads as a verb, a noun; -1 */
    int alt;              /* its index among the literals' alternatives; -1 */
    unsigned vbits;       /* LX_LIGHT ...: the verb lists it is in */
    const char *copy;     /* the lemma in the coder's arena, once a head */
} S_target;

/* One lemma of one form: target -1 for a form alone (its past flag);
 * slow: its lemmas may be cut at LEXICON_MAX, S_lex_entry asks the lexicon. */
typedef struct {
    int id, target;
    unsigned char pos, rank, past, slow;
} S_rec;

/* (alternative, id) pairs: kind 0 as written, 1 by a lemma. */
typedef struct {
    int alt, kind, id;
} S_altid;

typedef struct {
    coder *c;
    const vocab *voc;
    dict tdict;           /* lemma -> index into targets */
    vec targets;          /* S_target */
    vec recs;             /* S_rec */
    vec pairs;            /* S_altid */
    int nalts;
    int target, pos;      /* what S_rec_form records */
    int bound[2];         /* lexicon_bound */
} S_lexb;

/* The target entry of w, created when new; -1 when out of memory. */
static int S_target_of(S_lexb *b, const char *w)
{
    int k;
    if (dict_get(&b->tdict, w, strlen(w), &k)) return k;
    S_target *t = vec_push(&b->targets);
    if (!t || dict_set(&b->tdict, w, strlen(w), (int)b->targets.len - 1)) return -1;
    *t = (S_target){{-1, -1}, -1, 0, NULL};
    return (int)b->targets.len - 1;
}

static int S_push_rec(S_lexb *b, const char *f, size_t n, int target, int pos, int rank, int past)
{
    int id = S_cid_add(b->c, b->voc, f, n);
    S_rec *r = id < 0 ? NULL : vec_push(&b->recs);
    if (!r) return SITREP_ENOMEM;
    /* a past form by its "-ed" (lexicon_is_past) */
    past |= n > 3 && f[n - 2] == 'e' && f[n - 1] == 'd';
    *r = (S_rec){id, target, (unsigned char)pos, (unsigned char)rank, (unsigned char)past, 0};
    return 0;
}

/* lexicon_forms: a form of b->target as b->pos */
static int S_rec_form(void *arg, const char *f, size_t n, int rank)
{
    S_lexb *b = arg;
    return S_push_rec(b, f, n, b->target, b->pos, rank, 0);
}

/* lexicon_exceptions: a form of the exception list and its lemmas */
static int S_rec_exc(void *arg, const char *f, size_t n, const char *lemma, size_t ln, int rank)
{
    S_lexb *b = arg;
    if (!lemma) {
        int rc = S_push_rec(b, f, n, -1, b->pos, 0, lexicon_is_past(b->c->lx, f));
        /* rank: the number of its lemmas */
        if (!rc && b->bound[b->pos] + rank > LEXICON_MAX)
            VEC_AT(&b->recs, S_rec, b->recs.len - 1).slow = 1;
        return rc;
    }
    int k;
    char w[64];
    memcpy(w, lemma, ln);   /* ln < 63 */
    w[ln] = 0;
    if (!dict_get(&b->tdict, w, ln, &k)) return 0;
    return S_push_rec(b, f, n, k, b->pos, rank, 0);
}

/* A lemma the coder asks about, as pos, and its inflections. */
static int S_rec_lemma(S_lexb *b, int target, int pos, const char *w)
{
    int rc = S_push_rec(b, w, strlen(w), target, pos, 0, 0);
    b->target = target;
    b->pos = pos;
    return rc ? rc : lexicon_forms(b->c->lx, (lexicon_pos)pos, w, S_rec_form, b);
}

static int S_cmp_int(const void *a, const void *b);

/* Sorts a[0..n) and drops repeats; returns the new length. */
static int S_sort_ids(int *a, int n)
{
    if (n > 16) qsort(a, (size_t)n, sizeof *a, S_cmp_int);
    else for (int i = 1; i < n; i++) {
        int v = a[i], j = i;
        while (j > 0 && a[j - 1] > v) { a[j] = a[j - 1]; j--; }
        a[j] = v;
    }
    int m = 0;
    for (int i = 0; i < n; i++)
        if (!m || a[m - 1] != a[i]) a[m++] = a[i];
    return m;
}

static int S_cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The entry of the word whose records are r[0..n) (one id, sorted by
 * part of speech and rank), as lexicon_lemmas would give it. */
static int S_lex_entry(S_lexb *b, S_rec *r, int n)
{
    coder *c = b->c;
    S_lex le;
    memset(&le, 0, sizeof le);
    le.bits = LX_KNOWN;
    le.head[0] = le.head[1] = (int)c->hents.len;
    for (int i = 0; i < n; i++) {
        if (r[i].past) le.bits |= LX_PAST;
        if (r[i].target < 0) continue;
        int dup = 0;   /* a lemma found twice counts at its lower rank */
        for (int k = i - 1; k >= 0 && r[k].pos == r[i].pos && !dup; k--) dup = r[k].target == r[i].target;
        if (dup) continue;
        S_target *t = &VEC_AT(&b->targets, S_target, r[i].target);
        int pos = r[i].pos;
        if (t->head[pos] >= 0) {
            if (!le.nhead[pos]) le.head[pos] = (int)c->hents.len;
            S_hent *h = vec_push(&c->hents);
            if (!h) return SITREP_ENOMEM;
            h->lemma = t->copy;
            h->first = t->head[pos];
            h->lid = r[i].target;
            le.nhead[pos]++;
        }
        if (r[i].rank > 0 && t->alt >= 0) {
            S_altid *pr = vec_push(&b->pairs);
            if (!pr) return SITREP_ENOMEM;
            *pr = (S_altid){t->alt, 1, r[i].id};
        }
        if (pos == LEX_VERB) le.bits |= t->vbits;
    }
    S_lex *slot = vec_push(&c->lexes);
    if (!slot) return SITREP_ENOMEM;
    *slot = le;
    c->lexi[r[0].id] = (int)c->lexes.len;
    return 0;
}

/* The entry of word id by lexicon_lemmas itself: for a word whose
 * lemmas may be cut (S_rec.slow). */
static int S_lex_forward(S_lexb *b, int id)
{
    coder *c = b->c;
    const char *f = id < c->vbase ? vocab_str(b->voc, id) : c->fstr[id - c->vbase];
    S_lex le;
    memset(&le, 0, sizeof le);
    le.bits = LX_KNOWN;
    if (lexicon_is_past(c->lx, f)) le.bits |= LX_PAST;
    for (int pos = 0; pos < 2; pos++) {
        const char *lem[LEXICON_MAX];
        char scratch[LEXICON_MAX * 64];
        int n = lexicon_lemmas(c->lx, (lexicon_pos)pos, f, lem, scratch);
        le.head[pos] = (int)c->hents.len;
        for (int k = 0; k < n; k++) {
            int ti;
            if (!dict_get(&b->tdict, lem[k], strlen(lem[k]), &ti)) continue;
            const S_target *t = &VEC_AT(&b->targets, S_target, ti);
            if (t->head[pos] >= 0) {
                S_hent *h = vec_push(&c->hents);
                if (!h) return SITREP_ENOMEM;
                h->lemma = t->copy;
                h->first = t->head[pos];
                h->lid = ti;
                le.nhead[pos]++;
            }
            if (k > 0 && t->alt >= 0) {
                S_altid *pr = vec_push(&b->pairs);
                if (!pr) return SITREP_ENOMEM;
                *pr = (S_altid){t->alt, 1, id};
            }
            if (pos == LEX_VERB) le.bits |= t->vbits;
        }
    }
    S_lex *slot = vec_push(&c->lexes);
    if (!slot) return SITREP_ENOMEM;
    *slot = le;
    c->lexi[id] = (int)c->lexes.len;
    return 0;
}

static int S_build_lex(coder *c, const vocab *voc)
{
    const lexicon *lx = c->lx;
    if (!lx) return 0;
    S_lexb b;
    memset(&b, 0, sizeof b);
    b.c = c;
    b.voc = voc;
    c->vbase = vocab_count(voc);
    dict_init(&b.tdict);
    vec_init(&b.targets, sizeof(S_target));
    vec_init(&b.recs, sizeof(S_rec));
    vec_init(&b.pairs, sizeof(S_altid));
    int *aoff = NULL, *afill = NULL, *aids = NULL, *cnt = NULL;
    S_rec *sorted = NULL;
    int rc = 0;
    b.bound[0] = lexicon_bound(LEX_VERB);
    b.bound[1] = lexicon_bound(LEX_NOUN);
    int slow_all = b.bound[0] > LEXICON_MAX || b.bound[1] > LEXICON_MAX;
    /* the lemmas asked about */
    for (int pos = 0; pos < 2 && !rc; pos++) {
        const dict *hd = &c->heads[pos];
        for (size_t j = 0; j < hd->cap && !rc; j++) {
            if (!hd->hashes[j]) continue;
            int t = S_target_of(&b, hd->keys[j]);
            if (t < 0) { rc = SITREP_ENOMEM; break; }
            S_target *tt = &VEC_AT(&b.targets, S_target, t);
            tt->head[pos] = hd->vals[j];
            if (!tt->copy && !(tt->copy = arena_strdup(&c->mem, hd->keys[j]))) rc = SITREP_ENOMEM;
        }
    }
    const char *const *lists[] = {S_light, S_control, S_answer, (const char *const[]){"offer", NULL}};
    const unsigned lbits[] = {LX_LIGHT, LX_CONTROL, LX_ANSWER, LX_OFFER};
    for (unsigned k = 0; k < sizeof lists / sizeof lists[0] && !rc; k++)
        for (int i = 0; lists[k][i] && !rc; i++) {
            int t = S_target_of(&b, lists[k][i]);
            if (t < 0) rc = SITREP_ENOMEM;
            else VEC_AT(&b.targets, S_target, t).vbits |= lbits[k];
        }
    for (size_t pi = 0; pi < c->pats.len && !rc; pi++) {
        S_pat *p = PAT(c, pi);
        for (int ei = 0; ei < p->nel && !rc; ei++) {
            S_elem *e = &p->el[ei];
            for (int a = 0; a < e->nalts && !rc; a++) {
                int t = S_target_of(&b, e->alts[a]);
                if (t < 0) { rc = SITREP_ENOMEM; break; }
                S_target *tt = &VEC_AT(&b.targets, S_target, t);
                if (tt->alt < 0) tt->alt = b.nalts++;
            }
        }
    }
    /* their forms: the lemma itself, its inflections, the exception lists */
    for (size_t j = 0; j < b.tdict.cap && !rc; j++) {
        if (!b.tdict.hashes[j]) continue;
        const char *w = b.tdict.keys[j];
        int t = b.tdict.vals[j];
        const S_target *tt = &VEC_AT(&b.targets, S_target, t);
        if (tt->head[0] >= 0 || tt->vbits || tt->alt >= 0) rc = S_rec_lemma(&b, t, LEX_VERB, w);
        tt = &VEC_AT(&b.targets, S_target, t);
        if (!rc && (tt->head[1] >= 0 || tt->alt >= 0)) rc = S_rec_lemma(&b, t, LEX_NOUN, w);
        /* as written, and with a possessive ("talks'", "Russia's") */
        tt = &VEC_AT(&b.targets, S_target, t);
        if (!rc && tt->alt >= 0) {
            size_t n = strlen(w);
            char *buf = malloc(n + 3);
            if (!buf) { rc = SITREP_ENOMEM; break; }
            memcpy(buf, w, n);
            memcpy(buf + n, "'s", 3);
            const size_t lens[3] = {n, n + 2, n + 1};
            for (int k = 0; k < 3 && !rc; k++) {
                int id = S_cid_add(c, voc, buf, lens[k]);
                S_altid *pr = id < 0 ? NULL : vec_push(&b.pairs);
                if (!pr) rc = SITREP_ENOMEM;
                else *pr = (S_altid){tt->alt, 0, id};
                if (!rc && k) rc = S_push_rec(&b, buf, lens[k], -1, 0, 0, 0);
            }
            free(buf);
        }
    }
    for (int pos = 0; pos < 2 && !rc; pos++) {
        b.pos = pos;
        rc = lexicon_exceptions(lx, (lexicon_pos)pos, S_rec_exc, &b);
    }
    /* the records by id (counting sort), each id's by part of speech and rank */
    if (!rc) {
        c->nlexi = c->vbase + (int)c->nforms;
        c->lexi = calloc((size_t)c->nlexi, sizeof *c->lexi);
        cnt = calloc((size_t)c->nlexi + 1, sizeof *cnt);
        sorted = malloc((b.recs.len ? b.recs.len : 1) * sizeof *sorted);
        if (!c->lexi || !cnt || !sorted) rc = SITREP_ENOMEM;
    }
    if (!rc) {
        const S_rec *rs = b.recs.data;
        for (size_t i = 0; i < b.recs.len; i++) cnt[rs[i].id + 1]++;
        for (int i = 0; i < c->nlexi; i++) cnt[i + 1] += cnt[i];
        for (size_t i = 0; i < b.recs.len; i++) sorted[cnt[rs[i].id]++] = rs[i];
        for (size_t i = 0; i < b.recs.len && !rc;) {
            size_t j = i;
            while (j < b.recs.len && sorted[j].id == sorted[i].id) j++;
            for (size_t k = i + 1; k < j; k++) {   /* a few records: insertion sort */
                S_rec v = sorted[k];
                size_t m = k;
                while (m > i && (sorted[m - 1].pos > v.pos || (sorted[m - 1].pos == v.pos && sorted[m - 1].rank > v.rank))) {
                    sorted[m] = sorted[m - 1];
                    m--;
                }
                sorted[m] = v;
            }
            int slow = slow_all;
            for (size_t k = i; k < j; k++) slow |= sorted[k].slow;
            rc = slow ? S_lex_forward(&b, sorted[i].id) : S_lex_entry(&b, sorted + i, (int)(j - i));
            i = j;
        }
    }
    /* each alternative's ids, by counting */
    size_t na = (size_t)b.nalts;
    if (!rc && !(aoff = calloc(2 * na + 1, sizeof *aoff))) rc = SITREP_ENOMEM;
    if (!rc && !(afill = calloc(2 * na + 1, sizeof *afill))) rc = SITREP_ENOMEM;
    if (!rc && !(aids = arena_alloc(&c->mem, (b.pairs.len ? b.pairs.len : 1) * sizeof *aids))) rc = SITREP_ENOMEM;
    if (!rc) {
        const S_altid *ps = b.pairs.data;
        for (size_t i = 0; i < b.pairs.len; i++) aoff[2 * ps[i].alt + ps[i].kind + 1]++;
        for (size_t k = 1; k <= 2 * na; k++) aoff[k] += aoff[k - 1];
        for (size_t i = 0; i < b.pairs.len; i++) {
            size_t k = 2 * (size_t)ps[i].alt + (size_t)ps[i].kind;
            aids[aoff[k] + afill[k]++] = ps[i].id;
        }
        for (size_t k = 0; k < 2 * na; k++) {
            afill[k] = S_sort_ids(aids + aoff[k], afill[k]);
            for (int i = 0; i < afill[k]; i++) {   /* every such word has an entry */
                int id = aids[aoff[k] + i];
                VEC_AT(&c->lexes, S_lex, c->lexi[id] - 1).bits |= LX_LIT;
            }
        }
    }
    /* each element's: the union of its alternatives' (the same set of
     * alternatives, the same union: unions by their alternatives' numbers) */
    dict unions;
    vec uvec;                /* S_elem: the union of each set seen */
    dict_init(&unions);
    vec_init(&uvec, sizeof(S_elem));
    for (size_t pi = 0; pi < c->pats.len && !rc; pi++) {
        S_pat *p = PAT(c, pi);
        for (int ei = 0; ei < p->nel && !rc; ei++) {
            S_elem *e = &p->el[ei];
            char sig[256];
            size_t sl = 0;
            for (int a = 0; a < e->nalts && e->nalts > 1 && sl + 12 < sizeof sig; a++) {
                int ti;
                dict_get(&b.tdict, e->alts[a], strlen(e->alts[a]), &ti);
                sl += (size_t)snprintf(sig + sl, sizeof sig - sl, "%d,", VEC_AT(&b.targets, S_target, ti).alt);
            }
            int ui;
            if (e->nalts > 1 && sl + 12 < sizeof sig && dict_get(&unions, sig, sl, &ui)) {
                const S_elem *u = &VEC_AT(&uvec, S_elem, ui);
                e->ids = u->ids;
                e->nids = u->nids;
                e->lids = u->lids;
                e->nlids = u->nlids;
                continue;
            }
            for (int kind = 0; kind < 2 && !rc; kind++) {
                const int **out = kind ? &e->lids : &e->ids;
                int *nout = kind ? &e->nlids : &e->nids, total = 0;
                for (int a = 0; a < e->nalts; a++) {
                    int ti;
                    dict_get(&b.tdict, e->alts[a], strlen(e->alts[a]), &ti);
                    int k = 2 * VEC_AT(&b.targets, S_target, ti).alt + kind;
                    if (a == 0) { *out = aids + aoff[k]; *nout = afill[k]; }
                    total += afill[k];
                }
                if (e->nalts < 2) continue;
                /* merged one alternative at a time: both sorted */
                int *u = arena_alloc(&c->mem, (size_t)(total ? total : 1) * sizeof *u), n = 0;
                int *tmp = malloc((size_t)(total ? total : 1) * sizeof *tmp);
                if (!u || !tmp) { free(tmp); rc = SITREP_ENOMEM; break; }
                for (int a = 0; a < e->nalts; a++) {
                    int ti;
                    dict_get(&b.tdict, e->alts[a], strlen(e->alts[a]), &ti);
                    int k = 2 * VEC_AT(&b.targets, S_target, ti).alt + kind;
                    const int *v = aids + aoff[k];
                    int nv = afill[k], i = 0, j = 0, m = 0;
                    while (i < n || j < nv) {
                        int x = j >= nv || (i < n && u[i] <= v[j]) ? u[i] : v[j];
                        if (i < n && u[i] == x) i++;
                        if (j < nv && v[j] == x) j++;
                        tmp[m++] = x;
                    }
                    memcpy(u, tmp, (size_t)m * sizeof *u);
                    n = m;
                }
                free(tmp);
                *out = u;
                *nout = n;
            }
            if (!rc && e->nalts > 1 && sl + 12 < sizeof sig) {
                S_elem *u = vec_push(&uvec);
                if (!u || dict_set(&unions, sig, sl, (int)uvec.len - 1)) rc = SITREP_ENOMEM;
                else *u = *e;
            }
        }
    }
    dict_free(&unions);
    vec_free(&uvec);
    free(aoff);
    free(afill);
    free(cnt);
    free(sorted);
    dict_free(&b.tdict);
    vec_free(&b.targets);
    vec_free(&b.recs);
    vec_free(&b.pairs);
    return rc;
}

/* Is id in the sorted a[0..n)? */
static int S_has(const int *a, int n, int id)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && a[lo] == id;
}

/* Does token t match one of the alternatives (as written, or by lemma)?
 * By vocabulary id: every word that matches has one (S_build_lex). */
static int S_lit(const S_ctx *x, int t, const S_elem *e)
{
    if (!(x->lx[t]->bits & LX_LIT)) return 0;   /* no literal's word (nor an unknown one) */
    int id = x->cid[t];
    unsigned b = S_lbit(id);   /* none of its words has id's bit: no search */
    if (!(e->bloom[b >> 6] >> (b & 63) & 1)) return 0;
    if (S_has(e->ids, e->nids, id)) return 1;
    return (S_flags(x, t) & TOK_WORD) && S_has(e->lids, e->nlids, id);
}

/* Is token t a past tense or participle (lexicon_is_past)? */
static int S_is_past(const S_ctx *x, int t)
{
    if (x->lx[t]->bits & LX_KNOWN) return (x->lx[t]->bits & LX_PAST) != 0;
    const char *w = S_norm(x, t);
    size_t l = strlen(w);
    return l > 3 && w[l - 2] == 'e' && w[l - 1] == 'd';   /* in no exception list */
}

/* Does token t end in "-ing" (a gerund or present participle)? */
static int S_is_ing(const S_ctx *x, int t)
{
    const char *w = S_norm(x, t);
    size_t l = strlen(w);
    return l > 4 && !strcmp(w + l - 3, "ing");
}

/* Does a gerund follow the for, of or against at k?  And does a gerund
 * clause open there, with more words after the gerund ("accused Iran of
 * supplying drones"; "memorandum of understanding (MoU)" is a noun)? */
static int S_gerund_after(const S_ctx *x, int k)
{
    int wid = S_id(x, k);
    return ((wid == VW_FOR) || (wid == VW_OF) || (wid == VW_AGAINST)) && k + 1 < x->in->seg->ntoks &&
           S_is_ing(x, k + 1);
}

static int S_gerund_at(const S_ctx *x, int k)
{
    return S_gerund_after(x, k) && k + 2 < x->in->seg->ntoks && !(S_flags(x, k + 2) & TOK_PUNCT);
}

#define HENT(c, i) (&VEC_AT(&(c)->hents, S_hent, i))

/* The entry of a word with none. */
static const S_lex S_nolex = {{0, 0}, {0, 0}, 0};

typedef struct {
    int end;                 /* first token after the match */
    int nlit;
    int tgt[8], ntgt;        /* mention indices */
    int tplace;              /* place index, or -1 */
    int src;                 /* mention index for $S, or -1 */
    int lit_last;            /* last literal token */
} S_match;

/* An actor mention (or a place) at token t, allowing determiners before
 * it.  Returns the token after it, or -1. */

static int S_slot(const S_ctx *x, int t, int lim, int *mention, int *place)
{
    *mention = *place = -1;
    for (int skip = 0; skip <= 2 && t < lim; skip++, t++) {
        if (x->mstart[t] >= 0) {
            const sr_mention *mm = &x->in->mentions[x->mstart[t]];
            /* "his Brazilian counterpart": the pronoun is the possessor of
             * the actor that follows it */
            if ((mm->how & AH_PRONOUN) && mm->t1 == t + 1 && t + 1 < lim && x->mstart[t + 1] >= 0 &&
                S_in_list(x, t, L_POSS_PRONOUN))
                continue;
            *mention = x->mstart[t];
            return mm->t1;
        }
        if (x->pstart[t] >= 0) {
            *place = x->pstart[t];
            return x->in->places[*place].t1;
        }
        /* a number before the actor: "28 Afghans", "1.7 million
         * Afghans", "some 300 Syrians", "six Americans" */
        if (((S_flags(x, t) & TOK_NUM) || S_is_count(x, t)) &&
            t + 1 < lim) {
            if (S_in_list(x, t + 1, L_BIG_NUMBER) && t + 2 < lim)
                t++;
            continue;
        }
        /* "hundreds of Afghans", "thousands of Syrian refugees" */
        if (t + 1 < lim && S_is(x, t, W_QUANTITY) && (S_id(x, t + 1) == VW_OF)) {
            t++;
            continue;
        }
        /* "the waters near Taiwan", "the border with Ukraine", "the coast of
         * Yemen": the country whose edge it is */
        if (t + 2 < lim && S_in_list(x, t, L_EDGE) &&
            S_in_list(x, t + 1, L_EDGE_PREP) &&
            (x->mstart[t + 2] >= 0 || x->pstart[t + 2] >= 0 || (S_is(x, t + 2, W_DETS) && t + 3 < lim))) {
            t++;
            continue;
        }
        /* an adjective of a state's condition before it: "recognise an
         * independent Kosovo", "supports a sovereign Ukraine" */
        if (t + 1 < lim && x->mstart[t + 1] >= 0 &&
            S_in_list(x, t, L_STATE_ADJ))
            continue;
        /* a participle before the actor: "released the detained Swedish
         * journalist", "freed the kidnapped Italian engineers" */
        if (t + 1 < lim && x->mstart[t + 1] >= 0 && (S_flags(x, t) & TOK_WORD) && !(S_flags(x, t) & TOK_CAP) &&
            S_is_past(x, t) && !S_is(x, t, W_PREPS))
            continue;
        /* "the city of Odesa", "the port city of Hodeidah": the place */
        if (S_is(x, t, W_SETTLEMENT)) {
            int k = t;
            while (k + 1 < lim && S_is(x, k + 1, W_SETTLEMENT)) k++;
            if (k + 2 < lim && (S_id(x, k + 1) == VW_OF) && x->pstart[k + 2] >= 0) {
                t = k + 1;
                continue;
            }
        }
        /* "members of the OSCE", "leaders of NATO" */
        if (t + 1 < lim && S_is(x, t, W_PART_OF) &&
            ((S_id(x, t + 1) == VW_OF) || (S_id(x, t + 1) == VW_FROM))) {
            t++;
            continue;
        }
        /* "the foreign ministers of Russia", "senior officials from Kyiv" */
        if (t + 2 < lim && (S_flags(x, t) & TOK_WORD) && S_is(x, t + 1, W_PART_OF) &&
            ((S_id(x, t + 2) == VW_OF) || (S_id(x, t + 2) == VW_FROM))) {
            t += 2;
            continue;
        }
        /* "the building of the Iranian embassy", "the consulate building
         * of", "the headquarters of the RSF": the premises' owner */
        if (t + 2 < lim && S_in_list(x, t, L_PREMISES) && (S_id(x, t + 1) == VW_OF)) {
            t++;
            continue;
        }
        if (t + 3 < lim && (S_flags(x, t) & TOK_WORD) && S_in_list(x, t + 1, L_PREMISES) && (S_id(x, t + 2) == VW_OF)) {
            t += 2;
            continue;
        }
        /* "from southern Lebanon", "into eastern Ukraine": the country */
        if (t + 1 < lim && (x->mstart[t + 1] >= 0 || x->pstart[t + 1] >= 0) && S_in_list(x, t, L_COMPASS))
            continue;
        if (!S_is(x, t, W_DETS)) break;
    }
    return -1;
}

static int S_is_adverb_raw(const S_ctx *x, int t);

/* 1 when a mention is or holds a possessive ("Russia's", "Russia's
 * military"). */
static int S_possessive(const S_ctx *x, const sr_mention *m)
{
    if (m->how & AH_POSS) return 1;
    for (int t = m->t0; t < m->t1; t++) {
        const char *w = S_norm(x, t);
        size_t l = strlen(w);
        if (l > 2 && !strcmp(w + l - 2, "'s")) return 1;   /* folded: curly quotes are ' already */
    }
    return 0;
}

static int S_is_adverb(const S_ctx *x, int t)
{
    if (x->adv_cache[t] < 0) x->adv_cache[t] = (signed char)S_is_adverb_raw(x, t);
    return x->adv_cache[t];
}

static int S_is_adverb_raw(const S_ctx *x, int t)
{
    const char *w = S_norm(x, t);
    int wid = S_id(x, t);
    size_t l = strlen(w);
    if (!(S_flags(x, t) & TOK_WORD)) return 0;
    return S_is(x, t, W_ADV) || (l > 4 && !strcmp(w + l - 2, "ly") && (wid != VW_EARLY) && (wid != VW_ITALY) &&
                            (wid != VW_FAMILY) && (wid != VW_ALLY) && (wid != VW_RALLY));
}

/* A list connector at t ("and", "or", "as well as", "including (with)",
 * "along with", "together with"): its length in tokens, or 0. */
static int S_connector(const S_ctx *x, int t, int lim)
{
    if (t >= lim) return 0;
    int wid = S_id(x, t);
    if ((wid == VW_AND) || (wid == VW_OR) || (wid == VW_PLUS)) return 1;
    if ((wid == VW_INCLUDING)) return t + 1 < lim && (S_id(x, t + 1) == VW_WITH) ? 2 : 1;
    if (((wid == VW_ALONG) || (wid == VW_TOGETHER)) && t + 1 < lim && (S_id(x, t + 1) == VW_WITH))
        return 2;
    if ((wid == VW_AS) && t + 2 < lim && (S_id(x, t + 1) == VW_WELL) && (S_id(x, t + 2) == VW_AS))
        return 3;
    return 0;
}

/* 1 when mentions a and b are members of one list ("A and B", "A, B and
 * C", "A as well as B"): between them only commas, connectors and the
 * list's other mentions. */
static int S_coordinated(const S_ctx *x, const sr_mention *a, const sr_mention *b)
{
    if (a->sent != b->sent) return 0;
    if (b->t0 < a->t0) {
        const sr_mention *t = a;
        a = b;
        b = t;
    }
    int t = a->t1, conj = 0;
    if (t >= b->t0) return 0;
    while (t < b->t0) {
        int c = 0;
        if ((S_id(x, t) == VW_P_COMMA) || ((S_id(x, t) == VW_THE) && t + 1 < b->t1 && x->minside[t + 1] >= 0)) t++;
        else if ((c = S_connector(x, t, b->t0))) { t += c; conj = 1; }
        else if (x->minside[t] >= 0) t = x->in->mentions[x->minside[t]].t1 > t ? x->in->mentions[x->minside[t]].t1 : t + 1;
        else return 0;
    }
    /* "A, B and C": a list of commas is one only when a connector closes it */
    int s1 = x->in->seg->sents[a->sent].tok0 + x->in->seg->sents[a->sent].ntok;
    t = b->t1;
    while (!conj && t < s1) {
        int c = 0;
        if ((S_id(x, t) == VW_P_COMMA)) t++;
        else if ((c = S_connector(x, t, s1))) {
            int u = t + c < s1 && (S_id(x, t + c) == VW_THE) ? t + c + 1 : t + c;
            conj = u < s1 && x->minside[u] >= 0;
        }
        else if (x->minside[t] >= 0) t = x->in->mentions[x->minside[t]].t1 > t ? x->in->mentions[x->minside[t]].t1 : t + 1;
        else break;
        if (c) break;
    }
    return conj;
}

/* Might token t (before lim) be one of e's words: is it a literal's word
 * whose bit (S_lbit) e's bloom has? */
static int S_lbit_at(const S_ctx *x, int t, int lim, const S_elem *e)
{
    if (t >= lim || !(x->lx[t]->bits & LX_LIT)) return 0;
    unsigned b = S_lbit(x->cid[t]);
    return e->bloom[b >> 6] >> (b & 63) & 1;
}

static int S_is_verb_form(const S_ctx *x, int t);

static int S_match_el(const S_ctx *x, const S_pat *p, int ei, int t, int lim, S_match *m)
{
    if (ei == p->nel) {
        m->end = t;
        return 1;
    }
    const S_elem *e = &p->el[ei];
    switch (e->t) {
    case E_LIT:
        /* scare quotes inside a phrase ("respond 'decisively'") */
        if (t < lim && (S_flags(x, t) & TOK_QUOTE) && t + 1 < lim && S_lit(x, t + 1, e)) t++;
        if (t < lim && S_lit(x, t, e)) {
            int save = m->lit_last;
            m->lit_last = t;
            if (S_match_el(x, p, ei + 1, t + 1, lim, m)) return 1;
            m->lit_last = save;
        }
        /* one adverb may stand before a literal ("spoke again with") */
        if (t + 1 < lim && (x->adv_cache[t] >= 0 ? x->adv_cache[t] : S_is_adverb(x, t)) && S_lit(x, t + 1, e)) {
            int save = m->lit_last;
            m->lit_last = t + 1;
            if (S_match_el(x, p, ei + 1, t + 2, lim, m)) return 1;
            m->lit_last = save;
        }
        /* ... or a time expression between the head and its preposition
         * ("called on Wednesday for", "met on Monday with") */
        if (ei == 0 && t < lim && x->tend[t] > t && x->tend[t] < lim && S_is(x, x->tend[t], W_PREPS) &&
            S_lit(x, x->tend[t], e)) {
            int save = m->lit_last;
            m->lit_last = x->tend[t];
            if (S_match_el(x, p, ei + 1, x->tend[t] + 1, lim, m)) return 1;
            m->lit_last = save;
        }
        return 0;
    case E_OPT:
        if (t < lim && S_lit(x, t, e) && S_match_el(x, p, ei + 1, t + 1, lim, m)) return 1;
        return S_match_el(x, p, ei + 1, t, lim, m);
    case E_GAP: {
        /* a literal after the gap matches at t + k or, after a quote or an
         * adverb, at t + k + 1: where neither word has a bit of its bloom
         * (S_lbit_at) it is not tried */
        const S_elem *ne = ei + 1 < p->nel && p->el[ei + 1].t == E_LIT ? &p->el[ei + 1] : NULL;
        /* up to five words, an amount's numbers and words not counted */
        for (int k = 0, n = 0; t + k <= lim; k++) {
            if (k > 0) {
                int pk = t + k - 1;
                if ((S_flags(x, pk) & TOK_PUNCT) && !S_is(x, pk, W_MONEY)) break;
                /* nor through a passive's agent ("were killed by Chinese
                 * troops" is no "kill .. troops") */
                if (x->passive && (S_id(x, pk) == VW_BY)) break;
                if (!(S_flags(x, pk) & TOK_NUM) && !S_is(x, pk, W_COUNT | W_MONEY) && ++n > 5) break;
                if (k > 12) break;
            }
            if (ne && !S_lbit_at(x, t + k, lim, ne) && !S_lbit_at(x, t + k + 1, lim, ne)) continue;
            if (S_match_el(x, p, ei + 1, t + k, lim, m)) return 1;
        }
        return 0;
    }
    case E_TGT:
    case E_SRC: {
        int mi, pl;
        int nt = S_slot(x, t, lim, &mi, &pl);
        if (nt < 0 && e->t == E_TGT && ei == p->nel - 1) {
            /* "talks with the Nordic leadership, among them Finland's
             * president": a group with no actor, then its named members */
            int k = t;
            while (k < lim && k < t + 5 && !(S_flags(x, k) & TOK_PUNCT) && x->minside[k] < 0) k++;
            int c = k < lim && (S_id(x, k) == VW_P_COMMA) ? S_connector(x, k + 1, lim) : 0;
            if (c) nt = S_slot(x, k + 1 + c, lim, &mi, &pl);
        }
        if (nt < 0 && e->t == E_TGT && x->passive && (t >= lim || (S_id(x, t) == VW_BY) ||
                                                       (S_flags(x, t) & TOK_PUNCT))) {
            /* passive: the object slot is the subject ("Kuleba was received by") */
            return S_match_el(x, p, ei + 1, t, lim, m);
        }
        if (nt < 0) return 0;
        if (e->t == E_SRC) {
            if (mi < 0) return 0;
            m->src = mi;
            if (S_match_el(x, p, ei + 1, nt, lim, m)) return 1;
            m->src = -1;
            return 0;
        }
        int ntgt0 = m->ntgt;
        if (mi >= 0) {
            m->tgt[m->ntgt++] = mi;
            /* the other parts of a compound ("the Russia-Ukraine border") */
            for (int k = 0; k < x->in->nmentions && m->ntgt < 8; k++)
                if (k != mi && x->in->mentions[k].t0 == x->in->mentions[mi].t0 &&
                    x->in->mentions[k].t1 == x->in->mentions[mi].t1)
                    m->tgt[m->ntgt++] = k;
            /* the target may also be a place ("travel to Berlin", "visited
             * Poland"); S_code_sentence decides whether it is the location */
            if (x->pstart[x->in->mentions[mi].t0] >= 0) m->tplace = x->pstart[x->in->mentions[mi].t0];
        } else {
            m->tplace = pl;
        }
        /* coordination: "Zelensky and Kuleba", "Latvian, Lithuanian and Estonian officials" */
        /* a list counts only when it closes with "and"/"or" ("A, B and C") */
        int u = nt, n0 = m->ntgt, closed_at = nt, closed_n = m->ntgt;
        while (mi >= 0 && u < lim && m->ntgt < 8) {
            int v = u, conj = 0;
            if (v < lim && (S_id(x, v) == VW_P_COMMA)) v++;
            int c = S_connector(x, v, lim);
            if (c) { v += c; conj = 1; }
            if (v == u) break;
            int mj, pj;
            int w = S_slot(x, v, lim, &mj, &pj);
            if (w < 0 || mj < 0) break;
            /* ", and Washington delivered ...": a verb after it makes it the
             * subject of a clause of its own, no member of the list */
            if (w < lim && (S_flags(x, w) & TOK_WORD) && S_is_verb_form(x, w)) break;
            m->tgt[m->ntgt++] = mj;
            u = w;
            if (conj) { closed_at = u; closed_n = m->ntgt; }
        }
        (void)n0;
        m->ntgt = closed_n;
        u = closed_at;
        if (S_match_el(x, p, ei + 1, u, lim, m)) return 1;
        if (u != nt && S_match_el(x, p, ei + 1, nt, lim, m)) { m->ntgt = ntgt0 + 1; return 1; }
        m->ntgt = ntgt0;
        m->tplace = -1;
        return 0;
    }
    }
    return 0;
}

static int S_cue_at(const S_ctx *x, int t, int s0, int *len);

/* Is token t a verb form that takes an object (a pattern verb in any
 * inflection, or a regular past form)? */
static int S_is_verb_form_raw(const S_ctx *x, int t);

/* Cached per token: the pipeline asks the same question many times. */
static int S_is_verb_form(const S_ctx *x, int t)
{
    if (x->verb_cache[t] < 0) x->verb_cache[t] = (signed char)S_is_verb_form_raw(x, t);
    return x->verb_cache[t];
}

static int S_is_verb_form_raw(const S_ctx *x, int t)
{
    if (!(S_flags(x, t) & TOK_WORD) || (S_flags(x, t) & TOK_CAP)) return 0;
    if (S_is(x, t, W_PREPS | W_DETS | W_BE)) return 0;
    int len;
    if (S_cue_at(x, t, t, &len) == C_REPORT) return 0; /* "said Russia is ..." opens a clause */
    if (x->lx[t]->nhead[0]) return 1;
    return S_is_past(x, t);
}

/* A verb that lends its subject to its object noun ("Moscow is planning an
 * invasion", "launched an attack"), unlike "stop the killing". */
static int S_is_light_verb(const S_ctx *x, int t)
{
    return (x->lx[t]->bits & LX_LIGHT) != 0;
}

/* Is mention mi a modifier of the noun after it ("the NATO summit", "the
 * Minsk agreement"), before the verb at trig?  Then it is no subject. */
static int S_is_modifier(const S_ctx *x, int mi, int trig)
{
    const sr_mention *m = &x->in->mentions[mi];
    int t = m->t1;
    if (t >= trig || !(S_flags(x, t) & TOK_WORD) || (S_flags(x, t) & TOK_CAP)) return 0;
    if (m->how & AH_POSS) return 0;
    const char *w = S_norm(x, t);
    size_t l = strlen(w);
    /* "Russia attacked", "Russia says"; but an event noun right before the
     * verb is that verb's subject ("the EU sanctions target Russian
     * banks", "US strikes killed"): the actor modifies the noun */
    if (l > 2 && (!strcmp(w + l - 2, "ed") || w[l - 1] == 's'))
        return t + 1 == trig && x->lx[t]->nhead[1] > 0 && S_is_verb_form(x, trig);
    return x->lx[t]->nhead[1] > 0;
}

/* Is mention mi the object of a preposition or of a verb, or an
 * apposition after one ("toured Chile and Peru, two Pacific partners")? */
static int S_is_object(const S_ctx *x, int mi, int s0)
{
    const sr_mention *m = &x->in->mentions[mi];
    int t = m->t0 - 1;
    /* back over articles and numbers, figures or words ("released six
     * Americans") */
    while (t >= s0 && (S_is(x, t, W_DETS) || (S_flags(x, t) & TOK_NUM) || S_is_count(x, t))) t--;
    if (t < s0) return 0;
    /* "thousands of Serbians", "the government of Bolivia", "officials from
     * Iran": the phrase is the actor, an object only where the phrase
     * itself is one ("talks between Kyiv and members of the OSCE") */
    if ((S_id(x, t) == VW_OF || (S_id(x, t) == VW_FROM && S_is(x, t - 1, W_PART_OF))) && t > s0 &&
        S_is(x, t - 1, W_QUANTITY | W_PART_OF)) {
        int u = t - 2, mods = 0;
        /* "tens of thousands of Serbians": one quantity of another */
        while (u - 1 >= s0 && (S_id(x, u) == VW_OF) && S_is(x, u - 1, W_QUANTITY)) u -= 2;
        while (u >= s0 && mods < 3 && (S_is(x, u, W_DETS) || ((S_flags(x, u) & TOK_WORD) && !S_is(x, u, W_PREPS) &&
                                                               !S_is_verb_form(x, u) && (S_id(x, u) != VW_AND))))
            u--, mods++;
        return u >= s0 && (S_is(x, u, W_PREPS) || S_is_verb_form(x, u) || (S_id(x, u) == VW_AND));
    }
    if (S_is(x, t, W_PREPS) || S_is_verb_form(x, t)) return 1;
    /* a group after a comma is in apposition ("struck Kherson, a
     * Ukrainian-held city"), unless a verb follows it: then it opens the
     * main clause ("According to Kyiv, Russian forces shelled ...") */
    int after = m->t1 < x->in->seg->ntoks ? m->t1 : -1;
    int verb_next = after >= 0 && (S_is_verb_form(x, after) || S_is(x, after, W_BE | W_AUXV));
    int comma_app = (S_id(x, t) == VW_P_COMMA) &&
                    ((m->kind == AK_GROUP && !verb_next) || (after >= 0 && (S_id(x, after) == VW_P_COMMA)));
    if (((S_id(x, t) == VW_AND) && !verb_next) || comma_app) {
        /* coordinated with or in apposition to an object ("visited Poland and
         * Romania, NATO allies ..."); a person after a comma usually opens
         * the main clause ("After leaving Ukraine, Blinken will ..."), and
         * so does one after "and" with a verb of its own ("sent tanks to
         * Ukraine, and the US delivered ...") */
        for (int k = mi - 1; k >= 0; k--) {
            const sr_mention *p = &x->in->mentions[k];
            if (p->t1 > t) continue;
            if (p->t1 == t || (p->t1 == t - 1 && (S_id(x, t - 1) == VW_P_COMMA))) return S_is_object(x, k, s0);
            break;
        }
    }
    return 0;
}

/* The subject: the nearest acceptable actor to the left of trigger t, and
 * those coordinated with it.  Returns how many were written to out. */
static int S_is_report_word(const S_ctx *x, int t);

static int S_subject(const S_ctx *x, int s0, int t, int *out, int max, const int *skip, int nskip)
{
    int n = 0, saw_and = 0;
    /* a relative clause ("a state that has been invaded", "Biden, who met
     * Scholz"): its subject is the antecedent right before the pronoun */
    for (int k = t - 1; k >= s0; k--) {
        if (x->minside[k] >= 0) break;
        int wid = S_id(x, k);
        int nxid = S_id(x, k + 1);
        int rel_that = (wid == VW_THAT) && k > s0 && !S_is_report_word(x, k - 1) &&
                       (S_is(x, k + 1, W_BE) || (nxid == VW_HAS) || (nxid == VW_HAVE) || (nxid == VW_HAD) ||
                        (nxid == VW_WILL) || (nxid == VW_WOULD) || S_is_verb_form(x, k + 1));
        if (((wid == VW_WHO) || (wid == VW_WHICH) || rel_that) && t - k <= 4) {
            int a = k - 1;
            if (a >= s0 && (S_id(x, a) == VW_P_COMMA)) a--;
            if (a < s0 || x->minside[a] < 0 || (wid == VW_THAT)) {
                /* "that" after a noun is relative; after a verb or a
                 * reporting word it introduces a clause and scanning goes on */
                if ((wid == VW_THAT) && (a < s0 || S_is_verb_form(x, a) || x->minside[a] >= 0)) {
                    if (a >= s0 && x->minside[a] >= 0 && !S_is_verb_form(x, a)) {
                        out[0] = x->minside[a];
                        return 1;
                    }
                    break;
                }
                return 0;
            }
            out[0] = x->minside[a];
            return 1;
        }
    }
    int stop_at = -1;
    for (int mi = x->in->nmentions - 1; mi >= 0; mi--) {
        const sr_mention *m = &x->in->mentions[mi];
        if (m->t1 > t || m->t0 < s0) continue;
        if (stop_at >= 0 && m->t1 < stop_at) break;
        int skipped = 0;
        for (int k = 0; k < nskip; k++)
            if (skip[k] == mi) skipped = 1;
        if (skipped) continue;
        if (m->how & AH_ADJ) continue;
        if (S_is_object(x, mi, s0) || S_is_modifier(x, mi, t)) continue;
        if (n && out[n - 1] >= 0) {
            /* coordinated with the previous subject? only "and" or "," between */
            const sr_mention *prev = &x->in->mentions[out[n - 1]];
            int ok = 1, conj = 0, gap = 0;
            for (int k = m->t1; k < prev->t0; k++) {
                int wid = S_id(x, k), c;
                if ((wid == VW_AND)) conj = 1;
                else if ((wid == VW_THE) && k + 1 == prev->t0) continue;
                else if (wid != VW_P_COMMA && (c = S_connector(x, k, prev->t0)) > 1) {
                    /* "the United States, as well as Britain and Canada,"
                     * "Moscow together with Minsk": one connector */
                    conj = 1;
                    k += c - 1;
                } else if ((wid != VW_P_COMMA)) ok = 0;
                gap++;
            }
            /* "A and B", "A, B and C", "A, the B and C" (the "and" is seen
             * first, right to left); headline grammar has a comma for
             * "and" ("India, Pakistan exchange fire"): two names opening a
             * title */
            if (conj) saw_and = 1;
            int head_list = !saw_and && x->in->title && gap == 1 && m->t0 == s0 && n == 1;
            if (!ok || (!saw_and && !head_list) || gap > 2) break;
        }
        /* a mention inside the same hyphenated token as the previous one */
        if (n && m->t0 == x->in->mentions[out[n - 1]].t0 && m->t1 == x->in->mentions[out[n - 1]].t1) continue;
        out[n++] = mi;
        if (n == max) break;
        stop_at = m->t0 - 5;   /* ", as well as" */
    }
    /* text order */
    for (int i = 0; i < n / 2; i++) {
        int tmp = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = tmp;
    }
    return n;
}

/* Object control: in "warned/urged/asked X (not) to VERB" the subject of
 * VERB is X.  Returns 1 when trig is such an infinitive, with X (if it is
 * an actor) in srcs. */
/* The one who reports a sentence's content: the subject of a reporting
 * word before trig ("Harris suggested that Moscow must be held
 * accountable"), or the actor by one after it ('"Now is the time for
 * Russia to withdraw," Psaki said'; "said Psaki").  A mention index or -1. */

static int S_reporter_after(const S_ctx *x, int s1, int trig);

static int S_reporter(const S_ctx *x, int s0, int s1, int trig)
{
    for (int k = trig - 1; k >= s0; k--) {
        if (!S_is_report_word(x, k)) continue;
        int subj[2];
        return S_subject(x, s0, k, subj, 1, NULL, 0) ? subj[0] : -1;
    }
    return S_reporter_after(x, s1, trig);
}

/* The reporter of a reporting word after trig, or -1. */
static int S_reporter_after(const S_ctx *x, int s1, int trig)
{
    for (int k = trig + 1; k < s1; k++) {
        if (!S_is_report_word(x, k)) continue;
        if (k + 1 < s1 && x->mstart[k + 1] >= 0) return x->mstart[k + 1];   /* said Psaki */
        for (int j = k - 1; j > trig && j >= k - 4; j--)                     /* Psaki said */
            if (x->minside[j] >= 0) return x->minside[j];
        return -1;
    }
    return -1;
}

static int S_controlled(const S_ctx *x, int s0, int trig, int *nsrc, int *srcs)
{
    int k = trig - 1;
    /* "urged Washington to stop arming Taiwan": an aspectual verb between
     * "to" and the gerund passes the control on */
    if (k > s0 && S_is_ing(x, trig) &&
        S_in_list(x, k, L_ASPECTUAL))
        k--;
    if (k >= s0 && (S_id(x, k) == VW_NOT)) k--;
    if (k < s0 || (S_id(x, k) != VW_TO)) return 0;
    int obj_end = k - 1;
    if (obj_end < s0) return 0;
    /* the object: a mention, or up to three words of a noun phrase */
    int v = obj_end, mi = x->minside[obj_end];
    if (mi >= 0) {
        v = x->in->mentions[mi].t0 - 1;
        while (v >= s0 && S_is(x, v, W_DETS)) v--;   /* "called on the African Union to" */
    } else
        while (v >= s0 && v > obj_end - 3 && (S_flags(x, v) & TOK_WORD) && !S_is_verb_form(x, v)) v--;
    if (v >= s0 && (S_id(x, v) == VW_ON)) v--; /* "called on X to" */
    /* "Ukraine was asked by the US to stop": the agent of a passive
     * control verb; the one asked is its subject */
    if (v > s0 && (S_id(x, v) == VW_BY) && (x->lx[v - 1]->bits & LX_CONTROL)) {
        *nsrc = 0;
        return 1;
    }
    if (v < s0 || !(S_flags(x, v) & TOK_WORD)) return 0;
    if (!(x->lx[v]->bits & LX_CONTROL)) return 0;
    *nsrc = 0;
    if (mi >= 0) srcs[(*nsrc)++] = mi;
    return 1;
}

/* The owner of a noun of intent before an infinitive, who acts in it:
 * "Tehran's decision to supply drones", "Moscow's plan to annex".  (The
 * one asked acts in "Kyiv's call to allies to send", so only nouns whose
 * owner is the infinitive's subject.)  A mention index or -1. */
static int S_noun_owner_to(const S_ctx *x, int s0, int trig)
{
    int k = trig - 1;
    if (k >= s0 && (S_id(x, k) == VW_NOT)) k--;
    if (k - 1 < s0 || (S_id(x, k) != VW_TO)) return -1;
    int noun = k - 1;
    if (x->minside[noun] >= 0 || !S_in_list(x, noun, L_INTENT)) return -1;
    for (int j = noun - 1; j >= s0 && j >= noun - 2 && (S_flags(x, j) & TOK_WORD); j--) {
        if (x->minside[j] < 0) {
            if (S_is_verb_form(x, j)) return -1;
            continue;
        }
        return S_possessive(x, &x->in->mentions[x->minside[j]]) ? x->minside[j] : -1;
    }
    return -1;
}

/* First actor after position t in the clause (object without a pattern slot). */
static int S_object_after(const S_ctx *x, int t, int s1, int not_before)
{
    for (int k = t; k < s1; k++) {
        int wid = S_id(x, k);
        if ((k > not_before && S_is(x, k, W_BOUNDS)) || (wid == VW_P_COMMA) || (wid == VW_P_PERIOD) ||
            (wid == VW_P_SEMICOLON) || (wid == VW_P_COLON) || (wid == VW_NOT) ||
            ((wid == VW_TO) && k + 1 < s1 && x->mstart[k + 1] < 0 && S_is_verb_form(x, k + 1)) ||
            (k + 2 < s1 && S_gerund_at(x, k)))
            return -1; /* "warned Europe not to arm the rebels", "criticised the West for
                        * arming Taiwan": the object is the one before */
        if (x->mstart[k] >= 0) {
            int mi = x->mstart[k];
            /* "in Kyiv", "at the White House": where it happens, not whom
             * ("its ambassadors in the US" stay: whom they represent) */
            if (k > 0 && (S_is(x, k - 1, W_LOCPREP) || (k > 1 && S_is(x, k - 1, W_DETS) && (S_id(x, k - 2) == VW_AT)))) {
                k = x->in->mentions[mi].t1 - 1;
                continue;
            }
            /* "on the sidelines of the SCO summit": the occasion, not whom */
            int b = k - 1;
            if (b > 0 && S_is(x, b, W_DETS)) b--;
            if (b > 0 && (S_id(x, b) == VW_OF) && S_id(x, b - 1) == VW_SIDELINES) {
                k = x->in->mentions[mi].t1 - 1;
                continue;
            }
            return mi;
        }
    }
    return -1;
}

/* Modality cues to the left of the trigger, within its clause. */
typedef struct {
    int neg, refuse, hyp, cond, fear, plan, report, would;
    int notyet;                /* the negation is "yet to": not done so far */
    buf why;
} S_cues;

static int S_cue_at(const S_ctx *x, int t, int s0, int *len)
{
    int qi;
    const char *w = S_norm(x, t);
    int wid = S_id(x, t);
    size_t wl = strlen(w);
    /* "May 16", "Will Smith": capitalised inside a sentence these are a
     * month or a name, not a cue (other cues keep their capital: "Warn
     * Moscow If it invades") */
    if ((S_flags(x, t) & TOK_CAP) && !(S_flags(x, t) & TOK_SENTSTART) &&
        ((wid == VW_MAY) || (wid == VW_WILL) || (wid == VW_MARCH) || (wid == VW_SHOULD)))
        return 0;
    /* contractions stay inside their word: "didn't", "won't", "he'll" */
    if (wl > 3 && w[wl - 3] == 'n' && w[wl - 2] == '\'' && w[wl - 1] == 't') { *len = 1; return C_NEG; }
    if (wl > 3 && w[wl - 3] == '\'' && w[wl - 2] == 'l' && w[wl - 1] == 'l') { *len = 1; return C_PLAN; }
    if (wid <= 0 || wid >= x->c->ncue_last) return 0;   /* unknown words end no cue */
    /* "to" ends dozens of cues, all longer than it: unless a one-word cue ends
     * with the word or the word before it is one of theirs, none is here */
    if (!S_cue_pair(x->c, wid, -1) && (t - 1 < s0 || !S_cue_pair(x->c, wid, S_id(x, t - 1)))) return 0;
    for (qi = x->c->cue_last[wid]; qi >= 0; qi = CUE(x->c, qi)->next) {
        const S_cue *q = CUE(x->c, qi);
        int ok = 1;
        for (int k = 1; k < q->n && ok; k++) {
            int tt = t - k;
            if (tt < s0 || S_id(x, tt) != q->ids[q->n - 1 - k]) ok = 0;
        }
        if (ok) {
            *len = q->n;
            return q->cls;
        }
    }
    return 0;
}

static void S_note(S_cues *q, int cls, const char *w)
{
    switch (cls) {
    case C_NEG: q->neg = 1; break;
    case C_NOTYET: q->neg = q->notyet = 1; break;
    case C_REFUSE: q->refuse = 1; break;
    case C_HYP: q->hyp = 1; break;
    case C_COND: q->cond = 1; break;
    case C_FEAR: q->fear = 1; break;
    case C_PLAN: q->plan = 1; break;
    default: return;
    }
    buf_printf(&q->why, "%s'%s'", q->why.len ? ", " : "", w);
}

/* Cues inside the trigger's own words ("pledged to support"), and for a
 * noun trigger the modal it is the subject of ("an attack ... would
 * trigger", "the meeting will be"). */
static void S_scan_right(const S_ctx *x, int trig, int lit_last, int end, int s1, int noun, int threat,
                         int support, S_cues *q)
{
    /* a threat is asserted; "threatened to" makes only its infinitive hypothetical */
    for (int t = trig; !threat && t <= lit_last && t < s1; t++) {
        int len = 1;
        int cls = S_cue_at(x, t, trig, &len);
        /* readiness written into the pattern ("stand ready to defend") is
         * the act itself; plans and pledges ("pledged to support") stay */
        /* ... and a refusal that heads the pattern is the act ("denied
         * entry to", "refused visas to") */
        if (cls == C_REFUSE && t == trig) continue;
        /* ... and so is support pledged as a noun ("pledged support for
         * Ukraine's sovereignty", "promised solidarity"): the pledge is the
         * support (gold README: commitments are SUPPORT); "pledged to
         * support" stays planned */
        if (cls == C_PLAN && t == trig && support && !(t + 1 < s1 && (S_id(x, t + 1) == VW_TO))) continue;
        if (cls && cls != C_REPORT && cls != C_NEG && cls != C_NOTYET && cls != C_HYP) S_note(q, cls, S_norm(x, t));
    }
    if (!noun) return;
    for (int t = end; t < s1 && t < end + 6; t++) {
        const char *w = S_norm(x, t);
        int wid = S_id(x, t);
        if (S_flags(x, t) & TOK_PUNCT) break;
        if ((wid == VW_WILL) || (wid == VW_APOS_LL)) { S_note(q, C_PLAN, w); break; }
        if ((wid == VW_WOULD) || (wid == VW_COULD) || (wid == VW_MIGHT) || (wid == VW_MAY)) {
            S_note(q, C_HYP, w);
            break;
        }
        /* "the meeting is expected to take place", "the talks are due to
         * resume" (a cue of two words after the verb) */
        int len = 1;
        if (S_is(x, t, W_BE) && t + 2 < s1 && S_cue_at(x, t + 2, t + 1, &len) == C_PLAN) {
            S_note(q, C_PLAN, S_norm(x, t + 1));
            break;
        }
        /* "the talks are scheduled for next week", "the summit is set for
         * Tuesday", "a meeting slated for November" */
        int v = S_is(x, t, W_BE) ? t + 1 : t == end ? t : -1;
        if (v >= 0 && v + 1 < s1 &&
            S_in_list(x, v, L_SCHEDULED) &&
            S_in_list(x, v + 1, L_SCHEDULED_PREP)) {
            S_note(q, C_PLAN, S_norm(x, v));
            break;
        }
        if (S_is(x, t, W_BE) || S_is_verb_form(x, t)) break;
    }
}

/* 1 when the preposition at t follows a verb of answering ("ready to
 * answer firmly any Iranian strike", "vowed to hit back at any
 * incursion"): the attack answered shares the clause's modality. */
static int S_answers(const S_ctx *x, int s0, int t)
{
    for (int k = t - 1; k >= s0 && k >= t - 2; k--) {
        if (x->lx[k]->bits & LX_ANSWER) return 1;
        if (!S_is_adverb(x, k)) break;
    }
    return 0;
}

static int S_noun_owner_to(const S_ctx *x, int s0, int trig);

/* The warning verb of "warned (X) of <trig>", within a few words of
 * the trigger: its token, or -1. */
static int S_warned_of(const S_ctx *x, int s0, int trig)
{
    int k = trig - 1;
    while (k > s0 && k >= trig - 4 && (S_flags(x, k) & TOK_WORD) && (S_id(x, k) != VW_OF) && x->minside[k] < 0) k--;
    if (k <= s0 || (S_id(x, k) != VW_OF)) return -1;
    int v = k - 1;
    if (x->minside[v] >= 0) v = x->in->mentions[x->minside[v]].t0 - 1;
    return v >= s0 && !strncmp(S_norm(x, v), "warn", 4) ? v : -1;
}

/* The verb that asks for the noun at trig ("called for new sanctions",
 * "demanded the release of", "sought a UN resolution"): what is asked for
 * is not done.  Its token, or -1. */
static int S_asked_for(const S_ctx *x, int s0, int trig)
{
    int k = trig - 1;
    /* back over the noun's own words: articles, adjectives, an owner */
    while (k > s0 && k >= trig - 4 && (S_flags(x, k) & TOK_WORD) && !S_is(x, k, W_PREPS | W_TIMEPP) &&
           !S_is_verb_form(x, k))
        k--;
    if (k <= s0) return -1;
    if ((S_id(x, k) == VW_FOR) && k - 1 >= s0) {
        const char *v = S_norm(x, k - 1);
        static const char *const askfor[] = {"call", "push", "press", "appeal", "ask", "lobby", "plead", NULL};
        for (int i = 0; askfor[i]; i++)
            if (!strncmp(v, askfor[i], strlen(askfor[i])) && S_is_verb_form(x, k - 1)) return k - 1;
        return -1;
    }
    return S_in_list(x, k, L_ASK) ? k : -1;
}

static void S_scan_cues(const S_ctx *x, int s0, int s1, int trig, int noun, S_cues *q)
{
    int clause_done = 0, crossed_that = 0, that_at = -1, hard = 0;
    /* "would downgrade ties over Tehran's decision to supply drones": the
     * decision's infinitive takes no cue from beyond its owner */
    int owner = S_noun_owner_to(x, s0, trig);
    if (owner >= 0) s0 = x->in->mentions[owner].t0;
    /* what one warns of is a threat's content, not done: "warned Serbia
     * of sanctions if it attacked Kosovo" (gold conventions: the
     * consequence of a conditional warning is hypothetical) */
    int warn = S_warned_of(x, s0, trig);
    if (warn >= 0) {
        q->hyp = 1;
        buf_printf(&q->why, "%s'%s ... of'", q->why.len ? ", " : "", S_norm(x, warn));
    }

    for (int t = trig - 1; t >= s0; t--) {
        const char *w = S_norm(x, t);
        int wid = S_id(x, t);
        int is_bound = (wid == VW_P_COMMA) || (wid == VW_P_SEMICOLON) || (wid == VW_P_COLON) ||
                       (S_is(x, t, W_BOUNDS) && (wid != VW_IF) && (wid != VW_UNLESS) && (wid != VW_THAT));
        int len = 1;
        int cls = S_cue_at(x, t, s0, &len);
        /* "agreed to a ceasefire": "to" before an article is no infinitive */
        if (cls && len > 1 && (wid == VW_TO) && t + 1 < s1 && S_is(x, t + 1, W_DETS)) cls = 0, len = 1;
        if (!clause_done) {
            /* a bare "fears"/"concerns" in the same clause is a noun, not a cue */
            if (!(cls == C_FEAR && len == 1 && w[strlen(w) - 1] == 's')) S_note(q, cls, w);
            if ((wid == VW_WOULD)) q->would = 1;
        } else if (cls == C_FEAR && crossed_that && t >= trig - 12) {
            q->fear = 1;
            buf_printf(&q->why, "%s'%s'", q->why.len ? ", " : "", w);
        } else if (cls == C_REFUSE && crossed_that && that_at > t && that_at - t <= 3 && !strncmp(w, "den", 3)) {
            /* a denial governs what it denies: "Russia denies (charges)
             * that it has sent troops" (the accused act, negated) */
            q->refuse = 1;
            buf_printf(&q->why, "%s'%s'", q->why.len ? ", " : "", w);
        } else if (cls == C_HYP && crossed_that && (t >= trig - 12 || that_at - t <= 2) &&
                   ((wid == VW_POSSIBLE) || (wid == VW_POSSIBILITY) || (wid == VW_LIKELY) ||
                    (wid == VW_UNLIKELY) || (wid == VW_PROBABLE))) {
            /* "it is possible that Russia will attack", however long the
             * clause after "that" */
            q->hyp = 1;
            buf_printf(&q->why, "%s'%s'", q->why.len ? ", " : "", w);
        }
        if (cls == C_REPORT) q->report = 1;
        if ((wid == VW_THAT) && !clause_done) {
            /* a complement clause: FEAR words may still govern it */
            clause_done = 1;
            crossed_that = 1;
        }
        /* the first "that" with no comma or semicolon before the trigger:
         * "possible that ..." governs its clause however long */
        if ((wid == VW_THAT) && that_at < 0 && !hard) {
            that_at = t;
            crossed_that = 1;
        }
        if ((wid == VW_P_COMMA) || (wid == VW_P_SEMICOLON) || (wid == VW_P_COLON)) hard = 1;
        if (is_bound) clause_done = 1;
        /* "pledged to help after officials appealed for help": a past act
         * in a time clause takes no cue from the clause it is set in */
        if (!noun && S_is(x, t, W_TIMEWORD) && t + 1 < trig && S_is_past(x, trig)) clause_done = 1;
        /* "in response to the invasion": a noun inside a prepositional
         * phrase takes no modality from the clause around it */
        if (noun && S_is(x, t, W_PREPS) && !cls && !S_answers(x, s0, t)) clause_done = 1;
        t -= len - 1;
    }
    /* negation right after an auxiliary on the trigger's right: "met not" is rare;
     * a question makes everything hypothetical */
    if (s1 > s0 && (S_id(x, s1 - 1) == VW_P_QUESTION)) q->hyp = 1;
}

/* Does the sentence hold a conditional clause that does not contain t? */
static int S_conditional_elsewhere(const S_ctx *x, int s0, int s1, int t)
{
    for (int k = s0; k < s1; k++) {
        int wid = S_id(x, k);
        /* "Should Russia invade, ...", "Were Moscow to attack, ...": an inverted condition */
        int inverted = k == s0 && ((wid == VW_SHOULD) || (wid == VW_WERE) || (wid == VW_HAD)) &&
                       k + 1 < s1 && x->mstart[k + 1] >= 0;
        if ((wid != VW_IF) && (wid != VW_UNLESS) && !inverted) continue;
        /* the if-clause runs to the next comma or the end */
        int e = k + 1;
        while (e < s1 && (S_id(x, e) != VW_P_COMMA) && (S_id(x, e) != VW_P_SEMICOLON)) e++;
        if (t < k || t > e) return 1;
    }
    return 0;
}

static int S_is_report_word(const S_ctx *x, int t)
{
    if (x->report_cache[t] < 0) {
        int len, wid = S_id(x, t);
        /* no cue ends with the word: S_cue_at finds none, or only one of
         * its contractions, never a report */
        if (wid <= 0 || wid >= x->c->ncue_last || x->c->cue_last[wid] < 0) return x->report_cache[t] = 0;
        x->report_cache[t] = (signed char)(S_cue_at(x, t, 0, &len) == C_REPORT);
    }
    return x->report_cache[t];
}

/* Is the trigger's verb in the past: a past form itself, or after
 * has/had/did ("has assembled", "did not meet")? */
static int S_past_clause(const S_ctx *x, int s0, int trig, int noun)
{
    if (S_is_past(x, trig)) return 1;
    /* an event noun as the subject of a past verb: "talks between them
     * ended on Monday" */
    for (int k = trig + 1; noun && k < x->in->seg->ntoks && k <= trig + 10; k++) {
        if ((S_id(x, k) == VW_P_COMMA) && k + 1 < x->in->seg->ntoks && x->minside[k + 1] >= 0) continue;
        if (S_flags(x, k) & TOK_PUNCT) break;
        if (x->minside[k] < 0 && S_is_verb_form(x, k)) {
            if (S_is_past(x, k)) return 1;
            break;
        }
    }
    for (int k = trig - 1; k >= s0 && k >= trig - (noun ? 8 : 4); k--) {
        int wid = S_id(x, k);
        /* an event noun after a past verb: "held four days of talks",
         * "travelled to Helsinki for a meeting" */
        if (noun && k < trig - 1 && S_is_past(x, k)) return 1;
        /* ... right after its subject ("India and Japan announced
         * agreements"; "Russia's proposed truce" is an adjective) */
        if (noun && k == trig - 1 && k > s0 && x->minside[k - 1] >= 0 && S_is_past(x, k) &&
            !S_possessive(x, &x->in->mentions[x->minside[k - 1]]))
            return 1;
        if (noun && k < trig - 4) {
            if (!(S_flags(x, k) & TOK_WORD) || S_is_report_word(x, k) || S_is_verb_form(x, k)) break;
            continue;
        }
        if (k == trig - 4 && !noun) break;
        /* the perfect tells of the past too ("have been fighting since") */
        if ((wid == VW_HAD) || (wid == VW_DID) || (wid == VW_WAS) || (wid == VW_WERE) ||
            (wid == VW_HAS) || (wid == VW_HAVE) || (wid == VW_BEEN))
            return 1;
        if (!(S_flags(x, k) & TOK_WORD)) break;
    }
    return 0;
}

/* Does the stretch [lo, hi) hold a clause boundary: a reporting verb, ';',
 * a clause word, or "and"/"but" before another verb ("... and has begun")? */
static int S_crosses_clause(const S_ctx *x, int lo, int hi)
{
    for (int k = lo; k < hi; k++) {
        int wid = S_id(x, k);
        /* an aside between dashes or brackets is no boundary: "security
         * forces -- some 9,500 of which are deployed -- used tear gas" */
        if (wid == VW_P_DASHES || wid == VW_P_HYPHEN || wid == VW_P_LPAREN) {
            int close = wid == VW_P_LPAREN ? VW_P_RPAREN : wid;
            int e = k + 1;
            while (e < hi && S_id(x, e) != close && e - k <= 15) e++;
            if (e < hi && S_id(x, e) == close) { k = e; continue; }
        }
        if (S_is_report_word(x, k) || (wid == VW_P_SEMICOLON)) return 1;
        if ((wid == VW_WHICH) || (wid == VW_THAT) || (wid == VW_BECAUSE) || (wid == VW_WHILE))
            return 1;
        /* a time clause with a finite verb of its own ("protests erupted on
         * Tuesday after Khan was arrested"), not a time phrase ("after
         * talks") */
        if ((wid == VW_AFTER) || (wid == VW_BEFORE) || (wid == VW_SINCE) || (wid == VW_WHEN))
            for (int j = k + 1; j < hi && j <= k + 8; j++) {
                int jid = S_id(x, j);
                if ((S_flags(x, j) & TOK_PUNCT) || x->pstart[j] >= 0) break;
                if ((jid == VW_WAS) || (jid == VW_WERE) || (jid == VW_IS) || (jid == VW_ARE) ||
                    (jid == VW_HAS) || (jid == VW_HAD) || (jid == VW_HAVE) || (jid == VW_WILL))
                    return 1;
            }
        if (((wid == VW_AND) || (wid == VW_BUT)) && k > lo && (S_id(x, k - 1) == VW_P_COMMA)) return 1;
        if (((wid == VW_AND) || (wid == VW_BUT)) && k + 1 < hi) {
            int nid = S_id(x, k + 1);
            /* (not a noun of a list that is also a verb: "its airspace and
             * land and sea borders") */
            int listed = k + 2 < hi && ((S_id(x, k + 2) == VW_AND) || (S_id(x, k + 2) == VW_P_COMMA));
            if ((nid == VW_HAS) || (nid == VW_HAVE) || (nid == VW_HAD) || (nid == VW_WILL) ||
                (nid == VW_IS) || (nid == VW_WAS) || (S_is_verb_form(x, k + 1) && !listed))
                return 1;
        }
    }
    return 0;
}

/* Is the noun at t the head of a prepositional phrase's object ("to the
 * Russian invasion")?  Looks back over its determiners and modifiers. */
static int S_noun_in_pp(const S_ctx *x, int s0, int t)
{
    for (int k = t - 1; k >= s0 && k >= t - 5; k--) {
        /* "a slew of agreements", "a new round of talks": a measure of
         * the noun, not a phrase attached to another */
        if ((S_id(x, k) == VW_OF) && k - 2 >= s0 &&
            ((S_id(x, k - 2) == VW_A) || (S_id(x, k - 2) == VW_AN) ||
             (k - 3 >= s0 && ((S_id(x, k - 3) == VW_A) || (S_id(x, k - 3) == VW_AN)))))
            return 0;
        if (S_is(x, k, W_PREPS)) return 1;
        if (!(S_flags(x, k) & TOK_WORD) || S_is_verb_form(x, k)) return 0;
    }
    return 0;
}

/* Is the noun at t the head of an "in a(n) ..." phrase ("took to the
 * streets on Sunday in a massive demonstration") or a "during ..." one
 * ("lifted the embargo on Monday during his first visit")?  Such a phrase
 * names the clause's own act or one that spans it, so the clause's time is
 * the noun's too. */
static int S_manner_pp(const S_ctx *x, int s0, int t)
{
    for (int k = t - 1; k >= s0 && k >= t - 4; k--) {
        if (!(S_flags(x, k) & TOK_WORD)) return 0;
        if ((S_id(x, k) == VW_DURING)) return 1;
        if (k > s0 && ((S_id(x, k) == VW_A) || (S_id(x, k) == VW_AN)) &&
            (S_id(x, k - 1) == VW_IN))
            return 1;
    }
    return 0;
}

/* The time of the attribution of a quotation that sentence `sent` lies
 * in, when the quotation opened in an earlier sentence of its paragraph (an
 * odd number of quotation marks before it) and the sentence it opened in
 * has a time next to a reporting word ("said on Sunday", "in a statement
 * on Sunday said"); NULL otherwise.  The sentence itself names no time. */
static const sr_timex *S_quote_time(const S_ctx *x, int sent)
{
    const sr_segmentation *seg = x->in->seg;
    const sr_sentence *se = &seg->sents[sent];
    for (int i = 0; i < x->in->ntimexes; i++)
        if (x->in->timexes[i].t0 >= se->tok0 && x->in->timexes[i].t1 <= se->tok0 + se->ntok) return NULL;
    int first = sent;
    while (first > 0 && seg->sents[first - 1].para == se->para) first--;
    int quotes = 0, open_sent = -1;
    for (int s = first; s < sent; s++)
        for (int k = seg->sents[s].tok0; k < seg->sents[s].tok0 + seg->sents[s].ntok; k++)
            if (seg->toks[k].flags & TOK_QUOTE) {
                if (!(quotes++ & 1)) open_sent = s;
            }
    if (!(quotes & 1) || open_sent < 0) return NULL;
    const sr_sentence *os = &seg->sents[open_sent];
    int o0 = os->tok0, o1 = os->tok0 + os->ntok;
    for (int i = 0; i < x->in->ntimexes; i++) {
        const sr_timex *tx = &x->in->timexes[i];
        if (tx->t0 < o0 || tx->t1 > o1 || tx->day < 0) continue;
        for (int k = tx->t0 - 1; k >= o0 && k >= tx->t0 - 5; k--)
            if (S_is_report_word(x, k)) return tx;
        if (tx->t1 < o1 && S_is_report_word(x, tx->t1)) return tx;
    }
    return NULL;
}

/* Picks the time expression for an event at trigger t. */
/* 1 when a reporting verb and a phrase of its manner or its audience stand
 * right before token t0 ("said in a statement on Saturday", "said at a
 * news conference on Friday", "told a news conference on Friday"): the
 * time is the report's.  trig is no reporting verb. */
static int S_report_pp_before(const S_ctx *x, int s0, int t0, int trig)
{
    for (int k = t0 - 2; k >= s0 && k >= t0 - 6; k--) {
        if (!(S_flags(x, k + 1) & TOK_WORD) || S_is(x, k + 1, W_BOUNDS)) return 0;
        /* "told a news conference on Monday": what follows "told" is
         * its audience */
        if (k != trig && S_is_report_word(x, k))
            return S_is(x, k + 1, W_PREPS) || S_in_list(x, k, L_TOLD);
    }
    return 0;
}

/* 1 when the day of a lies inside the period b names ("on Sunday night"
 * inside "over the weekend", "on 3 May" inside "in May"). */
static int S_time_inside(const sr_timex *a, const sr_timex *b)
{
    if (a->day < 0 || b->day < 0 || a->prec == PREC_NONE || a->prec >= b->prec) return 0;
    if (a->day < b->day) return 0;
    if (b->prec == PREC_WEEK) return a->day <= b->day + 6;
    int ya, ma, da, yb, mb, db;
    sitrep_ymd_from_day(a->day, &ya, &ma, &da);
    sitrep_ymd_from_day(b->day, &yb, &mb, &db);
    return ya == yb && (b->prec == PREC_YEAR || ma == mb);
}

/* 1 when t1 stands in a relative clause on the phrase of t ("the strike
 * over the weekend that killed him on Sunday"): one "that" or "which", no
 * comma and no other boundary between. */
static int S_relative_after(const S_ctx *x, int t, int t1)
{
    int rel = -1;
    for (int k = t + 1; k < t1; k++) {
        int wid = S_id(x, k);
        if (wid == VW_P_COMMA) return 0;
        if ((wid == VW_THAT) || (wid == VW_WHICH)) {
            if (rel >= 0) return 0;
            rel = k;
        }
    }
    return rel >= 0 && !S_crosses_clause(x, t + 1, rel) && !S_crosses_clause(x, rel + 1, t1);
}

static const sr_timex *S_pick_time(const S_ctx *x, int s0, int s1, int t, sr_modality mod, int *is_report)
{
    const sr_timex *best = NULL, *report = NULL;
    const sr_timex *fine[8];
    int nfine = 0;
    int bestd = 1 << 30;
    *is_report = 0;
    for (int i = 0; i < x->in->ntimexes; i++) {
        const sr_timex *tx = &x->in->timexes[i];
        if (tx->t0 < s0 || tx->t1 > s1) continue;
        /* "a curfew until Thursday morning", "closed till Monday": the end
         * of a span, not the day of the act */
        if (S_in_list(x, tx->t0, L_SPAN_END) ||
            (tx->t0 > s0 && S_in_list(x, tx->t0 - 1, L_UNTIL)))
            continue;
        /* attached to a reporting verb ("said on Tuesday", "on Tuesday said")? */
        int rep = (tx->t0 > s0 && S_is_report_word(x, tx->t0 - 1)) ||
                  (tx->t0 > s0 + 1 && S_is_report_word(x, tx->t0 - 2) && tx->t0 - 2 != t) ||
                  (tx->t1 < s1 && S_is_report_word(x, tx->t1)) || S_report_pp_before(x, s0, tx->t0, t);
        if (rep) {
            if (!report) report = tx;
            continue;
        }
        /* not across a reporting verb or into another clause; across a
         * reporting verb it is the report's date ("On Tuesday, the
         * spokesman said that Moscow was withdrawing") */
        int lo = tx->t1 <= t ? tx->t1 : t + 1, hi = tx->t1 <= t ? t : tx->t0;
        if (S_crosses_clause(x, lo, hi)) {
            if (nfine < 8 && tx->t0 > t && S_relative_after(x, t, tx->t0)) fine[nfine++] = tx;
            int via_report = 0;
            for (int k = lo; k < hi; k++)
                if (S_is_report_word(x, k)) via_report = 1;
            if (via_report && tx->t1 <= t && !report) report = tx;
            continue;
        }
        /* "agreed on Friday to exchange prisoners": a time before the "to"
         * of an infinitive is the governing verb's */
        if (tx->t1 == t - 1 && (S_id(x, t - 1) == VW_TO) && tx->t0 > s0 &&
            (S_is_verb_form(x, tx->t0 - 1) || S_is_past(x, tx->t0 - 1)))
            continue;
        /* "accused Russia on Friday of shelling Kyiv": a time before the
         * "of"/"for" of a gerund is the governing verb's */
        if (tx->t1 <= t && t - 1 > s0 && ((S_id(x, t - 1) == VW_OF) || (S_id(x, t - 1) == VW_FOR))) {
            const char *w = S_norm(x, t);
            size_t l = strlen(w);
            if (l > 4 && !strcmp(w + l - 3, "ing")) continue;
        }
        /* nearest wins; a time after the verb is its adjunct more often
         * than one before it, and a comma between weakens the link */
        int d = tx->t1 <= t ? 2 * (t - tx->t1) + 1 : 2 * (tx->t0 - t);
        int comma = 0;
        for (int k = lo; k < hi; k++)
            if ((S_id(x, k) == VW_P_COMMA)) d += 4, comma = 1;
        if (!comma && nfine < 8) fine[nfine++] = tx;
        if (d < bestd) { bestd = d; best = tx; }
    }
    /* "the strike over the weekend that killed him on Sunday night": a
     * finer time of the same clause, or of a relative clause on the act,
     * with no comma between, inside the nearest one says which day */
    for (int i = 0; best && i < nfine; i++)
        if (S_time_inside(fine[i], best)) best = fine[i];
    if (!best && report && mod == MOD_ASSERTED) {
        *is_report = 1;
        return report;
    }
    return best;
}

/* 1 when trig sits in a time clause ("when", "once", "after", "before",
 * "until") whose main clause is planned: "Zelensky will ask for aid when
 * he addresses Congress", "When Blinken visits Kyiv, he will meet ...". */
static int S_future_when(const S_ctx *x, int s0, int s1, int trig)
{
    /* a finite past verb is no future act ("pledged to help after officials
     * appealed for it"; "once it is signed" stays) */
    if (S_is_past(x, trig) && trig > s0 && !S_is(x, trig - 1, W_BE) && (S_id(x, trig - 1) != VW_HAS) &&
        (S_id(x, trig - 1) != VW_HAVE) && (S_id(x, trig - 1) != VW_HAD))
        return 0;
    int k = trig - 1;
    for (; k >= s0; k--) {
        int wid = S_id(x, k);
        if (S_is(x, k, W_TIMEWORD)) break;
        if ((wid == VW_P_COMMA) || (wid == VW_P_SEMICOLON) || (wid == VW_P_COLON) || (S_flags(x, k) & TOK_PUNCT)) return 0;
    }
    if (k < s0) return 0;
    /* the main clause: before the time word, or after the comma that
     * closes a fronted time clause */
    int lo = s0, hi = k;
    if (k == s0 || (k == s0 + 1 && !(S_flags(x, s0) & TOK_WORD))) {
        int c = trig + 1;
        while (c < s1 && (S_id(x, c) != VW_P_COMMA)) c++;
        lo = c, hi = s1;
    }
    for (int t = lo; t < hi; t++) {
        int len = 1;
        if (S_cue_at(x, t, s0, &len) == C_PLAN) return 1;
    }
    return 0;
}

static const char *S_span_text(const S_ctx *x, int t0, int t1)
{
    const sr_token *a = &x->in->seg->toks[t0], *b = &x->in->seg->toks[t1 - 1];
    return arena_strndup(x->a, x->in->text + a->start, (size_t)(b->end - a->start));
}

/* "Ukraine's", "Kenya's", "Philippines'" */
static int S_token_possessive(const char *w)
{
    size_t n = strlen(w);
    return (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') || (n > 1 && w[n - 1] == '\'');
}

/* 1 when the place named at t0 stands in a place phrase: "in Kyiv", "at
 * the border", "across the capital Port-au-Prince", "outside Tbilisi", "in
 * the city of Rzeszow", "through the streets of Minsk", "on the outskirts
 * of Khartoum", "took to the streets of Belgrade", "in Kenya's capital
 * Nairobi", "a visit to Bangkok", "off the coast of Yemen". */

static int S_place_phrase(const S_ctx *x, int s0, int t0)
{
    int pre = t0 - 1, streets = 0;
    if (pre > s0 && S_in_list(x, pre, L_COMPASS)) pre--;   /* "in southern Lebanon" */
    /* "the streets of", "the city of" */
    if (pre - 1 >= s0 && (S_id(x, pre) == VW_OF) && S_is(x, pre - 1, W_FRAME)) {
        streets = (S_id(x, pre - 1) == VW_STREETS);
        pre -= 2;
    } else if (pre >= s0 && S_is(x, pre, W_SETTLEMENT)) {
        /* "the capital Port-au-Prince", "the port city, Aden" */
        while (pre >= s0 && (S_is(x, pre, W_SETTLEMENT) || (S_id(x, pre) == VW_P_COMMA))) pre--;
    }
    /* a country's possessive before the frame: "Ukraine's city of Kharkiv" */
    if (pre < t0 - 1 && pre >= s0 && S_token_possessive(S_norm(x, pre))) {
        pre--;
        while (pre >= s0 && (S_flags(x, pre) & TOK_CAP) && !S_is(x, pre, W_PREPS)) pre--;
    } else if (pre >= s0 && (S_id(x, pre) == VW_THE)) {
        pre--;   /* "in the Gaza Strip" */
    }
    if (pre < s0) return 0;
    if (S_is(x, pre, W_PLACEPREP)) return 1;
    /* "residents of Yerevan took to the streets": where its people act */
    if ((S_id(x, pre) == VW_OF) && pre > s0 &&
        S_in_list(x, pre - 1, L_RESIDENTS))
        return 1;
    /* "to": the streets, or where travel goes */
    if ((S_id(x, pre) == VW_TO) && (streets || (pre > s0 && S_is(x, pre - 1, W_TRAVEL)))) return 1;
    /* ... or where a guest is welcomed or invited ("welcomed Scholz to
     * Paris") */
    if ((S_id(x, pre) == VW_TO) && pre > s0 && x->minside[pre - 1] >= 0) {
        int m0 = x->in->mentions[x->minside[pre - 1]].t0;
        return m0 > s0 && S_in_list(x, m0 - 1, L_WELCOME);
    }
    return 0;
}

/* A country's place narrowed to the place it introduces: "Kenya's capital
 * Nairobi", "Ukraine's city of Kharkiv", "Georgia's capital, Tbilisi".
 * Returns the place index to use (pi itself when nothing follows). */
static int S_narrow_place(const S_ctx *x, int pi, int s1)
{
    const sr_place_ref *pr = &x->in->places[pi];
    if (pr->place->kind != 'C' || !S_token_possessive(S_norm(x, pr->t1 - 1))) return pi;
    /* a place of the country right after it ("Gambia's Banjul airport") */
    if (pr->t1 < s1 && x->pstart[pr->t1] >= 0) {
        const sr_place *in = x->in->places[x->pstart[pr->t1]].place;
        if (in->kind != 'C' && !strcmp(in->country, pr->place->country)) return x->pstart[pr->t1];
    }
    /* up to two modifiers before the frame word ("eastern", "rebel-held") */
    int t = pr->t1, frame = 0, mods = 0;
    while (t < s1) {
        if (S_is(x, t, W_SETTLEMENT)) frame = 1;
        else if (frame && ((S_id(x, t) == VW_OF) || (S_id(x, t) == VW_P_COMMA))) {
        } else if (!frame && mods < 2 && (S_flags(x, t) & (TOK_WORD | TOK_CAP)) == TOK_WORD) mods++;
        else break;
        t++;
    }
    if (!frame || t >= s1 || x->pstart[t] < 0) return pi;
    const sr_place *in = x->in->places[x->pstart[t]].place;
    return in->kind != 'C' && !strcmp(in->country, pr->place->country) ? x->pstart[t] : pi;
}

/* "southern Lebanon", "eastern Ukraine": a part of a country or region
 * named by a compass word before it is the event's place as the text
 * names it (the gold conventions write "southern Lebanon"), with the
 * whole's country, kind and coordinates: its precision is the whole's
 * (the exports' geographic type says so).  The place ref pi's place, or
 * that part (arena); *text gets the words. */
static const sr_place *S_compass_place(S_ctx *x, int pi, const char **text)
{
    const sr_place_ref *pr = &x->in->places[pi];
    const sr_place *pl = pr->place;
    int t = pr->t0 - 1;
    if (t < 0 || (pl->kind != 'C' && pl->kind != 'A') || !S_in_list(x, t, L_COMPASS)) return pl;
    sr_place *part = arena_alloc(x->a, sizeof *part);
    const char *name = part ? arena_printf(x->a, "%s %s", S_norm(x, t), pl->name) : NULL;
    const char *words = name ? S_span_text(x, t, pr->t1) : NULL;
    if (!words) return pl;   /* out of memory: the whole */
    *part = *pl;
    part->name = name;
    *text = words;
    return part;
}

/* The target of an act aimed at an act told before: who did it.  "condemned
 * the attack" is aimed at the attacker of the document's last attack by
 * another; "condemned the decision" at the last other actor to act; "expand
 * existing sanctions" at the target of the source's last sanctions.  NULL
 * when the object is not such a phrase or nothing fits. */
static const sr_mention *S_anaphoric_target(const S_ctx *x, const S_pat *p, int trig, const S_match *m,
                                            const sr_mention *src, int s1)
{
    int sanction = p->tix == T_SANCTION;
    int blame = p->tix == T_ACCUSE || p->tix == T_REJECT;
    if (!sanction && !blame && p->tix != T_THREATEN && p->tix != T_REQUEST) return NULL;
    /* the object: a determiner, up to two modifiers, then the event noun */
    int end = m->end > trig ? m->end : trig + 1, kind = 0;
    for (int k = end; k < s1 && k < end + 3 && !kind; k++) {
        if (!S_in_list(x, k, L_ANAPHOR_DET)) continue;
        for (int h = k + 1; h < s1 && h <= k + 3; h++) {
            if (x->minside[h] >= 0 || !(S_flags(x, h) & TOK_WORD)) break;
            if (S_in_list(x, h, L_ANAPHOR_ATTACK)) { kind = 1; break; }
            if (blame && S_in_list(x, h, L_ANAPHOR_ACT)) { kind = 2; break; }
        }
    }
    if (sanction) {
        /* "expanding already existing sanctions": the trigger itself */
        int k = trig - 1;
        while (k >= 0 && k >= trig - 2 && !S_in_list(x, k, L_ANAPHOR_DET)) k--;
        if (k < 0 || k < trig - 2) return NULL;
        kind = 3;
    }
    if (!kind) return NULL;
    for (size_t i = x->events.len; i-- > 0;) {
        const sr_event *o = &VEC_AT(&x->events, sr_event, i);
        if (!o->source || o->modality != MOD_ASSERTED) continue;
        if (kind == 1 && S_tix(o->type) == T_ASSAULT && strcmp(o->source->key, src->key)) return o->source;
        if (kind == 2 && strcmp(o->source->key, src->key)) return o->source;
        if (kind == 3 && S_tix(o->type) == T_SANCTION && !strcmp(o->source->key, src->key) && o->target &&
            strcmp(o->target->key, src->key))
            return o->target;
    }
    return NULL;
}

static const sr_mention *S_place_actor(S_ctx *x, const sr_place_ref *pr, int sent);
static const sr_mention *S_place_subject(S_ctx *x, int s0, int t, int sent);

/* "condemned the airstrike on a market in Sagaing", "denounced the
 * killings in Darfur", with no attacker coded before: the
 * condemnation is aimed at the country the act happened in (a place of
 * the object, within its clause), when that is not the condemner's own.
 * Returns a place actor, or NULL. */
static const sr_mention *S_condemned_place(S_ctx *x, int trig, const S_match *m, const sr_mention *src, int sent,
                                           int s1)
{
    int end = m->end > trig ? m->end : trig + 1, act = -1;
    for (int k = end; k < s1 && k < end + 4 && act < 0; k++) {
        if (x->minside[k] >= 0 || (S_flags(x, k) & TOK_PUNCT)) break;
        if (S_in_list(x, k, L_CONDEMNED_ACT)) act = k;
    }
    if (act < 0) return NULL;
    for (int k = act + 1; k < s1 && k <= act + 12; k++) {
        if ((S_id(x, k) == VW_P_SEMICOLON) || S_is_report_word(x, k) || x->minside[k] >= 0) return NULL;
        int pi = x->pstart[k];
        if (pi < 0) continue;
        const sr_place_ref *pr = &x->in->places[pi];
        if (!strcmp(pr->place->country, src->key)) return NULL;
        return S_place_actor(x, pr, sent);
    }
    return NULL;
}

/* The side a warning is aimed at, when no pattern slot named it: the first
 * other actor its content names ("warned that Moscow would pay a heavy
 * price", "warned that further attacks on Saudi Arabia would follow"),
 * not an owner, a part or a place ("any expansion of NATO's
 * infrastructure in Ukraine"). */
static const sr_mention *S_warned_side(const S_ctx *x, int trig, const S_match *m, const sr_mention *src, int s1)
{
    int k0 = m->end > trig ? m->end : trig + 1;
    while (k0 < s1 && k0 <= trig + 6 && (S_id(x, k0) != VW_THAT) && !(S_flags(x, k0) & TOK_PUNCT) &&
           x->mstart[k0] < 0)
        k0++;   /* "warned on Friday in a speech that ..." */
    /* no "that" clause: the one warned is the object, and an object that
     * is no actor ("warned the West not to arm Ukraine") names none */
    if (k0 < s1 && (S_id(x, k0) == VW_THAT)) k0++;
    else if (m->end > trig + 1 && (S_id(x, m->end - 1) == VW_THAT)) k0 = m->end;   /* "warn that" */
    else return NULL;
    for (int k = k0; k < s1; k++) {
        if (S_id(x, k) == VW_P_SEMICOLON) break;
        int mi = x->mstart[k];
        if (mi < 0) continue;
        const sr_mention *mm = &x->in->mentions[mi];
        /* within the warning's own clause ("..., and the country has
         * warned the West not to arm Ukraine" is another) */
        if (S_crosses_clause(x, k0, mm->t0)) break;
        k = mm->t1 - 1;
        if (!mm->key[0] || !strcmp(mm->key, src->key) || (mm->how & AH_POSS) ||
            (mm->t0 > 0 && (S_id(x, mm->t0 - 1) == VW_OF || S_is(x, mm->t0 - 1, W_LOCPREP))))
            continue;
        return mm;
    }
    return NULL;
}

/* A country's army or police sent to its own streets: the gold
 * conventions key a domestic deployment to that country on both sides.
 * The sentence names no other country, and either a place of the source's
 * own country (a city, a region) or unrest ("to restore order", "amid the
 * protests").  Returns src, or NULL. */
static const sr_mention *S_home_deployment(const S_ctx *x, const sr_mention *src, int s0, int s1)
{
    size_t kl = strlen(src->key);
    if (src->kind == AK_ORG || kl != 3) return NULL;
    const char *role = src->code + kl;
    if (strncmp(src->code, src->key, kl) ||
        (*role && strcmp(role, "MIL") && strcmp(role, "COP") && strcmp(role, "GOV")))
        return NULL;   /* the state, its government, army or police */
    for (int mi = 0; mi < x->in->nmentions; mi++) {
        const sr_mention *o = &x->in->mentions[mi];
        if (o->t0 >= s0 && o->t1 <= s1 && o->key[0] && strcmp(o->key, src->key)) return NULL;
    }
    for (int pi = 0; pi < x->in->nplaces; pi++) {
        const sr_place_ref *r = &x->in->places[pi];
        if (r->t0 < s0 || r->t1 > s1 || !r->place) continue;
        if (strcmp(r->place->country, src->key)) return NULL;   /* sent abroad */
        if (r->place->kind != 'C') return src;
    }
    for (int k = s0; k < s1; k++)
        if (S_is(x, k, W_UNREST)) return src;
    return NULL;
}

/* What an event is: its PLOVER type, CAMEO code, mode, QuadClass and
 * Goldstein score. */
typedef struct {
    const char *type, *cameo, *mode;
    int tix;             /* type's index in S_types */
    int quad;
    double goldstein;
} S_kind;

/* A kind of aid: the word that names it (VW_*), its CAMEO code and mode. */
typedef struct {
    int id;
    const char *cameo, *mode;
} S_aid_kind;

/* Makes k the CAMEO code's (its quad and Goldstein score from
 * patterns/cameo.tsv), of type and mode.  0 when the code is unknown
 * (k unchanged). */
static int S_recode(const S_ctx *x, S_kind *k, int tix, const char *cameo, const char *mode)
{
    int ci;
    if (!dict_get(&x->c->cameo, cameo, strlen(cameo), &ci)) return 0;
    const S_cameo *cm = &VEC_AT(&x->c->cameos, S_cameo, ci);
    k->type = S_types[tix];
    k->tix = tix;
    k->cameo = cameo;
    k->mode = mode;
    k->quad = cm->quad;
    k->goldstein = cm->goldstein;
    return 1;
}

/* Easing political restrictions, a curfew, a state of emergency or
 * martial law (CAMEO 0811-0814, the mirror of the domestic 172x) is done
 * at home: with no one named, its target is its source's own country. */
static int S_home_easing(const S_pat *p)
{
    return p->tix == T_RETREAT && !strncmp(p->cameo, "081", 3) && p->cameo[3] >= '1' && p->cameo[3] <= '4';
}

/* What the actor src names when it only modifies a craft or a load: 1 a
 * ship ("a Chinese survey ship", "warships from Russia"), 2 a plane or a
 * truck, 3 relief or cargo ("Russian cargo planes", "shipments of aid from
 * Turkey", "aid convoys from Jordan"), 0 the actor itself. */
/* The craft or load a word names: 1 a ship, 3 relief or cargo, 2 a plane
 * or a truck, 0 none (S_craft_of). */
static int S_craft_word(const S_ctx *x, int t)
{
    return S_in_list(x, t, L_SHIP) ? 1 : S_in_list(x, t, L_RELIEF) ? 3 : S_in_list(x, t, L_CARRIER) ? 2 : 0;
}

static int S_craft_of(const S_ctx *x, const sr_mention *src, int s0, int s1)
{
    /* "two Iranian warships": the craft is the mention's own last word */
    if (src->t1 > src->t0) {
        int c = S_craft_word(x, src->t1 - 1);
        if (c) return c;
    }
    /* "a Chinese survey ship": the head after the actor */
    for (int k = src->t1; k < s1 && k < src->t1 + 3; k++) {
        if (!(S_flags(x, k) & TOK_WORD) || x->minside[k] >= 0 || S_is(x, k, W_BE)) break;
        int c = S_craft_word(x, k);
        if (c) return c;
    }
    /* "shipments of aid from Turkey", "warships from Russia"; also for a
     * later member of the list ("aid from Jordan, Turkey and the UAE") */
    int k = src->t0 - 1;
    while (k > s0 && k >= src->t0 - 16 &&
           (x->minside[k] >= 0 || (S_id(x, k) == VW_P_COMMA) || (S_id(x, k) == VW_AND) || S_is(x, k, W_DETS)))
        k--;
    if (k - 1 >= s0 && (S_id(x, k) == VW_FROM)) {
        int c = S_craft_word(x, k - 1);
        /* "shipments of aid from": the load before "of" */
        if (c != 1 && k - 3 >= s0 && (S_id(x, k - 2) == VW_OF) && S_craft_word(x, k - 3) == 3) return 3;
        return c;
    }
    return 0;
}

static int S_add_event(S_ctx *x, const S_pat *p, int sent, int trig, const S_match *m, const sr_mention *src,
                       const sr_mention *tgt, const sr_place *tplace, int s0, int s1)
{
    const code_input *in = x->in;
    /* protests and coercion with no one named on the other side are
     * domestic: a country's people against their state, a state against
     * its people (the gold conventions key both sides to the country);
     * a blockade, a deportation, aid withheld or a cyberattack is done
     * to another, who may be unnamed (so is a denied entry); a leader
     * who resigns gives in to their own country */
    static const char *const outward[] = {"deport", "withhold", "cyber", NULL};
    int out = p->mode && (S_in(p->mode, outward) ||
                          /* restrictions of freedoms (CAMEO 172x) are domestic */
                          (!strcmp(p->mode, "restrict") && strncmp(p->cameo, "172", 3)) ||
                          /* a ship or plane seized is most often another's,
                           * its flag or owner unnamed ("seized an oil tanker
                           * in the Gulf of Oman") */
                          (!strcmp(p->mode, "confiscate") && m->lit_last > trig &&
                           S_in_list(x, m->lit_last, L_SEIZED_CRAFT)));
    if (!tgt && src && !x->abroad && src->kind != AK_ORG && strlen(src->key) == 3 &&
        (p->tix == T_PROTEST || (p->tix == T_COERCE && !out) ||
         (p->tix == T_CONCEDE && p->mode && !strcmp(p->mode, "resign"))))
        tgt = src;
    /* a demand, charge, refusal, concession or warning aimed at the
     * country's own public life ("urged the protesters to go home",
     * "rejected the election results", "conceded defeat") is domestic too */
    unsigned home_types = TB(REQUEST) | TB(ACCUSE) | TB(REJECT) | TB(CONCEDE) | TB(THREATEN);
    if (!tgt && src && src->kind != AK_ORG && strlen(src->key) == 3 && S_type_in(p->tix, home_types)) {
        int end = m->end > trig ? m->end : trig + 1;
        for (int k = trig + 1; k < s1 && k < end + 6 && !tgt; k++) {
            if ((S_flags(x, k) & TOK_PUNCT) || S_is(x, k, W_BOUNDS) || x->minside[k] >= 0) break;
            if (S_is(x, k, W_HOME)) tgt = src;
        }
    }
    /* a country's own people refusing what they are told ("protesters
     * ignored the order", "defied the curfew"), or demanding or accusing
     * with no one named ("protesters demanded the resignation of the
     * government"), address their state */
    if (!tgt && src && (p->tix == T_REJECT || p->tix == T_REQUEST || p->tix == T_ACCUSE) &&
        strlen(src->key) == 3 && strlen(src->code) == 6 && !strcmp(src->code + 3, "CVL"))
        tgt = src;
    /* ... and so is its undoing (S_home_easing) */
    if (!tgt && src && !x->abroad && src->kind != AK_ORG && strlen(src->key) == 3 && S_home_easing(p)) tgt = src;
    /* (a weapon tested has no target, wherever it lands: the gold conventions) */
    if (!tgt && src && p->tix == T_MOBILIZE && !(p->mode && !strcmp(p->mode, "weapons") && !strcmp(p->cameo, "150")))
        tgt = S_home_deployment(x, src, s0, s1);
    /* a coup is done at home: the army of a state against its government
     * ("Niger's coup drew condemnation from France" is no act against
     * France) */
    if (src && p->tix == T_COERCE && src->kind != AK_ORG && strlen(src->key) == 3) {
        int end = m->end > trig ? m->end : trig + 1;
        for (int k = trig; k < end && k < s1; k++)
            if (S_in_list(x, k, L_COUP)) {
                tgt = src;
                /* ... of the country it happens in: "France condemned the
                 * coup in Niger" is Niger's */
                for (int j = end; j < s1 && j <= end + 2; j++)
                    if (x->pstart[j] >= 0 && S_is(x, j - 1, W_PLACEPREP)) {
                        const sr_place_ref *pr = &in->places[x->pstart[j]];
                        if (strcmp(pr->place->country, src->key) &&
                            !(src = tgt = S_place_actor(x, pr, sent)))
                            return SITREP_ENOMEM;
                        break;
                    }
                break;
            }
    }
    /* a resolution voted against or opposed, with no body named, is the
     * body's that the document names last before it ("voted against the
     * censuring resolution", the IAEA's; gold README: a veto is REJECT
     * toward the UN) */
    if (!tgt && src && (p->tix == T_REJECT || p->tix == T_SUPPORT)) {
        int end = m->end > trig ? m->end : trig + 1, res = 0;
        for (int k = trig; k < s1 && k <= end + 3 && !res; k++)
            if (S_in_list(x, k, L_RESOLUTION)) res = 1;
        for (int mi = in->nmentions - 1; res && mi >= 0; mi--) {
            const sr_mention *om = &in->mentions[mi];
            if (om->kind == AK_ORG && om->start < in->seg->toks[trig].start && strcmp(om->key, src->key)) {
                tgt = om;
                break;
            }
        }
    }
    if (!tgt && src) tgt = S_anaphoric_target(x, p, trig, m, src, s1);
    if (!tgt && src && p->tix == T_ACCUSE) tgt = S_condemned_place(x, trig, m, src, sent, s1);
    if (!tgt && src && p->tix == T_THREATEN) tgt = S_warned_side(x, trig, m, src, s1);
    /* modality */
    S_cues q;
    memset(&q, 0, sizeof q);
    buf_init(&q.why);
    /* a tensed passive ("A plan to send jets was deemed impossible"):
     * the cues of its subject phrase are not its own */
    int c0 = s0;
    if (!p->noun && x->passive)
        for (int k = trig - 1; k > s0 && k >= trig - 3; k--) {
            int wid = S_id(x, k);
            if ((wid == VW_WAS) || (wid == VW_WERE) || (wid == VW_IS) || (wid == VW_ARE)) {
                c0 = k;
                break;
            }
            if (!(S_flags(x, k) & TOK_WORD)) break;
        }
    S_scan_cues(x, c0, s1, trig, p->noun, &q);
    /* what one asks another to do is not done ("called for new sanctions on
     * Russia", "demanded the release of"); a call for a probe or a charge
     * is the accusation itself (the gold conventions), so speech acts and
     * support keep theirs */
    int ask = p->noun && !S_type_in(p->tix, S_SPEECH_ACTS) && p->tix != T_SUPPORT ? S_asked_for(x, s0, trig) : -1;
    if (ask >= 0) {
        q.hyp = 1;
        buf_printf(&q.why, "%sasked for: '%s'", q.why.len ? ", " : "", S_norm(x, ask));
    }
    S_scan_right(x, trig, m->lit_last, m->end > trig ? m->end : trig + 1, s1, p->noun,
                 p->tix == T_THREATEN, p->tix == T_SUPPORT, &q);
    sr_modality mod = MOD_ASSERTED;
    int threat = p->tix == T_THREATEN;
    /* a warning is a speech act: "ready to respond decisively" and "if
     * Russia invades, we will respond" are asserted threats (conditions and
     * possibility belong to their consequences) */
    if (threat) q.hyp = q.cond = q.fear = 0;
    /* ... and a price or consequences promised ("Israel will pay a heavy
     * price", S_find_sources) are threatened now */
    for (int h = 0; threat && h < x->lx[trig]->nhead[0]; h++) {
        int lid = HENT(x->c, x->lx[trig]->head[0] + h)->lid;
        if (lid >= 0 && (lid == x->c->lid_pay || lid == x->c->lid_face)) q.plan = q.would = 0;
    }
    if (q.cond) mod = MOD_HYPOTHETICAL;
    else if (q.refuse || q.neg) mod = MOD_NEGATED;
    else if (q.fear) mod = MOD_HYPOTHETICAL;
    else if (!threat && (q.plan || q.would || q.hyp) && S_conditional_elsewhere(x, s0, s1, trig)) {
        mod = MOD_HYPOTHETICAL;
        buf_printf(&q.why, "%sconsequence of a condition", q.why.len ? ", " : "");
    } else if (q.hyp) mod = MOD_HYPOTHETICAL;
    else if (q.would) mod = q.report ? MOD_PLANNED : MOD_HYPOTHETICAL;
    else if (q.plan) mod = MOD_PLANNED;
    else if (S_future_when(x, s0, s1, trig)) {
        mod = MOD_PLANNED;
        buf_printf(&q.why, "%sa time clause of a future act", q.why.len ? ", " : "");
    }
    /* headline grammar: "Brazil to send aid to Bolivia" is a future act */
    if (mod == MOD_ASSERTED && in->title && trig > s0 + 1 && (S_id(x, trig - 1) == VW_TO) &&
        x->minside[trig - 2] >= 0) {
        mod = MOD_PLANNED;
        buf_printf(&q.why, "%sheadline 'to' + verb", q.why.len ? ", " : "");
    }
    /* "Putin is due in Beijing": a visit due is planned */
    if (mod == MOD_ASSERTED && p->tix == T_CONSULT && S_id(x, trig) == VW_DUE) {
        mod = MOD_PLANNED;
        buf_printf(&q.why, "%sa visit due", q.why.len ? ", " : "");
    }
    /* an offer of aid is hypothetical aid (the gold conventions: "an offer
     * or 'ready to help' is hypothetical AID, a pledge planned") */
    if (mod == MOD_ASSERTED && p->tix == T_AID && !p->noun) {
        if (x->lx[trig]->bits & LX_OFFER) {
            mod = MOD_HYPOTHETICAL;
            buf_printf(&q.why, "%san offer of aid", q.why.len ? ", " : "");
        } else if (!strncmp(S_norm(x, trig), "announc", 7)) {
            /* ... and aid announced is pledged ("announced a new package
             * of military aid for Ukraine"): planned */
            mod = MOD_PLANNED;
            buf_printf(&q.why, "%said announced: a pledge", q.why.len ? ", " : "");
        }
    }
    /* a refusal pattern (REJECT) is itself the act: asserted; so is a
     * charge its target denies ("Kyiv denied Moscow's accusations"): the
     * denial answers the accusation, which was made */
    int owned_charge = 0;   /* "denied Moscow's accusations": the charge's owner is $S */
    for (int k = 0; k < p->nel; k++)
        if (p->el[k].t == E_SRC) owned_charge = 1;
    if (mod == MOD_NEGATED && q.refuse && !q.neg &&
        (p->tix == T_REJECT || (p->tix == T_ACCUSE && (p->noun || owned_charge))))
        mod = MOD_ASSERTED;
    /* a refused concession ("will not compromise", "will not accept their
     * red line") is an explicit rejection: asserted REJECT (CAMEO 120) */
    S_kind k = {p->type, p->cameo, p->mode, p->tix, p->quad, p->goldstein};
    /* a ship, a plane or a load of goods that visits, arrives or flies is
     * no meeting: a vessel's port call is a show of force (the gold
     * conventions code a survey ship's arrival MOBILIZE), goods and planes
     * arriving are none */
    if (k.tix == T_CONSULT && src) {
        int craft = S_craft_of(x, src, s0, s1);
        /* ... and relief or cargo that arrives is aid delivered ("cargo
         * planes from Turkey landed in Islamabad", "aid convoys from Jordan
         * arrived in Gaza") */
        if (craft == 2 || (craft == 1 && !S_recode(x, &k, T_MOBILIZE, "154", "weapons")) ||
            (craft == 3 && (!tgt || tgt->t0 < trig || !S_recode(x, &k, T_AID, "070", NULL)))) {
            buf_free(&q.why);
            return 0;
        }
        /* ... and troops or police who arrive abroad are deployed there
         * ("Kenyan police arrived in Haiti"; one officer, a person, visits) */
        size_t kl = strlen(src->key);
        if (!craft && p->mode && !strcmp(p->mode, "visit") && tgt && strcmp(tgt->key, src->key) && kl == 3 &&
            (!strcmp(src->code + kl, "MIL") || !strcmp(src->code + kl, "COP")) && src->t1 > src->t0 &&
            S_in_list(x, src->t1 - 1, L_FORCES) &&
            S_recode(x, &k, T_MOBILIZE, "154", "troops"))
            buf_printf(&q.why, "%sforces arriving abroad: a deployment", q.why.len ? ", " : "");
    }
    /* a state, its government, its diplomats or an organisation that
     * protests complains officially (CAMEO 114: "China protested the
     * visit", "India protested to Pakistan"): PLOVER's PROTEST is a
     * demonstration, done by a country's people */
    if (k.tix == T_PROTEST && !p->noun && src && src->t1 <= trig &&
        (S_id(x, trig) == VW_PROTESTED ||
         (src->t1 == trig && S_in_list(x, trig, L_PROTEST)))) {
        size_t kl = strlen(src->key);
        const char *role = !strncmp(src->code, src->key, kl) ? src->code + kl : "";
        int state = kl == 3 ? !*role || !strcmp(role, "GOV") || !strcmp(role, "DIP") : !strncmp(src->code, "IGO", 3);
        if (state && S_recode(x, &k, T_ACCUSE, "114", NULL))
            buf_printf(&q.why, "%sa state protests: an official complaint", q.why.len ? ", " : "");
    }
    /* forces that help or back another's forces fight beside them ("US
     * special forces were assisting Malian forces", "Russian warplanes
     * backed Syrian troops"): military cooperation (CAMEO 062), not aid */
    if ((p->tix == T_AID || p->tix == T_SUPPORT) && src && tgt && strcmp(src->key, tgt->key)) {
        size_t sl = strlen(src->key), tl = strlen(tgt->key);
        int smil = sl == 3 && !strncmp(src->code, src->key, sl) && !strcmp(src->code + sl, "MIL");
        int tmil = tl == 3 && !strncmp(tgt->code, tgt->key, tl) &&
                   (!strcmp(tgt->code + tl, "MIL") || !strcmp(tgt->code + tl, "COP"));
        if (smil && tmil && S_recode(x, &k, T_COOPERATE, "062", "military"))
            buf_printf(&q.why, "%sforces helping forces: military cooperation", q.why.len ? ", " : "");
    }
    /* support in money is aid ("offered financial support to", "will
     * support Ukraine militarily"): the word right before the support, or
     * an adverb of kind after the act's words ("military support" stays
     * SUPPORT: measured, the gold codes it so at least once) */
    if (p->tix == T_SUPPORT) {
        static const S_aid_kind before[] = {{VW_FINANCIAL, "071", "economic"}, {VW_ECONOMIC, "071", "economic"},
                                            {VW_BUDGET, "071", "economic"}, {VW_BUDGETARY, "071", "economic"}};
        static const S_aid_kind after[] = {{VW_MILITARILY, "072", "military"}, {VW_FINANCIALLY, "071", "economic"},
                                           {VW_ECONOMICALLY, "071", "economic"}};
        int end = m->end > trig ? m->end : trig + 1;
        for (int t = trig; t <= end && t < s1; t++) {
            if (!S_in_list(x, t, L_SUPPORT)) continue;
            for (size_t j = 0; t > s0 && j < sizeof before / sizeof before[0]; j++)
                if (S_id(x, t - 1) == before[j].id && S_recode(x, &k, T_AID, before[j].cameo, before[j].mode)) break;
            break;
        }
        for (size_t j = 0; k.tix == T_SUPPORT && end < s1 && j < sizeof after / sizeof after[0]; j++)
            if (S_id(x, end) == after[j].id && S_recode(x, &k, T_AID, after[j].cameo, after[j].mode)) break;
        if (k.tix == T_AID) {
            buf_printf(&q.why, "%ssupport in money or arms: aid", q.why.len ? ", " : "");
            /* an offer of aid is hypothetical (the gold conventions) */
            if (mod == MOD_ASSERTED && (x->lx[trig]->bits & LX_OFFER)) mod = MOD_HYPOTHETICAL;
        }
    }
    /* aid of no stated kind takes the kind its words name ("delivered food
     * aid", "Washington's military aid to Kyiv") */
    if (p->tix == T_AID && !k.mode) {
        static const S_aid_kind kinds[] = {{VW_MILITARY, "072", "military"}, {VW_WEAPONS, "072", "military"},
                                           {VW_ARMS, "072", "military"}, {VW_DEFENSE, "072", "military"},
                                           {VW_DEFENCE, "072", "military"}, {VW_SECURITY, "072", "military"},
                                           {VW_HUMANITARIAN, "073", "humanitarian"},
                                           {VW_FOOD, "073", "humanitarian"}, {VW_MEDICAL, "073", "humanitarian"},
                                           {VW_RELIEF, "073", "humanitarian"},
                                           {VW_FINANCIAL, "071", "economic"}, {VW_ECONOMIC, "071", "economic"},
                                           {VW_BUDGET, "071", "economic"}};
        int lo = trig - 3 < s0 ? s0 : trig - 3, hi = m->end > trig ? m->end : trig + 1;
        for (int t = lo; t < hi && !k.mode; t++)
            for (size_t j = 0; j < sizeof kinds / sizeof kinds[0]; j++)
                if (S_id(x, t) == kinds[j].id && S_recode(x, &k, k.tix, kinds[j].cameo, kinds[j].mode)) break;
    }
    /* a refused concession is a REJECT (above); one not made so far ("has
     * yet to resign") stays a negated CONCEDE */
    if (mod == MOD_NEGATED && p->tix == T_CONCEDE && !(q.notyet && !q.refuse) &&
        S_recode(x, &k, T_REJECT, "120", NULL)) {
        mod = MOD_ASSERTED;
        buf_printf(&q.why, "%srefused concession: REJECT", q.why.len ? ", " : "");
    }
    /* ... and so is a recognition refused ("Serbia will never recognize
     * Kosovo", "the EU does not recognise the elections in Crimea"): an
     * explicit refusal, asserted (gold README) */
    if (mod == MOD_NEGATED && p->tix == T_SUPPORT && !strncmp(p->cameo, "054", 3) &&
        S_recode(x, &k, T_REJECT, "120", NULL)) {
        mod = MOD_ASSERTED;
        buf_printf(&q.why, "%srefused recognition: REJECT", q.why.len ? ", " : "");
    }
    /* violence of a country's protesters against their own state ("set fire
     * to the state broadcaster", "stormed the parliament") is a riot (CAMEO
     * 145; the gold conventions: PROTEST riot toward that state) */
    if (k.tix == T_ASSAULT && src && tgt && !strcmp(src->key, tgt->key) && strlen(src->key) == 3 &&
        !strcmp(src->code + 3, "CVL") && S_recode(x, &k, T_PROTEST, "145", "riot"))
        buf_printf(&q.why, "%sviolence of protesters: a riot", q.why.len ? ", " : "");
    /* ... and a state's violence against its own protesters ("security
     * forces targeted demonstrators", "police attacked the crowd") is
     * repression (CAMEO 175; the gold conventions: police -> protesters,
     * COERCE repress) */
    else if (k.tix == T_ASSAULT && src && tgt && !strcmp(src->key, tgt->key) && strlen(src->key) == 3 &&
             strcmp(src->code + 3, "CVL") && !strcmp(tgt->code + 3, "CVL") && S_recode(x, &k, T_COERCE, "175", "repress"))
        buf_printf(&q.why, "%sviolence against protesters: repression", q.why.len ? ", " : "");
    /* an attack by hackers ("Chinese hackers targeted US agencies") is a
     * cyberattack: COERCE, mode cyber (the gold conventions) */
    else if (k.tix == T_ASSAULT && src && src->t1 > src->t0 &&
             S_in_list(x, src->t1 - 1, L_HACKERS) &&
             S_recode(x, &k, T_COERCE, "170", "cyber"))
        buf_printf(&q.why, "%san attack by hackers: a cyberattack", q.why.len ? ", " : "");

    /* leaving an organisation ("Burkina Faso withdrew from ECOWAS") is no
     * pullback of forces but a cut in relations (gold conventions:
     * leaving a bloc is SANCTION) */
    if (k.tix == T_RETREAT && k.mode && !strcmp(k.mode, "withdraw") && tgt && tgt->kind == AK_ORG &&
        m->lit_last == trig + 1 && (S_id(x, trig + 1) == VW_FROM) && S_recode(x, &k, T_SANCTION, "160", NULL))
        buf_printf(&q.why, "%sleaving an organisation: SANCTION", q.why.len ? ", " : "");

    /* expelling a country's people, not its envoys ("expelled hundreds of
     * Afghans") is a deportation (CAMEO 174, COERCE), not a diplomatic
     * expulsion (166, SANCTION) */
    if (k.tix == T_SANCTION && k.mode && !strcmp(k.mode, "expel") && tgt && strlen(tgt->code) >= 6 &&
        !strcmp(tgt->code + strlen(tgt->code) - 3, "CVL") && S_recode(x, &k, T_COERCE, "174", "deport"))
        buf_printf(&q.why, "%sexpelled people: a deportation", q.why.len ? ", " : "");

    /* date */
    int is_report = 0;
    const sr_timex *tx = S_pick_time(x, s0, s1, trig, mod, &is_report);
    /* a noun inside a prepositional phrase ("in response to the Russian
     * invasion") takes only a time of its own phrase ("the annexation of
     * Crimea in 2014"), not the clause's ("will travel next week") */
    if (tx && p->noun && S_noun_in_pp(x, s0, trig) && !S_manner_pp(x, s0, trig)) {
        int end = m->end > trig ? m->end : trig + 1;
        if (!(tx->t0 >= end && tx->t0 <= end + 2)) tx = NULL;
    }
    /* a speech act in a quotation that runs on from an earlier sentence
     * takes the date of its attribution there: 'The ministry said in a
     * statement on Sunday: "... . We call for restraint."' */
    if (!tx && mod == MOD_ASSERTED && S_type_in(p->tix, S_SPEECH_ACTS)) {
        tx = S_quote_time(x, sent);
        if (tx) is_report = 1;
    }
    long day = -1;
    sitrep_prec prec = PREC_NONE;
    const char *date_text = NULL;
    if (tx && tx->day >= 0) {
        sr_tense tense = mod == MOD_PLANNED ? TENSE_FUTURE
                         : S_past_clause(x, s0, trig, p->noun) ? TENSE_PAST : TENSE_UNKNOWN;
        if (is_report) tense = TENSE_PAST;
        /* "since October 7", "since Hamas's October 7 attack", "closed
         * since Tuesday": the past */
        for (int k = tx->t0; k >= s0 && k >= tx->t0 - 3; k--)
            if ((S_id(x, k) == VW_SINCE)) tense = TENSE_PAST;
        sr_timex *re = NULL;
        int nre = 0;
        int ok = time_find(x->a, in->seg->toks, tx->t0, tx->t1, in->day, tense, &re, &nre) >= 0 && nre > 0 &&
                 re[0].day >= 0;
        if (!ok) {
            /* an expression that refers back ("the same day"): resolve the
             * sentence up to it, in this tense */
            nre = 0;
            if (time_find(x->a, in->seg->toks, s0, tx->t1, in->day, tense, &re, &nre) >= 0)
                for (int k = 0; k < nre; k++)
                    if (re[k].t0 == tx->t0 && re[k].day >= 0) {
                        re[0] = re[k];
                        ok = 1;
                    }
        }
        if (ok) {
            day = re[0].day;
            prec = re[0].prec;
        } else {
            day = tx->day;
            prec = tx->prec;
        }
        date_text = S_span_text(x, tx->t0, tx->t1);
        /* "later this month", "later this week": after the report, however
         * coarse the period ("later today" too) */
        int later = (S_id(x, tx->t0) == VW_LATER) || (tx->t0 > s0 && (S_id(x, tx->t0 - 1) == VW_LATER));
        if (mod == MOD_ASSERTED && in->day >= 0 && (day > in->day || later) && tense != TENSE_PAST) {
            mod = MOD_PLANNED;
            buf_printf(&q.why, "%sfuture date", q.why.len ? ", " : "");
        } else if (mod == MOD_ASSERTED && in->day >= 0 && day > in->day + 1 && tense == TENSE_PAST) {
            /* a past act cannot lie after its report: the date is its
             * complement's ("were invited to join on 1 January", "urged
             * them to agree by March") */
            day = -1;
            prec = PREC_NONE;
            date_text = NULL;
            buf_printf(&q.why, "%sa past act's future date is not its own", q.why.len ? ", " : "");
        }
    }

    /* location: the visited place, else an in/at place of the clause */
    const sr_place *place = tplace;
    const char *place_text = NULL;
    if (tplace && m->tplace >= 0) {
        int pi = S_narrow_place(x, m->tplace, s1);
        if (pi != m->tplace) place = in->places[pi].place;
        place_text = S_span_text(x, in->places[pi].t0, in->places[pi].t1);
        if (place == in->places[pi].place) place = S_compass_place(x, pi, &place_text);
    }
    int bestd = 1 << 30;   /* the distance of the place found from the trigger */
    int place_ref = -1;    /* the place phrase found, when one was */
    if (!place) {
        int best = -1;
        for (int i = 0; i < in->nplaces; i++) {
            const sr_place_ref *pr = &in->places[i];
            if (pr->t0 < s0 || pr->t1 > s1 || pr->t0 == s0) continue;
            if (!S_place_phrase(x, s0, pr->t0)) continue;
            /* "in Armenia's capital": the capital, below */
            if (pr->place->kind == 'C' && pr->t1 < s1 && (S_id(x, pr->t1) == VW_CAPITAL)) continue;
            /* within the clause: no reporting verb or ';' between */
            int lo = pr->t0 < trig ? pr->t1 : trig, hi = pr->t0 < trig ? trig : pr->t0, bad = 0;
            for (int k = lo; k < hi; k++)
                if (S_is_report_word(x, k) || (S_id(x, k) == VW_P_SEMICOLON)) bad = 1;
            if (bad) continue;
            int d = pr->t0 > trig ? pr->t0 - trig : (trig - pr->t1) + 8;
            /* a place in the subject's noun phrase says where the subject
             * is, not where the act is ("Russian embassy staff in
             * Afghanistan were killed ... in the Afghan capital") */
            if (pr->t0 < trig && pr->t0 - 2 > s0 && (S_flags(x, pr->t0 - 2) & TOK_WORD)) {
                int verb = 0;
                for (int k = s0; k < pr->t0 - 1 && !verb; k++) verb = S_is_verb_form(x, k) || S_is(x, k, W_BE | W_AUXV);
                if (!verb) d += 8;
            }
            /* an opening phrase sets the scene of the whole sentence: "At
             * the summit in Paris on Monday, the leaders agreed ..." */
            if (pr->t0 < trig && S_is(x, s0, W_PREPS) && d > 12) {
                int k = s0;
                while (k < pr->t0 && (S_id(x, k) != VW_P_COMMA)) k++;
                int comma = k == pr->t0 ? pr->t1 : -1;
                while (comma >= 0 && comma < trig && (S_id(x, comma) != VW_P_COMMA)) comma++;
                if (comma >= 0 && comma < trig) d = 12;
            }
            if (d < bestd) { bestd = d; best = i; }
        }
        if (best >= 0 && bestd < 25) {
            best = S_narrow_place(x, best, s1);
            place_ref = best;
            place = in->places[best].place;
            place_text = S_span_text(x, in->places[best].t0, in->places[best].t1);
            place = S_compass_place(x, best, &place_text);
        }
        /* "in the Georgian capital", "across Armenia's capital": the
         * country's capital, when no named place is nearer */
        for (int i = 0; i < in->nmentions && in->gaz; i++) {
            const sr_mention *cm = &in->mentions[i];
            if (cm->sent != sent || cm->t0 <= s0 || cm->t1 >= s1 || cm->kind != AK_COUNTRY ||
                strlen(cm->key) != 3 || (S_id(x, cm->t1) != VW_CAPITAL) || !S_place_phrase(x, s0, cm->t0))
                continue;
            int d = cm->t0 > trig ? cm->t0 - trig : (trig - cm->t1) + 8;
            const sr_place *cap = d <= bestd && d < 25 ? gazetteer_capital(in->gaz, cm->key) : NULL;
            if (!cap) continue;
            bestd = d;
            place = cap;
            place_text = S_span_text(x, cm->t0, cm->t1 + 1);
        }
    }

    /* "inside Afghan territory", "in Polish airspace", "on Russian soil":
     * the country of the adjective */
    if (!place && in->gaz)
        for (int k = s0 + 1; k + 1 < s1 && !place; k++) {
            if (x->mstart[k] < 0 ||
                !S_in_list(x, k - 1, L_IN_TERRITORY))
                continue;
            const sr_mention *am = &in->mentions[x->mstart[k]];
            if (!(am->how & AH_ADJ) || am->t1 >= s1 || strlen(am->key) != 3 ||
                !S_in_list(x, am->t1, L_TERRITORY))
                continue;
            int d = k > trig ? k - trig : (trig - k) + 8;
            if (d >= 25) continue;
            place = gazetteer_country(in->gaz, am->key);
            if (place) place_text = S_span_text(x, k - 1, am->t1 + 1);
        }
    /* a domestic act "in the capital": its country's, unless a place named
     * stands nearer the act ("protests erupted across Pakistan after Khan
     * was arrested in the capital": the arrest's is Islamabad) */
    if ((!place || (!tplace && place->kind == 'C')) && src && tgt && !strcmp(src->key, tgt->key) &&
        src->kind != AK_ORG && strlen(src->key) == 3 && in->gaz)
        for (int k = s0 + 2; k < s1; k++) {
            /* ... or "in several parts of the capital", "the streets of the
             * capital" */
            if ((S_id(x, k) != VW_CAPITAL) || (S_id(x, k - 1) != VW_THE) ||
                !(S_in_list(x, k - 2, L_IN_CAPITAL) ||
                  ((S_id(x, k - 2) == VW_OF) && k - 3 > s0 && S_is(x, k - 3, W_FRAME))))
                continue;
            /* not "the capital of X", "the capital, Nairobi" (named above) */
            if (k + 1 < s1 && (x->pstart[k + 1] >= 0 || x->mstart[k + 1] >= 0 || (S_id(x, k + 1) == VW_OF) ||
                               ((S_id(x, k + 1) == VW_P_COMMA) && k + 2 < s1 && x->pstart[k + 2] >= 0)))
                continue;
            int d = k > trig ? k - trig : (trig - k) + 8;
            if (d >= 25 || d >= bestd) continue;
            const sr_place *cap = gazetteer_capital(in->gaz, src->key);
            if (cap) {
                place = cap;
                place_text = S_span_text(x, k - 1, k + 1);
            }
            break;
        }
    /* a domestic act (both sides of one country: a curfew, a crackdown,
     * protesters against their government) happens in that country */
    if (!place && src && tgt && !strcmp(src->key, tgt->key) && in->gaz) {
        place = gazetteer_country(in->gaz, src->key);
        if (place) place_text = place->name;
    }
    /* a country, where the sentence names one city of it ("invaded
     * Belgrade for the largest demonstration in Serbia"): that city */
    if (place && place->kind == 'C') {
        const sr_place_ref *city = NULL;
        int many = 0;
        for (int i = 0; i < in->nplaces; i++) {
            const sr_place_ref *pr = &in->places[i];
            if (pr->t0 < s0 || pr->t1 > s1 || pr->place->kind != 'P' || strcmp(pr->place->country, place->country))
                continue;
            if (city && city->place != pr->place) many = 1;
            city = pr;
        }
        if (city && !many) {
            place = city->place;
            place_text = S_span_text(x, city->t0, city->t1);
        }
    }
    /* forces deployed in a place abroad are deployed toward its country
     * ("Russian peacekeepers deployed in Karabakh": the gold conventions
     * key troops sent to a country to it) */
    /* (not weapons tested or shown: a missile test has no target) */
    if (!tgt && src && place_ref >= 0 && k.tix == T_MOBILIZE && src->kind != AK_ORG &&
        !(k.mode && !strcmp(k.mode, "weapons") && !strcmp(k.cameo, "150")) &&
        strlen(src->key) == 3 && strcmp(in->places[place_ref].place->country, src->key) &&
        !(tgt = S_place_actor(x, &in->places[place_ref], sent))) {
        buf_free(&q.why);
        return SITREP_ENOMEM;
    }
    /* an organisation that meets or holds its summit in a place meets
     * there, with no one of that place ("ECOWAS was to meet in Abuja":
     * the place is where, the gold names no other side) */
    if (k.tix == T_CONSULT && src && src->kind == AK_ORG && tgt &&
        ((tgt->how & AH_PLACE) ||
         (tgt->sent == sent && ((tgt->t1 < s1 && (S_id(x, tgt->t1) == VW_CAPITAL)) ||
                                (tgt->t0 > s0 && S_place_phrase(x, s0, tgt->t0)))))) {
        buf_free(&q.why);
        return 0;
    }
    /* a meeting's mode from where it happens: in the target's country a
     * visit, in the source's the host's, elsewhere a third place */
    if (k.tix == T_CONSULT && !k.mode && place && tgt && src) {
        if (!strcmp(place->country, tgt->key)) k.mode = "visit";
        else if (!strcmp(place->country, src->key)) k.mode = "host";
        else if (tgt->kind != AK_ORG && strlen(tgt->key) == 3) k.mode = "third-party";
    }
    /* a warning's own consequence phrased as a threat ("warned Russia
     * that Britain would respond decisively") is the same warning */
    if (k.tix == T_THREATEN)
        for (size_t i = 0; i < x->events.len; i++) {
            const sr_event *o = &VEC_AT(&x->events, sr_event, i);
            if (o->sent == sent && S_tix(o->type) == T_THREATEN && o->source && src &&
                !strcmp(o->source->key, src->key) && (!o->target || !tgt || !strcmp(o->target->key, tgt->key))) {
                buf_free(&q.why);
                return 0;
            }
        }
    sr_event *ev = vec_push(&x->events);
    if (!ev) { buf_free(&q.why); return SITREP_ENOMEM; }
    ev->sent = sent;
    int t0 = trig, t1 = m->end > trig ? m->end : trig + 1;
    if (src && src->t0 < t0 && src->sent == sent) t0 = src->t0;
    if (tgt && tgt->t1 > t1 && tgt->sent == sent) t1 = tgt->t1;
    if (tgt && tgt->t0 < t0 && tgt->sent == sent) t0 = tgt->t0;
    ev->start = in->seg->toks[t0].start;
    ev->end = in->seg->toks[t1 - 1].end;
    ev->type = k.type;
    ev->mode = k.mode;
    ev->cameo = k.cameo;
    ev->quad = k.quad;
    ev->goldstein = k.goldstein;
    ev->modality = mod;
    ev->source = src;
    ev->target = tgt;
    ev->place = place;
    ev->place_text = place_text;
    ev->day = day;
    ev->prec = day >= 0 ? prec : PREC_NONE;
    ev->date_text = day >= 0 ? date_text : NULL;
    int tl = m->lit_last >= trig ? m->lit_last + 1 : trig + 1;
    ev->trigger = S_span_text(x, trig, tl);
    ev->trig0 = trig;
    ev->trig1 = tl;
    ev->pattern = p->where;
    ev->cues = q.why.len ? arena_strdup(x->a, q.why.s) : NULL;
    double conf = 0.55 + 0.05 * (p->nlit > 3 ? 3 : p->nlit);
    if (tgt && p->has_tgt) conf += 0.1;
    if (src->how & (AH_PRONOUN | AH_COREF | AH_CORRECTED)) conf -= 0.15;
    if (tgt && tgt->how & (AH_PRONOUN | AH_COREF | AH_CORRECTED)) conf -= 0.1;
    if (!tgt) conf -= 0.1;
    if (conf > 0.95) conf = 0.95;
    if (conf < 0.05) conf = 0.05;
    ev->confidence = round(conf * 100) / 100;
    buf_free(&q.why);
    return 0;
}

/* The place that is the subject of the verb at t, as its country's
 * mention ("Odesa was shelled", "Kharkiv hit by drones"): the nearest
 * place before t, in the clause, with no preposition before it and no
 * actor after it.  NULL when there is none. */
static const sr_mention *S_place_subject(S_ctx *x, int s0, int t, int sent)
{
    for (int k = t - 1; k >= s0 && k >= t - 8; k--) {
        if (x->minside[k] >= 0 || S_is(x, k, W_BOUNDS) || (S_flags(x, k) & TOK_PUNCT)) return NULL;
        if (x->pstart[k] < 0) continue;
        const sr_place_ref *pr = &x->in->places[x->pstart[k]];
        int b = pr->t0 - 1;
        while (b >= s0 && S_is(x, b, W_DETS)) b--;
        if (b >= s0 && (S_is(x, b, W_PREPS) || S_is_verb_form(x, b))) return NULL;
        return S_place_actor(x, pr, sent);
    }
    return NULL;
}

/* Builds a mention for a place target ("visited Poland", "arrives in Bucharest"). */
static const sr_mention *S_place_actor(S_ctx *x, const sr_place_ref *pr, int sent)
{
    sr_mention *m = arena_alloc(x->a, sizeof *m);
    if (!m) return NULL;
    m->t0 = pr->t0;
    m->t1 = pr->t1;
    m->start = x->in->seg->toks[pr->t0].start;
    m->end = x->in->seg->toks[pr->t1 - 1].end;
    m->sent = sent;
    m->kind = AK_COUNTRY;
    snprintf(m->key, sizeof m->key, "%s", pr->place->country);
    snprintf(m->code, sizeof m->code, "%s", pr->place->country);
    m->name = pr->place->kind == 'C' ? pr->place->name : NULL;
    m->gender = '-';
    m->how = AH_PLACE;
    m->why = arena_printf(x->a, "place %s in %s", pr->place->name, pr->place->country);
    return m;
}

/* Two actors of one country make an event only when one of them is not
 * the government: rebels against the state, protesters against their
 * government ("Harris met US lawmakers" is no event; the contract keys
 * domestic conflict to the one country). */
static int S_domestic(const sr_mention *a, const sr_mention *b)
{
    const char *ra = a->code + strlen(a->key), *rb = b->code + strlen(b->key);
    if (strncmp(a->code, a->key, strlen(a->key)) || strncmp(b->code, b->key, strlen(b->key))) return 0;
    if (!strcmp(ra, rb)) return 0;
    static const char *const state[] = {"", "GOV", "ELI", "LEG", "MIL", "COP", "JUD", "SPY", NULL};
    return !S_in(ra, state) || !S_in(rb, state);
}

/* types whose act stands without a named target: "deemed the aid
 * insufficient" (ACCUSE), "asked for more aid" (REQUEST), "will support
 * its allies with weapons" (AID), "imposed sanctions" (SANCTION) */
#define S_NULL_TARGET_OK                                                                          \
    (TB(MOBILIZE) | TB(PROTEST) | TB(REJECT) | TB(COERCE) | TB(CONCEDE) | TB(THREATEN) | TB(ACCUSE) | \
     TB(REQUEST) | TB(SANCTION) | TB(AID))

/* 1 when the participle at t modifies the plain noun right before it
 * ("the vote condemning Russia", "sanctions targeting banks"): a reduced
 * relative clause. */
static int S_reduced_relative(const S_ctx *x, int s0, int t)
{
    const char *w = S_norm(x, t);
    size_t wl = strlen(w);
    if (wl < 5 || strcmp(w + wl - 3, "ing") || t - 2 < s0) return 0;
    int n = t - 1;
    if (!(S_flags(x, n) & TOK_WORD) || x->minside[n] >= 0 || S_is_verb_form(x, n) || S_is_adverb(x, n) ||
        S_is(x, n, W_PREPS | W_DETS | W_BE | W_BOUNDS) || S_is(x, n, W_GLUE))
        return 0;
    /* a noun: after a determiner, an owner, an adjective or a compound
     * modifier that is an actor */
    return x->minside[t - 2] >= 0 || S_is(x, t - 2, W_DETS) || (S_flags(x, t - 2) & TOK_WORD);
}

/* 1 when the verb at t is the second of a coordination whose subject is
 * the first one's: "and"/"but" right before it, or before its auxiliaries
 * and adverbs ("but will also send"). */
static int S_conjoined_verb(const S_ctx *x, int s0, int t)
{
    for (int k = t - 1; k >= s0 && k >= t - 4; k--) {
        int wid = S_id(x, k);
        if ((wid == VW_AND) || (wid == VW_BUT)) return 1;
        if (!S_is(x, k, W_AUXV) && !S_is_adverb(x, k)) return 0;
    }
    return 0;
}

/* For a verb pattern "HEAD [..] OBJECT REST" at a passive participle t:
 * the index of OBJECT's element when one of its words stands in the
 * subject, just before the auxiliary ("American troops will be sent to",
 * "Finland's request was welcomed by"); else -1. */
static int S_passive_object(const S_ctx *x, const S_pat *p, int s0, int t)
{
    int k = 0;
    while (k < p->nel && (p->el[k].t == E_GAP || p->el[k].t == E_OPT)) k++;
    if (k >= p->nel || p->el[k].t != E_LIT) return -1;
    /* the auxiliary: the first be-form before t */
    int aux = t - 1;
    while (aux > s0 && aux >= t - 3 && !S_is(x, aux, W_BE)) aux--;
    if (aux <= s0 || !S_is(x, aux, W_BE)) return -1;
    for (int j = aux - 1; j >= s0 && j >= aux - 6; j--) {
        if (!(S_flags(x, j) & TOK_WORD) || S_is(x, j, W_BOUNDS)) break;
        if (S_lit(x, j, &p->el[k])) return k;
    }
    return -1;
}

/* 1 when tm is no target of sm's act: the same actor, unless police act
 * in their own country ("detained protesters in Tbilisi" keeps the place's
 * country) or the two sides are domestic rivals (S_domestic). */
static int S_self_target(const S_pat *p, const sr_mention *sm, const sr_mention *tm)
{
    int own_place = (tm->how & AH_PLACE) && (p->tix == T_COERCE || p->tix == T_ASSAULT);
    return !strcmp(tm->key, sm->key) && !own_place && !S_domestic(sm, tm);
}

/* 1 when a "to" stands at or after `from` and before `to` (an infinitive
 * between a pattern and a later actor). */
static int S_infinitive_between(const S_ctx *x, int from, int to)
{
    for (int k = from < 0 ? 0 : from; k < to; k++)
        if ((S_id(x, k) == VW_TO)) return 1;
    return 0;
}

/* One trigger's coding, step by step (S_code_sentence). */
typedef struct {
    const S_pat *p;            /* the pattern that matched */
    S_match bm;                /* what it matched */
    int sent, s0, s1, t;       /* the sentence, its tokens, the trigger */
    const sr_mention *tg[8];   /* targets */
    int ntg;
    const sr_place *tplace;    /* where a visit or an attack happens */
    int srcs[8], nsrc;         /* sources, as mention indexes */
    int skip[10], nskip;       /* mentions that are no subject */
    int passive, agent;        /* a verb in the passive; its "by" agent, -1 */
    int place_agent;           /* the agent is the state of an "in" phrase */
    int controlled;            /* "urged X to ...": X acts */
    int end;                   /* the first token after the matched words */
    int allpairs;              /* each subject with each one named after it */
    int list;                  /* the sources are the parties "between A, B and C" */
    int implicit;              /* no target yet: S_implicit_targets looks */
    int self_ok;               /* the act is done to the source itself (a civil war) */
} S_trig;

/* The pattern a token triggers: of all the patterns its lemmas head (as a
 * verb or a noun), the one matching with the most words; NULL when none
 * matches.  Sets x->passive for a verb in the passive. */
/* 0 when a literal of chain entry e's pattern matches no word in [from,
 * s1): then it matches nowhere from there (S_match_el finds each literal
 * at or after where it starts, before s1), and S_match_el need not walk
 * its gaps.  Reads the entry's filters (coder.lfilt), not the pattern. */
static int S_lits_after(S_ctx *x, const S_centry *e, int s0, int s1, int from)
{
    if (x->lsfx_s0 != s0 || x->lsfx_s1 != s1) {
        if (s1 - s0 > x->lsfx_cap) {
            void *m = realloc(x->lsfx, (size_t)(s1 - s0) * sizeof *x->lsfx);
            if (!m) return 1;   /* out of memory: no filter */
            x->lsfx = m;
            x->lsfx_cap = s1 - s0;
        }
        uint64_t a[S_LW] = {0};
        for (int k = s1 - 1; k >= s0; k--) {
            if (x->lx[k]->bits & LX_LIT) {
                unsigned bit = S_lbit(x->cid[k]);
                a[bit >> 6] |= (uint64_t)1 << (bit & 63);
            }
            memcpy(x->lsfx[k - s0], a, sizeof a);
        }
        x->lsfx_s0 = s0;
        x->lsfx_s1 = s1;
    }
    if (from >= s1) return e->nlit1 == 1;
    const uint64_t *a = x->lsfx[from - s0];
    const uint64_t (*lf)[S_LW] = x->c->lfilt + e->lf0;
    for (int i = 0; i < e->nlit1 - 1; i++) {
        uint64_t any = 0;
        for (int w = 0; w < S_LW; w++) any |= lf[i][w] & a[w];
        if (!any) return 0;
    }
    return 1;
}

static const S_pat *S_best_pattern(S_ctx *x, int s0, int s1, int t, S_match *out)
{
    const S_pat *best = NULL;
    memset(out, 0, sizeof *out);
    int best_score = -1;
    const char *w = S_norm(x, t);
    const S_lex *le = x->lx[t];
    int heads = le->nhead[0] || le->nhead[1];
    /* a gerund after a determiner or an owner is a noun ("the killing
     * of", "Harris' meeting with"): no verb pattern then */
    int nominal = 0;
    if (heads && t > s0) {
        const char *pw = S_norm(x, t - 1);
        int pwid = S_id(x, t - 1);
        size_t pl = strlen(pw), wl = strlen(w);
        nominal = wl > 4 && !strcmp(w + wl - 3, "ing") &&
                  ((pwid == VW_THE) || (pwid == VW_A) || (pwid == VW_AN) || (pwid == VW_HIS) ||
                   (pwid == VW_HER) || (pwid == VW_ITS) || (pwid == VW_THEIR) || (pwid == VW_OUR) ||
                   (pwid == VW_THIS) || (pl > 2 && pw[pl - 1] == '\'') ||
                   (pl > 3 && !strcmp(pw + pl - 2, "'s")));
    }
    /* "a bomb shelter", "a drone attack", "the US missile strike": a word
     * after a determiner and up to two modifiers (no verb, no plural noun:
     * "the rebels attack" is a clause) is a noun */
    int past = S_is_past(x, t);
    if (heads && !nominal && !past) {
        int k = t - 1, mods = 0;
        /* ... never over the "to" of an agreement's infinitive ("an
         * agreement to exchange prisoners", "a deal to buy tanks") */
        while (k >= s0 && mods < 2 && !S_is(x, k, W_DETS) && (S_flags(x, k) & TOK_WORD) && !S_is_verb_form(x, k) &&
               !((S_id(x, k) == VW_TO) && k > s0 &&
                 S_in_list(x, k - 1, L_AGREEMENT))) {
            const char *mw = S_norm(x, k);
            size_t ml = strlen(mw);
            if (x->minside[k] < 0 && ml > 3 && mw[ml - 1] == 's' && mw[ml - 2] != '\'') break;
            mods++;
            /* a name right before the word counts as one modifier ("an
             * International Criminal Court arrest warrant") */
            k = k == t - 1 && x->minside[k] >= 0 && x->in->mentions[x->minside[k]].t0 < k
                    ? x->in->mentions[x->minside[k]].t0 - 1
                    : k - 1;
        }
        nominal = k >= s0 && S_is(x, k, W_DETS) && (S_id(x, k) != VW_TOP) && (le->nhead[1] > 0 || S_is_ing(x, t));
    }
    x->passive = 0;
    if (past)
        for (int k = t - 1; k >= s0 && k >= t - 3; k--) {
            if (S_is(x, k, W_BE)) { x->passive = 1; break; }
            if (!(S_flags(x, k) & TOK_WORD)) break;
        }
    /* "supported by the council but vetoed by Russia", "an attack carried
     * out by Hamas": a past participle with a "by" agent is passive with
     * no auxiliary of its own (not "stood by Kyiv", "abided by the deal") */
    /* ... also a participle spelt like the base form ("Kyiv hit by Russian
     * missiles": English's verbs with one form for all three, a closed
     * class) */
    /* (the list last: most words have no "by" after them) */
    if (!x->passive && t + 2 < s1 && (S_id(x, t + 1) == VW_BY) && (past || S_in_list(x, t, L_SAME_PP)) &&
        (x->mstart[t + 2] >= 0 || ((S_id(x, t + 2) == VW_THE) && t + 3 < s1 && x->mstart[t + 3] >= 0)) &&
        !S_in_list(x, t, L_NOT_PASSIVE_BY))
        x->passive = 1;
    /* "was hit", "were cut": participles spelt like the base form */
    if (!x->passive && t > s0 && S_is(x, t - 1, W_BE) && (S_id(x, t - 1) != VW_BE) &&
        (S_id(x, t - 1) != VW_BEING) && S_is_verb_form(x, t) && t + 1 < s1 && (S_id(x, t + 1) == VW_BY))
        x->passive = 1;
    /* (x->passive is set for every word: S_propose reads the last one's) */
    if (!heads) return NULL;
    x->mres_at[t] = (int)x->mres.len + 1;
    x->mres_pass[t] = (unsigned char)x->passive;
    for (int pos = 0; pos < 2; pos++) {
        for (int hi = 0; hi < le->nhead[pos]; hi++) {
            /* the head's patterns in chain order, the same as by S_pat.next */
            const S_chain *ch = &VEC_AT(&x->c->chains, S_chain, x->c->chain_of[HENT(x->c, le->head[pos] + hi)->first]);
            for (int k = 0; k < ch->ne; k++) {
                const S_centry *ce = &VEC_AT(&x->c->centries, S_centry, (size_t)(ch->e0 + k));
                const S_pat *p = PAT(x->c, ce->pi);
                S_match m;
                memset(&m, 0, sizeof m);
                m.tplace = -1;
                m.src = -1;
                m.lit_last = t;
                int matched = S_lits_after(x, ce, s0, s1, t + 1) && S_match_el(x, p, 0, t + 1, s1, &m);
                /* vec_push but inline: a byte per pattern tried */
                unsigned char *r = x->mres.len < x->mres.cap ? (unsigned char *)x->mres.data + x->mres.len++ : vec_push(&x->mres);
                if (r) *r = (unsigned char)matched;
                else x->mres_at[t] = 0;   /* out of memory: S_propose matches again */
                if (!matched) {
                    /* a passive whose object stands before the verb:
                     * "American troops will be sent to Ukraine" for
                     * "send .. troops to $T" */
                    int k = pos == 0 && x->passive ? S_passive_object(x, p, s0, t) : -1;
                    if (k < 0) continue;
                    memset(&m, 0, sizeof m);
                    m.tplace = -1;
                    m.src = -1;
                    m.lit_last = t;
                    if (!S_match_el(x, p, k + 1, t + 1, s1, &m)) continue;
                }
                int score = p->nlit * 4 + (m.ntgt || m.tplace >= 0 ? 3 : 0) + (p->nel - p->nlit);
                /* "Harris' meeting with", "the meeting": a gerund after a
                 * determiner or owner reads as a noun */
                if (!p->noun && nominal) continue;
                /* equally specific: the match whose last word comes later
                 * ("suspended peace treaty talks": the talks, not the treaty) */
                if (score > best_score || (score == best_score && best && m.lit_last > out->lit_last)) {
                    best_score = score;
                    best = p;
                    *out = m;
                }
            }
        }
    }
    return best;
}

/* 0 when the word at t, read as an act of the type (a noun or a verb
 * whose matched words end at end), names none: a noun that modifies
 * another ("an aid worker", "truce talks"), "in protest at", "in exchange
 * for", "demonstrating the importance", "threatens national security", a
 * warning of a danger, sabotaged talks, an interception.  Lexical, so the
 * learned layer's candidates are held to it too (S_propose). */
static int S_word_is_act(const S_ctx *x, int s0, int s1, int t, int end, int tix, int noun)
{
    /* a noun that modifies the name of those who do a thing ("an aid
     * worker", "aid agencies", "protest leaders", "attack helicopters"),
     * or of talks about it ("truce talks", "ceasefire negotiators"), names
     * no act */
    if (noun && t + 1 < s1 && t + 1 >= end &&
        S_in_list(x, t + 1, L_DOERS))
        return 0;
    /* "recalled its ambassadors, in protest at the deal": a protest as
     * the motive of another act is no demonstration */
    if (tix == T_PROTEST && t > s0 && (S_id(x, t - 1) == VW_IN) && t + 1 < s1 &&
        S_in_list(x, t, L_PROTEST) &&
        S_in_list(x, t + 1, L_PROTEST_PREP))
        return 0;
    /* "demonstrating the importance of", "demonstrated its resolve": to
     * demonstrate something is to show it */
    if (tix == T_PROTEST && !noun && !strncmp(S_norm(x, t), "demonstrat", 10) && t + 1 < s1 &&
        (S_is(x, t + 1, W_DETS) || (S_id(x, t + 1) == VW_THAT)))
        return 0;
    /* "the operation threatens national security", "strikes that
     * threaten the security of": what endangers a good is no threat made */
    if (tix == T_THREATEN && !noun && !strncmp(S_norm(x, t), "threat", 6))
        for (int k = t + 1; k < s1 && k <= t + 3; k++) {
            if (S_flags(x, k) & TOK_PUNCT) break;
            if (S_in_list(x, k, L_GOODS))
                return 0;
        }
    /* "warned of a humanitarian catastrophe": a warning of a danger is a
     * pessimistic comment (CAMEO 012), no threat of one's own act; the
     * threats ("warn of consequences", "of retaliation", "of sanctions")
     * are longer patterns, and "warned Russia of" names the one warned */
    if (tix == T_THREATEN && !strncmp(S_norm(x, t), "warn", 4) && end <= t + 1 && t + 1 < s1 &&
        (S_id(x, t + 1) == VW_OF))
        return 0;
    /* "sabotage the talks", "undermine the peace process": an attack on
     * an undertaking is no armed attack */
    if (tix == T_ASSAULT && !strncmp(S_norm(x, t), "sabotag", 7))
        for (int k = t + 1; k < s1 && k <= t + 4; k++) {
            if (S_flags(x, k) & TOK_PUNCT) break;
            if (S_in_list(x, k, L_UNDERTAKING))
                return 0;
        }
    /* "in exchange for": a preposition, no exchange of prisoners ("the
     * release of 100 Russians in exchange for 100 Ukrainians") */
    if (t > s0 && (S_id(x, t - 1) == VW_IN) && S_id(x, t) == VW_EXCHANGE && t + 1 < s1 &&
        (S_id(x, t + 1) == VW_FOR))
        return 0;
    /* an incoming missile or rocket shot down is an interception, no
     * attack (gold conventions): the weapon is the object after "down" or
     * the subject of the passive (not a drone: "shot down a US drone"
     * over the Gulf is an attack on the US) */
    if (tix == T_ASSAULT && S_id(x, t + 1 < s1 ? t + 1 : t) == VW_DOWN &&
        x->lx[t]->nhead[0] && HENT(x->c, x->lx[t]->head[0])->lid == x->c->lid_shoot) {
        for (int k = t + 2; k < s1 && k <= t + 5 && !(S_flags(x, k) & TOK_PUNCT); k++)
            if (S_in_list(x, k, L_INCOMING)) return 0;
        for (int k = t - 1; k >= s0 && k >= t - 4 && !(S_flags(x, k) & TOK_PUNCT); k--)
            if (S_in_list(x, k, L_INCOMING)) return 0;
    }
    return 1;
}

/* 0 when the trigger is no event of its own: a noun or gerund right after
 * another trigger's words, "declined to comment". */
static int S_trigger_ok(const S_ctx *x, const S_trig *g, int last_lit)
{
    const S_pat *p = g->p;
    int s1 = g->s1, t = g->t;
    /* a noun right after another trigger's words is part of it ("summit
     * meeting"), unless it names both sides itself ("hosted talks
     * between the foreign ministers of Russia and Ukraine") */
    if (p->noun && t == last_lit + 1 && g->bm.src < 0) return 0;
    /* ... and so is a gerund there ("attend the NATO summit meeting"),
     * not one after "of" or "for": that is an act of its own, the
     * accused's or the one thanked ("accused Russia of shelling Kyiv") */
    if (!p->noun && t == last_lit + 1 && S_is_ing(x, t) &&
        (S_id(x, t - 1) != VW_OF) && (S_id(x, t - 1) != VW_FOR))
        return 0;
    /* "declined to comment" is no rejection */
    if (p->tix == T_REJECT && g->bm.end < s1 && S_is(x, g->bm.end, W_SPEECH)) return 0;
    return S_word_is_act(x, g->s0, s1, t, g->bm.end, p->tix, p->noun);
}

/* The targets the pattern's own slots name, and the place of a visit or
 * an attack. */
static int S_pattern_targets(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int sent = g->sent;
    /* targets */
    g->ntg = 0;
    g->tplace = NULL;
    for (int k = 0; k < g->bm.ntgt; k++) g->tg[g->ntg++] = &in->mentions[g->bm.tgt[k]];
    if (g->bm.tplace >= 0) {
        if (!g->ntg) {
            const sr_mention *pm = S_place_actor(x, &in->places[g->bm.tplace], sent);
            if (!pm) return SITREP_ENOMEM;
            g->tg[g->ntg++] = pm;
        }
        /* where the event happens: the visited country or city, a city
         * met in or attacked; a troop or aid destination is no location
         * (spec conventions), nor a country that is a party to talks */
        const sr_place *pl = in->places[g->bm.tplace].place;
        int city = pl->kind != 'C';
        int visit = p->mode && !strcmp(p->mode, "visit");
        /* "talks with Kyiv": a capital standing for its government is a
         * party, not where the talks are */
        int t0 = in->places[g->bm.tplace].t0;
        int party = t0 > g->s0 && (S_id(x, t0 - 1) == VW_WITH);
        /* a withdrawal from a place leaves it: there it happens ("withdraw
         * from southern Lebanon", the gold conventions) */
        int b = t0 - 1;
        if (b > g->s0 && S_in_list(x, b, L_COMPASS)) b--;
        int left = p->tix == T_RETREAT && p->mode && !strcmp(p->mode, "withdraw") && b >= g->s0 &&
                   (S_id(x, b) == VW_FROM);
        if (p->tix == T_CONSULT ? (visit || (city && !party))
                                         : (left || (city && (p->tix == T_ASSAULT || p->tix == T_COERCE ||
                                                              p->tix == T_PROTEST))))
            g->tplace = pl;
    }
    return 0;
}

/* A passive's agent: "X was Yed by Z", "the sanctions imposed by Brussels". */
static void S_find_agent(S_ctx *x, S_trig *g)
{
    const S_pat *p = g->p;
    int s1 = g->s1, t = g->t;
    /* "X was Yed by Z" */
    g->passive = !p->noun && x->passive;
    g->agent = -1;
    g->place_agent = 0;
    g->controlled = 0;
    g->end = g->bm.end > t ? g->bm.end : t + 1;
    for (int k = g->end; k < s1 && k <= g->end + 4; k++) {
        if ((S_id(x, k) == VW_BY) && k + 1 < s1) {
            int mi, pl;
            if (S_slot(x, k + 1, s1, &mi, &pl) >= 0 && mi >= 0) g->agent = mi;
            break;
        }
        if (S_flags(x, k) & TOK_PUNCT) break;
        /* a noun's "by" stands in its own phrase ("the invasion of
         * Ukraine by Russia"), not after a verb ("Finland's request
         * was welcomed by Stoltenberg") */
        /* ... unless a participle right before "by" reduces a relative
         * clause of the noun ("the sanctions imposed by Brussels") */
        if (p->noun && k > g->end - 1 && S_is_past(x, k) && k + 1 < s1 &&
            (S_id(x, k + 1) == VW_BY) && !S_is(x, k - 1, W_BE))
            continue;
        if (p->noun && (S_is_verb_form(x, k) || S_is(x, k, W_BE))) break;
    }
    /* "three diplomats were expelled from Estonia": with no "by", the
     * country one is expelled or deported from is the one expelling; "two
     * Canadians were detained in China", "sentenced to prison in Iran":
     * the state one is arrested or tried in is the one arresting */
    int expel = p->mode && (!strcmp(p->mode, "expel") || !strcmp(p->mode, "deport"));
    int arrest = p->mode && !strcmp(p->mode, "arrest");
    if (g->passive && g->agent < 0 && (expel || arrest))
        for (int k = g->end; k < s1 && k <= g->end + (arrest ? 3 : 2); k++) {
            int mi, pl, wid = S_id(x, k);
            if (((expel && wid == VW_FROM) || (arrest && wid == VW_IN)) && k + 1 < s1 &&
                S_slot(x, k + 1, s1, &mi, &pl) >= 0 && mi >= 0 &&
                (x->in->mentions[mi].kind == AK_COUNTRY || (x->in->mentions[mi].how & AH_METONYM))) {
                g->agent = mi;
                g->place_agent = arrest;
                break;
            }
            if (S_flags(x, k) & TOK_PUNCT) break;
        }
    /* "the Russian ambassador was summoned to the Dutch foreign ministry",
     * "Germany's envoy to Russia was summoned": with no "by", the state
     * one is summoned to, else the one the envoy is posted to, summons */
    if (g->passive && g->agent < 0 && p->mode && !strcmp(p->mode, "summon")) {
        for (int k = g->end; k < s1 && k <= g->end + 1 && g->agent < 0; k++) {
            int mi, pl;
            if ((S_id(x, k) == VW_TO) && k + 1 < s1 && S_slot(x, k + 1, s1, &mi, &pl) >= 0 && mi >= 0 &&
                (x->in->mentions[mi].kind == AK_COUNTRY || x->in->mentions[mi].kind == AK_GROUP))
                g->agent = mi;
        }
        for (int k = g->s0 + 1; k + 1 < g->t && g->agent < 0; k++) {
            int mi, pl;
            if (((S_id(x, k) == VW_TO) || (S_id(x, k) == VW_IN)) &&
                S_in_list(x, k - 1, L_DIPLOMAT) &&
                S_slot(x, k + 1, g->t, &mi, &pl) >= 0 && mi >= 0 && x->in->mentions[mi].kind == AK_COUNTRY)
                g->agent = mi;
        }
    }
}

/* The other side of the one war (conflicts.tsv) the country `key` was
 * fighting on the publication day, as the document names it (its last
 * mention before byte `at`, else its first after); NULL when there is no
 * such war, the document does not name its other side, or it names the
 * other sides of several. */
static const sr_mention *S_war_side(const S_ctx *x, const char *key, int at)
{
    const code_input *in = x->in;
    if (in->day < 0) return NULL;
    const sr_mention *pick = NULL;
    const char *side = NULL;
    for (size_t i = 0; i < x->c->conflicts.len; i++) {
        const S_conflict *w = &VEC_AT(&x->c->conflicts, S_conflict, i);
        if (in->day < w->from || in->day > w->to) continue;
        const char *other = !strcmp(w->a, key) ? w->b : !strcmp(w->b, key) ? w->a : NULL;
        if (!other || (side && !strcmp(side, other))) continue;
        const sr_mention *before = NULL, *after = NULL;
        for (int mi = 0; mi < in->nmentions; mi++) {
            const sr_mention *m = &in->mentions[mi];
            if (strcmp(m->key, other) || m->sent < in->first_text_sent) continue;
            if (m->start < at) before = m;
            else if (!after) after = m;
        }
        if (!before && !after) continue;
        if (side) return NULL;   /* two wars named: no guess */
        side = other;
        pick = before ? before : after;
    }
    return pick;
}

/* The sources of an event noun: its owner or the adjective right before
 * it ("Russia's invasion", "the Biden-Putin call"), the "of" actor ("the
 * withdrawal of Russian troops"), the subject of a light verb ("Moscow is
 * planning an invasion"), the reporter of an ownerless demand. */
/* Is token k inside a time expression ("Hamas's October 7 attack")? */
static int S_in_timex(const S_ctx *x, int k)
{
    for (int i = 0; i < x->in->ntimexes; i++)
        if (k >= x->in->timexes[i].t0 && k < x->in->timexes[i].t1) return 1;
    return 0;
}

/* The verb at v in the complement of an object-control verb ("urged
 * Israel to refrain from conducting", "asked Kyiv to carry out"): its
 * subject is the one urged, written to g's sources.  1 when so. */
static int S_control_of(const S_ctx *x, int s0, int v, S_trig *g)
{
    for (int k = v; k >= s0 && k >= v - 3; k--) {
        if (k < v && (S_flags(x, k) & TOK_PUNCT)) return 0;
        if (k < v && x->minside[k] >= 0) return 0;
        if (k > s0 && S_id(x, k - 1) == VW_TO && S_controlled(x, s0, k, &g->nsrc, g->srcs)) {
            g->controlled = 1;
            return g->nsrc > 0;
        }
    }
    return 0;
}

static void S_noun_sources(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int s0 = g->s0, s1 = g->s1, t = g->t, rep;
    /* possessor or adjective right before the head */
    /* back over adjectives, not over a determiner or a verb: in
     * "Guterres condemned the attacks" Guterres owns no attack */
    int k = t - 1;
    /* nor over a preposition of time: "released the Americans following
     * talks with" (S_is_time_pp) */
    while (k >= s0 && k >= t - 3 && x->minside[k] < 0 && (S_flags(x, k) & TOK_WORD) &&
           !S_is(x, k, W_PREPS | W_TIMEPP) && !(S_flags(x, k) & TOK_CAP) && (S_id(x, k) != VW_THE) &&
           (S_id(x, k) != VW_A) && (S_id(x, k) != VW_AN) && !S_is_verb_form(x, k))
        k--;
    if (!(k >= s0 && x->minside[k] >= 0)) {
        /* a possessor further back, over participles and a
         * coordinated noun: "Russia's military build-up and
         * continued aggression against Ukraine" */
        int j = t - 1;
        while (j >= s0 && j >= t - 7 && x->minside[j] < 0 &&
               (S_in_timex(x, j) ||
                (!S_is(x, j, W_PREPS | W_DETS | W_TIMEPP) && !(S_flags(x, j) & TOK_CAP) &&
                 ((S_flags(x, j) & TOK_WORD) || (S_id(x, j) == VW_P_HYPHEN)))))
            j--;
        if (j >= s0 && x->minside[j] >= 0 && S_possessive(x, &in->mentions[x->minside[j]])) k = j;
    }
    const sr_mention *own = k >= s0 && x->minside[k] >= 0 ? &in->mentions[x->minside[k]] : NULL;
    if (own && p->mode && !strcmp(p->mode, "visit") && own->kind == AK_COUNTRY &&
        !(own->how & (AH_POSS | AH_ADJ | AH_METONYM)) && !g->ntg && own->t1 == t) {
        /* "the Germany trip": the country visited; the traveller is the subject */
        g->tg[g->ntg++] = own;
        g->nsrc = S_subject(x, s0, own->t0, g->srcs, 8, g->skip, g->nskip);
    } else if (k >= s0 && x->minside[k] >= 0) {
        /* all mentions ending at token k (a "Biden-Putin" compound holds two) */
        for (int mi = 0; mi < in->nmentions && g->nsrc < 8; mi++) {
            const sr_mention *mm = &in->mentions[mi];
            if (mm->t1 - 1 == k && mm->t0 <= k) g->srcs[g->nsrc++] = mi;
        }
        if (g->nsrc >= 2 && !g->ntg && in->mentions[g->srcs[0]].t0 == in->mentions[g->srcs[1]].t0) {
            g->tg[g->ntg++] = &in->mentions[g->srcs[1]];
            g->nsrc = 1;
        }
    }
    /* "the withdrawal of Russian troops from Kherson": the "of" actor
     * acts when it is not the pattern's target */
    if (!g->nsrc && t + 1 < s1 && (S_id(x, t + 1) == VW_OF)) {
        int mi, pl;
        if (S_slot(x, t + 2, s1, &mi, &pl) >= 0 && mi >= 0) {
            int is_tgt = 0;
            for (int k = 0; k < g->ntg; k++)
                if (g->tg[k] == &in->mentions[mi]) is_tgt = 1;
            if (!is_tgt && g->ntg) g->srcs[g->nsrc++] = mi;
        }
    }
    /* "Islamic State claimed responsibility for the attack": who claims an
     * act did it */
    if (!g->nsrc) {
        int j = t - 1;
        while (j > s0 && j >= t - 4 && (S_is(x, j, W_DETS) || (S_flags(x, j) & TOK_WORD)) && (S_id(x, j) != VW_FOR) &&
               x->minside[j] < 0 && !S_is_verb_form(x, j))
            j--;
        if (j - 2 >= s0 && (S_id(x, j) == VW_FOR) && S_id(x, j - 1) == VW_RESPONSIBILITY &&
            !strncmp(S_norm(x, j - 2), "claim", 5))
            g->nsrc = S_subject(x, s0, j - 2, g->srcs, 8, g->skip, g->nskip);
    }
    /* "the coup in Niger": a coup is done in the country it happens in */
    if (!g->nsrc && g->ntg == 1 && g->tg[0] >= in->mentions && g->tg[0] < in->mentions + in->nmentions &&
        g->tg[0]->kind == AK_COUNTRY && S_in_list(x, t, L_COUP)) {
        g->srcs[g->nsrc++] = (int)(g->tg[0] - in->mentions);
        g->self_ok = 1;
    }
    /* "Chile was under curfew": what a country is under, it is under at
     * home */
    if (!g->nsrc && p->tix == T_COERCE) {
        int j = t - 1;
        while (j > s0 && j >= t - 3 && (S_is(x, j, W_DETS) || S_is_adverb(x, j)) && x->minside[j] < 0) j--;
        if (j > s0 && S_id(x, j) == VW_UNDER) g->nsrc = S_subject(x, s0, j, g->srcs, 8, g->skip, g->nskip);
    }
    /* a bare noun with no owner names no actor ("after the meeting"),
     * unless it is the object of a verb: then that verb's subject
     * ("Moscow is planning an invasion") */
    if (!g->nsrc) {
        /* back over up to four words; an amount's figures and words are
         * free ("announced a $50 million grant to") */
        int v = t - 1, words = 0;
        while (v >= s0 && !S_is_verb_form(x, v) && !S_is_light_verb(x, v) && x->minside[v] < 0) {
            int amount = (S_flags(x, v) & TOK_NUM) || S_is(x, v, W_MONEY) ||
                         S_in_list(x, v, L_AMOUNT);
            if (!amount && (!(S_flags(x, v) & TOK_WORD) || S_is(x, v, W_PREPS) || ++words > 4)) break;
            v--;
        }
        if (v >= s0 && S_is_light_verb(x, v) && !S_control_of(x, s0, v, g))
            g->nsrc = S_subject(x, s0, v, g->srcs, 8, g->skip, g->nskip);
    }
    /* '"Serbia must step back," the envoy said': an
     * ownerless demand or charge is the reporter's */
    if (!g->nsrc && S_type_in(p->tix, S_SPEECH_ACTS) && (rep = S_reporter(x, s0, s1, t)) >= 0) {
        int is_tgt = 0;
        for (int k = 0; k < g->ntg; k++)
            if (!strcmp(g->tg[k]->key, in->mentions[rep].key)) is_tgt = 1;
        if (!is_tgt) g->srcs[g->nsrc++] = rep;
    }
}

/* The mention coordinated with mention mi right after it (within three
 * tokens, before s1), or -1. */
static int S_next_conjunct(const S_ctx *x, int mi, int s1)
{
    const sr_mention *m = &x->in->mentions[mi];
    for (int j = m->t1; j < s1 && j <= m->t1 + 3; j++)
        if (x->minside[j] >= 0 && S_coordinated(x, m, &x->in->mentions[x->minside[j]])) return x->minside[j];
    return -1;
}

/* Appends to g's sources the members of the list that mention mi opens
 * ("condemned by France, Germany and Britain", "support from Poland and
 * Lithuania"): each next mention coordinated with the one before. */
static void S_add_conjuncts(const S_ctx *x, S_trig *g, int mi)
{
    while (g->nsrc < 8) {
        int next = S_next_conjunct(x, mi, g->s1);
        if (next < 0) return;
        for (int k = 0; k < g->nskip; k++)
            if (g->skip[k] == next) return;   /* "between $S and $T" */
        g->srcs[g->nsrc++] = next;
        mi = next;
    }
}

/* The one who does the act of a gerund after an object and for, of or
 * against ("accused Russian forces on Friday of torturing", "thanked
 * Japan for sending aid", "warned Iran against arming the rebels"): that
 * object, a mention index; -1 when the object names no actor ("warned
 * the West against sending missiles": not the warner's act); -2 when t
 * is no such gerund (or no object stands before it: "was accused of"). */
static int S_gerund_agent(const S_ctx *x, int s0, int t)
{
    if (t - 2 < s0 || !S_gerund_after(x, t - 1)) return -2;
    for (int k = t - 2; k >= s0 && k >= t - 8; k--) {
        if (S_flags(x, k) & TOK_PUNCT) break;
        if (x->minside[k] < 0) continue;
        const sr_mention *mm = &x->in->mentions[x->minside[k]];
        if (mm->t0 > s0 && (k == t - 2 || S_is_verb_form(x, mm->t0 - 1))) return x->minside[k];
        break;
    }
    /* an object: a phrase after its article ("the West"; not "capable
     * of") */
    int k = t - 2;
    while (k > s0 && (S_flags(x, k) & TOK_WORD) && x->minside[k] < 0 && !S_is(x, k, W_DETS) && !S_is_verb_form(x, k))
        k--;
    return k < t - 2 && S_is(x, k, W_DETS) ? -1 : -2;
}

/* 1 when a gerund after for/of/against stands in [from, to): what comes
 * after it is its own act's ("criticised the West for selling weapons to
 * Taiwan": Taiwan is no target of the criticism). */
static int S_in_gerund_phrase(const S_ctx *x, int from, int to)
{
    for (int k = from; k + 2 < to; k++)
        if (S_gerund_at(x, k)) return 1;
    return 0;
}

/* 1 when the past participle at t is used as an adjective: after a
 * determiner, before a word of its noun phrase ("the detained blogger"). */
static int S_attributive(const S_ctx *x, int s0, int s1, int t)
{
    return t > s0 && t + 1 < s1 && S_is_past(x, t) && S_is(x, t - 1, W_DETS) && (S_flags(x, t + 1) & TOK_WORD) &&
           !S_is(x, t + 1, W_PREPS) && !S_is_verb_form(x, t + 1);
}


/* The subject of the passive verb at t (up to four), else the country of
 * an adjective right before it ("a Ukrainian convoy was attacked"). */
static int S_passive_subject(const S_ctx *x, int s0, int t, const S_trig *g, int *subj)
{
    int ns = S_subject(x, s0, t, subj, 4, g->skip, g->nskip);
    for (int k = t - 1; !ns && k >= s0 && k >= t - 6; k--)
        if (x->minside[k] >= 0 && (x->in->mentions[x->minside[k]].how & AH_ADJ)) subj[ns++] = x->minside[k];
    return ns;
}

/* The sources: the pattern's $S slot, a passive's agent, a noun's owner,
 * the one urged, the one accused, else the clause's subject.  0 when the
 * act has none. */
/* The reporter acts on the clause's subject: '"Russia must withdraw,"
 * Scholz said' (a demand), '"Israel will pay a heavy price," Tehran said'
 * (a threat).  g's source is the reporter, its targets the subjects of
 * another key; 0 when there is no reporter or no such subject. */
static int S_reporter_to_subject(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    int rep = S_reporter(x, g->s0, g->s1, g->t);
    if (rep < 0) return 0;
    int subj[4], ns = S_subject(x, g->s0, g->t, subj, 4, g->skip, g->nskip);
    for (int k = 0; k < ns && g->ntg < 8; k++)
        if (strcmp(in->mentions[subj[k]].key, in->mentions[rep].key)) g->tg[g->ntg++] = &in->mentions[subj[k]];
    if (!g->ntg) return 0;
    g->srcs[g->nsrc++] = rep;
    return 1;
}

static int S_find_sources(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int s0 = g->s0, s1 = g->s1, t = g->t;
    /* sources */
    int rep;
    g->nsrc = 0;
    g->nskip = 0;
    g->list = 0;
    for (int k = 0; k < g->bm.ntgt && g->nskip < 10; k++) g->skip[g->nskip++] = g->bm.tgt[k];
    /* '"Russia must withdraw," Scholz said': an obligation put on another
     * is the reporter's demand of it (the dev gold: "the Pakistani
     * government must halt ...", said by Kabul, is its REQUEST); with no
     * reporter it is no one's */
    if (!p->noun && p->tix == T_REQUEST && S_id(x, t) == VW_MUST) {
        /* not a judgement in the passive ("Russia must be held
         * responsible": the reporter's ACCUSE, S_SPEECH_ACTS) */
        if (t + 1 < s1 && S_id(x, t + 1) == VW_BE) return 0;
        return S_reporter_to_subject(x, g);
    }
    /* '"Israel will pay a heavy price," Tehran said', "Hamas would face
     * severe consequences, he warned": a price or consequences promised to
     * another are the reporter's threat to it; with no reporter, no one's */
    int price = 0;
    if (!p->noun && p->tix == T_THREATEN)
        for (int h = 0; h < x->lx[t]->nhead[0]; h++) {
            int lid = HENT(x->c, x->lx[t]->head[0] + h)->lid;
            price |= lid >= 0 && (lid == x->c->lid_pay || lid == x->c->lid_face);
        }
    if (price) return S_reporter_to_subject(x, g);
    /* "the agreement between China, Iran and Saudi Arabia", "talks among
     * the three": a symmetric noun's list of parties (S_group_targets
     * pairs them all) */
    int bw = t + 1;   /* "between" right after the noun, or after "was reached" */
    while (bw < s1 && bw <= t + 3 && (S_id(x, bw) != VW_BETWEEN) && (S_id(x, bw) != VW_AMONG) &&
           (S_flags(x, bw) & TOK_WORD) && x->minside[bw] < 0)
        bw++;
    if (p->noun && x->c->tsym[p->tix] && !g->ntg && g->bm.src < 0 && bw + 1 < s1 &&
        ((S_id(x, bw) == VW_BETWEEN) || (S_id(x, bw) == VW_AMONG))) {
        int k = bw + 1;
        if ((S_id(x, k) == VW_THE)) k++;
        int mi = k < s1 ? x->minside[k] : -1, twins = 0;
        if (mi >= 0 && in->mentions[mi].t0 <= k && in->mentions[mi].t0 > bw) {
            g->srcs[g->nsrc++] = mi;
            /* "talks between the two countries": the two sides are two
             * mentions on one phrase (actors.c) */
            for (int mj = 0; mj < in->nmentions && g->nsrc < 8; mj++)
                if (mj != mi && in->mentions[mj].t0 == in->mentions[mi].t0 &&
                    in->mentions[mj].t1 == in->mentions[mi].t1 && strcmp(in->mentions[mj].key, in->mentions[mi].key)) {
                    g->srcs[g->nsrc++] = mj;
                    twins = 1;
                }
            if (!twins) S_add_conjuncts(x, g, mi);
        }
        if (g->nsrc >= 3 || (twins && g->nsrc == 2)) return g->list = 1;
        g->nsrc = 0;
    }
    if (g->bm.src >= 0) {
        g->srcs[g->nsrc++] = g->bm.src;
        S_add_conjuncts(x, g, g->bm.src);
        if (!p->noun && !g->ntg) {
            /* "Ukraine received aid from $S": the subject is the target */
            int subj[4];
            int ns = S_subject(x, s0, t, subj, 4, g->skip, g->nskip);
            for (int k = 0; k < ns && g->ntg < 8; k++) g->tg[g->ntg++] = &in->mentions[subj[k]];
        }
    } else if ((g->passive || p->noun) && g->agent >= 0) {
        g->srcs[g->nsrc++] = g->agent;
        if (g->passive) {
            /* "Kuleba was received by Blinken": the subject is the target;
             * "a Ukrainian convoy was attacked": the adjective's country */
            int subj[4];
            g->skip[g->nskip < 10 ? g->nskip++ : 9] = g->agent;
            int ns = S_passive_subject(x, s0, t, g, subj);
            if (ns) g->ntg = 0;
            for (int k = 0; k < ns && g->ntg < 8; k++) g->tg[g->ntg++] = &in->mentions[subj[k]];
            /* "Odesa was shelled by Russian forces": a place as the
             * subject is its country */
            const sr_mention *pm;
            if (!ns && !g->ntg && (pm = S_place_subject(x, s0, t, g->sent)) && strcmp(pm->key, in->mentions[g->agent].key))
                g->tg[g->ntg++] = pm;
        }
    } else if (g->passive && !p->noun && g->bm.ntgt && g->ntg && p->tix == T_COERCE &&
               !strncmp(S_norm(x, t), "denied", 6)) {
        /* "the envoy was denied access to Gambia's airport", "a delegation
         * was denied entry to Russia": the one denied is the subject, the
         * one who denies is where the entry was denied */
        int subj[4], ns = S_passive_subject(x, s0, t, g, subj);
        if (!ns || g->tg[0] < in->mentions || g->tg[0] >= in->mentions + in->nmentions) return 0;
        g->srcs[g->nsrc++] = (int)(g->tg[0] - in->mentions);
        g->ntg = 0;
        for (int k = 0; k < ns && g->ntg < 8; k++) g->tg[g->ntg++] = &in->mentions[subj[k]];
        /* ... and it is denied there ("Gambia's Banjul airport") */
        if (g->bm.tplace >= 0) g->tplace = in->places[g->bm.tplace].place;
    } else if (g->passive && !p->noun && S_type_in(p->tix, S_SPEECH_ACTS) && (rep = S_reporter(x, s0, s1, t)) >= 0) {
        /* "Harris suggested that Moscow must be held accountable": a
         * judgement in the passive is the reporter's; the subject is
         * the target */
        g->srcs[g->nsrc++] = rep;
        int subj[4];
        g->skip[g->nskip < 10 ? g->nskip++ : 9] = rep;
        int ns = S_subject(x, s0, t, subj, 4, g->skip, g->nskip);
        for (int k = 0; k < ns && g->ntg < 8; k++)
            if (subj[k] != rep) g->tg[g->ntg++] = &in->mentions[subj[k]];
    } else if (g->passive && !p->noun && !g->bm.ntgt && p->tix != T_MOBILIZE && p->tix != T_RETREAT) {
        /* a passive without its agent names no source, except an attack
         * on one side of a war the document names the other side of
         * ("Kyiv was shelled overnight": Russia, when the article names
         * it); moved forces are their own country's ("Russian troops were
         * stationed near the border") */
        int subj[4], ns = 0;
        const sr_mention *side = NULL;
        if (p->tix == T_ASSAULT) ns = S_subject(x, s0, t, subj, 4, g->skip, g->nskip);
        if (ns == 1) side = S_war_side(x, in->mentions[subj[0]].key, in->mentions[subj[0]].start);
        if (!side) return 0;
        g->srcs[g->nsrc++] = (int)(side - in->mentions);
        g->ntg = 0;
        g->tg[g->ntg++] = &in->mentions[subj[0]];
    } else if (p->noun) {
        S_noun_sources(x, g);
    } else if ((rep = S_noun_owner_to(x, s0, t)) >= 0) {
        g->srcs[g->nsrc++] = rep;
    } else if (S_controlled(x, s0, t, &g->nsrc, g->srcs)) {
        g->controlled = 1;
        /* what one is urged, asked or called on to do is the request's
         * content, not an act (the gold codes the REQUEST alone) */
        for (int k = t - 2; k >= s0 && k >= t - 8; k--)
            if (S_is_verb_form(x, k)) {
                const char *v = S_norm(x, k);
                if (!strncmp(v, "urg", 3) || !strncmp(v, "ask", 3) || !strncmp(v, "call", 4) ||
                    !strncmp(v, "press", 5) || !strncmp(v, "encourag", 8) || !strncmp(v, "appeal", 6))
                    return 0;
                break;
            }
        /* "urged Russia to withdraw": the one urged acts (maybe no actor:
         * "warned Europe not to arm the rebels") */
    } else {
        /* "confront Putin for launching an invasion", "accused Russia of
         * shelling Kyiv": the one before for/of acts */
        int obj = S_gerund_agent(x, s0, t);
        if (obj == -1) return 0;
        /* a participle used as an adjective ("demanded the release of the
         * detained journalists", "the jailed opposition leader") is no
         * arrest by the clause's subject (an occupied territory is still
         * its occupier's: "the occupied Golan Heights") */
        if (obj < 0 && p->tix == T_COERCE && S_attributive(x, s0, s1, t)) return 0;
        int reduced = obj < 0 && S_reduced_relative(x, s0, t);
        /* "support to Iraqi forces fighting ISIS", "Russia attacking
         * Ukraine": a participle of an act right after an actor has it
         * for subject (a speech act's stays with its reporter: "a
         * statement by Jammeh rejecting ...") */
        const char *w = S_norm(x, t);
        size_t wl = strlen(w);
        int after = obj < 0 && !S_type_in(p->tix, S_SPEECH_ACTS) && t > s0 && wl > 4 && !strcmp(w + wl - 3, "ing") &&
                    x->minside[t - 1] >= 0 &&
                    in->mentions[x->minside[t - 1]].t1 == t;
        if (obj >= 0) g->srcs[g->nsrc++] = obj;
        else if (after) g->srcs[g->nsrc++] = x->minside[t - 1];
        else if (reduced) {
            /* "the UN Security Council vote condemning Russia": the
             * participle's subject is the noun before it; its owner, if
             * any, acts -- never the sentence's subject ("China
             * abstained from ...") */
            if (x->minside[t - 2] >= 0) g->srcs[g->nsrc++] = x->minside[t - 2];
        } else g->nsrc = S_subject(x, s0, t, g->srcs, 8, g->skip, g->nskip);
    }
    return g->nsrc > 0;
}

/* Targets the slots did not give: an actor inside the matched words
 * ("attend the NATO summit"), else the object. */
static void S_object_targets(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int s1 = g->s1, t = g->t;
    if (!g->ntg && !p->has_tgt && !g->list) {
        /* an actor inside the matched words ("attend the NATO summit"), else the object */
        for (int k = t + 1; k < g->end && g->ntg < 8; k++) {
            if (x->minside[k] < 0 || S_is(x, k - 1, W_LOCPREP)) continue;
            for (int mi = 0; mi < in->nmentions && g->ntg < 8; mi++) {
                const sr_mention *mm = &in->mentions[mi];
                if (mm->t0 != k) continue;
                int own = 0;
                for (int q = 0; q < g->nsrc; q++)
                    if (g->srcs[q] == mi || !strcmp(in->mentions[g->srcs[q]].key, mm->key)) own = 1;
                if (!own) g->tg[g->ntg++] = mm;
            }
            if (g->ntg) break;
        }
        if (!g->ntg) {
            int mi = S_object_after(x, g->end, s1, g->end);
            /* two sides that act together ("Kenya and Ethiopia agreed to
             * share intelligence on al-Shabaab") do it with each other: an
             * actor after on/about/over/against is their topic */
            int topic = mi >= 0 && g->nsrc >= 2 && x->c->tsym[p->tix] && in->mentions[mi].t0 > 0 &&
                        S_in_list(x, in->mentions[mi].t0 - 1, L_TOPIC_PREP);
            if (mi >= 0 && !topic) {
                g->tg[g->ntg++] = &in->mentions[mi];
                /* and those coordinated with it ("threatened to cut gas to
                 * Poland and Bulgaria"); not after an adjective, which
                 * modifies another noun ("the limits of American or NATO
                 * willingness") */
                int own = 0;
                for (int q = 0; q < g->nsrc; q++)
                    if (!strcmp(in->mentions[g->srcs[q]].key, in->mentions[mi].key)) own = 1;
                while (g->ntg < 8 && !own && !(in->mentions[mi].how & AH_ADJ)) {
                    int next = S_next_conjunct(x, mi, s1);
                    if (next < 0) break;
                    g->tg[g->ntg++] = &in->mentions[next];
                    mi = next;
                }
            }
        }
    }
}

/* The other side of an act among the sources themselves: a joint act,
 * "accused each other", a symmetric act of coordinated subjects. */
static void S_group_targets(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int s1 = g->s1, t = g->t;
    /* "Poland and Lithuania agreed to start joint patrols along their
     * borders with Belarus": a joint act is between its subjects */
    int joint = 0;
    for (int k = t; k <= g->bm.lit_last && k < s1; k++)
        if ((S_id(x, k) == VW_JOINT) || (S_id(x, k) == VW_JOINTLY)) joint = 1;
    if (joint && g->nsrc >= 2 && !p->has_tgt &&
        (p->tix == T_COOPERATE || p->tix == T_CONSULT || p->tix == T_AGREE)) {
        g->ntg = 0;
        if (g->nsrc == 2) {
            g->tg[g->ntg++] = &in->mentions[g->srcs[1]];
            g->nsrc--;
        }
        /* three or more ("Iran, Saudi Arabia and China signed a joint
         * statement"): each pair, below */
    }
    /* "Washington and Moscow accused each other", "traded threats",
     * "exchanged fire", "Indian and Chinese troops clashed" (not
     * "clashes": a verb in -s has one subject, so it is the plural noun,
     * "to end deadly border clashes"): both ways */
    const char *v = S_norm(x, t);
    int vid = S_id(x, t);
    int reciprocal = !p->noun && (!strncmp(v, "trade", 5) || (vid == VW_TRADING) || !strncmp(v, "exchange", 8) ||
                                  (vid == VW_EXCHANGING) || (S_in_list(x, t, L_CLASH) && v[strlen(v) - 1] != 's'));
    for (int k = t + 1; k < s1 && k <= g->end + 1; k++)
        if (((S_id(x, k) == VW_EACH) && k + 1 < s1 && (S_id(x, k + 1) == VW_OTHER)) ||
            ((S_id(x, k) == VW_ONE) && k + 1 < s1 && (S_id(x, k + 1) == VW_ANOTHER)))
            reciprocal = 1;
    /* "India and China agreed to pull back their troops", "to disengage":
     * two sides that withdraw with no one named withdraw from each other */
    if (g->nsrc == 2 && !g->ntg && p->tix == T_RETREAT && p->mode && !strcmp(p->mode, "withdraw"))
        reciprocal = 1;
    /* ... and two sides that mass troops along their border with no one
     * named mass them against each other ("India and China have massed
     * troops along their border") */
    if (g->nsrc == 2 && !g->ntg && p->tix == T_MOBILIZE && strcmp(in->mentions[g->srcs[0]].key, in->mentions[g->srcs[1]].key))
        for (int k = g->end > t ? g->end : t + 1; k + 1 < s1 && k <= g->end + 4; k++)
            if ((S_id(x, k) == VW_THEIR || S_id(x, k) == VW_THE) && S_in_list(x, k + 1, L_BORDER)) reciprocal = 1;
    if (reciprocal && g->nsrc >= 2 && !g->ntg) {
        for (int k = 0; k < g->nsrc && g->ntg < 8; k++) g->tg[g->ntg++] = &in->mentions[g->srcs[k]];
    }
    /* symmetric acts of coordinated subjects: "X and Y met", "Armenia
     * and Azerbaijan declared a ceasefire" */
    g->allpairs = 0;  /* each subject with each one named after it */
    /* "Washington and Seoul agreed to coordinate their strategy on North
     * Korea": an actor of the infinitive's content is no party to it */
    if (g->ntg && g->nsrc >= 2 && !g->bm.ntgt && x->c->tsym[p->tix] &&
        S_infinitive_between(x, g->bm.end - 1, g->tg[0]->t0))
        g->ntg = 0;
    if (!g->ntg && g->nsrc >= 2 &&
        (p->tix == T_CONSULT || p->tix == T_AGREE || p->tix == T_COOPERATE ||
         (p->tix == T_RETREAT && p->mode && !strcmp(p->mode, "ceasefire")))) {
        /* "Chile, Peru and Bolivia signed the accords": one line per
         * pair (spec conventions: multi-party acts) */
        g->allpairs = 1;
        for (int k = 1; k < g->nsrc && g->ntg < 8; k++) g->tg[g->ntg++] = &in->mentions[g->srcs[k]];
    }
}

/* The treaty named at token k (the longest of its names), or -1; *len is
 * the number of tokens of the name. */
static int S_treaty_at(const S_ctx *x, int k, int s1, int *len)
{
    int best = -1;
    *len = 0;
    for (size_t i = 0; i < x->c->treaties.len; i++) {
        const S_treaty *w = &VEC_AT(&x->c->treaties, S_treaty, i);
        for (int n = 0; n < w->nnames; n++) {
            int j = 0;
            while (j < w->nwords[n] && k + j < s1 && S_id(x, k + j) == w->name[n][j]) j++;
            if (j == w->nwords[n] && j > *len) {
                *len = j;
                best = (int)i;
            }
        }
    }
    return best;
}

/* A rejection of a treaty named after its trigger: its targets are the
 * other side's parties, each a mention on the treaty's name. */
static int S_treaty_targets(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const char *src = in->mentions[g->srcs[0]].key;
    for (int k = g->t + 1; k < g->s1 && k <= g->end + 8; k++) {
        if (S_is_report_word(x, k) || (S_id(x, k) == VW_P_SEMICOLON)) return 0;
        int len, ti = S_treaty_at(x, k, g->s1, &len);
        if (ti < 0) continue;
        const S_treaty *w = &VEC_AT(&x->c->treaties, S_treaty, ti);
        int side = -1;
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < w->nside[a]; b++)
                if (!strcmp(w->side[a][b], src)) side = a;
        if (side < 0) return 0;
        const char (*other)[16] = w->side[1 - side];
        for (int b = 0; b < w->nside[1 - side] && g->ntg < 8; b++) {
            sr_mention *m = arena_alloc(x->a, sizeof *m);
            if (!m) return SITREP_ENOMEM;
            memset(m, 0, sizeof *m);
            m->t0 = k;
            m->t1 = k + len;
            m->start = in->seg->toks[k].start;
            m->end = in->seg->toks[k + len - 1].end;
            m->sent = g->sent;
            m->kind = strlen(other[b]) == 3 ? AK_COUNTRY : AK_ORG;
            snprintf(m->key, sizeof m->key, "%s", other[b]);
            snprintf(m->code, sizeof m->code, "%s", other[b]);
            const sr_place *c = in->gaz && m->kind == AK_COUNTRY ? gazetteer_country(in->gaz, other[b]) : NULL;
            m->name = c ? c->name : NULL;
            m->gender = '-';
            m->how = AH_COREF;
            m->why = arena_printf(x->a, "a party to the %s", w->title);
            if (!m->why) return SITREP_ENOMEM;
            g->tg[g->ntg++] = m;
        }
        return 0;
    }
    return 0;
}

/* Targets the clause implies: an attacked place's country, a threat's
 * condition, a rejection's owner, the other side of "they", none that is
 * the passive's agent, a conjoined verb's. */
static int S_implied_targets(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int sent = g->sent, s0 = g->s0, s1 = g->s1, t = g->t;
    if (!g->ntg && (p->tix == T_ASSAULT || p->tix == T_COERCE ||
                 (p->tix == T_PROTEST && p->mode && !strcmp(p->mode, "boycott")))) {
        /* "struck a base near Lviv": the attacked place's country;
         * "boycotted the Olympic Games in China": the host's */
        for (int i = 0; i < in->nplaces && !g->ntg; i++) {
            const sr_place_ref *pr = &in->places[i];
            if (pr->t0 < g->end || pr->t0 >= s1 || pr->t0 - g->end > 8) continue;
            if (S_crosses_clause(x, g->end, pr->t0)) break;
            int pwid = S_id(x, pr->t0 - 1);
            if ((pwid != VW_IN) && (pwid != VW_NEAR) && (pwid != VW_OUTSIDE) && (pwid != VW_ON) &&
                (pwid != VW_AT) && (pwid != VW_AROUND))
                continue;
            const sr_mention *pm = S_place_actor(x, pr, sent);
            if (!pm) return SITREP_ENOMEM;
            g->tg[g->ntg++] = pm;
            if (pr->place->kind != 'C') g->tplace = pr->place;
        }
    }
    /* "ready to respond decisively if Russia invades": a threat's
     * target is the one whose act is the condition */
    if (!g->ntg && p->tix == T_THREATEN) {
        for (int k = s0; k + 1 < s1 && !g->ntg; k++) {
            if ((S_id(x, k) != VW_IF) && (S_id(x, k) != VW_UNLESS)) continue;
            for (int j = k + 1; j < s1 && j <= k + 3; j++) {
                if (x->mstart[j] < 0) continue;
                const sr_mention *cm = &in->mentions[x->mstart[j]];
                int own = 0;
                for (int q = 0; q < g->nsrc; q++)
                    if (!strcmp(in->mentions[g->srcs[q]].key, cm->key)) own = 1;
                if (!own) g->tg[g->ntg++] = cm;
                break;
            }
        }
    }
    /* "withdrew from the INF treaty": leaving a treaty rejects its other
     * side (treaties.tsv) */
    if (!g->ntg && g->nsrc && p->tix == T_REJECT) {
        int rc = S_treaty_targets(x, g);
        if (rc) return rc;
    }
    /* "Putin's red line ... I will not accept anyone's red line": a
     * rejection's target is the owner of what is rejected */
    if (!g->ntg && (p->tix == T_REJECT || p->tix == T_CONCEDE)) {
        for (int mi = 0; mi < in->nmentions && !g->ntg; mi++) {
            const sr_mention *mm = &in->mentions[mi];
            if (mm->sent != sent || !(mm->how & AH_POSS) || mm->t0 >= t) continue;
            int own = 0;
            for (int q = 0; q < g->nsrc; q++)
                if (!strcmp(in->mentions[g->srcs[q]].key, mm->key)) own = 1;
            if (!own) g->tg[g->ntg++] = mm;
        }
    }
    /* "Moscow is planning an invasion": an attack with no target is
     * kept for now; S_implicit_targets gives it the one target its
     * source attacks, threatens or masses troops against elsewhere */
    /* "They will meet again next week", "they" standing for the two
     * sides of the sentence before (two mentions on one token): one
     * side meets the other */
    if (!g->ntg && g->nsrc == 1 && (in->mentions[g->srcs[0]].how & AH_PRONOUN) &&
        (p->tix == T_CONSULT || p->tix == T_AGREE || p->tix == T_COOPERATE)) {
        const sr_mention *sm = &in->mentions[g->srcs[0]];
        for (int mi = 0; mi < in->nmentions; mi++) {
            const sr_mention *o = &in->mentions[mi];
            if (mi == g->srcs[0] || o->t0 != sm->t0 || o->t1 != sm->t1 || !strcmp(o->key, sm->key)) continue;
            if (o->pair < sm->pair) {
                g->tg[g->ntg++] = sm;
                g->srcs[0] = mi;
            } else {
                g->tg[g->ntg++] = o;
            }
            break;
        }
    }
    if (g->passive && g->agent >= 0) {
        /* the agent is never also the target ("was deemed impossible
         * by the Pentagon") */
        int kept = 0;
        for (int k = 0; k < g->ntg; k++)
            if (g->tg[k]->t0 != in->mentions[g->agent].t0) g->tg[kept++] = g->tg[k];
        g->ntg = kept;
    }
    /* a second verb of the same subject shares the first one's target:
     * "will not send troops to Ukraine but will send weapons", "withdrew
     * from Kherson and shelled the city" */
    if (!g->ntg && !p->noun && g->nsrc == 1 && S_conjoined_verb(x, s0, t)) {
        for (size_t i = x->events.len; i-- > 0;) {
            const sr_event *o = &VEC_AT(&x->events, sr_event, i);
            if (o->sent != sent) break;
            if (!o->target || !o->source || strcmp(o->source->key, in->mentions[g->srcs[0]].key)) continue;
            g->tg[g->ntg++] = o->target;
            break;
        }
    }
    return 0;
}


/* Targets the slots did not give (S_object_targets, S_group_targets,
 * S_implied_targets). */
/* "the two countries", "both sides", "the four countries": the recogniser
 * puts one mention per side on the same words (actors.c, S_emit_sides,
 * S_ref_the_n); the coder sees one of
 * them at a token, so each source and target of a one-sided act brings
 * its twins: "The two countries trade blame" is both ways, "Russia warned
 * the two countries" warns each.  A bare "they" for two sides is left to
 * the symmetric acts it most often stands in ("They will meet again"). */
static int S_is_twin(const sr_mention *o, const sr_mention *m)
{
    return o != m && o->pair && o->t0 == m->t0 && o->t1 == m->t1 && strcmp(o->key, m->key);
}

static void S_pair_twins(const S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    /* one side meets the other: S_implied_targets pairs them */
    if (x->c->tsym[g->p->tix]) return;
    /* "the two sides", not "they" */
    for (int q = 0, n = g->nsrc; q < n; q++) {
        const sr_mention *sm = &in->mentions[g->srcs[q]];
        for (int mi = 0; sm->pair && sm->t1 - sm->t0 >= 2 && mi < in->nmentions && g->nsrc < 8; mi++)
            if (S_is_twin(&in->mentions[mi], sm)) g->srcs[g->nsrc++] = mi;
    }
    for (int q = 0, n = g->ntg; q < n; q++) {
        const sr_mention *tm = g->tg[q];
        for (int mi = 0; tm->pair && tm->t1 - tm->t0 >= 2 && mi < in->nmentions && g->ntg < 8; mi++)
            if (S_is_twin(&in->mentions[mi], tm)) g->tg[g->ntg++] = &in->mentions[mi];
    }
}

static int S_more_targets(S_ctx *x, S_trig *g)
{
    S_object_targets(x, g);
    S_pair_twins(x, g);
    S_group_targets(x, g);
    return S_implied_targets(x, g);
}

/* "travelled to Helsinki for a meeting with Putin": a trip to a place
 * (the target tm, a place or its seat of power) for talks with another
 * side is that meeting (third-party), not a visit to the host country
 * (the gold conventions).  end: the first token after the trip's words. */
static int S_trip_for_talks(const S_ctx *x, int t, int end, int s1, const sr_mention *tm)
{
    if (!((tm->how & (AH_PLACE | AH_METONYM)) || x->pstart[tm->t0] >= 0)) return 0;
    int purpose = 0;
    for (int k = end; k < s1 && k <= t + 14 && !(S_flags(x, k) & TOK_PUNCT); k++) {
        if (S_id(x, k) == VW_FOR || S_id(x, k) == VW_TO) purpose = k;
        if (!purpose || k - purpose > 5 || !S_in_list(x, k, L_TALKS)) continue;
        for (int j = k + 1; j < s1 && j <= k + 3; j++)
            if (x->mstart[j] >= 0 && strcmp(x->in->mentions[x->mstart[j]].key, tm->key) &&
                (j == k + 1 || S_id(x, j - 1) == VW_WITH || S_id(x, k + 1) == VW_WITH))
                return 1;
    }
    return 0;
}

/* 1 when the act stands with what it has (a type that needs a target
 * has one, or may find one later), 0 when it is dropped; a request's
 * addressee from its time clause. */
static int S_keep_act(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int sent = g->sent, s1 = g->s1, t = g->t;
    /* troops massed or drilling with no place named: toward the one
     * country the source moves against elsewhere ("China launched much
     * larger drills last year"), else untargeted */
    /* "a resolution demanding that Russia withdraw": what is demanded is
     * not done (the gold codes the REQUEST alone) */
    if (!p->noun && g->nsrc && g->srcs[0] >= 0) {
        int st = in->mentions[g->srcs[0]].t0;
        if (st - 2 >= g->s0 && st < t && (S_id(x, st - 1) == VW_THAT) &&
            (!strncmp(S_norm(x, st - 2), "demand", 6) || !strncmp(S_norm(x, st - 2), "urg", 3)))
            return 0;
    }
    int drills = p->tix == T_MOBILIZE && p->mode && !strcmp(p->mode, "troops");
    /* ... unless a destination is named ("to several parts of west
     * Africa"); "to the border" is the border with that one country */
    int dest = 0, border = 0;
    for (int k = g->end > t ? g->end : t + 1; drills && k < s1 && !(S_flags(x, k) & TOK_PUNCT); k++) {
        int wid = S_id(x, k);
        if (wid == VW_TO || wid == VW_IN || wid == VW_NEAR || wid == VW_ALONG || wid == VW_AROUND ||
            wid == VW_TOWARD || wid == VW_TOWARDS || wid == VW_INTO)
            dest = 1;
        if (dest && S_in_list(x, k, L_BORDER))
            border = 1;
    }
    if (dest && !border) drills = 0;
    /* a refusal, demand or charge with no addressee named: the one side the
     * source deals with elsewhere in the document, else untargeted */
    int speech = p->tix == T_REJECT || p->tix == T_REQUEST || p->tix == T_ACCUSE;
    /* ... and so is a sanction ("a response centred on powerful sanctions") */
    int sanction = p->tix == T_SANCTION;
    /* ... and a threat or warning with no one named ("Tehran vowed to
     * retaliate"): unless the one warned is named but is no actor ("warned
     * the West not to ...", a capitalised word right after the verb) */
    int threat = p->tix == T_THREATEN;
    if (threat && !p->noun) {
        int k = g->end > t ? g->end : t + 1;
        if (k < s1 && S_id(x, k) == VW_THE) k++;
        threat = !(k < s1 && (S_flags(x, k) & TOK_CAP));
    }
    /* ... or what it warns about names another actor ("warned that any
     * expansion of NATO's infrastructure is a red line") */
    for (int k = t + 1; threat && k < s1; k++)
        if (x->mstart[k] >= 0 && in->mentions[x->mstart[k]].key[0] && g->nsrc && g->srcs[0] >= 0 &&
            strcmp(in->mentions[x->mstart[k]].key, in->mentions[g->srcs[0]].key))
            threat = 0;
    g->implicit = !g->ntg && (p->tix == T_ASSAULT || (p->noun && p->tix == T_AID) || drills || speech ||
                              sanction || threat);
    /* an organisation's own summit or session meets no one of its own
     * ("ECOWAS will hold an extraordinary summit", "the bloc was due to
     * meet in Abuja"): an untargeted CONSULT (the dev gold codes it so) */
    int own_meeting = !g->ntg && p->tix == T_CONSULT && g->nsrc == 1 && g->srcs[0] >= 0 &&
                      in->mentions[g->srcs[0]].kind == AK_ORG && in->mentions[g->srcs[0]].t1 <= t;
    if (own_meeting && p->noun) {
        /* a summit it holds or convenes, not one named ("the NATO summit
         * in July", "host the BRICS summit") */
        own_meeting = 0;
        for (int k = t - 1; k >= g->s0 && k >= t - 4 && !own_meeting; k--)
            own_meeting = S_in_list(x, k, L_HOLD);
        own_meeting = own_meeting && S_in_list(x, t, L_SUMMIT);
    } else if (own_meeting) {
        own_meeting = S_in_list(x, t, L_MEET);
    }
    /* ... and its members' agreement among themselves ("OPEC+ agreed on a
     * major cut in production") agrees with no one outside it */
    int own_accord = !g->ntg && p->tix == T_AGREE && g->nsrc == 1 && g->srcs[0] >= 0 &&
                     in->mentions[g->srcs[0]].kind == AK_ORG && strlen(in->mentions[g->srcs[0]].key) != 3 &&
                     in->mentions[g->srcs[0]].t1 <= t && !p->noun;
    if (!g->ntg && !g->implicit && !own_meeting && !own_accord && !S_type_in(p->tix, S_NULL_TARGET_OK) &&
        !S_home_easing(p))
        return 0;
    if (p->tix == T_CONSULT && p->mode && !strcmp(p->mode, "visit") && g->ntg == 1 &&
        S_trip_for_talks(x, t, g->end > t ? g->end : t + 1, s1, g->tg[0]))
        return 0;
    /* "the M23 rebels, backed by Rwanda,", "the Houthis, who are backed by
     * Iran": a backer named in passing describes an actor, not an event
     * (the gold conventions) */
    if (p->tix == T_SUPPORT && g->passive && !p->noun && g->agent >= 0 && t > g->s0) {
        int k = t - 1;
        while (k > g->s0 && (S_id(x, k) == VW_ARE || S_id(x, k) == VW_IS || S_id(x, k) == VW_WERE ||
                             S_id(x, k) == VW_WAS || S_is_adverb(x, k)))
            k--;
        int rel = S_in_list(x, k, L_RELATIVE) && k < t - 1;
        if (S_in_list(x, t, L_BACKED) &&
            (rel || (S_id(x, k) == VW_P_COMMA && k == t - 1) || (x->minside[k] >= 0 && k == t - 1)))
            return 0;
    }
    /* "called on the UN to investigate": the act asked for, with no
     * target of its own, is only the request's content */
    if (!g->ntg && g->controlled) return 0;
    /* "Zelensky will request aid when he addresses Congress": a
     * target that is only a pronoun for the source leaves no target */
    if (g->ntg && S_type_in(p->tix, S_NULL_TARGET_OK)) {
        int other = 0;
        for (int b = 0; b < g->ntg; b++)
            for (int a = 0; a < g->nsrc; a++)
                if (!(g->tg[b]->how & AH_PRONOUN) || strcmp(g->tg[b]->key, in->mentions[g->srcs[a]].key)) other = 1;
        if (!other) g->ntg = 0;
    }
    /* "will ask for aid when he addresses Congress", "will request
     * assistance when he visits Ottawa": a request is made to the one
     * its time clause addresses or visits */
    if (!g->ntg && p->tix == T_REQUEST) {
        int end2 = g->bm.end > t ? g->bm.end : t + 1;
        for (int k = end2; k + 2 < s1 && !g->ntg; k++) {
            if ((S_id(x, k) != VW_WHEN)) continue;
            for (int j = k + 1; j < s1 && j <= k + 5 && !g->ntg; j++) {
                const char *v = S_norm(x, j);
                int vid = S_id(x, j);
                if (strncmp(v, "address", 7) && strncmp(v, "visit", 5) && strncmp(v, "meet", 4) &&
                    (vid != VW_MET) && strncmp(v, "travel", 6))
                    continue;
                int q = j + 1;
                if (q < s1 && (S_id(x, q) == VW_TO)) q++;
                int mi = -1, pl = -1;
                if (q < s1 && (S_slot(x, q, s1, &mi, &pl) < 0 || (mi < 0 && pl < 0)) &&
                    (S_id(x, q) == VW_THE))
                    q++;
                if (q < s1 && S_slot(x, q, s1, &mi, &pl) >= 0) {
                    if (mi >= 0) g->tg[g->ntg++] = &in->mentions[mi];
                    else if (pl >= 0) {
                        const sr_mention *pm = S_place_actor(x, &in->places[pl], sent);
                        if (!pm) return SITREP_ENOMEM;
                        g->tg[g->ntg++] = pm;
                    }
                }
            }
            break;
        }
    }
    return 1;
}

/* One event per distinct (source key, target key). */
/* A release by exchange: a RETREAT whose words [t, end) swap, exchange or
 * trade ("swapped prisoners with", "a prisoner exchange with"). */
static int S_is_swap(const S_ctx *x, const S_pat *p, int t, int end)
{
    if (p->tix != T_RETREAT || !p->mode || strcmp(p->mode, "release")) return 0;
    for (int k = t; k < end; k++) {
        const char *w = S_norm(x, k);
        int wid = S_id(x, k);
        if (!strncmp(w, "swap", 4) || !strncmp(w, "exchang", 7) || !strncmp(w, "trade", 5) || (wid == VW_TRADING))
            return 1;
    }
    return 0;
}

static int S_emit_pairs(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    const S_pat *p = g->p;
    int sent = g->sent, s0 = g->s0, s1 = g->s1, t = g->t;
    char seen[16][40];
    int nseen = 0;
    for (int a = 0; a < g->nsrc; a++) {
        const sr_mention *sm = &in->mentions[g->srcs[a]];
        /* every target is the source itself, found in the infinitive
         * after a pattern without $T ("called on Western leaders to
         * impose a no-fly zone over Ukraine"): a type that may stand
         * without a target keeps the act, untargeted */
        int untargeted = g->ntg && !g->bm.ntgt && S_type_in(p->tix, S_NULL_TARGET_OK) &&
                         S_infinitive_between(x, g->bm.end - 1, g->tg[0]->t0);
        for (int b = 0; untargeted && b < g->ntg; b++)
            if (!S_self_target(p, sm, g->tg[b])) untargeted = 0;
        int nt = g->ntg && !untargeted ? g->ntg : 1;
        for (int b = 0; b < nt; b++) {
            const sr_mention *tm = g->ntg && !untargeted ? g->tg[b] : NULL;
            /* "the army deployed troops in Khartoum": a deployment at home */
            if (tm && !g->self_ok && S_self_target(p, sm, tm) &&
                !(p->tix == T_MOBILIZE && S_home_deployment(x, sm, s0, s1)))
                continue;
            /* each pair once: the one named after (the two sides of "the
             * two countries" share a phrase: in their order) */
            if (g->allpairs && tm && (tm->t0 < sm->t0 || (tm->t0 == sm->t0 && tm <= sm))) continue;
            char pair[40];
            snprintf(pair, sizeof pair, "%s>%s", sm->key, tm ? tm->key : "");
            int dup = 0;
            for (int k = 0; k < nseen; k++)
                if (!strcmp(seen[k], pair)) dup = 1;
            if (dup || nseen == 16) continue;
            memcpy(seen[nseen++], pair, sizeof pair);
            /* each target its own place ("visited Poland and Romania") */
            const sr_place *here = g->tplace;
            if (g->tplace && tm && tm->t0 >= 0 && tm->t0 < in->seg->ntoks && x->pstart[tm->t0] >= 0) {
                const sr_place *own = in->places[x->pstart[tm->t0]].place;
                if (!strcmp(own->country, tm->key)) here = own;
            }
            size_t before = x->events.len;
            x->abroad = g->place_agent;
            int rc = S_add_event(x, p, sent, t, &g->bm, sm, tm, here, s0, s1);
            x->abroad = 0;
            if (!rc && g->implicit && x->events.len > before)
                VEC_AT(&x->events, sr_event, x->events.len - 1).implicit_target = 1;
            if (rc) return rc;
            /* a swap releases on both sides: "France swapped prisoners
             * with Iran" is one release each way (the gold conventions) */
            if (tm && strcmp(tm->key, sm->key) && S_is_swap(x, p, t, g->bm.end) &&
                (rc = S_add_event(x, p, sent, t, &g->bm, tm, sm, here, s0, s1)))
                return rc;
        }
    }
    return 0;
}

/* Where scanning resumes after an act: past the pattern's own literal
 * words, except that
 * - a threat's infinitive is its own, hypothetical, event ("threatened to
 *   attack South Korea": THREATEN + ASSAULT);
 * - a refusal is the only event of its clause ("declined to send weapons"
 *   is a REJECT, not also a negated AID). */
static int S_resume(const S_ctx *x, const S_trig *g)
{
    const S_pat *p = g->p;
    int s1 = g->s1, t = g->t;
    int resume = g->bm.lit_last > t ? g->bm.lit_last : t;
    if (p->tix == T_THREATEN) {
        /* "threatened to X", "warned Belarus that it will X" */
        for (int k = t + 1; k <= g->bm.lit_last; k++)
            if ((S_id(x, k) == VW_TO) || (S_id(x, k) == VW_THAT)) { resume = k; break; }
        if (g->bm.end < s1 && (S_id(x, g->bm.end) == VW_THAT)) resume = g->bm.end;
    } else if (p->tix == T_REJECT && g->bm.lit_last > t && (S_id(x, g->bm.lit_last) == VW_TO)) {
        while (resume + 1 < s1 && !(S_flags(x, resume + 1) & TOK_PUNCT)) resume++;
    }
    return resume;
}

/* A civil war is fought within one country: an ASSAULT from it to itself
 * (the gold conventions key both sides of an internal war to the country).
 * The country is the one the war is "in", else its owner ("Sudan's civil
 * war", "the Syrian civil war"), else the one the report names most.
 * 1 when the trigger is a civil war and its sides are set. */
static int S_civil_war(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    int t = g->t;
    if (g->p->tix != T_ASSAULT || !g->p->noun || t <= g->s0 || S_id(x, t - 1) != VW_CIVIL ||
        !S_in_list(x, t, L_WAR_CONFLICT))
        return 0;
    const sr_mention *c = NULL;
    for (int k = 0; k < g->ntg && !c; k++)
        if (g->tg[k]->kind == AK_COUNTRY) c = g->tg[k];
    if (!c && t - 2 >= g->s0 && x->minside[t - 2] >= 0 && in->mentions[x->minside[t - 2]].kind == AK_COUNTRY)
        c = &in->mentions[x->minside[t - 2]];
    /* the one country its sentence names ("Myanmar's hospitals, ravaged
     * by years of civil war") */
    for (int mi = 0; mi < in->nmentions; mi++) {
        const sr_mention *m = &in->mentions[mi];
        if (c || m->sent != g->sent || !m->key[0] || strlen(m->key) != 3) continue;
        for (int mj = mi + 1; mj < in->nmentions && m; mj++)
            if (in->mentions[mj].sent == g->sent && strlen(in->mentions[mj].key) == 3 &&
                strcmp(in->mentions[mj].key, m->key))
                m = NULL;   /* two countries: no guess */
        c = m;
        break;
    }
    for (int mi = 0; !c && x->nkeyrank && mi < in->nmentions; mi++)
        if (in->mentions[mi].kind == AK_COUNTRY && !strcmp(in->mentions[mi].key, x->keyrank[0]))
            c = &in->mentions[mi];
    if (!c) return 0;
    g->nsrc = 1;
    g->srcs[0] = (int)(c - in->mentions);
    g->nskip = 0;
    g->list = 0;
    g->ntg = 1;
    g->tg[0] = c;
    g->self_ok = 1;
    return 1;
}

/* A protest with no actor for its protesters ("Thousands protested in
 * Tbilisi", "protesters rallied in Belgrade") is that place's country's
 * people against their state (the gold conventions key both sides to the
 * country): its source is a mention of that country, in the sentence or
 * else the document's first.  1 when found. */
static int S_protest_place(S_ctx *x, S_trig *g)
{
    const code_input *in = x->in;
    if (g->p->tix != T_PROTEST || g->p->noun) return 0;
    int end = g->bm.end > g->t ? g->bm.end : g->t + 1;
    const char *country = NULL;
    for (int k = g->t + 1; k < g->s1 && k <= end + 4 && !country; k++) {
        if (S_flags(x, k) & TOK_PUNCT) break;
        if (x->pstart[k] >= 0 && k > g->s0 && S_is(x, k - 1, W_PLACEPREP))
            country = in->places[x->pstart[k]].place->country;
    }
    if (!country) return 0;
    /* the country itself before a mention of its parts ("Serbia's
     * parliament"), one in the sentence before one elsewhere */
    const sr_mention *c = NULL;
    for (int mi = 0; mi < in->nmentions; mi++) {
        const sr_mention *m = &in->mentions[mi];
        if (strcmp(m->key, country)) continue;
        if (!c || (m->sent == g->sent && c->sent != g->sent) ||
            (m->kind == AK_COUNTRY && c->kind != AK_COUNTRY && (m->sent == g->sent) == (c->sent == g->sent)))
            c = m;
    }
    if (!c) return 0;
    g->nsrc = 1;
    g->srcs[0] = (int)(c - in->mentions);
    g->nskip = 0;
    g->list = 0;
    return 1;
}

/* Codes one sentence by the rules: each token that triggers a pattern goes
 * through the steps above, and each (source, target) pair it finds is an
 * event (S_add_event). */
static int S_code_sentence(S_ctx *x, int sent)
{
    const code_input *in = x->in;
    const sr_sentence *se = &in->seg->sents[sent];
    int s0 = se->tok0, s1 = se->tok0 + se->ntok;
    int last_lit = -2;
    for (int t = s0; t < s1; t++) {
        if (!(S_flags(x, t) & TOK_WORD)) continue;
        if (x->minside[t] >= 0 && (in->mentions[x->minside[t]].how & (AH_EXACT | AH_COMPOSED | AH_METONYM))) continue;
        S_trig tr, *g = &tr;
        g->p = S_best_pattern(x, s0, s1, t, &g->bm);
        if (!g->p) continue;
        g->sent = sent;
        g->s0 = s0;
        g->s1 = s1;
        g->t = t;
        if (!S_trigger_ok(x, g, last_lit)) continue;
        int rc = S_pattern_targets(x, g);
        if (rc) return rc;
        S_find_agent(x, g);
        g->self_ok = 0;
        if (!S_civil_war(x, g)) {
            /* a bare "war" is coded only as a civil war: "the Afghanistan
             * war", "the Ukraine war" name a place, not a side */
            if (g->p->noun && g->p->nel == 0 && S_in_list(x, t, L_WAR))
                continue;
            if (!S_find_sources(x, g) && !S_protest_place(x, g)) continue;
            /* protesters with no country of their own, given the one
             * named last ("demonstrators burned Israeli flags outside the
             * embassy in Amman"), are the people of the place they protest
             * in */
            if (g->nsrc == 1 && (in->mentions[g->srcs[0]].how & AH_COREF) &&
                strlen(in->mentions[g->srcs[0]].code) == 6 && !strcmp(in->mentions[g->srcs[0]].code + 3, "CVL"))
                S_protest_place(x, g);
        }
        if ((rc = S_more_targets(x, g))) return rc;
        if ((rc = S_keep_act(x, g)) <= 0) {
            if (rc) return rc;
            continue;
        }
        if ((rc = S_emit_pairs(x, g))) return rc;
        t = S_resume(x, g);
        last_lit = t;
    }
    return 0;
}

/* A meeting whose sentence names no place happened where the visitor
 * is: a city of the host country named in the document after in/at
 * ("Harris will meet Iohannis on Friday" ... "Harris arrives in
 * Bucharest"), or, for meetings with third parties, the one city the
 * visitor is reported in ("in Munich Friday and Saturday"), else the one
 * side's country the pair's other meetings are placed in. */
static void S_scene_locations(S_ctx *x)
{
    const code_input *in = x->in;
    sr_event *ev = x->events.data;
    int n = (int)x->events.len;
    for (int i = 0; i < n; i++) {
        sr_event *e = &ev[i];
        if (e->place || S_tix(e->type) != T_CONSULT || e->modality == MOD_HYPOTHETICAL || e->modality == MOD_NEGATED ||
            !e->target)
            continue;
        const sr_place *best = NULL;
        int bestn = 0;
        /* cities of the target's country after a locative word */
        for (int k = 0; k < in->nplaces; k++) {
            const sr_place_ref *pr = &in->places[k];
            if (pr->place->kind != 'P' || strcmp(pr->place->country, e->target->key) || pr->t0 == 0) continue;
            int pwid = S_id(x, pr->t0 - 1);
            /* "in Kyiv", "visiting Munich" -- not "aid to Kyiv" */
            if ((pwid != VW_IN) && (pwid != VW_AT) && (pwid != VW_VISITING)) continue;
            int cnt = 0;
            for (int j = 0; j < in->nplaces; j++)
                if (in->places[j].place == pr->place) cnt++;
            if (cnt > bestn) { bestn = cnt; best = pr->place; }
        }
        if (!best && e->source) {
            /* the visitor's one city in the document's visits */
            const sr_place *only = NULL;
            int many = 0;
            for (int j = 0; j < n; j++) {
                const sr_event *v = &ev[j];
                if (!v->place || v->place->kind != 'P' || S_tix(v->type) != T_CONSULT || !v->source ||
                    strcmp(v->source->key, e->source->key))
                    continue;
                if (only && only != v->place) many = 1;
                only = v->place;
            }
            if (only && !many) best = only;
        }
        if (!best && e->source) {
            /* the one country of the pair's meetings placed elsewhere in
             * the document ("Xi held talks with his Maldivian counterpart"
             * ... "Muizzu's state visit to China"), when it is one side's */
            const sr_place *only = NULL;
            int many = 0;
            for (int j = 0; j < n; j++) {
                const sr_event *v = &ev[j];
                if (j == i || !v->place || S_tix(v->type) != T_CONSULT || !v->source || !v->target ||
                    v->modality == MOD_HYPOTHETICAL || v->modality == MOD_NEGATED ||
                    !((!strcmp(v->source->key, e->source->key) && !strcmp(v->target->key, e->target->key)) ||
                      (!strcmp(v->source->key, e->target->key) && !strcmp(v->target->key, e->source->key))) ||
                    (strcmp(v->place->country, e->source->key) && strcmp(v->place->country, e->target->key)))
                    continue;
                if (only && strcmp(only->country, v->place->country)) many = 1;
                if (!only || (only->kind == 'C' && v->place->kind != 'C')) only = v->place;
            }
            if (only && !many) best = only->kind == 'C' || !in->gaz ? only : gazetteer_country(in->gaz, only->country);
        }
        if (best) {
            e->place = best;
            e->place_text = best->name;
        }
    }
    /* an attack, a protest or a crackdown told again with no place ("the
     * attack was claimed by ...") happened where the same act (type and
     * sides; the same day, when it has one) is placed elsewhere in the
     * report, when that is one city */
    for (int i = 0; i < n; i++) {
        sr_event *e = &ev[i];
        if (e->place || !e->source ||
            !S_type_in(S_tix(e->type), TB(ASSAULT) | TB(PROTEST) | TB(COERCE)))
            continue;
        const sr_place *only = NULL;
        int many = 0;
        for (int j = 0; j < n; j++) {
            const sr_event *v = &ev[j];
            if (j == i || !v->place || v->place->kind != 'P' || v->type != e->type || !v->source ||
                strcmp(v->source->key, e->source->key) || !v->target != !e->target ||
                (e->day >= 0 && v->day != e->day) ||
                (v->target && strcmp(v->target->key, e->target->key)))
                continue;
            if (only && only != v->place) many = 1;
            only = v->place;
        }
        if (only && !many) {
            e->place = only;
            e->place_text = only->name;
        }
    }
    /* a report whose placed acts all happened in one city (a hostage
     * rescue in Bamako, a summit in Vilnius): an act with no place of its
     * own, by or toward that city's country, happened there too */
    const sr_place *scene = NULL;
    int scenes = 0;
    for (int i = 0; i < n && scenes < 2; i++) {
        const sr_place *pl = ev[i].place;
        if (!pl || pl->kind != 'P' || pl == scene) continue;
        scene = pl;
        scenes++;
    }
    for (int i = 0; scenes == 1 && i < n; i++) {
        sr_event *e = &ev[i];
        if (e->place || e->modality == MOD_HYPOTHETICAL || e->modality == MOD_NEGATED) continue;
        /* (not one dated another day than every act placed there) */
        int day_ok = e->day < 0;
        for (int j = 0; j < n && !day_ok; j++)
            day_ok = j != i && ev[j].place == scene && ev[j].day == e->day;
        if (!day_ok) continue;
        if (!(e->source && !strcmp(e->source->key, scene->country)) && !(e->target && !strcmp(e->target->key, scene->country)))
            continue;
        e->place = scene;
        e->place_text = scene->name;
    }
}

/* Gives each attack or aid noun without a target ("planning an
 * invasion", "increased military aid") the one country its source acts
 * towards in the rest of the document (its other attacks, then threats
 * and troop movements; its other aid, then support; a threat: its other
 * threats, then attacks, coercion, sanctions and troop movements); drops
 * it when there is none or several, unless its type stands untargeted (a
 * sanction never does: it is always imposed on someone).  One the learned
 * layer gave a target since keeps it. */

static void S_implicit_targets(S_ctx *x)
{
    sr_event *ev = x->events.data;
    int n = (int)x->events.len, kept = 0;
    for (int i = 0; i < n; i++) {
        sr_event *e = &ev[i];
        /* the learned layer may have found it one since */
        if (e->implicit_target && e->target) {
            e->implicit_target = 0;
        } else if (e->implicit_target) {
            /* first the source's other attacks; failing those, its threats
             * and troop movements */
            const sr_mention *found = NULL;
            int many = 0;
            for (int pass = 0; pass < 2 && !found && !many; pass++)
                for (int j = 0; j < n; j++) {
                    const sr_event *o = &ev[j];
                    if (o->implicit_target || !o->target || !o->source || !e->source ||
                        strcmp(o->source->key, e->source->key) || !strcmp(o->target->key, e->source->key) ||
                        (o->modality != MOD_ASSERTED && o->modality != MOD_PLANNED))
                        continue;
                    /* an attack: the source's attacks, then its threats and
                     * troop movements; aid: its aid, then its support */
                    int et = S_tix(e->type), ot = S_tix(o->type);
                    int attack = S_type_in(et, TB(ASSAULT) | TB(MOBILIZE));
                    int speech = S_type_in(et, TB(REJECT) | TB(REQUEST) | TB(ACCUSE));
                    /* a threat: the source's other threats; failing those,
                     * the side it attacks, coerces, sanctions or moves
                     * troops against */
                    /* a sanction: the source's other sanctions; failing
                     * those, the side it accuses, threatens or rebuffs */
                    int threat = et == T_THREATEN, sanction = et == T_SANCTION;
                    if (pass == 0 ? ot != et
                                  : speech ? 0
                                  : sanction ? !S_type_in(ot, TB(ACCUSE) | TB(THREATEN) | TB(REJECT))
                                  : threat ? !S_type_in(ot, TB(ASSAULT) | TB(COERCE) | TB(SANCTION) | TB(MOBILIZE))
                                  : attack ? !S_type_in(ot, TB(MOBILIZE) | TB(THREATEN))
                                           : ot != T_SUPPORT)
                        continue;
                    if (found && strcmp(found->key, o->target->key)) many = 1;
                    found = o->target;
                }
            if (!found && !many && S_tix(e->type) == T_ASSAULT && e->source) found = S_war_side(x, e->source->key, e->start);
            /* a movement of troops, a refusal, demand or charge stands
             * without a target; one that would repeat a line already
             * coded with that target is told on its own */
            int optional = S_type_in(S_tix(e->type), TB(MOBILIZE) | TB(REJECT) | TB(THREATEN) | TB(REQUEST) | TB(ACCUSE));
            for (int j = 0; optional && found && !many && j < n; j++) {
                const sr_event *o = &ev[j];
                if (j != i && !o->implicit_target && o->target && o->source && o->type == e->type &&
                    !strcmp(o->source->key, e->source->key) && !strcmp(o->target->key, found->key) &&
                    o->modality == e->modality && o->day == e->day)
                    found = NULL;
            }
            if ((!found || many) && optional) {
                e->implicit_target = 0;
                ev[kept++] = *e;
                continue;
            }
            if (!found || many) continue;
            e->target = found;
            e->implicit_target = 0;
            e->confidence = round(e->confidence * 80) / 100;
        }
        ev[kept++] = *e;
    }
    x->events.len = (size_t)kept;
}

/* Arrests, raids, curfews and deportations are acts done to someone: a
 * COERCE line left without a target after every step above is one whose
 * target the coder failed to find, not one the text leaves open (the gold
 * files give a target to more than nine COERCE lines in ten, and of the coder's
 * untargeted ones on the seeds and dev-1 none matched), so it is dropped
 * rather than told half.  An untargeted SANCTION stays: its source and
 * type are mostly right (the relaxed score, which ignores the target,
 * falls without them). */
#define S_NEEDS_TARGET TB(COERCE)

static void S_drop_untargeted(S_ctx *x)
{
    sr_event *ev = x->events.data;
    int n = (int)x->events.len, kept = 0;
    for (int i = 0; i < n; i++)
        if (ev[i].target || !S_type_in(S_tix(ev[i].type), S_NEEDS_TARGET)) ev[kept++] = ev[i];
    x->events.len = (size_t)kept;
}

/* Inserts e into the events right after event i (an event derived from
 * another stays next to it, in text order). */
static int S_insert_after(S_ctx *x, size_t i, const sr_event *e)
{
    if (!vec_push(&x->events)) return SITREP_ENOMEM;
    sr_event *ev = x->events.data;
    memmove(&ev[i + 2], &ev[i + 1], (x->events.len - i - 2) * sizeof *ev);
    ev[i + 1] = *e;
    return 0;
}

/* A clash is fought by both sides: "Indian and Chinese troops clashed",
 * "a clash between A and B", "A clashed with B" give an ASSAULT each way
 * (the gold conventions code both).  Fighting is mutual only between two
 * sides named together ("fighting between A and B", "A and B ... in the
 * fighting"), not when one side fights the other ("has been fighting
 * Israel"). */
static int S_reciprocal_clashes(S_ctx *x)
{
    for (size_t i = 0; i < x->events.len; i++) {
        sr_event e = VEC_AT(&x->events, sr_event, i);
        if (S_tix(e.type) != T_ASSAULT || !e.source || !e.target || !strcmp(e.source->key, e.target->key) ||
            e.trig0 < 0 || e.trig0 >= x->in->seg->ntoks)
            continue;
        int mutual = S_in_list(x, e.trig0, L_CLASH);
        if (!mutual && S_in_list(x, e.trig0, L_FIGHT))
            mutual = S_coordinated(x, e.source, e.target) ||
                     (e.trig0 + 1 < x->in->seg->ntoks && S_id(x, e.trig0 + 1) == VW_BETWEEN);
        if (!mutual) continue;
        int have = 0;
        for (size_t j = 0; j < x->events.len && !have; j++) {
            const sr_event *o = &VEC_AT(&x->events, sr_event, j);
            have = S_tix(o->type) == T_ASSAULT && o->source && o->target &&
                   !strcmp(o->source->key, e.target->key) && !strcmp(o->target->key, e.source->key) &&
                   o->modality == e.modality && o->day == e.day;
        }
        if (have) continue;
        const sr_mention *t = e.source;
        e.source = e.target;
        e.target = t;
        if (S_insert_after(x, i++, &e)) return SITREP_ENOMEM;   /* next to its other half */
    }
    return 0;
}

/* "accused Eritrea of sending troops into Tigray, a charge Asmara denies":
 * the accused act is asserted (gold conventions) and its doer's denial
 * the same act negated, a line of its own.  The denial is an apposition
 * closing the sentence after the act: ", a charge (that) X denies". */
static int S_denied_charges(S_ctx *x)
{
    size_t n = x->events.len;
    for (size_t i = 0; i < n; i++) {
        sr_event e = VEC_AT(&x->events, sr_event, i);
        if (!e.source || e.modality != MOD_ASSERTED || S_tix(e.type) == T_ACCUSE || e.trig1 <= e.trig0) continue;
        /* the act is one its doer is accused of in the sentence */
        int accused = 0;
        for (size_t j = 0; j < x->events.len && !accused; j++) {
            const sr_event *o = &VEC_AT(&x->events, sr_event, j);
            accused = o->sent == e.sent && S_tix(o->type) == T_ACCUSE && o->target && o->trig1 <= e.trig0 &&
                      !strcmp(o->target->key, e.source->key);
        }
        if (!accused) continue;
        const sr_sentence *st = &x->in->seg->sents[e.sent];
        int s1 = st->tok0 + st->ntok, k = e.trig1;
        while (k < s1 && (S_id(x, k) != VW_P_COMMA)) k++;
        if (++k < s1 && ((S_id(x, k) == VW_A) || (S_id(x, k) == VW_AN))) k++;
        if (k >= s1 || !S_in_list(x, k, L_CHARGE)) continue;
        if (++k < s1 && (S_id(x, k) == VW_THAT)) k++;
        if (k >= s1 || x->mstart[k] < 0 || strcmp(x->in->mentions[x->mstart[k]].key, e.source->key)) continue;
        k = x->in->mentions[x->mstart[k]].t1;
        if (k < s1 && ((S_id(x, k) == VW_HAS) || (S_id(x, k) == VW_HAVE))) k++;
        if (k >= s1 || !S_in_list(x, k, L_DENY)) continue;
        e.modality = MOD_NEGATED;
        e.day = -1;   /* "denies": the report's present, no day of the act */
        e.prec = PREC_NONE;
        e.date_text = NULL;
        if (S_insert_after(x, i++, &e)) return SITREP_ENOMEM;
        n++;
    }
    return 0;
}

/* Aid accepted is aid given: "Morocco will accept aid from Spain and
 * Qatar" is AGREE from Morocco to each donor (gold README: accepting aid
 * is AGREE) and AID from each donor to Morocco, in the same modality. */
static int S_accepted_aid(S_ctx *x)
{
    int ci;
    if (!dict_get(&x->c->cameo, "070", 3, &ci)) return 0;
    const S_cameo *cm = &VEC_AT(&x->c->cameos, S_cameo, ci);
    for (size_t i = 0; i < x->events.len; i++) {
        sr_event e = VEC_AT(&x->events, sr_event, i);
        if (S_tix(e.type) != T_AGREE || !e.source || !e.target || e.trig0 < 0 || e.trig1 > x->in->seg->ntoks ||
            strncmp(S_norm(x, e.trig0), "accept", 6))
            continue;
        int aid = 0;
        for (int k = e.trig0 + 1; k < e.trig1 && !aid; k++)
            aid = S_in_list(x, k, L_AID);
        if (!aid) continue;
        const sr_mention *t = e.source;
        e.source = e.target;
        e.target = t;
        e.type = S_types[T_AID];
        e.cameo = "070";
        e.mode = NULL;
        e.quad = cm->quad;
        e.goldstein = cm->goldstein;
        if (S_insert_after(x, i++, &e)) return SITREP_ENOMEM;
    }
    return 0;
}

/* Talks a third party hosts between two sides ("Turkey hosted talks
 * between Russia and Ukraine") are CONSULT from the host to each side
 * (mode mediate) and between the sides themselves. */
static int S_mediated_pairs(S_ctx *x)
{
    for (size_t i = 0; i + 1 < x->events.len; i++) {
        const sr_event *a = &VEC_AT(&x->events, sr_event, i), *b = &VEC_AT(&x->events, sr_event, i + 1);
        if (S_tix(a->type) != T_CONSULT || !a->mode || strcmp(a->mode, "mediate") || S_tix(b->type) != T_CONSULT ||
            !b->mode || strcmp(b->mode, "mediate") || a->trig0 != b->trig0 || !a->target || !b->target ||
            !strcmp(a->target->key, b->target->key))
            continue;
        sr_event e = *a;
        e.source = a->target;
        e.target = b->target;
        e.mode = NULL;
        if (S_insert_after(x, ++i, &e)) return SITREP_ENOMEM;
        i++;
    }
    return 0;
}

/* ------------------------------------------------------------ learned layer
 * The rules above are precise and narrow.  This pass proposes broadly:
 * every word that heads a pattern of some type (its lemma, as a verb or a
 * noun) is a trigger of that type, and every actor key of the sentence a
 * possible source, every other key (or none) a possible target.  A linear
 * model (learn.h; data/model/events.tsv, trained by scripts/train-model on
 * the gold of the seeds and dev-1) scores each candidate from the features
 * below (documented in data/model/README.md); the best candidate of each
 * (type, source key, target key) is kept when its probability reaches the
 * model's threshold and the rules have not coded it.  With
 * code_input.candidates set every candidate is returned, scored, with its
 * features: the training data. */

enum { P_MAXM = 24, P_MAXT = P_MAXT_, P_MAXF = 48, P_FLEN = 64 };

/* What S_propose computes once per sentence: its actors, their keys as
 * small numbers (kid: the first of ms with the same key, so that keys
 * compare as numbers), their ranks among the document's keys, and where
 * the next reporting word is. */
typedef struct S_sent_ {
    const sr_mention *ms[P_MAXM];
    int nm, kid[P_MAXM], rank[P_MAXM];
    int placeprep[P_MAXM];       /* after in/at/to/into/from */
    const int *next_rep;         /* [k - s0], k in s0..s1: the first reporting word at k or after, s1 */
    const int *next_ger;         /* ... the first k' >= k where a gerund phrase opens (S_gerund_at), s1 */
    int s0, s1;
} S_sent;

/* S_in_gerund_phrase(x, from, to) for s0 <= from <= s1 and to <= s1, from
 * the sentence's S_sent.next_ger. */
static int S_gerund_between(const S_sent *sn, int from, int to)
{
    return sn->next_ger[from - sn->s0] + 2 < to;
}

/* What one candidate's features are computed from. */
typedef struct {
    const char *T, *lem;
    int tix;                     /* T's index in S_types */
    int lid;                     /* lem's number (S_hent.lid) */
    int pos, t, s0, s1, nkeys, full;
    const sr_mention *sm, *gm;   /* gm NULL: no target */
    int si, gi;                  /* their indexes in S_sent.ms, gi -1 for none */
    int snear, gnear;            /* the nearest actor on its side of the trigger */
    int sent;
    size_t first_event;          /* the rules' events of this sentence start here */
    int prule;                   /* what the rules coded between its keys in this sentence: bit 1
                                  * its type, bit 2 its type from its source to another target,
                                  * bit 4 another type */
    int before;                  /* the pair in the sentences before: 2 with this type, 1 another */
    int passive;                 /* x->passive when it was proposed */
} S_fctx;

typedef struct {
    const char *type;
    const sr_mention *src, *tgt;
    const S_pat *p;
    int trig;
    double score;
    int rule;                  /* the rules coded the same keys */
    const char *why;           /* the heaviest features, when kept; arena */
    const char *feats;         /* every feature (code --candidates); arena */
    S_fctx fc;                 /* what its features are computed from */
} S_cand;

static const char *S_bucket(int d)
{
    return d <= 1 ? "1" : d <= 3 ? "3" : d <= 6 ? "6" : d <= 10 ? "10" : "far";
}

/* The role of an actor code after its key: "RUSGOV" -> "GOV". */
static const char *S_role(const sr_mention *m)
{
    size_t kl = strlen(m->key);
    if (!strncmp(m->code, m->key, kl) && m->code[kl]) return m->code + kl;
    return m->kind == AK_ORG ? "IGO" : "-";
}


/* ---- features by table --------------------------------------------------
 *
 * Most features take few values (a type, a side, left or right, a distance
 * bucket, a linking word, a count): coder_bind_model looks each of their
 * names up in the model once.  To score a candidate, S_cand_feats adds
 * those weights in the order it writes the features when their names are
 * asked for, so the sums are learn_sum's to the bit (a name the model
 * lacks adds 0.0, which leaves a sum that starts at +0.0 unchanged).  The
 * rest (a lemma, the words around the trigger) are written and looked up
 * by name; a mention's roles once per document. */

enum { NLINK = 64 };

/* A feature's weight (0.0 when the model lacks it) and index (-1). */
typedef struct S_wx_ {
    double w;
    int ix;
} S_wx;

struct S_wtab {
    /* by type, side (0 's', 1 'g'), left/right (0 'L', 1 'R'), ... */
    S_wx tt[NTYPES], keys[NTYPES][5], match[NTYPES][4], title[NTYPES], passive[NTYPES];
    S_wx docrank[NTYPES][2][5], dir[NTYPES][2][2], dird[NTYPES][2][2][5];
    S_wx linkd[2][NLINK][2], link[NTYPES][2][NLINK];
    S_wx poss[NTYPES][2], adj[NTYPES][2][2], coref[2], place[NTYPES][2], nearest[NTYPES][2][2], first[NTYPES][2];
    S_wx coord[NTYPES][2], gnull[NTYPES], gnullk[NTYPES][4];
    S_wx order[NTYPES][2], order2[NTYPES][2][2][2], same[NTYPES], repb[NTYPES], pb[NTYPES][3];
    S_wx rule[NTYPES], rule0, rulesrc[NTYPES], rot;
};
typedef struct S_wtab S_wtab;

/* A candidate's features: names (P_MAXF at most, each cut at P_FLEN - 1
 * bytes; the rest are dropped), each looked up in the model once as it
 * is written, and the sum of their weights in order (learn_sum's).  With
 * W set the sum by table where it can, and with explain the indexes of
 * the features too, named only when the model has them (learn_explain's
 * input: the names of those it lacks are never shown). */
typedef struct {
    char *buf;                 /* P_MAXF names of P_FLEN bytes */
    const char *ptr[P_MAXF];
    int ix[P_MAXF];            /* each one's learn_index, -1 */
    int n;
    const learn_model *m;      /* NULL: names only */
    const S_wtab *W;           /* m's tables */
    int explain;
    double z;
    char junk[P_FLEN];         /* where a feature past P_MAXF is written */
} S_feats;

/* A feature by table. */
static inline void S_tadd(S_feats *f, const S_wx *e)
{
    f->z += e->w;
    if (!f->explain || f->n >= P_MAXF) return;
    f->ptr[f->n] = e->ix >= 0 ? learn_name(f->m, e->ix) : NULL;
    f->ix[f->n++] = e->ix;
}

/* The feature being written: pieces are appended to dst while they fit
 * (as the snprintf-like writer they replace did: a name is the first
 * P_FLEN - 1 bytes of its text). */
typedef struct {
    char *dst, *o, *end;
} S_fb;

static inline void S_fopen(S_feats *f, S_fb *b)
{
    b->dst = b->o = f->n < P_MAXF ? f->buf + f->n * P_FLEN : f->junk;
    b->end = b->dst + P_FLEN - 1;
}

/* Bytes as they are (literals and type names: no blank in them). */
static inline void S_fraw(S_fb *b, const char *s, size_t n)
{
    size_t room = (size_t)(b->end - b->o);
    if (n > room) n = room;
    memcpy(b->o, s, n);
    b->o += n;
}
#define S_FLIT(b, s) S_fraw(b, s, sizeof(s) - 1)

/* A word of the text or the data: blanks become '_'. */
static inline void S_fstr(S_fb *b, const char *s)
{
    for (; *s && b->o < b->end; s++) *b->o++ = (*s == '\t' || *s == ' ' || *s == '\n') ? '_' : *s;
}

static inline void S_fchr(S_fb *b, char c)
{
    if (b->o < b->end) *b->o++ = c;
}

static void S_fint(S_fb *b, int v)
{
    char num[16];
    int k = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do num[k++] = (char)('0' + u % 10); while ((u /= 10) && k < 15);
    if (v < 0) S_fchr(b, '-');
    while (k && b->o < b->end) *b->o++ = num[--k];
}

static void S_fclose(S_feats *f, S_fb *b)
{
    *b->o = 0;
    if (b->dst == f->junk) return;
    int k = f->m ? learn_index(f->m, b->dst, (size_t)(b->o - b->dst)) : -1;
    if (k >= 0) f->z += learn_weight(f->m, k);
    if (f->W && !f->explain) return;   /* the sum only: no name kept */
    f->ptr[f->n] = b->dst;
    f->ix[f->n++] = k;
}

/* A feature "PRE" + "LIT" (+ c): the commonest shapes. */
static void S_fpre(S_feats *f, const char *pre, size_t pl, const char *lit, size_t ll)
{
    S_fb b;
    S_fopen(f, &b);
    S_fraw(&b, pre, pl);
    S_fraw(&b, lit, ll);
    S_fclose(f, &b);
}
#define S_FPRE(f, pre, pl, lit) S_fpre(f, pre, pl, lit, sizeof(lit) - 1)

static void S_fpre_c(S_feats *f, const char *pre, size_t pl, const char *lit, size_t ll, char c)
{
    S_fb b;
    S_fopen(f, &b);
    S_fraw(&b, pre, pl);
    S_fraw(&b, lit, ll);
    S_fchr(&b, c);
    S_fclose(f, &b);
}
#define S_FPRE_C(f, pre, pl, lit, c) S_fpre_c(f, pre, pl, lit, sizeof(lit) - 1, c)

/* The features that name a lemma or a word (data/model/README.md), by
 * number: FK_A "T=T|lem=LEM|v", FK_B "lem=LEM|v", FK_C "T|next=W",
 * FK_D "T|prev=W", FK_E "T|lem=LEM|match=N", FK_F "T|lem=LEM|s:L|W"
 * (W a linking word), FK_G "T|s:role=R", FK_H "s:kind=K|role=R" (R a
 * role's number in coder.roles, K in the lemma's place).  A key packs the template, the type, the lemma's
 * number and the rest (a word's vocabulary id; the part of speech, N, or
 * side, direction and linking word). */
enum { FK_A = 1, FK_B, FK_C, FK_D, FK_E, FK_F, FK_G, FK_H };

static uint64_t S_fkey(int tmpl, int tix, int lid, uint32_t rest)
{
    return (uint64_t)tmpl << 58 | (uint64_t)tix << 52 | (uint64_t)(lid & 0xfffff) << 32 | rest;
}

static const S_wx S_nowx = {0, -1};

/* The weight and index of the feature of key k, {0.0, -1} when the model
 * lacks it. */
static const S_wx *S_fmap(const coder *c, uint64_t k)
{
    uint64_t h = k * 0x9e3779b97f4a7c15ull;
    for (size_t j = (h >> 32) & c->fmask;; j = (j + 1) & c->fmask) {
        if (c->fkeys[j] == k) return &c->fvals[j];
        if (!c->fkeys[j]) return &S_nowx;
    }
}

static int S_fmap_set(coder *c, uint64_t k, S_wx v)
{
    uint64_t h = k * 0x9e3779b97f4a7c15ull;
    size_t j = (h >> 32) & c->fmask;
    while (c->fkeys[j] && c->fkeys[j] != k) j = (j + 1) & c->fmask;
    c->fkeys[j] = k;
    c->fvals[j] = v;
    return 0;
}

/* May a word's feature T|next=W or T|prev=W be looked up by its number:
 * no blank in it (the name has '_' there) and the name not cut? */
static int S_word_ok(const char *w, size_t Tl)
{
    size_t n = 0;
    for (; w[n]; n++)
        if (w[n] == ' ' || w[n] == '\t' || w[n] == '\n') return 0;
    return Tl + 6 + n <= P_FLEN - 1;
}

/* S_link_word as an index into coder.linkw. */
static int S_link_ix(const S_ctx *x, int t, int s0)
{
    if (t <= s0) return 0;   /* "^" */
    int wid = S_id(x, t - 1);
    return wid >= 0 && wid < x->c->nlinkof && x->c->linkof[wid] ? x->c->linkof[wid] : 1;   /* "-" */
}

static int S_bucket_ix(int d) { return d <= 1 ? 0 : d <= 3 ? 1 : d <= 6 ? 2 : d <= 10 ? 3 : 4; }

/* Mention m's feature "T|s:role=R" (T < NTYPES; "s:kind=K|role=R" for T ==
 * NTYPES): its weight, looked up once per document (S_ctx.wrole), or its
 * name. */
static void S_role_feat(const S_ctx *x, S_feats *f, int T, int sd, const sr_mention *m)
{
    if (f->W) {
        int *r = &x->mrid[m - x->in->mentions];
        if (!*r) {
            /* its role as the names write it, short enough never to be cut
             * (nor its kind too large for a key) */
            char buf[40];
            S_fb rb = {buf, buf, buf + sizeof buf - 1};
            S_fstr(&rb, S_role(m));
            int rid = 0, fits = rb.o < rb.end && (int)m->kind >= 0 && (int)m->kind < 0x100000;
            if (fits && !dict_get(&x->c->roles, buf, (size_t)(rb.o - buf), &rid)) rid = 0;
            *r = fits ? 2 + rid : 1;
        }
        if (*r > 1) {
            uint32_t rest = (uint32_t)sd << 24 | (uint32_t)(*r - 2);
            uint64_t k = T < NTYPES ? S_fkey(FK_G, T, 0, rest) : S_fkey(FK_H, 0, (int)m->kind, rest);
            S_tadd(f, *r > 2 ? S_fmap(x->c, k) : &S_nowx);   /* a role the model never names */
            return;
        }
    }
    char sc = sd ? 'g' : 's';
    S_fb b;
    S_fopen(f, &b);
    if (T < NTYPES) {
        S_fraw(&b, S_types[T], strlen(S_types[T]));
        S_fchr(&b, '|');
        S_fchr(&b, sc);
        S_FLIT(&b, ":role=");
    } else {
        S_fchr(&b, sc);
        S_FLIT(&b, ":kind=");
        S_fint(&b, (int)m->kind);
        S_FLIT(&b, "|role=");
    }
    S_fstr(&b, S_role(m));
    S_fclose(f, &b);
}

/* Features of one side (sd 0: source 's', 1: target 'g') of a candidate,
 * T its type (Tl bytes, index tix). */
static void S_side_feats(const S_ctx *x, S_feats *f, const char *T, size_t Tl, int tix, int sd,
                         const sr_mention *m, int rank, int trig, int s0, int nearest)
{
    const S_wtab *W = f->W;
    (void)T;                 /* T is S_types[tix]: */
    const char *pre = x->c->tpre[tix][1 + sd];   /* "T|s:", made at load */
    size_t pl = Tl + 3 < sizeof x->c->tpre[tix][0] ? Tl + 3 : sizeof x->c->tpre[tix][0];
    const char *sp = pre + pl - 2;   /* "s:" */
    int before = m->t1 <= trig, lr = !before;
    char lrc = before ? 'L' : 'R';
    int d = before ? trig - m->t1 : m->t0 - trig;
    int li = S_link_ix(x, m->t0, s0);
    S_fb b;
    if (W) {
        S_tadd(f, &W->docrank[tix][sd][rank]);
        S_tadd(f, &W->dir[tix][sd][lr]);
        S_tadd(f, &W->dird[tix][sd][lr][S_bucket_ix(d)]);
        S_tadd(f, &W->linkd[sd][li][lr]);
        S_tadd(f, &W->link[tix][sd][li]);
    } else {
        S_fopen(f, &b);                              /* T|s:docrank=N */
        S_fraw(&b, pre, pl);
        S_FLIT(&b, "docrank=");
        S_fint(&b, rank);
        S_fclose(f, &b);
        S_FPRE_C(f, pre, pl, "dir=", lrc);           /* T|s:dir=L */
        S_fopen(f, &b);                              /* T|s:dir=L|d=B */
        S_fraw(&b, pre, pl);
        S_FLIT(&b, "dir=");
        S_fchr(&b, lrc);
        S_FLIT(&b, "|d=");
        const char *bk = S_bucket(d);
        S_fraw(&b, bk, strlen(bk));
        S_fclose(f, &b);
        const char *lw = x->c->linkw[li];
        S_fopen(f, &b);                              /* s:link=W|dir=L */
        S_fraw(&b, sp, 2);
        S_FLIT(&b, "link=");
        S_fstr(&b, lw);
        S_FLIT(&b, "|dir=");
        S_fchr(&b, lrc);
        S_fclose(f, &b);
        S_fopen(f, &b);                              /* T|s:link=W */
        S_fraw(&b, pre, pl);
        S_FLIT(&b, "link=");
        S_fstr(&b, lw);
        S_fclose(f, &b);
    }
    S_role_feat(x, f, NTYPES, sd, m);                /* s:kind=K|role=R */
    S_role_feat(x, f, tix, sd, m);                   /* T|s:role=R */
    if (W) {
        if (m->how & AH_POSS) S_tadd(f, &W->poss[tix][sd]);
        if (m->how & AH_ADJ) S_tadd(f, &W->adj[tix][sd][lr]);
        if (m->how & (AH_PRONOUN | AH_COREF)) S_tadd(f, &W->coref[sd]);
        if (m->how & AH_PLACE) S_tadd(f, &W->place[tix][sd]);
        if (nearest) S_tadd(f, &W->nearest[tix][sd][lr]);
        if (m->t0 == s0 || (m->t0 == s0 + 1 && (S_id(x, s0) == VW_THE))) S_tadd(f, &W->first[tix][sd]);
        return;
    }
    if (m->how & AH_POSS) S_FPRE(f, pre, pl, "poss");
    if (m->how & AH_ADJ) S_FPRE_C(f, pre, pl, "adj|dir=", lrc);
    if (m->how & (AH_PRONOUN | AH_COREF)) S_FPRE(f, sp, 2, "coref");
    if (m->how & AH_PLACE) S_FPRE(f, pre, pl, "place");
    if (nearest) S_FPRE_C(f, pre, pl, "nearest", lrc);
    if (m->t0 == s0 || (m->t0 == s0 + 1 && (S_id(x, s0) == VW_THE))) S_FPRE(f, pre, pl, "first");
}

static int S_same_pair(const sr_mention *a, const sr_mention *b, const sr_mention *c, const sr_mention *d)
{
    const char *ka = a ? a->key : "", *kb = b ? b->key : "", *kc = c ? c->key : "", *kd = d ? d->key : "";
    return (!strcmp(ka, kc) && !strcmp(kb, kd)) || (!strcmp(ka, kd) && !strcmp(kb, kc));
}

enum { FG_TRIG = 1, FG_SRC = 2, FG_TGT = 4, FG_PAIR = 8 };

/* "T|lem=LEM|" + the rest: the features that name the lemma. */
static void S_flem(S_fb *b, const char *T, size_t Tl, const char *lem)
{
    S_fraw(b, T, Tl);
    S_FLIT(b, "|lem=");
    S_fstr(b, lem);
}

/* Appends the features of the groups asked (data/model/README.md), or
 * with f->W adds their weights to f->z. */
static void S_cand_feats(const S_ctx *x, S_feats *f, const S_fctx *c, int groups)
{
    const S_wtab *W = f->W;
    const char *T = c->T;
    int tix = c->tix, t = c->t, s0 = c->s0, s1 = c->s1;
    size_t Tl = x->c->tlen[tix];     /* T is S_types[tix] */
    const sr_mention *sm = c->sm, *gm = c->gm;
    const char *pre = x->c->tpre[tix][0];   /* "T|", made at load */
    size_t pl = Tl + 1 < sizeof x->c->tpre[tix][0] ? Tl + 1 : sizeof x->c->tpre[tix][0];
    char vn = c->pos ? 'n' : 'v';
    S_fb b;
    if (groups & FG_TRIG) {
        if (W) S_tadd(f, &W->tt[tix]);
        else {
            S_fopen(f, &b);                          /* T=T */
            S_FLIT(&b, "T=");
            S_fraw(&b, T, Tl);
            S_fclose(f, &b);
        }
        int bylid = W && x->c->lidok[c->lid];   /* the lemma's features by number */
        if (bylid) {
            S_tadd(f, S_fmap(x->c, S_fkey(FK_A, tix, c->lid, (uint32_t)c->pos)));
            S_tadd(f, S_fmap(x->c, S_fkey(FK_B, 0, c->lid, (uint32_t)c->pos)));
        } else {
            S_fopen(f, &b);                          /* T=T|lem=LEM|v */
            S_FLIT(&b, "T=");
            S_flem(&b, T, Tl, c->lem);
            S_fchr(&b, '|');
            S_fchr(&b, vn);
            S_fclose(f, &b);
            S_fopen(f, &b);                          /* lem=LEM|v */
            S_FLIT(&b, "lem=");
            S_fstr(&b, c->lem);
            S_fchr(&b, '|');
            S_fchr(&b, vn);
            S_fclose(f, &b);
        }
        const char *nw = t + 1 < s1 ? S_norm(x, t + 1) : "$";
        if (W && S_word_ok(nw, Tl)) {
            int id = t + 1 < s1 ? x->cid[t + 1] : x->c->id_dollar;
            S_tadd(f, id > 0 ? S_fmap(x->c, S_fkey(FK_C, tix, 0, (uint32_t)id)) : &S_nowx);
        } else {
            S_fopen(f, &b);                          /* T|next=W */
            S_fraw(&b, pre, pl);
            S_FLIT(&b, "next=");
            S_fstr(&b, nw);
            S_fclose(f, &b);
        }
        const char *pw = t > s0 ? S_norm(x, t - 1) : "^";
        if (W && S_word_ok(pw, Tl)) {
            int id = t > s0 ? x->cid[t - 1] : x->c->id_caret;
            S_tadd(f, id > 0 ? S_fmap(x->c, S_fkey(FK_D, tix, 0, (uint32_t)id)) : &S_nowx);
        } else {
            S_fopen(f, &b);                          /* T|prev=W */
            S_fraw(&b, pre, pl);
            S_FLIT(&b, "prev=");
            S_fstr(&b, pw);
            S_fclose(f, &b);
        }
        if (W) {
            S_tadd(f, &W->keys[tix][c->nkeys > 4 ? 4 : c->nkeys]);
            S_tadd(f, &W->match[tix][c->full > 3 ? 3 : c->full]);
        } else {
            S_fopen(f, &b);                          /* T|keys=N */
            S_fraw(&b, pre, pl);
            S_FLIT(&b, "keys=");
            S_fint(&b, c->nkeys > 4 ? 4 : c->nkeys);
            S_fclose(f, &b);
            S_fopen(f, &b);                          /* T|match=N */
            S_fraw(&b, pre, pl);
            S_FLIT(&b, "match=");
            S_fint(&b, c->full > 3 ? 3 : c->full);
            S_fclose(f, &b);
        }
        if (bylid) S_tadd(f, S_fmap(x->c, S_fkey(FK_E, tix, c->lid, (uint32_t)(c->full > 2 ? 2 : c->full))));
        else {
            S_fopen(f, &b);                          /* T|lem=LEM|match=N */
            S_flem(&b, T, Tl, c->lem);
            S_FLIT(&b, "|match=");
            S_fint(&b, c->full > 2 ? 2 : c->full);
            S_fclose(f, &b);
        }
        if (W) {
            if (x->in->title) S_tadd(f, &W->title[tix]);
            if (c->pos == 0 && c->passive) S_tadd(f, &W->passive[tix]);
        } else {
            if (x->in->title) S_FPRE(f, pre, pl, "title");
            if (c->pos == 0 && c->passive) S_FPRE(f, pre, pl, "passive");
        }
    }
    for (int sd = 0; sd < 2; sd++) {
        if (!(groups & (sd ? FG_TGT : FG_SRC))) continue;
        const sr_mention *m = sd ? gm : sm;
        char sc = sd ? 'g' : 's';
        if (!m) {
            if (W) {
                S_tadd(f, &W->gnull[tix]);
                S_tadd(f, &W->gnullk[tix][c->nkeys > 3 ? 3 : c->nkeys]);
                continue;
            }
            S_FPRE(f, pre, pl, "g:null");
            S_fopen(f, &b);                          /* T|g:null|keys=N */
            S_fraw(&b, pre, pl);
            S_FLIT(&b, "g:null|keys=");
            S_fint(&b, c->nkeys > 3 ? 3 : c->nkeys);
            S_fclose(f, &b);
            continue;
        }
        S_side_feats(x, f, T, Tl, tix, sd, m, x->sn->rank[sd ? c->gi : c->si], t, s0, sd ? c->gnear : c->snear);
        int li = S_link_ix(x, m->t0, s0);
        if (W && x->c->lidok[c->lid])
            S_tadd(f, S_fmap(x->c, S_fkey(FK_F, tix, c->lid, (uint32_t)(sd << 9 | (m->t1 <= t ? 0 : 1) << 8 | li))));
        else {
            S_fopen(f, &b);                          /* T|lem=LEM|s:L|W */
            S_flem(&b, T, Tl, c->lem);
            S_fchr(&b, '|');
            S_fchr(&b, sc);
            S_fchr(&b, ':');
            S_fchr(&b, m->t1 <= t ? 'L' : 'R');
            S_fchr(&b, '|');
            S_fstr(&b, x->c->linkw[li]);
            S_fclose(f, &b);
        }
        /* coordinated actors: "A and B met" */
        if ((m->t1 < s1 && (S_id(x, m->t1) == VW_AND)) || (m->t0 > s0 && (S_id(x, m->t0 - 1) == VW_AND))) {
            if (W) S_tadd(f, &W->coord[tix][sd]);
            else S_fpre(f, pre, pl, sd ? "g:coord" : "s:coord", 7);
        }
    }
    if (groups & FG_PAIR) {
        if (gm) {
            int o = sm->t0 < gm->t0 ? 0 : 1;
            const char *order = o ? "gs" : "sg";
            /* the same key: the same key class of the sentence (S_sent.kid) */
            int same = x->sn->kid[c->si] == x->sn->kid[c->gi];
            if (W) {
                S_tadd(f, &W->order[tix][o]);
                S_tadd(f, &W->order2[tix][o][sm->t1 <= t ? 0 : 1][gm->t1 <= t ? 0 : 1]);
                if (same) S_tadd(f, &W->same[tix]);
            } else {
                S_fopen(f, &b);                      /* T|order=sg */
                S_fraw(&b, pre, pl);
                S_FLIT(&b, "order=");
                S_fraw(&b, order, 2);
                S_fclose(f, &b);
                S_fopen(f, &b);                      /* T|order=sg|LR */
                S_fraw(&b, pre, pl);
                S_FLIT(&b, "order=");
                S_fraw(&b, order, 2);
                S_fchr(&b, '|');
                S_fchr(&b, sm->t1 <= t ? 'L' : 'R');
                S_fchr(&b, gm->t1 <= t ? 'L' : 'R');
                S_fclose(f, &b);
                if (same) S_FPRE(f, pre, pl, "same");
            }
        }
        /* a reporting verb between the source and the trigger */
        int lo = sm->t1 < t ? sm->t1 : t + 1, hi = sm->t1 < t ? t : sm->t0;
        if (lo < hi && x->sn->next_rep[lo - x->sn->s0] < hi) {
            if (W) S_tadd(f, &W->repb[tix]);
            else S_FPRE(f, pre, pl, "s:report_between");
        }
        /* the same pair in the sentences before */
        int before = c->before;
        if (before && W) S_tadd(f, &W->pb[tix][before]);
        else if (before) {
            S_fopen(f, &b);                          /* T|pair_before=N */
            S_fraw(&b, pre, pl);
            S_FLIT(&b, "pair_before=");
            S_fint(&b, before);
            S_fclose(f, &b);
        }
        /* what the rules said of this sentence */
        int r = c->prule;
        if (W) {
            if (r & 1) S_tadd(f, &W->rule[tix]);
            if (r & 1) S_tadd(f, &W->rule0);
            if (r & 2) S_tadd(f, &W->rulesrc[tix]);
            if (r & 4) S_tadd(f, &W->rot);
        } else {
            if (r & 1) S_FPRE(f, pre, pl, "rule");
            if (r & 1) S_fpre(f, "", 0, "rule", 4);
            if (r & 2) S_FPRE(f, pre, pl, "rule_src");
            if (r & 4) S_fpre(f, "", 0, "rule_other_type", 15);
        }
    }
}

/* The weight and index of the feature named by fmt (as S_cand_feats
 * writes it: cut at P_FLEN - 1 bytes), 0.0 and -1 when the model lacks it. */
static S_wx S_wname(const learn_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static S_wx S_wname(const learn_model *m, const char *fmt, ...)
{
    /* %s, %c and %d (the arguments have no blanks to escape) */
    char buf[P_FLEN];
    S_fb b = {buf, buf, buf + P_FLEN - 1};
    va_list ap;
    va_start(ap, fmt);
    for (const char *q = fmt; *q; q++) {
        if (*q != '%') S_fchr(&b, *q);
        else if (*++q == 's') S_fstr(&b, va_arg(ap, const char *));
        else if (*q == 'c') S_fchr(&b, (char)va_arg(ap, int));
        else S_fint(&b, va_arg(ap, int));
    }
    va_end(ap);
    int k = learn_index(m, buf, (size_t)(b.o - buf));
    return (S_wx){k >= 0 ? learn_weight(m, k) : 0, k};
}

/* The features of m that name a lemma or a word, by number (S_fkey):
 * each name parsed by the templates S_cand_feats writes (a lemma has no
 * '|'; a word the model names gets a number, S_cid, so that the tokens
 * equal to it have it). */
static int S_bind_names(coder *c, const learn_model *m, const vocab *voc)
{
    size_t nf = learn_feature_count(m), cap = 16;
    while (cap < 2 * nf) cap *= 2;
    c->fkeys = calloc(cap, sizeof *c->fkeys);
    c->fvals = calloc(cap, sizeof *c->fvals);
    if (!c->fkeys || !c->fvals) return SITREP_ENOMEM;
    c->fmask = cap - 1;
    /* the heads' lemmas by number; those whose names are never cut */
    dict lids;
    dict_init(&lids);
    int rc = 0, maxlink = 0;
    for (int k = 0; k < c->nlinkw; k++)
        if ((int)strlen(c->linkw[k]) > maxlink) maxlink = (int)strlen(c->linkw[k]);
    c->nlid = 0;
    for (size_t i = 0; i < c->hents.len; i++)
        if (HENT(c, i)->lid >= c->nlid) c->nlid = HENT(c, i)->lid + 1;
    c->lidok = calloc((size_t)c->nlid + 1, 1);
    if (!c->lidok) rc = SITREP_ENOMEM;
    size_t tlen[NTYPES];
    for (int i = 0; i < NTYPES; i++) tlen[i] = strlen(S_types[i]);
    for (size_t i = 0; i < c->hents.len && !rc; i++) {
        const S_hent *h = HENT(c, i);
        if (c->lidok[h->lid] & 2) continue;   /* seen */
        size_t l = strlen(h->lemma);
        /* the longest name: "COOPERATE|lem=LEM|s:L|" + a linking word */
        c->lidok[h->lid] = 2 | (!strpbrk(h->lemma, " \t\n|") && 9 + 5 + l + 5 + (size_t)maxlink <= P_FLEN - 1);
        rc = dict_set(&lids, h->lemma, l, h->lid);
    }
    for (int i = 0; i < c->nlid; i++) c->lidok[i] &= 1;
    int ids[2] = {S_cid_add(c, voc, "$", 1), S_cid_add(c, voc, "^", 1)};
    if (ids[0] < 0 || ids[1] < 0) rc = SITREP_ENOMEM;
    c->id_dollar = ids[0];
    c->id_caret = ids[1];
    for (size_t k = 0; k < nf && !rc; k++) {
        const char *n = learn_name(m, (int)k), *bar;
        S_wx v = {learn_weight(m, (int)k), (int)k};
        int tmpl = 0, tix = 0, lid = 0;
        uint32_t rest = 0;
        const char *q = n;
        if ((q[0] == 's' || q[0] == 'g') && !strncmp(q + 1, ":kind=", 6)) {   /* s:kind=K|role=R */
            int sd = q[0] == 'g', kind = 0, nd = 0;
            for (q += 7; *q >= '0' && *q <= '9' && nd < 7; q++, nd++) kind = kind * 10 + (*q - '0');
            /* as S_fint writes a kind: no sign, no leading zero */
            if (!nd || (nd > 1 && n[7] == '0') || kind >= 0x100000 || strncmp(q, "|role=", 6)) continue;
            int rid;
            const char *r = q + 6;
            if (!dict_get(&c->roles, r, strlen(r), &rid) &&
                (rc = dict_set(&c->roles, r, strlen(r), rid = (int)c->roles.len + 1)))
                break;
            rc = S_fmap_set(c, S_fkey(FK_H, 0, kind, (uint32_t)sd << 24 | (uint32_t)rid), v);
            continue;
        }
        if (!strncmp(q, "T=", 2)) { tmpl = FK_A; q += 2; }
        else if (!strncmp(q, "lem=", 4)) tmpl = FK_B;
        if (tmpl != FK_B) {   /* the type */
            if (!(bar = strchr(q, '|'))) continue;
            size_t tl = (size_t)(bar - q);
            for (tix = 0; tix < NTYPES && (tlen[tix] != tl || memcmp(S_types[tix], q, tl)); tix++) {}
            if (tix == NTYPES) continue;
            q = bar + 1;
        }
        if (!tmpl && (q[0] == 's' || q[0] == 'g') && !strncmp(q + 1, ":role=", 6)) {   /* T|s:role=R */
            int rid, sd = q[0] == 'g';
            const char *r = q + 7;
            if (!dict_get(&c->roles, r, strlen(r), &rid) &&
                (rc = dict_set(&c->roles, r, strlen(r), rid = (int)c->roles.len + 1)))
                break;
            tmpl = FK_G;
            rest = (uint32_t)sd << 24 | (uint32_t)rid;
        } else if (!strncmp(q, "next=", 5) || !strncmp(q, "prev=", 5)) {
            if (tmpl) continue;
            tmpl = q[0] == 'n' ? FK_C : FK_D;
            int id = S_cid_add(c, voc, q + 5, strlen(q + 5));
            if (id < 0) { rc = SITREP_ENOMEM; break; }
            rest = (uint32_t)id;
        } else if (!strncmp(q, "lem=", 4)) {
            q += 4;
            if (!(bar = strchr(q, '|')) || !dict_get(&lids, q, (size_t)(bar - q), &lid)) continue;
            q = bar + 1;
            if (tmpl == FK_A || tmpl == FK_B) {   /* ...|v */
                if ((q[0] != 'v' && q[0] != 'n') || q[1]) continue;
                rest = q[0] == 'n';
            } else if (!strncmp(q, "match=", 6)) {
                tmpl = FK_E;
                if (q[6] < '0' || q[6] > '2' || q[7]) continue;
                rest = (uint32_t)(q[6] - '0');
            } else {                            /* s:L|W */
                tmpl = FK_F;
                if ((q[0] != 's' && q[0] != 'g') || q[1] != ':' || (q[2] != 'L' && q[2] != 'R') || q[3] != '|')
                    continue;
                const char *w = q + 4;
                int wid = vocab_id(voc, w, strlen(w));
                int li = !strcmp(w, "^") ? 0 : !strcmp(w, "-") ? 1 : wid > 0 && wid < c->nlinkof ? c->linkof[wid] : 0;
                if (!li && strcmp(w, "^")) continue;   /* no linking word */
                rest = (uint32_t)((q[0] == 'g') << 9 | (q[2] == 'R') << 8 | li);
            }
        } else continue;
        rc = S_fmap_set(c, S_fkey(tmpl, tix, lid, rest), v);
    }
    dict_free(&lids);
    return rc;
}

int coder_bind_model(coder *c, const learn_model *m, const vocab *voc)
{
    free(c->wt);
    free(c->fkeys);
    free(c->fvals);
    free(c->lidok);
    dict_free(&c->roles);
    dict_init(&c->roles);
    c->wt = NULL;
    c->fkeys = NULL;
    c->fvals = NULL;
    c->lidok = NULL;
    c->wt_model = NULL;
    if (!m) return 0;
    if (S_bind_names(c, m, voc)) return SITREP_ENOMEM;
    S_wtab *W = calloc(1, sizeof *W);
    if (!W) return SITREP_ENOMEM;
    static const char lrs[2] = {'L', 'R'}, sides[2] = {'s', 'g'};
    static const char *const orders[2] = {"sg", "gs"};
    static const int bucket_d[5] = {1, 3, 6, 10, 11};   /* one distance of each S_bucket */
    for (int T = 0; T < NTYPES; T++) {
        const char *t = S_types[T];
        W->tt[T] = S_wname(m, "T=%s", t);
        for (int k = 0; k < 5; k++) W->keys[T][k] = S_wname(m, "%s|keys=%d", t, k);
        for (int k = 0; k < 4; k++) W->match[T][k] = S_wname(m, "%s|match=%d", t, k);
        W->title[T] = S_wname(m, "%s|title", t);
        W->passive[T] = S_wname(m, "%s|passive", t);
        for (int sd = 0; sd < 2; sd++) {
            char sc = sides[sd];
            for (int r = 0; r < 5; r++) W->docrank[T][sd][r] = S_wname(m, "%s|%c:docrank=%d", t, sc, r);
            for (int lr = 0; lr < 2; lr++) {
                W->dir[T][sd][lr] = S_wname(m, "%s|%c:dir=%c", t, sc, lrs[lr]);
                for (int k = 0; k < 5; k++)
                    W->dird[T][sd][lr][k] = S_wname(m, "%s|%c:dir=%c|d=%s", t, sc, lrs[lr], S_bucket(bucket_d[k]));
                W->adj[T][sd][lr] = S_wname(m, "%s|%c:adj|dir=%c", t, sc, lrs[lr]);
                W->nearest[T][sd][lr] = S_wname(m, "%s|%c:nearest%c", t, sc, lrs[lr]);
            }
            for (int k = 0; k < c->nlinkw; k++) W->link[T][sd][k] = S_wname(m, "%s|%c:link=%s", t, sc, c->linkw[k]);
            W->poss[T][sd] = S_wname(m, "%s|%c:poss", t, sc);
            W->place[T][sd] = S_wname(m, "%s|%c:place", t, sc);
            W->first[T][sd] = S_wname(m, "%s|%c:first", t, sc);
            W->coord[T][sd] = S_wname(m, "%s|%c:coord", t, sc);
        }
        W->gnull[T] = S_wname(m, "%s|g:null", t);
        for (int k = 0; k < 4; k++) W->gnullk[T][k] = S_wname(m, "%s|g:null|keys=%d", t, k);
        for (int o = 0; o < 2; o++) {
            W->order[T][o] = S_wname(m, "%s|order=%s", t, orders[o]);
            for (int a = 0; a < 2; a++)
                for (int b = 0; b < 2; b++)
                    W->order2[T][o][a][b] = S_wname(m, "%s|order=%s|%c%c", t, orders[o], lrs[a], lrs[b]);
        }
        W->same[T] = S_wname(m, "%s|same", t);
        W->repb[T] = S_wname(m, "%s|s:report_between", t);
        for (int k = 1; k < 3; k++) W->pb[T][k] = S_wname(m, "%s|pair_before=%d", t, k);
        W->rule[T] = S_wname(m, "%s|rule", t);
        W->rulesrc[T] = S_wname(m, "%s|rule_src", t);
    }
    for (int sd = 0; sd < 2; sd++) {
        W->coref[sd] = S_wname(m, "%c:coref", sides[sd]);
        for (int k = 0; k < c->nlinkw; k++)
            for (int lr = 0; lr < 2; lr++)
                W->linkd[sd][k][lr] = S_wname(m, "%c:link=%s|dir=%c", sides[sd], c->linkw[k], lrs[lr]);
    }
    W->rule0 = S_wname(m, "rule");
    W->rot = S_wname(m, "rule_other_type");
    c->wt = W;
    c->wt_model = m;
    return 0;
}

/* 1 when candidate c differs from event o, of the same trigger and type,
 * only by a member of a list: one side the same, the other coordinated
 * with o's ("A and B were among the leaders congratulating C"); for a
 * symmetric act either way round ("the agreement between China, Iran and
 * Saudi Arabia": each pair). */
static int S_list_pair(const S_ctx *x, const sr_event *o, const S_cand *c)
{
    const sr_mention *os = o->source, *ot = o->target, *cs = c->src, *ct = c->tgt;
    if (!os || !cs) return 0;
    /* "A and B praised the ceasefire": each of a list of sources */
    if (!ot || !ct) return !ot && !ct && S_coordinated(x, os, cs);
    if ((!strcmp(os->key, cs->key) && S_coordinated(x, ot, ct)) ||
        (!strcmp(ot->key, ct->key) && S_coordinated(x, os, cs)))
        return 1;
    if (!x->c->tsym[c->p->tix]) return 0;
    return (!strcmp(os->key, ct->key) && S_coordinated(x, ot, cs)) ||
           (!strcmp(ot->key, cs->key) && S_coordinated(x, os, ct));
}

/* Whether candidate k gives way: its trigger is a word of another event's
 * trigger (unless it differs from that event only by a member of a list),
 * the complement of an act, a pair already coded (either way round for a
 * symmetric act), or a better candidate claims the same trigger word with
 * another type. */
static int S_outranked(const S_ctx *x, const vec *cands, size_t k, size_t first_event, int sent)
{
    const S_cand *c = &VEC_AT(cands, S_cand, k);
    /* a trip for talks with another side is no visit to the host */
    if (c->p->tix == T_CONSULT && c->tgt &&
        (S_trip_for_talks(x, c->trig, c->trig + 1, x->in->seg->ntoks, c->tgt) ||
         S_trip_for_talks(x, c->trig, c->trig + 1, x->in->seg->ntoks, c->src)))
        return 1;
    for (size_t i = first_event; i < x->events.len; i++) {
        const sr_event *o = &VEC_AT(&x->events, sr_event, i);
        if (o->sent != sent) continue;
        /* a trigger gives one event, except to the members of a list
         * ("A and B were among the leaders congratulating C") */
        if (c->trig >= o->trig0 && c->trig < o->trig1 &&
            (o->type != c->type || !S_list_pair(x, o, c)))
            return 1;
        /* the complement of an act ("urged Putin to declare a ceasefire",
         * "refused to cede territory", "invited them to talks") is no
         * event of its own: the rules code what the contract asks of it */
        if (c->trig >= o->trig1 && c->trig - o->trig1 <= 6) {
            int to = 0, bound = 0;
            for (int t = o->trig0; t < c->trig; t++) {
                /* an infinitive or "to talks", not "leading to the takeover" */
                if ((S_id(x, t) == VW_TO) && (t + 1 == c->trig || S_is_verb_form(x, t + 1))) to = 1;
                if ((S_flags(x, t) & TOK_PUNCT) || S_is(x, t, W_BOUNDS)) bound = 1;
            }
            if (to && !bound) return 1;
        }
        /* the act of which an event's target is accused or thanked
         * ("accused Egypt of backing the rebels", "thanked Japan for
         * sending aid") is that target's, not the speaker's */
        if (c->trig == o->trig1 && o->target && c->trig > o->trig0 &&
            ((S_id(x, c->trig - 1) == VW_OF) || (S_id(x, c->trig - 1) == VW_FOR)) && S_is_ing(x, c->trig) &&
            strcmp(c->src->key, o->target->key))
            return 1;
        /* the pair coded already (either way round for a symmetric act;
         * "the US struck Yemen after Houthi attacks on US ships" holds both ways) */
        if (o->type == c->type &&
            (x->c->tsym[c->p->tix] ? S_same_pair(o->source, o->target, c->src, c->tgt)
                                      : o->source && !strcmp(o->source->key, c->src->key) &&
                                            (o->target ? c->tgt && !strcmp(o->target->key, c->tgt->key) : !c->tgt)))
            return 1;
        /* coordinated actors ("Scholz and Macron spoke with Putin") act
         * together: no event between them when the rules gave them one */
        if (o->type == c->type && c->tgt && o->source &&
            (!strcmp(o->source->key, c->src->key) || !strcmp(o->source->key, c->tgt->key))) {
            const sr_mention *a = c->src->t0 < c->tgt->t0 ? c->src : c->tgt, *b = a == c->src ? c->tgt : c->src;
            int coord = b->t0 > a->t1 && b->t0 - a->t1 <= 2;
            for (int t = a->t1; t < b->t0 && coord; t++)
                if ((S_id(x, t) != VW_AND) && (S_id(x, t) != VW_P_COMMA)) coord = 0;
            if (coord) return 1;
        }
    }
    for (size_t i = 0; i < cands->len; i++) {
        const S_cand *o = &VEC_AT(cands, S_cand, i);
        if (i == k || o->score < c->score || (o->score == c->score && i > k)) continue;
        if (o->trig == c->trig && o->type != c->type) return 1;
    }
    return 0;
}

/* 1 for a preposition of time: "after", "before", "during", "since",
 * "following", "until", "ahead of" (at "of"). */
static int S_is_time_pp(const S_ctx *x, int t)
{
    return S_is(x, t, W_TIMEPP) || ((S_id(x, t) == VW_OF) && t > 0 && (S_id(x, t - 1) == VW_AHEAD));
}

/* The tokens in [a, b) outside time expressions: "Hamas's October 7, 2023
 * attack" has a possessor right before its noun. */
static int S_words_between(const S_ctx *x, int a, int b)
{
    int n = b - a;
    for (int i = 0; i < x->in->ntimexes; i++) {
        const sr_timex *tx = &x->in->timexes[i];
        int lo = tx->t0 > a ? tx->t0 : a, hi = tx->t1 < b ? tx->t1 : b;
        if (hi > lo) n -= hi - lo;
    }
    return n;
}

/* A kept candidate's heaviest features (S_cand.why), once it is used. */
static int S_cand_why(const S_ctx *x, S_feats *f, S_cand *c)
{
    if (c->why[0]) return 0;
    int fast = x->c->wt && x->c->wt_model == f->m;
    f->W = fast ? x->c->wt : NULL;
    f->explain = 1;
    f->n = 0;
    f->z = 0;
    S_cand_feats(x, f, &c->fc, FG_TRIG | FG_SRC | FG_TGT | FG_PAIR);
    char why[256];
    learn_explain(f->m, f->ix, f->ptr, f->n, why, sizeof why);
    return (c->why = arena_strdup(x->a, why)) ? 0 : SITREP_ENOMEM;
}

/* The sum of the weights of a group of features, by their names. */
static double S_group_sum(const S_ctx *x, S_feats *f, const S_fctx *c, int group)
{
    f->n = 0;
    f->z = 0;
    S_cand_feats(x, f, c, group);
    return f->z;
}

/* The key class of a mention's key among the sentence's actors (S_sent.kid
 * of the first with that key), -2 for no key ("" or no mention), -1 for
 * another. */
static int S_key_class(const S_sent *sn, const sr_mention *m)
{
    if (!m || !m->key[0]) return -2;
    for (int i = 0; i < sn->nm; i++)
        if (sn->kid[i] == i && sn->ms[i]->key[0] == m->key[0] && !strcmp(sn->ms[i]->key, m->key)) return i;
    return -1;
}

/* An event of the document, as S_fctx.prule and the pair-before feature
 * compare it with a candidate: its type and the classes of its keys. */
typedef struct {
    const char *type;
    int sk, gk;                  /* S_key_class of source and target */
} S_evkey;

static int S_propose(S_ctx *x, int sent, size_t first_event)
{
    const code_input *in = x->in;
    const learn_model *model = in->model;
    if (!model && !in->candidates) return 0;
    const sr_sentence *se = &in->seg->sents[sent];
    int s0 = se->tok0, s1 = se->tok0 + se->ntok;
    /* the sentence's actors: per key the mentions, in order */
    S_sent sn;
    int nm = 0;
    for (int i = 0; i < in->nmentions && nm < P_MAXM; i++) {
        const sr_mention *m = &in->mentions[i];
        if (m->sent == sent && m->t0 >= s0 && m->t1 <= s1 && m->key[0]) sn.ms[nm++] = m;
    }
    if (!nm) return 0;
    const sr_mention *const *ms = sn.ms;
    sn.nm = nm;
    sn.s0 = s0;
    sn.s1 = s1;
    int nkeys = 0;
    for (int i = 0; i < nm; i++) {
        int j = 0;
        while (j < i && (ms[j]->key[0] != ms[i]->key[0] || strcmp(ms[j]->key, ms[i]->key))) j++;
        sn.kid[i] = j;
        if (j == i) nkeys++;
        int rank = 0;
        while (rank < x->nkeyrank && (x->keyrank[rank][0] != ms[i]->key[0] || strcmp(x->keyrank[rank], ms[i]->key)))
            rank++;
        sn.rank[i] = rank;
        sn.placeprep[i] = ms[i]->t0 > s0 && S_in_list(x, ms[i]->t0 - 1, L_PLACE_PREP);
    }
    int *next_rep = arena_alloc(x->a, 2 * (size_t)(s1 - s0 + 1) * sizeof *next_rep);
    if (!next_rep) return SITREP_ENOMEM;
    int *next_ger = next_rep + (s1 - s0 + 1);
    next_rep[s1 - s0] = next_ger[s1 - s0] = s1;
    for (int k = s1 - 1; k >= s0; k--) {
        /* S_is_report_word's first test here: most words end no cue */
        int wid = S_id(x, k);
        int rep = wid > 0 && wid < x->c->ncue_last && x->c->cue_last[wid] >= 0 && S_is_report_word(x, k);
        next_rep[k - s0] = rep ? k : next_rep[k + 1 - s0];
        next_ger[k - s0] = S_gerund_at(x, k) ? k : next_ger[k + 1 - s0];
    }
    sn.next_rep = next_rep;
    sn.next_ger = next_ger;
    x->sn = &sn;
    /* the events so far, by key class: the sentence's (S_fctx.prule) and the
     * sentences' before (the pair-before feature) */
    size_t nev = x->events.len;
    S_evkey *evk = arena_alloc(x->a, (nev ? nev : 1) * sizeof *evk);
    if (!evk) {
        x->sn = NULL;
        return SITREP_ENOMEM;
    }
    for (size_t k = 0; k < nev; k++) {
        const sr_event *o = &VEC_AT(&x->events, sr_event, k);
        evk[k].type = o->source && (k < first_event || o->sent == sent) ? o->type : NULL;
        if (!evk[k].type) continue;
        evk[k].sk = S_key_class(&sn, o->source);
        evk[k].gk = S_key_class(&sn, o->target);
    }
    /* the pairs of the sentences before: per (source class, target class
     * + 1, -1 for none) a bit per type of their events (S_tix) */
    uint32_t bef[P_MAXM][P_MAXM + 1];
    memset(bef, 0, (size_t)nm * sizeof bef[0]);   /* key classes are below nm */
    for (size_t k = 0; k < first_event; k++) {
        const S_evkey *e = &evk[k];
        if (!e->type) continue;
        int ty = S_tix(e->type);
        if (e->sk >= 0 && (e->gk >= 0 || e->gk == -2)) bef[e->sk][e->gk + 1 > 0 ? e->gk + 1 : 0] |= 1u << ty;
        if (e->gk >= 0 && (e->sk >= 0 || e->sk == -2)) bef[e->gk][e->sk + 1 > 0 ? e->sk + 1 : 0] |= 1u << ty;
    }
    vec cands = x->cands;     /* the storage of the sentences before, emptied */
    cands.len = 0;
    vec ckeys = x->ckeys;     /* each candidate's (type, source key, target key) */
    ckeys.len = 0;
    /* ... and where it is: 1 + its index, by open addressing, while the
     * candidates fill less than 3/4 of the table (then by ckeys alone) */
    enum { CT_N = 256, CT_FULL = CT_N * 3 / 4 };
    unsigned short ctab[CT_N];
    memset(ctab, 0, sizeof ctab);
    char fbuf[P_MAXF * P_FLEN], tbuf[P_FLEN * 2];
    S_feats f, ft, *fz = &f;
    f.buf = fbuf;
    f.m = model;
    f.W = NULL;
    f.explain = 0;
    /* the scores by table when the coder knows the model, else by name */
    int fast = model && x->c->wt && x->c->wt_model == model;
    if (fast) {
        ft.buf = tbuf;
        ft.m = model;
        ft.W = x->c->wt;
        ft.explain = 0;
        fz = &ft;
    }
    if (fast && !x->mrid && !(x->mrid = arena_alloc(x->a, (size_t)(in->nmentions + 1) * sizeof *x->mrid)))
        return SITREP_ENOMEM;   /* zeroed: no role known yet */
    int rc = 0;
    for (int t = s0; t < s1 && !rc; t++) {
        if (!(S_flags(x, t) & TOK_WORD)) continue;
        if (x->minside[t] >= 0) continue;
        /* "after the meeting", "during the talks": an event noun that only
         * dates something else, with no actor in its own phrase */
        int time_anchor = t >= s0 + 2 && S_is_time_pp(x, t - 2) && (S_id(x, t - 1) == VW_THE) &&
                          !(t + 2 < s1 && x->minside[t + 2] >= 0 && S_is(x, t + 1, W_PREPS));
        if (time_anchor) continue;
        const S_lex *le = x->lx[t];
        if (!le->nhead[0] && !le->nhead[1]) continue;
        /* a modal's demand is the reporter's, which only the rules look
         * for (S_find_sources) */
        if (S_id(x, t) == VW_MUST) continue;
        /* what does not depend on the type: the nearest mention on each
         * side of the trigger; the mentions' distances to it, and per key
         * the nearest two; each mention as a source (ok_src: 1 any type,
         * 2 the speech acts and SUPPORT only) */
        int nearL = -1, nearR = -1, dist[P_MAXM], best1[P_MAXM], best1i[P_MAXM], best2[P_MAXM];
        unsigned char ok_src[P_MAXM];
        for (int i = 0; i < nm; i++) {
            if (ms[i]->t1 <= t) nearL = i;
            else if (ms[i]->t0 > t && nearR < 0) nearR = i;
            dist[i] = abs(ms[i]->t0 - t);
            best1[i] = best2[i] = INT_MAX;
            best1i[i] = -1;
        }
        for (int i = 0; i < nm; i++) {
            int k = sn.kid[i];
            if (dist[i] < best1[k]) { best2[k] = best1[k]; best1[k] = dist[i]; best1i[k] = i; }
            else if (dist[i] < best2[k]) best2[k] = dist[i];
        }
        int gagent = S_gerund_agent(x, s0, t);
        /* ... and of the nouns of its phrase ("selling weapons to Taiwan") */
        for (int k = t - 1; gagent == -2 && k > s0 && k >= t - 3 && (S_flags(x, k) & TOK_WORD) && x->minside[k] < 0;
             k--)
            if (S_is_ing(x, k)) {
                gagent = S_gerund_agent(x, s0, k);
                break;
            }
        for (int si = 0; si < nm; si++) {
            const sr_mention *sm = ms[si];
            ok_src[si] = 1;
            /* a gerund's agent (S_gerund_agent) is its only source */
            if (gagent != -2 && (gagent < 0 || sm != &x->in->mentions[gagent])) {
                ok_src[si] = 0;
                continue;
            }
            /* "Blinken said Russia must answer for the massacre": the one
             * who reports a material act is not its actor when the report
             * names another actor before it */
            if (sm->t1 <= t) {
                int rep = next_rep[sm->t1 - s0] < t ? next_rep[sm->t1 - s0] : -1, other = 0;
                for (int k = 0; rep >= 0 && k < nm && !other; k++)
                    other = ms[k]->t0 > rep && ms[k]->t1 <= t && sn.kid[k] != sn.kid[si];
                if (other) ok_src[si] = 2;
            }
            /* a place in a place phrase is where, not who: "travelled
             * to Baku for a meeting with Aliyev" */
            if ((sm->how & AH_PLACE) && sn.placeprep[si]) ok_src[si] = 0;
            /* what follows a gerund after for/of/against is the gerund's
             * ("convicted a woman of spying for Israel") */
            else if (sm->t0 > t + 2 && S_gerund_between(&sn, t + 1, sm->t0)) ok_src[si] = 0;
            /* a possessor acts only in its own noun phrase ("Iran's drone
             * attack on Israel drew condemnation": Iran owns the attack,
             * not the condemnation) */
            else if ((sm->how & AH_POSS) && (t < sm->t1 || S_words_between(x, sm->t1, t) > 3)) ok_src[si] = 0;
            /* the nearest mention of each key */
            else if (best1[sn.kid[si]] < dist[si]) ok_src[si] = 0;
        }
        /* S_best_pattern's matches here, when they hold for this passive:
         * the same patterns in the same order */
        const unsigned char *rr = x->mres_at[t] && x->mres_pass[t] == x->passive
                                      ? &VEC_AT(&x->mres, unsigned char, x->mres_at[t] - 1) : NULL;
        size_t ri = 0;
        for (int pos = 0; pos < 2 && !rc; pos++) {
            for (int hi = 0; hi < le->nhead[pos] && !rc; hi++) {
                const S_hent *he = HENT(x->c, le->head[pos] + hi);
                /* the types this head serves, each with its plainest pattern
                 * (S_build_chains), and 1 + the most words besides the head
                 * of a pattern of that type matching here in full (0: none
                 * matches) */
                const S_chain *ch = &VEC_AT(&x->c->chains, S_chain, x->c->chain_of[he->first]);
                const S_pat *tp[P_MAXT];
                int ntp = ch->ntp, full[P_MAXT];
                for (int j = 0; j < ntp; j++) {
                    tp[j] = PAT(x->c, ch->tp[j]);
                    full[j] = 0;
                }
                for (int k = 0; k < ch->ne; k++, ri++) {
                    const S_centry *e = &VEC_AT(&x->c->centries, S_centry, (size_t)(ch->e0 + k));
                    if (e->j < ntp && e->nlit1 > full[e->j]) {
                        S_match m;
                        memset(&m, 0, sizeof m);
                        m.tplace = -1;
                        m.src = -1;
                        m.lit_last = t;
                        const S_pat *ep = PAT(x->c, e->pi);
                        int ok = rr ? rr[ri] : S_lits_after(x, e, s0, s1, t + 1) && S_match_el(x, ep, 0, t + 1, s1, &m);
                        if (ok) full[e->j] = e->nlit1;
                    }
                }
                for (int ti = 0; ti < ntp && !rc; ti++) {
                    const S_pat *p = tp[ti];
                    const char *T = p->type;
                    /* a light verb triggers only with its words ("hold" with
                     * "talks", "begin" with "negotiations"): a head whose
                     * plainest pattern of the type has more words than the
                     * head proposes the type only where one matches whole */
                    if (p->ncontent > 0 && !full[ti]) continue;
                    /* the rules' lexical tests hold here too ("truce talks",
                     * "in exchange for", "warned of a catastrophe") */
                    if (!S_word_is_act(x, s0, s1, t, t + (full[ti] > 1 ? full[ti] : 1), p->tix, pos == 1)) continue;
                    /* "the detained blogger": no one's arrest here (S_find_sources) */
                    if (pos == 0 && p->tix == T_COERCE && S_attributive(x, s0, s1, t)) continue;
                    int speech = x->c->tspeech[p->tix], sym = x->c->tsym[p->tix];
                    double zt = 0, zs[P_MAXM], zg[P_MAXM + 1];
                    int have_zt = 0;
                    char have_zs[P_MAXM] = {0}, have_zg[P_MAXM + 1] = {0};
                    for (int si = 0; si < nm && !rc; si++) {
                        const sr_mention *sm = ms[si];
                        if (!ok_src[si] || (ok_src[si] == 2 && !speech)) continue;
                        int skey = sn.kid[si];
                        for (int gi = -1; gi < nm && !rc; gi++) {
                            const sr_mention *gm = gi >= 0 ? ms[gi] : NULL;
                            if (gm) {
                                if (gi == si) continue;
                                /* a city standing for its own country's leader is
                                 * no second party ("went to Baku to meet Aliyev") */
                                if (sym && ((sm->how | gm->how) & (AH_PLACE | AH_METONYM)) && sn.kid[gi] == skey)
                                    continue;
                                /* the members of a list subject act together:
                                 * "Norway and Switzerland praised the truce" is
                                 * no praise of Norway (a symmetric act is between
                                 * them; fighting and releases may be mutual) */
                                if (!sym && pos == 0 && sm->t1 <= t && gm->t1 <= t && p->tix != T_ASSAULT &&
                                    p->tix != T_RETREAT && S_coordinated(x, sm, gm))
                                    continue;
                                /* the speaker of "A said B did X" is no party to X;
                                 * "A and B announced an agreement" speak together */
                                int spoke = gm->t1 < t && next_rep[gm->t1 - s0] < t;
                                if (spoke && sym && S_coordinated(x, sm, gm)) spoke = 0;
                                if (spoke) continue;
                                /* what follows a gerund after for/of/against is
                                 * the gerund's ("convicted of spying for Israel") */
                                if (gm->t0 > t + 2 && S_gerund_between(&sn, t + 1, gm->t0)) continue;
                                /* the nearest mention of its key, the source aside */
                                int k = sn.kid[gi];
                                if ((best1i[k] == si ? best2[k] : best1[k]) < dist[gi]) continue;
                            }
                            S_fctx fc = {T, he->lemma, p->tix, he->lid, pos, t, s0, s1, nkeys, full[ti], sm, gm, si, gi,
                                         si == nearL || si == nearR,
                                         gm && (gi == nearL || gi == nearR), sent, first_event, 0, 0, x->passive};
                            /* what the rules coded between the keys (S_fctx.prule),
                             * and the pair in the sentences before */
                            int gkey = gm ? sn.kid[gi] : -2;
                            for (size_t k = first_event; k < nev; k++) {
                                if (!evk[k].type) continue;
                                int sk = evk[k].sk == skey, gk = gm ? evk[k].gk >= 0 && evk[k].gk == gkey : !VEC_AT(&x->events, sr_event, k).target;
                                if (evk[k].type == T && sk && gk) fc.prule |= 1;
                                else if (evk[k].type == T && sk) fc.prule |= 2;
                                else if (sk && gk) fc.prule |= 4;
                            }
                            uint32_t bm = bef[skey][gkey >= 0 ? gkey + 1 : 0];
                            fc.before = bm >> p->tix & 1 ? 2 : bm ? 1 : 0;
                            /* the score by groups of features: the trigger's once per
                             * type, each side's once per mention, the pair's each time */
                            double sc = 0;
                            int rule = fc.prule & 1;
                            if (model) {
                                if (!have_zt) {
                                    zt = S_group_sum(x, fz, &fc, FG_TRIG);
                                    have_zt = 1;
                                }
                                if (!have_zs[si]) {
                                    zs[si] = S_group_sum(x, fz, &fc, FG_SRC);
                                    have_zs[si] = 1;
                                }
                                if (!have_zg[gi + 1]) {
                                    zg[gi + 1] = S_group_sum(x, fz, &fc, FG_TGT);
                                    have_zg[gi + 1] = 1;
                                }
                                double zp = S_group_sum(x, fz, &fc, FG_PAIR);
#ifdef SITREP_CHECK_FEATS
                                /* the tables give learn_sum's sums to the bit */
                                if (fast) {
                                    double a[3] = {zs[si], zg[gi + 1], zp};
                                    double b[3] = {S_group_sum(x, &f, &fc, FG_SRC), S_group_sum(x, &f, &fc, FG_TGT),
                                                   S_group_sum(x, &f, &fc, FG_PAIR)};
                                    if (S_group_sum(x, &f, &fc, FG_TRIG) != zt) abort();
                                    if (memcmp(a, b, sizeof a)) abort();
                                }
#endif
                                sc = learn_prob(model, zt + zs[si] + zg[gi + 1] + zp);
                            }
                            /* one candidate per (type, source key, target key) */
                            int ckey = (p->tix * (P_MAXM + 1) + skey) * (P_MAXM + 1) + (gm ? gkey + 1 : 0);
                            S_cand *c = NULL;
                            size_t slot = 0;
                            if (ckeys.len < CT_FULL) {
                                for (slot = (uint32_t)ckey * 2654435761u >> 24;; slot = (slot + 1) & (CT_N - 1)) {
                                    int ix = ctab[slot];
                                    if (!ix) break;
                                    if (VEC_AT(&ckeys, int, ix - 1) == ckey) {
                                        c = &VEC_AT(&cands, S_cand, ix - 1);
                                        break;
                                    }
                                }
                            } else
                                for (size_t k = 0; k < ckeys.len && !c; k++)
                                    if (VEC_AT(&ckeys, int, k) == ckey) c = &VEC_AT(&cands, S_cand, k);
                            if (c && c->score >= sc && (model || c->rule >= rule)) continue;
                            if (!c) {
                                if (ckeys.len < CT_FULL) ctab[slot] = (unsigned short)(ckeys.len + 1);
                                /* inline while they have room; every field of c is set below */
                                int *ck = ckeys.len < ckeys.cap ? &VEC_AT(&ckeys, int, ckeys.len++) : vec_push(&ckeys);
                                if (ck) c = cands.len < cands.cap ? &VEC_AT(&cands, S_cand, cands.len++) : vec_push(&cands);
                                if (!ck || !c) { rc = SITREP_ENOMEM; break; }
                                *ck = ckey;
                            }
                            c->type = T;
                            c->src = sm;
                            c->tgt = gm;
                            c->p = p;
                            c->trig = t;
                            c->score = sc;
                            c->rule = rule;
                            c->why = "";
                            c->feats = NULL;
                            c->fc = fc;
                        }
                    }
                }
            }
        }
    }
    /* with code_input.candidates every candidate's features (and the kept
     * ones' heaviest): only the last of a (type, source key, target key)
     * is kept, and its features read nothing that changes later (S_fctx) */
    for (size_t k = 0; k < cands.len && !rc && in->candidates; k++) {
        S_cand *c = &VEC_AT(&cands, S_cand, k);
        int explain = model && c->score >= learn_threshold(model);
        f.W = NULL;
        f.explain = 1;
        f.n = 0;
        f.z = 0;
        S_cand_feats(x, &f, &c->fc, FG_TRIG | FG_SRC | FG_TGT | FG_PAIR);
        if (explain) {
            char why[256];
            learn_explain(model, f.ix, f.ptr, f.n, why, sizeof why);
            if (!(c->why = arena_strdup(x->a, why))) { rc = SITREP_ENOMEM; break; }
        }
        if (in->candidates) {
            char all[P_MAXF * P_FLEN];
            size_t o = 0;
            for (int i = 0; i < f.n; i++) {
                size_t l = strlen(f.ptr[i]);
                if (o + l + 2 >= sizeof all) break;
                if (o) all[o++] = ' ';
                memcpy(all + o, f.ptr[i], l);
                o += l;
            }
            all[o] = 0;
            if (!(c->feats = arena_strdup(x->a, all))) { rc = SITREP_ENOMEM; break; }
        }
    }
    /* the rules found an act and its source but no target: the best
     * candidate of that act's trigger, type and source names it */
    if (!in->candidates && model)
        for (size_t i = first_event; i < x->events.len; i++) {
            sr_event *o = &VEC_AT(&x->events, sr_event, i);
            if (o->sent != sent || o->target || !o->source) continue;
            /* not the one who reports the act after it ("North Korea
             * fired a ballistic missile, Seoul said") */
            int rep = S_reporter_after(x, in->seg->sents[sent].tok0 + in->seg->sents[sent].ntok, o->trig1 - 1);
            const sr_mention *reporter = rep >= 0 ? &in->mentions[rep] : NULL;
            S_cand *best = NULL;
            for (size_t k = 0; k < cands.len; k++) {
                S_cand *c = &VEC_AT(&cands, S_cand, k);
                if (c->type != o->type || !c->tgt || c->trig < o->trig0 || c->trig >= o->trig1 ||
                    strcmp(c->src->key, o->source->key) || !strcmp(c->tgt->key, o->source->key) ||
                    c->score < learn_threshold(model) || S_in_gerund_phrase(x, o->trig1, c->tgt->t0) ||
                    c->tgt == reporter)
                    continue;
                if (!best || c->score > best->score) best = c;
            }
            if (!best) continue;
            if ((rc = S_cand_why(x, &f, best))) break;
            o->target = best->tgt;
            o->pattern = arena_printf(x->a, "%s; target by the model p=%.2f: %s", o->pattern, best->score, best->why);
            best->score = -1;  /* used */
        }
    /* training data: the rules' events give way to every candidate */
    if (in->candidates) x->events.len = first_event;
    for (size_t k = 0; k < cands.len && !rc; k++) {
        S_cand *c = &VEC_AT(&cands, S_cand, k);
        if (!in->candidates && (c->rule || !model || c->score < learn_threshold(model) || S_outranked(x, &cands, k, first_event, sent)))
            continue;
        S_match m;
        memset(&m, 0, sizeof m);
        m.end = c->trig + 1;
        m.lit_last = c->trig;
        m.tplace = -1;
        m.src = -1;
        size_t before = x->events.len;
        x->passive = 0;
        /* a symmetric act names first its first-named side (spec §3) */
        const sr_mention *es = c->src, *et = c->tgt;
        if (et && x->c->tsym[c->p->tix] &&
            ((es->kind == AK_ORG) != (et->kind == AK_ORG) ? es->kind == AK_ORG : et->t0 < es->t0)) {
            /* ... and an organisation is the one met (its summit attended) */
            es = c->tgt;
            et = c->src;
        }
        rc = S_add_event(x, c->p, sent, c->trig, &m, es, et, NULL, s0, s1);
        if (rc || x->events.len == before) continue;
        if (!in->candidates && (rc = S_cand_why(x, &f, c))) break;
        sr_event *ev = &VEC_AT(&x->events, sr_event, x->events.len - 1);
        ev->confidence = round(c->score * 100) / 100;
        ev->pattern = arena_printf(x->a, "model p=%.2f: %s", c->score, c->why);
        if (in->candidates) {
            ev->features = c->feats;
            ev->score = c->score;
            ev->rule = c->rule;
        }
    }
    x->cands = cands;         /* kept for the next sentence (coder_code frees them) */
    x->ckeys = ckeys;
    x->sn = NULL;
    return rc;
}

int coder_code(const coder *c, arena *a, const code_input *in, sr_event **out, int *nout)
{
    S_ctx x;
    memset(&x, 0, sizeof x);
    x.c = c;
    x.a = a;
    x.in = in;
    x.toks = in->seg->toks;
    int nt = in->seg->ntoks;
    x.mstart = arena_alloc(a, (size_t)(nt + 1) * sizeof(int));
    x.minside = arena_alloc(a, (size_t)(nt + 1) * sizeof(int));
    x.pstart = arena_alloc(a, (size_t)(nt + 1) * sizeof(int));
    x.tend = arena_alloc(a, (size_t)(nt + 1) * sizeof(int));
    x.verb_cache = arena_alloc(a, (size_t)(nt + 1));
    x.report_cache = arena_alloc(a, (size_t)(nt + 1));
    x.wc = arena_alloc(a, (size_t)(nt + 1) * sizeof(unsigned));
    if (!x.wc) return SITREP_ENOMEM;
    for (int i = 0; i < nt; i++) x.wc[i] = (unsigned)(in->seg->toks[i].cls >> VC_CODER_SHIFT);
    x.adv_cache = arena_alloc(a, (size_t)(nt + 1));
    if (!x.adv_cache) return SITREP_ENOMEM;
    memset(x.adv_cache, -1, (size_t)(nt + 1));
    if (!x.mstart || !x.minside || !x.pstart || !x.tend || !x.verb_cache || !x.report_cache) return SITREP_ENOMEM;
    memset(x.verb_cache, -1, (size_t)(nt + 1));
    x.lx = arena_alloc(a, (size_t)(nt + 1) * sizeof *x.lx);
    x.cid = arena_alloc(a, (size_t)(nt + 1) * sizeof *x.cid);
    x.mres_at = arena_alloc(a, (size_t)(nt + 1) * sizeof *x.mres_at);   /* zeroed: none */
    x.mres_pass = arena_alloc(a, (size_t)(nt + 1));
    x.lsfx_s0 = x.lsfx_s1 = -1;
    if (!x.lx || !x.cid || !x.mres_at || !x.mres_pass) return SITREP_ENOMEM;
    vec_init(&x.mres, 1);
    vec_init(&x.cands, sizeof(S_cand));
    vec_init(&x.ckeys, sizeof(int));
    for (int i = 0; i <= nt; i++) {
        /* S_cid: the vocabulary's id, else the coder's own word's number */
        int id = i < nt ? in->seg->toks[i].id : VOCAB_UNKNOWN;
        if (i < nt && !(id > 0 && id < c->vbase)) {
            const char *w = in->seg->toks[i].norm;
            id = S_forms_find(c, w, strlen(w));
        }
        x.cid[i] = id;
        x.lx[i] = id > 0 && id < c->nlexi && c->lexi[id] ? &VEC_AT(&c->lexes, S_lex, c->lexi[id] - 1) : &S_nolex;
    }
    memset(x.report_cache, -1, (size_t)(nt + 1));
    for (int i = 0; i <= nt; i++) x.mstart[i] = x.minside[i] = x.pstart[i] = x.tend[i] = -1;
    for (int i = 0; i < in->ntimexes; i++)
        if (in->timexes[i].t0 >= 0 && in->timexes[i].t0 < nt && in->timexes[i].t1 > x.tend[in->timexes[i].t0])
            x.tend[in->timexes[i].t0] = in->timexes[i].t1;
    for (int mi = 0; mi < in->nmentions; mi++) {
        const sr_mention *m = &in->mentions[mi];
        int cur = x.mstart[m->t0];
        if (cur < 0 || in->mentions[cur].t1 < m->t1) x.mstart[m->t0] = mi;
        for (int k = m->t0; k < m->t1; k++)
            if (x.minside[k] < 0) x.minside[k] = mi;
    }
    for (int pi = 0; pi < in->nplaces; pi++)
        if (x.pstart[in->places[pi].t0] < 0) x.pstart[in->places[pi].t0] = pi;
    vec_init(&x.events, sizeof(sr_event));
    {
        /* the four most mentioned keys of the document */
        const char *keys[64];
        int counts[64], nk = 0;
        for (int mi = 0; mi < in->nmentions; mi++) {
            const char *k = in->mentions[mi].key;
            if (!k[0]) continue;
            int j = 0;
            while (j < nk && strcmp(keys[j], k)) j++;
            if (j == nk) {
                if (nk == 64) continue;
                keys[nk] = k;
                counts[nk++] = 0;
            }
            counts[j]++;
        }
        for (int r = 0; r < 4 && r < nk; r++) {
            int best = r;
            for (int j = r + 1; j < nk; j++)
                if (counts[j] > counts[best]) best = j;
            const char *tk = keys[r]; keys[r] = keys[best]; keys[best] = tk;
            int tc = counts[r]; counts[r] = counts[best]; counts[best] = tc;
            x.keyrank[x.nkeyrank++] = keys[r];
        }
    }
    int rc = 0;
    for (int s = in->first_text_sent; s < in->seg->nsents && !rc; s++) {
        size_t first = x.events.len;
        rc = S_code_sentence(&x, s);
        if (!rc) rc = S_propose(&x, s, first);
    }
    if (!rc) S_implicit_targets(&x);
    if (!rc && !in->candidates) S_drop_untargeted(&x);
    if (!rc && !in->candidates) rc = S_reciprocal_clashes(&x);
    if (!rc && !in->candidates) rc = S_accepted_aid(&x);
    if (!rc && !in->candidates) rc = S_denied_charges(&x);
    if (!rc && !in->candidates) rc = S_mediated_pairs(&x);
    if (!rc) S_scene_locations(&x);
    if (!rc) {
        *nout = (int)x.events.len;
        *out = arena_alloc(a, (x.events.len + 1) * sizeof(sr_event));
        if (!*out) rc = SITREP_ENOMEM;
        else if (x.events.len) memcpy(*out, x.events.data, x.events.len * sizeof(sr_event));
    }
    vec_free(&x.events);
    vec_free(&x.mres);
    vec_free(&x.cands);
    vec_free(&x.ckeys);
    free(x.lsfx);
    return rc;
}

/* ------------------------------------------------------------ self-check
 * coder_check compares what the tables built at load (S_build_lex) say of
 * a word with what the lexicon says of it directly, as the coder asked it
 * before the tables: the lemmas that head patterns (lexicon_lemmas, then
 * the heads' dictionaries), the literals it matches (S_word_eq's rule, or
 * a lemma other than itself), its verb lists, whether it is a past form.
 * The words: the vocabulary's, the coder's own, and around every lemma the
 * coder asks about, its stems and endings combined (the words the tables
 * must not miss). */

/* The literals' alternatives -> the elements that have them (the check's
 * own index: a word's candidates, looked up). */
typedef struct {
    dict alts;           /* alternative -> first of its (element, next) in refs */
    vec refs;            /* int[2] */
    vec elems;           /* const S_elem * */
    int *byid_first;     /* number -> first of its (element, next) in idrefs: the tables' answers */
    vec idrefs;          /* int[2] */
    int nbyid;
} S_chk;

static int S_chk_ref(vec *refs, int el, int next)
{
    int *r = vec_push(refs);
    if (!r) return -1;
    r[0] = el;
    r[1] = next;
    return (int)refs->len - 1;
}

static int S_cmp_int2(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* One word: 0, or -1 with the difference in err. */
static int S_check_word(const coder *c, const vocab *voc, S_chk *k, const char *w, char *err, size_t errlen)
{
    size_t wl = strlen(w);
    int id = vocab_id(voc, w, wl);
    int cid = id > 0 && id < c->vbase ? id : S_forms_find(c, w, wl);
    const S_lex *le = cid > 0 && cid < c->nlexi && c->lexi[cid] ? &VEC_AT(&c->lexes, S_lex, c->lexi[cid] - 1) : &S_nolex;
    /* heads and verb lists */
    unsigned bits = 0;
    for (int pos = 0; pos < 2; pos++) {
        const char *lem[LEXICON_MAX];
        char scratch[LEXICON_MAX * 64];
        int n = lexicon_lemmas(c->lx, (lexicon_pos)pos, w, lem, scratch), nh = 0;
        for (int i = 0; i < n; i++) {
            int first;
            if (dict_get(&c->heads[pos], lem[i], strlen(lem[i]), &first)) {
                const S_hent *h = nh < le->nhead[pos] ? HENT(c, le->head[pos] + nh) : NULL;
                if (!h || h->first != first || strcmp(h->lemma, lem[i])) {
                    snprintf(err, errlen, "'%s': head %d ('%s') differs", w, nh, lem[i]);
                    return -1;
                }
                nh++;
            }
            if (pos == LEX_VERB) {
                if (S_in(lem[i], S_light)) bits |= LX_LIGHT;
                if (S_in(lem[i], S_control)) bits |= LX_CONTROL;
                if (S_in(lem[i], S_answer)) bits |= LX_ANSWER;
                if (!strcmp(lem[i], "offer")) bits |= LX_OFFER;
            }
        }
        if (nh != le->nhead[pos]) {
            snprintf(err, errlen, "'%s': %d heads as %s, the table has %d", w, nh, pos ? "a noun" : "a verb",
                     le->nhead[pos]);
            return -1;
        }
    }
    int past = (le->bits & LX_KNOWN) ? (le->bits & LX_PAST) != 0 : wl > 3 && !strcmp(w + wl - 2, "ed");
    if ((le->bits & (LX_LIGHT | LX_CONTROL | LX_ANSWER | LX_OFFER)) != bits || past != lexicon_is_past(c->lx, w)) {
        snprintf(err, errlen, "'%s': verb lists or past form differ", w);
        return -1;
    }
    /* literals: the elements matched, for a word token (1) and another (0) */
    for (int word = 0; word < 2; word++) {
        vec want, got;
        vec_init(&want, sizeof(int));
        vec_init(&got, sizeof(int));
        int rc = 0;
        /* as written, or with a possessive: the alternatives w is */
        const char *cands[3] = {w, NULL, NULL};
        char b1[256], b2[256];
        if (wl > 2 && wl < sizeof b1 && w[wl - 2] == '\'' && w[wl - 1] == 's') {
            memcpy(b1, w, wl - 2);
            b1[wl - 2] = 0;
            cands[1] = b1;
        }
        if (wl > 1 && wl < sizeof b2 && w[wl - 1] == '\'') {
            memcpy(b2, w, wl - 1);
            b2[wl - 1] = 0;
            cands[2] = b2;
        }
        for (int i = 0; i < 3 && !rc; i++) {
            int r;
            if (!cands[i] || !dict_get(&k->alts, cands[i], strlen(cands[i]), &r)) continue;
            for (; r >= 0 && !rc; r = VEC_AT(&k->refs, int, 2 * (size_t)r + 1)) {
                int *p = vec_push(&want);
                if (!p) rc = -1;
                else *p = VEC_AT(&k->refs, int, 2 * (size_t)r);
            }
        }
        for (int pos = 0; pos < 2 && word && !rc; pos++) {
            const char *lem[LEXICON_MAX];
            char scratch[LEXICON_MAX * 64];
            int n = lexicon_lemmas(c->lx, (lexicon_pos)pos, w, lem, scratch);
            for (int i = 1; i < n && !rc; i++) {
                int r;
                if (!dict_get(&k->alts, lem[i], strlen(lem[i]), &r)) continue;
                for (; r >= 0 && !rc; r = VEC_AT(&k->refs, int, 2 * (size_t)r + 1)) {
                    int *p = vec_push(&want);
                    if (!p) rc = -1;
                    else *p = VEC_AT(&k->refs, int, 2 * (size_t)r);
                }
            }
        }
        /* the tables: the elements whose ids (or, for a word, lids) hold
         * its number, and only when the word is some literal's (LX_LIT) */
        for (int r = cid > 0 && cid < k->nbyid ? k->byid_first[cid] : -1; r >= 0 && !rc;
             r = VEC_AT(&k->idrefs, int, 2 * (size_t)r + 1)) {
            int el = VEC_AT(&k->idrefs, int, 2 * (size_t)r);
            const S_elem *e = VEC_AT(&k->elems, const S_elem *, el);
            if (!(le->bits & LX_LIT) || !(S_has(e->ids, e->nids, cid) || (word && S_has(e->lids, e->nlids, cid))))
                continue;
            int *p = vec_push(&got);
            if (!p) rc = -1;
            else *p = el;
        }
        if (!rc) {
            if (want.len) qsort(want.data, want.len, sizeof(int), S_cmp_int2);
            if (got.len) qsort(got.data, got.len, sizeof(int), S_cmp_int2);
            size_t nw = 0, ng = 0;   /* without repeats */
            for (size_t i = 0; i < want.len; i++)
                if (!nw || VEC_AT(&want, int, nw - 1) != VEC_AT(&want, int, i)) VEC_AT(&want, int, nw++) = VEC_AT(&want, int, i);
            for (size_t i = 0; i < got.len; i++)
                if (!ng || VEC_AT(&got, int, ng - 1) != VEC_AT(&got, int, i)) VEC_AT(&got, int, ng++) = VEC_AT(&got, int, i);
            if (nw != ng || (nw && memcmp(want.data, got.data, nw * sizeof(int)))) {
                snprintf(err, errlen, "'%s': matches %zu literals%s, the tables %zu", w, nw, word ? " as a word" : "", ng);
                rc = -1;
            }
        }
        vec_free(&want);
        vec_free(&got);
        if (rc) return rc;
    }
    return 0;
}

int coder_check(const coder *c, const vocab *voc, char *err, size_t errlen)
{
    if (!c->lx) return 0;
    S_chk k;
    memset(&k, 0, sizeof k);
    dict_init(&k.alts);
    vec_init(&k.refs, 2 * sizeof(int));
    vec_init(&k.elems, sizeof(const S_elem *));
    vec_init(&k.idrefs, 2 * sizeof(int));
    int rc = 0;
    k.nbyid = c->nlexi;
    if (!(k.byid_first = malloc(((size_t)k.nbyid + 1) * sizeof *k.byid_first))) rc = SITREP_ENOMEM;
    for (int i = 0; !rc && i <= k.nbyid; i++) k.byid_first[i] = -1;
    for (size_t pi = 0; pi < c->pats.len && !rc; pi++) {
        const S_pat *p = PAT(c, pi);
        for (int ei = 0; ei < p->nel && !rc; ei++) {
            const S_elem *e = &p->el[ei];
            if (!e->nalts) continue;
            const S_elem **ep = vec_push(&k.elems);
            if (!ep) { rc = SITREP_ENOMEM; break; }
            *ep = e;
            int el = (int)k.elems.len - 1;
            for (int a = 0; a < e->nalts && !rc; a++) {
                int first, r;
                if (!dict_get(&k.alts, e->alts[a], strlen(e->alts[a]), &first)) first = -1;
                if ((r = S_chk_ref(&k.refs, el, first)) < 0 || dict_set(&k.alts, e->alts[a], strlen(e->alts[a]), r))
                    rc = SITREP_ENOMEM;
            }
            for (int kind = 0; kind < 2 && !rc; kind++) {
                const int *ids = kind ? e->lids : e->ids;
                int n = kind ? e->nlids : e->nids;
                for (int i = 0; i < n && !rc; i++) {
                    int r = S_chk_ref(&k.idrefs, el, k.byid_first[ids[i]]);
                    if (r < 0) rc = SITREP_ENOMEM;
                    else k.byid_first[ids[i]] = r;
                }
            }
        }
    }
    /* the words */
    for (int id = 1; !rc && id < c->vbase; id++) rc = S_check_word(c, voc, &k, vocab_str(voc, id), err, errlen);
    for (size_t i = 0; !rc && i < c->nforms; i++) rc = S_check_word(c, voc, &k, c->fstr[i], err, errlen);
    /* around every lemma asked about: stems (the lemma, shorter by one or
     * two letters, its last letter doubled or turned to i) and endings */
    static const char *const ends[] = {"", "s", "es", "ed", "ing", "ies", "ied", "ying", "y", "e", "ie", "men", "man",
                                       "ses", "xes", "zes", "ches", "shes", "'s", "'", "s'", "d", "n", "er", NULL};
    vec lemmas;
    vec_init(&lemmas, sizeof(const char *));
    for (int pos = 0; pos < 2 && !rc; pos++)
        for (size_t j = 0; j < c->heads[pos].cap && !rc; j++)
            if (c->heads[pos].hashes[j]) {
                const char **l = vec_push(&lemmas);
                if (!l) rc = SITREP_ENOMEM;
                else *l = c->heads[pos].keys[j];
            }
    for (size_t i = 0; i < k.elems.len && !rc; i++) {
        const S_elem *e = VEC_AT(&k.elems, const S_elem *, i);
        for (int a = 0; a < e->nalts && !rc; a++) {
            const char **l = vec_push(&lemmas);
            if (!l) rc = SITREP_ENOMEM;
            else *l = e->alts[a];
        }
    }
    const char *const *lists[] = {S_light, S_control, S_answer};
    for (int li = 0; li < 3 && !rc; li++)
        for (int i = 0; lists[li][i] && !rc; i++) {
            const char **l = vec_push(&lemmas);
            if (!l) rc = SITREP_ENOMEM;
            else *l = lists[li][i];
        }
    for (size_t i = 0; i < lemmas.len && !rc; i++) {
        const char *l = VEC_AT(&lemmas, const char *, i);
        size_t n = strlen(l);
        if (n + 8 > 120) continue;
        char stem[128], word[128];
        for (int v = 0; v < 5 && !rc; v++) {
            size_t sn = n;
            memcpy(stem, l, n + 1);
            if (v == 1 && n > 1) stem[sn = n - 1] = 0;
            else if (v == 2 && n > 2) stem[sn = n - 2] = 0;
            else if (v == 3 && n > 0) { stem[n] = l[n - 1]; stem[sn = n + 1] = 0; }
            else if (v == 4 && n > 1) { stem[n - 1] = 'i'; sn = n; }
            else if (v) continue;
            for (int e = 0; ends[e] && !rc; e++) {
                snprintf(word, sizeof word, "%s%s", stem, ends[e]);
                (void)sn;
                rc = S_check_word(c, voc, &k, word, err, errlen);
            }
        }
    }
    vec_free(&lemmas);
    dict_free(&k.alts);
    vec_free(&k.refs);
    vec_free(&k.elems);
    vec_free(&k.idrefs);
    free(k.byid_first);
    return rc;
}
