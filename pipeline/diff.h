/*
 * diff.h - what changed between two letters: the API of `letterpipe diff`.
 *
 * A diff does not compare documents but what `parse` made of them: each
 * side is first read into an lp_record (record.h).  lp_diff_run then
 * aligns the two records' recommendations and lists what changed, and an
 * emitter writes the list as text or YAML.
 */
#ifndef LETTERPIPE_DIFF_H
#define LETTERPIPE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "letterpipe.h"
#include "record.h"

/* ---- the changes --------------------------------------------------- */

/** Every kind of change, in the order the README documents them. */
enum lp_change_kind {
	LP_CH_PAIR_ADDED,
	LP_CH_PAIR_REMOVED,
	LP_CH_TEXT_CHANGED,
	LP_CH_STANCE_CHANGED,
	LP_CH_COMMITMENT_ADDED,
	LP_CH_COMMITMENT_DROPPED,
	LP_CH_COMMITMENT_REWORDED,
	LP_CH_MODALITY_CHANGED,
	LP_CH_DEADLINE_MOVED,
	LP_CH_DATE_CHANGED,
	LP_CH_AMOUNT_CHANGED,
	LP_CH_MONEY_ADDED,
	LP_CH_MONEY_DROPPED,
	LP_CH_DATE_ADDED,
	LP_CH_DATE_DROPPED,
	LP_CH_KIND_COUNT
};

/** How two pairs were matched. */
enum lp_match_method {
	LP_MATCH_BOTH,   /**< same number, and the texts agree */
	LP_MATCH_TEXT,   /**< different numbers; the texts agree */
	LP_MATCH_NUMBER, /**< same numbers, the texts less alike: a
			      rewritten recommendation, or pairs answered
			      together one year and apart the other */
};

/**
 * Matched pairs.  Usually one old pair and one new; where one letter
 * answers recommendations together ("Recommendations 4 and 5") that the
 * other answers apart, the separate pairs are joined into one, owned by
 * the diff, and that is compared.
 */
typedef struct lp_pair_match {
	size_t old, nold;       /**< old pairs [old, old + nold) */
	size_t new_, nnew;      /**< new pairs [new_, new_ + nnew) */
	const lp_rpair *old_pair, *new_pair; /**< compared: a pair of the
						  record, or the joined one */
	enum lp_match_method method;
	double score;           /**< text similarity, 0 to 1 */
} lp_pair_match;

/** One change.  Which of old_* and new_* are set depends on the kind:
 *  an added thing has only new_*, a dropped thing only old_*. */
typedef struct lp_change {
	enum lp_change_kind kind;
	const lp_rpair *old_pair, *new_pair;   /**< either may be NULL */
	const char *section;    /**< "recommendation" or "response", or
				     NULL for a change to a whole pair */
	const lp_rmoney *old_money, *new_money;
	const lp_rdate *old_date, *new_date;
	const lp_rcommit *old_commit, *new_commit;
	const char *old_text, *new_text;   /**< text-changed, stance-changed */
	int strength;           /**< modality-changed: +1 strengthened,
				     -1 weakened, 0 neither */
	long shift;             /**< deadline-moved, date-changed: how far
				     the date's last day moved, in ... */
	const char *shift_unit; /**< ... "months" (both ends of months) or
				     "days"; NULL when a value is unknown */
} lp_change;

/** Totals for the summary. */
typedef struct lp_diff_summary {
	size_t pairs_matched, pairs_added, pairs_removed;
	size_t commits_kept, commits_added, commits_dropped,
		commits_reworded;
	/* Money named in the pairs, per currency; a range counts once. */
	struct lp_money_total {
		const char *currency;
		double old, new_;
	} money[4];
	size_t nmoney;
} lp_diff_summary;

/** The result of comparing two records; it points into both, so free
 *  it before them. */
