/*
 * test_stages.c - unit tests of ingest, normalise and segment on small
 * letters written for each case.
 *
 * usage: test_stages GRAMMAR_DIR
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "html.h"
#include "internal.h"

static lp_grammar *grammar;

/* Ingest and normalise @src; NULL (and a failed check) on error. */
static lp_doc *norm(const char *src, size_t len)
{
	lp_doc *doc = NULL;
	lp_error err = { 0 };
	if (lp_ingest_bytes("t", src, len, NULL, &doc, &err) ||
	    lp_normalise(doc, grammar, &err)) {
		CHECK(0, "%s", err.msg);
		lp_doc_free(doc);
		return NULL;
	}
	return doc;
}

static lp_doc *process(const char *src)
{
	lp_doc *doc = norm(src, strlen(src));
	lp_error err = { 0 };
	if (doc && lp_segment(doc, grammar, &err)) {
		CHECK(0, "%s", err.msg);
		lp_doc_free(doc);
		return NULL;
	}
	return doc;
}

/* @src as `letterpipe parse` reads it: its format sniffed, decoded,
 * then every stage. */
static lp_doc *process_all(const char *src)
{
	lp_doc *doc = NULL;
	lp_error err = { 0 };
	if (lp_ingest_bytes("page", src, strlen(src), NULL, &doc, &err) ||
	    lp_doc_process(doc, grammar, &err)) {
		CHECK(0, "%s", err.msg);
		lp_doc_free(doc);
		return NULL;
	}
	return doc;
}

static bool has(const lp_doc *doc, const char *needle)
{
	return doc && strstr(doc->text, needle) != NULL;
}

static size_t count_kind(const lp_doc *doc, enum lp_span_kind kind);

static void test_ingest_refusals(void)
{
	lp_doc *doc = NULL;
	lp_error err = { 0 };
	CHECK(lp_ingest_bytes("e", "", 0, NULL, &doc, &err) == LP_EINPUT &&
		      strcmp(err.msg, "empty file") == 0,
	      "%s", err.msg);
	CHECK(lp_ingest_bytes("n", "ab\0cd", 5, NULL, &doc, &err) ==
			      LP_EINPUT &&
		      err.offset == 2,
	      "%s", err.msg);
	CHECK(lp_ingest_bytes("u", "ok \xC3\x28", 5, NULL, &doc, &err) ==
			      LP_EINPUT &&
		      err.offset == 3 &&
		      strcmp(err.msg, "invalid UTF-8 at byte offset 3") == 0,
	      "%s", err.msg);
	/* Overlong encodings and surrogates are not UTF-8 either. */
	CHECK(lp_ingest_bytes("o", "\xC0\xAF", 2, NULL, &doc, &err) ==
		      LP_EINPUT, "overlong accepted");
	CHECK(lp_ingest_bytes("s", "\xED\xA0\x80", 3, NULL, &doc, &err) ==
		      LP_EINPUT, "surrogate accepted");
	/* The exact offset of a bad byte, wherever it falls among the
	 * eight-byte blocks that the check takes at once. */
	char text[40];
	for (size_t at = 0; at < 24; at++) {
		memset(text, 'a', sizeof text);
		memcpy(text + 2, "\xC2\xA3", 2); /* a good character first */
		if (at >= 4)
			text[at] = (char)0xFF;
		size_t want = at >= 4 ? at : (size_t)-1;
		CHECK(lp_utf8_invalid((const unsigned char *)text, sizeof text) ==
			      want,
		      "bad byte at %zu", at);
	}
	lp_options small = { .max_bytes = 4 };
	CHECK(lp_ingest_bytes("b", "12345", 5, &small, &doc, &err) ==
		      LP_EINPUT, "size limit not applied");
	CHECK(doc == NULL, "a refused input still made a document");
}

static void test_bom_and_crlf(void)
{
	const char src[] = "\xEF\xBB\xBF" "Dear Jo,\r\n\r\nThanks.\rBye.\r\n";
	lp_doc *doc = norm(src, sizeof src - 1);
	if (!doc)
		return;
	CHECK(strcmp(doc->text, "Dear Jo,\n\nThanks.\n\nBye.") == 0, "[%s]",
	      doc->text);
	CHECK(lp_doc_src_start(doc, 0) == 3, "BOM not skipped in the map");
	size_t t = (size_t)(strstr(doc->text, "Thanks") - doc->text);
	CHECK(memcmp(doc->src + lp_doc_src_start(doc, t), "Thanks", 6) == 0,
	      "map points elsewhere");
	lp_doc_free(doc);
}

static void test_markdown_markup(void)
{
	lp_doc *doc = process("**MAYOR OF LONDON****Ann Lee AM**\n\n"
			      "**Our ref:** AB123-1**Date:** 1 May 2023\n\n"
			      "See [the plan](https://example.org/x) now.\n\n"
			      "<!-- image -->\n\nKept.\n\n"
			      "Note this.[^1] Kept.\n\n"
			      "[^1]: A source.\n");
	if (!doc)
		return;
	CHECK(has(doc, "Ann Lee AM") && !has(doc, "LONDONAnn"),
	      "glued bold not split: [%s]", doc->text);
	CHECK(has(doc, "AB123-1\nDate: 1 May 2023"), "[%s]", doc->text);
	CHECK(has(doc, "See the plan now."), "link kept: [%s]", doc->text);
	CHECK(!has(doc, "image") && has(doc, "Kept."),
	      "an HTML comment says nothing: [%s]", doc->text);
	CHECK(has(doc, "Note this. Kept.") && !has(doc, "[^") &&
		      !has(doc, "A source"),
	      "a footnote and its mark are not text: [%s]", doc->text);
	CHECK(!has(doc, "**") && !has(doc, "https"), "[%s]", doc->text);
	CHECK(doc->letter.reference && strcmp(doc->letter.reference,
					      "AB123-1") == 0,
	      "reference %s", doc->letter.reference);
	CHECK(doc->letter.date && strcmp(doc->letter.date, "2023-05-01") == 0,
	      "date %s", doc->letter.date);
	lp_doc_free(doc);
}

/* A minister's letter: the writer named first in the letterhead, with
 * the role, and signed in capitals with no role under the name.  The
 * writer is not the recipient. */
static void test_minister_letterhead(void)
{
	lp_doc *doc = process(
		"From Emma Hardcastle MP\n"
		"Parliamentary Under-Secretary of State for Water\n\n"
		"Seacole Building\n2 Marsham Street\n\n"
		"Dear Mr Crane,\n\n"
		"Thank you for the report.\n\n"
		"Yours sincerely,\n\nEMMA HARDCASTLE MP\n");
	if (!doc)
		return;
	const lp_letter *lt = &doc->letter;
	CHECK(lt->sender_name && strcmp(lt->sender_name, "Emma Hardcastle") == 0,
	      "sender %s", lt->sender_name);
	CHECK(lt->sender_role &&
		      strcmp(lt->sender_role,
			     "Parliamentary Under-Secretary of State for Water") ==
			      0,
	      "role %s", lt->sender_role);
	CHECK(!lt->recipient_name, "recipient %s", lt->recipient_name);
	lp_doc_free(doc);
	/* Signed under a description of the signature; the salutation by
	 * first name, which names nobody in the letterhead. */
	doc = process("From Catherine Bramley MP\n"
		      "Minister of State for School Standards\n\n"
		      "Lord Stainsby of Wrexall\n"
		      "Chair, Select Committee on School Attendance\n\n"
		      "Dear Richard,\n\nThank you for the report.\n\n"
		      "Yours sincerely,\n\n"
		      "[Handwritten signature: Catherine Bramley]\n\n"
		      "Catherine Bramley MP\n"
		      "Minister of State for School Standards\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->sender_name && strcmp(lt->sender_name, "Catherine Bramley") == 0,
	      "sender %s", lt->sender_name);
	CHECK(lt->recipient_name &&
		      strcmp(lt->recipient_name, "Lord Stainsby of Wrexall") == 0,
	      "recipient %s", lt->recipient_name);
	lp_doc_free(doc);
	/* The role under the signature repeats a line of the letterhead,
	 * once: it is the role, not a running header. */
	doc = process("# LONDON FIRE BRIGADE\n\n**London Fire Commissioner**\n\n"
		      "Dear Peter,\n\nThank you for the report.\n\n"
		      "Yours sincerely,\n\n**Adaeze Kilbride QFSM**\n\n"
		      "London Fire Commissioner\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->sender_role &&
		      strcmp(lt->sender_role, "London Fire Commissioner") == 0,
	      "role %s", lt->sender_role);
	lp_doc_free(doc);
	/* A Command Paper's foreword signed at a page's foot: the heading
	 * at the next page's top is neither joined to the role's line nor
	 * part of the role. */
	doc = process(
		"Foreword\n\n"
		"The Government welcomes the Committee's report and thanks all of\n"
		"those who gave written and oral evidence to the inquiry. This\n"
		"response sets out what we are doing now, what we will do next, and\n"
		"when we will do it. I look forward to continuing to work with the\n"
		"Committee as this programme of work is delivered over the coming\n"
		"years, and to reporting to it on the progress that we have made.\n\n"
		"Laura Pennington MP\n\n"
		"Parliamentary Under-Secretary of State for Water and Flooding\n\n"
		"1\n\f"
		"Introduction\n\n"
		"The Committee published its report on 9 July 2026, and the\n"
		"Government has considered each of its recommendations with care.\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->sender_role &&
		      strcmp(lt->sender_role, "Parliamentary Under-Secretary of "
					      "State for Water and Flooding") == 0,
	      "role %s", lt->sender_role);
	lp_doc_free(doc);
	/* pandoc's hard breaks ("\\" at a line's end) part the letterhead's
	 * lines and are not its text. */
	doc = process("**Kingsbridge Council**\n\n"
		      "Councillor Daniel Okafor\\\n"
		      "Chair, Housing Scrutiny Committee\\\n"
		      "Kingsbridge Council\n\n"
		      "Dear Councillor Okafor,\n\nThank you for the report.\n\n"
		      "Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->recipient_name &&
		      strcmp(lt->recipient_name, "Daniel Okafor") == 0 &&
		      !strchr(doc->text, '\\'),
	      "recipient %s", lt->recipient_name);
	lp_doc_free(doc);
	/* An e-mail sent to a clerk and copied to the chair it greets:
	 * the chair is the recipient, without an address; a long "Cc:"
	 * line does not run into the subject. */
	doc = process("From: Chief Fire Officer <cfo@example.gov.uk>\n"
		      "Sent: 11 November 2025 16:05\n"
		      "To: Scrutiny Panel Clerk <scrutiny@example.gov.uk>\n"
		      "Cc: Cllr Denise Arkwright <denise.arkwright@example-fire-authority.gov.uk>\n"
		      "Subject: RE: on-call availability report\n\n"
		      "Dear Councillor Arkwright,\n\nThank you for the report.\n\n"
		      "Kind regards,\n\nMarcus Fenwick\nChief Fire Officer\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->recipient_name &&
		      strcmp(lt->recipient_name, "Denise Arkwright") == 0,
	      "recipient %s", lt->recipient_name);
	lp_doc_free(doc);
	/* A letter's list of copies after its signature names no
	 * recipient. */
	doc = process("Dear Councillor Okafor,\n\nThank you for the report.\n\n"
		      "Yours sincerely,\n\nAmy Lee\nChief Executive\n\n"
		      "cc: Jonathan Amis, Chief Executive, the Board\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(!lt->recipient_name, "recipient %s", lt->recipient_name);
	lp_doc_free(doc);
	/* A Command Paper: presented by one office, its foreword signed by
	 * the minister who writes it. */
	doc = process("# Children in temporary accommodation\n\n"
		      "Presented to Parliament by the Secretary of State for "
		      "Housing by Command of His Majesty\n\n"
		      "## Ministerial foreword\n\nNo child should wait.\n\n"
		      "**Helen Morrow MP**\n\n"
		      "Minister for Homelessness and Rough Sleeping\n\n"
		      "**Recommendation 1**\n\n*The Government should act.*\n\n"
		      "**Government response**\n\nAgreed.\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->sender_name && strcmp(lt->sender_name, "Helen Morrow") == 0,
	      "sender %s", lt->sender_name);
	lp_doc_free(doc);
	/* An e-mail program's "Surname, Forename (title) <address>"; a
	 * sign-off with the first name over the full one. */
	doc = process("From: Okafor, Daniel (THE TRUST) <d.okafor@example.nhs.uk>\n"
		      "To: Pennington, Rachel (Cllr) <r.pennington@example.gov.uk>\n"
		      "Subject: RE: review of maternity services\n\n"
		      "Dear Cllr Pennington,\n\nThank you for the report.\n\n"
		      "Kind regards\n\nDaniel\n\nProfessor Daniel Okafor\n"
		      "Chief Executive\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->recipient_name &&
		      strcmp(lt->recipient_name, "Rachel Pennington") == 0,
	      "recipient %s", lt->recipient_name);
	CHECK(lt->sender_name && strcmp(lt->sender_name, "Daniel Okafor") == 0 &&
		      lt->sender_role &&
		      strcmp(lt->sender_role, "Chief Executive") == 0,
	      "sender %s, %s", lt->sender_name, lt->sender_role);
	lp_doc_free(doc);
	/* A Special Report's heading over the letter names its addressee. */
	doc = process("Letter from Helen Garside MP, Minister for Roads, to "
		      "Clare Whitmore MP, Chair of the Committee, dated 6 "
		      "October 2023\n\nDear Clare,\n\nThank you for the "
		      "report.\n\nYours sincerely,\n\nHelen Garside MP\n");
	if (!doc)
		return;
	lt = &doc->letter;
	CHECK(lt->recipient_name &&
		      strcmp(lt->recipient_name, "Clare Whitmore") == 0,
	      "recipient %s", lt->recipient_name);
	lp_doc_free(doc);
}

static void test_nfc_and_spaces(void)
{
	/* e + combining acute composes; the span of the result maps to both
	 * source characters. */
	const char src[] = "Cafe\xCC\x81\xC2\xA0open\xE2\x80\x8B.\n";
	lp_doc *doc = norm(src, sizeof src - 1);
	if (!doc)
		return;
	CHECK(strcmp(doc->text, "Caf\xC3\xA9 open.") == 0, "[%s]", doc->text);
	CHECK(lp_doc_src_end(doc, 5) == 6, "end of e-acute maps to %zu",
	      lp_doc_src_end(doc, 5));
	lp_doc_free(doc);
}

/* Ten wrapped lines, as pdftotext prints a paragraph. */
static const char wrapped[] =
	"The Mayor has asked officers to review the provision of temporary\n"
	"accommodation across London and to report on the options for a pan-\n"
	"London register. The review will look at placements made by each of\n"
	"the thirty-two boroughs and at the costs of nightly-paid accommo-\n"
	"dation, and will consider the counter-\n"
	"allegations made by some landlords about the quality of inspections\n"
	"that councils carry out before they place families in private homes.\n"
	"It will also consider how the boroughs share information with each\n"
	"other and with the GLA, and whether a shared register would reduce\n"
	"the competition between boroughs for the same privately-\n"
	"provided properties in London, which officers will sup-\n"
	"ply to the review.\n";

static void test_wrapping_and_hyphens(void)
{
	lp_doc *doc = norm(wrapped, sizeof wrapped - 1);
	if (!doc)
		return;
	CHECK(has(doc, "nightly-paid accommodation, and"), "[%s]", doc->text);
	CHECK(has(doc, "counter-allegations"), "[%s]", doc->text);
	CHECK(has(doc, "pan-London"), "[%s]", doc->text);
	CHECK(has(doc, "privately-provided"), "[%s]", doc->text);
	CHECK(has(doc, "will supply to"), "[%s]", doc->text);
	CHECK(!strchr(doc->text, '\n'), "a paragraph was not joined: [%s]",
	      doc->text);
	lp_doc_free(doc);
	/* A soft hyphen (U+00AD) where a line breaks cuts a word, even a
	 * compound-looking one, and even over a page's break; inside a
	 * line it shows nothing. */
	static const char soft[] =
		"The Government will fund damp-proofing and venti\xC2\xAD\n"
		"lation works in older homes, and landlords will report annu\xC2\xAD\n"
		"\n"
		"Page 2 of 5\n"
		"\f"
		"ally on the number of cases, which we will pub\xC2\xADlish.\n";
	doc = norm(soft, sizeof soft - 1);
	if (!doc)
		return;
	CHECK(has(doc, "and ventilation works"), "[%s]", doc->text);
	CHECK(has(doc, "report annually on"), "[%s]", doc->text);
	CHECK(has(doc, "we will publish."), "[%s]", doc->text);
	lp_doc_free(doc);
}

static void test_page_furniture(void)
{
	const char src[] =
		"MAYOR OF LONDON\n\nDear Sam,\n\nThanks for the report.\n\n"
		"Recommendation 1\n\nThe Mayor should publish a plan.\n\n"
		"We will publish the plan once the review from Her\n"
		"Page 1 of 2\n\fMAYOR OF LONDON\n\n"
		"Majesty's Inspectorate is in, and not before.\n"
		"Page 2 of 2\n\f";
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(has(doc, "review from Her Majesty's Inspectorate"), "[%s]",
	      doc->text);
	CHECK(!has(doc, "Page ") && !has(doc, "MAYOR"), "[%s]", doc->text);
	lp_doc_free(doc);
}

static const lp_span *find_span(const lp_doc *doc, enum lp_span_kind kind,
				int n)
{
	for (size_t i = 0; i < doc->nspans; i++)
		if (doc->spans[i].kind == kind && n-- == 0)
			return &doc->spans[i];
	return NULL;
}

/* Does span @sp have attribute @key, and is it @want?  False, not a
 * crash, when either is missing. */
static bool attr_is(const lp_span *sp, const char *key, const char *want)
{
	const char *v = sp ? lp_span_attr(sp, key) : NULL;
	return v && strcmp(v, want) == 0;
}

/* Does span @sp hold @needle anywhere in its text? */
static bool span_has(const lp_doc *doc, const lp_span *sp, const char *needle)
{
	return sp && memmem(doc->text + sp->start, sp->end - sp->start, needle,
			    strlen(needle)) != NULL;
}

static bool span_is(const lp_doc *doc, const lp_span *sp, const char *want)
{
	return sp && sp->end - sp->start == strlen(want) &&
	       memcmp(doc->text + sp->start, want, strlen(want)) == 0;
}

/* An answer's stance on a line of its own at the foot of two pages is
 * the answer's, not a running footer. */
static void test_stance_at_page_edges(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"My answers follow.\n\nYours sincerely,\n\nAnn Lee\n\n"
		"Recommendation 1\n\nThe Commissioner should act.\n\n"
		"ACCEPTED\n\nPage 1 of 3\n\f"
		"Recommendation 2\n\nThe Commissioner should report.\n\n"
		"ACCEPTED\n\nPage 2 of 3\n\f"
		"Recommendation 3\n\nThe Commissioner should publish.\n\n"
		"NOT ACCEPTED\n\nPage 3 of 3\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1), "ACCEPTED"),
	      "response 2 keeps its stance: [%s]", doc->text);
	lp_doc_free(doc);
}

/* A line that ends some answers at a page's foot and others inside a
 * page ("Financial Implications: None.") is theirs, not a footer. */
static void test_line_inside_and_at_edges(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"Recommendation 1. The Government should act.\n\n"
		"Response: Accept\n\nWe will act.\n\n"
		"Financial Implications: None.\n\n"
		"Recommendation 2. The Government should report.\n\n"
		"Response: Accept\n\nWe will report.\n\n"
		"Financial Implications: None.\n\nPage 1\n\f"
		"Recommendation 3. The Government should publish.\n\n"
		"Response: Accept\n\nWe will publish.\n\n"
		"Financial Implications: None.\n\nPage 2\n\f"
		"Recommendation 4. The Government should consult.\n\n"
		"Response: Reject\n\nWe will not.\n\nPage 3\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r && doc->text[r->end - 1] == '.' &&
		      strstr(doc->text + r->start, "Implications: None.") &&
		      (size_t)(strstr(doc->text + r->start,
				      "Implications: None.") - doc->text) <
			      r->end,
	      "answer 2 keeps its last line: [%.*s]",
	      r ? (int)(r->end - r->start) : 0,
	      r ? doc->text + r->start : "");
	lp_doc_free(doc);
}

/* A letterhead at the top of every page is furniture though the
 * addressee's lines on the first page repeat some of it (the Mayor
 * writing to the Assembly, both at City Hall). */
static void test_letterhead_like_address(void)
{
	lp_doc *doc = process(
		"MAYOR OF LONDON\nCity Hall\nKamal Chunchie Way\nLondon E16 1ZE"
		"\nJo Bloggs AM\nChair of the Housing Committee\nCity Hall\n"
		"Kamal Chunchie Way\nLondon E16 1ZE\n\nDear Jo,\nThank you for "
		"your letter. My answers to the six recommendations follow here."
		"\n\fMAYOR OF LONDON\nCity Hall\nKamal Chunchie Way\n"
		"London E16 1ZE\nRecommendation 1\nThe Mayor should act.\n"
		"I agree, and I expect that the\n\fMAYOR OF LONDON\nCity Hall\n"
		"Kamal Chunchie Way\nLondon E16 1ZE\nprogramme will deliver 1,000"
		" homes.\n");
	if (!doc)
		return;
	CHECK(strstr(doc->text, "I expect that the programme will deliver"),
	      "the letterhead is gone from the sentence it cut: [%s]",
	      doc->text);
	lp_doc_free(doc);
}

/* A notice printed on every page, next to the running letterhead and at
 * the end, is furniture; an answer repeated word for word is not. */
static void test_repeated_notice(void)
{
	static const char notice[] =
		"*Anytown Health Board is the operating name of Anytown Local "
		"Health Board*\n\n";
	char src[1024];
	snprintf(src, sizeof src,
		 "# Anytown Health Board\n\nHeadquarters\n\nUnit 4\n\n"
		 "Anytown\n\nAN1 2BC\n\nDear Chair,\n\n"
		 "Thank you for the report.\n\n%s# Anytown Health Board\n\n"
		 "Recommendation 1\n\nThe Board should act.\n\n"
		 "The Board agrees with this recommendation.\n\n"
		 "%s# Anytown Health Board\n\n"
		 "Recommendation 2\n\nThe Board should report.\n\n"
		 "The Board agrees with this recommendation.\n\n"
		 "Recommendation 3\n\nThe Board should publish.\n\n"
		 "The Board agrees with this recommendation.\n\n%s",
		 notice, notice, notice);
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(!has(doc, "operating name"), "[%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "The Board agrees with this recommendation."),
	      "the last answer, without the notice");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Board agrees with this recommendation."),
	      "an answer repeated word for word stays");
	lp_doc_free(doc);
	/* A long running header that once cuts a sentence in two, and
	 * elsewhere stands between paragraphs. */
	static const char header[] =
		"Western Peninsula Transport Board | Paper TB/26/07 | OFFICIAL\n\n";
	snprintf(src, sizeof src,
		 "Dear Chair,\n\nThank you for the report.\n\n"
		 "Our answers follow.\n\nYours sincerely,\n\nAnn Lee\n\n"
		 "Recommendation 1\n\nThe Board should build cycle routes.\n\n"
		 "Not agreed. The Board will share its data with both "
		 "authorities so that they can prioritise\n\n%s"
		 "routes to schools.\n\n%s"
		 "Recommendation 2\n\nThe Board should report.\n\n"
		 "Agreed.\n\n%s",
		 header, header, header);
	doc = process(src);
	if (!doc)
		return;
	CHECK(!has(doc, "OFFICIAL"), "[%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Not agreed. The Board will share its data with both "
		      "authorities so that they can prioritise routes to "
		      "schools."),
	      "the answer, joined over the header");
	lp_doc_free(doc);
}

/* A running header that prints the letterhead's two lines as one, and a
 * label whose colon is bold of its own, glued to the label's bold. */
static void test_markdown_header_and_glued_colon(void)
{
	lp_doc *doc = process(
		"**MAYOR OF LONDON**\n\n**OFFICE FOR POLICING AND CRIME**\n\n"
		"Dear Ann,\n\n"
		"**Recommendation 1****:** MOPAC should fund the boards.\n\n"
		"MOPAC funds the boards.\n\n"
		"# MAYOR OF LONDON OFFICE FOR POLICING AND CRIME\n\n"
		"MOPAC will maintain this funding.\n\n"
		"**Recommendation 2:** The Met should publish its model.\n\n"
		"We agree.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "MOPAC funds the boards.\n\nMOPAC will maintain this "
		      "funding."),
	      "the response runs on past the running header");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "MOPAC should fund the boards."),
	      "the bold colon stays with its label");
	lp_doc_free(doc);
}

/* The pairs of @doc are numbered @want[0..n), and there are no more. */
static void check_pair_numbers(const lp_doc *doc, const char *const *want,
			       int n)
{
	for (int k = 0; k < n; k++) {
		const lp_span *p = find_span(doc, LP_SPAN_PAIR, k);
		CHECK(attr_is(p, "number", want[k]),
		      "pair %d: %s", k, p ? lp_span_attr(p, "number") : "-");
	}
	CHECK(!find_span(doc, LP_SPAN_PAIR, n), "%d pairs", n);
}

static void test_labels(void)
{
	lp_doc *doc = process(
		"Recommendation 1 (paragraph 26)\n\n"
		"The Department should fund it.\n\n"
		"The Government agrees with this recommendation. It will.\n\n"
		"Recommendations 2 and 3\n\n"
		"The Department must (a) count them; and (b) say so.\n\n"
		"Accepted. We will do both.\n\n"
		"Recommendation 4: The Department should act. "
		"The Government partly agrees with this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p0 && attr_is(p0, "number", "1") &&
		      attr_is(p0, "paragraph", "26"),
	      "first label");
	CHECK(p1 && attr_is(p1, "number", "2,3"),
	      "combined label: %s", p1 ? lp_span_attr(p1, "number") : "-");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Department should fund it."),
	      "recommendation 1");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. We will do both."),
	      "response 2");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_PART, 1), "(b) say so."),
	      "part b");
	/* The stance run into the label's paragraph starts the response. */
	CHECK(p2 && span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 2),
			    "The Department should act."),
	      "inline recommendation 4");
	lp_doc_free(doc);
	/* Parts answered part by part: "a) We agree." is the answer. */
	doc = process("Recommendation 5: The Authority should: a) publish "
		      "each case; and b) report each year.\n\n"
		      "a) We agree. We will publish them.\n\n"
		      "b) We do not agree.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Authority should: a) publish each case; and b) "
		      "report each year."),
	      "recommendation 5 stops before its answer's parts");
	lp_doc_free(doc);
}

/* Labels that write their numbers as words, and a range of them quoted
 * together: each quoted recommendation is part of the one pair. */
static void test_number_words(void)
{
	lp_doc *doc = process(
		"Recommendation One\n\n"
		"The Commissioner should publish response times.\n\n"
		"Response: Agreed. We will publish them.\n\n"
		"Recommendations Two to Four\n\n"
		"The Commissioner should review the estate.\n\n"
		"The Commissioner should sell the old depot.\n\n"
		"The Commissioner should report to the panel.\n\n"
		"We agree. The review will report in June.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p0 && attr_is(p0, "number", "1"),
	      "One: %s", p0 ? lp_span_attr(p0, "number") : "-");
	CHECK(p1 && attr_is(p1, "number", "2,3,4"),
	      "Two to Four: %s", p1 ? lp_span_attr(p1, "number") : "-");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "We agree. The review will report in June."),
	      "the range's three recommendations are quoted before its "
	      "response");
	lp_doc_free(doc);
}

/* A Markdown table of responses, as a converter prints a table in a
 * PDF: each row a pair; the head and its rule are not text.  @src's
 * table has @rows rows, as @want gives them (number, recommendation,
 * response); with @number_cells, a cell of its own numbers each row. */
static void check_table(const char *src, bool number_cells, int rows,
			const char *want[][3])
{
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(!has(doc, "|") && !has(doc, "---"), "[%s]", doc->text);
	CHECK(!has(doc, "No.") && !has(doc, "\nResponse"),
	      "the head's names of columns are not text: [%s]", doc->text);
	for (int k = 0; k < rows; k++) {
		/* A cell that only numbers the row opens the next cell's
		 * paragraph: "3. The Council should ...". */
		if (number_cells) {
			char line[128];
			snprintf(line, sizeof line, "%s. %s", want[k][0],
				 want[k][1]);
			CHECK(has(doc, line), "row %d: no line '%s' in [%s]", k,
			      line, doc->text);
		}
		const lp_span *p = find_span(doc, LP_SPAN_PAIR, k);
		const lp_span *rec = find_span(doc, LP_SPAN_RECOMMENDATION, k);
		const lp_span *resp = find_span(doc, LP_SPAN_RESPONSE, k);
		CHECK(attr_is(p, "number", want[k][0]),
		      "row %d: number %s", k,
		      p ? lp_span_attr(p, "number") : "-");
		CHECK(span_is(doc, rec, want[k][1]), "row %d: recommendation",
		      k);
		CHECK(span_is(doc, resp, want[k][2]), "row %d: response", k);
		/* The response maps back to its own cell's bytes. */
		CHECK(resp && memcmp(src + doc->map[resp->start], want[k][2],
				     strlen(want[k][2])) == 0,
		      "row %d: the response's source offset", k);
	}
	lp_doc_free(doc);
}

static void test_markdown_tables(void)
{
	/* A cell numbers the row. */
	const char *numbered[][3] = {
		{ "1", "The Council should publish a register.",
		  "Agreed. We will publish it in June 2025." },
		{ "2", "The Council should raise the grant.", "Not agreed." },
		{ "3", "The Council should report yearly.", "Agreed." },
	};
	check_table("**Response to the panel**\n\n"
		    "| No. | Recommendation | Response |\n"
		    "|---|:---|---|\n"
		    "| 1 | The Council should publish a register. | Agreed. "
		    "We will publish it in June 2025. |\n"
		    "| 2. | The Council should raise the grant. | Not agreed. "
		    "|\n"
		    "| 3\\. | The Council should report yearly. | Agreed. |\n",
		    true, 3, numbered);
	/* The first cell holds the label. */
	const char *labelled[][3] = {
		{ "3", "TfL should report monthly.", "TfL will report monthly." },
		{ "4", "The Mayor should fund buses.", "I agree." },
	};
	check_table("| Recommendation | Response |\n"
		    "| --- | --- |\n"
		    "| **Recommendation 3:** TfL should report monthly. | "
		    "TfL will report monthly. |\n"
		    "| **Recommendation 4:** The Mayor should fund buses. | "
		    "I agree. |\n",
		    false, 2, labelled);
}

