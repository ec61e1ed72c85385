/* test_html.c -- unit tests of read_html.c (charsets, metadata, main text)
 * and read_warc.c (records, gzip members, HTTP codings, skip counts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "read_html.h"
#include "read_warc.h"
#include "sitrep.h"
#include "tests.h"

#define PARA1 "<p>The foreign ministers of the two countries met on Tuesday and agreed to reopen their embassies before the end of the year, officials said.</p>"
#define PARA2 "<p>The agreement ends a break in relations that began when both governments expelled each other's diplomats three years ago.</p>"

static html_page parse(arena *a, const char *html, const char *http_cs)
{
    html_page p;
    int rc = read_html_page(a, html, strlen(html), http_cs, &p);
    CHECK_INT(rc, 0);
    return p;
}

static void test_dates(void)
{
    char d[11];
    CHECK_INT(read_html_date("2024-03-05T10:00:00Z", d), 0);
    CHECK_STR(d, "2024-03-05");
    CHECK_INT(read_html_date(" 2024/03/05", d), 0);
    CHECK_STR(d, "2024-03-05");
    CHECK_INT(read_html_date("20240305", d), 0);
    CHECK_STR(d, "2024-03-05");
    CHECK_INT(read_html_date("2024-13-05", d), SITREP_EPARSE);
    CHECK_INT(read_html_date("202403051", d), SITREP_EPARSE);
    /* dates in words, as meta tags and JSON-LD of real pages write them */
    static const char *const words[][2] = {
        {"March 5, 2024", "2024-03-05"},
        {"5 Mar 2024 07:09 GMT", "2024-03-05"},
        {"Tue Mar 05 2024 05:44:06 GMT+0000", "2024-03-05"},
        {"01:38:07 PM IST Mar 5, 2024", "2024-03-05"},
        {"Sept. 30, 2023, 4:06 p.m.", "2023-09-30"},
        {"Fri 6:45 PM, Feb 16, 2018", "2018-02-16"},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        CHECK_INT(read_html_date(words[i][0], d), 0);
        CHECK_STR(d, words[i][1]);
    }
    CHECK_INT(read_html_date("Tuesday morning", d), SITREP_EPARSE);
    CHECK_INT(read_html_date("March 2024", d), SITREP_EPARSE);
    CHECK_INT(read_html_date("Feb 30, 2024", d), SITREP_EPARSE);
    CHECK_INT(read_html_date("May 5 June 2024", d), SITREP_EPARSE);

    /* without dated metadata, the URL's path; a template's 0001-01-01 is
     * no date */
    arena a;
    arena_init(&a);
    html_page p = parse(&a,
        "<html><head><link rel=canonical href='https://news.example/world/2023/nov/07/talks-resume'>"
        "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"0001-01-01T00:00:00Z\",}</script>"
        "</head><body>" PARA1 "</body></html>", NULL);
    CHECK_STR(p.date, "2023-11-07");
    p = parse(&a, "<html><head><link rel=canonical href='https://news.example/science/tide-pools-20191115/'>"
                  "<meta name='sn-post-date' content='2019/11/16'></head><body>" PARA1 "</body></html>", NULL);
    CHECK_STR(p.date, "2019-11-16");
    CHECK_STR(p.date_from, "<meta> naming a date");
    p = parse(&a, "<html><head><link rel=canonical href='https://news.example/science/tide-pools-20191115/'>"
                  "</head><body>" PARA1 "</body></html>", NULL);
    CHECK_STR(p.date, "2019-11-15");
    /* JSON-LD with a trailing comma and a raw line break in a string */
    p = parse(&a, "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
                  "\"headline\":\"Ports reopen\nafter strike\",\"keywords\":[\"a\",\"b\", ],"
                  "\"datePublished\":\"2024-06-01\"}</script></head><body>" PARA1 "</body></html>", NULL);
    CHECK_STR(p.date, "2024-06-01");
    CHECK_STR(p.title, "Ports reopen after strike");
    arena_free(&a);
}

