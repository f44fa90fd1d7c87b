/*
 * needs.c - the prefilter's scanner: which of the grammar's `needs:` word
 * lists occur in a stretch of text, all of them in one pass.
 *
 * The words of every list go into one Aho-Corasick automaton, made a
 * table of transitions over classes of bytes: each byte of the text is
 * two table reads, whatever the number of words.  ASCII letters are
 * matched without regard to case; other bytes (the pound sign's two) as
 * they are.  Each state knows which lists have a word ending there, as a
 * bit per list, so a scan returns the set of lists found.
 *
 * A scan may also note where words end, so that a later question about
 * a few words inside the same text (the words before a date) is answered
 * from the notes instead of by scanning again.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct lp_needs {
	unsigned char cls[256]; /* byte -> class; 0: in no word */
	int nclasses;
	char **words;
	uint64_t *word_groups;
	size_t nwords;
	/* The automaton, once built.  A state is named by its row in
	 * @next, state * nclasses.  The states where a word ends come last,
	 * from row @found_from on, so that the scan knows one by its row
	 * alone. */
	uint32_t *next;         /* [row + class]: the next state */
	uint64_t *found;        /* [state]: lists with a word ending here */
	uint16_t *shortest;     /* [state]: the shortest such word */
	size_t nstates;
	uint32_t found_from;
};

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

lp_needs *lp_needs_new(void)
{
	return lp_xcalloc(1, sizeof(lp_needs));
}

void lp_needs_add(lp_needs *n, const char *word, int list)
{
	char *w = lp_xstrdup(word);
	for (char *p = w; *p; p++)
		*p = (char)fold((unsigned char)*p);
	/* A word in several lists ("GBP" in one, "gbp" in another) is kept
	 * once, with all its lists. */
	for (size_t i = 0; i < n->nwords; i++)
		if (strcmp(n->words[i], w) == 0) {
			n->word_groups[i] |= 1ull << list;
			free(w);
			return;
		}
	n->words = lp_xrealloc(n->words, (n->nwords + 1) * sizeof *n->words);
	n->word_groups = lp_xrealloc(n->word_groups,
				     (n->nwords + 1) * sizeof *n->word_groups);
	n->words[n->nwords] = w;
	n->word_groups[n->nwords++] = 1ull << list;
}

