/* source_place.h - the place a document's source address names: the site
 * that published it.
 *
 * A documentalist reads the region of a regional agency's or a town's page
 * from where it was published, even when the page never names it:
 * www.bretagne.ars.sante.fr, www.amiens.fr, ville-lehavre.fr, mda34.org,
 * lejournaldemayotte.yt.  From the host of a source URL (docmeta.source_url:
 * the catalogue's "source" column, a correction, an HTML page's canonical
 * address) this finds:
 *  - an overseas or regional top-level domain (.re, .gp, .mq, .gf, .yt,
 *    .corsica, .bzh, .alsace, .paris);
 *  - a host label that is a region's, former region's, department's or
 *    commune's name or acronym once folded and run together
 *    ("hauts-de-france", "neuillysurseine", "paca"), with an institution's
 *    word before or after it taken off ("chu-nimes", "ville-de-cholet");
 *  - an institution's acronym followed by a department number ("mda34",
 *    "caf13");
 *  - a label that begins with the name of a region or of a large commune
 *    ("montpellier3m", "corsenetinfos"), or ends with a region's
 *    ("promotion-sante-normandie", "cpias-grand-est", "promosante-idf");
 *  - a small commune's name of several words, whole ("saint-paul-de-vence").
 * Communes named like an ordinary word ("Orange", "Vue") count only after a
 * town's word ("ville-", "mairie-"), unless they are large (Bordeaux, Tours),
 * and never at a label's start ("parismatch"); other small communes need
 * one too.  A name several communes share counts only when one of them is
 * far the largest, a name a department shares with a commune of another
 * region (vienne) not at all, a saint's after a hospital's word
 * ("hopital-saint-andre") neither, nor a name that goes on ("saint-quentin-
 * en-yvelines").  Hosts of other countries' domains (.ch, .be) name none.
 * National sites (sante.gouv.fr) and hosts of copies (docplayer.fr) name no
 * place. */
#ifndef VEILLE_SOURCE_PLACE_H
#define VEILLE_SOURCE_PLACE_H

#include "vocab.h"

typedef struct source_places source_places;

/* The places of v, indexed by folded name (v must outlive the result). */
source_places *source_places_new(const vocab *v);
void source_places_free(source_places *s);

/* The place (a region, former region, department or town of the vocab,
 * borrowed) that url's host names, or NULL: none, or url is no http(s)
 * address.  When found and how is not NULL, *how gets what named it, in
 * French ("www.amiens.fr : Amiens (nom)"); caller frees. */
const vocab_concept *source_places_find(const source_places *s, const char *url, char **how);

#endif
