/*
 * extract_commitments.c - what the responder undertakes to do, and the
 * stance a response takes.
 *
 * A commitment is found by its modal phrase: rules commitment.<modality>
 * in grammars/commitments.yaml ("will continue to", "intends to", "is due
 * to").  The actor is the subject of that clause, read from the words
 * before the modal; a relative pronoun ("which will be published") takes
 * the subject of its sentence.  One entry is made per committing clause:
 * "will provide ... and will be responsible" is one undertaking.  A
 * modal that opens a list ("Instead, the Department will:") makes one
 * of each item that follows it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract.h"

typedef struct modal {
	size_t start, end; /* the modal phrase */
	const lp_rule *rule;
	bool has_actor;    /* the rule named the actor ("asked TfL to") */
	size_t actor_s, actor_e;
} modal;

static int by_start(const void *pa, const void *pb)
{
	const modal *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	size_t la = a->end - a->start, lb = b->end - b->start;
	return la > lb ? -1 : la < lb;
}

/* Every modal phrase in sentence [@a, @e), longest first where they
 * overlap, in order: the commitment.* rules' matches, and in reported
 * speech the reported.* rules' too (there "would" undertakes as "will"
 * does). */
static int find_modals(lp_xctx *x, size_t a, size_t e, bool reported,
		       modal **out, size_t *nout)
{
	size_t n = 0, cap = 8;
	modal *v = lp_xmalloc(cap * sizeof *v);
	const lp_rule *const *rules, *const *said;
	size_t nrules = lp_rule_family(x->g, "commitment.", &rules);
	size_t nreported = reported ? lp_rule_family(x->g, "reported.", &said) : 0;
	for (size_t k = 0; k < nrules + nreported; k++) {
		const lp_rule *r = k < nrules ? rules[k] : said[k - nrules];
		/* Asked of the whole section, so that one look serves all
		 * its sentences. */
		if (!lp_rule_may_match(r, x->doc->fold, x->sec_a, x->sec_e,
				       x->m))
			continue;
		for (size_t from = a; from < e;) {
			int rc = lp_rule_find(r, x->doc->fold, e, from, x->m,
					      x->err);
			if (rc < 0) {
				free(v);
				return rc;
			}
			if (!rc)
				break;
			modal md = { x->m->start, x->m->end, r, false, 0, 0 };
			md.has_actor = lp_match_group(x->m, "actor", &md.actor_s,
						      &md.actor_e);
			from = x->m->end > from ? x->m->end : from + 1;
			if (n == cap) {
				cap *= 2;
				v = lp_xrealloc(v, cap * sizeof *v);
			}
			v[n++] = md;
		}
	}
	if (n)
		qsort(v, n, sizeof *v, by_start);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (w == 0 || v[i].start >= v[w - 1].end)
			v[w++] = v[i];
	*out = v;
	*nout = w;
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n';
}

/* Trim spaces and commas from both ends of fold range [*a, *e). */
static void trim(const char *f, size_t *a, size_t *e)
{
	while (*a < *e && (is_space(f[*a]) || f[*a] == ','))
		(*a)++;
	while (*e > *a && (is_space(f[*e - 1]) || f[*e - 1] == ','))
		(*e)--;
}

/* Does fold range [a, e) start with the word @w (any case)? */
static bool starts_word(const char *f, size_t a, size_t e, const char *w)
{
	size_t n = strlen(w);
	return e - a >= n && strncasecmp(f + a, w, n) == 0 &&
	       (e - a == n || !isalnum((unsigned char)f[a + n]));
}

static size_t skip_word(const char *f, size_t a, size_t e)
{
	while (a < e && !is_space(f[a]))
		a++;
	while (a < e && is_space(f[a]))
		a++;
	return a;
}

/* Is the comma at @i between two capitalised words of one name,
 * with the name going on to the modal ("Culture, Leisure and Libraries
 * will")? */
