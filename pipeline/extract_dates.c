/*
 * extract_dates.c - dates and periods, resolved to ISO 8601.
 *
 * Every rule named date.<kind> in grammars/dates.yaml finds one form of
 * date; the part after "date." says how to read its groups.  Where
 * several rules match overlapping text, the longest match wins, so
 * "between October and December 2021" is one range, not two months.
 * Relative expressions ("later this year", "this financial year") are
 * resolved against the reference date, and a date after "by", "until" or
 * "no later than" is marked as a deadline.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

/* How far back a day or month without a year looks for the word that
 * gives its tense ("will", "published"): the cue rules stop at the
 * sentence's start, so this only bounds the search. */
#define CUE_WINDOW 160

typedef struct candidate {
	size_t start, end;
	const lp_rule *rule;
	const char *kind;
	char value[48]; /* "" when the text has no definite date */
	bool deadline;  /* the date says so itself: "within six months" */
} candidate;

typedef struct cands {
	candidate *v;
	size_t n, cap;
} cands;

/* ---- reading groups --------------------------------------------------- */

static bool grp(lp_xctx *x, const char *name, size_t *a, size_t *e)
{
	return lp_match_group(x->m, name, a, e) && *e > *a;
}

static int int_group(lp_xctx *x, const char *name)
{
	size_t a, e;
	if (!grp(x, name, &a, &e))
		return 0;
	return atoi(x->doc->fold + a);
}

static int month_group(lp_xctx *x, const char *name)
{
	size_t a, e;
	if (!grp(x, name, &a, &e))
		return 0;
	return lp_month_number(x->doc->fold + a, e - a);
}

/* The second year of "2022-23" or "2017/2018", as a full year. */
static int second_year(int y1, int y2)
{
	if (y2 >= 100)
		return y2;
	int y = y1 / 100 * 100 + y2;
	return y < y1 ? y + 100 : y;
}


/* A financial year, 1 April to 31 March. */
static void fy(char *out, size_t n, int y)
{
	snprintf(out, n, "%04d-04-01/%04d-03-31", y, y + 1);
}

/* A span of months, "2021-10/2021-12"; one month alone is "2021-10". */
static void months(char *out, size_t n, int y1, int m1, int y2, int m2)
{
	if (y1 == y2 && m1 == m2)
		snprintf(out, n, "%04d-%02d", y1, m1);
	else
		snprintf(out, n, "%04d-%02d/%04d-%02d", y1, m1, y2, m2);
}

/* Add @k months to (y, m). */
static void add_months(int *y, int *m, int k)
{
	int t = *y * 12 + (*m - 1) + k;
	*y = t / 12;
	*m = t % 12 + 1;
}

/* ---- one rule at a time ----------------------------------------------- */

static bool format_day(candidate *c, int y, int m, int d)
{
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02d", y, m, d);
	c->kind = "date";
	return true;
}

/* Does the clause before fold offset @at look ahead: "is due to be
 * completed on", and in reported speech "officers would report back in"
 * (the future of the meeting's day)?  A date that has @passed this year
 * is not pushed into the next by "by" alone when the clause is in the
 * past tense: "had told the Department by 7 March". */
static bool looks_ahead(lp_xctx *x, size_t at, bool passed)
{
	if (lp_match_before(x, "cue.future", at, CUE_WINDOW) > 0) {
		size_t a, e;
		return !passed || !lp_match_group(x->m, "by", &a, &e) ||
		       lp_match_before(x, "cue.past", at, CUE_WINDOW) <= 0;
	}
	return lp_reported_speech(x) > 0 &&
	       lp_match_before(x, "cue.future-reported", at, CUE_WINDOW) > 0;
}

/* Does the clause around the date at fold [@at, @end) look back: "the
 * audit, published on", or with no cue before it the verb after it, "On
 * 21 December I spent ..."?  -1 back, 1 ahead, 0 neither. */
static int tense_around(lp_xctx *x, size_t at, size_t end, bool passed)
{
	if (looks_ahead(x, at, passed))
		return 1;
	if (lp_match_before(x, "cue.past", at, CUE_WINDOW) > 0)
		return -1;
	if (lp_match_after(x, "cue.tense-after", end, x->sec_e) > 0) {
		size_t ga, ge;
		return lp_match_group(x->m, "future", &ga, &ge) ? 1 : -1;
	}
	return 0;
}

