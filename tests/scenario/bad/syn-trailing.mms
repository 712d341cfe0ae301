# expect: tests/scenario/bad/syn-trailing.mms:4:12: error: expected end of line, found 'p2'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process p1 p2
