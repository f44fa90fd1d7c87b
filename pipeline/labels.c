/*
 * labels.c - part of stage 3: find the labels that open the letter's
 * recommendations, for segment.c to cut the pairs between them.
 *
 * First every line is tried against the label.pair.* rules
 * ("Recommendation 4", "R4:", "Recommendation 1 (paragraph 26)").  Then,
 * in seg_find_labels' order: the recommendations listed in full before
 * bare "Recommendation N" headings; a label over several ("Recommendations
 * 5 to 10") undone into the ones under it.  Where the rules found few
 * labels, other readings stand in: labels giving only the committee's
 * paragraph ("Paragraph 58"), numbered paragraphs ("4. The Mayor should"),
 * a recommendation's closing "(Paragraph 21)", lettered items ("(a) That
 * ..."), and last a paragraph in a recommendation's voice.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "segment.h"

/* "4 and 5" -> "4,5"; "1-3" -> "1,2,3"; "Four and Five" -> "4,5".
 * Written into @buf. */
void seg_list_numbers(const char *f, size_t a, size_t e, char *buf,
		      size_t cap)
{
	size_t len = 0;
	long prev = -1;
	bool range = false;
	buf[0] = '\0';
	for (size_t i = a; i < e;) {
		long v = 0;
		size_t n = 0;
		if (isdigit((unsigned char)f[i])) {
			while (i + n < e && isdigit((unsigned char)f[i + n]))
				v = v * 10 + (f[i + n++] - '0');
		} else if (isalpha((unsigned char)f[i]) && i > a &&
			   f[i - 1] == '(' && i + 1 < e && f[i + 1] == ')') {
			/* a lettered one, "(b)": its place */
			v = tolower((unsigned char)f[i]) - 'a' + 1;
			n = 1;
		} else if (isupper((unsigned char)f[i]) &&
			   (i + 1 == e || !isalnum((unsigned char)f[i + 1])) &&
			   (i == a || !isalnum((unsigned char)f[i - 1]))) {
			/* a capital alone, "Recommendation C": its place */
			v = f[i] - 'A' + 1;
			n = 1;
		} else if (isalpha((unsigned char)f[i])) {
			v = lp_number_word(f + i, f + e, &n);
			/* "to" makes a range; "and" is a word between numbers. */
			if (!v && n == 2 && strncasecmp(f + i, "to", 2) == 0)
				range = true;
		} else {
			range |= f[i] == '-';
			n = 1;
		}
		i += n;
		if (!v)
			continue;
		long from = range && prev >= 0 && v > prev && v - prev < 50
				    ? prev + 1
				    : v;
		for (long k = from; k <= v && len + 8 < cap; k++)
			len += (size_t)snprintf(buf + len, cap - len, "%s%ld",
						len ? "," : "", k);
		prev = v;
		range = false;
	}
}

bool seg_numbers_hold(const char *list, long number)
{
	for (const char *p = list; *p;) {
		char *end;
		if (strtol(p, &end, 10) == number)
			return true;
		p = end + (*end == ',');
	}
	return false;
}

/* The numbers of label @l, as list_numbers gives them ("5,6,7"), or its
 * place when it gives none, in @buf; how many. */
size_t seg_label_numbers(const seg *s, const label *l, char *buf,
			 size_t cap)
{
	if (l->seq)
		snprintf(buf, cap, "%ld", l->seq);
	else
		seg_list_numbers(s->doc->fold, l->nums_s, l->nums_e, buf, cap);
	size_t n = *buf != '\0';
	for (const char *p = buf; *p; p++)
		n += *p == ',';
	return n;
}

/* A numbered paragraph that may open a pair: "2. The Department should
 * ...". */
typedef struct numbered {
	label l;
	long number;
	bool sure; /* in bold, in a recommendation's voice, or answered */
	bool bold;
	bool voiced; /* in a recommendation's voice ("should") */
	bool heading; /* a heading sure only for being answered, or not */
	bool labelled; /* sure, and its answer under a response label */
} numbered;

/* Is block @i + 1, before @end, a "Recommendation: ..." field under
 * the label in block @i ("### 1. Library opening hours")?  1 (with
 * @body at its text, or NONE when its text starts on the next line), 0,
 * or an error. */
int seg_field_below(seg *s, size_t i, size_t end, size_t *body)
{
	const lp_rule *field = lp_rule_get(s->g, "label.recommendation-field");
	if (!field || i + 1 >= end)
		return 0;
	int rc = seg_at(s, field, i + 1);
	size_t fe;
	if (rc > 0 && !lp_match_group(s->m, "body", body, &fe))
		*body = NONE;
	return rc;
}

/* Does a paragraph after block @text (the text of the numbered
 * paragraph at block @i), before the next numbered one and within a few
 * dozen lines, open as @opener says: with a stance ("Supported.", "The
 * Council agrees"), or with a response label ("Government response")?
 * 1, 0 or an error. */
static int opens_below(seg *s, const lp_rule *rule, const lp_rule *opener,
		       size_t text)
{
	for (size_t k = text + 1; opener && k < s->nb && k <= text + 40; k++) {
		if (!s->b[k].para_start)
			continue;
		int rc = seg_at(s, rule, k);
		if (rc != 0)
			return rc < 0 ? rc : 0;
		if ((rc = seg_at(s, opener, k)) != 0)
			return rc;
	}
	return 0;
}

/* Does fold [@a, @e) end with the committee's paragraph ("... in
 * managed decline. (Paragraph 74)"), rule @after
 * (recommendation.paragraph-after)?  1 with the match in s->m, 0 or an
 * error. */
int seg_ends_with_paragraph(seg *s, const lp_rule *after, size_t a,
			    size_t e)
{
	if (!after || e <= a ||
	    !lp_rule_may_match(after, s->doc->fold, a, e, s->m))
		return 0;
	return lp_rule_find(after, s->doc->fold, e, a, s->m, s->err);
}

