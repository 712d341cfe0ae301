# expect: tests/scenario/bad/syn-map-flag.mms:5:24: error: unknown mapping flag 'rww'; did you mean 'rw'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x1000 +4K anon rww
