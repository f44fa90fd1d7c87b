/*
 * record.c - read what `parse` said about a letter back into C structs.
 *
 * Both sources of a record, a processed lp_doc and the YAML that `parse`
 * wrote, first become one small tree of mappings, lists and scalars: the
 * doc through the output walk (output/walk.c), the YAML through libyaml's
 * parser.  The record is then read from the tree by one function, so the
 * two sources cannot drift apart.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"
#include "record.h"
#include "walk.h"

/* Parse output nests seven deep; anything far deeper is not parse
 * output, and a limit keeps hostile YAML from eating the stack of
 * whoever walks the tree. */
#define MAX_DEPTH 32

typedef struct node {
	enum { N_MAP, N_LIST, N_SCALAR } type;
	const char *key;        /* its key in the enclosing mapping */
	const char *value;      /* N_SCALAR: NULL for a null */
	struct node *child, *last, *next;
} node;

typedef struct builder {
	struct lp_arena *arena;
	node *root;
	node *open[MAX_DEPTH];
	size_t depth;
	const char *key;        /* YAML: a key waiting for its value */
	bool key_pending;
} builder;

static node *add(builder *b, int type, const char *key, const char *value)
{
	node *n = lp_arena_alloc(b->arena, sizeof *n);
	*n = (node){ .type = type, .key = key, .value = value };
	if (b->depth == 0) {
		if (!b->root)
			b->root = n;
		return n;
	}
	node *parent = b->open[b->depth - 1];
	if (parent->last)
		parent->last->next = n;
	else
		parent->child = n;
	parent->last = n;
	return n;
}

static int push(builder *b, node *n)
{
	if (b->depth == MAX_DEPTH)
		return -1;
	b->open[b->depth++] = n;
	return 0;
}

static const char *dup(builder *b, const char *s)
{
	return s ? lp_arena_strndup(b->arena, s, strlen(s)) : NULL;
}

/* The output walk's events, straight into the tree. */
static int on_walk_event(void *ctx, const lp_event *e)
{
	builder *b = ctx;
	switch (e->type) {
	case LP_EV_MAP:
	case LP_EV_LIST:
		return push(b, add(b, e->type == LP_EV_MAP ? N_MAP : N_LIST,
				   dup(b, e->key), NULL));
	case LP_EV_SCALAR:
		add(b, N_SCALAR, dup(b, e->key),
		    e->vtype == LP_VAL_NULL ? NULL : dup(b, e->value));
		return 0;
	case LP_EV_END:
		if (b->depth == 0)
			return -1;
		b->depth--;
		return 0;
	}
	return -1;
}

/* ---- YAML ------------------------------------------------------------ */

