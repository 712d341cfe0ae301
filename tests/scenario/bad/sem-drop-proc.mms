# expect: tests/scenario/bad/sem-drop-proc.mms:7:2: error: 'write' in a process thread acts on its own process: drop 'p2'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
process p2
thread t1 process p1 {
	p2 write 0x1000
}