/* A two-column letterhead that a converter made a table of one row and
 * its rule: the row is text, a cell's "<br>" a line's end. */
static void test_letterhead_table(void)
{
	lp_doc *doc = process(
		"**MAYOR OF LONDON**\n\n"
		"| Nadia Rowe AM<br>Chair of the Committee<br>City Hall | "
		"**Our ref:** MGLA170325-4402<br>**Date:** 11 June 2025 |\n"
		"|---|---|\n\n"
		"Dear Nadia,\n\nThank you for the report.\n\n"
		"Yours sincerely,\n\nImran Delacourt\nMayor of London\n");
	if (!doc)
		return;
	CHECK(has(doc, "Nadia Rowe AM\nChair of the Committee") &&
		      !has(doc, "<br>"),
	      "[%s]", doc->text);
	CHECK(doc->letter.date && strcmp(doc->letter.date, "2025-06-11") == 0,
	      "date %s", doc->letter.date ? doc->letter.date : "(none)");
	CHECK(doc->letter.reference &&
		      strcmp(doc->letter.reference, "MGLA170325-4402") == 0,
	      "reference %s",
	      doc->letter.reference ? doc->letter.reference : "(none)");
	lp_doc_free(doc);
}

/* A grid table, as pandoc writes one from a Word document: cells wrapped
 * over several lines, a blank line inside a cell between its
 * paragraphs, the head over a "+===+" border. */
static void test_grid_table(void)
{
	lp_doc *doc = process(
		"Our responses are below.\n\n"
		"+-----+-------------------+-------------------+\n"
		"| No. | Recommendation    | Response          |\n"
		"+=====+===================+===================+\n"
		"| 1\\. | The Council       | **Agreed.** We    |\n"
		"|     | should publish a  | will publish it.  |\n"
		"|     | register.         |                   |\n"
		"|     |                   | It will be        |\n"
		"|     |                   | monthly.          |\n"
		"+-----+-------------------+-------------------+\n"
		"| 2\\. | The Council       | Not agreed.       |\n"
		"|     | should raise the  |                   |\n"
		"|     | grant.            |                   |\n"
		"+-----+-------------------+-------------------+\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2" };
	check_pair_numbers(doc, want, 2);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Council should publish a register."),
	      "a cell's lines make one paragraph");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We will publish it.\n\nIt will be monthly."),
	      "a blank line in the cell parts its paragraphs");
	CHECK(!has(doc, "Recommendation") && !has(doc, "|"), "[%s]", doc->text);
	lp_doc_free(doc);
}

/* A table as pdftotext prints it: each cell a paragraph, the row's
 * number a line of its own.  Inside a page such a number is the row's;
 * at a page's edge, a bare number is the page's. */
static void test_pdftotext_table(void)
{
	lp_doc *doc = process(
		"Dear Councillor Patel,\n\n"
		"Our responses are in the table below.\n\n"
		"No.\n\nRecommendation\n\nResponse\n\n"
		"1\n\n"
		"The Council should publish a register of empty\n"
		"homes every quarter.\n\n"
		"Agreed. We will publish the first register in\n"
		"June 2025.\n\n"
		"2\n\n"
		"The Council should raise the grant.\n\n"
		"Not agreed. The budget does not allow it.\n\n"
		"7\n\f"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p0 && attr_is(p0, "number", "1"), "row 1");
	CHECK(p1 && attr_is(p1, "number", "2"), "row 2");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Council should publish a register of empty homes "
		      "every quarter."),
	      "recommendation 1");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Not agreed. The budget does not allow it."),
	      "response 2, without the page number after it");
	lp_doc_free(doc);
}

/* Headings over groups of recommendations ("Recommendations 1 to 3")
 * that are then numbered or labelled one by one are not pairs; a label
 * over recommendations quoted together and answered once is. */
static void test_group_headings(void)
{
	lp_doc *doc = process(
		"## Recommendations 1 to 2\n\n"
		"### 1. That the Council opens a grant scheme.\n\n"
		"Response: Agreed. The fund will open in January.\n\n"
		"### 2. That the Council offers free parking.\n\n"
		"Response: Not agreed.\n\n"
		"## Recommendations 3 to 4\n\n"
		"Recommendation 3\n\nThat the Council funds a manager.\n\n"
		"Response: Agreed.\n\n"
		"Recommendations 4 and 5\n\n"
		"4. The Council should publish the data.\n\n"
		"5. The Council should consult traders.\n\n"
		"We agree and will do both.\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2", "3", "4,5" };
	check_pair_numbers(doc, want, 4);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Not agreed."),
	      "the next group's heading is not in the answer before it");
	lp_doc_free(doc);
}

/* A Special Report: running headers made headings (or lines of their
 * own), numbered at either end; two bold recommendations, the first opening with a finding,
 * answered together; a bold conclusion that asks nothing, unanswered,
 * not joined to the recommendation after it. */
static void test_special_report(void)
{
	lp_doc *doc = process(
		"**1. Grants are paid late. The Department should pay them "
		"on time. (Paragraph 12)**\n\n"
		"The Government agrees with this recommendation.\n\n"
		"# 4 Rural buses: Government Response to the Third Report\n\n"
		"**2. The grant rewards fuel use. The Department should "
		"review it.**\n\n"
		"**3. The Department should pay it to authorities.**\n\n"
		"The Government will respond to recommendations 2 and 3 "
		"together.\n\n"
		"**4. Volunteers fill the gaps left by cuts.**\n\n"
		"**5. The Department should fund driver training for "
		"rural**\n\n"
		"# Rural buses: Government Response to the Third Report 5\n\n"
		"**depots.**\n\n"
		"The Government does not agree.\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2,3", "4", "5" };
	check_pair_numbers(doc, want, 4);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 3),
		      "The Department should fund driver training for rural "
		      "depots."),
	      "the running header is not in recommendation 5");
	CHECK(!has(doc, "Rural buses"), "[%s]", doc->text);
	lp_doc_free(doc);
	/* The same headers as lines of their own, a page apart; labels a
	 * number apart ("Recommendation 1", "Recommendation 2") stay. */
	doc = process(
		"Recommendation 1\n\n"
		"The Department should pay grants on time.\n\n"
		"The Government agrees. It will pay within\n\n"
		"4 Holding the Line: Government Response\n\n"
		"thirty days from April.\n\n"
		"Recommendation 2\n\n"
		"The Department should review the grant.\n\n"
		"Holding the Line: Government Response 5\n\n"
		"The Government does not agree.\n");
	if (!doc)
		return;
	static const char *const two[] = { "1", "2" };
	check_pair_numbers(doc, two, 2);
	CHECK(!has(doc, "Holding the Line") &&
		      has(doc, "It will pay within thirty days"),
	      "[%s]", doc->text);
	lp_doc_free(doc);
}

/* A report to Cabinet: no salutation, and the response's title just
 * before the first recommendation; the report's own paragraphs before
 * the title are its cover. */
static void test_report_cover(void)
{
	lp_doc *doc = process(
		"NORTHMOOR BOROUGH COUNCIL\n\n"
		"Date: 11 November 2025\n\n"
		"1. Purpose of report\n\n"
		"1.1 This report sets out the Cabinet's response to the "
		"review, which the Committee endorsed on 16 September 2025.\n\n"
		"4. Response to the Committee's recommendations\n\n"
		"Recommendation 1\n\nThe Council should lease more homes.\n\n"
		"Cabinet response: Supported. The Council will lease 30.\n\n"
		"Recommendation 2\n\nThe Council should inspect them.\n\n"
		"Cabinet response: Supported.\n");
	if (!doc)
		return;
	const lp_span *cover = find_span(doc, LP_SPAN_COVER, 0);
	CHECK(cover && strstr(doc->text + cover->start, "1.1 This report") &&
		      cover->end <= (size_t)(strstr(doc->text, "4. Response") -
					     doc->text),
	      "the report's paragraphs are its cover");
	lp_doc_free(doc);
}

/* A reference at the start of a wrapped line ("... described under /
 * Recommendation 1.") is not a label; a list item after "and" still
 * starts its own line. */
static void test_reference_at_line_start(void)
{
	lp_doc *doc = process(
		"Recommendation 7 (paragraph 112)\n"
		"The Government should set a target for reducing the number of "
		"empty homes.\n"
		"Not accepted.\n"
		"The Government will instead report the number of long-term "
		"empty homes each\n"
		"year through the council tax base statistics and through the "
		"new estimate\n"
		"described in our response to the Committee's report, as set "
		"out under\n"
		"Recommendation 1.\n"
		"Recommendation 8 (paragraph 120)\n"
		"We ask the Government to write to the Committee within twelve "
		"months.\n"
		"Accepted. I will write to the Committee in November 2024 "
		"setting out the progress\n"
		"made on each of the recommendations that the Government has "
		"accepted, and on:\n"
		"- the estimate of long-term empty homes in each council area; "
		"and\n"
		"- the guidance on the use of the powers that councils now "
		"have.\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "8"), "pair 8: %s",
	      p1 ? lp_span_attr(p1, "number") : "-");
	CHECK(has(doc, "as set out under Recommendation 1."), "[%s]",
	      doc->text);
	CHECK(has(doc, "area; and\nthe guidance"), "the list item keeps its "
	      "line: [%s]", doc->text);
	lp_doc_free(doc);
}

/* Nothing between two pairs is lost: a short bold line over a sentence
 * that goes on ("The Mayor" / "agrees that ..."), and a heading with
 * text under it before the next label, stay in the answer. */
static void test_heading_inside_answer(void)
{
	lp_doc *doc = process(
		"**Recommendation 1:** The Met must keep officers in wards.\n\n"
		"MOPAC shares the concern.\n\n"
		"**The Mayor**\n\nagrees that the aim is right.\n\n"
		"## Funding\n\n"
		"MOPAC will fund more officers.\n\n"
		"**Recommendation 2:** The Mayor should publish a plan.\n\n"
		"We agree.\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 0);
	const char *fund = r ? strstr(doc->text + r->start,
				      "will fund more officers")
			     : NULL;
	CHECK(r && strstr(doc->text + r->start, "agrees that the aim") &&
		      fund && fund < doc->text + r->end,
	      "the first answer runs to the next label");
	lp_doc_free(doc);
}

/* A fire brigade's Markdown: the recommendation a block quote of
 * several paragraphs (empty quote lines, ">"), the answer under "**LFB
 * response**", once glued to its first sentence. */
static void test_quoted_recommendations(void)
{
	lp_doc *doc = process(
		"### Recommendation 1\n\n"
		"> The Brigade should work with councils to:\n>\n"
		"> (i) expand the campaign; and\n>\n"
		"> (ii) offer home visits.\n\n"
		"**LFB response**\n\nAgreed. We will do both.\n\n"
		"### Recommendation 2\n\n"
		"> The Brigade should publish its data.\n\n"
		"**LFB response**We do not publish it yet, but will.\n\n"
		"### Recommendation 3\n\n"
		"> The Brigade should train its staff.\n\n"
		"**LFB response**\n\n**Agreed.**The Brigade trains them.\n");
	if (!doc)
		return;
	CHECK(!has(doc, ">"), "[%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "Agreed.The Brigade trains them."),
	      "bold that ends a sentence stays glued, as the letter has it");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We will do both."),
	      "response 1 after its label");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "We do not publish it yet, but will."),
	      "response 2 after its glued label");
	lp_doc_free(doc);
}

/* A letter that numbers all its paragraphs ("3." in the cover, "4." and
 * "5." answering recommendation 1): the answer starts at its words, not
 * at the letter's number, and the numbered courtesy paragraph that
 * closes the letter ("6. We hope ...") is no answer's.  A list that
 * opens an answer keeps its "1.". */
static void test_letter_paragraph_numbers(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\n"
		"3. We set out our response to each recommendation below.\n\n"
		"**Recommendation 1 (paragraph 23)**\n\n"
		"**The regulator should publish its data every year.**\n\n"
		"4. We accept this recommendation. The data will be "
		"published.\n\n"
		"5. We will publish the first edition in the autumn.\n\n"
		"**Recommendation 2 (paragraph 31)**\n\n"
		"**The regulator should review its fees.**\n\n"
		"1. Fees were last reviewed in 2023.\n\n"
		"2. We will review them again next year.\n\n"
		"6. We hope this response is helpful to the Committee.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *r1 = find_span(doc, LP_SPAN_RESPONSE, 0);
	const lp_span *r2 = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r1 && strncmp(doc->text + r1->start, "We accept", 9) == 0,
	      "the answer starts after the letter's number 4");
	CHECK(r2 && strncmp(doc->text + r2->start, "1. Fees", 7) == 0,
	      "a list that opens the answer keeps its number");
	const char *hope = strstr(doc->text, "We hope");
	CHECK(r2 && hope && (size_t)(hope - doc->text) >= r2->end,
	      "the numbered closing paragraph is not the last answer's");
	lp_doc_free(doc);
}

/* A letter signed after its last answer with no valediction: the
 * converter's words for the signature, over the name, end the answer. */
static void test_signature_ends_last_answer(void)
{
	lp_doc *doc = process(
		"**Recommendation 1 -****The Council should review fares.**\n\n"
		"**Executive Response:** Agreed. The review will report in "
		"May.\n\n"
		"**Recommendation 2 -****The Council should publish data.**\n\n"
		"**Executive Response:** Agreed. The Leader will share the "
		"data with the Committee.\n\n"
		"A signature in black ink reading 'H Maddox'.**Councillor "
		"Helen Maddox**\n\n"
		"Cabinet Member for Transport\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed. The Leader will share the data with the "
		      "Committee."),
	      "[%s]", doc->text);
	lp_doc_free(doc);
}

/* A letter with no blank lines between its paragraphs: the courtesy
 * line after the last answer's "Target date:" field closes the letter,
 * though it shares the answer's paragraph. */
static void test_closing_after_field(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\n"
		"Recommendation 1: The Board should publish its plan.\n"
		"Accepted. The plan will be published in May.\n"
		"Lead: Director of Planning\n"
		"Target date: May 2025\n"
		"Recommendation 2: The Board should train its staff.\n"
		"Accepted. Training starts in June.\n"
		"Lead: Director of Workforce\n"
		"Target date: June 2025\n"
		"I hope this response is helpful. My office would be happy to "
		"arrange a visit.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r && !span_has(doc, r, "I hope"),
	      "[%.*s]", r ? (int)(r->end - r->start) : 0,
	      r ? doc->text + r->start : "");
	lp_doc_free(doc);
}

/* A running header that Markdown from a PDF set into sentences, glued
 * to the words on both sides, once in bold and once between two bold
 * runs: furniture, and the sentences close over it. */
static void test_glued_running_header(void)
{
	lp_doc *doc = process(
		"**R1****The Board should add more clinics.**\n\n"
		"**Response:** Accepted. The Board will commission an "
		"additional**Pennine Board | Response to the review**12,000 "
		"appointments a year.\n\n"
		"**R2****The Board should train staff to work in**Pennine "
		"Board | Response to the review**Calderbrook.**\n\n"
		"**Response:** Accepted. Training starts in May.\n");
	if (!doc)
		return;
	CHECK(!has(doc, "Pennine Board"), "[%s]", doc->text);
	CHECK(has(doc, "an additional 12,000 appointments"), "[%s]",
	      doc->text);
	CHECK(has(doc, "to work in Calderbrook."), "[%s]", doc->text);
	lp_doc_free(doc);
	/* A footer glued after a sentence's end, the same (its page
	 * number aside) as the footers on lines of their own. */
	doc = process(
		"Dear Chair,\n\nOur response is below.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n\n"
		"**Patient Report Response | Page 1**\n\n# Trust response\n\n"
		"1) The Trust should repair the shower.\n\n"
		"**Trust response:** Accepted. It was repaired in April, and "
		"a new bathroom will follow.**Patient Report Response | Page "
		"2**\n\n"
		"2) The Trust should add signs.\n\n"
		"**Trust response:** Accepted. Signs go up in May.\n\n"
		"**Patient Report Response | Page 3**\n");
	if (!doc)
		return;
	CHECK(!has(doc, "Report Response"), "[%s]", doc->text);
	lp_doc_free(doc);
}

/* Does @src give the letter the date @want? */
static void check_letter_date(const char *src, const char *want,
			      const char *what)
{
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(doc->letter.date && strcmp(doc->letter.date, want) == 0,
	      "%s: date %s", what, doc->letter.date);
	lp_doc_free(doc);
}

/* A page's "Published 14 October 2025" is not the letter's date when the
 * letter has a line that is only a date; nor is the day a Special
 * Report says the response was received, when the response's letter is
 * dated; a decision page dates itself after the decision, "Date of
 * decision:" over the date, before the page's date of publication. */
static void test_letter_dates(void)
{
	check_letter_date("Published 14 October 2025\n\n"
			  "Our ref: MIN-2025-0417\n\n8 October 2025\n\n"
			  "Dear Chair,\n\nThank you for the report.\n\n"
			  "Yours sincerely,\n\nJo Bloggs\n",
			  "2025-10-08", "a line that is only a date");
	check_letter_date("Published\n\n27 June 2024\n\n"
			  "Convener\n\n25 June 2024\n\n"
			  "Dear Convener,\n\nThank you for the report.\n\n"
			  "Yours sincerely,\n\nJo Bloggs\n",
			  "2024-06-25", "a web page's date under its label");
	check_letter_date("Published\n\n27 June 2024\n\n"
			  "Dear Convener,\n\nThank you for the report.\n\n"
			  "Yours sincerely,\n\nJo Bloggs\n",
			  "2024-06-27", "the page's date, when the letter has none");
	static const char special[] =
		"The Government's response was received on 19 November 2025 "
		"and is appended to this report.\n\n"
		"## Appendix: Government Response\n\n";
	static const char answer[] =
		"Dear Chair,\n\nThank you for the report.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n";
	char src[512];
	snprintf(src, sizeof src, "%s18 November 2025\n\n%s", special,
		 answer);
	check_letter_date(src, "2025-11-18", "a Special Report's dated letter");
	snprintf(src, sizeof src, "%s%s", special, answer);
	check_letter_date(src, "2025-11-19", "a Special Report's undated one");
	check_letter_date("# Damp and mould: Cabinet response to the Panel\n\n"
			  "Agenda item 9 - Report ref: KBC/CAB/24/031 · "
			  "Cabinet, Wednesday 13 March 2024\n\n"
			  "The Panel made two recommendations, agreed on 23 "
			  "November 2023.\n\n"
			  "Recommendation 1\n\nThe Council should act.\n\n"
			  "Supported. It will act within six months.\n",
			  "2024-03-13", "a web page's line of particulars");
	check_letter_date("Decision details\n\nDecision reference:\n\n"
			  "KD/2025/117\n\n"
			  "Recommendation 1\n\nThe Council should act.\n\n"
			  "Supported. It will act in the spring.\n\n"
			  "Recommendation 2\n\nThe Council should report.\n\n"
			  "Supported.\n\n"
			  "Publication date:\n\n11/12/2025\n\n"
			  "Date of decision:\n\n09/12/2025\n",
			  "2025-12-09", "a decision page");
	check_letter_date("Decision details\n\n"
			  "Recommendation 1\n\nThe Council should act.\n\n"
			  "Supported. It will act in the spring.\n\n"
			  "Recommendation 2\n\nThe Council should report.\n\n"
			  "Supported.\n\n"
			  "Date of decision: 21/11/2024\n",
			  "2024-11-21", "a decision page's date on its label's line");
	/* A Command Paper dated on its title page by the month alone:
	 * the letter's date is the month, and "later this year" counts
	 * from its first day. */
	static const char command_paper[] =
		"Government Response to the Committee's Third Report\n\n"
		"Presented to Parliament by the Secretary of State by Command "
		"of His Majesty\n\n"
		"October 2026\n\nCP 1418\n\n"
		"Recommendation 1 (paragraph 26)\n\n"
		"The Department should publish a plan.\n\n"
		"The Government agrees. It will publish one later this year.\n\n"
		"Recommendation 2 (paragraph 31)\n\n"
		"The Department should fund the work.\n\n"
		"The Government does not agree.\n";
	check_letter_date(command_paper, "2026-10", "a Command Paper's month");
	lp_doc *doc = process_all(command_paper);
	if (!doc)
		return;
	const lp_span *d = find_span(doc, LP_SPAN_DATE, 0);
	CHECK(attr_is(d, "value", "2026-10-01/2026-12-31"),
	      "later this year: %s", d ? lp_span_attr(d, "value") : "none");
	lp_doc_free(doc);
}

/* A table as `pdftotext -layout` prints it, its columns side by side:
 * read a row at a time, column by column; a word cut at a column's line
 * end joined again; the heads of the columns, repeated over the next
 * page, and the page's footer are not the cells' text. */
static void test_layout_table(void)
{
	lp_doc *doc = process(
		"Dear Councillor Patel,\n\n"
		"Our responses are set out below.\n\n"
		"      Committee recommendation        Council response\n\n"
		"1     The Council should publish a    Agreed. We will publish the\n"
		"      register of empty homes every   first register in June 2025.\n"
		"      quarter.\n\n"
		"                                      The register will be kept\n"
		"                                      up to date.\n\n"
		"2     The Council should raise the    Not agreed. The budget does\n"
		"      grant paid to owners.           not allow it, and the\n"
		"                                      current grant is well used\n"
		"                    Page 1 of 2\n\f"
		"      Committee recommendation        Council response\n\n"
		"                                      by owners of long-term\n"
		"                                      empty homes.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2"), "two rows");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Council should publish a register of empty homes "
		      "every quarter."),
	      "recommendation 1, its column's lines joined");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We will publish the first register in June "
		      "2025.\n\nThe register will be kept up to date."),
	      "response 1, its two paragraphs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Not agreed. The budget does not allow it, and the "
		      "current grant is well used by owners of long-term "
		      "empty homes."),
	      "response 2 across the page, without the heads or footer");
	lp_doc_free(doc);
	/* Rows numbered "R1"; an address footer set apart at the page's
	 * foot, inside the recommendation's column. */
	doc = process(
		"Dear Councillor Patel,\n\n"
		"Our responses are set out below.\n\n"
		"      Recommendation                  Response\n\n"
		"R1    The Council should publish a    Agreed. We will publish the\n"
		"      register of empty homes.        register in June 2025.\n\n"
		"R2    The Council should raise the    Not agreed. The budget does\n"
		"      grant paid to owners of         not allow it.\n\n\n"
		"        Civic Centre, High Street, Anytown AT1 1AA\n"
		"                    Page 1 of 2\n\f"
		"      Recommendation                  Response\n\n"
		"      empty homes.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Council should raise the grant paid to owners of "
		      "empty homes."),
	      "R2's recommendation across the page, without the footer");
	lp_doc_free(doc);
	/* Heads of six words ("Cabinet response, lead officer and
	 * timescale"), the rows numbered in their first cell. */
	doc = process(
		"Dear Councillor Patel,\n\n"
		"Our responses are set out below.\n\n"
		" Group recommendation              Cabinet response, lead officer and timescale\n\n"
		" R1 That the Council publishes a   Supported. We will publish the\n"
		" register of empty homes.          register in June 2025.\n"
		"                                   Lead officer: Head of Housing\n\n"
		" R2 That the Council raises the    Not supported. The budget does\n"
		" grant paid to owners.             not allow it.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "That the Council publishes a register of empty homes."),
	      "R1's recommendation, its column alone");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Not supported. The budget does not allow it."),
	      "R2's response, its column alone");
	lp_doc_free(doc);
	/* The row's number starts its first cell, whose lines go on under
	 * the number; a cell's line that starts with a count is no row; the
	 * page's header above the heads again is not a cell's text; and the
	 * cover's wrapped lines are still joined, the rows' long lines not
	 * taken for the width they were wrapped at. */
	doc = process(
		"Dear Councillor Patel,\n\n"
		"Thank you for the Panel's report, which was agreed at its\n"
		"meeting on 9 December. I am grateful to the Members of the\n"
		"task group for the care they took in gathering evidence,\n"
		"and for supporting the precept at their meeting on 27\n"
		"January. My response to each recommendation is below, and\n"
		"I have accepted both of them in full or in part.\n\n"
		"Yours sincerely,\n\nAmy Lee\n\f"
		"      Panel recommendation           Commissioner's response\n\n"
		"      1. The Commissioner should     Accepted. The Chief Constable has confirmed that the extra\n"
		"      publish the number of          officers will join neighbourhood teams, and I will publish\n"
		"      officers every quarter.        the figures on my website every quarter from July 2026.\n\n"
		"      2. The Commissioner should     Partially accepted. The Hub contacts most victims within\n"
		"      fund the Hub so that every     a day, and I have increased its grant for the year ahead.\n"
		"      victim is called within\n"
		"      24 hours of reporting.\n\f"
		"        Response of the Police and Crime Commissioner\n\n"
		"      Panel recommendation           Commissioner's response\n\n"
		"                                     I will review the Hub's funding in the autumn.\n");
	if (!doc)
		return;
	const lp_span *r1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(r1 && attr_is(r1, "number", "2") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "two rows, '24 hours' in a cell no third");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Commissioner should publish the number of officers "
		      "every quarter."),
	      "recommendation 1, its lines under the number joined");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Partially accepted. The Hub contacts most victims within "
		      "a day, and I have increased its grant for the year ahead."
		      "\n\nI will review the Hub's funding in the autumn."),
	      "response 2 over the page, without the page's header");
	const lp_span *cover = find_span(doc, LP_SPAN_COVER, 0);
	CHECK(cover && memchr(doc->text + cover->start, '\n',
			      cover->end - cover->start) == NULL,
	      "the cover's wrapped lines one paragraph");
	lp_doc_free(doc);
	/* Columns two spaces apart, which only the heads show: a column of
	 * stances between the recommendation's and the response's, one of
	 * timescales after it; the last page's footer and the prose after
	 * the table are no cell's. */
	doc = process_all(
		"Dear Councillor Patel,\n\n"
		"Our responses are set out below.\n\n"
		"  Recommendation                   Accepted?    Response                             Timescale\n\n"
		"  1. That the Council raises the  Accepted     The penalty will rise to £1,000      November\n"
		"  penalty for fly-tipping.                     from 1 November 2025.                2025\n\n"
		"  2. That the Council funds two   Accepted in  The two posts cost £96,000 a year;   January\n"
		"  more enforcement officers.      principle    a business case will follow.         2026\n\n\n"
		"                                               Page 1 of 1\n\f"
		"  3.    Financial implications\n\n"
		"  3.1   The higher penalty is expected to raise around £40,000 a year in additional\n"
		"        income.\n");
	if (!doc)
		return;
	const lp_span *q0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *q1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(q1 && attr_is(q1, "number", "2") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "two rows");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "That the Council raises the penalty for fly-tipping."),
	      "recommendation 1, its column alone");
	CHECK(q0 && attr_is(q0, "stance", "accepted") && q1 &&
		      attr_is(q1, "stance", "accepted-in-principle"),
	      "stances from their column");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The two posts cost £96,000 a year; a business case will "
		      "follow."),
	      "response 2 without its timescale, the footer or the prose "
	      "after the table");
	lp_doc_free(doc);
	/* "Recommendation 1" alone on its cell's first line, the
	 * recommendation under it in a narrow column, the answer beside
	 * both in a wide one. */
	doc = process(
		"Dear Chair,\n\nMy responses are below.\n\n"
		"       Committee recommendation       Mayor's response\n\n"
		"       Recommendation 1               I agree that the fund's results should be\n"
		"                                      published, and the GLA will publish them\n"
		"       The Mayor should publish       by March 2025.\n"
		"       the results of the fund.\n\n"
		"       Recommendation 2               I do not accept this recommendation. The\n"
		"                                      budget is fully committed.\n"
		"       The Mayor should double\n"
		"       the fund.\n\n"
		"Yours sincerely,\n\nSadiq Khan\n");
	if (!doc)
		return;
	const lp_span *s1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(s1 && attr_is(s1, "number", "2") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "two rows");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Mayor should publish the results of the fund."),
	      "recommendation 1, under its label");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "I agree that the fund's results should be published, and "
		      "the GLA will publish them by March 2025."),
	      "response 1, beside them");
	lp_doc_free(doc);
	/* A row whose first cell runs to within two spaces of the next
	 * ("... fund a national  Accept"), and a page's number alone,
	 * centred, over the heads again. */
	doc = process(
		"Dear Chair,\n\nMy responses are below.\n\n"
		"No.  Recommendation                               Response\n\n"
		"1    The Welsh Government should publish a        Accept\n"
		"     strategy for libraries.\n\n"
		"                                                  We will publish it in the\n"
		"                                                  autumn.\n\n\n\n"
		"                                                 2\f"
		"No.  Recommendation                               Response\n\n"
		"2    The Welsh Government should fund a national  Accept\n"
		"     library card.                                A single card is an aim I\n"
		"                                                  share.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	const lp_span *w1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(w1 && attr_is(w1, "number", "2") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "two rows");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accept\n\nWe will publish it in the autumn."),
	      "response 1 without the page's number");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Welsh Government should fund a national library "
		      "card."),
	      "recommendation 2, its cell two spaces from the next");
	lp_doc_free(doc);
	/* A numbered heading over labels in the margin is no table's
	 * heads. */
	doc = process(
		"Dear Chair,\n\nMy responses are below.\n\n"
		" 2      Recommendations and responses\n\n"
		" R1     The Authority should publish a timetable for its\n"
		"        decision.\n\n"
		"        Accepted\n\n"
		"        The timetable will be published in September.\n\n"
		" R2     The Mayor should cap fares.\n\n"
		"        Partially accepted\n\n"
		"        The cap is funded until March.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	const lp_span *m0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(m0 && attr_is(m0, "label", "R1"), "labelled R1, no table");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accepted\n\nThe timetable will be published in "
		      "September."),
	      "response 1 under its label");
	lp_doc_free(doc);
}

/* A letter that quotes no recommendation, answering each in a paragraph
 * that names it in its first words: each is a pair with no
 * recommendation's text, its answer running to the next; two answered
 * together are one pair; the courtesies before the valediction are no
 * answer's. */
