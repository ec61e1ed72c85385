/* eval.c -- scores system events (spec/EVENTS.md §2) against gold
 * annotations (§3) as §4 prescribes, and prints the report (eval.h).
 *
 * Both files are JSON Lines read with getline (no line limit); a line that
 * does not parse is reported as FILE:LINE and skipped.  Events are kept in
 * one arena owned by eval_files and freed before it returns.  Matching is
 * per document (S_match); world events are checked across documents.
 * System events whose type is null (pure statements) do not count.  Events
 * the strict match leaves over are classified by eval_error_kind (eval.h,
 * S_classify) from their evidence sentences.
 */
#define _POSIX_C_SOURCE 200809L
#include "eval.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "arena.h"
#include "json.h"
#include "sitrep.h"

/* One gold or system event, reduced to what scoring needs.  Strings live in
 * the evaluation arena; NULL stands for JSON null or absent. */
typedef struct S_ev S_ev;
struct S_ev {
    const char *doc, *type, *source, *target, *modality;
    const char *date;        /* "YYYY-MM-DD" or NULL (coarser than a day) */
    const char *loc;         /* place name, folded (S_fold) */
    const char *loc_country; /* country key of the place */
    const char *world;       /* gold: world_event id; system: merged-event id */
    const char *evid;        /* evidence: gold's quote, the system's sentence */
    long line;
    int tid;                 /* index into the type table */
    S_ev *m_strict, *m_relaxed, *m_conf; /* partners (NULL = unmatched) */
};

enum { S_STRICT, S_RELAXED, S_CONF };

/* The PLOVER types in the order of spec §2; types outside the list are
 * appended to the table as they are met. */
static const char *const S_plover[] = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"};
#define S_NPLOVER ((int)(sizeof S_plover / sizeof S_plover[0]))

/* Everything eval_files owns. */
typedef struct {
    arena store;
    vec gold, sys;        /* S_ev */
    S_ev **g, **s;        /* pointers sorted by (doc, line) */
    vec types;            /* const char *: S_plover, then others */
    vec docs;             /* S_doc */
    FILE *err;
} S_eval;

typedef struct {
    const char *name;
    size_t g0, g1, s0, s1; /* ranges in S_eval.g and S_eval.s */
    int matched;
} S_doc;

/* ---- small string helpers ---------------------------------------------- */

static int S_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int S_eqi(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    for (; *a && *b; a++, b++)
        if (S_lower((unsigned char)*a) != S_lower((unsigned char)*b)) return 0;
    return *a == *b;
}

/* Both NULL counts as equal (§4: "both null counts as equal"). */
static int S_eq(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static int S_symmetric(const char *type)
{
    return S_eqi(type, "CONSULT") || S_eqi(type, "AGREE") || S_eqi(type, "COOPERATE");
}

/* ASCII base letters of U+00C0..U+00FF and U+0100..U+017F (lowercase). */
static const char S_latin1[] =
    "aaaaaaaceeeeiiii" "dnoooooxouuuuyts" "aaaaaaaceeeeiiii" "dnoooooxouuuuyty";
static const char S_latin_a[] =
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iiiijjkkklllllll"
    "lllnnnnnnnnnoooo" "oooorrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
_Static_assert(sizeof S_latin1 == 65 && sizeof S_latin_a == 129, "fold tables");

/* Folds a place name for comparison: ASCII lowercase, Latin-1 and Latin
 * Extended-A letters (and Romanian s/t with comma) to their base letter,
 * runs of white space to one space, trimmed; "kiev" is written "kyiv"
 * (gold convention).  Other UTF-8 is kept as is. */
static char *S_fold(arena *a, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    char *o = arena_alloc(a, n + 1);
    if (!o) return NULL;
    size_t k = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (k && o[k - 1] != ' ') o[k++] = ' ';
            i++;
            continue;
        }
        if (c < 0x80) {
            o[k++] = (char)S_lower((int)c);
            i++;
            continue;
        }
        if (c >= 0xC3 && c <= 0xC5 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0xBF) {
            unsigned cp = ((c & 0x1F) << 6) | (u[i + 1] & 0x3F);
            char base = 0;
            if (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) base = S_latin1[cp - 0xC0];
            else if (cp >= 0x100 && cp <= 0x17F) base = S_latin_a[cp - 0x100];
            if (base) {
                o[k++] = base;
                i += 2;
                continue;
            }
        }
        if (c == 0xC8 && i + 1 < n && u[i + 1] >= 0x98 && u[i + 1] <= 0x9B) {
            o[k++] = u[i + 1] <= 0x99 ? 's' : 't';
            i += 2;
            continue;
        }
        o[k++] = (char)c;
        i++;
    }
    while (k && o[k - 1] == ' ') k--;
    o[k] = 0;
    if (strcmp(o, "kiev") == 0) strcpy(o, "kyiv");
    return o;
}

/* ---- reading ----------------------------------------------------------- */

