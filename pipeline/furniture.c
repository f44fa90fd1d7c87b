/*
 * furniture.c - stage 2, continued: find the page furniture in a letter's
 * lines, so that the normaliser can drop it.
 *
 * Running headers and footers, page numbers and letterheads come back on
 * every page of a printed letter and cut its sentences in two.  They are
 * found by rule (grammars/layout.yaml: "Page 2 of 5", an address footer)
 * and by repetition: a letterhead line that comes back, a line at the top
 * or bottom of a page that recurs on other pages, a short line standing in
 * the middle of a sentence.  Each is flagged L_FURNITURE; nothing is
 * removed here.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

static int rule_whole_line(cleaner *c, const lp_rule *r, size_t i)
{
	if (!r)
		return 0;
	return lp_rule_at(r, ltext(c, i), llen(c, i), 0, c->m, c->err);
}

/* qsort has no context argument in C11, so the comparison finds the
 * lines through a thread-local: a batch may normalise on many threads. */
static _Thread_local const cleaner *sort_cleaner;

static bool same_masked(const cleaner *c, size_t a, size_t b);

/* Compare two lines with their digits masked: a footer carries its page
 * number ("London SW1A 2JL · Page 3 of 3"). */
static int by_text(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	size_t la = llen(sort_cleaner, a), lb = llen(sort_cleaner, b);
	const char *x = ltext(sort_cleaner, a), *y = ltext(sort_cleaner, b);
	for (size_t k = 0; k < la && k < lb; k++) {
		int cx = isdigit((unsigned char)x[k]) ? '0' : (unsigned char)x[k];
		int cy = isdigit((unsigned char)y[k]) ? '0' : (unsigned char)y[k];
		if (cx != cy)
			return cx - cy;
	}
	return la < lb ? -1 : la > lb ? 1 : (a < b ? -1 : a > b);
}

/* The end of the run of like lines that starts at like[@a]. */
static size_t like_run(const cleaner *c, const size_t *like, size_t n,
		       size_t a)
{
	size_t b = a + 1;
	while (b < n && same_masked(c, like[a], like[b]))
		b++;
	return b;
}

/* Page furniture found by rule: page numbers, protective markings
 * ("OFFICIAL") and a web page's own lines ("Was this page useful?")
 * anywhere, and footer lines (address, phone, web) that repeat. */
static int mark_by_rule(cleaner *c)
{
	for (size_t i = 0; i < c->nlines; i++) {
		if (blank(c, i))
			continue;
		int rc = rule_whole_line(c, c->page_number, i);
		if (rc < 0)
			return rc;
		if (rc)
			c->lines[i].flags |= L_FURNITURE | L_PAGE_NO;
		else if ((rc = rule_whole_line(c, c->web_chrome, i)) > 0)
			c->lines[i].flags |= L_FURNITURE | L_CHROME;
		else if (rc == 0 &&
			 (rc = rule_whole_line(c, c->marking, i)) > 0)
			c->lines[i].flags |= L_FURNITURE;
		if (rc < 0)
			return rc;
		rc = rule_whole_line(c, c->block_start, i);
		if (rc < 0)
			return rc;
		if (rc)
			c->lines[i].flags |= L_BLOCK;
	}
	/* Footer lines are removed when they repeat, page numbers aside.
	 * Sort the lines by their masked text first and try the rule only
	 * on those that repeat: most lines do not, and the rule is dear.
	 * Within a run of like lines, those the rule takes go when there
	 * are two or more of them. */
	size_t *like = lp_xmalloc((c->nlines + 1) * sizeof *like), n = 0;
	for (size_t i = 0; i < c->nlines; i++)
		if (!blank(c, i) && !(c->lines[i].flags & L_FURNITURE))
			like[n++] = i;
	sort_cleaner = c;
	qsort(like, n, sizeof *like, by_text);
	int rc = 0;
	for (size_t a = 0, b; a < n && rc >= 0; a = b) {
		b = like_run(c, like, n, a);
		size_t taken = 0;
		for (size_t k = a; b - a >= 2 && k < b; k++) {
			rc = rule_whole_line(c, c->footer, like[k]);
			if (rc < 0)
				break;
			if (rc)
				like[a + taken++] = like[k];
		}
		for (size_t k = a; taken >= 2 && k < a + taken; k++)
			c->lines[like[k]].flags |= L_FURNITURE;
	}
	free(like);
	return rc < 0 ? rc : 0;
}

/* Does line @i start a block, or line @i end one? */
static bool block_before(const cleaner *c, size_t i)
{
	return i == 0 || blank(c, i - 1) ||
	       (c->lines[i].flags & (L_PAGE | L_HEADING)) ||
	       (c->lines[i - 1].flags & L_FURNITURE);
}

