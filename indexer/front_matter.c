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

/* Applies one top-level key and its values (strings) to out.  Whether
 * the key is one this module reads. */
static gboolean apply_key(const char *key, GPtrArray *values, docmeta *out)
{
    static const char *const titles[] = { "title", "titre", NULL };
    static const char *const summaries[] = { "description", "summary", "resume", "résumé",
                                             "subtitle", "sous-titre", NULL };
    static const char *const authors[] = { "author", "authors", "auteur", "auteurs", NULL };
    static const char *const keywords[] = { "tags", "keywords", "categories", "mots-cles",
                                            "mots-clés", NULL };
    static const char *const dates[] = { "date", "publishdate", NULL };
    static const char *const langs[] = { "lang", "language", "langue", NULL };

    const char *first = values->len > 0 ? g_ptr_array_index(values, 0) : NULL;
    gboolean known = TRUE;
    if (key_is(key, titles)) {
        char *title = first != NULL ? title_clean(first) : NULL; /* a title's length */
        docmeta_set(&out->title, title);
        g_free(title);
    } else if (key_is(key, summaries)) {
        if (out->summary == NULL)
            docmeta_set(&out->summary, first);
    } else if (key_is(key, authors)) {
        for (guint i = 0; i < values->len; i++)
            docmeta_add(out->authors, g_ptr_array_index(values, i));
    } else if (key_is(key, keywords)) {
        for (guint i = 0; i < values->len; i++) {
            const char *k = g_ptr_array_index(values, i);
            char *both = out->keywords != NULL ? g_strconcat(out->keywords, ", ", k, NULL)
                                               : g_strdup(k);
            docmeta_set(&out->keywords, both);
            g_free(both);
        }
    } else if (key_is(key, dates)) {
        char *d = first != NULL ? docmeta_parse_date(first) : NULL;
        if (d != NULL)
            docmeta_set(&out->date, d);
        g_free(d);
    } else if (key_is(key, langs)) {
        docmeta_set_lang(out, first);
    } else {
        known = FALSE;
    }
    return known;
}

/* The block read by libyaml: how many known keys it applied, or -1 when
 * it is not YAML at all (a syntax error). */
static int read_yaml(const char *text, gsize len, docmeta *out)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        return -1;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    gboolean parsed = yaml_parser_load(&parser, &doc) != 0;
    yaml_parser_delete(&parser);
    if (!parsed)
        return -1;
    int known = 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    gboolean mapping = root != NULL && root->type == YAML_MAPPING_NODE;
    for (yaml_node_pair_t *pair = mapping ? root->data.mapping.pairs.start : NULL;
         pair != NULL && pair < root->data.mapping.pairs.top; pair++) {
        char *key = scalar_text(yaml_document_get_node(&doc, pair->key));
        GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
        collect_scalars(&doc, yaml_document_get_node(&doc, pair->value), values);
        if (key != NULL && apply_key(key, values, out))
            known++;
        g_ptr_array_unref(values);
        g_free(key);
    }
    yaml_document_delete(&doc);
    return known;
}

/* A block libyaml refuses, read a line at a time as "key: value": what
 * people write by hand and YAML does not allow ("title: Séminaire : Les
 * CLS", a tab).  How many known keys it applied. */
static int read_key_lines(const char *text, gsize len, docmeta *out)
{
    static GRegex *key_line;
    if (g_once_init_enter(&key_line)) {
        GRegex *re = g_regex_new("^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(.*?)[ \t\r]*$",
                                 G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
        g_once_init_leave(&key_line, re);
    }
    char *block = text_clean(text, (gssize)len);
    GMatchInfo *mi = NULL;
    int known = 0;
    g_regex_match(key_line, block, 0, &mi);
    for (; g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
        char *key = g_match_info_fetch(mi, 1), *raw = g_match_info_fetch(mi, 2);
        gsize n = strlen(raw);
        if (n >= 2 && (raw[0] == '"' || raw[0] == '\'') && raw[n - 1] == raw[0]) {
            memmove(raw, raw + 1, n - 2); /* a quoted value, quotes off */
            raw[n - 2] = '\0';
        }
        GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
        if (*raw != '\0')
            g_ptr_array_add(values, text_squash_space(raw));
        if (apply_key(key, values, out))
            known++;
        g_ptr_array_unref(values);
        g_free(raw);
        g_free(key);
    }
    g_match_info_free(mi);
    g_free(block);
    return known;
}

guint front_matter_read(const char *text, gsize len, docmeta *out)
{
    int known = read_yaml(text, len, out);
    return known >= 0 ? (guint)known : (guint)read_key_lines(text, len, out);
}
