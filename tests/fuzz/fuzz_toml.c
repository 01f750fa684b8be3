/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for lib/util/toml.c: parse, walk every value, free.
 * Build: make fuzz-build. Run: build/fuzz/fuzz_toml -max_total_time=120 -max_len=4096 CORPUS_DIR
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches every accessor so a tree the parser built wrongly shows up under ASan. */
static size_t walk(const struct rn_toml *v)
{
	size_t n = 1, i;
	int64_t iv;
	double f;
	bool b;

	switch (rn_toml__type(v)) {
	case RN_TOML_TABLE:
		for (i = 0; i < rn_toml__len(v); i++) {
			const char *key = rn_toml__key_at(v, i);

			if (rn_toml__get(v, key) != rn_toml__value_at(v, i))
				__builtin_trap();
			n += strlen(key) + walk(rn_toml__value_at(v, i));
		}
		break;
	case RN_TOML_ARRAY:
		for (i = 0; i < rn_toml__len(v); i++)
			n += walk(rn_toml__at(v, i));
		break;
	case RN_TOML_STRING:
		n += strlen(rn_toml__string(v));
		break;
	case RN_TOML_INT:
		n += !rn_toml__int(v, &iv) && iv > 0;
		break;
	case RN_TOML_FLOAT:
		n += !rn_toml__float(v, &f) && f > 0;
		break;
	case RN_TOML_BOOL:
		n += !rn_toml__bool(v, &b) && b;
		break;
	case RN_TOML_NONE:
		__builtin_trap();
	}
	return n + rn_toml__line(v) + rn_toml__col(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rn_error err;
	struct rn_toml *t = rn_toml__parse((const char *)data, size, "fuzz.toml", &err);

	if (!t && !memchr(err.msg, ':', sizeof(err.msg)))
		__builtin_trap(); /* every failure must say where */
	if (t)
		walk(t);
	rn_toml__free(t);
	return 0;
}