static bool block_after(const cleaner *c, size_t i)
{
	return i + 1 == c->nlines || blank(c, i + 1) ||
	       (c->lines[i + 1].flags & (L_PAGE | L_FURNITURE));
}

static bool standalone(const cleaner *c, size_t i)
{
	return block_before(c, i) && block_after(c, i);
}

/* Is line @b line @a with a page number before or after it? */
static bool same_but_page_number(const cleaner *c, size_t a, size_t b)
{
	size_t la = llen(c, a), lb = llen(c, b);
	if (lb <= la + 1 || lb > la + 5)
		return false;
	const char *x = ltext(c, a), *y = ltext(c, b);
	size_t extra = lb - la;
	bool tail = memcmp(x, y, la) == 0 && y[la] == ' ';
	bool head = memcmp(x, y + extra, la) == 0 && y[extra - 1] == ' ';
	const char *num = tail ? y + la + 1 : y;
	if (!tail && !head)
		return false;
	for (size_t k = 0; k < extra - 1; k++)
		if (!isdigit((unsigned char)num[k]))
			return false;
	return true;
}

/* Is line @i lines @a and @b joined by a space? */
static bool two_lines_in_one(const cleaner *c, size_t a, size_t b, size_t i)
{
	size_t na = llen(c, a), nb = llen(c, b);
	const char *t = ltext(c, i);
	return llen(c, i) == na + 1 + nb && memcmp(t, ltext(c, a), na) == 0 &&
	       t[na] == ' ' && memcmp(t + na + 1, ltext(c, b), nb) == 0;
}

/* Do lines @first and @first + 1 come back as lines @i and @i + 1, a
 * block of their own? */
static bool lines_again(const cleaner *c, size_t first, size_t i)
{
	return block_before(c, i) && block_after(c, i + 1) &&
	       same_text(c, first, i) && same_text(c, first + 1, i + 1);
}

/* Does line @i come just under a name: a short line, with no sentence
 * ended, as a signature is? */
static bool under_name(const cleaner *c, size_t i)
{
	size_t p = i;
	while (p > 0 && (blank(c, p - 1) || (c->lines[p - 1].flags & L_FURNITURE)))
		p--;
	if (p == 0)
		return false;
	p--;
	return nrm_count_words(ltext(c, p), llen(c, p), 6) <= 5 &&
	       !nrm_ends_sentence(ltext(c, p), llen(c, p));
}

/* Does line @i come next after page furniture (a footer, "Page 1 of
 * 2"), blank lines aside: at the top of a page? */
static bool after_footer(const cleaner *c, size_t i)
{
	size_t p = i;
	while (p > 0 && blank(c, p - 1))
		p--;
	return p > 0 && (c->lines[p - 1].flags & L_FURNITURE);
}

/* A running letterhead: one of the first lines of the letter that comes
 * back later on a line of its own, as `# MAYOR OF LONDON` does in the
 * seed at every page.  Case matters: the sender's role "Mayor of London"
 * under the signature is content, not the letterhead. */
