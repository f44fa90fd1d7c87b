/*
 * doc.c - the document model: one owning structure per letter, its arena,
 * stand-off spans and the map from normalised offsets back to the source.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "internal.h"

/* What a failed allocation exits with: each command sets its own status
 * for errors (lp_set_oom_status). */
static int oom_status = 1;

void lp_set_oom_status(int status)
{
	oom_status = status;
}

/* Out of memory: one line and the command's error status, not a crash.
 * A half-written output is only ever a temporary file, never the file
 * the user named. */
void lp_out_of_memory(size_t n)
{
	fprintf(stderr, "letterpipe: out of memory (%zu bytes more)\n", n);
	exit(oom_status);
}

void *lp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		lp_out_of_memory(n);
	return p;
}

void *lp_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		lp_out_of_memory(n);
	return p;
}

void *lp_xcalloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		lp_out_of_memory(SIZE_MAX);
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		lp_out_of_memory(n * size);
	return p;
}

int lp_keyed_order(const void *x, const void *y)
{
	const lp_keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

char *lp_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(lp_xmalloc(n), s, n);
}

/* ---- arena --------------------------------------------------------------
 * Strings and attribute arrays made while processing a letter are small and
 * all die together, so they come from chained blocks freed in one call. */

struct block {
	struct block *next;
	size_t used, cap;
	max_align_t data[];
};

struct lp_arena {
	struct block *head;
};

struct lp_arena *lp_arena_new(void)
{
	struct lp_arena *a = lp_xmalloc(sizeof *a);
	a->head = NULL;
	return a;
}

