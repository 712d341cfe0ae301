# expect: tests/scenario/bad/syn-reclaim.mms:5:12: error: expected '+LEN' or 'pages', found 'bananas'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
thread k kernel {
	reclaim 4 bananas
}
