/*
 * fuzz.h - what the fuzz targets share.  Each target defines
 * LLVMFuzzerTestOneInput; built with -Dfuzzing=true it links libFuzzer,
 * otherwise driver.c gives it a main() that runs the files it is given,
 * so the targets are always built and their regression inputs always run.
 */
#ifndef LP_FUZZ_H
#define LP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "letterpipe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The grammars every target parses with, loaded once. */
const lp_grammar *fuzz_grammar(void);
/* The same grammars with the prefilter off (LETTERPIPE_NO_PREFILTER):
 * every rule tried everywhere, whatever its `needs` and `reach`. */
const lp_grammar *fuzz_grammar_unfiltered(void);
/* A stream that throws away what is written to it. */
FILE *fuzz_sink(void);

#endif
