/*
 * make_pdf.c - print a corpus letter as a PDF, as an office would send it:
 * A4 pages with a running header and a "Page N of M" footer, paragraphs
 * wrapped to the margins (so page breaks fall mid-sentence), and bold type
 * where the Markdown has **.  The tests read it back with letterpipe.
 *
 * usage: make_pdf LETTER > letter.pdf
 *
 * This is the project's own test printer, not letterpipe's reader.  Plain
 * text letters (pdftotext output) are reflowed: their page furniture,
 * form feeds and hard wraps are dropped first.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <ctype.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 72.0
#define SIZE 10.0
#define LEADING 14.0
#define GAP 9.0

typedef struct run {
	char *text;
	bool bold;
} run;

typedef struct para {
	run *runs;
	size_t nruns;
	bool bold_all;
} para;

typedef struct letter {
	para *paras;
	size_t n;
} letter;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *s = malloc(cap);
	size_t k;
	while ((k = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (cap - n < 2)
			s = realloc(s, cap *= 2);
	}
	fclose(f);
	s[n] = '\0';
	*len = n;
	return s;
}

static void add_run(para *p, const char *t, size_t n, bool bold)
{
	if (n == 0)
		return;
	p->runs = realloc(p->runs, (p->nruns + 1) * sizeof *p->runs);
	p->runs[p->nruns].text = strndup(t, n);
	p->runs[p->nruns].bold = bold;
	p->nruns++;
}

/* Bold that runs on over a hard break ("**(a) ...  \n(b) ...**"). */
static bool carry_bold;

/* A paragraph of Markdown: ** toggles bold, a lone * (italic, not set
 * here) prints nothing, [t](u) is t, # heads. */
static void add_para(letter *l, const char *s, bool markdown)
{
	while (*s == ' ')
		s++;
	if (!*s)
		return;
	l->paras = realloc(l->paras, (l->n + 1) * sizeof *l->paras);
	para *p = &l->paras[l->n++];
	memset(p, 0, sizeof *p);
	bool bold = carry_bold;
	if (markdown && *s == '#') {
		while (*s == '#')
			s++;
		while (*s == ' ')
			s++;
		p->bold_all = true;
	}
	const char *start = s;
	for (const char *c = s; *c;) {
		if (markdown && c[0] == '*' && c[1] == '*') {
			add_run(p, start, (size_t)(c - start), bold || p->bold_all);
			bold = !bold;
			c += 2;
			start = c;
		} else if (markdown && c[0] == '*' && c[1] != '*' &&
			   !(c > s && c[-1] == '*') &&
			   !((c == s || c[-1] == ' ') && (!c[1] || c[1] == ' '))) {
			add_run(p, start, (size_t)(c - start), bold || p->bold_all);
			c++;
			start = c;
		} else if (markdown && c[0] == '[' && strstr(c, "](")) {
			add_run(p, start, (size_t)(c - start), bold || p->bold_all);
			const char *close = strstr(c, "](");
			add_run(p, c + 1, (size_t)(close - c - 1), bold || p->bold_all);
			const char *paren = strchr(close, ')');
			c = paren ? paren + 1 : close + 2;
			start = c;
		} else {
			c++;
		}
	}
	add_run(p, start, strlen(start), bold || p->bold_all);
	carry_bold = bold;
}

/* The median length of the lines of 60 characters or more: at most the
 * width that the text was wrapped at. */
static size_t wrap_width(const char *s)
{
	size_t lens[4096], n = 0;
	while (*s && n < 4096) {
		size_t len = strcspn(s, "\r\n");
		while (len && s[len - 1] == ' ')
			len--;
		if (len >= 60)
			lens[n++] = len;
		s += strcspn(s, "\n");
		s += *s == '\n';
	}
	for (size_t i = 1; i < n; i++) /* insertion sort: a letter is short */
		for (size_t k = i; k && lens[k - 1] > lens[k]; k--) {
			size_t t = lens[k];
			lens[k] = lens[k - 1];
			lens[k - 1] = t;
		}
	return n ? lens[n / 2] : 0;
}

/* In wrapped text, is @line (@ll long) short on purpose?  It is when the
 * first word of the line after it (@next) would have fitted on it, or
 * when it ends a sentence before a short capitalised line (a label, a
 * heading). */
static bool ends_paragraph(const char *line, size_t ll, const char *next,
			   size_t width)
{
	if (!next)
		return false;
	while (ll && line[ll - 1] == ' ')
		ll--;
	size_t lead = strspn(next, " \t");
	size_t word = strcspn(next + lead, " \t\r\n");
	size_t rest = strcspn(next + lead, "\r\n");
	if (word && ll + 1 + word <= width)
		return true;
	return rest && rest < 60 && isupper((unsigned char)next[lead]) && ll &&
	       strchr(".?!:", line[ll - 1]);
}

