/*
 * align.c - which recommendation of last year's letter is which of this
 * year's.
 *
 * In turn, each pass taking only pairs that are still free:
 *   1. the same number, and the recommendations agree (method "both");
 *   2. recommendations answered together in one letter ("Recommendations
 *      4 and 5") and apart in the other, by their numbers ("number");
 *   3. any numbers, the recommendations agree: renumbered ("text");
 *   4. the same number, the texts less alike: rewritten ("number").
 * Texts are compared by TF-IDF cosine over both letters' pairs.  Every
 * pass is greedy, best score first, ties in reading order, so the result
 * is easy to explain and never depends on the order of a sort.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "internal.h"

/* Recommendation texts this alike are the same recommendation, whatever
 * their numbers.  A pair that keeps its number needs only the floor, so
 * that a rewritten recommendation still pairs up when nothing else fits
 * it better.  Chosen on the corpus: two recommendations of one letter
 * score 0.12 against each other at the median, 0.20 at the 90th
 * percentile and 0.34 at most. */
#define AGREE 0.5
#define SAME_NUMBER_FLOOR 0.25

typedef struct aligner {
	lp_diff *d;
	const lp_record *side[2];   /* old, new */
	bag *rec, *resp;            /* old pairs' bags, then the new pairs' */
	bool *taken[2];
} aligner;

enum { OLD, NEW };

/* The bags of pair @k of @side. */
static size_t bag_index(const aligner *al, int side, size_t k)
{
	return side == OLD ? k : al->side[OLD]->npairs + k;
}

/* How alike old pair @i and new pair @j are: by their recommendations,
 * or by their responses where a layout quotes no recommendation.  With
 * @either, the better of the two: a pair whose number stays may have its
 * recommendation restated and its response kept, or the other way. */
static double similarity(const aligner *al, size_t i, size_t j, bool either)
{
	const lp_rpair *a = &al->side[OLD]->pairs[i],
		       *b = &al->side[NEW]->pairs[j];
	size_t x = bag_index(al, OLD, i), y = bag_index(al, NEW, j);
	bool recs = *a->rec.text && *b->rec.text;
	double rec = recs ? lp_cosine(&al->rec[x], &al->rec[y]) : 0;
	if (recs && !either)
		return rec;
	double resp = lp_cosine(&al->resp[x], &al->resp[y]);
	return resp > rec ? resp : rec;
}

static void match(aligner *al, size_t i, size_t nold, size_t j, size_t nnew,
		  enum lp_match_method method, double score)
{
	for (size_t k = 0; k < nold; k++)
		al->taken[OLD][i + k] = true;
	for (size_t k = 0; k < nnew; k++)
		al->taken[NEW][j + k] = true;
	lp_diff *d = al->d;
	d->matches[d->nmatches++] = (lp_pair_match){
		.old = i, .nold = nold, .new_ = j, .nnew = nnew,
		.method = method, .score = score };
}

/* ---- by number ---- */

/* One side's pairs sorted by number, for looking numbers up. */
static lp_keyed *index_numbers(const lp_record *r, size_t *n)
{
	lp_keyed *idx = lp_xmalloc((r->npairs + 1) * sizeof *idx);
	*n = 0;
	for (size_t i = 0; i < r->npairs; i++)
		if (r->pairs[i].number)
			idx[(*n)++] = (lp_keyed){ r->pairs[i].number, i };
	qsort(idx, *n, sizeof *idx, lp_keyed_order);
	return idx;
}

