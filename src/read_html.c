/* read_html.c -- stage 1 for web pages (contract §1).
 *
 * In:  the bytes of one page and the charset its HTTP header gives.
 * Out: html_page / sr_doc fields in the caller's arena.
 *
 * Bytes -> charset decoding (declared, else UTF-8, else Windows-1252 with a
 * flag) -> libxml2's HTML parser, read through its SAX interface into a
 * compact page tree (S_tree: elements with the few attributes read later,
 * text runs, JSON-LD bodies; no libxml2 DOM is built) -> metadata (JSON-LD,
 * Open Graph, <title>, <h1>, <time>, canonical) and main text: pass 1
 * scores containers by their paragraphs (the best and its like are the
 * article); pass 2 cuts blocks at block elements, dropping furniture (nav,
 * aside, figures, class/id/role saying menu, cookie, share, related,
 * comments, ad...); jusText then classes each block (link and stopword
 * density, length; punctuation instead of English stopwords on pages in
 * other languages) and smooths by context.  When that yields less than
 * HTML_MIN_TEXT bytes, fallbacks in steps: every prose block with relaxed
 * thresholds, JSON-LD articleBody, every paragraph of <article>/<main>.  The page tree has the shape
 * libxml2's own tree builder (SAX2.c) would give the same events, so the
 * extraction is the one a DOM walk would make.
 */
#include "read_html.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "dynlib.h"
#include "json.h"
#include "read_util.h"
#include "sitrep.h"

/* libxml2, loaded by S_tree_parse (dynlib.h): sitrep is not linked
 * against it.  Each name below is an entry of S_xml_addrs. */
#define S_XML_SYMS(X) \
    X(htmlCtxtUseOptions) X(htmlParseDocument) X(xmlCreateMemoryParserCtxt) \
    X(xmlFindCharEncodingHandler) X(xmlFreeDoc) X(xmlFreeParserCtxt) \
    X(xmlStopParser) X(xmlStrdup) X(xmlSwitchToEncoding) X(xmlFree)
DYNLIB_TABLE(S_xml, S_XML_SYMS, SITREP_SO_XML);
#define htmlCtxtUseOptions DYNLIB_CALL(S_xml, htmlCtxtUseOptions)
#define htmlParseDocument DYNLIB_CALL(S_xml, htmlParseDocument)
#define xmlCreateMemoryParserCtxt DYNLIB_CALL(S_xml, xmlCreateMemoryParserCtxt)
#define xmlFindCharEncodingHandler DYNLIB_CALL(S_xml, xmlFindCharEncodingHandler)
#define xmlFreeDoc DYNLIB_CALL(S_xml, xmlFreeDoc)
#define xmlFreeParserCtxt DYNLIB_CALL(S_xml, xmlFreeParserCtxt)
#define xmlStopParser DYNLIB_CALL(S_xml, xmlStopParser)
#define xmlStrdup DYNLIB_CALL(S_xml, xmlStrdup)
#define xmlSwitchToEncoding DYNLIB_CALL(S_xml, xmlSwitchToEncoding)
#define xmlFree (*(__typeof__(&xmlFree))S_xml_addrs[DYNLIB_I_xmlFree])

#define HTML_PRESCAN 4096      /* bytes searched for a <meta charset> */
#define HTML_MAX_DEPTH 400     /* deeper subtrees are ignored */
#define HTML_SAX2_DEPTH 256    /* libxml2's xmlParserMaxDepth: its tree builder
                                  stops the parse below this many elements */
#define HTML_LENGTH_LOW 70     /* jusText's length classes (characters) */
#define HTML_LENGTH_HIGH 200
#define HTML_STOP_LOW 0.30     /* jusText's stopword densities */
#define HTML_STOP_HIGH 0.32
#define HTML_STOP_FOREIGN 0.12 /* below it, the page is not in English */
#define HTML_MIN_TEXT 200      /* less main text than this: the fallbacks */
#define HTML_MAX_LINK 0.2      /* link density above which a block is bad */

/* ---- charsets ------------------------------------------------------------ */

static int S_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int S_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
static int S_utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs, 8 bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t k;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) { k = 1; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; min = 0x10000; }
        else return 0;
        if (i + k >= n) return 0;
        unsigned cp = c & (0x3F >> k);
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += k + 1;
    }
    return 1;
}

/* Copies the value of a charset label (up to ';', quote or space). */
static void S_copy_label(const char *s, size_t n, char *out, size_t outlen)
{
    size_t i = 0, o = 0;
    while (i < n && (S_space(s[i]) || s[i] == '"' || s[i] == '\'')) i++;
    while (i < n && o + 1 < outlen && !S_space(s[i]) && s[i] != ';' && s[i] != '"' &&
           s[i] != '\'' && s[i] != '>' && s[i] != ',')
        out[o++] = (char)S_lower((unsigned char)s[i++]);
    out[o] = 0;
}

/* Finds "charset=" in a Content-Type value and copies its label. */
static int S_charset_param(const char *s, size_t n, char *out, size_t outlen)
{
    for (size_t i = 0; i + 8 <= n; i++)
        if (strncasecmp(s + i, "charset", 7) == 0) {
            size_t j = i + 7;
            while (j < n && S_space(s[j])) j++;
            if (j < n && s[j] == '=') {
                S_copy_label(s + j + 1, n - j - 1, out, outlen);
                return out[0] != 0;
            }
        }
    return 0;
}

/* The WHATWG "prescan a byte stream to determine its encoding", reduced to
 * what pages use: the first <meta charset=X> or <meta http-equiv=
 * content-type content="...; charset=X"> in the first 4096 bytes, comments
 * skipped.  This reads attributes of one tag kind before any parsing,
 * because the parser needs the charset first. */
