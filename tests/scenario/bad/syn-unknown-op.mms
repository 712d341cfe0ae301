# expect: tests/scenario/bad/syn-unknown-op.mms:6:2: error: unknown operation 'wirte'; did you mean 'write'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	wirte 0x1000
}
