/*
 * cell_table.c - stage 2, continued: a table that plain text prints one
 * cell under another, as pdftotext without -layout does:
 *
 *     No.                      <- the column heads, a paragraph each
 *     Panel recommendation
 *     PCC response
 *     Lead
 *     Target date
 *     1.                       <- a row: its number, then its cells
 *     The PCC should ...
 *     Accepted. I will ...
 *     PCC / Chief Constable
 *     April 2025
 *
 * Each row's number opens a pair, as any numbered paragraph does; what
 * the heads add is which cells are the row's details (who leads, by
 * when: the columns after the response's, lp_table_columns), flagged
 * L_CELL | L_DETAIL so that the answer ends before them.  The heads
 * printed again at the top of a later page are furniture.
 *
 * A cell is a paragraph: its lines run from a blank line to the next.
 * Where no blank line parts the cells (the heads one under another),
 * a row's details are the short lines after its answer's last
 * sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

/* A paragraph among the lines: lines [first, last], none blank. */
typedef struct unit {
	size_t first, last;
} unit;

enum { MAX_HEADS = 8 };

/* The paragraphs of the text, furniture and blank lines parting them,
 * or with @lines each line a paragraph (a table whose cells no blank
 * line parts); their number in *@n. */
static unit *units_of(const cleaner *c, bool lines, size_t *n)
{
	unit *u = lp_xmalloc((c->nlines + 1) * sizeof *u);
	*n = 0;
	for (size_t i = 0; i < c->nlines;) {
		if (blank(c, i) || (c->lines[i].flags & L_FURNITURE)) {
			i++;
			continue;
		}
		size_t j = i;
		while (!lines && j + 1 < c->nlines && !blank(c, j + 1) &&
		       !(c->lines[j + 1].flags & L_FURNITURE))
			j++;
		u[(*n)++] = (unit){ i, j };
		i = j + 1;
	}
	return u;
}

/* Is paragraph @p a row's number and nothing else ("3", "3.")?  Its
 * number, else 0. */
static long row_number(const cleaner *c, const unit *p)
{
	if (p->first != p->last)
		return 0;
	const char *t = ltext(c, p->first);
	size_t n = llen(c, p->first);
	if (n > 1 && t[n - 1] == '.')
		n--;
	return figures_only(t, n) ? strtol(t, NULL, 10) : 0;
}

/* Could paragraph @p be a column's head: one line of four words at
 * most, no figures, no sentence? */
static bool head_like(const cleaner *c, const unit *p)
{
	if (p->first != p->last)
		return false;
	const char *t = ltext(c, p->first);
	size_t n = llen(c, p->first);
	if (n == 0 || n > 40 || nrm_count_words(t, n, 5) > 4)
		return false;
	for (size_t k = 0; k < n; k++)
		if (isdigit((unsigned char)t[k]))
			return false;
	return !(nrm_count_words(t, n, 2) > 1 && nrm_ends_sentence(t, n));
}

/* Do paragraphs @u[a..a+n) say what @u[h..h+n) say, the heads again? */
static bool heads_again(const cleaner *c, const unit *u, size_t nu,
			size_t h, size_t a, size_t n)
{
	if (a + n > nu)
		return false;
	for (size_t k = 0; k < n; k++)
		if (u[a + k].first != u[a + k].last ||
		    !same_text(c, u[h + k].first, u[a + k].first))
			return false;
	return true;
}

/* Is paragraph @p short enough to be a detail's cell (a name, a date),
 * not a sentence of prose? */
static bool detail_like(const cleaner *c, const unit *p)
{
	size_t words = 0;
	for (size_t i = p->first; i <= p->last; i++)
		words += nrm_count_words(ltext(c, i), llen(c, i), 10);
	return words <= 8 &&
	       !nrm_ends_sentence(ltext(c, p->last), llen(c, p->last));
}

/* Does paragraph @p end a sentence? */
static bool ends_sentence(const cleaner *c, const unit *p)
{
	return nrm_ends_sentence(ltext(c, p->last), llen(c, p->last));
}

static void flag_detail(cleaner *c, const unit *p)
{
	for (size_t i = p->first; i <= p->last; i++)
		c->lines[i].flags |= L_CELL | L_DETAIL;
}

/* The details of a row whose @m cells are paragraphs @cells of @u (the
 * table has @n columns, the last @ndetail of them details): its last
 * @ndetail cells; in the table's @last row, the first @ndetail short
 * cells after its first two, as prose may follow the table. */