static int S_prescan(const char *s, size_t n, char *out, size_t outlen)
{
    size_t lim = n < HTML_PRESCAN ? n : HTML_PRESCAN, i = 0;
    while (i < lim) {
        if (s[i] != '<') { i++; continue; }
        if (i + 4 <= lim && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = NULL;
            for (size_t j = i + 4; j + 3 <= lim; j++)
                if (memcmp(s + j, "-->", 3) == 0) { e = s + j; break; }
            if (!e) return 0;
            i = (size_t)(e - s) + 3;
            continue;
        }
        if (!(i + 6 <= lim && strncasecmp(s + i + 1, "meta", 4) == 0 &&
              (S_space(s[i + 5]) || s[i + 5] == '/'))) {
            i++;
            continue;
        }
        i += 5;
        char cs[64] = "", ccs[64] = "";
        int ct = 0;
        while (i < lim && s[i] != '>') {
            while (i < lim && (S_space(s[i]) || s[i] == '/')) i++;
            size_t ns = i;
            while (i < lim && !S_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') i++;
            size_t nn = i - ns;
            while (i < lim && S_space(s[i])) i++;
            size_t vs = i, vn = 0;
            if (i < lim && s[i] == '=') {
                i++;
                while (i < lim && S_space(s[i])) i++;
                if (i < lim && (s[i] == '"' || s[i] == '\'')) {
                    char q = s[i++];
                    vs = i;
                    while (i < lim && s[i] != q) i++;
                    vn = i - vs;
                    if (i < lim) i++;
                } else {
                    vs = i;
                    while (i < lim && !S_space(s[i]) && s[i] != '>') i++;
                    vn = i - vs;
                }
            }
            if (nn == 0) { if (i < lim && s[i] != '>') i++; continue; }
            if (nn == 7 && strncasecmp(s + ns, "charset", 7) == 0)
                S_copy_label(s + vs, vn, cs, sizeof cs);
            else if (nn == 10 && strncasecmp(s + ns, "http-equiv", 10) == 0)
                ct = vn == 12 && strncasecmp(s + vs, "content-type", 12) == 0;
            else if (nn == 7 && strncasecmp(s + ns, "content", 7) == 0)
                S_charset_param(s + vs, vn, ccs, sizeof ccs);
        }
        if (cs[0] || (ct && ccs[0])) {
            snprintf(out, outlen, "%s", cs[0] ? cs : ccs);
            return 1;
        }
    }
    return 0;
}

/* The iconv name of a label: the WHATWG aliases that matter for news. */
static const char *S_iconv_name(const char *label)
{
    static const char *const utf8[] = {"utf-8", "utf8", "unicode-1-1-utf-8", NULL};
    static const char *const w1252[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
                                        "us-ascii", "ascii", "windows-1252", "cp1252",
                                        "x-cp1252", "iso_8859-1", "cp819", "ibm819", NULL};
    for (int i = 0; utf8[i]; i++)
        if (!strcmp(label, utf8[i])) return "UTF-8";
    for (int i = 0; w1252[i]; i++)
        if (!strcmp(label, w1252[i])) return "WINDOWS-1252";
    return label;
}

/* Converts n bytes from charset `from` to UTF-8 (malloc'd, NUL-terminated).
 * Unconvertible bytes become U+FFFD and are counted in *bad.  Returns NULL
 * when iconv does not know the charset (errno EINVAL) or memory ran out. */
static char *S_iconv(const char *from, const char *in, size_t n, size_t *outlen, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) { errno = EINVAL; return NULL; }
    size_t cap = n * 3 + 16;
    char *out = malloc(cap);
    if (!out) { iconv_close(cd); errno = ENOMEM; return NULL; }
    char *ip = (char *)in, *op = out;
    size_t il = n, ol = cap - 1;
    while (il > 0) {
        size_t r = iconv(cd, &ip, &il, &op, &ol);
        if (r != (size_t)-1) break;
        if (errno == E2BIG || ol < 4) {
            size_t used = (size_t)(op - out);
            cap = cap * 2 + 16;
            char *nb = realloc(out, cap);
            if (!nb) { free(out); iconv_close(cd); errno = ENOMEM; return NULL; }
            out = nb;
            op = out + used;
            ol = cap - used - 1;
            if (errno == E2BIG) continue;
        }
        /* EILSEQ or EINVAL: one byte becomes U+FFFD */
        memcpy(op, "\xEF\xBF\xBD", 3);
        op += 3;
        ol -= 3;
        ip++;
        il--;
        (*bad)++;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    *op = 0;
    *outlen = (size_t)(op - out);
    return out;
}

/* ---- the page tree ------------------------------------------------------- */

/* libxml2's HTML parser reports the page as SAX events; the handlers below
 * keep what the extractor reads, in flat arrays: elements (name, furniture
 * flag, class and the attributes of <meta>, <link>, <time>, <script>),
 * text runs, the bodies of JSON-LD scripts.  Other script and style bodies,
 * comments and attributes are dropped as they come.  Nodes sit where
 * libxml2's tree builder (SAX2.c) would put them: text joins a preceding
 * text sibling; a top-level element after the root becomes the root's last
 * child when the root is the document's first child (no DOCTYPE, comment or
 * PI before it), else the root's sibling; text outside every element is
 * dropped; the parse stops where the builder's depth limit would stop it. */

enum { T_DOC, T_ELEM, T_TEXT };
enum { M_NONE, M_META, M_LINK, M_TITLE, M_H1, M_TIME, M_SCRIPT };
enum { TAG_SKIP = 1, TAG_BLOCK = 2 };   /* S_tag() */
enum { R_NONE, R_A, R_BR, R_TIME, R_HEADING, R_P, R_DIVLIKE };  /* S_role() */

typedef struct {
    const char *name;        /* element: in libxml2's dictionary (or static) */
    int parent, first, last, next;  /* node indices, -1 for none */
    unsigned off;            /* text: its bytes in chars, NUL-terminated */
    int cls;                 /* element: its class value in chars, or -1 */
    int attrs, nattrs;       /* element: its kept attributes in attrs */
    unsigned char type, kind, bad, ld;  /* T_*, S_tag(), S_bad_attrs(), JSON-LD */
    unsigned char meta;      /* M_*: what S_meta_walk reads of the element */
    unsigned char role;      /* R_*: what the main-text walks look for */
    unsigned char mhid;      /* its subtree is out of S_meta_walk's reach:
                                it is, or is inside, a <title> or <script> */
    unsigned char hid;       /* its children are out of the walks' reach: a
                                TAG_SKIP element is between them and the
                                first <body> (or the root); their `bad` is
                                not worked out */
    unsigned char flags;     /* 1: chosen container, 2: its ancestor */
    double score;            /* container score (pass 1) */
} S_tn;

typedef struct {
    const char *name;        /* in libxml2's dictionary */
    unsigned off;            /* value in chars */
} S_ta;

typedef struct {
    vec nodes;               /* S_tn; 0 is the document */
    vec attrs;               /* S_ta */
    vec stack;               /* int: the open elements */
    vec metas;               /* int: the elements S_meta_walk reads */
    buf chars;
    int text;                /* the text node characters join, or -1 */
    int body;                /* the first <body>, or -1 */
    int root;                /* the first top-level element, or -1 */
    int root_first;          /* the root is the document's first child:
                                -1 not known yet, 0 no, 1 yes */
    int halted, oom;
    int ignore_class;        /* the walks ignore BAD_CLASS (S_furniture) */
    xmlParserCtxtPtr ctxt;
    struct {                 /* S_tag and S_meta_kind by name: the names are
                                libxml2's dictionary's, one pointer each */
        const char *name;
        unsigned char kind, meta, role;
    } kinds[128];
} S_tree;

static S_tn *S_nd(const S_tree *t, int i) { return &VEC_AT(&t->nodes, S_tn, (size_t)i); }

/* What S_bad_attrs finds: furniture by class or id names, or by role,
 * visibility or structure (S_cards). */
enum { BAD_CLASS = 1, BAD_STRUCT = 2 };

/* 1 when the walks leave element x out as furniture. */
static int S_furniture(const S_tree *t, const S_tn *x)
{
    return x->bad == BAD_STRUCT || (x->bad == BAD_CLASS && !t->ignore_class);
}

static int S_tag(const char *nm);

/* The attributes that can mark an element as furniture ("" when present
 * without a value, NULL when absent). */
typedef struct {
    const char *role, *hidden, *aria_hidden, *style, *cls, *id;
} S_furn;

static int S_bad_attrs(const S_furn *v, int container);

/* Appends s and a NUL to chars; returns its offset, or -1. */
static int S_chars(S_tree *t, const char *s, size_t n)
{
    size_t off = t->chars.len;
    if (off + n + 1 > INT32_MAX || buf_put(&t->chars, s, n) || buf_putc(&t->chars, 0)) {
        t->oom = 1;
        return -1;
    }
    return (int)off;
}

/* A new node, last child of parent (or of the document when parent < 0). */
static int S_add(S_tree *t, int parent, int type)
{
    S_tn *n = vec_push(&t->nodes);
    if (!n || t->nodes.len > INT32_MAX) { t->oom = 1; return -1; }
    int i = (int)t->nodes.len - 1;
    n->type = (unsigned char)type;
    n->first = n->last = n->next = -1;
    n->cls = n->attrs = -1;
    if (parent < 0) parent = 0;
    n->parent = parent;
    S_tn *p = S_nd(t, parent);
    if (p->last >= 0) S_nd(t, p->last)->next = i;
    else p->first = i;
    p->last = i;
    return i;
}

static int S_open(const S_tree *t)
{
    return t->stack.len ? VEC_AT(&t->stack, int, t->stack.len - 1) : -1;
}

/* The M_* kind of an element name. */
static int S_meta_kind(const char *nm)
{
    switch (nm[0]) {
    case 'm': return !strcmp(nm, "meta") ? M_META : M_NONE;
    case 'l': return !strcmp(nm, "link") ? M_LINK : M_NONE;
    case 't': return !strcmp(nm, "title") ? M_TITLE : !strcmp(nm, "time") ? M_TIME : M_NONE;
    case 'h': return !strcmp(nm, "h1") ? M_H1 : M_NONE;
    case 's': return !strcmp(nm, "script") ? M_SCRIPT : M_NONE;
    default: return M_NONE;
    }
}

/* 1 when attribute att of an element of kind mk is kept for the metadata. */
static int S_keep(int mk, const char *att)
{
    switch (mk) {
    case M_META: return !strcmp(att, "property") || !strcmp(att, "name") || !strcmp(att, "itemprop") ||
                        !strcmp(att, "content");
    case M_LINK: return !strcmp(att, "rel") || !strcmp(att, "href");
    case M_TIME: return !strcmp(att, "datetime") || !strcmp(att, "itemprop") || !strcmp(att, "pubdate");
    case M_SCRIPT: return !strcmp(att, "type");
    default: return 0;
    }
}

/* The name the tree builder gives an element: xmlSplitQName's local part
 * ("g:title" is a title). */
static const char *S_local_name(const char *nm)
{
    const char *colon = nm[0] == ':' ? NULL : strchr(nm, ':');
    return colon && colon[1] ? colon + 1 : nm;
}

/* The R_* role of an element name. */
static int S_role(const char *nm)
{
    if (!strcmp(nm, "a")) return R_A;
    if (!strcmp(nm, "br")) return R_BR;
    if (!strcmp(nm, "time")) return R_TIME;
    if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) return R_HEADING;
    if (!strcmp(nm, "p") || !strcmp(nm, "pre")) return R_P;
    if (!strcmp(nm, "div") || !strcmp(nm, "td") || !strcmp(nm, "li") || !strcmp(nm, "section") ||
        !strcmp(nm, "article") || !strcmp(nm, "blockquote"))
        return R_DIVLIKE;
    return R_NONE;
}

static void S_kinds(S_tree *t, const char *nm, int *kind, int *mk, int *role)
{
    size_t h = ((uintptr_t)nm >> 3) % (sizeof t->kinds / sizeof *t->kinds);
    if (t->kinds[h].name != nm) {
        t->kinds[h].name = nm;
        t->kinds[h].kind = (unsigned char)S_tag(nm);
        t->kinds[h].meta = (unsigned char)S_meta_kind(nm);
        t->kinds[h].role = (unsigned char)S_role(nm);
    }
    *kind = t->kinds[h].kind;
    *mk = t->kinds[h].meta;
    *role = t->kinds[h].role;
}

static void S_sax_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    S_tree *t = ((xmlParserCtxtPtr)ctx)->_private;
    if (t->halted || t->oom) return;
    if (t->stack.len > HTML_SAX2_DEPTH) {
        /* nodePush refuses the element and halts the parser */
        t->halted = 1;
        xmlStopParser(t->ctxt);
        return;
    }
    const char *nm = S_local_name((const char *)xname);
    int parent = S_open(t);
    if (parent < 0) {
        if (t->root < 0) {
            if (t->root_first < 0) t->root_first = 1;
        } else if (t->root_first == 1) {
            parent = t->root;
        }
    }
    int i = S_add(t, parent, T_ELEM);
    if (i < 0) return;
    if (t->root < 0) t->root = i;
    int *slot = vec_push(&t->stack);
    if (!slot) { t->oom = 1; return; }
    *slot = i;
    t->text = -1;
    /* the walks start at the first body and never enter a TAG_SKIP
     * subtree: no need to judge elements they cannot reach */
    int hid = S_nd(t, S_nd(t, i)->parent)->hid, kind, mk, role;
    S_kinds(t, nm, &kind, &mk, &role);
    int cls = -1, first = -1, nattrs = 0, ld = 0;
    S_furn fv = {NULL, NULL, NULL, NULL, NULL, NULL};
    if (t->body < 0 && !strcmp(nm, "body")) {
        t->body = i;
        hid = 0;
    } else {
        hid = hid || kind == TAG_SKIP;
    }
    /* libxml2 gives attribute names in lower case, once each */
    for (size_t k = 0; atts && atts[k]; k += 2) {
        const char *an = (const char *)atts[k], *av = atts[k + 1] ? (const char *)atts[k + 1] : "";
        switch (an[0]) {
        case 'r': if (!strcmp(an, "role")) fv.role = av; break;
        case 'h': if (!strcmp(an, "hidden")) fv.hidden = av; break;
        case 'a': if (!strcmp(an, "aria-hidden")) fv.aria_hidden = av; break;
        case 's': if (!strcmp(an, "style")) fv.style = av; break;
        case 'i': if (!strcmp(an, "id")) fv.id = av; break;
        default: break;
        }
        if (!strcmp(an, "class")) {
            fv.cls = av;
            if ((cls = S_chars(t, av, strlen(av))) < 0) return;
        } else if (mk && S_keep(mk, an)) {
            S_ta *at = vec_push(&t->attrs);
            int off = S_chars(t, av, strlen(av));
            if (!at || off < 0) { t->oom = 1; return; }
            at->name = an;
            at->off = (unsigned)off;
            if (first < 0) first = (int)t->attrs.len - 1;
            nattrs++;
            if (mk == M_SCRIPT && !strcmp(an, "type") && !strcasecmp(av, "application/ld+json")) ld = 1;
        }
    }
    S_tn *n = S_nd(t, i);
    n->name = nm;
    n->kind = (unsigned char)kind;
    /* the page's and the article's own elements are never furniture by
     * their class names ("single-post sidebar-left" on a body) */
    if (!strcmp(nm, "body") || !strcmp(nm, "html") || !strcmp(nm, "article") || !strcmp(nm, "main"))
        fv.cls = fv.id = NULL;
    n->bad = (unsigned char)(S_nd(t, n->parent)->hid ? 0 : S_bad_attrs(&fv, role != R_P && role != R_HEADING));
    n->ld = (unsigned char)ld;
    n->meta = (unsigned char)mk;
    n->role = (unsigned char)role;
    n->hid = (unsigned char)hid;
    int mhid = S_nd(t, n->parent)->mhid;
    if (mk && !mhid) {
        int *slot = vec_push(&t->metas);
        if (!slot) { t->oom = 1; return; }
        *slot = i;
    }
    S_nd(t, i)->mhid = (unsigned char)(mhid || mk == M_TITLE || mk == M_SCRIPT);
    n->cls = cls;
    n->attrs = first;
    n->nattrs = nattrs;
}

static void S_sax_end(void *ctx, const xmlChar *name)
{
    (void)name;
    S_tree *t = ((xmlParserCtxtPtr)ctx)->_private;
    if (t->halted || t->oom) return;
    if (t->stack.len) t->stack.len--;
    t->text = -1;
}

