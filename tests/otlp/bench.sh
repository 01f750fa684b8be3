#!/bin/bash
# OTLP figures (issue 13), by hand until make bench runs them: tests/otlp/bench.sh [BUILD]
#  1. export rate: a 1M-syscall storm trace sent by `renacerctl export --otlp-spans all` to
#     tests/otlp/receiver.js in count-only mode: spans/s end to end, spans dropped, CPU;
#  2. the cost of `trace --otlp` (default policy) against the same trace without it, on the
#     1M storm and on a mix (the bench's sort pipeline and tar of /usr/include): median
#     wall and user+system CPU of OTLP_RUNS runs (default 3).
# Needs root (BPF), node and the receiver's packages (scripts/install-deps.sh).
set -eu
build=${1:-build}
runs=${OTLP_RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d /tmp/rn-otlp-bench-XXXXXX)
trap 'kill "$recv" 2>/dev/null || true; rm -rf "$tmp"' EXIT
ctl="$build/renacerctl"

node "$here/receiver.js" --out "$tmp/count.json" --port-file "$tmp/port" --count-only \
	2>"$tmp/receiver.err" &
recv=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$tmp/port")"

# wall user+sys of one command, in seconds
measure() {
	local TIMEFORMAT='%R %U %S'
	{ time "$@" >/dev/null 2>"$tmp/last.err"; } 2>&1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}
median() { sort -n | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }

"$ctl" trace -f -o "$tmp/storm.rnt" -- "$build/fixtures/storm" 500000 >/dev/null 2>&1
before=$(cat "$tmp/count.json" 2>/dev/null || echo '{"spans":0}')
read -r wall cpu < <(measure "$ctl" export "$tmp/storm.rnt" --otlp "$url" --otlp-spans all)
got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["spans"] - json.loads(sys.argv[2])["spans"])' \
	"$tmp/count.json" "$before")
echo "| export, 1M-call storm, --otlp-spans all | $got spans in $wall s = $(awk -v n="$got" -v t="$wall" 'BEGIN { printf "%.0f", n / t }') spans/s | renacerctl CPU $cpu s | $(grep -o '[0-9]* of [0-9]* spans not delivered' "$tmp/last.err" || echo '0 dropped') |"

row() {
	local name=$1
	shift
	local a b
	a=$(for _ in $(seq "$runs"); do measure "$ctl" trace -f -o "$tmp/x.txt" -- "$@"; done | median)
	b=$(for _ in $(seq "$runs"); do measure "$ctl" trace -f -o "$tmp/x.txt" --otlp "$url" -- "$@"; done | median)
	echo "| $name | without: wall/CPU $a s | --otlp: wall/CPU $b s |"
}
row "storm 1M" "$build/fixtures/storm" 500000
row "sort pipeline" /bin/sh -c 'seq 1 200000 | sort -n | uniq -c | wc -l'
row "tar /usr/include" tar -C / -cf /dev/null usr/include
