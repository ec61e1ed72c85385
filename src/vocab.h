/* vocab.h -- the vocabulary: folded word forms interned to integer ids
 * (issue 18 item 1), shared by every stage after segmentation.
 *
 * Built once at load (pipeline_load) and read-only afterwards, so the
 * worker threads of `code -j N` share it.  vocab_new interns the
 * well-known words below first, so their ids are compile-time constants
 * (VW_THE, VW_MONDAY, ...); each stage then adds the words its knowledge
 * names with the class bits it tests (time_vocab, ...).  Each entry has a
 * string, an id (1 .. count-1; 0 is VOCAB_UNKNOWN, never a word) and a
 * class bitmask (VC_*).  segment_text looks each token's folded form up
 * once and copies the id and the class onto the token (sr_token.id, .cls):
 * the stages compare ids and test bits, and keep `norm` for output and for
 * comparing two arbitrary tokens.  A word not in the vocabulary has id
 * VOCAB_UNKNOWN and only the classes its form gives (vocab_form_class).
 * Invariant: equal folded forms have equal ids; an id's class is the OR of
 * every class it was added with, plus its form class.
 */
#ifndef SITREP_VOCAB_H
#define SITREP_VOCAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct vocab vocab;
typedef uint64_t vocab_cls;

enum { VOCAB_UNKNOWN = 0 };

/* ---- classes ------------------------------------------------------------ */

/* By form, for every token, known or not (vocab_form_class). */
#define VC_TIMEISH   (1ull << 0)   /* may be part of a time expression: starts
                                    * with a digit or a time word's stem */
#define VC_MIDDASH   (1ull << 1)   /* "mid-..." ("mid-March", "mid-2023") */
/* The time tagger's word lists (time_vocab, time.c). */
#define VC_T_PREP    (1ull << 2)   /* on in at from since by */
#define VC_T_MCTX    (1ull << 3)   /* what may precede a bare "May" */
#define VC_T_YCTX    (1ull << 4)   /* what may precede a bare year */
#define VC_T_CNOUN   (1ull << 5)   /* nouns counted by a number before them */
#define VC_T_HOLIDAY (1ull << 6)   /* Good (Friday), Black (Friday), ... */
#define VC_T_PAPER   (1ull << 7)   /* (Sunday) Times, Telegraph, ... */
#define VC_T_POD     (1ull << 8)   /* part of day: morning ... night */
#define VC_T_TODAY   (1ull << 9)   /* today, tonight (and 's) */
#define VC_T_YEST    (1ull << 10)  /* yesterday('s) */
#define VC_T_TOM     (1ull << 11)  /* tomorrow('s) */
#define VC_T_RANGE   (1ull << 12)  /* to through until till - */
#define VC_T_MOD     (1ull << 13)  /* early mid late */
#define VC_T_PART    (1ull << 14)  /* end start beginning middle (of) */
/* Kinds of the well-known words that carry a value (vocab_value). */
#define VC_MONTH     (1ull << 15)  /* month name or abbreviation */
#define VC_WEEKDAY   (1ull << 16)  /* monday .. sunday, monday's .. */
#define VC_UNIT      (1ull << 17)  /* day week month year weekend (s, 's, s') */
#define VC_COUNT     (1ull << 18)  /* one .. twenty, a, an */
/* The actor matcher's word lists (actors_load, actors.c). */
#define VC_A_FUNC    (1ull << 19)  /* capitalised at times, never a name */
#define VC_A_PARTICLE (1ull << 20) /* may open a name: al, el, van, de ... */
#define VC_A_AUX     (1ull << 21)  /* may follow a subject: has, said, ... */
#define VC_A_SAY     (1ull << 22)  /* a reporting verb: said, told, ... */
#define VC_A_DIR     (1ull << 23)  /* eastern, north, ... (and "the") */
#define VC_A_NOTTHE  (1ull << 24)  /* "the other/two/first ... NOUN": other actors */
#define VC_A_ROLE1   (1ull << 25)  /* a one-word role phrase ("rebels") */
#define VC_A_PHRASE1 (1ull << 26)  /* an actor phrase starts with it ("vladimir") */
#define VC_A_STEP    (1ull << 27)  /* a pronoun or noun a coreference step of the
                                    * recogniser takes ("she", "the country") */
/* Bits 32-63: the coder's word classes (code.c's W_*, added by coder_load):
 * a token's are (unsigned)(cls >> VC_CODER_SHIFT). */
