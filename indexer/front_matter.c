/* front_matter.c - a Markdown file's YAML front matter, read with libyaml's
 * document loader (front_matter.h).  The loader keeps aliases as
 * references to one node, and only top-level scalars and lists of
 * scalars are read here, so a hostile block cannot make the reading
 * grow. */
#include "front_matter.h"
#include "text.h"
#include "title.h"

#include <string.h>
#include <yaml.h>

/* How far into a file its front matter may end. */
#define FRONT_MATTER_MAX (64u * 1024u)

/* The length of the line at p (up to end), its line break excluded, and
 * where the next line starts in *next. */
static gsize line_at(const char *p, const char *end, const char **next)
{
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    *next = eol != NULL ? eol + 1 : end;
    gsize n = (gsize)((eol != NULL ? eol : end) - p);
    if (n > 0 && p[n - 1] == '\r')
        n--;
    return n;
}

static gboolean is_fence(const char *line, gsize n, gboolean closing)
{
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    return (n == 3 && memcmp(line, "---", 3) == 0) ||
           (closing && n == 3 && memcmp(line, "...", 3) == 0);
}

gsize front_matter_length(const char *text, gsize len)
{
    const char *end = text + MIN(len, (gsize)FRONT_MATTER_MAX);
    const char *p = text, *next;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) /* a byte order mark */
        p += 3;
    if (!is_fence(p, line_at(p, end, &next), FALSE))
        return 0;
    for (p = next; p < end; p = next) {
        gsize n = line_at(p, end, &next);
        if (is_fence(p, n, TRUE))
            return (gsize)(next - text);
    }
    return 0;
}

/* A scalar node's value, cleaned and squashed; NULL if node is not a
 * non-empty scalar.  Caller frees. */
static char *scalar_text(const yaml_node_t *node)
{
    if (node == NULL || node->type != YAML_SCALAR_NODE || node->data.scalar.length == 0)
        return NULL;
    char *clean = text_clean((const char *)node->data.scalar.value,
                             (gssize)node->data.scalar.length);
    char *squashed = text_squash_space(clean);
    g_free(clean);
    if (*squashed == '\0') {
        g_free(squashed);
        return NULL;
    }
    return squashed;
}

/* Each scalar of node (a scalar, or a list of scalars) added to out. */
static void collect_scalars(yaml_document_t *doc, const yaml_node_t *node, GPtrArray *out)
{
    if (node != NULL && node->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *i = node->data.sequence.items.start;
             i < node->data.sequence.items.top; i++) {
            char *s = scalar_text(yaml_document_get_node(doc, *i));
            if (s != NULL)
                g_ptr_array_add(out, s);
        }
        return;
    }
    char *s = scalar_text(node);
    if (s != NULL)
        g_ptr_array_add(out, s);
}

static gboolean key_is(const char *key, const char *const *names)
{
    for (size_t i = 0; names[i] != NULL; i++)
        if (g_ascii_strcasecmp(key, names[i]) == 0)
            return TRUE;
    return FALSE;
}

/* Applies one top-level key and its value to out. */
static void apply_key(yaml_document_t *doc, const char *key, const yaml_node_t *value,
                      docmeta *out)
{
    static const char *const titles[] = { "title", "titre", NULL };
    static const char *const summaries[] = { "description", "summary", "resume", "résumé",
                                             "subtitle", "sous-titre", NULL };
    static const char *const authors[] = { "author", "authors", "auteur", "auteurs", NULL };
    static const char *const keywords[] = { "tags", "keywords", "categories", "mots-cles",
                                            "mots-clés", NULL };
    static const char *const dates[] = { "date", "publishdate", NULL };
    static const char *const langs[] = { "lang", "language", "langue", NULL };

    GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
    collect_scalars(doc, value, values);
    const char *first = values->len > 0 ? g_ptr_array_index(values, 0) : NULL;
    if (first == NULL) {
        /* nothing to read */
    } else if (key_is(key, titles)) {
        char *title = title_clean(first); /* a title's length, whatever the block says */
        docmeta_set(&out->title, title);
        g_free(title);
    } else if (key_is(key, summaries) && out->summary == NULL) {
        docmeta_set(&out->summary, first);
    } else if (key_is(key, authors)) {
        for (guint i = 0; i < values->len; i++)
            docmeta_add(out->authors, g_ptr_array_index(values, i));
    } else if (key_is(key, keywords)) {
        g_ptr_array_add(values, NULL);
        char *joined = g_strjoinv(", ", (char **)values->pdata);
        if (out->keywords != NULL) {
            char *both = g_strconcat(out->keywords, ", ", joined, NULL);
            g_free(joined);
            joined = both;
        }
        docmeta_set(&out->keywords, joined);
        g_free(joined);
    } else if (key_is(key, dates)) {
        char *d = docmeta_parse_date(first);
        if (d != NULL)
            docmeta_set(&out->date, d);
        g_free(d);
    } else if (key_is(key, langs) && strlen(first) >= 2) {
        char code[3] = { g_ascii_tolower(first[0]), g_ascii_tolower(first[1]), '\0' };
        docmeta_set(&out->lang, code);
    }
    g_ptr_array_unref(values);
}

gboolean front_matter_read(const char *text, gsize len, docmeta *out)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        return FALSE;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    gboolean ok = yaml_parser_load(&parser, &doc) != 0;
    yaml_parser_delete(&parser);
    if (!ok)
        return FALSE;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    ok = root != NULL && root->type == YAML_MAPPING_NODE;
    for (yaml_node_pair_t *pair = ok ? root->data.mapping.pairs.start : NULL;
         pair != NULL && pair < root->data.mapping.pairs.top; pair++) {
        char *key = scalar_text(yaml_document_get_node(&doc, pair->key));
        if (key != NULL)
            apply_key(&doc, key, yaml_document_get_node(&doc, pair->value), out);
        g_free(key);
    }
    yaml_document_delete(&doc);
    return ok;
}
