# expect: tests/scenario/bad/sem-no-proc-op.mms:7:2: error: 'truncate' in a kernel thread acts on no process: drop 'p1'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
file f shmem size 4M
thread k kernel {
	p1 truncate f 0
}
