# expect: tests/scenario/bad/sem-cpus.mms:4:14: error: cpus must be between 1 and 64, not 65
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine cpus 65
