// SPDX-License-Identifier: MIT
/*
 * Damaged trace files of every format, read through rn_tracefile__read: thousands of
 * seeded mutants (bit flips, cuts, inserted and deleted bytes, and for .rnt a damaged
 * uncompressed stream compressed again, so the checksum does not hide the damage). Each
 * mutant is read in a child with an alarm; the reader must never crash or hang, and must
 * deliver a valid model (tests/unit/trace_check.h) or stop with an error naming the file.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "trace_bin.h"
#include "trace_check.h"
#include "trace_json.h"
#include "trace_sample.h"
#include "tracefile.h"

enum {
	CHILD_OK = 0,
	CHILD_INVALID = 42,
	ALARM_S = 20, /* generous for ASan; a good read of these files takes milliseconds */
	SHOW_MAX = 12,
};

struct bytes {
	uint8_t *p;
	size_t n;
};

struct mutant {
	char file[40]; /* name it is read under */
	char what[96];
	struct bytes b;
};

struct tally {
	const char *what;
	struct mutant *m;
	size_t n, cap;
	unsigned mutants, errors, valid, crashes, hangs, invalid;
	unsigned shown;
};

enum { OUT_NONE, OUT_ERROR, OUT_VALID, OUT_INVALID };

/* Shared with the reading child: where it is, and what each mutant gave. */
struct board {
	volatile size_t cur;
	char why[SHOW_MAX][400];
	volatile unsigned nwhy;
	volatile uint8_t out[];
};

static char tmpdir[64];

static void setup(void)
{
	strcpy(tmpdir, "/tmp/rn-mutation-XXXXXX");
	cr_assert_not_null(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd))
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static struct bytes dup_bytes(const void *p, size_t n)
{
	struct bytes b = {malloc(n + 64), n};

	cr_assert_not_null(b.p);
	memcpy(b.p, p, n);
	return b;
}

static struct bytes write_sample(int fmt)
{
	struct bytes b = {0};
	FILE *f = open_memstream((char **)&b.p, &b.n);
	struct rn_tr_sink s;

	cr_assert_not_null(f);
	cr_assert_eq(rn_tracefile__writer(&s, f, fmt), 0);
	cr_assert_eq(rn_trace_sample__play(&s), 0);
	s.close(s.ctx);
	cr_assert_eq(fclose(f), 0);
	return b;
}

static struct bytes unzstd(struct bytes in)
{
	size_t cap = 1 << 20;
	struct bytes out = {malloc(cap), 0};
	ZSTD_DCtx *d = ZSTD_createDCtx();
	ZSTD_inBuffer i = {in.p, in.n, 0};
	ZSTD_outBuffer o = {out.p, cap, 0};

	cr_assert(!ZSTD_isError(ZSTD_decompressStream(d, &o, &i)));
	ZSTD_freeDCtx(d);
	out.n = o.pos;
	return out;
}

static struct bytes zstd(const uint8_t *p, size_t n)
{
	struct bytes out = {malloc(ZSTD_compressBound(n)), 0};

	out.n = ZSTD_compress(out.p, ZSTD_compressBound(n), p, n, 3);
	cr_assert(!ZSTD_isError(out.n));
	return out;
}

/* gzip with a file name in its header, as `gzip x` writes it */
static struct bytes gzip_named(struct bytes in)
{
	struct bytes out = {malloc(in.n + 1024), 0};
	z_stream z = {0};
	gz_header h = {0};

	h.name = (Bytef *)"sample.raw.rnt";
	cr_assert_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	cr_assert_eq(deflateSetHeader(&z, &h), Z_OK);
	z.next_in = in.p;
	z.avail_in = (uInt)in.n;
	z.next_out = out.p;
	z.avail_out = (uInt)(in.n + 1024);
	cr_assert_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	out.n = z.total_out;
	deflateEnd(&z);
	return out;
}

static struct bytes slurp(const char *path)
{
	struct bytes b = {0};
	FILE *f = fopen(path, "rb");
	long n;

	cr_assert_not_null(f, "%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b.p = malloc(n + 64);
	b.n = fread(b.p, 1, n, f);
	fclose(f);
	cr_assert_eq(b.n, (size_t)n);
	return b;
}

static void add(struct tally *t, const char *file, const uint8_t *p, size_t n, const char *what)
{
	struct mutant *m;

	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->m = realloc(t->m, t->cap * sizeof(*t->m));
		cr_assert_not_null(t->m);
	}
	m = &t->m[t->n++];
	snprintf(m->file, sizeof(m->file), "%s", file);
	snprintf(m->what, sizeof(m->what), "%s", what);
	m->b = dup_bytes(p, n);
}

