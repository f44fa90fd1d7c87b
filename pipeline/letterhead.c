/*
 * letterhead.c - stage 3, continued: the letter around the pairs.
 *
 * The letterhead (reference, date, recipient), the salutation and the
 * cover letter, the valediction and the signature, the annex title and the
 * report's title.  Rules come from grammars/letter.yaml, matched a line
 * ("block") at a time in the folded view; segment.c finds the pairs.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"

static bool has_lower(const char *t)
{
	for (; *t; t++)
		if (islower((unsigned char)*t))
			return true;
	return false;
}

/* The report's title in fold range [a, e): the first that letter.report.*
 * rules find, or a longer title that another rule finds starting the same
 * way ("London After Dark" cut at its colon, "London After Dark: the
 * future of ..." in full).  A title in capitals (from a subject line)
 * only when no rule finds it written normally. */
static int find_report(seg *s, size_t a, size_t e, const char **out)
{
	const char *caps = NULL, *best = NULL;
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(s->g, "letter.report.", &rules);
	for (size_t k = 0; k < nrules; k++) {
		const lp_rule *rule = rules[k];
		for (size_t from = a; from < e;) {
			int rc = lp_rule_find(rule, s->doc->fold, e, from, s->m,
					      s->err);
			if (rc <= 0) {
				if (rc < 0)
					return rc;
				break;
			}
			const char *t = seg_group(s, "title");
			if (t && has_lower(t)) {
				if (!best || (strlen(t) > strlen(best) &&
					      !strncmp(t, best, strlen(best))))
					best = t;
				break;
			}
			if (t && !caps)
				caps = t;
			from = s->m->end > from ? s->m->end : from + 1;
		}
	}
	*out = best ? best : caps;
	return *out != NULL;
}


/* Failing a title that the rules find, a subject line set apart just
 * after the salutation, as a heading or in bold ("**Green skills for a
 * net zero London**"), names the report.  Not one that says what the
 * letter is ("Response to the Committee's report"): the rules read those.
 * Sets *@out (left alone when there is none); <0 on a matching error. */
static int subject_line(seg *s, size_t i, const char **out)
{
	if (!seg_lone_line(s, i) || seg_words(s, i) > 14 || seg_ends_stop(s, i))
		return 0;
	if (!s->b[i].heading && !seg_is_bold(s, s->b[i].start, s->b[i].end))
		return 0;
	const lp_rule *r = lp_rule_get(s->g, "letter.subject-not-title");
	int rc = r ? lp_rule_find(r, s->doc->fold, s->b[i].end, s->b[i].start,
				  s->m, s->err)
		   : 1;
	if (rc != 0)
		return rc < 0 ? rc : 0;
	const char *t = seg_str(s, s->b[i].start, s->b[i].end);
	if (has_lower(t))
		*out = t;
	return 0;
}

/* ---- the letter around the pairs ------------------------------------- */

/* First block in [from, to) that @rule matches, or NONE. */
static size_t first_block(seg *s, const char *rule, size_t from, size_t to,
			  int *rc)
{
	const lp_rule *r = lp_rule_get(s->g, rule);
	for (size_t i = from; r && i < to; i++) {
		*rc = seg_at(s, r, i);
		if (*rc < 0)
			return NONE;
		if (*rc)
			return i;
	}
	return NONE;
}

/* Is block @i a person's name?  Tries every letter.person.* rule; on a
 * match, *@name (when asked for) is its `name` group, or NULL. */
static int person_at(seg *s, size_t i, const char **name)
{
	if (name)
		*name = NULL;
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(s->g, "letter.person.", &rules);
	for (size_t k = 0; k < nrules; k++) {
		const lp_rule *rule = rules[k];
		int rc = seg_at(s, rule, i);
		if (rc > 0 && name)
			*name = seg_group(s, "name");
		if (rc)
			return rc;
	}
	return 0;
}

/* Does @person answer to the salutation's name?  "Dear
 * Susan" is Susan Hall; "Dear Ms Smith" is Jane Smith. */
