/* watch.c -- the inbox of `sitrep watch DIR` (see watch.h).
 *
 * One inotify watch (IN_CLOSE_WRITE, IN_MOVED_TO) on DIR, one signalfd for
 * SIGINT/SIGTERM, and a queue of file names: first the directory's
 * supported files in name order, then each event's file.  Hidden files
 * (".part", editors' temporaries) are ignored, so writing under a dot name
 * and renaming is the atomic way to drop a file.  The hashes of ingested
 * files live in the table watch_files of the store, whichever its backend
 * (store_file_seen, store_file_done).
 */
#include "watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read.h"
#include "sitrep.h"

struct watch {
    char *dir;
    int ifd, sfd, stopped;
    sigset_t old_mask;
    store *st;
    char **queue;            /* names (not paths) waiting, FIFO */
    size_t head, len, cap;
    char path[PATH_MAX];
    char msg[512];
};

static int S_fail(watch *w, int code, const char *what)
{
    snprintf(w->msg, sizeof w->msg, "%s: %s", what, code == SITREP_EDB ? store_errmsg(w->st) : strerror(errno));
    return code;
}

static int S_enqueue(watch *w, const char *name)
{
    if (name[0] == '.' || !read_supported(name)) return 0;
    if (w->len == w->cap) {
        if (w->head) {
            memmove(w->queue, w->queue + w->head, (w->len - w->head) * sizeof *w->queue);
            w->len -= w->head;
            w->head = 0;
        }
        if (w->len == w->cap) {
            size_t cap = w->cap ? w->cap * 2 : 64;
            char **q = realloc(w->queue, cap * sizeof *q);
            if (!q) return SITREP_ENOMEM;
            w->queue = q;
            w->cap = cap;
        }
    }
    char *s = strdup(name);
    if (!s) return SITREP_ENOMEM;
    w->queue[w->len++] = s;
    return 0;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Queues the files already in the directory, in name order. */
static int S_scan(watch *w)
{
    DIR *d = opendir(w->dir);
    if (!d) return S_fail(w, SITREP_EIO, w->dir);
    struct dirent *e;
    size_t first = w->len;
    int rc = 0;
    while ((e = readdir(d)) && !rc) rc = S_enqueue(w, e->d_name);
    closedir(d);
    if (!rc && w->len > first) qsort(w->queue + first, w->len - first, sizeof *w->queue, S_cmp);
    return rc;
}

int watch_open(const char *dir, store *s, watch **out, char *err, size_t errlen)
{
    *out = NULL;
    watch *w = calloc(1, sizeof *w);
    if (!w) return SITREP_ENOMEM;
    w->ifd = w->sfd = -1;
    w->st = s;
    w->dir = strdup(dir);
    int rc = SITREP_ENOMEM;
    if (!w->dir) goto fail;
    struct stat st;
    if (stat(dir, &st)) {
        rc = S_fail(w, SITREP_EIO, dir);
        goto fail;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(w->msg, sizeof w->msg, "%s: not a directory", dir);
        rc = SITREP_EIO;
        goto fail;
    }
    w->ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w->ifd < 0 || inotify_add_watch(w->ifd, dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
        rc = S_fail(w, SITREP_EIO, dir);
        goto fail;
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, &w->old_mask);
    w->sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    if (w->sfd < 0) {
        rc = S_fail(w, SITREP_EIO, "signalfd");
        goto fail;
    }
    /* the table exists (or is made) before the first file */
    if (store_file_seen(s, "") < 0) {
        rc = S_fail(w, SITREP_EDB, "watch_files");
        goto fail;
    }
    if ((rc = S_scan(w))) goto fail;
    *out = w;
    return 0;
fail:
    snprintf(err, errlen, "%s", w->msg[0] ? w->msg : "out of memory");
    watch_close(w);
    return rc;
}

void watch_close(watch *w)
{
    if (!w) return;
    if (w->ifd >= 0) close(w->ifd);
    if (w->sfd >= 0) {
        close(w->sfd);
        sigprocmask(SIG_SETMASK, &w->old_mask, NULL);
    }
    for (size_t i = w->head; i < w->len; i++) free(w->queue[i]);
    free(w->queue);
    free(w->dir);
    free(w);
}

const char *watch_errmsg(const watch *w) { return w->msg; }

int watch_hash_file(const char *path, char hash[33])
{
    FILE *f = fopen(path, "rb");
    if (!f) return SITREP_EIO;
    uint64_t h = 1469598103934665603ULL, size = 0;
    unsigned char b[65536];
    size_t n;
    while ((n = fread(b, 1, sizeof b, f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            h ^= b[i];
            h *= 1099511628211ULL;
        }
        size += n;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) return SITREP_EIO;
    snprintf(hash, 33, "%016llx%016llx", (unsigned long long)h, (unsigned long long)size);
    return 0;
}

int watch_seen(watch *w, const char *hash)
{
    int rc = store_file_seen(w->st, hash);
    return rc < 0 ? S_fail(w, SITREP_EDB, "watch_files") : rc;
}

int watch_done(watch *w, const char *path, const char *hash)
{
    return store_file_done(w->st, hash, path) ? S_fail(w, SITREP_EDB, "watch_files") : 0;
}

int watch_stop_requested(watch *w)
{
    if (w->stopped) return 1;
    struct signalfd_siginfo si;
    if (read(w->sfd, &si, sizeof si) == (ssize_t)sizeof si) w->stopped = 1;
    return w->stopped;
}

/* Reads pending inotify events into the queue. */
static int S_events(watch *w)
{
    char b[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->ifd, b, sizeof b);
        if (n <= 0) return 0;
        for (char *p = b; p < b + n;) {
            struct inotify_event *e = (struct inotify_event *)(void *)p;
            if (e->len && !(e->mask & IN_ISDIR)) {
                int rc = S_enqueue(w, e->name);
                if (rc) return rc;
            }
            if (e->mask & IN_Q_OVERFLOW) {
                int rc = S_scan(w);
                if (rc) return rc;
            }
            p += sizeof *e + e->len;
        }
    }
}

int watch_next(watch *w, int timeout_ms, const char **path, char hash[33], int *skipped)
{
    for (;;) {
        if (watch_stop_requested(w)) return WATCH_STOP;
        int rc = S_events(w);
        if (rc) return rc;
        while (w->head < w->len) {
            char *name = w->queue[w->head++];
            snprintf(w->path, sizeof w->path, "%s%s%s", w->dir,
                     w->dir[strlen(w->dir) - 1] == '/' ? "" : "/", name);
            free(name);
            struct stat st;
            if (stat(w->path, &st) || !S_ISREG(st.st_mode)) continue;
            if (watch_hash_file(w->path, hash)) continue;
            int seen = watch_seen(w, hash);
            if (seen < 0) return seen;
            if (seen) {
                if (skipped) (*skipped)++;
                continue;
            }
            *path = w->path;
            return 1;
        }
        struct pollfd pf[2] = {{w->ifd, POLLIN, 0}, {w->sfd, POLLIN, 0}};
        int pr = poll(pf, 2, timeout_ms);
        if (pr < 0 && errno != EINTR) return S_fail(w, SITREP_EIO, "poll");
        if (pr == 0) return 0;
    }
}