static char *S_dup(arena *a, const char *s, int *oom)
{
    if (!s) return NULL;
    char *d = arena_strdup(a, s);
    if (!d) *oom = 1;
    return d;
}

/* A string or a number as text (doc ids and world_event ids may be either). */
static const char *S_id(arena *a, const json *v, int *oom)
{
    if (!v) return NULL;
    if (v->type == JSON_STRING) return S_dup(a, v->str, oom);
    if (v->type == JSON_NUMBER) {
        buf b;
        buf_init(&b);
        if (json_put_num(&b, v->num, 6)) *oom = 1;
        const char *d = b.s ? S_dup(a, b.s, oom) : NULL;
        buf_free(&b);
        return d;
    }
    return NULL;
}

/* An actor key: a string (gold) or an object's "key" (system). */
static const char *S_key(const json *v)
{
    if (!v) return NULL;
    if (v->type == JSON_STRING) return v->str;
    if (v->type == JSON_OBJECT) return json_get_str(v, "key");
    return NULL;
}

/* Fills *ev from one parsed line.  Returns 0, 1 for a system line to skip
 * silently (type null), or -1 with *why set. */
static int S_record(arena *a, const json *root, int gold, S_ev *ev, const char **why)
{
    int oom = 0;
    if (root->type != JSON_OBJECT) {
        *why = "not a JSON object";
        return -1;
    }
    const json *jd = json_get(root, "doc");
    if (!jd || (jd->type != JSON_STRING && jd->type != JSON_NUMBER)) {
        *why = "missing \"doc\" (string or number)";
        return -1;
    }
    const json *jt = json_get(root, "type");
    if (!jt || jt->type == JSON_NULL) {
        if (!gold) return 1;
        *why = "missing \"type\"";
        return -1;
    }
    if (jt->type != JSON_STRING) {
        *why = "\"type\" is not a string";
        return -1;
    }
    memset(ev, 0, sizeof *ev);
    ev->doc = S_id(a, jd, &oom);
    ev->type = S_dup(a, jt->str, &oom);
    ev->source = S_dup(a, S_key(json_get(root, "source")), &oom);
    ev->target = S_dup(a, S_key(json_get(root, "target")), &oom);
    ev->modality = S_dup(a, json_get_str(root, "modality"), &oom);

    /* the day, compared as YYYY-MM-DD; a system date coarser than a day is
     * no day at all, as in gold (§3) */
    const char *date = json_get_str(root, "date");
    const char *prec = json_get_str(root, "date_precision");
    long day;
    if (date && (!prec || strcmp(prec, "day") == 0)) {
        if (sitrep_parse_ymd(date, &day) == 0) {
            char *d = arena_alloc(a, 11);
            if (!d) oom = 1;
            else sitrep_format_day(day, d);
            ev->date = d;
        } else {
            ev->date = S_dup(a, date, &oom); /* compared literally */
        }
    }

    const json *jl = json_get(root, "location");
    const char *lname = NULL, *lcountry = NULL;
    if (jl && jl->type == JSON_STRING) {
        lname = jl->str;
    } else if (jl && jl->type == JSON_OBJECT) {
        lname = json_get_str(jl, "name");
        if (!lname) lname = json_get_str(jl, "text");
        lcountry = json_get_str(jl, "country");
    }
    if (!lcountry) lcountry = json_get_str(root, "location_country");
    if (lname) {
        ev->loc = S_fold(a, lname);
        if (!ev->loc) oom = 1;
    }
    ev->loc_country = S_dup(a, lcountry, &oom);
    ev->world = S_id(a, json_get(root, "world_event"), &oom);
    ev->evid = S_dup(a, json_get_str(root, "evidence"), &oom);
    if (oom) {
        *why = "out of memory";
        return -2;
    }
    return 0;
}

static int S_read(S_eval *e, const char *path, int gold)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(e->err, "sitrep: %s: %s\n", path, strerror(errno));
        return SITREP_EIO;
    }
    vec *out = gold ? &e->gold : &e->sys;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    arena tmp;
    arena_init(&tmp);
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        char *s = line;
        size_t len = (size_t)n;
        if (lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            len -= 3;
        }
        size_t i = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++;
        if (i == len) continue; /* blank line */
        size_t pos;
        const char *msg;
        json *root = json_parse(&tmp, s, len, &pos, &msg);
        if (!root) {
            fprintf(e->err, "%s:%ld: %s (column %zu)\n", name, lineno, msg, pos + 1);
        } else {
            S_ev ev;
            const char *why = NULL;
            int r = S_record(&e->store, root, gold, &ev, &why);
            if (r == -2) {
                rc = SITREP_ENOMEM;
            } else if (r < 0) {
                fprintf(e->err, "%s:%ld: %s\n", name, lineno, why);
            } else if (r == 0) {
                ev.line = lineno;
                S_ev *slot = vec_push(out);
                if (!slot) rc = SITREP_ENOMEM;
                else *slot = ev;
            }
        }
        arena_free(&tmp);
        if (rc) break;
    }
    if (!rc && ferror(f)) {
        fprintf(e->err, "sitrep: %s: %s\n", path, strerror(errno));
        rc = SITREP_EIO;
    }
    free(line);
    arena_free(&tmp);
    if (!is_stdin) fclose(f);
    return rc;
}

