/*
 * grammar.c - load PCRE2 rules from grammars/ *.yaml and run them.
 *
 * A grammar file holds a list of rules, each a name, a pattern and the
 * examples it must match (optionally with the text of named groups, and
 * under `expect:` the fields extraction must give) or reject:
 *
 *   rules:
 *     - name: label.pair.recommendation
 *       pattern: '^Recommendation\s+(?<nums>\d+)'
 *       examples:
 *         match:
 *           - 'Recommendation 3'
 *           - { text: 'Recommendation 12', nums: '12' }
 *         reject:
 *           - 'Recommendations were made'
 *
 * A file may also hold `define:`, a mapping of names to pattern fragments;
 * a pattern uses one as %{name}.  The offset in a compile error is then
 * into the expanded pattern.
 *
 * A rule that scans whole sections may list, under `needs:`, words of
 * which every match of it holds one ([spring, summer, autumn, winter] for
 * a season; letters match in either case).  lp_rule_may_match finds the
 * words of every list in one pass over a section (pipeline/needs.c) and
 * skips a rule where none of its words occur.  Each `match` example must
 * hold one of its rule's words inside the match; LETTERPIPE_NO_PREFILTER=1
 * turns the skipping off, so that a test can show it changes nothing.
 *
 * A rule with `needs` may also say how far into a match its word comes:
 * `reach: N` says that every match holds one of the words ending at most
 * N bytes after the match starts.  lp_rule_find then tries only the
 * starts up to N bytes before each place a word ends, instead of every
 * start in the section.  N counts bytes of normalised text, where a run
 * of white space is a single space or a paragraph break, so a pattern's
 * \s+ is short; each `match` example must show a word within reach.
 *
 * Rules are compiled once, JIT-compiled, and shared read-only, so a batch
 * can use one grammar from many threads; what a thread remembers between
 * calls (its last lookups, its last section's prefilter answer) is its
 * own.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"

/* Bounds on every match, so that no input can make a rule run away.
 * Anchored matches at line starts stay far below these. */
#define MATCH_LIMIT 10000000u
#define DEPTH_LIMIT 10000u
#define HEAP_LIMIT_KIB 65536u

typedef struct example {
	char *text;
	char **groups; /* name, value, name, value ... */
	size_t ngroups;
	char **expect; /* entity field, value, ... (the `expect:` mapping) */
	size_t nexpect;
	long line;
} example;

struct lp_rule {
	char *name;
	char *file;
	long line;
	pcre2_code *code;     /* finds the first match from an offset */
	pcre2_code *anchored; /* matches only at the offset */
	bool jit, anchored_jit; /* JIT-compiled, each */
	int needs;            /* index into the grammar's needs, or -1 */
	unsigned reach;       /* `reach:`, or 0 when not said */
	example *match, *reject;
	size_t nmatch, nreject;
};

/* The rules whose names start with one prefix that ends in a dot
 * ("date.", "letter.report."), in file order. */
typedef struct family {
	char *prefix;
	const lp_rule **members;
	size_t n;
} family;

typedef struct rule_time {
	double seconds;
	size_t searches, bytes;
} rule_time;

struct lp_grammar {
	unsigned long id;   /* unique in the process: the lookup caches' key */
	lp_rule *rules;
	size_t nrules;
	/* Finding a rule by name is on every sentence's path: the rules
	 * sorted by name, and the families sorted by prefix, made once the
	 * grammar is loaded, spare lp_rule_get and lp_rule_family a scan of
	 * every rule. */
	const lp_rule **by_name;
	family *families;
	size_t nfamilies;
	uint32_t max_groups;
	/* The distinct `needs:` lists, as their words joined by newlines,
	 * and the scanner that finds them all. */
	char **needs_text;
	size_t nneeds;
	lp_needs *needs;
	bool prefilter;     /* skip rules whose needs are absent */
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	pcre2_match_context *mctx;
	/* --rule-timings: each rule's searches, by the rule's index; NULL
	 * unless asked for, as the clock costs a tenth of the run. */
	rule_time *times;
};

/* PCRE2 allocates through these, so that running out of memory inside
 * it (its JIT compiler does not survive a NULL from malloc) ends as
 * everywhere else: one line and the command's error status. */
static void *pcre_alloc(PCRE2_SIZE n, void *data)
{
	(void)data;
	return lp_xmalloc(n);
}

static void pcre_free(void *p, void *data)
{
	(void)data;
	free(p);
}

/* ---- loading ----------------------------------------------------------- */

static const char *scalar(yaml_document_t *d, yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value
						 : NULL;
}

static yaml_node_t *map_get(yaml_document_t *d, yaml_node_t *map,
			    const char *key)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		const char *k = scalar(d, yaml_document_get_node(d, p->key));
		if (k && strcmp(k, key) == 0)
			return yaml_document_get_node(d, p->value);
	}
	return NULL;
}

