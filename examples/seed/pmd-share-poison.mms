# SPDX-License-Identifier: GPL-2.0-only
# pmd-share-poison: memory failure of a hugetlb page whose PMD table is
# shared.  4.4 replaces the shared entry with a hwpoison entry and flushes
# only p1, so p2 keeps using the poisoned frame.  The same world as the C
# built-in of this name.
scenario pmd-share-poison
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
	repeat 2 {
		read 0x40000000
	}
}
thread p2-cpu1 cpu 1 process p2 {
	repeat 3 {
		write 0x40000000
	}
}
thread mce cpu 2 kernel {
	p1 poison 0x40000000
}

expect v4.4 violation uaf
expect none
