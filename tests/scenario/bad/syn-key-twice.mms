# expect: tests/scenario/bad/syn-key-twice.mms:4:16: error: 'cpus' given twice
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine cpus 2 cpus 4
