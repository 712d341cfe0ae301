# expect: tests/scenario/bad/sem-undefined-thread-proc.mms:5:19: error: undefined process 'p3'; did you mean 'p1'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p3 {
	read 0x1000
}
