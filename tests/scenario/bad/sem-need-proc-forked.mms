# expect: tests/scenario/bad/sem-need-proc-forked.mms:5:2: error: 'fork' in the setup block needs a process: name it first, as in 'c1 fork ...'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
setup {
	fork c1
	fork c2
	migrate 0x1000
}
