# expect: tests/scenario/bad/syn-machine-empty.mms:4:8: error: expected 'cpus N' or 'memory SIZE', found end of line
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine
