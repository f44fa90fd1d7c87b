/*
 * check_yaml_writer.c - letterpipe's YAML writer (output/emit_yaml.c)
 * against libyaml's emitter, which it replaced.
 *
 * Random trees of mappings, lists and scalars, the scalars made of the
 * pieces that steer a YAML emitter's choices (indicators, quotes, breaks,
 * leading and trailing spaces, controls, non-ASCII, words a reader would
 * type), go through both with the styles letterpipe asks for.  The bytes
 * must be the same.
 *
 * usage: check_yaml_writer [TREES [SEED]]
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "check.h"
#include "internal.h"
#include "walk.h"

static const char *const pieces[] = {
	"a", "Bee", "1", "2022", "2022-08-18", "0x1F", "1e3", "true", "No",
	"null", "~", "", " ", "  ", "\n", "\n\n", "\r", "\r\n", "\t", ":",
	": ", "-", "- ", "#", " #", "?", "? ", ",", "[", "]", "{", "}", "'",
	"\"", "\\", "|", ">", "!", "&", "*", "%", "@", "`", "---", "...", ".",
	"\xC2\xA3" /* pound */, "\xC3\xA9" /* e acute */,
	"e\xCC\x81" /* e and a combining acute */,
	"\xC2\x85" /* NEL */, "\xE2\x80\xA8" /* LS */, "\xE2\x80\xA9" /* PS */,
	"\xC2\xA0" /* no-break space */, "\xEF\xBB\xBF" /* BOM */,
	"\xF0\x9F\x98\x80" /* outside the BMP */, "\xEF\xBF\xBE" /* U+FFFE */,
	"\x01", "\x1B", "\x7F", "\xE2\x80\x93" /* en dash */,
};
static const char *const keys[] = { "text", "span", "a", "key_1", "x-y" };

static uint64_t state;

static unsigned rnd(unsigned n)
{
	state = state * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(state >> 33) % n;
}

/* ---- the oracle: libyaml, as letterpipe used it ------------------------ */

static int oracle_scalar(yaml_emitter_t *em, const char *v,
			 yaml_scalar_style_t style)
{
	yaml_event_t ev;
	return yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v,
					    (int)strlen(v), 1, 1, style) &&
			       yaml_emitter_emit(em, &ev)
		       ? 0
		       : -1;
}

typedef struct oracle {
	yaml_emitter_t em;
	char open[64];
	size_t depth;
} oracle;

static int oracle_event(void *ctx, const lp_event *e)
{
	oracle *o = ctx;
	yaml_emitter_t *em = &o->em;
	yaml_event_t ev;
	if (e->type == LP_EV_END) {
		int ok = o->open[--o->depth] == 'm'
				 ? yaml_mapping_end_event_initialize(&ev)
				 : yaml_sequence_end_event_initialize(&ev);
		return ok && yaml_emitter_emit(em, &ev) ? 0 : -1;
	}
	if (e->key && oracle_scalar(em, e->key, YAML_PLAIN_SCALAR_STYLE))
		return -1;
	int ok;
	switch (e->type) {
	case LP_EV_MAP:
		o->open[o->depth++] = 'm';
		ok = yaml_mapping_start_event_initialize(
			&ev, NULL, NULL, 1,
			e->flow ? YAML_FLOW_MAPPING_STYLE
				: YAML_BLOCK_MAPPING_STYLE);
		return ok && yaml_emitter_emit(em, &ev) ? 0 : -1;
	case LP_EV_LIST:
		o->open[o->depth++] = 's';
		ok = yaml_sequence_start_event_initialize(
			&ev, NULL, NULL, 1,
			e->flow ? YAML_FLOW_SEQUENCE_STYLE
				: YAML_BLOCK_SEQUENCE_STYLE);
		return ok && yaml_emitter_emit(em, &ev) ? 0 : -1;
	default:
		break;
	}
	if (e->vtype == LP_VAL_NULL)
		return oracle_scalar(em, "null", YAML_PLAIN_SCALAR_STYLE);
	if (e->vtype == LP_VAL_INT)
		return oracle_scalar(em, e->value, YAML_PLAIN_SCALAR_STYLE);
	if (e->vtype == LP_VAL_TEXT && strchr(e->value, '\n'))
		return oracle_scalar(em, e->value, YAML_LITERAL_SCALAR_STYLE);
	return oracle_scalar(em, e->value,
			     lp_yaml_looks_typed(e->value)
				     ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
				     : YAML_ANY_SCALAR_STYLE);
}

static int oracle_document(oracle *o, bool start, bool implicit)
{
	yaml_event_t ev;
	int ok = start ? yaml_document_start_event_initialize(&ev, NULL, NULL,
							      NULL, implicit)
		       : yaml_document_end_event_initialize(&ev, 1);
	return ok && yaml_emitter_emit(&o->em, &ev) ? 0 : -1;
}

/* ---- random trees ------------------------------------------------------ */

typedef int (*event_fn)(void *ctx, const lp_event *e);

static void random_string(char *buf, size_t size)
{
	size_t n = rnd(7), len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[rnd(sizeof pieces / sizeof *pieces)];
		if (len + strlen(p) + 1 > size)
			break;
		strcpy(buf + len, p);
		len += strlen(p);
	}
}

/* One node of a tree, its randomness drawn from @seed alone, so that
 * both emitters see the same tree. */
