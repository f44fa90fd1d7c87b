/*
 * main.c - the letterpipe command line.  Thin: options, files, exit codes.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "config.h"
#include "diff.h"
#include "index.h"
#include "letterpipe.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };
/* diff follows diff(1): 0 same, 1 different, 2 trouble of any kind. */
enum { EXIT_SAME = 0, EXIT_DIFFERENT = 1, EXIT_TROUBLE = 2 };

static const char usage_text[] =
	"Usage: letterpipe parse [options] [FILE...|-]\n"
	"       letterpipe extract [options] [FILE...|-]\n"
	"       letterpipe diff [options] OLD NEW\n"
	"       letterpipe batch [options] -o DIR [FOLDER|FILE...]\n"
	"       letterpipe batch --db FILE --export-csv TABLE\n"
	"       letterpipe merge-db OUT.sqlite IN.sqlite...\n"
	"       letterpipe grammars --check [DIR]\n"
	"       letterpipe --help | --version\n"
	"\n"
	"parse turns a response letter (text, Markdown, HTML, PDF or Word)\n"
	"into its particulars and recommendation/response pairs, each section\n"
	"with its money, dates and commitments and each response with its\n"
	"stance.\n"
	"extract prints only the money, dates and commitments of any text.\n"
	"With no FILE, or when FILE is -, they read standard input.\n"
	"diff says what changed between two letters (each a letter in any\n"
	"format parse reads, or the YAML parse wrote; one may be -): pairs\n"
	"added and removed, text, stance, commitments, deadlines and money.\n"
	"batch parses every file under the FOLDERs (and the FILEs, and those\n"
	"listed by --files-from) on every core into DIR, mirroring the tree:\n"
	"DIR/<path>.yaml.  Unchanged files are skipped on a rerun; with --db\n"
	"it also fills an SQLite index (see the README for its tables).\n"
	"merge-db copies indexes made on several machines into one.\n"
	"grammars --check runs every rule's examples (DIR: the grammars to\n"
	"check, by default the ones parse uses).\n"
	"\n"
	"Options:\n"
	"  -f, --format FMT      parse: yaml (default), xml or html (a page\n"
	"                        to check the letter by eye);\n"
	"                        extract: yaml (default) or xml;\n"
	"                        diff: text (default), yaml or html;\n"
	"                        batch: yaml (default), xml or yaml,xml\n"
	"  -o, --output FILE     write to FILE instead of standard output;\n"
	"                        FILE appears only when every input succeeded\n"
	"      --from FORMAT     read the input as text, markdown, html, pdf\n"
	"                        or docx instead of sniffing its content\n"
	"                        (PDF and docx need poppler and libzip at\n"
	"                        build time)\n"
	"      --ref-date DATE   resolve relative dates (\"later this year\")\n"
	"                        against DATE, YYYY-MM-DD, instead of the\n"
	"                        letter's own date\n"
	"      --grammars DIR    read the rules from DIR (default: the\n"
	"                        installed grammars, or the source tree's when\n"
	"                        run from the build directory)\n"
	"      --max-bytes N     refuse inputs larger than N bytes (suffixes\n"
	"                        K, M, G; default 64M)\n"
	"      --timings         parse, extract: print to standard error how\n"
	"                        long each stage took, over all the FILEs\n"
	"      --rule-timings    parse, extract: print to standard error the\n"
	"                        20 rules whose searches took longest (the\n"
	"                        clock slows the run by about a tenth)\n"
	"      --only KIND,...   diff: show only these kinds of change:\n"
	"                        pair-added, pair-removed, text-changed,\n"
	"                        stance-changed, commitment-added,\n"
	"                        commitment-dropped, commitment-reworded,\n"
	"                        modality-changed, deadline-moved,\n"
	"                        date-changed, amount-changed, money-added,\n"
	"                        money-dropped, date-added, date-dropped\n"
	"      --color[=WHEN]    diff: colour the text output: auto (the\n"
	"                        default: when standard output is a\n"
	"                        terminal and NO_COLOR is unset), always\n"
	"                        or never\n"
	"  -j, --jobs N          batch: N threads (default: one per core)\n"
	"      --db FILE         batch: index every letter in FILE (SQLite)\n"
	"      --files-from FILE parse, extract, batch: also the paths in\n"
	"                        FILE, one a line (- for standard input)\n"
	"      --force           batch: parse files whose output is current\n"
	"      --fail-fast       batch: stop at the first file that fails\n"
	"      --export-csv TABLE\n"
	"                        batch --db: write TABLE (letters, pairs,\n"
	"                        commitments, money or dates) as CSV\n"
	"  -h, --help            show this help and exit\n"
	"  -V, --version         show the version and exit\n"
	"\n"
	"Several files give a YAML stream (one document per letter) or one\n"
	"XML <letters> root.\n"
	"\n"
	"Exit status: 0 success; 1 bad input (empty, binary, not UTF-8, too\n"
	"large, unreadable), a broken grammar or failing examples; 2 usage\n"
	"error.  diff, like diff(1): 0 no change, 1 changes, 2 any error.\n"
	"batch: 0 every file done, 1 some file failed (the others are done),\n"
	"2 the batch could not run (output folder or index), 130 on ^C.\n"
	"Errors are printed as 'letterpipe: FILE: message'.\n";

