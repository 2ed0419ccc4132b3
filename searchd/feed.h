/* feed.h - any search as an Atom feed (RFC 4287) of its newest documents:
 * the documentary watch's "new on this theme in this region" alert. */
#ifndef VEILLE_FEED_H
#define VEILLE_FEED_H

#include "search_result.h"

/* Renders the result of a date-sorted search as Atom.  self: the feed's
 * own URL path and query; base: "http://host:port".  Returns the XML
 * (caller frees with g_free), or NULL if libxml2 fails. */
char *feed_render(const search_result *r, const char *base, const char *self);

#endif
