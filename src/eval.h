/* eval.h -- scoring system events against gold annotations (contract §4).
 *
 * In:  gold events (contract §3) and system events (contract §2), both
 *      JSON Lines.
 * Out: strict and relaxed precision/recall/F1, modality, date and location
 *      accuracy on matched pairs, optional per-document and per-type tables,
 *      a per-type confusion table, and the error kinds of the events the
 *      strict match leaves over (eval_error_kind).
 */
#ifndef SITREP_EVAL_H
#define SITREP_EVAL_H

#include <stdio.h>

typedef struct {
    int by_doc, by_type, confusion;  /* print extra tables */
    int json;                        /* print one JSON object instead of text */
    int errors;                      /* print the error-kind table */
    int differences;                 /* list matched pairs whose modality,
                                      * date or location differ */
} eval_options;

/* Why an event was left over by the strict match (§4).  The "sentence" of
 * an event is its evidence: a gold line's `evidence`, a system event's
 * `evidence` (the sentence it was coded from); two events are in one
 * sentence when these overlap in the text (one contains the other, or one
 * ends with at least EVAL_OVERLAP bytes the other starts with).  An
 * unmatched event X is classified against the events of the other side in
 * its document, taking the first kind that applies in this order:
 *   SPLIT   an event with X's type and keys (a strict candidate) exists
 *           but is paired with another line: gold lines that differ only
 *           in modality or date and got one system line, or a second
 *           system line for a gold event already matched;
 *   TARGET  one in X's sentence has X's type and source, another target;
 *   SOURCE  one in X's sentence has X's type and target, another source;
 *   TYPE    one in X's sentence has X's keys (either order when both
 *           types are symmetric), another type;
 *   ACTORS  one in X's sentence has X's type, both keys differ;
 *   OTHER   X's sentence has only events of another type and other keys;
 *   NONE    no event of the other side in X's sentence.
 * For the symmetric types (CONSULT, AGREE, COOPERATE) source and target
 * are also compared swapped, as in the match.  Events without evidence
 * are in no sentence.  The enum order is the order of the report; --json
 * names them no_event, other_type, wrong_source, wrong_target,
 * wrong_actors, other_event, split. */
typedef enum {
    EVAL_ERR_NONE,
    EVAL_ERR_TYPE,
    EVAL_ERR_SOURCE,
    EVAL_ERR_TARGET,
    EVAL_ERR_ACTORS,
    EVAL_ERR_OTHER,
    EVAL_ERR_SPLIT,
    EVAL_NERR
} eval_error_kind;

#define EVAL_OVERLAP 16

typedef struct {
    int gold, system, matched;           /* strict */
    double precision, recall, f1;
    int r_matched;                       /* relaxed (target ignored) */
    double r_precision, r_recall, r_f1;
    int modality_ok, modality_n;         /* on strict matches */
    int date_ok, date_n;                 /* where gold has a date */
    int location_ok, location_n;         /* where gold has a location */
    int world_events, world_merged;      /* gold world events, how many came out merged */
    int missed[EVAL_NERR];               /* unmatched gold events by kind */
    int extra[EVAL_NERR];                /* unmatched system events by kind */
} eval_result;

/* Reads both files (path "-" is stdin; at most one may be), scores, fills
 * *res and prints the report to out.  Lines that fail to parse are reported
 * on err as "FILE:LINE: message" and skipped.  Returns 0 or a negative
 * SITREP_E* code (files unreadable). */
int eval_files(const char *gold_path, const char *sys_path, const eval_options *opt,
               FILE *out, FILE *err, eval_result *res);

#endif
