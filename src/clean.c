/* clean.c -- stage 2: keep article prose, drop page furniture.
 *
 * The text is cut into lines; each line is kept whole, trimmed, or dropped
 * by the rules of data/clean/rules.txt (prefix, whole-line and regex rules)
 * and by three heuristics: blank lines, a repeated title, and short lines
 * without final punctuation (headings, bylines).  A "tail" rule drops the
 * rest of the document (comment sections, link lists after "Source link").
 * Kept regions are byte spans of the original text, so offsets computed
 * downstream point into the text as read.
 */
#include "clean.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep.h"

typedef enum { ACT_LINE, ACT_TAIL, ACT_TRIM } rule_action;
typedef enum { KIND_PREFIX, KIND_EQUALS, KIND_REGEX } rule_kind;

typedef struct {
    rule_action action;
    rule_kind kind;
    char *text;       /* prefix / equals: lower-case pattern */
    size_t len;
    regex_t re;       /* regex */
} clean_rule;

struct clean_rules {
    clean_rule *rules;
    int n;
};

void clean_free(clean_rules *r)
{
    if (!r) return;
    for (int i = 0; i < r->n; i++) {
        if (r->rules[i].kind == KIND_REGEX) regfree(&r->rules[i].re);
        free(r->rules[i].text);
    }
    free(r->rules);
    free(r);
}

clean_rules *clean_load(const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open rules file", path);
        return NULL;
    }
    clean_rules *r = calloc(1, sizeof *r);
    int cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    long lineno = 0;
    ssize_t n;
    if (!r) goto oom;
    while ((n = getline(&line, &lcap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (n == 0 || line[0] == '#') continue;
        char *f1 = line, *f2 = strchr(f1, '\t'), *f3 = f2 ? strchr(f2 + 1, '\t') : NULL;
        if (!f2 || !f3) {
            snprintf(err, errlen, "%s:%ld: expected ACTION<TAB>KIND<TAB>PATTERN", path, lineno);
            goto fail;
        }
        *f2++ = 0;
        *f3++ = 0;
        clean_rule cr;
        memset(&cr, 0, sizeof cr);
        if (!strcmp(f1, "line")) cr.action = ACT_LINE;
        else if (!strcmp(f1, "tail")) cr.action = ACT_TAIL;
        else if (!strcmp(f1, "trim")) cr.action = ACT_TRIM;
        else {
            snprintf(err, errlen, "%s:%ld: unknown action '%s'", path, lineno, f1);
            goto fail;
        }
        if (!strcmp(f2, "prefix")) cr.kind = KIND_PREFIX;
        else if (!strcmp(f2, "equals")) cr.kind = KIND_EQUALS;
        else if (!strcmp(f2, "regex")) cr.kind = KIND_REGEX;
        else {
            snprintf(err, errlen, "%s:%ld: unknown kind '%s'", path, lineno, f2);
            goto fail;
        }
        if (cr.action == ACT_TRIM && cr.kind != KIND_REGEX) {
            snprintf(err, errlen, "%s:%ld: trim needs a regex", path, lineno);
            goto fail;
        }
        if (cr.kind == KIND_REGEX) {
            int rc = regcomp(&cr.re, f3, REG_EXTENDED | REG_ICASE);
            if (rc) {
                char msg[128];
                regerror(rc, &cr.re, msg, sizeof msg);
                snprintf(err, errlen, "%s:%ld: bad regex: %s", path, lineno, msg);
                goto fail;
            }
        } else {
            cr.text = strdup(f3);
            if (!cr.text) goto oom;
            for (char *p = cr.text; *p; p++) *p = (char)tolower((unsigned char)*p);
            cr.len = strlen(cr.text);
        }
        if (r->n == cap) {
            cap = cap ? cap * 2 : 64;
            clean_rule *nr = realloc(r->rules, (size_t)cap * sizeof *nr);
            if (!nr) {
                if (cr.kind == KIND_REGEX) regfree(&cr.re);
                free(cr.text);
                goto oom;
            }
            r->rules = nr;
        }
        r->rules[r->n++] = cr;
    }
    free(line);
    fclose(fp);
    return r;
oom:
    snprintf(err, errlen, "%s: out of memory", path);
fail:
    free(line);
    fclose(fp);
    clean_free(r);
    return NULL;
}

/* Compares a line with a lower-case pattern, ignoring trailing spaces and
 * punctuation on the line. */
static int S_equals(const char *s, size_t n, const char *pat, size_t plen)
{
    while (n > 0 && (isspace((unsigned char)s[n - 1]) || ispunct((unsigned char)s[n - 1]))) n--;
    return n == plen && strncasecmp(s, pat, plen) == 0;
}

static int S_word_count(const char *s, size_t n)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = isspace((unsigned char)s[i]);
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* Does the line end like a sentence (., !, ?, a closing quote or bracket after one, ...)? */
static int S_final_punct(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)s[n - 1])) n--;
    if (n == 0) return 0;
    unsigned char c = (unsigned char)s[n - 1];
    if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')' || c == ':' || c == ';')
        return 1;
    /* closing curly quotes (U+201D, U+2019) and ellipsis (U+2026) */
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
        (c == 0x9D || c == 0x99 || c == 0xA6))
        return 1;
    return 0;
}