static void usage_error(const char *fmt, const char *arg)
{
	fputs("letterpipe: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'letterpipe --help'.\n", stderr);
}

static void report(const lp_error *e)
{
	fputs("letterpipe: ", stderr);
	if (e->file[0]) {
		fputs(e->file, stderr);
		if (e->line > 0)
			fprintf(stderr, ":%ld", e->line);
		fputs(": ", stderr);
	}
	fprintf(stderr, "%s\n", e->msg);
}

/* The grammars in @dir, or NULL after reporting why they did not load. */
static lp_grammar *load_grammars(const char *dir)
{
	lp_error err = { 0 };
	lp_grammar *g = NULL;
	if (lp_grammar_load(dir, &g, &err)) {
		report(&err);
		return NULL;
	}
	return g;
}

/* The grammars beside the sources when this binary is the one in the
 * build tree, else the installed ones. */
static const char *default_grammars(void)
{
	const char *env = getenv("LETTERPIPE_GRAMMARS");
	if (env && *env)
		return env;
	static char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char build[PATH_MAX];
		if (realpath(LP_BUILD_DIR, build) &&
		    strcmp(dirname(exe), build) == 0)
			return LP_SOURCE_GRAMMARS;
	}
	return LP_GRAMMAR_DIR;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	unsigned long long mul = 1;
	switch (*end) {
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'm': case 'M': mul = 1ULL << 20; end++; break;
	case 'g': case 'G': mul = 1ULL << 30; end++; break;
	}
	if (*end || v == 0 || v > SIZE_MAX / mul)
		return -1;
	*out = (size_t)(v * mul);
	return 0;
}

/* Where a command writes: standard output, or a temporary file beside
 * the -o path that is renamed into place only when all of it was
 * written, so that the path never holds half a result.  Output written
 * before every input is known to be good goes to standard output through
 * an unnamed temporary file (@held), copied out when all went well. */
typedef struct output {
	const char *path;       /* NULL for standard output */
	char *tmp;
	FILE *f;
	bool held;
} output;

static int open_output(output *o, const char *path, bool hold)
{
	*o = (output){ .path = path, .f = stdout };
	if (!path && hold) {
		o->f = tmpfile();
		o->held = true;
		if (!o->f) {
			fprintf(stderr, "letterpipe: cannot make a temporary "
					"file for standard output: %s\n",
				strerror(errno));
			return -1;
		}
		return 0;
	}
	if (!path)
		return 0;
	size_t len = strlen(path) + 16;
	o->tmp = malloc(len);
	int fd = -1;
	if (o->tmp) {
		snprintf(o->tmp, len, "%s.tmpXXXXXX", path);
		fd = lp_mkstemp(o->tmp);
	}
	o->f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (o->f)
		return 0;
	fprintf(stderr, "letterpipe: %s: %s\n", path, strerror(errno));
	if (fd >= 0) {
		close(fd);
		unlink(o->tmp);
	}
	free(o->tmp);
	return -1;
}

/* Copy the held output to standard output. */
static int release(output *o)
{
	char buf[1 << 16];
	if (fflush(o->f) != 0 || fseek(o->f, 0, SEEK_SET) != 0)
		return -1;
	for (size_t n; (n = fread(buf, 1, sizeof buf, o->f)) > 0;)
		if (fwrite(buf, 1, n, stdout) != n)
			return -1;
	return ferror(o->f) ? -1 : 0;
}

/* Throw away what was written: an input failed. */
static void discard_output(output *o)
{
	if (o->held) {
		fclose(o->f);
	} else if (o->path) {
		fclose(o->f);
		unlink(o->tmp);
		free(o->tmp);
	}
}