static bool read_day(lp_xctx *x, candidate *c)
{
	int d = int_group(x, "day"), m = month_group(x, "month");
	int y = int_group(x, "year");
	return lp_valid_day(y, m, d) && format_day(c, y, m, d);
}

/* "15 June": the reference date's year, or the next one when the
 * sentence looks ahead ("is due to be completed on 15 June") and the
 * date has passed. */
static bool read_day_no_year(lp_xctx *x, candidate *c)
{
	int d = int_group(x, "day"), m = month_group(x, "month");
	/* "on 12 July and 25 July 2021": the year of the date after. */
	int y2 = int_group(x, "year2");
	if (y2 && lp_valid_day(y2, m, d))
		return format_day(c, y2, m, d);
	int y = x->ref_y;
	bool past = m < x->ref_m || (m == x->ref_m && d < x->ref_d);
	/* The look-behinds replace the match: the day is read first. */
	int tense = tense_around(x, x->m->start, x->m->end, past);
	if (past && tense > 0)
		y++;
	else if (!past && tense < 0)
		y--; /* "the audit, published on 15 September" */
	if (!lp_valid_day(y, m, d))
		return false;
	return format_day(c, y, m, d);
}

static bool read_month_no_year(lp_xctx *x, candidate *c)
{
	int m = month_group(x, "month");
	if (!m || !x->ref_y)
		return false;
	int y = x->ref_y;
	/* "in June and July", "from November to February": the months
	 * between; "in January and March" is January alone.  Read before
	 * the tense, whose look-behinds replace the match. */
	size_t a, e, ma, me;
	int m2 = month_group(x, "month2");
	if (m2 && grp(x, "and", &a, &e) && m2 != m + 1 &&
	    grp(x, "month", &ma, &me)) {
		c->end = me;
		m2 = 0;
	}
	bool meeting = grp(x, "meeting", &a, &e);
	/* "will open in January", "was published in December". */
	int tense = m != x->ref_m ? tense_around(x, x->m->start, x->m->end,
						   m < x->ref_m)
				  : 0;
	/* With no tense to go by, a meeting named by its month ("before
	 * the May meeting") is the next one. */
	if (m < x->ref_m && (tense > 0 || (tense == 0 && meeting)))
		y++;
	else if (m > x->ref_m && tense < 0)
		y--;
	if (m2) {
		months(c->value, sizeof c->value, y, m, y + (m2 < m), m2);
		c->kind = "range";
	} else {
		snprintf(c->value, sizeof c->value, "%04d-%02d", y, m);
		c->kind = "month";
	}
	return true;
}

/* "March next year"; "next March", the coming one, and "last March",
 * the one gone. */
static bool read_month_relative(lp_xctx *x, candidate *c)
{
	size_t a, e;
	int m = month_group(x, "month"), y = x->ref_y;
	if (!m || !y)
		return false;
	if (grp(x, "near", &a, &e)) {
		if (tolower((unsigned char)x->doc->fold[a]) == 'n')
			y += m <= x->ref_m;
		else
			y -= m >= x->ref_m;
	} else if (grp(x, "rel", &a, &e)) {
		char w = (char)tolower((unsigned char)x->doc->fold[a]);
		y += (w == 'n') - (w == 'l');
	} else {
		return false;
	}
	snprintf(c->value, sizeof c->value, "%04d-%02d", y, m);
	c->kind = "relative";
	return true;
}

/* A school's or a university's year, from September: "the 2024/25
 * academic year". */
static void academic_year(candidate *c, int y1)
{
	snprintf(c->value, sizeof c->value, "%04d-09-01/%04d-08-31", y1,
		 y1 + 1);
	c->kind = "academic-year";
}

static bool read_range_years(lp_xctx *x, candidate *c)
{
	int y1 = int_group(x, "y1"), y2 = int_group(x, "y2");
	if (!y1 || y2 <= y1)
		return false;
	/* "the 2026 to 2027 financial year", as GOV.UK writes it */
	size_t a, e;
	if (grp(x, "fy", &a, &e) && y2 == y1 + 1) {
		fy(c->value, sizeof c->value, y1);
		c->kind = "financial-year";
		return true;
	}
	if (grp(x, "academic", &a, &e) && y2 == y1 + 1) {
		academic_year(c, y1);
		return true;
	}
	snprintf(c->value, sizeof c->value, "%04d/%04d", y1, y2);
	c->kind = "range";
	return true;
}

