/* batch.c -- parallel, order-preserving document processing (batch.h). */
#include "batch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "sitrep.h"

typedef struct {
    batch_slot *slots;
    int n;
    atomic_int next;
    batch_work_fn work;
    void *ctx;
} S_job;

static void *S_worker(void *arg)
{
    S_job *job = arg;
    for (;;) {
        int i = atomic_fetch_add(&job->next, 1);
        if (i >= job->n) break;
        job->work(job->ctx, &job->slots[i]);
    }
    return NULL;
}

int batch_run(reader *r, int nthreads, int batch, batch_work_fn work, void *wctx,
              batch_emit_fn emit, void *ectx)
{
    if (nthreads < 1) nthreads = 1;
    if (nthreads > 64) nthreads = 64;
    if (batch < nthreads) batch = nthreads;
    batch_slot *slots = calloc((size_t)batch, sizeof *slots);
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    if (!slots || !tids) {
        free(slots);
        free(tids);
        return SITREP_ENOMEM;
    }
    for (int i = 0; i < batch; i++) {
        arena_init(&slots[i].a);
        buf_init(&slots[i].out);
    }
    int rc = 0, done = 0;
    while (!done && !rc) {
        int n = 0;
        while (n < batch) {
            batch_slot *s = &slots[n];
            int st = reader_next(r, &s->a, &s->doc);
            if (st < 0) { rc = st; break; }
            if (st == 0) { done = 1; break; }
            s->rc = 0;
            s->user = NULL;
            buf_reset(&s->out);
            n++;
        }
        if (n == 0) break;
        S_job job = {slots, n, 0, work, wctx};
        atomic_init(&job.next, 0);
        int started = 0;
        if (nthreads > 1 && n > 1) {
            for (int t = 0; t < nthreads && t < n; t++) {
                if (pthread_create(&tids[t], NULL, S_worker, &job) != 0) break;
                started++;
            }
        }
        S_worker(&job); /* the calling thread works too */
        for (int t = 0; t < started; t++) pthread_join(tids[t], NULL);
        for (int i = 0; i < n; i++) {
            int e = rc ? 0 : emit(ectx, &slots[i]);
            if (e && !rc) rc = e;
            arena_free(&slots[i].a);
        }
    }
    for (int i = 0; i < batch; i++) {
        arena_free(&slots[i].a);
        buf_free(&slots[i].out);
    }
    free(slots);
    free(tids);
    return rc;
}
