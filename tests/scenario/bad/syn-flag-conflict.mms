# expect: tests/scenario/bad/syn-flag-conflict.mms:5:31: error: conflicting mapping flag 'private' after 'shared'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
map p1 0x1000 +4K anon shared private
