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
#include <locale.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sitrep.h"

typedef enum { ACT_LINE, ACT_TAIL, ACT_TRIM } rule_action;
typedef enum { KIND_PREFIX, KIND_EQUALS, KIND_REGEX } rule_kind;

#define PF_LIT 32 /* longest literal a prefilter keeps */
#define PF_NIN 4  /* literals kept per regex (node) */
#define PF_NPRE 8 /* beginnings kept per regex (node) */

typedef struct {
    unsigned char s[PF_LIT];
    int n;
} S_lit;

typedef struct {
    rule_action action;
    rule_kind kind;
    char *text;       /* prefix / equals: lower-case pattern */
    size_t len;
    regex_t re;       /* regex */
    /* regex prefilter (S_analyse): a line that fails it cannot match */
    int pf;           /* 1 when the prefilter below is in use */
    int pf_first;     /* 1: the match starts the line, with a byte of first */
    unsigned char first[32];
    S_lit lit[PF_NIN]; /* lower case; every match contains each */
    int nlit;
    S_lit pre[PF_NPRE]; /* lower case; the line starts with one (when npre) */
    int npre;
} clean_rule;

struct clean_rules {
    clean_rule *rules;
    int n;
    int prefilter;    /* 0: every rule is tried on every line */
    uint64_t *may;    /* [256][nw]: bit k of row b: rule k may match a line
                         starting with byte b (by its prefilter) */
    int nw;
};

/* ---- prefilters (issue 18) ---------------------------------------------
 * Most lines match no rule, and regexec with REG_ICASE costs about a
 * microsecond per line and rule.  At load, a small analyser of POSIX
 * extended syntax reads each regex once more and derives necessary
 * conditions for a match: strings every match contains (in lower case),
 * and, when the regex begins with ^, the bytes a match can start with.  A
 * line that fails them cannot match, and regexec is not called.  Anything
 * the analyser does not know (GNU escapes such as \w or \b, back-references,
 * character classes) leaves the regex without a prefilter.  Prefix and
 * equals rules are skipped on their first byte.  The conditions hold for
 * the C locale (bytes, ASCII-only case folding), the only one sitrep runs
 * in; in any other the prefilters are off.  Each node is summarised as
 * cmark's or grep's "must" analysis does: the one string it matches
 * (exact), a prefix and a suffix of every match, strings inside every
 * match, the first bytes and whether it can match the empty string.
 */
typedef struct {
    int exact;               /* matches only ex (zero-width when ex.n == 0) */
    S_lit ex, left, right;   /* that string; a prefix, a suffix of every match */
    S_lit in[PF_NIN];        /* strings every match contains */
    int nin;
    unsigned char first[32]; /* bytes a non-empty match can start with */
    int nullable;            /* may match the empty string */
    int anchored;            /* every match starts with ^ */
    int pre_ok;              /* every match starts with one of pre */
    S_lit pre[PF_NPRE];      /* ... and is all of pre[i] when pre_full[i] */
    unsigned char pre_full[PF_NPRE];
    int npre;
} S_info;

typedef struct {
    const unsigned char *s;
    int bad;                 /* met something not understood */
} S_cursor;

static unsigned char S_fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

static void S_set_add(unsigned char *set, unsigned char c)
{
    unsigned char lo = S_fold(c), up = c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
    set[c >> 3] |= (unsigned char)(1u << (c & 7));
    set[lo >> 3] |= (unsigned char)(1u << (lo & 7));
    set[up >> 3] |= (unsigned char)(1u << (up & 7));
}

/* a + b, keeping the first (front) or the last PF_LIT bytes */
static S_lit S_cat(const S_lit *a, const S_lit *b, int front)
{
    unsigned char tmp[2 * PF_LIT];
    memcpy(tmp, a->s, (size_t)a->n);
    memcpy(tmp + a->n, b->s, (size_t)b->n);
    S_lit r;
    int n = a->n + b->n;
    r.n = n > PF_LIT ? PF_LIT : n;
    memcpy(r.s, front ? tmp : tmp + (n - r.n), (size_t)r.n);
    return r;
}

