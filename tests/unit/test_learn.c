/* test_learn.c -- the linear model of the learned layer (src/learn.c):
 * the file format, scores as the logistic of the summed weights, the
 * heaviest features explained, and file:line errors for bad files. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "learn.h"
#include "tests.h"

static const char *S_write(const char *name, const char *body)
{
    static char path[256];
    snprintf(path, sizeof path, "build/tests/%s", name);
    FILE *f = fopen(path, "w");
    if (!f) return NULL;
    fputs(body, f);
    fclose(f);
    return path;
}

int main(void)
{
    char err[512] = "";
    const char *p = S_write("learn-ok.tsv", "# a model\n"
                                            "threshold\t0.60\n"
                                            "bias\t-1.0\n"
                                            "T=CONSULT\t0.5\n"
                                            "CONSULT|g:link=with\t2.0\n"
                                            "CONSULT|s:report_between\t-3.0\n");
    learn_model *m = learn_load(p, err, sizeof err);
    CHECK(m != NULL);
    if (!m) return TESTS_DONE("test_learn");
    CHECK_INT(learn_feature_count(m), 3);
    CHECK(fabs(learn_threshold(m) - 0.60) < 1e-9);
    /* no feature known: the bias alone */
    const char *none[] = {"unknown"};
    CHECK(fabs(learn_score(m, none, 1, NULL, 0) - 1.0 / (1.0 + exp(1.0))) < 1e-9);
    /* -1 + 0.5 + 2.0 = 1.5 */
    const char *meet[] = {"T=CONSULT", "CONSULT|g:link=with", "unknown"};
    char why[128];
    double s = learn_score(m, meet, 3, why, sizeof why);
    CHECK(fabs(s - 1.0 / (1.0 + exp(-1.5))) < 1e-9);
    CHECK(s >= learn_threshold(m));
    /* the heaviest feature is named first */
    CHECK(strncmp(why, "CONSULT|g:link=with+2.00", 24) == 0);
    CHECK(strstr(why, "T=CONSULT+0.50") != NULL);
    /* a reporting verb between: -1 + 0.5 + 2 - 3 = -1.5, below the threshold */
    const char *rep[] = {"T=CONSULT", "CONSULT|g:link=with", "CONSULT|s:report_between"};
    s = learn_score(m, rep, 3, why, sizeof why);
    CHECK(s < learn_threshold(m));
    CHECK(strncmp(why, "CONSULT|s:report_between-3.00", 29) == 0);
    /* more features than the explanation names: the six heaviest, in order */
    learn_free(m);
    p = S_write("learn-many.tsv", "bias\t0\na\t0.1\nb\t-0.2\nc\t0.3\nd\t-0.4\ne\t0.5\nf\t-0.6\ng\t0.7\nh\t-0.8\n");
    m = learn_load(p, err, sizeof err);
    CHECK(m != NULL);
    if (!m) return TESTS_DONE("test_learn");
    const char *many[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
    learn_score(m, many, 8, why, sizeof why);
    CHECK_STR(why, "h-0.80 g+0.70 f-0.60 e+0.50 d-0.40 c+0.30");
    const char *rev[] = {"h", "g", "f", "e", "d", "c", "b", "a"};
    learn_score(m, rev, 8, why, sizeof why);
    CHECK_STR(why, "h-0.80 g+0.70 f-0.60 e+0.50 d-0.40 c+0.30");
    CHECK(fabs(learn_sum(m, many, 8) - (-0.4)) < 1e-9);
    CHECK(fabs(learn_prob(m, 0.0) - 0.5) < 1e-9);
    learn_free(m);

    /* errors name the file and line */
    p = S_write("learn-bad.tsv", "# bad\nbias\t-1\nT=AGREE 0.4\n");
    CHECK(learn_load(p, err, sizeof err) == NULL);
    CHECK(strstr(err, "learn-bad.tsv:3:") != NULL);
    p = S_write("learn-num.tsv", "bias\tminus one\n");
    CHECK(learn_load(p, err, sizeof err) == NULL);
    CHECK(strstr(err, "learn-num.tsv:1:") != NULL);
    p = S_write("learn-dup.tsv", "T=AGREE\t1\nT=AGREE\t2\n");
    CHECK(learn_load(p, err, sizeof err) == NULL);
    CHECK(strstr(err, "learn-dup.tsv:2:") != NULL && strstr(err, "twice") != NULL);
    CHECK(learn_load("build/tests/no-such-model.tsv", err, sizeof err) == NULL);
    CHECK(strstr(err, "no-such-model.tsv") != NULL);
    learn_free(NULL);
    return TESTS_DONE("test_learn");
}