/* Is block @i a number alone ("3", "3."): a table's number cell, which
 * pdftotext without -layout prints on a line of its own under the
 * column heads or the row above, wherever that ends; or a numbered
 * paragraph's number, set in a margin of its own? */
static bool bare_number(const seg *s, size_t i)
{
	const char *f = s->doc->fold;
	size_t a = s->b[i].start, e = s->b[i].end;
	if (e > a && f[e - 1] == '.')
		e--;
	return e > a && e - a <= 3 && strspn(f + a, "0123456789") == e - a;
}

/* Are blocks @a and @b in one table row: @b a cell, and every paragraph
 * between them a cell too? */
static bool same_row(const seg *s, size_t a, size_t b)
{
	if (!s->b[b].cell)
		return false;
	for (size_t k = a + 1; k < b; k++)
		if (s->b[k].para_start && !s->b[k].cell)
			return false;
	return true;
}

/* The paragraphs of the letter numbered by @rule (label.numbered, or
 * label.lettered: "(b)" is 2), in order. */
static int numbered_paragraphs(seg *s, const lp_rule *rule, numbered **out,
			       size_t *nout)
{
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	const lp_rule *stance = lp_rule_get(s->g, "response.stance");
	const lp_rule *response = lp_rule_get(s->g, "label.response");
	size_t n = 0, cap = 16;
	numbered *v = lp_xmalloc(cap * sizeof *v);
	const lp_rule *after = lp_rule_get(s->g, "recommendation.paragraph-after");
	for (size_t i = 0; rule && i < s->nb; i++) {
		/* A paragraph, or an item of a list, whose line before it
		 * ends a sentence or a recommendation ("... (Paragraph 63)",
		 * the next glued to it in bold). */
		int rc = 0;
		if (!s->b[i].para_start && !bare_number(s, i) &&
		    (i == 0 || (!seg_ends_stop(s, i - 1) &&
				(rc = seg_ends_with_paragraph(
					 s, after, s->b[i - 1].start,
					 s->b[i - 1].end)) == 0)))
			continue;
		if (rc < 0) {
			free(v);
			return rc;
		}
		rc = seg_at(s, rule, i);
		if (rc == 0)
			continue;
		numbered c = { .l = { .block = i, .rule = rule } };
		if (rc > 0) {
			size_t be;
			lp_match_group(s->m, "nums", &c.l.nums_s, &c.l.nums_e);
			c.l.has_body = lp_match_group(s->m, "body", &c.l.body_s,
						      &be);
			c.l.has_para = lp_match_group(s->m, "para", &c.l.para_s,
						      &c.l.para_e);
			/* "(b)" is 2, and says so as the label's number. */
			const char *num = s->doc->fold + c.l.nums_s;
			c.number = isdigit((unsigned char)*num)
					   ? strtol(num, NULL, 10)
					   : *num - 'a' + 1;
			if (!isdigit((unsigned char)*num))
				c.l.seq = c.number;
			/* A list in a cell of the row the number opens ("C1"
			 * read as "1.", then its action cell "1. We will
			 * ..., 2. ..."): the cell's, not another row. */
			if (n > 0 && v[n - 1].number == c.number &&
			    same_row(s, v[n - 1].l.block, i))
				continue;
			/* The text: on the number's line, or (a number in a
			 * cell of its own) the next block. */
			size_t text = c.l.has_body ? i : i + 1;
			if (text >= s->nb)
				continue;
			/* Bold from its start (the recommendation in bold,
			 * perhaps with the answer after it in plain type);
			 * over a "Recommendation: That ..." field ("### 1.
			 * Library opening hours"); or in a recommendation's
			 * voice. */
			size_t body, st = c.l.has_body ? c.l.body_s
						       : s->b[text].start;
			c.bold = seg_is_bold(s, st,
					     s->b[text].end - st > 12
						     ? st + 12
						     : s->b[text].end);
			bool voiced = (rc = seg_field_below(s, i, s->nb,
							    &body)) > 0;
			if (!voiced && rc >= 0 && voice)
				voiced = (rc = lp_rule_find(voice, s->doc->fold,
							    s->b[text].end,
							    s->b[text].start,
							    s->m, s->err)) > 0;
			c.sure = c.bold || voiced;
			c.voiced = voiced;
			/* Quoted, and answered after the quotation with a
			 * stance ('5. "That an update is reported ..." -
			 * Agreed.'). */
			size_t qs, qe, qa;
			if (!c.sure && rc >= 0 && stance && c.l.has_body &&
			    seg_quoted_answer(s, i, c.l.body_s, &qs, &qe, &qa))
				c.sure = (rc = lp_rule_at(stance, s->doc->fold + qa,
							  s->doc->fold_len - qa,
							  0, s->m, s->err)) > 0;
			/* A heading that titles the recommendation under
			 * it ("## 3. Local plans" over "The Government
			 * should ..."), one not numbered itself. */
			if (!c.sure && rc >= 0 && voice && c.l.has_body &&
			    s->b[i].heading && i + 1 < s->nb &&
			    s->b[i + 1].para_start &&
			    (rc = seg_at(s, rule, i + 1)) == 0)
				c.sure = c.l.titled =
					(rc = lp_rule_find(voice, s->doc->fold,
							   s->b[i + 1].end,
							   s->b[i + 1].start,
							   s->m, s->err)) > 0;
			/* A heading in bold is a heading still ("### **8.
			 * Background papers**"). */
			c.heading = !voiced && !c.l.titled && s->b[i].heading;
			/* Answered with a stance: a recommendation, whatever
			 * its voice ("4. Write to every tenant ..."). */
			if (!c.sure && rc >= 0)
				c.sure = (rc = opens_below(s, rule, stance,
							   text)) > 0;
			if (c.sure && rc >= 0)
				c.labelled = (rc = opens_below(s, rule,
							       response,
							       text)) > 0;
			/* "1. **Supported.** The post ...", in a list of
			 * answers after the recommendations' own: it answers
			 * one, bold or not.  ("9. We welcome ... the Ministry
			 * must ..." is a committee's; so is "27. **We welcome
			 * ...**" in bold, answered below with a stance.) */
			if (rc >= 0 && stance && !voiced &&
			    (rc = lp_rule_at(stance, s->doc->fold,
					     s->b[text].end,
					     c.l.has_body ? c.l.body_s
							  : s->b[text].start,
					     s->m, s->err)) > 0) {
				int answered = c.bold ? opens_below(s, rule, stance,
								    text)
						      : 0;
				if (answered < 0)
					rc = answered;
				else if (!answered)
					c.sure = c.bold = false;
			}
		}
		if (rc < 0) {
			free(v);
			return rc;
		}
		if (n == cap) {
			cap *= 2;
			v = lp_xrealloc(v, cap * sizeof *v);
		}
		v[n++] = c;
	}
	*out = v;
	*nout = n;
	return 0;
}

