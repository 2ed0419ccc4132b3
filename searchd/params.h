/* params.h - the parameters of a search request (q, theme, region, type,
 * year, lang, source, date_from, date_to, added_since, sort (relevance,
 * date, added), page, per_page, facets, correct) read into a
 * search_request, with the bounds that keep one request from tying up a
 * search thread.
 *
 * Filters take comma-separated values, in one parameter or repeated ones.
 * Values are trimmed and deduplicated; a request may carry at most
 * PARAMS_RAW_MAX values in all (duplicates included), PARAMS_VALUES_MAX
 * distinct values per filter and PARAMS_TOTAL_MAX distinct values over
 * every filter; a value is at most PARAMS_VALUE_LEN bytes and q at most
 * PARAMS_Q_LEN.  Going past a bound is the client's mistake: a French
 * message that says the limit.  Knows nothing of HTTP, so the fuzzer
 * (tests/fuzz/fuzz_params.c) drives it directly. */
#ifndef VEILLE_PARAMS_H
#define VEILLE_PARAMS_H

#include "search.h"

#define PARAMS_RAW_MAX 400
#define PARAMS_VALUES_MAX 32
#define PARAMS_TOTAL_MAX 64
#define PARAMS_VALUE_LEN 200
#define PARAMS_Q_LEN 1000

/* What a request's parameters add to a search_request: its arrays, and
 * the counts the bounds apply to.  Zero-initialise, then params_init. */
typedef struct {
    search_request *req;
    unsigned raw;        /* values seen, duplicates included */
    unsigned distinct;   /* values kept, over every filter */
    char *bad;           /* first mistake, French; NULL while all is well */
} params;

/* Creates req's arrays (owned by req until params_clear). */
void params_init(params *p, search_request *req);

/* Reads one parameter (value may be NULL: "key" alone).  req->q and the
 * dates point into value, which must outlive req.  After a first mistake
 * the rest is ignored.  Unknown keys are ignored (cache busters). */
void params_add(params *p, const char *key, const char *value);

/* Reads every parameter of query string qs ("q=cls&theme=a,b": percent
 * escapes, '+' for a space), in order, with params_add; the decoded
 * strings are appended to keep (of char *, g_free), which must outlive
 * req.  A malformed escape is a mistake (params_take_error). */
void params_add_query_string(params *p, const char *qs, GPtrArray *keep);

/* The first mistake, or NULL; caller frees (with g_free). */
char *params_take_error(params *p);

/* Whether req is of the costly kind, though within the bounds: more than
 * 20 results a page, more than 8 filter values, or more than 16 words or
 * 200 bytes of query.  The daemon runs those in a lane of their own, so
 * that a client sending them cannot hold up everyone else's searches. */
gboolean params_costly(const search_request *req);

/* Frees req's arrays. */
void params_clear(search_request *req);

/* Parses a decimal from min to max into *out; FALSE if it is not one. */
gboolean params_parse_uint(const char *value, unsigned min, unsigned max, unsigned *out);

#endif