/* The first entry of @idx whose number is @number (@len bytes). */
static size_t lookup(const lp_keyed *idx, size_t n, const char *number,
		     size_t len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		/* Sorted by whole numbers: an entry that starts with @number
		 * and goes on sorts after it, so only < 0 is before. */
		if (strncmp(idx[mid].key, number, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool number_is(const char *number, const char *want, size_t len)
{
	return strncmp(number, want, len) == 0 && number[len] == '\0';
}

/* Pass 1 and 4: pairs of the same number whose texts reach @floor. */
static void match_numbers(aligner *al, double floor,
			  enum lp_match_method method)
{
	size_t n;
	lp_keyed *idx = index_numbers(al->side[OLD], &n);
	for (size_t j = 0; j < al->side[NEW]->npairs; j++) {
		const char *number = al->side[NEW]->pairs[j].number;
		if (al->taken[NEW][j] || !number)
			continue;
		size_t len = strlen(number);
		for (size_t k = lookup(idx, n, number, len);
		     k < n && number_is(idx[k].key, number, len); k++) {
			size_t i = idx[k].i;
			if (al->taken[OLD][i])
				continue;
			double s = similarity(al, i, j, true);
			if (s >= floor) {
				match(al, i, 1, j, 1, method, s);
				break;
			}
		}
	}
	free(idx);
}

/* Pass 2: a pair of @combined_side numbered "4, 5" against pairs 4 and 5,
 * next to each other and in that order, on the other side. */
static void match_groups(aligner *al, int combined_side)
{
	int other = !combined_side;
	const lp_record *rc = al->side[combined_side], *ro = al->side[other];
	size_t n;
	lp_keyed *idx = index_numbers(ro, &n);
	for (size_t c = 0; c < rc->npairs; c++) {
		const char *nums = rc->pairs[c].number;
		if (al->taken[combined_side][c] || !nums || !strchr(nums, ','))
			continue;
		/* The pair with the first number, then one per number. */
		size_t len = strcspn(nums, ","), first = LP_NONE;
		for (size_t k = lookup(idx, n, nums, len);
		     k < n && number_is(idx[k].key, nums, len); k++)
			if (!al->taken[other][idx[k].i]) {
				first = idx[k].i;
				break;
			}
		if (first == LP_NONE)
			continue;
		size_t count = 0;
		double best = 0;
		for (const char *p = nums;; count++) {
			size_t o = first + count, l = strcspn(p, ",");
			if (o >= ro->npairs || al->taken[other][o] ||
			    !ro->pairs[o].number ||
			    !number_is(ro->pairs[o].number, p, l))
				break;
			double s = combined_side == OLD
					   ? similarity(al, c, o, true)
					   : similarity(al, o, c, true);
			best = s > best ? s : best;
			if (!p[l]) {
				count++;
				break;
			}
			p += l + 1;
			while (*p == ' ')
				p++;
		}
		size_t parts = 1;
		for (const char *p = nums; (p = strchr(p, ',')); p++)
			parts++;
		if (count != parts || best < SAME_NUMBER_FLOOR)
			continue;
		if (combined_side == OLD)
			match(al, c, 1, first, count, LP_MATCH_NUMBER, best);
		else
			match(al, first, count, c, 1, LP_MATCH_NUMBER, best);
	}
	free(idx);
}

/* ---- by text ---- */

static double text_score(const void *ctx, size_t i, size_t j)
{
	return similarity(ctx, i, j, false);
}

/* Pass 3: what is left, by words alone, the most alike first. */
static void match_texts(aligner *al)
{
	size_t n = al->side[OLD]->npairs, m = al->side[NEW]->npairs;
	size_t *o2n = lp_xmalloc((n + 1) * sizeof *o2n),
	       *n2o = lp_xmalloc((m + 1) * sizeof *n2o);
	/* Pairs already matched take no part: any value but LP_NONE. */
	for (size_t i = 0; i < n; i++)
		o2n[i] = al->taken[OLD][i] ? 0 : LP_NONE;
	for (size_t j = 0; j < m; j++)
		n2o[j] = al->taken[NEW][j] ? 0 : LP_NONE;
	lp_greedy(n, m, AGREE, text_score, al, o2n, n2o);
	for (size_t i = 0; i < n; i++)
		if (!al->taken[OLD][i] && o2n[i] != LP_NONE)
			match(al, i, 1, o2n[i], 1, LP_MATCH_TEXT,
			      similarity(al, i, o2n[i], false));
	free(o2n);
	free(n2o);
}

/* ---- joining pairs answered apart ---- */

static char *join(struct lp_arena *a, const char *const *parts, size_t n,
		  const char *sep)
{
	size_t len = 1;
	for (size_t k = 0; k < n; k++)
		len += (parts[k] ? strlen(parts[k]) : 0) + strlen(sep);
	char *s = lp_arena_alloc(a, len), *o = s;
	*o = '\0';
	for (size_t k = 0; k < n; k++) {
		if (!parts[k] || !*parts[k])
			continue;
		o += sprintf(o, "%s%s", o == s ? "" : sep, parts[k]);
	}
	return s;
}

/* Concatenate @n arrays of @size-byte items into one. */
static void *concat(struct lp_arena *a, size_t size, size_t n,
		    const void *const *items, const size_t *counts,
		    size_t *total)
{
	*total = 0;
	for (size_t k = 0; k < n; k++)
		*total += counts[k];
	char *out = lp_arena_alloc(a, *total * size + 1), *o = out;
	for (size_t k = 0; k < n; k++) {
		if (!counts[k]) /* and items[k] may be NULL */
			continue;
		memcpy(o, items[k], counts[k] * size);
		o += counts[k] * size;
	}
	return out;
}

/* Section @field (an offset into lp_rpair: rec, resp or details) of @n
 * pairs, joined: texts one after the other, entities in order. */
static void join_section(struct lp_arena *a, const lp_rpair *p, size_t n,
			 size_t field, lp_rsection *out)
{
	const char **texts = lp_arena_alloc(a, n * sizeof *texts);
	const void **items = lp_arena_alloc(a, n * sizeof *items);
	size_t *counts = lp_arena_alloc(a, n * sizeof *counts);
#define SECTION(k) ((const lp_rsection *)((const char *)&p[k] + field))
	for (size_t k = 0; k < n; k++)
		texts[k] = SECTION(k)->text;
	out->text = join(a, texts, n, "\n\n");
	for (size_t k = 0; k < n; k++)
		items[k] = SECTION(k)->money, counts[k] = SECTION(k)->nmoney;
	out->money = concat(a, sizeof *out->money, n, items, counts,
			    &out->nmoney);
	for (size_t k = 0; k < n; k++)
		items[k] = SECTION(k)->dates, counts[k] = SECTION(k)->ndates;
	out->dates = concat(a, sizeof *out->dates, n, items, counts,
			    &out->ndates);
	for (size_t k = 0; k < n; k++)
		items[k] = SECTION(k)->commits, counts[k] = SECTION(k)->ncommits;
	out->commits = concat(a, sizeof *out->commits, n, items, counts,
			      &out->ncommits);
#undef SECTION
}

/* Pairs [@p, @p + @n) as one: "4, 5", "Recommendation 4 and
 * Recommendation 5", their stances (one when they agree). */
static const lp_rpair *join_pairs(struct lp_arena *a, const lp_rpair *p,
				  size_t n)
{
	if (n == 1)
		return p;
	lp_rpair *out = lp_arena_alloc(a, sizeof *out);
	*out = (lp_rpair){ 0 }; /* the arena's memory is not cleared */
	const char **parts = lp_arena_alloc(a, n * sizeof *parts);
	for (size_t k = 0; k < n; k++)
		parts[k] = p[k].number;
	out->number = join(a, parts, n, ", ");
	for (size_t k = 0; k < n; k++)
		parts[k] = p[k].label;
	out->label = join(a, parts, n, " and ");
	size_t distinct = 0;
	for (size_t k = 0; k < n; k++) {
		bool seen = false;
		for (size_t e = 0; e < distinct; e++)
			seen |= p[k].stance && parts[e] &&
				strcmp(parts[e], p[k].stance) == 0;
		if (!seen)
			parts[distinct++] = p[k].stance;
	}
	out->stance = join(a, parts, distinct, ", ");
	join_section(a, p, n, offsetof(lp_rpair, rec), &out->rec);
	join_section(a, p, n, offsetof(lp_rpair, resp), &out->resp);
	join_section(a, p, n, offsetof(lp_rpair, details), &out->details);
	return out;
}

static int by_new_index(const void *x, const void *y)
{
	const lp_pair_match *a = x, *b = y;
	return a->new_ < b->new_ ? -1 : a->new_ > b->new_;
}

static size_t *match_of_each(const lp_diff *d, size_t n, bool old)
{
	size_t *v = lp_xmalloc((n + 1) * sizeof *v);
	for (size_t k = 0; k < n; k++)
		v[k] = LP_NONE;
	for (size_t m = 0; m < d->nmatches; m++) {
		const lp_pair_match *x = &d->matches[m];
		size_t from = old ? x->old : x->new_,
		       count = old ? x->nold : x->nnew;
		for (size_t k = 0; k < count; k++)
			v[from + k] = m;
	}
	return v;
}

void lp_align_pairs(lp_diff *d, size_t **old_match, size_t **new_match)
{
	aligner al = { .d = d, .side = { d->old, d->new_ } };
	size_t n = d->old->npairs, m = d->new_->npairs;
	al.rec = lp_xmalloc((n + m + 1) * sizeof *al.rec);
	al.resp = lp_xmalloc((n + m + 1) * sizeof *al.resp);
	for (size_t k = 0; k < n + m; k++) {
		const lp_rpair *p = k < n ? &d->old->pairs[k]
					  : &d->new_->pairs[k - n];
		lp_bag_of(p->rec.text, strlen(p->rec.text), &al.rec[k]);
		lp_bag_of(p->resp.text, strlen(p->resp.text), &al.resp[k]);
	}
	lp_bag_weigh(al.rec, n + m);
	lp_bag_weigh(al.resp, n + m);
	al.taken[OLD] = lp_xcalloc(n + 1, sizeof(bool));
	al.taken[NEW] = lp_xcalloc(m + 1, sizeof(bool));
	d->matches = lp_xmalloc(((n < m ? n : m) + 1) * sizeof *d->matches);

	match_numbers(&al, AGREE, LP_MATCH_BOTH);
	match_groups(&al, OLD);
	match_groups(&al, NEW);
	match_texts(&al);
	match_numbers(&al, SAME_NUMBER_FLOOR, LP_MATCH_NUMBER);

	qsort(d->matches, d->nmatches, sizeof *d->matches, by_new_index);
	d->arena = lp_arena_new();
	for (size_t k = 0; k < d->nmatches; k++) {
		lp_pair_match *x = &d->matches[k];
		x->old_pair = join_pairs(d->arena, &d->old->pairs[x->old],
					 x->nold);
		x->new_pair = join_pairs(d->arena, &d->new_->pairs[x->new_],
					 x->nnew);
	}
	*old_match = match_of_each(d, n, true);
	*new_match = match_of_each(d, m, false);
	for (size_t k = 0; k < n + m; k++) {
		lp_bag_free(&al.rec[k]);
		lp_bag_free(&al.resp[k]);
	}
	free(al.rec);
	free(al.resp);
	free(al.taken[OLD]);
	free(al.taken[NEW]);
}