static void mark_letterhead_repeats(cleaner *c)
{
	size_t head[5], nhead = 0;
	for (size_t i = 0; i < c->nlines && nhead < 5; i++)
		if (!blank(c, i) && !(c->lines[i].flags & L_FURNITURE))
			head[nhead++] = i;
	/* A title heading that comes back on a line of its own with a page
	 * number is a running header too ("Rural buses: Government Response
	 * 5").  Only the numbered repeats go; the heading stays.  The title
	 * is among the first headings: only those are looked for again. */
	for (size_t i = 0, titles = 0; i < c->nlines && titles < 5; i++) {
		if (!(c->lines[i].flags & L_HEADING) || llen(c, i) > 200)
			continue;
		titles++;
		for (size_t k = i + 1; k < c->nlines; k++)
			if (!(c->lines[k].flags & L_HEADING) && standalone(c, k) &&
			    same_but_page_number(c, i, k))
				c->lines[k].flags |= L_FURNITURE;
	}
	/* A line of the letterhead that comes back on a line of its own;
	 * or two of its lines, which the running header prints as one
	 * ("MAYOR OF LONDON" over "OFFICE FOR POLICING AND CRIME"). */
	for (size_t h = 0; h < nhead; h++) {
		size_t first = head[h];
		if (llen(c, first) > 80 || (c->lines[first].flags & L_BLOCK))
			continue;
		size_t second = h + 1 < nhead ? head[h + 1] : (size_t)-1;
		if (second != (size_t)-1 &&
		    (llen(c, second) > 80 || (c->lines[second].flags & L_BLOCK)))
			second = (size_t)-1;
		/* But not once under a name ("London Fire Commissioner"
		 * under the signature repeats the letterhead as the writer's
		 * role): a running header comes back after text, as a
		 * heading, at a page's top, or on more pages than one. */
		size_t repeats = 0;
		bool header = false, joined = false;
		for (size_t i = head[nhead - 1] + 1; i < c->nlines; i++) {
			if (!standalone(c, i))
				continue;
			if (same_text(c, first, i)) {
				repeats++;
				header |= (c->lines[i].flags & (L_HEADING | L_PAGE)) ||
					  !under_name(c, i) || after_footer(c, i);
			} else if (second != (size_t)-1 &&
				   two_lines_in_one(c, first, second, i)) {
				c->lines[i].flags |= L_FURNITURE;
				joined = true;
			}
		}
		/* Or the two on lines of their own, one under the other, as
		 * a block ("**Llywodraeth Cymru****Welsh Government**", which
		 * the glued bold makes two lines), on two pages at least, or
		 * once just after a page's footer: a signature under the
		 * letter may repeat a letterhead's name and role once. */
		size_t pairs = 0;
		bool atop = false; /* once at a page's top is enough */
		for (size_t i = head[nhead - 1] + 1;
		     second == first + 1 && i + 1 < c->nlines; i++)
			if (lines_again(c, first, i)) {
				pairs++;
				atop |= after_footer(c, i);
			}
		for (size_t i = head[nhead - 1] + 1;
		     (pairs >= 2 || atop) && i + 1 < c->nlines; i++)
			if (lines_again(c, first, i)) {
				c->lines[i].flags |= L_FURNITURE;
				c->lines[i + 1].flags |= L_FURNITURE;
				joined = true;
			}
		bool repeated = repeats >= 2 || (repeats && header);
		for (size_t i = head[nhead - 1] + 1; repeated && i < c->nlines; i++)
			if (standalone(c, i) && same_text(c, first, i))
				c->lines[i].flags |= L_FURNITURE;
		if (repeated || joined)
			c->lines[first].flags |= L_FURNITURE;
		if (joined)
			c->lines[second].flags |= L_FURNITURE;
	}
}

/* Compare two lines with digits masked, so "Page 2" matches "Page 3". */
static bool same_masked(const cleaner *c, size_t a, size_t b)
{
	if (llen(c, a) != llen(c, b))
		return false;
	const char *x = ltext(c, a), *y = ltext(c, b);
	for (size_t k = 0; k < llen(c, a); k++) {
		bool dx = isdigit((unsigned char)x[k]);
		bool dy = isdigit((unsigned char)y[k]);
		if (dx != dy || (!dx && x[k] != y[k]))
			return false;
	}
	return true;
}

/* The nearest content line before or after @i (step -1 or +1), skipping
 * blank lines and furniture, or (size_t)-1. */
static size_t content_near(const cleaner *c, size_t i, int step)
{
	for (size_t k = i + (size_t)step; k < c->nlines; k += (size_t)step)
		if (!blank(c, k) && !(c->lines[k].flags & L_FURNITURE))
			return k;
	return (size_t)-1;
}

/* Line @i without a page number at either end: "2 Title" and "Title 3"
 * are the same running header on facing pages. */
static void unnumbered(const cleaner *c, size_t i, const char **t, size_t *n)
{
	const char *s = ltext(c, i);
	size_t a = 0, e = llen(c, i);
	size_t k = 0;
	while (k < e && isdigit((unsigned char)s[k]))
		k++;
	if (k > 0 && k <= 4 && k < e && s[k] == ' ')
		a = k + 1;
	k = e;
	while (k > a && isdigit((unsigned char)s[k - 1]))
		k--;
	if (k < e && e - k <= 4 && k > a && s[k - 1] == ' ')
		e = k - 1;
	*t = s + a;
	*n = e - a;
}

/* Are two lines' texts, page numbers aside, the same running header? */
static bool same_header(const char *x, size_t nx, const char *y, size_t ny)
{
	return nx >= 8 && nx == ny && memcmp(x, y, nx) == 0;
}

static bool same_unnumbered(const cleaner *c, size_t a, size_t b)
{
	const char *x, *y;
	size_t nx, ny;
	unnumbered(c, a, &x, &nx);
	unnumbered(c, b, &y, &ny);
	return same_header(x, nx, y, ny);
}

#define EDGE 3 /* lines at the top and bottom of a page that may be furniture */

/* Collect up to EDGE non-blank lines from the top and the bottom of the
 * page that starts at line @p0 and ends before @p1. */
