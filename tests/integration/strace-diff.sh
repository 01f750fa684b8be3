#!/bin/sh
# Prints the strace differential table (strace vs renacerctl, per process, masked) by
# running the integ_strace_diff Criterion test, which prints it to stderr.
# Usage: tests/integration/strace-diff.sh [BUILD_DIR]
#   RENACER_DIFF_SHOW=N   mismatching line pairs listed (default 10)
#   RENACER_TRACER=strace compare strace with itself (checks the masking, no BPF needed)
set -e
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
make --no-print-directory BUILD="$BUILD" all fixtures "$BUILD/tests/renacer-tests" >&2
RENACER_BUILD=$(cd "$BUILD" && pwd)
export RENACER_BUILD
exec "$BUILD/tests/renacer-tests" --filter 'integ_strace_diff/*'