static long line_of(yaml_node_t *n)
{
	return n ? (long)n->start_mark.line + 1 : 0;
}

static void free_examples(example *ex, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ex[i].text);
		for (size_t k = 0; k < ex[i].ngroups * 2; k++)
			free(ex[i].groups[k]);
		free(ex[i].groups);
		for (size_t k = 0; k < ex[i].nexpect * 2; k++)
			free(ex[i].expect[k]);
		free(ex[i].expect);
	}
	free(ex);
}

/* `expect:` holds the fields of the entity that the example's text
 * should give once extracted ("amount: 17700000"). */
static void load_expect(yaml_document_t *d, yaml_node_t *map, example *ex)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return;
	size_t np = (size_t)(map->data.mapping.pairs.top -
			     map->data.mapping.pairs.start);
	ex->expect = lp_xcalloc(np * 2 + 1, sizeof(char *));
	for (size_t k = 0; k < np; k++) {
		yaml_node_pair_t *p = &map->data.mapping.pairs.start[k];
		const char *key = scalar(d, yaml_document_get_node(d, p->key));
		const char *val = scalar(d, yaml_document_get_node(d, p->value));
		if (!key || !val)
			continue;
		ex->expect[ex->nexpect * 2] = lp_xstrdup(key);
		ex->expect[ex->nexpect * 2 + 1] = lp_xstrdup(val);
		ex->nexpect++;
	}
}

/* Read a list of examples: plain strings, or mappings with `text`, the
 * expected value of named groups and, under `expect:`, the fields of the
 * entity the text gives. */
static int load_examples(yaml_document_t *d, yaml_node_t *list,
			 const char *file, example **out, size_t *nout,
			 lp_error *err)
{
	*out = NULL;
	*nout = 0;
	if (!list)
		return 0;
	if (list->type != YAML_SEQUENCE_NODE)
		return lp_fail(err, LP_EGRAMMAR, file, line_of(list), -1,
			       "examples must be a list");
	size_t n = (size_t)(list->data.sequence.items.top -
			    list->data.sequence.items.start);
	example *ex = lp_xcalloc(n ? n : 1, sizeof *ex);
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = yaml_document_get_node(
			d, list->data.sequence.items.start[i]);
		ex[i].line = line_of(item);
		const char *text = scalar(d, item);
		if (!text && item && item->type == YAML_MAPPING_NODE) {
			text = scalar(d, map_get(d, item, "text"));
			size_t np = (size_t)(item->data.mapping.pairs.top -
					     item->data.mapping.pairs.start);
			ex[i].groups = lp_xcalloc(np * 2 + 1, sizeof(char *));
			for (size_t k = 0; k < np; k++) {
				yaml_node_pair_t *p =
					&item->data.mapping.pairs.start[k];
				const char *key = scalar(
					d, yaml_document_get_node(d, p->key));
				yaml_node_t *vnode =
					yaml_document_get_node(d, p->value);
				const char *val = scalar(d, vnode);
				if (key && strcmp(key, "expect") == 0) {
					/* A second would overwrite the
					 * first, which YAML forbids. */
					if (ex[i].expect) {
						free_examples(ex, i + 1);
						return lp_fail(
							err, LP_EGRAMMAR, file,
							line_of(vnode), -1,
							"an example has "
							"`expect:` twice");
					}
					load_expect(d, vnode, &ex[i]);
				}
				if (!key || !val || strcmp(key, "text") == 0)
					continue;
				ex[i].groups[ex[i].ngroups * 2] =
					lp_xstrdup(key);
				ex[i].groups[ex[i].ngroups * 2 + 1] =
					lp_xstrdup(val);
				ex[i].ngroups++;
			}
		}
		if (!text) {
			free_examples(ex, i + 1);
			return lp_fail(err, LP_EGRAMMAR, file, line_of(item),
				       -1, "an example must be a string or "
				       "have `text`");
		}
		ex[i].text = lp_xstrdup(text);
	}
	*out = ex;
	*nout = n;
	return 0;
}

/* Replace each %{name} in @pattern with the file's `define:` entry of
 * that name, so that a fragment such as a month's names is written once.
 * Returns a new string (the caller frees it), or NULL with *bad set to
 * the unknown name's position. */
static char *expand(yaml_document_t *d, yaml_node_t *defines,
		    const char *pattern, const char **bad)
{
	size_t cap = strlen(pattern) * 2 + 64, len = 0;
	char *out = lp_xmalloc(cap);
	for (const char *p = pattern; *p;) {
		const char *piece = p;
		size_t n = 1;
		if (p[0] == '%' && p[1] == '{') {
			const char *close = strchr(p, '}');
			char name[64];
			size_t nl = close ? (size_t)(close - p - 2) : 0;
			if (!close || nl == 0 || nl >= sizeof name) {
				*bad = p;
				free(out);
				return NULL;
			}
			memcpy(name, p + 2, nl);
			name[nl] = '\0';
			piece = scalar(d, map_get(d, defines, name));
			if (!piece) {
				*bad = p;
				free(out);
				return NULL;
			}
			n = strlen(piece);
			p = close + 1;
		} else {
			p++;
		}
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			out = lp_xrealloc(out, cap);
		}
		memcpy(out + len, piece, n);
		len += n;
	}
	out[len] = '\0';
	return out;
}

