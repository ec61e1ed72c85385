/* json.c -- strict RFC 8259 reader into an arena DOM, and writer helpers
 * (json.h), for input documents, event records and gold files
 * (spec/EVENTS.md §1-§3).  A recursive-descent parser bounded by
 * JSON_MAX_DEPTH; it never reads past s[n] and needs no NUL terminator.
 * Strings are validated as UTF-8 and decoded (\uXXXX, surrogate pairs; a
 * lone surrogate becomes U+FFFD).  Numbers are checked against the RFC
 * grammar before strtod, safe since the program only ever sets LC_CTYPE.
 * All nodes live in the caller's arena; on error nothing is freed.
 */
#include "json.h"

#include <math.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    arena *a;
    const unsigned char *s;
    size_t n, pos;
    const char *err;
    size_t errpos;
} S_parser;

/* One member collected while parsing an array or object (arena list). */
typedef struct S_cell S_cell;
struct S_cell {
    json *v;
    const char *k;
    S_cell *next;
};

static json *S_value(S_parser *p, int depth);

static void *S_fail(S_parser *p, size_t pos, const char *msg)
{
    if (!p->err) {
        p->err = msg;
        p->errpos = pos;
    }
    return NULL;
}

static void S_skip_ws(S_parser *p)
{
    while (p->pos < p->n) {
        unsigned char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->pos++;
    }
}

static json *S_node(S_parser *p, json_type t)
{
    json *v = arena_alloc(p->a, sizeof *v);
    if (!v) return S_fail(p, p->pos, "out of memory");
    v->type = t;
    return v;
}

static json *S_literal(S_parser *p, const char *word, json_type t)
{
    size_t len = strlen(word);
    for (size_t i = 0; i < len; i++) {
        if (p->pos + i >= p->n) return S_fail(p, p->pos + i, "unexpected end of input");
        if (p->s[p->pos + i] != (unsigned char)word[i])
            return S_fail(p, p->pos + i, "unexpected character");
    }
    p->pos += len;
    return S_node(p, t);
}

static int S_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }

static json *S_number(S_parser *p)
{
    size_t start = p->pos, i = p->pos;
    const unsigned char *s = p->s;
    if (i < p->n && s[i] == '-') i++;
    if (i >= p->n) return S_fail(p, i, "invalid number");
    if (s[i] == '0') {
        i++;
    } else if (S_isdigit(s[i])) {
        while (i < p->n && S_isdigit(s[i])) i++;
    } else {
        return S_fail(p, i, "invalid number");
    }
    if (i < p->n && s[i] == '.') {
        i++;
        if (i >= p->n || !S_isdigit(s[i])) return S_fail(p, i, "invalid number");
        while (i < p->n && S_isdigit(s[i])) i++;
    }
    if (i < p->n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= p->n || !S_isdigit(s[i])) return S_fail(p, i, "invalid number");
        while (i < p->n && S_isdigit(s[i])) i++;
    }
    /* the grammar is checked: strtod sees only [-0-9.eE+] */
    char small[64];
    size_t len = i - start;
    char *tmp = small;
    if (len >= sizeof small) {
        tmp = arena_strndup(p->a, (const char *)s + start, len);
        if (!tmp) return S_fail(p, start, "out of memory");
    } else {
        memcpy(small, s + start, len);
        small[len] = 0;
    }
    json *v = S_node(p, JSON_NUMBER);
    if (!v) return NULL;
    v->num = strtod(tmp, NULL);
    p->pos = i;
    return v;
}

static int S_hex4(const unsigned char *s, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        unsigned char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static size_t S_put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Length of the valid UTF-8 sequence at s[0..n) (n >= 1), or 0 if it is
 * invalid (overlong forms, surrogates and values above U+10FFFF are). */
static size_t S_utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xE1 && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return 0;
    if (n < len) return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t k = 2; k < len; k++)
        if (s[k] < 0x80 || s[k] > 0xBF) return 0;
    return len;
}