static void test_metadata(void)
{
    arena a;
    arena_init(&a);
    html_page p = parse(&a,
        "<html><head><title>Embassies to reopen | The Daily Example</title>"
        "<link rel=canonical href='https://www.dailyexample.example/world/embassies'>"
        "<script type='application/ld+json'>{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"x\"},"
        "{\"@type\":\"NewsArticle\",\"datePublished\":\"2025-01-02T03:04:05Z\"}]}</script>"
        "<meta property='article:published_time' content='2020-01-01'></head>"
        "<body><h1>Embassies to reopen</h1><article>" PARA1 PARA2 "</article></body></html>", NULL);
    CHECK_STR(p.title, "Embassies to reopen");
    CHECK_STR(p.date, "2025-01-02");
    CHECK_STR(p.date_from, "JSON-LD datePublished");
    CHECK_STR(p.url, "https://www.dailyexample.example/world/embassies");
    CHECK_STR(p.source, "dailyexample.example");
    /* og:title wins; a site suffix is cut; <time datetime> gives the date */
    p = parse(&a, "<html><head><meta property='og:title' content='Talks fail - Example Post'>"
                  "<meta property='og:site_name' content='Example Post'></head><body>"
                  "<time datetime='2023-07-08'>8 July</time><div>" PARA1 "</div></body></html>", NULL);
    CHECK_STR(p.title, "Talks fail");
    CHECK_STR(p.source, "Example Post");
    CHECK_STR(p.date, "2023-07-08");
    /* a <title> that is only the site's name gives way to the <h1> */
    p = parse(&a, "<html><head><title>Example Post</title></head><body><h1>Ports reopen</h1>"
                  "<div>" PARA1 "</div></body></html>", NULL);
    CHECK_STR(p.title, "Ports reopen");
    CHECK(p.date == NULL);
    arena_free(&a);
}

static void test_main_text(void)
{
    arena a;
    arena_init(&a);
    html_page p = parse(&a,
        "<html><body><nav><a href='/'>Home</a><a href='/w'>World news and analysis from everywhere</a></nav>"
        "<div class='cookie-notice'><p>We use cookies to give you the best experience on our website and to "
        "show you relevant advertising, as described in our policy.</p></div>"
        "<div class='story'>" PARA1 "<figure><img src=x><figcaption>A caption that should go.</figcaption></figure>"
        "<div class='share-tools'><a href=#>Share</a></div>" PARA2 "<p>Nothing was signed.</p></div>"
        "<ul class='related'><li><a href=#>An older story about the embassies of both countries</a></li></ul>"
        "<footer><p>Copyright the publisher, who reserves all rights in this page and its content.</p></footer>"
        "<script>var x = 'The foreign ministers of the two countries';</script></body></html>", NULL);
    const char *want =
        "The foreign ministers of the two countries met on Tuesday and agreed to reopen their embassies before the end of the year, officials said.\n"
        "The agreement ends a break in relations that began when both governments expelled each other's diplomats three years ago.\n"
        "Nothing was signed.";
    CHECK_STR(p.text, want);
    CHECK_INT(p.text_len, strlen(want));
    /* entities and white space */
    p = parse(&a, "<html><body><div><p>Caf&eacute; owners &amp; traders in the\n   old town said on &#8220;Monday&#8221; "
                  "that the new&nbsp;rules would ruin the trade they have built over many years.</p></div></body></html>", NULL);
    CHECK_STR(p.text, "Café owners & traders in the old town said on “Monday” that the new rules would ruin the trade they have built over many years.");
    /* nothing but furniture: empty text */
    p = parse(&a, "<html><body><nav><a href=/>Home</a></nav><footer>Footer</footer></body></html>", NULL);
    CHECK_INT(p.text_len, 0);
    CHECK_STR(p.text, "");
    arena_free(&a);
}

