# expect: tests/scenario/bad/syn-flag-twice.mms:5:28: error: mapping flag 'thp' given twice
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x1000 +4K anon thp thp
