# expect: tests/scenario/bad/sem-missing-scenario.mms:1:1: error: missing 'scenario NAME' statement
# SPDX-License-Identifier: GPL-2.0-only
process p1