static bool read_range_days(lp_xctx *x, candidate *c)
{
	int d1 = int_group(x, "d1"), m1 = month_group(x, "m1");
	int d2 = int_group(x, "d2"), m2 = month_group(x, "m2");
	int y2 = int_group(x, "y2"), y1 = int_group(x, "y1");
	/* "between 17 March and 12 August 2020": the year once, at the end;
	 * "1 December – 4 January 2017" runs over the new year. */
	if (!y1)
		y1 = m1 <= m2 ? y2 : y2 - 1;
	if (!lp_valid_day(y1, m1, d1) || !lp_valid_day(y2, m2, d2))
		return false;
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02d/%04d-%02d-%02d",
		 y1, m1, d1, y2, m2, d2);
	c->kind = "range";
	return true;
}

/* "w/c 12 January 2026": that day and the six after it.  Without a
 * year, the reference date's. */
static bool read_week(lp_xctx *x, candidate *c)
{
	int d = int_group(x, "day"), m = month_group(x, "month");
	int y = int_group(x, "year");
	if (!y)
		y = x->ref_y;
	if (!lp_valid_day(y, m, d))
		return false;
	int y2 = y, m2 = m, d2 = d + 6;
	if (d2 > lp_days_in_month(y2, m2)) {
		d2 -= lp_days_in_month(y2, m2);
		if (++m2 > 12) {
			m2 = 1;
			y2++;
		}
	}
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02d/%04d-%02d-%02d", y,
		 m, d, y2, m2, d2);
	c->kind = "range";
	return true;
}

static bool read_range_months(lp_xctx *x, candidate *c)
{
	int m1 = month_group(x, "m1"), m2 = month_group(x, "m2");
	int y2 = int_group(x, "y2"), y1 = int_group(x, "y1");
	if (!y1)
		y1 = m1 <= m2 ? y2 : y2 - 1;
	if (!m1 || !m2 || !y2)
		return false;
	/* Two months "and" each other are one span only when one follows
	 * the other. */
	size_t a, e;
	if (grp(x, "and", &a, &e) && (y1 != y2 || m2 != m1 + 1))
		return false;
	months(c->value, sizeof c->value, y1, m1, y2, m2);
	c->kind = "range";
	return true;
}

/* "early 2026" is January to April, "mid-2026" May to August, "late
 * 2026" September to December. */
static bool read_part_year(lp_xctx *x, candidate *c)
{
	int y = int_group(x, "year");
	size_t a, e;
	int from = grp(x, "early", &a, &e) ? 1 : grp(x, "mid", &a, &e) ? 5 : 9,
	    span = 3;
	if (grp(x, "half", &a, &e)) { /* "the first half of 2025" */
		from = tolower((unsigned char)x->doc->fold[a]) == 'f' ? 1 : 7;
		span = 5;
	}
	if (!y)
		return false;
	months(c->value, sizeof c->value, y, from, y, from + span);
	c->kind = "range";
	return true;
}

static bool read_fy(lp_xctx *x, candidate *c)
{
	int y1 = int_group(x, "y1");
	int y2 = second_year(y1, int_group(x, "y2"));
	/* Years that follow each other are a financial year; a few years
	 * apart, a period of them ("2025-30"); a count ("2023/1234")
	 * neither. */
	size_t a, e;
	if (y2 == y1 + 1 && grp(x, "academic", &a, &e)) {
		academic_year(c, y1);
		return true;
	}
	if (y2 == y1 + 1) {
		fy(c->value, sizeof c->value, y1);
		c->kind = "financial-year";
		return true;
	}
	if (y2 <= y1 || y2 - y1 > 10)
		return false;
	/* Written short, "2023/25" or "2021-26", the years are a public
	 * body's: financial years, from April to March ("the 2023/25 NHS
	 * Payment Scheme"); in full, "2025-2030", calendar years. */
	if (grp(x, "y2", &a, &e) && e - a == 2) {
		snprintf(c->value, sizeof c->value, "%04d-04-01/%04d-03-31", y1,
			 y2);
		c->kind = "financial-year";
		return true;
	}
	snprintf(c->value, sizeof c->value, "%04d/%04d", y1, y2);
	c->kind = "range";
	return true;
}

