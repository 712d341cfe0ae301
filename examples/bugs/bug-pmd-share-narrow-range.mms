# SPDX-License-Identifier: GPL-2.0-only
# bug-pmd-share-narrow-range: for --bug pmd-share-narrow-range (unshare without a PUD-wide flush)
#
# The bug: huge_pmd_unshare is handled, but the notifier and flush ranges
# are not widened to the PUD.  Unsharing drops a whole PUD of
# translations while only one huge page is flushed, so a CPU keeps stale
# entries for the other huge pages of that PUD, which a later migration
# then copies.  Fixed by 017b1660df89 (2018), with the range widening of
# adjust_range_if_pmd_sharing_possible.
#
# The scenario: p1 and p2 share the PMD table of a 1 GiB hugetlbfs
# mapping; setup writes the first two huge pages (HP0, HP1) in each.
# p1's CPU keeps writing HP1, p2's CPU writes HP0; a kernel thread
# migrates HP0 through p2 (p2 unshares: with the narrow flush p1's TLB
# keeps HP1) and then HP1.
#
# With the switch (v4.19, v6.18): uaf, p1's CPU writes HP1's old frame
# after it was freed.  Without it: none expected in any era (the C twin
# states none; v4.4, which lacks the unshare handling altogether, can
# show the seed's violations).  Same world as the C built-in of this name.
scenario bug-pmd-share-narrow-range
machine cpus 3 memory 64M
hugetlb pool 2M 8

file db hugetlbfs size 1G pagesize 2M
process p1
process p2
map p1 0x40000000 +1G file db shared rw
map p2 0x40000000 +1G file db shared rw

setup {
	p1 write 0x40000000
	p1 write 0x40200000
	p2 write 0x40000000
	p2 write 0x40200000
}

thread p1-cpu0 cpu 0 process p1 {
	repeat 4 {
		write 0x40200000
	}
}
thread p2-cpu1 cpu 1 process p2 {
	repeat 2 {
		write 0x40000000
	}
}
thread migrate cpu 2 kernel {
	p2 migrate 0x40000000
	p2 migrate 0x40200000
}

expect none
