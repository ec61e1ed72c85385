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

/* The probability of the feature set feats[0..n) (unknown names weigh 0).
 * When why is not NULL and whylen > 0, the heaviest features (by absolute
 * weight) are written there as "name+0.83 name-0.41 ...". */
double learn_score(const learn_model *m, const char *const *feats, int n, char *why, size_t whylen);

#endif
