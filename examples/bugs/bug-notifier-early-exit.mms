# SPDX-License-Identifier: GPL-2.0-only
# bug-notifier-early-exit: for --bug notifier-early-exit (range_start without range_end)
#
# The bug: an early exit after invalidate_range_start skips the matching
# invalidate_range_end.  Jerome Glisse's review (August 2018) of Michal
# Hocko's draft 4.4 backport: the page_check_address failure path of
# try_to_unmap_one jumped past range_end.  Caught in review, never
# merged; the v4.4-seed era is that draft.
#
# The scenario: p1 and p2 map one hugetlbfs file (shared PMD table), but
# only p2 touches it; p1 comes first in i_mmap, so the rmap walk of the
# migration finds no entry in p1's VMA: the path that returned early.
#
# With the switch (v4.4-seed, v4.19, v6.18): notifier-unbalanced, p1's mm
# ends the run with an invalidate_range_start and no end (I2).  Without:
# none.  Same world as the C built-in of this name.
scenario bug-notifier-early-exit
machine cpus 3 memory 64M
era v4.4-seed
hugetlb pool 2M 8

file db hugetlbfs size 1G pagesize 2M
process p1
process p2
map p1 0x40000000 +1G file db shared rw
map p2 0x40000000 +1G file db shared rw

setup {
	p2 write 0x40000000
}

thread p2-cpu1 cpu 1 process p2 {
	repeat 2 {
		write 0x40000000
	}
}
thread migrate cpu 2 kernel {
	p2 migrate 0x40000000
}

expect none
