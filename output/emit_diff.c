/*
 * emit_diff.c - write a diff's change list as text for a reader, or as
 * YAML for a program.
 *
 * The text follows `git diff --word-diff=plain`: a header per pair that
 * changed, and inside a changed passage the removed words [-like this-]
 * and the added ones {+like this+}, with a few shared words either side
 * and "..." for the rest.  With colour, the markers stay (so that colour
 * is never the only cue) and turn red and green.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "internal.h"
#include "walk.h"

/* Shared words shown either side of a change. */
#define CONTEXT 6
/* Words of an added or removed recommendation quoted in the text. */
#define QUOTE_WORDS 40

typedef struct style {
	const char *del, *ins, *head, *bold, *off;
} style;

static const style plain = { "", "", "", "", "" };
static const style ansi = { "\033[31m", "\033[32m", "\033[36m", "\033[1m",
			    "\033[m" };

/* ---- words ------------------------------------------------------------ */

/* Print words [from, to) of @w, a blank line and @indent where a new
 * paragraph starts. */
static void words(FILE *f, const lp_words *w, size_t from, size_t to,
		  const char *indent, bool *first)
{
	for (size_t i = from; i < to; i++) {
		if (!*first)
			fputs(w->para[i] ? "\n" : " ", f);
		if (!*first && w->para[i])
			fputs(indent, f);
		fwrite(w->s[i], 1, w->len[i], f);
		*first = false;
	}
}

static void elide(FILE *f, bool *first)
{
	fputs(*first ? "..." : " ...", f);
	*first = false;
}

/* The word diff of @a against @b, shared stretches cut to CONTEXT words
 * either side of a change. */
static void word_diff(FILE *f, const char *a, const char *b,
		      const char *indent, const style *st)
{
	lp_words wa, wb;
	lp_words_split(a, &wa);
	lp_words_split(b, &wb);
	lp_wd_run *runs;
	size_t n = lp_word_diff(&wa, &wb, &runs);
	bool first = true;
	fputs(indent, f);
	char last = 0;
	for (size_t k = 0; k < n; k++) {
		const lp_wd_run *r = &runs[k];
		if (r->op == '=') {
			size_t len = r->to - r->from;
			size_t head = k == 0 ? 0 : CONTEXT;
			size_t tail = k + 1 == n ? 0 : CONTEXT;
			last = '=';
			if (len <= head + tail) {
				words(f, &wa, r->from, r->to, indent, &first);
				continue;
			}
			words(f, &wa, r->from, r->from + head, indent, &first);
			elide(f, &first);
			words(f, &wa, r->to - tail, r->to, indent, &first);
			last = '=';
			continue;
		}
		const lp_words *w = r->op == '-' ? &wa : &wb;
		/* Added words follow removed ones with no space, as git
		 * writes them: [-old-]{+new+}. */
		fprintf(f, "%s%s%s", first || last == '-' ? "" : " ",
			r->op == '-' ? st->del : st->ins,
			r->op == '-' ? "[-" : "{+");
		bool inner = true;
		words(f, w, r->from, r->to, indent, &inner);
		fprintf(f, "%s%s", r->op == '-' ? "-]" : "+}", st->off);
		first = false;
		last = r->op;
	}
	fputc('\n', f);
	free(runs);
	lp_words_free(&wa);
	lp_words_free(&wb);
}

/* The first QUOTE_WORDS words of @text, on one line. */
static void quote(FILE *f, const char *text)
{
	lp_words w;
	lp_words_split(text, &w);
	for (size_t i = 0; i < w.n && i < QUOTE_WORDS; i++)
		fprintf(f, "%s%.*s", i ? " " : "", (int)w.len[i], w.s[i]);
	if (w.n > QUOTE_WORDS)
		fputs(" ...", f);
	lp_words_free(&w);
}

/* ---- numbers ------------------------------------------------------------ */

static const char *symbol(const char *currency)
{
	static const struct {
		const char *code, *sym;
	} table[] = { { "GBP", "£" }, { "USD", "$" }, { "EUR", "€" } };
	for (size_t i = 0; currency && i < sizeof table / sizeof *table; i++)
		if (strcmp(currency, table[i].code) == 0)
			return table[i].sym;
	return NULL;
}

