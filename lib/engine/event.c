// SPDX-License-Identifier: MIT
#include "event.h"

#include <stdio.h>

const struct rn_item *rn_rec__next_item(const struct rn_sys_rec *rec, const struct rn_item *it)
{
	const char *base = (const char *)rec;
	const char *end = base + rec->h.size;
	const char *p;

	if (!it)
		p = base + sizeof(*rec);
	else
		p = (const char *)rn_item__data(it) + rn_item__padded(it->len);
	if (p + sizeof(struct rn_item) > end)
		return NULL;
	it = (const struct rn_item *)p;
	if ((const char *)rn_item__data(it) + it->len > end)
		return NULL;
	return it;
}

static const struct rn_item *find_item(const struct rn_sys_rec *rec, unsigned arg, unsigned idx)
{
	const struct rn_item *it = NULL;

	if (!rec)
		return NULL;
	while ((it = rn_rec__next_item(rec, it)))
		if (it->arg == arg && it->idx == idx)
			return it;
	return NULL;
}

const struct rn_item *rn_event__item(const struct rn_event *ev, unsigned arg, unsigned idx)
{
	const struct rn_item *it = find_item(ev->rec, arg, idx);

	return it ? it : find_item(ev->enter, arg, idx);
}

/* The calls whose exit BPF checks (bpf/creds.bpf.h changes_creds; keep in sync). */
static const char *cred_call(uint32_t nr)
{
	switch (nr) {
	case 105:
		return "setuid";
	case 106:
		return "setgid";
	case 113:
		return "setreuid";
	case 114:
		return "setregid";
	case 117:
		return "setresuid";
	case 119:
		return "setresgid";
	case 122:
		return "setfsuid";
	case 123:
		return "setfsgid";
	case 126:
		return "capset";
	}
	return "a call that changes credentials";
}

int rn_proc__leave_text(const struct rn_proc_rec *r, char *buf, size_t len)
{
	bool exec = r->other_tgid == RN_LEAVE_AT_EXEC;
	const char *why, *at;

	switch (r->code) {
	case RN_LEAVE_IDS:
		why = exec ? "its user or group ids changed (a setuid/setgid program)"
			   : "its user or group ids changed";
		break;
	case RN_LEAVE_CAPS:
		why = exec ? "it gained capabilities (a program with file capabilities)"
			   : "it gained capabilities";
		break;
	case RN_LEAVE_NODUMP:
		why = "it is not dumpable";
		break;
	default:
		why = "its credentials changed";
		break;
	}
	switch (r->other_tgid) {
	case RN_LEAVE_AT_EXEC:
		at = "at execve";
		break;
	case RN_LEAVE_AT_SYSCALL:
		at = cred_call(r->other_tid);
		break;
	default:
		at = "at its first traced call";
		break;
	}
	return snprintf(buf, len, "pid %u left the trace %s%s: %s; " RN_TRACE_RULE, r->h.tgid,
			r->other_tgid == RN_LEAVE_AT_SYSCALL ? "at " : "", at, why);
}
