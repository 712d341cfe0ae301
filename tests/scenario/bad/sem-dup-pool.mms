# expect: tests/scenario/bad/sem-dup-pool.mms:5:1: error: duplicate hugetlb pool of 2M pages (first at tests/scenario/bad/sem-dup-pool.mms:4:1)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
hugetlb pool 2M 4
hugetlb pool 2M 8