/* Reads mutants from board->cur on, each from its own file; exits when all are done. */
static void reader_child(const struct tally *t, struct board *bd)
{
	for (size_t i = bd->cur; i < t->n; bd->cur = ++i) {
		const struct mutant *m = &t->m[i];
		struct rn_error err = {{0}};
		struct rn_trace_check c;
		struct rn_tr_sink s = rn_trace_check__sink(&c);
		char path[160];
		FILE *f;
		int r;

		snprintf(path, sizeof(path), "%s/%s", tmpdir, m->file);
		f = fopen(path, "wb");
		if (!f || fwrite(m->b.p, 1, m->b.n, f) != m->b.n || fclose(f))
			_exit(3);
		alarm(ALARM_S);
		r = rn_tracefile__read(path, &s, &err);
		alarm(0);
		if (rn_trace_check__result(&c, r, err.msg, path)) {
			if (bd->nwhy < SHOW_MAX)
				snprintf(bd->why[bd->nwhy++], sizeof(bd->why[0]), "%s: %s: %s",
					 m->file, m->what, c.why);
			bd->out[i] = OUT_INVALID;
		} else {
			bd->out[i] = r ? OUT_ERROR : OUT_VALID;
		}
		rn_trace_check__free(&c);
	}
	_exit(0);
}

/*
 * Runs every mutant: a child reads them in turn, and when one kills it (crash, sanitizer
 * report, the alarm of a hang), the next child goes on after it.
 */
static void run(struct tally *t)
{
	size_t size = sizeof(struct board) + t->n;
	struct board *bd =
	    mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	cr_assert_neq(bd, MAP_FAILED);
	while (bd->cur < t->n) {
		int status;
		pid_t pid;

		fflush(NULL);
		pid = fork();
		cr_assert_geq(pid, 0);
		if (pid == 0)
			reader_child(t, bd);
		cr_assert_eq(waitpid(pid, &status, 0), pid);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			break;
		cr_assert(!WIFEXITED(status) || WEXITSTATUS(status) != 3, "cannot write mutants");
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			t->hangs++;
		else
			t->crashes++;
		if (t->shown++ < SHOW_MAX)
			fprintf(stderr, "  %s: %s: %s\n", t->m[bd->cur].file, t->m[bd->cur].what,
				WIFSIGNALED(status)
				    ? (WTERMSIG(status) == SIGALRM ? "hangs"
								   : strsignal(WTERMSIG(status)))
				    : "crashes (sanitizer report)");
		bd->cur++;
	}
	for (unsigned i = 0; i < bd->nwhy; i++)
		fprintf(stderr, "  %s\n", bd->why[i]);
	for (size_t i = 0; i < t->n; i++) {
		t->errors += bd->out[i] == OUT_ERROR;
		t->valid += bd->out[i] == OUT_VALID;
		t->invalid += bd->out[i] == OUT_INVALID;
		free(t->m[i].b.p);
	}
	t->mutants = t->n;
	t->n = 0;
	free(t->m);
	t->m = NULL;
	munmap(bd, size);
}

static void try_bytes(struct tally *t, const char *name, const uint8_t *p, size_t n,
		      const char *what)
{
	add(t, name, p, n, what);
}