void lp_arena_free(struct lp_arena *a)
{
	if (!a)
		return;
	for (struct block *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

static void *arena_alloc(struct lp_arena *a, size_t n, size_t align)
{
	struct block *b = a->head;
	if (b)
		b->used = (b->used + align - 1) / align * align;
	if (!b || b->used > b->cap || b->cap - b->used < n) {
		size_t cap = n > 16384 ? n : 16384;
		b = lp_xmalloc(sizeof *b + cap);
		b->used = 0;
		b->cap = cap;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

void *lp_arena_alloc(struct lp_arena *a, size_t n)
{
	return arena_alloc(a, n, sizeof(max_align_t));
}

char *lp_arena_strndup(struct lp_arena *a, const char *s, size_t n)
{
	/* Characters need no alignment: strings are packed. */
	char *p = arena_alloc(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- errors ------------------------------------------------------------ */

int lp_fail(lp_error *err, int code, const char *file, long line,
	    long long offset, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->col = 0;
	err->offset = offset;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

/* ---- buffers ----------------------------------------------------------- */

static void buf_grow(lp_buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->s = lp_xrealloc(b->s, cap);
	b->map = lp_xrealloc(b->map, cap * sizeof *b->map);
	b->cap = cap;
}

void lp_buf_reserve(lp_buf *b, size_t n)
{
	buf_grow(b, n);
}

void lp_buf_put(lp_buf *b, const char *s, size_t n, uint32_t src)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	for (size_t i = 0; i < n; i++)
		b->map[b->len + i] = src;
	b->len += n;
	b->s[b->len] = '\0';
}

void lp_buf_copy(lp_buf *b, const char *s, size_t n, uint32_t src)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	/* Four at a time, which the compiler makes one vector store. */
	uint32_t *map = b->map + b->len;
	size_t i = 0;
	for (; i + 4 <= n; i += 4) {
		uint32_t at = src + (uint32_t)i;
		map[i] = at;
		map[i + 1] = at + 1;
		map[i + 2] = at + 2;
		map[i + 3] = at + 3;
	}
	for (; i < n; i++)
		map[i] = src + (uint32_t)i;
	b->len += n;
	b->s[b->len] = '\0';
}

void lp_buf_append(lp_buf *b, const char *s, const uint32_t *map, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	memcpy(b->map + b->len, map, n * sizeof *map);
	b->len += n;
	b->s[b->len] = '\0';
}

void lp_buf_free(lp_buf *b)
{
	free(b->s);
	free(b->map);
	memset(b, 0, sizeof *b);
}

/* ---- spans ------------------------------------------------------------- */

int lp_doc_add_span(lp_doc *doc, enum lp_span_kind kind, size_t start,
		    size_t end, const char *rule, int parent)
{
	if (doc->nspans == doc->spans_cap) {
		doc->spans_cap = doc->spans_cap ? doc->spans_cap * 2 : 64;
		doc->spans = lp_xrealloc(doc->spans,
					 doc->spans_cap * sizeof *doc->spans);
	}
	lp_span *s = &doc->spans[doc->nspans];
	*s = (lp_span){ .kind = kind, .start = start, .end = end,
			.rule = rule, .parent = parent };
	return (int)doc->nspans++;
}

void lp_span_set(lp_doc *doc, int i, const char *key, const char *value)
{
	lp_span *s = &doc->spans[i];
	lp_attr *attrs = lp_arena_alloc(doc->arena,
					(s->nattrs + 1) * sizeof *attrs);
	if (s->nattrs)
		memcpy(attrs, s->attrs, s->nattrs * sizeof *attrs);
	attrs[s->nattrs].key = key;
	attrs[s->nattrs].value = lp_arena_strndup(doc->arena, value,
						  strlen(value));
	s->attrs = attrs;
	s->nattrs++;
}

const char *lp_span_attr(const lp_span *span, const char *key)
{
	/* The last setting wins, so a later stage can refine a value. */
	for (size_t i = span->nattrs; i-- > 0;)
		if (strcmp(span->attrs[i].key, key) == 0)
			return span->attrs[i].value;
	return NULL;
}

const char *lp_span_kind_name(enum lp_span_kind kind)
{
	static const char *const names[LP_SPAN_KIND_COUNT] = {
		[LP_SPAN_BOLD] = "bold",
		[LP_SPAN_PARAGRAPH] = "paragraph",
		[LP_SPAN_LETTERHEAD] = "letterhead",
		[LP_SPAN_COVER] = "cover",
		[LP_SPAN_ANNEX_TITLE] = "annex-title",
		[LP_SPAN_PAIR] = "pair",
		[LP_SPAN_RECOMMENDATION] = "recommendation",
		[LP_SPAN_RESPONSE] = "response",
		[LP_SPAN_PART] = "part",
		[LP_SPAN_MONEY] = "money",
		[LP_SPAN_DATE] = "date",
		[LP_SPAN_COMMITMENT] = "commitment",
		[LP_SPAN_TEXT] = "text",
		[LP_SPAN_INTRODUCTION] = "introduction",
		[LP_SPAN_CLOSING] = "closing",
		[LP_SPAN_DETAILS] = "details",
		[LP_SPAN_OMITTED] = "omitted",
	};
	return (unsigned)kind < LP_SPAN_KIND_COUNT ? names[kind] : "?";
}

/* ---- offsets ----------------------------------------------------------- */

size_t lp_doc_src_start(const lp_doc *doc, size_t off)
{
	if (off >= doc->text_len)
		return doc->src_len;
	/* A rewritten character may map its later bytes into the middle of
	 * its source character: step back to where that character starts. */
	size_t s = doc->map[off];
	/* Text made up at the end of the source (an HTML page that stops
	 * inside an element) maps to its end. */
	if (s >= doc->src_len)
		return doc->src_len;
	while (s > doc->body && (doc->src[s] & 0xC0) == 0x80)
		s--;
	return s;
}

/* In an HTML source, the end of the character reference ("&pound;",
 * "&#160;") that starts at @at, as the decoder read it, or 0 when none
 * does. */
static size_t char_ref_end(const lp_doc *doc, size_t at)
{
	if (doc->src[at] != '&' || !doc->format ||
	    strcmp(doc->format, "html") != 0)
		return 0;
	char utf8[8];
	size_t n, len = lp_html_reference(doc->src, doc->src_len, at, utf8, &n);
	return len ? at + len : 0;
}

size_t lp_doc_src_end(const lp_doc *doc, size_t end)
{
	if (end == 0)
		return doc->body;
	if (end > doc->text_len)
		end = doc->text_len;
	/* map[end-1] is where the last character came from; a character
	 * that normalisation rewrote (NFC, a no-break space) maps to its
	 * first source byte, so step over the rest of that source character,
	 * which is valid UTF-8 because ingest checked it, or over the whole
	 * of the HTML character reference it was decoded from. */
	size_t s = (size_t)doc->map[end - 1] + 1;
	if (s > doc->src_len)
		return doc->src_len;
	size_t ref = char_ref_end(doc, s - 1);
	if (ref)
		return ref;
	while (s < doc->src_len && (doc->src[s] & 0xC0) == 0x80)
		s++;
	return s;
}

size_t lp_text_to_fold(const lp_doc *doc, size_t off)
{
	if (!doc->fold_map)
		return off;
	/* fold_map is non-decreasing: find the first fold byte at or after
	 * text offset @off. */
	size_t lo = 0, hi = doc->fold_len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->fold_map[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t lp_fold_to_text(const lp_doc *doc, size_t off)
{
	if (!doc->fold_map)
		return off;
	if (off >= doc->fold_len)
		return doc->text_len;
	return doc->fold_map[off];
}

/* ---- UTF-8 ------------------------------------------------------------- */

int32_t lp_utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	size_t p = *i;
	unsigned c = s[p];
	int n;
	int32_t cp;
	if (c < 0x80) {
		*i = p + 1;
		return (int32_t)c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		cp = c & 0x07;
	} else {
		return -1;
	}
	if (len - p <= (size_t)n)
		return -1;
	for (int k = 1; k <= n; k++) {
		unsigned d = s[p + k];
		if ((d & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (int32_t)(d & 0x3F);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return -1;
	*i = p + 1 + (size_t)n;
	return cp;
}

size_t lp_utf8_invalid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		/* ASCII, most of a letter, eight bytes at a time. */
		uint64_t w;
		if (len - i >= 8 && (memcpy(&w, s + i, 8),
				     !(w & 0x8080808080808080ull))) {
			i += 8;
			continue;
		}
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t at = i;
		if (lp_utf8_next(s, len, &i) < 0)
			return at;
	}
	return (size_t)-1;
}

void lp_doc_take_extracted(lp_doc *doc, lp_buf *plain, lp_buf *marked,
			   const char *format)
{
	free(doc->src);
	doc->src = (unsigned char *)plain->s;
	doc->src_len = plain->len;
	doc->body = 0;
	free(plain->map);
	doc->decoded = marked->s;
	doc->decoded_len = marked->len;
	doc->decoded_map = marked->map;
	doc->format = format;
	memset(plain, 0, sizeof *plain);
	memset(marked, 0, sizeof *marked);
}

/* ---- lifecycle --------------------------------------------------------- */

void lp_doc_free(lp_doc *doc)
{
	if (!doc)
		return;
	if (doc->fold != doc->text)
		free(doc->fold);
	free(doc->fold_map);
	free(doc->text);
	free(doc->map);
	free(doc->decoded);
	free(doc->decoded_map);
	free(doc->decoded_cells);
	free(doc->geom);
	free(doc->src);
	free(doc->path);
	free(doc->spans);
	lp_arena_free(doc->arena);
	free(doc);
}

/* Decode a container format into text the normaliser reads. */
static int decode(lp_doc *doc, lp_error *err)
{
	switch (doc->from) {
	case LP_FROM_HTML:
		return lp_decode_html(doc, err);
	case LP_FROM_PDF:
#ifdef LP_HAVE_PDF
		return lp_decode_pdf(doc, err);
#else
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "this letterpipe was built without PDF support: "
			       "install libpoppler-glib-dev and rebuild "
			       "(meson setup --reconfigure -Dpdf=enabled build)");
#endif
	case LP_FROM_DOCX:
#ifdef LP_HAVE_DOCX
		return lp_decode_docx(doc, err);
#else
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "this letterpipe was built without Word support: "
			       "install libzip-dev and rebuild "
			       "(meson setup --reconfigure -Ddocx=enabled build)");
#endif
	default:
		return 0;
	}
}

/* Decoding (part of ingest) and normalising, each timed. */
static int decode_and_normalise(lp_doc *doc, const lp_grammar *g,
				lp_error *err)
{
	double t = lp_clock(), now;
	int rc = decode(doc, err);
	doc->seconds[LP_STAGE_INGEST] += (now = lp_clock()) - t;
	if (rc == 0) {
		rc = lp_normalise(doc, g, err);
		doc->seconds[LP_STAGE_NORMALISE] += lp_clock() - now;
	}
	return rc;
}

int lp_doc_process(lp_doc *doc, const lp_grammar *g, lp_error *err)
{
	int rc = decode_and_normalise(doc, g, err);
	if (rc == 0) {
		double t = lp_clock();
		rc = lp_segment(doc, g, err);
		doc->seconds[LP_STAGE_SEGMENT] += lp_clock() - t;
	}
	if (rc == 0)
		rc = lp_extract(doc, g, err); /* times its own parts */
	return rc;
}

int lp_doc_process_text(lp_doc *doc, const lp_grammar *g, lp_error *err)
{
	int rc = decode_and_normalise(doc, g, err);
	if (rc == 0) {
		lp_doc_add_span(doc, LP_SPAN_TEXT, 0, doc->text_len, NULL, -1);
		rc = lp_extract(doc, g, err);
	}
	return rc;
}

/* The umask, read once without changing it: umask(2) can only set it,
 * which other threads would see.  Linux shows it in /proc/self/status. */
static mode_t umask_value = 022;
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;

static void read_umask(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "Umask:", 6) == 0) {
			umask_value = (mode_t)strtol(line + 6, NULL, 8);
			break;
		}
	if (f)
		fclose(f);
}

int lp_mkstemp(char *tmpl)
{
	pthread_once(&umask_once, read_umask);
	int fd = mkstemp(tmpl);
	if (fd >= 0)
		fchmod(fd, 0666 & ~umask_value);
	return fd;
}

double lp_clock(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

const char *lp_stage_name(enum lp_stage s)
{
	static const char *const names[LP_NSTAGES] = {
		[LP_STAGE_INGEST] = "ingest",
		[LP_STAGE_NORMALISE] = "normalise",
		[LP_STAGE_SEGMENT] = "segment",
		[LP_STAGE_MONEY] = "extract money",
		[LP_STAGE_DATES] = "extract dates",
		[LP_STAGE_COMMITMENTS] = "extract commitments",
		[LP_STAGE_EMIT] = "emit",
	};
	return s < LP_NSTAGES ? names[s] : "?";
}

const char *lp_version(void)
{
	return LP_VERSION;
}
