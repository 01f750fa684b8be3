#!/bin/sh
# Installs every package renacer needs to build, test and benchmark on Debian 12.
# Idempotent: packages already present are left alone, apt is not touched then.
set -eu

PKGS="make gcc clang llvm libbpf-dev bpftool libelf-dev libdw-dev zlib1g-dev libzstd-dev pkg-config \
libcriterion-dev libjansson-dev strace linux-perf libcap2-bin procps python3 \
clang-format protobuf-c-compiler libprotobuf-c-dev python3-jsonschema libsystemd-dev \
systemd passwd libclang-rt-14-dev libgrpc-dev python3-yaml libiberty-dev liblzma-dev libbz2-dev"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node runs the OTLP receiver of the tests (tests/otlp). A nodejs that bundles npm (and
# conflicts with Debian's npm) is kept as it is.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

# The test helpers' packages (tests/otlp: the OTLP receiver, tests/flame: jsdom for the
# flame graph's script), exactly as each committed lock file says; skipped (no network
# needed) while node_modules is as new as the lock file.
node_modules() {
	dir="$(dirname "$0")/../tests/$1"
	if [ -f "$dir/node_modules/.package-lock.json" ] &&
		[ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		return 0
	fi
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

if [ -z "$missing" ]; then
	node_modules otlp
	node_modules flame
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages:$missing; run as root to install them" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
node_modules otlp
node_modules flame
