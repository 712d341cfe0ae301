# expect: tests/scenario/bad/lex-upper.mms:4:9: error: 'P1': names and keywords are lower case
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process P1
