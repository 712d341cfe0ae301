# expect: tests/scenario/bad/sem-offset-align.mms:6:38: error: file offset 4K is not a multiple of 2M
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
file db hugetlbfs size 8M
map p1 0x40000000 +2M file db offset 4K shared
