/* spelling.c - one misspelt word's best correction (spelling.h). */
#include "spelling.h"

#include <glib.h>
#include <string.h>

#define MAX_EDITS 2
#define MAX_LEN 40

/* Optimal string alignment distance of a and b (bytes of folded text),
 * or MAX_EDITS + 1 when it is larger. */
static guint edits(const char *a, gsize n, const char *b, gsize m)
{
    if (n > MAX_LEN || m > MAX_LEN || (n > m ? n - m : m - n) > MAX_EDITS)
        return MAX_EDITS + 1;
    guint d[MAX_LEN + 1][MAX_LEN + 1];
    for (gsize i = 0; i <= n; i++)
        d[i][0] = (guint)i;
    for (gsize j = 0; j <= m; j++)
        d[0][j] = (guint)j;
    for (gsize i = 1; i <= n; i++)
        for (gsize j = 1; j <= m; j++) {
            guint best = MIN(d[i - 1][j] + 1, d[i][j - 1] + 1);
            best = MIN(best, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                best = MIN(best, d[i - 2][j - 2] + 1);
            d[i][j] = best;
        }
    return MIN(d[n][m], MAX_EDITS + 1);
}

typedef struct {
    const char *w;
    gsize n;
    guint best_edits;
    gsize best_prefix;
    unsigned best_freq;
    char *best;
} search_ctx;

static int on_term(const char *term, size_t len, unsigned freq, void *ud)
{
    search_ctx *c = ud;
    if (strspn(term, "abcdefghijklmnopqrstuvwxyz") < len) /* words only, no prefixed term */
        return 0;
    guint e = edits(c->w, c->n, term, len);
    if (e == 0 || e > MAX_EDITS)
        return 0;
    gsize prefix = 0;
    while (prefix < len && prefix < c->n && term[prefix] == c->w[prefix])
        prefix++;
    gboolean better = c->best == NULL || e < c->best_edits ||
                      (e == c->best_edits && (prefix > c->best_prefix ||
                                              (prefix == c->best_prefix && freq > c->best_freq)));
    if (better) {
        g_free(c->best);
        c->best = g_strndup(term, len);
        c->best_edits = e;
        c->best_prefix = prefix;
        c->best_freq = freq;
    }
    return 0;
}

char *spelling_candidate(const xap_db *db, const char *w)
{
    gsize n = strlen(w);
    if (db == NULL || n < 4 || n > MAX_LEN)
        return NULL;
    char start[2] = { w[0], '\0' };
    search_ctx c = { w, n, MAX_EDITS + 1, 0, 0, NULL };
    if (xap_db_allterms(db, start, on_term, &c, NULL) != 0) {
        g_free(c.best);
        return NULL;
    }
    return c.best;
}
