/*
 * emit_yaml.c - write documents as a YAML stream through libyaml's emitter.
 *
 * libyaml picks a style that is valid YAML, but it does not know which
 * plain scalars a YAML 1.1 reader would take for a boolean, a null, a
 * number or a date.  Strings like those are double-quoted here, so that
 * every value reads back as the type it was written as.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "internal.h"
#include "walk.h"

typedef struct yctx {
	yaml_emitter_t em;
} yctx;

static bool ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

/* Would a YAML reader resolve plain @s to something other than a string? */
static bool looks_typed(const char *s)
{
	static const char *const words[] = { "", "~", "null", "true", "false",
					     "yes", "no", "on", "off", "y",
					     "n", ".nan", ".inf", "-.inf",
					     "+.inf" };
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (ieq(s, words[i]))
			return true;
	/* Numbers (including 1_000, 0x1F, 1e3, 1:30) and dates start with a
	 * digit or a sign and hold nothing but number-ish characters. */
	const char *p = s;
	if (*p == '-' || *p == '+' || *p == '.')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("._:-+ ", *p))
			return false;
	return true;
}

static int scalar(yctx *y, const char *value, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
					  (yaml_char_t *)value,
					  (int)strlen(value), 1, 1, style) ||
	    !yaml_emitter_emit(&y->em, &ev))
		return -1;
	return 0;
}

/* Emit a mapping or list start, or a scalar (with its key, if any). */
static int emit_event(yctx *y, const lp_event *e)
{
	yaml_event_t ev;
	if (e->key && scalar(y, e->key, YAML_PLAIN_SCALAR_STYLE))
		return -1;
	int ok = 1;
	switch (e->type) {
	case LP_EV_MAP:
		ok = yaml_mapping_start_event_initialize(
			&ev, NULL, NULL, 1,
			e->flow ? YAML_FLOW_MAPPING_STYLE
				: YAML_BLOCK_MAPPING_STYLE);
		break;
	case LP_EV_LIST:
		ok = yaml_sequence_start_event_initialize(
			&ev, NULL, NULL, 1,
			e->flow ? YAML_FLOW_SEQUENCE_STYLE
				: YAML_BLOCK_SEQUENCE_STYLE);
		break;
	case LP_EV_END:
		return -1; /* handled by on_event, which knows what is open */
	case LP_EV_SCALAR:
		switch (e->vtype) {
		case LP_VAL_NULL:
			return scalar(y, "null", YAML_PLAIN_SCALAR_STYLE);
		case LP_VAL_INT:
		case LP_VAL_NUM:
		case LP_VAL_BOOL:
		case LP_VAL_DATE:
			return scalar(y, e->value, YAML_PLAIN_SCALAR_STYLE);
		case LP_VAL_TEXT:
			if (strchr(e->value, '\n'))
				return scalar(y, e->value,
					      YAML_LITERAL_SCALAR_STYLE);
			/* fall through */
		case LP_VAL_STR:
			return scalar(y, e->value,
				      looks_typed(e->value)
					      ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
					      : YAML_ANY_SCALAR_STYLE);
		}
		return 0;
	}
	if (!ok || !yaml_emitter_emit(&y->em, &ev))
		return -1;
	return 0;
}

/* libyaml has a different end event for mappings and sequences, so the
 * open containers are tracked here. */
struct lp_yaml_out {
	yctx y;
	char open[64];
	size_t depth;
	bool failed;        /* the stream could not start */
};

int lp_yaml_event(void *ctx, const lp_event *e)
{
	lp_yaml_out *s = ctx;
	if (e->type == LP_EV_END) {
		if (s->depth == 0)
			return -1;
		char kind = s->open[--s->depth];
		yaml_event_t ev;
		int ok = kind == 'm' ? yaml_mapping_end_event_initialize(&ev)
				     : yaml_sequence_end_event_initialize(&ev);
		return ok && yaml_emitter_emit(&s->y.em, &ev) ? 0 : -1;
	}
	if (e->type == LP_EV_MAP || e->type == LP_EV_LIST) {
		if (s->depth == sizeof s->open)
			return -1;
		s->open[s->depth++] = e->type == LP_EV_MAP ? 'm' : 's';
	}
	return emit_event(&s->y, e);
}

lp_yaml_out *lp_yaml_open(FILE *out)
{
	lp_yaml_out *s = lp_xmalloc(sizeof *s);
	*s = (lp_yaml_out){ 0 };
	yaml_emitter_t *em = &s->y.em;
	if (!yaml_emitter_initialize(em)) {
		free(s);
		return NULL;
	}
	yaml_emitter_set_output_file(em, out);
	yaml_emitter_set_unicode(em, 1);
	yaml_emitter_set_width(em, -1);
	yaml_emitter_set_indent(em, 2);
	yaml_event_t ev;
	if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
	    !yaml_emitter_emit(em, &ev))
		s->failed = true;
	return s;
}

int lp_yaml_document(lp_yaml_out *s, bool start, bool implicit)
{
	yaml_event_t ev;
	if (s->failed)
		return -1;
	int ok = start ? yaml_document_start_event_initialize(&ev, NULL, NULL,
							      NULL, implicit)
		       : yaml_document_end_event_initialize(&ev, 1);
	if (!ok || !yaml_emitter_emit(&s->y.em, &ev))
		return -1;
	return 0;
}

int lp_yaml_close(lp_yaml_out *s, int rc, lp_error *err)
{
	yaml_emitter_t *em = &s->y.em;
	yaml_event_t ev;
	if (rc == 0 && (!yaml_stream_end_event_initialize(&ev) ||
			!yaml_emitter_emit(em, &ev) || !yaml_emitter_flush(em)))
		rc = -1;
	if (rc)
		rc = em->error == YAML_MEMORY_ERROR
			     ? lp_fail(err, LP_ENOMEM, NULL, 0, -1,
				       "out of memory")
			     : lp_fail(err, LP_EIO, NULL, 0, -1,
				       "YAML output failed: %s",
				       em->problem ? em->problem
						   : "write error");
	yaml_emitter_delete(em);
	free(s);
	return rc;
}

int lp_emit_yaml(lp_doc *const *docs, size_t n, enum lp_shape shape,
		 FILE *out, lp_error *err)
{
	lp_yaml_out *s = lp_yaml_open(out);
	if (!s)
		return lp_fail(err, LP_ENOMEM, NULL, 0, -1,
			       "cannot start the YAML emitter");
	int rc = 0;
	/* One letter is one document; several make a stream. */
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = lp_yaml_document(s, true, n == 1);
		if (rc == 0)
			rc = lp_walk(docs[i], shape, lp_yaml_event, s);
		if (rc == 0)
			rc = lp_yaml_document(s, false, true);
	}
	return lp_yaml_close(s, rc, err);
}
