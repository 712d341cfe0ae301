# expect: tests/scenario/bad/sem-reclaim-zero.mms:5:10: error: reclaim of 0 pages
# SPDX-License-Identifier: GPL-2.0-only
scenario x
thread k kernel {
	reclaim 0 pages
}
