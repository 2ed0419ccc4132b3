/* front_matter.h - the YAML front matter of a Markdown file.
 *
 * Static site generators (Hugo, Jekyll, Pandoc) open a page with a YAML
 * block between two "---" lines that names it: title, description,
 * author, date, tags.  Read as text, that block would become the page's
 * first line, so its title ("author: Poitiers Collectif").  This module
 * finds the block, parses it with libyaml and copies the fields a
 * documentalist knows into a docmeta.  Nothing here allocates what the
 * caller must free but the docmeta's own fields. */
#ifndef VEILLE_FRONT_MATTER_H
#define VEILLE_FRONT_MATTER_H

#include <glib.h>
#include "docmeta.h"

/* The length in bytes of the front matter that opens text (len bytes),
 * both fences and the line break after the second included, or 0 when
 * text opens with none: "---" alone on the first line, then a closing
 * "---" or "..." alone on a line within the first 64 KiB. */
gsize front_matter_length(const char *text, gsize len);

/* Parses the front matter's YAML (the len bytes front_matter_length
 * measured) and sets out's title, summary (description, summary,
 * subtitle), authors (author, authors: a name or a list), keywords (tags,
 * keywords, categories: joined with ", "), date and lang from the
 * mapping's top-level keys; other keys are ignored.  Returns FALSE, with
 * out untouched, when the block is not a YAML mapping (a document that
 * merely opens with a horizontal rule). */
gboolean front_matter_read(const char *text, gsize len, docmeta *out);

#endif