static void test_answers_unquoted(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\n"
		"Thank you for the Committee's report. Of its four "
		"recommendations I accept three. My response to each is "
		"below.\n\n"
		"On recommendation 1, I agree that the plan needs targets. We "
		"will publish them by March 2025.\n\n"
		"The targets will be reviewed each year.\n\n"
		"Turning to recommendations 2 and 3, I accept both. We will "
		"fund ten more places.\n\n"
		"Recommendation 4 asked the Government to set up a taskforce. "
		"I do not accept it.\n\n"
		"I recognise the importance the Committee attaches to this "
		"work, and I will write to you again in the spring.\n\n"
		"Yours sincerely,\n\nAnn Lee\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p0 && attr_is(p0, "number", "1") && p1 &&
		      attr_is(p1, "number", "2,3") && p2 &&
		      attr_is(p2, "number", "4") &&
		      !find_span(doc, LP_SPAN_PAIR, 3),
	      "three pairs, 2 and 3 together");
	CHECK(attr_is(p1, "label", "Turning to recommendations 2 and 3"),
	      "labelled by the words up to the numbers");
	const lp_span *r0 = find_span(doc, LP_SPAN_RECOMMENDATION, 0);
	CHECK(!r0 || r0->start == r0->end, "no recommendation's text");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "On recommendation 1, I agree that the plan needs "
		      "targets. We will publish them by March 2025.\n\nThe "
		      "targets will be reviewed each year."),
	      "answer 1, to the next");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "Recommendation 4 asked the Government to set up a "
		      "taskforce. I do not accept it."),
	      "answer 4, without the courtesies after it");
	lp_doc_free(doc);
	/* A cover that names them all, and one answer alone: no pairs. */
	doc = process(
		"Dear Chair,\n\n"
		"I accept recommendations 1, 2, 3 and 4.\n\n"
		"On recommendation 1, I agree that the plan needs targets.\n\n"
		"Yours sincerely,\n\nAnn Lee\n");
	if (!doc)
		return;
	CHECK(!find_span(doc, LP_SPAN_PAIR, 0), "no pairs from one answer");
	lp_doc_free(doc);
}

/* A Government response with a contents list that names each
 * recommendation by its title and page: the list is no pairs.  Under
 * each label its title (up to a line's length); the recommendation in
 * capitals, its words cut at a line's end joined; a clause between
 * its subject and "SHOULD". */
static void test_contents_and_capitals(void)
{
	lp_doc *doc = process(
		"Contents\n\n"
		"Recommendation 1: A legislated trajectory for insulation      4\n\n"
		"Recommendation 2: Skills and the supply chain                 5\n\n"
		"Introduction\n\n"
		"The Government welcomes the report.\n\n"
		"Recommendation 1: A legislated trajectory for insulation\n\n"
		"THE GOVERNMENT SHOULD LAY REGULATIONS SETTING A TRAJECTORY FOR THE\n"
		"ENFORCE-\n"
		"MENT OF STANDARDS.\n\n"
		"The Government accepts this recommendation.\n\n"
		"Recommendation 2: Skills and the supply chain\n\n"
		"THE DEPARTMENT, WORKING WITH THE DEPARTMENT FOR EDUCATION, SHOULD\n"
		"PUBLISH A SKILLS PLAN.\n\n"
		"The Government accepts this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "two pairs, the contents none");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "THE GOVERNMENT SHOULD LAY REGULATIONS SETTING A "
		      "TRAJECTORY FOR THE ENFORCEMENT OF STANDARDS."),
	      "recommendation 1 under its title, a word in capitals joined");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "THE DEPARTMENT, WORKING WITH THE DEPARTMENT FOR "
		      "EDUCATION, SHOULD PUBLISH A SKILLS PLAN."),
	      "recommendation 2 under its title");
	lp_doc_free(doc);
	/* A contents list of headings, one of them "Conclusion 9": no
	 * label, so the numbered recommendations make the pairs. */
	doc = process(
		"## Contents\n\nIntroduction 3\n\nWorkforce 4\n\n"
		"Conclusion 9\n\n## Workforce\n\n"
		"**1. The Department should publish a workforce plan.** "
		"(Paragraph 45)\n\nWe agree.\n\n"
		"**2. The Department should fund training.** (Paragraph 52)"
		"\n\nWe will fund it.\n\n## Conclusion\n\nWe thank the "
		"Committee.\n");
	if (!doc)
		return;
	const lp_span *q1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(q1 && attr_is(q1, "number", "2") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "two numbered pairs, the contents' 'Conclusion 9' none");
	lp_doc_free(doc);
}

/* Two recommendations quoted one after the other, the first with a
 * finding before what it asks, answered under a label that names both
 * before the next pair: one pair. */
static void test_answer_label_names_both(void)
{
	lp_doc *doc = process(
		"1. Community groups rely on a few volunteers. The Government "
		"should fund a network of hubs.\n\n"
		"Government response\n\nThe Government agrees.\n\n"
		"2. Most groups are small. The Government should fund "
		"training.\n\n"
		"3. Councils lack capacity. The Government should fund energy "
		"officers.\n\n"
		"Government response to recommendations 2 and 3\n\n"
		"The Government agrees that capacity matters.\n\n"
		"4. The Government should report each year.\n\n"
		"Government response\n\nThe Government agrees.\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2,3") &&
		      !find_span(doc, LP_SPAN_PAIR, 3),
	      "2 and 3 one pair: %s",
	      p1 && lp_span_attr(p1, "number") ? lp_span_attr(p1, "number")
					       : "none");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government agrees that capacity matters."),
	      "their answer");
	lp_doc_free(doc);
	/* Or a sentence under the first that points to the answer below
	 * both. */
	doc = process(
		"Recommendation 1: TfL should publish lift data.\n\n"
		"We will publish it monthly.\n\n"
		"Recommendation 2: TfL should secure long-term funding.\n\n"
		"We have responded to recommendations 2 and 3 together below.\n\n"
		"Recommendation 3: TfL should make the case for a settlement.\n\n"
		"We welcomed the settlement for 2025/26.\n");
	if (!doc)
		return;
	p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2,3") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "2 and 3 one pair, pointed to");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "We welcomed the settlement for 2025/26."),
	      "their answer, not the pointer");
	lp_doc_free(doc);
}

/* An e-mail that quotes each recommendation after its number and
 * answers after a dash in the same paragraph: the quotation is the
 * recommendation, the rest the answer, and the last one counts though
 * its words are no recommendation's voice. */
static void test_quoted_then_answered(void)
{
	lp_doc *doc = process(
		"Dear Councillor Ames,\n\nMy response to each recommendation "
		"is below.\n\n"
		"1. \"That the Council appoints two enforcement officers.\" "
		"\xe2\x80\x93 Agreed. We will advertise the posts in August.\n\n"
		"2. \"That the Council reduces the charge for bulky waste.\" "
		"\xe2\x80\x93 Not agreed. The charge is in line with our "
		"neighbours.\n\n"
		"3. \"That an update on these recommendations is reported to "
		"the Committee in six months.\" \xe2\x80\x93 Agreed. An update "
		"will come to the January meeting.\n\n"
		"If you or the Group would like to discuss any of this, please "
		"let me know.\n\nKind regards,\n\nSarah Pennington\n");
	if (!doc)
		return;
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p2 && attr_is(p2, "number", "3"), "three pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "That the Council appoints two enforcement officers."),
	      "recommendation 1, inside its quotation marks");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Not agreed. The charge is in line with our neighbours."),
	      "response 2, after the dash");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "Agreed. An update will come to the January meeting."),
	      "response 3, without the courtesy after it");
	lp_doc_free(doc);
}

/* A recommendation's list whose last item a page's break sets apart,
 * the item before it ending "; and": the item is the recommendation's.
 * A figure's hyphen at a line's end ("10-" over "minute") is a
 * compound's. */
static void test_list_over_page(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nMy response is below.\n\n"
		"Recommendation 1:\n"
		"MOPAC should ensure that the new grants:\n"
		"    \xe2\x80\xa2    last at least three years;\n"
		"    \xe2\x80\xa2    are simple to report on; and\n\n"
		"                                 Page 1\n\f"
		"    \xe2\x80\xa2    fund work with young people.\n\n"
		"MOPAC response\n"
		"MOPAC agrees. Every board will be within a 10-\n"
		"minute walk of a police station.\n\n"
		"Recommendation 2:\n"
		"MOPAC should publish the grants.\n\n"
		"MOPAC response\nMOPAC agrees.\n");
	if (!doc)
		return;
	const lp_span *r0 = find_span(doc, LP_SPAN_RECOMMENDATION, 0);
	CHECK(r0 && r0->end - r0->start > 28 &&
		      memcmp(doc->text + r0->end - 28,
			     "fund work with young people.", 28) == 0,
	      "recommendation 1 to its list's last item");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "MOPAC agrees. Every board will be within a 10-minute "
		      "walk of a police station."),
	      "response 1, its compound whole");
	lp_doc_free(doc);
}

/* A letter that numbers its own paragraphs, each answer in one ("3.
 * Recommendation 2 - ..."): the last answer ends before the letter's
 * next paragraph. */
static void test_letter_numbered_paragraphs(void)
{
	lp_doc *doc = process(
		"Dear Clerk,\n\n"
		"1.  Thank you for the Committee's report.\n\n"
		"2.  Recommendation 1 - The Department should publish the "
		"data. The Department accepts this recommendation.\n\n"
		"3.  Recommendation 2 - The Department should report every "
		"year. The Department accepts this recommendation and will "
		"report in May.\n\n"
		"4.  The Committee will wish to note that delivery depends on "
		"the budget for 2025-26.\n\n"
		"Yours sincerely,\n\nAnn Lee\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Department accepts this recommendation and will "
		      "report in May."),
	      "the last answer, before the letter's next paragraph");
	lp_doc_free(doc);
}

/* A response's label run into the recommendation's paragraph, as a
 * page break joins the lines ("... in September. Response: Agreed."): the
 * label is neither's text. */
static void test_response_label_run_in(void)
{
	lp_doc *doc = process(
		"Recommendation 1\n\n"
		"The Council should expand the scheme so that 500 families "
		"are offered a place by September. Response: Agreed. We will "
		"write to every family.\n\n"
		"Recommendation 2\n\n"
		"The Council should publish the data.\n\n"
		"Response: Not agreed. The data is not held.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Council should expand the scheme so that 500 "
		      "families are offered a place by September."),
	      "recommendation 1 without the label");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We will write to every family."),
	      "response 1 from its stance");
	lp_doc_free(doc);
}

/* A Welsh Government table as pdftotext -layout prints it: the stance
 * beside the label ("Recommendation 2      Response: Accept in
 * principle"), the recommendation under them, a page's footer cutting
 * it, then the answer.  The stance opens the answer. */
static void test_stance_beside_label(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nMy response to each recommendation is below.\n\n"
		"  Recommendation 1                               Response: Accept\n\n"
		"  The Welsh Government should publish a plan by\n"
		"  the autumn.\n\n"
		"  We will publish the plan in October.\n\n"
		"  Recommendation 2                               Response: Accept in principle\n\n"
		"  The Welsh Government should work with local\n\n"
		"                                  Page 1 of 2\n\f"
		"  authorities on flood plans.\n\n"
		"  We agree that plans matter.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Welsh Government should publish a plan by the "
		      "autumn."),
	      "recommendation 1 without the stance");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accept\n\nWe will publish the plan in October."),
	      "response 1 from its stance");
	const lp_span *r1 = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r1 && r1->end - r1->start > 19 &&
		      memcmp(doc->text + r1->start, "Accept in principle", 19) == 0,
	      "response 2 from its stance, after the page's break");
	lp_doc_free(doc);
}

/* A pair's name for the review page, clipped to its buffer, ends on a
 * whole character, though the label's "£" falls across the clip. */
static void test_pair_name_clipped(void)
{
	lp_rpair p = { .label = "A label that costs \xc2\xa3" };
	char buf[21]; /* "A label that costs " is 19 bytes: one byte of "£" fits */
	lp_html_pair_name(&p, buf, sizeof buf);
	CHECK(lp_utf8_invalid((const unsigned char *)buf, strlen(buf)) ==
		      (size_t)-1 &&
		      strcmp(buf, "A label that costs ") == 0,
	      "clipped before the pound sign: '%s'", buf);
}

/* A Special Report whose bold is lost: recommendations known only by
 * the committee's paragraph after them, which closes each whatever its
 * sentences' voice, numbered in order; two with no answer between them
 * share the next. */
static void test_paragraph_ref_recommendations(void)
{
	lp_doc *doc = process(
		"Funding\n\n"
		"The Government should confirm a ten-year settlement for the "
		"Trust. Anything less will leave the network in decline. "
		"(Paragraph 18)\n\n"
		"The Government partly agrees with this recommendation.\n\n"
		"Maintenance\n\n"
		"The Department should publish an assessment of the network. "
		"(Paragraph 24)\n\n"
		"The Trust should publish a statement each year. "
		"(Paragraph 31)\n\n"
		"The Government agrees with both recommendations.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p0 && attr_is(p0, "number", "1") &&
		      attr_is(p0, "paragraph", "18") &&
		      !lp_span_attr(p0, "label"),
	      "pair 1, its paragraph, no label");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Government should confirm a ten-year settlement for "
		      "the Trust. Anything less will leave the network in "
		      "decline."),
	      "recommendation 1 up to its paragraph, a finding too");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Government partly agrees with this recommendation."),
	      "response 1 stops before the heading");
	CHECK(p1 && attr_is(p1, "number", "2,3"),
	      "2 and 3 answered together: %s",
	      p1 ? lp_span_attr(p1, "number") : "none");
	lp_doc_free(doc);
	/* In bold, the reference on a line of its own under the text. */
	doc = process(
		"Dear Convener,\n\n"
		"**The Committee recommends that the Government publishes a "
		"plan.** (paragraph 34)\n\n"
		"We will publish a plan.\n\n"
		"**The Committee recommends that the Government funds the "
		"scheme.** (paragraph 41)\n\n"
		"**The Committee further recommends that the payment is "
		"increased.**\n(paragraph 45)\n\n"
		"The scheme will be funded, and the payment reviewed.\n\n"
		"Yours sincerely,\n\nEuan Galbraith\n");
	if (!doc)
		return;
	p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2,3"),
	      "the third known by its paragraph's line: %s",
	      p1 ? lp_span_attr(p1, "number") : "none");
	lp_doc_free(doc);
	/* Two recommendations under one label, each with its paragraph:
	 * the first's is not part of their text. */
	doc = process("Recommendation 1\n\n"
		      "The Government should publish bus data. (Paragraph 12)"
		      "\n\nGovernment response\n\nThe Government agrees.\n\n"
		      "Recommendations 2 and 3\n\n"
		      "The Government should require real-time information. "
		      "(Paragraph 53)\n\n"
		      "The Government should fund shelters. (Paragraph 54)\n\n"
		      "Government response\n\nThe Government partly agrees.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Government should require real-time information. "
		      "(Paragraph 53)\n\nThe Government should fund "
		      "shelters."),
	      "recommendations 2 and 3, the last paragraph's cut");
	const lp_span *o = find_span(doc, LP_SPAN_OMITTED, 0);
	CHECK(span_is(doc, o, " (Paragraph 53)"),
	      "the first one's paragraph omitted from their text");
	lp_doc_free(doc);
}

/* Minutes: labels numbered as minutes at the top of a page are no
 * running header, however alike; a recommendation quoted whole is its
 * text without the quotation marks. */
static void test_minute_labels_at_page_tops(void)
{
	lp_doc *doc = process(
		"54.4 Recommendation 1\n"
		"\"That the Council adopts a target.\"\n\n"
		"The Cabinet Member advised that it was supported.\n\n"
		"Page 1\n\f"
		"Cabinet - 10 March 2026\n\n"
		"54.5 Recommendation 2\n"
		"\"That the Council reports each quarter.\"\n\n"
		"The Cabinet Member advised that it was supported.\n\n"
		"Page 2\n\f"
		"Cabinet - 10 March 2026\n\n"
		"54.6 Recommendation 3\n"
		"\"That the Council publishes a plan.\"\n\n"
		"The Cabinet Member advised that it was not supported.\n");
	if (!doc)
		return;
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p2 && attr_is(p2, "number", "3"),
	      "three pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "That the Council reports each quarter."),
	      "recommendation 2 without its quotation marks");
	lp_doc_free(doc);
}

/* Minutes whose responses are minutes of their own: the last response
 * goes on over the minutes of its item, as the others do, up to the
 * resolution. */
static void test_minuted_responses(void)
{
	lp_doc *doc = process(
		"41. SCRUTINY REVIEW OF REPAIRS\n\n"
		"41.1 The Cabinet considered the Panel's recommendations.\n\n"
		"Recommendation 1 - The Council should adopt a target.\n\n"
		"41.2 The Cabinet Member reported that it was supported.\n\n"
		"41.3 Councillor Shah asked when the target would apply.\n\n"
		"Recommendation 2 - The Council should report each quarter.\n\n"
		"41.4 The Cabinet Member reported that it was supported.\n\n"
		"41.5 It was agreed that officers would report in June.\n\n"
		"41.6 RESOLVED: That the responses be approved.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Cabinet Member reported that it was supported.\n\n"
		      "41.5 It was agreed that officers would report in June."),
	      "the last response, to the resolution");
	lp_doc_free(doc);
}

/* Recommendations quoted inside their answers' prose, by their place:
 * the clause is the recommendation, the paragraph the response, and
 * the clause's dates are read once, in the response. */
static void test_inline_recommendations(void)
{
	lp_doc *doc = process(
		"1 May 2025\n\nDear Chair,\n\n"
		"Your first recommendation, that the Council should publish a "
		"plan within six months, is accepted. We will do so.\n\n"
		"Your second recommendation asked that the Council should fund "
		"grants. I cannot accept it.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2"), "two pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "the Council should publish a plan within six months"),
	      "recommendation 1 is the clause");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Your second recommendation asked that the Council "
		      "should fund grants. I cannot accept it."),
	      "response 2 is the paragraph");
	lp_error err = { 0 };
	CHECK(lp_extract(doc, grammar, &err) == 0, "%s", err.msg);
	size_t dates = 0;
	for (size_t i = 0; i < doc->nspans; i++)
		dates += doc->spans[i].kind == LP_SPAN_DATE;
	CHECK(dates == 1, "the quoted date read once, not %zu times", dates);
	lp_doc_free(doc);
	/* In quotation marks, and by its number: the response is what
	 * follows the quotation. */
	doc = process("Dear Daniel,\n\n"
		      "In response to your first recommendation, that \xE2\x80"
		      "\x9CMOPAC should publish the data\xE2\x80\x9D, I am "
		      "pleased to say that this work is under way.\n\n"
		      "Turning to recommendation 2, that \xE2\x80\x9CThe Met "
		      "should review every report\xE2\x80\x9D, I agree.\n\n"
		      "Finally, in response to recommendation 3, that \xE2\x80"
		      "\x9CMOPAC should fund grants\xE2\x80\x9D, I cannot "
		      "accept it.\n\nYours sincerely,\n\nRuth Okafor\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3 &&
		      attr_is(find_span(doc, LP_SPAN_PAIR, 1), "number", "2"),
	      "three pairs, by ordinal and by number: %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Met should review every report") &&
		      span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
			      "I cannot accept it."),
	      "the quotation, and what follows it");
	lp_doc_free(doc);
}

/* An inspection's action plan as pdftotext -layout prints it: rows
 * numbered by the inspection's initials ("C1", a cause of concern; "AFI
 * 2", an area for improvement), a heading over the first row that
 * groups the rows, and an action cell that is a numbered list. */
static void test_inspection_action_plan(void)
{
	lp_doc *doc = process(
		"Dear Inspector,\n\nOur plan is below.\n\n"
		" Ref      Area for improvement            Action                             Owner          Deadline\n\n"
		" Cause of concern - Protecting the public\n\n"
		" C1       The service should audit all    1. We will recruit six             Area Manager   31 August\n"
		"          high-risk premises.             inspectors.                                       2025\n"
		"                                          2. We will train 12 staff.\n\n"
		" Areas for improvement\n\n"
		" AFI 2    The service should target its   We will use a new risk model.      Head of        March 2026\n"
		"          prevention work.                                                   Prevention\n\n"
		" AFI 3    The service should learn from   A learning database went live      Area Manager   June 2025\n"
		"          incidents.                      in December.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "three rows, three pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The service should audit all high-risk premises."),
	      "[%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "1. We will recruit six inspectors. 2. We will train 12 "
		      "staff."),
	      "the action cell's list is the first row's answer");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "We will use a new risk model."),
	      "AFI 2's action, without its owner");
	lp_doc_free(doc);
	/* Quarters ("Q1 2023-24") under heads that wrap over two lines,
	 * in an answer: figures, not rows that open pairs. */
	doc = process(
		"Dear Chair,\n\n"
		"1.     The Commissioner should fund more call handlers.\n\n"
		"               Partially accepted. Demand has risen, as the table shows:\n\n"
		"               Quarter          Calls received     Answered within       Abandoned\n"
		"                                                   3 minutes\n"
		"               Q1 2023-24            98,412               61%                 14.2%\n"
		"               Q2 2023-24           104,907               57%                 16.9%\n"
		"               Q3 2023-24            95,380               63%                 13.1%\n\n"
		"2.     The Commissioner should publish the figures.\n\n"
		"               Accepted. They will be published monthly.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "two pairs, not %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(has(doc, "Q1 2023-24 98,412"), "the quarter stays: [%s]",
	      doc->text);
	lp_doc_free(doc);
}

/* A summary table of what the letter answers, its items named by
 * initials ("AFI 1"): no column of it is the answer's, so the initials
 * name an item, not a row's number. */
static void test_summary_table_initials(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nMy responses follow.\n\n## **Summary**\n\n"
		"| Item | Addressed to | Status |\n|---|---|---|\n"
		"| AFI 1 | All forces | In progress |\n"
		"| AFI 2 | All forces | In progress |\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(has(doc, "AFI 1"), "the item keeps its name: [%s]", doc->text);
	lp_doc_free(doc);
}

/* A table's columns after the response's (who leads, by when) are the
 * row's details: not its answer, but its pair's, dates and all; in a
 * Markdown table and on a web page alike. */
static void test_table_details(void)
{
	/* An action plan that names no response, as pdftotext -layout
	 * prints it: its "Action" is. */
	lp_doc *doc = process(
		"Dear Chair,\n\nOur plan is below.\n\n"
		"       Area for improvement            Action                          Lead              Timescale\n\n"
		"  1    The partnership should audit    Accepted. We will audit 60      Lead Officer      January\n"
		"       chronologies.                   files a quarter.                                  2025\n\n"
		"  2    The partnership should see      Partially accepted.             Service Manager   April 2025\n"
		"       adults sooner.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accepted. We will audit 60 files a quarter."),
	      "the action, without its lead and timescale");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 0),
		      "Lead Officer\n\nJanuary 2025"),
	      "the lead and timescale, the row's details");
	lp_doc_free(doc);
	doc = process(
		"# Response\n\n"
		"| No. | Recommendation | Executive response | Lead | Timescale |\n"
		"|---|---|---|---|---|\n"
		"| 1 | The Council should publish a plan. | Agreed. We will "
		"publish it. | Head of Housing | 31 March 2026 |\n"
		"| 2 | The Council should fund grants. | Not agreed. | "
		"Director | Ongoing |\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We will publish it."),
	      "response 1 is its cell");
	const lp_span *d = find_span(doc, LP_SPAN_DETAILS, 0);
	CHECK(span_is(doc, d, "Head of Housing\n\n31 March 2026") &&
		      doc->spans[d->parent].kind == LP_SPAN_PAIR,
	      "row 1's details, in its pair");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1), "Not agreed."),
	      "response 2 is its cell");
	lp_doc_free(doc);
	static const char page[] =
		"<html><body><table><thead><tr><th>No.</th>"
		"<th>Recommendation</th><th>Cabinet response</th>"
		"<th>Lead officer</th><th>Target date</th></tr></thead>"
		"<tr><td>1</td><td>The Council should act.</td>"
		"<td><strong>Agreed.</strong> It will.</td><td>Head of Housing"
		"</td><td>30 June 2026</td></tr>"
		"<tr><td>2</td><td>The Council should report.</td>"
		"<td>Agreed.</td><td>Director</td><td>31 March 2026</td></tr>"
		"</table><p>Contact the Scrutiny Team on 01632 960417.</p>"
		"</body></html>";
	doc = process_all(page);
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. It will."),
	      "web page: response 1 is its cell");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 1),
		      "Director\n\n31 March 2026"),
	      "web page: the last row's details, not the page's last line");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1), "Agreed."),
	      "web page: the last response is its cell");
	lp_doc_free(doc);
}

/* A numbered heading that titles the quoted recommendation under it:
 * the recommendation is the quote, not the title. */
static void test_titled_headings(void)
{
	lp_doc *doc = process(
		"# Response to the recommendations\n\n"
		"## 1. A national strategy\n\n"
		"> The Government should publish a strategy by 2026.\n\n"
		"**Accepted.** We will publish it.\n\n"
		"## 2. Funding\n\n"
		"> The Government should fund councils.\n\n"
		"**Not accepted.** We cannot.\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2"), "two pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Government should publish a strategy by 2026."),
	      "the title is not the recommendation");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Not accepted. We cannot."),
	      "response 2");
	lp_doc_free(doc);
}

/* Recommendations labelled only by the report's paragraph are pairs
 * numbered in order; "(Paragraph N)" after a recommendation, over its
 * answer, is not a label. */
static void test_paragraph_labels(void)
{
	lp_doc *doc = process(
		"Contents\n\n"
		"Recommendation 1: Strategy ........................ 2\n\n"
		"Recommendation 2: Funding ......................... 3\n\n"
		"Paragraph 87: The Government should publish a strategy.\n\n"
		"The Government partially agrees with this recommendation.\n\n"
		"(Paragraphs 94 and 95)\n\n"
		"Authorities should be given multi-year settlements.\n\n"
		"The Government agrees.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	const char *para = p0 ? lp_span_attr(p0, "paragraph") : NULL;
	CHECK(p0 && attr_is(p0, "number", "1") && para &&
		      strcmp(para, "87") == 0,
	      "first pair");
	CHECK(p1 && attr_is(p1, "number", "2") &&
		      span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
			      "Authorities should be given multi-year "
			      "settlements."),
	      "second pair");
	lp_doc_free(doc);
	doc = process("1. The Government should publish a strategy.\n"
		      "(Paragraph 48)\n\n"
		      "The Government agrees with this recommendation.\n\n"
		      "2. The Government should fund it.\n(Paragraph 52)\n\n"
		      "The Government does not agree.\n");
	if (!doc)
		return;
	p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2") &&
		      span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
			      "The Government does not agree."),
	      "a reference after the recommendation is no label");
	lp_doc_free(doc);
	/* Under a label of its own, the paragraph opens the text. */
	doc = process("Recommendation 1\n\n"
		      "Paragraph 38: The Committee recommends that the "
		      "Government sets a target.\n\n"
		      "Government response\n\n"
		      "We do not agree.\n");
	if (!doc)
		return;
	p0 = find_span(doc, LP_SPAN_PAIR, 0);
	para = p0 ? lp_span_attr(p0, "paragraph") : NULL;
	CHECK(p0 && para && strcmp(para, "38") == 0 &&
		      span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
			      "The Committee recommends that the Government "
			      "sets a target."),
	      "'Paragraph 38:' under a label is the pair's paragraph");
	lp_doc_free(doc);
}

/* A decision notice: its own resolutions numbered 1 to 3, then the
 * recommendations numbered 1 to 3 again, each in bold with the answer
 * after it in the same paragraph; one in the subjunctive with a noun in
 * lower case ("That the garden waste charge be held"); its closing
 * fields, not an answer's, unlike an action plan's. */
static void test_decision_numbering(void)
{
	lp_doc *doc = process(
		"## DECISION\n\n"
		"1. That the report be noted.\n"
		"2. That the responses below be approved.\n"
		"3. That the Director be authorised to make the changes.\n\n"
		"## The Cabinet's response\n\n"
		"**1. That the Council reviews every fee.** Agreed. It will.\n\n"
		"**2. That the garden waste charge be held.** Agreed in part. "
		"It will rise a little.\n\n"
		"**3. That parking be made free.** Not agreed.\n\n"
		"Conflicts of interest declared: None.\n\n"
		"Signed: Councillor Martin Oyelaran, Leader of the Council\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2), "Not agreed."),
	      "the decision's closing fields are not the last answer's");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "That the Council reviews every fee."),
	      "the recommendations' 1, not the decision's");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed in part. It will rise a little."),
	      "the answer after the bold");
	CHECK(find_span(doc, LP_SPAN_PAIR, 2) && !find_span(doc, LP_SPAN_PAIR, 3),
	      "three pairs");
	lp_doc_free(doc);
	/* An action plan's fields, in every answer, are the last answer's
	 * too. */
	doc = process(
		"Recommendation 1:\nThe Agency should publish data.\n"
		"Response:\tAgreed. We will publish it.\n\n"
		"Owner:\tDirector of Data\n\nStatus:\tOpen\n\n"
		"Recommendation 2:\nThe Agency should fund training.\n"
		"Response:\tNoted. The Department will respond.\n\n"
		"Owner:\tChief Medical Adviser\n\n"
		"Status:\tOpen for Government response\n");
	if (!doc)
		return;
	const lp_span *r1 = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r1 && r1->end == strlen(doc->text),
	      "the last answer keeps its fields");
	lp_doc_free(doc);
}

static void test_emphasis_and_rules(void)
{
	static const char src[] = "**A** *[signature]* and _the plan_ in "
				  "snake_case, 2 * 3.\n\n---\n\n"
				  "> quoted text\n- item\n";
	lp_doc *doc = norm(src, sizeof src - 1);
	if (!doc)
		return;
	CHECK(has(doc, "A [signature] and the plan in snake_case, 2 * 3."),
	      "[%s]", doc->text);
	CHECK(!has(doc, "---") && has(doc, "\n\nquoted text\nitem"), "[%s]",
	      doc->text);
	lp_doc_free(doc);
}

/* Headings that title the recommendations under them, numbered one by
 * one and answered together or alone: the pair's recommendation is their
 * texts, without the title and their numbers. */
