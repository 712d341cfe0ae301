# expect: tests/scenario/bad/sem-thread-cpu.mms:6:15: error: no cpu 4: the machine has 4 cpus (0-3)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
machine cpus 4
thread t1 cpu 4 process p1 {
}
