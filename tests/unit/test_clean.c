/* test_clean.c -- the cleaner (src/clean.c) with data/clean/rules.txt:
 * boilerplate lines dropped, prose kept, offsets into the original text.
 * The rule prefilters (issue 18) never change what is kept: with and
 * without them, the rules of data/clean/rules.txt and a set of tricky
 * regexes give the same regions on lines built from their own pieces. */
#include <ctype.h>
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

static unsigned S_seed = 20261207;
static unsigned S_rand(unsigned n)
{
    S_seed = S_seed * 1103515245u + 12345u;
    return (S_seed >> 16) % n;
}

/* Random lines from the pieces of a pattern (its runs of letters, digits
 * and spaces, its other characters) and a few others, in random case. */
static void S_random_text(buf *b, const char *pattern, int nlines)
{
    static const char *const extra[] = {"a", "Z", "0", "42", " ", "  ", "|", "(", ")", "[", "]",
                                        "/", ":", ".", "-", "\xC2\xA9", "\xC3\xA9", "2022", "x"};
    const char *pieces[64];
    size_t plen[64];
    int np = 0;
    for (const char *q = pattern; *q && np < 64;) {
        const char *e = q;
        while (*e && (isalnum((unsigned char)*e) || *e == ' ')) e++;
        if (e == q) e++;
        pieces[np] = q;
        plen[np++] = (size_t)(e - q);
        q = e;
    }
    for (int l = 0; l < nlines; l++) {
        int n = (int)S_rand(7);
        for (int k = 0; k < n; k++) {
            const char *p;
            size_t m;
            if (S_rand(3)) {
                int i = (int)S_rand((unsigned)np);
                /* a piece whole, or a part of it */
                size_t from = S_rand(4) ? 0 : S_rand((unsigned)plen[i]);
                size_t to = S_rand(4) ? plen[i] : from + S_rand((unsigned)(plen[i] - from + 1));
                p = pieces[i] + from;
                m = to - from;
            } else {
                p = extra[S_rand(sizeof extra / sizeof *extra)];
                m = strlen(p);
            }
            for (size_t j = 0; j < m; j++) {
                char c = p[j];
                if (isalpha((unsigned char)c) && S_rand(4) == 0) c = (char)(isupper((unsigned char)c) ? tolower((unsigned char)c) : toupper((unsigned char)c));
                buf_putc(b, c);
            }
        }
        buf_putc(b, '\n');
    }
}

/* Cleans text with the prefilters of r on and off: the same regions? */
static int S_same_clean(arena *a, clean_rules *r, const char *text, size_t len)
{
    sr_region *r1 = NULL, *r2 = NULL;
    int d1 = 0, d2 = 0;
    clean_prefilter(r, 1);
    int n1 = clean_text(r, a, text, len, NULL, &r1, &d1);
    clean_prefilter(r, 0);
    int n2 = clean_text(r, a, text, len, NULL, &r2, &d2);
    clean_prefilter(r, 1);
    if (n1 != n2 || d1 != d2) return 0;
    for (int i = 0; i < n1; i++)
        if (r1[i].start != r2[i].start || r1[i].end != r2[i].end) return 0;
    return 1;
}

