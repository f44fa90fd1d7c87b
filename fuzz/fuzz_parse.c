/*
 * fuzz_parse.c - bytes -> the whole pipeline -> every emitter.
 *
 * The first byte picks the options: its low three bits the format
 * (sniffed, text, Markdown, HTML, PDF, Word), bit 3 the shape (a letter
 * or `extract`'s entities), bit 4 a reference date.  The rest is the
 * input.
 *
 * Beyond not crashing, every output must read back: the YAML through
 * libyaml, the XML through libxml2, and a letter's review page through
 * libxml2's HTML parser, or the target aborts.  The YAML must also be the
 * same with the prefilter off: a rule's `needs` and `reach` may only
 * spare work, whatever the input.
 */
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <yaml.h>

#include "fuzz.h"
#include "internal.h"

/* @doc as YAML, in memory (NULL when it cannot be written). */
static char *yaml_of(lp_doc *doc, enum lp_shape shape, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	lp_error err = { 0 };
	int rc = lp_emit(&doc, 1, LP_FORMAT_YAML, shape, f, &err);
	fclose(f);
	if (rc == 0)
		return buf;
	free(buf);
	return NULL;
}

/* Parse @data again with the prefilter off: the same YAML, or abort. */
static void same_unfiltered(lp_doc *doc, const uint8_t *data, size_t size,
			    const lp_options *opt, enum lp_shape shape)
{
	lp_doc *plain = NULL;
	lp_error err = { 0 };
	const lp_grammar *g = fuzz_grammar_unfiltered();
	if (lp_ingest_bytes("fuzz", data, size, opt, &plain, &err) != 0 ||
	    (shape == LP_SHAPE_LETTER ? lp_doc_process(plain, g, &err)
				      : lp_doc_process_text(plain, g, &err))) {
		fprintf(stderr, "fails only with the prefilter off: %s\n",
			err.msg);
		abort();
	}
	size_t la = 0, lb = 0;
	char *a = yaml_of(doc, shape, &la), *b = yaml_of(plain, shape, &lb);
	if (!a != !b || (a && (la != lb || memcmp(a, b, la) != 0))) {
		fprintf(stderr, "the prefilter changes the output\n");
		abort();
	}
	free(a);
	free(b);
	lp_doc_free(plain);
}

/* Emit @doc as @fmt into memory and check that it parses back. */
static void round_trip(lp_doc *doc, enum lp_format fmt, enum lp_shape shape)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	lp_error err = { 0 };
	int rc = lp_emit(&doc, 1, fmt, shape, f, &err);
	fclose(f);
	/* Every output is UTF-8, whatever was clipped to fit a buffer. */
	size_t bad = lp_utf8_invalid((const unsigned char *)buf, len);
	if (rc == 0 && bad != (size_t)-1) {
		fprintf(stderr, "output is not UTF-8 at byte %zu\n", bad);
		abort();
	}
	if (rc == 0 && fmt == LP_FORMAT_YAML) {
		yaml_parser_t p;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (unsigned char *)buf, len);
		for (bool done = false; !done;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "YAML output does not parse: %s\n",
					p.problem);
				abort();
			}
			done = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&p);
	} else if (rc == 0 && fmt == LP_FORMAT_HTML) {
		htmlDocPtr h = htmlReadMemory(buf, (int)len, "out.html", "UTF-8",
					      HTML_PARSE_NONET |
						      HTML_PARSE_NOERROR |
						      HTML_PARSE_NOWARNING);
		if (!h || !xmlDocGetRootElement(h)) {
			fprintf(stderr, "HTML output does not parse\n");
			abort();
		}
		xmlFreeDoc(h);
	} else if (rc == 0) {
		xmlDocPtr x = xmlReadMemory(buf, (int)len, "out.xml", NULL,
					    XML_PARSE_NONET | XML_PARSE_NOERROR |
						    XML_PARSE_NOWARNING);
		if (!x) {
			fprintf(stderr, "XML output is not well-formed\n");
			abort();
		}
		xmlFreeDoc(x);
	}
	free(buf);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_grammar();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const enum lp_from froms[8] = {
		LP_FROM_AUTO, LP_FROM_TEXT, LP_FROM_MARKDOWN, LP_FROM_HTML,
		LP_FROM_PDF, LP_FROM_DOCX, LP_FROM_AUTO, LP_FROM_AUTO,
	};
	lp_options opt = { .from = froms[data[0] & 7],
			   .ref_date = data[0] & 16 ? "2023-06-30" : NULL };
	enum lp_shape shape = data[0] & 8 ? LP_SHAPE_ENTITIES : LP_SHAPE_LETTER;
	lp_doc *doc = NULL;
	lp_error err = { 0 };
	if (lp_ingest_bytes("fuzz", data + 1, size - 1, &opt, &doc, &err) == 0 &&
	    (shape == LP_SHAPE_LETTER
		     ? lp_doc_process(doc, fuzz_grammar(), &err)
		     : lp_doc_process_text(doc, fuzz_grammar(), &err)) == 0) {
		same_unfiltered(doc, data + 1, size - 1, &opt, shape);
		round_trip(doc, LP_FORMAT_YAML, shape);
		round_trip(doc, LP_FORMAT_XML, shape);
		if (shape == LP_SHAPE_LETTER)
			round_trip(doc, LP_FORMAT_HTML, shape);
	}
	lp_doc_free(doc);
	return 0;
}
