# expect: tests/scenario/bad/syn-unknown-stmt.mms:4:1: error: unknown statement 'proces'; did you mean 'process'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
proces p1
