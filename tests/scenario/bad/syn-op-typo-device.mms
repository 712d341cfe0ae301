# expect: tests/scenario/bad/syn-op-typo-device.mms:7:2: error: unknown operation 'dam'; did you mean 'dma'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process p1
mmu m0 kvm p1
thread d device m0 {
	dam read 0x1000
}