/* Finish writing after the emitter returned @rc (its error in @err):
 * flush, rename into place or remove, and report any failure. */
static int close_output(output *o, int rc, lp_error *err)
{
	if (o->held) {
		if (rc == 0 && release(o) != 0)
			rc = -1, snprintf(err->msg, sizeof err->msg,
					  "writing standard output failed: %s",
					  strerror(errno));
		fclose(o->f);
		o->held = false;
	}
	if (!o->path) {
		if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
			rc = -1, snprintf(err->msg, sizeof err->msg,
					  "write error on standard output: %s",
					  strerror(errno));
	} else {
		if (fclose(o->f) != 0 && rc == 0)
			rc = -1, snprintf(err->msg, sizeof err->msg, "%s",
					  strerror(errno));
		if (rc == 0 && rename(o->tmp, o->path) != 0)
			rc = -1, snprintf(err->msg, sizeof err->msg, "%s",
					  strerror(errno));
		if (rc) {
			unlink(o->tmp);
			snprintf(err->file, sizeof err->file, "%s", o->path);
		}
		free(o->tmp);
	}
	if (rc)
		report(err);
	return rc;
}

static int write_output(const char *path, lp_doc **docs, size_t n,
			enum lp_format fmt, enum lp_shape shape,
			double *seconds)
{
	lp_error err = { 0 };
	output o;
	if (open_output(&o, path, false))
		return EXIT_INPUT;
	double t = lp_clock();
	int rc = lp_emit(docs, n, fmt, shape, o.f, &err);
	rc = close_output(&o, rc, &err) ? EXIT_INPUT : EXIT_OK;
	*seconds = lp_clock() - t;
	return rc;
}

/* What parse and extract time: their stages (--timings) and the rules'
 * searches (--rule-timings). */
enum { TIME_STAGES = 1, TIME_RULES = 2 };

/* parse --timings: where the time went, summed over the letters.  The
 * grammars are loaded once, before the first letter. */
typedef struct stage_times {
	double by[LP_NSTAGES];
	size_t letters, bytes;
} stage_times;

static void add_timings(stage_times *t, const lp_doc *doc)
{
	for (int s = 0; s < LP_NSTAGES; s++)
		t->by[s] += doc->seconds[s];
	t->bytes += doc->bytes;
	t->letters++;
}

static double stages_total(const stage_times *t)
{
	double total = 0;
	for (int s = 0; s < LP_NSTAGES; s++)
		total += t->by[s];
	return total;
}

static void print_timings(stage_times *t, double grammars)
{
	double total = stages_total(t);
	fprintf(stderr, "letterpipe: timings: %zu letter%s, %zu bytes; "
		"grammars loaded in %.6f s\n", t->letters,
		t->letters == 1 ? "" : "s", t->bytes, grammars);
	for (int s = 0; s < LP_NSTAGES; s++)
		fprintf(stderr, "  %-20s %10.6f s %6.1f%%\n",
			lp_stage_name((enum lp_stage)s), t->by[s],
			total > 0 ? 100 * t->by[s] / total : 0);
	fprintf(stderr, "  %-20s %10.6f s\n", "total", total);
}

/* Warn of recommendation numbers that repeat or go back: the letter says
 * something odd, or its pairs were read wrong.  A combined answer
 * ("Recommendations 1, 2 and 13") is placed by its first number. */
static void warn_numbers(const lp_doc *doc)
{
	/* seen_at[v], the pair that answered recommendation v, is set once
	 * v's bit in @seen is; clearing all of seen_at for every letter
	 * cost a hundredth of a parse. */
	unsigned char seen[LP_MAX_PAIRS / 8 + 1] = { 0 };
	long last = 0, seen_at[LP_MAX_PAIRS + 1];
	size_t pair = 0;
	for (size_t i = 0; i < doc->nspans; i++) {
		if (doc->spans[i].kind != LP_SPAN_PAIR)
			continue;
		pair++;
		const char *nums = lp_span_attr(&doc->spans[i], "number");
		bool first = true;
		for (const char *p = nums; p && *p; first = false) {
			char *end;
			long v = strtol(p, &end, 10);
			if (end == p)
				break;
			p = end + strspn(end, ", ");
			if (first && v < last)
				fprintf(stderr, "letterpipe: %s: warning: "
					"recommendation %ld comes after %ld\n",
					doc->path, v, last);
			if (first)
				last = v;
			if (v < 1 || v > LP_MAX_PAIRS)
				continue;
			if (seen[v / 8] >> (v % 8) & 1) {
				fprintf(stderr, "letterpipe: %s: warning: "
					"recommendation %ld is answered twice "
					"(pairs %ld and %zu)\n", doc->path, v,
					seen_at[v], pair);
			} else {
				seen[v / 8] |= (unsigned char)(1u << (v % 8));
				seen_at[v] = (long)pair;
			}
		}
	}
}