static bool is_null(const yaml_event_t *ev)
{
	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = (const char *)ev->data.scalar.value;
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static int yaml_fail(lp_error *err, const char *name, const yaml_mark_t *m,
		     const char *what)
{
	return lp_fail(err, LP_EINPUT, name, (long)m->line + 1,
		       (long long)m->index, "%s", what);
}

static bool in_map(const builder *b)
{
	return b->depth > 0 && b->open[b->depth - 1]->type == N_MAP;
}

/* Feed one libyaml event to the tree.  Returns 1 at the end of the first
 * document, 0 to go on, or an error. */
static int on_yaml_event(builder *b, const yaml_event_t *ev, const char *name,
			 lp_error *err)
{
	const char *key = NULL;
	switch (ev->type) {
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_SCALAR_EVENT:
		if (in_map(b)) {
			if (!b->key_pending) {
				if (ev->type != YAML_SCALAR_EVENT)
					return yaml_fail(err, name,
							 &ev->start_mark,
							 "a key that is not a "
							 "string");
				b->key = dup(b, (const char *)
						      ev->data.scalar.value);
				b->key_pending = true;
				return 0;
			}
			key = b->key;
			b->key_pending = false;
		}
		if (ev->type == YAML_SCALAR_EVENT) {
			add(b, N_SCALAR, key,
			    is_null(ev) ? NULL
					: dup(b, (const char *)
							 ev->data.scalar.value));
			return 0;
		}
		if (push(b, add(b, ev->type == YAML_MAPPING_START_EVENT
					   ? N_MAP
					   : N_LIST,
				key, NULL)))
			return yaml_fail(err, name, &ev->start_mark,
					 "nested too deep for parse output");
		return 0;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		b->depth--;
		return 0;
	case YAML_ALIAS_EVENT:
		return yaml_fail(err, name, &ev->start_mark,
				 "YAML aliases are not parse output");
	case YAML_DOCUMENT_END_EVENT:
		return 1;
	default:
		return 0;
	}
}

static int tree_from_yaml(builder *b, const char *name, const char *bytes,
			  size_t len, lp_error *err)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return lp_fail(err, LP_ENOMEM, name, 0, -1,
			       "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)bytes, len);
	int rc = 0, documents = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			rc = lp_fail(err, LP_EINPUT, name,
				     (long)p.problem_mark.line + 1,
				     (long long)p.problem_mark.index,
				     "not valid YAML: %s",
				     p.problem ? p.problem : "unreadable");
			break;
		}
		bool done = ev.type == YAML_STREAM_END_EVENT;
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1)
			rc = yaml_fail(err, name, &ev.start_mark,
				       "holds several letters; diff compares "
				       "one with one");
		else
			rc = on_yaml_event(b, &ev, name, err);
		yaml_event_delete(&ev);
		if (rc < 0 || done)
			break;
	}
	yaml_parser_delete(&p);
	return rc < 0 ? rc : 0;
}

/* ---- the record, from the tree ---------------------------------------- */

static const node *get(const node *map, const char *key)
{
	if (!map || map->type != N_MAP)
		return NULL;
	for (const node *n = map->child; n; n = n->next)
		if (strcmp(n->key, key) == 0)
			return n;
	return NULL;
}

static const char *str(const node *map, const char *key)
{
	const node *n = get(map, key);
	return n && n->type == N_SCALAR ? n->value : NULL;
}

static size_t count(const node *list)
{
	size_t n = 0;
	if (list && list->type == N_LIST)
		for (const node *c = list->child; c; c = c->next)
			n++;
	return n;
}

/* A pair's number: "4", or "4, 5" for a combined answer. */
static const char *pair_number(struct lp_arena *a, const node *n)
{
	if (!n || n->type == N_MAP)
		return NULL;
	if (n->type == N_SCALAR)
		return n->value;
	size_t len = 0;
	for (const node *c = n->child; c; c = c->next)
		len += (c->value ? strlen(c->value) : 0) + 2;
	char *s = lp_arena_alloc(a, len + 1), *o = s;
	for (const node *c = n->child; c; c = c->next)
		if (c->value)
			o += sprintf(o, "%s%s", o == s ? "" : ", ", c->value);
	*o = '\0';
	return s;
}

static long long integer(const node *map, const char *key)
{
	const char *v = str(map, key);
	char *end;
	long long x = v ? strtoll(v, &end, 10) : -1;
	return v && end != v && !*end ? x : -1;
}

static lp_rspan span_of(const node *n)
{
	const node *sp = get(n, "span");
	return (lp_rspan){ integer(sp, "start"), integer(sp, "end") };
}

static void read_money(const node *n, void *out)
{
	lp_rmoney *m = out;
	const char *amount = str(n, "amount"), *range = str(n, "range");
	char *end = NULL;
	*m = (lp_rmoney){
		.text = str(n, "text"),
		.currency = str(n, "currency"),
		.qualifier = str(n, "qualifier"),
		.status = str(n, "status"),
		.period = str(n, "period"),
		.max = str(n, "max"),
		.upper = range && strcmp(range, "upper") == 0,
		.span = span_of(n),
	};
	if (amount) {
		m->amount = strtod(amount, &end);
		m->has_amount = end != amount && !*end;
	}
}

