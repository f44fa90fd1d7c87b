/*
 * emit_yaml.c - write documents as a YAML stream.
 *
 * The writer is direct: walk events go straight to the output buffer.
 * libyaml's emitter did this job first and cost a fifth of a parse, most
 * of it copying and re-scanning every string; the layout and the quoting
 * here are the same as libyaml's, byte for byte, and a test
 * (tests/check_yaml_writer.c) holds the two together on random trees of
 * hostile strings.  The rules, as libyaml applies them with unlimited
 * line width and an indent of 2:
 *
 *   - a mapping key is written plain; a value plain when it can be read
 *     back unchanged, else in single quotes, else in double quotes with
 *     escapes; a passage of several lines as a literal block (|);
 *   - a list in a mapping is not indented past its key; an empty mapping
 *     or list is written {} or [];
 *   - several documents are each opened by ---.
 *
 * A plain string that a YAML 1.1 reader would take for a boolean, a null,
 * a number or a date is double-quoted, so that every value reads back as
 * the type it was written as.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "walk.h"

#define INDENT 2
#define MAX_DEPTH 64

/* An open mapping or list. */
typedef struct frame {
	char kind;       /* 'm' or 's' */
	bool flow;       /* written inline, {a: 1} or [1, 2] */
	bool pending;    /* opened, nothing in it yet: may be empty */
	bool in_mapping; /* the value of a key (a list there is not indented) */
	int indent;      /* the indent outside it, restored when it ends */
	size_t n;        /* entries so far */
} frame;

struct lp_yaml_out {
	FILE *out;
	char buf[1 << 15];
	size_t len;
	bool failed;      /* a write failed */
	bool bad_text;    /* a string was not UTF-8 */
	/* Where the output stands, as libyaml keeps it. */
	int column;       /* in characters */
	int indent;       /* of the current block; -1 outside any */
	bool whitespace;  /* the last thing written was white space */
	bool indention;   /* only indentation so far on this line */
	int flow_level;
	int open_ended;   /* 2: the last block scalar kept its final breaks */
	size_t documents;
	frame open[MAX_DEPTH];
	size_t depth;
};

/* ---- bytes ---------------------------------------------------------------- */

static void flush(lp_yaml_out *s)
{
	if (s->len && fwrite(s->buf, 1, s->len, s->out) != s->len)
		s->failed = true;
	s->len = 0;
}

static void put_bytes(lp_yaml_out *s, const char *p, size_t n)
{
	if (s->len + n > sizeof s->buf)
		flush(s);
	if (n > sizeof s->buf) {
		if (fwrite(p, 1, n, s->out) != n)
			s->failed = true;
		return;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

static void put(lp_yaml_out *s, char c)
{
	if (s->len == sizeof s->buf)
		flush(s);
	s->buf[s->len++] = c;
	s->column++;
}

/* One character of @n bytes: a column. */
static void put_char(lp_yaml_out *s, const unsigned char *p, size_t n)
{
	put_bytes(s, (const char *)p, n);
	s->column++;
}

static void put_break(lp_yaml_out *s)
{
	put(s, '\n');
	s->column = 0;
}

/* The length of the UTF-8 character at @p, or 0 when it is not one. */
static size_t char_len(const unsigned char *p, const unsigned char *end)
{
	size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2
				   : (p[0] & 0xF0) == 0xE0 ? 3
				   : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (n == 0 || (size_t)(end - p) < n)
		return 0;
	unsigned v = n == 1 ? p[0] : n == 2 ? p[0] & 0x1Fu
			      : n == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (p[k] & 0x3Fu);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) ||
	    (n == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return n;
}

/* YAML's printable characters, as libyaml decides them: not tab, CR or
 * NEL, nor anything outside the Basic Multilingual Plane (written as
 * \U escapes), but LF, LS and PS are. */
static bool printable(const unsigned char *p)
{
	return p[0] == 0x0A || (p[0] >= 0x20 && p[0] <= 0x7E) ||
	       (p[0] == 0xC2 && p[1] >= 0xA0) || (p[0] > 0xC2 && p[0] < 0xED) ||
	       (p[0] == 0xED && p[1] < 0xA0) || p[0] == 0xEE ||
	       (p[0] == 0xEF && !(p[1] == 0xBB && p[2] == 0xBF) &&
		!(p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)));
}

/* CR, LF, NEL, LS and PS. */
static bool is_break(const unsigned char *p)
{
	return p[0] == '\r' || p[0] == '\n' || (p[0] == 0xC2 && p[1] == 0x85) ||
	       (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9));
}

