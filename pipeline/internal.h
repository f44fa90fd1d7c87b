/*
 * internal.h - helpers shared by the stages; not part of the public API.
 */
#ifndef LP_INTERNAL_H
#define LP_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdbool.h>

#include "letterpipe.h"

/* ---- memory ---------------------------------------------------------- */

/* Allocate or exit: without memory the CLI can do nothing useful, so a
 * failed allocation prints "letterpipe: out of memory" and exits with the
 * command's error status (lp_set_oom_status); tests/fault_injection.py
 * checks that every allocation failing ends that way or is dealt with. */
void *lp_xmalloc(size_t n);
void *lp_xrealloc(void *p, size_t n);
/* Zeroed, like calloc. */
void *lp_xcalloc(size_t n, size_t size);
/* Report running out of @n bytes and exit with the command's status;
 * for allocations the libraries make (PCRE2's match data, ...). */
_Noreturn void lp_out_of_memory(size_t n);
char *lp_xstrdup(const char *s);

/* Arena: everything a document's stages make lives until lp_doc_free. */
struct lp_arena *lp_arena_new(void);
void lp_arena_free(struct lp_arena *a);
void *lp_arena_alloc(struct lp_arena *a, size_t n);
/* Copy @n bytes of @s into the arena, NUL-terminated. */
char *lp_arena_strndup(struct lp_arena *a, const char *s, size_t n);

/* ---- sorting by a key ----------------------------------------------- */

/* An item known by a string, for sorting items by it with qsort and
 * lp_keyed_order: by key, ties in index order, so the result never
 * depends on qsort (pairs by number, files by sha256). */
typedef struct lp_keyed {
	const char *key;
	size_t i;
} lp_keyed;

int lp_keyed_order(const void *a, const void *b);

/* ---- errors ---------------------------------------------------------- */