static bool in_title(const char *f, size_t from, size_t i, size_t at)
{
	size_t w = i;
	while (w > from && isalpha((unsigned char)f[w - 1]))
		w--;
	if (w == i || !isupper((unsigned char)f[w]))
		return false;
	size_t n = i + 1;
	while (n < at && f[n] == ' ')
		n++;
	if (n >= at || !isupper((unsigned char)f[n]))
		return false;
	/* Up to the modal, only words of a name: capitals and "and", "of",
	 * "for", "the". */
	for (size_t k = n; k < at;) {
		while (k < at && f[k] == ' ')
			k++;
		size_t e = k;
		while (e < at && f[e] != ' ')
			e++;
		static const char *const small[] = { "and", "of", "for", "the" };
		bool ok = e == k || isupper((unsigned char)f[k]);
		for (size_t w2 = 0; !ok && w2 < 4; w2++)
			ok = e - k == strlen(small[w2]) &&
			     strncmp(f + k, small[w2], e - k) == 0;
		if (!ok)
			return false;
		k = e;
	}
	return true;
}

/* Where the clause that ends at @at begins: after the last comma,
 * semicolon, colon or bracket since @from, or, after an earlier modal in
 * the sentence, after "and"/"but" when a new subject follows ("and we
 * will continue", "and the GLA will publish").  *found says whether any
 * such boundary was there. */
static size_t clause_start(lp_xctx *x, size_t from, size_t at,
			   bool after_modal, bool *found)
{
	const char *f = x->doc->fold;
	size_t s = from;
	*found = false;
	for (size_t i = from; i < at; i++) {
		/* Not the comma in "£500,000", nor in a name such as "the
		 * Cabinet Member for Culture, Leisure and Libraries". */
		bool in_number = f[i] == ',' && i > from &&
				 isdigit((unsigned char)f[i - 1]) &&
				 isdigit((unsigned char)f[i + 1]);
		bool in_name = f[i] == ',' && in_title(f, from, i, at);
		if ((f[i] == ',' || f[i] == ';' || f[i] == ':' || f[i] == '(' ||
		     f[i] == ')') && !in_number && !in_name) {
			s = i + 1;
			*found = true;
		}
	}
	const lp_rule *r = lp_rule_get(x->g, "actor.clause-start");
	for (size_t i = s; after_modal && r && i < at; i++) {
		if (i > s && f[i - 1] != ' ')
			continue;
		lp_error e;
		size_t ps, pe;
		if (lp_rule_at(r, f, at, i, x->m, &e) == 1 &&
		    lp_match_group(x->m, "rest", &ps, &pe)) {
			s = ps;
			*found = true;
			break; /* "and my Deputy Mayor for Culture and the ..." */
		}
	}
	while (s < at && is_space(f[s]))
		s++;
	return s;
}

/* The subject of the sentence that starts at @a: the words before its
 * first verb ("MOPAC's Evidence and Insight team" is conducting). */
static bool sentence_subject(lp_xctx *x, size_t a, size_t e, size_t *sa,
			     size_t *se)
{
	const lp_rule *r = lp_rule_get(x->g, "actor.subject");
	lp_error err;
	/* Past an opening phrase ("In addition, we plan"): try after each
	 * of the first two commas too. */
	for (int tries = 0; r && tries < 3 && a < e; tries++) {
		if (lp_rule_at(r, x->doc->fold, e, a, x->m, &err) == 1 &&
		    lp_match_group(x->m, "subject", sa, se)) {
			trim(x->doc->fold, sa, se);
			if (*se > *sa)
				return true;
		}
		while (a < e && x->doc->fold[a] != ',')
			a++;
		a++;
	}
	return false;
}

/* The last few words before fold offset @at, back to a comma: what a
 * relative pronoun refers to when the sentence has no plain subject. */
static void words_before(lp_xctx *x, size_t from, size_t at, size_t *sa,
			 size_t *se)
{
	const char *f = x->doc->fold;
	size_t e = at;
	while (e > from && (is_space(f[e - 1]) || f[e - 1] == ','))
		e--;
	size_t s = e;
	for (int w = 0; s > from && w < 4; w++) {
		while (s > from && !is_space(f[s - 1]) && f[s - 1] != ',')
			s--;
		if (s == from || f[s - 1] == ',')
			break;
		while (s > from && is_space(f[s - 1]))
			s--;
	}
	while (s < e && is_space(f[s]))
		s++;
	*sa = s;
	*se = e;
}