/* Each rule is compiled twice: PCRE2's JIT does not honour
 * PCRE2_ANCHORED given at match time (it falls back to the much slower
 * interpreter), so the anchored form has a code of its own.  JIT is an
 * optimisation: where it is unavailable the interpreter gives the same
 * answers, so a failure there is not an error.  LETTERPIPE_NO_JIT=1
 * turns it off, for valgrind, which cannot see into JIT-compiled code
 * and reports its reads as uninitialised.  *@jit says whether the JIT
 * took the code, which may then be run by pcre2_jit_match, skipping
 * pcre2_match's checks of its arguments: a window of a few bytes is
 * searched thousands of times a letter. */
static pcre2_code *compile(lp_grammar *g, const char *pattern,
			   uint32_t options, bool *jit, int *ec,
			   PCRE2_SIZE *eoff)
{
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern,
					 PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_MULTILINE | options,
					 ec, eoff, g->cctx);
	const char *no_jit = getenv("LETTERPIPE_NO_JIT");
	*jit = code && (!no_jit || strcmp(no_jit, "1") != 0) &&
	       pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	return code;
}

/* A rule's `needs:` list of words, shared with every rule that needs the
 * same words: its index in *@index. */
static int add_needs(lp_grammar *g, yaml_document_t *d, yaml_node_t *node,
		     const char *name, const char *file, int *index,
		     lp_error *err)
{
	size_t len = 0;
	char *joined = NULL;
	bool ok = node->type == YAML_SEQUENCE_NODE &&
		  node->data.sequence.items.top > node->data.sequence.items.start;
	for (yaml_node_item_t *it = ok ? node->data.sequence.items.start : NULL;
	     ok && it < node->data.sequence.items.top; it++) {
		const char *w = scalar(d, yaml_document_get_node(d, *it));
		ok = w && *w && !strchr(w, '\n');
		if (!ok)
			break;
		joined = lp_xrealloc(joined, len + strlen(w) + 2);
		len += (size_t)sprintf(joined + len, "%s\n", w);
	}
	if (!ok) {
		free(joined);
		return lp_fail(err, LP_EGRAMMAR, file, line_of(node), -1,
			       "rule '%s': `needs` must be a list of words",
			       name);
	}
	for (size_t i = 0; i < g->nneeds; i++)
		if (strcmp(g->needs_text[i], joined) == 0) {
			free(joined);
			*index = (int)i;
			return 0;
		}
	if (g->nneeds == 64) {
		free(joined);
		return lp_fail(err, LP_EGRAMMAR, file, line_of(node), -1,
			       "rule '%s': more than 64 different `needs` "
			       "lists", name);
	}
	if (!g->needs)
		g->needs = lp_needs_new();
	for (char *w = joined, *nl; (nl = strchr(w, '\n')); w = nl + 1) {
		*nl = '\0';
		lp_needs_add(g->needs, w, (int)g->nneeds);
		*nl = '\n';
	}
	g->needs_text = lp_xrealloc(g->needs_text,
				    (g->nneeds + 1) * sizeof *g->needs_text);
	g->needs_text[g->nneeds] = joined;
	*index = (int)g->nneeds++;
	return 0;
}

/* A rule's `reach:`, a number of bytes, into *@reach. */
static int read_reach(yaml_document_t *d, yaml_node_t *node,
		      const char *name, const char *file, unsigned *reach,
		      lp_error *err)
{
	const char *v = scalar(d, node);
	char *end = NULL;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || end == v || *end || n < 1 || n > LP_MAX_REACH)
		return lp_fail(err, LP_EGRAMMAR, file, line_of(node), -1,
			       "rule '%s': `reach` must be a number of bytes "
			       "from 1 to %d", name, LP_MAX_REACH);
	*reach = (unsigned)n;
	return 0;
}