/* Read and process one letter: NULL, reported, when it fails. */
static lp_doc *read_letter(const char *file, const lp_grammar *g,
			   enum lp_shape shape, const lp_options *opt)
{
	lp_error err = { 0 };
	lp_doc *doc = NULL;
	if (lp_ingest_file(file, opt, &doc, &err) ||
	    (shape == LP_SHAPE_LETTER ? lp_doc_process(doc, g, &err)
				      : lp_doc_process_text(doc, g, &err))) {
		report(&err);
		lp_doc_free(doc);
		return NULL;
	}
	if (shape == LP_SHAPE_LETTER)
		warn_numbers(doc);
	return doc;
}

/* parse and extract to YAML: each letter is written as soon as it is
 * read and then let go, so that a parse of thousands of letters holds
 * one at a time.  The output still appears only when every input was
 * good. */
static int parse_streaming(char **files, size_t n, const lp_grammar *g,
			   const char *out, enum lp_shape shape,
			   const lp_options *opt, stage_times *t, double *emit)
{
	output o;
	if (open_output(&o, out, true))
		return EXIT_INPUT;
	lp_yaml_stream *ys = lp_yaml_stream_open(o.f, shape, n);
	int status = EXIT_OK, wrc = 0;
	for (size_t i = 0; i < n; i++) {
		lp_doc *doc = read_letter(files[i], g, shape, opt);
		if (!doc) {
			status = EXIT_INPUT;
			continue;
		}
		add_timings(t, doc);
		if (status == EXIT_OK && wrc == 0) {
			double t0 = lp_clock();
			wrc = lp_yaml_stream_put(ys, doc);
			*emit += lp_clock() - t0;
		}
		lp_doc_free(doc);
	}
	lp_error err = { 0 };
	if (status != EXIT_OK) {
		lp_yaml_stream_close(ys, -1, &err);
		discard_output(&o);
		return status;
	}
	double t0 = lp_clock();
	int rc = lp_yaml_stream_close(ys, wrc, &err);
	rc = close_output(&o, rc, &err);
	*emit += lp_clock() - t0;
	return rc ? EXIT_INPUT : EXIT_OK;
}

/* The files parse and extract read: the FILEs named, then those listed in
 * @list (--files-from: one a line, "-" for standard input), or standard
 * input when there are neither.  Sets *@n and returns an array for
 * free_files, or returns NULL after reporting why with *@status. */
static char **input_files(int argc, char **argv, const char *list,
			  size_t *n, int *status)
{
	size_t cap = (size_t)argc + (list ? 64 : 1);
	char **files = calloc(cap, sizeof *files);
	if (!files) {
		fputs("letterpipe: out of memory\n", stderr);
		*status = EXIT_INPUT;
		return NULL;
	}
	for (int i = 0; i < argc; i++)
		files[i] = argv[i];
	*n = (size_t)argc;
	if (!list) {
		if (argc == 0)
			files[(*n)++] = "-";
		return files;
	}
	bool from_stdin = strcmp(list, "-") == 0;
	for (int i = 0; i < argc && from_stdin; i++)
		if (strcmp(argv[i], "-") == 0) {
			usage_error("%s", "--files-from - and the file - would "
					  "both read standard input");
			free(files);
			*status = EXIT_USAGE;
			return NULL;
		}
	FILE *f = from_stdin ? stdin : fopen(list, "r");
	if (!f) {
		fprintf(stderr, "letterpipe: %s: cannot read the --files-from "
			"list: %s\n", list, strerror(errno));
		free(files);
		*status = EXIT_INPUT;
		return NULL;
	}
	/* The listed names come after argv's and are freed with the array:
	 * free_files knows them by their index. */
	char *line = NULL;
	size_t linecap = 0;
	bool ok = true;
	while (ok && lp_list_next(f, &line, &linecap)) {
		if (*n == cap) {
			char **more = realloc(files, 2 * cap * sizeof *files);
			ok = more != NULL;
			files = more ? more : files;
			cap *= 2;
		}
		if (ok && !(files[*n] = strdup(line)))
			ok = false;
		*n += ok;
	}
	free(line);
	if (ok && ferror(f))
		fprintf(stderr, "letterpipe: %s: cannot read the --files-from "
			"list: %s\n", list, strerror(errno));
	else if (!ok)
		fputs("letterpipe: out of memory\n", stderr);
	ok = ok && !ferror(f);
	if (f != stdin)
		fclose(f);
	if (!ok) {
		for (size_t i = (size_t)argc; i < *n; i++)
			free(files[i]);
		free(files);
		*status = EXIT_INPUT;
		return NULL;
	}
	return files;
}

