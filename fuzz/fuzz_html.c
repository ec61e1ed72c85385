/* fuzz_html.c -- libFuzzer target for read_html.c: the input is one web
 * page given to read_html_doc, the way the HTML reader and the WARC reader
 * hand pages over.  The first byte picks the charset the HTTP header would
 * declare (none, UTF-8, ISO-8859-1, a name iconv does not know); the rest
 * is the page, so broken nesting, deep trees, stray NULs, entities and
 * invalid bytes all reach libxml2's SAX interface, sitrep's page tree and
 * the main-text extractor.  Checks the reader's contract on what it gives.
 */
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "read.h"
#include "read_html.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    static const char *const charsets[] = {NULL, "utf-8", "iso-8859-1", "x-no-such-charset"};
    const char *cs = charsets[data[0] & 3];
    data++, size--;
    arena a;
    arena_init(&a);
    sr_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "fuzz";
    doc.file = "fuzz.html";
    doc.line = 1;
    size_t msgbytes = 0;
    int rc = read_html_doc(&a, (const char *)data, size, cs, &doc, fuzz_report, &msgbytes);
    if (rc == 1) {
        /* the contract: NUL-terminated text of text_len bytes */
        if (!doc.text || doc.text[doc.text_len] != 0 || strlen(doc.text) != doc.text_len) __builtin_trap();
        if (doc.title && strlen(doc.title) > size * 4 + 64) __builtin_trap();
    }
    arena_free(&a);
    return 0;
}