static int node(event_fn fn, void *ctx, const char *key, int depth)
{
	unsigned what = depth >= 4 ? 2 : rnd(5);
	lp_event e = { .key = key };
	if (what < 2) {
		e.type = what == 0 ? LP_EV_MAP : LP_EV_LIST;
		e.flow = rnd(4) == 0;
		if (fn(ctx, &e))
			return -1;
		unsigned n = rnd(5);
		for (unsigned i = 0; i < n; i++)
			if (node(fn, ctx,
				 what == 0 ? keys[rnd(sizeof keys /
						      sizeof *keys)]
					   : NULL,
				 depth + 1))
				return -1;
		return fn(ctx, &(lp_event){ .type = LP_EV_END });
	}
	char value[128];
	random_string(value, sizeof value);
	e.type = LP_EV_SCALAR;
	e.value = value;
	static const enum lp_val types[] = { LP_VAL_STR, LP_VAL_TEXT,
					     LP_VAL_TEXT, LP_VAL_INT,
					     LP_VAL_NULL };
	e.vtype = types[rnd(5)];
	if (e.vtype == LP_VAL_INT)
		e.value = "42";
	return fn(ctx, &e);
}

/* A stream of @docs documents, each a mapping. */
static int stream(event_fn fn, void *ctx, unsigned docs,
		  int (*document)(void *, bool, bool))
{
	for (unsigned d = 0; d < docs; d++) {
		if (document(ctx, true, docs == 1) ||
		    fn(ctx, &(lp_event){ .type = LP_EV_MAP }))
			return -1;
		unsigned n = 1 + rnd(6);
		for (unsigned i = 0; i < n; i++)
			if (node(fn, ctx, keys[rnd(sizeof keys / sizeof *keys)],
				 1))
				return -1;
		if (fn(ctx, &(lp_event){ .type = LP_EV_END }) ||
		    document(ctx, false, true))
			return -1;
	}
	return 0;
}

static int oracle_doc(void *ctx, bool start, bool implicit)
{
	return oracle_document(ctx, start, implicit);
}

static int writer_doc(void *ctx, bool start, bool implicit)
{
	return lp_yaml_document(ctx, start, implicit);
}

static char *by_oracle(uint64_t seed, unsigned docs, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	oracle o = { .depth = 0 };
	yaml_emitter_initialize(&o.em);
	yaml_emitter_set_output_file(&o.em, f);
	yaml_emitter_set_unicode(&o.em, 1);
	yaml_emitter_set_width(&o.em, -1);
	yaml_emitter_set_indent(&o.em, 2);
	yaml_event_t ev;
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	yaml_emitter_emit(&o.em, &ev);
	state = seed;
	int rc = stream(oracle_event, &o, docs, oracle_doc);
	yaml_stream_end_event_initialize(&ev);
	if (rc || !yaml_emitter_emit(&o.em, &ev) || !yaml_emitter_flush(&o.em))
		fprintf(stderr, "libyaml failed: %s\n",
			o.em.problem ? o.em.problem : "?");
	yaml_emitter_delete(&o.em);
	fclose(f);
	return buf;
}

static char *by_writer(uint64_t seed, unsigned docs, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	lp_yaml_out *s = lp_yaml_open(f);
	state = seed;
	int rc = stream(lp_yaml_event, s, docs, writer_doc);
	lp_error err = { 0 };
	if (lp_yaml_close(s, rc, &err))
		fprintf(stderr, "writer failed: %s\n", err.msg);
	fclose(f);
	return buf;
}

/* Which values must be quoted, as a YAML reader would take them for a
 * null, a boolean or a number: the oracle trusts the writer's answer, so
 * it is checked here on its own. */
static void check_looks_typed(void)
{
	static const char *const typed[] = {
		"", "~", "null", "NULL", "Null", "true", "True", "FALSE", "yes",
		"No", "on", "OFF", "y", "N", ".nan", ".Inf", "-.inf", "+.INF",
		"12", "-3", "+7", ".5", "2022-08-18", "1:30", "0x1F", "1_000",
		"1e3",
	};
	static const char *const untyped[] = {
		"nil", "none", "yess", "nope", "offer", "Tuesday", "text", "a1",
		"£5", "-", ".", "+", "nulls", "trueish", "12 boroughs!", "GBP",
		"Yours sincerely",
	};
	for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
		CHECK(lp_yaml_looks_typed(typed[i]), "'%s' reads as typed",
		      typed[i]);
	for (size_t i = 0; i < sizeof untyped / sizeof *untyped; i++)
		CHECK(!lp_yaml_looks_typed(untyped[i]), "'%s' is a string",
		      untyped[i]);
}

int main(int argc, char **argv)
{
	check_looks_typed();
	unsigned trees = argc > 1 ? (unsigned)atoi(argv[1]) : 20000;
	uint64_t seed0 = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	unsigned shown = 0;
	for (unsigned t = 0; t < trees; t++) {
		uint64_t seed = seed0 * 1000003u + t;
		unsigned docs = 1 + t % 3;
		size_t la, lb;
		char *a = by_oracle(seed, docs, &la);
		char *b = by_writer(seed, docs, &lb);
		bool same = la == lb && memcmp(a, b, la) == 0;
		CHECK(same, "tree %u (seed %llu): libyaml wrote %zu bytes, the "
			    "writer %zu", t, (unsigned long long)seed, la, lb);
		if (!same && shown++ < 3)
			fprintf(stderr, "--- libyaml\n%s\n--- writer\n%s\n---\n",
				a, b);
		free(a);
		free(b);
	}
	return CHECK_REPORT();
}
