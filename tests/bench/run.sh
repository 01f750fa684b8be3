#!/bin/sh
# make bench: every tracer on every workload, one table (issue 5). Builds the driver
# (tests/bench/bench*.c) and runs it; the table goes to stdout and build/bench/results.md,
# the details to build/bench/results.json.
#   BENCH_RUNS=N       runs per cell, medians reported (default 3)
#   BENCH_SLOW_RUNS=N  runs of strace / perf trace / .json writers on the 1M storms (default 1)
#   BENCH_ONLY=TEXT    only the workloads whose name contains TEXT (TEXT,TEXT,...: any of them)
#   BENCH_TRACERS=TEXT only the tracers whose name contains TEXT (likewise), and the untraced run
# The OTLP rows start tests/otlp/receiver.js (node) around each run; without node or its
# packages (scripts/install-deps.sh) they say "not available" and the bench goes on.
set -eu
build=${1:-build}
out=$build/bench
mkdir -p "$out"
cc -O2 -Wall -Wextra -D_GNU_SOURCE tests/bench/bench.c tests/bench/bench_measure.c \
	tests/bench/bench_report.c tests/bench/bench_workloads.c -o "$build/bench_driver"
set -- -r "${BENCH_RUNS:-3}" -s "${BENCH_SLOW_RUNS:-1}" -o "$out"
if [ -n "${BENCH_ONLY:-}" ]; then
	set -- "$@" -w "$BENCH_ONLY"
fi
if [ -n "${BENCH_TRACERS:-}" ]; then
	set -- "$@" -t "$BENCH_TRACERS"
fi
"$build/bench_driver" "$@" "$build" | tee "$out/results.md"
