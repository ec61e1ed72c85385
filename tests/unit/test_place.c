/* test_place.c -- unit tests for the gazetteer (src/place.c).
 *
 * Loads data/gazetteer/places.tsv (run from the repository root) and checks
 * single and multiword matches, ranking by context and population, the
 * capitalisation rule, possessives, lookups and file:line errors on a
 * malformed file.  The load time is printed, never asserted.
 */
#define _POSIX_C_SOURCE 200809L
#include "place.h"

#include "tests.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <sys/time.h> /* not <time.h>: -Isrc has a time.h */
#include <unistd.h>

#define GAZ "data/gazetteer/places.tsv"

/* Splits s on spaces into toks: TOK_CAP when the first byte is upper case,
 * norm is the ASCII lower-cased word.  Returns the number of tokens. */
static int tokens(arena *a, const char *s, sr_token *toks, int max)
{
    int n = 0;
    const char *p = s;
    while (*p && n < max) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *e = p;
        while (*e && *e != ' ') e++;
        char *norm = arena_strndup(a, p, (size_t)(e - p));
        for (char *q = norm; *q; q++) *q = (char)tolower((unsigned char)*q);
        toks[n].start = (int)(p - s);
        toks[n].end = (int)(e - s);
        toks[n].norm = norm;
        toks[n].flags = TOK_WORD | (isupper((unsigned char)*p) ? TOK_CAP : 0);
        n++;
        p = e;
    }
    return n;
}

/* Matches at token i of text; returns the number of tokens matched. */
static int match(const gazetteer *g, const char *text, int i,
                 const char (*ctx)[4], int nctx, const sr_place **best)
{
    arena a;
    sr_token toks[32];
    arena_init(&a);
    int n = tokens(&a, text, toks, 32);
    int m = gazetteer_match(g, toks, i, n, ctx, nctx, best);
    arena_free(&a);
    return m;
}

static const char *country_of(const gazetteer *g, const char *text,
                              const char (*ctx)[4], int nctx)
{
    const sr_place *p = NULL;
    return match(g, text, 0, ctx, nctx, &p) && p ? p->country : "";
}

static void test_malformed(void)
{
    char path[] = "/tmp/test_place_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0) return;
    FILE *f = fdopen(fd, "w");
    fputs("# a comment\n"
          "Testville\tPOL\tP\t52.0\t21.0\t20000\t\n"
          "Brokentown\tPOL\tP\tnorth\t21.0\t20000\t\n", f);
    fclose(f);
    char err[256] = "";
    gazetteer *g = gazetteer_load(path, err, sizeof err);
    CHECK(g == NULL);
    char want[64];
    snprintf(want, sizeof want, "%s:3:", path);
    CHECK(strncmp(err, want, strlen(want)) == 0);

    /* a wrong column count and a bad kind are reported too */
    f = fopen(path, "w");
    fputs("Testville\tPOL\tX\t52.0\t21.0\t20000\t\n", f);
    fclose(f);
    g = gazetteer_load(path, err, sizeof err);
    CHECK(g == NULL && strstr(err, ":1: bad kind") != NULL);
    f = fopen(path, "w");
    fputs("Testville\tPOL\tP\t52.0\n", f);
    fclose(f);
    g = gazetteer_load(path, err, sizeof err);
    CHECK(g == NULL && strstr(err, ":1: expected 7") != NULL);

    /* a well-formed small file loads; alternates and diacritics fold */
    f = fopen(path, "w");
    fputs("# test\nŁódź\tPOL\tP\t51.7700\t19.4600\t670000\tLodz|Lodsch\n"
          "Zürich\tCHE\tP\t47.3700\t8.5400\t340000\t\n", f);
    fclose(f);
    g = gazetteer_load(path, err, sizeof err);
    CHECK(g != NULL);
    CHECK_INT(gazetteer_count(g), 2);
    const sr_place *p = gazetteer_lookup(g, "lodz", NULL, 0);
    CHECK(p && strcmp(p->name, "Łódź") == 0);
    CHECK(gazetteer_lookup(g, "Lodsch", NULL, 0) == p);
    CHECK(gazetteer_lookup(g, "zurich", NULL, 0) != NULL);
    CHECK(gazetteer_lookup(g, "bern", NULL, 0) == NULL);
    gazetteer_free(g);

    /* hostile input: empty file, CRLF endings, invalid UTF-8 in a name */
    f = fopen(path, "w");
    fclose(f);
    g = gazetteer_load(path, err, sizeof err);
    CHECK(g != NULL && gazetteer_count(g) == 0);
    gazetteer_free(g);
    f = fopen(path, "w");
    fputs("Bad\xff\xfeName\tPOL\tP\t1.0\t2.0\t5\t\r\n"
          "Okay\tPOL\tP\t1.0\t2.0\t5\tOkey\r\n", f);
    fclose(f);
    g = gazetteer_load(path, err, sizeof err);
    CHECK(g != NULL && gazetteer_count(g) == 2);
    p = gazetteer_lookup(g, "okey", NULL, 0);
    CHECK(p && strcmp(p->name, "Okay") == 0 && p->population == 5);
    gazetteer_free(g);
    unlink(path);

    g = gazetteer_load("/nonexistent/places.tsv", err, sizeof err);
    CHECK(g == NULL && strstr(err, "/nonexistent/places.tsv") != NULL);
}

