// SPDX-License-Identifier: MIT
#include "trace.h"

#include <string.h>

static const char *const edge_names[] = {
    [RN_EDGE_FORK] = "fork", [RN_EDGE_EXEC] = "exec",	  [RN_EDGE_WAIT] = "wait",
    [RN_EDGE_PIPE] = "pipe", [RN_EDGE_SIGNAL] = "signal",
};

static const char *const kind_names[] = {
    [RN_TR_SYSCALL] = "syscall",
    [RN_TR_SIGNAL] = "signal",
    [RN_TR_EXIT] = "exit",
};

static int lookup(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *rn_tr_edge_kind__name(enum rn_tr_edge_kind k)
{
	return (unsigned)k < sizeof(edge_names) / sizeof(edge_names[0]) ? edge_names[k] : "?";
}

int rn_tr_edge_kind__parse(const char *s)
{
	return lookup(edge_names, sizeof(edge_names) / sizeof(edge_names[0]), s);
}

const char *rn_tr_kind__name(enum rn_tr_kind k)
{
	return (unsigned)k < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[k] : "?";
}

int rn_tr_kind__parse(const char *s)
{
	return lookup(kind_names, sizeof(kind_names) / sizeof(kind_names[0]), s);
}
