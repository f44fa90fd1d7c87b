/*
 * decode_html.c - read a letter published as a web page.
 *
 * libxml2's HTML parser builds the tree, with the network off.  The walk
 * keeps the main content (<main>, <article>, role="main", else <body>),
 * drops the site's chrome (navigation, header, footer, scripts, forms,
 * cookie banners, "Back to top" links) and writes what is left as text
 * with Markdown markup: headings as #, bold as **, list items as "- ",
 * blocks separated by blank lines.  The normaliser then treats it as it
 * treats a Markdown letter.
 *
 * The tree does not say where a text came from, so each text node is
 * found again in the source, from where the last one ended, with its
 * character references decoded: "&pound;2m" is "£2m", and a span over
 * it covers "&pound;2m" in the source.
 */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* libxml2 stops building the tree at this depth; a page that reaches it
 * is a nesting bomb, not a letter. */
#define MAX_DEPTH 256
/* The most cells of a row, and rows one cell spans, that a table whose
 * rows share an answer may have. */
#define MAX_CELLS 32
#define MAX_SHARED 20

typedef struct decoder {
	lp_doc *doc;
	lp_buf out;
	size_t cursor; /* source offset where the next text is looked for */
	int bold;      /* depth of open <strong> and <b> */
	int quote;     /* depth of open <blockquote>: its lines are written
			  "> ", as Markdown quotes */
	size_t bold_closed; /* where the last bold's closing "**" ends */
	bool numbered; /* the last table cell held only a row number */
	unsigned detail_from; /* the table's first column after the
				 response's, from 1; 0: none */
	unsigned stance_col;  /* the table's column of stances, from 1 */
	unsigned col;         /* the cell's column in its row, from 1 */
	/* A table of one answer's fields, a row each ("Response" over
	 * "Lead member" and "Deadline"): the rows after the response's
	 * are its details, as columns after the response's are. */
	bool after_response_row, detail_row;
	lp_table_cell *cells; /* see lp_doc */
	size_t ncells, cells_cap;
} decoder;

/* ---- finding text in the source -------------------------------------- */

/* Write code point @cp (valid, non-zero) as UTF-8; its length. */
static size_t utf8(long cp, char out[8])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t lp_html_reference(const unsigned char *src, size_t n, size_t p,
			 char out[8], size_t *outlen)
{
	size_t e = p + 1;
	while (e < n && e - p < 32 && src[e] != ';' && src[e] != '&' &&
	       src[e] != '<' && src[e] != ' ')
		e++;
	if (e >= n || src[e] != ';' || e == p + 1)
		return 0;
	char name[32];
	size_t len = e - p - 1;
	memcpy(name, src + p + 1, len);
	name[len] = '\0';
	long cp = -1;
	if (name[0] == '#') {
		char *end;
		cp = name[1] == 'x' || name[1] == 'X' ? strtol(name + 2, &end, 16)
							: strtol(name + 1, &end, 10);
		if (*end)
			return 0;
	} else {
		const htmlEntityDesc *ent = htmlEntityLookup((const xmlChar *)name);
		if (!ent)
			return 0;
		cp = (long)ent->value;
	}
	if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*outlen = utf8(cp, out);
	return e + 1 - p;
}

/* Does @text (@tn bytes) read at source offset @p?  On a match, fill
 * @map with the source offset of each text byte and return the source
 * offset just past it; else return 0. */
static size_t match_at(const decoder *d, const char *text, size_t tn,
		       size_t p, uint32_t *map)
{
	const unsigned char *src = d->doc->src;
	size_t n = d->doc->src_len, i = 0, q = p;
	while (i < tn) {
		if (q >= n)
			return 0;
		if (src[q] == '\r' && text[i] != '\r') {
			q++;
			continue;
		}
		if (src[q] == '&') {
			char buf[8];
			size_t blen = 0;
			size_t rl = lp_html_reference(src, n, q, buf, &blen);
			if (rl && blen <= tn - i && memcmp(text + i, buf, blen) == 0) {
				/* The first byte of the character maps to the '&',
				 * the last to the ';', so a span covers it all. */
				for (size_t k = 0; k < blen; k++)
					map[i + k] = (uint32_t)q;
				map[i + blen - 1] = (uint32_t)(q + rl - 1);
				i += blen;
				q += rl;
				continue;
			}
		}
		if ((unsigned char)text[i] != src[q])
			return 0;
		map[i++] = (uint32_t)q++;
	}
	return q;
}

