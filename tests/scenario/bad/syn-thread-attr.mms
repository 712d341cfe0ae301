# expect: tests/scenario/bad/syn-thread-attr.mms:5:11: error: unknown thread attribute 'kernal'; did you mean 'kernel'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 kernal {
}
