# expect: tests/scenario/bad/sem-need-proc.mms:7:2: error: 'migrate' in a kernel thread needs a process: name it first, as in 'p1 migrate ...'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
process p2
thread k kernel {
	migrate 0x1000
}
