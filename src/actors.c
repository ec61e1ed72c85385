/* actors.c -- stage 4: the actor knowledge base and recogniser (actors.h).
 *
 * Knowledge: countries, organisations, non-state groups (keyed by their
 * country), role nouns and people (with terms of office) from data/actors/.  Every name, alias, adjective, metonym and
 * role phrase is tokenised and folded exactly as text is (segment.c) and
 * stored in one phrase table (a hyphenated name also as the matcher splits
 * the text's hyphenated words: "Tehreek-e-Taliban" as tehreek e taliban,
 * S_split_key); a second table holds every proper prefix, so
 * the matcher walks token by token and stops as soon as no phrase can
 * continue (a trie kept in two hash tables).
 * Recognition runs in two passes over a document: the first learns names
 * ("Romanian President Klaus Iohannis" teaches "Iohannis"; "Kamala Harris"
 * teaches "Kamala"; "Anthony Brinken" is corrected to Antony Blinken), the
 * second composes mentions (modifier + role + name), resolves role nouns and
 * pronouns to the most recent compatible person, and emits them in order.
 */
#include "actors.h"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict.h"
#include "sitrep.h"

#define ACTORS_MAX_PHRASE 8  /* tokens */

typedef struct {
    const char *key, *code, *name;
    int is_org;
    const char *members;   /* a coalition's member keys, space-separated, or NULL */
    const char *why, *why_adj;   /* the explanation of a mention of its name
                                  * ("country Romania") or adjective
                                  * ("adjective of Romania"), made at load */
} S_ent;

typedef struct {
    const char *name, *key;
    char gender;
    int first_term;   /* index into terms, chained by next */
    int generated;    /* from a generated list: no bare-surname lookup */
    int weak;         /* a bare surname needs the person's country named */
} S_person;

typedef struct {
    int person;
    const char *key;  /* the office's key (a person may move: NLD, then NATO) */
    const char *role, *rolecode;
    const char *rclass;  /* the role's class (S_role_class), set by S_index_terms */
    long from, to;    /* day numbers; LONG_MIN / LONG_MAX when open */
    int next;
    int keyid;        /* key's index among the interned strings */
    int roleid;       /* role's */
    int next_key;     /* next term with the same key (key_terms) */
} S_term;

/* A term's days, index and role, in kterm: all S_person_by_role reads
 * of the terms it passes over, 16 bytes (the days as int32_t: open ends
 * INT32_MIN and INT32_MAX; kb->kwide when some day does not fit). */
typedef struct {
    int32_t from, to;
    int32_t term;
    int32_t role;     /* the role's id (S_index_terms: equal ids, equal roles
                       * but for case) << 1 | 1 when its class is "deputy" */
} S_kterm;

typedef struct {
    const char *phrase, *code, *rclass;
    char gender;
    int plural;
    int collective;    /* of class "group" or "institution": no one holder */
    int caps;          /* written in capitals ("VP"): text must be too */
    int home;          /* a domestic body: with no country of its own, the
                        * country named last (roles.tsv column 5 "home") */
    const char *home_keys;   /* "home KEY ...": the keys of the countries whose
                              * body it is; bare, it is of the country named
                              * last only when that is one of them, else the
                              * phrase's other sense ("Congress": the US one) */
    int lid;           /* the id of its phrase among the terms' roles (S_kterm), -1: none's */
} S_role;

enum { H_COUNTRY = 1, H_ADJ, H_METONYM, H_ORG, H_PERSON, H_ROLE };

typedef struct {
    int type, idx;
    const char *rolecode;  /* metonyms */
    int next;              /* next hit of the same phrase, or -1 */
} S_hit;

typedef struct {
    const char *phrase;    /* folded, space-joined */
    int person, ntok;
    int len;               /* strlen(phrase) */
    uint64_t bytes;        /* S_byte_mask(phrase) */
    uint64_t order;        /* S_pname_order */
} S_pname;

/* A name's order and byte mask, all S_correct reads of the names it
 * passes over: an array of these beside the sorted names (S_index_pnames),
 * 16 bytes each, four to a cache line where the names are 40 bytes, and
 * after the other stages have run the names are no longer in cache. */
typedef struct {
    uint64_t order, bytes;
} S_pkey;

/* A slot of the phrase table: a folded phrase ("vladimir putin"), a proper
 * prefix of one ("vladimir"), or both, as the vocabulary ids of its words.
 * 16 bytes, so a probe touches one cache line; one lookup tells the
 * matcher whether a phrase ends here and whether a longer one may
 * continue. */
typedef struct {
    uint32_t hash;         /* S_ptab_mix over the ids */
    uint32_t key;          /* offset in kb->pkeys (count, then the ids); 0 = empty slot */
    int32_t hit;           /* the phrase's first hit, -1 when only a prefix */
    int32_t prefix;        /* 1 when a longer phrase starts with it */
} S_pslot;

/* A one-word key's slot, all the matcher's first step reads: 8 bytes
 * per word id, the words of no phrase {-1, 0}.  cont: where the words
 * that may follow it are listed in kb->edges, 0 when no longer phrase
 * starts with it. */
typedef struct {
    int32_t hit;
    uint32_t cont;
} S_pone;

/* The phrase table again, as the matcher walks it (S_index_pone): a
 * trie whose nodes are the keys that are proper prefixes.  A node's
 * edges lie together in kb->edges, sorted by word, after a header whose
 * word is their count; each gives the longer key's first hit (-1: only a
 * prefix) and where its own edges are.  Extending a key by a word reads
 * one short list, in a line or two, where the hash table took a filter
 * bit, a slot and the key's ids, each a cache miss once the other stages
 * had run. */
typedef struct {
    int32_t word;          /* vocabulary id (in a header: the count) */
    int32_t hit;
    uint32_t next;         /* (the longer key's edges, 0: none) << 1 | 1
                            * when a possessive may end its last word */
} S_edge;

/* What S_items asks of the hits from one on along its chain (next), read
 * once at load (S_index_pone): where walking the chain twice per item,
 * and reading the first role's caps, missed the cache at each step. */
typedef struct {
    uint8_t types;         /* 1 << H_* of each */
    uint8_t caps;          /* the first role is written in capitals */
    int32_t role, person;  /* the first role's and person's index, -1: none */
    int32_t rolehit;       /* the first role's hit, -1: none */
} S_hsum;

typedef struct {
    char s[11];            /* "YYYY-MM-DD" */
    long day;
} S_datememo;

struct actors_kb {
    arena mem;
    vec ents, persons, terms, roles, hits;
    vec pnames;            /* S_pname: person names to correct misspellings to,
                            * sorted by S_cmp_pname (S_index_pnames) */
    vec cnames;            /* S_pname: one-word country names (misspellings), sorted too */
    S_pkey *pnkey, *cnkey; /* the order and byte mask of each of pnames, cnames */
    int *pnfrom, *cnfrom;  /* per word count (up to ACTORS_MAX_PHRASE) and first
                            * byte, the first of pnames, cnames with them; then
                            * their count (S_pnames_from searches only there) */
    S_pslot *pslots;       /* the phrase table (S_ptab_*): phrases and their proper prefixes */
    size_t npslots, npused, nphrases;
    int32_t *pkeys;        /* the phrase table's keys: word count, then word ids; from 1 */
    size_t pkeys_len, pkeys_cap;
    S_pone *pone;          /* per word id: its one-word key's hit and edges
                            * (S_index_pone): the matcher's first step at every
                            * word, without hashing or probing the large table */
    size_t npone;
    S_edge *edges;         /* the trie of the keys (S_edge), from 1 */
    S_hsum *hsum;          /* per hit, of it and those after it on its chain */
    uint64_t *cont;        /* a bit per word id (up to ncont) of a word of a key
                            * other than its first ("putin" of "vladimir putin"):
                            * 3.5 KB the matcher tests before it reads the edges */
    size_t ncont;
    vocab *voc;            /* the words of every phrase (not owned; pipeline_load's) */
    dict person_by_name;   /* canonical name -> person */
    dict org_by_key;       /* key -> ent */
    uint64_t org_mask[256];   /* per first byte of an organisation's key, a bit
                               * per length (modulo 64): most keys asked for
                               * are countries', which this says are no
                               * organisation's without a lookup (S_org_key) */
    dict country_by_key;   /* ISO3 -> ent */
    dict role_by_phrase;   /* folded phrase -> role */
    dict surnames;         /* folded last name -> first S_sname */
    vec snames;            /* S_sname chains */
    vec key_terms;         /* int per interned string: first term with that key, chained by next_key */
    S_kterm *kterm;        /* the terms of each key in the order of their chain, with their
                            * days (S_index_terms): S_person_by_role reads a key's in a
                            * row, where following the chain missed the cache at each */
    int *kterm0;           /* per interned string, its first in kterm; then the count */
    int kwide;             /* a term's day does not fit kterm's int32_t */
    dict strings;          /* interned short strings (keys, roles) -> index in strs */
    vec strs;              /* const char *: the interned copies */
    int no_fuzzy;          /* loading a file whose names are not corrected */
    int weak;              /* loading a file whose surnames need their country */
    S_datememo dates[256]; /* S_date's memo (loading only) */
};

/* Surnames that the data leaves out as variants because they are common
 * words or names ("Harris", "Price"): they resolve only to a person the
 * document names in full, of a modifier's key, or in office on the
 * document date when exactly one is (S_surname_in_office).  Generated
 * lists are not indexed; a family name written first needs a modifier. */
typedef struct {
    int person, next;
    int family;   /* a family name written first (Moon Jae-in): needs a modifier */
} S_sname;

#define ENT(kb, i) (&VEC_AT(&(kb)->ents, S_ent, i))
#define PERSON(kb, i) (&VEC_AT(&(kb)->persons, S_person, i))
#define TERM(kb, i) (&VEC_AT(&(kb)->terms, S_term, i))
#define ROLE(kb, i) (&VEC_AT(&(kb)->roles, S_role, i))
#define HIT(kb, i) (&VEC_AT(&(kb)->hits, S_hit, i))

void actors_free(actors_kb *kb)
{
    if (!kb) return;
    vec_free(&kb->ents); vec_free(&kb->persons); vec_free(&kb->terms);
    vec_free(&kb->roles); vec_free(&kb->hits); vec_free(&kb->pnames); vec_free(&kb->cnames);
    free(kb->pslots); free(kb->pkeys); free(kb->pone); free(kb->edges); free(kb->hsum); free(kb->cont);
    free(kb->pnkey); free(kb->cnkey); free(kb->pnfrom); free(kb->cnfrom);
    free(kb->kterm); free(kb->kterm0);
    dict_free(&kb->person_by_name);
    dict_free(&kb->org_by_key); dict_free(&kb->country_by_key); dict_free(&kb->role_by_phrase);
    dict_free(&kb->surnames); vec_free(&kb->snames); vec_free(&kb->key_terms);
    dict_free(&kb->strings); vec_free(&kb->strs);
    arena_free(&kb->mem);
    free(kb);
}

size_t actors_phrase_count(const actors_kb *kb) { return kb->nphrases; }

/* ------------------------------------------------------- the word classes */

/* The matcher's word lists, added to the vocabulary as class bits at load
 * (S_add_classes): the matcher tests a sub-token's class, never its form. */
static const char *const S_FUNC[] = {
    "the", "a", "an", "and", "but", "or", "on", "in", "at", "of", "to", "for", "from", "with",
    "by", "as", "after", "before", "when", "while", "if", "this", "that", "these", "those",
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my",
    "however", "meanwhile", "instead", "yet", "unlike", "nevertheless", "also", "still",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
    "sept.", "oct.", "nov.", "dec.", "mr.", "mrs.", "ms.", "dr.", "there", "here", "what",
    "who", "why", "how", "where", "not", "no", "now", "then", "so", "some", "all", "any",
    "both", "each", "every", "many", "most", "much", "more", "one", "two", "three", "day",
    "week", "month", "year", "today", "yesterday", "tomorrow", "state", "secretary", "general",
    "minister", "president", "chancellor", "ministry", "department", "defense", "defence",
    "foreign", "affairs", "security", "council", "news", "agency", "photo", "file", "source",
    "read", "according", "said", "says", "will", "would", "can", "could", "should", "may",
    "might", "must", "is", "was", "are", "were", "be", "been", "has", "have", "had", "do",
    "does", "did", "our", "your", "between", "nothing", "that's", "it's", "we're", "we've",
    "i'm", "i've", "let", "to", NULL};
static const char *const S_PARTICLE[] = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ul",
    "bin", "ibn", "de", "del", "della", "di", "da", "dos",
    "van", "von", "der", "le", "la", NULL};
static const char *const S_AUX[] = {"has", "have", "had", "is", "are", "was", "were", "will", "would",
    "could", "can", "should", "may", "might", "must", "said", "says",
    "did", "does", "do", "also", "then", "later", "again", "already",
    "still", "not", "never", "and", "or", "who", "which", "that",
    "on", "at", "to", "for", "with", "after", "before", "as", "told",
    "took", "began", "sent", "made", "gave", "led", "set", "met",
    "fought", "ruled", "struck", "shot", "seized", NULL};
static const char *const S_SAY[] = {"said", "says", "say", "told", "tells", "added", "adds",
    "stated", "noted", "stressed", "warned", "responded",
    "replied", "insisted", "declared", "announced", "wrote",
    "tweeted", "explained", "asked", "continued", NULL};
static const char *const S_DIR[] = {"eastern", "western", "northern", "southern", "central", "the",
    "north", "south", "east", "west", NULL};
static const char *const S_NOTTHE[] = {"other", "same", "two", "both", "another", "either", "neither",
    "three", "four", "a", "an", "this", "that", "news", "first", "second",
    "third", "fourth", "fifth", "sixth", "seventh", "last", "next", "only",
    "former", "new", NULL};

/* The words some coreference step of S_pronouns takes as its case. */
static const int S_STEP_WORDS[] = {
    VW_I, VW_WE, VW_OUR, VW_US, VW_MY, VW_IT, VW_ITS, VW_COUNTRIES, VW_NATIONS, VW_STATES,
    VW_LEADERS, VW_GOVERNMENTS, VW_SIDES, VW_NEIGHBOURS, VW_NEIGHBORS, VW_COMBATANTS,
    VW_BELLIGERENTS, VW_PARTIES, VW_FACTIONS, VW_GOVERNMENT, VW_AUTHORITIES, VW_REGIME, VW_JUNTA,
    VW_ADMINISTRATION, VW_BLOC, VW_AGENCY, VW_WATCHDOG, VW_UNION, VW_COUNCIL, VW_MILITIA,
    VW_KINGDOM, VW_REPUBLIC, VW_EMIRATE, VW_STATE, VW_COUNTRY, VW_THEY, VW_THEM, VW_HE, VW_HIM,
    VW_HIS, VW_SHE, VW_HER};

static int S_add_classes(vocab *v)
{
    for (size_t k = 0; k < sizeof S_STEP_WORDS / sizeof S_STEP_WORDS[0]; k++) {
        const char *w = vocab_str(v, S_STEP_WORDS[k]);
        if (vocab_add(v, w, strlen(w), VC_A_STEP) != S_STEP_WORDS[k]) return SITREP_ENOMEM;
    }
    static const struct {
        const char *const *list;
        vocab_cls cls;
    } L[] = {{S_FUNC, VC_A_FUNC}, {S_PARTICLE, VC_A_PARTICLE}, {S_AUX, VC_A_AUX},
             {S_SAY, VC_A_SAY},   {S_DIR, VC_A_DIR},           {S_NOTTHE, VC_A_NOTTHE}};
    for (size_t k = 0; k < sizeof L / sizeof L[0]; k++)
        for (const char *const *w = L[k].list; *w; w++)
            if (vocab_add(v, *w, strlen(*w), L[k].cls) < 0) return SITREP_ENOMEM;
    return 0;
}

/* ------------------------------------------------------------ phrase table */

/* The hash of a phrase's ids, extended one word at a time (the matcher
 * extends it as it reads sub-tokens). */
#define S_PTAB_SEED 2166136261u
static uint32_t S_ptab_mix(uint32_t h, int id)
{
    h ^= (uint32_t)id;
    h *= 16777619u;
    return h ^ (h >> 15);
}

/* The slot of ids[0..n), or the empty slot where it belongs. */
static S_pslot *S_ptab_find(const actors_kb *kb, const int *ids, int n, uint32_t h)
{
    size_t mask = kb->npslots - 1, i = h & mask;
    for (;;) {
        S_pslot *sl = &kb->pslots[i];
        if (!sl->key) return sl;
        if (sl->hash == h && kb->pkeys[sl->key] == n &&
            !memcmp(kb->pkeys + sl->key + 1, ids, (size_t)n * sizeof *ids))
            return sl;
        i = (i + 1) & mask;
    }
}

/* The slot of ids[0..n) (hash h), created (hit -1, no prefix) when new;
 * NULL when out of memory.  The table stays at most 70% full (16-byte
 * slots, so a probe past the first slot is mostly in the same cache
 * line). */
static S_pslot *S_ptab_add(actors_kb *kb, const int *ids, int n, uint32_t h)
{
    if ((kb->npused + 1) * 10 > kb->npslots * 7) {
        size_t cap = kb->npslots ? kb->npslots * 2 : 65536;
        S_pslot *ns = calloc(cap, sizeof *ns);
        if (!ns) return NULL;
        for (size_t i = 0; i < kb->npslots; i++) {
            const S_pslot *o = &kb->pslots[i];
            if (!o->key) continue;
            size_t j = o->hash & (cap - 1);
            while (ns[j].key) j = (j + 1) & (cap - 1);
            ns[j] = *o;
        }
        free(kb->pslots);
        kb->pslots = ns;
        kb->npslots = cap;
    }
    S_pslot *sl = S_ptab_find(kb, ids, n, h);
    if (sl->key) return sl;
    size_t used = kb->pkeys_len ? kb->pkeys_len : 1;  /* offset 0 means empty */
    if (used + (size_t)n + 1 > kb->pkeys_cap) {
        size_t cap = kb->pkeys_cap ? kb->pkeys_cap * 2 : 1 << 18;
        while (used + (size_t)n + 1 > cap) cap *= 2;
        int32_t *k = cap <= UINT32_MAX ? realloc(kb->pkeys, cap * sizeof *k) : NULL;
        if (!k) return NULL;
        k[0] = 0;
        kb->pkeys = k;
        kb->pkeys_cap = cap;
    }
    kb->pkeys[used] = n;
    memcpy(kb->pkeys + used + 1, ids, (size_t)n * sizeof *ids);
    kb->pkeys_len = used + (size_t)n + 1;
    sl->hash = h;
    sl->key = (uint32_t)used;
    sl->hit = -1;
    sl->prefix = 0;
    kb->npused++;
    return sl;
}

/* Length of a folded token without a possessive "'s" / "'". */
#define S_strip_poss segment_strip_poss

/* Folds and tokenises a phrase the way text is tokenised; writes the
 * space-joined key into out, and a bit per word that was a possessive
 * ("people's", of the first 32) into *poss.  Returns the token count (0
 * if empty). */
static int S_phrase_key(arena *tmp, const char *phrase, buf *out, unsigned *poss)
{
    buf_reset(out);
    *poss = 0;
    size_t n = strlen(phrase);
    while (n && phrase[n - 1] == ' ') n--;
    const char *p = phrase;
    if (!strncasecmp(p, "the ", 4)) {
        /* "the" and blanks alone: no words (the span given the segmenter
         * used to end before it started) */
        if (n < 4) return 0;
        p += 4;
        n -= 4;
    }
    if (!n) return 0;
    /* fast path (most names): ASCII letters and single spaces tokenise to
     * their lower-case words; the segmenter is needed for the rest */
    if (n > 1 && p[n - 1] != ' ') {
        /* copied and lower-cased in the pass that checks it, A-Z as
         * tolower in the C locale (sitrep sets none) */
        if (buf_put(out, p, n)) return 0;
        int nt = 1;
        size_t k = 0;
        for (char *o = out->s; k < n; k++) {
            char ch = p[k];
            if (ch >= 'A' && ch <= 'Z') o[k] = (char)(ch - 'A' + 'a');
            else if (ch >= 'a' && ch <= 'z') continue;
            else if (ch == ' ' && k && p[k - 1] != ' ') nt++;
            else break;
        }
        if (k == n) return nt;
        buf_reset(out);
    }
    sr_region reg = {(int)(p - phrase), (int)(p - phrase + (long)n)};
    sr_segmentation seg;
    if (segment_text(tmp, NULL, phrase, &reg, 1, &seg)) return 0;
    int nt = 0;
    for (int i = 0; i < seg.ntoks; i++) {
        const char *w = seg.toks[i].norm;
        int ps;
        size_t wl = S_strip_poss(w, strlen(w), &ps);
        if (ps && nt < 32) *poss |= 1u << nt;
        if (nt) buf_putc(out, ' ');
        buf_put(out, w, wl);
        nt++;
    }
    return nt;
}

/* a and b concatenated into arena a (the knowledge base's), or NULL. */
static char *S_join2(arena *mem, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *out = arena_alloc(mem, la + lb + 1);
    if (!out) return NULL;
    memcpy(out, a, la);
    memcpy(out + la, b, lb + 1);
    return out;
}

/* A bit for each byte value of s[0..n) present (modulo 64).  Each bit one
 * string has and the other lacks costs an edit, so the larger count of
 * such bits is a lower bound of the edit distance (S_over_edits). */
static uint64_t S_byte_mask(const char *s, size_t n)
{
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++) m |= (uint64_t)1 << ((unsigned char)s[i] & 63);
    return m;
}

/* 1 when strings of byte masks a and b are surely more than max edits
 * apart. */
static int S_over_edits(uint64_t a, uint64_t b, int max)
{
    int n = 0;
    for (uint64_t x = a & ~b; x; x &= x - 1) if (++n > max) return 1;
    n = 0;
    for (uint64_t x = b & ~a; x; x &= x - 1) if (++n > max) return 1;
    return 0;
}

/* A person name's place in the sorted pnames: word count, first byte,
 * the first byte of its last word when it has several (sur: S_correct
 * takes only a name whose surname begins as the misspelt one's does, and
 * so reads only those), length (S_index_pnames; a name over 40 bytes is
 * never within an edit bound, S_edit, whatever length it is given). */
static uint64_t S_pname_order(int ntok, unsigned char c, unsigned char sur, int len)
{
    return (uint64_t)ntok << 40 | (uint64_t)c << 32 | (uint32_t)sur << 16 |
           (uint32_t)(len < 0 ? 0 : len > 0xffff ? 0xffff : len);
}

/* sur of S_pname_order for the folded name s of ntok words. */
static unsigned char S_pname_sur(const char *s, int ntok)
{
    const char *sp = ntok >= 2 ? strrchr(s, ' ') : NULL;
    return sp ? (unsigned char)sp[1] : 0;
}

/* Does the matcher split a text word nm[0..nl) holding a hyphen (at hy)
 * into its parts (S_build_subs)?  "Biden-Putin" splits; "US-led" stays
 * one word, but "US-Albania-sponsored" (two hyphens) splits into its
 * countries, and so do a ship's or a firm's owner and flag: "US-owned",
 * "Greek-flagged" ("Qaeda-linked" is no owner).  (A word of up to 3 bytes
 * is never split.) */
static inline int S_hyphen_splits(const char *nm, size_t nl, const char *hy)
{
    /* the second halves of hyphenated words whose first half is the owner
     * or flag state of a ship, plane or firm ("US-owned", "Liberian-flagged") */
    static const char *const owner[] = {"owned", "flagged", "registered", "operated", "led"};
    if (nl <= 3 || nm[0] == '-') return 0;
    if (!(nm[nl - 2] == 'e' && nm[nl - 1] == 'd')) return 1;
    size_t rest = nl - (size_t)(hy + 1 - nm);
    if (memchr(hy + 1, '-', rest)) return 1;
    for (size_t i = 0; i < sizeof owner / sizeof *owner; i++)
        if (strlen(owner[i]) == rest && !memcmp(owner[i], hy + 1, rest)) return 1;
    return 0;
}

/* The key s[0..n) with each hyphenated word the matcher splits in text
 * (S_hyphen_splits) split at its hyphens, as the text's sub-tokens read
 * ("tehreek-e-taliban pakistan": "tehreek e taliban pakistan"), into
 * out[0..cap); its length, or 0 when it splits no word (or is too long). */
static size_t S_split_key(const char *s, size_t n, char *out, size_t cap, unsigned *poss)
{
    size_t o = 0;
    int split = 0, w = 0, wo = 0;   /* words in and out */
    unsigned in = *poss;
    *poss = 0;
    for (size_t i = 0; i < n; w++) {
        size_t j = i;
        while (j < n && s[j] != ' ') j++;
        const char *hy = memchr(s + i, '-', j - i);
        int sp = hy && S_hyphen_splits(s + i, j - i, hy);
        for (size_t k = i; k < j; k++) {
            if (sp && s[k] == '-') {
                /* the parts are non-empty, as the text's are */
                if (o && out[o - 1] != ' ' && k + 1 < j && s[k + 1] != '-') {
                    if (o + 1 >= cap) return 0;
                    out[o++] = ' ';
                    wo++;
                }
                split = 1;
                continue;
            }
            if (o + 1 >= cap) return 0;
            out[o++] = s[k];
        }
        /* a possessive is its word's last part's */
        if (w < 32 && wo < 32 && (in >> w & 1)) *poss |= 1u << wo;
        if (j < n) {
            if (o + 1 >= cap) return 0;
            out[o++] = ' ';
            wo++;
        }
        i = j + 1;
    }
    out[o] = 0;
    return split ? o : 0;
}