static void test_titled_groups(void)
{
	lp_doc *doc = process(
		"## Recommendations 1 to 2: Housing supply\n\n"
		"**1. The Government should set a target.**\n\n"
		"**2. The Government should publish a plan.**\n\n"
		"The Government accepts recommendations 1 and 2.\n\n"
		"## Recommendation 3: Rural housing\n\n"
		"**3. The Government should fund rural homes.**\n\n"
		"The Government accepts this recommendation.\n\n"
		"## Recommendation 4: Land\n\n"
		"**4. The Government should reform land value capture.**\n\n"
		"The Government does not accept this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(p0 && attr_is(p0, "number", "1,2"),
	      "recommendations 1 and 2, together");
	const lp_span *r0 = find_span(doc, LP_SPAN_RECOMMENDATION, 0);
	const lp_span *o0 = find_span(doc, LP_SPAN_OMITTED, 0);
	CHECK(r0 && o0 && doc->text + r0->start ==
				  strstr(doc->text, "The Government should set") &&
		      o0->end - o0->start == 3 &&
		      memcmp(doc->text + o0->start, "2. ", 3) == 0,
	      "their texts, without the title and the second one's number");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Government should fund rural homes."),
	      "recommendation 3, under its title");
	lp_doc_free(doc);
	/* One label over two paragraphs each led by the report's own. */
	doc = process("Recommendations 4 and 5\n\n"
		      "Paragraph 61: The Committee recommends a review.\n\n"
		      "Paragraph 63: The Committee further recommends a fund."
		      "\n\nScottish Government response\n\nWe agree.\n");
	if (!doc)
		return;
	const lp_span *o = find_span(doc, LP_SPAN_OMITTED, 0);
	CHECK(o && o->end - o->start == 14 &&
		      memcmp(doc->text + o->start, "Paragraph 63: ", 14) == 0,
	      "the second paragraph's lead is not its text");
	lp_doc_free(doc);
	/* A label that names two of the report's paragraphs quotes both,
	 * each under its number, which is not the text. */
	doc = process("Paragraph 45\n\n"
		      "The Committee recommends that the Scottish Government "
		      "sets out a funding settlement.\n\n"
		      "The Scottish Government accepts this recommendation.\n\n"
		      "Paragraphs 52 and 53\n\n"
		      "52. The Committee calls on the Scottish Government to "
		      "increase the fund.\n\n"
		      "53. The Committee further recommends that guidance is "
		      "published.\n\n"
		      "The Scottish Government accepts these recommendations.\n");
	if (!doc)
		return;
	/* Nothing else numbers them: the report's paragraphs do. */
	CHECK(attr_is(find_span(doc, LP_SPAN_PAIR, 0), "number", "45") &&
		      attr_is(find_span(doc, LP_SPAN_PAIR, 1), "number",
			      "52,53"),
	      "numbered by the report's paragraphs");
	const lp_span *r1 = find_span(doc, LP_SPAN_RECOMMENDATION, 1);
	o = find_span(doc, LP_SPAN_OMITTED, 0);
	CHECK(r1 && doc->text + r1->start ==
				strstr(doc->text, "The Committee calls") &&
		      span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
			      "The Scottish Government accepts these "
			      "recommendations.") &&
		      o && o->end - o->start == 4 &&
		      memcmp(doc->text + o->start, "53. ", 4) == 0,
	      "'Paragraphs 52 and 53' quotes both, without their numbers");
	lp_doc_free(doc);
}

/* Numbered recommendations with the report's paragraph before the
 * number ("[Para 84] 7."): the paragraph is the pair's. */
static void test_para_before_number(void)
{
	lp_doc *doc = process(
		"**[Para 27] 1.** **The Government should publish the maps.**\n\n"
		"The Government accepts this recommendation.\n\n"
		"**[Para 33] 2.** **The Government should consult.**\n\n"
		"The Government partly accepts this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p1 && attr_is(p1, "number", "2") &&
		      attr_is(p1, "paragraph", "33"),
	      "pair 2, paragraph 33");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Government should publish the maps."),
	      "recommendation 1");
	lp_doc_free(doc);
}

/* With no "Recommendation N" labels, numbered paragraphs in the voice of
 * a recommendation are the pairs; a numbered list in a response is not. */
static void test_numbered_recommendations(void)
{
	lp_doc *doc = process(
		"1. The Department should publish the data.\n\n"
		"The Government agrees. It will:\n\n"
		"1. Consult.\n\n2. Publish.\n\n"
		"2. The Department must fund the scheme.\n\n"
		"The Government does not agree.\n");
	if (!doc)
		return;
	CHECK(find_span(doc, LP_SPAN_PAIR, 1) && !find_span(doc, LP_SPAN_PAIR, 2),
	      "expected two pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Government agrees. It will:\n\n1. Consult.\n\n2. Publish."),
	      "response 1 keeps its list");
	lp_doc_free(doc);
}

/* Numbered recommendations in the imperative, each answered with a
 * stance, are pairs; a numbered list that nothing answers is not. */
static void test_answered_numbers(void)
{
	lp_doc *doc = process(
		"Our responses to the Panel's recommendations follow.\n\n"
		"1. Commission a survey of every council home.\n\n"
		"Supported. The survey will report in May 2027.\n\n"
		"2. Write to every tenant about damp.\n\n"
		"Partially supported. A leaflet will go out in October.\n\n"
		"3. Provide dehumidifiers free of charge.\n\n"
		"Not supported. The running cost would fall on tenants.\n");
	if (!doc)
		return;
	CHECK(find_span(doc, LP_SPAN_PAIR, 2) && !find_span(doc, LP_SPAN_PAIR, 3),
	      "expected three pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "Write to every tenant about damp."),
	      "the second recommendation");
	lp_doc_free(doc);
	doc = process("We have done three things this year.\n\n"
		      "1. Commission a survey of every council home.\n\n"
		      "2. Write to every tenant about damp.\n\n"
		      "Our officers will report on both in May.\n");
	if (!doc)
		return;
	CHECK(!find_span(doc, LP_SPAN_PAIR, 0), "a list nothing answers");
	lp_doc_free(doc);
}

/* A list of the recommendations, answered later under headings numbered
 * as the list is ("2. Borrowing"), each heading's title not its text. */
static void test_answers_under_numbered_headings(void)
{
	lp_doc *doc = process_all(
		"<html><body><h2>The Panel's recommendations</h2><ol>"
		"<li>The Council should set a target for affordable homes.</li>"
		"<li>The Cabinet should review its borrowing.</li>"
		"<li>The Council should bring empty homes back into use.</li>"
		"</ol><h2>Cabinet's response</h2>"
		"<h3>1. Affordable housing target</h3><p>Supported. The target "
		"will be set in April.</p>"
		"<h3>2. Borrowing</h3><p>Supported. Officers will model it.</p>"
		"<h3>3. Empty homes</h3><p>Partially supported.</p>"
		"</body></html>\n");
	if (!doc)
		return;
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p2 && attr_is(p2, "number", "3"),
	      "three pairs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Cabinet should review its borrowing."),
	      "recommendation 2, from the list");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Supported. Officers will model it."),
	      "response 2, under its heading");
	lp_doc_free(doc);
}

/* An e-mail that answers between the lines it quotes: the quote marks
 * are not text, its "Sent:" header dates it, and its last answer ends
 * where it quotes again. */
static void test_email_quotes(void)
{
	lp_doc *doc = process(
		"From: Pennock, Gareth <g.pennock@example.org> Sent: Tuesday, "
		"15 September 2026 16:42\n"
		"Subject: RE: On-call availability\n\nDear Hannah,\n\n"
		"I have answered each recommendation beneath your email.\n\n"
		"> Recommendation 1: The Service should publish availability\n"
		"> figures for each station.\n\n"
		"Accepted. We will publish them from January.\n\n"
		"> Recommendation 2: The Service should review its pay model.\n\n"
		"Partially accepted.\n\n"
		"> I would be grateful for your reply by 29 September.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Service should publish availability figures for "
		      "each station."),
	      "recommendation 1, without its quote marks");
	CHECK(doc->letter.date && strcmp(doc->letter.date, "2026-09-15") == 0,
	      "date %s", doc->letter.date ? doc->letter.date : "(none)");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Partially accepted."),
	      "the last answer ends where the e-mail quotes again");
	lp_doc_free(doc);
}

/* An annex with no labels and no numbers: each recommendation told by
 * its voice, one over two paragraphs, each answered in the next. */
static void test_voice_only(void)
{
	lp_doc *doc = process(
		"Annex\n\n"
		"The Mayor should set a target for every bus stop.\n\n"
		"I agree. TfL will bring the remaining stops up to standard.\n\n"
		"TfL must publish a standard for temporary stops.\n\n"
		"In doing so, TfL should consult disabled passengers.\n\n"
		"TfL will publish a revised standard in January 2027.\n\n"
		"The Mayor should fund a pilot of audible announcements.\n\n"
		"I do not accept this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p2 && attr_is(p2, "number", "3") &&
		      !find_span(doc, LP_SPAN_PAIR, 3),
	      "three pairs, numbered in order");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "TfL must publish a standard for temporary stops.\n\n"
		      "In doing so, TfL should consult disabled passengers."),
	      "recommendation 2, both its paragraphs");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "TfL will publish a revised standard in January 2027."),
	      "response 2");
	lp_doc_free(doc);
	/* Recommendations worded as resolutions: one right after another
	 * is a recommendation of its own, both answered in one pair. */
	doc = process(
		"Annex\n\n"
		"That the Authority should set a target for every bus stop.\n\n"
		"I agree, and the Authority will act.\n\n"
		"That the Authority should decide on franchising by 2026.\n\n"
		"That, whatever the outcome, the Authority should publish a "
		"transition plan.\n\n"
		"I will take these two together. A decision will be taken "
		"in 2026.\n\n"
		"That the Authority should fund a pilot.\n\n"
		"I do not accept this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	p2 = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p1 && attr_is(p1, "number", "2,3"),
	      "2 and 3 answered together: %s",
	      p1 ? lp_span_attr(p1, "number") : "none");
	CHECK(p2 && attr_is(p2, "number", "4"),
	      "the last pair numbered 4");
	lp_doc_free(doc);
}

/* A pipe table that a page break split: the rest of a row made the
 * head of the next table is the row's text, not the names of columns;
 * a cell's bulleted list after "will:" gives an undertaking of each
 * item, without its bullet. */
static void test_pipe_table_over_page(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"| Recommendation | Mayor's response |\n|---|---|\n"
		"| **Recommendation 1**<br>The Mayor should fund a service. | "
		"The service will:<br>\xE2\x80\xA2 help families register "
		"with a GP;<br>\xE2\x80\xA2 arrange school transport. |\n"
		"| **Recommendation 2**<br>The Mayor should extend the pilot. | "
		"I agree, and the partnership |\n\n"
		"# MAYOR OF LONDON\n\n"
		"| | will report to its board on the savings achieved. |\n"
		"|---|---|\n"
		"| **Recommendation 3**<br>The Mayor should publish data. | "
		"I agree. |\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	const lp_span *r1 = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r1 && span_has(doc, r1, "will report to its board"),
	      "response 2 goes on over the page");
	const lp_span *c0 = find_span(doc, LP_SPAN_COMMITMENT, 0);
	CHECK(span_is(doc, c0, "help families register with a GP"),
	      "the first item, without its bullet");
	lp_doc_free(doc);
	/* The last row's answer goes on over the page in a sentence of
	 * its own, prose after the table: the sentence is the answer's. */
	doc = process_all(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"| No. | Recommendation | Response | Timescale |\n"
		"|---|---|---|---|\n"
		"| 1 | **Health boards should publish data.** | We accept this. "
		"| 2025 |\n"
		"| 2 | **Health boards should review pay.** | We accept this. "
		"Rates rose in September. | |\n\n"
		"Page 1 of 2\n\n"
		"| No. | Recommendation | Response | Timescale |\n"
		"|---|---|---|---|\n"
		"| | | We will review the rates again next year. | 2026 |\n\n"
		"The Board approved this response on 3 December.\n\n"
		"Page 2 of 2\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "We accept this. Rates rose in September.\n\nWe will "
		      "review the rates again next year."),
	      "response 2 over the page, its sentence its own");
	lp_doc_free(doc);
}

/* Labels that number nothing but the report's paragraph ("Committee
 * recommendation (paragraph 24)"): pairs numbered in order, two
 * answered together under "Government response to recommendations 2
 * and 3". */
static void test_paragraph_only_labels(void)
{
	lp_doc *doc = process(
		"Committee recommendation (paragraph 24)\n\n"
		"The Government should publish an investment plan.\n\n"
		"Government response\n\nThe Government agrees. We will publish "
		"it later this year.\n\n"
		"Committee recommendation (paragraph 31)\n\n"
		"We recommend that the Government review the formula.\n\n"
		"Committee recommendation (paragraph 38)\n\n"
		"The Government should fund the boards.\n\n"
		"Government response to recommendations 2 and 3\n\n"
		"The Government partly agrees.\n\n"
		"Committee recommendation (paragraph 45)\n\n"
		"The Government should report each year.\n\n"
		"Government response\n\nThe Government agrees.\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2,3", "4" };
	check_pair_numbers(doc, want, 3);
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(attr_is(p0, "paragraph", "24"), "pair 1's paragraph");
	lp_doc_free(doc);
}

/* Recommendations given only by a title in bold after the label, the
 * answer on the same line: the title is the recommendation, without
 * its colon, even with no space after it. */
static void test_titled_answers(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"**Recommendation 1 \xE2\x80\x93 Data sharing:** The Mayor agrees. "
		"The GLA will share data.\n\n"
		"**Recommendation 2 \xE2\x80\x93 Licensing:**The Mayor partly "
		"agrees. The Night Czar will meet boroughs.\n\n"
		"**Recommendation 3 \xE2\x80\x93 Evaluation:****Agreed.** The GLA "
		"will commission one.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	static const char *const titles[] = { "Data sharing", "Licensing",
					      "Evaluation" };
	for (int k = 0; k < 3; k++)
		CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, k),
			      titles[k]),
		      "recommendation %d, its title", k + 1);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Mayor partly agrees. The Night Czar will meet "
		      "boroughs."),
	      "response 2");
	lp_doc_free(doc);
}

/* A recommendation that ends in a colon goes on in the list it opens,
 * its items not taken for the answer. */
static void test_recommendation_opens_list(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"1. The Department should publish a plan for the coast.\n\n"
		"Agreed. The plan will be published in May.\n\n"
		"2. The Department should, working with the Agency:\n\n"
		"publish a register of homes at risk;\n"
		"notify owners; and\n"
		"report each year.\n\n"
		"Partially agreed. The Agency will write to owners.\n\n"
		"Yours sincerely,\n\nAmy Lee\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Department should, working with the Agency:\n\n"
		      "publish a register of homes at risk; notify owners; and "
		      "report each year."),
	      "recommendation 2 with its list");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Partially agreed. The Agency will write to owners."),
	      "response 2");
	lp_doc_free(doc);
}

/* A letter that lists the recommendations and answers each after its
 * signature, under "Response to Recommendation N": the list gives the
 * recommendations, the section the answers, and the letter's prose
 * after the list is its introduction to them. */
static void test_answers_after_letter(void)
{
	lp_doc *doc = process(
		"Dear Councillor Okafor,\n\n"
		"Thank you for the Panel's report on non-emergency calls.\n\n"
		"1. The Commissioner should publish call data each quarter.\n\n"
		"2. The Commissioner should fund more call handlers.\n\n"
		"I accept both recommendations, for the reasons I give in the "
		"section after this letter.\n\n"
		"Yours sincerely,\n\nGraham Pettifer\n"
		"Police and Crime Commissioner\n\n"
		"RESPONSES\n\n"
		"Response to Recommendation 1\n\n"
		"Accepted. Data will be published from April.\n\n"
		"Response to Recommendation 2\n\n"
		"Accepted. Twelve handlers will start in March.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Commissioner should fund more call handlers."),
	      "recommendation 2, from the list");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accepted. Data will be published from April."),
	      "response 1, after the letter");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_INTRODUCTION, 0),
		      "I accept both recommendations, for the reasons I give in "
		      "the section after this letter."),
	      "the letter's prose after the list");
	lp_doc_free(doc);
}

/* Plain text without blank lines (pdftotext without -layout): a heading
 * after a sentence that ended short of the margin starts a paragraph,
 * so the glossary under "Annex B" is not the last answer's; and a word
 * broken after "ex" is joined, where "ex-offenders" keeps its hyphen. */
static void test_annex_after_wrapped_answers(void)
{
	lp_doc *doc = process(
		"1. The Trust should agree a maximum handover time for all\n"
		"ambulance arrivals at the hospital, and should publish its\n"
		"monthly performance against this standard every month.\n"
		"Response: Accepted. The Trust and the ambulance service signed a\n"
		"joint protocol in June. It sets a maximum handover time of 45\n"
		"minutes, with escalation to the director on call at 30 minutes.\n"
		"2. The Trust should reduce the number of patients who remain in\n"
		"hospital when they are fit to leave, including by ex-\n"
		"panding its support for ex-\n"
		"offenders and their families.\n"
		"Response: Accepted. We will open a discharge hub this winter and\n"
		"report on it to the Committee in the spring.\n"
		"Annex B: Abbreviations\n"
		"ARA Ambulance Receiving Area\n"
		"ICB Integrated Care Board\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. We will open a discharge hub this winter and "
		      "report on it to the Committee in the spring."),
	      "response 2 ends before the annex's heading");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Trust should reduce the number of patients who "
		      "remain in hospital when they are fit to leave, including "
		      "by expanding its support for ex-offenders and their "
		      "families."),
	      "'ex-' joined as a syllable, kept as a prefix");
	lp_doc_free(doc);
	/* A word the letter spells whole elsewhere is joined, whatever
	 * its first part ("co-" makes compounds too). */
	static const char co[] =
		"The Council will coordinate the work of the partners and\n"
		"publish a plan for the borough in the spring, and it will co-\n"
		"ordinate the funding bids that the partners make next year.\n";
	doc = norm(co, sizeof co - 1);
	CHECK(has(doc, "it will coordinate the funding"),
	      "joined as the letter spells it: [%s]", doc ? doc->text : "");
	lp_doc_free(doc);
}

/* Markdown from a PDF whose pages are numbered by a bare number on a
 * line of their own: the line beside each number that comes back from
 * page to page is a running footer, even when it reads as a label
 * ("Government response: ..."); and "***bold italic***" loses all three
 * of its markers. */
static void test_footer_beside_bare_page_numbers(void)
{
	lp_doc *doc = process(
		"**Department for Coasts**\n\nMinister for Flooding\n\n"
		"1 Marsham Street  \nLondon SW1P 4DF\n\n"
		"Dear Chair,\n\nThank you for the report.\n\n"
		"Government response: Holding the line\n\n"
		"# **Government response to the report**\n\n"
		"The Government welcomes the report and answers each "
		"recommendation below.\n\n"
		"Government response: Holding the line\n\n1\n\n"
		"## **Recommendation 1 (paragraph 12)**\n\n"
		"***The Government should fund the defences.***\n\n"
		"The Government agrees. The Agency will publish a plan for\n\n"
		"Government response: Holding the line\n\n2\n\n"
		"the coast in May.\n\n"
		"## **Recommendation 2 (paragraph 19)**\n\n"
		"*The Agency should publish its maps.*\n\n"
		"The Government agrees. The maps will be published in June.\n\n"
		"Government response: Holding the line\n\n3\n\n"
		"## **Recommendation 3 (paragraph 24)**\n\n"
		"*The Agency should train its staff.*\n\n"
		"The Government agrees. Training will start in July.\n\n"
		"Government response: Holding the line\n\n4\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Government should fund the defences."),
	      "recommendation 1 without its bold italic markers");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Government agrees. The Agency will publish a plan "
		      "for the coast in May."),
	      "response 1 rejoined over the footer");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "The Government agrees. Training will start in July."),
	      "response 3 without the last footer");
	lp_doc_free(doc);
}

/* A footer over "Page 2 of 3" and "Page 3 of 3", the first page
 * unnumbered and the last number the text's last line: twice is enough
 * to know it, where it cuts an answer. */
static void test_footer_over_two_page_numbers(void)
{
	lp_doc *doc = process_all(
		"Dear Mr Reilly\n\nOur responses are in the plan below.\n\n"
		"| **Recommendation** | **Management response** | **Target date** |\n"
		"|---|---|---|\n"
		"| 1. The council should set a budget. | Agreed. The budget "
		"will be set in March. | March 2025 |\n"
		"| 2. The council should train members. | Agreed. Training "
		"will be funded from | June 2025 |\n\n"
		"Strathmuir Council - Improvement Action Plan\n\n"
		"Page 2 of 3\n\n"
		"| **Recommendation** | **Management response** | **Target date** |\n"
		"|---|---|---|\n"
		"| | reserves and start in June. | |\n"
		"| 3. The council should review its estate. | Agreed. | 2026 |"
		"\n\nYours sincerely\n\nMorag Lindsay\n\n"
		"Strathmuir Council - Improvement Action Plan\n\n"
		"Page 3 of 3\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed. Training will be funded from reserves and start "
		      "in June."),
	      "response 2 rejoined over the footer");
	lp_doc_free(doc);
}

/* A recommendation whose paragraph reference ends a page, its bold
 * glued to it ("2025.***(Paragraph 31)"), the answer on the next page:
 * the page's break ends the recommendation. */
static void test_paragraph_ref_at_page_end(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nThe Government's response is below.\n\n"
		"***1. The Department should publish a delivery plan for heat "
		"networks.*** (Paragraph 22)\n\n"
		"The Government agrees with this recommendation.\n\n"
		"***2. The Department should set out what will replace the "
		"fund.***(Paragraph 31)\n\n6\n\n"
		"**Fourth Special Report of Session 2023-24**\n\n"
		"The Government partly agrees with this recommendation.\n\n"
		"***3. The Department should train installers.*** (Paragraph "
		"40)\n\n7\n\n**Fourth Special Report of Session 2023-24**\n\n"
		"The Government agrees.\n\n8\n\n"
		"**Fourth Special Report of Session 2023-24**\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government partly agrees with this recommendation."),
	      "response 2 on the next page, apart");
	lp_doc_free(doc);
}

/* A protective marking between a table's parts, where no page number
 * shows the pages: not an answer's. */
static void test_protective_marking(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nOur responses are below.\n\n"
		"Yours sincerely,\n\nAmy Lee\n\nOFFICIAL\n\n"
		"| # | Recommendation | Response | Owner |\n|---|---|---|---|\n"
		"| 1 | The Authority should review its contracts. | "
		"**Accepted.** We will offer smaller lots. | |\n\n"
		"OFFICIAL\n\n"
		"| # | Recommendation | Response | Owner |\n|---|---|---|---|\n"
		"| | | We will also offer bidding support. | Head of Skills |\n"
		"| 2 | The Authority should set a target. | **Accepted.** | "
		"Director |\n\n"
		"OFFICIAL\n\n"
		"| # | Recommendation | Response | Owner |\n|---|---|---|---|\n"
		"| 3 | The Authority should report yearly. | **Accepted.** | "
		"Director |\n\n"
		"OFFICIAL\n");
	if (!doc)
		return;
	CHECK(!has(doc, "OFFICIAL"), "the markings are furniture");
	lp_doc_free(doc);
}

/* A letterhead of two names glued in bold ("**Llywodraeth Cymru****Welsh
 * Government**", two lines once unglued) that comes back on every page
 * is a running header, even where it cuts an answer in two; the
 * letterhead's name and role once under the signature are not. */
static void test_two_line_running_header(void)
{
	lp_doc *doc = process(
		"**Llywodraeth Cymru****Welsh Government**\n\n"
		"**Ifan Morgan MS**  \nMinister for Housing\n\n"
		"Dear Chair,\n\nThank you for the report.\n\n"
		"**Recommendation 1.****The Welsh Government should fund "
		"officers.**\n\n**Response:****Accept**\n\n"
		"We will fund an officer in each local authority, at a cost "
		"of about £50,000 for every\n\n"
		"**Llywodraeth Cymru****Welsh Government**\n\n"
		"authority, from April.\n\n"
		"**Recommendation 2.****The Welsh Government should publish "
		"data.**\n\n**Response:****Accept**\n\n"
		"We will publish the figures each year.\n\n"
		"**Llywodraeth Cymru****Welsh Government**\n\n"
		"Yours sincerely,\n\nIfan Morgan MS  \nMinister for Housing\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accept\n\nWe will fund an officer in each local "
		      "authority, at a cost of about £50,000 for every "
		      "authority, from April."),
	      "response 1 rejoined over the two-line header");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accept\n\nWe will publish the figures each year."),
	      "response 2 without the header after it");
	CHECK(has(doc, "Ifan Morgan MS\nMinister for Housing"),
	      "the signature stays");
	lp_doc_free(doc);
}

/* In the same plain text, a heading in capitals after the last answer
 * ("NEXT STEPS") is a paragraph of its own, and what it heads is the
 * letter's, not the answer's. */
static void test_capitals_heading_after_answers(void)
{
	lp_doc *doc = process(
		"RECOMMENDATION 1\n"
		"The Commissioner should publish response times for every\n"
		"district each quarter, with the reasons for any delay, so that\n"
		"residents can see how the service performs where they live.\n"
		"RESPONSE\n"
		"Accepted. Response times for every district will be published\n"
		"each quarter from October, with a short account of the reasons\n"
		"for delays, on the Commissioner's website.\n"
		"RECOMMENDATION 2\n"
		"The Commissioner should review the rota for on-call staff in\n"
		"the rural districts with the staff and their representatives.\n"
		"RESPONSE\n"
		"Accepted. The review will start in the autumn and report to\n"
		"the Panel in the spring.\n"
		"NEXT STEPS\n"
		"I will report on progress to the Panel in January 2025.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. The review will start in the autumn and report "
		      "to the Panel in the spring."),
	      "response 2 ends before NEXT STEPS");
	lp_doc_free(doc);
}

/* A running header longer than a hundred characters (a Command Paper's
 * full title) at the top of every page that form feeds mark is still
 * furniture, and the sentence it cut is whole again. */
static void test_long_running_header(void)
{
	static const char head[] =
		"Housing for Prison Leavers: Government Response to the Justice "
		"Committee's Fifth Report of Session 2023-24\n";
	char src[2048];
	snprintf(src, sizeof src,
		 "%s"
		 "1. We recommend that the Ministry publish the number of\n"
		 "prison leavers released homeless in each region every year.\n"
		 "The Government accepts this recommendation. The figures will\n"
		 "be published each year from July, by region and by prison.\n"
		 "Page 1\n\f%s"
		 "2. We recommend that the Ministry set a target for referrals\n"
		 "made before release, and report annually on performance against\n"
		 "Page 2\n\f%s"
		 "it.\n"
		 "The Government accepts this recommendation. The target will be\n"
		 "set in April and reported in the annual digest from next year.\n"
		 "Page 3\n\f%s"
		 "3. We recommend that the Ministry fund a housing adviser in\n"
		 "every resettlement prison, with a caseload set nationally.\n"
		 "The Government partly accepts this recommendation. Advisers\n"
		 "will be funded in the twenty prisons with the most releases.\n",
		 head, head, head, head);
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "We recommend that the Ministry set a target for referrals "
		      "made before release, and report annually on performance "
		      "against it."),
	      "recommendation 2 whole over the long header");
	CHECK(!has(doc, "Fifth Report"), "the long header is gone");
	lp_doc_free(doc);
}

/* A word's hyphen left inside a line by a converter that joined the
 * lines it broke ("engage- ment") is joined as at a line's end; a hyphen
 * that waits for its word ("short- and long-term") stays, and so does a
 * compound's ("counter- allegations"). */
static void test_broken_word_inside_line(void)
{
	lp_doc *doc = process(
		"Recommendation 1\n\nThe Council should publish data on "
		"digital engage- ment, short- and long-term plans, and "
		"counter- allegations.\n\nAgreed.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Council should publish data on digital engagement, "
		      "short- and long-term plans, and counter-allegations."),
	      "broken words joined inside a line");
	lp_doc_free(doc);
}

/* A table with a column of stances between the recommendation's and the
 * response's: the response is its own column, the stance is read from
 * its cell; and a table's answer ends with the table, before the
 * heading over the next one. */
static void test_stance_column(void)
{
	lp_doc *doc = process_all(
		"**Chapter 1: Strategy**\n\n"
		"| No. | Recommendation | Position | Response |\n"
		"|---|---|---|---|\n"
		"| 1 | The Department should publish a plan. | Accepted in part "
		"| The Department will publish a plan in May. |\n"
		"| 2 | The Department should fund it. | Accepted | The "
		"Department accepts this recommendation. |\n\n"
		"**Chapter 2: Delivery**\n\n"
		"| No. | Recommendation | Position | Response |\n"
		"|---|---|---|---|\n"
		"| 3 | The Department should report. | Not accepted | Reports "
		"are published already. |\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Department will publish a plan in May."),
	      "response 1 is the response's column");
	CHECK(attr_is(find_span(doc, LP_SPAN_PAIR, 0), "stance",
		      "partially-accepted") &&
		      attr_is(find_span(doc, LP_SPAN_PAIR, 2), "stance",
			      "not-accepted"),
	      "stances from their column");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Department accepts this recommendation."),
	      "response 2 ends with its table");
	lp_doc_free(doc);
	/* Prose after a table's answer, before the next table, is still
	 * the answer's: nothing is dropped. */
	doc = process_all(
		"| Recommendation | Response |\n|---|---|\n"
		"| **Recommendation 1** The Council should act. | Agreed. We "
		"will act. |\n\n"
		"We will also report on this in the spring, with figures for "
		"each ward.\n\n"
		"| Recommendation | Response |\n|---|---|\n"
		"| **Recommendation 2** The Council should report. | "
		"Agreed. |\n");
	if (!doc)
		return;
	const lp_span *r0 = find_span(doc, LP_SPAN_RESPONSE, 0);
	CHECK(r0 && span_has(doc, r0, "report on this in the spring"),
	      "the prose after the first table is its answer's");
	lp_doc_free(doc);
}

/* Text the segmenter finds no pair in is still the letter's: the prose
 * under an annex's title with no pairs is its introduction, as is the
 * prose between a cover letter's signature and the first pair; and a
 * paragraph after a table whose last row has details is the closing. */
