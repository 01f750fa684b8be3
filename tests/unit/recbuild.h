/* SPDX-License-Identifier: MIT */
/*
 * Test helper: builds a fake syscall record (struct rn_sys_rec plus payload items)
 * in a buffer, the way BPF lays one out in the ring, so formatters can be tested
 * without the kernel. Usage:
 *	struct rn_recbuild b;
 *	rn_recbuild__init(&b, __NR_openat, 3, (__u64[6]){ -100, 0x1000, O_RDONLY });
 *	rn_recbuild__str(&b, 1, "/etc/passwd");
 *	struct rn_event ev = rn_recbuild__event(&b);
 */
#ifndef RENACER_TESTS_RECBUILD_H
#define RENACER_TESTS_RECBUILD_H

#include <stdint.h>
#include <string.h>

#include "event.h"

struct rn_recbuild {
	_Alignas(8) unsigned char buf[RN_REC_MAX];
	_Alignas(8) unsigned char enter[RN_REC_MAX];
	struct rn_sys_rec *rec;
	struct rn_sys_rec *enter_rec; /* NULL until an item is added with rn_recbuild__enter_item */
};

static inline void rn_recbuild__init(struct rn_recbuild *b, int nr, int64_t ret, const __u64 *args)
{
	memset(b->buf, 0, sizeof(struct rn_sys_rec));
	b->rec = (struct rn_sys_rec *)b->buf;
	b->enter_rec = NULL;
	b->rec->h.kind = RN_REC_SYSCALL;
	b->rec->h.size = sizeof(struct rn_sys_rec);
	b->rec->h.tgid = b->rec->h.tid = 4242;
	b->rec->nr = nr;
	b->rec->ret = ret;
	b->rec->enter_ns = 1000;
	b->rec->exit_ns = 2000;
	if (args)
		memcpy(b->rec->args, args, sizeof(b->rec->args));
}

static inline void rn_recbuild__noreturn(struct rn_recbuild *b)
{
	b->rec->h.flags |= RN_RF_NORETURN;
	b->rec->exit_ns = 0;
}

static inline void rn_recbuild__add(struct rn_sys_rec *rec, unsigned arg, unsigned idx,
				    unsigned flags, const void *data, uint32_t len)
{
	struct rn_item *it = (struct rn_item *)((unsigned char *)rec + rec->h.size);

	it->arg = (__u8)arg;
	it->idx = (__u8)idx;
	it->flags = (__u8)flags;
	it->kind = 0;
	it->len = len;
	if (len)
		memcpy(it + 1, data, len);
	memset((unsigned char *)(it + 1) + len, 0, rn_item__padded(len) - len);
	rec->h.size += (__u32)(sizeof(*it) + rn_item__padded(len));
}

/* Adds an item to the exit record: `len` bytes of `data` for argument `arg`, sub-item `idx`. */
static inline void rn_recbuild__item(struct rn_recbuild *b, unsigned arg, unsigned idx,
				     unsigned flags, const void *data, uint32_t len)
{
	rn_recbuild__add(b->rec, arg, idx, flags, data, len);
}

/* Adds an item to the enter record (execve argv), creating that record on first use. */
static inline void rn_recbuild__enter_item(struct rn_recbuild *b, unsigned arg, unsigned idx,
					   unsigned flags, const void *data, uint32_t len)
{
	if (!b->enter_rec) {
		memcpy(b->enter, b->buf, sizeof(struct rn_sys_rec));
		b->enter_rec = (struct rn_sys_rec *)b->enter;
		b->enter_rec->h.kind = RN_REC_ENTER;
		b->enter_rec->h.size = sizeof(struct rn_sys_rec);
		b->rec->h.flags |= RN_RF_HAS_ENTER;
	}
	rn_recbuild__add(b->enter_rec, arg, idx, flags, data, len);
}

/* A string item (without its NUL, as RN_CAP_STR captures it). */
static inline void rn_recbuild__str(struct rn_recbuild *b, unsigned arg, const char *s)
{
	rn_recbuild__item(b, arg, 0, 0, s, (uint32_t)strlen(s));
}

static inline void rn_recbuild__u32(struct rn_recbuild *b, unsigned arg, unsigned idx, uint32_t v)
{
	rn_recbuild__item(b, arg, idx, 0, &v, sizeof(v));
}

static inline struct rn_event rn_recbuild__event(const struct rn_recbuild *b)
{
	struct rn_event ev = {b->rec, b->enter_rec};

	return ev;
}

#endif
