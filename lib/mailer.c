/* mailer.c - one e-mail through sendmail (mailer.h). */
#include "mailer.h"
#include "child.h"
#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

gboolean mailer_address_ok(const char *address)
{
    if (address == NULL || strlen(address) > 254 || !g_utf8_validate(address, -1, NULL))
        return FALSE;
    const char *at = strchr(address, '@');
    if (at == NULL || at == address || strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL ||
        at[1] == '.' || address[strlen(address) - 1] == '.')
        return FALSE;
    for (const char *c = address; *c != '\0'; c++)
        if ((unsigned char)*c <= ' ' || strchr("<>()[]\\,;:\"", *c) != NULL)
            return FALSE;
    return TRUE;
}

/* Whether s can stand in a header: no line break. */
static gboolean one_line(const char *s)
{
    return s != NULL && strpbrk(s, "\r\n") == NULL;
}

/* An RFC 2047 encoded word for a header holding non-ASCII text. */
static char *header_text(const char *s)
{
    gboolean ascii = TRUE;
    for (const char *c = s; *c != '\0'; c++)
        ascii &= (unsigned char)*c < 0x80;
    if (ascii)
        return g_strdup(s);
    char *b64 = g_base64_encode((const guchar *)s, strlen(s));
    char *word = g_strdup_printf("=?UTF-8?B?%s?=", b64);
    g_free(b64);
    return word;
}

char *mailer_message(const char *from, const char *to, const char *subject, const char *body,
                     const char *const *headers)
{
    if (!one_line(from) || !one_line(to) || !one_line(subject))
        return NULL;
    for (const char *const *h = headers; h != NULL && *h != NULL; h++)
        if (!one_line(*h))
            return NULL;
    GDateTime *now = g_date_time_new_now_utc();
    char *date = g_date_time_format(now, "%a, %d %b %Y %H:%M:%S +0000");
    g_date_time_unref(now);
    char *encoded = header_text(subject);
    GString *m = g_string_new(NULL);
    g_string_append_printf(m, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n"
                              "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                              "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n",
                           from, to, encoded, date);
    for (const char *const *h = headers; h != NULL && *h != NULL; h++)
        g_string_append_printf(m, "%s\r\n", *h);
    g_string_append(m, "\r\n");
    for (const char *line = body; *line != '\0';) { /* CRLF line ends */
        const char *end = strchr(line, '\n');
        gsize n = end != NULL ? (gsize)(end - line) : strlen(line);
        g_string_append_len(m, line, (gssize)n);
        g_string_append(m, "\r\n");
        line += n + (end != NULL);
    }
    g_free(encoded);
    g_free(date);
    return g_string_free(m, FALSE);
}

/* The watchdog's sendmail, for its signal handler (0: none yet). */
static volatile pid_t watched;

static void on_parent_death(int sig)
{
    (void)sig;
    if (watched > 0)
        kill(watched, SIGKILL);
    _exit(128 + SIGTERM);
}

/* The child between the caller and sendmail, which it runs with stdin
 * already the message's pipe: a set-group-ID sendmail (postfix's is)
 * loses the parent's death signal at exec, so this one gets SIGTERM
 * when the caller dies, or when the caller gives up, and takes sendmail
 * with it.  Exits with sendmail's status. */
static void watchdog(pid_t parent, const char *sendmail, const char *to)
{
    sigset_t term, none;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigemptyset(&none);
    signal(SIGTERM, on_parent_death);
    sigprocmask(SIG_SETMASK, &term, NULL); /* no death before watched is known */
    child_detach_signal(parent, SIGTERM, -1, -1);
    pid_t self = getpid(), pid = fork();
    if (pid < 0)
        _exit(127);
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        sigprocmask(SIG_SETMASK, &none, NULL);
        child_detach(self, -1, -1);
        char *const argv[] = { (char *)sendmail, (char *)"-i", (char *)"--", (char *)to, NULL };
        execv(sendmail, argv);
        _exit(127);
    }
    watched = pid;
    sigprocmask(SIG_SETMASK, &none, NULL);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            _exit(127);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

int mailer_send(const char *sendmail, const char *to, const char *message, verr *err)
{
    int in[2];
    if (!mailer_address_ok(to)) {
        verr_set(err, VERR_INVALID, "mail", "adresse invalide");
        return -1;
    }
    if (pipe(in) != 0) {
        verr_set(err, VERR_IO, "mail", "pipe: %s", g_strerror(errno));
        return -1;
    }
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        verr_set(err, VERR_IO, "mail", "fork: %s", g_strerror(errno));
        close(in[0]);
        close(in[1]);
        return -1;
    }
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL); /* the parent's mask and ignores are its own */
        signal(SIGPIPE, SIG_DFL);
        int quiet = open("/dev/null", O_WRONLY); /* its messages would name the recipient */
        if (dup2(in[0], STDIN_FILENO) < 0 || quiet < 0 || dup2(quiet, STDERR_FILENO) < 0)
            _exit(127);
        watchdog(parent, sendmail, to);
    }
    close(in[0]);
    signal(SIGPIPE, SIG_IGN); /* a program that stops reading is an error, not a death */
    int wrote = fdio_write_all(in[1], message, strlen(message));
    close(in[1]);
    int status = 0;
    time_t deadline = time(NULL) + MAILER_TIMEOUT_S;
    pid_t done;
    while (((done = waitpid(pid, &status, WNOHANG)) == 0 || (done < 0 && errno == EINTR)) &&
           time(NULL) < deadline)
        g_usleep(20 * 1000);
    if (done == 0) {
        kill(pid, SIGTERM); /* the watchdog takes sendmail with it */
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        verr_set(err, VERR_TIMEOUT, "mail", "%s : plus de %d s", sendmail, MAILER_TIMEOUT_S);
        return -1;
    }
    if (done < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || wrote != 0) {
        verr_set(err, VERR_IO, "mail", "%s a échoué (statut %d)", sendmail,
                 done > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return -1;
    }
    return 0;
}