static size_t page_edges(const cleaner *c, size_t p0, size_t p1,
			 size_t out[2 * EDGE])
{
	size_t n = 0;
	for (size_t i = p0, k = 0; i < p1 && k < EDGE; i++)
		if (!blank(c, i)) {
			out[n++] = i;
			k++;
		}
	for (size_t i = p1, k = 0; i > p0 && k < EDGE; i--)
		if (!blank(c, i - 1)) {
			bool dup = false;
			for (size_t j = 0; j < n; j++)
				dup |= out[j] == i - 1;
			if (!dup)
				out[n++] = i - 1;
			k++;
		}
	return n;
}

/* Where pages start: after each form feed (pdftotext), or, in text
 * without them (Markdown from a PDF), after each page number. */
static size_t page_starts(const cleaner *c, unsigned flag, size_t after,
			  size_t *starts)
{
	size_t npages = 0;
	starts[npages++] = 0;
	for (size_t i = 1 - after; i < c->nlines; i++)
		if ((c->lines[i].flags & flag) && i + after < c->nlines &&
		    i + after > starts[npages - 1])
			starts[npages++] = i + after;
	return npages;
}

/* Is line @i an answer's stance and nothing more ("ACCEPTED", "Not
 * agreed.")?  Answers recur at pages' edges as well as between them. */
static bool stance_line(cleaner *c, size_t i)
{
	const char *t = ltext(c, i);
	size_t n = llen(c, i);
	if (n > 40)
		return false;
	for (size_t k = 0; k < c->nstances; k++) {
		lp_error e;
		if (lp_rule_at(c->stances[k], t, n, 0, c->m, &e) == 1 &&
		    c->m->end + 2 >= n)
			return true;
	}
	return false;
}

/* Is line @i a list's number ("4.", "12)"), as Markdown from a PDF
 * leaves a recommendation's number in bold on a line of its own? */
static bool enumerator_line(const cleaner *c, size_t i)
{
	const char *t = ltext(c, i);
	size_t n = llen(c, i), d = 0;
	while (d < n && isdigit((unsigned char)t[d]))
		d++;
	return d > 0 && d <= 3 && n == d + 1 && (t[d] == '.' || t[d] == ')');
}

/* A bare number on a line of its own ("3"), where no form feed marks the
 * pages and no line says "Page 2 of 5": a page's number, in Markdown
 * from a PDF, so that the lines beside it can be compared from page to
 * page.  (Where form feeds mark the pages, a bare number inside one
 * numbers a table's row: see mark_stray_lines.) */
static void mark_bare_page_numbers(cleaner *c)
{
	if (memchr(c->in + c->in_start, '\f', c->in_len - c->in_start))
		return;
	for (size_t i = 0; i < c->nlines; i++)
		if (c->lines[i].flags & L_PAGE_NO)
			return;
	for (size_t i = 0; i < c->nlines; i++)
		if (bare_number(c, i) && standalone(c, i) &&
		    !(c->lines[i].flags & L_BLOCK))
			c->lines[i].flags |= L_FURNITURE | L_PAGE_NO;
}

static uint64_t line_hash(const cleaner *c, size_t i)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */
	for (size_t k = 0; k < llen(c, i); k++)
		h = (h ^ (unsigned char)ltext(c, i)[k]) * 1099511628211ull;
	return h;
}

static int by_hash(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
	return (a > b) - (a < b);
}

/* Is line @i as a letterhead's or an address's are: a few words, with
 * no punctuation at the end ("City Hall", "London E16 1ZE")? */
static bool address_line(const cleaner *c, size_t i)
{
	size_t n = llen(c, i);
	return n > 0 && !strchr(".,;:!?", ltext(c, i)[n - 1]) &&
	       nrm_count_words(ltext(c, i), n, 8) < 8;
}

/* Running headers and footers of a paginated text: lines at the edge of
 * a page that recur, digits aside, at the edge of another page; not an
 * answer's stance on a line of its own, nor a line that also stands
 * inside a page ("Financial implications: None." after each answer,
 * some of which end a page). */
