# expect: tests/scenario/bad/syn-expect.mms:4:8: error: unknown expectation 'nonne'; did you mean 'none'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
expect nonne