/* Fill @err (which may be NULL) and return @code. */
int lp_fail(lp_error *err, int code, const char *file, long line,
	    long long offset, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* ---- growable byte buffer with a source map ---------------------------- */

/* Text being built by a stage, each byte tagged with a source offset. */
typedef struct lp_buf {
	char *s;
	uint32_t *map;
	size_t len, cap;
} lp_buf;

/* Make room for @n more bytes (and the NUL after them) at once. */
void lp_buf_reserve(lp_buf *b, size_t n);
void lp_buf_put(lp_buf *b, const char *s, size_t n, uint32_t src);
/* Append bytes copied verbatim from the source: byte i maps to src+i. */
void lp_buf_copy(lp_buf *b, const char *s, size_t n, uint32_t src);
/* Append @n bytes whose source offsets are given in @map. */
void lp_buf_append(lp_buf *b, const char *s, const uint32_t *map, size_t n);
void lp_buf_free(lp_buf *b);

/* ---- spans ----------------------------------------------------------- */

/* Add a span and return its index; the pointer may move on the next add. */
int lp_doc_add_span(lp_doc *doc, enum lp_span_kind kind, size_t start,
		    size_t end, const char *rule, int parent);
/* Set attribute @key on span @i; @value is copied into the arena. */
void lp_span_set(lp_doc *doc, int i, const char *key, const char *value);

/* ---- grammar rules --------------------------------------------------- */

typedef struct lp_rule lp_rule;

/* The rule called @name, or NULL. */
const lp_rule *lp_rule_get(const lp_grammar *g, const char *name);
/* Like lp_rule_get, but a missing rule is a grammar error. */
int lp_rule_need(const lp_grammar *g, const char *name, const lp_rule **out,
		 lp_error *err);
const char *lp_rule_name(const lp_rule *r);
const char *lp_rule_file(const lp_rule *r);
/* The @i-th `match` example of @r: its text, line, and the entity fields
 * (name, value pairs) under its `expect:`, if any.  False past the end. */
bool lp_rule_expectation(const lp_rule *r, size_t i, const char **text,
			 char *const **fields, size_t *nfields, long *line);
/* Rule @i of the grammar in load order (files by name, rules in file
 * order), or NULL past the last (lp_grammar_count). */
const lp_rule *lp_grammar_rule(const lp_grammar *g, size_t i);
/* The rules whose names start with @prefix, which ends in a dot
 * ("date."), in load order: their number, and the list in *@rules.  A
 * family of rules such as label.pair.* is extended by adding rules to
 * the grammar, not by changing the code that tries them. */
size_t lp_rule_family(const lp_grammar *g, const char *prefix,
		      const lp_rule *const **rules);

/* The largest `reach` a rule may give, in bytes. */
#define LP_MAX_REACH 1024

/* The prefilter's scanner (pipeline/needs.c): lists of words, up to 64,
 * found all at once.  Add every word, build once, then scan from any
 * number of threads; a scan returns bit k set when a word of list k
 * occurs.  lp_needs_build fails when the automaton would be too big. */
typedef struct lp_needs lp_needs;
lp_needs *lp_needs_new(void);
void lp_needs_add(lp_needs *n, const char *word, int list);
int lp_needs_build(lp_needs *n);
void lp_needs_free(lp_needs *n);

/* Where a scan found words end; reused from scan to scan. */
typedef struct lp_needs_hit {
	uint32_t end;      /* just past the word's last byte */
	uint16_t shortest; /* the shortest word that ends there */
	uint64_t found;    /* the lists with a word ending there, a bit each */
} lp_needs_hit;
typedef struct lp_needs_hits {
	lp_needs_hit *v;
	size_t n, cap;
} lp_needs_hits;

/* The lists found in @text; with @hits, note where their words end. */
uint64_t lp_needs_scan(const lp_needs *n, const char *text, size_t len,
		       lp_needs_hits *hits);
/* The lists with a word inside [@a, @e) of the text a scan with @hits
 * was of; it may say a list is there when it is only near. */
uint64_t lp_needs_within(const lp_needs_hits *hits, size_t a, size_t e);
/* The first of @hits to end after offset @a (hits->n when none does). */
size_t lp_needs_first_after(const lp_needs_hits *hits, size_t a);

/* One match of a rule; reuse it across calls to avoid allocation. */
typedef struct lp_match {
	const lp_grammar *grammar;
	const lp_rule *rule;
	const char *subject;
	size_t start, end;
	pcre2_match_data *md;
	/* lp_rule_may_match's answer for one range of one subject (a
	 * section): the `needs` lists found there, a bit each, and where
	 * their words end, for questions about smaller ranges inside. */
	bool needs_known;
	uint64_t needs_found;
	const char *needs_subject;
	size_t needs_a, needs_e;
	lp_needs_hits needs_hits;
	/* The match context for a search that may start only before some
	 * offset (a rule's `reach`): this thread's own, as it is changed
	 * at every search. */
	pcre2_match_context *near;
} lp_match;

lp_match *lp_match_new(const lp_grammar *g);
void lp_match_free(lp_match *m);

/*
 * Search @s[0..len) for @r from @from.  Returns 1 on a match, 0 on none,
 * or LP_ELIMIT when the rule exhausted the match limits (err names it).
 * After lp_rule_may_match over a range that holds [@from, @len), a rule
 * with a `reach` is tried only near its words, with the same result.
 */
int lp_rule_find(const lp_rule *r, const char *s, size_t len, size_t from,
		 lp_match *m, lp_error *err);
/* Could @r match in [@a, @e) of @s?  False only when the rule says what
 * every match of it holds (`needs:`) and the range lacks it.  The answer
 * for each `needs` is kept in @m until another range is asked about. */
bool lp_rule_may_match(const lp_rule *r, const char *s, size_t a, size_t e,
		       lp_match *m);
/* Like lp_rule_find, but the match must start at @from. */
int lp_rule_at(const lp_rule *r, const char *s, size_t len, size_t from,
	       lp_match *m, lp_error *err);

/* Bounds of named group @name in the last match; false if it is unset. */
bool lp_match_group(const lp_match *m, const char *name, size_t *start,
		    size_t *end);

/* ---- text helpers ---------------------------------------------------- */

/* Decode one UTF-8 character at s[*i], advancing *i; -1 when invalid. */
int32_t lp_utf8_next(const unsigned char *s, size_t len, size_t *i);
/* Byte offset of the first invalid UTF-8 sequence, or (size_t)-1. */
size_t lp_utf8_invalid(const unsigned char *s, size_t len);

/* @s with typographic quotes and dashes as ASCII, as rules see text;
 * the caller frees it. */
char *lp_fold_string(const char *s);

/* Map a fold offset to a text offset, and back. */
size_t lp_fold_to_text(const lp_doc *doc, size_t off);
size_t lp_text_to_fold(const lp_doc *doc, size_t off);

int lp_days_in_month(int y, int m);
/* The number written as a word at @p (before @e), "one" to "twenty" or
 * "first" to "twentieth", with the word's length in @len; 0 if none. */
long lp_number_word(const char *p, const char *e, size_t *len);
/* Does a table column's head s[0..n) name the response ("Cabinet
 * response", "Answer", "Reply", "Action taken / planned")?  The columns
 * after it are a row's details (normalise.c). */
bool lp_names_response(const char *s, size_t n);
/* The columns of a table whose heads are @heads[j] (@lens[j] bytes),
 * j < @n, counted from 1 (0: none): *@detail_from, the first after the
 * one that names the response (and the answer's implications after it,
 * "Financial implications"), whose cells are a row's details (lead
 * officer, timescale); *@stance, the one just before the response's
 * when a column of the recommendations comes before it ("No. |
 * Recommendation | Position | Response"), whose cells are the answers'
 * stances. */
void lp_table_columns(const char *const *heads, const size_t *lens,
		      size_t n, unsigned *detail_from, unsigned *stance);
/* Are a table's heads @s[0..n) those of a table of figures, what its
 * figures are of ("Programme | 2022-23 | 2023-24"): a digit among them,
 * and none that names the response?  Such heads are text. */
bool lp_heads_of_figures(const char *s, size_t n);
/* Days since 1970-01-01 of a proleptic Gregorian day. */
long lp_day_number(int y, int m, int d);
bool lp_valid_day(int y, int m, int d);

/* The first and last day, as YYYY-MM-DD, of a date value as the output
 * writes it: "2022" (a year), "2022-09", "2022-09-15", or an interval of
 * two of those joined by '/'.  False for anything else (a vague time). */
bool lp_date_bounds(const char *value, char start[11], char end[11]);

/* Month number 1..12 from an English month name or abbreviation, or 0. */
int lp_month_number(const char *s, size_t n);

/*
 * Parse a day-month-year date written out in English ("18 August 2022",
 * "22nd February 2018", "11/07/2016") into "YYYY-MM-DD" in @iso (11 bytes).
 * Returns false when the text is not such a date.
 */
bool lp_parse_day_date(const lp_grammar *g, const char *s, size_t n,
		       char iso[11]);

/* The same, from @m, a match of the rule date.day in @s, already made. */
bool lp_day_date_iso(const lp_match *m, const char *s, char iso[11]);

/* Decode an HTML source into doc->decoded (pipeline/decode_html.c). */
int lp_decode_html(lp_doc *doc, lp_error *err);

/* Decode the character reference at src[@p], an '&' ("&pound;",
 * "&#163;", "&#xA3;"), into UTF-8 in @out; its source length, or 0 if
 * there is none. */
size_t lp_html_reference(const unsigned char *src, size_t n, size_t p,
			 char out[8], size_t *outlen);
/* Extract a PDF's text into doc->src, with markup in doc->decoded and
 * each byte's page and box in doc->geom (pipeline/decode_pdf.c; the
 * command loads it as a module, pipeline/pdf_module.c). */
int lp_decode_pdf(lp_doc *doc, lp_error *err);
int lp_pdf_decode(lp_doc *doc, lp_error *err);
/* Extract a Word file's text likewise (pipeline/decode_docx.c). */
int lp_decode_docx(lp_doc *doc, lp_error *err);
/* A PDF's or a Word file's extracted text becomes what spans point into
 * (@plain, in place of the binary source), and @marked, the same text
 * with markup and a map into @plain, what the normaliser reads.  The
 * document takes both buffers. */
void lp_doc_take_extracted(lp_doc *doc, lp_buf *plain, lp_buf *marked,
			   const char *format);

/* SHA-256 of @len bytes as 64 lower-case hex digits and a NUL. */
void lp_sha256_hex(const void *data, size_t len, char out[65]);
/* The digest as 32 bytes, and bytes as lowercase hex, as lp_sha256_hex
 * writes them. */
void lp_sha256(const void *data, size_t len, unsigned char out[32]);
void lp_sha256_to_hex(const unsigned char sha[32], char out[65]);
/* The same, by the processor's SHA instructions (@hardware) or the
 * portable code; lp_sha256_hardware says whether this processor has them. */
void lp_sha256_hex_with(const void *data, size_t len, char out[65],
			bool hardware);
bool lp_sha256_hardware(void);

#endif
