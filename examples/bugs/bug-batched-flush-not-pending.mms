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
# The scenario: the reclaim-mprotect race (seed/reclaim-mprotect.mms).
# One private anonymous page written in setup; cpu0 keeps writing it,
# cpu1 mprotects it read-only, kswapd reclaims it (TTU_BATCH_FLUSH).
#
# With the switch (every era) the catalogue expects lost-write, but the
# model does not find it here: none in 20000 random and 3000 PCT
# schedules on v4.4 and v6.18, for this file and its C twin alike (an
# open gap: the window needs mprotect to run entirely between reclaim's
# PTE clear and its deferred flush).  Without: none.  Same world as the
# C built-in of this name.
scenario bug-batched-flush-not-pending
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