static bool blank_or_end(const unsigned char *p, const unsigned char *end)
{
	return p == end || *p == ' ' || *p == '\t' || is_break(p);
}

/* ---- layout --------------------------------------------------------------- */

/* Start a line at the current indent, unless this one is still blank. */
static void write_indent(lp_yaml_out *s)
{
	int indent = s->indent >= 0 ? s->indent : 0;
	if (!s->indention || s->column > indent ||
	    (s->column == indent && !s->whitespace))
		put_break(s);
	while (s->column < indent)
		put(s, ' ');
	s->whitespace = true;
	s->indention = true;
}

static void indicator(lp_yaml_out *s, const char *text, bool need_space,
		      bool is_whitespace, bool is_indention)
{
	if (need_space && !s->whitespace)
		put(s, ' ');
	while (*text)
		put(s, *text++);
	s->whitespace = is_whitespace;
	s->indention = s->indention && is_indention;
}

static void increase_indent(lp_yaml_out *s, bool flow, bool indentless)
{
	if (s->indent < 0)
		s->indent = flow ? INDENT : 0;
	else if (!indentless)
		s->indent += INDENT;
}

/* ---- scalars -------------------------------------------------------------- */

enum style { PLAIN, SINGLE, DOUBLE, LITERAL };

/* What a string allows, as libyaml's analysis finds it. */
typedef struct analysis {
	bool multiline, flow_plain, block_plain, single, block;
	bool ascii; /* a byte a character: no need to count them */
} analysis;

/* ASCII characters that matter to the analysis; the rest are ordinary. */
enum {
	C_FIRST = 1,    /* an indicator when it starts the string */
	C_FLOW = 2,     /* an indicator anywhere in a flow collection */
	C_SPECIAL = 4,  /* not printable: only double quotes hold it */
	C_OTHER = 8,    /* space, break, ':', '?', '-', '#': see the code */
};

static const unsigned char printable_class[128] = {
	[' '] = C_OTHER,
	['#'] = C_FIRST | C_OTHER,
	[','] = C_FIRST | C_FLOW,
	['['] = C_FIRST | C_FLOW,
	[']'] = C_FIRST | C_FLOW,
	['{'] = C_FIRST | C_FLOW,
	['}'] = C_FIRST | C_FLOW,
	['&'] = C_FIRST, ['*'] = C_FIRST, ['!'] = C_FIRST, ['|'] = C_FIRST,
	['>'] = C_FIRST, ['\''] = C_FIRST, ['"'] = C_FIRST, ['%'] = C_FIRST,
	['@'] = C_FIRST, ['`'] = C_FIRST,
	['?'] = C_FLOW | C_OTHER,
	[':'] = C_OTHER,
	['-'] = C_OTHER,
};

/* Bytes that analyse passes over without a thought, inside a text:
 * printable ASCII that is no indicator, and the space; that is, ' ' and
 * the bytes 0x21 to 0x7E that printable_class leaves out.  A table of its
 * own, as deriving it byte by byte costs some 7% of the writer's time;
 * tests/check_yaml_writer.c fails when the two disagree. */
