/*
 * batch.c - `letterpipe batch`: many letters, all cores, nothing lost.
 *
 * Three steps:
 *   1. collect: walk the folders (sorted, hidden names skipped, symbolic
 *      links followed only inside the tree) and read the file list;
 *   2. check, on every thread: hash each file and compare with the output
 *      already there, so that an unchanged file is skipped and files with
 *      the same content are parsed once;
 *   3. parse, on every thread, one letter per thread at a time: write
 *      each output to a hidden temporary file and rename it into place,
 *      and hand the letter's record to the one thread that writes the
 *      index, a transaction per letter.
 * A batch killed at any moment leaves complete outputs and complete
 * letters in the index, and the next run does what is left.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "batch.h"
#include "index.h"
#include "internal.h"
#include "record.h"

/* Folders nest no deeper than this below a root. */
#define MAX_DEPTH 64
/* The name of a temporary output: hidden, and swept by the next run. */
#define TMP_MARK ".lptmp-"

enum state {
	TODO,       /* to parse */
	UNCHANGED,  /* its outputs (and index row) are from this version */
	FAILED,
	DUPLICATE,  /* same content as an earlier file: written with it */
};

/* A file of the plan.  The plan is the part of a batch that grows with
 * the archive, so a file costs little: its folder is shared with the
 * files beside it and only its name is its own, its digest is kept as
 * bytes, and the next file of the same content is an index. */
#define NO_DUP UINT32_MAX

typedef struct job {
	const char *name;   /* after its folder's path (and rel) */
	uint32_t folder;
	uint32_t next_dup;  /* next file of the same content, or NO_DUP */
	off_t size;
	unsigned char sha256[32];
	uint8_t state;      /* enum state */
	bool rel_whole;     /* its folder's rel is its whole output path (a
			       name out_rel changed, which no file has) */
} job;

/* Where files are: the path a file is opened by (and written in its
 * output) is its folder's path and its name; its output path under -o,
 * without the extension, is its folder's rel and its name. */
typedef struct folder {
	const char *path;   /* with its last '/', or "" */
	const char *rel;
} folder;

/* What the index writer is handed: a letter and its paths. */
typedef struct entry {
	lp_record *rec;
	char **paths;
	size_t npaths;
	struct entry *next;
} entry;

typedef struct batch {
	const lp_batch_options *o;
	char generator[64];
	job *jobs;
	size_t njobs, cap;
	folder *folders;
	size_t nfolders, folders_cap;
	struct lp_arena *names;  /* the jobs' and folders' names */
	uint32_t *work;      /* step 3: the first file of each content */
	size_t nwork;
	dev_t out_dev;
	ino_t out_ino;       /* the output folder, never read as input */
	char *db_real;       /* the index, and its -wal and -shm files, never
				read as input either */

	pthread_mutex_t lock;   /* everything below */
	size_t next;            /* the next item a worker takes */
	bool stop;              /* --fail-fast, a signal, or trouble */
	bool trouble;           /* the batch itself failed: exit 2 */
	size_t checked, parsed, unchanged, duplicates, failed, empty,
		skipped, done_files, parse_total;
	unsigned long long bytes_total, bytes_done;
	bool progress_shown;
	int running;            /* workers of the current step */
	pthread_cond_t idle;    /* a worker finished */

	lp_index *ix;
	pthread_mutex_t qlock;
	pthread_cond_t qcond;   /* the queue changed */
	entry *qhead, *qtail;
	size_t qlen;
	bool qdone;             /* no more letters will come */
	bool qclosed;           /* the writer failed and takes no more */

	struct timespec start;
} batch;

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double elapsed(const batch *b)
{
	return now() - ((double)b->start.tv_sec + (double)b->start.tv_nsec / 1e9);
}

/* ---- reporting --------------------------------------------------------- */

static bool tty(void)
{
	return isatty(STDERR_FILENO);
}

