/* test_eval.c -- unit tests for the scorer (src/eval.c, spec/EVENTS.md §4).
 * Each case writes a small gold and system file into a temporary directory,
 * runs eval_files and checks the numbers and the report.  All events here
 * are invented for the tests. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eval.h"
#include "json.h"
#include "sitrep.h"
#include "tests.h"

static char dir[64];
static char gold_path[128], sys_path[128];
static char out_text[65536], err_text[8192];

#define NEAR(x, y) (fabs((x) - (y)) < 1e-9)

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void slurp(FILE *f, char *dst, size_t cap)
{
    rewind(f);
    size_t n = fread(dst, 1, cap - 1, f);
    dst[n] = 0;
    fclose(f);
}

/* Writes the two files, scores them, keeps stdout/stderr text. */
static int run(const char *gold, const char *sys, const eval_options *opt, eval_result *res)
{
    write_file(gold_path, gold);
    write_file(sys_path, sys);
    FILE *out = tmpfile(), *err = tmpfile();
    int rc = eval_files(gold_path, sys_path, opt, out, err, res);
    slurp(out, out_text, sizeof out_text);
    slurp(err, err_text, sizeof err_text);
    return rc;
}

static const eval_options plain = {0, 0, 0, 0, 0, 0};

/* 4 gold, 3 system, 2 matched: P 2/3, R 1/2, F1 4/7. */
static void test_prf(void)
{
    eval_result r;
    int rc = run("{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\",\"date\":null}\n"
                 "{\"doc\":\"a\",\"type\":\"SANCTION\",\"source\":\"EU\",\"target\":\"RUS\",\"modality\":\"planned\",\"date\":null}\n"
                 "{\"doc\":\"b\",\"type\":\"PROTEST\",\"source\":\"FRA\",\"target\":null,\"modality\":\"asserted\",\"date\":null}\n"
                 "{\"doc\":\"b\",\"type\":\"REQUEST\",\"source\":\"UKR\",\"target\":\"DEU\",\"modality\":\"asserted\",\"date\":null}\n",
                 "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"date\":null}\n"
                 "{\"doc\":\"b\",\"type\":\"PROTEST\",\"source\":{\"key\":\"FRA\"},\"target\":null,\"modality\":\"asserted\",\"date\":null}\n"
                 "{\"doc\":\"b\",\"type\":\"REQUEST\",\"source\":{\"key\":\"UKR\"},\"target\":{\"key\":\"POL\"},\"modality\":\"asserted\",\"date\":null}\n",
                 &plain, &r);
    CHECK_INT(rc, 0);
    CHECK_INT(r.gold, 4);
    CHECK_INT(r.system, 3);
    CHECK_INT(r.matched, 2);
    CHECK(NEAR(r.precision, 2.0 / 3.0));
    CHECK(NEAR(r.recall, 0.5));
    CHECK(NEAR(r.f1, 4.0 / 7.0));
    /* relaxed ignores the target: the REQUEST UKR->POL now counts */
    CHECK_INT(r.r_matched, 3);
    CHECK(NEAR(r.r_precision, 1.0));
    CHECK(NEAR(r.r_recall, 0.75));
    CHECK(NEAR(r.r_f1, 6.0 / 7.0));
    CHECK_INT(r.modality_ok, 2);
    CHECK_INT(r.modality_n, 2);
    CHECK_INT(r.date_n, 0);
    CHECK_INT(strncmp(out_text, "strict ", 7), 0);
    CHECK(strstr(out_text, "F1 0.571") != NULL);
    CHECK(strstr(out_text, "(matched 2, system 3, gold 4)") != NULL);
    CHECK(strstr(out_text, "relaxed   P 1.000  R 0.750  F1 0.857  (matched 3)") != NULL);
    CHECK(strstr(out_text, "modality  1.000  (2/2)") != NULL);
    CHECK(strstr(out_text, "date      n/a") != NULL);
    CHECK_STR(err_text, "");

    /* a document only in the system file counts against precision */
    rc = run("{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n",
             "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
             "{\"doc\":\"z\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n",
             &plain, &r);
    CHECK_INT(r.matched, 1);
    CHECK(NEAR(r.precision, 0.5));
    CHECK(NEAR(r.recall, 1.0));
    /* the same event in another document does not match */
    rc = run("{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n",
             "{\"doc\":\"b\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n",
             &plain, &r);
    CHECK_INT(r.matched, 0);
    CHECK(NEAR(r.f1, 0.0));
    /* numeric doc ids equal their string form */
    rc = run("{\"doc\":7,\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n",
             "{\"doc\":\"7\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n",
             &plain, &r);
    CHECK_INT(r.matched, 1);
    /* empty files */
    rc = run("", "\n\n", &plain, &r);
    CHECK_INT(rc, 0);
    CHECK_INT(r.gold + r.system + r.matched, 0);
    CHECK(NEAR(r.f1, 0.0));
}

