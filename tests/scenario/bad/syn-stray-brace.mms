# expect: tests/scenario/bad/syn-stray-brace.mms:5:1: error: unexpected '}': no block is open
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
}
