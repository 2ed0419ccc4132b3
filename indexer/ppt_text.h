/* ppt_text.h - the slides' text of a PowerPoint 97-2003 presentation,
 * from its "PowerPoint Document" stream (olefile.h).
 *
 * The stream is a tree of records ([MS-PPT] 2.3.1: a version and
 * instance, a type, a length).  Text lives in TextCharsAtom (UTF-16) and
 * TextBytesAtom (8-bit) records: inside the document's slide list for the
 * placeholders (titles, bullet points), one SlidePersistAtom per slide in
 * presentation order, and inside each Slide container for the other text
 * boxes.  Masters, notes and handouts are left out.  catppt, Debian's
 * reader, reads only the first kind, and LibreOffice writes every box as
 * the second: both are read here, and a text seen twice on a slide is
 * kept once.  The walk is bounded by the stream's length, the nesting
 * depth and EXTRACT_MAX_TEXT. */
#ifndef VEILLE_PPT_TEXT_H
#define VEILLE_PPT_TEXT_H

#include <glib.h>
#include "verr.h"

/* Appends the text of each slide of the stream (len bytes at data) to
 * text, a form feed between slides.  Returns the slide count, or -1 with
 * err set when the stream holds no record at all. */
int ppt_text_read(const guint8 *data, gsize len, GString *text, verr *err);

#endif