static void test_nothing_lost(void)
{
	lp_doc *doc = process(
		"Dear Councillor Fenwick,\n\n"
		"Thank you for the Panel's report, which Cabinet considered on "
		"2 September 2026.\n\n"
		"Yours sincerely,\n\nRuth Abernethy\nCabinet Member for "
		"Housing\n\n"
		"Response to recommendations\n\n"
		"The Council will commission a survey of all 7,900 homes, to "
		"be finished by March 2027.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_INTRODUCTION, 0),
		      "The Council will commission a survey of all 7,900 "
		      "homes, to be finished by March 2027."),
	      "the prose under the annex's title, with no pairs");
	lp_doc_free(doc);
	doc = process_all(
		"<html><body><h2>Response to the recommendations</h2><table>"
		"<tr><th>No.</th><th>Recommendation</th><th>Response</th>"
		"<th>Lead officer</th></tr>"
		"<tr><td>1</td><td>The Council should publish a register.</td>"
		"<td>Agreed. We will publish it by May 2027.</td>"
		"<td>Director of Housing</td></tr>"
		"<tr><td>2</td><td>The Council should fund a damp team.</td>"
		"<td>Agreed. The team will start in June 2027.</td>"
		"<td>Head of Repairs</td></tr></table>"
		"<p>Cabinet will review progress on all of these actions in "
		"March 2027.</p></body></html>\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 1),
		      "Head of Repairs"),
	      "the last row's details");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_CLOSING, 0),
		      "Cabinet will review progress on all of these actions in "
		      "March 2027."),
	      "the paragraph after the table");
	lp_doc_free(doc);
	/* After a minister's signed letter, the response's introduction:
	 * not the signature's lines, nor a converter's words for it. */
	doc = process("Dear Tom,\n\nThank you for the report.\n\n"
		      "Yours sincerely,\n\n"
		      "A signature in black ink above the typed name.\n\n"
		      "Jo Bloggs\nMinister for Arts, Heritage and Libraries "
		      "and the Creative Industries\n\n"
		      "Introduction\n\n"
		      "The Committee published its report in July, after an "
		      "inquiry into libraries.\n\n"
		      "Recommendation 1\n\nThe Government should act.\n\n"
		      "The Government agrees.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_INTRODUCTION, 0),
		      "The Committee published its report in July, after an "
		      "inquiry into libraries."),
	      "the introduction after the signature");
	lp_doc_free(doc);
	/* A paragraph after a Markdown table of responses is the closing,
	 * not the last answer's. */
	doc = process("| Recommendation | Response |\n|---|---|\n"
		      "| **1.** The Department should act. | Accepted. |\n"
		      "| **2.** The Department should report. | Accepted. We "
		      "will report in May. |\n\n"
		      "Rainfall will keep rising, and I will write to the "
		      "Committee again in March.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. We will report in May."),
	      "the last answer ends with the table");
	CHECK(find_span(doc, LP_SPAN_CLOSING, 0) != NULL,
	      "the paragraph after it is the closing");
	lp_doc_free(doc);
	/* A web page's own lines after the last answer are not its
	 * text. */
	doc = process_all(
		"<html><body><h3>Recommendation 1</h3><p>The Mayor should act."
		"</p><h3>Response</h3><p>I agree. TfL will act.</p>"
		"<h3>Recommendation 2</h3><p>The Mayor should report.</p>"
		"<h3>Response</h3><p>I agree. I will report in May.</p>"
		"<p>Page last updated: 5 March 2026</p>"
		"<p>Was this page useful?</p></body></html>\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "I agree. I will report in May."),
	      "the last answer, without the page's own lines");
	lp_doc_free(doc);
	/* A table that ends the letter: its last row's details are not
	 * back matter. */
	doc = process_all(
		"<html><body><table><tr><th>No.</th><th>Recommendation</th>"
		"<th>Response</th><th>Lead officer</th><th>Target date</th>"
		"</tr><tr><td>1</td><td>The Council should publish a "
		"register.</td><td>Agreed. We will publish it by May 2027.</td>"
		"<td>Director of Housing</td><td>May 2027</td></tr>"
		"<tr><td>2</td><td>The Council should fund a damp team.</td>"
		"<td>Agreed. The team will start in June 2027.</td>"
		"<td>Head of Repairs</td><td>11/03/2027</td></tr></table>"
		"</body></html>\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 1),
		      "Head of Repairs\n\n11/03/2027"),
	      "the last row's details, at the end of the letter");
	lp_doc_free(doc);
}

static size_t count_kind(const lp_doc *doc, enum lp_span_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->nspans; i++)
		n += doc->spans[i].kind == kind;
	return n;
}

/* Entities of a bare text, as `letterpipe extract` reads it. */
static lp_doc *entities(const char *text, const char *ref)
{
	lp_options opt = { .ref_date = ref };
	lp_doc *doc = NULL;
	lp_error err = { 0 };
	if (lp_ingest_bytes("t", text, strlen(text), &opt, &doc, &err) ||
	    lp_doc_process_text(doc, grammar, &err)) {
		CHECK(0, "%s", err.msg);
		lp_doc_free(doc);
		return NULL;
	}
	return doc;
}

/* Sentences end at a full stop before a capital, but not after Mr., e.g.
 * or No., nor inside £2.5m: one commitment per sentence shows it. */
static void test_sentences(void)
{
	lp_doc *doc = entities("Mr. Smith will attend in May 2023. The plan "
			       "will fund £2.5m. It will start e.g. in June. "
			       "No. 5 will follow.", "2023-01-01");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 4, "%zu commitments",
	      count_kind(doc, LP_SPAN_COMMITMENT));
	const lp_span *c = find_span(doc, LP_SPAN_COMMITMENT, 0);
	CHECK(span_is(doc, c, "Mr. Smith will attend in May 2023"),
	      "first sentence");
	lp_doc_free(doc);
}

/* Minutes are reported speech throughout: in a document headed as a
 * meeting's minutes, "officers would report" undertakes, as "will"
 * does, though no one is said to have "advised that" it would.  The
 * same sentence in a letter is no undertaking. */
static void test_minutes_reported_speech(void)
{
	static const char body[] =
		"The Cabinet agreed the response. Officers would report progress "
		"to the Committee every quarter.";
	char src[512];
	snprintf(src, sizeof src,
		 "Minutes of the Cabinet meeting held on Tuesday, 5 March "
		 "2024\n\n%s", body);
	lp_doc *doc = entities(src, "2024-03-05");
	if (!doc)
		return;
	const lp_span *c = find_span(doc, LP_SPAN_COMMITMENT, 0);
	CHECK(c && span_is(doc, c, "Officers would report progress to the "
				  "Committee every quarter"),
	      "%zu commitments", count_kind(doc, LP_SPAN_COMMITMENT));
	lp_doc_free(doc);
	snprintf(src, sizeof src, "Dear Chair,\n\n%s", body);
	doc = entities(src, "2024-03-05");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 0, "%zu commitments",
	      count_kind(doc, LP_SPAN_COMMITMENT));
	lp_doc_free(doc);
}

/* The near misses the genre is full of. */
static void test_near_misses(void)
{
	lp_doc *doc = entities(
		"Despite this, the epidemic of violence will continue until we "
		"challenge it. Demand will continue to grow. City Hall cannot "
		"overcome this alone. Some 60% of funding, 45 per cent of staff "
		"and 200,000jobs in 32 boroughs; call 020 7983 4000 about "
		"MGLA230322-7616 or Question No: 2023/1234. The Mayor may act "
		"on Outcomes 15 and 16 with three-year and multi-year funding, "
		"as the Session 2017-19 report said.",
		"2022-08-18");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 0, "%zu commitments",
	      count_kind(doc, LP_SPAN_COMMITMENT));
	CHECK(count_kind(doc, LP_SPAN_MONEY) == 0, "%zu money",
	      count_kind(doc, LP_SPAN_MONEY));
	CHECK(count_kind(doc, LP_SPAN_DATE) == 0, "%zu dates",
	      count_kind(doc, LP_SPAN_DATE));
	lp_doc_free(doc);
}

/* A modal inside an embedded question is no promise of its own, even
 * where the question's subject reads as a new clause, nor one after a
 * condition; "I have, however, asked X to ..." is X's commitment; "the
 * Department will:" commits to each item of its list. */
static void test_commitment_clauses(void)
{
	lp_doc *doc = entities("The plan will include a target, and will say "
			       "how City Hall and the boroughs will share "
			       "responsibility for it.", "2026-12-01");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 2, "%zu commitments",
	      count_kind(doc, LP_SPAN_COMMITMENT));
	lp_doc_free(doc);
	/* An offer on a condition that opens the sentence is no
	 * undertaking; the clause after it, joined by "and", is. */
	doc = entities("If the pilot succeeds, I will ask TfL to extend it. If "
		       "the settlement is confirmed, I would aim to continue, "
		       "and I will write to the Committee.", "2026-12-01");
	if (!doc)
		return;
	const lp_span *w = find_span(doc, LP_SPAN_COMMITMENT, 0);
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 1 &&
		      span_is(doc, w, "and I will write to the Committee"),
	      "%zu commitments", count_kind(doc, LP_SPAN_COMMITMENT));
	lp_doc_free(doc);
	doc = entities("I have, however, asked the Health Partnership to pilot "
		       "a service.", "2026-12-01");
	if (!doc)
		return;
	const lp_span *c = find_span(doc, LP_SPAN_COMMITMENT, 0);
	const char *actor = c ? lp_span_attr(c, "actor") : NULL;
	CHECK(actor && strcmp(actor, "the Health Partnership") == 0,
	      "actor %s", actor ? actor : "(none)");
	lp_doc_free(doc);
	/* A modal that opens a list: an undertaking of each item, by the
	 * actor who opened it, the items' numbers and joints left out; an
	 * item with a modal of its own is its own; the paragraph after the
	 * list is not an item. */
	doc = entities("Instead, the Department will:\n\n"
		       "(i) extend the programme to six more councils;\n\n"
		       "(ii) publish a progress update by summer 2027; and\n\n"
		       "(iii) the Agency will write to every owner.\n\n"
		       "Owners have been told already.", "2026-12-01");
	if (!doc)
		return;
	const lp_span *i1 = find_span(doc, LP_SPAN_COMMITMENT, 0);
	const lp_span *i2 = find_span(doc, LP_SPAN_COMMITMENT, 1);
	const lp_span *i3 = find_span(doc, LP_SPAN_COMMITMENT, 2);
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 3, "%zu commitments",
	      count_kind(doc, LP_SPAN_COMMITMENT));
	CHECK(span_is(doc, i1, "extend the programme to six more councils") &&
		      attr_is(i1, "actor", "the Department"),
	      "item (i), the Department's");
	CHECK(span_is(doc, i2, "publish a progress update by summer 2027") &&
		      lp_span_attr(i2, "deadline_value") &&
		      attr_is(i2, "deadline_value", "2027-06/2027-08"),
	      "item (ii), with its deadline");
	CHECK(i3 && attr_is(i3, "actor", "the Agency"),
	      "item (iii), the Agency's own");
	lp_doc_free(doc);
	/* A review that "is considering:" lists its topics, not
	 * undertakings. */
	doc = entities("The review is considering:\n\n- the number of units;"
		       "\n- where the units should be based.\n\nI will share "
		       "its findings.", "2026-12-01");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 2,
	      "the lead and 'I will share', no items: %zu",
	      count_kind(doc, LP_SPAN_COMMITMENT));
	lp_doc_free(doc);
}

/* "Within six months" is a date counted from the letter when it is to
 * come ("officers would inspect every property within six months"), a
 * span when it is refused or given to each of many. */
static void test_within(void)
{
	static const struct {
		const char *text;
		size_t dates;
	} cases[] = {
		{ "We will report back within six months.", 1 },
		{ "Officers would inspect every property within six months.", 1 },
		{ "We will report on each of these recommendations within "
		  "twelve months.", 1 },
		{ "I cannot promise a move back within 12 months.", 0 },
		{ "The Inspectorate visits each new provider within 24 months.",
		  0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		lp_doc *doc = entities(cases[i].text, "2025-11-18");
		if (!doc)
			return;
		CHECK(count_kind(doc, LP_SPAN_DATE) == cases[i].dates,
		      "%s: %zu dates", cases[i].text,
		      count_kind(doc, LP_SPAN_DATE));
		lp_doc_free(doc);
	}
}

/* A recommendation's "must" is a demand; the stance is read, not
 * guessed. */
static void test_stance_and_demands(void)
{
	lp_doc *doc = process(
		"Recommendation 1\n\nThe Mayor must fund it and will report.\n\n"
		"I do not accept this recommendation.\n\n"
		"Recommendation 2\n\nTfL should act.\n\n"
		"TfL has acted already.\n\n"
		"Recommendation 3\n\nThe Council should agree a rate.\n\n"
		"Cabinet response: Supported\nThe Council raised this on 2 "
		"October, when all five councils agreed in principle to it.\n\n"
		"Recommendation 4\n\nTfL should publish a date.\n\n"
		"I accept this recommendation in principle. It is in hand.\n\n"
		"Recommendation 5\n\nTfL should report.\n\n"
		"Buses: Government Response\n\n"
		"The Government does not accept this recommendation.\n");
	lp_error err = { 0 };
	if (!doc || lp_extract(doc, grammar, &err))
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	const lp_span *p1 = find_span(doc, LP_SPAN_PAIR, 1);
	const lp_span *p2 = find_span(doc, LP_SPAN_PAIR, 2);
	const lp_span *p3 = find_span(doc, LP_SPAN_PAIR, 3);
	/* The stance is the one stated first, not the first rule's. */
	CHECK(p2 && attr_is(p2, "stance", "accepted"),
	      "stance 3: %s", p2 ? lp_span_attr(p2, "stance") : "-");
	CHECK(p3 && attr_is(p3, "stance", "accepted-in-principle"),
	      "stance 4: %s", p3 ? lp_span_attr(p3, "stance") : "-");
	/* Under a heading that opens the answer. */
	const lp_span *p4 = find_span(doc, LP_SPAN_PAIR, 4);
	CHECK(p4 && attr_is(p4, "stance", "not-accepted"),
	      "stance 5: %s", p4 ? lp_span_attr(p4, "stance") : "-");
	CHECK(p0 && attr_is(p0, "stance", "not-accepted"),
	      "stance 1");
	CHECK(p1 && attr_is(p1, "stance", "unstated"),
	      "stance 2 must not be guessed");
	CHECK(count_kind(doc, LP_SPAN_COMMITMENT) == 0,
	      "a recommendation's words are not commitments");
	lp_doc_free(doc);
}

/* A web page: chrome dropped, references decoded, and a span over "£2m"
 * covering "&pound;2m" in the source. */
static void test_html(void)
{
	static const char page[] =
		"<!DOCTYPE html><html><body><nav>Home Recommendation 9</nav>"
		"<main><h2>Recommendation 1</h2><p><strong>TfL should act."
		"</strong></p><p>We will fund &pound;2m from May&nbsp;2024."
		"<sup><a href=\"#fn1\">[1]</a></sup> Then on 1<sup>st</sup> June."
		"</p></main><footer>Recommendation 8</footer></body></html>";
	lp_doc *doc = process_all(page);
	if (!doc)
		return;
	CHECK(strcmp(doc->format, "html") == 0, "format %s", doc->format);
	CHECK(has(doc, "May 2024. Then on 1st June."), "a footnote's mark is not "
	      "text: [%s]", doc->text);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 1, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	const lp_span *m = find_span(doc, LP_SPAN_MONEY, 0);
	size_t a = m ? lp_doc_src_start(doc, m->start) : 0;
	size_t e = m ? lp_doc_src_end(doc, m->end) : 0;
	CHECK(m && e - a == 9 && memcmp(page + a, "&pound;2m", 9) == 0,
	      "money span [%zu, %zu)", a, e);
	lp_doc_free(doc);
	/* The site's <header> is chrome; the publication's own, inside
	 * <main>, holds its title and date. */
	doc = process_all(
		"<!DOCTYPE html><html><body><header>GOV.UK Menu</header>"
		"<main><header><h1>Government response to the Committee's "
		"report</h1><p>Published 14 May 2024</p></header>"
		"<h2>Recommendation 1</h2><p><strong>The Department should "
		"act.</strong></p><p>Agreed. We will act within six months."
		"</p><h2>Recommendation 2</h2><p><strong>The Department should "
		"report.</strong></p><p>Agreed.</p></main></body></html>");
	if (!doc)
		return;
	CHECK(!has(doc, "GOV.UK Menu") && has(doc, "Published 14 May 2024"),
	      "which header is the letter's: [%s]", doc->text);
	CHECK(doc->letter.date && strcmp(doc->letter.date, "2024-05-14") == 0,
	      "the publication's date");
	lp_doc_free(doc);
	/* A word processor closes bold and opens it again inside a word:
	 * one run, one word. */
	doc = process_all(
		"<html><body><p><b>Recommendation 1 &ndash; That a dedi</b><b>"
		"cated team is set up.</b></p><p><b>Executive</b><b> "
		"response:</b></p><p>Agreed.</p><p><b>Recommendation 2 "
		"&ndash; That the Council reports quar</b><b>terly.</b></p>"
		"<p><b>Executive response:</b></p><p>Agreed in part.</p>"
		"</body></html>");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "That a dedicated team is set up."),
	      "the word whole");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0), "Agreed."),
	      "the answer after the split label");
	lp_doc_free(doc);
	/* Word's list numbers, drawn as text between its conditional marks
	 * ("<![if !supportLists]>1.<![endif]>"): the numbers are, the marks
	 * are not. */
	doc = process_all(
		"<html><body><p>Dear Chair,</p><p class=MsoListParagraph>"
		"<![if !supportLists]><b><span>1.<span>&nbsp;&nbsp; </span>"
		"</span></b><![endif]><b>The Agency should publish a list.</b>"
		"</p><p>Agreed. We will.</p><p class=MsoListParagraph>"
		"<![if !supportLists]><b><span>2.<span>&nbsp;&nbsp; </span>"
		"</span></b><![endif]><b>The Agency should report.</b></p>"
		"<p>Agreed in part.</p><p class=MsoListParagraph>"
		"<![if !supportLists]><b><span>3.<span>&nbsp;&nbsp; </span>"
		"</span></b><![endif]><b>The Agency should act.</b></p>"
		"<p>Not agreed.</p></body></html>");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3 && !has(doc, "[if") &&
		      !has(doc, "endif"),
	      "%zu pairs: [%s]", count_kind(doc, LP_SPAN_PAIR), doc->text);
	lp_doc_free(doc);
}

/* Whatever the stages do, a span's ASCII letters come from the same
 * letters in the source. */
/* A council's decision page: the recommendations an ordered list, each
 * item with its response, and the decision going on after the list. */
static void test_html_ordered_list(void)
{
	static const char page[] =
		"<html><body><p>RESOLVED &ndash;</p>"
		"<p>(1) That the Panel be thanked.</p>"
		"<p>(2) That the responses below be approved:</p><ol>"
		"<li>That the Council commissions a review of care costs."
		"<p>Response: Agreed. The review will report in March.</p></li>"
		"<li>That the Council raises the hourly rate."
		"<p>Response: Agreed in part.</p></li>"
		"<li>That the Council funds a campaign."
		"<p>Response: Agreed.</p></li></ol>"
		"<p>(3) That the Director be authorised to agree the rates.</p>"
		"</body></html>";
	lp_doc *doc = process_all(page);
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(p && attr_is(p, "number", "3"), "third pair");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2), "Agreed."),
	      "the last response stops before the next resolution");
	lp_doc_free(doc);
	/* An ordered list inside an item lists its parts; the numbers the
	 * browser draws for them are not the text. */
	doc = process_all(
		"<html><body><ol>"
		"<li>That the Council publishes its rates."
		"<p>Response: Agreed.</p></li>"
		"<li>That the Council:<ol type=\"a\"><li>introduces an "
		"allowance; and</li><li>publishes the rates it will pay.</li>"
		"</ol><p>Response: Supported.</p></li>"
		"<li>That the Council reports each year."
		"<p>Response: Agreed.</p></li></ol></body></html>");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3 &&
		      span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
			      "That the Council:\n\nintroduces an allowance; "
			      "and\npublishes the rates it will pay."),
	      "the inner list's items without numbers");
	lp_doc_free(doc);
}

/* A resolution's items in minutes: "(1) Recommendation 1 - That ...";
 * an item's number on a line of its own before its label is not the
 * answer before it, nor is the decision's "Reason for decision:" after
 * the last. */
static void test_minutes_items(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nRESOLVED - That the responses be agreed as "
		"follows:\n\n(1) Recommendation 1 - That the Council should "
		"act on damp.\n\nResponse: Agreed. The Council will act.\n\n"
		"(2)\n\nRecommendation 2 - That the Council should report."
		"\n\nResponse: Agreed. The Council will report in June.\n\n"
		"Reason for decision: to respond within two months.\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. The Council will act."),
	      "the first answer without the next item's number");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed. The Council will report in June."),
	      "the last answer without the reason for the decision");
	lp_doc_free(doc);
}

/* A pipe table's row that a page break cut, its rest after the page's
 * footer, the letterhead again and the table's head: each cell's rest
 * goes on where the cell above left off, the answer's before the row's
 * details. */
static void test_row_rest(void)
{
	lp_doc *doc = process_all(
		"**NHS****Wold Care Board**\n\nDear Councillor Marsh,\n\n"
		"| No. | Recommendation | Response | Lead | By when |\n"
		"|---|---|---|---|---|\n"
		"| 1 | The Board should publish a plan. | Accepted. We will "
		"publish it in January. | Director | January 2025 |\n"
		"| 2 | The Board should fund brushing in | Accepted. We will "
		"fund it with the councils, matched by | Consultant | "
		"September 2025 |\n\n"
		"Page 1 of 2\n\n"
		"**NHS****Wold Care Board**\n\n"
		"| No. | Recommendation | Response | Lead | By when |\n"
		"|---|---|---|---|---|\n"
		"|  | nurseries. | funding from both councils. |  |  |\n"
		"| 3 | The Board should report back. | Accepted. We will "
		"report in April. | Chief Executive | April 2025 |\n\n"
		"Yours sincerely,\n\nPage 2 of 2\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Board should fund brushing in nurseries."),
	      "the row's rest in its recommendation");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. We will fund it with the councils, matched "
		      "by funding from both councils."),
	      "and in its answer");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 1),
		      "Consultant\n\nSeptember 2025"),
	      "its details");
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	lp_doc_free(doc);
}

/* The recommendations listed in the letter, answered in its annex under
 * bare "Recommendation N" headings, each with a line in bold that
 * restates it: the list's items are the recommendations, and the
 * restatements neither they nor the answers. */
static void test_listed_then_headed(void)
{
	lp_doc *doc = process_all(
		"Dear James,\n\nThe report makes three recommendations:\n\n"
		"1. The Corporation should publish a transition plan.\n"
		"2. The Corporation should set an affordable housing target.\n"
		"3. The Corporation should consult residents on the Park.\n\n"
		"Our response is in the annex.\n\nYours sincerely,\n\n"
		"Daniel Hartley\n\n## Annex\n\n### **Recommendation 1**\n\n"
		"***Publish a transition plan.***\n\nWe agree. The plan will "
		"be published in July.\n\n### **Recommendation 2**\n\n"
		"***Set a housing target.***\n\nWe agree. The target is 40%."
		"\n\n### **Recommendation 3**\n\n***Consult on the Park.***"
		"\n\nWe agree, and will consult in the autumn.\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Corporation should set an affordable housing "
		      "target."),
	      "the list's item");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "We agree. The target is 40%."),
	      "the answer without the restatement");
	lp_doc_free(doc);
	/* The list labelled ("- R1: ..."), the answers under "### R1" and
	 * "### R3 and R4", one heading at a page's top like the next
	 * page's ("### R2", "### R3 and R4"), none a running header. */
	doc = process_all(
		"Dear Chair,\n\n## 2. The recommendations\n\n"
		"- R1: The Authority should publish bus data.\n"
		"- R2: The Mayor should set a punctuality target.\n"
		"- R3: The Authority should fund bus lanes.\n"
		"- R4: The Authority should review the partnership.\n\n"
		"## 3. Responses\n\n### R1\n\nSupported. Data will be "
		"published monthly.\n\nPage 1 of 3\n\n### R2\n\nPartially "
		"supported. A target will be set in the autumn.\n\nPage 2 of 3"
		"\n\n### R3 and R4\n\nSupported. Both will be done next year."
		"\n\nPage 3 of 3\n\n## 4. Financial implications\n\nNone.\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 4, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Mayor should set a punctuality target."),
	      "the list's second item");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Partially supported. A target will be set in the "
		      "autumn."),
	      "its answer under its heading");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "Supported. Both will be done next year.") &&
		      span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 3),
			      "Supported. Both will be done next year."),
	      "R3 and R4, each with the shared answer");
	lp_doc_free(doc);
}

/* Two numbered recommendations glued in one bold line, the second after
 * the first's "(Paragraph 63)", answered together. */
static void test_glued_after_citation(void)
{
	lp_doc *doc = process_all(
		"# Appendix: Government response\n\n"
		"**4. The Department should write off overpayments. (Paragraph "
		"58)**\n\nThe Government does not accept this recommendation."
		"\n\n**5. The Government should extend eligibility to "
		"students. (Paragraph 63)****6. The Department should remove the "
		"pension rule. (Paragraph 66)**\n\nThe Government will respond "
		"to recommendations 5 and 6 together. It does not accept them."
		"\n\n**7. The Government should publish a strategy. (Paragraph "
		"72)**\n\nThe Government accepts this recommendation.\n");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p && attr_is(p, "number", "5,6"), "recommendations 5 and 6, %s",
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	lp_doc_free(doc);
}

/* A label whose words after its number name whom it is for
 * ("Recommendation 5 - to all boroughs") titles the recommendation
 * under it; "I have copied this reply to ..." closes the letter. */
static void test_label_title_and_copy(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nRecommendation 4 - The Council should act.\n\n"
		"We agree.\n\nRecommendation 5 - to all boroughs\n\n"
		"Boroughs should:\n(a) inspect every property; and\n(b) name "
		"a contact officer.\n\nWe partly agree.\n\nRecommendation 6 - "
		"The Council should report.\n\nWe will report in June.\n\n"
		"I have copied this reply to the Chair of our scrutiny "
		"committee.\n\nYours sincerely,\n\nAnn Lee\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "Boroughs should:\n(a) inspect every property; and\n(b) "
		      "name a contact officer."),
	      "the recommendation under its title");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "We will report in June."),
	      "the last answer without the copy line");
	lp_doc_free(doc);
}

/* A closing paragraph after the last answer, with only a sign-off and a
 * page's footer after it, is the letter's, not the answer's: found once
 * the back matter under it is set aside. */
static void test_closing_before_back_matter(void)
{
	lp_doc *doc = process_all(
		"Recommendation 1 (paragraph 12)\nThe Government should act.\n"
		"The Government agrees with this recommendation.\n"
		"Recommendation 2 (paragraph 20)\nThe Government should report."
		"\nThe Government notes this recommendation and will invite the "
		"Chair to a meeting.\n\f"
		"The Department will write to the Committee again within six "
		"months to update it on progress.\nCopies of this response have "
		"been sent to the Chair of the Panel.\nDepartment for Education\n"
		"May 2024\n\u00a9 Crown copyright 2024\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government notes this recommendation and will invite "
		      "the Chair to a meeting."),
	      "the last answer without the closing");
	lp_doc_free(doc);
}

/* A theme's heading over the next label, in one paragraph with it as
 * pdftotext leaves them ("Theme 2: Zoning" over "RECOMMENDATION 2"),
 * ends the answer before it. */
static void test_heading_over_label(void)
{
	lp_doc *doc = process_all(
		"RECOMMENDATION 1\nThe Department should publish technical "
		"standards for heat networks, backed by a mandatory\nassurance "
		"scheme, by the end of 2024. (Paragraph 34)\nGovernment response\n"
		"The Government agrees with this recommendation. The Department "
		"has been developing the\nscheme with industry since 2022, and we "
		"will publish the technical standards in summer 2024,\nbut we do "
		"not expect a longer transition to be necessary.\nTheme 2: Heat "
		"network zoning\nRECOMMENDATION 2\nThe Government should bring "
		"forward regulations for heat network zoning in England without\n"
		"further delay, and designate the first zones by 2025. (Paragraph "
		"45)\nGovernment response\nThe Government agrees with this "
		"recommendation and will consult on the regulations in spring.\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 0);
	CHECK(r && doc->text[r->end - 1] == '.',
	      "the first answer ends before the heading: [%.*s]",
	      r ? (int)(r->end - r->start) : 0, r ? doc->text + r->start : "");
	lp_doc_free(doc);
}

/* Recommendations lettered as resolutions are ("(a) That the Service
 * ..."), where nothing is numbered: "(b)" is recommendation 2, and an
 * answer's list "(i) ..." is the answer's. */
static void test_lettered_recommendations(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nThe Committee's recommendations follow, each with "
		"the Service's response.\n\n(a)   That the Service reviews its "
		"contracts.\n\nAccepted. We will consult staff on:\n\n   (i) a "
		"daytime contract; and\n   (ii) a weekend contract.\n\n"
		"(b)   That the Service recruits more staff.\n\nAccepted. We will "
		"recruit ten more.\n\n(c)   That a report is presented in six "
		"months.\n\nAccepted. A report will come in April.\n\n"
		"Yours faithfully\n\nAlison Greaves\n");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3 && p &&
		      attr_is(p, "number", "2"),
	      "%zu pairs, the second %s", count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "That the Service recruits more staff."),
	      "the second recommendation");
	lp_doc_free(doc);
	/* Labelled by a group's initials ("TG1"), each alone on its line,
	 * one at a page's top; a lone "PC21" in a glossary is no label. */
	doc = process_all(
		"Dear Chair,\n\nTG1\n\nThe Council should publish a "
		"transport policy.\n\nCabinet response: Supported. It will be "
		"published in May.\n\nPage 1 of 2\n\fTG2\n\nThe Council "
		"should review routes.\n\nCabinet response: Supported.\n\n"
		"Page 2 of 2\n");
	if (!doc)
		return;
	p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p &&
		      attr_is(p, "number", "2"),
	      "TG1 and TG2: %zu pairs", count_kind(doc, LP_SPAN_PAIR));
	lp_doc_free(doc);
	doc = process_all(
		"Dear Chair,\n\n| **Term** | **Meaning** |\n|---|---|\n"
		"| NAP | Nutrients Action Programme |\n"
		"| PC21 | The price control period 2021-2027 |\n\n"
		"**1.** **The Committee recommends that the Department publish "
		"a plan.**\n\nAccepted.\n\n"
		"**2.** **The Committee recommends that the Department fund the "
		"works.**\n\nAccepted.\n\n"
		"**3.** **The Committee recommends that the Department report "
		"yearly.**\n\nAccepted.\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3,
	      "PC21 no label: %zu pairs", count_kind(doc, LP_SPAN_PAIR));
	lp_doc_free(doc);
	/* Labelled by a capital: "Recommendation B" is the second. */
	doc = process_all(
		"Dear Chair,\n\n**Recommendation A****The Force should answer "
		"calls faster.**\n\n**Response:**Accepted.\n\n"
		"**Recommendation B****The Force should publish its data.**\n\n"
		"**Response:**Accepted. We will publish it in May.\n\n"
		"Yours faithfully\n\nAlison Greaves\n");
	if (!doc)
		return;
	p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p &&
		      attr_is(p, "number", "2"),
	      "%zu pairs, the second %s", count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Force should publish its data."),
	      "recommendation B");
	lp_doc_free(doc);
}

/* A label and its committee's paragraph in bold glued together
 * ("**Recommendation 1****(paragraph 18)**"), which normalise splits
 * into two lines: the paragraph is the label's, and the recommendation
 * is the text under both. */
