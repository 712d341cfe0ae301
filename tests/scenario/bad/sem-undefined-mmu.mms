# expect: tests/scenario/bad/sem-undefined-mmu.mms:6:17: error: undefined mmu 'odp1'; did you mean 'odp0'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
mmu odp0 odp p1
thread d device odp1 {
	dma read 0x1000
}