int main(void)
{
    char err[256] = "";
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    gazetteer *g = gazetteer_load(GAZ, err, sizeof err);
    gettimeofday(&t1, NULL);
    if (!g) {
        fprintf(stderr, "test_place: %s\n", err);
        CHECK(g != NULL);
        return TESTS_DONE("place");
    }
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                (double)(t1.tv_usec - t0.tv_usec) / 1e3;
    fprintf(stderr, "test_place: loaded %zu places in %.1f ms\n",
            gazetteer_count(g), ms);
    CHECK(gazetteer_count(g) > 20000);

    const sr_place *p = NULL;
    static const char usa[][4] = {"USA"};
    static const char usa_rus[][4] = {"USA", "RUS"};

    /* Warsaw: one token, coordinates */
    CHECK_INT(match(g, "Warsaw is cold", 0, NULL, 0, &p), 1);
    CHECK(p && strcmp(p->country, "POL") == 0 && p->kind == 'P');
    CHECK(p && fabs(p->lat - 52.23) < 0.02 && fabs(p->lon - 21.01) < 0.02);

    /* Kyiv under both spellings, and with a possessive */
    CHECK_STR(country_of(g, "Kyiv", NULL, 0), "UKR");
    CHECK_STR(country_of(g, "Kiev", NULL, 0), "UKR");
    CHECK_INT(match(g, "Kyiv's mayor", 0, NULL, 0, &p), 1);
    CHECK(p && strcmp(p->name, "Kyiv") == 0);

    /* Paris: France by default; Paris, Texas (pop ~25k) when the article is
     * about the USA, provided the data has it */
    CHECK_STR(country_of(g, "Paris", NULL, 0), "FRA");
    /* the context picks the namesake in its country ... */
    CHECK_STR(country_of(g, "Birmingham", NULL, 0), "GBR");
    CHECK_STR(country_of(g, "Birmingham", usa, 1), "USA");
    int have_kingston = 0;
    {
        const sr_place *us = gazetteer_lookup(g, "kingston", usa, 1);
        have_kingston = us && strcmp(us->country, "USA") == 0;
    }
    CHECK(have_kingston);
    /* ... unless the other is 50 times more populous: Paris, France and
     * Vienna, Austria even in an article that names the USA */
    CHECK_STR(country_of(g, "Paris", usa, 1), "FRA");
    CHECK_STR(country_of(g, "Vienna", usa, 1), "AUT");

    /* a much bigger namesake outweighs the context: Moscow, Russia */
    CHECK_STR(country_of(g, "Moscow", usa_rus, 2), "RUS");

    /* Georgia the country beats the US state, even in a US context */
    CHECK_INT(match(g, "Georgia", 0, NULL, 0, &p), 1);
    CHECK(p && strcmp(p->country, "GEO") == 0 && p->kind == 'C');
    CHECK_STR(country_of(g, "Georgia", usa, 1), "GEO");

    CHECK_STR(country_of(g, "Munich", NULL, 0), "DEU");
    CHECK_STR(country_of(g, "Bucharest", NULL, 0), "ROU");
    CHECK_STR(country_of(g, "Stockholm", NULL, 0), "SWE");
    CHECK_STR(country_of(g, "Brussels", NULL, 0), "BEL");

    /* multiword names, longest first, and a possessive on the last word */
    CHECK_INT(match(g, "New York police said", 0, NULL, 0, &p), 2);
    CHECK(p && strcmp(p->country, "USA") == 0 && p->kind == 'P');
    CHECK_INT(match(g, "New York's mayor", 0, NULL, 0, &p), 2);
    CHECK(p && strcmp(p->country, "USA") == 0);
    CHECK_INT(match(g, "Rio de Janeiro", 0, NULL, 0, &p), 3);
    CHECK(p && strcmp(p->country, "BRA") == 0);
    CHECK_INT(match(g, "in Rio de Janeiro today", 1, NULL, 0, &p), 3);
    CHECK_INT(match(g, "St. Petersburg", 0, NULL, 0, &p), 2);
    CHECK(p && strcmp(p->country, "RUS") == 0);

    /* countries, regions and the hand-written supplements */
    CHECK_STR(country_of(g, "Crimea", NULL, 0), "UKR");
    CHECK_INT(match(g, "Gaza Strip", 0, NULL, 0, &p), 2);
    CHECK(p && strcmp(p->country, "PSE") == 0);
    CHECK_STR(country_of(g, "Donbas", NULL, 0), "UKR");
    CHECK_STR(country_of(g, "Ukraine", NULL, 0), "UKR");
    CHECK_INT(match(g, "United Kingdom", 0, NULL, 0, &p), 2);
    CHECK(p && p->kind == 'C' && strcmp(p->country, "GBR") == 0);
    CHECK_STR(country_of(g, "Bavaria", NULL, 0), "DEU");
    /* a city beats the region of the same name in its country */
    CHECK_INT(match(g, "Donetsk", 0, NULL, 0, &p), 1);
    CHECK(p && p->kind == 'P' && strcmp(p->country, "UKR") == 0);
    CHECK_INT(match(g, "Gaza", 0, NULL, 0, &p), 1);
    CHECK(p && p->kind == 'P' && strcmp(p->country, "PSE") == 0);

    /* capitalisation: a lowercase word never matches */
    CHECK_INT(match(g, "nice day", 0, NULL, 0, &p), 0);
    CHECK(p == NULL);
    CHECK_INT(match(g, "paris", 0, NULL, 0, &p), 0);
    /* small single-token places outside the context are skipped ... */
    {
        const sr_place *small = gazetteer_lookup(g, "kingston", usa, 1);
        CHECK(small && small->population < 50000);
    }
    CHECK_INT(match(g, "Zzyzxville", 0, NULL, 0, &p), 0);
    /* ... but matched when their country is in the context: Kingston, New
     * York has fewer than 50,000 people */
    if (have_kingston) CHECK_INT(match(g, "Kingston", 0, usa, 1, &p), 1);

    /* lookup by folded name; diacritics fold */
    p = gazetteer_lookup(g, "warsaw", NULL, 0);
    CHECK(p && strcmp(p->country, "POL") == 0);
    p = gazetteer_lookup(g, "new york", NULL, 0);
    CHECK(p && strcmp(p->country, "USA") == 0);
    p = gazetteer_lookup(g, "munchen", NULL, 0);
    CHECK(p && strcmp(p->country, "DEU") == 0);
    CHECK(gazetteer_lookup(g, "no such place anywhere", NULL, 0) == NULL);
    /* a name as written is looked up as its folded form would be */
    CHECK(gazetteer_lookup(g, "Warsaw", NULL, 0) == gazetteer_lookup(g, "warsaw", NULL, 0));
    CHECK(gazetteer_lookup(g, "NEW  YORK", NULL, 0) == gazetteer_lookup(g, "new york", NULL, 0));
    CHECK(gazetteer_lookup(g, "M\xC3\xBCnchen", NULL, 0) == gazetteer_lookup(g, "munchen", NULL, 0));
    CHECK(gazetteer_lookup(g, "", NULL, 0) == NULL);
    /* "new" only starts longer names: no place of its own */
    CHECK(gazetteer_lookup(g, "new", NULL, 0) == NULL);

    /* countries and capitals by ISO3 code */
    p = gazetteer_country(g, "POL");
    CHECK(p && p->kind == 'C' && strcmp(p->country, "POL") == 0);
    CHECK(gazetteer_country(g, "ZZZ") == NULL);
    CHECK(gazetteer_country(g, "pol") == NULL);
    CHECK(gazetteer_country(g, "POLX") == NULL);
    p = gazetteer_capital(g, "POL");
    CHECK(p && p->kind == 'P' && p == gazetteer_lookup(g, "warsaw", NULL, 0));
    p = gazetteer_capital(g, "FRA");
    CHECK(p && strcmp(p->country, "FRA") == 0 && p == gazetteer_lookup(g, "paris", NULL, 0));
    CHECK(gazetteer_capital(g, "ZZZ") == NULL);

    /* out of range or empty input */
    CHECK_INT(gazetteer_match(g, NULL, 0, 0, NULL, 0, &p), 0);
    CHECK(p == NULL);

    gazetteer_free(g);
    test_malformed();
    return TESTS_DONE("place");
}
