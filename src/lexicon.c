/* lexicon.c -- morphy-style lemmatisation (lexicon.h).
 *
 * Exception lists map irregular forms to lemmas ("met meet", "began
 * begin"); regular forms are undone by WordNet's detachment rules plus
 * consonant undoubling ("planned" -> "plann" -> "plan").
 */
#include "lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dict.h"
#include "sitrep.h"

struct lexicon {
    arena mem;
    dict exc[2];        /* form -> index into lemmas[pos] */
    vec lemmas[2];      /* const char *: space-separated lemma lists */
    dict past;          /* irregular past forms (from verb.exc) */
};

void lexicon_free(lexicon *lx)
{
    if (!lx) return;
    for (int i = 0; i < 2; i++) {
        dict_free(&lx->exc[i]);
        vec_free(&lx->lemmas[i]);
    }
    dict_free(&lx->past);
    arena_free(&lx->mem);
    free(lx);
}

static int S_load(lexicon *lx, int pos, const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open", path);
        return SITREP_EIO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0 || line[0] == '#') continue;
        char *sp = strchr(line, ' ');
        if (!sp) {
            snprintf(err, errlen, "%s:%ld: expected 'FORM LEMMA...'", path, lineno);
            rc = SITREP_EDATA;
            break;
        }
        *sp = 0;
        for (char *p = sp + 1; *p; p++)
            if (*p == '_') *p = ' ';
        const char **slot = vec_push(&lx->lemmas[pos]);
        if (!slot || !(*slot = arena_strdup(&lx->mem, sp + 1)) ||
            dict_set(&lx->exc[pos], line, strlen(line), (int)lx->lemmas[pos].len - 1)) {
            snprintf(err, errlen, "%s: out of memory", path);
            rc = SITREP_ENOMEM;
            break;
        }
        if (pos == LEX_VERB) {
            /* verb.exc lists past forms and a few -ing forms ("dying") */
            size_t l = strlen(line);
            int pastlike = !(l > 3 && !strcmp(line + l - 3, "ing"));
            if (pastlike && dict_set(&lx->past, line, l, 1)) rc = SITREP_ENOMEM;
        }
    }
    free(line);
    fclose(fp);
    return rc;
}

lexicon *lexicon_load(const char *dir, char *err, size_t errlen)
{
    lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) { snprintf(err, errlen, "out of memory"); return NULL; }
    arena_init(&lx->mem);
    for (int i = 0; i < 2; i++) {
        dict_init(&lx->exc[i]);
        vec_init(&lx->lemmas[i], sizeof(const char *));
    }
    dict_init(&lx->past);
    char path[4096];
    snprintf(path, sizeof path, "%s/verb.exc", dir);
    if (S_load(lx, LEX_VERB, path, err, errlen)) goto fail;
    snprintf(path, sizeof path, "%s/noun.exc", dir);
    if (S_load(lx, LEX_NOUN, path, err, errlen)) goto fail;
    return lx;
fail:
    lexicon_free(lx);
    return NULL;
}

typedef struct {
    const char *suf, *rep;
    unsigned char sl, rl;      /* their lengths */
} S_rule;

#define R(s, r) {s, r, sizeof s - 1, sizeof r - 1}
static const S_rule S_verb_rules[] = {R("s", ""), R("ies", "y"), R("es", "e"), R("es", ""), R("ed", "e"),
                                      R("ed", ""), R("ing", "e"), R("ing", ""), R("ied", "y"),
                                      R("ying", "ie"), {NULL, NULL, 0, 0}};
static const S_rule S_noun_rules[] = {R("s", ""), R("ses", "s"), R("xes", "x"), R("zes", "z"),
                                      R("ches", "ch"), R("shes", "sh"), R("men", "man"),
                                      R("ies", "y"), {NULL, NULL, 0, 0}};
#undef R

static int S_add(const char **out, int n, const char *s)
{
    if (n >= LEXICON_MAX) return n;
    for (int i = 0; i < n; i++)
        if (!strcmp(out[i], s)) return n;
    out[n] = s;
    return n + 1;
}

/* Is c a consonant the rules undouble ("planned" -> "plan")? */
static int S_undoubles(char c)
{
    switch (c) {
    case 'b': case 'd': case 'g': case 'k': case 'l': case 'm': case 'n':
    case 'p': case 'r': case 't': case 'v': case 'z':
        return 1;
    default:
        return 0;
    }
}

