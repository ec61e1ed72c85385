/* fuzz_time.c -- libFuzzer target for time.c: sitrep_dateline (sitrep.c)
 * on the raw input, then the input (made valid UTF-8 and NFC) is segmented and
 * time_find runs over each sentence with one of several anchors (unknown,
 * 2022-03-14, 1970-01-01, 0000-01-01, 9999-12-31: every year a "date" field
 * can carry) and each tense.  Found spans must lie inside the sentence.
 */
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "read.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"

/* The vocabulary (vocab.h) with the time tagger's words, built once. */
static vocab *S_vocab;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    if (!(S_vocab = vocab_new()) || time_vocab(S_vocab)) fuzz_die("vocab_new", "out of memory");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    unsigned opt = data[0];
    const char *raw = (const char *)data + 1;
    size_t rawlen = size - 1;
    arena a;
    arena_init(&a);
    size_t len = 0, bad = 0;
    char *t = read_utf8_clean(&a, raw, rawlen, 1, &len, &bad);
    if (!t) fuzz_die("read_utf8_clean", "out of memory");
    int y, m, d;
    if (sitrep_dateline(t, len, &y, &m, &d) == 1 && (m < 1 || m > 12 || d < 1 || d > 31))
        __builtin_trap();
    const long anchors[5] = {-1, sitrep_day_from_ymd(2022, 3, 14), 0, sitrep_day_from_ymd(0, 1, 1),
                             sitrep_day_from_ymd(9999, 12, 31)};
    long anchor = anchors[opt % 5];
    sr_region reg = {0, (int)len};
    sr_segmentation seg;
    if (segment_text(&a, S_vocab, t, &reg, 1, &seg)) fuzz_die("segment_text", "out of memory");
    sr_timex *tx = NULL;
    int ntx = 0;
    for (int s = 0; s < seg.nsents; s++) {
        const sr_sentence *se = &seg.sents[s];
        int before = ntx;
        sr_tense tense = (sr_tense)((opt / 5 + (unsigned)s) % 3);
        if (time_find(&a, seg.toks, se->tok0, se->tok0 + se->ntok, anchor, tense, &tx, &ntx) < 0)
            fuzz_die("time_find", "out of memory");
        for (int i = before; i < ntx; i++)
            if (tx[i].t0 < se->tok0 || tx[i].t1 > se->tok0 + se->ntok || tx[i].t1 <= tx[i].t0)
                __builtin_trap();
    }
    arena_free(&a);
    return 0;
}
