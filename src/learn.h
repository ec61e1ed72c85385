/* learn.h -- a linear model over named features (logistic regression).
 *
 * The model is data, apart from the algorithm that uses it (liblinear's
 * habit): data/model/events.tsv holds one weight per feature name, written
 * by scripts/train-model from the gold annotations and read here.  Scoring
 * is a sum of the weights of the features present, squashed to a
 * probability.  The format:
 *
 *     # comment lines
 *     threshold <TAB> 0.42        probability at or above which a candidate is kept
 *     bias <TAB> -1.3
 *     FEATURE <TAB> WEIGHT        one a line, names without tabs
 *
 * Numbers are read independently of the locale.  The model is read-only
 * after loading (safe to share between threads).
 */
#ifndef SITREP_LEARN_H
#define SITREP_LEARN_H

#include <stddef.h>

typedef struct learn_model learn_model;

/* Loads path.  NULL on error, with "file:line: message" in err. */
learn_model *learn_load(const char *path, char *err, size_t errlen);
void learn_free(learn_model *m);
size_t learn_feature_count(const learn_model *m);
double learn_threshold(const learn_model *m);

/* The sum of the weights of feats[0..n) (unknown names weigh 0), and the
 * probability of a sum of such sums (the bias added): scores built from
 * groups of features computed once each. */
double learn_sum(const learn_model *m, const char *const *feats, int n);
double learn_prob(const learn_model *m, double sum);

/* By index, for callers that look each feature up once: the index of the
 * feature name[0..n) (no NUL needed), or -1 when the model lacks it; its
 * weight and name (the model's); and learn_score's explanation of features already looked up
 * (ix[i] the index of feats[i], or -1), written the same way. */
int learn_index(const learn_model *m, const char *name, size_t n);
double learn_weight(const learn_model *m, int k);
const char *learn_name(const learn_model *m, int k);
void learn_explain(const learn_model *m, const int *ix, const char *const *feats, int n, char *why, size_t whylen);

/* The probability of the feature set feats[0..n) (unknown names weigh 0).
 * When why is not NULL and whylen > 0, the heaviest features (by absolute
 * weight) are written there as "name+0.83 name-0.41 ...". */
double learn_score(const learn_model *m, const char *const *feats, int n, char *why, size_t whylen);

#endif
