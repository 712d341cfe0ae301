# expect: tests/scenario/bad/inc/cycle-b.mms:3:9: error: include cycle: tests/scenario/bad/inc/cycle-a.mms -> tests/scenario/bad/inc/cycle-b.mms -> tests/scenario/bad/inc/cycle-a.mms
# SPDX-License-Identifier: GPL-2.0-only
scenario x
include "inc/cycle-a.mms"
