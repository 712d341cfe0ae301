# expect: tests/scenario/bad/sem-memory-align.mms:4:16: error: memory must be a non-zero multiple of 4K, not 1000
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine memory 1000
