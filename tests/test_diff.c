/*
 * test_diff.c - unit tests of the diff's parts: the word diff, word
 * comparison, the YAML sniff, and lp_diff_run on records written as
 * small YAML documents, one per case.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "check.h"
#include "internal.h"

/* The runs of a word diff as one string: "=2 -1 +2 =1". */
static void runs_of(const char *a, const char *b, char *out, size_t size)
{
	lp_words wa, wb;
	lp_words_split(a, &wa);
	lp_words_split(b, &wb);
	lp_wd_run *r;
	size_t n = lp_word_diff(&wa, &wb, &r);
	*out = '\0';
	for (size_t k = 0; k < n; k++)
		snprintf(out + strlen(out), size - strlen(out), "%s%c%zu",
			 k ? " " : "", r[k].op, r[k].to - r[k].from);
	free(r);
	lp_words_free(&wa);
	lp_words_free(&wb);
}

static void test_word_diff(void)
{
	char got[256];
	runs_of("the plan will be published", "the plan will be published",
		got, sizeof got);
	CHECK(strcmp(got, "=5") == 0, "%s", got);
	runs_of("TfL will publish the data", "TfL will consider publishing the data",
		got, sizeof got);
	CHECK(strcmp(got, "=2 -1 +2 =2") == 0, "%s", got);
	/* Wrapping is not a change; a typographic quote is not either. */
	runs_of("the Mayor's\nplan", "the  Mayor’s plan", got, sizeof got);
	CHECK(strcmp(got, "=3") == 0, "%s", got);
	runs_of("", "new words", got, sizeof got);
	CHECK(strcmp(got, "+2") == 0, "%s", got);
	runs_of("old words", "", got, sizeof got);
	CHECK(strcmp(got, "-2") == 0, "%s", got);
	/* A removed and an added run between two shared words, as git
	 * shows them, not interleaved word by word. */
	runs_of("a b c d", "a x y d", got, sizeof got);
	CHECK(strcmp(got, "=1 -2 +2 =1") == 0, "%s", got);
}

static void test_same_words(void)
{
	CHECK(lp_same_words("Supported. The plan, as agreed.",
			    "Supported the plan as agreed"), "punctuation");
	CHECK(lp_same_words("the ‘plan’ — agreed", "The 'plan' - agreed"),
	      "quotes, dashes and case");
	CHECK(!lp_same_words("the plan", "the plans"), "a word");
	CHECK(!lp_same_words("the plan", "the plan now"), "a word more");
	CHECK(lp_same_words("", "  "), "nothing");
}

static void test_sniff(void)
{
	const char *yes[] = { "schema: letterpipe/1\n",
			      "\xEF\xBB\xBF# comment\n---\nschema: letterpipe/1\n" };
	const char *no[] = { "", "Dear Susan\nschema: letterpipe/1\n",
			     "schema: other/1\n", "<html>" };
	for (size_t i = 0; i < 2; i++)
		CHECK(lp_is_parse_yaml(yes[i], strlen(yes[i])), "%s", yes[i]);
	for (size_t i = 0; i < 4; i++)
		CHECK(!lp_is_parse_yaml(no[i], strlen(no[i])), "%s", no[i]);
}

