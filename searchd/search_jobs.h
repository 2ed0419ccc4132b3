/* search_jobs.h - searches and feeds handed to the pool of search threads.
 *
 * A search or feed request is parsed in the connection's thread, looked up
 * in the answer cache there (a hit needs no search thread), else run by a
 * thread of the pool while the connection waits suspended, and answered in
 * the connection's thread again.  The threads take jobs in arrival order
 * whatever connection they came on, so a slow search delays nobody else's
 * on the same keep-alive connection or the same libmicrohttpd thread;
 * costly ones (params_costly) go to a lane of their own. */
#ifndef VEILLE_SEARCH_JOBS_H
#define VEILLE_SEARCH_JOBS_H

#include <microhttpd.h>
#include "request.h"
#include "server.h"

/* GET /api/search (atom FALSE) or /feed.atom (atom TRUE: the same search,
 * newest first, as Atom): on the first call the job is made and handed
 * over (rq->job), on the call that follows the pool's wake-up it is
 * answered. */
enum MHD_Result search_job_answer(server *sv, request *rq, const char *url, gboolean atom);

/* GThreadPool function of sv->pool and sv->costly (user data: the
 * server): runs a job, then wakes its connection up. */
void search_job_worker(gpointer job, gpointer sv);

void search_job_free(search_job *j);

#endif
