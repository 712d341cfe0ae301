# expect: tests/scenario/bad/syn-include-name.mms:4:9: error: expected a file name in double quotes, found 'common.mms'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
include common.mms
