# expect: tests/scenario/bad/sem-dup-proc.mms:5:9: error: duplicate process name 'p1' (first at tests/scenario/bad/sem-dup-proc.mms:4:9)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
process p1