/* ---- matching ---------------------------------------------------------- */

static S_ev **S_slot(S_ev *e, int kind)
{
    return kind == S_STRICT ? &e->m_strict : kind == S_RELAXED ? &e->m_relaxed : &e->m_conf;
}

static int S_used(const S_ev *e, int kind)
{
    if (kind == S_STRICT) return e->m_strict != NULL;
    if (kind == S_RELAXED) return e->m_relaxed != NULL;
    return e->m_strict != NULL || e->m_conf != NULL;
}

/* Is (g, s) a candidate pair?  0 no, 1 keys as given, 2 keys swapped.
 * Strict: same type and keys, swapped for CONSULT/AGREE/COOPERATE.
 * Relaxed: same type and source key -- or, for the symmetric types, the
 * system source equal to the gold target, so that every strict candidate
 * is also a relaxed one and relaxed never scores below strict.  Confusion: same keys, whatever the
 * types (swapped when both types are symmetric). */
static int S_candidate(const S_ev *g, const S_ev *s, int kind)
{
    if (kind == S_RELAXED) {
        if (!S_eqi(g->type, s->type)) return 0;
        if (S_eq(g->source, s->source)) return 1;
        return S_symmetric(g->type) && S_eq(g->target, s->source) ? 2 : 0;
    }
    if (kind == S_STRICT && !S_eqi(g->type, s->type)) return 0;
    if (S_eq(g->source, s->source) && S_eq(g->target, s->target)) return 1;
    int sym = kind == S_STRICT ? S_symmetric(g->type) : S_symmetric(g->type) && S_symmetric(s->type);
    if (sym && S_eq(g->source, s->target) && S_eq(g->target, s->source)) return 2;
    return 0;
}

/* Matches the system events s[s0..s1) against the gold events g[g0..g1)
 * of one document.  §4 asks for a greedy match in text order preferring
 * candidates that agree on modality, then on date.  It is done in four
 * passes over the system events in file order, each taking the first
 * unused gold candidate (in gold file order) that agrees on
 *   1. modality and date, 2. modality, 3. date, 4. nothing more;
 * within a pass a candidate with the keys as given beats a swapped one.
 * Doing the exact-agreement pass first keeps an early system event from
 * taking the gold line a later, better-fitting system event needs. */
static int S_match(S_ev **g, size_t g0, size_t g1, S_ev **s, size_t s0, size_t s1, int kind)
{
    int matched = 0;
    for (int pass = 0; pass < 4; pass++) {
        int want_mod = pass <= 1, want_date = pass == 0 || pass == 2;
        for (size_t j = s0; j < s1; j++) {
            if (S_used(s[j], kind)) continue;
            S_ev *best = NULL;
            for (size_t i = g0; i < g1; i++) {
                if (S_used(g[i], kind)) continue;
                int c = S_candidate(g[i], s[j], kind);
                if (!c) continue;
                if (want_mod && !S_eqi(g[i]->modality, s[j]->modality)) continue;
                if (want_date && !S_eq(g[i]->date, s[j]->date)) continue;
                if (c == 1) {
                    best = g[i];
                    break;
                }
                if (!best) best = g[i];
            }
            if (best) {
                *S_slot(best, kind) = s[j];
                *S_slot(s[j], kind) = best;
                matched++;
            }
        }
    }
    return matched;
}

/* ---- error kinds (eval.h: eval_error_kind) ------------------------------ */

/* Do two evidence strings overlap in the text?  One contains the other, or
 * a suffix of one of at least EVAL_OVERLAP bytes is a prefix of the other
 * (a quote running over a sentence boundary).  NULL or "" never overlaps. */
static int S_overlap(const char *a, const char *b)
{
    if (!a || !b || !*a || !*b) return 0;
    if (strstr(a, b) || strstr(b, a)) return 1;
    size_t la = strlen(a), lb = strlen(b), m = la < lb ? la : lb;
    for (size_t k = EVAL_OVERLAP; k < m; k++)
        if (memcmp(a + la - k, b, k) == 0 || memcmp(b + lb - k, a, k) == 0) return 1;
    return 0;
}

/* Precedence of the kinds in S_classify: lower wins. */
static const int S_rank[EVAL_NERR] = {
    [EVAL_ERR_SPLIT] = 0, [EVAL_ERR_TARGET] = 1, [EVAL_ERR_SOURCE] = 2, [EVAL_ERR_TYPE] = 3,
    [EVAL_ERR_ACTORS] = 4, [EVAL_ERR_OTHER] = 5, [EVAL_ERR_NONE] = 6};