void lp_amount_text(double v, const char *currency, bool sign, char *buf,
		    size_t n)
{
	/* In pence, so that rounding never leaves "100" of them. */
	long long cents = llround(fabs(v) * 100);
	char digits[64], grouped[96], *o = grouped;
	snprintf(digits, sizeof digits, "%lld", cents / 100);
	size_t len = strlen(digits);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	*o = '\0';
	char pence[8] = "";
	if (cents % 100)
		snprintf(pence, sizeof pence, ".%02lld", cents % 100);
	const char *sym = symbol(currency);
	snprintf(buf, n, "%s%s%s%s%s",
		 sign ? (v < 0 ? "-" : "+") : (v < 0 ? "-" : ""),
		 sym ? sym : currency && *currency ? currency : "",
		 !sym && currency && *currency ? " " : "", grouped, pence);
}

void lp_amount_change_text(double old, double new_, const char *currency,
			   char *buf, size_t n)
{
	char diff[128];
	lp_amount_text(new_ - old, currency, true, diff, sizeof diff);
	if (old != 0)
		snprintf(buf, n, " (%s, %+.1f%%)", diff,
			 (new_ - old) / old * 100.0);
	else
		snprintf(buf, n, " (%s)", diff);
}

void lp_shift_text(const lp_change *c, char *buf, size_t n)
{
	*buf = '\0';
	if (!c->shift_unit)
		return;
	long s = labs(c->shift);
	snprintf(buf, n, ", %ld %s %s", s,
		 s == 1 ? (c->shift_unit[0] == 'm' ? "month" : "day")
			: c->shift_unit,
		 c->shift >= 0 ? "later" : "earlier");
}

const char *lp_strength_name(int strength)
{
	return strength > 0 ? "strengthened" : strength < 0 ? "weakened"
							    : "changed";
}

/* ---- text --------------------------------------------------------------- */

static const char *pair_name(const lp_rpair *p, char *buf, size_t n)
{
	if (p->label)
		return p->label;
	snprintf(buf, n, "Pair %s", p->number ? p->number : "(unnumbered)");
	return buf;
}

static const lp_pair_match *match_of(const lp_diff *d, const lp_rpair *p)
{
	for (size_t k = 0; k < d->nmatches; k++)
		if (d->matches[k].new_pair == p)
			return &d->matches[k];
	return NULL;
}

static void pair_header(FILE *f, const lp_diff *d, const lp_change *c,
			const style *st)
{
	char buf[64];
	fprintf(f, "\n%s@@ ", st->head);
	if (!c->new_pair) {
		fprintf(f, "%s, removed", pair_name(c->old_pair, buf, sizeof buf));
	} else if (!c->old_pair) {
		fprintf(f, "%s, added", pair_name(c->new_pair, buf, sizeof buf));
	} else {
		fputs(pair_name(c->new_pair, buf, sizeof buf), f);
		if (c->old_pair->number && c->new_pair->number &&
		    strcmp(c->old_pair->number, c->new_pair->number) != 0)
			fprintf(f, " (was %s)", c->old_pair->number);
		const lp_pair_match *m = match_of(d, c->new_pair);
		static const char *const how[] = {
			[LP_MATCH_BOTH] = "number and text",
			[LP_MATCH_TEXT] = "text",
			[LP_MATCH_NUMBER] = "number",
		};
		if (m && (m->nold > 1 || m->nnew > 1))
			fprintf(f, ", answered together in the %s letter",
				m->nnew > 1 ? "old" : "new");
		if (m)
			fprintf(f, ", matched by %s (similarity %.2f)",
				how[m->method], m->score);
	}
	fprintf(f, " @@%s\n", st->off);
}

static void commitment_line(FILE *f, const lp_rcommit *c)
{
	fprintf(f, "\"%s\"", c->text ? c->text : "");
	if (c->actor || c->modality)
		fprintf(f, " (%s%s%s)", c->actor ? c->actor : "",
			c->actor && c->modality ? ", " : "",
			c->modality ? c->modality : "");
}

static void date_line(FILE *f, const lp_rdate *d)
{
	fprintf(f, "%s (%s)", d->text ? d->text : "",
		d->value ? d->value : "no date");
}

