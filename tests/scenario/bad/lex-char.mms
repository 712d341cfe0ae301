# expect: tests/scenario/bad/lex-char.mms:4:12: error: unexpected character '@'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process p1 @
