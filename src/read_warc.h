/* read_warc.h -- stage 1 for web archives: WARC/1.0 and WARC/1.1 files,
 * plain or gzip-compressed (one member per record, or one for the file).
 *
 * In:  an open file, read as a stream in 1 MiB pieces; gzip members are
 *      inflated whole (libdeflate) when they fit, else streamed (zlib).
 * Out: one sr_doc per `response` record with an HTML payload (id =
 *      WARC-Record-ID without its angle brackets, url = WARC-Target-URI,
 *      line = record number, date from the page, else its dateline, else
 *      WARC-Date, reported).  Other records are counted in one READ_INFO.
 * Memory: one record (<= max_doc_bytes) at a time, whatever the file size:
 *      at most the input buffer and one inflated member (each under
 *      max_doc_bytes, at most 64 MiB, + 1 MiB) and one copied block.
 */
#ifndef SITREP_READ_WARC_H
#define SITREP_READ_WARC_H

#include <stdio.h>

#include "arena.h"
#include "read_util.h"
#include "record.h"

typedef struct warc_reader warc_reader;

/* Opens a reader over fp (not owned; the caller closes it).  path names
 * the file in reports.  Returns NULL when out of memory. */
warc_reader *read_warc_open(FILE *fp, const char *path, size_t max_doc_bytes,
                            read_report_fn report, void *report_ctx);

/* Reads the next document into *doc (strings in a).  Returns 1, 0 at the
 * end of the file (after the summary report), or SITREP_ENOMEM.  Bad
 * records are reported with the record number and id, then skipped. */
int read_warc_next(warc_reader *w, arena *a, sr_doc *doc);

/* Bytes read from the file so far (compressed bytes for .warc.gz). */
size_t read_warc_bytes(const warc_reader *w);

/* 1 when the bytes start a WARC file: "WARC/" or a gzip member. */
int read_warc_sniff(const unsigned char *s, size_t n);

void read_warc_free(warc_reader *w);

#endif