/* A personal pronoun that @rule finds in [@a, @e), at @a itself when
 * @at_start: the actor. */
static bool pronoun(lp_xctx *x, const char *rule, bool at_start, size_t a,
		    size_t e, size_t *xa, size_t *xe)
{
	const lp_rule *r = lp_rule_get(x->g, rule);
	lp_error err;
	return r &&
	       (at_start ? lp_rule_at(r, x->doc->fold, e, a, x->m, &err)
			 : lp_rule_find(r, x->doc->fold, e, a, x->m, &err)) ==
		       1 &&
	       lp_match_group(x->m, "pronoun", xa, xe);
}

/* The actor of the modal at @md, from the clause [cs, md->start) in the
 * sentence [a, e). */
static void actor_of(lp_xctx *x, const modal *md, size_t cs, size_t a,
		     size_t e, size_t *xa, size_t *xe)
{
	const char *f = x->doc->fold;
	if (md->has_actor) {
		*xa = md->actor_s;
		*xe = md->actor_e;
		return;
	}
	size_t s = cs, t = md->start;
	trim(f, &s, &t);
	static const char *const lead[] = { "and", "but", "so", "then",
					    "also", "however" };
	for (size_t k = 0; k < sizeof lead / sizeof *lead; k++)
		if (starts_word(f, s, t, lead[k]))
			s = skip_word(f, s, t);
	/* "X has begun a review and intends to": the subject of the
	 * sentence does both. */
	static const char *const coord[] = { " and", " but", " or" };
	for (size_t k = 0; k < 3; k++) {
		size_t n = strlen(coord[k]);
		if (t - s > n && strncasecmp(f + t - n, coord[k], n) == 0 &&
		    (sentence_subject(x, a, e, xa, xe) ||
		     pronoun(x, "actor.pronoun-first", true, a, e, xa, xe)))
			return;
	}
	if (pronoun(x, "actor.pronoun-last", false, s, t, xa, xe))
		return;
	/* "which MOPAC will ensure": the noun after the pronoun; "which
	 * will be published": the sentence's subject. */
	static const char *const relative[] = { "which", "that", "who" };
	for (size_t k = 0; k < 3; k++)
		if (starts_word(f, s, t, relative[k])) {
			size_t pronoun = s;
			s = skip_word(f, s, t);
			if (s < t)
				break;
			if (!sentence_subject(x, a, e, xa, xe))
				words_before(x, a, pronoun, xa, xe);
			return;
		}
	/* In minutes, "The Cabinet Member advised that the Council would":
	 * the subject of what was said. */
	const lp_rule *said = lp_rule_get(x->g, "actor.after-reporting");
	size_t rs, re;
	lp_error err;
	if (said && strncmp(lp_rule_name(md->rule), "reported.", 9) == 0 &&
	    lp_rule_find(said, f, t, s, x->m, &err) == 1 &&
	    lp_match_group(x->m, "rest", &rs, &re))
		s = rs;
	/* "An examination of X where ... is due to be": cut at a relative
	 * word inside the subject. */
	static const char *const inner[] = { " where ", " which ", " who ",
					     " that " };
	for (size_t k = 0; k < 4; k++)
		for (size_t i = s; i + strlen(inner[k]) <= t; i++)
			if (f[i] == ' ' && /* as each word starts */
			    strncasecmp(f + i, inner[k], strlen(inner[k])) == 0) {
				t = i;
				break;
			}
	if (t <= s && !sentence_subject(x, a, e, &s, &t))
		s = t = md->start;
	*xa = s;
	*xe = t;
}

/* "I" and "we" are the sender's side, where the letter says who that
 * is: its role, else its name. */
