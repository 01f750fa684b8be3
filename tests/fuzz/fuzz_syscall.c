/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the syscall formatters (lib/decode/format*.c), which print what BPF
 * copied from a traced process's memory: bytes the process chose. Input: the syscall number
 * (2 bytes; the top bit makes it an i386 call), a byte of options (-s, -x, -v, a failed or a
 * never-returning call), the six arguments (8 bytes each), then items as BPF lays them out:
 * argument, sub-item, length (2 bytes), data.
 * Build: make fuzz-build. Run: build/fuzz/fuzz_syscall -max_total_time=60 CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../unit/recbuild.h"
#include "format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint64_t none[RN_MAX_SYSCALLS / 64]; /* -v: no call abbreviated */
	static struct rn_recbuild b;
	struct rn_strbuf sb = {0};
	struct rn_fmt_opts o = {0};
	__u64 args[6] = {0};
	struct rn_event ev;
	uint16_t nr;
	int64_t ret;
	size_t at = 3 + sizeof(args);

	if (size < at)
		return 0;
	memcpy(&nr, data, 2);
	memcpy(args, data + 3, sizeof(args));
	ret = (data[2] & 0x10) ? -(int64_t)(data[2] & 0x0f) - 1 : (int64_t)(args[5] & 0xffff);
	rn_recbuild__init(&b, (nr & 0x8000) ? RN_NR_COMPAT | (nr & 0x1ff) : nr % RN_MAX_SYSCALLS,
			  ret, args);
	if (data[2] & 0x20)
		rn_recbuild__noreturn(&b);
	o.strsize = (data[2] & 0x40) ? RN_FMT_STRSIZE_ZERO : 1 + (data[2] & 0x0f) * 4;
	o.hex = (data[2] >> 7) & 1;
	if (data[2] & 0x01)
		o.abbrev = none;
	while (at + 4 <= size) {
		uint16_t len;

		memcpy(&len, data + at + 2, 2);
		if (len > size - at - 4)
			len = (uint16_t)(size - at - 4);
		if (b.rec->h.size + sizeof(struct rn_item) + len + 8 > RN_REC_MAX)
			break;
		rn_recbuild__item(&b, data[at] % RN_NR_ARGS, data[at + 1], 0, data + at + 4, len);
		at += 4 + (size_t)len;
	}
	ev = rn_recbuild__event(&b);
	rn_format__call(&sb, &ev, &o);
	rn_strbuf__putc(&sb, ' ');
	rn_format__result(&sb, &ev, &o);
	if (sb.buf && strlen(sb.buf) != sb.len)
		__builtin_trap();
	rn_strbuf__free(&sb);
	return 0;
}
