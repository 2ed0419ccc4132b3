/* fuzz_catalogue.c - the documentalist's catalogue (index/catalogue.c)
 * from any bytes, with the project's thesaurus, in a folder holding a few
 * files its rows may name (a.pdf, b.pdf, "sous dossier/c.pdf", é.odt).
 * Checks: every problem names the file and a line, in line order, and is
 * valid UTF-8; the entries apply to a document. */
#include "fuzzutil.h"
#include "catalogue.h"
#include "tag.h"

#include <stdlib.h>
#include <string.h>

static char *csv_path;
static tagger *tags;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *dir = fuzz_tmpdir();
    const char *names[] = { "a.pdf", "b.pdf", "sous dossier/c.pdf", "é.odt" };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(dir, names[i], NULL);
        char *parent = g_path_get_dirname(p);
        g_mkdir_with_parents(parent, 0700);
        if (!g_file_set_contents(p, "x", 1, NULL))
            fuzz_fail("cannot write %s", p);
        g_free(parent);
        g_free(p);
    }
    csv_path = g_build_filename(dir, "catalogue.csv", NULL);
    tags = tagger_new(fuzz_vocab());
    return 0;
}

static void apply_all(const catalogue *c, const char *dir)
{
    const char *names[] = { "a.pdf", "b.pdf", "sous dossier/c.pdf", "é.odt" };
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(dir, names[i], NULL);
        const catalogue_entry *e = catalogue_lookup(c, p);
        if (e != NULL) {
            docmeta *m = docmeta_new();
            catalogue_apply(e, m);
            tagger_apply(tags, m, FALSE, NULL);
            docmeta_free(m);
        }
        g_free(p);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    catalogue *c = catalogue_new();
    GPtrArray *problems = g_ptr_array_new_with_free_func(g_free);
    verr err;
    catalogue_set_tagger(c, tags);
    if (catalogue_load_bytes(c, csv_path, (const char *)data, size, problems, &err) != 0) {
        fuzz_check_utf8("error", err.msg);
        FUZZ_CHECK(catalogue_size(c) == 0 && problems->len == 0, "refused, yet rows were read");
    }
    size_t prefix = strlen(csv_path);
    unsigned long last = 0;
    for (guint i = 0; i < problems->len; i++) {
        const char *p = g_ptr_array_index(problems, i);
        fuzz_check_utf8("problem", p);
        FUZZ_CHECK(strncmp(p, csv_path, prefix) == 0 && p[prefix] == ':' &&
                   g_ascii_isdigit(p[prefix + 1]), "problem without FILE:LINE: %s", p);
        unsigned long line = strtoul(p + prefix + 1, NULL, 10);
        FUZZ_CHECK(line >= last, "problems out of line order: %lu after %lu", line, last);
        last = line;
    }
    apply_all(c, fuzz_tmpdir());
    g_ptr_array_unref(problems);
    catalogue_free(c);
    return 0;
}