static void test_paragraph_under_label(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"| **Committee recommendation** | **Response** |\n|---|---|\n"
		"| **Recommendation 1****(paragraph 18)**<br>Ofgem should publish "
		"a summary for typical users. | **Accepted.**<br>We will add "
		"worked examples. |\n"
		"| **Recommendation 2****(paragraph 24)**<br>Ofgem should require "
		"suppliers to tell customers. | **Partially accepted.**<br>"
		"Suppliers must already notify customers. |\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p &&
		      attr_is(p, "paragraph", "24"),
	      "%zu pairs, the second's paragraph %s",
	      count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "paragraph") ? lp_span_attr(p, "paragraph")
						: "(none)");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "Ofgem should require suppliers to tell customers."),
	      "the second recommendation");
	lp_doc_free(doc);
}

/* A recommendation that opens a numbered list ("by:") goes on to the
 * list's last item, numbered one up each, not only its first. */
static void test_recommendation_list(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nThank you for the report.\n\n"
		"**Recommendation 1:** That the Executive keeps residents "
		"informed, by:\n\n1.  adding photographs to reports;\n\n"
		"2.  notifying the reporter; and\n\n3.  publishing monthly "
		"data.\n\n**Executive response:** Supported.\n\nWe will do "
		"all three.\n\n**Recommendation 2:** That the Executive "
		"publishes a plan.\n\n**Executive response:** Supported.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RECOMMENDATION, 0);
	CHECK(r && doc->text[r->end - 1] == '.' &&
		      span_has(doc, r, "3. publishing"),
	      "the recommendation ends after the list's third item: [%.*s]",
	      r ? (int)(r->end - r->start) : 0, r ? doc->text + r->start : "");
	lp_doc_free(doc);
}

/* A Command Paper's imprint after the last answer ("... CP 1052. ISBN
 * 978-..."), full stops and all, is back matter, not the answer's. */
static void test_imprint_after_last_answer(void)
{
	lp_doc *doc = process_all(
		"Recommendation 1 (paragraph 20)\nThe Government should "
		"publish a plan.\nThe Government agrees. We will publish it "
		"in May.\n\nRecommendation 2 (paragraph 31)\nThe Government "
		"should review the duties.\nThe Government partly agrees. Any "
		"change will be consulted on.\n\n\nDepartment for Rural "
		"Affairs, March 2024. CP 1052. ISBN\n978-1-5286-4679-3.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government partly agrees. Any change will be "
		      "consulted on."),
	      "the last answer without the imprint");
	lp_doc_free(doc);
}

/* A bold recommendation's last part with the committee's paragraph
 * after the bold ("**(b) fund the service.** (Paragraph 82)") is still
 * the recommendation's. */
static void test_bold_part_then_paragraph(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\n**Recommendation 1:** **The Government should "
		"act. We recommend that the Government:**\n\n**(a) require "
		"Ofcom to set response times; and**\n\n**(b) fund the "
		"service.** (Paragraph 82)\n\nThe Government does not agree "
		"with part (a).\n\n**Recommendation 2:** **The Government "
		"should publish data.** (Paragraph 90)\n\nThe Government "
		"agrees.\n\nYours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Government does not agree with part (a)."),
	      "the first answer starts after part (b)");
	lp_doc_free(doc);
}

/* A web page's own lines ("Last updated: ...") are no page break: the
 * line before them is not run into the one after as a sentence a page
 * break cut ("First published: 17 July 2024", the page's date). */
static void test_web_chrome_no_page_break(void)
{
	lp_doc *doc = process_all(
		"<html><body><main>\n"
		"  <div class=\"meta\">First published: 17 July 2024</div>\n"
		"  <div class=\"meta\">Last updated: 17 July 2024</div>\n"
		"<nav aria-label=\"Contents\">\n"
		"  <h2>Contents</h2>\n"
		"  <ol><li><a href=\"#i\">Introduction</a></li></ol>\n"
		"</nav>\n"
		"<article>\n"
		"<p>This file may not be suitable for users of assistive "
		"technology. <a href=\"/a\">Request an accessible format</a>."
		"</p>\n"
		"<h2 id=\"i\">Introduction</h2>\n"
		"<h3>Recommendation 1</h3>\n"
		"<p>The Government should publish a plan.</p>\n"
		"<p><strong>Response: Accept</strong></p>\n"
		"<p>We will publish it later this year.</p>\n"
		"<h3>Recommendation 2</h3>\n"
		"<p>The Government should fund it.</p>\n"
		"<p><strong>Response: Accept</strong></p>\n"
		"<p>We will fund it.</p>\n"
		"</article></main></body></html>\n");
	if (!doc)
		return;
	CHECK(doc->letter.date && strcmp(doc->letter.date, "2024-07-17") == 0,
	      "date %s", doc->letter.date ? doc->letter.date : "(none)");
	lp_doc_free(doc);
}

/* "it" after an undertaking in the same sentence is its actor again:
 * "TfL will publish ..., and in April 2025 it will add ..." resolves "it"
 * to TfL. */
static void test_it_resolved(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nRecommendation 1\n\nTfL should publish the "
		"data.\n\nResponse\n\nTfL will continue to publish the data "
		"every month, and in April 2025 it will add a breakdown by "
		"borough.\n\nYours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *c = find_span(doc, LP_SPAN_COMMITMENT, 1);
	CHECK(c && attr_is(c, "actor", "it") &&
		      attr_is(c, "actor_resolved", "TfL"),
	      "the second commitment's actor resolved: %s",
	      c && lp_span_attr(c, "actor_resolved")
		      ? lp_span_attr(c, "actor_resolved")
		      : "(none)");
	lp_doc_free(doc);
}

/* A heading repeated over each recommendation ("Conclusion or
 * recommendation") is no answer; a recommendation with none, before an
 * answer to "these recommendations", is answered with the next. */
static void test_answered_as_these(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nConclusion or recommendation\n\n1. The Home "
		"Office should publish a plan. [paragraph 34]\n\nGovernment "
		"response\n\nThe Government agrees with this recommendation.\n\n"
		"Conclusion or recommendation\n\n2. People are placed in shared "
		"rooms without assessment. The Home Office should screen them. "
		"[paragraph 71]\n\nConclusion or recommendation\n\n3. The "
		"Department should report incidents within 24 hours. [paragraph "
		"74]\n\nGovernment response\n\nThe Government agrees with these "
		"recommendations. A screening tool was introduced in June.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p &&
		      attr_is(p, "number", "2,3"),
	      "%zu pairs, the second numbered %s",
	      count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	lp_doc_free(doc);
}

/* An answer in paragraphs numbered by its recommendation ("2.1 The
 * Force accepts ...", under Recommendation 2) starts after the number. */
static void test_answer_numbered_by_recommendation(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\n**Recommendation 1: The Force should restore "
		"the target.**\n\n1.1 The Force accepts this in part.\n\n"
		"1.2 Performance has improved.\n\n**Recommendation 2: The "
		"Force should publish data.**\n\n2.1 The Force accepts this "
		"recommendation.\n\nYours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Force accepts this recommendation."),
	      "the second answer without its number");
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 0);
	CHECK(r && span_has(doc, r, "1.2 "),
	      "later paragraphs keep theirs");
	lp_doc_free(doc);
}

/* A word broken at a Markdown hard break ("commit-" and two spaces)
 * is joined with the rest on the next line. */
static void test_hyphen_at_hard_break(void)
{
	const char *src = "# Response\n\n*The Mayor should ensure that the "
			  "commit-  \nments in the offer are enforceable.*\n";
	lp_doc *doc = norm(src, strlen(src));
	if (!doc)
		return;
	CHECK(strstr(doc->text, "the commitments in the offer") != NULL,
	      "the word joined: [%s]", doc->text);
	lp_doc_free(doc);
}

/* An italic label glued to the text after it, as a PDF's converter
 * writes it ("*ICB response:*Supported."), loses both markers. */
static void test_glued_italic_label(void)
{
	const char *src = "# Response\n\n*ICB response:*Supported. We will "
			  "fund it.\n";
	lp_doc *doc = norm(src, strlen(src));
	if (!doc)
		return;
	CHECK(strstr(doc->text, "ICB response:Supported.") != NULL &&
		      !strchr(doc->text, '*'),
	      "no markers left: [%s]", doc->text);
	lp_doc_free(doc);
}

/* A plain-text e-mail that quotes the request it answers (">
 * Recommendation One - fines"), with a disclaimer ruled in asterisks:
 * plain text, not Markdown, and the quoted labels are not pairs. */
static void test_email_quoting_request(void)
{
	lp_doc *doc = process_all(
		"Dear Daniel,\n\nRecommendation One\n\nThat the Council "
		"raises its fines.\n\nSupported. We will raise them in April."
		"\n\nRecommendation Two\n\nThat the Council publishes its "
		"figures.\n\nSupported. We will publish them each quarter.\n\n"
		"Kind regards\n\nJo Bloggs\n\n> The Panel made two "
		"recommendations:\n>\n> Recommendation One - fines\n> "
		"Recommendation Two - figures\n\n"
		"**********************************************************\n"
		"This e-mail is confidential.\n"
		"**********************************************************\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	lp_doc_free(doc);
}

/* pandoc writes an en dash as "--": "2024--25" is a financial year,
 * its text as written. */
static void test_pandoc_dashes(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\n**Recommendation 1:** The Council should fund "
		"it.\n\n**Response:** Agreed. We will fund it in 2024--25.\n\n"
		"**Recommendation 2:** The Council should report.\n\n"
		"**Response:** Agreed.\n\nYours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	const lp_span *d = find_span(doc, LP_SPAN_DATE, 0);
	CHECK(d && span_is(doc, d, "2024--25") &&
		      attr_is(d, "value", "2024-04-01/2025-03-31"),
	      "the year read: %s",
	      d && lp_span_attr(d, "value") ? lp_span_attr(d, "value")
					    : "(none)");
	lp_doc_free(doc);
}

/* Recommendations lettered in bold, glued to their text, in a report
 * whose own sections and decisions are numbered: the letters make the
 * pairs.  A response's last field, a line before the next letter ("c)"
 * opens no lower-case word), is the response's, not a stray header;
 * and a footer of two lines, printed three times without page breaks,
 * is furniture, where three like lines in a list are not. */
static void test_bold_lettered(void)
{
	lp_doc *doc = process_all(
		"# **Recommendations:**\n\n"
		"- 1. Note the responses to the recommendations set out in "
		"section 2.\n"
		"- 2. Agree that an update be brought in January.\n\n"
		"# **1. Introduction**\n\n"
		"1.1 The Group made three recommendations to improve the "
		"service.\n\n"
		"In 2024 the Group saw:\n\n"
		"2013/14 - 16 new routes in the network\n\n"
		"2014/15 - 23 new routes in the network\n\n"
		"2015/16 - 31 new routes in the network\n\n"
		"# **2. Response to the Recommendations**\n\n"
		"**a)****That TfGM publish monthly data for every route.**\n\n"
		"Supported. TfGM will publish monthly data from September.\n\n"
		"NORTH AND SOUTH DISTRICTS OF THE COUNTY\n\n"
		"EAST AND WEST DISTRICTS OF THE COUNTY\n\n"
		"**Lead:** Head of Bus Performance\n\n"
		"**b)****That the Authority fund bus priority measures.**\n\n"
		"Partially supported. The Authority has already allocated "
		"funding to the ten most delayed corridors of the network\n\n"
		"**Timescale:** Programme delivery 2024/25 to 2026/27\n\n"
		"**c)****That TfGM review the enforcement of bus lanes.**\n\n"
		"Supported in principle. TfGM has begun a review.\n\n"
		"NORTH AND SOUTH DISTRICTS OF THE COUNTY\n\n"
		"EAST AND WEST DISTRICTS OF THE COUNTY\n\n"
		"**d)****That TfGM add evening services.**\n\n"
		"Not supported. The cost is too high.\n\n"
		"# **3. Next Steps**\n\n"
		"An update will come to the Committee in January.\n\n"
		"NORTH AND SOUTH DISTRICTS OF THE COUNTY\n\n"
		"EAST AND WEST DISTRICTS OF THE COUNTY\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 4 && p0 &&
		      attr_is(p0, "label", "a)"),
	      "four lettered pairs: %zu, the first %s",
	      count_kind(doc, LP_SPAN_PAIR),
	      p0 && lp_span_attr(p0, "label") ? lp_span_attr(p0, "label")
					      : "(none)");
	const lp_span *r1 = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r1 && span_is(doc, r1,
			    "Partially supported. The Authority has already "
			    "allocated funding to the ten most delayed "
			    "corridors of the network\n\nTimescale: Programme "
			    "delivery 2024/25 to 2026/27"),
	      "response b) keeps its timescale");
	CHECK(!has(doc, "DISTRICTS"), "the two-line footer dropped");
	CHECK(has(doc, "2014/15 - 23 new routes"), "the list kept");
	lp_doc_free(doc);
}

/* A Treasury Minute: "PAC conclusion 1:" (the committee's finding)
 * before "PAC recommendation 1a:", answered in paragraphs "1.1", "1.2":
 * the finding is neither the answer before it nor a pair, and "1a" is
 * recommendation 1. */
static void test_treasury_minute(void)
{
	lp_doc *doc = process(
		"PAC conclusion 1: The Department has moved money from its "
		"capital budget.\n\n"
		"PAC recommendation 1a: The Department should stop treating "
		"transfers as routine.\n\n"
		"1.1 The government partly agrees with the Committee's "
		"recommendation.\n\n"
		"1.2 The Department will write to the Committee by September "
		"2024.\n\n"
		"PAC conclusion 2: The condition of the estate is "
		"deteriorating.\n\n"
		"PAC recommendation 2a: The Department should publish a costed "
		"plan.\n\n"
		"2.1 The government agrees with the Committee's "
		"recommendation.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p0 &&
		      attr_is(p0, "number", "1"),
	      "two pairs, numbered 1 and 2: %zu", count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The government partly agrees with the Committee's "
		      "recommendation.\n\n1.2 The Department will write to "
		      "the Committee by September 2024."),
	      "response 1 without its number, up to the next conclusion");
	lp_doc_free(doc);
	/* The answer's subheading glued to its first paragraph's number,
	 * and "5.1 " under "Recommendations 5 and 6". */
	doc = process(
		"## Recommendation 4\n\n"
		"*The Government should publish outcome data.*\n\n"
		"**Government response**4.1 The Government agrees with this "
		"recommendation.\n\n"
		"## Recommendations 5 and 6\n\n"
		"*The Government should fund the bodies.*\n\n"
		"*The Government should require every college to publish.*\n\n"
		"### Government response\n\n"
		"5.1 The Government agrees with both recommendations.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Government agrees with this recommendation."),
	      "response 4 after its subheading and number");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government agrees with both recommendations."),
	      "response 5 and 6 without '5.1 '");
	lp_doc_free(doc);
}

/* A Word document's footnote under its rule after the last answer is
 * back matter, not the answer's. */
static void test_footnote_after_last_answer(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\n"
		"Recommendation 1\n\n"
		"The Mayor should publish a strategy.\n\n"
		"The Mayor accepts this recommendation. Small firms employ half "
		"the workforce.[1] The plan will be published in spring.\n\n"
		"Recommendation 2\n\n"
		"The Mayor should report back within 12 months.\n\n"
		"The Mayor accepts this recommendation. Officers will write by "
		"June 2025.\n\n"
		"________________________________\n"
		"[1] Department for Business and Trade, Business population "
		"estimates.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Mayor accepts this recommendation. Officers will "
		      "write by June 2025."),
	      "the last answer without its footnote");
	lp_doc_free(doc);
}

/* An e-mail that forwards the response: the letter's particulars are
 * the forwarded message's (its date, salutation, reference and
 * signature), and the forwarding note stays the cover. */
static void test_forwarded_email(void)
{
	lp_doc *doc = process_all(
		"From: Hollis, Amanda <amanda.hollis@example.gov.uk>\n"
		"Sent: 09 October 2024 09:14\n"
		"To: Panel Members <panel@example.gov.uk>\n"
		"Subject: FW: Panel recommendations\n\n"
		"Dear Panel Members,\n\n"
		"Please see below the response, which goes to the meeting on "
		"17 October 2024.\n\n"
		"Kind regards,\n\nAmanda Hollis\nScrutiny Officer\n\n"
		"From: Staff Office <staff.office@example.police.uk>\n"
		"Sent: 08 October 2024 16:52\n"
		"To: Hollis, Amanda <amanda.hollis@example.gov.uk>\n"
		"Subject: RE: Panel recommendations\n\n"
		"Our ref: CC/2024/0417\n\n"
		"Dear Ms Hollis,\n\n"
		"1. The Constabulary should publish its rural crime figures.\n\n"
		"Response: Accepted. We will publish them quarterly.\n\n"
		"2. The Constabulary should train more wildlife officers.\n\n"
		"Response: Accepted. Training starts in January.\n\n"
		"Kind regards,\n\nMark Dunmore\nStaff Officer\n");
	if (!doc)
		return;
	const lp_letter *lt = &doc->letter;
	CHECK(lt->date && strcmp(lt->date, "2024-10-08") == 0,
	      "the forwarded message's date: %s", lt->date ? lt->date : "(none)");
	CHECK(lt->salutation && strcmp(lt->salutation, "Dear Ms Hollis") == 0,
	      "its salutation: %s",
	      lt->salutation ? lt->salutation : "(none)");
	CHECK(lt->reference && strcmp(lt->reference, "CC/2024/0417") == 0,
	      "its reference");
	CHECK(lt->sender_name && strstr(lt->sender_name, "Mark Dunmore"),
	      "its writer: %s", lt->sender_name ? lt->sender_name : "(none)");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_COVER, 0),
		      "Please see below the response, which goes to the "
		      "meeting on 17 October 2024."),
	      "the forwarding note the cover");
	lp_doc_free(doc);
}

/* A table of costs in an answer: a cell between two that read as one
 * sentence ("... fire engines", "£410,000", "by December 2024") is the
 * table's, not a running header that cut the sentence. */
static void test_cell_between_cells(void)
{
	lp_doc *doc = process(
		"**Recommendation 5**The Commissioner should review the "
		"equipment.\n\n"
		"Accepted. We have already committed the following investment.\n\n"
		"| Item | Cost | Timing |\n"
		"|---|---|---|\n"
		"| Fire blankets and containment bags for all 142 frontline "
		"fire engines | £410,000 | by December 2024 |\n"
		"| Revised training package for all operational staff | £1.1m | "
		"2024-25 |\n");
	if (!doc)
		return;
	CHECK(has(doc, "£410,000"), "the cost cell kept");
	lp_doc_free(doc);
}

/* A summary table in the cover ("R1<TAB>Title<TAB>Partially accepted")
 * numbers the recommendations as the annex does: its rows are no pairs,
 * the annex's are. */
static void test_summary_before_labels(void)
{
	lp_doc *doc = process(
		"Dear Councillor Ahmed,\n\n"
		"Our responses are summarised below.\n\n"
		"R1\tOpening hours\tPartially accepted\n"
		"R2\tDischarge\tAccepted\n"
		"R3\tCommunications\tAccepted\n\n"
		"R1 – The ICB should open the centre all night.\n\n"
		"ICB response: Partially accepted. It will open until midnight.\n\n"
		"R2 – The ICB should invest in discharge services.\n\n"
		"ICB response: Accepted. We will invest £2.3 million.\n\n"
		"R3 – The ICB should publish a leaflet.\n\n"
		"ICB response: Accepted. It will be published in May.\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "three pairs: %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The ICB should open the centre all night."),
	      "the first pair the annex's");
	lp_doc_free(doc);
}

/* A report that lists the recommendations, then the answers in a
 * second list numbered the same way, each opening with its stance; its
 * own sections are numbered headings in bold. */
static void test_list_then_answers(void)
{
	lp_doc *doc = process(
		"### **4. The Committee's recommendations**\n\n"
		"1. That the Council appoints an Empty Homes Officer.\n"
		"2. That the Council introduces a loan scheme.\n"
		"3. That the Council reports on progress every year.\n\n"
		"### **5. Executive response**\n\n"
		"1. **Supported.** The post will be made permanent.\n"
		"2. **Partially supported.**The Executive will set up a "
		"smaller fund of £250k.\n"
		"3. **Supported.** A report will come in March 2025.\n\n"
		"### **6. Background papers**\n\n"
		"None.\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "three pairs: %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Partially supported.The Executive will set up a smaller "
		      "fund of £250k."),
	      "answer 2 from the second list");
	lp_doc_free(doc);
}

/* A table printed cell by cell (pdftotext without -layout): each row's
 * number alone on a line opens a pair, the first after the column
 * heads, which end no sentence. */
static void test_cell_rows_by_number(void)
{
	lp_doc *doc = process(
		"The Committee's recommendations are set out in the table below,\n"
		"with the Brigade's response to each of them in the next column.\n"
		"No.\n"
		"Committee recommendation\n"
		"LFB response\n"
		"1\n"
		"The London Fire Brigade should publish data on fires involving\n"
		"e-bikes every quarter.\n"
		"Accepted.\n"
		"The Brigade already publishes its incident records on the London\n"
		"Datastore, and from April 2024 we will also publish a quarterly\n"
		"dataset of e-bike fires.\n"
		"2\n"
		"The London Fire Brigade should press the Government for new laws\n"
		"on the sale of conversion kits and replacement batteries.\n"
		"Accepted.\n"
		"The Commissioner wrote to the Secretary of State for Business on\n"
		"3 July 2023 calling for new product safety legislation and will\n"
		"continue to press for it with London Councils and the Mayor.\n"
		"3\n"
		"The London Fire Brigade should train all of its firefighters in\n"
		"dealing with lithium-ion battery fires by the end of 2024.\n"
		"Partially accepted.\n"
		"Training will be complete by the end of 2025, a year later than\n"
		"the Committee asked.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3 && p0 &&
		      attr_is(p0, "label", "1"),
	      "three rows: %zu", count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The London Fire Brigade should publish data on fires "
		      "involving e-bikes every quarter."),
	      "row 1's recommendation");
	lp_doc_free(doc);
}

/* The same, a cell a paragraph, with columns after the response's: the
 * lead and the date are each row's details, a lead over several lines
 * too, and the heads printed again over a row that a page break cut
 * are furniture. */
static void test_cell_rows_details(void)
{
	lp_doc *doc = process(
		"Annex A: the Panel's recommendations\n\n"
		"No.\n\nPanel recommendation\n\nPCC response\n\nLead\n\n"
		"Target date\n\n"
		"1.\n\nThe PCC should publish call data every month.\n\n"
		"Accepted. I will publish it from April 2025.\n\n"
		"PCC / Chief Constable\n\nApril 2025\n\n"
		"2.\n\nThe PCC should fund a new telephone system.\n\n"
		"Accepted. I have allocated funds for it, and the contract\n"
		"\f"
		"No.\n\nPanel recommendation\n\nPCC response\n\nLead\n\n"
		"Target date\n\n"
		"was awarded in December.\n\n"
		"OPCC Chief Finance\nOfficer / Head of\nContact Management\n\n"
		"October 2025\n\n"
		"3.\n\nThe Chief Constable should promote web chat.\n\n"
		"Partially accepted. I will fund a campaign.\n\n"
		"Head of Communications\n\nSeptember 2025\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "three rows: %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accepted. I will publish it from April 2025."),
	      "answer 1 without its lead and date");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 0),
		      "PCC / Chief Constable\n\nApril 2025"),
	      "row 1's details");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. I have allocated funds for it, and the "
		      "contract was awarded in December."),
	      "answer 2 over the page, the heads again dropped: [%s]",
	      doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 2),
		      "Head of Communications\n\nSeptember 2025"),
	      "the last row's details");
	lp_doc_free(doc);
}

/* A table printed cell by cell with no blank line anywhere, a cell's
 * lines one under another: the short lines after each answer's last
 * sentence are its row's details; after the last row, the sentences
 * that follow the table are no row's. */
static void test_cell_rows_packed(void)
{
	lp_doc *doc = process(
		"Dear Commission,\nOur action plan follows.\n"
		"No.\nRecommendation\nCouncil response\nResponsible officer\n"
		"Target date\n"
		"1\nThe council should update its financial\nstrategy.\n"
		"Agreed. The council approved a refreshed\nstrategy in June.\n"
		"Head of Finance and\nProcurement\nFebruary 2025\n"
		"2\nThe council should publish a programme\nof change.\n"
		"Agreed. The programme will go to the\nCommittee in November.\n"
		"Chief Executive\nNovember 2024\n"
		"Approved by the Management Team on 3 September 2024.\n"
		"For more, call the Chief Executive's Office.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. The council approved a refreshed strategy in "
		      "June."),
	      "[%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 1),
		      "Chief Executive\nNovember 2024"),
	      "the last row's details");
	lp_doc_free(doc);
}

/* A table whose column after the response gives the answer's
 * financial implications, as the Welsh Government sets them: the
 * column is the answer's; a lead officer's after it is the row's
 * details. */
static void test_implications_column(void)
{
	lp_doc *doc = process(
		"# Response\n\n"
		"| No. | Recommendation | Response | Financial implications | "
		"Lead |\n"
		"|---|---|---|---|---|\n"
		"| 1 | The Welsh Government should publish a plan. | Accept. We "
		"will publish it by March 2025. | The plan costs £1.2m from "
		"existing budgets. | Director of Health |\n"
		"| 2 | The Welsh Government should fund dentists. | Reject. The "
		"budget does not allow it. | None. | Director of Finance |\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accept. We will publish it by March 2025.\n\nThe plan "
		      "costs £1.2m from existing budgets."),
	      "response 1 with its financial implications");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 0),
		      "Director of Health"),
	      "the lead the row's details");
	lp_doc_free(doc);
	/* An "Action" column after the response's: what the answer
	 * does, so the answer's too. */
	doc = process(
		"# Response\n\n"
		"| Recommendation | Response (Agreed / Not agreed) | Action | "
		"Responsible officer | Date |\n"
		"|---|---|---|---|---|\n"
		"| **1.** The Council should end the use of B&B. | **Agreed.** "
		"We share the concern. | We will publish monthly figures. | "
		"Head of Housing | March 2025 |\n"
		"| **2.** The Council should lobby the Government. | **Agreed.** "
		"| The Leader has written. | Leader | July 2024 |\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We share the concern.\n\nWe will publish "
		      "monthly figures."),
	      "response 1 with its action: [%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 0),
		      "Head of Housing\n\nMarch 2025"),
	      "the officer and date the row's details");
	lp_doc_free(doc);
}

/* A committee's conclusion among its recommendations, numbered by the
 * report's paragraphs and in bold as they are, that opens as an answer
 * might ("We welcome ..."): a pair still, as the Government answers it
 * below with a stance. */
static void test_bold_conclusion_answered(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nMy response follows.\n\n"
		"**23.** **We recommend that the Government funds housing for "
		"prison leavers.**\n\n"
		"Not accepted. The existing duty is enough.\n\n"
		"**27.** **We welcome the recovery of unpaid work, but are "
		"concerned about the backlog.**\n\n"
		"The Government agrees with the Committee's conclusion. The "
		"backlog has fallen.\n\n"
		"**31.** **HMPPS should publish referral data.**\n\n"
		"Accepted in principle. We will publish it.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "three pairs, not %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Not accepted. The existing duty is enough."),
	      "answer 23 ends before conclusion 27");
	lp_doc_free(doc);
}

/* A web page that quotes each recommendation in a block quote, one of
 * two paragraphs, and answers it unlabelled below: the recommendation
 * is the whole quote. */
static void test_blockquote_recommendation(void)
{
	lp_doc *doc = process_all(
		"<html><body><main><p>Dear Convener,</p>"
		"<p>I answer the Committee's recommendations below.</p>"
		"<blockquote><p><strong>Recommendation 1:</strong> The "
		"Government should publish a plan.</p></blockquote>"
		"<p>I accept this recommendation. The plan will follow.</p>"
		"<blockquote><p><strong>Recommendation 2:</strong> Transport "
		"Scotland should survey the network.</p><p>The Committee also "
		"asks the Government to set out how the survey will be "
		"funded.</p></blockquote>"
		"<p>I accept this recommendation. The survey starts in May.</p>"
		"<p>Yours sincerely,</p><p>Jo Bloggs</p></main></body></html>");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "two pairs, not %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "I accept this recommendation. The survey starts in May."),
	      "the second answer after the quote's two paragraphs: [%s]",
	      doc->text);
	lp_doc_free(doc);
}

/* A cover letter that lists the recommendations, numbered, before an
 * annex that numbers them again, each in bold after its number and
 * answered: the annex's are the pairs.  A table of actions inside an
 * answer ("Action | Lead | Timescale | Cost") is the answer's, not a
 * row's details. */
static void test_listed_then_answered(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nThe Group recommended:\n\n"
		"1. That the Council hires more officers.\n"
		"2. That the Council offers free collections.\n\n"
		"Cabinet agreed the responses in Annex A.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n\n"
		"# **Annex A**\n\n"
		"1. **That the Council hires more officers.**\n\n"
		"**Response:****Supported.** Two officers will start in May.\n\n"
		"| **Action** | **Lead** | **Timescale** | **Cost** |\n"
		"|---|---|---|---|\n"
		"| Recruit officers | Waste Services | May 2025 | £96,000 |\n\n"
		"Progress will be reported in six months.\n\n"
		"2. **That the Council offers free collections.**\n\n"
		"**Response:****Supported.** They start in April.\n");
	if (!doc)
		return;
	const lp_span *p0 = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p0 &&
		      p0->start > (size_t)(strstr(doc->text, "Annex A") -
					   doc->text),
	      "the annex's two pairs: %zu", count_kind(doc, LP_SPAN_PAIR));
	const lp_span *r0 = find_span(doc, LP_SPAN_RESPONSE, 0);
	CHECK(r0 && span_has(doc, r0, "reported in six months"),
	      "the answer runs over its table: [%.*s]",
	      r0 ? (int)(r0->end - r0->start) : 0,
	      r0 ? doc->text + r0->start : "");
	lp_doc_free(doc);
}

/* A Welsh Government table as pdftotext -layout prints it: a head over
 * three lines ("Response (Accept /" over "Accept in principle /" over
 * "Reject)"), and each row's number in its first cell before the text,
 * "Recommendation 1. The Welsh Government". */
static void test_layout_heads_wrapped(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nOur response is in the table.\n\n"
		" Recommendation                              Response (Accept /                         Financial implications\n"
		"                                             Accept in principle /\n"
		"                                             Reject)\n\n"
		" Recommendation 1. The Welsh Government      Accept                                     The plan is funded from\n"
		" should publish a costed plan.                                                          existing budgets.\n"
		"                                             We will publish the plan in March.\n\n"
		" Recommendation 2. The Welsh Government      Reject                                     None.\n"
		" should cap rents.\n"
		"                                             Rents are not capped in law.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "two rows: %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Welsh Government should publish a costed plan."),
	      "[%s]", doc->text);
	lp_doc_free(doc);
}

