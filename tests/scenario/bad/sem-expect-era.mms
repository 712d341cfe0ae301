# expect: tests/scenario/bad/sem-expect-era.mms:4:8: error: unknown era 'v4.20'; did you mean 'v4.4'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
expect v4.20 none