static void test_swap(void)
{
    eval_result r;
    /* CONSULT, AGREE and COOPERATE accept the reversed pair */
    run("{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"FRA\",\"target\":\"DEU\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"AGREE\",\"source\":\"FRA\",\"target\":\"DEU\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"COOPERATE\",\"source\":\"FRA\",\"target\":\"DEU\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"ASSAULT\",\"source\":\"FRA\",\"target\":\"DEU\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"FRA\",\"target\":\"DEU\",\"modality\":\"asserted\"}\n",
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"DEU\"},\"target\":{\"key\":\"FRA\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"AGREE\",\"source\":{\"key\":\"DEU\"},\"target\":{\"key\":\"FRA\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"COOPERATE\",\"source\":{\"key\":\"DEU\"},\"target\":{\"key\":\"FRA\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"ASSAULT\",\"source\":{\"key\":\"DEU\"},\"target\":{\"key\":\"FRA\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"DEU\"},\"target\":{\"key\":\"FRA\"},\"modality\":\"asserted\"}\n",
        &plain, &r);
    CHECK_INT(r.matched, 3);
    CHECK_INT(r.system, 5);
    /* relaxed never scores below strict: the swapped symmetric events count */
    CHECK_INT(r.r_matched, 3);

    /* a swapped CONSULT, and one with the keys as given: the direct one wins */
    run("{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"FRA\",\"target\":\"DEU\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"DEU\",\"target\":\"FRA\",\"modality\":\"asserted\"}\n",
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"DEU\"},\"target\":{\"key\":\"FRA\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"FRA\"},\"target\":{\"key\":\"DEU\"},\"modality\":\"asserted\"}\n",
        &plain, &r);
    CHECK_INT(r.matched, 2);

    /* null target equals null target only */
    run("{\"doc\":\"a\",\"type\":\"MOBILIZE\",\"source\":\"RUS\",\"target\":null,\"modality\":\"asserted\"}\n",
        "{\"doc\":\"a\",\"type\":\"MOBILIZE\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"MOBILIZE\",\"source\":{\"key\":\"RUS\"},\"modality\":\"asserted\"}\n",
        &plain, &r);
    CHECK_INT(r.matched, 1);
    CHECK_INT(r.r_matched, 1);
}

static void test_preference(void)
{
    eval_result r;
    /* one system event, two gold candidates: the one agreeing on modality */
    run("{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"planned\",\"date\":null}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"asserted\",\"date\":null}\n",
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"POL\"},\"modality\":\"asserted\",\"date\":null}\n",
        &plain, &r);
    CHECK_INT(r.matched, 1);
    CHECK_INT(r.modality_ok, 1);
    CHECK_INT(r.modality_n, 1);

    /* modality beats date */
    run("{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"planned\",\"date\":\"2022-03-10\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"asserted\",\"date\":null}\n",
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"POL\"},\"modality\":\"asserted\",\"date\":\"2022-03-10\"}\n",
        &plain, &r);
    CHECK_INT(r.modality_ok, 1);
    CHECK_INT(r.date_n, 0);

    /* an earlier system event does not steal the exact partner of a later
     * one: both pair up with full agreement */
    run("{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\",\"date\":\"2022-03-01\"}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\",\"date\":null}\n",
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"date\":null}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"date\":\"2022-03-01\",\"date_precision\":\"day\"}\n",
        &plain, &r);
    CHECK_INT(r.matched, 2);
    CHECK_INT(r.date_ok, 1);
    CHECK_INT(r.date_n, 1);

    /* each gold line is used once: three system events, two gold lines */
    run("{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"planned\"}\n",
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"planned\"}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"planned\"}\n"
        "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"planned\"}\n",
        &plain, &r);
    CHECK_INT(r.matched, 2);
    CHECK_INT(r.system, 3);
    CHECK_INT(r.modality_ok, 1);
}

