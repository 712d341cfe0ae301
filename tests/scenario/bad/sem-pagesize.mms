# expect: tests/scenario/bad/sem-pagesize.mms:4:14: error: huge page size must be 2M or 1G, not 4M
# SPDX-License-Identifier: GPL-2.0-only
scenario x
hugetlb pool 4M 2
