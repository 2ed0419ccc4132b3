/* query.c - a search's Xapian queries (query.h). */
#include "query.h"
#include "schema.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Folding ---------------------------------------------------------------------- */

/* Appends the hyphenated word f ("mal-logement", "pays-de-la-loire") as
 * "(f OR (mal AND logement))": as written, a phrase, and by its parts
 * (stop words aside), so "mal logement" and "logement ... mal" are found
 * too.  FALSE when f is no such compound. */
static gboolean append_compound(GString *out, const char *f)
{
    size_t n = strlen(f);
    if (strchr(f, '-') == NULL || strspn(f, "abcdefghijklmnopqrstuvwxyz0123456789-") != n ||
        f[0] == '-' || f[n - 1] == '-' || strstr(f, "--") != NULL)
        return FALSE;
    char **parts = g_strsplit(f, "-", -1);
    GString *all = g_string_new(NULL);
    guint kept = 0;
    for (char **p = parts; *p != NULL; p++)
        if (!text_is_stopword(*p)) {
            g_string_append_printf(all, "%s%s", kept > 0 ? " AND " : "", *p);
            kept++;
        }
    if (kept > 0)
        g_string_append_printf(out, "(%s OR (%s))", f, all->str);
    else
        g_string_append(out, f);
    g_string_free(all, TRUE);
    g_strfreev(parts);
    return TRUE;
}

/* Appends the folded plain word f: as "(f OR singular)" when it is a
 * plural of letters alone, a hyphenated word as written and by its parts
 * (widen). */
static void append_word(GString *out, const char *f, gboolean widen)
{
    if (widen && append_compound(out, f))
        return;
    size_t n = strlen(f);
    char *one = g_strdup(f);
    gboolean letters = strspn(f, "abcdefghijklmnopqrstuvwxyz") == n;
    if (widen && letters && text_singular(one, n) > 0 && strcmp(one, f) != 0)
        g_string_append_printf(out, "(%s OR %s)", f, one);
    else
        g_string_append(out, f);
    g_free(one);
}

