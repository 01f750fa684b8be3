/* SPDX-License-Identifier: MIT */
/*
 * Synthetic traces for the effects and compare tests: calls by name with raw arguments,
 * a result and captures, fed to an effects sink one by one.
 */
#ifndef RENACER_TEST_FX_BUILD_H
#define RENACER_TEST_FX_BUILD_H

#include <criterion/criterion.h>
#include <string.h>

#include "effects.h"

struct fxb {
	struct rn_effects *fx;
	struct rn_tr_sink s;
	uint64_t id;
};

/* A trace whose header says the root started in cwd (NULL: an older trace, no directory). */
static inline void fxb_begin_in(struct fxb *b, const struct rn_fx_opts *o, const char *cwd)
{
	struct rn_tr_header h = {.format_version = RN_TRACE_VERSION, .cwd = cwd};

	memset(b, 0, sizeof(*b));
	cr_assert_eq(rn_effects__new(&b->fx, o), 0);
	rn_effects__sink(b->fx, &b->s);
	cr_assert_eq(b->s.header(b->s.ctx, &h), 0);
}

static inline void fxb_begin(struct fxb *b, const struct rn_fx_opts *o)
{
	struct rn_tr_header h = {.format_version = RN_TRACE_VERSION};

	memset(b, 0, sizeof(*b));
	cr_assert_eq(rn_effects__new(&b->fx, o), 0);
	rn_effects__sink(b->fx, &b->s);
	cr_assert_eq(b->s.header(b->s.ctx, &h), 0);
}

/* One call: name, pid, raw args (up to 6), result, and up to 2 captures (arg, data, len). */
static inline uint64_t fxb_call(struct fxb *b, uint32_t pid, const char *name, int64_t result,
				const uint64_t *raw, uint32_t cap_arg, const char *cap,
				int64_t cap_len, uint32_t cap2_arg, const char *cap2)
{
	struct rn_tr_capture caps[2];
	const char *args[6] = {"", "", "", "", "", ""};
	struct rn_tr_event e = {
	    .id = ++b->id,
	    .kind = RN_TR_SYSCALL,
	    .pid = pid,
	    .tid = pid,
	    .nr = -1,
	    .name = name,
	    .nargs = 6,
	    .args = args,
	    .result = result,
	    .result_text = "0",
	    .lamport = b->id,
	    .caps = caps,
	};

	if (raw)
		memcpy(e.raw_args, raw, sizeof(e.raw_args));
	if (cap) {
		uint32_t len = cap_len >= 0 ? (uint32_t)cap_len : (uint32_t)strlen(cap);

		caps[e.ncaps++] = (struct rn_tr_capture){cap_arg,
							 0,
							 (const uint8_t *)cap,
							 len,
							 (uint64_t)(result > len ? result : len),
							 cap_len >= 0 && result > (int64_t)len};
	}
	if (cap2)
		caps[e.ncaps++] = (struct rn_tr_capture){
		    cap2_arg,	  0,	(const uint8_t *)cap2, (uint32_t)strlen(cap2),
		    strlen(cap2), false};
	cr_assert_eq(b->s.event(b->s.ctx, &e), 0);
	return e.id;
}

#define RAW(...) ((const uint64_t[6]){__VA_ARGS__})

static inline void fxb_write(struct fxb *b, uint32_t pid, uint64_t fd, const char *data)
{
	fxb_call(b, pid, "write", (int64_t)strlen(data), RAW(fd, 0, strlen(data)), 1, data, -1, 0,
		 NULL);
}

/* A thread's end or a signal's delivery (RN_TR_EXIT, RN_TR_SIGNAL): its id. */
static inline uint64_t fxb_mark(struct fxb *b, uint32_t pid, enum rn_tr_kind kind)
{
	const char *args[1] = {"{}"};
	struct rn_tr_event e = {.id = ++b->id,
				.kind = kind,
				.pid = pid,
				.tid = pid,
				.nr = -1,
				.name = kind == RN_TR_EXIT ? "exit" : "SIGUSR1",
				.nargs = kind == RN_TR_EXIT ? 0 : 1,
				.args = args,
				.result_text = "?",
				.lamport = b->id};

	cr_assert_eq(b->s.event(b->s.ctx, &e), 0);
	return e.id;
}

/* A causal edge between two events of the trace (ids from fxb_call). */
static inline void fxb_edge(struct fxb *b, enum rn_tr_edge_kind kind, uint64_t from, uint64_t to)
{
	struct rn_tr_edge e = {kind, from, to};

	cr_assert_eq(b->s.edge(b->s.ctx, &e), 0);
}

static inline void fxb_exit(struct fxb *b, uint32_t pid, uint32_t ppid, int32_t status)
{
	struct rn_tr_process p = {.pid = pid, .ppid = ppid, .ended = true, .wait_status = status};

	cr_assert_eq(b->s.process(b->s.ctx, &p), 0);
}

static inline const struct rn_fx_model *fxb_end(struct fxb *b)
{
	struct rn_tr_stats st = {.wall_ns = 1000000};

	cr_assert_eq(b->s.finish(b->s.ctx, &st), 0);
	return rn_effects__model(b->fx);
}

#endif
