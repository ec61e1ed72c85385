/* clean.h -- stage 2: dropping what is not article prose.
 *
 * In:  a document's text (and title), the rules of data/clean/rules.txt.
 * Out: kept regions (byte spans of the text, one per kept line or line
 *      part) in text order; offsets always refer to the original text.
 * The rules are loaded once and read-only afterwards.
 */
#ifndef SITREP_CLEAN_H
#define SITREP_CLEAN_H

#include <stddef.h>

#include "arena.h"
#include "segment.h"

typedef struct clean_rules clean_rules;

/* Loads a rules file.  On error returns NULL and writes "path:line: msg"
 * into err. */
clean_rules *clean_load(const char *path, char *err, size_t errlen);
void clean_free(clean_rules *r);

/* Turns the rules' prefilters on (as clean_load leaves them, in the C
 * locale) or off (every rule tried on every line, for tests).  Returns the
 * number of regex rules that have one. */
int clean_prefilter(clean_rules *r, int on);

/* Splits text into lines and keeps the prose.  *out is allocated in a.
 * Returns the number of kept regions (>= 0) or SITREP_ENOMEM. *dropped (may
 * be NULL) receives the number of dropped lines. */
int clean_text(const clean_rules *r, arena *a, const char *text, size_t len,
               const char *title, sr_region **out, int *dropped);

#endif
