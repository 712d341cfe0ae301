# SPDX-License-Identifier: GPL-2.0-only
# munmap-odp-shared: the shared setup of common/two-procs.mms, then an ODP
# mirror of the child races with the parent's munmap and the child's exit.
scenario munmap-odp-shared
include "common/two-procs.mms"	# resolved next to this file

mmu odp0 odp child

setup {
	child read 0x7f0000000000 +8K
}

thread unmap process parent {
	munmap 0x7f0000000000 +2M
}
thread leave process child {
	exit
}
thread dev device odp0 {
	fault 0x7f0000000000
	dma read 0x7f0000000000 +8K
}
expect none
