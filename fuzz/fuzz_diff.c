/*
 * fuzz_diff.c - two inputs -> diff -> both emitters.
 *
 * The input is two sides split at the first "\n%%\n"; each side is read
 * as parse's YAML when it starts as that does, else as a letter.
 */
#include <string.h>

#include "diff.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_grammar();
	return 0;
}

static lp_record *side(const char *s, size_t n)
{
	lp_record *rec = NULL;
	lp_error err = { 0 };
	if (lp_is_parse_yaml(s, n)) {
		lp_record_from_yaml("fuzz.yaml", s, n, &rec, &err);
		return rec;
	}
	lp_doc *doc = NULL;
	if (lp_ingest_bytes("fuzz", s, n, NULL, &doc, &err) == 0 &&
	    lp_doc_process(doc, fuzz_grammar(), &err) == 0)
		lp_record_from_doc(doc, &rec, &err);
	lp_doc_free(doc);
	return rec;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *cut = memmem(s, size, "\n%%\n", 4);
	size_t a = cut ? (size_t)(cut - s) : size / 2;
	size_t b = cut ? a + 4 : a;
	lp_record *old = side(s, a), *new_ = side(s + b, size - b);
	if (old && new_) {
		lp_diff *d = lp_diff_run(old, new_);
		lp_error err = { 0 };
		lp_diff_emit_text(d, LP_ALL_KINDS, true, fuzz_sink(), &err);
		lp_diff_emit_yaml(d, LP_ALL_KINDS, fuzz_sink(), &err);
		lp_diff_emit_html(d, LP_ALL_KINDS, fuzz_sink(), &err);
		lp_diff_free(d);
	}
	lp_record_free(old);
	lp_record_free(new_);
	return 0;
}
