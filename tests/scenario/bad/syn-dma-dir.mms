# expect: tests/scenario/bad/syn-dma-dir.mms:7:6: error: unknown dma direction 'load'; did you mean 'read'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process p1
mmu m0 kvm p1
thread d device m0 {
	dma load 0x1000
}
