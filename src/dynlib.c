/* dynlib.c -- libraries loaded on first use (dynlib.h). */
#include "dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;

static void S_open(dynlib *lib)
{
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(lib->err, sizeof lib->err, "cannot load %s: %s", lib->soname, e ? e : "not found");
        lib->failed = 1;
        return;
    }
    for (size_t i = 0; lib->names[i]; i++)
        if (!(lib->addrs[i] = dlsym(h, lib->names[i]))) {
            snprintf(lib->err, sizeof lib->err, "cannot load %s: it has no %s", lib->soname,
                     lib->names[i]);
            lib->failed = 1;
            return;
        }
}

int dynlib_load(dynlib *lib, char *err, size_t errlen)
{
    pthread_mutex_lock(&S_lock);
    if (!lib->tried) {
        S_open(lib);
        lib->tried = 1;
    }
    int failed = lib->failed;
    pthread_mutex_unlock(&S_lock);
    if (failed && err && errlen) snprintf(err, errlen, "%s", lib->err);
    return failed ? -1 : 0;
}
