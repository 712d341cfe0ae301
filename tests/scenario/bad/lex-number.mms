# expect: tests/scenario/bad/lex-number.mms:4:16: error: malformed number '12Q' (write e.g. 4096, 0x1000, 2M)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine memory 12Q
