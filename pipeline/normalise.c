/*
 * normalise.c - stage 2: from source bytes to clean paragraphs.
 *
 * Two passes.  The first cleans each source line on its own: Markdown
 * markup goes, spaces fold, characters become NFC, and a line that a PDF
 * converter glued together ("**MAYOR OF LONDON****Susan Hall AM**") is
 * split back into logical lines.  The second looks at the lines together:
 * furniture.c flags running headers and footers, and this file drops them
 * and joins hard-wrapped lines into paragraphs, rejoining a sentence that
 * a page break cut in two.
 *
 * Every byte of the result records the source byte it came from, so that
 * any span over the text can be mapped back to the original file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalise.h"

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

/* Does the current line end in a letter or digit, so that bold that
 * starts or ends here is glued to a word? */
static bool glued_to_word(const cleaner *c)
{
	const line *l = &c->lines[c->nlines - 1];
	return c->scratch.len > l->start &&
	       isalnum((unsigned char)c->scratch.s[c->scratch.len - 1]);
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

/* The length of the number of one to four digits at @t (before @b), or
 * 0: a page's number. */
static size_t digits_at(const unsigned char *s, size_t t, size_t b)
{
	size_t d = t;
	while (d < b && d - t < 4 && isdigit(s[d]))
		d++;
	return d - t;
}

/* Does a bold that opens with its text at @t (the line ending at @b)
 * meet a page number: the line so far is a number ("2**Title**"), or
 * the bold is one, closing the line after text ("**Title****3**")? */
static bool page_number_glued(const cleaner *c, const unsigned char *s,
			      size_t t, size_t b)
{
	const line *l = &c->lines[c->nlines - 1];
	size_t n = c->scratch.len - l->start;
	if (n >= 1 && n <= 3 &&
	    strspn(c->scratch.s + l->start, "0123456789") == n)
		return t < b && isupper(s[t]);
	size_t page = digits_at(s, t, b);
	return n > 0 && page && t + page + 2 == b && s[t + page] == '*' &&
	       s[t + page + 1] == '*';
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
	/* Soft hyphens, zero-width spaces and joiners, BOMs and C1 controls
	 * show nothing; noncharacters mean nothing, and U+FFFE and U+FFFF
	 * cannot be written in XML 1.0 at all. */
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0x80 && cp <= 0x9F) ||
	       (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
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
	/* Every bullet starts with one of these bytes. */
	if (i >= b || !strchr("-*+\xE2\xC2\xEF", s[i]))
		return 0;
	for (size_t k = 0; k < sizeof bullets / sizeof *bullets; k++) {
		size_t n = strlen(bullets[k]);
		if (b - i > n && memcmp(s + i, bullets[k], n) == 0)
			return i + n;
	}
	return 0;
}

/* Is the single * or _ at @i an emphasis marker?  An opener follows a
 * space or punctuation and precedes a letter; a closer is the reverse,
 * or ends a label's colon before a capital ("*Response:*Agreed").
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
	/* (A bracket after a full stop: "... in 2025.*(paragraph 63)".) */
	bool after_word = next == ' ' ||
			  (ispunct(next) && next != '[' &&
			   (next != '(' || strchr(".!?", prev)));
	if (before_word && next != ' ')
		return true; /* opens: " *word" */
	if (prev != ' ' && after_word)
		return true; /* closes: "word* " or "word*." */
	/* closes a label glued to the text after it, as a PDF's converter
	 * writes "*ICB response:*Supported." */
	return (prev == ':' || prev == '.') && isupper(next);
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

/* A character clean_line copies as it is: printable ASCII but the
 * space and, in Markdown, the characters that may be markup.  Made a
 * table, c->plain, once a letter, for plain_run's loop. */
static bool plain_char(const cleaner *c, unsigned char ch)
{
	return ch > 0x20 && ch < 0x7F &&
	       !(c->markdown && (ch == '*' || ch == '_' || ch == '!' ||
				 ch == '[' || ch == '\\' || ch == '<'));
}

static void make_plain_table(cleaner *c)
{
	for (int ch = 0; ch < 256; ch++)
		c->plain[ch] = plain_char(c, (unsigned char)ch);
}

static bool keep_hyphen(cleaner *c, const char *l, size_t ln, const char *n,
			size_t nn);

/* Is the '-' at @k a word's hyphen left in the line by a converter that
 * joined the lines it broke ("digital engage- ment"): a lower-case
 * letter before, a space and a lower-case letter after?  Not a hyphen
 * that waits for its word ("short- and long-term"). */
static bool broken_word(const unsigned char *s, size_t a, size_t k,
			size_t b)
{
	if (k == a || k + 2 >= b || s[k + 1] != ' ' ||
	    !islower(s[k - 1]) || !islower(s[k + 2]))
		return false;
	static const char *const joins[] = { "and ", "or ", "to ", "nor ",
					     "but ", "as " };
	for (size_t j = 0; j < sizeof joins / sizeof *joins; j++) {
		size_t n = strlen(joins[j]);
		if (k + 2 + n <= b && memcmp(s + k + 2, joins[j], n) == 0)
			return false;
	}
	return true;
}

/* The end of the run of plain characters from @i, with the single spaces
 * between its words, that clean_line may copy in one piece: the run stops
 * before @stop, and before its last letter when a byte that may be a
 * combining mark follows. */
static size_t plain_run(const cleaner *c, const unsigned char *s, size_t i,
			size_t stop)
{
	size_t k = i;
	while (k < stop) {
		if (s[k] == '-' && k + 1 < stop && s[k + 1] == ' ' &&
		    broken_word(s, 0, k, stop))
			break; /* clean_run joins the word */
		if (c->plain[s[k]])
			k++;
		else if (s[k] == ' ' && k > i && k + 1 < stop &&
			 c->plain[s[k + 1]])
			k++;
		else
			break;
	}
	if (k > i && k < stop && s[k] >= 0x80)
		k--;
	return k;
}

/* Copy the source's [i, b) into the open line, dropping the markup of
 * Markdown, turning other spaces into one space and control characters
 * into a space, and composing to NFC.  @a is where the line (or table
 * cell) starts; @flags are the line's. */
/* The end of a Markdown footnote's mark ("[^2]", "[^note]") at @i, or 0. */
static size_t footnote_mark(const unsigned char *s, size_t i, size_t b)
{
	if (i + 3 >= b || s[i] != '[' || s[i + 1] != '^')
		return 0;
	for (size_t k = i + 2; k < b && k < i + 24; k++) {
		if (s[k] == ']')
			return k > i + 2 ? k + 1 : 0;
		if (!isalnum(s[k]) && s[k] != '-' && s[k] != '_')
			return 0;
	}
	return 0;
}

/* Is [i, e) no more than spaces and tabs: the rest of a line, or a
 * line of a `-layout` table? */
static bool spaces_only(const unsigned char *s, size_t i, size_t e)
{
	while (i < e && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == e;
}

/* Does a paragraph's number start at @i ("4.1 The Government ..."), a
 * capital after it? */
static bool paragraph_number(const unsigned char *s, size_t i, size_t b)
{
	size_t k = i;
	while (k < b && k - i < 3 && isdigit(s[k]))
		k++;
	if (k == i || k + 1 >= b || s[k] != '.' || !isdigit(s[k + 1]))
		return false;
	k++;
	while (k < b && isdigit(s[k]))
		k++;
	return k + 1 < b && s[k] == ' ' && isupper(s[k + 1]);
}

static void clean_run(cleaner *c, size_t a, size_t i, size_t b,
		      unsigned flags)
{
	const unsigned char *s = c->in;
	size_t link_close = 0, link_stop = 0;
	size_t bold_closed = (size_t)-1; /* scratch offset of the last close */
	while (i < b) {
		size_t run = plain_run(c, s, i, link_close ? link_close : b);
		if (run > i) {
			put_in(c, i, run - i);
			i = run;
			continue;
		}
		unsigned ch = s[i];
		if (ch == '-' && broken_word(s, a, i, b)) {
			/* "engage- ment" is "engagement"; "counter-
			 * allegations" keeps its hyphen, as at a line's
			 * end. */
			char word[64];
			size_t w = c->scratch.len, ws = w;
			while (ws > 0 && w - ws < sizeof word - 1 &&
			       isalpha((unsigned char)c->scratch.s[ws - 1]))
				ws--;
			memcpy(word, c->scratch.s + ws, w - ws);
			word[w - ws] = '-';
			if (keep_hyphen(c, word, w - ws + 1,
					(const char *)s + i + 2, b - i - 2))
				put_in(c, i, 1);
			i += 2;
			continue;
		}
		if (c->markdown && (ch == '*' || ch == '_') && i + 1 < b &&
		    s[i + 1] == ch) {
			bool opening = !c->in_bold;
			/* "***bold italic***": the italic's marker goes with
			 * the bold's (but "****" is a bold closed and one
			 * opened). */
			size_t w = i + 2 < b && s[i + 2] == ch &&
					   !(i + 3 < b && s[i + 3] == ch)
					   ? 3 : 2;
			if (opening) {
				/* Bold glued to what precedes it, or to the bold
				 * before it ("**A****B**", "**A** **B**"), starts
				 * a new block: the converter lost a line break. */
				bool after_bold = bold_closed != (size_t)-1 &&
						  c->scratch.len - bold_closed <= 1;
				/* But bold punctuation goes on the line it ends
				 * ("**Recommendation 4****:**"). */
				bool punct = i + w < b && strchr(":;,.)", s[i + w]);
				/* A page number glued to a running header
				 * in bold ("2**Title**", "**Title**3") is
				 * set apart by a space, so that the header
				 * reads as one line, numbered. */
				if (page_number_glued(c, s, i + w, b))
					put_space(c, src_at(c, i));
				else if ((!last_is_space(c) || after_bold) &&
					 !punct) {
					bool word = !after_bold && !last_is_space(c);
					close_line(c);
					open_line(c, (flags & L_PAGE) |
							     (word ? L_GLUED : 0));
				}
				c->in_bold = true;
				c->bold_from = c->scratch.len;
			} else {
				add_bold(c, c->bold_from, c->scratch.len);
				c->in_bold = false;
				bold_closed = c->scratch.len;
				/* Bold glued to a capital after it ("**LFB
				 * response**We do not ...", or "**Government
				 * response**4.1 The ..."): the converter lost
				 * a line break there too.  Not after a full
				 * stop ("**Agreed.**The"), where it lost only a
				 * space, and the text stays as the letter has
				 * it. */
				/* Or bold glued to words on both sides, a
				 * running header set into a sentence
				 * ("additional**Council | Report**12,000
				 * appointments"): a line of its own, for the
				 * furniture to find. */
				size_t page = digits_at(s, i + w, b);
				if (page && i + w + page == b) /* "**Title**3" */
					put_space(c, src_at(c, i));
				else if (i + w < b &&
					 (isupper(s[i + w]) ||
					  paragraph_number(s, i + w, b) ||
					  ((cur_line(c)->flags & L_GLUED) &&
					   isalnum(s[i + w]))) &&
					 glued_to_word(c)) {
					close_line(c);
					open_line(c, (flags & L_PAGE) | L_GLUED);
				}
			}
			i += w;
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
		if (c->markdown && ch == '<' && b - i >= 7 &&
		    memcmp(s + i, "<!--", 4) == 0) {
			/* An HTML comment ("<!-- image -->", where a
			 * converter left out a picture) says nothing. */
			const unsigned char *close =
				memmem(s + i + 4, b - i - 4, "-->", 3);
			if (close) {
				i = (size_t)(close + 3 - s);
				continue;
			}
		}
		if (c->markdown && ch == '[' && footnote_mark(s, i, b)) {
			/* "... in 2025.[^2]": the mark of a footnote */
			i = footnote_mark(s, i, b);
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
			/* (A gap after a field's name, "Date:     20
			 * March 2024", is the field's own.) */
			if (!c->markdown && k - i >= 3 && k < b &&
			    (i == 0 || s[i - 1] != ':') &&
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
		} else if (cp == 0xAD && c->nlines && spaces_only(s, k, b)) {
			/* A soft hyphen where the line breaks: the word was
			 * cut there, and goes on at the next line's start. */
			lp_buf_put(&c->scratch, "-", 1, src_at(c, i));
			c->lines[c->nlines - 1].flags |= L_SOFT;
			i = k;
		} else if (is_invisible_cp(cp)) {
			i = k;
		} else {
			i = put_cluster(c, s, i, b);
		}
	}
}

/* The end of the line at @i: the first '\n', '\r' or '\f' from @i, or
 * @n.  Three memchr, each as fast as the machine allows, beat one loop
 * that tests every byte three times.  They look 1 KiB at a time, so that
 * a text whose lines end in '\r' alone is not searched to its end for a
 * '\n' at every line. */
static size_t line_end(const unsigned char *s, size_t i, size_t n)
{
	for (size_t from = i; from < n;) {
		size_t to = n - from > 1024 ? from + 1024 : n, e = to;
		const unsigned char *p;
		if ((p = memchr(s + from, '\n', e - from)))
			e = (size_t)(p - s);
		if ((p = memchr(s + from, '\r', e - from)))
			e = (size_t)(p - s);
		if ((p = memchr(s + from, '\f', e - from)))
			e = (size_t)(p - s);
		if (e < to)
			return e;
		from = to;
	}
	return n;
}

/* The start of the line after the one that ends at @e (before @n), and
 * whether a form feed came between them (L_PAGE in *@flags). */
static size_t next_line(const unsigned char *s, size_t e, size_t n,
			unsigned *flags)
{
	*flags = 0;
	if (s[e] == '\f') {
		*flags = L_PAGE;
		/* A form feed usually ends a line's worth of text; a newline
		 * right after it adds no blank line. */
		if (e + 1 < n && s[e + 1] == '\n')
			e++;
	} else if (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n') {
		e++;
	}
	return e + 1;
}

/* Is [i, b) a Markdown table row, "| 1 | The Mayor should ... | ..."? */
static bool table_row(const unsigned char *s, size_t i, size_t b)
{
	while (b > i && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	return b - i >= 2 && s[i] == '|' && s[b - 1] == '|';
}

/* Is [i, b) the row under a table's head: "|---|:--:|"? */
static bool table_rule(const unsigned char *s, size_t i, size_t b)
{
	bool dash = false;
	for (; i < b; i++) {
		if (s[i] == '-')
			dash = true;
		else if (!strchr("|: \t", s[i]))
			return false;
	}
	return dash;
}

/* The end of the cell that starts at @i: the next '|' not escaped. */
static size_t cell_end(const unsigned char *s, size_t i, size_t b)
{
	for (; i < b && s[i] != '|'; i++)
		if (s[i] == '\\' && i + 1 < b)
			i++;
	return i;
}

/* Does @s[0..n) hold @word, case aside? */
static bool holds_ci(const char *s, size_t n, const char *word)
{
	size_t len = strlen(word);
	for (size_t k = 0; k + len <= n; k++)
		if (strncasecmp(s + k, word, len) == 0)
			return true;
	return false;
}

/* Does @s (@n bytes) hold the noun "answer" ("Answer", "Answers"), not
 * the verb ("Answered within 3 minutes", a figure's column)? */
static bool holds_answer(const char *s, size_t n)
{
	for (size_t k = 0; k + 6 <= n; k++) {
		if (strncasecmp(s + k, "answer", 6) != 0)
			continue;
		size_t e = k + 6;
		if (e < n && (s[e] == 's' || s[e] == 'S'))
			e++;
		if (e == n || !isalpha((unsigned char)s[e]))
			return true;
	}
	return false;
}

bool lp_names_response(const char *s, size_t n)
{
	/* An action plan's "Action taken / planned" is its answer; a bare
	 * "Action" beside a "Response" is a detail. */
	return holds_ci(s, n, "response") || holds_answer(s, n) ||
	       holds_ci(s, n, "reply") || holds_ci(s, n, "action taken") ||
	       holds_ci(s, n, "actions taken");
}

bool lp_heads_of_figures(const char *s, size_t n)
{
	bool digit = false;
	for (size_t k = 0; k < n && !digit; k++)
		digit = isdigit((unsigned char)s[k]);
	return digit && !lp_names_response(s, n);
}

static bool response_head(const unsigned char *s, size_t a, size_t e)
{
	return lp_names_response((const char *)s + a, e - a);
}

/* The flags of a table's line that opens the cell of column @col, when
 * the table's details start at column @detail_from (0: none): a cell's,
 * and a detail's after the response's column. */
static unsigned cell_flags(unsigned detail_from, size_t col)
{
	return L_CELL | (detail_from && col >= detail_from ? L_DETAIL : 0);
}

/* Is a column headed @head, after the response's, the answer's own: its
 * implications ("Financial implications", as the Welsh Government sets
 * them beside its answers), its reasons ("Cabinet response | Reason")
 * or, where a column is headed as the response (@named), the actions it
 * takes ("Response | Action | Lead")?  Not who takes them ("Action
 * owner"). */
static bool answers_column(const char *head, size_t len, bool named)
{
	if (holds_ci(head, len, "owner") || holds_ci(head, len, "officer") ||
	    holds_ci(head, len, "lead"))
		return false;
	return holds_ci(head, len, "implication") ||
	       holds_ci(head, len, "reason") ||
	       holds_ci(head, len, "comment") ||
	       holds_ci(head, len, "rationale") ||
	       (named && holds_ci(head, len, "action"));
}

void lp_table_columns(const char *const *heads, const size_t *lens,
		      size_t n, unsigned *detail_from, unsigned *stance)
{
	*detail_from = *stance = 0;
	/* The response's column; in an action plan that names none, its
	 * "Action" ("Area for improvement | Action | Lead | Timescale"). */
	bool named = false;
	for (size_t j = 0; j < n && !named; j++)
		named = lp_names_response(heads[j], lens[j]);
	for (size_t j = 0; j < n; j++) {
		/* (An "Action" column first is a plan's of its own, a table
		 * inside an answer: "Action | Lead | Timescale | Cost".) */
		if (named ? !lp_names_response(heads[j], lens[j])
			  : j == 0 || !holds_ci(heads[j], lens[j], "action"))
			continue;
		/* The answer's own columns after it are the answer's, not
		 * a row's details. */
		size_t last = j;
		while (last + 1 < n &&
		       answers_column(heads[last + 1], lens[last + 1], named))
			last++;
		if (last + 1 < n)
			*detail_from = (unsigned)(last + 2);
		for (size_t k = 0; j >= 2 && k < j - 1; k++)
			if (holds_ci(heads[k], lens[k], "recommend") &&
			    !holds_ci(heads[j - 1], lens[j - 1], "recommend"))
				*stance = (unsigned)j; /* column j, from 1 */
		return;
	}
}

/* The cells of a pipe table's head, line [i, b): [heads[2j],
 * heads[2j+1]) for each of the first 16; how many. */
static size_t pipe_heads(const unsigned char *s, size_t i, size_t b,
			 size_t heads[2 * 16])
{
	size_t n = 0;
	for (i++; i < b && n < 16;) {
		size_t e = cell_end(s, i, b);
		if (e >= b)
			break; /* after the last '|' */
		heads[2 * n] = i;
		heads[2 * n + 1] = e;
		n++;
		i = e + 1;
	}
	return n;
}

/* The heads of a pipe table's columns, line [i, b): which columns are
 * a row's details and its stance (lp_table_columns). */
static void pipe_columns(cleaner *c, const unsigned char *s, size_t i,
			 size_t b)
{
	size_t at[2 * 16], n = pipe_heads(s, i, b, at), lens[16];
	const char *heads[16];
	for (size_t j = 0; j < n; j++) {
		heads[j] = (const char *)s + at[2 * j];
		lens[j] = at[2 * j + 1] - at[2 * j];
	}
	lp_table_columns(heads, lens, n, &c->detail_from, &c->stance_col);
}

/* The line after the one that ends at @b, without its indent, in
 * [*@i, *@e); false at the end of the text. */
static bool line_after(const cleaner *c, size_t b, size_t *i, size_t *e)
{
	const unsigned char *s = c->in;
	size_t n = c->in_len;
	if (b >= n)
		return false;
	unsigned flags;
	*i = next_line(s, b, n, &flags);
	*e = line_end(s, *i, n);
	while (*i < *e && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
	return true;
}

/* Is the line after the one that ends at @b a table's rule row, with
 * rows after it, so that this one is the table's head?  A table of one
 * row and its rule is a converter's layout, as of a two-column
 * letterhead: its row is text. */
static bool table_head(const cleaner *c, size_t b)
{
	const unsigned char *s = c->in;
	size_t i, e;
	if (!line_after(c, b, &i, &e) || !(i < e && table_rule(s, i, e) &&
					   table_row(s, i, e)))
		return false;
	return line_after(c, e, &i, &e) && table_row(s, i, e);
}

/* Are the cells of row [i, b) names of columns: a dozen words at most
 * each, none ending a sentence?  A converter that split a table at a
 * page break makes the rest of a row the head of the next table ("| |
 * the partnership will report ... |"), and that is text. */
static bool names_columns(const unsigned char *s, size_t i, size_t b)
{
	size_t words = 0;
	unsigned char last = 0; /* the cell's last character but spaces */
	for (size_t k = i; k < b; k++) {
		if (s[k] == '|') {
			if (last == '.' && words >= 3) /* not "No." */
				return false;
			words = 0;
			last = 0;
		} else if (s[k] != ' ') {
			if ((k == i || s[k - 1] == ' ' || s[k - 1] == '|') &&
			    ++words > 12)
				return false;
			last = s[k];
		}
	}
	return true;
}


/* The length of "Recommendation " before a number at @a, or 0. */
static size_t word_prefix(const unsigned char *s, size_t a, size_t e)
{
	static const char word[] = "recommendation ";
	size_t w = sizeof word - 1;
	return e - a > w && strncasecmp((const char *)s + a, word, w) == 0 &&
			       isdigit(s[a + w])
		       ? w
		       : 0;
}

/* The length of the letters before a row's number: "R" in "R1", "Rec "
 * in "Rec 4", "Rec. " in "Rec. 4", and, with @initials, an inspection's,
 * "C" in "C1" (a cause of concern), "AFI " in "AFI 2" (an area for
 * improvement); else 0.  "Q1" is a quarter, no row's number. */
static size_t number_prefix(const unsigned char *s, size_t a, size_t e,
			    bool initials)
{
	size_t k = a;
	while (initials && k < e && k < a + 4 && isupper(s[k]) &&
	       !(k == a && s[k] == 'Q'))
		k++;
	if (k > a && k < e && isdigit(s[k]))
		return k - a;
	if (k > a + 1 && k + 1 < e && s[k] == ' ' && isdigit(s[k + 1]))
		return k + 1 - a;
	k = a;
	if (k < e && (s[k] == 'R' || s[k] == 'r'))
		k++;
	else
		return 0;
	if (k + 1 < e && (s[k] == 'e' || s[k] == 'E') &&
	    (s[k + 1] == 'c' || s[k + 1] == 'C'))
		k += 2;
	if (k < e && s[k] == '.')
		k++;
	if (k < e && s[k] == ' ')
		k++;
	return k < e && isdigit(s[k]) ? k - a : 0;
}

/* Open a numbered paragraph with the number of a cell [a, z) that only
 * numbers its row ("1", "2.", "3\.", "R4", a `-layout` table's
 * "Recommendation 4"): its digits, a full stop (the cell's own, or one
 * put in) and a space. */
static void put_row_number(cleaner *c, size_t a, size_t z)
{
	const unsigned char *s = c->in;
	a += word_prefix(s, a, z);
	a += number_prefix(s, a, z, true);
	size_t digits = 0;
	while (a + digits < z && isdigit(s[a + digits]))
		digits++;
	put_in(c, a, digits);
	if (s[z - 1] == '.')
		put_in(c, z - 1, 1);
	else
		lp_buf_put(&c->scratch, ".", 1, src_at(c, z - 1));
	put_space(c, src_at(c, z));
}

/* Is [a, e) a cell that only numbers its row: "1", "12.", "3\.", "R4",
 * "Rec 4"? */
static bool number_text(const unsigned char *s, size_t a, size_t e,
			bool initials)
{
	a += number_prefix(s, a, e, initials);
	size_t d = 0;
	while (a + d < e && isdigit(s[a + d]))
		d++;
	size_t rest = e - a - d;
	return d >= 1 && d <= 3 &&
	       (rest == 0 || (rest == 1 && s[e - 1] == '.') ||
		(rest == 2 && s[e - 2] == '\\' && s[e - 1] == '.'));
}

/* The length of a line break tag at @k, "<br>", "<br/>" or "<br />" in
 * any case, before @z; else 0. */
static size_t br_tag(const unsigned char *s, size_t k, size_t z)
{
	if (k + 4 > z || s[k] != '<' || tolower(s[k + 1]) != 'b' ||
	    tolower(s[k + 2]) != 'r')
		return 0;
	size_t e = k + 3;
	while (e < z && s[e] == ' ')
		e++;
	if (e < z && s[e] == '/')
		e++;
	return e < z && s[e] == '>' ? e + 1 - k : 0;
}

/* One line of a table cell, source [a, e): on the line that is @open,
 * or a new one.  Returns whether a line is still open: an empty piece
 * leaves it as it was. */
static bool cell_line(cleaner *c, size_t a, size_t e, unsigned flags,
		      bool open)
{
	while (a < e && c->in[a] == ' ')
		a++;
	if (a >= e)
		return open;
	if (!open)
		open_line(c, 0);
	clean_run(c, a, a, e, flags);
	close_line(c);
	return false;
}

/* Note the row whose text starts at line @first_line, its first cells
 * empty, as the rest of the row above: each of its @cells (their
 * first and last lines) goes on after the same column's there. */
static void add_row_rest(cleaner *c, size_t first_line,
			 size_t cells[16][2])
{
	row_rest r = { .gap_from = c->row_end, .gap_to = first_line };
	for (size_t k = 0; k < 16; k++) {
		if (cells[k][0] == SIZE_MAX || c->row[k][0] == SIZE_MAX)
			continue;
		r.first[r.ncells] = cells[k][0];
		r.last[r.ncells] = cells[k][1];
		r.anchor[r.ncells++] = c->row[k][1];
	}
	if (!r.ncells)
		return;
	if (c->nrests == c->rests_cap)
		c->rests = lp_xrealloc(c->rests,
				       (c->rests_cap = 2 * c->rests_cap + 4) *
					       sizeof *c->rests);
	c->rests[c->nrests++] = r;
}

/* A Markdown table row, as a converter prints a table of responses:
 * each cell is a paragraph of its own, as a cell of prose reads; but a
 * cell that only numbers its row ("1") begins the next cell's paragraph
 * as a numbered one, "1. The Mayor should ...", as in an HTML table
 * (decode_html.c). */
static void clean_table_row(cleaner *c, size_t i, size_t b, unsigned flags)
{
	const unsigned char *s = c->in;
	bool numbered = false;
	unsigned col = 0; /* the cell's column, from 1 */
	size_t first_line = c->nlines, cells[16][2];
	unsigned first_col = 0; /* the first column with text */
	for (size_t k = 0; k < 16; k++)
		cells[k][0] = SIZE_MAX;
	for (i++; i < b;) {
		size_t e = cell_end(s, i, b), a = i, z = e;
		i = e + 1;
		col++;
		while (a < z && (s[a] == ' ' || s[a] == '\t'))
			a++;
		while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t'))
			z--;
		if (a == z)
			continue;
		if (!first_col)
			first_col = col;
		if (!numbered)
			open_line(c, flags | cell_flags(c->detail_from, col) |
					     (col == c->stance_col ? L_STANCE
								   : 0));
		flags &= ~(unsigned)L_PAGE;
		if (!numbered && number_text(s, a, z, false)) {
			put_row_number(c, a, z);
			numbered = true;
			continue;
		}
		size_t cell_first = c->nlines - 1;
		/* A cell's "<br>", as converters write a line break in a
		 * table, ends a line. */
		size_t from = a;
		bool open = true; /* the cell's first line is open */
		for (size_t k = a; k < z;) {
			size_t br = br_tag(s, k, z);
			if (!br) {
				k++;
				continue;
			}
			open = cell_line(c, from, k, flags, open);
			from = k = k + br;
		}
		if (cell_line(c, from, z, flags, open))
			close_line(c); /* an empty line, opened above */
		if (col <= 16) {
			cells[col - 1][0] = cell_first;
			cells[col - 1][1] = c->nlines - 1;
		}
		/* A blank line: the next cell is a new paragraph. */
		open_line(c, 0);
		close_line(c);
		numbered = false;
	}
	if (numbered)
		close_line(c);
	if (first_col > 1 && c->row_end)
		add_row_rest(c, first_line, cells);
	else if (first_col == 1) {
		memcpy(c->row, cells, sizeof c->row);
		c->row_end = c->nlines;
	}
}

static int by_anchor(const void *pa, const void *pb)
{
	const size_t *a = pa, *b = pb;
	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return (a[1] > b[1]) - (a[1] < b[1]);
}

/* The rest of a table's row that a page break cut ("| | ... the rest
 * of the recommendation. | | ... the rest of the answer. |" under the
 * next page's head) goes on in each column where the row above left
 * off, before that row's next cells (its details: who leads, by when),
 * once the page furniture between is known.  A rest with anything but
 * furniture between it and the row stays where it is. */
static void join_row_rests(cleaner *c)
{
	/* Each moved line: its anchor, itself, and whether it opens its
	 * cell. */
	size_t nmoves = 0, cap = 0, (*moves)[3] = NULL;
	for (size_t k = 0; k < c->nrests; k++) {
		const row_rest *r = &c->rests[k];
		bool clear = true, page = false;
		for (size_t i = r->gap_from; i < r->gap_to && clear; i++) {
			page |= (c->lines[i].flags & L_FURNITURE) != 0;
			clear = blank(c, i) ||
				(c->lines[i].flags & L_FURNITURE);
		}
		clear = clear && page;
		for (size_t j = 0; clear && j < r->ncells; j++)
			for (size_t i = r->first[j]; i <= r->last[j]; i++) {
				if (nmoves == cap)
					moves = lp_xrealloc(moves,
							    (cap = 2 * cap + 16) *
								    sizeof *moves);
				moves[nmoves][0] = r->anchor[j];
				moves[nmoves][1] = i;
				moves[nmoves++][2] = i == r->first[j];
			}
	}
	if (!nmoves)
		return;
	qsort(moves, nmoves, sizeof *moves, by_anchor);
	bool *moved = lp_xcalloc(c->nlines, sizeof *moved);
	for (size_t k = 0; k < nmoves; k++)
		moved[moves[k][1]] = true;
	line *out = lp_xmalloc(c->nlines * sizeof *out);
	size_t n = 0, k = 0;
	for (size_t i = 0; i < c->nlines; i++) {
		if (moved[i])
			continue;
		out[n++] = c->lines[i];
		while (k < nmoves && moves[k][0] < i)
			k++;
		for (; k < nmoves && moves[k][0] == i; k++) {
			/* It goes on the cell's paragraph, over a page's
			 * break: a sentence cut in two is joined, as a
			 * running header's is. */
			line *l = &out[n++];
			*l = c->lines[moves[k][1]];
			l->flags &= ~(unsigned)(L_CELL | L_PAGE);
			l->flags |= L_CELL_REST;
			if (moves[k][2])
				l->flags |= L_PAGE;
		}
	}
	if (n == c->nlines) /* every line once: no anchor was moved */
		memcpy(c->lines, out, n * sizeof *out);
	free(out);
	free(moved);
	free(moves);
}

static void clean_line(cleaner *c, size_t a, size_t b, unsigned flags)
{
	const unsigned char *s = c->in;
	size_t i = a;

	/* A Markdown hard break is two trailing spaces or a backslash,
	 * which is markup, not text (pandoc's "Councillor Daniel
	 * Okafor\"). */
	size_t tail = b, text_end = b;
	while (tail > a && (s[tail - 1] == ' ' || s[tail - 1] == '\t'))
		tail--;
	bool backslash = tail > a && s[tail - 1] == '\\' &&
			 (tail - 1 == a || s[tail - 2] != '\\');
	if (c->markdown && (b - tail >= 2 || backslash))
		flags |= L_HARD;
	if (c->markdown && backslash)
		text_end = tail - 1;

	while (i < b && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (is_rule_line(s, i, b) || (c->markdown && table_rule(s, i, b) &&
					 table_row(s, i, b))) {
		/* A horizontal rule separates blocks and says nothing. */
		open_line(c, flags & L_PAGE);
		close_line(c);
		return;
	}
	/* A footnote ("[^2]: Environment Agency analysis ...") is a note
	 * on the text, not the letter's text, as a web page's footnotes
	 * are not. */
	size_t mark = c->markdown ? footnote_mark(s, i, b) : 0;
	if (mark && mark < b && s[mark] == ':') {
		open_line(c, flags & L_PAGE);
		close_line(c);
		return;
	}
	/* A block quote, or an e-mail quoting the one it answers: the
	 * quoted text stays, and a quote's empty line (">") is an empty
	 * line.  A quote within a quote ("> > ...") loses both marks. */
	while (i < b && s[i] == '>' && (i + 1 == b || s[i + 1] == ' ')) {
		i++; /* the marker */
		if (i < b)
			i++; /* and the space after it */
		/* In plain text, an e-mail's: what the reply quotes. */
		flags |= c->markdown ? L_BLOCKQUOTE : L_QUOTED;
	}
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
		flags |= L_BLOCK | L_ITEM;
		i = after_bullet;
	}
	/* A line that is only a link within the page ("- [Recommendation
	 * 3](#recommendation-3)") is a table of contents' entry, or "Back to
	 * top": the page's navigation, not its text.  So is a footnote that
	 * links back to its mark ("1. [Source](...)[↩](#fnref:1)"). */
	size_t l = i;
	while (l < b && s[l] == ' ')
		l++;
	size_t close = 0, e = c->markdown && l < b && s[l] == '['
				       ? link_end(s, l, b, &close)
				       : 0;
	if ((e && s[close + 2] == '#' && spaces_only(s, e + 1, b)) ||
	    (c->markdown && memmem(s + i, b - i, "](#fnref", 8))) {
		open_line(c, flags & L_PAGE);
		close_line(c);
		return;
	}
	if (c->markdown && table_row(s, i, b)) {
		/* The head's names of columns ("No. | Recommendation |
		 * Response"), repeated on each page, are not text; they say
		 * which columns come after the response's. */
		if (table_head(c, b) && names_columns(s, i, b) &&
		    !lp_heads_of_figures((const char *)s + i, b - i)) {
			pipe_columns(c, s, i, b);
			open_line(c, flags & L_PAGE);
			close_line(c);
		} else {
			clean_table_row(c, i, b, flags);
		}
		return;
	}
	open_line(c, flags);
	clean_run(c, a, i, text_end > i ? text_end : i, flags);
	close_line(c);
}

/* Markdown if the file uses heading or bold markup; otherwise plain text
 * such as pdftotext gives, where a `**` would be literal.  A run of
 * three or more ("*****", an e-mail disclaimer's rule) is no bold. */
static bool sniff_markdown(const unsigned char *s, size_t n)
{
	bool at_line_start = true;
	for (size_t i = 0; i + 1 < n; i++) {
		if (at_line_start && s[i] == '#' &&
		    (s[i + 1] == '#' || s[i + 1] == ' '))
			return true;
		if (s[i] == '*' && s[i + 1] == '*' && i + 2 < n &&
		    (i == 0 || s[i - 1] != '*') && s[i + 2] != '*' &&
		    !isspace(s[i + 2]))
			return true;
		at_line_start = s[i] == '\n' || s[i] == '\r';
	}
	return false;
}



#define GRID_MAX_CELLS 32

/* Is [i, b) a grid table's border, "+-----+------+" or "+=====+====+"? */
static bool grid_border(const unsigned char *s, size_t i, size_t b)
{
	while (i < b && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == b || s[i] != '+')
		return false;
	size_t rules = 0, columns = 0;
	for (; i < b; i++) {
		if (s[i] == '-' || s[i] == '=')
			rules++;
		else if (s[i] == '+')
			columns++;
		else if (!strchr(": \t", s[i]))
			return false;
	}
	/* More columns than a table of responses has is not read as one:
	 * its lines stay lines. */
	return rules >= 3 && columns <= GRID_MAX_CELLS + 1;
}

/* Cell @j of grid table line [a, b), which starts with '|': its text,
 * trimmed, in [*cs, *ce) (empty when the line has no such cell). */
static void grid_cell(const unsigned char *s, size_t a, size_t b, size_t j,
		      size_t *cs, size_t *ce)
{
	size_t k = a + 1; /* after the first '|' */
	for (; j > 0 && k < b; k++)
		if (s[k] == '\\' && k + 1 < b)
			k++;
		else if (s[k] == '|')
			j--;
	size_t e = k;
	while (e < b && s[e] != '|')
		e += s[e] == '\\' && e + 1 < b ? 2 : 1;
	if (e > b)
		e = b;
	while (k < e && (s[k] == ' ' || s[k] == '\t'))
		k++;
	while (e > k && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	*cs = k;
	*ce = e;
}

/* One row of a grid table, its lines' [start, end) in @rows: each cell a
 * paragraph (a blank line inside a cell parts its paragraphs), and a
 * cell that only numbers the row opens the next cell's paragraph, "1.
 * The Council should ...", as in a pipe table. */
static void grid_row(cleaner *c, const range *rows, size_t nrows,
		     size_t ncells, unsigned detail_from, unsigned flags)
{
	const unsigned char *s = c->in;
	bool open = false, numbered = false;
	for (size_t j = 0; j < ncells; j++) {
		size_t cs, ce, filled = 0, first = 0, first_e = 0;
		for (size_t k = 0; k < nrows; k++) {
			grid_cell(s, rows[k].start, rows[k].end, j, &cs, &ce);
			if (cs < ce && filled++ == 0) {
				first = cs;
				first_e = ce;
			}
		}
		if (!numbered && filled == 1 &&
		    number_text(s, first, first_e, false)) {
			open_line(c, flags);
			flags = 0;
			put_row_number(c, first, first_e);
			open = numbered = true;
			continue;
		}
		bool gap = false;
		for (size_t k = 0; k < nrows; k++) {
			grid_cell(s, rows[k].start, rows[k].end, j, &cs, &ce);
			if (cs == ce) {
				gap = open;
				continue;
			}
			if (gap) { /* a paragraph of its own in the cell */
				close_line(c);
				open_line(c, 0);
				close_line(c);
				open = false;
			}
			gap = false;
			if (!open) {
				open_line(c, flags | cell_flags(detail_from, j + 1));
				flags = 0;
				open = true;
			} else {
				put_space(c, src_at(c, cs));
			}
			clean_run(c, cs, cs, ce, 0);
		}
		if (open) {
			close_line(c);
			open_line(c, 0);
			close_line(c);
		}
		open = numbered = false;
	}
	if (open)
		close_line(c);
}

/* The heads of a grid table's columns, its lines @rows: their detail
 * column (see detail_column), a head's words on any of its lines. */
static unsigned grid_detail_column(const unsigned char *s, const range *rows,
				   size_t nrows, size_t ncells)
{
	for (size_t j = 0; j < ncells; j++)
		for (size_t k = 0; k < nrows; k++) {
			size_t cs, ce;
			grid_cell(s, rows[k].start, rows[k].end, j, &cs, &ce);
			if (response_head(s, cs, ce))
				return j + 1 < ncells ? (unsigned)(j + 2) : 0;
		}
	return 0;
}

/* A grid table from its first border at @i (before @n): its head (the
 * row over the "+===+" border) is not text, and each row is read by
 * grid_row.  Where the table's last line ends. */
static size_t clean_grid_table(cleaner *c, size_t i, size_t n,
			       unsigned flags)
{
	const unsigned char *s = c->in;
	range *rows = NULL;
	size_t nrows = 0, cap = 0, ncells = 0, e = i;
	unsigned detail_from = 0;
	for (;;) {
		e = line_end(s, i, n);
		size_t a = i;
		while (a < e && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (grid_border(s, a, e)) {
			bool head = memchr(s + a, '=', e - a) != NULL;
			if (nrows && !head)
				grid_row(c, rows, nrows, ncells, detail_from,
					 flags);
			else if (nrows) /* the heads: which column is whose */
				detail_from = grid_detail_column(s, rows, nrows,
								 ncells);
			else if (!nrows)
				clean_line(c, a, a, flags); /* an empty line */
			flags = 0;
			nrows = 0;
			/* The cells: as many as the border has columns. */
			ncells = 0;
			for (size_t k = a + 1; k < e; k++)
				ncells += s[k] == '+';
		} else if (a < e && s[a] == '|') {
			if (nrows == cap)
				rows = lp_xrealloc(rows, (cap = cap ? cap * 2 : 16) *
							     sizeof *rows);
			rows[nrows++] = (range){ a, e };
		} else {
			break;
		}
		if (e >= n)
			break;
		unsigned next_flags;
		size_t next = next_line(s, e, n, &next_flags);
		size_t ne = line_end(s, next, n), na = next;
		while (na < ne && (s[na] == ' ' || s[na] == '\t'))
			na++;
		if (next >= n || na == ne || (s[na] != '|' && s[na] != '+'))
			break;
		i = next;
		flags |= next_flags;
	}
	if (nrows)
		grid_row(c, rows, nrows, ncells, detail_from, flags);
	free(rows);
	return e;
}

/* ---- tables as `pdftotext -layout` prints them ------------------------ */

/* A table of responses printed with its columns side by side, each
 * cell's text wrapped inside its column:
 *
 *       Committee recommendation            Government response
 *
 * 1     The Department should publish       Agreed. The Department will
 *       revised statutory guidance ...      consult on the guidance ...
 *
 * It is read a row at a time, column by column, as a pipe table is:
 * "1. The Department should publish revised statutory guidance ...",
 * then "Agreed. ...".  A table is known by its rows: two or more lines
 * whose first column holds only a row number, with text in two columns
 * or more after it, starting where the first such line's do.  The
 * heads of its columns (repeated on each page) are not text; a line
 * that fits no column inside the table (a page's header or footer) is
 * passed on as it is.
 *
 * A headed table may also number its rows inside the first cell,
 * the cell's later lines starting under the number:
 *
 *       Panel recommendation              Commissioner's response
 *
 *       1. The Commissioner should        Accepted. The Chief Constable
 *       publish the figures every         has confirmed ...
 *       quarter.
 *
 * Its number must end with a full stop ("1.") or carry a prefix ("R1")
 * so that a cell's line which starts with a count ("12 months") is not
 * taken for a row.
 *
 * When a cell's text runs to within a space or two of the next column,
 * the gaps no longer show the columns:
 *
 *   Recommendation                Accepted?    Response
 *
 *   1. That the Council raises    Accepted in  The cost of two officers
 *   the penalty to £1,000.        principle    is approximately £96,000.
 *
 * Such a table is read by its heads: their columns, three spaces apart
 * or more, are the table's, and each word of a line goes to the column
 * whose head it starts under. */

#define LT_MAX_COLS 6
#define LT_SLACK 2 /* characters a column's lines may start off its edge */

typedef struct lt_seg {
	size_t a, e;  /* bytes of the source */
	unsigned col; /* the character column it starts at */
} lt_seg;

typedef struct lt_piece {
	size_t a, e;
	unsigned col;   /* the table's column */
	bool gap;       /* a blank line in the table before it */
} lt_piece;

typedef struct lt_table {
	unsigned cols[LT_MAX_COLS];
	size_t ncols;
	size_t head_a, head_e; /* the heads' line, or head_a == head_e */
	unsigned detail_from;  /* the first column after the response's
				  (cols' index), or 0 */
	unsigned stance;       /* the column of stances ("Accepted?"), or 0 */
	bool number_in_cell;   /* "1. The Commissioner should": the first
				  cell's lines start at the number's column */
	bool by_heads;         /* lines are cut where the heads start, not
				  at their gaps (lt_cut) */
	bool initials;         /* its heads name the answer's column: its
				  rows may be numbered by initials ("AFI
				  2"), as an action plan's are */
} lt_table;

/* The segments of line [i, e): runs of text apart by @gap spaces or
 * more, each with the character column it starts at.  More than @max
 * gives max + 1. */
static size_t lt_segments(const unsigned char *s, size_t i, size_t e,
			  size_t gap, lt_seg *out, size_t max)
{
	size_t n = 0, k = i;
	unsigned col = 0;
	while (k < e) {
		size_t spaces = 0;
		while (k < e && s[k] == ' ') {
			k++;
			col++;
			spaces++;
		}
		if (k >= e)
			break;
		if (n == 0 || spaces >= gap) {
			if (n == max)
				return max + 1;
			out[n++] = (lt_seg){ k, k, col };
		}
		while (k < e && s[k] != ' ') {
			col += (s[k] & 0xC0) != 0x80;
			k++;
		}
		out[n - 1].e = k;
	}
	return n;
}

/* The segments of line [i, e) in a table read by its heads: a word
 * after a gap of two spaces or more goes to the last column whose edge
 * is at most a character after it, and the words of one column are one
 * segment.  A segment starts at its first word (lt_column finds none for
 * a word that starts well inside a column).  With the row's number in
 * its first cell, the cell's text and the number are one segment, as
 * lt_segments gives them.  A line whose text runs on past the edge of
 * the next column (prose after the table, a page's header) is none of
 * the table's: max + 1. */
static size_t lt_cut(const unsigned char *s, size_t i, size_t e,
		     const lt_table *t, lt_seg *out, size_t max)
{
	size_t n = 0, k = i;
	unsigned col = 0, j = 0, spaces = 0;
	while (k < e) {
		for (spaces = 0; k < e && s[k] == ' '; k++, spaces++)
			col++;
		if (k >= e)
			break;
		if (n == 0 || spaces >= 2) {
			unsigned to = 0;
			while (to + 1 < t->ncols && t->cols[to + 1] <= col + 1)
				to++;
			if (to == 1 && t->number_in_cell)
				to = 0;
			if (n == 0 || to != j) {
				if (n == max)
					return max + 1;
				out[n++] = (lt_seg){ k, k, col };
				j = to;
			}
		}
		while (k < e && s[k] != ' ') {
			col += (s[k] & 0xC0) != 0x80;
			k++;
		}
		out[n - 1].e = k;
		unsigned next = j + 1 + (j == 0 && t->number_in_cell);
		if (next < t->ncols && col > t->cols[next])
			return max + 1;
	}
	return n;
}

/* A line's segments in table @t: cut at its heads when it is read by
 * them, else at gaps of @gap spaces or more. */
static size_t lt_line_segments(const unsigned char *s, size_t i, size_t e,
			       const lt_table *t, size_t gap, lt_seg *out,
			       size_t max)
{
	return t->by_heads ? lt_cut(s, i, e, t, out, max)
			   : lt_segments(s, i, e, gap, out, max);
}

/* The table's column that starts at character @col, or -1. */
static int lt_column(const lt_table *t, unsigned col)
{
	for (size_t j = 0; j < t->ncols; j++)
		if (col + LT_SLACK >= t->cols[j] && col <= t->cols[j] + LT_SLACK)
			return (int)j;
	return -1;
}

/* Split a segment @g that opens with a row number and a space ("1. The
 * Commissioner should") into the number and the text after it. */
static bool lt_split_number(const unsigned char *s, lt_seg g[2],
			    bool initials)
{
	/* "Recommendation 1. The Welsh Government" too, the number's
	 * word and its full stop before the text. */
	size_t w = word_prefix(s, g[0].a, g[0].e), k = g[0].a + w;
	while (k < g[0].e && s[k] != ' ')
		k++;
	if (k >= g[0].e || !number_text(s, g[0].a + w, k, initials) ||
	    (s[k - 1] != '.' &&
	     (w || !number_prefix(s, g[0].a, k, initials))))
		return false;
	unsigned col = g[0].col;
	for (size_t p = g[0].a; p <= k; p++)
		col += (s[p] & 0xC0) != 0x80;
	g[1] = (lt_seg){ k + 1, g[0].e, col };
	g[0].e = k;
	return true;
}

/* Does line [i, e), a table's heads, name the answer's column (as
 * lp_table_columns finds it: a response's, or an action plan's
 * "Action")? */
static bool lt_heads_answer(const unsigned char *s, size_t i, size_t e)
{
	lt_seg g[LT_MAX_COLS + 1];
	size_t n = lt_segments(s, i, e, 3, g, LT_MAX_COLS);
	for (size_t k = 0; k < n && n <= LT_MAX_COLS; k++) {
		const char *h = (const char *)s + g[k].a;
		size_t len = g[k].e - g[k].a;
		if (lp_names_response(h, len) || holds_ci(h, len, "action"))
			return true;
	}
	return false;
}

/* The segments of a row's first line, [i, e): a row number, then text
 * in two later columns at least (a number and one column of text is a
 * numbered paragraph, "1.     Purpose of report").  With @in_cell the
 * number may start the first of them.  0 when it is none. */
static size_t lt_row_segments(const unsigned char *s, size_t i, size_t e,
			      const lt_table *t, bool in_cell,
			      lt_seg g[LT_MAX_COLS + 1])
{
	size_t n = lt_line_segments(s, i, e, t, 3, g, LT_MAX_COLS);
	if (n >= 3 && n <= LT_MAX_COLS &&
	    number_text(s, g[0].a, g[0].e, t->initials))
		return n;
	/* In a table known by its first row, a later row whose first cell
	 * runs to within two spaces of the next ("... fund a national
	 * Accept"). */
	if (n == 2 && t->ncols >= 3 && !t->by_heads &&
	    number_text(s, g[0].a, g[0].e, t->initials)) {
		lt_seg narrow[LT_MAX_COLS + 1];
		size_t m = lt_segments(s, i, e, 2, narrow, LT_MAX_COLS);
		if (m >= 3 && m <= LT_MAX_COLS) {
			memcpy(g, narrow, m * sizeof *g);
			return m;
		}
	}
	/* Read by its heads, the number alone on its cell's first line
	 * ("Recommendation 1" over the recommendation), text beside it. */
	if (t->by_heads && in_cell && n == 2 &&
	    number_text(s, g[0].a + word_prefix(s, g[0].a, g[0].e), g[0].e,
			t->initials) &&
	    g[1].col + 1 >= t->cols[2])
		return n;
	if (!in_cell || n < 2 || n >= LT_MAX_COLS)
		return 0;
	memmove(g + 1, g, n * sizeof *g);
	return lt_split_number(s, g, t->initials) ? n + 1 : 0;
}

/* Does line [i, e) open a row of @t, its segments at @t's columns? */
static bool lt_row_start(const unsigned char *s, size_t i, size_t e,
			 const lt_table *t)
{
	lt_seg g[LT_MAX_COLS + 1];
	size_t n = lt_row_segments(s, i, e, t, t->number_in_cell, g);
	if (n == 0 || lt_column(t, g[0].col) != 0)
		return false;
	for (size_t k = 1; k < n; k++)
		if (lt_column(t, g[k].col) <= 0)
			return false;
	return true;
}

/* Take @t's columns from line [i, e), a table's first row: false when
 * it is none.  @in_cell: its number may start its first cell. */
static bool lt_first_row(const unsigned char *s, size_t i, size_t e,
			 bool in_cell, lt_table *t)
{
	lt_seg g[LT_MAX_COLS + 1];
	size_t n = lt_row_segments(s, i, e, t, false, g);
	t->number_in_cell = n == 0 && in_cell &&
			    (n = lt_row_segments(s, i, e, t, true, g)) > 0;
	for (size_t k = 0; k < n; k++)
		t->cols[k] = g[k].col;
	t->ncols = n;
	return n > 0;
}

/* Does every segment of line [i, e) start at one of @t's columns after
 * the first (text inside a row)?  Segments apart by two spaces that do
 * not start a column are one segment. */
static size_t lt_fit(const unsigned char *s, size_t i, size_t e,
		     const lt_table *t, lt_piece *out)
{
	lt_seg g[LT_MAX_COLS + 1];
	size_t n = lt_line_segments(s, i, e, t, 2, g, LT_MAX_COLS), m = 0;
	if (n == 0 || n > LT_MAX_COLS)
		return 0;
	for (size_t k = 0; k < n; k++) {
		int j = lt_column(t, g[k].col);
		/* The first cell's lines under its row's number. */
		if (j == 0 && t->number_in_cell)
			j = 1;
		if (j > 0 && (m == 0 || (unsigned)j > out[m - 1].col)) {
			out[m++] = (lt_piece){ g[k].a, g[k].e, (unsigned)j,
					       false };
		} else if (m > 0 && j < 0) {
			out[m - 1].e = g[k].e; /* a gap inside a column */
		} else {
			return 0;
		}
	}
	return m;
}

/* Is line [i, e) the heads of @t's columns: short text in two or more
 * of them, no row number, no sentence? */
static bool lt_heads(const unsigned char *s, size_t i, size_t e,
		     const lt_table *t)
{
	lt_seg g[LT_MAX_COLS + 1];
	size_t n = lt_segments(s, i, e, 3, g, LT_MAX_COLS);
	if (n < 2 || n > LT_MAX_COLS)
		return false;
	for (size_t k = 0; k < n; k++) {
		size_t words = 1;
		for (size_t p = g[k].a; p < g[k].e; p++)
			words += s[p] == ' ';
		if (lt_column(t, g[k].col) < 0 || words > 8 ||
		    s[g[k].e - 1] == '.')
			return false;
	}
	return true;
}

/* Is line [i, e) the heads' line again (on a later page), spaces
 * aside? */
static bool lt_same_heads(const unsigned char *s, size_t i, size_t e,
			  const lt_table *t)
{
	size_t a = t->head_a, b = t->head_e;
	if (a == b)
		return false;
	for (;;) {
		while (i < e && s[i] == ' ')
			i++;
		while (a < b && s[a] == ' ')
			a++;
		if (i == e || a == b)
			return i == e && a == b;
		if (s[i++] != s[a++])
			return false;
	}
}

/* The columns before line [i, e)'s first text. */
static unsigned lt_indent(const unsigned char *s, size_t i, size_t e)
{
	unsigned col = 0;
	while (i < e && s[i] == ' ')
		i++, col++;
	return col;
}

/* Is line [r, re), of one column of text, what may come between a
 * table's heads at line [i, e) and its first row: a heading that groups
 * the rows, at the heads' left edge, or a head's second line, under its
 * first ("Response (Accept /" over "Accept in principle /")? */
static bool lt_under_heads(const unsigned char *s, size_t i, size_t e,
			   size_t r, size_t re)
{
	/* Short, and no sentence: a line of prose is neither. */
	unsigned at = lt_indent(s, r, re);
	size_t a = r + at;
	if (nrm_count_words((const char *)s + a, re - a, 13) > 12 ||
	    nrm_ends_sentence((const char *)s + a, re - a))
		return false;
	if (at <= lt_indent(s, i, e) + LT_SLACK)
		return true;
	lt_seg h[LT_MAX_COLS + 1];
	size_t nh = lt_segments(s, i, e, 3, h, LT_MAX_COLS);
	for (size_t k = 1; k < nh && nh <= LT_MAX_COLS; k++)
		if (at + LT_SLACK >= h[k].col && at <= h[k].col + LT_SLACK)
			return true;
	return false;
}

/* Could line [i, e) be a table's heads or first row: text, then three
 * spaces or more, then text?  A quick look before lt_find's. */
static bool lt_candidate(const unsigned char *s, size_t i, size_t e)
{
	while (i < e && s[i] == ' ')
		i++;
	const unsigned char *gap = i < e ? memmem(s + i, e - i, "   ", 3) : NULL;
	if (!gap)
		return false;
	size_t k = (size_t)(gap - s);
	while (k < e && s[k] == ' ')
		k++;
	return k < e;
}

/* Take @t's columns from the heads at line [i, e), whose first row is
 * line [r, re), for a table whose columns are too close together for
 * lt_first_row to see: the heads three spaces apart or more, the row's
 * number starting its first cell under the first head, and text under
 * two heads or more after it. */
static bool lt_from_heads(const unsigned char *s, size_t i, size_t e,
			  size_t r, size_t re, lt_table *t)
{
	lt_seg h[LT_MAX_COLS + 1];
	size_t nh = lt_segments(s, i, e, 3, h, LT_MAX_COLS - 1);
	if (nh < 2 || nh >= LT_MAX_COLS)
		return false;
	/* Each head is words: "2      Recommendations and responses" is
	 * a numbered heading. */
	for (size_t k = 0; k < nh; k++) {
		bool letter = false;
		for (size_t p = h[k].a; p < h[k].e && !letter; p++)
			letter = isalpha(s[p]);
		if (!letter)
			return false;
	}
	*t = (lt_table){ .head_a = i, .head_e = i, .ncols = nh + 1,
			 .number_in_cell = true, .by_heads = true,
			 .initials = lt_heads_answer(s, i, e) };
	/* The text after the number (cols[1]) starts where the first
	 * row's does. */
	t->cols[0] = t->cols[1] = h[0].col;
	for (size_t k = 1; k < nh; k++)
		t->cols[k + 1] = h[k].col;
	lt_seg g[LT_MAX_COLS + 1];
	size_t ng = lt_row_segments(s, r, re, t, true, g);
	if (ng < 2 || lt_column(t, g[0].col) != 0)
		return false;
	/* Or, the number alone on its line, under it. */
	if (g[1].col + 1 < t->cols[2])
		t->cols[1] = g[1].col;
	return lt_row_start(s, r, re, t) && lt_heads(s, i, e, t);
}

/* What @t's heads, line [i, e), say of its columns: those after the
 * response's hold the row's details (lead officer, timescale), and one
 * between the recommendation's and the response's its stance
 * ("Accepted?"), as lp_table_columns reads a table's heads. */
static void lt_head_columns(const unsigned char *s, size_t i, size_t e,
			    lt_table *t)
{
	lt_seg g[LT_MAX_COLS + 1];
	const char *heads[LT_MAX_COLS] = { 0 };
	size_t lens[LT_MAX_COLS] = { 0 };
	size_t ng = lt_segments(s, i, e, 3, g, LT_MAX_COLS);
	for (size_t k = 0; k < ng && k < LT_MAX_COLS; k++) {
		int j = lt_column(t, g[k].col);
		if (j == 0 && t->number_in_cell)
			j = 1;
		if (j > 0) {
			heads[j - 1] = (const char *)s + g[k].a;
			lens[j - 1] = g[k].e - g[k].a;
		}
	}
	for (size_t j = 0; j + 1 < t->ncols; j++)
		if (!heads[j])
			heads[j] = "";
	lp_table_columns(heads, lens, t->ncols - 1, &t->detail_from,
			 &t->stance);
}

/* The first line after line @i that is not blank, within four lines;
 * @n when there is none. */
static size_t lt_next_text(const unsigned char *s, size_t i, size_t n)
{
	unsigned fl;
	for (int k = 0; k < 4; k++) {
		size_t e = line_end(s, i, n);
		if (e >= n)
			return n;
		i = next_line(s, e, n, &fl);
		if (!spaces_only(s, i, line_end(s, i, n)))
			return i;
	}
	return n;
}

/* The table whose heads or first row are at line @i, in *@t: where it
 * ends (the end of its last line), or 0 when there is none. */
static size_t lt_find(const cleaner *c, size_t i, lt_table *t)
{
	const unsigned char *s = c->in;
	size_t n = c->in_len, e = line_end(s, i, n);
	unsigned fl;
	*t = (lt_table){ .head_a = i, .head_e = i,
			 .initials = lt_heads_answer(s, i, e) };
	/* The heads, then the first row within a few lines, after a
	 * heading that groups the rows at most ("Cause of concern -
	 * Protecting the public", a line of one column). */
	if (!lt_first_row(s, i, e, false, t)) {
		size_t r = lt_next_text(s, i, n), re = line_end(s, r, n);
		for (int skip = 0; skip < 3 && r < n && !lt_candidate(s, r, re) &&
				   lt_under_heads(s, i, e, r, re);
		     skip++) {
			r = lt_next_text(s, r, n);
			re = line_end(s, r, n);
		}
		if (r >= n)
			return 0;
		if (!(lt_first_row(s, r, re, true, t) && lt_heads(s, i, e, t)) &&
		    !lt_from_heads(s, i, e, r, re, t))
			return 0;
		t->head_e = e;
		lt_head_columns(s, i, e, t);
	}
	/* Its rows: two at least, the table ending at a line that fits no
	 * column with none that does in the few lines after it. */
	size_t rows = 0, end = 0, stray = 0;
	lt_piece p[LT_MAX_COLS];
	for (size_t k = i; k < n;) {
		size_t ke = line_end(s, k, n);
		if (spaces_only(s, k, ke)) {
			/* nothing */
		} else if (lt_row_start(s, k, ke, t)) {
			rows++;
			end = ke;
			stray = 0;
		} else if (lt_fit(s, k, ke, t, p) || lt_same_heads(s, k, ke, t)) {
			end = ke;
			stray = 0;
		} else if (++stray > 6) {
			break;
		}
		if (ke >= n)
			break;
		k = next_line(s, ke, n, &fl);
	}
	return rows >= 2 ? end : 0;
}

/* Keep a row's text: its row number [num_a, num_e), then its pieces
 * @v, column by column, each column's pieces joined as the lines of a
 * paragraph are, a blank line in the table parting a cell's
 * paragraphs. */
static void lt_row(cleaner *c, size_t num_a, size_t num_e,
		   const lt_piece *v, size_t n, const lt_table *t,
		   unsigned flags)
{
	const unsigned char *s = c->in;
	open_line(c, flags | L_ROW);
	put_row_number(c, num_a, num_e);
	bool open = true; /* the number's line: the first cell goes on it */
	for (unsigned j = 1; j < t->ncols; j++) {
		bool any = false, glue = false;
		for (size_t k = 0; k < n; k++) {
			const lt_piece *q = &v[k];
			if (q->col != j)
				continue;
			if (any && q->gap) {
				close_line(c);
				open_line(c, L_ROW);
				close_line(c);
				open = false;
			}
			if (!open) {
				open_line(c, cell_flags(t->detail_from, j) |
						     (j == t->stance ? L_STANCE
								     : 0) |
						     L_ROW);
				open = true;
			} else if (any && !glue) {
				put_space(c, src_at(c, q->a));
			}
			/* A word cut at the line's end ("statu-" over
			 * "tory") is joined again, its hyphen kept only in a
			 * compound. */
			const lt_piece *next = NULL;
			for (size_t k2 = k + 1; k2 < n && !next; k2++)
				if (v[k2].col == j)
					next = &v[k2];
			size_t e = q->e;
			glue = false;
			if (next && !next->gap && e - q->a >= 2 &&
			    s[e - 1] == '-' && isalpha(s[e - 2])) {
				if (islower(s[next->a]) &&
				    !keep_hyphen(c, (const char *)s + q->a,
						 e - q->a,
						 (const char *)s + next->a,
						 next->e - next->a))
					e--;
				glue = true;
			}
			clean_run(c, q->a, q->a, e, 0);
			any = true;
		}
		if (open) {
			close_line(c);
			open_line(c, L_ROW);
			close_line(c);
			open = false;
		}
	}
}

/* Does a page end within two lines after a line that ends at @e: is
 * that line at a page's foot? */
static bool lt_page_foot(const unsigned char *s, size_t e, size_t n)
{
	for (size_t k = e, lines = 0; k < n && k < e + 400; k++) {
		if (s[k] == '\f')
			return true;
		if (s[k] == '\n' && ++lines > 2)
			return false;
	}
	return false;
}

/* Is line [i, e) a number alone, as a page's is ("2", centred)? */
static bool lt_bare_number(const unsigned char *s, size_t i, size_t e)
{
	while (i < e && s[i] == ' ')
		i++;
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\r'))
		e--;
	return figures_only((const char *)s + i, e - i);
}

/* Do the heads of @t's columns come again within three lines after the
 * line that ends at @e: is that line a page's header above them? */
static bool lt_heads_follow(const unsigned char *s, size_t e, size_t n,
			    const lt_table *t)
{
	unsigned fl;
	for (int k = 0; k < 3 && e < n; k++) {
		size_t i = next_line(s, e, n, &fl);
		e = line_end(s, i, n);
		if (lt_same_heads(s, i, e, t))
			return true;
	}
	return false;
}

/* Where the text after @t's last row starts, in [@i, @end): lines after
 * a blank one that, to the end, have text in the first column only (a
 * signature under the table: "Councillor Keith Allerton" over his
 * role), or none of the table's; @end when there are none.  A footer
 * set apart at a page's foot ("Page 4 of 4") is neither. */
static size_t lt_tail(const unsigned char *s, size_t i, size_t end,
		      size_t n, const lt_table *t)
{
	size_t tail = end, blanks = 0;
	for (size_t k = i;;) {
		size_t ke = line_end(s, k, n), np;
		lt_piece p[LT_MAX_COLS];
		if (spaces_only(s, k, ke)) {
			blanks++;
			goto next;
		}
		if (blanks >= 2 && lt_page_foot(s, ke, n)) {
			/* a page's footer */
		} else if (lt_row_start(s, k, ke, t) ||
			   lt_same_heads(s, k, ke, t) ||
			   ((np = lt_fit(s, k, ke, t, p)) &&
			    (np > 1 || p[0].col != 1))) {
			tail = end;
		} else if (blanks && tail == end) {
			tail = k;
		}
		blanks = 0;
	next:
		if (ke >= end)
			break;
		unsigned f;
		k = next_line(s, ke, n, &f);
	}
	return tail;
}

/* Read the table @t from line @i to @end (lt_find's): each row as
 * lt_row keeps it; the heads dropped; any other line as it is. */
static void lt_read(cleaner *c, size_t i, size_t end, const lt_table *t,
		    unsigned flags)
{
	const unsigned char *s = c->in;
	size_t n = c->in_len, nv = 0, cap = 0, num_a = 0, num_e = 0;
	lt_piece *v = NULL;
	bool row = false, gap[LT_MAX_COLS] = { false }, crossed = false;
	lt_piece last[LT_MAX_COLS] = { { 0 } }; /* each column's last */
	unsigned row_flags = 0;
	size_t blanks = 0; /* blank lines just before this one */
	size_t tail = lt_tail(s, i, end, n, t);
	for (size_t k = i;;) {
		size_t ke = line_end(s, k, n), np = 0;
		lt_piece p[LT_MAX_COLS];
		lt_seg g[LT_MAX_COLS + 1];
		bool blank_line = spaces_only(s, k, ke);
		bool page_no = !blank_line && lt_bare_number(s, k, ke);
		if (k >= tail) {
			/* After the table: its last row first. */
			if (row)
				lt_row(c, num_a, num_e, v, nv, t, row_flags);
			row = false;
			clean_line(c, k, ke, flags);
		} else if (blank_line) {
			for (size_t j = 0; j < LT_MAX_COLS; j++)
				gap[j] = true;
		} else if ((blanks >= 2 && lt_page_foot(s, ke, n)) ||
			   ((flags & L_PAGE || page_no) &&
			    lt_heads_follow(s, ke, n, t))) {
			/* A footer set apart at a page's foot, or a header
			 * over the columns' heads, which may sit inside a
			 * column: not a cell's text.  A number alone there
			 * is the page's. */
			clean_line(c, k, ke,
				   flags | (page_no ? L_FURNITURE | L_PAGE_NO
						    : 0));
			crossed = true;
		} else if (lt_row_start(s, k, ke, t)) {
			if (row)
				lt_row(c, num_a, num_e, v, nv, t, row_flags);
			size_t ng = lt_row_segments(s, k, ke, t,
						    t->number_in_cell, g);
			num_a = g[0].a;
			num_e = g[0].e;
			for (size_t m = 1; m < ng; m++)
				p[np++] = (lt_piece){ g[m].a, g[m].e,
						      (unsigned)lt_column(t, g[m].col),
						      false };
			row = true;
			row_flags = flags;
			nv = 0;
			memset(gap, 0, sizeof gap);
			memset(last, 0, sizeof last);
		} else if (lt_same_heads(s, k, ke, t)) {
			crossed = true; /* the heads of the columns: not text */
		} else if (!row || !(np = lt_fit(s, k, ke, t, p))) {
			clean_line(c, k, ke, flags); /* a page's furniture */
			crossed = true;
		}
		for (size_t m = 0; m < np; m++) {
			if (nv == cap)
				v = lp_xrealloc(v, (cap = cap ? 2 * cap : 32) *
							   sizeof *v);
			/* The blank lines around a page break part no
			 * paragraphs when the sentence goes on over it. */
			const lt_piece *l = &last[p[m].col];
			p[m].gap = gap[p[m].col] &&
				   !(crossed && l->e > l->a &&
				     !nrm_ends_sentence((const char *)s + l->a,
							l->e - l->a));
			gap[p[m].col] = false;
			last[p[m].col] = p[m];
			v[nv++] = p[m];
		}
		if (np)
			crossed = false;
		blanks = blank_line ? blanks + 1 : 0;
		flags = 0;
		if (ke >= end)
			break;
		unsigned f;
		k = next_line(s, ke, n, &f);
		flags |= f;
	}
	if (row)
		lt_row(c, num_a, num_e, v, nv, t, row_flags);
	free(v);
}

/* Source line part [a, e) as a paragraph of its own. */
static void put_paragraph(cleaner *c, size_t a, size_t e)
{
	open_line(c, 0);
	close_line(c);
	clean_line(c, a, e, 0);
	open_line(c, 0);
	close_line(c);
}

/* A label with the answer's stance beside it, as pdftotext -layout
 * prints a table's row whose cells hold only "Recommendation 2" and
 * "Response: Accept in principle", the recommendation below them:
 * where the stance's part starts (after a gap of four spaces or more),
 * or 0.  The label is short and numbered, the stance a response's
 * label with its text. */
static size_t stance_beside(const cleaner *c, size_t i, size_t e)
{
	const unsigned char *s = c->in;
	if (c->markdown || c->in_map || !c->response_label)
		return 0;
	while (i < e && s[i] == ' ')
		i++;
	const unsigned char *gap = i < e ? memmem(s + i, e - i, "    ", 4)
					 : NULL;
	if (!gap)
		return 0;
	size_t left = (size_t)(gap - s), r = left;
	bool digit = false;
	for (size_t k = i; k < left; k++)
		digit = digit || isdigit(s[k]);
	while (r < e && s[r] == ' ')
		r++;
	if (!digit || left - i > 40 || r >= e || e - r > 80)
		return 0;
	lp_error err;
	size_t bs, be;
	return lp_rule_at(c->response_label, (const char *)s + r, e - r, 0,
			  c->m, &err) == 1 &&
			       lp_match_group(c->m, "body", &bs, &be)
		       ? r
		       : 0;
}

static void split_lines(cleaner *c)
{
	const unsigned char *s = c->in;
	size_t n = c->in_len, i = c->in_start;
	unsigned flags = 0;
	/* A web page's table cells, as the decoder found them. */
	const lp_table_cell *cells = c->in_map ? c->doc->decoded_cells : NULL;
	size_t ncells = cells ? c->doc->ndecoded_cells : 0, d = 0;
	/* A stance beside its label (stance_beside), [stance_a, stance_e),
	 * kept for the end of the paragraph under the label: the
	 * recommendation's. */
	size_t stance_a = 0, stance_e = 0;
	/* Lines of the recommendation's text so far, and whether the last
	 * ended a sentence: a page's footer may cut it, blank lines around
	 * the footer. */
	size_t under = 0;
	bool ended = false;
	while (i < n) {
		size_t e = line_end(s, i, n), beside;
		if (stance_e && spaces_only(s, i, e)) {
			if (under && (ended || under > 40)) {
				put_paragraph(c, stance_a, stance_e);
				stance_a = stance_e = 0;
			}
		} else if (stance_e) {
			size_t z = e;
			while (z > i && (s[z - 1] == ' ' || s[z - 1] == '\r'))
				z--;
			under++;
			ended = z > i && strchr(".!?:", s[z - 1]);
		}
		while (d < ncells && cells[d].end <= i)
			d++;
		if (d < ncells && cells[d].start <= i)
			flags |= L_CELL |
				 (cells[d].kind == LP_CELL_STANCE   ? L_STANCE
				  : cells[d].kind == LP_CELL_DETAIL ? L_DETAIL
								    : 0);
		lt_table t;
		size_t end;
		if (c->markdown && grid_border(s, i, e)) {
			/* A grid table, as pandoc writes one: its lines
			 * together. */
			e = clean_grid_table(c, i, n, flags);
		} else if (!c->markdown && lt_candidate(s, i, e) &&
			   (end = lt_find(c, i, &t)) != 0) {
			lt_read(c, i, end, &t, flags);
			e = end;
		} else if (!stance_e && (beside = stance_beside(c, i, e))) {
			clean_line(c, i, beside, flags);
			stance_a = beside;
			stance_e = e;
			under = 0;
		} else {
			clean_line(c, i, e, flags);
		}
		if (e >= n)
			break;
		i = next_line(s, e, n, &flags);
		/* Markdown bold does not run across a blank line. */
		if (c->in_bold && i < n && (s[i] == '\n' || s[i] == '\r'))
			c->in_bold = false;
	}
	if (stance_e)
		put_paragraph(c, stance_a, stance_e);
}

/* ---- pass 2: the lines together -------------------------------------- */

/* The width a hard-wrapped text was wrapped at, or 0 when its lines are
 * whole paragraphs (as Markdown from a converter usually is). */
/* The 90th percentile of the line lengths in @hist up to @top. */
static size_t ninetieth(const size_t hist[201], size_t top)
{
	size_t n = 0, seen = 0, w;
	for (w = 0; w <= top; w++)
		n += hist[w];
	for (w = 0; w <= top; w++) {
		seen += hist[w];
		if (seen >= n - n / 10)
			break;
	}
	return w;
}

/* Where line @i ends on its page: its length, and in plain text its
 * indent too, so that a column set in from the margin (pdftotext
 * -layout's answers beside their labels) wraps at the page's width as
 * the text around it does.  A line that starts past the page's first
 * third (a letterhead's right-hand column, a date set right) is no such
 * column: its length alone. */
#define INDENTED_COLUMN 32
static size_t line_edge(const cleaner *c, size_t i)
{
	size_t n = llen(c, i);
	if (c->markdown || c->in_map || n == 0)
		return n;
	size_t p = c->scratch.map[c->lines[i].start], col = 0;
	while (p > c->in_start && c->in[p - 1] != '\n' &&
	       c->in[p - 1] != '\f' && col <= INDENTED_COLUMN) {
		p--;
		col++;
	}
	return col <= INDENTED_COLUMN ? col + n : n;
}

static size_t wrap_width(const cleaner *c)
{
	size_t hist[201] = { 0 }, n = 0;
	for (size_t i = 0; i < c->nlines; i++) {
		if (blank(c, i) || (c->lines[i].flags & (L_FURNITURE | L_ROW)))
			continue;
		size_t len = line_edge(c, i);
		hist[len > 200 ? 200 : len]++;
		n++;
	}
	if (n < 8)
		return 0;
	/* The 90th percentile: most lines of a wrapped paragraph fill it. */
	size_t w = ninetieth(hist, 200);
	if (w <= 120)
		return w;
	/* Paragraphs a line each, and some hard-wrapped among them (Markdown
	 * from a PDF): the width of those, when a dozen lines or more come
	 * near it. */
	w = ninetieth(hist, 120);
	size_t near = 0;
	for (size_t k = w > 12 ? w - 12 : 0; k <= w && k <= 120; k++)
		near += hist[k];
	return w >= 70 && w <= 120 && near >= 12 ? w : 0;
}

bool nrm_ends_sentence(const char *s, size_t n)
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

/* Does the line open a numbered paragraph: "12. The Department ...", or
 * a section's "3.1 The government agrees ..."? */
static bool starts_numbered(const char *s, size_t n)
{
	size_t d = 0;
	while (d < n && d < 4 && isdigit((unsigned char)s[d]))
		d++;
	if (d == 0 || d >= 4 || d + 2 >= n || s[d] != '.')
		return false;
	/* "3.1 The government agrees ...", a section's paragraph */
	size_t k = d + 1;
	while (k < n && k < d + 3 && isdigit((unsigned char)s[k]))
		k++;
	if (k > d + 1 && k + 1 < n && s[k] == ' ')
		return isupper((unsigned char)s[k + 1]);
	return s[d + 1] == ' ' && isupper((unsigned char)s[d + 2]);
}

static bool last_word_lower(const char *s, size_t n)
{
	size_t a = n;
	while (a > 0 && s[a - 1] != ' ')
		a--;
	return a < n && islower((unsigned char)s[a]) &&
	       isalpha((unsigned char)s[n - 1]);
}

/* Is the line a short heading in capitals ("NEXT STEPS", "ANNEX B"):
 * capitals and spaces only, five words at most?  Not a label with its
 * number ("RECOMMENDATION 2"), nor a paper's number ("HC 1893"). */
static bool capitals_heading(const char *s, size_t n)
{
	size_t caps = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isupper((unsigned char)s[i]) && s[i] != ' ')
			return false;
		caps++;
	}
	return caps >= 4 && n <= 40 && nrm_count_words(s, n, 6) <= 5;
}

enum sep { SEP_NONE, SEP_SPACE, SEP_HYPHEN, SEP_KEEP_HYPHEN, SEP_LINE,
	   SEP_PARA };

/* Does line [t, t + n) end on the report's paragraph, as a
 * recommendation does ("... beyond 2025. (Paragraph 31)")? */
static bool ends_paragraph_ref(const char *t, size_t n)
{
	if (n < 12 || t[n - 1] != ')')
		return false;
	const char *open = NULL;
	for (size_t k = n - 1; k-- > 0 && n - k <= 40;)
		if (t[k] == '(') {
			open = t + k + 1;
			break;
		}
	return open && (strncasecmp(open, "paragraph", 9) == 0 ||
			strncasecmp(open, "para ", 5) == 0 ||
			strncasecmp(open, "paras ", 6) == 0);
}

/* Does wrapped line @prev run on into line @i, which starts a block by
 * its look ("Recommendation 1." after "... described under")?  Only a
 * word (not a list item or a part), after a line that ends on a word no
 * sentence ends on. */
static bool runs_on(cleaner *c, size_t prev, size_t i, size_t width)
{
	lp_error e;
	return width && !(c->lines[i].flags & L_ITEM) && llen(c, i) > 0 &&
	       isalpha((unsigned char)ltext(c, i)[0]) && c->open_end &&
	       lp_rule_find(c->open_end, ltext(c, prev), llen(c, prev), 0,
			    c->m, &e) == 1;
}

/* Keep the hyphen of a word split at a line end when it is a compound:
 * the rule knows compounds by their form ("counter-", "privately-
 * provided"), and the document itself may spell the word with its
 * hyphen elsewhere. */
static bool keep_hyphen(cleaner *c, const char *l, size_t ln, const char *n,
			size_t nn)
{
	size_t a = ln - 1; /* the hyphen */
	while (a > 0 && isalpha((unsigned char)l[a - 1]))
		a--;
	size_t b = 0;
	while (b < nn && isalpha((unsigned char)n[b]))
		b++;
	size_t wlen = (ln - a) + b;
	char *word = lp_xmalloc(wlen + 1);
	memcpy(word, l + a, ln - a);
	memcpy(word + (ln - a), n, b);
	word[wlen] = '\0';
	/* The letter spells it whole elsewhere ("Rural Crime Partnership"
	 * under "Part-/nership"): a word broken, whatever its first part
	 * may be on its own.  Each look-up reads the whole source, so only
	 * the first few are made (see below). */
	if (c->hyphen_lookups < 256 && ln - a > 1) {
		c->hyphen_lookups++;
		char *joined = lp_xmalloc(wlen); /* the word without '-' */
		memcpy(joined, l + a, ln - a - 1);
		memcpy(joined + (ln - a - 1), n, b);
		joined[wlen - 1] = '\0';
		bool whole = strstr((const char *)c->in, joined) != NULL;
		free(joined);
		if (whole) {
			free(word);
			return false;
		}
	}
	if (c->keep_hyphen &&
	    lp_rule_at(c->keep_hyphen, word, wlen, 0, c->m, c->err) == 1) {
		free(word);
		return true;
	}
	/* The part broken off ends a compound of three ("release-to-" over
	 * "respond"): the rule sees the word before it too. */
	size_t z = a;
	if (z >= 2 && l[z - 1] == '-' && isalpha((unsigned char)l[z - 2])) {
		for (z--; z > 0 && isalpha((unsigned char)l[z - 1]); z--)
			;
		char *three = lp_xmalloc(wlen + (a - z) + 1);
		memcpy(three, l + z, a - z);
		memcpy(three + (a - z), word, wlen + 1);
		bool kept = c->keep_hyphen &&
			    lp_rule_at(c->keep_hyphen, three, wlen + (a - z), 0,
				       c->m, c->err) == 1;
		free(three);
		if (kept) {
			free(word);
			return true;
		}
	}
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

/* Is line @i a short heading on its own ("Introduction"): a blank line
 * or the end after it, a capital first, five words at most, no
 * punctuation at its end? */
static bool lone_heading(const cleaner *c, size_t i)
{
	const char *t = ltext(c, i);
	size_t n = llen(c, i);
	return n > 0 && n <= 40 && (i + 1 == c->nlines || blank(c, i + 1)) &&
	       isupper((unsigned char)t[0]) && !strchr(".,;:", t[n - 1]) &&
	       nrm_count_words(t, n, 6) <= 5;
}

static enum sep separator(cleaner *c, size_t prev, size_t i, bool blank_seen,
			  bool crossed, size_t para_words, size_t width)
{
	const line *L = &c->lines[prev], *N = &c->lines[i];
	const char *lt = ltext(c, prev), *nt = ltext(c, i);
	size_t ll = llen(c, prev), nl = llen(c, i);
	size_t edge = line_edge(c, prev); /* where it ends, for its fullness */
	bool hyphen_end = ll >= 2 && lt[ll - 1] == '-' &&
			  isalpha((unsigned char)lt[ll - 2]);
	/* A word in capitals cut as small letters are ("ENFORCE-" over
	 * "MENT", a recommendation set in capitals). */
	bool caps_cut = hyphen_end && ll >= 3 && nl >= 2 &&
			isupper((unsigned char)lt[ll - 2]) &&
			isupper((unsigned char)lt[ll - 3]) &&
			isupper((unsigned char)nt[0]) &&
			isupper((unsigned char)nt[1]);
	bool hyphen = hyphen_end && (starts_lower(nt, nl) || caps_cut);
	/* Before a capital the hyphen is part of the word: "pan-\nLondon";
	 * so it is after a figure ("10-\nminute", "2024-\n25"). */
	bool compound = (hyphen_end && !caps_cut && nl > 0 &&
			 isupper((unsigned char)nt[0])) ||
			(ll >= 2 && lt[ll - 1] == '-' &&
			 isdigit((unsigned char)lt[ll - 2]) && nl > 0 &&
			 (islower((unsigned char)nt[0]) ||
			  isdigit((unsigned char)nt[0])));

	if ((L->flags | N->flags) & L_HEADING)
		return SEP_PARA;
	/* A table's details start a paragraph, and so does the text after
	 * a table printed cell by cell. */
	if (((N->flags & L_DETAIL) && !(L->flags & L_DETAIL)) ||
	    (N->flags & L_TABLE_END))
		return SEP_PARA;
	/* A word cut by a soft hyphen goes on over a page's break. */
	if (L->flags & L_SOFT && nl > 0 && isalpha((unsigned char)nt[0]))
		return SEP_HYPHEN;
	/* Bold that starts or stops at the break marks a new block: the
	 * recommendation after a signature, a title after a paragraph. */
	bool type_change = ends_bold(c, prev) != starts_bold(c, i);
	if (crossed) {
		/* In wrapped text a short last line that ends on a capital
		 * ("... Energy Efficiency and Heat"), or is a label
		 * ("Government response"), ended its paragraph when the next
		 * page goes on in a capital; the page break did not cut it.
		 * One that ends on a small word ("... the audit in") or is
		 * continued in lower case was. */
		bool short_before_capital = width && edge * 10 < width * 6 &&
					    !starts_lower(nt, nl);
		if (type_change ||
		    (short_before_capital &&
		     (!last_word_lower(lt, ll) || L->flags & L_BLOCK)))
			return SEP_PARA;
		/* A page break: rejoin the sentence it cut, as in the seed's
		 * "from Her / # MAYOR OF LONDON / Majesty's Inspectorate";
		 * but not into a heading at the next page's top. */
		if ((N->flags & L_BLOCK && !runs_on(c, prev, i, width)) ||
		    nrm_ends_sentence(lt, ll) || ends_paragraph_ref(lt, ll) ||
		    para_words < 5 || lone_heading(c, i))
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
	/* In wrapped plain text, a numbered paragraph starts a paragraph
	 * after a line that is not full ("Conclusions / 1. The ...") or that
	 * ends a sentence: no sentence starts "3. The". */
	size_t fw = 0; /* the next line's first word */
	while (fw < nl && nt[fw] != ' ')
		fw++;
	if (!c->markdown && width && starts_numbered(nt, nl) &&
	    (ll + 1 + fw + 8 <= width || nrm_ends_sentence(lt, ll)))
		return SEP_PARA;
	/* A word broken at a Markdown hard break ("commit-" and two
	 * spaces, then "ments") goes on over it. */
	if (hyphen && L->flags & L_HARD && !type_change)
		return keep_hyphen(c, lt, ll, nt, nl) ? SEP_KEEP_HYPHEN
						      : SEP_HYPHEN;
	if (L->flags & L_HARD || type_change)
		return SEP_LINE;
	/* A heading ("Annex B: Abbreviations") after a sentence that ended
	 * short of the margin starts a paragraph of its own; a list's items
	 * and parts ("(a) The Government ...") stay lines of theirs. */
	if (!c->markdown && width && N->flags & L_BLOCK &&
	    !(N->flags & L_ITEM) && nl > 0 && isupper((unsigned char)nt[0]) &&
	    nrm_ends_sentence(lt, ll) &&
	    !strchr(":;", lt[ll - 1]) && edge + 1 + fw + 8 <= width)
		return SEP_PARA;
	/* So is a heading in capitals ("NEXT STEPS") a paragraph. */
	if (!c->markdown && width && capitals_heading(lt, ll) &&
	    !starts_lower(nt, nl))
		return SEP_PARA;
	if (N->flags & L_BLOCK && !runs_on(c, prev, i, width))
		return SEP_LINE;
	if (compound)
		return SEP_KEEP_HYPHEN;
	if (hyphen)
		return keep_hyphen(c, lt, ll, nt, nl) ? SEP_KEEP_HYPHEN
						      : SEP_HYPHEN;
	if (starts_lower(nt, nl))
		return SEP_SPACE;
	/* A number alone on its line over a capital is a table's number
	 * cell, as pdftotext prints a table cell by cell ("... and the
	 * Mayor." / "3" / "The London Fire Brigade should ..."), whatever
	 * the line before. */
	if (!c->markdown && width && bare_number(c, i) &&
	    i + 1 < c->nlines && llen(c, i + 1) > 0 &&
	    isupper((unsigned char)ltext(c, i + 1)[0]))
		return SEP_PARA;
	/* A wrapped line is full: its successor's first word would not
	 * have fitted on it.  A short line whose successor's first word
	 * would have fitted ended for another reason (an address, a
	 * letterhead, the end of a paragraph).  The slack allows for the
	 * width being a percentile, and for justified text. */
	if (width && edge * 10 >= width * 6 && edge + 1 + fw + 8 > width)
		return SEP_SPACE;
	/* Plain text without blank lines between paragraphs (pdftotext
	 * without -layout): a sentence that ends before the margin ends
	 * its paragraph. */
	if (!c->markdown && width && nrm_ends_sentence(lt, ll))
		return SEP_PARA;
	return SEP_LINE;
}

size_t nrm_count_words(const char *s, size_t n, size_t limit)
{
	size_t words = 0;
	for (size_t i = 0; i < n && words < limit; i++)
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
	if (a->para_flags & L_DETAIL)
		lp_span_set(doc, i, "detail", "true");
	if (a->para_flags & (L_CELL | L_CELL_REST))
		lp_span_set(doc, i, "cell", "true");
	if (a->para_flags & L_STANCE)
		lp_span_set(doc, i, "stance", "true");
	if (a->para_flags & L_QUOTED)
		lp_span_set(doc, i, "quoted", "true");
	if (a->para_flags & L_BLOCKQUOTE)
		lp_span_set(doc, i, "blockquote", "true");
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
	lp_buf_reserve(&a.out, c->scratch.len + c->scratch.len / 8);
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
			/* A page's header or footer: a page break, which may
			 * have cut a sentence in two.  A web page's own lines
			 * ("Last updated: ...") are no page's edge. */
			crossed |= !(l->flags & L_CHROME);
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
		/* Only whether a paragraph has five words counts. */
		if (a.para_words < 5)
			a.para_words += nrm_count_words(ltext(c, i), llen(c, i),
							5);
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

/* Is there a "--" between digits at @i ("2024--25", pandoc's en dash)? */
static bool digit_dashes(const unsigned char *t, size_t n, size_t i)
{
	return i > 0 && i + 2 < n && t[i] == '-' && t[i + 1] == '-' &&
	       isdigit(t[i - 1]) && isdigit(t[i + 2]);
}

/* The first "--" between digits at or after @i, or NULL.  Most "--" are
 * not (a Markdown table's "|---|"); memchr finds a '-' faster than
 * memmem finds a pair. */
static const unsigned char *next_digit_dashes(const unsigned char *t,
					      size_t n, size_t i)
{
	while (i < n) {
		const unsigned char *p = memchr(t + i, '-', n - i);
		if (!p)
			return NULL;
		i = (size_t)(p - t);
		if (digit_dashes(t, n, i))
			return p;
		i++;
	}
	return NULL;
}

/* Fold @t into @b, each byte mapped to its offset in @t; false, with
 * @b untouched, when there is nothing to fold.  The one fold for a
 * letter's text and for the strings compared with it (a rule's
 * examples, a diff's words). */
static bool fold_text(const unsigned char *t, size_t n, lp_buf *b)
{
	/* The next 0xE2 and the next "2024--25", each kept until passed so
	 * that no byte is looked at twice. */
	const unsigned char *e2 = memchr(t, 0xE2, n);
	const unsigned char *dd = next_digit_dashes(t, n, 0);
	if (!dd && !e2)
		return false;
	for (size_t i = 0; i < n;) {
		/* Every character fold_cp changes starts with 0xE2, and a
		 * pandoc en dash is "--": what comes before the next one is
		 * copied as it is. */
		if (e2 && e2 < t + i)
			e2 = memchr(t + i, 0xE2, n - i);
		if (dd && dd < t + i)
			dd = next_digit_dashes(t, n, i);
		const unsigned char *next = !dd || (e2 && e2 < dd) ? e2 : dd;
		size_t run = next ? (size_t)(next - t) - i : n - i;
		if (run) {
			lp_buf_copy(b, (const char *)t + i, run, (uint32_t)i);
			i += run;
			continue;
		}
		if (t[i] == '-') {
			/* "2024--25" reads as "2024-25". */
			lp_buf_put(b, "-", 1, (uint32_t)i);
			i += 2;
			continue;
		}
		size_t k = i;
		int32_t cp = lp_utf8_next(t, n, &k);
		const char *f = cp >= 0 ? fold_cp(cp) : NULL;
		if (cp < 0)
			k = i + 1;
		if (f)
			lp_buf_put(b, f, strlen(f), (uint32_t)i);
		else
			lp_buf_copy(b, (const char *)t + i, k - i, (uint32_t)i);
		i = k;
	}
	lp_buf_put(b, "", 0, (uint32_t)n);
	b->map[b->len] = (uint32_t)n;
	return true;
}

char *lp_fold_string(const char *s)
{
	lp_buf b = { 0 };
	if (!fold_text((const unsigned char *)s, strlen(s), &b))
		return lp_xstrdup(s);
	free(b.map);
	return b.s;
}

static void build_fold(lp_doc *doc)
{
	lp_buf b = { 0 };
	doc->fold = doc->text;
	doc->fold_len = doc->text_len;
	doc->fold_map = NULL;
	if (!fold_text((const unsigned char *)doc->text, doc->text_len, &b))
		return;
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
	make_plain_table(&c);
	c.block_start = lp_rule_get(g, "layout.block-start");
	c.page_number = lp_rule_get(g, "layout.page-number");
	c.web_chrome = lp_rule_get(g, "layout.web-chrome");
	c.marking = lp_rule_get(g, "layout.protective-marking");
	c.nstances = lp_rule_family(g, "stance.", &c.stances);
	c.footer = lp_rule_get(g, "layout.footer");
	c.column_field = lp_rule_get(g, "layout.column-field");
	c.keep_hyphen = lp_rule_get(g, "layout.keep-hyphen");
	c.open_end = lp_rule_get(g, "layout.open-end");
	c.response_label = lp_rule_get(g, "label.response");
	c.m = lp_match_new(g);

	/* keep_hyphen() searches the input as a C string. */
	if (!doc->decoded) {
		doc->src = lp_xrealloc(doc->src, doc->src_len + 1);
		doc->src[doc->src_len] = '\0';
		c.in = doc->src;
	}

	/* The cleaned lines are about as long as the input: room for them
	 * at once, rather than doubling up to it.  (Allocated, too, so that
	 * lines may be empty.) */
	lp_buf_reserve(&c.scratch, c.in_len + c.in_len / 8);
	split_lines(&c);
	int rc = lp_mark_furniture(&c);
	if (rc == 0) {
		lp_mark_cell_tables(&c);
		join_row_rests(&c);
		assemble(&c);
		build_fold(doc);
	}
	lp_match_free(c.m);
	lp_buf_free(&c.scratch);
	free(c.lines);
	free(c.bold);
	free(c.rests);
	return rc;
}