/* One line on stderr, clear of the progress line; call with b->lock. */
static void say_locked(batch *b, const char *path, const char *fmt,
		       va_list ap)
{
	if (b->progress_shown)
		fputs("\r\033[K", stderr);
	b->progress_shown = false;
	fprintf(stderr, "letterpipe: %s: ", path);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void say(batch *b, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(batch *b, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&b->lock);
	say_locked(b, path, fmt, ap);
	pthread_mutex_unlock(&b->lock);
	va_end(ap);
}

/* A file failed: say so, count it, and stop the batch for --fail-fast. */
static void fail(batch *b, job *j, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static char *job_path(const batch *b, const job *j);

static void fail(batch *b, job *j, const char *fmt, ...)
{
	char *path = job_path(b, j);
	va_list ap;
	va_start(ap, fmt);
	pthread_mutex_lock(&b->lock);
	j->state = FAILED;
	b->failed++;
	if (b->o->fail_fast)
		b->stop = true;
	say_locked(b, path, fmt, ap);
	pthread_mutex_unlock(&b->lock);
	va_end(ap);
	free(path);
}

static void show_progress(batch *b, const char *step, size_t done,
			  size_t total)
{
	double t = elapsed(b);
	double mb = (double)b->bytes_done / 1e6;
	char eta[32] = "";
	if (b->bytes_done > 0 && b->bytes_total > b->bytes_done) {
		double left = t * (double)(b->bytes_total - b->bytes_done) /
			      (double)b->bytes_done;
		snprintf(eta, sizeof eta, ", ETA %d:%02d", (int)left / 60,
			 (int)left % 60);
	}
	fprintf(stderr, "\r\033[K%s %zu/%zu files, %.1f MB/s, %zu failed%s",
		step, done, total, t > 0 ? mb / t : 0.0, b->failed, eta);
	b->progress_shown = true;
}

/* ---- step 1: collect ----------------------------------------------------- */

/* @s split after its last '/': the length of the part before. */
static size_t dir_len(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash ? (size_t)(slash + 1 - s) : 0;
}

/* The folder of path prefix @p and rel prefix @r (lengths @pn, @rn):
 * the last one made, when the file is beside the one before. */
static uint32_t folder_of(batch *b, const char *p, size_t pn, const char *r,
			  size_t rn)
{
	if (b->nfolders) {
		const folder *f = &b->folders[b->nfolders - 1];
		if (strlen(f->path) == pn && strncmp(f->path, p, pn) == 0 &&
		    strlen(f->rel) == rn && strncmp(f->rel, r, rn) == 0)
			return (uint32_t)(b->nfolders - 1);
	}
	if (b->nfolders == b->folders_cap) {
		b->folders_cap = b->folders_cap ? 2 * b->folders_cap : 64;
		b->folders = lp_xrealloc(b->folders,
					 b->folders_cap * sizeof *b->folders);
	}
	b->folders[b->nfolders] =
		(folder){ lp_arena_strndup(b->names, p, pn),
			  lp_arena_strndup(b->names, r, rn) };
	return (uint32_t)b->nfolders++;
}

static void add_job(batch *b, const char *path, const char *rel)
{
	if (b->njobs == NO_DUP) {
		say(b, path, "more than %u files in one batch; skipped",
		    NO_DUP - 1);
		b->skipped++;
		return;
	}
	if (b->njobs == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		b->jobs = lp_xrealloc(b->jobs, b->cap * sizeof *b->jobs);
	}
	size_t pd = dir_len(path), rd = dir_len(rel);
	const char *name = path + pd;
	/* The output path ends with the file's name, but for names that
	 * out_rel rewrites (none that a file can have). */
	bool whole = strcmp(rel + rd, name) != 0;
	uint32_t f = whole ? folder_of(b, path, pd, rel, strlen(rel))
			   : folder_of(b, path, pd, rel, rd);
	b->jobs[b->njobs++] = (job){
		.name = lp_arena_strndup(b->names, name, strlen(name)),
		.folder = f,
		.next_dup = NO_DUP,
		.rel_whole = whole,
	};
}

static char *job_path(const batch *b, const job *j)
{
	const folder *f = &b->folders[j->folder];
	size_t n = strlen(f->path) + strlen(j->name) + 1;
	char *s = lp_xmalloc(n);
	snprintf(s, n, "%s%s", f->path, j->name);
	return s;
}

/* @path as a path under -o: no leading '/', no '.' parts, and '..' parts
 * as '__', so that no input name can write outside the output folder. */
static char *out_rel(const char *path)
{
	size_t n = strlen(path);
	char *out = lp_xmalloc(n + 2), *o = out;
	for (const char *p = path; *p;) {
		size_t len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			o += sprintf(o, "%s__", o == out ? "" : "/");
		} else if (len && !(len == 1 && p[0] == '.')) {
			o += sprintf(o, "%s%.*s", o == out ? "" : "/", (int)len,
				     p);
		}
		p += len;
		while (*p == '/')
			p++;
	}
	if (o == out)
		*o++ = '_';
	*o = '\0';
	return out;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = lp_xmalloc(n);
	snprintf(s, n, "%s%s%s", a, *a && a[strlen(a) - 1] != '/' ? "/" : "",
		 b);
	return s;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The folders being walked, from the root down, to tell a link back to
 * one of them (a loop) from a link elsewhere in the tree. */
typedef struct walk {
	const char *root_real;  /* the root, resolved */
	dev_t dev[MAX_DEPTH + 1];
	ino_t ino[MAX_DEPTH + 1];
	int depth;
} walk;

static bool inside(const char *real, const char *root_real)
{
	size_t n = strlen(root_real);
	return strncmp(real, root_real, n) == 0 &&
	       (real[n] == '/' || real[n] == '\0' || n == 1);
}

static void walk_dir(batch *b, walk *w, const char *dir, const char *rel);

/* Is @path the index or one of SQLite's files beside it?  The index is
 * often kept in the folder it indexes. */
static bool is_index_file(const batch *b, const char *path)
{
	const char *base = strrchr(b->db_real, '/');
	const char *name = strrchr(path, '/');
	base = base ? base + 1 : b->db_real;
	name = name ? name + 1 : path;
	if (strncmp(name, base, strlen(base)) != 0)
		return false;
	char real[PATH_MAX];
	return realpath(path, real) &&
	       strncmp(real, b->db_real, strlen(b->db_real)) == 0;
}

/* One entry of a folder: a file to take, a folder to walk, or a link to
 * follow when it stays in the tree. */
static void walk_entry(batch *b, walk *w, const char *path, const char *rel)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		say(b, path, "%s; skipped", strerror(errno));
		b->skipped++;
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		char real[PATH_MAX];
		if (stat(path, &st) != 0 || !realpath(path, real)) {
			say(b, path, errno == ELOOP
				     ? "symbolic link loop; skipped"
				     : "broken symbolic link; skipped");
			b->skipped++;
			return;
		}
		if (!inside(real, w->root_real)) {
			say(b, path, "symbolic link out of the tree, to %s; "
				     "skipped", real);
			b->skipped++;
			return;
		}
		for (int k = 0; S_ISDIR(st.st_mode) && k <= w->depth; k++)
			if (w->dev[k] == st.st_dev && w->ino[k] == st.st_ino) {
				say(b, path, "symbolic link loop; skipped");
				b->skipped++;
				return;
			}
	}
	if (S_ISDIR(st.st_mode)) {
		if (st.st_dev == b->out_dev && st.st_ino == b->out_ino)
			return; /* the output folder, inside the input */
		if (w->depth == MAX_DEPTH) {
			say(b, path, "folders nest deeper than %d; skipped",
			    MAX_DEPTH);
			b->skipped++;
			return;
		}
		w->depth++;
		w->dev[w->depth] = st.st_dev;
		w->ino[w->depth] = st.st_ino;
		walk_dir(b, w, path, rel);
		w->depth--;
		return;
	}
	if (b->db_real && is_index_file(b, path))
		return;
	/* A FIFO or a device is taken, and fails when checked: it was
	 * named, so it is reported, but never opened. */
	add_job(b, path, rel);
}

