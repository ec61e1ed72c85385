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

#endif
