# SPDX-License-Identifier: GPL-2.0-only
# bug-adjust-range: for --bug adjust-range-pre-75802ca66354
#
# The bug: the original loop form of adjust_range_if_pmd_sharing_possible
# (017b1660df89) steps from the unaligned start by PUD_SIZE, so a range
# straddling a PUD boundary inside a 2 GiB mapping is widened only to the
# first PUD.  Fixed by 75802ca66354 (2020), "mm/hugetlb: fix calculation
# of adjust_range_if_pmd_sharing_possible".
#
# The scenario: p1 and p2 map a 2 GiB hugetlbfs file at [1G, 3G), both
# PUDs' PMD tables shared (setup touches one page in each).  p1 has a KVM
# guest, so its page-table changes must lie inside notifier brackets.  A
# hole [2G-2M, 2G+2M) is punched: the loop form notifies [1G, 2G+2M) but
# unsharing the second PUD removes [2G, 3G).
#
# With the switch (v6.18): notifier-unbracketed at once.  Without: none.
# v4.19 shows the same without any switch: 4.19.108 has the loop form (a
# finding; docs/bugs.md).  Same world as the C built-in of this name.
scenario bug-adjust-range
machine cpus 3 memory 64M
hugetlb pool 2M 8

file db hugetlbfs size 2G pagesize 2M
process p1
process p2
map p1 0x40000000 +2G file db shared rw
map p2 0x40000000 +2G file db shared rw
mmu kvm0 kvm p1

setup {
	p1 write 0x40000000
	p1 write 0x80000000
	p2 write 0x40000000
	p2 write 0x80000000
}

thread p1-cpu0 cpu 0 process p1 {
	repeat 2 {
		read 0x40000000
		read 0x80000000
	}
}
thread punch cpu 2 kernel {
	truncate db 0x3fe00000 +4M
}

expect none
