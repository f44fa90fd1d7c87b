/*
 * html.h - the review page: a letter, or the changes between two, as one
 * self-contained HTML page for a person to check by eye.
 *
 * Pages are built as a libxml2 HTML tree, so that escaping is never done
 * by hand, from records (record.h): a page shows what `parse` found, the
 * same from a letter as from the YAML that parse wrote.
 */
#ifndef LP_HTML_H
#define LP_HTML_H

#include <libxml/tree.h>
#include <stdio.h>

#include "diff.h"
#include "record.h"

/* ---- building a page (html.c) ------------------------------------------ */

/* A new page: <!DOCTYPE html>, <head> with its title, the style sheet
 * and the generator; *body receives <body>. */
xmlDocPtr lp_html_page(const char *title, xmlNodePtr *body);
/* Write @doc to @out and free it. */
int lp_html_write(xmlDocPtr doc, FILE *out, lp_error *err);

/* An element @name (with class @cls, unless NULL) as the last child of
 * @parent, and text appended to an element. */
xmlNodePtr lp_html_el(xmlNodePtr parent, const char *name, const char *cls);
void lp_html_text(xmlNodePtr parent, const char *s);
void lp_html_textn(xmlNodePtr parent, const char *s, size_t n);
void lp_html_attr(xmlNodePtr node, const char *name, const char *value);
/* An element holding only @text. */
xmlNodePtr lp_html_el_text(xmlNodePtr parent, const char *name,
			   const char *cls, const char *text);
/* A printf into an element's text. */
void lp_html_printf(xmlNodePtr parent, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "Recommendation 4", "Recommendations 4, 5", or "Unnumbered pair". */
void lp_html_pair_name(const lp_rpair *p, char *buf, size_t n);
/* The stance badge of a pair: its words, not only its colour. */
void lp_html_stance(xmlNodePtr parent, const char *stance);

/* ---- the pages ---------------------------------------------------------- */

/* One page for the letters of @recs (parse -f html). */
int lp_emit_html(lp_record *const *recs, size_t n, FILE *out, lp_error *err);

/* lp_diff_emit_html (diff -f html) is declared in diff.h. */

#endif
