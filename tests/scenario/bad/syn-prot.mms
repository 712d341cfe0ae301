# expect: tests/scenario/bad/syn-prot.mms:6:22: error: unknown protection 'rwx'; did you mean 'rw'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	mprotect 0x1000 +4K rwx
}
