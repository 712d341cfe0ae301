#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The mmsim command, end to end: every subcommand and exit status, JSON
# that parses, exact messages for bad input, replay of a violation, the
# seed table on a small budget.  TAP on stdout; $MMSIM is the binary.
MMSIM=${MMSIM:-./mmsim}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fail=0

ok() {	# ok NAME STATUS
	n=$((n + 1))
	if [ "$2" = 0 ]; then echo "ok $n - $1"; else
		echo "not ok $n - $1"; fail=1; fi
}

# status NAME WANT CMD...: the command exits WANT
status() {
	name=$1 want=$2
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" = "$want" ]
	r=$?
	[ $r = 0 ] || echo "# $name: exit $got, want $want: $(head -3 "$T/err")"
	ok "$name" $r
}

# says NAME TEXT: the last command's stderr is exactly TEXT
says() {
	[ "$(cat "$T/err")" = "$2" ]
	r=$?
	[ $r = 0 ] || echo "# $1: got '$(cat "$T/err")'"
	ok "$1" $r
}

json() {	# json NAME FILE: parses as JSON
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$2"
	ok "$1" $?
}

status version 0 $MMSIM --version
status help 0 $MMSIM --help
status explore-help 0 $MMSIM explore --help
grep -q -- '--preemptions' "$T/out"; ok explore-help-lists-options $?
for w in eras bugs scenarios violations; do
	status "list-$w" 0 $MMSIM list $w
	$MMSIM list $w --json >"$T/l.json"; json "list-$w-json" "$T/l.json"
done

status explore-finds-the-seed-race 1 $MMSIM explore pmd-share-migrate \
	--era v4.4 --strategy pct --quiet --out "$T/rep" --trace "$T/tr.json"
json trace-is-json "$T/tr.json"
python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))["traceEvents"]
assert any(e["ph"] == "X" for e in d) and any(e.get("s") == "g" for e in d)' \
	"$T/tr.json"
ok trace-has-slices-and-the-violation $?
status explore-none-with-the-fix 0 $MMSIM explore pmd-share-migrate \
	--era v4.19 --runs 300 --quiet
status explore-dfs 0 $MMSIM explore pmd-share-migrate --era v4.19 \
	--strategy dfs --preemptions 1 --quiet
# sleep sets: the same bounded space covered in fewer schedules
$MMSIM explore pmd-share-migrate --era v4.19 --strategy dfs --preemptions 2 \
	--runs 100000 --json >"$T/ss.json"
$MMSIM explore pmd-share-migrate --era v4.19 --strategy dfs --preemptions 2 \
	--runs 100000 --json --no-sleep-sets >"$T/nss.json"
python3 -c 'import json,sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
assert a["complete"] and b["complete"], (a, b)
assert b["cut_by_sleep_sets"] == 0 and a["cut_by_sleep_sets"] > 0, (a, b)
assert a["schedules"] < b["schedules"], (a["schedules"], b["schedules"])' \
	"$T/ss.json" "$T/nss.json"
ok dfs-sleep-sets-cover-in-fewer-schedules $?
$MMSIM explore pmd-share-migrate --era v4.19 --strategy dfs --preemptions 1 \
	>"$T/dfs.txt"
grep -Eq '^pmd-share-migrate under v4.19: no violation within 1 preemption: [0-9]+ schedules, complete; sleep sets cut [0-9]+ more$' \
	"$T/dfs.txt"
ok dfs-says-it-covered-the-bound $?
# options one strategy reads are refused with the others
status preemptions-needs-dfs 2 $MMSIM explore pmd-share-migrate --preemptions 1
says preemptions-needs-dfs-says "mmsim: --preemptions applies to --strategy dfs"
status no-sleep-sets-needs-dfs 2 $MMSIM explore pmd-share-migrate \
	--no-sleep-sets --strategy random
says no-sleep-sets-needs-dfs-says \
	"mmsim: --no-sleep-sets applies to --strategy dfs"
status dfs-has-no-jobs 2 $MMSIM explore pmd-share-migrate --jobs 2 \
	--strategy dfs
says dfs-has-no-jobs-says \
	"mmsim: --jobs applies to random and pct: dfs runs in one process"
status dfs-finds-the-seed-race 1 $MMSIM explore pmd-share-migrate \
	--era v4.4 --strategy dfs --quiet
status explore-jobs 1 $MMSIM explore pmd-share-poison --era v4.4 --jobs 2 \
	--quiet
status explore-bug-alone 1 $MMSIM explore --bug pmd-share-no-unshare --quiet
$MMSIM explore pmd-share-migrate --era v4.4 --json --all --runs 500 >"$T/e.json"
json explore-json "$T/e.json"
status run-one-schedule 0 $MMSIM run pmd-share-migrate --era v4.19 --quiet
status run-a-file 0 $MMSIM run examples/seed/pmd-share-poison.mms --quiet
# --paranoid: invariants at every lock-free point, no false alarm, and
# a real violation is still found (and its report still reproduces)
status explore-help-paranoid 0 $MMSIM explore --help
grep -q -- '--paranoid' "$T/out"; ok explore-help-lists-paranoid $?
status run-paranoid 0 $MMSIM run pmd-share-migrate --era v4.19 --paranoid \
	--quiet
status explore-paranoid-clean 0 $MMSIM explore reclaim-mprotect --era v6.18 \
	--runs 50 --paranoid --quiet
status explore-paranoid-finds 1 $MMSIM explore --bug pmd-share-no-unshare \
	--paranoid --quiet --out "$T/par"
