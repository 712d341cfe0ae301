# expect: tests/scenario/bad/sem-dup-fork.mms:6:7: error: duplicate process name 'p1' (first at tests/scenario/bad/sem-dup-fork.mms:4:9)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	fork p1
}
