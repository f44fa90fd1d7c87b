/*
 * decode_docx.c - read a letter from the Word file that drafted it
 * (libzip and libxml2).
 *
 * A .docx is a ZIP of XML parts; the body is word/document.xml.  Its
 * paragraphs (w:p) become lines of text, headings by style (Heading1,
 * Title) become Markdown headings, bold runs (w:b) become **bold**, and
 * list paragraphs become "- " items.  Running headers and footers live in
 * their own parts (header1.xml, footer1.xml) and are never read.
 *
 * As for a PDF, the text extracted from the file is what spans point
 * into: a ZIP's compressed bytes mean nothing to a reader.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "internal.h"

/* A part may expand at most this many times its compressed size, and to
 * at most the input limit: past either it is a ZIP bomb, not a letter. */
#define MAX_RATIO 100

typedef struct writer {
	lp_buf plain;  /* the extracted text */
	lp_buf marked; /* with markup, for the normaliser */
} writer;

static void plain(writer *w, const char *s, size_t n)
{
	uint32_t at = (uint32_t)w->plain.len;
	lp_buf_copy(&w->plain, s, n, at);
	lp_buf_copy(&w->marked, s, n, at);
}

static void mark(writer *w, const char *s)
{
	lp_buf_put(&w->marked, s, strlen(s), (uint32_t)w->plain.len);
}

static bool is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, name) == 0;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* The value of w:val on @n, or NULL. */
static char *val(const xmlNode *n)
{
	for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
		if (a->name && strcmp((const char *)a->name, "val") == 0)
			return (char *)xmlNodeGetContent((xmlNode *)a);
	return NULL;
}

/* Is the run bold: <w:rPr><w:b/> with no w:val="0" or "false"? */
static bool bold_run(const xmlNode *r)
{
	const xmlNode *b = child(child(r, "rPr"), "b");
	if (!b)
		return false;
	char *v = val(b);
	bool on = !v || (strcmp(v, "0") != 0 && strcmp(v, "false") != 0);
	xmlFree(v);
	return on;
}

/* Heading level from the paragraph style ("Heading2", "Title"), or 0. */
static int heading(const xmlNode *p)
{
	char *style = val(child(child(p, "pPr"), "pStyle"));
	int level = 0;
	if (style) {
		if (strncmp(style, "Heading", 7) == 0 && style[7] >= '1' &&
		    style[7] <= '6')
			level = style[7] - '0';
		else if (strcmp(style, "Title") == 0)
			level = 1;
	}
	xmlFree(style);
	return level;
}

static bool list_item(const xmlNode *p)
{
	return child(child(p, "pPr"), "numPr") != NULL;
}

/* The runs of a paragraph, and the runs inside hyperlinks and fields. */
static void runs(writer *w, const xmlNode *n, bool *in_bold)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "r")) {
			bool b = bold_run(c);
			for (const xmlNode *t = c->children; t; t = t->next) {
				if (is(t, "t")) {
					char *s = (char *)xmlNodeGetContent(t);
					if (s && *s) {
						if (b != *in_bold) {
							mark(w, "**");
							*in_bold = b;
						}
						plain(w, s, strlen(s));
					}
					xmlFree(s);
				} else if (is(t, "tab")) {
					plain(w, " ", 1);
				} else if (is(t, "br") || is(t, "cr")) {
					plain(w, "\n", 1);
				}
			}
		} else if (is(c, "hyperlink") || is(c, "smartTag") ||
			   is(c, "ins") || is(c, "fldSimple")) {
			runs(w, c, in_bold);
		}
	}
}

/* Paragraphs in body order, tables' cells included. */
static void body(writer *w, const xmlNode *n, int depth)
{
	for (const xmlNode *c = n->children; c && depth < 64; c = c->next) {
		if (is(c, "p")) {
			int h = heading(c);
			if (h) {
				static const char hashes[] = "###### ";
				mark(w, hashes + 6 - h);
			} else if (list_item(c)) {
				mark(w, "- ");
			}
			bool in_bold = false;
			runs(w, c, &in_bold);
			if (in_bold)
				mark(w, "**");
			plain(w, "\n", 1);
			mark(w, "\n");
		} else if (is(c, "tbl") || is(c, "tr") || is(c, "tc") ||
			   is(c, "sdt") || is(c, "sdtContent")) {
			body(w, c, depth + 1);
		}
	}
}

int lp_decode_docx(lp_doc *doc, lp_error *err)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(doc->src, doc->src_len, 0,
						     &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (!za) {
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "damaged ZIP: not readable as a Word document");
	}
	zip_int64_t i = zip_name_locate(za, "word/document.xml", 0);
	zip_stat_t st;
	if (i < 0 || zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) {
		zip_close(za);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "a ZIP archive that is not a Word document");
	}
	if (st.size > LP_DEFAULT_MAX_BYTES ||
	    (st.comp_size && st.size / st.comp_size > MAX_RATIO &&
	     st.size > (1 << 20))) {
		zip_close(za);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "word/document.xml expands %llu times: refused "
			       "as a ZIP bomb",
			       (unsigned long long)(st.comp_size
							    ? st.size / st.comp_size
							    : 0));
	}
	char *xml = lp_xmalloc(st.size + 1);
	zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
	zip_int64_t got = zf ? zip_fread(zf, xml, st.size) : -1;
	if (zf)
		zip_fclose(zf);
	zip_close(za);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(xml);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "damaged Word document: word/document.xml "
			       "cannot be read");
	}
	xml[st.size] = '\0';
	xmlDocPtr x = xmlReadMemory(xml, (int)st.size, "document.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					    XML_PARSE_NOWARNING);
	free(xml);
	const xmlNode *root = x ? xmlDocGetRootElement(x) : NULL;
	const xmlNode *b = root ? child(root, "body") : NULL;
	if (!b) {
		xmlFreeDoc(x);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "damaged Word document: no body");
	}
	writer w = { 0 };
	lp_buf_put(&w.plain, "", 0, 0);
	lp_buf_put(&w.marked, "", 0, 0);
	body(&w, b, 0);
	xmlFreeDoc(x);
	bool any = false;
	for (size_t k = 0; k < w.plain.len && !any; k++)
		any = w.plain.s[k] != '\n' && w.plain.s[k] != ' ';
	if (!any || lp_utf8_invalid((unsigned char *)w.plain.s, w.plain.len) !=
			    (size_t)-1) {
		lp_buf_free(&w.plain);
		lp_buf_free(&w.marked);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "Word document with no text");
	}
	lp_doc_take_extracted(doc, &w.plain, &w.marked, "docx");
	return 0;
}
