/*
 * html.c - the review page of a letter: its particulars, a table of
 * contents, each recommendation beside its response with the stance, the
 * money, dates and commitments marked where they stand in the text, and
 * tables of them, with the deadlines on a timeline.
 *
 * The page needs no script and no file beside it: the style sheet is
 * inline, the money table sorts by reading order or by size through
 * links (CSS :target), and the timeline is inline SVG.  Every mark says
 * what it is by its shape as well as its colour (a box for money, a
 * dotted line under a date, a double line under a deadline, a solid line
 * under a commitment), and its title gives the value letterpipe resolved.
 */
#include <libxml/HTMLtree.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "internal.h"
#include "walk.h"

static const char style_sheet[] =
	":root{--money:#0b6e4f;--date:#1f4e9a;--deadline:#a4161a;"
	"--commit:#8a5a00;--rule:#d0d0d0;--muted:#555}\n"
	"body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;"
	"color:#1b1b1b;background:#fff;max-width:80rem;margin:0 auto;"
	"padding:1rem 1.5rem}\n"
	"h1{font-size:1.6rem;margin:.2rem 0 .6rem}"
	"h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:2px solid "
	"#1b1b1b}h3{font-size:1.05rem;margin:0 0 .4rem}"
	"h4{margin:0 0 .3rem;font-size:.75rem;text-transform:uppercase;"
	"letter-spacing:.06em;color:var(--muted)}\n"
	"dl.particulars{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.1rem 1rem;margin:0 0 1rem}dt{font-weight:600}dd{margin:0}\n"
	".legend{color:var(--muted)}.legend mark{margin-right:.6rem}\n"
	"nav.toc ol{columns:2;margin:0}nav.toc li{break-inside:avoid}\n"
	"article.letter{border-top:4px solid #1b1b1b;margin-top:2rem}"
	".pair{border-top:1px solid var(--rule);padding:.7rem 0 1rem}"
	".sides{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}"
	".prose p{margin:0 0 .6rem}\n"
	".badge{display:inline-block;font-size:.75rem;font-weight:600;"
	"padding:0 .5rem;border:1px solid currentColor;border-radius:.7rem;"
	"vertical-align:middle;margin-left:.4rem;white-space:nowrap}\n"
	".stance-accepted{color:#0b6e4f}.stance-accepted-in-principle,"
	".stance-partially-accepted{color:#8a5a00}"
	".stance-not-accepted{color:#a4161a}.stance-noted,.stance-unstated,"
	".stance-under-consideration{color:var(--muted)}\n"
	"mark.m{background:none;color:inherit;padding:0 .1em}"
	"mark.money{border:2px solid var(--money);border-radius:3px;"
	"font-weight:600}mark.date{border-bottom:2px dotted var(--date)}"
	"mark.deadline{border-bottom:4px double var(--deadline);"
	"font-weight:600}mark.commitment{background:#fff4d9;"
	"border-bottom:2px solid var(--commit)}\n"
	"table{border-collapse:collapse;width:100%;margin:.3rem 0 1rem}"
	"th,td{border-bottom:1px solid var(--rule);text-align:left;"
	"padding:.25rem .5rem;vertical-align:top}th{background:#f4f4f4}"
	"td.pair{white-space:nowrap}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;"
	"white-space:nowrap}tfoot td{font-weight:600;border-top:2px solid "
	"#1b1b1b}\n"
	".money-tables>.alt:not(:target){display:none}"
	".money-tables>.alt:target+.order{display:none}"
	".sortby a{margin-right:.8rem}\n"
	"svg.timeline{width:100%;height:auto;max-width:60rem}"
	"svg.timeline text{font:12px system-ui,sans-serif}\n"
	"del{color:#a4161a;background:#fde8e8;text-decoration:line-through}"
	"ins{color:#0b6e4f;background:#e6f4ea;text-decoration:underline}\n"
	"summary h3{display:inline}ol.changes li{margin:.3rem 0}.kind{color:var(--muted);"
	"font-family:ui-monospace,monospace;font-size:.85rem}\n"
	"footer{margin-top:2rem;color:var(--muted);font-size:.85rem}\n"
	"@media (max-width:50rem){.sides{grid-template-columns:1fr}"
	"nav.toc ol{columns:1}}\n"
	"@media print{nav.toc,.sortby{display:none}body{max-width:none;"
	"font-size:10pt;padding:0}.pair,tr{break-inside:avoid}"
	"a{color:inherit;text-decoration:none}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* ---- building ------------------------------------------------------------ */

/* @n, less a UTF-8 character cut short at the end: the letter's text is
 * valid UTF-8, but a label or title clipped to its buffer may end in
 * the middle of a character. */
static size_t whole_chars(const char *s, size_t n)
{
	size_t lead = n;
	while (lead > 0 && n - lead < 4 &&
	       ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0)
		return n;
	unsigned char c = (unsigned char)s[lead - 1];
	size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	return lead - 1 + len > n ? lead - 1 : n;
}

xmlNodePtr lp_html_el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr e = xmlNewChild(parent, NULL, BAD_CAST name, NULL);
	if (!e)
		lp_out_of_memory(sizeof *e);
	if (cls)
		lp_html_attr(e, "class", cls);
	return e;
}