static const char *const S_err_name[EVAL_NERR] = {
    [EVAL_ERR_NONE] = "no_event", [EVAL_ERR_TYPE] = "other_type",
    [EVAL_ERR_SOURCE] = "wrong_source", [EVAL_ERR_TARGET] = "wrong_target",
    [EVAL_ERR_ACTORS] = "wrong_actors", [EVAL_ERR_OTHER] = "other_event",
    [EVAL_ERR_SPLIT] = "split"};

static const char *const S_err_label[EVAL_NERR] = {
    [EVAL_ERR_NONE] = "no event in the sentence",
    [EVAL_ERR_TYPE] = "other type, same keys",
    [EVAL_ERR_SOURCE] = "wrong source",
    [EVAL_ERR_TARGET] = "wrong target",
    [EVAL_ERR_ACTORS] = "wrong source and target",
    [EVAL_ERR_OTHER] = "other type and keys",
    [EVAL_ERR_SPLIT] = "split by date/modality"};

/* The kind a gold event g and a system event s of one sentence give, when
 * they are not a strict candidate pair. */
static eval_error_kind S_pair_kind(const S_ev *g, const S_ev *s)
{
    if (!S_eqi(g->type, s->type)) {
        return S_candidate(g, s, S_CONF) ? EVAL_ERR_TYPE : EVAL_ERR_OTHER;
    }
    /* not both keys equal: (g, s) would be a strict candidate */
    int src = S_eq(g->source, s->source), tgt = S_eq(g->target, s->target);
    if (src != tgt) return src ? EVAL_ERR_TARGET : EVAL_ERR_SOURCE;
    if (S_symmetric(g->type)) { /* one key shared the other way round */
        src = S_eq(g->source, s->target);
        tgt = S_eq(g->target, s->source);
        if (src != tgt) return src ? EVAL_ERR_TARGET : EVAL_ERR_SOURCE;
    }
    return EVAL_ERR_ACTORS;
}

/* Classifies x, left unmatched by the strict match, against the events
 * other[o0..o1) of the other side in its document (x_gold: x is gold). */
static eval_error_kind S_classify(const S_ev *x, int x_gold, S_ev **other, size_t o0, size_t o1)
{
    eval_error_kind best = EVAL_ERR_NONE;
    for (size_t i = o0; i < o1; i++) {
        const S_ev *y = other[i], *g = x_gold ? x : y, *s = x_gold ? y : x;
        if (S_candidate(g, s, S_STRICT)) {
            /* after the last pass of S_match no unused pair is left */
            assert(y->m_strict != NULL);
            return EVAL_ERR_SPLIT;
        }
        if (!S_overlap(x->evid, y->evid)) continue;
        eval_error_kind k = S_pair_kind(g, s);
        if (S_rank[k] < S_rank[best]) best = k;
    }
    return best;
}

/* ---- bookkeeping ------------------------------------------------------- */

static int S_cmp_ev(const void *pa, const void *pb)
{
    const S_ev *a = *(const S_ev *const *)pa, *b = *(const S_ev *const *)pb;
    int c = strcmp(a->doc, b->doc);
    if (c) return c;
    return (a->line > b->line) - (a->line < b->line);
}

static int S_cmp_world(const void *pa, const void *pb)
{
    const S_ev *a = *(const S_ev *const *)pa, *b = *(const S_ev *const *)pb;
    int c = strcmp(a->world, b->world);
    if (c) return c;
    c = strcmp(a->doc, b->doc);
    if (c) return c;
    return (a->line > b->line) - (a->line < b->line);
}

static S_ev **S_sorted(vec *v)
{
    S_ev **p = malloc((v->len ? v->len : 1) * sizeof *p);
    if (!p) return NULL;
    for (size_t i = 0; i < v->len; i++) p[i] = &VEC_AT(v, S_ev, i);
    qsort(p, v->len, sizeof *p, S_cmp_ev);
    return p;
}

static int S_type_id(vec *types, const char *name)
{
    for (size_t i = 0; i < types->len; i++)
        if (S_eqi(VEC_AT(types, const char *, i), name)) return (int)i;
    const char **slot = vec_push(types);
    if (!slot) return -1;
    *slot = name;
    return (int)types->len - 1;
}

/* Groups the sorted events by document. */
static int S_group(S_eval *e)
{
    size_t i = 0, j = 0, ng = e->gold.len, ns = e->sys.len;
    while (i < ng || j < ns) {
        const char *name;
        if (i < ng && j < ns) {
            int c = strcmp(e->g[i]->doc, e->s[j]->doc);
            name = c <= 0 ? e->g[i]->doc : e->s[j]->doc;
        } else {
            name = i < ng ? e->g[i]->doc : e->s[j]->doc;
        }
        S_doc *d = vec_push(&e->docs);
        if (!d) return SITREP_ENOMEM;
        d->name = name;
        d->g0 = i;
        while (i < ng && strcmp(e->g[i]->doc, name) == 0) i++;
        d->g1 = i;
        d->s0 = j;
        while (j < ns && strcmp(e->s[j]->doc, name) == 0) j++;
        d->s1 = j;
    }
    return 0;
}