static void money_line(FILE *f, const lp_rmoney *m)
{
	fputs(m->text ? m->text : "", f);
	if (!m->has_amount)
		return;
	/* The value, unless the text already reads as it would. */
	char v[128];
	lp_amount_text(m->amount, m->currency, false, v, sizeof v);
	if (!m->text || strcmp(v, m->text) != 0)
		fprintf(f, " (%s)", v);
}

static void change_text(FILE *f, const lp_change *c, const style *st)
{
	const char *ind = "    ";
	char buf[192];
	fprintf(f, "  %s%s%s", st->bold, lp_change_kind_name(c->kind), st->off);
	if (c->section)
		fprintf(f, " in %s", c->section);
	switch (c->kind) {
	case LP_CH_PAIR_ADDED:
	case LP_CH_PAIR_REMOVED: {
		const lp_rpair *p = c->new_pair ? c->new_pair : c->old_pair;
		fprintf(f, ":%s\n%s", c->new_pair ? st->ins : st->del, ind);
		quote(f, *p->rec.text ? p->rec.text : p->resp.text);
		fprintf(f, "%s\n", st->off);
		break;
	}
	case LP_CH_TEXT_CHANGED:
		fputs(":\n", f);
		word_diff(f, c->old_text, c->new_text, ind, st);
		break;
	case LP_CH_STANCE_CHANGED:
		fprintf(f, ": %s[-%s-]%s%s{+%s+}%s\n", st->del,
			c->old_text ? c->old_text : "none", st->off, st->ins,
			c->new_text ? c->new_text : "none", st->off);
		break;
	case LP_CH_COMMITMENT_ADDED:
	case LP_CH_COMMITMENT_DROPPED: {
		bool added = c->kind == LP_CH_COMMITMENT_ADDED;
		fprintf(f, ":\n%s%s", ind, added ? st->ins : st->del);
		commitment_line(f, added ? c->new_commit : c->old_commit);
		fprintf(f, "%s\n", st->off);
		break;
	}
	case LP_CH_MODALITY_CHANGED:
		fprintf(f, ", %s: %s -> %s:\n", lp_strength_name(c->strength),
			c->old_commit->modality ? c->old_commit->modality
						: "none",
			c->new_commit->modality ? c->new_commit->modality
						: "none");
		word_diff(f, c->old_commit->text, c->new_commit->text, ind, st);
		break;
	case LP_CH_COMMITMENT_REWORDED:
		fputs(":\n", f);
		word_diff(f, c->old_commit->text, c->new_commit->text, ind, st);
		break;
	case LP_CH_DEADLINE_MOVED:
	case LP_CH_DATE_CHANGED:
		fputs(": ", f);
		date_line(f, c->old_date);
		fputs(" -> ", f);
		date_line(f, c->new_date);
		lp_shift_text(c, buf, sizeof buf);
		fprintf(f, "%s\n", buf);
		break;
	case LP_CH_AMOUNT_CHANGED:
		lp_amount_change_text(c->old_money->amount,
				      c->new_money->amount,
				      c->new_money->currency, buf, sizeof buf);
		fprintf(f, ": %s -> %s%s\n", c->old_money->text,
			c->new_money->text, buf);
		break;
	case LP_CH_MONEY_ADDED:
	case LP_CH_MONEY_DROPPED:
		fputs(": ", f);
		money_line(f, c->new_money ? c->new_money : c->old_money);
		fputc('\n', f);
		break;
	case LP_CH_DATE_ADDED:
	case LP_CH_DATE_DROPPED:
		fputs(": ", f);
		date_line(f, c->new_date ? c->new_date : c->old_date);
		fputc('\n', f);
		break;
	case LP_CH_KIND_COUNT:
		break;
	}
}

static void side_line(FILE *f, const char *mark, const lp_record *r,
		      const char *colour, const style *st)
{
	fprintf(f, "%s%s%s %s (", st->bold, colour, mark, r->path);
	if (r->date)
		fprintf(f, "%s, ", r->date);
	fprintf(f, "%zu pair%s)%s\n", r->npairs, r->npairs == 1 ? "" : "s",
		st->off);
}

