# expect: tests/scenario/bad/lex-string.mms:4:9: error: unterminated string
# SPDX-License-Identifier: GPL-2.0-only
scenario x
include "common.mms