/* Is @number among those that labels @ls (@n of them) give? */
static bool taken(const seg *s, const label *ls, size_t n, long number)
{
	for (size_t k = 0; k < n; k++) {
		char nums[256];
		seg_label_numbers(s, &ls[k], nums, sizeof nums);
		if (seg_numbers_hold(nums, number))
			return true;
	}
	return false;
}

/* Does a paragraph start between blocks @a and @b? */
static bool paragraph_between(const seg *s, size_t a, size_t b)
{
	for (size_t k = a + 1; k < b; k++)
		if (s->b[k].para_start)
			return true;
	return false;
}

/* Numbered paragraphs that open pairs ("1. The Department should ..."),
 * where a report has no "Recommendation N" labels.  Numbered lists and
 * minutes are traps, so a paragraph counts only when its number is above
 * the last one taken and it is in bold, speaks as a recommendation or is
 * answered with a stance; or, in none of these (a conclusion: "1.
 * Employers told us ..."), when it comes next in the numbering and the
 * run of numbers after it, one up each, leads to one that does.  A
 * response may answer only some of a report's recommendations, so the
 * numbers may skip. */
static int find_numbered(seg *s, const lp_rule *rule, label **ls, size_t *n,
			 size_t *cap)
{
	numbered *v;
	size_t nv;
	int rc = numbered_paragraphs(s, rule, &v, &nv);
	if (rc < 0)
		return rc;
	/* Numbered headings beside numbered paragraphs that speak as
	 * recommendations number the sections ("2. Introduction" on a
	 * GOV.UK page), not the recommendations. */
	size_t plain = 0, m = 0;
	for (size_t i = 0; i < nv; i++)
		plain += !v[i].heading && v[i].sure;
	for (size_t i = 0; i < nv; i++)
		if (plain < 2 || !v[i].heading)
			v[m++] = v[i];
	nv = m;
	/* Where the recommendations are in bold after their numbers, and
	 * most of those sure of being one are, a plain numbered paragraph
	 * that does not ask as they do is a list's item inside an answer
	 * ("1. Created a reserve ...", "2. ..."); one in italics that asks
	 * ("6. *The Government should ...*") is one of them still. */
	size_t bold = 0, sure_ones = 0;
	for (size_t i = 0; i < nv; i++) {
		bold += v[i].bold;
		sure_ones += v[i].sure;
	}
	if (bold >= 2 && 2 * bold >= sure_ones) {
		m = 0;
		for (size_t i = 0; i < nv; i++)
			if (v[i].bold || v[i].voiced)
				v[m++] = v[i];
		nv = m;
	}
	/* From the end: does a run of one-up numbers lead from i to a sure
	 * one? */
	bool *leads = lp_xmalloc((nv ? nv : 1) * sizeof *leads);
	for (size_t i = nv; i-- > 0;)
		leads[i] = i + 1 < nv && v[i + 1].number == v[i].number + 1 &&
			   (v[i + 1].sure || leads[i + 1]);
	/* Where the numbering starts again at 1 ("1. That the report be
	 * noted" in a decision, before the recommendations' own 1 to 6),
	 * the run with the most sure paragraphs, those in bold counting
	 * twice, is the recommendations'; and those answered, with a
	 * paragraph between them and the next, once more (a cover letter's
	 * list of the recommendations before the annex that answers
	 * them). */
	size_t from = 0, start = 0, best = 0, sure = 0;
	for (size_t i = 0; i <= nv; i++) {
		if (i == nv || (i > 0 && v[i].number == 1)) {
			if (sure > best) {
				best = sure;
				from = start;
			}
			start = i;
			sure = 0;
		}
		if (i < nv)
			sure += (size_t)v[i].sure + v[i].bold +
				(i + 1 < nv && v[i + 1].number != 1 &&
				 paragraph_between(s, v[i].l.block,
						   v[i + 1].l.block));
	}
	long last = 0;
	bool all_labelled = true;
	size_t first = *n;
	for (size_t i = from; i < nv; i++) {
		bool ok = v[i].number > last &&
			  (v[i].sure || (leads[i] && v[i].number == last + 1));
		/* Recommendations grouped by theme, out of their order ("12."
		 * after "2."), each answered under a response label, as
		 * all those before it were. */
		if (!ok && v[i].labelled && all_labelled)
			ok = !taken(s, *ls + first, *n - first, v[i].number);
		if (!ok)
			continue;
		all_labelled = all_labelled && v[i].labelled;
		if (*n == *cap) {
			*cap *= 2;
			*ls = lp_xrealloc(*ls, *cap * sizeof **ls);
		}
		(*ls)[(*n)++] = v[i].l;
		/* A row numbered "7 and 8" quotes the two, each numbered
		 * ("7. The Council should ...", "8. ..."): they are its
		 * text, not pairs of their own. */
		char nums[256];
		seg_label_numbers(s, &v[i].l, nums, sizeof nums);
		const char *lastnum = strrchr(nums, ',');
		long top = strtol(lastnum ? lastnum + 1 : nums, NULL, 10);
		if (top < v[i].number)
			top = v[i].number;
		if (top > last)
			last = top;
	}
	free(leads);
	free(v);
	return 0;
}