static void mark_page_edges(cleaner *c)
{
	size_t *starts = lp_xmalloc((c->nlines + 1) * sizeof *starts);
	size_t npages = page_starts(c, L_PAGE, 0, starts);
	if (npages < 2) {
		/* Pages ended by their numbers: two numbers at least ("Page
		 * 2 of 3", "Page 3 of 3" at the text's end), or nothing to
		 * compare. */
		size_t numbers = 0;
		for (size_t i = 0; i < c->nlines; i++)
			numbers += (c->lines[i].flags & L_PAGE_NO) != 0;
		npages = page_starts(c, L_PAGE_NO, 1, starts);
		if (numbers < 2)
			npages = 1;
	}
	if (npages < 2) {
		free(starts);
		return;
	}
	starts[npages] = c->nlines;
	size_t (*edges)[2 * EDGE] = lp_xmalloc(npages * sizeof *edges);
	size_t *nedges = lp_xmalloc(npages * sizeof *nedges);
	bool *edge = lp_xcalloc(c->nlines, sizeof *edge);
	for (size_t p = 0; p < npages; p++) {
		nedges[p] = page_edges(c, starts[p], starts[p + 1], edges[p]);
		for (size_t e = 0; e < nedges[p]; e++)
			edge[edges[p][e]] = true;
	}
	/* The first page's head, its short lines without punctuation at
	 * the end, is no page's inside: the addressee's lines there may be
	 * the letterhead's ("City Hall" over "Kamal Chunchie Way", the
	 * Mayor writing to the Assembly). */
	size_t head = 0;
	while (head < starts[1] && (blank(c, head) || address_line(c, head)))
		head++;
	uint64_t *inner = lp_xmalloc((c->nlines + 1) * sizeof *inner);
	size_t ninner = 0;
	for (size_t i = head; i < c->nlines; i++)
		if (!edge[i] && !blank(c, i))
			inner[ninner++] = line_hash(c, i);
	qsort(inner, ninner, sizeof *inner, by_hash);
	for (size_t p = 0; p < npages; p++) {
		for (size_t e = 0; e < nedges[p]; e++) {
			size_t i = edges[p][e];
			uint64_t h = line_hash(c, i);
			if (llen(c, i) > 320 || stance_line(c, i) ||
			    enumerator_line(c, i) ||
			    bsearch(&h, inner, ninner, sizeof *inner, by_hash))
				continue;
			/* A label at a page's top ("Recommendation 3", a
			 * heading "### R3") is no running header for being
			 * like the next page's ("Recommendation 4"); the
			 * same annex title on every page is. */
			bool block = c->lines[i].flags & (L_BLOCK | L_HEADING);
			/* Furniture recurs from page to page, so looking a
			 * few pages ahead finds it and keeps this linear.  A
			 * title page printed twice (a Command Paper's half
			 * title and title, "March 2025" and "CP 1293" at the
			 * foot of each) recurs on the second page only: in a
			 * longer document, no running header. */
			size_t like[3 * EDGE * 2], nlike = 0, last_page = p;
			for (size_t q = p + 1; q < npages && q <= p + 3; q++)
				for (size_t f = 0; f < nedges[q]; f++) {
					size_t k = edges[q][f];
					if (block ? same_text(c, i, k)
						  : same_masked(c, i, k) ||
							    same_unnumbered(c, i, k)) {
						like[nlike++] = k;
						last_page = q;
					}
				}
			if (p == 0 && last_page == 1 && npages >= 4)
				continue;
			for (size_t j = 0; j < nlike; j++) {
				c->lines[i].flags |= L_FURNITURE;
				c->lines[like[j]].flags |= L_FURNITURE;
			}
		}
	}
	free(inner);
	free(edge);
	free(edges);
	free(nedges);
	free(starts);
}

/* For each line, is it among the first or last EDGE lines with text of
 * its page?  NULL when the text has no form feed to mark its pages. */
static bool *page_edge_lines(const cleaner *c)
{
	if (!c->nlines || !memchr(c->in + c->in_start, '\f',
				  c->in_len - c->in_start))
		return NULL;
	size_t *starts = lp_xmalloc((c->nlines + 1) * sizeof *starts);
	size_t npages = page_starts(c, L_PAGE, 0, starts);
	starts[npages] = c->nlines;
	bool *edge = lp_xcalloc(c->nlines, sizeof *edge);
	for (size_t p = 0; p < npages; p++) {
		size_t v[2 * EDGE];
		size_t n = page_edges(c, starts[p], starts[p + 1], v);
		for (size_t k = 0; k < n; k++)
			edge[v[k]] = true;
	}
	free(starts);
	return edge;
}

/* Does line @i go on with a sentence from the line before: does it open
 * with a lower-case word, not a list's letter or numeral ("c) That the
 * Council ...", "ii) the costs", "b. by March")? */
static bool goes_on(const cleaner *c, size_t i)
{
	const char *t = ltext(c, i);
	size_t n = llen(c, i), k = 0;
	if (n == 0 || !islower((unsigned char)t[0]))
		return false;
	while (k < n && k < 5 && islower((unsigned char)t[k]))
		k++;
	if (k < n && k <= 4 && t[k] == ')')
		return false;
	return !(k == 1 && n >= 2 && t[1] == '.' && (n == 2 || t[2] == ' '));
}

/* The first line after @i with text, or @i when there is none. */
static size_t next_line_with_text(const cleaner *c, size_t i)
{
	for (size_t k = i + 1; k < c->nlines; k++)
		if (!blank(c, k))
			return k;
	return i;
}

