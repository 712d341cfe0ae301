# expect: tests/scenario/bad/lex-overflow-suffix.mms:4:16: error: number '0x4000000000000G' does not fit in 64 bits
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine memory 0x4000000000000G