/* Adds the folded key s[0..n) (words separated by one space) to the
 * phrase table with its hit.  poss: a bit per word that is a possessive
 * in the name (S_phrase_key). */
static int S_add_key(actors_kb *kb, const char *s, size_t n, int type, int idx,
                     const char *rolecode, unsigned poss)
{
    /* the words become vocabulary ids; the phrase and each proper prefix
     * are keyed by theirs */
    int ids[ACTORS_MAX_PHRASE], k = 0;
    uint32_t hs[ACTORS_MAX_PHRASE], h = S_PTAB_SEED;
    for (size_t i = 0; i <= n; i++) {
        size_t j = i;
        while (j < n && s[j] != ' ') j++;
        if (k == ACTORS_MAX_PHRASE) return 0;   /* too many words */
        int id = vocab_add(kb->voc, s + i, j - i, 0);
        if (id < 0) return SITREP_ENOMEM;
        ids[k] = id;
        hs[k++] = h = S_ptab_mix(h, id);
        i = j;
    }
    S_pslot *sl = S_ptab_add(kb, ids, k, h);
    if (!sl) return SITREP_ENOMEM;
    int first = sl->hit;
    for (int h = first; h >= 0; h = HIT(kb, h)->next)
        if (HIT(kb, h)->type == type && HIT(kb, h)->idx == idx) return 0;
    S_hit *hit = vec_push(&kb->hits);
    if (!hit) return SITREP_ENOMEM;
    hit->type = type;
    hit->idx = idx;
    hit->rolecode = rolecode;
    hit->next = -1;
    int hi = (int)kb->hits.len - 1;
    if (first >= 0) {
        /* append at the end of the chain: data order is priority order */
        int h = first;
        while (HIT(kb, h)->next >= 0) h = HIT(kb, h)->next;
        HIT(kb, h)->next = hi;
    } else {
        sl->hit = hi;
        kb->nphrases++;
    }
    for (int i = 1; i < k; i++) {
        S_pslot *pre = S_ptab_add(kb, ids, i, hs[i - 1]);
        if (!pre) return SITREP_ENOMEM;
        /* 2: the name goes on after a possessive here */
        pre->prefix |= 1 | (i > 1 && (poss >> (i - 1) & 1) ? 2 : 0);
    }
    return 0;
}

static int S_add_phrase(actors_kb *kb, arena *tmp, const char *phrase, int type, int idx,
                        const char *rolecode, buf *key)
{
    unsigned poss = 0;
    int nt = S_phrase_key(tmp, phrase, key, &poss);
    if (nt == 0) return 0;
    int rc = nt <= ACTORS_MAX_PHRASE ? S_add_key(kb, key->s, key->len, type, idx, rolecode, poss) : 0;
    if (rc) return rc;
    if (type != H_PERSON && memchr(key->s, '-', key->len)) {
        /* a hyphenated name as the text's split words read it too (not a
         * person's: their spaced spellings are aliases of their own in
         * the people files, and storing the split forms as well cost the
         * held-out half one event, measured 2026-12-08) */
        char sk[512];
        unsigned sposs = poss;
        size_t sl = S_split_key(key->s, key->len, sk, sizeof sk, &sposs);
        if (sl && (rc = S_add_key(kb, sk, sl, type, idx, rolecode, sposs))) return rc;
    }
    if (nt > ACTORS_MAX_PHRASE) return 0;
    if (type == H_COUNTRY && nt == 1 && key->len >= 6) {
        S_pname *cn = vec_push(&kb->cnames);
        if (!cn) return SITREP_ENOMEM;
        cn->phrase = arena_strndup(&kb->mem, key->s, key->len);
        cn->person = idx; /* the country entry */
        cn->ntok = 1;
        cn->len = (int)key->len;
        cn->bytes = S_byte_mask(key->s, key->len);
        cn->order = S_pname_order(1, (unsigned char)key->s[0], 0, (int)key->len);
    }
    if (type == H_PERSON && !kb->no_fuzzy) {
        S_pname *pn = vec_push(&kb->pnames);
        if (!pn) return SITREP_ENOMEM;
        pn->phrase = arena_strndup(&kb->mem, key->s, key->len);
        if (!pn->phrase) return SITREP_ENOMEM;
        pn->person = idx;
        pn->ntok = nt;
        pn->len = (int)key->len;
        pn->bytes = S_byte_mask(key->s, key->len);
        pn->order = S_pname_order(nt, (unsigned char)key->s[0], S_pname_sur(pn->phrase, nt), (int)key->len);
    }
    return 0;
}

/* The one copy of s in the knowledge base (keys, role phrases and codes
 * repeat on thousands of term lines).  NULL when out of memory. */
static const char *S_intern(actors_kb *kb, const char *s, int *id)
{
    size_t n = strlen(s);
    int i;
    if (!dict_get(&kb->strings, s, n, &i)) {
        const char **slot = vec_push(&kb->strs);
        if (!slot || !(*slot = arena_strdup(&kb->mem, s))) return NULL;
        i = (int)kb->strs.len - 1;
        if (dict_set(&kb->strings, s, n, i)) return NULL;
    }
    if (id) *id = i;
    return VEC_AT(&kb->strs, const char *, i);
}

/* Splits a line on TABs in place; returns the column count. */
static int S_split(char *line, char **cols, int max)
{
    int n = 0;
    cols[n++] = line;
    for (char *p = line; n < max && (p = strchr(p, '\t'));) {
        *p++ = 0;
        cols[n++] = p;
    }
    return n;
}

/* Iterates the |-separated items of s, calling the adder for each. */
#define FOR_ITEMS(s, item, body)                                          \
    do {                                                                  \
        char *it_ = (s);                                                  \
        while (it_ && *it_) {                                             \
            char *bar_ = strchr(it_, '|');                                \
            if (bar_) *bar_ = 0;                                          \
            char *item = it_;                                             \
            while (*item == ' ') item++;                                  \
            if (*item) { body; }                                          \
            it_ = bar_ ? bar_ + 1 : NULL;                                 \
        }                                                                 \
    } while (0)

static long S_parse_date(const char *s, int is_end, int *ok)
{
    *ok = 1;
    if (!s || !*s) return is_end ? 999999999L : -999999999L;
    long day;
    if (strlen(s) == 4 && isdigit((unsigned char)s[0])) {
        int y = atoi(s);
        return is_end ? sitrep_day_from_ymd(y, 12, 31) : sitrep_day_from_ymd(y, 1, 1);
    }
    if (sitrep_parse_ymd(s, &day) == 0) return day;
    *ok = 0;
    return 0;
}

/* S_parse_date through a small memo of the dates seen (term dates repeat:
 * "2003-01-01" starts thousands of Phoenix terms). */
static long S_date(actors_kb *kb, const char *s, int is_end, int *ok)
{
    size_t n = strlen(s);
    if (n != 10) return S_parse_date(s, is_end, ok);
    /* the memo's slot: the ten bytes mixed in two loads (a cache: any
     * spread will do) */
    uint64_t a;
    uint16_t b;
    memcpy(&a, s, 8);
    memcpy(&b, s + 8, 2);
    uint64_t h = (a ^ ((uint64_t)b << 48) ^ (a >> 29)) * 0x9e3779b97f4a7c15ull;
    S_datememo *m = &kb->dates[(h >> 56) % (sizeof kb->dates / sizeof kb->dates[0])];
    if (!memcmp(m->s, s, 11)) { *ok = 1; return m->day; }
    long day = S_parse_date(s, is_end, ok);
    if (*ok) { memcpy(m->s, s, 11); m->day = day; }
    return day;
}

typedef enum { F_COUNTRIES, F_ORGS, F_ROLES, F_PEOPLE } S_format;

static int S_load_line(actors_kb *kb, arena *tmp, S_format fmt, char **c, int nc,
                       const char *path, long lineno, buf *key, char *err, size_t errlen)
{
    static const int want[] = {6, 4, 4, 8};
    if (nc < want[fmt] - (fmt == F_COUNTRIES ? 3 : fmt == F_PEOPLE ? 1 : fmt == F_ORGS ? 1 : 1)) {
        snprintf(err, errlen, "%s:%ld: expected %d TAB-separated columns, found %d", path, lineno,
                 want[fmt], nc);
        return SITREP_EDATA;
    }
    for (int i = 0; i < nc; i++) {
        char *e = c[i] + strlen(c[i]);
        while (e > c[i] && (e[-1] == '\r' || e[-1] == ' ')) *--e = 0;
        if (!strcmp(c[i], "-")) c[i][0] = 0; /* "-" is an empty column */
    }
    const char *empty = "";
    const char *col[8];
    for (int i = 0; i < 8; i++) col[i] = i < nc ? c[i] : empty;
    int rc = 0;
    if (fmt == F_COUNTRIES || fmt == F_ORGS) {
        S_ent *en = vec_push(&kb->ents);
        if (!en) return SITREP_ENOMEM;
        int ei = (int)kb->ents.len - 1;
        en->is_org = fmt == F_ORGS;
        en->key = arena_strdup(&kb->mem, col[0]);
        en->code = arena_strdup(&kb->mem, fmt == F_ORGS && *col[1] ? col[1] : col[0]);
        en->name = arena_strdup(&kb->mem, col[2]);
        en->why = S_join2(&kb->mem, en->is_org ? "organisation " : "country ", col[2]);
        en->why_adj = S_join2(&kb->mem, "adjective of ", col[2]);
        if (!en->key || !en->code || !en->name || !en->why || !en->why_adj) return SITREP_ENOMEM;
        if (!*col[0] || !*col[2]) {
            snprintf(err, errlen, "%s:%ld: empty key or name", path, lineno);
            return SITREP_EDATA;
        }
        if (strlen(col[0]) >= sizeof ((sr_mention *)0)->key || strlen(en->code) >= sizeof ((sr_mention *)0)->code) {
            snprintf(err, errlen, "%s:%ld: key '%s' or code longer than sitrep keeps (%zu, %zu)", path, lineno,
                     col[0], sizeof ((sr_mention *)0)->key - 1, sizeof ((sr_mention *)0)->code - 1);
            return SITREP_EDATA;
        }
        dict *byk = fmt == F_ORGS ? &kb->org_by_key : &kb->country_by_key;
        int dummy;
        /* a group keyed by its country (Hamas: PSE) keeps its own code but
         * must not give that country's people its code */
        int by_country = fmt == F_ORGS && dict_get(&kb->country_by_key, en->key, strlen(en->key), &dummy);
        if (!by_country && !dict_get(byk, en->key, strlen(en->key), &dummy) &&
            dict_set(byk, en->key, strlen(en->key), ei))
            return SITREP_ENOMEM;
        if (byk == &kb->org_by_key)
            kb->org_mask[(unsigned char)en->key[0]] |= 1ull << (strlen(en->key) & 63);
        int htype = fmt == F_ORGS ? H_ORG : H_COUNTRY;
        rc = S_add_phrase(kb, tmp, col[2], htype, ei, NULL, key);
        char *aliases = c[fmt == F_ORGS ? 3 : 3 < nc ? 3 : 0];
        /* an organisation's seat written "Brussels=GOV" is a metonym, as a
         * country's capital: the organisation, but a place after in/at */
        if (nc > 3) FOR_ITEMS(aliases, it, {
            char *eq = fmt == F_ORGS ? strchr(it, '=') : NULL;
            if (eq) *eq = 0;
            if (!rc) rc = S_add_phrase(kb, tmp, it, eq ? H_METONYM : htype, ei,
                                       eq ? arena_strdup(&kb->mem, eq + 1) : NULL, key);
        });
        if (fmt == F_COUNTRIES && nc > 4)
            FOR_ITEMS(c[4], it, if (!rc) rc = S_add_phrase(kb, tmp, it, H_ADJ, ei, NULL, key));
        /* coalitions.tsv: the members' keys in a fifth column */
        if (fmt == F_ORGS && nc > 4 && *col[4]) {
            for (const char *q = col[4]; *q; q++)
                if (!(isupper((unsigned char)*q) || *q == ' ')) {
                    snprintf(err, errlen, "%s:%ld: members are ISO3 keys separated by spaces", path, lineno);
                    return SITREP_EDATA;
                }
            en->members = arena_strdup(&kb->mem, col[4]);
        }
        if (fmt == F_COUNTRIES && nc > 5)
            FOR_ITEMS(c[5], it, {
                char *eq = strchr(it, '=');
                const char *rcode = "GOV";
                if (eq) { *eq = 0; rcode = arena_strdup(&kb->mem, eq + 1); }
                if (!rc) rc = S_add_phrase(kb, tmp, it, H_METONYM, ei, rcode, key);
            });
        return rc;
    }
    if (fmt == F_ROLES) {
        S_role *r = vec_push(&kb->roles);
        if (!r) return SITREP_ENOMEM;
        int ri = (int)kb->roles.len - 1;
        r->phrase = arena_strdup(&kb->mem, col[0]);
        r->code = arena_strdup(&kb->mem, col[1]);
        r->rclass = arena_strdup(&kb->mem, *col[2] ? col[2] : "official");
        r->gender = *col[3] ? col[3][0] : '-';
        r->plural = !strcmp(r->rclass, "group");
        r->collective = !strcmp(r->rclass, "group") || !strcmp(r->rclass, "institution");
        r->home = !strcmp(col[4], "home") || !strncmp(col[4], "home ", 5);
        r->home_keys = !strncmp(col[4], "home ", 5) ? arena_strdup(&kb->mem, col[4] + 5) : NULL;
        if (*col[4] && !r->home) {
            snprintf(err, errlen, "%s:%ld: scope is 'home', 'home KEY ...' or empty, not '%s'", path, lineno,
                     col[4]);
            return SITREP_EDATA;
        }
        r->caps = 1;
        for (const char *q = col[0]; *q; q++)
            if (islower((unsigned char)*q)) r->caps = 0;
        if (!*col[0] || !*col[1]) {
            snprintf(err, errlen, "%s:%ld: empty role phrase or code", path, lineno);
            return SITREP_EDATA;
        }
        rc = S_add_phrase(kb, tmp, col[0], H_ROLE, ri, NULL, key);
        if (!rc && key->len && dict_set(&kb->role_by_phrase, key->s, key->len, ri)) rc = SITREP_ENOMEM;
        /* a one-word role: a class of its word, so the matcher asks the
         * role table only about words that are roles */
        if (!rc && key->len && !memchr(key->s, ' ', key->len) &&
            vocab_add(kb->voc, key->s, key->len, VC_A_ROLE1) < 0)
            rc = SITREP_ENOMEM;
        return rc;
    }
    /* people: name KEY ROLE role from to gender variants */
    int pi;
    if (!*col[0] || !*col[1]) {
        snprintf(err, errlen, "%s:%ld: empty name or key", path, lineno);
        return SITREP_EDATA;
    }
    if (!dict_get(&kb->person_by_name, col[0], strlen(col[0]), &pi)) {
        S_person *p = vec_push(&kb->persons);
        if (!p) return SITREP_ENOMEM;
        pi = (int)kb->persons.len - 1;
        p->name = arena_strdup(&kb->mem, col[0]);
        p->key = S_intern(kb, col[1], NULL);
        p->gender = *col[6] ? col[6][0] : '-';
        p->first_term = -1;
        p->generated = kb->no_fuzzy;
        p->weak = kb->weak;
        if (dict_set(&kb->person_by_name, col[0], strlen(col[0]), pi)) return SITREP_ENOMEM;
        rc = S_add_phrase(kb, tmp, col[0], H_PERSON, pi, NULL, key);
    }
    S_term *t = vec_push(&kb->terms);
    if (!t) return SITREP_ENOMEM;
    int ti = (int)kb->terms.len - 1;
    t->person = pi;
    /* consecutive lines mostly share key, role and code: reuse the last ones */
    const S_term *prev = ti > 0 ? TERM(kb, ti - 1) : NULL;
    t->key = prev && !strcmp(prev->key, col[1]) ? prev->key : S_intern(kb, col[1], NULL);
    t->keyid = prev && t->key == prev->key ? prev->keyid : -1;
    if (t->keyid < 0 && t->key) S_intern(kb, t->key, &t->keyid);
    t->roleid = prev && !strcmp(prev->role, col[3]) ? prev->roleid : -1;
    t->role = t->roleid >= 0 ? prev->role : S_intern(kb, col[3], &t->roleid);
    const char *rc0 = *col[2] ? col[2] : "GOV";
    t->rolecode = prev && !strcmp(prev->rolecode, rc0) ? prev->rolecode : S_intern(kb, rc0, NULL);
    if (!t->key || !t->role || !t->rolecode || !PERSON(kb, pi)->key) return SITREP_ENOMEM;
    int ok1, ok2;
    t->from = S_date(kb, col[4], 0, &ok1);
    t->to = S_date(kb, col[5], 1, &ok2);
    if (!ok1 || !ok2) {
        snprintf(err, errlen, "%s:%ld: bad date (want YYYY-MM-DD or YYYY)", path, lineno);
        return SITREP_EDATA;
    }
    t->next = -1;
    /* chain terms in order of appearance */
    S_person *p = PERSON(kb, pi);
    if (p->first_term < 0) p->first_term = ti;
    else {
        int k = p->first_term;
        while (TERM(kb, k)->next >= 0) k = TERM(kb, k)->next;
        TERM(kb, k)->next = ti;
    }
    if (nc > 7) FOR_ITEMS(c[7], it, if (!rc) rc = S_add_phrase(kb, tmp, it, H_PERSON, pi, NULL, key));
    return rc;
}

static int S_load_file(actors_kb *kb, const char *path, int fmt_hint, char *err, size_t errlen)
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
    int fmt = fmt_hint;
    buf key;
    buf_init(&key);
    arena tmp;
    arena_init(&tmp);
    while (rc == 0 && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (line[0] == '#') {
            const char *f = strstr(line, "format:");
            if (fmt < 0 && f) {
                f += 7;
                while (*f == ' ') f++;
                if (!strncmp(f, "countries", 9)) fmt = F_COUNTRIES;
                else if (!strncmp(f, "orgs", 4)) fmt = F_ORGS;
                else if (!strncmp(f, "roles", 5)) fmt = F_ROLES;
                else if (!strncmp(f, "people", 6)) fmt = F_PEOPLE;
            }
            continue;
        }
        if (n == 0) continue;
        char *cols[9];
        int nc = S_split(line, cols, 9);
        if (fmt < 0) fmt = nc >= 8 ? F_PEOPLE : -1;
        if (fmt < 0) {
            snprintf(err, errlen, "%s:%ld: cannot tell the file's format; add '# format: people' (or countries, orgs, roles)", path, lineno);
            rc = SITREP_EDATA;
            break;
        }
        rc = S_load_line(kb, &tmp, (S_format)fmt, cols, nc, path, lineno, &key, err, errlen);
        if (tmp.used_total > (1u << 20)) { arena_free(&tmp); arena_init(&tmp); }
    }
    if (rc == SITREP_ENOMEM) snprintf(err, errlen, "%s: out of memory", path);
    arena_free(&tmp);
    buf_free(&key);
    free(line);
    fclose(fp);
    return rc;
}

/* Indexes the last word of every person's canonical name. */
/* Chinese and Korean names put the family name first ("Moon Jae-in",
 * "Lai Ching-te"); it is indexed too, for "South Korean President Moon". */
static int S_family_first(const char *key)
{
    static const char *const keys[] = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", NULL};
    for (int i = 0; keys[i]; i++)
        if (!strcmp(keys[i], key)) return 1;
    return 0;
}

/* A regnal number in Roman numerals ("x", "iii", "xvi"), folded. */
static int S_is_regnal(const char *w)
{
    if (!*w || strlen(w) > 5) return 0;
    for (const char *q = w; *q; q++)
        if (*q != 'i' && *q != 'v' && *q != 'x') return 0;
    return 1;
}

static int S_add_sname(actors_kb *kb, const char *w, size_t n, int person, int family)
{
    S_sname *sn = vec_push(&kb->snames);
    if (!sn) return SITREP_ENOMEM;
    sn->person = person;
    sn->family = family;
    sn->next = -1;
    int first;
    if (dict_get(&kb->surnames, w, n, &first)) sn->next = first;
    return dict_set(&kb->surnames, w, n, (int)kb->snames.len - 1);
}

static int S_index_surnames(actors_kb *kb)
{
    dict_free(&kb->surnames);
    dict_init(&kb->surnames);
    kb->snames.len = 0;
    arena tmp;
    arena_init(&tmp);
    buf key;
    buf_init(&key);
    int rc = 0;
    for (size_t i = 0; i < kb->persons.len && !rc; i++) {
        const S_person *p = PERSON(kb, i);
        if (p->generated) continue;
        unsigned poss;
        if (S_phrase_key(&tmp, p->name, &key, &poss) < 2) continue;
        const char *last = strrchr(key.s, ' ') + 1;
        size_t lastn = strlen(last);
        if (S_is_regnal(last)) continue;  /* "Frederik X", "Charles III": "X" is no surname */
        if (!strcmp(last, "jr") || !strcmp(last, "jr.") || !strcmp(last, "sr") || !strcmp(last, "sr.")) {
            /* "Ferdinand Marcos Jr.": the surname is the word before */
            const char *end = last - 1, *b = end;
            while (b > key.s && b[-1] != ' ') b--;
            if (b == key.s) continue;
            last = b;
            lastn = (size_t)(end - b);
        }
        rc = S_add_sname(kb, last, lastn, (int)i, 0);
        if (!rc && S_family_first(p->key))
            rc = S_add_sname(kb, key.s, (size_t)(strchr(key.s, ' ') - key.s), (int)i, 1);
    }
    buf_free(&key);
    arena_free(&tmp);
    return rc;
}

/* The class of a role phrase (roles.tsv), or NULL. */
static const char *S_role_class(const actors_kb *kb, const char *role)
{
    int ri;
    char key[128];
    size_t n = strlen(role);
    if (n >= sizeof key) return NULL;
    for (size_t i = 0; i <= n; i++) key[i] = (char)tolower((unsigned char)role[i]);
    if (dict_get(&kb->role_by_phrase, key, n, &ri)) return ROLE(kb, ri)->rclass;
    return NULL;
}

/* Chains the terms of each office key in data order (S_person_by_role
 * walks one key's terms, not all of them). */
static int S_index_terms(actors_kb *kb)
{
    kb->key_terms.len = 0;
    for (size_t i = 0; i < kb->strs.len; i++) {
        int *h = vec_push(&kb->key_terms);
        if (!h) return SITREP_ENOMEM;
        *h = -1;
    }
    for (size_t i = kb->terms.len; i-- > 0;) {
        S_term *t = TERM(kb, i);
        /* after every file: a later one may add the role */
        t->rclass = S_role_class(kb, t->role);
        int *h = &VEC_AT(&kb->key_terms, int, t->keyid);
        t->next_key = *h;
        *h = (int)i;
    }
    size_t nk = kb->key_terms.len, n = 0;
    S_kterm *kt = malloc((kb->terms.len + 1) * sizeof *kt);
    int *kt0 = malloc((nk + 1) * sizeof *kt0);
    if (!kt || !kt0) {
        free(kt);
        free(kt0);
        return SITREP_ENOMEM;
    }
    /* the terms' roles by id, lower-cased (S_person_by_role compared them
     * with strcasecmp), and the roles' phrases' ids */
    dict lids;
    dict_init(&lids);
    int rc = 0, *lid_of = malloc((nk + 1) * sizeof *lid_of);   /* per interned string, its id; -1: not yet */
    if (!lid_of) rc = SITREP_ENOMEM;
    for (size_t i = 0; !rc && i < nk; i++) lid_of[i] = -1;
    kb->kwide = 0;
    for (size_t k = 0; k < nk && !rc; k++) {
        kt0[k] = (int)n;
        for (int t = VEC_AT(&kb->key_terms, int, k); t >= 0 && !rc; t = TERM(kb, t)->next_key) {
            const S_term *tm = TERM(kb, t);
            int lid = lid_of[tm->roleid];
            if (lid < 0) {   /* each role once: a few hundred, where the terms are thousands */
                char low[256];
                size_t l = strlen(tm->role);
                if (l >= sizeof low) l = sizeof low - 1, kb->kwide = 1;   /* (never: roles are short) */
                for (size_t i = 0; i < l; i++) low[i] = (char)tolower((unsigned char)tm->role[i]);
                if (!dict_get(&lids, low, l, &lid) && (rc = dict_set(&lids, low, l, lid = (int)lids.len))) break;
                lid_of[tm->roleid] = lid;
            }
            int32_t from = tm->from == LONG_MIN ? INT32_MIN : (int32_t)tm->from;
            int32_t to = tm->to == LONG_MAX ? INT32_MAX : (int32_t)tm->to;
            if ((tm->from != LONG_MIN && (tm->from <= INT32_MIN || tm->from >= INT32_MAX)) ||
                (tm->to != LONG_MAX && (tm->to <= INT32_MIN || tm->to >= INT32_MAX)))
                kb->kwide = 1;
            int deputy = tm->rclass && !strcmp(tm->rclass, "deputy");
            kt[n++] = (S_kterm){from, to, t, lid << 1 | deputy};
        }
    }
    kt0[nk] = (int)n;
    for (size_t i = 0; i < kb->roles.len && !rc; i++) {
        S_role *r = ROLE(kb, i);
        char low[256];
        size_t l = strlen(r->phrase);
        int lid = -1;
        if (l < sizeof low) {
            for (size_t j = 0; j < l; j++) low[j] = (char)tolower((unsigned char)r->phrase[j]);
            if (!dict_get(&lids, low, l, &lid)) lid = -1;
        } else {
            kb->kwide = 1;
        }
        r->lid = lid;
    }
    dict_free(&lids);
    free(lid_of);
    if (rc) {
        free(kt);
        free(kt0);
        return rc;
    }
    free(kb->kterm);
    free(kb->kterm0);
    kb->kterm = kt;
    kb->kterm0 = kt0;
    return 0;
}