/* Does @re take the whole of line @t (@n bytes, not NUL-terminated)? */
static bool matches(const regex_t *re, const char *t, size_t n)
{
	char *line = strndup(t, n);
	bool yes = line && !regexec(re, line, 0, NULL, 0);
	free(line);
	return yes;
}

/* Is line @t (@n bytes, trimmed) page furniture: one the @furniture
 * pattern takes, or the running @header? */
static bool furniture_line(const regex_t *furniture, const char *header,
			   size_t header_n, const char *t, size_t n)
{
	return matches(furniture, t, n) ||
	       (header && n == header_n && !memcmp(t, header, n));
}

/* A plain-text letter's running header: the first line after a page
 * number, when the same line follows another page number too.  Returns
 * its length (0: none) and points @out at it in @s. */
static size_t running_header(const char *s, const regex_t *numbers,
			     const char **out)
{
	const char *seen = NULL;
	size_t seen_n = 0;
	bool after = false;
	for (const char *c = s; *c;) {
		size_t n = strcspn(c, "\r\n");
		const char *t = c + strspn(c, " \t\f");
		size_t tn = n - (size_t)(t - c);
		while (tn && isspace((unsigned char)t[tn - 1]))
			tn--;
		if (tn && matches(numbers, t, tn)) {
			after = true;
		} else if (tn && after) {
			if (seen && seen_n == tn && !memcmp(seen, t, tn)) {
				*out = seen;
				return seen_n;
			}
			seen = t;
			seen_n = tn;
			after = false;
		}
		c += n;
		c += *c == '\r';
		c += *c == '\n';
	}
	return 0;
}

/* Does the sentence on @line (@ll long) go on in the next line of
 * text after @next, past blank lines and page furniture: it stops
 * without a full stop, and the next line starts in lower case? */
static bool runs_on(const char *line, size_t ll, const char *next,
		    const regex_t *furniture, const char *header,
		    size_t header_n)
{
	while (ll && line[ll - 1] == ' ')
		ll--;
	if (!ll || strchr(".?!:;", line[ll - 1]))
		return false;
	for (const char *c = next; c && *c;) {
		size_t n = strcspn(c, "\n");
		const char *t = c + strspn(c, " \t\f\r");
		size_t tn = n - (size_t)(t - c);
		while (tn && isspace((unsigned char)t[tn - 1]))
			tn--;
		if (tn && !furniture_line(furniture, header, header_n, t, tn))
			return islower((unsigned char)*t);
		c += n;
		c += *c == '\n';
	}
	return false;
}

/* Split the letter into paragraphs: blank lines part them; in Markdown a
 * list item or a hard break (two trailing spaces) is a line of its own;
 * in plain text the page furniture goes and wrapped lines are joined,
 * across a page break too when the sentence goes on there. */