/* Recommendations numbered in bold, an answer with a numbered list of
 * its own ("1. ...", "2. ..."): the list's items are the answer's, and
 * the recommendations before it keep their pairs; one set in italics
 * that asks as they do is one of them. */
static void test_bold_numbers_list_in_answer(void)
{
	lp_doc *doc = process(
		"Dear Chair,\n\nOur responses follow.\n\n"
		"**1.****The MPS should publish ward staffing figures.**\n\n"
		"We will publish them from April.\n\n"
		"**2.****The MPS should reduce abstraction.**\n\n"
		"Abstraction remains a challenge, so since last year we have:"
		"\n\n"
		"1. Created a reserve of 400 officers, funded by the Mayor;\n"
		"2. Introduced a limit of four shifts in any 28 days; and\n"
		"3. Begun recording every abstraction on one system.\n\n"
		"We will publish the data in the summer.\n\n"
		"**3.****The MPS should restore front counters.**\n\n"
		"We accept this in part.\n\n"
		"**4.** *The MPS should deploy new officers to wards.*\n\n"
		"We accept this.\n\n"
		"**5.****The MPS should answer reports of nuisance.**\n\n"
		"We accept this too.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 5, "five pairs: %zu",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The MPS should publish ward staffing figures."),
	      "[%s]", doc->text);
	lp_doc_free(doc);
}

/* Two recommendations answered under one label after both, at the end
 * of a Special Report: the Department's sign-off after the answer
 * ("Department for Education" over "March 2025") is not the answer's. */
static void test_shared_answer_sign_off(void)
{
	lp_doc *doc = process(
		"Appendix: Government Response\n\n"
		"1. The Department should publish attendance data.\n\n"
		"Government response\n\n"
		"The Government agrees. The data will be published.\n\n"
		"2. The Department should evaluate breakfast clubs.\n\n"
		"3. The Department should support secondary schools.\n\n"
		"Government response to recommendations 2 and 3\n\n"
		"The Government agrees with recommendation 2 and partly agrees "
		"with recommendation 3. We will keep support under review.\n\n"
		"Department for Education\nMarch 2025\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 1);
	CHECK(r && !span_has(doc, r, "March 2025"),
	      "[%.*s]", r ? (int)(r->end - r->start) : 0,
	      r ? doc->text + r->start : "");
	lp_doc_free(doc);
}

/* A company's footer of two lines printed once, at the foot of a page
 * before its number: furniture.  A sentence that a page break cuts, an
 * address in it, is not. */
static void test_footer_paragraph_once(void)
{
	lp_doc *doc = process(
		"R1\nThe company should publish its data.\n"
		"Response: We accept this. The data is funded within our plan.\n\n"
		"Water Company Ltd. Registered in Wales No. 2366777. Registered "
		"Office: Linea, Fortran Road, St\nMellons, Cardiff CF3 0LT\n"
		"Page 1 of 2\n\f"
		"R2\nThe company should fix its pipes.\n"
		"Response: We accept this.\n\nWrite to us at our office in\n"
		"Linea, Fortran Road, Cardiff CF3 0LT, or\n"
		"Page 2 of 2\n\f"
		"by e-mail, and we will reply.\n");
	if (!doc)
		return;
	CHECK(!has(doc, "Registered"), "[%s]", doc->text);
	CHECK(has(doc, "Cardiff CF3 0LT, or by e-mail"), "[%s]", doc->text);
	lp_doc_free(doc);
}

/* A page's address footer printed once, on the line before the next
 * page's running header, between two paragraphs that each end a
 * sentence: furniture, as the header is. */
static void test_footer_before_header(void)
{
	lp_doc *doc = process(
		"# MAYOR OF LONDON\n\n"
		"Dear Chair,\n\n"
		"Thank you for your letter of 28 November 2024.\n\n"
		"I agree with the Committee on the first point.\n\n"
		"City Hall, Kamal Chunchie Way, London E16 1ZE\n\n"
		"# MAYOR OF LONDON\n\n"
		"I do not agree on the second.\n\n"
		"Yours sincerely,\n\nSadiq Khan\nMayor of London\n");
	if (!doc)
		return;
	CHECK(!has(doc, "E16 1ZE"), "the footer dropped");
	CHECK(has(doc, "I do not agree on the second."), "the text kept");
	lp_doc_free(doc);
}

/* Plain text without blank lines (pdftotext): a full line that ends a
 * sentence, then "3.1 The government agrees ...", a section's numbered
 * paragraph, which starts a paragraph as "3. The ..." does. */
static void test_section_paragraph_after_full_line(void)
{
	lp_doc *doc = process(
		"PAC conclusion 3: HMPPS does not know how many cells are out of use\n"
		"at any one time, or for how long they have been out of use now.\n\n"
		"PAC recommendation 3: HMPPS should report publicly, each quarter, the\n"
		"number of cells out of use and the time taken to complete repairs.\n"
		"3.1 The government agrees with the committee's recommendation.\n"
		"3.2 HMPPS already publishes monthly data on the prison population.\n\n"
		"PAC conclusion 4: The estate is in poor condition and getting worse.\n\n"
		"PAC recommendation 4: HMPPS should publish a plan for the estate in\n"
		"the next year, with the money it needs for each of the prisons.\n"
		"4.1 The government agrees with the committee's recommendation.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "HMPPS should report publicly, each quarter, the number of "
		      "cells out of use and the time taken to complete repairs."),
	      "recommendation 3 ends before '3.1'");
	lp_doc_free(doc);
}

/* Recommendations grouped under themes, out of their order ("12." after
 * "2."), each answered under "Government response": every one a pair. */
static void test_themed_out_of_order(void)
{
	lp_doc *doc = process(
		"Funding\n\n"
		"1. The Department should move to multi-year funding for all "
		"local transport authorities. (Paragraph 23)\n\n"
		"Government response\n\n"
		"The Government agrees with this recommendation.\n\n"
		"12. The Department should reform the grant so that it rewards "
		"reliability. (Paragraph 71)\n\n"
		"Government response\n\n"
		"Accepted in principle. We will consult in the spring.\n\n"
		"Fares\n\n"
		"5. The Government should confirm funding for the fare cap. "
		"(Paragraph 47)\n\n"
		"Government response\n\n"
		"The Government partly agrees with this recommendation.\n\n"
		"6. The Department should publish the evaluation of the fare "
		"cap. (Paragraph 49)\n\n"
		"Government response\n\n"
		"The Government agrees. It will publish it by March 2025.\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "12", "5", "6" };
	check_pair_numbers(doc, want, 4);
	lp_doc_free(doc);
}

/* A list of recommendations, then answers that name theirs in their
 * first words in several ways ("Finally, in response to recommendation
 * 3", "Recommendations 4 and 5 are ...", "The Authority accepts
 * recommendation 2"); a cover's sentence naming several numbers at once
 * is no answer. */
static void test_answers_naming_in_many_ways(void)
{
	static const char list[] =
		"The Committee's recommendations were:\n\n"
		"R1 That the Service prioritises visits for older residents.\n\n"
		"R2 That the Service shares data with the council.\n\n"
		"R3 That the Service publishes its evaluation each year.\n\n";
	char src[2048];
	snprintf(src, sizeof src,
		 "%sOur response to each recommendation follows.\n\n"
		 "In response to recommendation 1, the Service agrees and will "
		 "act by March.\n\n"
		 "The Authority accepts recommendation 2. A data sharing "
		 "agreement is in draft.\n\n"
		 "Finally, in response to recommendation 3, the Service will "
		 "publish its first evaluation in December.\n\n"
		 "Yours sincerely,\n\nJo Bloggs\n",
		 list);
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Authority accepts recommendation 2. A data sharing "
		      "agreement is in draft."),
	      "answer 2, its number after the verb");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "Finally, in response to recommendation 3, the Service "
		      "will publish its first evaluation in December."),
	      "answer 3, after 'Finally,'");
	lp_doc_free(doc);
	snprintf(src, sizeof src,
		 "%sI accept recommendations 1, 2 and 3. My response to each "
		 "is in the annex.\n\n"
		 "Yours sincerely,\n\nJo Bloggs\n\n"
		 "## Response to recommendation 1\n\nAccepted. We will act.\n\n"
		 "## Response to recommendation 2\n\nAccepted. We will share.\n\n"
		 "## Response to recommendation 3\n\nAccepted. We will publish.\n",
		 list);
	doc = process(src);
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. We will share."),
	      "answer 2 from the annex, not from the cover's summary");
	lp_doc_free(doc);
}

/* pdftotext -layout's two-column letterhead: the gap after "Date:" is
 * the field's own, not a column break; other columns' fields ("Please
 * ask for:") are. */
static void test_layout_letterhead_date(void)
{
	check_letter_date(
		"                                  Bryngarth County Borough Council\n\n"
		"Councillor Gareth Lloyd                    Our ref:        CAB/0324/17\n"
		"Chair, Transport Group                     Your ref:       TFG/23\n"
		"Task and Finish Group                      Date:           20 March 2024\n"
		"c/o Democratic Services, Civic Centre      Please ask for: Sian Morgan\n"
		"Bryngarth CF99 4XY                         Direct line:    01632 960552\n\n"
		"Dear Councillor Lloyd,\n\nThank you for the report.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n",
		"2024-03-20", "a date field in the right-hand column");
}

/* Markdown from a PDF: a page number glued to a running header in bold
 * ("2**Title**", "Title**3**") is still a running header, dropped, and
 * the sentence it cut in two is whole again. */
static void test_glued_page_numbers(void)
{
	lp_doc *doc = process(
		"**1. We recommend that the Government publishes an update on "
		"progress against each of the actions, with an assessment.**\n\n"
		"The Government agrees with this recommendation. The Home Office "
		"will publish a progress update by the end of the year and set "
		"out the\n\n"
		"2**Fraud: Government Response to the Committee's Fifth Report**\n\n"
		"next steps for the programme of work.\n\n"
		"**2. We recommend that HM Treasury sets out how much of the "
		"funding has been spent, on what, and with what results.**\n\n"
		"The Government partly agrees with this recommendation. The money "
		"is being used to recruit over 400 new fraud investigators for "
		"the\n\n"
		"Fraud: Government Response to the Committee's Fifth Report**3**\n\n"
		"National Fraud Squad, which began work this year.\n");
	if (!doc)
		return;
	CHECK(!has(doc, "Fifth Report"), "the running headers dropped");
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The Government agrees with this recommendation. The Home "
		      "Office will publish a progress update by the end of the "
		      "year and set out the next steps for the programme of "
		      "work."),
	      "response 1 whole");
	lp_doc_free(doc);
}

/* A compound of three broken after its second hyphen ("release-to-"
 * over "respond") keeps its hyphens; a word broken after "to-" alone
 * ("to-" over "gether") does not. */
static void test_three_part_compound(void)
{
	lp_doc *doc = process(
		"The Trust should introduce a \"release-to-\nrespond\" protocol "
		"and work to-\ngether with the ambulance service on it.\n");
	if (!doc)
		return;
	CHECK(has(doc, "\"release-to-respond\" protocol"), "compound kept");
	CHECK(has(doc, "work together with"), "syllables joined");
	lp_doc_free(doc);
}

/* A page break left a recommendation's paragraph open ("... displays
 * accurate and" over "up-to-date ..."): the cue of a time given to
 * each ("every bus stop") is looked for in the clause before the date,
 * not up to the end of that earlier line, so "within 12 months" is
 * still a date. */
static void test_cue_across_open_paragraph(void)
{
	lp_doc *doc = process_all(
		"14 May 2024\n\nDear Chair,\n\n"
		"## Recommendation 5\n\n"
		"**The Government should ensure that every bus stop displays "
		"accurate and\n\n"
		"up-to-date timetables, and should report to the Committee "
		"within 12 months.**\n\n"
		"Response: Accept\n\nWe will act.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DATE, 0), "within 12 months"),
	      "the date kept");
	lp_doc_free(doc);
}

/* A Treasury Minute that numbers its items before their labels ("1a:
 * PAC recommendation: ..."), each conclusion ("2: PAC conclusion: ...")
 * ending the answer above it. */
static void test_number_first_minute(void)
{
	lp_doc *doc = process(
		"1: PAC conclusion: The programme will protect fewer homes than "
		"it promised.\n\n"
		"1a: PAC recommendation: The department should write to the "
		"Committee with a revised target.\n\n"
		"1.1 The government agrees with the committee's recommendation.\n\n"
		"2: PAC conclusion: Inflation has eroded the value of the "
		"programme.\n\n"
		"2a: PAC recommendation: The Agency should set out how it will "
		"prioritise its schemes.\n\n"
		"2.1 The government agrees with the committee's recommendation.\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2" };
	check_pair_numbers(doc, want, 2);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "The government agrees with the committee's "
		      "recommendation."),
	      "answer 1 ends before conclusion 2");
	lp_doc_free(doc);
}

/* A Command Paper's title page printed twice (half title, then title),
 * its date and number at the foot of each: the letter's particulars,
 * not a running footer, in a document of several pages. */
static void test_title_page_twice(void)
{
	static const char title[] =
		"Treasury Minutes\n"
		"Government Response to the\n"
		"Committee of Public Accounts\n\n"
		"March 2025\n\n"
		"CP 1293\n";
	char src[2048];
	snprintf(src, sizeof src,
		 "%s\f%s\f"
		 "Introduction from the Committee\n\n"
		 "The Committee took evidence on the programme in November.\n\n"
		 "Treasury Minutes - March 2025 1\n\f"
		 "1a: PAC recommendation: The department should write to the "
		 "Committee.\n\n"
		 "1.1 The government agrees with the committee's recommendation.\n\n"
		 "Treasury Minutes - March 2025 2\n\f"
		 "2a: PAC recommendation: The Agency should publish its plan.\n\n"
		 "2.1 The government agrees with the committee's recommendation.\n\n"
		 "Treasury Minutes - March 2025 3\n",
		 title, title);
	lp_doc *doc = process(src);
	if (!doc)
		return;
	CHECK(doc->letter.date && strcmp(doc->letter.date, "2025-03") == 0,
	      "dated to the month: %s",
	      doc->letter.date ? doc->letter.date : "(none)");
	CHECK(has(doc, "CP 1293"), "the title page kept");
	lp_doc_free(doc);
}

/* A label whose words after the number are a title ("Recommendation 1
 * - Franchising assessment"), the recommendation quoted under it: the
 * quotation is the recommendation. */
static void test_title_over_quotation(void)
{
	lp_doc *doc = process(
		"Recommendation 1 - Franchising assessment\n\n"
		"\"The Combined Authority should publish its franchising "
		"assessment by March 2025.\"\n\n"
		"Our response:\nAgreed. The Board approved the assessment.\n\n"
		"Recommendation 2 - Fares\n\n"
		"\"The Combined Authority should keep the fare cap.\"\n\n"
		"Our response:\nAgreed. The cap will stay.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Combined Authority should publish its franchising "
		      "assessment by March 2025."),
	      "the quotation, not the title");
	lp_doc_free(doc);
}

/* pdftotext: a numbered paragraph's number on a line of its own ("1."),
 * straight under a heading. */
static void test_number_alone_under_heading(void)
{
	lp_doc *doc = process(
		"The Government welcomes the Committee's report. The conclusions and\n"
		"recommendations are set out below, followed by the Government's response.\n\n"
		"Conclusions and recommendations\n"
		"1.\n\n"
		"Police-recorded shop theft rose by a third last year, but the true scale\n"
		"of retail crime is far higher. The Home Office should agree a common\n"
		"definition of retail crime and should publish the data every year.\n\n"
		"The Government agrees with this recommendation. The Home Office has asked\n"
		"the police to work with retailers on a definition by the end of the year.\n\n"
		"2.\n\n"
		"Retailers told us that police too often fail to attend when staff detain\n"
		"an offender. The Government should set a clear national expectation that\n"
		"police will attend shop theft where an offender has been detained.\n\n"
		"The Government agrees with this recommendation. Every force in England\n"
		"has committed to attend where an offender has been detained by staff.\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2" };
	check_pair_numbers(doc, want, 2);
	lp_doc_free(doc);
}

/* pdftotext -layout: an answer set in from the margin beside its label
 * wraps where the page does, so its lines are full and join ("... The"
 * over "Department will ..."); a letterhead's right-hand column, set
 * past the page's first third, is no such column: its lines stay. */
static void test_indented_column_wraps(void)
{
	lp_doc *doc = process(
		"                                                        Department for Coastal Affairs\n"
		"                                                        2 Harbour Row\n"
		"                                                        London SW1P 4QQ\n\n"
		"Dear Chair,\n\n"
		"Thank you for the Committee's report on the future of the coastal towns of\n"
		"England. The Government's response to each of its recommendations is below.\n\n"
		"Recommendation 1        The Government should publish, within six months, a coastal\n"
		"                        towns investment plan, with targets for the number of jobs.\n\n"
		"                        Government response\n\n"
		"                        The Government agrees with this recommendation. The\n"
		"                        Department will publish a coastal towns investment plan by\n"
		"                        December 2025, backed by money from the Coastal Fund.\n\n"
		"Recommendation 2        The Government should fund a pilot of year-round ferry\n"
		"                        services to three island communities and report on it.\n\n"
		"                        Government response\n\n"
		"                        The Government partly agrees with this recommendation. We\n"
		"                        will fund a ferry pilot for two island communities in 2026.\n");
	if (!doc)
		return;
	CHECK(has(doc, "The Department will publish"), "the column's lines joined");
	CHECK(has(doc, "2 Harbour Row\nLondon SW1P 4QQ"),
	      "the letterhead's lines kept");
	lp_doc_free(doc);
}

/* A summary that letters the recommendations ("a.  NHS England should
 * ..."), then answers that name theirs ("In relation to recommendation
 * (b), ..."). */
static void test_lettered_summary_answers(void)
{
	lp_doc *doc = process(
		"2. Summary of the Committee's recommendations\n\n"
		"a.  NHS England should publish the options appraisal before "
		"the consultation.\n\n"
		"b.  NHS England should set out how families will be supported "
		"with travel costs.\n\n"
		"c.  NHS England should extend the consultation to twelve "
		"weeks.\n\n"
		"3. Our response\n\n"
		"In relation to recommendation (a), NHS England agrees and will "
		"publish it by 29 November.\n\n"
		"In relation to recommendation (b), we recognise the costs and "
		"will fund a travel scheme.\n\n"
		"In relation to recommendation (c), NHS England does not agree.\n\n"
		"Yours sincerely,\n\nJo Bloggs\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "In relation to recommendation (b), we recognise the costs "
		      "and will fund a travel scheme."),
	      "answer (b) by its letter");
	lp_doc_free(doc);
}

/* An e-mail answering inline, each reply under the recommendation it
 * quotes, with the same label ("Rec 1: ..." over "Rec 1 – agreed.
 * ..."): one pair each, the reply its answer. */
static void test_inline_replies_under_labels(void)
{
	lp_doc *doc = process(
		"The recommendations are:\n\n"
		"Rec 1: The Council should end the use of bed and breakfast.\n\n"
		"Rec 1 – agreed. We will report the figures every month.\n\n"
		"Rec 2: The Council should review the nightly rates it pays.\n\n"
		"Rec 2 – agreed in part. We are already reviewing the rates.\n\n"
		"Rec 3: The Council should appoint a welfare officer.\n\n"
		"Rec 3 – agreed. We will recruit one in the new year.\n\n"
		"Kind regards,\n\nJanet\n");
	if (!doc)
		return;
	static const char *const want[] = { "1", "2", "3" };
	check_pair_numbers(doc, want, 3);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "agreed in part. We are already reviewing the rates."),
	      "reply 2, after its label");
	lp_doc_free(doc);
}

/* Markdown: an italic recommendation closed right before its paragraph
 * ("... work.*(paragraph 63)") loses its marker. */
static void test_italic_closed_before_bracket(void)
{
	lp_doc *doc = process("# Annex\n\n**Response**\n\n"
			      "> *The Committee recommends that councils "
			      "report the income.*(paragraph 63)\n");
	if (!doc)
		return;
	CHECK(has(doc, "report the income.(paragraph 63)"), "marker dropped");
	lp_doc_free(doc);
}

/* A table of figures inside an answer, one column "Answered within 3
 * minutes" (a verb: no answer's column), stays whole in the answer. */
static void test_figures_table_in_answer(void)
{
	lp_doc *doc = process(
		"### Recommendation 1:\n\n"
		"**The PCC should publish monthly 101 performance data.**\n\n"
		"**PCC response:**\n\n"
		"Accepted. The figures for April and May are below.\n\n"
		"| Month | Calls received | Answered within 3 minutes | Abandoned |\n"
		"|---|---|---|---|\n"
		"| April 2024 | 21,406 | 62% | 14% |\n"
		"| May 2024 | 22,915 | 58% | 17% |\n\n"
		"The data will be published each month.\n\n"
		"### Recommendation 2:\n\n"
		"**The PCC should fund more call handlers.**\n\n"
		"**PCC response:**\n\nAccepted in part.\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RESPONSE, 0);
	CHECK(r && r->end - r->start > 0 &&
		      strstr(doc->text + r->start, "17%") &&
		      strstr(doc->text + r->start, "17%") <
			      doc->text + r->end,
	      "the table's last cell in the answer");
	CHECK(!find_span(doc, LP_SPAN_DETAILS, 0), "no details");
	lp_doc_free(doc);
}

/* A rule's examples and a diff's words are folded as a letter is:
 * "2024--25" and "2024–25" both read "2024-25", and a "--" that
 * is no range stays. */
static void test_fold_string(void)
{
	const char *in[] = { "in 2024--25.", "in 2024\xe2\x80\x93" "25.",
			     "a -- b", "\xe2\x80\x9cit\xe2\x80\x9d" };
	const char *want[] = { "in 2024-25.", "in 2024-25.", "a -- b",
			       "\"it\"" };
	for (size_t k = 0; k < 4; k++) {
		char *f = lp_fold_string(in[k]);
		CHECK(strcmp(f, want[k]) == 0, "'%s' folds to '%s'", in[k], f);
		free(f);
	}
}

/* An action plan's column "Action taken / planned" is its answer, so
 * the columns after it (a completion date) are a row's details; a bare
 * "Action" is not. */
static void test_action_taken_column(void)
{
	const char *heads[] = { "Action taken / planned", "Actions taken",
				"Action", "Completion date" };
	bool want[] = { true, true, false, false };
	for (size_t k = 0; k < 4; k++)
		CHECK(lp_names_response(heads[k], strlen(heads[k])) == want[k],
		      "'%s' names the response: %d", heads[k], !want[k]);
}

/* A letter without a valediction, its signature and date followed by
 * a web page's "Related documents": the signature names the sender, and
 * it and the closing before it are not the last answer's. */
static void test_signature_before_related(void)
{
	lp_doc *doc = process_all(
		"<html><body><main><p>Dear Councillor Pritchard,</p>\n"
		"<h3>1. Idling</h3><p><em>The Council should enforce the rules."
		"</em></p><p><strong>Response:</strong> Agreed. We will enforce "
		"them.</p>\n<h3>2. Progress</h3><p><em>The Leader should report "
		"progress.</em></p><p><strong>Response:</strong> Agreed. I will "
		"report in September 2025.</p>\n<p>Thank you again to the task "
		"group for its work.</p>\n<p>Councillor Rachel Bamford<br>Leader "
		"of the Council</p>\n<p>24 September 2024</p>\n<h2>Related "
		"documents</h2><ul><li><a href=\"/r.pdf\">Task group report "
		"(PDF, 1.2MB)</a></li></ul></main></body></html>\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed. I will report in September 2025."),
	      "the last answer alone");
	CHECK(doc->letter.sender_name &&
		      strcmp(doc->letter.sender_name, "Rachel Bamford") == 0,
	      "sender %s",
	      doc->letter.sender_name ? doc->letter.sender_name : "(none)");
	lp_doc_free(doc);
}

/* A recommendation's number in bold on a page's first line ("**2.**",
 * after the page number "5") is no page number, though the next page
 * starts with a number too. */
static void test_numbers_at_page_tops(void)
{
	lp_doc *doc = process_all(
		"## Conclusions and recommendations\n"
		"\n"
		"**1.** **The Regulator should require every company to publish an assessment of its network. (Paragraph 34)**\n"
		"\n"
		"**Government response**\n"
		"\n"
		"The Government agrees with this recommendation and will consult on a common method this summer.\n"
		"\n"
		"Government Response to the Committee\n"
		"\n"
		"5\n"
		"\n"
		"**2.** **The Agency should be given the resources it needs to increase inspections. (Paragraph 63)**\n"
		"\n"
		"**3.** **The Government should ensure that the cost is met by the companies. (Paragraph 64)**\n"
		"\n"
		"**Government response to Recommendations 2 and 3**\n"
		"\n"
		"The Government agrees. Inspections will rise to 4,000 a year by March 2025, and the\n"
		"companies will meet the cost through their charges.\n"
		"\n"
		"**4.** **The Government should legislate to ban bonuses. (Paragraph 71)**\n"
		"\n"
		"**Government response**\n"
		"\n"
		"The Government agrees and will legislate when parliamentary time allows, and it will publish\n"
		"\n"
		"Government Response to the Committee\n"
		"\n"
		"6\n"
		"\n"
		"guidance in the autumn.\n"
		"\n"
		"**5.** **The Government should publish a workforce strategy. (Paragraph 88)**\n"
		"\n"
		"**Government response**\n"
		"\n"
		"The Government agrees and will publish one within twelve months.\n"
		"\n"
		"Government Response to the Committee\n"
		"\n"
		"7\n");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 4 && p &&
		      attr_is(p, "number", "2,3"),
	      "%zu pairs, the second %s", count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	lp_doc_free(doc);
}

/* Markdown whose paragraphs are a line each but for some hard-wrapped
 * ones: those are wrapped at their own width, so a line that fills it
 * runs on into the next, capital or not ("the Environment / Agency"). */
static void test_mixed_wrapping(void)
{
	char src[8192];
	size_t n = 0;
	for (int k = 0; k < 6; k++)
		n += (size_t)snprintf(src + n, sizeof src - n,
			"The Department has considered the Committee's "
			"recommendation %d with care, and it sets out here, in "
			"a paragraph that a converter left on one long line, what "
			"it has done since the report and what it will do next.\n\n",
			k + 1);
	for (int k = 0; k < 2; k++) /* a dozen wrapped lines */
		n += (size_t)snprintf(src + n, sizeof src - n,
			"The Government agrees with both recommendations. "
			"Inspections by the Environment\nAgency will increase to "
			"4,000 a year by March 2025, and then to 10,000 a year "
			"from\nApril 2025. To support this, the Agency will "
			"receive up to £55 million a year of\nadditional funding, "
			"recovered in full from companies through the charges they "
			"pay. The\nEnvironment Agency is to recruit 500 officers by "
			"the end of 2025-26, and we will lay the\nregulations "
			"before Parliament in the autumn, after a consultation on "
			"them with the\nindustry, the regulator and the consumer "
			"body, which will run for twelve weeks.\n\n");
	lp_doc *doc = process_all(src);
	if (!doc)
		return;
	CHECK(strstr(doc->text, "by the Environment Agency will") &&
		      strstr(doc->text, "The Environment Agency is to"),
	      "the wrapped lines joined: [%s]", doc->text);
	lp_doc_free(doc);
}

/* "**Paragraph 58**" labelling a recommendation at a page's top is no
 * running header for being like "**Paragraph 90**" at another's. */
static void test_paragraph_labels_at_page_tops(void)
{
	lp_doc *doc = process_all(
		"The recommendations are in bold, each followed by the response.\n"
		"\n"
		"**Paragraph 45**\n"
		"\n"
		"**The Committee recommends that the Government publishes a plan.**\n"
		"\n"
		"The Government agrees and will publish the plan in the spring.\n"
		"\n"
		"Housing: Government response\n"
		"\n"
		"2\n"
		"\n"
		"**Paragraph 58**\n"
		"\n"
		"**The Committee recommends that the Government extends the fund.**\n"
		"\n"
		"The Government agrees with this recommendation and will extend the fund to\n"
		"\n"
		"Housing: Government response\n"
		"\n"
		"3\n"
		"\n"
		"March 2027.\n"
		"\n"
		"**Paragraph 90**\n"
		"\n"
		"**The Committee recommends that the Government publishes a workforce plan.**\n"
		"\n"
		"The Government agrees and will publish one in the autumn.\n"
		"\n"
		"Housing: Government response\n"
		"\n"
		"4\n");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 2);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3 && p &&
		      attr_is(p, "number", "90"),
	      "%zu pairs, the third %s", count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	lp_doc_free(doc);
}

/* Minutes that list the recommendations, then answer each in a
 * paragraph that names it ("In response to recommendation 2, ..."): the
 * paragraphs are the answers, whole, and the minute after the last ends
 * it. */
static void test_answers_naming_recommendations(void)
{
	lp_doc *doc = process_all(
		"<html><body><h2>Minutes</h2><p>42.1 The Working Group had made "
		"the following recommendations to Cabinet:</p><ol><li>That the "
		"Council reviews its parking permits.</li><li>That the Council "
		"publishes a register of fines each quarter.</li><li>That the "
		"Council funds an advice service for tenants.</li></ol><p>42.2 "
		"The Cabinet Member thanked the Group and set out the response to "
		"each recommendation.</p><h3>Executive response</h3><p>In "
		"response to recommendation 1, the Executive agrees and will "
		"review the permits by June.</p><p>In response to recommendation "
		"2, the Executive accepts the recommendation.</p><p>In response "
		"to recommendation 3, the Executive does not support it at this "
		"time.</p><p>42.3 In discussion, Members welcomed the report and "
		"asked about costs.</p></body></html>");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "In response to recommendation 2, the Executive accepts "
		      "the recommendation."),
	      "the second answer, whole");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "In response to recommendation 3, the Executive does not "
		      "support it at this time."),
	      "the last answer, without the discussion after it");
	lp_doc_free(doc);
}

/* A page's table of contents, links within it ("- [Recommendation
 * 1](#recommendation-1)"), and a footnote that links back to its mark
 * are navigation: no labels, no answer's text. */
