# expect: tests/scenario/bad/sem-overlap.mms:6:8: error: mapping 0x10200000 +4M of 'p1' overlaps the one at tests/scenario/bad/sem-overlap.mms:5:1
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x10000000 +4M anon
map p1 0x10200000 +4M anon
