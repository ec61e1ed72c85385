/* fuzz.h -- helpers shared by the libFuzzer targets in fuzz/ (issue 8).
 *
 * Only the harnesses include this; nothing in src/ depends on it.  The
 * knowledge directory is $SITREP_DATA, else "data" (make -f fuzz/Makefile
 * runs from the repository root).  Knowledge loaded once by a target lives
 * in a static pointer for the life of the process (libFuzzer calls the
 * target repeatedly and offers no per-process context) and is freed at exit,
 * so LeakSanitizer sees no leak.
 */
#ifndef SITREP_FUZZ_H
#define SITREP_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

static inline const char *fuzz_datadir(void)
{
    const char *d = getenv("SITREP_DATA");
    return d && *d ? d : "data";
}

/* A fatal set-up failure (not a finding): say why and stop. */
static inline void fuzz_die(const char *what, const char *err)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, err);
    exit(2);
}

/* The readers' report callback for the reader targets: every message must
 * exist (a NULL one traps); ctx is a size_t summing their lengths, so each
 * is read in full. */
static inline void fuzz_report(void *ctx, read_level lvl, const char *file, long line, const char *doc_id,
                               const char *msg)
{
    (void)lvl; (void)file; (void)line; (void)doc_id;
    if (!msg) __builtin_trap();
    (*(size_t *)ctx) += strlen(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#endif