static void S_sax_text(S_tree *t, const char *s, size_t n)
{
    int at = S_open(t);
    if (at < 0 || !n) return;   /* no element to hold it: dropped */
    if (t->text >= 0 && S_nd(t, at)->last == t->text) {
        t->chars.len--;         /* joins the run before it */
        if (buf_put(&t->chars, s, n) || buf_putc(&t->chars, 0)) t->oom = 1;
        return;
    }
    int i = S_add(t, at, T_TEXT);
    int off = S_chars(t, s, n);
    if (i < 0 || off < 0) return;
    S_nd(t, i)->off = (unsigned)off;
    t->text = i;
}

static void S_sax_chars(void *ctx, const xmlChar *s, int n)
{
    S_tree *t = ((xmlParserCtxtPtr)ctx)->_private;
    if (t->halted || t->oom || n <= 0) return;
    S_sax_text(t, (const char *)s, (size_t)n);
}

/* Script and style bodies: only JSON-LD is read. */
static void S_sax_cdata(void *ctx, const xmlChar *s, int n)
{
    S_tree *t = ((xmlParserCtxtPtr)ctx)->_private;
    if (t->halted || t->oom || n <= 0) return;
    int at = S_open(t);
    if (at >= 0 && S_nd(t, at)->ld) S_sax_text(t, (const char *)s, (size_t)n);
}

/* Comments and PIs: a node the builder keeps, which ends a text run and,
 * before the root, comes first in the document. */
static void S_sax_other(S_tree *t)
{
    if (t->halted || t->oom) return;
    t->text = -1;
    if (!t->stack.len && t->root_first < 0) t->root_first = 0;
}

static void S_sax_comment(void *ctx, const xmlChar *v)
{
    (void)v;
    S_sax_other(((xmlParserCtxtPtr)ctx)->_private);
}

static void S_sax_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    (void)target; (void)data;
    S_sax_other(((xmlParserCtxtPtr)ctx)->_private);
}

/* A DOCTYPE: its node becomes the document's first child. */
static void S_sax_dtd(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name; (void)ext; (void)sys;
    S_tree *t = ((xmlParserCtxtPtr)ctx)->_private;
    if (t->halted || t->oom) return;
    t->root_first = 0;
}

static void S_tree_free(S_tree *t)
{
    vec_free(&t->nodes);
    vec_free(&t->attrs);
    vec_free(&t->stack);
    vec_free(&t->metas);
    buf_free(&t->chars);
    if (t->ctxt) xmlFreeParserCtxt(t->ctxt);
    t->ctxt = NULL;
}

/* Parses s[0..n) (valid UTF-8) into t.  The parser context (and with it the
 * element names) lives until S_tree_free.  Returns 0, SITREP_ENOMEM, or
 * SITREP_EPARSE for an empty page. */
static int S_tree_parse(S_tree *t, const char *s, size_t n)
{
    memset(t, 0, sizeof *t);
    vec_init(&t->nodes, sizeof(S_tn));
    vec_init(&t->attrs, sizeof(S_ta));
    vec_init(&t->stack, sizeof(int));
    vec_init(&t->metas, sizeof(int));
    buf_init(&t->chars);
    t->text = t->root = t->root_first = t->body = -1;
    /* room for a typical page (an element per 60 bytes, a third of it
     * text), so the arrays rarely grow */
    size_t nn = n / 60 + 64, nc = n / 3 + 256;
    if ((t->nodes.data = malloc(nn * sizeof(S_tn)))) t->nodes.cap = nn;
    if ((t->chars.s = malloc(nc))) {
        t->chars.s[0] = 0;
        t->chars.cap = nc;
    }
    S_tn *doc = vec_push(&t->nodes);
    if (!doc) return SITREP_ENOMEM;
    doc->type = T_DOC;
    doc->parent = doc->first = doc->last = doc->next = doc->cls = doc->attrs = -1;
    if (n == 0) return SITREP_EPARSE;
    if (n > INT32_MAX) return SITREP_EPARSE;
    if (dynlib_load(&S_xml, NULL, 0)) return SITREP_EIO;
    /* as htmlReadMemory sets up its parser, with our handlers */
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(s, (int)n);
    if (!ctxt) return SITREP_ENOMEM;
    t->ctxt = ctxt;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.internalSubset = S_sax_dtd;
    sax.startElement = S_sax_start;
    sax.endElement = S_sax_end;
    sax.characters = S_sax_chars;
    sax.cdataBlock = S_sax_cdata;
    sax.comment = S_sax_comment;
    sax.processingInstruction = S_sax_pi;
    sax.initialized = 1;
    memcpy(ctxt->sax, &sax, sizeof sax);
    ctxt->_private = t;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    ctxt->html = 1;
    /* htmlReadMemory(..., "UTF-8", ...) installs a UTF-8 to UTF-8 converter,
     * a copy of every byte.  The input is valid UTF-8 already, which the
     * parser reads as it is; the converter only matters when the first
     * bytes look like UTF-16 or UCS-4 to xmlDetectCharEncoding, that is
     * when a NUL is among them. */
    xmlCharEncodingHandlerPtr utf8 = n >= 4 && !memchr(s, 0, 4) ? NULL : xmlFindCharEncodingHandler("UTF-8");
    if (utf8) {
        xmlSwitchToEncoding(ctxt, utf8);
        if (ctxt->input->encoding) xmlFree((xmlChar *)ctxt->input->encoding);
        ctxt->input->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    }
    htmlParseDocument(ctxt);
    if (ctxt->myDoc) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
    return t->oom ? SITREP_ENOMEM : 0;
}

/* ---- small helpers ------------------------------------------------------- */

static const char *S_name(const S_tree *t, int n) { return S_nd(t, n)->name; }

static int S_is(const S_tree *t, int n, const char *name)
{
    const S_tn *x = S_nd(t, n);
    return x->type == T_ELEM && !strcmp(x->name, name);
}

/* Attribute value (in the tree; "" when it has none) or NULL.  Only class
 * and the attributes S_keep names are there. */
static const char *S_attr(const S_tree *t, int n, const char *name)
{
    const S_tn *x = S_nd(t, n);
    if (!strcmp(name, "class")) return x->cls >= 0 ? t->chars.s + x->cls : NULL;
    for (int i = 0; i < x->nattrs; i++) {
        const S_ta *at = &VEC_AT(&t->attrs, S_ta, (size_t)(x->attrs + i));
        if (!strcasecmp(at->name, name)) return t->chars.s + at->off;
    }
    return NULL;
}

static const char *S_content(const S_tree *t, int n) { return t->chars.s + S_nd(t, n)->off; }

/* Appends the text of n's subtree with white space (and U+00A0)
 * collapsed. */