/* Find @text in the source from the cursor on, skipping markup. */
static bool locate(decoder *d, const char *text, size_t tn, uint32_t *map)
{
	const unsigned char *src = d->doc->src;
	size_t n = d->doc->src_len;
	for (size_t p = d->cursor; p < n; p++) {
		if (src[p] == '<') {
			/* Skip the tag; a comment runs to "-->". */
			if (n - p > 4 && memcmp(src + p, "<!--", 4) == 0) {
				const unsigned char *end = NULL;
				for (size_t k = p + 4; k + 2 < n && !end; k++)
					if (src[k] == '-' && src[k + 1] == '-' &&
					    src[k + 2] == '>')
						end = src + k + 2;
				p = end ? (size_t)(end - src) : n;
			} else {
				const unsigned char *gt =
					memchr(src + p, '>', n - p);
				p = gt ? (size_t)(gt - src) : n;
			}
			continue;
		}
		size_t e = match_at(d, text, tn, p, map);
		if (e) {
			d->cursor = e;
			return true;
		}
	}
	return false;
}

/* ---- writing the decoded text ---------------------------------------- */

static uint32_t here(const decoder *d)
{
	return (uint32_t)(d->cursor < d->doc->src_len ? d->cursor
						      : d->doc->src_len);
}

/* Inside a block quote, a line's start: its "> ". */
static void quote_line(decoder *d)
{
	if (d->quote > 0 &&
	    (d->out.len == 0 || d->out.s[d->out.len - 1] == '\n'))
		lp_buf_put(&d->out, "> ", 2, here(d));
}

static void mark(decoder *d, const char *s)
{
	if (*s != '\n')
		quote_line(d);
	lp_buf_put(&d->out, s, strlen(s), here(d));
}

/* End the current block: a blank line, once. */
static void block_break(decoder *d)
{
	size_t n = d->out.len;
	if (n == 0 || (n >= 2 && d->out.s[n - 1] == '\n' &&
		       d->out.s[n - 2] == '\n'))
		return;
	mark(d, n && d->out.s[n - 1] == '\n' ? "\n" : "\n\n");
}

static void line_break(decoder *d)
{
	if (d->out.len && d->out.s[d->out.len - 1] != '\n')
		mark(d, "\n");
}

/* Append a text node's content, found in the source.  White space runs
 * fold to one space, as a browser shows them. */
static void text(decoder *d, const char *t)
{
	size_t tn = strlen(t);
	if (tn == 0)
		return;
	uint32_t *map = lp_xmalloc(tn * sizeof *map);
	if (!locate(d, t, tn, map))
		for (size_t k = 0; k < tn; k++)
			map[k] = here(d);
	for (size_t i = 0; i < tn; i++) {
		unsigned char c = (unsigned char)t[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			char last = d->out.len ? d->out.s[d->out.len - 1] : '\n';
			if (last != ' ' && last != '\n')
				lp_buf_put(&d->out, " ", 1, map[i]);
			continue;
		}
		quote_line(d);
		lp_buf_append(&d->out, t + i, map + i, 1);
	}
	free(map);
}

/* ---- the walk -------------------------------------------------------- */

static bool named(const xmlNode *n, const char *name)
{
	return n->name && strcasecmp((const char *)n->name, name) == 0;
}

static bool attr_has(const xmlNode *n, const char *attr, const char *word)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
	bool has = v && strcasestr((const char *)v, word) != NULL;
	xmlFree(v);
	return has;
}

/* Does superscript @n hold only a footnote's mark: a number, perhaps
 * in brackets, or an asterisk or dagger? */
