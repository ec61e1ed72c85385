/* place.h -- stage 6: the gazetteer and place resolution.
 *
 * In:  data/gazetteer/places.tsv (built by scripts/build-gazetteer from
 *      GeoNames, CC-BY 4.0) and the folded tokens of a sentence.
 * Out: sr_place entries (read-only after load) for names in the text,
 *      disambiguated by population and the countries the document mentions.
 * The gazetteer owns all its memory; gazetteer_free releases it.
 */
#ifndef SITREP_PLACE_H
#define SITREP_PLACE_H

#include "record.h"
#include "segment.h"

typedef struct gazetteer gazetteer;

/* Loads the gazetteer file.  On error returns NULL and writes a message
 * naming file and line into err (errlen bytes). */
gazetteer *gazetteer_load(const char *path, char *err, size_t errlen);
void gazetteer_free(gazetteer *g);
size_t gazetteer_count(const gazetteer *g);

/* Longest place name starting at token i (folded tokens, multiword names
 * such as "new york" or "rio de janeiro").  Candidates sharing the name are
 * ranked: a country or a place in one of the context countries (ISO3
 * codes, most relevant first) wins, then population.  A venue (a place of
 * population 0: data/gazetteer/venues.tsv) gives way to a populated place
 * of its country near it that the sentence (n is its end) names after "in"
 * or "at".  Returns the number of tokens matched (0 if none) and sets *best. */
int gazetteer_match(const gazetteer *g, const sr_token *toks, int i, int n,
                    const char (*context)[4], int ncontext,
                    const sr_place **best);

/* The country entry (kind 'C') of an ISO3 code, or NULL. */
const sr_place *gazetteer_country(const gazetteer *g, const char *iso3);

/* Looks up one exact folded name ("warsaw"), same ranking.  NULL if none. */
const sr_place *gazetteer_lookup(const gazetteer *g, const char *folded_name,
                                 const char (*context)[4], int ncontext);

/* The capital of the country with ISO3 code iso3 (the populated place at
 * the country's coordinates, which scripts/build-gazetteer takes from its
 * capital); NULL if unknown. */
const sr_place *gazetteer_capital(const gazetteer *g, const char *iso3);

#endif
