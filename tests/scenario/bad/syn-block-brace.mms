# expect: tests/scenario/bad/syn-block-brace.mms:5:21: error: expected '{', found end of line
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1