int clean_text(const clean_rules *r, arena *a, const char *text, size_t len,
               const char *title, sr_region **out, int *dropped)
{
    vec v;
    vec_init(&v, sizeof(sr_region));
    int ndrop = 0;
    size_t tlen = title ? strlen(title) : 0;
    while (tlen && isspace((unsigned char)title[tlen - 1])) tlen--;
    char *line = NULL;
    size_t line_cap = 0;
    size_t i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
        size_t s0 = i, s1 = e;
        i = e < len ? e + 1 : len;
        while (s0 < s1 && isspace((unsigned char)text[s0])) s0++;
        while (s1 > s0 && isspace((unsigned char)text[s1 - 1])) s1--;
        if (s0 == s1) continue;
        size_t n = s1 - s0;
        const char *p = text + s0;
        if (tlen && n == tlen && memcmp(p, title, n) == 0) { ndrop++; continue; }
        /* regexec needs a NUL-terminated copy */
        if (n + 1 > line_cap) {
            size_t cap = line_cap ? line_cap : 1024;
            while (cap < n + 1) cap *= 2;
            char *nl = realloc(line, cap);
            if (!nl) goto oom;
            line = nl;
            line_cap = cap;
        }
        memcpy(line, p, n);
        line[n] = 0;
        int drop = 0, tail = 0;
        for (int k = 0; r && k < r->n && !drop; k++) {
            const clean_rule *cr = &r->rules[k];
            int hit = 0;
            regmatch_t m;
            if (cr->kind == KIND_PREFIX) hit = n >= cr->len && strncasecmp(p, cr->text, cr->len) == 0;
            else if (cr->kind == KIND_EQUALS) hit = S_equals(p, n, cr->text, cr->len);
            else hit = regexec(&cr->re, line, 1, &m, 0) == 0;
            if (!hit) continue;
            if (cr->action == ACT_TRIM) {
                size_t ms = (size_t)m.rm_so, me = (size_t)m.rm_eo;
                if (ms == 0) s0 += me;
                else if (me == n) s1 = s0 + ms;
                else continue;
                while (s0 < s1 && isspace((unsigned char)text[s0])) s0++;
                while (s1 > s0 && isspace((unsigned char)text[s1 - 1])) s1--;
                if (s0 == s1) drop = 1;
                p = text + s0;
                n = s1 - s0;
                continue;
            }
            drop = 1;
            tail = cr->action == ACT_TAIL;
        }
        if (!drop && S_word_count(p, n) < 4 && !S_final_punct(p, n)) drop = 1;
        if (drop) {
            ndrop++;
            if (tail) {
                /* count the rest as dropped */
                for (size_t k = i; k < len; k++) ndrop += text[k] == '\n';
                break;
            }
            continue;
        }
        sr_region *reg = vec_push(&v);
        if (!reg) goto oom;
        reg->start = (int)s0;
        reg->end = (int)s1;
    }
    free(line);
    sr_region *res = arena_alloc(a, (v.len ? v.len : 1) * sizeof *res);
    if (!res) { vec_free(&v); return SITREP_ENOMEM; }
    if (v.len) memcpy(res, v.data, v.len * sizeof *res);
    int count = (int)v.len;
    vec_free(&v);
    *out = res;
    if (dropped) *dropped = ndrop;
    return count;
oom:
    free(line);
    vec_free(&v);
    return SITREP_ENOMEM;
}
