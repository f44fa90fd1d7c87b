/*
 * normalise.c - stage 2: from source bytes to clean paragraphs.
 *
 * Two passes.  The first cleans each source line on its own: Markdown
 * markup goes, spaces fold, characters become NFC, and a line that a PDF
 * converter glued together ("**MAYOR OF LONDON****Susan Hall AM**") is
 * split back into logical lines.  The second looks at the lines together:
 * it finds running headers and footers by rule and by repetition, drops
 * them, and joins hard-wrapped lines into paragraphs, rejoining a sentence
 * that a page break cut in two.
 *
 * Every byte of the result records the source byte it came from, so that
 * any span over the text can be mapped back to the original file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "internal.h"

enum {
	L_HEADING = 1 << 0,   /* a Markdown heading: its own paragraph */
	L_PAGE = 1 << 1,      /* first line after a form feed */
	L_HARD = 1 << 2,      /* Markdown hard break at the end */
	L_FURNITURE = 1 << 3, /* running header, footer or page number */
	L_BLOCK = 1 << 4,     /* starts a block: list item, label ... */
};

typedef struct line {
	size_t start, end;  /* in the scratch buffer */
	unsigned flags;
	size_t bold0, nbold; /* its bold ranges in the bold array */
} line;

typedef struct range {
	size_t start, end;
} range;

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

	lp_buf scratch;
	line *lines;
	size_t nlines, lines_cap;
	range *bold;
	size_t nbold, bold_cap;

	size_t hyphen_lookups; /* see keep_hyphen() */
	bool in_bold;       /* Markdown bold state, carried across lines */
	size_t bold_from;   /* scratch offset where the open bold began */

	const lp_rule *block_start, *page_number, *footer, *column_field,
		*keep_hyphen;
} cleaner;

/* ---- pass 1: one source line ---------------------------------------- */

static uint32_t src_at(const cleaner *c, size_t i)
{
	return c->in_map ? c->in_map[i] : (uint32_t)i;
}

/* Append input bytes [i, i+n) as they are. */
static void put_in(cleaner *c, size_t i, size_t n)
{
	if (c->in_map)
		lp_buf_append(&c->scratch, (const char *)c->in + i,
			      c->in_map + i, n);
	else
		lp_buf_copy(&c->scratch, (const char *)c->in + i, n,
			    (uint32_t)i);
}

static line *cur_line(cleaner *c)
{
	return &c->lines[c->nlines - 1];
}

static void open_line(cleaner *c, unsigned flags)
{
	if (c->nlines == c->lines_cap) {
		c->lines_cap = c->lines_cap ? c->lines_cap * 2 : 256;
		c->lines = lp_xrealloc(c->lines, c->lines_cap * sizeof *c->lines);
	}
	c->lines[c->nlines++] = (line){ .start = c->scratch.len,
					.end = c->scratch.len,
					.flags = flags,
					.bold0 = c->nbold };
	if (c->in_bold)
		c->bold_from = c->scratch.len;
}

static void add_bold(cleaner *c, size_t start, size_t end)
{
	if (end <= start)
		return;
	if (c->nbold == c->bold_cap) {
		c->bold_cap = c->bold_cap ? c->bold_cap * 2 : 64;
		c->bold = lp_xrealloc(c->bold, c->bold_cap * sizeof *c->bold);
	}
	c->bold[c->nbold++] = (range){ start, end };
	cur_line(c)->nbold++;
}

/* Trim trailing spaces of the current logical line and close it. */
static void close_line(cleaner *c)
{
	line *l = cur_line(c);
	while (c->scratch.len > l->start && c->scratch.s[c->scratch.len - 1] == ' ')
		c->scratch.len--;
	if (c->in_bold)
		add_bold(c, c->bold_from, c->scratch.len);
	l->end = c->scratch.len;
	c->scratch.s[c->scratch.len] = '\0';
}

static bool last_is_space(const cleaner *c)
{
	const line *l = &c->lines[c->nlines - 1];
	return c->scratch.len == l->start ||
	       c->scratch.s[c->scratch.len - 1] == ' ';
}

static void put_space(cleaner *c, uint32_t src)
{
	if (!last_is_space(c))
		lp_buf_put(&c->scratch, " ", 1, src);
}

/* Spaces that are not U+0020 but read as one. */
static bool is_space_cp(int32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000 || cp == 0x1680;
}

/* Characters that carry nothing a reader sees. */
static bool is_invisible_cp(int32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0x80 && cp <= 0x9F);
}

/* Latin-1 and general punctuation are already NFC and never compose
 * with what follows, so most letters need no call into utf8proc. */
static bool nfc_stable_cp(int32_t cp)
{
	return (cp >= 0xA0 && cp <= 0x2FF) || (cp >= 0x2010 && cp <= 0x205F) ||
	       (cp >= 0x20A0 && cp <= 0x20CF);
}

