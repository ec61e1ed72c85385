/* test_vocab.c -- the vocabulary (src/vocab.c) and the token ids that
 * segment_text gives (src/segment.c): equal folded forms get equal ids,
 * well-known words their constant ids and values, added words their class
 * bits, unknown words VOCAB_UNKNOWN with only the classes of their form,
 * possessives the id of their word as base. */
#include <string.h>

#include "arena.h"
#include "segment.h"
#include "sitrep.h"
#include "time.h"
#include "vocab.h"
#include "tests.h"

static void test_table(void)
{
    vocab *v = vocab_new();
    CHECK(v != NULL);
    if (!v) return;
    CHECK_INT(vocab_count(v), VW__COUNT);
    /* well-known words have their constant ids, forms and values */
    CHECK_INT(vocab_id(v, "the", 3), VW_THE);
    CHECK_STR(vocab_str(v, VW_THE), "the");
    CHECK_INT(vocab_id(v, "may", 3), VW_MAY);
    CHECK(vocab_class(v, VW_MAY) & VC_MONTH);
    CHECK_INT(VV_NUM(vocab_value(VW_MAY)), 5);
    CHECK(vocab_value(VW_MAY) & VV_FULL);
    CHECK_INT(VV_NUM(vocab_value(VW_SEPT_)), 9);
    CHECK(vocab_value(VW_SEPT_) & VV_DOT);
    CHECK(!(vocab_value(VW_SEPT_) & VV_FULL));
    CHECK_INT(VV_NUM(vocab_value(VW_SUNDAYS)), 6);
    CHECK(vocab_value(VW_SUNDAYS) & VV_POSS);
    CHECK(vocab_value(VW_WEEKS_Q) & VV_PLURAL);
    CHECK_INT(VV_NUM(vocab_value(VW_TWENTY)), 20);
    CHECK(vocab_value(VW_AN) & VV_ARTICLE);
    CHECK_INT(vocab_value(VW__COUNT), 0);
    /* unknown words: id 0, no class, an empty form */
    CHECK_INT(vocab_id(v, "zelensky", 8), VOCAB_UNKNOWN);
    CHECK_INT(vocab_class(v, VOCAB_UNKNOWN), 0);
    CHECK_STR(vocab_str(v, VOCAB_UNKNOWN), "");
    CHECK_INT(vocab_id(NULL, "the", 3), VOCAB_UNKNOWN);
    /* adding: a new id after the well-known ones, classes ORed */
    int id = vocab_add(v, "troops", 6, VC_T_CNOUN);
    CHECK_INT(id, VW__COUNT);
    CHECK_INT(vocab_add(v, "troops", 6, VC_T_PAPER), id);
    CHECK_INT(vocab_class(v, id), VC_T_CNOUN | VC_T_PAPER);
    CHECK_INT(vocab_add(v, "the", 3, VC_T_YCTX), VW_THE);
    CHECK(vocab_class(v, VW_THE) & VC_T_YCTX);
    /* only the first n bytes count */
    CHECK_INT(vocab_id(v, "troopship", 6), id);
    /* forms of every length, also past the 15 bytes a table slot holds
     * and differing only after them: vocab_id, vocab_find and
     * vocab_find_padded (over a buffer that goes on) agree */
    {
        char w[48], pad[64];
        int ids[40];
        for (int n = 1; n < 40; n++) {
            for (int k = 0; k < n; k++) w[k] = (char)('a' + (k * 7 + n) % 26);
            ids[n] = vocab_add(v, w, (size_t)n, VC_T_MOD);
            CHECK(ids[n] > 0);
        }
        for (int n = 1; n < 40; n++) {
            for (int k = 0; k < n; k++) w[k] = (char)('a' + (k * 7 + n) % 26);
            vocab_cls c = 0;
            CHECK_INT(vocab_id(v, w, (size_t)n), ids[n]);
            CHECK_INT(vocab_find(v, w, (size_t)n, &c), ids[n]);
            CHECK(c & VC_T_MOD);
            memset(pad, 'q', sizeof pad);
            memcpy(pad, w, (size_t)n);
            CHECK_INT(vocab_find_padded(v, pad, (size_t)n, NULL), ids[n]);
            CHECK_STR(vocab_str(v, ids[n]), (w[n] = 0, w));
            w[n - 1] = w[n - 1] == 'z' ? 'y' : 'z';   /* the last byte differs */
            CHECK_INT(vocab_id(v, w, (size_t)n), VOCAB_UNKNOWN);
        }
        CHECK_INT(vocab_id(v, "", 0), VOCAB_UNKNOWN);
    }
    /* the classes of the form */
    CHECK_INT(vocab_form_class("2022", 4), VC_TIMEISH);
    CHECK_INT(vocab_form_class("mid-march", 9), VC_TIMEISH | VC_MIDDASH);
    CHECK_INT(vocab_form_class("january", 7), VC_TIMEISH);
    CHECK_INT(vocab_form_class("kyiv", 4), 0);
    CHECK(vocab_class(v, VW_MONDAY) & VC_TIMEISH);
    vocab_free(v);
}

