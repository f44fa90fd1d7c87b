/*
 * ingest.c - stage 1: read a letter's bytes and refuse what is not text.
 *
 * Everything after this stage may assume valid UTF-8 without NUL bytes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "internal.h"

static size_t limit_of(const lp_options *opt)
{
	return opt && opt->max_bytes ? opt->max_bytes : LP_DEFAULT_MAX_BYTES;
}

/* What the content says it is: "%PDF-", a ZIP, an HTML document, or
 * text.  The file's name is never asked. */
static enum lp_from sniff(const unsigned char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
			 s[i] == '\n'))
		i++;
	if (n - i >= 5 && memcmp(s + i, "%PDF-", 5) == 0)
		return LP_FROM_PDF;
	if (n >= 4 && memcmp(s, "PK\x03\x04", 4) == 0)
		return LP_FROM_DOCX;
	static const char *const html[] = { "<!doctype html", "<html", "<?xml" };
	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(html[k]);
		if (n - i >= l && strncasecmp((const char *)s + i, html[k], l) == 0)
			return k == 2 && !memmem(s, n < 1024 ? n : 1024, "<html", 5)
				       ? LP_FROM_TEXT
				       : LP_FROM_HTML;
	}
	return LP_FROM_AUTO; /* text or Markdown: the normaliser tells */
}

/* "no byte-order mark" or "byte-order mark FF FE" when @s is UTF-16,
 * else NULL: a BOM, or NUL bytes in every other place of the first line,
 * as ASCII letters written in UTF-16 have. */
static const char *utf16_name(const unsigned char *s, size_t n)
{
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
		       (s[0] == 0xFE && s[1] == 0xFF)))
		return s[0] == 0xFF ? "byte-order mark FF FE"
				    : "byte-order mark FE FF";
	size_t k = n < 64 ? n & ~(size_t)1 : 64, zero[2] = { 0, 0 };
	for (size_t i = 0; i < k; i++)
		zero[i & 1] += s[i] == 0;
	return k >= 8 && (zero[0] == k / 2 || zero[1] == k / 2) &&
			       zero[0] + zero[1] == k / 2
		       ? "no byte-order mark"
		       : NULL;
}

/* The length of the longest line of @s, its number (from 1) in *line and
 * its offset in *at. */
static size_t longest_line(const unsigned char *s, size_t n, long *line,
			   size_t *at)
{
	size_t longest = 0, start = 0;
	long number = 1;
	*line = 1;
	*at = 0;
	for (;;) {
		const unsigned char *nl = memchr(s + start, '\n', n - start);
		size_t end = nl ? (size_t)(nl - s) : n;
		if (end - start > longest) {
			longest = end - start;
			*line = number;
			*at = start;
		}
		if (!nl)
			return longest;
		start = end + 1;
		number++;
	}
}

/* A document that owns @bytes. */
static int make(const char *name, unsigned char *bytes, size_t len,
		enum lp_from from, lp_doc **out)
{
	lp_doc *doc = lp_xmalloc(sizeof *doc);
	memset(doc, 0, sizeof *doc);
	doc->path = lp_xstrdup(name);
	doc->src = bytes;
	doc->src_len = len;
	doc->bytes = len;
	lp_sha256_hex(bytes, len, doc->sha256);
	doc->from = from;
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		doc->body = 3;
	doc->arena = lp_arena_new();
	*out = doc;
	return 0;
}

