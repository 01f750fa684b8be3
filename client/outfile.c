// SPDX-License-Identifier: MIT
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

bool rn_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return a && b && !stat(a, &sa) && !stat(b, &sb) && same_stat(&sa, &sb);
}

struct keep {
	int fd;
	int *werr;
	bool close_fd;
};

static ssize_t keep_write(void *c, const char *buf, size_t len)
{
	struct keep *k = c;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(k->fd, buf + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			*k->werr = n < 0 ? errno : EIO;
			/* stdio wants -1 or a short count; nothing written is an error */
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static int keep_seek(void *c, off64_t *off, int whence)
{
	struct keep *k = c;
	off_t r = lseek(k->fd, *off, whence);

	if (r < 0)
		return -1;
	*off = r;
	return 0;
}

static int keep_close(void *c)
{
	struct keep *k = c;
	int r = k->close_fd ? close(k->fd) : 0;

	free(k);
	return r;
}

FILE *rn_fdopen_keep_errno(int fd, int *werr, bool close_fd)
{
	static const cookie_io_functions_t io = {
	    .write = keep_write, .seek = keep_seek, .close = keep_close};
	struct keep *k = malloc(sizeof(*k));
	FILE *f;

	if (!k)
		return NULL;
	*k = (struct keep){fd, werr, close_fd};
	f = fopencookie(k, "w", io);
	if (!f)
		free(k);
	return f;
}

int rn_write_cause(int err, int werr)
{
	return err == -EIO && werr ? -werr : err;
}

static int fail(int e, char *err, size_t errlen, const char *path, const char *fix)
{
	snprintf(err, errlen, "cannot write '%s': %s%s", path, strerror(e), fix);
	return -e;
}

static int refuse_same(const char *out, const char *input, char *err, size_t errlen)
{
	snprintf(err, errlen,
		 "'%s' and '%s' are the same file: writing the output would destroy the input "
		 "(give another output file)",
		 input, out);
	return -EINVAL;
}

/* The temporary file beside target, with mode (and, for a replaced file, its owner). */
static int open_tmp(struct rn_outfile *o, mode_t mode, const struct stat *old, char *err,
		    size_t errlen)
{
	const char *slash = strrchr(o->target, '/');
	const char *base = slash ? slash + 1 : o->target;
	int dirlen = slash ? (int)(slash - o->target) : 1;
	const char *dir = slash ? o->target : ".";
	int fd, e;

	if (asprintf(&o->tmp, "%.*s/.%s.XXXXXX", dirlen, dir, base) < 0) {
		o->tmp = NULL;
		return fail(ENOMEM, err, errlen, o->path, "");
	}
	fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		free(o->tmp);
		o->tmp = NULL;
		return fail(e, err, errlen, o->path,
			    " (the output is written beside it first: check the directory is "
			    "writable)");
	}
	/* as a plain open(O_CREAT|O_TRUNC) would leave it; chown is best effort (root) */
	if (old && (old->st_uid != geteuid() || old->st_gid != getegid()))
		(void)!fchown(fd, old->st_uid, old->st_gid);
	o->fd = fd;
	if (fchmod(fd, mode) || !(o->f = rn_fdopen_keep_errno(fd, &o->werr, true))) {
		e = errno;
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return fail(e, err, errlen, o->path, "");
	}
	return 0;
}

int rn_outfile__open(struct rn_outfile *o, const char *path, const char *input, char *err,
		     size_t errlen)
{
	struct stat in_st, st, lst;
	bool have_in;
	mode_t mask;
	int ret;

	memset(o, 0, sizeof(*o));
	o->path = path;
	have_in = input && !stat(input, &in_st);
	if (!strcmp(path, "-")) {
		if (have_in && !fstat(STDOUT_FILENO, &st) && same_stat(&in_st, &st))
			return refuse_same("standard output", input, err, errlen);
		fflush(stdout);
		o->fd = STDOUT_FILENO;
		o->f = rn_fdopen_keep_errno(STDOUT_FILENO, &o->werr, false);
		return o->f ? 0 : fail(errno, err, errlen, "standard output", "");
	}
	if (!stat(path, &st)) {
		if (have_in && same_stat(&in_st, &st))
			return refuse_same(path, input, err, errlen);
		if (S_ISDIR(st.st_mode))
			return fail(EISDIR, err, errlen, path, " (give a file name)");
		if (!S_ISREG(st.st_mode)) {
			/* a device or a FIFO: nothing to protect, and it cannot be renamed over */
			o->fd = open(path, O_WRONLY | O_CLOEXEC);
			if (o->fd >= 0 && (o->f = rn_fdopen_keep_errno(o->fd, &o->werr, true)))
				return 0;
			ret = errno;
			if (o->fd >= 0)
				close(o->fd);
			return fail(ret, err, errlen, path, "");
		}
		o->target = realpath(path, NULL);
		if (!o->target)
			return fail(errno, err, errlen, path, "");
		ret = open_tmp(o, st.st_mode & 0777, &st, err, errlen);
	} else if (errno == ENOENT) {
		if (!lstat(path, &lst))
			return fail(
			    ENOENT, err, errlen, path,
			    " (it is a symbolic link to a missing file: give the real path)");
		o->target = strdup(path);
		if (!o->target)
			return fail(ENOMEM, err, errlen, path, "");
		mask = umask(0);
		umask(mask);
		ret = open_tmp(o, 0666 & ~mask, NULL, err, errlen);
	} else {
		return fail(errno, err, errlen, path, "");
	}
	if (ret) {
		free(o->target);
		o->target = NULL;
	}
	return ret;
}

int rn_outfile__commit(struct rn_outfile *o, char *err, size_t errlen)
{
	const char *name = strcmp(o->path, "-") ? o->path : "standard output";
	int e = 0;

	if (!o->f)
		return fail(EBADF, err, errlen, o->path, "");
	/* a write that failed earlier left the stream's error flag set */
	if (fflush(o->f))
		e = errno;
	else if (ferror(o->f))
		e = EIO;
	if (e == EIO && o->werr)
		e = o->werr;
	if (!e && o->tmp && fsync(o->fd) && errno != EINVAL)
		e = errno;
	if (fclose(o->f) && !e)
		e = errno;
	o->f = NULL;
	if (!e && o->tmp && rename(o->tmp, o->target))
		e = errno;
	if (e) {
		bool kept = o->tmp != NULL;

		rn_outfile__discard(o);
		return fail(e, err, errlen, name, kept ? " (the file was left as it was)" : "");
	}
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
	return 0;
}

void rn_outfile__discard(struct rn_outfile *o)
{
	if (!o)
		return;
	if (o->f)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	o->tmp = o->target = NULL;
}
