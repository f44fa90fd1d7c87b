/*
 * walk.c - the shape of letterpipe's output, defined once for every format.
 *
 *   schema: letterpipe/1
 *   generator: letterpipe 0.1.0             (the version that wrote it)
 *   source: {path, sha256, bytes, format}
 *   letter: {reference, date, sender: {name, role},
 *            recipient: {name, role}, salutation, valediction, report}
 *   cover: {text, span: {start, end}}
 *   annex: {title, span}
 *   introduction: {text, span, ENTITIES}     (prose before the first pair)
 *   pairs:
 *     - number: 1            (or a list [4, 5] for a combined answer)
 *       label, paragraph, stance
 *       recommendation: {text, span, parts: [{label, text, span}], ENTITIES}
 *       response: {text, span, ENTITIES}
 *       details: {text, span, ENTITIES}  (a table row's cells after the
 *                                         response: lead, timescale)
 *   closing: {text, span, ENTITIES}          (prose after the last response)
 *
 * where the cover and every section carry ENTITIES:
 *
 *   money: [{text, span, amount, currency, qualifier, max, period, status,
 *            range}]   (range: upper marks the top of the amount before)
 *   dates: [{text, span, value, kind, deadline}]
 *   commitments: [{text, span, actor: {text, resolved}, modality,
 *                  deadline: {text, value}, amount: {text, amount}}]
 *
 * Optional fields appear only when stated.  `letterpipe extract` writes
 * just {schema, generator, source, ENTITIES} for a text with no letter
 * structure.
 * Spans are byte offsets into the original input, end exclusive; for a
 * PDF, into the text extracted from it, and each span then carries its
 * page and bbox: [x0, y0, x1, y1] in points from the page's top left.
 */
#include <ctype.h>
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

static void parts(walker *w, int rec);

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

/* In decimal, written here: snprintf was a tenth of the output's time,
 * with two numbers for every span. */
static void number(walker *w, const char *key, size_t v, bool attr)
{
	char buf[24], *p = buf + sizeof buf;
	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10));
	scalar(w, key, p, LP_VAL_INT, attr);
}