/* Is a inside b? */
static int S_lit_inside(const S_lit *a, const S_lit *b)
{
    for (int i = 0; i + a->n <= b->n; i++)
        if (memcmp(b->s + i, a->s, (size_t)a->n) == 0) return 1;
    return 0;
}

/* Adds l to the strings every match contains (none inside another), keeping
 * the PF_NIN longest. */
static void S_in_add(S_info *x, const S_lit *l)
{
    if (l->n == 0) return;
    for (int i = 0; i < x->nin; i++)
        if (S_lit_inside(l, &x->in[i])) return;
    for (int i = 0; i < x->nin;) {
        if (S_lit_inside(&x->in[i], l)) x->in[i] = x->in[--x->nin];
        else i++;
    }
    if (x->nin < PF_NIN) {
        x->in[x->nin++] = *l;
        return;
    }
    int shortest = 0;
    for (int i = 1; i < x->nin; i++)
        if (x->in[i].n < x->in[shortest].n) shortest = i;
    if (x->in[shortest].n < l->n) x->in[shortest] = *l;
}

static void S_empty(S_info *x)
{
    memset(x, 0, sizeof *x);
    x->exact = 1;
    x->nullable = 1;
    x->pre_ok = 1;
    x->npre = 1;
    x->pre_full[0] = 1;
}

/* Adds l (whole match when full) to the beginnings of x; 0 when full up. */
static int S_pre_add(S_info *x, const S_lit *l, int full)
{
    for (int i = 0; i < x->npre; i++)
        if (x->pre_full[i] == full && x->pre[i].n == l->n && memcmp(x->pre[i].s, l->s, (size_t)l->n) == 0)
            return 1;
    if (x->npre == PF_NPRE) return 0;
    x->pre[x->npre] = *l;
    x->pre_full[x->npre++] = (unsigned char)full;
    return 1;
}

/* The beginnings of a followed by b, into c. */
static void S_pre_concat(S_info *c, const S_info *a, const S_info *b)
{
    c->pre_ok = a->pre_ok;
    c->npre = 0;
    if (!a->pre_ok) return;
    int ok = 1;
    for (int i = 0; i < a->npre && ok; i++) {
        if (!a->pre_full[i] || !b->pre_ok) {
            ok = S_pre_add(c, &a->pre[i], 0);
            continue;
        }
        for (int j = 0; j < b->npre && ok; j++) {
            int n = a->pre[i].n + b->pre[j].n;
            S_lit l = S_cat(&a->pre[i], &b->pre[j], 1);
            ok = S_pre_add(c, &l, b->pre_full[j] && n <= PF_LIT);
        }
    }
    if (!ok) { /* too many: a's beginnings alone */
        c->npre = 0;
        for (int i = 0; i < a->npre; i++) S_pre_add(c, &a->pre[i], 0);
    }
}

static void S_concat(S_info *a, const S_info *b)
{
    S_info c;
    memset(&c, 0, sizeof c);
    c.nullable = a->nullable && b->nullable;
    for (int i = 0; i < 32; i++) c.first[i] = (unsigned char)(a->first[i] | (a->nullable ? b->first[i] : 0));
    c.anchored = a->anchored || (a->exact && a->ex.n == 0 && b->anchored);
    S_pre_concat(&c, a, b);
    if (a->exact && b->exact && a->ex.n + b->ex.n <= PF_LIT) {
        c.exact = 1;
        c.ex = S_cat(&a->ex, &b->ex, 1);
        c.left = c.right = c.ex;
        S_in_add(&c, &c.ex);
    } else {
        c.left = a->exact ? S_cat(&a->ex, &b->left, 1) : a->left;
        c.right = b->exact ? S_cat(&a->right, &b->ex, 0) : b->right;
        for (int i = 0; i < a->nin; i++) S_in_add(&c, &a->in[i]);
        for (int i = 0; i < b->nin; i++) S_in_add(&c, &b->in[i]);
        S_lit join = S_cat(&a->right, &b->left, 1);
        S_in_add(&c, &join);
        S_in_add(&c, &c.left);
        S_in_add(&c, &c.right);
    }
    *a = c;
}