/* The block that holds label @l's text: its own, when the text follows
 * the number on its line, else the next; @s->nb when there is none. */
static size_t text_block(const seg *s, const label *l)
{
	size_t text = l->has_body ? l->block : l->block + 1;
	return text < s->nb ? text : s->nb;
}

/* Recommendations lettered in bold ("**a)****That TfGM publish ...**"),
 * where the numbers found (@nn) are a report's own: its sections ("#
 * 1. Introduction") and the decisions it asks for ("1. Note the
 * responses").  Three or more, each in bold, and more than the numbers:
 * appended to *@ls, 1; else 0 with *@ls as it was, or an error.  A
 * recommendation's parts ("(a) by March", "(b) ...") are seldom each in
 * bold. */
static int bold_lettered(seg *s, size_t nn, label **ls, size_t *n,
			 size_t *cap)
{
	size_t first = *n;
	int rc = find_numbered(s, lp_rule_get(s->g, "label.lettered"), ls, n,
			       cap);
	if (rc < 0)
		return rc;
	bool bold = *n - first >= 3 && *n - first > nn;
	for (size_t k = first; k < *n && bold; k++) {
		size_t text = text_block(s, &(*ls)[k]);
		if (text == s->nb) {
			bold = false;
			break;
		}
		size_t a = s->b[text].start, e = s->b[text].end;
		bold = seg_is_bold(s, a, e - a > 12 ? a + 12 : e);
	}
	if (!bold)
		*n = first;
	return bold;
}

/* Do the numbered pairs @num (@nn of them) take in every number that
 * the labels @lab (@nl) give, and more?  Then the labels are headings
 * over responses ("Recommendations 6 and 7" before a shared answer),
 * and the numbered paragraphs are the pairs. */
static bool numbers_cover(const seg *s, const label *num, size_t nn,
			  const label *lab, size_t nl)
{
	const char *f = s->doc->fold;
	if (nn < 3 || nn <= nl)
		return false;
	/* A label inside a numbered paragraph ("3.  Recommendation 1 -
	 * ..."): the numbers are the letter's own paragraphs'. */
	for (size_t k = 0; k < nl; k++)
		for (size_t j = 0; j < nn; j++)
			if (lab[k].block == num[j].block)
				return false;
	for (size_t k = 0; k < nl; k++) {
		char nums[256];
		seg_label_numbers(s, &lab[k], nums, sizeof nums);
		for (char *p = nums; *p; p += *p == ',') {
			long want = strtol(p, &p, 10);
			bool found = false;
			for (size_t j = 0; j < nn && !found; j++)
				found = strtol(f + num[j].nums_s, NULL, 10) == want;
			if (!found)
				return false;
		}
	}
	return true;
}

/* A label over several recommendations ("Recommendations 5 to 10") that
 * the letter then labels or numbers one by one heads them: it is not a
 * pair.  Dropped when the next label starts with its first number
 * ("Recommendation 5"); replaced by the numbered paragraphs under it
 * ("1. That the Executive ...") when they give all its numbers, each
 * answered in turn. */
static int ungroup(seg *s, label **lsp, size_t *np)
{
	label *ls = *lsp;
	size_t n = *np, nv = 0, vcap = 16;
	label *v = NULL; /* the numbered paragraphs, found when first needed */
	label *out = lp_xmalloc((n + 1) * sizeof *out);
	size_t m = 0, cap = n + 1;
	for (size_t k = 0; k < n; k++) {
		char nums[256], next[256];
		size_t count = seg_label_numbers(s, &ls[k], nums, sizeof nums);
		bool dropped = false;
		if (count >= 2 && k + 1 < n) {
			seg_label_numbers(s, &ls[k + 1], next, sizeof next);
			dropped = strtol(nums, NULL, 10) == strtol(next, NULL, 10);
		}
		if (count >= 2 && !dropped) {
			if (!v) {
				v = lp_xmalloc(vcap * sizeof *v);
				int rc = find_numbered(
					s, lp_rule_get(s->g, "label.numbered"),
					&v, &nv, &vcap);
				if (rc < 0) {
					free(v);
					free(out);
					return rc;
				}
			}
			size_t end = k + 1 < n ? ls[k + 1].block : s->nb;
			size_t first = nv, last = 0, found = 0;
			for (size_t j = 0; j < nv; j++) {
				if (v[j].block <= ls[k].block || v[j].block >= end)
					continue;
				first = first < j ? first : j;
				last = j;
				found++;
			}
			/* Each of its numbers, one paragraph each, in order,
			 * each with its answer after it: numbered paragraphs
			 * one under another are recommendations quoted
			 * together, which the label's pair holds. */
			bool all = found == count;
			char *p = nums;
			for (size_t j = first; all && j <= last; j++) {
				long want = strtol(p, &p, 10);
				p += *p == ',';
				all = strtol(s->doc->fold + v[j].nums_s, NULL,
					     10) == want &&
				      (j == last || v[j + 1].block > v[j].block + 1);
			}
			if (all) {
				for (size_t j = first; j <= last; j++) {
					if (m == cap)
						out = lp_xrealloc(
							out,
							(cap *= 2) * sizeof *out);
					out[m++] = v[j];
				}
				dropped = true;
			}
		}
		if (dropped)
			continue;
		if (m == cap)
			out = lp_xrealloc(out, (cap *= 2) * sizeof *out);
		out[m++] = ls[k];
	}
	free(v);
	free(ls);
	*lsp = out;
	*np = m;
	return 0;
}

/* Are paragraph labels @ls (@n of them) numbered by the report's
 * paragraphs: is each only "Paragraph 45" or "Paragraphs 52 and 53",
 * with no contents list before them that numbers the recommendations
 * ("Recommendation 1: Strategy .... 2")? */
