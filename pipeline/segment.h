/*
 * segment.h - shared by segment.c (the pairs), labels.c (the labels that
 * open them) and letterhead.c (the letter around them); not part of the
 * public API.
 *
 * Segmentation reads the folded text as lines ("blocks"); rules say what
 * each one is, and spans are made over the normalised text.
 */
#ifndef LP_SEGMENT_H
#define LP_SEGMENT_H

#include "internal.h"

typedef struct block {
	size_t start, end; /* fold offsets, end exclusive, no newline */
	bool para_start;   /* first line of a paragraph */
	bool heading;
	bool detail;       /* a table's cell after the response's column */
	bool cell;         /* in a table's cell */
	bool quoted;       /* what an e-mail quotes ("> ") */
	bool blockquote;   /* in a block quote (Markdown's "> ", a web
			      page's <blockquote>) */
	bool stance;       /* a table's cell of the answer's stance, in a
			      column of its own before the response's */
} block;

typedef struct label {
	size_t block;
	size_t nums_s, nums_e;
	long seq; /* a label that gives no number ("Paragraph 87:"): its
		     place among such labels, from 1 */
	bool has_body, has_para;
	bool para_below; /* its paragraph on the line under it, on its own
			    ("Recommendation 1" over "(paragraph 18)"): the
			    recommendation starts a line lower */
	bool titled; /* the text on the number's line is a title ("## 3.
			Local plans"): the recommendation is the block
			below */
	size_t body_s, body_e; /* the text on the label's line, when has_body */
	char initials[4]; /* the letters before its number ("TG" in "TG3"), or
			     "" */
	size_t para_s, para_e;
	const lp_rule *rule;
} label;

typedef struct seg {
	lp_doc *doc;
	const lp_grammar *g;
	lp_match *m;
	lp_error *err;
	block *b;
	size_t nb;
	lp_span *bold; /* the document's bold spans, in order */
	size_t nbold;
	long minute[2]; /* the minute before the first label ("54.3"), or 0 */
	bool minuted;   /* a response opens with a minute number of its own */
	/* A letter that lists the recommendations and answers them after
	 * its signature: its prose after the list, fold [rest_s, rest_e),
	 * or NONE. */
	size_t rest_s, rest_e;
	/* The block where the letter's own head starts: 0, or in an e-mail
	 * that forwards it, the forwarded message's header. */
	size_t head_from;
} seg;

#define NONE ((size_t)-1)

/* Text offset of fold offset @fold_off. */
size_t seg_text_at(const seg *s, size_t fold_off);
/* Match @r at the start of block @i; 1 on a match, 0 on none, <0 error. */
int seg_at(seg *s, const lp_rule *r, size_t i);
/* Copy fold range [a, e) of the normalised text into the arena. */
const char *seg_str(const seg *s, size_t a, size_t e);
/* Group @name of the last match, copied, or NULL when it is unset. */
const char *seg_group(seg *s, const char *name);
size_t seg_words(const seg *s, size_t i);
/* Does block @i end with a full stop, ! or ? */
bool seg_ends_stop(const seg *s, size_t i);
/* [a, e) without trailing white space: the new end. */
size_t seg_trim_end(const seg *s, size_t a, size_t e);
/* Is block @i a paragraph of one line on its own? */
bool seg_lone_line(const seg *s, size_t i);
/* Is most of fold range [a, e) in bold? */
bool seg_is_bold(const seg *s, size_t a, size_t e);
/* Is block @i a section heading between pairs?  1, 0, or <0 error. */
int seg_section_heading(seg *s, size_t i);
/* The first match of a rule of family @prefix (ending in a dot) in fold
 * range [a, e), its group @group copied to *out (with @group NULL, any
 * match, *out NULL); 1, 0, or <0 error. */
int seg_find_family(seg *s, const char *prefix, size_t a, size_t e,
		    const char *group, const char **out);

/* The labels that open the letter's recommendations, in order, into a
 * new array *@out of *@nout (labels.c).  0 or an error from a rule. */
int seg_find_labels(seg *s, label **out, size_t *nout);
/* "4 and 5" -> "4,5"; "1-3" -> "1,2,3"; "Four and Five" -> "4,5": the
 * numbers in fold [@a, @e) of @f, written into @buf. */
void seg_list_numbers(const char *f, size_t a, size_t e, char *buf,
		      size_t cap);
/* Does the paragraph of block @k open at fold offset @body with a
 * quotation that a dash follows, then more ('1. "That the Council ..."
 * - Agreed. We will ...'): the recommendation quoted, the answer after
 * it?  Its text in [*@rec_s, *@rec_e), the answer from *@resp_s. */
bool seg_quoted_answer(const seg *s, size_t k, size_t body, size_t *rec_s,
		       size_t *rec_e, size_t *resp_s);
/* Does @list, numbers as seg_list_numbers writes them ("5,6,7"), hold
 * @number? */
bool seg_numbers_hold(const char *list, long number);
/* The numbers of label @l, as seg_list_numbers gives them, or its place
 * when it gives none, in @buf; how many. */
size_t seg_label_numbers(const seg *s, const label *l, char *buf,
			 size_t cap);
/* Is block @i + 1, before @end, a "Recommendation: ..." field under the
 * label in block @i?  1 (with @body at its text, or NONE when it starts
 * on the next line), 0, or an error. */
int seg_field_below(seg *s, size_t i, size_t end, size_t *body);
/* Does fold [@a, @e) end with the committee's paragraph ("(Paragraph
 * 74)"), rule @after?  1 with the match in s->m, 0 or an error. */
int seg_ends_with_paragraph(seg *s, const lp_rule *after, size_t a,
			    size_t e);

/* The letter's particulars, cover, annex title and introduction
 * (letterhead.c): *val_out is the valediction's block and *intro_out the
 * first block after the annex heading, or NONE. */
int seg_find_letter(seg *s, size_t first_label, size_t *val_out,
		    size_t *intro_out);

#endif