/* A path from the command line need not be UTF-8; the output must be. */
static const char *clean_utf8(lp_doc *doc, const char *s)
{
	size_t n = strlen(s);
	char *out = lp_arena_alloc(doc->arena, n * 3 + 1), *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = i;
		int32_t cp = lp_utf8_next((const unsigned char *)s, n, &k);
		if (cp < 0x20 || cp == 0x7F || (cp & 0xFFFE) == 0xFFFE) {
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

static void span_map(walker *w, const char *key, size_t start, size_t end_)
{
	open_map(w, key, true);
	number(w, "start", lp_doc_src_start(w->doc, start), true);
	number(w, "end", end_ > start ? lp_doc_src_end(w->doc, end_)
				      : lp_doc_src_start(w->doc, start),
	       true);
	end(w);
}

/* For a PDF: the page where text range [start, end) begins, and the box
 * around its characters on that page. */
static void page_and_box(walker *w, size_t start, size_t end_)
{
	const lp_doc *doc = w->doc;
	if (!doc->geom || end_ <= start)
		return;
	size_t a = lp_doc_src_start(doc, start), e = lp_doc_src_end(doc, end_);
	int page = 0;
	float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
	for (size_t i = a; i < e && i < doc->src_len; i++) {
		const lp_geom *g = &doc->geom[i];
		if (g->x0 < 0)
			continue;
		if (!page) {
			page = g->page;
			x0 = g->x0, y0 = g->y0, x1 = g->x1, y1 = g->y1;
		} else if (g->page == page) {
			x0 = g->x0 < x0 ? g->x0 : x0;
			y0 = g->y0 < y0 ? g->y0 : y0;
			x1 = g->x1 > x1 ? g->x1 : x1;
			y1 = g->y1 > y1 ? g->y1 : y1;
		}
	}
	if (!page)
		return;
	number(w, "page", (size_t)page, true);
	char buf[4][32];
	snprintf(buf[0], 32, "%.1f", x0);
	snprintf(buf[1], 32, "%.1f", y0);
	snprintf(buf[2], 32, "%.1f", x1);
	snprintf(buf[3], 32, "%.1f", y1);
	open_list(w, "bbox", NULL, true);
	for (int k = 0; k < 4; k++)
		scalar(w, NULL, buf[k], LP_VAL_NUM, false);
	end(w);
}

static void span(walker *w, const lp_span *sp)
{
	span_map(w, "span", sp->start, sp->end);
	page_and_box(w, sp->start, sp->end);
}

/* Does the source read differently from the text between text bytes @i
 * and @i+1: a running header or footer dropped, or a line-end hyphen
 * removed ("Monitor-/ing")?  Joined lines and markup change no word. */
static bool dropped_words(const lp_doc *doc, size_t i)
{
	/* Bytes next to each other in the source too: nothing between. */
	if (doc->map[i + 1] == doc->map[i] + 1)
		return false;
	size_t a = lp_doc_src_end(doc, i + 1), b = lp_doc_src_start(doc, i + 1);
	for (size_t k = a; k < b; k++)
		if (isalnum(doc->src[k]) || doc->src[k] == '-')
			return true;
	return false;
}

/* An entity's span.  One that runs across a dropped running header or a
 * rejoined hyphenated word cannot be one range of the source that reads
 * as its text: its `span` is the first piece, and `fragments` lists
 * every piece, in order. */
static void entity_span(walker *w, const lp_span *sp)
{
	size_t cut[8], ncut = 0;
	/* Only between characters: the bytes of "£" may come from the
	 * six of "&pound;". */
	const uint32_t *map = w->doc->map;
	for (size_t i = sp->start; i + 1 < sp->end && ncut < 8; i++)
		if (map[i + 1] != map[i] + 1 && /* dropped_words' quick test */
		    ((unsigned char)w->doc->text[i + 1] & 0xC0) != 0x80 &&
		    dropped_words(w->doc, i))
			cut[ncut++] = i + 1;
	if (ncut == 0) {
		span(w, sp);
		return;
	}
	span_map(w, "span", sp->start, cut[0]);
	page_and_box(w, sp->start, cut[0]);
	open_list(w, "fragments", "fragment", false);
	size_t from = sp->start;
	for (size_t k = 0; k <= ncut; k++) {
		size_t to = k < ncut ? cut[k] : sp->end;
		/* The pieces' own edges lose the spaces between them. */
		size_t a = from, b = to;
		while (a < b && isspace((unsigned char)w->doc->text[a]))
			a++;
		while (b > a && isspace((unsigned char)w->doc->text[b - 1]))
			b--;
		span_map(w, NULL, a, b);
		from = to;
	}
	end(w);
}

/* The first span that @i omits ending after @from, in the text's order
 * whatever the order the spans were added in; NULL when none. */
static const lp_span *next_omitted(const walker *w, int i, size_t from)
{
	const lp_span *best = NULL;
	for (int c = w->first_child[i]; c >= 0; c = w->next_sibling[c]) {
		const lp_span *o = &w->doc->spans[c];
		if (o->kind == LP_SPAN_OMITTED && o->end > from &&
		    (!best || o->start < best->start))
			best = o;
	}
	return best;
}

/* A section's text: its span's, without what it omits (the labels
 * between the recommendations of a pair that answers several), the
 * pieces each a paragraph; or, where what it omits sat inside a line
 * (a page margin's "(Paragraph 18)"), the pieces joined by a space. */
static const char *section_text(walker *w, const lp_span *sp)
{
	const char *text = w->doc->text;
	int i = (int)(sp - w->doc->spans);
	if (!next_omitted(w, i, sp->start))
		return span_text(w, sp);
	char *out = NULL;
	/* Twice: the first pass measures, the second copies. */
	for (int pass = 0; pass < 2; pass++) {
		size_t len = 0, prev_b = sp->start;
		for (size_t from = sp->start; from < sp->end;) {
			const lp_span *o = next_omitted(w, i, from);
			size_t a = from;
			size_t b = !o ? sp->end : o->start > from ? o->start : from;
			while (a < b && isspace((unsigned char)text[a]))
				a++;
			while (b > a && isspace((unsigned char)text[b - 1]))
				b--;
			if (b > a) {
				bool inline_gap = !memchr(text + prev_b, '\n',
							  a - prev_b);
				const char *sep = inline_gap ? " " : "\n\n";
				size_t nsep = len ? strlen(sep) : 0;
				if (out)
					memcpy(out + len, sep, nsep);
				len += nsep;
				if (out)
					memcpy(out + len, text + a, b - a);
				len += b - a;
				prev_b = b;
			}
			from = o ? o->end : sp->end;
		}
		if (out) {
			out[len] = '\0';
			break;
		}
		out = lp_arena_alloc(w->doc->arena, len + 1);
	}
	return out;
}

/* {text, span}: the usual body of a section. */
static void text_and_span(walker *w, const lp_span *sp)
{
	scalar(w, "text", section_text(w, sp), LP_VAL_TEXT, false);
	span(w, sp);
}

/* An attribute of @sp as a scalar, left out when the span has none. */
static void opt(walker *w, const lp_span *sp, const char *key,
		const char *out_key, enum lp_val type)
{
	const char *v = lp_span_attr(sp, key);
	if (v)
		scalar(w, out_key, v, type, true);
}

static void money(walker *w, const lp_span *sp)
{
	open_map(w, NULL, false);
	scalar(w, "text", span_text(w, sp), LP_VAL_STR, false);
	entity_span(w, sp);
	opt(w, sp, "amount", "amount", LP_VAL_NUM);
	opt(w, sp, "currency", "currency", LP_VAL_STR);
	opt(w, sp, "qualifier", "qualifier", LP_VAL_STR);
	opt(w, sp, "max", "max", LP_VAL_NUM);
	opt(w, sp, "period", "period", LP_VAL_STR);
	opt(w, sp, "status", "status", LP_VAL_STR);
	opt(w, sp, "range", "range", LP_VAL_STR);
	end(w);
}

static void date(walker *w, const lp_span *sp)
{
	open_map(w, NULL, false);
	scalar(w, "text", span_text(w, sp), LP_VAL_STR, false);
	entity_span(w, sp);
	const char *v = lp_span_attr(sp, "value");
	/* A vague time ("in the coming months") has no value: null. */
	scalar(w, "value", v, v && !strchr(v, '/') && strlen(v) == 10
				       ? LP_VAL_DATE
				       : LP_VAL_STR,
	       true);
	opt(w, sp, "kind", "kind", LP_VAL_STR);
	opt(w, sp, "deadline", "deadline", LP_VAL_BOOL);
	end(w);
}

static void commitment(walker *w, const lp_span *sp)
{
	open_map(w, NULL, false);
	scalar(w, "text", span_text(w, sp), LP_VAL_STR, false);
	entity_span(w, sp);
	open_map(w, "actor", true);
	scalar(w, "text", lp_span_attr(sp, "actor"), LP_VAL_STR, false);
	const char *resolved = lp_span_attr(sp, "actor_resolved");
	if (resolved)
		scalar(w, "resolved", resolved, LP_VAL_STR, false);
	end(w);
	opt(w, sp, "modality", "modality", LP_VAL_STR);
	if (lp_span_attr(sp, "deadline_value")) {
		open_map(w, "deadline", true);
		opt(w, sp, "deadline_text", "text", LP_VAL_STR);
		opt(w, sp, "deadline_value", "value", LP_VAL_STR);
		end(w);
	}
	if (lp_span_attr(sp, "amount_value")) {
		open_map(w, "amount", true);
		opt(w, sp, "amount_text", "text", LP_VAL_STR);
		opt(w, sp, "amount_value", "amount", LP_VAL_NUM);
		end(w);
	}
	end(w);
}

/* The money, dates and commitments found in section @parent. */
static void entities(walker *w, int parent)
{
	static const struct {
		enum lp_span_kind kind;
		const char *key, *item;
		void (*emit)(walker *, const lp_span *);
	} lists[] = {
		{ LP_SPAN_MONEY, "money", "sum", money },
		{ LP_SPAN_DATE, "dates", "date", date },
		{ LP_SPAN_COMMITMENT, "commitments", "commitment", commitment },
	};
	for (size_t l = 0; l < sizeof lists / sizeof *lists; l++) {
		open_list(w, lists[l].key, lists[l].item, false);
		for (int c = w->first_child[parent]; c >= 0;
		     c = w->next_sibling[c])
			if (w->doc->spans[c].kind == lists[l].kind)
				lists[l].emit(w, &w->doc->spans[c]);
		end(w);
	}
}

/* A section: its text, span and entities. */
static void section(walker *w, const char *key, int i)
{
	open_map(w, key, false);
	text_and_span(w, &w->doc->spans[i]);
	if (w->doc->spans[i].kind == LP_SPAN_RECOMMENDATION)
		parts(w, i);
	entities(w, i);
	end(w);
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
	scalar(w, "stance", lp_span_attr(sp, "stance"), LP_VAL_STR, true);
	int rec = child(w, p, LP_SPAN_RECOMMENDATION);
	int resp = child(w, p, LP_SPAN_RESPONSE);
	int details = child(w, p, LP_SPAN_DETAILS);
	if (rec >= 0)
		section(w, "recommendation", rec);
	if (resp >= 0)
		section(w, "response", resp);
	if (details >= 0)
		section(w, "details", details);
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
	open_map(w, "source", false);
	scalar(w, "path", clean_utf8(doc, doc->path), LP_VAL_STR, true);
	scalar(w, "sha256", doc->sha256, LP_VAL_STR, true);
	number(w, "bytes", doc->bytes, true);
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

int lp_walk(lp_doc *doc, enum lp_shape shape, lp_event_fn fn, void *ctx)
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
	/* Which letterpipe wrote it: `batch` redoes a file whose output
	 * another version wrote. */
	char generator[64];
	snprintf(generator, sizeof generator, "letterpipe %s", lp_version());
	scalar(&w, "generator", generator, LP_VAL_STR, true);
	source(&w);
	if (shape == LP_SHAPE_ENTITIES) {
		/* `letterpipe extract`: the entities of the whole text. */
		int text = first_of(doc, LP_SPAN_TEXT);
		if (text >= 0)
			entities(&w, text);
		end(&w);
		goto done;
	}
	letter(&w);
	int cover = first_of(doc, LP_SPAN_COVER);
	if (cover >= 0) {
		section(&w, "cover", cover);
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
	int intro = first_of(doc, LP_SPAN_INTRODUCTION);
	if (intro >= 0)
		section(&w, "introduction", intro);
	open_list(&w, "pairs", "pair", false);
	for (size_t i = 0; i < n; i++)
		if (doc->spans[i].kind == LP_SPAN_PAIR)
			pair(&w, (int)i);
	end(&w);
	int closing = first_of(doc, LP_SPAN_CLOSING);
	if (closing >= 0)
		section(&w, "closing", closing);
	end(&w);
done:
	free(w.first_child);
	free(w.next_sibling);
	return w.rc;
}

int lp_emit(lp_doc *const *docs, size_t n, enum lp_format fmt,
	    enum lp_shape shape, FILE *out, lp_error *err)
{
	switch (fmt) {
	case LP_FORMAT_XML:
		return lp_emit_xml(docs, n, shape, out, err);
	case LP_FORMAT_HTML:
		return lp_emit_html_docs(docs, n, out, err);
	default:
		return lp_emit_yaml(docs, n, shape, out, err);
	}
}