static void S_prf(int matched, int sys, int gold, double *p, double *r, double *f)
{
    *p = sys ? (double)matched / sys : 0.0;
    *r = gold ? (double)matched / gold : 0.0;
    *f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0.0;
}

/* World events (§4, last item): a gold world_event id on two or more gold
 * lines is merged correctly when every such line is strictly matched, all
 * their system partners carry one and the same non-null world_event, and
 * no system event matched to any other gold line carries that value.
 * Writes the ids and verdicts to *ids / *ok (malloc'd, caller frees). */
static int S_world(S_eval *e, int *total, int *merged, const char ***ids, int **ok)
{
    size_t ng = e->gold.len, nw = 0;
    *total = *merged = 0;
    *ids = NULL;
    *ok = NULL;
    S_ev **w = malloc((ng ? ng : 1) * sizeof *w);
    if (!w) return SITREP_ENOMEM;
    for (size_t i = 0; i < ng; i++)
        if (e->g[i]->world) w[nw++] = e->g[i];
    qsort(w, nw, sizeof *w, S_cmp_world);
    *ids = malloc((nw ? nw : 1) * sizeof **ids);
    *ok = malloc((nw ? nw : 1) * sizeof **ok);
    if (!*ids || !*ok) {
        free(w);
        return SITREP_ENOMEM;
    }
    for (size_t a = 0; a < nw;) {
        size_t b = a;
        while (b < nw && strcmp(w[b]->world, w[a]->world) == 0) b++;
        if (b - a >= 2) {
            const char *sysval = NULL;
            int good = 1;
            for (size_t k = a; k < b && good; k++) {
                const S_ev *m = w[k]->m_strict;
                if (!m || !m->world) good = 0;
                else if (!sysval) sysval = m->world;
                else if (strcmp(sysval, m->world) != 0) good = 0;
            }
            for (size_t i = 0; i < ng && good; i++) {
                const S_ev *gi = e->g[i], *m = gi->m_strict;
                if (!m || !m->world || strcmp(m->world, sysval) != 0) continue;
                if (!gi->world || strcmp(gi->world, w[a]->world) != 0) good = 0;
            }
            (*ids)[*total] = w[a]->world;
            (*ok)[*total] = good;
            (*total)++;
            *merged += good;
        }
        a = b;
    }
    free(w);
    return 0;
}

/* ---- report ------------------------------------------------------------ */

typedef struct {
    int gold, sys, matched;
} S_count;

static void S_acc_text(FILE *out, const char *label, int ok, int n)
{
    if (n) fprintf(out, "%-9s %.3f  (%d/%d)\n", label, (double)ok / n, ok, n);
    else fprintf(out, "%-9s n/a    (0/0)\n", label);
}

static void S_table_row(FILE *out, int w, const char *name, int g, int s, int m)
{
    double p, r, f;
    S_prf(m, s, g, &p, &r, &f);
    fprintf(out, "%-*s %6d %7d %8d  %.3f  %.3f  %.3f\n", w, name, g, s, m, p, r, f);
}

static void S_json_prf(buf *b, int matched, int sys, int gold, int with_counts)
{
    double p, r, f;
    S_prf(matched, sys, gold, &p, &r, &f);
    buf_printf(b, "\"matched\":%d", matched);
    if (with_counts) buf_printf(b, ",\"system\":%d,\"gold\":%d", sys, gold);
    buf_puts(b, ",\"precision\":");
    json_put_num(b, p, 4);
    buf_puts(b, ",\"recall\":");
    json_put_num(b, r, 4);
    buf_puts(b, ",\"f1\":");
    json_put_num(b, f, 4);
}

static void S_json_acc(buf *b, const char *key, int ok, int n)
{
    buf_printf(b, ",\"%s\":{\"ok\":%d,\"n\":%d,\"accuracy\":", key, ok, n);
    if (n) json_put_num(b, (double)ok / n, 4);
    else buf_puts(b, "null");
    buf_putc(b, '}');
}

/* Label of a type in the confusion table's columns: four letters. */
static void S_short(char *o, const char *type)
{
    size_t k = 0;
    for (; type[k] && k < 4; k++) o[k] = type[k];
    o[k] = 0;
}

