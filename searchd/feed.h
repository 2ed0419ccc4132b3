/* feed.h - any search as an Atom feed (RFC 4287) of its newest documents:
 * the documentary watch's "new on this theme in this region" alert. */
#ifndef VEILLE_FEED_H
#define VEILLE_FEED_H

/* Renders the JSON answer of a date-sorted search (search.h) as Atom.
 * self: the feed's own URL path and query; base: "http://host:port".
 * Returns the XML (caller frees with g_free) or NULL if json is not a
 * search answer. */
char *feed_from_search(const char *json, const char *base, const char *self);

#endif
