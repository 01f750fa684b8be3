#!/bin/sh
# The issue-2 figure: a 10-million-syscall loop (5M getppid + 5M write to /dev/null)
# untraced, traced by renacerctl to a file at the default ring size, and under strace,
# in one run. Prints wall times, the ratio to untraced, and the events renacer lost.
# Usage: tests/bench/storm10m.sh [BUILD] [PAIRS]
set -eu
build=${1:-build}
pairs=${2:-5000000}
storm=$build/fixtures/storm
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

now() { date +%s.%N; }
timeit() { t0=$(now); "$@"; t1=$(now); echo "$t1 - $t0" | bc; }

echo "machine: $(nproc) cores, $(uname -r); storm: $pairs x (getppid + write)"
untraced=$(timeit "$storm" "$pairs")
renacer=$(timeit "$build/renacerctl" trace -o "$out/r.txt" -- "$storm" "$pairs" 2>"$out/r.err")
lines=$(grep -c -E '^(getppid|write)\(' "$out/r.txt" || true)
strace_t=$(timeit strace -o "$out/s.txt" "$storm" "$pairs")
printf '%-28s %9s s\n' "untraced" "$untraced"
printf '%-28s %9s s  %6.2fx\n' "renacerctl trace -o FILE" "$renacer" "$(echo "$renacer / $untraced" | bc -l)"
printf '%-28s %9s s  %6.2fx\n' "strace -o FILE" "$strace_t" "$(echo "$strace_t / $untraced" | bc -l)"
echo "renacer: $lines of $((pairs * 2)) loop calls written; stderr: $(cat "$out/r.err")"