static bool by_paragraph(const seg *s, const label *ls, size_t n)
{
	const char *f = s->doc->fold;
	for (size_t k = 0; k < n; k++)
		if (!ls[k].has_para ||
		    strncasecmp(f + s->b[ls[k].block].start, "paragraph", 9) != 0)
			return false;
	static const char word[] = "recommendation 1";
	size_t w = sizeof word - 1, end = s->b[ls[0].block].start;
	for (size_t i = 0; i + w < end; i++)
		if (strncasecmp(f + i, word, w) == 0 &&
		    !isdigit((unsigned char)f[i + w]))
			return false;
	return true;
}

/* Where recommendations are labelled only by the paragraph of the
 * committee's report ("Paragraph 87: The Government should ...",
 * "(Paragraphs 148 to 150)" over the quote), the labels, numbered in
 * order, as a contents list numbers them.  Only when there are two or
 * more and each heads a recommendation's voice: "(Paragraph 48)" after
 * a recommendation, over its answer, is no label.  0 or an error. */
static int paragraph_labels(seg *s, label **ls, size_t *n, size_t *cap)
{
	const lp_rule *rule = lp_rule_get(s->g, "label.paragraph");
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	size_t found = 0;
	for (size_t i = 0; rule && voice && i < s->nb; i++) {
		if (!s->b[i].para_start)
			continue;
		int rc = seg_at(s, rule, i);
		if (rc == 0)
			continue;
		label l = { .block = i, .rule = rule, .seq = (long)found + 1 };
		size_t be;
		if (rc > 0) {
			l.has_body = lp_match_group(s->m, "body", &l.body_s, &be);
			l.has_para = lp_match_group(s->m, "para", &l.para_s,
						    &l.para_e);
			size_t text = l.has_body ? i : i + 1;
			rc = text < s->nb
				     ? lp_rule_find(voice, s->doc->fold,
						    s->b[text].end,
						    l.has_body ? l.body_s
							       : s->b[text].start,
						    s->m, s->err)
				     : 0;
		}
		if (rc < 0)
			return rc;
		if (rc == 0) { /* not a recommendation's: none of them is */
			*n = 0;
			return 0;
		}
		if (*n == *cap)
			*ls = lp_xrealloc(*ls, (*cap *= 2) * sizeof **ls);
		(*ls)[(*n)++] = l;
		found++;
	}
	if (found < 2)
		*n = 0;
	else if (by_paragraph(s, *ls, *n))
		for (size_t k = 0; k < *n; k++) {
			(*ls)[k].seq = 0;
			(*ls)[k].nums_s = (*ls)[k].para_s;
			(*ls)[k].nums_e = (*ls)[k].para_e;
		}
	return 0;
}

/* Append to *@ls a label that no number names: block @i, all of it the
 * recommendation's text, numbered @seq by its place in order. */
static void add_label_in_order(const seg *s, label **ls, size_t *n,
			       size_t *cap, size_t i, const lp_rule *rule,
			       size_t seq)
{
	if (*n == *cap)
		*ls = lp_xrealloc(*ls, (*cap *= 2) * sizeof **ls);
	(*ls)[(*n)++] = (label){ .block = i,
				 .rule = rule,
				 .seq = (long)seq,
				 .has_body = true,
				 .body_s = s->b[i].start };
}

/* Recommendations with no label at all, known by the committee's
 * paragraph after them ("... from 2027. (Paragraph 18)"), as a Special
 * Report prints them once their bold is lost: each such paragraph in a
 * recommendation's voice opens a pair, numbered in order.  Two at
 * least. */
static int paragraph_ref_labels(seg *s, label **ls, size_t *n, size_t *cap)
{
	const lp_rule *after = lp_rule_get(s->g, "recommendation.paragraph-after");
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	size_t found = 0, first = *n;
	for (size_t i = 0; after && voice && i < s->nb; i++) {
		if (!s->b[i].para_start)
			continue;
		/* The reference may be a line of its own under the
		 * paragraph's text ("... practice team.**" over
		 * "(paragraph 45)"). */
		size_t last = i;
		while (last + 1 < s->nb && !s->b[last + 1].para_start)
			last++;
		int rc = seg_ends_with_paragraph(s, after, s->b[i].start,
						 s->b[last].end);
		if (rc > 0)
			rc = lp_rule_find(voice, s->doc->fold, s->b[last].end,
					  s->b[i].start, s->m, s->err);
		if (rc < 0)
			return rc;
		if (rc == 0)
			continue;
		add_label_in_order(s, ls, n, cap, i, after, ++found);
	}
	if (found < 2)
		*n = first;
	return 0;
}

/* Where nothing labels or numbers the recommendations, each is told by
 * its voice alone: a paragraph that opens as one ("The Mayor should
 * ...", "TfL must ..."), after a paragraph that does not, opens a pair,
 * numbered in order; one that opens as a resolution ("That the
 * Authority should ...") does after any.  Three at least. */
static int voice_labels(seg *s, label **ls, size_t *n, size_t *cap)
{
	const lp_rule *opens = lp_rule_get(s->g, "recommendation.continued");
	size_t found = 0, first = *n;
	bool after_one = false; /* the paragraph before opened as one */
	for (size_t i = 0; opens && i < s->nb; i++) {
		if (!s->b[i].para_start)
			continue;
		int rc = seg_at(s, opens, i);
		if (rc < 0)
			return rc;
		size_t a, e;
		if (rc && (!after_one || lp_match_group(s->m, "new", &a, &e)))
			add_label_in_order(s, ls, n, cap, i, opens, ++found);
		after_one = rc > 0;
	}
	if (found < 3)
		*n = first;
	return 0;
}