/* Stray furniture that neither rule nor repetition finds: a bare page
 * number on a line of its own, and a short line that stands in the
 * middle of a sentence, as a running header printed once does ("...
 * receive / # Department for Education / reminds local authorities").
 * Where form feeds mark the pages, a page number is at a page's edge:
 * a bare number inside a page numbers a table's row, as pdftotext
 * prints a table's cells one under another. */
static void mark_stray_lines(cleaner *c, const bool *repeated)
{
	bool *edge = page_edge_lines(c);
	for (size_t i = 0; i < c->nlines; i++) {
		line *l = &c->lines[i];
		/* A pipe table's cell is no header, though the row's cells
		 * around it read as one sentence ("... fire engines" |
		 * "£410,000" | "by December 2024").  (A `-layout` table's
		 * lines may be a page's footer, set in a column.) */
		if (blank(c, i) || (l->flags & (L_FURNITURE | L_BLOCK)) ||
		    (l->flags & (L_CELL | L_ROW)) == L_CELL ||
		    !standalone(c, i))
			continue;
		if (bare_number(c, i)) {
			if (!edge || edge[i])
				l->flags |= L_FURNITURE;
			continue;
		}
		const char *t = ltext(c, i);
		size_t n = llen(c, i);
		size_t p = content_near(c, i, -1), q = content_near(c, i, +1);
		/* A footer printed once, on the line before the next page's
		 * running header ("City Hall, ... London E16 1ZE" over "#
		 * MAYOR OF LONDON"). */
		lp_error fe;
		if (c->footer && i + 1 < c->nlines &&
		    (c->lines[next_line_with_text(c, i)].flags & L_FURNITURE) &&
		    lp_rule_at(c->footer, t, n, 0, c->m, &fe) == 1) {
			l->flags |= L_FURNITURE;
			continue;
		}
		/* A sentence runs on around it... */
		if (p == (size_t)-1 || q == (size_t)-1)
			continue;
		if (nrm_count_words(ltext(c, p), llen(c, p), 8) < 8 ||
		    nrm_ends_sentence(ltext(c, p), llen(c, p)) ||
		    (c->lines[p].flags & L_HEADING) || !goes_on(c, q))
			continue;
		/* ... and it is short, or a line that comes back on other
		 * pages, or a footer printed once (an address, a phone
		 * number), which may be long.  The rule is asked last: it is
		 * the dearest test, and most paragraphs of a Markdown letter
		 * stand alone. */
		lp_error e;
		if (nrm_count_words(t, n, 9) > 8 && !repeated[i] &&
		    !(c->footer && lp_rule_at(c->footer, t, n, 0, c->m, &e) == 1))
			continue;
		l->flags |= L_FURNITURE;
	}
	free(edge);
}

/* A footer of two or three lines printed once, at a page's foot: a
 * paragraph straight before other furniture (the page's number), the
 * footer rule taking one of its lines ("... Registered Office: Linea,
 * Fortran Road, St" over "Mellons, Cardiff CF3 0LT"), that ends no
 * sentence and goes on over the page in none.  (A footer of one line:
 * mark_stray_lines.) */
static void mark_footer_paragraphs(cleaner *c)
{
	for (size_t last = 1; c->footer && last + 1 < c->nlines; last++) {
		if (blank(c, last) || (c->lines[last].flags & L_FURNITURE) ||
		    !(c->lines[last + 1].flags & L_FURNITURE) ||
		    blank(c, last - 1) ||
		    nrm_ends_sentence(ltext(c, last), llen(c, last)))
			continue;
		size_t first = last - 1;
		while (first > 0 && last - first < 3 && !blank(c, first - 1) &&
		       !(c->lines[first - 1].flags & L_FURNITURE))
			first--;
		/* Not a sentence that the page break cuts, going on over
		 * the page in lower case. */
		size_t next = content_near(c, last, +1);
		if ((first > 0 && !blank(c, first - 1) &&
		     !(c->lines[first - 1].flags & L_FURNITURE)) ||
		    (c->lines[first].flags & (L_BLOCK | L_CELL)) ||
		    (next != (size_t)-1 && goes_on(c, next)))
			continue;
		bool footer = false;
		for (size_t i = first; i <= last && !footer; i++) {
			lp_error e;
			footer = lp_rule_at(c->footer, ltext(c, i), llen(c, i), 0,
					    c->m, &e) == 1;
		}
		for (size_t i = first; footer && i <= last; i++)
			c->lines[i].flags |= L_FURNITURE;
	}
}

/* Is line @i a heading that may be a running header: not a label that
 * starts a block ("## Recommendation 2"), which numbers aside is the
 * same as the one before it? */