static void read_date(const node *n, void *out)
{
	lp_rdate *d = out;
	const char *deadline = str(n, "deadline");
	*d = (lp_rdate){
		.text = str(n, "text"),
		.value = str(n, "value"),
		.kind = str(n, "kind"),
		.deadline = deadline && strcmp(deadline, "true") == 0,
		.span = span_of(n),
	};
}

static void read_commit(const node *n, void *out)
{
	lp_rcommit *c = out;
	const node *dl = get(n, "deadline");
	*c = (lp_rcommit){
		.text = str(n, "text"),
		.actor = str(get(n, "actor"), "text"),
		.actor_resolved = str(get(n, "actor"), "resolved"),
		.modality = str(n, "modality"),
		.deadline = str(dl, "text"),
		.deadline_value = str(dl, "value"),
		.span = span_of(n),
	};
}

/* Read list @key of @sec into an array of @size-byte items. */
static void *read_list(struct lp_arena *a, const node *sec, const char *key,
		       size_t size, size_t *n,
		       void (*read)(const node *, void *))
{
	const node *list = get(sec, key);
	*n = count(list);
	if (!*n)
		return NULL;
	char *items = lp_arena_alloc(a, *n * size), *p = items;
	for (const node *c = list->child; c; c = c->next, p += size)
		read(c, p);
	return items;
}

static void read_section(struct lp_arena *a, const node *sec, lp_rsection *s)
{
	const char *text = str(sec, "text");
	s->text = text ? text : "";
	s->span = span_of(sec);
	s->money = read_list(a, sec, "money", sizeof *s->money, &s->nmoney,
			     read_money);
	s->dates = read_list(a, sec, "dates", sizeof *s->dates, &s->ndates,
			     read_date);
	s->commits = read_list(a, sec, "commitments", sizeof *s->commits,
			       &s->ncommits, read_commit);
	/* A commitment's deadline is a deadline even where the date itself
	 * was not marked as one ("the review will report in May 2024"). */
	for (size_t c = 0; c < s->ncommits; c++)
		for (size_t d = 0; d < s->ndates; d++)
			if (s->commits[c].deadline && s->dates[d].text &&
			    strcmp(s->commits[c].deadline,
				   s->dates[d].text) == 0)
				s->dates[d].deadline = true;
}

static int read_record(builder *b, const char *path, lp_record **out,
		       lp_error *err)
{
	const node *root = b->root;
	const char *schema = str(root, "schema");
	if (!schema || strncmp(schema, "letterpipe/", 11) != 0)
		return lp_fail(err, LP_EINPUT, path, 0, -1,
			       "not the YAML that 'letterpipe parse' writes "
			       "(no 'schema: letterpipe/1')");
	if (strcmp(schema, "letterpipe/1") != 0)
		return lp_fail(err, LP_EINPUT, path, 0, -1,
			       "schema '%s' is not one this version reads "
			       "(letterpipe/1)", schema);
	const node *pairs = get(root, "pairs");
	if (!pairs || pairs->type != N_LIST)
		return lp_fail(err, LP_EINPUT, path, 0, -1,
			       "has no 'pairs' list: diff reads what "
			       "'letterpipe parse' writes, not 'extract'");
	lp_record *r = lp_xmalloc(sizeof *r);
	*r = (lp_record){ .arena = b->arena };
	b->arena = NULL; /* the record owns it now */
	r->path = lp_arena_strndup(r->arena, path, strlen(path));
	const node *source = get(root, "source"), *letter = get(root, "letter");
	r->generator = str(root, "generator");
	r->sha256 = str(source, "sha256");
	r->format = str(source, "format");
	r->bytes = integer(source, "bytes");
	r->date = str(letter, "date");
	r->reference = str(letter, "reference");
	r->sender_name = str(get(letter, "sender"), "name");
	r->sender_role = str(get(letter, "sender"), "role");
	r->recipient_name = str(get(letter, "recipient"), "name");
	r->recipient_role = str(get(letter, "recipient"), "role");
	r->report = str(letter, "report");
	read_section(r->arena, get(root, "cover"), &r->cover);
	read_section(r->arena, get(root, "introduction"), &r->introduction);
	read_section(r->arena, get(root, "closing"), &r->closing);
	r->npairs = count(pairs);
	r->pairs = lp_arena_alloc(r->arena, (r->npairs + 1) * sizeof *r->pairs);
	lp_rpair *p = r->pairs;
	for (const node *n = pairs->child; n; n = n->next, p++) {
		*p = (lp_rpair){
			.number = pair_number(r->arena, get(n, "number")),
			.label = str(n, "label"),
			.stance = str(n, "stance"),
		};
		read_section(r->arena, get(n, "recommendation"), &p->rec);
		read_section(r->arena, get(n, "response"), &p->resp);
		read_section(r->arena, get(n, "details"), &p->details);
	}
	*out = r;
	return 0;
}

