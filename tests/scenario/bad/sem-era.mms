# expect: tests/scenario/bad/sem-era.mms:4:5: error: unknown era 'v4.5'; did you mean 'v4.4'?
# SPDX-License-Identifier: GPL-2.0-only
scenario x
era v4.5