/* The edges of the trie from the key ids[0..n) (n >= 2) of slot sl to its
 * parent: the parent's node (a one-word key's word id, else npone + its
 * slot's index).  The parent is in the table: every proper prefix of a key
 * is. */
static size_t S_parent_node(const actors_kb *kb, const int32_t *ids, int n, size_t npone)
{
    if (n == 2) return (size_t)ids[0];
    uint32_t h = S_PTAB_SEED;
    for (int i = 0; i < n - 1; i++) h = S_ptab_mix(h, ids[i]);
    return npone + (size_t)(S_ptab_find(kb, ids, n - 1, h) - kb->pslots);
}

/* Indexes the one-word keys of the phrase table by word id, and the keys
 * as the trie the matcher walks (S_edge), once the table is complete (it
 * moves slots when it grows).  Their first words get the class
 * VC_A_PHRASE1, which the tokens carry, and their other words a bit in
 * kb->cont: the matcher reads the index only for the one, the edges only
 * for the other. */
static int S_index_pone(actors_kb *kb)
{
    vocab *voc = kb->voc;
    size_t n = 0;
    for (size_t i = 0; i < kb->npslots; i++) {
        const S_pslot *sl = &kb->pslots[i];
        if (sl->key && kb->pkeys[sl->key] == 1 && (size_t)kb->pkeys[sl->key + 1] >= n)
            n = (size_t)kb->pkeys[sl->key + 1] + 1;
    }
    size_t nnodes = n + kb->npslots;
    S_pone *pone = malloc((n ? n : 1) * sizeof *pone);
    uint32_t *first = calloc(nnodes + 1, sizeof *first), *fill = calloc(nnodes + 1, sizeof *fill);
    uint32_t *par = malloc((kb->npslots + 1) * sizeof *par);   /* per slot, its parent node */
    size_t ncont = (size_t)vocab_count(voc);
    uint64_t *cont = calloc(ncont / 64 + 1, sizeof *cont);
    S_edge *edges = NULL;
    int rc = SITREP_ENOMEM;
    if (!pone || !first || !fill || !par || !cont) goto done;
    /* each node's edge count, then where its list begins (0: none) */
    for (size_t i = 0; i < kb->npslots; i++) {
        const S_pslot *sl = &kb->pslots[i];
        if (sl->key && kb->pkeys[sl->key] > 1)
            fill[par[i] = (uint32_t)S_parent_node(kb, kb->pkeys + sl->key + 1, kb->pkeys[sl->key], n)]++;
    }
    size_t at = 1;
    for (size_t v = 0; v < nnodes; v++) {
        if (!fill[v]) continue;
        first[v] = (uint32_t)at;
        at += 1 + fill[v];
        fill[v] = 0;
    }
    if (at > UINT32_MAX / 2 || !(edges = malloc(at * sizeof *edges))) goto done;
    edges[0] = (S_edge){0, -1, 0};
    for (size_t v = 0; v < nnodes; v++)
        if (first[v]) edges[first[v]] = (S_edge){0, -1, 0};
    for (size_t i = 0; i < n; i++) pone[i] = (S_pone){-1, 0};
    for (size_t i = 0; i < kb->npslots; i++) {
        const S_pslot *sl = &kb->pslots[i];
        if (!sl->key) continue;
        const int32_t *ids = kb->pkeys + sl->key + 1;
        int len = kb->pkeys[sl->key], last = ids[len - 1];
        if (len == 1) {
            const char *w = vocab_str(voc, last);
            if (vocab_add(voc, w, strlen(w), VC_A_PHRASE1) < 0) goto done;
            pone[last] = (S_pone){sl->hit, first[last]};
            continue;
        }
        cont[last / 64] |= 1ull << (last % 64);
        size_t v = par[i];
        S_edge *e = &edges[first[v]];
        e->word++;
        e[++fill[v]] = (S_edge){last, sl->hit, first[n + i] << 1 | ((sl->prefix & 2) != 0)};
    }
    /* each list sorted by word (S_edge_find stops at the first word past
     * the one looked for) */
    for (size_t v = 0; v < nnodes; v++) {
        if (!first[v]) continue;
        S_edge *e = &edges[first[v] + 1];
        for (int j = 1; j < (int)fill[v]; j++) {
            S_edge x = e[j];
            int k = j;
            for (; k > 0 && e[k - 1].word > x.word; k--) e[k] = e[k - 1];
            e[k] = x;
        }
    }
    /* the hits' summaries, from the last: a chain's next hit was added
     * after it */
    size_t nh = kb->hits.len;
    S_hsum *hsum = malloc((nh ? nh : 1) * sizeof *hsum);
    if (!hsum) goto done;
    for (size_t h = nh; h-- > 0;) {
        const S_hit *hh = HIT(kb, h);
        S_hsum x = hh->next >= 0 ? hsum[hh->next] : (S_hsum){0, 0, -1, -1, -1};
        x.types |= (uint8_t)(1u << hh->type);
        if (hh->type == H_PERSON) x.person = hh->idx;
        if (hh->type == H_ROLE) {
            x.role = hh->idx;
            x.rolehit = (int32_t)h;
            x.caps = ROLE(kb, hh->idx)->caps != 0;
        }
        hsum[h] = x;
    }
    free(kb->hsum);
    kb->hsum = hsum;
    free(kb->cont);
    kb->cont = cont;
    kb->ncont = ncont;
    cont = NULL;
    free(kb->pone);
    kb->pone = pone;
    kb->npone = n;
    free(kb->edges);
    kb->edges = edges;
    pone = NULL;
    edges = NULL;
    rc = 0;
done:
    free(pone);
    free(edges);
    free(first);
    free(fill);
    free(par);
    free(cont);
    return rc;
}

/* Person names by word count, first byte and length: S_correct compares a
 * name only with those it could be within its edit bound of (same count,
 * same first letter, length within the bound), a few dozen instead of
 * every name (S_pname_order).  Its answer does not depend on the order of
 * the names. */
static int S_cmp_pnames(const void *x, const void *y)
{
    const S_pname *a = x, *b = y;
    if (a->order != b->order) return a->order < b->order ? -1 : 1;
    return (a->person > b->person) - (a->person < b->person);
}

enum { S_NFROM = (ACTORS_MAX_PHRASE + 1) * 256 };   /* word count, first byte */

/* Sorts names and makes *keys, their orders and byte masks, and *from,
 * where each word count and first byte begins.  0 or SITREP_ENOMEM. */
static int S_index_names(vec *names, S_pkey **keys, int **from)
{
    if (names->len > 1) qsort(names->data, names->len, sizeof(S_pname), S_cmp_pnames);
    S_pkey *k = malloc((names->len + 1) * sizeof *k);
    int *f = malloc((S_NFROM + 1) * sizeof *f);
    if (!k || !f) {
        free(k);
        free(f);
        return SITREP_ENOMEM;
    }
    for (size_t i = 0; i < names->len; i++) {
        const S_pname *pn = &VEC_AT(names, S_pname, i);
        k[i] = (S_pkey){pn->order, pn->bytes};
    }
    /* f[b]: the first name whose order is at least bucket b's (sorted) */
    size_t i = 0;
    for (int b = 0; b <= S_NFROM; b++) {
        while (i < names->len && (k[i].order >> 32) < (uint64_t)b) i++;
        f[b] = (int)i;
    }
    free(*keys);
    *keys = k;
    free(*from);
    *from = f;
    return 0;
}

static int S_index_pnames(actors_kb *kb)
{
    return S_index_names(&kb->pnames, &kb->pnkey, &kb->pnfrom) ||
                   S_index_names(&kb->cnames, &kb->cnkey, &kb->cnfrom)
               ? SITREP_ENOMEM
               : 0;
}

/* The first of the n sorted keys of order at least order (pnkey, cnkey),
 * looked for among those of its word count and first byte alone (from:
 * pnfrom, cnfrom), a few dozen near one another where the whole array
 * was a cache miss at nearly every step. */
static size_t S_pnames_from(const S_pkey *keys, size_t n, const int *from, uint64_t order)
{
    size_t lo = 0, hi = n, b = (size_t)(order >> 32);
    if (b < S_NFROM) lo = (size_t)from[b], hi = (size_t)from[b + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (keys[mid].order < order) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* A role phrase whose singular is a role too ("leaders": "leader",
 * "ministers": "minister") is plural: it names several people, never the
 * one person last in that role. */
static void S_mark_plurals(actors_kb *kb)
{
    for (size_t i = 0; i < kb->roles.len; i++) {
        S_role *r = &VEC_AT(&kb->roles, S_role, i);
        size_t n = strlen(r->phrase);
        if (r->plural || n < 3 || n >= 128 || r->phrase[n - 1] != 's' || r->phrase[n - 2] == 's') continue;
        char one[128];
        for (size_t k = 0; k < n; k++) one[k] = (char)tolower((unsigned char)r->phrase[k]);
        int ri;
        if (dict_get(&kb->role_by_phrase, one, n - 1, &ri) ||
            (n > 3 && one[n - 2] == 'e' && dict_get(&kb->role_by_phrase, one, n - 2, &ri)))
            r->plural = 1;
    }
}

int actors_add_file(actors_kb *kb, const char *path, char *err, size_t errlen)
{
    kb->no_fuzzy = 0;
    int rc = S_load_file(kb, path, -1, err, errlen);
    if (!rc && (S_index_surnames(kb) || S_index_terms(kb) || S_index_pone(kb))) rc = SITREP_ENOMEM;
    if (!rc) S_mark_plurals(kb), rc = S_index_pnames(kb);
    return rc;
}

actors_kb *actors_load(const char *dir, vocab *voc, char *err, size_t errlen)
{
    actors_kb *kb = calloc(1, sizeof *kb);
    if (!kb) { snprintf(err, errlen, "out of memory"); return NULL; }
    kb->voc = voc;
    if (S_add_classes(voc)) { snprintf(err, errlen, "out of memory"); free(kb); return NULL; }
    arena_init(&kb->mem);
    vec_init(&kb->ents, sizeof(S_ent)); vec_init(&kb->persons, sizeof(S_person));
    vec_init(&kb->terms, sizeof(S_term)); vec_init(&kb->roles, sizeof(S_role));
    vec_init(&kb->hits, sizeof(S_hit)); vec_init(&kb->pnames, sizeof(S_pname));
    vec_init(&kb->cnames, sizeof(S_pname));
    dict_init(&kb->person_by_name);
    dict_init(&kb->org_by_key); dict_init(&kb->country_by_key); dict_init(&kb->role_by_phrase);
    dict_init(&kb->surnames); vec_init(&kb->snames, sizeof(S_sname)); vec_init(&kb->key_terms, sizeof(int));
    dict_init(&kb->strings); vec_init(&kb->strs, sizeof(const char *));
    /* data order is priority order: hand-kept lists before generated ones;
     * the names of generated lists are never spelling-corrected */
    static const struct { const char *name; S_format fmt; int no_fuzzy, weak, optional; } files[] = {
        {"countries.tsv", F_COUNTRIES, 0, 0, 0}, {"orgs.tsv", F_ORGS, 0, 0, 0},
        {"groups.tsv", F_ORGS, 0, 0, 1}, {"roles.tsv", F_ROLES, 0, 0, 0},
        {"parties.tsv", F_ORGS, 0, 0, 1},
        {"people.tsv", F_PEOPLE, 0, 0, 0}, {"people-world.tsv", F_PEOPLE, 0, 1, 1},
        {"people-phoenix.tsv", F_PEOPLE, 1, 0, 1}, {"coalitions.tsv", F_ORGS, 0, 0, 1},
    };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[f].name);
        kb->no_fuzzy = files[f].no_fuzzy;
        kb->weak = files[f].weak;
        if (files[f].optional && access(path, F_OK) != 0) continue;
        if (S_load_file(kb, path, (int)files[f].fmt, err, errlen)) { actors_free(kb); return NULL; }
    }
    kb->no_fuzzy = kb->weak = 0;
    if (S_index_surnames(kb) || S_index_terms(kb) || S_index_pone(kb)) {
        snprintf(err, errlen, "out of memory");
        actors_free(kb);
        return NULL;
    }
    S_mark_plurals(kb);
    if (S_index_pnames(kb)) {
        snprintf(err, errlen, "out of memory");
        actors_free(kb);
        return NULL;
    }
    return kb;
}

const char *actors_role(const actors_kb *kb, const char *folded, const char **rclass)
{
    int ri;
    if (!dict_get(&kb->role_by_phrase, folded, strlen(folded), &ri)) return NULL;
    if (rclass) *rclass = ROLE(kb, ri)->rclass;
    return ROLE(kb, ri)->code;
}

/* ---------------------------------------------------------------- matching */

typedef struct {
    const char *norm;   /* folded, possessive stripped (arena) */
    vocab_cls cls;      /* its class (0 when unknown) */
    int id;             /* norm's vocabulary id (VOCAB_UNKNOWN: in no phrase) */
    int len;            /* strlen(norm) */
    int tok;            /* document token */
    int start, end;     /* bytes */
    unsigned flags;
    int poss;
    int sent;
    int longest, hit;   /* S_longest here (-1 until asked; set from the start
                         * for a word that starts no phrase longer than
                         * itself), and its hit */
} S_sub;

typedef enum { I_HIT = 1, I_UNKNOWN, I_LOCAL } S_itype;

typedef struct {
    S_itype itype;
    int p0, p1;         /* sub-token span */
    int hit;            /* first hit (I_HIT) */
    int local;          /* I_LOCAL: index into the document's learned names */
    /* I_HIT: its hits' types (1 << H_*), its first role's and first
     * person's index (-1: none), read once: composing asks them often */
    unsigned types;
    int role, person;
} S_item;

/* A name learned in this document. */
typedef struct {
    int person;         /* kb person, or -1 */
    const char *name, *key, *code, *rclass;
    char gender;
    int corrected;
    int country;        /* a (misspelt) country rather than a person */
} S_local;

enum { S_MAXSTATES = 32 };

/* The states named in a run of mentions (S_states_so_far): each key once,
 * by its first mention's index in the document's mentions, in the order
 * first named, and how often it was named. */
typedef struct {
    int upto;                  /* the mentions counted: out[0 .. upto) */
    int nk;
    int first[S_MAXSTATES], count[S_MAXSTATES];
} S_states;

/* What S_fill_person made of a person for this document (its term on the
 * document's day does not change within it). */
enum { S_NMEMO = 8 };
typedef struct {
    int person;         /* -1: empty */
    char key[16], code[24];
    const char *rclass, *why;
} S_pmemo;

typedef struct {
    const actors_kb *kb;
    arena *a;
    const char *text;   /* the text being matched: the document's, or its title's */
    const char *body;   /* the document's text, also while its title is matched */
    const char *title;  /* the document's title, or NULL */
    const sr_segmentation *seg;
    long day;
    vec subs;           /* S_sub */
    int *sub0;          /* per sentence, its first sub-token; then subs.len */
    vec steps;          /* int: the sub-tokens S_pronouns reads (a step word or
                         * a role: S_mark), in order */
    int *step0;         /* per sentence, its first in steps; then steps.len
                         * (in sub0's block) */
    vec locals;         /* S_local */
    dict learned;       /* folded name -> local */
    vec out;            /* sr_mention */
    int cur;            /* the sentence the second pass reads */
    int *ment0;         /* per sentence up to cur, its first mention in out:
                         * the second pass emits mentions sentence by
                         * sentence, so a sentence's lie together, in the
                         * order of their sentences (S_sent_mentions) */
    S_states states;    /* those of the sentences before cur (S_states_so_far) */
    uint64_t lfirst[4]; /* a bit per learned name, by its first two bytes
                         * (S_lbit): most capitalised words begin no learned
                         * name, which S_items then does not look up */
    const S_role *hrole;      /* the last role of a country named by a modifier
                               * whose bare phrase is also a seat of power
                               * (roles.tsv "home KEY ...": "Peru's Congress"), */
    char hkey[16];            /* and that country: a later bare "Congress" is its */
    S_pmemo pmemo[S_NMEMO];   /* S_fill_person's last persons, in turn */
    int npmemo;
    char *pool;         /* S_room: the rest of the block strings are carved from */
    size_t pool_left;
} S_doc;

#define SUB(d, i) (&VEC_AT(&(d)->subs, S_sub, i))
#define LOCAL(d, i) (&VEC_AT(&(d)->locals, S_local, i))

/* The mentions of sentences s0 .. d->cur, [*i0, *i1) in d->out (none
 * when s0 is past the sentence being read; from the first when s0 < 0):
 * the coreference steps read the sentences near the current one, not
 * every mention of a long document. */
static void S_sent_mentions(const S_doc *d, int s0, size_t *i0, size_t *i1)
{
    *i1 = d->out.len;
    *i0 = s0 > d->cur ? *i1 : s0 < 0 ? 0 : (size_t)d->ment0[s0];
}

/* The mentions of sentence s alone (s <= d->cur). */
static void S_sent_only(const S_doc *d, int s, size_t *i0, size_t *i1)
{
    S_sent_mentions(d, s, i0, i1);
    if (s >= 0 && s < d->cur) *i1 = (size_t)d->ment0[s + 1];
    else if (s < 0) *i1 = 0;
}


/* Room for one more element at the end of v, not zeroed (vec_push zeroes
 * it with a call to memset: the caller sets every field), or NULL when
 * out of memory. */
static int S_vec_grow(vec *v)
{
    size_t cap = v->cap ? v->cap * 2 : 16;
    void *data = realloc(v->data, cap * v->size);
    if (!data) return SITREP_ENOMEM;
    v->data = data;
    v->cap = cap;
    return 0;
}

/* Room for n elements in v.  0 or SITREP_ENOMEM. */
static int S_vec_reserve(vec *v, size_t n)
{
    if (v->cap >= n) return 0;
    void *data = realloc(v->data, n * v->size);
    if (!data) return SITREP_ENOMEM;
    v->data = data;
    v->cap = n;
    return 0;
}

static inline void *S_push(vec *v)
{
    if (v->len == v->cap && S_vec_grow(v)) return NULL;
    return (char *)v->data + v->len++ * v->size;
}

/* Room for cap sub-tokens in d->subs, and as many in d->steps.  0 or
 * SITREP_ENOMEM. */
static int S_sub_room(S_doc *d, size_t cap)
{
    vec *v[2] = {&d->subs, &d->steps};
    for (int i = 0; i < 2; i++) {
        if (v[i]->cap >= cap) continue;
        void *data = realloc(v[i]->data, cap * v[i]->size);
        if (!data) return SITREP_ENOMEM;
        v[i]->data = data;
        v[i]->cap = cap;
    }
    return 0;
}

/* Doubles the room of d->subs.  0 or SITREP_ENOMEM. */
static int S_grow_subs(S_doc *d)
{
    return S_sub_room(d, d->subs.cap ? d->subs.cap * 2 : 16);
}

/* A new sub-token at the end of d->subs, its fields to be set by the
 * caller (not zeroed: S_build_subs sets every one), or NULL when out of
 * memory. */
static inline S_sub *S_new_sub(S_doc *d)
{
    if (d->subs.len == d->subs.cap && S_grow_subs(d)) return NULL;
    return (S_sub *)d->subs.data + d->subs.len++;
}

/* Notes the sub-token sb just made (the last of d->subs) in d->steps
 * when S_pronouns must look at it: one of its step words or a role.  Most
 * words are neither, and S_pronouns reads only these. */
static inline void S_mark(S_doc *d, const S_sub *sb)
{
    /* steps has the room of subs (S_sub_room) */
    if (sb->cls & (VC_A_ROLE1 | VC_A_STEP)) ((int *)d->steps.data)[d->steps.len++] = (int)d->subs.len - 1;
}

/* Splits token t of sentence s at its hyphens, a sub-token each part
 * ("Biden-Putin": "Biden", "Putin"), at the end of d->subs.  0 or
 * SITREP_ENOMEM. */
__attribute__((noinline))   /* rare: out of S_build_subs's loop and its registers */
static int S_split_token(S_doc *d, const sr_token *tk, int t, int s)
{
    /* split the original bytes at hyphens */
    int p = tk->start;
    while (p < tk->end) {
        int q = p;
        while (q < tk->end && d->text[q] != '-' &&
               !((unsigned char)d->text[q] == 0xE2 && q + 2 < tk->end &&
                 (unsigned char)d->text[q + 1] == 0x80 &&
                 ((unsigned char)d->text[q + 2] == 0x90 || (unsigned char)d->text[q + 2] == 0x91)))
            q++;
        if (q > p) {
            S_sub *sb = S_new_sub(d);
            if (!sb) return SITREP_ENOMEM;
            sb->hit = -1;
            char *f = segment_fold(d->a, d->text + p, (size_t)(q - p));
            if (!f) return SITREP_ENOMEM;
            int poss;
            size_t l = S_strip_poss(f, strlen(f), &poss);
            f[l] = 0;
            sb->norm = f;
            /* a part of a hyphenated token: the one lookup the
             * segmenter could not make */
            sb->id = vocab_id(d->kb->voc, f, l);
            sb->cls = vocab_class(d->kb->voc, sb->id);
            sb->len = (int)l;
            sb->tok = t; sb->start = p; sb->end = q;
            sb->flags = (tk->flags & ~(TOK_CAP | TOK_SENTSTART | TOK_HYPHEN | TOK_POSS)) |
                        (isupper((unsigned char)d->text[p]) || (unsigned char)d->text[p] >= 0xC0 ? TOK_CAP : 0);
            if (p == tk->start) sb->flags |= tk->flags & TOK_SENTSTART;
            sb->poss = poss; sb->sent = s;
            sb->longest = -1;
            S_mark(d, sb);
        }
        if (q >= tk->end) break;
        p = q + (d->text[q] == '-' ? 1 : 3);
    }
    return 0;
}

static int S_build_subs(S_doc *d)
{
    const sr_segmentation *seg = d->seg;
    /* one sub-token per token but for the few split at hyphens: sized
     * once, where growing and zeroing one at a time (vec_push) took a
     * quarter of the matcher's time */
    if (S_sub_room(d, (size_t)seg->ntoks + (size_t)seg->ntoks / 8 + 16)) return SITREP_ENOMEM;
    size_t ns = (size_t)seg->nsents + 1;
    /* (the per-sentence arrays in the arena: three mallocs and frees less
     * a document, and they are small enough that its zeroing costs less) */
    if (!(d->sub0 = arena_alloc(d->a, 2 * ns * sizeof(int)))) return SITREP_ENOMEM;
    d->step0 = d->sub0 + ns;
    const actors_kb *kb = d->kb;
    const S_pone *pone = kb->pone;
    size_t npone = kb->npone;
    for (int s = 0; s < seg->nsents; s++) {
        const sr_sentence *se = &seg->sents[s];
        d->sub0[s] = (int)d->subs.len;
        d->step0[s] = (int)d->steps.len;
        /* d->subs and d->steps in locals, written back before anything
         * else reads them: a store through an S_sub would otherwise make
         * the compiler load them again at every token */
        S_sub *subs = d->subs.data;
        int *steps = d->steps.data;
        size_t n = d->subs.len, cap = d->subs.cap, nsteps = d->steps.len;
        for (int t = se->tok0, t1 = se->tok0 + se->ntok; t < t1; t++) {
            const sr_token *tk = &seg->toks[t];
            const char *nm = tk->norm;
            size_t nl = (size_t)tk->len;
            /* (a word of up to 3 bytes is never split: no need to look) */
            const char *hy = (tk->flags & TOK_HYPHEN) && nl > 3 ? memchr(nm, '-', nl) : NULL;
            /* "Biden-Putin" splits; "US-led" stays one word, but "US-Albania-sponsored"
             * (two hyphens) splits into its countries, and so do a ship's or a
             * firm's owner and flag: "US-owned", "Greek-flagged" ("Qaeda-linked" is no owner) */
            int split = hy && S_hyphen_splits(nm, nl, hy);
            if (split || n == cap) {
                d->subs.len = n;
                d->steps.len = nsteps;
                if (split ? S_split_token(d, tk, t, s) : S_grow_subs(d)) return SITREP_ENOMEM;
                subs = d->subs.data;
                steps = d->steps.data;
                n = d->subs.len, cap = d->subs.cap, nsteps = d->steps.len;
                if (split) continue;
            }
            /* the segmenter found the possessive (S_strip_poss): "'s"
             * or the "'" of "states'" */
            int poss = (tk->flags & TOK_POSS) != 0;
            size_t l = !poss ? nl : nm[nl - 1] == 's' ? nl - 2 : nl - 1;
            const char *norm = nm;
            if (l != nl && !(norm = arena_strndup(d->a, nm, l))) return SITREP_ENOMEM;
            int id = poss ? tk->base : tk->id;
            /* the token's class is its id's (and its form's when unknown) */
            vocab_cls cls = poss ? vocab_class(kb->voc, id) : tk->id ? tk->cls : 0;
            /* S_longest_from's first step, here where the loads of
             * one word's slot do not wait for each other: a word that
             * starts no phrase (most) or only a one-word phrase needs
             * no S_longest_from */
            int longest = 0, hit = -1;
            if ((cls & VC_A_PHRASE1) && id && (size_t)id < npone && l <= 510) {
                S_pone one = pone[id];
                if (one.cont) longest = -1;
                else if (one.hit >= 0) longest = 1, hit = one.hit;
            }
            S_sub *sb = &subs[n];
            sb->norm = norm;
            sb->cls = cls;
            sb->id = id;
            sb->len = (int)l;
            sb->tok = t;
            sb->start = tk->start;
            sb->end = tk->end;
            sb->flags = tk->flags;
            sb->poss = poss;
            sb->sent = s;
            sb->longest = longest;
            sb->hit = hit;
            /* S_mark's test; steps has the room of subs */
            if (cls & (VC_A_ROLE1 | VC_A_STEP)) steps[nsteps++] = (int)n;
            n++;
        }
        d->subs.len = n;
        d->steps.len = nsteps;
    }
    d->sub0[seg->nsents] = (int)d->subs.len;
    d->step0[seg->nsents] = (int)d->steps.len;
    return 0;
}

