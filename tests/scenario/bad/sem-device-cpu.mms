# expect: tests/scenario/bad/sem-device-cpu.mms:6:14: error: a device thread runs on its device, not on a CPU
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
mmu m0 kvm p1
thread d cpu 0 device m0 {
}
