# SPDX-License-Identifier: GPL-2.0-only
# pmd-share-migrate, the seed: two processes map one 1 GiB hugetlbfs file at
# the same PUD-aligned address, so their PMD table is shared.  Each CPU
# touched the first huge page in setup (its TLB holds the 2M translation)
# and keeps writing and reading it while a migration thread migrates it.
#
#   0x40000000                                   0x80000000
#   |<---------------- db, 1 GiB, 2M pages ----------->|   p1 and p2
#   [HP0]...                                               PMD table shared
#
# The same world as the C built-in of this name (scenario/builtin.c),
# operation for operation: tests/cli checks both find the same violation.
scenario pmd-share-migrate
machine cpus 3 memory 64M
hugetlb pool 2M 8

file db hugetlbfs size 1G pagesize 2M
process p1
process p2
map p1 0x40000000 +1G file db shared rw
map p2 0x40000000 +1G file db shared rw

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

expect v4.4 violation lost-write
expect none