static const char *resolve(lp_xctx *x, const char *actor)
{
	const lp_rule *r = lp_rule_get(x->g, "actor.first-person");
	lp_error e;
	if (!r || lp_rule_at(r, actor, strlen(actor), 0, x->m, &e) != 1)
		return NULL;
	const lp_letter *lt = &x->doc->letter;
	return lt->sender_role ? lt->sender_role : lt->sender_name;
}

/* Does @actor name someone or something, rather than point back to it
 * ("it", "this", "they": rule actor.pointing)? */
static bool named(lp_xctx *x, const char *actor)
{
	const lp_rule *r = lp_rule_get(x->g, "actor.pointing");
	lp_error e;
	return *actor &&
	       (!r || lp_rule_at(r, actor, strlen(actor), 0, x->m, &e) != 1);
}

/* A section's entities of one kind, in text order, to link commitments
 * to without scanning every span for each one. */
typedef struct entity_index {
	int *v;
	size_t n;
} entity_index;

static entity_index collect(lp_xctx *x, int section, enum lp_span_kind kind)
{
	entity_index ix = { lp_xmalloc((x->doc->nspans + 1) * sizeof(int)), 0 };
	for (size_t i = (size_t)section + 1; i < x->doc->nspans; i++)
		if (x->doc->spans[i].parent == section &&
		    x->doc->spans[i].kind == kind)
			ix.v[ix.n++] = (int)i;
	return ix;
}

/* The first entity of @ix inside text range [ta, te) (with attribute
 * @attr set, unless @attr is NULL), or -1.  Extraction adds a kind's
 * entities in text order, so a binary search finds where to look. */
static int entity_in(lp_xctx *x, const entity_index *ix, size_t ta, size_t te,
		     const char *attr)
{
	size_t lo = 0, hi = ix->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (x->doc->spans[ix->v[mid]].start < ta)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < ix->n; k++) {
		const lp_span *sp = &x->doc->spans[ix->v[k]];
		if (sp->start >= te)
			break;
		if (sp->end <= te && (!attr || lp_span_attr(sp, attr)))
			return ix->v[k];
	}
	return -1;
}

static const char *span_text(lp_xctx *x, int i)
{
	const lp_span *sp = &x->doc->spans[i];
	return lp_arena_strndup(x->doc->arena, x->doc->text + sp->start,
				sp->end - sp->start);
}

/* Link commitment @c to the first deadline and amount within its own
 * clause. */
static void link(lp_xctx *x, int c, const entity_index *dates, const entity_index *money)
{
	size_t ta = x->doc->spans[c].start, te = x->doc->spans[c].end;
	/* A date the clause gives as a deadline ("by March") comes first. */
	int d = entity_in(x, dates, ta, te, "deadline");
	if (d < 0)
		d = entity_in(x, dates, ta, te, NULL);
	if (d >= 0 && lp_span_attr(&x->doc->spans[d], "value")) {
		lp_span_set(x->doc, c, "deadline_text", span_text(x, d));
		lp_span_set(x->doc, c, "deadline_value",
			    lp_span_attr(&x->doc->spans[d], "value"));
	}
	int m = entity_in(x, money, ta, te, NULL);
	if (m >= 0) {
		lp_span_set(x->doc, c, "amount_text", span_text(x, m));
		lp_span_set(x->doc, c, "amount_value",
			    lp_span_attr(&x->doc->spans[m], "amount"));
	}
}

/* "From 1 April 2026 every property will be inspected": a date that
 * opens the actor, with at most its preposition before it, is when,
 * not who.  The actor starts after it. */
static void skip_opening_date(lp_xctx *x, const entity_index *dates,
			      size_t *xa, size_t xe)
{
	const char *f = x->doc->fold;
	size_t ta = lp_fold_to_text(x->doc, *xa), te = lp_fold_to_text(x->doc, xe);
	int d = entity_in(x, dates, ta, te, NULL);
	if (d < 0)
		return;
	size_t ds = lp_text_to_fold(x->doc, x->doc->spans[d].start);
	size_t de = lp_text_to_fold(x->doc, x->doc->spans[d].end);
	/* One word at most before the date: "From", "In", "By". */
	size_t words = 0;
	for (size_t i = *xa; i < ds; i++)
		words += is_space(f[i]);
	if (words > 1 || de >= xe)
		return;
	while (de < xe && (is_space(f[de]) || f[de] == ','))
		de++;
	if (de < xe)
		*xa = de;
}