static bool is_combining(int32_t cp)
{
	return utf8proc_get_property(cp)->combining_class != 0;
}

/* Copy one character, and any combining marks after it, in NFC. */
static size_t put_cluster(cleaner *c, const unsigned char *s, size_t i,
			  size_t end)
{
	size_t at = i;
	int32_t cp = lp_utf8_next(s, end, &i);
	size_t j = i;
	while (j < end) {
		size_t k = j;
		int32_t next = lp_utf8_next(s, end, &k);
		if (next < 0 || !is_combining(next))
			break;
		j = k;
	}
	if (j == i && (cp < 0x80 || nfc_stable_cp(cp))) {
		put_in(c, at, i - at);
		return i;
	}
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map(s + at, (utf8proc_ssize_t)(j - at),
					  &nfc,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n > 0) {
		lp_buf_put(&c->scratch, (const char *)nfc, (size_t)n,
			   src_at(c, at));
		/* The last byte maps to the cluster's last source byte, so a
		 * span ending here ends after the combining marks too. */
		c->scratch.map[c->scratch.len - 1] = src_at(c, j - 1);
	} else {
		put_in(c, at, j - at);
	}
	free(nfc);
	return j;
}

/* Is [i, b) a horizontal rule: three or more of one of - * _ = ? */
static bool is_rule_line(const unsigned char *s, size_t i, size_t b)
{
	size_t n = 0;
	unsigned char ch = i < b ? s[i] : 0;
	if (!strchr("-*_=", ch) || ch == 0)
		return false;
	for (; i < b; i++) {
		if (s[i] == ch)
			n++;
		else if (s[i] != ' ' && s[i] != '\t')
			return false;
	}
	return n >= 3;
}

/* End of a bullet at @i ("- ", "* ", "• "), or 0 when there is none. */
static size_t bullet_end(const unsigned char *s, size_t i, size_t b)
{
	static const char *const bullets[] = {
		"- ", "* ", "+ ", "\xE2\x80\xA2 ", "\xE2\x97\x8F ",
		"\xE2\x96\xAA ", "\xE2\x97\xA6 ", "\xE2\x80\xA3 ",
		"\xC2\xB7 ", "\xEF\x82\xB7 ",
	};
	/* "- 2 -" is a page number, not a list item. */
	size_t e = b;
	while (e > i && s[e - 1] == ' ')
		e--;
	if (e - i >= 3 && s[i] == '-' && s[e - 1] == '-' && s[e - 2] == ' ')
		return 0;
	for (size_t k = 0; k < sizeof bullets / sizeof *bullets; k++) {
		size_t n = strlen(bullets[k]);
		if (b - i > n && memcmp(s + i, bullets[k], n) == 0)
			return i + n;
	}
	return 0;
}

/* Is the single * or _ at @i an emphasis marker?  An opener follows a
 * space or punctuation and precedes a letter; a closer is the reverse.
 * "snake_case", "2 * 3" and a lone "*" stay as they are. */
static bool emphasis_mark(const unsigned char *s, size_t a, size_t i,
			  size_t b)
{
	unsigned char prev = i > a ? s[i - 1] : ' ';
	unsigned char next = i + 1 < b ? s[i + 1] : ' ';
	if (next == s[i] || prev == s[i])
		return false; /* part of ** or __ */
	bool before_word = prev == ' ' || prev == '(' || prev == '"' ||
			   prev == '\'';
	bool after_word = next == ' ' || (ispunct(next) && next != '[' &&
					  next != '(');
	if (before_word && next != ' ')
		return true; /* opens: " *word" */
	if (prev != ' ' && after_word)
		return true; /* closes: "word* " or "word*." */
	return false;
}

/* The `)` closing a Markdown link `[text](url)` whose `[` is at @i, or 0. */
static size_t link_end(const unsigned char *s, size_t i, size_t end,
		       size_t *close_bracket)
{
	size_t k = i + 1;
	while (k < end && s[k] != ']' && s[k] != '[')
		k++;
	if (k + 1 >= end || s[k] != ']' || s[k + 1] != '(')
		return 0;
	/* URLs have no spaces; the bound keeps a line of unclosed links
	 * from being scanned once per bracket. */
	size_t p = k + 2, stop = end - p > 4096 ? p + 4096 : end;
	while (p < stop && s[p] != ')' && s[p] != ' ' && s[p] != '[')
		p++;
	if (p >= stop)
		return 0;
	if (s[p] != ')')
		return 0;
	*close_bracket = k;
	return p;
}

/* Does the text after a wide gap start a letterhead field (`Our ref:`,
 * `Date:`)?  Then the gap was a column break in a two-column letterhead. */
static bool column_break(cleaner *c, const unsigned char *s, size_t i,
			 size_t end)
{
	if (!c->column_field)
		return false;
	lp_error e;
	return lp_rule_at(c->column_field, (const char *)s, end, i, c->m, &e) ==
	       1;
}