static bool read_fy_span(lp_xctx *x, candidate *c)
{
	int y1 = int_group(x, "y1"), y3 = int_group(x, "y3");
	if (second_year(y1, int_group(x, "y2")) != y1 + 1 ||
	    second_year(y3, int_group(x, "y4")) != y3 + 1 || y3 < y1)
		return false;
	snprintf(c->value, sizeof c->value, "%04d-04-01/%04d-03-31", y1,
		 y3 + 1);
	c->kind = "financial-year";
	return true;
}

static bool read_quarter(lp_xctx *x, candidate *c)
{
	int q = int_group(x, "q"), y = int_group(x, "y1");
	size_t oa, oe;
	if (!q && grp(x, "ordinal", &oa, &oe)) {
		static const char *const ord[] = { "first", "second", "third",
						   "fourth" };
		for (int k = 0; k < 4; k++)
			if (strncasecmp(x->doc->fold + oa, ord[k], 4) == 0)
				q = k + 1;
		if (!q)
			q = 4; /* final, last */
	}
	int m;
	if (int_group(x, "y2")) {
		/* A quarter of a financial year: Q1 is April to June. */
		if (second_year(y, int_group(x, "y2")) != y + 1)
			return false;
		m = 4;
		add_months(&y, &m, 3 * (q - 1));
	} else {
		m = 3 * (q - 1) + 1;
	}
	int y2 = y, m2 = m;
	add_months(&y2, &m2, 2);
	snprintf(c->value, sizeof c->value, "%04d-%02d-01/%04d-%02d-%02d", y, m,
		 y2, m2, lp_days_in_month(y2, m2));
	c->kind = "quarter";
	return true;
}

static bool read_season(lp_xctx *x, candidate *c)
{
	size_t a, e;
	if (!grp(x, "season", &a, &e))
		return false;
	static const char *const names[] = { "spring", "summer", "autumn",
					     "winter" };
	int m = 0;
	for (int i = 0; i < 4; i++)
		if (strncasecmp(x->doc->fold + a, names[i], 4) == 0)
			m = 3 + 3 * i;
	int y = int_group(x, "year");
	/* Only a winter has two years ("winter 2024/25"); the second must
	 * follow the first. */
	size_t ya, ye;
	if (y && grp(x, "year2", &ya, &ye)) {
		int y2 = int_group(x, "year2");
		if (m != 12 || y2 % 100 != (y + 1) % 100)
			return false;
	}
	if (!y) {
		size_t ra, re;
		if (!grp(x, "rel", &ra, &re) || !x->ref_y)
			return false; /* "in the summer": which one? */
		y = x->ref_y;
		/* In January, "this winter" is the one that began in
		 * December. */
		if (m == 12 && x->ref_m <= 2)
			y--;
		/* "Next" is the coming one: this year's if it has not begun,
		 * else next year's. */
		/* "In the spring", "by the summer" are the coming one too. */
		char w = (char)tolower((unsigned char)x->doc->fold[ra]);
		bool begun = m == 12 ? x->ref_m <= 2 || x->ref_m == 12
				     : x->ref_m > m + 2 || x->ref_m >= m;
		bool over = m != 12 && x->ref_m > m + 2;
		bool coming = w != 't' && w != 'n' && w != 'l';
		/* ... unless the sentence is in the past tense: "who gave
		 * evidence over the spring"; "since the summer" is the one
		 * gone, or this one. */
		if (coming && (w == 's' || tense_around(x, x->m->start,
							x->m->end, over) < 0)) {
			coming = false;
			y -= !begun;
		}
		if ((w == 'n' && begun) || (coming && over))
			y++;
		else if (w == 'l')
			y--;
		c->kind = "relative";
	} else {
		c->kind = "season";
	}
	int y2 = y, m2 = m;
	add_months(&y2, &m2, 2);
	months(c->value, sizeof c->value, y, m, y2, m2);
	return true;
}

/* Easter Sunday of year @y, as month and day: the Gregorian computus
 * (the anonymous algorithm of 1876). */
static void easter(int y, int *m, int *d)
{
	int a = y % 19, b = y / 100, c = y % 100, k = c % 4;
	int e = (19 * a + b - b / 4 - (b - (b + 8) / 25 + 1) / 3 + 15) % 30;
	int l = (32 + 2 * (b % 4) + 2 * (c / 4) - e - k) % 7;
	int n = e + l - 7 * ((a + 11 * e + 22 * l) / 451) + 114;
	*m = n / 31;
	*d = n % 31 + 1;
}

