# expect: tests/scenario/bad/sem-hugetlb-len.mms:7:19: error: length 1M is not a multiple of 2M
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
hugetlb pool 2M 4
file db hugetlbfs size 8M
map p1 0x40000000 +1M file db shared
