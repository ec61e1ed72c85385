/* lexicon.h -- English inflection for the coder (verbs and nouns).
 *
 * In:  data/lexicon/verb.exc and noun.exc (WordNet 3.0 exception lists).
 * Out: the candidate lemmas of a folded word form ("met" -> meet,
 *      "planned" -> plan, "talks" -> talk), in the manner of WordNet's
 *      morphy: the exception list first, then the detachment rules.
 * Candidates are not checked against a dictionary: callers look them up in
 * their own tables (the coder, in its pattern heads).
 */
#ifndef SITREP_LEXICON_H
#define SITREP_LEXICON_H

#include <stddef.h>

typedef struct lexicon lexicon;

lexicon *lexicon_load(const char *dir, char *err, size_t errlen);
void lexicon_free(lexicon *lx);

#define LEXICON_MAX 12

typedef enum { LEX_VERB, LEX_NOUN } lexicon_pos;

/* Writes up to LEXICON_MAX candidate lemmas of word into out (pointers into
 * the lexicon or into scratch, which must hold LEXICON_MAX * 64 bytes) and
 * returns their number.  The word itself is always the first candidate. */
int lexicon_lemmas(const lexicon *lx, lexicon_pos pos, const char *word, const char **out,
                   char *scratch);

/* Is the form a past tense or past participle (by exception list or -ed)? */
int lexicon_is_past(const lexicon *lx, const char *word);

/* For tables built at load (the coder's, by vocabulary id), the inverse
 * of lexicon_lemmas.  lexicon_forms calls fn with each form (NUL-
 * terminated, n bytes, valid during the call) that the detachment rules
 * of pos take back to lemma; lexicon_exceptions calls it with each form of
 * pos's exception list and each of its lemmas, after a first call with
 * lemma NULL and rank the number of its lemmas.  With the lemma itself,
 * they are every word whose lexicon_lemmas include lemma, unless that list
 * was cut at LEXICON_MAX: that cannot happen to a word in no exception
 * list while lexicon_bound(pos) <= LEXICON_MAX, nor to one with k lemmas
 * there while lexicon_bound(pos) + k <= LEXICON_MAX.  rank orders the
 * lemmas of one form as lexicon_lemmas lists them (the word itself is rank
 * 0; a lemma found twice is listed at its lower rank).  Each returns 0, or
 * the first nonzero value fn returned. */
typedef int (*lexicon_form_fn)(void *arg, const char *form, size_t n, int rank);
typedef int (*lexicon_exc_fn)(void *arg, const char *form, size_t n, const char *lemma, size_t ln, int rank);
int lexicon_forms(const lexicon *lx, lexicon_pos pos, const char *lemma, lexicon_form_fn fn, void *arg);
int lexicon_exceptions(const lexicon *lx, lexicon_pos pos, lexicon_exc_fn fn, void *arg);
/* The most candidates lexicon_lemmas can find for a word of pos in no
 * exception list: the word and two by each rule it can take. */
int lexicon_bound(lexicon_pos pos);

#endif
