# expect: tests/scenario/bad/sem-op-context.mms:6:2: error: 'dma' cannot run in a process thread (only in device threads)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	dma read 0x1000
}
