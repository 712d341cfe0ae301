# SPDX-License-Identifier: GPL-2.0-only
# Shared setup: a parent and its forked child sharing a shmem file, with
# the first megabyte written.  Included by other scenarios.
machine cpus 4 memory 128M
file shm shmem size 4M
process parent
process child fork parent
map parent 0x7f0000000000 +4M file shm shared rw
# child: forked after the parent's mappings are made, it has them too

setup {
	parent write 0x7f0000000000 +1M
}
