# expect: tests/scenario/bad/sem-dup-file.mms:5:6: error: duplicate file name 'f' (first at tests/scenario/bad/sem-dup-file.mms:4:6)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
file f shmem size 4M
file f shmem size 8M
