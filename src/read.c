/* read.c -- stage 1: input documents (contract §1).
 *
 * A reader walks a list of paths: JSON Lines files (one document per line),
 * plain .txt files (first non-empty line = title, the rest = text) and
 * directories (recursively, in name order, hidden files skipped).  Each
 * document's strings live in the caller's per-document arena.  Lines are read
 * in bounded chunks, so a huge line is rejected without being held whole.
 * Invariant: every problem is reported once, with file and line, and the
 * reader goes on with the next document.
 */
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "read_html.h"
#include "read_warc.h"
#include "sitrep.h"

#define READ_DEFAULT_MAX (16u << 20)

typedef enum { KIND_JSONL, KIND_TEXT, KIND_HTML, KIND_WARC } file_kind;

struct reader {
    read_options opt;
    char **queue;          /* paths still to open (a stack, reversed) */
    size_t nqueue, capqueue;
    FILE *fp;              /* current file */
    warc_reader *warc;     /* over fp when kind is KIND_WARC */
    char *path;            /* current path (malloc'd) */
    file_kind kind;
    long line;
    int use_stdin;
    size_t bytes;
    char *line_buf;        /* current line (malloc'd, grows to max_doc_bytes) */
    size_t line_cap;
    char rbuf[65536];      /* read-ahead for JSON Lines */
    size_t rpos, rlen;
};

static void S_report(reader *r, read_level lvl, long line, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));


static void S_report(reader *r, read_level lvl, long line, const char *id, const char *fmt, ...)
{
    if (!r->opt.report) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->opt.report(r->opt.report_ctx, lvl, r->path ? r->path : "-", line, id, msg);
}

static int S_push(reader *r, const char *path)
{
    if (r->nqueue == r->capqueue) {
        size_t cap = r->capqueue ? r->capqueue * 2 : 16;
        char **q = realloc(r->queue, cap * sizeof *q);
        if (!q) return SITREP_ENOMEM;
        r->queue = q;
        r->capqueue = cap;
    }
    char *p = strdup(path);
    if (!p) return SITREP_ENOMEM;
    r->queue[r->nqueue++] = p;
    return 0;
}

reader *reader_open(const char *const *paths, int npaths, const read_options *opt)
{
    reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    if (opt) r->opt = *opt;
    if (!r->opt.max_doc_bytes) r->opt.max_doc_bytes = READ_DEFAULT_MAX;
    if (npaths == 0) {
        if (S_push(r, "-")) { reader_free(r); return NULL; }
    }
    for (int i = npaths - 1; i >= 0; i--)
        if (S_push(r, paths[i])) { reader_free(r); return NULL; }
    return r;
}

void reader_free(reader *r)
{
    if (!r) return;
    read_warc_free(r->warc);
    if (r->fp && r->fp != stdin) fclose(r->fp);
    for (size_t i = 0; i < r->nqueue; i++) free(r->queue[i]);
    free(r->queue);
    free(r->path);
    free(r->line_buf);
    free(r);
}

size_t reader_bytes(const reader *r) { return r->bytes + (r->warc ? read_warc_bytes(r->warc) : 0); }

static int S_has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a); /* reversed: stack */
}

