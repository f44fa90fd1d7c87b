/*
 * decode_pdf.c - read a letter from the PDF that was sent (poppler-glib).
 *
 * Each page's text comes out in reading order, with a box for every
 * character and the font of every run.  The pages, joined by form feeds,
 * become the extracted text that spans point into (a PDF's bytes are no
 * use to a reader), and every byte of it keeps its page and box so that
 * each section and entity can say where it is on the page.
 *
 * The normaliser reads a decoded copy with Markdown markup: bold runs in
 * **, and a blank line where the space between two lines shows a new
 * paragraph.  Running headers and footers then go by repetition across
 * pages, as they do for pdftotext output.
 */
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct page_text {
	char *text;               /* UTF-8, lines separated by \n */
	PopplerRectangle *rects;  /* one per character */
	guint nrects;
	GList *attrs;             /* PopplerTextAttributes, by character */
} page_text;

/* Is the character at @ch (a character offset) in a bold font?  Called
 * with @ch rising through the page; *@at walks the runs along with it, so
 * that a page of many short runs is read in one pass. */
static bool bold_at(GList **at, long ch)
{
	while (*at && ((const PopplerTextAttributes *)(*at)->data)->end_index < ch)
		*at = (*at)->next;
	if (!*at)
		return false;
	const PopplerTextAttributes *a = (*at)->data;
	return ch >= a->start_index && a->font_name &&
	       (strstr(a->font_name, "Bold") || strstr(a->font_name, "bold") ||
		strstr(a->font_name, "Black") || strstr(a->font_name, "Heavy"));
}

typedef struct builder {
	lp_buf plain;   /* the extracted text: what spans point into */
	lp_buf marked;  /* the same with markup, for the normaliser */
	lp_geom *geom;  /* page and box of each plain byte */
	size_t ngeom, cap;
	bool in_bold;
} builder;

static void geom_put(builder *b, int page, const PopplerRectangle *r,
		     size_t n)
{
	if (b->ngeom + n > b->cap) {
		b->cap = (b->ngeom + n) * 2;
		b->geom = lp_xrealloc(b->geom, b->cap * sizeof *b->geom);
	}
	for (size_t k = 0; k < n; k++) {
		lp_geom *g = &b->geom[b->ngeom++];
		g->page = page;
		if (r) {
			g->x0 = (float)r->x1;
			g->y0 = (float)r->y1;
			g->x1 = (float)r->x2;
			g->y1 = (float)r->y2;
		} else {
			g->x0 = g->y0 = g->x1 = g->y1 = -1;
		}
	}
}

static void mark(builder *b, const char *s)
{
	lp_buf_put(&b->marked, s, strlen(s), (uint32_t)b->plain.len);
}

