/*
 * segment.c - stage 3: find the letter's parts and its recommendation /
 * response pairs.
 *
 * The text is read as lines ("blocks"); rules from grammars/letter.yaml and
 * grammars/pairs.yaml say what each line is.  Matching runs on the folded
 * view (quotes and dashes as ASCII); spans and values are taken from the
 * normalised text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct block {
	size_t start, end; /* fold offsets, end exclusive, no newline */
	bool para_start;   /* first line of a paragraph */
	bool heading;
} block;

typedef struct label {
	size_t block;
	size_t nums_s, nums_e;
	bool has_body, has_para;
	size_t body_s, para_s, para_e;
	const lp_rule *rule;
} label;

typedef struct seg {
	lp_doc *doc;
	const lp_grammar *g;
	lp_match *m;
	lp_error *err;
	block *b;
	size_t nb;
	lp_span *bold; /* the document's bold spans, in order */
	size_t nbold;
} seg;

#define NONE ((size_t)-1)

/* ---- blocks --------------------------------------------------------- */

static size_t text_at(const seg *s, size_t fold_off)
{
	return lp_fold_to_text(s->doc, fold_off);
}

static void make_blocks(seg *s)
{
	const char *f = s->doc->fold;
	size_t n = s->doc->fold_len, cap = 64;
	s->b = lp_xmalloc(cap * sizeof *s->b);
	bool para = true;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && f[e] != '\n')
			e++;
		if (e > i) {
			if (s->nb == cap) {
				cap *= 2;
				s->b = lp_xrealloc(s->b, cap * sizeof *s->b);
			}
			s->b[s->nb++] = (block){ i, e, para, false };
			para = false;
		} else {
			para = true;
		}
		i = e + 1;
	}
	/* Headings come from the normaliser's paragraph spans. */
	size_t k = 0;
	for (size_t i = 0; i < s->doc->nspans; i++) {
		const lp_span *sp = &s->doc->spans[i];
		if (sp->kind != LP_SPAN_PARAGRAPH || !lp_span_attr(sp, "heading"))
			continue;
		while (k < s->nb && text_at(s, s->b[k].start) < sp->start)
			k++;
		if (k < s->nb && text_at(s, s->b[k].start) == sp->start)
			s->b[k].heading = true;
	}
}

static void collect_bold(seg *s)
{
	s->bold = lp_xmalloc((s->doc->nspans + 1) * sizeof *s->bold);
	for (size_t i = 0; i < s->doc->nspans; i++)
		if (s->doc->spans[i].kind == LP_SPAN_BOLD)
			s->bold[s->nbold++] = s->doc->spans[i];
}

/* Is most of fold range [a, e) in bold?  A bold recommendation may have
 * an unbolded full stop or quote; 90% of its letters is enough. */
static bool is_bold(const seg *s, size_t a, size_t e)
{
	size_t ta = text_at(s, a), te = text_at(s, e);
	size_t lo = 0, hi = s->nbold;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->bold[mid].end <= ta)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t covered = 0, letters = 0;
	for (size_t i = ta; i < te; i++)
		letters += isalnum((unsigned char)s->doc->text[i]) != 0;
	for (size_t k = lo; k < s->nbold && s->bold[k].start < te; k++) {
		size_t x = s->bold[k].start > ta ? s->bold[k].start : ta;
		size_t y = s->bold[k].end < te ? s->bold[k].end : te;
		for (size_t i = x; i < y; i++)
			covered += isalnum((unsigned char)s->doc->text[i]) != 0;
	}
	return letters > 0 && covered * 10 >= letters * 9;
}

/* Match @r at the start of block @i; 1 on a match, 0 on none, <0 error. */
static int at_block(seg *s, const lp_rule *r, size_t i)
{
	if (!r)
		return 0;
	return lp_rule_at(r, s->doc->fold, s->b[i].end, s->b[i].start, s->m,
			  s->err);
}

/* Copy fold range [a, e) of the normalised text into the arena. */
static const char *str(const seg *s, size_t a, size_t e)
{
	size_t ta = text_at(s, a), te = text_at(s, e);
	return lp_arena_strndup(s->doc->arena, s->doc->text + ta, te - ta);
}

static const char *group_str(seg *s, const char *name)
{
	size_t a, e;
	if (!lp_match_group(s->m, name, &a, &e) || a == e)
		return NULL;
	return str(s, a, e);
}

static size_t words(const seg *s, size_t i)
{
	size_t n = 0;
	bool in = false;
	for (size_t k = s->b[i].start; k < s->b[i].end; k++) {
		bool sp = s->doc->fold[k] == ' ';
		n += !sp && !in;
		in = !sp;
	}
	return n;
}

static bool ends_with_stop(const seg *s, size_t i)
{
	char c = s->doc->fold[s->b[i].end - 1];
	return c == '.' || c == '!' || c == '?';
}

