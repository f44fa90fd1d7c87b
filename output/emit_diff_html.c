/*
 * emit_diff_html.c - the review page of a diff: the two letters, the
 * summary, the list of changes, then every pair with the words the new
 * letter removed struck through (<del>) and those it added underlined
 * (<ins>), so that neither colour nor the marks alone carry the meaning.
 * Pairs that did not change fold away in a <details>.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "internal.h"

/* Shared words kept either side of a change in the change list. */
#define CONTEXT 6
/* Words quoted of an added or removed pair in the change list. */
#define QUOTE_WORDS 40

/* ---- word diff as HTML ----------------------------------------------------- */

typedef struct wd_out {
	xmlNodePtr div, p, run; /* the prose, its paragraph, an open del/ins */
	char op;                 /* of the open run */
	bool first;              /* nothing written in this paragraph yet */
} wd_out;

static void wd_word(wd_out *o, const lp_words *w, size_t i, char op)
{
	if (w->para[i] && o->p && !o->first) {
		o->p = NULL;
		o->run = NULL;
	}
	if (!o->p) {
		o->p = lp_html_el(o->div, "p", NULL);
		o->run = NULL;
		o->first = true;
	}
	if (op != '=' && (!o->run || o->op != op)) {
		if (!o->first)
			lp_html_text(o->p, " ");
		o->run = lp_html_el(o->p, op == '-' ? "del" : "ins", NULL);
		o->op = op;
		lp_html_textn(o->run, w->s[i], w->len[i]);
	} else if (op != '=') {
		lp_html_text(o->run, " ");
		lp_html_textn(o->run, w->s[i], w->len[i]);
	} else {
		o->run = NULL;
		if (!o->first)
			lp_html_text(o->p, " ");
		lp_html_textn(o->p, w->s[i], w->len[i]);
	}
	o->first = false;
}

static void wd_gap(wd_out *o)
{
	if (!o->p)
		o->p = lp_html_el(o->div, "p", NULL);
	lp_html_text(o->p, o->first ? "…" : " …");
	o->run = NULL;
	o->first = false;
}

/* The words of @a against @b into a new <div class="prose"> of @parent;
 * with @context, shared stretches are cut to that many words either side
 * of a change. */
static void word_diff(xmlNodePtr parent, const char *a, const char *b,
		      size_t context)
{
	lp_words wa, wb;
	lp_words_split(a ? a : "", &wa);
	lp_words_split(b ? b : "", &wb);
	lp_wd_run *runs;
	size_t n = lp_word_diff(&wa, &wb, &runs);
	wd_out o = { .div = lp_html_el(parent, "div", "prose") };
	for (size_t k = 0; k < n; k++) {
		const lp_wd_run *r = &runs[k];
		const lp_words *w = r->op == '+' ? &wb : &wa;
		size_t from = r->from, to = r->to;
		size_t head = k == 0 ? 0 : context, tail = k + 1 == n ? 0 : context;
		if (r->op == '=' && context != SIZE_MAX &&
		    to - from > head + tail) {
			for (size_t i = from; i < from + head; i++)
				wd_word(&o, w, i, '=');
			wd_gap(&o);
			for (size_t i = to - tail; i < to; i++)
				wd_word(&o, w, i, '=');
			continue;
		}
		for (size_t i = from; i < to; i++)
			wd_word(&o, w, i, r->op);
	}
	if (n == 0)
		lp_html_el(o.div, "p", NULL);
	free(runs);
	lp_words_free(&wa);
	lp_words_free(&wb);
}

/* ---- one change ------------------------------------------------------------ */

static void quote(xmlNodePtr parent, const char *tag, const char *text)
{
	lp_words w;
	lp_words_split(text ? text : "", &w);
	xmlNodePtr e = lp_html_el(parent, tag, NULL);
	for (size_t i = 0; i < w.n && i < QUOTE_WORDS; i++) {
		if (i)
			lp_html_text(e, " ");
		lp_html_textn(e, w.s[i], w.len[i]);
	}
	if (w.n > QUOTE_WORDS)
		lp_html_text(e, " …");
	lp_words_free(&w);
}

static void date_text(xmlNodePtr parent, const char *tag, const lp_rdate *d)
{
	xmlNodePtr e = lp_html_el_text(parent, tag, NULL, d->text);
	if (d->value)
		lp_html_printf(e, " (%s)", d->value);
}

