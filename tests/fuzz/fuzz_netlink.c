/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for lib/decode/format_netlink.c, which decodes netlink buffers read from
 * trace files. Input: a byte choosing the protocol (NETLINK_ROUTE, SOCK_DIAG, unknown...) and
 * -v (its top bit), a byte choosing -s, -x and how much of the buffer was captured, then the
 * buffer.
 * Build: make fuzz-build. Run: build/fuzz/fuzz_netlink -max_total_time=60 CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int protos[] = {0, 4, -1, 9, 16, 6, 15, 12};
	static const uint64_t none[8]; /* -v: no call abbreviated */
	struct rn_strbuf sb = {0};
	struct rn_fmt_opts o = {0};
	size_t have, len;

	if (size < 2)
		return 0;
	o.strsize = 1 + (data[1] & 0x3f);
	o.hex = (data[1] >> 6) & 1;
	if (data[0] & 0x80)
		o.abbrev = none;
	have = size - 2;
	/* the top bit: the call moved more bytes than were captured */
	len = (data[1] & 0x80) ? have + 64 : have;
	rn_format__netlink(&sb, protos[(data[0] & 0x7f) % 8], data + 2, have, len, &o);
	if (sb.buf && strlen(sb.buf) != sb.len)
		__builtin_trap();
	rn_strbuf__free(&sb);
	return 0;
}