static const bool quiet[256] = {
#define Q4(c) [c] = true, [c + 1] = true, [c + 2] = true, [c + 3] = true
	[' '] = true, ['$'] = true, ['('] = true, [')'] = true, ['+'] = true,
	['.'] = true, ['/'] = true, Q4('0'), Q4('4'), ['8'] = true,
	['9'] = true, [';'] = true, ['<'] = true, ['='] = true, Q4('A'),
	Q4('E'), Q4('I'), Q4('M'), Q4('Q'), Q4('U'), ['Y'] = true,
	['Z'] = true, ['\\'] = true, ['^'] = true, ['_'] = true, Q4('a'),
	Q4('e'), Q4('i'), Q4('m'), Q4('q'), Q4('u'), ['y'] = true,
	['z'] = true, ['~'] = true,
#undef Q4
};

static bool quiet8(const unsigned char *q)
{
	return quiet[q[0]] & quiet[q[1]] & quiet[q[2]] & quiet[q[3]] &
	       quiet[q[4]] & quiet[q[5]] & quiet[q[6]] & quiet[q[7]];
}

static unsigned ascii_class(unsigned char c)
{
	if (c < 0x20)
		return c == '\n' ? C_OTHER
		       : c == '\r' ? C_SPECIAL | C_OTHER : C_SPECIAL;
	return c == 0x7F ? C_SPECIAL : printable_class[c];
}

/* Is the character after the one at @p (of @n bytes) white space, a
 * break or the end? */
static bool followed_by_space(const unsigned char *p, size_t n,
			      const unsigned char *end)
{
	return blank_or_end(p + n, end);
}

/* Is the character before @p, which is not the first, white space or a
 * break? */
static bool preceded_by_space(const unsigned char *p)
{
	if (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r')
		return true;
	const unsigned char *q = p - 1;
	while ((*q & 0xC0) == 0x80)
		q--;
	return p - q > 1 && is_break(q);
}

static int analyse(const unsigned char *p, size_t len, analysis *a)
{
	const unsigned char *end = p + len;
	*a = (analysis){ false, false, true, true, false, true };
	if (len == 0)
		return 0;
	bool block_ind = false, flow_ind = false, breaks = false,
	     special = false, lead_space = false, lead_break = false,
	     trail_space = false, trail_break = false, break_space = false,
	     space_break = false, prev_space = false, prev_break = false;
	if (len >= 3 && ((p[0] == '-' && p[1] == '-' && p[2] == '-') ||
			 (p[0] == '.' && p[1] == '.' && p[2] == '.')))
		block_ind = flow_ind = true;
	for (const unsigned char *q = p; q < end;) {
		/* Most of a text: ordinary characters, and single spaces
		 * between them, which matter only after a break.  Eight at a
		 * time while none is anything else, and the first is not a
		 * space after a break, nor the first or last of the text. */
		if (q != p && !prev_break && end - q > 8 && quiet8(q)) {
			do
				q += 8;
			while (end - q > 8 && quiet8(q));
			prev_space = q[-1] == ' ';
		}
		for (; q < end; q++) {
			unsigned char c = *q;
			if (c - 0x21u < 0x5Eu && !printable_class[c]) {
				prev_space = prev_break = false;
			} else if (c == ' ' && q != p && q + 1 != end) {
				break_space = break_space || prev_break;
				prev_space = true;
				prev_break = false;
			} else {
				break;
			}
		}
		if (q == end)
			break;
		unsigned char c = *q;
		size_t n = 1;
		bool space = false, brk = false;
		if (c < 0x80) {
			unsigned k = ascii_class(c);
			if (q == p && (k & C_FIRST))
				flow_ind = block_ind = true;
			if (q != p && (k & C_FLOW))
				flow_ind = true;
			if (k & C_SPECIAL)
				special = true;
			if (c == ':' || (c == '?' && q == p)) {
				flow_ind = true;
				if (followed_by_space(q, 1, end))
					block_ind = true;
			} else if (c == '-' && q == p) {
				if (followed_by_space(q, 1, end))
					flow_ind = block_ind = true;
			} else if (c == '#' && q != p) {
				if (preceded_by_space(q))
					flow_ind = block_ind = true;
			}
			space = c == ' ';
			brk = c == '\n' || c == '\r';
		} else {
			a->ascii = false;
			if (!(n = char_len(q, end)))
				return -1;
			if (!printable(q))
				special = true;
			brk = is_break(q);
		}
		bool last = q + n == end;
		if (space) {
			lead_space = lead_space || q == p;
			trail_space = trail_space || last;
			break_space = break_space || prev_break;
		} else if (brk) {
			lead_break = lead_break || q == p;
			trail_break = trail_break || last;
			space_break = space_break || prev_space;
		}
		breaks = breaks || brk;
		prev_space = space;
		prev_break = brk;
		q += n;
	}
	a->multiline = breaks;
	a->flow_plain = a->block_plain = a->single = a->block = true;
	if (lead_space || lead_break || trail_space || trail_break)
		a->flow_plain = a->block_plain = false;
	if (trail_space)
		a->block = false;
	if (break_space)
		a->flow_plain = a->block_plain = a->single = false;
	if (space_break || special)
		a->flow_plain = a->block_plain = a->single = a->block = false;
	if (breaks)
		a->flow_plain = a->block_plain = false;
	if (flow_ind)
		a->flow_plain = false;
	if (block_ind)
		a->block_plain = false;
	return 0;
}

static enum style choose(const lp_yaml_out *s, enum style want,
			 const analysis *a, size_t len, bool simple_key)
{
	enum style st = want;
	if (simple_key && a->multiline)
		st = DOUBLE;
	if (st == PLAIN) {
		if (s->flow_level ? !a->flow_plain : !a->block_plain)
			st = SINGLE;
		if (len == 0 && (s->flow_level || simple_key))
			st = SINGLE;
	}
	if (st == SINGLE && !a->single)
		st = DOUBLE;
	if (st == LITERAL && (!a->block || s->flow_level || simple_key))
		st = DOUBLE;
	return st;
}

/* A line break inside a quoted or block scalar, written as it is. */
static void write_break(lp_yaml_out *s, const unsigned char *p, size_t n)
{
	if (*p == '\n') {
		put_break(s);
	} else {
		put_bytes(s, (const char *)p, n);
		s->column = 0;
	}
}

/* Characters in @len bytes of valid UTF-8: every byte but continuations
 * (10xxxxxx), counted eight bytes at a time. */
static int chars(const unsigned char *p, size_t len)
{
	size_t i = 0, cont = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		/* A 1 in each byte that is a continuation; the multiply
		 * adds the eight into the top byte. */
		uint64_t ones = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
		cont += (size_t)((ones * 0x0101010101010101ull) >> 56);
	}
	for (; i < len; i++)
		cont += (p[i] & 0xC0) == 0x80;
	return (int)(len - cont);
}

