# SPDX-License-Identifier: GPL-2.0-only
# thp-split-mmu: a THP is split under a secondary MMU that mirrors it.
#
# The IOMMU SVA device TLB caches a 2M translation; the split replaces the
# PMD by a PTE table.  The device must be told before the subpages can be
# freed, or its next DMA reaches a freed frame.
scenario thp-split-mmu
machine cpus 2 memory 64M
era v4.19

process p1
map p1 0x200000 +4M anon private rw thp
mmu sva0 iommu-sva p1

setup {
	write 0x200000 +2M		# one process: no need to name it
}

thread user cpu 0 process p1 {
	madvise 0x200000 +4K dontneed	# zaps a subpage: splits the PMD
	write 0x201000
}
thread khuge kernel {
	split 0x200000
}
thread dev device sva0 {
	repeat 2 {
		dma write 0x200000 +8K
	}
}
# The model finds no violation here in any era (1500 PCT schedules each).
expect none