static void S_alternate(S_info *a, const S_info *b)
{
    S_info c;
    memset(&c, 0, sizeof c);
    c.nullable = a->nullable || b->nullable;
    for (int i = 0; i < 32; i++) c.first[i] = (unsigned char)(a->first[i] | b->first[i]);
    c.anchored = a->anchored && b->anchored;
    c.pre_ok = a->pre_ok && b->pre_ok;
    for (int i = 0; i < a->npre && c.pre_ok; i++) c.pre_ok = S_pre_add(&c, &a->pre[i], a->pre_full[i]);
    for (int i = 0; i < b->npre && c.pre_ok; i++) c.pre_ok = S_pre_add(&c, &b->pre[i], b->pre_full[i]);
    if (!c.pre_ok) c.npre = 0;
    c.exact = a->exact && b->exact && a->ex.n == b->ex.n && memcmp(a->ex.s, b->ex.s, (size_t)a->ex.n) == 0;
    if (c.exact) c.ex = a->ex;
    int n = 0;
    while (n < a->left.n && n < b->left.n && a->left.s[n] == b->left.s[n]) n++;
    memcpy(c.left.s, a->left.s, (size_t)n);
    c.left.n = n;
    n = 0;
    while (n < a->right.n && n < b->right.n &&
           a->right.s[a->right.n - 1 - n] == b->right.s[b->right.n - 1 - n])
        n++;
    memcpy(c.right.s, a->right.s + (a->right.n - n), (size_t)n);
    c.right.n = n;
    for (int i = 0; i < a->nin; i++)
        for (int j = 0; j < b->nin; j++)
            if (a->in[i].n == b->in[j].n && memcmp(a->in[i].s, b->in[j].s, (size_t)a->in[i].n) == 0)
                S_in_add(&c, &a->in[i]);
    S_in_add(&c, &c.left);
    S_in_add(&c, &c.right);
    *a = c;
}

/* x repeated at least min times (min 0 or 1). */
static void S_repeat(S_info *x, int min)
{
    if (x->exact && x->ex.n == 0) { /* zero-width: stays zero-width */
        if (min == 0) x->anchored = 0;
        return;
    }
    for (int i = 0; i < x->npre; i++) x->pre_full[i] = 0;
    if (min == 0) {
        x->nullable = 1;
        x->anchored = 0;
        x->nin = 0;
        x->left.n = x->right.n = 0;
        S_lit none = {{0}, 0};
        if (x->pre_ok) x->pre_ok = S_pre_add(x, &none, 1);
        if (!x->pre_ok) x->npre = 0;
    }
    x->exact = 0;
}

static void S_alt(S_cursor *c, S_info *x);

/* A bracket expression; c->s is after the '['. */
static void S_bracket(S_cursor *c, S_info *x)
{
    const unsigned char *s = c->s;
    int neg = *s == '^';
    if (neg) s++;
    unsigned char set[32];
    memset(set, 0, sizeof set);
    int i = 0;
    for (;; i++) {
        unsigned char ch = *s;
        if (ch == 0) { c->bad = 1; return; }
        if (ch == ']' && i > 0) break;
        if (ch == '[' && (s[1] == ':' || s[1] == '=' || s[1] == '.')) { c->bad = 1; return; }
        if (s[1] == '-' && s[2] && s[2] != ']') {
            unsigned char hi = s[2];
            if (hi == '[' || hi < ch) { c->bad = 1; return; }
            for (unsigned v = ch; v <= hi; v++) S_set_add(set, (unsigned char)v);
            s += 3;
        } else {
            S_set_add(set, ch);
            s++;
        }
    }
    c->s = s + 1;
    memset(x, 0, sizeof *x);
    if (neg) memset(x->first, 0xFF, sizeof x->first);
    else memcpy(x->first, set, sizeof set);
}

