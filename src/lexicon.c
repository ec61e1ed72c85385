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

typedef struct { const char *suf, *rep; } S_rule;

static const S_rule S_verb_rules[] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"},
                                      {"ed", ""}, {"ing", "e"}, {"ing", ""}, {"ied", "y"},
                                      {"ying", "ie"}, {NULL, NULL}};
static const S_rule S_noun_rules[] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                      {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
                                      {"ies", "y"}, {NULL, NULL}};

static int S_add(const char **out, int n, const char *s)
{
    if (n >= LEXICON_MAX) return n;
    for (int i = 0; i < n; i++)
        if (!strcmp(out[i], s)) return n;
    out[n] = s;
    return n + 1;
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
    const S_rule *rules = pos == LEX_VERB ? S_verb_rules : S_noun_rules;
    for (int r = 0; rules[r].suf && used < LEXICON_MAX; r++) {
        size_t sl = strlen(rules[r].suf), rl = strlen(rules[r].rep);
        if (wl <= sl + 1 || wl >= 60 || strcmp(word + wl - sl, rules[r].suf)) continue;
        char *s = scratch + 64 * used++;
        memcpy(s, word, wl - sl);
        memcpy(s + wl - sl, rules[r].rep, rl + 1);
        n = S_add(out, n, s);
        /* undouble: "planned" -> "plann" -> "plan", "stopping" -> "stop" */
        size_t l = strlen(s);
        if (rl == 0 && l >= 3 && s[l - 1] == s[l - 2] && used < LEXICON_MAX &&
            strchr("bdgklmnprtvz", s[l - 1])) {
            char *u = scratch + 64 * used++;
            memcpy(u, s, l - 1);
            u[l - 1] = 0;
            n = S_add(out, n, u);
        }
    }
    return n;
}

int lexicon_is_past(const lexicon *lx, const char *word)
{
    size_t l = strlen(word);
    int v;
    if (dict_get(&lx->past, word, l, &v)) return 1;
    return l > 3 && !strcmp(word + l - 2, "ed");
}
