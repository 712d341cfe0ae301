# expect: tests/scenario/bad/sem-dup-thread.mms:7:8: error: duplicate thread name 't1' (first at tests/scenario/bad/sem-dup-thread.mms:5:8)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
}
thread t1 kernel {
}
