# SPDX-License-Identifier: GPL-2.0-only
# Half of an include cycle (used by ../inc-cycle.mms).
include "cycle-b.mms"
