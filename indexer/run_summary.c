/* run_summary.c - what an indexing run did, for a person and as JSON
 * (run.h). */
#include "run.h"
#include "pending.h"

#include "jsonutil.h"
#include <string.h>

static void problem_free(gpointer p)
{
    run_problem *r = p;
    g_free(r->path);
    g_free(r->reason);
    g_free(r);
}

void run_summary_add_problem(GPtrArray *list, const char *path, const char *reason)
{
    run_problem *r = g_new0(run_problem, 1);
    r->path = g_strdup(path);
    r->reason = g_strdup(reason);
    g_ptr_array_add(list, r);
}

void run_summary_init(run_summary *s)
{
    memset(s, 0, sizeof *s);
    s->failures = g_ptr_array_new_with_free_func(problem_free);
    s->skips = g_ptr_array_new_with_free_func(problem_free);
    s->notes = g_ptr_array_new_with_free_func(g_free);
    s->requests = g_ptr_array_new_with_free_func((GDestroyNotify)pending_outcome_free);
}

void run_summary_clear(run_summary *s)
{
    if (s->failures != NULL) g_ptr_array_unref(s->failures);
    if (s->skips != NULL) g_ptr_array_unref(s->skips);
    if (s->notes != NULL) g_ptr_array_unref(s->notes);
    if (s->requests != NULL) g_ptr_array_unref(s->requests);
    memset(s, 0, sizeof *s);
}

void run_summary_print(const run_summary *s, FILE *out)
{
    guint done = s->added + s->updated;
    fprintf(out, "%s%u fichiers vus : %u ajoutés, %u mis à jour, %u inchangés, %u déplacés, "
            "%u supprimés, %u doublons, %u ignorés, %u en échec (+%u échecs ou ignorés connus, "
            "inchangés)\n", s->interrupted ? "Interrompu. " : "", s->walked, s->added, s->updated,
            s->unchanged + s->touched, s->moved, s->removed, s->duplicates, s->skipped, s->failed,
            s->failed_before);
    fprintf(out, "Durée : %.1f s, %.1f documents extraits par seconde (CPU : extraction "
            "%.1f s, indexation %.1f s)\n", s->seconds, s->seconds > 0 ? done / s->seconds : 0.0,
            s->cpu_extract, s->cpu_index);
    if (s->ocr_pages > 0 || s->ocr_skipped > 0) {
        fprintf(out, "OCR : %u %s dans %u %s", s->ocr_pages,
                s->ocr_pages > 1 ? "pages numérisées lues" : "page numérisée lue",
                s->ocr_documents, s->ocr_documents > 1 ? "documents" : "document");
        if (s->ocr_skipped > 0)
            fprintf(out, ", %u %s (OCR désactivé ou délai dépassé)", s->ocr_skipped,
                    s->ocr_skipped > 1 ? "non lues" : "non lue");
        fputc('\n', out);
    }
    if (s->failures->len > 0) {
        fprintf(out, "Échecs :\n");
        for (guint i = 0; i < s->failures->len; i++) {
            const run_problem *p = g_ptr_array_index(s->failures, i);
            fprintf(out, "  %s : %s\n", p->path, p->reason);
        }
    }
    if (s->skips->len > 0) {
        fprintf(out, "Ignorés (type non pris en charge) :\n");
        for (guint i = 0; i < s->skips->len; i++) {
            const run_problem *p = g_ptr_array_index(s->skips, i);
            fprintf(out, "  %s : %s\n", p->path, p->reason);
        }
    }
    if (s->notes->len > 0) {
        fprintf(out, "À corriger :\n");
        for (guint i = 0; i < s->notes->len; i++)
            fprintf(out, "  %s\n", (const char *)g_ptr_array_index(s->notes, i));
    }
}

/* name: [{path, reason}...] of list (run_problem *). */
static void add_problems(JsonBuilder *b, const char *name, const GPtrArray *list)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_array(b);
    for (guint i = 0; i < list->len; i++) {
        const run_problem *p = g_ptr_array_index(list, i);
        json_builder_begin_object(b);
        json_builder_set_member_name(b, "path");
        json_builder_add_string_value(b, p->path);
        json_builder_set_member_name(b, "reason");
        json_builder_add_string_value(b, p->reason);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
}

char *run_summary_json(const run_summary *s)
{
    JsonBuilder *b = json_builder_new();
    GDateTime *now = g_date_time_new_now_utc();
    char *when = g_date_time_format_iso8601(now);
    const struct { const char *name; guint value; } counts[] = {
        { "walked", s->walked }, { "added", s->added }, { "updated", s->updated },
        { "unchanged", s->unchanged + s->touched }, { "moved", s->moved },
        { "removed", s->removed }, { "duplicates", s->duplicates }, { "skipped", s->skipped }, { "failed", s->failed },
        { "failed_before", s->failed_before }, { "ocr_documents", s->ocr_documents },
        { "ocr_pages", s->ocr_pages }, { "ocr_skipped", s->ocr_skipped },
    };
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "finished");
    json_builder_add_string_value(b, when);
    for (size_t i = 0; i < G_N_ELEMENTS(counts); i++) {
        json_builder_set_member_name(b, counts[i].name);
        json_builder_add_int_value(b, counts[i].value);
    }
    json_builder_set_member_name(b, "seconds");
    json_builder_add_double_value(b, s->seconds);
    json_builder_set_member_name(b, "interrupted");
    json_builder_add_boolean_value(b, s->interrupted);
    add_problems(b, "failures", s->failures);
    add_problems(b, "skips", s->skips);
    json_builder_set_member_name(b, "notes");
    json_builder_begin_array(b);
    for (guint i = 0; i < s->notes->len; i++)
        json_builder_add_string_value(b, g_ptr_array_index(s->notes, i));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "requests");
    pending_outcomes_build(b, s->requests);
    json_builder_end_object(b);
    char *out = jsonutil_finish(b);
    g_free(when);
    g_date_time_unref(now);
    return out;
}
