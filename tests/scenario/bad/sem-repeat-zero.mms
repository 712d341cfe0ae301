# expect: tests/scenario/bad/sem-repeat-zero.mms:6:9: error: repeat count must be at least 1
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	repeat 0 {
		write 0x1000
	}
}
