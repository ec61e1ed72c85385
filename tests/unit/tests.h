/* tests.h -- the tiny harness shared by the C unit tests in tests/unit/.
 * Each test program calls CHECK/CHECK_STR/CHECK_INT and ends with
 * `return TESTS_DONE("name");`, which prints "name: N passed, M failed". */
#ifndef SITREP_TESTS_H
#define SITREP_TESTS_H

#include <stdio.h>
#include <string.h>

static int tests_passed, tests_failed;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (cond) tests_passed++;                                            \
        else {                                                               \
            tests_failed++;                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

#define CHECK_INT(got, want)                                                   \
    do {                                                                       \
        long long g_ = (long long)(got), w_ = (long long)(want);               \
        if (g_ == w_) tests_passed++;                                          \
        else {                                                                 \
            tests_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__,      \
                    __LINE__, #got, g_, w_);                                   \
        }                                                                      \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *g_ = (got), *w_ = (want);                                  \
        if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0))   \
            tests_passed++;                                                    \
        else {                                                                 \
            tests_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__,  \
                    __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");   \
        }                                                                      \
    } while (0)

#define TESTS_DONE(name)                                                       \
    (printf("%s: %d passed, %d failed\n", name, tests_passed, tests_failed),   \
     tests_failed ? 1 : 0)

#endif