int lp_needs_build(lp_needs *n)
{
	/* Classes: one per distinct (folded) byte of the words. */
	memset(n->cls, 0, sizeof n->cls);
	n->nclasses = 1;
	size_t bytes = 0;
	for (size_t i = 0; i < n->nwords; i++)
		for (const unsigned char *p = (const unsigned char *)n->words[i];
		     *p; p++, bytes++)
			if (!n->cls[*p])
				n->cls[*p] = (unsigned char)n->nclasses++;
	for (int c = 'A'; c <= 'Z'; c++)
		n->cls[c] = n->cls[fold((unsigned char)c)];
	if ((bytes + 1) * (size_t)n->nclasses > UINT32_MAX)
		return -1;
	/* The trie, its states numbered as they are made; 0 is the root. */
	size_t k = (size_t)n->nclasses, cap = bytes + 1;
	int *child = lp_xmalloc(cap * k * sizeof *child);
	for (size_t i = 0; i < cap * k; i++)
		child[i] = -1;
	n->found = lp_xcalloc(cap, sizeof *n->found);
	n->shortest = lp_xcalloc(cap, sizeof *n->shortest);
	n->nstates = 1;
	for (size_t i = 0; i < n->nwords; i++) {
		size_t s = 0;
		for (const unsigned char *p = (const unsigned char *)n->words[i];
		     *p; p++) {
			int *to = &child[s * k + n->cls[*p]];
			if (*to < 0)
				*to = (int)n->nstates++;
			s = (size_t)*to;
		}
		n->found[s] |= n->word_groups[i];
		n->shortest[s] = (uint16_t)strlen(n->words[i]);
	}
	/* Breadth first: each state's fall-back (the longest proper suffix
	 * of its path that is a path too) is known before its children's,
	 * and a state missing a child goes where its fall-back goes. */
	n->next = lp_xmalloc(n->nstates * k * sizeof *n->next);
	size_t *fail = lp_xcalloc(n->nstates, sizeof *fail);
	size_t *queue = lp_xmalloc(n->nstates * sizeof *queue), head = 0,
	       tail = 0;
	for (size_t c = 0; c < k; c++) {
		int u = child[c];
		n->next[c] = (uint32_t)(u > 0 ? u : 0);
		if (u > 0)
			queue[tail++] = (size_t)u;
	}
	while (head < tail) {
		size_t s = queue[head++];
		for (size_t c = 0; c < k; c++) {
			int u = child[s * k + c];
			if (u < 0) {
				n->next[s * k + c] = n->next[fail[s] * k + c];
				continue;
			}
			size_t f = fail[u] = n->next[fail[s] * k + c];
			n->found[u] |= n->found[f];
			if (n->found[f] &&
			    (!n->shortest[u] || n->shortest[f] < n->shortest[u]))
				n->shortest[u] = n->shortest[f];
			n->next[s * k + c] = (uint32_t)u;
			queue[tail++] = (size_t)u;
		}
	}
	/* Renumber the states, those where a word ends last (the root, where
	 * none does, stays first), and make their numbers rows.  The queue,
	 * done with, holds the new numbers. */
	size_t *number = queue, m = 0;
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t st = 0; st < n->nstates; st++)
			if (!n->found[st] == !pass)
				number[st] = m++;
	uint32_t *next = lp_xmalloc(n->nstates * k * sizeof *next);
	uint64_t *found = lp_xmalloc(n->nstates * sizeof *found);
	uint16_t *shortest = lp_xmalloc(n->nstates * sizeof *shortest);
	size_t plain = 0;
	for (size_t st = 0; st < n->nstates; st++) {
		plain += !n->found[st];
		found[number[st]] = n->found[st];
		shortest[number[st]] = n->shortest[st];
		for (size_t c = 0; c < k; c++)
			next[number[st] * k + c] =
				(uint32_t)(number[n->next[st * k + c]] * k);
	}
	free(n->next);
	free(n->found);
	free(n->shortest);
	n->next = next;
	n->found = found;
	n->shortest = shortest;
	n->found_from = (uint32_t)(plain * k);
	free(queue);
	free(fail);
	free(child);
	return 0;
}

uint64_t lp_needs_scan(const lp_needs *n, const char *text, size_t len,
		       lp_needs_hits *hits)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	const uint32_t *next = n->next;
	const unsigned char *cls = n->cls;
	uint32_t row = 0, k = (uint32_t)n->nclasses, found_from = n->found_from;
	uint64_t found = 0;
	if (hits)
		hits->n = 0;
	for (; p < end; p++) {
		row = next[row + cls[*p]];
		if (row < found_from)
			continue;
		uint32_t state = row / k;
		found |= n->found[state];
		if (!hits)
			continue;
		if (hits->n == hits->cap) {
			hits->cap = hits->cap ? 2 * hits->cap : 64;
			hits->v = lp_xrealloc(hits->v,
					      hits->cap * sizeof *hits->v);
		}
		hits->v[hits->n++] = (lp_needs_hit){
			.end = (uint32_t)(p + 1 - (const unsigned char *)text),
			.shortest = n->shortest[state],
			.found = n->found[state],
		};
	}
	return found;
}

size_t lp_needs_first_after(const lp_needs_hits *hits, size_t a)
{
	size_t lo = 0, hi = hits->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (hits->v[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

uint64_t lp_needs_within(const lp_needs_hits *hits, size_t a, size_t e)
{
	uint64_t found = 0;
	for (size_t i = lp_needs_first_after(hits, a);
	     i < hits->n && hits->v[i].end <= e; i++) {
		const lp_needs_hit *h = &hits->v[i];
		/* The shortest word that ends here may start inside [a, e)
		 * when a longer one does not: both count, erring towards
		 * running a rule. */
		if (h->end - h->shortest >= a)
			found |= h->found;
	}
	return found;
}

void lp_needs_free(lp_needs *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nwords; i++)
		free(n->words[i]);
	free(n->words);
	free(n->word_groups);
	free(n->next);
	free(n->found);
	free(n->shortest);
	free(n);
}
