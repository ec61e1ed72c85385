/* test_clean.c -- the cleaner (src/clean.c) with data/clean/rules.txt:
 * boilerplate lines dropped, prose kept, offsets into the original text. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clean.h"
#include "tests.h"

static char *S_kept(arena *a, const clean_rules *r, const char *text, const char *title)
{
    sr_region *reg = NULL;
    int n = clean_text(r, a, text, strlen(text), title, &reg, NULL);
    if (n < 0) return NULL;
    buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) {
        if (i) buf_puts(&b, " | ");
        buf_put(&b, text + reg[i].start, (size_t)(reg[i].end - reg[i].start));
    }
    char *s = arena_strdup(a, b.s ? b.s : "");
    buf_free(&b);
    return s;
}

int main(void)
{
    char err[512];
    clean_rules *r = clean_load("data/clean/rules.txt", err, sizeof err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err);
        return TESTS_DONE("clean");
    }
    arena a;
    arena_init(&a);
    static const struct { const char *in, *want; } cases[] = {
        {"Russia and Ukraine held talks in Istanbul on Tuesday.\nRead more: Ten things to know about the talks\n"
         "The delegations met for three hours.",
         "Russia and Ukraine held talks in Istanbul on Tuesday. | The delegations met for three hours."},
        /* photo captions and credits */
        {"2 of 5 | Soldiers walk near a checkpoint. Photo by A. Writer/Example Agency | License Photo\n"
         "The army said the checkpoint reopened.",
         "The army said the checkpoint reopened."},
        {"The minister spoke to reporters in Warsaw. [Example Press/Handout via Reuters]\nTalks will continue.",
         "Talks will continue."},
        /* comment widgets, log-in furniture, section headings */
        {"Friday\nThe envoy will arrive on Friday.\n0 archived comments",
         "The envoy will arrive on Friday."},
        /* everything after "Source link" is page furniture */
        {"Leaders agreed to meet again.\nSource link\nLeave a Reply\nThe comment section text that goes on.",
         "Leaders agreed to meet again."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) CHECK_STR(S_kept(&a, r, cases[i].in, NULL), cases[i].want);

    /* a line repeating the title is dropped */
    CHECK_STR(S_kept(&a, r, "Talks resume in Geneva\nDiplomats met again on Monday.", "Talks resume in Geneva"),
              "Diplomats met again on Monday.");

    /* offsets point into the original text, surrounding spaces trimmed */
    const char *t = "Share this article\n   The ministers met in Vilnius.  \n";
    sr_region *reg = NULL;
    int dropped = 0;
    CHECK_INT(clean_text(r, &a, t, strlen(t), NULL, &reg, &dropped), 1);
    CHECK_INT(dropped, 1);
    CHECK_INT(reg[0].start, 22);
    CHECK_INT(reg[0].end, 51);

    /* empty text keeps nothing */
    CHECK_INT(clean_text(r, &a, "", 0, NULL, &reg, NULL), 0);

    /* a broken rules file is reported with file and line */
    const char *bad = "/tmp/sitrep-test-bad-rules.txt";
    FILE *fp = fopen(bad, "w");
    if (fp) {
        fputs("# rules\nline\tprefix\tok\nline\tregex\t([unclosed\n", fp);
        fclose(fp);
        clean_rules *br = clean_load(bad, err, sizeof err);
        CHECK(br == NULL);
        CHECK(strstr(err, "sitrep-test-bad-rules.txt:3:") != NULL);
        clean_free(br);
        remove(bad);
    }
    arena_free(&a);
    clean_free(r);
    return TESTS_DONE("clean");
}