static void clean_line(cleaner *c, size_t a, size_t b, unsigned flags)
{
	const unsigned char *s = c->in;
	size_t i = a;

	/* A Markdown hard break is two trailing spaces or a backslash. */
	size_t tail = b;
	while (tail > a && (s[tail - 1] == ' ' || s[tail - 1] == '\t'))
		tail--;
	if (c->markdown && (b - tail >= 2 || (tail > a && s[tail - 1] == '\\')))
		flags |= L_HARD;

	while (i < b && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (is_rule_line(s, i, b)) {
		/* A horizontal rule separates blocks and says nothing. */
		open_line(c, flags & L_PAGE);
		close_line(c);
		return;
	}
	if (c->markdown && i + 1 < b && s[i] == '>' && s[i + 1] == ' ')
		i += 2; /* a block quote: the quoted text stays */
	if (c->markdown && i < b && s[i] == '#') {
		size_t k = i;
		while (k < b && s[k] == '#')
			k++;
		if (k - i <= 6 && (k == b || s[k] == ' ')) {
			flags |= L_HEADING;
			i = k;
		}
	}
	/* A bullet is markup: the item keeps its own line, not the glyph. */
	size_t after_bullet = bullet_end(s, i, b);
	if (after_bullet) {
		flags |= L_BLOCK;
		i = after_bullet;
	}
	open_line(c, flags);

	size_t link_close = 0, link_stop = 0;
	size_t bold_closed = (size_t)-1; /* scratch offset of the last close */
	while (i < b) {
		unsigned ch = s[i];
		if (c->markdown && (ch == '*' || ch == '_') && i + 1 < b &&
		    s[i + 1] == ch) {
			bool opening = !c->in_bold;
			if (opening) {
				/* Bold glued to what precedes it, or to the bold
				 * before it ("**A****B**", "**A** **B**"), starts
				 * a new block: the converter lost a line break. */
				bool after_bold = bold_closed != (size_t)-1 &&
						  c->scratch.len - bold_closed <= 1;
				if (!last_is_space(c) || after_bold) {
					close_line(c);
					open_line(c, flags & L_PAGE);
				}
				c->in_bold = true;
				c->bold_from = c->scratch.len;
			} else {
				add_bold(c, c->bold_from, c->scratch.len);
				c->in_bold = false;
				bold_closed = c->scratch.len;
			}
			i += 2;
			continue;
		}
		if (c->markdown && (ch == '*' || ch == '_') &&
		    emphasis_mark(s, a, i, b)) {
			i++; /* *italic* and _italic_ lose their markers */
			continue;
		}
		if (c->markdown && ch == '!' && i + 1 < b && s[i + 1] == '[') {
			i++; /* an image ![alt](src) reads as its alt text */
			continue;
		}
		if (c->markdown && ch == '[' && !link_close) {
			size_t close;
			size_t e = link_end(s, i, b, &close);
			if (e) {
				link_close = close;
				link_stop = e;
				i++;
				continue;
			}
		}
		if (link_close && i == link_close) {
			i = link_stop + 1;
			link_close = 0;
			continue;
		}
		if (c->markdown && ch == '\\' && i + 1 < b &&
		    ispunct(s[i + 1])) {
			i++;
			put_in(c, i, 1);
			i++;
			continue;
		}
		if (ch == ' ' || ch == '\t') {
			size_t k = i;
			while (k < b && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (!c->markdown && k - i >= 3 && k < b &&
			    column_break(c, s, k, b)) {
				close_line(c);
				open_line(c, flags & L_PAGE);
			} else if (k < b) {
				put_space(c, src_at(c, i));
			}
			i = k;
			continue;
		}
		if (ch < 0x20 || ch == 0x7F) {
			/* Control characters cannot reach XML and mean
			 * nothing in a letter: they read as a space. */
			put_space(c, src_at(c, i));
			i++;
			continue;
		}
		if (ch < 0x80 && (i + 1 >= b || s[i + 1] < 0x80)) {
			put_in(c, i, 1);
			i++;
			continue;
		}
		size_t k = i;
		int32_t cp = lp_utf8_next(s, b, &k);
		if (is_space_cp(cp)) {
			put_space(c, src_at(c, i));
			i = k;
		} else if (is_invisible_cp(cp)) {
			i = k;
		} else {
			i = put_cluster(c, s, i, b);
		}
	}
	close_line(c);
}

/* Markdown if the file uses heading or bold markup; otherwise plain text
 * such as pdftotext gives, where a `**` would be literal. */
static bool sniff_markdown(const unsigned char *s, size_t n)
{
	bool at_line_start = true;
	for (size_t i = 0; i + 1 < n; i++) {
		if (at_line_start && s[i] == '#' &&
		    (s[i + 1] == '#' || s[i + 1] == ' '))
			return true;
		if (s[i] == '*' && s[i + 1] == '*')
			return true;
		at_line_start = s[i] == '\n' || s[i] == '\r';
	}
	return false;
}

static void split_lines(cleaner *c)
{
	const unsigned char *s = c->in;
	size_t n = c->in_len, i = c->in_start;
	unsigned flags = 0;
	while (i < n) {
		size_t e = i;
		while (e < n && s[e] != '\n' && s[e] != '\r' && s[e] != '\f')
			e++;
		clean_line(c, i, e, flags);
		flags = 0;
		if (e == n)
			break;
		if (s[e] == '\f') {
			flags = L_PAGE;
			/* A form feed usually ends a line's worth of text;
			 * a newline right after it adds no blank line. */
			if (e + 1 < n && s[e + 1] == '\n')
				e++;
		} else if (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n') {
			e++;
		}
		i = e + 1;
		/* Markdown bold does not run across a blank line. */
		if (c->in_bold && i < n && (s[i] == '\n' || s[i] == '\r'))
			c->in_bold = false;
	}
}

/* ---- pass 2: the lines together -------------------------------------- */

static const char *ltext(const cleaner *c, size_t i)
{
	return c->scratch.s + c->lines[i].start;
}

static size_t llen(const cleaner *c, size_t i)
{
	return c->lines[i].end - c->lines[i].start;
}

static bool blank(const cleaner *c, size_t i)
{
	return llen(c, i) == 0;
}

static bool same_text(const cleaner *c, size_t a, size_t b)
{
	return llen(c, a) == llen(c, b) &&
	       memcmp(ltext(c, a), ltext(c, b), llen(c, a)) == 0;
}

static int rule_whole_line(cleaner *c, const lp_rule *r, size_t i)
{
	if (!r)
		return 0;
	return lp_rule_at(r, ltext(c, i), llen(c, i), 0, c->m, c->err);
}

/* qsort has no context argument in C11, so the comparison finds the
 * lines through a thread-local: a batch may normalise on many threads. */
static _Thread_local const cleaner *sort_cleaner;

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

static bool same_masked(const cleaner *c, size_t a, size_t b);

/* Page furniture found by rule: page numbers anywhere, and footer lines
 * (address, phone, web) that repeat. */
static int mark_by_rule(cleaner *c)
{
	for (size_t i = 0; i < c->nlines; i++) {
		if (blank(c, i))
			continue;
		int rc = rule_whole_line(c, c->page_number, i);
		if (rc < 0)
			return rc;
		if (rc)
			c->lines[i].flags |= L_FURNITURE;
		rc = rule_whole_line(c, c->block_start, i);
		if (rc < 0)
			return rc;
		if (rc)
			c->lines[i].flags |= L_BLOCK;
	}
	/* Footer candidates are removed when they repeat, page numbers
	 * aside: sort them by text and mark every run of two or more. */
	size_t *cand = lp_xmalloc((c->nlines + 1) * sizeof *cand), n = 0;
	for (size_t i = 0; i < c->nlines; i++) {
		if (blank(c, i) || (c->lines[i].flags & L_FURNITURE))
			continue;
		int rc = rule_whole_line(c, c->footer, i);
		if (rc < 0) {
			free(cand);
			return rc;
		}
		if (rc)
			cand[n++] = i;
	}
	sort_cleaner = c;
	qsort(cand, n, sizeof *cand, by_text);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && same_masked(c, cand[a], cand[b]); b++)
			;
		for (size_t k = a; b - a >= 2 && k < b; k++)
			c->lines[cand[k]].flags |= L_FURNITURE;
	}
	free(cand);
	return 0;
}