#define S_ONES 0x0101010101010101ull
#define S_HIGH 0x8080808080808080ull
/* Nonzero when a byte of the 8-byte word x is zero. */
#define S_HASZERO(x) (((x) - S_ONES) & ~(x) & S_HIGH)

/* Length of the run at the start of s[0..n) of bytes that need no work in
 * a string: no quote, no backslash, no control character, no byte >= 0x80
 * (8 bytes at a time).  With quote_only, only quotes and backslashes end
 * the run. */
static size_t S_plain_run(const unsigned char *s, size_t n, int quote_only)
{
    size_t i = 0;
#ifdef __SSE2__
    /* 16 bytes at a time where SSE2 is there (every x86-64) */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (i + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash));
        /* signed: below 0x20 or at least 0x80 */
        if (!quote_only) hit = _mm_or_si128(hit, _mm_cmplt_epi8(x, space));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
#ifdef __GNUC__
        if (m) return i + (size_t)__builtin_ctz(m);   /* the first byte that ends the run */
#else
        if (m) break;
#endif
        i += 16;
    }
#endif
    while (i + 8 <= n) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (S_ONES * '"'), b = x ^ (S_ONES * '\\');
        uint64_t hit = S_HASZERO(q) | S_HASZERO(b);
        if (!quote_only) hit |= (((x - S_ONES * 0x20) & ~x) | x) & S_HIGH;
        if (hit) break;
        i += 8;
    }
    if (quote_only) {
        while (i < n && s[i] != '"' && s[i] != '\\') i++;
    } else {
        while (i < n && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20 && s[i] < 0x80) i++;
    }
    return i;
}

/* Decodes the string whose opening quote is at p->pos.  *out_len gets the
 * decoded length.  The decoded text is never longer than the raw text, so
 * one allocation of the raw length suffices. */
static char *S_string(S_parser *p, size_t *out_len)
{
    const unsigned char *s = p->s;
    size_t open = p->pos, i = open + 1, end;
    int escaped = 0;
    /* find the closing quote to size the buffer */
    for (end = i;; end++) {
        end += S_plain_run(s + end, p->n - end, 1);
        if (end >= p->n) return S_fail(p, open, "unterminated string");
        if (s[end] == '"') break;
        /* s[end] is a backslash: skip what it escapes (a backslash that
         * ends the input leaves the string unterminated) */
        if (end + 1 >= p->n) return S_fail(p, open, "unterminated string");
        end++;
        escaped = 1;
    }
    char *o = arena_alloc(p->a, end - i + 1);
    if (!o) return S_fail(p, open, "out of memory");
    size_t k = 0;
    if (!escaped) {
        /* no escape (most strings): the bytes are the string, once their
         * control characters and UTF-8 are checked as below; one copy */
        for (size_t j = i; j < end;) {
            j += S_plain_run(s + j, end - j, 0);
            if (j == end) break;
            if (s[j] < 0x20) return S_fail(p, j, "control character in string");
            size_t len = S_utf8_len(s + j, end - j);
            if (!len) return S_fail(p, j, "invalid UTF-8 in string");
            j += len;
        }
        k = end - i;
        memcpy(o, s + i, k);
        i = end;
    }
    while (i < end) {
        size_t run = S_plain_run(s + i, end - i, 0);
        if (run) {
            memcpy(o + k, s + i, run);
            k += run;
            i += run;
            if (i == end) break;
        }
        unsigned char c = s[i];
        if (c == '\\') {
            unsigned char e = s[i + 1]; /* i + 1 <= end: the scan skipped it */
            i += 2;
            switch (e) {
            case '"': o[k++] = '"'; break;
            case '\\': o[k++] = '\\'; break;
            case '/': o[k++] = '/'; break;
            case 'b': o[k++] = '\b'; break;
            case 'f': o[k++] = '\f'; break;
            case 'n': o[k++] = '\n'; break;
            case 'r': o[k++] = '\r'; break;
            case 't': o[k++] = '\t'; break;
            case 'u': {
                unsigned cp, lo;
                if (end - i < 4 || S_hex4(s + i, &cp))
                    return S_fail(p, i - 2, "invalid \\u escape");
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (end - i >= 6 && s[i] == '\\' && s[i + 1] == 'u' &&
                        S_hex4(s + i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    } else {
                        cp = 0xFFFD; /* lone high surrogate */
                    }
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    cp = 0xFFFD; /* lone low surrogate */
                }
                k += S_put_utf8(o + k, cp);
                break;
            }
            default:
                return S_fail(p, i - 2, "invalid escape");
            }
        } else if (c < 0x20) {
            return S_fail(p, i, "control character in string");
        } else if (c < 0x80) {
            o[k++] = (char)c;
            i++;
        } else {
            size_t len = S_utf8_len(s + i, end - i);
            if (!len) return S_fail(p, i, "invalid UTF-8 in string");
            memcpy(o + k, s + i, len);
            k += len;
            i += len;
        }
    }
    o[k] = 0;
    p->pos = end + 1;
    *out_len = k;
    return o;
}

