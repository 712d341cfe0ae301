# SPDX-License-Identifier: GPL-2.0-only
# hugetlb-mprotect: p1 write-protects a hugetlb mapping whose PMD table it
# shares with p2 (hugetlb_change_protection: the range is widened to the
# PUD, the table unshared for p1 and the whole PUD flushed before
# i_mmap_rwsem is dropped), while p2 keeps writing and a KVM guest of p1
# reads.  Expected: none in every era.
scenario hugetlb-mprotect
machine cpus 3 memory 64M
hugetlb pool 2M 8

file db hugetlbfs size 1G pagesize 2M
process p1
process p2
map p1 0x40000000 +1G file db shared rw
map p2 0x40000000 +1G file db shared rw
mmu kvm0 kvm p1

setup {
	p1 write 0x40000000
	p2 write 0x40000000
}

thread p1-cpu0 cpu 0 process p1 {
	mprotect 0x40000000 +1G ro
	read 0x40000000
}
thread p2-cpu1 cpu 1 process p2 {
	repeat 3 {
		write 0x40000000
	}
}
thread kvm0-vcpu device kvm0 {
	repeat 2 {
		dma read 0x40000000
	}
}

expect none
