// SPDX-License-Identifier: MIT
/*
 * The gcc workload of make bench: a small but ordinary C file (a word counter over files
 * given on the command line, with a hash table, a sort and some threads) that pulls in the
 * usual system headers, so compiling it with -O2 exercises the preprocessor, cc1 and as.
 * It is never run.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define NBUCKETS 4096
#define NWORKERS 4

struct word {
	struct word *next;
	uint64_t hash;
	long count;
	char text[];
};

struct table {
	pthread_mutex_t lock;
	struct word *buckets[NBUCKETS];
	long distinct;
};

struct job {
	struct table *table;
	char **files;
	int nfiles, first, step;
};

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static int add_word(struct table *t, const char *s, size_t n)
{
	uint64_t h = fnv1a(s, n);
	struct word **b = &t->buckets[h % NBUCKETS], *w;

	pthread_mutex_lock(&t->lock);
	for (w = *b; w; w = w->next)
		if (w->hash == h && !strncmp(w->text, s, n) && !w->text[n])
			break;
	if (!w) {
		w = malloc(sizeof(*w) + n + 1);
		if (!w) {
			pthread_mutex_unlock(&t->lock);
			return -ENOMEM;
		}
		memcpy(w->text, s, n);
		w->text[n] = '\0';
		w->hash = h;
		w->count = 0;
		w->next = *b;
		*b = w;
		t->distinct++;
	}
	w->count++;
	pthread_mutex_unlock(&t->lock);
	return 0;
}

static int count_file(struct table *t, const char *path)
{
	struct stat st;
	const char *p, *end, *start;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !st.st_size) {
		close(fd);
		return 0;
	}
	p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -errno;
	end = p + st.st_size;
	for (const char *q = p; q < end && !err;) {
		while (q < end && !isalnum((unsigned char)*q))
			q++;
		start = q;
		while (q < end && isalnum((unsigned char)*q))
			q++;
		if (q > start)
			err = add_word(t, start, q - start);
	}
	munmap((void *)p, st.st_size);
	return err;
}

static void *worker(void *arg)
{
	struct job *j = arg;

	for (int i = j->first; i < j->nfiles; i += j->step)
		if (count_file(j->table, j->files[i]))
			fprintf(stderr, "wc: %s: %s\n", j->files[i], strerror(errno));
	return NULL;
}

static int by_count(const void *a, const void *b)
{
	const struct word *x = *(struct word *const *)a, *y = *(struct word *const *)b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->text, y->text);
}

int main(int argc, char **argv)
{
	static struct table t = {.lock = PTHREAD_MUTEX_INITIALIZER};
	pthread_t th[NWORKERS];
	struct job jobs[NWORKERS];
	struct word **all;
	long n = 0;

	for (int i = 0; i < NWORKERS; i++) {
		jobs[i] = (struct job){&t, argv + 1, argc - 1, i, NWORKERS};
		if (pthread_create(&th[i], NULL, worker, &jobs[i]))
			return 1;
	}
	for (int i = 0; i < NWORKERS; i++)
		pthread_join(th[i], NULL);
	all = calloc(t.distinct ? t.distinct : 1, sizeof(*all));
	if (!all)
		return 1;
	for (int b = 0; b < NBUCKETS; b++)
		for (struct word *w = t.buckets[b]; w; w = w->next)
			all[n++] = w;
	qsort(all, n, sizeof(*all), by_count);
	for (long i = 0; i < n && i < 20; i++)
		printf("%8ld %s\n", all[i]->count, all[i]->text);
	return 0;
}