void lp_html_textn(xmlNodePtr parent, const char *s, size_t n)
{
	n = whole_chars(s, n);
	if (n == 0)
		return;
	xmlNodePtr t = xmlNewTextLen(BAD_CAST s, (int)n);
	if (!t)
		lp_out_of_memory(n);
	xmlAddChild(parent, t);
}

void lp_html_text(xmlNodePtr parent, const char *s)
{
	lp_html_textn(parent, s, strlen(s));
}

void lp_html_attr(xmlNodePtr node, const char *name, const char *value)
{
	size_t n = strlen(value), keep = whole_chars(value, n);
	char *clipped = keep < n ? lp_xmalloc(keep + 1) : NULL;
	if (clipped) {
		memcpy(clipped, value, keep);
		clipped[keep] = '\0';
	}
	if (!xmlSetProp(node, BAD_CAST name,
			BAD_CAST(clipped ? clipped : value)))
		lp_out_of_memory(n);
	free(clipped);
}

xmlNodePtr lp_html_el_text(xmlNodePtr parent, const char *name,
			   const char *cls, const char *text)
{
	xmlNodePtr e = lp_html_el(parent, name, cls);
	lp_html_text(e, text ? text : "");
	return e;
}

void lp_html_printf(xmlNodePtr parent, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lp_html_text(parent, buf);
}

xmlDocPtr lp_html_page(const char *title, xmlNodePtr *body)
{
	xmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
	if (!doc || !xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL))
		lp_out_of_memory(sizeof *doc);
	xmlNodePtr html = xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL);
	if (!html)
		lp_out_of_memory(sizeof *html);
	xmlDocSetRootElement(doc, html);
	lp_html_attr(html, "lang", "en");
	xmlNodePtr head = lp_html_el(html, "head", NULL);
	lp_html_attr(lp_html_el(head, "meta", NULL), "charset", "utf-8");
	xmlNodePtr vp = lp_html_el(head, "meta", NULL);
	lp_html_attr(vp, "name", "viewport");
	lp_html_attr(vp, "content", "width=device-width, initial-scale=1");
	xmlNodePtr gen = lp_html_el(head, "meta", NULL);
	lp_html_attr(gen, "name", "generator");
	char version[64];
	snprintf(version, sizeof version, "letterpipe %s", lp_version());
	lp_html_attr(gen, "content", version);
	lp_html_el_text(head, "title", NULL, title);
	lp_html_el_text(head, "style", NULL, style_sheet);
	*body = lp_html_el(html, "body", NULL);
	return doc;
}

int lp_html_write(xmlDocPtr doc, FILE *out, lp_error *err)
{
	/* Serialised into memory with no encoder, so the text stays the
	 * UTF-8 that <meta charset> names (libxml2's own choice, without an
	 * http-equiv meta, is ASCII with entities); then written in one go,
	 * so that a failed write is one error of ours. */
	xmlOutputBufferPtr buf = xmlAllocOutputBuffer(NULL);
	if (!buf)
		lp_out_of_memory(sizeof *buf);
	htmlDocContentDumpFormatOutput(buf, doc, NULL, 1);
	xmlFreeDoc(doc);
	const xmlChar *mem = xmlOutputBufferGetContent(buf);
	size_t size = xmlOutputBufferGetSize(buf);
	int rc = 0;
	if (buf->error || !mem)
		rc = lp_fail(err, LP_ENOMEM, NULL, 0, -1, "out of memory");
	else if (fwrite(mem, 1, size, out) != size)
		rc = lp_fail(err, LP_EIO, NULL, 0, -1, "HTML output failed");
	xmlOutputBufferClose(buf);
	return rc;
}

/* ---- small pieces ---------------------------------------------------------- */

void lp_html_pair_name(const lp_rpair *p, char *buf, size_t n)
{
	if (p->label) {
		/* A long label clipped to @buf ends on a whole character:
		 * the name goes inside longer strings. */
		snprintf(buf, n, "%s", p->label);
		buf[whole_chars(buf, strlen(buf))] = '\0';
	} else if (p->number) {
		snprintf(buf, n, "Recommendation%s %s",
			 strchr(p->number, ',') ? "s" : "", p->number);
	} else {
		snprintf(buf, n, "Unnumbered pair");
	}
}

void lp_html_stance(xmlNodePtr parent, const char *stance)
{
	const char *s = stance ? stance : "unstated";
	char cls[96], words[64];
	snprintf(cls, sizeof cls, "badge stance-%s", s);
	snprintf(words, sizeof words, "%s", s);
	for (char *c = words; *c; c++)
		if (*c == '-')
			*c = ' ';
	xmlNodePtr b = lp_html_el_text(parent, "span", cls, words);
	lp_html_attr(b, "title", "the response's stance");
}

/* ---- marks in the text ------------------------------------------------------- */

enum mark_kind { MK_COMMITMENT, MK_MONEY, MK_DATE, MK_DEADLINE };

