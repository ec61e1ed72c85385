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

/* Reads up to n documents into slots; *done when the input ended. */
static int S_fill(reader *r, batch_slot *slots, int n, batch_prep_fn prep, void *pctx, int *got, int *done)
{
    *got = 0;
    while (*got < n) {
        batch_slot *s = &slots[*got];
        int st = reader_next(r, &s->a, &s->doc);
        if (st < 0) return st;
        if (st == 0) { *done = 1; break; }
        s->rc = 0;
        s->user = NULL;
        buf_reset(&s->out);
        (*got)++;
        if (prep) {
            int e = prep(pctx, s);
            if (e) return e;
        }
    }
    return 0;
}

typedef struct {
    S_job job;
    pthread_t tids[64];
    int started;
} S_crew;

/* Starts up to nthreads workers on job; when none can start, works on
 * the calling thread. */
static void S_start(S_crew *c, int nthreads)
{
    c->started = 0;
    for (int t = 0; t < nthreads && t < c->job.n; t++) {
        if (pthread_create(&c->tids[t], NULL, S_worker, &c->job) != 0) break;
        c->started++;
    }
    if (!c->started) S_worker(&c->job);
}

static void S_join(S_crew *c)
{
    for (int t = 0; t < c->started; t++) pthread_join(c->tids[t], NULL);
    c->started = 0;
}

int batch_pipeline(reader *r, int nthreads, int batch, batch_prep_fn prep, void *pctx,
                   batch_work_fn work, void *wctx, batch_emit_fn emit, void *ectx)
{
    if (nthreads < 1) nthreads = 1;
    if (nthreads > 64) nthreads = 64;
    if (batch < nthreads) batch = nthreads;
    batch_slot *slots = calloc((size_t)batch * 2, sizeof *slots);
    S_crew *crew = calloc(2, sizeof *crew);
    if (!slots || !crew) {
        free(slots);
        free(crew);
        return SITREP_ENOMEM;
    }
    for (int i = 0; i < batch * 2; i++) {
        arena_init(&slots[i].a);
        buf_init(&slots[i].out);
    }
    /* half h holds slots[h*batch ..]; `cur` is being worked on while the
     * other, already worked, is emitted */
    int rc = 0, done = 0, cur = 0, n = 0, prev_n = 0;
    rc = S_fill(r, slots, batch, prep, pctx, &n, &done);
    while (!rc && n > 0) {
        S_crew *c = &crew[cur];
        c->job = (S_job){slots + (size_t)cur * batch, n, 0, work, wctx};
        atomic_init(&c->job.next, 0);
        S_start(c, nthreads);
        /* meanwhile: emit the previous batch, then read the next one */
        batch_slot *ps = slots + (size_t)(1 - cur) * batch;
        for (int i = 0; i < prev_n; i++) {
            int e = rc ? 0 : emit(ectx, &ps[i]);
            if (e && !rc) rc = e;
            arena_free(&ps[i].a);
        }
        prev_n = 0;
        int next_n = 0;
        if (!rc && !done) rc = S_fill(r, ps, batch, prep, pctx, &next_n, &done);
        S_join(c);
        /* the batch just worked on is emitted in the next round */
        prev_n = n;
        n = next_n;
        cur = 1 - cur;
        if (!n && !rc) {
            batch_slot *ws = slots + (size_t)(1 - cur) * batch;
            for (int i = 0; i < prev_n; i++) {
                int e = rc ? 0 : emit(ectx, &ws[i]);
                if (e && !rc) rc = e;
                arena_free(&ws[i].a);
            }
            prev_n = 0;
        }
    }
    for (int i = 0; i < batch * 2; i++) {
        arena_free(&slots[i].a);
        buf_free(&slots[i].out);
    }
    free(slots);
    free(crew);
    return rc;
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
