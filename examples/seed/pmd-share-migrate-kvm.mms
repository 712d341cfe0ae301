# SPDX-License-Identifier: GPL-2.0-only
# pmd-share-migrate-kvm: the seed (seed/pmd-share-migrate.mms) with a KVM guest
# on p2, whose VMA the rmap walk visits second (i_mmap is in creation
# order: p1's first).  p2's device engine writes and reads the huge page
# while it migrates.  What each era gives is a finding, not an expectation:
# none is stated.  The same world as the C built-in of this name.
scenario pmd-share-migrate-kvm
machine cpus 3 memory 64M
hugetlb pool 2M 8

file db hugetlbfs size 1G pagesize 2M
process p1
process p2
map p1 0x40000000 +1G file db shared rw
map p2 0x40000000 +1G file db shared rw
mmu kvm kvm p2

setup {
	p1 write 0x40000000
	p2 write 0x40000000
}

thread p1-cpu0 cpu 0 process p1 {
	repeat 3 {
		write 0x40000000
		read 0x40000000
	}
}
thread p2-cpu1 cpu 1 process p2 {
	repeat 3 {
		write 0x40000000
		read 0x40000000
	}
}
thread migrate cpu 2 kernel {
	p1 migrate 0x40000000
}
thread p2-dev device kvm {
	repeat 3 {
		dma write 0x40000000
		dma read 0x40000000
	}
}

# Under 4.4 the device (or a CPU) of p2 keeps the old page: some data-
# loss or protocol violation; every fixed era: none.
expect v4.4 violation
expect none
