/* submit.c - queueing the documentalist's writes (submit.h). */
#include "submit.h"
#include "jsonutil.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

/* veille-index's exit status when the lock stayed held (EX_TEMPFAIL). */
#define EXIT_LOCKED 75

/* The path of veille-index: beside this binary, else on $PATH.  Caller
 * frees; NULL if there is none. */
static char *indexer_path(void)
{
    char *self = g_file_read_link("/proc/self/exe", NULL);
    char *dir = self != NULL ? g_path_get_dirname(self) : NULL;
    char *path = dir != NULL ? g_build_filename(dir, "veille-index", NULL) : NULL;
    if (path == NULL || !g_file_test(path, G_FILE_TEST_IS_EXECUTABLE)) {
        g_free(path);
        path = g_find_program_in_path("veille-index");
    }
    g_free(dir);
    g_free(self);
    return path;
}

/* In the child, before exec: it dies with the daemon's thread that waits
 * for it, and starts with no descriptor of the daemon's but its pipes
 * (g_spawn closes the others). */
static void child_setup(gpointer ud)
{
    (void)ud;
    prctl(PR_SET_PDEATHSIG, SIGTERM);
}

/* Runs veille-index --apply-pending on db_path.  OUT *summary: its --json
 * output (caller frees), *locked: whether the lock stayed held.  -1 with
 * err when it could not run or failed otherwise. */
static int run_applier(const char *db_path, char **summary, gboolean *locked, verr *err)
{
    char *indexer = indexer_path();
    char wait[16];
    g_snprintf(wait, sizeof wait, "%u", APPLY_LOCK_WAIT_S);
    const char *argv[] = { indexer, "--apply-pending", "--json", "--lock-wait", wait, "--db",
                           db_path, NULL };
    char *errout = NULL;
    int status = 0, rc = -1;
    GError *gerr = NULL;
    *summary = NULL;
    *locked = FALSE;
    if (indexer == NULL) {
        verr_set(err, VERR_INTERNAL, "apply", "veille-index introuvable");
        return -1;
    }
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, child_setup, NULL, summary,
                      &errout, &status, &gerr)) {
        verr_from_gerror(err, VERR_INTERNAL, gerr);
        g_clear_error(&gerr);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        rc = 0;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_LOCKED) {
        *locked = TRUE;
        rc = 0;
    } else {
        g_strstrip(errout);
        verr_set(err, VERR_INTERNAL, "apply", "veille-index s'est arrêté (statut %d) : %s",
                 status, *errout != '\0' ? errout : "sans message");
    }
    g_free(errout);
    g_free(indexer);
    return rc;
}

/* The outcome of request name in veille-index's summary, or NULL. */
static pending_outcome *outcome_in(const char *summary, const char *name)
{
    JsonNode *root = summary != NULL ? json_from_string(summary, NULL) : NULL;
    pending_outcome *found = NULL;
    JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
    JsonArray *list = o != NULL && json_object_has_member(o, "requests")
                          ? json_object_get_array_member(o, "requests") : NULL;
    for (guint i = 0; list != NULL && i < json_array_get_length(list) && found == NULL; i++) {
        pending_outcome *po = pending_outcome_from_node(json_array_get_element(list, i));
        if (po != NULL && strcmp(po->name, name) == 0)
            found = po;
        else
            pending_outcome_free(po);
    }
    if (root != NULL)
        json_node_unref(root);
    return found;
}

int submit_write(const char *db_path, pending_request *r, submit_result *out, verr *err)
{
    char *summary = NULL;
    gboolean locked = FALSE;
    memset(out, 0, sizeof *out);
    if (pending_submit(db_path, r, err) != 0)
        return -1;
    out->request = g_strdup(r->name);
    if (run_applier(db_path, &summary, &locked, err) != 0) {
        g_free(summary);
        return -1;
    }
    /* applied by this run, or by another writer just before it */
    pending_outcome *o = outcome_in(summary, r->name);
    if (o == NULL)
        o = pending_outcome_read(db_path, r->name);
    g_free(summary);
    if (o == NULL) {
        out->state = SUBMIT_PENDING;
        return 0;
    }
    out->state = o->applied ? SUBMIT_APPLIED : SUBMIT_FAILED;
    out->doc_id = g_strdup(o->doc_id);
    out->err = o->err;
    pending_outcome_free(o);
    return 0;
}

char *submit_pending_json(const submit_result *res)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "status");
    json_builder_add_string_value(b, "pending");
    json_builder_set_member_name(b, "request");
    json_builder_add_string_value(b, res->request);
    json_builder_set_member_name(b, "message");
    json_builder_add_string_value(b, "l'index est occupé par une indexation : la demande est "
                                     "enregistrée et sera appliquée dès qu'il sera libre");
    json_builder_end_object(b);
    return jsonutil_finish(b);
}

int submit_retry(const char *db_path, verr *err)
{
    GPtrArray *queue = pending_list(db_path, err);
    char *summary = NULL;
    gboolean locked;
    int rc = queue == NULL ? -1 : queue->len == 0 ? 0 : run_applier(db_path, &summary, &locked, err);
    g_free(summary);
    if (queue != NULL)
        g_ptr_array_unref(queue);
    return rc;
}

void submit_result_clear(submit_result *r)
{
    g_free(r->request);
    g_free(r->doc_id);
    memset(r, 0, sizeof *r);
}