/* Try every rule whose name starts with @prefix, in file order. */
static int find_family(seg *s, const char *prefix, size_t a, size_t e,
		       const char *group, const char **out)
{
	*out = NULL;
	for (const lp_rule *rule = NULL;
	     (rule = lp_rule_next(s->g, prefix, rule));) {
		int rc = lp_rule_find(rule, s->doc->fold, e, a, s->m, s->err);
		if (rc < 0)
			return rc;
		if (rc && (*out = group_str(s, group)))
			return 1;
	}
	return 0;
}

static bool has_lower(const char *t)
{
	for (; *t; t++)
		if (islower((unsigned char)*t))
			return true;
	return false;
}

/* The report's title in fold range [a, e): the first that letter.report.*
 * rules find, but a title in capitals (from a subject line) only when no
 * rule finds it written normally. */
static int find_report(seg *s, size_t a, size_t e, const char **out)
{
	const char *caps = NULL;
	*out = NULL;
	for (const lp_rule *rule = NULL;
	     (rule = lp_rule_next(s->g, "letter.report.", rule));) {
		for (size_t from = a; from < e;) {
			int rc = lp_rule_find(rule, s->doc->fold, e, from, s->m,
					      s->err);
			if (rc <= 0) {
				if (rc < 0)
					return rc;
				break;
			}
			const char *t = group_str(s, "title");
			if (t && has_lower(t)) {
				*out = t;
				return 1;
			}
			if (t && !caps)
				caps = t;
			from = s->m->end > from ? s->m->end : from + 1;
		}
	}
	*out = caps;
	return caps != NULL;
}

/* ---- labels ------------------------------------------------------- */

/* Recommendations as numbered paragraphs ("1. The Department should
 * ..."), for a document with no labels.  Numbered lists and minutes are
 * traps, so a paragraph counts only when its number is above the last
 * one taken and it is in bold or speaks as a recommendation.  A
 * response may answer only some of a report's recommendations, so the
 * numbers may skip. */
