/* fuzz_read.c -- libFuzzer target for read.c: the input is written to a
 * file in /dev/shm (or $TMPDIR) and read back through reader_open /
 * reader_next until the end, the way `sitrep code FILE` does.  The first
 * byte picks the file kind (.jsonl or .txt; with bit 3 .warc or .html) and
 * the size limit (default or 64 bytes, to reach the "too large" path); the
 * rest is the file, so long lines, NULs, CRs, blank lines, invalid UTF-8,
 * WARC records with lying lengths and gzip members all reach the reader.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "fuzz.h"
#include "read.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    data++, size--;
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    char path[512];
    snprintf(path, sizeof path, "%s/sitrep-fuzz-read-%ld%s", dir, (long)getpid(),
             (opt & 8) ? ((opt & 1) ? ".html" : ".warc") : (opt & 1) ? ".txt" : ".jsonl");
    FILE *fp = fopen(path, "wb");
    if (!fp) fuzz_die(path, "cannot create");
    if (size && fwrite(data, 1, size, fp) != size) fuzz_die(path, "cannot write");
    if (fclose(fp)) fuzz_die(path, "cannot write");

    size_t msgbytes = 0;
    read_options ro = {(opt & 2) ? 64 : 16u << 20, fuzz_report, &msgbytes};
    const char *paths[2] = {path, path};
    /* the same file twice when bit 2 is set: the reader must reopen cleanly */
    reader *r = reader_open(paths, (opt & 4) ? 2 : 1, &ro);
    if (!r) fuzz_die("reader_open", "out of memory");
    arena a;
    arena_init(&a);
    sr_doc doc;
    int rc;
    while ((rc = reader_next(r, &a, &doc)) == 1) {
        /* the contract: NUL-terminated valid UTF-8 text of text_len bytes */
        if (!doc.text || doc.text[doc.text_len] != 0 || strlen(doc.text) != doc.text_len)
            __builtin_trap();
        if (!doc.id || !doc.file) __builtin_trap();
        arena_free(&a);
    }
    arena_free(&a);
    reader_free(r);
    unlink(path);
    return 0;
}
