/* SPDX-License-Identifier: MIT */
/*
 * strace's -e trace= syscall qualifier: one token (a name, ?name, name@64/@32/@x32, a number,
 * a %class, a /regex) into the syscall bitmap, with a suggestion for a typo. filter.c parses
 * the rest of -e; the error writer and number parser both use are here too.
 */
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classes.h"
#include "filter.h"
#include "filter_int.h"
#include "systable.h"

int rn_filter__fail(char *err, size_t errlen, int ret, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return ret;
}

long long rn_filter__uint(const char *s, long long max)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || errno == ERANGE || v > max)
		return -1;
	return v;
}

/* strace's personalities on x86_64, with the suffixes of `name@64` and friends. */
enum pers { P64, P32, PX32, NPERS };
static const char *const pers_suffix[NPERS] = {"64", "32", "x32"};

/* strace's lookup_class(); "all" as a token (e.g. "open,all") selects every syscall. */
static const struct {
	const char *name;
	uint32_t mask;
} class_names[] = {
    {"%desc", RN_CLASS_DESC},
    {"%file", RN_CLASS_FILE},
    {"%memory", RN_CLASS_MEMORY},
    {"%process", RN_CLASS_PROCESS},
    {"%creds", RN_CLASS_CREDS},
    {"%signal", RN_CLASS_SIGNAL},
    {"%ipc", RN_CLASS_IPC},
    {"%net", RN_CLASS_NETWORK},
    {"%network", RN_CLASS_NETWORK},
    {"%stat", RN_CLASS_STAT},
    {"%lstat", RN_CLASS_LSTAT},
    {"%fstat", RN_CLASS_FSTAT},
    {"%%stat", RN_CLASS_STAT_LIKE},
    {"%statfs", RN_CLASS_STATFS},
    {"%fstatfs", RN_CLASS_FSTATFS},
    {"%%statfs", RN_CLASS_STATFS_LIKE},
    {"%pure", RN_CLASS_PURE},
    {"%clock", RN_CLASS_CLOCK},
    {"all", 0},
    {"desc", RN_CLASS_DESC},
    {"file", RN_CLASS_FILE},
    {"memory", RN_CLASS_MEMORY},
    {"process", RN_CLASS_PROCESS},
    {"signal", RN_CLASS_SIGNAL},
    {"ipc", RN_CLASS_IPC},
    {"network", RN_CLASS_NETWORK},
};

/* One past the highest x86_64 syscall number with a name: strace's nsyscalls. */
static int nsyscalls64(void)
{
	for (int nr = RN_MAX_SYSCALLS - 1; nr >= 0; nr--)
		if (rn_syscall__name(nr))
			return nr + 1;
	return 0;
}

static bool pers_has_name(enum pers p, const char *name)
{
	switch (p) {
	case P64:
		return rn_syscall__by_name(name) >= 0;
	case P32:
		return rn_classes__in_i386(name);
	default:
		return rn_classes__in_x32(name);
	}
}

static bool qualify_number(const char *s, enum pers p, uint64_t *set)
{
	long long nr = rn_filter__uint(s, INT_MAX);
	int n64 = nsyscalls64();

	if (nr < 0)
		return false;
	/* x32 numbers carry their own range (512 + 0..35) above x86_64's. */
	if (nr >= n64 && !(p == PX32 && nr >= 512 && nr < 548))
		return false;
	if (p == P64 && nr < RN_MAX_SYSCALLS)
		filter_bit_set(set, (unsigned)nr);
	return true;
}

static bool qualify_regex(const regex_t *re, enum pers p, uint64_t *set)
{
	bool found = false;
	const char *name;

	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		name = rn_syscall__name(nr);
		if (!name || (p != P64 && !pers_has_name(p, name)))
			continue;
		if (regexec(re, name, 0, NULL, 0))
			continue;
		found = true;
		if (p == P64)
			filter_bit_set(set, (unsigned)nr);
	}
	for (size_t i = 0; p == P32 && rn_classes__i386_only_row(i, &name); i++)
		found |= !regexec(re, name, 0, NULL, 0);
	return found;
}

uint32_t rn_filter__class_of(const char *name)
{
	return rn_syscall__classes(rn_syscall__by_name(name));
}

static bool lookup_class(const char *s, uint32_t *mask)
{
	for (size_t i = 0; i < FILTER_LEN(class_names); i++) {
		if (!strcmp(s, class_names[i].name)) {
			*mask = class_names[i].mask;
			return true;
		}
	}
	return false;
}

static bool qualify_class(const char *s, enum pers p, uint64_t *set)
{
	uint32_t mask;
	int nr;

	if (!lookup_class(s, &mask))
		return false;
	if (p != P64)
		return true;
	if (!mask) {
		for (nr = 0; nr < RN_MAX_SYSCALLS; nr++)
			if (rn_syscall__name(nr))
				filter_bit_set(set, (unsigned)nr);
		return true;
	}
	for (nr = 0; nr < RN_MAX_SYSCALLS; nr++)
		if ((rn_syscall__classes(nr) & mask) == mask)
			filter_bit_set(set, (unsigned)nr);
	return true;
}