static bool footnote_mark(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *c = t ? (const char *)t : "";
	size_t len = strlen(c), marks = strspn(c, "0123456789[]()*");
	bool mark = len > 0 && len <= 6 &&
		    (marks == len || strcmp(c, "\xE2\x80\xA0") == 0);
	xmlFree(t);
	return mark;
}

/* Is @n inside the page's main content (<main>, <article>)? */
static bool in_content(const xmlNode *n)
{
	for (const xmlNode *p = n->parent; p; p = p->parent)
		if (p->type == XML_ELEMENT_NODE &&
		    (named(p, "main") || named(p, "article") ||
		     attr_has(p, "role", "main")))
			return true;
	return false;
}

static int heading_level(const xmlNode *n)
{
	if (n->name && (n->name[0] == 'h' || n->name[0] == 'H') &&
	    n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == '\0')
		return n->name[1] - '0';
	return 0;
}

/* Site chrome and machinery, not the letter. */
static bool chrome(const xmlNode *n)
{
	static const char *const drop[] = {
		"script", "style", "noscript", "nav", "footer",
		"aside", "form", "button", "select", "textarea", "template",
		"svg", "iframe", "object", "head", "title", "meta", "link",
	};
	/* An accordion's button is its section's title ("<h3><button
	 * aria-controls=...>Recommendation 1: ...</button></h3>"). */
	if (named(n, "button") && n->parent &&
	    (heading_level(n->parent) || xmlHasProp(n, BAD_CAST "aria-controls")))
		return false;
	for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
		if (named(n, drop[i]))
			return true;
	/* The site's header; but a publication's own, inside the main
	 * content, holds its title and date ("Published 14 May 2024"). */
	if (named(n, "header") && !in_content(n))
		return true;
	if (attr_has(n, "role", "navigation") || attr_has(n, "role", "banner") ||
	    attr_has(n, "role", "contentinfo") || attr_has(n, "id", "cookie") ||
	    attr_has(n, "class", "cookie") || attr_has(n, "aria-hidden", "true"))
		return true;
	/* A footnote's mark ("<sup>[3]</sup>", a link to "#fn3") is not
	 * the sentence's: left in, it ran on the word before it. */
	if (named(n, "sup") && footnote_mark(n))
		return true;
	/* The list of footnotes a page ends with is apparatus: left in, it
	 * ran on the last response. */
	if (!named(n, "body") && !named(n, "main") &&
	    (attr_has(n, "class", "footnotes") ||
	     attr_has(n, "role", "doc-endnotes")))
		return true;
	if (named(n, "a")) {
		xmlChar *t = xmlNodeGetContent(n);
		bool top = t && strcasestr((const char *)t, "back to top");
		xmlFree(t);
		if (top)
			return true;
	}
	return false;
}

static bool block(const xmlNode *n)
{
	static const char *const blocks[] = {
		"p", "div", "section", "article", "main", "blockquote", "ul",
		"ol", "table", "tr", "dl", "dt", "dd", "address", "pre",
		"figure", "figcaption", "hr", "body", "center",
	};
	for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
		if (named(n, blocks[i]))
			return true;
	return false;
}

static void walk(decoder *d, const xmlNode *n, int depth);

/* Does table cell @n hold only a number ("1", "12."), or numbers
 * ("4 and 5", a row that answers two)?  A table of recommendations
 * numbers its rows so. */
static bool number_cell(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	const char *c = t ? (const char *)t : "";
	bool number = false;
	for (;;) {
		c += strspn(c, " \t\n\r");
		size_t digits = strspn(c, "0123456789");
		if (digits < 1 || digits > 3)
			break;
		c += digits;
		c += strspn(c, " \t\n\r");
		if (*c == '.' && c[1 + strspn(c + 1, " \t\n\r")] == '\0')
			c++;
		c += strspn(c, " \t\n\r");
		if (*c == '\0') {
			number = true;
			break;
		}
		/* another number: "4 and 5", "4, 5", "4 & 5" */
		if (*c == ',' || *c == '&')
			c++;
		else if (strncmp(c, "and ", 4) == 0)
			c += 4;
		else
			break;
	}
	xmlFree(t);
	return number;
}

/* Is all the text under @n bold: inside a <b> or <strong> (@bold), or
 * white space? */
