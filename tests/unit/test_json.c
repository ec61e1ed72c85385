/* test_json.c -- unit tests for the JSON reader and writers (src/json.c):
 * valid and invalid documents, escapes, surrogates, UTF-8 validation, the
 * depth limit, numbers and writer round-trips.  Strings are scanned 8 bytes
 * at a time (issue 18): each special piece (escapes, surrogate pairs, UTF-8,
 * control characters, invalid bytes) is tried at every offset of a word (8 or 16 bytes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tests.h"

static json *parse(arena *a, const char *s, size_t *pos, const char **msg)
{
    return json_parse(a, s, strlen(s), pos, msg);
}

/* Parses s and expects an error with message msg at byte pos. */
static void expect_error(const char *s, size_t want_pos, const char *want_msg)
{
    arena a;
    arena_init(&a);
    size_t pos = 9999;
    const char *msg = NULL;
    json *v = json_parse(&a, s, strlen(s), &pos, &msg);
    CHECK(v == NULL);
    if (!v) {
        CHECK_INT(pos, want_pos);
        CHECK_STR(msg, want_msg);
    }
    arena_free(&a);
}

static void test_valid(void)
{
    arena a;
    arena_init(&a);
    size_t pos;
    const char *msg;
    json *v = parse(&a, " {\"doc\": \"002\", \"n\": [1, -2.5, 3e2, true, false, null],"
                        " \"o\": {}, \"e\": [], \"s\": \"x\"}\n", &pos, &msg);
    CHECK(v != NULL);
    CHECK_INT(v->type, JSON_OBJECT);
    CHECK_INT(v->len, 5);
    CHECK_STR(json_get_str(v, "doc"), "002");
    CHECK_STR(json_get_str(v, "s"), "x");
    CHECK(json_get_str(v, "n") == NULL);
    CHECK(json_get_str(v, "missing") == NULL);
    CHECK(json_get(v, "missing") == NULL);
    const json *n = json_get(v, "n");
    CHECK(n && n->type == JSON_ARRAY && n->len == 6);
    if (n && n->len == 6) {
        CHECK(n->items[0]->type == JSON_NUMBER && n->items[0]->num == 1.0);
        CHECK(n->items[1]->num == -2.5);
        CHECK(n->items[2]->num == 300.0);
        CHECK_INT(n->items[3]->type, JSON_TRUE);
        CHECK_INT(n->items[4]->type, JSON_FALSE);
        CHECK_INT(n->items[5]->type, JSON_NULL);
    }
    const json *o = json_get(v, "o");
    CHECK(o && o->type == JSON_OBJECT && o->len == 0);
    const json *e = json_get(v, "e");
    CHECK(e && e->type == JSON_ARRAY && e->len == 0);

    /* scalars at the top level; duplicate keys: first wins */
    v = parse(&a, "42", &pos, &msg);
    CHECK(v && v->type == JSON_NUMBER && v->num == 42.0);
    v = parse(&a, "\"solo\"", &pos, &msg);
    CHECK(v && v->type == JSON_STRING && strcmp(v->str, "solo") == 0 && v->len == 4);
    v = parse(&a, "{\"k\":1,\"k\":2}", &pos, &msg);
    CHECK(v && json_get(v, "k") && json_get(v, "k")->num == 1.0);
    CHECK(json_get(NULL, "k") == NULL);
    CHECK(json_get_str(json_get(v, "k"), "k") == NULL); /* not an object */

    /* not NUL-terminated: the parser must stop at n */
    char raw[] = {'[', '1', ']', 'x', 'x'};
    v = json_parse(&a, raw, 3, &pos, &msg);
    CHECK(v && v->type == JSON_ARRAY && v->len == 1);
    arena_free(&a);
}

