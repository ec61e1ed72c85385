/* read.h -- stage 1: reading input documents (contract §1).
 *
 * In:  paths (JSON Lines files, .txt files, .html/.htm pages (read_html.h),
 *      .warc/.warc.gz archives (read_warc.h), directories, "-" for stdin).
 * Out: one sr_doc at a time, its strings in the caller's per-document
 *      arena, text validated as UTF-8 (invalid bytes replaced by U+FFFD and
 *      reported) and normalised to NFC.
 * Problems are reported through a callback with file and line (or document
 * id); the reader then moves on to the next document, never stops early.
 */
#ifndef SITREP_READ_H
#define SITREP_READ_H

#include <stddef.h>

#include "arena.h"
#include "read_util.h"
#include "record.h"

typedef struct reader reader;

typedef struct {
    size_t max_doc_bytes;   /* larger documents are rejected (default 16 MiB) */
    read_report_fn report;
    void *report_ctx;
} read_options;

/* Opens a reader over paths[0..npaths) (npaths == 0 means stdin).
 * Returns NULL when out of memory.  Free with reader_free. */
reader *reader_open(const char *const *paths, int npaths, const read_options *opt);

/* Reads the next document into *doc, allocating from a.  Returns 1 when a
 * document was read, 0 at the end of all inputs, SITREP_ENOMEM on memory
 * failure.  Bad inputs are reported and skipped. */
int reader_next(reader *r, arena *a, sr_doc *doc);

/* Total bytes read so far (for progress and benchmarks). */
size_t reader_bytes(const reader *r);

void reader_free(reader *r);

/* 1 when the path's extension is one the reader takes (.jsonl, .json,
 * .ndjson, .txt, .text, .html, .htm, .warc, .warc.gz), else 0. */
int read_supported(const char *path);

#endif