static bool all_bold(const xmlNode *n, bool bold)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && !bold && n->content &&
		    ((const char *)n->content)[strspn(
			    (const char *)n->content, " \t\r\n")] != '\0')
			return false;
		if (n->type == XML_ELEMENT_NODE &&
		    !all_bold(n->children,
			      bold || named(n, "b") || named(n, "strong")))
			return false;
	}
	return true;
}

/* Does @pred hold for the text of @n and all under it? */
static bool content_is(const xmlNode *n, bool (*pred)(const char *, size_t))
{
	xmlChar *t = xmlNodeGetContent(n);
	bool yes = t && pred((const char *)t, strlen((const char *)t));
	xmlFree(t);
	return yes;
}

/* Is @n a table's first row, of column heads only: every cell a <th>
 * with scope="col" or none (a <th scope="row"> numbers its row); or, as
 * a word processor writes one, every cell bold and one naming the
 * response ("No. | Recommendation | PCC response")? */
static bool head_row(const xmlNode *n)
{
	if (!named(n, "tr"))
		return false;
	const xmlNode *prev = n->prev;
	while (prev && prev->type != XML_ELEMENT_NODE)
		prev = prev->prev;
	if (prev)
		return false; /* not the first row */
	bool th = true, bold = true, response = false, cells = false;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!named(c, "th") && !named(c, "td"))
			return false;
		th = th && named(c, "th") && !attr_has(c, "scope", "row");
		bold = bold && all_bold(c->children, false);
		response = response || content_is(c, lp_names_response);
		cells = true;
	}
	return cells && (th || (bold && response));
}

/* A table's head row: the first row of its <thead>, else its first row
 * when that is heads only (head_row); NULL when none. */
static const xmlNode *table_heads(const xmlNode *table)
{
	for (const xmlNode *c = table->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (named(c, "thead") || named(c, "tbody")) {
			for (const xmlNode *r = c->children; r; r = r->next)
				if (r->type == XML_ELEMENT_NODE && named(r, "tr"))
					return named(c, "thead") || head_row(r) ? r
										 : NULL;
			continue;
		}
		if (named(c, "tr"))
			return head_row(c) ? c : NULL;
	}
	return NULL;
}

/* The cells of row @tr, up to @max, into @out; how many. */
static size_t row_cells(const xmlNode *tr, const xmlNode **out, size_t max)
{
	size_t m = 0;
	for (const xmlNode *c = tr->children; c && m < max; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (named(c, "td") || named(c, "th")))
			out[m++] = c;
	return m;
}

/* Which of @table's columns are a row's details (lead officer,
 * timescale) and which its stance, by the names of its heads
 * (lp_table_columns): into @d. */
static void table_columns(decoder *d, const xmlNode *table)
{
	const xmlNode *heads = table_heads(table), *c[16];
	xmlChar *names[16];
	const char *s[16];
	size_t lens[16], n = heads ? row_cells(heads, c, 16) : 0;
	for (size_t j = 0; j < n; j++) {
		names[j] = xmlNodeGetContent(c[j]);
		s[j] = names[j] ? (const char *)names[j] : "";
		lens[j] = strlen(s[j]);
	}
	lp_table_columns(s, lens, n, &d->detail_from, &d->stance_col);
	for (size_t j = 0; j < n; j++)
		xmlFree(names[j]);
}

/* Is row @tr a field named for the response, its name in a head cell
 * and its text in one other: "<th>Response</th><td>Agreed. ...</td>"? */
static bool names_response_row(const xmlNode *tr)
{
	const xmlNode *c[3];
	return row_cells(tr, c, 3) == 2 && named(c[0], "th") &&
	       content_is(c[0], lp_names_response);
}

/* A table cell is a paragraph of its own, as a cell of prose reads;
 * but a cell that only numbers its row ("1") begins the next cell's
 * paragraph as a numbered one: "1. The Mayor should ...". */
