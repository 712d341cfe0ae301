# expect: tests/scenario/bad/sem-user-top.mms:5:8: error: range 0x7ffffffff000-0x800000001000 goes beyond the user address space (0x800000000000)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x7ffffffff000 +8K anon