typedef struct mark {
	size_t start, end;      /* in the section's text */
	enum mark_kind kind;
	char title[320];
} mark;

static int by_position(const void *a, const void *b)
{
	const mark *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1; /* the outer one first */
	return (int)x->kind - (int)y->kind;
}

/* Where @what stands in @text: from *cursor on (entities come in
 * reading order), else anywhere; false when it is not there. */
static bool place(const char *text, const char *what, size_t *cursor,
		  mark *m)
{
	if (!what || !*what)
		return false;
	const char *hit = strstr(text + *cursor, what);
	if (!hit)
		hit = strstr(text, what);
	if (!hit)
		return false;
	m->start = (size_t)(hit - text);
	m->end = m->start + strlen(what);
	*cursor = m->end;
	return true;
}

static void money_title(const lp_rmoney *m, char *buf, size_t n)
{
	char amount[96] = "no amount resolved";
	if (m->has_amount)
		lp_amount_text(m->amount, m->currency, false, amount, sizeof amount);
	snprintf(buf, n, "money: %s%s%s%s%s%s%s", amount,
		 m->qualifier ? ", " : "", m->qualifier ? m->qualifier : "",
		 m->status ? ", " : "", m->status ? m->status : "",
		 m->period ? ", " : "", m->period ? m->period : "");
}

static void date_title(const lp_rdate *d, char *buf, size_t n)
{
	snprintf(buf, n, "%s: %s%s%s%s", d->deadline ? "deadline" : "date",
		 d->value ? d->value : "no exact value",
		 d->kind ? " (" : "", d->kind ? d->kind : "",
		 d->kind ? ")" : "");
}

static void commitment_title(const lp_rcommit *c, char *buf, size_t n)
{
	bool both = c->actor && c->actor_resolved &&
		    strcmp(c->actor, c->actor_resolved) != 0;
	snprintf(buf, n, "commitment: %s%s%s%s%s%s%s%s%s%s",
		 c->modality ? c->modality : "no modality",
		 c->actor ? "; actor: " : "", c->actor ? c->actor : "",
		 both ? " (" : "", both ? c->actor_resolved : "",
		 both ? ")" : "", c->deadline ? "; deadline: " : "",
		 c->deadline ? c->deadline : "",
		 c->deadline_value ? " = " : "",
		 c->deadline_value ? c->deadline_value : "");
}

/* The marks of section @s over its text, sorted; the caller frees. */
static size_t section_marks(const lp_rsection *s, mark **out)
{
	size_t cap = s->nmoney + s->ndates + s->ncommits, n = 0;
	mark *m = lp_xcalloc(cap + 1, sizeof *m);
	size_t cursor = 0;
	for (size_t i = 0; i < s->ncommits; i++)
		if (place(s->text, s->commits[i].text, &cursor, &m[n])) {
			m[n].kind = MK_COMMITMENT;
			commitment_title(&s->commits[i], m[n].title,
					 sizeof m[n].title);
			n++;
		}
	cursor = 0;
	for (size_t i = 0; i < s->nmoney; i++)
		if (place(s->text, s->money[i].text, &cursor, &m[n])) {
			m[n].kind = MK_MONEY;
			money_title(&s->money[i], m[n].title,
				    sizeof m[n].title);
			n++;
		}
	cursor = 0;
	for (size_t i = 0; i < s->ndates; i++)
		if (place(s->text, s->dates[i].text, &cursor, &m[n])) {
			m[n].kind = s->dates[i].deadline ? MK_DEADLINE
							 : MK_DATE;
			date_title(&s->dates[i], m[n].title,
				   sizeof m[n].title);
			n++;
		}
	qsort(m, n, sizeof *m, by_position);
	*out = m;
	return n;
}

static const char *const mark_class[] = {
	[MK_COMMITMENT] = "m commitment", [MK_MONEY] = "m money",
	[MK_DATE] = "m date", [MK_DEADLINE] = "m deadline",
};

/* Text [from, to) into @parent with marks m[k...] that start inside it;
 * a mark that runs past @to is cut there, and one that starts inside
 * an earlier sibling is left out.  Returns the first mark not used. */
static size_t render(xmlNodePtr parent, const char *t, size_t from,
		     size_t to, const mark *m, size_t nm, size_t k)
{
	size_t at = from;
	while (k < nm && m[k].start < to) {
		if (m[k].start < at) {
			k++;
			continue;
		}
		lp_html_textn(parent, t + at, m[k].start - at);
		xmlNodePtr e = lp_html_el(parent, "mark", mark_class[m[k].kind]);
		lp_html_attr(e, "title", m[k].title);
		size_t end = m[k].end < to ? m[k].end : to;
		k = render(e, t, m[k].start, end, m, nm, k + 1);
		at = end;
	}
	lp_html_textn(parent, t + at, to - at);
	return k;
}

