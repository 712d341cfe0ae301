# expect: tests/scenario/bad/syn-dup-scenario.mms:5:1: error: duplicate 'scenario' statement (first at tests/scenario/bad/syn-dup-scenario.mms:3:1)
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
scenario again