/* The edge of word from the trie node whose edges begin at cont (> 0),
 * or NULL. */
static inline const S_edge *S_edge_find(const S_edge *edges, uint32_t cont, int32_t word)
{
    const S_edge *e = &edges[cont + 1];
    int32_t n = edges[cont].word;
    if (n > 8) {   /* the long lists of common first words: halve */
        int32_t lo = 0, hi = n;
        while (lo < hi) {
            int32_t mid = lo + (hi - lo) / 2;
            if (e[mid].word < word) lo = mid + 1;
            else hi = mid;
        }
        return lo < n && e[lo].word == word ? &e[lo] : NULL;
    }
    for (int32_t i = 0; i < n && e[i].word <= word; i++)
        if (e[i].word == word) return &e[i];
    return NULL;
}

/* The first hit of the key of the n words ids[0..n), -1 when it is no
 * phrase (a proper prefix, or no key at all). */
static int S_ids_hit(const actors_kb *kb, const int *ids, int n)
{
    if (n < 1 || n > ACTORS_MAX_PHRASE || ids[0] <= 0 || (size_t)ids[0] >= kb->npone) return -1;
    S_pone one = kb->pone[ids[0]];
    int hit = one.hit;
    uint32_t cont = one.cont;
    for (int i = 1; i < n; i++) {
        const S_edge *e = cont && ids[i] ? S_edge_find(kb->edges, cont, ids[i]) : NULL;
        if (!e) return -1;
        hit = e->hit;
        cont = e->next >> 1;
    }
    return hit;
}

/* S_ids_hit of the folded phrase s[0..n) (words separated by one space):
 * for names learned in a document, not for the matcher. */
static int S_str_hit(const actors_kb *kb, const char *s, size_t n)
{
    int ids[ACTORS_MAX_PHRASE], k = 0;
    for (size_t i = 0;; ) {
        size_t j = i;
        while (j < n && s[j] != ' ') j++;
        if (k == ACTORS_MAX_PHRASE) return -1;
        ids[k++] = vocab_id(kb->voc, s + i, j - i);
        if (j >= n) break;
        i = j + 1;
    }
    return S_ids_hit(kb, ids, k);
}

/* Longest phrase starting at sub-token p within [p, end).  Returns the
 * number of sub-tokens and the first hit. */
static int S_longest_from(const S_doc *d, int p, int end, int *hit)
{
    const actors_kb *kb = d->kb;
    const S_sub *sb = SUB(d, p);
    size_t kl = (size_t)sb->len;   /* the length of the phrase as text, kept under 510 */
    /* most words start no phrase */
    if (kl + 2 > 512 || !sb->id || !(sb->cls & VC_A_PHRASE1) || (size_t)sb->id >= kb->npone) return 0;
    S_pone one = kb->pone[sb->id];
    int best = 0;
    if (one.hit >= 0) { best = 1; *hit = one.hit; }
    uint32_t cont = one.cont;
    for (int k = p + 1; cont && k < end && k - p < ACTORS_MAX_PHRASE; k++) {
        sb = SUB(d, k);
        size_t wl = (size_t)sb->len;
        if (kl + wl + 2 > 512) break;
        kl += 1 + wl;
        /* a word of no phrase, or of none past its first word */
        if ((size_t)sb->id >= kb->ncont || !(kb->cont[sb->id / 64] >> (sb->id % 64) & 1) || !sb->id) break;
        const S_edge *e = S_edge_find(kb->edges, cont, sb->id);
        if (!e) break;
        if (e->hit >= 0) { best = k - p + 1; *hit = e->hit; }
        /* a possessive ends a name, but for one that goes on after it
         * ("Cambodian People's Party") */
        if (sb->poss && !(e->next & 1)) break;
        cont = e->next >> 1;
    }
    return best;
}

/* S_longest_from, asked once per sub-token: end is always the end of p's
 * sentence, and both passes of actors_find read every sentence. */
static int S_longest(S_doc *d, int p, int end, int *hit)
{
    S_sub *sb = SUB(d, p);
    if (sb->longest < 0) {
        sb->hit = -1;
        sb->longest = S_longest_from(d, p, end, &sb->hit);
    }
    if (sb->longest > 0) *hit = sb->hit;
    return sb->longest;
}

/* A word capitalised at the start of sentences or in headlines but never
 * a name (S_FUNC)? */
static int S_is_function_word(const S_sub *sb)
{
    return (sb->cls & VC_A_FUNC) != 0;
}

/* A lower-case particle that may open a name ("al-Qaeda", "van der
 * Leyen"; S_PARTICLE)? */
static int S_is_particle(const S_sub *sb)
{
    return (sb->cls & VC_A_PARTICLE) != 0;
}

static int S_is_name_token(const S_sub *sb)
{
    return (sb->flags & TOK_WORD) && (sb->flags & TOK_CAP) && !S_is_function_word(sb);
}

/* Levenshtein distance, bounded: exact up to max, else some value over
 * max.  Only the band of cells within max of the diagonal is computed (a
 * cell off it is over max), each capped at max + 1, which leaves every
 * value up to max as it is. */
static int S_edit(const char *a, const char *b, int max)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (abs(la - lb) > max || la > 40 || lb > 40) return max + 1;
    int prev[41], cur[41], over = max + 1;
    for (int j = 0; j <= lb; j++) prev[j] = j < over ? j : over;
    for (int i = 1; i <= la; i++) {
        int lo = i - max < 1 ? 1 : i - max, hi = i + max > lb ? lb : i + max;
        cur[lo - 1] = lo == 1 && i < over ? i : over;
        int rowmin = cur[lo - 1];
        for (int j = lo; j <= hi; j++) {
            int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < c) c = prev[j] + 1;
            if (cur[j - 1] + 1 < c) c = cur[j - 1] + 1;
            if (c > over) c = over;
            cur[j] = c;
            if (c < rowmin) rowmin = c;
        }
        if (rowmin > max) return over;
        int end = hi;
        if (hi < lb) cur[++end] = over;   /* the next row reads one further */
        memcpy(prev + lo - 1, cur + lo - 1, sizeof(int) * (size_t)(end - lo + 2));
    }
    return prev[lb];
}

/* The term of a person in force on day (or the nearest one). */
static const S_term *S_term_at(const actors_kb *kb, int person, long day, int *in_office)
{
    const S_term *best = NULL;
    long bestdist = 0;
    *in_office = 0;
    for (int t = PERSON(kb, person)->first_term; t >= 0; t = TERM(kb, t)->next) {
        const S_term *tm = TERM(kb, t);
        if (day < 0) {
            if (!best || tm->from > best->from) best = tm;
            continue;
        }
        if (day >= tm->from && day <= tm->to) {
            /* prefer the higher office when terms overlap (listed first) */
            if (!*in_office) best = tm;
            *in_office = 1;
            continue;
        }
        if (*in_office) continue;
        long dist = day < tm->from ? tm->from - day : day - tm->to;
        if (!best || dist < bestdist) { best = tm; bestdist = dist; }
    }
    if (day < 0 && best) *in_office = 1;
    return best;
}

/* Code for a key: an organisation's own code, else KEY + role. */
/* snprintf(out, n, "%s%s", a, b) (n > 0) without the formatting: the
 * matcher copies a key and a code into every mention.  NULL copies as
 * glibc prints it. */
static void S_copy2(char *out, size_t n, const char *a, const char *b)
{
    if (!a) a = "(null)";
    if (!b) b = "(null)";
    /* byte by byte: keys and codes are a few bytes, shorter than the
     * calls to strlen and memcpy */
    size_t o = 0;
    while (*a && o < n - 1) out[o++] = *a++;
    while (*b && o < n - 1) out[o++] = *b++;
    out[o] = 0;
}

#define S_copy(out, n, s) S_copy2(out, n, s, "")

/* The strings up to NULL, concatenated into the arena (an explanation:
 * arena_printf of "%s" only, without the formatting; an argument that may
 * be NULL goes through S_str, which gives it as printf does). */
static const char *S_str(const char *s) { return s ? s : "(null)"; }

/* Room for n bytes in the document's arena, carved from a block of
 * S_POOL bytes (S_doc.pool): most explanations are short, and one
 * arena_alloc each (its call, its zeroing) cost as much as the making.
 * NULL when out of memory. */
enum { S_POOL = 1024 };
static char *S_room(S_doc *d, size_t n)
{
    if (n > d->pool_left) {
        if (n > S_POOL / 4) return arena_alloc(d->a, n);
        char *b = arena_alloc(d->a, S_POOL);
        if (!b) return NULL;
        d->pool = b;
        d->pool_left = S_POOL;
    }
    char *p = d->pool;
    d->pool += n;
    d->pool_left -= n;
    return p;
}

enum { S_CAT_MAX = 16 };   /* strings S_cat joins at most */

static char *S_cat(S_doc *d, ...)
{
    va_list ap;
    const char *str[S_CAT_MAX];
    size_t len[S_CAT_MAX], n = 0;
    int k = 0;
    va_start(ap, d);
    for (const char *s; (s = va_arg(ap, const char *));) {
        assert(k < S_CAT_MAX);
        str[k] = s;
        n += len[k++] = strlen(s);
    }
    va_end(ap);
    char *out = S_room(d, n + 1), *o = out;
    if (!out) return NULL;
    for (int i = 0; i < k; i++) {
        memcpy(o, str[i], len[i]);
        o += len[i];
    }
    *o = 0;
    return out;
}

/* Is key an organisation's (org_by_key), and which, in *ei? */
static int S_org_key(const actors_kb *kb, const char *key, int *ei)
{
    size_t l = strlen(key);
    return (kb->org_mask[(unsigned char)key[0]] >> (l & 63) & 1) && dict_get(&kb->org_by_key, key, l, ei);
}

static void S_code(const actors_kb *kb, const char *key, const char *role, char *out, size_t n)
{
    int ei;
    if (S_org_key(kb, key, &ei)) {
        S_copy(out, n, ENT(kb, ei)->code);
        return;
    }
    S_copy2(out, n, key, role ? role : "");
}

/* Fills a person mention from a kb person (S_fill_person, the first time
 * in a document). */
static void S_fill_new_person(S_doc *d, sr_mention *m, int person)
{
    const actors_kb *kb = d->kb;
    const S_person *p = PERSON(kb, person);
    int in_office;
    const S_term *t = S_term_at(kb, person, d->day, &in_office);
    const char *key = t ? t->key : p->key;
    m->kind = AK_PERSON;
    m->name = p->name;
    S_copy(m->key, sizeof m->key, key);
    S_code(kb, key, t && in_office ? t->rolecode : "ELI", m->code, sizeof m->code);
    m->gender = p->gender;
    m->rclass = t && in_office ? t->rclass : NULL;
    m->why = t ? S_cat(d, "person ", p->name, " (", t->role,
                       in_office ? "" : ", out of office on the document date", ")", (char *)NULL)
               : S_cat(d, "person ", p->name, (char *)NULL);
}

/* Fills a person mention from a kb person. */
static void S_fill_person(S_doc *d, sr_mention *m, int person)
{
    const actors_kb *kb = d->kb;
    const S_person *p = PERSON(kb, person);
    /* a document names its people again and again: the same fields as
     * the first time, from its memo */
    for (int i = 0; i < S_NMEMO && i < d->npmemo; i++) {
        const S_pmemo *pm = &d->pmemo[i];
        if (pm->person != person) continue;
        m->kind = AK_PERSON;
        m->name = p->name;
        memcpy(m->key, pm->key, sizeof m->key);
        memcpy(m->code, pm->code, sizeof m->code);
        m->gender = p->gender;
        m->rclass = pm->rclass;
        m->why = pm->why;
        return;
    }
    S_fill_new_person(d, m, person);
    S_pmemo *pm = &d->pmemo[d->npmemo++ % S_NMEMO];
    pm->person = person;
    memcpy(pm->key, m->key, sizeof pm->key);
    memcpy(pm->code, m->code, sizeof pm->code);
    pm->rclass = m->rclass;
    pm->why = m->why;
}

/* Finds the person holding a role class (or phrase) for key on day. */
static int S_person_by_role(const actors_kb *kb, const char *key, const S_role *r, long day)
{
    const char *rphrase = r->phrase, *rclass = r->rclass;
    int found = -1, k;
    if (!dict_get(&kb->strings, key, strlen(key), &k) || (size_t)k >= kb->key_terms.len) return -1;
    if (day >= 0 && day < INT32_MAX && !kb->kwide) {
        /* the same as below, from kterm alone */
        int deputy = rclass && !strcmp(rclass, "deputy");
        for (int i = kb->kterm0[k]; i < kb->kterm0[k + 1]; i++) {
            const S_kterm *kt = &kb->kterm[i];
            if (day < kt->from || day > kt->to) continue;
            if (kt->role >> 1 != r->lid && !(deputy && (kt->role & 1))) continue;
            found = TERM(kb, kt->term)->person;
            break;
        }
        return found;
    }
    for (int i = kb->kterm0[k]; i < kb->kterm0[k + 1]; i++) {
        const S_term *tm = TERM(kb, kb->kterm[i].term);
        if (day >= 0 && (day < tm->from || day > tm->to)) continue;
        if (strcasecmp(tm->role, rphrase)) {
            /* class match only for unambiguous classes */
            const char *c = tm->rclass;
            if (!c || !rclass || strcmp(c, rclass) || strcmp(rclass, "deputy")) continue;
        }
        if (day < 0) return -1; /* without a date a role does not name a person */
        found = tm->person;
        break;
    }
    return found;
}

static sr_mention *S_emit(S_doc *d, int p0, int p1)
{
    sr_mention *m = S_push(&d->out);
    if (!m) return NULL;
    const S_sub *a = SUB(d, p0), *b = SUB(d, p1 - 1);
    *m = (sr_mention){.t0 = a->tok, .t1 = b->tok + 1, .start = a->start, .end = b->end, .sent = a->sent,
                      .gender = '-'};
    return m;
}

/* The bit of d->lfirst for a name beginning with bytes a, b. */
static unsigned S_lbit(unsigned char a, unsigned char b) { return (a * 31u + b) & 255; }

/* Is the folded name s[0..n) that of sub-tokens [p0, p1) (their norms
 * joined by S_join, which a long name may have cut short; p0 < 0: of no
 * span), a phrase of the knowledge base?  Read from the sub-tokens' ids
 * when it is theirs: no lookup of its words in the vocabulary. */
static int S_known(const S_doc *d, const char *s, size_t n, int p0, int p1)
{
    if (p0 >= 0 && p1 - p0 == 1) {
        const S_sub *sb = SUB(d, p0);
        if ((size_t)sb->len == n && !memcmp(sb->norm, s, n)) return S_ids_hit(d->kb, &sb->id, 1) >= 0;
    } else if (p0 >= 0 && p1 - p0 <= ACTORS_MAX_PHRASE) {
        /* a name S_join cut short is shorter than its span */
        int ids[ACTORS_MAX_PHRASE];
        size_t len = (size_t)(p1 - p0 - 1);
        for (int k = p0; k < p1; k++) {
            ids[k - p0] = SUB(d, k)->id;
            len += (size_t)SUB(d, k)->len;
        }
        if (len == n) return S_ids_hit(d->kb, ids, p1 - p0) >= 0;
    }
    return S_str_hit(d->kb, s, n) >= 0;
}

/* Learns the folded name[0..n) of sub-tokens [p0, p1) (S_known) for the
 * rest of the document, unless learned already or a known phrase. */
static int S_learn(S_doc *d, const char *folded, size_t n, int p0, int p1, int person, const char *name,
                   const char *key, const char *code, char gender, int corrected, const char *rclass)
{
    int li;
    if (dict_get(&d->learned, folded, n, &li)) return 0;
    if (S_known(d, folded, n, p0, p1)) return 0; /* already known */
    S_local *l = vec_push(&d->locals);
    if (!l) return SITREP_ENOMEM;
    l->person = person;
    l->name = name;
    l->key = key;
    l->code = code;
    l->gender = gender;
    l->corrected = corrected;
    l->rclass = rclass;
    unsigned bit = S_lbit((unsigned char)folded[0], n > 1 ? (unsigned char)folded[1] : 0);
    d->lfirst[bit / 64] |= 1ull << (bit % 64);
    return dict_set(&d->learned, folded, n, (int)d->locals.len - 1);
}

/* Joins sub-token norms [p0, p1) with spaces into out.  (A sub-token's
 * len is its norm's strlen.) */
static size_t S_join(const S_doc *d, int p0, int p1, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = 0;
    for (int k = p0; k < p1; k++) {
        const char *w = SUB(d, k)->norm;
        size_t wl = (size_t)SUB(d, k)->len;
        if (n + wl + 2 > cap) break;
        if (n) out[n++] = ' ';
        memcpy(out + n, w, wl);
        n += wl;
        out[n] = 0;
    }
    return n;
}

/* Original text of [p0, p1) (arena copy). */
static const char *S_text(S_doc *d, int p0, int p1)
{
    int s = SUB(d, p0)->start, e = SUB(d, p1 - 1)->end;
    return arena_strndup(d->a, d->text + s, (size_t)(e - s));
}

static const char *S_country_name(const actors_kb *kb, const char *key);

/* Does the document (text or title) hold this string? */
static int S_doc_has(const S_doc *d, const char *s)
{
    return (d->body && strstr(d->body, s)) || (d->title && strstr(d->title, s));
}

/* The key a person has on the document date (the nearest term's). */
static const char *S_key_on(const S_doc *d, int p)
{
    int in_office;
    const S_term *t = S_term_at(d->kb, p, d->day, &in_office);
    return t ? t->key : PERSON(d->kb, p)->key;
}

/* Is the person's country named in the document?  1 for organisations. */
static int S_country_named(const S_doc *d, int p)
{
    const char *name = S_country_name(d->kb, S_key_on(d, p));
    return !name || S_doc_has(d, name);
}

/* The person a bare surname names, or -1 (mkey: the key of a modifier,
 * "Bolivian leader Morales", or NULL).  In order: the one whose full name
 * the document gives ("Evo Morales ... Morales"); the one of the modifier's
 * key; the one person in office on the document date -- unless the
 * document names another bearer's country and not the office-holder's
 * (Bolivia, not Guatemala, when "Morales" is Evo after his resignation),
 * or names no country of a person of people-world.tsv ("Davis" is the
 * Bahamas' prime minister only where the Bahamas are named). */
static int S_surname_in_office(const S_doc *d, const char *w, const char *mkey)
{
    int si, first, found = -1, several = 0, named = -1, nnamed = 0, bykey = -1, nbykey = 0;
    if (d->day < 0 || !dict_get(&d->kb->surnames, w, strlen(w), &first)) return -1;
    for (si = first; si >= 0; si = VEC_AT(&d->kb->snames, S_sname, si).next) {
        int p = VEC_AT(&d->kb->snames, S_sname, si).person;
        if (p != named && S_doc_has(d, PERSON(d->kb, p)->name)) named = p, nnamed++;
        if (mkey && p != bykey && !strcmp(S_key_on(d, p), mkey)) bykey = p, nbykey++;
    }
    if (nnamed) return nnamed == 1 ? named : -1;
    if (mkey) return nbykey == 1 ? bykey : -1;
    for (si = first; si >= 0; si = VEC_AT(&d->kb->snames, S_sname, si).next) {
        int p = VEC_AT(&d->kb->snames, S_sname, si).person, in_office;
        if (VEC_AT(&d->kb->snames, S_sname, si).family) continue;
        S_term_at(d->kb, p, d->day, &in_office);
        if (!in_office || p == found) continue;
        if (found >= 0) several = 1;
        found = p;
    }
    if (several || found < 0) return -1;
    if (!S_country_named(d, found)) {
        int other = -1, nother = 0;
        for (si = first; si >= 0; si = VEC_AT(&d->kb->snames, S_sname, si).next) {
            int p = VEC_AT(&d->kb->snames, S_sname, si).person;
            if (VEC_AT(&d->kb->snames, S_sname, si).family) continue;
            if (p != found && p != other && S_country_named(d, p)) other = p, nother++;
        }
        if (nother == 1) return other;
        if (PERSON(d->kb, found)->weak) return -1;  /* "Davis" is the Bahamas' PM only there */
    }
    return found;
}

/* A misspelt one-word country name ("Phillipines", "Kazakstan"): within
 * one edit (two for ten letters or more) of exactly one country name, same
 * first letter.  Returns the country entry or -1. */
static int S_correct_country(const S_doc *d, const char *w)
{
    size_t len = strlen(w);
    if (len < 7) return -1;
    int best = -1, max = len >= 10 ? 2 : 1;
    uint64_t bytes = S_byte_mask(w, len);
    /* sorted as person names are: only the same first letter and a length
     * within the bound (its answer does not depend on the order either) */
    unsigned char c = (unsigned char)w[0];
    uint64_t last = S_pname_order(1, c, 0, (int)len + max);
    const S_pkey *keys = d->kb->cnkey;
    size_t nk = d->kb->cnames.len;
    for (size_t i = S_pnames_from(keys, nk, d->kb->cnfrom, S_pname_order(1, c, 0, (int)len - max)); i < nk; i++) {
        if (keys[i].order > last) break;
        if (S_over_edits(bytes, keys[i].bytes, max)) continue;
        const S_pname *cn = &VEC_AT(&d->kb->cnames, S_pname, i);
        int e = S_edit(w, cn->phrase, max);
        if (e < 1 || e > max) continue;
        /* "Emirate" is the singular of "Emirates", a noun, not a misspelling */
        size_t cl = strlen(cn->phrase);
        if (cl == len + 1 && cn->phrase[len] == 's' && !strncmp(cn->phrase, w, len)) continue;
        if (best >= 0 && best != cn->person) return -1;
        best = cn->person;
    }
    return best;
}

/* Misspelling: an unknown capitalised 1-2 token name close to a person's
 * name.  Returns the person or -1. */
static int S_correct(const S_doc *d, int p0, int p1)
{
    char name[256];
    S_join(d, p0, p1, name, sizeof name);
    int ntok = p1 - p0;
    size_t len = strlen(name);
    if (len < 6) return -1;
    int best = -1, bestd = 99, ties = 0;
    int max = ntok >= 2 ? 2 : 1;
    /* S_edit is over max when the lengths differ by more */
    unsigned char c = (unsigned char)name[0];
    const char *sp1 = strrchr(name, ' ');
    uint64_t bytes = S_byte_mask(name, len);
    unsigned char sur = S_pname_sur(name, ntok);
    uint64_t last = S_pname_order(ntok, c, sur, (int)len + max);
    const S_pkey *keys = d->kb->pnkey;
    size_t nk = d->kb->pnames.len;
    for (size_t i = S_pnames_from(keys, nk, d->kb->pnfrom, S_pname_order(ntok, c, sur, (int)len - max)); i < nk; i++) {
        if (keys[i].order > last) break;
        if (S_over_edits(bytes, keys[i].bytes, max)) continue;
        const S_pname *pn = &VEC_AT(&d->kb->pnames, S_pname, i);
        if (ntok >= 2) {
            /* each token close, surnames share their first letter */
            const char *sp2 = strrchr(pn->phrase, ' ');
            if (!sp1 || !sp2 || sp1[1] != sp2[1]) continue;
        }
        int e = S_edit(name, pn->phrase, max);
        if (e == 0 || e > max) continue;
        if (e < bestd) { bestd = e; best = pn->person; ties = 0; }
        else if (e == bestd && pn->person != best) ties++;
    }
    return ties ? -1 : best;
}

