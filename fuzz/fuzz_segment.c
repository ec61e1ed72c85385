/* fuzz_segment.c -- libFuzzer target for segment.c: the input, made valid
 * UTF-8 and NFC as the reader does, is one region (first byte even) or is
 * cut into regions at each newline (first byte odd); segment_text splits it
 * and every sentence and token must lie inside its region, in order.  Also
 * folds the whole input with segment_fold.
 */
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "read.h"
#include "segment.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
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
    int nreg = 1;
    if (opt & 1)
        for (size_t i = 0; i < len; i++) nreg += t[i] == '\n';
    sr_region *reg = arena_alloc(&a, (size_t)nreg * sizeof *reg);
    if (!reg) fuzz_die("arena_alloc", "out of memory");
    if (opt & 1) {
        int k = 0, s = 0;
        for (size_t i = 0; i <= len; i++)
            if (i == len || t[i] == '\n') {
                reg[k].start = s;
                reg[k++].end = (int)i;
                s = (int)i + 1;
            }
    } else {
        reg[0].start = 0;
        reg[0].end = (int)len;
    }
    sr_segmentation seg;
    if (segment_text(&a, NULL, t, reg, nreg, &seg)) fuzz_die("segment_text", "out of memory");
    int prev = 0;
    for (int i = 0; i < seg.ntoks; i++) {
        const sr_token *k = &seg.toks[i];
        if (k->start < prev || k->end <= k->start || (size_t)k->end > len || !k->norm)
            __builtin_trap();
        prev = k->end;
    }
    for (int i = 0; i < seg.nsents; i++) {
        const sr_sentence *s = &seg.sents[i];
        if (s->tok0 < 0 || s->ntok < 0 || s->tok0 + s->ntok > seg.ntoks || s->end < s->start ||
            (size_t)s->end > len)
            __builtin_trap();
    }
    if (!segment_fold(&a, t, len)) fuzz_die("segment_fold", "out of memory");
    arena_free(&a);
    return 0;
}
