/*
 * validate_xml.c - check XML files against a RELAX NG schema with libxml2.
 *
 * usage: validate_xml SCHEMA.rng FILE.xml...   (exit 0 when all are valid)
 */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: validate_xml SCHEMA.rng FILE.xml...\n");
		return 2;
	}
	xmlRelaxNGParserCtxtPtr pctx = xmlRelaxNGNewParserCtxt(argv[1]);
	xmlRelaxNGPtr schema = pctx ? xmlRelaxNGParse(pctx) : NULL;
	if (!schema) {
		fprintf(stderr, "validate_xml: %s: cannot load schema\n", argv[1]);
		return 2;
	}
	int bad = 0;
	for (int i = 2; i < argc; i++) {
		xmlDocPtr doc = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
		xmlRelaxNGValidCtxtPtr vctx = xmlRelaxNGNewValidCtxt(schema);
		if (!doc || xmlRelaxNGValidateDoc(vctx, doc) != 0) {
			fprintf(stderr, "validate_xml: %s: not valid\n", argv[i]);
			bad++;
		}
		xmlRelaxNGFreeValidCtxt(vctx);
		xmlFreeDoc(doc);
	}
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pctx);
	return bad ? 1 : 0;
}
