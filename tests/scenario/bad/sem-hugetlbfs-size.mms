# expect: tests/scenario/bad/sem-hugetlbfs-size.mms:4:24: error: size 3M of file 'db' is not a multiple of its page size 2M
# SPDX-License-Identifier: GPL-2.0-only
scenario x
file db hugetlbfs size 3M pagesize 2M