static void walk_dir(batch *b, walk *w, const char *dir, const char *rel)
{
	DIR *d = opendir(dir);
	if (!d) {
		say(b, dir, "%s; skipped", strerror(errno));
		b->skipped++;
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.') /* ., .., and hidden files */
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			names = lp_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = lp_xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		char *path = join(dir, names[i]);
		char *r = *rel ? join(rel, names[i]) : lp_xstrdup(names[i]);
		walk_entry(b, w, path, r);
		free(path);
		free(r);
		free(names[i]);
	}
	free(names);
}

/* A root: a folder is walked, its files named relative to it when it is
 * the only input, and to its own path otherwise; a file is taken. */
static int collect_root(batch *b, const char *root, bool alone)
{
	struct stat st;
	if (stat(root, &st) != 0) {
		fprintf(stderr, "letterpipe: %s: %s\n", root, strerror(errno));
		return -1;
	}
	char *rel = out_rel(root);
	if (!S_ISDIR(st.st_mode)) {
		add_job(b, root, rel);
	} else {
		char real[PATH_MAX];
		if (!realpath(root, real)) {
			fprintf(stderr, "letterpipe: %s: %s\n", root,
				strerror(errno));
			free(rel);
			return -1;
		}
		walk w = { .root_real = real };
		w.dev[0] = st.st_dev;
		w.ino[0] = st.st_ino;
		walk_dir(b, &w, root, alone ? "" : rel);
	}
	free(rel);
	return 0;
}