/* Each regex alone (as a line and as a trim rule), on random lines. */
static void S_prefilter_cases(arena *a, const char *const *res, int nres)
{
    const char *path = "/tmp/sitrep-test-prefilter-rules.txt";
    for (int i = 0; i < nres; i++) {
        for (int trim = 0; trim <= 1; trim++) {
            FILE *fp = fopen(path, "w");
            if (!fp) return;
            fprintf(fp, "%s\tregex\t%s\n", trim ? "trim" : "line", res[i]);
            fclose(fp);
            char err[512];
            clean_rules *r = clean_load(path, err, sizeof err);
            CHECK(r != NULL);
            if (!r) {
                fprintf(stderr, "%s\n", err);
                continue;
            }
            int same = 1;
            for (int t = 0; t < 100 && same; t++) {
                buf b;
                buf_init(&b);
                S_random_text(&b, res[i], 20);
                same = S_same_clean(a, r, b.s, b.len);
                if (!same) fprintf(stderr, "prefilter of /%s/ changes what is kept in:\n%s", res[i], b.s);
                buf_free(&b);
            }
            CHECK(same);
            clean_free(r);
            arena_free(a);
        }
    }
    remove(path);
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
    /* the prefilters: every regex of the rules has one */
    int nregex = 0;
    for (int pass = 0; pass < 2; pass++) {
        FILE *fp = fopen("data/clean/rules.txt", "r");
        CHECK(fp != NULL);
        if (!fp) break;
        char line[1024];
        static char *res[256];
        while (fgets(line, sizeof line, fp)) {
            char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            if (line[0] == '#' || !t2 || strncmp(t1 + 1, "regex\t", 6) != 0) continue;
            t2[strcspn(t2, "\r\n")] = 0;
            if (pass == 0) nregex++;
            else if (nregex < 256) res[nregex++] = strdup(t2 + 1);
        }
        fclose(fp);
        if (pass == 0) {
            CHECK_INT(clean_prefilter(r, 1), nregex);
            nregex = 0;
        } else {
            S_prefilter_cases(&a, (const char *const *)res, nregex);
            for (int i = 0; i < nregex; i++) free(res[i]);
        }
    }
    /* and the whole rules file on lines from all its patterns */
    {
        FILE *fp = fopen("data/clean/rules.txt", "r");
        buf pat;
        buf_init(&pat);
        char line[1024];
        while (fp && fgets(line, sizeof line, fp))
            if (line[0] != '#') buf_puts(&pat, line);
        if (fp) fclose(fp);
        int same = 1;
        for (int t = 0; t < 200 && same; t++) {
            buf b;
            buf_init(&b);
            S_random_text(&b, pat.s ? pat.s : "", 30);
            same = S_same_clean(&a, r, b.s, b.len);
            buf_free(&b);
        }
        CHECK(same);
        buf_free(&pat);
        arena_free(&a);
    }
    /* tricky regexes, and some the analyser leaves without a prefilter */
    static const char *const tricky[] = {
        "^(a|b)+c", "x*y", "^(ab|a)(c|bc)$", "(foo|bar)baz", "^[^a]bc", "^.*end$", "^(x?)y",
        "a{2,3}b", "a{0,2}b", "^(a|)b", "(^|\\| )photo", "^\\(c\\)", "\\[x\\]$", "^[]a]b",
        "^[a-c-]z", "^(ab)*c", "^a?b?c?d", "^(a|bc|def)(g|hi)(j|kl)(m|no)(p|qr)",
        "^abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", "(abcdefghijklmnopqrstuvwxyz0123456789)+x",
        "^[0-9]+ (minutes?|hours?)", "^\xC2\xA9", "\xC3\xA9$", "^(sign up)$", "b+$", "^$", "^ *$",
        "^(A|a)(B|b)", "^[A-Z]{2} [0-9]+", "(^a|b$)", "^((a|b)(c|d))+e", "(x|^y)z", "^x|y$", "^x|^y",
        "(a|b)*$", "^(ab|cd)?(ef|gh)?ij", "^.", ".", "^(xy){2}z", "^(a(b(c|d)e)f)g", "(a)(b)(c)d",
        "^[.]x", "^a[.]?b", "photo by [^|]*(\\| ?)?$", "\\bword", "(a)\\1", "[[:alpha:]]x",
        "a{,2}b", "\\w+x", "a**b", "(a|b|)+c"};
    S_prefilter_cases(&a, tricky, (int)(sizeof tricky / sizeof *tricky));
    /* a regex the analyser does not know gets none */
    fp = fopen("/tmp/sitrep-test-prefilter-rules.txt", "w");
    if (fp) {
        fputs("line\tregex\t\\bword\nline\tregex\t(a)\\1\nline\tregex\t[[:alpha:]]x\n"
              "line\tregex\t.*\n",
              fp);
        fclose(fp);
        clean_rules *br = clean_load("/tmp/sitrep-test-prefilter-rules.txt", err, sizeof err);
        CHECK(br != NULL);
        CHECK_INT(clean_prefilter(br, 1), 0);
        clean_free(br);
        remove("/tmp/sitrep-test-prefilter-rules.txt");
    }

    arena_free(&a);
    clean_free(r);
    return TESTS_DONE("clean");
}