/* "in the new year", its first months; "before Christmas", "by Easter",
 * the coming one, or in the past tense the one gone; "Easter 2025",
 * that year's. */
static bool read_occasion(lp_xctx *x, candidate *c)
{
	int y = x->ref_y, m = x->ref_m, d = x->ref_d;
	size_t a, e;
	c->kind = "relative";
	c->value[0] = '\0';
	bool is_easter = grp(x, "easter", &a, &e);
	int named = int_group(x, "year");
	if (is_easter && named) {
		int em, ed;
		easter(named, &em, &ed);
		snprintf(c->value, sizeof c->value, "%04d-%02d-%02d", named,
			 em, ed);
		c->kind = "day";
		return true;
	}
	if (!y)
		return true;
	if (grp(x, "new_year", &a, &e)) {
		y += m >= 7;
		snprintf(c->value, sizeof c->value, "%04d-01/%04d-03", y, y);
		return true;
	}
	int om = 12, od = 25; /* Christmas */
	if (is_easter)
		easter(y, &om, &od);
	bool gone = m > om || (m == om && d > od);
	if (tense_around(x, x->m->start, x->m->end, gone) < 0)
		y -= !gone;
	else
		y += gone;
	if (is_easter)
		easter(y, &om, &od);
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02d", y, om, od);
	return true;
}

/* The relative expressions, each a named group of date.relative. */
static bool read_relative(lp_xctx *x, candidate *c)
{
	int y = x->ref_y, m = x->ref_m, d = x->ref_d;
	size_t a, e;
	c->kind = "relative";
	c->value[0] = '\0';
	/* Vague times have no date: leave them without a value rather than
	 * invent one. */
	if (grp(x, "vague", &a, &e))
		return true;
	if (!y)
		return true; /* no reference date to resolve against */
	char *v = c->value;
	size_t n = sizeof c->value;
	if (grp(x, "later_this_year", &a, &e))
		snprintf(v, n, "%04d-%02d-%02d/%04d-12-31", y, m, d, y);
	else if (grp(x, "earlier_this_year", &a, &e))
		snprintf(v, n, "%04d-01-01/%04d-%02d-%02d", y, y, m, d);
	else if (grp(x, "end_of_year", &a, &e))
		snprintf(v, n, "%04d-12-31", y);
	else if (grp(x, "this_year", &a, &e))
		snprintf(v, n, "%04d", y);
	else if (grp(x, "next_year", &a, &e))
		snprintf(v, n, "%04d", y + 1);
	else if (grp(x, "last_year", &a, &e))
		snprintf(v, n, "%04d", y - 1);
	else if (grp(x, "this_month", &a, &e))
		snprintf(v, n, "%04d-%02d", y, m);
	else if (grp(x, "next_month", &a, &e) || grp(x, "last_month", &a, &e)) {
		int k = tolower((unsigned char)x->doc->fold[a]) == 'n' ? 1 : -1;
		add_months(&y, &m, k);
		snprintf(v, n, "%04d-%02d", y, m);
	} else {
		/* The financial year that holds the reference date. */
		int start = m >= 4 ? y : y - 1;
		if (grp(x, "this_fy", &a, &e))
			fy(v, n, start);
		else if (grp(x, "next_fy", &a, &e))
			fy(v, n, start + 1);
		else if (grp(x, "last_fy", &a, &e))
			fy(v, n, start - 1);
		else
			return false;
	}
	return true;
}

/* Is the time at @at a span, not a date?  A time the writer says will
 * not be kept ("I cannot promise a move back within 12 months") is
 * none; nor is one given to each of many ("a visit to each new provider
 * within 24 months") unless a future says it is still to come
 * ("officers would inspect every property within six months"). */
static bool a_duration(lp_xctx *x, size_t at)
{
	if (lp_match_before(x, "cue.negated", at, CUE_WINDOW) > 0)
		return true;
	return lp_match_before(x, "cue.each", at, CUE_WINDOW) > 0 &&
	       lp_match_before(x, "cue.future", at, CUE_WINDOW) <= 0 &&
	       lp_match_before(x, "cue.future-reported", at, CUE_WINDOW) <= 0;
}

/* A time counted from the letter: "within six months", "over the next
 * two years" run from the reference date to as far ahead as it says;
 * "in six months' time" is the day that far ahead.  Counted from some
 * other event ("within two months of receiving it") it is a duration,
 * not a date; so is a_duration's. */