/* Free what input_files returned for @argc named files and, when
 * @listed, those read from a list. */
static void free_files(char **files, int argc, size_t n, bool listed)
{
	for (size_t i = (size_t)argc; listed && i < n; i++)
		free(files[i]);
	free(files);
}

static int cmd_parse(int argc, char **argv, const char *files_from,
		     const char *grammars, const char *out,
		     enum lp_format fmt, enum lp_shape shape,
		     const lp_options *opt, unsigned timings)
{
	size_t n;
	int status = EXIT_OK;
	char **files = input_files(argc, argv, files_from, &n, &status);
	if (!files)
		return status;
	double t = lp_clock();
	lp_grammar *g = load_grammars(grammars);
	double load = lp_clock() - t, emit = 0;
	if (!g) {
		free_files(files, argc, n, files_from);
		return EXIT_INPUT;
	}
	if (timings & TIME_RULES)
		lp_grammar_time_rules(g);
	stage_times tm = { 0 };
	if (fmt == LP_FORMAT_YAML) {
		status = parse_streaming(files, n, g, out, shape, opt, &tm,
					 &emit);
	} else {
		/* XML and the review page are made of all the letters at
		 * once.  Every file is read, each failure reported, before
		 * anything is written. */
		lp_doc **docs = calloc(n, sizeof *docs);
		if (!docs) {
			fputs("letterpipe: out of memory\n", stderr);
			lp_grammar_free(g);
			free_files(files, argc, n, files_from);
			return EXIT_INPUT;
		}
		for (size_t i = 0; i < n; i++) {
			docs[i] = read_letter(files[i], g, shape, opt);
			if (!docs[i]) {
				status = EXIT_INPUT;
				continue;
			}
			add_timings(&tm, docs[i]);
		}
		if (status == EXIT_OK)
			status = write_output(out, docs, n, fmt, shape, &emit);
		for (size_t i = 0; i < n; i++)
			lp_doc_free(docs[i]);
		free(docs);
	}
	tm.by[LP_STAGE_EMIT] += emit;
	if (timings & TIME_STAGES)
		print_timings(&tm, load);
	if (timings & TIME_RULES)
		lp_grammar_print_rule_times(g, stderr, 20, tm.bytes,
					    stages_total(&tm));
	lp_grammar_free(g);
	free_files(files, argc, n, files_from);
	return status;
}

static int cmd_check(const char *grammars)
{
	lp_grammar *g = load_grammars(grammars);
	if (!g)
		return EXIT_INPUT;
	int failures = lp_grammar_check(g, stderr);
	failures += lp_grammar_check_values(g, stderr);
	printf("%zu rules, %d example failures\n", lp_grammar_count(g),
	       failures);
	lp_grammar_free(g);
	return failures ? EXIT_INPUT : EXIT_OK;
}