static bool standalone(const cleaner *c, size_t i)
{
	bool before = i == 0 || blank(c, i - 1) ||
		      (c->lines[i].flags & (L_PAGE | L_HEADING)) ||
		      (c->lines[i - 1].flags & L_FURNITURE);
	bool after = i + 1 == c->nlines || blank(c, i + 1) ||
		     (c->lines[i + 1].flags & (L_PAGE | L_FURNITURE));
	return before && after;
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
	 * 5").  Only the numbered repeats go; the heading stays. */
	for (size_t i = 0; i < c->nlines; i++) {
		if (!(c->lines[i].flags & L_HEADING) || llen(c, i) > 200)
			continue;
		for (size_t k = i + 1; k < c->nlines; k++)
			if (!(c->lines[k].flags & L_HEADING) && standalone(c, k) &&
			    same_but_page_number(c, i, k))
				c->lines[k].flags |= L_FURNITURE;
	}
	for (size_t h = 0; h < nhead; h++) {
		size_t first = head[h];
		if (llen(c, first) > 80 || (c->lines[first].flags & L_BLOCK))
			continue;
		bool repeated = false;
		for (size_t i = head[nhead - 1] + 1; i < c->nlines; i++) {
			if (same_text(c, first, i) && standalone(c, i)) {
				c->lines[i].flags |= L_FURNITURE;
				repeated = true;
			}
		}
		if (repeated)
			c->lines[first].flags |= L_FURNITURE;
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

static size_t count_words(const char *s, size_t n);
static bool ends_sentence(const char *s, size_t n);

/* Stray furniture that neither rule nor repetition finds: a bare page
 * number on a line of its own, and a short line that stands in the
 * middle of a sentence, as a running header printed once does ("...
 * receive / # Department for Education / reminds local authorities"). */
static void mark_stray_lines(cleaner *c)
{
	for (size_t i = 0; i < c->nlines; i++) {
		line *l = &c->lines[i];
		if (blank(c, i) || (l->flags & (L_FURNITURE | L_BLOCK)) ||
		    !standalone(c, i))
			continue;
		const char *t = ltext(c, i);
		size_t n = llen(c, i), d = 0;
		while (d < n && isdigit((unsigned char)t[d]))
			d++;
		if (d == n && n <= 3) {
			l->flags |= L_FURNITURE;
			continue;
		}
		/* A footer printed once (an address, a phone number) may be
		 * long; other stray lines are short. */
		lp_error e;
		bool footer = c->footer &&
			      lp_rule_at(c->footer, t, n, 0, c->m, &e) == 1;
		if (count_words(t, n) > 8 && !footer)
			continue;
		size_t p = content_near(c, i, -1), q = content_near(c, i, +1);
		if (p == (size_t)-1 || q == (size_t)-1)
			continue;
		if (count_words(ltext(c, p), llen(c, p)) >= 8 &&
		    !ends_sentence(ltext(c, p), llen(c, p)) &&
		    !(c->lines[p].flags & L_HEADING) &&
		    islower((unsigned char)ltext(c, q)[0]))
			l->flags |= L_FURNITURE;
	}
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

static bool same_unnumbered(const cleaner *c, size_t a, size_t b)
{
	const char *x, *y;
	size_t nx, ny;
	unnumbered(c, a, &x, &nx);
	unnumbered(c, b, &y, &ny);
	return nx >= 8 && nx == ny && memcmp(x, y, nx) == 0;
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

/* Running headers and footers of a paginated text (pdftotext puts a form
 * feed between pages): lines at the edge of a page that recur, digits
 * aside, at the edge of another page. */
static void mark_page_edges(cleaner *c)
{
	size_t *starts = lp_xmalloc((c->nlines + 1) * sizeof *starts);
	size_t npages = 0;
	starts[npages++] = 0;
	for (size_t i = 1; i < c->nlines; i++)
		if (c->lines[i].flags & L_PAGE)
			starts[npages++] = i;
	if (npages < 2) {
		free(starts);
		return;
	}
	starts[npages] = c->nlines;
	size_t (*edges)[2 * EDGE] = lp_xmalloc(npages * sizeof *edges);
	size_t *nedges = lp_xmalloc(npages * sizeof *nedges);
	for (size_t p = 0; p < npages; p++)
		nedges[p] = page_edges(c, starts[p], starts[p + 1], edges[p]);
	for (size_t p = 0; p < npages; p++) {
		for (size_t e = 0; e < nedges[p]; e++) {
			size_t i = edges[p][e];
			if (llen(c, i) > 100 || (c->lines[i].flags & L_BLOCK))
				continue;
			/* Furniture recurs from page to page, so looking a
			 * few pages ahead finds it and keeps this linear. */
			for (size_t q = p + 1; q < npages && q <= p + 3; q++)
				for (size_t f = 0; f < nedges[q]; f++) {
					size_t k = edges[q][f];
					if (same_masked(c, i, k) ||
					    same_unnumbered(c, i, k)) {
						c->lines[i].flags |= L_FURNITURE;
						c->lines[k].flags |= L_FURNITURE;
					}
				}
		}
	}
	free(edges);
	free(nedges);
	free(starts);
}

/* The width a hard-wrapped text was wrapped at, or 0 when its lines are
 * whole paragraphs (as Markdown from a converter usually is). */
static size_t wrap_width(const cleaner *c)
{
	size_t hist[201] = { 0 }, n = 0;
	for (size_t i = 0; i < c->nlines; i++) {
		if (blank(c, i) || (c->lines[i].flags & L_FURNITURE))
			continue;
		size_t len = llen(c, i);
		hist[len > 200 ? 200 : len]++;
		n++;
	}
	if (n < 8)
		return 0;
	/* The 90th percentile: most lines of a wrapped paragraph fill it. */
	size_t want = n - n / 10, seen = 0, w = 0;
	for (w = 0; w <= 200; w++) {
		seen += hist[w];
		if (seen >= want)
			break;
	}
	return w <= 120 ? w : 0;
}

static bool ends_sentence(const char *s, size_t n)
{
	while (n > 0 && strchr("\"')]*", s[n - 1]))
		n--;
	/* Closing typographic quotes are three bytes: ’ ” */
	while (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
	       (unsigned char)s[n - 2] == 0x80 &&
	       ((unsigned char)s[n - 1] == 0x99 || (unsigned char)s[n - 1] == 0x9D))
		n -= 3;
	return n > 0 && strchr(".!?:;", s[n - 1]);
}

static bool starts_lower(const char *s, size_t n)
{
	return n > 0 && islower((unsigned char)s[0]);
}

static bool last_word_lower(const char *s, size_t n)
{
	size_t a = n;
	while (a > 0 && s[a - 1] != ' ')
		a--;
	return a < n && islower((unsigned char)s[a]) &&
	       isalpha((unsigned char)s[n - 1]);
}

enum sep { SEP_NONE, SEP_SPACE, SEP_HYPHEN, SEP_KEEP_HYPHEN, SEP_LINE,
	   SEP_PARA };

/* Keep the hyphen of a word split at a line end when it is a compound:
 * the rule names prefixes that compound, and the document itself may
 * spell the word with its hyphen elsewhere. */
static bool keep_hyphen(cleaner *c, const char *l, size_t ln, const char *n,
			size_t nn)
{
	size_t a = ln - 1; /* the hyphen */
	while (a > 0 && isalpha((unsigned char)l[a - 1]))
		a--;
	size_t b = 0;
	while (b < nn && isalpha((unsigned char)n[b]))
		b++;
	if (c->keep_hyphen &&
	    lp_rule_at(c->keep_hyphen, l + a, ln - 1 - a, 0, c->m, c->err) == 1)
		return true;
	size_t wlen = (ln - a) + b;
	char *word = lp_xmalloc(wlen + 1);
	memcpy(word, l + a, ln - a);
	memcpy(word + (ln - a), n, b);
	word[wlen] = '\0';
	/* Does the letter spell the word with its hyphen elsewhere?  The
	 * input is NUL-free and NUL-terminated (see lp_normalise).  Each
	 * look-up reads the whole source, so only the first few are made:
	 * a hostile input with a hyphen on every line stays linear. */
	bool found = false;
	if (c->hyphen_lookups < 256) {
		c->hyphen_lookups++;
		found = strstr((const char *)c->in, word) != NULL;
	}
	free(word);
	return found;
}

static bool ends_bold(const cleaner *c, size_t i)
{
	const line *l = &c->lines[i];
	return l->nbold > 0 && c->bold[l->bold0 + l->nbold - 1].end == l->end;
}

static bool starts_bold(const cleaner *c, size_t i)
{
	const line *l = &c->lines[i];
	return l->nbold > 0 && c->bold[l->bold0].start == l->start;
}

static enum sep separator(cleaner *c, size_t prev, size_t i, bool blank_seen,
			  bool crossed, size_t para_words, size_t width)
{
	const line *L = &c->lines[prev], *N = &c->lines[i];
	const char *lt = ltext(c, prev), *nt = ltext(c, i);
	size_t ll = llen(c, prev), nl = llen(c, i);
	bool hyphen_end = ll >= 2 && lt[ll - 1] == '-' &&
			  isalpha((unsigned char)lt[ll - 2]);
	bool hyphen = hyphen_end && starts_lower(nt, nl);
	/* Before a capital the hyphen is part of the word: "pan-\nLondon". */
	bool compound = hyphen_end && nl > 0 && isupper((unsigned char)nt[0]);

	if ((L->flags | N->flags) & L_HEADING)
		return SEP_PARA;
	/* Bold that starts or stops at the break marks a new block: the
	 * recommendation after a signature, a title after a paragraph. */
	bool type_change = ends_bold(c, prev) != starts_bold(c, i);
	if (crossed) {
		/* In wrapped text a short last line that ends on a capital
		 * ("... Energy Efficiency and Heat") ended its paragraph; the
		 * page break did not cut it.  One that ends on a small word
		 * ("... the audit in") or is continued in lower case was. */
		if (type_change ||
		    (width && ll * 10 < width * 6 && !starts_lower(nt, nl) &&
		     !last_word_lower(lt, ll)))
			return SEP_PARA;
		/* A page break: rejoin the sentence it cut, as in the seed's
		 * "from Her / # MAYOR OF LONDON / Majesty's Inspectorate". */
		if (N->flags & L_BLOCK || ends_sentence(lt, ll) ||
		    para_words < 5)
			return SEP_PARA;
		if (compound)
			return SEP_KEEP_HYPHEN;
		if (hyphen)
			return keep_hyphen(c, lt, ll, nt, nl) ? SEP_KEEP_HYPHEN
								: SEP_HYPHEN;
		return SEP_SPACE;
	}
	if (blank_seen)
		return SEP_PARA;
	/* Plain text that is not hard-wrapped has one paragraph a line;
	 * only a line that starts in lower case continues a sentence. */
	if (!c->markdown && !width && !starts_lower(nt, nl) && !hyphen_end)
		return SEP_PARA;
	if (L->flags & L_HARD || N->flags & L_BLOCK || type_change)
		return SEP_LINE;
	if (compound)
		return SEP_KEEP_HYPHEN;
	if (hyphen)
		return keep_hyphen(c, lt, ll, nt, nl) ? SEP_KEEP_HYPHEN
						      : SEP_HYPHEN;
	if (starts_lower(nt, nl))
		return SEP_SPACE;
	/* A wrapped line is full: its successor's first word would not
	 * have fitted on it.  A short line whose successor's first word
	 * would have fitted ended for another reason (an address, a
	 * letterhead, the end of a paragraph).  The slack allows for the
	 * width being a percentile, and for justified text. */
	size_t fw = 0;
	while (fw < nl && nt[fw] != ' ')
		fw++;
	if (width && ll * 10 >= width * 6 && ll + 1 + fw + 8 > width)
		return SEP_SPACE;
	/* Plain text without blank lines between paragraphs (pdftotext
	 * without -layout): a sentence that ends before the margin ends
	 * its paragraph. */
	if (!c->markdown && width && ends_sentence(lt, ll))
		return SEP_PARA;
	return SEP_LINE;
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; i++)
		words += s[i] != ' ' && s[i] != '\n' &&
			 (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n');
	return words;
}

typedef struct assembler {
	lp_buf out;
	size_t para_start, para_words;
	unsigned para_flags;
} assembler;

static void close_para(lp_doc *doc, assembler *a)
{
	if (a->out.len <= a->para_start)
		return;
	int i = lp_doc_add_span(doc, LP_SPAN_PARAGRAPH, a->para_start,
				a->out.len, NULL, -1);
	if (a->para_flags & L_HEADING)
		lp_span_set(doc, i, "heading", "true");
}

/* Add the bold ranges of line @i, now copied to text offset @at. */
static void add_line_bold(cleaner *c, size_t i, size_t at, size_t len)
{
	const line *l = &c->lines[i];
	for (size_t k = l->bold0; k < l->bold0 + l->nbold; k++) {
		size_t s = c->bold[k].start - l->start;
		size_t e = c->bold[k].end - l->start;
		if (e > len)
			e = len;
		if (s < e)
			lp_doc_add_span(c->doc, LP_SPAN_BOLD, at + s, at + e,
					NULL, -1);
	}
}

/* Merge bold spans separated only by a space or a line break: a bold
 * recommendation wrapped over several lines is one run of emphasis. */
static void merge_bold(lp_doc *doc)
{
	size_t w = 0;
	for (size_t r = 0; r < doc->nspans; r++) {
		lp_span *s = &doc->spans[r];
		if (s->kind == LP_SPAN_BOLD && w > 0) {
			lp_span *p = &doc->spans[w - 1];
			if (p->kind == LP_SPAN_BOLD && s->start >= p->end &&
			    s->start - p->end <= 2) {
				bool gap_ws = true;
				for (size_t k = p->end; k < s->start; k++)
					gap_ws &= doc->text[k] == ' ' ||
						  doc->text[k] == '\n';
				if (gap_ws) {
					p->end = s->end;
					continue;
				}
			}
		}
		doc->spans[w++] = *s;
	}
	doc->nspans = w;
}

static void assemble(cleaner *c)
{
	lp_doc *doc = c->doc;
	size_t width = wrap_width(c);
	assembler a = { 0 };
	size_t prev = (size_t)-1;
	bool blank_seen = false, crossed = false;
	uint32_t src_end = (uint32_t)doc->src_len;

	for (size_t i = 0; i < c->nlines; i++) {
		const line *l = &c->lines[i];
		if (l->flags & L_PAGE)
			crossed = true;
		if (blank(c, i)) {
			blank_seen = true;
			continue;
		}
		if (l->flags & L_FURNITURE) {
			crossed = true;
			continue;
		}
		uint32_t here = c->scratch.map[l->start];
		if (prev != (size_t)-1) {
			enum sep sp = separator(c, prev, i, blank_seen, crossed,
						a.para_words, width);
			switch (sp) {
			case SEP_SPACE:
				lp_buf_put(&a.out, " ", 1, here);
				break;
			case SEP_HYPHEN:
				a.out.len--; /* drop the line-end hyphen */
				break;
			case SEP_KEEP_HYPHEN:
			case SEP_NONE:
				break;
			case SEP_LINE:
				lp_buf_put(&a.out, "\n", 1, here);
				break;
			case SEP_PARA:
				close_para(doc, &a);
				lp_buf_put(&a.out, "\n\n", 2, here);
				a.para_start = a.out.len;
				a.para_flags = l->flags;
				a.para_words = 0;
				break;
			}
		} else {
			a.para_flags = l->flags;
		}
		size_t at = a.out.len;
		lp_buf_append(&a.out, c->scratch.s + l->start,
			      c->scratch.map + l->start, llen(c, i));
		add_line_bold(c, i, at, llen(c, i));
		/* Counted line by line: recounting the paragraph at each join
		 * would be quadratic in a long paragraph. */
		a.para_words += count_words(ltext(c, i), llen(c, i));
		prev = i;
		blank_seen = crossed = false;
	}
	close_para(doc, &a);
	/* Make sure the buffer exists and has room for map[text_len]. */
	lp_buf_put(&a.out, "", 0, src_end);
	a.out.map[a.out.len] = src_end;
	doc->text = a.out.s;
	doc->map = a.out.map;
	doc->text_len = a.out.len;
	merge_bold(doc);
}

/* ---- the folded view that rules match ------------------------------- */

/* ASCII stand-ins for typographic quotes and dashes, so that a rule
 * written with ' or - also matches ’ and –. */
static const char *fold_cp(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212:
		return "-";
	case 0x2026:
		return "...";
	default:
		return NULL;
	}
}

char *lp_fold_string(const char *s)
{
	size_t n = strlen(s);
	char *out = lp_xmalloc(n * 3 + 1), *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = i;
		int32_t cp = lp_utf8_next((const unsigned char *)s, n, &k);
		const char *f = cp >= 0 ? fold_cp(cp) : NULL;
		if (cp < 0)
			k = i + 1;
		if (f) {
			memcpy(o, f, strlen(f));
			o += strlen(f);
		} else {
			memcpy(o, s + i, k - i);
			o += k - i;
		}
		i = k;
	}
	*o = '\0';
	return out;
}

static void build_fold(lp_doc *doc)
{
	const unsigned char *t = (const unsigned char *)doc->text;
	size_t n = doc->text_len;
	bool any = false;
	for (size_t i = 0; i < n && !any; i++)
		any = t[i] == 0xE2;
	doc->fold = doc->text;
	doc->fold_len = n;
	doc->fold_map = NULL;
	if (!any)
		return;
	lp_buf b = { 0 };
	for (size_t i = 0; i < n;) {
		size_t k = i;
		int32_t cp = lp_utf8_next(t, n, &k);
		const char *f = cp >= 0 ? fold_cp(cp) : NULL;
		if (f)
			lp_buf_put(&b, f, strlen(f), (uint32_t)i);
		else
			lp_buf_copy(&b, (const char *)t + i, k - i, (uint32_t)i);
		i = k;
	}
	lp_buf_put(&b, "", 0, (uint32_t)n);
	b.map[b.len] = (uint32_t)n;
	doc->fold = b.s;
	doc->fold_len = b.len;
	doc->fold_map = b.map;
}

/* ---- the stage ------------------------------------------------------- */

int lp_normalise(lp_doc *doc, const lp_grammar *g, lp_error *err)
{
	cleaner c = { .doc = doc, .err = err };
	if (doc->decoded) {
		/* A decoder writes its structure as Markdown markup. */
		c.in = (const unsigned char *)doc->decoded;
		c.in_len = doc->decoded_len;
		c.in_map = doc->decoded_map;
		c.markdown = true;
	} else {
		c.in = doc->src;
		c.in_len = doc->src_len;
		c.in_start = doc->body;
		c.markdown = doc->from == LP_FROM_MARKDOWN ||
			     (doc->from != LP_FROM_TEXT &&
			      sniff_markdown(doc->src + doc->body,
					     doc->src_len - doc->body));
		doc->format = c.markdown ? "markdown" : "text";
	}
	c.block_start = lp_rule_get(g, "layout.block-start");
	c.page_number = lp_rule_get(g, "layout.page-number");
	c.footer = lp_rule_get(g, "layout.footer");
	c.column_field = lp_rule_get(g, "layout.column-field");
	c.keep_hyphen = lp_rule_get(g, "layout.keep-hyphen");
	c.m = lp_match_new(g);

	/* keep_hyphen() searches the input as a C string. */
	if (!doc->decoded) {
		doc->src = lp_xrealloc(doc->src, doc->src_len + 1);
		doc->src[doc->src_len] = '\0';
		c.in = doc->src;
	}

	lp_buf_put(&c.scratch, "", 0, 0); /* allocate, so lines may be empty */
	split_lines(&c);
	int rc = mark_by_rule(&c);
	if (rc == 0) {
		mark_letterhead_repeats(&c);
		mark_page_edges(&c);
		mark_stray_lines(&c);
		assemble(&c);
		build_fold(doc);
	}
	lp_match_free(c.m);
	lp_buf_free(&c.scratch);
	free(c.lines);
	free(c.bold);
	return rc;
}
