/* dynlib.h -- the libraries that only some commands need, loaded on first
 * use (issue 18: start-up).
 *
 * libpq (store_pg.c), libmicrohttpd (serve.c) and libxml2 (read_html.c)
 * bring 28 more shared objects with them (GnuTLS, OpenSSL, Kerberos,
 * LDAP, ICU, ...): mapping and relocating them took about 8 ms of every
 * start, a tenth of `sitrep code` on one document, which needs none of
 * them.  sitrep is not linked against them.  Each of those files keeps a
 * table of the symbols it uses, which dynlib_load fills with dlopen and
 * dlsym the first time one is needed, and names each function after its
 * table entry (DYNLIB_FN), so that its calls read as before.  The sonames
 * are those of the libraries the build found (the SITREP_SO_* macros the
 * Makefile passes).  A library is never unloaded.  Thread-safe.
 */
#ifndef SITREP_DYNLIB_H
#define SITREP_DYNLIB_H

#include <stddef.h>

/* Built outside the Makefile (fuzz/Makefile): the names of the libraries'
 * development links, there whenever their headers are. */
#ifndef SITREP_SO_PQ
#define SITREP_SO_PQ "libpq.so"
#endif
#ifndef SITREP_SO_MHD
#define SITREP_SO_MHD "libmicrohttpd.so"
#endif
#ifndef SITREP_SO_XML
#define SITREP_SO_XML "libxml2.so"
#endif

typedef struct {
    const char *soname;          /* "libpq.so.5" */
    const char *const *names;    /* the symbols, NULL-terminated */
    void **addrs;                /* their addresses, in the same order */
    int tried, failed;
    char err[256];               /* why loading failed */
} dynlib;

#define DYNLIB_INIT(soname, names, addrs) {(soname), (names), (addrs), 0, 0, ""}

/* The function f, entry i of the table addrs, with f's own type. */
#define DYNLIB_FN(addrs, i, f) ((__typeof__(&f))(addrs)[i])

/* The table of one library's symbols, from an X-macro listing them:
 *     #define S_PQ_SYMS(X) X(PQclear) X(PQconnectdb) ...
 *     DYNLIB_TABLE(S_pq, S_PQ_SYMS, SITREP_SO_PQ);
 *     #define PQclear DYNLIB_CALL(S_pq, PQclear)
 * declares the dynlib S_pq, its S_pq_names and S_pq_addrs, and an index
 * DYNLIB_I_f for each symbol f (one table per source file). */
#define DYNLIB_I_(f) DYNLIB_I_##f,
#define DYNLIB_NAME_(f) #f,
#define DYNLIB_TABLE(lib, syms, soname)                                    \
    enum { syms(DYNLIB_I_) DYNLIB_COUNT_##lib };                         \
    static const char *const lib##_names[] = {syms(DYNLIB_NAME_) NULL};  \
    static void *lib##_addrs[DYNLIB_COUNT_##lib];                        \
    static dynlib lib = DYNLIB_INIT(soname, lib##_names, lib##_addrs)
#define DYNLIB_CALL(lib, f) DYNLIB_FN(lib##_addrs, DYNLIB_I_##f, f)

/* Loads lib and all its symbols on the first call.  Returns 0, or -1
 * with a message in err ("cannot load libpq.so.5: ..."). */
int dynlib_load(dynlib *lib, char *err, size_t errlen);

#endif