static void S_text_of(const S_tree *t, int n, buf *b, int depth)
{
    if (depth > HTML_MAX_DEPTH) return;
    for (int c = S_nd(t, n)->first; c >= 0; c = S_nd(t, c)->next) {
        if (S_nd(t, c)->type == T_TEXT) {
            for (const char *p = S_content(t, c); *p; p++) {
                int nbsp = (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0;
                if (S_space((unsigned char)*p) || nbsp) {
                    if (b->len && b->s[b->len - 1] != ' ') buf_putc(b, ' ');
                    p += nbsp;
                } else {
                    buf_putc(b, *p);
                }
            }
        } else if (S_nd(t, c)->type == T_ELEM && !S_is(t, c, "script") && !S_is(t, c, "style")) {
            S_text_of(t, c, b, depth + 1);
        }
    }
}

/* The trimmed text of n's subtree in a, or NULL when empty. */
static const char *S_text_dup(arena *a, const S_tree *t, int n)
{
    buf b;
    buf_init(&b);
    S_text_of(t, n, &b, 0);
    size_t s = 0, e = b.len;
    while (s < e && b.s[s] == ' ') s++;
    while (e > s && b.s[e - 1] == ' ') e--;
    const char *r = e > s ? arena_strndup(a, b.s + s, e - s) : NULL;
    buf_free(&b);
    return r;
}

static const char *S_trim_dup(arena *a, const char *s)
{
    if (!s) return NULL;
    while (S_space((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && S_space((unsigned char)s[n - 1])) n--;
    return n ? arena_strndup(a, s, n) : NULL;
}

/* Writes "YYYY-MM-DD" (y in 0..9999, m and d in 0..99). */
static void S_ymd(char out[11], int y, int m, int d)
{
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = out[7] = '-';
    out[5] = (char)('0' + m / 10 % 10);
    out[6] = (char)('0' + m % 10);
    out[8] = (char)('0' + d / 10 % 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
}

/* The month (1-12) an English month name or its abbreviation starting at
 * s[0..n) names ("Nov", "Nov.", "November"), or 0. */
static int S_month(const char *s, size_t n)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"};
    if (n < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t k = strlen(names[m]);
        if (n > k) continue;
        if (!strncasecmp(s, names[m], n) && (n == k || n == 3 || (m == 8 && n == 4))) return m + 1;
    }
    return 0;
}

/* A date written in words, as pages print it in meta tags and JSON-LD:
 * "19 Nov 2019 07:09 GMT", "Tue Nov 19 2019 05:44:06 GMT+0000", "01:38:07
 * PM IST Nov 20, 2019", "Nov. 18, 2019, 4:06 p.m.", "Fri 6:45 PM, Feb 16,
 * 2018": the one month name, the day beside it, a four-digit year; numbers
 * that are parts of a time (next to ':') are not days. */
static int S_date_words(const char *s, char out[11])
{
    int month = 0, day = 0, year = 0, day_before = 0, day_after = 0, after_month = 0;
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            const char *b = p;
            while (((unsigned char)*p | 32) >= 'a' && ((unsigned char)*p | 32) <= 'z') p++;
            int m = S_month(b, (size_t)(p - b));
            if (m) {
                if (month) return SITREP_EPARSE;
                month = m;
                after_month = 1;
            }
            continue;
        }
        if (c >= '0' && c <= '9') {
            const char *b = p;
            long v = 0;
            while (*p >= '0' && *p <= '9' && p - b < 6) v = v * 10 + (*p++ - '0');
            size_t n = (size_t)(p - b);
            int timepart = *p == ':' || (b > s && b[-1] == ':');
            if (n == 4 && !timepart && v >= 1900 && v <= 2100) {
                if (!year) year = (int)v;
            } else if (n <= 2 && !timepart && v >= 1 && v <= 31) {
                if (!month && !day_before) day_before = (int)v;
                else if (month && after_month && !day_after) day_after = (int)v;
            }
            after_month = 0;
            continue;
        }
        p++;
    }
    day = day_after ? day_after : day_before;
    if (!month || !day || !year) return SITREP_EPARSE;
    S_ymd(out, year, month, day);
    long dn;
    return sitrep_parse_ymd(out, &dn) ? SITREP_EPARSE : 0;
}

int read_html_date(const char *s, char out[11])
{
    if (!s) return SITREP_EPARSE;
    while (S_space((unsigned char)*s)) s++;
    int d[8], k = 0;
    const char *p = s;
    if (!(*p >= '0' && *p <= '9' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' &&
          p[3] >= '0' && p[3] <= '9'))
        return S_date_words(s, out);
    /* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD or YYYYMMDD */
    for (int i = 0; i < 4; i++, p++) {
        if (*p < '0' || *p > '9') return SITREP_EPARSE;
        d[k++] = *p - '0';
    }
    char sep = (*p == '-' || *p == '/' || *p == '.') ? *p : 0;
    for (int part = 0; part < 2; part++) {
        if (sep) {
            if (*p != sep) return SITREP_EPARSE;
            p++;
        }
        for (int i = 0; i < 2; i++, p++) {
            if (*p < '0' || *p > '9') return SITREP_EPARSE;
            d[k++] = *p - '0';
        }
    }
    if (*p >= '0' && *p <= '9') return SITREP_EPARSE;
    snprintf(out, 11, "%d%d%d%d-%d%d-%d%d", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
    long day;
    return sitrep_parse_ymd(out, &day) ? SITREP_EPARSE : 0;
}

/* ---- metadata ------------------------------------------------------------ */

typedef struct {
    const char *og_title, *og_site, *og_url, *canonical, *title_tag, *h1;
    const char *ld_headline, *ld_date, *ld_url, *ld_publisher, *ld_body;
    const char *meta_published, *meta_date, *time_dt, *time_pub;
    const char *meta_any_date;  /* another meta key naming a publication date */
    int ld_typed;    /* the JSON-LD values come from an Article-like object */
} S_meta;

static int S_ld_is_article(const json *o)
{
    const json *t = json_get(o, "@type");
    if (!t) return 0;
    if (t->type == JSON_STRING) return strstr(t->str, "Article") || strstr(t->str, "BlogPosting") ||
                                       strstr(t->str, "Report");
    if (t->type == JSON_ARRAY)
        for (size_t i = 0; i < t->len; i++)
            if (t->items[i]->type == JSON_STRING &&
                (strstr(t->items[i]->str, "Article") || strstr(t->items[i]->str, "BlogPosting")))
                return 1;
    return 0;
}

static void S_ld_walk(arena *a, const json *j, S_meta *m, int depth)
{
    if (!j || depth > 12) return;
    if (j->type == JSON_ARRAY) {
        for (size_t i = 0; i < j->len; i++) S_ld_walk(a, j->items[i], m, depth + 1);
        return;
    }
    if (j->type != JSON_OBJECT) return;
    int art = S_ld_is_article(j);
    if (art && !m->ld_typed) {
        m->ld_typed = 1;
        m->ld_date = m->ld_headline = m->ld_url = m->ld_publisher = m->ld_body = NULL;
    }
    if (art || !m->ld_typed) {
        const char *d = json_get_str(j, "datePublished");
        if (!d) d = json_get_str(j, "dateCreated");
        if (d && !m->ld_date) m->ld_date = arena_strdup(a, d);
        const char *h = json_get_str(j, "headline");
        if (h && !m->ld_headline) m->ld_headline = S_trim_dup(a, h);
        const char *u = json_get_str(j, "url");
        if (!u) {
            const json *me = json_get(j, "mainEntityOfPage");
            if (me && me->type == JSON_OBJECT) u = json_get_str(me, "@id");
            else if (me && me->type == JSON_STRING) u = me->str;
        }
        if (u && art && !m->ld_url) m->ld_url = arena_strdup(a, u);
        const json *pub = json_get(j, "publisher");
        if (pub && pub->type == JSON_OBJECT && !m->ld_publisher) {
            const char *pn = json_get_str(pub, "name");
            if (pn) m->ld_publisher = S_trim_dup(a, pn);
        }
        const char *body = json_get_str(j, "articleBody");
        if (body && !m->ld_body) m->ld_body = body;
    }
    const json *g = json_get(j, "@graph");
    if (g) S_ld_walk(a, g, m, depth + 1);
}

/* 1 when a meta key other than the known ones names a publication date
 * ("sn-post-date", "publish-date", "article.published"): it says date or
 * publish, and not modified, updated or expires. */
static int S_date_key(const char *key)
{
    static const char *const no[] = {"modif", "updat", "expir", "revis", "edit", NULL};
    char low[64];
    size_t n = 0;
    for (; key[n] && n + 1 < sizeof low; n++) low[n] = (char)S_lower((unsigned char)key[n]);
    low[n] = 0;
    if (!strstr(low, "date") && !strstr(low, "publish")) return 0;
    for (int i = 0; no[i]; i++)
        if (strstr(low, no[i])) return 0;
    return 1;
}

/* JSON-LD as pages write it is often not quite JSON: a comma before a
 * closing bracket, raw line breaks inside strings.  Returns a copy in a
 * with those repaired, or NULL. */
static char *S_ld_repair(arena *a, const char *src, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    if (!out) return NULL;
    size_t o = 0;
    int str = 0;
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        if (str) {
            if (c == '\\' && i + 1 < n) {
                out[o++] = c;
                out[o++] = src[++i];
                continue;
            }
            if (c == '"') str = 0;
            out[o++] = (unsigned char)c < 0x20 ? ' ' : c;
            continue;
        }
        if (c == '"') str = 1;
        if (c == ',') {
            size_t j = i + 1;
            while (j < n && S_space((unsigned char)src[j])) j++;
            if (j < n && (src[j] == ']' || src[j] == '}')) continue;
        }
        out[o++] = c;
    }
    out[o] = 0;
    return out;
}

/* Reads the metadata of the page's elements in document order, all but
 * those inside a <title> or <script> (t->metas lists them). */
static void S_meta_walk(arena *a, const S_tree *t, S_meta *m)
{
    for (size_t i = 0; i < t->metas.len; i++) {
        int c = VEC_AT(&t->metas, int, i);
        int mk = S_nd(t, c)->meta;
        if (mk == M_META) {
            const char *key = S_attr(t, c, "property");
            if (!key) key = S_attr(t, c, "name");
            if (!key) key = S_attr(t, c, "itemprop");
            const char *val = S_attr(t, c, "content");
            char dd[11];
            if (key && val && *val) {
                if (!strcasecmp(key, "og:title") && !m->og_title) m->og_title = S_trim_dup(a, val);
                else if (!strcasecmp(key, "og:site_name") && !m->og_site) m->og_site = S_trim_dup(a, val);
                else if (!strcasecmp(key, "og:url") && !m->og_url) m->og_url = S_trim_dup(a, val);
                else if ((!strcasecmp(key, "article:published_time") ||
                          !strcasecmp(key, "datePublished")) && !m->meta_published)
                    m->meta_published = val;
                else if ((!strcasecmp(key, "date") || !strcasecmp(key, "pubdate") ||
                          !strcasecmp(key, "publishdate") || !strcasecmp(key, "dc.date") ||
                          !strcasecmp(key, "dc.date.issued") || !strcasecmp(key, "dcterms.date") ||
                          !strcasecmp(key, "sailthru.date") || !strcasecmp(key, "parsely-pub-date")) &&
                         !m->meta_date)
                    m->meta_date = val;
                else if (!m->meta_any_date && S_date_key(key) && read_html_date(val, dd) == 0)
                    m->meta_any_date = val;
            }
        } else if (mk == M_LINK) {
            const char *rel = S_attr(t, c, "rel"), *href = S_attr(t, c, "href");
            if (rel && href && !strcasecmp(rel, "canonical") && !m->canonical)
                m->canonical = S_trim_dup(a, href);
        } else if (mk == M_TITLE) {
            if (!m->title_tag) m->title_tag = S_text_dup(a, t, c);
        } else if (mk == M_H1) {
            if (!m->h1) m->h1 = S_text_dup(a, t, c);
        } else if (mk == M_TIME) {
            const char *dt = S_attr(t, c, "datetime");
            if (dt) {
                const char *ip = S_attr(t, c, "itemprop");
                if (!m->time_dt) m->time_dt = dt;
                if (!m->time_pub && ((ip && !strcasecmp(ip, "datePublished")) || S_attr(t, c, "pubdate")))
                    m->time_pub = dt;
            }
        } else if (mk == M_SCRIPT) {
            const char *ty = S_attr(t, c, "type");
            int body = S_nd(t, c)->first;
            if (ty && !strcasecmp(ty, "application/ld+json") && body >= 0 && S_nd(t, body)->type == T_TEXT) {
                const char *src = S_content(t, body);
                size_t errpos;
                const char *errmsg;
                json *j = json_parse(a, src, strlen(src), &errpos, &errmsg);
                if (!j) {
                    const char *fixed = S_ld_repair(a, src, strlen(src));
                    if (fixed) j = json_parse(a, fixed, strlen(fixed), &errpos, &errmsg);
                }
                if (j) S_ld_walk(a, j, m, 0);
            }
        }
    }
}

/* The host of an absolute URL, without "www.", or NULL. */
static const char *S_host(arena *a, const char *url)
{
    if (!url) return NULL;
    const char *p = strstr(url, "://");
    if (!p) return NULL;
    p += 3;
    if (!strncasecmp(p, "www.", 4)) p += 4;
    size_t n = strcspn(p, "/:?#");
    return n ? arena_strndup(a, p, n) : NULL;
}

static int S_same_word(const char *a, size_t n, const char *b)
{
    if (!b) return 0;
    size_t m = strlen(b);
    return n == m && !strncasecmp(a, b, n);
}

/* 1 when the letters of name ("The Daily Courier") spell a part of host
 * ("dailycourier.com"), ignoring a leading "the". */
static int S_in_host(const char *host, const char *name)
{
    if (!host) return 0;
    char sq[128];
    size_t k = 0;
    if (!strncasecmp(name, "the ", 4)) name += 4;
    for (const char *p = name; *p && k + 1 < sizeof sq; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            sq[k++] = (char)S_lower((unsigned char)*p);
    sq[k] = 0;
    if (k < 3) return 0;
    for (const char *h = host; *h; h++)
        if (!strncasecmp(h, sq, k)) return 1;
    return 0;
}

/* A title without the site's name: "Headline | Site", "Site - Headline". */
static const char *S_strip_site(arena *a, const char *t, const char *site, const char *host)
{
    if (!t) return NULL;
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ",
                                       " \xC2\xB7 ", " \xC2\xBB ", NULL};
    for (int i = 0; seps[i]; i++) {
        const char *last = NULL, *first = strstr(t, seps[i]);
        for (const char *p = first; p; p = strstr(p + 1, seps[i])) last = p;
        if (!last) continue;
        size_t sl = strlen(seps[i]);
        const char *tail = last + sl;
        size_t tn = strlen(tail);
        int words = 1;
        for (const char *p = tail; *p; p++) words += *p == ' ';
        if (S_same_word(tail, tn, site) || S_in_host(host, tail) || words <= 3)
            return arena_strndup(a, t, (size_t)(last - t));
        size_t hn = (size_t)(first - t);
        if (S_same_word(t, hn, site)) return arena_strdup(a, first + sl);
    }
    return t;
}

/* ---- main text ----------------------------------------------------------- */

typedef enum { B_BAD, B_SHORT, B_NEARGOOD, B_GOOD } S_class;

typedef struct {
    size_t off, len;          /* in the walker's text buffer */
    size_t link_chars;
    int words, stops, heading, outside, timeonly;
    int item;                 /* a list item's text */
    S_class cls;
} S_block;

typedef struct {
    const S_tree *t;          /* scores and flags are kept in its nodes */
    long scored;              /* paragraphs scored into a container */
    buf text;                 /* every block's text, back to back */
    vec blocks;               /* S_block */
    size_t cur;               /* start of the open block in text */
    size_t link_chars;
    int in_link, heading, chosen_depth, have_chosen, timeonly, any_untimed;
    int item;                 /* the open block is a list item's */
    int oom;
} S_walk;

static S_tn *S_node_of(S_walk *w, int n) { return S_nd(w->t, n); }

/* The kind of an element: TAG_SKIP (its whole subtree is furniture or not
 * text), TAG_BLOCK (it starts and ends a block), or 0 (inline).  The lists
 * are grouped by first letter, as this runs for every element. */
static int S_tag(const char *nm)
{
    static const char *const skip[26] = {
        ['a' - 'a'] = " aside audio ", ['b' - 'a'] = " button base ",
        ['c' - 'a'] = " canvas ", ['d' - 'a'] = " dialog ", ['e' - 'a'] = " embed ",
        ['f' - 'a'] = " footer figure figcaption ", ['h' - 'a'] = " header head ",
        ['i' - 'a'] = " iframe input img ", ['l' - 'a'] = " label link ",
        ['m' - 'a'] = " math map menu meta ", ['n' - 'a'] = " nav noscript ",
        ['o' - 'a'] = " option object ", ['p' - 'a'] = " picture ",
        ['s' - 'a'] = " script style svg select ", ['t' - 'a'] = " template textarea title ",
        ['v' - 'a'] = " video "};
    static const char *const block[26] = {
        ['a' - 'a'] = " article address ", ['b' - 'a'] = " blockquote br body ",
        ['c' - 'a'] = " caption center ", ['d' - 'a'] = " div dl dt dd details ",
        ['f' - 'a'] = " fieldset form ", ['h' - 'a'] = " h1 h2 h3 h4 h5 h6 hr html hgroup ",
        ['l' - 'a'] = " li legend ", ['m' - 'a'] = " main ", ['o' - 'a'] = " ol ",
        ['p' - 'a'] = " p pre ", ['s' - 'a'] = " section summary ",
        ['t' - 'a'] = " table tr td th tbody thead tfoot ", ['u' - 'a'] = " ul "};
    unsigned c = (unsigned char)nm[0];
    if (c < 'a' || c > 'z') return 0;
    size_t n = strlen(nm);
    if (n > 10) return 0;
    if (!strncmp(nm, "amp-", 4)) return TAG_SKIP;
    char key[16];
    key[0] = ' ';
    memcpy(key + 1, nm, n);
    key[n + 1] = ' ';
    key[n + 2] = 0;
    if (skip[c - 'a'] && strstr(skip[c - 'a'], key)) return TAG_SKIP;
    if (block[c - 'a'] && strstr(block[c - 'a'], key)) return TAG_BLOCK;
    return 0;
}

/* Words of class and id values that mark page furniture. */
static int S_bad_token(const char *t, size_t n)
{
    static const char *const words[] = {   /* sorted: binary search */
        "ad", "ads", "advert", "advertisement", "adverts", "author", "banner", "bio",
        "breadcrumb", "breadcrumbs", "byline", "caption", "comment", "comments", "consent",
        "cookie", "cookies", "credit", "credits", "disqus", "embed", "footer", "gdpr",
        "header", "instagram", "masthead", "menu", "modal", "more", "mostread", "nav",
        "navbar", "navigation", "newsletter", "outbrain", "overlay", "paywall", "popular",
        "popup", "promo", "pullquote", "recirc", "recommended", "related", "replies", "share",
        "sharing", "sidebar", "signup", "social", "sponsor", "sponsored", "subscribe",
        "subscription", "taboola", "tags", "timestamp", "toolbar", "topics", "trending",
        "tweet", "twitter", "widget"
    };
    char low[16];
    if (n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)S_lower((unsigned char)t[i]);
    low[n] = 0;
    int lo = 0, hi = (int)(sizeof words / sizeof *words) - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = (unsigned char)low[0] - (unsigned char)words[mid][0];
        if (!c) c = strcmp(low, words[mid]);
        if (!c) return 1;
        if (c < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return 0;
}

/* Words of class and id values that mark the article itself. */
static int S_good_token(const char *t, size_t n)
{
    static const char *const words[] = {"article", "articlebody", "body", "content", "entry",
                                        "main", "story", "storybody", NULL};
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !strncasecmp(t, words[i], n)) return 1;
    return 0;
}

/* 1 when class, id, role or visibility in an element's attributes mark it
 * as furniture.  A container (not a paragraph or heading) whose names
 * also say article or content is not furniture by its other names. */
static int S_bad_attrs(const S_furn *v, int container)
{
    const char *role = v->role;
    if (role && (!strcasecmp(role, "navigation") || !strcasecmp(role, "banner") ||
                 !strcasecmp(role, "contentinfo") || !strcasecmp(role, "complementary") ||
                 !strcasecmp(role, "dialog") || !strcasecmp(role, "alertdialog") ||
                 !strcasecmp(role, "menu") || !strcasecmp(role, "menubar")))
        return BAD_STRUCT;
    if (v->hidden) return BAD_STRUCT;
    const char *ah = v->aria_hidden;
    if (ah && !strcasecmp(ah, "true")) return BAD_STRUCT;
    const char *st = v->style;
    if (st && (strstr(st, "display:none") || strstr(st, "display: none"))) return BAD_STRUCT;
    const char *vals[2] = {v->cls, v->id};
    int bad = 0;
    for (int v = 0; v < 2; v++) {
        const char *s = vals[v];
        if (!s) continue;
        int most = 0;
        while (*s) {
            while (*s && !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))) s++;
            const char *b = s;
            while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')) s++;
            size_t len = (size_t)(s - b);
            if (!len) continue;
            /* Readability's "maybe a candidate": a name that also says
             * article or content ("entry-content comments-open") is not
             * furniture for its other words */
            if (container && S_good_token(b, len)) return 0;
            if (S_bad_token(b, len)) bad = BAD_CLASS;
            if (most && ((len == 4 && !strncasecmp(b, "read", 4)) ||
                         (len == 6 && !strncasecmp(b, "viewed", 6)) ||
                         (len == 6 && !strncasecmp(b, "shared", 6))))
                bad = BAD_CLASS;
            most = len == 4 && !strncasecmp(b, "most", 4);
        }
    }
    return bad;
}