int lexicon_lemmas(const lexicon *lx, lexicon_pos pos, const char *word, const char **out,
                   char *scratch)
{
    int n = 0, used = 0;
    n = S_add(out, n, word);
    int li;
    size_t wl = strlen(word);
    if (dict_get(&lx->exc[pos], word, wl, &li)) {
        /* lemmas are space-separated; copy each into scratch */
        const char *ls = VEC_AT(&lx->lemmas[pos], const char *, li);
        while (*ls && n < LEXICON_MAX && used < LEXICON_MAX - 1) {
            const char *e = strchr(ls, ' ');
            size_t l = e ? (size_t)(e - ls) : strlen(ls);
            if (l < 63) {
                char *s = scratch + 64 * used++;
                memcpy(s, ls, l);
                s[l] = 0;
                n = S_add(out, n, s);
            }
            ls = e ? e + 1 : ls + l;
        }
    }
    if (wl >= 60) return n;
    const S_rule *rules = pos == LEX_VERB ? S_verb_rules : S_noun_rules;
    for (int r = 0; rules[r].suf && used < LEXICON_MAX; r++) {
        size_t sl = rules[r].sl, rl = rules[r].rl;
        if (wl <= sl + 1 || memcmp(word + wl - sl, rules[r].suf, sl)) continue;
        char *s = scratch + 64 * used++;
        memcpy(s, word, wl - sl);
        memcpy(s + wl - sl, rules[r].rep, rl + 1);
        n = S_add(out, n, s);
        /* undouble: "planned" -> "plann" -> "plan", "stopping" -> "stop" */
        size_t l = wl - sl + rl;
        if (rl == 0 && l >= 3 && s[l - 1] == s[l - 2] && used < LEXICON_MAX && S_undoubles(s[l - 1])) {
            char *u = scratch + 64 * used++;
            memcpy(u, s, l - 1);
            u[l - 1] = 0;
            n = S_add(out, n, u);
        }
    }
    return n;
}

/* Ranks (lexicon.h): 0 the word, 1.. its exception lemmas, then two per
 * rule (its output, then the output undoubled). */
enum { S_RANK_RULE = 16 };

int lexicon_forms(const lexicon *lx, lexicon_pos pos, const char *lemma, lexicon_form_fn fn, void *arg)
{
    (void)lx;
    size_t ll = strlen(lemma);
    char f[64];
    if (ll >= 60) return 0;   /* lexicon_lemmas detaches nothing from words of 60 bytes or more */
    const S_rule *rules = pos == LEX_VERB ? S_verb_rules : S_noun_rules;
    for (int r = 0; rules[r].suf; r++) {
        size_t sl = rules[r].sl, rl = rules[r].rl;
        if (ll < rl || memcmp(lemma + ll - rl, rules[r].rep, rl)) continue;
        size_t stem = ll - rl;
        /* lexicon_lemmas detaches a suffix from a word longer than it by
         * two bytes or more, and shorter than 60 */
        if (stem <= 1 || stem + sl >= 60) continue;
        memcpy(f, lemma, stem);
        memcpy(f + stem, rules[r].suf, sl + 1);
        int rc = fn(arg, f, stem + sl, S_RANK_RULE + 2 * r);
        if (rc) return rc;
        /* "plan" <- "planned": the stem's last letter doubled */
        if (rl == 0 && ll >= 2 && ll + 1 + sl < 60 && S_undoubles(lemma[ll - 1])) {
            memcpy(f, lemma, ll);
            f[ll] = lemma[ll - 1];
            memcpy(f + ll + 1, rules[r].suf, sl + 1);
            if ((rc = fn(arg, f, ll + 1 + sl, S_RANK_RULE + 2 * r + 1))) return rc;
        }
    }
    return 0;
}

int lexicon_exceptions(const lexicon *lx, lexicon_pos pos, lexicon_exc_fn fn, void *arg)
{
    const dict *d = &lx->exc[pos];
    for (size_t j = 0; j < d->cap; j++) {
        if (!d->hashes[j]) continue;
        const char *form = d->keys[j], *list = VEC_AT(&lx->lemmas[pos], const char *, d->vals[j]);
        size_t n = strlen(form);
        int k = 1;
        for (const char *ls = list; *ls; ls++) k += *ls == ' ';
        int rc = fn(arg, form, n, NULL, 0, k), rank = 1;
        /* as lexicon_lemmas reads them */
        for (const char *ls = list; !rc && *ls;) {
            const char *e = strchr(ls, ' ');
            size_t l = e ? (size_t)(e - ls) : strlen(ls);
            if (l < 63) rc = fn(arg, form, n, ls, l, rank++);
            ls = e ? e + 1 : ls + l;
        }
        if (rc) return rc;
    }
    return 0;
}

int lexicon_bound(lexicon_pos pos)
{
    /* the most rules one word can take: those whose suffix ends another's */
    const S_rule *rules = pos == LEX_VERB ? S_verb_rules : S_noun_rules;
    int most = 0;
    for (int r = 0; rules[r].suf; r++) {
        int k = 0;
        for (int q = 0; rules[q].suf; q++)
            k += rules[q].sl <= rules[r].sl && !memcmp(rules[r].suf + rules[r].sl - rules[q].sl, rules[q].suf, rules[q].sl);
        if (k > most) most = k;
    }
    return 1 + 2 * most;
}

int lexicon_is_past(const lexicon *lx, const char *word)
{
    size_t l = strlen(word);
    int v;
    if (dict_get(&lx->past, word, l, &v)) return 1;
    return l > 3 && !strcmp(word + l - 2, "ed");
}
