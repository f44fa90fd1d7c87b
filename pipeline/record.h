/*
 * record.h - a letter as `parse` described it, read back into C structs.
 *
 * A record comes from a processed lp_doc or from the YAML that `parse`
 * wrote; both roads go through one reader (record.c), so a letter and its
 * YAML give the same record.  The diff compares records; the batch index
 * stores them.
 */
#ifndef LETTERPIPE_RECORD_H
#define LETTERPIPE_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "letterpipe.h"

/** Where a piece sits in the source: byte offsets, end exclusive; -1
 *  when the record does not say. */
typedef struct lp_rspan {
	long long start, end;
} lp_rspan;

/** One amount of money, as `parse` wrote it. */
typedef struct lp_rmoney {
	const char *text;       /**< "£17.7m" */
	double amount;          /**< resolved value; valid when has_amount */
	bool has_amount;
	bool upper;             /**< the top of a range listed before it */
	const char *currency, *qualifier, *status, *period; /**< or NULL */
	const char *max;        /**< a range's top, as written out, or NULL */
	lp_rspan span;
} lp_rmoney;

/** One date or period. */
typedef struct lp_rdate {
	const char *text;       /**< "September 2022" */
	const char *value;      /**< "2022-09", "2022-08-18/2022-12-31", or
				     NULL for a vague time */
	const char *kind;       /**< "month", "relative", ... or NULL */
	bool deadline;          /**< marked as a deadline, or the deadline of
				     a commitment in the same section */
	lp_rspan span;
} lp_rdate;

/** One commitment. */
typedef struct lp_rcommit {
	const char *text;
	const char *actor;      /**< as written ("we"), or NULL */
	const char *actor_resolved; /**< who that is ("Mayor of London") */
	const char *modality;   /**< "will", "will-consider", ... or NULL */
	const char *deadline;   /**< text of its deadline, or NULL */
	const char *deadline_value;
	lp_rspan span;
} lp_rcommit;

/** A recommendation or a response: its text and its entities. */
typedef struct lp_rsection {
	const char *text;       /**< "" when the pair has no such section */
	lp_rmoney *money;
	size_t nmoney;
	lp_rdate *dates;
	size_t ndates;
	lp_rcommit *commits;
	size_t ncommits;
	lp_rspan span;
} lp_rsection;

/** One recommendation/response pair. */
typedef struct lp_rpair {
	const char *number;     /**< "4", "4, 5" for a combined answer, or
				     NULL when unnumbered */
	const char *label;      /**< "Recommendation 4", or NULL */
	const char *stance;     /**< "accepted", ... or NULL */
	lp_rsection rec, resp;
	lp_rsection details;    /**< a table row's cells after the response
				     (lead, timescale); empty when none */
} lp_rpair;

/** What `parse` said about one letter; every string is owned by it, and
 *  any may be NULL where the letter or the YAML does not say. */
typedef struct lp_record {
	const char *path;       /**< the file it was read from */
	const char *generator;  /**< "letterpipe 0.1.0" */
	const char *sha256, *format;
	long long bytes;        /**< -1 when not recorded */
	const char *date;       /**< the letter's ISO date */
	const char *reference;
	const char *sender_name, *sender_role;
	const char *recipient_name, *recipient_role;
	const char *report;
	/** The cover letter, and the prose before the first pair and after
	 *  the last; a section with no text where the letter has none. */
	lp_rsection cover, introduction, closing;
	lp_rpair *pairs;
	size_t npairs;
	struct lp_arena *arena;
} lp_record;

/**
 * Is @bytes the YAML that `letterpipe parse` writes (its first key is
 * `schema: letterpipe/...`)?  Letters never start that way.
 */
bool lp_is_parse_yaml(const char *bytes, size_t len);

/**
 * Read the record of a processed document.  The caller owns *out and
 * frees it with lp_record_free(); @doc may be freed at once.
 */
int lp_record_from_doc(lp_doc *doc, lp_record **out, lp_error *err);

/**
 * Read the record from YAML that `parse` wrote; @name labels errors.
 * Fails with LP_EINPUT, naming the line, on YAML that does not parse,
 * on another schema, on a stream of several letters and on aliases.
 */
int lp_record_from_yaml(const char *name, const char *bytes, size_t len,
			lp_record **out, lp_error *err);

/**
 * Read one side of a diff from @path ("-" is stdin): the YAML that
 * `parse` wrote, or a letter in any format `parse` reads, which is then
 * parsed with @g.  The caller owns *out.
 */
int lp_record_load(const char *path, const lp_options *opt,
		   const lp_grammar *g, lp_record **out, lp_error *err);

void lp_record_free(lp_record *rec);

#endif