static letter read_letter(char *s, bool markdown)
{
	letter l = { 0 };
	regex_t furniture, numbers;
	regcomp(&furniture,
		"^[[:space:]]*(Page [0-9]+( of [0-9]+)?|[0-9]+|# MAYOR OF LONDON|"
		"MAYOR OF LONDON|.*E16 1ZE.*)[[:space:]]*$",
		REG_EXTENDED | REG_NOSUB);
	regcomp(&numbers, "^(Page [0-9]+( of [0-9]+)?|[0-9]+)$",
		REG_EXTENDED | REG_NOSUB);
	const char *header = NULL;
	size_t header_n = running_header(s, &numbers, &header);
	char *header_copy = header_n ? strndup(header, header_n) : NULL;
	bool broken = false; /* a paragraph break seen, not yet made */
	bool page_turned = false; /* furniture dropped since it */
	/* A plain-text letter with very long lines was never wrapped:
	 * each of its lines is a paragraph or a label of its own. */
	size_t longest = 0, col = 0;
	for (const char *c = s; *c; c++)
		col = *c == '\n' ? 0 : col + 1, longest = col > longest ? col : longest;
	bool unwrapped = !markdown && longest > 120;
	bool after_number = false;
	size_t width = markdown ? 0 : wrap_width(s);
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	buf[0] = '\0';
	/* Line by line, blank lines included (they part paragraphs). */
	char *next = s;
	for (;;) {
		char *line = next;
		bool end = line == NULL;
		if (!end) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			next = nl ? nl + 1 : NULL;
		}
		if (!end) {
			char *cr = strchr(line, '\r');
			if (cr)
				*cr = '\0';
			for (char *f = line; *f; f++)
				if (*f == '\f')
					*f = ' ';
			/* A Markdown rule ("---") prints as space, not text:
			 * it parts paragraphs as a blank line does. */
			if (markdown && strlen(line) >= 3 &&
			    !line[strspn(line, "-")])
				line[0] = '\0';
			/* A heading just after a page number is the next
			 * page's running header, which this printer sets. */
			const char *lt = line + strspn(line, " \t");
			size_t tn = strlen(lt);
			while (tn && isspace((unsigned char)lt[tn - 1]))
				tn--;
			bool is_header = after_number && !strncmp(line, "# ", 2);
			if (line[strspn(line, " \t")])
				after_number = line[strspn(line, "0123456789 \t")] == '\0';
			if (is_header || furniture_line(&furniture, header_copy,
							header_n, lt, tn)) {
				page_turned = true;
				continue;
			}
		}
		bool blank = end;
		if (!end) {
			blank = true;
			for (char *c = line; *c; c++)
				blank &= isspace((unsigned char)*c) != 0;
		}
		/* A list item, bulleted or numbered ("1. **That ...**"). */
		size_t digits = end ? 0 : strspn(line, "0123456789");
		bool item = !end && markdown &&
			    (strncmp(line, "- ", 2) == 0 ||
			     (digits && digits <= 3 && line[digits] == '.' &&
			      line[digits + 1] == ' '));
		/* A hard break: two trailing spaces in Markdown; in plain
		 * text, a short line (a label, a letterhead line, the end of
		 * a paragraph) that was not wrapped. */
		size_t ll = end ? 0 : strlen(line);
		bool hard = !end && ((markdown && ll >= 2 &&
				      !strcmp(line + ll - 2, "  ")) ||
				     (!markdown && (ll < 60 || unwrapped ||
						    ends_paragraph(line, ll, next,
								   width)) &&
				      !runs_on(line, ll, next, &furniture,
					       header_copy, header_n)));
		/* A blank line parts paragraphs, unless the page turned
		 * there and the sentence goes on after it. */
		if (blank && !end && len) {
			broken = true;
			continue;
		}
		if (broken && len && !end) {
			const char *first = line + strspn(line, " \t");
			bool goes_on = page_turned && islower((unsigned char)*first) &&
				       !strchr(".?!:", buf[len - 1]);
			if (!goes_on) {
				add_para(&l, buf, markdown);
				len = 0;
				buf[0] = '\0';
				carry_bold = false;
			}
		}
		broken = false;
		if ((blank || item || end) && len) {
			add_para(&l, buf, markdown);
			len = 0;
			buf[0] = '\0';
		}
		if (blank)
			carry_bold = false; /* bold never runs over a blank line */
		if (end)
			break;
		if (blank)
			continue;
		while (*line == ' ')
			line++;
		size_t n = strlen(line);
		if (len + n + 2 > cap)
			buf = realloc(buf, cap = (len + n + 2) * 2);
		if (len && buf[len - 1] == '-' && islower((unsigned char)line[0]))
			len--; /* a hyphenated word at a wrap */
		else if (len)
			buf[len++] = ' ';
		memcpy(buf + len, line, n);
		len += n;
		buf[len] = '\0';
		page_turned = false;
		while (len && buf[len - 1] == ' ')
			buf[--len] = '\0';
		if (hard || item) {
			add_para(&l, buf, markdown);
			len = 0;
			buf[0] = '\0';
		}
	}
	free(buf);
	free(header_copy);
	regfree(&furniture);
	regfree(&numbers);
	return l;
}

typedef struct printer {
	cairo_t *cr;
	int page, pages;
	double y;
	bool draw; /* false while counting the pages */
} printer;

