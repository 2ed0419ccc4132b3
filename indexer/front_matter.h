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

/* Reads the front matter (the len bytes front_matter_length measured)
 * and sets out's title (cut as every title is, title_clean), summary
 * (description, summary, subtitle), authors (author, authors: a name or a
 * list), keywords (tags, keywords, categories: joined with ", "), date and
 * lang from the mapping's top-level keys; other keys are ignored.  A
 * block libyaml refuses (French typography puts a space before a colon:
 * "title: Séminaire : Les CLS") is read a line at a time as "key: value".
 * Returns how many known keys it applied: 0 means the block is no front
 * matter (a text between two horizontal rules), and the caller keeps it as
 * text. */
guint front_matter_read(const char *text, gsize len, docmeta *out);

#endif
