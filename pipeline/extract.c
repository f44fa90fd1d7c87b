/*
 * extract.c - stage 4: money, dates and commitments in every section, and
 * the stance of every response.
 *
 * This file runs the extractors over the sections that segmentation found
 * and holds what they share: entity spans, look-behind and look-ahead
 * matches, and sentence splitting.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

int lp_add_entity(lp_xctx *x, enum lp_span_kind kind, size_t a, size_t e,
		  const lp_rule *rule, int parent)
{
	return lp_doc_add_span(x->doc, kind, lp_fold_to_text(x->doc, a),
			       lp_fold_to_text(x->doc, e),
			       rule ? lp_rule_name(rule) : NULL, parent);
}

void lp_entity_setf(lp_xctx *x, int span, const char *key, const char *fmt,
		    ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lp_span_set(x->doc, span, key, buf);
}

int lp_match_before(lp_xctx *x, const char *name, size_t at, size_t window)
{
	const lp_rule *r = lp_rule_get(x->g, name);
	if (!r)
		return 0;
	size_t from = at > window ? at - window : 0;
	/* Start at a character boundary. */
	while (from < at && ((unsigned char)x->doc->fold[from] & 0xC0) == 0x80)
		from++;
	if (!lp_rule_may_match(r, x->doc->fold, from, at, x->m))
		return 0;
	/* The rule ends in \z, so the subject stops at @at.  (Not in $:
	 * rules are compiled multi-line, and $ would match at the end of
	 * any line in the window, a paragraph's that a page break left
	 * open.) */
	return lp_rule_find(r, x->doc->fold, at, from, x->m, x->err);
}

/* Is the document a meeting's minutes: does its head say so, as the
 * letter's date rule for minutes reads it?  1, 0 or an error. */
static int minutes(lp_xctx *x)
{
	if (x->minutes != -2)
		return x->minutes;
	const lp_rule *r = lp_rule_get(x->g, "letter.date-field.minutes");
	size_t len = x->doc->fold_len < 4096 ? x->doc->fold_len : 4096;
	while (len > 0 && len < x->doc->fold_len &&
	       ((unsigned char)x->doc->fold[len] & 0xC0) == 0x80)
		len--; /* the head ends on a whole character */
	x->minutes = r ? lp_rule_find(r, x->doc->fold, len, 0, x->m, x->err)
		       : 0;
	return x->minutes;
}

int lp_reported_speech(lp_xctx *x)
{
	if (x->reported != -2)
		return x->reported;
	int rc = minutes(x);
	if (rc != 0)
		return x->reported = rc;
	const lp_rule *speech = lp_rule_get(x->g, "speech.reported");
	x->reported = speech && lp_rule_may_match(speech, x->doc->fold,
						  x->sec_a, x->sec_e, x->m)
			      ? lp_rule_find(speech, x->doc->fold, x->sec_e,
					     x->sec_a, x->m, x->err)
			      : 0;
	return x->reported;
}

int lp_match_after(lp_xctx *x, const char *name, size_t at, size_t limit)
{
	const lp_rule *r = lp_rule_get(x->g, name);
	if (!r)
		return 0;
	return lp_rule_at(r, x->doc->fold, limit, at, x->m, x->err);
}

/* Is the word that ends at fold offset @dot (the full stop) an
 * abbreviation or an initial, after which a sentence goes on? */
static bool abbreviation(lp_xctx *x, size_t a, size_t dot)
{
	size_t w = dot;
	while (w > a && !isspace((unsigned char)x->doc->fold[w - 1]) &&
	       x->doc->fold[w - 1] != '(')
		w--;
	if (w == dot)
		return false;
	const lp_rule *r = lp_rule_get(x->g, "sentence.abbreviation");
	lp_error e;
	return r && lp_rule_at(r, x->doc->fold, dot, w, x->m, &e) == 1;
}

/* The first line end or sentence stop ('.', '!', '?') of @f in [i, e),
 * or @e.  The folded text is a C string. */
