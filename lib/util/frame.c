// SPDX-License-Identifier: MIT
#include "frame.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define HDR 4
/* An output buffer above this is freed once drained, so one burst does not pin memory. */
#define OUT_KEEP (1u << 20)

void rn_conn__init(struct rn_conn *c, int fd, size_t max_in)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->max_in = max_in;
}

void rn_conn__release(struct rn_conn *c)
{
	if (!c)
		return;
	rn_strbuf__free(&c->in);
	rn_strbuf__free(&c->out);
}

long rn_frame__split(const void *buf, size_t len, size_t max)
{
	const uint8_t *p = buf;
	uint32_t n;

	if (len < HDR)
		return 0;
	n = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	if (n > max)
		return -EMSGSIZE;
	return len - HDR >= n ? (long)(HDR + n) : 0;
}

int rn_conn__next(struct rn_conn *c, const uint8_t **payload, size_t *len)
{
	long whole;
	ssize_t got;

	/* drop the frame handed out last time */
	if (c->in_used) {
		memmove(c->in.buf, c->in.buf + c->in_used, c->in.len - c->in_used);
		c->in.len -= c->in_used;
		c->in_used = 0;
	}
	for (;;) {
		whole = rn_frame__split(c->in.buf, c->in.len, c->max_in);
		if (whole < 0)
			return (int)whole;
		if (whole > 0) {
			*payload = (const uint8_t *)c->in.buf + HDR;
			*len = (size_t)whole - HDR;
			c->in_used = (size_t)whole;
			return 1;
		}
		if (rn_strbuf__reserve(&c->in, 65536))
			return -ENOMEM;
		got = read(c->fd, c->in.buf + c->in.len, c->in.cap - c->in.len - 1);
		if (got == 0)
			return -EPIPE;
		if (got < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -errno;
		c->in.len += (size_t)got;
	}
}

int rn_conn__queue(struct rn_conn *c, const ProtobufCMessage *m)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t hdr[HDR] = {(uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n};

	if (n > RN_FRAME_MAX_REPLY)
		return -EMSGSIZE;
	/* a reader that never quite catches up would otherwise grow the buffer forever */
	if (c->out_off && c->out_off >= c->out.len / 2) {
		memmove(c->out.buf, c->out.buf + c->out_off, c->out.len - c->out_off);
		c->out.len -= c->out_off;
		c->out_off = 0;
	}
	if (rn_strbuf__reserve(&c->out, n + HDR))
		return -ENOMEM;
	rn_strbuf__append(&c->out, hdr, HDR);
	protobuf_c_message_pack(m, (uint8_t *)c->out.buf + c->out.len);
	c->out.len += n;
	return 0;
}

int rn_conn__flush(struct rn_conn *c)
{
	while (c->out_off < c->out.len) {
		ssize_t n = write(c->fd, c->out.buf + c->out_off, c->out.len - c->out_off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN || errno == EWOULDBLOCK ? 1 : -errno;
		}
		c->out_off += (size_t)n;
	}
	c->out.len = c->out_off = 0;
	if (c->out.cap > OUT_KEEP)
		rn_strbuf__free(&c->out);
	return 0;
}

size_t rn_conn__pending(const struct rn_conn *c)
{
	return c->out.len - c->out_off;
}

size_t rn_conn__buffered(const struct rn_conn *c)
{
	return c->in.len - c->in_used;
}