/* An atom and its quantifiers. */
static void S_piece(S_cursor *c, S_info *x)
{
    unsigned char ch = *c->s++;
    memset(x, 0, sizeof *x);
    switch (ch) {
    case '(':
        S_alt(c, x);
        if (*c->s != ')') { c->bad = 1; return; }
        c->s++;
        break;
    case '[': S_bracket(c, x); break;
    case '.': memset(x->first, 0xFF, sizeof x->first); break;
    case '^':
        if (*c->s == '*' || *c->s == '+' || *c->s == '?' || *c->s == '{') { c->bad = 1; return; }
        S_empty(x);
        x->anchored = 1;
        break;
    case '$': S_empty(x); break;
    case '*': case '+': case '?': case '{': case ')': c->bad = 1; return;
    case '\\':
        ch = *c->s++;
        if (ch == 0 || (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
            ch == '<' || ch == '>' || ch == '`' || ch == '\'') {
            c->bad = 1;
            return;
        }
        /* a quoted character */
        /* fall through */
    default:
        x->exact = 1;
        x->ex.s[0] = S_fold(ch);
        x->ex.n = 1;
        x->left = x->right = x->ex;
        S_in_add(x, &x->ex);
        S_set_add(x->first, ch);
        x->pre_ok = 1;
        x->pre[0] = x->ex;
        x->pre_full[0] = 1;
        x->npre = 1;
    }
    for (;;) {
        ch = *c->s;
        if (ch == '*' || ch == '?') {
            S_repeat(x, 0);
            c->s++;
        } else if (ch == '+') {
            S_repeat(x, 1);
            c->s++;
        } else if (ch == '{') {
            const unsigned char *s = c->s + 1;
            long lo = 0, hi = -1;
            if (*s < '0' || *s > '9') { c->bad = 1; return; }
            while (*s >= '0' && *s <= '9' && lo < 100000) lo = lo * 10 + (*s++ - '0');
            if (*s == ',') {
                s++;
                if (*s >= '0' && *s <= '9') {
                    hi = 0;
                    while (*s >= '0' && *s <= '9' && hi < 100000) hi = hi * 10 + (*s++ - '0');
                    if (hi < lo) { c->bad = 1; return; }
                }
            } else {
                hi = lo;
            }
            if (*s != '}') { c->bad = 1; return; }
            c->s = s + 1;
            S_repeat(x, lo >= 1 ? 1 : 0);
        } else {
            return;
        }
    }
}

/* Alternatives up to ')' or the end. */
static void S_alt(S_cursor *c, S_info *x)
{
    int first = 1;
    for (;;) {
        S_info br, pc;
        S_empty(&br);
        while (!c->bad && *c->s && *c->s != '|' && *c->s != ')') {
            S_piece(c, &pc);
            if (!c->bad) S_concat(&br, &pc);
        }
        if (c->bad) return;
        if (first) *x = br;
        else S_alternate(x, &br);
        first = 0;
        if (*c->s != '|') return;
        c->s++;
    }
}

/* Sets the prefilter of a regex rule from its pattern. */
static void S_analyse(clean_rule *cr, const char *pattern)
{
    S_cursor c = {(const unsigned char *)pattern, 0};
    S_info x;
    S_alt(&c, &x);
    cr->pf = 0;
    if (c.bad || *c.s) return;
    S_in_add(&x, &x.left);
    S_in_add(&x, &x.right);
    cr->nlit = x.nin;
    memcpy(cr->lit, x.in, sizeof x.in);
    cr->pf_first = x.anchored && !x.nullable;
    memcpy(cr->first, x.first, sizeof x.first);
    cr->npre = 0;
    if (x.anchored && x.pre_ok) {
        /* the line starts with one of them: those that extend another go */
        for (int i = 0; i < x.npre; i++) {
            int j = 0;
            while (j < x.npre && (j == i || x.pre[j].n > x.pre[i].n ||
                                  (x.pre[j].n == x.pre[i].n && j > i) ||
                                  memcmp(x.pre[j].s, x.pre[i].s, (size_t)x.pre[j].n) != 0))
                j++;
            if (j < x.npre) continue;
            if (x.pre[i].n == 0) { /* may start with anything */
                cr->npre = 0;
                break;
            }
            cr->pre[cr->npre++] = x.pre[i];
        }
    }
    cr->pf = cr->nlit > 0 || cr->pf_first || cr->npre > 0;
}

/* Copies s[0..n) to dst in lower case (ASCII), up to a NUL byte if any;
 * returns the length copied.  8 bytes at a time. */
static size_t S_lower(char *dst, const unsigned char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if ((x - ones) & ~x & high) break; /* a NUL byte */
        uint64_t h = x & ~high;            /* each byte's low 7 bits */
        uint64_t up = (h + (0x80 - 'A') * ones) ^ (h + (0x7F - 'Z') * ones);
        x |= (up & ~x & high) >> 2;         /* 'A'..'Z' (high bit clear) + 0x20 */
        memcpy(dst + i, &x, 8);
    }
    for (; i < n && s[i]; i++) dst[i] = (char)S_fold(s[i]);
    return i;
}