static void write_plain(lp_yaml_out *s, const unsigned char *p, size_t len,
			bool ascii)
{
	if (!s->whitespace && (len || s->flow_level))
		put(s, ' ');
	/* A plain scalar holds no breaks. */
	put_bytes(s, (const char *)p, len);
	s->column += ascii ? (int)len : chars(p, len);
	s->whitespace = s->indention = false;
}

static void write_single(lp_yaml_out *s, const unsigned char *p, size_t len)
{
	indicator(s, "'", true, false, false);
	bool breaks = false;
	for (const unsigned char *end = p + len; p < end;) {
		size_t n = char_len(p, end);
		if (*p == ' ') {
			put(s, ' ');
		} else if (is_break(p)) {
			/* A break is written twice: once folds, once keeps. */
			if (!breaks && *p == '\n')
				put_break(s);
			write_break(s, p, n);
			s->indention = true;
			breaks = true;
		} else {
			if (breaks)
				write_indent(s);
			if (*p == '\'')
				put(s, '\'');
			put_char(s, p, n);
			s->indention = false;
			breaks = false;
		}
		p += n;
	}
	if (breaks)
		write_indent(s);
	indicator(s, "'", false, false, false);
	s->whitespace = s->indention = false;
}

static void write_double(lp_yaml_out *s, const unsigned char *p, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	indicator(s, "\"", true, false, false);
	for (const unsigned char *end = p + len; p < end;) {
		size_t run = 0;
		while (p + run < end && p[run] >= 0x20 && p[run] < 0x7F &&
		       p[run] != '"' && p[run] != '\\')
			run++;
		if (run) {
			put_bytes(s, (const char *)p, run);
			s->column += (int)run;
			p += run;
			continue;
		}
		size_t n = char_len(p, end);
		bool bom = n == 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
		if (printable(p) && !bom && !is_break(p) && *p != '"' &&
		    *p != '\\') {
			put_char(s, p, n);
			p += n;
			continue;
		}
		unsigned v = n == 1 ? p[0] : n == 2 ? p[0] & 0x1Fu
				      : n == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
		for (size_t k = 1; k < n; k++)
			v = (v << 6) | (p[k] & 0x3Fu);
		p += n;
		put(s, '\\');
		char c = v == 0x00 ? '0' : v == 0x07 ? 'a' : v == 0x08 ? 'b'
		       : v == 0x09 ? 't' : v == 0x0A ? 'n' : v == 0x0B ? 'v'
		       : v == 0x0C ? 'f' : v == 0x0D ? 'r' : v == 0x1B ? 'e'
		       : v == 0x22 ? '"' : v == 0x5C ? '\\' : v == 0x85 ? 'N'
		       : v == 0xA0 ? '_' : v == 0x2028 ? 'L'
		       : v == 0x2029 ? 'P' : 0;
		if (c) {
			put(s, c);
			continue;
		}
		int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
		put(s, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
		for (int k = (digits - 1) * 4; k >= 0; k -= 4)
			put(s, hex[(v >> k) & 0x0F]);
	}
	indicator(s, "\"", false, false, false);
	s->whitespace = s->indention = false;
}

/* The block scalar's header: an indent when the text starts with white
 * space, and how its final line breaks are kept. */
static void block_hints(lp_yaml_out *s, const unsigned char *p, size_t len)
{
	if (len && (*p == ' ' || is_break(p)))
		indicator(s, "2", false, false, false);
	s->open_ended = 0;
	const char *chomp = "-";
	if (len) {
		const unsigned char *q = p + len;
		do
			q--;
		while ((*q & 0xC0) == 0x80);
		if (is_break(q)) {
			chomp = NULL;
			if (q == p) {
				chomp = "+";
			} else {
				do
					q--;
				while ((*q & 0xC0) == 0x80);
				if (is_break(q))
					chomp = "+";
			}
			if (chomp)
				s->open_ended = 2;
		}
	}
	if (chomp)
		indicator(s, chomp, false, false, false);
}

static void write_literal(lp_yaml_out *s, const unsigned char *p, size_t len)
{
	indicator(s, "|", true, false, false);
	block_hints(s, p, len);
	put_break(s);
	s->indention = s->whitespace = true;
	bool breaks = true;
	for (const unsigned char *end = p + len; p < end;) {
		/* The rest of a line goes in one copy: up to a break, or a
		 * byte that may start one (NEL, LS, PS).  The text ends in a
		 * NUL (scalar took its length with strlen). */
		size_t run = strcspn((const char *)p, "\n\r\xC2\xE2");
		if (run) {
			if (breaks)
				write_indent(s);
			put_bytes(s, (const char *)p, run);
			s->column += chars(p, run);
			s->indention = false;
			breaks = false;
			p += run;
			continue;
		}
		size_t n = char_len(p, end);
		if (is_break(p)) {
			write_break(s, p, n);
			s->indention = true;
			breaks = true;
		} else {
			if (breaks)
				write_indent(s);
			put_char(s, p, n);
			s->indention = false;
			breaks = false;
		}
		p += n;
	}
}

static int scalar(lp_yaml_out *s, const char *value, enum style want,
		  bool simple_key)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t len = strlen(value);
	/* Keys and numbers, most scalars, are letters, digits, '_' and
	 * '.', which are plain in every context. */
	size_t word = 0;
	while (word < len && (isalnum(p[word]) || p[word] == '_' ||
			      (p[word] == '.' && word > 0)))
		word++;
	analysis a = { false, true, true, true, true, true };
	if ((word < len || len == 0) && analyse(p, len, &a)) {
		s->bad_text = true;
		return -1;
	}
	enum style st = choose(s, want, &a, len, simple_key);
	int outer = s->indent;
	increase_indent(s, true, false);
	switch (st) {
	case PLAIN:
		write_plain(s, p, len, a.ascii);
		break;
	case SINGLE:
		write_single(s, p, len);
		break;
	case DOUBLE:
		write_double(s, p, len);
		break;
	case LITERAL:
		write_literal(s, p, len);
		break;
	}
	s->indent = outer;
	return 0;
}

