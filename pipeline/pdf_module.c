/*
 * pdf_module.c - the command's way to PDF input: the decoder
 * (decode_pdf.c) is built as a module of its own, letterpipe-pdf.so,
 * which the first PDF loads.  Mapping poppler and the forty-odd
 * libraries it needs cost every start some 17 ms on this project's
 * machine (`letterpipe --version` took 28 ms with them linked in, 11
 * without); a run that reads no PDF no longer pays it.  The tests and
 * fuzzers link the decoder in instead.
 *
 * The module is looked for beside the executable (a build folder), then
 * where meson installs it.  It calls back into the executable, which
 * exports its symbols for it (meson.build: export_dynamic).
 */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "internal.h"

typedef int decoder_fn(lp_doc *doc, lp_error *err);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static decoder_fn *decoder;
static char why[512]; /* why the module did not load */

static void *open_beside_executable(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0)
		return NULL;
	path[n] = '\0';
	char *slash = strrchr(path, '/');
	if (!slash ||
	    strlen(LP_PDF_MODULE) >= sizeof path - (size_t)(slash + 1 - path))
		return NULL;
	memcpy(slash + 1, LP_PDF_MODULE, strlen(LP_PDF_MODULE) + 1);
	return access(path, F_OK) == 0 ? dlopen(path, RTLD_NOW | RTLD_LOCAL)
				       : NULL;
}

static void load(void)
{
	void *h = open_beside_executable();
	if (!h)
		h = dlopen(LP_PDF_MODULE_DIR "/" LP_PDF_MODULE,
			   RTLD_NOW | RTLD_LOCAL);
	/* POSIX's way to a function from dlsym. */
	if (h)
		*(void **)&decoder = dlsym(h, "lp_pdf_decode");
	if (!decoder)
		snprintf(why, sizeof why, "%s", dlerror());
}

int lp_decode_pdf(lp_doc *doc, lp_error *err)
{
	pthread_once(&once, load);
	if (!decoder)
		return lp_fail(err, LP_EINPUT, doc->path, 0, -1,
			       "cannot load PDF support (%s): %s", LP_PDF_MODULE,
			       why);
	return decoder(doc, err);
}
