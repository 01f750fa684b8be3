#!/bin/sh
# OTLP figures (issue 13) alone: the OTLP rows of make bench and what they are compared with.
#   tests/otlp/bench.sh [BUILD]
# - export of the 1M-call storm's .rnt with --otlp-spans all: spans/s, spans not delivered,
#   renacerctl's CPU (the storm is traced with -o .rnt first, as in the full bench);
# - trace --otlp (default policy) beside -o .txt without it, on the 1M storm and the
#   real-program workloads (/bin/true, python3, find, tar, gcc, the sort pipeline).
# The bench starts tests/otlp/receiver.js around each run; BENCH_RUNS applies.
# Needs root (BPF), node and the receiver's packages (scripts/install-deps.sh).
set -eu
export BENCH_ONLY="storm 1M (1 thread),storm 1M trace,/bin/true,python3,find /usr,tar cf,gcc -O2,sort -n"
export BENCH_TRACERS="renacerctl -f -o .txt,renacerctl -f -o .rnt,export"
exec sh "$(dirname "$0")/../bench/run.sh" "${1:-build}"