static bool ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

bool lp_yaml_looks_typed(const char *s)
{
	static const char *const words[] = { "", "~", "null", "true", "false",
					     "yes", "no", "on", "off", "y",
					     "n", ".nan", ".inf", "-.inf",
					     "+.inf" };
	/* The words are five characters at most: a passage is not one.  A
	 * word whose first character differs (in either case) is passed
	 * over without a call. */
	bool short_word = strnlen(s, 6) <= 5;
	for (size_t i = 0; short_word && i < sizeof words / sizeof *words; i++)
		if ((*s | 0x20) == (words[i][0] | 0x20) && ieq(s, words[i]))
			return true;
	/* Numbers (including 1_000, 0x1F, 1e3, 1:30) and dates start with a
	 * digit or a sign and hold nothing but number-ish characters. */
	const char *p = s;
	if (*p == '-' || *p == '+' || *p == '.')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._:-+ ", *p))
			return false;
	return true;
}

static int value(lp_yaml_out *s, const lp_event *e)
{
	switch (e->vtype) {
	case LP_VAL_NULL:
		return scalar(s, "null", PLAIN, false);
	case LP_VAL_INT:
	case LP_VAL_NUM:
	case LP_VAL_BOOL:
	case LP_VAL_DATE:
		return scalar(s, e->value, PLAIN, false);
	case LP_VAL_TEXT:
		if (strchr(e->value, '\n'))
			return scalar(s, e->value, LITERAL, false);
		/* fall through */
	case LP_VAL_STR:
		break;
	}
	return scalar(s, e->value, lp_yaml_looks_typed(e->value) ? DOUBLE : PLAIN,
		      false);
}