bool lp_is_parse_yaml(const char *bytes, size_t len)
{
	static const char bom[] = "\xEF\xBB\xBF";
	size_t i = 0;
	if (len >= 3 && memcmp(bytes, bom, 3) == 0)
		i = 3;
	/* Comments, directives and a document start may come first. */
	while (i < len && (bytes[i] == '#' || bytes[i] == '%' ||
			   bytes[i] == '\n' || bytes[i] == '\r' ||
			   (len - i >= 3 && memcmp(bytes + i, "---", 3) == 0))) {
		const char *nl = memchr(bytes + i, '\n', len - i);
		i = nl ? (size_t)(nl - bytes) + 1 : len;
	}
	static const char key[] = "schema: letterpipe/";
	return len - i >= sizeof key - 1 &&
	       memcmp(bytes + i, key, sizeof key - 1) == 0;
}

int lp_record_from_doc(lp_doc *doc, lp_record **out, lp_error *err)
{
	const char *path = doc->path;
	builder b = { .arena = lp_arena_new() };
	int rc = lp_walk(doc, LP_SHAPE_LETTER, on_walk_event, &b);
	if (rc)
		rc = lp_fail(err, LP_ELIMIT, path, 0, -1,
			     "the letter nests deeper than a record can");
	else
		rc = read_record(&b, path, out, err);
	lp_arena_free(b.arena);
	return rc;
}

int lp_record_from_yaml(const char *name, const char *bytes, size_t len,
			lp_record **out, lp_error *err)
{
	builder b = { .arena = lp_arena_new() };
	int rc = tree_from_yaml(&b, name, bytes, len, err);
	if (rc == 0)
		rc = read_record(&b, name, out, err);
	lp_arena_free(b.arena);
	return rc;
}

int lp_record_load(const char *path, const lp_options *opt,
		   const lp_grammar *g, lp_record **out, lp_error *err)
{
	lp_doc *doc = NULL;
	*out = NULL;
	int rc = lp_ingest_file(path, opt, &doc, err);
	if (rc)
		return rc;
	/* Text that starts as parse output is parse output, unless the user
	 * said what the file is. */
	bool sniffed = (!opt || opt->from == LP_FROM_AUTO) &&
		       (doc->from == LP_FROM_AUTO || doc->from == LP_FROM_TEXT);
	const char *head = (const char *)doc->src;
	size_t head_len = doc->src_len < 1024 ? doc->src_len : 1024;
	if (sniffed && memmem(head, head_len, "<letters version=", 17) &&
	    memmem(head, head_len, "schema=\"letterpipe/", 19))
		rc = lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			     "is letterpipe's XML; diff reads the YAML that "
			     "'letterpipe parse' writes");
	else if (sniffed &&
		 lp_is_parse_yaml((const char *)doc->src, doc->src_len))
		rc = lp_record_from_yaml(doc->path, (const char *)doc->src,
					 doc->src_len, out, err);
	else
		rc = lp_doc_process(doc, g, err);
	if (rc == 0 && !*out)
		rc = lp_record_from_doc(doc, out, err);
	lp_doc_free(doc);
	return rc;
}

void lp_record_free(lp_record *rec)
{
	if (!rec)
		return;
	lp_arena_free(rec->arena);
	free(rec);
}
