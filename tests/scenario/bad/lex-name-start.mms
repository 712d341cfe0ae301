# expect: tests/scenario/bad/lex-name-start.mms:4:9: error: a name cannot start with '-'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process -p