static bool qualify_pers(const char *s, const regex_t *re, enum pers p, uint64_t *set)
{
	int nr;

	if (*s >= '0' && *s <= '9')
		return qualify_number(s, p, set);
	if (*s == '/')
		return qualify_regex(re, p, set);
	if (qualify_class(s, p, set))
		return true;
	if (!pers_has_name(p, s))
		return false;
	nr = rn_syscall__by_name(s);
	if (p == P64 && nr >= 0 && nr < RN_MAX_SYSCALLS)
		filter_bit_set(set, (unsigned)nr);
	return true;
}

unsigned rn_filter__edit_distance(const char *a, const char *b)
{
	unsigned row[64], prev, tmp;
	size_t la = strlen(a), lb = strlen(b);

	if (la >= FILTER_LEN(row) || lb >= FILTER_LEN(row))
		return UINT_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = prev + (a[i - 1] != b[j - 1]);
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

/* The closest x86_64 syscall name, if a typo (at most 2 edits) away. */
static const char *suggest_name(const char *s)
{
	const char *best = NULL, *name;
	unsigned best_d = 3, d;

	for (int nr = 0; nr < RN_MAX_SYSCALLS; nr++) {
		name = rn_syscall__name(nr);
		if (!name)
			continue;
		d = rn_filter__edit_distance(s, name);
		if (d < best_d && d < strlen(s)) {
			best_d = d;
			best = name;
		}
	}
	return best;
}

static int bad_syscall(const char *tok, const char *name, char *err, size_t errlen)
{
	const char *guess;

	if (*name == '%')
		return rn_filter__fail(
		    err, errlen, -EINVAL,
		    "invalid system call '%s' (classes: %%file %%process %%network %%signal "
		    "%%ipc %%desc %%memory %%creds %%clock %%stat %%lstat %%fstat %%%%stat "
		    "%%statfs %%fstatfs %%%%statfs %%pure)",
		    tok);
	if (*name == '/')
		return rn_filter__fail(
		    err, errlen, -EINVAL,
		    "invalid system call '%s' (the regular expression matches no system "
		    "call name)",
		    tok);
	if (*name >= '0' && *name <= '9')
		return rn_filter__fail(
		    err, errlen, -EINVAL,
		    "invalid system call '%s' (system call numbers go from 0 to %d)", tok,
		    nsyscalls64() - 1);
	if (strchr(name, '='))
		return rn_filter__fail(
		    err, errlen, -EINVAL,
		    "invalid system call '%s' (unknown qualifier '%.*s'; use trace=, "
		    "status= or signal=)",
		    tok, (int)strcspn(name, "="), name);
	if (!strcmp(name, "none"))
		return rn_filter__fail(
		    err, errlen, -EINVAL,
		    "invalid system call '%s' (none stands alone: -e trace=none)", tok);
	guess = suggest_name(name);
	if (guess)
		return rn_filter__fail(err, errlen, -EINVAL,
				       "invalid system call '%s' (did you mean '%s'?)", tok, guess);
	return rn_filter__fail(
	    err, errlen, -EINVAL,
	    "invalid system call '%s' (not a system call name, %%class, /regex or number; "
	    "write '?%s' to ignore names this kernel does not know)",
	    tok, tok);
}

/* strace's qualify_syscall(): one comma-separated token of trace=. */
int rn_filter__qualify_syscall(const char *tok, uint64_t *set, char *err, size_t errlen)
{
	const char *s = tok, *at;
	bool ok = false, only = false;
	char *name = NULL;
	enum pers p = P64;
	regex_t re;
	int rc;

	while (*s == '?') {
		s++;
		ok = true;
	}
	at = strrchr(s, '@');
	if (at) {
		for (p = P64; p < NPERS && strcmp(at + 1, pers_suffix[p]); p++)
			;
		if (p == NPERS)
			return rn_filter__fail(
			    err, errlen, -EINVAL,
			    "incorrect personality designator '%s' in qualification '%s' "
			    "(use @64, @32 or @x32)",
			    at + 1, s);
		only = true;
		name = strndup(s, (size_t)(at - s));
	} else {
		name = strdup(s);
	}
	if (!name)
		return rn_filter__fail(err, errlen, -ENOMEM, "out of memory");
	if (*name == '/') {
		rc = regcomp(&re, name + 1, REG_EXTENDED | REG_NOSUB);
		if (rc) {
			char msg[256];

			regerror(rc, &re, msg, sizeof(msg));
			rc =
			    rn_filter__fail(err, errlen, -EINVAL, "regcomp: %s: %s", name + 1, msg);
			free(name);
			return rc;
		}
	}
	if (only) {
		ok |= qualify_pers(name, &re, p, set);
	} else {
		for (p = P64; p < NPERS; p++)
			ok |= qualify_pers(name, &re, p, set);
	}
	rc = ok ? 0 : bad_syscall(tok, name, err, errlen);
	if (*name == '/')
		regfree(&re);
	free(name);
	return rc;
}
