#!/bin/sh
# make bench: the benchmarks that exist so far, one after the other, results kept in
# build/bench/. (Issue 5 grows this into one table over all workloads and tracers.)
#  - the syscall storm: untraced, renacerctl to a file, strace to a file (PAIRS x
#    getppid+write; default 1M pairs so strace finishes in about two minutes)
#  - the .rnt format: bytes per event against JSON, write and read rates
set -eu
build=${1:-build}
pairs=${PAIRS:-1000000}
out=$build/bench
mkdir -p "$out"
cc -O2 -D_GNU_SOURCE -I"$build/gen" -Ilib tests/bench/read_bench.c "$build/librenacer.a" \
	-lprotobuf-c -ljansson -lz -o "$build/read_bench"
{
	echo "== syscall storm ($pairs pairs) =="
	tests/bench/storm10m.sh "$build" "$pairs"
	echo
	echo "== .rnt format (1M events) =="
	"$build/read_bench" 1000000 "$out"
} | tee "$out/results.txt"