/* Is modal @md vetoed by a rule that holds for its modality alone?  A
 * relative clause describes a thing ("a programme which aims to
 * support", "the rates that signatories have agreed to pay"); a
 * condition's "is to" says what must happen ("if we are to meet net
 * zero").  1, 0 or an error. */
static int modality_vetoed(lp_xctx *x, const modal *md)
{
	static const struct {
		const char *modality, *veto;
		size_t window;
	} vetoes[] = {
		{ ".aims", "commitment-not.relative", 12 },
		{ ".agreed", "commitment-not.relative", 12 },
		{ ".agreed", "commitment-not.relative-that", 60 },
		{ ".is-to", "commitment-not.if-clause", 60 },
	};
	const char *name = lp_rule_name(md->rule);
	for (size_t k = 0; k < sizeof vetoes / sizeof *vetoes; k++) {
		if (!strstr(name, vetoes[k].modality))
			continue;
		int rc = lp_match_before(x, vetoes[k].veto, md->start,
					 vetoes[k].window);
		if (rc)
			return rc;
	}
	return 0;
}

/* Sentence [@a, @e) of @section: a commitment of each committing
 * clause.  *@lead is set to the last of them when its modal ends the
 * sentence on a colon, opening a list ("the Department will:"), else
 * to -1. */
