# SPDX-License-Identifier: GPL-2.0-only
# reclaim-mprotect: reclaim defers its flush while mprotect write-protects the page
#
# One private anonymous page, written in setup (cpu0's TLB holds it
# writable).  cpu0 keeps writing it, cpu1 mprotects it read-only, and
# kswapd reclaims it with a batched (deferred) TLB flush.  Since
# 3ea277194daa mprotect calls flush_tlb_batched_pending, so it cannot
# return while cpu0 may still write through its stale entry: no violation
# in any era.  --bug batched-flush-not-pending removes that call.
#
# The same world as the C built-in of this name (scenario/builtin.c).
scenario reclaim-mprotect
machine cpus 3 memory 64M

process p1
map p1 0x10000000 +1M anon private rw

setup {
	p1 write 0x10000000
}

thread p1-cpu0 cpu 0 process p1 {
	repeat 3 {
		write 0x10000000
	}
}
thread p1-cpu1 cpu 1 process p1 {
	mprotect 0x10000000 +4K ro
}
thread kswapd cpu 2 kernel {
	p1 reclaim 0x10000000 +4K
}

expect none
