# SPDX-License-Identifier: GPL-2.0-only
# The other half of the include cycle.
include "cycle-a.mms"