static int add_rule(lp_grammar *g, yaml_document_t *d, yaml_node_t *node,
		    yaml_node_t *defines, const char *file, lp_error *err)
{
	const char *name = scalar(d, map_get(d, node, "name"));
	yaml_node_t *pnode = map_get(d, node, "pattern");
	const char *raw = scalar(d, pnode);
	if (!name || !raw)
		return lp_fail(err, LP_EGRAMMAR, file, line_of(node), -1,
			       "a rule needs `name` and `pattern`");
	if (lp_rule_get(g, name))
		return lp_fail(err, LP_EGRAMMAR, file, line_of(node), -1,
			       "rule '%s' is defined twice", name);
	const char *bad = NULL;
	char *pattern = expand(d, defines, raw, &bad);
	if (!pattern)
		return lp_fail(err, LP_EGRAMMAR, file, line_of(pnode), -1,
			       "rule '%s': unknown %%{...} at pattern offset "
			       "%zu (see `define:`)", name, (size_t)(bad - raw));

	unsigned reach = 0;
	yaml_node_t *rnode = map_get(d, node, "reach");
	if (rnode && !map_get(d, node, "needs")) {
		free(pattern);
		return lp_fail(err, LP_EGRAMMAR, file, line_of(rnode), -1,
			       "rule '%s': `reach` needs a `needs` list", name);
	}
	if (rnode && read_reach(d, rnode, name, file, &reach, err)) {
		free(pattern);
		return LP_EGRAMMAR;
	}
	/* \G is where the search starts, which a search within reach moves. */
	if (reach && strstr(pattern, "\\G")) {
		free(pattern);
		return lp_fail(err, LP_EGRAMMAR, file, line_of(rnode), -1,
			       "rule '%s': a pattern with \\G cannot have a "
			       "`reach`", name);
	}

	int ec;
	PCRE2_SIZE eoff;
	bool jit, anchored_jit = false;
	pcre2_code *code = compile(g, pattern,
				   reach ? PCRE2_USE_OFFSET_LIMIT : 0, &jit,
				   &ec, &eoff);
	pcre2_code *anchored = code ? compile(g, pattern, PCRE2_ANCHORED,
					      &anchored_jit, &ec, &eoff)
				    : NULL;
	free(pattern);
	if (!code || !anchored) {
		pcre2_code_free(code);
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof msg);
		return lp_fail(err, LP_EGRAMMAR, file, line_of(pnode), -1,
			       "rule '%s': %s at pattern offset %zu", name,
			       (char *)msg, (size_t)eoff);
	}

	lp_rule r = { .name = lp_xstrdup(name), .file = lp_xstrdup(file),
		      .line = line_of(node), .code = code,
		      .anchored = anchored, .jit = jit,
		      .anchored_jit = anchored_jit, .needs = -1,
		      .reach = reach };
	yaml_node_t *nnode = map_get(d, node, "needs");
	if (nnode) {
		int rc = add_needs(g, d, nnode, name, file, &r.needs, err);
		if (rc) {
			pcre2_code_free(code);
			pcre2_code_free(anchored);
			free(r.name);
			free(r.file);
			return rc;
		}
	}
	yaml_node_t *ex = map_get(d, node, "examples");
	int rc = load_examples(d, map_get(d, ex, "match"), file, &r.match,
			       &r.nmatch, err);
	if (rc == 0)
		rc = load_examples(d, map_get(d, ex, "reject"), file,
				   &r.reject, &r.nreject, err);
	if (rc == 0 && r.nmatch == 0)
		rc = lp_fail(err, LP_EGRAMMAR, file, r.line, -1,
			     "rule '%s' has no `examples: match:`", name);
	uint32_t groups = 0;
	pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &groups);
	if (groups + 1 > g->max_groups)
		g->max_groups = groups + 1;
	g->rules = lp_xrealloc(g->rules, (g->nrules + 1) * sizeof *g->rules);
	g->rules[g->nrules++] = r;
	return rc;
}

