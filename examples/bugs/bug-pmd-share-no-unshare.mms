# SPDX-License-Identifier: GPL-2.0-only
# bug-pmd-share-no-unshare: for --bug pmd-share-no-unshare (the seed race on 4.19+)
#
# The bug: try_to_unmap_one ignored huge_pmd_unshare.  A hugetlb page
# mapped through a shared PMD table has one mapcount for all sharers, so
# the rmap walk clears the shared entry, flushes only the first mm and
# stops; the other sharers' CPUs keep writing the old page after
# migration copied it.  Fixed by 017b1660df89 (2018), "mm: migration: fix
# migration of huge PMD shared pages".
#
# The scenario: the seed (seed/pmd-share-migrate.mms), operation for
# operation.  p1 and p2 map one 1 GiB hugetlbfs file at the same
# PUD-aligned address (their PMD table is shared), both CPUs cached the
# first huge page in setup and keep writing and reading it while a kernel
# thread migrates it.
#
# With the switch (v4.19, v6.18): lost-write, p2's CPU writes into the
# frame the data moved out of.  Without it: none, except on v4.4, which
# has the bug itself.  The same world as the C built-in of this name
# (scenario/builtin.c); tests/scenario/test_bind checks both agree.
scenario bug-pmd-share-no-unshare
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