/* A letter that quotes no recommendation but answers each in a
 * paragraph that names it in its first words ("On recommendation 1, I
 * agree ...", "Turning to recommendations 3 and 4, ...", "I accept
 * recommendation 6 in principle."): each such paragraph is a label over
 * a pair whose recommendation has no text, the paragraph opening the
 * response.  Their numbers go up, and a paragraph that names more than
 * three at once sums them up (a cover's "I accept recommendations 1 to
 * 6"); two at least, or none. */
static int answer_labels(seg *s, label **ls, size_t *n, size_t *cap)
{
	const lp_rule *names = lp_rule_get(s->g, "label.response-inline");
	size_t first = *n;
	long last = 0;
	for (size_t i = 0; names && i < s->nb; i++) {
		if (!s->b[i].para_start)
			continue;
		int rc = seg_at(s, names, i);
		if (rc < 0)
			return rc;
		label l = { .block = i, .rule = names };
		if (!rc || !lp_match_group(s->m, "nums", &l.nums_s, &l.nums_e))
			continue;
		char nums[256];
		size_t count = seg_label_numbers(s, &l, nums, sizeof nums);
		const char *tail = strrchr(nums, ',');
		if (count > 3 || strtol(nums, NULL, 10) <= last)
			continue;
		last = strtol(tail ? tail + 1 : nums, NULL, 10);
		if (*n == *cap)
			*ls = lp_xrealloc(*ls, (*cap *= 2) * sizeof **ls);
		(*ls)[(*n)++] = l;
	}
	if (*n - first < 2)
		*n = first;
	return 0;
}

/* Is label @l a heading whose words after its numbers are a title
 * ("## Recommendations 1 to 3: Housing supply"), the recommendations
 * themselves under it: is its next paragraph numbered with its first
 * number, does it open as a recommendation, or quote one?  1, 0 or an
 * error. */
static int titles_recommendations(seg *s, const label *l)
{
	size_t k = l->block + 1;
	/* A heading, or a few words with no sentence in them, alone on
	 * their paragraph ("Recommendation 5 - to all boroughs"). */
	bool title = l->has_body &&
		     (s->b[l->block].heading ||
		      (l->body_e - l->body_s <= 64 &&
		       l->body_e == s->b[l->block].end &&
		       !memchr(s->doc->fold + l->body_s, '.',
			       l->body_e - l->body_s)));
	if (!title || k >= s->nb)
		return 0;
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	int rc = voice ? lp_rule_find(voice, s->doc->fold, l->body_e, l->body_s,
				      s->m, s->err)
		       : 0;
	if (rc != 0)
		return rc < 0 ? rc : 0;
	rc = seg_at(s, lp_rule_get(s->g, "label.numbered"), k);
	if (rc > 0) {
		size_t ns, ne;
		char nums[256];
		lp_match_group(s->m, "nums", &ns, &ne);
		long under = strtol(s->doc->fold + ns, NULL, 10);
		seg_label_numbers(s, l, nums, sizeof nums);
		return under == strtol(nums, NULL, 10);
	}
	if (rc < 0)
		return rc;
	/* Or the recommendation quoted ("“The Combined Authority should
	 * ..."). */
	const char *f = s->doc->fold + s->b[k].start;
	size_t len = s->b[k].end - s->b[k].start;
	if (voice && len > 4 && (*f == '"' || memcmp(f, "\xe2\x80\x9c", 3) == 0))
		return lp_rule_find(voice, s->doc->fold, s->b[k].end,
				    s->b[k].start, s->m, s->err);
	rc = seg_at(s, lp_rule_get(s->g, "recommendation.continued"), k);
	/* Or a resolution's "That the Executive commissions ...". */
	return rc == 0 && voice ? seg_at(s, voice, k) : rc;
}

/* Do the @nl labels @list, all before the first of the @nh bare
 * headings @heads, give each heading's numbers ("R5 and R6" among
 * them)? */
static bool labels_listed(const seg *s, const label *list, size_t nl,
			  const label *heads, size_t nh)
{
	if (nl < nh)
		return false;
	for (size_t j = 0; j < nl; j++)
		if (list[j].block >= heads[0].block)
			return false;
	for (size_t k = 0; k < nh; k++) {
		if (heads[k].has_body || !s->b[heads[k].block].heading)
			return false;
		char want[256], have[256];
		seg_label_numbers(s, &heads[k], want, sizeof want);
		for (char *p = want; *p;) {
			long w = strtol(p, &p, 10);
			p += *p == ',';
			bool found = false;
			for (size_t j = 0; j < nl && !found; j++) {
				seg_label_numbers(s, &list[j], have, sizeof have);
				found = strtol(have, NULL, 10) == w;
			}
			if (!found)
				return false;
		}
	}
	return true;
}

/* Labels @ls (*@n of them), each a bare heading ("### Recommendation
 * 3") after numbered paragraphs that give every one of their numbers
 * (find_numbered: in bold, or in a recommendation's voice): those
 * paragraphs replace them as the labels, and the headings head the
 * answers (answers_by_number).  0 or an error. */
static int listed_before(seg *s, label **ls, size_t *n, size_t *cap)
{
	/* The list may be of labels themselves ("- R1: The Authority
	 * should ..."), before the headings ("### R1"). */
	size_t first = 0;
	while (first < *n && (*ls)[first].has_body &&
	       !s->b[(*ls)[first].block].heading)
		first++;
	if (first >= 3 && first < *n &&
	    labels_listed(s, *ls, first, *ls + first, *n - first)) {
		*n = first;
		return 0;
	}
	for (size_t k = 0; k < *n; k++)
		if ((*ls)[k].has_body || !s->b[(*ls)[k].block].heading)
			return 0;
	size_t nn = 0, ncap = 16;
	label *num = lp_xmalloc(ncap * sizeof *num);
	int rc = find_numbered(s, lp_rule_get(s->g, "label.numbered"), &num,
			       &nn, &ncap);
	if (rc == 0 && nn && labels_listed(s, num, nn, *ls, *n)) {
		free(*ls);
		*ls = num;
		*n = nn;
		*cap = ncap;
	} else {
		free(num);
	}
	return rc;
}