static int find_numbered(seg *s, label **ls, size_t *n, size_t *cap)
{
	const lp_rule *rule = lp_rule_get(s->g, "label.numbered");
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	long last = 0;
	for (size_t i = 0; rule && i < s->nb; i++) {
		if (!s->b[i].para_start)
			continue;
		int rc = at_block(s, rule, i);
		if (rc <= 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		label l = { .block = i, .rule = rule, .has_body = true };
		size_t be;
		lp_match_group(s->m, "nums", &l.nums_s, &l.nums_e);
		lp_match_group(s->m, "body", &l.body_s, &be);
		long number = strtol(s->doc->fold + l.nums_s, NULL, 10);
		if (number <= last)
			continue;
		bool ok = is_bold(s, s->b[i].start, s->b[i].end);
		if (!ok && voice) {
			rc = lp_rule_find(voice, s->doc->fold, s->b[i].end,
					  s->b[i].start, s->m, s->err);
			if (rc < 0)
				return rc;
			ok = rc;
		}
		if (!ok)
			continue;
		if (*n == *cap) {
			*cap *= 2;
			*ls = lp_xrealloc(*ls, *cap * sizeof **ls);
		}
		(*ls)[(*n)++] = l;
		last = number;
	}
	return 0;
}

static int find_labels(seg *s, label **out, size_t *nout)
{
	size_t n = 0, cap = 16;
	label *ls = lp_xmalloc(cap * sizeof *ls);
	for (size_t i = 0; i < s->nb; i++) {
		for (const lp_rule *rule = NULL;
		     (rule = lp_rule_next(s->g, "label.pair.", rule));) {
			int rc = at_block(s, rule, i);
			if (rc < 0) {
				free(ls);
				return rc;
			}
			if (!rc)
				continue;
			label l = { .block = i, .rule = rule };
			lp_match_group(s->m, "nums", &l.nums_s, &l.nums_e);
			size_t be;
			l.has_body = lp_match_group(s->m, "body", &l.body_s, &be);
			l.has_para = lp_match_group(s->m, "para", &l.para_s,
						    &l.para_e);
			if (n == cap) {
				cap *= 2;
				ls = lp_xrealloc(ls, cap * sizeof *ls);
			}
			ls[n++] = l;
			break;
		}
	}
	if (n == 0) {
		int rc = find_numbered(s, &ls, &n, &cap);
		if (rc < 0) {
			free(ls);
			return rc;
		}
	}
	*out = ls;
	*nout = n;
	return 0;
}

/* "4 and 5" -> "4,5"; "1-3" -> "1,2,3".  Written into @buf. */
static void list_numbers(const char *f, size_t a, size_t e, char *buf,
			 size_t cap)
{
	size_t len = 0;
	long prev = -1;
	bool range = false;
	buf[0] = '\0';
	for (size_t i = a; i < e;) {
		if (isdigit((unsigned char)f[i])) {
			long v = 0;
			while (i < e && isdigit((unsigned char)f[i]))
				v = v * 10 + (f[i++] - '0');
			long from = range && prev >= 0 && v > prev && v - prev < 50
					    ? prev + 1
					    : v;
			for (long k = from; k <= v && len + 8 < cap; k++)
				len += (size_t)snprintf(buf + len, cap - len,
							"%s%ld", len ? "," : "", k);
			prev = v;
			range = false;
		} else {
			if (f[i] == '-' || (i + 1 < e && f[i] == 't' &&
					    f[i + 1] == 'o'))
				range = true;
			i++;
		}
	}
}

static size_t trim_end(const seg *s, size_t a, size_t e)
{
	while (e > a && isspace((unsigned char)s->doc->fold[e - 1]))
		e--;
	return e;
}

/* Split multi-part recommendation text into (a), (b) ... parts, but only
 * when the labels count up from the first, so that a stray "(a)" in a
 * sentence is not taken for a part. */
static int add_parts(seg *s, int rec, size_t a, size_t e)
{
	const lp_rule *r = lp_rule_get(s->g, "recommendation.part");
	if (!r)
		return 0;
	size_t starts[26];
	char labels[26][5];
	size_t n = 0;
	for (size_t from = a; n < 26;) {
		int rc = lp_rule_find(r, s->doc->fold, e, from, s->m, s->err);
		if (rc < 0)
			return rc;
		if (!rc)
			break;
		size_t ls, le;
		lp_match_group(s->m, "label", &ls, &le);
		static const char *const roman[] = { "i", "ii", "iii", "iv",
						     "v", "vi", "vii", "viii" };
		const char *want = NULL;
		char letter[2] = { 0 };
		if (n > 0 && labels[0][0] == 'i' && labels[0][1] == '\0' &&
		    n < 8) {
			want = roman[n];
		} else {
			letter[0] = (char)('a' + n);
			want = letter;
		}
		bool first_roman = n == 0 && le - ls == 1 &&
				   s->doc->fold[ls] == 'i';
		if ((strlen(want) == le - ls &&
		     memcmp(s->doc->fold + ls, want, le - ls) == 0) ||
		    first_roman) {
			starts[n] = s->m->start;
			memcpy(labels[n], s->doc->fold + ls, le - ls);
			labels[n][le - ls] = '\0';
			n++;
		}
		from = s->m->end > from ? s->m->end : from + 1;
	}
	if (n < 2)
		return 0;
	for (size_t k = 0; k < n; k++) {
		size_t ps = starts[k];
		while (ps < e && isspace((unsigned char)s->doc->fold[ps]))
			ps++;
		size_t pe = trim_end(s, ps, k + 1 < n ? starts[k + 1] : e);
		int i = lp_doc_add_span(s->doc, LP_SPAN_PART, text_at(s, ps),
					text_at(s, pe), lp_rule_name(r), rec);
		lp_span_set(s->doc, i, "label", labels[k]);
	}
	return 0;
}

/* Text with no blank lines and no bold (pdftotext without -layout) runs
 * the response into the recommendation's paragraph.  A recommendation
 * speaks in its own voice ("should", "must"); in a run of three or more
 * sentences, the first sentence after a recommendation's that does not
 * is where the response begins.  Returns that fold offset, 0 for none,
 * or an error. */
static int voice_split(seg *s, size_t a, size_t e, size_t numbers)
{
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	const lp_rule *end = lp_rule_get(s->g, "sentence.end");
	if (!voice || !end)
		return 0;
	size_t cuts[64], n = 0;
	for (size_t from = a; n < 64;) {
		int rc = lp_rule_find(end, s->doc->fold, e, from, s->m, s->err);
		if (rc <= 0) {
			if (rc < 0)
				return rc;
			break;
		}
		cuts[n++] = s->m->end;
		from = s->m->end;
	}
	if (n < 2)
		return 0; /* fewer than three sentences */
	size_t start = a, voiced = 0;
	for (size_t k = 0; k <= n; k++) {
		size_t stop = k < n ? cuts[k] : e;
		int rc = lp_rule_find(voice, s->doc->fold, stop, start, s->m,
				      s->err);
		if (rc < 0)
			return rc;
		/* Every recommendation of a combined label has spoken. */
		if (!rc && voiced >= numbers)
			return start > a && start < e ? (int)start : 0;
		voiced += rc;
		start = stop;
	}
	return 0;
}

/* Where does the recommendation end and the response begin?  In order:
 * an explicit "Response:" label; the end of bold type, where the source
 * had it (a Markdown letter sets the recommendation in bold); a new
 * paragraph that is not a part (b), (c) of the recommendation; and a
 * stance sentence ("The Government agrees ...") run into the paragraph. */
static int split_pair(seg *s, const label *l, size_t end_block,
		      size_t *rec_s, size_t *rec_e, size_t *resp_s)
{
	/* A combined label ("Recommendations 3, 4 and 5") quotes as many
	 * recommendations as it has numbers, often one paragraph each. */
	size_t numbers = 1;
	for (size_t k = l->nums_s; k + 1 < l->nums_e; k++)
		numbers += isdigit((unsigned char)s->doc->fold[k]) &&
			   !isdigit((unsigned char)s->doc->fold[k + 1]);
	size_t paragraphs = 1;
	const lp_rule *resp_label = lp_rule_get(s->g, "label.response");
	const lp_rule *part = lp_rule_get(s->g, "recommendation.part");
	const lp_rule *stance = lp_rule_get(s->g, "response.stance");
	size_t first = l->has_body ? l->block : l->block + 1;
	*rec_s = l->has_body ? l->body_s : (first < end_block ? s->b[first].start
							      : s->b[l->block].end);
	*rec_e = first < end_block ? s->b[first].end : *rec_s;
	*resp_s = NONE;
	if (first >= end_block)
		return 0;

	bool bold = is_bold(s, *rec_s, s->b[first].end);
	bool labelled = false;
	for (size_t k = first + 1; k < end_block; k++) {
		int rc = at_block(s, resp_label, k);
		if (rc < 0)
			return rc;
		if (rc) {
			size_t bs, be;
			*resp_s = lp_match_group(s->m, "body", &bs, &be)
					  ? bs
					  : (k + 1 < end_block ? s->b[k + 1].start
							       : NONE);
			labelled = true;
			break;
		}
		bool more;
		if (bold) {
			more = is_bold(s, s->b[k].start, s->b[k].end);
		} else if (!s->b[k].para_start) {
			rc = at_block(s, stance, k);
			if (rc < 0)
				return rc;
			more = !rc;
		} else {
			rc = at_block(s, part, k);
			if (rc == 0 && paragraphs < numbers)
				rc = !at_block(s, stance, k);
			if (rc < 0)
				return rc;
			more = rc;
			paragraphs += more;
		}
		if (!more) {
			*resp_s = s->b[k].start;
			break;
		}
		*rec_e = s->b[k].end;
	}
	if (!bold && !labelled) {
		/* Plain text may run the stance into the recommendation's
		 * paragraph: cut at the first stance sentence after its start. */
		int rc = lp_rule_find(stance, s->doc->fold, *rec_e, *rec_s + 1,
				      s->m, s->err);
		if (rc < 0)
			return rc;
		if (rc) {
			*rec_e = s->m->start;
			*resp_s = s->m->start;
		} else if ((rc = voice_split(s, *rec_s, *rec_e, numbers)) < 0) {
			return rc;
		} else if (rc) {
			*rec_e = (size_t)rc;
			*resp_s = (size_t)rc;
		}
	}
	*rec_e = trim_end(s, *rec_s, *rec_e);
	return 0;
}

/* Is block @i a paragraph of one line on its own? */
static bool lone_line(const seg *s, size_t i)
{
	return s->b[i].para_start &&
	       (i + 1 == s->nb || s->b[i + 1].para_start);
}

/* A section heading between pairs ("Rights and accountability",
 * "3. Next steps") belongs to neither of them. */
static int section_heading(seg *s, size_t i)
{
	if (!lone_line(s, i))
		return 0;
	if (s->b[i].heading)
		return 1;
	if (words(s, i) > 10)
		return 0;
	return at_block(s, lp_rule_get(s->g, "pairs.section-heading"), i);
}

/* Where the last response before @end_block really ends: before a
 * section heading that follows it, and, when the letter's valediction
 * comes next, before the courtesy paragraphs that close the letter. */
static int response_end_block(seg *s, size_t from, size_t end_block,
			      bool before_valediction, size_t *out)
{
	const lp_rule *annex = lp_rule_get(s->g, "annex.marker");
	const lp_rule *others = lp_rule_get(s->g, "pairs.other-recommendations");
	for (size_t k = from + 1; k < end_block; k++) {
		int rc = section_heading(s, k);
		if (rc == 0 && lone_line(s, k))
			rc = at_block(s, annex, k);
		if (rc == 0 && s->b[k].para_start)
			rc = at_block(s, others, k);
		if (rc < 0)
			return rc;
		if (rc) {
			end_block = k;
			break;
		}
	}
	const lp_rule *closing = lp_rule_get(s->g, "letter.closing");
	while ((before_valediction || end_block == s->nb) &&
	       end_block > from + 1) {
		size_t p = end_block - 1;
		while (p > from + 1 && !s->b[p].para_start)
			p--;
		int rc = at_block(s, closing, p);
		if (rc < 0)
			return rc;
		if (!rc || !s->b[p].para_start)
			break;
		end_block = p;
	}
	*out = end_block;
	return 0;
}

/* Is block @i prose?  Back matter after the last response (a sign-off
 * "London Fire Brigade / January 2024", an ISBN) is short and unpunctuated
 * or has no lower-case word at all. */
static bool prose(const seg *s, size_t i)
{
	bool lower = false;
	for (size_t k = s->b[i].start; k < s->b[i].end && !lower; k++)
		lower = islower((unsigned char)s->doc->fold[k]);
	return lower && (words(s, i) > 8 || ends_with_stop(s, i));
}

/* Drop paragraphs of back matter from the end of the last response. */
static size_t trim_back_matter(const seg *s, size_t from, size_t end_block)
{
	while (end_block > from + 1) {
		size_t p = end_block - 1;
		while (p > from + 1 && !s->b[p].para_start)
			p--;
		if (!s->b[p].para_start)
			break;
		bool any_prose = false;
		for (size_t k = p; k < end_block; k++)
			any_prose |= prose(s, k);
		if (any_prose)
			break;
		end_block = p;
	}
	return end_block;
}

/* The block that holds fold offset @off. */
static size_t block_of(const seg *s, size_t off)
{
	size_t lo = 0, hi = s->nb;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->b[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Add @kind over blocks [from, to) when they hold some prose: text that
 * belongs to no pair but may name money, dates or promises. */
static void add_section(seg *s, enum lp_span_kind kind, size_t from,
			size_t to)
{
	while (from < to && lone_line(s, from) && section_heading(s, from) > 0)
		from++;
	bool prose = false;
	for (size_t k = from; k < to && !prose; k++)
		prose = words(s, k) > 8;
	if (!prose)
		return;
	lp_doc_add_span(s->doc, kind, text_at(s, s->b[from].start),
			text_at(s, trim_end(s, s->b[from].start,
					    s->b[to - 1].end)),
			NULL, -1);
}

static int add_pairs(seg *s, const label *ls, size_t n, size_t stop_block,
		     size_t *last_block)
{
	for (size_t k = 0; k < n; k++) {
		const label *l = &ls[k];
		size_t end_block = k + 1 < n ? ls[k + 1].block : s->nb;
		if (stop_block > l->block && stop_block < end_block)
			end_block = stop_block;
		size_t rec_s, rec_e, resp_s;
		int rc = split_pair(s, l, end_block, &rec_s, &rec_e, &resp_s);
		if (rc < 0)
			return rc;
		if (resp_s != NONE) {
			size_t from = block_of(s, resp_s);
			rc = response_end_block(s, from, end_block,
						end_block == stop_block,
						&end_block);
			if (rc < 0)
				return rc;
			if (end_block == s->nb)
				end_block = trim_back_matter(s, from, end_block);
		}
		*last_block = end_block;
		size_t last_end = s->b[end_block - 1].end;
		size_t resp_e = resp_s == NONE ? rec_e : trim_end(s, resp_s, last_end);
		if (resp_s == NONE)
			resp_s = rec_e;
		size_t pair_s = s->b[l->block].start;
		size_t pair_e = resp_e > rec_e ? resp_e : rec_e;

		char nums[256];
		list_numbers(s->doc->fold, l->nums_s, l->nums_e, nums,
			     sizeof nums);
		int p = lp_doc_add_span(s->doc, LP_SPAN_PAIR, text_at(s, pair_s),
					text_at(s, pair_e),
					lp_rule_name(l->rule), -1);
		lp_span_set(s->doc, p, "number", nums);
		lp_span_set(s->doc, p, "label",
			    str(s, s->b[l->block].start,
				l->has_body ? trim_end(s, s->b[l->block].start,
						       l->body_s)
					    : s->b[l->block].end));
		if (l->has_para)
			lp_span_set(s->doc, p, "paragraph",
				    str(s, l->para_s, l->para_e));
		int r = lp_doc_add_span(s->doc, LP_SPAN_RECOMMENDATION,
					text_at(s, rec_s), text_at(s, rec_e),
					NULL, p);
		lp_doc_add_span(s->doc, LP_SPAN_RESPONSE, text_at(s, resp_s),
				text_at(s, resp_e), NULL, p);
		rc = add_parts(s, r, rec_s, rec_e);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- the letter around the pairs ------------------------------------- */

/* First block in [from, to) that @rule matches, or NONE. */
static size_t first_block(seg *s, const char *rule, size_t from, size_t to,
			  int *rc)
{
	const lp_rule *r = lp_rule_get(s->g, rule);
	for (size_t i = from; r && i < to; i++) {
		*rc = at_block(s, r, i);
		if (*rc < 0)
			return NONE;
		if (*rc)
			return i;
	}
	return NONE;
}

/* Is block @i a person's name?  Tries every letter.person.* rule; the
 * match, with its `name` group, is left in s->m. */
static int person_at(seg *s, size_t i)
{
	for (const lp_rule *rule = NULL;
	     (rule = lp_rule_next(s->g, "letter.person.", rule));) {
		int rc = at_block(s, rule, i);
		if (rc)
			return rc;
	}
	return 0;
}

/* Does @person answer to the salutation's name?  "Dear
 * Susan" is Susan Hall; "Dear Ms Smith" is Jane Smith. */
static bool named_in(const char *person, const char *salutation_name)
{
	for (const char *w = salutation_name; *w;) {
		while (*w == ' ')
			w++;
		size_t n = strcspn(w, " ");
		if (n >= 2 && isupper((unsigned char)w[0]))
			for (const char *p = person; *p; p++)
				if ((p == person || p[-1] == ' ') &&
				    strncmp(p, w, n) == 0 &&
				    (p[n] == ' ' || p[n] == '\0'))
					return true;
		w += n;
	}
	return false;
}

/* Does the line end in a word that cannot end a title ("Police and")?
 * Then the role goes on over the next line. */
static bool ends_open(const seg *s, size_t i)
{
	size_t e = s->b[i].end, a = e;
	while (a > s->b[i].start && s->doc->fold[a - 1] != ' ')
		a--;
	return a < e && islower((unsigned char)s->doc->fold[a]);
}

/* Lines after a name that give the role: "Chair of the ... Committee".
 * In a letterhead, a field of the other column (Our ref, Date) may sit
 * between them and is stepped over. */
static int role_after(seg *s, size_t i, size_t to, bool letterhead,
		      const char **out)
{
	const lp_rule *stop = lp_rule_get(s->g, "letter.stop");
	const lp_rule *column = lp_rule_get(s->g, "layout.column-field");
	const lp_rule *marker = lp_rule_get(s->g, "annex.marker");
	const lp_rule *title = lp_rule_get(s->g, "annex.title");
	const lp_rule *sal = lp_rule_get(s->g, "letter.salutation");
	size_t a = NONE, e = NONE, last = NONE;
	for (size_t k = i + 1; k < to && k <= i + 5; k++) {
		if (letterhead && at_block(s, column, k) == 1)
			continue;
		/* A role wraps when its line ends mid-phrase ("Police and")
		 * or the next line is one word ("Committee"). */
		if (a != NONE && !ends_open(s, last) && words(s, k) > 1)
			break;
		if (s->b[k].heading || words(s, k) > 14 || ends_with_stop(s, k))
			break;
		if (!letterhead && a == NONE && s->b[k].para_start &&
		    k > i + 1)
			break;
		int rc;
		if ((rc = at_block(s, stop, k)) || (rc = at_block(s, marker, k)) ||
		    (rc = at_block(s, title, k)) || (rc = at_block(s, sal, k))) {
			if (rc < 0)
				return rc;
			break;
		}
		if (a == NONE)
			a = s->b[k].start;
		e = s->b[k].end;
		last = k;
	}
	if (a == NONE)
		return 0;
	/* The role may be wrapped over lines, or sit in two columns with a
	 * field between: one line in the output, with the field left out. */
	char *role = (char *)str(s, a, e);
	if (last != NONE && s->b[last].start != a) {
		size_t len = 0;
		for (size_t k = i + 1; k <= last; k++) {
			if (s->b[k].start < a)
				continue;
			if (at_block(s, column, k) == 1)
				continue;
			const char *piece = str(s, s->b[k].start, s->b[k].end);
			size_t n = strlen(piece);
			if (len)
				role[len++] = ' ';
			memcpy(role + len, piece, n);
			len += n;
		}
		role[len] = '\0';
	}
	*out = role;
	return 0;
}

static int find_recipient(seg *s, size_t to, const char *sal_name)
{
	size_t best = NONE;
	const char *best_name = NULL;
	for (size_t i = 0; i < to; i++) {
		int rc = person_at(s, i);
		if (rc < 0)
			return rc;
		if (!rc)
			continue;
		const char *name = group_str(s, "name");
		if (!name)
			continue;
		if (sal_name && named_in(name, sal_name)) {
			best = i;
			best_name = name;
			break;
		}
		/* "Dear Chair": the person whose role says Chair. */
		const char *role = NULL;
		if (sal_name && (rc = role_after(s, i, to, true, &role)) < 0)
			return rc;
		if (role && strstr(role, sal_name)) {
			best = i;
			best_name = name;
			break;
		}
		if (best == NONE) {
			best = i;
			best_name = name;
		}
	}
	if (best == NONE)
		return 0;
	s->doc->letter.recipient_name = best_name;
	return role_after(s, best, to, true, &s->doc->letter.recipient_role);
}

static int find_sender(seg *s, size_t val, size_t to)
{
	const lp_rule *note = lp_rule_get(s->g, "letter.signature-note");
	for (size_t i = val + 1; i < to && i <= val + 4; i++) {
		int rc = at_block(s, note, i);
		if (rc < 0)
			return rc;
		if (rc)
			continue;
		rc = person_at(s, i);
		if (rc < 0)
			return rc;
		const char *name = rc ? group_str(s, "name") : NULL;
		if (!name && words(s, i) <= 6 && !ends_with_stop(s, i) &&
		    !s->b[i].heading)
			name = str(s, s->b[i].start, s->b[i].end);
		if (!name)
			return 0;
		s->doc->letter.sender_name = name;
		return role_after(s, i, to, false,
				  &s->doc->letter.sender_role);
	}
	return 0;
}

/* Sender or recipient given as a field ("From: ...", "To: ...",
 * "Presented to Parliament by the ..."): rules @prefix* with groups name
 * and role, searched in each block of [0, to); a rule anchors itself
 * with ^ where it must start a line. */
static int find_fields(seg *s, const char *prefix, size_t to,
		       const char **name, const char **role)
{
	for (size_t i = 0; i < to; i++) {
		for (const lp_rule *rule = NULL;
		     (rule = lp_rule_next(s->g, prefix, rule));) {
			int rc = lp_rule_find(rule, s->doc->fold, s->b[i].end,
					      s->b[i].start, s->m, s->err);
			if (rc < 0)
				return rc;
			if (rc) {
				*name = group_str(s, "name");
				*role = group_str(s, "role");
				return 1;
			}
		}
	}
	return 0;
}

/* A signature with no valediction, as at the end of a minister's
 * foreword: a person's name alone on a line with a role under it.  The
 * last one before @to is taken. */
static int find_signature(seg *s, size_t from, size_t to)
{
	for (size_t i = to; i-- > from;) {
		int rc = person_at(s, i);
		if (rc < 0)
			return rc;
		if (!rc)
			continue;
		const char *name = group_str(s, "name");
		const char *role = NULL;
		if ((rc = role_after(s, i, to, false, &role)) < 0)
			return rc;
		/* In a list of committee members, a name is followed by
		 * another name, not by a role. */
		if (!role || (rc = person_at(s, i + 1)) != 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		s->doc->letter.sender_name = name;
		s->doc->letter.sender_role = role;
		/* A signed foreword or sign-off is often dated under the
		 * signature. */
		char iso[11];
		for (size_t k = i + 1; !s->doc->letter.date && k < s->nb &&
				       k <= i + 5; k++)
			if (s->b[k].end - s->b[k].start <= 40 &&
			    lp_parse_day_date(s->g, s->doc->fold + s->b[k].start,
					      s->b[k].end - s->b[k].start, iso))
				s->doc->letter.date =
					lp_arena_strndup(s->doc->arena, iso, 10);
		return 1;
	}
	return 0;
}

/* The letter's date: a date field in the letterhead (or, for a Special
 * Report, when the response was received), else a line that is only a
 * date. */
static int find_date(seg *s, size_t to)
{
	char iso[11];
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < to; i++) {
			size_t a = s->b[i].start, e = s->b[i].end;
			if (pass == 0) {
				int rc = 0;
				for (const lp_rule *r = NULL;
				     !rc && (r = lp_rule_next(s->g,
							      "letter.date-field",
							      r));)
					rc = lp_rule_find(r, s->doc->fold,
							  s->b[i].end,
							  s->b[i].start, s->m,
							  s->err);
				if (rc < 0)
					return rc;
				if (!rc || !lp_match_group(s->m, "value", &a, &e))
					continue;
			} else if (e - a > 40) {
				continue; /* a date line, not a sentence */
			}
			if (lp_parse_day_date(s->g, s->doc->fold + a, e - a, iso)) {
				s->doc->letter.date =
					lp_arena_strndup(s->doc->arena, iso, 10);
				return 0;
			}
		}
	}
	return 0;
}

static int find_letter(seg *s, size_t first_label, size_t *val_out,
		       size_t *intro_out)
{
	lp_doc *doc = s->doc;
	lp_letter *lt = &doc->letter;
	int rc = 0;
	size_t sal = first_block(s, "letter.salutation", 0, first_label, &rc);
	if (rc < 0)
		return rc;
	const char *sal_name = NULL;
	if (sal != NONE) {
		at_block(s, lp_rule_get(s->g, "letter.salutation"), sal);
		lt->salutation = group_str(s, "value");
		sal_name = group_str(s, "name");
	}
	size_t val = first_block(s, "letter.valediction",
				 sal == NONE ? 0 : sal + 1, s->nb, &rc);
	if (rc < 0)
		return rc;
	if (val != NONE) {
		at_block(s, lp_rule_get(s->g, "letter.valediction"), val);
		lt->valediction = group_str(s, "value");
	}
	*val_out = val;

	size_t marker = first_block(s, "annex.marker", 0, first_label, &rc);
	if (rc < 0)
		return rc;
	/* The annex title follows the signature when the letter is signed
	 * before the annex; a response title straight after the salutation
	 * is the letter's subject line. */
	size_t title_from = val != NONE && val < first_label ? val + 1 : 0;
	size_t title = first_block(s, "annex.title", title_from, first_label,
				   &rc);
	if (title == NONE && rc == 0 && title_from > 0)
		title = first_block(s, "annex.title", 0, first_label, &rc);
	if (rc < 0)
		return rc;

	/* The letterhead runs to the salutation; a document without one
	 * (a Government response) has its particulars before the first
	 * recommendation. */
	size_t head_end = sal != NONE ? sal : first_label;
	if (head_end > 0 && s->nb > 0) {
		int i = lp_doc_add_span(doc, LP_SPAN_LETTERHEAD, 0,
					text_at(s, s->b[head_end - 1].end),
					NULL, -1);
		(void)i;
	}
	const char *ref = NULL;
	if (head_end > 0) {
		rc = find_family(s, "letter.reference", 0,
				 s->b[head_end - 1].end, "value", &ref);
		if (rc < 0)
			return rc;
	}
	lt->reference = ref;
	if ((rc = find_date(s, head_end)) < 0)
		return rc;
	/* Fields say outright who wrote to whom; otherwise the recipient is
	 * the person in the letterhead and the sender signs the letter. */
	rc = find_fields(s, "letter.recipient.", first_label,
			 &lt->recipient_name, &lt->recipient_role);
	if (rc == 0)
		rc = find_recipient(s, sal != NONE ? sal : 0, sal_name);
	if (rc < 0)
		return rc;
	/* A signed letter names its writer under the valediction; front
	 * matter ("Presented to Parliament by ...") only when it is not
	 * signed. */
	rc = 0;
	if (val != NONE)
		rc = find_sender(s, val, s->nb);
	if (rc < 0)
		return rc;
	if (!lt->sender_name && !lt->sender_role)
		rc = find_fields(s, "letter.sender.", first_label,
				 &lt->sender_name, &lt->sender_role);
	/* No valediction: a document signed at the end of its foreword, or
	 * at the very end, as Command Papers are. */
	if (rc == 0 && val == NONE && sal == NONE)
		rc = find_signature(s, 0, first_label);
	if (rc == 0 && val == NONE && sal == NONE)
		rc = find_signature(s, s->nb > 12 ? s->nb - 12 : 0, s->nb);
	if (rc < 0)
		return rc;

	/* The cover letter: after the salutation (or the title) up to the
	 * valediction, the annex or the first recommendation. */
	size_t cs = sal != NONE ? sal + 1
				: (title != NONE ? title + 1 : 0);
	/* A subject line after the salutation heads the cover; it is not
	 * part of it. */
	if (sal != NONE && cs < first_label) {
		rc = at_block(s, lp_rule_get(s->g, "annex.title"), cs);
		if (rc < 0)
			return rc;
		cs += rc;
	}
	size_t ce = first_label;
	if (val != NONE && val >= cs && val < ce)
		ce = val;
	if (marker != NONE && marker >= cs && marker < ce)
		ce = marker;
	if (title != NONE && title >= cs && title < ce)
		ce = title;
	/* A heading just before the first pair ("Guidance and training")
	 * introduces the pairs, not the cover. */
	while (ce > cs + 1) {
		rc = section_heading(s, ce - 1);
		if (rc < 0)
			return rc;
		if (!rc)
			break;
		ce--;
	}
	if (cs < ce) {
		lp_doc_add_span(doc, LP_SPAN_COVER, text_at(s, s->b[cs].start),
				text_at(s, s->b[ce - 1].end), NULL, -1);
	}
	/* A Government response printed after a committee's preface has an
	 * introduction between its own heading and the first pair. */
	size_t after = title != NONE && title >= ce ? title + 1 : NONE;
	if (marker != NONE && marker >= ce && (after == NONE || marker >= after))
		after = marker + 1;
	*intro_out = after;
	if (title != NONE)
		lp_doc_add_span(doc, LP_SPAN_ANNEX_TITLE,
				text_at(s, s->b[title].start),
				text_at(s, s->b[title].end), NULL, -1);

	/* The report's title: in the subject line and the cover first, then
	 * the annex title. */
	const char *report = NULL;
	size_t from = sal != NONE && sal + 1 < s->nb ? sal + 1 : cs;
	if (from < ce) {
		rc = find_report(s, s->b[from].start, s->b[ce - 1].end, &report);
		if (rc < 0)
			return rc;
	}
	if (!report && title != NONE) {
		rc = find_report(s, s->b[title].start, s->b[title].end, &report);
		if (rc < 0)
			return rc;
	}
	lt->report = report;
	return 0;
}

int lp_segment(lp_doc *doc, const lp_grammar *g, lp_error *err)
{
	seg s = { .doc = doc, .g = g, .err = err };
	s.m = lp_match_new(g);
	make_blocks(&s);
	collect_bold(&s);

	label *ls = NULL;
	size_t nl = 0, val = NONE, intro = NONE, last = NONE;
	int rc = find_labels(&s, &ls, &nl);
	size_t first_label = nl ? ls[0].block : s.nb;
	if (rc == 0) {
		rc = find_letter(&s, first_label, &val, &intro);
	}
	if (rc == 0 && intro != NONE && intro < first_label && nl)
		add_section(&s, LP_SPAN_INTRODUCTION, intro, first_label);
	if (rc == 0)
		rc = add_pairs(&s, ls, nl, val, &last);
	/* What follows the last response, up to the valediction if it
	 * comes after the pairs: next steps, financial implications. */
	if (rc == 0 && last != NONE && last < s.nb) {
		size_t to = val != NONE && val >= last ? val : s.nb;
		if (last < to)
			add_section(&s, LP_SPAN_CLOSING, last, to);
	}
	free(ls);
	free(s.b);
	free(s.bold);
	lp_match_free(s.m);
	return rc;
}