/* Pass 1: scores paragraph-like elements into their parent (fully) and
 * grandparent (half), as Readability does.  Skips furniture unless
 * `loose`.  Returns the text length (minus links) under n. */
static size_t S_score(S_walk *w, int n, int depth, int loose, size_t *link)
{
    const S_tree *t = w->t;
    size_t total = 0, own = 0, links = 0;
    *link = 0;
    if (depth > HTML_MAX_DEPTH) return 0;
    for (int c = S_nd(t, n)->first; c >= 0; c = S_nd(t, c)->next) {
        const S_tn *cn = S_nd(t, c);
        if (cn->type == T_TEXT) {
            size_t k = 0;
            for (const char *p = S_content(t, c); *p; p++) k += !S_space((unsigned char)*p);
            own += k;
            total += k;
            continue;
        }
        if (cn->type != T_ELEM) continue;
        if (cn->kind == TAG_SKIP || (!loose && S_furniture(t, cn))) continue;
        size_t cl;
        size_t k = S_score(w, c, depth + 1, loose, &cl);
        if (cn->role == R_A) cl = k;
        total += k;
        links += cl;
        if (cn->kind != TAG_BLOCK) own += k;
    }
    *link = links;
    const S_tn *x = S_nd(t, n);
    int para = x->role == R_P || (own >= 80 && x->role == R_DIVLIKE);
    if (para && total >= 25 && x->parent >= 0 && S_nd(t, x->parent)->type == T_ELEM) {
        double ld = total ? (double)links / (double)total : 0;
        double sc = (1.0 + (double)(total < 300 ? total : 300) / 100.0) * (1.0 - ld);
        S_node_of(w, x->parent)->score += sc;
        w->scored++;
        int g = S_nd(t, x->parent)->parent;
        if (g >= 0 && S_nd(t, g)->type == T_ELEM) S_node_of(w, g)->score += sc / 2;
    }
    return total;
}

static int S_is_stopword(const char *w, size_t n)
{
    static const char *const stop[] = {
        "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
        "could", "did", "do", "does", "during", "each", "for", "from", "had", "has", "have",
        "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "last", "may", "more", "most", "no", "not", "now", "of", "on", "one", "only", "or",
        "other", "our", "out", "over", "said", "says", "she", "should", "since", "so", "some",
        "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
        "this", "those", "through", "to", "two", "under", "until", "up", "was", "we", "were",
        "what", "when", "where", "which", "while", "who", "will", "with", "would", "you",
        "your", NULL};
    char low[16];
    if (n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)S_lower((unsigned char)w[i]);
    low[n] = 0;
    int lo = 0, hi = (int)(sizeof stop / sizeof *stop) - 2;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = (unsigned char)low[0] - (unsigned char)stop[mid][0];
        if (!c) c = strcmp(low, stop[mid]);
        if (!c) return 1;
        if (c < 0) hi = mid - 1;
        else lo = mid + 1;
    }
    return 0;
}

