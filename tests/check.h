/*
 * check.h - the one assertion the C unit tests use: CHECK(cond, fmt, ...)
 * counts a pass, or prints where and why it failed and counts a failure.
 * main() reports the counts with CHECK_REPORT().
 */
#ifndef LP_TEST_CHECK_H
#define LP_TEST_CHECK_H

#include <stdio.h>

static int passed, failed;

#define CHECK(cond, ...)                                                    \
	do {                                                                \
		if (cond) {                                                 \
			passed++;                                           \
		} else {                                                    \
			failed++;                                           \
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__,       \
				__LINE__, #cond);                           \
			fprintf(stderr, __VA_ARGS__);                       \
			fputc('\n', stderr);                                \
		}                                                           \
	} while (0)

#define CHECK_REPORT()                                                      \
	(printf("%d passed, %d failed\n", passed, failed), failed ? 1 : 0)

#endif