static bool named_in(const char *person, const char *salutation_name)
{
	for (const char *w = salutation_name; *w;) {
		while (*w == ' ')
			w++;
		size_t n = strcspn(w, " ");
		if (n >= 2 && isupper((unsigned char)w[0]))
			for (const char *p = person; *p; p++)
				if ((p == person || p[-1] == ' ') &&
				    strncmp(p, w, n) == 0 &&
				    (p[n] == ' ' || p[n] == '\0'))
					return true;
		w += n;
	}
	return false;
}

/* Does the line end in a word that cannot end a title ("Police and")?
 * Then the role goes on over the next line. */
static bool ends_open(const seg *s, size_t i)
{
	size_t e = s->b[i].end, a = e;
	while (a > s->b[i].start && s->doc->fold[a - 1] != ' ')
		a--;
	return a < e && islower((unsigned char)s->doc->fold[a]);
}

/* Lines after a name that give the role: "Chair of the ... Committee".
 * In a letterhead, a field of the other column (Our ref, Date) may sit
 * between them and is stepped over. */
static int role_after(seg *s, size_t i, size_t to, bool letterhead,
		      const char **out)
{
	const lp_rule *stop = lp_rule_get(s->g, "letter.stop");
	const lp_rule *column = lp_rule_get(s->g, "layout.column-field");
	const lp_rule *marker = lp_rule_get(s->g, "annex.marker");
	const lp_rule *title = lp_rule_get(s->g, "annex.title");
	const lp_rule *sal = lp_rule_get(s->g, "letter.salutation");
	size_t a = NONE, e = NONE, last = NONE;
	for (size_t k = i + 1; k < to && k <= i + 5; k++) {
		if (letterhead && seg_at(s, column, k) == 1)
			continue;
		/* A role wraps when its line ends mid-phrase ("Police and")
		 * or the next line is one word ("Committee"), in the same
		 * paragraph when it is a signature's ("Introduction" after a
		 * page break heads what follows). */
		if (a != NONE && !ends_open(s, last) &&
		    (seg_words(s, k) > 1 || (!letterhead && s->b[k].para_start)))
			break;
		if (s->b[k].heading || seg_words(s, k) > 14 || seg_ends_stop(s, k))
			break;
		if (!letterhead && a == NONE && s->b[k].para_start &&
		    k > i + 1)
			break;
		int rc;
		if ((rc = seg_at(s, stop, k)) || (rc = seg_at(s, marker, k)) ||
		    (rc = seg_at(s, title, k)) || (rc = seg_at(s, sal, k))) {
			if (rc < 0)
				return rc;
			break;
		}
		if (a == NONE)
			a = s->b[k].start;
		e = s->b[k].end;
		last = k;
	}
	if (a == NONE)
		return 0;
	/* The role may be wrapped over lines, or sit in two columns with a
	 * field between: one line in the output, with the field left out. */
	char *role = (char *)seg_str(s, a, e);
	if (last != NONE && s->b[last].start != a) {
		size_t len = 0;
		for (size_t k = i + 1; k <= last; k++) {
			if (s->b[k].start < a)
				continue;
			if (seg_at(s, column, k) == 1)
				continue;
			const char *piece = seg_str(s, s->b[k].start, s->b[k].end);
			size_t n = strlen(piece);
			if (len)
				role[len++] = ' ';
			memcpy(role + len, piece, n);
			len += n;
		}
		role[len] = '\0';
	}
	/* A column's field run onto the role's line with a single space
	 * ("Chair, Built Environment Committee Date: 23 November 2023"). */
	lp_error err;
	size_t rn = strlen(role);
	for (size_t p = 1; column && p < rn; p++)
		if (role[p - 1] == ' ' &&
		    lp_rule_at(column, role, rn, p, s->m, &err) == 1) {
			role[p - 1] = '\0';
			break;
		}
	*out = role;
	return 0;
}

