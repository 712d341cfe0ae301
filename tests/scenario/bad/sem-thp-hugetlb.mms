# expect: tests/scenario/bad/sem-thp-hugetlb.mms:6:28: error: flag 'thp' does not apply to hugetlbfs file 'db'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
file db hugetlbfs size 8M
map p1 0x40000000 +2M file db shared thp
