# expect: tests/scenario/bad/syn-op-outside.mms:5:1: error: operation 'write' outside a block: operations go in a 'setup' or 'thread' block
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
write 0x1000
