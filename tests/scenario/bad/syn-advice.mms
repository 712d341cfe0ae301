# expect: tests/scenario/bad/syn-advice.mms:6:21: error: unknown madvise advice 'dontned'; did you mean 'dontneed'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	madvise 0x1000 +4K dontned
}
