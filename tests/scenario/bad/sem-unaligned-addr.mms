# expect: tests/scenario/bad/sem-unaligned-addr.mms:6:8: error: address 0x1010 is not aligned to 4K
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	write 0x1010
}
