/* eval.h -- scoring system events against gold annotations (contract §4).
 *
 * In:  gold events (contract §3) and system events (contract §2), both
 *      JSON Lines.
 * Out: strict and relaxed precision/recall/F1, modality, date and location
 *      accuracy on matched pairs, optional per-document and per-type tables,
 *      and a per-type confusion table.
 */
#ifndef SITREP_EVAL_H
#define SITREP_EVAL_H

#include <stdio.h>

typedef struct {
    int by_doc, by_type, confusion;  /* print extra tables */
    int json;                        /* print one JSON object instead of text */
} eval_options;

typedef struct {
    int gold, system, matched;           /* strict */
    double precision, recall, f1;
    int r_matched;                       /* relaxed (target ignored) */
    double r_precision, r_recall, r_f1;
    int modality_ok, modality_n;         /* on strict matches */
    int date_ok, date_n;                 /* where gold has a date */
    int location_ok, location_n;         /* where gold has a location */
    int world_events, world_merged;      /* gold world events, how many came out merged */
} eval_result;

/* Reads both files (path "-" is stdin; at most one may be), scores, fills
 * *res and prints the report to out.  Lines that fail to parse are reported
 * on err as "FILE:LINE: message" and skipped.  Returns 0 or a negative
 * SITREP_E* code (files unreadable). */
int eval_files(const char *gold_path, const char *sys_path, const eval_options *opt,
               FILE *out, FILE *err, eval_result *res);

#endif