/* A section's text as paragraphs (split at blank lines) with its marks. */
static void prose(xmlNodePtr parent, const lp_rsection *s)
{
	xmlNodePtr div = lp_html_el(parent, "div", "prose");
	if (!s->text || !*s->text) {
		lp_html_el_text(div, "p", "none", "(none)");
		return;
	}
	mark *m;
	size_t nm = section_marks(s, &m), k = 0;
	const char *t = s->text;
	size_t len = strlen(t);
	for (size_t a = 0; a < len;) {
		const char *gap = strstr(t + a, "\n\n");
		size_t e = gap ? (size_t)(gap - t) : len;
		if (e > a)
			k = render(lp_html_el(div, "p", NULL), t, a, e, m, nm,
				   k);
		a = e;
		while (a < len && t[a] == '\n')
			a++;
	}
	free(m);
}

/* ---- the letter's page ---------------------------------------------------- */

static void particular(xmlNodePtr dl, const char *term, const char *a,
		       const char *b)
{
	if (!a && !b)
		return;
	lp_html_el_text(dl, "dt", NULL, term);
	xmlNodePtr dd = lp_html_el(dl, "dd", NULL);
	lp_html_text(dd, a ? a : b);
	if (a && b) {
		lp_html_text(dd, ", ");
		lp_html_text(dd, b);
	}
}

static void header(xmlNodePtr body, const lp_record *r)
{
	xmlNodePtr h = lp_html_el(body, "header", NULL);
	char title[600];
	snprintf(title, sizeof title, "%s%s", r->report ? "Response: " : "",
		 r->report ? r->report : "Response letter");
	lp_html_el_text(h, "h1", NULL, title);
	xmlNodePtr dl = lp_html_el(h, "dl", "particulars");
	particular(dl, "Reference", r->reference, NULL);
	if (r->date) {
		lp_html_el_text(dl, "dt", NULL, "Date");
		xmlNodePtr t = lp_html_el_text(lp_html_el(dl, "dd", NULL),
					       "time", NULL, r->date);
		lp_html_attr(t, "datetime", r->date);
	}
	particular(dl, "From", r->sender_name, r->sender_role);
	particular(dl, "To", r->recipient_name, r->recipient_role);
	particular(dl, "Report", r->report, NULL);
	char source[400];
	snprintf(source, sizeof source, "%s (%s%s%.12s%s)",
		 r->path ? r->path : "?", r->format ? r->format : "",
		 r->sha256 ? ", sha256 " : "", r->sha256 ? r->sha256 : "",
		 r->sha256 ? "…" : "");
	particular(dl, "Source", source, NULL);
	xmlNodePtr legend = lp_html_el(h, "p", "legend");
	lp_html_text(legend, "Marked in the text: ");
	static const char *const what[] = { "commitment", "money", "date",
					    "deadline" };
	for (int k = 0; k < 4; k++) {
		xmlNodePtr e = lp_html_el_text(legend, "mark", mark_class[k],
					       what[k]);
		lp_html_attr(e, "title", "hover a mark to see its value");
	}
}

/* The id of pair @i: "pair-3", or "l2-pair-3" on a page of several
 * letters. */
static void anchor(char *buf, size_t n, const char *prefix, size_t i)
{
	snprintf(buf, n, "%spair-%zu", prefix, i + 1);
}

static void toc(xmlNodePtr body, const lp_record *r, const char *pfx)
{
	xmlNodePtr nav = lp_html_el(body, "nav", "toc");
	lp_html_attr(nav, "aria-label", "Contents");
	lp_html_el_text(nav, "h2", NULL, "Contents");
	xmlNodePtr ol = lp_html_el(nav, "ol", NULL);
	char id[64], href[80], name[256];
	for (size_t i = 0; i < r->npairs; i++) {
		xmlNodePtr li = lp_html_el(ol, "li", NULL);
		anchor(id, sizeof id, pfx, i);
		snprintf(href, sizeof href, "#%s", id);
		lp_html_pair_name(&r->pairs[i], name, sizeof name);
		lp_html_attr(lp_html_el_text(li, "a", NULL, name), "href",
			     href);
		lp_html_stance(li, r->pairs[i].stance);
	}
	xmlNodePtr p = lp_html_el(nav, "p", NULL);
	static const char *const tables[][2] = {
		{ "commitments", "Commitments" }, { "money", "Money" },
		{ "deadlines", "Deadlines" } };
	for (int k = 0; k < 3; k++) {
		snprintf(href, sizeof href, "#%s%s", pfx, tables[k][0]);
		lp_html_attr(lp_html_el_text(p, "a", NULL, tables[k][1]),
			     "href", href);
		lp_html_text(p, k < 2 ? " · " : "");
	}
}

static void pair_link(xmlNodePtr td, const lp_record *r, size_t i,
		      const char *pfx)
{
	char id[64], href[80], name[256];
	anchor(id, sizeof id, pfx, i);
	snprintf(href, sizeof href, "#%s", id);
	if (i >= r->npairs) {
		lp_html_text(td, "—");
		return;
	}
	lp_html_pair_name(&r->pairs[i], name, sizeof name);
	lp_html_attr(lp_html_el_text(td, "a", NULL, name), "href", href);
}

