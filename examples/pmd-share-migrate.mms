# SPDX-License-Identifier: GPL-2.0-only
# pmd-share-migrate: two processes share a hugetlb PMD table; migration races.
scenario pmd-share-migrate
machine cpus 4 memory 64M
era v4.4                       # default era, overridable on the command line
hugetlb pool 2M 8              # 8 huge pages of 2M in the pool (1G also allowed)

file db hugetlbfs size 1G pagesize 2M
file data shmem size 8M
process p1
process p2 fork p1             # p2 is forked from p1
map p1 0x40000000 +1G file db shared rw
# p2 inherits p1's mappings at its fork (its own map lines add to them)
map p1 0x10000000 +4M anon private rw thp
mmu odp0 odp p2                # an RDMA ODP mirror of p2

setup {                        # runs single-threaded before the race
	p1 write 0x40000000 +4K
	p2 write 0x40000000
}

thread t1 cpu 0 process p1 {
	repeat 4 {
		write 0x40000000
		read 0x40000000 +8K
	}
}
thread mig kernel {            # a kernel thread: migration
	p1 migrate 0x40000000
}
thread dev device odp0 {       # the device engine behind odp0
	dma read 0x40000000 +2M
}
thread t2 cpu 1 process p2 {   # a thread of the forked child
	repeat 4 {
		write 0x40000000
	}
}
expect v4.4 violation lost-write
expect none                    # every other era