bool lp_list_next(FILE *f, char **line, size_t *cap)
{
	ssize_t n;
	while ((n = getline(line, cap, f)) > 0) {
		while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
			(*line)[--n] = '\0';
		if (n > 0)
			return true;
	}
	return false;
}

/* --files-from: one path per line, as given. */
static void collect_list(batch *b, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	while (lp_list_next(f, &line, &cap)) {
		char *rel = out_rel(line);
		add_job(b, line, rel);
		free(rel);
	}
	free(line);
}

/* ---- output files -------------------------------------------------------- */

static char *out_path(const batch *b, const job *j, const char *ext)
{
	const folder *f = &b->folders[j->folder];
	const char *name = j->rel_whole ? "" : j->name;
	size_t n = strlen(b->o->out_dir) + strlen(f->rel) + strlen(name) +
		   strlen(ext) + 3;
	char *s = lp_xmalloc(n);
	snprintf(s, n, "%s/%s%s.%s", b->o->out_dir, f->rel, name, ext);
	return s;
}

/* Make the folders above @path. */
static int make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		int rc = mkdir(path, 0777);
		int e = errno;
		*p = '/';
		if (rc != 0 && e != EEXIST)
			return -1;
	}
	return 0;
}

/* Does the output at @path say it is of content @sha256, written by this
 * letterpipe?  Both sit in its first lines, in YAML and in XML alike. */
static bool output_current(const batch *b, const char *path,
			   const char *sha256)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char head[4096];
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = '\0';
	char gen[96];
	snprintf(gen, sizeof gen, "generator: %s\n", b->generator);
	char gen_xml[96];
	snprintf(gen_xml, sizeof gen_xml, "generator=\"%s\"", b->generator);
	return (strstr(head, gen) || strstr(head, gen_xml)) &&
	       strstr(head, sha256);
}

