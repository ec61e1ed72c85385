/* test_segment.c -- sentences and tokens (src/segment.c): abbreviations,
 * initials, quotes, ellipses, headlines, offsets and folding. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "segment.h"
#include "tests.h"

/* Splits text (one region) and returns the sentences joined by " | ". */
static char *S_split(arena *a, const char *text)
{
    sr_region reg = {0, (int)strlen(text)};
    sr_segmentation seg;
    if (segment_text(a, NULL, text, &reg, 1, &seg)) return NULL;
    buf b;
    buf_init(&b);
    for (int i = 0; i < seg.nsents; i++) {
        if (i) buf_puts(&b, " | ");
        buf_put(&b, text + seg.sents[i].start, (size_t)(seg.sents[i].end - seg.sents[i].start));
    }
    char *r = arena_strdup(a, b.s ? b.s : "");
    buf_free(&b);
    return r;
}

/* The folded tokens joined by spaces. */
static char *S_tokens(arena *a, const char *text)
{
    sr_region reg = {0, (int)strlen(text)};
    sr_segmentation seg;
    if (segment_text(a, NULL, text, &reg, 1, &seg)) return NULL;
    buf b;
    buf_init(&b);
    for (int i = 0; i < seg.ntoks; i++) {
        if (i) buf_putc(&b, ' ');
        buf_puts(&b, seg.toks[i].norm);
    }
    char *r = arena_strdup(a, b.s ? b.s : "");
    buf_free(&b);
    return r;
}