static void table_cell(decoder *d, const xmlNode *n, int depth,
		       const char *more_numbers)
{
	if (d->numbered)
		mark(d, " ");
	else
		block_break(d);
	d->numbered = false;
	bool number = number_cell(n);
	d->col++;
	bool stance = d->col == d->stance_col;
	bool detail = (d->detail_from && d->col >= d->detail_from) ||
		      d->detail_row;
	/* The cell's entry is made before its contents', so that the
	 * cells of a table inside it come after it. */
	if (d->ncells == d->cells_cap)
		d->cells = lp_xrealloc(d->cells,
				       (d->cells_cap = 2 * d->cells_cap + 16) *
					       sizeof *d->cells);
	size_t at = d->ncells++;
	d->cells[at] = (lp_table_cell){
		.start = d->out.len,
		.kind = stance ? LP_CELL_STANCE
			: detail ? LP_CELL_DETAIL
				 : LP_CELL_TEXT,
	};
	if (depth < MAX_DEPTH)
		walk(d, n->children, depth + 1);
	d->cells[at].end = d->out.len;
	if (number) {
		/* "5", or "5." of a paragraph of its own: "5 and 6." */
		while (d->out.len > d->cells[at].start &&
		       strchr(" \n.", d->out.s[d->out.len - 1]))
			d->out.len--;
		if (more_numbers)
			mark(d, more_numbers);
		mark(d, ".");
		d->numbered = true;
	}
}

static const xmlNode *next_row(const xmlNode *tr)
{
	for (const xmlNode *r = tr->next; r; r = r->next)
		if (r->type == XML_ELEMENT_NODE)
			return named(r, "tr") ? r : NULL;
	return NULL;
}

static long rowspan(const xmlNode *cell)
{
	xmlChar *v = xmlGetProp(cell, (const xmlChar *)"rowspan");
	long k = v ? strtol((const char *)v, NULL, 10) : 1;
	xmlFree(v);
	return k > 1 && k <= MAX_SHARED ? k : 1;
}

/* Does row @tr end in cells that span the rows below it (a response
 * with rowspan="2": one answer to two recommendations), each of those
 * rows having just the cells before them?  How many rows they span,
 * and in *@first the first of them; else 1. */
static long rows_sharing(const xmlNode *tr, size_t *first)
{
	const xmlNode *c[MAX_CELLS];
	size_t m = row_cells(tr, c, MAX_CELLS), s = 0;
	while (s < m && rowspan(c[s]) == 1)
		s++;
	if (s == 0 || s == m)
		return 1;
	long k = rowspan(c[s]);
	for (size_t j = s; j < m; j++)
		if (rowspan(c[j]) != k)
			return 1;
	const xmlNode *r = tr;
	for (long i = 1; i < k; i++)
		if (!(r = next_row(r)) || row_cells(r, c, MAX_CELLS) != s)
			return 1;
	*first = s;
	return k;
}

/* Rows @tr and the @k - 1 below it, whose cells from the @s-th on span
 * them all: written as one row of the recommendations that one answer
 * answers, numbered "5 and 6" where each row's first cell numbers it,
 * as a table whose row says so reads.  Each cell's text is found in the
 * source from where it starts, the shared cells' before the rows
 * below.  The last of the rows. */
static const xmlNode *shared_rows(decoder *d, const xmlNode *tr, long k,
				  size_t s, int depth)
{
	const xmlNode *c[MAX_CELLS], *rc[MAX_CELLS];
	size_t m = row_cells(tr, c, MAX_CELLS);
	bool numbered = number_cell(c[0]);
	char more[MAX_SHARED * 8] = "";
	const xmlNode *r = tr;
	for (long i = 1; i < k && numbered; i++) {
		r = next_row(r);
		row_cells(r, rc, MAX_CELLS);
		xmlChar *t = xmlNodeGetContent(rc[0]);
		const char *p = t ? (const char *)t : "";
		p += strspn(p, " \t\r\n");
		size_t len = strlen(more);
		snprintf(more + len, sizeof more - len, " and %.*s",
			 (int)strcspn(p, " \t\r\n."), p);
		xmlFree(t);
		numbered = number_cell(rc[0]);
	}
	d->col = 0;
	table_cell(d, c[0], depth, numbered ? more : NULL);
	for (size_t j = 1; j < s; j++)
		table_cell(d, c[j], depth, NULL);
	size_t shared_from = d->cursor;
	r = tr;
	for (long i = 1; i < k; i++) {
		r = next_row(r);
		row_cells(r, rc, MAX_CELLS);
		d->col = numbered; /* its number is in the first row's */
		for (size_t j = numbered; j < s; j++)
			table_cell(d, rc[j], depth, NULL);
	}
	size_t rows_end = d->cursor;
	d->cursor = shared_from;
	d->col = (unsigned)s;
	for (size_t j = s; j < m; j++)
		table_cell(d, c[j], depth, NULL);
	if (d->cursor < rows_end)
		d->cursor = rows_end;
	return r;
}

