/*
 * check_html.c - check a review page (letterpipe parse/diff -f html).
 *
 * usage: check_html PAGE.html...
 *
 * Each page must parse with libxml2's HTML parser with no error or
 * warning, except that the parser does not know HTML5's elements (it
 * knows HTML 4), so "tag X invalid" is allowed for those listed below
 * and no other.  Then what a page promises is checked on its tree:
 *   - <!DOCTYPE html>, <html lang>, <meta charset="utf-8">, one <title>;
 *   - self-contained: no <script>, <link>, <img>, <iframe>, no src=
 *     attribute, no url( in a style, no href that leaves the page;
 *   - every id is unique and every href="#x" has its x;
 *   - every <mark> has a title (the resolved value) and a class saying
 *     its kind, so colour is not the only cue;
 *   - every table has a <thead>.
 * Prints one line per problem; exits 1 when there is any.
 */
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const html5[] = { "article", "aside", "details",
	"footer", "header", "main", "mark", "nav", "section", "summary",
	"time", "svg", "line", "rect", "text", "g", NULL };

static int problems;
static const char *page;

static void problem(const char *fmt, const char *a, const char *b)
{
	printf("%s: ", page);
	printf(fmt, a, b);
	putchar('\n');
	problems++;
}

static bool is_html5(const char *msg)
{
	for (int i = 0; html5[i]; i++) {
		char want[64];
		snprintf(want, sizeof want, "Tag %s invalid", html5[i]);
		if (strncmp(msg, want, strlen(want)) == 0)
			return true;
	}
	return false;
}

static void on_error(void *ctx, const xmlError *e)
{
	(void)ctx;
	const char *msg = e->message ? e->message : "?";
	if (is_html5(msg))
		return;
	char line[32], text[512];
	snprintf(line, sizeof line, "%d", e->line);
	snprintf(text, sizeof text, "%s", msg);
	text[strcspn(text, "\n")] = '\0';
	problem("line %s: libxml2: %s", line, text);
}

typedef struct seen {
	char **ids, **hrefs;
	size_t nids, nhrefs;
	int titles;
	bool charset;
} seen;

static void push(char ***v, size_t *n, const char *s)
{
	*v = realloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = strdup(s);
}

static bool str_in(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

static void walk(xmlNodePtr n, seen *s)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		static const char *const banned[] = { "script", "link", "img",
						      "iframe", "object",
						      "embed", NULL };
		for (int i = 0; banned[i]; i++)
			if (strcmp(name, banned[i]) == 0)
				problem("<%s>: the page must stand alone%s",
					name, "");
		xmlChar *v;
		if ((v = xmlGetProp(n, BAD_CAST "src")))
			problem("src=\"%s\" on <%s>: the page must stand alone",
				(char *)v, name), xmlFree(v);
		if ((v = xmlGetProp(n, BAD_CAST "id"))) {
			if (str_in(s->ids, s->nids, (char *)v))
				problem("id \"%s\" is not unique%s", (char *)v,
					"");
			push(&s->ids, &s->nids, (char *)v);
			xmlFree(v);
		}
		if ((v = xmlGetProp(n, BAD_CAST "href"))) {
			if (v[0] == '#')
				push(&s->hrefs, &s->nhrefs, (char *)v + 1);
			else
				problem("href=\"%s\" leaves the page%s",
					(char *)v, "");
			xmlFree(v);
		}
		if (strcmp(name, "title") == 0 && n->parent &&
		    strcmp((const char *)n->parent->name, "head") == 0)
			s->titles++;
		if (strcmp(name, "meta") == 0 &&
		    (v = xmlGetProp(n, BAD_CAST "charset"))) {
			s->charset |= strcmp((char *)v, "utf-8") == 0;
			xmlFree(v);
		}
		if (strcmp(name, "style") == 0) {
			xmlChar *css = xmlNodeGetContent(n);
			if (css && strstr((char *)css, "url("))
				problem("a style sheet with url(: the page "
					"must stand alone%s%s", "", "");
			xmlFree(css);
		}
		if (strcmp(name, "mark") == 0) {
			xmlChar *t = xmlGetProp(n, BAD_CAST "title");
			xmlChar *c = xmlGetProp(n, BAD_CAST "class");
			if (!t || !*t)
				problem("a <mark> with no title%s%s", "", "");
			if (!c || !strstr((char *)c, "m "))
				problem("a <mark> with no kind%s%s", "", "");
			xmlFree(t);
			xmlFree(c);
		}
		if (strcmp(name, "table") == 0) {
			bool head = false;
			for (xmlNodePtr k = n->children; k; k = k->next)
				head |= k->type == XML_ELEMENT_NODE &&
					strcmp((const char *)k->name,
					       "thead") == 0;
			if (!head)
				problem("a table with no <thead>%s%s", "", "");
		}
		walk(n->children, s);
	}
}

static void check(const char *path)
{
	page = path;
	htmlParserCtxtPtr ctx = htmlNewParserCtxt();
	xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)on_error);
	htmlDocPtr doc = htmlCtxtReadFile(ctx, path, "UTF-8",
					  HTML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		problem("does not parse%s%s", "", "");
		htmlFreeParserCtxt(ctx);
		return;
	}
	if (!doc->intSubset || !doc->intSubset->name ||
	    strcmp((const char *)doc->intSubset->name, "html") != 0 ||
	    doc->intSubset->ExternalID || doc->intSubset->SystemID)
		problem("no <!DOCTYPE html>%s%s", "", "");
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlChar *lang = root ? xmlGetProp(root, BAD_CAST "lang") : NULL;
	if (!lang)
		problem("<html> has no lang%s%s", "", "");
	xmlFree(lang);
	seen s = { 0 };
	walk(root, &s);
	if (s.titles != 1)
		problem("%s <title> in <head>, not one%s",
			s.titles ? "several" : "no", "");
	if (!s.charset)
		problem("no <meta charset=\"utf-8\">%s%s", "", "");
	for (size_t i = 0; i < s.nhrefs; i++)
		if (!str_in(s.ids, s.nids, s.hrefs[i]))
			problem("href=\"#%s\" has no target%s", s.hrefs[i], "");
	for (size_t i = 0; i < s.nids; i++)
		free(s.ids[i]);
	for (size_t i = 0; i < s.nhrefs; i++)
		free(s.hrefs[i]);
	free(s.ids);
	free(s.hrefs);
	xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctx);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: check_html PAGE.html...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		check(argv[i]);
	return problems ? 1 : 0;
}
