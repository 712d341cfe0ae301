# expect: tests/scenario/bad/sem-repeat-big.mms:7:10: error: repeat 1001 runs its body more than 1000000 times (enclosing repeats included)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	repeat 1000 {
		repeat 1001 {
			write 0x1000
		}
	}
}
