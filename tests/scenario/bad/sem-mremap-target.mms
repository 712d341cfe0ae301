# expect: tests/scenario/bad/sem-mremap-target.mms:6:20: error: address 0x2001 is not aligned to 4K
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	mremap 0x1000 +4K 0x2001
}
