/*
 * emit_xml.c - write documents as XML through libxml2's tree API, so that
 * escaping is never done by hand.  The shape is checked by
 * output/letterpipe.rng.
 *
 * Mapping events become elements; small identifying scalars (numbers,
 * offsets, the source's digest) become attributes; other scalars become
 * child elements; a list of mappings becomes a wrapper element with one
 * child per item; a list of scalars repeats the element.  A null value is
 * left out.  The particulars that YAML calls `letter:` are <details>, since
 * they sit inside <letter>.
 */
#include <libxml/tree.h>
#include <string.h>

#include "internal.h"
#include "walk.h"

#define MAX_DEPTH 64

typedef struct frame {
	xmlNodePtr node;
	const char *item;   /* element name for items of this list */
	const char *repeat; /* a list of scalars: repeat this element */
} frame;

typedef struct xctx {
	frame stack[MAX_DEPTH];
	size_t depth;
} xctx;

static int on_event(void *ctx, const lp_event *e)
{
	xctx *x = ctx;
	frame *top = &x->stack[x->depth - 1];
	if (e->type == LP_EV_END) {
		if (x->depth <= 1)
			return -1;
		x->depth--;
		return 0;
	}
	if (e->type == LP_EV_SCALAR) {
		if (e->vtype == LP_VAL_NULL)
			return 0;
		const char *name = e->key ? e->key : top->repeat;
		if (!name)
			return -1;
		if (e->attr)
			return xmlNewProp(top->node, BAD_CAST name,
					  BAD_CAST e->value)
				       ? 0
				       : -1;
		return xmlNewTextChild(top->node, NULL, BAD_CAST name,
				       BAD_CAST e->value)
			       ? 0
			       : -1;
	}
	if (x->depth == MAX_DEPTH)
		return -1;
	frame f = { 0 };
	if (e->type == LP_EV_LIST && !e->item) {
		/* Scalars repeat the element in place: <number>4</number>
		 * <number>5</number>. */
		f.node = top->node;
		f.repeat = e->key;
	} else {
		const char *name = e->key ? e->key
					  : (top->item ? top->item : "letter");
		/* The letter's particulars are `letter:` in YAML; in XML they
		 * sit inside <letter>, so they take a name of their own. */
		if (x->depth == 2 && strcmp(name, "letter") == 0)
			name = "details";
		f.node = xmlNewChild(top->node, NULL, BAD_CAST name, NULL);
		if (!f.node)
			return -1;
		f.item = e->item;
	}
	x->stack[x->depth++] = f;
	return 0;
}

int lp_emit_xml(lp_doc *const *docs, size_t n, enum lp_shape shape,
		FILE *out, lp_error *err)
{
	xmlDocPtr xdoc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "letters");
	if (!xdoc || !root) {
		xmlFreeDoc(xdoc);
		xmlFreeNode(root);
		return lp_fail(err, LP_ENOMEM, NULL, 0, -1, "out of memory");
	}
	xmlDocSetRootElement(xdoc, root);
	xmlNewProp(root, BAD_CAST "version", BAD_CAST lp_version());
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		xctx x = { .depth = 1 };
		x.stack[0].node = root;
		x.stack[0].item = "letter";
		rc = lp_walk(docs[i], shape, on_event, &x);
	}
	if (rc == 0) {
		/* Dump as UTF-8, so that letters read as written rather than
		 * as character references. */
		xmlChar *buf = NULL;
		int len = 0;
		xmlDocDumpFormatMemoryEnc(xdoc, &buf, &len, "UTF-8", 1);
		if (!buf || fwrite(buf, 1, (size_t)len, out) != (size_t)len)
			rc = -1;
		xmlFree(buf);
	}
	xmlFreeDoc(xdoc);
	if (rc)
		return lp_fail(err, LP_EIO, NULL, 0, -1, "XML output failed");
	return 0;
}