/* Closes the open block: trims it and records its counts. */
static void S_flush(S_walk *w, int outside)
{
    size_t s = w->cur, e = w->text.len;
    while (s < e && w->text.s[s] == ' ') s++;
    while (e > s && w->text.s[e - 1] == ' ') e--;
    if (e > s) {
        S_block *b = vec_push(&w->blocks);
        if (!b) { w->oom = 1; return; }
        b->off = s;
        b->len = e - s;
        b->link_chars = w->link_chars > b->len ? b->len : w->link_chars;
        b->heading = w->heading;
        b->item = w->item;
        b->outside = outside;
        b->timeonly = w->timeonly && !w->any_untimed;
        const char *t = w->text.s + s;
        size_t i = 0;
        while (i < b->len) {
            while (i < b->len && !(((unsigned char)t[i] >= 0x80) || (t[i] >= 'a' && t[i] <= 'z') ||
                                   (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9')))
                i++;
            size_t ws = i;
            while (i < b->len && (((unsigned char)t[i] >= 0x80) || (t[i] >= 'a' && t[i] <= 'z') ||
                                  (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= '0' && t[i] <= '9') ||
                                  t[i] == '\''))
                i++;
            if (i > ws) {
                b->words++;
                b->stops += S_is_stopword(t + ws, i - ws);
            }
        }
        if (buf_putc(&w->text, 0)) w->oom = 1;
    } else {
        w->text.len = w->cur;
        if (w->text.s) w->text.s[w->cur] = 0;
    }
    w->cur = w->text.len;
    w->link_chars = 0;
    w->heading = 0;
    w->item = 0;
    w->timeonly = 0;
    w->any_untimed = 0;
}

/* Appends text with white space (and U+00A0) collapsed, counting the
 * characters inside links; a run of other bytes at a time. */
static void S_put_text(S_walk *w, const char *p, int in_time)
{
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (S_space(c) || (c == 0xC2 && (unsigned char)p[1] == 0xA0)) {
            p += c == 0xC2 ? 2 : 1;
            if (w->text.len > w->cur && w->text.s[w->text.len - 1] != ' ' && buf_putc(&w->text, ' '))
                w->oom = 1;
            continue;
        }
        const char *q = p + 1;
        for (;; q++) {
            unsigned char d = (unsigned char)*q;
            if (!d || S_space(d) || (d == 0xC2 && (unsigned char)q[1] == 0xA0)) break;
        }
        size_t k = (size_t)(q - p);
        if (buf_put(&w->text, p, k)) w->oom = 1;
        if (w->in_link) w->link_chars += k;
        if (in_time) w->timeonly = 1;
        else w->any_untimed = 1;
        p = q;
    }
}

/* Pass 2: cuts the tree into blocks. */
static void S_blocks(S_walk *w, int n, int depth, int inside, int in_time)
{
    const S_tree *t = w->t;
    if (depth > HTML_MAX_DEPTH) return;
    for (int c = S_nd(t, n)->first; c >= 0 && !w->oom; c = S_nd(t, c)->next) {
        const S_tn *cn = S_nd(t, c);
        if (cn->type == T_TEXT) {
            S_put_text(w, S_content(t, c), in_time);
            continue;
        }
        if (cn->type != T_ELEM) continue;
        int kind = cn->kind;
        if (kind == TAG_SKIP) continue;
        int flags = cn->flags;
        if (!(flags & 3) && S_furniture(t, cn)) continue;
        int block = kind == TAG_BLOCK;
        int in = inside || (flags & 1);
        if (block) S_flush(w, !inside);
        if (cn->role == R_BR) continue;
        int link = cn->role == R_A;
        if (link) w->in_link++;
        if (cn->role == R_HEADING) w->heading = cn->name[1] - '0';
        if (cn->role == R_DIVLIKE && !strcmp(cn->name, "li")) w->item = 1;
        S_blocks(w, c, depth + 1, in, in_time || cn->role == R_TIME);
        if (link) w->in_link--;
        if (block) S_flush(w, !in);
        else if (cn->role == R_HEADING) w->heading = cn->name[1] - '0';
    }
}

static int S_end_punct(const char *t, size_t n)
{
    while (n && (t[n - 1] == '"' || t[n - 1] == '\'' || t[n - 1] == ')')) n--;
    if (n >= 3 && (unsigned char)t[n - 3] == 0xE2 && (unsigned char)t[n - 2] == 0x80 &&
        ((unsigned char)t[n - 1] == 0x9D || (unsigned char)t[n - 1] == 0x99))
        n -= 3;
    return n && (t[n - 1] == '.' || t[n - 1] == '!' || t[n - 1] == '?' || t[n - 1] == ':');
}

/* 1 when t[0..n) has a comma or sentence punctuation (Latin, CJK, Arabic)
 * between words: prose, not a label. */
static int S_prose_punct(const char *t, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        char c = t[i];
        if ((c == '.' || c == ',' || c == ';' || c == '!' || c == '?') && t[i + 1] == ' ') return 1;
        if (i + 2 < n && (unsigned char)c == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
            ((unsigned char)t[i + 2] == 0x82 || (unsigned char)t[i + 2] == 0x81))
            return 1;   /* 。、 */
        if ((unsigned char)c == 0xD8 && (unsigned char)t[i + 1] == 0x8C) return 1;  /* ، */
    }
    return S_end_punct(t, n);
}

/* 1 when t[0..n) is only the label of an ad slot ("Advertisement",
 * "ADVERTISEMENT - CONTINUE READING BELOW" aside). */
static int S_ad_label(const char *t, size_t n)
{
    static const char *const labels[] = {"advertisement", "advert", "ad", "ads", "sponsored",
                                         "anzeige", "werbung", "publicidad", "publicit\xC3\xA9",
                                         "pubblicit\xC3\xA0", "reklama", "advertentie", NULL};
    while (n && (t[n - 1] == '.' || t[n - 1] == ':' || t[n - 1] == ' ')) n--;
    if (n > 16) return 0;
    for (int i = 0; labels[i]; i++)
        if (strlen(labels[i]) == n && !strncasecmp(t, labels[i], n)) return 1;
    return 0;
}

/* jusText's context-free classes.  jusText reads stopwords of the page's
 * language; sitrep knows English ones only, so on a page whose text has
 * few of them (another language) a block's stopword density is replaced
 * by a language-neutral sign of prose: punctuation between words. */
static void S_classify(S_walk *w)
{
    long words = 0, stops = 0;
    for (size_t i = 0; i < w->blocks.len; i++) {
        const S_block *b = &VEC_AT(&w->blocks, S_block, i);
        if (b->outside && w->have_chosen) continue;
        words += b->words;
        stops += b->stops;
    }
    int foreign = words >= 30 && (double)stops / (double)words < HTML_STOP_FOREIGN;
    for (size_t i = 0; i < w->blocks.len; i++) {
        S_block *b = &VEC_AT(&w->blocks, S_block, i);
        const char *t = w->text.s + b->off;
        double ld = b->len ? (double)b->link_chars / (double)b->len : 0;
        double sd = b->words ? (double)b->stops / (double)b->words : 0;
        if (foreign) sd = b->words >= 6 && S_prose_punct(t, b->len) ? HTML_STOP_HIGH : HTML_STOP_LOW / 2;
        int in = w->have_chosen && !b->outside;
        /* a long paragraph of the article, or a sentence with a linked
         * headline before it, may link up to half its text (Readability
         * allows half when it is long) */
        double max_link = in && (b->len >= HTML_LENGTH_HIGH ||
                                 (b->len - b->link_chars >= HTML_LENGTH_LOW && S_end_punct(t, b->len)))
                              ? 0.5 : HTML_MAX_LINK;
        if (b->outside || (b->heading && !(in && b->heading > 1)) || b->timeonly ||
            ld > max_link || strstr(t, "\xC2\xA9") || S_ad_label(t, b->len))
            b->cls = B_BAD;
        else if (in) {
            /* inside the chosen container, structure vouches for the text
             * as trafilatura takes it: prose is good whatever its words;
             * subheads and other short lines stand or fall with their
             * neighbours */
            int prose = S_prose_punct(t, b->len) || sd >= HTML_STOP_LOW;
            if (b->heading || b->len < HTML_LENGTH_LOW)
                b->cls = b->link_chars > 0 ? B_BAD
                         : !b->heading && b->words >= 6 && prose && S_end_punct(t, b->len) ? B_NEARGOOD
                         /* an item of a list without links in the article:
                          * a bullet point, not a menu */
                         : b->item && b->words >= 2 ? B_NEARGOOD
                         : B_SHORT;
            else b->cls = prose ? B_GOOD : B_NEARGOOD;
        }
        else if (b->len < HTML_LENGTH_LOW) {
            b->cls = (b->link_chars > 0 || (!S_end_punct(t, b->len) && b->words < 8)) ? B_BAD : B_SHORT;
            /* a short sentence in the article container ("The president
             * is expected to sign it next week.") is near-good */
            if (b->cls == B_SHORT && w->have_chosen && b->words >= 6 && sd >= HTML_STOP_LOW)
                b->cls = B_NEARGOOD;
        }
        else if (sd >= HTML_STOP_HIGH || (w->have_chosen && sd >= HTML_STOP_LOW))
            /* inside the chosen container, structure already vouches for
             * shorter paragraphs (wire copy rarely reaches 200 chars) */
            b->cls = b->len > HTML_LENGTH_HIGH || w->have_chosen ? B_GOOD : B_NEARGOOD;
        else if (sd >= HTML_STOP_LOW)
            b->cls = B_NEARGOOD;
        else
            b->cls = b->len > HTML_LENGTH_HIGH && sd >= 0.15 && ld < 0.05 ? B_NEARGOOD : B_BAD;
    }
}

/* The class of the nearest neighbour that is good or bad (or near-good
 * unless ignored); the ends of the page count as bad. */
static S_class S_neighbour(const S_class *c, size_t n, size_t i, int dir, int ignore_near)
{
    for (long j = (long)i + dir; j >= 0 && (size_t)j < n; j += dir) {
        if (c[j] == B_GOOD || c[j] == B_BAD) return c[j];
        if (!ignore_near && c[j] == B_NEARGOOD) return B_NEARGOOD;
    }
    return B_BAD;
}

/* 1 when the nearest good-or-bad neighbour of block i in direction dir is
 * outside the chosen container (or the page's end). */
static int S_edge(const S_walk *w, const S_class *c, size_t i, int dir)
{
    for (long j = (long)i + dir; j >= 0 && (size_t)j < w->blocks.len; j += dir)
        if (c[j] == B_GOOD || c[j] == B_BAD) return VEC_AT(&w->blocks, S_block, (size_t)j).outside;
    return 1;
}

/* jusText's context-sensitive pass over short and near-good blocks; inside
 * a chosen container its edge does not count against a block. */
static int S_smooth(S_walk *w)
{
    size_t n = w->blocks.len;
    if (!n) return 0;
    S_class *c = malloc(n * sizeof *c);
    if (!c) return SITREP_ENOMEM;
    for (size_t i = 0; i < n; i++) c[i] = VEC_AT(&w->blocks, S_block, i).cls;
    S_class *out = malloc(n * sizeof *out);
    if (!out) { free(c); return SITREP_ENOMEM; }
    for (size_t i = 0; i < n; i++) {
        out[i] = c[i];
        if (c[i] == B_SHORT) {
            S_class p = S_neighbour(c, n, i, -1, 1), q = S_neighbour(c, n, i, 1, 1);
            int in = w->have_chosen && !VEC_AT(&w->blocks, S_block, i).outside;
            if (in && p == B_BAD && S_edge(w, c, i, -1)) p = q;
            if (in && q == B_BAD && S_edge(w, c, i, 1)) q = p;
            if (p == B_GOOD && q == B_GOOD) out[i] = B_GOOD;
            else if (p == B_BAD && q == B_BAD) out[i] = B_BAD;
            else if ((p == B_BAD && S_neighbour(c, n, i, -1, 0) == B_NEARGOOD) ||
                     (q == B_BAD && S_neighbour(c, n, i, 1, 0) == B_NEARGOOD))
                out[i] = B_GOOD;
            else out[i] = B_BAD;
        }
    }
    for (size_t i = 0; i < n; i++) c[i] = out[i];
    for (size_t i = 0; i < n; i++) {
        if (c[i] == B_NEARGOOD) {
            S_class p = S_neighbour(c, n, i, -1, 1), q = S_neighbour(c, n, i, 1, 1);
            int in = w->have_chosen && !VEC_AT(&w->blocks, S_block, i).outside;
            out[i] = (p == B_BAD && q == B_BAD && !in) ? B_BAD : B_GOOD;
        }
    }
    for (size_t i = 0; i < n; i++) VEC_AT(&w->blocks, S_block, i).cls = out[i];
    free(c);
    free(out);
    return 0;
}

static void S_best(S_walk *w, int n, int *best, double *top, int depth)
{
    const S_tree *t = w->t;
    if (depth > HTML_MAX_DEPTH) return;
    S_tn *info = S_node_of(w, n);
    if (info->score > *top) {
        *top = info->score;
        *best = n;
    }
    for (int c = info->first; c >= 0; c = S_nd(t, c)->next)
        if (S_nd(t, c)->type == T_ELEM && S_nd(t, c)->first >= 0) S_best(w, c, best, top, depth + 1);
}

/* Marks every scored element of best's tag and class as chosen too: the
 * entries of a live blog, an article body split around an advert. */
static void S_like(S_walk *w, int n, int best, const char *cls, int depth)
{
    const S_tree *t = w->t;
    if (depth > HTML_MAX_DEPTH) return;
    for (int c = S_nd(t, n)->first; c >= 0; c = S_nd(t, c)->next) {
        S_tn *info = S_node_of(w, c);
        if (info->type != T_ELEM) continue;
        const char *cc;
        if (info->score > 0 && c != best && !strcmp(info->name, S_name(t, best)) &&
            (cc = S_attr(t, c, "class")) && !strcmp(cc, cls)) {
            info->flags |= 1;
            for (int p = info->parent; p >= 0; p = S_nd(t, p)->parent)
                if (S_nd(t, p)->type == T_ELEM) S_node_of(w, p)->flags |= 2;
            continue;
        }
        if (info->first >= 0) S_like(w, c, best, cls, depth + 1);
    }
}

/* The characters (white space not counted) of n's subtree and those inside
 * links, furniture left out; the last character in *last. */
static void S_stats(const S_tree *t, int n, int in_link, size_t *len, size_t *links, char *last,
                    int depth)
{
    if (depth > HTML_MAX_DEPTH) return;
    for (int c = S_nd(t, n)->first; c >= 0; c = S_nd(t, c)->next) {
        const S_tn *cn = S_nd(t, c);
        if (cn->type == T_TEXT) {
            for (const char *p = S_content(t, c); *p; p++)
                if (!S_space((unsigned char)*p)) {
                    (*len)++;
                    *links += in_link != 0;
                    *last = *p;
                }
        } else if (cn->type == T_ELEM && cn->kind != TAG_SKIP && !S_furniture(t, cn)) {
            S_stats(t, c, in_link || cn->role == R_A, len, links, last, depth + 1);
        }
    }
}

/* Readability's test for a paragraph beside the top candidate: long with
 * few links, or a short sentence without any. */
static int S_sibling_para(const S_tree *t, int n)
{
    const S_tn *x = S_nd(t, n);
    if (x->role != R_P || S_furniture(t, x)) return 0;
    size_t len = 0, links = 0;
    char last = 0;
    S_stats(t, n, 0, &len, &links, &last, 0);
    if (len > 80) return (double)links / (double)len < 0.25;
    return len > 0 && links == 0 && (last == '.' || last == '!' || last == '?');
}

/* Chooses the article container(s): the best-scored node and its siblings
 * that score at least a fifth of it or share its class, or are paragraphs
 * of the article's own (S_sibling_para). */
static void S_choose(S_walk *w, int body)
{
    const S_tree *t = w->t;
    int best = -1;
    double top = 0;
    S_best(w, body, &best, &top, 0);
    if (best < 0) return;
    const char *bcls = S_attr(t, best, "class");
    int bp = S_nd(t, best)->parent;
    for (int s = bp >= 0 ? S_nd(t, bp)->first : best; s >= 0; s = S_nd(t, s)->next) {
        S_tn *info = S_node_of(w, s);
        if (info->type != T_ELEM) continue;
        const char *scls = S_attr(t, s, "class");
        int like = s == best || (info->score >= top * 0.2 && info->score >= 2) ||
                   (bcls && scls && *bcls && !strcmp(bcls, scls) && S_is(t, s, S_name(t, best))) ||
                   S_sibling_para(t, s);
        if (!like) continue;
        info->flags |= 1;
    }
    if (bcls && *bcls) S_like(w, body, best, bcls, 0);
    for (int p = bp; p >= 0; p = S_nd(t, p)->parent)
        if (S_nd(t, p)->type == T_ELEM) S_node_of(w, p)->flags |= 2;
    w->have_chosen = 1;
}

/* Appends JSON-LD articleBody, one paragraph per line. */
static int S_ld_text(buf *out, const char *body)
{
    buf_reset(out);
    int sp = 0;
    for (const char *p = body; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            while (out->len && out->s[out->len - 1] == ' ') out->len--;
            if (out->len && out->s[out->len - 1] != '\n' && buf_putc(out, '\n')) return SITREP_ENOMEM;
            sp = 0;
        } else if (S_space((unsigned char)*p)) {
            sp = out->len && out->s[out->len - 1] != '\n';
        } else {
            if (sp && buf_putc(out, ' ')) return SITREP_ENOMEM;
            sp = 0;
            if (buf_putc(out, *p)) return SITREP_ENOMEM;
        }
    }
    while (out->len && (out->s[out->len - 1] == '\n' || out->s[out->len - 1] == ' ')) out->len--;
    if (out->s) out->s[out->len] = 0;
    return 0;
}