/* Check @len bytes at @bytes and make a document that owns them. */
static int adopt(const char *name, unsigned char *bytes, size_t len,
		 enum lp_from from, lp_doc **out, lp_error *err)
{
	*out = NULL;
	if (len == 0) {
		free(bytes);
		return lp_fail(err, LP_EINPUT, name, 0, -1, "empty file");
	}
	if (from == LP_FROM_AUTO)
		from = sniff(bytes, len);
	/* A PDF or a Word file is binary; its reader checks it. */
	if (from == LP_FROM_PDF || from == LP_FROM_DOCX)
		return make(name, bytes, len, from, out);
	/* UTF-16 is the one text encoding that NUL bytes give away; say
	 * so, rather than "binary". */
	const char *utf16 = utf16_name(bytes, len);
	if (utf16) {
		free(bytes);
		return lp_fail(err, LP_EINPUT, name, 0, 0,
			       "UTF-16 text (%s); letterpipe reads UTF-8: "
			       "convert it with iconv -f UTF-16 -t UTF-8",
			       utf16);
	}
	const unsigned char *nul = memchr(bytes, '\0', len);
	if (nul) {
		long long at = nul - bytes;
		free(bytes);
		return lp_fail(err, LP_EINPUT, name, 0, at,
			       "binary input (NUL byte at offset %lld)", at);
	}
	size_t bad = lp_utf8_invalid(bytes, len);
	if (bad != (size_t)-1) {
		free(bytes);
		return lp_fail(err, LP_EINPUT, name, 0, (long long)bad,
			       "invalid UTF-8 at byte offset %zu", bad);
	}
	if (from != LP_FROM_HTML) {
		long line;
		size_t at, longest = longest_line(bytes, len, &line, &at);
		if (longest > LP_MAX_LINE) {
			free(bytes);
			return lp_fail(err, LP_EINPUT, name, line, (long long)at,
				       "a line of %zu bytes, over the limit of "
				       "%zu", longest, LP_MAX_LINE);
		}
	}
	return make(name, bytes, len, from, out);
}

/* Record the options that later stages need. */
static void apply(lp_doc *doc, const lp_options *opt)
{
	if (doc && opt && opt->ref_date)
		doc->ref_date = lp_arena_strndup(doc->arena, opt->ref_date,
						 strlen(opt->ref_date));
}

int lp_ingest_bytes(const char *name, const void *bytes, size_t len,
		    const lp_options *opt, lp_doc **out, lp_error *err)
{
	double t0 = lp_clock();
	size_t max = limit_of(opt);
	*out = NULL;
	if (len > max)
		return lp_fail(err, LP_EINPUT, name, 0, -1,
			       "input is %zu bytes, over the limit of %zu "
			       "(see --max-bytes)", len, max);
	if (len > UINT32_MAX - 1)
		return lp_fail(err, LP_EINPUT, name, 0, -1,
			       "input over 4 GiB is not supported");
	unsigned char *copy = lp_xmalloc(len);
	memcpy(copy, bytes, len);
	int rc = adopt(name, copy, len, opt ? opt->from : LP_FROM_AUTO, out,
		       err);
	if (rc == 0) {
		apply(*out, opt);
		(*out)->seconds[LP_STAGE_INGEST] = lp_clock() - t0;
	}
	return rc;
}

int lp_ingest_file(const char *path, const lp_options *opt, lp_doc **out,
		   lp_error *err)
{
	double t0 = lp_clock();
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	size_t max = limit_of(opt);
	*out = NULL;

	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return lp_fail(err, LP_EINPUT, name, 0, -1, "%s",
			       strerror(errno));
	struct stat st;
	if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return lp_fail(err, LP_EINPUT, name, 0, -1,
			       "is a directory, not a file");
	}

	/* Read in chunks rather than trusting a size from stat: stdin and
	 * pipes have none, and the limit must hold whatever the source. */
	size_t cap = 65536, len = 0;
	unsigned char *buf = lp_xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > max) {
				break;
			}
			cap *= 2;
			buf = lp_xrealloc(buf, cap);
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
		if (len > max)
			break;
	}
	int read_error = ferror(f);
	int saved = errno;
	if (!is_stdin)
		fclose(f);
	if (read_error) {
		free(buf);
		return lp_fail(err, LP_EINPUT, name, 0, -1, "read error: %s",
			       strerror(saved));
	}
	if (len > max) {
		free(buf);
		return lp_fail(err, LP_EINPUT, name, 0, -1,
			       "input is over the limit of %zu bytes "
			       "(see --max-bytes)", max);
	}
	if (len > UINT32_MAX - 1) {
		free(buf);
		return lp_fail(err, LP_EINPUT, name, 0, -1,
			       "input over 4 GiB is not supported");
	}
	int rc = adopt(name, buf, len, opt ? opt->from : LP_FROM_AUTO, out,
		       err);
	if (rc == 0 && is_stdin) {
		free((*out)->path);
		(*out)->path = lp_xstrdup("-");
	}
	if (rc == 0) {
		apply(*out, opt);
		(*out)->seconds[LP_STAGE_INGEST] = lp_clock() - t0;
	}
	return rc;
}