static void test_date_bounds(void)
{
	static const struct {
		const char *value, *start, *end;
	} cases[] = {
		{ "2022", "2022-01-01", "2022-12-31" },
		{ "2024-02", "2024-02-01", "2024-02-29" },
		{ "2022-09-15", "2022-09-15", "2022-09-15" },
		{ "2022-08-18/2022-12-31", "2022-08-18", "2022-12-31" },
		{ "2021-10/2021-12", "2021-10-01", "2021-12-31" },
		{ "2019/2022-08-18", "2019-01-01", "2022-08-18" },
	};
	char a[11], b[11];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(lp_date_bounds(cases[i].value, a, b) &&
			      strcmp(a, cases[i].start) == 0 &&
			      strcmp(b, cases[i].end) == 0,
		      "%s: %s %s", cases[i].value, a, b);
	const char *bad[] = { NULL, "", "2022-13", "2022-02-30", "soon",
			      "2022/", "22-09" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK(!lp_date_bounds(bad[i], a, b), "%s", bad[i] ? bad[i] : "NULL");
}

static void test_kind_names(void)
{
	for (int k = 0; k < LP_CH_KIND_COUNT; k++) {
		const char *name = lp_change_kind_name(k);
		CHECK(lp_change_kind_from_name(name, strlen(name)) == k, "%s",
		      name);
	}
	CHECK(lp_change_kind_from_name("pair", 4) < 0, "a prefix");
}

/* Amounts as the text diff and the review pages write them. */
static void test_amounts(void)
{
	static const struct {
		double v;
		const char *currency;
		bool sign;
		const char *want;
	} cases[] = {
		{ 17700000, "GBP", false, "£17,700,000" },
		{ 2.999, "GBP", false, "£3" }, /* not "£2.100" */
		{ 0.5, "GBP", false, "£0.50" },
		{ 1.75, "GBP", false, "£1.75" },
		{ -65000, "EUR", false, "-€65,000" },
		{ 2300000, "GBP", true, "+£2,300,000" },
		{ -5000000, "USD", true, "-$5,000,000" },
		{ 1200.5, "CHF", false, "CHF 1,200.50" },
		{ 999, NULL, false, "999" },
	};
	char buf[128];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lp_amount_text(cases[i].v, cases[i].currency, cases[i].sign, buf,
			       sizeof buf);
		CHECK(strcmp(buf, cases[i].want) == 0, "%s, not %s", buf,
		      cases[i].want);
	}
	lp_amount_change_text(40000000, 35000000, "GBP", buf, sizeof buf);
	CHECK(strcmp(buf, " (-£5,000,000, -12.5%)") == 0, "%s", buf);
	lp_amount_change_text(0, 12000, "GBP", buf, sizeof buf);
	CHECK(strcmp(buf, " (+£12,000)") == 0, "%s", buf);
	CHECK(strcmp(lp_strength_name(1), "strengthened") == 0 &&
		      strcmp(lp_strength_name(-1), "weakened") == 0 &&
		      strcmp(lp_strength_name(0), "changed") == 0,
	      "strength names");
}

static lp_record *record(const char *yaml)
{
	lp_record *r = NULL;
	lp_error err = { 0 };
	int rc = lp_record_from_yaml("t.yaml", yaml, strlen(yaml), &r, &err);
	CHECK(rc == 0, "%s:%ld: %s", err.file, err.line, err.msg);
	return r;
}

/* The kinds of @d's changes, with their pairs: "2:amount-changed". */
static void kinds_of(const lp_diff *d, char *out, size_t size)
{
	*out = '\0';
	for (size_t i = 0; i < d->nchanges; i++) {
		const lp_change *c = &d->changes[i];
		const lp_rpair *p = c->new_pair ? c->new_pair : c->old_pair;
		snprintf(out + strlen(out), size - strlen(out), "%s%s:%s",
			 i ? " " : "", p->number ? p->number : "-",
			 lp_change_kind_name(c->kind));
	}
}

#define REC(n, rec, resp)                                                  \
	"- number: " n "\n  recommendation: {text: '" rec "'}\n"           \
	"  response: {text: '" resp "'}\n"

static void test_alignment(void)
{
	/* Old 2 is gone; old 3 is new 2, reworded a little. */
	lp_record *a = record(
		"schema: letterpipe/1\npairs:\n"
		REC("1", "The GLA should publish data on pools.", "Accepted.")
		REC("2", "TfL should trial video help points.", "Noted.")
		REC("3", "The Mayor should fund swimming lessons for every child in London.", "Accepted."));
	lp_record *b = record(
		"schema: letterpipe/1\npairs:\n"
		REC("1", "The GLA should publish data on pools.", "Accepted.")
		REC("2", "The Mayor should fund swimming lessons for all children in London.", "Accepted."));
	lp_diff *d = lp_diff_run(a, b);
	char got[512];
	kinds_of(d, got, sizeof got);
	CHECK(strcmp(got, "2:pair-removed 2:text-changed") == 0, "%s", got);
	CHECK(d->nmatches == 2 && d->matches[1].method == LP_MATCH_TEXT &&
		      d->matches[1].old == 2 && d->matches[1].new_ == 1,
	      "%zu matches", d->nmatches);
	CHECK(d->summary.pairs_matched == 2 && d->summary.pairs_removed == 1 &&
		      d->summary.pairs_added == 0, "summary");
	lp_diff_free(d);
	/* The other way round: one added. */
	d = lp_diff_run(b, a);
	kinds_of(d, got, sizeof got);
	CHECK(strcmp(got, "2:pair-added 3:text-changed") == 0, "%s", got);
	lp_diff_free(d);
	lp_record_free(a);
	lp_record_free(b);
}