static void test_null_type(void)
{
    eval_result r;
    run("{\"doc\":\"a\",\"type\":\"ACCUSE\",\"source\":\"UKR\",\"target\":\"RUS\",\"modality\":\"asserted\"}\n",
        "{\"doc\":\"a\",\"type\":null,\"cameo\":\"010\",\"source\":{\"key\":\"UKR\"},\"target\":null,\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"source\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"a\",\"type\":\"ACCUSE\",\"source\":{\"key\":\"UKR\"},\"target\":{\"key\":\"RUS\"},\"modality\":\"asserted\"}\n",
        &plain, &r);
    CHECK_INT(r.system, 1);
    CHECK_INT(r.matched, 1);
    CHECK(NEAR(r.f1, 1.0));
    CHECK_STR(err_text, "");
}

static void test_date_location(void)
{
    eval_result r;
    run("{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\",\"date\":\"2022-02-19\",\"location\":\"Kyiv\",\"location_country\":\"UKR\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"asserted\",\"date\":\"2022-03-10\",\"location\":\"Warsaw\",\"location_country\":\"POL\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"ROU\",\"modality\":\"asserted\",\"date\":null,\"location\":null,\"location_country\":\"ROU\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"CHE\",\"modality\":\"asserted\",\"date\":\"2022-01-05\",\"location\":\"Z\xC3\xBCrich\",\"location_country\":\"CHE\"}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"LTU\",\"modality\":\"asserted\",\"date\":null,\"location\":null,\"location_country\":null}\n",
        /* Kiev = Kyiv; wrong day; country-only gold; Zurich = Zürich but
         * a week-precision date is no day; no location in gold */
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"date\":\"2022-02-19T10:00:00Z\",\"date_precision\":\"day\",\"location\":{\"name\":\"KIEV\",\"country\":\"UKR\"}}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"POL\"},\"modality\":\"asserted\",\"date\":\"2022-03-11\",\"location\":{\"name\":\"Krak\xC3\xB3w\",\"country\":\"POL\"}}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"ROU\"},\"modality\":\"asserted\",\"date\":null,\"location\":{\"name\":\"Bucharest\",\"country\":\"ROU\"}}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"CHE\"},\"modality\":\"asserted\",\"date\":\"2022-01-05\",\"date_precision\":\"week\",\"location\":{\"name\":\" zurich \",\"country\":\"CHE\"}}\n"
        "{\"doc\":\"a\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"LTU\"},\"modality\":\"asserted\",\"date\":\"2022-01-05\",\"location\":{\"name\":\"Vilnius\",\"country\":\"LTU\"}}\n",
        &plain, &r);
    CHECK_INT(r.matched, 5);
    CHECK_INT(r.date_n, 3);
    CHECK_INT(r.date_ok, 1);
    CHECK_INT(r.location_n, 4);
    CHECK_INT(r.location_ok, 3);
    CHECK(strstr(out_text, "date      0.333  (1/3)") != NULL);
    CHECK(strstr(out_text, "location  0.750  (3/4)") != NULL);

    /* country-only gold, wrong country; gold place, system without one */
    run("{\"doc\":\"a\",\"type\":\"PROTEST\",\"source\":\"FRA\",\"target\":null,\"modality\":\"asserted\",\"location\":null,\"location_country\":\"FRA\"}\n"
        "{\"doc\":\"a\",\"type\":\"PROTEST\",\"source\":\"DEU\",\"target\":null,\"modality\":\"asserted\",\"location\":\"Berlin\",\"location_country\":\"DEU\"}\n",
        "{\"doc\":\"a\",\"type\":\"PROTEST\",\"source\":{\"key\":\"FRA\"},\"target\":null,\"modality\":\"asserted\",\"location\":{\"name\":\"Brussels\",\"country\":\"BEL\"}}\n"
        "{\"doc\":\"a\",\"type\":\"PROTEST\",\"source\":{\"key\":\"DEU\"},\"target\":null,\"modality\":\"asserted\",\"location\":null}\n",
        &plain, &r);
    CHECK_INT(r.location_n, 2);
    CHECK_INT(r.location_ok, 0);
}

