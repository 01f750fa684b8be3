/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the control socket's input side. Build: make fuzz-build (the
 * Makefile's FUZZ_LINK_frame lists what it links).
 * Run: build/fuzz/fuzz_frame -max_total_time=300 -max_len=70000 CORPUS_DIR
 *
 * Each input is a byte stream from a client. It goes through rn_frame__split and the
 * Request/Reply decoders directly, then through renacerd's own request path (server.c and
 * client.c: rn_conn__next, unpack, validation, limits, authorization, sessions, pausing a
 * client whose replies pile up) over a socketpair, with the BPF engine stubbed out. The
 * first byte picks the caller: even root, odd an ordinary uid.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon.h"
#include "frame.h"
#include "log.h"
#include "renacer/v1/control.pb-c.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* lib/util/log.c pulls in libbpf; the daemon's messages are noise here */
int rn_log_level = -1;
const char *rn_log_prog = "fuzz_frame";

void rn_log__emit(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
}

/* renacerd --system-wide (daemon/system.c), stubbed: never on here. */
void system__reply_stats(struct rnd_daemon *d, struct rnd_client *cl, uint64_t id)
{
	client__send_error(d, cl, id, ENOTSUP, "not in system-wide mode");
}

/* The engine, stubbed: every target is accepted, nothing is ever read from a ring. */
int rn_engine__add_target(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session)
{
	(void)e, (void)flags, (void)session;
	return tgid > 0 ? 0 : -EINVAL;
}

int rn_engine__add_target_for(struct rn_engine *e, pid_t tgid, uint32_t flags, uint32_t session,
			      uid_t uid, gid_t gid)
{
	(void)uid, (void)gid;
	return rn_engine__add_target(e, tgid, flags, session);
}

static bool stub_attached;

int rn_engine__attach(struct rn_engine *e)
{
	(void)e;
	stub_attached = true;
	return 0;
}

void rn_engine__detach(struct rn_engine *e)
{
	(void)e;
	stub_attached = false;
}

bool rn_engine__attached(const struct rn_engine *e)
{
	(void)e;
	return stub_attached;
}

int rn_engine__remove_session(struct rn_engine *e, uint32_t session)
{
	(void)e, (void)session;
	return 0;
}

int rn_engine__count_targets(struct rn_engine *e, uint32_t session)
{
	(void)e, (void)session;
	return 1;
}

int rn_engine__drain(struct rn_engine *e)
{
	(void)e;
	return 0;
}

int rn_engine__ring_fill(struct rn_engine *e, uint64_t *used, uint64_t *sz)
{
	(void)e;
	*used = 0;
	*sz = 4096;
	return 0;
}

int rn_engine__counters_percpu(struct rn_engine *e, uint64_t *out, int max_cpus)
{
	(void)e;
	if (max_cpus < 2)
		return 0;
	memset(out, 0, 2 * RN_CNT__MAX * sizeof(*out));
	return 2;
}

/* renacerd's own recording (daemon/record.c), stubbed: no session is recorded here. */
struct rnd_record *record__new(struct rnd_daemon *d, uint64_t id, bool watched)
{
	(void)d, (void)id, (void)watched;
	return NULL;
}

void record__add_root(struct rnd_record *r, uint32_t pid)
{
	(void)r, (void)pid;
}

void record__raw(struct rnd_record *r, const void *data, size_t size)
{
	(void)r, (void)data, (void)size;
}

void record__discard(struct rnd_record *r)
{
	(void)r;
}

void record__finish(struct rnd_daemon *d, struct rnd_record *r, uint64_t lost, bool whole,
		    struct rnd_verdict *v)
{
	(void)d, (void)r, (void)lost, (void)whole, (void)v;
}

bool record__otlp_stats(const struct rnd_daemon *d, uint64_t *sent, uint64_t *dropped, char *url,
			size_t ulen, char *last_err, size_t elen)
{
	(void)d, (void)sent, (void)dropped, (void)url, (void)ulen, (void)last_err, (void)elen;
	return false;
}

/* True when m or a message inside it kept fields it does not know. */
static bool has_unknown(const ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *desc = m->descriptor;

	if (m->n_unknown_fields)
		return true;
	for (unsigned i = 0; i < desc->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &desc->fields[i];
		const ProtobufCMessage *sub;

		if (f->type != PROTOBUF_C_TYPE_MESSAGE || f->label == PROTOBUF_C_LABEL_REPEATED)
			continue;
		sub = *(ProtobufCMessage *const *)((const char *)m + f->offset);
		if (sub && has_unknown(sub))
			return true;
	}
	return false;
}