/* The byte-level mutants of one file: flips, cuts, insertions, deletions. */
static void mutate_file(struct tally *t, const char *name, struct bytes in, unsigned per_kind)
{
	uint8_t *m = malloc(in.n + 64);
	char what[96];
	size_t step = in.n / per_kind ? in.n / per_kind : 1;

	for (unsigned i = 0; i < per_kind; i++) {
		unsigned nflip = 1 + below(3);

		memcpy(m, in.p, in.n);
		snprintf(what, sizeof(what), "flip #%u", i);
		for (unsigned k = 0; k < nflip; k++) {
			size_t at = below(in.n);

			m[at] ^= (uint8_t)(1u << below(8));
			snprintf(what + strlen(what), sizeof(what) - strlen(what), " @%zu", at);
		}
		try_bytes(t, name, m, in.n, what);
	}
	for (size_t at = 0; at < in.n; at += step) {
		snprintf(what, sizeof(what), "cut at %zu", at);
		try_bytes(t, name, in.p, at, what);
	}
	for (unsigned i = 0; i < per_kind / 2; i++) {
		size_t at = below(in.n + 1), k = 1 + below(16);

		memcpy(m, in.p, at);
		for (size_t j = 0; j < k; j++)
			m[at + j] = (uint8_t)rnd();
		memcpy(m + at + k, in.p + at, in.n - at);
		snprintf(what, sizeof(what), "%zu bytes inserted at %zu", k, at);
		try_bytes(t, name, m, in.n + k, what);
	}
	for (unsigned i = 0; i < per_kind / 2; i++) {
		size_t at = below(in.n), k = 1 + below(16);

		if (at + k > in.n)
			k = in.n - at;
		memcpy(m, in.p, at);
		memcpy(m + at, in.p + at + k, in.n - at - k);
		snprintf(what, sizeof(what), "%zu bytes deleted at %zu", k, at);
		try_bytes(t, name, m, in.n - k, what);
	}
	free(m);
}

/* Damage to the uncompressed stream of a .rnt file, compressed again (a valid frame). */
static void mutate_raw_recompressed(struct tally *t, const char *name, struct bytes raw,
				    unsigned count)
{
	static const uint8_t interesting[] = {0x00, 0x01, 0x02, 0x7f, 0x80, 0xff};
	uint8_t *m = malloc(raw.n + 64);
	char what[96];

	for (unsigned i = 0; i < count; i++) {
		size_t n = raw.n, at = RN_BIN_MAGIC_LEN + below(raw.n - RN_BIN_MAGIC_LEN);
		struct bytes z;

		memcpy(m, raw.p, raw.n);
		switch (i % 4) {
		case 0:
			m[at] ^= (uint8_t)(1u << below(8));
			snprintf(what, sizeof(what), "raw flip @%zu, recompressed", at);
			break;
		case 1:
			m[at] = interesting[below(sizeof(interesting))];
			snprintf(what, sizeof(what), "raw byte @%zu = %#x, recompressed", at,
				 m[at]);
			break;
		case 2:
			memmove(m + at + 1, m + at, raw.n - at);
			m[at] = (uint8_t)rnd();
			n++;
			snprintf(what, sizeof(what), "raw byte inserted @%zu, recompressed", at);
			break;
		default:
			memmove(m + at, m + at + 1, raw.n - at - 1);
			n--;
			snprintf(what, sizeof(what), "raw byte deleted @%zu, recompressed", at);
			break;
		}
		z = zstd(m, n);
		try_bytes(t, name, z.p, z.n, what);
		free(z.p);
	}
	free(m);
}

static void report(const struct tally *t)
{
	fprintf(stderr,
		"unit_mutation: %s: %u mutants: %u errors, %u valid, %u crashes, %u hangs, %u "
		"invalid models\n",
		t->what, t->mutants, t->errors, t->valid, t->crashes, t->hangs, t->invalid);
}

/* The real traces committed for these tests (renacerctl of tests/fixtures programs). */
static const char *traces_dir(void)
{
	static char dir[512];
	const char *b = getenv("RENACER_BUILD");

	if (!access("tests/fixtures/traces", R_OK))
		return "tests/fixtures/traces";
	/* the build folder is inside the source tree (build-x, build-x/san) */
	for (int up = 1; b && up <= 3; up++) {
		snprintf(dir, sizeof(dir), "%s", b);
		for (int i = 0; i < up; i++) {
			char *slash = strrchr(dir, '/');

			if (slash)
				*slash = '\0';
		}
		strncat(dir, "/tests/fixtures/traces", sizeof(dir) - strlen(dir) - 1);
		if (!access(dir, R_OK))
			return dir;
	}
	cr_assert_fail("tests/fixtures/traces not found (run from the source tree or set "
		       "RENACER_BUILD)");
	return NULL;
}