static void summary_text(FILE *f, const lp_diff *d, const style *st)
{
	const lp_diff_summary *s = &d->summary;
	side_line(f, "---", d->old, st->del, st);
	side_line(f, "+++", d->new_, st->ins, st);
	fprintf(f, "pairs: %zu matched, %zu added, %zu removed\n",
		s->pairs_matched, s->pairs_added, s->pairs_removed);
	fprintf(f, "commitments: %zu kept", s->commits_kept);
	if (s->commits_reworded)
		fprintf(f, " (%zu reworded)", s->commits_reworded);
	fprintf(f, ", %zu added, %zu dropped\n", s->commits_added,
		s->commits_dropped);
	for (size_t k = 0; k < s->nmoney; k++) {
		const struct lp_money_total *t = &s->money[k];
		char old[128], new_[128], change[160] = "";
		lp_amount_text(t->old, t->currency, false, old, sizeof old);
		lp_amount_text(t->new_, t->currency, false, new_, sizeof new_);
		if (t->old != t->new_)
			lp_amount_change_text(t->old, t->new_, t->currency,
					      change, sizeof change);
		fprintf(f, "money named: %s -> %s%s\n", old, new_, change);
	}
	if (s->nmoney == 0)
		fputs("money named: none\n", f);
}

int lp_diff_emit_text(const lp_diff *d, lp_kind_set kinds, bool colour,
		      FILE *out, lp_error *err)
{
	if (lp_diff_count(d, kinds) == 0)
		return 0;
	const style *st = colour ? &ansi : &plain;
	summary_text(out, d, st);
	const lp_rpair *old_pair = NULL, *new_pair = NULL;
	bool started = false;
	for (size_t i = 0; i < d->nchanges; i++) {
		const lp_change *c = &d->changes[i];
		if (!((kinds >> c->kind) & 1))
			continue;
		if (!started || c->old_pair != old_pair ||
		    c->new_pair != new_pair)
			pair_header(out, d, c, st);
		started = true;
		old_pair = c->old_pair;
		new_pair = c->new_pair;
		change_text(out, c, st);
	}
	if (ferror(out))
		return lp_fail(err, LP_EIO, NULL, 0, -1, "write error");
	return 0;
}

/* ---- YAML --------------------------------------------------------------- */

typedef struct yw {
	lp_yaml_out *out;
	int rc;
} yw;

static void ev(yw *y, lp_event e)
{
	if (y->rc == 0)
		y->rc = lp_yaml_event(y->out, &e);
}

static void map(yw *y, const char *key, bool flow)
{
	ev(y, (lp_event){ .type = LP_EV_MAP, .key = key, .flow = flow });
}

static void list(yw *y, const char *key)
{
	ev(y, (lp_event){ .type = LP_EV_LIST, .key = key });
}

static void end(yw *y)
{
	ev(y, (lp_event){ .type = LP_EV_END });
}

static void put(yw *y, const char *key, const char *value, enum lp_val type)
{
	ev(y, (lp_event){ .type = LP_EV_SCALAR, .key = key,
			  .value = value ? value : "",
			  .vtype = value ? type : LP_VAL_NULL });
}

/* A string only when it has one. */
static void opt(yw *y, const char *key, const char *value)
{
	if (value)
		put(y, key, value, LP_VAL_STR);
}

static void num(yw *y, const char *key, double v, int decimals)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	put(y, key, buf, decimals ? LP_VAL_NUM : LP_VAL_INT);
}

static void amount(yw *y, const char *key, double v)
{
	num(y, key, v, v == floor(v) ? 0 : 2);
}

static void count(yw *y, const char *key, size_t v)
{
	num(y, key, (double)v, 0);
}

/* A pair number as parse writes it: an integer, a list [4, 5] for
 * recommendations answered together, or null. */
