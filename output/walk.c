/*
 * walk.c - the shape of letterpipe's output, defined once for every format.
 *
 *   schema: letterpipe/1
 *   source: {path, sha256, bytes, format}
 *   letter: {reference, date, sender: {name, role},
 *            recipient: {name, role}, salutation, valediction, report}
 *   cover: {text, span: {start, end}}
 *   annex: {title, span}
 *   pairs:
 *     - number: 1            (or a list [4, 5] for a combined answer)
 *       label, paragraph
 *       recommendation: {text, span, parts: [{label, text, span}]}
 *       response: {text, span}
 *
 * Spans are byte offsets into the original input, end exclusive.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "walk.h"

typedef struct walker {
	lp_doc *doc;
	lp_event_fn fn;
	void *ctx;
	int rc;
	int *first_child, *next_sibling; /* the span tree, by index */
} walker;

static void emit(walker *w, lp_event ev)
{
	if (w->rc == 0)
		w->rc = w->fn(w->ctx, &ev);
}

static void open_map(walker *w, const char *key, bool flow)
{
	emit(w, (lp_event){ .type = LP_EV_MAP, .key = key, .flow = flow });
}

static void open_list(walker *w, const char *key, const char *item,
		      bool flow)
{
	emit(w, (lp_event){ .type = LP_EV_LIST, .key = key, .item = item,
			    .flow = flow });
}

static void end(walker *w)
{
	emit(w, (lp_event){ .type = LP_EV_END });
}

static void scalar(walker *w, const char *key, const char *value,
		   enum lp_val type, bool attr)
{
	emit(w, (lp_event){ .type = LP_EV_SCALAR, .key = key,
			    .value = value ? value : "",
			    .vtype = value ? type : LP_VAL_NULL,
			    .attr = attr });
}

static void number(walker *w, const char *key, size_t v, bool attr)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%zu", v);
	scalar(w, key, buf, LP_VAL_INT, attr);
}

/* A path from the command line need not be UTF-8; the output must be. */
static const char *clean_utf8(lp_doc *doc, const char *s)
{
	size_t n = strlen(s);
	char *out = lp_arena_alloc(doc->arena, n * 3 + 1), *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = i;
		int32_t cp = lp_utf8_next((const unsigned char *)s, n, &k);
		if (cp < 0x20 || cp == 0x7F) {
			memcpy(o, "\xEF\xBF\xBD", 3); /* U+FFFD */
			o += 3;
			i = cp < 0 ? i + 1 : k;
		} else {
			memcpy(o, s + i, k - i);
			o += k - i;
			i = k;
		}
	}
	*o = '\0';
	return out;
}

static const char *span_text(walker *w, const lp_span *sp)
{
	return lp_arena_strndup(w->doc->arena, w->doc->text + sp->start,
				sp->end - sp->start);
}

static void span(walker *w, const lp_span *sp)
{
	open_map(w, "span", true);
	number(w, "start", lp_doc_src_start(w->doc, sp->start), true);
	number(w, "end", sp->end > sp->start ? lp_doc_src_end(w->doc, sp->end)
					     : lp_doc_src_start(w->doc, sp->start),
	       true);
	end(w);
}

/* {text, span}: the usual body of a section. */
static void text_and_span(walker *w, const lp_span *sp)
{
	scalar(w, "text", span_text(w, sp), LP_VAL_TEXT, false);
	span(w, sp);
}

static int child(const walker *w, int parent, enum lp_span_kind kind)
{
	for (int c = w->first_child[parent]; c >= 0; c = w->next_sibling[c])
		if (w->doc->spans[c].kind == kind)
			return c;
	return -1;
}

static void parts(walker *w, int rec)
{
	if (child(w, rec, LP_SPAN_PART) < 0)
		return;
	open_list(w, "parts", "part", false);
	for (int c = w->first_child[rec]; c >= 0; c = w->next_sibling[c]) {
		const lp_span *sp = &w->doc->spans[c];
		if (sp->kind != LP_SPAN_PART)
			continue;
		open_map(w, NULL, false);
		scalar(w, "label", lp_span_attr(sp, "label"), LP_VAL_STR, true);
		text_and_span(w, sp);
		end(w);
	}
	end(w);
}

static void pair_numbers(walker *w, const char *nums)
{
	if (!nums || !*nums) {
		scalar(w, "number", NULL, LP_VAL_NULL, false);
		return;
	}
	if (!strchr(nums, ',')) {
		scalar(w, "number", nums, LP_VAL_INT, true);
		return;
	}
	open_list(w, "number", NULL, true);
	for (const char *p = nums; *p;) {
		size_t n = strcspn(p, ",");
		scalar(w, NULL, lp_arena_strndup(w->doc->arena, p, n),
		       LP_VAL_INT, false);
		p += n + (p[n] == ',');
	}
	end(w);
}

