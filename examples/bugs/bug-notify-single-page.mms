# SPDX-License-Identifier: GPL-2.0-only
# bug-notify-single-page: for --bug notify-single-page
#
# The bug: before 369ea8242c0f (2017, "mm/rmap: update to new
# mmu_notifier semantic v2") the secondary MMUs were told about one page
# (invalidate_page) where try_to_unmap_one cleared every PTE of a
# PTE-mapped THP; a client that trusts the range keeps the others.  The
# switch narrows 4.19's start/end range to one page.
#
# The scenario: a THP in p1, written in setup, then broken into PTEs
# (MADV_DONTNEED of its last page splits the PMD); a KVM guest maps its
# first 64K through its shadow table; the THP is migrated whole.
#
# With the switch (v4.19): notifier-unbracketed (PTEs cleared outside the
# notified page), then uaf/lost-write through the guest's stale sPTEs.
# Without: none.  Same world as the C built-in of this name.
scenario bug-notify-single-page
machine cpus 3 memory 64M

process p1
map p1 0x10000000 +4M anon private rw thp
mmu kvm0 kvm p1

setup {
	p1 write 0x10000000
	p1 madvise 0x101ff000 +4K dontneed
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
