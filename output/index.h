/*
 * index.h - the SQLite index that `letterpipe batch --db` writes.
 *
 * One row per letter in `letters`, keyed by a letter_id made from its
 * sha256 (so the same letter has the same id in every run and on every
 * host), with its paths in `files` and its pairs, commitments, money and
 * dates in their own tables.  The schema is in index.c and the README.
 */
#ifndef LP_INDEX_H
#define LP_INDEX_H

#include <stdbool.h>
#include <stdio.h>

#include "record.h"

#define LP_INDEX_SCHEMA_VERSION 1

typedef struct lp_index lp_index;

/** Open the index at @path, in WAL mode with foreign keys on; with
 *  @create, make it and its tables if need be, else it must exist.
 *  Refuses another schema version. */
int lp_index_open(const char *path, bool create, lp_index **out,
		  lp_error *err);
/** Close it; NULL is fine. */
void lp_index_close(lp_index *ix);

/** Does the index hold the letter @sha256, as written by @generator? */
bool lp_index_has(lp_index *ix, const char *sha256, const char *generator);

/** Store @rec in one transaction, replacing whatever the index held for
 *  its sha256, and record @paths as the files that hold it. */
int lp_index_put(lp_index *ix, const lp_record *rec, const char *const *paths,
		 size_t npaths, lp_error *err);

/** The tables --export-csv knows, NULL-terminated. */
extern const char *const lp_index_tables[];

/** Write table @table (one of lp_index_tables) as CSV (RFC 4180, a header
 *  row, each row with its letter's date and reference) to @out. */
int lp_index_export_csv(lp_index *ix, const char *table, FILE *out,
			lp_error *err);

/** Copy every letter of the index at @other into @ix, a letter that both
 *  hold taking @other's rows. */
int lp_index_merge(lp_index *ix, const char *other, lp_error *err);

#endif