static void pair(walker *w, int p)
{
	const lp_span *sp = &w->doc->spans[p];
	open_map(w, NULL, false);
	pair_numbers(w, lp_span_attr(sp, "number"));
	scalar(w, "label", lp_span_attr(sp, "label"), LP_VAL_STR, false);
	const char *para = lp_span_attr(sp, "paragraph");
	if (para)
		scalar(w, "paragraph", para, LP_VAL_STR, false);
	int rec = child(w, p, LP_SPAN_RECOMMENDATION);
	int resp = child(w, p, LP_SPAN_RESPONSE);
	if (rec >= 0) {
		open_map(w, "recommendation", false);
		text_and_span(w, &w->doc->spans[rec]);
		parts(w, rec);
		end(w);
	}
	if (resp >= 0) {
		open_map(w, "response", false);
		text_and_span(w, &w->doc->spans[resp]);
		end(w);
	}
	end(w);
}

static void person(walker *w, const char *key, const char *name,
		   const char *role)
{
	open_map(w, key, false);
	scalar(w, "name", name, LP_VAL_STR, false);
	scalar(w, "role", role, LP_VAL_STR, false);
	end(w);
}

static void letter(walker *w)
{
	const lp_letter *lt = &w->doc->letter;
	open_map(w, "letter", false);
	scalar(w, "reference", lt->reference, LP_VAL_STR, false);
	scalar(w, "date", lt->date, LP_VAL_DATE, false);
	person(w, "sender", lt->sender_name, lt->sender_role);
	person(w, "recipient", lt->recipient_name, lt->recipient_role);
	scalar(w, "salutation", lt->salutation, LP_VAL_STR, false);
	scalar(w, "valediction", lt->valediction, LP_VAL_STR, false);
	scalar(w, "report", lt->report, LP_VAL_STR, false);
	end(w);
}

static void source(walker *w)
{
	lp_doc *doc = w->doc;
	char sha[65];
	lp_sha256_hex(doc->src, doc->src_len, sha);
	open_map(w, "source", false);
	scalar(w, "path", clean_utf8(doc, doc->path), LP_VAL_STR, true);
	scalar(w, "sha256", sha, LP_VAL_STR, true);
	number(w, "bytes", doc->src_len, true);
	scalar(w, "format", doc->format, LP_VAL_STR, true);
	end(w);
}

static int first_of(const lp_doc *doc, enum lp_span_kind kind)
{
	for (size_t i = 0; i < doc->nspans; i++)
		if (doc->spans[i].kind == kind)
			return (int)i;
	return -1;
}

int lp_walk(lp_doc *doc, lp_event_fn fn, void *ctx)
{
	walker w = { .doc = doc, .fn = fn, .ctx = ctx };
	size_t n = doc->nspans;
	w.first_child = lp_xmalloc((n + 1) * sizeof(int));
	w.next_sibling = lp_xmalloc((n + 1) * sizeof(int));
	int *last_child = lp_xmalloc((n + 1) * sizeof(int));
	for (size_t i = 0; i < n; i++)
		w.first_child[i] = w.next_sibling[i] = last_child[i] = -1;
	for (size_t i = 0; i < n; i++) {
		int p = doc->spans[i].parent;
		if (p < 0)
			continue;
		if (last_child[p] < 0)
			w.first_child[p] = (int)i;
		else
			w.next_sibling[last_child[p]] = (int)i;
		last_child[p] = (int)i;
	}
	free(last_child);

	open_map(&w, NULL, false);
	scalar(&w, "schema", "letterpipe/1", LP_VAL_STR, true);
	source(&w);
	letter(&w);
	int cover = first_of(doc, LP_SPAN_COVER);
	if (cover >= 0) {
		open_map(&w, "cover", false);
		text_and_span(&w, &doc->spans[cover]);
		end(&w);
	} else {
		scalar(&w, "cover", NULL, LP_VAL_NULL, false);
	}
	int annex = first_of(doc, LP_SPAN_ANNEX_TITLE);
	if (annex >= 0) {
		open_map(&w, "annex", false);
		scalar(&w, "title", span_text(&w, &doc->spans[annex]),
		       LP_VAL_STR, false);
		span(&w, &doc->spans[annex]);
		end(&w);
	}
	open_list(&w, "pairs", "pair", false);
	for (size_t i = 0; i < n; i++)
		if (doc->spans[i].kind == LP_SPAN_PAIR)
			pair(&w, (int)i);
	end(&w);
	end(&w);
	free(w.first_child);
	free(w.next_sibling);
	return w.rc;
}

int lp_emit(lp_doc *const *docs, size_t n, enum lp_format fmt, FILE *out,
	    lp_error *err)
{
	return fmt == LP_FORMAT_XML ? lp_emit_xml(docs, n, out, err)
				    : lp_emit_yaml(docs, n, out, err);
}
