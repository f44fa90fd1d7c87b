/*
 * fuzz_grammar.c - bytes -> the grammar loader and its example check.
 *
 * The input is written as the one file of a grammar directory, which is
 * loaded, checked and freed.
 */
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

static char dir[] = "/tmp/lp-fuzz-grammar-XXXXXX";
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/rules.yaml", dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	lp_grammar *g = NULL;
	lp_error err = { 0 };
	if (lp_grammar_load(dir, &g, &err) == 0) {
		lp_grammar_check(g, fuzz_sink());
		lp_grammar_check_values(g, fuzz_sink());
	}
	lp_grammar_free(g);
	return 0;
}