static size_t next_stop(const char *f, size_t i, size_t e)
{
	size_t k = i + strcspn(f + i, "\n.!?");
	return k < e ? k : e;
}

size_t lp_sentences(lp_xctx *x, size_t a, size_t e, lp_range **out)
{
	const char *f = x->doc->fold;
	size_t n = 0, cap = 16;
	lp_range *r = lp_xmalloc(cap * sizeof *r);
	size_t start = a;
	for (size_t i = a; i <= e; i++) {
		if (i < e)
			i = next_stop(f, i, e);
		bool cut = false;
		size_t end = i, next = i;
		if (i == e || f[i] == '\n') {
			/* A line ends a sentence: list items and headings. */
			cut = true;
			next = i + 1;
		} else if (f[i] == '.' || f[i] == '!' || f[i] == '?') {
			size_t k = i + 1;
			while (k < e && strchr("\"')]", f[k]))
				k++;
			if (k < e && f[k] == ' ') {
				size_t j = k;
				while (j < e && f[j] == ' ')
					j++;
				unsigned char c = (unsigned char)f[j];
				bool opens = j < e && (isupper(c) || isdigit(c) ||
						       strchr("\"'(", c) || c >= 0x80);
				if (opens && !(f[i] == '.' && abbreviation(x, a, i))) {
					cut = true;
					end = k;
					next = j;
				}
			}
		}
		if (!cut)
			continue;
		while (start < end && isspace((unsigned char)f[start]))
			start++;
		if (end > start) {
			if (n == cap) {
				cap *= 2;
				r = lp_xrealloc(r, cap * sizeof *r);
			}
			r[n++] = (lp_range){ start, end };
		}
		start = next;
		i = next - 1;
	}
	*out = r;
	return n;
}

/* The reference date: --ref-date, else the letter's date. */
static void reference_date(lp_xctx *x)
{
	const char *d = x->doc->ref_date ? x->doc->ref_date : x->doc->letter.date;
	/* A letter dated to the month ("2026-10") counts from its first
	 * day. */
	if (d && strlen(d) >= 7) {
		x->ref_y = atoi(d);
		x->ref_m = atoi(d + 5);
		x->ref_d = strlen(d) >= 10 ? atoi(d + 8) : 1;
	}
}

static int section(lp_xctx *x, int i)
{
	const lp_span *sp = &x->doc->spans[i];
	size_t a = lp_text_to_fold(x->doc, sp->start);
	size_t e = lp_text_to_fold(x->doc, sp->end);
	enum lp_span_kind kind = sp->kind;
	x->sec_a = a;
	x->sec_e = e;
	x->reported = -2;
	double *seconds = x->doc->seconds, t = lp_clock(), now;
	int rc = lp_extract_money(x, i, a, e);
	seconds[LP_STAGE_MONEY] += (now = lp_clock()) - t;
	if (rc == 0) {
		rc = lp_extract_dates(x, i, a, e);
		seconds[LP_STAGE_DATES] += (t = lp_clock()) - now;
	}
	/* A recommendation's "must" and "should" are demands of the
	 * committee, not undertakings of the responder.  A row's details
	 * are read for them too: a column after the response may be a
	 * progress update ("We will report in June"). */
	if (rc == 0 && kind != LP_SPAN_RECOMMENDATION)
		rc = lp_extract_commitments(x, i, a, e);
	if (rc == 0 && kind == LP_SPAN_RESPONSE)
		rc = lp_extract_stance(x, x->doc->spans[i].parent, a, e);
	seconds[LP_STAGE_COMMITMENTS] += lp_clock() - t;
	return rc;
}

