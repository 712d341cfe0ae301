// SPDX-License-Identifier: GPL-2.0-only
/* Shared helpers for tests (kept in one object linked into each test). */
#include "tests/tap.h"
