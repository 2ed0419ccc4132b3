/* weburl.c - web addresses (weburl.h). */
#include "weburl.h"

GUri *weburl_parse(const char *s)
{
    GUri *uri = s != NULL ? g_uri_parse(s, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL)
                          : NULL;
    const char *scheme = uri != NULL ? g_uri_get_scheme(uri) : NULL;
    if (uri != NULL && (scheme == NULL || (g_ascii_strcasecmp(scheme, "http") != 0 &&
                                           g_ascii_strcasecmp(scheme, "https") != 0))) {
        g_uri_unref(uri);
        uri = NULL;
    }
    return uri;
}