static void money_text(xmlNodePtr parent, const char *tag,
		       const lp_rmoney *m)
{
	xmlNodePtr e = lp_html_el_text(parent, tag, NULL, m->text);
	if (m->has_amount) {
		char buf[96];
		lp_amount_text(m->amount, m->currency, false, buf, sizeof buf);
		if (strcmp(buf, m->text) != 0)
			lp_html_printf(e, " (%s)", buf);
	}
	if (m->qualifier)
		lp_html_printf(e, ", %s", m->qualifier);
}

static void commitment_text(xmlNodePtr parent, const char *tag,
			    const lp_rcommit *c)
{
	xmlNodePtr e = lp_html_el_text(parent, tag, NULL, c->text);
	lp_html_printf(e, " (%s%s%s%s%s)", c->modality ? c->modality : "",
		       c->actor ? ", by " : "", c->actor ? c->actor : "",
		       c->deadline ? ", by " : "",
		       c->deadline ? c->deadline : "");
}

static void change_item(xmlNodePtr li, const lp_change *c)
{
	char buf[192];
	switch (c->kind) {
	case LP_CH_PAIR_ADDED:
	case LP_CH_PAIR_REMOVED: {
		const lp_rpair *p = c->new_pair ? c->new_pair : c->old_pair;
		lp_html_text(li, ": ");
		quote(li, c->new_pair ? "ins" : "del",
		      *p->rec.text ? p->rec.text : p->resp.text);
		break;
	}
	case LP_CH_TEXT_CHANGED:
		lp_html_text(li, ":");
		word_diff(li, c->old_text, c->new_text, CONTEXT);
		break;
	case LP_CH_STANCE_CHANGED:
		lp_html_text(li, ": ");
		lp_html_el_text(li, "del", NULL,
				c->old_text ? c->old_text : "none");
		lp_html_text(li, " → ");
		lp_html_el_text(li, "ins", NULL,
				c->new_text ? c->new_text : "none");
		break;
	case LP_CH_COMMITMENT_ADDED:
		lp_html_text(li, ": ");
		commitment_text(li, "ins", c->new_commit);
		break;
	case LP_CH_COMMITMENT_DROPPED:
		lp_html_text(li, ": ");
		commitment_text(li, "del", c->old_commit);
		break;
	case LP_CH_MODALITY_CHANGED:
		lp_html_printf(li, ", %s: %s → %s:",
			       lp_strength_name(c->strength), c->old_commit->modality
				       ? c->old_commit->modality
				       : "none",
			       c->new_commit->modality
				       ? c->new_commit->modality
				       : "none");
		word_diff(li, c->old_commit->text, c->new_commit->text,
			  CONTEXT);
		break;
	case LP_CH_COMMITMENT_REWORDED:
		lp_html_text(li, ":");
		word_diff(li, c->old_commit->text, c->new_commit->text,
			  CONTEXT);
		break;
	case LP_CH_DEADLINE_MOVED:
	case LP_CH_DATE_CHANGED:
		lp_html_text(li, ": ");
		date_text(li, "del", c->old_date);
		lp_html_text(li, " → ");
		date_text(li, "ins", c->new_date);
		lp_shift_text(c, buf, sizeof buf);
		lp_html_text(li, buf);
		break;
	case LP_CH_AMOUNT_CHANGED:
		lp_html_text(li, ": ");
		money_text(li, "del", c->old_money);
		lp_html_text(li, " → ");
		money_text(li, "ins", c->new_money);
		lp_amount_change_text(c->old_money->amount,
				      c->new_money->amount,
				      c->new_money->currency, buf, sizeof buf);
		lp_html_text(li, buf);
		break;
	case LP_CH_MONEY_ADDED:
	case LP_CH_MONEY_DROPPED:
		lp_html_text(li, ": ");
		money_text(li, c->new_money ? "ins" : "del",
			   c->new_money ? c->new_money : c->old_money);
		break;
	case LP_CH_DATE_ADDED:
	case LP_CH_DATE_DROPPED:
		lp_html_text(li, ": ");
		date_text(li, c->new_date ? "ins" : "del",
			  c->new_date ? c->new_date : c->old_date);
		break;
	case LP_CH_KIND_COUNT:
		break;
	}
}

/* ---- where a change's pair is on the page ---------------------------------- */

static void pair_id(const lp_diff *d, const lp_change *c, char *buf,
		    size_t n)
{
	if (c->kind == LP_CH_PAIR_ADDED) {
		snprintf(buf, n, "added-%zu",
			 (size_t)(c->new_pair - d->new_->pairs) + 1);
		return;
	}
	if (c->kind == LP_CH_PAIR_REMOVED) {
		snprintf(buf, n, "removed-%zu",
			 (size_t)(c->old_pair - d->old->pairs) + 1);
		return;
	}
	for (size_t i = 0; i < d->nmatches; i++)
		if (d->matches[i].old_pair == c->old_pair &&
		    d->matches[i].new_pair == c->new_pair) {
			snprintf(buf, n, "match-%zu", i + 1);
			return;
		}
	buf[0] = '\0';
}

