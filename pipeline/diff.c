/*
 * diff.c - align two letters' records and list what changed.
 *
 * Recommendations are aligned first, by number and by how alike their
 * words are; then, inside each aligned pair, commitments by actor and
 * words, and money and dates by the words around them.  Everything is
 * greedy, best score first: a letter has tens of pairs and each pair a
 * handful of entities, so nothing cleverer is needed, and greedy matches
 * are easy to explain to a reader of the output.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diff_internal.h"
#include "internal.h"

/* A commitment, an amount or a date is the same one in both years when
 * its score (word overlap, plus a bonus for the same actor or role)
 * reaches this. */
#define SAME_ENTITY 0.5
/* Words either side of an amount or a date that make its context. */
#define CONTEXT_WORDS 8

/* ---- the change list ---------------------------------------------------- */

static void add_change(lp_diff *d, size_t *cap, lp_change c)
{
	if (d->nchanges == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		d->changes = lp_xrealloc(d->changes, *cap * sizeof *d->changes);
	}
	d->changes[d->nchanges++] = c;
}

typedef struct differ {
	lp_diff *d;
	size_t cap;
	const lp_rpair *old_pair, *new_pair;
	const char *section;
} differ;

static void report(differ *df, lp_change c)
{
	c.old_pair = df->old_pair;
	c.new_pair = df->new_pair;
	c.section = df->section;
	add_change(df->d, &df->cap, c);
}

static bool streq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* How firm a modality is (the names are those of the commitment.* rules
 * in grammars/commitments.yaml); 0 for one this table does not know. */
static int firmness(const char *modality)
{
	static const struct {
		const char *name;
		int rank;
	} table[] = {
		{ "will-not", 1 },      { "would", 2 },   { "will-consider", 2 },
		{ "exploring", 2 },     { "aims", 3 },    { "asked", 3 },
		{ "plans", 4 },         { "intends", 4 }, { "due", 4 },
		{ "is-to", 4 },         { "agreed", 4 },
		{ "will", 5 },          { "will-continue", 5 },
		{ "committed", 5 },
	};
	for (size_t i = 0; modality && i < sizeof table / sizeof *table; i++)
		if (strcmp(table[i].name, modality) == 0)
			return table[i].rank;
	return 0;
}

