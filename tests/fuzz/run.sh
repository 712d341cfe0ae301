#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tests/fuzz/run.sh SECONDS: fuzz the scenario parser with libFuzzer under
# ASan and UBSan for SECONDS (default 60).  Exits non-zero on a crash,
# leak, timeout or round-trip mismatch; the input that did it is left in
# $O/fuzz/ (O defaults to build).  Needs clang and nothing else.
set -eu
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${O:-build}/fuzz
cd "$top"

cc=""
for c in clang clang-14 clang-15 clang-16 clang-17 clang-18; do
	if command -v "$c" >/dev/null 2>&1; then cc=$c; break; fi
done
if [ -z "$cc" ]; then
	echo "fuzz: needs clang with libFuzzer (-fsanitize=fuzzer);" \
		"none found" >&2
	exit 1
fi

# The front end only: the binding, the world runner and the built-ins
# need the whole model (libmmsim.a), which the parser does not use.
front=""
for f in scenario/*.c; do
	case $f in
	scenario/bind*.c | scenario/world.c | scenario/builtin.c | \
	scenario/load.c | scenario/mms_files.c | scenario/kinds.c) ;;
	*) front="$front $f" ;;
	esac
done

mkdir -p "$out/corpus" "$out/artifacts"
# shellcheck disable=SC2086
"$cc" -g -O1 -std=gnu11 -I. -DMMSIM_LIBFUZZER \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-o "$out/fuzz_parser" tests/fuzz/fuzz_parser.c $front

# The seeds: every example and every bad input the tests know.
seeds="$out/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
for f in examples/*.mms examples/*/*.mms tests/scenario/bad/*.mms tests/scenario/bad/*/*.mms; do
	[ -f "$f" ] && cp "$f" "$seeds/$(echo "$f" | tr / _)"
done

echo "fuzz: $cc, $secs s, corpus $out/corpus"
ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_parser" "$out/corpus" "$seeds" \
	-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-max_len=4096 -dict=tests/fuzz/mms.dict -print_final_stats=1 \
	-artifact_prefix="$out/artifacts/" 2>&1 | tail -n 25
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
	echo "fuzz: FAILED (status $status); see $out/artifacts/" >&2
	exit 1
fi
echo "fuzz: no failure in $secs s"
