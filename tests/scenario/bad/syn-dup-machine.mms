# expect: tests/scenario/bad/syn-dup-machine.mms:5:1: error: duplicate 'machine' statement (first at tests/scenario/bad/syn-dup-machine.mms:4:1)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine cpus 2
machine memory 1G