static void test_tokens(void)
{
    vocab *v = vocab_new();
    CHECK(v && time_vocab(v) == 0);
    if (!v) return;
    arena a;
    arena_init(&a);
    const char *t = "The troops left THE city on Monday's eve, the Zelensky-aides said in mid-May.";
    sr_region reg = {0, (int)strlen(t)};
    sr_segmentation seg;
    CHECK_INT(segment_text(&a, v, t, &reg, 1, &seg), 0);
    CHECK(seg.ntoks > 12);
    int the = 0;
    for (int i = 0; i < seg.ntoks; i++) {
        const sr_token *k = &seg.toks[i];
        /* every token's id is its folded form's, and its class the id's
         * class or, unknown, its form's */
        CHECK_INT(k->id, vocab_id(v, k->norm, strlen(k->norm)));
        CHECK_INT(k->cls, k->id ? vocab_class(v, k->id) : vocab_form_class(k->norm, strlen(k->norm)));
        if (!strcmp(k->norm, "the")) {
            CHECK_INT(k->id, VW_THE);
            the++;
        }
    }
    CHECK_INT(the, 3);   /* "The", "THE", "the": one id */
    CHECK_INT(seg.toks[1].id, vocab_id(v, "troops", 6));
    CHECK(seg.toks[1].cls & VC_T_CNOUN);
    CHECK_INT(seg.toks[6].id, VW_MONDAYS);
    CHECK_INT(seg.toks[6].base, VW_MONDAY);      /* without its possessive */
    CHECK_INT(seg.toks[0].base, VW_THE);
    CHECK(seg.toks[6].cls & VC_WEEKDAY);
    CHECK_INT(seg.toks[10].id, VOCAB_UNKNOWN);   /* zelensky-aides */
    CHECK_INT(seg.toks[10].cls, 0);
    CHECK_INT(seg.toks[13].id, VOCAB_UNKNOWN);   /* mid-may */
    CHECK_INT(seg.toks[13].cls, VC_TIMEISH | VC_MIDDASH);
    CHECK(seg.toks[12].cls & VC_T_PREP);         /* in */
    /* without a vocabulary every word is unknown and has no class */
    CHECK_INT(segment_text(&a, NULL, t, &reg, 1, &seg), 0);
    CHECK_INT(seg.toks[0].id, VOCAB_UNKNOWN);
    CHECK_INT(seg.toks[6].base, VOCAB_UNKNOWN);
    CHECK_INT(seg.toks[6].cls, 0);
    arena_free(&a);
    vocab_free(v);
}

int main(void)
{
    test_table();
    test_tokens();
    return TESTS_DONE("vocab");
}
