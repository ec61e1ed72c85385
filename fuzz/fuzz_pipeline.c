/* fuzz_pipeline.c -- libFuzzer target for the whole pipeline: the
 * knowledge bases are loaded once from $SITREP_DATA (else data/), then each
 * input becomes one sr_doc (text made valid UTF-8 and NFC, as the reader
 * does) and goes through pipeline_run with a fresh arena.  The first byte
 * picks the options: bit 0 a known publication date (from bits 4-7),
 * bit 1 the first line as title, bit 2 a --date default, bit 3 the export
 * of every event as JSON (what `sitrep code --explain` prints).
 */
#include <string.h>

#include "arena.h"
#include "export.h"
#include "fuzz.h"
#include "pipeline.h"
#include "read.h"
#include "sitrep.h"

static sitrep_kb S_kb; /* read-only after LLVMFuzzerInitialize */

static void S_free(void) { pipeline_free(&S_kb); }

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    char err[1024];
    if (pipeline_load(&S_kb, fuzz_datadir(), NULL, 0, err, sizeof err)) fuzz_die("pipeline_load", err);
    atexit(S_free);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    unsigned opt = data[0];
    arena a;
    arena_init(&a);
    size_t len = 0, bad = 0;
    char *t = read_utf8_clean(&a, (const char *)data + 1, size - 1, 1, &len, &bad);
    if (!t) fuzz_die("read_utf8_clean", "out of memory");
    sr_doc doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "fuzz";
    doc.file = "fuzz.jsonl";
    doc.line = 1;
    doc.day = -1;
    if (opt & 1) {
        /* 16 dates from 1900 to 2050 */
        static const int years[16] = {1900, 1970, 1999, 2000, 2001, 2004, 2014, 2020,
                                      2021, 2022, 2023, 2024, 2025, 2026, 2030, 2050};
        doc.day = sitrep_day_from_ymd(years[opt >> 4], 1 + (int)(opt >> 4) % 12, 1 + (int)(opt >> 4));
        doc.date = "fuzz";
        doc.date_origin = DATE_GIVEN;
    }
    doc.text = t;
    doc.text_len = len;
    if (opt & 2) {
        const char *nl = memchr(t, '\n', len);
        doc.title = arena_strndup(&a, t, nl ? (size_t)(nl - t) : len);
        if (nl) {
            doc.text = nl + 1;
            doc.text_len = len - (size_t)(nl + 1 - t);
        }
    }
    if (doc.text_len == 0) { /* the reader never passes an empty text */
        arena_free(&a);
        return 0;
    }
    pipeline_options po = {(opt & 4) ? sitrep_day_from_ymd(2022, 2, 24) : -1, 0, 0};
    pipeline_result res;
    int rc = pipeline_run(&S_kb, &a, &doc, &po, &res);
    if (rc && rc != SITREP_ENOMEM) __builtin_trap(); /* the only documented failure */
    if (rc == 0 && (opt & 8)) {
        buf b;
        buf_init(&b);
        for (int i = 0; i < res.nevents; i++) {
            buf_reset(&b);
            export_event_json(&b, &doc, &res.seg, &res.events[i], (opt >> 4) & 1);
        }
        buf_free(&b);
    }
    arena_free(&a);
    return 0;
}