static bool header_like(cleaner *c, size_t i)
{
	if (!(c->lines[i].flags & L_HEADING) || llen(c, i) > 200)
		return false;
	lp_error e;
	return !c->block_start ||
	       lp_rule_at(c->block_start, ltext(c, i), llen(c, i), 0, c->m,
			  &e) == 0;
}

/* The page number that unnumbered() set aside from line @i, or 0. */
static long page_number_of(const cleaner *c, size_t i, const char *t,
			   size_t n)
{
	const char *s = ltext(c, i);
	if (t > s)
		return atol(s);
	if (n < llen(c, i))
		return atol(t + n + 1);
	return 0;
}

/* Could line @i be a running header that is no heading: short, on its
 * own? */
static bool lone_line(const cleaner *c, size_t i)
{
	return llen(c, i) <= 120 && !blank(c, i) && standalone(c, i) &&
	       !(c->lines[i].flags & L_HEADING);
}

/* Is lone line @i, its text @t, @n without its page number, a title of
 * three words or more ("4 Holding the Line: Government Response"), and
 * no label ("Recommendation 4")? */
static bool title_line(cleaner *c, size_t i, const char *t, size_t n)
{
	if (nrm_count_words(t, n, 3) < 3)
		return false;
	lp_error e;
	return !c->block_start ||
	       lp_rule_at(c->block_start, ltext(c, i), llen(c, i), 0, c->m,
			  &e) == 0;
}

/* Running headers with the page number at either end ("# 4 Rural bus
 * services: Government Response", "# Rural bus services: Government
 * Response 5"), where no form feed marks the pages: a converter's
 * heading that, numbers aside, comes back within a few such lines, one
 * of the two numbered.  A heading repeated without numbers ("##
 * Response") stays.  A line on its own that is no heading counts when
 * both are numbered, the second a page or three after the first. */
static void mark_numbered_headings(cleaner *c)
{
	enum { AHEAD = 8 };
	/* The candidates, each with its text numbers aside, in order. */
	struct heading {
		size_t line;
		const char *t;
		size_t n;
		long page; /* the page number set aside, or 0 */
		bool heading;
	} *h = lp_xmalloc((c->nlines ? c->nlines : 1) * sizeof *h);
	size_t nh = 0;
	for (size_t i = 0; i < c->nlines; i++) {
		bool heading = header_like(c, i);
		if (!heading && !lone_line(c, i))
			continue;
		struct heading *x = &h[nh];
		x->line = i;
		x->heading = heading;
		unnumbered(c, i, &x->t, &x->n);
		x->page = page_number_of(c, i, x->t, x->n);
		if (heading || (x->page > 0 && title_line(c, i, x->t, x->n)))
			nh++;
	}
	for (size_t a = 0; a < nh; a++)
		for (size_t b = a + 1; b < nh && b <= a + AHEAD; b++) {
			bool pages = h[a].heading && h[b].heading
					     ? h[a].page || h[b].page
					     : h[a].page > 0 &&
						       h[b].page > h[a].page &&
						       h[b].page <= h[a].page + 3;
			if (pages &&
			    same_header(h[a].t, h[a].n, h[b].t, h[b].n)) {
				c->lines[h[a].line].flags |= L_FURNITURE;
				c->lines[h[b].line].flags |= L_FURNITURE;
			}
		}
	free(h);
}

/* Is the nearest line with text before or after @i (step -1 or +1)
 * furniture, or another notice that comes back three times or more
 * (@thrice gives, by line, such a notice's lines' run in notice_lines'
 * order, from 1), or is there none: is @i at an edge of what the page
 * says?  Like lines next to each other ("2013/14 - 16 new ranks" over
 * "2014/15 - 23 new ranks") are a list, not a notice. */
static bool beside_furniture(const cleaner *c, size_t i, int step,
			     const size_t *thrice)
{
	for (size_t k = i + (size_t)step; k < c->nlines; k += (size_t)step)
		if (!blank(c, k))
			return (c->lines[k].flags & L_FURNITURE) ||
			       (thrice[k] && thrice[k] != thrice[i]);
	return true;
}

/* The lines that may be a notice printed on every page: paragraphs of
 * their own, of a few words at least, not labels ("Recommendation 2
 * (Paragraph 17)").  Sorted so that like lines, digits aside, come
 * together; their number in *@n. */
static size_t *notice_lines(cleaner *c, size_t *n)
{
	size_t *like = lp_xmalloc((c->nlines + 1) * sizeof *like);
	*n = 0;
	for (size_t i = 0; i < c->nlines; i++)
		if (!blank(c, i) && !(c->lines[i].flags & L_BLOCK) &&
		    standalone(c, i) &&
		    nrm_count_words(ltext(c, i), llen(c, i), 4) >= 4)
			like[(*n)++] = i;
	sort_cleaner = c;
	qsort(like, *n, sizeof *like, by_text);
	return like;
}