static xmlNodePtr table(xmlNodePtr parent, const char *const *heads,
			const char *const *classes, int n)
{
	xmlNodePtr t = lp_html_el(parent, "table", NULL);
	xmlNodePtr tr = lp_html_el(lp_html_el(t, "thead", NULL), "tr", NULL);
	for (int k = 0; k < n; k++)
		lp_html_attr(lp_html_el_text(tr, "th", classes[k], heads[k]),
			     "scope", "col");
	return t;
}

static void commitments_table(xmlNodePtr main, const lp_record *r,
			      const char *pfx)
{
	char id[64];
	snprintf(id, sizeof id, "%scommitments", pfx);
	xmlNodePtr sec = lp_html_el(main, "section", NULL);
	lp_html_attr(sec, "id", id);
	lp_html_el_text(sec, "h2", NULL, "Commitments");
	static const char *const heads[] = { "Pair", "Actor", "Modality",
					     "Deadline", "Commitment" };
	static const char *const cls[] = { NULL, NULL, NULL, NULL, NULL };
	xmlNodePtr tbody = NULL;
	size_t count = 0;
	for (size_t i = 0; i < r->npairs; i++) {
		const lp_rsection *s = &r->pairs[i].resp;
		for (size_t k = 0; k < s->ncommits; k++) {
			const lp_rcommit *c = &s->commits[k];
			if (!tbody)
				tbody = lp_html_el(table(sec, heads, cls, 5),
						   "tbody", NULL);
			xmlNodePtr tr = lp_html_el(tbody, "tr", NULL);
			pair_link(lp_html_el(tr, "td", NULL), r, i, pfx);
			xmlNodePtr actor = lp_html_el(tr, "td", NULL);
			lp_html_text(actor, c->actor ? c->actor : "—");
			if (c->actor_resolved && c->actor &&
			    strcmp(c->actor_resolved, c->actor) != 0)
				lp_html_printf(actor, " (%s)",
					       c->actor_resolved);
			lp_html_el_text(tr, "td", NULL,
					c->modality ? c->modality : "—");
			xmlNodePtr dl = lp_html_el(tr, "td", NULL);
			lp_html_text(dl, c->deadline ? c->deadline : "—");
			if (c->deadline_value)
				lp_html_printf(dl, " (%s)", c->deadline_value);
			lp_html_el_text(tr, "td", NULL, c->text);
			count++;
		}
	}
	if (!count)
		lp_html_el_text(sec, "p", NULL,
				"No commitment found in the responses.");
}

typedef struct money_row {
	const lp_rmoney *m;
	size_t pair, order;
} money_row;

