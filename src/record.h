/* record.h -- the records every layer shares, at the bottom of the include
 * graph (as cmark keeps its node in node.h): the document of contract §1
 * (sr_doc), an actor mention (sr_mention), a gazetteer place (sr_place) and
 * a sentence's reference to one (sr_place_ref), and the event of contract
 * §2 (sr_event) with its modality.  The stages fill them (read.h, actors.h,
 * place.h, code.h); the store, the exports and the server read them
 * without including the stages.  A record owns nothing: its strings live
 * in the document's arena or in a knowledge base.
 */
#ifndef SITREP_RECORD_H
#define SITREP_RECORD_H

#include <stddef.h>

#include "sitrep.h"

/* ---- the document (read.h, contract §1) ---------------------------------- */

typedef enum {
    DATE_NONE = 0,    /* no publication date: relative dates stay unresolved */
    DATE_GIVEN,       /* from the document's own "date" field */
    DATE_OPTION,      /* from --date */
    DATE_DATELINE     /* inferred from a dateline in the text */
} sr_date_origin;

typedef struct {
    const char *id;
    const char *date;     /* as given in the input, or NULL */
    const char *source, *url, *title;
    const char *text;     /* NUL-terminated, valid UTF-8, NFC */
    size_t text_len;
    long day;             /* publication day number, or -1 */
    sr_date_origin date_origin;
    const char *file;     /* input path ("-" for stdin) */
    long line;            /* line number in a JSON Lines file, else 0 */
} sr_doc;

/* ---- an actor mention (actors.h) ----------------------------------------- */

typedef enum {
    AK_COUNTRY = 1,  /* a country, its people or an unnamed part of it */
    AK_ORG,          /* an international organisation */
    AK_PERSON,       /* a named (or coreferent) person */
    AK_GROUP         /* a role with a country: troops, ministry, lawmakers */
} actor_kind;

/* How a mention was resolved (bits). */
enum {
    AH_EXACT = 1 << 0,      /* phrase from the data */
    AH_COMPOSED = 1 << 1,   /* adjective/role/name composition */
    AH_LEARNED = 1 << 2,    /* a name learned earlier in the document */
    AH_CORRECTED = 1 << 3,  /* misspelling corrected */
    AH_COREF = 1 << 4,      /* role noun ("the vice president") */
    AH_PRONOUN = 1 << 5,    /* he, she, they, the country */
    AH_ADJ = 1 << 6,        /* an adjective modifying a noun ("Russian invasion") */
    AH_METONYM = 1 << 7,    /* seat of power ("the Kremlin") */
    AH_POSS = 1 << 8,       /* possessive ("Russia's") */
    AH_PLACE = 1 << 9,      /* a place standing for its country ("struck Lviv") */
    AH_DATELINE = 1 << 10   /* in a dateline ("MEXICO CITY (AP) --"): where the
                             * article was written, no actor of its events */
};

typedef struct {
    int t0, t1;            /* token span [t0, t1) in the document */
    int start, end;        /* byte span in the text */
    int sent;              /* sentence index */
    const char *name;      /* canonical name */
    char key[16];          /* ISO3 or organisation key */
    char code[24];         /* CAMEO-style actor code (RUSGOV, RUSMIL, NATO...) */
    actor_kind kind;
    unsigned how;          /* AH_* */
    char gender;           /* 'm', 'f' or '-' */
    int plural;            /* troops, lawmakers, Ukrainians */
    const char *rclass;    /* a person's role class on the date (roles.tsv), or NULL */
    const char *why;       /* one-line explanation (for --explain) */
    int pair;              /* "they" for two sides: 1 the first named, 2 the second, else 0 */
} sr_mention;

/* ---- a place (place.h) --------------------------------------------------- */

typedef struct {
    const char *name;     /* canonical name ("Kyiv") */
    char country[4];      /* ISO 3166-1 alpha-3 ("UKR") */
    char kind;            /* 'C' country, 'A' first-level region, 'P' populated place */
    double lat, lon;
    long population;
} sr_place;

/* A place found in a sentence. */
typedef struct {
    int t0, t1;
    const sr_place *place;
} sr_place_ref;

/* ---- the event (code.h, contract §2) ------------------------------------- */

typedef enum { MOD_ASSERTED = 0, MOD_PLANNED, MOD_HYPOTHETICAL, MOD_NEGATED } sr_modality;
/* "asserted", "planned", "hypothetical" or "negated" (static). */
const char *record_modality_name(sr_modality m);

typedef struct {
    int sent;
    int start, end;            /* evidence span (bytes) */
    const char *type, *mode, *cameo;
    int quad;
    double goldstein;
    sr_modality modality;
    const sr_mention *source, *target;  /* target may be NULL */
    const sr_place *place;     /* may be NULL */
    const char *place_text;
    long day;                  /* -1 when undated */
    sitrep_prec prec;
    const char *date_text;
    const char *trigger;       /* the words that fired the pattern */
    double confidence;
    const char *pattern;       /* "consult.txt:12: meet with $T" */
    const char *cues;          /* modality cues, for --explain */
    int implicit_target;       /* internal: target to be found in the document */
    int trig0, trig1;          /* internal: the trigger's tokens */
    /* set by the pipeline: the text the spans point into (the document's
     * text, or its title when in_title) and the evidence sentence in it */
    const char *base;
    int in_title;
    int ev_start, ev_end;
    /* with code_input.candidates: the candidate's features and score, and
     * whether the rules coded the same keys */
    const char *features;
    double score;
    int rule;
} sr_event;

#endif