static void pair_number(yw *y, const char *key, const char *number)
{
	if (!number || !strchr(number, ',')) {
		bool digits = number && *number &&
			      strspn(number, "0123456789") == strlen(number);
		put(y, key, number, digits ? LP_VAL_INT : LP_VAL_STR);
		return;
	}
	ev(y, (lp_event){ .type = LP_EV_LIST, .key = key, .flow = true });
	for (const char *p = number; *p;) {
		size_t n = strcspn(p, ",");
		char *one = strndup(p, n);
		if (!one) {
			y->rc = -1;
			return;
		}
		bool digits = n && strspn(one, "0123456789") == n;
		put(y, NULL, one, digits ? LP_VAL_INT : LP_VAL_STR);
		free(one);
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	end(y);
}

static void side(yw *y, const char *key, const lp_record *r)
{
	map(y, key, false);
	put(y, "path", r->path, LP_VAL_STR);
	put(y, "date", r->date, LP_VAL_DATE);
	put(y, "reference", r->reference, LP_VAL_STR);
	count(y, "pairs", r->npairs);
	end(y);
}

static void summary_yaml(yw *y, const lp_diff_summary *s)
{
	map(y, "summary", false);
	map(y, "pairs", true);
	count(y, "matched", s->pairs_matched);
	count(y, "added", s->pairs_added);
	count(y, "removed", s->pairs_removed);
	end(y);
	map(y, "commitments", true);
	count(y, "kept", s->commits_kept);
	count(y, "reworded", s->commits_reworded);
	count(y, "added", s->commits_added);
	count(y, "dropped", s->commits_dropped);
	end(y);
	list(y, "money");
	for (size_t k = 0; k < s->nmoney; k++) {
		const struct lp_money_total *t = &s->money[k];
		map(y, NULL, true);
		put(y, "currency", *t->currency ? t->currency : NULL,
		    LP_VAL_STR);
		amount(y, "old", t->old);
		amount(y, "new", t->new_);
		amount(y, "difference", t->new_ - t->old);
		end(y);
	}
	end(y);
	end(y);
}

static void matches_yaml(yw *y, const lp_diff *d)
{
	list(y, "matches");
	for (size_t k = 0; k < d->nmatches; k++) {
		const lp_pair_match *m = &d->matches[k];
		map(y, NULL, true);
		pair_number(y, "old", m->old_pair->number);
		pair_number(y, "new", m->new_pair->number);
		put(y, "method", lp_match_method_name(m->method), LP_VAL_STR);
		num(y, "score", m->score, 2);
		/* Which letter answered the recommendations together. */
		if (m->nold > 1 || m->nnew > 1)
			put(y, "together", m->nnew > 1 ? "old" : "new",
			    LP_VAL_STR);
		end(y);
	}
	end(y);
}

static void commitment_yaml(yw *y, const char *key, const lp_rcommit *c)
{
	map(y, key, false);
	put(y, "text", c->text, LP_VAL_STR);
	opt(y, "actor", c->actor);
	opt(y, "modality", c->modality);
	if (c->deadline || c->deadline_value) {
		map(y, "deadline", true);
		opt(y, "text", c->deadline);
		opt(y, "value", c->deadline_value);
		end(y);
	}
	end(y);
}

static void money_yaml(yw *y, const char *key, const lp_rmoney *m)
{
	map(y, key, true);
	put(y, "text", m->text, LP_VAL_STR);
	if (m->has_amount)
		amount(y, "amount", m->amount);
	opt(y, "currency", m->currency);
	opt(y, "qualifier", m->qualifier);
	opt(y, "status", m->status);
	opt(y, "period", m->period);
	end(y);
}

static void date_yaml(yw *y, const char *key, const lp_rdate *d)
{
	map(y, key, true);
	put(y, "text", d->text, LP_VAL_STR);
	put(y, "value", d->value, LP_VAL_STR);
	opt(y, "kind", d->kind);
	if (d->deadline)
		put(y, "deadline", "true", LP_VAL_BOOL);
	end(y);
}

static void pair_yaml(yw *y, const char *key, const lp_rpair *p)
{
	map(y, key, false);
	pair_number(y, "number", p->number);
	opt(y, "label", p->label);
	opt(y, "stance", p->stance);
	put(y, "recommendation", p->rec.text, LP_VAL_TEXT);
	put(y, "response", p->resp.text, LP_VAL_TEXT);
	end(y);
}

/* The word diff as one string, as the text output shows it. */
static void diff_string(yw *y, const char *a, const char *b)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	if (!f) {
		y->rc = -1;
		return;
	}
	word_diff(f, a, b, "", &plain);
	fclose(f);
	if (len && s[len - 1] == '\n')
		s[len - 1] = '\0';
	put(y, "diff", s, LP_VAL_TEXT);
	free(s);
}