/* Write @doc as @fmt to @path through a hidden temporary file. */
static int write_doc(lp_doc *doc, enum lp_format fmt, char *path,
		     lp_error *err)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + sizeof TMP_MARK + 8;
	char *tmp = lp_xmalloc(n);
	snprintf(tmp, n, "%.*s.%s" TMP_MARK "XXXXXX", (int)dir, path,
		 path + dir);
	int fd = lp_mkstemp(tmp);
	/* The folders are made the first time one is missing. */
	if (fd < 0 && errno == ENOENT) {
		if (make_parents(path)) {
			int rc = lp_fail(err, LP_EIO, path, 0, -1,
					 "cannot make its folder: %s",
					 strerror(errno));
			free(tmp);
			return rc;
		}
		snprintf(tmp, n, "%.*s.%s" TMP_MARK "XXXXXX", (int)dir, path,
			 path + dir);
		fd = lp_mkstemp(tmp);
	}
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		int rc = lp_fail(err, LP_EIO, path, 0, -1, "%s",
				 strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return rc;
	}
	int rc = lp_emit(&doc, 1, fmt, LP_SHAPE_LETTER, f, err);
	if (fclose(f) != 0 && rc == 0)
		rc = lp_fail(err, LP_EIO, path, 0, -1, "%s", strerror(errno));
	if (rc == 0 && rename(tmp, path) != 0)
		rc = lp_fail(err, LP_EIO, path, 0, -1, "%s", strerror(errno));
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Remove the temporary files a killed run left in the output tree. */
static void sweep(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	if (!d || depth > MAX_DEPTH) {
		if (d)
			closedir(d);
		return;
	}
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char *path = join(dir, e->d_name);
		struct stat st;
		if (lstat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				sweep(path, depth + 1);
			else if (e->d_name[0] == '.' &&
				 strstr(e->d_name, TMP_MARK))
				unlink(path);
		}
		free(path);
	}
	closedir(d);
}

/* ---- the index writer ---------------------------------------------------- */

static void entry_free(entry *e)
{
	lp_record_free(e->rec);
	for (size_t k = 0; k < e->npaths; k++)
		free(e->paths[k]);
	free(e->paths);
	free(e);
}

/* Hand a letter to the writer; waits while the queue is full, so that
 * records never pile up in memory. */
static void enqueue(batch *b, entry *e)
{
	pthread_mutex_lock(&b->qlock);
	while (b->qlen >= 2 * (size_t)b->o->jobs + 2 && !b->qclosed)
		pthread_cond_wait(&b->qcond, &b->qlock);
	if (b->qclosed) { /* the writer gave up */
		pthread_mutex_unlock(&b->qlock);
		entry_free(e);
		return;
	}
	if (b->qtail)
		b->qtail->next = e;
	else
		b->qhead = e;
	b->qtail = e;
	b->qlen++;
	pthread_cond_broadcast(&b->qcond);
	pthread_mutex_unlock(&b->qlock);
}

static void *writer(void *arg)
{
	batch *b = arg;
	for (;;) {
		pthread_mutex_lock(&b->qlock);
		while (!b->qhead && !b->qdone && !b->qclosed)
			pthread_cond_wait(&b->qcond, &b->qlock);
		entry *e = b->qhead;
		bool closed = b->qclosed;
		if (e) {
			b->qhead = e->next;
			if (!b->qhead)
				b->qtail = NULL;
			b->qlen--;
			pthread_cond_broadcast(&b->qcond);
		}
		pthread_mutex_unlock(&b->qlock);
		if (!e)
			return NULL;
		lp_error err = { 0 };
		if (!closed && lp_index_put(b->ix, e->rec, (const char *const *)e->paths,
				 e->npaths, &err)) {
			say(b, b->o->db_path, "%s", err.msg);
			pthread_mutex_lock(&b->lock);
			b->stop = b->trouble = true;
			pthread_mutex_unlock(&b->lock);
			pthread_mutex_lock(&b->qlock);
			b->qclosed = true;
			pthread_cond_broadcast(&b->qcond);
			pthread_mutex_unlock(&b->qlock);
		}
		entry_free(e);
	}
}

/* ---- steps 2 and 3, on every thread --------------------------------------- */

/* Take the next item of @count, or false when there is none or the
 * batch stops. */
static bool take(batch *b, size_t count, size_t *item)
{
	pthread_mutex_lock(&b->lock);
	bool got = !b->stop && !interrupted && b->next < count;
	if (got)
		*item = b->next++;
	pthread_mutex_unlock(&b->lock);
	return got;
}

/* Step 2 for one file: what it holds, and whether its outputs are
 * already those of this content and this version. */
