/*
 * letterpipe.h - the public API of the letterpipe pipeline.
 *
 * A letter is read into one owning lp_doc.  Each stage adds stand-off spans
 * over the document's normalised text; no stage copies the text around.
 * The CLI, the tests and the fuzzers use only what is declared here.
 */
#ifndef LETTERPIPE_H
#define LETTERPIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/** Error codes.  Functions return 0 or one of these (negative). */
enum lp_status {
	LP_OK = 0,
	LP_EINPUT = -1,   /**< the input is not something we can read */
	LP_EGRAMMAR = -2, /**< a grammar file failed to load or compile */
	LP_ELIMIT = -3,   /**< a resource limit was hit */
	LP_EIO = -4,      /**< a read or write failed */
	LP_ENOMEM = -5,
};

/** Where an error happened and what it was; the library never prints. */
typedef struct lp_error {
	int code;          /**< one of enum lp_status */
	char file[512];    /**< file the error is about, or "" */
	long line;         /**< 1-based line, or 0 when not meaningful */
	long col;          /**< 1-based column, or 0 */
	long long offset;  /**< byte offset, or -1 when not meaningful */
	char msg[512];
} lp_error;

/** Kinds of stand-off span.  Later stages add kinds here, never a model. */
enum lp_span_kind {
	LP_SPAN_BOLD,           /**< emphasis in the source (Markdown **) */
	LP_SPAN_PARAGRAPH,
	LP_SPAN_LETTERHEAD,
	LP_SPAN_COVER,
	LP_SPAN_ANNEX_TITLE,
	LP_SPAN_PAIR,
	LP_SPAN_RECOMMENDATION,
	LP_SPAN_RESPONSE,
	LP_SPAN_PART,           /**< (a), (b) of a multi-part recommendation */
	LP_SPAN_MONEY,
	LP_SPAN_DATE,
	LP_SPAN_COMMITMENT,
	LP_SPAN_TEXT,           /**< a whole text read without letter structure */
	LP_SPAN_INTRODUCTION,   /**< prose between the annex heading and the
				     first pair */
	LP_SPAN_CLOSING,        /**< prose after the last response */
	LP_SPAN_DETAILS,        /**< a table row's cells after the response:
				     who leads, by when */
	LP_SPAN_OMITTED,        /**< inside a section, what is not its text:
				     the labels between the recommendations
				     of a pair that answers several */
	LP_SPAN_KIND_COUNT
};

/** One key/value attribute of a span; both strings owned by the doc. */
typedef struct lp_attr {
	const char *key;
	const char *value;
} lp_attr;

/** A stand-off annotation over the normalised text, [start, end). */
typedef struct lp_span {
	enum lp_span_kind kind;
	size_t start, end;     /**< normalised-text byte offsets */
	const char *rule;      /**< grammar rule that made it, or NULL */
	int parent;            /**< index of the enclosing span, or -1 */
	lp_attr *attrs;
	size_t nattrs;
} lp_span;

/** Letter metadata found by segmentation; strings owned by the doc. */
typedef struct lp_letter {
	const char *reference;
	const char *date;          /**< ISO 8601 day ("2026-10-14"), a month
				        where that is all the letter gives
				        ("2026-10"), or NULL */
	const char *sender_name, *sender_role;
	const char *recipient_name, *recipient_role;
	const char *salutation, *valediction;
	const char *report;
} lp_letter;

/** The format of a source, found by sniffing its content or given. */
enum lp_from {
	LP_FROM_AUTO,     /**< sniff the content */
	LP_FROM_TEXT,     /**< plain text, as pdftotext gives it */
	LP_FROM_MARKDOWN,
	LP_FROM_HTML,
	LP_FROM_PDF,
	LP_FROM_DOCX,
};

/** Where a byte of a PDF's extracted text sits: its page (from 1) and
 *  the box of its character, in points from the page's top left. */
typedef struct lp_geom {
	int page;
	float x0, y0, x1, y1; /**< -1 for a byte with no glyph */
} lp_geom;

struct lp_arena;

/** One letter: source bytes, normalised text, offset map and spans. */
/** The stages a parse goes through, for timing (`parse --timings`).
 *  Ingest reads the file and decodes HTML, PDF or Word; extraction is
 *  split by the kind of entity it finds. */