static void change_yaml(yw *y, const lp_change *c)
{
	map(y, NULL, false);
	if (c->new_pair)
		pair_number(y, "pair", c->new_pair->number);
	if (c->old_pair && (!c->new_pair ||
			    !c->old_pair->number != !c->new_pair->number ||
			    (c->old_pair->number &&
			     strcmp(c->old_pair->number,
				    c->new_pair->number) != 0)))
		pair_number(y, "old_pair", c->old_pair->number);
	put(y, "kind", lp_change_kind_name(c->kind), LP_VAL_STR);
	opt(y, "section", c->section);
	switch (c->kind) {
	case LP_CH_PAIR_ADDED:
		pair_yaml(y, "new", c->new_pair);
		break;
	case LP_CH_PAIR_REMOVED:
		pair_yaml(y, "old", c->old_pair);
		break;
	case LP_CH_TEXT_CHANGED:
		put(y, "old", c->old_text, LP_VAL_TEXT);
		put(y, "new", c->new_text, LP_VAL_TEXT);
		diff_string(y, c->old_text, c->new_text);
		break;
	case LP_CH_STANCE_CHANGED:
		put(y, "old", c->old_text, LP_VAL_STR);
		put(y, "new", c->new_text, LP_VAL_STR);
		break;
	case LP_CH_COMMITMENT_ADDED:
		commitment_yaml(y, "new", c->new_commit);
		break;
	case LP_CH_COMMITMENT_DROPPED:
		commitment_yaml(y, "old", c->old_commit);
		break;
	case LP_CH_MODALITY_CHANGED:
	case LP_CH_COMMITMENT_REWORDED:
		commitment_yaml(y, "old", c->old_commit);
		commitment_yaml(y, "new", c->new_commit);
		if (c->kind == LP_CH_MODALITY_CHANGED)
			put(y, "direction", lp_strength_name(c->strength),
			    LP_VAL_STR);
		diff_string(y, c->old_commit->text, c->new_commit->text);
		break;
	case LP_CH_DEADLINE_MOVED:
	case LP_CH_DATE_CHANGED:
		date_yaml(y, "old", c->old_date);
		date_yaml(y, "new", c->new_date);
		if (c->shift_unit) {
			map(y, "shift", true);
			num(y, c->shift_unit, (double)c->shift, 0);
			end(y);
		}
		break;
	case LP_CH_AMOUNT_CHANGED: {
		double o = c->old_money->amount, n = c->new_money->amount;
		money_yaml(y, "old", c->old_money);
		money_yaml(y, "new", c->new_money);
		amount(y, "difference", n - o);
		if (o != 0)
			num(y, "percent", (n - o) / o * 100.0, 1);
		break;
	}
	case LP_CH_MONEY_ADDED:
		money_yaml(y, "new", c->new_money);
		break;
	case LP_CH_MONEY_DROPPED:
		money_yaml(y, "old", c->old_money);
		break;
	case LP_CH_DATE_ADDED:
		date_yaml(y, "new", c->new_date);
		break;
	case LP_CH_DATE_DROPPED:
		date_yaml(y, "old", c->old_date);
		break;
	case LP_CH_KIND_COUNT:
		break;
	}
	end(y);
}

int lp_diff_emit_yaml(const lp_diff *d, lp_kind_set kinds, FILE *out,
		      lp_error *err)
{
	yw y = { .out = lp_yaml_open(out) };
	if (!y.out)
		return lp_fail(err, LP_ENOMEM, NULL, 0, -1,
			       "cannot start the YAML emitter");
	y.rc = lp_yaml_document(y.out, true, true);
	map(&y, NULL, false);
	put(&y, "schema", "letterpipe-diff/1", LP_VAL_STR);
	side(&y, "old", d->old);
	side(&y, "new", d->new_);
	summary_yaml(&y, &d->summary);
	matches_yaml(&y, d);
	list(&y, "changes");
	for (size_t i = 0; i < d->nchanges; i++)
		if ((kinds >> d->changes[i].kind) & 1)
			change_yaml(&y, &d->changes[i]);
	end(&y);
	end(&y);
	if (y.rc == 0)
		y.rc = lp_yaml_document(y.out, false, true);
	return lp_yaml_close(y.out, y.rc, err);
}