static void check_file(batch *b, job *j, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fail(b, j, "%s", strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		fail(b, j, "is a directory");
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		fail(b, j, "not a regular file");
		return;
	}
	size_t max = b->o->parse.max_bytes ? b->o->parse.max_bytes
					    : LP_DEFAULT_MAX_BYTES;
	if ((unsigned long long)st.st_size > max) {
		/* Worded as parse words it for the same file. */
		fail(b, j, "input is over the limit of %zu bytes (see "
			   "--max-bytes)", max);
		return;
	}
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fail(b, j, "%s", strerror(errno));
		return;
	}
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = lp_xmalloc(cap);
	for (ssize_t n; len < cap && (n = read(fd, buf + len, cap - len)) != 0;) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			free(buf);
			fail(b, j, "read error: %s", strerror(e));
			return;
		}
		len += (size_t)n;
	}
	close(fd);
	j->size = (off_t)len;
	lp_sha256(buf, len, j->sha256);
	free(buf);
	char hex[65];
	lp_sha256_to_hex(j->sha256, hex);
	bool current = !b->o->force;
	for (int k = 0; current && k < 2; k++) {
		if (!(k ? b->o->xml : b->o->yaml))
			continue;
		char *out = out_path(b, j, k ? "xml" : "yaml");
		current = output_current(b, out, hex);
		free(out);
	}
	j->state = current ? UNCHANGED : TODO;
}

static void check(batch *b, job *j)
{
	char *path = job_path(b, j);
	check_file(b, j, path);
	free(path);
}

/* Step 3 for one content: parse its first file, write the outputs of
 * every file that holds it, and hand the letter to the index. */
static void parse_one(batch *b, size_t first)
{
	job *j = &b->jobs[first];
	char *path = job_path(b, j);
	lp_error err = { 0 };
	lp_doc *doc = NULL;
	if (lp_ingest_file(path, &b->o->parse, &doc, &err) ||
	    lp_doc_process(doc, b->o->grammar, &err)) {
		fail(b, j, "%s", err.msg);
		for (size_t d = j->next_dup; d != NO_DUP;
		     d = b->jobs[d].next_dup)
			fail(b, &b->jobs[d], "same content as %s, which failed",
			     path);
		lp_doc_free(doc);
		free(path);
		return;
	}
	size_t pairs = 0;
	for (size_t s = 0; s < doc->nspans; s++)
		pairs += doc->spans[s].kind == LP_SPAN_PAIR;
	if (pairs == 0)
		say(b, path, "warning: no recommendation/response pairs; "
			     "indexed with pairs: 0");
	free(path);
	entry *e = lp_xmalloc(sizeof *e);
	*e = (entry){ 0 };
	bool ok = true;
	for (size_t k = first; ok && k != NO_DUP; k = b->jobs[k].next_dup) {
		job *f = &b->jobs[k];
		/* The output names the file it is about, as parse would. */
		free(doc->path);
		doc->path = job_path(b, f);
		for (int x = 0; ok && x < 2; x++) {
			if (!(x ? b->o->xml : b->o->yaml))
				continue;
			char *out = out_path(b, f, x ? "xml" : "yaml");
			if (write_doc(doc, x ? LP_FORMAT_XML : LP_FORMAT_YAML,
				      out, &err)) {
				say(b, out, "%s", err.msg);
				pthread_mutex_lock(&b->lock);
				b->stop = b->trouble = true;
				pthread_mutex_unlock(&b->lock);
				ok = false;
			}
			free(out);
		}
		e->paths = lp_xrealloc(e->paths,
				       (e->npaths + 1) * sizeof *e->paths);
		e->paths[e->npaths++] = lp_xstrdup(doc->path);
	}
	if (ok && b->ix && lp_record_from_doc(doc, &e->rec, &err) == 0) {
		enqueue(b, e);
		e = NULL;
	}
	if (e)
		entry_free(e);
	lp_doc_free(doc);
	pthread_mutex_lock(&b->lock);
	b->parsed++;
	b->empty += pairs == 0;
	pthread_mutex_unlock(&b->lock);
}

typedef struct worker_arg {
	batch *b;
	int step;
} worker_arg;