static void test_entities(void)
{
	lp_record *a = record(
		"schema: letterpipe/1\npairs:\n- number: 1\n"
		"  recommendation: {text: 'The GLA should act.'}\n"
		"  response:\n"
		"    text: 'TfL will publish the plan by September 2022. It has £2.5m for the work.'\n"
		"    money: [{text: '£2.5m', amount: 2500000, currency: GBP}]\n"
		"    dates: [{text: 'September 2022', value: '2022-09', deadline: true}]\n"
		"    commitments: [{text: 'TfL will publish the plan by September 2022', actor: {text: TfL}, modality: will, deadline: {text: 'September 2022', value: '2022-09'}}]\n");
	lp_record *b = record(
		"schema: letterpipe/1\npairs:\n- number: 1\n"
		"  recommendation: {text: 'The GLA should act.'}\n"
		"  response:\n"
		"    text: 'TfL will consider publishing the plan by 15 March 2023. It has £2m for the work.'\n"
		"    money: [{text: '£2m', amount: 2000000, currency: GBP}]\n"
		"    dates: [{text: '15 March 2023', value: '2023-03-15', deadline: true}]\n"
		"    commitments: [{text: 'TfL will consider publishing the plan by 15 March 2023', actor: {text: TfL}, modality: will-consider, deadline: {text: '15 March 2023', value: '2023-03-15'}}]\n");
	lp_diff *d = lp_diff_run(a, b);
	char got[512];
	kinds_of(d, got, sizeof got);
	CHECK(strcmp(got, "1:text-changed 1:modality-changed 1:amount-changed "
			  "1:deadline-moved") == 0, "%s", got);
	for (size_t i = 0; i < d->nchanges; i++) {
		const lp_change *c = &d->changes[i];
		if (c->kind == LP_CH_MODALITY_CHANGED)
			CHECK(c->strength < 0, "will-consider is weaker");
		if (c->kind == LP_CH_DEADLINE_MOVED)
			/* 2022-09-30 to 2023-03-15: not both month ends. */
			CHECK(c->shift == 166 && strcmp(c->shift_unit, "days") == 0,
			      "%ld %s", c->shift, c->shift_unit);
	}
	CHECK(d->summary.money[0].old == 2500000 &&
		      d->summary.money[0].new_ == 2000000, "money totals");
	lp_diff_free(d);
	lp_record_free(a);
	lp_record_free(b);
}

static void test_joined(void)
{
	/* 4 and 5 answered together one year, apart the next. */
	lp_record *a = record(
		"schema: letterpipe/1\npairs:\n"
		"- number: [4, 5]\n  recommendation: {text: 'The GLA should map pools. The GLA should cost repairs.'}\n"
		"  response: {text: 'Accepted. Both will be done.'}\n");
	lp_record *b = record(
		"schema: letterpipe/1\npairs:\n"
		REC("4", "The GLA should map pools.", "Accepted. It will be done.")
		REC("5", "The GLA should cost repairs.", "Accepted. It will be done."));
	lp_diff *d = lp_diff_run(a, b);
	CHECK(d->nmatches == 1 && d->matches[0].nold == 1 &&
		      d->matches[0].nnew == 2 &&
		      strcmp(d->matches[0].new_pair->number, "4, 5") == 0,
	      "%zu matches", d->nmatches);
	CHECK(d->summary.pairs_added == 0 && d->summary.pairs_removed == 0,
	      "nothing added or removed");
	lp_diff_free(d);
	lp_record_free(a);
	lp_record_free(b);
}

int main(void)
{
	test_word_diff();
	test_same_words();
	test_sniff();
	test_kind_names();
	test_amounts();
	test_date_bounds();
	test_alignment();
	test_entities();
	test_joined();
	return CHECK_REPORT();
}