static int find_recipient(seg *s, size_t to, const char *sal_name,
			  size_t skip, size_t *at)
{
	size_t best = NONE;
	const char *best_name = NULL;
	for (size_t i = s->head_from; i < to; i++) {
		const char *name;
		int rc = person_at(s, i, &name);
		if (rc < 0)
			return rc;
		/* "From Catherine Bramley MP" names the sender. */
		if (!name || i == skip ||
		    strncasecmp(s->doc->fold + s->b[i].start, "from ", 5) == 0)
			continue;
		if (sal_name && named_in(name, sal_name)) {
			best = i;
			best_name = name;
			break;
		}
		/* "Dear Chair": the person whose role says Chair. */
		const char *role = NULL;
		if (sal_name && (rc = role_after(s, i, to, true, &role)) < 0)
			return rc;
		if (role && strstr(role, sal_name)) {
			best = i;
			best_name = name;
			break;
		}
		if (best == NONE) {
			best = i;
			best_name = name;
		}
	}
	*at = best;
	if (best == NONE)
		return 0;
	s->doc->letter.recipient_name = best_name;
	return role_after(s, best, to, true, &s->doc->letter.recipient_role);
}

/* A signature without a role ("EMMA HARDCASTLE MP" over the page's
 * footer): the name and role as the letterhead gives them, before block
 * @to, where a minister's letter names its writer. */
static int role_in_letterhead(seg *s, size_t to, size_t *at)
{
	lp_letter *lt = &s->doc->letter;
	for (size_t i = s->head_from; i < to; i++) {
		const char *name;
		int rc = person_at(s, i, &name);
		if (rc < 0)
			return rc;
		if (!name || strcasecmp(name, lt->sender_name) != 0)
			continue;
		/* The name as the letterhead writes it, not in capitals. */
		lt->sender_name = name;
		*at = i;
		return role_after(s, i, to, true, &lt->sender_role);
	}
	return 0;
}

static int find_sender(seg *s, size_t val, size_t to)
{
	const lp_rule *note = lp_rule_get(s->g, "letter.signature-note");
	for (size_t i = val + 1; i < to && i <= val + 4; i++) {
		int rc = seg_at(s, note, i);
		if (rc < 0)
			return rc;
		if (rc)
			continue;
		const char *name;
		if ((rc = person_at(s, i, &name)) < 0)
			return rc;
		if (!name && seg_words(s, i) <= 6 && !seg_ends_stop(s, i) &&
		    !s->b[i].heading) {
			name = seg_str(s, s->b[i].start, s->b[i].end);
			/* Signed with a first name, the full one under it
			 * ("Daniel" over "Professor Daniel Okafor"). */
			const char *full;
			if (seg_words(s, i) == 1 && i + 1 < to &&
			    (rc = person_at(s, i + 1, &full)) != 0) {
				if (rc < 0)
					return rc;
				if (full && named_in(full, name)) {
					name = full;
					i++;
				}
			}
		}
		if (!name)
			return 0;
		s->doc->letter.sender_name = name;
		return role_after(s, i, to, false,
				  &s->doc->letter.sender_role);
	}
	return 0;
}

/* Sender or recipient given as a field ("From: ...", "To: ...",
 * "Presented to Parliament by the ..."): rules @prefix* with groups name
 * and role, searched in each block of [0, to); a rule anchors itself
 * with ^ where it must start a line. */
static int find_fields(seg *s, const char *prefix, size_t to,
		       const char *sal_name, const char **name,
		       const char **role)
{
	const lp_rule *const *rules;
	size_t nrules = lp_rule_family(s->g, prefix, &rules);
	int found = 0;
	for (size_t i = s->head_from; i < to; i++) {
		for (size_t k = 0; k < nrules; k++) {
			const lp_rule *rule = rules[k];
			int rc = lp_rule_find(rule, s->doc->fold, s->b[i].end,
					      s->b[i].start, s->m, s->err);
			if (rc < 0)
				return rc;
			if (!rc)
				continue;
			/* The first field, unless a later one names whom the
			 * salutation does: "Dear Councillor Arkwright" over
			 * "To: Panel Clerk" and "Cc: Cllr Denise Arkwright".
			 * One copied in counts only so. */
			const char *n = seg_group(s, "name");
			/* "To: Pennington, Rachel (Cllr) <...>", as e-mail
			 * programs write a name: surname first. */
			const char *fore = seg_group(s, "forename");
			if (n && fore) {
				size_t lf = strlen(fore), ln = strlen(n);
				char *whole = lp_arena_alloc(s->doc->arena,
							     lf + ln + 2);
				memcpy(whole, fore, lf);
				whole[lf] = ' ';
				memcpy(whole + lf + 1, n, ln + 1);
				n = whole;
			}
			bool named = sal_name && n && named_in(n, sal_name);
			size_t ca, ce;
			if (!named && lp_match_group(s->m, "copy", &ca, &ce))
				continue;
			if (!found || named) {
				*name = n;
				*role = seg_group(s, "role");
			}
			if (!sal_name || named)
				return 1;
			found = 1;
		}
	}
	return found;
}