static void font(printer *p, bool bold)
{
	cairo_select_font_face(p->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD
				    : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(p->cr, SIZE);
}

static void furniture(printer *p)
{
	if (!p->draw)
		return;
	font(p, true);
	cairo_move_to(p->cr, PAGE_W - MARGIN - 100, 40);
	cairo_show_text(p->cr, "MAYOR OF LONDON");
	font(p, false);
	char footer[64];
	snprintf(footer, sizeof footer, "Page %d of %d", p->page, p->pages);
	cairo_move_to(p->cr, MARGIN, PAGE_H - 40);
	cairo_show_text(p->cr, "City Hall, Kamal Chunchie Way, London E16 1ZE");
	cairo_move_to(p->cr, PAGE_W - MARGIN - 60, PAGE_H - 40);
	cairo_show_text(p->cr, footer);
}

static void new_line(printer *p)
{
	p->y += LEADING;
	if (p->y > PAGE_H - MARGIN) {
		if (p->draw)
			cairo_show_page(p->cr);
		p->page++;
		p->y = MARGIN;
		furniture(p);
	}
}

/* Lay out one paragraph word by word, wrapping at the right margin. */
static void print_para(printer *p, const para *pa)
{
	double x = MARGIN;
	bool space_before = false; /* the last run ended with a space */
	for (size_t r = 0; r < pa->nruns; r++) {
		font(p, pa->runs[r].bold);
		const char *t = pa->runs[r].text;
		char *words = strdup(t), *save = NULL;
		bool lead_space = t[0] == ' ' || space_before;
		space_before = t[strlen(t) - 1] == ' ';
		for (char *w = strtok_r(words, " ", &save); w;
		     w = strtok_r(NULL, " ", &save)) {
			cairo_text_extents_t ext, sp;
			cairo_text_extents(p->cr, w, &ext);
			cairo_text_extents(p->cr, " ", &sp);
			bool first = w == words || (w > words && t[w - words - 1] != ' ' &&
						    w - words == (t[0] == ' ' ? 1 : 0));
			double space = x > MARGIN && (lead_space || !first)
					       ? sp.x_advance
					       : 0;
			if (x + space + ext.x_advance > PAGE_W - MARGIN) {
				new_line(p);
				/* A new page printed its furniture in its own
				 * font: take the run's back. */
				font(p, pa->runs[r].bold);
				x = MARGIN;
				space = 0;
			}
			x += space;
			if (p->draw) {
				cairo_move_to(p->cr, x, p->y);
				cairo_show_text(p->cr, w);
			}
			x += ext.x_advance;
		}
		free(words);
	}
	new_line(p);
	p->y += GAP;
}

static void print_letter(printer *p, const letter *l)
{
	p->page = 1;
	p->y = MARGIN;
	furniture(p);
	for (size_t i = 0; i < l->n; i++)
		print_para(p, &l->paras[i]);
	if (p->draw)
		cairo_show_page(p->cr);
}

/* A test tool: fontconfig keeps its caches to the end, which a leak
 * checker would report on every run.  letterpipe itself is checked. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return 1;
}

static cairo_status_t to_stdout(void *closure, const unsigned char *data,
				unsigned int length)
{
	(void)closure;
	return fwrite(data, 1, length, stdout) == length ? CAIRO_STATUS_SUCCESS
							  : CAIRO_STATUS_WRITE_ERROR;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: make_pdf LETTER|--image-only > letter.pdf\n");
		return 2;
	}
	if (strcmp(argv[1], "--image-only") == 0) {
		/* A scanned letter: a page of picture, no text layer. */
		cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(
			to_stdout, NULL, PAGE_W, PAGE_H);
		cairo_t *cr = cairo_create(pdf);
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		cairo_rectangle(cr, MARGIN, MARGIN, 300, 40);
		cairo_fill(cr);
		cairo_show_page(cr);
		cairo_destroy(cr);
		cairo_surface_finish(pdf);
		cairo_surface_destroy(pdf);
		return 0;
	}
	size_t len;
	char *s = slurp(argv[1], &len);
	if (!s) {
		perror(argv[1]);
		return 1;
	}
	char *text = s;
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		text += 3;
	bool markdown = strstr(text, "**") || strstr(text, "\n#") || text[0] == '#';
	/* "**A****B**" is two blocks a converter glued: print them apart. */
	char *split = malloc(strlen(text) * 2 + 1), *o = split;
	for (const char *c = text; *c;) {
		if (markdown && strncmp(c, "****", 4) == 0) {
			memcpy(o, "**\n\n**", 6);
			o += 6;
			c += 4;
		} else {
			*o++ = *c++;
		}
	}
	*o = '\0';
	text = split;
	letter l = read_letter(text, markdown);

	/* Count the pages first, for the footer's "of M". */
	cairo_surface_t *count = cairo_pdf_surface_create_for_stream(
		NULL, NULL, PAGE_W, PAGE_H);
	printer p = { .cr = cairo_create(count) };
	print_letter(&p, &l);
	int pages = p.page;
	cairo_destroy(p.cr);
	cairo_surface_destroy(count);

	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(
		to_stdout, NULL, PAGE_W, PAGE_H);
	p = (printer){ .cr = cairo_create(pdf), .pages = pages, .draw = true };
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	print_letter(&p, &l);
	cairo_destroy(p.cr);
	cairo_surface_finish(pdf);
	cairo_surface_destroy(pdf);
	free(split);
	free(s);
	return 0;
}
