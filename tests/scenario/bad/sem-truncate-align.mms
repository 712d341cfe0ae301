# expect: tests/scenario/bad/sem-truncate-align.mms:7:14: error: truncate offset 4K is not a multiple of the page size of 'db' (2M)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
file db hugetlbfs size 8M
thread k kernel {
	truncate db 4K
}