static bool pair_changed(const lp_diff *d, const lp_pair_match *m)
{
	for (size_t i = 0; i < d->nchanges; i++)
		if (d->changes[i].old_pair == m->old_pair &&
		    d->changes[i].new_pair == m->new_pair)
			return true;
	return false;
}

/* ---- the page ---------------------------------------------------------------- */

static void side(xmlNodePtr dl, const char *term, const lp_record *r)
{
	lp_html_el_text(dl, "dt", NULL, term);
	xmlNodePtr dd = lp_html_el(dl, "dd", NULL);
	lp_html_text(dd, r->path ? r->path : "?");
	lp_html_printf(dd, " (%s%s%zu pair%s)", r->date ? r->date : "",
		       r->date ? ", " : "", r->npairs,
		       r->npairs == 1 ? "" : "s");
}

static void summary(xmlNodePtr header, const lp_diff *d)
{
	const lp_diff_summary *s = &d->summary;
	xmlNodePtr ul = lp_html_el(header, "ul", "summary");
	lp_html_printf(lp_html_el(ul, "li", NULL),
		       "Pairs: %zu matched, %zu added, %zu removed",
		       s->pairs_matched, s->pairs_added, s->pairs_removed);
	xmlNodePtr li = lp_html_el(ul, "li", NULL);
	lp_html_printf(li, "Commitments: %zu kept", s->commits_kept);
	if (s->commits_reworded)
		lp_html_printf(li, " (%zu reworded)", s->commits_reworded);
	lp_html_printf(li, ", %zu added, %zu dropped", s->commits_added,
		       s->commits_dropped);
	for (size_t k = 0; k < s->nmoney; k++) {
		char a[96], b[96];
		lp_amount_text(s->money[k].old, s->money[k].currency, false, a,
			       sizeof a);
		lp_amount_text(s->money[k].new_, s->money[k].currency, false, b,
			       sizeof b);
		li = lp_html_el(ul, "li", NULL);
		lp_html_text(li, "Money named: ");
		if (s->money[k].old == s->money[k].new_) {
			lp_html_printf(li, "%s in both", a);
			continue;
		}
		lp_html_el_text(li, "del", NULL, a);
		lp_html_text(li, " → ");
		lp_html_el_text(li, "ins", NULL, b);
	}
}

static void changes(xmlNodePtr main, const lp_diff *d, lp_kind_set kinds)
{
	xmlNodePtr sec = lp_html_el(main, "section", NULL);
	lp_html_attr(sec, "id", "changes");
	size_t n = lp_diff_count(d, kinds);
	char title[64], id[64], name[256];
	snprintf(title, sizeof title, "Changes (%zu)", n);
	lp_html_el_text(sec, "h2", NULL, title);
	if (!n) {
		lp_html_el_text(sec, "p", NULL, "No change.");
		return;
	}
	xmlNodePtr ol = lp_html_el(sec, "ol", "changes");
	for (size_t i = 0; i < d->nchanges; i++) {
		const lp_change *c = &d->changes[i];
		if (!((kinds >> c->kind) & 1))
			continue;
		xmlNodePtr li = lp_html_el(ol, "li", NULL);
		lp_html_el_text(li, "span", "kind",
				lp_change_kind_name(c->kind));
		lp_html_text(li, " ");
		const lp_rpair *p = c->new_pair ? c->new_pair : c->old_pair;
		lp_html_pair_name(p, name, sizeof name);
		pair_id(d, c, id, sizeof id);
		char href[80];
		snprintf(href, sizeof href, "#%s", id);
		xmlNodePtr a = lp_html_el_text(li, *id ? "a" : "span", NULL,
					       name);
		if (*id)
			lp_html_attr(a, "href", href);
		if (c->section)
			lp_html_printf(li, ", %s", c->section);
		change_item(li, c);
	}
}

