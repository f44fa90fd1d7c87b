/*
 * similar.c - how alike two passages are, by their words.
 *
 * The diff compares texts that were edited, re-wrapped and re-punctuated
 * between two years, so it compares their words as bags: runs of letters
 * and digits, lower-cased and hashed, sorted, so that two bags are
 * compared in one merge.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diff_internal.h"
#include "internal.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

bool lp_word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* How many bytes the character at @s[i] takes (of @len), and in *word
 * whether it is part of a word: a letter or a digit, or any non-ASCII
 * character but the spaces, dashes and quotes of U+2000..U+206F and the
 * no-break space, which separate words as ASCII ones do. */
static size_t word_char(const char *s, size_t i, size_t len, bool *word)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] < 0x80) {
		*word = isalnum(u[0]);
		return 1;
	}
	if (len - i >= 2 && u[0] == 0xC2 && u[1] == 0xA0) {
		*word = false;
		return 2;
	}
	if (len - i >= 3 && u[0] == 0xE2 && (u[1] == 0x80 || u[1] == 0x81)) {
		*word = false;
		return 3;
	}
	*word = true;
	return 1;
}

void lp_bag_of(const char *s, size_t len, bag *b)
{
	size_t cap = 16;
	*b = (bag){ .h = lp_xmalloc(cap * sizeof *b->h) };
	for (size_t i = 0; i < len;) {
		bool word;
		size_t n = word_char(s, i, len, &word);
		if (!word) {
			i += n;
			continue;
		}
		uint32_t h = 2166136261u; /* FNV-1a */
		for (; i < len; i += n) {
			n = word_char(s, i, len, &word);
			if (!word)
				break;
			for (size_t k = 0; k < n; k++)
				h = (h ^ (unsigned char)tolower(
						 (unsigned char)s[i + k])) *
				    16777619u;
		}
		if (b->n == cap) {
			cap *= 2;
			b->h = lp_xrealloc(b->h, cap * sizeof *b->h);
		}
		b->h[b->n++] = h;
	}
	qsort(b->h, b->n, sizeof *b->h, cmp_u32);
}

void lp_bag_free(bag *b)
{
	free(b->h);
	free(b->w);
}

double lp_dice(const bag *a, const bag *b)
{
	if (a->n + b->n == 0)
		return 1.0;
	size_t i = 0, j = 0, shared = 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] == b->h[j])
			shared++, i++, j++;
		else if (a->h[i] < b->h[j])
			i++;
		else
			j++;
	}
	return 2.0 * (double)shared / (double)(a->n + b->n);
}

void lp_bag_weigh(bag *bags, size_t n)
{
	size_t total = 0;
	for (size_t k = 0; k < n; k++)
		total += bags[k].n;
	/* Each bag's distinct words, all together and sorted: a word's run
	 * length is the number of bags it is in. */
	uint32_t *all = lp_xmalloc((total + 1) * sizeof *all);
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < bags[k].n; i++)
			if (i == 0 || bags[k].h[i] != bags[k].h[i - 1])
				all[m++] = bags[k].h[i];
	qsort(all, m, sizeof *all, cmp_u32);
	for (size_t k = 0; k < n; k++) {
		bag *b = &bags[k];
		b->w = lp_xmalloc((b->n + 1) * sizeof *b->w);
		double sq = 0;
		for (size_t i = 0; i < b->n;) {
			size_t e = i;
			while (e < b->n && b->h[e] == b->h[i])
				e++;
			uint32_t *lo = bsearch(&b->h[i], all, m, sizeof *all,
					       cmp_u32);
			while (lo > all && lo[-1] == b->h[i])
				lo--;
			size_t df = 0;
			while (lo + df < all + m && lo[df] == b->h[i])
				df++;
			/* Weight each occurrence; tf is the run length. */
			double idf = log(1.0 + (double)n / (double)df);
			for (size_t k2 = i; k2 < e; k2++)
				b->w[k2] = idf;
			sq += (double)(e - i) * (double)(e - i) * idf * idf;
			i = e;
		}
		b->norm = sqrt(sq);
	}
	free(all);
}

double lp_cosine(const bag *a, const bag *b)
{
	if (a->n == 0 && b->n == 0)
		return 1.0;
	if (a->norm == 0 || b->norm == 0)
		return 0.0;
	double dot = 0;
	size_t i = 0, j = 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] < b->h[j]) {
			i++;
		} else if (a->h[i] > b->h[j]) {
			j++;
		} else {
			size_t ei = i, ej = j;
			while (ei < a->n && a->h[ei] == a->h[i])
				ei++;
			while (ej < b->n && b->h[ej] == b->h[j])
				ej++;
			dot += (double)(ei - i) * a->w[i] * (double)(ej - j) *
			       b->w[j];
			i = ei, j = ej;
		}
	}
	return dot / (a->norm * b->norm);
}

/* The next word of @s (@len bytes) from *@i: its start in *@at and its
 * length, or false at the end. */
static bool next_word(const char *s, size_t len, size_t *i, size_t *at,
		      size_t *n)
{
	bool word = false;
	size_t step = 0;
	while (*i < len && (step = word_char(s, *i, len, &word), !word))
		*i += step;
	if (*i >= len)
		return false;
	*at = *i;
	while (*i < len && (step = word_char(s, *i, len, &word), word))
		*i += step;
	*n = *i - *at;
	return true;
}

bool lp_same_words(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t i = 0, j = 0, ai, an, bj, bn;
	for (;;) {
		bool more_a = next_word(a, la, &i, &ai, &an),
		     more_b = next_word(b, lb, &j, &bj, &bn);
		if (!more_a || !more_b)
			return more_a == more_b;
		if (an != bn || strncasecmp(a + ai, b + bj, an) != 0)
			return false;
	}
}

typedef struct candidate {
	size_t old, new_;
	double score;
} candidate;

static int by_score(const void *x, const void *y)
{
	const candidate *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	/* Ties go to reading order, so the result never depends on qsort. */
	if (a->old != b->old)
		return a->old < b->old ? -1 : 1;
	return a->new_ < b->new_ ? -1 : a->new_ > b->new_;
}

void lp_greedy(size_t n, size_t m, double floor,
		   double (*score)(const void *ctx, size_t i, size_t j),
		   const void *ctx, size_t *o2n, size_t *n2o)
{
	if (n && m > LP_MAX_COMPARISONS / n)
		return;
	candidate *c = lp_xmalloc((n * m + 1) * sizeof *c);
	size_t nc = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++) {
			if (o2n[i] != LP_NONE || n2o[j] != LP_NONE)
				continue;
			double s = score(ctx, i, j);
			if (s >= floor)
				c[nc++] = (candidate){ i, j, s };
		}
	qsort(c, nc, sizeof *c, by_score);
	for (size_t k = 0; k < nc; k++)
		if (o2n[c[k].old] == LP_NONE && n2o[c[k].new_] == LP_NONE) {
			o2n[c[k].old] = c[k].new_;
			n2o[c[k].new_] = c[k].old;
		}
	free(c);
}