/* Does h[0..n) contain the m > 0 bytes of needle? */
static int S_contains(const char *h, size_t n, const unsigned char *needle, size_t m)
{
    const char *end = h + n;
    while ((size_t)(end - h) >= m) {
        const char *q = memchr(h, needle[0], (size_t)(end - h) - m + 1);
        if (!q) return 0;
        if (memcmp(q + 1, needle + 1, m - 1) == 0) return 1;
        h = q + 1;
    }
    return 0;
}

/* May the line l[0..n) (lower-cased in low) match the regex of cr? */
static int S_may_match(const clean_rule *cr, const unsigned char *l, const char *low, size_t n)
{
    if (cr->pf_first && (n == 0 || !(cr->first[l[0] >> 3] & (1u << (l[0] & 7))))) return 0;
    if (cr->npre) {
        int i = 0;
        while (i < cr->npre && !((size_t)cr->pre[i].n <= n && memcmp(low, cr->pre[i].s, (size_t)cr->pre[i].n) == 0))
            i++;
        if (i == cr->npre) return 0;
    }
    for (int i = 0; i < cr->nlit; i++)
        if (!S_contains(low, n, cr->lit[i].s, (size_t)cr->lit[i].n)) return 0;
    return 1;
}

/* The prefilters assume the C locale's regex: bytes, ranges in byte
 * order, ASCII-only case folding. */
static int S_c_locale(void)
{
    const char *ct = setlocale(LC_CTYPE, NULL), *co = setlocale(LC_COLLATE, NULL);
    return MB_CUR_MAX == 1 && ct && co && (!strcmp(ct, "C") || !strcmp(ct, "POSIX")) &&
           (!strcmp(co, "C") || !strcmp(co, "POSIX"));
}

int clean_prefilter(clean_rules *r, int on)
{
    int n = 0;
    if (!r) return 0;
    r->prefilter = on && S_c_locale();
    for (int i = 0; i < r->n; i++) n += r->rules[i].pf;
    return n;
}

