# expect: tests/scenario/bad/syn-expected-size.mms:4:24: error: expected a size (e.g. 4K, 2M), found 'banana'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
file db hugetlbfs size banana