static bool read_within(lp_xctx *x, candidate *c)
{
	const char *f = x->doc->fold;
	size_t a, e, len;
	c->kind = "relative";
	c->value[0] = '\0';
	c->deadline = tolower((unsigned char)f[c->start]) == 'w';
	if (grp(x, "other", &a, &e))
		return false;
	if (!x->ref_y)
		return !a_duration(x, c->start);
	if (!grp(x, "n", &a, &e))
		return false;
	long n = isdigit((unsigned char)f[a]) ? strtol(f + a, NULL, 10)
		 : e - a <= 2		    ? 1 /* "a", "an" */
					    : lp_number_word(f + a, f + e, &len);
	if (n < 1 || n > 100 || !grp(x, "unit", &a, &e))
		return false;
	int y = x->ref_y, m = x->ref_m, d = x->ref_d;
	add_months(&y, &m, tolower((unsigned char)f[a]) == 'y' ? 12 * (int)n
							       : (int)n);
	if (d > lp_days_in_month(y, m)) /* 31 August and six months */
		d = lp_days_in_month(y, m);
	if (grp(x, "time", &a, &e))
		snprintf(c->value, sizeof c->value, "%04d-%02d-%02d", y, m, d);
	else
		snprintf(c->value, sizeof c->value,
			 "%04d-%02d-%02d/%04d-%02d-%02d", x->ref_y, x->ref_m,
			 x->ref_d, y, m, d);
	return !a_duration(x, c->start); /* last: it takes x->m */
}

static bool read_year(lp_xctx *x, candidate *c)
{
	int y = int_group(x, "year");
	if (y < 1900 || y > 2099)
		return false;
	snprintf(c->value, sizeof c->value, "%04d", y);
	c->kind = "year";
	return true;
}

static bool read_month_year(lp_xctx *x, candidate *c)
{
	int m = month_group(x, "month"), y = int_group(x, "year");
	if (!m || !y)
		return false;
	snprintf(c->value, sizeof c->value, "%04d-%02d", y, m);
	c->kind = "month";
	return true;
}

/* Read the last match of @r as a date; false when it is not one. */
static bool read(lp_xctx *x, const lp_rule *r, candidate *c)
{
	const char *k = lp_rule_name(r) + strlen("date.");
	if (strcmp(k, "day") == 0)
		return read_day(x, c);
	if (strcmp(k, "day-no-year") == 0)
		return x->ref_y && read_day_no_year(x, c);
	if (strcmp(k, "range-years") == 0)
		return read_range_years(x, c);
	if (strcmp(k, "month-relative") == 0)
		return read_month_relative(x, c);
	if (strcmp(k, "month-no-year") == 0)
		return read_month_no_year(x, c);
	if (strcmp(k, "range-days") == 0)
		return read_range_days(x, c);
	if (strcmp(k, "week") == 0)
		return read_week(x, c);
	if (strcmp(k, "range-months") == 0 || strcmp(k, "month-span") == 0)
		return read_range_months(x, c);
	if (strcmp(k, "month-year") == 0)
		return read_month_year(x, c);
	if (strcmp(k, "financial-year") == 0)
		return read_fy(x, c);
	if (strcmp(k, "fy-span") == 0)
		return read_fy_span(x, c);
	if (strcmp(k, "quarter") == 0)
		return read_quarter(x, c);
	if (strcmp(k, "season") == 0)
		return read_season(x, c);
	if (strcmp(k, "relative") == 0)
		return read_relative(x, c);
	if (strcmp(k, "occasion") == 0)
		return read_occasion(x, c);
	if (strcmp(k, "within") == 0)
		return read_within(x, c);
	if (strcmp(k, "part-year") == 0)
		return read_part_year(x, c);
	if (strcmp(k, "year") == 0)
		return read_year(x, c);
	return false; /* a helper rule (a cue), not a date */
}

static int by_position(const void *pa, const void *pb)
{
	const candidate *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	size_t la = a->end - a->start, lb = b->end - b->start;
	return la > lb ? -1 : la < lb;
}

