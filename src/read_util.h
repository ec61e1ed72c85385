/* read_util.h -- what the readers share, below read.c, read_html.c and
 * read_warc.c (which call one another downwards only: read -> warc -> html
 * -> util): the problem report every reader calls back, and the UTF-8
 * repair and NFC normalisation every document's text goes through.
 */
#ifndef SITREP_READ_UTIL_H
#define SITREP_READ_UTIL_H

#include <stddef.h>

#include "arena.h"

/* Severity of a reported problem. */
typedef enum { READ_WARN, READ_ERROR, READ_INFO } read_level;

/* Called for each problem: file, line (0 if none; a record number in a
 * WARC), document id (NULL if unknown), message.  An ERROR means something
 * was lost or skipped; a WARN means the document was repaired and kept; an
 * INFO is a per-file summary (the records a WARC reader skipped). */
typedef void (*read_report_fn)(void *ctx, read_level lvl, const char *file,
                               long line, const char *doc_id, const char *msg);

/* Validates s[0..n) as UTF-8; invalid sequences become U+FFFD and NUL
 * bytes are dropped.  Returns the repaired copy in a (NUL-terminated, its
 * length in *outlen when outlen is not NULL; NULL when out of memory) and
 * sets *bad to the number of repaired sequences.  With nfc, also
 * NFC-normalises (as utf8proc_map with UTF8PROC_STABLE | UTF8PROC_COMPOSE,
 * calling it only on the stretches NFC could change). */
char *read_utf8_clean(arena *a, const char *s, size_t n, int nfc, size_t *outlen,
                      size_t *bad);

/* The length of the longest prefix of s[0..n) that is valid UTF-8 without
 * NUL bytes: n when read_utf8_clean would find nothing to repair. */
size_t read_utf8_valid(const char *s, size_t n);

#endif
