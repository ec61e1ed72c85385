/* export_gdelt.c -- GDELT 2.0, PLOVER and contract exports of the store
 * (export_gdelt.h).
 *
 * GDELT mapping (documented in README "Store and queries"): one Events row
 * per world event, GlobalEventID = world event id; one Mentions row per
 * report.  Actor codes are sitrep's CAMEO-style codes (ISO3 country +
 * role), so Actor*CountryCode is ISO 3166-1 alpha-3 (CAMEO country codes
 * are ISO3-like); *Geo_CountryCode is also ISO3, not GDELT's FIPS 10-4
 * (sitrep carries no FIPS table).  AvgTone and MentionDocTone are 0 (no
 * tone model); DATEADDED is the first publication day at 000000.
 */
#include "export_gdelt.h"

#include <ctype.h>
#include <string.h>

#include "json.h"
#include "sitrep.h"

/* Organisation keys (spec/EVENTS.md §2) with a CAMEO known-group code. */
static const char *const S_orgs[][2] = {
    {"NATO", "NAT"}, {"EU", "EEC"}, {"UN", "UNO"}, {"OPEC", "OPC"}, {"IMF", "IMF"},
    {"WB", "WBK"}, {"WHO", "WHO"}, {"ARAB_LEAGUE", "ARL"}, {"ASEAN", "ASN"}, {"GCC", "GCC"},
    {"OAS", "OAS"}, {"AU", ""}, {"OSCE", ""}, {"IAEA", ""}, {"ICC", ""}, {"G7", ""},
    {"G20", ""}, {"CSTO", ""}, {"SCO", ""}, {"ECOWAS", ""},
};

/* -1: not an organisation key. */
static int S_org(const char *key)
{
    for (size_t i = 0; key && i < sizeof S_orgs / sizeof *S_orgs; i++)
        if (!strcmp(key, S_orgs[i][0])) return (int)i;
    return -1;
}

static int S_is_country(const char *key)
{
    return key && strlen(key) == 3 && S_org(key) < 0 && isupper((unsigned char)key[0]) &&
           isupper((unsigned char)key[1]) && isupper((unsigned char)key[2]);
}