#define VC_CODER_SHIFT 32

/* Values: the number in the low byte, flags above it. */
#define VV_NUM(v)    ((v) & 0xff)  /* month 1-12, weekday 0-6, unit, count */
#define VV_FULL      0x100         /* month: the full name */
#define VV_DOT       0x200         /* month: abbreviation with its period */
#define VV_POSS      0x400         /* weekday, unit: possessive 's */
#define VV_PLURAL    0x800         /* unit: plural (days, days') */
#define VV_ARTICLE   0x1000        /* count: "a" or "an" */

/* ---- well-known words: X(NAME, "form", class, value) -------------------- */

#define VW_MONTHS(X)                                                          \
    X(JANUARY, "january", VC_MONTH, 1 | VV_FULL) X(JAN, "jan", VC_MONTH, 1)    \
    X(FEBRUARY, "february", VC_MONTH, 2 | VV_FULL) X(FEB, "feb", VC_MONTH, 2)  \
    X(MARCH, "march", VC_MONTH, 3 | VV_FULL) X(MAR, "mar", VC_MONTH, 3)        \
    X(APRIL, "april", VC_MONTH, 4 | VV_FULL) X(APR, "apr", VC_MONTH, 4)        \
    X(MAY, "may", VC_MONTH, 5 | VV_FULL) X(JUNE, "june", VC_MONTH, 6 | VV_FULL) \
    X(JUN, "jun", VC_MONTH, 6) X(JULY, "july", VC_MONTH, 7 | VV_FULL)          \
    X(JUL, "jul", VC_MONTH, 7) X(AUGUST, "august", VC_MONTH, 8 | VV_FULL)      \
    X(AUG, "aug", VC_MONTH, 8) X(SEPTEMBER, "september", VC_MONTH, 9 | VV_FULL) \
    X(SEPT, "sept", VC_MONTH, 9) X(SEP, "sep", VC_MONTH, 9)                    \
    X(OCTOBER, "october", VC_MONTH, 10 | VV_FULL) X(OCT, "oct", VC_MONTH, 10)  \
    X(NOVEMBER, "november", VC_MONTH, 11 | VV_FULL) X(NOV, "nov", VC_MONTH, 11) \
    X(DECEMBER, "december", VC_MONTH, 12 | VV_FULL) X(DEC, "dec", VC_MONTH, 12) \
    X(JANUARY_, "january.", VC_MONTH, 1 | VV_FULL | VV_DOT)                    \
    X(JAN_, "jan.", VC_MONTH, 1 | VV_DOT)                                      \
    X(FEBRUARY_, "february.", VC_MONTH, 2 | VV_FULL | VV_DOT)                  \
    X(FEB_, "feb.", VC_MONTH, 2 | VV_DOT)                                      \
    X(MARCH_, "march.", VC_MONTH, 3 | VV_FULL | VV_DOT)                        \
    X(MAR_, "mar.", VC_MONTH, 3 | VV_DOT)                                      \
    X(APRIL_, "april.", VC_MONTH, 4 | VV_FULL | VV_DOT)                        \
    X(APR_, "apr.", VC_MONTH, 4 | VV_DOT)                                      \
    X(MAY_, "may.", VC_MONTH, 5 | VV_FULL | VV_DOT)                            \
    X(JUNE_, "june.", VC_MONTH, 6 | VV_FULL | VV_DOT)                          \
    X(JUN_, "jun.", VC_MONTH, 6 | VV_DOT)                                      \
    X(JULY_, "july.", VC_MONTH, 7 | VV_FULL | VV_DOT)                          \
    X(JUL_, "jul.", VC_MONTH, 7 | VV_DOT)                                      \
    X(AUGUST_, "august.", VC_MONTH, 8 | VV_FULL | VV_DOT)                      \
    X(AUG_, "aug.", VC_MONTH, 8 | VV_DOT)                                      \
    X(SEPTEMBER_, "september.", VC_MONTH, 9 | VV_FULL | VV_DOT)                \
    X(SEPT_, "sept.", VC_MONTH, 9 | VV_DOT)                                    \
    X(SEP_, "sep.", VC_MONTH, 9 | VV_DOT)                                      \
    X(OCTOBER_, "october.", VC_MONTH, 10 | VV_FULL | VV_DOT)                   \
    X(OCT_, "oct.", VC_MONTH, 10 | VV_DOT)                                     \
    X(NOVEMBER_, "november.", VC_MONTH, 11 | VV_FULL | VV_DOT)                 \
    X(NOV_, "nov.", VC_MONTH, 11 | VV_DOT)                                     \
    X(DECEMBER_, "december.", VC_MONTH, 12 | VV_FULL | VV_DOT)                 \
    X(DEC_, "dec.", VC_MONTH, 12 | VV_DOT)