static int S_report(S_eval *e, const eval_options *opt, FILE *out, const eval_result *res,
                    const char **wids, const int *wok)
{
    int nt = (int)e->types.len, rc = 0;
    S_count *bt = calloc((size_t)nt, sizeof *bt);
    /* confusion[gold type][system type], index nt = none */
    int *conf = calloc((size_t)(nt + 1) * (size_t)(nt + 1), sizeof *conf);
    int *show = calloc((size_t)nt + 1, sizeof *show);
    buf b;
    buf_init(&b);
    if (!bt || !conf || !show) {
        rc = SITREP_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < e->gold.len; i++) {
        const S_ev *g = e->g[i];
        bt[g->tid].gold++;
        if (g->m_strict) {
            bt[g->tid].matched++;
            conf[g->tid * (nt + 1) + g->tid]++;
        } else if (g->m_conf) {
            conf[g->tid * (nt + 1) + g->m_conf->tid]++;
        } else {
            conf[g->tid * (nt + 1) + nt]++;
        }
    }
    for (size_t j = 0; j < e->sys.len; j++) {
        const S_ev *s = e->s[j];
        bt[s->tid].sys++;
        if (!s->m_strict && !s->m_conf) conf[nt * (nt + 1) + s->tid]++;
    }
    for (int t = 0; t < nt; t++) show[t] = bt[t].gold || bt[t].sys;
    show[nt] = 1;

    if (opt->json) {
        buf_puts(&b, "{\"strict\":{");
        S_json_prf(&b, res->matched, res->system, res->gold, 1);
        buf_puts(&b, "},\"relaxed\":{");
        S_json_prf(&b, res->r_matched, res->system, res->gold, 0);
        buf_putc(&b, '}');
        S_json_acc(&b, "modality", res->modality_ok, res->modality_n);
        S_json_acc(&b, "date", res->date_ok, res->date_n);
        S_json_acc(&b, "location", res->location_ok, res->location_n);
        buf_printf(&b, ",\"world_events\":{\"total\":%d,\"merged\":%d,\"events\":[",
                   res->world_events, res->world_merged);
        for (int k = 0; k < res->world_events; k++) {
            buf_puts(&b, k ? ",{\"id\":" : "{\"id\":");
            json_put_str(&b, wids[k]);
            buf_printf(&b, ",\"merged\":%s}", wok[k] ? "true" : "false");
        }
        buf_puts(&b, "]}");
        if (opt->by_doc) {
            buf_puts(&b, ",\"by_doc\":[");
            for (size_t d = 0; d < e->docs.len; d++) {
                const S_doc *doc = &VEC_AT(&e->docs, S_doc, d);
                buf_puts(&b, d ? ",{\"doc\":" : "{\"doc\":");
                json_put_str(&b, doc->name);
                buf_putc(&b, ',');
                S_json_prf(&b, doc->matched, (int)(doc->s1 - doc->s0), (int)(doc->g1 - doc->g0), 1);
                buf_putc(&b, '}');
            }
            buf_putc(&b, ']');
        }
        if (opt->by_type) {
            buf_puts(&b, ",\"by_type\":[");
            int first = 1;
            for (int t = 0; t < nt; t++) {
                if (!show[t]) continue;
                buf_puts(&b, first ? "{\"type\":" : ",{\"type\":");
                first = 0;
                json_put_str(&b, VEC_AT(&e->types, const char *, t));
                buf_putc(&b, ',');
                S_json_prf(&b, bt[t].matched, bt[t].sys, bt[t].gold, 1);
                buf_putc(&b, '}');
            }
            buf_putc(&b, ']');
        }
        if (opt->confusion) {
            buf_puts(&b, ",\"confusion\":{\"types\":[");
            int first = 1;
            for (int t = 0; t <= nt; t++) {
                if (!show[t]) continue;
                if (!first) buf_putc(&b, ',');
                first = 0;
                json_put_str(&b, t < nt ? VEC_AT(&e->types, const char *, t) : "none");
            }
            buf_puts(&b, "],\"rows\":[");
            first = 1;
            for (int r = 0; r <= nt; r++) {
                if (!show[r]) continue;
                buf_puts(&b, first ? "[" : ",[");
                first = 0;
                int fc = 1;
                for (int c = 0; c <= nt; c++) {
                    if (!show[c]) continue;
                    buf_printf(&b, fc ? "%d" : ",%d", conf[r * (nt + 1) + c]);
                    fc = 0;
                }
                buf_putc(&b, ']');
            }
            buf_puts(&b, "]}");
        }
        if (opt->errors) {
            for (int side = 0; side < 2; side++) {
                const int *n = side ? res->extra : res->missed;
                buf_puts(&b, side ? ",\"system\":{" : ",\"errors\":{\"gold\":{");
                for (int k = 0; k < EVAL_NERR; k++)
                    buf_printf(&b, "%s\"%s\":%d", k ? "," : "", S_err_name[k], n[k]);
                buf_putc(&b, '}');
            }
            buf_putc(&b, '}');
        }
        buf_puts(&b, "}\n");
        if (b.s) fputs(b.s, out);
        goto done;
    }

    fprintf(out, "strict    P %.3f  R %.3f  F1 %.3f  (matched %d, system %d, gold %d)\n",
            res->precision, res->recall, res->f1, res->matched, res->system, res->gold);
    fprintf(out, "relaxed   P %.3f  R %.3f  F1 %.3f  (matched %d)\n", res->r_precision,
            res->r_recall, res->r_f1, res->r_matched);
    S_acc_text(out, "modality", res->modality_ok, res->modality_n);
    S_acc_text(out, "date", res->date_ok, res->date_n);
    S_acc_text(out, "location", res->location_ok, res->location_n);
    fprintf(out, "world events: merged %d of %d\n", res->world_merged, res->world_events);

    if (opt->by_doc) {
        int w = 3;
        for (size_t d = 0; d < e->docs.len; d++) {
            int l = (int)strlen(VEC_AT(&e->docs, S_doc, d).name);
            if (l > w) w = l;
        }
        fprintf(out, "\n%-*s %6s %7s %8s  %-5s  %-5s  %s\n", w, "doc", "gold", "system",
                "matched", "P", "R", "F1");
        for (size_t d = 0; d < e->docs.len; d++) {
            const S_doc *doc = &VEC_AT(&e->docs, S_doc, d);
            S_table_row(out, w, doc->name, (int)(doc->g1 - doc->g0), (int)(doc->s1 - doc->s0),
                        doc->matched);
        }
    }
    if (opt->by_type) {
        int w = 9;
        for (int t = 0; t < nt; t++) {
            int l = (int)strlen(VEC_AT(&e->types, const char *, t));
            if (show[t] && l > w) w = l;
        }
        fprintf(out, "\n%-*s %6s %7s %8s  %-5s  %-5s  %s\n", w, "type", "gold", "system",
                "matched", "P", "R", "F1");
        for (int t = 0; t < nt; t++)
            if (show[t])
                S_table_row(out, w, VEC_AT(&e->types, const char *, t), bt[t].gold, bt[t].sys,
                            bt[t].matched);
    }
    if (opt->confusion) {
        /* rows: gold type; columns: system type.  The diagonal counts
         * strict matches; an off-diagonal cell counts a gold and a system
         * event left over by the strict match that agree on source and
         * target keys (a wrong type); column "none" counts gold events
         * left without any partner, row "none" system events without one. */
        int w = 9, cw = 5, maxc = 0;
        for (int i = 0; i < (nt + 1) * (nt + 1); i++)
            if (conf[i] > maxc) maxc = conf[i];
        while (maxc >= 10000) {
            cw++;
            maxc /= 10;
        }
        for (int t = 0; t < nt; t++) {
            int l = (int)strlen(VEC_AT(&e->types, const char *, t));
            if (show[t] && l > w) w = l;
        }
        fprintf(out, "\nconfusion (rows: gold type, columns: system type)\n%-*s", w, "");
        for (int c = 0; c <= nt; c++) {
            if (!show[c]) continue;
            char lab[5];
            S_short(lab, c < nt ? VEC_AT(&e->types, const char *, c) : "none");
            fprintf(out, " %*s", cw - 1, lab);
        }
        fputc('\n', out);
        for (int r = 0; r <= nt; r++) {
            if (!show[r]) continue;
            fprintf(out, "%-*s", w, r < nt ? VEC_AT(&e->types, const char *, r) : "none");
            for (int c = 0; c <= nt; c++)
                if (show[c]) fprintf(out, " %*d", cw - 1, conf[r * (nt + 1) + c]);
            fputc('\n', out);
        }
    }
    if (opt->errors) {
        /* eval.h: eval_error_kind */
        int sg = 0, ss = 0;
        fprintf(out, "\nerrors (left over by the strict match)  gold  system\n");
        for (int k = 0; k < EVAL_NERR; k++) {
            fprintf(out, "%-39s %5d %7d\n", S_err_label[k], res->missed[k], res->extra[k]);
            sg += res->missed[k];
            ss += res->extra[k];
        }
        fprintf(out, "%-39s %5d %7d\n", "unmatched", sg, ss);
    }
    if (opt->differences) {
        /* the pairs behind the modality, date and location figures */
        fprintf(out, "\ndifferences (strict pairs: gold line, field, gold, system, evidence)\n");
        for (size_t i = 0; i < e->gold.len; i++) {
            const S_ev *g = e->g[i], *s = g->m_strict;
            if (!s) continue;
            const char *what[3] = {NULL, NULL, NULL}, *gv[3], *sv[3];
            if (!S_eqi(g->modality, s->modality))
                what[0] = "modality", gv[0] = g->modality, sv[0] = s->modality;
            if (g->date && (!s->date || strcmp(g->date, s->date)))
                what[1] = "date", gv[1] = g->date, sv[1] = s->date;
            int place_ok = g->loc ? s->loc && !strcmp(g->loc, s->loc)
                                  : !g->loc_country || (s->loc_country && S_eqi(g->loc_country, s->loc_country));
            if (!place_ok) {
                what[2] = "location";
                gv[2] = g->loc ? g->loc : g->loc_country;
                sv[2] = g->loc ? s->loc : s->loc_country;
            }
            for (int k = 0; k < 3; k++)
                if (what[k])
                    fprintf(out, "%s:%ld %s %s %s -> %s | %.100s\n", g->doc, g->line, g->type, what[k],
                            gv[k] ? gv[k] : "null", sv[k] ? sv[k] : "null", g->evid ? g->evid : "");
        }
    }
done:
    buf_free(&b);
    free(bt);
    free(conf);
    free(show);
    return rc;
}

