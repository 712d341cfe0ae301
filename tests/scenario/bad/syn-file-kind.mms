# expect: tests/scenario/bad/syn-file-kind.mms:4:8: error: unknown file kind 'ext4'
# SPDX-License-Identifier: GPL-2.0-only
scenario x
file f ext4 size 4M