/* The first number of label @l. */
static long first_number(const seg *s, const label *l)
{
	char nums[256];
	seg_label_numbers(s, l, nums, sizeof nums);
	return strtol(nums, NULL, 10);
}

/* A summary of the recommendations before them ("R1  Urgent Treatment
 * Centre opening hours  Partially accepted", a row for each), its labels
 * numbered as the recommendations' own are, in the same order: where
 * none of the summary's rows speaks as a recommendation and the
 * recommendations after it do, the summary's labels go.  0 or an
 * error. */
static int drop_summary(seg *s, label *ls, size_t *n)
{
	const lp_rule *voice = lp_rule_get(s->g, "recommendation.voice");
	if (*n == 0)
		return 0;
	long start = first_number(s, &ls[0]);
	size_t k = 1;
	while (k < *n && first_number(s, &ls[k]) != start)
		k++;
	if (!voice || k < 3 || *n - k < k)
		return 0;
	for (size_t j = 0; j < k; j++)
		if (first_number(s, &ls[j]) != first_number(s, &ls[k + j]))
			return 0;
	size_t voiced[2] = { 0, 0 };
	for (size_t j = 0; j < 2 * k; j++) {
		const label *l = &ls[j];
		size_t text = text_block(s, l);
		if (text == s->nb)
			continue;
		size_t a = l->has_body ? l->body_s : s->b[text].start;
		int rc = lp_rule_find(voice, s->doc->fold, s->b[text].end, a,
				      s->m, s->err);
		if (rc < 0)
			return rc;
		voiced[j >= k] += rc > 0;
	}
	if (voiced[0] > 0 || voiced[1] < k)
		return 0;
	memmove(ls, ls + k, (*n - k) * sizeof *ls);
	*n -= k;
	return 0;
}

/* Is label @l's first number among those of the labels @ls from @from
 * to @n? */
static bool numbered_again(const seg *s, const label *l, const label *ls,
			   size_t from, size_t n)
{
	char mine[256], later[256];
	seg_label_numbers(s, l, mine, sizeof mine);
	long v = strtol(mine, NULL, 10);
	for (size_t k = from; k < n; k++) {
		seg_label_numbers(s, &ls[k], later, sizeof later);
		if (seg_numbers_hold(later, v))
			return true;
	}
	return false;
}

/* Does block @k end on a page's number, after a space ("... The cost
 * cap 5")? */
static bool ends_page_number(const seg *s, size_t k)
{
	const char *f = s->doc->fold;
	size_t a = s->b[k].start, e = seg_trim_end(s, a, s->b[k].end), d = e;
	while (d > a && isdigit((unsigned char)f[d - 1]))
		d--;
	return d < e && e - d <= 3 && d > a && f[d - 1] == ' ';
}

/* Is block @k an entry of a contents list: it and the blocks before it
 * up to a heading "Contents" each end on a page's number ("Introduction
 * 3", "Conclusion 9"), none of them a heading itself? */
static bool contents_entry(const seg *s, size_t k)
{
	const char *f = s->doc->fold;
	while (k > 0 && ends_page_number(s, k)) {
		if (s->b[k].heading)
			return false;
		k--;
	}
	size_t a = s->b[k].start, e = seg_trim_end(s, a, s->b[k].end);
	if (e > a && f[e - 1] == ':')
		e--;
	static const char *const heads[] = { "contents", "table of contents" };
	for (size_t h = 0; h < 2; h++)
		if (e - a == strlen(heads[h]) &&
		    strncasecmp(f + a, heads[h], e - a) == 0)
			return true;
	return false;
}

/* A contents list: labels under a heading "Contents" that end on a
 * page's number ("Conclusion 9"), and labels one right under another
 * that do ("Recommendation 1: A legislated trajectory  4", over
 * "Recommendation 2: The cost cap  5") whose numbers label pairs again
 * after them.  Not pairs. */
static void drop_contents(const seg *s, label *ls, size_t *n)
{
	size_t m = 0;
	for (size_t k = 0; k < *n;) {
		size_t j = k;
		while (j + 1 < *n && ls[j + 1].block == ls[j].block + 1)
			j++;
		bool listed = j > k;
		for (size_t i = k; listed && i <= j; i++)
			listed = ends_page_number(s, ls[i].block) &&
				 numbered_again(s, &ls[i], ls, j + 1, *n);
		for (size_t i = k; i <= j; i++)
			if (!listed && !(ends_page_number(s, ls[i].block) &&
					 contents_entry(s, ls[i].block)))
				ls[m++] = ls[i];
		k = j + 1;
	}
	*n = m;
}

/* A label known by initials before its number ("TG3") is one only
 * where another shares its initials: "PC21" alone is a name. */
static void drop_lone_initials(label *ls, size_t *n)
{
	size_t m = 0;
	for (size_t k = 0; k < *n; k++) {
		bool keep = !ls[k].initials[0];
		for (size_t j = 0; !keep && j < *n; j++)
			keep = j != k && strcmp(ls[j].initials, ls[k].initials) == 0;
		if (keep)
			ls[m++] = ls[k];
	}
	*n = m;
}

/* An e-mail that quotes the one it answers ("> Recommendation One -
 * fixed penalties"), its own labels unquoted: the quoted ones are the
 * request's, not pairs.  (Where only quoted lines carry labels, the
 * reply answers inline, under each.) */
static void drop_quoted(const seg *s, label *ls, size_t *n)
{
	size_t own = 0, m = 0;
	for (size_t k = 0; k < *n; k++)
		own += !s->b[ls[k].block].quoted;
	if (own == 0)
		return;
	for (size_t k = 0; k < *n; k++)
		if (!s->b[ls[k].block].quoted)
			ls[m++] = ls[k];
	*n = m;
}