/* The number an ordered list gives its first item: its start
 * attribute, or 1. */
static long list_start(const xmlNode *ol)
{
	xmlChar *v = xmlGetProp(ol, (const xmlChar *)"start");
	long start = v ? strtol((const char *)v, NULL, 10) : 1;
	xmlFree(v);
	return start > 0 && start < 100000 ? start : 1;
}

/* Is @n inside a list's item?  An ordered list there is a list of the
 * item's parts, whose numbers the browser draws ("a.", "b."): they are
 * no more the text than a bullet is.  The items of an outer list keep
 * theirs, which number the recommendations. */
static bool in_list_item(const xmlNode *n)
{
	for (const xmlNode *p = n->parent; p; p = p->parent)
		if (p->type == XML_ELEMENT_NODE && named(p, "li"))
			return true;
	return false;
}

/* Is @t one of Word's conditional marks, "<![if !supportLists]>" or
 * "<![endif]>", which the HTML parser leaves as text?  They say which
 * text older browsers show (a list's number, drawn as text), and are
 * not text themselves. */
static bool word_conditional(const char *t)
{
	t += strspn(t, " \t\r\n");
	size_t n = strlen(t);
	while (n && strchr(" \t\r\n", t[n - 1]))
		n--;
	return n >= 5 && strncmp(t, "<![", 3) == 0 &&
	       strncmp(t + n - 2, "]>", 2) == 0 && !memchr(t + 3, '<', n - 3);
}

/* Does @n's text go on a word, or a line, rather than start a word: is
 * its first character a lower-case letter or a space? */
static bool goes_on(const xmlNode *n)
{
	xmlChar *t = xmlNodeGetContent(n);
	bool on = t && (islower((unsigned char)t[0]) || t[0] == ' ');
	xmlFree(t);
	return on;
}