static void test_contents_and_footnotes(void)
{
	lp_doc *doc = process_all(
		"# The Government response\n\nContents\n\n"
		"-   [Introduction](#introduction)\n"
		"-   [Recommendation 1](#recommendation-1)\n"
		"-   [Recommendation 2](#recommendation-2)\n\n"
		"## Recommendation 1\n\n> The Department should act.\n\n"
		"The Government agrees.\n\n## Recommendation 2\n\n"
		"> The Department should report.\n\nThe Government agrees and "
		"will report in May.\n\n---\n\n"
		"1.  [Bus statistics, 1 June 2023](https://example.gov.uk/x)"
		"[\u21a9](#fnref:1)\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Department should act."),
	      "the first recommendation");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government agrees and will report in May."),
	      "the last answer without the footnote");
	lp_doc_free(doc);
}

/* What GOV.UK prints about a document's accessibility after its text is no
 * answer's. */
static void test_accessibility_notice(void)
{
	lp_doc *doc = process_all(
		"<html><body><main><h1>Government response</h1>"
		"<p><em><strong>1.</strong> The Department should publish the "
		"data. (Paragraph 20)</em></p><p>The Government agrees.</p>"
		"<p><em><strong>2.</strong> The Department should report "
		"back in a year. (Paragraph 31)</em></p>"
		"<p>The Government agrees and will write in May.</p>"
		"<div><p>This file may not be "
		"suitable for users of assistive technology.</p><p>Request an "
		"accessible format.</p></div></main></body></html>");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "The Government agrees and will write in May."),
	      "the last answer, alone");
	lp_doc_free(doc);
}

/* A bilingual footer, long, over "Tudalen 1 o 2 / Page 1 of 2", cuts
 * an answer: both are furniture, the answer whole. */
static void test_bilingual_footer(void)
{
	const char *footer =
		"Bwrdd Iechyd Prifysgol Dyffryn Teifi yw enw gweithredol Bwrdd "
		"Iechyd Lleol Prifysgol Dyffryn Teifi / Teifi Valley University "
		"Health Board is the operational name of Teifi Valley University "
		"Local Health Board\n";
	char src[4096];
	snprintf(src, sizeof src,
		 "Dear Ms Pugh,\n\nOur response to the recommendations is set "
		 "out below.\n\nRecommendation 2: Health boards should set a "
		 "date of discharge.\n\nResponse: Accepted.\n\nDates are now "
		 "set for most patients, and the health board will report on "
		 "them\n\n%sTudalen 1 o 2 / Page 1 of 2\n\nto the Committee each "
		 "quarter.\n\nRecommendation 3: Health boards should pool "
		 "budgets.\n\nResponse: Accepted.\n\nWe will pool them from "
		 "April.\n\nYn gywir / Yours sincerely,\n\nGareth Evans\n\n"
		 "%sTudalen 2 o 2 / Page 2 of 2\n", footer, footer);
	lp_doc *doc = process_all(src);
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Accepted.\n\nDates are now set for most patients, and the "
		      "health board will report on them to the Committee each "
		      "quarter."),
	      "the answer without the footer");
	CHECK(doc->letter.sender_name &&
		      strcmp(doc->letter.sender_name, "Gareth Evans") == 0,
	      "sender %s", doc->letter.sender_name);
	lp_doc_free(doc);
}

/* In wrapped text, "PCC response: Accepted. ..." after a full line
 * starts the answer's own line: its label is no part of the
 * recommendation above it. */
static void test_answer_label_after_full_line(void)
{
	lp_doc *doc = process_all(
		"Dear Chair,\n\nThank you for the Panel's report on rural crime, "
		"which I have considered\nwith the Chief Constable. My responses "
		"to its recommendations are set out\nbelow, in the order in which "
		"the Panel made them in its report to me.\n\nRec 1\nThe "
		"Commissioner should maintain the Rural Crime Team at its current "
		"size for\nthe remainder of the Police and Crime Plan period, "
		"as the Panel has asked.\nPCC response: Accepted. The team's "
		"establishment is protected in the budget,\nand I will maintain "
		"it at this level until the end of the Plan period.\n\nRec 2\n"
		"The Commissioner and the Chief Constable should improve the "
		"recording of\nrural crime, including by introducing a rural "
		"crime flag on the recording system.\nPCC response: Accepted. "
		"The Chief Constable has agreed that a rural crime\nflag will be "
		"introduced from November, and my office will publish the data.\n\n"
		"Yours sincerely\n\nJane Smith\n");
	if (!doc)
		return;
	const lp_span *r = find_span(doc, LP_SPAN_RECOMMENDATION, 1);
	CHECK(r && doc->text[r->end - 1] == '.',
	      "the second recommendation ends with its sentence: [%.*s]",
	      r ? (int)(r->end - r->start) : 0, r ? doc->text + r->start : "");
	lp_doc_free(doc);
}

/* An address footer printed once, after the last answer, is the page's,
 * not the answer's. */
static void test_footer_once_after_last_answer(void)
{
	lp_doc *doc = process_all(
		"**R1** The Mayor should publish the plan.\n\n*Mayor's response:* "
		"Agreed. We will publish it in May.\n\n**R2** The Combined "
		"Authority should report on progress.\n\n*Mayor's response:* "
		"Agreed. Officers will report in the autumn.\n\nPennine Combined "
		"Authority | Civic Quarter, 12 Calder Street, Halifax HX1 1AB | "
		"0300 123 4567 | www.example.gov.uk\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed. Officers will report in the autumn."),
	      "the last answer without the footer");
	lp_doc_free(doc);
}

/* A signature under a `-layout` table, its lines in the first column's
 * place, is after the table, not a row's text. */
static void test_signature_under_layout_table(void)
{
	lp_doc *doc = process_all(
		"Dear Councillor Patel,\n"
		"\n"
		"Our responses are set out below.\n"
		"\n"
		"Recommendation                            Cabinet response                                       Timescale\n"
		"\n"
		"1. The Council should publish a           Agreed. We will publish the first register            June 2025\n"
		"register of empty homes.                  in June 2025.\n"
		"\n"
		"2. The Cabinet Member should provide      Accepted. Officers will circulate a written update     Written update by\n"
		"the Panel with a progress update on       within six months, and I will attend the Panel's       September 2024;\n"
		"the implementation of these               meeting in March 2025 to report on progress            Panel meeting\n"
		"recommendations within six months.        against each recommendation.                           March 2025\n"
		"\n"
		"Councillor Keith Allerton\n"
		"Cabinet Member with Responsibility for Children and Families\n"
		"March 2024\n"
		"\n"
		"\n"
		"                                                  Page 4 of 4\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Accepted. Officers will circulate a written update within "
		      "six months, and I will attend the Panel's meeting in March "
		      "2025 to report on progress against each recommendation."),
	      "the last answer without the signature");
	lp_doc_free(doc);
}

/* An HTML table of one answer's fields, a row each: the rows after the
 * "Response" row are the pair's details, their dates its own. */
static void test_answer_fields_as_rows(void)
{
	lp_doc *doc = process_all(
		"<html><body><p>Dear Chair,</p><p>Our responses follow.</p>"
		"<h4>Recommendation 1: Ending B&amp;B</h4><p>The Council should "
		"end the use of bed and breakfast for families.</p><table><tbody>"
		"<tr><th scope=\"row\">Response</th><td><p><strong>Agreed."
		"</strong> We will end it.</p></td></tr><tr><th scope=\"row\">"
		"Lead member</th><td>Cllr Jo Bloggs</td></tr><tr><th scope=\"row"
		"\">Deadline</th><td>March 2025</td></tr></tbody></table>"
		"<h4>Recommendation 2: Placement policy</h4><p>The Council should "
		"adopt a placement policy.</p><table><tbody><tr><th scope=\"row\">"
		"Response</th><td><p>Agreed.</p></td></tr></tbody></table>"
		"<p>Yours sincerely,</p><p>Amy Lee</p></body></html>");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "Agreed. We will end it."),
	      "the first answer, its response cell");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_DETAILS, 0),
		      "Lead member\n\nCllr Jo Bloggs\n\nDeadline\n\nMarch 2025"),
	      "its other rows, the pair's details");
	lp_doc_free(doc);
}

/* A heading's title over a resolution's "That the Executive
 * commissions ...": the title is the heading's, the resolution the
 * recommendation. */
static void test_title_over_resolution(void)
{
	lp_doc *doc = process_all(
		"### Recommendation 1 – Review of parking charges\n\n"
		"That the Executive commissions an independent review of "
		"parking charges.\n\n**Executive response:** Agreed.\n\n"
		"The review will report by December 2024.\n\n"
		"### Recommendation 2 – Parking enforcement\n\n"
		"That the Executive publishes its enforcement data.\n\n"
		"**Executive response:** Agreed.\n\nWe will publish it.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "That the Executive commissions an independent review of "
		      "parking charges."),
	      "the recommendation under its title");
	lp_doc_free(doc);
}

/* Recommendations numbered "1)" and quoted, in an e-mail: the quoted
 * words are the recommendation; "Let me know if ..." closes it. */
static void test_parenthesis_numbers_quoted(void)
{
	lp_doc *doc = process_all(
		"Hi Hannah,\n\nBelow are our responses to the Group's "
		"recommendations.\n\n1) \"The Council should issue more fixed "
		"penalty notices.\"\n\nOur response: Supported. We will publish "
		"the figures each quarter.\n\n2) \"The Cabinet should invest in "
		"more cameras.\"\n\nOur response: Partially supported. A bid "
		"has been made.\n\n3) \"An annual report should be presented to "
		"the Committee.\"\n\nOur response: Supported. The first will "
		"come in July 2024.\n\nLet me know if the Committee needs "
		"anything else.\n\nKind regards,\n\nMark\n");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 3, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Cabinet should invest in more cameras."),
	      "the second recommendation, without its quotation marks");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 2),
		      "Supported. The first will come in July 2024."),
	      "the last answer without the closing");
	lp_doc_free(doc);
}

/* An accordion's buttons title its sections ("<h3><button>Recommendation
 * 1: Rural crime</button></h3>"): a label, its title over "The Panel
 * recommends that ...". */
static void test_accordion_labels(void)
{
	lp_doc *doc = process_all(
		"<html><body><main><div class=\"accordion\">"
		"<div class=\"accordion-item\"><h3><button aria-controls=\"r1\">"
		"Recommendation 1: Neighbourhood policing</button></h3>"
		"<div id=\"r1\" hidden><p><strong>The Panel recommends that the "
		"Commissioner publishes officer numbers.</strong></p>"
		"<h4>Commissioner's response</h4><p>Accepted. I will publish them "
		"in April.</p></div></div>"
		"<div class=\"accordion-item\"><h3><button aria-controls=\"r2\">"
		"Recommendation 2: Rural crime</button></h3>"
		"<div id=\"r2\" hidden><p><strong>The Panel recommends that the "
		"Commissioner funds a rural team.</strong></p>"
		"<h4>Commissioner's response</h4><p>Accepted.</p></div></div>"
		"</div></main></body></html>");
	if (!doc)
		return;
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2, "%zu pairs",
	      count_kind(doc, LP_SPAN_PAIR));
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Panel recommends that the Commissioner publishes "
		      "officer numbers."),
	      "the first recommendation, under its title");
	lp_doc_free(doc);
}

/* "Recommendation 4" over "4. The Government should ...": the number
 * again is not the recommendation's text. */
static void test_label_over_own_number(void)
{
	lp_doc *doc = process_all(
		"Recommendation 4\n\n4. The Government should guarantee the "
		"scheme until 2030.\n\nThe Government partly agrees with this "
		"recommendation.\n\nRecommendation 5\n\n5. The Government "
		"should raise the grant.\n\nThe Government agrees.\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Government should guarantee the scheme until 2030."),
	      "the recommendation without its number");
	lp_doc_free(doc);
}

/* A GOV.UK page numbers its sections ("2. Introduction") as the report
 * numbers its paragraphs: the headings are not recommendations, and a
 * recommendation's "We recommend" paragraph after its finding is its
 * own, up to the answer's label. */
static void test_numbered_sections(void)
{
	lp_doc *doc = process_all(
		"<html><body><h2>1. Foreword</h2><p>The floods of 2023 showed "
		"the risks.</p><h2>2. Introduction</h2><p>The Government "
		"welcomes the report.</p><h2>3. Government response</h2>"
		"<p>2. Rural schemes lose out under the funding rules. We "
		"recommend that the Government review the formula.</p>"
		"<p><strong>Government response</strong></p><p>The Government "
		"agrees with this recommendation.</p>"
		"<p>5. Farmers store floodwater without reward.</p><p>We "
		"recommend that the Department pay farmers for storage.</p>"
		"<p><strong>Government response</strong></p><p>The Government "
		"agrees in part.</p></body></html>");
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(count_kind(doc, LP_SPAN_PAIR) == 2 && p &&
		      attr_is(p, "number", "2"),
	      "%zu pairs, the first %s", count_kind(doc, LP_SPAN_PAIR),
	      p && lp_span_attr(p, "number") ? lp_span_attr(p, "number")
					     : "(none)");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "Farmers store floodwater without reward.\n\nWe "
		      "recommend that the Department pay farmers for storage."),
	      "the second recommendation, both its paragraphs");
	lp_doc_free(doc);
}

/* A table of responses whose row headers number the rows, one row
 * answering two recommendations ("4 and 5"). */
static void test_html_table_rows(void)
{
	static const char page[] =
		"<html><body><table><tr><th>No.</th><th>Recommendation</th>"
		"<th>Response</th></tr>"
		"<tr><th scope=\"row\">3</th><td>The Council should set a "
		"tariff.</td><td><p>Agreed.</p></td></tr>"
		"<tr><th scope=\"row\">4 and 5</th><td><p>The Council should "
		"offer permits.</p><p>The Council should trial channels.</p>"
		"</td><td><p>Agreed in part.</p></td></tr>"
		"<tr><th scope=\"row\">6</th><td>The Council should report."
		"</td><td><p>Not agreed.</p></td></tr></table></body></html>";
	lp_doc *doc = process_all(page);
	if (!doc)
		return;
	const lp_span *p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p && attr_is(p, "number", "4,5"), "row 4 and 5");
	CHECK(!has(doc, "No.") && !has(doc, "Recommendation"),
	      "the column heads are not text: [%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed in part."),
	      "its answer");
	lp_doc_free(doc);
	/* A table of figures inside an answer: its heads say what the
	 * figures are of ("2023-24"), and are text, on a page or in
	 * Markdown. */
	static const char figures[] =
		"<html><body><h3>Recommendation 1</h3>"
		"<p>The Council should fund repairs.</p>"
		"<p>Agreed. We will spend:</p><table><thead><tr>"
		"<th>Programme</th><th>2023-24</th><th>2024-25</th></tr>"
		"</thead><tr><td>Repairs</td><td>&pound;1.2m</td>"
		"<td>&pound;1.5m</td></tr></table>"
		"<h3>Recommendation 2</h3><p>The Council should report.</p>"
		"<p>Agreed.</p></body></html>";
	doc = process_all(figures);
	CHECK(has(doc, "2023-24") && has(doc, "Programme"),
	      "a table of figures keeps its heads on a page");
	lp_doc_free(doc);
	doc = process_all("## Recommendation 1\n\n"
			  "**The Council should fund repairs.**\n\n"
			  "Agreed. We will spend:\n\n"
			  "| Programme | 2023-24 | 2024-25 |\n|---|---|---|\n"
			  "| Repairs | £1.2m | £1.5m |\n\n"
			  "## Recommendation 2\n\n"
			  "**The Council should report.**\n\nAgreed.\n");
	CHECK(has(doc, "2023-24") && has(doc, "Programme"),
	      "and in Markdown");
	lp_doc_free(doc);
	/* The two recommendations of a row "7 and 8" numbered in its cell
	 * are its text, not a pair of their own. */
	static const char numbered[] =
		"<html><body><table><tr><th>No.</th><th>Recommendation</th>"
		"<th>Response</th></tr>"
		"<tr><td>6</td><td>The Council should report.</td>"
		"<td><p>Agreed.</p></td></tr>"
		"<tr><td>7 and 8</td><td><p>7. The Council should set a "
		"deadline.</p><p>8. The Council should fine late jobs.</p>"
		"</td><td><p>Agreed. Both will be in the contract.</p></td>"
		"</tr></table></body></html>";
	doc = process_all(numbered);
	if (!doc)
		return;
	p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p && attr_is(p, "number", "7,8") &&
		      !find_span(doc, LP_SPAN_PAIR, 2),
	      "row 7 and 8, one pair");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Agreed. Both will be in the contract."),
	      "row 7 and 8's answer");
	lp_doc_free(doc);
	/* A word processor's table: heads in bold cells, not <th>; a
	 * column of stances before the response's; the letter's closing
	 * after the table is not the last answer. */
	static const char word[] =
		"<html><body><table><tr><td><b>No.</b></td>"
		"<td><p><b><span>Panel recommendation</span></b></p></td>"
		"<td><b>Accepted / Not accepted</b></td>"
		"<td><b>PCC response</b></td></tr>"
		"<tr><td>1</td><td>The PCC should publish a target.</td>"
		"<td>Accepted</td><td><p>I will publish it in April.</p></td>"
		"</tr><tr><td>2</td><td>The PCC should fund more staff.</td>"
		"<td>Not accepted</td><td><p>Staff alone are not the answer."
		"</p></td></tr></table><p>I would be happy to attend the "
		"Panel's meeting.</p><p>Yours sincerely,</p></body></html>";
	doc = process_all(word);
	if (!doc)
		return;
	CHECK(!has(doc, "Panel recommendation"), "the bold heads are not "
	      "text: [%s]", doc->text);
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "I will publish it in April."),
	      "the answer without its stance");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
		      "Staff alone are not the answer."),
	      "the last answer ends with the table");
	p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p && attr_is(p, "stance", "not-accepted"), "its stance, %s",
	      p && lp_span_attr(p, "stance") ? lp_span_attr(p, "stance")
					     : "(none)");
	lp_doc_free(doc);
	/* A bold recommendation's cell, then an answer opening with its
	 * stance in bold glued to a bold part's letter: the stance is the
	 * answer's. */
	doc = process_all("| No. | Recommendation | Trust response |\n"
			  "|---|---|---|\n"
			  "| R1 | **The Trust should act now.** | **Accepted.** "
			  "We will act. |\n"
			  "| R2 | **The Trust should fund (a) water and (b) "
			  "snacks.** | **Partially accepted.****(a)** Water is "
			  "free.<br>**(b)** We will review snacks. |\n");
	if (!doc)
		return;
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 1),
		      "The Trust should fund (a) water and (b) snacks."),
	      "the recommendation without the stance");
	p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p && attr_is(p, "stance", "partially-accepted"),
	      "the answer's stance");
	lp_doc_free(doc);
	/* One answer to two rows, its cell spanning both (rowspan): one
	 * pair of both recommendations; the row after is its own. */
	static const char spanned[] =
		"<html><body><table><tr><th>No.</th><th>Recommendation</th>"
		"<th>Response</th></tr>"
		"<tr><td><p>5</p></td><td>The Council should offer permits."
		"</td><td rowspan=\"2\"><p>I will answer 5 and 6 together. "
		"Agreed.</p></td></tr>"
		"<tr><td><p>6</p></td><td>The Council should trial channels."
		"</td></tr>"
		"<tr><td>7</td><td>The Council should fine.</td>"
		"<td><p>Not agreed.</p></td></tr></table></body></html>";
	doc = process_all(spanned);
	if (!doc)
		return;
	p = find_span(doc, LP_SPAN_PAIR, 0);
	CHECK(p && attr_is(p, "number", "5,6"), "rows 5 and 6, one pair");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RECOMMENDATION, 0),
		      "The Council should offer permits.\n\n"
		      "The Council should trial channels."),
	      "both recommendations");
	CHECK(span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 0),
		      "I will answer 5 and 6 together. Agreed."),
	      "their answer");
	p = find_span(doc, LP_SPAN_PAIR, 1);
	CHECK(p && attr_is(p, "number", "7") &&
		      span_is(doc, find_span(doc, LP_SPAN_RESPONSE, 1),
			      "Not agreed."),
	      "row 7");
	lp_doc_free(doc);
}

static void test_map_invariant(void)
{
	lp_doc *doc = norm(wrapped, sizeof wrapped - 1);
	if (!doc)
		return;
	size_t bad = 0;
	for (size_t i = 0; i < doc->text_len; i++) {
		unsigned char c = (unsigned char)doc->text[i];
		if (c < 0x80 && c != ' ' && c != '\n' &&
		    doc->src[doc->map[i]] != c)
			bad++;
	}
	CHECK(bad == 0, "%zu bytes map to a different source byte", bad);
	lp_doc_free(doc);
}

static void test_grammar_errors(const char *tmpdir)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/bad.yaml", tmpdir);
	FILE *f = fopen(path, "w");
	if (!f) {
		CHECK(0, "cannot write %s", path);
		return;
	}
	fputs("rules:\n  - name: broken\n    pattern: 'a(b'\n"
	      "    examples: { match: ['ab'] }\n", f);
	fclose(f);
	lp_grammar *g = NULL;
	lp_error err = { 0 };
	CHECK(lp_grammar_load(tmpdir, &g, &err) == LP_EGRAMMAR &&
		      err.line == 3 && strstr(err.msg, "offset 3"),
	      "line %ld: %s", err.line, err.msg);
	remove(path);
}

/* SHA-256: the FIPS 180-2 examples by both ways of computing it, and the
 * two ways against each other on every length around the block edges. */
static void test_sha256(void)
{
	static const struct {
		const char *text;
		size_t repeat;
		const char *digest;
	} fips[] = {
		{ "", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	};
	bool hw = lp_sha256_hardware();
	if (!hw)
		printf("skip: this processor has no SHA instructions; only the "
		       "portable SHA-256 is tested\n");
	for (size_t i = 0; i < sizeof fips / sizeof *fips; i++) {
		size_t n = strlen(fips[i].text) * fips[i].repeat;
		char *buf = malloc(n + 1);
		for (size_t k = 0; k < fips[i].repeat; k++)
			memcpy(buf + k * strlen(fips[i].text), fips[i].text,
			       strlen(fips[i].text));
		for (int way = 0; way <= (int)hw; way++) {
			char out[65];
			lp_sha256_hex_with(buf, n, out, way);
			CHECK(strcmp(out, fips[i].digest) == 0,
			      "%s SHA-256 of example %zu is %s",
			      way ? "hardware" : "portable", i, out);
		}
		free(buf);
	}
	unsigned char data[300];
	for (size_t k = 0; k < sizeof data; k++)
		data[k] = (unsigned char)(k * 131 + 7);
	for (size_t n = 0; hw && n <= sizeof data; n++) {
		char a[65], b[65];
		lp_sha256_hex_with(data, n, a, false);
		lp_sha256_hex_with(data, n, b, true);
		CHECK(strcmp(a, b) == 0, "%zu bytes: portable %s, hardware %s",
		      n, a, b);
	}
}

/* The prefilter's scanner: words inside words, overlapping words, case,
 * and words of more than one byte a character. */
static void test_needs_scanner(void)
{
	lp_needs *n = lp_needs_new();
	lp_needs_add(n, "he", 0);
	lp_needs_add(n, "she", 1);
	lp_needs_add(n, "hers", 2);
	lp_needs_add(n, "\xC2\xA3", 3); /* £ */
	lp_needs_add(n, "his", 4);
	lp_needs_add(n, "year", 5);
	lp_needs_add(n, "she", 6); /* a word in two lists */
	CHECK(lp_needs_build(n) == 0, "build");
	static const struct {
		const char *text;
		uint64_t want;
	} cases[] = {
		{ "", 0 },
		{ "ushers", 1 | 2 | 4 | 64 }, /* she, he, hers */
		{ "USHERS", 1 | 2 | 4 | 64 },
		{ "hi s", 0 },
		{ "this", 16 },
		{ "\xC2\xA3" "17.7m", 8 },
		{ "\xC2\xA2\xA3", 0 }, /* a cent sign, then a stray byte */
		{ "Yea rly", 0 },
		{ "next Year", 32 },
		{ "hhhhhe", 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		uint64_t got = lp_needs_scan(n, cases[i].text,
					     strlen(cases[i].text), NULL);
		CHECK(got == cases[i].want, "\"%s\": found %#llx, not %#llx",
		      cases[i].text, (unsigned long long)got,
		      (unsigned long long)cases[i].want);
	}
	/* Questions about parts of a scanned text: every list with a word
	 * inside must be said; one may be said that is only near. */
	const char *text = "ushers say this"; /* u0 s1 h2 ... t11 h12 */
	lp_needs_hits hits = { 0 };
	lp_needs_scan(n, text, strlen(text), &hits);
	static const struct {
		size_t a, e;
		uint64_t must, never;
	} parts[] = {
		{ 0, 3, 0, ~0ull },           /* "ush": no whole word */
		{ 0, 4, 1 | 2 | 64, ~0ull ^ (1 | 2 | 64) }, /* she, he */
		{ 2, 4, 1, 4 | 16 },          /* he */
		{ 2, 6, 1 | 4, 16 },          /* he, hers */
		{ 3, 6, 0, ~0ull },           /* "ers" */
		{ 7, 15, 16, 1 | 2 | 4 | 64 }, /* his */
		{ 11, 14, 0, ~0ull },         /* "thi" */
		{ 0, 0, 0, ~0ull },
	};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		uint64_t got = lp_needs_within(&hits, parts[i].a, parts[i].e);
		CHECK((got & parts[i].must) == parts[i].must &&
			      !(got & parts[i].never),
		      "[%zu, %zu) of \"%s\": %#llx", parts[i].a, parts[i].e,
		      text, (unsigned long long)got);
	}
	free(hits.v);
	lp_needs_free(n);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_stages GRAMMAR_DIR TMPDIR\n");
		return 2;
	}
	lp_error err = { 0 };
	if (lp_grammar_load(argv[1], &grammar, &err)) {
		fprintf(stderr, "%s:%ld: %s\n", err.file, err.line, err.msg);
		return 1;
	}
	test_ingest_refusals();
	test_bom_and_crlf();
	test_markdown_markup();
	test_markdown_tables();
	test_letterhead_table();
	test_markdown_header_and_glued_colon();
	test_repeated_notice();
	test_stance_at_page_edges();
	test_line_inside_and_at_edges();
	test_letterhead_like_address();
	test_minister_letterhead();
	test_pdftotext_table();
	test_grid_table();
	test_nfc_and_spaces();
	test_wrapping_and_hyphens();
	test_page_furniture();
	test_labels();
	test_number_words();
	test_group_headings();
	test_special_report();
	test_report_cover();
	test_reference_at_line_start();
	test_heading_inside_answer();
	test_quoted_recommendations();
	test_paragraph_labels();
	test_titled_headings();
	test_table_details();
	test_inline_recommendations();
	test_paragraph_ref_recommendations();
	test_pair_name_clipped();
	test_answers_unquoted();
	test_response_label_run_in();
	test_contents_and_capitals();
	test_answer_label_names_both();
	test_stance_beside_label();
	test_quoted_then_answered();
	test_list_over_page();
	test_letter_numbered_paragraphs();
	test_minute_labels_at_page_tops();
	test_minuted_responses();
	test_layout_table();
	test_letter_dates();
	test_letter_paragraph_numbers();
	test_glued_running_header();
	test_signature_ends_last_answer();
	test_closing_after_field();
	test_inspection_action_plan();
	test_cell_rows_details();
	test_summary_table_initials();
	test_footer_paragraph_once();
	test_bold_conclusion_answered();
	test_minutes_reported_speech();
	test_blockquote_recommendation();
	test_listed_then_answered();
	test_layout_heads_wrapped();
	test_bold_numbers_list_in_answer();
	test_cell_rows_packed();
	test_shared_answer_sign_off();
	test_decision_numbering();
	test_emphasis_and_rules();
	test_numbered_recommendations();
	test_answered_numbers();
	test_para_before_number();
	test_titled_groups();
	test_nothing_lost();
	test_answers_after_letter();
	test_voice_only();
	test_recommendation_opens_list();
	test_annex_after_wrapped_answers();
	test_footer_beside_bare_page_numbers();
	test_footer_over_two_page_numbers();
	test_protective_marking();
	test_paragraph_ref_at_page_end();
	test_two_line_running_header();
	test_capitals_heading_after_answers();
	test_long_running_header();
	test_broken_word_inside_line();
	test_stance_column();
	test_titled_answers();
	test_paragraph_only_labels();
	test_pipe_table_over_page();
	test_email_quotes();
	test_answers_under_numbered_headings();
	test_sentences();
	test_near_misses();
	test_within();
	test_commitment_clauses();
	test_stance_and_demands();
	test_html();
	test_html_ordered_list();
	test_minutes_items();
	test_numbered_sections();
	test_row_rest();
	test_listed_then_headed();
	test_glued_after_citation();
	test_label_title_and_copy();
	test_closing_before_back_matter();
	test_heading_over_label();
	test_lettered_recommendations();
	test_paragraph_under_label();
	test_recommendation_list();
	test_imprint_after_last_answer();
	test_bold_part_then_paragraph();
	test_web_chrome_no_page_break();
	test_it_resolved();
	test_answered_as_these();
	test_answer_numbered_by_recommendation();
	test_hyphen_at_hard_break();
	test_glued_italic_label();
	test_email_quoting_request();
	test_pandoc_dashes();
	test_fold_string();
	test_bold_lettered();
	test_treasury_minute();
	test_footnote_after_last_answer();
	test_forwarded_email();
	test_cell_between_cells();
	test_summary_before_labels();
	test_list_then_answers();
	test_cell_rows_by_number();
	test_implications_column();
	test_footer_before_header();
	test_section_paragraph_after_full_line();
	test_themed_out_of_order();
	test_answers_naming_in_many_ways();
	test_layout_letterhead_date();
	test_glued_page_numbers();
	test_three_part_compound();
	test_cue_across_open_paragraph();
	test_number_first_minute();
	test_title_page_twice();
	test_title_over_quotation();
	test_number_alone_under_heading();
	test_indented_column_wraps();
	test_lettered_summary_answers();
	test_inline_replies_under_labels();
	test_italic_closed_before_bracket();
	test_figures_table_in_answer();
	test_action_taken_column();
	test_signature_before_related();
	test_numbers_at_page_tops();
	test_mixed_wrapping();
	test_paragraph_labels_at_page_tops();
	test_answers_naming_recommendations();
	test_contents_and_footnotes();
	test_accessibility_notice();
	test_bilingual_footer();
	test_answer_label_after_full_line();
	test_footer_once_after_last_answer();
	test_signature_under_layout_table();
	test_answer_fields_as_rows();
	test_title_over_resolution();
	test_parenthesis_numbers_quoted();
	test_accordion_labels();
	test_label_over_own_number();
	test_html_table_rows();
	test_map_invariant();
	test_grammar_errors(argv[2]);
	test_sha256();
	test_needs_scanner();
	lp_grammar_free(grammar);
	return CHECK_REPORT();
}