static void test_world(void)
{
    eval_result r;
    const char *gold =
        /* w1: two documents, same system id -> merged */
        "{\"doc\":\"1\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"asserted\",\"world_event\":\"w1\"}\n"
        "{\"doc\":\"2\",\"type\":\"CONSULT\",\"source\":\"USA\",\"target\":\"POL\",\"modality\":\"asserted\",\"world_event\":\"w1\"}\n"
        /* w2: the system gives two different ids -> not merged */
        "{\"doc\":\"1\",\"type\":\"ASSAULT\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w2\"}\n"
        "{\"doc\":\"2\",\"type\":\"ASSAULT\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w2\"}\n"
        /* w3: same system id, but an unrelated event shares it -> not merged */
        "{\"doc\":\"1\",\"type\":\"MOBILIZE\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w3\"}\n"
        "{\"doc\":\"2\",\"type\":\"MOBILIZE\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w3\"}\n"
        "{\"doc\":\"2\",\"type\":\"THREATEN\",\"source\":\"USA\",\"target\":\"RUS\",\"modality\":\"asserted\",\"world_event\":null}\n"
        /* w4: one line unmatched -> not merged */
        "{\"doc\":\"1\",\"type\":\"SANCTION\",\"source\":\"EU\",\"target\":\"RUS\",\"modality\":\"asserted\",\"world_event\":\"w4\"}\n"
        "{\"doc\":\"2\",\"type\":\"SANCTION\",\"source\":\"EU\",\"target\":\"RUS\",\"modality\":\"asserted\",\"world_event\":\"w4\"}\n"
        /* w5: on one line only -> not a world event */
        "{\"doc\":\"1\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w5\"}\n"
        /* w6: numeric system ids, both 9 -> merged */
        "{\"doc\":\"1\",\"type\":\"RETREAT\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w6\"}\n"
        "{\"doc\":\"2\",\"type\":\"RETREAT\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\",\"world_event\":\"w6\"}\n";
    const char *sys =
        "{\"doc\":\"1\",\"type\":\"CONSULT\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"POL\"},\"modality\":\"asserted\",\"world_event\":\"s1\"}\n"
        "{\"doc\":\"2\",\"type\":\"CONSULT\",\"source\":{\"key\":\"POL\"},\"target\":{\"key\":\"USA\"},\"modality\":\"asserted\",\"world_event\":\"s1\"}\n"
        "{\"doc\":\"1\",\"type\":\"ASSAULT\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"world_event\":\"s2\"}\n"
        "{\"doc\":\"2\",\"type\":\"ASSAULT\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"world_event\":\"s2b\"}\n"
        "{\"doc\":\"1\",\"type\":\"MOBILIZE\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"world_event\":\"s3\"}\n"
        "{\"doc\":\"2\",\"type\":\"MOBILIZE\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"world_event\":\"s3\"}\n"
        "{\"doc\":\"2\",\"type\":\"THREATEN\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"RUS\"},\"modality\":\"asserted\",\"world_event\":\"s3\"}\n"
        "{\"doc\":\"1\",\"type\":\"SANCTION\",\"source\":{\"key\":\"EU\"},\"target\":{\"key\":\"RUS\"},\"modality\":\"asserted\",\"world_event\":\"s4\"}\n"
        "{\"doc\":\"1\",\"type\":\"RETREAT\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"world_event\":9}\n"
        "{\"doc\":\"2\",\"type\":\"RETREAT\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\",\"world_event\":9}\n";
    run(gold, sys, &plain, &r);
    CHECK_INT(r.world_events, 5);
    CHECK_INT(r.world_merged, 2);
    CHECK(strstr(out_text, "world events: merged 2 of 5") != NULL);

    eval_options js = {0, 0, 0, 1, 0, 0};
    run(gold, sys, &js, &r);
    arena a;
    arena_init(&a);
    size_t pos;
    const char *msg;
    json *root = json_parse(&a, out_text, strlen(out_text), &pos, &msg);
    CHECK(root != NULL);
    const json *we = json_get(root, "world_events");
    CHECK(we && json_get(we, "merged") && json_get(we, "merged")->num == 2.0);
    const json *evs = json_get(we, "events");
    CHECK(evs && evs->len == 5);
    if (evs && evs->len == 5) {
        CHECK_STR(json_get_str(evs->items[0], "id"), "w1");
        CHECK_INT(json_get(evs->items[0], "merged")->type, JSON_TRUE);
        CHECK_INT(json_get(evs->items[1], "merged")->type, JSON_FALSE);
        CHECK_INT(json_get(evs->items[2], "merged")->type, JSON_FALSE);
        CHECK_INT(json_get(evs->items[3], "merged")->type, JSON_FALSE);
        CHECK_STR(json_get_str(evs->items[4], "id"), "w6");
        CHECK_INT(json_get(evs->items[4], "merged")->type, JSON_TRUE);
    }
    arena_free(&a);
}