static void test_charsets(void)
{
    arena a;
    arena_init(&a);
    /* declared Latin-1 in a <meta http-equiv> */
    html_page p = parse(&a, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
                            "</head><body><div><p>Officials in Z\xfcrich said on Tuesday that the talks with the "
                            "federal government would go on next week.</p></div></body></html>", NULL);
    CHECK(strstr(p.text, "Zürich") != NULL);
    CHECK_STR(p.charset, "WINDOWS-1252");
    CHECK_INT(p.charset_guessed, 0);
    /* the HTTP header wins over the page */
    p = parse(&a, "<html><head><meta charset=utf-8></head><body><div><p>Officials in Z\xfcrich said on Tuesday that "
                  "the talks with the federal government would go on next week.</p></div></body></html>", "iso-8859-1");
    CHECK(strstr(p.text, "Zürich") != NULL);
    /* undeclared and not UTF-8: Windows-1252, flagged */
    p = parse(&a, "<html><body><div><p>The minister called it \x93" "a mistake\x94" " and said that she would appeal against "
                  "the ruling of the court.</p></div></body></html>", NULL);
    CHECK_INT(p.charset_guessed, 1);
    CHECK(strstr(p.text, "“a mistake”") != NULL);
    /* declared UTF-8 with a bad byte: repaired and counted */
    p = parse(&a, "<html><head><meta charset='utf-8'></head><body><div><p>The minister called it \xff a mistake and said "
                  "that she would appeal against the ruling of the court.</p></div></body></html>", NULL);
    CHECK_INT(p.bad_bytes, 1);
    CHECK_INT(p.charset_guessed, 0);
    /* a comment hides a <meta> from the prescan */
    p = parse(&a, "<html><head><!-- <meta charset=koi8-r> --><meta charset=\"x-unknown-cs\"></head><body><div><p>The minister "
                  "said that she would appeal against the ruling of the court this week.</p></div></body></html>", NULL);
    CHECK_INT(p.charset_unknown, 1);
    CHECK_STR(p.charset, "x-unknown-cs");
    arena_free(&a);
}

/* ---- WARC ---------------------------------------------------------------- */

static void gz_append(buf *b, const char *s, size_t n)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&zs, n) + 64;
    char *out = malloc(cap);
    zs.next_in = (Bytef *)s;
    zs.avail_in = (uInt)n;
    zs.next_out = (Bytef *)out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    buf_put(b, out, cap - zs.avail_out);
    deflateEnd(&zs);
    free(out);
}

static void record(buf *b, int gz, const char *type, const char *id, const char *ctype, const char *block)
{
    buf r;
    buf_init(&r);
    buf_printf(&r, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <%s>\r\nWARC-Date: 2024-02-03T04:05:06Z\r\n"
                   "WARC-Target-URI: https://example.example/%s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n",
               type, id, id, ctype, strlen(block), block);
    if (gz) gz_append(b, r.s, r.len);
    else buf_put(b, r.s, r.len);
    buf_free(&r);
}

typedef struct {
    int errors, warns, infos;
    char last[512];
} S_rep;

static void rep(void *ctx, read_level lvl, const char *file, long line, const char *id, const char *msg)
{
    S_rep *r = ctx;
    (void)file;
    (void)line;
    (void)id;
    if (lvl == READ_ERROR) r->errors++;
    else if (lvl == READ_WARN) r->warns++;
    else r->infos++;
    snprintf(r->last, sizeof r->last, "%s", msg);
}

static void test_warc(int gz)
{
    buf b;
    buf_init(&b);
    record(&b, gz, "warcinfo", "info", "application/warc-fields", "software: test\r\n");
    buf blk;
    buf_init(&blk);
    const char *tail = "v>" PARA1 "</div></body></html>";
    buf_printf(&blk, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "f\r\n<html><body><di\r\n%zx\r\n%s\r\n0\r\n\r\n", strlen(tail), tail);
    record(&b, gz, "response", "r1", "application/http; msgtype=response", blk.s);
    buf_free(&blk);
    record(&b, gz, "revisit", "r2", "application/http; msgtype=response", "HTTP/1.1 304 Not Modified\r\n\r\n");
    record(&b, gz, "response", "r3", "application/http; msgtype=response",
           "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}");
    CHECK(read_warc_sniff((const unsigned char *)b.s, b.len));
    FILE *fp = fmemopen(b.s, b.len, "rb");
    S_rep r;
    memset(&r, 0, sizeof r);
    warc_reader *w = read_warc_open(fp, "t.warc", 0, rep, &r);
    arena a;
    arena_init(&a);
    sr_doc doc;
    CHECK_INT(read_warc_next(w, &a, &doc), 1);
    CHECK_STR(doc.id, "r1");
    CHECK_STR(doc.url, "https://example.example/r1");
    CHECK_STR(doc.date, "2024-02-03");     /* WARC-Date fallback, reported */
    CHECK_INT(doc.line, 2);
    CHECK_INT(r.warns, 1);
    CHECK(doc.text && !strncmp(doc.text, "The foreign ministers", 21));
    arena_free(&a);
    CHECK_INT(read_warc_next(w, &a, &doc), 0);
    CHECK_INT(r.errors, 0);
    CHECK_INT(r.infos, 1);
    CHECK_STR(r.last, "WARC: 4 records, 1 document; skipped 3: 1 warcinfo, 1 revisit, 1 non-HTML response");
    CHECK_INT(read_warc_next(w, &a, &doc), 0);
    CHECK_INT(r.infos, 1);
    CHECK_INT(read_warc_bytes(w), b.len);
    read_warc_free(w);
    fclose(fp);
    arena_free(&a);
    buf_free(&b);
}

