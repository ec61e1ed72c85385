/* read_html.h -- stage 1 for web pages: HTML bytes -> contract §1 fields.
 *
 * In:  the bytes of one saved page (a .html file or a WARC payload) and the
 *      charset of its HTTP Content-Type header, if any.
 * Out: title, publication date, source, url and the article's main text
 *      (paragraphs in page order, joined by '\n'), all UTF-8 in the
 *      caller's arena.  Parsing is libxml2's HTML parser, read through its
 *      SAX interface into a compact tree of the same shape as libxml2's own
 *      (no DOM is built); the main text is chosen block by block (link
 *      density, stopword density, length, context) in the manner of
 *      jusText, inside the page's best container.
 */
#ifndef SITREP_READ_HTML_H
#define SITREP_READ_HTML_H

#include <stddef.h>

#include "arena.h"
#include "read_util.h"
#include "record.h"

typedef struct {
    const char *title, *date, *source, *url; /* NULL when the page has none;
                                                date is "YYYY-MM-DD" */
    const char *date_from;    /* where the date came from ("JSON-LD
                                 datePublished", ...), static, or NULL */
    const char *charset;      /* charset the page was decoded from */
    int charset_guessed;      /* none declared and not UTF-8: decoded as
                                 Windows-1252 (the caller reports it) */
    int charset_unknown;      /* declared charset iconv does not know: read
                                 as UTF-8 */
    size_t bad_bytes;         /* invalid byte sequences replaced by U+FFFD */
    char *text;               /* main text, "" when the page has none */
    size_t text_len;
} html_page;

/* Reads the page html[0..n).  http_charset is the charset parameter of an
 * HTTP Content-Type header or NULL.  Every string of *page lives in a; the
 * text is valid UTF-8 but not yet NFC.  Returns 0, SITREP_ENOMEM, or
 * SITREP_EPARSE when no document tree could be built. */
int read_html_page(arena *a, const char *html, size_t n, const char *http_charset,
                   html_page *page);

/* Reads the page into doc's title, date (DATE_GIVEN), source, url and text
 * (valid UTF-8, NFC); doc->id, file and line are the caller's, used in
 * reports.  Reports a guessed or unknown charset (READ_WARN), replaced
 * bytes and a page without article text (READ_ERROR) through report.
 * Returns 1 when doc holds a document, 0 when the page was skipped, or
 * SITREP_ENOMEM. */
int read_html_doc(arena *a, const char *html, size_t n, const char *http_charset, sr_doc *doc,
                  read_report_fn report, void *report_ctx);

/* Converts a date as pages write it ("2024-03-05T10:00:00Z", "2024/03/05",
 * "20240305", and in English words: "March 5, 2024", "5 Mar 2024 07:09
 * GMT", "Tue Mar 05 2024 05:44:06") to "YYYY-MM-DD" in out.  Returns 0, or
 * SITREP_EPARSE. */
int read_html_date(const char *s, char out[11]);

#endif