static int sentence(lp_xctx *x, int section, size_t a, size_t e,
		    bool reported, const entity_index *dates,
		    const entity_index *money, int *lead)
{
	*lead = -1;
	modal *v;
	size_t n;
	int rc = find_modals(x, a, e, reported, &v, &n);
	if (rc < 0)
		return rc;
	const char *f = x->doc->fold;
	int prev = -1;
	size_t prev_end = a, first = x->doc->nspans;
	for (size_t i = 0; i < n; i++) {
		modal *md = &v[i];
		/* Predictions are not undertakings: "the epidemic will
		 * continue until ...", "demand will continue to grow". */
		if ((rc = lp_match_after(x, "commitment-not.prediction",
					 md->start, e)) < 0)
			break;
		if (rc)
			continue;
		/* Nor is what "no one" or "money alone" will do. */
		if ((rc = lp_match_before(x, "commitment-not.subject",
					  md->start, 32)) < 0)
			break;
		if (rc)
			continue;
		bool boundary;
		size_t cs = clause_start(x, prev_end, md->start, prev >= 0,
					 &boundary);
		/* "will review the plans, and will publish a summary": a
		 * second undertaking by the same subject.  But "will ask
		 * landlords to set out how homes will be offered" goes on
		 * with the same clause: one undertaking. */
		bool coordinated = false;
		if (prev >= 0 && !md->has_actor) {
			if ((rc = lp_match_before(x, "actor.coordinated",
						  md->start, 16)) < 0)
				break;
			if (rc && x->m->start >= prev_end) {
				coordinated = true;
				cs = x->m->start;
				while (cs < md->start && is_space(f[cs]))
					cs++;
			} else if (!boundary) {
				prev_end = md->end;
				continue;
			}
		}
		/* "must show that there will be ...": a modal inside the
		 * complement of another verb is not the writer's promise. */
		if ((rc = lp_match_before(x, "commitment-not.complement",
					  md->start, 80)) < 0)
			break;
		if (rc && x->m->start >= cs)
			continue;
		/* "If the pilot succeeds, I will ...": an offer on a
		 * condition that opens the sentence. */
		if ((rc = lp_match_before(x, "commitment-not.conditional",
					  md->start, 200)) < 0)
			break;
		if (rc && x->m->start >= a)
			continue;
		/* "certainty about what will follow": a modal inside an
		 * embedded question names a thing, it promises nothing,
		 * even where the question's subject reads as a new clause
		 * ("will say how City Hall and the boroughs will share"). */
		if ((rc = lp_match_before(x, "commitment-not.embedded",
					  md->start, 60)) < 0)
			break;
		if (rc && x->m->start >= (prev >= 0 ? prev_end : cs))
			continue;
		/* A modal straight after a parenthetical comma ("The
		 * guidance, which ..., will be published"): the clause is
		 * the sentence. */
		if (cs == md->start && prev < 0)
			cs = a;
		size_t xa, xe;
		actor_of(x, md, cs, a, e, &xa, &xe);
		if (!md->has_actor)
			skip_opening_date(x, dates, &xa, xe);
		const char *actor =
			coordinated ? lp_span_attr(&x->doc->spans[prev], "actor")
				    : lp_arena_strndup(x->doc->arena,
						       x->doc->text +
							       lp_fold_to_text(x->doc, xa),
						       lp_fold_to_text(x->doc, xe) -
							       lp_fold_to_text(x->doc, xa));
		if ((rc = modality_vetoed(x, md)) < 0)
			break;
		if (rc)
			continue;
		if (prev >= 0) {
			/* The previous commitment ends where this clause
			 * starts. */
			size_t pe = cs;
			while (pe > 0 && (is_space(f[pe - 1]) || strchr(",;:", f[pe - 1])))
				pe--;
			if (pe >= 3 && strncasecmp(f + pe - 3, "and", 3) == 0)
				pe -= 3;
			while (pe > 0 && (is_space(f[pe - 1]) || strchr(",;:", f[pe - 1])))
				pe--;
			x->doc->spans[prev].end = lp_fold_to_text(x->doc, pe);
		}
		size_t end = e;
		while (end > cs && is_space(f[end - 1]))
			end--;
		bool colon = end > cs && f[end - 1] == ':';
		while (end > cs && strchr(" .;:", f[end - 1]))
			end--;
		int c = lp_add_entity(x, LP_SPAN_COMMITMENT, cs, end, md->rule,
				      section);
		/* "The Department will:" undertakes each item of the list
		 * after it; "The review is considering:" lists its topics. */
		if (colon && md->end >= end &&
		    !strstr(lp_rule_name(md->rule), ".exploring") &&
		    !strstr(lp_rule_name(md->rule), ".will-consider"))
			*lead = c;
		lp_span_set(x->doc, c, "actor", actor);
		const char *resolved = resolve(x, actor);
		/* "TfL will publish ..., and in April it will add ...": "it"
		 * is who undertook before it in the sentence, when that is
		 * named ("we will publish a plan and it will ..." is the
		 * plan). */
		if (!resolved && prev >= 0 && strcasecmp(actor, "it") == 0) {
			const lp_span *p = &x->doc->spans[prev];
			const char *before = lp_span_attr(p, "actor");
			if (!lp_span_attr(p, "actor_resolved") &&
			    named(x, before))
				resolved = before;
		}
		if (resolved)
			lp_span_set(x->doc, c, "actor_resolved", resolved);
		lp_span_set(x->doc, c, "modality",
			    strchr(lp_rule_name(md->rule), '.') + 1);
		prev = c;
		prev_end = md->end;
	}
	free(v);
	/* Clauses have their final extent now: link each to its dates and
	 * money. */
	for (size_t i = first; rc >= 0 && i < x->doc->nspans; i++)
		if (x->doc->spans[i].kind == LP_SPAN_COMMITMENT &&
		    x->doc->spans[i].parent == section)
			link(x, (int)i, dates, money);
	return rc < 0 ? rc : 0;
}

static size_t paragraph_end(const char *f, size_t a, size_t e);

/* The length of a list item's number or bullet at @a ("(ii) ", "3. ",
 * "b) ", "• " in a table's cell), or 0. */
