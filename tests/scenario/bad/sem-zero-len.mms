# expect: tests/scenario/bad/sem-zero-len.mms:5:15: error: zero length
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x1000 +0 anon
