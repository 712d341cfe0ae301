# expect: tests/scenario/bad/syn-hugetlb.mms:4:9: error: unknown hugetlb statement 'pools'; did you mean 'pool'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
hugetlb pools 2M 4