/* ---- structure ------------------------------------------------------------ */

/* Write what a container's first entry needs, once it has one. */
static void open_container(lp_yaml_out *s, frame *f)
{
	f->pending = false;
	if (f->flow || s->flow_level) {
		f->flow = true;
		indicator(s, f->kind == 'm' ? "{" : "[", true, true, false);
		increase_indent(s, true, false);
		s->flow_level++;
	} else if (f->kind == 'm') {
		increase_indent(s, false, false);
	} else {
		increase_indent(s, false, f->in_mapping && !s->indention);
	}
}

/* Everything an entry of the innermost container writes before its
 * value: the key, the dash, the comma.  Returns -1 on a bad key. */
static int entry(lp_yaml_out *s, const lp_event *e)
{
	if (s->depth == 0)
		return 0; /* the document's root */
	frame *f = &s->open[s->depth - 1];
	if (f->pending)
		open_container(s, f);
	bool first = f->n++ == 0;
	if (f->flow) {
		if (!first)
			indicator(s, ",", false, false, false);
	} else if (f->kind == 'm') {
		write_indent(s);
	} else {
		write_indent(s);
		indicator(s, "-", true, false, true);
	}
	if (f->kind == 'm') {
		/* Keys are the walk's own names: short, one line. */
		if (!e->key || scalar(s, e->key, PLAIN, true))
			return -1;
		indicator(s, ":", false, false, false);
	}
	return 0;
}

static int end_container(lp_yaml_out *s)
{
	if (s->depth == 0)
		return -1;
	frame *f = &s->open[s->depth - 1];
	if (f->pending) { /* empty: {} or [] */
		f->flow = true;
		open_container(s, f);
	}
	if (f->flow) {
		s->flow_level--;
		indicator(s, f->kind == 'm' ? "}" : "]", false, false, false);
	}
	s->indent = f->indent;
	s->depth--;
	return 0;
}