/* A signature with no valediction, as at the end of a minister's
 * foreword: a person's name alone on a line with a role under it.  The
 * last one before @to is taken. */
static int find_signature(seg *s, size_t from, size_t to)
{
	for (size_t i = to; i-- > from;) {
		const char *name, *role = NULL;
		int rc = person_at(s, i, &name);
		if (rc < 0)
			return rc;
		if (!rc)
			continue;
		if ((rc = role_after(s, i, to, false, &role)) < 0)
			return rc;
		/* In a list of committee members, a name is followed by
		 * another name, not by a role. */
		if (!role || (rc = person_at(s, i + 1, NULL)) != 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		s->doc->letter.sender_name = name;
		s->doc->letter.sender_role = role;
		/* A signed foreword or sign-off is often dated under the
		 * signature. */
		char iso[11];
		for (size_t k = i + 1; !s->doc->letter.date && k < s->nb &&
				       k <= i + 5; k++)
			if (s->b[k].end - s->b[k].start <= 40 &&
			    lp_parse_day_date(s->g, s->doc->fold + s->b[k].start,
					      s->b[k].end - s->b[k].start, iso))
				s->doc->letter.date =
					lp_arena_strndup(s->doc->arena, iso, 10);
		return 1;
	}
	return 0;
}

/* A heading just before the first pair ("Guidance and training")
 * introduces the pairs, not the cover [@cs, *@ce): drop it.  0 or an
 * error. */
static int trim_headings(seg *s, size_t cs, size_t *ce)
{
	while (*ce > cs + 1) {
		int rc = seg_section_heading(s, *ce - 1);
		if (rc <= 0)
			return rc;
		(*ce)--;
	}
	return 0;
}

/* Is block @i a date and nothing else ("8 October 2025", "18th May
 * 2023.")?  1, with the day in @iso, 0 or an error. */
static int only_date(seg *s, size_t i, char iso[11])
{
	int rc = seg_at(s, lp_rule_get(s->g, "date.day"), i);
	return rc <= 0 ? rc
		       : s->m->end + 1 >= s->b[i].end &&
				 lp_day_date_iso(s->m, s->doc->fold, iso);
}

/* Is block @i a month and year and nothing else ("October 2026", a
 * Command Paper's title page)?  1, with "YYYY-MM" in @iso, 0 or an
 * error. */
static int only_month(seg *s, size_t i, char iso[11])
{
	int rc = seg_at(s, lp_rule_get(s->g, "date.month-year"), i);
	size_t ms, me, ys, ye;
	if (rc <= 0 || s->m->start != s->b[i].start ||
	    s->m->end < s->b[i].end ||
	    !lp_match_group(s->m, "month", &ms, &me) ||
	    !lp_match_group(s->m, "year", &ys, &ye))
		return rc < 0 ? rc : 0;
	int month = lp_month_number(s->doc->fold + ms, me - ms);
	if (!month)
		return 0;
	snprintf(iso, 11, "%.4s-%02d", s->doc->fold + ys, month);
	return 1;
}

/* Is block @i a web page's date, under a label such as "Published"?
 * 1, 0 or an error. */
static int page_date(seg *s, size_t i)
{
	const lp_rule *published = lp_rule_get(s->g, "letter.page-date-label");
	return i > 0 && published ? seg_at(s, published, i - 1) : 0;
}

/* The letter's date: a date field in the letterhead, or one that says
 * when the letter was written; else a line that is only a date (not a
 * web page's, under "Published"); else,
 * for a Special Report, when the response was received (the response's
 * own letter, when it prints one, is dated above its address); else a
 * short line with one ("Published 14 October 2025" on a web page, which
 * is not the letter's own date when it has one); else a line that is a
 * month and year only, a Command Paper's, which dates it to the month
 * ("2026-10"). */
static int find_date(seg *s, size_t to)
{
	enum { FIELD, ONLY_DATE, RECEIVED, SHORT_LINE, ONLY_MONTH, PASSES };
	const lp_rule *const *fields;
	size_t nfields = lp_rule_family(s->g, "letter.date-field.", &fields);
	const lp_rule *received = lp_rule_get(s->g, "letter.date-field.received");
	char iso[11];
	for (int pass = FIELD; pass < PASSES; pass++) {
		for (size_t i = s->head_from; i < to; i++) {
			size_t a = s->b[i].start, e = s->b[i].end;
			if (pass == ONLY_DATE || pass == ONLY_MONTH) {
				int rc = pass == ONLY_DATE ? only_date(s, i, iso)
							   : only_month(s, i, iso);
				if (rc > 0 && pass == ONLY_DATE) {
					int web = page_date(s, i);
					rc = web < 0 ? web : !web;
				}
				if (rc < 0)
					return rc;
				if (!rc)
					continue;
				s->doc->letter.date = lp_arena_strndup(
					s->doc->arena, iso, strlen(iso));
				return 0;
			}
			if (pass == FIELD || pass == RECEIVED) {
				int rc = 0;
				for (size_t k = 0; !rc && k < nfields; k++)
					if ((fields[k] == received) ==
						    (pass == RECEIVED) &&
					    lp_rule_may_match(fields[k], s->doc->fold,
							      a, e, s->m))
						rc = lp_rule_find(fields[k],
								  s->doc->fold, e,
								  a, s->m, s->err);
				if (rc < 0)
					return rc;
				if (!rc || !lp_match_group(s->m, "value", &a, &e))
					continue;
			} else if (e - a > 40 &&
				   (e - a > 120 || seg_ends_stop(s, i) ||
				    !seg_lone_line(s, i))) {
				/* A date line, not a sentence: short, or a
				 * line of a page's particulars ("Report ref:
				 * KBC/24/031 · Cabinet, 13 March 2024"). */
				continue;
			}
			if (lp_parse_day_date(s->g, s->doc->fold + a, e - a, iso)) {
				s->doc->letter.date =
					lp_arena_strndup(s->doc->arena, iso, 10);
				return 0;
			}
		}
	}
	return 0;
}

/* A decision page gives its date after the decision: "Date of decision:"
 * on a line of its own, the date on the next or on the same line ("Date
 * of decision: 21/11/2024").  The decision's date, before the page's
 * date of publication. */
static int find_date_below_label(seg *s)
{
	const lp_rule *field = lp_rule_get(s->g, "letter.date-label");
	char iso[11], published[11] = "";
	for (size_t i = 0; field && i < s->nb; i++) {
		int rc = seg_at(s, field, i);
		bool publication = rc > 0 && strchr("pP", s->doc->fold[s->m->start]);
		size_t va, ve;
		if (rc > 0 && lp_match_group(s->m, "value", &va, &ve))
			rc = lp_parse_day_date(s->g, s->doc->fold + va, ve - va,
					       iso);
		else if (rc > 0)
			rc = i + 1 < s->nb ? only_date(s, i + 1, iso) : 0;
		if (rc < 0)
			return rc;
		if (!rc)
			continue;
		if (!publication) {
			s->doc->letter.date = lp_arena_strndup(s->doc->arena, iso, 10);
			return 0;
		}
		if (!published[0])
			memcpy(published, iso, sizeof published);
	}
	if (published[0])
		s->doc->letter.date = lp_arena_strndup(s->doc->arena, published, 10);
	return 0;
}

/* The block where the letter's particulars start, in s->head_from:
 * where an e-mail forwards it, the header of the last message before
 * block @to ("From: ..." over "Sent: ..."), whose body holds the
 * recommendations, when another message's header comes before it; else
 * 0.  0 or an error. */
static int forwarded_from(seg *s, size_t to)
{
	const lp_rule *header = lp_rule_get(s->g, "letter.mail-header");
	size_t last_header = NONE;
	for (size_t i = to; header && i-- > 0;) {
		if (!s->b[i].para_start)
			continue;
		/* The header's fields, a line each. */
		size_t last = i;
		while (last + 1 < to && last < i + 6 &&
		       !s->b[last + 1].para_start)
			last++;
		int rc = lp_rule_at(header, s->doc->fold, s->b[last].end,
				    s->b[i].start, s->m, s->err);
		if (rc < 0)
			return rc;
		if (rc && last_header != NONE) {
			s->head_from = last_header;
			return 0;
		}
		if (rc)
			last_header = i;
	}
	return 0;
}

/* The salutation and the valediction after it from block @from, in
 * *@sal and *@val (NONE when there is none).  0 or an error. */
static int salutation_and_valediction(seg *s, size_t from, size_t first_label,
				      size_t *sal, size_t *val)
{
	int rc = 0;
	*sal = first_block(s, "letter.salutation", from, first_label, &rc);
	if (rc < 0)
		return rc;
	*val = first_block(s, "letter.valediction",
			   *sal == NONE ? from : *sal + 1, s->nb, &rc);
	return rc < 0 ? rc : 0;
}

int seg_find_letter(seg *s, size_t first_label, size_t *val_out,
		       size_t *intro_out)
{
	lp_doc *doc = s->doc;
	lp_letter *lt = &doc->letter;
	/* The sections (cover, closing) are the whole text's; an e-mail
	 * that forwards the letter gives its particulars (the salutation
	 * and the valediction, the date, who wrote to whom) in the
	 * forwarded message, from s->head_from. */
	size_t sal, val, psal, pval;
	int rc = forwarded_from(s, first_label);
	if (rc == 0)
		rc = salutation_and_valediction(s, 0, first_label, &sal, &val);
	psal = sal;
	pval = val;
	if (rc == 0 && s->head_from > 0)
		rc = salutation_and_valediction(s, s->head_from, first_label,
						&psal, &pval);
	if (rc < 0)
		return rc;
	const char *sal_name = NULL;
	if (psal != NONE) {
		seg_at(s, lp_rule_get(s->g, "letter.salutation"), psal);
		lt->salutation = seg_group(s, "value");
		sal_name = seg_group(s, "name");
	}
	if (pval != NONE) {
		seg_at(s, lp_rule_get(s->g, "letter.valediction"), pval);
		lt->valediction = seg_group(s, "value");
	}
	*val_out = val;

	size_t marker = first_block(s, "annex.marker", 0, first_label, &rc);
	if (rc < 0)
		return rc;
	/* The annex title follows the signature when the letter is signed
	 * before the annex; a response title straight after the salutation
	 * is the letter's subject line. */
	size_t title_from = val != NONE && val < first_label ? val + 1 : 0;
	size_t title = first_block(s, "annex.title", title_from, first_label,
				   &rc);
	if (title == NONE && rc == 0 && title_from > 0)
		title = first_block(s, "annex.title", 0, first_label, &rc);
	if (rc < 0)
		return rc;

	/* The letterhead runs to the salutation; a document without one
	 * (a Government response) has its particulars before the first
	 * recommendation. */
	size_t head_end = sal != NONE ? sal : first_label;
	if (head_end > 0 && s->nb > 0) {
		int i = lp_doc_add_span(doc, LP_SPAN_LETTERHEAD, 0,
					seg_text_at(s, s->b[head_end - 1].end),
					NULL, -1);
		(void)i;
	}
	/* The particulars' head: to the forwarded message's salutation. */
	size_t phead_end = psal != NONE ? psal : first_label;
	const char *ref = NULL;
	if (phead_end > s->head_from) {
		rc = seg_find_family(s, "letter.reference.",
				     s->b[s->head_from].start,
				     s->b[phead_end - 1].end, "value", &ref);
		if (rc < 0)
			return rc;
	}
	lt->reference = ref;
	if ((rc = find_date(s, phead_end)) < 0 ||
	    (!lt->date && (rc = find_date_below_label(s)) < 0))
		return rc;
	/* Fields say outright who wrote to whom; otherwise the recipient is
	 * the person in the letterhead and the sender signs the letter. */
	size_t recipient_at = NONE;
	rc = find_fields(s, "letter.recipient.", first_label, sal_name,
			 &lt->recipient_name, &lt->recipient_role);
	if (rc == 0)
		rc = find_recipient(s, psal != NONE ? psal : s->head_from,
				    sal_name, NONE, &recipient_at);
	if (rc < 0)
		return rc;
	/* A signed letter names its writer under the valediction; front
	 * matter ("Presented to Parliament by ...") only when it is not
	 * signed. */
	rc = 0;
	if (pval != NONE)
		rc = find_sender(s, pval, s->nb);
	if (rc < 0)
		return rc;
	if (!lt->sender_name && !lt->sender_role)
		rc = find_fields(s, "letter.sender.", first_label, NULL,
				 &lt->sender_name, &lt->sender_role);
	/* No valediction: a document signed at the end of its foreword, or
	 * at the very end, as Command Papers are.  The signature names the
	 * writer better than front matter that gives only an office
	 * ("Presented to Parliament by the Secretary of State"). */
	if (rc >= 0 && pval == NONE && psal == NONE && !lt->sender_name)
		rc = find_signature(s, s->head_from, first_label);
	/* A letter may begin "Dear ..." and end with the signature alone,
	 * as a web page that reproduces it often prints it. */
	if (rc >= 0 && pval == NONE && !lt->sender_name)
		rc = find_signature(s, s->nb > 12 ? s->nb - 12 : 0, s->nb);
	size_t sender_at = NONE;
	if (rc >= 0 && lt->sender_name && !lt->sender_role)
		rc = role_in_letterhead(s, phead_end, &sender_at);
	/* A minister's letterhead names the writer first: the recipient is
	 * another person. */
	if (rc >= 0 && sender_at != NONE && sender_at == recipient_at) {
		lt->recipient_name = lt->recipient_role = NULL;
		rc = find_recipient(s, psal != NONE ? psal : s->head_from,
				    sal_name, sender_at, &recipient_at);
	}
	if (rc < 0)
		return rc;

	/* The cover letter: after the salutation (or the title) up to the
	 * valediction, the annex or the first recommendation. */
	size_t cs = sal != NONE ? sal + 1
				: (title != NONE ? title + 1 : 0);
	/* A subject line after the salutation heads the cover; it is not
	 * part of it. */
	if (sal != NONE && cs < first_label) {
		rc = seg_at(s, lp_rule_get(s->g, "annex.title"), cs);
		if (rc < 0)
			return rc;
		cs += rc;
	}
	size_t ce = first_label;
	if (val != NONE && val >= cs && val < ce)
		ce = val;
	if (marker != NONE && marker >= cs && marker < ce)
		ce = marker;
	if (title != NONE && title >= cs && title < ce)
		ce = title;
	rc = trim_headings(s, cs, &ce);
	/* A document without a salutation whose title comes just before the
	 * first pair (a report to Cabinet: "4. Response to the Committee's
	 * recommendations") covers what comes before the title: there its
	 * own paragraphs say what it answers. */
	if (rc == 0 && cs >= ce && sal == NONE && title != NONE && title > 0) {
		cs = 0;
		ce = title;
		rc = trim_headings(s, cs, &ce);
	}
	if (rc < 0)
		return rc;
	if (cs < ce) {
		lp_doc_add_span(doc, LP_SPAN_COVER, seg_text_at(s, s->b[cs].start),
				seg_text_at(s, s->b[ce - 1].end), NULL, -1);
	}
	/* A Government response printed after a committee's preface has an
	 * introduction between its own heading and the first pair. */
	size_t after = title != NONE && title >= ce ? title + 1 : NONE;
	if (marker != NONE && marker >= ce && (after == NONE || marker >= after))
		after = marker + 1;
	*intro_out = after;
	if (title != NONE)
		lp_doc_add_span(doc, LP_SPAN_ANNEX_TITLE,
				seg_text_at(s, s->b[title].start),
				seg_text_at(s, s->b[title].end), NULL, -1);

	/* The report's title: in the subject line and the cover first, then
	 * the annex title. */
	const char *report = NULL;
	size_t from = sal != NONE && sal + 1 < s->nb ? sal + 1 : cs;
	if (from < ce) {
		rc = find_report(s, s->b[from].start, s->b[ce - 1].end, &report);
		if (rc < 0)
			return rc;
	}
	if (!report && title != NONE) {
		rc = find_report(s, s->b[title].start, s->b[title].end, &report);
		if (rc < 0)
			return rc;
	}
	if (!report && sal != NONE && sal + 1 < ce &&
	    (rc = subject_line(s, sal + 1, &report)) < 0)
		return rc;
	lt->report = report;
	return 0;
}