int lp_extract(lp_doc *doc, const lp_grammar *g, lp_error *err)
{
	lp_xctx x = { .doc = doc, .g = g, .err = err, .minutes = -2 };
	x.m = lp_match_new(g);
	reference_date(&x);
	/* Entities are appended to the span array while it is walked, so
	 * the walk stops at the spans that were there before. */
	size_t n = doc->nspans;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		enum lp_span_kind k = doc->spans[i].kind;
		if (lp_span_attr(&doc->spans[i], "inside_response"))
			continue; /* its entities are its response's */
		if (k == LP_SPAN_COVER || k == LP_SPAN_RECOMMENDATION ||
		    k == LP_SPAN_RESPONSE || k == LP_SPAN_TEXT ||
		    k == LP_SPAN_INTRODUCTION || k == LP_SPAN_CLOSING ||
		    k == LP_SPAN_DETAILS)
			rc = section(&x, (int)i);
	}
	lp_match_free(x.m);
	return rc;
}

/* ---- checking the values that examples expect ------------------------ */

static enum lp_span_kind family_kind(const char *rule)
{
	if (strncmp(rule, "money.", 6) == 0)
		return LP_SPAN_MONEY;
	if (strncmp(rule, "date.", 5) == 0)
		return LP_SPAN_DATE;
	if (strncmp(rule, "commitment.", 11) == 0 ||
	    strncmp(rule, "reported.", 9) == 0)
		return LP_SPAN_COMMITMENT;
	return LP_SPAN_KIND_COUNT;
}

/* The entity the example gives: of the rule's own making if there is one,
 * else the first of its kind. */
static const lp_span *example_entity(const lp_doc *doc, const lp_rule *r)
{
	enum lp_span_kind kind = family_kind(lp_rule_name(r));
	const lp_span *first = NULL;
	for (size_t i = 0; i < doc->nspans; i++) {
		const lp_span *sp = &doc->spans[i];
		if (sp->kind != kind)
			continue;
		if (sp->rule && strcmp(sp->rule, lp_rule_name(r)) == 0)
			return sp;
		if (!first)
			first = sp;
	}
	return first;
}

static int check_one(const lp_grammar *g, const lp_rule *r, const char *text,
		     char *const *fields, size_t n, long line, FILE *report)
{
	const char *ref = "2022-08-18";
	for (size_t k = 0; k < n; k++)
		if (strcmp(fields[2 * k], "ref_date") == 0)
			ref = fields[2 * k + 1];
	lp_options opt = { .ref_date = ref };
	lp_doc *doc = NULL;
	lp_error err = { 0 };
	int bad = 0;
	if (lp_ingest_bytes("example", text, strlen(text), &opt, &doc, &err) ||
	    lp_doc_process_text(doc, g, &err)) {
		if (report)
			fprintf(report, "%s:%ld: rule '%s': %s\n",
				lp_rule_file(r), line, lp_rule_name(r), err.msg);
		lp_doc_free(doc);
		return 1;
	}
	const lp_span *sp = example_entity(doc, r);
	for (size_t k = 0; k < n; k++) {
		const char *key = fields[2 * k], *want = fields[2 * k + 1];
		if (strcmp(key, "ref_date") == 0)
			continue;
		const char *got = NULL;
		if (sp && strcmp(key, "text") == 0)
			got = lp_arena_strndup(doc->arena, doc->text + sp->start,
					       sp->end - sp->start);
		else if (sp)
			got = lp_span_attr(sp, key);
		if (!got || strcmp(got, want) != 0) {
			if (report)
				fprintf(report,
					"%s:%ld: rule '%s': %s of \"%s\" is "
					"'%s', expected '%s'\n",
					lp_rule_file(r), line, lp_rule_name(r),
					key, text, got ? got : "(none)", want);
			bad++;
		}
	}
	lp_doc_free(doc);
	return bad;
}

int lp_grammar_check_values(const lp_grammar *g, FILE *report)
{
	int bad = 0;
	for (size_t k = 0; k < lp_grammar_count(g); k++) {
		const lp_rule *r = lp_grammar_rule(g, k);
		const char *text;
		char *const *fields;
		size_t n;
		long line;
		for (size_t i = 0;
		     lp_rule_expectation(r, i, &text, &fields, &n, &line); i++)
			if (n)
				bad += check_one(g, r, text, fields, n, line,
						 report);
	}
	return bad;
}
