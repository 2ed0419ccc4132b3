/* fuzz_ppt.c - the PowerPoint record walker (indexer/ppt_text.c) on any
 * bytes, as a "PowerPoint Document" stream.  Checks: it returns a slide
 * count or -1 with a reason; the text is valid UTF-8, has one form feed
 * fewer than the slides, and stays within EXTRACT_MAX_TEXT plus the form
 * feeds. */
#include "fuzzutil.h"
#include "extract.h"
#include "ppt_text.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GString *text = g_string_new(NULL);
    verr err;
    verr_clear(&err);
    int slides = ppt_text_read(data, size, text, &err);
    FUZZ_CHECK(slides >= -1, "slide count %d", slides);
    if (slides < 0) {
        FUZZ_CHECK(err.code == VERR_PARSE && err.msg[0] != '\0', "failure without a reason");
        FUZZ_CHECK(text->len == 0, "text after a failure");
    } else {
        fuzz_check_utf8("ppt text", text->str);
        FUZZ_CHECK(strlen(text->str) == text->len, "NUL inside the text");
        int feeds = 0;
        for (const char *p = text->str; (p = strchr(p, '\f')) != NULL; p++)
            feeds++;
        FUZZ_CHECK(slides == 0 ? feeds == 0 : feeds == slides - 1, "%d slides, %d form feeds",
                   slides, feeds);
        FUZZ_CHECK(text->len <= EXTRACT_MAX_TEXT + (gsize)slides, "text of %zu bytes", text->len);
    }
    g_string_free(text, TRUE);
    return 0;
}