static size_t enumerator(const char *f, size_t a, size_t e)
{
	if (e - a > 4 && memcmp(f + a, "\xE2\x80\xA2 ", 4) == 0)
		return 4;
	if (e - a > 2 && strchr("-*", f[a]) && f[a + 1] == ' ')
		return 2;
	size_t k = a + (a < e && f[a] == '(');
	size_t n = 0;
	while (k + n < e && n < 4 && isalnum((unsigned char)f[k + n]))
		n++;
	k += n;
	if (n == 0 || k + 1 >= e || !strchr(").", f[k]) || f[k + 1] != ' ' ||
	    (f[k] == '.' && f[a] == '('))
		return 0;
	return k + 2 - a;
}

/* Where the list that starts at @a ends: its paragraph, and those after
 * it that go on as items do, in lower case or numbered ("(ii) report
 * ..."). */
static size_t list_end(const char *f, size_t a, size_t e)
{
	size_t end = paragraph_end(f, a, e);
	while (end + 2 < e) {
		size_t next = end + 2, k = next + enumerator(f, next, e);
		if (!islower((unsigned char)f[k]) ||
		    (k == next && !islower((unsigned char)f[a])))
			break;
		end = paragraph_end(f, next, e);
	}
	return end;
}

/* An item [@a, @e) of the list that commitment @lead opens, with no
 * modal of its own: undertaken by @lead's actor, as @lead says.  The
 * first item takes @lead's place, which said only who would act. */
static void list_item(lp_xctx *x, int section, int lead, bool first,
		      size_t a, size_t e, const entity_index *dates,
		      const entity_index *money)
{
	const char *f = x->doc->fold;
	while (a < e && is_space(f[a]))
		a++;
	a += enumerator(f, a, e);
	/* "...later this year; and": the list's joints are not the
	 * item's. */
	for (size_t was = 0; was != e;) {
		was = e;
		while (e > a && (is_space(f[e - 1]) || strchr(".;,", f[e - 1])))
			e--;
		if (e - a > 4 && strncasecmp(f + e - 4, " and", 4) == 0)
			e -= 4;
		else if (e - a > 3 && strncasecmp(f + e - 3, " or", 3) == 0)
			e -= 3;
	}
	if (e <= a)
		return;
	int c = lead;
	if (first) {
		x->doc->spans[c].start = lp_fold_to_text(x->doc, a);
		x->doc->spans[c].end = lp_fold_to_text(x->doc, e);
	} else {
		const lp_span *l = &x->doc->spans[lead];
		c = lp_doc_add_span(x->doc, LP_SPAN_COMMITMENT,
				    lp_fold_to_text(x->doc, a),
				    lp_fold_to_text(x->doc, e), l->rule, section);
		static const char *const keys[] = { "actor", "actor_resolved",
						    "modality" };
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			const char *v = lp_span_attr(&x->doc->spans[lead],
						     keys[k]);
			if (v)
				lp_span_set(x->doc, c, keys[k], v);
		}
	}
	link(x, c, dates, money);
}

int lp_extract_commitments(lp_xctx *x, int section, size_t a, size_t e)
{
	lp_range *s;
	size_t n = lp_sentences(x, a, e, &s);
	entity_index dates = collect(x, section, LP_SPAN_DATE);
	entity_index money = collect(x, section, LP_SPAN_MONEY);
	int rc = lp_reported_speech(x);
	bool reported = rc > 0;
	int lead = -1;
	size_t items_end = 0;
	bool first = true;
	for (size_t i = 0; rc >= 0 && i < n; i++) {
		size_t before = x->doc->nspans;
		int opens;
		rc = sentence(x, section, s[i].start, s[i].end, reported, &dates,
			      &money, &opens);
		/* An item of the list a commitment opened, the paragraph
		 * after it, that undertakes nothing in its own words. */
		if (rc >= 0 && lead >= 0 && s[i].start < items_end) {
			if (x->doc->nspans == before)
				list_item(x, section, lead, first, s[i].start,
					  s[i].end, &dates, &money);
			first = false;
			continue;
		}
		lead = opens;
		first = true;
		if (lead >= 0 && i + 1 < n)
			items_end = list_end(x->doc->fold, s[i + 1].start, e);
	}
	rc = rc < 0 ? rc : 0;
	free(dates.v);
	free(money.v);
	free(s);
	return rc;
}

