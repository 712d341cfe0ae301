# expect: tests/scenario/bad/sem-hugetlb-align.mms:7:8: error: address 0x40001000 is not aligned to 2M
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
hugetlb pool 2M 4
file db hugetlbfs size 8M
map p1 0x40001000 +2M file db shared