/* A reply typed under each recommendation it quotes ("Rec 1: The
 * Council should ..." over "Rec 1 – agreed. We will ..."): the second
 * label, with the same number and a response label's form, opens the
 * answer, not a pair.  0 or an error. */
static int drop_replies(seg *s, label *ls, size_t *n)
{
	const lp_rule *reply = lp_rule_get(s->g, "label.response");
	size_t m = 0;
	for (size_t k = 0; k < *n; k++) {
		if (m > 0 && reply) {
			char mine[256], before[256];
			seg_label_numbers(s, &ls[k], mine, sizeof mine);
			seg_label_numbers(s, &ls[m - 1], before, sizeof before);
			int rc = strcmp(mine, before) == 0
					 ? seg_at(s, reply, ls[k].block)
					 : 0;
			if (rc < 0)
				return rc;
			if (rc && seg_group(s, "body"))
				continue;
		}
		ls[m++] = ls[k];
	}
	*n = m;
	return 0;
}

/* A label alone on its line with the committee's paragraph alone on the
 * next ("**Recommendation 1****(paragraph 18)**", as a converter splits
 * glued bold): the paragraph is the label's, into @l.  0 or an error. */
static int para_below(seg *s, label *l)
{
	const lp_rule *ref = lp_rule_get(s->g, "recommendation.paragraph-ref");
	size_t k = l->block + 1;
	if (!ref || k + 1 >= s->nb)
		return 0;
	int rc = seg_at(s, ref, k);
	if (rc <= 0 || s->m->end < seg_trim_end(s, s->b[k].start, s->b[k].end))
		return rc < 0 ? rc : 0;
	l->has_para = lp_match_group(s->m, "para", &l->para_s, &l->para_e);
	l->para_below = l->has_para;
	return 0;
}

int seg_find_labels(seg *s, label **out, size_t *nout)
{
	size_t n = 0, cap = 16;
	label *ls = lp_xmalloc(cap * sizeof *ls);
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(s->g, "label.pair.", &rules);
	for (size_t i = 0; i < s->nb; i++) {
		for (size_t k = 0; k < nrules; k++) {
			const lp_rule *rule = rules[k];
			int rc = seg_at(s, rule, i);
			if (rc < 0) {
				free(ls);
				return rc;
			}
			if (!rc)
				continue;
			label l = { .block = i, .rule = rule };
			lp_match_group(s->m, "nums", &l.nums_s, &l.nums_e);
			l.has_body = lp_match_group(s->m, "body", &l.body_s,
						    &l.body_e);
			l.has_para = lp_match_group(s->m, "para", &l.para_s,
						    &l.para_e);
			size_t ia, ie;
			if (lp_match_group(s->m, "initials", &ia, &ie) &&
			    ie - ia < sizeof l.initials)
				memcpy(l.initials, s->doc->fold + ia, ie - ia);
			if (!l.has_body && !l.has_para &&
			    (rc = para_below(s, &l)) < 0) {
				free(ls);
				return rc;
			}
			if ((rc = titles_recommendations(s, &l)) < 0) {
				free(ls);
				return rc;
			}
			l.titled = rc > 0;
			if (n == cap) {
				cap *= 2;
				ls = lp_xrealloc(ls, cap * sizeof *ls);
			}
			ls[n++] = l;
			break;
		}
	}
	drop_contents(s, ls, &n);
	drop_lone_initials(ls, &n);
	drop_quoted(s, ls, &n);
	int drc = drop_replies(s, ls, &n);
	if (drc == 0)
		drc = drop_summary(s, ls, &n);
	if (drc < 0) {
		free(ls);
		return drc;
	}
	/* Bare "Recommendation N" headings over the answers, the
	 * recommendations listed in full before them ("1. LLDC should
	 * ..."): the list's items are the pairs. */
	if (n >= 3) {
		int rc = listed_before(s, &ls, &n, &cap);
		if (rc < 0) {
			free(ls);
			return rc;
		}
	}
	/* Numbered paragraphs make the pairs where there are no labels, or
	 * where the few labels there are only head some of them. */
	if (n >= 3) {
		int rc = ungroup(s, &ls, &n);
		if (rc < 0) {
			free(ls);
			return rc;
		}
		*out = ls;
		*nout = n;
		return 0;
	}
	/* Labels that give only the committee's paragraph, where there
	 * are no others. */
	if (n == 0) {
		int rc = paragraph_labels(s, &ls, &n, &cap);
		if (rc < 0) {
			free(ls);
			return rc;
		}
		if (n > 0) {
			*out = ls;
			*nout = n;
			return 0;
		}
	}
	size_t nn = 0, ncap = 16;
	label *num = lp_xmalloc(ncap * sizeof *num);
	int rc = find_numbered(s, lp_rule_get(s->g, "label.numbered"), &num,
			       &nn, &ncap);
	if (rc < 0) {
		free(ls);
		free(num);
		return rc;
	}
	if (n == 0 && nn == 0) {
		free(num);
		rc = paragraph_ref_labels(s, &ls, &n, &cap);
		/* Lettered as a council's resolutions are ("(a) That the
		 * Service reviews ..."), where nothing is numbered. */
		if (rc == 0 && n == 0)
			rc = find_numbered(s, lp_rule_get(s->g, "label.lettered"),
					   &ls, &n, &cap);
		if (rc == 0 && n < 2) {
			n = 0;
			rc = voice_labels(s, &ls, &n, &cap);
		}
		if (rc == 0 && n == 0)
			rc = answer_labels(s, &ls, &n, &cap);
		if (rc < 0) {
			free(ls);
			return rc;
		}
	} else if (n == 0 && (rc = bold_lettered(s, nn, &ls, &n, &cap)) != 0) {
		free(num);
		if (rc < 0) {
			free(ls);
			return rc;
		}
	} else if (n == 0 || numbers_cover(s, num, nn, ls, n)) {
		free(ls);
		ls = num;
		n = nn;
	} else {
		free(num);
	}
	*out = ls;
	*nout = n;
	return 0;
}