static int collect(lp_xctx *x, size_t a, size_t e, cands *out)
{
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(x->g, "date.", &rules);
	for (size_t k = 0; k < nrules; k++) {
		const lp_rule *r = rules[k];
		if (!lp_rule_may_match(r, x->doc->fold, a, e, x->m))
			continue;
		for (size_t from = a; from < e;) {
			int rc = lp_rule_find(r, x->doc->fold, e, from, x->m,
					      x->err);
			if (rc < 0)
				return rc;
			if (!rc)
				break;
			candidate c = { .start = x->m->start, .end = x->m->end,
				       .rule = r };
			from = x->m->end > from ? x->m->end : from + 1;
			if (!read(x, r, &c))
				continue;
			if (out->n == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 16;
				out->v = lp_xrealloc(out->v,
						     out->cap * sizeof *out->v);
			}
			out->v[out->n++] = c;
		}
	}
	return 0;
}

/* "by the end of 2024-25": the last day of the period. */
static void end_of(candidate *c)
{
	if (!c->value[0])
		return;
	const char *last = strrchr(c->value, '/');
	last = last ? last + 1 : c->value;
	int y = 0, m = 12, d = 0;
	int n = sscanf(last, "%d-%d-%d", &y, &m, &d);
	if (n < 1)
		return;
	if (n < 2)
		m = 12;
	if (n < 3)
		d = lp_days_in_month(y, m);
	snprintf(c->value, sizeof c->value, "%04d-%02d-%02d", y, m, d);
}

/* Does @c's text give a year ("October 2024", not "October")? */
static bool names_year(const lp_xctx *x, const candidate *c)
{
	size_t digits = 0;
	for (size_t k = c->start; k < c->end && digits < 4; k++)
		digits = isdigit((unsigned char)x->doc->fold[k]) ? digits + 1 : 0;
	return digits == 4;
}

/* "since 2019": from then to the reference date. */
static void since(lp_xctx *x, candidate *c)
{
	if (!x->ref_y || !c->value[0] || strchr(c->value, '/'))
		return;
	char from[11], ref[11]; /* a day at most: "2019-06-30" */
	size_t n = strnlen(c->value, sizeof from - 1);
	memcpy(from, c->value, n);
	from[n] = '\0';
	snprintf(ref, sizeof ref, "%04d-%02d-%02d", x->ref_y, x->ref_m,
		 x->ref_d);
	/* "since October", written in February: last October, not the
	 * coming one that a month without its year is taken to be. */
	if (n >= 7 && strncmp(from, ref, n) > 0 && !names_year(x, c)) {
		int y = atoi(from) - 1;
		from[0] = (char)('0' + y / 1000 % 10);
		from[1] = (char)('0' + y / 100 % 10);
		from[2] = (char)('0' + y / 10 % 10);
		from[3] = (char)('0' + y % 10);
	}
	snprintf(c->value, sizeof c->value, "%s/%s", from, ref);
	c->kind = "relative";
}

int lp_extract_dates(lp_xctx *x, int section, size_t a, size_t e)
{
	cands cs = { 0 };
	int rc = collect(x, a, e, &cs);
	if (rc == 0 && cs.n)
		qsort(cs.v, cs.n, sizeof *cs.v, by_position);
	size_t last_end = a;
	for (size_t i = 0; rc == 0 && i < cs.n; i++) {
		candidate *c = &cs.v[i];
		if (c->start < last_end)
			continue; /* inside a longer date already taken */
		last_end = c->end;
		bool deadline = false;
		if ((rc = lp_match_before(x, "cue.deadline", c->start, 40)) < 0)
			break;
		deadline = rc || c->deadline;
		if ((rc = lp_match_before(x, "cue.since", c->start, 12)) < 0)
			break;
		if (rc)
			since(x, c);
		if ((rc = lp_match_before(x, "cue.end-of", c->start, 20)) < 0)
			break;
		if (rc) {
			end_of(c);
			c->start = x->m->start; /* the text reads "end of 2024" */
		}
		rc = 0;
		int span = lp_add_entity(x, LP_SPAN_DATE, c->start, c->end,
					 c->rule, section);
		if (c->value[0])
			lp_span_set(x->doc, span, "value", c->value);
		lp_span_set(x->doc, span, "kind", c->kind);
		/* The cue must touch the date, so a year in a title ("by the
		 * Domestic Abuse Act 2021") is never a deadline; nor is
		 * anything without a date. */
		if (deadline && c->value[0])
			lp_span_set(x->doc, span, "deadline", "true");
	}
	free(cs.v);
	return rc;
}
