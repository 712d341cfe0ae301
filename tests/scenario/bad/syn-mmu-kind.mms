# expect: tests/scenario/bad/syn-mmu-kind.mms:5:8: error: unknown mmu kind 'odpp'; did you mean 'odp'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
mmu m0 odpp p1