static int by_size(const void *a, const void *b)
{
	const money_row *x = a, *y = b;
	double ax = x->m->has_amount ? x->m->amount : -1;
	double ay = y->m->has_amount ? y->m->amount : -1;
	if (ax != ay)
		return ax > ay ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void money_rows(xmlNodePtr parent, const lp_record *r,
		       const money_row *rows, size_t n, const char *pfx,
		       const char *id, const char *cls)
{
	xmlNodePtr div = lp_html_el(parent, "div", cls);
	lp_html_attr(div, "id", id);
	static const char *const heads[] = { "#", "Pair", "As written",
					     "Amount", "Qualifier" };
	static const char *const classes[] = { "num", NULL, NULL, "num",
					       NULL };
	xmlNodePtr t = table(div, heads, classes, 5);
	xmlNodePtr tbody = lp_html_el(t, "tbody", NULL);
	char buf[96];
	/* A total per currency; the top of a range ("£2m to £3m") is not
	 * counted on top of its bottom. */
	double total = 0;
	const char *currency = NULL;
	bool mixed = false;
	for (size_t i = 0; i < n; i++) {
		const lp_rmoney *m = rows[i].m;
		xmlNodePtr tr = lp_html_el(tbody, "tr", NULL);
		lp_html_printf(lp_html_el(tr, "td", "num"), "%zu",
			       rows[i].order + 1);
		pair_link(lp_html_el(tr, "td", NULL), r, rows[i].pair, pfx);
		lp_html_el_text(tr, "td", NULL, m->text);
		if (m->has_amount)
			lp_amount_text(m->amount, m->currency, false, buf,
				       sizeof buf);
		lp_html_el_text(tr, "td", "num", m->has_amount ? buf : "—");
		lp_html_el_text(tr, "td", NULL,
				m->qualifier ? m->qualifier : "");
		if (m->has_amount && !m->upper) {
			const char *cur = m->currency ? m->currency : "GBP";
			mixed |= currency && strcmp(cur, currency) != 0;
			currency = cur;
			total += m->amount;
		}
	}
	xmlNodePtr tr = lp_html_el(lp_html_el(t, "tfoot", NULL), "tr", NULL);
	xmlNodePtr label = lp_html_el(tr, "td", NULL);
	lp_html_attr(label, "colspan", "3");
	lp_html_text(label, "Total of the amounts named (each counted "
			    "once as written; amounts that overlap are "
			    "added all the same)");
	if (currency && !mixed)
		lp_amount_text(total, currency, false, buf, sizeof buf);
	lp_html_el_text(tr, "td", "num",
			!currency ? "—" : mixed ? "several currencies" : buf);
	lp_html_el(tr, "td", NULL);
}

static void money_table(xmlNodePtr main, const lp_record *r,
			const char *pfx)
{
	char id[64], by_order[80], by_amount[80];
	snprintf(id, sizeof id, "%smoney", pfx);
	snprintf(by_order, sizeof by_order, "%smoney-by-order", pfx);
	snprintf(by_amount, sizeof by_amount, "%smoney-by-size", pfx);
	xmlNodePtr sec = lp_html_el(main, "section", NULL);
	lp_html_attr(sec, "id", id);
	lp_html_el_text(sec, "h2", NULL, "Money");
	size_t n = 0;
	for (size_t i = 0; i < r->npairs; i++)
		n += r->pairs[i].rec.nmoney + r->pairs[i].resp.nmoney +
		     r->pairs[i].details.nmoney;
	if (!n) {
		lp_html_el_text(sec, "p", NULL,
				"No amount of money named in the pairs.");
		return;
	}
	money_row *rows = lp_xcalloc(n, sizeof *rows);
	size_t k = 0;
	for (size_t i = 0; i < r->npairs; i++) {
		const lp_rsection *side[3] = { &r->pairs[i].rec,
					       &r->pairs[i].resp,
					       &r->pairs[i].details };
		for (int s = 0; s < 3; s++)
			for (size_t j = 0; j < side[s]->nmoney; j++, k++)
				rows[k] = (money_row){ &side[s]->money[j], i,
						       k };
	}
	xmlNodePtr p = lp_html_el(sec, "p", "sortby");
	lp_html_text(p, "Sort by: ");
	char href[96];
	snprintf(href, sizeof href, "#%s", by_order);
	lp_html_attr(lp_html_el_text(p, "a", NULL, "reading order"), "href",
		     href);
	snprintf(href, sizeof href, "#%s", by_amount);
	lp_html_attr(lp_html_el_text(p, "a", NULL, "size"), "href", href);
	/* The size order first: CSS shows it only when it is the target,
	 * and then hides the reading order that follows it. */
	xmlNodePtr both = lp_html_el(sec, "div", "money-tables");
	money_row *sorted = lp_xcalloc(n, sizeof *sorted);
	memcpy(sorted, rows, n * sizeof *rows);
	qsort(sorted, n, sizeof *sorted, by_size);
	money_rows(both, r, sorted, n, pfx, by_amount, "alt");
	money_rows(both, r, rows, n, pfx, by_order, "order");
	free(sorted);
	free(rows);
}

/* Days since 1970-01-01 of an ISO day. */
static long days_of(const char *iso)
{
	return lp_day_number(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

typedef struct deadline {
	const lp_rdate *d;
	size_t pair;
	long from, to; /* days */
	char start[11], end[11];
} deadline;

static int by_end(const void *a, const void *b)
{
	const deadline *x = a, *y = b;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->pair < y->pair ? -1 : x->pair > y->pair;
}

static xmlNodePtr svg_el(xmlNodePtr parent, const char *name)
{
	return lp_html_el(parent, name, NULL);
}

static void svg_num(xmlNodePtr e, const char *name, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.1f", v);
	lp_html_attr(e, name, buf);
}

/* The deadlines on a line of time: a bar from the first to the last
 * day each could mean ("by September 2022": the month), labelled. */
static void timeline(xmlNodePtr sec, const lp_record *r, deadline *dl,
		     size_t n)
{
	long lo = dl[0].from, hi = dl[0].to;
	for (size_t i = 1; i < n; i++) {
		lo = dl[i].from < lo ? dl[i].from : lo;
		hi = dl[i].to > hi ? dl[i].to : hi;
	}
	const double left = 250, width = 550, row = 22, top = 30;
	double span = hi > lo ? (double)(hi - lo) : 1;
	double height = top + row * (double)n + 24;
	const char *first = dl[0].start, *last = dl[0].end;
	for (size_t i = 1; i < n; i++) {
		first = strcmp(dl[i].start, first) < 0 ? dl[i].start : first;
		last = strcmp(dl[i].end, last) > 0 ? dl[i].end : last;
	}
	xmlNodePtr svg = svg_el(sec, "svg");
	char box[64], label[400];
	snprintf(box, sizeof box, "0 0 %.0f %.0f", left + width + 20, height);
	lp_html_attr(svg, "viewBox", box);
	lp_html_attr(svg, "class", "timeline");
	lp_html_attr(svg, "role", "img");
	snprintf(label, sizeof label, "Timeline of %zu deadline%s", n,
		 n == 1 ? "" : "s");
	lp_html_attr(svg, "aria-label", label);
	lp_html_el_text(svg, "title", NULL, label);
	/* A tick at the start of each year in the range. */
	int y0 = atoi(dl[0].start), y1 = y0;
	for (size_t i = 0; i < n; i++) {
		int a = atoi(dl[i].start), b = atoi(dl[i].end);
		y0 = a < y0 ? a : y0;
		y1 = b > y1 ? b : y1;
	}
	for (int y = y0; y <= y1 + 1 && y - y0 < 200; y++) {
		char iso[16];
		snprintf(iso, sizeof iso, "%04d-01-01", y);
		long d = days_of(iso);
		if (d < lo || d > hi)
			continue;
		double x = left + width * (double)(d - lo) / span;
		xmlNodePtr l = svg_el(svg, "line");
		svg_num(l, "x1", x);
		svg_num(l, "x2", x);
		svg_num(l, "y1", top - 12);
		svg_num(l, "y2", height - 16);
		lp_html_attr(l, "stroke", "#bbb");
		xmlNodePtr t = svg_el(svg, "text");
		svg_num(t, "x", x + 3);
		svg_num(t, "y", top - 16);
		lp_html_printf(t, "%d", y);
	}
	/* The first and last day shown, under the bars, and the letter's
	 * own date where it falls inside them. */
	static const char *const anchors[] = { "start", "end" };
	for (int k = 0; k < 2; k++) {
		xmlNodePtr t = svg_el(svg, "text");
		svg_num(t, "x", left + (k ? width : 0));
		svg_num(t, "y", height - 2);
		lp_html_attr(t, "text-anchor", anchors[k]);
		lp_html_attr(t, "fill", "#555");
		lp_html_text(t, k ? last : first);
	}
	if (r->date && lp_iso_day(r->date) && days_of(r->date) >= lo &&
	    days_of(r->date) <= hi) {
		double x = left + width * (double)(days_of(r->date) - lo) / span;
		xmlNodePtr l = svg_el(svg, "line");
		svg_num(l, "x1", x);
		svg_num(l, "x2", x);
		svg_num(l, "y1", top - 12);
		svg_num(l, "y2", height - 16);
		lp_html_attr(l, "stroke", "#1b1b1b");
		lp_html_attr(l, "stroke-dasharray", "4 3");
		xmlNodePtr t = svg_el(svg, "text");
		svg_num(t, "x", x + 3);
		svg_num(t, "y", height - 2);
		lp_html_text(t, "letter");
	}
	for (size_t i = 0; i < n; i++) {
		double y = top + row * (double)i;
		double x0 = left + width * (double)(dl[i].from - lo) / span;
		double x1 = left + width * (double)(dl[i].to + 1 - lo) / span;
		if (x1 > left + width)
			x1 = left + width;
		if (x1 - x0 < 4)
			x0 = x1 - 4;
		char name[256];
		if (dl[i].pair < r->npairs)
			lp_html_pair_name(&r->pairs[dl[i].pair], name,
					  sizeof name);
		else
			snprintf(name, sizeof name, "Letter");
		xmlNodePtr t = svg_el(svg, "text");
		svg_num(t, "x", 0);
		svg_num(t, "y", y + 14);
		snprintf(label, sizeof label, "%s: %s", name, dl[i].d->text);
		if (strlen(label) > 40) {
			/* Cut between characters, not inside one. */
			size_t cut = 38;
			while (cut > 0 && ((unsigned char)label[cut] & 0xC0) ==
						  0x80)
				cut--;
			memcpy(label + cut, "…", sizeof "…");
		}
		lp_html_text(t, label);
		xmlNodePtr bar = svg_el(svg, "rect");
		svg_num(bar, "x", x0);
		svg_num(bar, "y", y + 3);
		svg_num(bar, "width", x1 - x0);
		svg_num(bar, "height", 14);
		lp_html_attr(bar, "fill", "#a4161a");
		snprintf(label, sizeof label, "%s: %s, %s to %s", name,
			 dl[i].d->text, dl[i].start, dl[i].end);
		lp_html_el_text(bar, "title", NULL, label);
	}
}

static void deadlines(xmlNodePtr main, const lp_record *r, const char *pfx)
{
	char id[64];
	snprintf(id, sizeof id, "%sdeadlines", pfx);
	xmlNodePtr sec = lp_html_el(main, "section", NULL);
	lp_html_attr(sec, "id", id);
	lp_html_el_text(sec, "h2", NULL, "Deadlines");
	size_t n = 0, cap = 8;
	deadline *dl = lp_xcalloc(cap, sizeof *dl);
	for (size_t i = 0; i < r->npairs; i++) {
		/* A row's timescale is a deadline, said so or not. */
		const lp_rsection *side[3] = { &r->pairs[i].rec,
					       &r->pairs[i].resp,
					       &r->pairs[i].details };
		for (int s = 0; s < 3; s++)
			for (size_t j = 0; j < side[s]->ndates; j++) {
				const lp_rdate *d = &side[s]->dates[j];
				deadline x = { .d = d, .pair = i };
				if ((!d->deadline && s != 2) ||
				    !lp_date_bounds(d->value, x.start, x.end))
					continue;
				x.from = days_of(x.start);
				x.to = days_of(x.end);
				if (n == cap)
					dl = lp_xrealloc(dl, (cap *= 2) *
								     sizeof *dl);
				dl[n++] = x;
			}
	}
	if (!n) {
		lp_html_el_text(sec, "p", NULL,
				"No deadline with a date named in the pairs.");
		free(dl);
		return;
	}
	qsort(dl, n, sizeof *dl, by_end);
	timeline(sec, r, dl, n);
	static const char *const heads[] = { "Pair", "As written", "From",
					     "To" };
	static const char *const cls[] = { NULL, NULL, "num", "num" };
	xmlNodePtr tbody = lp_html_el(table(sec, heads, cls, 4), "tbody",
				      NULL);
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr tr = lp_html_el(tbody, "tr", NULL);
		pair_link(lp_html_el(tr, "td", NULL), r, dl[i].pair, pfx);
		lp_html_el_text(tr, "td", NULL, dl[i].d->text);
		lp_html_el_text(tr, "td", "num", dl[i].start);
		lp_html_el_text(tr, "td", "num", dl[i].end);
	}
	free(dl);
}

static void pairs(xmlNodePtr main, const lp_record *r, const char *pfx)
{
	xmlNodePtr sec = lp_html_el(main, "section", NULL);
	lp_html_el_text(sec, "h2", NULL, "Recommendations and responses");
	if (!r->npairs)
		lp_html_el_text(sec, "p", NULL,
				"No recommendation/response pair found.");
	char id[64], name[256];
	for (size_t i = 0; i < r->npairs; i++) {
		const lp_rpair *p = &r->pairs[i];
		xmlNodePtr art = lp_html_el(sec, "article", "pair");
		anchor(id, sizeof id, pfx, i);
		lp_html_attr(art, "id", id);
		lp_html_pair_name(p, name, sizeof name);
		xmlNodePtr h = lp_html_el_text(art, "h3", NULL, name);
		lp_html_stance(h, p->stance);
		xmlNodePtr sides = lp_html_el(art, "div", "sides");
		xmlNodePtr rec = lp_html_el(sides, "div", "rec");
		lp_html_el_text(rec, "h4", NULL, "Recommendation");
		prose(rec, &p->rec);
		xmlNodePtr resp = lp_html_el(sides, "div", "resp");
		lp_html_el_text(resp, "h4", NULL, "Response");
		prose(resp, &p->resp);
		if (p->details.text && *p->details.text) {
			lp_html_el_text(resp, "h4", NULL, "Lead and timescale");
			prose(resp, &p->details);
		}
	}
}

/* One letter: its header and contents, then the pairs and tables in a
 * <main>, or a <div> when the letter is one article of several. */
static void letter(xmlNodePtr body, const lp_record *r, const char *pfx,
		   const char *container)
{
	header(body, r);
	toc(body, r, pfx);
	xmlNodePtr main = lp_html_el(body, container, NULL);
	if (r->cover.text && *r->cover.text) {
		xmlNodePtr sec = lp_html_el(main, "section", NULL);
		lp_html_el_text(sec, "h2", NULL, "Cover letter");
		prose(sec, &r->cover);
	}
	if (r->introduction.text && *r->introduction.text) {
		xmlNodePtr sec = lp_html_el(main, "section", NULL);
		lp_html_el_text(sec, "h2", NULL, "Introduction to the annex");
		prose(sec, &r->introduction);
	}
	pairs(main, r, pfx);
	if (r->closing.text && *r->closing.text) {
		xmlNodePtr sec = lp_html_el(main, "section", NULL);
		lp_html_el_text(sec, "h2", NULL, "Closing");
		prose(sec, &r->closing);
	}
	commitments_table(main, r, pfx);
	money_table(main, r, pfx);
	deadlines(main, r, pfx);
}

int lp_emit_html_docs(lp_doc *const *docs, size_t n, FILE *out,
		      lp_error *err)
{
	lp_record **recs = lp_xcalloc(n + 1, sizeof *recs);
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = lp_record_from_doc(docs[i], &recs[i], err);
	if (rc == 0)
		rc = lp_emit_html(recs, n, out, err);
	for (size_t i = 0; i < n; i++)
		lp_record_free(recs[i]);
	free(recs);
	return rc;
}

int lp_emit_html(lp_record *const *recs, size_t n, FILE *out, lp_error *err)
{
	char title[600];
	const lp_record *first = n ? recs[0] : NULL;
	snprintf(title, sizeof title, "%s%s — letterpipe",
		 first && first->report ? "Response: " : "Response letter",
		 first && first->report ? first->report : "");
	if (n > 1)
		snprintf(title, sizeof title, "%zu response letters — "
			 "letterpipe", n);
	xmlNodePtr body;
	xmlDocPtr doc = lp_html_page(title, &body);
	/* Several letters share one page, each an article of its <main>;
	 * their ids get a prefix each. */
	if (n == 1)
		letter(body, recs[0], "", "main");
	xmlNodePtr main = n > 1 ? lp_html_el(body, "main", NULL) : NULL;
	for (size_t i = 0; n > 1 && i < n; i++) {
		char pfx[32];
		snprintf(pfx, sizeof pfx, "l%zu-", i + 1);
		letter(lp_html_el(main, "article", "letter"), recs[i], pfx,
		       "div");
	}
	xmlNodePtr foot = lp_html_el(body, "footer", NULL);
	lp_html_printf(foot, "Made by letterpipe %s. Hover a mark for the "
			     "value letterpipe resolved; check it against "
			     "the letter.", lp_version());
	return lp_html_write(doc, out, err);
}
