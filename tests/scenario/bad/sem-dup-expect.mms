# expect: tests/scenario/bad/sem-dup-expect.mms:5:1: error: duplicate expectation for every era (first at tests/scenario/bad/sem-dup-expect.mms:4:1)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
expect none
expect violation uaf