/* ---- entry point ------------------------------------------------------- */

static int S_score(S_eval *e, const eval_options *opt, FILE *out, eval_result *res)
{
    int rc;
    for (int t = 0; t < S_NPLOVER; t++)
        if (S_type_id(&e->types, S_plover[t]) < 0) return SITREP_ENOMEM;
    vec *both[2] = {&e->gold, &e->sys};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < both[k]->len; i++) {
            S_ev *ev = &VEC_AT(both[k], S_ev, i);
            ev->tid = S_type_id(&e->types, ev->type);
            if (ev->tid < 0) return SITREP_ENOMEM;
        }
    e->g = S_sorted(&e->gold);
    e->s = S_sorted(&e->sys);
    if (!e->g || !e->s) return SITREP_ENOMEM;
    if ((rc = S_group(e))) return rc;

    memset(res, 0, sizeof *res);
    res->gold = (int)e->gold.len;
    res->system = (int)e->sys.len;
    for (size_t d = 0; d < e->docs.len; d++) {
        S_doc *doc = &VEC_AT(&e->docs, S_doc, d);
        doc->matched = S_match(e->g, doc->g0, doc->g1, e->s, doc->s0, doc->s1, S_STRICT);
        res->matched += doc->matched;
        res->r_matched += S_match(e->g, doc->g0, doc->g1, e->s, doc->s0, doc->s1, S_RELAXED);
        if (opt->confusion) S_match(e->g, doc->g0, doc->g1, e->s, doc->s0, doc->s1, S_CONF);
        for (size_t i = doc->g0; i < doc->g1; i++)
            if (!e->g[i]->m_strict) res->missed[S_classify(e->g[i], 1, e->s, doc->s0, doc->s1)]++;
        for (size_t j = doc->s0; j < doc->s1; j++)
            if (!e->s[j]->m_strict) res->extra[S_classify(e->s[j], 0, e->g, doc->g0, doc->g1)]++;
    }
    S_prf(res->matched, res->system, res->gold, &res->precision, &res->recall, &res->f1);
    S_prf(res->r_matched, res->system, res->gold, &res->r_precision, &res->r_recall, &res->r_f1);

    for (size_t i = 0; i < e->gold.len; i++) {
        const S_ev *g = e->g[i], *s = g->m_strict;
        if (!s) continue;
        res->modality_n++;
        res->modality_ok += S_eqi(g->modality, s->modality);
        if (g->date) {
            res->date_n++;
            res->date_ok += s->date && strcmp(g->date, s->date) == 0;
        }
        if (g->loc || g->loc_country) {
            res->location_n++;
            if (g->loc) res->location_ok += s->loc && strcmp(g->loc, s->loc) == 0;
            else res->location_ok += s->loc_country && S_eqi(g->loc_country, s->loc_country);
        }
    }

    const char **wids = NULL;
    int *wok = NULL;
    rc = S_world(e, &res->world_events, &res->world_merged, &wids, &wok);
    if (!rc) rc = S_report(e, opt, out, res, wids, wok);
    free(wids);
    free(wok);
    return rc;
}

