# expect: tests/scenario/bad/sem-undefined-file.mms:6:24: error: undefined file 'dat'; did you mean 'data'?
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
file data shmem size 8M
map p1 0x1000 +4K file dat shared