/* Array (close = ']') or object (close = '}') whose opener is at p->pos. */
static json *S_container(S_parser *p, int depth, int is_obj)
{
    size_t open = p->pos;
    if (depth >= JSON_MAX_DEPTH) return S_fail(p, open, "nesting too deep");
    p->pos++;
    unsigned char close = is_obj ? '}' : ']';
    S_cell *head = NULL, **tail = &head;
    size_t count = 0;
    S_skip_ws(p);
    if (p->pos < p->n && p->s[p->pos] == close) {
        p->pos++;
    } else {
        for (;;) {
            const char *key = NULL;
            S_skip_ws(p);
            if (is_obj) {
                size_t klen;
                if (p->pos >= p->n) return S_fail(p, p->pos, "unexpected end of input");
                if (p->s[p->pos] != '"') return S_fail(p, p->pos, "expected a string key");
                key = S_string(p, &klen);
                if (!key) return NULL;
                S_skip_ws(p);
                if (p->pos >= p->n) return S_fail(p, p->pos, "unexpected end of input");
                if (p->s[p->pos] != ':') return S_fail(p, p->pos, "expected ':'");
                p->pos++;
            }
            json *v = S_value(p, depth + 1);
            if (!v) return NULL;
            S_cell *c = arena_alloc(p->a, sizeof *c);
            if (!c) return S_fail(p, p->pos, "out of memory");
            c->v = v;
            c->k = key;
            *tail = c;
            tail = &c->next;
            count++;
            S_skip_ws(p);
            if (p->pos >= p->n) return S_fail(p, p->pos, "unexpected end of input");
            unsigned char ch = p->s[p->pos];
            if (ch == ',') {
                p->pos++;
                continue;
            }
            if (ch == close) {
                p->pos++;
                break;
            }
            return S_fail(p, p->pos, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
        }
    }
    json *v = S_node(p, is_obj ? JSON_OBJECT : JSON_ARRAY);
    if (!v) return NULL;
    v->len = count;
    if (count) {
        v->items = arena_alloc(p->a, count * sizeof *v->items);
        if (!v->items) return S_fail(p, open, "out of memory");
        if (is_obj) {
            v->keys = arena_alloc(p->a, count * sizeof *v->keys);
            if (!v->keys) return S_fail(p, open, "out of memory");
        }
        size_t i = 0;
        for (S_cell *c = head; c; c = c->next, i++) {
            v->items[i] = c->v;
            if (is_obj) v->keys[i] = c->k;
        }
    }
    return v;
}

static json *S_value(S_parser *p, int depth)
{
    S_skip_ws(p);
    if (p->pos >= p->n) return S_fail(p, p->pos, "unexpected end of input");
    unsigned char c = p->s[p->pos];
    switch (c) {
    case '{': return S_container(p, depth, 1);
    case '[': return S_container(p, depth, 0);
    case '"': {
        size_t len;
        char *str = S_string(p, &len);
        if (!str) return NULL;
        json *v = S_node(p, JSON_STRING);
        if (!v) return NULL;
        v->str = str;
        v->len = len;
        return v;
    }
    case 't': return S_literal(p, "true", JSON_TRUE);
    case 'f': return S_literal(p, "false", JSON_FALSE);
    case 'n': return S_literal(p, "null", JSON_NULL);
    default:
        if (c == '-' || S_isdigit(c)) return S_number(p);
        return S_fail(p, p->pos, "unexpected character");
    }
}

json *json_parse(arena *a, const char *s, size_t n, size_t *errpos, const char **errmsg)
{
    S_parser p = {a, (const unsigned char *)s, n, 0, NULL, 0};
    json *v = S_value(&p, 0);
    if (v) {
        S_skip_ws(&p);
        if (p.pos < p.n) v = S_fail(&p, p.pos, "trailing characters after the value");
    }
    if (!v) {
        if (errpos) *errpos = p.errpos;
        if (errmsg) *errmsg = p.err ? p.err : "malformed JSON";
        return NULL;
    }
    return v;
}

const json *json_get(const json *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT || !key) return NULL;
    for (size_t i = 0; i < obj->len; i++)
        if (strcmp(obj->keys[i], key) == 0) return obj->items[i];
    return NULL;
}

