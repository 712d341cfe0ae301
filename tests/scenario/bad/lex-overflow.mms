# expect: tests/scenario/bad/lex-overflow.mms:4:16: error: number '99999999999999999999' does not fit in 64 bits
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine memory 99999999999999999999