/* Pushes a directory's entries (sorted) onto the queue. */
static int S_push_dir(reader *r, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        free(r->path);
        r->path = strdup(dir);
        S_report(r, READ_ERROR, 0, NULL, "cannot open directory: %s", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) { rc = SITREP_ENOMEM; break; }
            names = nn;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len + 1);
        if (!names[n]) { rc = SITREP_ENOMEM; break; }
        /* a leading \x1f marks a path found by walking a directory */
        snprintf(names[n], len + 1, "\x1f%s%s%s", dir[0] == '\x1f' ? dir + 1 : dir,
                 S_has_suffix(dir, "/") ? "" : "/", e->d_name);
        n++;
    }
    closedir(d);
    if (rc == 0 && n) qsort(names, n, sizeof *names, S_cmp);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) rc = S_push(r, names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* Opens the next file of the queue.  Returns 1 when one is open, 0 when the
 * queue is empty, or SITREP_ENOMEM. */
static int S_is_binary(const char *s, size_t n);
static void S_close(reader *r);

static int S_open_next(reader *r)
{
    while (r->nqueue) {
        char *path = r->queue[--r->nqueue];
        int from_dir = path[0] == '\x1f';
        if (from_dir) memmove(path, path + 1, strlen(path));
        free(r->path);
        r->path = path;
        r->line = 0;
        if (strcmp(path, "-") == 0) {
            r->fp = stdin;
            r->kind = KIND_JSONL; /* decided on the first byte below */
            int c = getc(stdin);
            if (c == EOF) {
                S_report(r, READ_ERROR, 0, NULL, "empty input");
                r->fp = NULL;
                continue;
            }
            ungetc(c, stdin);
            if (c != '{' && c != ' ' && c != '\n' && c != '\t' && c != '\r')
                r->kind = KIND_TEXT;
            return 1;
        }
        struct stat st;
        if (stat(path, &st) != 0) {
            S_report(r, READ_ERROR, 0, NULL, "cannot open: %s", strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            int rc = S_push_dir(r, path);
            if (rc) return rc;
            continue;
        }
        if (S_has_suffix(path, ".jsonl") || S_has_suffix(path, ".ndjson") ||
            S_has_suffix(path, ".json"))
            r->kind = KIND_JSONL;
        else if (S_has_suffix(path, ".txt") || S_has_suffix(path, ".text"))
            r->kind = KIND_TEXT;
        else if (S_has_suffix(path, ".html") || S_has_suffix(path, ".htm"))
            r->kind = KIND_HTML;
        else if (S_has_suffix(path, ".warc") || S_has_suffix(path, ".warc.gz"))
            r->kind = KIND_WARC;
        else {
            /* named on the command line: an error; met in a directory
             * (a README beside the articles): skipped with a warning */
            S_report(r, from_dir ? READ_WARN : READ_ERROR, 0, NULL,
                     from_dir ? "skipped: not a supported file type (.jsonl, .json, .ndjson, .txt, "
                                ".html, .htm, .warc, .warc.gz)"
                              : "unknown file type (expected .jsonl, .json, .ndjson, .txt, .html, "
                                ".htm, .warc or .warc.gz)");
            continue;
        }
        if (st.st_size == 0) {
            S_report(r, READ_ERROR, 0, NULL, "empty file");
            continue;
        }
        r->fp = fopen(path, "rb");
        if (!r->fp) {
            S_report(r, READ_ERROR, 0, NULL, "cannot open: %s", strerror(errno));
            continue;
        }
        if (r->kind == KIND_WARC) {
            r->warc = read_warc_open(r->fp, path, r->opt.max_doc_bytes, r->opt.report,
                                     r->opt.report_ctx);
            if (!r->warc) return SITREP_ENOMEM;
        }
        if (r->kind == KIND_JSONL) {
            /* judge the file by its first block, not line by line */
            r->rpos = 0;
            r->rlen = fread(r->rbuf, 1, sizeof r->rbuf, r->fp);
            if (S_is_binary(r->rbuf, r->rlen < 8192 ? r->rlen : 8192)) {
                r->bytes += r->rlen;
                S_report(r, READ_ERROR, 1, NULL, "binary file; skipped");
                S_close(r);
                continue;
            }
        }
        return 1;
    }
    return 0;
}

int read_supported(const char *path)
{
    static const char *const sufs[] = {".jsonl", ".json", ".ndjson", ".txt", ".text", ".html",
                                       ".htm", ".warc", ".warc.gz", NULL};
    for (int i = 0; sufs[i]; i++)
        if (S_has_suffix(path, sufs[i])) return 1;
    return 0;
}

static void S_close(reader *r)
{
    if (r->warc) {
        r->bytes += read_warc_bytes(r->warc);
        read_warc_free(r->warc);
        r->warc = NULL;
    }
    if (r->fp && r->fp != stdin) fclose(r->fp);
    r->fp = NULL;
    r->rpos = r->rlen = 0;
}

/* Appends n bytes to the current line unless it is over the limit. */
static int S_line_put(reader *r, size_t *len, const char *p, size_t n, int *over)
{
    if (*over || *len + n > r->opt.max_doc_bytes) {
        *over = 1;
        return 0;
    }
    if (*len + n + 1 > r->line_cap) {
        size_t cap = r->line_cap ? r->line_cap : 65536;
        while (cap < *len + n + 1) cap *= 2;
        char *nb = realloc(r->line_buf, cap);
        if (!nb) return -1;
        r->line_buf = nb;
        r->line_cap = cap;
    }
    memcpy(r->line_buf + *len, p, n);
    *len += n;
    r->line_buf[*len] = 0;
    return 0;
}

/* Reads one line (without its newline) into r->line_buf, NUL bytes kept.
 * Returns its length, -1 at end of file, -2 when the line exceeded
 * max_doc_bytes (the rest of it is consumed), -3 when out of memory. */
static long S_getline(reader *r, size_t *full_len)
{
    size_t len = 0;
    int any = 0, over = 0;
    *full_len = 0;
    for (;;) {
        if (r->rpos == r->rlen) {
            r->rlen = fread(r->rbuf, 1, sizeof r->rbuf, r->fp);
            r->rpos = 0;
            if (r->rlen == 0) break;
        }
        any = 1;
        const char *p = r->rbuf + r->rpos;
        size_t avail = r->rlen - r->rpos;
        const char *nl = memchr(p, '\n', avail);
        size_t n = nl ? (size_t)(nl - p) : avail;
        *full_len += n;
        r->bytes += n + (nl ? 1 : 0);
        if (S_line_put(r, &len, p, n, &over)) return -3;
        r->rpos += n + (nl ? 1 : 0);
        if (nl) break;
    }
    if (!any) return -1;
    if (over) return -2;
    if (!r->line_buf && S_line_put(r, &len, "", 0, &over)) return -3;
    return (long)len;
}

/* Reads a whole file (bounded).  Returns length, -2 if too big, -3 no memory. */
static long S_slurp(reader *r, size_t *full_len)
{
    size_t len = 0, n;
    int over = 0;
    char chunk[65536];
    *full_len = 0;
    while ((n = fread(chunk, 1, sizeof chunk, r->fp)) > 0) {
        *full_len += n;
        r->bytes += n;
        if (S_line_put(r, &len, chunk, n, &over)) return -3;
    }
    if (over) return -2;
    if (!r->line_buf && S_line_put(r, &len, "", 0, &over)) return -3;
    return (long)len;
}

/* A text is binary when it holds NUL bytes or many control characters. */
static int S_is_binary(const char *s, size_t n)
{
    size_t ctl = 0, look = n < 8192 ? n : 8192;
    for (size_t i = 0; i < look; i++) {
        /* skip 8 bytes at a time while none is below 0x20 */
        while (i + 8 <= look) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if ((x - 0x2020202020202020ull) & ~x & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i == look) break;
        unsigned char c = (unsigned char)s[i];
        if (c == 0) return 1;
        if (c < 32 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctl++;
    }
    return look > 0 && ctl * 20 > look;
}

/* Fills doc->text (cleaned) and reports repairs. */
static int S_set_text(reader *r, arena *a, sr_doc *doc, const char *text, size_t n)
{
    size_t bad = 0, outlen = 0;
    char *t = read_utf8_clean(a, text, n, 1, &outlen, &bad);
    if (!t) return SITREP_ENOMEM;
    if (bad)
        S_report(r, READ_ERROR, doc->line, doc->id,
                 "invalid UTF-8: %zu byte sequence%s replaced by U+FFFD (document kept)", bad,
                 bad == 1 ? "" : "s");
    doc->text = t;
    doc->text_len = outlen;
    return 0;
}

static const char *S_clean_str(arena *a, const char *s)
{
    if (!s) return NULL;
    size_t bad, len;
    return read_utf8_clean(a, s, strlen(s), 1, &len, &bad);
}

static int S_doc_from_json(reader *r, arena *a, sr_doc *doc, const char *line, size_t n)
{
    size_t errpos = 0, bad = 0, clen = n;
    const char *errmsg = "";
    /* parsed as it is first: a line json_parse takes is valid UTF-8 without
     * a NUL (every byte >= 0x80 is in a string, whose UTF-8 it checks as
     * strictly as read_utf8_valid), so most lines are not checked twice */
    json *root = json_parse(a, line, n, &errpos, &errmsg);
    if (!root) {
        /* repair invalid UTF-8 before parsing, so one bad byte loses nothing */
        const char *clean = line;
        if (read_utf8_valid(line, n) != n) {
            clean = read_utf8_clean(a, line, n, 0, &clen, &bad);
            if (!clean) return SITREP_ENOMEM;
        }
        root = clean == line ? NULL : json_parse(a, clean, clen, &errpos, &errmsg);
    }
    if (!root) {
        S_report(r, READ_ERROR, r->line, NULL, "malformed JSON at column %zu: %s",
                 errpos + 1, errmsg);
        return 0;
    }
    if (root->type != JSON_OBJECT) {
        S_report(r, READ_ERROR, r->line, NULL, "expected a JSON object");
        return 0;
    }
    const json *jid = json_get(root, "id");
    char idbuf[64];
    const char *id = NULL;
    if (jid && jid->type == JSON_STRING) id = jid->str;
    else if (jid && jid->type == JSON_NUMBER) {
        snprintf(idbuf, sizeof idbuf, "%.17g", jid->num);
        id = idbuf;
    }
    if (!id || !*id) {
        /* an id is required; fall back to file:line so nothing is lost silently */
        S_report(r, READ_WARN, r->line, NULL, "document has no \"id\"; using the line number");
        snprintf(idbuf, sizeof idbuf, "line-%ld", r->line);
        id = idbuf;
    }
    doc->id = S_clean_str(a, id);
    const json *jt = json_get(root, "text");
    if (!jt || jt->type != JSON_STRING) {
        S_report(r, READ_ERROR, r->line, doc->id,
                 jt ? "\"text\" is not a string; document skipped"
                    : "missing \"text\"; document skipped");
        return 0;
    }
    if (jt->len == 0) {
        S_report(r, READ_ERROR, r->line, doc->id, "empty \"text\"; document skipped");
        return 0;
    }
    if (bad)
        S_report(r, READ_ERROR, doc->line, doc->id,
                 "invalid UTF-8: %zu byte sequence%s replaced by U+FFFD (document kept)", bad,
                 bad == 1 ? "" : "s");
    int rc = S_set_text(r, a, doc, jt->str, jt->len);
    if (rc) return rc;
    doc->title = S_clean_str(a, json_get_str(root, "title"));
    doc->source = S_clean_str(a, json_get_str(root, "source"));
    doc->url = S_clean_str(a, json_get_str(root, "url"));
    const char *date = json_get_str(root, "date");
    if (date && *date) {
        long day;
        if (sitrep_parse_ymd(date, &day) == 0) {
            doc->day = day;
            doc->date_origin = DATE_GIVEN;
            doc->date = S_clean_str(a, date);
        } else {
            S_report(r, READ_WARN, r->line, doc->id,
                     "unreadable \"date\" (want YYYY-MM-DD); treated as missing");
        }
    }
    return 1;
}

static int S_doc_from_text(reader *r, arena *a, sr_doc *doc, const char *s, size_t n)
{
    /* id: file name without directories and extension */
    const char *base = strrchr(r->path, '/');
    base = base ? base + 1 : r->path;
    const char *dot = strrchr(base, '.');
    size_t idlen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    doc->id = arena_strndup(a, base, idlen);
    size_t bad = 0, len = 0;
    char *t = read_utf8_clean(a, s, n, 1, &len, &bad);
    if (!t) return SITREP_ENOMEM;
    if (bad)
        S_report(r, READ_ERROR, 0, doc->id,
                 "invalid UTF-8: %zu byte sequence%s replaced by U+FFFD (document kept)", bad,
                 bad == 1 ? "" : "s");
    /* title: first non-empty line */
    size_t i = 0;
    while (i < len && (t[i] == '\n' || t[i] == '\r' || t[i] == ' ' || t[i] == '\t')) i++;
    size_t e = i;
    while (e < len && t[e] != '\n') e++;
    size_t te = e;
    while (te > i && (t[te - 1] == '\r' || t[te - 1] == ' ')) te--;
    doc->title = arena_strndup(a, t + i, te - i);
    size_t body = e < len ? e + 1 : len;
    doc->text = t + body;
    doc->text_len = len - body;
    if (doc->text_len == 0) {
        /* a one-line file: the line is the text */
        doc->text = t + i;
        doc->text_len = len - i;
        doc->title = NULL;
    }
    return 1;
}

int reader_next(reader *r, arena *a, sr_doc *doc)
{
    for (;;) {
        if (!r->fp) {
            int rc = S_open_next(r);
            if (rc <= 0) return rc;
        }
        memset(doc, 0, sizeof *doc);
        doc->day = -1;
        doc->file = arena_strdup(a, r->path);
        if (r->kind == KIND_WARC) {
            int rc = read_warc_next(r->warc, a, doc);
            if (rc == 0) {
                S_close(r);
                continue;
            }
            return rc;
        }
        if (r->kind == KIND_HTML) {
            size_t full;
            long n = S_slurp(r, &full);
            S_close(r);
            if (n == -3) return SITREP_ENOMEM;
            if (n == -2) {
                S_report(r, READ_ERROR, 0, NULL, "document too large (%zu bytes; limit %zu); skipped",
                         full, r->opt.max_doc_bytes);
                continue;
            }
            const char *base = strrchr(r->path, '/');
            base = base ? base + 1 : r->path;
            const char *dot = strrchr(base, '.');
            doc->id = arena_strndup(a, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
            int rc = read_html_doc(a, r->line_buf, (size_t)n, NULL, doc, r->opt.report, r->opt.report_ctx);
            if (rc != 0) return rc;
            continue;
        }
        if (r->kind == KIND_TEXT) {
            size_t full;
            long n = S_slurp(r, &full);
            S_close(r);
            if (n == -3) return SITREP_ENOMEM;
            if (n == -2) {
                S_report(r, READ_ERROR, 0, NULL, "document too large (%zu bytes; limit %zu); skipped",
                         full, r->opt.max_doc_bytes);
                continue;
            }
            if (S_is_binary(r->line_buf, (size_t)n)) {
                S_report(r, READ_ERROR, 0, NULL, "binary file; skipped");
                continue;
            }
            size_t k = 0;
            while (k < (size_t)n && (r->line_buf[k] == ' ' || r->line_buf[k] == '\n' ||
                                     r->line_buf[k] == '\r' || r->line_buf[k] == '\t'))
                k++;
            if (k == (size_t)n) {
                S_report(r, READ_ERROR, 0, NULL, "empty document; skipped");
                continue;
            }
            int rc = S_doc_from_text(r, a, doc, r->line_buf, (size_t)n);
            if (rc < 0) return rc;
            return 1;
        }
        /* JSON Lines */
        size_t full;
        long n = S_getline(r, &full);
        if (n == -1) {
            if (r->line == 0) S_report(r, READ_ERROR, 0, NULL, "empty file");
            S_close(r);
            continue;
        }
        r->line++;
        if (n == -3) return SITREP_ENOMEM;
        doc->line = r->line;
        if (n == -2) {
            S_report(r, READ_ERROR, r->line, NULL,
                     "document too large (%zu bytes; limit %zu); skipped", full,
                     r->opt.max_doc_bytes);
            continue;
        }
        if (S_is_binary(r->line_buf, (size_t)n)) {
            if (r->line == 1) {
                S_report(r, READ_ERROR, 1, NULL, "binary file; skipped");
                S_close(r);
            } else {
                S_report(r, READ_ERROR, r->line, NULL, "binary data; line skipped");
            }
            continue;
        }
        size_t k = 0;
        while (k < (size_t)n && (r->line_buf[k] == ' ' || r->line_buf[k] == '\t' || r->line_buf[k] == '\r')) k++;
        if (k == (size_t)n) continue; /* blank line */
        int rc = S_doc_from_json(r, a, doc, r->line_buf, (size_t)n);
        if (rc < 0) return rc;
        if (rc == 1) return 1;
    }
}
