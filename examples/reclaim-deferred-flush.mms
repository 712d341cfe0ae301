# SPDX-License-Identifier: GPL-2.0-only
# reclaim-deferred-flush: reclaim batches its TLB flushes (TTU_BATCH_FLUSH)
# while mprotect downgrades the same range.
#
# mprotect must not return while another CPU can still write through a
# writable TLB entry that reclaim left behind for its deferred flush.
scenario reclaim-deferred-flush
machine cpus 4 memory 256M
era v4.4

file data shmem size 16M
process p1
map p1 0x10000000 +16M file data shared rw

setup {
	p1 write 0x10000000 +1M
}

thread writer cpu 1 process p1 {
	repeat 16 {
		write 0x10000000
	}
}
thread prot cpu 2 process p1 {
	mprotect 0x10000000 +1M ro
	read 0x10000000
}
thread kswapd kernel {
	p1 reclaim 0x10000000 +1M
	p1 reclaim 0x10100000 +256K
}
# Every era of the model has the flush_tlb_batched_pending fix
# (3ea277194daa): no violation.  --bug batched-flush-not-pending removes
# it; examples/bugs/bug-batched-flush-not-pending.mms is the scenario
# that shows it.
expect none