/* The end of the paragraph that starts at @a, before @e. */
static size_t paragraph_end(const char *f, size_t a, size_t e)
{
	while (a < e && !(f[a] == '\n' && a + 1 < e && f[a + 1] == '\n'))
		a++;
	return a;
}

/* Set @out to the stance rule that matches in the first sentence of
 * [@a, @e) that has one (in that sentence, the first in rule order:
 * "accepted in principle" before "accepted"), or to NULL when none
 * matches.  The stance is stated first: "Supported.  ... all five
 * councils agreed in principle" is supported. */
static int find_stance(lp_xctx *x, size_t a, size_t e, const lp_rule **out)
{
	const char *f = x->doc->fold;
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(x->g, "stance.", &rules);
	*out = NULL;
	size_t first = e;
	for (size_t k = 0; k < nrules; k++) {
		/* A later rule wins only in an earlier sentence, which ends
		 * before the best one so far starts. */
		const lp_rule *r = rules[k];
		if (!lp_rule_may_match(r, f, a, first, x->m))
			continue;
		int rc = lp_rule_find(r, f, first, a, x->m, x->err);
		if (rc < 0)
			return rc;
		if (rc == 0)
			continue;
		/* Where the match's sentence (or line) starts. */
		size_t s = x->m->start;
		while (s > a && !strchr(".!?:\n", f[s - 1]))
			s--;
		if (s < first) {
			first = s;
			*out = r;
		}
	}
	return 0;
}

int lp_extract_stance(lp_xctx *x, int pair, size_t a, size_t e)
{
	/* The stance is stated at the start: look in the first paragraph,
	 * and after a holding reply, in the first paragraph of the answer
	 * that follows it ("Further response, 14 November 2024"). */
	const char *f = x->doc->fold;
	const lp_rule *r = NULL;
	int rc = 0;
	/* A table's column of stances says it in a cell of its own, before
	 * the response's. */
	const char *cell = lp_span_attr(&x->doc->spans[pair], "stance_cell");
	if (cell) {
		size_t cs = lp_text_to_fold(x->doc, strtoul(cell, NULL, 10));
		if (cs < a)
			rc = find_stance(x, cs, paragraph_end(f, cs, a), &r);
		if (rc < 0)
			return rc;
	}
	size_t pe = paragraph_end(f, a, e);
	if (!r)
		rc = find_stance(x, a, pe, &r);
	/* A short first paragraph that ends no sentence is a heading over
	 * the answer ("Going the Extra Mile: Government Response"): the
	 * stance is in the paragraph after it. */
	size_t last = pe;
	while (last > a && strchr(" \n\"')", f[last - 1]))
		last--;
	if (rc == 0 && !r && pe < e && pe - a < 80 && last > a &&
	    !strchr(".!?", f[last - 1])) {
		size_t from = pe;
		while (from < e && f[from] == '\n')
			from++;
		rc = find_stance(x, from, paragraph_end(f, from, e), &r);
	}
	const lp_rule *later = lp_rule_get(x->g, "response.follow-up");
	if (rc == 0 && !r && later &&
	    (rc = lp_rule_find(later, f, e, a, x->m, x->err)) > 0) {
		/* The rest of the heading's paragraph (plain text may run
		 * the answer into it), and the paragraph after it. */
		size_t from = x->m->end, to = paragraph_end(f, from, e);
		while (to < e && f[to] == '\n')
			to++;
		rc = find_stance(x, from, paragraph_end(f, to, e), &r);
	}
	if (rc < 0)
		return rc;
	/* "stance.accepted.sentence" says "accepted". */
	const char *value = "unstated";
	if (r) {
		const char *v = lp_rule_name(r) + strlen("stance.");
		value = lp_arena_strndup(x->doc->arena, v, strcspn(v, "."));
	}
	lp_span_set(x->doc, pair, "stance", value);
	return 0;
}