/* The first element named name in n's subtree (furniture left out), or -1. */
static int S_find(const S_tree *t, int n, const char *name, int depth)
{
    if (depth > HTML_MAX_DEPTH) return -1;
    for (int c = S_nd(t, n)->first; c >= 0; c = S_nd(t, c)->next) {
        const S_tn *cn = S_nd(t, c);
        if (cn->type != T_ELEM || cn->kind == TAG_SKIP || S_furniture(t, cn)) continue;
        if (!strcmp(cn->name, name)) return c;
        int r = S_find(t, c, name, depth + 1);
        if (r >= 0) return r;
    }
    return -1;
}

/* Appends the text of every paragraph under n that is not furniture nor
 * mostly links, one a line.  Returns 0 or SITREP_ENOMEM. */
static int S_paras(const S_tree *t, int n, buf *out, int depth)
{
    if (depth > HTML_MAX_DEPTH) return 0;
    for (int c = S_nd(t, n)->first; c >= 0; c = S_nd(t, c)->next) {
        const S_tn *cn = S_nd(t, c);
        if (cn->type != T_ELEM || cn->kind == TAG_SKIP || S_furniture(t, cn)) continue;
        if (cn->role != R_P) {
            if (S_paras(t, c, out, depth + 1)) return SITREP_ENOMEM;
            continue;
        }
        size_t len = 0, links = 0;
        char last = 0;
        S_stats(t, c, 0, &len, &links, &last, 0);
        if (len < 30 || 2 * links >= len) continue;
        size_t at = out->len;
        if (at && buf_putc(out, '\n')) return SITREP_ENOMEM;
        size_t from = out->len;
        S_text_of(t, c, out, 0);
        size_t s = from, e = out->len;
        while (s < e && out->s[s] == ' ') s++;
        while (e > s && out->s[e - 1] == ' ') e--;
        memmove(out->s + from, out->s + s, e - s);
        out->len = from + (e - s);
        if (out->len == from) out->len = at;
        if (out->s) out->s[out->len] = 0;
    }
    return 0;
}

/* One extraction pass over the page: pass 1 scores containers, pass 2 cuts
 * blocks, jusText classes and smooths them; the good blocks go to out, one
 * a line.  w holds the blocks afterwards (the caller frees them). */
static int S_pass(const S_tree *t, int body, S_walk *w, buf *out)
{
    memset(w, 0, sizeof *w);
    w->t = t;
    vec_init(&w->blocks, sizeof(S_block));
    buf_init(&w->text);
    for (size_t i = 0; i < t->nodes.len; i++) {
        S_nd(t, (int)i)->score = 0;
        S_nd(t, (int)i)->flags = 0;
    }
    size_t link;
    S_score(w, body, 0, 0, &link);
    if (!w->scored) S_score(w, body, 0, 1, &link);
    S_choose(w, body);
    S_blocks(w, body, 0, !w->have_chosen, 0);
    S_flush(w, 0);
    if (w->oom) return SITREP_ENOMEM;
    S_classify(w);
    int rc = S_smooth(w);
    if (rc) return rc;
    for (size_t i = 0; i < w->blocks.len; i++) {
        S_block *b = &VEC_AT(&w->blocks, S_block, i);
        if (b->cls != B_GOOD) continue;
        if (out->len && buf_putc(out, '\n')) return SITREP_ENOMEM;
        if (buf_put(out, w->text.s + b->off, b->len)) return SITREP_ENOMEM;
    }
    return 0;
}

/* The first fallback: every block of prose the pass cut that is not
 * mostly links, good or not, chosen container or not. */
static int S_relaxed(const S_walk *w, buf *out)
{
    for (size_t i = 0; i < w->blocks.len; i++) {
        const S_block *b = &VEC_AT(&w->blocks, S_block, i);
        const char *bt = w->text.s + b->off;
        int take = b->cls == B_GOOD ||
                   (b->len >= HTML_LENGTH_LOW && b->heading != 1 && !b->timeonly &&
                    (double)b->link_chars <= 0.33 * (double)b->len && S_prose_punct(bt, b->len) &&
                    !strstr(bt, "\xC2\xA9"));
        if (!take) continue;
        if ((out->len && buf_putc(out, '\n')) || buf_put(out, bt, b->len)) return SITREP_ENOMEM;
    }
    return 0;
}

/* Keeps in *out the longer of *out and *alt, and frees the other. */
static void S_keep_longer(buf *out, buf *alt)
{
    if (alt->len > out->len) {
        buf_free(out);
        *out = *alt;
    } else {
        buf_free(alt);
    }
    buf_init(alt);
}

static void S_walk_free(S_walk *w)
{
    buf_free(&w->text);
    vec_free(&w->blocks);
}

static int S_main_text(arena *a, S_tree *t, int body, const S_meta *m, html_page *page)
{
    S_walk w;
    memset(&w, 0, sizeof w);
    int rc = 0;
    buf out, alt;
    buf_init(&out);
    buf_init(&alt);
    if (body >= 0 && (rc = S_pass(t, body, &w, &out))) goto done;
    /* too little text: fall back in steps rather than give nothing */
    if (body >= 0 && out.len < HTML_MIN_TEXT) {
        /* 1. relaxed thresholds */
        if ((rc = S_relaxed(&w, &alt))) goto done;
        S_keep_longer(&out, &alt);
    }
    /* 2. pages that render their text from script keep it in JSON-LD */
    if (m->ld_body && out.len < HTML_MIN_TEXT && strlen(m->ld_body) > out.len)
        if ((rc = S_ld_text(&out, m->ld_body))) goto done;
    if (body >= 0 && out.len < HTML_MIN_TEXT) {
        /* 3. Readability's retry: again without furniture by class names,
         * as layout wrappers may be named after options ("header-style-2
         * penci_sidebar") */
        t->ignore_class = 1;
        S_walk_free(&w);
        if ((rc = S_pass(t, body, &w, &alt))) goto done;
        if (alt.len < HTML_MIN_TEXT) {
            buf_reset(&alt);
            if ((rc = S_relaxed(&w, &alt))) goto done;
        }
        S_keep_longer(&out, &alt);
    }
    if (body >= 0 && out.len < HTML_MIN_TEXT) {
        /* 4. every paragraph of the page's <article> or <main> (else body) */
        int root = S_find(t, body, "article", 0);
        if (root < 0) root = S_find(t, body, "main", 0);
        if (root < 0) root = body;
        if ((rc = S_paras(t, root, &alt, 0))) goto done;
        S_keep_longer(&out, &alt);
    }
    page->text = arena_strndup(a, out.s ? out.s : "", out.len);
    page->text_len = out.len;
    if (!page->text) rc = SITREP_ENOMEM;
done:
    t->ignore_class = 0;
    buf_free(&out);
    buf_free(&alt);
    S_walk_free(&w);
    return rc;
}