static int load_file(lp_grammar *g, const char *path, lp_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return lp_fail(err, LP_EGRAMMAR, path, 0, -1,
			       "cannot open grammar file");
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser))
		lp_out_of_memory(sizeof parser);
	yaml_parser_set_input_file(&parser, f);
	int rc = 0;
	if (!yaml_parser_load(&parser, &doc)) {
		rc = parser.error == YAML_MEMORY_ERROR
			     ? lp_fail(err, LP_ENOMEM, path, 0, -1,
				       "out of memory")
			     : lp_fail(err, LP_EGRAMMAR, path,
				       (long)parser.problem_mark.line + 1, -1,
				       "%s", parser.problem ? parser.problem
							    : "YAML error");
		yaml_parser_delete(&parser);
		fclose(f);
		return rc;
	}
	yaml_node_t *root = yaml_document_get_root_node(&doc);
	yaml_node_t *rules = map_get(&doc, root, "rules");
	if (!rules || rules->type != YAML_SEQUENCE_NODE) {
		rc = lp_fail(err, LP_EGRAMMAR, path, line_of(root), -1,
			     "expected a top-level `rules:` list");
	} else {
		yaml_node_t *defines = map_get(&doc, root, "define");
		for (yaml_node_item_t *it = rules->data.sequence.items.start;
		     rc == 0 && it < rules->data.sequence.items.top; it++)
			rc = add_rule(g, &doc, yaml_document_get_node(&doc, *it),
				      defines, path, err);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int rule_order(const void *a, const void *b)
{
	return strcmp((*(const lp_rule *const *)a)->name,
		      (*(const lp_rule *const *)b)->name);
}

static int family_order(const void *a, const void *b)
{
	return strcmp(((const family *)a)->prefix, ((const family *)b)->prefix);
}

static void index_rules(lp_grammar *g)
{
	g->by_name = lp_xmalloc((g->nrules + 1) * sizeof *g->by_name);
	for (size_t i = 0; i < g->nrules; i++) {
		g->by_name[i] = &g->rules[i];
		const char *name = g->rules[i].name;
		for (const char *d = strchr(name, '.'); d; d = strchr(d + 1, '.')) {
			size_t len = (size_t)(d + 1 - name), k = 0;
			while (k < g->nfamilies &&
			       (strlen(g->families[k].prefix) != len ||
				strncmp(g->families[k].prefix, name, len) != 0))
				k++;
			if (k == g->nfamilies) {
				g->families = lp_xrealloc(
					g->families,
					(k + 1) * sizeof *g->families);
				char *prefix = lp_xmalloc(len + 1);
				memcpy(prefix, name, len);
				prefix[len] = '\0';
				g->families[k] = (family){ .prefix = prefix };
				g->nfamilies++;
			}
			/* The rules array is final: loading is over. */
			family *f = &g->families[k];
			f->members = lp_xrealloc(f->members, (f->n + 1) *
							     sizeof *f->members);
			f->members[f->n++] = &g->rules[i];
		}
	}
	qsort(g->by_name, g->nrules, sizeof *g->by_name, rule_order);
	if (g->nfamilies)
		qsort(g->families, g->nfamilies, sizeof *g->families,
		      family_order);
}

int lp_grammar_load(const char *dir, lp_grammar **out, lp_error *err)
{
	*out = NULL;
	DIR *dh = opendir(dir);
	if (!dh)
		return lp_fail(err, LP_EGRAMMAR, dir, 0, -1,
			       "cannot open grammar directory: %s",
			       strerror(errno));
	/* Load files in name order so that errors and rule order are
	 * the same on every machine. */
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(dh));) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 ||
		    strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		names = lp_xrealloc(names, (n + 1) * sizeof *names);
		names[n++] = lp_xstrdup(e->d_name);
	}
	closedir(dh);
	if (n)
		qsort(names, n, sizeof *names, by_name);

	static atomic_ulong grammars_loaded;
	lp_grammar *g = lp_xcalloc(1, sizeof *g);
	g->id = atomic_fetch_add(&grammars_loaded, 1) + 1;
	g->gctx = pcre2_general_context_create(pcre_alloc, pcre_free, NULL);
	g->cctx = pcre2_compile_context_create(g->gctx);
	g->mctx = pcre2_match_context_create(g->gctx);
	if (!g->gctx || !g->cctx || !g->mctx)
		lp_out_of_memory(sizeof(pcre2_match_context *));
	pcre2_set_match_limit(g->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(g->mctx, DEPTH_LIMIT);
	pcre2_set_heap_limit(g->mctx, HEAP_LIMIT_KIB);
	const char *no_prefilter = getenv("LETTERPIPE_NO_PREFILTER");
	g->prefilter = !no_prefilter || strcmp(no_prefilter, "1") != 0;
	int rc = 0;
	if (n == 0)
		rc = lp_fail(err, LP_EGRAMMAR, dir, 0, -1,
			     "no grammar files (*.yaml) in directory");
	for (size_t i = 0; i < n; i++) {
		if (rc == 0) {
			size_t plen = strlen(dir) + strlen(names[i]) + 2;
			char *path = lp_xmalloc(plen);
			snprintf(path, plen, "%s/%s", dir, names[i]);
			rc = load_file(g, path, err);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	if (rc) {
		lp_grammar_free(g);
		return rc;
	}
	if (g->needs && lp_needs_build(g->needs)) {
		lp_grammar_free(g);
		return lp_fail(err, LP_EGRAMMAR, dir, 0, -1,
			       "the `needs` words are too long in all");
	}
	index_rules(g);
	*out = g;
	return 0;
}

void lp_grammar_free(lp_grammar *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nrules; i++) {
		lp_rule *r = &g->rules[i];
		free(r->name);
		free(r->file);
		pcre2_code_free(r->code);
		pcre2_code_free(r->anchored);
		free_examples(r->match, r->nmatch);
		free_examples(r->reject, r->nreject);
	}
	free(g->rules);
	for (size_t i = 0; i < g->nneeds; i++)
		free(g->needs_text[i]);
	free(g->needs_text);
	lp_needs_free(g->needs);
	free(g->by_name);
	for (size_t i = 0; i < g->nfamilies; i++) {
		free(g->families[i].prefix);
		free(g->families[i].members);
	}
	free(g->families);
	free(g->times);
	pcre2_match_context_free(g->mctx);
	pcre2_compile_context_free(g->cctx);
	pcre2_general_context_free(g->gctx);
	free(g);
}

size_t lp_grammar_count(const lp_grammar *g)
{
	return g->nrules;
}

void lp_grammar_time_rules(lp_grammar *g)
{
	if (!g->times)
		g->times = lp_xcalloc(g->nrules, sizeof *g->times);
}

typedef struct timed_rule {
	const lp_rule *rule;
	const rule_time *time;
} timed_rule;

static int by_seconds(const void *a, const void *b)
{
	double x = ((const timed_rule *)a)->time->seconds,
	       y = ((const timed_rule *)b)->time->seconds;
	return (x < y) - (x > y);
}

void lp_grammar_print_rule_times(const lp_grammar *g, FILE *f, size_t top,
				 size_t input_bytes, double total)
{
	if (!g->times)
		return;
	timed_rule *order = lp_xmalloc(g->nrules * sizeof *order);
	size_t searches = 0, bytes = 0;
	double seconds = 0;
	for (size_t i = 0; i < g->nrules; i++) {
		order[i] = (timed_rule){ &g->rules[i], &g->times[i] };
		seconds += g->times[i].seconds;
		searches += g->times[i].searches;
		bytes += g->times[i].bytes;
	}
	qsort(order, g->nrules, sizeof *order, by_seconds);
	fprintf(f, "letterpipe: rule searches: %zu, over %zu bytes (%.1f "
		"times the input), in %.6f s (%.1f%% of the stages' time)\n",
		searches, bytes,
		input_bytes ? (double)bytes / (double)input_bytes : 0.0,
		seconds, total > 0 ? 100 * seconds / total : 0.0);
	for (size_t k = 0; k < top && k < g->nrules; k++) {
		const rule_time *t = order[k].time;
		if (!t->searches)
			break;
		fprintf(f, "  %10.6f s %5.1f%% %9zu searches %11zu bytes  %s "
			"(%s)\n", t->seconds,
			seconds > 0 ? 100 * t->seconds / seconds : 0.0,
			t->searches, t->bytes, order[k].rule->name,
			order[k].rule->file);
	}
	free(order);
}

/* Rules are looked up by name for every sentence and every date, with the
 * same few literal names each time, so each thread remembers its recent
 * answers by the name's address.  A hit is checked by name, so a name
 * built in a reused buffer cannot get another rule's answer. */
#define LOOKUP_CACHE 32

const lp_rule *lp_rule_get(const lp_grammar *g, const char *name)
{
	if (!g->by_name) { /* still loading */
		for (size_t i = 0; i < g->nrules; i++)
			if (strcmp(g->rules[i].name, name) == 0)
				return &g->rules[i];
		return NULL;
	}
	static _Thread_local struct {
		unsigned long grammar;
		const lp_rule *rule;
	} seen[LOOKUP_CACHE];
	size_t slot = ((uintptr_t)name >> 3) % LOOKUP_CACHE;
	if (seen[slot].grammar == g->id &&
	    strcmp(seen[slot].rule->name, name) == 0)
		return seen[slot].rule;
	lp_rule key = { .name = (char *)name };
	const lp_rule *pkey = &key;
	const lp_rule **hit = bsearch(&pkey, g->by_name, g->nrules,
				      sizeof *g->by_name, rule_order);
	if (!hit)
		return NULL;
	seen[slot].grammar = g->id;
	seen[slot].rule = *hit;
	return *hit;
}

/* The family of @prefix, or NULL: as lp_rule_get, the last answer on this
 * thread is kept, since a family is walked one rule per call. */
static const family *find_family(const lp_grammar *g, const char *prefix)
{
	static _Thread_local struct {
		unsigned long grammar;
		const family *family;
	} last;
	if (last.grammar == g->id && strcmp(last.family->prefix, prefix) == 0)
		return last.family;
	family key = { .prefix = (char *)prefix };
	const family *f = g->nfamilies ? bsearch(&key, g->families,
						 g->nfamilies, sizeof key,
						 family_order)
				       : NULL;
	if (f) {
		last.grammar = g->id;
		last.family = f;
	}
	return f;
}

int lp_rule_need(const lp_grammar *g, const char *name, const lp_rule **out,
		 lp_error *err)
{
	*out = lp_rule_get(g, name);
	if (!*out)
		return lp_fail(err, LP_EGRAMMAR, "grammars", 0, -1,
			       "required rule '%s' is not defined", name);
	return 0;
}

const lp_rule *lp_grammar_rule(const lp_grammar *g, size_t i)
{
	return i < g->nrules ? &g->rules[i] : NULL;
}

size_t lp_rule_family(const lp_grammar *g, const char *prefix,
		      const lp_rule *const **rules)
{
	/* Families are kept by prefixes that end in a dot: any other would
	 * find nothing, silently. */
	assert(*prefix && prefix[strlen(prefix) - 1] == '.');
	const family *f = g->by_name ? find_family(g, prefix) : NULL;
	*rules = f ? f->members : NULL;
	return f ? f->n : 0;
}

const char *lp_rule_name(const lp_rule *r)
{
	return r->name;
}

bool lp_rule_expectation(const lp_rule *r, size_t i, const char **text,
			 char *const **fields, size_t *nfields, long *line)
{
	if (i >= r->nmatch)
		return false;
	const example *ex = &r->match[i];
	*text = ex->text;
	*fields = ex->expect;
	*nfields = ex->nexpect;
	*line = ex->line;
	return true;
}

const char *lp_rule_file(const lp_rule *r)
{
	return r->file;
}

/* ---- matching ---------------------------------------------------------- */

/* The match context is read-only once made, so threads may share it;
 * each thread needs its own lp_match for the match data. */
lp_match *lp_match_new(const lp_grammar *g)
{
	lp_match *m = lp_xcalloc(1, sizeof *m);
	m->grammar = g;
	m->md = pcre2_match_data_create(g->max_groups ? g->max_groups : 1,
					g->gctx);
	m->near = pcre2_match_context_copy(g->mctx);
	if (!m->md || !m->near)
		lp_out_of_memory(sizeof(pcre2_match_data *));
	return m;
}

void lp_match_free(lp_match *m)
{
	if (!m)
		return;
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->near);
	free(m->needs_hits.v);
	free(m);
}

