/* fuzz_markdown.c - the Markdown reader (indexer/extract_markdown.c and
 * front_matter.c: cmark, libyaml, then the HTML extractor) on any bytes,
 * as extract_text hands them over: converted to UTF-8 first.  Checks: it
 * returns 0, or -1 with a reason; text, title and summary are valid UTF-8;
 * the title is a title (title_clean's length) and comes with its source;
 * markdown_is_likely answers on the same text without failing. */
#include "fuzzutil.h"
#include "extract.h"
#include "text.h"
#include "title.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *utf8 = text_to_utf8((const char *)data, size, NULL);
    (void)markdown_is_likely(utf8);
    docmeta *m = docmeta_new();
    verr err;
    verr_clear(&err);
    int rc = extract_markdown_text(utf8, "/fuzz/page.md", m, &err);
    FUZZ_CHECK(rc == 0 || (rc == -1 && err.msg[0] != '\0'), "rc %d without a reason", rc);
    if (rc == 0) {
        if (m->text != NULL)
            fuzz_check_utf8("text", m->text);
        if (m->summary != NULL)
            fuzz_check_utf8("summary", m->summary);
        if (m->title != NULL) {
            fuzz_check_utf8("title", m->title);
            FUZZ_CHECK(g_utf8_strlen(m->title, -1) <= TITLE_MAX_CHARS + 1, "title of %ld characters",
                       g_utf8_strlen(m->title, -1));
            FUZZ_CHECK(m->title_source != NULL, "a title without its source");
        }
    }
    docmeta_free(m);
    g_free(utf8);
    return 0;
}
