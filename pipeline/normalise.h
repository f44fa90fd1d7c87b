/*
 * normalise.h - shared by normalise.c (cleaning and joining lines) and
 * furniture.c (finding page furniture); not part of the public API.
 */
#ifndef LP_NORMALISE_H
#define LP_NORMALISE_H

#include <ctype.h>

#include "internal.h"

enum {
	L_HEADING = 1 << 0,   /* a Markdown heading: its own paragraph */
	L_PAGE = 1 << 1,      /* first line after a form feed */
	L_HARD = 1 << 2,      /* Markdown hard break at the end */
	L_FURNITURE = 1 << 3, /* running header, footer or page number */
	L_BLOCK = 1 << 4,     /* starts a block: list item, label ... */
	L_PAGE_NO = 1 << 5,   /* a page number ("Page 2 of 5"): a page ends */
	L_ITEM = 1 << 6,      /* a list item, its bullet dropped */
	L_DETAIL = 1 << 7,    /* a table's cell after the response's column:
				 who leads, by when */
	L_CELL = 1 << 8,      /* a table's cell, a paragraph of its own */
	L_QUOTED = 1 << 9,    /* quoted by an e-mail that answers it ("> ") */
	L_ROW = 1 << 10,      /* made of a `-layout` table's row: its lines
				 are cells, not lines wrapped at a width */
	L_SOFT = 1 << 11,     /* ends in a soft hyphen: its last word goes
				 on at the next line's start */
	L_STANCE = 1 << 12,   /* a table's cell of the answer's stance, in a
				 column of its own before the response's */
	L_CHROME = 1 << 13,   /* furniture that is a web page's own line ("Was
				 this page useful?"), not a page's edge */
	L_CELL_REST = 1 << 14, /* the rest of a table's cell that a page break
				  cut, moved to the cell: a cell's text, but
				  not a paragraph of its own */
	L_GLUED = 1 << 15,    /* split from the line before where bold was
				 glued to it ("additional**Title**12",
				 "sentence.**Footer | Page 2**"): maybe a
				 running header set into the text */
	L_BLOCKQUOTE = 1 << 16, /* in a Markdown block quote ("> ") */
	L_TABLE_END = 1 << 17, /* the first line after a table printed cell
				  by cell, its cells a line each */
};

typedef struct line {
	size_t start, end;  /* in the scratch buffer */
	unsigned flags;
	size_t bold0, nbold; /* its bold ranges in the bold array */
} line;

typedef struct range {
	size_t start, end;
} range;

/* A table row whose first cells are empty, the rest of the row above
 * it that a page break cut: its cells' lines [first[j], last[j]] go on
 * after the lines that end the same columns above, anchor[j], when
 * only the page's furniture lies between, lines [gap_from, gap_to). */
typedef struct row_rest {
	size_t gap_from, gap_to;
	size_t ncells;
	size_t first[16], last[16], anchor[16];
} row_rest;

typedef struct cleaner {
	lp_doc *doc;
	/* What is read: the source, or the text decoded from it (HTML),
	 * with the source offset of each byte (NULL: the offset itself). */
	const unsigned char *in;
	size_t in_len, in_start;
	const uint32_t *in_map;
	lp_match *m;
	lp_error *err;
	bool markdown;
	bool plain[256];    /* see plain_char() */

	lp_buf scratch;
	line *lines;
	size_t nlines, lines_cap;
	range *bold;
	size_t nbold, bold_cap;

	size_t hyphen_lookups; /* see keep_hyphen() */
	bool in_bold;       /* Markdown bold state, carried across lines */
	unsigned detail_from; /* the table's first column after the
				 response's, counted from 1; 0: none */
	unsigned stance_col;  /* a pipe table's column of stances before the
				 response's ("Accepted in part"), or 0 */
	size_t bold_from;   /* scratch offset where the open bold began */
	/* A pipe table's last whole row: each column's text lines
	 * [row[j][0], row[j][1]] (SIZE_MAX: none), and the line after it. */
	size_t row[16][2];
	size_t row_end;
	/* The rests of rows that a page break cut, to join to the cells
	 * above them (join_row_rests). */
	row_rest *rests;
	size_t nrests, rests_cap;

	const lp_rule *block_start, *page_number, *web_chrome, *marking, *footer,
		*column_field, *keep_hyphen, *open_end, *response_label;
	const lp_rule *const *stances; /* the stance.* family */
	size_t nstances;
} cleaner;

static inline const char *ltext(const cleaner *c, size_t i)
{
	return c->scratch.s + c->lines[i].start;
}

static inline size_t llen(const cleaner *c, size_t i)
{
	return c->lines[i].end - c->lines[i].start;
}

static inline bool blank(const cleaner *c, size_t i)
{
	return llen(c, i) == 0;
}

static inline bool same_text(const cleaner *c, size_t a, size_t b)
{
	return llen(c, a) == llen(c, b) &&
	       memcmp(ltext(c, a), ltext(c, b), llen(c, a)) == 0;
}

/* Is [t, t + n) a number of three digits at most and nothing else? */
static inline bool figures_only(const char *t, size_t n)
{
	size_t d = 0;
	while (d < n && isdigit((unsigned char)t[d]))
		d++;
	return n > 0 && d == n && n <= 3;
}

/* Is line @i a number of three digits at most and nothing else (a page
 * number, or a table's number cell)? */
static inline bool bare_number(const cleaner *c, size_t i)
{
	return figures_only(ltext(c, i), llen(c, i));
}

/* Words in @s[0..n), counted up to @limit. */
size_t nrm_count_words(const char *s, size_t n, size_t limit);
/* Does @s[0..n) end a sentence (closing quotes and brackets aside)? */
bool nrm_ends_sentence(const char *s, size_t n);

/* Flag the running headers, footers and page numbers among c->lines
 * (furniture.c).  0, or an error from a rule. */
int lp_mark_furniture(cleaner *c);

/* Flag the details of a table printed one cell under another, and its
 * heads printed again, among c->lines (cell_table.c). */
void lp_mark_cell_tables(cleaner *c);

#endif