/* Parse a --only list of change kinds into a set; -1 on a bad name. */
static int parse_kinds(const char *list, lp_kind_set *out)
{
	*out = 0;
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");
		int k = lp_change_kind_from_name(p, n);
		if (k < 0) {
			fprintf(stderr, "letterpipe: --only: '%.*s' is not a "
				"kind of change\nTry 'letterpipe --help'.\n",
				(int)n, p);
			return -1;
		}
		*out |= 1u << k;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

/* Write a diff to @path, or standard output. */
static int write_diff(const char *path, const lp_diff *d, lp_kind_set kinds,
		      const char *format, const char *colour)
{
	lp_error err = { 0 };
	output o;
	if (open_output(&o, path, false))
		return -1;
	/* auto: a terminal that can show colour, unless NO_COLOR is set
	 * (no-color.org). */
	const char *term = getenv("TERM"), *no_colour = getenv("NO_COLOR");
	bool use_colour = strcmp(colour, "always") == 0 ||
			  (strcmp(colour, "auto") == 0 && !path &&
			   isatty(STDOUT_FILENO) && !(no_colour && *no_colour) &&
			   !(term && strcmp(term, "dumb") == 0));
	int rc = strcmp(format, "yaml") == 0
			 ? lp_diff_emit_yaml(d, kinds, o.f, &err)
		 : strcmp(format, "html") == 0
			 ? lp_diff_emit_html(d, kinds, o.f, &err)
			 : lp_diff_emit_text(d, kinds, use_colour, o.f, &err);
	return close_output(&o, rc, &err);
}

static int cmd_diff(int argc, char **argv, const char *grammars,
		    const char *out, const char *format, lp_kind_set kinds,
		    const char *colour, const lp_options *opt)
{
	if (argc != 2) {
		usage_error("%s", "diff takes two files: OLD NEW");
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[0], "-") == 0 && strcmp(argv[1], "-") == 0) {
		usage_error("%s", "diff: only one side can be standard input");
		return EXIT_TROUBLE;
	}
	lp_grammar *g = load_grammars(grammars);
	if (!g)
		return EXIT_TROUBLE;
	lp_error err = { 0 };
	lp_record *side[2] = { NULL, NULL };
	int status = EXIT_SAME;
	for (int k = 0; k < 2; k++) {
		memset(&err, 0, sizeof err);
		if (lp_record_load(argv[k], opt, g, &side[k], &err)) {
			report(&err);
			status = EXIT_TROUBLE;
		}
	}
	if (status == EXIT_SAME) {
		lp_diff *d = lp_diff_run(side[0], side[1]);
		if (write_diff(out, d, kinds, format, colour))
			status = EXIT_TROUBLE;
		else if (lp_diff_count(d, kinds))
			status = EXIT_DIFFERENT;
		lp_diff_free(d);
	}
	lp_record_free(side[0]);
	lp_record_free(side[1]);
	lp_grammar_free(g);
	return status;
}

static int cmd_export(const char *db, const char *table)
{
	lp_error err = { 0 };
	lp_index *ix = NULL;
	int rc = lp_index_open(db, false, &ix, &err);
	if (rc == 0)
		rc = lp_index_export_csv(ix, table, stdout, &err);
	if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
		rc = -1, snprintf(err.msg, sizeof err.msg,
				  "write error on standard output: %s",
				  strerror(errno));
	if (rc)
		report(&err);
	lp_index_close(ix);
	return rc ? EXIT_INPUT : EXIT_OK;
}

static int cmd_batch(lp_batch_options *b, const char *format, const char *out,
		     const char *grammars, const char *export_table,
		     const lp_options *opt, int argc, char **argv)
{
	if (export_table) {
		if (!b->db_path || argc > 0 || b->files_from_name) {
			usage_error("%s", "--export-csv needs --db and no "
					  "inputs");
			return EXIT_USAGE;
		}
		size_t t = 0;
		while (lp_index_tables[t] &&
		       strcmp(lp_index_tables[t], export_table) != 0)
			t++;
		if (!lp_index_tables[t]) {
			usage_error("--export-csv: no table '%s' (letters, "
				    "pairs, commitments, money or dates)",
				    export_table);
			return EXIT_USAGE;
		}
		return cmd_export(b->db_path, export_table);
	}
	b->yaml = !format || strcmp(format, "yaml") == 0 ||
		  strcmp(format, "yaml,xml") == 0 ||
		  strcmp(format, "xml,yaml") == 0;
	b->xml = format && (strcmp(format, "xml") == 0 ||
			    strcmp(format, "yaml,xml") == 0 ||
			    strcmp(format, "xml,yaml") == 0);
	if (!b->yaml && !b->xml) {
		usage_error("batch: unknown format '%s' (use yaml, xml or "
			    "yaml,xml)", format);
		return EXIT_USAGE;
	}
	if (!out) {
		usage_error("%s", "batch needs -o DIR, the output folder");
		return EXIT_USAGE;
	}
	if (argc == 0 && !b->files_from_name) {
		usage_error("%s", "batch needs folders or files, or "
				  "--files-from");
		return EXIT_USAGE;
	}
	if (b->jobs == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		b->jobs = cores > 0 ? (int)(cores < 1024 ? cores : 1024) : 1;
	}
	if (b->files_from_name) {
		b->files_from = strcmp(b->files_from_name, "-") == 0
					? stdin
					: fopen(b->files_from_name, "r");
		if (!b->files_from) {
			fprintf(stderr, "letterpipe: %s: %s\n",
				b->files_from_name, strerror(errno));
			return LP_BATCH_TROUBLE;
		}
	}
	lp_grammar *g = load_grammars(grammars);
	if (!g)
		return LP_BATCH_TROUBLE;
	b->out_dir = out;
	b->parse = *opt;
	b->grammar = g;
	int status = lp_batch_run(b, argv, (size_t)argc);
	if (b->files_from && b->files_from != stdin)
		fclose(b->files_from);
	lp_grammar_free(g);
	return status;
}

