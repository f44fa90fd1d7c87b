/*
 * diff_internal.h - what the parts of `letterpipe diff` share: word bags
 * (similar.c) and the alignment of pairs (align.c), used by diff.c.
 */
#ifndef LP_DIFF_INTERNAL_H
#define LP_DIFF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diff.h"

/* A text's words (runs of letters and digits), lower-cased and hashed,
 * sorted: a multiset that two texts are compared by in one merge. */
typedef struct bag {
	uint32_t *h;
	double *w;      /* TF-IDF weights, after lp_bag_weigh */
	size_t n;
	double norm;
} bag;

/* Is @c part of a word: a letter, a digit or any non-ASCII byte? */
bool lp_word_byte(unsigned char c);
/* The bag of @len bytes at @s; free it with lp_bag_free. */
void lp_bag_of(const char *s, size_t len, bag *b);
void lp_bag_free(bag *b);
/* Dice's coefficient: twice the words shared over all the words. */
double lp_dice(const bag *a, const bag *b);
/* Weight every bag's words by TF-IDF over all @n bags, so that words
 * every recommendation shares ("the", "should", the committee's subject)
 * count for little and the words that set one apart count. */
void lp_bag_weigh(bag *bags, size_t n);
/* Cosine of two weighted bags, 0 to 1. */
double lp_cosine(const bag *a, const bag *b);

/* Do @a and @b have the same words in the same order, whatever their
 * case, punctuation, quotes and spacing?  Changes beyond that are ones
 * a reader would call a change of text. */
bool lp_same_words(const char *a, const char *b);

#define LP_NONE ((size_t)-1)
/* Above this many old x new items (pairs, or the commitments, amounts or
 * dates of one section), only those in the same place are compared, so
 * that a hostile letter cannot make the diff quadratic. */
#define LP_MAX_COMPARISONS ((size_t)1 << 20)

/*
 * Match @n old items one to one with @m new ones, the best score first
 * (ties in reading order), counting scores at or above @floor.
 * o2n[i] and n2o[j] are LP_NONE for items still free; others are left
 * alone.  Does nothing past LP_MAX_COMPARISONS.
 */
void lp_greedy(size_t n, size_t m, double floor,
	       double (*score)(const void *ctx, size_t i, size_t j),
	       const void *ctx, size_t *o2n, size_t *n2o);

/* Fill d->matches from d->old and d->new_, and for each pair the match
 * it belongs to (LP_NONE for none) in *old_match and *new_match, which
 * the caller frees. */
void lp_align_pairs(lp_diff *d, size_t **old_match, size_t **new_match);

#endif