static void *worker(void *arg)
{
	const worker_arg *w = arg;
	batch *b = w->b;
	size_t i;
	while (take(b, w->step == 2 ? b->njobs : b->nwork, &i)) {
		if (w->step == 2) {
			check(b, &b->jobs[i]);
			pthread_mutex_lock(&b->lock);
			b->checked++;
			pthread_mutex_unlock(&b->lock);
			continue;
		}
		size_t first = b->work[i];
		parse_one(b, first);
		pthread_mutex_lock(&b->lock);
		for (size_t k = first; k != NO_DUP; k = b->jobs[k].next_dup) {
			b->done_files++;
			b->bytes_done += (unsigned long long)b->jobs[k].size;
		}
		pthread_mutex_unlock(&b->lock);
	}
	pthread_mutex_lock(&b->lock);
	b->running--;
	pthread_cond_broadcast(&b->idle);
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

/* Run @step on o->jobs threads, with progress on a terminal. */
static void run_step(batch *b, int step)
{
	int n = b->o->jobs > 0 ? b->o->jobs : 1;
	pthread_t *t = lp_xmalloc((size_t)n * sizeof *t);
	worker_arg arg = { b, step };
	b->next = 0;
	bool show = tty();
	pthread_mutex_lock(&b->lock);
	/* A first line before any work, so that a step shows itself even
	 * when its workers finish before this thread looks again. */
	if (show)
		show_progress(b, step == 2 ? "checking" : "parsing",
			      step == 2 ? b->checked : b->done_files,
			      step == 2 ? b->njobs : b->parse_total);
	b->running = 0;
	int started = 0;
	for (; started < n; started++) {
		if (pthread_create(&t[started], NULL, worker, &arg) != 0)
			break;
		b->running++;
	}
	pthread_mutex_unlock(&b->lock);
	if (started == 0) {
		b->running = 1;
		worker(&arg);
	}
	pthread_mutex_lock(&b->lock);
	while (b->running > 0) {
		if (show)
			show_progress(b, step == 2 ? "checking" : "parsing",
				      step == 2 ? b->checked : b->done_files,
				      step == 2 ? b->njobs : b->parse_total);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 200 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&b->idle, &b->lock, &until);
	}
	if (show && b->progress_shown) {
		fputs("\r\033[K", stderr);
		b->progress_shown = false;
	}
	pthread_mutex_unlock(&b->lock);
	for (int k = 0; k < started; k++)
		pthread_join(t[k], NULL);
	free(t);
}

