/*
 * walk.h - one walk over a document that drives every output format.
 *
 * The walk turns the document model into a stream of events: open a
 * mapping, open a list, a scalar, close.  Each emitter is a small table of
 * callbacks that writes those events in its own syntax, so the shape of the
 * output is defined once, here and in walk.c.
 */
#ifndef LP_WALK_H
#define LP_WALK_H

#include <stdbool.h>

#include "letterpipe.h"

enum lp_ev { LP_EV_MAP, LP_EV_LIST, LP_EV_END, LP_EV_SCALAR };

enum lp_val {
	LP_VAL_STR,  /* a string */
	LP_VAL_TEXT, /* a passage of letter text, possibly several lines */
	LP_VAL_INT,
	LP_VAL_NUM,  /* a number that may have a fraction */
	LP_VAL_BOOL,
	LP_VAL_DATE, /* an ISO 8601 date */
	LP_VAL_NULL,
};

typedef struct lp_event {
	enum lp_ev type;
	const char *key;   /* key in the enclosing mapping; NULL in a list */
	const char *item;  /* LP_EV_LIST: the name of one item (XML element) */
	const char *value; /* LP_EV_SCALAR */
	enum lp_val vtype;
	bool attr;         /* a small identifying value: XML may write it as
			      an attribute */
	bool flow;         /* a short mapping or list: YAML may write it on
			      one line */
} lp_event;

typedef int (*lp_event_fn)(void *ctx, const lp_event *ev);

/* Walk document @doc, calling @fn for every event; stops at the first
 * non-zero return and returns it. */
int lp_walk(lp_doc *doc, enum lp_shape shape, lp_event_fn fn, void *ctx);

int lp_emit_yaml(lp_doc *const *docs, size_t n, enum lp_shape shape,
		 FILE *out, lp_error *err);
/* A YAML stream fed with walk events, for output that is not a letter's
 * (the diff).  Open it, start a document, send events through
 * lp_yaml_event (its @ctx is the lp_yaml_out), end the document, close.
 * lp_yaml_close frees @s and reports a failure so far (@rc) or its own. */
typedef struct lp_yaml_out lp_yaml_out;
lp_yaml_out *lp_yaml_open(FILE *out);
int lp_yaml_document(lp_yaml_out *s, bool start, bool implicit);
int lp_yaml_event(void *ctx, const lp_event *e);
int lp_yaml_close(lp_yaml_out *s, int rc, lp_error *err);
/* Would a YAML 1.1 reader take plain @s for something other than a string
 * (a boolean, a null, a number, a date)?  Such strings are double-quoted. */
bool lp_yaml_looks_typed(const char *s);

int lp_emit_xml(lp_doc *const *docs, size_t n, enum lp_shape shape,
		FILE *out, lp_error *err);
/* The review page of letters (output/html.c); letters only. */
int lp_emit_html_docs(lp_doc *const *docs, size_t n, FILE *out,
		      lp_error *err);

#endif
