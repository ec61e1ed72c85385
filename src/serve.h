/* serve.h -- `sitrep serve`: a read-only HTTP JSON API over the store and
 * the analyst web UI (static files from web/), on GNU libmicrohttpd.
 *
 * In:  a store (store.h: an SQLite file or a PostgreSQL URL), opened
 *      read-only, and the UI files of the web directory, read once at
 *      start.
 * Out: GET /api/{meta,events,event/ID,timeline,network,places,docs} as
 *      JSON, and the allow-listed UI files.  Every answer carries a
 *      Content-Security-Policy (default-src 'self').  Bounded: GET/HEAD only,
 *      no request bodies, SERVE_MAX_LIMIT rows per page, a time limit per
 *      request's queries.  serve owns its daemon, its store handles (one
 *      per thread) and the files.
 */
#ifndef SITREP_SERVE_H
#define SITREP_SERVE_H

#include <stddef.h>

#include "arena.h"

#define SERVE_MAX_LIMIT 500        /* rows per page at most (limit is capped to it) */
#define SERVE_MAX_PARAMS 16        /* query parameters per request */
#define SERVE_MAX_VALUE 256        /* bytes of one parameter value */

/* Called once per request with a line such as "GET /api/events 200 1234 0.41ms"
 * (from the daemon's threads; the callback must be thread-safe). */
typedef void (*serve_log_fn)(void *ctx, const char *line);

typedef struct {
    const char *db;          /* the store: a path or a postgresql:// URL (required) */
    const char *webdir;      /* UI files; NULL: $SITREP_WEB, else web/ beside the
                                program or in ../share/sitrep/web */
    const char *host;        /* IPv4 address to listen on; NULL: 127.0.0.1 */
    int port;                /* 0: any free port (see serve_port); -1: no listening
                                (serve_handle only, for tests) */
    int threads;             /* worker threads (and store connections); 0: 4 */
    int query_ms;            /* time limit per request's queries; 0: 2000 */
    serve_log_fn log;        /* per-request log lines; NULL: none */
    void *log_ctx;
} serve_opts;

typedef struct serve serve;

/* Opens the database and the UI files and starts listening.  Returns 0 and
 * *out (stop with serve_stop), or a negative SITREP_E* code with a message
 * in err. */
int serve_start(const serve_opts *o, serve **out, char *err, size_t errlen);
/* The port listened on (useful after port 0), or -1. */
int serve_port(const serve *s);
/* Stops the daemon (waiting for requests in progress), closes and frees. */
void serve_stop(serve *s);

/* One request parameter (decoded). */
typedef struct {
    const char *name, *value;
} serve_param;

/* Answers one request without the network: method, path (no query string)
 * and its np decoded parameters.  Appends the body to out and sets *ctype
 * to its media type.  Returns the HTTP status (200, 400, 404, 405, 413,
 * 500, 503).  Thread-safe. */
int serve_handle(serve *s, const char *method, const char *path, const serve_param *params, int np,
                 buf *out, const char **ctype);

#endif