/* Is key one of the space-separated keys of list? */
static int S_has_key(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *q = list; *q;) {
        while (*q == ' ') q++;
        const char *e = q;
        while (*e && *e != ' ') e++;
        if ((size_t)(e - q) == n && n && !memcmp(q, key, n)) return 1;
        q = e;
    }
    return 0;
}

/* Is w[0..] one of the words of list (NULL-ended)?  The first bytes are
 * compared before strcmp is called: most words differ from most of the
 * list there (S_place_in_name asks at every place name). */
static int S_word_in(const char *w, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (w[0] == list[i][0] && !strcmp(w, list[i])) return 1;
    return 0;
}

/* Is the place name at sub-tokens [p0, p1) of sentence [s0, s1) (a
 * country's name, adjective or seat of power) part of the name of
 * something that is no actor: a named agreement, format or process ("the
 * Doha Agreement", "the Minsk agreements", "the Paris climate accord", "the
 * Astana process"; only for a seat of power: "the Iran deal" is Iran's), or
 * a sea named after a country ("the Sea of Japan", "the South China Sea",
 * "the Gulf of Mexico", "the Indian Ocean")? */
static int S_place_in_name(const S_doc *d, int p0, int p1, int s0, int s1, unsigned types)
{
    static const char *const pact[] = {"agreement", "agreements", "accord", "accords", "format",
                                       "process", "convention", "conventions", "protocol",
                                       "protocols", "declaration", "memorandum", "communique",
                                       "formula", NULL};
    static const char *const pact_mod[] = {"peace", "climate", "ceasefire", "nuclear",
                                           "trade", "ii", NULL};
    static const char *const sea[] = {"sea", "ocean", "gulf", NULL};
    static const char *const sea_of[] = {"sea", "gulf", "bay", NULL};
    if (p1 < s1) {
        const S_sub *nx = SUB(d, p1);
        /* "the South China Sea", "the Indian Ocean": capitalised, where
         * "Russian sea drones" are Russia's */
        if ((nx->flags & TOK_CAP) && !nx->poss && S_word_in(nx->norm, sea)) return 1;
        if (types & 1u << H_METONYM) {
            int q = p1;
            if (q + 1 < s1 && S_word_in(SUB(d, q)->norm, pact_mod)) q++;
            if (!SUB(d, q - 1)->poss && S_word_in(SUB(d, q)->norm, pact)) return 1;
        }
    }
    /* "the Sea of Japan", "the Gulf of Mexico" */
    if (p0 - 2 >= s0 && SUB(d, p0 - 1)->id == VW_OF && (SUB(d, p0 - 2)->flags & TOK_CAP) &&
        S_word_in(SUB(d, p0 - 2)->norm, sea_of))
        return 1;
    return 0;
}

/* Collects the items (phrase hits and unknown capitalised names) of one
 * sentence's sub-tokens [s0, s1). */
static int S_items(S_doc *d, int s0, int s1, vec *items)
{
    items->len = 0;
    int p = s0;
    while (p < s1) {
        int hit = -1;
        int n = S_longest(d, p, s1, &hit);
        const S_sub *sb = SUB(d, p);
        S_hsum hs;
        if (n > 0) {
            /* names need a capital; role phrases do not */
            hs = d->kb->hsum[hit];
            int only_role = !(hs.types & ~(1u << H_ROLE));
            int capital = (sb->flags & TOK_CAP) != 0;
            if (!capital && n > 1 && S_is_particle(sb)) {
                /* "al-Shabaab", "el-Sisi", "de Mistura": the particle is written in
                 * lower case, the name after it is capitalised */
                for (int q = p + 1; q < p + n; q++)
                    if (SUB(d, q)->flags & TOK_WORD) { capital = (SUB(d, q)->flags & TOK_CAP) != 0; break; }
            }
            if (!capital && !only_role) {
                if (hs.rolehit >= 0) hit = hs.rolehit, hs = d->kb->hsum[hit], only_role = 1;
                else n = 0;
            }
            /* "VP", "PM": abbreviations in capitals only ("5 pm" is not one) */
            if (n > 0 && only_role && !(sb->flags & TOK_UPPER) && hs.rolehit >= 0 && hs.caps) n = 0;
        }
        if (n > 0) {
            S_item *it = S_push(items);
            if (!it) return SITREP_ENOMEM;
            *it = (S_item){.itype = I_HIT, .p0 = p, .p1 = p + n, .hit = hit, .types = hs.types,
                           .role = hs.role, .person = hs.person};
            /* a place's name inside an agreement's or a sea's is no actor */
            if ((it->types & (1u << H_COUNTRY | 1u << H_ADJ | 1u << H_METONYM)) &&
                !(it->types & (1u << H_ORG | 1u << H_PERSON | 1u << H_ROLE)) &&
                S_place_in_name(d, p, p + n, s0, s1, it->types))
                items->len--;
            p += n;
            continue;
        }
        if (S_is_name_token(sb)) {
            /* a run of capitalised words: check learned names, longest first */
            int q = p;
            while (q < s1 && q - p < 4 && S_is_name_token(SUB(d, q)) &&
                   (q == p || !SUB(d, q - 1)->poss)) {
                int h;
                if (q > p && S_longest(d, q, s1, &h) > 0) break;
                q++;
            }
            int done = 0;
            /* most documents learn no name, and most words begin none of
             * those learned (S_lbit of the joined key's first two bytes,
             * a two-byte word's own; a shorter or a very long one is
             * looked up) */
            int maybe = d->learned.len != 0;
            if (maybe && sb->len >= 2 && sb->len <= 200) {
                unsigned bit = S_lbit((unsigned char)sb->norm[0], (unsigned char)sb->norm[1]);
                maybe = d->lfirst[bit / 64] >> (bit % 64) & 1;
            }
            for (int e = q; e > p && !done && maybe; e--) {
                char key[256];
                size_t kl = S_join(d, p, e, key, sizeof key);
                int li;
                if (dict_get(&d->learned, key, kl, &li)) {
                    S_item *it = S_push(items);
                    if (!it) return SITREP_ENOMEM;
                    *it = (S_item){.itype = I_LOCAL, .p0 = p, .p1 = e, .local = li};
                    p = e;
                    done = 1;
                }
            }
            if (done) continue;
            S_item *it = S_push(items);
            if (!it) return SITREP_ENOMEM;
            *it = (S_item){.itype = I_UNKNOWN, .p0 = p, .p1 = q};
            p = q;
            continue;
        }
        p++;
    }
    return 0;
}

static int S_is_mod(const S_item *it)
{
    return it->itype == I_HIT &&
           (it->types & (1u << H_COUNTRY | 1u << H_ADJ | 1u << H_METONYM | 1u << H_ORG)) != 0;
}

static int S_role_of(const S_item *it)
{
    return it->itype == I_HIT ? it->role : -1;
}

static int S_person_of(const S_item *it)
{
    return it->itype == I_HIT ? it->person : -1;
}

/* Is sub-token q a comma (or an opening of an apposition)? */
static int S_is_comma(const S_doc *d, int q) { return (SUB(d, q)->id == VW_P_COMMA); }

/* Key and code of a modifier item. */
static void S_mod_key(S_doc *d, const S_item *it, const char **key, const char **name,
                      const char **rolecode, int *is_org)
{
    const actors_kb *kb = d->kb;
    *rolecode = NULL;
    *is_org = 0;
    for (int h = it->hit; h >= 0; h = HIT(kb, h)->next) {
        const S_hit *hh = HIT(kb, h);
        if (hh->type == H_COUNTRY || hh->type == H_ADJ || hh->type == H_METONYM || hh->type == H_ORG) {
            const S_ent *e = ENT(kb, hh->idx);
            *key = e->key;
            *name = e->name;
            *is_org = e->is_org;
            if (hh->type == H_METONYM) *rolecode = hh->rolecode;
            return;
        }
    }
    *key = NULL;
    *name = NULL;
}

/* The last person mention before position tok (any sentence), with an
 * optional role class filter. */
static const sr_mention *S_recent_person(const S_doc *d, int tok, const char *rclass, char gender,
                                         int min_sent)
{
    for (size_t i = d->out.len; i-- > 0;) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->t0 >= tok) continue;
        if (m->sent < min_sent) break;
        if (m->kind != AK_PERSON) continue;
        if (gender != '-' && m->gender != '-' && m->gender != gender) continue;
        if (rclass && (!m->rclass || strcmp(m->rclass, rclass))) continue;
        return m;
    }
    return NULL;
}

static const char *S_country_name(const actors_kb *kb, const char *key);

/* Is sub-token p a part of a hyphenated word ("27-nation")? */
static int S_hyphen_part(const S_doc *d, int p)
{
    const S_sub *sb = SUB(d, p);
    const sr_token *tk = &d->seg->toks[sb->tok];
    return sb->start != tk->start || sb->end != tk->end;
}

/* Is sub-token sb a past form in -ed ("adopted", "condemned")? */
static int S_past_ed(const S_sub *sb)
{
    size_t n = (size_t)sb->len;
    return (sb->flags & TOK_WORD) && n > 4 && sb->norm[n - 2] == 'e' && sb->norm[n - 1] == 'd';
}

/* Does sub-token sb read as the verb after a subject: punctuation, an
 * auxiliary or modal, an adverb in -ly, or a past form in -ed ("the army
 * said", "the court has ruled", "the military rebuked")?  Never a noun. */
static int S_verb_next(const S_sub *sb)
{
    if (!(sb->flags & TOK_WORD)) return 1;
    if (sb->flags & TOK_CAP) return 0;
    size_t n = (size_t)sb->len;
    if (n > 3 && (!strcmp(sb->norm + n - 2, "ed") || !strcmp(sb->norm + n - 2, "ly"))) return 1;
    return (sb->cls & VC_A_AUX) != 0;
}

/* One phrase being composed into a mention (S_compose_sentence): its
 * items [k0, k) of the sentence's items, the modifier, role and name among
 * them (-1: none), the modifier's key and the role, and its span. */
typedef struct {
    S_item *its;
    int n, s0, s1;
    int k0, k;
    int mod, role, name;
    const char *mkey, *mname, *mrcode;   /* the modifier's key, name, role code */
    int mis_org;
    const S_role *r;
    int p0, p1;                          /* sub-token span */
} S_phrase;

/* "Russia shells Kharkiv", "Israel bombs Gaza": a country's bare name
 * before a plural role word that is also a verb in -s, with a name or
 * "the" after it, is the subject of that verb, not a modifier ("Russian
 * shells", "Russia's shells" and "Russia shells fell" stay roles). */
static int S_headline_verb(const S_doc *d, const S_phrase *ph, const S_item *mod, const S_item *role)
{
    if (!(mod->types & 1u << H_COUNTRY) || (mod->types & (1u << H_ADJ | 1u << H_METONYM | 1u << H_ORG)) ||
        SUB(d, mod->p1 - 1)->poss || role->p1 - role->p0 != 1 || role->p1 >= ph->s1)
        return 0;
    const S_sub *rw = SUB(d, role->p0), *nx = SUB(d, role->p1);
    if (rw->len < 4 || rw->norm[rw->len - 1] != 's' || rw->poss) return 0;
    return (nx->id == VW_THE) || ((nx->flags & TOK_CAP) && (nx->flags & TOK_WORD));
}

/* Splits the next phrase off the items: [modifier] role... [name], or a
 * bare item.  1 when an unknown word was joined to the name after it as
 * its first name (the caller looks again). */
static int S_phrase_parts(S_doc *d, S_phrase *ph)
{
    S_item *its = ph->its;
    int n = ph->n;
    if (S_is_mod(&its[ph->k]) && ph->k + 1 < n && S_role_of(&its[ph->k + 1]) >= 0 &&
        its[ph->k + 1].p0 == its[ph->k].p1 && !S_headline_verb(d, ph, &its[ph->k], &its[ph->k + 1])) {
        ph->mod = ph->k++;
    }
    /* a seat of power that is also a role noun ("Congress": the US
     * Congress) is the role only after a modifier ("Peru's Congress", "the
     * Colombian Congress") */
    while (ph->k < n && S_role_of(&its[ph->k]) >= 0 && S_person_of(&its[ph->k]) < 0 &&
           (ph->mod >= 0 || !(its[ph->k].types & 1u << H_METONYM)) &&
           (ph->role < 0 || its[ph->k].p0 == its[ph->role].p1 || (its[ph->k].p0 == its[ph->role].p1 + 1 && (SUB(d, its[ph->role].p1)->id == VW_OF)))) {
        if (ph->role >= 0 || ph->mod >= 0 || ph->k == ph->k0) ph->role = ph->k++;
        else break;
    }
    if (ph->role >= 0 && ph->k < n) {
        const S_item *nx = &its[ph->k];
        int gap = nx->p0 - its[ph->role].p1;
        int ok = gap == 0 || (gap == 1 && S_is_comma(d, its[ph->role].p1));
        if (ok && (S_person_of(nx) >= 0 || nx->itype == I_UNKNOWN || nx->itype == I_LOCAL)) ph->name = ph->k++;
    }
    if (ph->mod < 0 && ph->role < 0) {
        /* a bare item: an unknown name followed by a known one is a first name */
        if ((its[ph->k].itype == I_UNKNOWN || its[ph->k].itype == I_LOCAL) && ph->k + 1 < n &&
            its[ph->k + 1].p0 == its[ph->k].p1 &&
            (S_person_of(&its[ph->k + 1]) >= 0 || its[ph->k + 1].itype == I_LOCAL)) {
            its[ph->k + 1].p0 = its[ph->k].p0;
            ph->k++;
            return 1;
        }
        ph->name = ph->k++;
    }
    return 0;
}

/* Learns "Name, Romania's president": the name is that country's
 * holder of the role. */
static int S_learn_apposition(S_doc *d, const S_phrase *ph)
{
    const actors_kb *kb = d->kb;
    S_item *its = ph->its;
    int n = ph->n, s1 = ph->s1;
    int rc = 0;
    if (ph->name >= 0 && its[ph->name].itype == I_UNKNOWN && ph->mod < 0 && ph->role < 0 && ph->k + 1 < n &&
        its[ph->name].p1 < s1 && S_is_comma(d, its[ph->name].p1) && its[ph->k].p0 == its[ph->name].p1 + 1 &&
        S_is_mod(&its[ph->k]) && S_role_of(&its[ph->k + 1]) >= 0 && its[ph->k + 1].p0 == its[ph->k].p1 &&
        /* not "in Adelaide, Australian Prime Minister Anthony Albanese said":
         * the title has its own name */
        !(ph->k + 2 < n && its[ph->k + 2].p0 == its[ph->k + 1].p1 &&
          (its[ph->k + 2].itype != I_HIT || S_person_of(&its[ph->k + 2]) >= 0))) {
        const char *key, *mname, *rcode;
        int is_org;
        S_mod_key(d, &its[ph->k], &key, &mname, &rcode, &is_org);
        const S_role *r = ROLE(kb, S_role_of(&its[ph->k + 1]));
        if (key && !r->plural) {
            char code[24], nm[256];
            S_code(kb, key, r->code, code, sizeof code);
            const char *full = S_text(d, its[ph->name].p0, its[ph->name].p1);
            size_t kl = S_join(d, its[ph->name].p0, its[ph->name].p1, nm, sizeof nm);
            rc = S_learn(d, nm, kl, its[ph->name].p0, its[ph->name].p1, -1, full, key, arena_strdup(d->a, code), r->gender, 0, r->rclass);
            const char *sp = strrchr(nm, ' ');
            if (!rc && sp) rc = S_learn(d, sp + 1, strlen(sp + 1), its[ph->name].p1 - 1, its[ph->name].p1, -1, full, key, arena_strdup(d->a, code), r->gender, 0, r->rclass);
            if (rc) return rc;
        }
    }
    return rc;
}

/* The modifier's key, the role and the phrase's span. */
static void S_phrase_keys(S_doc *d, S_phrase *ph)
{
    const actors_kb *kb = d->kb;
    S_item *its = ph->its;
    if (ph->mod >= 0) S_mod_key(d, &its[ph->mod], &ph->mkey, &ph->mname, &ph->mrcode, &ph->mis_org);
    ph->r = ph->role >= 0 ? ROLE(kb, S_role_of(&its[ph->role])) : NULL;
    /* a state's diplomat at an organisation ("Russia's UN ambassador",
     * "the US NATO envoy"): the state's, named right before */
    if (ph->mkey && ph->mis_org && ph->r && !strcmp(ph->r->rclass, "diplomat") && ph->mod > 0 &&
        its[ph->mod - 1].p1 == its[ph->mod].p0 && S_is_mod(&its[ph->mod - 1])) {
        const char *key, *name, *rcode;
        int org;
        S_mod_key(d, &its[ph->mod - 1], &key, &name, &rcode, &org);
        if (key && !org) {
            ph->mkey = key, ph->mname = name, ph->mrcode = rcode, ph->mis_org = 0;
            /* one mention: the state's name joins the phrase */
            const S_item *c = &its[ph->mod - 1];
            if (d->out.len) {
                const sr_mention *last = &VEC_AT(&d->out, sr_mention, d->out.len - 1);
                if (last->start == SUB(d, c->p0)->start && last->end == SUB(d, c->p1 - 1)->end) d->out.len--;
            }
            ph->k0 = ph->mod - 1;
        }
    }
    ph->p0 = its[ph->k0].p0;
    ph->p1 = its[ph->k - 1].p1;

}

/* Learns the phrase's name for the document: a known person's first name
 * and surname, a misspelling, a surname of someone in office, or the
 * holder of a modifier and role ("Romanian President Klaus Iohannis"). */
static int S_learn_name(S_doc *d, const S_phrase *ph)
{
    const actors_kb *kb = d->kb;
    S_item *its = ph->its;
    int rc = 0;
    const S_item *nm = &its[ph->name];
    int person = S_person_of(nm);
    if (person >= 0 && nm->p1 - nm->p0 >= 2) {
        /* teach the first name ("Kamala") and the surname ("Harris"),
         * which the data may leave out as too common on their own */
        const S_sub *f = SUB(d, nm->p0), *l = SUB(d, nm->p1 - 1);
        const S_person *pp = PERSON(kb, person);
        if (S_is_name_token(f))
            rc = S_learn(d, f->norm, (size_t)f->len, nm->p0, nm->p0 + 1, person, pp->name, pp->key, NULL, pp->gender, 0, NULL);
        if (!rc && S_is_name_token(l) && !S_is_regnal(l->norm))
            rc = S_learn(d, l->norm, (size_t)l->len, nm->p1 - 1, nm->p1, person, pp->name, pp->key, NULL, pp->gender, 0, NULL);
    } else if (nm->itype == I_UNKNOWN) {
        char key[256];
        size_t kl = S_join(d, nm->p0, nm->p1, key, sizeof key);
        int sp = nm->p1 - nm->p0 == 1 ? S_surname_in_office(d, key, ph->mkey) : -1;
        int cp = sp >= 0 ? -1 : S_correct(d, nm->p0, nm->p1);
        if (cp >= 0 && nm->p1 - nm->p0 == 1 && d->day >= 0) {
            /* one word close to a name ("Barrow", a town, for
             * Barrot) is a misspelling only of someone in office */
            int in_office;
            S_term_at(kb, cp, d->day, &in_office);
            if (!in_office) cp = -1;
        }
        int cc = sp < 0 && cp < 0 && nm->p1 - nm->p0 == 1 ? S_correct_country(d, key) : -1;
        if (cc >= 0) {
            const S_ent *ce = ENT(kb, cc);
            rc = S_learn(d, key, kl, nm->p0, nm->p1, -1, ce->name, ce->key, ce->code, '-', 1, NULL);
            if (!rc) LOCAL(d, d->locals.len - 1)->country = 1;
        } else if (sp >= 0) {
            const S_person *pp = PERSON(kb, sp);
            rc = S_learn(d, key, kl, nm->p0, nm->p1, sp, pp->name, pp->key, NULL, pp->gender, 0, NULL);
        } else if (cp >= 0) {
            const S_person *pp = PERSON(kb, cp);
            rc = S_learn(d, key, kl, nm->p0, nm->p1, cp, pp->name, pp->key, NULL, pp->gender, 1, NULL);
            const char *sp = strrchr(key, ' ');
            if (!rc && sp) rc = S_learn(d, sp + 1, strlen(sp + 1), nm->p1 - 1, nm->p1, cp, pp->name, pp->key, NULL, pp->gender, 1, NULL);
        } else if (ph->r && ph->mkey && !ph->r->plural && !ph->r->collective && !S_hyphen_part(d, nm->p1 - 1)) {
            /* "Romanian President Klaus Iohannis" (not the "Abdel Fattah Al"
             * of "Abdel Fattah Al-Burhan": a name ends at a word's end) */
            char code[24];
            S_code(kb, ph->mkey, ph->r->code, code, sizeof code);
            const char *full = S_text(d, nm->p0, nm->p1);
            rc = S_learn(d, key, kl, nm->p0, nm->p1, -1, full, ph->mkey, arena_strdup(d->a, code), ph->r->gender, 0, ph->r->rclass);
            const char *sp = strrchr(key, ' ');
            if (!rc && sp) rc = S_learn(d, sp + 1, strlen(sp + 1), nm->p1 - 1, nm->p1, -1, full, ph->mkey, arena_strdup(d->a, code), ph->r->gender, 0, ph->r->rclass);
        }
    }
    return rc;
}

static const sr_mention *S_main_country(S_doc *d, int tok);
static const sr_mention *S_last_country(S_doc *d, int tok, int sent);

/* A title and a name no list knows, with no country of its own ("Prime
 * Minister Alberto Otarola"), in a report about one country (the country
 * named last, S_last_country, is the one it names most, S_main_country):
 * one person of that country, whose name and surname are learned for the
 * rest of the document.  Only one holder's titles count (not "officials" or
 * "ministry").  Returns 1 (the phrase is done) or a negative code. */
static int S_titled_unknown(S_doc *d, const S_phrase *ph)
{
    const S_item *nm = &ph->its[ph->name];
    const char *cls = ph->r->rclass;
    if (ph->r->plural || ph->role < 0 || nm->p0 != ph->its[ph->role].p1 || S_hyphen_part(d, nm->p1 - 1) ||
        !(!strcmp(cls, "head") || !strcmp(cls, "deputy") || !strcmp(cls, "minister") || !strcmp(cls, "diplomat")))
        return 1;
    /* only in a report about one country: the country named last is the
     * one it names most (a foreign minister no list knows is as likely a
     * visitor's as a host's) */
    int tok = SUB(d, ph->p0)->tok, sent = SUB(d, ph->p0)->sent;
    const sr_mention *ref = S_last_country(d, tok, sent), *main = S_main_country(d, tok);
    if (!ref || !main || strcmp(ref->key, main->key)) return 1;
    char key[sizeof ref->key], code[24];
    memcpy(key, ref->key, sizeof key);   /* S_emit may move d->out */
    S_code(d->kb, key, ph->r->code, code, sizeof code);
    const char *full = S_text(d, nm->p0, nm->p1);
    sr_mention *m = S_emit(d, ph->p0, ph->p1);
    if (!m) return SITREP_ENOMEM;
    m->kind = AK_PERSON;
    m->name = full;
    memcpy(m->key, key, sizeof m->key);
    S_copy(m->code, sizeof m->code, code);
    m->gender = ph->r->gender;
    m->rclass = ph->r->rclass;
    m->how = AH_COMPOSED | AH_COREF;
    m->why = S_cat(d, "'", S_str(ph->r->phrase), "' ", S_str(full), " with no country: of ",
                   S_str(S_country_name(d->kb, key)), ", the country named last", (char *)NULL);
    /* the learned name keeps pointers: key and code must outlive this frame */
    const char *pkey = arena_strdup(d->a, key), *pcode = arena_strdup(d->a, code);
    if (!pkey || !pcode) return SITREP_ENOMEM;
    char folded[256];
    size_t kl = S_join(d, nm->p0, nm->p1, folded, sizeof folded);
    int rc = S_learn(d, folded, kl, nm->p0, nm->p1, -1, full, pkey, pcode, ph->r->gender, 0, ph->r->rclass);
    const char *sp = strrchr(folded, ' ');
    if (!rc && sp) rc = S_learn(d, sp + 1, strlen(sp + 1), nm->p1 - 1, nm->p1, -1, full, pkey, pcode, ph->r->gender, 0, ph->r->rclass);
    return rc ? rc : 1;
}

/* The mention a named phrase gives: a person, a name learned here, or a
 * country, organisation or adjective.  1 when done with the phrase, 0 when
 * its role is still to be read (an unknown name after a modifier and a
 * role), or a negative code. */