static void test_errors(void)
{
    eval_result r;
    int rc = run("{\"doc\":\"a\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n"
                 "{\"doc\":\"a\",\"source\":\"USA\"}\n",
                 "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
                 "\n"
                 "{\"doc\":\"a\",\"type\":\"AID\",, }\n"
                 "[1,2]\n"
                 "{\"type\":\"AID\"}\n"
                 "{\"doc\":\"a\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n",
                 &plain, &r);
    CHECK_INT(rc, 0);
    CHECK_INT(r.gold, 1);
    CHECK_INT(r.system, 2);
    CHECK_INT(r.matched, 1);
    char want[256];
    snprintf(want, sizeof want, "%s:2: missing \"type\"\n", gold_path);
    CHECK(strstr(err_text, want) != NULL);
    snprintf(want, sizeof want, "%s:3: ", sys_path);
    CHECK(strstr(err_text, want) != NULL);
    snprintf(want, sizeof want, "%s:4: not a JSON object\n", sys_path);
    CHECK(strstr(err_text, want) != NULL);
    snprintf(want, sizeof want, "%s:5: missing \"doc\"", sys_path);
    CHECK(strstr(err_text, want) != NULL);
    snprintf(want, sizeof want, "%s:2:", sys_path); /* blank lines are not errors */
    CHECK(strstr(err_text, want) == NULL);

    /* a file that cannot be opened */
    char missing[160];
    snprintf(missing, sizeof missing, "%s/no-such-file.jsonl", dir);
    FILE *out = tmpfile(), *err = tmpfile();
    rc = eval_files(missing, sys_path, &plain, out, err, &r);
    slurp(out, out_text, sizeof out_text);
    slurp(err, err_text, sizeof err_text);
    CHECK(rc < 0);
    CHECK_INT(rc, SITREP_EIO);
    CHECK(strstr(err_text, missing) != NULL);
    CHECK(strstr(err_text, "No such file") != NULL);
    CHECK_STR(out_text, "");
    /* stdin for both is refused */
    out = tmpfile();
    err = tmpfile();
    rc = eval_files("-", "-", &plain, out, err, &r);
    slurp(out, out_text, sizeof out_text);
    slurp(err, err_text, sizeof err_text);
    CHECK(rc < 0);
}

