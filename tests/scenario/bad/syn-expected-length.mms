# expect: tests/scenario/bad/syn-expected-length.mms:5:19: error: expected a length (e.g. +4K, +2M), found 'banana'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x40000000 banana
