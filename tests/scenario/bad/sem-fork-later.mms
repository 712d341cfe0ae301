# expect: tests/scenario/bad/sem-fork-later.mms:4:17: error: process 'p2' forks from 'p3', which is declared later
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process p2 fork p3
process p3