static void test_tables(void)
{
    eval_result r;
    const char *gold =
        "{\"doc\":\"d1\",\"type\":\"ASSAULT\",\"source\":\"RUS\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"d1\",\"type\":\"AID\",\"source\":\"USA\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"d2\",\"type\":\"AID\",\"source\":\"GBR\",\"target\":\"UKR\",\"modality\":\"asserted\"}\n"
        "{\"doc\":\"d2\",\"type\":\"REQUEST\",\"source\":\"UKR\",\"target\":\"NATO\",\"modality\":\"asserted\"}\n";
    const char *sys =
        "{\"doc\":\"d1\",\"type\":\"COERCE\",\"source\":{\"key\":\"RUS\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"d1\",\"type\":\"AID\",\"source\":{\"key\":\"USA\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"d2\",\"type\":\"AID\",\"source\":{\"key\":\"GBR\"},\"target\":{\"key\":\"UKR\"},\"modality\":\"asserted\"}\n"
        "{\"doc\":\"d2\",\"type\":\"ACCUSE\",\"source\":{\"key\":\"UKR\"},\"target\":{\"key\":\"RUS\"},\"modality\":\"asserted\"}\n";
    eval_options all = {1, 1, 1, 0, 0, 0};
    int rc = run(gold, sys, &all, &r);
    CHECK_INT(rc, 0);
    CHECK_INT(r.matched, 2);
    CHECK_INT(strncmp(out_text, "strict    P 0.500  R 0.500  F1 0.500", 36), 0);
    CHECK(strstr(out_text, "d1       2       2        1  0.500  0.500  0.500") != NULL);
    CHECK(strstr(out_text, "AID            2       2        2  1.000  1.000  1.000") != NULL);
    CHECK(strstr(out_text, "confusion") != NULL);

    eval_options js = {1, 1, 1, 1, 0, 0};
    run(gold, sys, &js, &r);
    arena a;
    arena_init(&a);
    size_t pos;
    const char *msg;
    json *root = json_parse(&a, out_text, strlen(out_text), &pos, &msg);
    CHECK(root != NULL);
    const json *st = json_get(root, "strict");
    CHECK(st && json_get(st, "f1") && json_get(st, "f1")->num == 0.5);
    const json *bd = json_get(root, "by_doc");
    CHECK(bd && bd->type == JSON_ARRAY && bd->len == 2);
    if (bd && bd->len == 2) CHECK_STR(json_get_str(bd->items[1], "doc"), "d2");
    const json *bt = json_get(root, "by_type");
    /* AID, REQUEST, ACCUSE, COERCE, ASSAULT in PLOVER order */
    CHECK(bt && bt->len == 5);
    if (bt && bt->len == 5) {
        CHECK_STR(json_get_str(bt->items[0], "type"), "AID");
        CHECK_STR(json_get_str(bt->items[4], "type"), "ASSAULT");
    }
    /* confusion: ASSAULT gold vs COERCE system on the same keys; the
     * REQUEST has no partner, nor has the ACCUSE */
    const json *cf = json_get(root, "confusion");
    const json *types = json_get(cf, "types"), *rows = json_get(cf, "rows");
    CHECK(types && rows && types->len == 6 && rows->len == 6);
    if (types && rows && types->len == 6 && rows->len == 6) {
        int idx[6];
        const char *names[] = {"AID", "REQUEST", "ACCUSE", "COERCE", "ASSAULT", "none"};
        for (int k = 0; k < 6; k++) {
            CHECK_STR(types->items[k]->str, names[k]);
            idx[k] = k;
        }
        const json *assault = rows->items[idx[4]], *request = rows->items[idx[1]];
        const json *none = rows->items[idx[5]], *aid = rows->items[idx[0]];
        CHECK(assault->items[idx[3]]->num == 1.0); /* -> COERCE */
        CHECK(assault->items[idx[4]]->num == 0.0);
        CHECK(aid->items[idx[0]]->num == 2.0);     /* diagonal */
        CHECK(request->items[idx[5]]->num == 1.0); /* -> none */
        CHECK(none->items[idx[2]]->num == 1.0);    /* spurious ACCUSE */
        CHECK(none->items[idx[3]]->num == 0.0);    /* COERCE was paired */
    }
    arena_free(&a);
}

int main(void)
{
    strcpy(dir, "/tmp/sitrep-test-eval-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(gold_path, sizeof gold_path, "%s/gold.jsonl", dir);
    snprintf(sys_path, sizeof sys_path, "%s/sys.jsonl", dir);
    test_prf();
    test_swap();
    test_preference();
    test_null_type();
    test_date_location();
    test_world();
    test_errors();
    test_tables();
    unlink(gold_path);
    unlink(sys_path);
    rmdir(dir);
    return TESTS_DONE("eval");
}