typedef struct lp_diff {
	const lp_record *old, *new_;
	struct lp_arena *arena; /* the joined pairs */
	lp_pair_match *matches;
	size_t nmatches;
	lp_change *changes;
	size_t nchanges;
	lp_diff_summary summary;
} lp_diff;

/** Compare @old with @new_.  The caller frees the result with
 *  lp_diff_free(). */
lp_diff *lp_diff_run(const lp_record *old, const lp_record *new_);
void lp_diff_free(lp_diff *d);

/** "pair-added", ...; and back (-1 for an unknown name). */
const char *lp_change_kind_name(enum lp_change_kind kind);
int lp_change_kind_from_name(const char *name, size_t len);
const char *lp_match_method_name(enum lp_match_method m);

/** A set of change kinds, one bit each. */
typedef unsigned lp_kind_set;
#define LP_ALL_KINDS ((lp_kind_set)((1u << LP_CH_KIND_COUNT) - 1))

/** How many of @d's changes are in @kinds. */
size_t lp_diff_count(const lp_diff *d, lp_kind_set kinds);

/**
 * Write the changes in @kinds as text, in the style of
 * `git diff --word-diff`: removed words [-like this-], added {+like
 * this+}, in red and green as well when @colour.  Nothing is written
 * when no change is in @kinds.
 */
int lp_diff_emit_text(const lp_diff *d, lp_kind_set kinds, bool colour,
		      FILE *out, lp_error *err);

/** Write the summary, the matches and the changes in @kinds as YAML. */
int lp_diff_emit_yaml(const lp_diff *d, lp_kind_set kinds, FILE *out,
		      lp_error *err);

/* ---- words the text and the HTML diff share (output/emit_diff.c) ---- */

/** An amount as "£2,300,000", "-€65,000" or "CHF 1,200.50" (pence only
 *  when there are any); with @sign, "+" or "-" first. */
void lp_amount_text(double v, const char *currency, bool sign, char *buf,
		    size_t n);
/** " (+£2,300,000, +13.0%)": how an amount changed, and by how much of
 *  the old one when that is not 0. */
void lp_amount_change_text(double old, double new_, const char *currency,
			   char *buf, size_t n);
/** ", 6 months later" for a moved date; "" when the shift is unknown. */
void lp_shift_text(const lp_change *c, char *buf, size_t n);
/** "strengthened", "weakened" or "changed", for modality-changed. */
const char *lp_strength_name(int strength);

/** Write a review page (output/emit_diff_html.c): the summary, the
 *  changes in @kinds, and every pair with the words removed struck
 *  through and those added underlined. */
int lp_diff_emit_html(const lp_diff *d, lp_kind_set kinds, FILE *out,
		      lp_error *err);

/* ---- word diff ----------------------------------------------------- */

/** A run of words that both texts share, or that only one has. */
typedef struct lp_wd_run {
	char op;                /**< '=' both, '-' old only, '+' new only */
	size_t from, to;        /**< word indexes in that side's lp_words */
} lp_wd_run;

/** A text split at white space; a word may start a new paragraph.
 *  Words are compared by their keys, with typographic quotes and dashes
 *  folded to ASCII: ’ against ' is not a change a reader sees. */
typedef struct lp_words {
	const char **s;         /**< each word, pointing into the text */
	size_t *len;
	const char **key;       /**< each word folded, pointing into folded */
	size_t *keylen;
	bool *para;             /**< a blank line or a line end before it */
	size_t n;
	char *folded;
} lp_words;

void lp_words_split(const char *text, lp_words *w);
void lp_words_free(lp_words *w);

/**
 * The runs that turn @a into @b, in order, as few words changed as the
 * longest common subsequence allows.  Past a size limit (a few million
 * word pairs after the shared start and end), the differing middle is
 * one removed and one added run.  The caller frees *out.
 */
size_t lp_word_diff(const lp_words *a, const lp_words *b, lp_wd_run **out);

#endif