static void cell_details(cleaner *c, const unit *u, const size_t *cells,
			 size_t m, size_t n, size_t ndetail, bool last)
{
	if (m < n - 1)
		return;
	if (!last) {
		for (size_t j = m - ndetail; j < m; j++)
			flag_detail(c, &u[cells[j]]);
		return;
	}
	for (size_t j = 2; j + ndetail <= m; j++) {
		bool run = true;
		for (size_t d = 0; d < ndetail && run; d++)
			run = detail_like(c, &u[cells[j + d]]);
		if (!run)
			continue;
		for (size_t d = 0; d < ndetail; d++)
			flag_detail(c, &u[cells[j + d]]);
		return;
	}
}

/* The details of a row whose cells no blank line parts, its @m lines
 * @cells of @u: the short lines after the answer's last sentence
 * ("Head of Finance" over "February 2025"), five at most; in the
 * table's @last row, before the sentences that may follow the table, a
 * line each ("Approved by the Management Team on 3 September 2024."). */
static void line_details(cleaner *c, const unit *u, const size_t *cells,
			 size_t m, bool last)
{
	size_t to = m, d;
	while (last && to > 2 && ends_sentence(c, &u[cells[to - 1]]))
		to--;
	for (d = to; d > 2 && to - d < 6 && detail_like(c, &u[cells[d - 1]]);)
		d--;
	if (d > 2 && d < to && to - d < 6 && ends_sentence(c, &u[cells[d - 1]])) {
		for (size_t j = d; j < to; j++)
			flag_detail(c, &u[cells[j]]);
		/* What follows the table is no detail's. */
		if (to < m)
			c->lines[u[cells[to]].first].flags |= L_TABLE_END;
	}
}

/* The rows of the table whose @n heads start at unit @h: flag each
 * row's details, and the heads printed again as furniture.  @lines:
 * the units are lines, not paragraphs.  The unit after the table. */
static size_t read_rows(cleaner *c, const unit *u, size_t nu, size_t h,
			size_t n, size_t ndetail, bool lines)
{
	size_t k = h + n;
	for (long want = 1; k < nu && row_number(c, &u[k]) == want; want++) {
		/* The row's cells, to the next row's number. */
		size_t first = k + 1, end = first;
		while (end < nu && row_number(c, &u[end]) != want + 1) {
			if (heads_again(c, u, nu, h, end, n)) {
				for (size_t j = 0; j < n; j++)
					c->lines[u[end + j].first].flags |=
						L_FURNITURE;
				end += n;
				continue;
			}
			end++;
		}
		/* Cells, the heads again aside (a row of more than 64 is
		 * no table's: left as it is). */
		size_t cells[64], m = 0;
		for (size_t j = first; j < end && m <= 64; j++)
			if (!(c->lines[u[j].first].flags & L_FURNITURE)) {
				if (m == 64) {
					m = 0;
					break;
				}
				cells[m++] = j;
			}
		if (lines)
			line_details(c, u, cells, m, end >= nu);
		else
			cell_details(c, u, cells, m, n, ndetail, end >= nu);
		k = end;
	}
	return k;
}

/* The tables among units of paragraphs, or with @lines of lines. */
static void mark_tables(cleaner *c, bool lines)
{
	size_t nu;
	unit *u = units_of(c, lines, &nu);
	for (size_t h = 0; h + 3 < nu;) {
		size_t n = 0;
		while (h + n < nu && n <= MAX_HEADS && head_like(c, &u[h + n]))
			n++;
		/* Cells a line each: the heads too, one under another. */
		bool packed = true;
		for (size_t k = 1; lines && k <= n && h + k < nu; k++)
			packed = packed && u[h + k].first == u[h + k - 1].last + 1;
		if (n < 3 || n > MAX_HEADS || h + n >= nu || !packed ||
		    row_number(c, &u[h + n]) != 1) {
			h += n ? n : 1;
			continue;
		}
		const char *heads[MAX_HEADS];
		size_t lens[MAX_HEADS];
		for (size_t k = 0; k < n; k++) {
			heads[k] = ltext(c, u[h + k].first);
			lens[k] = llen(c, u[h + k].first);
		}
		unsigned detail_from, stance;
		lp_table_columns(heads, lens, n, &detail_from, &stance);
		size_t ndetail = detail_from ? n + 1 - detail_from : 0;
		if (!ndetail) {
			h += n;
			continue;
		}
		h = read_rows(c, u, nu, h, n, ndetail, lines);
	}
	free(u);
}

void lp_mark_cell_tables(cleaner *c)
{
	mark_tables(c, false);
	mark_tables(c, true);
}
