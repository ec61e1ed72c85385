/* test_code.c -- the coder's tables built at load (src/code.c, S_build_lex):
 * with the knowledge of data/ (run from the repository root), what they say
 * of a word (the lemmas that head patterns, the literals it matches, its
 * verb lists, whether it is a past form) is what the lexicon says of it,
 * for every word of the vocabulary, every word of the coder's own and the
 * words near every lemma the coder asks about (coder_check). */
#include <stdio.h>
#include <string.h>

#include "code.h"
#include "pipeline.h"
#include "tests.h"

int main(void)
{
    sitrep_kb kb;
    char err[512] = "";
    int rc = pipeline_load(&kb, "data", NULL, 0, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "%s\n", err);
        return TESTS_DONE("test_code");
    }
    err[0] = 0;
    rc = coder_check(kb.coder, kb.vocab, err, sizeof err);
    if (rc) fprintf(stderr, "coder_check: %s\n", err);
    CHECK_INT(rc, 0);
    pipeline_free(&kb);
    return TESTS_DONE("test_code");
}
