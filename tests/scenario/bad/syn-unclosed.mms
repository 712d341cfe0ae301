# expect: tests/scenario/bad/syn-unclosed.mms:7:1: error: expected '}' to close the block opened at 5:22, found end of input
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	write 0x1000