enum lp_stage {
	LP_STAGE_INGEST,
	LP_STAGE_NORMALISE,
	LP_STAGE_SEGMENT,
	LP_STAGE_MONEY,
	LP_STAGE_DATES,
	LP_STAGE_COMMITMENTS,
	LP_STAGE_EMIT,
	LP_NSTAGES
};

/** The stage's name, as `parse --timings` prints it. */
const char *lp_stage_name(enum lp_stage s);

/** Seconds on a monotonic clock, for timing stages. */
double lp_clock(void);

/** mkstemp, with the file's mode then set as open(2) would have made it
 *  (0666 less the umask) rather than mkstemp's 0600: an output written
 *  through a temporary file and renamed should not end up private. */
int lp_mkstemp(char *tmpl);

/* A table's cell in a decoded web page: [start, end) in lp_doc.decoded,
 * in the order the cells start. */
typedef struct lp_table_cell {
	size_t start, end;
	enum {
		LP_CELL_TEXT,   /* a cell of the row's text */
		LP_CELL_DETAIL, /* after the response's column (lead, timescale) */
		LP_CELL_STANCE, /* the answer's stance ("Accepted") */
	} kind;
} lp_table_cell;

typedef struct lp_doc {
	char *path;              /**< as given by the user; "-" for stdin */
	unsigned char *src;      /**< source bytes, exactly as read; for a
				      PDF, the text extracted from it */
	size_t src_len;
	char sha256[65];         /**< of the bytes as read */
	size_t bytes;            /**< how many were read */
	lp_geom *geom;           /**< PDF only: where each src byte is */
	size_t body;             /**< offset of the content after any BOM */
	const char *format;      /**< "markdown", "text" or "html" */

	char *decoded;           /**< text decoded from a container format
				      (HTML), NUL-terminated; NULL when the
				      source is text already */
	size_t decoded_len;
	uint32_t *decoded_map;   /**< source offset of each decoded byte */
	lp_table_cell *decoded_cells; /**< its tables' cells */
	size_t ndecoded_cells;

	char *text;              /**< normalised UTF-8, NUL-terminated */
	size_t text_len;
	uint32_t *map;           /**< text_len+1 entries: source offset of each
				      text byte (see lp_doc_src_start/end) */

	char *fold;              /**< text with quotes and dashes folded to
				      ASCII, for rules to match; == text when
				      there was nothing to fold */
	size_t fold_len;
	uint32_t *fold_map;      /**< fold offset -> text offset, or NULL
				      when fold == text */

	lp_span *spans;
	size_t nspans, spans_cap;

	lp_letter letter;
	const char *ref_date;    /**< resolve relative dates against this ISO
				      day instead of the letter's date */
	enum lp_from from;       /**< the source's format, sniffed or given */
	struct lp_arena *arena;  /**< owns every string the stages make */
	double seconds[LP_NSTAGES]; /**< time spent on this letter by stage */
} lp_doc;

/** Options for reading a letter. */
typedef struct lp_options {
	enum lp_from from;       /**< LP_FROM_AUTO to sniff the content */
	size_t max_bytes;        /**< refuse larger inputs; 0 means default */
	const char *ref_date;    /**< YYYY-MM-DD for relative dates, or NULL
				      to use the letter's own date */
} lp_options;

#define LP_DEFAULT_MAX_BYTES ((size_t)64 << 20)
/** The longest line of a text or Markdown letter: 1 MiB.  A pdftotext
 *  paragraph is a few hundred bytes; a longer line is not a letter. */
#define LP_MAX_LINE ((size_t)1 << 20)
/** The most recommendation/response pairs one letter may have. */
#define LP_MAX_PAIRS 5000

struct lp_grammar;
typedef struct lp_grammar lp_grammar;

/**
 * Load and JIT-compile every grammars/ *.yaml file in @dir.
 * On success *out owns the grammar; free it with lp_grammar_free().
 */
int lp_grammar_load(const char *dir, lp_grammar **out, lp_error *err);
void lp_grammar_free(lp_grammar *g);

/**
 * Run every rule's examples: each must match, or be rejected, as listed.
 * Failures are written to @report (may be NULL); returns the failure count.
 */
int lp_grammar_check(const lp_grammar *g, FILE *report);

