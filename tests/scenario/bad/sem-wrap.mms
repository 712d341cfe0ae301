# expect: tests/scenario/bad/sem-wrap.mms:6:26: error: range 0xfffffffffffff000 +8K wraps around
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	read 0xfffffffffffff000 +8K
}
