/*
 * driver.c - main() for a fuzz target built without a fuzzing engine:
 * runs each file named on the command line through the target once, so
 * that crash inputs kept in tests/bad/fuzz/ stay fixed.
 */
#include <stdlib.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		size_t cap = 1 << 16, len = 0;
		uint8_t *buf = malloc(cap);
		for (size_t n; buf && (n = fread(buf + len, 1, cap - len, f)) > 0;) {
			len += n;
			if (len == cap)
				buf = realloc(buf, cap *= 2);
		}
		fclose(f);
		if (!buf)
			return 2;
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
	}
	printf("%d inputs ran\n", argc - 1);
	return 0;
}