static int run(const lp_rule *r, const char *s, size_t len, size_t from,
	       bool anchored, lp_match *m, pcre2_match_context *mctx,
	       lp_error *err)
{
	rule_time *t = m->grammar->times
			       ? &m->grammar->times[r - m->grammar->rules]
			       : NULL;
	double t0 = t ? lp_clock() : 0;
	int rc = (anchored ? r->anchored_jit : r->jit)
			 ? pcre2_jit_match(anchored ? r->anchored : r->code,
					   (PCRE2_SPTR)s, len, from, 0, m->md,
					   mctx)
			 : pcre2_match(anchored ? r->anchored : r->code,
				       (PCRE2_SPTR)s, len, from,
				       PCRE2_NO_UTF_CHECK, m->md, mctx);
	if (t) {
		t->seconds += lp_clock() - t0;
		t->searches++;
		t->bytes += len - from;
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof msg);
		return lp_fail(err, LP_ELIMIT, r->file, r->line, (long long)from,
			       "rule '%s': %s", r->name, (char *)msg);
	}
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	m->rule = r;
	m->subject = s;
	m->start = ov[0];
	m->end = ov[1];
	return 1;
}

/* Do @m's prefilter notes cover [@from, @len) of @s, so that they
 * know every place a word of @r's `needs` ends there? */
