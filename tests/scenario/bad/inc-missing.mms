# expect: tests/scenario/bad/inc-missing.mms:4:9: error: cannot include "inc/nope.mms": No such file or directory
# SPDX-License-Identifier: GPL-2.0-only
scenario x
include "inc/nope.mms"
