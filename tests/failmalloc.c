/*
 * failmalloc.c - an LD_PRELOAD library that makes one allocation fail.
 *
 * LP_FAIL_ALLOC=N: the Nth call of malloc, calloc or realloc (from 1)
 * made once main() has started returns NULL, every other succeeds.
 * Calls before main() do not count: GLib (poppler's) allocates in its
 * constructors and aborts by design when it cannot.  LP_COUNT_ALLOC=FILE:
 * at exit, write how many calls there were to FILE.  tests/fault_injection.py
 * runs letterpipe once for every N, and each run must end in its output
 * or in a one-line error, never in a crash.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static unsigned long calls, fail_at;
static int ready, armed;

/* dlsym may itself call calloc: it gets this, before the real one is
 * known. */
static char early[4096];
static size_t early_used;

static void init(void)
{
	if (ready)
		return;
	ready = -1;
	real_malloc = dlsym(RTLD_NEXT, "malloc");
	real_calloc = dlsym(RTLD_NEXT, "calloc");
	real_realloc = dlsym(RTLD_NEXT, "realloc");
	const char *n = getenv("LP_FAIL_ALLOC");
	fail_at = n ? strtoul(n, NULL, 10) : 0;
	ready = 1;
}

static int should_fail(void)
{
	return armed && ready == 1 && ++calls == fail_at;
}

/* main() starts counting: the C library calls it through here. */
static int (*real_main)(int, char **, char **);

static int counted_main(int argc, char **argv, char **env)
{
	armed = 1;
	return real_main(argc, argv, env);
}

int __libc_start_main(int (*main)(int, char **, char **), int argc,
		      char **argv, void (*init_fn)(void), void (*fini)(void),
		      void (*rtld_fini)(void), void *stack_end);
int __libc_start_main(int (*main)(int, char **, char **), int argc,
		      char **argv, void (*init_fn)(void), void (*fini)(void),
		      void (*rtld_fini)(void), void *stack_end)
{
	int (*real)(int (*)(int, char **, char **), int, char **,
		    void (*)(void), void (*)(void), void (*)(void), void *) =
		dlsym(RTLD_NEXT, "__libc_start_main");
	real_main = main;
	return real(counted_main, argc, argv, init_fn, fini, rtld_fini,
		    stack_end);
}

void *malloc(size_t n)
{
	init();
	return should_fail() ? NULL : real_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	if (ready == -1) { /* inside dlsym */
		size_t want = (n * size + 15) & ~(size_t)15;
		if (early_used + want > sizeof early)
			return NULL;
		void *p = early + early_used;
		early_used += want;
		memset(p, 0, want);
		return p;
	}
	init();
	return should_fail() ? NULL : real_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	init();
	return should_fail() ? NULL : real_realloc(p, n);
}

void free(void *p)
{
	static void (*real_free)(void *);
	if ((char *)p >= early && (char *)p < early + sizeof early)
		return;
	if (!real_free)
		real_free = dlsym(RTLD_NEXT, "free");
	real_free(p);
}

__attribute__((destructor)) static void report(void)
{
	const char *path = getenv("LP_COUNT_ALLOC");
	if (!path)
		return;
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%lu\n", calls);
		fclose(f);
	}
}
