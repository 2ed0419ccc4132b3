/* feed.h - any search as an Atom feed (RFC 4287) of its newest arrivals:
 * the documentary watch's "new on this theme in this region" alert.
 *
 * An entry is dated by the document's arrival in the collection
 * (<updated>), so that a 2015 report indexed today is new today; its own
 * date is <published>.  Entries link to the document's page on the site
 * (alternate, text/html), to its JSON (related) and to its file
 * (enclosure); the feed links to its search's page (alternate). */
#ifndef VEILLE_FEED_H
#define VEILLE_FEED_H

#include "search_result.h"

/* Renders the result of an arrival-sorted search as Atom.  self: the feed's
 * own URL path and query; base: "http://host:port".  Returns the XML
 * (caller frees with g_free), or NULL if libxml2 fails. */
char *feed_render(const search_result *r, const char *base, const char *self);

#endif