static bool notes_cover(const lp_rule *r, const char *s, size_t len,
			size_t from, const lp_match *m)
{
	return r->reach && m->grammar->prefilter && m->needs_known &&
	       m->needs_subject == s && from >= m->needs_a &&
	       len <= m->needs_e;
}

/* lp_rule_find for a rule with a `reach`, where the notes cover the
 * text: only the starts in [end - reach, end) of some word's end are
 * tried, in order, each stretch once.  Every match starts in such a
 * stretch, so the first match found is the one a search of every start
 * would find. */
static int find_near(const lp_rule *r, const char *s, size_t len,
		     size_t from, lp_match *m, lp_error *err)
{
	const lp_needs_hits *hits = &m->needs_hits;
	size_t base = m->needs_a, tried = from; /* starts below: no match */
	for (size_t i = lp_needs_first_after(hits, from - base); i < hits->n;
	     i++) {
		size_t end = base + hits->v[i].end;
		if (end > len)
			break;
		if (!(hits->v[i].found >> r->needs & 1))
			continue;
		size_t lo = end > r->reach ? end - r->reach : 0;
		if (lo < tried)
			lo = tried;
		if (lo >= end)
			continue;
		pcre2_set_offset_limit(m->near, end - 1);
		int rc = run(r, s, len, lo, false, m, m->near, err);
		if (rc)
			return rc;
		tried = end;
	}
	return 0;
}

int lp_rule_find(const lp_rule *r, const char *s, size_t len, size_t from,
		 lp_match *m, lp_error *err)
{
	if (notes_cover(r, s, len, from, m))
		return find_near(r, s, len, from, m, err);
	return run(r, s, len, from, false, m, m->grammar->mctx, err);
}

int lp_rule_at(const lp_rule *r, const char *s, size_t len, size_t from,
	       lp_match *m, lp_error *err)
{
	return run(r, s, len, from, true, m, m->grammar->mctx, err);
}