int lp_yaml_event(void *ctx, const lp_event *e)
{
	lp_yaml_out *s = ctx;
	if (e->type == LP_EV_END)
		return end_container(s);
	bool in_mapping = s->depth && s->open[s->depth - 1].kind == 'm';
	if (entry(s, e))
		return -1;
	if (e->type == LP_EV_SCALAR)
		return value(s, e);
	if (s->depth == MAX_DEPTH)
		return -1;
	s->open[s->depth++] = (frame){ .kind = e->type == LP_EV_MAP ? 'm' : 's',
				       .flow = e->flow,
				       .pending = true,
				       .in_mapping = in_mapping,
				       .indent = s->indent };
	return 0;
}

lp_yaml_out *lp_yaml_open(FILE *out)
{
	lp_yaml_out *s = lp_xmalloc(sizeof *s);
	s->out = out;
	s->len = 0;
	s->failed = s->bad_text = false;
	s->column = 0;
	s->indent = -1;
	s->whitespace = s->indention = true;
	s->flow_level = 0;
	s->open_ended = 0;
	s->documents = 0;
	s->depth = 0;
	return s;
}

int lp_yaml_document(lp_yaml_out *s, bool start, bool implicit)
{
	if (start) {
		/* Only the first document of a stream may go without ---. */
		bool first = s->documents++ == 0;
		if (!implicit || !first) {
			write_indent(s);
			indicator(s, "---", true, false, false);
		}
		s->open_ended = 0;
	} else {
		if (s->depth)
			return -1;
		write_indent(s);
		if (!s->open_ended)
			s->open_ended = 1;
	}
	return s->failed ? -1 : 0;
}

int lp_yaml_close(lp_yaml_out *s, int rc, lp_error *err)
{
	if (rc == 0 && s->open_ended == 2) {
		/* A block scalar kept its final breaks: mark the end. */
		indicator(s, "...", true, false, false);
		write_indent(s);
	}
	if (rc == 0)
		flush(s);
	if (rc == 0 && (s->failed || fflush(s->out) != 0 || ferror(s->out)))
		rc = -1;
	if (rc)
		rc = s->bad_text ? lp_fail(err, LP_EIO, NULL, 0, -1,
					   "YAML output failed: a string is "
					   "not UTF-8")
		     : s->failed || ferror(s->out)
			     ? lp_fail(err, LP_EIO, NULL, 0, -1,
				       "YAML output failed: write error")
			     : lp_fail(err, LP_EIO, NULL, 0, -1,
				       "YAML output failed: events out of "
				       "order");
	free(s);
	return rc;
}

struct lp_yaml_stream {
	lp_yaml_out *out;
	enum lp_shape shape;
	size_t n;
};

lp_yaml_stream *lp_yaml_stream_open(FILE *out, enum lp_shape shape, size_t n)
{
	lp_yaml_stream *s = lp_xmalloc(sizeof *s);
	*s = (lp_yaml_stream){ lp_yaml_open(out), shape, n };
	return s;
}

int lp_yaml_stream_put(lp_yaml_stream *s, lp_doc *doc)
{
	/* One letter is one document; several make a stream. */
	int rc = lp_yaml_document(s->out, true, s->n == 1);
	if (rc == 0)
		rc = lp_walk(doc, s->shape, lp_yaml_event, s->out);
	if (rc == 0)
		rc = lp_yaml_document(s->out, false, true);
	return rc;
}

int lp_yaml_stream_close(lp_yaml_stream *s, int rc, lp_error *err)
{
	rc = lp_yaml_close(s->out, rc, err);
	free(s);
	return rc;
}

int lp_emit_yaml(lp_doc *const *docs, size_t n, enum lp_shape shape,
		 FILE *out, lp_error *err)
{
	lp_yaml_stream *s = lp_yaml_stream_open(out, shape, n);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = lp_yaml_stream_put(s, docs[i]);
	return lp_yaml_stream_close(s, rc, err);
}
