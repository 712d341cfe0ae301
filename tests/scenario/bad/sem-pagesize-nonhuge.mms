# expect: tests/scenario/bad/sem-pagesize-nonhuge.mms:4:31: error: 'pagesize' applies only to hugetlbfs files
# SPDX-License-Identifier: GPL-2.0-only
scenario x
file f shmem size 4M pagesize 2M
