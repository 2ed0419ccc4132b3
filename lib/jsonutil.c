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

void jsonutil_add_int(JsonBuilder *b, const char *name, gint64 value)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
}

void jsonutil_add_string(JsonBuilder *b, const char *name, const char *value)
{
    json_builder_set_member_name(b, name);
    if (value != NULL)
        json_builder_add_string_value(b, value);
    else
        json_builder_add_null_value(b);
}

void jsonutil_add_strings(JsonBuilder *b, const char *name, const GPtrArray *values)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < values->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(values, i));
    json_builder_end_array(b);
}

void jsonutil_add_ints_if_any(JsonBuilder *b, const char *name, const GArray *values)
{
    if (values == NULL || values->len == 0)
        return;
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < values->len; i++)
        json_builder_add_int_value(b, g_array_index(values, int, i));
    json_builder_end_array(b);
}

void jsonutil_add_string_if_set(JsonBuilder *b, const char *name, const char *value)
{
    if (value != NULL)
        jsonutil_add_string(b, name, value);
}

void jsonutil_add_strings_if_any(JsonBuilder *b, const char *name, const GPtrArray *values)
{
    if (values->len > 0)
        jsonutil_add_strings(b, name, values);
}