grep -q '^uaf\|^lost-write\|^stale-read' "$T/out"; ok paranoid-same-kinds $?
status paranoid-report-replays 1 $MMSIM replay --quiet "$(ls "$T"/par/*.json | head -1)"
status paranoid-not-for-show 2 $MMSIM show pmd-share-migrate --paranoid

rep=$(ls "$T"/rep/*.json | head -1)
json report-is-json "$rep"
status replay-reproduces 1 $MMSIM replay --quiet "$rep"
grep -q '^reproduced ' "$T/out"; ok replay-says-reproduced $?
a=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["violation"]
print(v["kind"], v["step"], v["msg"])' "$rep")
$MMSIM replay --json "$rep" >"$T/r.json"
b=$(python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["violation"]
print(v["kind"], v["step"], v["msg"])' "$T/r.json")
[ "$a" = "$b" ]; ok replay-identical-violation $?

# bad reports: truncated, corrupted, wrong types; never a crash
head -c 200 "$rep" >"$T/trunc.json"
status replay-truncated 2 $MMSIM replay "$T/trunc.json"
grep -q "^$T/trunc.json:[0-9]*:[0-9]*: error: " "$T/err"
ok replay-truncated-says-where $?
sed 's/"era": "[^"]*"/"era": "v9"/' "$rep" >"$T/era.json"
status replay-bad-era 2 $MMSIM replay "$T/era.json"
sed 's/"step": \([0-9]*\)/"step": "x"/' "$rep" >"$T/step.json"
status replay-bad-type 2 $MMSIM replay "$T/step.json"
sed 's/"decisions": "/"decisions": "zz/' "$rep" >"$T/dec.json"
status replay-bad-hex 2 $MMSIM replay "$T/dec.json"
echo '{"mmsim_report": 1}' >"$T/min.json"
status replay-missing-field 2 $MMSIM replay "$T/min.json"
says replay-missing-field-message \
	"$T/min.json:1:1: error: the report has no field 'scenario'"
sed 's/"step": \([0-9]*\)/"step": 1\1/' "$rep" >"$T/diff.json"
status replay-does-not-reproduce 3 $MMSIM replay "$T/diff.json"
i=0
while [ $i -lt 40 ]; do	# corrupt one byte at a time
	i=$((i + 1))
	python3 -c 'import sys
b = bytearray(open(sys.argv[1], "rb").read())
k = int(sys.argv[2]) * 7919 % len(b)
b[k] = (b[k] + 13) % 256
open(sys.argv[3], "wb").write(b)' "$rep" $i "$T/c.json"
	$MMSIM replay --quiet "$T/c.json" >/dev/null 2>&1
	s=$?
	[ $s -le 3 ] || { echo "# corrupt $i: exit $s"; break; }
done
[ $i = 40 ]; ok replay-corrupted-never-crashes $?

status show 0 $MMSIM show pmd-share-migrate
grep -q SHARED "$T/out"; ok show-marks-shared-tables $?
status show-dot 0 $MMSIM show pmd-share-migrate --dot
grep -q '^digraph' "$T/out"; ok show-dot-is-graphviz $?
status show-devices 0 $MMSIM show pmd-share-migrate-kvm
grep -q 'mmu kvm (kvm) on mm1' "$T/out" &&
	grep -q 'translations (0 entries)' "$T/out"
ok show-lists-device-tables $?

# usage errors, with the exact message for a few
status bad-number 2 $MMSIM explore pmd-share-migrate --runs 12x
says bad-number-message "mmsim: --runs: '12x' is not a number"
status overflow 2 $MMSIM explore pmd-share-migrate --seed 99999999999999999999
says overflow-message \
	"mmsim: --seed: 99999999999999999999 is out of range (0-18446744073709551615)"
status bad-era 2 $MMSIM explore pmd-share-migrate --era v4.5
says bad-era-message "mmsim: unknown era 'v4.5'; did you mean 'v4.4'?"
status bad-bug 2 $MMSIM explore --bug pmd-share-no-unshar
says bad-bug-message \
	"mmsim: unknown bug switch 'pmd-share-no-unshar'; did you mean 'pmd-share-no-unshare'?"
status bad-scenario 2 $MMSIM explore pmd-share-migrat
says bad-scenario-message \
	"mmsim: unknown scenario 'pmd-share-migrat': not a file nor a built-in; did you mean 'pmd-share-migrate'?"
status bad-flag 2 $MMSIM explore pmd-share-migrate --rusn 3
status bad-command 2 $MMSIM exploer
status depth-range 2 $MMSIM explore pmd-share-migrate --depth 0
status time-junk 2 $MMSIM explore pmd-share-migrate --time 1s
status missing-value 2 $MMSIM explore pmd-share-migrate --runs
status flag-not-for-command 2 $MMSIM run pmd-share-migrate --all
status run-needs-scenario 2 $MMSIM run
status missing-file 2 $MMSIM run nosuch.mms
printf 'scenario t\nprocess p\nfile r regular size 4M\n' >"$T/f.mms"
status file-error 2 $MMSIM run "$T/f.mms"
grep -q "f.mms:3:1: error: regular files are not modelled yet" "$T/err"
ok file-error-says-where $?

status seed-table 0 $MMSIM --budget-runs 200 --quiet --out "$T/table"
grep -q 'Every verdict matches' "$T/out"; ok seed-table-matches $?

echo "1..$n"
exit $fail