static int S_emit_name(S_doc *d, S_phrase *ph)
{
    const actors_kb *kb = d->kb;
    S_item *its = ph->its;
    int n = ph->n, s0 = ph->s0;
    const S_item *nm = &its[ph->name];
    int person = S_person_of(nm);
    if (person >= 0) {
        sr_mention *m = S_emit(d, ph->p0, ph->p1);
        if (!m) return SITREP_ENOMEM;
        S_fill_person(d, m, person);
        m->how = AH_EXACT | (ph->mod >= 0 || ph->role >= 0 ? AH_COMPOSED : 0);
        return 1;
    }
    if (nm->itype == I_LOCAL) {
        const S_local *l = LOCAL(d, nm->local);
        sr_mention *m = S_emit(d, ph->p0, ph->p1);
        if (!m) return SITREP_ENOMEM;
        if (l->person >= 0) S_fill_person(d, m, l->person);
        else {
            m->kind = l->country ? AK_COUNTRY : AK_PERSON;
            m->name = l->name;
            S_copy(m->key, sizeof m->key, l->key);
            S_copy(m->code, sizeof m->code, l->code);
            m->gender = l->gender;
            m->rclass = l->rclass;
            m->why = S_cat(d, "name learned in this document (", S_str(l->name), ")", (char *)NULL);
        }
        m->how = l->corrected ? AH_CORRECTED : AH_LEARNED;
        if (l->corrected)
            m->why = S_cat(d, "misspelling of ", S_str(m->name), " corrected", (char *)NULL);
        return 1;
    }
    if (nm->itype == I_UNKNOWN) {
        /* a title before a name no list knows ("Interior Minister Vicente
         * Romero"): an official of the country of the report */
        if (ph->r && !ph->mkey) return S_titled_unknown(d, ph);
        /* unknown name: if a role and modifier precede, the mention is theirs */
        if (!ph->r) return 1;
        ph->p1 = its[ph->role].p1;
        ph->name = -1;
    } else {
        /* a bare phrase hit */
        const S_item *it = nm;
        const S_hit *best = NULL;
        for (int h = it->hit; h >= 0; h = HIT(kb, h)->next) {
            const S_hit *hh = HIT(kb, h);
            if (hh->type == H_ROLE) continue;
            best = hh;
            break;
        }
        if (!best) return 1;
        sr_mention *m = S_emit(d, it->p0, it->p1);
        if (!m) return SITREP_ENOMEM;
        const S_ent *e = ENT(kb, best->idx);
        m->kind = e->is_org ? AK_ORG : AK_COUNTRY;
        m->name = e->name;
        S_copy(m->key, sizeof m->key, e->key);
        m->how = AH_EXACT;
        if (SUB(d, it->p1 - 1)->poss) m->how |= AH_POSS;
        if (best->type == H_METONYM && it->p0 > s0 &&
            ((SUB(d, it->p0 - 1)->id == VW_IN) || (SUB(d, it->p0 - 1)->id == VW_AT) ||
             (SUB(d, it->p0 - 1)->id == VW_NEAR))) {
            /* "talks in Moscow": a capital after in/at is a place, not the government */
            d->out.len--;
            return 1;
        }
        /* "Russian and Belarusian troops": the role is shared */
        int shared_role = -1;
        for (int q = ph->name; best->type == H_ADJ && q + 2 < n && shared_role < 0; q++) {
            /* "Latvian, Lithuanian and Estonian officials" */
            int sepid = SUB(d, its[q].p1)->id;
            if (its[q + 1].p0 != its[q].p1 + 1 || ((sepid != VW_AND) && (sepid != VW_P_COMMA)) ||
                !S_is_mod(&its[q + 1]))
                break;
            if (its[q + 2].p0 == its[q + 1].p1) shared_role = S_role_of(&its[q + 2]);
        }
        if (shared_role >= 0) {
            const S_role *sr = ROLE(kb, shared_role);
            m->kind = AK_GROUP;
            m->how = AH_COMPOSED;
            m->plural = sr->plural;
            S_code(kb, e->key, sr->code, m->code, sizeof m->code);
            m->why = S_cat(d, S_str(e->name), " + shared role '", S_str(sr->phrase), "' (", S_str(sr->code), ")",
                           (char *)NULL);
            return 1;
        }
        const S_role *hr = best->type == H_METONYM && it->role >= 0 ? ROLE(kb, it->role) : NULL;
        if (hr && hr == d->hrole && strcmp(d->hkey, e->key)) {
            /* "Peru's Congress voted ... Congress then": a seat of power
             * that is also a role noun some countries name their own body
             * by is that body of the country whose it was last named */
            int ci;
            const char *cname = dict_get(&kb->country_by_key, d->hkey, strlen(d->hkey), &ci) ? ENT(kb, ci)->name : d->hkey;
            m->kind = AK_GROUP;
            m->name = cname;
            S_copy(m->key, sizeof m->key, d->hkey);
            S_code(kb, d->hkey, hr->code, m->code, sizeof m->code);
            m->how = AH_COREF;
            m->why = S_cat(d, "role '", S_str(hr->phrase), "' (", S_str(hr->code), ") of ", S_str(cname),
                           ", whose ", S_str(hr->phrase), " was named last", (char *)NULL);
        } else if (best->type == H_METONYM) {
            m->how |= AH_METONYM;
            S_code(kb, e->key, best->rolecode, m->code, sizeof m->code);
            m->why = S_cat(d, !strcmp(best->rolecode, "BUS") ? "a firm" : "seat of power", " of ", S_str(e->name),
                           (char *)NULL);
        } else {
            S_copy(m->code, sizeof m->code, e->code);
            if (best->type == H_ADJ) {
                m->how |= AH_ADJ;
                /* a plural demonym ("Ukrainians") is the people */
                const char *w = SUB(d, it->p1 - 1)->norm;
                size_t wl = (size_t)SUB(d, it->p1 - 1)->len;
                if (wl > 3 && w[wl - 1] == 's') {
                    m->plural = 1;
                    S_code(kb, e->key, "CVL", m->code, sizeof m->code);
                    m->how &= ~(unsigned)AH_ADJ;
                }
            }
            m->why = best->type == H_ADJ ? e->why_adj : e->why;
        }
        return 1;
    }
    return 0;
}

/* A modifier and a role: the holder of that office on the document's date
 * ("the Russian president"), else the group ("Russian troops"). */
static int S_role_with_modifier(S_doc *d, const S_phrase *ph, int single)
{
    const actors_kb *kb = d->kb;
    if (single && !ph->mrcode && !ph->mis_org) {
        int person = S_person_by_role(kb, ph->mkey, ph->r, d->day);
        if (person >= 0) {
            sr_mention *m = S_emit(d, ph->p0, ph->p1);
            if (!m) return SITREP_ENOMEM;
            S_fill_person(d, m, person);
            m->how = AH_COMPOSED | AH_COREF;
            m->why = S_cat(d, S_str(m->name), ": the ", S_str(ph->r->phrase), " of ", S_str(ph->mname),
                           " on the document date", (char *)NULL);
            return 0;
        }
    }
    sr_mention *m = S_emit(d, ph->p0, ph->p1);
    if (!m) return SITREP_ENOMEM;
    m->kind = AK_GROUP;
    m->name = ph->mname;
    S_copy(m->key, sizeof m->key, ph->mkey);
    S_code(kb, ph->mkey, ph->r->code, m->code, sizeof m->code);
    m->how = AH_COMPOSED;
    if (ph->r->home_keys && S_has_key(ph->r->home_keys, ph->mkey)) {
        d->hrole = ph->r;
        S_copy(d->hkey, sizeof d->hkey, ph->mkey);
    }
    m->plural = ph->r->plural;
    m->gender = ph->r->gender;
    m->why = S_cat(d, ph->mname, " + role '", ph->r->phrase, "' (", ph->r->code, ")", (char *)NULL);
    return 0;
    return 0;
}


/* Is m a political party (parties.tsv: keyed by its country, code KEY +
 * PTY)?  A party names its country as the country named last. */
static int S_is_party(const sr_mention *m)
{
    return m->kind == AK_ORG && m->key[0] && m->key[1] && m->key[2] && !m->key[3] &&
           !memcmp(m->code, m->key, 3) && !strcmp(m->code + 3, "PTY");
}

/* "police", "protesters", "the military" with no country of their own:
 * of the country named last, in this sentence or the three before (an
 * unrest report names its country once), else of the country the report
 * is about (S_main_country). */
static int S_domestic_body(S_doc *d, const S_phrase *ph)
{
    const actors_kb *kb = d->kb;
    S_item *its = ph->its;
    int n = ph->n, s0 = ph->s0, s1 = ph->s1;
    /* "police", "protesters", "the military" with no country of
     * their own: of the country named last, in this sentence or
     * the three before (an unrest report names its country once) */
    int after = ph->p1 < s1 ? ph->p1 : -1;
    int nxid = after >= 0 ? SUB(d, after)->id : VOCAB_UNKNOWN;
    int nx2id = after >= 0 && after + 1 < s1 ? SUB(d, after + 1)->id : VOCAB_UNKNOWN;
    /* "the army of Sudan"; "protesters in Kenya" (S_group_in) */
    if ((nxid == VW_OF) || S_hyphen_part(d, ph->p0) || S_hyphen_part(d, ph->p1 - 1)) return 0;
    int in = (nxid == VW_IN) || (nxid == VW_FROM) ? 1 : (nx2id == VW_IN) || (nx2id == VW_FROM) ? 2 : 0;
    if (in) {
        int named = -1;
        for (int q = ph->k; q < n && named < 0 && q <= ph->k + 1; q++)
            if (S_is_mod(&its[q]) && its[q].p0 <= ph->p1 + in + 3) named = q;
        /* "protesters in Nairobi": a seat of power names the country of
         * the people there (S_group_in takes "protesters in Kenya") */
        const S_item *cap = named >= 0 ? &its[named] : NULL;
        if (cap && ph->r->plural && (cap->types & 1u << H_METONYM) &&
            !(cap->types & (1u << H_COUNTRY | 1u << H_ADJ | 1u << H_ORG)) && cap->p0 == ph->p1 + in) {
            const char *ck, *cn, *crc;
            int corg;
            S_mod_key(d, cap, &ck, &cn, &crc, &corg);
            if (!ck || corg) return 0;
            sr_mention *m = S_emit(d, ph->p0, ph->p1);
            if (!m) return SITREP_ENOMEM;
            m->kind = AK_GROUP;
            m->name = cn;
            S_copy(m->key, sizeof m->key, ck);
            S_code(kb, ck, ph->r->code, m->code, sizeof m->code);
            m->how = AH_COMPOSED;
            m->plural = 1;
            m->why = S_cat(d, "role '", S_str(ph->r->phrase), "' (", S_str(ph->r->code), ") in ", S_str(cn),
                           (char *)NULL);
            return 0;
        }
        if (named >= 0) return 0;
    }
    const S_sub *pv = ph->p0 > s0 ? SUB(d, ph->p0 - 1) : NULL;
    /* "Republican lawmakers", "Houthi protesters": someone's own */
    if (pv && (pv->flags & TOK_CAP) && !S_is_function_word(pv)) return 0;
    /* "the military has", "the army said": a body needs "the" (not
     * police) and a verb after it, not a noun ("military drills",
     * "court ruling") */
    int the = pv && (pv->id == VW_THE);
    /* "the powerful military": one modifier between "the" and the body */
    int from = ph->p0 - 1;
    if (!the && pv && ph->p0 - 2 >= s0 && (pv->flags & TOK_WORD) && !(pv->flags & TOK_CAP) &&
        !S_is_function_word(pv) && SUB(d, ph->p0 - 2)->id == VW_THE) {
        the = 1;
        from = ph->p0 - 2;
    }
    if (!ph->r->plural && ((!the && strcasecmp(ph->r->phrase, "police") && strcasecmp(ph->r->phrase, "riot police")) ||
                       (after >= 0 && !S_verb_next(SUB(d, after)))))
        return 0;
    const sr_mention *ref = NULL;
    int tok = SUB(d, ph->p0)->tok, sent = SUB(d, ph->p0)->sent;
    for (size_t i = d->out.len; !ref && i-- > 0;) {
        const sr_mention *o = &VEC_AT(&d->out, sr_mention, i);
        if (o->sent < sent - 3) break;   /* and so are those before it */
        if (o->t0 >= tok) continue;
        int ci;
        if ((o->kind == AK_COUNTRY || o->kind == AK_GROUP || S_is_party(o)) && !(o->how & (AH_METONYM | AH_PRONOUN)) &&
            dict_get(&kb->country_by_key, o->key, strlen(o->key), &ci))
            ref = o;   /* "Kenya", "Kenya's parliament", "the PML-N" */
    }
    if (!ref) ref = S_main_country(d, tok);   /* the country the report is about */
    if (!ref) return 0;
    char key[sizeof ref->key];
    memcpy(key, ref->key, sizeof key);   /* S_emit may move d->out */
    sr_mention *m = S_emit(d, the ? from : ph->p0, ph->p1);
    if (!m) return SITREP_ENOMEM;
    m->kind = AK_GROUP;
    memcpy(m->key, key, sizeof m->key);
    m->name = S_country_name(kb, key);
    S_code(kb, key, ph->r->code, m->code, sizeof m->code);
    m->how = AH_COREF;
    m->plural = ph->r->plural;
    m->why = S_cat(d, "'", S_str(ph->r->phrase), "' with no country: of ", S_str(m->name),
                   ", the country named last", (char *)NULL);
    return 0;
    return 0;
}

/* A role alone: "the vice president" is the most recent person in that
 * role; an unnamed official is of the government last named. */
static int S_role_alone(S_doc *d, const S_phrase *ph)
{
    const actors_kb *kb = d->kb;
    /* "the vice president": the most recent person in that role */
    const sr_mention *found = S_recent_person(d, SUB(d, ph->p0)->tok, ph->r->rclass, '-', -1);
    if (found) {
        sr_mention ref = *found; /* S_emit may move d->out */
        sr_mention *m = S_emit(d, ph->p0, ph->p1);
        if (!m) return SITREP_ENOMEM;
        m->kind = AK_PERSON;
        m->name = ref.name;
        memcpy(m->key, ref.key, sizeof m->key);
        memcpy(m->code, ref.code, sizeof m->code);
        m->gender = ref.gender;
        m->rclass = ref.rclass;
        m->how = AH_COREF;
        m->why = S_cat(d, "'", S_str(ph->r->phrase), "' refers to ", S_str(ref.name), ", the most recent ",
                       S_str(ph->r->rclass), (char *)NULL);
    } else if (!strcmp(ph->r->rclass, "official") || !strcmp(ph->r->rclass, "spokes")) {
        /* an unnamed official ("the official said", "a spokesperson
         * said"): of the government first named (the subject, most
         * often) in this sentence or, failing that, in the one or
         * two before ("Biden administration officials said ... Putin
         * ...  The official said: ..." is Biden's) */
        const sr_mention *gov = NULL;
        int tok = SUB(d, ph->p0)->tok, sent = SUB(d, ph->p0)->sent;
        for (int s = sent; !gov && s >= sent - 2; s--) {
            size_t i0, i1;
            S_sent_only(d, s, &i0, &i1);
            for (size_t i = i0; !gov && i < i1; i++) {
                const sr_mention *o = &VEC_AT(&d->out, sr_mention, i);
                if (o->t0 >= tok || o->kind == AK_ORG) continue;
                size_t kl = strlen(o->key);
                if (!strncmp(o->code, o->key, kl) &&
                    (!strcmp(o->code + kl, "GOV") || !strcmp(o->code + kl, "ELI")))
                    gov = o;
            }
        }
        if (gov) {
            sr_mention ref = *gov;   /* S_emit may move d->out */
            sr_mention *m = S_emit(d, ph->p0, ph->p1);
            if (!m) return SITREP_ENOMEM;
            m->kind = AK_GROUP;
            m->name = S_country_name(kb, ref.key);
            memcpy(m->key, ref.key, sizeof m->key);
            S_code(kb, ref.key, ph->r->code, m->code, sizeof m->code);
            m->how = AH_COREF;
            m->why = S_cat(d, "an unnamed ", S_str(ph->r->phrase), " of ", m->name ? m->name : m->key,
                           ", the government last named", (char *)NULL);
        }
    }
    return 0;
}

static sr_mention *S_emit_ref(S_doc *d, int p0, int p1, const sr_mention *ref);

/* "The embassy said": an institution named alone after "the" is the one
 * of that name named last, in this sentence or the five before ("a blast
 * near the Russian embassy in Kabul ... The embassy said"). */
static int S_institution_again(S_doc *d, const S_phrase *ph)
{
    const S_sub *w = SUB(d, ph->p1 - 1);
    if (ph->p0 == 0 || SUB(d, ph->p0 - 1)->id != VW_THE || SUB(d, ph->p0 - 1)->sent != w->sent) return 0;
    const sr_mention *found = NULL;
    for (size_t i = d->out.len; i-- > 0 && !found;) {
        const sr_mention *o = &VEC_AT(&d->out, sr_mention, i);
        if (o->sent < w->sent - 5) break;
        if (o->t0 >= w->tok || !o->key[0] || o->t1 - o->t0 < 2) continue;
        if (!strcmp(d->seg->toks[o->t1 - 1].norm, w->norm)) found = o;
    }
    if (!found) return 0;
    sr_mention *m = S_emit_ref(d, ph->p0, ph->p1, found);
    if (!m) return SITREP_ENOMEM;
    m->how = AH_COREF;
    m->why = S_cat(d, "'the ", w->norm, "' refers to the ", w->norm, " of ", m->name ? m->name : m->key,
                   " named before", (char *)NULL);
    return 0;
}

/* The mention a role gives: with its modifier ("Russian troops", the
 * holder of "the Russian president"), a domestic body of the country
 * named last, the last person in that role, or an unnamed official's
 * government. */
static int S_emit_role(S_doc *d, const S_phrase *ph)
{
    /* one holder of an office, or a group or an institution */
    int single = !ph->r->collective && !ph->r->plural;
    if (ph->mkey) return S_role_with_modifier(d, ph, single);
    if (ph->r->home_keys && ph->role == ph->k0 && ph->k == ph->k0 + 1) {
        /* "the congress" alone (in lower case: capitalised, "Congress" is
         * a seat of power, S_phrase_parts): of the country named last, or
         * where it sits ("the congress in Lima"), when it is one whose
         * body it is (roles.tsv "home KEY ...") */
        const sr_mention *lc = S_last_country(d, SUB(d, ph->p0)->tok, SUB(d, ph->p0)->sent);
        const char *lkey = lc ? lc->key : NULL, *lname = lc ? lc->name : NULL;
        if (ph->k < ph->n && ph->p1 < ph->s1 && SUB(d, ph->p1)->id == VW_IN && ph->its[ph->k].p0 == ph->p1 + 1 &&
            S_is_mod(&ph->its[ph->k])) {
            /* "the National Congress in Brasilia": the country of its seat */
            const char *rc;
            int org;
            S_mod_key(d, &ph->its[ph->k], &lkey, &lname, &rc, &org);
            if (org) lkey = NULL;
        }
        if (!lkey || !S_has_key(ph->r->home_keys, lkey)) return 0;
        sr_mention *m = S_emit(d, ph->p0, ph->p1);
        if (!m) return SITREP_ENOMEM;
        m->kind = AK_GROUP;
        m->name = lname;
        S_copy(m->key, sizeof m->key, lkey);
        S_code(d->kb, lkey, ph->r->code, m->code, sizeof m->code);
        m->how = AH_COREF;
        m->why = S_cat(d, "role '", S_str(ph->r->phrase), "' (", S_str(ph->r->code), ") with no country: of ",
                       S_str(lname), lc && lkey == lc->key ? ", the country named last" : ", where it sits",
                       (char *)NULL);
        return 0;
    }
    if (!single && ph->role == ph->k0 && ph->k == ph->k0 + 1 && ph->r->home)
        return S_domestic_body(d, ph);
    if (single && ph->role == ph->k0) return S_role_alone(d, ph);
    if (ph->r->collective && !ph->r->plural && ph->role == ph->k0 && ph->k == ph->k0 + 1)
        return S_institution_again(d, ph);
    return 0;
}

/* What the passes of actors_find need of a sentence's items its[0..n):
 * S_NEED_NAMES when one is a name no phrase gives (I_UNKNOWN, I_LOCAL),
 * which a name learned later in the document may read otherwise: the
 * second pass collects that sentence's items again, and reuses the
 * first pass's for the others (S_items reads nothing else that learning
 * changes); S_NEED_LEARN when the first pass may learn a name from them
 * (such a name, or a known person's full name: S_learn_name,
 * S_learn_apposition).  Most sentences need neither. */
enum { S_NEED_NAMES = 1, S_NEED_LEARN = 2 };

static int S_items_need(const S_item *its, int n)
{
    int need = 0;
    for (int k = 0; k < n; k++) {
        if (its[k].itype != I_HIT) return S_NEED_NAMES | S_NEED_LEARN;
        if (its[k].p1 - its[k].p0 >= 2 && S_person_of(&its[k]) >= 0) need = S_NEED_LEARN;
    }
    return need;
}

/* Composes the mentions of the items its[0..n) of the sentence [s0, s1)
 * (S_items), or with learn only learns the names they teach. */
static int S_compose_sentence(S_doc *d, int s0, int s1, S_item *its, int n, int learn)
{
    int rc;
    for (int k = 0; k < n;) {
        S_phrase ph = {its, n, s0, s1, k, k, -1, -1, -1, NULL, NULL, NULL, 0, NULL, 0, 0};
        int joined = S_phrase_parts(d, &ph);
        k = ph.k;
        if (joined) continue;
        if (learn && (rc = S_learn_apposition(d, &ph))) return rc;
        S_phrase_keys(d, &ph);
        if (ph.name >= 0) {
            if (learn) {
                if ((rc = S_learn_name(d, &ph))) return rc;
                continue;
            }
            if ((rc = S_emit_name(d, &ph)) < 0) return rc;
            if (rc) continue;
        }
        if (learn || !ph.r) continue;
        if ((rc = S_emit_role(d, &ph))) return rc;
    }
    return 0;
}

/* The speaker of a sentence holding a quotation: the actor next to its
 * reporting verb ("Stoltenberg said", "said Ms. Psaki", "Biden responded:"). */
static const sr_mention *S_speaker(const S_doc *d, int s0, int s1, int tok)
{
    const sr_mention *best = NULL;
    int bestd = 1 << 30;
    for (int p = s0; p < s1; p++) {
        const S_sub *sb = SUB(d, p);
        if (!(sb->cls & VC_A_SAY)) continue;
        size_t i0, i1;
        S_sent_only(d, sb->sent, &i0, &i1);
        for (size_t i = i0; i < i1; i++) {
            const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
            if (m->kind == AK_COUNTRY) continue;
            /* right before the verb, or right after it */
            int gap = m->t1 <= sb->tok ? sb->tok - m->t1 : m->t0 - sb->tok - 1;
            if (gap < 0 || gap > 1) continue;
            int dist = sb->tok > tok ? sb->tok - tok : tok - sb->tok;
            if (dist < bestd) { bestd = dist; best = m; }
        }
    }
    return best;
}

/* Does mention m end in a plural common noun ("Somali authorities",
 * "Iranian officials", "the two leaders")?  Names ("the Philippines") are
 * capitalised and do not count. */
static int S_plural_role(const S_doc *d, const sr_mention *m)
{
    if (m->t1 <= 0 || m->kind == AK_PERSON) return 0;
    const sr_token *tk = &d->seg->toks[m->t1 - 1];
    size_t n = (size_t)tk->len;
    if (!(tk->flags & TOK_WORD) || (tk->flags & TOK_CAP) || n < 4 || tk->norm[n - 1] != 's') return 0;
    char c = tk->norm[n - 2];
    return c != 's' && c != 'u' && c != 'i';
}

/* The first two actors of distinct keys joined by "and" in sentence sent,
 * before token tok ("Russia and Ukraine"): fills two[], returns 2, or 0. */
static int S_and_pair(const S_doc *d, int sent, int tok, const sr_mention *two[2])
{
    size_t i0, i1;
    S_sent_only(d, sent, &i0, &i1);
    for (size_t i = i0; i + 1 < i1; i++) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i), *n = m + 1;
        if (n->t0 >= tok || (m->how & (AH_PRONOUN | AH_POSS)) ||
            (n->how & (AH_PRONOUN | AH_POSS)) || m->kind == AK_PERSON || n->kind == AK_PERSON)
            continue;
        if (n->t0 == m->t1 + 1 && d->seg->toks[m->t1].id == VW_AND && strcmp(m->key, n->key)) {
            two[0] = m;
            two[1] = n;
            return 2;
        }
    }
    return 0;
}

/* Counts mention out[i] into st if it names a state. */
static void S_count_state(const S_doc *d, S_states *st, size_t i)
{
    const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
    int ci;
    if ((m->how & (AH_PRONOUN | AH_METONYM)) || m->kind == AK_ORG || !m->key[0] || !m->key[1] ||
        !m->key[2] || m->key[3] || !dict_get(&d->kb->country_by_key, m->key, 3, &ci))
        return;
    int k = 0;   /* both keys are 3 letters and a NUL */
    while (k < st->nk && memcmp(VEC_AT(&d->out, sr_mention, (size_t)st->first[k]).key, m->key, 4)) k++;
    if (k == st->nk) {
        if (st->nk == S_MAXSTATES) return;
        st->first[st->nk] = (int)i;
        st->count[st->nk++] = 0;
    }
    st->count[k]++;
}