static void test_strings(void)
{
    arena a;
    arena_init(&a);
    size_t pos;
    const char *msg;
    json *v = parse(&a, "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", &pos, &msg);
    CHECK(v != NULL);
    if (v) CHECK_STR(v->str, "a\"b\\c/d\b\f\n\r\t");

    v = parse(&a, "\"caf\\u00e9 \\u20AC\"", &pos, &msg);
    CHECK(v != NULL);
    if (v) CHECK_STR(v->str, "caf\xC3\xA9 \xE2\x82\xAC");

    /* surrogate pair -> one 4-byte sequence (U+1F600) */
    v = parse(&a, "\"\\ud83d\\ude00\"", &pos, &msg);
    CHECK(v != NULL);
    if (v) {
        CHECK_STR(v->str, "\xF0\x9F\x98\x80");
        CHECK_INT(v->len, 4);
    }
    /* lone high, lone low, high followed by a non-surrogate escape */
    v = parse(&a, "\"x\\ud83dy\"", &pos, &msg);
    CHECK(v && strcmp(v->str, "x\xEF\xBF\xBDy") == 0);
    v = parse(&a, "\"\\ude00\"", &pos, &msg);
    CHECK(v && strcmp(v->str, "\xEF\xBF\xBD") == 0);
    v = parse(&a, "\"\\ud83d\\u0041\"", &pos, &msg);
    CHECK(v && strcmp(v->str, "\xEF\xBF\xBD" "A") == 0);
    v = parse(&a, "\"\\ud83d\"", &pos, &msg);
    CHECK(v && strcmp(v->str, "\xEF\xBF\xBD") == 0);

    /* \u0000 is kept with the length */
    v = parse(&a, "\"a\\u0000b\"", &pos, &msg);
    CHECK(v && v->len == 3 && v->str[0] == 'a' && v->str[1] == 0 && v->str[2] == 'b');

    /* raw UTF-8 passes through */
    v = parse(&a, "\"Kyiv \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xF0\x9F\x98\x80\"", &pos, &msg);
    CHECK(v && strcmp(v->str, "Kyiv \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 \xF0\x9F\x98\x80") == 0);

    /* keys are decoded too */
    v = parse(&a, "{\"\\u006bey\": \"v\"}", &pos, &msg);
    CHECK(v && json_get_str(v, "key") && strcmp(json_get_str(v, "key"), "v") == 0);
    arena_free(&a);
}

static void test_invalid(void)
{
    expect_error("", 0, "unexpected end of input");
    expect_error("   ", 3, "unexpected end of input");
    expect_error("{\"a\":1,}", 7, "expected a string key");
    expect_error("[1,]", 3, "unexpected character");
    expect_error("[1 2]", 3, "expected ',' or ']'");
    expect_error("{\"a\" 1}", 5, "expected ':'");
    expect_error("{\"a\":1 \"b\":2}", 7, "expected ',' or '}'");
    expect_error("{'a':1}", 1, "expected a string key");
    expect_error("[1] x", 4, "trailing characters after the value");
    expect_error("{} {}", 3, "trailing characters after the value");
    expect_error("// c\n1", 0, "unexpected character");
    expect_error("\"abc", 0, "unterminated string");
    expect_error("[\"abc\\\"]", 1, "unterminated string");
    expect_error("\"a\\x\"", 2, "invalid escape");
    expect_error("\"\\u12G4\"", 1, "invalid \\u escape");
    expect_error("\"\\u12\"", 1, "invalid \\u escape");
    expect_error("\"a\tb\"", 2, "control character in string");
    expect_error("\"a\nb\"", 2, "control character in string");
    expect_error("tru", 3, "unexpected end of input");
    expect_error("nul1", 3, "unexpected character");
    expect_error("True", 0, "unexpected character");
    expect_error("[1,", 3, "unexpected end of input");
    expect_error("{\"a\":", 5, "unexpected end of input");
    /* invalid UTF-8: stray continuation, overlong, encoded surrogate,
     * truncated sequence, above U+10FFFF */
    expect_error("\"a\x80\"", 2, "invalid UTF-8 in string");
    expect_error("\"\xC0\xAF\"", 1, "invalid UTF-8 in string");
    expect_error("\"\xED\xA0\x80\"", 1, "invalid UTF-8 in string");
    expect_error("\"\xE2\x82\"", 1, "invalid UTF-8 in string");
    expect_error("\"\xF4\x90\x80\x80\"", 1, "invalid UTF-8 in string");
    expect_error("\"\xFF\"", 1, "invalid UTF-8 in string");
    /* numbers */
    expect_error("01", 1, "trailing characters after the value");
    expect_error("-", 1, "invalid number");
    expect_error("-a", 1, "invalid number");
    expect_error("1.", 2, "invalid number");
    expect_error("1.e5", 2, "invalid number");
    expect_error(".5", 0, "unexpected character");
    expect_error("1e", 2, "invalid number");
    expect_error("1e+", 3, "invalid number");
    expect_error("+1", 0, "unexpected character");
    expect_error("NaN", 0, "unexpected character");
    expect_error("0x10", 1, "trailing characters after the value");

    /* a NUL byte outside a string */
    arena a;
    arena_init(&a);
    size_t pos = 0;
    const char *msg = NULL;
    CHECK(json_parse(&a, "[1,\0 2]", 7, &pos, &msg) == NULL);
    CHECK_INT(pos, 3);
    CHECK_STR(msg, "unexpected character");

    /* a backslash that ends the input inside a string, in a buffer of
     * exactly that size (the fuzzer's case: no read past the end) */
    for (size_t len = 3; len <= 40; len++) {
        char *raw = malloc(len);
        CHECK(raw != NULL);
        if (!raw) break;
        raw[0] = '"';
        memset(raw + 1, 'a', len - 2);
        raw[len - 1] = '\\';
        CHECK(json_parse(&a, raw, len, &pos, &msg) == NULL);
        CHECK_INT(pos, 0);
        CHECK_STR(msg, "unterminated string");
        free(raw);
    }
    arena_free(&a);
}

