/* fuzz_clean.c -- libFuzzer target for clean.c: clean_text with the rules
 * of data/clean/rules.txt (loaded once) over the input as a document text,
 * made valid UTF-8 and NFC first as the reader does.  With the first
 * byte odd, the text's first line also serves as the title (repeated-title
 * heuristic).  Kept regions must be in order and inside the text.
 */
#include <string.h>

#include "arena.h"
#include "clean.h"
#include "fuzz.h"
#include "read.h"

static clean_rules *S_rules; /* read-only after LLVMFuzzerInitialize */

static void S_free(void) { clean_free(S_rules); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    char path[4096], err[1024];
    snprintf(path, sizeof path, "%s/clean/rules.txt", fuzz_datadir());
    if (!(S_rules = clean_load(path, err, sizeof err))) fuzz_die("clean_load", err);
    atexit(S_free);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    arena a;
    arena_init(&a);
    size_t len = 0, bad = 0;
    char *t = read_utf8_clean(&a, (const char *)data + 1, size - 1, 1, &len, &bad);
    if (!t) fuzz_die("read_utf8_clean", "out of memory");
    const char *title = NULL;
    if (opt & 1) {
        const char *nl = memchr(t, '\n', len);
        title = arena_strndup(&a, t, nl ? (size_t)(nl - t) : len);
    }
    sr_region *reg = NULL;
    int dropped = 0;
    int n = clean_text(S_rules, &a, t, len, title, &reg, &dropped);
    if (n < 0) fuzz_die("clean_text", "out of memory");
    int prev = 0;
    for (int i = 0; i < n; i++) {
        if (reg[i].start < prev || reg[i].end < reg[i].start || (size_t)reg[i].end > len)
            __builtin_trap();
        prev = reg[i].end;
    }
    arena_free(&a);
    return 0;
}