/* When the first pass yields too little, the fallbacks: a page with
 * visible article text never gives an empty document. */
static void test_fallbacks(void)
{
    arena a;
    arena_init(&a);
    /* one short paragraph with no container around it */
    html_page p = parse(&a,
        "<html><body><div class='nav'><a href='/'>Home</a></div>"
        "<p>Coast guard vessels escorted two fishing boats back to port on Sunday, the agency said.</p>"
        "</body></html>", NULL);
    CHECK_STR(p.text, "Coast guard vessels escorted two fishing boats back to port on Sunday, the agency said.");
    /* items of a list that each open with a linked headline */
    p = parse(&a,
        "<html><body><article><ul><li><a href='/a'>Storm closes ferry routes</a> for the second day, as "
        "winds reach ninety kilometres an hour and the harbour stays shut.</li><li><a href='/b'>Council "
        "approves budget</a> after a long night of talks that ended with a narrow vote.</li></ul></article>"
        "</body></html>", NULL);
    CHECK(strstr(p.text, "harbour stays shut.") != NULL);
    CHECK(strstr(p.text, "ended with a narrow vote.") != NULL);
    /* the text only in JSON-LD articleBody */
    p = parse(&a,
        "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"articleBody\":"
        "\"The port authority said on Monday that the new quay would open in May.\\nShipping firms welcomed it.\"}"
        "</script></head><body><div id='app'></div></body></html>", NULL);
    CHECK_STR(p.text, "The port authority said on Monday that the new quay would open in May.\nShipping firms welcomed it.");
    /* the article inside layout wrappers named after theme options: the
     * retry without furniture by class names finds it */
    p = parse(&a,
        "<html><body><div class='wrapper-boxed header-style-header-2'><div class='container theme_sidebar'>"
        "<article class='post'><div class='entry-content'>" PARA1 PARA2 "</div></article></div></div>"
        "<div class='cookie-notice'><p>This site uses cookies to improve your experience, and you can opt out.</p></div>"
        "</body></html>", NULL);
    CHECK(strstr(p.text, "expelled each other's diplomats three years ago.") != NULL);
    CHECK(strstr(p.text, "cookies") == NULL);
    /* nothing but furniture stays empty */
    p = parse(&a, "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                  "<div class='share'>Share this</div><footer>Footer</footer></body></html>", NULL);
    CHECK_STR(p.text, "");
    arena_free(&a);
}

/* Bullet points of the article (a list without links) are its text; a
 * list of links is not. */
static void test_lists(void)
{
    arena a;
    arena_init(&a);
    html_page p = parse(&a,
        "<html><body><article><div class='body'>" PARA1
        "<ul><li>Three new ferry routes</li><li>Lower fares for students</li></ul>"
        "<ul><li><a href='/x'>Older story</a></li><li><a href='/y'>Another one</a></li></ul>"
        PARA2 "</div></article></body></html>", NULL);
    CHECK(strstr(p.text, "\nThree new ferry routes\nLower fares for students\n") != NULL);
    CHECK(strstr(p.text, "Older story") == NULL);
    /* the label of an ad slot between two paragraphs */
    p = parse(&a, "<html><body><article><div class='body'>" PARA1 "<p>Advertisement</p>" PARA2
                  "</div></article></body></html>", NULL);
    CHECK(strstr(p.text, "Advertisement") == NULL);
    arena_free(&a);
}

int main(void)
{
    test_lists();
    test_fallbacks();
    test_dates();
    test_metadata();
    test_main_text();
    test_charsets();
    test_warc(0);
    test_warc(1);
    return TESTS_DONE("html");
}
