# expect: tests/scenario/bad/syn-file-no-size.mms:4:13: error: expected 'size SIZE', found end of line
# SPDX-License-Identifier: GPL-2.0-only
scenario x
file f shmem
