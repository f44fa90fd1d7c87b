/*
 * extract_money.c - amounts of money, with their value in currency units.
 *
 * grammars/money.yaml finds an amount (groups cur, num, mult, pence) and
 * the words around it: a qualifier before it ("nearly"), a status before
 * or after it ("committing", "already confirmed"), a period after it ("a
 * year") and the top of a range ("to £3m").  This file turns the groups
 * into numbers.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

typedef struct amount {
	size_t start, end; /* fold offsets of the amount as written */
	double value;
	const char *currency;
} amount;

static const char *group(lp_xctx *x, const char *name, size_t *a, size_t *e)
{
	if (!lp_match_group(x->m, name, a, e) || *a == *e)
		return NULL;
	return x->doc->fold + *a;
}

/* "17.7" with multiplier "m" -> 17700000; "18,800,792,000" -> itself. */
static double number(const char *s, size_t n)
{
	char buf[64];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
		if (s[i] != ',')
			buf[k++] = s[i];
	buf[k] = '\0';
	return strtod(buf, NULL);
}

static double multiplier(const char *s, size_t n)
{
	if (n == 0)
		return 1;
	switch (tolower((unsigned char)s[0])) {
	case 'k':
	case 't': /* thousand */
		return 1e3;
	case 'm':
		return 1e6;
	case 'b':
		return 1e9;
	}
	return 1;
}

static const char *currency(const char *s, size_t n)
{
	if (n == 0)
		return "GBP";
	if (s[0] == '$' || (n >= 3 && strncmp(s, "USD", 3) == 0))
		return "USD";
	if ((unsigned char)s[0] == 0xE2 || (n >= 3 && strncmp(s, "EUR", 3) == 0))
		return "EUR"; /* € is E2 82 AC */
	return "GBP";
}

/* Read the amount that the last money.amount match found. */
static amount read_amount(lp_xctx *x)
{
	amount am = { x->m->start, x->m->end, 0, "GBP" };
	size_t a, e;
	const char *num = group(x, "num", &a, &e);
	if (!num)
		return am;
	double v = number(num, e - a);
	if (group(x, "pence", &a, &e)) {
		v /= 100;
	} else {
		const char *mult = group(x, "mult", &a, &e);
		v *= multiplier(mult, mult ? e - a : 0);
	}
	const char *cur = group(x, "cur", &a, &e);
	am.currency = currency(cur, cur ? e - a : 0);
	am.value = v;
	return am;
}

static void set_number(lp_xctx *x, int span, const char *key, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		lp_entity_setf(x, span, key, "%.0f", v);
	else
		lp_entity_setf(x, span, key, "%.2f", v);
}

/* Set @key of @span from group @name of the last match, lower-cased and
 * with runs of spaces folded. */
static void set_group(lp_xctx *x, int span, const char *key, const char *name)
{
	size_t a, e;
	const char *s = group(x, name, &a, &e);
	if (!s)
		return;
	char buf[64];
	size_t k = 0;
	for (size_t i = 0; i < e - a && k + 1 < sizeof buf; i++) {
		char c = (char)tolower((unsigned char)s[i]);
		if (isspace((unsigned char)c)) {
			if (k && buf[k - 1] != ' ')
				buf[k++] = ' ';
		} else {
			buf[k++] = c;
		}
	}
	buf[k] = '\0';
	lp_span_set(x->doc, span, key, buf);
}

/* The status as the issue lists it, whatever the verb's form:
 * "committing" and "commitment" are committed, "invests" invested. */
static void set_status(lp_xctx *x, int span)
{
	static const char *const words[] = { "confirmed", "committed",
					     "allocated", "awarded",
					     "invested" };
	size_t a, e;
	const char *s = group(x, "status", &a, &e);
	if (!s || e - a < 5)
		return;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strncasecmp(s, words[i], 5) == 0) {
			lp_span_set(x->doc, span, "status", words[i]);
			return;
		}
}

int lp_extract_money(lp_xctx *x, int section, size_t a, size_t e)
{
	const lp_rule *r = lp_rule_get(x->g, "money.amount");
	if (!r || !lp_rule_may_match(r, x->doc->fold, a, e, x->m))
		return 0;
	for (size_t from = a; from < e;) {
		int rc = lp_rule_find(r, x->doc->fold, e, from, x->m, x->err);
		if (rc <= 0)
			return rc;
		amount am = read_amount(x);
		/* A rule that matches nothing (an edited grammar) must not
		 * hold the loop in place. */
		from = am.end > from ? am.end : from + 1;
		int span = lp_add_entity(x, LP_SPAN_MONEY, am.start, am.end, r,
					 section);
		set_number(x, span, "amount", am.value);
		lp_span_set(x->doc, span, "currency", am.currency);

		/* The top of a range: "between £2m and £3m", "£2m-£3m".  Not
		 * a change: "rose from £48 to £63" names two amounts. */
		int change = lp_match_before(x, "money.change-from", am.start, 12);
		if (change < 0)
			return change;
		rc = change ? 0 : lp_match_after(x, "money.range-to", am.end, e);
		if (rc < 0)
			return rc;
		if (rc) {
			size_t to = x->m->end;
			if ((rc = lp_rule_at(r, x->doc->fold, e, to, x->m,
					     x->err)) < 0)
				return rc;
			if (rc) {
				/* The range is one entity with a max; its top is
				 * also an amount as written, marked as the top of
				 * that range so that a sum can leave it out. */
				amount top = read_amount(x);
				set_number(x, span, "max", top.value);
				int up = lp_add_entity(x, LP_SPAN_MONEY, top.start,
						       top.end, r, section);
				set_number(x, up, "amount", top.value);
				lp_span_set(x->doc, up, "currency", top.currency);
				lp_span_set(x->doc, up, "range", "upper");
				from = top.end > from ? top.end : from;
			}
		}
		size_t after = from;
		if ((rc = lp_match_before(x, "money.qualifier", am.start, 40)) < 0)
			return rc;
		if (rc)
			set_group(x, span, "qualifier", "qualifier");
		if ((rc = lp_match_after(x, "money.period", after, e)) < 0)
			return rc;
		if (rc)
			set_group(x, span, "period", "period");
		if ((rc = lp_match_after(x, "money.status-after", after, e)) < 0)
			return rc;
		if (rc == 0 &&
		    (rc = lp_match_before(x, "money.status-before", am.start,
					  60)) < 0)
			return rc;
		if (rc)
			set_status(x, span);
	}
	return 0;
}
