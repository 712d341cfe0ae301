# expect: tests/scenario/bad/syn-thread-kind-twice.mms:5:18: error: thread kind given twice
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 kernel process p1 {
}
