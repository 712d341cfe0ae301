# expect: tests/scenario/bad/syn-dup-era.mms:5:1: error: duplicate 'era' statement (first at tests/scenario/bad/syn-dup-era.mms:4:5)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
era v4.4
era v4.19
