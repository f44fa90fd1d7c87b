/*
 * segment.c - stage 3: find the letter's recommendation/response pairs
 * (letterhead.c finds the letter around them).
 *
 * The text is read as lines ("blocks"); rules from grammars/pairs.yaml say
 * what each line is.  Matching runs on the folded view (quotes and dashes
 * as ASCII); spans and values are taken from the normalised text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "segment.h"

/* ---- blocks --------------------------------------------------------- */

size_t seg_text_at(const seg *s, size_t fold_off)
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
			s->b[s->nb++] = (block){ .start = i, .end = e,
						 .para_start = para };
			para = false;
		} else {
			para = true;
		}
		i = e + 1;
	}
	/* Headings, a table's cells and its details, and what an e-mail
	 * quotes come from the normaliser's paragraph spans. */
	size_t k = 0;
	for (size_t i = 0; i < s->doc->nspans; i++) {
		const lp_span *sp = &s->doc->spans[i];
		if (sp->kind != LP_SPAN_PARAGRAPH)
			continue;
		bool heading = lp_span_attr(sp, "heading") != NULL;
		bool detail = lp_span_attr(sp, "detail") != NULL;
		bool cell = lp_span_attr(sp, "cell") != NULL;
		bool quoted = lp_span_attr(sp, "quoted") != NULL;
		bool stance = lp_span_attr(sp, "stance") != NULL;
		bool blockquote = lp_span_attr(sp, "blockquote") != NULL;
		if (!heading && !detail && !cell && !quoted && !stance &&
		    !blockquote)
			continue;
		while (k < s->nb && seg_text_at(s, s->b[k].start) < sp->start)
			k++;
		if (k < s->nb && seg_text_at(s, s->b[k].start) == sp->start)
			s->b[k].heading = heading;
		for (size_t j = k;
		     (detail || cell || quoted || stance || blockquote) &&
		     j < s->nb && seg_text_at(s, s->b[j].start) < sp->end;
		     j++) {
			s->b[j].detail |= detail;
			s->b[j].cell |= cell;
			s->b[j].quoted |= quoted;
			s->b[j].stance |= stance;
			s->b[j].blockquote |= blockquote;
		}
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
bool seg_is_bold(const seg *s, size_t a, size_t e)
{
	size_t ta = seg_text_at(s, a), te = seg_text_at(s, e);
	size_t lo = 0, hi = s->nbold;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->bold[mid].end <= ta)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* No bold at all there, as in most blocks: no letters to count. */
	if (lo == s->nbold || s->bold[lo].start >= te)
		return false;
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
int seg_at(seg *s, const lp_rule *r, size_t i)
{
	if (!r)
		return 0;
	return lp_rule_at(r, s->doc->fold, s->b[i].end, s->b[i].start, s->m,
			  s->err);
}

/* Copy fold range [a, e) of the normalised text into the arena. */
const char *seg_str(const seg *s, size_t a, size_t e)
{
	size_t ta = seg_text_at(s, a), te = seg_text_at(s, e);
	return lp_arena_strndup(s->doc->arena, s->doc->text + ta, te - ta);
}

const char *seg_group(seg *s, const char *name)
{
	size_t a, e;
	if (!lp_match_group(s->m, name, &a, &e) || a == e)
		return NULL;
	return seg_str(s, a, e);
}

size_t seg_words(const seg *s, size_t i)
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

bool seg_ends_stop(const seg *s, size_t i)
{
	char c = s->doc->fold[s->b[i].end - 1];
	return c == '.' || c == '!' || c == '?';
}

/* Try every rule whose name starts with @prefix, in file order. */
int seg_find_family(seg *s, const char *prefix, size_t a, size_t e,
		       const char *group, const char **out)
{
	*out = NULL;
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(s->g, prefix, &rules);
	for (size_t k = 0; k < nrules; k++) {
		if (!lp_rule_may_match(rules[k], s->doc->fold, a, e, s->m))
			continue;
		int rc = lp_rule_find(rules[k], s->doc->fold, e, a, s->m,
				      s->err);
		if (rc < 0)
			return rc;
		if (rc && !group)
			return 1;
		if (rc && (*out = seg_group(s, group)))
			return 1;
	}
	return 0;
}


size_t seg_trim_end(const seg *s, size_t a, size_t e)
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
		size_t pe = seg_trim_end(s, ps, k + 1 < n ? starts[k + 1] : e);
		int i = lp_doc_add_span(s->doc, LP_SPAN_PART, seg_text_at(s, ps),
					seg_text_at(s, pe), lp_rule_name(r), rec);
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

/* Does every sentence of [@a, @e) speak as a recommendation does ("...
 * should ...")?  1, 0 or an error.  A response run into the
 * recommendation ("We will review the guidance") does not. */
static int all_voiced(seg *s, size_t a, size_t e)
{
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	const lp_rule *end = lp_rule_get(s->g, "sentence.end");
	const lp_rule *ref = lp_rule_get(s->g, "recommendation.paragraph-ref");
	if (!voice || !end)
		return 1;
	for (size_t from = a; from < e;) {
		int rc = lp_rule_find(end, s->doc->fold, e, from, s->m, s->err);
		if (rc < 0)
			return rc;
		size_t stop = rc ? s->m->end : e;
		/* "(Paragraph 48)" after it says nothing. */
		rc = ref ? lp_rule_at(ref, s->doc->fold, stop, from, s->m, s->err)
			 : 0;
		if (rc < 0)
			return rc;
		if (rc == 0 || seg_trim_end(s, s->m->end, stop) > s->m->end) {
			rc = lp_rule_find(voice, s->doc->fold, stop, from, s->m,
					  s->err);
			if (rc <= 0)
				return rc;
		}
		from = stop;
	}
	return 1;
}

/* Is [@a, @e) all recommendation, with nothing of a response run into
 * it?  Set in bold, it is, if it asks anything: a sentence of findings
 * may come before what it asks ("BSOG is paid on the fuel ... The
 * Department should ..."); a conclusion that asks nothing may go
 * unanswered.  In plain type, every sentence must ask.  1, 0 or an
 * error. */
static int asks_only(seg *s, size_t a, size_t e)
{
	if (!seg_is_bold(s, a, e))
		return all_voiced(s, a, e);
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	return voice ? lp_rule_find(voice, s->doc->fold, e, a, s->m, s->err)
		     : 1;
}

/* The number of up to @digits figures that opens block @k, one of
 * @marks and a space after it ("2. notifying ...", "2) ...", "11.  The
 * Committee ..."), or 0. */
static long opening_number(const seg *s, size_t k, size_t digits,
			   const char *marks)
{
	const char *f = s->doc->fold + s->b[k].start;
	size_t len = s->b[k].end - s->b[k].start, n = 0;
	long v = 0;
	while (n < len && n < digits && isdigit((unsigned char)f[n]))
		v = v * 10 + (f[n++] - '0');
	return n && n + 1 < len && f[n] && strchr(marks, f[n]) &&
		       f[n + 1] == ' '
		       ? v
		       : 0;
}

/* Fold offset @at, where opening_number found a number, past the
 * number, its mark and the spaces after them (before @end). */
static size_t skip_number(const seg *s, size_t at, size_t end)
{
	const char *f = s->doc->fold;
	while (at < end && isdigit((unsigned char)f[at]))
		at++;
	for (at++; at < end && f[at] == ' ';)
		at++;
	return at;
}

/* The number of the list item that block @k is ("2. notifying ...",
 * "2) ..."), or 0. */
static long item_number(const seg *s, size_t k)
{
	return opening_number(s, k, 2, ".)");
}

/* Fold offset @at, or past label @l's own number there followed by
 * @after, text following before @end (a capital, when @capital): "4. "
 * under "Recommendation 4" opening its text, "4.1 " opening its answer.
 * With @any, any of its numbers: "5.1 " under "Recommendations 5 and 6"
 * opens their answer, where "5. " and "6. " over their texts number
 * them both. */
static size_t past_own_number(const seg *s, const label *l, size_t at,
			      size_t end, const char *after, bool capital,
			      bool any)
{
	char own[256];
	if (seg_label_numbers(s, l, own, sizeof own) != 1 && !any)
		return at;
	const char *f = s->doc->fold + at;
	size_t k = strlen(after);
	for (const char *p = own; *p;) {
		size_t n = strcspn(p, ",");
		if (end - at > n + k && strncmp(f, p, n) == 0 &&
		    strncmp(f + n, after, k) == 0 &&
		    (!capital || isupper((unsigned char)f[n + k])))
			return at + n + k;
		p += n + (p[n] == ',');
	}
	return at;
}

/* Does block @k end a list's item with more to come: on "; and", "; or"
 * or ";"? */
static bool list_goes_on(const seg *s, size_t k)
{
	const char *f = s->doc->fold;
	size_t a = s->b[k].start, e = seg_trim_end(s, a, s->b[k].end);
	if (e - a >= 5 && (memcmp(f + e - 4, " and", 4) == 0 ||
			   memcmp(f + e - 3, " or", 3) == 0)) {
		e -= f[e - 1] == 'd' ? 4 : 3;
		return f[e - 1] == ';' || f[e - 1] == ',';
	}
	return e > a && f[e - 1] == ';';
}

bool seg_quoted_answer(const seg *s, size_t k, size_t body, size_t *rec_s,
		       size_t *rec_e, size_t *resp_s)
{
	const char *f = s->doc->fold;
	size_t end = s->b[k].end;
	for (size_t j = k + 1; j < s->nb && !s->b[j].para_start; j++)
		end = s->b[j].end;
	if (body + 2 >= end || f[body] != '"')
		return false;
	const char *close = memchr(f + body + 1, '"', end - body - 1);
	if (!close)
		return false;
	size_t q = (size_t)(close - f), p = q + 1;
	while (p < end && (f[p] == ' ' || f[p] == '.' || f[p] == ','))
		p++;
	if (p >= end || f[p] != '-')
		return false;
	while (p < end && (f[p] == '-' || f[p] == ' '))
		p++;
	if (p >= end)
		return false;
	*rec_s = body + 1;
	*rec_e = q;
	*resp_s = p;
	return true;
}

/* A response's label run into the recommendation's paragraph before
 * its stance ("... academic year. Response: Agreed.", the lines joined
 * over a page break): move *@at, the stance's start, back to the
 * label's, when the sentence before it in [@a, *@at) is only a label.
 * 1 when it moved, 0, or an error. */
static int label_before(seg *s, const lp_rule *resp_label, size_t a,
			size_t *at)
{
	const char *f = s->doc->fold;
	size_t e = *at, p = e;
	while (p > a && f[p - 1] == ' ')
		p--;
	if (!resp_label || p == a || f[p - 1] != ':')
		return 0;
	/* Back to the sentence's start, no further than a label's few
	 * words. */
	while (p > a && e - p < 60 &&
	       !(p - a >= 2 && f[p - 1] == ' ' && strchr(".!?", f[p - 2])))
		p--;
	if (e - p >= 60 || p == a || f[p - 1] != ' ')
		return 0;
	int rc = lp_rule_at(resp_label, f + p, e - p, 0, s->m, s->err);
	if (rc <= 0)
		return rc;
	*at = p;
	return 1;
}

/* Where does the recommendation end and the response begin?  In order:
 * an explicit "Response:" label; the end of bold type, where the source
 * had it (a Markdown letter sets the recommendation in bold); a new
 * paragraph that is not a part (b), (c) of the recommendation; and a
 * stance sentence ("The Government agrees ...") run into the paragraph. */
static int split_pair(seg *s, const label *l, size_t end_block,
		      size_t *rec_s, size_t *rec_e, size_t *resp_s,
		      size_t *stance_s)
{
	*stance_s = NONE;
	/* A combined label ("Recommendations 3, 4 and 5") quotes as many
	 * recommendations as it has numbers, often one paragraph each. */
	char nums[256];
	seg_label_numbers(s, l, nums, sizeof nums);
	/* So does one that names the report's paragraphs ("Paragraphs 52
	 * and 53"), numbered by its place. */
	if (l->seq && l->has_para)
		seg_list_numbers(s->doc->fold, l->para_s, l->para_e, nums,
				 sizeof nums);
	size_t numbers = 1;
	for (const char *p = nums; *p; p++)
		numbers += *p == ',';
	size_t paragraphs = 1;
	const lp_rule *resp_label = lp_rule_get(s->g, "label.response");
	const lp_rule *part = lp_rule_get(s->g, "recommendation.part");
	const lp_rule *stance = lp_rule_get(s->g, "response.stance");
	const lp_rule *continued = lp_rule_get(s->g, "recommendation.continued");
	const lp_rule *after = lp_rule_get(s->g, "recommendation.paragraph-after");
	/* Quoted inside its answer ("Your first recommendation, that
	 * ..., is accepted"): the clause is the recommendation, and the
	 * paragraph it is quoted in the response; in quotation marks
	 * ('recommendation 3, that "...", I agree'), the response is what
	 * follows them. */
	if (l->has_body &&
	    strcmp(lp_rule_name(l->rule), "label.pair.inline") == 0) {
		const char *f = s->doc->fold;
		*rec_s = l->body_s;
		*rec_e = l->body_e;
		*resp_s = s->b[l->block].start;
		size_t q = l->body_e, e = s->b[end_block - 1].end;
		while (q < e && strchr(".,;", f[q]))
			q++;
		if (l->body_s > 0 && f[l->body_s - 1] == '"' && q < e &&
		    f[q] == '"') {
			q++;
			while (q < e && (strchr(".,;", f[q]) ||
					 isspace((unsigned char)f[q])))
				q++;
			if (q < e)
				*resp_s = q;
		}
		return 0;
	}
	/* A recommendation quoted on its number's line, the answer after
	 * the quotation in the same paragraph ('1. "That the Council ..."
	 * - Agreed. We will ...'). */
	if (l->has_body && !l->titled &&
	    seg_quoted_answer(s, l->block, l->body_s, rec_s, rec_e, resp_s))
		return 0;
	/* An answer that names the recommendation it answers, which the
	 * letter does not quote: no recommendation's text. */
	if (strcmp(lp_rule_name(l->rule), "label.response-inline") == 0) {
		*rec_s = *rec_e = *resp_s = s->b[l->block].start;
		return 0;
	}
	bool on_line = l->has_body && !l->titled;
	size_t first = on_line ? l->block : l->block + 1 + l->para_below;
	size_t body = on_line ? l->body_s : NONE;
	/* A label over a "Recommendation: ..." field: the field holds the
	 * text. */
	int below = seg_field_below(s, l->block, end_block, &body);
	if (below < 0)
		return below;
	if (below)
		first = body != NONE ? l->block + 1 : l->block + 2;
	size_t rec_last = first; /* the recommendation's last line so far */
	long item = 0; /* the number of the item of a list it opened, last */
	*rec_s = body != NONE ? body : (first < end_block ? s->b[first].start
							  : s->b[l->block].end);
	*rec_e = first < end_block ? s->b[first].end : *rec_s;
	/* "Recommendation 4" over "4. The Government should ...": the
	 * number again is not the recommendation's text. */
	if (body == NONE && first < end_block)
		*rec_s = past_own_number(s, l, *rec_s, *rec_e, ". ", false,
					 false);
	*resp_s = NONE;
	if (first >= end_block)
		return 0;

	bool bold = seg_is_bold(s, *rec_s, s->b[first].end);
	bool labelled = false;
	for (size_t k = first + 1; k < end_block; k++) {
		/* A table's column of stances ("Accepted in part") between
		 * the recommendation's and the response's: the response is
		 * its own column's, and the stance is read from the cell. */
		if (s->b[k].stance && s->b[k].para_start) {
			*stance_s = s->b[k].start;
			while (k < end_block && s->b[k].stance)
				k++;
			*resp_s = k < end_block ? s->b[k].start : NONE;
			labelled = true;
			break;
		}
		int rc = seg_at(s, resp_label, k);
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
		if (s->b[first].blockquote && s->b[k].blockquote &&
		    k == rec_last + 1) {
			/* A recommendation quoted runs to the quote's end,
			 * its paragraphs all ("(paragraphs 61 and 62)"). */
			more = true;
		} else if (bold) {
			/* A bold recommendation whose bold stops mid-sentence
			 * goes on to the end of that sentence; a stance in
			 * bold after it ("**Partially accepted.**") is the
			 * answer's.  The committee's paragraph after the bold
			 * ("... service.** (Paragraph 82)") is its too. */
			size_t be = s->b[k].end;
			if ((rc = seg_ends_with_paragraph(s, after, s->b[k].start,
							  be)) < 0)
				return rc;
			if (rc)
				be = seg_trim_end(s, s->b[k].start, s->m->start);
			more = seg_is_bold(s, s->b[k].start, be) ||
			       (k == rec_last + 1 && !seg_ends_stop(s, rec_last) &&
				islower((unsigned char)s->doc->fold[s->b[k].start]));
			if (more && (rc = seg_at(s, stance, k)) != 0) {
				if (rc < 0)
					return rc;
				more = false;
			}
		} else if (!s->b[k].para_start) {
			rc = seg_at(s, stance, k);
			if (rc < 0)
				return rc;
			more = !rc;
		} else if (k == rec_last + 1 && list_goes_on(s, rec_last)) {
			/* "...; and" over a page's break: the list's last
			 * item is still the recommendation's. */
			more = true;
		} else if (k == rec_last + 1 && s->doc->fold[s->b[rec_last].end -
							     1] == ':') {
			/* "The Department should, working with the Agency:"
			 * goes on in the list it opens. */
			more = true;
			item = item_number(s, k);
		} else if (item && k == rec_last + 1 &&
			   item_number(s, k) == item + 1) {
			/* ... to the list's last item, numbered one up
			 * each ("2. notifying ..."). */
			more = true;
			item++;
		} else {
			rc = seg_at(s, part, k);
			bool answer = false;
			/* "a) We agree. ...": the answer, part by part. */
			if (rc > 0) {
				size_t a = s->m->end;
				rc = lp_rule_at(stance, s->doc->fold + a,
						s->b[k].end - a, 0, s->m, s->err);
				answer = rc > 0;
				rc = rc < 0 ? rc : !rc;
			}
			if (rc == 0 && !answer && paragraphs < numbers)
				rc = !seg_at(s, stance, k);
			/* The paragraph right after it, told what to do,
			 * goes on with it. */
			if (rc == 0 && !answer && k == rec_last + 1)
				rc = seg_at(s, continued, k);
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
		rec_last = k;
	}
	/* "... in managed decline. (Paragraph 74)": the committee's
	 * paragraph closes the recommendation, whatever its sentences'
	 * voice. */
	int closed = !bold && !labelled
			     ? seg_ends_with_paragraph(s, after, *rec_s, *rec_e)
			     : 0;
	if (closed < 0)
		return closed;
	if (!bold && !labelled && !closed) {
		/* Plain text may run the stance into the recommendation's
		 * paragraph: cut at the first stance sentence after its start. */
		int rc = lp_rule_find(stance, s->doc->fold, *rec_e, *rec_s + 1,
				      s->m, s->err);
		if (rc < 0)
			return rc;
		if (rc) {
			*rec_e = *resp_s = s->m->start;
			if ((rc = label_before(s, resp_label, *rec_s, rec_e)) < 0)
				return rc;
		} else if ((rc = voice_split(s, *rec_s, *rec_e, numbers)) < 0) {
			return rc;
		} else if (rc) {
			*rec_e = (size_t)rc;
			*resp_s = (size_t)rc;
		}
	}
	/* A recommendation given by its title ("Data sharing: The Mayor
	 * agrees."): the title without its colon. */
	*rec_e = seg_trim_end(s, *rec_s, *rec_e);
	while (*rec_e > *rec_s && strchr(" :", s->doc->fold[*rec_e - 1]))
		(*rec_e)--;
	return 0;
}

/* Is block @i a paragraph of one line on its own? */
bool seg_lone_line(const seg *s, size_t i)
{
	return s->b[i].para_start &&
	       (i + 1 == s->nb || s->b[i + 1].para_start);
}

/* Do block @i's words read as a heading: a few, capitalised, no full
 * stop (pairs.section-heading), and not "The Mayor" in bold over
 * "agrees that ...", a sentence that goes on after it?  1, 0 or an
 * error. */
static int heading_words(seg *s, size_t i)
{
	if (seg_words(s, i) > 10 ||
	    (i + 1 < s->nb &&
	     islower((unsigned char)s->doc->fold[s->b[i + 1].start])))
		return 0;
	return seg_at(s, lp_rule_get(s->g, "pairs.section-heading"), i);
}

/* A section heading between pairs ("Rights and accountability",
 * "3. Next steps") belongs to neither of them. */
int seg_section_heading(seg *s, size_t i)
{
	if (!seg_lone_line(s, i))
		return 0;
	return s->b[i].heading ? 1 : heading_words(s, i);
}

/* The item and paragraph of the minute number just matched. */
static void minute_of(seg *s, long *item, long *para)
{
	const char *i = seg_group(s, "item"), *p = seg_group(s, "para");
	*item = i ? atol(i) : 0;
	*para = p ? atol(p) : 0;
}

/* The minute number of the last numbered paragraph before block @first,
 * if the letter is minutes. */
static int find_minute(seg *s, size_t first)
{
	const lp_rule *minute = lp_rule_get(s->g, "pairs.minute-number");
	for (size_t k = first; minute && k-- > 0;) {
		if (!s->b[k].para_start)
			continue;
		int rc = seg_at(s, minute, k);
		if (rc < 0)
			return rc;
		if (rc) {
			minute_of(s, &s->minute[0], &s->minute[1]);
			return 0;
		}
	}
	return 0;
}

/* The first paragraph after block @k, before @end, that is not a
 * section heading, in *@out (@end if none).  0, or an error. */
static int text_under(seg *s, size_t k, size_t end, size_t *out)
{
	*out = end;
	for (size_t j = k + 1; j < end; j++) {
		if (!s->b[j].para_start)
			continue;
		int rc = seg_section_heading(s, j);
		if (rc < 0)
			return rc;
		if (!rc) {
			*out = j;
			break;
		}
	}
	return 0;
}

/* Is block @i a heading over a table: a section heading, or a short
 * line in bold that ends no sentence ("**Chapter 3: Delivery**")?  1, 0
 * or an error. */
static int table_heading(seg *s, size_t i)
{
	if (seg_lone_line(s, i) && seg_words(s, i) <= 10 &&
	    !seg_ends_stop(s, i) &&
	    seg_is_bold(s, s->b[i].start, s->b[i].end))
		return 1;
	return seg_section_heading(s, i);
}

/* The last of blocks [@from, @end) that is a table's cell, or @from. */
static size_t last_cell_before(const seg *s, size_t from, size_t end)
{
	for (size_t k = end; k > from; k--)
		if (s->b[k - 1].cell)
			return k - 1;
	return from;
}

/* Where an answer from block @from, before *@end_block, ends when it is
 * given in a table's cell: with the table.  A paragraph after the
 * @last answer is the letter's closing; after another, headings alone
 * ("**Chapter 3: Delivery**") are over the next table, where prose
 * would be the answer's (the table goes on after them, over a page's
 * break).  An e-mail's last answer ends where it quotes again.  0 or an
 * error. */
static int table_or_quote_end(seg *s, size_t from, bool last,
			      size_t *end_block)
{
	size_t end = *end_block;
	size_t last_cell = last_cell_before(s, from, end);
	for (size_t b = from + 1; b < end; b++) {
		if (!s->b[b].para_start)
			continue;
		int ends = last && !s->b[from].quoted && s->b[b].quoted;
		if (s->b[from].cell && !s->b[b].cell) {
			if (last)
				ends = 1;
			else if (b > last_cell &&
				 (ends = table_heading(s, b)) > 0) {
				size_t text;
				int rc = text_under(s, b, end, &text);
				if (rc < 0)
					return rc;
				ends = text == end;
			}
			if (ends < 0)
				return ends;
		}
		if (ends) {
			*end_block = b;
			break;
		}
	}
	return 0;
}

/* Is block @k only a number in brackets or with a full stop: "(3)",
 * "45."? */
static bool lone_enumerator(const seg *s, size_t k)
{
	const char *f = s->doc->fold;
	size_t a = s->b[k].start, e = seg_trim_end(s, a, s->b[k].end);
	bool bracket = a < e && f[a] == '(';
	a += bracket;
	size_t digits = 0;
	while (a + digits < e && isdigit((unsigned char)f[a + digits]))
		digits++;
	return digits >= 1 && digits <= 3 && a + digits + 1 == e &&
	       f[e - 1] == (bracket ? ')' : '.');
}

/* The letter's own number for the paragraph label @l opens, before the
 * label's words ("10.  Recommendation 8 - ..."), or 0. */
static long letter_paragraph(const seg *s, const label *l)
{
	long v = opening_number(s, l->block, 3, ".");
	const char *f = s->doc->fold;
	size_t a = s->b[l->block].start;
	while (v && a < l->nums_s && !isalpha((unsigned char)f[a]))
		a++;
	return v && a < l->nums_s ? v : 0;
}

/* Is block @i a field: a name of up to five words, capitalised, and a
 * colon ("Contact officer: Jane Morrow", "Signed: ...")? */
static bool field(const seg *s, size_t i)
{
	const char *f = s->doc->fold;
	size_t a = s->b[i].start, e = s->b[i].end, words = 1;
	if (a == e || !isupper((unsigned char)f[a]))
		return false;
	for (size_t k = a; k < e && k < a + 60; k++) {
		if (f[k] == ':')
			return true;
		if (f[k] == ' ' && ++words > 5)
			return false;
		if (!isalpha((unsigned char)f[k]) && f[k] != ' ' && f[k] != '\'')
			return false;
	}
	return false;
}

/* Drop the courtesy paragraphs that close a letter ("I hope this is
 * helpful", "Copies of this response have been sent to ...") from the
 * end of the response whose first block is @from, ending before block
 * *@end_block.  0 or an error. */
static int trim_closing(seg *s, size_t from, size_t *end_block)
{
	const lp_rule *closing = lp_rule_get(s->g, "letter.closing");
	while (*end_block > from + 1) {
		/* A paragraph, or a line after a field where the letter
		 * leaves no blank line between paragraphs ("Target date: May
		 * 2025" over "I hope this is helpful."). */
		size_t p = *end_block - 1;
		while (p > from + 1 && !s->b[p].para_start && !field(s, p - 1))
			p--;
		/* The letter may number its paragraphs, this one too
		 * ("16. We hope this response is helpful."): the rule reads
		 * the words after the number as a line of their own. */
		size_t a = s->b[p].start;
		if (opening_number(s, p, 3, "."))
			a = skip_number(s, a, s->b[p].end);
		int rc = closing ? lp_rule_at(closing, s->doc->fold + a,
					      s->b[p].end - a, 0, s->m, s->err)
				 : 0;
		if (rc <= 0 || !(s->b[p].para_start || field(s, p - 1)))
			return rc < 0 ? rc : 0;
		*end_block = p;
	}
	return 0;
}

/* Where the response before @end_block really ends: before a section
 * heading that follows it (but not one that brings a later answer:
 * "Further response, 14 November 2024"); when it is the @last, before
 * a later minute of the meeting or a resolution, before a signature
 * described in words, or before the letter's paragraph numbered one
 * after @letter_para (its label's, or 0); and,
 * when the letter's valediction comes next, before the courtesy
 * paragraphs that close the letter. */
static int response_end_block(seg *s, size_t from, size_t end_block,
			      bool last, long letter_para,
			      bool before_valediction, size_t *out)
{
	const lp_rule *annex = lp_rule_get(s->g, "annex.marker");
	const lp_rule *others = lp_rule_get(s->g, "pairs.other-recommendations");
	const lp_rule *conclusion = lp_rule_get(s->g, "pairs.conclusion");
	const lp_rule *follow_up = lp_rule_get(s->g, "response.follow-up");
	const lp_rule *minute = lp_rule_get(s->g, "pairs.minute-number");
	const lp_rule *resolution = lp_rule_get(s->g, "pairs.resolution");
	const lp_rule *signature = lp_rule_get(s->g, "letter.signature-note");
	for (size_t k = from + 1; k < end_block; k++) {
		if (s->b[k].detail)
			continue; /* the row's details: see add_pair */
		/* A table in an answer given in prose (its costs, item by
		 * item) is the answer's: its short cells are no headings. */
		if (s->b[k].cell && !s->b[from].cell)
			continue;
		int rc = seg_section_heading(s, k);
		/* In plain text a heading may share its paragraph with the
		 * label after it ("Theme 2: Zoning" over "RECOMMENDATION
		 * 4"). */
		if (rc == 0 && k + 1 == end_block && !last &&
		    s->b[k].para_start)
			rc = heading_words(s, k);
		if (rc > 0 && follow_up)
			rc = !seg_at(s, follow_up, k);
		/* Minutes going on after the responses: "54.4 In
		 * discussion ..." after "54.3 ... as follows".  Before the
		 * next label, a minute is the discussion of the response; and
		 * where the responses are minutes themselves ("41.21 The
		 * Cabinet Member reported ..."), the last one goes on over
		 * the minutes of its item, as every other does. */
		if (rc == 0 && last && s->minute[0] && !s->minuted &&
		    s->b[k].para_start &&
		    (rc = seg_at(s, minute, k)) > 0) {
			long item, para;
			minute_of(s, &item, &para);
			rc = item == s->minute[0] && para > s->minute[1];
		}
		/* The letter's next numbered paragraph after the last
		 * ("11.  The Committee will wish to note ..." after "10.
		 * Recommendation 8 - ..."). */
		if (rc == 0 && last && letter_para && s->b[k].para_start)
			rc = opening_number(s, k, 3, ".") == letter_para + 1;
		/* A council's decision going on after the last answer. */
		if (rc == 0 && last && s->b[k].para_start)
			rc = seg_at(s, resolution, k);
		/* The signature after the last answer, where no valediction
		 * comes before it: a converter's words for its image, short,
		 * over the signer's name. */
		if (rc == 0 && last && s->b[k].para_start &&
		    seg_words(s, k) <= 15 && k + 1 < end_block &&
		    seg_words(s, k + 1) <= 6)
			rc = seg_at(s, signature, k);
		if (rc == 0 && seg_lone_line(s, k))
			rc = seg_at(s, annex, k);
		if (rc == 0 && s->b[k].para_start)
			rc = seg_at(s, others, k);
		if (rc == 0 && s->b[k].para_start)
			rc = seg_at(s, conclusion, k);
		if (rc < 0)
			return rc;
		/* Between two pairs, a heading with text under it before the
		 * next label is part of the answer: cut there, the text
		 * would belong to nothing. */
		if (rc && !last) {
			size_t text;
			int err = text_under(s, k, end_block, &text);
			if (err < 0)
				return err;
			if (text < end_block) {
				k = text;
				continue;
			}
		}
		if (rc) {
			end_block = k;
			break;
		}
	}
	/* "(3)" or "45." on a line of its own numbers what comes next (in
	 * minutes, the next item or the next recommendation, its label
	 * on the line below). */
	while (end_block > from + 1 && lone_enumerator(s, end_block - 1))
		end_block--;
	*out = end_block;
	return before_valediction || end_block == s->nb
		       ? trim_closing(s, from, out)
		       : 0;
}

/* Is block @i prose?  Back matter after the last response (a sign-off
 * "London Fire Brigade / January 2024", an ISBN, a decision's closing
 * fields "Signed: ...", where @fields says they are) is short and
 * unpunctuated, has no lower-case word at all, or is a field. */
static bool prose(seg *s, size_t i, bool fields)
{
	bool lower = false;
	for (size_t k = s->b[i].start; k < s->b[i].end && !lower; k++)
		lower = islower((unsigned char)s->doc->fold[k]);
	if (!lower || (fields && field(s, i)))
		return false;
	if (seg_ends_stop(s, i))
		return true;
	/* Long enough, unless an address footer printed once, on the last
	 * page ("Civic Quarter, 12 Calder Street, Halifax HX1 1AB | 0300
	 * 123 4567"). */
	return seg_words(s, i) > 8 &&
	       (!seg_lone_line(s, i) ||
		seg_at(s, lp_rule_get(s->g, "layout.footer"), i) <= 0);
}

/* Does field @i's name ("Status:") open a paragraph before block
 * @before too: is it a field of every answer, as an action plan's
 * are? */
static bool field_recurs(const seg *s, size_t i, size_t before)
{
	const char *f = s->doc->fold;
	size_t a = s->b[i].start;
	const char *colon = memchr(f + a, ':', s->b[i].end - a);
	size_t n = colon ? (size_t)(colon - (f + a)) + 1 : 0;
	for (size_t k = 0; n && k < before; k++)
		if (s->b[k].para_start && s->b[k].end - s->b[k].start >= n &&
		    memcmp(f + s->b[k].start, f + a, n) == 0)
			return true;
	return false;
}

/* Drop paragraphs of back matter from the end of the last response: a
 * publication's imprint, footnotes, and fields.  Fields are back matter
 * when two or more end the letter ("Conflicts of interest declared:
 * None." ... "Contact officer: ..."), unless every answer has them
 * ("Action:", "Owner:", "Status:"); one alone is the answer's own
 * ("Financial implications: None."); and a table's last row's details
 * (lead officer, target date) are that row's. */
static size_t trim_back_matter(seg *s, size_t from, size_t end_block)
{
	const lp_rule *imprint = lp_rule_get(s->g, "pairs.imprint");
	const lp_rule *footnote = lp_rule_get(s->g, "pairs.footnote");
	size_t fields = 0;
	for (size_t p = end_block; p > from + 1;) {
		p--;
		if (!s->b[p].para_start)
			continue;
		if (!field(s, p) || field_recurs(s, p, from))
			break;
		fields++;
	}
	while (end_block > from + 1) {
		size_t p = end_block - 1;
		while (p > from + 1 && !s->b[p].para_start)
			p--;
		/* A table's cells are the answer's, short as they are
		 * ("£410,000", "by December 2024"). */
		if (!s->b[p].para_start || s->b[p].detail || s->b[p].cell ||
		    (field(s, p) && field_recurs(s, p, from)))
			break;
		/* A publication's imprint ("CP 1052. ISBN 978-...") and a
		 * footnote ("[1] Department for ...") are no prose, full
		 * stops and all (an error reads as prose). */
		int imprinted = imprint ? lp_rule_find(imprint, s->doc->fold,
						       s->b[end_block - 1].end,
						       s->b[p].start, s->m,
						       s->err)
					: 0;
		if (imprinted == 0)
			imprinted = seg_at(s, footnote, p);
		bool any_prose = imprinted < 0;
		for (size_t k = p; imprinted == 0 && k < end_block; k++)
			any_prose |= prose(s, k, fields >= 2);
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

/* Fold offset @at, the start of an answer's first paragraph, or past
 * the letter's own number for that paragraph: a number one more than
 * that of the last numbered paragraph before the label @l ("3. Thank
 * you ...", the label, "4. We accept this recommendation.").  A list
 * that opens an answer starts again from 1 and keeps its number. */
static size_t past_letter_number(const seg *s, const label *l, size_t at)
{
	size_t b = block_of(s, at);
	long v = s->b[b].start == at ? opening_number(s, b, 3, ".") : 0;
	if (v < 2)
		return at;
	for (size_t k = l->block, seen = 0; k-- > 0 && seen < 40; seen++) {
		if (!s->b[k].para_start)
			continue;
		long before = opening_number(s, k, 3, ".");
		if (!before)
			continue;
		if (before + 1 != v)
			return at;
		return skip_number(s, at, s->b[b].end);
	}
	return at;
}

/* Add @kind over blocks [from, to) when they hold some prose: text that
 * belongs to no pair but may name money, dates or promises. */
static void add_section(seg *s, enum lp_span_kind kind, size_t from,
			size_t to)
{
	while (from < to && seg_lone_line(s, from) && seg_section_heading(s, from) > 0)
		from++;
	bool prose = false;
	for (size_t k = from; k < to && !prose; k++)
		prose = seg_words(s, k) > 8;
	if (!prose)
		return;
	lp_doc_add_span(s->doc, kind, seg_text_at(s, s->b[from].start),
			seg_text_at(s, seg_trim_end(s, s->b[from].start,
					    s->b[to - 1].end)),
			NULL, -1);
}

/* The prose of blocks [@from, @to) as a section of @kind, from its first
 * sentence of some length: what follows a signature ("Introduction" and
 * its paragraphs after a minister's letter) without the signature's own
 * lines, a converter's words for its image among them.  0 or an
 * error. */
static int add_prose_after(seg *s, enum lp_span_kind kind, size_t from,
			   size_t to)
{
	const lp_rule *note = lp_rule_get(s->g, "letter.signature-note");
	for (; from < to; from++) {
		if (seg_words(s, from) <= 8 || !seg_ends_stop(s, from))
			continue;
		int rc = seg_at(s, note, from);
		if (rc < 0)
			return rc;
		if (!rc)
			break;
	}
	if (from < to)
		add_section(s, kind, from, to);
	return 0;
}

/* Where one label's pair lies: its recommendation, its response (NONE
 * for none) and the block after its last. */
typedef struct cut {
	size_t rec_s, rec_e, resp_s, resp_e, end_block;
	size_t stance_s; /* a table's cell of the stance, or NONE */
} cut;

/* Is block @i a pair label standing alone on its line, with no text
 * after it? */
static int heading_label(seg *s, size_t i)
{
	if (!seg_lone_line(s, i))
		return 0;
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(s->g, "label.pair.", &rules);
	for (size_t k = 0; k < nrules; k++) {
		int rc = seg_at(s, rules[k], i);
		if (rc)
			return rc < 0 ? rc : !seg_group(s, "body");
	}
	return 0;
}

static int cut_pair(seg *s, const label *ls, size_t n, size_t k,
		    size_t stop_block, cut *c)
{
	const label *l = &ls[k];
	size_t end_block = k + 1 < n ? ls[k + 1].block : s->nb;
	if (stop_block > l->block && stop_block < end_block)
		end_block = stop_block;
	int rc = split_pair(s, l, end_block, &c->rec_s, &c->rec_e, &c->resp_s,
			    &c->stance_s);
	if (rc < 0)
		return rc;
	/* "... nature-based measures. (Paragraph 48)": the reference ends
	 * the recommendation, though it reads as a sentence of its own. */
	const lp_rule *ref = lp_rule_get(s->g, "recommendation.paragraph-ref");
	size_t region_e = s->b[end_block - 1].end;
	if (c->resp_s != NONE && ref &&
	    (rc = lp_rule_at(ref, s->doc->fold, region_e, c->resp_s, s->m,
			     s->err)) != 0) {
		if (rc < 0)
			return rc;
		c->rec_e = s->m->end;
		c->resp_s = s->m->end;
		while (c->resp_s < region_e &&
		       isspace((unsigned char)s->doc->fold[c->resp_s]))
			c->resp_s++;
		if (c->resp_s >= region_e)
			c->resp_s = NONE;
	}
	/* In minutes, the response's minute number ("54.4 The Cabinet
	 * Member advised ...") is not its text. */
	const lp_rule *minute = lp_rule_get(s->g, "pairs.minute-number");
	if (c->resp_s != NONE && s->minute[0] && minute &&
	    (rc = lp_rule_at(minute, s->doc->fold, region_e, c->resp_s, s->m,
			     s->err)) != 0) {
		if (rc < 0)
			return rc;
		c->resp_s = s->m->end;
		s->minuted = true;
	}
	/* An answer in paragraphs numbered by the recommendation ("1.1 The
	 * Force accepts ...", under Recommendation 1): the number is not
	 * its text. */
	if (c->resp_s != NONE)
		c->resp_s = past_own_number(s, l, c->resp_s, region_e, ".1 ",
					    true, true);
	if (c->resp_s != NONE)
		c->resp_s = past_letter_number(s, l, c->resp_s);
	/* A heading that names the recommendations over their shared answer
	 * ("Recommendations 6 and 7") is not part of the answer. */
	if (c->resp_s != NONE) {
		size_t b = block_of(s, c->resp_s);
		rc = heading_label(s, b);
		if (rc < 0)
			return rc;
		if (rc)
			c->resp_s = b + 1 < end_block ? s->b[b + 1].start : NONE;
	}
	/* A heading alone between the recommendation and the next label
	 * ("Conclusion or recommendation", over each of them) is no
	 * answer: this one is answered with the next. */
	if (c->resp_s != NONE && k + 1 < n) {
		size_t b = block_of(s, c->resp_s);
		int heading = b + 1 == end_block && seg_lone_line(s, b)
				      ? seg_section_heading(s, b)
				      : 0;
		/* "ACCEPTED" on its own is the answer, all of it. */
		const char *unused;
		int stance = heading > 0 ? seg_find_family(s, "stance.",
							   s->b[b].start,
							   s->b[b].end, NULL,
							   &unused)
					 : 0;
		if (heading < 0 || stance < 0)
			return heading < 0 ? heading : stance;
		if (heading && !stance)
			c->resp_s = NONE;
	}
	if (c->resp_s != NONE) {
		size_t from = block_of(s, c->resp_s);
		rc = response_end_block(s, from, end_block, k + 1 == n,
					k + 1 == n ? letter_paragraph(s, &ls[k])
						   : 0,
					end_block == stop_block, &end_block);
		if (rc < 0)
			return rc;
		/* The back matter gone, a closing paragraph may show: at
		 * the end of the text, or before what ended the last
		 * response (a web page's "Related documents"). */
		if (end_block == s->nb ||
		    (k + 1 == n && end_block != stop_block)) {
			end_block = trim_back_matter(s, from, end_block);
			if ((rc = trim_closing(s, from, &end_block)) < 0)
				return rc;
		}
		if ((rc = table_or_quote_end(s, from, k + 1 == n,
					     &end_block)) < 0)
			return rc;
		c->resp_e = seg_trim_end(s, c->resp_s, s->b[end_block - 1].end);
	} else {
		c->resp_e = c->rec_e;
	}
	c->end_block = end_block;
	return 0;
}

/* Recommendation fold [*@rec_s, *@rec_e) of the pair label @l opens,
 * without what is not its text: the committee's paragraph before it
 * ("Paragraph 38: The Committee recommends ...", under a label of its
 * own) or after it ("... with confidence. (Paragraph 18)"), given in
 * [*@para_s, *@para_e) when the label gives none; and the quotation
 * marks of a recommendation quoted whole.  0 or an error. */
static int trim_recommendation(seg *s, const label *l, size_t *rec_s,
			       size_t *rec_e, size_t *para_s, size_t *para_e)
{
	const lp_rule *lead = lp_rule_get(s->g, "label.paragraph");
	const lp_rule *after = lp_rule_get(s->g, "recommendation.paragraph-after");
	size_t body_s, body_e;
	int rc = lead && *rec_e > *rec_s ? lp_rule_at(lead, s->doc->fold, *rec_e,
						      *rec_s, s->m, s->err)
					 : 0;
	if (rc < 0)
		return rc;
	if (rc && lp_match_group(s->m, "body", &body_s, &body_e)) {
		if (!l->has_para)
			lp_match_group(s->m, "para", para_s, para_e);
		*rec_s = body_s;
	}
	const char *f = s->doc->fold;
	size_t qe = seg_trim_end(s, *rec_s, *rec_e);
	if (qe > *rec_s + 2 && f[*rec_s] == '"' && f[qe - 1] == '"' &&
	    !memchr(f + *rec_s + 1, '"', qe - *rec_s - 2)) {
		(*rec_s)++;
		*rec_e = qe - 1;
	}
	rc = seg_ends_with_paragraph(s, after, *rec_s, *rec_e);
	if (rc < 0)
		return rc;
	if (rc) {
		if (!l->has_para && *para_s == NONE)
			lp_match_group(s->m, "para", para_s, para_e);
		*rec_e = seg_trim_end(s, *rec_s, s->m->start);
	}
	return 0;
}

/* Pair @p's response, fold [@resp_s, @resp_e).  A table row's cells
 * after the response's column (who leads, by when) are the pair's
 * details, not its answer: the answer ends before them, and what follows
 * them (a page's last lines after the table, or rows that are not
 * pairs) is neither: *@rest is its first block, else NONE. */
static void add_response(seg *s, int p, size_t resp_s, size_t resp_e,
			 size_t *rest)
{
	size_t k0 = block_of(s, resp_s), k1;
	while (k0 < s->nb && s->b[k0].start < resp_e && !s->b[k0].detail)
		k0++;
	for (k1 = k0; k1 < s->nb && s->b[k1].start < resp_e && s->b[k1].detail;)
		k1++;
	bool details = k0 < s->nb && s->b[k0].start < resp_e &&
		       s->b[k0].start > resp_s;
	size_t end = details ? seg_trim_end(s, resp_s, s->b[k0].start) : resp_e;
	lp_doc_add_span(s->doc, LP_SPAN_RESPONSE, seg_text_at(s, resp_s),
			seg_text_at(s, end), NULL, p);
	if (details)
		lp_doc_add_span(s->doc, LP_SPAN_DETAILS,
				seg_text_at(s, s->b[k0].start),
				seg_text_at(s, s->b[k1 - 1].end), NULL, p);
	*rest = details && k1 < s->nb && s->b[k1].start < resp_e ? k1 : NONE;
}

/* Where the text of the paragraph at block @k starts after the label
 * @rule finds there (its number, "2. The Government ...", or
 * the report's paragraph, "Paragraph 63: ..."), in *@body; left as it
 * is when there is none.  0 or an error. */
static int number_end(seg *s, const lp_rule *rule, size_t k, size_t *body)
{
	int rc = seg_at(s, rule, k);
	size_t bs, be;
	if (rc > 0 && lp_match_group(s->m, "body", &bs, &be))
		*body = bs;
	return rc < 0 ? rc : 0;
}

/* A pair that answers the recommendations of labels @first to @last
 * together: its recommendation @r, fold [@rec_s, @rec_e), is their texts,
 * each trimmed as trim_recommendation trims one; what lies between them
 * (the next one's label, "(Paragraph 61)") is omitted from its text.
 * 0 or an error. */
static int omit_inner_labels(seg *s, const label *ls, size_t first,
			     size_t last, const cut *c, int r, size_t rec_s,
			     size_t rec_e)
{
	size_t prev_e = NONE;
	for (size_t k = first; k <= last; k++) {
		size_t ks = c[k].rec_s, ke = c[k].rec_e, ps, pe;
		int rc = trim_recommendation(s, &ls[k], &ks, &ke, &ps, &pe);
		if (rc < 0)
			return rc;
		if (ks < rec_s)
			ks = rec_s;
		if (ke > rec_e)
			ke = rec_e;
		if (ks >= ke)
			continue;
		if (prev_e != NONE && ks > prev_e)
			lp_doc_add_span(s->doc, LP_SPAN_OMITTED,
					seg_text_at(s, prev_e), seg_text_at(s, ks),
					NULL, r);
		if (prev_e == NONE || ke > prev_e)
			prev_e = ke;
	}
	return 0;
}

/* Add the pair of labels ls[first..last], cut as @c says: more than one
 * when the recommendations were quoted one after another and answered
 * together ("Recommendation 4: ...  Recommendation 5: ...  Response to
 * Recommendations 4 and 5").  *@rest as add_response gives it.  0 or an
 * error. */
static int add_pair(seg *s, const label *ls, size_t first, size_t last,
		    const cut *c, size_t *rest)
{
	const label *l = &ls[first];
	size_t rec_s = c[first].rec_s, rec_e = c[last].rec_e;
	size_t resp_s = c[last].resp_s, resp_e = c[last].resp_e;
	if (resp_s == NONE)
		resp_s = rec_e;
	size_t para_s = NONE, para_e = NONE;
	int rc = trim_recommendation(s, l, &rec_s, &rec_e, &para_s, &para_e);
	if (rc < 0)
		return rc;
	/* The report's paragraphs from a page's margin, inside the text
	 * (two, of recommendations answered together). */
	const lp_rule *margin = lp_rule_get(s->g, "recommendation.paragraph-margin");
	size_t margin_s[2], margin_e[2], nmargin = 0;
	bool maybe = margin && rec_e > rec_s &&
		     lp_rule_may_match(margin, s->doc->fold, rec_s, rec_e, s->m);
	for (size_t from = rec_s; maybe && nmargin < 2 && from < rec_e;) {
		rc = lp_rule_find(margin, s->doc->fold, rec_e, from, s->m, s->err);
		if (rc < 0)
			return rc;
		if (!rc)
			break;
		margin_s[nmargin] = s->m->start;
		margin_e[nmargin++] = from = s->m->end;
		if (!l->has_para && para_s == NONE)
			lp_match_group(s->m, "para", &para_s, &para_e);
	}
	size_t pair_s = s->b[l->block].start;
	size_t pair_e = resp_e > rec_e ? resp_e : rec_e;

	char nums[256];
	size_t len = 0;
	for (size_t k = first; k <= last && len + 1 < sizeof nums; k++) {
		if (len)
			nums[len++] = ',';
		seg_label_numbers(s, &ls[k], nums + len, sizeof nums - len);
		len += strlen(nums + len);
	}
	int p = lp_doc_add_span(s->doc, LP_SPAN_PAIR, seg_text_at(s, pair_s),
				seg_text_at(s, pair_e), lp_rule_name(l->rule),
				-1);
	lp_span_set(s->doc, p, "number", nums);
	if (c[last].stance_s != NONE) {
		char at[24];
		snprintf(at, sizeof at, "%zu", seg_text_at(s, c[last].stance_s));
		lp_span_set(s->doc, p, "stance_cell", at);
	}
	/* An answer that names its recommendation is labelled by its
	 * words up to the numbers ("Turning to recommendations 3 and 4"). */
	size_t label_e = l->has_body ? seg_trim_end(s, s->b[l->block].start,
						    l->body_s)
			 : l->rule == lp_rule_get(s->g, "label.response-inline")
				 ? l->nums_e
				 : s->b[l->block].end;
	if (label_e > s->b[l->block].start) /* none before the text */
		lp_span_set(s->doc, p, "label",
			    seg_str(s, s->b[l->block].start, label_e));
	if (l->has_para)
		lp_span_set(s->doc, p, "paragraph",
			    seg_str(s, l->para_s, l->para_e));
	else if (para_s != NONE)
		lp_span_set(s->doc, p, "paragraph", seg_str(s, para_s, para_e));
	/* Under a title, or a label that names the report's paragraphs
	 * ("Paragraphs 52 and 53"), the paragraphs' own numbers ("52.")
	 * are not the text. */
	bool by_para = l->has_para &&
		       l->rule == lp_rule_get(s->g, "label.paragraph");
	const lp_rule *number_rule =
		l->titled || by_para ? lp_rule_get(s->g, "label.numbered")
				     : NULL;
	if (number_rule && (rc = number_end(s, number_rule, block_of(s, rec_s),
					    &rec_s)) < 0)
		return rc;
	int r = lp_doc_add_span(s->doc, LP_SPAN_RECOMMENDATION,
				seg_text_at(s, rec_s), seg_text_at(s, rec_e),
				NULL, p);
	for (size_t k = 0; k < nmargin; k++)
		lp_doc_add_span(s->doc, LP_SPAN_OMITTED,
				seg_text_at(s, margin_s[k]),
				seg_text_at(s, margin_e[k]), NULL, r);
	/* A paragraph of the recommendation after its first may open
	 * with what is not its text: the report's paragraph ("Paragraph
	 * 63: The Committee further recommends ..."), or, under a heading
	 * that titles them, a recommendation's own number ("2. The
	 * Government should ...").  One before its last may end with the
	 * report's paragraph ("... by 2027. (Paragraph 53)"), of two
	 * recommendations under one label. */
	const lp_rule *lead = lp_rule_get(s->g, "label.paragraph");
	const lp_rule *after = lp_rule_get(s->g, "recommendation.paragraph-after");
	for (size_t k = block_of(s, rec_s) + 1;
	     k < s->nb && s->b[k].start < rec_e; k++) {
		size_t body = s->b[k].start;
		if (!s->b[k].para_start)
			continue;
		size_t pe = s->b[k - 1].end;
		rc = seg_ends_with_paragraph(s, after, s->b[k - 1].start, pe);
		if (rc < 0)
			return rc;
		if (rc)
			lp_doc_add_span(s->doc, LP_SPAN_OMITTED,
					seg_text_at(s, s->m->start),
					seg_text_at(s, pe), NULL, r);
		if ((rc = number_end(s, lead, k, &body)) < 0 ||
		    (number_rule && body == s->b[k].start &&
		     (rc = number_end(s, number_rule, k, &body)) < 0))
			return rc;
		if (body > s->b[k].start)
			lp_doc_add_span(s->doc, LP_SPAN_OMITTED,
					seg_text_at(s, s->b[k].start),
					seg_text_at(s, body), NULL, r);
	}
	/* Quoted inside its answer, its money and dates are the answer's:
	 * read once, there. */
	if (rec_s >= resp_s && rec_e <= resp_e)
		lp_span_set(s->doc, r, "inside_response", "true");
	if (last > first && (rc = omit_inner_labels(s, ls, first, last, c, r,
						    rec_s, rec_e)) < 0)
		return rc;
	add_response(s, p, resp_s, resp_e, rest);
	return add_parts(s, r, rec_s, rec_e);
}

/* A response set apart from its recommendation, found by its number:
 * "### Response to Recommendation 3" in a section of responses after
 * the recommendations. */
typedef struct answer {
	long number;
	size_t block;     /* its label */
	size_t start;     /* fold offset where the response text starts */
	size_t end_block; /* the block after its last */
} answer;

/* Is block @k a short line in bold, no stance ("**Agreed.**"): a
 * recommendation restated by its title?  1, 0 or an error. */
static int restatement(seg *s, size_t k)
{
	if (!seg_lone_line(s, k) || seg_words(s, k) > 20 ||
	    !seg_is_bold(s, s->b[k].start, s->b[k].end))
		return 0;
	int rc = seg_at(s, lp_rule_get(s->g, "response.stance"), k);
	return rc < 0 ? rc : !rc;
}

/* The numbered response labels (@label_rule: "Response to Recommendation
 * 3"; or, with @headings, numbered headings over the answers, "3. Empty
 * homes") from block @from on, each with the blocks up to the next one
 * (or @stop_block) as its response. */
static int find_answers(seg *s, const lp_rule *label_rule, bool headings,
			size_t from, size_t stop_block, answer **out,
			size_t *nout)
{
	size_t n = 0, cap = 8;
	answer *v = lp_xmalloc(cap * sizeof *v);
	size_t end = stop_block != NONE && stop_block > from ? stop_block : s->nb;
	for (size_t i = from; label_rule && i < end; i++) {
		if (headings && !s->b[i].heading)
			continue;
		int rc = seg_at(s, label_rule, i);
		size_t ns, ne, bs, be;
		if (rc < 0) {
			free(v);
			return rc;
		}
		if (!rc || !lp_match_group(s->m, "nums", &ns, &ne))
			continue;
		size_t start = !headings && lp_match_group(s->m, "body", &bs, &be)
				       ? bs
				       : (i + 1 < end ? s->b[i + 1].start
						      : s->b[i].end);
		/* Under a heading, a line in bold that restates the
		 * recommendation ("***Publish a transition plan.***") is
		 * neither it nor the answer. */
		if (headings && i + 2 < end) {
			int r = restatement(s, i + 1);
			if (r < 0) {
				free(v);
				return r;
			}
			if (r)
				start = s->b[i + 2].start;
		}
		char nums[256];
		seg_list_numbers(s->doc->fold, ns, ne, nums, sizeof nums);
		for (char *p = nums; *p;) {
			if (n == cap) {
				cap *= 2;
				v = lp_xrealloc(v, cap * sizeof *v);
			}
			v[n++] = (answer){ strtol(p, &p, 10), i, start, end };
			p += *p == ',';
		}
	}
	/* Each runs to the next label, then stops before a heading or the
	 * courtesies that close the letter. */
	for (size_t k = 0; k < n; k++) {
		size_t next = end;
		for (size_t j = k + 1; j < n && next == end; j++)
			if (v[j].block != v[k].block)
				next = v[j].block;
		/* A label with the next one right under it: no answer. */
		if (next < s->nb && v[k].start >= s->b[next].start)
			v[k].start = s->b[v[k].block].end;
		int rc = response_end_block(s, block_of(s, v[k].start), next,
					    next == end, 0, next == stop_block,
					    &v[k].end_block);
		if (rc < 0) {
			free(v);
			return rc;
		}
		/* The last answer, at the end of the text: without the
		 * back matter ("Department for Education" over "March
		 * 2025"), as a pair's own answer is. */
		if (v[k].end_block == s->nb)
			v[k].end_block = trim_back_matter(
				s, block_of(s, v[k].start), v[k].end_block);
	}
	*out = v;
	*nout = n;
	return 0;
}

/* Keep of answers @v (*@n) those that open with a stance ("Supported.
 * The post ..."): two at least, or none.  0 or an error. */
static int keep_stances(seg *s, answer *v, size_t *n)
{
	const lp_rule *stance = lp_rule_get(s->g, "response.stance");
	size_t m = 0;
	for (size_t k = 0; stance && k < *n; k++) {
		size_t b = block_of(s, v[k].start);
		int rc = lp_rule_at(stance, s->doc->fold, s->b[b].end,
				    v[k].start, s->m, s->err);
		if (rc < 0)
			return rc;
		if (rc)
			v[m++] = v[k];
	}
	*n = m >= 2 ? m : 0;
	return 0;
}

/* Give each pair of @ls that has an answer set apart (after the last
 * label) that answer as its response. */
static int answers_by_number(seg *s, const label *ls, size_t n,
			     size_t stop_block, cut *c)
{
	answer *v;
	size_t nv, from = ls[n - 1].block + 1;
	const lp_rule *resp_label = lp_rule_get(s->g, "label.response");
	int rc = find_answers(s, resp_label, false, from, stop_block, &v, &nv);
	/* Answers that name their recommendation in their first words
	 * ("In response to recommendation 3, ..."); in minutes, the
	 * minute after the last ends it ("87.3 In discussion ..."), as
	 * the list's own items' answers opening with one did not. */
	if (rc == 0 && nv == 0) {
		bool minuted = s->minuted;
		free(v);
		s->minuted = false;
		rc = find_answers(s, lp_rule_get(s->g, "label.response-inline"),
				  false, from, stop_block, &v, &nv);
		/* One paragraph naming several ("I accept recommendations
		 * 1, 2, 5 and 6") sums the answers up; it is none. */
		if (nv > 0 && v[nv - 1].block == v[0].block)
			nv = 0;
		if (nv == 0)
			s->minuted = minuted;
	}
	/* A letter that lists the recommendations, then answers them in a
	 * section after its signature ("Response to Recommendation 3"):
	 * the letter's prose after the list is neither a recommendation
	 * nor an answer. */
	bool after_letter = false;
	if (rc == 0 && nv == 0 && stop_block != NONE && stop_block > from) {
		free(v);
		rc = find_answers(s, resp_label, false, stop_block, NONE, &v,
				  &nv);
		after_letter = true;
	}
	/* A list of the recommendations answered under headings that
	 * name them ("### Recommendation 3", "### R5 and R6":
	 * listed_before), looked for before headings numbered as the list
	 * is ("3. Empty homes"), which "## 4. Financial implications" may
	 * look like; only the list's items that have no answer of their
	 * own take the latter. */
	if (rc == 0 && nv == 0) {
		free(v);
		rc = find_answers(s, lp_rule_get(s->g,
						 "label.pair.recommendation"),
				  true, from, NONE, &v, &nv);
	}
	/* A list of answers numbered as the recommendations' list is,
	 * each opening with its stance ("1. Supported. The post ..."). */
	if (rc == 0 && nv == 0) {
		free(v);
		rc = find_answers(s, lp_rule_get(s->g, "label.numbered"), false,
				  from, NONE, &v, &nv);
		if (rc == 0)
			rc = keep_stances(s, v, &nv);
	}
	bool by_heading = false;
	if (rc == 0 && nv == 0) {
		free(v);
		rc = find_answers(s, lp_rule_get(s->g, "label.numbered"), true,
				  from, NONE, &v, &nv);
		by_heading = true;
	}
	if (rc < 0 || nv == 0) {
		if (rc == 0)
			free(v);
		return rc;
	}
	if (after_letter && c[n - 1].resp_s != NONE &&
	    c[n - 1].resp_s < s->b[stop_block].start) {
		s->rest_s = c[n - 1].resp_s;
		s->rest_e = seg_trim_end(s, s->rest_s,
					 s->b[stop_block - 1].end);
	}
	for (size_t k = 0; k < n; k++) {
		char nums[256];
		seg_label_numbers(s, &ls[k], nums, sizeof nums);
		long number = strtol(nums, NULL, 10);
		if (by_heading && c[k].resp_s != NONE && k + 1 < n)
			continue;
		for (size_t j = 0; j < nv; j++) {
			if (v[j].number != number)
				continue;
			size_t last_end = s->b[v[j].end_block - 1].end;
			c[k].resp_s = v[j].start;
			/* An answer label with nothing under it answers with
			 * nothing. */
			c[k].resp_e = last_end > v[j].start
					      ? seg_trim_end(s, v[j].start, last_end)
					      : v[j].start;
			/* The recommendation itself ends before the section of
			 * answers. */
			if (k + 1 == n && c[k].rec_e > s->b[v[0].block].start)
				c[k].rec_e = seg_trim_end(
					s, c[k].rec_s,
					s->b[block_of(s, c[k].rec_s)].end);
			c[k].end_block = v[nv - 1].end_block;
			break;
		}
	}
	free(v);
	return 0;
}

/* Does the list of numbers at fold [@ns, @ne) ("recommendations 6 and
 * 7") hold label @l's first number? */
static bool names_label(const seg *s, size_t ns, size_t ne, const label *l)
{
	char said[256], mine[256];
	seg_list_numbers(s->doc->fold, ns, ne, said, sizeof said);
	seg_label_numbers(s, l, mine, sizeof mine);
	return seg_numbers_hold(said, strtol(mine, NULL, 10));
}

/* Does the first answer after pair @from (of @n) say that it answers
 * label @l's recommendation with others ("The Government will respond
 * to recommendations 4 and 5 together", or without numbers, "agrees
 * with these recommendations")?  1, 0 or an error. */
static int answered_together(seg *s, const label *l, const cut *c,
			     size_t from, size_t n)
{
	const lp_rule *together = lp_rule_get(s->g, "response.together");
	size_t k = from;
	while (k < n && c[k].resp_s == NONE)
		k++;
	if (!together || k == n)
		return 0;
	/* In the answer's opening sentences. */
	size_t a = c[k].resp_s, e = c[k].resp_e - a > 400 ? a + 400 : c[k].resp_e;
	int rc = lp_rule_find(together, s->doc->fold, e, a, s->m, s->err);
	size_t ns, ne;
	if (rc == 0) {
		/* "The Government agrees with these recommendations." in
		 * its first sentence or so: the one before it is one. */
		const lp_rule *plural = lp_rule_get(s->g, "response.plural");
		return plural ? lp_rule_find(plural, s->doc->fold,
					     e - a > 160 ? a + 160 : e, a, s->m,
					     s->err)
			      : 0;
	}
	if (rc < 0 || !lp_match_group(s->m, "nums", &ns, &ne))
		return rc;
	return names_label(s, ns, ne, l);
}

/* Does the label over answer @next name label @l's number among those
 * it answers ("Government response to recommendations 6 and 7")?  1, 0
 * or an error. */
static int named_over_answer(seg *s, const label *l, const cut *next)
{
	if (next->resp_s == NONE)
		return 0;
	size_t b = block_of(s, next->resp_s);
	if (s->b[b].start == next->resp_s) {
		if (b == 0)
			return 0;
		b--;
	}
	int rc = seg_at(s, lp_rule_get(s->g, "label.response"), b);
	size_t ns, ne;
	if (rc <= 0 || !lp_match_group(s->m, "nums", &ns, &ne))
		return rc;
	return names_label(s, ns, ne, l);
}

/* Is pair @c's answer, label @l's, only a sentence that points to the
 * answer after label @next, for both ("We have responded to
 * recommendations 3 and 4 together below.")?  1, 0 or an error. */
static int points_ahead(seg *s, const label *l, const label *next,
			const cut *c)
{
	const lp_rule *together = lp_rule_get(s->g, "response.together");
	if (!together || c->resp_e - c->resp_s > 200)
		return 0;
	int rc = lp_rule_find(together, s->doc->fold, c->resp_e, c->resp_s,
			      s->m, s->err);
	size_t ns, ne;
	if (rc <= 0 || !lp_match_group(s->m, "nums", &ns, &ne))
		return rc;
	return names_label(s, ns, ne, l) && names_label(s, ns, ne, next);
}

/* Is pair @k (of @n), with nothing after it before the next label but
 * a pointer to the answer below (points_ahead), answered with the ones
 * that follow: it asks and says nothing else, the answer after it names
 * it among those it answers together, or so does that answer's label?
 * 1, 0 or an error. */
static int answered_after(seg *s, const label *ls, const cut *c, size_t k,
			  size_t n)
{
	if (k + 1 >= n || c[k].end_block != ls[k + 1].block)
		return 0;
	if (c[k].resp_s != NONE)
		return points_ahead(s, &ls[k], &ls[k + 1], &c[k]);
	int rc = asks_only(s, c[k].rec_s, c[k].rec_e);
	if (rc == 0)
		rc = answered_together(s, &ls[k], c, k + 1, n);
	return rc == 0 ? named_over_answer(s, &ls[k], &c[k + 1]) : rc;
}

static int add_pairs(seg *s, const label *ls, size_t n, size_t stop_block,
		     size_t *last_block)
{
	if (n > LP_MAX_PAIRS)
		return lp_fail(s->err, LP_ELIMIT, s->doc->path, 0, -1,
			       "%zu recommendation labels, over the limit of "
			       "%d pairs in one letter", n, LP_MAX_PAIRS);
	cut *c = lp_xmalloc((n ? n : 1) * sizeof *c);
	int rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = cut_pair(s, ls, n, k, stop_block, &c[k]);
	if (rc == 0 && n)
		rc = answers_by_number(s, ls, n, stop_block, c);
	for (size_t k = 0; k < n && rc == 0; k++) {
		/* Recommendations answered with the ones after them join
		 * them in one pair, up to the first that has a response. */
		size_t last = k;
		while ((rc = answered_after(s, ls, c, last, n)) > 0)
			last++;
		if (rc < 0)
			break;
		if (c[last].resp_s == NONE)
			last = k;
		size_t rest = NONE;
		rc = add_pair(s, ls, k, last, c, &rest);
		/* What follows a last row's details is the letter's, not
		 * lost: the closing starts there. */
		*last_block = rest != NONE ? rest : c[last].end_block;
		k = last;
	}
	free(c);
	return rc;
}

int lp_segment(lp_doc *doc, const lp_grammar *g, lp_error *err)
{
	seg s = { .doc = doc, .g = g, .err = err, .rest_s = NONE };
	s.m = lp_match_new(g);
	make_blocks(&s);
	collect_bold(&s);

	label *ls = NULL;
	size_t nl = 0, val = NONE, intro = NONE, last = NONE;
	int rc = seg_find_labels(&s, &ls, &nl);
	size_t first_label = nl ? ls[0].block : s.nb;
	if (rc == 0)
		rc = seg_find_letter(&s, first_label, &val, &intro);
	if (rc == 0 && nl)
		rc = find_minute(&s, first_label);
	/* Under an annex's title, the prose before the first pair; with
	 * no pairs, all of it up to the signature, if one comes after. */
	if (rc == 0 && intro != NONE && intro < first_label)
		add_section(&s, LP_SPAN_INTRODUCTION, intro,
			    nl || val == NONE || val < intro ? first_label
							     : val);
	else if (rc == 0 && val != NONE && val < first_label)
		rc = add_prose_after(&s, LP_SPAN_INTRODUCTION, val + 1,
				     first_label);
	if (rc == 0)
		rc = add_pairs(&s, ls, nl, val, &last);
	if (rc == 0 && s.rest_s != NONE && s.rest_e > s.rest_s)
		add_section(&s, LP_SPAN_INTRODUCTION, block_of(&s, s.rest_s),
			    block_of(&s, s.rest_e - 1) + 1);
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
