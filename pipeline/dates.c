/*
 * dates.c - turn dates as letters write them into ISO 8601.
 *
 * The patterns live in grammars/dates.yaml; this file only interprets
 * their named groups (day, month, year).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

int lp_month_number(const char *s, size_t n)
{
	static const char names[12][4] = { "jan", "feb", "mar", "apr",
					   "may", "jun", "jul", "aug",
					   "sep", "oct", "nov", "dec" };
	if (n == 0)
		return 0;
	if (isdigit((unsigned char)s[0])) {
		int v = 0;
		for (size_t i = 0; i < n && isdigit((unsigned char)s[i]); i++)
			v = v * 10 + (s[i] - '0');
		return v >= 1 && v <= 12 ? v : 0;
	}
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		bool same = true;
		for (int k = 0; k < 3; k++)
			same &= tolower((unsigned char)s[k]) == names[m][k];
		if (same)
			return m + 1;
	}
	return 0;
}

long lp_number_word(const char *p, const char *e, size_t *len)
{
	static const char *const words[] = {
		"one",      "two",       "three",    "four",     "five",
		"six",      "seven",     "eight",    "nine",     "ten",
		"eleven",   "twelve",    "thirteen", "fourteen", "fifteen",
		"sixteen",  "seventeen", "eighteen", "nineteen", "twenty",
	};
	static const char *const ordinals[] = {
		"first",     "second",     "third",      "fourth",
		"fifth",     "sixth",      "seventh",    "eighth",
		"ninth",     "tenth",      "eleventh",   "twelfth",
		"thirteenth", "fourteenth", "fifteenth", "sixteenth",
		"seventeenth", "eighteenth", "nineteenth", "twentieth",
	};
	size_t n = 0;
	while (p + n < e && isalpha((unsigned char)p[n]))
		n++;
	for (size_t w = 0; w < sizeof words / sizeof *words; w++)
		if ((strlen(words[w]) == n && strncasecmp(p, words[w], n) == 0) ||
		    (strlen(ordinals[w]) == n &&
		     strncasecmp(p, ordinals[w], n) == 0)) {
			*len = n;
			return (long)w + 1;
		}
	*len = n ? n : 1;
	return 0;
}

static int number(const char *s, size_t a, size_t b)
{
	int v = 0;
	for (size_t i = a; i < b && isdigit((unsigned char)s[i]); i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int lp_days_in_month(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

long lp_day_number(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool lp_valid_day(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= lp_days_in_month(y, m);
}

bool lp_iso_day(const char *s)
{
	int y, m, d;
	char tail;
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	       sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
	       lp_valid_day(y, m, d);
}

bool lp_day_date_iso(const lp_match *m, const char *s, char iso[11])
{
	size_t ds, de, ms, me, ys, ye;
	if (!lp_match_group(m, "day", &ds, &de) ||
	    !lp_match_group(m, "month", &ms, &me) ||
	    !lp_match_group(m, "year", &ys, &ye))
		return false;
	int day = number(s, ds, de), year = number(s, ys, ye);
	int month = lp_month_number(s + ms, me - ms);
	if (!month || !lp_valid_day(year, month, day))
		return false;
	char buf[40];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
	memcpy(iso, buf, 10);
	iso[10] = '\0';
	return true;
}

bool lp_parse_day_date(const lp_grammar *g, const char *s, size_t n,
		       char iso[11])
{
	const lp_rule *r = lp_rule_get(g, "date.day");
	if (!r)
		return false;
	lp_match *m = lp_match_new(g);
	lp_error err;
	bool ok = lp_rule_find(r, s, n, 0, m, &err) == 1 &&
		  lp_day_date_iso(m, s, iso);
	lp_match_free(m);
	return ok;
}

/* The first or last day of one value: "2022", "2022-09" or "2022-09-15". */
static bool bound(const char *v, size_t n, bool last, int *y, int *m, int *d)
{
	if ((n != 4 && n != 7 && n != 10) || (n > 4 && v[4] != '-') ||
	    (n > 7 && v[7] != '-'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9'))
			return false;
	*y = number(v, 0, 4);
	*m = n > 4 ? number(v, 5, 7) : last ? 12 : 1;
	if (*m < 1 || *m > 12)
		return false;
	*d = n > 7 ? number(v, 8, 10) : last ? lp_days_in_month(*y, *m) : 1;
	return lp_valid_day(*y, *m, *d);
}

bool lp_date_bounds(const char *value, char start[11], char end[11])
{
	if (!value)
		return false;
	size_t n = strlen(value);
	const char *slash = memchr(value, '/', n);
	size_t a = slash ? (size_t)(slash - value) : n;
	const char *b = slash ? slash + 1 : value;
	int y0, m0, d0, y1, m1, d1;
	if (!bound(value, a, false, &y0, &m0, &d0) ||
	    !bound(b, strlen(b), true, &y1, &m1, &d1))
		return false;
	snprintf(start, 11, "%04d-%02d-%02d", y0, m0, d0);
	snprintf(end, 11, "%04d-%02d-%02d", y1, m1, d1);
	return true;
}
