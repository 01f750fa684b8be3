/* SPDX-License-Identifier: MIT */
/*
 * Files renacerctl writes whole (convert -o): written to a temporary file beside the
 * target and renamed over it only when every byte was written, so a failed, refused or
 * interrupted write never destroys what was there. The target keeps its mode (a new one
 * gets 0666 & ~umask, as a plain create would); symlinks are followed. Standard output
 * ("-") and special files (devices, FIFOs) are written straight.
 */
#ifndef RENACER_CLIENT_OUTFILE_H
#define RENACER_CLIENT_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct rn_outfile {
	FILE *f;
	int fd;		  /* under f */
	int werr;	  /* errno of the last failed write (see rn_fdopen_keep_errno) */
	const char *path; /* as given */
	char *target;	  /* the file that will be replaced (symlinks resolved) */
	char *tmp;	  /* the temporary file; NULL when written straight */
};

/*
 * Opens path for writing ("-" is stdout). Refuses when path (or stdout) is the same file
 * as input (NULL: no input). 0, or -errno with the reason in err.
 */
int rn_outfile__open(struct rn_outfile *o, const char *path, const char *input, char *err,
		     size_t errlen);
/* Flushes, checks every write, syncs and renames into place: 0, or -errno with err set. */
int rn_outfile__commit(struct rn_outfile *o, char *err, size_t errlen);
/* Closes and removes the temporary file: the target stays as it was (NULL-safe). */
void rn_outfile__discard(struct rn_outfile *o);

/*
 * A stdio stream ("w") on fd that keeps in *werr why its last write failed: the trace
 * writers report a failed fwrite as -EIO, and the user deserves "No space left on device".
 * It seeks (ftello works); fclose closes fd only when close_fd. NULL with errno set.
 */
FILE *rn_fdopen_keep_errno(int fd, int *werr, bool close_fd);
/* The cause to show for err (-errno): the stream's own when err is only -EIO. */
int rn_write_cause(int err, int werr);

/* True when the two paths name one file (st_dev and st_ino of what they resolve to). */
bool rn_same_file(const char *a, const char *b);

#endif