/* A TSV field: tabs and line breaks become spaces. */
static void S_field(buf *b, const char *s, int upper)
{
    buf_putc(b, '\t');
    for (; s && *s; s++) {
        char c = *s;
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
        else if (upper && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        buf_putc(b, c);
    }
}

static void S_actor(buf *b, const store_actor *a)
{
    const char *key = a->key, *code = a->code;
    int org = S_org(key), ctry = S_is_country(key);
    char type1[4] = "", type2[4] = "";
    size_t kl = key ? strlen(key) : 0;
    if (code && key && !strncmp(code, key, kl)) {
        const char *r = code + kl;
        snprintf(type1, sizeof type1, "%.3s", r);
        if (strlen(r) > 3) snprintf(type2, sizeof type2, "%.3s", r + 3);
    }
    S_field(b, code, 0);                                   /* Code */
    S_field(b, a->name, 1);                                /* Name */
    S_field(b, ctry ? key : NULL, 0);                      /* CountryCode */
    S_field(b, org >= 0 ? S_orgs[org][1] : NULL, 0);       /* KnownGroupCode */
    S_field(b, NULL, 0);                                   /* EthnicCode */
    S_field(b, NULL, 0);                                   /* Religion1Code */
    S_field(b, NULL, 0);                                   /* Religion2Code */
    S_field(b, type1, 0);                                  /* Type1Code */
    S_field(b, type2, 0);                                  /* Type2Code */
    S_field(b, NULL, 0);                                   /* Type3Code */
}

static void S_geo(buf *b, const store_place *p)
{
    if (!p || !p->name) {
        buf_puts(b, "\t0\t\t\t\t\t\t\t");
        return;
    }
    int us = p->country && !strcmp(p->country, "USA");
    int type = p->kind == 'C' ? 1 : p->kind == 'A' ? (us ? 2 : 5) : (us ? 3 : 4);
    buf_printf(b, "\t%d", type);
    S_field(b, p->name, 0);
    S_field(b, p->country, 0);
    buf_printf(b, "\t\t\t%.4f\t%.4f\t", p->lat, p->lon);
}

static void S_stamp(char *out, size_t n, long day)
{
    if (day < 0) {
        *out = 0;
        return;
    }
    int y, m, d;
    sitrep_ymd_from_day(day, &y, &m, &d);
    snprintf(out, n, "%04d%02d%02d000000", y, m, d);
}

typedef struct {
    FILE *ev, *mn;
    buf b;
} S_ctx;

static int S_world_tsv(void *ctx, const store_world *w, const store_event *r, int nr)
{
    S_ctx *c = ctx;
    buf *b = &c->b;
    buf_reset(b);
    long day = w->day >= 0 ? w->day : w->first_seen;
    buf_printf(b, "%lld", w->id);
    if (day >= 0) {
        int y, m, d;
        sitrep_ymd_from_day(day, &y, &m, &d);
        long jan1 = sitrep_day_from_ymd(y, 1, 1), next = sitrep_day_from_ymd(y + 1, 1, 1);
        buf_printf(b, "\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f", y, m, d, y, m, y,
                   y + (double)(day - jan1) / (double)(next - jan1));
    } else {
        buf_puts(b, "\t\t\t\t");
    }
    S_actor(b, &w->src);
    S_actor(b, &w->tgt);
    int root = 0;
    for (int i = 0; i < nr; i++) root |= r[i].lead;
    const char *code = w->cameo ? w->cameo : "";
    buf_printf(b, "\t%d\t%s\t%.3s\t%.2s\t%d\t%.1f\t%d\t%d\t%d\t0", root, code, code, code, w->quad,
               w->goldstein, w->num_mentions, w->num_sources, w->num_articles);
    S_geo(b, NULL);
    S_geo(b, NULL);
    S_geo(b, &w->loc);
    char added[16];
    S_stamp(added, sizeof added, w->first_seen);
    S_field(b, added, 0);
    const char *url = NULL;
    for (int i = 0; i < nr && !url; i++)
        if (r[i].doc_url && *r[i].doc_url) url = r[i].doc_url;
    S_field(b, url ? url : nr ? r[0].doc : NULL, 0);
    buf_putc(b, '\n');
    fwrite(b->s, 1, b->len, c->ev);
    for (int i = 0; c->mn && i < nr; i++) {
        const store_event *e = &r[i];
        char seen[16];
        S_stamp(seen, sizeof seen, e->doc_day);
        int web = e->doc_url && *e->doc_url;
        buf_reset(b);
        buf_printf(b, "%lld\t%s\t%s\t%d", w->id, added, seen, web ? 1 : 2);
        S_field(b, e->doc_source, 0);
        S_field(b, web ? e->doc_url : e->doc, 0);
        buf_printf(b, "\t%d\t%d\t%d\t%d\t1\t%d\t%lld\t0\t\t\n", e->sent + 1, e->src.start,
                   e->tgt.start, e->start, (int)(e->confidence * 100 + 0.5), e->doc_len);
        fwrite(b->s, 1, b->len, c->mn);
    }
    return (ferror(c->ev) || (c->mn && ferror(c->mn))) ? SITREP_EIO : 0;
}

int export_gdelt_tables(store *s, FILE *ev, FILE *mn)
{
    S_ctx c = {ev, mn, {0}};
    buf_init(&c.b);
    store_filter f = {.since = -1, .until = -1};
    int rc = store_events(s, &f, S_world_tsv, &c);
    buf_free(&c.b);
    return rc;
}

static void S_plover_actor(buf *b, const store_actor *a, const char *text)
{
    if (!a->key && !a->name) {
        buf_puts(b, "[]");
        return;
    }
    buf_puts(b, "[{\"code\":");
    json_put_str(b, a->key);
    const char *sector = NULL;
    size_t kl = a->key ? strlen(a->key) : 0;
    if (a->code && a->key && !strncmp(a->code, a->key, kl) && a->code[kl]) sector = a->code + kl;
    buf_puts(b, ",\"sector\":");
    json_put_str(b, sector);
    buf_puts(b, ",\"actor_text\":");
    json_put_str(b, text);
    buf_puts(b, ",\"identifier_text\":");
    json_put_str(b, a->name);
    buf_puts(b, ",\"cameo_code\":");
    json_put_str(b, a->code);
    buf_puts(b, "}]");
}

static int S_world_plover(void *ctx, const store_world *w, const store_event *r, int nr)
{
    S_ctx *c = ctx;
    buf *b = &c->b;
    buf_reset(b);
    char day[11];
    buf_printf(b, "{\"id\":\"sitrep-%lld\",\"date\":", w->id);
    long d = w->day >= 0 ? w->day : w->first_seen;
    if (d >= 0) {
        sitrep_format_day(d, day);
        json_put_str(b, day);
    } else {
        buf_puts(b, "null");
    }
    buf_puts(b, ",\"date_precision\":");
    json_put_str(b, w->day >= 0 ? w->prec : d >= 0 ? "publication" : NULL);
    buf_puts(b, ",\"event\":[");
    json_put_str(b, w->type);
    buf_puts(b, "],\"mode\":");
    json_put_str(b, w->mode);
    /* actor text as written in the first report that names the actor the
     * same way round as the world event */
    const char *st = NULL, *tt = NULL;
    for (int i = 0; i < nr; i++) {
        int same = (!r[i].src.key && !w->src.key) ||
                   (r[i].src.key && w->src.key && !strcmp(r[i].src.key, w->src.key));
        if (!st) st = same ? r[i].src.text : r[i].tgt.text;
        if (!tt) tt = same ? r[i].tgt.text : r[i].src.text;
    }
    buf_puts(b, ",\"source\":");
    S_plover_actor(b, &w->src, st);
    buf_puts(b, ",\"recipient\":");
    S_plover_actor(b, &w->tgt, tt);
    buf_puts(b, ",\"event_loc\":");
    if (w->loc.name) {
        buf_puts(b, "{\"name\":");
        json_put_str(b, w->loc.name);
        buf_puts(b, ",\"latitude\":");
        json_put_num(b, w->loc.lat, 4);
        buf_puts(b, ",\"longitude\":");
        json_put_num(b, w->loc.lon, 4);
        buf_puts(b, ",\"cc3\":");
        json_put_str(b, w->loc.country);
        buf_puts(b, ",\"feature class\":");
        json_put_str(b, w->loc.kind == 'C' || w->loc.kind == 'A' ? "A" : w->loc.kind == 'P' ? "P" : NULL);
        buf_putc(b, '}');
    } else {
        buf_puts(b, "null");
    }
    buf_puts(b, ",\"event_text\":[");
    for (int i = 0; i < nr; i++) {
        if (i) buf_putc(b, ',');
        json_put_str(b, r[i].evidence);
    }
    buf_printf(b, "],\"quad_code\":%d,\"event_scale\":", w->quad);
    json_put_num(b, w->goldstein, 1);
    buf_puts(b, ",\"cite_info\":[");
    for (int i = 0; i < nr; i++) {
        if (i) buf_putc(b, ',');
        buf_puts(b, "{\"citation\":");
        json_put_str(b, r[i].doc);
        buf_puts(b, ",\"url\":");
        json_put_str(b, r[i].doc_url);
        buf_puts(b, ",\"publication\":");
        json_put_str(b, r[i].doc_source);
        buf_puts(b, "}");
    }
    buf_puts(b, "],\"coder\":\"sitrep " SITREP_VERSION "\",\"modality\":");
    json_put_str(b, w->modality);
    buf_printf(b, ",\"num_mentions\":%d,\"num_articles\":%d,\"num_sources\":%d,\"world_event\":%lld}\n",
               w->num_mentions, w->num_articles, w->num_sources, w->id);
    fwrite(b->s, 1, b->len, c->ev);
    return ferror(c->ev) ? SITREP_EIO : 0;
}

int export_gdelt_plover(store *s, FILE *out)
{
    S_ctx c = {out, NULL, {0}};
    buf_init(&c.b);
    store_filter f = {.since = -1, .until = -1};
    int rc = store_events(s, &f, S_world_plover, &c);
    buf_free(&c.b);
    return rc;
}

static int S_event_jsonl(void *ctx, const store_event *e)
{
    S_ctx *c = ctx;
    buf_reset(&c->b);
    store_event_json(&c->b, e);
    buf_putc(&c->b, '\n');
    fwrite(c->b.s, 1, c->b.len, c->ev);
    return ferror(c->ev) ? SITREP_EIO : 0;
}

int export_gdelt_jsonl(store *s, FILE *out)
{
    S_ctx c = {out, NULL, {0}};
    buf_init(&c.b);
    int rc = store_each_event(s, S_event_jsonl, &c);
    buf_free(&c.b);
    return rc;
}