static int cmp_index(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* ---- the whole batch -------------------------------------------------------- */

/* Files by content, then in reading order.  qsort has no context
 * argument in C11, so the comparison finds the files through a
 * thread-local. */
static _Thread_local const job *sort_jobs;

static int content_order(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	int c = memcmp(sort_jobs[a].sha256, sort_jobs[b].sha256, 32);
	return c ? c : (a > b) - (a < b);
}

/* After step 2: what step 3 must parse.  A file whose outputs are current
 * but whose letter the index lacks is done again; of the files to do
 * with one content, the first is parsed and the others written with it. */
static void plan(batch *b)
{
	uint32_t *order = lp_xmalloc((b->njobs + 1) * sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < b->njobs; i++) {
		job *j = &b->jobs[i];
		char hex[65];
		lp_sha256_to_hex(j->sha256, hex);
		if (j->state == UNCHANGED && b->ix &&
		    !lp_index_has(b->ix, hex, b->generator))
			j->state = TODO;
		if (j->state == TODO)
			order[n++] = (uint32_t)i;
		b->unchanged += j->state == UNCHANGED;
	}
	sort_jobs = b->jobs;
	qsort(order, n, sizeof *order, content_order);
	b->work = lp_xmalloc((n + 1) * sizeof *b->work);
	for (size_t k = 0; k < n;) {
		size_t first = order[k], last = first;
		b->work[b->nwork++] = (uint32_t)first;
		b->parse_total++;
		b->bytes_total += (unsigned long long)b->jobs[first].size;
		for (k++; k < n && memcmp(b->jobs[order[k]].sha256,
					  b->jobs[first].sha256, 32) == 0;
		     k++) {
			job *d = &b->jobs[order[k]];
			d->state = DUPLICATE;
			b->jobs[last].next_dup = order[k];
			last = order[k];
			b->duplicates++;
			b->parse_total++;
			b->bytes_total += (unsigned long long)d->size;
			char *dp = job_path(b, d),
			     *fp = job_path(b, &b->jobs[first]);
			say(b, dp, "same content as %s; parsed once", fp);
			free(dp);
			free(fp);
		}
	}
	free(order);
	/* Parse in reading order, so that output appears as a reader
	 * expects and a --fail-fast stop is at the first bad file. */
	qsort(b->work, b->nwork, sizeof *b->work, cmp_index);
}

static void summary(batch *b)
{
	fprintf(stderr,
		"letterpipe: batch: %zu files: %zu parsed, %zu unchanged, "
		"%zu duplicates, %zu failed, %zu without pairs, %zu skipped; "
		"%.1f MB in %.1f s%s\n",
		b->njobs, b->parsed, b->unchanged, b->duplicates, b->failed,
		b->empty, b->skipped, (double)b->bytes_done / 1e6, elapsed(b),
		interrupted ? "; interrupted" : b->stop && b->o->fail_fast &&
						      b->failed
						  ? "; stopped at the first failure"
						  : "");
}

int lp_batch_run(const lp_batch_options *o, char **inputs, size_t ninputs)
{
	batch b = { .o = o, .names = lp_arena_new() };
	snprintf(b.generator, sizeof b.generator, "letterpipe %s",
		 lp_version());
	clock_gettime(CLOCK_MONOTONIC, &b.start);
	pthread_mutex_init(&b.lock, NULL);
	pthread_mutex_init(&b.qlock, NULL);
	pthread_cond_init(&b.qcond, NULL);
	pthread_cond_init(&b.idle, NULL);
	int status = LP_BATCH_TROUBLE;

	/* The output folder: made, and known so that it is never read. */
	char *probe = join(o->out_dir, "x");
	struct stat st;
	if (make_parents(probe) || stat(o->out_dir, &st) != 0 ||
	    !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "letterpipe: %s: cannot make the output folder: "
				"%s\n", o->out_dir,
			errno ? strerror(errno) : "not a folder");
		free(probe);
		goto out;
	}
	free(probe);
	b.out_dev = st.st_dev;
	b.out_ino = st.st_ino;
	sweep(o->out_dir, 0);
	if (o->db_path) {
		lp_error err = { 0 };
		if (lp_index_open(o->db_path, true, &b.ix, &err)) {
			fprintf(stderr, "letterpipe: %s: %s\n",
				err.file[0] ? err.file : o->db_path, err.msg);
			goto out;
		}
		b.db_real = realpath(o->db_path, NULL);
	}

	for (size_t k = 0; k < ninputs; k++)
		if (collect_root(&b, inputs[k], ninputs == 1 && !o->files_from))
			b.failed++;
	if (o->files_from)
		collect_list(&b, o->files_from);

	/* Stop between letters on ^C, never in the middle of one. */
	struct sigaction sa = { .sa_handler = on_signal };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	xmlInitParser(); /* once, before the threads */

	run_step(&b, 2);
	if (!b.stop && !interrupted) {
		plan(&b);
		pthread_t w;
		bool writing = b.ix && pthread_create(&w, NULL, writer, &b) == 0;
		if (b.ix && !writing) {
			fprintf(stderr, "letterpipe: cannot start the index "
					"writer\n");
			b.trouble = true;
		} else {
			run_step(&b, 3);
		}
		if (writing) {
			pthread_mutex_lock(&b.qlock);
			b.qdone = true;
			pthread_cond_broadcast(&b.qcond);
			pthread_mutex_unlock(&b.qlock);
			pthread_join(w, NULL);
		}
	}
	summary(&b);
	status = b.trouble     ? LP_BATCH_TROUBLE
		 : interrupted ? 130
		 : b.failed    ? LP_BATCH_FAILED
			       : LP_BATCH_OK;
out:
	lp_index_close(b.ix);
	lp_arena_free(b.names);
	free(b.folders);
	free(b.jobs);
	free(b.work);
	free(b.db_real);
	return status;
}