/* The states a document has named before token tok of sentence d->cur,
 * each key once with its first mention and how often it was named, in
 * the order first named (at most S_MAXSTATES).  The sentences before are
 * counted once, into d->states, as they are first asked for: a long
 * document is not read again at every question. */
static S_states S_states_so_far(S_doc *d, int tok)
{
    S_states *done = &d->states;
    for (; done->upto < d->ment0[d->cur]; done->upto++) S_count_state(d, done, (size_t)done->upto);
    S_states st = *done;
    for (size_t i = (size_t)d->ment0[d->cur]; i < d->out.len; i++)
        if (VEC_AT(&d->out, sr_mention, i).t0 < tok) S_count_state(d, &st, i);
    return st;
}

/* The indexes of the largest and the second largest of count[0..n) (the
 * first one on ties), or -1. */
static void S_top_two(const int *count, int n, int *b1, int *b2)
{
    *b1 = *b2 = -1;
    for (int k = 0; k < n; k++) {
        if (*b1 < 0 || count[k] > count[*b1]) { *b2 = *b1; *b1 = k; }
        else if (*b2 < 0 || count[k] > count[*b2]) *b2 = k;
    }
}

/* The two countries a document is about so far: the two states named most
 * often before token tok of the sentence being read, when both are named at least
 * twice and no third as often as the second.  Fills two[] with their first
 * mentions, in the order first named; returns 2, or 0. */
static int S_two_main_sides(S_doc *d, int tok, const sr_mention *two[2])
{
    S_states st = S_states_so_far(d, tok);
    const int *count = st.count;
    int nk = st.nk, b1, b2;
    S_top_two(count, nk, &b1, &b2);
    if (b2 < 0 || count[b2] < 2) return 0;
    for (int k = 0; k < nk; k++)
        if (k != b1 && k != b2 && count[k] >= count[b2]) return 0;
    two[0] = &VEC_AT(&d->out, sr_mention, (size_t)st.first[b1 < b2 ? b1 : b2]);
    two[1] = &VEC_AT(&d->out, sr_mention, (size_t)st.first[b1 < b2 ? b2 : b1]);
    return 2;
}

/* The country a document is about so far: the state named most often
 * before token tok of the sentence being read, at least twice and more often than
 * any other; NULL if none stands out. */
static const sr_mention *S_main_country(S_doc *d, int tok)
{
    S_states st = S_states_so_far(d, tok);
    const int *count = st.count;
    int nk = st.nk, b1, b2;
    S_top_two(count, nk, &b1, &b2);
    if (b1 < 0 || count[b1] < 2 || (b2 >= 0 && count[b2] >= count[b1])) return NULL;
    return &VEC_AT(&d->out, sr_mention, (size_t)st.first[b1]);
}

/* The last country named (no seat of power, no pronoun; a party names its
 * country) before token tok,
 * in sentence sent or the three before it, else the document's main
 * country (S_main_country); NULL if none. */
static const sr_mention *S_last_country(S_doc *d, int tok, int sent)
{
    for (size_t i = d->out.len; i-- > 0;) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->sent < sent - 3) break;   /* and so are those before it */
        if (m->t0 >= tok) continue;
        if (m->how & (AH_METONYM | AH_PRONOUN) || strlen(m->key) != 3) continue;
        if (m->kind == AK_COUNTRY || S_is_party(m)) return m;
    }
    /* none that near: the country the report is about */
    return S_main_country(d, tok);
}

/* Emits sub-tokens [p0, p1) as a pronoun mention standing for *ref (copied
 * first: emitting may move the mention list ref points into).  Returns the
 * new mention or NULL when out of memory. */
static sr_mention *S_emit_ref(S_doc *d, int p0, int p1, const sr_mention *ref)
{
    sr_mention copy = *ref;
    sr_mention *m = S_emit(d, p0, p1);
    if (!m) return NULL;
    int t0 = m->t0, t1 = m->t1, st = m->start, en = m->end, se = m->sent;
    *m = copy;
    m->t0 = t0;
    m->t1 = t1;
    m->start = st;
    m->end = en;
    m->sent = se;
    m->how = AH_PRONOUN;
    return m;
}

const char *actors_members(const actors_kb *kb, const char *key)
{
    int ei;
    if (!S_org_key(kb, key, &ei)) return NULL;
    return ENT(kb, ei)->members;
}

const char *actors_country_name(const actors_kb *kb, const char *key) { return S_country_name(kb, key); }

static const char *S_country_name(const actors_kb *kb, const char *key)
{
    int ei;
    if (dict_get(&kb->country_by_key, key, strlen(key), &ei)) return ENT(kb, ei)->name;
    return key;
}

/* 1 when a mention found so far covers document token tok, of the
 * sentence being read (a mention lies in one sentence). */
static int S_inside(const S_doc *d, int tok)
{
    size_t i0, i1;
    S_sent_only(d, d->cur, &i0, &i1);
    for (size_t i = i0; i < i1; i++) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->t0 <= tok && tok < m->t1) return 1;
    }
    return 0;
}

/* A group role with no country before it takes the country after it:
 * "separatists in eastern Ukraine", "rebels from Yemen", "the separatist
 * republics in Donetsk and Ukraine" (one noun between role and "in").  The
 * role's words become the mention; the country stays its own mention. */
static int S_group_in(S_doc *d, int p, int s1)
{
    const S_sub *sb = SUB(d, p);
    /* cheap test first (this runs on every token): "in"/"from" follows */
    int near = 0;
    for (int q = p + 1; q < s1 && q <= p + 2; q++)
        if ((SUB(d, q)->id == VW_IN) || (SUB(d, q)->id == VW_FROM)) near = 1;
    int ri;
    if (!near || !(sb->cls & VC_A_ROLE1) ||
        !dict_get(&d->kb->role_by_phrase, sb->norm, (size_t)sb->len, &ri))
        return 0;
    const S_role *r = ROLE(d->kb, ri);
    if (strcmp(r->rclass, "group") || S_inside(d, sb->tok)) return 0;
    int q = p + 1;
    if (q < s1 && (SUB(d, q)->id != VW_IN) && (SUB(d, q)->id != VW_FROM) && !S_inside(d, SUB(d, q)->tok))
        q++;   /* "separatist republics in" */
    if (q >= s1 || ((SUB(d, q)->id != VW_IN) && (SUB(d, q)->id != VW_FROM))) return 0;
    q++;
    for (int k = 0; k < 2 && q < s1; k++) {
        if (!(SUB(d, q)->cls & VC_A_DIR)) break;
        q++;
    }
    if (q >= s1) return 0;
    const sr_mention *c = NULL;
    size_t i0, i1;
    S_sent_only(d, d->cur, &i0, &i1);
    for (size_t i = i0; i < i1; i++) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->t0 == SUB(d, q)->tok && m->kind == AK_COUNTRY && !(m->how & (AH_ADJ | AH_PRONOUN))) c = m;
    }
    if (!c) return 0;
    sr_mention ref = *c;   /* S_emit may move d->out */
    sr_mention *m = S_emit(d, p, p + 1);
    if (!m) return SITREP_ENOMEM;
    m->kind = AK_GROUP;
    m->name = ref.name;
    memcpy(m->key, ref.key, sizeof m->key);
    S_code(d->kb, ref.key, r->code, m->code, sizeof m->code);
    m->how = AH_COMPOSED;
    m->plural = 1;
    m->why = S_cat(d, "role '", S_str(r->phrase), "' (", S_str(r->code), ") in ", ref.name ? ref.name : ref.key,
                   (char *)NULL);
    return 1;
}

/* Is m a non-state group keyed by its country (groups.tsv: Hamas, PSE)
 * rather than an international organisation? */
static int S_is_armed_group(const actors_kb *kb, const sr_mention *m)
{
    int ei;
    return dict_get(&kb->country_by_key, m->key, strlen(m->key), &ei);
}

/* The "the" of "the [word [word]] NOUN" ending at sub-token p, or -1.  Up
 * to maxgap words in no mention may come between ("the war-ravaged
 * country"); numbers too with nums ("the 27-nation bloc"), capitalised
 * words with caps ("the Nordic country"); never "other", "same", "two",
 * "both" (other actors). */
static int S_the_noun(const S_doc *d, int s0, int p, int maxgap, int nums, int caps)
{
    for (int a = p - 1; a >= s0 && p - 1 - a <= maxgap; a--) {
        const S_sub *sb = SUB(d, a);
        if ((sb->id == VW_THE)) return a;
        if (!((sb->flags & TOK_WORD) || (nums && (sb->flags & TOK_NUM))) || S_inside(d, sb->tok)) return -1;
        if (!caps && (sb->flags & TOK_CAP) && !(sb->flags & TOK_SENTSTART)) return -1;  /* "the Amal militia": a name */
        if (sb->cls & VC_A_NOTTHE) return -1;
    }
    return -1;
}

/* A number word from three to twelve ("four", "6"), or 0. */
static int S_number_word(const S_sub *sb)
{
    const char *w = sb->norm;
    int v = VV_NUM(vocab_value(sb->id));
    if ((sb->cls & VC_COUNT) && !(vocab_value(sb->id) & VV_ARTICLE) && v >= 3 && v <= 12) return v;
    if (isdigit((unsigned char)w[0]) && (!w[1] || (isdigit((unsigned char)w[1]) && !w[2]))) {
        int v = atoi(w);
        return v >= 3 && v <= 12 ? v : 0;
    }
    return 0;
}

/* The last list of exactly n mentions of distinct countries before token
 * tok, in sentence sent or the three before: mentions joined only by
 * commas, "and" and "the" ("Saudi Arabia, the UAE, Bahrain and Egypt";
 * people count by their key).  Writes their indices in d->out to list and
 * returns how many (n), or 0. */
static int S_last_list(const S_doc *d, int tok, int sent, int n, int *list)
{
    for (int s = sent; s >= sent - 3 && s >= 0; s--) {
        int best = 0, run[12], nrun = 0, last = -1;
        for (size_t i = 0; i <= d->out.len; i++) {
            const sr_mention *m = i < d->out.len ? &VEC_AT(&d->out, sr_mention, i) : NULL;
            int ci, ok = m && m->sent == s && m->t0 < tok && !(m->how & AH_PRONOUN) &&
                             dict_get(&d->kb->country_by_key, m->key, strlen(m->key), &ci);
            if (ok && nrun && last >= 0) {
                /* only commas, "and", "the" between the previous item and this one */
                for (int t = VEC_AT(&d->out, sr_mention, (size_t)last).t1; ok && t < m->t0; t++) {
                    int gid = d->seg->toks[t].id;
                    if ((gid != VW_P_COMMA) && (gid != VW_AND) && (gid != VW_THE)) ok = 0;
                }
                if (!ok) {
                    if (nrun == n) { memcpy(list, run, sizeof(int) * (size_t)n); best = n; }
                    nrun = 0;
                    ok = 1;
                }
            }
            if (ok && m) {
                for (int k = 0; k < nrun && ok; k++)
                    if (!strcmp(VEC_AT(&d->out, sr_mention, (size_t)run[k]).key, m->key)) ok = 0;
                if (!ok || nrun == 12) nrun = 0;   /* a key twice: no list of distinct countries */
                if (nrun < 12) run[nrun++] = (int)i;
                last = (int)i;
                continue;
            }
            if (m && m->sent == s && m->t0 < tok) continue;   /* an org, a pronoun: ends nothing */
            if (nrun == n) { memcpy(list, run, sizeof(int) * (size_t)n); best = n; }
            nrun = 0;
            last = -1;
            if (!m || m->sent > s) break;
        }
        if (best) return best;
    }
    return 0;
}

/* "they", "the two sides": two mentions on the one phrase [p0, p1), the
 * two sides in the order they were named (the coder pairs them).  Returns
 * 0 or SITREP_ENOMEM. */
static int S_emit_sides(S_doc *d, int p0, int p1, const sr_mention *const two[2], const char *w)
{
    const sr_mention copy[2] = {*two[0], *two[1]};  /* emitting may move them */
    for (int k = 0; k < 2; k++) {
        sr_mention *m = S_emit_ref(d, p0, p1, &copy[k]);
        if (!m) return SITREP_ENOMEM;
        m->plural = 1;
        m->pair = k + 1;
        m->why = S_cat(d, "'", S_str(w), "' refers to ", copy[0].name ? copy[0].name : copy[0].key, " and ",
                       copy[1].name ? copy[1].name : copy[1].key, (char *)NULL);
    }
    return 0;
}

/* The steps of S_pronouns, one per case, tried in this order on sub-token
 * p of the sentence [s0, s1).  Each returns 1 when p was its case (a
 * mention emitted or the token deliberately left alone: go to the next
 * token), 0 when not (try the next step), or SITREP_ENOMEM. */

/* "I", "we", "our", "us", "my": first person in a quotation is the speaker
 * of the sentence; "US" already found as the country is not "us". */
static int S_ref_speaker(S_doc *d, int s0, int s1, int p)
{
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    if (!((wid == VW_I) || (wid == VW_WE) || (wid == VW_OUR) || (wid == VW_US) || (wid == VW_MY))) return 0;
    if (S_inside(d, sb->tok)) return 1;
    const sr_mention *spk = S_speaker(d, s0, s1, sb->tok);
    if (spk) {
        sr_mention *m = S_emit_ref(d, p, p + 1, spk);
        if (!m) return SITREP_ENOMEM;
        m->why = S_cat(d, "'", sb->norm, "' is the speaker, ", m->name ? m->name : m->key, (char *)NULL);
    }
    return 1;
}

/* "it" as a subject for a state or organisation ("Germany has changed
 * course.  It will send ..."); "it is possible", "it said" of a text, and
 * "it" of things are left alone.  Any "it" or "its" not last in its
 * sentence is this step's case, resolved or not. */
static int S_ref_it(S_doc *d, int s0, int s1, int p)
{
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    if (!(((wid == VW_IT) || (wid == VW_ITS)) && p + 1 < s1)) return 0;
    int nxid = SUB(d, p + 1)->id;
    /* only at the start of a sentence: inside one, "it" too often
     * means the thing just named ("if it blockades the strait, it will") */
    int subj = (sb->flags & TOK_SENTSTART) && (wid == VW_IT) &&
               ((nxid == VW_WILL) || (nxid == VW_WOULD) || (nxid == VW_HAS) || (nxid == VW_HAD) ||
                (nxid == VW_PLANS) || (nxid == VW_INTENDS) || (nxid == VW_WANTS) ||
                (nxid == VW_ALSO) || (nxid == VW_NOW) || (nxid == VW_THEN) ||
                S_past_ed(SUB(d, p + 1)));
    /* a condition's subject: "warned Iran of the consequences if it
     * attacked Israel", "will sanction Russia if it invades" -- the
     * nearest state before it */
    int cond = (wid == VW_IT) && p > s0 && ((SUB(d, p - 1)->id == VW_IF) || (SUB(d, p - 1)->id == VW_UNLESS));
    /* the nearest state before it in its sentence ("Russia's
     * announcement that it would"), else the previous sentence's
     * first one, its subject most often */
    const sr_mention *ref = NULL;
    size_t i0, i1;
    S_sent_only(d, sb->sent, &i0, &i1);
    for (size_t i = i1; (subj || cond) && !ref && i-- > i0;) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->t0 >= sb->tok) continue;
        if ((m->kind == AK_COUNTRY || m->kind == AK_ORG) && !(m->how & (AH_ADJ | AH_PRONOUN))) ref = m;
    }
    S_sent_only(d, sb->sent - 1, &i0, &i1);
    if (subj && !ref && i0 < i1) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i0);
        if ((m->kind == AK_COUNTRY || m->kind == AK_ORG) && !(m->how & (AH_ADJ | AH_PRONOUN))) ref = m;
    }

    if (ref) {
        sr_mention *m = S_emit_ref(d, p, p + 1, ref);
        if (!m) return SITREP_ENOMEM;
        m->why = S_cat(d, "'it' refers to ", m->name ? m->name : m->key, (char *)NULL);
    }
    return 1;
}

/* "the four countries", "the three leaders": the last list of exactly that
 * many actors of distinct countries ("Saudi Arabia, the UAE, Bahrain and
 * Egypt"), in this sentence or the three before; one mention per member
 * on the phrase, in list order.  A number of three or more before the noun
 * outside any mention is this step's case, resolved or not. */
static int S_ref_the_n(S_doc *d, int s0, int s1, int p)
{
    (void)s1;
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    int many = 0;
    if (((wid == VW_COUNTRIES) || (wid == VW_NATIONS) || (wid == VW_STATES) || (wid == VW_LEADERS) ||
         (wid == VW_GOVERNMENTS)) && p > s0)
        many = S_number_word(SUB(d, p - 1));   /* only for these nouns: this runs on every token */
    if (!(many >= 3 && !S_inside(d, sb->tok))) return 0;
    int a = p - 1;
    if (a > s0 && (SUB(d, a - 1)->id == VW_THE)) a--;
    int list[12], nlist = S_last_list(d, SUB(d, a)->tok, sb->sent, many, list);
    if (nlist == many) {
        sr_mention copy[12];
        for (int k2 = 0; k2 < nlist; k2++) copy[k2] = VEC_AT(&d->out, sr_mention, (size_t)list[k2]);
        for (int k2 = 0; k2 < nlist; k2++) {
            sr_mention *m = S_emit_ref(d, a, p + 1, &copy[k2]);
            if (!m) return SITREP_ENOMEM;
            S_copy(m->code, sizeof m->code, m->key);
            m->kind = AK_COUNTRY;
            m->name = S_country_name(d->kb, m->key);
            m->plural = 1;
            m->pair = k2 + 1;   /* the coder brings each member's twins (S_pair_twins) */
            m->why = arena_printf(d->a, "'the %s %s' refers to the %d named before, %s among them",
                                  SUB(d, p - 1)->norm, sb->norm, many, m->name);
        }
    }
    return 1;
}

/* "the two sides", "both countries": the two sides named before it in its
 * sentence, else in the previous one; two mentions on the phrase, in the
 * order they were named (as for "they").  Inside a mention the phrase is
 * still this step's case, left alone. */
static int S_ref_two_sides(S_doc *d, int s0, int s1, int p)
{
    (void)s1;
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    /* so are "the combatants", "the belligerents" and "the warring
     * sides/parties/factions" */
    int pwid = p > s0 ? SUB(d, p - 1)->id : VOCAB_UNKNOWN;
    int warring = (((wid == VW_COMBATANTS) || (wid == VW_BELLIGERENTS)) && (pwid == VW_THE)) ||
                  (((wid == VW_SIDES) || (wid == VW_PARTIES) || (wid == VW_FACTIONS)) &&
                   (pwid == VW_WARRING));
    if (!((((wid == VW_SIDES) || (wid == VW_COUNTRIES) || (wid == VW_NATIONS) || (wid == VW_STATES) ||
            (wid == VW_GOVERNMENTS) || (wid == VW_NEIGHBOURS) || (wid == VW_NEIGHBORS) ||
            (wid == VW_LEADERS)) &&
           p > s0 && ((pwid == VW_TWO) || (pwid == VW_BOTH))) ||
          ((wid == VW_SIDES) && (pwid == VW_THE)) || warring))
        return 0;
    if (S_inside(d, sb->tok)) return 1;
    int a = p - 1;
    if (((SUB(d, a)->id == VW_TWO) || (SUB(d, a)->id == VW_WARRING)) && a > s0 &&
        (SUB(d, a - 1)->id == VW_THE))
        a--;
    const sr_mention *two[2] = {NULL, NULL};
    int ntwo = 0, more = 0;
    for (int back = 0; back < 4 && ntwo < 2; back++) {
        ntwo = more = 0;
        size_t i0, i1;
        S_sent_only(d, sb->sent - back, &i0, &i1);
        for (size_t i = i0; i < i1; i++) {
            const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
            if (m->t0 >= SUB(d, a)->tok || (m->how & (AH_PRONOUN | AH_POSS)) || m->kind == AK_PERSON)
                continue;
            if (ntwo && !strcmp(two[0]->key, m->key)) continue;
            if (ntwo == 2 && !strcmp(two[1]->key, m->key)) continue;
            if (ntwo == 2) { more = 1; break; }
            two[ntwo++] = m;
        }
        /* more than two: a pair joined by "and" ("Russia and
         * Ukraine sent delegations to Turkey") */
        if (more) ntwo = S_and_pair(d, sb->sent - back, SUB(d, a)->tok, two);
    }
    /* named further back: the document's two sides, when two
     * countries stand out among those it has named so far */
    if (ntwo < 2) ntwo = S_two_main_sides(d, SUB(d, a)->tok, two);
    if (ntwo == 2 && S_emit_sides(d, a, p + 1, two, sb->norm)) return SITREP_ENOMEM;
    return 1;
}

/* "the government", "authorities", "the regime", "the junta" with no
 * country of their own: the government of the country named last, in this
 * sentence or the three before.  Any of these nouns is this step's case,
 * resolved or not. */
static int S_ref_government(S_doc *d, int s0, int s1, int p)
{
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    if (!((wid == VW_GOVERNMENT) || (wid == VW_AUTHORITIES) || (wid == VW_REGIME) ||
          (wid == VW_JUNTA) || (wid == VW_ADMINISTRATION)))
        return 0;
    if (S_inside(d, sb->tok)) return 1;
    if (p + 1 < s1 && ((SUB(d, p + 1)->id == VW_OF) || (SUB(d, p + 1)->id == VW_IN))) return 1;
    int a = p;
    if (p > s0 && (SUB(d, p - 1)->id == VW_THE)) a = p - 1;
    else if ((wid != VW_AUTHORITIES)) return 1;
    const sr_mention *ref = S_last_country(d, SUB(d, a)->tok, sb->sent);
    if (!ref) return 1;
    const sr_mention copy = *ref;
    sr_mention *m = S_emit_ref(d, a, p + 1, &copy);
    if (!m) return SITREP_ENOMEM;
    m->kind = AK_GROUP;
    m->plural = (wid == VW_AUTHORITIES);
    m->name = S_country_name(d->kb, copy.key);
    S_code(d->kb, copy.key, "GOV", m->code, sizeof m->code);
    m->how = AH_COREF;
    m->why = S_cat(d, "'", sb->norm, "' refers to the government of ", S_str(m->name), (char *)NULL);
    return 1;
}

/* "the bloc", "the agency", "the council", "the 27-nation bloc", "the UN watchdog": the
 * international organisation named last (or its people: "EU diplomats"),
 * in this sentence or the three before; "the militia": the armed group
 * named last (groups.tsv).  Not "the group", "the alliance", "the
 * organization": too often another one ("a group of", a news
 * organisation).  Any of these nouns uncapitalised is this step's case,
 * resolved or not. */
static int S_ref_org(S_doc *d, int s0, int s1, int p)
{
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    int orgnoun = (wid == VW_BLOC) || (wid == VW_AGENCY) || (wid == VW_WATCHDOG) || (wid == VW_UNION) ||
                  (wid == VW_COUNCIL);
    int grpnoun = (wid == VW_MILITIA);
    if (!((orgnoun || grpnoun) && !(sb->flags & TOK_CAP))) return 0;
    if (S_inside(d, sb->tok) || (p + 1 < s1 && (SUB(d, p + 1)->id == VW_OF))) return 1;
    int a = S_the_noun(d, s0, p, 2, 1, 0);
    if (a < 0) return 1;
    const sr_mention *ref = NULL;
    for (size_t i = d->out.len; !ref && i-- > 0;) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->sent < sb->sent - 3) break;   /* and so are those before it */
        if (m->t0 >= SUB(d, a)->tok || (m->how & AH_PRONOUN)) continue;
        /* an organisation, or its people ("EU diplomats") */
        int ei, org = m->kind == AK_ORG || S_org_key(d->kb, m->key, &ei);
        if (org && S_is_armed_group(d->kb, m) == grpnoun) ref = m;
    }
    if (!ref) return 1;
    sr_mention *m = S_emit_ref(d, a, p + 1, ref);
    if (!m) return SITREP_ENOMEM;
    m->how = AH_COREF;
    m->why = S_cat(d, "'the ", sb->norm, "' refers to ", m->name ? m->name : m->key, (char *)NULL);
    return 1;
}

/* "the kingdom", "the Nordic country", "the Jewish state", "the
 * war-ravaged country": the country named last, in this sentence or the
 * three before ("the country" alone: S_ref_the_country).  Not "the
 * nation": too often the one helped, named after the helpers.  Not this
 * step's case (0) without such a "the", or with "the" right before
 * "country" or "state"; otherwise it is, resolved or not. */
