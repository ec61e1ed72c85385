/* actors.h -- stage 4: who acts.
 *
 * In:  data/actors/{countries,orgs,roles,people}.tsv, the optional
 *      groups.tsv, people-world.tsv and people-phoenix.tsv (plus any --actors
 *      files), a document's tokens and its publication day.
 * Out: actor mentions with the contract's key, code and canonical name
 *      (spec/EVENTS.md §2), found by one phrase matcher over folded tokens,
 *      composed ("Romanian President Klaus Iohannis"), corrected
 *      ("Anthony Brinken"), learned for the rest of the document and
 *      resolved by coreference ("the vice president", "she").
 * The knowledge base is read-only after loading; mentions live in the
 * caller's per-document arena.  Phrases are matched by the vocabulary ids
 * of their words (vocab.h), never by string.
 */
#ifndef SITREP_ACTORS_H
#define SITREP_ACTORS_H

#include <stddef.h>

#include "arena.h"
#include "record.h"
#include "segment.h"

typedef struct actors_kb actors_kb;

/* Loads the files of dir (data/actors): the four required ones, then
 * groups.tsv (orgs format), people-world.tsv and people-phoenix.tsv when
 * present (the last generated: never spelling-corrected, no bare-surname
 * lookup).  The words of every name and role phrase are added to voc,
 * which the matcher then reads (phrases are keyed by word ids: the tokens
 * matched must come from segment_text with voc); voc must outlive the kb.
 * NULL on error, with "file:line: message" in err. */
actors_kb *actors_load(const char *dir, vocab *voc, char *err, size_t errlen);
/* Adds a user file in any of the four formats, chosen by its first
 * comment line "# format: countries|orgs|roles|people" or by its column
 * count (8 columns: people).  Returns 0 or a negative code with err set. */
int actors_add_file(actors_kb *kb, const char *path, char *err, size_t errlen);
void actors_free(actors_kb *kb);
/* Counts for benchmarks and `sitrep dump`. */
size_t actors_phrase_count(const actors_kb *kb);

/* Finds every actor mention in a document.  day is the publication day
 * (-1 if unknown: the latest term of a person is used).  The title (with
 * its own segmentation; both may be NULL) only teaches names; text and
 * title are NUL-terminated (a bare surname looks for full names in both).  Mentions
 * are sorted by position.  Returns 0 or SITREP_ENOMEM. */
int actors_find(const actors_kb *kb, arena *a, const char *text, const sr_segmentation *seg,
                const char *title, const sr_segmentation *title_seg, long day, sr_mention **out,
                int *nout);

/* actors_find for a document and for its title at once: *out and *nout
 * as actors_find(text, seg, title, title_seg) gives them, *tout and
 * *ntout as actors_find(title, title_seg, text, seg) (the title read
 * after learning from the text; none when title or title_seg is NULL).
 * The text's sub-tokens are built once for both, and the title's reader
 * takes the names the text teaches from the text's reader when the title
 * teaches it none.  Returns 0 or SITREP_ENOMEM. */
int actors_find_doc(const actors_kb *kb, arena *a, const char *text, const sr_segmentation *seg,
                    const char *title, const sr_segmentation *title_seg, long day, sr_mention **out,
                    int *nout, sr_mention **tout, int *ntout);

/* A coalition's member keys ("FRA DEU GBR" for the E3; coalitions.tsv),
 * space-separated, or NULL when key is none.  Owned by the kb. */
const char *actors_members(const actors_kb *kb, const char *key);
/* The name of a country key ("Germany"), or the key itself. */
const char *actors_country_name(const actors_kb *kb, const char *key);

/* The role code (GOV, MIL, ...) and class of a role phrase, for the coder.
 * Returns NULL if the folded phrase is not a role. */
const char *actors_role(const actors_kb *kb, const char *folded, const char **rclass);

#endif