/* The date in a URL's path, as news sites put it: /2019/11/18/ or
 * /2019/nov/18/.  Returns 0 or SITREP_EPARSE. */
static int S_url_date(const char *url, char out[11])
{
    if (!url) return SITREP_EPARSE;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : NULL;
    for (; p && *p; p = strchr(p + 1, '/')) {
        const char *y = p + 1;
        int ok = 1;
        for (int i = 0; i < 4; i++) ok = ok && y[i] >= '0' && y[i] <= '9';
        if (!ok || y[4] != '/') continue;
        const char *mo = y + 5, *e = strchr(mo, '/');
        if (!e || e - mo > 9) continue;
        int month = 0;
        if (e - mo <= 2 && mo[0] >= '0' && mo[0] <= '9') month = atoi(mo);
        else month = S_month(mo, (size_t)(e - mo));
        const char *dd = e + 1;
        if (!month || !(dd[0] >= '0' && dd[0] <= '9')) continue;
        if (dd[1] >= '0' && dd[1] <= '9' && dd[2] >= '0' && dd[2] <= '9') continue;
        int day = dd[0] - '0';
        if (dd[1] >= '0' && dd[1] <= '9') day = day * 10 + dd[1] - '0';
        else if (dd[1] && dd[1] != '/' && dd[1] != '-') continue;
        long dn;
        S_ymd(out, atoi(y), month > 12 ? 99 : month, day > 31 ? 99 : day);
        if (sitrep_parse_ymd(out, &dn) == 0) return 0;
    }
    /* a slug ending in the date: /tuft-cells-20191115/ */
    size_t n = strcspn(url, "?#");
    while (n && url[n - 1] == '/') n--;
    if (n > 9 && (url[n - 9] == '-' || url[n - 9] == '/')) {
        const char *y = url + n - 8;
        int ok = 1;
        for (int i = 0; i < 8; i++) ok = ok && y[i] >= '0' && y[i] <= '9';
        long dn;
        if (ok) {
            S_ymd(out, atoi(y) / 10000, atoi(y) / 100 % 100, atoi(y) % 100);
            if (sitrep_parse_ymd(out, &dn) == 0) return 0;
        }
    }
    return SITREP_EPARSE;
}

/* The <a> elements in n's subtree, counted up to max. */
static int S_links(const S_tree *t, int n, int max, int depth)
{
    int k = 0;
    if (depth > HTML_MAX_DEPTH) return 0;
    for (int c = S_nd(t, n)->first; c >= 0 && k < max; c = S_nd(t, c)->next)
        if (S_nd(t, c)->type == T_ELEM) k += (S_nd(t, c)->role == R_A) + S_links(t, c, max - k, depth + 1);
    return k;
}

/* Marks as furniture the cards that sites tuck inside running text (a
 * person's picture, name and latest headlines, shown on hover): an inline
 * element holding an image beside two or more links. */
static void S_cards(S_tree *t)
{
    for (size_t i = 1; i < t->nodes.len; i++) {
        const S_tn *x = S_nd(t, (int)i);
        if (x->type != T_ELEM || strcmp(x->name, "img")) continue;
        S_tn *p = S_nd(t, x->parent);
        if (p->type != T_ELEM || p->hid || p->kind != 0 || p->role == R_A || p->bad) continue;
        if (S_links(t, x->parent, 2, 0) >= 2) p->bad = BAD_STRUCT;
    }
}

/* ---- the page ------------------------------------------------------------ */

static void S_pick_meta(arena *a, const S_meta *m, html_page *page)
{
    page->url = m->canonical ? m->canonical : m->og_url ? m->og_url : m->ld_url;
    const char *host = S_host(a, page->url);
    page->source = m->og_site ? m->og_site : m->ld_publisher ? m->ld_publisher : host;
    const char *title = NULL;
    if (m->og_title) title = S_strip_site(a, m->og_title, page->source, host);
    else if (m->ld_headline) title = m->ld_headline;
    else if (m->h1 && (!m->title_tag || strstr(m->title_tag, m->h1))) title = m->h1;
    else if (m->title_tag) {
        /* "Headline | Site" names the article; a bare "Site" does not */
        title = S_strip_site(a, m->title_tag, page->source, host);
        if (m->h1 && title == m->title_tag) title = m->h1;
    } else title = m->h1;
    page->title = title;
    struct { const char *v, *from; } dates[] = {
        {m->ld_date, "JSON-LD datePublished"},
        {m->meta_published, "article:published_time"},
        {m->time_pub, "<time datetime> (datePublished)"},
        {m->time_dt, "<time datetime>"},
        {m->meta_date, "<meta name=date>"},
        {m->meta_any_date, "<meta> naming a date"},
        {page->url, "the URL (/YYYY/MM/DD/)"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        char d[11];
        int ok = dates[i].v == page->url ? S_url_date(dates[i].v, d) == 0
                                         : dates[i].v && read_html_date(dates[i].v, d) == 0;
        /* "0001-01-01" is a template's empty date: no web page is older
         * than the web */
        ok = ok && strcmp(d, "1991") > 0;
        if (ok) {
            page->date = arena_strdup(a, d);
            page->date_from = dates[i].from;
            break;
        }
    }
}

int read_html_page(arena *a, const char *html, size_t n, const char *http_charset, html_page *page)
{
    memset(page, 0, sizeof *page);
    char label[64] = "";
    const char *in = html;
    size_t inlen = n;
    char *conv = NULL;
    /* byte order marks first, then the HTTP header, then <meta> */
    if (n >= 3 && !memcmp(html, "\xEF\xBB\xBF", 3)) {
        in += 3;
        inlen -= 3;
        snprintf(label, sizeof label, "utf-8");
    } else if (n >= 2 && (!memcmp(html, "\xFF\xFE", 2) || !memcmp(html, "\xFE\xFF", 2))) {
        snprintf(label, sizeof label, "%s", html[0] == '\xFF' ? "utf-16le" : "utf-16be");
        in += 2;
        inlen -= 2;
    } else if (http_charset && *http_charset) {
        S_copy_label(http_charset, strlen(http_charset), label, sizeof label);
    }
    if (!label[0]) S_prescan(in, inlen, label, sizeof label);
    const char *cs = label[0] ? S_iconv_name(label) : NULL;
    size_t bad = 0;
    int valid = 0;
    if (cs && strcmp(cs, "UTF-8")) {
        size_t outlen;
        conv = S_iconv(cs, in, inlen, &outlen, &bad);
        if (!conv && errno == ENOMEM) return SITREP_ENOMEM;
        if (conv) {
            in = conv;
            inlen = outlen;
            /* a label iconv took as it is lives on this stack frame */
            page->charset = cs == label ? arena_strdup(a, label) : cs;
            if (!page->charset) {
                free(conv);
                return SITREP_ENOMEM;
            }
        } else {
            page->charset_unknown = 1;
            page->charset = arena_strdup(a, label);
            cs = NULL;
        }
    } else if (!cs && !(valid = S_utf8_valid((const unsigned char *)in, inlen))) {
        size_t outlen;
        conv = S_iconv("WINDOWS-1252", in, inlen, &outlen, &bad);
        if (!conv) return SITREP_ENOMEM;
        in = conv;
        inlen = outlen;
        page->charset = "WINDOWS-1252";
        page->charset_guessed = 1;
    }
    if (!page->charset) page->charset = "UTF-8";
    /* invalid UTF-8 left (declared UTF-8 that is not) is repaired here, so
     * the parser never switches encodings halfway */
    size_t outlen = inlen, bad2 = 0;
    const char *clean = in;
    if (!conv && !valid && !S_utf8_valid((const unsigned char *)in, inlen))
        clean = read_utf8_clean(a, in, inlen, 0, &outlen, &bad2);
    if (!clean) {
        free(conv);
        return SITREP_ENOMEM;
    }
    page->bad_bytes = bad + bad2;
    if (outlen > INT32_MAX) {
        free(conv);
        return SITREP_EPARSE;
    }
    S_tree t;
    int rc = S_tree_parse(&t, clean, outlen);
    free(conv);
    if (rc) {
        S_tree_free(&t);
        return rc;
    }
    S_cards(&t);
    S_meta m;
    memset(&m, 0, sizeof m);
    S_meta_walk(a, &t, &m);
    S_pick_meta(a, &m, page);
    /* the first body in document order, else the root */
    int body = t.body >= 0 ? t.body : t.root;
    rc = S_main_text(a, &t, body, &m, page);
    S_tree_free(&t);
    return rc;
}

int read_html_doc(arena *a, const char *html, size_t n, const char *http_charset, sr_doc *doc,
                  read_report_fn report, void *ctx)
{
    html_page page;
    const char *file = doc->file ? doc->file : "-";
    int rc = read_html_page(a, html, n, http_charset, &page);
    if (rc == SITREP_ENOMEM) return rc;
    if (rc) {
        if (report) report(ctx, READ_ERROR, file, doc->line, doc->id, "not readable as HTML; skipped");
        return 0;
    }
    char msg[160];
    if (page.charset_guessed && report)
        report(ctx, READ_WARN, file, doc->line, doc->id,
               "no charset declared and the bytes are not UTF-8; read as Windows-1252");
    if (page.charset_unknown && report) {
        snprintf(msg, sizeof msg, "unknown charset '%s'; read as UTF-8", page.charset);
        report(ctx, READ_WARN, file, doc->line, doc->id, msg);
    }
    if (page.bad_bytes && report) {
        snprintf(msg, sizeof msg,
                 "invalid %s: %zu byte sequence%s replaced by U+FFFD (document kept)", page.charset,
                 page.bad_bytes, page.bad_bytes == 1 ? "" : "s");
        report(ctx, READ_ERROR, file, doc->line, doc->id, msg);
    }
    if (!page.text_len) {
        if (report) report(ctx, READ_ERROR, file, doc->line, doc->id, "no article text in the page; skipped");
        return 0;
    }
    size_t bad, len = page.text_len;
    /* text without characters from U+0300 up (no lead byte >= 0xCC) is
     * already NFC: no combining marks can follow anything */
    int nfc = 0;
    for (size_t i = 0; i < page.text_len && !nfc; i++) nfc = (unsigned char)page.text[i] >= 0xCC;
    doc->text = nfc ? read_utf8_clean(a, page.text, page.text_len, 1, &len, &bad) : page.text;
    if (!doc->text) return SITREP_ENOMEM;
    doc->text_len = len;
    doc->title = page.title ? read_utf8_clean(a, page.title, strlen(page.title), 1, &len, &bad) : NULL;
    doc->source = page.source;
    doc->url = page.url;
    if (page.date) {
        long day;
        if (sitrep_parse_ymd(page.date, &day) == 0) {
            doc->date = page.date;
            doc->day = day;
            doc->date_origin = DATE_GIVEN;
        }
    }
    return 1;
}