#define VW_WEEKDAYS(X)                                                        \
    X(MONDAY, "monday", VC_WEEKDAY, 0) X(TUESDAY, "tuesday", VC_WEEKDAY, 1)    \
    X(WEDNESDAY, "wednesday", VC_WEEKDAY, 2)                                   \
    X(THURSDAY, "thursday", VC_WEEKDAY, 3) X(FRIDAY, "friday", VC_WEEKDAY, 4)  \
    X(SATURDAY, "saturday", VC_WEEKDAY, 5) X(SUNDAY, "sunday", VC_WEEKDAY, 6)  \
    X(MONDAYS, "monday's", VC_WEEKDAY, 0 | VV_POSS)                            \
    X(TUESDAYS, "tuesday's", VC_WEEKDAY, 1 | VV_POSS)                          \
    X(WEDNESDAYS, "wednesday's", VC_WEEKDAY, 2 | VV_POSS)                      \
    X(THURSDAYS, "thursday's", VC_WEEKDAY, 3 | VV_POSS)                        \
    X(FRIDAYS, "friday's", VC_WEEKDAY, 4 | VV_POSS)                            \
    X(SATURDAYS, "saturday's", VC_WEEKDAY, 5 | VV_POSS)                        \
    X(SUNDAYS, "sunday's", VC_WEEKDAY, 6 | VV_POSS)

