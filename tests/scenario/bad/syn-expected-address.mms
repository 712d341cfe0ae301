# expect: tests/scenario/bad/syn-expected-address.mms:6:7: error: expected an address (e.g. 0x40000000), found '+'
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	read +4K
}