static void test_numbers(void)
{
    arena a;
    arena_init(&a);
    size_t pos;
    const char *msg;
    struct {
        const char *s;
        double want;
    } cases[] = {
        {"0", 0.0}, {"-0", -0.0}, {"7", 7.0}, {"-12", -12.0}, {"3.25", 3.25},
        {"1e3", 1000.0}, {"1E+3", 1000.0}, {"25e-2", 0.25}, {"-0.5e1", -5.0},
        {"123456789012", 123456789012.0}, {"0.1", 0.1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json *v = parse(&a, cases[i].s, &pos, &msg);
        CHECK(v && v->type == JSON_NUMBER && v->num == cases[i].want);
    }
    /* a long number (over the on-stack copy) */
    char longnum[200];
    memset(longnum, '1', 150);
    longnum[150] = 0;
    json *v = parse(&a, longnum, &pos, &msg);
    CHECK(v && v->type == JSON_NUMBER && v->num > 1.1e149 && v->num < 1.2e149);
    arena_free(&a);
}

static void test_depth(void)
{
    arena a;
    arena_init(&a);
    size_t pos;
    const char *msg;
    char s[2 * (JSON_MAX_DEPTH + 1) + 1];
    /* exactly JSON_MAX_DEPTH levels parse */
    for (int i = 0; i < JSON_MAX_DEPTH; i++) {
        s[i] = '[';
        s[JSON_MAX_DEPTH + i] = ']';
    }
    s[2 * JSON_MAX_DEPTH] = 0;
    json *v = parse(&a, s, &pos, &msg);
    CHECK(v != NULL);
    /* one more is refused, at the offending bracket */
    for (int i = 0; i <= JSON_MAX_DEPTH; i++) {
        s[i] = '[';
        s[JSON_MAX_DEPTH + 1 + i] = ']';
    }
    s[2 * (JSON_MAX_DEPTH + 1)] = 0;
    v = parse(&a, s, &pos, &msg);
    CHECK(v == NULL);
    CHECK_INT(pos, JSON_MAX_DEPTH);
    CHECK_STR(msg, "nesting too deep");
    /* objects count too */
    buf b;
    buf_init(&b);
    for (int i = 0; i <= JSON_MAX_DEPTH; i++) buf_puts(&b, "{\"k\":");
    buf_puts(&b, "1");
    for (int i = 0; i <= JSON_MAX_DEPTH; i++) buf_puts(&b, "}");
    v = json_parse(&a, b.s, b.len, &pos, &msg);
    CHECK(v == NULL);
    CHECK_STR(msg, "nesting too deep");
    buf_free(&b);
    arena_free(&a);
}

static void put_str_is(const char *in, const char *want)
{
    buf b;
    buf_init(&b);
    CHECK_INT(json_put_str(&b, in), 0);
    CHECK_STR(b.s, want);
    buf_free(&b);
}

static void put_num_is(double v, int digits, const char *want)
{
    buf b;
    buf_init(&b);
    CHECK_INT(json_put_num(&b, v, digits), 0);
    CHECK_STR(b.s, want);
    buf_free(&b);
}

static void test_writers(void)
{
    put_str_is(NULL, "null");
    put_str_is("", "\"\"");
    put_str_is("plain", "\"plain\"");
    put_str_is("q\"b\\s/", "\"q\\\"b\\\\s/\"");
    put_str_is("\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"");
    put_str_is("\x01\x1f", "\"\\u0001\\u001f\"");
    put_str_is("Bucure\xC8\x99ti \xE2\x82\xAC", "\"Bucure\xC8\x99ti \xE2\x82\xAC\"");
    /* invalid UTF-8 is replaced so the output stays valid JSON */
    put_str_is("a\xFF" "b", "\"a\xEF\xBF\xBD" "b\"");

    buf b;
    buf_init(&b);
    CHECK_INT(json_put_strn(&b, "a\0b", 3), 0);
    CHECK_STR(b.s, "\"a\\u0000b\"");
    buf_free(&b);

    put_num_is(0, 3, "0");
    put_num_is(42, 3, "42");
    put_num_is(-7, 0, "-7");
    put_num_is(-0.0, 3, "0");
    put_num_is(-0.0001, 3, "0");
    put_num_is(0.0001, 3, "0");
    put_num_is(1.5, 3, "1.5");
    put_num_is(0.612345, 3, "0.612");
    put_num_is(0.6125, 2, "0.61");
    put_num_is(2.0 / 3.0, 4, "0.6667");
    put_num_is(1.999999, 3, "2");
    put_num_is(-3.25, 1, "-3.2");
    put_num_is(52.2297, 2, "52.23");
    put_num_is(1e20, 3, "1e+20");
    put_num_is(123456789012.0, 3, "123456789012");
    put_num_is(NAN, 3, "null");
    put_num_is(INFINITY, 3, "null");
    put_num_is(-INFINITY, 3, "null");

    /* round trip: write, parse, compare */
    const char *strs[] = {"", "plain", "q\"\\/", "\x01\x02\n\t end",
                          "Z\xC3\xBCrich \xF0\x9F\x98\x80", "\x7f"};
    arena a;
    arena_init(&a);
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        buf w;
        buf_init(&w);
        json_put_str(&w, strs[i]);
        size_t pos;
        const char *msg;
        json *v = json_parse(&a, w.s, w.len, &pos, &msg);
        CHECK(v && v->type == JSON_STRING && strcmp(v->str, strs[i]) == 0);
        buf_free(&w);
    }
    double nums[] = {0, 1, -1, 0.5, 3.125, -1234.5, 1e-3, 99999.875};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        buf w;
        buf_init(&w);
        json_put_num(&w, nums[i], 6);
        size_t pos;
        const char *msg;
        json *v = json_parse(&a, w.s, w.len, &pos, &msg);
        CHECK(v && v->type == JSON_NUMBER && v->num == nums[i]);
        buf_free(&w);
    }
    arena_free(&a);
}