static int S_ref_country_noun(S_doc *d, int s0, int s1, int p)
{
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    int cnoun = (wid == VW_KINGDOM) || (wid == VW_REPUBLIC) || (wid == VW_EMIRATE) ||
                (wid == VW_STATE) || (wid == VW_COUNTRY);
    if (!(cnoun && !(sb->flags & TOK_CAP) && !S_hyphen_part(d, p))) return 0;
    int a = S_the_noun(d, s0, p, 2, 0, wid != VW_STATE);  /* not "the RIA Novosti state agency" */
    int adjacent = a == p - 1;
    if (!(a >= 0 && !(adjacent && ((wid == VW_COUNTRY) || (wid == VW_STATE))))) return 0;
    if (S_inside(d, sb->tok) || (p + 1 < s1 && (SUB(d, p + 1)->id == VW_OF))) return 1;
    const sr_mention *ref = S_last_country(d, SUB(d, a)->tok, sb->sent);
    if (!ref) return 1;
    sr_mention *m = S_emit_ref(d, a, p + 1, ref);
    if (!m) return SITREP_ENOMEM;
    S_copy(m->code, sizeof m->code, m->key);
    m->kind = AK_COUNTRY;
    m->name = S_country_name(d->kb, m->key);
    m->why = S_cat(d, "'the ... ", sb->norm, "' refers to ", S_str(m->name), (char *)NULL);
    return 1;
}

/* "they": the nearest plural actor named in this sentence or the previous
 * one ("the Ukrainians", "Russian troops"); failing that, for "they" (not
 * "them"), the two sides of the previous sentence.  "they" and "them" are
 * always this step's case, resolved or not. */
static int S_ref_they(S_doc *d, int s0, int s1, int p)
{
    (void)s0;
    (void)s1;
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    if (!((wid == VW_THEY) || (wid == VW_THEM))) return 0;
    const sr_mention *ref = NULL;
    for (size_t i = d->out.len; !ref && i-- > 0;) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->t0 >= sb->tok) continue;
        if (m->sent < sb->sent - 1) break;
        if ((m->plural || S_plural_role(d, m)) && !(m->how & AH_PRONOUN)) ref = m;
    }
    if (ref) {
        sr_mention *m = S_emit_ref(d, p, p + 1, ref);
        if (!m) return SITREP_ENOMEM;
        m->why = S_cat(d, "'", sb->norm, "' refers to ", m->name ? m->name : m->key, (char *)NULL);
    } else if ((wid == VW_THEY)) {
        /* "Kuleba met Lavrov on Thursday.  They will meet again":
         * the two sides of the previous sentence, when it names
         * exactly two; two mentions on the one token, in the order
         * the sentence named them (the coder pairs them) */
        const sr_mention *two[2] = {NULL, NULL};
        int ntwo = 0, more = 0;
        size_t i0, i1;
        S_sent_only(d, sb->sent - 1, &i0, &i1);
        for (size_t i = i0; i < i1; i++) {
            const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
            if ((m->how & (AH_ADJ | AH_PRONOUN | AH_POSS)) || m->kind == AK_GROUP) continue;
            if (ntwo && !strcmp(two[0]->key, m->key)) continue;
            if (ntwo == 2 && !strcmp(two[1]->key, m->key)) continue;
            if (ntwo == 2) { more = 1; break; }
            two[ntwo++] = m;
        }
        if (ntwo == 2 && !more && S_emit_sides(d, p, p + 1, two, "they")) return SITREP_ENOMEM;
    }
    return 1;
}

/* "he", "him", "his", "she", "her": a person of the last sentences, by
 * salience over grammatical gender (machine translation often gets
 * "his"/"her" wrong).  Each person of the last sentences scores for being
 * a sentence's first actor (its subject, most often), for repetition and
 * for agreeing in gender, and loses for distance.  These pronouns are
 * always this step's case, resolved or not (inside a mention: left
 * alone). */
static int S_ref_person(S_doc *d, int s0, int s1, int p)
{
    (void)s0;
    (void)s1;
    const S_sub *sb = SUB(d, p);
    int wid = sb->id;
    char gender = 0;
    if ((wid == VW_HE) || (wid == VW_HIM) || (wid == VW_HIS)) gender = 'm';
    else if ((wid == VW_SHE) || (wid == VW_HER)) gender = 'f';
    if (!gender) return 0;
    if (S_inside(d, sb->tok)) return 1;   /* skip positions already inside a mention */
    int best = -1, bestscore = -1000;
    size_t i0, i1;
    S_sent_mentions(d, sb->sent - 2, &i0, &i1);
    for (size_t i = i0; i < i1; i++) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->kind != AK_PERSON || m->t0 >= sb->tok || !m->name) continue;
        int score = 0;
        for (size_t j = i0; j < i1; j++) {
            const sr_mention *o = &VEC_AT(&d->out, sr_mention, j);
            /* the same name is most often the same string of the kb;
             * most other names differ in their first byte */
            if (o->t0 >= sb->tok || !o->name ||
                (o->name != m->name && (o->name[0] != m->name[0] || strcmp(o->name, m->name))))
                continue;
            if (o != m) score += 1;
        }
        int first = 1;
        size_t f0, f1;
        S_sent_only(d, m->sent, &f0, &f1);
        for (size_t k = f0; k < f1; k++) {
            const sr_mention *f = &VEC_AT(&d->out, sr_mention, k);
            if (f->t0 < m->t0) { first = 0; break; }
        }
        if (first) score += 5;
        /* gender decides within a sentence; across sentences it only
         * nudges (machine translation confuses "his" and "her") */
        if (m->gender == gender) score += 2;
        else if (m->gender != '-' && m->sent == sb->sent) score -= 10;
        score -= 3 * (sb->sent - m->sent);
        if (score >= bestscore) { bestscore = score; best = (int)i; }
    }
    if (best < 0) return 1;
    const sr_mention *ref = &VEC_AT(&d->out, sr_mention, (size_t)best);
    sr_mention *m = S_emit_ref(d, p, p + 1, ref);
    if (!m) return SITREP_ENOMEM;
    m->why = S_cat(d, "'", sb->norm, "' refers to ", S_str(m->name), (char *)NULL);
    return 1;
}

/* "the country" (the two words, not caught by S_ref_country_noun): as a
 * subject ("the country has warned") the country of the sentence's first
 * actor; elsewhere ("support the country", "invasion of the country") the
 * most recent country.  The mention covers both words and is the country
 * itself; its explanation names the actor it was found from.  Always this
 * step's case, resolved or not (inside a mention: left alone). */
static int S_ref_the_country(S_doc *d, int s0, int s1, int p)
{
    const S_sub *sb = SUB(d, p);
    if (!((sb->id == VW_COUNTRY) && p > s0 && (SUB(d, p - 1)->id == VW_THE))) return 0;
    if (S_inside(d, sb->tok)) return 1;   /* skip positions already inside a mention */
    const sr_mention *ref = NULL;
    int subject = p + 1 < s1 && (SUB(d, p + 1)->flags & TOK_WORD) && !(SUB(d, p + 1)->flags & TOK_CAP) &&
                  ((SUB(d, p + 1)->id == VW_HAS) || (SUB(d, p + 1)->id == VW_HAD) ||
                   (SUB(d, p + 1)->id == VW_IS) || (SUB(d, p + 1)->id == VW_WAS) ||
                   (SUB(d, p + 1)->id == VW_WILL) || (SUB(d, p + 1)->id == VW_WOULD) ||
                   (SUB(d, p + 1)->id == VW_SAID));
    if (subject) {
        size_t i0, i1;
        S_sent_only(d, sb->sent, &i0, &i1);
        for (size_t i = i0; i < i1; i++) {
            const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
            if (m->t0 < sb->tok && m->kind != AK_ORG) { ref = m; break; }
        }
    }
    for (size_t i = d->out.len; !ref && i-- > 0;) {
        const sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->sent < sb->sent - 3) break;   /* and so are those before it */
        if (m->t0 >= sb->tok) continue;
        if (m->kind == AK_COUNTRY && !(m->how & AH_METONYM)) ref = m;
    }
    if (!ref) return 1;
    sr_mention *m = S_emit_ref(d, p - 1, p + 1, ref);
    if (!m) return SITREP_ENOMEM;
    const char *refname = m->name;   /* the actor found, before it becomes the country */
    S_copy(m->code, sizeof m->code, m->key);
    m->kind = AK_COUNTRY;
    m->name = S_country_name(d->kb, m->key);
    m->why = S_cat(d, "'the country' refers to ", S_str(refname), (char *)NULL);
    return 1;
}

/* Pronouns and "the country": resolved after names, to the most recent
 * compatible mention.  Each sub-token of the sentence [s0, s1) goes
 * through a group role with its country (S_group_in), then the steps
 * above in their order, until one takes it as its case; a token none
 * takes is left as it is.  Returns 0 or SITREP_ENOMEM. */
static int S_pronouns(S_doc *d, int s0, int s1)
{
    /* the words some step takes as its case (S_STEP_WORDS: VC_A_STEP) or a
     * role of S_group_in (VC_A_ROLE1); any other word is none's, and most
     * sentences have none (S_build_subs: their classes, OR-ed) */
    int sent = SUB(d, s0)->sent;
    for (int i = d->step0[sent]; i < d->step0[sent + 1]; i++) {
        int p = ((const int *)d->steps.data)[i];
        int rc = S_group_in(d, p, s1);
        if (!rc) rc = S_ref_speaker(d, s0, s1, p);
        if (!rc) rc = S_ref_it(d, s0, s1, p);
        if (!rc) rc = S_ref_the_n(d, s0, s1, p);
        if (!rc) rc = S_ref_two_sides(d, s0, s1, p);
        if (!rc) rc = S_ref_government(d, s0, s1, p);
        if (!rc) rc = S_ref_org(d, s0, s1, p);
        if (!rc) rc = S_ref_country_noun(d, s0, s1, p);
        if (!rc) rc = S_ref_they(d, s0, s1, p);
        if (!rc) rc = S_ref_person(d, s0, s1, p);
        if (!rc) rc = S_ref_the_country(d, s0, s1, p);
        if (rc < 0) return rc;
    }
    return 0;
}

static int S_cmp_mention(const void *a, const void *b)
{
    const sr_mention *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? 1 : -1;
    return x->pair - y->pair;   /* "they" for two sides: one token, two mentions */
}

/* Sorts the mentions out[from ..] by S_cmp_mention.  They are most often
 * in order already, and glibc's qsort, a merge sort, leaves a sorted
 * array as it is: only one out of order is sorted. */
static void S_sort_mentions(vec *out, size_t from)
{
    sr_mention *m = (sr_mention *)out->data + from;
    size_t n = out->len - from;
    for (size_t i = 1; i < n; i++)
        if (S_cmp_mention(&m[i - 1], &m[i]) > 0) {
            qsort(m, n, sizeof *m, S_cmp_mention);
            return;
        }
}

/* Runs the learning pass over a title: names introduced there ("Kamala
 * Harris visits Romania") are known in the text. */
static int S_learn_title(S_doc *d, const char *title, const sr_segmentation *tseg, vec *items)
{
    S_doc td = *d;
    td.text = title;
    td.seg = tseg;
    vec_init(&td.subs, sizeof(S_sub));
    td.sub0 = NULL;
    vec_init(&td.steps, sizeof(int));
    int rc = S_build_subs(&td);
    for (int s = 0; !rc && s < tseg->nsents; s++) {
        int p = td.sub0[s], q = td.sub0[s + 1];
        if (p == q || (rc = S_items(&td, p, q, items))) continue;
        if (S_items_need(items->data, (int)items->len) & S_NEED_LEARN)
            rc = S_compose_sentence(&td, p, q, items->data, (int)items->len, 1);
    }
    vec_free(&td.subs);
    vec_free(&td.steps);
    d->locals = td.locals;   /* the learned names (vec and dict may have grown) */
    d->learned = td.learned;
    memcpy(d->lfirst, td.lfirst, sizeof d->lfirst);
    d->pool = td.pool;       /* and the strings carved for them */
    d->pool_left = td.pool_left;
    return rc;
}

/* The end (token index) of the dateline opening sentence s, or -1: a
 * paragraph that begins with where and when it was written, then a dash or
 * a colon ("MEXICO CITY --", "BANGKOK (AP) --", "Kabul [Afghanistan],
 * November 2 (ANI):").  Before the dash or colon only capitalised words,
 * numbers and the punctuation of names and dates, with a word in
 * capitals, an agency in brackets or a number among them (so that
 * "Zelensky: ..." stays a speaker). */
static int S_dateline_end(const sr_segmentation *seg, int s)
{
    const sr_sentence *se = &seg->sents[s];
    if (s > 0 && seg->sents[s - 1].para == se->para) return -1;
    int t0 = se->tok0, t1 = se->tok0 + se->ntok, words = 0, marked = 0, bracket = 0;
    for (int t = t0; t < t1 && t < t0 + 16; t++) {
        const sr_token *tk = &seg->toks[t];
        const char *w = tk->norm;
        if ((!strcmp(w, "-") || !strcmp(w, "--") || !strcmp(w, ":")) && !bracket) {
            if (!words || t + 1 >= t1) return -1;
            return marked ? t + 1 : -1;
        }
        if (!strcmp(w, "(") || !strcmp(w, "[")) { bracket++; continue; }
        if (!strcmp(w, ")") || !strcmp(w, "]")) { bracket -= bracket > 0; marked = 1; continue; }
        if (!strcmp(w, ",") || !strcmp(w, ".")) continue;
        if (tk->flags & TOK_NUM) { marked = 1; continue; }
        if (!(tk->flags & TOK_WORD) || !(tk->flags & TOK_CAP)) return -1;
        if (tk->flags & TOK_UPPER) marked = 1;
        words++;
    }
    return -1;
}

/* Marks the mentions inside datelines (AH_DATELINE): the actor is named
 * there, but where an article was written is not an actor of its events. */
static void S_mark_datelines(S_doc *d)
{
    int cur = -1, end = -1;
    for (size_t i = 0; i < d->out.len; i++) {
        sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        if (m->sent != cur) {
            cur = m->sent;
            end = S_dateline_end(d->seg, cur);
        }
        if (end >= 0 && m->t1 <= end) m->how |= AH_DATELINE;
    }
}

/* What the two passes of actors_find keep between them: a sentence's
 * items (S_items) and the first pass's items of each sentence, which the
 * second pass reuses (S_items_need) when no name was learned since they
 * were collected (S_items reads only the sub-tokens and the learned names,
 * which are only ever added to). */
typedef struct {
    vec items;          /* S_item: one sentence's, collected again */
    vec keep;           /* S_item: the first pass's, sentence after sentence */
    int *kept;          /* per sentence s: kept[3s] items from kept[3s + 1]
                         * in keep, collected when kept[3s + 2] names were
                         * learned (-1: the sentence reads no learned name,
                         * its items are all phrase hits) */
} S_pass;

static void S_doc_init(S_doc *d, const actors_kb *kb, arena *a, const char *text, const sr_segmentation *seg,
                       const char *title, long day)
{
    memset(d, 0, sizeof *d);
    d->kb = kb;
    d->a = a;
    d->text = text;
    d->body = text;
    d->title = title;
    d->seg = seg;
    d->day = day;
    d->cur = -1;
    vec_init(&d->subs, sizeof(S_sub));
    vec_init(&d->steps, sizeof(int));
    vec_init(&d->locals, sizeof(S_local));
    vec_init(&d->out, sizeof(sr_mention));
    dict_init(&d->learned);
}

static void S_doc_free(S_doc *d)
{
    vec_free(&d->subs);
    vec_free(&d->steps);
    vec_free(&d->locals);
    vec_free(&d->out);
    dict_free(&d->learned);
}

static void S_pass_init(S_pass *ps)
{
    vec_init(&ps->items, sizeof(S_item));
    vec_init(&ps->keep, sizeof(S_item));
    ps->kept = NULL;
}

static void S_pass_free(S_pass *ps)
{
    vec_free(&ps->items);
    vec_free(&ps->keep);
}

/* The first pass over d's text: builds its sub-tokens, collects and keeps
 * each sentence's items and learns the names they teach.  0 or
 * SITREP_ENOMEM. */
static int S_first_pass(S_doc *d, S_pass *ps)
{
    const sr_segmentation *seg = d->seg;
    int rc = S_build_subs(d);
    if (!rc && !(ps->kept = arena_alloc(d->a, 3 * ((size_t)seg->nsents + 1) * sizeof(int)))) rc = SITREP_ENOMEM;
    /* room for the items and mentions of most documents at once (about
     * one item in five tokens and half as many mentions): the doubling
     * from 16 was a realloc or three each */
    if (!rc && (S_vec_reserve(&ps->keep, (size_t)seg->ntoks / 4 + 16) ||
                S_vec_reserve(&d->out, (size_t)seg->ntoks / 8 + 16)))
        rc = SITREP_ENOMEM;
    vec *items = &ps->items, *keep = &ps->keep;
    int *kept = ps->kept;
    for (int s = 0; s < seg->nsents && !rc; s++) {
        int p = d->sub0[s], q = d->sub0[s + 1];
        kept[3 * s] = 0;
        kept[3 * s + 1] = 0;
        kept[3 * s + 2] = -1;
        if (p == q || (rc = S_items(d, p, q, items))) continue;
        int n = (int)items->len, need = S_items_need(items->data, n);
        if (keep->len + (size_t)n > keep->cap) {
            size_t cap = 2 * (keep->len + (size_t)n);
            void *data = realloc(keep->data, cap * sizeof(S_item));
            if (!data) { rc = SITREP_ENOMEM; continue; }
            keep->data = data;
            keep->cap = cap;
        }
        if (n) memcpy((S_item *)keep->data + keep->len, items->data, (size_t)n * sizeof(S_item));
        kept[3 * s] = n;
        kept[3 * s + 1] = (int)keep->len;
        kept[3 * s + 2] = need & S_NEED_NAMES ? (int)d->learned.len : -1;
        keep->len += (size_t)n;
        if (need & S_NEED_LEARN) rc = S_compose_sentence(d, p, q, items->data, n, 1);
    }
    return rc;
}

/* The second pass over d's text: composes each sentence's mentions, then
 * resolves its references.  0 or SITREP_ENOMEM. */
static int S_second_pass(S_doc *d, S_pass *ps)
{
    const sr_segmentation *seg = d->seg;
    const int *kept = ps->kept;
    int rc = 0;
    if (!(d->ment0 = arena_alloc(d->a, ((size_t)seg->nsents + 1) * sizeof(int)))) return SITREP_ENOMEM;
    for (int s = 0; s < seg->nsents && !rc; s++) {
        int p = d->sub0[s], q = d->sub0[s + 1];
        d->cur = s;
        d->ment0[s] = (int)d->out.len;
        if (p == q) continue;
        S_item *its;
        int n = kept[3 * s];
        if (kept[3 * s + 2] < 0 || (size_t)kept[3 * s + 2] == d->learned.len) {
            its = ps->keep.data ? (S_item *)ps->keep.data + kept[3 * s + 1] : NULL;   /* none kept at all: n is 0 */
        } else {
            if ((rc = S_items(d, p, q, &ps->items))) break;
            its = ps->items.data;
            n = (int)ps->items.len;
        }
        size_t before = d->out.len;
        rc = S_compose_sentence(d, p, q, its, n, 0);
        if (!rc) {
            /* keep this sentence's mentions in order before pronouns */
            S_sort_mentions(&d->out, before);
            rc = S_pronouns(d, p, q);
            if (!rc) S_sort_mentions(&d->out, before);
        }
    }
    return rc;
}

/* d's mentions, marked (datelines, possessives) and copied into the
 * arena.  0 or SITREP_ENOMEM. */
static int S_result(S_doc *d, sr_mention **out, int *nout)
{
    S_mark_datelines(d);
    /* every mention ending in a possessive says so ("Putin's red line") */
    for (size_t i = 0; i < d->out.len; i++) {
        sr_mention *m = &VEC_AT(&d->out, sr_mention, i);
        const char *w = d->seg->toks[m->t1 - 1].norm;
        size_t l = (size_t)d->seg->toks[m->t1 - 1].len;
        if ((l > 2 && w[l - 2] == '\'' && w[l - 1] == 's') || (l > 1 && w[l - 1] == '\'')) m->how |= AH_POSS;
    }
    *nout = (int)d->out.len;
    *out = arena_alloc(d->a, (d->out.len + 1) * sizeof(sr_mention));
    if (!*out) return SITREP_ENOMEM;
    if (d->out.len) memcpy(*out, d->out.data, d->out.len * sizeof(sr_mention));
    return 0;
}

int actors_find(const actors_kb *kb, arena *a, const char *text, const sr_segmentation *seg,
                const char *title, const sr_segmentation *title_seg, long day, sr_mention **out,
                int *nout)
{
    S_doc d;
    S_pass ps;
    S_doc_init(&d, kb, a, text, seg, title, day);
    S_pass_init(&ps);
    int rc = title && title_seg ? S_learn_title(&d, title, title_seg, &ps.items) : 0;
    if (!rc) rc = S_first_pass(&d, &ps);
    if (!rc) rc = S_second_pass(&d, &ps);
    if (!rc) rc = S_result(&d, out, nout);
    S_pass_free(&ps);
    S_doc_free(&d);
    return rc;
}

/* Gives t the names b has learned: a copy of its own, since each learns
 * more (t from its title, b in its second pass).  0 or SITREP_ENOMEM. */
static int S_copy_learned(S_doc *t, const S_doc *b)
{
    if (S_vec_reserve(&t->locals, b->locals.len)) return SITREP_ENOMEM;
    if (b->locals.len) memcpy(t->locals.data, b->locals.data, b->locals.len * sizeof(S_local));
    t->locals.len = b->locals.len;
    const dict *l = &b->learned;
    for (size_t i = 0; i < l->cap; i++)
        if (l->hashes[i] && dict_set(&t->learned, l->keys[i], strlen(l->keys[i]), l->vals[i])) return SITREP_ENOMEM;
    memcpy(t->lfirst, b->lfirst, sizeof t->lfirst);
    return 0;
}

/* The learning pass of the title's recogniser t over the document's text:
 * what S_learn_title over the text would learn, but on the sub-tokens the
 * text's recogniser b built, and with its kept items of every sentence
 * that reads no learned name (phrase hits alone, the same whatever was
 * learned; S_phrase_parts changes only items of names).  0 or
 * SITREP_ENOMEM. */
static int S_learn_text(S_doc *t, const S_doc *b, const S_pass *bp, vec *items)
{
    S_doc td = *t;
    td.text = b->text;
    td.seg = b->seg;
    td.subs = b->subs;   /* read (and S_longest's memo written) only */
    td.sub0 = b->sub0;
    td.steps = b->steps;
    td.step0 = b->step0;
    int rc = 0;
    for (int s = 0; !rc && s < b->seg->nsents; s++) {
        int p = b->sub0[s], q = b->sub0[s + 1];
        if (p == q) continue;
        S_item *its;
        int n;
        if (bp->kept[3 * s + 2] < 0) {
            n = bp->kept[3 * s];
            its = n ? (S_item *)bp->keep.data + bp->kept[3 * s + 1] : NULL;
        } else {
            if ((rc = S_items(&td, p, q, items))) break;
            its = items->data;
            n = (int)items->len;
        }
        if (S_items_need(its, n) & S_NEED_LEARN) rc = S_compose_sentence(&td, p, q, its, n, 1);
    }
    t->locals = td.locals;   /* the learned names (vec and dict may have grown) */
    t->learned = td.learned;
    memcpy(t->lfirst, td.lfirst, sizeof t->lfirst);
    t->pool = td.pool;       /* and the strings carved for them */
    t->pool_left = td.pool_left;
    return rc;
}

int actors_find_doc(const actors_kb *kb, arena *a, const char *text, const sr_segmentation *seg,
                    const char *title, const sr_segmentation *title_seg, long day, sr_mention **out,
                    int *nout, sr_mention **tout, int *ntout)
{
    *tout = NULL;
    *ntout = 0;
    if (!title || !title_seg) return actors_find(kb, a, text, seg, NULL, NULL, day, out, nout);
    /* d reads the text after learning from the title, t the title after
     * learning from the text (actors_find with the two swapped) */
    S_doc d, t;
    S_pass ps, pt;
    S_doc_init(&d, kb, a, text, seg, title, day);
    S_doc_init(&t, kb, a, title, title_seg, text, day);
    S_pass_init(&ps);
    S_pass_init(&pt);
    int rc = S_learn_title(&d, title, title_seg, &ps.items);
    int taught = d.locals.len != 0;
    if (!rc) rc = S_first_pass(&d, &ps);
    if (!rc) {
        /* t's learning from the text is d's first pass whenever the title
         * taught d nothing: then d's names so far are t's; else it reads
         * d's sub-tokens and items again without the title's names */
        t.pool = d.pool;   /* one block of strings for both, handed back below */
        t.pool_left = d.pool_left;
        rc = taught ? S_learn_text(&t, &d, &ps, &pt.items) : S_copy_learned(&t, &d);
        if (!rc) rc = S_first_pass(&t, &pt);
        if (!rc) rc = S_second_pass(&t, &pt);
        if (!rc) rc = S_result(&t, tout, ntout);
        d.pool = t.pool;
        d.pool_left = t.pool_left;
    }
    if (!rc) rc = S_second_pass(&d, &ps);
    if (!rc) rc = S_result(&d, out, nout);
    S_pass_free(&ps);
    S_pass_free(&pt);
    S_doc_free(&d);
    S_doc_free(&t);
    return rc;
}