/* A notice printed on every page that no rule knows ("... is the
 * operational name of ...", a protective marking, "Board | Paper 7 |
 * OFFICIAL"), among @like (notice_lines'): a line that comes back word
 * for word (digits aside) three times or more, each time next to other
 * furniture, to another such line (a footer of two lines, "BOLTON BURY
 * ..." over "OLDHAM SALFORD ...") or at an end of the text; or that
 * comes back where another rule found it furniture (cutting a sentence
 * in two).  An answer's "The Government agrees with this
 * recommendation." recurs too, but among the answers. */
static void mark_repeated_notices(cleaner *c, const size_t *like, size_t n,
				  const size_t *thrice)
{
	for (size_t a = 0, b; a < n; a = b) {
		b = like_run(c, like, n, a);
		size_t beside = 0, found = 0;
		for (size_t k = a; k < b; k++) {
			bool furniture = c->lines[like[k]].flags & L_FURNITURE;
			found += furniture;
			beside += furniture ||
				  beside_furniture(c, like[k], -1, thrice) ||
				  beside_furniture(c, like[k], +1, thrice);
		}
		if ((found && found < b - a) || (b - a >= 3 && beside == b - a))
			for (size_t k = a; k < b; k++)
				c->lines[like[k]].flags |= L_FURNITURE;
	}
}

/* Stray furniture, which may be long when it comes back on other pages,
 * then the notices that come back with it or beside other furniture. */
static void mark_strays_and_notices(cleaner *c)
{
	size_t n, *like = notice_lines(c, &n);
	bool *repeated = lp_xcalloc(c->nlines + 1, sizeof *repeated);
	size_t *thrice = lp_xcalloc(c->nlines + 1, sizeof *thrice);
	for (size_t a = 0, b; a < n; a = b) {
		b = like_run(c, like, n, a);
		for (size_t k = a; b - a >= 2 && k < b; k++) {
			repeated[like[k]] = true;
			thrice[like[k]] = b - a >= 3 ? a + 1 : 0;
		}
	}
	mark_stray_lines(c, repeated);
	mark_repeated_notices(c, like, n, thrice);
	free(thrice);
	free(repeated);
	free(like);
}

/* A running header or footer that a PDF's converter glued to the text,
 * in bold ("an additional**Board | Report on dentistry**12,000
 * appointments", "... a quiet room.**Report Response | Page 2**"): a
 * line that pass 1 split off there, of a few words, the same (digits
 * aside) as a line found furniture already, or as another such line
 * when both come after words that do not end a sentence.  Labels are
 * not furniture, however often they come back. */
static void mark_glued_headers(cleaner *c)
{
	size_t n = 0, *like = NULL, i = 1;
	bool *mid = NULL;
	while (i < c->nlines && !(c->lines[i].flags & L_GLUED))
		i++;
	if (i == c->nlines)
		return; /* no line was split off glued bold */
	for (i = 1; i < c->nlines; i++) {
		unsigned fl = c->lines[i].flags;
		bool glued = (fl & L_GLUED) && !(fl & (L_BLOCK | L_FURNITURE)) &&
			     !blank(c, i - 1) &&
			     nrm_count_words(ltext(c, i), llen(c, i), 3) >= 3;
		if (!glued && !((fl & L_FURNITURE) && !blank(c, i)))
			continue;
		if (!like) {
			like = lp_xmalloc(c->nlines * sizeof *like);
			mid = lp_xcalloc(c->nlines, sizeof *mid);
		}
		like[n++] = i;
		mid[i] = glued && !nrm_ends_sentence(ltext(c, i - 1),
						     llen(c, i - 1));
	}
	sort_cleaner = c;
	if (n > 1)
		qsort(like, n, sizeof *like, by_text);
	for (size_t a = 0, b; a < n; a = b) {
		b = like_run(c, like, n, a);
		size_t furniture = 0, cut_in = 0;
		for (size_t k = a; k < b; k++) {
			furniture += (c->lines[like[k]].flags & L_FURNITURE) != 0;
			cut_in += mid[like[k]];
		}
		for (size_t k = a; k < b; k++)
			if (furniture || (cut_in >= 2 && mid[like[k]]))
				c->lines[like[k]].flags |= L_FURNITURE;
	}
	free(like);
	free(mid);
}

int lp_mark_furniture(cleaner *c)
{
	int rc = mark_by_rule(c);
	if (rc == 0) {
		mark_letterhead_repeats(c);
		mark_numbered_headings(c);
		mark_bare_page_numbers(c);
		mark_page_edges(c);
		mark_strays_and_notices(c);
		mark_footer_paragraphs(c);
		mark_glued_headers(c);
	}
	return rc;
}

