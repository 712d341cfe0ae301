# expect: tests/scenario/bad/syn-map-kind.mms:5:19: error: expected 'anon' or 'file NAME', found 'anonymous'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x1000 +4K anonymous
