/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the JSON Lines side of the renacer-json-v1 reader: the same reader
 * and checks as fuzz_json.c (the reader tells the encodings apart by the first line), fed
 * from the JSON Lines seeds in tests/fuzz/corpus/jsonl (real traces, one cut short).
 * Run: build/fuzz/fuzz_jsonl -max_total_time=600 tests/fuzz/corpus/jsonl.
 */
#include "fuzz_json.c"