bool lp_rule_may_match(const lp_rule *r, const char *s, size_t a, size_t e,
		       lp_match *m)
{
	const lp_grammar *g = m->grammar;
	if (r->needs < 0 || !g->prefilter)
		return true;
	uint64_t found;
	if (m->needs_known && m->needs_subject == s && a >= m->needs_a &&
	    e <= m->needs_e) {
		/* Inside the section scanned last: its notes answer. */
		found = a == m->needs_a && e == m->needs_e
				? m->needs_found
				: lp_needs_within(&m->needs_hits,
						  a - m->needs_a,
						  e - m->needs_a);
	} else {
		found = m->needs_found = lp_needs_scan(g->needs, s + a, e - a,
						       &m->needs_hits);
		m->needs_known = true;
		m->needs_subject = s;
		m->needs_a = a;
		m->needs_e = e;
	}
	return found >> r->needs & 1;
}

bool lp_match_group(const lp_match *m, const char *name, size_t *start,
		    size_t *end)
{
	PCRE2_SPTR first, last;
	int size = pcre2_substring_nametable_scan(m->rule->code,
						  (PCRE2_SPTR)name, &first,
						  &last);
	if (size < 0)
		return false;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	uint32_t ovn = pcre2_get_ovector_count(m->md);
	/* Several groups may share a name (?J); the first that took part
	 * in the match wins. */
	for (PCRE2_SPTR e = first; e <= last; e += size) {
		unsigned num = ((unsigned)e[0] << 8) | e[1];
		if (num < ovn && ov[2 * num] != PCRE2_UNSET) {
			*start = ov[2 * num];
			*end = ov[2 * num + 1];
			return true;
		}
	}
	return false;
}

/* ---- checking examples ------------------------------------------------- */

/* Does a search that trusts @r's `reach` find the match in @m, which a
 * search of every start found in @text? */
static int check_reach(const lp_rule *r, const example *ex, const char *text,
		       size_t len, lp_match *m, FILE *report)
{
	size_t start = m->start, end = m->end;
	lp_error err = { 0 };
	lp_rule_may_match(r, text, 0, len, m); /* take the notes */
	int rc = lp_rule_find(r, text, len, 0, m, &err);
	m->needs_known = false;
	if (rc == 1 && m->start == start && m->end == end)
		return 0;
	if (report)
		fprintf(report,
			"%s:%ld: rule '%s': no word it `needs` ends within "
			"its `reach` (%u bytes) of the start of its match "
			"'%.*s'\n",
			r->file, ex->line, r->name, r->reach,
			(int)(end - start), text + start);
	return 1;
}

static int check_example(const lp_rule *r,
			 const example *ex, bool want, lp_match *m,
			 FILE *report)
{
	lp_error err = { 0 };
	/* Rules see text folded (’ as ', – as -); so do their examples. */
	char *text = lp_fold_string(ex->text);
	size_t len = strlen(text);
	m->needs_known = false; /* search every start */
	int rc = lp_rule_find(r, text, len, 0, m, &err);
	if (rc < 0) {
		if (report)
			fprintf(report, "%s:%ld: rule '%s': %s\n", r->file,
				ex->line, r->name, err.msg);
		free(text);
		return 1;
	}
	if (rc != want) {
		if (report)
			fprintf(report, "%s:%ld: rule '%s' should %s: %s\n",
				r->file, ex->line, r->name,
				want ? "match" : "reject", ex->text);
		free(text);
		return 1;
	}
	int bad = 0;
	const lp_grammar *g = m->grammar;
	if (want && r->needs >= 0 &&
	    !(lp_needs_scan(g->needs, text + m->start, m->end - m->start,
			    NULL) >> r->needs & 1)) {
		if (report)
			fprintf(report,
				"%s:%ld: rule '%s': its match '%.*s' does not "
				"hold what it `needs`\n",
				r->file, ex->line, r->name,
				(int)(m->end - m->start), text + m->start);
		bad++;
	}
	for (size_t k = 0; want && k < ex->ngroups; k++) {
		const char *gname = ex->groups[2 * k];
		char *expect = lp_fold_string(ex->groups[2 * k + 1]);
		size_t s, e;
		bool set = lp_match_group(m, gname, &s, &e);
		if (!set || strlen(expect) != e - s ||
		    memcmp(text + s, expect, e - s) != 0) {
			if (report)
				fprintf(report,
					"%s:%ld: rule '%s' group '%s' is "
					"'%.*s', expected '%s'\n",
					r->file, ex->line, r->name, gname,
					set ? (int)(e - s) : 6,
					set ? text + s : "(none)", expect);
			bad++;
		}
		free(expect);
	}
	if (want && r->reach)
		bad += check_reach(r, ex, text, len, m, report);
	free(text);
	return bad;
}

int lp_grammar_check(const lp_grammar *g, FILE *report)
{
	lp_match *m = lp_match_new(g);
	int failures = 0;
	for (size_t i = 0; i < g->nrules; i++) {
		const lp_rule *r = &g->rules[i];
		for (size_t k = 0; k < r->nmatch; k++)
			failures += check_example(r, &r->match[k], true, m, report);
		for (size_t k = 0; k < r->nreject; k++)
			failures += check_example(r, &r->reject[k], false, m,
						  report);
	}
	lp_match_free(m);
	return failures;
}
