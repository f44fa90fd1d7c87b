/*
 * extract.h - shared by the extraction stages (money, dates, commitments,
 * stance); not part of the public API.
 *
 * Each extractor scans one section (the cover, a recommendation, a
 * response) in the folded view and adds entity spans whose parent is that
 * section.  Values are resolved against the reference date: --ref-date,
 * or else the letter's own date.
 */
#ifndef LP_EXTRACT_H
#define LP_EXTRACT_H

#include "internal.h"

typedef struct lp_range {
	size_t start, end; /* fold offsets, end exclusive */
} lp_range;

typedef struct lp_xctx {
	lp_doc *doc;
	const lp_grammar *g;
	lp_match *m;
	lp_error *err;
	int ref_y, ref_m, ref_d; /* the reference date; ref_y == 0: none */
	size_t sec_a, sec_e;     /* the section being read, in fold offsets:
				    where lp_rule_may_match looks */
	int reported;            /* lp_reported_speech's answer for it, or
				    -2 before it is asked */
	int minutes;             /* is the document a meeting's minutes,
				    reported speech throughout: 1, 0, or
				    -2 before it is asked */
} lp_xctx;

/* Add an entity span over fold range [a, e) under section @parent. */
int lp_add_entity(lp_xctx *x, enum lp_span_kind kind, size_t a, size_t e,
		  const lp_rule *rule, int parent);

/* Set an attribute from a printf format. */
void lp_entity_setf(lp_xctx *x, int span, const char *key, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));

/* Does rule @name match the text just before fold offset @at, ending
 * there?  (Looks back at most @window bytes.)  Leaves the match in x->m. */
int lp_match_before(lp_xctx *x, const char *name, size_t at, size_t window);

/* Does rule @name match at fold offset @at?  Leaves the match in x->m. */
int lp_match_after(lp_xctx *x, const char *name, size_t at, size_t limit);

/* Is the section being read in reported speech, as minutes are ("The
 * Cabinet Member advised that ...", or any section of a document headed
 * "Minutes of the meeting ... held on ...")?  1, 0, or an error; asked
 * once a section. */
int lp_reported_speech(lp_xctx *x);

/* Sentences of fold range [a, e), into *out (caller frees); their count. */
size_t lp_sentences(lp_xctx *x, size_t a, size_t e, lp_range **out);

int lp_extract_money(lp_xctx *x, int section, size_t a, size_t e);
int lp_extract_dates(lp_xctx *x, int section, size_t a, size_t e);
int lp_extract_commitments(lp_xctx *x, int section, size_t a, size_t e);
/* The stance a response states in its opening, set on pair @pair. */
int lp_extract_stance(lp_xctx *x, int pair, size_t a, size_t e);

#endif