static void pair_heading(xmlNodePtr art, const lp_rpair *old,
			 const lp_rpair *new_)
{
	char a[256], b[256];
	xmlNodePtr h = lp_html_el(art, "h3", NULL);
	const lp_rpair *p = new_ ? new_ : old;
	lp_html_pair_name(p, b, sizeof b);
	lp_html_text(h, b);
	if (old && new_) {
		lp_html_pair_name(old, a, sizeof a);
		if (strcmp(a, b) != 0)
			lp_html_printf(h, " (was %s)", a);
		const char *so = old->stance ? old->stance : "unstated";
		const char *sn = new_->stance ? new_->stance : "unstated";
		if (strcmp(so, sn) != 0) {
			xmlNodePtr del = lp_html_el(h, "del", NULL);
			lp_html_stance(del, old->stance);
			lp_html_text(h, " → ");
			xmlNodePtr ins = lp_html_el(h, "ins", NULL);
			lp_html_stance(ins, new_->stance);
			return;
		}
	}
	lp_html_stance(h, p->stance);
}

static void sides(xmlNodePtr art, const lp_rpair *old, const lp_rpair *new_)
{
	xmlNodePtr s = lp_html_el(art, "div", "sides");
	static const char *const heads[] = { "Recommendation", "Response" };
	for (int k = 0; k < 2; k++) {
		xmlNodePtr div = lp_html_el(s, "div", k ? "resp" : "rec");
		lp_html_el_text(div, "h4", NULL, heads[k]);
		const char *a = old ? (k ? old->resp.text : old->rec.text) : "";
		const char *b = new_ ? (k ? new_->resp.text : new_->rec.text)
				     : "";
		word_diff(div, a, b, SIZE_MAX);
	}
}

static void pairs(xmlNodePtr main, const lp_diff *d)
{
	xmlNodePtr sec = lp_html_el(main, "section", NULL);
	lp_html_attr(sec, "id", "pairs");
	lp_html_el_text(sec, "h2", NULL, "Pairs");
	char id[64], name[256];
	for (size_t i = 0; i < d->nmatches; i++) {
		const lp_pair_match *m = &d->matches[i];
		xmlNodePtr art;
		snprintf(id, sizeof id, "match-%zu", i + 1);
		if (pair_changed(d, m)) {
			art = lp_html_el(sec, "article", "pair");
			pair_heading(art, m->old_pair, m->new_pair);
		} else {
			/* Unchanged: folded, to open by a click. */
			art = lp_html_el(sec, "details", "pair");
			xmlNodePtr sum = lp_html_el(art, "summary", NULL);
			lp_html_pair_name(m->new_pair, name, sizeof name);
			xmlNodePtr h = lp_html_el_text(sum, "h3", NULL, name);
			lp_html_text(h, ": unchanged");
		}
		lp_html_attr(art, "id", id);
		sides(art, m->old_pair, m->new_pair);
	}
	for (size_t i = 0; i < d->nchanges; i++) {
		const lp_change *c = &d->changes[i];
		if (c->kind != LP_CH_PAIR_ADDED && c->kind != LP_CH_PAIR_REMOVED)
			continue;
		bool added = c->kind == LP_CH_PAIR_ADDED;
		xmlNodePtr art = lp_html_el(sec, "article", "pair");
		pair_id(d, c, id, sizeof id);
		lp_html_attr(art, "id", id);
		pair_heading(art, added ? NULL : c->old_pair,
			     added ? c->new_pair : NULL);
		lp_html_el_text(art, "p", "kind",
				added ? "A pair only the new letter has"
				      : "A pair only the old letter has");
		sides(art, added ? NULL : c->old_pair,
		      added ? c->new_pair : NULL);
	}
}

int lp_diff_emit_html(const lp_diff *d, lp_kind_set kinds, FILE *out,
		      lp_error *err)
{
	xmlNodePtr body;
	xmlDocPtr doc = lp_html_page("Changes between two letters — letterpipe",
				     &body);
	xmlNodePtr header = lp_html_el(body, "header", NULL);
	lp_html_el_text(header, "h1", NULL, "Changes between two letters");
	xmlNodePtr dl = lp_html_el(header, "dl", "particulars");
	side(dl, "Old", d->old);
	side(dl, "New", d->new_);
	summary(header, d);
	xmlNodePtr legend = lp_html_el(header, "p", "legend");
	lp_html_text(legend, "Words ");
	lp_html_el_text(legend, "del", NULL, "struck through");
	lp_html_text(legend, " are in the old letter only; words ");
	lp_html_el_text(legend, "ins", NULL, "underlined");
	lp_html_text(legend, " are in the new letter only.");
	xmlNodePtr main = lp_html_el(body, "main", NULL);
	changes(main, d, kinds);
	pairs(main, d);
	xmlNodePtr foot = lp_html_el(body, "footer", NULL);
	lp_html_printf(foot, "Made by letterpipe %s.", lp_version());
	return lp_html_write(doc, out, err);
}
