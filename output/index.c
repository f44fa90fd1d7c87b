/*
 * index.c - the SQLite index of a batch: schema, one transaction per
 * letter, CSV export and merging indexes from several hosts.
 *
 * Everything a letter contributes hangs off its letters row by letter_id
 * with ON DELETE CASCADE, so replacing a letter is one DELETE and the
 * inserts, in one transaction: a batch killed at any moment leaves each
 * letter wholly in the index or not at all.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "index.h"
#include "internal.h"

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS meta (\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL);\n"
	"CREATE TABLE IF NOT EXISTS letters (\n"
	"  letter_id INTEGER PRIMARY KEY,  -- the first 60 bits of sha256\n"
	"  sha256 TEXT NOT NULL UNIQUE,\n"
	"  generator TEXT,                 -- letterpipe 0.1.0\n"
	"  format TEXT,\n"
	"  bytes INTEGER,\n"
	"  reference TEXT,\n"
	"  date TEXT,                      -- ISO day (or month) of the letter\n"
	"  sender_name TEXT, sender_role TEXT,\n"
	"  recipient_name TEXT, recipient_role TEXT,\n"
	"  report TEXT,\n"
	"  pairs INTEGER NOT NULL);\n"
	"CREATE TABLE IF NOT EXISTS files (\n"
	"  path TEXT PRIMARY KEY,\n"
	"  letter_id INTEGER NOT NULL REFERENCES letters (letter_id)\n"
	"    DEFERRABLE INITIALLY DEFERRED);\n"
	"CREATE TABLE IF NOT EXISTS pairs (\n"
	"  letter_id INTEGER NOT NULL REFERENCES letters ON DELETE CASCADE,\n"
	"  pair INTEGER NOT NULL,           -- 1, 2, ... in reading order\n"
	"  number TEXT, label TEXT, stance TEXT,\n"
	"  recommendation TEXT, response TEXT,\n"
	"  recommendation_start INTEGER, recommendation_end INTEGER,\n"
	"  response_start INTEGER, response_end INTEGER,\n"
	"  PRIMARY KEY (letter_id, pair));\n"
	"CREATE TABLE IF NOT EXISTS commitments (\n"
	"  letter_id INTEGER NOT NULL REFERENCES letters ON DELETE CASCADE,\n"
	"  pair INTEGER NOT NULL,           -- 0: outside the pairs\n"
	"  section TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  text TEXT, actor TEXT, actor_resolved TEXT, modality TEXT,\n"
	"  deadline TEXT,                  -- ISO day it falls due\n"
	"  deadline_text TEXT, deadline_value TEXT,\n"
	"  span_start INTEGER, span_end INTEGER,\n"
	"  PRIMARY KEY (letter_id, pair, section, seq));\n"
	"CREATE TABLE IF NOT EXISTS money (\n"
	"  letter_id INTEGER NOT NULL REFERENCES letters ON DELETE CASCADE,\n"
	"  pair INTEGER NOT NULL,\n"
	"  section TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  text TEXT, amount REAL, currency TEXT, qualifier TEXT,\n"
	"  max REAL, period TEXT, status TEXT,\n"
	"  range_upper INTEGER NOT NULL,   -- 1: the top of the range before\n"
	"  span_start INTEGER, span_end INTEGER,\n"
	"  PRIMARY KEY (letter_id, pair, section, seq));\n"
	"CREATE TABLE IF NOT EXISTS dates (\n"
	"  letter_id INTEGER NOT NULL REFERENCES letters ON DELETE CASCADE,\n"
	"  pair INTEGER NOT NULL,\n"
	"  section TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  text TEXT, value TEXT, kind TEXT,\n"
	"  start_date TEXT, end_date TEXT, -- the interval, ISO days\n"
	"  deadline INTEGER NOT NULL,\n"
	"  span_start INTEGER, span_end INTEGER,\n"
	"  PRIMARY KEY (letter_id, pair, section, seq));\n"
	"CREATE INDEX IF NOT EXISTS letters_date ON letters (date);\n"
	"CREATE INDEX IF NOT EXISTS letters_reference ON letters (reference);\n"
	"CREATE INDEX IF NOT EXISTS files_letter ON files (letter_id);\n"
	"CREATE INDEX IF NOT EXISTS commitments_actor ON commitments (actor);\n"
	"CREATE INDEX IF NOT EXISTS commitments_deadline\n"
	"  ON commitments (deadline);\n"
	"CREATE INDEX IF NOT EXISTS dates_start ON dates (start_date);\n";

enum stmt { S_HAS, S_DELETE, S_LETTER, S_FILE, S_PAIR, S_COMMIT, S_MONEY,
	    S_DATE, S_FILE_WAS, S_ORPHAN, S_COUNT };

static const char *const stmt_sql[S_COUNT] = {
	[S_HAS] = "SELECT 1 FROM letters WHERE sha256 = ? AND generator IS ?",
	[S_DELETE] = "DELETE FROM letters WHERE letter_id = ?",
	[S_LETTER] = "INSERT INTO letters VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_FILE] = "INSERT OR REPLACE INTO files VALUES (?,?)",
	[S_PAIR] = "INSERT INTO pairs VALUES (?,?,?,?,?,?,?,?,?,?,?)",
	[S_COMMIT] = "INSERT INTO commitments VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_MONEY] = "INSERT INTO money VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_DATE] = "INSERT INTO dates VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_FILE_WAS] = "SELECT letter_id FROM files WHERE path = ?",
	[S_ORPHAN] = ("DELETE FROM letters WHERE letter_id = ?1 AND NOT EXISTS "
		      "(SELECT 1 FROM files WHERE letter_id = ?1)"),
};

struct lp_index {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[S_COUNT];
};

static int db_fail(lp_index *ix, lp_error *err, const char *what)
{
	return lp_fail(err, LP_EIO, ix->path, 0, -1, "%s: %s", what,
		       sqlite3_errmsg(ix->db));
}

static int exec(lp_index *ix, const char *sql, lp_error *err)
{
	char *msg = NULL;
	if (sqlite3_exec(ix->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	int rc = lp_fail(err, LP_EIO, ix->path, 0, -1, "%s",
			 msg ? msg : sqlite3_errmsg(ix->db));
	sqlite3_free(msg);
	return rc;
}

/* The schema version @db says it has, 0 for none. */
static int schema_version(sqlite3 *db, const char *schema)
{
	char sql[128];
	snprintf(sql, sizeof sql,
		 "SELECT value FROM %s.meta WHERE key = 'schema_version'",
		 schema);
	sqlite3_stmt *st;
	int v = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int lp_index_open(const char *path, bool create, lp_index **out,
		  lp_error *err)
{
	lp_index *ix = lp_xmalloc(sizeof *ix);
	*ix = (lp_index){ .path = lp_xstrdup(path) };
	*out = NULL;
	int rc = 0;
	if (sqlite3_open_v2(path, &ix->db,
			    SQLITE_OPEN_READWRITE |
				    (create ? SQLITE_OPEN_CREATE : 0),
			    NULL) != SQLITE_OK) {
		rc = db_fail(ix, err, "cannot open the index");
		goto fail;
	}
	sqlite3_busy_timeout(ix->db, 10000);
	/* WAL: readers (sqlite3, a spreadsheet) do not block the batch.
	 * synchronous=NORMAL is durable at every checkpoint and never
	 * corrupts; a commit lost to a power cut is redone by the rerun. */
	if ((rc = exec(ix, "PRAGMA journal_mode = WAL;"
			   "PRAGMA synchronous = NORMAL;"
			   "PRAGMA foreign_keys = ON;", err)))
		goto fail;
	int version = schema_version(ix->db, "main");
	if (!create && !version) {
		rc = lp_fail(err, LP_EINPUT, path, 0, -1,
			     "not a letterpipe index");
		goto fail;
	}
	if (version && version != LP_INDEX_SCHEMA_VERSION) {
		rc = lp_fail(err, LP_EINPUT, path, 0, -1,
			     "index schema version %d; this letterpipe reads "
			     "version %d", version, LP_INDEX_SCHEMA_VERSION);
		goto fail;
	}
	if ((rc = exec(ix, "BEGIN", err)) || (rc = exec(ix, schema_sql, err)) ||
	    (rc = exec(ix, "INSERT OR IGNORE INTO meta VALUES "
			   "('schema_version', '1')", err)) ||
	    (rc = exec(ix, "COMMIT", err)))
		goto fail;
	for (int s = 0; s < S_COUNT; s++)
		if (sqlite3_prepare_v2(ix->db, stmt_sql[s], -1, &ix->stmt[s],
				       NULL) != SQLITE_OK) {
			rc = db_fail(ix, err, "cannot prepare a statement");
			goto fail;
		}
	*out = ix;
	return 0;
fail:
	lp_index_close(ix);
	return rc ? rc : LP_EIO;
}

void lp_index_close(lp_index *ix)
{
	if (!ix)
		return;
	for (int s = 0; s < S_COUNT; s++)
		sqlite3_finalize(ix->stmt[s]);
	sqlite3_close(ix->db);
	free(ix->path);
	free(ix);
}

bool lp_index_has(lp_index *ix, const char *sha256, const char *generator)
{
	sqlite3_stmt *st = ix->stmt[S_HAS];
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, generator, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* ---- one letter ---------------------------------------------------------- */

/* Bind the values of a row and step it.  Types: 'i' a long long, 'I' one
 * where a negative number means not recorded (NULL), 'd' a double (NaN
 * binds NULL), 's' a string (NULL binds NULL). */
static int row(lp_index *ix, enum stmt s, const char *types, ...)
{
	sqlite3_stmt *st = ix->stmt[s];
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	va_list ap;
	va_start(ap, types);
	for (int k = 0; types[k]; k++) {
		int col = k + 1;
		switch (types[k]) {
		case 'i':
		case 'I': {
			long long v = va_arg(ap, long long);
			if (types[k] == 'i' || v >= 0)
				sqlite3_bind_int64(st, col, v);
			break;
		}
		case 'd': {
			double v = va_arg(ap, double);
			if (!isnan(v))
				sqlite3_bind_double(st, col, v);
			break;
		}
		case 's': {
			const char *v = va_arg(ap, const char *);
			if (v)
				sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
			break;
		}
		}
	}
	va_end(ap);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The letter file @path held when last indexed, or -1. */
static long long previous_letter(lp_index *ix, const char *path)
{
	sqlite3_stmt *st = ix->stmt[S_FILE_WAS];
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	long long id = sqlite3_step(st) == SQLITE_ROW
			       ? sqlite3_column_int64(st, 0)
			       : -1;
	sqlite3_reset(st);
	return id;
}

static long long letter_id(const char *sha256)
{
	char head[16];
	memcpy(head, sha256, 15);
	head[15] = '\0';
	return strtoll(head, NULL, 16);
}

static int put_section(lp_index *ix, long long id, long long pair,
		       const char *name, const lp_rsection *s)
{
	for (size_t k = 0; k < s->ncommits; k++) {
		const lp_rcommit *c = &s->commits[k];
		char start[11], due[11];
		bool dated = lp_date_bounds(c->deadline_value, start, due);
		if (row(ix, S_COMMIT, "iisisssssssII", id, pair, name,
			(long long)k, c->text, c->actor, c->actor_resolved,
			c->modality, dated ? due : NULL, c->deadline,
			c->deadline_value, c->span.start, c->span.end))
			return -1;
	}
	for (size_t k = 0; k < s->nmoney; k++) {
		const lp_rmoney *m = &s->money[k];
		char *end = NULL;
		double max = m->max ? strtod(m->max, &end) : NAN;
		if (end && *end)
			max = NAN;
		if (row(ix, S_MONEY, "iisisdssdssiII", id, pair, name,
			(long long)k, m->text, m->has_amount ? m->amount : NAN,
			m->currency, m->qualifier, max, m->period, m->status,
			(long long)m->upper, m->span.start, m->span.end))
			return -1;
	}
	for (size_t k = 0; k < s->ndates; k++) {
		const lp_rdate *d = &s->dates[k];
		char first[11], last[11];
		bool bounded = lp_date_bounds(d->value, first, last);
		if (row(ix, S_DATE, "iisisssssiII", id, pair, name,
			(long long)k, d->text, d->value, d->kind,
			bounded ? first : NULL, bounded ? last : NULL,
			(long long)d->deadline, d->span.start, d->span.end))
			return -1;
	}
	return 0;
}

int lp_index_put(lp_index *ix, const lp_record *rec, const char *const *paths,
		 size_t npaths, lp_error *err)
{
	if (!rec->sha256 || strlen(rec->sha256) != 64)
		return lp_fail(err, LP_EINPUT, rec->path, 0, -1,
			       "a record without its sha256 cannot be indexed");
	long long id = letter_id(rec->sha256);
	if (exec(ix, "BEGIN IMMEDIATE", err))
		return LP_EIO;
	bool ok = row(ix, S_DELETE, "i", id) == 0 &&
		  row(ix, S_LETTER, "isssIsssssssi", id, rec->sha256,
		      rec->generator, rec->format, rec->bytes, rec->reference,
		      rec->date, rec->sender_name, rec->sender_role,
		      rec->recipient_name, rec->recipient_role, rec->report,
		      (long long)rec->npairs) == 0;
	/* A file that held another letter before (it was edited): that
	 * letter goes too, once no file holds it. */
	for (size_t k = 0; ok && k < npaths; k++) {
		long long was = previous_letter(ix, paths[k]);
		ok = row(ix, S_FILE, "si", paths[k], id) == 0 &&
		     (was < 0 || was == id || row(ix, S_ORPHAN, "i", was) == 0);
	}
	static const struct {
		const char *name;
		size_t offset;
	} letter_sections[] = {
		{ "cover", offsetof(lp_record, cover) },
		{ "introduction", offsetof(lp_record, introduction) },
		{ "closing", offsetof(lp_record, closing) },
	};
	for (size_t k = 0; ok && k < 3; k++)
		ok = put_section(ix, id, 0, letter_sections[k].name,
				 (const lp_rsection *)((const char *)rec +
						       letter_sections[k].offset)) == 0;
	for (size_t p = 0; ok && p < rec->npairs; p++) {
		const lp_rpair *pr = &rec->pairs[p];
		long long n = (long long)p + 1;
		ok = row(ix, S_PAIR, "iisssssIIII", id, n, pr->number,
			 pr->label, pr->stance, pr->rec.text, pr->resp.text,
			 pr->rec.span.start, pr->rec.span.end,
			 pr->resp.span.start, pr->resp.span.end) == 0 &&
		     put_section(ix, id, n, "recommendation", &pr->rec) == 0 &&
		     put_section(ix, id, n, "response", &pr->resp) == 0 &&
		     put_section(ix, id, n, "details", &pr->details) == 0;
	}
	if (!ok) {
		int rc = db_fail(ix, err, "cannot store the letter");
		exec(ix, "ROLLBACK", NULL);
		return rc;
	}
	return exec(ix, "COMMIT", err) ? LP_EIO : 0;
}

/* ---- CSV ----------------------------------------------------------------- */

const char *const lp_index_tables[] = { "letters", "pairs", "commitments",
					"money", "dates", NULL };

/* What each export shows: the table's own columns, and for the rows of a
 * letter the letter's date and reference first, so that a spreadsheet
 * row stands on its own. */
static const char *const export_sql[] = {
	("SELECT l.*, (SELECT group_concat(path, '; ') FROM "
	"(SELECT path FROM files f WHERE f.letter_id = l.letter_id "
	"ORDER BY path)) AS paths FROM letters l "
	"ORDER BY l.date, l.letter_id"),
	("SELECT l.date AS letter_date, l.reference, p.* FROM pairs p "
	"JOIN letters l USING (letter_id) "
	"ORDER BY l.date, p.letter_id, p.pair"),
	("SELECT l.date AS letter_date, l.reference, l.sender_name, "
	"p.number AS recommendation, c.* FROM commitments c "
	"JOIN letters l USING (letter_id) LEFT JOIN pairs p "
	"ON p.letter_id = c.letter_id AND p.pair = c.pair "
	"ORDER BY l.date, c.letter_id, c.pair, c.section, c.seq"),
	("SELECT l.date AS letter_date, l.reference, "
	"p.number AS recommendation, m.* FROM money m "
	"JOIN letters l USING (letter_id) LEFT JOIN pairs p "
	"ON p.letter_id = m.letter_id AND p.pair = m.pair "
	"ORDER BY l.date, m.letter_id, m.pair, m.section, m.seq"),
	("SELECT l.date AS letter_date, l.reference, "
	"p.number AS recommendation, d.* FROM dates d "
	"JOIN letters l USING (letter_id) LEFT JOIN pairs p "
	"ON p.letter_id = d.letter_id AND p.pair = d.pair "
	"ORDER BY l.date, d.letter_id, d.pair, d.section, d.seq"),
};

/* One CSV field, quoted when it must be (RFC 4180). */
static void csv_field(FILE *out, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")] && *s != ' ' &&
	    (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static void csv_value(FILE *out, sqlite3_stmt *st, int col)
{
	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		return;
	case SQLITE_FLOAT: {
		/* Amounts are whole pounds as a rule: no ".0" for them. */
		double v = sqlite3_column_double(st, col);
		if (v == floor(v) && fabs(v) < 1e15)
			fprintf(out, "%.0f", v);
		else
			fprintf(out, "%.2f", v);
		return;
	}
	default:
		csv_field(out, (const char *)sqlite3_column_text(st, col));
	}
}

int lp_index_export_csv(lp_index *ix, const char *table, FILE *out,
			lp_error *err)
{
	size_t t = 0;
	while (lp_index_tables[t] && strcmp(lp_index_tables[t], table) != 0)
		t++;
	if (!lp_index_tables[t])
		return lp_fail(err, LP_EINPUT, NULL, 0, -1,
			       "no table '%s' to export (letters, pairs, "
			       "commitments, money or dates)", table);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ix->db, export_sql[t], -1, &st, NULL) != SQLITE_OK)
		return db_fail(ix, err, "cannot read the index");
	int cols = sqlite3_column_count(st);
	for (int c = 0; c < cols; c++) {
		if (c)
			fputc(',', out);
		csv_field(out, sqlite3_column_name(st, c));
	}
	fputs("\r\n", out);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int c = 0; c < cols; c++) {
			if (c)
				fputc(',', out);
			csv_value(out, st, c);
		}
		fputs("\r\n", out);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(ix, err, "cannot read the index");
	return ferror(out) ? lp_fail(err, LP_EIO, NULL, 0, -1, "write error")
			   : 0;
}

/* ---- merging ------------------------------------------------------------- */

int lp_index_merge(lp_index *ix, const char *other, lp_error *err)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(ix->db, "ATTACH ? AS other", -1, &st, NULL) !=
	    SQLITE_OK)
		return db_fail(ix, err, "cannot attach");
	sqlite3_bind_text(st, 1, other, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lp_fail(err, LP_EINPUT, other, 0, -1, "cannot open: %s",
			       sqlite3_errmsg(ix->db));
	int version = schema_version(ix->db, "other");
	if (version != LP_INDEX_SCHEMA_VERSION) {
		exec(ix, "DETACH other", NULL);
		if (!version)
			return lp_fail(err, LP_EINPUT, other, 0, -1,
				       "not a letterpipe index");
		return lp_fail(err, LP_EINPUT, other, 0, -1,
			       "index schema version %d; this letterpipe "
			       "reads version %d", version,
			       LP_INDEX_SCHEMA_VERSION);
	}
	/* A letter both hold takes the other's rows: delete ours (the
	 * cascade takes its pairs and entities), then copy. */
	rc = exec(ix, "BEGIN IMMEDIATE;"
		      "DELETE FROM main.letters WHERE letter_id IN "
		      "  (SELECT letter_id FROM other.letters);"
		      "INSERT INTO main.letters SELECT * FROM other.letters;"
		      "INSERT INTO main.pairs SELECT * FROM other.pairs;"
		      "INSERT INTO main.commitments SELECT * FROM other.commitments;"
		      "INSERT INTO main.money SELECT * FROM other.money;"
		      "INSERT INTO main.dates SELECT * FROM other.dates;"
		      "INSERT OR REPLACE INTO main.files SELECT * FROM other.files;"
		      /* A path the other index saw with other content. */
		      "DELETE FROM main.letters WHERE letter_id NOT IN "
		      "  (SELECT letter_id FROM main.files);"
		      "COMMIT;", err);
	if (rc) {
		exec(ix, "ROLLBACK", NULL);
		if (err)
			snprintf(err->file, sizeof err->file, "%s", other);
	}
	exec(ix, "DETACH other", NULL);
	return rc ? LP_EIO : 0;
}
