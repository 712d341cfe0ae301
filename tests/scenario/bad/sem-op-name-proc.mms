# expect: tests/scenario/bad/sem-op-name-proc.mms:4:9: error: process name 'read' is also an operation name
# SPDX-License-Identifier: GPL-2.0-only
scenario x
process read
