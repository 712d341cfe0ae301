# expect: tests/scenario/bad/sem-pool-memory.mms:4:16: error: memory 16M is smaller than the hugetlb pools (32M)
# SPDX-License-Identifier: GPL-2.0-only
scenario x
machine memory 16M
hugetlb pool 2M 16
