/* jsonutil.c - json-glib helpers (jsonutil.h). */
#include "jsonutil.h"

char *jsonutil_finish(JsonBuilder *b)
{
    JsonNode *root = json_builder_get_root(b);
    char *out = json_to_string(root, FALSE);
    json_node_unref(root);
    g_object_unref(b);
    return out;
}
