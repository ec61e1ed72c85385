/* test_store.c -- the corpus store (store.h) and the cross-document merge
 * rules (merge.h): dates and places, world events across documents, counts,
 * symmetric pairs, hypothetical events, idempotence and re-coding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge.h"
#include "store.h"
#include "tests.h"

static long D(const char *ymd)
{
    long d = -1;
    sitrep_parse_ymd(ymd, &d);
    return d;
}

static void test_rules(void)
{
    merge_when a = {D("2022-03-10"), PREC_DAY, D("2022-03-11"), D("2022-03-11")};
    merge_when b = {D("2022-03-11"), PREC_DAY, D("2022-03-12"), D("2022-03-12")};
    CHECK(merge_dates_compatible(&a, &b));
    b.day = D("2022-03-13");
    CHECK(!merge_dates_compatible(&a, &b));           /* day: +-1 */
    b.prec = PREC_WEEK;
    CHECK(merge_dates_compatible(&a, &b));            /* week: +-7 */
    merge_when y1 = {D("2014-01-01"), PREC_YEAR, D("2022-01-18"), D("2022-01-18")};
    merge_when y2 = {D("2014-01-01"), PREC_YEAR, D("2021-12-06"), D("2021-12-06")};
    CHECK(merge_dates_compatible(&y1, &y2));
    y2.day = D("2015-01-01");
    CHECK(!merge_dates_compatible(&y1, &y2));         /* year: same year */
    merge_when u1 = {-1, PREC_NONE, D("2022-01-18"), D("2022-01-18")};
    merge_when u2 = {-1, PREC_NONE, D("2021-12-06"), D("2021-12-06")};
    CHECK(merge_dates_compatible(&u1, &u2));          /* 43 days apart */
    u2.first = u2.last = D("2021-10-01");
    CHECK(!merge_dates_compatible(&u1, &u2));
    CHECK(!merge_dates_compatible(&u1, &y1));         /* undated 2022 vs 2014 */
    merge_when nopub = {-1, PREC_NONE, -1, -1};
    CHECK(merge_dates_compatible(&nopub, &y1));
    long lo, hi, lo2, hi2;
    merge_window(&u1, &lo, &hi);
    merge_window(&a, &lo2, &hi2);
    CHECK(lo <= hi2 && lo2 <= hi);

    CHECK(merge_places_compatible(NULL, "POL", "USA", "ROU"));
    CHECK(merge_places_compatible("POL", "POL", "USA", "ROU"));
    CHECK(merge_places_compatible("POL", "ROU", "USA", "ROU"));   /* third country vs target's */
    CHECK(!merge_places_compatible("CHE", "SWE", "USA", "RUS"));  /* two third countries */
    CHECK(!merge_places_compatible("UKR", "RUS", "RUS", "UKR"));  /* both actor countries */

    char k1[32], k2[32];
    merge_pair_key("CONSULT", "USA", "POL", k1, sizeof k1);
    merge_pair_key("CONSULT", "POL", "USA", k2, sizeof k2);
    CHECK_STR(k1, k2);
    merge_pair_key("ASSAULT", "RUS", "UKR", k1, sizeof k1);
    merge_pair_key("ASSAULT", "UKR", "RUS", k2, sizeof k2);
    CHECK(strcmp(k1, k2) != 0);
}

/* One document with one event "S did TYPE to T". */
typedef struct {
    sr_doc doc;
    pipeline_result res;
    sr_sentence sent;
    sr_mention m[2];
    sr_event ev;
    sr_place place;
} one_doc;

static void make_doc(one_doc *o, const char *id, const char *date, const char *source, const char *text,
                     const char *type, const char *skey, const char *tkey, sr_modality mod,
                     const char *evdate, sitrep_prec prec, const char *country)
{
    memset(o, 0, sizeof *o);
    o->doc.id = id;
    o->doc.date = date;
    o->doc.source = source;
    o->doc.text = text;
    o->doc.text_len = strlen(text);
    o->doc.day = date ? D(date) : -1;
    o->doc.file = "test";
    o->sent.start = 0;
    o->sent.end = (int)strlen(text);
    o->sent.ntok = 1;
    o->res.seg.sents = &o->sent;
    o->res.seg.nsents = 1;
    const char *keys[2] = {skey, tkey};
    for (int i = 0; i < 2; i++) {
        o->m[i].start = i ? 6 : 0;
        o->m[i].end = i ? 9 : 4;
        o->m[i].name = keys[i];
        snprintf(o->m[i].key, sizeof o->m[i].key, "%s", keys[i]);
        snprintf(o->m[i].code, sizeof o->m[i].code, "%sGOV", keys[i]);
    }
    o->res.mentions = o->m;
    o->res.nmentions = 2;
    o->ev.type = type;
    o->ev.mode = "";
    o->ev.cameo = !strcmp(type, "CONSULT") ? "040" : "190";
    o->ev.quad = !strcmp(type, "CONSULT") ? 1 : 4;
    o->ev.goldstein = !strcmp(type, "CONSULT") ? 1.0 : -10.0;
    o->ev.modality = mod;
    o->ev.source = &o->m[0];
    o->ev.target = &o->m[1];
    o->ev.day = evdate ? D(evdate) : -1;
    o->ev.prec = evdate ? prec : PREC_NONE;
    o->ev.confidence = 0.8;
    o->ev.end = 9;
    if (country) {
        o->place.name = country;
        snprintf(o->place.country, sizeof o->place.country, "%s", country);
        o->place.kind = 'C';
        o->ev.place = &o->place;
        o->ev.place_text = country;
    }
    o->res.events = &o->ev;
    o->res.nevents = 1;
}