/* The vertical middle of the line that starts at character @ch. */
static double line_mid(const page_text *pt, long ch)
{
	if ((guint)ch >= pt->nrects)
		return -1;
	return (pt->rects[ch].y1 + pt->rects[ch].y2) / 2;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Add to @gaps the distance between each line of a page and the next.
 * Pieces of one row (a superscript, a table cell a point lower) are
 * closer than a line's height and are not counted. */
static void line_gaps(const page_text *pt, double *gaps, size_t *ngaps)
{
	const char *t = pt->text;
	size_t n = strlen(t);
	double last = -1;
	long ch = 0;
	for (size_t i = 0; i < n;) {
		double mid = line_mid(pt, ch);
		double height = mid < 0 ? 0 : pt->rects[ch].y2 - pt->rects[ch].y1;
		if (last >= 0 && mid - last > height * 0.6)
			gaps[(*ngaps)++] = mid - last;
		last = mid;
		while (i < n && t[i] != '\n') {
			size_t k = i;
			lp_utf8_next((const unsigned char *)t, n, &k);
			i = k > i ? k : i + 1;
			ch++;
		}
		i++;
		ch++;
	}
}

/* The letter's line spacing: the smallest gap between lines that recurs
 * (to half a point).  Taken over the whole letter, so that a last page of
 * short paragraphs is read with the spacing of the pages before it. */
static double usual_gap(double *gaps, size_t n)
{
	qsort(gaps, n, sizeof *gaps, by_double);
	for (size_t i = 0; i + 1 < n; i++)
		if (gaps[i + 1] - gaps[i] <= 0.5)
			return gaps[i];
	return n ? gaps[0] : 0;
}

/* Append page @page (1-based), with a paragraph break wherever two lines
 * stand further apart than the letter's @usual spacing. */
static void add_page(builder *b, const page_text *pt, int page, double usual)
{
	const char *t = pt->text;
	size_t n = strlen(t);
	long ch = 0;
	double last = -1;
	GList *run = pt->attrs; /* the font run at ch, or after it */
	for (size_t i = 0; i < n;) {
		double mid = line_mid(pt, ch);
		if (last >= 0 && usual > 0 && mid - last > usual * 1.45) {
			if (b->in_bold) {
				mark(b, "**");
				b->in_bold = false;
			}
			mark(b, "\n");
		}
		last = mid;
		while (i < n && t[i] != '\n') {
			size_t k = i;
			if (lp_utf8_next((const unsigned char *)t, n, &k) < 0)
				k = i + 1;
			bool bold = t[i] != ' ' && bold_at(&run, ch);
			if (bold != b->in_bold && t[i] != ' ') {
				/* Bold runs end before the space that follows. */
				mark(b, "**");
				b->in_bold = bold;
			}
			const PopplerRectangle *r =
				(guint)ch < pt->nrects ? &pt->rects[ch] : NULL;
			uint32_t at = (uint32_t)b->plain.len;
			lp_buf_put(&b->plain, t + i, k - i, at);
			geom_put(b, page, r, k - i);
			lp_buf_copy(&b->marked, t + i, k - i, at);
			i = k;
			ch++;
		}
		if (b->in_bold) {
			mark(b, "**");
			b->in_bold = false;
		}
		if (i < n) {
			uint32_t at = (uint32_t)b->plain.len;
			lp_buf_put(&b->plain, "\n", 1, at);
			geom_put(b, page, NULL, 1);
			lp_buf_put(&b->marked, "\n", 1, at);
		}
		i++;
		ch++;
	}
}

static void free_page(page_text *pt)
{
	g_free(pt->text);
	g_free(pt->rects);
	poppler_page_free_text_attributes(pt->attrs);
}

static int decode(lp_doc *doc, lp_error *err)
{
	GError *gerr = NULL;
	GBytes *bytes = g_bytes_new(doc->src, doc->src_len);
	PopplerDocument *pd = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (!pd) {
		bool locked = gerr && gerr->domain == POPPLER_ERROR &&
			      gerr->code == POPPLER_ERROR_ENCRYPTED;
		int rc = lp_fail(err, LP_EINPUT, doc->path, 0, -1, "%s%s",
				 locked ? "encrypted PDF: it needs a password"
					: "damaged PDF: ",
				 locked ? "" : (gerr ? gerr->message : "unreadable"));
		g_clear_error(&gerr);
		return rc;
	}
	int pages = poppler_document_get_n_pages(pd);
	page_text *pts = lp_xmalloc(((size_t)pages + 1) * sizeof *pts);
	size_t chars = 0;
	for (int p = 0; p < pages; p++) {
		PopplerPage *page = poppler_document_get_page(pd, p);
		pts[p] = (page_text){ NULL, NULL, 0, NULL };
		if (!page)
			continue;
		pts[p].text = poppler_page_get_text(page);
		poppler_page_get_text_layout(page, &pts[p].rects, &pts[p].nrects);
		pts[p].attrs = poppler_page_get_text_attributes(page);
		chars += pts[p].text ? strlen(pts[p].text) + 1 : 0;
		g_object_unref(page);
	}
	g_object_unref(pd);
	double *gaps = lp_xmalloc((chars + 1) * sizeof *gaps);
	size_t ngaps = 0;
	for (int p = 0; p < pages; p++)
		if (pts[p].text)
			line_gaps(&pts[p], gaps, &ngaps);
	double usual = usual_gap(gaps, ngaps);
	free(gaps);

	builder b = { 0 };
	lp_buf_put(&b.plain, "", 0, 0);
	lp_buf_put(&b.marked, "", 0, 0);
	bool any = false;
	for (int p = 0; p < pages; p++) {
		if (p > 0) {
			uint32_t at = (uint32_t)b.plain.len;
			lp_buf_put(&b.plain, "\f", 1, at);
			geom_put(&b, p + 1, NULL, 1);
			lp_buf_put(&b.marked, "\f", 1, at);
		}
		if (pts[p].text) {
			for (const char *c = pts[p].text; *c && !any; c++)
				any = *c != ' ' && *c != '\n';
			add_page(&b, &pts[p], p + 1, usual);
		}
		free_page(&pts[p]);
	}
	free(pts);
	if (!any) {
		lp_buf_free(&b.plain);
		lp_buf_free(&b.marked);
		free(b.geom);
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1, "%s",
			       pages ? "no text layer: run OCR first"
				     : "PDF with no pages");
	}
	lp_doc_take_extracted(doc, &b.plain, &b.marked, "pdf");
	doc->geom = b.geom;
	return 0;
}

/* poppler keeps process-wide state (its GlobalParams, font caches) that
 * it does not promise to guard, so a batch on several threads reads one
 * PDF at a time.  Everything after this stage runs in parallel. */
static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

/* The module's entry point (pdf_module.c). */
int lp_pdf_decode(lp_doc *doc, lp_error *err)
{
	pthread_mutex_lock(&poppler_lock);
	int rc = decode(doc, err);
	pthread_mutex_unlock(&poppler_lock);
	return rc;
}

#ifndef LP_PDF_MODULE_BUILD
/* Linked in (the tests, the fuzzers): no module to load. */
int lp_decode_pdf(lp_doc *doc, lp_error *err)
{
	return lp_pdf_decode(doc, err);
}
#endif