static void check_split(const uint8_t *data, size_t size)
{
	size_t off = 0;

	for (;;) {
		long n = rn_frame__split(data + off, size - off, RN_FRAME_MAX_REQUEST);
		Renacer__V1__Request *rq;
		Renacer__V1__Reply *rp;

		if (n == 0 || n == -EMSGSIZE)
			return;
		/* a whole frame: header included, inside the buffer, within the cap */
		if (n < 4 || (size_t)n > size - off || (size_t)n - 4 > RN_FRAME_MAX_REQUEST)
			__builtin_trap();
		rq = renacer__v1__request__unpack(NULL, (size_t)n - 4, data + off + 4);
		/* unknown fields are kept as read, field number 0 included, which protobuf-c
		 * then packs into bytes it refuses: the daemon never re-encodes a request */
		if (rq && !has_unknown(&rq->base)) {
			/* what decodes must encode again, and decode to the same size */
			size_t len = protobuf_c_message_get_packed_size(&rq->base);
			uint8_t *buf = malloc(len + 1);
			Renacer__V1__Request *again;

			if (!buf || protobuf_c_message_pack(&rq->base, buf) != len)
				__builtin_trap();
			again = renacer__v1__request__unpack(NULL, len, buf);
			if (!again || protobuf_c_message_get_packed_size(&again->base) != len)
				__builtin_trap();
			renacer__v1__request__free_unpacked(again, NULL);
			free(buf);
		}
		if (rq)
			renacer__v1__request__free_unpacked(rq, NULL);
		/* the client decodes the daemon's frames with the same framing */
		rp = renacer__v1__reply__unpack(NULL, (size_t)n - 4, data + off + 4);
		if (rp)
			renacer__v1__reply__free_unpacked(rp, NULL);
		off += (size_t)n;
	}
}

/* Feeds the stream to renacerd's request path until it drops the client. */
static void run_daemon(const uint8_t *data, size_t size, bool root)
{
	struct rnd_daemon d = {.listen_fd = -1, .epfd = -1, .sigfd = -1};
	static char engine_token;
	struct ucred peer = {.pid = getpid(), .uid = root ? 0 : 4242, .gid = root ? 0 : 4242};
	struct rnd_client *cl;
	char sink[65536];
	size_t off = 0;
	int sv[2], turns;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv))
		return;
	d.eng = (struct rn_engine *)&engine_token;
	d.cfg.snaplen = RN_CAPTURE_DEFAULT;
	d.cfg.max_sessions = 4;
	d.cfg.max_sessions_per_uid = 2;
	d.cfg.max_connections = d.cfg.max_connections_per_uid = 4;
	/* small, so that replies pile up past them and the client is paused and resumed */
	d.cfg.max_queued_bytes = d.cfg.max_queued_bytes_per_uid = 4096;
	d.cfg.frame_timeout = 1;
	d.config_path = "renacerd.toml";
	cl = client__new(&d, sv[0], &peer);
	if (!cl)
		abort();
	for (turns = 0; d.clients && turns < 10000; turns++) {
		ssize_t n = off < size ? write(sv[1], data + off, size - off) : 0;

		if (n > 0)
			off += (size_t)n;
		if (off == size)
			shutdown(sv[1], SHUT_WR);
		server__client_event(&d, cl, EPOLLIN | (turns & 1 ? EPOLLOUT : 0));
		/* the client reads only now and then: its replies pile up meanwhile */
		if (turns % 4 == 3)
			while (read(sv[1], sink, sizeof(sink)) > 0)
				;
		if (d.clients)
			server__tick(&d);
	}
	if (d.clients) /* the daemon must drop a client whose stream ended */
		__builtin_trap();
	if (d.uids) /* the per-uid counts go with the last connection */
		__builtin_trap();
	if (session__count(&d)) /* every session of a dropped client ends */
		__builtin_trap();
	close(sv[1]);
	session__free_all(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	check_split(data + 1, size - 1);
	run_daemon(data + 1, size - 1, !(data[0] & 1));
	return 0;
}
