#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bench/run.sh [quick|full]: run every benchmark binary in $BENCH_DIR
# (default build/bench).  Each prints its table on stderr and one JSON
# fragment ("name": {...}) on stdout; the fragments are merged into one
# object in bench/results.json.  A new benchmark needs no change here.
set -eu

mode=${1:-full}
dir=${BENCH_DIR:-build/bench}
out=${BENCH_OUT:-bench/results.json}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

case $mode in
quick|full) ;;
*) echo "usage: $0 [quick|full]" >&2; exit 2 ;;
esac

# The machine line: every figure in the file came from this machine.
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
kernel="$(uname -s) $(uname -r)"
cores=$(getconf _NPROCESSORS_ONLN)
echo "machine: ${cpu:-unknown}, $kernel, $cores cores ($mode)" >&2
start=$(date +%s)

printf '{\n"machine": {"cpu": "%s", "kernel": "%s", "cores": %s, "mode": "%s", "date": "%s"}' \
	"${cpu:-unknown}" "$kernel" "$cores" "$mode" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp"
sep=",
"
for b in "$dir"/*; do
	case $b in *.d|*.o) continue ;; esac
	[ -f "$b" ] && [ -x "$b" ] || continue
	frag=$("$b" "$mode")
	printf '%s%s' "$sep" "$frag" >>"$tmp"
	sep=",
"
done
printf '\n}\n' >>"$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "wrote $out in $(( $(date +%s) - start )) s" >&2