int main(void)
{
    arena a;
    arena_init(&a);
    static const struct { const char *in, *want; } split[] = {
        /* abbreviations of titles never end a sentence */
        {"Mr. Biden met Ms. Psaki. Dr. Tedros spoke.", "Mr. Biden met Ms. Psaki. | Dr. Tedros spoke."},
        {"Gen. Milley and Sen. Rubio arrived. They met.", "Gen. Milley and Sen. Rubio arrived. | They met."},
        /* initials */
        {"Russian President Vladimir V. Putin spoke on Tuesday. Kyiv replied.",
         "Russian President Vladimir V. Putin spoke on Tuesday. | Kyiv replied."},
        /* months and numbers */
        {"The summit is on Jan. 18 in St. Petersburg. No. 10 said so.",
         "The summit is on Jan. 18 in St. Petersburg. | No. 10 said so."},
        {"Talks resume Sept. 5, officials said.", "Talks resume Sept. 5, officials said."},
        /* U.S. inside a sentence, and at its end before a new sentence */
        {"The U.S. and the U.N. agreed.", "The U.S. and the U.N. agreed."},
        {"Troops left the U.S. The move was expected.", "Troops left the U.S. | The move was expected."},
        /* quotes close the sentence they end */
        {"\"We shall reply,\" she said. \"We must.\"", "\"We shall reply,\" she said. | \"We must.\""},
        {"\xE2\x80\x9CWe are ready.\xE2\x80\x9D Biden said so.",
         "\xE2\x80\x9CWe are ready.\xE2\x80\x9D | Biden said so."},
        /* an ellipsis before a lowercase word goes on, before a capital it ends */
        {"a warning to the cabinet... which stays unheard.", "a warning to the cabinet... which stays unheard."},
        {"He paused... Then he spoke.", "He paused... | Then he spoke."},
        /* questions and exclamations */
        {"Will Russia invade? Nobody knows!", "Will Russia invade? | Nobody knows!"},
        /* a headline without final punctuation is one sentence */
        {"Mayor asks unions to return to the table", "Mayor asks unions to return to the table"},
        /* decimals and thousands are no sentence ends */
        {"It sent 1,000 troops and $2.5 billion.", "It sent 1,000 troops and $2.5 billion."},
    };
    for (size_t i = 0; i < sizeof split / sizeof split[0]; i++) CHECK_STR(S_split(&a, split[i].in), split[i].want);

    /* tokens: possessives, hyphens, abbreviations, folding */
    CHECK_STR(S_tokens(&a, "Russia's troops"), "russia's troops");
    CHECK_STR(S_tokens(&a, "Harris' visit"), "harris' visit");
    CHECK_STR(S_tokens(&a, "the Biden-Putin call"), "the biden-putin call");
    CHECK_STR(S_tokens(&a, "U.S. officials"), "u.s. officials");
    CHECK_STR(S_tokens(&a, "Ukraine\xE2\x80\x99s president"), "ukraine's president");
    CHECK_STR(S_tokens(&a, "\xC3\x89lys\xC3\xA9" "e Palace"), "elysee palace");
    CHECK_STR(S_tokens(&a, "T\xC3\xBCrkiye"), "turkiye");
    CHECK_STR(S_tokens(&a, "Kyiv \xE2\x80\x94 Kharkiv"), "kyiv - kharkiv");
    CHECK_STR(S_tokens(&a, "mid-2023 talks"), "mid-2023 talks");
    CHECK_STR(S_tokens(&a, "he'll go, didn't he?"), "he'll go , didn't he ?");
    /* words run together where a line break was lost are split; names are not */
    CHECK_STR(S_tokens(&a, "in UkraineBiden responded"), "in ukraine biden responded");
    CHECK_STR(S_tokens(&a, "McDonald and DeSantis"), "mcdonald and desantis");
    CHECK_STR(S_tokens(&a, "NATO and OSCE"), "nato and osce");

    /* offsets point into the original text, also after multibyte characters */
    const char *t = "\xC3\x89migr\xC3\xA9s met Zelensky.";
    sr_region reg = {0, (int)strlen(t)};
    sr_segmentation seg;
    CHECK_INT(segment_text(&a, NULL, t, &reg, 1, &seg), 0);
    CHECK_INT(seg.ntoks, 4);
    CHECK_INT(seg.toks[2].start, 14);
    CHECK_INT(seg.toks[2].end, 22);
    CHECK(seg.toks[0].flags & TOK_CAP);
    CHECK(seg.toks[2].flags & TOK_CAP);
    CHECK(seg.toks[3].flags & TOK_PUNCT);
    CHECK(seg.toks[0].flags & TOK_SENTSTART);

    /* a sentence never crosses a region (paragraph) boundary */
    const char *two = "Headline without a stop\nRussia attacked Ukraine.";
    sr_region regs[2] = {{0, 23}, {24, (int)strlen(two)}};
    CHECK_INT(segment_text(&a, NULL, two, regs, 2, &seg), 0);
    CHECK_INT(seg.nsents, 2);
    CHECK_INT(seg.sents[1].para, 1);
    CHECK_INT(seg.sents[1].start, 24);

    /* the fast paths (a word in one SSE2 step, typographic characters
     * folded in place) give every token the folded form segment_fold gives
     * its text, which goes the general way (utf8proc for what is not
     * ASCII); the texts end at and past 16 bytes from a token, run words
     * into punctuation, camel case, digits and other scripts */
    static const char *const fold[] = {
        "\xE2\x80\x9CRussia\xE2\x80\x99s troops,\xE2\x80\x9D Kyiv\xE2\x80\x99s \xE2\x80\x94 said \xE2\x80\x98no\xE2\x80\x99.",
        "Wait\xE2\x80\xA6 then \xC2\xABnon\xC2\xBB and \xE2\x88\x92""5 or don\xCA\xBCt\xE2\x80\x93now",
        "UkraineBiden NATOSummit iPhone 1,000,000 3.5% U.S.-led e.g. Mr. Ms Smith's states' Harris'",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnop ABCDEFGHIJKLMNO Abcdefghijklmn x",
        "Z\xC3\xBCrich \xC5\x81\xC3\xB3" "d\xC5\xBA \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE2\x80\xA2 \xEF\xAC\x81nal e\xCC\x81t\xC3\xA9 A",
        "a", "Ab", "\xE2\x80\x99", "end\xE2\x80\x9D",
    };
    for (size_t i = 0; i < sizeof fold / sizeof fold[0]; i++) {
        const char *f = fold[i];
        sr_region whole = {0, (int)strlen(f)};
        CHECK_INT(segment_text(&a, NULL, f, &whole, 1, &seg), 0);
        CHECK(seg.ntoks > 0);
        for (int k = 0; k < seg.ntoks; k++)
            CHECK_STR(seg.toks[k].norm,
                      segment_fold(&a, f + seg.toks[k].start, (size_t)(seg.toks[k].end - seg.toks[k].start)));
    }
    CHECK_STR(S_tokens(&a, "\xE2\x80\x9CNo\xE2\x80\xA6\xE2\x80\x9D \xC2\xAByes\xC2\xBB"), "\" no ... \" \" yes \"");

    /* empty input */
    sr_region none = {0, 0};
    CHECK_INT(segment_text(&a, NULL, "", &none, 1, &seg), 0);
    CHECK_INT(seg.nsents, 0);

    arena_free(&a);
    return TESTS_DONE("segment");
}
