/* export.c -- stage 10: event records as JSON Lines (export.h). */
#include "export.h"

#include <string.h>

#include "json.h"

static void S_actor(buf *b, const char *base, const sr_mention *m)
{
    if (!m) {
        buf_puts(b, "null");
        return;
    }
    buf_puts(b, "{\"text\":");
    json_put_strn(b, base + m->start, (size_t)(m->end - m->start));
    buf_puts(b, ",\"name\":");
    json_put_str(b, m->name);
    buf_puts(b, ",\"key\":");
    json_put_str(b, m->key);
    buf_puts(b, ",\"code\":");
    json_put_str(b, m->code);
    buf_putc(b, '}');
}

void export_event_head(buf *b, const char *doc, int sent, int start, int end, const char *type,
                       const char *mode, const char *cameo, int quad, double goldstein,
                       const char *modality)
{
    buf_puts(b, "{\"doc\":");
    json_put_str(b, doc);
    buf_printf(b, ",\"sentence\":%d,\"span\":[%d,%d],\"type\":", sent, start, end);
    json_put_str(b, type);
    buf_puts(b, ",\"mode\":");
    json_put_str(b, mode);
    buf_puts(b, ",\"cameo\":");
    json_put_str(b, cameo);
    buf_printf(b, ",\"quad\":%d,\"goldstein\":", quad);
    json_put_num(b, goldstein, 1);
    buf_puts(b, ",\"modality\":");
    json_put_str(b, modality);
}

int export_event_json(buf *b, const sr_doc *doc, const sr_segmentation *seg, const sr_event *e,
                      int explain)
{
    export_event_head(b, doc->id, e->sent, e->start, e->end, e->type, e->mode, e->cameo, e->quad,
                      e->goldstein, record_modality_name(e->modality));
    buf_puts(b, ",\"source\":");
    S_actor(b, e->base ? e->base : doc->text, e->source);
    buf_puts(b, ",\"target\":");
    S_actor(b, e->base ? e->base : doc->text, e->target);
    buf_puts(b, ",\"location\":");
    if (e->place) {
        buf_puts(b, "{\"text\":");
        json_put_str(b, e->place_text);
        buf_puts(b, ",\"name\":");
        json_put_str(b, e->place->name);
        buf_puts(b, ",\"country\":");
        json_put_str(b, e->place->country);
        buf_puts(b, ",\"lat\":");
        json_put_num(b, e->place->lat, 4);
        buf_puts(b, ",\"lon\":");
        json_put_num(b, e->place->lon, 4);
        buf_putc(b, '}');
    } else {
        buf_puts(b, "null");
    }
    char day[11];
    buf_puts(b, ",\"date\":");
    if (e->day >= 0) {
        sitrep_format_day(e->day, day);
        json_put_str(b, day);
    } else {
        buf_puts(b, "null");
    }
    buf_puts(b, ",\"date_precision\":");
    json_put_str(b, e->day >= 0 ? sitrep_prec_name(e->prec) : NULL);
    buf_puts(b, ",\"date_text\":");
    json_put_str(b, e->date_text);
    buf_puts(b, ",\"trigger\":");
    json_put_str(b, e->trigger);
    buf_puts(b, ",\"confidence\":");
    json_put_num(b, e->confidence, 2);
    buf_puts(b, ",\"evidence\":");
    if (e->base) {
        json_put_strn(b, e->base + e->ev_start, (size_t)(e->ev_end - e->ev_start));
    } else {
        const sr_sentence *se = &seg->sents[e->sent];
        json_put_strn(b, doc->text + se->start, (size_t)(se->end - se->start));
    }
    if (e->in_title) buf_puts(b, ",\"title\":true");
    if (e->features) {
        buf_printf(b, ",\"rule\":%s,\"score\":", e->rule ? "true" : "false");
        json_put_num(b, e->score, 4);
        buf_puts(b, ",\"features\":");
        json_put_str(b, e->features);
    }
    if (explain) {
        buf_puts(b, ",\"explain\":{\"pattern\":");
        json_put_str(b, e->pattern);
        buf_puts(b, ",\"source\":");
        json_put_str(b, e->source ? e->source->why : NULL);
        buf_puts(b, ",\"target\":");
        json_put_str(b, e->target ? e->target->why : NULL);
        buf_puts(b, ",\"modality\":");
        json_put_str(b, e->cues ? e->cues : "no cue: asserted");
        buf_putc(b, '}');
    }
    return buf_putc(b, '}');
}
