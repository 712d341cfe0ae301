# SPDX-License-Identifier: GPL-2.0-only
# bug-batched-flush-not-pending: for --bug batched-flush-not-pending (mprotect vs deferred flush)
#
# The bug: change_pte_range (mprotect) did not call
# flush_tlb_batched_pending while reclaim had a deferred (batched) TLB
# flush outstanding: mprotect finds the PTE already gone, flushes
# nothing, returns, and a CPU keeps writing through its cached writable
# entry.  Fixed by 3ea277194daa (2017), "mm, mprotect: flush TLB if
# potentially racing with a parallel reclaim leaving stale TLB entries".
#
# The scenario: one private anonymous page, only read in setup (its PTE
# is clean, so reclaim flushes its batch only after writeback, not
# before).  cpu0 keeps reading it, cpu1 mprotects it PROT_NONE, kswapd
# reclaims it (TTU_BATCH_FLUSH).  mprotect in the window finds no PTE.
#
# With the switch: stale-access (I6: a read through a TLB entry made
# before mprotect(PROT_NONE) returned) in every era, a few hundred PCT
# schedules.  Without: none.  Same world as the C built-in of this name.
scenario bug-batched-flush-not-pending
machine cpus 3 memory 64M

process p1
map p1 0x10000000 +1M anon private rw

setup {
	p1 read 0x10000000
}

thread p1-cpu0 cpu 0 process p1 {
	repeat 3 {
		read 0x10000000
	}
}
thread p1-cpu1 cpu 1 process p1 {
	mprotect 0x10000000 +4K none
}
thread kswapd cpu 2 kernel {
	p1 reclaim 0x10000000 +4K
}

expect none