const char *json_get_str(const json *obj, const char *key)
{
    const json *v = json_get(obj, key);
    return v && v->type == JSON_STRING ? v->str : NULL;
}

/* Control characters become escapes; valid UTF-8 is copied as is; a byte
 * that does not start a valid UTF-8 sequence is written as U+FFFD so the
 * output is always valid JSON. */
int json_put_strn(buf *b, const char *s, size_t n)
{
    if (!s) return buf_puts(b, "null");
    const unsigned char *u = (const unsigned char *)s;
    if (buf_putc(b, '"')) return -1;
    size_t run = 0; /* start of the pending run of plain bytes */
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        const char *esc = NULL;
        char tmp[8];
        size_t skip = 1;
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\t': esc = "\\t"; break;
        case '\r': esc = "\\r"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20) {
                snprintf(tmp, sizeof tmp, "\\u%04x", c);
                esc = tmp;
            } else if (c >= 0x80) {
                skip = S_utf8_len(u + i, n - i);
                if (!skip) {
                    esc = "\xEF\xBF\xBD";
                    skip = 1;
                }
            }
        }
        if (esc) {
            if (buf_put(b, s + run, i - run) || buf_puts(b, esc)) return -1;
            i += skip;
            run = i;
        } else {
            i += skip;
        }
    }
    if (buf_put(b, s + run, n - run) || buf_putc(b, '"')) return -1;
    return 0;
}

int json_put_str(buf *b, const char *s)
{
    return json_put_strn(b, s, s ? strlen(s) : 0);
}

int json_put_num(buf *b, double v, int digits)
{
    if (isnan(v) || isinf(v)) return buf_puts(b, "null");
    if (digits < 0) digits = 0;
    if (digits > 17) digits = 17;
    char tmp[400];
    double av = fabs(v);
    if (av >= 1e15) {
        snprintf(tmp, sizeof tmp, "%.17g", v);
    } else if (v == floor(v)) {
        snprintf(tmp, sizeof tmp, "%.0f", v);
    } else {
        snprintf(tmp, sizeof tmp, "%.*f", digits, v);
        /* any locale's decimal separator becomes '.' */
        for (char *q = tmp; *q; q++)
            if (!S_isdigit((unsigned char)*q) && *q != '-') *q = '.';
        char *dot = strchr(tmp, '.');
        if (dot) {
            char *e = tmp + strlen(tmp);
            while (e > dot + 1 && e[-1] == '0') e--;
            if (e == dot + 1) e = dot;
            *e = 0;
        }
    }
    if (strcmp(tmp, "-0") == 0) strcpy(tmp, "0");
    return buf_puts(b, tmp);
}
