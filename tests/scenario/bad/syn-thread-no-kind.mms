# expect: tests/scenario/bad/syn-thread-no-kind.mms:5:11: error: expected 'process NAME', 'kernel' or 'device MMU', found '{'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 {
	write 0x1000
}
