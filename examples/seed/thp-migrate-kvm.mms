# SPDX-License-Identifier: GPL-2.0-only
# thp-migrate-kvm: a PMD-mapped THP migrated while a KVM guest maps it.
#
# The seed thread says 4.4 was "broken in respect to THP and mmu
# notification": invalidate_page names one address, where a THP maps 2M.
# In 4.4 a THP is split before try_to_unmap sees it, and migration then
# moves its pages one by one, each with its own invalidate_page; from
# 4.14 the THP migrates whole (the PMD split into PTEs first here, with
# TTU_SPLIT_HUGE_PMD), inside one start/end range over the folio.
#
# p1 has a 4M anonymous THP-enabled mapping; setup writes its first 2M
# (a THP fault: one PMD).  cpu0 writes page 5; the guest's vCPU writes
# the first 64K through its shadow table; a migration thread moves the
# THP.  Expected: none in every era (a finding: the 4.4 per-page path is
# right for the 4K pages it sees).
scenario thp-migrate-kvm
machine cpus 3 memory 64M

process p1
map p1 0x10000000 +4M anon private rw thp
mmu kvm0 kvm p1

setup {
	p1 write 0x10000000
}

thread p1-cpu0 cpu 0 process p1 {
	repeat 3 {
		write 0x10005000
	}
}
thread migrate cpu 2 kernel {
	p1 migrate 0x10000000
}
thread kvm0-vcpu device kvm0 {
	repeat 2 {
		dma write 0x10000000 +64K
	}
}

expect none