/* Every committed trace whose name ends with suffix, mutated. */
static unsigned mutate_fixtures(struct tally *t, const char *suffix, unsigned per_kind,
				bool raw_too)
{
	const char *dir = traces_dir();
	DIR *d = opendir(dir);
	struct dirent *de;
	unsigned n = 0;

	cr_assert_not_null(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name), sl = strlen(suffix);
		char path[1024];
		struct bytes b;

		if (len <= sl || strcmp(de->d_name + len - sl, suffix))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		b = slurp(path);
		mutate_file(t, de->d_name, b, per_kind);
		if (raw_too && b.n >= 4 && !memcmp(b.p, "\x28\xb5\x2f\xfd", 4)) {
			struct bytes raw = unzstd(b);

			mutate_raw_recompressed(t, de->d_name, raw, per_kind);
			free(raw.p);
		}
		free(b.p);
		n++;
	}
	closedir(d);
	return n;
}

static void check(struct tally *t)
{
	run(t);
	report(t);
	cr_assert_eq(t->crashes + t->hangs + t->invalid, 0,
		     "%s: %u of %u mutants crashed, hung or delivered an invalid model (listed "
		     "above)",
		     t->what, t->crashes + t->hangs + t->invalid, t->mutants);
}

TestSuite(unit_mutation, .init = setup, .fini = teardown, .timeout = 600);

Test(unit_mutation, damaged_rnt_files_never_crash_and_give_a_valid_model_or_an_error)
{
	struct bytes z = write_sample(RN_TF_BINARY), raw = unzstd(z), gz = gzip_named(raw);
	struct tally t = {.what = "sample.rnt"};

	rng_state = 0x5eed0001;
	mutate_file(&t, "sample.rnt", z, 300);
	mutate_raw_recompressed(&t, "sample.rnt", raw, 600);
	t.what = "sample.raw.rnt";
	mutate_file(&t, "sample.raw.rnt", raw, 300);
	t.what = "sample.rnt.gz";
	mutate_file(&t, "sample.rnt.gz", gz, 150);
	cr_assert_geq(mutate_fixtures(&t, ".rnt", 100, true), 1,
		      "no .rnt in tests/fixtures/traces");
	t.what = "all .rnt";
	check(&t);
	cr_assert_geq(t.mutants, 3000);
	free(z.p);
	free(raw.p);
	free(gz.p);
}

Test(unit_mutation, damaged_json_files_never_crash_and_give_a_valid_model_or_an_error)
{
	struct bytes j = write_sample(RN_TF_JSON);
	struct tally t = {.what = "sample.json"};

	rng_state = 0x5eed0002;
	mutate_file(&t, "sample.json", j, 600);
	cr_assert_geq(mutate_fixtures(&t, ".json", 150, false), 1,
		      "no .json in tests/fixtures/traces");
	t.what = "all .json";
	check(&t);
	cr_assert_geq(t.mutants, 1000);
	free(j.p);
}

Test(unit_mutation, damaged_jsonl_files_never_crash_and_give_a_valid_model_or_an_error)
{
	struct bytes j = write_sample(RN_TF_JSONL);
	struct bytes z = zstd(j.p, j.n);
	struct tally t = {.what = "sample.jsonl"};

	rng_state = 0x5eed0003;
	mutate_file(&t, "sample.jsonl", j, 600);
	t.what = "sample.jsonl.zst";
	mutate_file(&t, "sample.jsonl.zst", z, 100);
	cr_assert_geq(mutate_fixtures(&t, ".jsonl", 150, false), 1,
		      "no .jsonl in tests/fixtures/traces");
	t.what = "all .jsonl";
	check(&t);
	cr_assert_geq(t.mutants, 1000);
	free(j.p);
	free(z.p);
}

Test(unit_mutation, the_undamaged_files_read_back_as_valid_models)
{
	struct bytes z = write_sample(RN_TF_BINARY), raw = unzstd(z), gz = gzip_named(raw);
	struct bytes j = write_sample(RN_TF_JSON), l = write_sample(RN_TF_JSONL);
	struct tally t = {.what = "undamaged"};

	try_bytes(&t, "sample.rnt", z.p, z.n, "as written");
	try_bytes(&t, "sample.raw.rnt", raw.p, raw.n, "zstd -d");
	try_bytes(&t, "sample.rnt.gz", gz.p, gz.n, "zstdcat | gzip");
	try_bytes(&t, "sample.json", j.p, j.n, "as written");
	try_bytes(&t, "sample.jsonl", l.p, l.n, "as written");
	run(&t);
	report(&t);
	cr_assert_eq(t.valid, t.mutants, "every undamaged file reads back whole");
	free(z.p);
	free(raw.p);
	free(gz.p);
	free(j.p);
	free(l.p);
}
