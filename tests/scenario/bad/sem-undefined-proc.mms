# expect: tests/scenario/bad/sem-undefined-proc.mms:5:5: error: undefined process 'p2'; did you mean 'p1'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p2 0x1000 +4K anon
