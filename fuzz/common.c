/*
 * common.c - the grammar and the output sink the fuzz targets share.
 */
#include <stdlib.h>

#include "config.h"
#include "fuzz.h"

static lp_grammar *grammar;
static FILE *sink;

const lp_grammar *fuzz_grammar(void)
{
	if (!grammar) {
		lp_error err = { 0 };
		if (lp_grammar_load(LP_SOURCE_GRAMMARS, &grammar, &err)) {
			fprintf(stderr, "fuzz: %s:%ld: %s\n", err.file,
				err.line, err.msg);
			abort();
		}
	}
	return grammar;
}

const lp_grammar *fuzz_grammar_unfiltered(void)
{
	static lp_grammar *unfiltered;
	if (!unfiltered) {
		lp_error err = { 0 };
		setenv("LETTERPIPE_NO_PREFILTER", "1", 1);
		int rc = lp_grammar_load(LP_SOURCE_GRAMMARS, &unfiltered, &err);
		unsetenv("LETTERPIPE_NO_PREFILTER");
		if (rc) {
			fprintf(stderr, "fuzz: %s:%ld: %s\n", err.file,
				err.line, err.msg);
			abort();
		}
	}
	return unfiltered;
}

FILE *fuzz_sink(void)
{
	if (!sink)
		sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
	return sink;
}
