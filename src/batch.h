/* batch.h -- codes documents on N threads, in input order.
 *
 * The reader runs on the calling thread and fills a batch of slots, each
 * with its own arena; worker threads run `work` on the slots (the
 * knowledge bases are read-only, so they share them); then `emit` sees
 * every slot on the calling thread in input order, and the arenas are
 * reset.  Memory stays bounded by the batch size, whatever the input.
 */
#ifndef SITREP_BATCH_H
#define SITREP_BATCH_H

#include "arena.h"
#include "read.h"

typedef struct {
    sr_doc doc;
    arena a;      /* the document's arena: everything of this slot */
    buf out;      /* what work() renders, written by emit() */
    int rc;       /* work()'s result */
    void *user;   /* work() may keep a result here (in the arena) */
} batch_slot;

typedef void (*batch_work_fn)(void *ctx, batch_slot *slot);
typedef int (*batch_emit_fn)(void *ctx, batch_slot *slot);  /* nonzero stops */

/* Reads every document of r.  Returns 0, the first nonzero emit() result,
 * or a negative SITREP_E* code from the reader. */
int batch_run(reader *r, int nthreads, int batch, batch_work_fn work, void *wctx,
              batch_emit_fn emit, void *ectx);

/* Called on the calling thread for each document as it is read, before
 * any work: may set slot->user (for instance to mark a document to skip);
 * nonzero stops. */
typedef int (*batch_prep_fn)(void *ctx, batch_slot *slot);

/* Like batch_run, but pipelined: while nthreads worker threads (at least
 * one) work on one batch, the calling thread emits the previous batch and
 * reads the next, so a slow emit (storing into a database) overlaps the
 * work instead of following it.  Output order is input order.  prep may be
 * NULL. */
int batch_pipeline(reader *r, int nthreads, int batch, batch_prep_fn prep, void *pctx,
                   batch_work_fn work, void *wctx, batch_emit_fn emit, void *ectx);

#endif