void clean_free(clean_rules *r)
{
    if (!r) return;
    for (int i = 0; i < r->n; i++) {
        if (r->rules[i].kind == KIND_REGEX) regfree(&r->rules[i].re);
        free(r->rules[i].text);
    }
    free(r->rules);
    free(r->may);
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
            S_analyse(&cr, f3);
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
    r->prefilter = S_c_locale();
    /* the rules a line's first byte leaves, in one row of bits: the loop
     * over the rules then reads one row instead of every rule */
    r->nw = (r->n + 63) / 64;
    r->may = r->nw ? calloc(256 * (size_t)r->nw, sizeof *r->may) : NULL; /* NULL: no rows */
    for (int b = 0; b < 256 && r->may; b++) {
        for (int k = 0; k < r->n; k++) {
            const clean_rule *cr = &r->rules[k];
            int may = 1;
            if (cr->kind != KIND_REGEX) may = !cr->len || S_fold((unsigned char)b) == (unsigned char)cr->text[0];
            else if (cr->pf && cr->pf_first) may = (cr->first[b >> 3] >> (b & 7)) & 1;
            if (may) r->may[(size_t)b * (size_t)r->nw + (size_t)(k >> 6)] |= (uint64_t)1 << (k & 63);
        }
    }
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

/* The number of words of s[0..n), counted up to max. */
static int S_word_count(const char *s, size_t n, int max)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = isspace((unsigned char)s[i]);
        if (!sp && !in && ++w == max) break;
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
    char *line = NULL, *low = NULL; /* malloc'd, line_cap bytes each */
    size_t line_cap = 0;
    int pf = r && r->prefilter;
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        /* a sentence broken over lines ("The UN Security Council\nhas
         * criticised ...", "Moon Jae-in\nsaid Thursday ..."): a line without
         * final punctuation goes on into a next line that starts in lower
         * case */
        while (nl) {
            size_t k = e + 1, q = e;
            while (k < len && (text[k] == ' ' || text[k] == '\t')) k++;
            if (k >= len || text[k] < 'a' || text[k] > 'z') break;
            while (q > i && isspace((unsigned char)text[q - 1])) q--;
            if (q == i || S_final_punct(text + i, q - i)) break;
            nl = memchr(text + k, '\n', len - k);
            e = nl ? (size_t)(nl - text) : len;
        }
        size_t s0 = i, s1 = e;
        i = e < len ? e + 1 : len;
        while (s0 < s1 && isspace((unsigned char)text[s0])) s0++;
        while (s1 > s0 && isspace((unsigned char)text[s1 - 1])) s1--;
        if (s0 == s1) continue;
        size_t n = s1 - s0;
        const char *p = text + s0;
        if (tlen && n == tlen && memcmp(p, title, n) == 0) { ndrop++; continue; }
        if (n + 1 > line_cap) {
            size_t cap = line_cap ? line_cap : 1024;
            while (cap < n + 1) cap *= 2;
            char *nb = realloc(line, cap);
            if (!nb) goto oom;
            line = nb;
            nb = realloc(low, cap);
            if (!nb) goto oom;
            low = nb;
            line_cap = cap;
        }
        /* regexec sees the line as it was before any trim rule, in a
         * NUL-terminated copy (up to a NUL byte, if any); the prefilters see
         * it too, in lower case.  Both are made when first needed. */
        const unsigned char *p0 = (const unsigned char *)p;
        size_t n0 = n, nlow = 0;
        int have_line = 0, have_low = 0;
        /* the rules the first byte leaves (until a trim rule moves it) */
        const uint64_t *row = pf && r->may ? r->may + (size_t)p0[0] * (size_t)r->nw : NULL;
        int drop = 0, tail = 0;
        for (int k = 0; r && k < r->n && !drop; k++) {
            const clean_rule *cr = &r->rules[k];
            int hit = 0;
            regmatch_t m;
            if (row && !((row[k >> 6] >> (k & 63)) & 1)) continue;
            if (cr->kind == KIND_PREFIX) {
                if (pf && cr->len && S_fold((unsigned char)p[0]) != (unsigned char)cr->text[0]) continue;
                hit = n >= cr->len && strncasecmp(p, cr->text, cr->len) == 0;
            } else if (cr->kind == KIND_EQUALS) {
                if (pf && cr->len && S_fold((unsigned char)p[0]) != (unsigned char)cr->text[0]) continue;
                hit = S_equals(p, n, cr->text, cr->len);
            } else {
                if (pf && cr->pf) {
                    if (!have_low) {
                        nlow = S_lower(low, p0, n0);
                        have_low = 1;
                    }
                    if (!S_may_match(cr, p0, low, nlow)) continue;
                }
                if (!have_line) {
                    memcpy(line, p0, n0);
                    line[n0] = 0;
                    have_line = 1;
                }
                hit = regexec(&cr->re, line, 1, &m, 0) == 0;
            }
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
                row = NULL;
                n = s1 - s0;
                continue;
            }
            drop = 1;
            tail = cr->action == ACT_TAIL;
        }
        if (!drop && S_word_count(p, n, 4) < 4 && !S_final_punct(p, n)) drop = 1;
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
    free(low);
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
    free(low);
    vec_free(&v);
    return SITREP_ENOMEM;
}
