/*
 * batch.h - `letterpipe batch`: an archive of letters, parsed on every
 * core into an output tree and, optionally, an SQLite index.
 *
 * Part of the command line, not of the library: it prints progress and
 * failures itself, and returns the exit status.
 */
#ifndef LP_BATCH_H
#define LP_BATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "letterpipe.h"

typedef struct lp_batch_options {
	const char *out_dir;      /**< -o: the output tree */
	const char *db_path;      /**< --db, or NULL */
	bool yaml, xml;           /**< -f: which outputs to write */
	int jobs;                 /**< -j: worker threads */
	bool fail_fast, force;
	FILE *files_from;         /**< --files-from, or NULL */
	const char *files_from_name;
	lp_options parse;         /**< as for parse: --from, --max-bytes, ... */
	const lp_grammar *grammar;
} lp_batch_options;

/* Exit statuses. */
enum { LP_BATCH_OK = 0, LP_BATCH_FAILED = 1, LP_BATCH_TROUBLE = 2 };

/**
 * Process the folders and files @inputs (and the list in o->files_from).
 * Returns LP_BATCH_OK, LP_BATCH_FAILED when some file failed, or
 * LP_BATCH_TROUBLE when the batch could not run (the output folder or the
 * index cannot be written).
 */
int lp_batch_run(const lp_batch_options *o, char **inputs, size_t ninputs);

/**
 * The next path of a --files-from list @f (batch's, parse's): its next
 * line that is not empty, without its line end, in *@line, a getline
 * buffer of *@cap bytes.  False at the list's end or on a read error.
 */
bool lp_list_next(FILE *f, char **line, size_t *cap);

#endif
