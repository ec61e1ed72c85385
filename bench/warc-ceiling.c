/* warc-ceiling.c -- what reading a .warc.gz costs before sitrep does any
 * work of its own: the baselines bench/readers.sh prints next to
 * `sitrep read`.
 *
 * In:  MODE FILE.warc.gz, MODE one of
 *        zlib     inflate the file with zlib (streaming, member after
 *                 member: what sitrep used before libdeflate)
 *        inflate  inflate each gzip member whole with libdeflate (what
 *                 sitrep's byte stream does)
 *        parse    inflate as above, then run libxml2's HTML parser over
 *                 every HTML response payload with no SAX handlers at all
 *                 (no tree, no extraction): the tokenizer's own cost
 * Out: one line "MODE bytes_in bytes_out pages seconds" on stdout (the
 *      fastest of 3 runs, file in memory).
 *
 * The archive is read into memory first; payloads are found the way the
 * bench archives (tests/warc/build.py) write them: a response record, an
 * HTTP header saying text/html, the body to the end of the block.  Not a
 * WARC reader: sitrep's is src/read_warc.c.
 */
#include <libdeflate.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *S_find(const char *s, size_t n, const char *pat)
{
    size_t k = strlen(pat);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == pat[0] && !memcmp(s + i, pat, k)) return s + i;
    return NULL;
}

/* The HTML payload of a record (one inflated member), or NULL. */
static const char *S_payload(const char *r, size_t n, size_t *len)
{
    const char *h = S_find(r, n < 4096 ? n : 4096, "\r\n\r\n");
    if (!h || !S_find(r, (size_t)(h - r), "WARC-Type: response")) return NULL;
    const char *b = h + 4;
    const char *e = S_find(b, (size_t)(r + n - b) < 16384 ? (size_t)(r + n - b) : 16384, "\r\n\r\n");
    if (!e || !S_find(b, (size_t)(e - b), "text/html")) return NULL;
    b = e + 4;
    size_t l = (size_t)(r + n - b);
    *len = l >= 4 ? l - 4 : 0;   /* the record's closing CRLF CRLF */
    return b;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: warc-ceiling zlib|inflate|parse FILE.warc.gz\n");
        return 2;
    }
    const char *mode = argv[1];
    FILE *fp = fopen(argv[2], "rb");
    if (!fp) { perror(argv[2]); return 2; }
    fseek(fp, 0, SEEK_END);
    long sz = ftell(fp);
    rewind(fp);
    unsigned char *in = malloc((size_t)sz + 1);
    if (!in || fread(in, 1, (size_t)sz, fp) != (size_t)sz) { fprintf(stderr, "cannot read %s\n", argv[2]); return 2; }
    fclose(fp);
    size_t cap = 64u << 20;
    unsigned char *out = malloc(cap);
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    if (!out || !d) return 2;
    int parse = !strcmp(mode, "parse"), zl = !strcmp(mode, "zlib");
    if (!parse && !zl && strcmp(mode, "inflate")) { fprintf(stderr, "warc-ceiling: unknown mode %s\n", mode); return 2; }
    htmlSAXHandler none;
    memset(&none, 0, sizeof none);
    double best = 1e9;
    size_t total = 0, pages = 0;
    for (int run = 0; run < 3; run++) {
        total = pages = 0;
        double t0 = S_now();
        if (zl) {
            z_stream zs;
            memset(&zs, 0, sizeof zs);
            inflateInit2(&zs, 15 + 32);
            zs.next_in = in;
            zs.avail_in = (uInt)sz;
            for (;;) {
                zs.next_out = out;
                zs.avail_out = 65536;
                int r = inflate(&zs, Z_NO_FLUSH);
                total += 65536 - zs.avail_out;
                if (r == Z_STREAM_END) {
                    if (!zs.avail_in) break;
                    inflateReset(&zs);
                } else if (r != Z_OK) {
                    break;
                }
            }
            inflateEnd(&zs);
        } else {
            size_t pos = 0;
            while (pos < (size_t)sz) {
                size_t used, got;
                if (libdeflate_gzip_decompress_ex(d, in + pos, (size_t)sz - pos, out, cap, &used, &got) !=
                    LIBDEFLATE_SUCCESS) {
                    fprintf(stderr, "warc-ceiling: bad gzip member at byte %zu\n", pos);
                    return 1;
                }
                pos += used;
                total += got;
                size_t plen;
                const char *p;
                if (parse && (p = S_payload((const char *)out, got, &plen)) && plen) {
                    htmlParserCtxtPtr c = htmlNewParserCtxt();
                    memcpy(c->sax, &none, sizeof none);
                    htmlDocPtr doc = htmlCtxtReadMemory(c, p, (int)plen, NULL, NULL,
                                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                                            HTML_PARSE_IGNORE_ENC);
                    if (doc) xmlFreeDoc(doc);
                    htmlFreeParserCtxt(c);
                    pages++;
                }
            }
        }
        double dt = S_now() - t0;
        if (dt < best) best = dt;
    }
    printf("%s %ld %zu %zu %.4f\n", mode, sz, total, pages, best);
    libdeflate_free_decompressor(d);
    free(out);
    free(in);
    return 0;
}