char *query_without_unbalanced_brackets(const char *q)
{
    gsize n = strlen(q);
    gboolean *drop = g_new0(gboolean, n + 1), quoted = FALSE;
    GArray *open = g_array_new(FALSE, FALSE, sizeof(gsize));
    for (gsize i = 0; i < n; i++) {
        if (q[i] == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (q[i] == '(')
            g_array_append_val(open, i);
        else if (q[i] == ')' && open->len > 0)
            g_array_set_size(open, open->len - 1);
        else if (q[i] == ')')
            drop[i] = TRUE;
    }
    for (guint i = 0; i < open->len; i++)
        drop[g_array_index(open, gsize, i)] = TRUE;
    GString *out = g_string_sized_new(n);
    for (gsize i = 0; i < n; i++)
        if (!drop[i])
            g_string_append_c(out, q[i]);
    g_array_unref(open);
    g_free(drop);
    return g_string_free(out, FALSE);
}

/* Appends a stop word's token without the word: nothing for "(si)", an
 * empty group; the bracket alone for "(si" opening a group of others. */
static void append_brackets_of(GString *out, const char *token)
{
    gsize lead = strspn(token, "("), len = strlen(token), trail = 0;
    while (trail < len - lead && token[len - 1 - trail] == ')')
        trail++;
    if (lead != trail) {
        g_string_append_len(out, token, (gssize)lead);
        g_string_append_len(out, token + len - trail, (gssize)trail);
    }
}

/* token without its leading '(' and trailing ')'.  Caller frees. */
static char *without_brackets(const char *token)
{
    const char *start = token + strspn(token, "(");
    gsize len = strlen(start);
    while (len > 0 && start[len - 1] == ')')
        len--;
    return g_strndup(start, len);
}

char *query_fold(const char *q, gboolean widen)
{
    GString *out = g_string_new(NULL);
    char *balanced = query_without_unbalanced_brackets(q);
    const char *p = balanced;
    gboolean quoted = FALSE, after_proximity = FALSE, after_op = FALSE;
    while (*p != '\0') {
        const char *start = p;
        while (*p != '\0' && !g_ascii_isspace(*p))
            p++;
        gsize n = (gsize)(p - start);
        gboolean op = text_is_operator(start, n);
        if (op) {
            g_string_append_len(out, start, (gssize)n);
        } else {
            char *f = text_fold(start, (gssize)n);
            const char *next = p;
            while (g_ascii_isspace(*next))
                next++;
            gsize next_n = strcspn(next, " \t\n\r\f\v");
            gboolean proximity = text_is_proximity(next, next_n);
            gboolean plain = !quoted && !after_proximity && !proximity;
            /* a stop word beside an operator stays ("santé OR avec" would
             * become "santé OR", a syntax error): the parser's stopper
             * takes care of it there; alone between brackets it would
             * become a required term */
            char *core = without_brackets(f);
            gboolean droppable = widen && plain && !after_op && !text_is_operator(next, next_n);
            if (droppable && text_is_stopword(f))
                ; /* left out */
            else if (droppable && strcmp(core, f) != 0 && text_is_stopword(core))
                append_brackets_of(out, f); /* "(si": the group stays, its stop word goes */
            else
                append_word(out, f, plain && widen);
            g_free(core);
            for (const char *c = f; *c != '\0'; c++)
                quoted ^= *c == '"';
            g_free(f);
        }
        after_proximity = op && text_is_proximity(start, n);
        after_op = op;
        while (g_ascii_isspace(*p))
            g_string_append_c(out, *p++);
    }
    g_free(balanced);
    if (strspn(out->str, " \t()") == out->len) { /* only stop words */
        g_string_free(out, TRUE);
        return text_fold(q, -1);
    }
    return g_string_free(out, FALSE);
}

char *query_date_bound(const char *s, gboolean upper)
{
    int y = 0, m = 0, d = 0;
    int n = sscanf(s, "%4d-%2d-%2d", &y, &m, &d);
    if (n < 1 || y < 1000 || y > 9999)
        return NULL;
    if (n < 2) return g_strdup_printf("%04d%s", y, upper ? "9999" : "0000");
    if (n < 3) return g_strdup_printf("%04d%02d%s", y, m, upper ? "99" : "00");
    return g_strdup_printf("%04d%02d%02d", y, m, d);
}

/* ---- The text query ----------------------------------------------------------------- */

/* base op (extra scaled by boost): with AND_MAYBE extra only adds weight.
 * Takes both; NULL on error. */
static xap_query *combined(xap_op op, xap_query *base, xap_query *extra, double boost, verr *err)
{
    xap_query *scaled = extra != NULL ? xap_query_scale(extra, boost, err) : NULL;
    xap_query *pair[2] = { base, scaled };
    xap_query *out = scaled != NULL ? xap_query_combine(op, pair, 2, err) : NULL;
    xap_query_free(scaled);
    xap_query_free(extra);
    xap_query_free(base);
    return out;
}

char *query_without_call_brackets(const char *q)
{
    if (q == NULL || strstr(q, "()") == NULL)
        return NULL;
    GString *out = g_string_new(NULL);
    for (const char *p = q; *p != '\0'; p++) {
        const char *prev = p > q ? g_utf8_find_prev_char(q, p) : NULL;
        gunichar before = prev != NULL ? g_utf8_get_char(prev) : 0;
        if (p[0] == '(' && p[1] == ')' && (g_unichar_isalnum(before) || before == '_')) {
            p++;
            if (g_ascii_isalnum(p[1]) || (guchar)p[1] >= 0x80) /* "f()g": two words */
                g_string_append_c(out, ' ');
            continue;
        }
        g_string_append_c(out, *p);
    }
    return g_string_free(out, FALSE);
}

/* Whether q is plain words (no quotes, operators, fields, brackets,
 * wildcards or words that begin with + or -: a hyphen inside a word,
 * "existe-t-elle", is plain), two or more: then it can also be searched
 * as a phrase. */
gboolean query_plain_words(const char *q)
{
    if (strpbrk(q, "\"():*") != NULL)
        return FALSE;
    char **words = g_strsplit_set(q, " \t", -1);
    int n = 0;
    gboolean ok = TRUE;
    for (char **w = words; *w != NULL; w++) {
        if (**w == '\0')
            continue;
        n++;
        ok &= !text_is_operator(*w, strlen(*w)) && **w != '-' && **w != '+';
    }
    g_strfreev(words);
    return ok && n >= 2;
}

/* Makes err, a failure caused by the user's query q, a 400 (VERR_PARSE)
 * that says so first. */
static void query_refused(verr *err, const char *what, const char *q)
{
    char *why = g_strdup(err->msg); /* verr_set writes into err->msg */
    verr_set(err, VERR_PARSE, "query", "%s : %s (« %s »)", what, why, q);
    g_free(why);
}

/* A QueryParser for s's index with the daemon's settings t, the field
 * prefixes and, with qe, the expansions' field.  NULL with err. */
static xap_qparser *parser_new(searcher *s, const search_tuning *t, query_expansion *qe,
                               verr *err)
{
    xap_qparser *qp = xap_qparser_new(err);
    if (qp == NULL || xap_qparser_set_stemmer(qp, searcher_stem(s), err) != 0 ||
        xap_qparser_set_stopper(qp, searcher_stopper(s), err) != 0 ||
        xap_qparser_set_default_op(qp, XAP_OP_AND, err) != 0 ||
        xap_qparser_set_stem_strategy(qp, t->stem, err) != 0 ||
        xap_qparser_add_prefix(qp, "titre", PFX_TITLE, err) != 0 ||
        xap_qparser_add_prefix(qp, "auteur", PFX_AUTHOR, err) != 0 ||
        xap_qparser_add_prefix(qp, "organisation", PFX_ORGANISATION, err) != 0 ||
        xap_qparser_set_database(qp, searcher_db(s), err) != 0 ||
        (qe != NULL && xap_qparser_add_field_fn(qp, EXPANSION_FIELD, expansion_field_query, qe,
                                                err) != 0)) {
        xap_qparser_free(qp);
        return NULL;
    }
    return qp;
}

/* Extra weight for the typed words (folded, without the thesaurus's
 * expansions, which the title would duplicate unprefixed) in the title,
 * and for them in order.  A boost the parser cannot make is left out: the
 * query stands without it.  Takes out; NULL on error. */
static xap_query *with_boosts(xap_qparser *qp, xap_query *out, const char *folded,
                              const search_tuning *t, verr *err)
{
    unsigned flags = XAP_QP_DEFAULT | XAP_QP_PURE_NOT;
    verr unparsed;
    if (t->title_boost > 0) {
        xap_query *title = NULL;
        if (xap_qparser_parse_prefixed(qp, folded, flags, PFX_TITLE, &title, &unparsed) == 0 &&
            (out = combined(XAP_OP_AND_MAYBE, out, title, t->title_boost, err)) == NULL)
            return NULL;
    }
    if (t->phrase_boost > 0 && query_plain_words(folded)) {
        char *quoted = g_strdup_printf("\"%s\"", folded);
        xap_query *phrase = NULL;
        if (xap_qparser_parse(qp, quoted, flags, &phrase, &unparsed) == 0)
            out = combined(XAP_OP_AND_MAYBE, out, phrase, t->phrase_boost, err);
        g_free(quoted);
    }
    return out;
}

/* Query words this long have their start searched too, all but their
 * last PREFIX_CUT letters and at least PREFIX_MIN: French derives words
 * from a shared start that the stemmer keeps apart ("obligation" and
 * "obligatoire", "vaccinale" and "vaccination", "infirmier" and
 * "infirmière"). */
#define PREFIX_WORD_MIN 7
#define PREFIX_CUT 3
#define PREFIX_MIN 6

/* xap_term_cb: each term of a start, as a query, into ud. */
static int add_term_query(const char *term, size_t len, unsigned freq, void *ud)
{
    (void)freq;
    char *t = g_strndup(term, len);
    xap_query *q = xap_query_term(t, 1, NULL);
    g_free(t);
    if (q == NULL)
        return 1;
    g_ptr_array_add(ud, q);
    return 0;
}

/* out OR (the starts of folded's long words, each a synonym of the index's
 * words that begin with it, scaled by boost): what a relaxed query also
 * searches.  The words are listed from db, not left to a wildcard: over
 * shards Xapian 1.4 expands a wildcard in each shard on its own, and
 * weighs it differently from one index (measured: 32.88 for 30.08, the
 * first result another).  Takes out; NULL on error. */
static xap_query *with_prefixes(const xap_db *db, xap_query *out, const char *folded,
                                double boost, verr *err)
{
    GPtrArray *starts = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    char **words = g_strsplit_set(folded, " \t'", -1);
    for (char **p = words; *p != NULL && out != NULL; p++) {
        size_t n = strlen(*p), letters = strspn(*p, "abcdefghijklmnopqrstuvwxyz");
        if (n < PREFIX_WORD_MIN || letters != n) /* plain folded words only */
            continue;
        char *start = g_strndup(*p, MAX((size_t)PREFIX_MIN, n - PREFIX_CUT));
        GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
        if (xap_db_allterms(db, start, add_term_query, terms, err) != 0) {
            xap_query_free(out);
            out = NULL;
        } else if (terms->len > 0) {
            xap_query *synonym = xap_query_combine(XAP_OP_SYNONYM,
                                                   (xap_query *const *)terms->pdata, terms->len,
                                                   err);
            if (synonym != NULL)
                g_ptr_array_add(starts, synonym);
        }
        g_ptr_array_unref(terms);
        g_free(start);
    }
    g_strfreev(words);
    xap_query *prefixes = out != NULL && starts->len > 0
        ? xap_query_combine(XAP_OP_OR, (xap_query *const *)starts->pdata, starts->len, err)
        : NULL;
    g_ptr_array_unref(starts);
    return prefixes != NULL ? combined(XAP_OP_OR, out, prefixes, boost, err) : out;
}

/* strict (every word, boosted), relaxed: (strict scaled up) OR (any of
 * folded's words, boosted alike).  Takes strict; NULL on error. */
static xap_query *or_any_word(const xap_db *db, xap_qparser *qp, xap_query *strict,
                              const char *folded, const char *typed, const search_tuning *t,
                              verr *err)
{
    xap_query *any = NULL;
    if (xap_qparser_set_default_op(qp, XAP_OP_OR, err) != 0 ||
        xap_qparser_parse(qp, folded, XAP_QP_DEFAULT | XAP_QP_PURE_NOT, &any, err) != 0 ||
        (any = with_boosts(qp, any, typed, t, err)) == NULL) {
        xap_query_free(strict);
        return NULL;
    }
    xap_query *out = combined(XAP_OP_OR, any, strict, t->relax_strict_boost, err);
    return out != NULL && t->relax_prefix_boost > 0
        ? with_prefixes(db, out, folded, t->relax_prefix_boost, err) : out;
}

xap_query *query_text(searcher *s, const search_request *req, query_mode mode,
                      query_expansion **expanded, char **corrected, verr *err)
{
    gboolean spelling = mode == QUERY_SPELLING;
    const search_tuning *t = req->tuning != NULL ? req->tuning : &search_tuning_default;
    const char *q = req->q;
    xap_query *out = NULL;
    *expanded = NULL;
    *corrected = NULL;
    if (q == NULL || *q == '\0')
        return xap_query_all(err);
    query_expansion *qe = t->expand && req->v != NULL && req->m != NULL
        ? query_expansion_new(req->v, req->m, searcher_stem(s), searcher_concept_terms(s), q)
        : NULL;
    char *folded = query_fold(qe != NULL ? qe->text : q, !spelling);
    char *typed = qe != NULL ? query_fold(q, !spelling) : NULL;
    const char *boosted = typed != NULL ? typed : folded;
    xap_qparser *qp = parser_new(s, t, qe, err);
    if (qp == NULL)
        goto cleanup;
    if (xap_qparser_parse(qp, folded, XAP_QP_DEFAULT | XAP_QP_PURE_NOT |
                          (spelling ? XAP_QP_SPELLING_CORRECTION : 0), &out, err) != 0) {
        if (err != NULL && err->code == VERR_PARSE)
            query_refused(err, "requête mal formée", q);
        else if (err != NULL && err->code == VERR_UNSUPPORTED) /* NEAR or ADJ over more than words */
            query_refused(err, "requête non prise en charge", q);
        goto cleanup;
    }
    if (!spelling && boosted != NULL)
        out = with_boosts(qp, out, boosted, t, err);
    if (mode == QUERY_MOST_WORDS && out != NULL)
        out = or_any_word(searcher_db(s), qp, out, folded, boosted, t, err);
    /* "did you mean": only for what the user typed, not our expansions */
    if (spelling && (qe == NULL || qe->mentions->expansions->len == 0)) {
        char *c = NULL;
        if (xap_qparser_corrected(qp, &c, NULL) == 0 && *c != '\0')
            *corrected = g_strdup(c);
        free(c);
    }
cleanup:
    xap_qparser_free(qp);
    g_free(folded);
    g_free(typed);
    if (out != NULL)
        *expanded = qe;
    else
        query_expansion_free(qe);
    return out;
}

/* ---- Filters -------------------------------------------------------------------------- */

const GPtrArray *query_facet_values(const search_request *req, const facet_def *f)
{
    switch (f->id) {
    case FACET_THEME: return req->themes;
    case FACET_REGION: return req->regions;
    case FACET_TYPE: return req->types;
    case FACET_YEAR: return req->years;
    default: return NULL;
    }
}

xap_query *query_terms_filter(const GPtrArray *values, const char *prefix)
{
    if (values == NULL || values->len == 0)
        return NULL;
    GPtrArray *terms = g_ptr_array_new_with_free_func((GDestroyNotify)xap_query_free);
    for (guint i = 0; i < values->len; i++) {
        char *slug = text_slug(g_ptr_array_index(values, i));
        char *term = g_strconcat(prefix, slug, NULL);
        g_ptr_array_add(terms, xap_query_term(term, 1, NULL));
        g_free(term);
        g_free(slug);
    }
    xap_query *q = xap_query_combine(XAP_OP_OR, (xap_query *const *)terms->pdata, terms->len, NULL);
    g_ptr_array_unref(terms);
    return q;
}

/* The value range of req's dates (NULL: none).  -1 with err for a bad one. */
static int date_filter(const search_request *req, xap_query **out, verr *err)
{
    *out = NULL;
    if (req->date_from == NULL && req->date_to == NULL)
        return 0;
    char *lo = req->date_from != NULL ? query_date_bound(req->date_from, FALSE) : NULL;
    char *hi = req->date_to != NULL ? query_date_bound(req->date_to, TRUE) : NULL;
    int rc = -1;
    if ((req->date_from != NULL && lo == NULL) || (req->date_to != NULL && hi == NULL))
        verr_set(err, VERR_PARSE, "date", "date invalide (attendu AAAA ou AAAA-MM-JJ)");
    else if ((*out = xap_query_value_range(SLOT_DATE, lo, hi, err)) != NULL)
        rc = 0;
    g_free(lo);
    g_free(hi);
    return rc;
}

/* Arrivals on or after req->added_since (NULL: none).  -1 with err for a
 * bad day. */
static int added_filter(const search_request *req, xap_query **out, verr *err)
{
    *out = NULL;
    if (req->added_since == NULL)
        return 0;
    /* "YYYYMMDD" sorts before every "YYYYMMDDhhmmss" of that day */
    char *lo = query_date_bound(req->added_since, FALSE);
    if (lo == NULL) {
        verr_set(err, VERR_PARSE, "date", "date d'arrivée invalide (attendu AAAA ou AAAA-MM-JJ)");
        return -1;
    }
    *out = xap_query_value_range(SLOT_ADDED, lo, NULL, err);
    g_free(lo);
    return *out != NULL ? 0 : -1;
}

int query_fixed_filters(const search_request *req, xap_query **out, verr *err)
{
    xap_query *parts[4] = { NULL, NULL, query_terms_filter(req->langs, PFX_LANG),
                            query_terms_filter(req->sources, PFX_SOURCE) };
    size_t k = 0;
    *out = NULL;
    if (date_filter(req, &parts[0], err) != 0 || added_filter(req, &parts[1], err) != 0) {
        for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
            xap_query_free(parts[i]);
        return -1;
    }
    xap_query *present[4];
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
        if (parts[i] != NULL)
            present[k++] = parts[i];
    if (k == 1) {
        *out = present[0];
        return 0;
    }
    if (k > 1)
        *out = xap_query_combine(XAP_OP_AND, present, k, err);
    for (size_t i = 0; i < k; i++)
        xap_query_free(present[i]);
    return 0;
}

xap_query *query_filtered(xap_query *base, xap_query *const *filters, size_t n, xap_query *fixed,
                          int skip, verr *err)
{
    xap_query *parts[FACET_COUNT + 1];
    size_t k = 0;
    for (size_t f = 0; f < n && f < FACET_COUNT; f++)
        if (filters[f] != NULL && (int)f != skip)
            parts[k++] = filters[f];
    if (fixed != NULL)
        parts[k++] = fixed;
    if (k == 0)
        return xap_query_combine(XAP_OP_AND, &base, 1, err);
    xap_query *all = xap_query_combine(XAP_OP_AND, parts, k, err);
    xap_query *pair[2] = { base, all };
    xap_query *q = xap_query_combine(XAP_OP_FILTER, pair, 2, err);
    xap_query_free(all);
    return q;
}