/**
 * Extract the entities of every example that has `expect:` and compare
 * their fields: a money example's amount, a date's value, a commitment's
 * modality and actor.  Failures go to @report; returns their count.
 */
int lp_grammar_check_values(const lp_grammar *g, FILE *report);

/** Number of rules loaded (for diagnostics and tests). */
size_t lp_grammar_count(const lp_grammar *g);

/**
 * Time every search of every rule from now on (--rule-timings), and
 * print the @top rules that took longest, with the searches' total
 * against @total seconds and the bytes they were given against
 * @input_bytes.  Timing is for one thread: a grammar shared by batch's
 * workers must not be timed.
 */
void lp_grammar_time_rules(lp_grammar *g);
void lp_grammar_print_rule_times(const lp_grammar *g, FILE *f, size_t top,
				 size_t input_bytes, double total);

/**
 * Stage 1, ingest: read @path ("-" is stdin) into a new document.
 * Refuses empty, binary, non-UTF-8 and oversized input with LP_EINPUT.
 * The caller owns *out and frees it with lp_doc_free().
 */
int lp_ingest_file(const char *path, const lp_options *opt, lp_doc **out,
		   lp_error *err);

/** As lp_ingest_file, from memory; @name labels errors and output.
 *  The bytes are copied. */
int lp_ingest_bytes(const char *name, const void *bytes, size_t len,
		    const lp_options *opt, lp_doc **out, lp_error *err);

/** Stage 2: build the normalised text, the offset map and bold spans. */
int lp_normalise(lp_doc *doc, const lp_grammar *g, lp_error *err);

/** Stage 3: find the letterhead, the cover letter and the pairs. */
int lp_segment(lp_doc *doc, const lp_grammar *g, lp_error *err);

/**
 * Stage 4: money, dates and commitments in every section (cover,
 * recommendation, response, or a whole text), and each response's stance.
 */
int lp_extract(lp_doc *doc, const lp_grammar *g, lp_error *err);

/** Run every stage after ingest, in order. */
int lp_doc_process(lp_doc *doc, const lp_grammar *g, lp_error *err);

/** Read a text with no letter structure: normalise it, make the whole
 *  text one section and extract its entities (`letterpipe extract`). */
int lp_doc_process_text(lp_doc *doc, const lp_grammar *g, lp_error *err);

void lp_doc_free(lp_doc *doc);

/** Source byte offset where normalised byte @off begins. */
size_t lp_doc_src_start(const lp_doc *doc, size_t off);
/** Source byte offset just past the character that ends at text[@end-1]. */
size_t lp_doc_src_end(const lp_doc *doc, size_t end);

/** Name of a span kind, as used in the output ("pair", "money", ...). */
const char *lp_span_kind_name(enum lp_span_kind kind);

/** Value of attribute @key of @span, or NULL. */
const char *lp_span_attr(const lp_span *span, const char *key);

/** Output formats. */
enum lp_format { LP_FORMAT_YAML, LP_FORMAT_XML, LP_FORMAT_HTML };

/** What to write: the whole letter, or only its entities. */
enum lp_shape { LP_SHAPE_LETTER, LP_SHAPE_ENTITIES };

/**
 * Write @n documents to @out in @fmt.  Several documents give a YAML
 * stream or one XML root holding several letters.
 */
int lp_emit(lp_doc *const *docs, size_t n, enum lp_format fmt,
	    enum lp_shape shape, FILE *out, lp_error *err);

/**
 * The YAML stream of lp_emit, written one letter at a time, so that a
 * caller need not hold them all: open it for the @n letters to come, put
 * each, close.  lp_yaml_stream_close frees @s and reports a failure so
 * far (@rc) or its own.
 */
typedef struct lp_yaml_stream lp_yaml_stream;
lp_yaml_stream *lp_yaml_stream_open(FILE *out, enum lp_shape shape, size_t n);
int lp_yaml_stream_put(lp_yaml_stream *s, lp_doc *doc);
int lp_yaml_stream_close(lp_yaml_stream *s, int rc, lp_error *err);

/** Is @s a real day written YYYY-MM-DD? */
bool lp_iso_day(const char *s);

/** The exit status for running out of memory, which the library reports
 *  with one line on stderr and exit(), as a command line tool may. */
void lp_set_oom_status(int status);

/** The letterpipe version string. */
const char *lp_version(void);

#endif