/* Two index maps, all LP_NONE; free with free(). */
static size_t *unmatched(size_t n)
{
	size_t *v = lp_xmalloc((n + 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = LP_NONE;
	return v;
}

/* ---- commitments ---- */

typedef struct commit_ctx {
	const lp_rsection *a, *b;
	bag *ba, *bb;
} commit_ctx;

static double commit_score(const void *ctx, size_t i, size_t j)
{
	const commit_ctx *c = ctx;
	const lp_rcommit *x = &c->a->commits[i], *y = &c->b->commits[j];
	double s = lp_dice(&c->ba[i], &c->bb[j]);
	if (x->actor && y->actor && strcasecmp(x->actor, y->actor) == 0)
		s += 0.15;
	if (streq(x->modality, y->modality))
		s += 0.05;
	return s;
}

/* @text with every amount and date of section @s blanked out. */
static char *without_entities(const char *text, const lp_rsection *s)
{
	char *t = lp_xstrdup(text);
	for (size_t k = 0; k < s->nmoney + s->ndates; k++) {
		const char *what = k < s->nmoney ? s->money[k].text
						 : s->dates[k - s->nmoney].text;
		size_t n = what ? strlen(what) : 0;
		for (char *at = n ? strstr(t, what) : NULL; at;
		     at = strstr(at + n, what))
			memset(at, ' ', n);
	}
	return t;
}

/* Were a commitment's words changed, beyond its amounts and dates?
 * Those are reported on their own (amount-changed, deadline-moved). */
static bool reworded(const lp_rcommit *x, const lp_rsection *a,
		     const lp_rcommit *y, const lp_rsection *b)
{
	if (lp_same_words(x->text, y->text))
		return false;
	char *tx = without_entities(x->text, a),
	     *ty = without_entities(y->text, b);
	bool changed = !lp_same_words(tx, ty);
	free(tx);
	free(ty);
	return changed;
}

static void diff_commitments(differ *df, const lp_rsection *a,
			     const lp_rsection *b)
{
	size_t n = a->ncommits, m = b->ncommits;
	commit_ctx c = { a, b, lp_xmalloc((n + 1) * sizeof(bag)),
			 lp_xmalloc((m + 1) * sizeof(bag)) };
	for (size_t i = 0; i < n; i++)
		lp_bag_of(a->commits[i].text, strlen(a->commits[i].text),
		       &c.ba[i]);
	for (size_t j = 0; j < m; j++)
		lp_bag_of(b->commits[j].text, strlen(b->commits[j].text),
		       &c.bb[j]);
	size_t *o2n = unmatched(n), *n2o = unmatched(m);
	lp_greedy(n, m, SAME_ENTITY, commit_score, &c, o2n, n2o);

	lp_diff_summary *sum = &df->d->summary;
	for (size_t i = 0; i < n; i++) {
		const lp_rcommit *x = &a->commits[i];
		if (o2n[i] == LP_NONE) {
			sum->commits_dropped++;
			report(df, (lp_change){ .kind = LP_CH_COMMITMENT_DROPPED,
						.old_commit = x });
			continue;
		}
		const lp_rcommit *y = &b->commits[o2n[i]];
		sum->commits_kept++;
		if (!streq(x->modality, y->modality)) {
			int dx = firmness(x->modality),
			    dy = firmness(y->modality);
			report(df, (lp_change){
					   .kind = LP_CH_MODALITY_CHANGED,
					   .old_commit = x, .new_commit = y,
					   .strength = dx && dy ? (dy > dx) -
									  (dy < dx)
								: 0 });
		} else if (reworded(x, a, y, b)) {
			sum->commits_reworded++;
			report(df, (lp_change){ .kind = LP_CH_COMMITMENT_REWORDED,
						.old_commit = x,
						.new_commit = y });
		}
	}
	for (size_t j = 0; j < m; j++)
		if (n2o[j] == LP_NONE) {
			sum->commits_added++;
			report(df, (lp_change){ .kind = LP_CH_COMMITMENT_ADDED,
						.new_commit = &b->commits[j] });
		}
	for (size_t i = 0; i < n; i++)
		lp_bag_free(&c.ba[i]);
	for (size_t j = 0; j < m; j++)
		lp_bag_free(&c.bb[j]);
	free(c.ba);
	free(c.bb);
	free(o2n);
	free(n2o);
}

/* ---- money and dates ---- */

/* The words around the @k-th entity (text @what) of section text @s,
 * within its paragraph: what says which amount or date it is ("the
 * service has been extended until ..."), so that a changed value still
 * finds its counterpart.  *@cursor keeps entities in reading order. */
static void context_of(const char *s, size_t len, const char *what,
		       size_t *cursor, bag *b)
{
	/* Entities come in reading order, so the next one is after the
	 * last; the search window bounds the cost of one that is not in the
	 * text at all (a hand-edited YAML). */
	size_t rest = len - *cursor, window = 1 << 16;
	const char *at = what && *what
				 ? memmem(s + *cursor,
					  rest < window ? rest : window, what,
					  strlen(what))
				 : NULL;
	if (!at) {
		lp_bag_of("", 0, b);
		return;
	}
	size_t start = (size_t)(at - s), end = start + strlen(what);
	*cursor = end;
	size_t lo = start, hi = end;
	for (int words = 0; lo > 0 && s[lo - 1] != '\n';) {
		lo--;
		if (lp_word_byte((unsigned char)s[lo]) &&
		    (lo == 0 || !lp_word_byte((unsigned char)s[lo - 1])) &&
		    ++words == CONTEXT_WORDS)
			break;
	}
	for (int words = 0; s[hi] && s[hi] != '\n'; hi++)
		if (lp_word_byte((unsigned char)s[hi]) &&
		    !lp_word_byte((unsigned char)s[hi + 1]) &&
		    ++words == CONTEXT_WORDS) {
			hi++;
			break;
		}
	/* The context without the entity itself. */
	size_t n = (start - lo) + 1 + (hi - end);
	char *buf = lp_xmalloc(n + 1);
	memcpy(buf, s + lo, start - lo);
	buf[start - lo] = ' ';
	memcpy(buf + start - lo + 1, s + end, hi - end);
	lp_bag_of(buf, n, b);
	free(buf);
}

typedef struct entity_ctx {
	bag *ca, *cb;           /* each entity's context */
	const lp_rmoney *ma, *mb;
	const lp_rdate *da, *db;
} entity_ctx;

static double money_score(const void *ctx, size_t i, size_t j)
{
	const entity_ctx *c = ctx;
	double s = lp_dice(&c->ca[i], &c->cb[j]);
	if (streq(c->ma[i].status, c->mb[j].status) &&
	    streq(c->ma[i].qualifier, c->mb[j].qualifier))
		s += 0.1;
	return s;
}

static double date_score(const void *ctx, size_t i, size_t j)
{
	const entity_ctx *c = ctx;
	double s = lp_dice(&c->ca[i], &c->cb[j]);
	if (c->da[i].deadline == c->db[j].deadline)
		s += 0.1;
	return s;
}

/* Same words: the first unmatched new item with the same key, looking
 * only near the same place in a section too long to look everywhere. */
static void match_equal(size_t n, size_t m,
			bool (*eq)(const void *ctx, size_t i, size_t j),
			const void *ctx, size_t *o2n, size_t *n2o)
{
	size_t reach = n && m > LP_MAX_COMPARISONS / n ? 64 : m;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i > reach ? i - reach : 0;
		     o2n[i] == LP_NONE && j < m && j <= i + reach; j++)
			if (n2o[j] == LP_NONE && eq(ctx, i, j)) {
				o2n[i] = j;
				n2o[j] = i;
			}
}

static bool money_equal(const void *ctx, size_t i, size_t j)
{
	const entity_ctx *c = ctx;
	return streq(c->ma[i].text, c->mb[j].text);
}

static bool date_equal(const void *ctx, size_t i, size_t j)
{
	const entity_ctx *c = ctx;
	return streq(c->da[i].text, c->db[j].text) &&
	       streq(c->da[i].value, c->db[j].value);
}

static bool date_same_words(const void *ctx, size_t i, size_t j)
{
	const entity_ctx *c = ctx;
	return streq(c->da[i].text, c->db[j].text);
}

static void contexts(const char *text, size_t n, const char *(*what)(
			     const void *items, size_t k),
		     const void *items, bag *out)
{
	size_t cursor = 0, len = strlen(text);
	for (size_t k = 0; k < n; k++)
		context_of(text, len, what(items, k), &cursor, &out[k]);
}

static const char *money_text(const void *items, size_t k)
{
	return ((const lp_rmoney *)items)[k].text;
}

static const char *date_text(const void *items, size_t k)
{
	return ((const lp_rdate *)items)[k].text;
}

static void free_bags(bag *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		lp_bag_free(&b[k]);
	free(b);
}

/* How to match one kind of entity: its text, and the tests tried in
 * turn; @fallback may be NULL. */
typedef struct entity_kind {
	const char *(*text)(const void *items, size_t k);
	bool (*equal)(const void *ctx, size_t i, size_t j);
	double (*score)(const void *ctx, size_t i, size_t j);
	bool (*fallback)(const void *ctx, size_t i, size_t j);
} entity_kind;

/* Match the @n old entities @items_a of section @a with the @m new ones
 * of @b: the same words first, then by the words around them, then by
 * @k->fallback.  *o2n and *n2o (LP_NONE where unmatched) are the
 * caller's to free. */
static void match_entities(const entity_kind *k, entity_ctx *c,
			   const lp_rsection *a, const void *items_a, size_t n,
			   const lp_rsection *b, const void *items_b, size_t m,
			   size_t **o2n, size_t **n2o)
{
	c->ca = lp_xmalloc((n + 1) * sizeof(bag));
	c->cb = lp_xmalloc((m + 1) * sizeof(bag));
	contexts(a->text, n, k->text, items_a, c->ca);
	contexts(b->text, m, k->text, items_b, c->cb);
	*o2n = unmatched(n);
	*n2o = unmatched(m);
	match_equal(n, m, k->equal, c, *o2n, *n2o);
	lp_greedy(n, m, SAME_ENTITY, k->score, c, *o2n, *n2o);
	if (k->fallback)
		match_equal(n, m, k->fallback, c, *o2n, *n2o);
	free_bags(c->ca, n);
	free_bags(c->cb, m);
}

static void diff_money(differ *df, const lp_rsection *a, const lp_rsection *b)
{
	static const entity_kind money = { money_text, money_equal,
					   money_score, NULL };
	size_t n = a->nmoney, m = b->nmoney, *o2n, *n2o;
	entity_ctx c = { .ma = a->money, .mb = b->money };
	match_entities(&money, &c, a, a->money, n, b, b->money, m, &o2n,
		       &n2o);
	for (size_t i = 0; i < n; i++) {
		const lp_rmoney *x = &a->money[i];
		if (o2n[i] == LP_NONE) {
			report(df, (lp_change){ .kind = LP_CH_MONEY_DROPPED,
						.old_money = x });
			continue;
		}
		const lp_rmoney *y = &b->money[o2n[i]];
		if (x->has_amount && y->has_amount && x->amount != y->amount)
			report(df, (lp_change){ .kind = LP_CH_AMOUNT_CHANGED,
						.old_money = x,
						.new_money = y });
	}
	for (size_t j = 0; j < m; j++)
		if (n2o[j] == LP_NONE)
			report(df, (lp_change){ .kind = LP_CH_MONEY_ADDED,
						.new_money = &b->money[j] });
	free(o2n);
	free(n2o);
}

/* How far a date moved: whole months when both fall at a month's end
 * ("September 2022" to "March 2023": 6 months), else days. */
static void shift(lp_change *c)
{
	char start[11], end0[11], end1[11];
	int y0, m0, d0, y1, m1, d1;
	if (!lp_date_bounds(c->old_date->value, start, end0) ||
	    !lp_date_bounds(c->new_date->value, start, end1) ||
	    sscanf(end0, "%d-%d-%d", &y0, &m0, &d0) != 3 ||
	    sscanf(end1, "%d-%d-%d", &y1, &m1, &d1) != 3)
		return;
	if (d0 == lp_days_in_month(y0, m0) && d1 == lp_days_in_month(y1, m1)) {
		c->shift = (long)(y1 - y0) * 12 + (m1 - m0);
		c->shift_unit = "months";
	} else {
		c->shift = lp_day_number(y1, m1, d1) - lp_day_number(y0, m0, d0);
		c->shift_unit = "days";
	}
}

static void diff_dates(differ *df, const lp_rsection *a, const lp_rsection *b)
{
	/* The last test: the same words in another setting, "since 2019"
	 * in both years. */
	static const entity_kind dates = { date_text, date_equal, date_score,
					   date_same_words };
	size_t n = a->ndates, m = b->ndates, *o2n, *n2o;
	entity_ctx c = { .da = a->dates, .db = b->dates };
	match_entities(&dates, &c, a, a->dates, n, b, b->dates, m, &o2n,
		       &n2o);
	for (size_t i = 0; i < n; i++) {
		const lp_rdate *x = &a->dates[i];
		if (o2n[i] == LP_NONE) {
			report(df, (lp_change){ .kind = LP_CH_DATE_DROPPED,
						.old_date = x });
			continue;
		}
		const lp_rdate *y = &b->dates[o2n[i]];
		if (streq(x->value, y->value))
			continue;
		/* A deadline is judged by when it falls: "later this year"
		 * written a year on has slipped a year.  Any other date by
		 * its words: "since 2019" means the same both years. */
		lp_change moved = { .kind = x->deadline || y->deadline
						    ? LP_CH_DEADLINE_MOVED
						    : LP_CH_DATE_CHANGED,
				    .old_date = x, .new_date = y };
		if (moved.kind == LP_CH_DEADLINE_MOVED ||
		    !streq(x->text, y->text)) {
			shift(&moved);
			report(df, moved);
		}
	}
	for (size_t j = 0; j < m; j++)
		if (n2o[j] == LP_NONE)
			report(df, (lp_change){ .kind = LP_CH_DATE_ADDED,
						.new_date = &b->dates[j] });
	free(o2n);
	free(n2o);
}

static void diff_section(differ *df, const char *name, const lp_rsection *a,
			 const lp_rsection *b)
{
	df->section = name;
	if (!lp_same_words(a->text, b->text))
		report(df, (lp_change){ .kind = LP_CH_TEXT_CHANGED,
					.old_text = a->text,
					.new_text = b->text });
	diff_commitments(df, a, b);
	diff_money(df, a, b);
	diff_dates(df, a, b);
	df->section = NULL;
}

static void diff_pair(differ *df, const lp_rpair *a, const lp_rpair *b)
{
	df->old_pair = a;
	df->new_pair = b;
	if (!streq(a->stance, b->stance))
		report(df, (lp_change){ .kind = LP_CH_STANCE_CHANGED,
					.old_text = a->stance,
					.new_text = b->stance });
	diff_section(df, "recommendation", &a->rec, &b->rec);
	diff_section(df, "response", &a->resp, &b->resp);
	diff_section(df, "details", &a->details, &b->details);
}

static size_t commitments_in(const lp_rpair *p)
{
	return p->rec.ncommits + p->resp.ncommits;
}

static void one_sided(differ *df, const lp_rpair *a, const lp_rpair *b)
{
	df->old_pair = a;
	df->new_pair = b;
	report(df, (lp_change){ .kind = a ? LP_CH_PAIR_REMOVED
					  : LP_CH_PAIR_ADDED });
	if (a)
		df->d->summary.commits_dropped += commitments_in(a);
	else
		df->d->summary.commits_added += commitments_in(b);
}

/* Money named in the pairs of @r, per currency, into old or new. */
static void total_money(lp_diff_summary *s, const lp_record *r, bool new_)
{
	for (size_t p = 0; p < r->npairs; p++)
		for (int k = 0; k < 2; k++) {
			const lp_rsection *sec = k ? &r->pairs[p].resp
						   : &r->pairs[p].rec;
			for (size_t i = 0; i < sec->nmoney; i++) {
				const lp_rmoney *m = &sec->money[i];
				if (!m->has_amount || m->upper)
					continue;
				const char *cur = m->currency ? m->currency
							      : "";
				size_t c = 0;
				while (c < s->nmoney &&
				       strcmp(s->money[c].currency, cur) != 0)
					c++;
				if (c == s->nmoney) {
					if (c == sizeof s->money /
							 sizeof *s->money)
						continue;
					s->money[s->nmoney++] =
						(struct lp_money_total){ .currency = cur };
				}
				*(new_ ? &s->money[c].new_
				       : &s->money[c].old) += m->amount;
			}
		}
}

lp_diff *lp_diff_run(const lp_record *old, const lp_record *new_)
{
	lp_diff *d = lp_xmalloc(sizeof *d);
	*d = (lp_diff){ .old = old, .new_ = new_ };
	size_t *old_match, *new_match;
	lp_align_pairs(d, &old_match, &new_match);

	/* Changes in the new letter's order; a removed pair comes where it
	 * stood, after the changes of the pair that preceded it. */
	differ df = { .d = d };
	size_t next_old = 0;
	for (size_t j = 0; j < new_->npairs; j++) {
		if (new_match[j] == LP_NONE) {
			one_sided(&df, NULL, &new_->pairs[j]);
			continue;
		}
		const lp_pair_match *m = &d->matches[new_match[j]];
		if (m->new_ != j) /* a later pair of a joined group */
			continue;
		for (; next_old < m->old; next_old++)
			if (old_match[next_old] == LP_NONE)
				one_sided(&df, &old->pairs[next_old], NULL);
		d->summary.pairs_matched += m->nnew;
		diff_pair(&df, m->old_pair, m->new_pair);
	}
	for (; next_old < old->npairs; next_old++)
		if (old_match[next_old] == LP_NONE)
			one_sided(&df, &old->pairs[next_old], NULL);

	for (size_t j = 0; j < new_->npairs; j++)
		d->summary.pairs_added += new_match[j] == LP_NONE;
	for (size_t i = 0; i < old->npairs; i++)
		d->summary.pairs_removed += old_match[i] == LP_NONE;
	total_money(&d->summary, old, false);
	total_money(&d->summary, new_, true);
	free(old_match);
	free(new_match);
	return d;
}

void lp_diff_free(lp_diff *d)
{
	if (!d)
		return;
	free(d->matches);
	free(d->changes);
	lp_arena_free(d->arena);
	free(d);
}

size_t lp_diff_count(const lp_diff *d, lp_kind_set kinds)
{
	size_t n = 0;
	for (size_t i = 0; i < d->nchanges; i++)
		n += (kinds >> d->changes[i].kind) & 1;
	return n;
}

static const char *const kind_names[LP_CH_KIND_COUNT] = {
	[LP_CH_PAIR_ADDED] = "pair-added",
	[LP_CH_PAIR_REMOVED] = "pair-removed",
	[LP_CH_TEXT_CHANGED] = "text-changed",
	[LP_CH_STANCE_CHANGED] = "stance-changed",
	[LP_CH_COMMITMENT_ADDED] = "commitment-added",
	[LP_CH_COMMITMENT_DROPPED] = "commitment-dropped",
	[LP_CH_COMMITMENT_REWORDED] = "commitment-reworded",
	[LP_CH_MODALITY_CHANGED] = "modality-changed",
	[LP_CH_DEADLINE_MOVED] = "deadline-moved",
	[LP_CH_DATE_CHANGED] = "date-changed",
	[LP_CH_AMOUNT_CHANGED] = "amount-changed",
	[LP_CH_MONEY_ADDED] = "money-added",
	[LP_CH_MONEY_DROPPED] = "money-dropped",
	[LP_CH_DATE_ADDED] = "date-added",
	[LP_CH_DATE_DROPPED] = "date-dropped",
};

const char *lp_change_kind_name(enum lp_change_kind kind)
{
	return kind < LP_CH_KIND_COUNT ? kind_names[kind] : "?";
}

int lp_change_kind_from_name(const char *name, size_t len)
{
	for (int k = 0; k < LP_CH_KIND_COUNT; k++)
		if (strlen(kind_names[k]) == len &&
		    memcmp(kind_names[k], name, len) == 0)
			return k;
	return -1;
}

const char *lp_match_method_name(enum lp_match_method m)
{
	switch (m) {
	case LP_MATCH_BOTH: return "both";
	case LP_MATCH_TEXT: return "text";
	case LP_MATCH_NUMBER: return "number";
	}
	return "?";
}