static int cmd_merge(int argc, char **argv)
{
	if (argc < 2) {
		usage_error("%s", "merge-db takes OUT.sqlite and one or more "
				  "IN.sqlite");
		return EXIT_USAGE;
	}
	lp_error err = { 0 };
	lp_index *ix = NULL;
	int status = EXIT_OK;
	if (lp_index_open(argv[0], true, &ix, &err)) {
		report(&err);
		return EXIT_INPUT;
	}
	for (int k = 1; k < argc; k++) {
		memset(&err, 0, sizeof err);
		if (lp_index_merge(ix, argv[k], &err)) {
			report(&err);
			status = EXIT_INPUT;
		}
	}
	lp_index_close(ix);
	return status;
}

int main(int argc, char **argv)
{
	enum { OPT_GRAMMARS = 256, OPT_MAX_BYTES, OPT_REF_DATE, OPT_CHECK,
	       OPT_FROM, OPT_ONLY, OPT_COLOUR, OPT_DB, OPT_FILES_FROM,
	       OPT_FORCE, OPT_FAIL_FAST, OPT_EXPORT, OPT_TIMINGS,
	       OPT_RULE_TIMINGS };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "grammars", required_argument, NULL, OPT_GRAMMARS },
		{ "max-bytes", required_argument, NULL, OPT_MAX_BYTES },
		{ "ref-date", required_argument, NULL, OPT_REF_DATE },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "color", optional_argument, NULL, OPT_COLOUR },
		{ "colour", optional_argument, NULL, OPT_COLOUR },
		{ "jobs", required_argument, NULL, 'j' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "files-from", required_argument, NULL, OPT_FILES_FROM },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "fail-fast", no_argument, NULL, OPT_FAIL_FAST },
		{ "export-csv", required_argument, NULL, OPT_EXPORT },
		{ "timings", no_argument, NULL, OPT_TIMINGS },
		{ "rule-timings", no_argument, NULL, OPT_RULE_TIMINGS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *out = NULL, *grammars = NULL, *cmd = NULL;
	const char *colour = "auto";
	lp_kind_set kinds = LP_ALL_KINDS;
	lp_batch_options batch = { .jobs = 0 };
	const char *export_table = NULL;

	/* The command comes first; getopt then sees the arguments after it,
	 * where options and files may mix. */
	if (argc > 1 && argv[1][0] != '-') {
		cmd = argv[1];
		argv++;
		argc--;
		/* getopt names the program by argv[0] in its messages. */
		argv[0] = "letterpipe";
	}
	lp_options opt = { .max_bytes = LP_DEFAULT_MAX_BYTES };
	bool check = false;
	unsigned timings = 0;
	int c;
	while ((c = getopt_long(argc, argv, "f:o:j:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 1024) {
				usage_error("--jobs: '%s' is not a number of "
					    "threads (1 to 1024)", optarg);
				return EXIT_USAGE;
			}
			batch.jobs = (int)n;
			break;
		}
		case OPT_DB:
			batch.db_path = optarg;
			break;
		case OPT_FILES_FROM:
			batch.files_from_name = optarg;
			break;
		case OPT_FORCE:
			batch.force = true;
			break;
		case OPT_FAIL_FAST:
			batch.fail_fast = true;
			break;
		case OPT_EXPORT:
			export_table = optarg;
			break;
		case OPT_ONLY:
			if (parse_kinds(optarg, &kinds))
				return EXIT_USAGE;
			break;
		case OPT_COLOUR:
			colour = optarg ? optarg : "always";
			if (strcmp(colour, "auto") && strcmp(colour, "always") &&
			    strcmp(colour, "never")) {
				usage_error("--color: '%s' is not auto, always "
					    "or never", colour);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case OPT_GRAMMARS:
			grammars = optarg;
			break;
		case OPT_REF_DATE:
			if (!lp_iso_day(optarg)) {
				usage_error("--ref-date: '%s' is not a date "
					    "(YYYY-MM-DD)", optarg);
				return EXIT_USAGE;
			}
			opt.ref_date = optarg;
			break;
		case OPT_CHECK:
			check = true;
			break;
		case OPT_TIMINGS:
			timings |= TIME_STAGES;
			break;
		case OPT_RULE_TIMINGS:
			timings |= TIME_RULES;
			break;
		case OPT_FROM: {
			static const char *const names[] = {
				[LP_FROM_TEXT] = "text",
				[LP_FROM_MARKDOWN] = "markdown",
				[LP_FROM_HTML] = "html", [LP_FROM_PDF] = "pdf",
				[LP_FROM_DOCX] = "docx",
			};
			opt.from = LP_FROM_AUTO;
			for (int k = LP_FROM_TEXT; k <= LP_FROM_DOCX; k++)
				if (strcmp(optarg, names[k]) == 0)
					opt.from = (enum lp_from)k;
			if (opt.from == LP_FROM_AUTO) {
				usage_error("--from: '%s' is not one of text, "
					    "markdown, html, pdf, docx", optarg);
				return EXIT_USAGE;
			}
			break;
		}
		case OPT_MAX_BYTES:
			if (parse_size(optarg, &opt.max_bytes)) {
				usage_error("--max-bytes: '%s' is not a size",
					    optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			fputs(usage_text, stdout);
			return fflush(stdout) || ferror(stdout) ? EXIT_INPUT
								: EXIT_OK;
		case 'V':
			printf("letterpipe %s\n", lp_version());
			return fflush(stdout) || ferror(stdout) ? EXIT_INPUT
								: EXIT_OK;
		default:
			fputs("Try 'letterpipe --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (!grammars)
		grammars = default_grammars();
	if (!cmd) {
		usage_error("%s", "missing command (parse, extract, diff, batch, "
				  "merge-db or grammars)");
		return EXIT_USAGE;
	}
	/* Running out of memory exits with the command's error status. */
	lp_set_oom_status(strcmp(cmd, "diff") == 0 || strcmp(cmd, "batch") == 0
				  ? 2
				  : 1);
	if (strcmp(cmd, "merge-db") == 0)
		return cmd_merge(argc - optind, argv + optind);
	if (strcmp(cmd, "batch") == 0)
		return cmd_batch(&batch, format, out, grammars, export_table,
				 &opt, argc - optind, argv + optind);
	if (strcmp(cmd, "diff") == 0) {
		if (format && strcmp(format, "text") && strcmp(format, "yaml") &&
		    strcmp(format, "html")) {
			usage_error("diff: unknown format '%s' (use text, yaml "
				    "or html)", format);
			return EXIT_USAGE;
		}
		return cmd_diff(argc - optind, argv + optind, grammars, out,
				format ? format : "text", kinds, colour, &opt);
	}
	enum lp_format fmt = LP_FORMAT_YAML;
	if (format && strcmp(format, "xml") == 0) {
		fmt = LP_FORMAT_XML;
	} else if (format && strcmp(format, "html") == 0 &&
		   strcmp(cmd, "parse") == 0) {
		fmt = LP_FORMAT_HTML;
	} else if (format && strcmp(format, "yaml") != 0) {
		usage_error(strcmp(cmd, "parse") == 0
				    ? "unknown format '%s' (use yaml, xml or html)"
				    : "unknown format '%s' (use yaml or xml)",
			    format);
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "parse") == 0 || strcmp(cmd, "extract") == 0)
		return cmd_parse(argc - optind, argv + optind,
				 batch.files_from_name, grammars, out, fmt,
				 cmd[0] == 'p' ? LP_SHAPE_LETTER
					       : LP_SHAPE_ENTITIES,
				 &opt, timings);
	/* `check-grammars` is the name this command had first. */
	if ((strcmp(cmd, "grammars") == 0 && check) ||
	    strcmp(cmd, "check-grammars") == 0) {
		if (optind + 1 < argc) {
			usage_error("grammars --check takes one directory: "
				    "'%s'", argv[optind + 1]);
			return EXIT_USAGE;
		}
		return cmd_check(optind < argc ? argv[optind] : grammars);
	}
	if (strcmp(cmd, "grammars") == 0) {
		usage_error("%s", "grammars: say --check");
		return EXIT_USAGE;
	}
	usage_error("unknown command '%s' (use parse, extract, diff, batch, "
		    "merge-db or grammars)", cmd);
	return EXIT_USAGE;
}