/* Units: 1 day, 2 week, 3 month, 4 year, 5 weekend (time.c's U_*). */
#define VW_UNIT4(X, N, S, U)                                                  \
    X(N, S, VC_UNIT, U) X(N##S_, S "s", VC_UNIT, U | VV_PLURAL)                \
    X(N##_S, S "'s", VC_UNIT, U | VV_POSS) X(N##S_Q, S "s'", VC_UNIT, U | VV_PLURAL)
#define VW_UNITS(X)                                                           \
    VW_UNIT4(X, DAY, "day", 1) VW_UNIT4(X, WEEK, "week", 2)                    \
    VW_UNIT4(X, MONTH, "month", 3) VW_UNIT4(X, YEAR, "year", 4)                \
    VW_UNIT4(X, WEEKEND, "weekend", 5)

#define VW_COUNTS(X)                                                          \
    X(ONE, "one", VC_COUNT, 1) X(TWO, "two", VC_COUNT, 2)                      \
    X(THREE, "three", VC_COUNT, 3) X(FOUR, "four", VC_COUNT, 4)                \
    X(FIVE, "five", VC_COUNT, 5) X(SIX, "six", VC_COUNT, 6)                    \
    X(SEVEN, "seven", VC_COUNT, 7) X(EIGHT, "eight", VC_COUNT, 8)              \
    X(NINE, "nine", VC_COUNT, 9) X(TEN, "ten", VC_COUNT, 10)                   \
    X(ELEVEN, "eleven", VC_COUNT, 11) X(TWELVE, "twelve", VC_COUNT, 12)        \
    X(THIRTEEN, "thirteen", VC_COUNT, 13) X(FOURTEEN, "fourteen", VC_COUNT, 14) \
    X(FIFTEEN, "fifteen", VC_COUNT, 15) X(SIXTEEN, "sixteen", VC_COUNT, 16)    \
    X(SEVENTEEN, "seventeen", VC_COUNT, 17)                                    \
    X(EIGHTEEN, "eighteen", VC_COUNT, 18)                                      \
    X(NINETEEN, "nineteen", VC_COUNT, 19) X(TWENTY, "twenty", VC_COUNT, 20)    \
    X(A, "a", VC_COUNT, 1 | VV_ARTICLE) X(AN, "an", VC_COUNT, 1 | VV_ARTICLE)

/* Words the C code of the stages tests one by one. */
#define VW_PLAIN(X)                                                           \
    X(THE, "the", 0, 0) X(OF, "of", 0, 0) X(AND, "and", 0, 0) X(TO, "to", 0, 0) \
    X(IN, "in", 0, 0) X(ON, "on", 0, 0) X(AT, "at", 0, 0) X(BY, "by", 0, 0)    \
    X(FROM, "from", 0, 0) X(THIS, "this", 0, 0) X(THAT, "that", 0, 0)          \
    X(LAST, "last", 0, 0) X(NEXT, "next", 0, 0) X(PAST, "past", 0, 0)          \
    X(EARLY, "early", 0, 0) X(LATE, "late", 0, 0) X(EARLIER, "earlier", 0, 0)  \
    X(LATER, "later", 0, 0) X(OVER, "over", 0, 0) X(BETWEEN, "between", 0, 0)  \
    X(BEFORE, "before", 0, 0) X(AFTER, "after", 0, 0) X(AGO, "ago", 0, 0)      \
    X(NOW, "now", 0, 0) X(TIME, "time", 0, 0) X(NIGHT, "night", 0, 0)          \
    X(SAME, "same", 0, 0) X(YESTERDAY, "yesterday", 0, 0)                      \
    X(TOMORROW, "tomorrow", 0, 0) X(TODAY, "today", 0, 0)                     \
    X(TONIGHT, "tonight", 0, 0)                                                \
    X(P_HYPHEN, "-", 0, 0) X(P_COMMA, ",", 0, 0) X(P_PERIOD, ".", 0, 0)        \
    X(P_APOS, "'", 0, 0)                                                       \
    /* the actor matcher's */                                                 \
    X(STATE, "state", 0, 0) X(COUNTRY, "country", 0, 0)                        \
    X(COUNCIL, "council", 0, 0)                                                \
    X(AUTHORITIES, "authorities", 0, 0) X(WOULD, "would", 0, 0)                \
    X(WILL, "will", 0, 0) X(WARRING, "warring", 0, 0) X(THEY, "they", 0, 0)    \
    X(SIDES, "sides", 0, 0) X(NATIONS, "nations", 0, 0)                        \
    X(LEADERS, "leaders", 0, 0) X(IT, "it", 0, 0) X(HAS, "has", 0, 0)          \
    X(HAD, "had", 0, 0) X(GOVERNMENTS, "governments", 0, 0)                    \
    X(COUNTRIES, "countries", 0, 0) X(WE, "we", 0, 0)                          \
    X(WATCHDOG, "watchdog", 0, 0) X(WAS, "was", 0, 0) X(WANTS, "wants", 0, 0)  \
    X(US, "us", 0, 0) X(UNION, "union", 0, 0) X(THEN, "then", 0, 0)            \
    X(THEM, "them", 0, 0) X(STATES, "states", 0, 0) X(SHE, "she", 0, 0)        \
    X(SAID, "said", 0, 0) X(REPUBLIC, "republic", 0, 0)                        \
    X(REGIME, "regime", 0, 0) X(PLANS, "plans", 0, 0)                          \
    X(PARTIES, "parties", 0, 0) X(OUR, "our", 0, 0)                            \
    X(NEIGHBOURS, "neighbours", 0, 0) X(NEIGHBORS, "neighbors", 0, 0)          \
    X(NEAR, "near", 0, 0) X(MY, "my", 0, 0) X(MILITIA, "militia", 0, 0)        \
    X(KINGDOM, "kingdom", 0, 0) X(JUNTA, "junta", 0, 0) X(ITS, "its", 0, 0)    \
    X(IS, "is", 0, 0) X(INTENDS, "intends", 0, 0) X(I, "i", 0, 0)              \
    X(HIS, "his", 0, 0) X(HIM, "him", 0, 0) X(HER, "her", 0, 0)                \
    X(HE, "he", 0, 0) X(GOVERNMENT, "government", 0, 0)                        \
    X(FACTIONS, "factions", 0, 0) X(EMIRATE, "emirate", 0, 0)                  \
    X(COMBATANTS, "combatants", 0, 0) X(BOTH, "both", 0, 0)                    \
    X(BLOC, "bloc", 0, 0) X(BELLIGERENTS, "belligerents", 0, 0)                \
    X(ALSO, "also", 0, 0) X(AGENCY, "agency", 0, 0)                            \
    X(ADMINISTRATION, "administration", 0, 0)                                 \
    /* the coder's */                                                         \
    X(P_SEMICOLON, ";", 0, 0) X(P_QUESTION, "?", 0, 0) X(AHEAD, "ahead", 0, 0) \
    X(AMONG, "among", 0, 0) X(ANOTHER, "another", 0, 0) X(AS, "as", 0, 0)      \
    X(BE, "be", 0, 0) X(BEING, "being", 0, 0) X(CAPITAL, "capital", 0, 0)      \
    X(EACH, "each", 0, 0) X(FOR, "for", 0, 0) X(IF, "if", 0, 0)                \
    X(JOINT, "joint", 0, 0) X(JOINTLY, "jointly", 0, 0) X(NOT, "not", 0, 0)    \
    X(OTHER, "other", 0, 0) X(SINCE, "since", 0, 0) X(TOP, "top", 0, 0)        \
    X(UNLESS, "unless", 0, 0) X(WELL, "well", 0, 0) X(WHEN, "when", 0, 0)      \
    X(WITH, "with", 0, 0)                                                      \
    X(APOS_LL, "'ll", 0, 0) X(P_COLON, ":", 0, 0) X(AGAINST, "against", 0, 0)  \
    X(ALLY, "ally", 0, 0) X(ALONG, "along", 0, 0) X(ARE, "are", 0, 0)          \
    X(AROUND, "around", 0, 0) X(BECAUSE, "because", 0, 0)                      \
    X(BEEN, "been", 0, 0) X(BUT, "but", 0, 0) X(COULD, "could", 0, 0)          \
    X(DID, "did", 0, 0) X(EXCHANGING, "exchanging", 0, 0)                      \
    X(FAMILY, "family", 0, 0) X(HAVE, "have", 0, 0)                            \
    X(INCLUDING, "including", 0, 0) X(ITALY, "italy", 0, 0)                    \
    X(LIKELY, "likely", 0, 0) X(MET, "met", 0, 0) X(MIGHT, "might", 0, 0)      \
    X(OR, "or", 0, 0) X(OUTSIDE, "outside", 0, 0) X(PLUS, "plus", 0, 0)        \
    X(POSSIBILITY, "possibility", 0, 0) X(POSSIBLE, "possible", 0, 0)          \
    X(PROBABLE, "probable", 0, 0) X(RALLY, "rally", 0, 0)                      \
    X(SHOULD, "should", 0, 0) X(THEIR, "their", 0, 0)                          \
    X(TOGETHER, "together", 0, 0) X(TOWARD, "toward", 0, 0)                    \
    X(TOWARDS, "towards", 0, 0) X(TRADING, "trading", 0, 0)                    \
    X(UNLIKELY, "unlikely", 0, 0) X(VISITING, "visiting", 0, 0)                \
    X(WERE, "were", 0, 0) X(WHICH, "which", 0, 0) X(WHILE, "while", 0, 0)      \
    X(WHO, "who", 0, 0) X(DURING, "during", 0, 0) X(STREETS, "streets", 0, 0)  \
    X(P_DASHES, "--", 0, 0) X(P_LPAREN, "(", 0, 0) X(P_RPAREN, ")", 0, 0)     \
    X(CIVIL, "civil", 0, 0) X(DOWN, "down", 0, 0) X(DUE, "due", 0, 0)          \
    X(EXCHANGE, "exchange", 0, 0) X(INTO, "into", 0, 0) X(MUST, "must", 0, 0)  \
    X(PROTESTED, "protested", 0, 0) X(SIDELINES, "sidelines", 0, 0)            \
    X(RESPONSIBILITY, "responsibility", 0, 0) X(UNDER, "under", 0, 0)          \
    /* the coder's kinds of aid (support in money, aid of no stated kind) */ \
    X(ARMS, "arms", 0, 0) X(BUDGET, "budget", 0, 0)                            \
    X(BUDGETARY, "budgetary", 0, 0) X(DEFENCE, "defence", 0, 0)                \
    X(DEFENSE, "defense", 0, 0) X(ECONOMIC, "economic", 0, 0)                  \
    X(ECONOMICALLY, "economically", 0, 0) X(FINANCIAL, "financial", 0, 0)      \
    X(FINANCIALLY, "financially", 0, 0) X(FOOD, "food", 0, 0)                  \
    X(HUMANITARIAN, "humanitarian", 0, 0) X(MEDICAL, "medical", 0, 0)          \
    X(MILITARILY, "militarily", 0, 0) X(MILITARY, "military", 0, 0)            \
    X(RELIEF, "relief", 0, 0) X(SECURITY, "security", 0, 0)                    \
    X(WEAPONS, "weapons", 0, 0)

#define VOCAB_WELL_KNOWN(X)                                                   \
    VW_MONTHS(X) VW_WEEKDAYS(X) VW_UNITS(X) VW_COUNTS(X) VW_PLAIN(X)

enum {
    VW__UNKNOWN = VOCAB_UNKNOWN,
#define VW_ENUM(name, form, cls, val) VW_##name,
    VOCAB_WELL_KNOWN(VW_ENUM)
#undef VW_ENUM
    VW__COUNT            /* the first id of a word added at load */
};

/* ---- the vocabulary ----------------------------------------------------- */

/* A vocabulary holding the well-known words (ids 1 .. VW__COUNT-1), or
 * NULL when out of memory.  The caller frees it with vocab_free. */
vocab *vocab_new(void);
void vocab_free(vocab *v);

/* Interns s[0..n) (a folded form) with the classes cls, ORed into those
 * it has.  Returns its id (> 0) or SITREP_ENOMEM.  Load time only. */
int vocab_add(vocab *v, const char *s, size_t n, vocab_cls cls);

/* The id of s[0..n), or VOCAB_UNKNOWN.  Never allocates; v may be NULL
 * (every word unknown). */
int vocab_id(const vocab *v, const char *s, size_t n);

/* vocab_id, and the id's class in *cls (0 for VOCAB_UNKNOWN; cls may be
 * NULL), from one probe of the table. */
int vocab_find(const vocab *v, const char *s, size_t n, vocab_cls *cls);

/* vocab_find for a caller whose buffer may be read past the form:
 * s[0 .. max(n, VOCAB_PAD)) must be readable (the bytes past n are read
 * and ignored), which spares a copy (segment_text's folded forms). */
enum { VOCAB_PAD = 16 };
int vocab_find_padded(const vocab *v, const char *s, size_t n, vocab_cls *cls);

/* ---- the table, for a caller that probes it inline ---------------------- */

/* segment_text looks up every token of every text, nearly all shorter
 * than 16 bytes: it computes each form's key and hash once, where it makes
 * the form, prefetches its slot and probes the table itself (vocab_probe);
 * a call to hash for the prefetch and another to hash again and probe were
 * half of its time.  These are the table's own definitions (vocab.c). */

/* A form's key: its first 15 bytes, zero-padded, and in byte 15 its length
 * (255 for 255 or more).  Forms of up to 15 bytes are equal exactly when
 * their keys are. */
typedef struct {
    uint64_t w[2];
} vocab_key;

/* A slot of the table (id 0: empty), which is at most half full. */
typedef struct {
    uint32_t hash, id;
    vocab_cls cls;   /* the id's class */
    vocab_key key;
} vocab_slot;

typedef struct {
    const vocab_slot *slots;   /* NULL for no vocabulary */
    size_t mask;               /* the number of slots - 1 */
} vocab_table;

vocab_table vocab_get_table(const vocab *v);

/* The hash of a form with key k (never 0); more is 0 for a form of up to
 * 15 bytes (vocab.c mixes in the hash of the rest of a longer one). */
static inline uint32_t vocab_hash(vocab_key k, uint64_t more)
{
    uint64_t h = (k.w[0] * 0x9e3779b97f4a7c15ull ^ k.w[1]) ^ more;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return (uint32_t)h ? (uint32_t)h : 1;
}

/* The slot of table t holding the form of up to 15 bytes whose key is k
 * and hash h, or the empty slot (id VOCAB_UNKNOWN) where it would go. */
static inline const vocab_slot *vocab_probe(vocab_table t, vocab_key k, uint32_t h)
{
    for (size_t i = h & t.mask;; i = (i + 1) & t.mask) {
        const vocab_slot *sl = &t.slots[i];
        if (!sl->id || (sl->key.w[0] == k.w[0] && sl->key.w[1] == k.w[1])) return sl;
    }
}

/* The class of a known id (0 for VOCAB_UNKNOWN), its form, the count of
 * ids (VOCAB_UNKNOWN included). */
vocab_cls vocab_class(const vocab *v, int id);
const char *vocab_str(const vocab *v, int id);
int vocab_count(const vocab *v);

/* The classes the form alone gives (VC_TIMEISH, VC_MIDDASH). */
vocab_cls vocab_form_class(const char *s, size_t n);

/* The value of a well-known word (VV_*; 0 for every other id). */
int vocab_value(int id);

#endif
