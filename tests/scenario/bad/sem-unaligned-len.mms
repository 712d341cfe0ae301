# expect: tests/scenario/bad/sem-unaligned-len.mms:5:15: error: length 6000 is not a multiple of 4K
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x1000 +6000 anon