static int add(store *s, one_doc *o)
{
    char h[17];
    store_doc_hash(&o->doc, h);
    if (store_has_doc(s, o->doc.id, h) == 1) return 1;
    return store_add_doc(s, &o->doc, h, &o->res);
}

typedef struct {
    int n;
    long long ids[16];
    int mentions[16], articles[16], sources[16];
    char modalities[16][64];
} worlds;

static int collect(void *ctx, const store_world *w, const store_event *r, int nr)
{
    worlds *ws = ctx;
    (void)r;
    if (ws->n < 16) {
        ws->ids[ws->n] = w->id;
        ws->mentions[ws->n] = nr;
        ws->articles[ws->n] = w->num_articles;
        ws->sources[ws->n] = w->num_sources;
        snprintf(ws->modalities[ws->n], 64, "%s", w->modalities ? w->modalities : "");
    }
    ws->n++;
    return 0;
}

static worlds query(store *s)
{
    worlds ws;
    memset(&ws, 0, sizeof ws);
    store_filter f = {.since = -1, .until = -1};
    CHECK_INT(store_events(s, &f, collect, &ws), 0);
    return ws;
}

static void test_store(void)
{
    char path[] = "/tmp/sitrep-test-store-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    store *s;
    char err[256];
    CHECK_INT(store_open(path, 0, &s, err, sizeof err), 0);
    one_doc a, b, c, d, e;
    make_doc(&a, "a", "2030-05-02", "one.test", "Aland met Bora on Monday.", "CONSULT", "FIN", "SWE",
             MOD_ASSERTED, "2030-05-01", PREC_DAY, "SWE");
    make_doc(&b, "b", "2030-05-03", "two.test", "Bora and Aland held talks.", "CONSULT", "SWE", "FIN",
             MOD_PLANNED, NULL, PREC_NONE, NULL);
    make_doc(&c, "c", "2030-05-03", "one.test", "Aland met Bora again.", "CONSULT", "FIN", "SWE",
             MOD_ASSERTED, "2030-05-01", PREC_DAY, NULL);
    make_doc(&d, "d", "2030-09-20", "two.test", "Aland met Bora in September.", "CONSULT", "FIN", "SWE",
             MOD_ASSERTED, "2030-09-19", PREC_DAY, NULL);
    make_doc(&e, "e", "2030-05-03", NULL, "If Aland met Bora.", "CONSULT", "FIN", "SWE",
             MOD_HYPOTHETICAL, NULL, PREC_NONE, NULL);
    CHECK_INT(add(s, &a), 0);
    CHECK_INT(add(s, &b), 0);
    CHECK_INT(add(s, &c), 0);
    CHECK_INT(add(s, &d), 0);
    CHECK_INT(add(s, &e), 0);
    CHECK_INT(add(s, &a), 1);            /* same id and content: nothing added */
    /* several at once: stored with this hash, with another one, not at all */
    char ha[17], hc[17];
    store_doc_hash(&a.doc, ha);
    store_doc_hash(&d.doc, hc);
    const char *ids[3] = {"a", "c", "zz"}, *hashes[3] = {ha, hc, ha};
    int have[3] = {-1, -1, -1};
    CHECK_INT(store_has_docs(s, ids, hashes, 3, have), 0);
    CHECK_INT(have[0], 1);
    CHECK_INT(have[1], 0);
    CHECK_INT(have[2], 0);
    CHECK_INT(store_commit(s), 0);
    worlds ws = query(s);
    CHECK_INT(ws.n, 3);                  /* a+b+c, d (months later), e (hypothetical) */
    CHECK_INT(ws.mentions[0], 3);
    CHECK_INT(ws.articles[0], 3);
    CHECK_INT(ws.sources[0], 2);         /* one.test twice */
    CHECK_STR(ws.modalities[0], "asserted,planned");
    CHECK_INT(ws.mentions[2], 1);
    long long nd, ne, nw;
    CHECK_INT(store_counts(s, &nd, &ne, &nw), 0);
    CHECK_INT(nd, 5);
    CHECK_INT(ne, 5);
    /* re-coding: c now reports an attack; its old report leaves the merged event */
    one_doc c2;
    make_doc(&c2, "c", "2030-05-03", "one.test", "Aland attacked Bora.", "ASSAULT", "FIN", "SWE",
             MOD_ASSERTED, NULL, PREC_NONE, NULL);
    CHECK_INT(add(s, &c2), 0);
    /* re-coding d to something else deletes its now empty world event */
    one_doc d2;
    make_doc(&d2, "d", "2030-09-20", "two.test", "Aland attacked Bora in September.", "ASSAULT", "FIN",
             "SWE", MOD_ASSERTED, "2030-09-19", PREC_DAY, NULL);
    CHECK_INT(add(s, &d2), 0);
    CHECK_INT(store_commit(s), 0);
    ws = query(s);
    CHECK_INT(ws.n, 4);                  /* a+b, e, c2, d2 */
    CHECK_INT(ws.mentions[0], 2);
    CHECK_INT(ws.articles[0], 2);
    CHECK_INT(ws.sources[0], 2);
    CHECK_INT(store_counts(s, &nd, &ne, &nw), 0);
    CHECK_INT(nd, 5);
    CHECK_INT(ne, 5);
    CHECK_INT(nw, 4);
    CHECK_INT(store_close(s), 0);
    char p2[sizeof path + 8];
    unlink(path);
    snprintf(p2, sizeof p2, "%s-wal", path);
    unlink(p2);
    snprintf(p2, sizeof p2, "%s-shm", path);
    unlink(p2);
}

int main(void)
{
    test_rules();
    test_store();
    return TESTS_DONE("store");
}