static void walk(decoder *d, const xmlNode *n, int depth)
{
	/* The items of an ordered list keep their numbers ("1. That the
	 * Council ..."), as a numbered paragraph of the letter. */
	bool ordered = n && n->parent && named(n->parent, "ol") &&
		       !in_list_item(n->parent);
	long item = ordered ? list_start(n->parent) : 0;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!word_conditional((const char *)n->content))
				text(d, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || chrome(n))
			continue;
		if (named(n, "tr")) {
			d->col = 0;
			d->detail_row = d->after_response_row;
			d->after_response_row |= names_response_row(n);
			size_t s;
			long k = rows_sharing(n, &s);
			if (k > 1) {
				block_break(d);
				n = shared_rows(d, n, k, s, depth + 1);
				block_break(d);
				continue;
			}
		}
		int h = heading_level(n);
		bool strong = named(n, "strong") || named(n, "b");
		if (h) {
			block_break(d);
			static const char hashes[] = "###### ";
			mark(d, hashes + 6 - h);
		} else if (named(n, "li") && ordered) {
			char number[24];
			snprintf(number, sizeof number, "%ld. ", item++);
			line_break(d);
			mark(d, number);
		} else if (named(n, "li")) {
			line_break(d);
			mark(d, "- ");
		} else if (named(n, "br")) {
			mark(d, "\n");
		} else if (named(n, "td") || named(n, "th")) {
			table_cell(d, n, depth, NULL);
			continue;
		} else if ((named(n, "thead") || head_row(n)) &&
			   !content_is(n, lp_heads_of_figures)) {
			/* The names of a table's columns ("No.",
			 * "Recommendation", "Response") are not text, as a
			 * Markdown table's head is not; a table of figures'
			 * heads ("2023-24") are. */
			continue;
		} else if (block(n)) {
			block_break(d);
		}
		/* Bold inside bold, or in a heading, says nothing more. */
		bool mark_bold = strong && !h && d->bold == 0;
		/* Bold that a word processor closes and opens again inside a
		 * word or before a space ("dedi</b><b>cated") is one run:
		 * "**dedicated**".  Two runs glued at a word's start stay two
		 * ("<b>MAYOR OF LONDON</b><b>Susan Hall AM</b>"), as glued
		 * bold in Markdown does. */
		if (mark_bold && d->out.len == d->bold_closed &&
		    goes_on(n))
			d->out.len -= 2;
		else if (mark_bold)
			mark(d, "**");
		d->bold += strong;
		bool quote = named(n, "blockquote");
		d->quote += quote;
		/* A table says which of its columns are a row's details
		 * and its stance; a table inside one says so for its own. */
		unsigned outer = d->detail_from, outer_stance = d->stance_col;
		bool outer_rows[2] = { d->after_response_row, d->detail_row };
		if (named(n, "table")) {
			table_columns(d, n);
			d->after_response_row = d->detail_row = false;
		}
		if (depth < MAX_DEPTH)
			walk(d, n->children, depth + 1);
		d->detail_from = outer;
		d->stance_col = outer_stance;
		if (named(n, "table")) {
			d->after_response_row = outer_rows[0];
			d->detail_row = outer_rows[1];
		}
		d->bold -= strong;
		d->quote -= quote;
		if (mark_bold) {
			mark(d, "**");
			d->bold_closed = d->out.len;
		}
		if (h || block(n))
			block_break(d);
		else if (named(n, "li"))
			line_break(d);
	}
}

/* The page's main content: <main>, else <article>, else an element with
 * role="main", else the body. */
static const xmlNode *content_root(const xmlNode *n, int pass)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((pass == 0 && named(n, "main")) ||
		    (pass == 1 && named(n, "article")) ||
		    (pass == 2 && attr_has(n, "role", "main")))
			return n;
		const xmlNode *c = content_root(n->children, pass);
		if (c)
			return c;
	}
	return NULL;
}

static int depth_of(const xmlNode *n, int depth)
{
	int max = depth;
	for (; n && max < MAX_DEPTH; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			int d = depth_of(n->children, depth + 1);
			if (d > max)
				max = d;
		}
	return max;
}

int lp_decode_html(lp_doc *doc, lp_error *err)
{
	int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED;
	htmlDocPtr h = htmlReadMemory((const char *)doc->src + doc->body,
				      (int)(doc->src_len - doc->body), NULL,
				      "UTF-8", opts);
	if (!h)
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "not readable as HTML");
	const xmlNode *root = xmlDocGetRootElement(h);
	if (depth_of(root, 1) >= MAX_DEPTH - 1) {
		xmlFreeDoc(h);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "HTML nested deeper than %d elements", MAX_DEPTH);
	}
	const xmlNode *main = NULL;
	for (int pass = 0; pass < 3 && !main; pass++)
		main = content_root(root, pass);
	decoder d = { .doc = doc, .cursor = doc->body, .bold_closed = SIZE_MAX };
	lp_buf_put(&d.out, "", 0, 0);
	if (main) {
		walk(&d, main->children, 0);
	} else {
		walk(&d, root, 0);
	}
	xmlFreeDoc(h);
	bool any = false;
	for (size_t i = 0; i < d.out.len && !any; i++)
		any = !strchr(" \n*#-", d.out.s[i]);
	if (!any) {
		lp_buf_free(&d.out);
		free(d.cells);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "HTML page with no text");
	}
	doc->decoded = d.out.s;
	doc->decoded_len = d.out.len;
	doc->decoded_map = d.out.map;
	doc->decoded_cells = d.cells;
	doc->ndecoded_cells = d.ncells;
	doc->format = "html";
	return 0;
}