int eval_files(const char *gold_path, const char *sys_path, const eval_options *opt,
               FILE *out, FILE *err, eval_result *res)
{
    static const eval_options defaults = {0, 0, 0, 0, 0, 0};
    eval_result local;
    if (!res) res = &local;
    if (!opt) opt = &defaults;
    memset(res, 0, sizeof *res);
    if (strcmp(gold_path, "-") == 0 && strcmp(sys_path, "-") == 0) {
        fprintf(err, "sitrep: eval: only one of the two files can be stdin\n");
        return SITREP_EIO;
    }
    S_eval e;
    memset(&e, 0, sizeof e);
    arena_init(&e.store);
    vec_init(&e.gold, sizeof(S_ev));
    vec_init(&e.sys, sizeof(S_ev));
    vec_init(&e.types, sizeof(const char *));
    vec_init(&e.docs, sizeof(S_doc));
    e.err = err;
    int rc = S_read(&e, gold_path, 1);
    if (!rc) rc = S_read(&e, sys_path, 0);
    if (!rc) rc = S_score(&e, opt, out, res);
    if (rc == SITREP_ENOMEM) fprintf(err, "sitrep: eval: %s\n", sitrep_strerror(rc));
    free(e.g);
    free(e.s);
    vec_free(&e.gold);
    vec_free(&e.sys);
    vec_free(&e.types);
    vec_free(&e.docs);
    arena_free(&e.store);
    return rc;
}
