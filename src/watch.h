/* watch.h -- the inbox of `sitrep watch DIR`: which files to ingest, once.
 *
 * In:  a directory (its supported files, read.h's read_supported, already
 *      there in name order, then each file closed after writing or moved
 *      in, seen through inotify) and SIGINT/SIGTERM (through a signalfd;
 *      watch_open blocks them, watch_close unblocks them).
 * Out: paths to ingest, each content once: hashes of ingested files live
 *      in the store's table `watch_files` (kept across restarts), reached
 *      through store.h (store_file_seen, store_file_done), so SQLite and
 *      PostgreSQL stores alike.
 * The caller ingests the file, commits the store, then calls watch_done.
 */
#ifndef SITREP_WATCH_H
#define SITREP_WATCH_H

#include <stddef.h>

#include "store.h"

typedef struct watch watch;

/* Returned by watch_next when SIGINT or SIGTERM arrived. */
#define WATCH_STOP 2

/* Starts watching dir; the table lives in the store s (opened for
 * writing; the caller keeps it and closes it after watch_close).  Returns 0
 * and *out (free with watch_close), or a negative SITREP_E* code with a
 * message in err. */
int watch_open(const char *dir, store *s, watch **out, char *err, size_t errlen);

/* The next file to ingest.  Waits up to timeout_ms (-1: no limit).
 * Returns 1 with *path (valid until the next call) and hash (32 hex
 * digits), 0 on timeout, WATCH_STOP after a signal, or a negative code
 * (watch_errmsg).  Files already ingested are skipped and counted in
 * *skipped (may be NULL); unreadable ones are skipped too. */
int watch_next(watch *w, int timeout_ms, const char **path, char hash[33], int *skipped);

/* 1 when SIGINT or SIGTERM arrived (never waits). */
int watch_stop_requested(watch *w);

/* Records the file's hash as ingested.  Returns 0 or SITREP_EDB. */
int watch_done(watch *w, const char *path, const char *hash);

/* 1 when a file with this content hash was ingested, 0 if not, or
 * SITREP_EDB. */
int watch_seen(watch *w, const char *hash);

const char *watch_errmsg(const watch *w);

/* Content hash of a file: 64-bit FNV-1a and the size, 32 hex digits.
 * Returns 0 or SITREP_EIO. */
int watch_hash_file(const char *path, char hash[33]);

void watch_close(watch *w);

#endif