/* A piece of a JSON string: raw, decoded, or the error and its offset. */
typedef struct {
    const char *raw, *dec;
    const char *err;
    size_t errat;
} S_piece;

static void test_string_offsets(void)
{
    static const S_piece pieces[] = {
        {"\\\"", "\"", NULL, 0}, {"\\\\", "\\", NULL, 0}, {"\\/", "/", NULL, 0},
        {"\\n\\t\\r\\b\\f", "\n\t\r\b\f", NULL, 0},
        {"\\u00e9", "\xC3\xA9", NULL, 0}, {"\\u0301", "\xCC\x81", NULL, 0},
        {"\\ud83d\\ude00", "\xF0\x9F\x98\x80", NULL, 0}, {"\\uD834\\uDD1E", "\xF0\x9D\x84\x9E", NULL, 0},
        {"\\ud800", "\xEF\xBF\xBD", NULL, 0}, {"\\udc00x", "\xEF\xBF\xBDx", NULL, 0},
        {"\\ud800\\u0041", "\xEF\xBF\xBD" "A", NULL, 0}, {"\\u0000", "", NULL, 0},
        {"\xC3\xA9", "\xC3\xA9", NULL, 0}, {"e\xCC\x81", "e\xCC\x81", NULL, 0},
        {"\xE2\x80\x99", "\xE2\x80\x99", NULL, 0}, {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", NULL, 0},
        {"\x7F~", "\x7F~", NULL, 0},
        {"\\x", NULL, "invalid escape", 0}, {"\\u12", NULL, "invalid \\u escape", 0},
        {"\\u12g4", NULL, "invalid \\u escape", 0}, {"ab\x01", NULL, "control character in string", 2},
        {"\x1F", NULL, "control character in string", 0}, {"\t", NULL, "control character in string", 0},
        {"\xFF", NULL, "invalid UTF-8 in string", 0}, {"x\xC3(", NULL, "invalid UTF-8 in string", 1},
        {"\xED\xA0\x80", NULL, "invalid UTF-8 in string", 0}, {"\xC0\xAF", NULL, "invalid UTF-8 in string", 0},
        {"\xF4\x90\x80\x80", NULL, "invalid UTF-8 in string", 0}, {"\xE2\x82", NULL, "invalid UTF-8 in string", 0},
    };
    const char *pad = "ghijklmnopqrstuvwxyzghijklmnopqrstuvw"; /* no hex digits */
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
        for (int before = 0; before <= 35; before++) {
            for (int after = 0; after <= 9; after += 3) {
                buf raw, want;
                buf_init(&raw);
                buf_init(&want);
                buf_puts(&raw, "\"");
                buf_put(&raw, pad, (size_t)before);
                buf_puts(&raw, pieces[i].raw);
                buf_put(&raw, pad, (size_t)after);
                buf_puts(&raw, "\"");
                buf_put(&want, pad, (size_t)before);
                if (pieces[i].dec) /* \\u0000 decodes to a NUL byte */
                    buf_put(&want, pieces[i].dec, *pieces[i].dec ? strlen(pieces[i].dec) : 1);
                buf_put(&want, pad, (size_t)after);
                arena a;
                arena_init(&a);
                size_t pos = 0;
                const char *msg = NULL;
                json *v = json_parse(&a, raw.s, raw.len, &pos, &msg);
                if (pieces[i].err) {
                    CHECK(v == NULL);
                    CHECK_INT(pos, 1 + (size_t)before + pieces[i].errat);
                    CHECK_STR(msg, pieces[i].err);
                } else {
                    CHECK(v && v->type == JSON_STRING && v->len == want.len &&
                          memcmp(v->str, want.s, want.len) == 0 && v->str[v->len] == 0);
                }
                /* unterminated: the closing quote cut off */
                v = json_parse(&a, raw.s, raw.len - 1, &pos, &msg);
                CHECK(v == NULL);
                CHECK_INT(pos, 0);
                CHECK_STR(msg, "unterminated string");
                arena_free(&a);
                buf_free(&raw);
                buf_free(&want);
            }
        }
    }
}

int main(void)
{
    test_valid();
    test_strings();
    test_invalid();
    test_numbers();
    test_depth();
    test_writers();
    test_string_offsets();
    return TESTS_DONE("json");
}
