/*
 * worddiff.c - which words of one text are gone from another and which
 * are new, as `git diff --word-diff` shows them.
 *
 * Words are runs of non-space bytes, so re-wrapping a paragraph changes
 * nothing.  The runs come from a longest common subsequence over the
 * words between the shared start and end, which is all a letter's section
 * needs: a response is rarely a thousand words, and a year's edits touch
 * a few of them.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "internal.h"

/* Above this many cells (16 MB of table), the middle that differs is
 * reported as replaced whole rather than aligned word by word. */
#define MAX_CELLS ((size_t)4 << 20)

/* Split @text at white space into words *s of lengths *len, and say
 * which start a paragraph (*para, unless NULL).  No fold adds or removes
 * white space, so a text and its folded copy split into as many words. */
static size_t split(const char *text, const char ***s, size_t **len,
		    bool **para)
{
	size_t cap = 16, n = 0;
	*s = lp_xmalloc(cap * sizeof **s);
	*len = lp_xmalloc(cap * sizeof **len);
	if (para)
		*para = lp_xmalloc(cap * sizeof **para);
	const char *p = text;
	for (;;) {
		bool newline = false;
		while (*p && isspace((unsigned char)*p))
			newline |= *p++ == '\n';
		if (!*p)
			break;
		const char *start = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (n == cap) {
			cap *= 2;
			*s = lp_xrealloc(*s, cap * sizeof **s);
			*len = lp_xrealloc(*len, cap * sizeof **len);
			if (para)
				*para = lp_xrealloc(*para, cap * sizeof **para);
		}
		(*s)[n] = start;
		(*len)[n] = (size_t)(p - start);
		if (para)
			(*para)[n] = newline && n > 0;
		n++;
	}
	return n;
}

void lp_words_split(const char *text, lp_words *w)
{
	*w = (lp_words){ .folded = lp_fold_string(text) };
	w->n = split(text, &w->s, &w->len, &w->para);
	size_t nkeys = split(w->folded, &w->key, &w->keylen, NULL);
	if (nkeys != w->n) { /* cannot happen; compare the words as written */
		free(w->key);
		free(w->keylen);
		w->key = w->s;
		w->keylen = w->len;
	}
}

void lp_words_free(lp_words *w)
{
	if (w->key != w->s) {
		free(w->key);
		free(w->keylen);
	}
	free(w->s);
	free(w->len);
	free(w->para);
	free(w->folded);
	*w = (lp_words){ 0 };
}

static bool same(const lp_words *a, size_t i, const lp_words *b, size_t j)
{
	return a->keylen[i] == b->keylen[j] &&
	       memcmp(a->key[i], b->key[j], a->keylen[i]) == 0;
}

typedef struct runs {
	lp_wd_run *v;
	size_t n, cap;
} runs;

/* Append words [from, to) of one side as @op, merging with the last run
 * when it has the same op. */
static void put(runs *r, char op, size_t from, size_t to)
{
	if (from == to)
		return;
	if (r->n && r->v[r->n - 1].op == op && r->v[r->n - 1].to == from) {
		r->v[r->n - 1].to = to;
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 8;
		r->v = lp_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	r->v[r->n++] = (lp_wd_run){ .op = op, .from = from, .to = to };
}

/* Words a[a0..a1) against b[b0..b1), neither sharing start nor end:
 * the classic table of LCS lengths of the suffixes, then one walk. */
static void middle(const lp_words *a, size_t a0, size_t a1,
		   const lp_words *b, size_t b0, size_t b1, runs *r)
{
	size_t n = a1 - a0, m = b1 - b0;
	if (n == 0 || m == 0 || n > MAX_CELLS / m) {
		put(r, '-', a0, a1);
		put(r, '+', b0, b1);
		return;
	}
	/* L[i][j]: LCS length of a[a0+i..a1) and b[b0+j..b1). */
	size_t w = m + 1;
	uint32_t *L = calloc((n + 1) * w, sizeof *L);
	if (!L) {
		put(r, '-', a0, a1);
		put(r, '+', b0, b1);
		return;
	}
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			L[i * w + j] =
				same(a, a0 + i, b, b0 + j)
					? L[(i + 1) * w + j + 1] + 1
				: L[(i + 1) * w + j] >= L[i * w + j + 1]
					? L[(i + 1) * w + j]
					: L[i * w + j + 1];
	/* Between two shared words, whatever else either side has is one
	 * removed run and one added run, as git shows it. */
	size_t i = 0, j = 0, di = 0, dj = 0;
	while (i < n && j < m) {
		if (same(a, a0 + i, b, b0 + j)) {
			put(r, '-', a0 + di, a0 + i);
			put(r, '+', b0 + dj, b0 + j);
			put(r, '=', a0 + i, a0 + i + 1);
			di = ++i;
			dj = ++j;
		} else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) {
			i++;
		} else {
			j++;
		}
	}
	put(r, '-', a0 + di, a1);
	put(r, '+', b0 + dj, b1);
	free(L);
}

size_t lp_word_diff(const lp_words *a, const lp_words *b, lp_wd_run **out)
{
	runs r = { 0 };
	size_t head = 0;
	while (head < a->n && head < b->n && same(a, head, b, head))
		head++;
	size_t tail = 0;
	while (tail < a->n - head && tail < b->n - head &&
	       same(a, a->n - 1 - tail, b, b->n - 1 - tail))
		tail++;
	put(&r, '=', 0, head);
	middle(a, head, a->n - tail, b, head, b->n - tail, &r);
	/* The shared end, in the old text's word indexes. */
	put(&r, '=', a->n - tail, a->n);
	*out = r.v;
	return r.n;
}
